//! Generating a draft: the writer and output-language pickers, Generate / Stop, a preview of
//! exactly what will be sent, and a model's answer streamed into the panel (customer
//! identities redacted on the way out and restored as the answer arrives; painted as it
//! arrives, saved about once a second and when it ends, whether complete, stopped or failed).

use leptos::prelude::*;
use web_sys::AbortController;

use crate::domain::draft::{Draft, DraftSource, DraftStatus, Usage};
use crate::i18n::{Lang, Msg};
use crate::llm::connections::{Connection, Connections};
use crate::llm::decode::StreamEvent;
use crate::llm::profile::ProviderKind;
use crate::llm::redact::{outgoing_chat, preview, Outgoing, Restorer};
use crate::llm::request::HttpRequest;
use crate::llm::transport::{stream_chat_retrying, Failure};
use crate::prompts::OutputLanguage;
use crate::storage::error::StorageError;
use crate::ui::ai;
use crate::ui::browser;
use crate::ui::components::output_language::output_language_select;
use crate::ui::components::streaming_view::StreamingView;
use crate::ui::list::CollectAny;
use crate::ui::load::{load_db, Loaded};
use crate::ui::state::tr;

use super::{Generation, Panel};

/// The value of the source picker that selects the built-in drafter.
const BUILT_IN: &str = "builtin";
/// How often a streaming draft is saved, in milliseconds.
const SAVE_EVERY_MS: f64 = 1_000.0;

/// Who writes, in which language, and the answer being streamed. `Copy`: arena handles.
#[derive(Clone, Copy)]
struct Generator {
    panel: Panel,
    compose: Callback<(Lang, DraftSource), Generation>,
    /// The chosen connection's id, or `BUILT_IN`.
    source: RwSignal<String>,
    output_language: RwSignal<OutputLanguage>,
    connections: Loaded<Result<Connections, StorageError>>,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    live: StoredValue<Option<StreamingView>, LocalStorage>,
    /// What "Preview what will be sent" shows, while open.
    preview: RwSignal<Option<String>>,
}

/// The writer and language pickers and the Generate (or Regenerate) and Stop buttons.
#[component]
pub(super) fn DraftControls(
    panel: Panel,
    /// Prepares a generation for an output language and a source.
    compose: Callback<(Lang, DraftSource), Generation>,
) -> impl IntoView {
    let source = RwSignal::new(String::new());
    let connections = load_db(move |db| async move { ai::load_connections(&db).await });
    let generator = Generator {
        panel,
        compose,
        source,
        output_language: RwSignal::new(OutputLanguage::SameAsInterface),
        connections,
        controller: StoredValue::new_local(None),
        live: StoredValue::new_local(None),
        preview: RwSignal::new(None),
    };
    // Preselect the default connection (or the built-in drafter) once connections are known.
    Effect::new(move |_| {
        if let Some(Ok(all)) = connections.get() {
            if source.get_untracked().is_empty() {
                source.set(
                    all.default_id
                        .clone()
                        .unwrap_or_else(|| BUILT_IN.to_string()),
                );
            }
        }
    });
    on_cleanup(move || generator.stop());
    let source_options = move || {
        connections.get().and_then(Result::ok).map(|all| {
            all.list
                .into_iter()
                .map(|c| {
                    let id = c.id.clone();
                    view! { <option value=c.id selected=move || source.get() == id>{c.label()}</option> }
                })
                .collect_any()
        })
    };
    let (draft, streaming) = (panel.draft, panel.streaming);
    view! {
        <div class="draft-options">
            <label>
                {tr(Msg::WriteWith)}
                <select id="draft-source" on:change:target=move |ev| source.set(ev.target().value())>
                    <option value=BUILT_IN selected=move || source.get() == BUILT_IN>{tr(Msg::BuiltInDrafter)}</option>
                    {source_options}
                </select>
            </label>
            {output_language_select("draft-language", generator.output_language)}
        </div>
        <div class="button-row">
            <button class="button primary" id="generate" disabled=move || streaming.get() on:click=move |_| generator.run()>
                {move || if draft.with(Option::is_some) { tr(Msg::Regenerate)() } else { tr(Msg::Generate)() }}
            </button>
            <button class="button" id="stop" disabled=move || !streaming.get() on:click=move |_| generator.stop()>{tr(Msg::Stop)}</button>
            <button class="button" type="button" aria-expanded=move || generator.preview.with(Option::is_some).to_string()
                on:click=move |_| generator.toggle_preview()>{tr(Msg::PreviewRequest)}</button>
        </div>
        {move || generator.preview.get().map(|body| view! {
            <pre class="request-preview" tabindex="0" role="region" aria-label=tr(Msg::PreviewRequest)>{body}</pre>
        })}
    }
}

