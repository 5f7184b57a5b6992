//! The review of the themes: the proposals first, then the saved themes (which items can
//! join), the analysed items no theme holds, and saving the themes and each item's theme
//! links in one transaction; then the summary.

use leptos::prelude::*;

use super::cards::{add_items, Card, ThemeCard};
use super::items::ItemList;
use super::{after_render, Screen, Step};
use crate::domain::feedback::themes::ThemeDraft;
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::domain::sorting;
use crate::domain::workspace::Workspace;
use crate::i18n::Msg;
use crate::prompts::feedback::theme_run::link_items;
use crate::route::Route;
use crate::storage::error::StorageError;
use crate::storage::schema::Store;
use crate::ui::browser;
use crate::ui::state::tr;

/// The review: its cards, the analysed items free to join one, and the saving.
#[derive(Clone, Copy)]
pub(super) struct ReviewState {
    /// The page's owner: cards are made in event handlers, under it, so they go with it.
    owner: StoredValue<Option<Owner>, LocalStorage>,
    /// The analysed items, less those already linked to a saved theme: the free list's
    /// candidates.
    pub(super) free_ids: StoredValue<Vec<String>>,
    pub(super) cards: RwSignal<Vec<Card>>,
    next_key: StoredValue<usize>,
    free_page: RwSignal<usize>,
    error: RwSignal<Option<String>>,
    /// Records written and to write, while saving.
    saving: RwSignal<Option<(usize, usize)>>,
    summary: RwSignal<String>,
}

impl ReviewState {
    /// Made under the page's owner.
    pub(super) fn new() -> Self {
        Self {
            owner: StoredValue::new_local(Owner::current()),
            free_ids: StoredValue::new(Vec::new()),
            cards: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
            free_page: RwSignal::new(0),
            error: RwSignal::new(None),
            saving: RwSignal::new(None),
            summary: RwSignal::new(String::new()),
        }
    }

    fn next_key(self) -> usize {
        let k = self.next_key.get_value();
        self.next_key.set_value(k + 1);
        k
    }
}

/// A theme to write: its card, the record, whether the record is written, whether it is new.
struct Write {
    card: Card,
    theme: Theme,
    write: bool,
    new: bool,
}

impl Screen {
    /// Opens the review of `drafts`. Saved themes come after the proposed ones; a proposal
    /// named like a saved theme (ignoring case) adds its items to that theme instead.
    pub(super) fn open_review(self, drafts: Vec<ThemeDraft>) {
        let review = self.review;
        let make = || {
            let saved = self.saved_cards();
            let mut list: Vec<Card> = Vec::new();
            for draft in drafts {
                let same = saved.iter().find(|c| {
                    c.name
                        .with_untracked(|n| n.trim().eq_ignore_ascii_case(draft.name.trim()))
                });
                match same {
                    Some(card) => add_items(*card, &draft.item_ids),
                    None => list.push(Card::new(review.next_key(), draft, None, 0)),
                }
            }
            list.extend(saved);
            list
        };
        let list = match review.owner.get_value() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        review.cards.set(list);
        review.error.set(None);
        self.step.set(Step::Review);
        after_render("themes-review-heading");
    }

    /// A card per saved theme; the free list loses the items a saved theme holds.
    fn saved_cards(self) -> Vec<Card> {
        let review = self.review;
        let mut saved: Vec<Card> = Vec::new();
        self.data.with_untracked(|d| {
            let Some(Ok(r)) = d else { return };
            let live = |i: &FeedbackItem| {
                i.theme_ids
                    .iter()
                    .any(|t| r.themes.iter().any(|theme| &theme.id == t))
            };
            review.free_ids.update_value(|ids| {
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
                saved.push(Card::new(
                    review.next_key(),
                    draft,
                    Some(theme.clone()),
                    linked,
                ));
            }
        });
        saved
    }

    /// Saves the reviewed themes and links; a theme with items (or a saved one) needs a name.
    fn save(self) {
        let review = self.review;
        if review.saving.get_untracked().is_some() {
            return;
        }
        let ui = self.state.lang.get_untracked();
        let list = review.cards.get_untracked();
        let unnamed = list.iter().find(|c| {
            c.name.with_untracked(|n| n.trim().is_empty())
                && (c.stored.with_untracked(Option::is_some)
                    || c.items.with_untracked(|i| !i.is_empty()))
        });
        if let Some(card) = unnamed {
            review.error.set(Some(Msg::FtErrName.text(ui).to_string()));
            browser::focus(&format!("theme-name-{}", card.key));
            return;
        }
        review.error.set(None);
        let now = browser::now();
        let (writes, links) = planned_writes(list, now);
        let changed: Vec<String> = self.data.with_untracked(|d| match d {
            Some(Ok(r)) => link_items(&r.items, &links, now)
                .into_iter()
                .map(|i| i.id)
                .collect(),
            _ => Vec::new(),
        });
        let total = writes.iter().filter(|w| w.write).count() + changed.len();
        review.saving.set(Some((0, total)));
        leptos::task::spawn_local(self.store(writes, links, changed.len(), now));
    }

    /// Writes the themes and the items as stored now (a change made meanwhile, e.g. in
    /// another tab, is kept), linked to their themes, in ONE transaction; then the summary.
    async fn store(
        self,
        writes: Vec<Write>,
        links: Vec<(String, Vec<String>)>,
        changed: usize,
        now: chrono::DateTime<chrono::Utc>,
    ) {
        let Screen { state, review, .. } = self;
        let ui = state.lang.get_untracked();
        let Some(db) = state.db() else { return };
        let fail = |error: StorageError| {
            review.saving.try_set(None);
            state.report(&error);
        };
        let fresh = match db.list::<FeedbackItem>().await {
            Ok(items) => link_items(&items, &links, now),
            Err(error) => return fail(error),
        };
        let json = |e: serde_json::Error| StorageError::Other(e.to_string());
        let theme_values: Result<Vec<serde_json::Value>, StorageError> = writes
            .iter()
            .filter(|w| w.write)
            .map(|w| serde_json::to_value(&w.theme).map_err(json))
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
        let themes = writes.len().to_string();
        let new = writes.iter().filter(|w| w.new).count().to_string();
        // Saving again updates these themes instead of adding new ones.
        for w in writes {
            w.card.stored.try_set(Some(w.theme));
        }
        state.changed();
        review.summary.try_set(Msg::FtSummary.fill(
            ui,
            &[
                ("themes", &themes),
                ("new", &new),
                ("items", &changed.to_string()),
            ],
        ));
        review.saving.try_set(None);
        self.step.try_set(Step::Done);
        after_render("themes-summary");
    }
}

/// The themes to write (edited or new ones; a new theme without items is dropped) and each
/// theme's items.
fn planned_writes(
    list: Vec<Card>,
    now: chrono::DateTime<chrono::Utc>,
) -> (Vec<Write>, Vec<(String, Vec<String>)>) {
    let mut writes: Vec<Write> = Vec::new();
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
            writes.push(Write {
                card,
                theme,
                write,
                new,
            });
        }
    }
    (writes, links)
}

