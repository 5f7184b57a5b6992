//! Redaction before a request leaves the browser: e-mail addresses, URLs, phone numbers, the
//! customers and people Casebook knows (in any script) and, optionally, amounts of money are
//! replaced with stable placeholders (`[CUSTOMER_1]`, `[CONTACT_2]`, `[EMAIL_1]`); the answer
//! is restored as it streams, a placeholder split across chunks included. The mapping lives
//! in memory only: it is never sent, stored or exported.
//!
//! Names match whole words where they start or end with a Latin letter or digit ("Ann" is
//! not replaced inside "Annual"), case-insensitively; the longest known name wins ("Acme
//! Europe" before "Acme"). Names in scripts without spaces (Chinese) match anywhere.

use std::collections::HashMap;

use linkify::{LinkFinder, LinkKind};

use crate::domain::account::Account;
use crate::domain::record::AnyRecord;
use crate::i18n::Msg;
use crate::llm::connections::Connection;
use crate::llm::request::{chat_request, HttpRequest};

/// What a placeholder stands for; its name is the placeholder's prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Customer,
    Contact,
    Email,
    Phone,
    Url,
    Amount,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Self::Customer => "CUSTOMER",
            Self::Contact => "CONTACT",
            Self::Email => "EMAIL",
            Self::Phone => "PHONE",
            Self::Url => "URL",
            Self::Amount => "AMOUNT",
        }
    }
}

/// The longest placeholder the restorer waits for (`[CUSTOMER_99999]` and then some).
const MAX_PLACEHOLDER: usize = 24;

/// Phone numbers have at least this many digits (fewer with a leading `+`) and at most 15
/// (E.164).
const MIN_PHONE_DIGITS: usize = 9;
const MIN_PHONE_DIGITS_WITH_PLUS: usize = 7;
const MAX_PHONE_DIGITS: usize = 15;

/// Currency codes and symbols an amount is written with, before or after the number.
const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CNY", "RMB", "JPY", "HKD", "SGD", "AUD", "CAD", "CHF", "INR",
];
const CURRENCY_SYMBOLS: &[char] = &['$', '€', '£', '¥', '￥'];
const CURRENCY_WORDS_AFTER: &[&str] = &["万元", "元", "美元", "欧元", "英镑", "万", "亿"];

/// What to redact besides names, contacts and addresses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Also replace amounts of money.
    pub amounts: bool,
}

/// A known name and what it stands for.
#[derive(Clone, Debug)]
struct Name {
    text: String,
    kind: Kind,
}

/// Replaces what must not reach a model, the same text always with the same placeholder,
/// across every message of a conversation.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    /// Known names, longest first.
    names: Vec<Name>,
    options: Options,
    /// Original text → its placeholder.
    assigned: HashMap<String, String>,
    /// Placeholder → the original text.
    originals: HashMap<String, String>,
    counters: HashMap<Kind, usize>,
}

impl Redactor {
    /// A redactor for the customers and people in `names` (blank ones are ignored).
    pub fn new(names: impl IntoIterator<Item = (Kind, String)>, options: Options) -> Self {
        let mut list: Vec<Name> = names
            .into_iter()
            .map(|(kind, text)| Name {
                text: text.trim().to_string(),
                kind,
            })
            .filter(|n| n.text.chars().count() >= 2)
            .collect();
        crate::domain::sorting::sort_by(&mut list, |a, b| {
            b.text.len().cmp(&a.text.len()).then(a.kind.cmp(&b.kind))
        });
        list.dedup_by(|a, b| a.text.eq_ignore_ascii_case(&b.text));
        Self {
            names: list,
            options,
            ..Self::default()
        }
    }

    /// `text` with every e-mail, URL, phone number, known name (and amount, if asked)
    /// replaced by its placeholder.
    pub fn redact(&mut self, text: &str) -> String {
        let mut spans = links(text);
        spans.extend(phones(text));
        if self.options.amounts {
            spans.extend(amounts(text));
        }
        spans.extend(self.name_spans(text));
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (start, end, kind) in non_overlapping(spans) {
            out.push_str(&text[at..start]);
            let placeholder = self.placeholder(&text[start..end], kind);
            out.push_str(&placeholder);
            at = end;
        }
        out.push_str(&text[at..]);
        out
    }

