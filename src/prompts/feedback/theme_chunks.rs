//! The model's side of theme analysis: verbatims packed into prompt chunks that fit a
//! model's context window, and the JSON block of a chunk's answer read and checked.

use serde_json::Value;

use crate::domain::feedback::themes::ThemeDraft;
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};
use crate::prompts::tokens::{chunk_items, estimate_tokens, truncate_to_tokens, ContextBudget};

/// The budget of a theme-analysis request: `prompt` is the text around the verbatims.
pub fn theme_budget(context_window: usize, prompt: &str, reserved_output: usize) -> ContextBudget {
    ContextBudget {
        context_window,
        reserved_output,
        prompt_overhead: estimate_tokens(prompt),
    }
}

/// Verbatims `(id, text)` as prompt blocks of `[id] text` lines, each block within the
/// budget; a verbatim too long for any block is shortened. `FbErrWindowTooSmall` when the
/// budget cannot hold even an id.
pub fn verbatim_chunks(
    verbatims: &[(&str, &str)],
    budget: &ContextBudget,
) -> Result<Vec<String>, Msg> {
    let limit = budget.item_tokens();
    let mut lines = Vec::with_capacity(verbatims.len());
    for (id, text) in verbatims {
        let prefix = format!("[{id}] ");
        let line = format!(
            "{prefix}{}\n",
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        let cut = truncate_to_tokens(&line, limit);
        if cut.len() < prefix.len() {
            return Err(Msg::FbErrWindowTooSmall);
        }
        lines.push(cut.to_string());
    }
    Ok(chunk_items(&lines, budget)
        .into_iter()
        .map(|range| lines[range].concat().trim_end().to_string())
        .collect())
}

/// Why a model's answer could not be used; `ids` lists unknown item ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerError {
    pub message: Msg,
    pub ids: Vec<String>,
}

impl AnswerError {
    fn new(message: Msg) -> Self {
        Self {
            message,
            ids: Vec::new(),
        }
    }

    /// The error as shown to the user.
    pub fn text(&self, lang: Lang) -> String {
        self.message.fill(lang, &[("ids", &self.ids.join(", "))])
    }
}

/// The JSON object of an answer: the first fenced block that holds one, else the text from
/// the first `{` to the last `}`.
fn json_block(answer: &str) -> Option<&str> {
    let mut rest = answer;
    while let Some(start) = rest.find("```") {
        let after = &rest[start + 3..];
        let body = after.find('\n').map_or("", |i| &after[i + 1..]);
        let end = body.find("```").unwrap_or(body.len());
        let block = body[..end].trim();
        if block.starts_with(['{', '[']) {
            return Some(block);
        }
        rest = &body[(end + 3).min(body.len())..];
    }
    let start = answer.find('{')?;
    let end = answer.rfind('}')?;
    (end > start).then(|| &answer[start..=end])
}

