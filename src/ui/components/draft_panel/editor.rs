//! Editing a draft by hand: its Markdown source beside a preview rendered as the user types,
//! and "Done editing", which saves it as edited.

use leptos::prelude::*;

use crate::domain::draft::DraftStatus;
use crate::i18n::Msg;
use crate::markdown;
use crate::ui::browser;
use crate::ui::state::tr;

use super::Panel;

/// Edits the shown draft's Markdown source beside a preview rendered as the user types.
#[component]
pub(super) fn DraftEditor(panel: Panel) -> impl IntoView {
    let draft = panel.draft;
    // Only renderer output is inserted (see the parent module's documentation).
    let preview = move || markdown::render(&panel.text());
    let finish_editing = move |_| {
        if let Some(mut d) = draft.get_untracked() {
            d.status = DraftStatus::Edited;
            d.updated_at = browser::now();
            panel.show(&d);
            panel.save(d, true);
        }
        panel.editing.set(false);
    };
    view! {
        <div class="draft-edit">
            <label class="block">
                {tr(Msg::DraftMarkdownSource)}
                <textarea class="draft-editor" id="draft-editor" rows="18" prop:value=move || panel.text()
                    on:input:target=move |ev| draft.update(|d| {
                        if let Some(d) = d {
                            d.text = ev.target().value();
                        }
                    })></textarea>
            </label>
            <section class="draft-preview" aria-labelledby="draft-preview-heading">
                <h3 id="draft-preview-heading">{tr(Msg::DraftPreview)}</h3>
                <div class="markdown" inner_html=preview></div>
            </section>
        </div>
        <div class="button-row">
            <button class="button primary" id="finish-editing" on:click=finish_editing>{tr(Msg::DoneEditing)}</button>
        </div>
    }
}
