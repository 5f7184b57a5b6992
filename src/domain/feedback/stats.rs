//! Feedback figures computed from the tracker, never typed in: NPS and its split, per-theme
//! figures, tracker views, overdue flags, the Home lists, the monthly health report and the
//! highest-risk open items. Percentages and means are integer tenths (125 = 12.5).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::account::ArrTotals;
use crate::domain::feedback::dashboard::Month;
use crate::domain::feedback::tally::Tally;
use crate::domain::feedback::{FeedbackItem, Stage, Theme};
use crate::domain::form::Coded;
use crate::domain::record::{excerpt, AccountIndex};
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};

/// Hours after receipt by which an item must be acknowledged.
pub const ACK_HOURS: i64 = 48;
/// Days after routing by which product must answer.
pub const ANSWER_DAYS: i64 = 30;
/// "Near renewal" on Home and in the health report: renewal within this many days.
pub const NEAR_RENEWAL_DAYS: i64 = 90;

/// `num / den` rounded half away from zero; `den` must be positive.
pub(crate) fn div_round(num: i64, den: i64) -> i64 {
    let q = (num.abs() * 2 + den) / (2 * den);
    if num < 0 {
        -q
    } else {
        q
    }
}

/// `part / whole` as tenths of a percent, rounded; `None` when `whole` is 0.
pub fn pct_tenths(part: usize, whole: usize) -> Option<i64> {
    (whole > 0).then(|| div_round(part as i64 * 1000, whole as i64))
}

/// Writes tenths with one decimal: `125` → `12.5`, `-5` → `-0.5`.
pub fn format_tenths(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// NPS figures of a set of responses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NpsSummary {
    pub responses: usize,
    /// Scores 9–10.
    pub promoters: usize,
    /// Scores 7–8.
    pub passives: usize,
    /// Scores 0–6.
    pub detractors: usize,
    /// % promoters minus % detractors, in tenths; `None` without responses. Computed by
    /// `finish`, never stored.
    #[serde(skip)]
    pub nps_tenths: Option<i64>,
    /// Responses per surveyed customer, in tenths of a percent, when the survey size is known.
    #[serde(skip)]
    pub response_rate_tenths: Option<i64>,
}

impl NpsSummary {
    /// Counts one more response.
    pub fn add(&mut self, score: u8) {
        self.responses += 1;
        match score {
            9.. => self.promoters += 1,
            7 | 8 => self.passives += 1,
            _ => self.detractors += 1,
        }
    }

    /// Counts the responses of `other` too (its NPS and rate are left to `finish`).
    pub fn merge(&mut self, other: &Self) {
        self.responses += other.responses;
        self.promoters += other.promoters;
        self.passives += other.passives;
        self.detractors += other.detractors;
    }

    /// The counts with their NPS and, when the survey size is known, the response rate.
    pub fn finish(mut self, surveyed: Option<usize>) -> Self {
        self.nps_tenths = (self.responses > 0).then(|| {
            div_round(
                (self.promoters as i64 - self.detractors as i64) * 1000,
                self.responses as i64,
            )
        });
        self.response_rate_tenths = surveyed.and_then(|n| pct_tenths(self.responses, n));
        self
    }
}

/// NPS of `scores` (0–10); `surveyed` is how many were asked, if known.
pub fn nps(scores: impl IntoIterator<Item = u8>, surveyed: Option<usize>) -> NpsSummary {
    let mut s = NpsSummary::default();
    for score in scores {
        s.add(score);
    }
    s.finish(surveyed)
}

/// Which group a theme's scored items lean to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skew {
    Promoters,
    Passives,
    Detractors,
    /// No group has strictly more than each other, or no scores.
    Mixed,
}

impl Skew {
    /// The skew's label.
    pub fn label(self) -> Msg {
        match self {
            Self::Promoters => Msg::FbSkewPromoters,
            Self::Passives => Msg::FbSkewPassives,
            Self::Detractors => Msg::FbSkewDetractors,
            Self::Mixed => Msg::FbSkewMixed,
        }
    }

    pub(crate) fn of(s: &NpsSummary) -> Self {
        let (p, m, d) = (s.promoters, s.passives, s.detractors);
        if p > m && p > d {
            Self::Promoters
        } else if m > p && m > d {
            Self::Passives
        } else if d > p && d > m {
            Self::Detractors
        } else {
            Self::Mixed
        }
    }
}

/// When the item came in: its first recorded stage change if that is on the received day,
/// else midnight (UTC) of the received day.
pub fn received_at(item: &FeedbackItem) -> DateTime<Utc> {
    match item.stage_history.first() {
        Some(c) if c.at.date_naive() == item.received_on => c.at,
        _ => item.received_on.and_time(chrono::NaiveTime::MIN).and_utc(),
    }
}

