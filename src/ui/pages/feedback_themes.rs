//! The theme analysis screen of the feedback workspace (`#/feedback-themes`): choosing the
//! feedback to analyse, grouping it by keywords in the browser or analysing it with an AI
//! connection chunk by chunk (progress, stop, a clear error and a retry per chunk, merge),
//! then the review of the proposed and saved themes (rename, merge, delete, move and remove
//! items) and saving the themes and each item's theme links.
//!
//! What is sent and how answers are read lives in `domain::feedback_theme_prompt`; this
//! module only runs it. The connection's API key goes nowhere but the chunk requests.

use std::rc::Rc;

use leptos::prelude::*;
use web_sys::AbortController;

use crate::domain::account::Account;
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::domain::feedback_theme_prompt::{
    chunk_budget, items_in_scope, link_items, plan_chunks, read_answer, system_message,
    user_message, Chunk,
};
use crate::domain::feedback_themes::{keyword_themes, merge_themes, ThemeDraft};
use crate::domain::record::{excerpt, AccountIndex};
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};
use crate::llm::connections::{Connection, Connections};
use crate::llm::decode::StreamEvent;
use crate::llm::profile::ProviderKind;
use crate::llm::request::{chat_request, HttpRequest};
use crate::llm::transport::{stream_chat_retrying, Failure};
use crate::prompts::OutputLanguage;
use crate::route::{Route, Tool, Workspace};
use crate::storage::error::StorageError;
use crate::storage::schema::Store;
use crate::ui::ai;
use crate::ui::browser;
use crate::ui::components::output_language::output_language_select;
use crate::ui::load::{load, Loaded};
use crate::ui::shell::load_failure;
use crate::ui::state::{hold_while, tr, use_app};

/// Items listed per theme before "Show all".
const SHOWN_ITEMS: usize = 50;
/// Characters of a verbatim shown in the review.
const EXCERPT_CHARS: usize = 160;

/// The stored records the screen works on.
struct Records {
    /// Sorted by id, for lookups.
    items: Vec<FeedbackItem>,
    themes: Vec<Theme>,
    accounts: AccountIndex,
}

impl Records {
    fn item(&self, id: &str) -> Option<&FeedbackItem> {
        let at = self
            .items
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()?;
        self.items.get(at)
    }
}

type Data = Loaded<Result<Records, StorageError>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Choose,
    Analyse,
    Review,
    Done,
}

/// Where one chunk of an AI analysis stands.
#[derive(Clone)]
enum ChunkState {
    Pending,
    Done(Vec<ThemeDraft>),
    /// The error shown for the chunk, in the interface language.
    Failed(String),
}

/// One analysis with a model: to whom, in which language, and what is sent.
struct Job {
    connection: Connection,
    lang: Lang,
    /// The analysed items' ids, in the order of their references.
    ids: Vec<String>,
    chunks: Vec<Chunk>,
}

/// A theme in the review: a proposed one, or a saved one (`stored`) that items can join.
#[derive(Clone, Copy)]
struct Card {
    key: usize,
    name: RwSignal<String>,
    description: RwSignal<String>,
    items: RwSignal<Vec<String>>,
    /// The stored theme; set for a new theme once it is saved.
    stored: RwSignal<Option<Theme>>,
    /// Items linked to the saved theme before this review.
    linked: usize,
    /// Every item is listed, not only the first `SHOWN_ITEMS`.
    show_all: RwSignal<bool>,
}

impl Card {
    fn new(key: usize, draft: ThemeDraft, stored: Option<Theme>, linked: usize) -> Self {
        Self {
            key,
            name: RwSignal::new(draft.name),
            description: RwSignal::new(draft.description),
            items: RwSignal::new(draft.item_ids),
            stored: RwSignal::new(stored),
            linked,
            show_all: RwSignal::new(false),
        }
    }
}

