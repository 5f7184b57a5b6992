//! Settings › AI connections: the saved connections with the default marked, and an editor
//! with provider presets, "List models" and "Test connection".

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::form::{Coded, FieldError, FormRecord, FormValues};
use crate::domain::record::AccountIndex;
use crate::i18n::Msg;
use crate::llm::connections::{Connection, Connections, Preset};
use crate::ui::ai;
use crate::ui::browser;
use crate::ui::components::confirm::ConfirmPanel;
use crate::ui::components::field::{form_field, input_id};
use crate::ui::load::load_db;
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};

#[component]
pub fn ConnectionsSection() -> impl IntoView {
    let state = use_app();
    let editing = RwSignal::new(None::<Connection>);
    let deleting = RwSignal::new(None::<Connection>);
    let data = load_db(move |db| async move { ai::load_connections(&db).await });
    let save_all = move |connections: Connections, message: Msg| {
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match ai::save_connections(&db, &connections).await {
                Ok(()) => {
                    state.changed();
                    state.say(message);
                }
                Err(e) => state.report(&e),
            }
        });
    };
    let current = move || data.get().and_then(Result::ok).unwrap_or_default();

    view! {
        <section class="panel" aria-labelledby="connections-heading">
            <h2 id="connections-heading">{tr(Msg::ConnectionsTitle)}</h2>
            <p>{tr(Msg::ConnectionsExplanation)}</p>
            {move || data.get().and_then(Result::err).map(load_failure)}
            {move || {
                let all = current();
                if all.list.is_empty() {
                    return view! { <p class="empty-note" id="no-connections">{tr(Msg::NoConnections)}</p> }.into_any();
                }
                let default_id = all.default_id.clone();
                view! {
                    <ul class="connection-list" id="connection-list">
                        {all
                            .list
                            .into_iter()
                            .map(|c| {
                                let is_default = default_id.as_deref() == Some(c.id.as_str());
                                let (for_edit, for_delete, id) = (c.clone(), c.clone(), c.id.clone());
                                view! {
                                    <li class="connection">
                                        <span class="connection-label">{c.label()}</span>
                                        <span class="connection-kind">{tr(c.preset.label())}</span>
                                        {if is_default {
                                            view! { <span class="badge">{tr(Msg::DefaultBadge)}</span> }.into_any()
                                        } else {
                                            view! {
                                                <button class="button small" on:click=move |_| {
                                                    let mut all = current();
                                                    all.set_default(&id);
                                                    save_all(all, Msg::ConnectionSaved);
                                                }>{tr(Msg::MakeDefault)}</button>
                                            }
                                            .into_any()
                                        }}
                                        <button class="button small" on:click=move |_| editing.set(Some(for_edit.clone()))>{tr(Msg::EditConnection)}</button>
                                        <button class="button small danger-outline" on:click=move |_| deleting.set(Some(for_delete.clone()))>{tr(Msg::Delete)}</button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {move || (editing.with(Option::is_none)).then(|| view! {
                <button class="button" id="add-connection" on:click=move |_| editing.set(Some(Connection::new(browser::new_id(), browser::now())))>
                    {tr(Msg::AddConnection)}
                </button>
            })}
            {move || {
                editing
                    .get()
                    .map(|connection| {
                        let on_done = Callback::new(move |saved: Option<Connection>| {
                            if let Some(saved) = saved {
                                let mut all = current();
                                all.upsert(saved);
                                save_all(all, Msg::ConnectionSaved);
                            }
                            editing.set(None);
                        });
                        view! { <ConnectionEditor connection=connection on_done=on_done /> }
                    })
            }}
            {move || {
                deleting
                    .get()
                    .map(|connection| {
                        let name = connection.name.clone();
                        view! {
                            <ConfirmPanel
                                question=Msg::ConfirmDeleteConnection
                                arg=("name", name)
                                confirm_label=Msg::Delete
                                on_confirm=Callback::new(move |()| {
                                    let mut all = current();
                                    all.remove(&connection.id);
                                    ai::forget_key(&connection);
                                    deleting.set(None);
                                    save_all(all, Msg::Deleted);
                                })
                                on_cancel=Callback::new(move |()| deleting.set(None))
                            />
                        }
                    })
            }}
        </section>
    }
}

/// Edits one connection; `on_done` receives the saved connection, or `None` on cancel.
#[component]
fn ConnectionEditor(
    connection: Connection,
    on_done: Callback<Option<Connection>>,
) -> impl IntoView {
    let state = use_app();
    let values: RwSignal<FormValues> = RwSignal::new(connection.to_form());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let models = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let base = StoredValue::new(connection);
    let preset = move || {
        values
            .with(|v| v.get("preset").and_then(|p| Preset::from_code(p)))
            .unwrap_or(Preset::Custom)
    };
    // Choosing another provider fills in its address, a model and the context window.
    let last_preset = StoredValue::new(preset());
    Effect::new(move |_| {
        let chosen = preset();
        if chosen != last_preset.get_value() {
            last_preset.set_value(chosen);
            models.set(Vec::new());
            values.update(|v| chosen.fill(v));
        }
    });
    let read = move || -> Result<Connection, Vec<FieldError>> {
        let mut connection = base.get_value();
        connection
            .apply_form(&values.get_untracked(), browser::now())
            .map(|()| connection)
    };
    let checked = move || match read() {
        Ok(c) => {
            errors.set(Vec::new());
            Some(c)
        }
        Err(found) => {
            if let Some(first) = found.first() {
                browser::focus(&input_id(first.field));
            }
            errors.set(found);
            None
        }
    };
    let list_models = move |_| {
        let Some(connection) = checked() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            match ai::list_models(&connection, lang).await {
                Ok(found) => {
                    state.say_text(
                        Msg::ModelsFound.fill(lang, &[("n", &found.len().to_string())]),
                        false,
                    );
                    models.try_set(found);
                }
                Err(message) => state.say_text(message, true),
            }
            busy.try_set(false);
        });
    };
    let test = move |_| {
        let Some(connection) = checked() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            match ai::test_connection(&connection, lang).await {
                Ok(ms) => state.say_text(
                    Msg::ConnectionWorks.fill(lang, &[("ms", &ms.to_string())]),
                    false,
                ),
                Err(message) => state.say_text(message, true),
            }
            busy.try_set(false);
        });
    };
    let no_accounts = Arc::new(AccountIndex::default());
    view! {
        <form
            class="record-form connection-editor"
            id="connection-editor"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                if let Some(connection) = checked() {
                    on_done.run(Some(connection));
                }
            }
        >
            <p class="help preset-help" id="preset-help">{move || tr(preset().help())()}</p>
            {Connection::FIELDS.iter().map(|spec| form_field(*spec, values, errors, no_accounts.clone())).collect_view()}
            {move || (!models.with(Vec::is_empty)).then(|| view! {
                <div class="model-choices" id="model-choices">
                    {move || {
                        models
                            .get()
                            .into_iter()
                            .map(|m| {
                                let chosen = m.clone();
                                view! {
                                    <button type="button" class="chip" on:click=move |_| values.update(|v| {
                                        v.insert("model", chosen.clone());
                                    })>{m}</button>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            })}
            <div class="button-row">
                <button type="submit" class="button primary" id="save-connection">{tr(Msg::Save)}</button>
                <button type="button" class="button" id="list-models" disabled=move || busy.get() on:click=list_models>{tr(Msg::ListModels)}</button>
                <button type="button" class="button" id="test-connection" disabled=move || busy.get() on:click=test>
                    {move || if busy.get() { tr(Msg::Testing)() } else { tr(Msg::TestConnection)() }}
                </button>
                <button type="button" class="button" on:click=move |_| on_done.run(None)>{tr(Msg::Cancel)}</button>
            </div>
        </form>
    }
}
