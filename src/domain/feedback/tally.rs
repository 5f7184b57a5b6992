//! The health dashboard's figures gathered item by item, so they can be kept per month of
//! receipt and merged: a `Tally` counts what every month and theme gets from its items and
//! notes each open item's account and day (the risks and renewals are weighed only when asked,
//! as of a given day), so it does not depend on when it was made and can be stored until one
//! of its items changes; it is stored with every account id written once and the rest as
//! numbers, quick to read back. `TrackerRows` keeps a light row per item for the tracker.
//! Merged, they yield the same `Dashboard` as the figures computed from every item at once.
//! Pure.

use std::rc::Rc;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::account::{Account, ArrTotals};
use crate::domain::feedback::dashboard::{
    Dashboard, Month, CHART_THEMES, RISK_ITEMS, TREND_MONTHS,
};
use crate::domain::feedback::stats::{
    is_open, mean_days_of, old_near_renewal, pct_tenths, reached, received_at, risk_order_of,
    risk_score_of, HealthReport, NpsSummary, Skew, ThemeFigures, TrackerRow, ACK_HOURS,
};
use crate::domain::feedback::{FeedbackItem, Stage, Theme};
use crate::domain::form::Coded;
use crate::domain::record::AccountIndex;
use crate::domain::sorting;

/// The counts of the items received in one month (and of the loops closed in it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
struct MonthCounts {
    received: usize,
    categorised: usize,
    routed: usize,
    /// Acknowledged: how many, their minutes from receipt in all, how many within 48 hours.
    acked: usize,
    ack_minutes: i64,
    acked_48h: usize,
    /// Answered by product after routing: how many, their minutes from routing in all.
    answered: usize,
    answer_minutes: i64,
    /// Loops closed during the month, whenever the item came in.
    loops_closed: usize,
    /// Per current stage, in `Stage::ALL` order.
    per_stage: [usize; 8],
    nps: NpsSummary,
}

impl MonthCounts {
    fn merge(&mut self, o: &Self) {
        self.received += o.received;
        self.categorised += o.categorised;
        self.routed += o.routed;
        self.acked += o.acked;
        self.ack_minutes += o.ack_minutes;
        self.acked_48h += o.acked_48h;
        self.answered += o.answered;
        self.answer_minutes += o.answer_minutes;
        self.loops_closed += o.loops_closed;
        for (n, m) in self.per_stage.iter_mut().zip(o.per_stage) {
            *n += m;
        }
        self.nps.merge(&o.nps);
    }
}

/// The counts of one theme's items; account ids sorted, each once.
#[derive(Clone, Debug, Default, PartialEq)]
struct ThemeCounts {
    id: String,
    items: usize,
    accounts: Vec<Rc<str>>,
    split: NpsSummary,
}

impl ThemeCounts {
    fn add_account(&mut self, id: &str) {
        if let Err(at) = self.accounts.binary_search_by(|a| a.as_ref().cmp(id)) {
            self.accounts.insert(at, id.into());
        }
    }

    /// Adds `ids`, sorted and each once, to the accounts in one pass over both.
    fn add_accounts(&mut self, ids: Vec<Rc<str>>) {
        let mine = std::mem::take(&mut self.accounts);
        let mut merged = Vec::with_capacity(mine.len() + ids.len());
        let (mut a, mut b) = (mine.into_iter().peekable(), ids.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x == y => b.next().and(a.next()),
                (Some(x), Some(y)) if x < y => a.next(),
                (_, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            merged.extend(next);
        }
        self.accounts = merged;
    }
}

/// The dashboard's figures of the items added so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    months: Vec<(Month, MonthCounts)>,
    themes: Vec<ThemeCounts>,
    /// Each open item's account id and received day: what its risk and renewal figures need.
    open: Vec<(Rc<str>, NaiveDate)>,
}

/// How a tally is stored: every account id once, the themes and open items referring to them
/// by position, and each open item's day as a number.
#[derive(Serialize, Deserialize)]
struct Stored {
    months: Vec<(Month, MonthCounts)>,
    accounts: Vec<String>,
    themes: Vec<StoredTheme>,
    /// Per open item, its account's position then its received day (days from the Common Era).
    open: Vec<i32>,
}

/// A theme's counts as stored: its accounts by position in `Stored::accounts`.
#[derive(Serialize, Deserialize)]
struct StoredTheme {
    id: String,
    items: usize,
    /// Positions in `Stored::accounts` (the same number type as `Stored::open`: one reader).
    accounts: Vec<i32>,
    split: NpsSummary,
}

impl Serialize for Tally {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut accounts: Vec<&str> = self.open.iter().map(|(a, _)| a.as_ref()).collect();
        accounts.extend(
            self.themes
                .iter()
                .flat_map(|t| t.accounts.iter().map(AsRef::as_ref)),
        );
        sorting::sort(&mut accounts);
        accounts.dedup();
        let at = |id: &str| accounts.binary_search(&id).unwrap_or_default() as i32;
        let themes = self.themes.iter().map(|t| StoredTheme {
            id: t.id.clone(),
            items: t.items,
            accounts: t.accounts.iter().map(|a| at(a)).collect(),
            split: t.split,
        });
        let open = self
            .open
            .iter()
            .flat_map(|(a, day)| [at(a), day.num_days_from_ce()]);
        Stored {
            months: self.months.clone(),
            themes: themes.collect(),
            open: open.collect(),
            accounts: accounts.iter().map(|a| a.to_string()).collect(),
        }
        .serialize(serializer)
    }
}