    /// A restorer for an answer to what this redactor sent.
    pub fn restorer(&self) -> Restorer {
        Restorer {
            originals: self.originals.clone(),
            pending: String::new(),
        }
    }

    /// The placeholders given out so far, with what they stand for, in order.
    pub fn mapping(&self) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = self
            .originals
            .iter()
            .map(|(p, o)| (p.clone(), o.clone()))
            .collect();
        crate::domain::sorting::sort(&mut all);
        all
    }

    fn placeholder(&mut self, original: &str, kind: Kind) -> String {
        if let Some(known) = self.assigned.get(original) {
            return known.clone();
        }
        let counter = self.counters.entry(kind).or_default();
        *counter += 1;
        let placeholder = format!("[{}_{}]", kind.prefix(), counter);
        self.assigned
            .insert(original.to_string(), placeholder.clone());
        self.originals
            .insert(placeholder.clone(), original.to_string());
        placeholder
    }

    /// Where known names occur: at each position the longest name that matches as a word.
    fn name_spans(&self, text: &str) -> Vec<(usize, usize, Kind)> {
        let bytes = text.as_bytes();
        let mut spans = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if !text.is_char_boundary(i)
                || (i > 0 && is_word_byte(bytes[i - 1]) && is_word_byte(bytes[i]))
            {
                i += 1;
                continue;
            }
            let found = self.names.iter().find(|name| {
                let n = name.text.as_bytes();
                let end = i + n.len();
                end <= bytes.len()
                    && bytes[i..end].eq_ignore_ascii_case(n)
                    && text.is_char_boundary(end)
                    && !(is_word_byte(n[n.len() - 1])
                        && bytes.get(end).is_some_and(|b| is_word_byte(*b)))
            });
            match found {
                Some(name) => {
                    spans.push((i, i + name.text.len(), name.kind));
                    i += name.text.len();
                }
                None => i += 1,
            }
        }
        spans
    }
}

/// ASCII letters and digits: what a Latin word is made of.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Spans sorted by start; a span overlapping an earlier (or, at the same start, a longer)
/// one is dropped.
fn non_overlapping(mut spans: Vec<(usize, usize, Kind)>) -> Vec<(usize, usize, Kind)> {
    crate::domain::sorting::sort_by(&mut spans, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<(usize, usize, Kind)> = Vec::with_capacity(spans.len());
    for span in spans {
        if out.last().is_none_or(|last| span.0 >= last.1) {
            out.push(span);
        }
    }
    out
}

/// E-mail addresses and URLs (with or without a scheme), found by `linkify`.
fn links(text: &str) -> Vec<(usize, usize, Kind)> {
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false);
    finder
        .links(text)
        .filter_map(|link| {
            let kind = match link.kind() {
                LinkKind::Email => Kind::Email,
                LinkKind::Url => Kind::Url,
                _ => return None,
            };
            Some((link.start(), link.end(), kind))
        })
        .collect()
}

fn is_phone_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '(' | ')' | ' ')
}

/// Whether a space-free group is a date (`2026-11-23`, `2026.11.23`) or a decimal number.
fn is_not_phone_group(group: &str) -> bool {
    let parts: Vec<&str> = group
        .trim_matches(|c| c == '(' || c == ')')
        .split(['-', '.'])
        .collect();
    let digits = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let date = parts.len() == 3
        && parts.iter().all(digits)
        && parts[0].len() == 4
        && parts[1].len() <= 2
        && parts[2].len() <= 2;
    let decimal = group.contains('.') && parts.len() == 2 && parts[1].len() <= 2;
    date || decimal
}

