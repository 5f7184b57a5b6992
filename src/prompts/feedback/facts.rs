//! The facts every feedback prompt is sent with, computed from the item the prompt is opened
//! on and from all items and themes: the item (account, source, score, dated stages, age,
//! overdue flag, owner, themes), its account (tier, ARR, renewal), its themes' figures, and
//! the health-report figures of the user's current month (NPS, stage counts, time to
//! acknowledge, overdue counts, checks against the targets, highest-risk open items). Plus
//! the record-reading helpers the feedback prompts' prefills share. Integers only.

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::account::{Account, DEFAULT_CURRENCY};
use crate::domain::feedback::stats::{
    format_tenths, health_report, highest_risk, nps, overdue, reached, received_at, theme_figures,
    HealthReport, NpsSummary, Overdue, ThemeFigures, ACK_HOURS,
};
use crate::domain::feedback::{FeedbackItem, Stage, Theme};
use crate::domain::form::Coded;
use crate::domain::listing::format_money;
use crate::domain::record::{excerpt, AccountIndex, AnyRecord};
use crate::domain::time::parse_iso_date;
use crate::i18n::{Lang, Msg};
use crate::prompts::onboarding::facts::{list, local_today, sep};
use crate::prompts::{PromptRequest, RecordContext};

/// Highest-risk open items listed in the facts.
const RISK_ITEMS: usize = 5;
/// Top themes listed for the month.
const TOP_THEMES: usize = 5;
/// Characters of a verbatim quoted inside a line.
const QUOTE_CHARS: usize = 90;

/// The feedback item a prompt is opened on, with its account when the link resolves.
pub fn item<'a>(ctx: &RecordContext<'a>) -> Option<(&'a FeedbackItem, Option<&'a Account>)> {
    match ctx.record {
        AnyRecord::Feedback(f) => Some((f, ctx.accounts.get(&f.account_id))),
        _ => None,
    }
}

/// The user's month when the prompt is opened, as (year, month).
pub fn local_month(ctx: &RecordContext) -> (i32, u32) {
    let today = local_today(ctx);
    (today.year(), today.month())
}

/// "2026-11".
pub fn month_text((year, month): (i32, u32)) -> String {
    format!("{year}-{month:02}")
}

/// The currency figures are written in: the account's, else the default.
pub fn currency(account: Option<&Account>) -> &str {
    account.map_or(DEFAULT_CURRENCY, |a| a.currency.as_str())
}

/// "3 (60.0%)", or the count alone when there is nothing to divide by.
pub fn count_pct(n: usize, pct: Option<i64>, lang: Lang) -> String {
    match pct {
        Some(p) => Msg::FpCountPct.fill(lang, &[("n", &n.to_string()), ("pct", &format_tenths(p))]),
        None => n.to_string(),
    }
}

/// Tenths of days as "1.5 days", or "not tracked".
pub fn days_text(tenths: Option<i64>, lang: Lang) -> String {
    tenths.map_or_else(
        || Msg::FpNotTracked.text(lang).to_string(),
        |t| Msg::FpDays.fill(lang, &[("n", &format_tenths(t))]),
    )
}

/// The NPS group of a score.
pub fn group(score: u8) -> Msg {
    match score {
        9.. => Msg::FpPromoter,
        7 | 8 => Msg::FpPassive,
        _ => Msg::FpDetractor,
    }
}

/// "2027-01-22 (in 60 days)", or that it is not recorded.
pub fn renewal_text(account: Option<&Account>, today: NaiveDate, lang: Lang) -> String {
    match account.and_then(|a| a.renewal_date) {
        Some(date) => {
            let days = (date - today).num_days();
            let msg = if days < 0 {
                Msg::FpRenewalPast
            } else {
                Msg::FpRenewalIn
            };
            msg.fill(
                lang,
                &[("date", &date.to_string()), ("n", &days.abs().to_string())],
            )
        }
        None => Msg::PlanContextNoRenewal.text(lang).to_string(),
    }
}

/// A theme's name by id (the id when the theme is gone).
pub fn theme_name<'a>(themes: &'a [Theme], id: &'a str) -> &'a str {
    themes
        .iter()
        .find(|t| t.id == id)
        .map_or(id, |t| t.name.trim())
}

