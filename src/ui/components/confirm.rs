//! An inline confirmation panel for destructive actions: says what will happen, and needs
//! an explicit click; Escape cancels.

use leptos::prelude::*;

use crate::i18n::Msg;
use crate::ui::state::{tr, use_app};

/// Shows `question` (its one placeholder filled from `arg`) with a confirm button labelled
/// `confirm_label` and a Cancel button.
#[component]
pub fn ConfirmPanel(
    question: Msg,
    arg: (&'static str, String),
    confirm_label: Msg,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let state = use_app();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_ref.get() {
            let _ = button.focus();
        }
    });
    view! {
        <div
            class="confirm-panel"
            role="alertdialog"
            aria-modal="false"
            aria-labelledby="confirm-question"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_cancel.run(());
                }
            }
        >
            <p class="confirm-question" id="confirm-question">{move || question.fill(state.lang.get(), &[(arg.0, &arg.1)])}</p>
            {children.map(|c| c())}
            <div class="button-row">
                <button class="button danger" id="confirm-action" node_ref=confirm_ref on:click=move |_| on_confirm.run(())>
                    {tr(confirm_label)}
                </button>
                <button class="button" id="confirm-cancel" on:click=move |_| on_cancel.run(())>
                    {tr(Msg::Cancel)}
                </button>
            </div>
        </div>
    }
}
