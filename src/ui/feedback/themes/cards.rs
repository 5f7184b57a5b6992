//! One theme of the review: a proposed one or a saved one that items can join, with its
//! name, description and items; a proposal can also be merged into another or deleted.

use leptos::prelude::*;

use super::items::ItemList;
use super::Data;
use crate::domain::feedback::themes::ThemeDraft;
use crate::domain::feedback::Theme;
use crate::i18n::Msg;
use crate::ui::browser;
use crate::ui::list::CollectAny;
use crate::ui::state::{tr, use_app};

/// A theme in the review: a proposed one, or a saved one (`stored`) that items can join.
#[derive(Clone, Copy)]
pub(super) struct Card {
    pub(super) key: usize,
    pub(super) name: RwSignal<String>,
    pub(super) description: RwSignal<String>,
    pub(super) items: RwSignal<Vec<String>>,
    /// The stored theme; set for a new theme once it is saved.
    pub(super) stored: RwSignal<Option<Theme>>,
    /// Items linked to the saved theme before this review.
    linked: usize,
    /// The page of its items shown.
    page: RwSignal<usize>,
}

impl Card {
    pub(super) fn new(key: usize, draft: ThemeDraft, stored: Option<Theme>, linked: usize) -> Self {
        Self {
            key,
            name: RwSignal::new(draft.name),
            description: RwSignal::new(draft.description),
            items: RwSignal::new(draft.item_ids),
            stored: RwSignal::new(stored),
            linked,
            page: RwSignal::new(0),
        }
    }
}

/// The card with this key.
pub(super) fn find(cards: RwSignal<Vec<Card>>, key: usize) -> Option<Card> {
    cards.with_untracked(|all| all.iter().find(|c| c.key == key).copied())
}

/// Adds items to a card, each once.
pub(super) fn add_items(card: Card, ids: &[String]) {
    card.items.update(|mine| {
        for id in ids {
            if !mine.contains(id) {
                mine.push(id.clone());
            }
        }
    });
}

/// The review's cards but `except`, as options of a select.
#[component]
pub(super) fn CardOptions(cards: RwSignal<Vec<Card>>, except: Option<usize>) -> impl IntoView {
    let others = move || {
        cards
            .get()
            .into_iter()
            .filter(move |c| Some(c.key) != except)
    };
    view! {
        {move || others()
            .map(|card| view! { <option value=card.key.to_string()>{move || card.name.get()}</option> })
            .collect_any()}
    }
}

/// One theme of the review: name, description, items, merge and delete (proposed themes).
#[component]
pub(super) fn ThemeCard(card: Card, cards: RwSignal<Vec<Card>>, data: Data) -> impl IntoView {
    let state = use_app();
    let key = card.key;
    let name_id = format!("theme-name-{key}");
    let description_id = format!("theme-description-{key}");
    let saved = card.stored.with_untracked(Option::is_some);
    let pages_label = card
        .name
        .with_untracked(|name| Msg::FtPagesOf.fill(state.lang.get_untracked(), &[("name", name)]));
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
    view! {
        <article class="theme-card" class:saved=saved data-key=key>
            <label for=name_id.clone()>{tr(Msg::FtThemeName)}</label>
            <input type="text" class="theme-name" id=name_id prop:value=card.name.get_untracked()
                on:input:target=move |ev| card.name.set(ev.target().value()) />
            <label for=description_id.clone()>{tr(Msg::FtThemeDescription)}</label>
            <textarea class="theme-description" id=description_id rows="2" prop:value=card.description.get_untracked()
                on:input:target=move |ev| card.description.set(ev.target().value())></textarea>
            <p class="hint theme-count">{count}</p>
            <ItemList ids=card.items from=Some(card) page=card.page label=pages_label cards data/>
            {(!saved).then(|| view! { <MergeOrDelete card cards/> })}
        </article>
    }
}

/// A proposal's merge into another theme (items added, description kept if the other has
/// none) and delete.
#[component]
fn MergeOrDelete(card: Card, cards: RwSignal<Vec<Card>>) -> impl IntoView {
    let key = card.key;
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
    view! {
        <div class="button-row">
            <select class="theme-merge" aria-label=tr(Msg::FtMergeInto) on:change:target=move |ev| merge(ev.target().value())>
                <option value="" selected>{tr(Msg::FtMergeInto)}</option>
                <CardOptions cards except=Some(key)/>
            </select>
            <button type="button" class="button small theme-delete" on:click=move |_| drop_card()>
                {tr(Msg::FtDeleteTheme)}
            </button>
        </div>
    }
}
