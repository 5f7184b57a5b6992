//! Reading instants and dates from text: RFC 3339 instants (as stored and as the form layer
//! writes them), ISO dates, and HTTP dates (`Retry-After`). Written by hand because chrono's
//! general-purpose parser costs about 5 KB of the gzip wasm budget; chrono still does the
//! calendar arithmetic. Also the serde `deserialize_with` readers for stored fields.

use std::borrow::Cow;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// A number written with exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `2026-11-23`.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let (y, rest) = text.split_once('-')?;
    let (m, d) = rest.split_once('-')?;
    NaiveDate::from_ymd_opt(digits(y, 4)? as i32, digits(m, 2)?, digits(d, 2)?)
}

/// `HH:MM:SS` with an optional fraction of up to nine digits.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hms, fraction) = text.split_once('.').unwrap_or((text, ""));
    let nanos = match fraction.len() {
        0 if !text.contains('.') => 0,
        1..=9 => digits(fraction, fraction.len())? * 10u32.pow(9 - fraction.len() as u32),
        _ => return None,
    };
    let mut parts = hms.split(':');
    let (h, m, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_nano_opt(digits(h, 2)?, digits(m, 2)?, digits(s, 2)?, nanos)
}

/// An RFC 3339 instant: `2026-11-23T09:05:00Z`, `2026-11-23T17:05:00.250+08:00`
/// (a space or a lowercase `t`/`z` is accepted too).
pub fn parse_rfc3339(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let date = parse_iso_date(text.get(..10)?)?;
    if !matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let rest = text.get(11..)?;
    let (time, offset_minutes) = if let Some(time) = rest.strip_suffix(['Z', 'z']) {
        (time, 0)
    } else {
        let at = rest.len().checked_sub(6)?;
        let (time, offset) = (rest.get(..at)?, rest.get(at..)?);
        let sign = match offset.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let (h, m) = offset[1..].split_once(':')?;
        let minutes = digits(h, 2)? as i64 * 60 + digits(m, 2)? as i64;
        (time, sign * minutes)
    };
    let local = date.and_time(parse_time(time)?);
    Some((local - Duration::minutes(offset_minutes)).and_utc())
}

/// A `datetime-local` input value, `2026-11-23T09:05` (seconds allowed), as a local time.
pub fn parse_local_minute(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.trim().split_once('T')?;
    let time = if time.len() == 5 {
        format!("{time}:00")
    } else {
        time.to_string()
    };
    Some(parse_iso_date(date)?.and_time(parse_time(&time)?))
}

/// A local time as a `datetime-local` input value, `2026-11-23T09:05`.
pub fn local_minute_value(t: NaiveDateTime) -> String {
    format!("{}T{:02}:{:02}", t.date(), t.hour(), t.minute())
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An HTTP date in its preferred form (RFC 9110 IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    let mut parts = text.split_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day = digits(parts.next()?, 2)?;
    let month = parts.next()?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as u32 + 1;
    let year = digits(parts.next()?, 4)? as i32;
    let time = parse_time(parts.next()?)?;
    if parts.next() != Some("GMT") || parts.next().is_some() {
        return None;
    }
    Some(
        NaiveDate::from_ymd_opt(year, month, day)?
            .and_time(time)
            .and_utc(),
    )
}

/// Serde reader of a stored instant.
pub fn utc<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = Cow::<str>::deserialize(deserializer)?;
    parse_rfc3339(&text).ok_or_else(|| D::Error::custom("not an RFC 3339 instant"))
}

/// Serde reader of a stored optional instant (use with `#[serde(default)]`).
pub fn opt_utc<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<Cow<str>>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) => parse_rfc3339(&text)
            .map(Some)
            .ok_or_else(|| D::Error::custom("not an RFC 3339 instant")),
    }
}

/// Serde reader of a stored date.
pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = Cow::<str>::deserialize(deserializer)?;
    parse_iso_date(&text).ok_or_else(|| D::Error::custom("not an ISO date"))
}

/// Serde reader of a stored optional date (use with `#[serde(default)]`).
pub fn opt_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<Cow<str>>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) => parse_iso_date(&text)
            .map(Some)
            .ok_or_else(|| D::Error::custom("not an ISO date")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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
            " 2026-11-23T09:05:00+00:00 ",
        ] {
            assert_eq!(parse_rfc3339(text), Some(expected), "{text}");
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
    fn an_offset_can_move_the_date() {
        assert_eq!(
            parse_rfc3339("2026-01-01T01:00:00+02:00"),
            Some(utc_at(2025, 12, 31, 23, 0, 0))
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
            "2026-11-23T09:05:00.Z",
            "2026-11-23T25:00:00Z",
            "2026-02-30T09:05:00Z",
            "2026-11-23X09:05:00Z",
            "2026-11-23T09:05:00.1234567890Z",
            "26-11-23T09:05:00Z",
            "2026-11-23T09:05:00+08:00:00",
            "２０２６-11-23T09:05:00Z",
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
        for text in [
            "2026-02-29",
            "2026-2-28",
            "2026/02/28",
            "20260228",
            "2026-02-28x",
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
        for bad in [
            "",
            "2026-11-23",
            "2026-11-23T9:05",
            "2026-11-23 09:05",
            "2026-11-31T09:05",
        ] {
            assert_eq!(parse_local_minute(bad), None, "{bad}");
        }
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(utc_at(1994, 11, 6, 8, 49, 37))
        );
        assert_eq!(
            parse_http_date("Mon, 23 Nov 2026 09:05:00 GMT"),
            Some(utc_at(2026, 11, 23, 9, 5, 0))
        );
        for text in [
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_http_date(text), None, "{text}");
        }
    }

    #[derive(Deserialize)]
    struct Stored {
        #[serde(deserialize_with = "utc")]
        at: DateTime<Utc>,
        #[serde(default, deserialize_with = "opt_utc")]
        seen: Option<DateTime<Utc>>,
        #[serde(deserialize_with = "date")]
        on: NaiveDate,
        #[serde(default, deserialize_with = "opt_date")]
        renewal: Option<NaiveDate>,
    }

    #[test]
    fn serde_readers() {
        let s: Stored = serde_json::from_str(
            r#"{"at":"2026-11-23T09:05:00Z","seen":null,"on":"2026-11-23","renewal":"2027-01-31"}"#,
        )
        .unwrap();
        assert_eq!(s.at, utc_at(2026, 11, 23, 9, 5, 0));
        assert_eq!(s.seen, None);
        assert_eq!(s.on, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(s.renewal, NaiveDate::from_ymd_opt(2027, 1, 31));
        let s: Stored = serde_json::from_str(
            r#"{"at":"2026-11-23T09:05:00Z","seen":"2026-11-24T00:00:00Z","on":"2026-11-23"}"#,
        )
        .unwrap();
        assert_eq!(s.seen, Some(utc_at(2026, 11, 24, 0, 0, 0)));
        assert_eq!(s.renewal, None);
        for bad in [
            r#"{"at":"yesterday","on":"2026-11-23"}"#,
            r#"{"at":"2026-11-23T09:05:00Z","on":"23/11/2026"}"#,
            r#"{"at":"2026-11-23T09:05:00Z","on":"2026-11-23","renewal":5}"#,
            r#"{"at":"2026-11-23T09:05:00Z","seen":"soon","on":"2026-11-23"}"#,
        ] {
            assert!(serde_json::from_str::<Stored>(bad).is_err(), "{bad}");
        }
    }
}
