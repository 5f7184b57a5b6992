//! The earlier drafts of a prompt for a record, newest first; choosing one shows it.

use leptos::prelude::*;

use crate::domain::draft::Draft;
use crate::domain::listing::format_utc_minute;
use crate::domain::sorting;
use crate::i18n::Msg;
use crate::storage::error::StorageError;
use crate::ui::list::CollectAny;
use crate::ui::load::load_db;
use crate::ui::state::tr;

use super::Panel;

/// The drafts of `owner` (record id, prompt id), read through the drafts' index and re-read
/// whenever data changes.
#[component]
pub(super) fn DraftHistory(panel: Panel, owner: (String, &'static str)) -> impl IntoView {
    let owner = StoredValue::new(owner);
    let history = load_db(move |db| {
        let (record_id, prompt_id) = owner.get_value();
        async move {
            let mut drafts: Vec<Draft> = db.drafts_for(&record_id, prompt_id).await?;
            sorting::sort_by_key(&mut drafts, |d| std::cmp::Reverse(d.created_at));
            Ok::<_, StorageError>(drafts.into_iter().map(Draft::as_loaded).collect::<Vec<_>>())
        }
    });
    let items = move || {
        let lang = panel.state.lang.get();
        history
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                let label = format!("{} · {}", format_utc_minute(d.created_at), d.status.label().text(lang));
                view! { <li><button class="link-button" on:click=move |_| panel.show(&d)>{label}</button></li> }
            })
            .collect_any()
    };
    view! {
        <details class="draft-history" id="draft-history">
            <summary>{tr(Msg::DraftHistory)}</summary>
            <ul>{items}</ul>
        </details>
    }
}
