//! Unicode text comparison for names and lists: case-folded name keys (duplicates, account
//! matching) and accent-insensitive search folding; and the order lists sort text in
//! (`Collator`). The Unicode work (canonical decomposition, full case folding, dropping
//! combining marks) is done by a `UnicodeEngine`: natively ICU4X; in the app the browser's own
//! ICU (`ui::browser::BrowserUnicode`: `String.prototype.normalize` and case mapping), which
//! costs no wasm where ICU4X's data cost 33 KB gzip. The list order is likewise the browser's
//! ICU collation (`ui::browser::BrowserCollator`: CLDR's Chinese order, Latin letters with
//! their accents beside them, then Chinese in pinyin order); a Rust collation with Chinese
//! data (`icu_collator`) would cost ~450 KB gzip, the `pinyin` crate ~93 KB. `FoldedOrder`
//! is the order where no browser collation exists.

use std::cmp::Ordering;
use std::sync::OnceLock;

use crate::domain::sorting;

/// Who does the Unicode work behind `name_key` and `search_fold`.
pub trait UnicodeEngine: Sync {
    /// `text` fully case-folded, in canonical decomposition (NFD).
    fn folded(&self, text: &str) -> String;
    /// `text` without its combining marks (accents), keeping every other character.
    fn without_marks(&self, text: &str) -> String;
}

static ENGINE: OnceLock<&'static dyn UnicodeEngine> = OnceLock::new();

/// Makes `engine` do the Unicode work from now on (the app sets the browser's at start).
pub fn set_unicode_engine(engine: &'static dyn UnicodeEngine) {
    // Set once at start; a second call keeps the first engine.
    let _ = ENGINE.set(engine);
}

fn engine() -> &'static dyn UnicodeEngine {
    match ENGINE.get() {
        Some(engine) => *engine,
        None => &DEFAULT_ENGINE,
    }
}

/// ICU4X: the engine of native builds and tests.
#[cfg(not(target_arch = "wasm32"))]
pub struct Icu4x;

#[cfg(not(target_arch = "wasm32"))]
impl UnicodeEngine for Icu4x {
    fn folded(&self, text: &str) -> String {
        let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
        let folded = icu_casemap::CaseMapper::new()
            .fold_string(&nfd.normalize(text))
            .into_owned();
        nfd.normalize(&folded).into_owned()
    }

    fn without_marks(&self, text: &str) -> String {
        let ccc = icu_normalizer::properties::CanonicalCombiningClassMapBorrowed::new();
        text.chars().filter(|c| ccc.get_u8(*c) == 0).collect()
    }
}

#[cfg(not(target_arch = "wasm32"))]
static DEFAULT_ENGINE: Icu4x = Icu4x;

/// In the browser before the app sets its engine: ASCII letters lowercased, nothing else
/// changed (Unicode case tables would cost wasm the browser's engine makes unneeded).
#[cfg(target_arch = "wasm32")]
struct AsciiLowercase;

#[cfg(target_arch = "wasm32")]
impl UnicodeEngine for AsciiLowercase {
    fn folded(&self, text: &str) -> String {
        text.to_ascii_lowercase()
    }

    fn without_marks(&self, text: &str) -> String {
        text.to_string()
    }
}

#[cfg(target_arch = "wasm32")]
static DEFAULT_ENGINE: AsciiLowercase = AsciiLowercase;