/// The review step: the cards, the unassigned items, the error, Save and Start over.
#[component]
pub(super) fn Review(screen: Screen) -> impl IntoView {
    let state = screen.state;
    let Screen { data, review, .. } = screen;
    let cards = review.cards;
    let proposed = move || {
        cards.with(|all| {
            all.iter()
                .filter(|c| c.stored.with(Option::is_none))
                .count()
        })
    };
    let save_label = move || match review.saving.get() {
        Some((k, n)) => Msg::FtSaving.fill(
            state.lang.get(),
            &[("k", &k.to_string()), ("n", &n.to_string())],
        ),
        None => Msg::FtSave.text(state.lang.get()).to_string(),
    };
    let busy = move || review.saving.get().is_some();
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
            <Unassigned screen/>
            {move || review.error.get().map(|e| view! { <p class="error-text" id="themes-review-error" role="alert">{e}</p> })}
            <div class="button-row">
                <button type="button" class="button primary" id="themes-save" disabled=busy on:click=move |_| screen.save()>
                    {save_label}
                </button>
                <button type="button" class="button" id="themes-restart" disabled=busy on:click=move |_| screen.restart()>
                    {tr(Msg::FtStartOver)}
                </button>
            </div>
        </section>
    }
}

/// The analysed items no theme holds, while there are any.
#[component]
fn Unassigned(screen: Screen) -> impl IntoView {
    let state = screen.state;
    let Screen { data, review, .. } = screen;
    let cards = review.cards;
    let free = Memo::new(move |_| {
        let mut held: Vec<String> = cards.with(|all| {
            all.iter()
                .flat_map(|c| c.items.get())
                .collect::<Vec<String>>()
        });
        sorting::sort(&mut held);
        review.free_ids.with_value(|ids| {
            ids.iter()
                .filter(|id| held.binary_search(*id).is_err())
                .cloned()
                .collect::<Vec<String>>()
        })
    });
    let pages_label = Msg::FtPagesUnassigned
        .text(state.lang.get_untracked())
        .to_string();
    let free_count = move || {
        let n = free.with(Vec::len).to_string();
        Msg::FtUnassigned.fill(state.lang.get(), &[("n", &n)])
    };
    view! {
        <Show when=move || free.with(|ids| !ids.is_empty())>
            <section class="theme-card unassigned" id="themes-unassigned" tabindex="-1" aria-labelledby="themes-unassigned-heading">
                <h3 id="themes-unassigned-heading">{free_count}</h3>
                <ItemList ids=free from=None page=review.free_page label=pages_label.clone() cards data/>
            </section>
        </Show>
    }
}

/// The last step: what was saved, a link to the list, and Start over.
#[component]
pub(super) fn Done(screen: Screen) -> impl IntoView {
    let summary = screen.review.summary;
    view! {
        <section class="themes-done">
            <p id="themes-summary" role="status" tabindex="-1">{move || summary.get()}</p>
            <div class="button-row">
                <a class="button primary" id="themes-open-list" href=Route::List(Workspace::Feedback).href()>{tr(Msg::FtOpenList)}</a>
                <button type="button" class="button" id="themes-restart" on:click=move |_| screen.restart()>{tr(Msg::FtStartOver)}</button>
            </div>
        </section>
    }
}
