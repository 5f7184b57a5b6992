//! What can be done with a finished draft: copy it as rich text or Markdown, download it as
//! .md, print it, edit it, open or copy its e-mail; and its word count against the prompt's
//! limit.

use leptos::html::Div;
use leptos::prelude::*;

use crate::i18n::Msg;
use crate::markdown;
use crate::prompts::{draft_email, mailto_link, word_count};
use crate::ui::browser;
use crate::ui::state::{tr, AppState};

use super::Panel;

/// Copies `text` to the clipboard and says whether it worked.
fn copy(state: AppState, text: String) {
    leptos::task::spawn_local(async move {
        let ok = browser::copy_text(&text).await;
        state.say(if ok { Msg::Copied } else { Msg::CopyFailed });
    });
}

/// The buttons under a finished draft.
#[component]
pub(super) fn DraftActions(
    panel: Panel,
    /// The rendered draft, whose text a reader sees is copied beside the HTML.
    output_node: NodeRef<Div>,
    /// File name for downloads, without extension.
    file_stem: String,
    /// The section holding an e-mail to the customer, offered as mailto: and copy.
    email_section: Option<Msg>,
    /// The customer's address for that e-mail (may be empty).
    mail_to: String,
) -> impl IntoView {
    let state = panel.state;
    let copy_markdown = move |_| copy(state, panel.text());
    // The rendered draft as HTML, and as the text a reader sees for plain-text destinations.
    let copy_rich = move |_| {
        let html = markdown::render(&panel.text());
        let plain = output_node
            .get_untracked()
            .map(|element| element.inner_text())
            .unwrap_or_else(|| panel.text());
        leptos::task::spawn_local(async move {
            let ok = browser::copy_rich(&html, &plain).await;
            state.say(if ok { Msg::Copied } else { Msg::CopyFailed });
        });
    };
    let download = move |_| {
        let name = format!("{file_stem}.md");
        if browser::download(&name, "text/markdown", &panel.text()).is_err() {
            state.say(Msg::CopyFailed);
        }
    };
    // The draft's e-mail (subject, body), read from the section in the draft's own language.
    let email = move || {
        let section = email_section?;
        panel.draft.with(|d| {
            d.as_ref()
                .and_then(|d| draft_email(&d.text, section, d.output_lang))
        })
    };
    view! {
        <div class="button-row draft-actions">
            <button class="button" id="copy-rich" on:click=copy_rich>{tr(Msg::CopyDraft)}</button>
            <button class="button" id="copy-markdown" on:click=copy_markdown>{tr(Msg::CopyMarkdown)}</button>
            <button class="button" id="download-md" on:click=download>{tr(Msg::DownloadMarkdown)}</button>
            <button class="button" id="print-draft" on:click=move |_| browser::print()>{tr(Msg::PrintDraft)}</button>
            <button class="button" id="edit-draft" on:click=move |_| panel.editing.set(true)>{tr(Msg::EditDraft)}</button>
            {move || email().map(|(subject, body)| {
                let text = format!("{subject}\n\n{body}");
                view! {
                    <a class="button" id="open-mail" href=mailto_link(&mail_to, &subject, &body)>{tr(Msg::OpenInMail)}</a>
                    <button class="button" id="copy-email" on:click=move |_| copy(state, text.clone())>{tr(Msg::CopyEmail)}</button>
                }
            })}
        </div>
    }
}

/// The draft's word count against the prompt's `word_limit`, marked when over it.
#[component]
pub(super) fn WordCount(panel: Panel, word_limit: Option<u32>) -> impl IntoView {
    move || {
        let limit = word_limit?;
        let n = panel
            .draft
            .with(|d| d.as_ref().map(|d| word_count(&d.text)))?;
        let text = Msg::WordCount.fill(
            panel.state.lang.get(),
            &[("n", &n.to_string()), ("limit", &limit.to_string())],
        );
        let over = n > limit as usize;
        Some(view! { <p class="word-count" id="word-count" class:alert=over>{text}</p> })
    }
}
