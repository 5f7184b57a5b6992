//! The first step of the theme screen: which feedback (all or only the unthemed), the output
//! language, and the way to analyse it, by keywords in the browser or with an AI connection.

use std::rc::Rc;

use leptos::prelude::*;

use super::{after_render, Data, Screen, Step};
use crate::domain::feedback::themes::keyword_themes;
use crate::i18n::{Lang, Msg};
use crate::llm::connections::Connections;
use crate::llm::redact::known_names;
use crate::llm::request::chat_request;
use crate::prompts::feedback::theme_run::{chunk_budget, items_in_scope, plan_chunks};
use crate::prompts::OutputLanguage;
use crate::route::{Route, Tool};
use crate::storage::error::StorageError;
use crate::ui::ai;
use crate::ui::components::output_language::output_language_select;
use crate::ui::list::CollectAny;
use crate::ui::load::{load_db, Loaded};
use crate::ui::state::{tr, use_app};

use super::run::{ChunkState, Job};

/// The choices of the first step, kept when the user starts over.
#[derive(Clone, Copy)]
pub(super) struct ChoiceState {
    connections: Loaded<Result<Connections, StorageError>>,
    /// Only the items no saved theme holds.
    unthemed: RwSignal<bool>,
    output: RwSignal<OutputLanguage>,
    /// The id of the chosen connection.
    source: RwSignal<String>,
    /// Why the analysis could not start, in the interface language.
    error: RwSignal<Option<String>>,
}

impl ChoiceState {
    /// Loads the connections and preselects the default one (or the first) once they are known.
    pub(super) fn new() -> Self {
        let connections = load_db(move |db| async move { ai::load_connections(&db).await });
        let source = RwSignal::new(String::new());
        Effect::new(move |_| {
            if let Some(Ok(all)) = connections.get() {
                if source.get_untracked().is_empty() {
                    let first = all.list.first().map(|c| c.id.clone());
                    source.set(all.default_id.clone().or(first).unwrap_or_default());
                }
            }
        });
        Self {
            connections,
            unthemed: RwSignal::new(false),
            output: RwSignal::new(OutputLanguage::SameAsInterface),
            source,
            error: RwSignal::new(None),
        }
    }
}

/// How many items an analysis of all (or only the unthemed) items would take in.
fn count(data: Data, only_unthemed: bool) -> usize {
    data.with(|d| match d {
        Some(Ok(r)) => items_in_scope(&r.items, &r.themes, only_unthemed).len(),
        _ => 0,
    })
}

impl Screen {
    /// The chosen items' ids and verbatims.
    fn scope(self) -> (Vec<String>, Vec<String>) {
        let only_unthemed = self.choice.unthemed.get_untracked();
        self.data.with_untracked(|d| match d {
            Some(Ok(r)) => items_in_scope(&r.items, &r.themes, only_unthemed)
                .into_iter()
                .map(|i| (i.id.clone(), i.verbatim.clone()))
                .unzip(),
            _ => Default::default(),
        })
    }

    /// The language the themes are written in.
    fn output_lang(self) -> Lang {
        let ui = self.state.lang.get_untracked();
        self.choice.output.get_untracked().resolve(ui)
    }

    /// Groups the chosen items by keywords and opens the review.
    fn group_by_keywords(self) {
        let (ids, texts) = self.scope();
        let pairs: Vec<(&str, &str)> = ids
            .iter()
            .zip(&texts)
            .map(|(i, t)| (i.as_str(), t.as_str()))
            .collect();
        let drafts = keyword_themes(&pairs, self.output_lang());
        self.review.free_ids.set_value(ids);
        self.run.job.set_value(None);
        self.open_review(drafts);
    }