/// Phone numbers: runs of digits and `+ - . ( )` and single spaces, not glued to a Latin
/// word, holding 9 to 15 digits (7 with a leading `+`); dates and decimals are left alone.
fn phones(text: &str) -> Vec<(usize, usize, Kind)> {
    let mut spans = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut previous: Option<char> = None;
    let mut before_previous: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        // Not inside a word or an identifier such as `INC-2024000123` or `v2.4`.
        let joined = |p: Option<char>| p.is_some_and(|p| p.is_ascii_alphanumeric() || p == '+');
        let after_joiner = previous.is_some_and(|p| matches!(p, '-' | '.' | '_' | '/' | '#'))
            && joined(before_previous);
        let starts_run =
            (c.is_ascii_digit() || c == '+' || c == '(') && !joined(previous) && !after_joiner;
        if !starts_run {
            before_previous = previous;
            previous = Some(c);
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut last = c;
        while let Some(&(i, next)) = chars.peek() {
            if !is_phone_char(next) || (next == ' ' && last == ' ') {
                break;
            }
            end = i + next.len_utf8();
            last = next;
            chars.next();
        }
        before_previous = None;
        previous = Some(last);
        let run = &text[start..end];
        let trimmed = run.trim_end_matches(|c: char| !c.is_ascii_digit() && c != ')');
        let glued = text[start + trimmed.len()..]
            .chars()
            .find(|c| !matches!(c, ' ' | '.' | '-'))
            .is_some_and(|c| c.is_ascii_alphabetic());
        if glued && trimmed.len() == run.len() {
            continue;
        }
        for (offset, group_run) in phone_candidates(trimmed) {
            let digits = group_run.bytes().filter(u8::is_ascii_digit).count();
            let least = if group_run.starts_with('+') {
                MIN_PHONE_DIGITS_WITH_PLUS
            } else {
                MIN_PHONE_DIGITS
            };
            if (least..=MAX_PHONE_DIGITS).contains(&digits) {
                spans.push((
                    start + offset,
                    start + offset + group_run.len(),
                    Kind::Phone,
                ));
            }
        }
    }
    spans
}

/// The parts of a run between groups that are dates or decimals, as (offset, text).
fn phone_candidates(run: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from: Option<usize> = None;
    let mut offset = 0;
    for group in run.split(' ') {
        if is_not_phone_group(group) || group.is_empty() {
            if let Some(f) = from.take() {
                out.push((f, run[f..offset].trim_end()));
            }
        } else if from.is_none() {
            from = Some(offset);
        }
        offset += group.len() + 1;
    }
    if let Some(f) = from {
        out.push((f, run[f..].trim_end()));
    }
    out
}

