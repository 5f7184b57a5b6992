//! Feedback themes proposed for review: chunk results merged into at most 8 themes, and a
//! local keyword grouping (stop words EN+ZH) that needs no model.

use crate::domain::sorting;
use crate::i18n::{Lang, Msg};

/// At most this many themes come out of a merge or a keyword grouping.
pub const MAX_THEMES: usize = 8;

/// A proposed theme with the ids of its items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeDraft {
    pub name: String,
    pub description: String,
    pub item_ids: Vec<String>,
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
