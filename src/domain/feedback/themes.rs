//! Theme analysis support: verbatims packed into prompt chunks that fit a model's context
//! window, the JSON block of a model's answer read and checked, chunk results merged into at
//! most 8 themes, and a local keyword grouping (stop words EN+ZH) that needs no model.

use serde_json::Value;

use crate::domain::sorting;
use crate::i18n::{Lang, Msg};
use crate::prompts::tokens::{chunk_items, estimate_tokens, truncate_to_tokens, ContextBudget};

/// At most this many themes come out of a merge or a keyword grouping.
pub const MAX_THEMES: usize = 8;

/// A proposed theme with the ids of its items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeDraft {
    pub name: String,
    pub description: String,
    pub item_ids: Vec<String>,
}

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

const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "bad", "be",
    "because", "been", "being", "but", "by", "can", "cant", "could", "did", "didn", "do", "does",
    "doesn", "don", "dont", "even", "every", "for", "from", "get", "go", "good", "great", "had",
    "has", "have", "he", "if", "in", "into", "is", "isn", "it", "its", "just", "like", "lot",
    "love", "make", "me", "more", "much", "my", "need", "never", "nice", "no", "not", "of", "ok",
    "on", "one", "only", "or", "our", "out", "please", "product", "really", "should", "so", "some",
    "still", "than", "thank", "thanks", "that", "the", "their", "them", "then", "there", "they",
    "thing", "this", "to", "too", "up", "us", "use", "using", "very", "want", "was", "we", "well",
    "were", "what", "when", "which", "will", "with", "would", "you", "your",
];

/// Characters that make a Chinese pair of characters a non-term.
const STOP_CHARS: &str = "的了是我们你他她它很不在有和也就都太这那个吗呢吧啊还会要能说对让给与及或但而被把从到一非常得地着过为么什怎样些";

