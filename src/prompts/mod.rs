//! Guided prompts: one form per task, and the messages sent to the model for it, built the
//! same way for every prompt (role, rules, output language, the exact section headings); the
//! built-in drafter that fills the same headings without a model; and the helpers that find
//! parts of an answer (a section, an e-mail's subject and body, a word count). Pure: every
//! text comes from the translation table in the requested language.

pub mod escalation_response_plan;

use chrono::{DateTime, Utc};

use crate::coded_enum;
use crate::domain::draft::{stored_inputs, Draft, DraftSource, DraftStatus};
use crate::domain::form::{Coded, FieldSpec, FormValues};
use crate::i18n::{Lang, Msg};
use crate::route::Workspace;

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

/// Writes the body of every section, in the order of `PromptSpec::sections`.
pub type Drafter = fn(&PromptRequest) -> Vec<String>;

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
    pub drafter: Drafter,
}

/// Every guided prompt.
pub const ALL: &[&PromptSpec] = &[&escalation_response_plan::SPEC];

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
        .map(|f| list_item(f.label.text(req.lang), req.value(f)))
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
        .map(|(label, value)| list_item(label.text(req.lang), value.trim()))
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
        out.push_str(&format!("\n{}\n\n{}\n", heading(*section, req.lang), body.trim()));
    }
    out
}

fn heading(section: Msg, lang: Lang) -> String {
    format!("## {}", section.text(lang))
}

/// `- **label:** value`; a value of several lines goes below the label, indented.
fn list_item(label: &str, value: &str) -> String {
    if value.contains('\n') {
        let lines: Vec<String> = value
            .lines()
            .map(|l| match l.trim_end() {
                "" => String::new(),
                l => format!("  {l}"),
            })
            .collect();
        format!("- **{label}:**\n{}", lines.join("\n"))
    } else {
        format!("- **{label}:** {value}")
    }
}

/// Text on one line, runs of whitespace (line breaks included) made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a `## ` heading line, without emphasis, closing hashes or a leading number
/// (`## 2. **Internal briefs**` → `Internal briefs`).
fn heading_text(line: &str) -> Option<&str> {
    let text = line.trim_end().strip_prefix("## ")?;
    let text = text.trim().trim_end_matches('#').trim().trim_matches('*').trim();
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
    CHARACTER_WORDS.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c))
}

/// Words in `text`, for length limits: every Han, kana or Hangul character is one word;
/// other text counts runs of letters and digits, which ASCII punctuation does not split
/// (`don't`, `e-mail`, `3.5`), so Markdown marks and punctuation alone are not words.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        match c {
            c if is_character_word(c) => {
                count += 1;
                in_word = false;
            }
            c if c.is_alphanumeric() => {
                if !in_word {
                    count += 1;
                    in_word = true;
                }
            }
            c if c.is_ascii_punctuation() => {}
            _ => in_word = false,
        }
    }
    count
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