/// The theme analysis and review screen.
pub fn themes_page() -> impl IntoView {
    let state = use_app();
    // Review cards are made in event handlers: under the page's owner, so they go with it.
    let owner = StoredValue::new_local(Owner::current());
    let data: Data = load(move || {
        state.data_version.track();
        let db = state.db();
        Box::pin(async move {
            let db = db.ok_or(StorageError::Unavailable)?;
            let mut items = db.list::<FeedbackItem>().await?;
            sorting::sort_by(&mut items, |a, b| a.id.cmp(&b.id));
            let mut themes = db.list::<Theme>().await?;
            sorting::sort_by(&mut themes, |a, b| a.name.cmp(&b.name));
            let accounts = AccountIndex::new(db.list::<Account>().await?);
            Ok::<_, StorageError>(Records {
                items,
                themes,
                accounts,
            })
        })
    });
    let connections = load(move || {
        state.data_version.track();
        let db = state.db();
        Box::pin(async move { ai::load_connections(&*db.ok_or(StorageError::Unavailable)?).await })
    });

    let step = RwSignal::new(Step::Choose);
    let unthemed = RwSignal::new(false);
    let output = RwSignal::new(OutputLanguage::SameAsInterface);
    let source = RwSignal::new(String::new());
    let start_error = RwSignal::new(None::<String>);
    // The analysis.
    let job = StoredValue::new_local(None::<Rc<Job>>);
    let chunks = RwSignal::new(Vec::<ChunkState>::new());
    let running = RwSignal::new(false);
    hold_while(move || running.get());
    let current = RwSignal::new(0usize);
    let status = RwSignal::new(None::<String>);
    let controller = StoredValue::new_local(None::<AbortController>);
    // The review.
    // The analysed items, less those already linked to a saved theme: the free list's
    // candidates.
    let free_ids = StoredValue::new(Vec::<String>::new());
    let cards = RwSignal::new(Vec::<Card>::new());
    let next_key = StoredValue::new(0usize);
    let show_all_free = RwSignal::new(false);
    let review_error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(None::<(usize, usize)>);
    let summary = RwSignal::new(String::new());

    // Preselect the default connection (or the first) once connections are known.
    Effect::new(move |_| {
        if let Some(Ok(all)) = connections.get() {
            if source.get_untracked().is_empty() {
                let first = all.list.first().map(|c| c.id.clone());
                source.set(all.default_id.clone().or(first).unwrap_or_default());
            }
        }
    });
    on_cleanup(move || {
        controller.try_with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    });

    let ui_lang = move || state.lang.get_untracked();
    let out_lang = move || output.get_untracked().resolve(ui_lang());
    let count = move |only_unthemed: bool| {
        data.with(|d| match d {
            Some(Ok(r)) => items_in_scope(&r.items, &r.themes, only_unthemed).len(),
            _ => 0,
        })
    };
    // The analysed items' ids and verbatims.
    let scope = move || -> (Vec<String>, Vec<String>) {
        let only_unthemed = unthemed.get_untracked();
        data.with_untracked(|d| match d {
            Some(Ok(r)) => items_in_scope(&r.items, &r.themes, only_unthemed)
                .into_iter()
                .map(|i| (i.id.clone(), i.verbatim.clone()))
                .unzip(),
            _ => Default::default(),
        })
    };
    let after_render = |id: &'static str| request_animation_frame(move || browser::focus(id));

    let open_review = move |drafts: Vec<ThemeDraft>| {
        let key = || {
            let k = next_key.get_value();
            next_key.set_value(k + 1);
            k
        };
        // Saved themes come after the proposed ones; a proposal named like a saved theme
        // (ignoring case) adds its items to that theme instead.
        let make = || {
            let mut saved: Vec<Card> = Vec::new();
            data.with_untracked(|d| {
                if let Some(Ok(r)) = d {
                    let live = |i: &FeedbackItem| {
                        i.theme_ids
                            .iter()
                            .any(|t| r.themes.iter().any(|theme| &theme.id == t))
                    };
                    free_ids.update_value(|ids| {
                        ids.retain(|id| r.item(id).is_some_and(|i| !live(i)));
                    });
                    for theme in &r.themes {
                        let linked = r
                            .items
                            .iter()
                            .filter(|i| i.theme_ids.contains(&theme.id))
                            .count();
                        let draft = ThemeDraft {
                            name: theme.name.clone(),
                            description: theme.description.clone(),
                            item_ids: Vec::new(),
                        };
                        saved.push(Card::new(key(), draft, Some(theme.clone()), linked));
                    }
                }
            });
            let mut list: Vec<Card> = Vec::new();
            for draft in drafts {
                let same = saved.iter().find(|c| {
                    c.name
                        .with_untracked(|n| n.trim().eq_ignore_ascii_case(draft.name.trim()))
                });
                match same {
                    Some(card) => add_items(*card, &draft.item_ids),
                    None => list.push(Card::new(key(), draft, None, 0)),
                }
            }
            list.extend(saved);
            list
        };
        let list = match owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        cards.set(list);
        review_error.set(None);
        step.set(Step::Review);
        after_render("themes-review-heading");
    };

    let group_by_keywords = move |_| {
        let (ids, texts) = scope();
        let pairs: Vec<(&str, &str)> = ids
            .iter()
            .zip(&texts)
            .map(|(i, t)| (i.as_str(), t.as_str()))
            .collect();
        let drafts = keyword_themes(&pairs, out_lang());
        free_ids.set_value(ids);
        job.set_value(None);
        open_review(drafts);
    };

    // Merges what the finished chunks found and opens the review.
    let proceed = move || {
        let Some(lang) = job.with_value(|j| j.as_ref().map(|j| j.lang)) else {
            return;
        };
        let found: Vec<Vec<ThemeDraft>> = chunks.with_untracked(|all| {
            all.iter()
                .filter_map(|c| match c {
                    ChunkState::Done(themes) => Some(themes.clone()),
                    _ => None,
                })
                .collect()
        });
        open_review(merge_themes(found, lang));
    };

    // Runs the chunks of `order` one after another. An invalid answer marks its chunk and
    // the run goes on; a failed request (after one wait on a rate limit) or Stop ends it.
    let run = move |order: Vec<usize>| {
        let Some(job) = job.get_value() else { return };
        if running.get_untracked() {
            return;
        }
        running.set(true);
        status.set(None);
        leptos::task::spawn_local(async move {
            let ui = ui_lang();
            let system = system_message(job.lang);
            for k in order {
                let Some(chunk) = job.chunks.get(k) else {
                    continue;
                };
                let marked = chunks.try_update(|all| {
                    if let Some(s) = all.get_mut(k) {
                        *s = ChunkState::Pending;
                    }
                });
                if marked.is_none() {
                    return;
                }
                current.try_set(k);
                let user = user_message(job.lang, &chunk.text);
                let kind = job.connection.profile.kind;
                let request = match chat_request(&job.connection.profile, &system, &user) {
                    Ok(request) => request,
                    Err(msg) => {
                        let failed = ChunkState::Failed(msg.text(ui).to_string());
                        chunks.try_update(|all| {
                            if let Some(s) = all.get_mut(k) {
                                *s = failed;
                            }
                        });
                        break;
                    }
                };
                let (next, stop) = match ask(&request, kind, controller, status, ui).await {
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
                        status.try_set(Some(Msg::Stopped.text(ui).to_string()));
                        (ChunkState::Pending, true)
                    }
                    Err(failure) => (ChunkState::Failed(ai::describe(&failure, ui)), true),
                };
                chunks.try_update(|all| {
                    if let Some(s) = all.get_mut(k) {
                        *s = next;
                    }
                });
                if stop {
                    break;
                }
            }
            controller.try_set_value(None);
            running.try_set(false);
            let all_done = chunks
                .try_with_untracked(|all| all.iter().all(|c| matches!(c, ChunkState::Done(_))));
            if all_done == Some(true) {
                proceed();
            } else {
                after_render("themes-progress-text");
            }
        });
    };

    let analyse = move |_| {
        start_error.set(None);
        let ui = ui_lang();
        let lang = out_lang();
        let chosen = connections.with_untracked(|c| match c {
            Some(Ok(all)) => all.get(&source.get_untracked()).cloned(),
            _ => None,
        });
        let Some(connection) = chosen else { return };
        // A profile that cannot make a request (no key, no model…) is reported at once.
        if let Err(msg) = chat_request(&connection.profile, "", "") {
            return start_error.set(Some(msg.text(ui).to_string()));
        }
        let (ids, texts) = scope();
        let verbatims: Vec<&str> = texts.iter().map(String::as_str).collect();
        let budget = chunk_budget(
            lang,
            connection.context_window,
            connection.profile.max_output_tokens,
        );
        let plan = match plan_chunks(&verbatims, &budget) {
            Ok(plan) if !plan.is_empty() => plan,
            Ok(_) => return,
            Err(msg) => return start_error.set(Some(msg.text(ui).to_string())),
        };
        let n = plan.len();
        free_ids.set_value(ids.clone());
        chunks.set(vec![ChunkState::Pending; n]);
        job.set_value(Some(Rc::new(Job {
            connection,
            lang,
            ids,
            chunks: plan,
        })));
        step.set(Step::Analyse);
        run((0..n).collect());
        after_render("themes-stop");
    };

    let stop = move |_| {
        controller.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        })
    };
    let restart = move |_| {
        job.set_value(None);
        chunks.set(Vec::new());
        cards.set(Vec::new());
        status.set(None);
        step.set(Step::Choose);
        after_render("themes-scope");
    };

    let save = move |_| {
        if saving.get_untracked().is_some() {
            return;
        }
        let ui = ui_lang();
        let list = cards.get_untracked();
        let unnamed = list.iter().find(|c| {
            c.name.with_untracked(|n| n.trim().is_empty())
                && (c.stored.with_untracked(Option::is_some)
                    || c.items.with_untracked(|i| !i.is_empty()))
        });
        if let Some(card) = unnamed {
            review_error.set(Some(Msg::FtErrName.text(ui).to_string()));
            browser::focus(&format!("theme-name-{}", card.key));
            return;
        }
        review_error.set(None);
        let now = browser::now();
        // (card, theme, whether the theme record is written, whether it is new)
        let mut writes: Vec<(Card, Theme, bool, bool)> = Vec::new();
        let mut links: Vec<(String, Vec<String>)> = Vec::new();
        for card in list {
            let name = card.name.with_untracked(|n| n.trim().to_string());
            let description = card.description.with_untracked(|d| d.trim().to_string());
            let members = card.items.get_untracked();
            let (theme, write, new) = match card.stored.get_untracked() {
                Some(mut theme) => {
                    let edited = theme.name != name || theme.description != description;
                    theme.name = name;
                    theme.description = description;
                    (theme, edited, false)
                }
                None if members.is_empty() => continue,
                None => {
                    let theme = Theme {
                        id: browser::new_id(),
                        name,
                        description,
                        created_at: now,
                    };
                    (theme, true, true)
                }
            };
            if write || !members.is_empty() {
                links.push((theme.id.clone(), members));
                writes.push((card, theme, write, new));
            }
        }
        let changed: Vec<String> = data.with_untracked(|d| match d {
            Some(Ok(r)) => link_items(&r.items, &links, now)
                .into_iter()
                .map(|i| i.id)
                .collect(),
            _ => Vec::new(),
        });
        let total = writes.iter().filter(|w| w.2).count() + changed.len();
        saving.set(Some((0, total)));
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            let fail = |error: StorageError| {
                saving.try_set(None);
                state.report(&error);
            };
            let themes = writes.len();
            let new = writes.iter().filter(|w| w.3).count();
            // The items as stored now (a change made meanwhile, e.g. in another tab, is
            // kept), linked to their themes; then themes and items in ONE transaction.
            let fresh = match db.list::<FeedbackItem>().await {
                Ok(items) => link_items(&items, &links, now),
                Err(error) => return fail(error),
            };
            let json = |e: serde_json::Error| StorageError::Other(e.to_string());
            let theme_values: Result<Vec<serde_json::Value>, StorageError> = writes
                .iter()
                .filter(|w| w.2)
                .map(|w| serde_json::to_value(&w.1).map_err(json))
                .collect();
            let item_values: Result<Vec<serde_json::Value>, StorageError> = fresh
                .iter()
                .map(|i| serde_json::to_value(i).map_err(json))
                .collect();
            let batch = match (theme_values, item_values) {
                (Ok(t), Ok(i)) => vec![(Store::Themes, t), (Store::Feedback, i)],
                (Err(error), _) | (_, Err(error)) => return fail(error),
            };
            if let Err(error) = db.put_many(batch).await {
                return fail(error);
            }
            // Saving again updates these themes instead of adding new ones.
            for (card, theme, _, _) in writes {
                card.stored.try_set(Some(theme));
            }
            state.changed();
            summary.try_set(Msg::FtSummary.fill(
                ui,
                &[
                    ("themes", &themes.to_string()),
                    ("new", &new.to_string()),
                    ("items", &changed.len().to_string()),
                ],
            ));
            saving.try_set(None);
            step.try_set(Step::Done);
            after_render("themes-summary");
        });
    };

    let choose_view = move || {
        let no_items = move || count(unthemed.get()) == 0;
        let loaded = move || data.with(|d| matches!(d, Some(Ok(_))));
        let scope_option = move |value: &'static str, msg: Msg, only: bool| {
            view! {
                <option value=value selected=move || unthemed.get() == only>
                    {move || msg.fill(state.lang.get(), &[("n", &count(only).to_string())])}
                </option>
            }
        };
        let connection_options = move || {
            connections.with(|c| match c {
                Some(Ok(all)) => all
                    .list
                    .iter()
                    .map(|c| {
                        let id = c.id.clone();
                        view! { <option value=c.id.clone() selected=move || source.get() == id>{c.label()}</option> }
                    })
                    .collect_view()
                    .into_any(),
                _ => ().into_any(),
            })
        };
        // `None` while the connections load.
        let has_connection = move || {
            connections.with(|c| match c {
                Some(Ok(Connections { list, .. })) => Some(!list.is_empty()),
                Some(Err(_)) => Some(false),
                None => None,
            })
        };
        view! {
            <div class="themes-options">
                <label>{tr(Msg::FtScope)}
                    <select id="themes-scope" on:change:target=move |ev| unthemed.set(ev.target().value() == "unthemed")>
                        {scope_option("all", Msg::FtScopeAll, false)}
                        {scope_option("unthemed", Msg::FtScopeUnthemed, true)}
                    </select>
                </label>
                {output_language_select("themes-language", output)}
            </div>
            {move || match (loaded(), no_items()) {
                (true, true) => view! {
                    <p class="hint" id="themes-no-items" role="status">{tr(Msg::FtNoItems)}" "
                        <a href=Route::Tool(Tool::FeedbackImport).href()>{tr(Msg::FbToolImport)}</a>
                    </p>
                }.into_any(),
                (true, false) => view! {
                    <p id="themes-count">{move || Msg::FtCount.fill(state.lang.get(), &[("n", &count(unthemed.get()).to_string())])}</p>
                }.into_any(),
                _ => ().into_any(),
            }}
            <div class="button-row">
                <button type="button" class="button" id="themes-keywords" disabled=no_items on:click=group_by_keywords>
                    {tr(Msg::FtKeywords)}
                </button>
            </div>
            {move || match has_connection() {
                Some(true) => view! {
                    <div class="button-row themes-ai">
                        <label>{tr(Msg::FtConnection)}" "
                            <select id="themes-connection" on:change:target=move |ev| source.set(ev.target().value())>
                                {connection_options}
                            </select>
                        </label>
                        <button type="button" class="button primary" id="themes-ai" disabled=no_items on:click=analyse>
                            {tr(Msg::FtAi)}
                        </button>
                    </div>
                }.into_any(),
                Some(false) => view! {
                    <p class="hint" id="themes-no-connection">{tr(Msg::FtNoConnection)}" "
                        <a href=Route::Settings.href()>{tr(Msg::NavSettings)}</a>
                    </p>
                }.into_any(),
                None => ().into_any(),
            }}
            {move || start_error.get().map(|e| view! { <p class="error-text" id="themes-error" role="alert">{e}</p> })}
        }
        .into_any()
    };

    let analysis_view = move || {
        let total = move || chunks.with(Vec::len);
        let finished = move || {
            chunks.with(|all| {
                all.iter()
                    .filter(|c| matches!(c, ChunkState::Done(_)))
                    .count()
            })
        };
        let progress_text = move || {
            let lang = state.lang.get();
            let n = total().to_string();
            if running.get() {
                let k = (current.get() + 1).to_string();
                Msg::FtChunkOf.fill(lang, &[("k", &k), ("n", &n)])
            } else {
                let done = finished().to_string();
                Msg::FtChunksDone.fill(lang, &[("done", &done), ("n", &n)])
            }
        };
        let errors = move || {
            let lang = state.lang.get();
            let failed: Vec<(usize, String)> = chunks.with(|all| {
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
                                <button type="button" class="button small" disabled=move || running.get()
                                    on:click=move |_| run(vec![k])>{tr(Msg::FtRetryChunk)}</button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul id="themes-chunk-errors" class="chunk-errors" role="alert">{rows}</ul> }
            })
        };
        let idle = move || !running.get();
        let resume = move |_| {
            let order: Vec<usize> = chunks.with_untracked(|all| {
                all.iter()
                    .enumerate()
                    .filter(|(_, c)| !matches!(c, ChunkState::Done(_)))
                    .map(|(k, _)| k)
                    .collect()
            });
            run(order);
        };
        view! {
            <section class="themes-analysis" aria-labelledby="themes-progress-text">
                <p id="themes-progress-text" aria-live="polite" tabindex="-1">{progress_text}</p>
                <progress id="themes-progress" max=total value=finished aria-labelledby="themes-progress-text"></progress>
                {move || status.get().map(|s| view! { <p class="hint" id="themes-status" role="status">{s}</p> })}
                {errors}
                <div class="button-row">
                    <button type="button" class="button" id="themes-stop" disabled=idle on:click=stop>{tr(Msg::Stop)}</button>
                    {move || (idle() && finished() < total()).then(|| view! {
                        <button type="button" class="button primary" id="themes-continue" on:click=resume>{tr(Msg::FtContinue)}</button>
                    })}
                    {move || (idle() && finished() > 0).then(|| view! {
                        <button type="button" class="button" id="themes-proceed" on:click=move |_| proceed()>{tr(Msg::FtProceed)}</button>
                    })}
                    {move || idle().then(|| view! {
                        <button type="button" class="button" id="themes-restart" on:click=restart>{tr(Msg::FtStartOver)}</button>
                    })}
                </div>
            </section>
        }
        .into_any()
    };

    let review_view = move || {
        let proposed = move || {
            cards.with(|all| {
                all.iter()
                    .filter(|c| c.stored.with(Option::is_none))
                    .count()
            })
        };
        // The analysed items no theme holds.
        let free = Memo::new(move |_| {
            let mut held: Vec<String> = cards.with(|all| {
                all.iter()
                    .flat_map(|c| c.items.get())
                    .collect::<Vec<String>>()
            });
            sorting::sort(&mut held);
            free_ids.with_value(|ids| {
                ids.iter()
                    .filter(|id| held.binary_search(*id).is_err())
                    .cloned()
                    .collect::<Vec<String>>()
            })
        });
        let free_count = move || {
            let n = free.with(Vec::len).to_string();
            Msg::FtUnassigned.fill(state.lang.get(), &[("n", &n)])
        };
        let save_label = move || match saving.get() {
            Some((k, n)) => Msg::FtSaving.fill(
                state.lang.get(),
                &[("k", &k.to_string()), ("n", &n.to_string())],
            ),
            None => Msg::FtSave.text(state.lang.get()).to_string(),
        };
        view! {
            <section class="themes-review" aria-labelledby="themes-review-heading">
                <h2 id="themes-review-heading" tabindex="-1">{tr(Msg::FtReviewTitle)}</h2>
                <p class="hint">{tr(Msg::FtReviewHint)}</p>
                <Show when=move || proposed() == 0>
                    <p class="hint" id="themes-none-found">{tr(Msg::FtNoProposals)}</p>
                </Show>
                <div class="theme-cards">
                    <For each=move || cards.get() key=|card| card.key let:card>
                        <ThemeCard card cards data/>
                    </For>
                </div>
                <Show when=move || free.with(|ids| !ids.is_empty())>
                    <section class="theme-card unassigned" id="themes-unassigned" tabindex="-1">
                        <h3>{free_count}</h3>
                        {item_list(free.into(), None, show_all_free, cards, data)}
                    </section>
                </Show>
                {move || review_error.get().map(|e| view! { <p class="error-text" id="themes-review-error" role="alert">{e}</p> })}
                <div class="button-row">
                    <button type="button" class="button primary" id="themes-save" disabled=move || saving.get().is_some() on:click=save>
                        {save_label}
                    </button>
                    <button type="button" class="button" id="themes-restart" disabled=move || saving.get().is_some() on:click=restart>
                        {tr(Msg::FtStartOver)}
                    </button>
                </div>
            </section>
        }
        .into_any()
    };

    let done_view = move || {
        view! {
            <section class="themes-done">
                <p id="themes-summary" role="status" tabindex="-1">{move || summary.get()}</p>
                <div class="button-row">
                    <a class="button primary" id="themes-open-list" href=Route::List(Workspace::Feedback).href()>{tr(Msg::FtOpenList)}</a>
                    <button type="button" class="button" id="themes-restart" on:click=restart>{tr(Msg::FtStartOver)}</button>
                </div>
            </section>
        }
        .into_any()
    };

    view! {
        <section class="page feedback-themes" id="feedback-themes">
            <p class="breadcrumb"><a href=Route::List(Workspace::Feedback).href()>{tr(Msg::NavFeedback)}</a></p>
            <h1>{tr(Msg::FbToolThemes)}</h1>
            <p class="hint">{tr(Msg::FtLede)}</p>
            {move || data.with(|d| match d {
                None => view! { <p>{tr(Msg::Loading)}</p> }.into_any(),
                Some(Err(error)) => load_failure(error.clone()).into_any(),
                Some(Ok(_)) => ().into_any(),
            })}
            {move || match step.get() {
                Step::Choose => choose_view(),
                Step::Analyse => analysis_view(),
                Step::Review => review_view(),
                Step::Done => done_view(),
            }}
        </section>
    }
}

