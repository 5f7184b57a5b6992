//! The "output language" select shown next to everything that writes text with a model or
//! the built-in drafter: same as the interface, English or Chinese.

use leptos::prelude::*;

use crate::domain::form::Coded;
use crate::i18n::Msg;
use crate::prompts::{OutputLanguage, OUTPUT_LANGUAGE_CHOICES};
use crate::ui::list::CollectAny;
use crate::ui::state::tr;

/// A labelled select (with the element id `id`) bound to `output`.
pub fn output_language_select(id: &'static str, output: RwSignal<OutputLanguage>) -> impl IntoView {
    view! {
        <label>
            {tr(Msg::OutputLanguage)}
            <select id=id on:change:target=move |ev| {
                if let Some(choice) = OutputLanguage::from_code(&ev.target().value()) {
                    output.set(choice);
                }
            }>
                {OUTPUT_LANGUAGE_CHOICES
                    .iter()
                    .map(|c| view! { <option value=c.value selected=move || output.get().code() == c.value>{tr(c.label)}</option> })
                    .collect_any()}
            </select>
        </label>
    }
}