/// A theme's figures on one line: items, accounts, ARR, skew with its split, renewals.
pub fn theme_line(f: &ThemeFigures, name: &str, lang: Lang) -> String {
    Msg::FpThemeLine.fill(
        lang,
        &[
            ("theme", name),
            ("items", &f.items.to_string()),
            ("accounts", &f.accounts.to_string()),
            ("arr", &f.arr.text(lang)),
            ("skew", f.skew.label().text(lang)),
            ("promoters", &f.split.promoters.to_string()),
            ("passives", &f.split.passives.to_string()),
            ("detractors", &f.split.detractors.to_string()),
            ("renewals", &f.renewals_6m.to_string()),
        ],
    )
}

/// "0.0 from 5 responses: 2 promoters (9–10), 1 passive (7–8), 2 detractors (0–6)".
pub fn nps_text(s: &NpsSummary, lang: Lang) -> String {
    match s.nps_tenths {
        Some(t) => Msg::FpNpsValue.fill(
            lang,
            &[
                ("nps", &format_tenths(t)),
                ("responses", &s.responses.to_string()),
                ("promoters", &s.promoters.to_string()),
                ("passives", &s.passives.to_string()),
                ("detractors", &s.detractors.to_string()),
            ],
        ),
        None => Msg::FpNpsNone.text(lang).to_string(),
    }
}

/// An item as a verbatim line for analysis: `[id] 3/10 · account · USD 120,000 · words`
/// (score and ARR left out when unknown).
pub fn verbatim_line(item: &FeedbackItem, accounts: &AccountIndex) -> String {
    let account = accounts.get(&item.account_id);
    let mut parts = vec![format!("[{}]", item.id)];
    let mut meta: Vec<String> = item.score.map(|s| format!("{s}/10")).into_iter().collect();
    if let Some(a) = account {
        meta.push(a.name.trim().to_string());
        if a.arr > 0 {
            meta.push(format_money(a.arr, &a.currency));
        }
    }
    meta.push(
        item.verbatim
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    parts.push(meta.join(" · "));
    parts.join(" ")
}

/// The month's figures: the items received in it, their NPS and the domain's health report.
pub struct Month<'a> {
    pub year: i32,
    pub month: u32,
    /// The items received in the month.
    pub items: Vec<&'a FeedbackItem>,
    /// NPS of their scores.
    pub nps: NpsSummary,
    /// The domain's health report of the month, as of `now`.
    pub report: HealthReport,
}

impl<'a> Month<'a> {
    /// The figures of the user's current month among `ctx.feedback`.
    pub fn of(ctx: &RecordContext<'a>) -> Self {
        let (year, month) = local_month(ctx);
        let items: Vec<&FeedbackItem> = ctx
            .feedback
            .iter()
            .filter(|i| i.received_on.year() == year && i.received_on.month() == month)
            .collect();
        Self {
            year,
            month,
            nps: nps(items.iter().filter_map(|i| i.score), None),
            report: health_report(ctx.feedback, ctx.accounts, year, month, ctx.now),
            items,
        }
    }

    fn count(&self, f: impl Fn(&FeedbackItem) -> bool) -> usize {
        self.items.iter().filter(|i| f(i)).count()
    }

    /// Items with a theme, routed, answered by product, acknowledged within 48 hours.
    pub fn counts(&self) -> [usize; 4] {
        [
            self.count(|i| !i.theme_ids.is_empty()),
            self.count(|i| reached(i, Stage::Routed).is_some()),
            self.count(|i| {
                reached(i, Stage::Routed).is_some() && reached(i, Stage::ProductResponded).is_some()
            }),
            self.count(|i| {
                reached(i, Stage::Acknowledged)
                    .is_some_and(|t| t - received_at(i) <= Duration::hours(ACK_HOURS))
            }),
        ]
    }