/// The first time the item reached `stage` or any later one.
pub fn reached(item: &FeedbackItem, stage: Stage) -> Option<DateTime<Utc>> {
    item.stage_history
        .iter()
        .find(|c| c.stage >= stage)
        .map(|c| c.at)
}

/// Open until the loop is closed with the customer.
pub fn is_open(item: &FeedbackItem) -> bool {
    item.stage != Stage::LoopClosed
}

/// Why an item is overdue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overdue {
    /// Not acknowledged 48 hours after it was received.
    NotAcknowledged,
    /// Routed to product 30 days ago or more, still without an answer.
    NoProductAnswer,
}

impl Overdue {
    /// The flag's label.
    pub fn label(self) -> Msg {
        match self {
            Self::NotAcknowledged => Msg::FbOverdueAck,
            Self::NoProductAnswer => Msg::FbOverdueProduct,
        }
    }
}

/// The stages at which `overdue` can flag an item, for reading them through the stage index.
pub const OVERDUE_STAGES: [Stage; 2] = [Stage::Received, Stage::Routed];

/// The item's overdue flag at `now`, if any.
pub fn overdue(item: &FeedbackItem, now: DateTime<Utc>) -> Option<Overdue> {
    match item.stage {
        Stage::Received if now - received_at(item) > Duration::hours(ACK_HOURS) => {
            Some(Overdue::NotAcknowledged)
        }
        Stage::Routed
            if now - reached(item, Stage::Routed).unwrap_or(item.updated_at)
                >= Duration::days(ANSWER_DAYS) =>
        {
            Some(Overdue::NoProductAnswer)
        }
        _ => None,
    }
}

/// Days from `today` to the account's renewal (negative once past), if known.
pub fn days_to_renewal(
    item: &FeedbackItem,
    accounts: &AccountIndex,
    today: NaiveDate,
) -> Option<i64> {
    days_to_renewal_of(&item.account_id, accounts, today)
}

/// Days from `today` to the renewal of the account `account_id`, as `days_to_renewal`.
fn days_to_renewal_of(account_id: &str, accounts: &AccountIndex, today: NaiveDate) -> Option<i64> {
    accounts
        .get(account_id)?
        .renewal_date
        .map(|r| (r - today).num_days())
}

pub(crate) fn renews_within(
    item: &FeedbackItem,
    accounts: &AccountIndex,
    today: NaiveDate,
    days: i64,
) -> bool {
    days_to_renewal(item, accounts, today).is_some_and(|d| (0..=days).contains(&d))
}

/// Home: items still unacknowledged more than 48 hours after receipt, oldest first.
pub fn unacknowledged(items: &[FeedbackItem], now: DateTime<Utc>) -> Vec<&FeedbackItem> {
    let mut out: Vec<&FeedbackItem> = items
        .iter()
        .filter(|i| overdue(i, now) == Some(Overdue::NotAcknowledged))
        .collect();
    sorting::sort_by_cached_key(&mut out, |i| (received_at(i), i.id.clone()));
    out
}

/// Home: items waiting on product for 30 days or more whose account renews within 90 days,
/// nearest renewal first.
pub fn waiting_near_renewal<'a>(
    items: &'a [FeedbackItem],
    accounts: &AccountIndex,
    now: DateTime<Utc>,
) -> Vec<&'a FeedbackItem> {
    let today = now.date_naive();
    let mut out: Vec<&FeedbackItem> = items
        .iter()
        .filter(|i| {
            overdue(i, now) == Some(Overdue::NoProductAnswer)
                && renews_within(i, accounts, today, NEAR_RENEWAL_DAYS)
        })
        .collect();
    sorting::sort_by_cached_key(&mut out, |i| {
        (days_to_renewal(i, accounts, today), i.id.clone())
    });
    out
}

/// Figures of one theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeFigures {
    pub theme_id: String,
    pub items: usize,
    /// Distinct accounts.
    pub accounts: usize,
    /// ARR summed once per distinct account, per currency.
    pub arr: ArrTotals,
    /// Split of the scored items.
    pub split: NpsSummary,
    pub skew: Skew,
    /// Distinct accounts renewing within 6 months of `today`.
    pub renewals_6m: usize,
}

/// Figures of every theme, most ARR first within each currency (`ArrTotals::most_first`),
/// then most items.
pub fn theme_figures(
    themes: &[Theme],
    items: &[FeedbackItem],
    accounts: &AccountIndex,
    today: NaiveDate,
) -> Vec<ThemeFigures> {
    let mut tally = Tally::default();
    for item in items {
        tally.add_themes(item);
    }
    tally.theme_figures(themes, accounts, today)
}

/// How the tracker groups items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackerView {
    /// Open items by days since receipt.
    Age,
    /// Every item by current stage.
    Stage,
    /// Open items by account name.
    Account,
    /// Open items by what has been committed to the customer.
    Commitment,
}

