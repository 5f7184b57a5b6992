//! The analysis with a model: the chunks are sent one after another (progress, Stop, a clear
//! error and a retry per chunk, a wait on a rate limit) and what they found is merged into
//! the proposals of the review.

use std::rc::Rc;

use leptos::prelude::*;
use web_sys::AbortController;

use super::{after_render, Screen};
use crate::domain::feedback::themes::{merge_themes, ThemeDraft};
use crate::i18n::{Lang, Msg};
use crate::llm::connections::Connection;
use crate::llm::decode::StreamEvent;
use crate::llm::profile::ProviderKind;
use crate::llm::redact::{outgoing_chat, Kind, Outgoing, Restorer};
use crate::llm::request::HttpRequest;
use crate::llm::transport::{stream_chat_retrying, Failure};
use crate::prompts::feedback::theme_run::{read_answer, system_message, user_message, Chunk};
use crate::ui::ai;
use crate::ui::list::CollectAny;
use crate::ui::state::tr;

/// Where one chunk of an AI analysis stands.
#[derive(Clone)]
pub(super) enum ChunkState {
    Pending,
    Done(Vec<ThemeDraft>),
    /// The error shown for the chunk, in the interface language.
    Failed(String),
}

/// One analysis with a model: to whom, in which language, and what is sent.
pub(super) struct Job {
    pub(super) connection: Connection,
    pub(super) lang: Lang,
    /// The analysed items' ids, in the order of their references.
    pub(super) ids: Vec<String>,
    pub(super) chunks: Vec<Chunk>,
    /// The customers and people known, which redaction replaces.
    pub(super) names: Vec<(Kind, String)>,
}

/// The analysis under way (or stopped): the job, where each chunk stands, the chunk being
/// sent, the rate-limit wait or stop notice, and the request that Stop aborts.
#[derive(Clone, Copy)]
pub(super) struct RunState {
    pub(super) job: StoredValue<Option<Rc<Job>>, LocalStorage>,
    pub(super) chunks: RwSignal<Vec<ChunkState>>,
    pub(super) running: RwSignal<bool>,
    current: RwSignal<usize>,
    status: RwSignal<Option<String>>,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
}

impl RunState {
    pub(super) fn new() -> Self {
        Self {
            job: StoredValue::new_local(None),
            chunks: RwSignal::new(Vec::new()),
            running: RwSignal::new(false),
            current: RwSignal::new(0),
            status: RwSignal::new(None),
            controller: StoredValue::new_local(None),
        }
    }

    /// Stops the request under way, if any.
    pub(super) fn abort(self) {
        self.controller.try_with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    }

    /// Forgets the analysis.
    pub(super) fn clear(self) {
        self.job.set_value(None);
        self.chunks.set(Vec::new());
        self.status.set(None);
    }

    /// Sets the state of chunk `k`; `None` once the screen is gone.
    fn mark(self, k: usize, next: ChunkState) -> Option<()> {
        self.chunks.try_update(|all| {
            if let Some(s) = all.get_mut(k) {
                *s = next;
            }
        })
    }

    /// The chunks that have found their themes.
    fn finished(self) -> usize {
        self.chunks.with(|all| {
            all.iter()
                .filter(|c| matches!(c, ChunkState::Done(_)))
                .count()
        })
    }
}

impl Screen {
    /// Runs the chunks of `order` one after another. An invalid answer marks its chunk and
    /// the run goes on; a failed request (after one wait on a rate limit) or Stop ends it.
    pub(super) fn run(self, order: Vec<usize>) {
        let run = self.run;
        let Some(job) = run.job.get_value() else {
            return;
        };
        if run.running.get_untracked() {
            return;
        }
        run.running.set(true);
        run.status.set(None);
        let ui = self.state.lang.get_untracked();
        leptos::task::spawn_local(async move {
            let system = system_message(job.lang);
            for k in order {
                let Some(chunk) = job.chunks.get(k) else {
                    continue;
                };
                if run.mark(k, ChunkState::Pending).is_none() {
                    return;
                }
                run.current.try_set(k);
                let (next, stop) = send_chunk(run, &job, chunk, &system, ui).await;
                run.mark(k, next);
                if stop {
                    break;
                }
            }
            run.controller.try_set_value(None);
            run.running.try_set(false);
            let all_done = run
                .chunks
                .try_with_untracked(|all| all.iter().all(|c| matches!(c, ChunkState::Done(_))));
            if all_done == Some(true) {
                self.proceed();
            } else {
                after_render("themes-progress-text");
            }
        });
    }

    /// Merges what the finished chunks found and opens the review.
    fn proceed(self) {
        let Some(lang) = self.run.job.with_value(|j| j.as_ref().map(|j| j.lang)) else {
            return;
        };
        let found: Vec<Vec<ThemeDraft>> = self.run.chunks.with_untracked(|all| {
            all.iter()
                .filter_map(|c| match c {
                    ChunkState::Done(themes) => Some(themes.clone()),
                    _ => None,
                })
                .collect()
        });
        self.open_review(merge_themes(found, lang));
    }
}

