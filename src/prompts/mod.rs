//! Guided prompts: one form per task (prefilled from the record it is opened on, or with an
//! example), the facts computed from that record, and the messages sent to the model, built the
//! same way for every prompt (role, rules, output language, the exact section headings); the
//! built-in drafter that fills the same headings without a model; and the helpers that find
//! parts of an answer (a section, an e-mail's subject and body, a word count). Pure: every
//! text comes from the translation table in the requested language.

pub mod escalation;
pub mod feedback;
pub mod onboarding;
pub mod tokens;

use chrono::{DateTime, Utc};

use crate::coded_enum;
use crate::domain::draft::{stored_inputs, Draft, DraftSource, DraftStatus};
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::domain::form::{Coded, FieldKind, FieldSpec, FormValues};
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::domain::time::zone::LocalZone;
use crate::domain::url::{encode_address, encode_component};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};

coded_enum!(
    /// The language a draft is written in, chosen next to the prompt's form.
    OutputLanguage, OUTPUT_LANGUAGE_CHOICES {
        SameAsInterface => "interface", OutputSameAsInterface;
        English => "en", OutputEnglish;
        Chinese => "zh-CN", OutputChinese;
    }
);

impl OutputLanguage {
    /// The language to write in, given the interface language.
    pub fn resolve(self, ui: Lang) -> Lang {
        match self {
            Self::SameAsInterface => ui,
            Self::English => Lang::En,
            Self::Chinese => Lang::Zh,
        }
    }

    /// The choice that names `lang` itself.
    fn of(lang: Lang) -> Self {
        match lang {
            Lang::En => Self::English,
            Lang::Zh => Self::Chinese,
        }
    }
}

/// The customer's company name: the first field of most prompts, prefilled from the record's
/// account.
pub const ACCOUNT_FIELD: FieldSpec =
    FieldSpec::new("account", Msg::FieldAccountName, FieldKind::Text)
        .required()
        .help(Msg::PlanHelpAccount);

/// Writes the body of every section, in the order of `PromptSpec::sections`.
pub type Drafter = fn(&PromptRequest) -> Vec<String>;

/// What a prompt reads from the record it is opened on.
#[derive(Clone, Copy, Debug)]
pub struct RecordContext<'a> {
    pub record: &'a AnyRecord,
    pub accounts: &'a AccountIndex,
    /// The time the prompt is opened (deadlines and "next checkpoint" are counted from it).
    pub now: DateTime<Utc>,
    /// The user's time zone: facts show local times.
    pub zone: &'a dyn LocalZone,
    /// Every feedback item (empty where not loaded): feedback facts are computed among them.
    pub feedback: &'a [FeedbackItem],
    /// Every feedback theme (empty where not loaded).
    pub themes: &'a [Theme],
}

/// A guided prompt: its form, what it asks of the model and its built-in drafter.
#[derive(Debug)]
pub struct PromptSpec {
    /// Stable id, used in routes and stored with drafts.
    pub id: &'static str,
    pub workspace: Workspace,
    pub title: Msg,
    /// One sentence shown above the form.
    pub intro: Msg,
    /// The request as the user would put it; opens the user message.
    pub task: Msg,
    pub fields: &'static [FieldSpec],
    /// Instructions of this prompt, added to the common rules of the system message.
    pub rules: &'static [Msg],
    /// The output's `## ` headings, in order.
    pub sections: &'static [Msg],
    pub word_limit: Option<u32>,
    /// The section holding an e-mail to the customer (subject line, then body), if any.
    pub email_section: Option<Msg>,
    pub drafter: Drafter,
    /// The form filled from the record, in `Lang`; `None` when the record is not of the
    /// prompt's workspace.
    pub prefill: fn(&RecordContext, Lang) -> Option<FormValues>,
    /// The facts computed from the record, labelled, in `Lang`.
    pub facts: fn(&RecordContext, Lang) -> Vec<(Msg, String)>,
    /// A realistic filled-in form, in `Lang`, for "Fill with an example".
    pub example: fn(Lang) -> FormValues,
}

/// Every guided prompt.
pub const ALL: &[&PromptSpec] = &[
    &escalation::response_plan::SPEC,
    &escalation::exec_call::SPEC,
    &escalation::internal_brief::SPEC,
    &escalation::difficult_conversation::SPEC,
    &escalation::review::SPEC,
    &onboarding::custom_playbook::SPEC,
    &onboarding::at_risk::SPEC,
    &onboarding::industry_playbook::SPEC,
    &feedback::theme_analysis::SPEC,
    &feedback::dossier::SPEC,
    &feedback::qbr_followup::SPEC,
    &feedback::close_loop::SPEC,
    &feedback::health_report::SPEC,
];

