//! The facts every escalation prompt is sent with, computed from the record: received time,
//! response deadlines, the built-in classification (type, severity, signals), the
//! customer-update checkpoints and the event log, in the user's local time; plus the
//! record-reading helpers the escalation prompts' prefills share (account line, event lines).

use chrono::{DateTime, Duration, Timelike, Utc};

use crate::domain::account::Account;
use crate::domain::escalation::plan::{
    format_local, stakeholders, timeline, Milestone, TimelineItem,
};
use crate::domain::escalation::schedule::first_response_due;
use crate::domain::escalation::Escalation;
use crate::domain::form::Coded;
use crate::domain::listing::format_money;
use crate::domain::record::AnyRecord;
use crate::domain::time::zone::LocalZone;
use crate::i18n::{Lang, Msg};
use crate::prompts::escalation::agendas::not_to_promise;
use crate::prompts::RecordContext;

/// Hours from receipt to the first customer update: the strictest cadence (P1, daily) until
/// the severity is confirmed, since an early update is never wrong.
const FIRST_UPDATE_HOURS: i64 = 24;

/// The escalation a prompt is opened on, with its account when the link resolves.
pub fn escalation<'a>(ctx: &RecordContext<'a>) -> Option<(&'a Escalation, Option<&'a Account>)> {
    match ctx.record {
        AnyRecord::Escalation(e) => Some((e, ctx.accounts.get(&e.account_id))),
        _ => None,
    }
}

/// Tier, ARR and renewal on one line in `lang`: "Strategic · ARR USD 1,200,000 · renews 2027-01-15".
pub fn account_line(account: &Account, lang: Lang) -> String {
    let arr = if account.arr == 0 {
        Msg::PlanContextNoArr.text(lang).to_string()
    } else {
        Msg::PlanContextArr.fill(
            lang,
            &[("amount", &format_money(account.arr, &account.currency))],
        )
    };
    let renewal = account.renewal_date.map_or_else(
        || Msg::PlanContextNoRenewal.text(lang).to_string(),
        |d| Msg::PlanContextRenewal.fill(lang, &[("date", &d.to_string())]),
    );
    [account.tier.label().text(lang).to_string(), arr, renewal].join(" · ")
}