/// Sends one chunk and reads its answer: the chunk's new state, and whether the run stops.
async fn send_chunk(
    run: RunState,
    job: &Job,
    chunk: &Chunk,
    system: &str,
    ui: Lang,
) -> (ChunkState, bool) {
    let user = user_message(job.lang, &chunk.text);
    let Outgoing { request, restorer } =
        match outgoing_chat(&job.connection, job.names.clone(), system, &user) {
            Ok(outgoing) => outgoing,
            Err(msg) => return (ChunkState::Failed(msg.text(ui).to_string()), true),
        };
    match ask(&request, restorer, job.connection.profile.kind, run, ui).await {
        Ok((answer, notice)) => match read_answer(&answer, chunk, &job.ids) {
            Ok(themes) => (ChunkState::Done(themes), false),
            Err(error) => {
                let mut text = error.text(ui);
                if let Some(notice) = notice {
                    text.push(' ');
                    text.push_str(notice.text(ui));
                }
                (ChunkState::Failed(text), false)
            }
        },
        Err(Failure::Aborted) => {
            run.status.try_set(Some(Msg::Stopped.text(ui).to_string()));
            (ChunkState::Pending, true)
        }
        Err(failure) => (ChunkState::Failed(ai::describe(&failure, ui)), true),
    }
}

/// Sends one chunk's request and returns the answer's text (restored by `restorer` where it
/// was redacted) and the notice of an answer that did not end normally (cut at the output
/// limit, filtered). A rate limit before any text
/// is waited out with a countdown, as the draft panel does; Stop ends the wait at once.
async fn ask(
    request: &HttpRequest,
    mut restorer: Restorer,
    kind: ProviderKind,
    run: RunState,
    ui: Lang,
) -> Result<(String, Option<Msg>), Failure> {
    let abort = AbortController::new().map_err(|_| Failure::Aborted)?;
    let signal = abort.signal();
    if run.controller.try_set_value(Some(abort)).is_some() {
        return Err(Failure::Aborted);
    }
    let mut text = String::new();
    let mut notice = None;
    let mut on_wait = |left: Option<u64>| {
        run.status.try_set(
            left.map(|seconds| Msg::RetryingIn.fill(ui, &[("seconds", &seconds.to_string())])),
        );
    };
    stream_chat_retrying(request, kind, &signal, &mut on_wait, &mut |events| {
        for event in events {
            match event {
                StreamEvent::Text(t) | StreamEvent::Refusal(t) => text.push_str(&restorer.push(&t)),
                StreamEvent::Finished(reason) => notice = reason.notice(),
                StreamEvent::Reasoning(_) | StreamEvent::Usage { .. } => {}
            }
        }
    })
    .await?;
    text.push_str(&restorer.finish());
    Ok((text, notice))
}

/// The analysis step: progress, the notice, the chunks that failed, and the buttons to
/// stop, continue, go on to the review with what was found, or start over.
#[component]
pub(super) fn Analysis(screen: Screen) -> impl IntoView {
    let state = screen.state;
    let run = screen.run;
    let total = move || run.chunks.with(Vec::len);
    let finished = move || run.finished();
    let progress_text = move || {
        let lang = state.lang.get();
        let n = total().to_string();
        if run.running.get() {
            let k = (run.current.get() + 1).to_string();
            Msg::FtChunkOf.fill(lang, &[("k", &k), ("n", &n)])
        } else {
            let done = finished().to_string();
            Msg::FtChunksDone.fill(lang, &[("done", &done), ("n", &n)])
        }
    };
    let idle = move || !run.running.get();
    let resume = move |_| {
        let order: Vec<usize> = run.chunks.with_untracked(|all| {
            all.iter()
                .enumerate()
                .filter(|(_, c)| !matches!(c, ChunkState::Done(_)))
                .map(|(k, _)| k)
                .collect()
        });
        screen.run(order);
    };
    view! {
        <section class="themes-analysis" aria-labelledby="themes-progress-text">
            <p id="themes-progress-text" aria-live="polite" tabindex="-1">{progress_text}</p>
            <progress id="themes-progress" max=total value=finished aria-labelledby="themes-progress-text"></progress>
            {move || run.status.get().map(|s| view! { <p class="hint" id="themes-status" role="status">{s}</p> })}
            <ChunkErrors screen/>
            <div class="button-row">
                <button type="button" class="button" id="themes-stop" disabled=idle on:click=move |_| run.abort()>{tr(Msg::Stop)}</button>
                {move || (idle() && finished() < total()).then(|| view! {
                    <button type="button" class="button primary" id="themes-continue" on:click=resume>{tr(Msg::FtContinue)}</button>
                })}
                {move || (idle() && finished() > 0).then(|| view! {
                    <button type="button" class="button" id="themes-proceed" on:click=move |_| screen.proceed()>{tr(Msg::FtProceed)}</button>
                })}
                {move || idle().then(|| view! {
                    <button type="button" class="button" id="themes-restart" on:click=move |_| screen.restart()>{tr(Msg::FtStartOver)}</button>
                })}
            </div>
        </section>
    }
}

/// The chunks whose analysis failed, each with its error and a retry.
#[component]
fn ChunkErrors(screen: Screen) -> impl IntoView {
    let state = screen.state;
    let run = screen.run;
    move || {
        let lang = state.lang.get();
        let failed: Vec<(usize, String)> = run.chunks.with(|all| {
            all.iter()
                .enumerate()
                .filter_map(|(k, c)| match c {
                    ChunkState::Failed(e) => Some((k, e.clone())),
                    _ => None,
                })
                .collect()
        });
        (!failed.is_empty()).then(|| {
            let rows = failed
                .into_iter()
                .map(|(k, error)| {
                    let text = Msg::FtChunkError
                        .fill(lang, &[("k", &(k + 1).to_string()), ("error", &error)]);
                    view! {
                        <li class="chunk-error" data-chunk={k + 1}>
                            <span>{text}</span>" "
                            <button type="button" class="button small" disabled=move || run.running.get()
                                on:click=move |_| screen.run(vec![k])>{tr(Msg::FtRetryChunk)}</button>
                        </li>
                    }
                })
                .collect_any();
            view! { <ul id="themes-chunk-errors" class="chunk-errors" role="alert">{rows}</ul> }
        })
    }
}
