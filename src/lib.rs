//! Casebook: a browser-only copilot for Customer Success teams.
//!
//! Layout: `domain` (records, rules, validation; pure), `i18n` (translation tables; pure),
//! `route` (hash routes; pure), `prompts` (guided prompts and the built-in drafter; pure),
//! `llm` (provider wire formats, pure; the fetch transport is browser-only), `markdown` (safe
//! rendering; pure), `storage` (schema, migrations and backup format are pure, the IndexedDB
//! repository and tab sync are browser-only), `ui` (Leptos pages and components; browser-only).

pub mod domain;
pub mod i18n;
pub mod llm;
pub mod markdown;
pub mod prompts;
pub mod route;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;
