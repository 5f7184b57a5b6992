//! The feedback health dashboard for a chosen month, computed from the tracker: the month's
//! health report and NPS, items per stage, the time-to-acknowledge trend over the months up
//! to it, themes by ARR and the highest-risk open items (gathered by `tally::Tally`), and
//! the scale of its bars.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::feedback::stats::{HealthReport, NpsSummary, ThemeFigures};
use crate::domain::feedback::{FeedbackItem, Stage};

/// Months shown in the time-to-acknowledge trend, the chosen one last.
pub const TREND_MONTHS: u32 = 6;
/// Highest-risk open items listed.
pub const RISK_ITEMS: usize = 5;
/// Themes shown in the ARR chart.
pub const CHART_THEMES: usize = 8;

/// A year and month; stored as its `YYYY-MM` text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Month::parse(&text).ok_or_else(|| serde::de::Error::custom("not a month"))
    }
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

    /// The month after this one.
    pub fn next(self) -> Self {
        match self.month {
            12 => Self {
                year: self.year + 1,
                month: 1,
            },
            m => Self {
                year: self.year,
                month: m + 1,
            },
        }
    }

    /// Every month from `first` to `last`, both included (none if `last` comes first).
    pub fn span(first: Self, last: Self) -> impl Iterator<Item = Self> {
        std::iter::successors(Some(first), |m| Some(m.next())).take_while(move |m| *m <= last)
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
    use crate::domain::account::ArrTotals;
    use crate::domain::feedback::stats::Skew;

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
        assert_eq!(m.previous().next(), m);
        let december = Month::parse("2025-12").expect("month");
        assert_eq!(december.next(), m);
        let months: Vec<String> = Month::span(Month::parse("2025-11").expect("month"), m.next())
            .map(|m| m.to_string())
            .collect();
        assert_eq!(months, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!(Month::span(m, m).count(), 1);
        assert_eq!(Month::span(m, december).count(), 0, "last before first");
        assert_eq!(
            serde_json::to_value(m).unwrap(),
            serde_json::json!("2026-01")
        );
        assert_eq!(
            serde_json::from_value::<Month>("2025-12".into()).unwrap(),
            december
        );
        assert!(serde_json::from_value::<Month>("2025-13".into()).is_err());
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-01"), None);
        assert_eq!(Month::parse("march"), None);
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