/// The key two names are the same under: canonically decomposed, fully case-folded,
/// trimmed, inner whitespace collapsed. "École" and "ÉCOLE", "MÜLLER" and "müller", "Straße"
/// and "STRASSE" share a key; "Ecole" and "École" do not (accents tell names apart).
pub fn name_key(name: &str) -> String {
    engine()
        .folded(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text as searched: case-folded and without combining marks (accents), so a query "ecole"
/// or "ÉCOLE" finds "École" and "muller" finds "Müller". Han text is unchanged.
pub fn search_fold(text: &str) -> String {
    let engine = engine();
    engine.without_marks(&engine.folded(text))
}

/// An order for text in lists and pickers.
pub trait Collator {
    /// How `a` compares with `b`.
    fn compare(&self, a: &str, b: &str) -> Ordering;

    /// The rank of each of `texts` in this order (0 first); texts found equal share a rank.
    /// By default pair by pair; a collator whose comparisons are dear (the browser's, across
    /// to JavaScript) prepares each text once instead.
    fn ranks(&self, texts: &[&str]) -> Vec<usize> {
        ranks_by(texts.len(), &|a, b| self.compare(texts[a], texts[b]))
    }
}

/// Text by its search folding (case and accents ignored, so "École" sorts with "Ecole"),
/// then by name key and as written; Han characters by code point. The order used where no
/// browser collation exists.
pub struct FoldedOrder;

impl Collator for FoldedOrder {
    fn compare(&self, a: &str, b: &str) -> Ordering {
        search_fold(a)
            .cmp(&search_fold(b))
            .then_with(|| name_key(a).cmp(&name_key(b)))
            .then_with(|| a.cmp(b))
    }
}

/// Whether the first letter or digit of `text` is a Chinese (Han) character.
pub fn starts_with_han(text: &str) -> bool {
    text.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| {
        matches!(c,
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3134F}')
    })
}

/// The order of the collator inside, except that text starting with a Chinese character
/// comes after all other text: the English interface lists A–Z names before Chinese ones
/// (a Chinese collation puts them first).
pub struct LatinFirst<C>(pub C);

impl<C: Collator> Collator for LatinFirst<C> {
    fn compare(&self, a: &str, b: &str) -> Ordering {
        starts_with_han(a)
            .cmp(&starts_with_han(b))
            .then_with(|| self.0.compare(a, b))
    }

    /// The inner collator ranks the texts once; the Han test then only reorders the ranks.
    fn ranks(&self, texts: &[&str]) -> Vec<usize> {
        let inner = self.0.ranks(texts);
        let han: Vec<bool> = texts.iter().map(|t| starts_with_han(t)).collect();
        ranks_by(texts.len(), &|a, b| {
            han[a].cmp(&han[b]).then(inner[a].cmp(&inner[b]))
        })
    }
}

/// The rank of each of `texts` in `collator`'s order (0 first); texts the collator finds
/// equal share a rank. Sorting by rank then costs no more calls to the collator.
pub fn collation_ranks(texts: &[&str], collator: &dyn Collator) -> Vec<usize> {
    collator.ranks(texts)
}

/// The rank of each of `n` items (0 first) in the order `compare` gives their positions;
/// items it finds equal share a rank, the number of items before them.
pub fn ranks_by(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    sorting::sort_by(&mut order, |&a, &b| compare(a, b));
    let mut ranks = vec![0; n];
    let mut rank = 0;
    for (at, &index) in order.iter().enumerate() {
        if at > 0 && compare(order[at - 1], index) != Ordering::Equal {
            rank = at;
        }
        ranks[index] = rank;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let ranks = collation_ranks(names, &FoldedOrder);
        let mut out: Vec<(usize, String)> = ranks
            .into_iter()
            .zip(names.iter().map(|s| s.to_string()))
            .collect();
        out.sort_by_key(|(rank, _)| *rank);
        out.into_iter().map(|(_, name)| name).collect()
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
            sorted(&names),
            ["Eagle", "Ecole", "ecole", "École", "Fig", "Über", "Ueber", "Zeta"]
        );
    }

    /// Compares by length only, so that ties are easy to make.
    struct ByLength;

    impl Collator for ByLength {
        fn compare(&self, a: &str, b: &str) -> Ordering {
            a.len().cmp(&b.len())
        }
    }

    #[test]
    fn latin_first_puts_chinese_names_after_the_others_keeping_their_order() {
        let ranks = collation_ranks(
            &["腾讯", "beta", "阿里", "Acme", "2nd", "华为 Cloud"],
            &LatinFirst(FoldedOrder),
        );
        assert_eq!(
            ranks,
            [4, 2, 5, 1, 0, 3],
            "Han by code point after the others"
        );
        assert!(starts_with_han(" 「阿里」"));
        assert!(!starts_with_han("Acme 阿里"));
        assert!(!starts_with_han(""));
    }

    /// `LatinFirst`'s own ranking (inner ranks once, then the Han test) gives the ranks
    /// its pairwise comparison gives, ties included.
    #[test]
    fn latin_first_ranks_as_its_pairwise_comparison_does() {
        struct Pairwise<'a>(&'a LatinFirst<ByLength>);
        impl Collator for Pairwise<'_> {
            fn compare(&self, a: &str, b: &str) -> Ordering {
                self.0.compare(a, b)
            }
        }
        let texts = [
            "腾讯",
            "bb",
            "阿里",
            "a",
            "华为 Cloud",
            "cc",
            "百度",
            "",
            "华为",
            "x",
        ];
        let latin_first = LatinFirst(ByLength);
        let fast = latin_first.ranks(&texts);
        assert_eq!(fast, Pairwise(&latin_first).ranks(&texts));
        assert_eq!(fast, [5, 3, 5, 1, 9, 3, 5, 0, 5, 1]);
    }

    #[test]
    fn equal_texts_share_a_rank_and_ranks_count_what_comes_before() {
        assert_eq!(
            collation_ranks(&["ccc", "a", "bb", "b", "dd"], &ByLength),
            [4, 0, 2, 0, 2]
        );
        assert_eq!(collation_ranks(&[], &ByLength), Vec::<usize>::new());
    }
}
