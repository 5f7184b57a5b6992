//! Escalation dates, as SPEC.md's rules state them: the first response is due 2 hours after
//! receipt; customer-update checkpoints over the 14-day resolution window follow the severity
//! (P1 daily including weekends, P2 every 2 business days, P3 weekly), in the user's local
//! time, and a P2/P3 checkpoint on a Saturday or Sunday moves to Monday. Pure: the user's
//! time zone is passed in.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc, Weekday};

use crate::domain::escalation::rules::Severity;
use crate::domain::time::zone::LocalZone;

/// Hours from receipt to the first customer response.
pub const FIRST_RESPONSE_HOURS: i64 = 2;
/// Length of the resolution window, in days.
pub const RESOLUTION_DAYS: i64 = 14;

/// When the first customer response is due.
pub fn first_response_due(received: DateTime<Utc>) -> DateTime<Utc> {
    received + Duration::hours(FIRST_RESPONSE_HOURS)
}

pub(crate) fn is_weekend(t: NaiveDateTime) -> bool {
    matches!(t.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Moves a Saturday or Sunday to the following Monday, keeping the time of day.
fn weekday_or_monday(t: NaiveDateTime) -> NaiveDateTime {
    match t.weekday() {
        Weekday::Sat => t + Duration::days(2),
        Weekday::Sun => t + Duration::days(1),
        _ => t,
    }
}

/// Adds `n` business days (Monday to Friday) to `t`.
pub(crate) fn add_business_days(mut t: NaiveDateTime, n: u32) -> NaiveDateTime {
    let mut left = n;
    while left > 0 {
        t += Duration::days(1);
        if !is_weekend(t) {
            left -= 1;
        }
    }
    t
}

/// The customer-update checkpoints within the resolution window, as local date-times at the
/// time of day the escalation was received.
pub fn checkpoints(
    received: DateTime<Utc>,
    severity: Severity,
    zone: &dyn LocalZone,
) -> Vec<NaiveDateTime> {
    let start = zone.local(received);
    let end = start + Duration::days(RESOLUTION_DAYS);
    match severity {
        Severity::P1 => (1..=RESOLUTION_DAYS)
            .map(|d| start + Duration::days(d))
            .collect(),
        Severity::P2 => (1..)
            .map(|k| add_business_days(start, 2 * k))
            .take_while(|t| *t <= end)
            .collect(),
        // The day-14 checkpoint moved to Monday stays the day-14 checkpoint.
        Severity::P3 => (1..=RESOLUTION_DAYS / 7)
            .map(|w| weekday_or_monday(start + Duration::days(7 * w)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    fn days(list: &[NaiveDateTime]) -> Vec<String> {
        list.iter()
            .map(|t| format!("{} {}", t.format("%a"), t.date()))
            .collect()
    }

    fn utc() -> &'static Utc {
        &Utc
    }

    #[test]
    fn the_first_response_is_due_two_hours_after_receipt() {
        assert_eq!(
            first_response_due(at(2026, 11, 23, 23)),
            at(2026, 11, 24, 1)
        );
    }

    #[test]
    fn p1_is_daily_including_weekends() {
        // Friday 2026-11-20.
        let list = checkpoints(at(2026, 11, 20, 9), Severity::P1, utc());
        assert_eq!(list.len(), 14);
        assert_eq!(
            list[0].date(),
            NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            "Saturday stays"
        );
        assert_eq!(
            list[13].date(),
            NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
        );
        assert!(list
            .iter()
            .all(|t| t.time() == chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap()));
    }

    #[test]
    fn p2_is_every_two_business_days() {
        // Thursday 2026-11-19: Mon 23, Wed 25, Fri 27, Tue 1, Thu 3 (within 14 days: up to Thu 3).
        let list = checkpoints(at(2026, 11, 19, 9), Severity::P2, utc());
        assert_eq!(
            days(&list),
            [
                "Mon 2026-11-23",
                "Wed 2026-11-25",
                "Fri 2026-11-27",
                "Tue 2026-12-01",
                "Thu 2026-12-03"
            ]
        );
    }

    #[test]
    fn p2_received_on_a_weekend_starts_counting_on_monday() {
        // Saturday 2026-11-21: Tue 24 is the second business day.
        let list = checkpoints(at(2026, 11, 21, 9), Severity::P2, utc());
        assert_eq!(days(&list)[0], "Tue 2026-11-24");
        assert!(list.iter().all(|t| !is_weekend(*t)));
    }

    #[test]
    fn p3_is_weekly_and_weekend_checkpoints_move_to_monday() {
        // Sunday 2026-11-22: weekly lands on Sundays, moved to Mondays 30 Nov and 7 Dec.
        let list = checkpoints(at(2026, 11, 22, 9), Severity::P3, utc());
        assert_eq!(days(&list), ["Mon 2026-11-30", "Mon 2026-12-07"]);
        // Wednesday: plain weekly.
        let list = checkpoints(at(2026, 11, 18, 9), Severity::P3, utc());
        assert_eq!(days(&list), ["Wed 2026-11-25", "Wed 2026-12-02"]);
    }

    #[test]
    fn dates_are_in_the_users_time_zone() {
        // 2026-11-20 17:00 UTC is already Saturday 01:00 in Shanghai (UTC+8).
        let shanghai = &chrono::FixedOffset::east_opt(8 * 3600).unwrap();
        let list = checkpoints(at(2026, 11, 20, 17), Severity::P3, shanghai);
        assert_eq!(
            days(&list)[0],
            "Mon 2026-11-30",
            "Saturday 28 moves to Monday"
        );
        assert_eq!(
            list[0].time(),
            chrono::NaiveTime::from_hms_opt(1, 0, 0).unwrap()
        );
        // The same instant in New York (UTC-5) is still Friday noon.
        let new_york = &chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        let list = checkpoints(at(2026, 11, 20, 17), Severity::P3, new_york);
        assert_eq!(days(&list)[0], "Fri 2026-11-27");
    }
}
