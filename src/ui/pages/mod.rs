//! The shared pages (home, record lists and forms, prompts, settings), one per route;
//! workspace screens live in their own folders. `page` picks the page for a route.

mod connections;
mod home;
mod list_search;
mod prompt;
mod record_form;
mod record_list;
mod settings;

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::route::{Route, Tool};
use crate::ui::state::tr;

/// The page for `route`.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Home => home::HomePage().into_any(),
        Route::Settings => settings::SettingsPage().into_any(),
        Route::List(w) => record_list::list_page(w).into_any(),
        Route::New(w) => record_form::form_page(w, None).into_any(),
        Route::Edit(w, id) => record_form::form_page(w, Some(id)).into_any(),
        Route::Prompt(w, id, prompt) => prompt::prompt_page(w, id, prompt).into_any(),
        Route::Tool(tool) => tool_page(tool),
        Route::NotFound => not_found().into_any(),
    }
}

fn tool_page(tool: Tool) -> AnyView {
    match tool {
        Tool::FeedbackImport => crate::ui::feedback::import::feedback_import_page().into_any(),
        Tool::FeedbackThemes => crate::ui::feedback::themes::themes_page().into_any(),
        Tool::FeedbackHealth => crate::ui::feedback::health::health_page().into_any(),
    }
}

fn not_found() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(Msg::NotFoundTitle)}</h1>
            <p><a href=Route::Home.href()>{tr(Msg::BackHome)}</a></p>
        </section>
    }
}
