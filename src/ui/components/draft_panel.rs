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

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::AbortController;

use crate::domain::draft::{Draft, DraftSource, DraftStatus, Usage};
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};
use crate::llm::connections::Connections;
use crate::llm::decode::StreamEvent;
use crate::llm::request::chat_request;
use crate::llm::transport::{stream_chat_retrying, Failure};
use crate::markdown;
use crate::prompts::{draft_email, mailto_link, word_count, OutputLanguage};
use crate::storage::error::StorageError;
use crate::ui::ai;
use crate::ui::browser;
use crate::ui::components::output_language::output_language_select;
use crate::ui::components::streaming_view::StreamingView;
use crate::ui::load::load;
use crate::ui::state::{hold_while, tr, use_app, AppState};

/// The value of the source picker that selects the built-in drafter.
const BUILT_IN: &str = "builtin";
/// How often a streaming draft is saved, in milliseconds.
const SAVE_EVERY_MS: f64 = 1_000.0;

/// One generation as the prompt prepares it: the new draft (already filled by the built-in
/// drafter when that was chosen) and the messages for a model.
pub struct Generation {
    pub draft: Draft,
    pub system: String,
    pub user: String,
}

/// Saves a draft; a failure is reported but never stops the stream. A `settled` draft (no
/// longer streaming) also refreshes the history here and in other tabs.
fn save(state: AppState, draft: Draft, settled: bool) {
    leptos::task::spawn_local(async move {
        let Some(db) = state.db() else { return };
        match db.put(&draft).await {
            Ok(()) if settled => state.changed(),
            Ok(()) => {}
            Err(error) => state.report(&error),
        }
    });
}

/// Where an answer is painted: the finished blocks and the unfinished tail.
#[derive(Clone, Copy)]
struct OutputNodes {
    finished: NodeRef<Div>,
    tail: NodeRef<Div>,
}

impl OutputNodes {
    fn new() -> Self {
        Self {
            finished: NodeRef::new(),
            tail: NodeRef::new(),
        }
    }

    /// Shows a whole draft, rendered in one go.
    fn show(self, markdown_text: &str) {
        let (Some(finished), Some(tail)) = (
            self.finished.try_get_untracked().flatten(),
            self.tail.try_get_untracked().flatten(),
        ) else {
            return;
        };
        // Only renderer output is inserted (see the module documentation).
        finished.set_inner_html(&markdown::render(markdown_text));
        tail.set_inner_html("");
    }