/// A form whose fields are filled with texts of the table, in `lang` (for example fillers).
fn example_values(lang: Lang, pairs: &[(&'static str, Msg)]) -> FormValues {
    // Inserted one by one: collecting into a map would pull a stable sort into the wasm.
    let mut form = FormValues::new();
    for (key, msg) in pairs {
        form.insert(*key, msg.text(lang).to_string());
    }
    form
}

/// The prompt with this id.
pub fn find(id: &str) -> Option<&'static PromptSpec> {
    ALL.iter().copied().find(|p| p.id == id)
}

/// One run of a prompt: the form as filled, the facts the app computed from the record, and
/// the (resolved) output language.
#[derive(Clone, Copy, Debug)]
pub struct PromptRequest<'a> {
    pub spec: &'static PromptSpec,
    pub values: &'a FormValues,
    pub facts: &'a [(Msg, String)],
    pub lang: Lang,
}

impl PromptRequest<'_> {
    /// A field's value, trimmed; empty when not filled.
    fn value(&self, field: &FieldSpec) -> &str {
        self.values.get(field.key).map_or("", |v| v.trim())
    }

    /// A field's value on one line (for use inside a sentence), or what to add when empty.
    fn inline_or_missing(&self, field: &FieldSpec) -> String {
        let value = one_line(self.value(field));
        if value.is_empty() {
            self.missing(field)
        } else {
            value
        }
    }

    /// Says plainly that a field is empty and should be filled in.
    fn missing(&self, field: &FieldSpec) -> String {
        Msg::PromptMissingField.fill(self.lang, &[("label", field.label.text(self.lang))])
    }

    /// A computed fact by its label.
    fn fact(&self, label: Msg) -> Option<&str> {
        self.facts
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self, msg: Msg) -> &'static str {
        msg.text(self.lang)
    }

    /// `- **label:** value` for a field, saying what to add when it is empty.
    fn field_line(&self, field: &FieldSpec) -> String {
        list_item(
            self.lang,
            self.text(field.label),
            &self.inline_or_missing(field),
        )
    }

    /// A field's value for the inside of a sentence (one line, no closing full stop), or what
    /// to add when it is empty.
    fn clause(&self, field: &FieldSpec) -> String {
        match bare(self.value(field)) {
            v if v.is_empty() => self.missing(field),
            v => v,
        }
    }

    /// `- **label:** value` for a computed fact, when it is given and not empty.
    fn fact_item(&self, label: Msg) -> Option<String> {
        self.fact(label)
            .filter(|v| !v.trim().is_empty())
            .map(|v| list_item(self.lang, self.text(label), v.trim()))
    }

    /// `body`, followed by the fact with this label when it is given.
    fn with_fact(&self, body: String, label: Msg) -> String {
        match self.fact_item(label) {
            Some(item) => format!("{body}\n\n{item}"),
            None => body,
        }
    }

    /// A field's value; else the fact with this label; else what to add to the field.
    fn value_or_fact(&self, field: &FieldSpec, fact: Msg) -> String {
        match (self.value(field), self.fact(fact)) {
            ("", Some(f)) if !f.trim().is_empty() => f.trim().to_string(),
            ("", _) => self.missing(field),
            (v, _) => v.to_string(),
        }
    }

    /// The next customer update: the next checkpoint, else the first update due, else "within
    /// 24 hours".
    fn next_update(&self) -> String {
        self.fact(Msg::PromptFactNextCheckpoint)
            .or(self.fact(Msg::FactFirstUpdateDue))
            .map_or_else(
                || self.text(Msg::PromptWithin24h).to_string(),
                str::to_string,
            )
    }

    /// The CSM's classification when set; else severity and type from the rules, on one line;
    /// else "to be confirmed".
    fn classification(&self) -> String {
        if let Some(set) = self
            .fact(Msg::FactClassificationOverride)
            .filter(|v| !v.trim().is_empty())
        {
            return one_line(set);
        }
        match (
            self.fact(Msg::FactSeverity),
            self.fact(Msg::FactEscalationType),
        ) {
            (Some(s), Some(t)) => format!("{s} · {t}"),
            (Some(s), None) => s.to_string(),
            _ => self.text(Msg::PromptSeverityTbc).to_string(),
        }
    }

    /// A new draft for this request: written at once by the built-in drafter, or empty and
    /// streaming for a model.
    pub fn start_draft(
        &self,
        id: String,
        record_id: String,
        source: DraftSource,
        now: DateTime<Utc>,
    ) -> Draft {
        let (text, status) = match source {
            DraftSource::BuiltIn => (builtin_draft(self), DraftStatus::Complete),
            DraftSource::Model { .. } => (String::new(), DraftStatus::Streaming),
        };
        Draft {
            id,
            workspace: self.spec.workspace,
            record_id,
            prompt_id: self.spec.id.to_string(),
            inputs: stored_inputs(self.values),
            output_lang: self.lang,
            source,
            text,
            status,
            usage: None,
            created_at: now,
            updated_at: now,
        }
    }
}

