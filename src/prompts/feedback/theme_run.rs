//! The theme analysis run, as pure code: which feedback items are analysed, the short
//! references (`F1`, `F2`, …) their verbatims are sent under, the chunks those verbatims are
//! packed into for a connection's context window and output limit, the system and user
//! messages of one chunk's request (asking for the JSON block `parse_theme_answer` reads),
//! reading a chunk's answer back into item ids, and the theme links saved after the review.

use std::ops::Range;

use chrono::{DateTime, Utc};

use crate::domain::feedback::themes::ThemeDraft;
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::i18n::{Lang, Msg};
use crate::prompts::feedback::theme_chunks::{
    parse_theme_answer, theme_budget, verbatim_chunks, AnswerError,
};
use crate::prompts::tokens::ContextBudget;

/// Tokens reserved for a chunk's answer when the connection sets no output limit (the
/// limit `llm::request` sends to Anthropic in that case).
pub const DEFAULT_ANSWER_TOKENS: usize = 4096;
/// Answer tokens kept for theme names, descriptions and the JSON around the ids.
const ANSWER_OVERHEAD_TOKENS: usize = 600;
/// Answer tokens one item id costs (`"F123", `).
const TOKENS_PER_ID: usize = 4;
/// A chunk holds at least this many items, however small the output limit.
const MIN_CHUNK_ITEMS: usize = 10;

/// The form of the JSON block the answer must contain, the same in every language.
const ANSWER_FORM: &str = "```json\n{\"themes\": [{\"name\": \"…\", \"description\": \"…\", \"item_ids\": [\"F1\", \"F4\"]}]}\n```";

/// The items a theme analysis covers, in their stored order: every item with a verbatim, or
/// (`unthemed_only`) only those linked to none of `themes`.
pub fn items_in_scope<'a>(
    items: &'a [FeedbackItem],
    themes: &[Theme],
    unthemed_only: bool,
) -> Vec<&'a FeedbackItem> {
    items
        .iter()
        .filter(|i| !i.verbatim.trim().is_empty())
        .filter(|i| {
            !unthemed_only
                || !i
                    .theme_ids
                    .iter()
                    .any(|id| themes.iter().any(|t| &t.id == id))
        })
        .collect()
}

/// The reference the verbatim at `index` (from 0) of the analysed items is sent under.
pub fn reference(index: usize) -> String {
    format!("F{}", index + 1)
}

/// The index a reference stands for; `None` for text that is not a reference.
pub fn index_of(reference: &str) -> Option<usize> {
    let digits = reference.strip_prefix('F')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<usize>().ok()?.checked_sub(1)
}

/// The instructions of every chunk's request, in the output language `lang`.
pub fn system_message(lang: Lang) -> String {
    format!(
        "{}\n\n{}\n\n{ANSWER_FORM}",
        Msg::FtPromptRole.text(lang),
        Msg::FtPromptRules.text(lang)
    )
}

/// The user message of one chunk: its `[reference] verbatim` lines.
pub fn user_message(lang: Lang, chunk: &str) -> String {
    format!("{}\n\n{chunk}", Msg::FtPromptItems.text(lang))
}

/// What a chunk may hold for a model with `context_window` tokens whose answers are limited
/// to `max_output` tokens (`None`: the provider's default, taken as
/// `DEFAULT_ANSWER_TOKENS`). At most half the window is kept for the answer.
pub fn chunk_budget(lang: Lang, context_window: u32, max_output: Option<u32>) -> ContextBudget {
    let window = context_window as usize;
    let reserved = max_output
        .map_or(DEFAULT_ANSWER_TOKENS, |m| m as usize)
        .min(window / 2);
    let around = format!("{}{}", system_message(lang), user_message(lang, ""));
    theme_budget(window, &around, reserved)
}

/// How many items one answer can list the ids of within its output budget.
fn answer_capacity(budget: &ContextBudget) -> usize {
    (budget
        .reserved_output
        .saturating_sub(ANSWER_OVERHEAD_TOKENS)
        / TOKENS_PER_ID)
        .max(MIN_CHUNK_ITEMS)
}

/// One request's worth of verbatims: the range of the analysed items it holds and its
/// `[reference] verbatim` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub items: Range<usize>,
    pub text: String,
}

impl Chunk {
    /// The references of the chunk's items, the only ids its answer may use.
    pub fn references(&self) -> Vec<String> {
        self.items.clone().map(reference).collect()
    }
}

