//! The frame around every page: header with navigation and language switch, the
//! "reload this tab" and "reload to update" banners, the notice area, and the loading and
//! storage-failure screens.

use leptos::prelude::*;

use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::route::Route;
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::list::CollectAny;
use crate::ui::state::{tr, use_app};

#[component]
pub fn Header(route: RwSignal<Route>) -> impl IntoView {
    let state = use_app();
    let current = move |target: Route| {
        let r = route.get();
        let active = match &target {
            Route::List(w) => r.workspace() == Some(*w),
            other => r == *other,
        };
        if active {
            Some("page")
        } else {
            None
        }
    };
    let nav_item = move |target: Route, label: Msg| {
        let href = target.href();
        view! {
            <a href=href aria-current=move || current(target.clone())>{tr(label)}</a>
        }
    };
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            crate::ui::browser::focus("main");
        }>{tr(Msg::SkipToContent)}</a>
        <header class="app-header">
            <a class="brand" href=Route::Home.href()>
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                {tr(Msg::AppName)}
            </a>
            <nav aria-label=tr(Msg::NavMain)>
                {nav_item(Route::Home, Msg::NavHome)}
                {Workspace::ALL.into_iter().map(|w| nav_item(Route::List(w), w.title())).collect_any()}
                {nav_item(Route::Settings, Msg::NavSettings)}
            </nav>
            <label class="lang-switch">
                <span class="visually-hidden">{tr(Msg::LanguageLabel)}</span>
                <select
                    id="lang-switch"
                    on:change:target=move |ev| {
                        let lang = if ev.target().value() == Lang::Zh.tag() { Lang::Zh } else { Lang::En };
                        state.lang.set(lang);
                    }
                    prop:value=move || state.lang.get().tag()
                >
                    {Lang::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.tag()>{l.native_name()}</option> })
                        .collect_any()}
                </select>
            </label>
        </header>
    }
}

/// Shown when another tab upgraded the database and this tab's connection closed.
#[component]
pub fn ReloadBanner() -> impl IntoView {
    let state = use_app();
    view! {
        {move || (state.reload_needed.get()).then(|| view! {
            <div class="banner banner-warning" role="alert">
                <span>{tr(Msg::ReloadExplanation)}</span>
                <button class="button primary" on:click=|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }>{tr(Msg::ReloadThisTab)}</button>
            </div>
        })}
    }
}

/// Offered when a new version of Casebook is installed and waiting (assets/boot.js finds it).
/// Reloading applies it, but only on the user's click, and not while a form has unsaved edits
/// or an AI answer or import is running: then the banner says why.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = use_app();
    let check = move || state.update_ready.set(browser::update_waiting());
    check();
    let listener = window_event_listener_untyped("casebook-update", move |_| check());
    on_cleanup(move || listener.remove());
    let refused = RwSignal::new(false);
    let waits = move || refused.get() && state.work_in_progress.get() > 0;
    view! {
        {move || (state.update_ready.get()).then(|| view! {
            <div class="banner banner-update" role="status">
                <span>{move || state.t(if waits() { Msg::UpdateWaitsForWork } else { Msg::UpdateReady })}</span>
                <button class="button primary" id="reload-to-update" on:click=move |_| {
                    if state.work_in_progress.get_untracked() > 0 {
                        refused.set(true);
                    } else {
                        browser::apply_update();
                    }
                }>{tr(Msg::ReloadToUpdate)}</button>
            </div>
        })}
    }
}

/// The latest notice; success notices fade after a few seconds, errors stay until dismissed.
#[component]
pub fn NoticeArea() -> impl IntoView {
    let state = use_app();
    Effect::new(move |_| {
        if let Some(notice) = state.notice.get() {
            if !notice.is_error {
                leptos::task::spawn_local(async move {
                    gloo_timers::future::TimeoutFuture::new(4_000).await;
                    if state.notice.get_untracked().as_ref() == Some(&notice) {
                        state.notice.set(None);
                    }
                });
            }
        }
    });
    view! {
        <div class="notice-area" aria-live="polite">
            {move || {
                state
                    .notice
                    .get()
                    .map(|n| {
                        view! {
                            <div
                                class=if n.is_error { "notice notice-error" } else { "notice" }
                                role=if n.is_error { "alert" } else { "status" }
                            >
                                <span class="notice-text">{n.text}</span>
                                <button
                                    class="notice-close"
                                    aria-label=tr(Msg::Dismiss)
                                    on:click=move |_| state.notice.set(None)
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

pub fn loading() -> impl IntoView {
    view! { <p class="loading" aria-busy="true">{tr(Msg::Loading)}</p> }
}

/// What a page shows when its data cannot be read; the error is also reported (a closed
/// connection raises the "reload this tab" banner).
pub fn load_failure(error: StorageError) -> impl IntoView {
    use_app().report(&error);
    view! { <p class="error-text" role="alert">{tr(error.message())}</p> }
}

/// The page shown when IndexedDB cannot be opened at all.
pub fn storage_failure(error: StorageError) -> impl IntoView {
    let message = error.message();
    view! {
        <section class="page">
            <h1>{tr(Msg::StorageFailedTitle)}</h1>
            <p class="error-text" role="alert">{tr(message)}</p>
        </section>
    }
}