/// Sends one chunk's request and returns the answer's text and the notice of an answer that
/// did not end normally (cut at the output limit, filtered). A rate limit before any text
/// is waited out with a countdown, as the draft panel does; Stop ends the wait at once.
async fn ask(
    request: &HttpRequest,
    kind: ProviderKind,
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    status: RwSignal<Option<String>>,
    ui: Lang,
) -> Result<(String, Option<Msg>), Failure> {
    let abort = AbortController::new().map_err(|_| Failure::Aborted)?;
    let signal = abort.signal();
    if controller.try_set_value(Some(abort)).is_some() {
        return Err(Failure::Aborted);
    }
    let mut text = String::new();
    let mut notice = None;
    let on_wait = |left: Option<u64>| {
        status.try_set(
            left.map(|seconds| Msg::RetryingIn.fill(ui, &[("seconds", &seconds.to_string())])),
        );
    };
    stream_chat_retrying(request, kind, &signal, on_wait, |events| {
        for event in events {
            match event {
                StreamEvent::Text(t) | StreamEvent::Refusal(t) => text.push_str(&t),
                StreamEvent::Finished(reason) => notice = reason.notice(),
                StreamEvent::Reasoning(_) | StreamEvent::Usage { .. } => {}
            }
        }
    })
    .await?;
    Ok((text, notice))
}

