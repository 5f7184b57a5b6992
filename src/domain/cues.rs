//! Cue-word matching shared by the rule tables (escalation type and severity, onboarding
//! tier): a cue ending in `*` matches any word starting with it; other Latin cues match whole
//! words only; Chinese cues match anywhere. The text is ASCII-lowercased by the caller.

/// A rule's cue words.
pub type Cues = &'static [&'static str];

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
    fn chinese_cues_match_anywhere() {
        assert!(matches("系统宕机两天", "宕机"));
        assert_eq!(hits("系统宕机，数据丢失", &["宕机", "数据丢失", "退款"]), 2);
    }
}
