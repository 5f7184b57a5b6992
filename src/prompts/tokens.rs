//! Token estimates without a tokenizer, and sizing of prompt chunks so that a batch of items
//! (e.g. feedback verbatims with their ids) fits the model's context window.
//!
//! The estimate rule: every CJK character (Han, kana, Hangul, CJK and full-width punctuation)
//! counts as one token; all other characters, spaces included, count as a quarter token
//! (about four characters of English per token); the total is rounded up. Real tokenizers vary
//! by model, so chunk sizing keeps a safety margin on top.

use std::ops::Range;

/// Share of the free context kept unused, for the estimate's error (in percent).
const SAFETY_MARGIN_PERCENT: usize = 10;

/// Estimated tokens in `text`, by the rule in the module documentation.
pub fn estimate_tokens(text: &str) -> usize {
    let (cjk, other) = text.chars().fold((0_usize, 0_usize), |(cjk, other), c| {
        if is_cjk(c) {
            (cjk + 1, other)
        } else {
            (cjk, other + 1)
        }
    });
    cjk + other.div_ceil(4)
}

/// The longest prefix of `text` (cut at a character boundary) estimated at no more than
/// `max_tokens`, for an item too long to fit any chunk.
pub fn truncate_to_tokens(text: &str, max_tokens: usize) -> &str {
    let mut cjk = 0_usize;
    let mut other = 0_usize;
    for (at, c) in text.char_indices() {
        if is_cjk(c) {
            cjk += 1;
        } else {
            other += 1;
        }
        if cjk + other.div_ceil(4) > max_tokens {
            return &text[..at];
        }
    }
    text
}

/// What has to fit in the model's context window besides the items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContextBudget {
    /// The model's context window, in tokens.
    pub context_window: usize,
    /// Tokens reserved for the answer (the request's output limit).
    pub reserved_output: usize,
    /// Estimated tokens of the instructions and template around the items.
    pub prompt_overhead: usize,
}

impl ContextBudget {
    /// Tokens left for items in one request, after the safety margin; 0 if nothing is left.
    pub fn item_tokens(&self) -> usize {
        let free = self
            .context_window
            .saturating_sub(self.reserved_output)
            .saturating_sub(self.prompt_overhead);
        free - free * SAFETY_MARGIN_PERCENT / 100
    }
}

/// Splits `items` (each as it will appear in the prompt) into consecutive chunks whose
/// estimated size stays within `budget.item_tokens()`, keeping the items' order. Every item
/// is in exactly one chunk; an item that alone exceeds the budget gets a chunk of its own
/// (shorten such items first with `truncate_to_tokens`). No items, no chunks.
pub fn chunk_items<T: AsRef<str>>(items: &[T], budget: &ContextBudget) -> Vec<Range<usize>> {
    let limit = budget.item_tokens();
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (index, item) in items.iter().enumerate() {
        let cost = estimate_tokens(item.as_ref());
        if index > start && used + cost > limit {
            chunks.push(start..index);
            start = index;
            used = 0;
        }
        used += cost;
    }
    if start < items.len() {
        chunks.push(start..items.len());
    }
    chunks
}