/// The verbatim excerpt and account name of an item.
fn item_label(data: Data, id: &str) -> (String, String) {
    data.with_untracked(|d| match d {
        Some(Ok(r)) => r
            .item(id)
            .map(|i| {
                (
                    excerpt(&i.verbatim, EXCERPT_CHARS),
                    r.accounts.name(&i.account_id),
                )
            })
            .unwrap_or_default(),
        _ => Default::default(),
    })
}

/// The review's cards but `except`, as options of a select.
fn card_options(cards: RwSignal<Vec<Card>>, except: Option<usize>) -> impl IntoView {
    let others = move || {
        cards
            .get()
            .into_iter()
            .filter(move |c| Some(c.key) != except)
    };
    view! {
        <For each=others key=|card| card.key let:card>
            <option value=card.key.to_string()>{move || card.name.get()}</option>
        </For>
    }
}

/// The card with this key.
fn find(cards: RwSignal<Vec<Card>>, key: usize) -> Option<Card> {
    cards.with_untracked(|all| all.iter().find(|c| c.key == key).copied())
}

/// Adds items to a card, each once.
fn add_items(card: Card, ids: &[String]) {
    card.items.update(|mine| {
        for id in ids {
            if !mine.contains(id) {
                mine.push(id.clone());
            }
        }
    });
}