impl Stored {
    /// The tally stored; `None` if it refers to an account it does not list.
    fn into_tally(self) -> Option<Tally> {
        // Each id shared by every reference to it: one allocation per account, not per item.
        let table: Vec<Rc<str>> = self.accounts.iter().map(|a| Rc::from(a.as_str())).collect();
        let account = |at: i32| table.get(usize::try_from(at).ok()?).cloned();
        let mut themes = Vec::with_capacity(self.themes.len());
        for t in &self.themes {
            let mut ids = Vec::with_capacity(t.accounts.len());
            for at in &t.accounts {
                ids.push(account(*at)?);
            }
            let (id, items, split) = (t.id.clone(), t.items, t.split);
            themes.push(ThemeCounts {
                id,
                items,
                accounts: ids,
                split,
            });
        }
        let mut open = Vec::with_capacity(self.open.len() / 2);
        for pair in self.open.chunks(2) {
            let day = NaiveDate::from_num_days_from_ce_opt(*pair.get(1)?)?;
            open.push((account(pair[0])?, day));
        }
        Some(Tally {
            months: self.months,
            themes,
            open,
        })
    }
}

impl<'de> Deserialize<'de> for Tally {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let broken = || serde::de::Error::custom("a stored tally refers to nothing");
        Stored::deserialize(deserializer)?
            .into_tally()
            .ok_or_else(broken)
    }
}

impl Tally {
    fn month(&mut self, month: Month) -> &mut MonthCounts {
        let at = match self.months.iter().position(|(m, _)| *m == month) {
            Some(at) => at,
            None => {
                self.months.push((month, MonthCounts::default()));
                self.months.len() - 1
            }
        };
        &mut self.months[at].1
    }

    fn theme(&mut self, id: &str) -> &mut ThemeCounts {
        let at = match self.themes.iter().position(|t| t.id == id) {
            Some(at) => at,
            None => {
                let id = id.to_string();
                self.themes.push(ThemeCounts {
                    id,
                    ..ThemeCounts::default()
                });
                self.themes.len() - 1
            }
        };
        &mut self.themes[at]
    }

    /// Counts one more item.
    pub fn add(&mut self, item: &FeedbackItem) {
        self.add_counts(item);
        self.add_themes(item);
    }

    /// Counts the item in the figures of its month and of the month its loop closed, and
    /// notes it if open: what a health report needs.
    pub(crate) fn add_counts(&mut self, item: &FeedbackItem) {
        let routed = reached(item, Stage::Routed);
        let m = self.month(Month::of(item.received_on));
        m.received += 1;
        m.categorised += usize::from(!item.theme_ids.is_empty());
        m.routed += usize::from(routed.is_some());
        if let Some(at) = reached(item, Stage::Acknowledged) {
            let span = at - received_at(item);
            m.acked += 1;
            m.ack_minutes += span.num_minutes();
            m.acked_48h += usize::from(span <= Duration::hours(ACK_HOURS));
        }
        if let (Some(answer), Some(routed)) = (reached(item, Stage::ProductResponded), routed) {
            m.answered += 1;
            m.answer_minutes += (answer - routed).num_minutes();
        }
        if let Some(at) = Stage::ALL.iter().position(|s| *s == item.stage) {
            m.per_stage[at] += 1;
        }
        if let Some(score) = item.score {
            m.nps.add(score);
        }
        if let Some(closed) = reached(item, Stage::LoopClosed) {
            self.month(Month::of(closed.date_naive())).loops_closed += 1;
        }
        if is_open(item) {
            self.open
                .push((item.account_id.as_str().into(), item.received_on));
        }
    }

    /// Counts the item in the figures of each of its themes: what theme figures need.
    pub(crate) fn add_themes(&mut self, item: &FeedbackItem) {
        for (k, id) in item.theme_ids.iter().enumerate() {
            // A theme named twice on one item counts the item once.
            if item.theme_ids[..k].contains(id) {
                continue;
            }
            let t = self.theme(id);
            t.items += 1;
            t.add_account(&item.account_id);
            if let Some(score) = item.score {
                t.split.add(score);
            }
        }
    }

    /// Adds the figures of `other`, a tally of other items.
    pub fn merge(&mut self, other: Self) {
        for (month, counts) in &other.months {
            self.month(*month).merge(counts);
        }
        for counts in other.themes {
            let t = self.theme(&counts.id);
            t.items += counts.items;
            t.add_accounts(counts.accounts);
            t.split.merge(&counts.split);
        }
        self.open.extend(other.open);
    }

