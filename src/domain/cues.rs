//! Cue-word matching shared by the rule tables (escalation type and severity, onboarding
//! tier): a cue ending in `*` matches any word starting with it; other Latin cues match whole
//! words only; Chinese cues match anywhere. The text is ASCII-lowercased by the caller.

/// A rule's cue words, written with `cues!`: one string with the cues joined by `|`, so a
/// table costs its text and no pointer per cue.
#[derive(Clone, Copy, Debug)]
pub struct Cues(&'static str);

impl Cues {
    /// Cues already joined by `|` (what `cues!` writes).
    pub const fn joined(cues: &'static str) -> Self {
        Self(cues)
    }

    /// Each cue, in table order.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.0.split_terminator('|')
    }
}

/// A `Cues` table from its cue words: `cues!["refund*", "退款"]`. A cue may not contain `|`.
macro_rules! cues {
    ($($cue:literal),* $(,)?) => {
        $crate::domain::cues::Cues::joined(concat!($($cue, "|"),*))
    };
}
pub(crate) use cues;

/// Letters, digits and the apostrophe of "won't" make up words.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\''
}

/// Whether `cue` occurs in `text` (already ASCII-lowercased).
pub fn matches(text: &str, cue: &str) -> bool {
    let (needle, prefix) = match cue.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (cue, false),
    };
    if !needle.is_ascii() {
        return text.contains(needle);
    }
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        before.is_none_or(|c| !is_word_char(c))
            && (prefix || after.is_none_or(|c| !is_word_char(c)))
    })
}

/// How many of `cues` occur in `text`.
pub fn hits(text: &str, cues: Cues) -> usize {
    cues.iter().filter(|cue| matches(text, cue)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_cues_match_whole_words_or_prefixes() {
        assert!(matches("the app is down again", "down"));
        assert!(!matches("a downgrade", "down"));
        assert!(matches("we will terminate", "terminat*"));
        assert!(matches("termination notice", "terminat*"));
        assert!(!matches("exterminate", "terminat*"));
        assert!(matches("we won't renew", "won't renew"));
        assert!(!matches("our group's policy", "group"));
    }

    #[test]
    fn a_table_lists_its_cues_in_order() {
        let table = cues!["refund*", "won't renew", "退款"];
        assert_eq!(
            table.iter().collect::<Vec<_>>(),
            ["refund*", "won't renew", "退款"]
        );
        assert_eq!(cues![].iter().count(), 0);
    }

    #[test]
    fn chinese_cues_match_anywhere() {
        assert!(matches("系统宕机两天", "宕机"));
        assert_eq!(
            hits("系统宕机，数据丢失", cues!["宕机", "数据丢失", "退款"]),
            2
        );
    }
}