/// The account name and its tier, ARR and renewal line, as the `account` and
/// `account_context` fields; empty when the account link does not resolve.
pub fn account_fields(account: Option<&Account>, lang: Lang) -> [(&'static str, String); 2] {
    [
        (
            "account",
            account.map(|a| a.name.clone()).unwrap_or_default(),
        ),
        (
            "account_context",
            account.map(|a| account_line(a, lang)).unwrap_or_default(),
        ),
    ]
}

/// "2026-11-23 17:15 (UTC+08:00)", with the offset in force at `t`.
pub fn local_minute(t: DateTime<Utc>, zone: &dyn LocalZone) -> String {
    let offset = zone.offset_at(t);
    let local = t.with_timezone(&offset);
    format!(
        "{} {:02}:{:02} (UTC{offset})",
        local.date_naive(),
        local.hour(),
        local.minute()
    )
}

/// The event log, one line per event: "2026-11-23 16:15 (UTC+08:00) · Escalation received".
pub fn event_lines(escalation: &Escalation, zone: &dyn LocalZone, lang: Lang) -> String {
    escalation
        .events
        .iter()
        .map(|ev| {
            let what = ev.kind.describe(lang);
            match ev.note.trim() {
                "" => format!("{} · {what}", local_minute(ev.at, zone)),
                note => format!("{} · {what} — {note}", local_minute(ev.at, zone)),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The facts of an escalation prompt: received time, first response and first update due,
/// type, severity, signals, checkpoints, the next checkpoint after `now` (when one is left)
/// and the event log (when it has entries). Empty for a record that is not an escalation.
pub fn facts(ctx: &RecordContext, lang: Lang) -> Vec<(Msg, String)> {
    let Some((e, account)) = escalation(ctx) else {
        return Vec::new();
    };
    let eff = e.effective(account, ctx.zone.local_date(ctx.now));
    let signals: Vec<&str> = eff.signals.iter().map(|s| s.label().text(lang)).collect();
    let items = timeline(e, &eff, ctx.zone);
    let checkpoints: Vec<&TimelineItem> = items
        .iter()
        .filter(|i| matches!(i.milestone, Milestone::Checkpoint(_)))
        .collect();
    let mut facts = vec![
        (Msg::FieldReceivedAt, local_minute(e.received_at, ctx.zone)),
        (
            Msg::FactFirstResponseDue,
            local_minute(first_response_due(e.received_at), ctx.zone),
        ),
        (
            Msg::FactFirstUpdateDue,
            local_minute(
                e.received_at + Duration::hours(FIRST_UPDATE_HOURS),
                ctx.zone,
            ),
        ),
        (
            Msg::FactEscalationType,
            eff.kind.label().text(lang).to_string(),
        ),
        (
            Msg::FactSeverity,
            eff.severity.label().text(lang).to_string(),
        ),
        (
            Msg::FactSignals,
            if signals.is_empty() {
                Msg::NoSignals.text(lang).to_string()
            } else {
                signals.join("; ")
            },
        ),
    ];
    if let Some(note) = eff.override_note(lang) {
        facts.push((Msg::FactClassificationOverride, note));
    }
    facts.push((
        Msg::FactCheckpoints,
        checkpoints
            .iter()
            .map(|i| format_local(i.local))
            .collect::<Vec<_>>()
            .join(", "),
    ));
    if let Some(next) = checkpoints.iter().find(|i| i.at > ctx.now) {
        facts.push((Msg::PromptFactNextCheckpoint, format_local(next.local)));
    }
    facts.push((
        Msg::FactStakeholders,
        stakeholders(&eff, e.received_at, ctx.zone)
            .iter()
            .map(|s| s.line(ctx.zone, ctx.now, lang))
            .collect::<Vec<_>>()
            .join("\n"),
    ));
    facts.push((
        Msg::FactTimeline,
        items
            .iter()
            .map(|i| i.line(lang))
            .collect::<Vec<_>>()
            .join("\n"),
    ));
    facts.push((
        Msg::FactNotToPromise,
        not_to_promise(eff.kind, eff.severity, lang).join("\n"),
    ));
    if !e.events.is_empty() {
        facts.push((Msg::FactEventLog, event_lines(e, ctx.zone, lang)));
    }
    facts
}

/// One fact per stakeholder to activate (labelled by `Role::brief_fact`, in `Role::ALL`
/// order): when to ask them to reply by, never a time already passed at `ctx.now`, saying so
/// when the planned deadline has passed. Empty for a record that is not an escalation.
pub fn reply_by_facts(ctx: &RecordContext, lang: Lang) -> Vec<(Msg, String)> {
    let Some((e, account)) = escalation(ctx) else {
        return Vec::new();
    };
    let today = ctx.zone.local_date(ctx.now);
    let eff = e.effective(account, today);
    stakeholders(&eff, e.received_at, ctx.zone)
        .iter()
        .map(|s| {
            let time = local_minute(s.reply_by(ctx.now), ctx.zone);
            let text = if s.is_late(ctx.now) {
                Msg::PlanReplyByLate.fill(
                    lang,
                    &[("time", &time), ("planned", &local_minute(s.due, ctx.zone))],
                )
            } else {
                time
            };
            (s.role.brief_fact(), text)
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::account::Tier;
    use crate::domain::escalation::{EscalationEvent, EscalationStatus, EventKind};
    use crate::domain::form::FormValues;
    use crate::domain::record::AccountIndex;
    use crate::prompts::{builtin_draft, section_body, PromptRequest, PromptSpec};
    use chrono::{FixedOffset, NaiveDate, TimeZone};

    pub fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    pub const EAST8: FixedOffset = FixedOffset::east_opt(8 * 3600).unwrap();

    /// A P1 escalation (the CIO threatens to cancel an outage) received 2026-11-23 08:15 UTC,
    /// moved to "responding" at 09:00 UTC with a note.
    pub fn escalation() -> Escalation {
        let mut e = Escalation::new("e1".into(), now());
        e.account_id = "a1".into();
        e.contact_name = "Li Wei".into();
        e.contact_title = "CIO".into();
        e.received_at = Utc.with_ymd_and_hms(2026, 11, 23, 8, 15, 0).unwrap();
        e.summary = "Sync has been down for two days. The CIO asks whether to cancel.".into();
        e.underlying_issue = "The nightly sync job fails on large tenants.".into();
        e.can_fix = "A hotfix for the sync job by Friday 18:00, and a manual resync today.".into();
        e.stakeholders = "Support (Ana), on-call engineering".into();
        e.events = vec![
            EscalationEvent {
                at: e.received_at,
                kind: EventKind::Received,
                note: String::new(),
            },
            EscalationEvent {
                at: now(),
                kind: EventKind::StatusChanged {
                    from: EscalationStatus::New,
                    to: EscalationStatus::Responding,
                },
                note: "Called the CIO".into(),
            },
        ];
        e
    }

    pub fn accounts() -> AccountIndex {
        let mut a = Account::new("a1".into(), now());
        a.name = "Acme Corp".into();
        a.tier = Tier::Strategic;
        a.arr = 1_200_000;
        a.renewal_date = NaiveDate::from_ymd_opt(2027, 1, 15);
        AccountIndex::new([a])
    }

    pub fn context<'a>(record: &'a AnyRecord, accounts: &'a AccountIndex) -> RecordContext<'a> {
        RecordContext {
            record,
            accounts,
            now: now(),
            zone: &EAST8,
            feedback: &[],
            themes: &[],
        }
    }

    /// The facts of `escalation()` at `now()` in UTC+8.
    /// Replaces the fact labelled `label` (a test's own value instead of the computed one).
    pub fn set_fact(facts: &mut Vec<(Msg, String)>, label: Msg, value: String) {
        facts.retain(|(l, _)| *l != label);
        facts.push((label, value));
    }

    pub fn sample_facts(lang: Lang) -> Vec<(Msg, String)> {
        let record = AnyRecord::Escalation(escalation());
        facts(&context(&record, &accounts()), lang)
    }

    /// The built-in draft of `spec` for this form and these facts.
    pub fn draft_of(
        spec: &'static PromptSpec,
        values: &FormValues,
        facts: &[(Msg, String)],
        lang: Lang,
    ) -> String {
        builtin_draft(&PromptRequest {
            spec,
            values,
            facts,
            lang,
        })
    }

    /// Whether every section heading of `spec` is in `text`, on its own line, in order.
    pub fn headings_in_order(spec: &PromptSpec, text: &str, lang: Lang) -> bool {
        let at: Vec<Option<usize>> = spec
            .sections
            .iter()
            .map(|s| text.find(&format!("\n## {}\n", s.text(lang))))
            .collect();
        at.iter().all(Option::is_some) && at.windows(2).all(|w| w[0] < w[1])
    }

    /// The body of a section of a draft; panics when it is missing.
    pub fn section(text: &str, heading: Msg, lang: Lang) -> &str {
        section_body(text, heading.text(lang)).unwrap_or_else(|| panic!("{heading:?} missing"))
    }

    fn fact(facts: &[(Msg, String)], label: Msg) -> Option<&str> {
        facts
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn local_minutes_carry_the_offset_in_force_at_the_time() {
        use chrono_tz::America::New_York;
        let winter = Utc.with_ymd_and_hms(2026, 3, 6, 14, 0, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2026, 3, 9, 13, 0, 0).unwrap();
        assert_eq!(
            local_minute(winter, &New_York),
            "2026-03-06 09:00 (UTC-05:00)"
        );
        assert_eq!(
            local_minute(summer, &New_York),
            "2026-03-09 09:00 (UTC-04:00)"
        );
        assert_eq!(local_minute(summer, &EAST8), "2026-03-09 21:00 (UTC+08:00)");
    }

    #[test]
    fn facts_give_local_times_from_receipt() {
        let facts = sample_facts(Lang::En);
        assert_eq!(
            fact(&facts, Msg::FieldReceivedAt),
            Some("2026-11-23 16:15 (UTC+08:00)")
        );
        assert_eq!(
            fact(&facts, Msg::FactFirstResponseDue),
            Some("2026-11-23 18:15 (UTC+08:00)")
        );
        assert_eq!(
            fact(&facts, Msg::FactFirstUpdateDue),
            Some("2026-11-24 16:15 (UTC+08:00)")
        );
    }

    #[test]
    fn facts_classify_with_signals_in_the_requested_language() {
        let en = sample_facts(Lang::En);
        assert_eq!(fact(&en, Msg::FactEscalationType), Some("Product failure"));
        assert_eq!(fact(&en, Msg::FactSeverity), Some("P1 · executive"));
        let signals = fact(&en, Msg::FactSignals).unwrap();
        assert!(signals.contains("cancellation, non-renewal or legal action threatened"));
        assert!(signals.contains("an executive asks for or is in the escalation"));
        let zh = sample_facts(Lang::Zh);
        assert_eq!(fact(&zh, Msg::FactSeverity), Some("P1 · 高管介入"));
        assert!(fact(&zh, Msg::FactSignals).unwrap().contains("威胁解约"));
    }

    #[test]
    fn p1_checkpoints_are_daily_and_the_next_one_follows_now() {
        let facts = sample_facts(Lang::En);
        let list = fact(&facts, Msg::FactCheckpoints).unwrap();
        assert!(list.starts_with("2026-11-24 16:15, 2026-11-25 16:15"));
        assert_eq!(list.split(", ").count(), 14);
        assert_eq!(
            fact(&facts, Msg::PromptFactNextCheckpoint),
            Some("2026-11-24 16:15")
        );
    }

    #[test]
    fn no_next_checkpoint_after_the_window() {
        let record = AnyRecord::Escalation(escalation());
        let accounts = accounts();
        let mut ctx = context(&record, &accounts);
        ctx.now = now() + Duration::days(20);
        let facts = facts(&ctx, Lang::En);
        assert_eq!(fact(&facts, Msg::PromptFactNextCheckpoint), None);
        assert!(fact(&facts, Msg::FactCheckpoints).is_some());
    }

    #[test]
    fn event_log_is_one_local_line_per_event() {
        assert_eq!(
            fact(&sample_facts(Lang::En), Msg::FactEventLog),
            Some(
                "2026-11-23 16:15 (UTC+08:00) · Escalation received\n\
                 2026-11-23 17:00 (UTC+08:00) · Status: New → Responding — Called the CIO"
            )
        );
        assert_eq!(
            event_lines(&escalation(), &EAST8, Lang::Zh).lines().next(),
            Some("2026-11-23 16:15 (UTC+08:00) · 收到升级")
        );
        let mut quiet = escalation();
        quiet.events.clear();
        let record = AnyRecord::Escalation(quiet);
        let accounts = accounts();
        assert_eq!(
            fact(
                &facts(&context(&record, &accounts), Lang::En),
                Msg::FactEventLog
            ),
            None
        );
    }

    #[test]
    fn other_records_have_no_escalation_facts() {
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        let accounts = accounts();
        assert!(facts(&context(&record, &accounts), Lang::En).is_empty());
        assert!(super::escalation(&context(&record, &accounts)).is_none());
    }
}