/// Commitment state of an open item, derived from its stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Commitment {
    NotRouted,
    AwaitingProduct,
    Answered,
    Planned,
    Shipped,
    Declined,
}

impl Commitment {
    /// The commitment of an item in `stage` (loop closed counts as shipped).
    pub fn of(stage: Stage) -> Self {
        match stage {
            Stage::Received | Stage::Acknowledged => Self::NotRouted,
            Stage::Routed => Self::AwaitingProduct,
            Stage::ProductResponded => Self::Answered,
            Stage::Planned => Self::Planned,
            Stage::Shipped | Stage::LoopClosed => Self::Shipped,
            Stage::Declined => Self::Declined,
        }
    }

    /// The commitment's label.
    pub fn label(self) -> Msg {
        match self {
            Self::NotRouted => Msg::FbCommitNotRouted,
            Self::AwaitingProduct => Msg::FbCommitAwaiting,
            Self::Answered => Msg::FbCommitAnswered,
            Self::Planned => Msg::FbCommitPlanned,
            Self::Shipped => Msg::FbCommitShipped,
            Self::Declined => Msg::FbCommitDeclined,
        }
    }
}

pub(crate) const AGE_BUCKETS: [(i64, Msg); 4] = [
    (7, Msg::FbAgeWeek),
    (30, Msg::FbAgeMonth),
    (90, Msg::FbAgeQuarter),
    (i64::MAX, Msg::FbAgeOlder),
];

/// Characters of the verbatim a tracker line shows.
pub const LINE_EXCERPT: usize = 60;

/// What the tracker groups and draws of an item: far less than the item, so a page can
/// keep one per item of a large store.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackerRow {
    pub id: String,
    pub account_id: String,
    pub received_on: NaiveDate,
    pub stage: Stage,
    /// The verbatim's start (boxed: no spare capacity, one of these per item).
    pub excerpt: Box<str>,
    /// The overdue flag at `now` when the row was made.
    pub flag: Option<Overdue>,
}

impl TrackerRow {
    pub fn of(item: &FeedbackItem, now: DateTime<Utc>) -> Self {
        Self {
            id: item.id.clone(),
            account_id: item.account_id.clone(),
            received_on: item.received_on,
            stage: item.stage,
            excerpt: excerpt(&item.verbatim, LINE_EXCERPT).into_boxed_str(),
            flag: overdue(item, now),
        }
    }
}

/// A group of the tracker.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackerGroup<'a> {
    pub label: String,
    /// Oldest first.
    pub items: Vec<&'a TrackerRow>,
}

/// The rows of `items` for the tracker, oldest first (then by id), as `tracker` takes them.
pub fn tracker_rows(items: &[FeedbackItem], now: DateTime<Utc>) -> Vec<TrackerRow> {
    let mut rows: Vec<TrackerRow> = items.iter().map(|i| TrackerRow::of(i, now)).collect();
    sorting::sort_by(&mut rows, |a, b| {
        (a.received_on, &a.id).cmp(&(b.received_on, &b.id))
    });
    rows
}

/// `a` and `b` compared as if in ASCII lower case, then as written.
fn by_name(a: &str, b: &str) -> std::cmp::Ordering {
    let lower = |c: u8| c.to_ascii_lowercase();
    let folded = a.bytes().map(lower).cmp(b.bytes().map(lower));
    folded.then_with(|| a.cmp(b))
}

