//! The items listed in a theme of the review or in the unassigned list: each with its text,
//! account, "move to theme" and (in a theme) remove; long lists a page at a time.

use leptos::prelude::*;

use super::cards::{add_items, find, Card, CardOptions};
use super::Data;
use crate::domain::listing::{PageWindow, PAGE_SIZE};
use crate::domain::record::excerpt;
use crate::i18n::Msg;
use crate::ui::browser;
use crate::ui::components::pager::Pager;
use crate::ui::state::tr;

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

/// Items as rows of the card `from` (or of the unassigned list), a page at a time with a
/// pager named by `label`. A row stays drawn while its item stays on the page.
#[component]
pub(super) fn ItemList(
    #[prop(into)] ids: Signal<Vec<String>>,
    from: Option<Card>,
    page: RwSignal<usize>,
    label: String,
    cards: RwSignal<Vec<Card>>,
    data: Data,
) -> impl IntoView {
    let window = Memo::new(move |_| PageWindow::new(ids.with(Vec::len), page.get(), PAGE_SIZE));
    let rows = move || {
        let w = window.get();
        ids.with(|all| all[w.start..w.end].to_vec())
    };
    view! {
        <ul class="theme-items">
            <For each=rows key=String::clone let:id>
                <ThemeItem id from cards data/>
            </For>
        </ul>
        <Pager window page label />
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