/// The system message: role, rules, output language, exact section headings, length.
pub fn system_message(req: &PromptRequest) -> String {
    let rules = [
        Msg::PromptRuleFactsOnly,
        Msg::PromptRuleAssumptions,
        Msg::PromptRuleNoPromises,
        Msg::PromptRuleCustomerText,
    ]
    .iter()
    .chain(req.spec.rules)
    .map(|r| format!("- {}", req.text(*r)))
    .collect::<Vec<_>>()
    .join("\n");
    let language = OutputLanguage::of(req.lang).label().text(req.lang);
    let headings = req
        .spec
        .sections
        .iter()
        .map(|s| heading(*s, req.lang))
        .collect::<Vec<_>>()
        .join("\n");
    let mut parts = vec![
        req.text(Msg::PromptRole).to_string(),
        format!("{}\n{rules}", req.text(Msg::PromptRulesHeading)),
        Msg::PromptAnswerIn.fill(req.lang, &[("language", language)]),
        format!("{}\n\n{headings}", req.text(Msg::PromptSectionsIntro)),
    ];
    if let Some(n) = req.spec.word_limit {
        parts.push(Msg::PromptWordLimit.fill(req.lang, &[("n", &n.to_string())]));
    }
    parts.join("\n\n")
}

/// The user message: the task, the filled fields as a labelled list and the computed facts.
pub fn user_message(req: &PromptRequest) -> String {
    let inputs: Vec<String> = req
        .spec
        .fields
        .iter()
        .filter(|f| !req.value(f).is_empty())
        .map(|f| list_item(req.lang, f.label.text(req.lang), req.value(f)))
        .collect();
    let mut parts = vec![req.text(req.spec.task).to_string()];
    if !inputs.is_empty() {
        parts.push(format!(
            "{}\n{}",
            req.text(Msg::PromptInputs),
            inputs.join("\n")
        ));
    }
    let facts: Vec<String> = req
        .facts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(label, value)| list_item(req.lang, label.text(req.lang), value.trim()))
        .collect();
    if !facts.is_empty() {
        parts.push(format!(
            "{}\n{}",
            req.text(Msg::PromptFacts),
            facts.join("\n")
        ));
    }
    parts.join("\n\n")
}

/// The built-in draft: a label saying no model wrote it, then every section heading in order,
/// each filled by the prompt's own drafter. Same request, same text.
pub fn builtin_draft(req: &PromptRequest) -> String {
    let bodies = (req.spec.drafter)(req);
    let mut out = format!("*{}*\n", req.text(Msg::PromptBuiltInLabel));
    for (section, body) in req.spec.sections.iter().zip(bodies) {
        out.push_str(&format!(
            "\n{}\n\n{}\n",
            heading(*section, req.lang),
            body.trim()
        ));
    }
    out
}

fn heading(section: Msg, lang: Lang) -> String {
    format!("## {}", section.text(lang))
}

/// `- **label:** value` in `lang`; a value of several lines goes below the label, indented.
fn list_item(lang: Lang, label: &str, value: &str) -> String {
    if !value.contains('\n') {
        return Msg::PromptListItem.fill(lang, &[("label", label), ("value", value)]);
    }
    let lines: Vec<String> = value
        .lines()
        .map(|l| match l.trim_end() {
            "" => String::new(),
            l => format!("  {l}"),
        })
        .collect();
    let item = Msg::PromptListItem.fill(lang, &[("label", label), ("value", "")]);
    format!("{}\n{}", item.trim_end(), lines.join("\n"))
}

/// Text on one line, runs of whitespace (line breaks included) made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text on one line without its closing full stop, so it can end a sentence of a template.
fn bare(text: &str) -> String {
    one_line(text)
        .trim_end_matches(['.', '。', '!', '！'])
        .to_string()
}

/// Each non-empty line of `text` as a `- ` list item (existing list marks kept once).
fn bullets(text: &str) -> String {
    text.lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
        .map(|l| format!("- {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first `n` sentences of `text`, on one line.
fn sentences(text: &str, n: usize) -> String {
    let flat = one_line(text);
    let mut seen = 0;
    let mut chars = flat.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let ends = match c {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' => chars.peek().is_none_or(|(_, next)| *next == ' '),
            _ => false,
        };
        if ends {
            seen += 1;
            if seen == n {
                return flat[..at + c.len_utf8()].to_string();
            }
        }
    }
    flat
}

/// A Markdown table cell: on one line, with `|` escaped.
fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// `text` cut to at most `max` words (as `word_count` counts them), ending with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    match word_starts(text).nth(max) {
        Some(at) => format!("{}…", text[..at].trim_end()),
        None => text.to_string(),
    }
}

/// The text of a `## ` heading line, without emphasis, closing hashes or a leading number
/// (`## 2. **Internal briefs**` → `Internal briefs`).
fn heading_text(line: &str) -> Option<&str> {
    let text = line.trim_end().strip_prefix("## ")?.trim();
    let text = match text.trim_end_matches('#') {
        open if open.is_empty() || open.ends_with(' ') => open,
        _ => text,
    };
    let text = text.trim().trim_matches('*').trim();
    let unnumbered = text
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .strip_prefix(['.', ')', '、'])
        .filter(|_| text.starts_with(|c: char| c.is_ascii_digit()));
    Some(unnumbered.map_or(text, |t| t.trim().trim_matches('*').trim()))
}