/// Items as rows with "move to theme" and (in a card) remove; the first `SHOWN_ITEMS`
/// unless `show_all`. A row stays drawn while its item stays in the list.
fn item_list(
    ids: Signal<Vec<String>>,
    from: Option<Card>,
    show_all: RwSignal<bool>,
    cards: RwSignal<Vec<Card>>,
    data: Data,
) -> impl IntoView {
    let lang = use_app().lang;
    let n = move || ids.with(Vec::len);
    let shown = move || {
        if show_all.get() {
            n()
        } else {
            n().min(SHOWN_ITEMS)
        }
    };
    let rows = move || ids.get().into_iter().take(shown());
    view! {
        <ul class="theme-items">
            <For each=rows key=String::clone let:id>
                <ThemeItem id from cards data/>
            </For>
        </ul>
        <Show when=move || shown() < n()>
            <button type="button" class="link-button theme-show-all" on:click=move |_| show_all.set(true)>
                {move || Msg::FtShowAll.fill(lang.get(), &[("n", &n().to_string())])}
            </button>
        </Show>
    }
}

/// One item of a theme (`from`) or of the unassigned list: its text and account, "move to
/// theme" and (in a theme) remove.
#[component]
fn ThemeItem(
    id: String,
    from: Option<Card>,
    cards: RwSignal<Vec<Card>>,
    data: Data,
) -> impl IntoView {
    let (text, account) = item_label(data, &id);
    // Takes the item out of its card (or the unassigned list, which it leaves once it is in
    // a card) and keeps the keyboard focus nearby.
    let leave = move |id: &str| match from {
        Some(card) => {
            card.items.update(|v| v.retain(|i| i != id));
            browser::focus(&format!("theme-name-{}", card.key));
        }
        None => request_animation_frame(|| browser::focus("themes-unassigned")),
    };
    let moved = id.clone();
    let removed = id.clone();
    view! {
        <li class="theme-item" data-id=id>
            <span class="theme-item-text">{text}</span>
            <span class="theme-item-account">{account}</span>
            <select class="theme-move" aria-label=tr(Msg::FtMoveTo) on:change:target=move |ev| {
                let target = ev.target().value().parse::<usize>().ok();
                if let Some(to) = target.and_then(|k| find(cards, k)) {
                    add_items(to, std::slice::from_ref(&moved));
                    leave(&moved);
                }
            }>
                <option value="" selected>{tr(Msg::FtMoveTo)}</option>
                {card_options(cards, from.map(|c| c.key))}
            </select>
            {from.map(|_| view! {
                <button type="button" class="link-button theme-remove" aria-label=tr(Msg::FtRemoveItem)
                    title=tr(Msg::FtRemoveItem) on:click=move |_| leave(&removed)>
                    <span aria-hidden="true">"×"</span>
                </button>
            })}
        </li>
    }
}

