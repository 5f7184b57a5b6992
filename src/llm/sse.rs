//! Incremental Server-Sent-Events parsing over raw response bytes, following the WHATWG
//! event-stream rules: LF, CRLF and CR line endings (a CRLF may be split across chunks),
//! `:` comment lines (keep-alives), `event` / `data` / `id` / `retry` fields with one optional
//! space after the colon, and multi-line `data` joined with `\n`. Bytes are buffered until a
//! line is complete and only then decoded, so a chunk may end anywhere, even inside a UTF-8
//! character. Each push costs time proportional to the bytes pushed.

/// One dispatched event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SseEvent {
    /// The `event:` name, if the event had one.
    pub event: Option<String>,
    /// The `data:` lines joined with `\n`.
    pub data: String,
    /// The `id:` field given in this event, if any.
    pub id: Option<String>,
    /// The `retry:` reconnection delay in milliseconds given in this event, if any.
    pub retry: Option<u64>,
}

/// The fields of the event being assembled.
#[derive(Debug, Default)]
struct Pending {
    event: Option<String>,
    data: String,
    has_data: bool,
    id: Option<String>,
    retry: Option<u64>,
}

impl Pending {
    /// Takes the event out, leaving an empty one. Like a browser, an event without any `data`
    /// line is dropped.
    fn take(&mut self) -> Option<SseEvent> {
        let pending = std::mem::take(self);
        if !pending.has_data {
            return None;
        }
        let mut data = pending.data;
        data.pop(); // the '\n' appended after the last data line
        Some(SseEvent {
            event: pending.event.filter(|e| !e.is_empty()),
            data,
            id: pending.id,
            retry: pending.retry,
        })
    }
}

/// Parser state between chunks.
#[derive(Debug, Default)]
pub struct SseParser {
    /// Bytes of the current, not yet terminated line.
    line: Vec<u8>,
    /// The last byte seen ended a line with CR: a LF right after it is part of that line break.
    after_cr: bool,
    /// At least one line has been processed (a byte-order mark may only open the stream).
    seen_line: bool,
    pending: Pending,
}