/// The text under `## heading` up to the next `## ` heading, trimmed; `None` when the
/// heading is not there. Headings match ignoring case, emphasis and numbering.
pub fn section_body<'a>(markdown: &'a str, heading: &str) -> Option<&'a str> {
    let wanted = heading.trim();
    let mut start = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        match (start, heading_text(line)) {
            (None, Some(text)) if text.eq_ignore_ascii_case(wanted) => start = Some(offset),
            (Some(from), Some(_)) => return Some(markdown[from..line_start].trim()),
            _ => {}
        }
    }
    start.map(|from| markdown[from..].trim())
}

/// Characters written as one word each: Han, kana and Hangul.
const CHARACTER_WORDS: &[(char, char)] = &[
    ('\u{3040}', '\u{30FF}'),   // Hiragana, Katakana
    ('\u{3400}', '\u{4DBF}'),   // CJK Extension A
    ('\u{4E00}', '\u{9FFF}'),   // CJK Unified Ideographs
    ('\u{AC00}', '\u{D7AF}'),   // Hangul syllables
    ('\u{F900}', '\u{FAFF}'),   // CJK compatibility ideographs
    ('\u{20000}', '\u{3FFFF}'), // supplementary ideographs
];

fn is_character_word(c: char) -> bool {
    CHARACTER_WORDS
        .iter()
        .any(|(lo, hi)| (*lo..=*hi).contains(&c))
}

/// Where each word of `text` starts (byte offsets): every Han, kana or Hangul character is
/// one word; other text counts runs of letters and digits, which ASCII punctuation does not
/// split (`don't`, `e-mail`, `3.5`), so Markdown marks and punctuation alone are not words.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut in_word = false;
    text.char_indices().filter_map(move |(at, c)| {
        let starts = if is_character_word(c) {
            in_word = false;
            true
        } else if c.is_alphanumeric() {
            !std::mem::replace(&mut in_word, true)
        } else {
            if !c.is_ascii_punctuation() {
                in_word = false;
            }
            false
        };
        starts.then_some(at)
    })
}

/// Words in `text`, for length limits, counted as `word_starts` finds them.
pub fn word_count(text: &str) -> usize {
    word_starts(text).count()
}

/// Words that open an e-mail's subject line (`Subject: …`, `主题：…`), compared ignoring case.
const SUBJECT_WORDS: &[&str] = &["subject", "主题", "主旨", "标题"];

/// An e-mail section split into subject and body: the first non-empty line must be a subject
/// line (`Subject:` or `主题：`, either colon, bold or not); the body is the rest, trimmed.
pub fn email_parts(section: &str) -> Option<(&str, &str)> {
    let section = section.trim_start();
    let (first, rest) = section.split_once('\n').unwrap_or((section, ""));
    let line = first.trim().trim_start_matches(['*', '_']);
    let word = SUBJECT_WORDS.iter().find(|w| {
        line.get(..w.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(w))
    })?;
    let subject = line[word.len()..]
        .trim_start_matches(['*', '_', ' '])
        .strip_prefix([':', '：'])?
        .trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    (!subject.is_empty()).then_some((subject, rest.trim()))
}

/// The e-mail in `text` (the `section` heading in `lang`), as subject and body.
pub fn draft_email(text: &str, section: Msg, lang: Lang) -> Option<(String, String)> {
    let (subject, body) = email_parts(section_body(text, section.text(lang))?)?;
    Some((subject.to_string(), body.to_string()))
}