/// One theme of the review: name, description, items, merge and delete (proposed themes).
#[component]
fn ThemeCard(card: Card, cards: RwSignal<Vec<Card>>, data: Data) -> impl IntoView {
    let state = use_app();
    let key = card.key;
    let name_id = format!("theme-name-{key}");
    let description_id = format!("theme-description-{key}");
    let saved = card.stored.with_untracked(Option::is_some);
    let drop_card = move || {
        cards.update(|all| all.retain(|c| c.key != key));
        browser::focus("themes-review-heading");
    };
    let merge = move |value: String| {
        if let Some(into) = value.parse::<usize>().ok().and_then(|k| find(cards, k)) {
            add_items(into, &card.items.get_untracked());
            if into.description.with_untracked(String::is_empty) {
                into.description.set(card.description.get_untracked());
            }
            drop_card();
        }
    };
    let count = move || {
        let lang = state.lang.get();
        let n = card.items.with(Vec::len).to_string();
        let mut text = Msg::FtItemCount.fill(lang, &[("n", &n)]);
        if saved {
            text.push_str(" · ");
            let linked = card.linked.to_string();
            text.push_str(&Msg::FtSavedTheme.fill(lang, &[("n", &linked)]));
        }
        text
    };
    let items = item_list(card.items.into(), Some(card), card.show_all, cards, data);
    view! {
        <article class="theme-card" class:saved=saved data-key=key>
            <label for=name_id.clone()>{tr(Msg::FtThemeName)}</label>
            <input type="text" class="theme-name" id=name_id prop:value=card.name.get_untracked()
                on:input:target=move |ev| card.name.set(ev.target().value()) />
            <label for=description_id.clone()>{tr(Msg::FtThemeDescription)}</label>
            <textarea class="theme-description" id=description_id rows="2" prop:value=card.description.get_untracked()
                on:input:target=move |ev| card.description.set(ev.target().value())></textarea>
            <p class="hint theme-count">{count}</p>
            {items}
            {(!saved).then(|| view! {
                <div class="button-row">
                    <select class="theme-merge" aria-label=tr(Msg::FtMergeInto) on:change:target=move |ev| merge(ev.target().value())>
                        <option value="" selected>{tr(Msg::FtMergeInto)}</option>
                        {card_options(cards, Some(key))}
                    </select>
                    <button type="button" class="button small theme-delete" on:click=move |_| drop_card()>
                        {tr(Msg::FtDeleteTheme)}
                    </button>
                </div>
            })}
        </article>
    }
}