/// Content terms of a text: ASCII words (lower-case, plural `s` dropped, stop words out) and
/// pairs of adjacent Chinese characters without a stop character; each term once.
fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lower = text.to_ascii_lowercase();
    for word in lower.split(|c: char| !c.is_ascii_alphanumeric()) {
        let word = match word.strip_suffix('s') {
            Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem,
            _ => word,
        };
        if word.len() >= 2 && !STOP_WORDS.contains(&word) {
            out.push(word.to_string());
        }
    }
    let chars: Vec<char> = lower.chars().collect();
    for pair in chars.windows(2) {
        if pair.iter().all(|c| is_han(*c) && !STOP_CHARS.contains(*c)) {
            out.push(pair.iter().collect());
        }
    }
    sorting::sort(&mut out);
    out.dedup();
    out
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Likeness of two theme names in thousandths: 1000 for the same name (ignoring case,
/// spaces and punctuation) or one inside the other (at least 4 letters, or 2 Chinese
/// characters), else the share of shared terms (Dice).
fn likeness(a: &str, b: &str) -> usize {
    let key = |s: &str| -> String {
        s.to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let (ka, kb) = (key(a), key(b));
    let (short, long) = if ka.len() <= kb.len() {
        (&ka, &kb)
    } else {
        (&kb, &ka)
    };
    let min = if short.is_ascii() { 4 } else { 2 };
    if short == long || (short.chars().count() >= min && long.contains(short.as_str())) {
        return 1000;
    }
    let (ta, tb) = (terms(a), terms(b));
    let shared = ta.iter().filter(|t| tb.contains(t)).count();
    let total = ta.len() + tb.len();
    (shared * 2000).checked_div(total).unwrap_or(0)
}

/// Adds `from`'s items (and its description, if `into` has none) to `into`.
fn absorb(into: &mut ThemeDraft, from: ThemeDraft) {
    if into.description.is_empty() {
        into.description = from.description;
    }
    for id in from.item_ids {
        if !into.item_ids.contains(&id) {
            into.item_ids.push(id);
        }
    }
}

fn by_size(themes: &mut [ThemeDraft]) {
    sorting::sort_by_key(themes, |t| std::cmp::Reverse(t.item_ids.len()));
}

/// Merges the themes of every chunk: names alike (at least half their terms shared) become
/// one theme; while there are more than 8, the smallest joins the theme most like it, or
/// "Other" when none is alike. Largest first.
pub fn merge_themes(chunks: Vec<Vec<ThemeDraft>>, lang: Lang) -> Vec<ThemeDraft> {
    let mut out: Vec<ThemeDraft> = Vec::new();
    for theme in chunks.into_iter().flatten() {
        match out
            .iter_mut()
            .find(|t| likeness(&t.name, &theme.name) >= 500)
        {
            Some(into) => absorb(into, theme),
            None => out.push(theme),
        }
    }
    let other = Msg::FbThemeOther.text(lang);
    while out.len() > MAX_THEMES {
        by_size(&mut out);
        let Some(mut small) = out.pop() else {
            break;
        };
        if small.name == other {
            if let Some(next) = out.pop() {
                absorb(&mut small, next);
            }
            out.push(small);
            continue;
        }
        let best = out
            .iter()
            .enumerate()
            .map(|(i, t)| (likeness(&t.name, &small.name), i))
            .filter(|(score, _)| *score > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, i)| i)
            .or_else(|| out.iter().position(|t| t.name == other));
        match best {
            Some(i) => absorb(&mut out[i], small),
            None => {
                small.name = other.to_string();
                small.description = String::new();
                out.push(small);
            }
        }
    }
    by_size(&mut out);
    out
}

/// A first cut of themes without a model: again and again, the term mentioned by most
/// verbatims not yet grouped (at least two; alphabetical on a tie) takes them; at most 8.
pub fn keyword_themes(verbatims: &[(&str, &str)], lang: Lang) -> Vec<ThemeDraft> {
    let mut pairs: Vec<(String, usize)> = verbatims
        .iter()
        .enumerate()
        .flat_map(|(i, (_, text))| terms(text).into_iter().map(move |t| (t, i)))
        .collect();
    sorting::sort(&mut pairs);
    let mut counted: Vec<(String, Vec<usize>)> = Vec::new();
    for (term, doc) in pairs {
        match counted.last_mut() {
            Some((last, docs)) if *last == term => docs.push(doc),
            _ => counted.push((term, vec![doc])),
        }
    }
    counted.retain(|(_, docs)| docs.len() >= 2);
    let mut grouped = vec![false; verbatims.len()];
    let mut themes = Vec::new();
    while themes.len() < MAX_THEMES {
        let free = |docs: &[usize]| docs.iter().filter(|d| !grouped[**d]).count();
        let best = counted
            .iter()
            .enumerate()
            .map(|(i, (term, docs))| (free(docs), term, i))
            .filter(|(n, _, _)| *n >= 2)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
            .map(|(_, _, i)| i);
        let Some(best) = best else {
            break;
        };
        let (term, docs) = counted.swap_remove(best);
        let mine: Vec<usize> = docs.into_iter().filter(|d| !grouped[*d]).collect();
        for d in &mine {
            grouped[*d] = true;
        }
        themes.push(ThemeDraft {
            description: Msg::FbKeywordThemeDesc.fill(lang, &[("term", &term)]),
            name: term,
            item_ids: mine.iter().map(|d| verbatims[*d].0.to_string()).collect(),
        });
    }
    by_size(&mut themes);
    themes
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

    fn names(themes: &[ThemeDraft]) -> Vec<&str> {
        themes.iter().map(|t| t.name.as_str()).collect()
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

    #[test]
    fn same_or_similar_names_merge_across_chunks() {
        let merged = merge_themes(
            vec![
                vec![
                    draft("Slow exports", &["1", "2"]),
                    draft("Login errors", &["3"]),
                ],
                vec![
                    draft("export is SLOW", &["2", "4"]),
                    draft("报表导出", &["5"]),
                    draft("Pricing", &["6"]),
                ],
                vec![draft("报表导出慢", &["7"]), draft("login  ERRORS", &["8"])],
            ],
            Lang::En,
        );
        assert_eq!(
            merged,
            [
                draft("Slow exports", &["1", "2", "4"]),
                draft("Login errors", &["3", "8"]),
                draft("报表导出", &["5", "7"]),
                draft("Pricing", &["6"]),
            ]
        );
    }

    #[test]
    fn likeness_of_names() {
        assert_eq!(likeness("Slow exports", "slow-EXPORTS!"), 1000);
        assert_eq!(likeness("Export", "Exports too slow"), 1000);
        assert_eq!(likeness("UI", "Build failures"), 0);
        assert_eq!(likeness("SSO", "SSO login"), 666);
        assert_eq!(likeness("登录", "无法登录"), 1000);
        assert_eq!(likeness("", "Pricing"), 0);
        assert_eq!(likeness("Login errors", "Slow login page"), 400);
    }

    #[test]
    fn the_first_description_found_is_kept() {
        let mut a = draft("Exports", &["1"]);
        let mut b = draft("exports", &["2"]);
        b.description = "Slow".into();
        let merged = merge_themes(vec![vec![a.clone()], vec![b]], Lang::En);
        assert_eq!(merged[0].description, "Slow");
        a.description = "First".into();
        let mut c = draft("EXPORTS", &["3"]);
        c.description = "Second".into();
        assert_eq!(
            merge_themes(vec![vec![a, c]], Lang::En)[0].description,
            "First"
        );
    }

    #[test]
    fn over_eight_themes_the_smallest_join_the_most_alike() {
        let mut themes: Vec<ThemeDraft> = [
            "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf",
        ]
        .iter()
        .map(|n| draft(n, &[n, &format!("{n}2")]))
        .collect();
        themes.push(draft("Login errors", &["l1", "l2", "l3"]));
        themes.push(draft("Slow login page", &["s1"]));
        let merged = merge_themes(vec![themes], Lang::En);
        assert_eq!(merged.len(), 8);
        assert_eq!(merged[0], draft("Login errors", &["l1", "l2", "l3", "s1"]));
    }

    #[test]
    fn over_eight_unrelated_themes_fold_into_other() {
        let words = [
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
            "juliet",
        ];
        let themes: Vec<ThemeDraft> = words
            .iter()
            .enumerate()
            .map(|(i, w)| ThemeDraft {
                name: w.to_string(),
                description: String::new(),
                item_ids: (0..10 - i).map(|k| format!("{w}{k}")).collect(),
            })
            .collect();
        let merged = merge_themes(vec![themes], Lang::Zh);
        assert_eq!(
            names(&merged),
            ["alpha", "bravo", "charlie", "delta", "echo", "其他", "foxtrot", "golf"]
        );
        assert_eq!(
            merged[5].item_ids,
            ["juliet0", "india0", "india1", "hotel0", "hotel1", "hotel2"]
        );
    }

    #[test]
    fn keyword_themes_in_english() {
        let verbatims = [
            ("v1", "Exports are slow"),
            ("v2", "The export takes forever"),
            ("v3", "Slow export of reports"),
            ("v4", "Login fails every morning"),
            ("v5", "Cannot login with SSO"),
            ("v6", "Great support team"),
            ("v7", "Support answered fast"),
            ("v8", "Pricing"),
        ];
        let themes = keyword_themes(&verbatims, Lang::En);
        assert_eq!(
            themes,
            [
                ThemeDraft {
                    name: "export".into(),
                    description: "Verbatims that mention \"export\".".into(),
                    item_ids: vec!["v1".into(), "v2".into(), "v3".into()],
                },
                ThemeDraft {
                    name: "login".into(),
                    description: "Verbatims that mention \"login\".".into(),
                    item_ids: vec!["v4".into(), "v5".into()],
                },
                ThemeDraft {
                    name: "support".into(),
                    description: "Verbatims that mention \"support\".".into(),
                    item_ids: vec!["v6".into(), "v7".into()],
                },
            ]
        );
    }

    #[test]
    fn keyword_themes_in_chinese_skip_stop_characters() {
        let verbatims = [
            ("z1", "导出报表太慢"),
            ("z2", "报表导出失败"),
            ("z3", "导出很慢"),
            ("z4", "登录页面很卡"),
            ("z5", "登录总是超时"),
            ("z6", "客服响应很快"),
        ];
        let themes = keyword_themes(&verbatims, Lang::Zh);
        assert_eq!(names(&themes), ["导出", "登录"]);
        assert_eq!(themes[0].item_ids, ["z1", "z2", "z3"]);
        assert_eq!(themes[1].description, "提到“登录”的客户原话。");
    }

    #[test]
    fn terms_drop_stop_words_and_plurals() {
        assert_eq!(
            terms("The reports are SLOW, really slow"),
            ["report", "slow"]
        );
        assert_eq!(terms("Process access is OK"), ["access", "process"]);
        assert_eq!(terms("我们的报表很慢"), ["报表"]);
    }

    #[test]
    fn keyword_themes_stop_at_eight() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("k{}z topic", (b'a' + (i / 2) as u8) as char))
            .collect();
        let verbatims: Vec<(&str, &str)> = texts.iter().map(|t| (t.as_str(), t.as_str())).collect();
        let themes = keyword_themes(&verbatims, Lang::En);
        assert_eq!(names(&themes), ["topic"]);
        let texts: Vec<String> = (0..40)
            .map(|i| format!("k{}z", (b'a' + (i / 2) as u8) as char))
            .collect();
        let verbatims: Vec<(&str, &str)> = texts.iter().map(|t| (t.as_str(), t.as_str())).collect();
        let themes = keyword_themes(&verbatims, Lang::En);
        assert_eq!(themes.len(), 8);
        assert_eq!(
            names(&themes),
            ["kaz", "kbz", "kcz", "kdz", "kez", "kfz", "kgz", "khz"]
        );
        assert!(keyword_themes(&[("a", "alpha"), ("b", "beta")], Lang::En).is_empty());
    }
}