    /// The received days of every open item that may be among the `RISK_ITEMS` of highest
    /// risk as of `today` (`stats::highest_risk`): those ranking at least as high as the last
    /// of them on score and day, so reading the items of these days finds them all. Each once.
    pub fn risk_days(&self, accounts: &AccountIndex, today: NaiveDate) -> Vec<NaiveDate> {
        let rank =
            |(a, day): &(Rc<str>, NaiveDate)| (risk_score_of(a, *day, accounts, today), *day);
        let order = |(s, d): (i64, NaiveDate), (t, e): (i64, NaiveDate)| {
            risk_order_of((s, d, ""), (t, e, ""))
        };
        // The score and day of the highest ranks, best first.
        let mut top: Vec<(i64, NaiveDate)> = Vec::with_capacity(RISK_ITEMS + 1);
        for open in &self.open {
            let r = rank(open);
            let at = top.partition_point(|t| order(*t, r).is_le());
            if at < RISK_ITEMS {
                top.insert(at, r);
                top.truncate(RISK_ITEMS);
            }
        }
        let Some(&last) = top.last() else {
            return Vec::new();
        };
        let mut days = Vec::new();
        for open in &self.open {
            if !days.contains(&open.1) && order(rank(open), last).is_le() {
                days.push(open.1);
            }
        }
        days
    }

    fn counts(&self, month: Month) -> MonthCounts {
        let found = self.months.iter().find(|(m, _)| *m == month);
        found.map(|(_, c)| *c).unwrap_or_default()
    }

    /// The health report of `month`, its open items near renewal counted as of `today`.
    pub(crate) fn report(
        &self,
        month: Month,
        accounts: &AccountIndex,
        today: NaiveDate,
    ) -> HealthReport {
        let c = self.counts(month);
        let old_near =
            |(a, day): &&(Rc<str>, NaiveDate)| old_near_renewal(a, *day, accounts, today);
        HealthReport {
            received: c.received,
            categorised_pct: pct_tenths(c.categorised, c.received),
            routed_pct: pct_tenths(c.routed, c.received),
            answered_pct: pct_tenths(c.answered, c.routed),
            acknowledged_48h_pct: pct_tenths(c.acked_48h, c.received),
            mean_days_to_ack: mean_days_of(c.ack_minutes, c.acked),
            mean_days_to_answer: mean_days_of(c.answer_minutes, c.answered),
            loops_closed: c.loops_closed,
            open_old_near_renewal: self.open.iter().filter(old_near).count(),
        }
    }

    /// The dashboard of `month` as of `today`, with the figures of `themes` (named by them),
    /// the accounts' ARR and renewals from `accounts`, and `highest_risk`, the items of
    /// `Tally::highest_risk`.
    pub fn dashboard<'a>(
        &self,
        themes: &[Theme],
        accounts: &AccountIndex,
        month: Month,
        today: NaiveDate,
        highest_risk: Vec<&'a FeedbackItem>,
    ) -> Dashboard<'a> {
        let counts = self.counts(month);
        let mut trend = vec![month];
        for _ in 1..TREND_MONTHS {
            trend.push(trend[trend.len() - 1].previous());
        }
        trend.reverse();
        Dashboard {
            month,
            report: self.report(month, accounts, today),
            nps: counts.nps.finish(None),
            per_stage: Stage::ALL.iter().copied().zip(counts.per_stage).collect(),
            ack_trend: trend
                .into_iter()
                .map(|m| {
                    let c = self.counts(m);
                    (m, mean_days_of(c.ack_minutes, c.acked))
                })
                .collect(),
            themes_by_arr: self
                .theme_figures(themes, accounts, today)
                .into_iter()
                .take(CHART_THEMES)
                .filter_map(|f| {
                    let theme = themes.iter().find(|t| t.id == f.theme_id)?;
                    Some((theme.name.clone(), f))
                })
                .collect(),
            highest_risk,
        }
    }

    /// The figures of every theme of `themes`, most ARR first within each currency
    /// (`ArrTotals::most_first`), then most items; renewals counted from `today`.
    pub(crate) fn theme_figures(
        &self,
        themes: &[Theme],
        accounts: &AccountIndex,
        today: NaiveDate,
    ) -> Vec<ThemeFigures> {
        let horizon = today.checked_add_months(Months::new(6)).unwrap_or(today);
        let none = ThemeCounts::default();
        let mut out: Vec<ThemeFigures> = themes
            .iter()
            .map(|theme| {
                let found = self.themes.iter().find(|t| t.id == theme.id);
                let counts = found.unwrap_or(&none);
                let known: Vec<&Account> = counts
                    .accounts
                    .iter()
                    .filter_map(|id| accounts.get(id))
                    .collect();
                let split = counts.split.finish(None);
                let found = (counts.items, counts.accounts.len());
                theme_figures_of(&theme.id, found, &known, split, today, horizon)
            })
            .collect();
        sorting::sort_by(&mut out, |a, b| {
            a.arr.most_first(&b.arr).then(b.items.cmp(&a.items))
        });
        out
    }
}

/// A light row per item for the tracker, filed by received day, oldest first, each day's
/// rows in id order; overdue flags as of the `now` given with each item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrackerRows {
    days: Vec<(NaiveDate, Vec<TrackerRow>)>,
}

impl TrackerRows {
    /// Files the row of `item` under its day (at the end when items come in key order).
    pub fn add(&mut self, item: &FeedbackItem, now: DateTime<Utc>) {
        let row = TrackerRow::of(item, now);
        let found = self.days.binary_search_by(|(d, _)| d.cmp(&row.received_on));
        let day = found.unwrap_or_else(|at| {
            self.days.insert(at, (row.received_on, Vec::new()));
            at
        });
        let rows = &mut self.days[day].1;
        let at = rows.partition_point(|r| r.id < row.id);
        rows.insert(at, row);
    }

