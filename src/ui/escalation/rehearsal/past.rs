//! On an escalation's page: "Rehearse the call", and the past rehearsals with their date,
//! difficulty and score, each reopening read-only.

use leptos::prelude::*;

use crate::domain::escalation::plan::format_local;
use crate::domain::escalation::rehearsal::Rehearsal;
use crate::domain::form::Coded;
use crate::domain::sorting;
use crate::domain::time::zone::LocalZone;
use crate::i18n::Msg;
use crate::route::Route;
use crate::ui::browser::BrowserZone;
use crate::ui::load::load_db;
use crate::ui::state::{tr, use_app};

/// The rehearsals of escalation `escalation_id`, newest first, and the link to a new one.
#[component]
pub fn RehearsalSection(escalation_id: String) -> impl IntoView {
    let lang = use_app().lang;
    let id = StoredValue::new(escalation_id);
    let list = load_db(move |db| async move {
        let mut all: Vec<Rehearsal> = db.list().await?;
        all.retain(|r| id.with_value(|id| &r.escalation_id == id));
        sorting::sort_by_key(&mut all, |r| std::cmp::Reverse(r.created_at));
        Ok(all)
    });
    let items = move || {
        let lang = lang.get();
        let all = list.get().and_then(Result::ok).unwrap_or_default();
        if all.is_empty() {
            return view! { <p class="hint">{Msg::RehNone.text(lang)}</p> }.into_any();
        }
        let rows = all.into_iter().map(|r| {
            let score = r.scorecard.as_ref().map_or_else(
                || Msg::RehNotScored.text(lang).to_string(),
                |card| card.summary(lang),
            );
            let label = format!(
                "{} · {} · {score}",
                format_local(BrowserZone.local(r.created_at)),
                r.difficulty.label().text(lang)
            );
            let href = Route::Rehearse(r.escalation_id, Some(r.id)).href();
            view! { <li><a href=href>{label}</a></li> }
        });
        view! { <ul class="past-rehearsals">{rows.collect_view()}</ul> }.into_any()
    };
    view! {
        <section class="rehearsals" aria-labelledby="rehearsals-heading">
            <h2 id="rehearsals-heading">{tr(Msg::RehPast)}</h2>
            <p><a class="button" id="rehearse-call" href=Route::Rehearse(id.get_value(), None).href()>{tr(Msg::RehRehearseCall)}</a></p>
            {items}
        </section>
    }
}