impl Generator {
    /// The chosen connection, or `None` for the built-in drafter.
    fn connection(self) -> Option<Connection> {
        let all: Connections = self
            .connections
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        all.get(&self.source.get_untracked()).cloned()
    }

    /// The output language chosen, resolved against the interface's.
    fn language(self) -> Lang {
        self.output_language
            .get_untracked()
            .resolve(self.panel.state.lang.get_untracked())
    }

    /// Opens (or closes) the exact request body the chosen connection would be sent, after
    /// redaction; with the built-in drafter, says that nothing leaves the browser.
    fn toggle_preview(self) {
        if self.preview.with_untracked(Option::is_some) {
            return self.preview.set(None);
        }
        let ui = self.panel.state.lang.get_untracked();
        let lang = self.language();
        let shown = match self.connection() {
            None => Msg::PreviewBuiltIn.text(ui).to_string(),
            Some(connection) => {
                let source = DraftSource::Model {
                    provider: connection.name.clone(),
                    model: connection.label(),
                };
                let generation = self.compose.run((lang, source));
                match outgoing_chat(
                    &connection,
                    generation.names,
                    &generation.system,
                    &generation.user,
                ) {
                    Ok(outgoing) => preview(&outgoing.request),
                    Err(msg) => msg.text(ui).to_string(),
                }
            }
        };
        self.preview.set(Some(shown));
    }

    /// Writes a new draft with the chosen writer: at once with the built-in drafter, streamed
    /// with a model.
    fn run(self) {
        let Panel {
            state,
            streaming,
            error,
            editing,
            ..
        } = self.panel;
        if streaming.get_untracked() {
            return;
        }
        error.set(None);
        editing.set(false);
        self.preview.set(None);
        let lang = self.language();
        let Some(connection) = self.connection() else {
            let generation = self.compose.run((lang, DraftSource::BuiltIn));
            self.panel.show(&generation.draft);
            self.panel.save(generation.draft, true);
            return;
        };
        let model_source = DraftSource::Model {
            provider: connection.name.clone(),
            model: connection.label(),
        };
        let Generation {
            draft,
            system,
            user,
            names,
        } = self.compose.run((lang, model_source));
        match outgoing_chat(&connection, names, &system, &user) {
            Ok(outgoing) => self.stream(outgoing, connection.profile.kind, draft, lang),
            Err(msg) => error.set(Some(msg.text(state.lang.get_untracked()).to_string())),
        }
    }

    /// Stops the answer being streamed, if any.
    fn stop(self) {
        self.controller.try_with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    }

    /// Streams the answer to `outgoing` into `current`, restored, with the elapsed time
    /// ticking.
    fn stream(self, outgoing: Outgoing, kind: ProviderKind, mut current: Draft, lang: Lang) {
        let Outgoing {
            request,
            mut restorer,
        } = outgoing;
        let Panel {
            streaming,
            elapsed_ms,
            output,
            ..
        } = self.panel;
        let live = self.live;
        self.panel.show(&current);
        live.set_value(output.stream());
        self.panel.save(current.clone(), false);
        streaming.set(true);
        elapsed_ms.set(0);
        let started = js_sys::Date::now();
        let ticker = set_interval_with_handle(
            move || {
                let now = js_sys::Date::now();
                elapsed_ms.try_set((now - started) as u64);
                live.try_update_value(|view| view.as_mut().map(|view| view.flush(now)));
            },
            std::time::Duration::from_millis(200),
        )
        .ok();
        leptos::task::spawn_local(async move {
            let outcome = self
                .receive(&request, kind, &mut current, &mut restorer, lang)
                .await;
            // Text held back in case it began a placeholder belongs to the answer too.
            self.paint(&mut current, &restorer.finish());
            if let Some(t) = ticker {
                t.clear();
            }
            self.finish(current, outcome, started);
        });
    }

