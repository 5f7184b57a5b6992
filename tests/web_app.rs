//! Browser tests of the mounted app and its components against real IndexedDB: a record
//! created through the form is stored and listed, validation marks fields, the list
//! searches, and the confirmation panel cancels on Escape.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use casebook::domain::account::Account;
use casebook::i18n::{Lang, Msg};
use casebook::storage::db::Db;
use casebook::storage::schema::DB_NAME;
use casebook::ui::components::confirm::ConfirmPanel;
use casebook::ui::state::AppState;
use casebook::ui::App;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent,
    KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn host() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

/// Polls until `check` finds something, for up to five seconds.
async fn wait_for<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = js_sys::Date::now() + Duration::from_secs(5).as_millis() as f64;
    loop {
        if let Some(found) = check() {
            return found;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {what}"
        );
        TimeoutFuture::new(20).await;
    }
}

fn query(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).ok().flatten()
}

fn type_into(id: &str, value: &str) {
    let element = query(&format!("#{id}")).unwrap_or_else(|| panic!("no #{id}"));
    let event = if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
        "input"
    } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
        select.set_value(value);
        "change"
    } else {
        panic!("#{id} is not an input or select");
    };
    let init = EventInit::new();
    init.set_bubbles(true);
    element
        .dispatch_event(&Event::new_with_event_init_dict(event, &init).unwrap())
        .unwrap();
}

fn click(selector: &str) {
    query(selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

fn text(selector: &str) -> String {
    query(selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_account_created_in_the_form_is_stored_and_listed() {
    rexie::Rexie::delete(DB_NAME).await.unwrap();
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("/accounts/new")
        .unwrap();
    let _app = leptos::mount::mount_to(host(), App);
    wait_for("the account form", || query("#f-name")).await;

    click("#save-record");
    wait_for("the error summary", || query("#form-summary")).await;
    assert_eq!(
        query("#f-name")
            .unwrap()
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(text("[data-field=\"name\"] .field-error").contains("Required"));

    type_into("f-name", "Acme Corp");
    type_into("f-tier", "strategic");
    type_into("f-arr", "$1,200,000");
    click("#save-record");
    wait_for("the account list", || query("table.records tbody tr")).await;
    assert!(text("table.records tbody").contains("USD 1,200,000"));

    let db = Db::open(DB_NAME).await.unwrap();
    let stored = db.list::<Account>().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].name, "Acme Corp");
    assert_eq!(stored[0].arr, 1_200_000);
    db.close();

    type_into("record-search", "nothing like it");
    wait_for("the no-match message", || query(".empty-search")).await;
    assert!(query("table.records tbody tr").is_none());
    web_sys::window().unwrap().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn the_confirm_panel_runs_its_action_or_cancels_on_escape() {
    let confirmed = RwSignal::new(0);
    let cancelled = RwSignal::new(0);
    let _panel = leptos::mount::mount_to(host(), move || {
        provide_context(AppState::new());
        view! {
            <ConfirmPanel
                question=Msg::ConfirmDeleteConnection
                arg=("name", "Work OpenAI".to_string())
                confirm_label=Msg::Delete
                on_confirm=Callback::new(move |()| confirmed.update(|n| *n += 1))
                on_cancel=Callback::new(move |()| cancelled.update(|n| *n += 1))
            />
        }
    });
    TimeoutFuture::new(0).await;
    assert_eq!(
        text(".confirm-question"),
        Msg::ConfirmDeleteConnection.fill(Lang::En, &[("name", "Work OpenAI")])
    );
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("confirm-action"),
        "focus starts on the action"
    );

    let init = KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    query("#confirm-action")
        .unwrap()
        .dispatch_event(&escape)
        .unwrap();
    assert_eq!(
        (confirmed.get_untracked(), cancelled.get_untracked()),
        (0, 1)
    );

    click("#confirm-action");
    assert_eq!(
        (confirmed.get_untracked(), cancelled.get_untracked()),
        (1, 1)
    );
}
