//! The Leptos interface (browser only): the app root, the shell, pages and components.
//! Pages read and write through `storage::db` and take every text from `i18n`.

mod ai;
pub mod browser;
pub mod components;
mod escalation;
mod feedback;
mod list;
mod load;
mod onboarding;
mod pages;
mod shell;
pub mod state;
mod workspace_text;

use leptos::prelude::*;

use crate::route::Route;
use crate::storage::db::Db;
use crate::storage::schema::DB_NAME;
use state::{AppState, DbStatus};

/// Mounts the app on the page body.
pub fn start() {
    // A panic is a bug: say what it was in the console (the wasm then stops).
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
    crate::domain::text::set_unicode_engine(&browser::BrowserUnicode);
    leptos::mount::mount_to_body(App);
}

/// The app root: opens the database, follows the location hash, renders the current page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    Effect::new(move |_| browser::apply_lang(state.lang.get()));
    leptos::task::spawn_local(async move {
        match Db::open(DB_NAME).await {
            Ok(db) => state.set_db(db),
            Err(error) => state.db_status.set(DbStatus::Failed(error)),
        }
    });

    let route = RwSignal::new(Route::parse(&browser::current_hash()));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::parse(&browser::current_hash()));
    });
    on_cleanup(move || listener.remove());

    view! {
        <shell::Header route=route />
        <shell::ReloadBanner />
        <shell::UpdateBanner />
        <main id="main" tabindex="-1">
            {move || match state.db_status.get() {
                DbStatus::Opening => shell::loading().into_any(),
                DbStatus::Failed(error) => shell::storage_failure(error).into_any(),
                DbStatus::Ready => pages::page(route.get()).into_any(),
            }}
        </main>
        <shell::NoticeArea />
    }
}
