//! The items listed in a theme of the review or in the unassigned list: each with its text,
//! account, "move to theme" and (in a theme) remove; long lists show the first items first.

use leptos::prelude::*;

use super::cards::{add_items, find, Card, CardOptions};
use super::Data;
use crate::domain::record::excerpt;
use crate::i18n::Msg;
use crate::ui::browser;
use crate::ui::state::{tr, use_app};

/// Items listed per theme before "Show all".
const SHOWN_ITEMS: usize = 50;
/// Characters of a verbatim shown in the review.
const EXCERPT_CHARS: usize = 160;

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

/// Items as rows of the card `from` (or of the unassigned list); the first `SHOWN_ITEMS`
/// unless `show_all`. A row stays drawn while its item stays in the list.
#[component]
pub(super) fn ItemList(
    #[prop(into)] ids: Signal<Vec<String>>,
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
                <CardOptions cards except=from.map(|c| c.key)/>
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
