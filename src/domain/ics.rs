//! A minimal iCalendar (RFC 5545) writer for exporting dated plans: one VCALENDAR of
//! VEVENTs in UTC, TEXT escaping, 75-octet line folding on character boundaries and CRLF
//! line ends. Writing only; no parsing and no time-zone database.

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};

/// One calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Globally unique and stable, so a re-import updates instead of duplicating.
    pub uid: String,
    pub start: DateTime<Utc>,
    pub minutes: u32,
    pub summary: String,
    pub description: String,
}

/// A UTC instant as `YYYYMMDDTHHMMSSZ`.
fn stamp(t: DateTime<Utc>) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (continuations start with a space), never
/// splitting a character, each physical line ended by CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut room = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            room = 74;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// The calendar text of `events`, with `now` as every event's DTSTAMP.
pub fn write_calendar(events: &[CalendarEvent], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Casebook//Escalation plan//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    for e in events {
        let end = e.start + Duration::minutes(e.minutes.into());
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape(&e.uid)),
            format!("DTSTAMP:{}", stamp(now)),
            format!("DTSTART:{}", stamp(e.start)),
            format!("DTEND:{}", stamp(end)),
            format!("SUMMARY:{}", escape(&e.summary)),
            format!("DESCRIPTION:{}", escape(&e.description)),
            "END:VEVENT".to_string(),
        ] {
            push_line(&mut out, &line);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use icalendar::{Calendar, CalendarComponent, Component};

    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
    }

    fn event(summary: &str, description: &str) -> CalendarEvent {
        CalendarEvent {
            uid: "e1-checkpoint-1@casebook".into(),
            start: at(24, 1, 5),
            minutes: 30,
            summary: summary.into(),
            description: description.into(),
        }
    }

    fn parse(text: &str) -> Calendar {
        text.parse::<Calendar>().unwrap()
    }

    fn first_event(cal: &Calendar) -> icalendar::Event {
        cal.components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn stamps_are_utc_basic_format() {
        assert_eq!(stamp(at(3, 7, 9)), "20261103T070900Z");
    }

    #[test]
    fn text_escaping_covers_the_special_characters() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(escape("故障：宕机"), "故障：宕机");
    }

    #[test]
    fn the_calendar_has_the_required_frame_and_crlf_lines() {
        let text = write_calendar(&[event("Update", "Call")], at(23, 9, 0));
        assert!(text.starts_with(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Casebook//Escalation plan//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
        ));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(text.contains(
            "\r\nDTSTAMP:20261123T090000Z\r\nDTSTART:20261124T010500Z\r\nDTEND:20261124T013500Z\r\n"
        ));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }

    #[test]
    fn an_empty_list_is_still_a_valid_calendar() {
        let text = write_calendar(&[], at(23, 9, 0));
        assert_eq!(text.matches("BEGIN:").count(), 1);
        assert!(parse(&text).components.is_empty());
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let summary = "客户升级：生产环境宕机两天，首席信息官威胁解约；".repeat(4);
        let text = write_calendar(&[event(&summary, "x")], at(23, 9, 0));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let folded: Vec<&str> = text.split("\r\n").filter(|l| l.starts_with(' ')).collect();
        assert!(folded.len() >= 3);
        // Continuations of 3-byte characters fill 1 + 72 octets, then the next would pass 75.
        assert_eq!(folded[0].len(), 73);
    }

    #[test]
    fn ascii_lines_fold_exactly_at_75() {
        let mut out = String::new();
        push_line(&mut out, &"a".repeat(160));
        let lines: Vec<usize> = out.split("\r\n").map(str::len).collect();
        assert_eq!(lines, [75, 75, 12, 0]);
    }

    #[test]
    fn icalendar_reads_back_escaped_and_folded_chinese_text() {
        let summary = "检查点 1 · 客户：华东银行, 宕机; 路径 C:\\data ".repeat(3);
        let description = "第一行\n第二行，包含逗号, 和分号;".to_string();
        let cal = parse(&write_calendar(
            &[event(&summary, &description)],
            at(23, 9, 0),
        ));
        let e = first_event(&cal);
        assert_eq!(e.get_summary(), Some(summary.as_str()));
        assert_eq!(e.get_description(), Some(description.as_str()));
        assert_eq!(e.get_uid(), Some("e1-checkpoint-1@casebook"));
        assert_eq!(
            e.get_start(),
            Some(icalendar::DatePerhapsTime::DateTime(
                icalendar::CalendarDateTime::Utc(at(24, 1, 5))
            ))
        );
        assert_eq!(
            e.get_end(),
            Some(icalendar::DatePerhapsTime::DateTime(
                icalendar::CalendarDateTime::Utc(at(24, 1, 35))
            ))
        );
    }

    #[test]
    fn every_event_is_written() {
        let events = [event("A", "a"), event("B", "b"), event("C", "c")];
        let cal = parse(&write_calendar(&events, at(23, 9, 0)));
        let summaries: Vec<String> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => e.get_summary().map(str::to_string),
                _ => None,
            })
            .collect();
        assert_eq!(summaries, ["A", "B", "C"]);
    }
}