/// Characters that tokenizers typically encode as about one token each.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'     // Hangul Jamo
        | '\u{2E80}'..='\u{2FDF}'   // CJK and Kangxi radicals
        | '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3100}'..='\u{31FF}'   // Bopomofo, Hangul compatibility Jamo, Kanbun
        | '\u{3200}'..='\u{4DBF}'   // enclosed CJK, compatibility, Extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK Unified Ideographs
        | '\u{A960}'..='\u{A97F}'   // Hangul Jamo Extended-A
        | '\u{AC00}'..='\u{D7AF}'   // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'   // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}'   // half-width and full-width forms
        | '\u{20000}'..='\u{3FFFF}' // supplementary ideographs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(context_window: usize) -> ContextBudget {
        ContextBudget {
            context_window,
            reserved_output: 0,
            prompt_overhead: 0,
        }
    }

    #[test]
    fn latin_text_is_about_four_characters_per_token() {
        assert_eq!(estimate_tokens(""), 0);
        assert_eq!(estimate_tokens("a"), 1);
        assert_eq!(estimate_tokens("abcd"), 1);
        assert_eq!(estimate_tokens("abcde"), 2);
        assert_eq!(estimate_tokens(&"word ".repeat(100)), 125);
    }

    #[test]
    fn cjk_characters_are_one_token_each() {
        assert_eq!(estimate_tokens("客户很生气"), 5);
        assert_eq!(estimate_tokens("お客様"), 3);
        assert_eq!(estimate_tokens("고객"), 2);
        assert_eq!(estimate_tokens("，。！"), 3);
        assert_eq!(estimate_tokens("𠀀"), 1);
    }

    #[test]
    fn mixed_text_adds_both_rules() {
        // 4 CJK characters + "NPS " and " 9/10" (9 characters → 3 tokens).
        assert_eq!(estimate_tokens("NPS 评分很高 9/10"), 4 + 3);
    }

    #[test]
    fn truncation_respects_the_estimate_and_character_boundaries() {
        let text = "客户说：the product is slow";
        for max in 0..=estimate_tokens(text) + 1 {
            let cut = truncate_to_tokens(text, max);
            assert!(text.starts_with(cut));
            assert!(estimate_tokens(cut) <= max, "max {max}: {cut:?}");
            if cut.len() < text.len() {
                let longer =
                    &text[..cut.len() + text[cut.len()..].chars().next().unwrap().len_utf8()];
                assert!(
                    estimate_tokens(longer) > max,
                    "max {max}: {cut:?} is not the longest"
                );
            }
        }
        assert_eq!(truncate_to_tokens(text, 1000), text);
        assert_eq!(truncate_to_tokens(text, 0), "");
    }

    #[test]
    fn item_budget_subtracts_output_overhead_and_margin() {
        let budget = ContextBudget {
            context_window: 8192,
            reserved_output: 1024,
            prompt_overhead: 168,
        };
        assert_eq!(budget.item_tokens(), 7000 - 700);
        let too_small = ContextBudget {
            context_window: 1000,
            reserved_output: 900,
            prompt_overhead: 200,
        };
        assert_eq!(too_small.item_tokens(), 0);
    }

    #[test]
    fn items_are_packed_in_order_within_the_budget() {
        // 40 characters = 10 tokens each; a 100-token window leaves 90 after the margin.
        let items: Vec<String> = (0..25)
            .map(|i| format!("[F-{i:02}] {}", "x".repeat(33)))
            .collect();
        assert!(items.iter().all(|i| estimate_tokens(i) == 10));
        let chunks = chunk_items(&items, &budget(100));
        assert_eq!(chunks, [0..9, 9..18, 18..25]);
    }

    #[test]
    fn every_chunk_fits_and_every_item_is_used_once() {
        let items: Vec<String> = (0..200)
            .map(|i| match i % 3 {
                0 => "客户反馈：导出报表太慢了".repeat(i % 7 + 1),
                1 => format!("#{i} The dashboard times out {}", "again ".repeat(i % 11)),
                _ => "ok".to_string(),
            })
            .collect();
        let budget = budget(300);
        let chunks = chunk_items(&items, &budget);
        let mut next = 0;
        for chunk in &chunks {
            assert_eq!(chunk.start, next);
            assert!(chunk.end > chunk.start);
            let total: usize = items[chunk.clone()]
                .iter()
                .map(|i| estimate_tokens(i))
                .sum();
            assert!(total <= budget.item_tokens(), "{chunk:?} holds {total}");
            next = chunk.end;
        }
        assert_eq!(next, items.len());
    }

    #[test]
    fn an_oversized_item_gets_its_own_chunk() {
        let items = ["short", &"long text ".repeat(100), "short"];
        assert_eq!(chunk_items(&items, &budget(50)), [0..1, 1..2, 2..3]);
    }

    #[test]
    fn no_items_no_chunks() {
        let items: [&str; 0] = [];
        assert!(chunk_items(&items, &budget(1000)).is_empty());
    }
}