    /// One row per item added, oldest first, then by id: what `stats::tracker` takes.
    pub fn rows(&self) -> Vec<&TrackerRow> {
        self.days.iter().flat_map(|(_, rows)| rows).collect()
    }

    /// The row of the item `id` received `on`, if added.
    pub fn row(&self, on: NaiveDate, id: &str) -> Option<&TrackerRow> {
        let day = self.days.binary_search_by(|(d, _)| d.cmp(&on)).ok()?;
        let rows = &self.days[day].1;
        rows.get(rows.binary_search_by(|r| r.id.as_str().cmp(id)).ok()?)
    }

    /// How many items were added.
    pub fn count(&self) -> usize {
        self.days.iter().map(|(_, rows)| rows.len()).sum()
    }
}

/// A theme's figures from its `(items, accounts)` counts, the accounts of them that are known,
/// and its NPS split; renewals are counted from `today` to `horizon`.
pub(crate) fn theme_figures_of(
    theme_id: &str,
    (items, accounts): (usize, usize),
    known: &[&Account],
    split: NpsSummary,
    today: NaiveDate,
    horizon: NaiveDate,
) -> ThemeFigures {
    ThemeFigures {
        theme_id: theme_id.to_string(),
        items,
        accounts,
        arr: ArrTotals::of(known.iter().copied()),
        skew: Skew::of(&split),
        split,
        renewals_6m: known
            .iter()
            .filter(|a| a.renewal_date.is_some_and(|r| r >= today && r <= horizon))
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::feedback::stats::{
        div_round, highest_risk, is_open, nps, renews_within, tracker, tracker_rows, Commitment,
        TrackerGroup, TrackerView, AGE_BUCKETS, ANSWER_DAYS, NEAR_RENEWAL_DAYS,
    };
    use crate::domain::feedback::StageChange;
    use crate::domain::sorting;
    use crate::i18n::Lang;
    use chrono::{Datelike, NaiveDate, TimeZone};

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap()
    }

    // The figures as computed from every item at once, before there was a tally.

    fn old_theme_figures(
        themes: &[Theme],
        items: &[FeedbackItem],
        accounts: &AccountIndex,
        today: NaiveDate,
    ) -> Vec<ThemeFigures> {
        let horizon = today.checked_add_months(Months::new(6)).unwrap_or(today);
        let mut out: Vec<ThemeFigures> = themes
            .iter()
            .map(|theme| {
                let mine: Vec<&FeedbackItem> = items
                    .iter()
                    .filter(|i| i.theme_ids.contains(&theme.id))
                    .collect();
                let mut ids: Vec<&str> = mine.iter().map(|i| i.account_id.as_str()).collect();
                sorting::sort(&mut ids);
                ids.dedup();
                let known: Vec<&Account> = ids.iter().filter_map(|id| accounts.get(id)).collect();
                let split = nps(mine.iter().filter_map(|i| i.score), None);
                let found = (mine.len(), ids.len());
                theme_figures_of(&theme.id, found, &known, split, today, horizon)
            })
            .collect();
        sorting::sort_by(&mut out, |a, b| {
            a.arr.most_first(&b.arr).then(b.items.cmp(&a.items))
        });
        out
    }
    fn mean_days(spans: &[Duration]) -> Option<i64> {
        let minutes: i64 = spans.iter().map(|d| d.num_minutes()).sum();
        (!spans.is_empty()).then(|| div_round(minutes * 10, spans.len() as i64 * 1440))
    }
    fn old_health_report(
        items: &[FeedbackItem],
        accounts: &AccountIndex,
        year: i32,
        month: u32,
        now: DateTime<Utc>,
    ) -> HealthReport {
        let in_month = |d: NaiveDate| d.year() == year && d.month() == month;
        let month_items: Vec<&FeedbackItem> =
            items.iter().filter(|i| in_month(i.received_on)).collect();
        let n = month_items.len();
        let count = |f: &dyn Fn(&FeedbackItem) -> bool| month_items.iter().filter(|i| f(i)).count();
        let routed = count(&|i| reached(i, Stage::Routed).is_some());
        let ack_spans: Vec<Duration> = month_items
            .iter()
            .filter_map(|i| Some(reached(i, Stage::Acknowledged)? - received_at(i)))
            .collect();
        let answer_spans: Vec<Duration> = month_items
            .iter()
            .filter_map(|i| Some(reached(i, Stage::ProductResponded)? - reached(i, Stage::Routed)?))
            .collect();
        let today = now.date_naive();
        HealthReport {
            received: n,
            categorised_pct: pct_tenths(count(&|i| !i.theme_ids.is_empty()), n),
            routed_pct: pct_tenths(routed, n),
            answered_pct: pct_tenths(answer_spans.len(), routed),
            acknowledged_48h_pct: pct_tenths(
                ack_spans
                    .iter()
                    .filter(|d| **d <= Duration::hours(ACK_HOURS))
                    .count(),
                n,
            ),
            mean_days_to_ack: mean_days(&ack_spans),
            mean_days_to_answer: mean_days(&answer_spans),
            loops_closed: items
                .iter()
                .filter(|i| reached(i, Stage::LoopClosed).is_some_and(|t| in_month(t.date_naive())))
                .count(),
            open_old_near_renewal: items
                .iter()
                .filter(|i| {
                    is_open(i)
                        && (today - i.received_on).num_days() > ANSWER_DAYS
                        && renews_within(i, accounts, today, NEAR_RENEWAL_DAYS)
                })
                .count(),
        }
    }

    fn old_tracker<'a>(
        items: &'a [TrackerRow],
        view: TrackerView,
        accounts: &AccountIndex,
        today: NaiveDate,
        lang: Lang,
    ) -> Vec<TrackerGroup<'a>> {
        let mut keyed: Vec<((usize, String), &TrackerRow)> = items
            .iter()
            .filter(|i| view == TrackerView::Stage || i.stage != Stage::LoopClosed)
            .map(|i| {
                let key = match view {
                    TrackerView::Age => {
                        let days = (today - i.received_on).num_days();
                        let at = AGE_BUCKETS.iter().position(|(max, _)| days <= *max);
                        (at.unwrap_or(3), String::new())
                    }
                    TrackerView::Stage => (
                        Stage::ALL.iter().position(|s| *s == i.stage).unwrap_or(0),
                        String::new(),
                    ),
                    TrackerView::Account => {
                        let name = accounts.name(&i.account_id);
                        (
                            0,
                            if name.is_empty() {
                                i.account_id.clone()
                            } else {
                                name
                            },
                        )
                    }
                    TrackerView::Commitment => (Commitment::of(i.stage) as usize, String::new()),
                };
                (key, i)
            })
            .collect();
        sorting::sort_by(&mut keyed, |(a, x), (b, y)| {
            (a.0, a.1.to_ascii_lowercase(), x.received_on, &x.id).cmp(&(
                b.0,
                b.1.to_ascii_lowercase(),
                y.received_on,
                &y.id,
            ))
        });
        let mut groups: Vec<TrackerGroup> = Vec::new();
        let mut last = None;
        for (key, item) in keyed {
            if last.as_ref() != Some(&key) {
                let label = match view {
                    TrackerView::Age => AGE_BUCKETS[key.0].1.text(lang).to_string(),
                    TrackerView::Stage => item.stage.label().text(lang).to_string(),
                    TrackerView::Account => key.1.clone(),
                    TrackerView::Commitment => {
                        Commitment::of(item.stage).label().text(lang).to_string()
                    }
                };
                groups.push(TrackerGroup {
                    label,
                    items: Vec::new(),
                });
                last = Some(key);
            }
            if let Some(g) = groups.last_mut() {
                g.items.push(item);
            }
        }
        groups
    }

    /// The dashboard as computed from every item at once, before there was a tally.
    fn whole<'a>(
        items: &'a [FeedbackItem],
        themes: &[Theme],
        accounts: &AccountIndex,
        month: Month,
        now: DateTime<Utc>,
    ) -> Dashboard<'a> {
        let today = now.date_naive();
        let in_month = |i: &&FeedbackItem| Month::of(i.received_on) == month;
        let per_stage = Stage::ALL
            .iter()
            .map(|stage| {
                let n = items
                    .iter()
                    .filter(in_month)
                    .filter(|i| i.stage == *stage)
                    .count();
                (*stage, n)
            })
            .collect();
        let mut trend_months = vec![month];
        for _ in 1..TREND_MONTHS {
            let earliest = trend_months[trend_months.len() - 1];
            trend_months.push(earliest.previous());
        }
        trend_months.reverse();
        let ack_trend = trend_months
            .into_iter()
            .map(|m| {
                let report = old_health_report(items, accounts, m.year, m.month, now);
                (m, report.mean_days_to_ack)
            })
            .collect();
        let themes_by_arr = old_theme_figures(themes, items, accounts, today)
            .into_iter()
            .take(CHART_THEMES)
            .filter_map(|f| {
                let theme = themes.iter().find(|t| t.id == f.theme_id)?;
                Some((theme.name.clone(), f))
            })
            .collect();
        Dashboard {
            month,
            report: old_health_report(items, accounts, month.year, month.month, now),
            nps: nps(items.iter().filter(in_month).filter_map(|i| i.score), None),
            per_stage,
            ack_trend,
            themes_by_arr,
            highest_risk: highest_risk(items, accounts, today, RISK_ITEMS),
        }
    }

    /// A small deterministic generator (xorshift), so the sets are the same on every run.
    struct Dice(u64);

    impl Dice {
        fn roll(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    /// Accounts in mixed currencies (one written in lower case), with renewals near, far,
    /// past and unknown; items also name an account that is gone and none at all.
    fn accounts() -> AccountIndex {
        let make = |id: &str, arr, currency: &str, renewal: Option<(i32, u32, u32)>| {
            let mut a = Account::new(id.into(), at(2025, 1, 1));
            a.name = format!("Account {id}");
            a.arr = arr;
            a.currency = currency.into();
            a.renewal_date = renewal.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            a
        };
        AccountIndex::new([
            make("a1", 100_000, "USD", Some((2027, 1, 10))),
            make("a2", 250_000, "EUR", Some((2026, 12, 1))),
            make("a3", 40_000, "eur", None),
            make("a4", 0, "USD", Some((2027, 4, 1))),
            make("a5", 75_000, "GBP", Some((2026, 10, 1))),
            make("a6", 500_000, "USD", Some((2028, 1, 1))),
        ])
    }

    fn themes() -> Vec<Theme> {
        (1..=10)
            .map(|n| Theme {
                id: format!("t{n}"),
                name: format!("Theme {n}"),
                description: String::new(),
                created_at: at(2025, 1, 1),
            })
            .collect()
    }

    /// `n` items received from September 2025 to November 2026 at every stage, some with
    /// no history or one recorded after an import, some without score or theme, some with
    /// a theme no longer listed or named twice.
    fn items(n: usize, seed: u64) -> Vec<FeedbackItem> {
        let mut dice = Dice(seed);
        let accounts = ["a1", "a2", "a3", "a4", "a5", "a6", "gone", ""];
        let first = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        (0..n)
            .map(|k| {
                let received_on = first + Duration::days(dice.roll(449) as i64);
                let mut item = FeedbackItem::new(format!("f{k:05}"), now());
                item.account_id = accounts[dice.roll(8) as usize].into();
                item.received_on = received_on;
                item.score = (dice.roll(4) > 0).then(|| dice.roll(11) as u8);
                item.theme_ids = (0..dice.roll(3))
                    .map(|_| format!("t{}", 1 + dice.roll(12)))
                    .collect();
                let midnight = received_on.and_hms_opt(0, 0, 0).unwrap().and_utc();
                let mut t = match dice.roll(6) {
                    // Recorded when imported, a day or more later.
                    0 => midnight + Duration::days(1 + dice.roll(20) as i64),
                    _ => midnight + Duration::minutes(dice.roll(1440) as i64),
                };
                if dice.roll(10) > 0 {
                    item.move_to(Stage::Received, t);
                }
                for stage in &Stage::ALL[1..1 + dice.roll(8) as usize] {
                    if dice.roll(5) > 0 {
                        t += Duration::minutes(dice.roll(60 * 24 * 20) as i64);
                        item.stage_history.push(StageChange {
                            stage: *stage,
                            at: t,
                        });
                        item.stage = *stage;
                    }
                }
                item
            })
            .collect()
    }

    fn tally_of(items: &[FeedbackItem]) -> Tally {
        let mut tally = Tally::default();
        for item in items {
            tally.add(item);
        }
        tally
    }

    /// The tally's dashboard as of `now` (the day `today` is taken from), its highest risks
    /// looked up among `items` as the page reads them from the database.
    fn board<'a>(
        tally: &Tally,
        items: &'a [FeedbackItem],
        themes: &[Theme],
        accounts: &AccountIndex,
        month: Month,
        now: DateTime<Utc>,
    ) -> Dashboard<'a> {
        let today = now.date_naive();
        let days = tally.risk_days(accounts, today);
        let read: Vec<FeedbackItem> = items
            .iter()
            .filter(|i| days.contains(&i.received_on))
            .cloned()
            .collect();
        let risks = highest_risk(&read, accounts, today, RISK_ITEMS)
            .into_iter()
            .filter_map(|r| items.iter().find(|i| i.id == r.id))
            .collect();
        tally.dashboard(themes, accounts, month, today, risks)
    }

    /// Every month of the items, the months around them and one long before.
    fn months() -> Vec<Month> {
        let mut all = vec![Month {
            year: 2019,
            month: 1,
        }];
        let mut m = Month {
            year: 2026,
            month: 12,
        };
        while m
            >= (Month {
                year: 2025,
                month: 8,
            })
        {
            all.push(m);
            m = m.previous();
        }
        all
    }

    #[test]
    fn any_slicing_merged_gives_the_figures_of_every_item_at_once() {
        let (accounts, themes) = (accounts(), themes());
        for (n, seed) in [(0, 1), (1, 2), (40, 3), (700, 4)] {
            let items = items(n, seed);
            for slice in [1, 7, 200, n.max(1)] {
                let mut tally = Tally::default();
                let mut backwards = Tally::default();
                let mut rows = TrackerRows::default();
                let parts: Vec<Tally> = items.chunks(slice).map(tally_of).collect();
                for part in parts.iter().rev() {
                    let stored = serde_json::to_string(part).expect("a tally is written");
                    let read: Tally = serde_json::from_str(&stored).expect("and read back");
                    assert_eq!(&read, part, "as stored");
                    backwards.merge(read);
                }
                for part in parts {
                    tally.merge(part);
                }
                for chunk in items.chunks(slice).rev() {
                    for item in chunk {
                        rows.add(item, now());
                    }
                }
                for month in months() {
                    let expected = whole(&items, &themes, &accounts, month, now());
                    assert_eq!(
                        board(&tally, &items, &themes, &accounts, month, now()),
                        expected,
                        "{n} by {slice}, {month}"
                    );
                    assert_eq!(
                        board(&backwards, &items, &themes, &accounts, month, now()),
                        expected,
                        "{n} by {slice} backwards, {month}"
                    );
                }
                assert_eq!(rows.count(), n);
                assert_eq!(
                    rows.rows(),
                    tracker_rows(&items, now()).iter().collect::<Vec<_>>(),
                    "a row per item, oldest first"
                );
            }
        }
    }

    #[test]
    fn risk_days_hold_every_item_tied_with_the_last_of_the_highest_risks() {
        let accounts = accounts();
        let item = |id: &str, account: &str, on: (i32, u32, u32)| {
            let mut i = FeedbackItem::new(id.into(), now());
            i.account_id = account.into();
            i.received_on = NaiveDate::from_ymd_opt(on.0, on.1, on.2).unwrap();
            i
        };
        // a1 and a4 renew 48 and 129 days away: a4's items need 81 more days to tie with a1's.
        let mut items = vec![
            item("z-old", "a4", (2026, 6, 1)),
            item("a-new", "a1", (2026, 11, 20)),
        ];
        for k in 0..6 {
            items.push(item(&format!("tie-{k}"), "a1", (2026, 8, 22)));
            items.push(item(&format!("tie-b{k}"), "a4", (2026, 6, 2)));
        }
        let tally = tally_of(&items);
        let today = now().date_naive();
        let days = tally.risk_days(&accounts, today);
        // Scores: z-old 175 + 51 = 226; each tie-b 174 + 51 = 225, as each a1 tie 93 + 132
        // but received later; a-new 3 + 132. The fifth is a tie-b: only a4's days can rank.
        let june = |d| NaiveDate::from_ymd_opt(2026, 6, d).unwrap();
        assert_eq!(days, [june(1), june(2)]);
        let month = Month::of(today);
        let d = board(&tally, &items, &[], &accounts, month, now());
        assert_eq!(d, whole(&items, &[], &accounts, month, now()));
        let ids: Vec<&str> = d.highest_risk.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["z-old", "tie-b0", "tie-b1", "tie-b2", "tie-b3"]);
        assert_eq!(Tally::default().risk_days(&accounts, today), []);
    }

    #[test]
    fn a_stored_tally_that_refers_to_nothing_is_refused() {
        let mut tally = tally_of(&items(40, 9));
        assert!(!tally.open.is_empty());
        let stored = serde_json::to_value(&tally).expect("stored");
        assert!(stored["open"]
            .as_array()
            .is_some_and(|o| o.iter().all(|n| n.is_i64())));
        let mut broken = stored.clone();
        broken["open"][0] = serde_json::json!(9999);
        assert!(serde_json::from_value::<Tally>(broken).is_err());
        tally.open.clear();
        let read: Tally = serde_json::from_value(serde_json::to_value(&tally).unwrap()).unwrap();
        assert_eq!(read, tally);
    }

    #[test]
    fn the_tracker_of_the_rows_groups_as_sorting_every_item_did() {
        let (items, accounts) = (items(700, 5), accounts());
        let mut tally = TrackerRows::default();
        for part in items.chunks(7).rev() {
            for item in part {
                tally.add(item, now());
            }
        }
        let rows: Vec<TrackerRow> = items.iter().map(|i| TrackerRow::of(i, now())).collect();
        let today = now().date_naive();
        for view in [
            TrackerView::Stage,
            TrackerView::Age,
            TrackerView::Account,
            TrackerView::Commitment,
        ] {
            let expected = old_tracker(&rows, view, &accounts, today, Lang::En);
            let grouped = tracker(&tally.rows(), view, &accounts, today, Lang::En);
            assert_eq!(grouped, expected, "{view:?}");
            assert!(grouped.len() > 3, "{view:?}");
        }
    }

    #[test]
    fn the_generated_items_reach_every_case() {
        let (items, accounts, themes) = (items(700, 4), accounts(), themes());
        let tally = tally_of(&items);
        let month = Month {
            year: 2026,
            month: 3,
        };
        let d = board(&tally, &items, &themes, &accounts, month, now());
        assert!(d.report.received > 20);
        assert!(d.report.loops_closed > 0 && d.report.open_old_near_renewal > 0);
        assert!(d.report.mean_days_to_ack.is_some() && d.report.mean_days_to_answer.is_some());
        assert!(
            d.nps.responses > 0 && d.nps.responses < d.report.received,
            "some without score"
        );
        assert_eq!(d.highest_risk.len(), RISK_ITEMS);
        assert_eq!(d.themes_by_arr.len(), CHART_THEMES);
        let currencies: Vec<String> = d.themes_by_arr[0]
            .1
            .arr
            .per_currency()
            .iter()
            .map(|(c, _)| c.clone())
            .collect();
        assert_eq!(
            currencies,
            ["EUR", "GBP", "USD"],
            "ARR in each currency, never one sum"
        );
        assert!(items.iter().any(|i| i.stage_history.is_empty()));
        assert!(items
            .iter()
            .any(|i| i.theme_ids.len() == 2 && i.theme_ids[0] == i.theme_ids[1]));
    }

    #[test]
    fn nothing_added_has_no_figures() {
        let month = Month {
            year: 2026,
            month: 11,
        };
        let tally = Tally::default();
        let d = board(&tally, &[], &themes(), &accounts(), month, now());
        assert_eq!(d, whole(&[], &themes(), &accounts(), month, now()));
        assert_eq!(d.report, HealthReport::default());
        assert_eq!(d.nps.nps_tenths, None);
        assert!(d.per_stage.iter().all(|(_, n)| *n == 0) && d.per_stage.len() == Stage::ALL.len());
        assert!(d.ack_trend.iter().all(|(_, t)| t.is_none()));
        assert!(d.highest_risk.is_empty());
        assert!(d.themes_by_arr.iter().all(|(_, f)| f.items == 0));
    }

    #[test]
    fn months_are_cut_on_the_received_day_and_loops_on_the_day_closed() {
        let received = |id: &str, y, m, d| {
            let mut i = FeedbackItem::new(id.into(), now());
            i.received_on = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let t = i.received_on.and_hms_opt(23, 59, 0).unwrap().and_utc();
            i.move_to(Stage::Received, t);
            i
        };
        let mut last = received("last", 2025, 12, 31);
        last.move_to(
            Stage::Acknowledged,
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 30, 0).unwrap(),
        );
        last.move_to(
            Stage::LoopClosed,
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 40, 0).unwrap(),
        );
        let items = [last, received("first", 2026, 1, 1)];
        let tally = tally_of(&items);
        let month = |year, month| Month { year, month };
        let december = board(&tally, &items, &[], &accounts(), month(2025, 12), now());
        let january = board(&tally, &items, &[], &accounts(), month(2026, 1), now());
        assert_eq!(
            (december.report.received, december.report.loops_closed),
            (1, 0)
        );
        assert_eq!(
            (january.report.received, january.report.loops_closed),
            (1, 1)
        );
        assert_eq!(december.report.mean_days_to_ack, Some(0), "31 minutes");
        assert_eq!(
            january.ack_trend[4],
            (
                Month {
                    year: 2025,
                    month: 12
                },
                Some(0)
            )
        );
        assert_eq!(
            january.ack_trend[5].1, None,
            "nothing acknowledged in January"
        );
        for month in [december.month, january.month] {
            assert_eq!(
                board(&tally, &items, &[], &accounts(), month, now()),
                whole(&items, &[], &accounts(), month, now())
            );
        }
    }
    #[test]
    fn the_month_s_figures_stages_trend_and_risks() {
        let item = |id: &str, account: &str, received: DateTime<Utc>, score| {
            let mut i = FeedbackItem::new(id.into(), received);
            i.account_id = account.into();
            i.received_on = received.date_naive();
            i.score = Some(score);
            i.move_to(Stage::Received, received);
            i
        };
        let acknowledged = |mut i: FeedbackItem, after_hours| {
            let t = i.stage_history[0].at + Duration::hours(after_hours);
            i.move_to(Stage::Acknowledged, t);
            i
        };
        let mut acme = Account::new("a".into(), at(2025, 1, 1));
        acme.name = "Acme".into();
        acme.arr = 100_000;
        acme.renewal_date = NaiveDate::from_ymd_opt(2026, 12, 1);
        let mut globex = Account::new("b".into(), at(2025, 1, 1));
        globex.name = "Globex".into();
        globex.arr = 40_000;
        let accounts = AccountIndex::new([acme, globex]);
        let items = vec![
            acknowledged(item("1", "a", at(2026, 10, 2), 10), 24),
            acknowledged(item("2", "a", at(2026, 10, 5), 3), 72),
            item("3", "b", at(2026, 10, 20), 8),
            acknowledged(item("4", "b", at(2026, 9, 1), 9), 48),
            item("5", "a", at(2026, 4, 1), 2),
        ];
        let theme = Theme {
            id: "t".into(),
            name: "Exports".into(),
            description: String::new(),
            created_at: at(2026, 10, 1),
        };
        let mut items = items;
        items[0].theme_ids = vec!["t".into()];
        items[2].theme_ids = vec!["t".into()];
        let month = Month::parse("2026-10").expect("month");
        let now = at(2026, 11, 1);
        let tally = tally_of(&items);
        let themes = [theme];
        let d = board(&tally, &items, &themes, &accounts, month, now);
        assert_eq!(d, whole(&items, &themes, &accounts, month, now));

        assert_eq!(d.report.received, 3);
        assert_eq!(
            (d.nps.promoters, d.nps.passives, d.nps.detractors),
            (1, 1, 1)
        );
        assert_eq!(d.nps.nps_tenths, Some(0));
        let count = |s: Stage| d.per_stage.iter().find(|(st, _)| *st == s).map(|p| p.1);
        assert_eq!(count(Stage::Acknowledged), Some(2));
        assert_eq!(count(Stage::Received), Some(1));
        assert_eq!(count(Stage::Shipped), Some(0));
        assert_eq!(d.per_stage.len(), Stage::ALL.len());

        assert_eq!(d.ack_trend.len(), TREND_MONTHS as usize);
        assert_eq!(d.ack_trend[0].0.to_string(), "2026-05");
        assert_eq!(d.ack_trend[5], (month, Some(20)), "(1 + 3 days) / 2 = 2.0");
        assert_eq!(d.ack_trend[4].1, Some(20), "September: 2 days");
        assert_eq!(d.ack_trend[3].1, None, "nothing received in August");

        let (name, figures) = &d.themes_by_arr[0];
        assert_eq!(name, "Exports");
        assert_eq!(
            (figures.arr.text(Lang::En), figures.items, figures.accounts),
            ("USD 140,000".to_string(), 2, 2)
        );
        assert_eq!(figures.renewals_6m, 1, "Acme renews within 6 months");
        // The April item waits longest.
        assert_eq!(d.highest_risk[0].id, "5");
        assert_eq!(d.highest_risk.len(), RISK_ITEMS, "every item is still open");
    }
}
