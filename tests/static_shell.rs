//! The static shell in index.html (painted before the wasm arrives) says what the app says:
//! its texts are Msg::AppName and Msg::Loading in both languages.

use casebook::i18n::{Lang, Msg};

#[test]
fn index_html_shell_uses_the_apps_texts() {
    let html = include_str!("../index.html");
    for lang in Lang::ALL {
        let line = format!("lang=\"{}\">{}</p>", lang.tag(), Msg::Loading.text(lang));
        assert!(html.contains(&line), "missing shell line {line}");
    }
    let brand = format!("</span>{}</span></header>", Msg::AppName.text(Lang::En));
    assert!(html.contains(&brand), "missing shell brand {brand}");
    assert_eq!(Msg::AppName.text(Lang::En), Msg::AppName.text(Lang::Zh));
}

#[test]
fn manifest_installs_from_a_sub_path() {
    let manifest: serde_json::Value =
        serde_json::from_str(include_str!("../assets/manifest.webmanifest"))
            .expect("the manifest is JSON");
    assert_eq!(manifest["start_url"], "./");
    assert_eq!(manifest["scope"], "./");
    assert_eq!(manifest["name"], Msg::AppName.text(Lang::En));
    let sizes: Vec<&str> = manifest["icons"]
        .as_array()
        .expect("icons")
        .iter()
        .filter_map(|icon| icon["sizes"].as_str())
        .collect();
    assert!(sizes.contains(&"192x192") && sizes.contains(&"512x512"));
}
