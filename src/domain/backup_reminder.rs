//! When to remind the user to export a backup (browsers may evict site data).

use chrono::{DateTime, Duration, Utc};

/// Days after which an un-backed-up store gets a reminder.
pub const REMIND_AFTER_DAYS: i64 = 14;

/// True when there is data and no backup was exported in the last `REMIND_AFTER_DAYS` days
/// (counting from the first record when no backup was ever made).
pub fn backup_due(
    last_backup: Option<DateTime<Utc>>,
    oldest_record: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let Some(oldest) = oldest_record else {
        return false;
    };
    let since = last_backup.unwrap_or(oldest);
    now - since >= Duration::days(REMIND_AFTER_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn no_data_no_reminder() {
        assert!(!backup_due(None, None, day(30)));
    }

    #[test]
    fn reminds_two_weeks_after_first_record_without_backup() {
        assert!(!backup_due(None, Some(day(10)), day(23)));
        assert!(backup_due(None, Some(day(9)), day(23)));
    }

    #[test]
    fn a_recent_backup_silences_the_reminder() {
        assert!(!backup_due(Some(day(20)), Some(day(1)), day(23)));
        assert!(backup_due(Some(day(2)), Some(day(1)), day(23)));
    }
}
