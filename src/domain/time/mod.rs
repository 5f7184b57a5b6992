//! Reading instants and dates from text with chrono's parsers: RFC 3339 instants (the form
//! layer and imports), ISO dates, `datetime-local` values, and HTTP dates (`Retry-After`,
//! read by the `httpdate` crate in all three forms RFC 9110 requires). Stored records use
//! chrono's own serde, which reads what chrono wrote.

pub mod ics;
pub mod zone;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};

/// An RFC 3339 instant: `2026-11-23T09:05:00Z`, `2026-11-23T17:05:00.250+08:00`
/// (a space or a lowercase `t`/`z` is accepted too); offsets must be within ±23:59.
pub fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.to_utc())
}

/// `2026-11-23`. (chrono's own ISO readers and writers, not its `strftime` patterns, whose
/// parser and formatter would cost the wasm 4 KB gzip.)
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    text.parse().ok()
}

/// A `datetime-local` input value, `2026-11-23T09:05` (seconds allowed), as a local time.
pub fn parse_local_minute(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.trim().split_once('T')?;
    Some(date.parse::<NaiveDate>().ok()?.and_time(time.parse().ok()?))
}

/// A local time as a `datetime-local` input value, `2026-11-23T09:05`.
pub fn local_minute_value(t: NaiveDateTime) -> String {
    format!("{}T{:02}:{:02}", t.date(), t.hour(), t.minute())
}

