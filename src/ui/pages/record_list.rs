//! The list screen of a workspace: searchable, sortable table of its records, drawn a page
//! of rows at a time, with an empty state that tells a new user what to do first.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::form::Coded;
use crate::domain::listing::{group_thousands, Direction, ListFilter, PageWindow, Row, PAGE_SIZE};
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::domain::workspace::Workspace;
use crate::i18n::Msg;
use crate::route::Route;
use crate::storage::error::StorageError;
use crate::storage::sample::is_sample;
use crate::ui::browser;
use crate::ui::components::pager::Pager;
use crate::ui::list::CollectAny;
use crate::ui::load::load_db;
use crate::ui::onboarding::playbooks::playbooks_section;
use crate::ui::pages::list_search::{page_rows, Arrangement};
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};
use crate::ui::workspace_text::WorkspaceText;

pub fn list_page(workspace: Workspace) -> impl IntoView {
    let table = record_table(workspace);
    let tools = (workspace == Workspace::Feedback).then(feedback_tool_links);
    let playbooks = (workspace == Workspace::Onboarding).then(playbooks_section);
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{tr(workspace.title())}</h1>
                <a class="button primary" id="new-record" href=Route::New(workspace).href()>
                    {tr(workspace.new_label())}
                </a>
            </div>
            <p class="lede">{tr(workspace.intro())}</p>
            {tools}
            {table}
            {playbooks}
        </section>
    }
}

/// The workspace's table, read again whenever data changes here or in another tab: the
/// number of records and the accounts (for their names); the records a page at a time.
fn record_table(workspace: Workspace) -> impl IntoView {
    let data = load_db(move |db| async move {
        let total = db.count_records(workspace).await?;
        let accounts = db.list::<Account>().await?;
        Ok::<_, StorageError>((total as usize, Arc::new(AccountIndex::new(accounts))))
    });
    move || {
        data.get().map(|result| match result {
            Err(error) => load_failure(error).into_any(),
            Ok((0, _)) => empty_state(workspace).into_any(),
            Ok((total, accounts)) => view! { <RecordTable workspace total accounts /> }.into_any(),
        })
    }
}

/// Links to the feedback tools: import, themes, health dashboard; and the tracker export.
fn feedback_tool_links() -> impl IntoView {
    use crate::route::Tool;
    let link = |tool: Tool, label: Msg| {
        view! { <a class="button" id=tool.slug() href=Route::Tool(tool).href()>{tr(label)}</a> }
    };
    view! {
        <nav class="button-row tool-links" aria-label=tr(Msg::FbToolsLabel)>
            {link(Tool::FeedbackImport, Msg::FbToolImport)}
            {link(Tool::FeedbackThemes, Msg::FbToolThemes)}
            {link(Tool::FeedbackHealth, Msg::FbToolHealth)}
            <button type="button" class="button" id="export-tracker" on:click=move |_| export_tracker()>
                {tr(Msg::FiExportTracker)}
            </button>
        </nav>
    }
}

/// Downloads the tracker as `feedback-tracker-YYYY-MM-DD.csv` (every item, read afresh).
fn export_tracker() {
    use crate::domain::feedback::export::tracker_csv;
    use crate::domain::feedback::{FeedbackItem, Theme};
    let state = use_app();
    leptos::task::spawn_local(async move {
        let Some(db) = state.db() else { return };
        let read = async {
            Ok::<_, StorageError>((
                db.list::<FeedbackItem>().await?,
                db.list::<Account>().await?,
                db.list::<Theme>().await?,
            ))
        };
        match read.await {
            Ok((items, accounts, themes)) => {
                let lang = state.lang.get_untracked();
                let text = tracker_csv(
                    &items,
                    &AccountIndex::new(accounts),
                    &themes,
                    browser::now(),
                    lang,
                );
                let name = format!("feedback-tracker-{}.csv", browser::local_today());
                if browser::download(&name, "text/csv;charset=utf-8", &text).is_err() {
                    state.say(Msg::CopyFailed);
                }
            }
            Err(error) => state.report(&error),
        }
    });
}

fn empty_state(workspace: Workspace) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p>{tr(workspace.empty_hint())}</p>
            <a class="button primary" href=Route::New(workspace).href()>{tr(workspace.new_label())}</a>
        </div>
    }
}

