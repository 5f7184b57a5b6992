//! Parsing of user-typed values (money, dates, e-mail addresses) into typed values.
//! Lenient about formatting, strict about meaning; errors are translation keys.

use chrono::{DateTime, NaiveDate, Utc};

use crate::i18n::Msg;

/// Names are compared by their Unicode case-folded key (see `domain::text`).
pub use crate::domain::text::name_key;

/// Currency symbols and codes accepted (and ignored) in front of or after an amount.
const CURRENCY_MARKS: &[&str] = &[
    "US$", "USD", "EUR", "GBP", "CNY", "RMB", "JPY", "$", "€", "£", "¥", "￥", "元",
];

/// Parses a money amount such as `$1,200,000`, `250 000`, `¥80,000.50` or `1200000 USD`
/// into whole currency units (rounded half up). Negative amounts are refused, and so is an
/// amount too large for a whole number (above 18,446,744,073,709,551,615).
pub fn parse_money(input: &str) -> Result<u64, Msg> {
    let mut text = input.trim().to_string();
    for mark in CURRENCY_MARKS {
        if let Some(rest) = text.strip_prefix(mark) {
            text = rest.trim().to_string();
        }
        if let Some(rest) = text.strip_suffix(mark) {
            text = rest.trim().to_string();
        }
    }
    if text.starts_with('-') {
        return Err(Msg::ErrNegativeAmount);
    }
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' ' | '\'' | '\u{a0}' | '，'))
        .collect();
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return Err(Msg::ErrNotAnAmount);
    }
    let whole = whole.trim_start_matches('0');
    let units: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| Msg::ErrAmountTooLarge)?
    };
    let round_up = fraction.as_bytes().first().is_some_and(|d| *d >= b'5');
    units
        .checked_add(u64::from(round_up))
        .ok_or(Msg::ErrAmountTooLarge)
}

/// A non-negative decimal number such as `1200`, `0.7` or `.25`, in thousandths (rounded
/// half up beyond the third decimal); `None` when it is not one or does not fit in a u64.
/// Integer arithmetic keeps the float parser out of the wasm.
pub fn decimal_thousandths(text: &str) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut thousandths = whole.checked_mul(1000)?;
    for (digit, scale) in fraction.bytes().zip([100, 10, 1]) {
        thousandths = thousandths.checked_add(u64::from(digit - b'0') * scale)?;
    }
    if fraction.as_bytes().get(3).is_some_and(|d| *d >= b'5') {
        thousandths = thousandths.checked_add(1)?;
    }
    Some(thousandths)
}

/// Parses a calendar date: `2026-10-01`, `2026/10/01`, `2026.10.01` or `2026年10月1日`.
pub fn parse_date(input: &str) -> Result<NaiveDate, Msg> {
    let text = input.trim();
    let normalised: String = text
        .replace(['年', '月'], "-")
        .replace('日', "")
        .replace(['/', '.'], "-");
    let mut parts = normalised.split('-').map(str::trim);
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Msg::ErrNotADate);
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(Msg::ErrNotADate);
    };
    if !(1900..=2200).contains(&y) {
        return Err(Msg::ErrNotADate);
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or(Msg::ErrNotADate)
}

/// Parses an instant written as RFC 3339 (the form layer converts local input to UTC).
pub fn parse_instant(input: &str) -> Result<DateTime<Utc>, Msg> {
    crate::domain::time::parse_rfc3339(input).ok_or(Msg::ErrNotATime)
}

/// Parses a whole non-negative number such as `1,200`.
pub fn parse_count(input: &str) -> Result<u32, Msg> {
    let digits: String = input.trim().chars().filter(|c| *c != ',').collect();
    digits.parse::<u32>().map_err(|_| Msg::ErrNotANumber)
}