/// The analysed verbatims (in order) packed into chunks: each fits the budget's context
/// window (`verbatim_chunks`) and lists no more items than an answer has room for.
pub fn plan_chunks(verbatims: &[&str], budget: &ContextBudget) -> Result<Vec<Chunk>, Msg> {
    let refs: Vec<String> = (0..verbatims.len()).map(reference).collect();
    let pairs: Vec<(&str, &str)> = refs
        .iter()
        .zip(verbatims)
        .map(|(r, v)| (r.as_str(), *v))
        .collect();
    let capacity = answer_capacity(budget);
    let mut chunks = Vec::new();
    let mut start = 0;
    // Every verbatim is one line of its chunk (whitespace is collapsed).
    for text in verbatim_chunks(&pairs, budget)? {
        let lines: Vec<&str> = text.split('\n').collect();
        for part in lines.chunks(capacity) {
            chunks.push(Chunk {
                items: start..start + part.len(),
                text: part.join("\n"),
            });
            start += part.len();
        }
    }
    Ok(chunks)
}

/// Reads a chunk's answer with `parse_theme_answer` and turns the references back into the
/// ids of `ids` (the analysed items' ids, in order).
pub fn read_answer(
    answer: &str,
    chunk: &Chunk,
    ids: &[String],
) -> Result<Vec<ThemeDraft>, AnswerError> {
    let refs = chunk.references();
    let known: Vec<&str> = refs.iter().map(String::as_str).collect();
    let mut themes = parse_theme_answer(answer, &known)?;
    for theme in &mut themes {
        theme.item_ids = theme
            .item_ids
            .iter()
            .filter_map(|r| ids.get(index_of(r)?).cloned())
            .collect();
    }
    Ok(themes)
}

