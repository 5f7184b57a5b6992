//! Previous and next buttons around "Showing 1–50 of N", for a list drawn one page of rows
//! at a time.

use leptos::prelude::*;

use crate::domain::listing::PageWindow;
use crate::i18n::Msg;
use crate::ui::state::{tr, use_app};

/// The pager of `window` (shown only when the rows need more than one page); its buttons
/// move `page`. `label` names the navigation region among several pagers ("Pages" without).
#[component]
pub fn Pager(
    #[prop(into)] window: Signal<PageWindow>,
    page: RwSignal<usize>,
    #[prop(optional)] label: Option<String>,
) -> impl IntoView {
    let state = use_app();
    let label = StoredValue::new(label);
    let name = move || {
        label
            .get_value()
            .unwrap_or_else(|| Msg::PagerLabel.text(state.lang.get()).to_string())
    };
    let range = move || {
        let w = window.get();
        let from = if w.total == 0 { 0 } else { w.start + 1 };
        Msg::PagerRange.fill(
            state.lang.get(),
            &[
                ("from", &from.to_string()),
                ("to", &w.end.to_string()),
                ("n", &w.total.to_string()),
            ],
        )
    };
    move || {
        window.get().is_split().then(|| {
            view! {
                <nav class="pager" aria-label=name>
                    <button type="button" class="button" disabled=move || !window.get().has_previous()
                        on:click=move |_| page.set(window.get_untracked().page.saturating_sub(1))>
                        {tr(Msg::PagerPrevious)}
                    </button>
                    <span class="pager-range" aria-live="polite">{range}</span>
                    <button type="button" class="button" disabled=move || !window.get().has_next()
                        on:click=move |_| page.set(window.get_untracked().page + 1)>
                        {tr(Msg::PagerNext)}
                    </button>
                </nav>
            }
        })
    }
}
