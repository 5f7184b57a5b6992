//! The feedback health dashboard for a chosen month, computed from the tracker: the month's
//! health report and NPS, items per stage, the time-to-acknowledge trend over the months up
//! to it, themes by ARR and the highest-risk open items. Pure: `now` is passed in.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::domain::feedback::stats::{
    health_report, highest_risk, mean_days_to_ack, nps, theme_figures, HealthReport, NpsSummary,
    ThemeFigures,
};
use crate::domain::feedback::{FeedbackItem, Stage, Theme, STAGE_CHOICES};
use crate::domain::form::Coded;
use crate::domain::record::AccountIndex;

/// Months shown in the time-to-acknowledge trend, the chosen one last.
pub const TREND_MONTHS: u32 = 6;
/// Highest-risk open items listed.
pub const RISK_ITEMS: usize = 5;
/// Themes shown in the ARR chart.
pub const CHART_THEMES: usize = 8;

/// A year and month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Reads `YYYY-MM` (the value of a month input).
    pub fn parse(text: &str) -> Option<Self> {
        let (y, m) = text.trim().split_once('-')?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (y.len() == 4 && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// The month before this one.
    pub fn previous(self) -> Self {
        match self.month {
            1 => Self {
                year: self.year - 1,
                month: 12,
            },
            m => Self {
                year: self.year,
                month: m - 1,
            },
        }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Everything the dashboard shows for one month.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard<'a> {
    pub month: Month,
    pub report: HealthReport,
    /// NPS of the scored items received in the month.
    pub nps: NpsSummary,
    /// Items of the month per current stage, in stage order (stages with none included).
    pub per_stage: Vec<(Stage, usize)>,
    /// Mean days to acknowledge (tenths) per month, oldest first, ending with `month`.
    pub ack_trend: Vec<(Month, Option<i64>)>,
    /// Themes by ARR at stake, with their name, most first.
    pub themes_by_arr: Vec<(String, ThemeFigures)>,
    /// The open items waiting longest with renewal nearest.
    pub highest_risk: Vec<&'a FeedbackItem>,
}

/// Computes the dashboard of `month` from every item, theme and account.
pub fn dashboard<'a>(
    items: &'a [FeedbackItem],
    themes: &[Theme],
    accounts: &AccountIndex,
    month: Month,
    now: DateTime<Utc>,
) -> Dashboard<'a> {
    let today = now.date_naive();
    let in_month = |i: &&FeedbackItem| Month::of(i.received_on) == month;
    let per_stage = STAGE_CHOICES
        .iter()
        .filter_map(|c| Stage::from_code(c.value))
        .map(|stage| {
            let n = items
                .iter()
                .filter(in_month)
                .filter(|i| i.stage == stage)
                .count();
            (stage, n)
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
        .map(|m| (m, mean_days_to_ack(items, m.year, m.month)))
        .collect();
    let themes_by_arr = theme_figures(themes, items, accounts, today)
        .into_iter()
        .take(CHART_THEMES)
        .filter_map(|f| {
            let theme = themes.iter().find(|t| t.id == f.theme_id)?;
            Some((theme.name.clone(), f))
        })
        .collect();
    Dashboard {
        month,
        report: health_report(items, accounts, month.year, month.month, now),
        nps: nps(items.iter().filter(in_month).filter_map(|i| i.score), None),
        per_stage,
        ack_trend,
        themes_by_arr,
        highest_risk: highest_risk(items, accounts, today, RISK_ITEMS),
    }
}

/// Each theme's ARR bar value: its amount in its first currency, in thousandths of the
/// largest amount any of these themes has in that currency, so a bar is only ever measured
/// against amounts in its own currency (0 for a theme without ARR).
pub fn arr_bars(figures: &[&ThemeFigures]) -> Vec<u64> {
    let amount_in = |f: &ThemeFigures, code: &str| {
        f.arr
            .per_currency()
            .iter()
            .find(|(c, _)| c == code)
            // A total too large to add up is the largest bar.
            .map(|(_, a)| a.unwrap_or(u64::MAX))
    };
    figures
        .iter()
        .map(|f| match f.arr.per_currency().first() {
            None => 0,
            Some((code, total)) => {
                let amount = total.unwrap_or(u64::MAX);
                let largest = figures
                    .iter()
                    .filter_map(|g| amount_in(g, code))
                    .max()
                    .unwrap_or(amount)
                    .max(1);
                u64::try_from(u128::from(amount) * 1000 / u128::from(largest)).unwrap_or(1000)
            }
        })
        .collect()
}

/// A bar's length in whole percent of the largest value (at least 1 for any non-zero value).
/// Computed in u128, where `value * 100` cannot overflow.
pub fn bar_percent(value: u64, largest: u64) -> u64 {
    match (value, largest) {
        (0, _) | (_, 0) => 0,
        (v, l) => {
            let percent = u128::from(v) * 100 / u128::from(l);
            u64::try_from(percent.clamp(1, 100)).unwrap_or(100)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{Account, ArrTotals};
    use crate::domain::feedback::stats::Skew;
    use crate::domain::feedback::StageChange;
    use crate::i18n::Lang;
    use chrono::{Duration, TimeZone};

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap()
    }

    fn item(id: &str, account: &str, received: DateTime<Utc>, score: u8) -> FeedbackItem {
        let mut i = FeedbackItem::new(id.into(), received);
        i.account_id = account.into();
        i.received_on = received.date_naive();
        i.score = Some(score);
        i.stage_history = vec![StageChange {
            stage: Stage::Received,
            at: received,
        }];
        i
    }

    fn acknowledged(mut i: FeedbackItem, after_hours: i64) -> FeedbackItem {
        let t = i.stage_history[0].at + Duration::hours(after_hours);
        i.move_to(Stage::Acknowledged, t);
        i
    }

    fn accounts() -> AccountIndex {
        let mut a = Account::new("a".into(), at(2025, 1, 1));
        a.name = "Acme".into();
        a.arr = 100_000;
        a.renewal_date = NaiveDate::from_ymd_opt(2026, 12, 1);
        let mut b = Account::new("b".into(), at(2025, 1, 1));
        b.name = "Globex".into();
        b.arr = 40_000;
        AccountIndex::new([a, b])
    }

    #[test]
    fn arr_bars_measure_each_theme_within_its_own_currency() {
        let figures = |arr: &[(&str, u64)]| {
            let mut f = ThemeFigures {
                theme_id: String::new(),
                items: 1,
                accounts: 1,
                arr: ArrTotals::default(),
                split: NpsSummary::default(),
                skew: Skew::Mixed,
                renewals_6m: 0,
            };
            for (c, a) in arr {
                f.arr.add(c, *a);
            }
            f
        };
        let themes = [
            figures(&[("USD", 1_200_000)]),
            figures(&[("EUR", 300_000)]),
            figures(&[("USD", 600_000), ("EUR", 150_000)]),
            figures(&[]),
        ];
        let refs: Vec<&ThemeFigures> = themes.iter().collect();
        assert_eq!(arr_bars(&refs), [1000, 1000, 500, 0]);
    }

    #[test]
    fn months_parse_print_and_step_back() {
        let m = Month::parse("2026-01").expect("month");
        assert_eq!(m.to_string(), "2026-01");
        assert_eq!(m.previous().to_string(), "2025-12");
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-01"), None);
        assert_eq!(Month::parse("march"), None);
    }

    #[test]
    fn the_month_s_figures_stages_trend_and_risks() {
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
        let d = dashboard(&items, &[theme], &accounts(), month, at(2026, 11, 1));

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
        assert_eq!(d.per_stage.len(), STAGE_CHOICES.len());

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

    #[test]
    fn bars_are_scaled_to_the_largest() {
        assert_eq!(bar_percent(0, 10), 0);
        assert_eq!(bar_percent(5, 0), 0);
        assert_eq!(bar_percent(10, 10), 100);
        assert_eq!(bar_percent(1, 1000), 1);
        assert_eq!(bar_percent(250, 1000), 25);
        assert_eq!(bar_percent(u64::MAX, u64::MAX), 100);
        assert_eq!(bar_percent(u64::MAX / 2, u64::MAX), 49);
        assert_eq!(bar_percent(1, u64::MAX), 1);
    }
}