    /// Reads the answer into `current` until it ends, saving it about once a second.
    async fn receive(
        self,
        request: &HttpRequest,
        kind: ProviderKind,
        current: &mut Draft,
        restorer: &mut Restorer,
        lang: Lang,
    ) -> Result<(), Failure> {
        let Ok(abort) = AbortController::new() else {
            return Err(Failure::Aborted);
        };
        let signal = abort.signal();
        self.controller.try_set_value(Some(abort));
        let Panel { state, error, .. } = self.panel;
        let mut last_save = js_sys::Date::now();
        // A rate limit's countdown, shown until it ends or Stop cuts it short.
        let mut on_wait = |left: Option<u64>| {
            error.try_set(left.map(|seconds| {
                let seconds = seconds.to_string();
                Msg::RetryingIn.fill(state.lang.get_untracked(), &[("seconds", &seconds)])
            }));
        };
        stream_chat_retrying(request, kind, &signal, &mut on_wait, &mut |events| {
            for event in events {
                self.take(current, restorer, event, lang);
            }
            if js_sys::Date::now() - last_save >= SAVE_EVERY_MS {
                last_save = js_sys::Date::now();
                current.updated_at = browser::now();
                self.panel.save(current.clone(), false);
            }
        })
        .await
    }

    /// Adds one event of the stream to `current`: text is painted, usage kept, and a notice
    /// about why the answer ended shown.
    fn take(self, current: &mut Draft, restorer: &mut Restorer, event: StreamEvent, lang: Lang) {
        match event {
            StreamEvent::Text(text) | StreamEvent::Refusal(text) => {
                self.paint(current, &restorer.push(&text));
            }
            StreamEvent::Usage {
                input_tokens,
                output_tokens,
            } => {
                let usage = current.usage.get_or_insert_with(Usage::default);
                usage.input_tokens = input_tokens.unwrap_or(usage.input_tokens);
                usage.output_tokens = output_tokens.unwrap_or(usage.output_tokens);
            }
            StreamEvent::Finished(reason) => {
                if let Some(notice) = reason.notice() {
                    self.panel
                        .error
                        .try_set(Some(notice.text(lang).to_string()));
                }
            }
            StreamEvent::Reasoning(_) => {}
        }
    }

    /// Adds restored answer text to `current` and paints it.
    fn paint(self, current: &mut Draft, text: &str) {
        if text.is_empty() {
            return;
        }
        current.text.push_str(text);
        let now = js_sys::Date::now();
        self.live
            .try_update_value(|view| view.as_mut().map(|view| view.push(text, now)));
    }

    /// Settles the draft once the stream ended with `outcome`: shows and saves it whole.
    fn finish(self, mut current: Draft, outcome: Result<(), Failure>, started: f64) {
        let Panel {
            state,
            error,
            elapsed_ms,
            streaming,
            ..
        } = self.panel;
        current.status = match &outcome {
            Ok(()) => DraftStatus::Complete,
            Err(Failure::Aborted) => DraftStatus::Stopped,
            Err(failure) => DraftStatus::Failed {
                message: ai::describe(failure, state.lang.get_untracked()),
            },
        };
        if let DraftStatus::Failed { message } = &current.status {
            error.try_set(Some(message.clone()));
        }
        current.updated_at = browser::now();
        self.live.try_set_value(None);
        self.panel.show(&current);
        self.panel.save(current, true);
        elapsed_ms.try_set((js_sys::Date::now() - started) as u64);
        self.controller.try_set_value(None);
        streaming.try_set(false);
    }
}
