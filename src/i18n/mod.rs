//! Interface languages and the translation table. Pure: every function takes the language
//! explicitly, so the built-in drafter and native tests use the same strings as the UI.
//! The table macro makes a key without both an English and a Chinese text a compile error.

mod messages;

pub use messages::Msg;

/// An interface (or output) language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh-CN",
        }
    }

    /// The language's own name, shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Zh => "简体中文",
        }
    }

    /// Picks the interface language for a browser language tag (`navigator.language`).
    pub fn from_tag(tag: &str) -> Self {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Self::Zh
        } else {
            Self::En
        }
    }
}

impl Msg {
    /// Replaces `{name}` placeholders in the text with values.
    pub fn fill(self, lang: Lang, args: &[(&str, &str)]) -> String {
        let mut text = self.text(lang).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            out.insert(rest[start + 1..start + len].to_string());
            rest = &rest[start + len..];
        }
        out
    }

    #[test]
    fn every_message_has_non_empty_text_in_both_languages() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                assert!(
                    !msg.text(lang).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for msg in Msg::ALL {
            assert_eq!(
                placeholders(msg.text(Lang::En)),
                placeholders(msg.text(Lang::Zh)),
                "{msg:?}"
            );
        }
    }

    #[test]
    fn chinese_texts_are_translated() {
        let untranslated: Vec<_> = Msg::ALL
            .iter()
            .filter(|m| {
                let zh = m.text(Lang::Zh);
                zh == m.text(Lang::En)
                    && zh.chars().any(|c| c.is_ascii_alphabetic())
                    && !zh.chars().any(|c| c > '\u{2e80}')
            })
            // Product and company names stay as they are in both languages.
            .filter(|m| {
                ![
                    Msg::AppName,
                    Msg::PresetOpenAi,
                    Msg::PresetAzureOpenAi,
                    Msg::PresetOpenRouter,
                    Msg::PresetAnthropic,
                    Msg::PresetGemini,
                ]
                .contains(m)
            })
            .collect();
        assert!(
            untranslated.is_empty(),
            "same text in both languages: {untranslated:?}"
        );
    }

    #[test]
    fn no_text_contains_the_nul_that_separates_the_languages() {
        for msg in Msg::ALL {
            assert!(!msg.text(Lang::En).contains('\0') && !msg.text(Lang::Zh).contains('\0'));
        }
    }

    #[test]
    fn keys_with_the_same_texts_are_different_keys() {
        assert_eq!(
            Msg::NavSettings.text(Lang::En),
            Msg::StoreSettings.text(Lang::En)
        );
        assert_eq!(
            Msg::NavSettings.text(Lang::Zh),
            Msg::StoreSettings.text(Lang::Zh)
        );
        assert_ne!(Msg::NavSettings, Msg::StoreSettings);
        assert_eq!(Msg::NavSettings, Msg::NavSettings);
        let set: std::collections::HashSet<Msg> = [Msg::NavSettings, Msg::StoreSettings].into();
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn every_key_differs_from_every_other_key() {
        for (i, a) in Msg::ALL.iter().enumerate() {
            for b in &Msg::ALL[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(Msg::AgeHours.fill(Lang::En, &[("n", "3")]), "3 h");
        assert_eq!(Msg::AgeHours.fill(Lang::Zh, &[("n", "3")]), "3 小时");
    }

    #[test]
    fn browser_tags_pick_a_language() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-Hans-SG"), Lang::Zh);
        assert_eq!(Lang::from_tag("ZH"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }
}
