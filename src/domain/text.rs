//! Unicode text comparison for names and lists, on ICU4X's compiled Unicode and CLDR data:
//! case-folded name keys (duplicates, account matching), accent-insensitive search folding,
//! and collation (accented letters sort with their base letter, Chinese in pinyin order).

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_casemap::CaseMapper;
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use icu_normalizer::{ComposingNormalizer, DecomposingNormalizer};
use icu_properties::props::{GeneralCategory, UnifiedIdeograph};
use icu_properties::{CodePointMapData, CodePointSetData};

use crate::i18n::Lang;

/// The key two names are the same under: NFKC-normalised, fully case-folded, trimmed, inner
/// whitespace collapsed. "École" and "ÉCOLE", "MÜLLER" and "müller", "Straße" and "STRASSE"
/// share a key; "Ecole" and "École" do not (accents tell names apart).
pub fn name_key(name: &str) -> String {
    let nfkc = ComposingNormalizer::new_nfkc();
    let folded = CaseMapper::new()
        .fold_string(&nfkc.normalize(name))
        .into_owned();
    nfkc.normalize(&folded)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text as searched: compatibility-decomposed, case-folded, without combining marks, so a
/// query "ecole" or "ÉCOLE" finds "École" and "muller" finds "Müller". Han text is unchanged.
pub fn search_fold(text: &str) -> String {
    let nfkd = DecomposingNormalizer::new_nfkd();
    let folded = CaseMapper::new()
        .fold_string(&nfkd.normalize(text))
        .into_owned();
    let category = CodePointMapData::<GeneralCategory>::new();
    nfkd.normalize(&folded)
        .chars()
        .filter(|c| category.get(*c) != GeneralCategory::NonspacingMark)
        .collect()
}

/// CLDR's Chinese collation: pinyin order for Han, Han before Latin.
static CHINESE: LazyLock<Option<CollatorBorrowed<'static>>> =
    LazyLock::new(|| Collator::try_new(locale!("zh").into(), CollatorOptions::default()).ok());

/// CLDR's root collation, used for English: accented letters next to their base letter.
static ROOT: LazyLock<Option<CollatorBorrowed<'static>>> =
    LazyLock::new(|| Collator::try_new(locale!("und").into(), CollatorOptions::default()).ok());

/// The key text sorts by in `lang`: bytes compared in order give the collation order.
/// Chinese uses CLDR's Chinese collation as it is. English sorts names in the root order,
/// then the names that start with a Han character in pinyin order, since the root order of
/// Han (by radical and stroke) means little to anyone reading a customer list.
pub fn collation_key(text: &str, lang: Lang) -> Vec<u8> {
    let mut key = Vec::new();
    let collator = match lang {
        Lang::Zh => &CHINESE,
        Lang::En => {
            let han_first = text
                .chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| CodePointSetData::new::<UnifiedIdeograph>().contains(c));
            key.push(u8::from(han_first));
            if han_first {
                &CHINESE
            } else {
                &ROOT
            }
        }
    };
    match collator.as_ref() {
        Some(collator) => {
            let Ok(()) = collator.write_sort_key_to(text, &mut key);
        }
        None => key.extend_from_slice(name_key(text).as_bytes()),
    }
    key
}

/// Compares two texts in the collation order of `lang` (see `collation_key`).
pub fn collate(a: &str, b: &str, lang: Lang) -> Ordering {
    collation_key(a, lang).cmp(&collation_key(b, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str], lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        out.sort_by_cached_key(|s| collation_key(s, lang));
        out
    }

    #[test]
    fn names_differing_only_in_case_share_a_key() {
        assert_eq!(name_key("École"), name_key("école"));
        assert_eq!(name_key("ÉCOLE"), name_key("école"));
        assert_eq!(name_key("MÜLLER"), name_key("müller"));
        assert_eq!(name_key("Straße"), name_key("STRASSE"));
        assert_eq!(name_key("ΟΔΥΣΣΕΥΣ"), name_key("οδυσσευς"));
        assert_eq!(name_key("  Acme   Corp "), "acme corp");
        assert_eq!(name_key("华为 技术"), "华为 技术");
    }

    #[test]
    fn composed_decomposed_and_full_width_forms_share_a_key() {
        assert_eq!(name_key("Cafe\u{301}"), name_key("Café"));
        assert_eq!(name_key("ＡＣＭＥ"), name_key("acme"));
    }

    #[test]
    fn accents_tell_names_apart() {
        assert_ne!(name_key("Ecole"), name_key("École"));
        assert_ne!(name_key("Muller"), name_key("Müller"));
    }

    #[test]
    fn search_folding_ignores_case_and_accents() {
        assert_eq!(search_fold("École"), "ecole");
        assert_eq!(search_fold("MÜLLER"), "muller");
        assert_eq!(search_fold("Cafe\u{301}"), "cafe");
        assert_eq!(search_fold("Straße"), "strasse");
        assert_eq!(search_fold("阿里巴巴"), "阿里巴巴");
    }

    #[test]
    fn accented_letters_sort_with_their_base_letter() {
        let names = [
            "Zeta", "Über", "Ueber", "École", "Eagle", "Ecole", "Fig", "ecole",
        ];
        assert_eq!(
            sorted(&names, Lang::En),
            ["Eagle", "ecole", "Ecole", "École", "Fig", "Über", "Ueber", "Zeta"]
        );
        // Chinese collation orders accented Latin letters as pinyin tones, still among
        // their base letters.
        assert_eq!(
            sorted(&names, Lang::Zh),
            ["Eagle", "École", "ecole", "Ecole", "Fig", "Über", "Ueber", "Zeta"]
        );
    }

    #[test]
    fn chinese_names_sort_in_pinyin_order() {
        let names = ["字节跳动", "腾讯", "阿里巴巴", "百度", "华为"];
        let expected = ["阿里巴巴", "百度", "华为", "腾讯", "字节跳动"];
        assert_eq!(sorted(&names, Lang::Zh), expected);
        assert_eq!(sorted(&names, Lang::En), expected);
    }

    #[test]
    fn english_puts_latin_names_first_chinese_puts_han_first() {
        let names = ["百度", "Beta", "阿里巴巴", "Acme"];
        assert_eq!(
            sorted(&names, Lang::En),
            ["Acme", "Beta", "阿里巴巴", "百度"]
        );
        assert_eq!(
            sorted(&names, Lang::Zh),
            ["阿里巴巴", "百度", "Acme", "Beta"]
        );
        assert_eq!(collate("acme", "Beta", Lang::En), Ordering::Less);
    }
}
