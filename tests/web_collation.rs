//! Browser tests of how text is compared: the browser's Unicode folding of names and search
//! text (`BrowserUnicode`), and the order lists and pickers sort text in (`list_collator`): the
//! browser's ICU collation puts accented letters beside their letter, numbers by value and
//! Chinese names in pinyin order; the English interface lists Latin names first, the Chinese
//! one Chinese names first. Lists sorted by a text column and the account picker follow it.
#![cfg(target_arch = "wasm32")]

use casebook::domain::account::Account;
use casebook::domain::listing::{arrange, Cell, Direction, Row};
use casebook::domain::record::AccountIndex;
use casebook::i18n::Lang;
use casebook::ui::browser::list_collator;
use chrono::{TimeZone, Utc};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn row(name: &str) -> Row {
    Row {
        id: name.to_string(),
        cells: vec![Cell::text(name)],
        tags: Vec::new(),
    }
}

fn sorted_in(lang: Lang, names: &[&str], direction: Direction) -> Vec<String> {
    let rows = names.iter().map(|n| row(n)).collect();
    arrange(rows, "", None, Some((0, direction)), &*list_collator(lang))
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn sorted(names: &[&str], direction: Direction) -> Vec<String> {
    sorted_in(Lang::En, names, direction)
}

#[wasm_bindgen_test]
fn chinese_names_sort_in_pinyin_order() {
    for lang in Lang::ALL {
        assert_eq!(
            sorted_in(
                lang,
                &["字节跳动", "腾讯", "阿里巴巴", "百度", "华为"],
                Direction::Ascending
            ),
            ["阿里巴巴", "百度", "华为", "腾讯", "字节跳动"]
        );
    }
}

#[wasm_bindgen_test]
fn the_chinese_interface_lists_chinese_names_first() {
    assert_eq!(
        sorted_in(
            Lang::Zh,
            &["Zeta", "百度", "Acme", "阿里巴巴"],
            Direction::Ascending
        ),
        ["阿里巴巴", "百度", "Acme", "Zeta"]
    );
}

#[wasm_bindgen_test]
fn accented_names_sort_beside_their_letter_and_latin_before_chinese() {
    assert_eq!(
        sorted(
            &[
                "百度",
                "Zeta",
                "Über",
                "École",
                "Eagle",
                "Fig",
                "阿里巴巴",
                "Ødegaard",
                "Oslo"
            ],
            Direction::Ascending
        ),
        [
            "Eagle",
            "École",
            "Fig",
            "Ødegaard",
            "Oslo",
            "Über",
            "Zeta",
            "阿里巴巴",
            "百度"
        ]
    );
}

#[wasm_bindgen_test]
fn numbers_in_names_sort_by_value_and_descending_reverses() {
    assert_eq!(
        sorted(&["Site 10", "Site 2", "Site 1"], Direction::Ascending),
        ["Site 1", "Site 2", "Site 10"]
    );
    assert_eq!(
        sorted(&["Site 10", "Site 2", "Site 1"], Direction::Descending),
        ["Site 10", "Site 2", "Site 1"]
    );
}

#[wasm_bindgen_test]
fn the_account_picker_sorts_by_the_same_collation() {
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
    let accounts = AccountIndex::new(
        ["腾讯", "Acme", "阿里巴巴", "Émile"]
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut a = Account::new(format!("a{i}"), now);
                a.name = name.to_string();
                a
            }),
    );
    let names: Vec<&str> = accounts
        .sorted(&*list_collator(Lang::En))
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["Acme", "Émile", "阿里巴巴", "腾讯"]);
}

/// The browser's ICU folds names and search text as ICU4X does natively (`domain::text`'s
/// native tests): case, composed or decomposed accents, ß, Greek, Han unchanged.
#[wasm_bindgen_test]
fn the_browser_folds_names_and_search_text_like_icu4x() {
    use casebook::domain::text::{name_key, search_fold, set_unicode_engine};
    set_unicode_engine(&casebook::ui::browser::BrowserUnicode);
    for (a, b) in [
        ("École", "école"),
        ("ÉCOLE", "école"),
        ("MÜLLER", "müller"),
        ("Straße", "STRASSE"),
        ("ΟΔΥΣΣΕΥΣ", "οδυσσευς"),
        ("Cafe\u{301}", "Café"),
        ("CAFE\u{301}", "café"),
    ] {
        assert_eq!(name_key(a), name_key(b), "{a} and {b}");
    }
    assert_ne!(
        name_key("Ecole"),
        name_key("École"),
        "accents tell names apart"
    );
    assert_eq!(name_key("  Acme   Corp "), "acme corp");
    assert_eq!(name_key("华为 技术"), "华为 技术");
    assert_eq!(search_fold("ÉCOLE Müller"), "ecole muller");
    assert_eq!(search_fold("Zoë 华为"), "zoe 华为");
    assert_eq!(search_fold("ACME"), search_fold("acme"));
}
