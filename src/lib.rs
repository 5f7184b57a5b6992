//! Casebook: a browser-only copilot for Customer Success teams.
//!
//! Layers, each using only those below it (checked by `tests/architecture.rs`): `ui` (Leptos
//! pages and components; browser-only) over `storage` (schema, migrations and backup format
//! are pure, the IndexedDB repository and tab sync browser-only), `llm` (provider wire
//! formats, pure; the fetch transport browser-only), `prompts` (guided prompts, the built-in
//! drafter, token sizing; pure) and `route` (hash routes; pure), over `domain` (records,
//! rules, validation; pure), over `i18n` (translation tables) and `markdown` (safe rendering).

pub mod domain;
pub mod i18n;
pub mod llm;
pub mod markdown;
pub mod prompts;
pub mod route;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;