/// Amounts of money: a number (with `,` `.` and a `k`/`m`/`万`/`亿` multiplier) written next
/// to a currency code or symbol, before or after it.
fn amounts(text: &str) -> Vec<(usize, usize, Kind)> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || (i > 0
                && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b',' || bytes[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || ((bytes[end] == b',' || bytes[end] == b'.')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        if bytes
            .get(end)
            .is_some_and(|b| matches!(b, b'k' | b'K' | b'm' | b'M'))
            && !bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            end += 1;
        }
        let before = text[..i].trim_end_matches(' ');
        let after = text[end..].trim_start_matches(' ');
        let code_before = CURRENCY_CODES.iter().find(|code| {
            before.ends_with(*code)
                && !before[..before.len() - code.len()].ends_with(|c: char| c.is_ascii_alphabetic())
        });
        let symbol_before = before
            .chars()
            .next_back()
            .filter(|c| CURRENCY_SYMBOLS.contains(c));
        let word_after = CURRENCY_WORDS_AFTER.iter().chain(CURRENCY_CODES).find(|w| {
            after.starts_with(*w)
                && !after[w.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
        });
        let start = match (code_before, symbol_before) {
            (Some(code), _) => Some(before.len() - code.len()),
            (None, Some(symbol)) => Some(before.len() - symbol.len_utf8()),
            _ => None,
        };
        let stop = word_after.map(|w| text.len() - after.len() + w.len());
        match (start, stop) {
            (Some(s), Some(e)) => spans.push((s, e, Kind::Amount)),
            (Some(s), None) => spans.push((s, end, Kind::Amount)),
            (None, Some(e)) => spans.push((i, e, Kind::Amount)),
            (None, None) => {}
        }
        i = end.max(i + 1);
    }
    spans
}

/// Puts the originals back into an answer as it streams: text is released as soon as it
/// cannot be the start of a placeholder; an unknown placeholder is left as written.
#[derive(Clone, Debug, Default)]
pub struct Restorer {
    originals: HashMap<String, String>,
    pending: String,
}

impl Restorer {
    /// The restored text that can be shown now, given the next chunk of the answer.
    pub fn push(&mut self, chunk: &str) -> String {
        self.pending.push_str(chunk);
        let hold = self.incomplete_tail();
        let ready: String = self.pending.drain(..hold).collect();
        self.restore(&ready)
    }

    /// The rest of the answer, once it has ended.
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.pending);
        self.restore(&rest)
    }

    /// Where a placeholder that may still be completed starts (else the end).
    fn incomplete_tail(&self) -> usize {
        let Some(open) = self.pending.rfind('[') else {
            return self.pending.len();
        };
        let tail = &self.pending[open + 1..];
        let could_continue = tail.len() < MAX_PLACEHOLDER
            && tail
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if could_continue {
            open
        } else {
            self.pending.len()
        }
    }

    fn restore(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('[') {
            out.push_str(&rest[..open]);
            let candidate = rest[open..]
                .find(']')
                .map(|close| &rest[open..=open + close]);
            match candidate.and_then(|c| self.originals.get(c).map(|o| (c, o))) {
                Some((placeholder, original)) => {
                    out.push_str(original);
                    rest = &rest[open + placeholder.len()..];
                }
                None => {
                    out.push('[');
                    rest = &rest[open + 1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The part of a "Name, title" or "Name (title)" field that is the name.
fn name_part(text: &str) -> &str {
    text.split([',', '，', '(', '（', '/', ';', '；'])
        .next()
        .unwrap_or_default()
        .trim()
}

/// The people and customers Casebook knows: every account's name and contacts, and the
/// people named on `record`.
pub fn known_names<'a>(
    accounts: impl IntoIterator<Item = &'a Account>,
    record: Option<&AnyRecord>,
) -> Vec<(Kind, String)> {
    let mut names = Vec::new();
    let person = |names: &mut Vec<(Kind, String)>, text: &str| {
        let name = name_part(text);
        if name.is_empty() {
            return;
        }
        names.push((Kind::Contact, name.to_string()));
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() > 1 && words[0].chars().count() >= 3 {
            names.push((Kind::Contact, words[0].to_string()));
        }
    };
    for account in accounts {
        names.push((Kind::Customer, account.name.clone()));
        for contact in &account.contacts {
            person(&mut names, &contact.name);
        }
    }
    match record {
        Some(AnyRecord::Escalation(e)) => person(&mut names, &e.contact_name),
        Some(AnyRecord::Onboarding(p)) => {
            for field in [&p.exec_sponsor, &p.technical_lead, &p.customer_pm] {
                person(&mut names, field);
            }
        }
        Some(AnyRecord::Account(_) | AnyRecord::Feedback(_)) | None => {}
    }
    names
}

/// A chat request ready to go: its messages redacted as the connection asks, and the
/// restorer for its answer (which passes text through when nothing was redacted). Not
/// `Debug`, like the request: its headers hold the API key.
#[derive(Clone)]
pub struct Outgoing {
    pub request: HttpRequest,
    pub restorer: Restorer,
}

/// The chat request for `system` and `user` on `connection`, redacting `names` and the
/// rest as the connection's setting says.
pub fn outgoing_chat(
    connection: &Connection,
    names: Vec<(Kind, String)>,
    system: &str,
    user: &str,
) -> Result<Outgoing, Msg> {
    let (system, user, restorer) = match connection.redaction().options() {
        Some(options) => {
            let mut redactor = Redactor::new(names, options);
            let system = redactor.redact(system);
            let user = redactor.redact(user);
            (system, user, redactor.restorer())
        }
        None => (system.to_string(), user.to_string(), Restorer::default()),
    };
    Ok(Outgoing {
        request: chat_request(&connection.profile, &system, &user)?,
        restorer,
    })
}

/// What "Preview what will be sent" shows: the method, the address and the exact body,
/// pretty-printed. Headers (where the key goes) are left out.
pub fn preview(request: &HttpRequest) -> String {
    let body = request
        .body
        .as_deref()
        .map(|body| {
            serde_json::from_str::<serde_json::Value>(body)
                .and_then(|v| serde_json::to_string_pretty(&v))
                .unwrap_or_else(|_| body.to_string())
        })
        .unwrap_or_default();
    format!("{} {}\n\n{body}", request.method.as_str(), request.url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor(names: &[(Kind, &str)]) -> Redactor {
        Redactor::new(
            names.iter().map(|(k, n)| (*k, n.to_string())),
            Options::default(),
        )
    }

    fn acme() -> Redactor {
        redactor(&[
            (Kind::Customer, "Acme"),
            (Kind::Customer, "Acme Europe"),
            (Kind::Customer, "华信银行"),
            (Kind::Contact, "Dana Lee"),
            (Kind::Contact, "Dana"),
            (Kind::Contact, "王芳"),
            (Kind::Contact, "Ann"),
        ])
    }

    #[test]
    fn emails_urls_and_phones_are_replaced() {
        let mut r = acme();
        let text = "Write to dana.lee@acme.com or see https://status.acme.com/incidents/42, call +1 (415) 555-0100 or 138-0013-8000.";
        assert_eq!(
            r.redact(text),
            "Write to [EMAIL_1] or see [URL_1], call [PHONE_1] or [PHONE_2]."
        );
    }

    #[test]
    fn dates_times_amounts_and_versions_are_not_phones() {
        let mut r = acme();
        for text in [
            "Received 2026-11-23 09:00, review on 2026.12.01.",
            "ARR USD 1,200,000 renews 2027-01-15",
            "Version 2.4.1 fixed 3 of 12 issues; 99.95% uptime",
            "Ticket INC-2024000123 is open",
        ] {
            assert_eq!(r.redact(text), text);
        }
    }

    #[test]
    fn the_longest_known_name_wins_and_the_same_name_keeps_its_placeholder() {
        let mut r = acme();
        assert_eq!(
            r.redact("Acme Europe and Acme; acme again"),
            "[CUSTOMER_1] and [CUSTOMER_2]; [CUSTOMER_3] again"
        );
        assert_eq!(r.redact("Acme Europe"), "[CUSTOMER_1]");
        assert_eq!(r.redact("Acme"), "[CUSTOMER_2]");
    }

    #[test]
    fn names_inside_other_words_stay() {
        let mut r = acme();
        assert_eq!(
            r.redact("Annual plan for Acmecorp by Danai; Ann agreed."),
            "Annual plan for Acmecorp by Danai; [CONTACT_1] agreed."
        );
        assert_eq!(
            r.redact("Hi Dana, Dana Lee's team"),
            "Hi [CONTACT_2], [CONTACT_3]'s team"
        );
    }

    #[test]
    fn names_in_chinese_match_without_word_boundaries() {
        let mut r = acme();
        assert_eq!(
            r.redact("华信银行的王芳说：系统宕机两天。"),
            "[CUSTOMER_1]的[CONTACT_1]说：系统宕机两天。"
        );
    }

    #[test]
    fn amounts_only_when_asked() {
        let text = "ARR USD 1,200,000; credit of $25k; 合同金额 300万元; ¥50000 refund; 12 users";
        assert_eq!(acme().redact(text), text);
        let mut r = Redactor::new([], Options { amounts: true });
        assert_eq!(
            r.redact(text),
            "ARR [AMOUNT_1]; credit of [AMOUNT_2]; 合同金额 [AMOUNT_3]; [AMOUNT_4] refund; 12 users"
        );
        assert_eq!(r.redact("1,200,000 CNY"), "[AMOUNT_5]");
    }

    #[test]
    fn a_redacted_text_restores_to_the_original() {
        let mut r = acme();
        let text = "Acme Europe: Dana Lee (dana@acme.eu, +44 20 7946 0958) 华信银行 王芳";
        let redacted = r.redact(text);
        assert!(!redacted.contains("Dana") && !redacted.contains("王芳"));
        let mut restorer = r.restorer();
        let mut out = restorer.push(&redacted);
        out.push_str(&restorer.finish());
        assert_eq!(out, text);
    }

    #[test]
    fn placeholders_split_at_every_position_come_back_whole() {
        let mut r = acme();
        let answer = r.redact("Dear Dana Lee, Acme Europe's outage at 华信银行 is fixed.");
        let expected = "Dear Dana Lee, Acme Europe's outage at 华信银行 is fixed.";
        let cuts: Vec<usize> = (0..=answer.len())
            .filter(|i| answer.is_char_boundary(*i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|b| **b >= a) {
                let mut restorer = r.restorer();
                let mut out = String::new();
                for chunk in [&answer[..a], &answer[a..b], &answer[b..]] {
                    out.push_str(&restorer.push(chunk));
                }
                out.push_str(&restorer.finish());
                assert_eq!(out, expected, "cut at {a} and {b}");
            }
        }
    }

    #[test]
    fn text_around_and_unknown_placeholders_is_left_as_written() {
        let mut r = acme();
        r.redact("Acme");
        let mut restorer = r.restorer();
        let mut out = restorer.push("As [CUSTOMER_1]'s CSM, re [CUSTOMER_9] and [brackets] [");
        out.push_str(&restorer.push("CONTACT_1"));
        out.push_str(&restorer.finish());
        assert_eq!(
            out,
            "As Acme's CSM, re [CUSTOMER_9] and [brackets] [CONTACT_1"
        );
    }

    #[test]
    fn text_is_released_as_soon_as_it_cannot_be_a_placeholder() {
        let mut r = acme();
        r.redact("Acme");
        let mut restorer = r.restorer();
        assert_eq!(restorer.push("Hello [CUST"), "Hello ");
        assert_eq!(restorer.push("OMER_1] and [x"), "Acme and [x");
        assert_eq!(restorer.push("y"), "y");
    }

    #[test]
    fn the_mapping_lists_what_each_placeholder_stands_for() {
        let mut r = acme();
        r.redact("Dana Lee of Acme");
        assert_eq!(
            r.mapping(),
            [
                ("[CONTACT_1]".to_string(), "Dana Lee".to_string()),
                ("[CUSTOMER_1]".to_string(), "Acme".to_string())
            ]
        );
    }

    #[test]
    fn known_names_come_from_accounts_and_the_record() {
        use crate::domain::account::Contact;
        use crate::domain::escalation::Escalation;
        use chrono::TimeZone;
        let now = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let mut account = Account::new("a1".into(), now);
        account.name = "Acme Corp".into();
        account.contacts = vec![Contact {
            name: "Dana Lee".into(),
            role: "VP Operations".into(),
            email: String::new(),
        }];
        let mut e = Escalation::new("e1".into(), now);
        e.contact_name = "李明，CIO".into();
        let names = known_names([&account], Some(&AnyRecord::Escalation(e)));
        assert_eq!(
            names,
            [
                (Kind::Customer, "Acme Corp".to_string()),
                (Kind::Contact, "Dana Lee".to_string()),
                (Kind::Contact, "Dana".to_string()),
                (Kind::Contact, "李明".to_string()),
            ]
        );
    }

    fn connection(preset: crate::llm::connections::Preset, key: &str) -> Connection {
        use crate::domain::form::FormRecord;
        let now = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
        let mut c = Connection::new("c".into(), now);
        let mut form = c.to_form();
        preset.fill(&mut form);
        form.insert("name", "Test".into());
        form.insert("model", "m".into());
        form.insert("api_key", key.into());
        c.apply_form(&form, now).unwrap();
        c
    }

    #[test]
    fn cloud_requests_carry_placeholders_and_local_ones_the_text() {
        use crate::llm::connections::Preset;
        let names = vec![(Kind::Customer, "Acme Corp".to_string())];
        let cloud = outgoing_chat(
            &connection(Preset::Anthropic, "sk-SECRET"),
            names.clone(),
            "You write for Acme Corp.",
            "Reply to dana@acme.com about Acme Corp.",
        )
        .unwrap();
        let body = cloud.request.body.clone().unwrap();
        assert!(!body.contains("Acme") && !body.contains("dana@"), "{body}");
        assert!(body.contains("[CUSTOMER_1]") && body.contains("[EMAIL_1]"));
        let mut restorer = cloud.restorer;
        assert_eq!(
            restorer.push("Dear [CUSTOMER_1] team, [EMAIL_1]"),
            "Dear Acme Corp team, dana@acme.com"
        );
        let local = outgoing_chat(
            &connection(Preset::Ollama, ""),
            names,
            "",
            "Reply to Acme Corp.",
        )
        .unwrap();
        assert!(local.request.body.unwrap().contains("Reply to Acme Corp."));
    }

    #[test]
    fn the_preview_shows_the_body_but_never_the_key() {
        use crate::llm::connections::Preset;
        for preset in [Preset::OpenAi, Preset::Anthropic, Preset::Gemini] {
            let out = outgoing_chat(&connection(preset, "sk-SECRET-42"), vec![], "S", "U").unwrap();
            let shown = preview(&out.request);
            assert!(shown.starts_with("POST https://"), "{shown}");
            assert!(shown.contains("\"U\""), "{shown}");
            assert!(!shown.contains("sk-SECRET-42"), "{preset:?}: {shown}");
        }
    }
}