/// The searchable, filterable, sortable table of a workspace's records. Without a search,
/// filter or sort its pages are read directly; with one, every record is searched in slices
/// (`Arrangement`) while "Searching… n of N" shows, and the pages come from what it found.
#[component]
fn RecordTable(workspace: Workspace, total: usize, accounts: Arc<AccountIndex>) -> impl IntoView {
    let state = use_app();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(None::<(usize, Direction)>);
    let filters = AnyRecord::filters(workspace);
    let filter = RwSignal::new(filters.first().copied());
    // The ids the latest search found; `None` for every record in key order.
    let found = RwSignal::new(None::<Arc<Vec<String>>>);
    let searched = RwSignal::new(None::<usize>);
    let page = RwSignal::new(0usize);
    let generation = StoredValue::new(0u64);
    let index = accounts.clone();
    Effect::new(move |_| {
        let (query, filter, sort, lang) = (query.get(), filter.get(), sort.get(), state.lang.get());
        let how = Arrangement {
            workspace,
            query,
            filter,
            sort,
            lang,
        };
        let ticket = generation.get_value() + 1;
        generation.set_value(ticket);
        page.set(0);
        let (Some(db), false) = (state.db(), how.is_everything()) else {
            found.set(None);
            searched.set(None);
            return;
        };
        let (accounts, live) = (index.clone(), move || {
            generation.try_get_value() == Some(ticket)
        });
        searched.set(Some(0));
        leptos::task::spawn_local(async move {
            match how
                .run(&db, &accounts, live, |n| {
                    searched.try_set(Some(n));
                })
                .await
            {
                Ok(Some(ids)) if live() => {
                    found.set(Some(Arc::new(ids)));
                    searched.set(None);
                }
                Ok(_) => {}
                Err(error) => state.report(&error),
            }
        });
    });
    let shown = move || found.with(|f| f.as_ref().map_or(total, |ids| ids.len()));
    let window = Memo::new(move |_| PageWindow::new(shown(), page.get(), PAGE_SIZE));
    let rows = page_rows(workspace, found, window, accounts);
    let count = move || {
        let lang = state.lang.get();
        match searched.get() {
            Some(read) => {
                let n = |v: usize| group_thousands(v as u64);
                Msg::ListSearching.fill(lang, &[("n", &n(read)), ("total", &n(total))])
            }
            None => Msg::ShowingCount.fill(
                lang,
                &[
                    ("shown", &shown().to_string()),
                    ("total", &total.to_string()),
                ],
            ),
        }
    };
    view! {
        <div class="list-tools">
            <SearchBox query />
            {(!filters.is_empty()).then(|| view! { <FilterSelect filters filter /> })}
            <span class="list-count" aria-live="polite">{count}</span>
        </div>
        <div class="table-wrap">
            <table class="records">
                <thead>
                    <tr>
                        {AnyRecord::columns(workspace).iter().enumerate().map(|(index, c)| view! {
                            <SortHeader index label=c.label sort />
                        }).collect_any()}
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get().and_then(Result::ok).unwrap_or_default() key=row_key let:row>
                        <RecordRow workspace row/>
                    </For>
                </tbody>
            </table>
            <Show when=move || shown() == 0 && searched.get().is_none()>
                <p class="empty-search">{tr(Msg::NoMatches)}</p>
            </Show>
        </div>
        <Pager window page />
    }
}

/// The DOM id of the list's search box, which "/" focuses.
const SEARCH_ID: &str = "record-search";

/// The list's search box; "/" anywhere outside a text field focuses it.
#[component]
fn SearchBox(query: RwSignal<String>) -> impl IntoView {
    let shortcut = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing {
            ev.prevent_default();
            browser::focus(SEARCH_ID);
        }
    });
    on_cleanup(move || shortcut.remove());
    view! {
        <label class="search">
            <span class="visually-hidden">{tr(Msg::Search)}</span>
            <input
                id=SEARCH_ID
                type="search"
                placeholder=tr(Msg::SearchPlaceholder)
                prop:value=move || query.get()
                on:input:target=move |ev| query.set(ev.target().value())
            />
        </label>
    }
}

/// The select of the workspace's `filters`, then "All"; sets `filter` (`None` for all).
#[component]
fn FilterSelect(
    filters: &'static [ListFilter],
    filter: RwSignal<Option<ListFilter>>,
) -> impl IntoView {
    view! {
        <label class="list-filter">
            <span class="visually-hidden">{tr(Msg::ListFilter)}</span>
            <select id="record-filter" on:change:target=move |ev| {
                let chosen = ListFilter::from_code(&ev.target().value());
                filter.set(chosen.filter(|f| filters.contains(f)));
            }>
                {filters.iter().map(|f| view! { <option value=f.code()>{tr(f.label())}</option> }).collect_any()}
                <option value="">{tr(Msg::FilterAll)}</option>
            </select>
        </label>
    }
}

/// A column header that sorts by column `index`: ascending first, then flipping.
#[component]
fn SortHeader(
    index: usize,
    label: Msg,
    sort: RwSignal<Option<(usize, Direction)>>,
) -> impl IntoView {
    let aria_sort = move || match sort.get() {
        Some((i, Direction::Ascending)) if i == index => "ascending",
        Some((i, Direction::Descending)) if i == index => "descending",
        _ => "none",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button class="sort-button" on:click=move |_| {
                sort.update(|s| {
                    *s = match *s {
                        Some((i, d)) if i == index => Some((i, d.flipped())),
                        _ => Some((index, Direction::Ascending)),
                    }
                })
            }>
                {tr(label)}
                <span class="sort-mark" aria-hidden="true">
                    {move || match aria_sort() {
                        "ascending" => "▲",
                        "descending" => "▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}

/// What identifies a drawn row: the record and everything shown of it, so a row is drawn
/// again only when what it shows changes.
fn row_key(row: &Row) -> (String, Vec<(String, bool)>) {
    let cells = row
        .cells
        .iter()
        .map(|c| (c.text.clone(), c.alert))
        .collect();
    (row.id.clone(), cells)
}

/// One record of the list; its first cell links to the record's form (and marks a sample record).
#[component]
fn RecordRow(workspace: Workspace, row: Row) -> impl IntoView {
    let sample =
        is_sample(&row.id).then(|| view! { " " <span class="badge">{tr(Msg::SampleBadge)}</span> });
    let href = Route::Edit(workspace, row.id).href();
    let mut cells = row.cells.into_iter();
    let first = cells.next().map(|c| c.text).unwrap_or_default();
    view! {
        <tr>
            <td><a class="row-link" href=href>{if first.is_empty() { "—".to_string() } else { first }}</a>{sample}</td>
            {cells.map(|c| view! { <td class:alert=c.alert>{c.text}</td> }).collect_any()}
        </tr>
    }
}