/// A `mailto:` link that opens the e-mail in the mail client, addressed to `to` (may be empty).
pub fn mailto_link(to: &str, subject: &str, body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        encode_address(to.trim()),
        encode_component(subject),
        encode_component(&body)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message's text with every `{placeholder}` filled with a word.
    fn filled(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            match rest[open..].find('}') {
                Some(close) => {
                    out.push_str("Value");
                    rest = &rest[open + close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Drafts are Markdown: no message may leave `**` showing (CommonMark does not close
    /// `**` after punctuation such as a full-width colon when a letter follows).
    #[test]
    fn no_message_leaves_emphasis_markers_showing() {
        assert!(crate::markdown::render("**客户名称：**Acme").contains("**"));
        let mut broken = Vec::new();
        for msg in Msg::ALL {
            for lang in [Lang::En, Lang::Zh] {
                let text = filled(msg.text(lang));
                if text.contains("**") && crate::markdown::render(&text).contains("**") {
                    broken.push(format!("{msg:?} ({lang:?}): {text}"));
                }
            }
        }
        assert!(broken.is_empty(), "{}", broken.join("\n"));
    }

    #[test]
    fn the_email_section_becomes_a_mailto_link() {
        let text = "## First customer e-mail (send within 2 hours)\n\n**Subject:** Outage & next steps\n\nHi Dana,\nWe are on it.\n\n## Internal briefs\n\nx";
        let (subject, body) = draft_email(text, Msg::PlanSectionEmail, Lang::En).unwrap();
        assert_eq!(subject, "Outage & next steps");
        assert_eq!(body, "Hi Dana,\nWe are on it.");
        assert_eq!(
            mailto_link("dana@acme.com", &subject, &body),
            "mailto:dana@acme.com?subject=Outage%20%26%20next%20steps&body=Hi%20Dana%2C%0D%0AWe%20are%20on%20it."
        );
        assert!(draft_email("## Other\n\nSubject: x", Msg::PlanSectionEmail, Lang::En).is_none());
    }

    #[test]
    fn mailto_links_encode_chinese_and_reserved_characters() {
        assert_eq!(
            mailto_link("", "故障?", "a=b#c"),
            "mailto:?subject=%E6%95%85%E9%9A%9C%3F&body=a%3Db%23c"
        );
    }

    use crate::domain::form::{values, FieldKind};
    use chrono::TimeZone;

    const SHORT_FIELDS: &[FieldSpec] = &[
        FieldSpec::new("account", Msg::FieldAccountName, FieldKind::Text),
        FieldSpec::new("issue", Msg::FieldUnderlyingIssue, FieldKind::LongText),
        FieldSpec::new("can_fix", Msg::FieldCanFix, FieldKind::LongText),
    ];

    fn short_drafter(req: &PromptRequest) -> Vec<String> {
        vec![req.inline_or_missing(&SHORT_FIELDS[0]), String::new()]
    }

    /// A length-limited prompt, to test what the plan prompt does not use.
    const SHORT: PromptSpec = PromptSpec {
        id: "test.short",
        workspace: Workspace::Escalations,
        title: Msg::PlanTitle,
        intro: Msg::PlanIntro,
        task: Msg::PlanTask,
        fields: SHORT_FIELDS,
        rules: &[],
        sections: &[Msg::PlanSectionSeverity, Msg::PlanSectionNotPromise],
        word_limit: Some(300),
        email_section: None,
        drafter: short_drafter,
        prefill: |_, _| None,
        facts: |_, _| Vec::new(),
        example: |_| FormValues::new(),
    };

    fn request<'a>(
        spec: &'static PromptSpec,
        values: &'a FormValues,
        facts: &'a [(Msg, String)],
        lang: Lang,
    ) -> PromptRequest<'a> {
        PromptRequest {
            spec,
            values,
            facts,
            lang,
        }
    }

    fn positions_in_order(text: &str, parts: &[String]) -> bool {
        let found: Vec<Option<usize>> = parts.iter().map(|p| text.find(p.as_str())).collect();
        found.iter().all(Option::is_some) && found.windows(2).all(|w| w[0] < w[1])
    }

    fn headings(spec: &PromptSpec, lang: Lang) -> Vec<String> {
        spec.sections.iter().map(|s| heading(*s, lang)).collect()
    }

    #[test]
    fn output_language_resolves_against_the_interface() {
        for ui in Lang::ALL {
            assert_eq!(OutputLanguage::SameAsInterface.resolve(ui), ui);
            assert_eq!(OutputLanguage::English.resolve(ui), Lang::En);
            assert_eq!(OutputLanguage::Chinese.resolve(ui), Lang::Zh);
        }
    }

    #[test]
    fn output_language_is_a_coded_choice() {
        assert_eq!(OUTPUT_LANGUAGE_CHOICES.len(), OutputLanguage::ALL.len());
        for choice in OUTPUT_LANGUAGE_CHOICES {
            let value = OutputLanguage::from_code(choice.value).unwrap();
            assert_eq!(value.label(), choice.label);
        }
        assert_eq!(
            OutputLanguage::from_code("zh-CN"),
            Some(OutputLanguage::Chinese)
        );
        assert_eq!(OutputLanguage::from_code("fr"), None);
    }

    #[test]
    fn prompts_are_found_by_id() {
        assert_eq!(
            find("escalation.response_plan").map(|p| p.id),
            Some("escalation.response_plan")
        );
        assert!(find("escalation.nothing").is_none());
        let mut ids: Vec<_> = ALL.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len(), "ids are unique");
    }

    #[test]
    fn every_workspace_has_its_prompts_registered() {
        for id in [
            feedback::theme_analysis::ID,
            feedback::dossier::ID,
            feedback::qbr_followup::ID,
            feedback::close_loop::ID,
            feedback::health_report::ID,
        ] {
            assert!(find(id).is_some(), "{id}");
            assert!(id.starts_with("feedback."));
        }
        assert_eq!(
            feedback::qbr_followup::SPEC.email_section,
            Some(Msg::FpQbrSectionEmail)
        );
    }

    #[test]
    fn every_prompt_has_unique_fields_and_a_body_per_section() {
        let empty = FormValues::new();
        for spec in ALL {
            let mut keys: Vec<_> = spec.fields.iter().map(|f| f.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), spec.fields.len(), "{}", spec.id);
            for lang in Lang::ALL {
                let req = request(spec, &empty, &[], lang);
                assert_eq!(
                    (spec.drafter)(&req).len(),
                    spec.sections.len(),
                    "{}",
                    spec.id
                );
            }
        }
    }

    #[test]
    fn system_message_lists_the_headings_in_order_in_english() {
        let form = FormValues::new();
        let text = system_message(&request(
            &escalation::response_plan::SPEC,
            &form,
            &[],
            Lang::En,
        ));
        assert!(text.starts_with("You are a senior Customer Success advisor"));
        assert!(text.contains("Answer in English."));
        assert!(positions_in_order(
            &text,
            &headings(&escalation::response_plan::SPEC, Lang::En)
        ));
        assert!(text.contains("## What NOT to promise"));
        assert!(!text.contains("严重程度"));
    }

    #[test]
    fn system_message_lists_the_headings_in_order_in_chinese() {
        let form = FormValues::new();
        let text = system_message(&request(
            &escalation::response_plan::SPEC,
            &form,
            &[],
            Lang::Zh,
        ));
        assert!(text.contains("请用简体中文回答。"));
        assert!(positions_in_order(
            &text,
            &headings(&escalation::response_plan::SPEC, Lang::Zh)
        ));
        assert!(text.contains("## 严重程度及理由"));
        assert!(!text.contains("Severity and rationale"));
    }

    #[test]
    fn system_message_states_the_rules() {
        let form = FormValues::new();
        let text = system_message(&request(
            &escalation::response_plan::SPEC,
            &form,
            &[],
            Lang::En,
        ));
        for rule in [
            Msg::PromptRuleFactsOnly,
            Msg::PromptRuleAssumptions,
            Msg::PromptRuleNoPromises,
            Msg::PromptRuleCustomerText,
            Msg::PlanRuleEmail,
        ] {
            assert!(text.contains(rule.text(Lang::En)), "{rule:?}");
        }
        let rules_at = text.find("Rules:").unwrap();
        let sections_at = text.find("## Severity").unwrap();
        assert!(rules_at < sections_at);
    }

    #[test]
    fn word_limit_is_stated_only_when_set() {
        let form = FormValues::new();
        let limited = system_message(&request(&SHORT, &form, &[], Lang::En));
        assert!(limited.ends_with("Keep the whole answer within 300 words."));
        let limited_zh = system_message(&request(&SHORT, &form, &[], Lang::Zh));
        assert!(limited_zh.ends_with("全文不超过 300 字。"));
        let open = system_message(&request(
            &escalation::response_plan::SPEC,
            &form,
            &[],
            Lang::En,
        ));
        assert!(!open.contains("Keep the whole answer within"));
    }

    #[test]
    fn user_message_lists_filled_fields_and_skips_empty_ones() {
        let form = values([
            ("account", "Acme Corp".into()),
            ("issue", "  ".into()),
            ("can_fix", "Hotfix by Friday".into()),
        ]);
        let text = user_message(&request(&SHORT, &form, &[], Lang::En));
        assert!(text.starts_with(Msg::PlanTask.text(Lang::En)));
        assert!(text.contains("Inputs:\n- **Account name:** Acme Corp\n"));
        assert!(text.contains("- **What we can honestly fix, and when:** Hotfix by Friday"));
        assert!(!text.contains("Underlying issue"), "empty field skipped");
        assert!(!text.contains("Computed facts"), "no facts, no list");
    }

    #[test]
    fn user_message_indents_multi_line_values() {
        let form = values([("issue", "Sync fails\n\non large tenants\n".into())]);
        let text = user_message(&request(&SHORT, &form, &[], Lang::En));
        assert!(text.contains("- **Underlying issue:**\n  Sync fails\n\n  on large tenants"));
    }

    #[test]
    fn user_message_lists_facts_after_the_form() {
        let form = values([("account", "Acme".into())]);
        let facts = [
            (
                Msg::FieldReceivedAt,
                "2026-11-23 16:15 (UTC+08:00)".to_string(),
            ),
            (Msg::FactFirstResponseDue, String::new()),
        ];
        let text = user_message(&request(&SHORT, &form, &facts, Lang::En));
        let facts_at = text
            .find("Computed facts:\n- **Received at:** 2026-11-23 16:15 (UTC+08:00)")
            .unwrap();
        assert!(text.find("Acme").unwrap() < facts_at);
        assert!(!text.contains("First response due"), "empty fact skipped");
    }

    #[test]
    fn user_message_labels_are_in_the_output_language() {
        let form = values([("account", "华东制造".into())]);
        let facts = [(Msg::FactFirstResponseDue, "2026-11-23 18:15".to_string())];
        let text = user_message(&request(&SHORT, &form, &facts, Lang::Zh));
        assert!(text.contains("输入信息：\n- **客户名称**：华东制造"));
        assert!(text.contains("系统计算的事实："));
        assert!(text.contains("首次回复截止时间"));
    }

    #[test]
    fn builtin_draft_is_labelled_and_has_every_heading() {
        let form = values([("account", "Acme".into())]);
        for lang in Lang::ALL {
            let text = builtin_draft(&request(&SHORT, &form, &[], lang));
            let label = format!("*{}*\n", Msg::PromptBuiltInLabel.text(lang));
            assert!(text.starts_with(&label), "{text}");
            assert!(positions_in_order(&text, &headings(&SHORT, lang)));
            assert_eq!(
                section_body(&text, Msg::PlanSectionSeverity.text(lang)),
                Some("Acme")
            );
        }
    }

    #[test]
    fn missing_values_say_what_to_add() {
        let form = FormValues::new();
        let text = builtin_draft(&request(&SHORT, &form, &[], Lang::En));
        assert!(text.contains("not given yet: add “Account name” to the form"));
        let text = builtin_draft(&request(&SHORT, &form, &[], Lang::Zh));
        assert!(text.contains("请在表单中补充“客户名称”"));
    }

    #[test]
    fn starting_a_built_in_draft_writes_it_at_once() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let form = values([("account", "Acme".into())]);
        let req = request(&SHORT, &form, &[], Lang::Zh);
        let d = req.start_draft("d1".into(), "e1".into(), DraftSource::BuiltIn, now);
        assert_eq!(d.status, DraftStatus::Complete);
        assert_eq!(d.text, builtin_draft(&req));
        assert_eq!(d.prompt_id, "test.short");
        assert_eq!(d.workspace, Workspace::Escalations);
        assert_eq!(d.output_lang, Lang::Zh);
        assert_eq!(d.inputs.get("account").map(String::as_str), Some("Acme"));
        assert_eq!((d.created_at, d.updated_at), (now, now));
    }

    #[test]
    fn starting_a_model_draft_waits_for_the_stream() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let form = FormValues::new();
        let source = DraftSource::Model {
            provider: "anthropic".into(),
            model: "claude".into(),
        };
        let d = request(&SHORT, &form, &[], Lang::En).start_draft(
            "d2".into(),
            "e1".into(),
            source.clone(),
            now,
        );
        assert_eq!(d.status, DraftStatus::Streaming);
        assert_eq!(d.text, "");
        assert_eq!(d.source, source);
        assert!(d.is_partial());
    }

    const ANSWER: &str = "Intro line\n\n## Severity and rationale\n\nP1: the CIO threatens to cancel.\n\n## First customer e-mail (send within 2 hours)\n\nSubject: Hi\n\nBody\n### Not a section\nStill body\n\n## What NOT to promise\n\n- dates\n";

    #[test]
    fn section_body_reads_up_to_the_next_heading() {
        assert_eq!(
            section_body(ANSWER, "Severity and rationale"),
            Some("P1: the CIO threatens to cancel.")
        );
        assert_eq!(
            section_body(ANSWER, "First customer e-mail (send within 2 hours)"),
            Some("Subject: Hi\n\nBody\n### Not a section\nStill body")
        );
        assert_eq!(section_body(ANSWER, "What NOT to promise"), Some("- dates"));
        assert_eq!(section_body(ANSWER, "Internal briefs"), None);
    }

    #[test]
    fn section_body_tolerates_numbering_emphasis_case_and_crlf() {
        let answer = "## 1. **Severity and rationale**\r\nP2\r\n## 2) what not to promise ##\r\n- credits\r\n";
        assert_eq!(section_body(answer, "Severity and rationale"), Some("P2"));
        assert_eq!(
            section_body(answer, "What NOT to promise"),
            Some("- credits")
        );
        let zh = "## 严重程度及理由\n\nP1\n\n## 不应承诺的内容\n\n- 退款";
        assert_eq!(section_body(zh, "严重程度及理由"), Some("P1"));
        assert_eq!(section_body(zh, "不应承诺的内容"), Some("- 退款"));
        assert_eq!(section_body("## 2024 plan\nx", "2024 plan"), Some("x"));
        assert_eq!(section_body("## Why C#\nx", "Why C#"), Some("x"));
        assert_eq!(
            section_body("## 4. 14-day timeline ##\n| a |", "14-day timeline"),
            Some("| a |")
        );
    }

    #[test]
    fn section_body_of_an_empty_section_is_empty() {
        assert_eq!(section_body("## A\n## B\nb", "A"), Some(""));
        assert_eq!(section_body("## A", "A"), Some(""));
        assert_eq!(section_body("", "A"), None);
    }

    #[test]
    fn every_prompt_prefills_and_exemplifies_exactly_its_fields() {
        use crate::prompts::{
            escalation::facts::tests as esc, feedback::facts::tests as fb,
            onboarding::facts::tests as ob,
        };
        let escalation = AnyRecord::Escalation(esc::escalation());
        let esc_accounts = esc::accounts();
        let onboarding = AnyRecord::Onboarding(ob::project());
        let ob_accounts = ob::accounts();
        let feedback = fb::data("f1");
        let contexts = [
            (
                Workspace::Escalations,
                esc::context(&escalation, &esc_accounts),
            ),
            (
                Workspace::Onboarding,
                ob::context(&onboarding, &ob_accounts),
            ),
            (Workspace::Feedback, feedback.context()),
        ];
        for spec in ALL {
            let (_, ctx) = contexts.iter().find(|(w, _)| *w == spec.workspace).unwrap();
            for (_, other) in contexts.iter().filter(|(w, _)| *w != spec.workspace) {
                assert!((spec.prefill)(other, Lang::En).is_none(), "{}", spec.id);
                assert!((spec.facts)(other, Lang::En).is_empty(), "{}", spec.id);
            }
            let mut fields: Vec<_> = spec.fields.iter().map(|f| f.key).collect();
            fields.sort_unstable();
            for lang in Lang::ALL {
                let form = (spec.prefill)(ctx, lang).unwrap();
                assert_eq!(
                    form.keys().copied().collect::<Vec<_>>(),
                    fields,
                    "{}",
                    spec.id
                );
                let example = (spec.example)(lang);
                assert_eq!(
                    example.keys().copied().collect::<Vec<_>>(),
                    fields,
                    "{}",
                    spec.id
                );
                assert!(
                    example.values().all(|v| !v.trim().is_empty()),
                    "{}",
                    spec.id
                );
                assert!(!(spec.facts)(ctx, lang).is_empty(), "{}", spec.id);
            }
            assert_ne!((spec.example)(Lang::En), (spec.example)(Lang::Zh));
        }
    }

    #[test]
    fn classification_prefers_the_csm_override() {
        let form = FormValues::new();
        let mut facts = vec![
            (Msg::FactSeverity, "P1 · executive".to_string()),
            (Msg::FactEscalationType, "Product failure".to_string()),
        ];
        assert_eq!(
            request(&SHORT, &form, &facts, Lang::En).classification(),
            "P1 · executive · Product failure"
        );
        facts.push((Msg::FactClassificationOverride, "P2 · Service gap".into()));
        assert_eq!(
            request(&SHORT, &form, &facts, Lang::En).classification(),
            "P2 · Service gap"
        );
        assert_eq!(
            request(&SHORT, &form, &[], Lang::Zh).classification(),
            "待确认"
        );
    }

    #[test]
    fn sentences_end_at_full_stops_in_both_languages() {
        assert_eq!(
            sentences("It broke. Twice! Now 3.5 is out.", 1),
            "It broke."
        );
        assert_eq!(
            sentences("It broke. Twice! Now 3.5 is out.", 2),
            "It broke. Twice!"
        );
        assert_eq!(sentences("同步中断。客户很生气。", 1), "同步中断。");
        assert_eq!(sentences("no stop at all", 2), "no stop at all");
    }

    #[test]
    fn clip_keeps_whole_words_and_marks_the_cut() {
        assert_eq!(clip("one two three", 2), "one two…");
        assert_eq!(clip("one two", 2), "one two");
        assert_eq!(clip("同步中断了", 3), "同步中…");
        assert_eq!(word_count(&clip(&"word ".repeat(50), 10)), 10);
    }

    #[test]
    fn bullets_and_cells_tidy_free_text() {
        assert_eq!(
            bullets("first\n\n- second\n• third "),
            "- first\n- second\n- third"
        );
        assert_eq!(bullets("  \n"), "");
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(bare("Done.\n"), "Done");
    }

    #[test]
    fn english_words_are_counted_by_spaces() {
        assert_eq!(word_count("Keep it short, please."), 4);
        assert_eq!(word_count("Don't send the e-mail before 3.5 pm"), 7);
        assert_eq!(word_count("  \n\t "), 0);
    }

    #[test]
    fn chinese_characters_are_one_word_each() {
        assert_eq!(word_count("我们会尽快修复。"), 7);
        assert_eq!(word_count("收到，谢谢！"), 4);
    }

    #[test]
    fn mixed_text_counts_both_ways() {
        assert_eq!(word_count("我们用 Rust 写了 3 个 e-mail 模板"), 11);
        assert_eq!(word_count("客户CIO要求今天回复"), 9);
    }

    #[test]
    fn markdown_marks_are_not_words() {
        assert_eq!(word_count("## Heading\n\n- item — **bold** | x |"), 4);
        assert_eq!(word_count("## — ... |---|"), 0);
    }

    #[test]
    fn email_parts_read_an_english_subject() {
        assert_eq!(
            email_parts("Subject: Acme: our next steps\n\nDear Li,\n\nBody.\n"),
            Some(("Acme: our next steps", "Dear Li,\n\nBody."))
        );
        assert_eq!(
            email_parts("\n**Subject:** Update\nHello"),
            Some(("Update", "Hello"))
        );
        assert_eq!(
            email_parts("subject : Update\nHello"),
            Some(("Update", "Hello"))
        );
    }

    #[test]
    fn email_parts_read_a_chinese_subject_with_either_colon() {
        assert_eq!(
            email_parts("主题：华东制造——我们的回复\n\n王芳，您好：\n正文"),
            Some(("华东制造——我们的回复", "王芳，您好：\n正文"))
        );
        assert_eq!(email_parts("主题: 进展\n正文"), Some(("进展", "正文")));
    }

    #[test]
    fn email_parts_need_a_subject_first() {
        assert_eq!(email_parts("Dear Li,\nSubject: late"), None);
        assert_eq!(email_parts("Subject:\nBody"), None);
        assert_eq!(email_parts("Subjective: x"), None);
        assert_eq!(email_parts(""), None);
        assert_eq!(
            email_parts("Subject: Only a subject"),
            Some(("Only a subject", ""))
        );
    }
}
