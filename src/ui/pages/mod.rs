//! Pages, one per route. `page` picks the page for a route.

mod home;
mod record_form;
mod record_list;
mod settings;

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::escalation::Escalation;
use crate::domain::feedback::FeedbackItem;
use crate::domain::onboarding::OnboardingProject;
use crate::i18n::Msg;
use crate::route::{Route, Workspace};
use crate::ui::state::use_app;

/// The page for `route`.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Home => home::HomePage().into_any(),
        Route::Settings => settings::SettingsPage().into_any(),
        Route::List(w) => match w {
            Workspace::Accounts => record_list::list_page::<Account>(w).into_any(),
            Workspace::Escalations => record_list::list_page::<Escalation>(w).into_any(),
            Workspace::Feedback => record_list::list_page::<FeedbackItem>(w).into_any(),
            Workspace::Onboarding => record_list::list_page::<OnboardingProject>(w).into_any(),
        },
        Route::New(w) => form_page(w, None),
        Route::Edit(w, id) => form_page(w, Some(id)),
        Route::NotFound => not_found().into_any(),
    }
}

fn form_page(w: Workspace, id: Option<String>) -> AnyView {
    match w {
        Workspace::Accounts => record_form::form_page::<Account>(w, id).into_any(),
        Workspace::Escalations => record_form::form_page::<Escalation>(w, id).into_any(),
        Workspace::Feedback => record_form::form_page::<FeedbackItem>(w, id).into_any(),
        Workspace::Onboarding => record_form::form_page::<OnboardingProject>(w, id).into_any(),
    }
}

fn not_found() -> impl IntoView {
    let state = use_app();
    view! {
        <section class="page">
            <h1>{move || state.t(Msg::NotFoundTitle)}</h1>
            <p><a href=Route::Home.href()>{move || state.t(Msg::BackHome)}</a></p>
        </section>
    }
}