    /// Starts painting an answer as it streams in.
    fn stream(self) -> Option<StreamingView> {
        let finished = self.finished.try_get_untracked().flatten()?;
        let tail = self.tail.try_get_untracked().flatten()?;
        Some(StreamingView::new(finished.into(), tail.into()))
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
    let state = use_app();
    let owner = StoredValue::new(owner);
    let source = RwSignal::new(String::new());
    let output_language = RwSignal::new(OutputLanguage::SameAsInterface);
    let draft = RwSignal::new(None::<Draft>);
    let streaming = RwSignal::new(false);
    let elapsed_ms = RwSignal::new(0u64);
    let error = RwSignal::new(None::<String>);
    let editing = RwSignal::new(false);
    let controller = StoredValue::new_local(None::<AbortController>);
    let output = OutputNodes::new();
    let output_node = NodeRef::<Div>::new();
    let live = StoredValue::new_local(None::<StreamingView>);
    hold_while(move || streaming.get() || editing.get());

    let connections = load(move || {
        state.data_version.track();
        let db = state.db();
        Box::pin(async move { ai::load_connections(&*db.ok_or(StorageError::Unavailable)?).await })
    });
    let history = load(move || {
        state.data_version.track();
        let db = state.db();
        let (record_id, prompt_id) = owner.get_value();
        Box::pin(async move {
            let db = db.ok_or(StorageError::Unavailable)?;
            let mut drafts: Vec<Draft> = db.list::<Draft>().await?;
            drafts.retain(|d| d.record_id == record_id && d.prompt_id == prompt_id);
            sorting::sort_by_key(&mut drafts, |d| std::cmp::Reverse(d.created_at));
            Ok::<_, StorageError>(drafts.into_iter().map(Draft::as_loaded).collect::<Vec<_>>())
        })
    });
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

    // Also called when a stream ends, possibly after the user left the page: hence `try_`.
    let show = move |d: &Draft| {
        output.show(&d.text);
        draft.try_set(Some(d.clone()));
    };

    let run = move || {
        if streaming.get_untracked() {
            return;
        }
        error.set(None);
        editing.set(false);
        let lang = output_language
            .get_untracked()
            .resolve(state.lang.get_untracked());
        let all: Connections = connections
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        let chosen = source.get_untracked();
        let Some(connection) = all.get(&chosen).cloned() else {
            let generation = compose.run((lang, DraftSource::BuiltIn));
            show(&generation.draft);
            save(state, generation.draft, true);
            return;
        };
        let model_source = DraftSource::Model {
            provider: connection.name.clone(),
            model: connection.label(),
        };
        let Generation {
            draft: mut current,
            system,
            user,
        } = compose.run((lang, model_source));
        let request = match chat_request(&connection.profile, &system, &user) {
            Ok(r) => r,
            Err(msg) => return error.set(Some(msg.text(state.lang.get_untracked()).to_string())),
        };
        show(&current);
        live.set_value(output.stream());
        save(state, current.clone(), false);
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
            let outcome = async {
                let Ok(abort) = AbortController::new() else {
                    return Err(Failure::Aborted);
                };
                let signal = abort.signal();
                controller.try_set_value(Some(abort));
                let mut last_save = js_sys::Date::now();
                // A rate limit's countdown, shown until it ends or Stop cuts it short.
                let on_wait = |left: Option<u64>| {
                    error.try_set(left.map(|seconds| {
                        let seconds = seconds.to_string();
                        Msg::RetryingIn.fill(state.lang.get_untracked(), &[("seconds", &seconds)])
                    }));
                };
                let kind = connection.profile.kind;
                stream_chat_retrying(&request, kind, &signal, on_wait, |events| {
                    for event in events {
                        match event {
                            StreamEvent::Text(text) | StreamEvent::Refusal(text) => {
                                current.text.push_str(&text);
                                let now = js_sys::Date::now();
                                live.try_update_value(|view| {
                                    view.as_mut().map(|view| view.push(&text, now))
                                });
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
                                    error.try_set(Some(notice.text(lang).to_string()));
                                }
                            }
                            StreamEvent::Reasoning(_) => {}
                        }
                    }
                    if js_sys::Date::now() - last_save >= SAVE_EVERY_MS {
                        last_save = js_sys::Date::now();
                        current.updated_at = browser::now();
                        save(state, current.clone(), false);
                    }
                })
                .await
            }
            .await;
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
            live.try_set_value(None);
            show(&current);
            save(state, current, true);
            if let Some(t) = ticker {
                t.clear();
            }
            elapsed_ms.try_set((js_sys::Date::now() - started) as u64);
            controller.try_set_value(None);
            streaming.try_set(false);
        });
    };

    on_cleanup(move || {
        controller.try_with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    });
    let stop = move |_| {
        controller.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        })
    };
    let text = move || draft.with(|d| d.as_ref().map(|d| d.text.clone()).unwrap_or_default());
    let copy_markdown = move |_| {
        let markdown = text();
        leptos::task::spawn_local(async move {
            let ok = browser::copy_text(&markdown).await;
            state.say(if ok { Msg::Copied } else { Msg::CopyFailed });
        });
    };
    // The rendered draft as HTML, and as the text a reader sees for plain-text destinations.
    let copy_rich = move |_| {
        let html = markdown::render(&text());
        let plain = output_node
            .get_untracked()
            .map(|element| element.inner_text())
            .unwrap_or_else(text);
        leptos::task::spawn_local(async move {
            let ok = browser::copy_rich(&html, &plain).await;
            state.say(if ok { Msg::Copied } else { Msg::CopyFailed });
        });
    };
    let download = move |_| {
        let name = format!("{file_stem}.md");
        if browser::download(&name, "text/markdown", &text()).is_err() {
            state.say(Msg::CopyFailed);
        }
    };
    // The draft's e-mail (subject, body), read from the section in the draft's own language.
    let email = move || {
        let section = email_section?;
        draft.with(|d| {
            d.as_ref()
                .and_then(|d| draft_email(&d.text, section, d.output_lang))
        })
    };
    let copy_email = move |_| {
        if let Some((subject, body)) = email() {
            leptos::task::spawn_local(async move {
                let ok = browser::copy_text(&format!("{subject}\n\n{body}")).await;
                state.say(if ok { Msg::Copied } else { Msg::CopyFailed });
            });
        }
    };
    let word_count_line = move || {
        let limit = word_limit?;
        let n = draft.with(|d| d.as_ref().map(|d| word_count(&d.text)))?;
        let text = Msg::WordCount.fill(
            state.lang.get(),
            &[("n", &n.to_string()), ("limit", &limit.to_string())],
        );
        let over = n > limit as usize;
        Some(view! { <p class="word-count" id="word-count" class:alert=over>{text}</p> })
    };
    let finish_editing = move |_| {
        if let Some(mut d) = draft.get_untracked() {
            d.status = DraftStatus::Edited;
            d.updated_at = browser::now();
            show(&d);
            save(state, d, true);
        }
        editing.set(false);
    };
    let status_line = move || {
        let lang = state.lang.get();
        let mut parts = Vec::new();
        if let Some(d) = draft.get() {
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
        let ms = elapsed_ms.get();
        if streaming.get() || ms > 0 {
            parts.push(Msg::Elapsed.fill(
                lang,
                &[("seconds", &format!("{}.{}", ms / 1000, ms % 1000 / 100))],
            ));
        }
        parts.join(" · ")
    };
    let source_options = move || {
        connections.get().and_then(Result::ok).map(|all| {
            all.list
                .into_iter()
                .map(|c| {
                    let id = c.id.clone();
                    view! { <option value=c.id selected=move || source.get() == id>{c.label()}</option> }
                })
                .collect_view()
        })
    };
    let history_items = move || {
        history
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|d| {
                let label = format!("{} · {}", crate::domain::listing::format_utc_minute(d.created_at), d.status.label().text(state.lang.get()));
                view! { <li><button class="link-button" on:click=move |_| show(&d)>{label}</button></li> }
            })
            .collect_view()
    };

    view! {
        <section class="draft-panel" aria-labelledby="draft-heading">
            <h2 id="draft-heading">{tr(Msg::DraftTitle)}</h2>
            <div class="draft-options">
                <label>
                    {tr(Msg::WriteWith)}
                    <select id="draft-source" on:change:target=move |ev| source.set(ev.target().value())>
                        <option value=BUILT_IN selected=move || source.get() == BUILT_IN>{tr(Msg::BuiltInDrafter)}</option>
                        {source_options}
                    </select>
                </label>
                {output_language_select("draft-language", output_language)}
            </div>
            <div class="button-row">
                <button class="button primary" id="generate" disabled=move || streaming.get() on:click=move |_| run()>
                    {move || if draft.with(Option::is_some) { tr(Msg::Regenerate)() } else { tr(Msg::Generate)() }}
                </button>
                <button class="button" id="stop" disabled=move || !streaming.get() on:click=stop>{tr(Msg::Stop)}</button>
            </div>
            <p class="draft-status" id="draft-status" aria-live="polite">{status_line}</p>
            {move || error.get().map(|e| view! { <p class="error-text" id="draft-error" role="alert">{e}</p> })}
            <Show when=move || editing.get()>
                <DraftEditor draft=draft text=Signal::derive(text) />
                <div class="button-row">
                    <button class="button primary" id="finish-editing" on:click=finish_editing>{tr(Msg::DoneEditing)}</button>
                </div>
            </Show>
            <div class="draft-output markdown" id="draft-output" role="region" aria-label=tr(Msg::GeneratedDraft)
                node_ref=output_node class:hidden=move || editing.get()
                aria-busy=move || streaming.get().to_string()>
                <div node_ref=output.finished></div>
                <div node_ref=output.tail></div>
            </div>
            {move || (draft.with(Option::is_some) && !streaming.get() && !editing.get()).then(|| view! {
                <div class="button-row draft-actions">
                    <button class="button" id="copy-rich" on:click=copy_rich>{tr(Msg::CopyDraft)}</button>
                    <button class="button" id="copy-markdown" on:click=copy_markdown>{tr(Msg::CopyMarkdown)}</button>
                    <button class="button" id="download-md" on:click=download.clone()>{tr(Msg::DownloadMarkdown)}</button>
                    <button class="button" id="print-draft" on:click=move |_| browser::print()>{tr(Msg::PrintDraft)}</button>
                    <button class="button" id="edit-draft" on:click=move |_| editing.set(true)>{tr(Msg::EditDraft)}</button>
                    {email().map(|(subject, body)| view! {
                        <a class="button" id="open-mail" href=mailto_link(&mail_to, &subject, &body)>{tr(Msg::OpenInMail)}</a>
                        <button class="button" id="copy-email" on:click=copy_email>{tr(Msg::CopyEmail)}</button>
                    })}
                </div>
            })}
            {word_count_line}
            <details class="draft-history" id="draft-history">
                <summary>{tr(Msg::DraftHistory)}</summary>
                <ul>{history_items}</ul>
            </details>
        </section>
    }
}

/// Edits a draft's Markdown source beside a preview rendered as the user types.
#[component]
fn DraftEditor(draft: RwSignal<Option<Draft>>, text: Signal<String>) -> impl IntoView {
    // Only renderer output is inserted (see the module documentation).
    let preview = move || markdown::render(&text.get());
    view! {
        <div class="draft-edit">
            <label class="block">
                {tr(Msg::DraftMarkdownSource)}
                <textarea class="draft-editor" id="draft-editor" rows="18" prop:value=text
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
    }
}