/// A light e-mail check: one `@`, something before it, a dot in the domain, no spaces.
pub fn is_email(input: &str) -> bool {
    let text = input.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_in_thousandths() {
        for (text, expected) in [
            ("0", Some(0)),
            ("12", Some(12_000)),
            ("0.7", Some(700)),
            (".25", Some(250)),
            ("1.", Some(1000)),
            ("7.3", Some(7300)),
            ("1.2345", Some(1235)),
            ("1.2344", Some(1234)),
            ("1500.5", Some(1_500_500)),
            (".", None),
            ("", None),
            ("-1", None),
            ("1e3", None),
            ("1.2.3", None),
            ("99999999999999999999", None),
            ("18446744073709551.615", Some(u64::MAX)),
            ("18446744073709551.616", None),
            ("18446744073709551.999", None),
            ("18446744073709551.6149", Some(u64::MAX)),
            ("18446744073709551.6155", None),
        ] {
            assert_eq!(decimal_thousandths(text), expected, "{text}");
        }
    }

    #[test]
    fn money_accepts_separators_and_symbols() {
        assert_eq!(parse_money("$1,200,000"), Ok(1_200_000));
        assert_eq!(parse_money("250 000"), Ok(250_000));
        assert_eq!(parse_money("¥80,000.50"), Ok(80_001));
        assert_eq!(parse_money("1200000 USD"), Ok(1_200_000));
        assert_eq!(parse_money("￥3，000"), Ok(3_000));
        assert_eq!(parse_money("US$ 45_000"), Ok(45_000));
        assert_eq!(parse_money("0"), Ok(0));
    }

    #[test]
    fn money_up_to_the_largest_whole_number_is_exact() {
        assert_eq!(parse_money("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(parse_money("18,446,744,073,709,551,614.5"), Ok(u64::MAX));
        assert_eq!(parse_money("9,223,372,036,854,775,808"), Ok(1 << 63));
        assert_eq!(
            parse_money("2,000,000,000,000,000"),
            Ok(2_000_000_000_000_000)
        );
    }

    #[test]
    fn money_too_large_for_a_whole_number_is_an_input_error() {
        for text in [
            "18446744073709551616",
            "18,446,744,073,709,551,615.5",
            "99999999999999999999999",
        ] {
            assert_eq!(parse_money(text), Err(Msg::ErrAmountTooLarge), "{text}");
        }
    }

    #[test]
    fn money_rejects_garbage_and_negatives() {
        assert_eq!(parse_money(""), Err(Msg::ErrNotAnAmount));
        assert_eq!(parse_money("a lot"), Err(Msg::ErrNotAnAmount));
        assert_eq!(parse_money("12e3"), Err(Msg::ErrNotAnAmount));
        assert_eq!(parse_money("1.2.3"), Err(Msg::ErrNotAnAmount));
        assert_eq!(parse_money("-5"), Err(Msg::ErrNegativeAmount));
        assert_eq!(parse_money("$-5"), Err(Msg::ErrNegativeAmount));
    }

    #[test]
    fn dates_in_every_accepted_style() {
        let expected = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        for text in [
            "2026-10-01",
            "2026/10/01",
            "2026.10.1",
            "2026年10月1日",
            " 2026-10-01 ",
        ] {
            assert_eq!(parse_date(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2026-02-30",
            "2026-13-01",
            "01-10-2026",
            "tomorrow",
            "",
            "2026-10",
            "99-1-1",
        ] {
            assert_eq!(parse_date(text), Err(Msg::ErrNotADate), "{text}");
        }
    }

    #[test]
    fn instants_are_rfc3339() {
        let t = parse_instant("2026-11-23T09:30:00+08:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-23T01:30:00+00:00");
        assert_eq!(parse_instant("2026-11-23 09:30"), Err(Msg::ErrNotATime));
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("1,200"), Ok(1200));
        assert_eq!(parse_count("-1"), Err(Msg::ErrNotANumber));
        assert_eq!(parse_count("many"), Err(Msg::ErrNotANumber));
    }

    #[test]
    fn emails() {
        assert!(is_email("li.wei@acme.cn"));
        assert!(is_email(" ops@example.org "));
        for bad in [
            "",
            "no-at.example.org",
            "a@b",
            "a@@b.com",
            "@b.com",
            "a b@c.com",
            "a@.com",
            "a@b.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn name_keys_fold_case_and_spacing() {
        assert_eq!(name_key("  Acme   Corp "), "acme corp");
        assert_eq!(name_key("ACME corp"), name_key("acme Corp"));
        assert_eq!(name_key("华为 技术"), "华为 技术");
        assert_eq!(name_key("École"), name_key("école"));
        assert_eq!(name_key("MÜLLER"), name_key("müller"));
    }
}