    /// The health figures as (label, value), the labels the health report's fields use too.
    pub fn figures(&self, lang: Lang) -> Vec<(Msg, String)> {
        let r = &self.report;
        let [themed, routed, answered, acked] = self.counts();
        vec![
            (Msg::FpFactReceived, r.received.to_string()),
            (
                Msg::FpFactCategorised,
                count_pct(themed, r.categorised_pct, lang),
            ),
            (Msg::StageRouted, count_pct(routed, r.routed_pct, lang)),
            (
                Msg::FpFactAnswered,
                count_pct(answered, r.answered_pct, lang),
            ),
            (
                Msg::FpFactAck48,
                count_pct(acked, r.acknowledged_48h_pct, lang),
            ),
            (Msg::FpFactLoopsClosed, r.loops_closed.to_string()),
            (Msg::FpFactMeanAck, days_text(r.mean_days_to_ack, lang)),
            (
                Msg::FpFactMeanAnswer,
                days_text(r.mean_days_to_answer, lang),
            ),
        ]
    }
}

/// Top themes of the month by ARR, one "theme: n items, ARR" line each.
pub fn top_themes(ctx: &RecordContext, month: &Month, lang: Lang) -> String {
    let items: Vec<FeedbackItem> = month.items.iter().map(|i| (*i).clone()).collect();
    let figures = theme_figures(ctx.themes, &items, ctx.accounts, local_today(ctx));
    figures
        .iter()
        .filter(|f| f.items > 0)
        .take(TOP_THEMES)
        .map(|f| {
            Msg::FpTopThemeLine.fill(
                lang,
                &[
                    ("theme", theme_name(ctx.themes, &f.theme_id)),
                    ("items", &f.items.to_string()),
                    ("arr", &f.arr.text(lang)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The figures of a set of items as one theme (the domain's `theme_figures`).
pub fn figures_of(
    items: &[&FeedbackItem],
    accounts: &AccountIndex,
    today: NaiveDate,
) -> Option<ThemeFigures> {
    const ALL: &str = "*";
    let theme = Theme {
        id: ALL.into(),
        name: String::new(),
        description: String::new(),
        created_at: Default::default(),
    };
    let marked: Vec<FeedbackItem> = items
        .iter()
        .map(|i| FeedbackItem {
            theme_ids: vec![ALL.into()],
            ..(*i).clone()
        })
        .collect();
    theme_figures(&[theme], &marked, accounts, today).pop()
}

/// The items of the item's first theme (the item alone when it has none), with the theme's
/// name (empty then).
pub fn theme_items<'a>(
    ctx: &RecordContext<'a>,
    item: &'a FeedbackItem,
) -> (String, Vec<&'a FeedbackItem>) {
    match item.theme_ids.first() {
        Some(id) => (
            theme_name(ctx.themes, id).to_string(),
            ctx.feedback
                .iter()
                .filter(|i| i.theme_ids.contains(id))
                .collect(),
        ),
        None => (String::new(), vec![item]),
    }
}

/// Items now overdue for acknowledgement and for a product answer.
pub fn overdue_counts(ctx: &RecordContext) -> (usize, usize) {
    let flags: Vec<Option<Overdue>> = ctx.feedback.iter().map(|i| overdue(i, ctx.now)).collect();
    let n = |o| flags.iter().filter(|f| **f == Some(o)).count();
    (n(Overdue::NotAcknowledged), n(Overdue::NoProductAnswer))
}

/// The highest-risk open items, one line each: account, stage, age, renewal, verbatim.
pub fn risk_lines(ctx: &RecordContext, lang: Lang) -> String {
    let today = local_today(ctx);
    highest_risk(ctx.feedback, ctx.accounts, today, RISK_ITEMS)
        .iter()
        .map(|i| {
            let account = ctx.accounts.get(&i.account_id);
            Msg::FpRiskLine.fill(
                lang,
                &[
                    ("account", &ctx.accounts.name(&i.account_id)),
                    ("stage", i.stage.label().text(lang)),
                    ("date", &i.received_on.to_string()),
                    ("n", &(today - i.received_on).num_days().to_string()),
                    ("renewal", &renewal_text(account, today, lang)),
                    ("verbatim", &excerpt(&i.verbatim, QUOTE_CHARS)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The figure a check reads, as written into its texts, and whether it misses the target;
/// `None` when it cannot be told.
type Reading = Option<(String, bool)>;

/// A check of the month (and of the items overdue now) against a target: its gap, what went
/// well instead, the fix.
struct Check {
    test: fn(&HealthReport, usize) -> Reading,
    gap: Msg,
    well: Msg,
    fix: Msg,
}

/// Share (tenths) at or above which acknowledgement and categorisation are on target.
const ON_TARGET_TENTHS: i64 = 900;
/// Share (tenths) of routed items answered by product at or above which that is on target.
const ANSWERED_TENTHS: i64 = 500;

const CHECKS: &[Check] = &[
    Check {
        test: |r, _| {
            r.acknowledged_48h_pct
                .map(|p| (format_tenths(p), p < ON_TARGET_TENTHS))
        },
        gap: Msg::FpGapAck,
        well: Msg::FpWellAck,
        fix: Msg::FpFixAck,
    },
    Check {
        test: |r, _| {
            r.categorised_pct
                .map(|p| (format_tenths(p), p < ON_TARGET_TENTHS))
        },
        gap: Msg::FpGapCategorised,
        well: Msg::FpWellCategorised,
        fix: Msg::FpFixCategorised,
    },
    Check {
        test: |r, _| {
            r.answered_pct
                .map(|p| (format_tenths(p), p < ANSWERED_TENTHS))
        },
        gap: Msg::FpGapAnswered,
        well: Msg::FpWellAnswered,
        fix: Msg::FpFixAnswered,
    },
    Check {
        test: |_, overdue| Some((overdue.to_string(), overdue > 0)),
        gap: Msg::FpGapOverdue,
        well: Msg::FpWellOverdue,
        fix: Msg::FpFixOverdue,
    },
    Check {
        test: |r, _| {
            let n = r.open_old_near_renewal;
            Some((n.to_string(), n > 0))
        },
        gap: Msg::FpGapRenewal,
        well: Msg::FpWellRenewal,
        fix: Msg::FpFixRenewal,
    },
];

/// What went well, the gaps and the improvements, by the checks against the targets.
fn checks(report: &HealthReport, overdue: usize, lang: Lang) -> [Vec<String>; 3] {
    let mut out: [Vec<String>; 3] = Default::default();
    for c in CHECKS {
        let Some((n, missed)) = (c.test)(report, overdue) else {
            continue;
        };
        if missed {
            out[1].push(c.gap.fill(lang, &[("n", &n)]));
            out[2].push(c.fix.text(lang).to_string());
        } else {
            out[0].push(c.well.fill(lang, &[("n", &n)]));
        }
    }
    out
}

/// The facts of a feedback prompt (see the module comment); empty for other records.
pub fn facts(ctx: &RecordContext, lang: Lang) -> Vec<(Msg, String)> {
    let Some((item, account)) = item(ctx) else {
        return Vec::new();
    };
    let today = local_today(ctx);
    let money = currency(account);
    let mut facts = Vec::new();
    let mut push = |label: Msg, value: String| {
        if !value.trim().is_empty() {
            facts.push((label, value));
        }
    };
    push(Msg::ObFactToday, today.to_string());
    push(Msg::FieldAccount, ctx.accounts.name(&item.account_id));
    push(Msg::FieldSource, item.source.label().text(lang).to_string());
    push(
        Msg::FieldScore,
        item.score
            .map(|s| {
                Msg::FpScoreValue.fill(
                    lang,
                    &[("score", &s.to_string()), ("group", group(s).text(lang))],
                )
            })
            .unwrap_or_default(),
    );
    push(Msg::FieldVerbatim, item.verbatim.trim().to_string());
    push(Msg::FieldStage, item.stage.label().text(lang).to_string());
    push(
        Msg::FpFactHistory,
        item.stage_history
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c.stage.label().text(lang),
                    ctx.zone.local_date(c.at)
                )
            })
            .collect::<Vec<_>>()
            .join(" → "),
    );
    push(
        Msg::ColumnAge,
        Msg::FpFactAgeValue.fill(
            lang,
            &[
                ("date", &item.received_on.to_string()),
                ("n", &(today - item.received_on).num_days().to_string()),
            ],
        ),
    );
    push(
        Msg::FpFactOverdue,
        overdue(item, ctx.now)
            .map_or(Msg::NoSignals, Overdue::label)
            .text(lang)
            .to_string(),
    );
    push(Msg::FieldOwner, item.owner.trim().to_string());
    push(
        Msg::StoreThemes,
        if item.theme_ids.is_empty() {
            Msg::FpNoTheme.text(lang).to_string()
        } else {
            item.theme_ids
                .iter()
                .map(|id| theme_name(ctx.themes, id))
                .collect::<Vec<_>>()
                .join(sep(lang))
        },
    );
    if let Some(a) = account {
        push(Msg::FieldTier, a.tier.label().text(lang).to_string());
        push(Msg::FieldArr, format_money(a.arr, money));
        push(Msg::FieldRenewalDate, renewal_text(account, today, lang));
    }
    push(
        Msg::FpFactThemeFigures,
        theme_figures(ctx.themes, ctx.feedback, ctx.accounts, today)
            .iter()
            .filter(|f| item.theme_ids.contains(&f.theme_id))
            .map(|f| theme_line(f, theme_name(ctx.themes, &f.theme_id), lang))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let month = Month::of(ctx);
    push(Msg::FpFactMonth, month_text((month.year, month.month)));
    push(Msg::FpFactNps, nps_text(&month.nps, lang));
    for (label, value) in month.figures(lang) {
        push(label, value);
    }
    push(
        Msg::FpFactPerStage,
        Stage::ALL
            .iter()
            .filter_map(|stage| {
                let n = ctx.feedback.iter().filter(|i| i.stage == *stage).count();
                (n > 0).then(|| {
                    Msg::ObFactLabelled.fill(
                        lang,
                        &[
                            ("label", stage.label().text(lang)),
                            ("text", &n.to_string()),
                        ],
                    )
                })
            })
            .collect::<Vec<_>>()
            .join(sep(lang)),
    );
    let (ack, product) = overdue_counts(ctx);
    push(
        Msg::FpFactOverdueNow,
        Msg::FpOverdueCounts.fill(
            lang,
            &[("ack", &ack.to_string()), ("product", &product.to_string())],
        ),
    );
    push(
        Msg::FpFactOpenNearRenewal,
        month.report.open_old_near_renewal.to_string(),
    );
    push(Msg::FpFactTopThemes, top_themes(ctx, &month, lang));
    push(
        Msg::FpFactHighestRisk,
        items(risk_lines(ctx, lang).lines().map(str::to_string).collect()),
    );
    let [well, gaps, fixes] = checks(&month.report, ack + product, lang);
    push(Msg::FpFactWentWell, items(well));
    push(Msg::FpFactGaps, items(gaps));
    push(Msg::FpFactImprovements, items(fixes));
    facts
}

/// Several entries as a `- ` list; a single one as it is.
fn items(entries: Vec<String>) -> String {
    match entries.len() {
        1 => entries.concat(),
        _ => list(entries.into_iter()),
    }
}

impl PromptRequest<'_> {
    /// The date `n` days after today (the fact), or "Day n" when today is not known.
    pub(crate) fn day_after(&self, n: i64) -> String {
        self.fact(Msg::ObFactToday)
            .and_then(parse_iso_date)
            .map_or_else(
                || Msg::PlanDay.fill(self.lang, &[("n", &n.to_string())]),
                |d| (d + Duration::days(n)).to_string(),
            )
    }

    /// A fact, or the "not computed" note.
    pub(crate) fn fact_or_missing(&self, label: Msg) -> String {
        self.fact(label)
            .filter(|v| !v.trim().is_empty())
            .map_or_else(
                || self.text(Msg::FpFactsMissing).to_string(),
                |v| v.trim().to_string(),
            )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::account::Tier;
    use crate::domain::feedback::stats::Skew;
    use crate::domain::feedback::Source;
    use chrono::{DateTime, FixedOffset, TimeZone, Utc};

    pub fn day(m: u32, d: u32) -> NaiveDate {
        let y = if m >= 9 { 2026 } else { 2027 };
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap()
    }

    /// 2026-11-23 01:00 UTC: Monday 23 November, 09:00 in UTC+8.
    pub fn now() -> DateTime<Utc> {
        at(11, 23, 1)
    }

    /// Acme (Enterprise, 120,000, renews in 60 days), Beta (Mid-market, 50,000, in 200 days),
    /// Cobalt (Strategic, 300,000, in 98 days).
    pub fn accounts() -> AccountIndex {
        let make = |id: &str, name: &str, tier, arr, renewal| {
            let mut a = Account::new(id.into(), now());
            a.name = name.into();
            a.tier = tier;
            a.arr = arr;
            a.renewal_date = Some(renewal);
            a
        };
        AccountIndex::new([
            make("a1", "Acme", Tier::Enterprise, 120_000, day(1, 22)),
            make("a2", "Beta", Tier::MidMarket, 50_000, day(6, 11)),
            make("a3", "Cobalt", Tier::Strategic, 300_000, day(3, 1)),
        ])
    }

    pub fn themes() -> Vec<Theme> {
        let make = |id: &str, name: &str| Theme {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            created_at: now(),
        };
        vec![make("t1", "Export speed"), make("t2", "Audit reporting")]
    }

    fn item(
        id: &str,
        account: &str,
        score: Option<u8>,
        themes: &[&str],
        verbatim: &str,
        stages: &[(Stage, DateTime<Utc>)],
    ) -> FeedbackItem {
        let mut f = FeedbackItem::new(id.into(), now());
        f.account_id = account.into();
        f.source = if score.is_some() {
            Source::Nps
        } else {
            Source::Qbr
        };
        f.score = score;
        f.received_on = stages[0].1.date_naive();
        f.verbatim = verbatim.into();
        f.theme_ids = themes.iter().map(|t| t.to_string()).collect();
        for (stage, when) in stages {
            f.move_to(*stage, *when);
        }
        f
    }

    /// Six items: f1 (Acme, 3, routed, the one prompts open on), f2 (Beta, 6, not
    /// acknowledged), f3 (Cobalt, 9, acknowledged), f4 (Acme QBR from September, routed 53
    /// days ago), f5 (Cobalt, 10, loop closed), f6 (Beta, 8, no theme, not acknowledged).
    pub fn items() -> Vec<FeedbackItem> {
        use Stage::*;
        vec![
            item(
                "f1",
                "a1",
                Some(3),
                &["t1"],
                "Export is too slow for our month-end reports; we export by hand as a workaround.",
                &[
                    (Received, at(11, 2, 9)),
                    (Acknowledged, at(11, 3, 10)),
                    (Routed, at(11, 5, 9)),
                ],
            ),
            item(
                "f2",
                "a2",
                Some(6),
                &["t1"],
                "The export times out on large reports. We may switch to a competitor.",
                &[(Received, at(11, 10, 8))],
            ),
            item(
                "f3",
                "a3",
                Some(9),
                &["t2"],
                "Great support team, but audit reports lack fields.",
                &[(Received, at(11, 15, 8)), (Acknowledged, at(11, 15, 12))],
            ),
            item(
                "f4",
                "a1",
                None,
                &["t2"],
                "Audit trail export lacks the fields our auditors need.",
                &[
                    (Received, at(9, 20, 8)),
                    (Acknowledged, at(9, 21, 8)),
                    (Routed, at(10, 1, 8)),
                ],
            ),
            item(
                "f5",
                "a3",
                Some(10),
                &["t1"],
                "The new export engine is fast, thank you.",
                &[
                    (Received, at(11, 18, 8)),
                    (Acknowledged, at(11, 18, 9)),
                    (Routed, at(11, 18, 10)),
                    (ProductResponded, at(11, 19, 10)),
                    (Shipped, at(11, 19, 12)),
                    (LoopClosed, at(11, 20, 8)),
                ],
            ),
            item(
                "f6",
                "a2",
                Some(8),
                &[],
                "Export is fine, reports could be faster.",
                &[(Received, at(11, 20, 2))],
            ),
        ]
    }

    pub const EAST8: FixedOffset = FixedOffset::east_opt(8 * 3600).unwrap();

    /// The data a context borrows.
    pub struct Data {
        pub record: AnyRecord,
        pub accounts: AccountIndex,
        pub items: Vec<FeedbackItem>,
        pub themes: Vec<Theme>,
    }

    /// The fixture, opened on `id`.
    pub fn data(id: &str) -> Data {
        let items = items();
        let record = AnyRecord::Feedback(items.iter().find(|i| i.id == id).unwrap().clone());
        Data {
            record,
            accounts: accounts(),
            items,
            themes: themes(),
        }
    }

    impl Data {
        pub fn context(&self) -> RecordContext<'_> {
            context(&self.record, &self.accounts, &self.items, &self.themes)
        }
    }

    pub fn context<'a>(
        record: &'a AnyRecord,
        accounts: &'a AccountIndex,
        feedback: &'a [FeedbackItem],
        themes: &'a [Theme],
    ) -> RecordContext<'a> {
        RecordContext {
            record,
            accounts,
            now: now(),
            zone: &EAST8,
            feedback,
            themes,
        }
    }

    /// The facts of the fixture opened on f1.
    pub fn sample_facts(lang: Lang) -> Vec<(Msg, String)> {
        facts(&data("f1").context(), lang)
    }

    pub fn fact(facts: &[(Msg, String)], label: Msg) -> Option<&str> {
        facts
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn facts_describe_the_item_and_its_account() {
        let en = sample_facts(Lang::En);
        assert_eq!(fact(&en, Msg::ObFactToday), Some("2026-11-23"));
        assert_eq!(fact(&en, Msg::FieldAccount), Some("Acme"));
        assert_eq!(fact(&en, Msg::FieldScore), Some("3/10 (detractor)"));
        assert_eq!(
            fact(&en, Msg::FpFactHistory),
            Some("Received 2026-11-02 → Acknowledged 2026-11-03 → Routed to product 2026-11-05")
        );
        assert_eq!(
            fact(&en, Msg::ColumnAge),
            Some("received 2026-11-02, 21 days ago")
        );
        assert_eq!(fact(&en, Msg::FpFactOverdue), Some("none"));
        assert_eq!(fact(&en, Msg::StoreThemes), Some("Export speed"));
        assert_eq!(fact(&en, Msg::FieldArr), Some("USD 120,000"));
        assert_eq!(
            fact(&en, Msg::FieldRenewalDate),
            Some("2027-01-22 (in 60 days)")
        );
        let zh = sample_facts(Lang::Zh);
        assert_eq!(fact(&zh, Msg::FieldScore), Some("3/10（批评者）"));
        assert_eq!(fact(&zh, Msg::FieldTier), Some("企业客户"));
    }

    #[test]
    fn overdue_flags_follow_the_domain_rules() {
        for (id, flag) in [
            ("f2", Overdue::NotAcknowledged),
            ("f4", Overdue::NoProductAnswer),
        ] {
            let d = data(id);
            let facts = facts(&d.context(), Lang::En);
            assert_eq!(
                fact(&facts, Msg::FpFactOverdue),
                Some(flag.label().text(Lang::En)),
                "{id}"
            );
        }
        let en = sample_facts(Lang::En);
        let (ack, product) = overdue_counts(&data("f1").context());
        assert_eq!((ack, product), (2, 1));
        assert_eq!(
            fact(&en, Msg::FpFactOverdueNow),
            Some(
                format!("{ack} not acknowledged within 48 h; {product} without a product answer after 30 days")
                    .as_str()
            )
        );
    }

    #[test]
    fn theme_figures_give_arr_skew_and_renewals() {
        let figures = theme_figures(&themes(), &items(), &accounts(), day(11, 23));
        let t1 = figures.iter().find(|f| f.theme_id == "t1").unwrap();
        // Acme 120,000 + Beta 50,000 + Cobalt 300,000; Acme and Cobalt renew within 6 months.
        assert_eq!(
            (t1.items, t1.accounts, t1.arr.text(Lang::En)),
            (3, 3, "USD 470,000".to_string())
        );
        assert_eq!((t1.skew, t1.renewals_6m), (Skew::Detractors, 2));
        for lang in Lang::ALL {
            let facts = sample_facts(lang);
            let line = fact(&facts, Msg::FpFactThemeFigures).unwrap();
            assert_eq!(line, theme_line(t1, "Export speed", lang));
            assert!(line.contains("USD 470,000") && line.contains(t1.skew.label().text(lang)));
        }
        assert!(fact(&sample_facts(Lang::En), Msg::FpFactThemeFigures)
            .unwrap()
            .contains("2 of those accounts renew within 6 months"));
    }

    #[test]
    fn the_month_gives_nps_and_the_health_figures() {
        let d = data("f1");
        let ctx = d.context();
        let month = Month::of(&ctx);
        assert_eq!((month.year, month.month, month.items.len()), (2026, 11, 5));
        let scores = [3, 6, 9, 10, 8];
        assert_eq!(month.nps, nps(scores, None));
        let en = sample_facts(Lang::En);
        assert_eq!(fact(&en, Msg::FpFactMonth), Some("2026-11"));
        let expected = nps_text(&nps(scores, None), Lang::En);
        assert_eq!(fact(&en, Msg::FpFactNps), Some(expected.as_str()));
        assert!(expected.starts_with("0.0 from 5 responses: 2 promoters"));
        let r = health_report(&d.items, &d.accounts, 2026, 11, now());
        assert_eq!(fact(&en, Msg::FpFactReceived), Some("5"));
        assert_eq!(
            fact(&en, Msg::FpFactCategorised),
            Some(format!("4 ({}%)", format_tenths(r.categorised_pct.unwrap())).as_str())
        );
        assert_eq!(fact(&en, Msg::StageRouted), Some("2 (40.0%)"));
        assert_eq!(fact(&en, Msg::FpFactAnswered), Some("1 (50.0%)"));
        assert_eq!(fact(&en, Msg::FpFactAck48), Some("3 (60.0%)"));
        assert_eq!(fact(&en, Msg::FpFactLoopsClosed), Some("1"));
        assert_eq!(
            fact(&en, Msg::FpFactMeanAck),
            Some(days_text(r.mean_days_to_ack, Lang::En).as_str())
        );
        assert_eq!(fact(&en, Msg::FpFactOpenNearRenewal), Some("1"));
        assert_eq!(
            fact(&en, Msg::FpFactPerStage),
            Some("Received: 2; Acknowledged: 1; Routed to product: 2; Loop closed: 1")
        );
        let top = fact(&en, Msg::FpFactTopThemes).unwrap();
        assert_eq!(
            top,
            "Export speed: 3 items, ARR USD 470,000\nAudit reporting: 1 items, ARR USD 300,000"
        );
        assert!(fact(&sample_facts(Lang::Zh), Msg::FpFactAck48)
            .unwrap()
            .starts_with("3（60.0%）"));
    }

    #[test]
    fn checks_name_gaps_and_improvements() {
        let en = sample_facts(Lang::En);
        let gaps = fact(&en, Msg::FpFactGaps).unwrap();
        assert!(
            gaps.contains("Only 60.0% acknowledged within 48 hours"),
            "{gaps}"
        );
        assert!(gaps.contains("Only 80.0% categorised"));
        assert!(gaps.contains("3 items overdue now"));
        assert!(gaps.contains("1 open items older than 30 days"));
        let well = fact(&en, Msg::FpFactWentWell).unwrap();
        assert!(
            well.contains("50.0% of routed items answered by product"),
            "{well}"
        );
        assert_eq!(
            fact(&en, Msg::FpFactImprovements).unwrap().lines().count(),
            gaps.lines().count()
        );
    }

    #[test]
    fn highest_risk_items_come_first_with_their_renewal() {
        let en = sample_facts(Lang::En);
        let risk = fact(&en, Msg::FpFactHighestRisk).unwrap();
        let d = data("f1");
        let top = highest_risk(&d.items, &d.accounts, day(11, 23), RISK_ITEMS);
        assert_eq!(risk.lines().count(), top.len());
        // f4: Acme, 64 days waiting, renewal in 60 days.
        assert_eq!(top[0].id, "f4");
        assert!(risk.starts_with(
            "- Acme · Routed to product · received 2026-09-20 (64 days) · 2027-01-22 (in 60 days)"
        ));
        assert!(
            !risk.contains("new export engine"),
            "closed loops are not open"
        );
    }

    #[test]
    fn verbatim_lines_carry_id_score_account_and_arr() {
        let d = data("f1");
        assert_eq!(
            verbatim_line(&d.items[1], &d.accounts),
            "[f2] 6/10 · Beta · USD 50,000 · The export times out on large reports. We may switch to a competitor."
        );
        assert_eq!(
            verbatim_line(&d.items[3], &d.accounts),
            "[f4] Acme · USD 120,000 · Audit trail export lacks the fields our auditors need."
        );
    }

    #[test]
    fn other_records_have_no_feedback_facts() {
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        let accounts = accounts();
        let ctx = context(&record, &accounts, &[], &[]);
        assert!(facts(&ctx, Lang::En).is_empty());
    }
}