/// The tracker grouped by `view`, groups in their natural order (ages and stages in order,
/// accounts by name); empty groups are left out. `rows` come oldest first, then by id (see
/// `tracker_rows`), and keep that order within each group: nothing is sorted but the groups.
pub fn tracker<'a>(
    rows: &[&'a TrackerRow],
    view: TrackerView,
    accounts: &AccountIndex,
    today: NaiveDate,
    lang: Lang,
) -> Vec<TrackerGroup<'a>> {
    let mut groups: Vec<((usize, &str), TrackerGroup<'a>)> = Vec::new();
    for &row in rows {
        if view != TrackerView::Stage && row.stage == Stage::LoopClosed {
            continue;
        }
        let key = match view {
            TrackerView::Age => {
                let days = (today - row.received_on).num_days();
                let at = AGE_BUCKETS.iter().position(|(max, _)| days <= *max);
                (at.unwrap_or(3), "")
            }
            TrackerView::Stage => (
                Stage::ALL.iter().position(|s| *s == row.stage).unwrap_or(0),
                "",
            ),
            TrackerView::Account => {
                let named = accounts.get(&row.account_id).map(|a| a.name.as_str());
                (
                    0,
                    named.filter(|n| !n.is_empty()).unwrap_or(&row.account_id),
                )
            }
            TrackerView::Commitment => (Commitment::of(row.stage) as usize, ""),
        };
        let found = groups
            .binary_search_by(|((n, name), _)| n.cmp(&key.0).then_with(|| by_name(name, key.1)));
        let at = found.unwrap_or_else(|at| {
            let label = match view {
                TrackerView::Age => AGE_BUCKETS[key.0].1.text(lang).to_string(),
                TrackerView::Stage => row.stage.label().text(lang).to_string(),
                TrackerView::Account => key.1.to_string(),
                TrackerView::Commitment => Commitment::of(row.stage).label().text(lang).to_string(),
            };
            groups.insert(
                at,
                (
                    key,
                    TrackerGroup {
                        label,
                        items: Vec::new(),
                    },
                ),
            );
            at
        });
        groups[at].1.items.push(row);
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Monthly health report figures; percentages and means in tenths, `None` when there is
/// nothing to divide by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HealthReport {
    /// Items received in the month.
    pub received: usize,
    /// Of those, share with at least one theme.
    pub categorised_pct: Option<i64>,
    /// Of those, share routed to product (or beyond).
    pub routed_pct: Option<i64>,
    /// Of those routed, share answered by product.
    pub answered_pct: Option<i64>,
    /// Of those received, share acknowledged within 48 hours.
    pub acknowledged_48h_pct: Option<i64>,
    /// Mean days from receipt to acknowledgement.
    pub mean_days_to_ack: Option<i64>,
    /// Mean days from routing to product answer.
    pub mean_days_to_answer: Option<i64>,
    /// Loops closed during the month (whenever the item came in).
    pub loops_closed: usize,
    /// Open items older than 30 days whose account renews within 90 days, as of `now`.
    pub open_old_near_renewal: usize,
}

/// Mean days (tenths) of `n` spans that last `minutes` in all; `None` without spans.
pub(crate) fn mean_days_of(minutes: i64, n: usize) -> Option<i64> {
    (n > 0).then(|| div_round(minutes * 10, n as i64 * 1440))
}

/// The health report for `year`-`month`.
pub fn health_report(
    items: &[FeedbackItem],
    accounts: &AccountIndex,
    year: i32,
    month: u32,
    now: DateTime<Utc>,
) -> HealthReport {
    let mut tally = Tally::default();
    for item in items {
        tally.add_counts(item);
    }
    tally.report(Month { year, month }, accounts, now.date_naive())
}

/// Whether an open item of the account `account_id` received on `received_on` is old and near
/// renewal: received more than 30 days before `today`, and its account renews within 90 days.
pub(crate) fn old_near_renewal(
    account_id: &str,
    received_on: NaiveDate,
    accounts: &AccountIndex,
    today: NaiveDate,
) -> bool {
    (today - received_on).num_days() > ANSWER_DAYS
        && days_to_renewal_of(account_id, accounts, today)
            .is_some_and(|d| (0..=NEAR_RENEWAL_DAYS).contains(&d))
}

/// Risk of an open item: days waiting since receipt, plus up to 180 for a near renewal
/// (180 minus the days left, so a renewal today or past adds 180; unknown adds nothing).
pub fn risk_score(item: &FeedbackItem, accounts: &AccountIndex, today: NaiveDate) -> i64 {
    risk_score_of(&item.account_id, item.received_on, accounts, today)
}

/// The risk score of an open item of the account `account_id` received on `received_on`.
pub(crate) fn risk_score_of(
    account_id: &str,
    received_on: NaiveDate,
    accounts: &AccountIndex,
    today: NaiveDate,
) -> i64 {
    let waiting = (today - received_on).num_days().max(0);
    let renewal =
        days_to_renewal_of(account_id, accounts, today).map_or(0, |d| 180 - d.clamp(0, 180));
    waiting + renewal
}

/// The `n` open items with the highest risk score (older first on a tie).
pub fn highest_risk<'a>(
    items: &'a [FeedbackItem],
    accounts: &AccountIndex,
    today: NaiveDate,
    n: usize,
) -> Vec<&'a FeedbackItem> {
    let mut open: Vec<(i64, &FeedbackItem)> = items
        .iter()
        .filter(|i| is_open(i))
        .map(|i| (risk_score(i, accounts, today), i))
        .collect();
    sorting::sort_by(&mut open, |(a, x), (b, y)| risk_order(*a, x, *b, y));
    open.into_iter().take(n).map(|(_, i)| i).collect()
}

/// Highest risk score first, then older first, then by id.
fn risk_order(a: i64, x: &FeedbackItem, b: i64, y: &FeedbackItem) -> std::cmp::Ordering {
    risk_order_of((a, x.received_on, &x.id), (b, y.received_on, &y.id))
}