/// An HTTP date in any of the forms RFC 9110 requires recipients to read: IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and
/// asctime (`Sun Nov  6 08:49:37 1994`).
pub fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    httpdate::parse_http_date(text).ok().map(DateTime::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn utc_at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    #[test]
    fn instants_with_every_offset_form() {
        let expected = utc_at(2026, 11, 23, 9, 5, 0);
        for text in [
            "2026-11-23T09:05:00Z",
            "2026-11-23t09:05:00z",
            "2026-11-23 09:05:00Z",
            "2026-11-23T17:05:00+08:00",
            "2026-11-23T04:05:00-05:00",
            "2026-11-23T09:05:00-00:00",
            "2026-11-23T14:50:00+05:45",
            " 2026-11-23T09:05:00+00:00 ",
        ] {
            assert_eq!(parse_rfc3339(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn the_widest_offsets_are_23_59() {
        assert_eq!(
            parse_rfc3339("2026-11-23T23:59:00+23:59"),
            Some(utc_at(2026, 11, 23, 0, 0, 0))
        );
        assert_eq!(
            parse_rfc3339("2026-11-23T00:00:00-23:59"),
            Some(utc_at(2026, 11, 23, 23, 59, 0))
        );
    }

    #[test]
    fn out_of_range_offsets_are_refused() {
        for text in [
            "2026-11-23T09:05:00+24:00",
            "2026-11-23T09:05:00-24:00",
            "2026-11-23T09:05:00+25:00",
            "2026-11-23T09:05:00-25:00",
            "2026-11-23T09:05:00+99:00",
            "2026-11-23T09:05:00+08:60",
            "2026-11-23T09:05:00+08:99",
        ] {
            assert_eq!(parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn fractions_of_a_second_are_kept() {
        let t = parse_rfc3339("2026-11-23T09:05:00.25Z").unwrap();
        assert_eq!(
            t,
            utc_at(2026, 11, 23, 9, 5, 0) + Duration::milliseconds(250)
        );
        let t = parse_rfc3339("2026-11-23T09:05:00.000000001Z").unwrap();
        assert_eq!(t, utc_at(2026, 11, 23, 9, 5, 0) + Duration::nanoseconds(1));
    }

    #[test]
    fn digits_past_nanoseconds_are_dropped() {
        let t = parse_rfc3339("2026-11-23T09:05:00.1234567899Z").unwrap();
        assert_eq!(
            t,
            utc_at(2026, 11, 23, 9, 5, 0) + Duration::nanoseconds(123_456_789)
        );
    }

    #[test]
    fn an_offset_can_move_the_date() {
        assert_eq!(
            parse_rfc3339("2026-01-01T01:00:00+02:00"),
            Some(utc_at(2025, 12, 31, 23, 0, 0))
        );
        assert_eq!(
            parse_rfc3339("2026-12-31T22:00:00-03:00"),
            Some(utc_at(2027, 1, 1, 1, 0, 0))
        );
    }

    #[test]
    fn what_chrono_writes_reads_back() {
        let t = utc_at(2026, 2, 28, 23, 59, 59) + Duration::milliseconds(123);
        let json = serde_json::to_string(&t).unwrap();
        let text: String = serde_json::from_str(&json).unwrap();
        assert_eq!(parse_rfc3339(&text), Some(t));
        assert_eq!(
            parse_rfc3339(&utc_at(2026, 3, 1, 0, 0, 0).to_rfc3339()),
            Some(utc_at(2026, 3, 1, 0, 0, 0))
        );
    }

    #[test]
    fn malformed_instants_are_refused() {
        for text in [
            "",
            "2026-11-23",
            "2026-11-23T09:05Z",
            "2026-11-23T09:05:00",
            "2026-11-23T09:05:00+0800",
            "2026-11-23T09:05:00+08",
            "2026-11-23T09:05:00.Z",
            "2026-11-23T25:00:00Z",
            "2026-11-23T09:60:00Z",
            "2026-02-30T09:05:00Z",
            "2026-02-29T09:05:00Z",
            "2026-11-23X09:05:00Z",
            "26-11-23T09:05:00Z",
            "2026-11-23T09:05:00+08:00:00",
            "2026-11-23T09:05:00 GMT",
            "２０２６-11-23T09:05:00Z",
            "Mon, 23 Nov 2026 09:05:00 GMT",
        ] {
            assert_eq!(parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            parse_iso_date("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        assert_eq!(
            parse_iso_date("2028-02-29"),
            NaiveDate::from_ymd_opt(2028, 2, 29)
        );
        for text in [
            "",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026/02/28",
            "20260228",
            "2026-02-28x",
            "28-02-2026",
        ] {
            assert_eq!(parse_iso_date(text), None, "{text}");
        }
    }

    #[test]
    fn local_input_values_round_trip() {
        let t = parse_local_minute("2026-11-23T09:05").unwrap();
        assert_eq!(
            t,
            NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(9, 5, 0)
                .unwrap()
        );
        assert_eq!(local_minute_value(t), "2026-11-23T09:05");
        assert_eq!(
            parse_local_minute("2026-11-23T09:05:30").map(|t| t.second()),
            Some(30)
        );
        assert_eq!(
            parse_local_minute("2026-11-23T09:05:30.500").map(|t| t.nanosecond()),
            Some(500_000_000)
        );
        for bad in [
            "",
            "2026-11-23",
            "2026-11-23 09:05",
            "2026-11-31T09:05",
            "2026-11-23T24:05",
            "2026-11-23T09:05Z",
        ] {
            assert_eq!(parse_local_minute(bad), None, "{bad}");
        }
    }

    #[test]
    fn http_dates_in_imf_fixdate_form() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(utc_at(1994, 11, 6, 8, 49, 37))
        );
        assert_eq!(
            parse_http_date("Mon, 23 Nov 2026 09:05:00 GMT"),
            Some(utc_at(2026, 11, 23, 9, 5, 0))
        );
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"),
            Some(utc_at(2028, 2, 29, 23, 59, 59))
        );
    }

    #[test]
    fn http_dates_in_rfc_850_form() {
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(utc_at(1994, 11, 6, 8, 49, 37))
        );
        assert_eq!(
            parse_http_date("Monday, 23-Nov-26 09:05:00 GMT"),
            Some(utc_at(2026, 11, 23, 9, 5, 0))
        );
    }

    #[test]
    fn http_dates_in_asctime_form() {
        assert_eq!(
            parse_http_date("Sun Nov  6 08:49:37 1994"),
            Some(utc_at(1994, 11, 6, 8, 49, 37))
        );
        assert_eq!(
            parse_http_date("Mon Nov 23 09:05:00 2026"),
            Some(utc_at(2026, 11, 23, 9, 5, 0))
        );
    }

    #[test]
    fn malformed_http_dates_are_refused() {
        for text in [
            "",
            "120",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "1994-11-06T08:49:37Z",
        ] {
            assert_eq!(parse_http_date(text), None, "{text}");
        }
    }

    /// Records as earlier versions stored them (chrono's serde wrote every instant and date),
    /// with whole seconds, milliseconds and nanoseconds.
    #[test]
    fn records_stored_by_earlier_versions_still_load() {
        use crate::domain::account::Account;
        use crate::domain::escalation::Escalation;
        use crate::domain::feedback::FeedbackItem;
        use crate::domain::onboarding::OnboardingProject;

        let e: Escalation = serde_json::from_str(
            r#"{"id":"e1","account_id":"a1","contact_name":"Li","received_at":"2026-11-23T09:05:00Z","channel":"email","summary":"Down","status":"responding","events":[{"at":"2026-11-23T10:00:00.123Z","kind":"first_response_sent","note":""}],"classification_override":null,"timeline_edits":[{"key":"checkpoint-1","at":"2026-11-24T01:00:00.000000001Z"}],"created_at":"2026-11-23T09:05:00.123Z","updated_at":"2026-11-23T10:00:00.123Z"}"#,
        )
        .unwrap();
        assert_eq!(e.received_at, utc_at(2026, 11, 23, 9, 5, 0));
        assert_eq!(
            e.events[0].at,
            utc_at(2026, 11, 23, 10, 0, 0) + Duration::milliseconds(123)
        );
        assert_eq!(
            e.timeline_edits[0].at,
            utc_at(2026, 11, 24, 1, 0, 0) + Duration::nanoseconds(1)
        );

        let a: Account = serde_json::from_str(
            r#"{"id":"a1","name":"Acme","tier":"enterprise","arr":0,"currency":"USD","renewal_date":"2027-01-31","created_at":"2026-11-23T09:05:00Z","updated_at":"2026-11-23T09:05:00Z"}"#,
        )
        .unwrap();
        assert_eq!(a.renewal_date, NaiveDate::from_ymd_opt(2027, 1, 31));
        let a: Account = serde_json::from_str(
            r#"{"id":"a1","name":"Acme","tier":"enterprise","arr":0,"currency":"USD","renewal_date":null,"created_at":"2026-11-23T09:05:00Z","updated_at":"2026-11-23T09:05:00Z"}"#,
        )
        .unwrap();
        assert_eq!(a.renewal_date, None);

        let f: FeedbackItem = serde_json::from_str(
            r#"{"id":"f1","account_id":"a1","source":"nps","received_on":"2026-11-20","verbatim":"Slow","score":3,"stage":"routed","stage_history":[{"stage":"routed","at":"2026-11-21T08:00:00Z"}],"commitments":[{"what":"Call","due":"2026-12-01","kept_on":null},{"what":"Fix","due":"2026-12-02","kept_on":"2026-11-30"},{"what":"Old","due":"2026-12-03"}],"created_at":"2026-11-20T08:00:00Z","updated_at":"2026-11-21T08:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(
            f.received_on,
            NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
        );
        assert_eq!(f.stage_history[0].at, utc_at(2026, 11, 21, 8, 0, 0));
        assert_eq!(
            f.commitments[1].kept_on,
            NaiveDate::from_ymd_opt(2026, 11, 30)
        );
        assert_eq!(f.commitments[2].kept_on, None);

        let p: OnboardingProject = serde_json::from_str(
            r#"{"id":"p1","account_id":"a1","industry":"Retail","end_users":10,"systems":[],"kickoff_date":"2027-01-04","go_live_target":"2027-02-15","progress":[{"task":"w1_kickoff","kind":"done","date":"2027-01-04"}],"retrospective":{"date":"2027-03-01"},"created_at":"2026-12-01T09:00:00Z","updated_at":"2026-12-01T09:00:00.5Z"}"#,
        )
        .unwrap();
        assert_eq!(p.kickoff_date, NaiveDate::from_ymd_opt(2027, 1, 4));
        assert_eq!(
            p.progress[0].date,
            NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
        );
        assert_eq!(
            p.updated_at,
            utc_at(2026, 12, 1, 9, 0, 0) + Duration::milliseconds(500)
        );
    }

    #[test]
    fn stored_records_with_broken_dates_are_refused() {
        use crate::domain::account::Account;
        let good = r#"{"id":"a1","name":"Acme","tier":"enterprise","arr":0,"currency":"USD","renewal_date":"2027-01-31","created_at":"2026-11-23T09:05:00Z","updated_at":"2026-11-23T09:05:00Z"}"#;
        assert!(serde_json::from_str::<Account>(good).is_ok());
        for (from, to) in [
            ("2027-01-31", "31/01/2027"),
            ("\"2027-01-31\"", "5"),
            ("2026-11-23T09:05:00Z\",\"updated", "yesterday\",\"updated"),
            (
                "2026-11-23T09:05:00Z\",\"updated",
                "2026-11-23T09:05:00+24:00\",\"updated",
            ),
            ("2026-11-23T09:05:00Z\"}", "2026-11-23T09:05:00\"}"),
        ] {
            let bad = good.replacen(from, to, 1);
            assert_ne!(bad, good);
            assert!(serde_json::from_str::<Account>(&bad).is_err(), "{bad}");
        }
    }
}