/// Reads `{"themes":[{"name","description","item_ids":[...]}]}` (fenced or bare) from a
/// model's answer. Every id must be one of `known_ids`; ids repeated in a theme count once.
pub fn parse_theme_answer(
    answer: &str,
    known_ids: &[&str],
) -> Result<Vec<ThemeDraft>, AnswerError> {
    let block = json_block(answer).ok_or(AnswerError::new(Msg::FbErrNoJson))?;
    let value: Value =
        serde_json::from_str(block).map_err(|_| AnswerError::new(Msg::FbErrBadJson))?;
    let list = match &value {
        Value::Array(list) => Some(list),
        _ => value.get("themes").and_then(Value::as_array),
    };
    let shape = AnswerError::new(Msg::FbErrThemeShape);
    let mut themes = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    for theme in list.ok_or(shape.clone())? {
        let name = theme
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim();
        let ids = theme.get("item_ids").and_then(Value::as_array);
        let (false, Some(ids)) = (name.is_empty(), ids) else {
            return Err(shape);
        };
        let mut item_ids: Vec<String> = Vec::new();
        for id in ids {
            let id = match id {
                Value::String(s) => s.trim().to_string(),
                Value::Number(n) => n.to_string(),
                _ => return Err(shape),
            };
            if !known_ids.contains(&id.as_str()) {
                unknown.push(id);
            } else if !item_ids.contains(&id) {
                item_ids.push(id);
            }
        }
        themes.push(ThemeDraft {
            name: name.to_string(),
            description: theme
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .trim()
                .to_string(),
            item_ids,
        });
    }
    if !unknown.is_empty() {
        sorting::sort(&mut unknown);
        unknown.dedup();
        return Err(AnswerError {
            message: Msg::FbErrUnknownIds,
            ids: unknown,
        });
    }
    if themes.is_empty() {
        return Err(AnswerError::new(Msg::FbErrNoThemes));
    }
    Ok(themes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(context_window: usize) -> ContextBudget {
        theme_budget(context_window, "", 0)
    }

    fn draft(name: &str, ids: &[&str]) -> ThemeDraft {
        ThemeDraft {
            name: name.into(),
            description: String::new(),
            item_ids: ids.iter().map(|i| i.to_string()).collect(),
        }
    }

    #[test]
    fn budget_leaves_room_for_prompt_and_answer() {
        let b = theme_budget(8192, &"word".repeat(100), 1024);
        assert_eq!(b.prompt_overhead, 100);
        assert_eq!(b.item_tokens(), 7068 - 706);
    }

    #[test]
    fn verbatims_are_packed_as_id_lines_within_the_budget() {
        // "[F-00] " + 32 characters + newline = 40 characters = 10 tokens; 90 fit per chunk.
        let ids: Vec<String> = (0..25).map(|i| format!("F-{i:02}")).collect();
        let text = "x".repeat(32);
        let verbatims: Vec<(&str, &str)> =
            ids.iter().map(|i| (i.as_str(), text.as_str())).collect();
        let chunks = verbatim_chunks(&verbatims, &budget(100)).unwrap();
        assert_eq!(
            chunks.iter().map(|c| c.lines().count()).collect::<Vec<_>>(),
            [9, 9, 7]
        );
        assert!(chunks[1].starts_with("[F-09] xxx"));
        assert!(chunks[2].ends_with(&format!("[F-24] {text}")));
        assert!(chunks.iter().all(|c| estimate_tokens(c) <= 90));
    }

    #[test]
    fn verbatims_become_single_lines_and_long_ones_are_shortened() {
        let long = "导出报表太慢了".repeat(20);
        let verbatims = [("a", "slow\n  export"), ("big", long.as_str())];
        let chunks = verbatim_chunks(&verbatims, &budget(50)).unwrap();
        assert_eq!(chunks[0], "[a] slow export");
        assert!(chunks[1].starts_with("[big] 导出"));
        assert!(estimate_tokens(&chunks[1]) <= 45);
    }

    #[test]
    fn a_window_too_small_is_an_error() {
        let too_small = theme_budget(1000, "", 1000);
        assert_eq!(
            verbatim_chunks(&[("a", "text")], &too_small),
            Err(Msg::FbErrWindowTooSmall)
        );
        assert_eq!(verbatim_chunks(&[], &too_small), Ok(vec![]));
    }

    const KNOWN: &[&str] = &["F-1", "F-2", "F-3", "7"];

    #[test]
    fn fenced_json_is_read_from_the_answer() {
        let answer = "Here are the themes:\n```json\n{\"themes\":[{\"name\":\" Slow exports \",\"description\":\"Exports time out\",\"item_ids\":[\"F-1\",\"F-2\",\"F-1\"]}]}\n```\nHope this helps.";
        assert_eq!(
            parse_theme_answer(answer, KNOWN),
            Ok(vec![ThemeDraft {
                name: "Slow exports".into(),
                description: "Exports time out".into(),
                item_ids: vec!["F-1".into(), "F-2".into()],
            }])
        );
    }

    #[test]
    fn bare_json_plain_fences_lists_and_numeric_ids_are_read() {
        let bare = "Themes: {\"themes\":[{\"name\":\"登录失败\",\"item_ids\":[\"F-3\"]}]} done";
        assert_eq!(parse_theme_answer(bare, KNOWN).unwrap()[0].name, "登录失败");
        let plain = "```text\nnot this\n```\n```\n[{\"name\":\"SSO\",\"item_ids\":[7]}]\n```";
        assert_eq!(
            parse_theme_answer(plain, KNOWN).unwrap(),
            [draft("SSO", &["7"])]
        );
    }

    #[test]
    fn unusable_answers_get_a_clear_error() {
        let error = |answer: &str| parse_theme_answer(answer, KNOWN).unwrap_err().message;
        assert_eq!(error("I could not find any themes."), Msg::FbErrNoJson);
        assert_eq!(error("```json\n{themes: [}\n```"), Msg::FbErrBadJson);
        assert_eq!(error("{\"topics\":[]}"), Msg::FbErrThemeShape);
        assert_eq!(
            error("{\"themes\":[{\"item_ids\":[\"F-1\"]}]}"),
            Msg::FbErrThemeShape
        );
        assert_eq!(
            error("{\"themes\":[{\"name\":\"x\"}]}"),
            Msg::FbErrThemeShape
        );
        assert_eq!(
            error("{\"themes\":[{\"name\":\"x\",\"item_ids\":[null]}]}"),
            Msg::FbErrThemeShape
        );
        assert_eq!(error("{\"themes\":[]}"), Msg::FbErrNoThemes);
    }

    #[test]
    fn unknown_ids_are_named_in_the_error() {
        let answer = "{\"themes\":[{\"name\":\"a\",\"item_ids\":[\"F-9\",\"F-1\"]},{\"name\":\"b\",\"item_ids\":[\"F-10\",\"F-9\"]}]}";
        let e = parse_theme_answer(answer, KNOWN).unwrap_err();
        assert_eq!(e.ids, ["F-10", "F-9"]);
        assert_eq!(
            e.text(Lang::En),
            "The answer names items that were not sent: F-10, F-9."
        );
        assert_eq!(
            e.text(Lang::Zh),
            "回答中引用了未发送的反馈编号：F-10, F-9。"
        );
    }
}