/// The items whose theme links change when each `(theme id, item ids)` of `links` is
/// saved: a link is added to an item once; links already there are kept. Changed items get
/// `now` as their update time. In the order of `items`.
pub fn link_items(
    items: &[FeedbackItem],
    links: &[(String, Vec<String>)],
    now: DateTime<Utc>,
) -> Vec<FeedbackItem> {
    items
        .iter()
        .filter_map(|item| {
            let mut changed = item.clone();
            for (theme, members) in links {
                if members.contains(&item.id) && !changed.theme_ids.contains(theme) {
                    changed.theme_ids.push(theme.clone());
                }
            }
            (changed.theme_ids != item.theme_ids).then(|| {
                changed.updated_at = now;
                changed
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompts::tokens::estimate_tokens;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn item(id: &str, verbatim: &str, themes: &[&str]) -> FeedbackItem {
        let mut item = FeedbackItem::new(id.into(), now());
        item.verbatim = verbatim.into();
        item.theme_ids = themes.iter().map(|t| t.to_string()).collect();
        item
    }

    fn theme(id: &str) -> Theme {
        Theme {
            id: id.into(),
            name: id.into(),
            description: String::new(),
            created_at: now(),
        }
    }

    #[test]
    fn scope_is_items_with_a_verbatim_optionally_without_a_live_theme() {
        let items = [
            item("a", "Slow exports", &[]),
            item("b", "  ", &[]),
            item("c", "Login fails", &["t1"]),
            item("d", "SSO please", &["gone"]),
        ];
        let ids = |v: Vec<&FeedbackItem>| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        let themes = [theme("t1")];
        assert_eq!(ids(items_in_scope(&items, &themes, false)), ["a", "c", "d"]);
        assert_eq!(ids(items_in_scope(&items, &themes, true)), ["a", "d"]);
    }

    #[test]
    fn references_round_trip() {
        assert_eq!(reference(0), "F1");
        assert_eq!(reference(41), "F42");
        for i in [0, 9, 10, 12345] {
            assert_eq!(index_of(&reference(i)), Some(i));
        }
        for bad in ["F0", "F", "f1", "1", "F1x", "F-1", "F+1", "G12"] {
            assert_eq!(index_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn messages_ask_for_the_json_block_in_the_output_language() {
        for lang in Lang::ALL {
            let system = system_message(lang);
            assert!(system.contains("\"themes\""), "{system}");
            assert!(system.contains("\"item_ids\": [\"F1\", \"F4\"]"));
            assert!(system.contains("```json"));
            let user = user_message(lang, "[F1] Slow exports");
            assert!(user.ends_with("\n\n[F1] Slow exports"));
        }
        assert!(system_message(Lang::En).contains("in English"));
        assert!(system_message(Lang::Zh).contains("简体中文"));
        // The form shown to the model is one `parse_theme_answer` reads.
        let form = ANSWER_FORM.replace('…', "x");
        let themes = parse_theme_answer(&form, &["F1", "F4"]).unwrap();
        assert_eq!(themes[0].item_ids, ["F1", "F4"]);
    }

    #[test]
    fn the_budget_counts_the_messages_and_keeps_room_for_the_answer() {
        let b = chunk_budget(Lang::En, 128_000, None);
        assert_eq!(b.reserved_output, DEFAULT_ANSWER_TOKENS);
        assert_eq!(
            b.prompt_overhead,
            estimate_tokens(&(system_message(Lang::En) + &user_message(Lang::En, "")))
        );
        assert_eq!(
            chunk_budget(Lang::En, 128_000, Some(900)).reserved_output,
            900
        );
        let zh = chunk_budget(Lang::Zh, 2_048, None);
        assert_eq!(zh.reserved_output, 1_024);
        assert_eq!(
            zh.prompt_overhead,
            estimate_tokens(&(system_message(Lang::Zh) + &user_message(Lang::Zh, "")))
        );
    }

    #[test]
    fn chunks_cover_every_item_once_within_window_and_answer_room() {
        let texts: Vec<String> = (0..500)
            .map(|i| format!("The export of report {i} is slow\nagain"))
            .collect();
        let verbatims: Vec<&str> = texts.iter().map(String::as_str).collect();
        // A large window: the answer's room (4096 → 874 ids) is not the limit here, the
        // window is.
        let budget = chunk_budget(Lang::En, 8_192, None);
        let chunks = plan_chunks(&verbatims, &budget).unwrap();
        assert!(chunks.len() > 1);
        let mut next = 0;
        for chunk in &chunks {
            assert_eq!(chunk.items.start, next);
            assert_eq!(chunk.text.lines().count(), chunk.items.len());
            assert!(estimate_tokens(&chunk.text) <= budget.item_tokens());
            assert!(chunk
                .text
                .starts_with(&format!("[{}] The export", reference(next))));
            next = chunk.items.end;
        }
        assert_eq!(next, 500);
        // A small output limit caps the items per chunk, whatever the window.
        let tight = chunk_budget(Lang::En, 1_000_000, Some(1_000));
        let chunks = plan_chunks(&verbatims, &tight).unwrap();
        assert_eq!(
            chunks.iter().map(|c| c.items.len()).collect::<Vec<_>>(),
            [100, 100, 100, 100, 100]
        );
        assert_eq!(chunks[1].references()[0], "F101");
        assert!(plan_chunks(&[], &budget).unwrap().is_empty());
    }

    #[test]
    fn a_window_too_small_for_the_prompt_is_reported() {
        let budget = ContextBudget {
            context_window: 10,
            reserved_output: 0,
            prompt_overhead: 9,
        };
        assert_eq!(
            plan_chunks(&["导出很慢"], &budget),
            Err(Msg::FbErrWindowTooSmall)
        );
    }

    #[test]
    fn answers_come_back_as_item_ids() {
        let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let chunk = Chunk {
            items: 2..4,
            text: "[F3] x\n[F4] y".into(),
        };
        let answer =
            "```json\n{\"themes\":[{\"name\":\"Exports\",\"item_ids\":[\"F4\",\"F3\"]}]}\n```";
        let themes = read_answer(answer, &chunk, &ids).unwrap();
        assert_eq!(themes[0].item_ids, ["d", "c"]);
        let wrong = "{\"themes\":[{\"name\":\"Exports\",\"item_ids\":[\"F1\"]}]}";
        let error = read_answer(wrong, &chunk, &ids).unwrap_err();
        assert_eq!(
            (error.message, error.ids),
            (Msg::FbErrUnknownIds, vec!["F1".to_string()])
        );
    }

    #[test]
    fn links_are_added_once_and_only_changed_items_returned() {
        let items = [
            item("a", "x", &["old"]),
            item("b", "y", &[]),
            item("c", "z", &["t1"]),
        ];
        let later = now() + chrono::Duration::hours(1);
        let links = vec![
            ("t1".to_string(), vec!["a".to_string(), "c".to_string()]),
            ("t2".to_string(), vec!["a".to_string()]),
        ];
        let changed = link_items(&items, &links, later);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].id, "a");
        assert_eq!(changed[0].theme_ids, ["old", "t1", "t2"]);
        assert_eq!(changed[0].updated_at, later);
    }
}