    /// Plans the chunks for the chosen connection and starts the analysis; a profile that
    /// cannot make a request (no key, no model…) or items too long to send are reported at once.
    fn analyse(self) {
        let choice = self.choice;
        choice.error.set(None);
        let ui = self.state.lang.get_untracked();
        let lang = self.output_lang();
        let chosen = choice.connections.with_untracked(|c| match c {
            Some(Ok(all)) => all.get(&choice.source.get_untracked()).cloned(),
            _ => None,
        });
        let Some(connection) = chosen else { return };
        if let Err(msg) = chat_request(&connection.profile, "", "") {
            return choice.error.set(Some(msg.text(ui).to_string()));
        }
        let (ids, texts) = self.scope();
        let verbatims: Vec<&str> = texts.iter().map(String::as_str).collect();
        let budget = chunk_budget(
            lang,
            connection.context_window,
            connection.profile.max_output_tokens,
        );
        let plan = match plan_chunks(&verbatims, &budget) {
            Ok(plan) if !plan.is_empty() => plan,
            Ok(_) => return,
            Err(msg) => return choice.error.set(Some(msg.text(ui).to_string())),
        };
        let n = plan.len();
        self.review.free_ids.set_value(ids.clone());
        self.run.chunks.set(vec![ChunkState::Pending; n]);
        let names = self.data.with_untracked(|d| match d {
            Some(Ok(r)) => known_names(r.accounts.iter(), None),
            _ => Vec::new(),
        });
        self.run.job.set_value(Some(Rc::new(Job {
            connection,
            lang,
            ids,
            chunks: plan,
            names,
        })));
        self.step.set(Step::Analyse);
        self.run((0..n).collect());
        after_render("themes-stop");
    }
}

/// The first step: scope, output language, how many items, and the two ways to analyse.
#[component]
pub(super) fn Choose(screen: Screen) -> impl IntoView {
    let state = screen.state;
    let Screen { data, choice, .. } = screen;
    let unthemed = choice.unthemed;
    let no_items = Signal::derive(move || count(data, unthemed.get()) == 0);
    let loaded = move || data.with(|d| matches!(d, Some(Ok(_))));
    view! {
        <div class="themes-options">
            <label>{tr(Msg::FtScope)}
                <select id="themes-scope" on:change:target=move |ev| unthemed.set(ev.target().value() == "unthemed")>
                    <ScopeOption value="all" msg=Msg::FtScopeAll only=false data unthemed/>
                    <ScopeOption value="unthemed" msg=Msg::FtScopeUnthemed only=true data unthemed/>
                </select>
            </label>
            {output_language_select("themes-language", choice.output)}
        </div>
        {move || match (loaded(), no_items.get()) {
            (true, true) => view! {
                <p class="hint" id="themes-no-items" role="status">{tr(Msg::FtNoItems)}" "
                    <a href=Route::Tool(Tool::FeedbackImport).href()>{tr(Msg::FbToolImport)}</a>
                </p>
            }.into_any(),
            (true, false) => view! {
                <p id="themes-count">{move || Msg::FtCount.fill(state.lang.get(), &[("n", &count(data, unthemed.get()).to_string())])}</p>
            }.into_any(),
            _ => ().into_any(),
        }}
        <div class="button-row">
            <button type="button" class="button" id="themes-keywords" disabled=no_items on:click=move |_| screen.group_by_keywords()>
                {tr(Msg::FtKeywords)}
            </button>
        </div>
        <AiChoice screen no_items/>
        {move || choice.error.get().map(|e| view! { <p class="error-text" id="themes-error" role="alert">{e}</p> })}
    }
}

/// An option of the scope select, with the number of items it takes in.
#[component]
fn ScopeOption(
    value: &'static str,
    msg: Msg,
    only: bool,
    data: Data,
    unthemed: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_app().lang;
    view! {
        <option value=value selected=move || unthemed.get() == only>
            {move || msg.fill(lang.get(), &[("n", &count(data, only).to_string())])}
        </option>
    }
}

/// The connection to analyse with and the button to start, or a pointer to the settings
/// when there is no connection.
#[component]
fn AiChoice(screen: Screen, no_items: Signal<bool>) -> impl IntoView {
    let ChoiceState {
        connections,
        source,
        ..
    } = screen.choice;
    // `None` while the connections load.
    let has_connection = move || {
        connections.with(|c| match c {
            Some(Ok(Connections { list, .. })) => Some(!list.is_empty()),
            Some(Err(_)) => Some(false),
            None => None,
        })
    };
    let options = move || {
        connections.with(|c| match c {
            Some(Ok(all)) => all
                .list
                .iter()
                .map(|c| {
                    let id = c.id.clone();
                    view! { <option value=c.id.clone() selected=move || source.get() == id>{c.label()}</option> }
                })
                .collect_any()
                .into_any(),
            _ => ().into_any(),
        })
    };
    move || {
        match has_connection() {
        Some(true) => view! {
            <div class="button-row themes-ai">
                <label>{tr(Msg::FtConnection)}" "
                    <select id="themes-connection" on:change:target=move |ev| source.set(ev.target().value())>
                        {options}
                    </select>
                </label>
                <button type="button" class="button primary" id="themes-ai" disabled=no_items on:click=move |_| screen.analyse()>
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
    }
    }
}
