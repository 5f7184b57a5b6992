//! The one way Casebook picks a file: a labelled file input that reads the chosen file as
//! text and hands the text on.

use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::i18n::Msg;
use crate::ui::browser;
use crate::ui::state::tr;

/// A file input with its label. `on_pick` runs as soon as a file is chosen (to clear what
/// an earlier file showed); `on_read` gets its text, or `None` when the browser could not
/// read it.
#[component]
pub fn TextFileInput(
    /// The input's id, which the label points at.
    id: &'static str,
    label: Msg,
    /// The file types offered (the `accept` attribute).
    accept: &'static str,
    /// Lets the caller clear the choice.
    node_ref: NodeRef<Input>,
    on_pick: Callback<()>,
    on_read: Callback<Option<String>>,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        on_pick.run(());
        leptos::task::spawn_local(async move {
            let text = browser::read_chosen_file(&input).await;
            // The page may be gone by the time the file is read.
            on_read.try_run(text);
        });
    };
    view! {
        <label for=id>{tr(label)}</label>
        <input type="file" id=id accept=accept node_ref=node_ref on:change=on_change />
    }
}
