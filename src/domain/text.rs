//! Unicode text comparison for names and lists: case-folded name keys (duplicates, account
//! matching), accent-insensitive search folding (ICU4X case folding and canonical
//! decomposition) and sort keys (accented letters with their base letter, Chinese in pinyin
//! order, from the `pinyin` crate). CLDR collation (`icu_collator`) would do the sorting
//! better but its compiled data costs ~450 KB of gzip wasm with Chinese, ~70 KB without.

use icu_casemap::CaseMapper;
use icu_normalizer::properties::CanonicalCombiningClassMapBorrowed;
use icu_normalizer::DecomposingNormalizerBorrowed;
use pinyin::ToPinyin;

use crate::i18n::Lang;

/// Text fully case-folded, in canonical decomposition (NFD).
fn folded(text: &str) -> String {
    let nfd = DecomposingNormalizerBorrowed::new_nfd();
    let folded = CaseMapper::new()
        .fold_string(&nfd.normalize(text))
        .into_owned();
    nfd.normalize(&folded).into_owned()
}

/// The key two names are the same under: canonically decomposed, fully case-folded,
/// trimmed, inner whitespace collapsed. "École" and "ÉCOLE", "MÜLLER" and "müller", "Straße"
/// and "STRASSE" share a key; "Ecole" and "École" do not (accents tell names apart).
pub fn name_key(name: &str) -> String {
    folded(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text as searched: case-folded and without combining marks (accents), so a query "ecole"
/// or "ÉCOLE" finds "École" and "muller" finds "Müller". Han text is unchanged.
pub fn search_fold(text: &str) -> String {
    let ccc = CanonicalCombiningClassMapBorrowed::new();
    folded(text)
        .chars()
        .filter(|c| ccc.get_u8(*c) == 0)
        .collect()
}

/// Text spelled for sorting: search-folded, each Han character replaced by its pinyin with
/// the tone number after it ("阿里" → "a1li3"), so Han sorts in pinyin order.
fn spelled(text: &str) -> String {
    let mut out = String::new();
    for c in search_fold(text).chars() {
        match c.to_pinyin() {
            Some(p) => out.push_str(p.with_tone_num_end()),
            None => out.push(c),
        }
    }
    out
}

/// The key text sorts by in `lang`: its spelling for sorting (accents and case ignored,
/// Han as pinyin), then its name key and the text itself to order the rest. In English,
/// names starting with a Han character come after all others (A–Z first, then Chinese
/// names in pinyin order); in Chinese they mix with Latin names by pinyin, as in a Chinese
/// contact list.
pub fn collation_key(text: &str, lang: Lang) -> CollationKey {
    let han_last = lang == Lang::En
        && text
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.to_pinyin().is_some());
    CollationKey {
        han_last,
        spelled: spelled(text),
        name: name_key(text),
        text: text.to_string(),
    }
}

/// What text sorts by (see `collation_key`); compared field by field.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollationKey {
    han_last: bool,
    spelled: String,
    name: String,
    text: String,
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
    fn composed_and_decomposed_forms_share_a_key() {
        assert_eq!(name_key("Cafe\u{301}"), name_key("Café"));
        assert_eq!(name_key("CAFE\u{301}"), name_key("café"));
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
            ["Eagle", "Ecole", "ecole", "École", "Fig", "Über", "Ueber", "Zeta"]
        );
        assert_eq!(sorted(&names, Lang::Zh), sorted(&names, Lang::En));
    }

    #[test]
    fn chinese_names_sort_in_pinyin_order() {
        let names = ["字节跳动", "腾讯", "阿里巴巴", "百度", "华为"];
        let expected = ["阿里巴巴", "百度", "华为", "腾讯", "字节跳动"];
        assert_eq!(sorted(&names, Lang::Zh), expected);
        assert_eq!(sorted(&names, Lang::En), expected);
    }

    #[test]
    fn english_puts_latin_names_first_chinese_mixes_them_by_pinyin() {
        let names = ["百度", "Beta", "阿里巴巴", "Acme", "bravo"];
        assert_eq!(
            sorted(&names, Lang::En),
            ["Acme", "Beta", "bravo", "阿里巴巴", "百度"]
        );
        assert_eq!(
            sorted(&names, Lang::Zh),
            ["阿里巴巴", "Acme", "百度", "Beta", "bravo"]
        );
    }
}
