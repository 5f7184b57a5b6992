//! The layering rules, checked on the source tree: each top-level module may only name the
//! modules below it (`crate::…` paths), and only the browser edges may use web types. A
//! change that breaks a rule fails here with the file, the line and the rule.

use std::fs;
use std::path::{Path, PathBuf};

/// The modules each layer may name through `crate::`; `ui` (the top) may name every one.
const LAYERS: &[(&str, &[&str])] = &[
    ("i18n", &[]),
    ("markdown", &[]),
    ("domain", &["i18n", "coded_enum"]),
    ("route", &["domain"]),
    ("prompts", &["domain", "i18n", "markdown", "coded_enum"]),
    ("llm", &["domain", "i18n", "coded_enum"]),
    ("storage", &["domain", "i18n", "llm"]),
];

/// Crates that bring browser types.
const WEB_CRATES: &[&str] = &[
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "leptos",
    "rexie",
    "gloo_timers",
];

/// The only files outside `ui/` that may use web types: the fetch transport, IndexedDB (the
/// repository and its stored tallies) and tab sync.
const BROWSER_EDGES: &[&str] = &[
    "llm/transport.rs",
    "storage/db.rs",
    "storage/tallies.rs",
    "storage/sync.rs",
];

/// One broken rule: where, and what.
#[derive(Debug, PartialEq, Eq)]
struct Breach {
    file: String,
    line: usize,
    rule: String,
}

/// The top-level module a file under `src/` belongs to (`domain/feedback/mod.rs` → `domain`,
/// `route.rs` → `route`).
fn layer_of(relative: &str) -> &str {
    let first = relative.split('/').next().unwrap_or(relative);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The code of a line without its comment (`//`, `///` and `//!`).
fn code_of(line: &str) -> &str {
    line.find("//").map_or(line, |at| &line[..at])
}

/// The modules named by `crate::name` paths on a line of code.
fn crate_paths(code: &str) -> Vec<&str> {
    code.match_indices("crate::")
        .filter(|(at, _)| {
            // `casebook_crate::` or `$crate::` are not paths into this crate.
            code[..*at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$'))
        })
        .map(|(at, m)| {
            let rest = &code[at + m.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

/// Every rule `source` (the file at `relative` under `src/`) breaks.
fn breaches(relative: &str, source: &str) -> Vec<Breach> {
    let layer = layer_of(relative);
    let allowed = LAYERS
        .iter()
        .find(|(name, _)| *name == layer)
        .map(|(_, allowed)| *allowed);
    let may_use_web = layer == "ui" || BROWSER_EDGES.contains(&relative);
    let mut found = Vec::new();
    for (index, line) in source.lines().enumerate() {
        let code = code_of(line);
        let mut breach = |rule: String| {
            found.push(Breach {
                file: relative.to_string(),
                line: index + 1,
                rule,
            })
        };
        if let Some(allowed) = allowed {
            for module in crate_paths(code) {
                if module != layer && !allowed.contains(&module) {
                    breach(format!("`{layer}` may not use `crate::{module}`"));
                }
            }
        }
        if !may_use_web {
            for web in WEB_CRATES {
                if code.contains(&format!("{web}::")) {
                    breach(format!("`{layer}` may not use the web crate `{web}`"));
                }
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_source_file_keeps_to_its_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    let found: Vec<Breach> = files
        .iter()
        .flat_map(|path| {
            let relative = path
                .strip_prefix(&src)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let source = fs::read_to_string(path).unwrap_or_default();
            breaches(&relative, &source)
        })
        .collect();
    assert!(found.is_empty(), "layering rules broken: {found:#?}");
}

#[test]
fn a_domain_file_that_imports_the_interface_breaks_the_rules() {
    let source =
        "//! Accounts.\nuse crate::domain::form::FormValues;\nuse crate::ui::state::AppState;\n";
    assert_eq!(
        breaches("domain/account.rs", source),
        [Breach {
            file: "domain/account.rs".into(),
            line: 3,
            rule: "`domain` may not use `crate::ui`".into(),
        }]
    );
}

#[test]
fn each_lower_layer_is_held_to_its_own_list() {
    let uses = |module: &str| format!("use crate::{module}::Thing;\n");
    assert_eq!(
        breaches("domain/feedback/themes.rs", &uses("prompts")).len(),
        1
    );
    assert_eq!(breaches("domain/draft.rs", &uses("route")).len(), 1);
    assert_eq!(breaches("domain/draft.rs", &uses("storage")).len(), 1);
    assert_eq!(breaches("domain/draft.rs", &uses("llm")).len(), 1);
    assert_eq!(breaches("prompts/mod.rs", &uses("llm")).len(), 1);
    assert_eq!(breaches("llm/request.rs", &uses("storage")).len(), 1);
    assert_eq!(breaches("storage/schema.rs", &uses("ui")).len(), 1);
    assert_eq!(breaches("i18n/mod.rs", &uses("domain")).len(), 1);
    assert!(breaches("prompts/mod.rs", &uses("domain")).is_empty());
    assert!(breaches("storage/schema.rs", &uses("llm")).is_empty());
    assert!(breaches("ui/shell.rs", &uses("storage")).is_empty());
}

#[test]
fn inline_paths_count_and_comments_do_not() {
    let source = "fn f() { crate::ui::browser::print(); }\n// crate::ui in prose\n/// see [`crate::storage`]\nmacro_rules! m { () => { $crate::x } }\n";
    let found = breaches("domain/cues.rs", source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, 1);
}

#[test]
fn web_types_only_at_the_browser_edges() {
    let source = "use web_sys::Window;\n";
    assert_eq!(breaches("domain/record.rs", source).len(), 1);
    assert_eq!(breaches("llm/request.rs", source).len(), 1);
    assert!(breaches("llm/transport.rs", source).is_empty());
    assert!(breaches("storage/db.rs", source).is_empty());
    assert!(breaches("ui/browser.rs", source).is_empty());
}