impl SseParser {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next chunk of the body and returns the events it completed.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        let mut events = Vec::new();
        let mut start = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            if self.after_cr {
                self.after_cr = false;
                if byte == b'\n' {
                    start = i + 1;
                    continue;
                }
            }
            if byte == b'\n' || byte == b'\r' {
                self.line.extend_from_slice(&bytes[start..i]);
                self.end_line(&mut events);
                self.after_cr = byte == b'\r';
                start = i + 1;
            }
        }
        self.line.extend_from_slice(&bytes[start..]);
        events
    }

    /// Ends the body. Returns the event that was still being assembled (its last line may
    /// lack a line break, or the blank line that dispatches it may be missing): `None` means
    /// the body ended cleanly on an event boundary (or with only comments or fields without data).
    pub fn finish(mut self) -> Option<SseEvent> {
        if !self.line.is_empty() {
            let mut ignored = Vec::new();
            self.end_line(&mut ignored);
        }
        self.pending.take()
    }

    fn end_line(&mut self, events: &mut Vec<SseEvent>) {
        let decoded = String::from_utf8_lossy(&self.line);
        let mut line: &str = &decoded;
        if !self.seen_line {
            self.seen_line = true;
            line = line.strip_prefix('\u{feff}').unwrap_or(line);
        }
        if line.is_empty() {
            events.extend(self.pending.take());
        } else if !line.starts_with(':') {
            let (field, value) = match line.split_once(':') {
                Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
                None => (line, ""),
            };
            match field {
                "event" => self.pending.event = Some(value.to_string()),
                "data" => {
                    self.pending.data.push_str(value);
                    self.pending.data.push('\n');
                    self.pending.has_data = true;
                }
                "id" if !value.contains('\0') => self.pending.id = Some(value.to_string()),
                "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                    self.pending.retry = value.parse().ok();
                }
                _ => {}
            }
        }
        self.line.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(text: &str) -> SseEvent {
        SseEvent {
            event: None,
            data: text.to_string(),
            id: None,
            retry: None,
        }
    }

    fn named(event: &str, text: &str) -> SseEvent {
        SseEvent {
            event: Some(event.to_string()),
            ..data(text)
        }
    }

    /// Parses `input` fed as the given chunks; also returns what `finish` left.
    fn parse_chunks<'a>(
        chunks: impl IntoIterator<Item = &'a [u8]>,
    ) -> (Vec<SseEvent>, Option<SseEvent>) {
        let mut parser = SseParser::new();
        let mut events = Vec::new();
        for chunk in chunks {
            events.extend(parser.push(chunk));
        }
        (events, parser.finish())
    }

    /// Parses `input` whole, split at every byte boundary, and one byte at a time, asserting
    /// that every way gives the same result, and returns it.
    fn parse_all_ways(input: &[u8]) -> (Vec<SseEvent>, Option<SseEvent>) {
        let whole = parse_chunks([input]);
        for cut in 0..=input.len() {
            let (a, b) = input.split_at(cut);
            assert_eq!(parse_chunks([a, b]), whole, "split at byte {cut}");
        }
        assert_eq!(parse_chunks(input.chunks(1)), whole, "one byte at a time");
        whole
    }

    #[test]
    fn lf_delimited_events() {
        let (events, rest) = parse_all_ways(b"data: one\n\ndata: two\n\n");
        assert_eq!(events, [data("one"), data("two")]);
        assert_eq!(rest, None);
    }

    #[test]
    fn crlf_delimited_events() {
        let (events, rest) = parse_all_ways(b"data: one\r\n\r\ndata: two\r\n\r\n");
        assert_eq!(events, [data("one"), data("two")]);
        assert_eq!(rest, None);
    }

    #[test]
    fn cr_delimited_events() {
        let (events, _) = parse_all_ways(b"data: one\r\rdata: two\r\r");
        assert_eq!(events, [data("one"), data("two")]);
    }

    #[test]
    fn crlf_split_between_chunks_is_one_line_break() {
        let (events, rest) = parse_chunks([&b"data: a\r"[..], b"\n", b"data: b\r", b"\n\r", b"\n"]);
        assert_eq!(events, [data("a\nb")]);
        assert_eq!(rest, None);
    }

    #[test]
    fn mixed_line_endings_in_one_stream() {
        let (events, _) = parse_all_ways(b"data: a\r\ndata: b\rdata: c\n\r\ndata: d\n\n");
        assert_eq!(events, [data("a\nb\nc"), data("d")]);
    }

    #[test]
    fn comments_are_skipped() {
        let input = b": OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n: keep-alive\n\n:\n\n";
        let (events, rest) = parse_all_ways(input);
        assert_eq!(events, [data("{\"a\":1}")]);
        assert_eq!(rest, None);
    }

    #[test]
    fn event_names_and_fields() {
        let input =
            b"event: message_start\nid: 7\nretry: 3000\ndata: {}\n\nevent: ping\ndata: x\n\n";
        let (events, _) = parse_all_ways(input);
        assert_eq!(
            events,
            [
                SseEvent {
                    event: Some("message_start".into()),
                    data: "{}".into(),
                    id: Some("7".into()),
                    retry: Some(3000),
                },
                named("ping", "x"),
            ]
        );
    }

    #[test]
    fn event_name_does_not_leak_into_the_next_event() {
        let (events, _) = parse_all_ways(b"event: error\ndata: a\n\ndata: b\n\n");
        assert_eq!(events, [named("error", "a"), data("b")]);
    }

    #[test]
    fn only_one_space_after_the_colon_is_removed() {
        let (events, _) = parse_all_ways(b"data:tight\n\ndata:  two spaces\n\ndata: \n\n");
        assert_eq!(events, [data("tight"), data(" two spaces"), data("")]);
    }

    #[test]
    fn multiple_data_lines_are_joined_with_newlines() {
        let (events, _) = parse_all_ways(b"data: first\ndata:\ndata: third\n\n");
        assert_eq!(events, [data("first\n\nthird")]);
    }

    #[test]
    fn a_field_without_colon_has_an_empty_value() {
        let (events, _) = parse_all_ways(b"data\n\n");
        assert_eq!(events, [data("")]);
    }

    #[test]
    fn unknown_fields_and_bad_retry_values_are_ignored() {
        let (events, _) = parse_all_ways(b"foo: bar\nretry: 12a\ndata: x\n\n");
        assert_eq!(events, [data("x")]);
    }

    #[test]
    fn events_without_data_are_not_dispatched() {
        let (events, rest) = parse_all_ways(b"event: ping\n\nid: 3\n\ndata: real\n\n");
        assert_eq!(events, [data("real")]);
        assert_eq!(rest, None);
    }

    #[test]
    fn multibyte_characters_survive_any_split() {
        let (events, _) = parse_all_ways("data: 你好，世界 🌏\n\n".as_bytes());
        assert_eq!(events, [data("你好，世界 🌏")]);
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        let (events, _) = parse_all_ways(b"data: a\xff\xfeb\n\n");
        assert_eq!(events, [data("a\u{fffd}\u{fffd}b")]);
    }

    #[test]
    fn a_leading_byte_order_mark_is_ignored() {
        let (events, _) = parse_all_ways(b"\xef\xbb\xbfdata: x\n\n");
        assert_eq!(events, [data("x")]);
    }

    #[test]
    fn finish_returns_an_event_missing_its_blank_line() {
        let (events, rest) = parse_all_ways(b"data: one\n\ndata: [DONE]\n");
        assert_eq!(events, [data("one")]);
        assert_eq!(rest, Some(data("[DONE]")));
    }

    #[test]
    fn finish_returns_an_event_whose_last_line_is_unterminated() {
        let (events, rest) = parse_all_ways(b"data: {\"partial\":");
        assert!(events.is_empty());
        assert_eq!(rest, Some(data("{\"partial\":")));
    }

    #[test]
    fn finish_reports_nothing_after_a_trailing_comment() {
        let (_, rest) = parse_all_ways(b"data: x\n\n: keep-alive");
        assert_eq!(rest, None);
    }

    #[test]
    fn a_push_only_buffers_the_unfinished_line() {
        let mut parser = SseParser::new();
        for _ in 0..1000 {
            assert_eq!(parser.push(b"data: 0123456789\n\n").len(), 1);
        }
        assert!(parser.line.is_empty());
        parser.push(b"data: abc");
        assert_eq!(parser.line, b"data: abc");
    }
}
