//! The user's time zone as the pure planners see it: the offset from UTC in force at an
//! instant (it changes with daylight saving), and the instant a local wall-clock time names.
//! The browser answers from its own zone rules (`ui::browser::BrowserZone`); every chrono
//! `TimeZone` answers too (fixed offsets, and `chrono-tz` zones in tests).

use std::fmt::Debug;

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
};

/// A time zone with its daylight-saving rules.
pub trait LocalZone: Debug {
    /// The offset from UTC in force at `t`.
    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset;

    /// The instant the wall-clock time `local` names. A time that occurs twice (clocks going
    /// back) is the earlier instant; a time that is skipped (clocks going forward) is read
    /// with the offset before the change, so 02:30 in a one-hour gap is 03:30 after it. This
    /// is what JavaScript's `Date` does.
    fn instant_of(&self, local: NaiveDateTime) -> DateTime<Utc>;

    /// `t` on the local wall clock.
    fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.offset_at(t)).naive_local()
    }

    /// The local date of `t`.
    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        self.local(t).date()
    }
}

impl<Z: TimeZone + Debug> LocalZone for Z {
    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        self.offset_from_utc_datetime(&t.naive_utc()).fix()
    }

    fn instant_of(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.to_utc(),
            LocalResult::None => {
                // A day earlier is before the change and after any earlier one.
                let before = self.offset_at((local - Duration::days(1)).and_utc());
                (local - before).and_utc()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn wall(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn hours(h: i32) -> FixedOffset {
        FixedOffset::east_opt(h * 3600).unwrap()
    }

    #[test]
    fn a_fixed_offset_is_the_same_all_year() {
        let zone = hours(8);
        assert_eq!(zone.offset_at(utc(2026, 1, 1, 0, 0)), hours(8));
        assert_eq!(zone.offset_at(utc(2026, 7, 1, 0, 0)), hours(8));
        assert_eq!(
            zone.instant_of(wall(2026, 11, 23, 9, 0)),
            utc(2026, 11, 23, 1, 0)
        );
        assert_eq!(
            zone.local(utc(2026, 11, 23, 17, 0)),
            wall(2026, 11, 24, 1, 0)
        );
        assert_eq!(
            zone.local_date(utc(2026, 11, 23, 17, 0)),
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
        );
    }

    #[test]
    fn new_york_offsets_around_both_changes() {
        // 2026: forward on 8 March at 07:00 UTC, back on 1 November at 06:00 UTC.
        assert_eq!(New_York.offset_at(utc(2026, 3, 8, 6, 59)), hours(-5));
        assert_eq!(New_York.offset_at(utc(2026, 3, 8, 7, 0)), hours(-4));
        assert_eq!(New_York.offset_at(utc(2026, 11, 1, 5, 59)), hours(-4));
        assert_eq!(New_York.offset_at(utc(2026, 11, 1, 6, 0)), hours(-5));
    }

    #[test]
    fn berlin_offsets_around_both_changes() {
        // 2026: forward on 29 March, back on 25 October, both at 01:00 UTC.
        assert_eq!(Berlin.offset_at(utc(2026, 3, 29, 0, 59)), hours(1));
        assert_eq!(Berlin.offset_at(utc(2026, 3, 29, 1, 0)), hours(2));
        assert_eq!(Berlin.offset_at(utc(2026, 10, 25, 0, 59)), hours(2));
        assert_eq!(Berlin.offset_at(utc(2026, 10, 25, 1, 0)), hours(1));
    }

    #[test]
    fn wall_clock_times_on_either_side_of_a_change() {
        assert_eq!(
            New_York.instant_of(wall(2026, 3, 7, 9, 0)),
            utc(2026, 3, 7, 14, 0)
        );
        assert_eq!(
            New_York.instant_of(wall(2026, 3, 9, 9, 0)),
            utc(2026, 3, 9, 13, 0)
        );
        assert_eq!(
            Berlin.instant_of(wall(2026, 10, 24, 10, 0)),
            utc(2026, 10, 24, 8, 0)
        );
        assert_eq!(
            Berlin.instant_of(wall(2026, 10, 26, 10, 0)),
            utc(2026, 10, 26, 9, 0)
        );
    }

    #[test]
    fn a_skipped_time_moves_forward_by_the_gap() {
        // 02:30 does not exist on 8 March in New York: read as EST, it is 03:30 EDT.
        let t = New_York.instant_of(wall(2026, 3, 8, 2, 30));
        assert_eq!(t, utc(2026, 3, 8, 7, 30));
        assert_eq!(New_York.local(t), wall(2026, 3, 8, 3, 30));
        let t = Berlin.instant_of(wall(2026, 3, 29, 2, 15));
        assert_eq!(t, utc(2026, 3, 29, 1, 15));
        assert_eq!(Berlin.local(t), wall(2026, 3, 29, 3, 15));
    }

    #[test]
    fn a_repeated_time_is_the_earlier_instant() {
        assert_eq!(
            New_York.instant_of(wall(2026, 11, 1, 1, 30)),
            utc(2026, 11, 1, 5, 30)
        );
        assert_eq!(
            Berlin.instant_of(wall(2026, 10, 25, 2, 30)),
            utc(2026, 10, 25, 0, 30)
        );
    }

    #[test]
    fn local_dates_follow_the_offset_of_the_day() {
        // 04:30 UTC is 23:30 the day before in New York in winter (EST), but 00:30 the same
        // day once summer time (EDT) has begun.
        assert_eq!(
            New_York.local_date(utc(2026, 3, 7, 4, 30)),
            NaiveDate::from_ymd_opt(2026, 3, 6).unwrap()
        );
        assert_eq!(
            New_York.local_date(utc(2026, 3, 9, 4, 30)),
            NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
        );
    }
}
