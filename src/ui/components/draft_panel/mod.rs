//! The draft panel every guided prompt uses: choose who writes (the built-in drafter or an AI
//! connection) and the output language, then Generate / Stop / Regenerate with the answer
//! rendered as Markdown while it streams, elapsed time and token usage; copy as rich text or
//! Markdown, download .md, print, edit the Markdown with a rendered preview, and earlier
//! drafts. Every draft is saved with its inputs, about once a second while streaming and when
//! it ends, so a stopped, failed or interrupted answer keeps its text.
//!
//! While streaming, `StreamingView` appends finished blocks once and repaints only the
//! unfinished tail, so the cost per chunk does not grow with the answer. All HTML shown here
//! comes from the sanitising renderer in `crate::markdown`.

mod actions;
mod editor;
mod generate;
mod history;
mod output;

use leptos::html::Div;
use leptos::prelude::*;

use crate::domain::draft::{Draft, DraftSource};
use crate::i18n::{Lang, Msg};
use crate::llm::redact::Kind;
use crate::ui::state::{hold_while, tr, use_app, AppState};

use actions::{DraftActions, WordCount};
use editor::DraftEditor;
use generate::DraftControls;
use history::DraftHistory;
use output::OutputNodes;

/// One generation as the prompt prepares it: the new draft (already filled by the built-in
/// drafter when that was chosen) and the messages for a model.
pub struct Generation {
    pub draft: Draft,
    pub system: String,
    pub user: String,
    /// The customers and people the messages may name, redacted where the connection asks.
    pub names: Vec<(Kind, String)>,
}

/// What the parts of the panel share: the draft shown, the state of its generation and where
/// it is painted. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
struct Panel {
    state: AppState,
    draft: RwSignal<Option<Draft>>,
    streaming: RwSignal<bool>,
    elapsed_ms: RwSignal<u64>,
    error: RwSignal<Option<String>>,
    editing: RwSignal<bool>,
    output: OutputNodes,
}

impl Panel {
    fn new() -> Self {
        Self {
            state: use_app(),
            draft: RwSignal::new(None),
            streaming: RwSignal::new(false),
            elapsed_ms: RwSignal::new(0),
            error: RwSignal::new(None),
            editing: RwSignal::new(false),
            output: OutputNodes::new(),
        }
    }

    /// Shows `draft` in the output. Also called when a stream ends, possibly after the user
    /// left the page: hence `try_`.
    fn show(self, draft: &Draft) {
        self.output.show(&draft.text);
        self.draft.try_set(Some(draft.clone()));
    }

    /// The Markdown of the draft shown (empty when there is none).
    fn text(self) -> String {
        self.draft
            .with(|d| d.as_ref().map(|d| d.text.clone()).unwrap_or_default())
    }

    /// Saves a draft; a failure is reported but never stops the stream. A `settled` draft (no
    /// longer streaming) also refreshes the history here and in other tabs.
    fn save(self, draft: Draft, settled: bool) {
        let state = self.state;
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match db.put(&draft).await {
                Ok(()) if settled => state.changed(),
                Ok(()) => {}
                Err(error) => state.report(&error),
            }
        });
    }
}

#[component]
pub fn DraftPanel(
    /// Which drafts belong here: (record id, prompt id).
    owner: (String, &'static str),
    /// File name for downloads, without extension.
    file_stem: String,
    /// Prepares a generation for an output language and a source.
    compose: Callback<(Lang, DraftSource), Generation>,
    /// The prompt's length limit in words, shown against the draft's word count.
    word_limit: Option<u32>,
    /// The section holding an e-mail to the customer, offered as mailto: and copy.
    email_section: Option<Msg>,
    /// The customer's address for that e-mail (may be empty).
    mail_to: String,
) -> impl IntoView {
    let panel = Panel::new();
    hold_while(move || panel.streaming.get() || panel.editing.get());
    let Panel {
        draft,
        streaming,
        editing,
        error,
        output,
        ..
    } = panel;
    let output_node = NodeRef::<Div>::new();
    view! {
        <section class="draft-panel" aria-labelledby="draft-heading">
            <h2 id="draft-heading">{tr(Msg::DraftTitle)}</h2>
            <DraftControls panel compose />
            <p class="draft-status" id="draft-status" role="status" aria-live="polite" aria-atomic="true">
                {move || status_line(panel)}<span aria-hidden="true">{move || elapsed_line(panel)}</span>
            </p>
            {move || error.get().map(|e| view! { <p class="error-text" id="draft-error" role="alert">{e}</p> })}
            <Show when=move || editing.get()>
                <DraftEditor panel />
            </Show>
            <div class="draft-output markdown" id="draft-output" role="region" aria-label=tr(Msg::GeneratedDraft)
                node_ref=output_node class:hidden=move || editing.get()
                aria-busy=move || streaming.get().to_string()>
                <div node_ref=output.finished></div>
                <div node_ref=output.tail></div>
            </div>
            {move || (draft.with(Option::is_some) && !streaming.get() && !editing.get()).then(|| view! {
                <DraftActions panel output_node file_stem=file_stem.clone() email_section mail_to=mail_to.clone() />
            })}
            <WordCount panel word_limit />
            <DraftHistory panel owner />
        </section>
    }
}

/// The draft's status, who wrote it and its token usage, joined by " · ".
fn status_line(panel: Panel) -> String {
    let lang = panel.state.lang.get();
    let mut parts = Vec::new();
    if let Some(d) = panel.draft.get() {
        parts.push(d.status.label().text(lang).to_string());
        parts.push(match &d.source {
            DraftSource::BuiltIn => Msg::BuiltInDrafter.text(lang).to_string(),
            DraftSource::Model { model, .. } => model.clone(),
        });
        if let Some(usage) = d.usage {
            parts.push(Msg::TokenUsage.fill(
                lang,
                &[
                    ("input", &usage.input_tokens.to_string()),
                    ("output", &usage.output_tokens.to_string()),
                ],
            ));
        }
    }
    parts.join(" · ")
}

/// The time taken, ticking while streaming: shown, but kept out of the announced status.
fn elapsed_line(panel: Panel) -> Option<String> {
    let ms = panel.elapsed_ms.get();
    (panel.streaming.get() || ms > 0).then(|| {
        let seconds = format!("{}.{}", ms / 1000, ms % 1000 / 100);
        let elapsed = Msg::Elapsed.fill(panel.state.lang.get(), &[("seconds", &seconds)]);
        if panel.draft.with(Option::is_some) {
            format!(" · {elapsed}")
        } else {
            elapsed
        }
    })
}
