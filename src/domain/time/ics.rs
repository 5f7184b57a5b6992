//! Exporting dated plans as iCalendar (RFC 5545) files, written by the `icalendar` crate
//! (which escapes TEXT values and folds lines at 75 octets): one VCALENDAR of VEVENTs, timed
//! events in UTC and all-day events as dates. Writing only; no time-zone database.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};

/// When an event takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// From `start`, for `minutes`.
    At { start: DateTime<Utc>, minutes: u32 },
    /// The whole of a day, wherever the reader is.
    AllDay(NaiveDate),
}

/// One calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Globally unique and stable, so a re-import updates instead of duplicating.
    pub uid: String,
    pub when: When,
    pub summary: String,
    /// Left out of the file when empty.
    pub description: String,
}

/// Text with every line break as `\n`, which the writer escapes (it leaves `\r` as is).
fn one_line_break(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The VEVENT of one event, stamped `now`.
fn vevent(e: &CalendarEvent, now: DateTime<Utc>) -> Event {
    let mut event = Event::new();
    event
        .uid(&e.uid)
        .timestamp(now)
        .summary(&one_line_break(&e.summary));
    if !e.description.is_empty() {
        event.description(&one_line_break(&e.description));
    }
    match e.when {
        When::At { start, minutes } => {
            event
                .starts(start)
                .ends(start + Duration::minutes(minutes.into()));
        }
        // RFC 5545: the end date of an all-day event is exclusive.
        When::AllDay(day) => {
            event.starts(day).ends(day.succ_opt().unwrap_or(day));
        }
    }
    event.done()
}

/// The calendar text of `events`, with `now` as every event's DTSTAMP.
pub fn write_calendar(events: &[CalendarEvent], now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//Casebook//Escalation plan//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        calendar.append_property(Property::new(key, value));
    }
    calendar.extend(events.iter().map(|e| vevent(e, now)));
    calendar.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use icalendar::{CalendarComponent, CalendarDateTime, DatePerhapsTime};

    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap()
    }

    fn event(summary: &str, description: &str) -> CalendarEvent {
        CalendarEvent {
            uid: "e1-checkpoint-1@casebook".into(),
            when: When::At {
                start: at(24, 1, 5),
                minutes: 30,
            },
            summary: summary.into(),
            description: description.into(),
        }
    }

    fn all_day(uid: &str, day: NaiveDate) -> CalendarEvent {
        CalendarEvent {
            uid: uid.into(),
            when: When::AllDay(day),
            summary: "Go-live".into(),
            description: String::new(),
        }
    }

    fn parse(text: &str) -> Calendar {
        text.parse::<Calendar>().unwrap()
    }

    fn events(cal: &Calendar) -> Vec<Event> {
        cal.components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .collect()
    }

    /// The content lines of the one VEVENT in `text`, between BEGIN and END.
    fn event_lines(text: &str) -> Vec<&str> {
        let lines: Vec<&str> = text.split("\r\n").collect();
        let begin = lines.iter().position(|l| *l == "BEGIN:VEVENT").unwrap();
        let end = lines.iter().position(|l| *l == "END:VEVENT").unwrap();
        lines[begin + 1..end].to_vec()
    }

    #[test]
    fn the_calendar_has_the_required_frame_and_crlf_lines() {
        let text = write_calendar(&[event("Update", "Call")], at(23, 9, 0));
        assert!(text.starts_with(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Casebook//Escalation plan//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
        ));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }

    #[test]
    fn timed_events_are_in_utc() {
        let text = write_calendar(&[event("Update", "Call")], at(23, 9, 0));
        assert_eq!(
            event_lines(&text),
            [
                "DESCRIPTION:Call",
                "DTEND:20261124T013500Z",
                "DTSTAMP:20261123T090000Z",
                "DTSTART:20261124T010500Z",
                "SUMMARY:Update",
                "UID:e1-checkpoint-1@casebook",
            ]
        );
    }

    #[test]
    fn all_day_events_are_dates_ending_the_next_day() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let text = write_calendar(&[all_day("p1-gl_launch@casebook", day)], at(23, 9, 0));
        assert_eq!(
            event_lines(&text),
            [
                "DTEND;VALUE=DATE:20261204",
                "DTSTAMP:20261123T090000Z",
                "DTSTART;VALUE=DATE:20261203",
                "SUMMARY:Go-live",
                "UID:p1-gl_launch@casebook",
            ]
        );
        let e = &events(&parse(&text))[0];
        assert_eq!(e.get_start(), Some(DatePerhapsTime::Date(day)));
        assert_eq!(
            e.get_end(),
            Some(DatePerhapsTime::Date(day.succ_opt().unwrap()))
        );
    }

    #[test]
    fn an_all_day_event_at_the_end_of_a_year_ends_on_new_year() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let text = write_calendar(&[all_day("x@casebook", day)], at(23, 9, 0));
        assert!(text.contains("\r\nDTEND;VALUE=DATE:20270101\r\n"));
    }

    #[test]
    fn an_empty_list_is_still_a_valid_calendar() {
        let text = write_calendar(&[], at(23, 9, 0));
        assert_eq!(text.matches("BEGIN:").count(), 1);
        assert!(parse(&text).components.is_empty());
    }

    #[test]
    fn text_escaping_covers_the_special_characters() {
        let text = write_calendar(&[event("a\\b;c,d\ne\r\nf\rg", "故障：宕机")], at(23, 9, 0));
        assert!(text.contains("\r\nSUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng\r\n"));
        assert!(text.contains("\r\nDESCRIPTION:故障：宕机\r\n"));
        assert!(!text.replace("\r\n", "").contains('\r'));
    }

    /// Every physical line fits 75 octets, except that the crate lets a continuation line
    /// reach 76 (a space and 75 octets) when exactly 75 octets are left; RFC 5545 says lines
    /// SHOULD NOT pass 75, and readers unfold them all the same.
    fn assert_folded(text: &str) {
        for line in text.split("\r\n") {
            let limit = if line.starts_with(' ') { 76 } else { 75 };
            assert!(line.len() <= limit, "{} octets: {line}", line.len());
        }
    }

    #[test]
    fn long_lines_fold_without_splitting_characters() {
        let summary = "客户升级：生产环境宕机两天，首席信息官威胁解约；".repeat(4);
        let text = write_calendar(&[event(&summary, "x")], at(23, 9, 0));
        assert_folded(&text);
        let folded: Vec<&str> = text.split("\r\n").filter(|l| l.starts_with(' ')).collect();
        assert!(folded.len() >= 3);
        assert_eq!(
            events(&parse(&text))[0].get_summary(),
            Some(summary.as_str())
        );
    }

    #[test]
    fn lines_of_every_length_fold_and_read_back() {
        for n in 60..=240 {
            for unit in ["a", "é", "宕"] {
                let summary = unit.repeat(n / unit.len());
                let text = write_calendar(&[event(&summary, "x")], at(23, 9, 0));
                assert_folded(&text);
                assert_eq!(
                    events(&parse(&text))[0].get_summary(),
                    Some(summary.as_str())
                );
            }
        }
    }

    #[test]
    fn icalendar_reads_back_escaped_and_folded_chinese_text() {
        let summary = "检查点 1 · 客户：华东银行, 宕机; 路径 C:\\data ".repeat(3);
        let description = "第一行\n第二行，包含逗号, 和分号;".to_string();
        let cal = parse(&write_calendar(
            &[event(&summary, &description)],
            at(23, 9, 0),
        ));
        let e = &events(&cal)[0];
        assert_eq!(e.get_summary(), Some(summary.as_str()));
        assert_eq!(e.get_description(), Some(description.as_str()));
        assert_eq!(e.get_uid(), Some("e1-checkpoint-1@casebook"));
        assert_eq!(
            e.get_start(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at(
                24, 1, 5
            ))))
        );
        assert_eq!(
            e.get_end(),
            Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at(
                24, 1, 35
            ))))
        );
    }

    #[test]
    fn every_event_is_written_in_order() {
        let events_in = [event("A", "a"), event("B", "b"), event("C", "c")];
        let cal = parse(&write_calendar(&events_in, at(23, 9, 0)));
        let summaries: Vec<String> = events(&cal)
            .iter()
            .filter_map(|e| e.get_summary().map(str::to_string))
            .collect();
        assert_eq!(summaries, ["A", "B", "C"]);
    }
}
