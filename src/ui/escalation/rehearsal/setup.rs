//! Starting a rehearsal: the difficulty, the output language and who plays the customer (the
//! default AI connection, or the built-in customer when there is none). The built-in
//! customer's opening complaint is written at once; a model's streams on the next page.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::draft::DraftSource;
use crate::domain::escalation::rehearsal::customer::opening;
use crate::domain::escalation::rehearsal::{
    Difficulty, Rehearsal, Setup, Speaker, DIFFICULTY_CHOICES,
};
use crate::domain::form::Coded;
use crate::i18n::{Lang, Msg};
use crate::prompts::OutputLanguage;
use crate::route::Route;
use crate::ui::browser;
use crate::ui::components::output_language::output_language_select;
use crate::ui::escalation::rehearsal::Context;
use crate::ui::state::{tr, use_app};

/// The value of the source picker that selects the built-in customer.
const BUILT_IN: &str = "builtin";

/// The new rehearsal, as chosen.
fn begin(context: &Context, difficulty: Difficulty, lang: Lang, source: &str) -> Rehearsal {
    let now = browser::now();
    let connection = context.connections.get(source);
    let setup = Setup {
        difficulty,
        output_lang: lang,
        source: connection.map_or(DraftSource::BuiltIn, |c| DraftSource::Model {
            provider: c.name.clone(),
            model: c.label(),
        }),
        kind: context.effective.kind,
        severity: context.effective.severity,
    };
    let e = &context.escalation;
    let mut r = Rehearsal::new(browser::new_id(), e.id.clone(), setup, now);
    if connection.is_none() {
        r.say(Speaker::Customer, &opening(e, difficulty, lang), now);
    }
    r
}

/// The set-up form; Start saves the rehearsal and opens it.
pub fn setup_form(context: Rc<Context>) -> impl IntoView {
    let state = use_app();
    let difficulty = RwSignal::new(Difficulty::Frustrated);
    let language = RwSignal::new(OutputLanguage::SameAsInterface);
    let default = context.connections.default_id.clone();
    let source = RwSignal::new(default.unwrap_or_else(|| BUILT_IN.to_string()));
    let options = context
        .connections
        .list
        .iter()
        .map(|c| {
            let id = c.id.clone();
            view! { <option value=c.id.clone() selected=move || source.get() == id>{c.label()}</option> }
        })
        .collect_view();
    let start = move |_| {
        let lang = language.get_untracked().resolve(state.lang.get_untracked());
        let r = begin(
            &context,
            difficulty.get_untracked(),
            lang,
            &source.get_untracked(),
        );
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match db.put(&r).await {
                Ok(()) => {
                    state.changed();
                    browser::go_to(&Route::Rehearse(r.escalation_id, Some(r.id)).href());
                }
                Err(error) => state.report(&error),
            }
        });
    };
    view! {
        <p class="lede">{tr(Msg::RehLede)}</p>
        <div class="draft-options">
            <span class="option-field">
                <label for="rehearsal-difficulty">{tr(Msg::RehDifficulty)}</label>
                <select id="rehearsal-difficulty" on:change:target=move |ev| {
                    if let Some(d) = Difficulty::from_code(&ev.target().value()) {
                        difficulty.set(d);
                    }
                }>
                    {DIFFICULTY_CHOICES.iter().map(|c| view! {
                        <option value=c.value selected=c.value == Difficulty::Frustrated.code()>{tr(c.label)}</option>
                    }).collect_view()}
                </select>
            </span>
            {output_language_select("rehearsal-language", language)}
            <span class="option-field">
                <label for="rehearsal-source">{tr(Msg::RehPlayedBy)}</label>
                <select id="rehearsal-source" on:change:target=move |ev| source.set(ev.target().value())>
                    <option value=BUILT_IN selected=move || source.get() == BUILT_IN>{tr(Msg::RehBuiltInCustomer)}</option>
                    {options}
                </select>
            </span>
        </div>
        <div class="button-row">
            <button type="button" class="button primary" id="start-rehearsal" on:click=start>{tr(Msg::RehStart)}</button>
        </div>
    }
}