/// `risk_order` of two items given as their score, received day and id.
pub(crate) fn risk_order_of(
    (a, x_on, x_id): (i64, NaiveDate, &str),
    (b, y_on, y_id): (i64, NaiveDate, &str),
) -> std::cmp::Ordering {
    b.cmp(&a).then(x_on.cmp(&y_on)).then(x_id.cmp(y_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use chrono::TimeZone;

    fn at(m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn now() -> DateTime<Utc> {
        at(11, 23, 9)
    }

    fn today() -> NaiveDate {
        day(2026, 11, 23)
    }

    /// Acme renews in 60 days, Beta in 200, Cobalt never, Delta in 98, Echo in 10,
    /// Foxtrot's renewal is past.
    fn accounts() -> AccountIndex {
        let make = |id: &str, name: &str, arr, renewal| {
            let mut a = Account::new(id.into(), now());
            a.name = name.into();
            a.arr = arr;
            a.renewal_date = renewal;
            a
        };
        AccountIndex::new([
            make("a1", "Acme", 100_000, Some(day(2027, 1, 22))),
            make("a2", "Beta", 50_000, Some(day(2027, 6, 11))),
            make("a3", "Cobalt", 20_000, None),
            make("a4", "Delta", 30_000, Some(day(2027, 3, 1))),
            make("a5", "Echo", 5_000, Some(day(2026, 12, 3))),
            make("a6", "Foxtrot", 1_000, Some(day(2026, 11, 1))),
        ])
    }

    fn item(
        id: &str,
        account: &str,
        received: NaiveDate,
        changes: &[(Stage, DateTime<Utc>)],
    ) -> FeedbackItem {
        let mut f = FeedbackItem::new(id.into(), now());
        f.account_id = account.into();
        f.received_on = received;
        for (stage, when) in changes {
            f.move_to(*stage, *when);
        }
        f
    }

    fn scored(id: &str, account: &str, score: Option<u8>, themes: &[&str]) -> FeedbackItem {
        let mut f = item(id, account, today(), &[(Stage::Received, now())]);
        f.score = score;
        f.theme_ids = themes.iter().map(|t| t.to_string()).collect();
        f
    }

    fn ids(items: &[&FeedbackItem]) -> Vec<String> {
        items.iter().map(|i| i.id.clone()).collect()
    }

    #[test]
    fn only_items_at_the_overdue_stages_are_ever_flagged() {
        let long_after = now() + Duration::days(400);
        for stage in Stage::ALL.iter().copied() {
            let f = item("f1", "a1", day(2026, 1, 2), &[(stage, at(1, 2, 9))]);
            assert_eq!(
                overdue(&f, long_after).is_some(),
                OVERDUE_STAGES.contains(&stage),
                "{stage:?}"
            );
        }
    }

    #[test]
    fn nps_split_and_score_in_tenths() {
        let s = nps([10, 9, 9, 8, 7, 6, 0, 3, 10, 5], None);
        assert_eq!(
            (s.responses, s.promoters, s.passives, s.detractors),
            (10, 4, 2, 4)
        );
        assert_eq!(s.nps_tenths, Some(0));
        assert_eq!(nps([9, 10, 7, 3], None).nps_tenths, Some(250));
        assert_eq!(nps([9, 9, 6], None).nps_tenths, Some(333));
        assert_eq!(nps([0, 0, 9], None).nps_tenths, Some(-333));
        assert_eq!(nps([9, 7, 7, 7, 7, 7], None).nps_tenths, Some(167));
        assert_eq!(nps([], None).nps_tenths, None);
    }

    #[test]
    fn nps_rounds_half_away_from_zero() {
        let mut scores = vec![8; 15];
        scores.push(10);
        assert_eq!(nps(scores.clone(), None).nps_tenths, Some(63));
        scores[15] = 2;
        assert_eq!(nps(scores, None).nps_tenths, Some(-63));
    }

    #[test]
    fn response_rate_needs_the_survey_size() {
        assert_eq!(nps([9, 10, 7, 3], Some(12)).response_rate_tenths, Some(333));
        assert_eq!(nps([9, 10, 7, 3], Some(8)).response_rate_tenths, Some(500));
        assert_eq!(nps([9], Some(0)).response_rate_tenths, None);
        assert_eq!(nps([9], None).response_rate_tenths, None);
    }

    #[test]
    fn tenths_are_written_with_one_decimal() {
        assert_eq!(format_tenths(0), "0.0");
        assert_eq!(format_tenths(125), "12.5");
        assert_eq!(format_tenths(-5), "-0.5");
        assert_eq!(format_tenths(-333), "-33.3");
        assert_eq!(format_tenths(1000), "100.0");
        assert_eq!(pct_tenths(1, 3), Some(333));
        assert_eq!(pct_tenths(2, 3), Some(667));
        assert_eq!(pct_tenths(1, 0), None);
    }

    #[test]
    fn received_at_uses_the_first_change_only_on_the_received_day() {
        let same_day = item(
            "f",
            "a1",
            day(2026, 11, 20),
            &[(Stage::Received, at(11, 20, 10))],
        );
        assert_eq!(received_at(&same_day), at(11, 20, 10));
        let imported = item("f", "a1", day(2026, 10, 1), &[(Stage::Received, now())]);
        assert_eq!(received_at(&imported), at(10, 1, 0));
    }

    #[test]
    fn acknowledgement_is_overdue_after_48_hours() {
        let received = |h| {
            item(
                "f",
                "a1",
                day(2026, 11, 21),
                &[(Stage::Received, at(11, 21, h))],
            )
        };
        assert_eq!(overdue(&received(8), now()), Some(Overdue::NotAcknowledged));
        assert_eq!(overdue(&received(9), now()), None);
        assert_eq!(overdue(&received(10), now()), None);
        let acked = item(
            "f",
            "a1",
            day(2026, 11, 1),
            &[
                (Stage::Received, at(11, 1, 9)),
                (Stage::Acknowledged, at(11, 5, 9)),
            ],
        );
        assert_eq!(overdue(&acked, now()), None);
    }

    #[test]
    fn product_answer_is_overdue_30_days_after_routing() {
        let routed = |d, h| {
            item(
                "f",
                "a1",
                day(2026, 10, 1),
                &[
                    (Stage::Received, at(10, 1, 9)),
                    (Stage::Routed, at(10, d, h)),
                ],
            )
        };
        assert_eq!(
            overdue(&routed(24, 9), now()),
            Some(Overdue::NoProductAnswer)
        );
        assert_eq!(overdue(&routed(24, 10), now()), None);
        let mut answered = routed(2, 9);
        answered.move_to(Stage::ProductResponded, at(11, 20, 9));
        assert_eq!(overdue(&answered, now()), None);
        assert_eq!(Overdue::NoProductAnswer.label(), Msg::FbOverdueProduct);
    }

    #[test]
    fn home_lists_unacknowledged_items_oldest_first() {
        let items = [
            item(
                "new",
                "a1",
                day(2026, 11, 23),
                &[(Stage::Received, at(11, 23, 8))],
            ),
            item(
                "b",
                "a1",
                day(2026, 11, 20),
                &[(Stage::Received, at(11, 20, 9))],
            ),
            item(
                "a",
                "a2",
                day(2026, 11, 10),
                &[(Stage::Received, at(11, 10, 9))],
            ),
            item(
                "acked",
                "a2",
                day(2026, 11, 1),
                &[
                    (Stage::Received, at(11, 1, 9)),
                    (Stage::Acknowledged, at(11, 2, 9)),
                ],
            ),
        ];
        assert_eq!(ids(&unacknowledged(&items, now())), ["a", "b"]);
    }

    #[test]
    fn home_lists_items_waiting_on_product_near_renewal() {
        let routed = |id: &str, account: &str, d| {
            item(
                id,
                account,
                day(2026, 9, 1),
                &[
                    (Stage::Received, at(9, 1, 9)),
                    (Stage::Routed, at(10, d, 9)),
                ],
            )
        };
        let items = [
            routed("acme", "a1", 1),
            routed("beta", "a2", 1),
            routed("cobalt", "a3", 1),
            routed("delta", "a4", 1),
            routed("echo", "a5", 20),
            routed("foxtrot", "a6", 1),
            routed("acme-recent", "a1", 30),
        ];
        assert_eq!(
            ids(&waiting_near_renewal(&items, &accounts(), now())),
            ["echo", "acme"]
        );
    }

    #[test]
    fn theme_figures_count_accounts_once() {
        let themes: Vec<Theme> = ["t3", "t2", "t1"]
            .iter()
            .map(|id| Theme {
                id: id.to_string(),
                name: id.to_string(),
                description: String::new(),
                created_at: now(),
            })
            .collect();
        let items = [
            scored("i1", "a1", Some(3), &["t1"]),
            scored("i2", "a1", Some(5), &["t1"]),
            scored("i3", "a2", Some(9), &["t1", "t2"]),
            scored("i4", "a3", None, &["t1"]),
            scored("i5", "a4", Some(6), &["t1"]),
            scored("i6", "a5", Some(10), &["t2"]),
            scored("i7", "a5", Some(8), &["t2"]),
            scored("i8", "gone", Some(7), &["t3"]),
        ];
        let figures = theme_figures(&themes, &items, &accounts(), today());
        let seen: Vec<_> = figures
            .iter()
            .map(|f| {
                (
                    f.theme_id.as_str(),
                    f.items,
                    f.accounts,
                    f.arr.text(Lang::En),
                    (f.split.promoters, f.split.passives, f.split.detractors),
                    f.skew,
                    f.renewals_6m,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    "t1",
                    5,
                    4,
                    "USD 200,000".into(),
                    (1, 0, 3),
                    Skew::Detractors,
                    2
                ),
                (
                    "t2",
                    3,
                    2,
                    "USD 55,000".into(),
                    (2, 1, 0),
                    Skew::Promoters,
                    1
                ),
                ("t3", 1, 1, "0".into(), (0, 1, 0), Skew::Passives, 0),
            ]
        );
    }

    #[test]
    fn theme_arr_is_totalled_and_ordered_per_currency() {
        let make = |id: &str, arr, currency: &str| {
            let mut a = Account::new(id.into(), now());
            a.arr = arr;
            a.currency = currency.into();
            a
        };
        let accounts = AccountIndex::new([
            make("us1", 1_000_000, "USD"),
            make("us2", 200_000, "USD"),
            make("eu1", 300_000, "EUR"),
            make("us3", 200_000, "USD"),
        ]);
        let themes: Vec<Theme> = ["mixed", "euro", "small", "big"]
            .iter()
            .map(|id| Theme {
                id: id.to_string(),
                name: id.to_string(),
                description: String::new(),
                created_at: now(),
            })
            .collect();
        let items = [
            scored("i1", "us2", Some(3), &["mixed"]),
            scored("i2", "eu1", Some(3), &["mixed", "euro"]),
            scored("i3", "us3", Some(3), &["small"]),
            scored("i4", "us1", Some(3), &["big"]),
        ];
        let figures = theme_figures(&themes, &items, &accounts, today());
        let seen: Vec<(&str, String)> = figures
            .iter()
            .map(|f| (f.theme_id.as_str(), f.arr.text(Lang::En)))
            .collect();
        assert_eq!(
            seen,
            [
                ("mixed", "EUR 300,000 · USD 200,000".to_string()),
                ("euro", "EUR 300,000".to_string()),
                ("big", "USD 1,000,000".to_string()),
                ("small", "USD 200,000".to_string()),
            ],
            "grouped by currency, most ARR first within it; never one sum"
        );
    }

    #[test]
    fn a_tie_or_no_score_is_mixed() {
        assert_eq!(Skew::of(&nps([9, 3], None)), Skew::Mixed);
        assert_eq!(Skew::of(&nps([9, 9, 7, 7, 3], None)), Skew::Mixed);
        assert_eq!(Skew::of(&nps([], None)), Skew::Mixed);
        assert_eq!(Skew::Mixed.label(), Msg::FbSkewMixed);
    }

    fn tracker_items() -> Vec<FeedbackItem> {
        let with = |id: &str, account: &str, received: NaiveDate, stage| {
            let start = received.and_time(chrono::NaiveTime::MIN).and_utc();
            item(
                id,
                account,
                received,
                &[(Stage::Received, start), (stage, now())],
            )
        };
        vec![
            with("k1", "a1", day(2026, 11, 20), Stage::Received),
            with("k2", "a2", day(2026, 11, 1), Stage::Routed),
            with("k3", "a1", day(2026, 9, 1), Stage::Planned),
            with("k4", "a3", day(2026, 6, 1), Stage::Shipped),
            with("k5", "a2", day(2026, 11, 16), Stage::LoopClosed),
            with("k6", "a1", day(2026, 11, 16), Stage::Acknowledged),
        ]
    }

    fn grouped(view: TrackerView, lang: Lang) -> Vec<(String, Vec<String>)> {
        let rows = tracker_rows(&tracker_items(), now());
        let rows: Vec<&TrackerRow> = rows.iter().collect();
        tracker(&rows, view, &accounts(), today(), lang)
            .into_iter()
            .map(|g| (g.label, g.items.iter().map(|r| r.id.clone()).collect()))
            .collect()
    }

    fn group(label: &str, ids: &[&str]) -> (String, Vec<String>) {
        (
            label.to_string(),
            ids.iter().map(|i| i.to_string()).collect(),
        )
    }

    #[test]
    fn tracker_by_age_leaves_closed_loops_out() {
        assert_eq!(
            grouped(TrackerView::Age, Lang::En),
            [
                group("Up to 7 days", &["k6", "k1"]),
                group("8–30 days", &["k2"]),
                group("31–90 days", &["k3"]),
                group("Over 90 days", &["k4"]),
            ]
        );
        assert_eq!(grouped(TrackerView::Age, Lang::Zh)[0].0, "7 天以内");
    }

    #[test]
    fn tracker_by_stage_shows_every_item_in_stage_order() {
        let label = |s: Stage| s.label().text(Lang::En);
        assert_eq!(
            grouped(TrackerView::Stage, Lang::En),
            [
                group(label(Stage::Received), &["k1"]),
                group(label(Stage::Acknowledged), &["k6"]),
                group(label(Stage::Routed), &["k2"]),
                group(label(Stage::Shipped), &["k4"]),
                group(label(Stage::Planned), &["k3"]),
                group(label(Stage::LoopClosed), &["k5"]),
            ]
        );
    }

    #[test]
    fn tracker_by_account_and_by_commitment() {
        assert_eq!(
            grouped(TrackerView::Account, Lang::En),
            [
                group("Acme", &["k3", "k6", "k1"]),
                group("Beta", &["k2"]),
                group("Cobalt", &["k4"]),
            ]
        );
        assert_eq!(
            grouped(TrackerView::Commitment, Lang::En),
            [
                group("Not routed to product yet", &["k6", "k1"]),
                group("Waiting on product", &["k2"]),
                group("Planned", &["k3"]),
                group("Shipped: tell the customer", &["k4"]),
            ]
        );
    }

    #[test]
    fn commitment_follows_the_stage() {
        assert_eq!(Commitment::of(Stage::Acknowledged), Commitment::NotRouted);
        assert_eq!(
            Commitment::of(Stage::ProductResponded),
            Commitment::Answered
        );
        assert_eq!(Commitment::of(Stage::Declined), Commitment::Declined);
    }

    fn report_items() -> Vec<FeedbackItem> {
        let mut h1 = item(
            "h1",
            "a1",
            day(2026, 10, 1),
            &[
                (Stage::Received, at(10, 1, 9)),
                (Stage::Acknowledged, at(10, 2, 9)),
                (Stage::Routed, at(10, 3, 9)),
                (Stage::ProductResponded, at(10, 13, 9)),
            ],
        );
        h1.theme_ids = vec!["t1".into()];
        let mut h2 = item(
            "h2",
            "a2",
            day(2026, 10, 5),
            &[
                (Stage::Received, at(10, 5, 12)),
                (Stage::Acknowledged, at(10, 8, 12)),
                (Stage::Routed, at(10, 10, 12)),
            ],
        );
        h2.theme_ids = vec!["t1".into()];
        let mut h3 = item(
            "h3",
            "a5",
            day(2026, 10, 20),
            &[
                (Stage::Received, at(10, 20, 0)),
                (Stage::Acknowledged, at(10, 20, 12)),
            ],
        );
        h3.theme_ids = vec!["t2".into()];
        let h4 = item(
            "h4",
            "a1",
            day(2026, 10, 30),
            &[(Stage::Received, at(10, 30, 8))],
        );
        let h5 = item(
            "h5",
            "a1",
            day(2026, 9, 15),
            &[
                (Stage::Received, at(9, 15, 9)),
                (Stage::Routed, at(9, 16, 9)),
                (Stage::Shipped, at(10, 10, 9)),
                (Stage::LoopClosed, at(10, 25, 10)),
            ],
        );
        let h6 = item(
            "h6",
            "a1",
            day(2026, 8, 1),
            &[
                (Stage::Received, at(8, 1, 9)),
                (Stage::LoopClosed, at(11, 2, 9)),
            ],
        );
        vec![h1, h2, h3, h4, h5, h6]
    }

    #[test]
    fn monthly_health_report_figures() {
        let report = health_report(&report_items(), &accounts(), 2026, 10, now());
        assert_eq!(
            report,
            HealthReport {
                received: 4,
                categorised_pct: Some(750),
                routed_pct: Some(500),
                answered_pct: Some(500),
                acknowledged_48h_pct: Some(500),
                mean_days_to_ack: Some(15),
                mean_days_to_answer: Some(100),
                loops_closed: 1,
                open_old_near_renewal: 2,
            }
        );
    }

    #[test]
    fn an_empty_month_has_no_percentages() {
        let report = health_report(&report_items(), &accounts(), 2026, 12, now());
        assert_eq!(
            report,
            HealthReport {
                open_old_near_renewal: 2,
                ..HealthReport::default()
            }
        );
        let november = health_report(&report_items(), &accounts(), 2026, 11, now());
        assert_eq!((november.received, november.loops_closed), (0, 1));
    }

    #[test]
    fn highest_risk_weighs_waiting_and_renewal() {
        let open = |id: &str, account: &str, received| {
            item(id, account, received, &[(Stage::Received, now())])
        };
        let mut closed = open("r5", "a1", day(2026, 1, 1));
        closed.move_to(Stage::LoopClosed, now());
        let items = [
            open("r1", "a1", day(2026, 11, 13)),
            open("r2", "a2", day(2026, 7, 26)),
            open("r3", "a3", day(2026, 6, 26)),
            open("r4", "a5", day(2026, 11, 22)),
            closed,
            open("r6", "a6", day(2026, 11, 23)),
        ];
        let accounts = accounts();
        let scores: Vec<i64> = items
            .iter()
            .map(|i| risk_score(i, &accounts, today()))
            .collect();
        assert_eq!(scores, [130, 120, 150, 171, 326 + 120, 180]);
        assert_eq!(
            ids(&highest_risk(&items, &accounts, today(), 3)),
            ["r6", "r4", "r3"]
        );
        assert_eq!(highest_risk(&items, &accounts, today(), 10).len(), 5);
    }
}
