//! Settings › AI connections: the saved connections with the default marked, and an editor
//! with provider presets, "List models" and "Test connection".

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::form::{Coded, FieldError, FormRecord, FormValues};
use crate::domain::record::AccountIndex;
use crate::i18n::Msg;
use crate::llm::connections::{Connection, Connections, Preset};
use crate::storage::error::StorageError;
use crate::ui::ai;
use crate::ui::browser;
use crate::ui::components::confirm::ConfirmPanel;
use crate::ui::components::field::{form_field, input_id};
use crate::ui::list::CollectAny;
use crate::ui::load::{load_db, Loaded};
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app, AppState};

/// The saved connections and how to change them. `Copy`: arena handles.
#[derive(Clone, Copy)]
struct Saved {
    state: AppState,
    data: Loaded<Result<Connections, StorageError>>,
}

impl Saved {
    /// The connections as last read (none while loading or after a failure).
    fn current(self) -> Connections {
        self.data.get().and_then(Result::ok).unwrap_or_default()
    }

    /// Saves `connections` in place of the saved ones and says `message`.
    fn save(self, connections: Connections, message: Msg) {
        let state = self.state;
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
    }
}

#[component]
pub fn ConnectionsSection() -> impl IntoView {
    let saved = Saved {
        state: use_app(),
        data: load_db(move |db| async move { ai::load_connections(&db).await }),
    };
    let editing = RwSignal::new(None::<Connection>);
    let deleting = RwSignal::new(None::<Connection>);
    view! {
        <section class="panel" aria-labelledby="connections-heading">
            <h2 id="connections-heading">{tr(Msg::ConnectionsTitle)}</h2>
            <p>{tr(Msg::ConnectionsExplanation)}</p>
            {move || saved.data.get().and_then(Result::err).map(load_failure)}
            <ConnectionList saved editing deleting />
            {move || (editing.with(Option::is_none)).then(|| view! {
                <button class="button" id="add-connection" on:click=move |_| editing.set(Some(Connection::new(browser::new_id(), browser::now())))>
                    {tr(Msg::AddConnection)}
                </button>
            })}
            {move || {
                editing
                    .get()
                    .map(|connection| {
                        let on_done = Callback::new(move |done: Option<Connection>| {
                            if let Some(done) = done {
                                let mut all = saved.current();
                                all.upsert(done);
                                saved.save(all, Msg::ConnectionSaved);
                            }
                            editing.set(None);
                        });
                        view! { <ConnectionEditor connection=connection on_done=on_done /> }
                    })
            }}
            {move || deleting.get().map(|connection| view! { <ConfirmDelete saved connection deleting /> })}
        </section>
    }
}

/// The saved connections, the default marked, each with make-default, edit and delete.
#[component]
fn ConnectionList(
    saved: Saved,
    editing: RwSignal<Option<Connection>>,
    deleting: RwSignal<Option<Connection>>,
) -> impl IntoView {
    move || {
        let all = saved.current();
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
                                            let mut all = saved.current();
                                            all.set_default(&id);
                                            saved.save(all, Msg::ConnectionSaved);
                                        }>{tr(Msg::MakeDefault)}</button>
                                    }
                                    .into_any()
                                }}
                                <button class="button small" on:click=move |_| editing.set(Some(for_edit.clone()))>{tr(Msg::EditConnection)}</button>
                                <button class="button small danger-outline" on:click=move |_| deleting.set(Some(for_delete.clone()))>{tr(Msg::Delete)}</button>
                            </li>
                        }
                    })
                    .collect_any()}
            </ul>
        }
        .into_any()
    }
}

/// Asks before deleting `connection` (and forgetting its session key).
#[component]
fn ConfirmDelete(
    saved: Saved,
    connection: Connection,
    deleting: RwSignal<Option<Connection>>,
) -> impl IntoView {
    let name = connection.name.clone();
    view! {
        <ConfirmPanel
            question=Msg::ConfirmDeleteConnection
            arg=("name", name)
            confirm_label=Msg::Delete
            on_confirm=Callback::new(move |()| {
                let mut all = saved.current();
                all.remove(&connection.id);
                ai::forget_key(&connection);
                deleting.set(None);
                saved.save(all, Msg::Deleted);
            })
            on_cancel=Callback::new(move |()| deleting.set(None))
        />
    }
}

/// Edits one connection; `on_done` receives the saved connection, or `None` on cancel.
#[component]
fn ConnectionEditor(
    connection: Connection,
    on_done: Callback<Option<Connection>>,
) -> impl IntoView {
    let values: RwSignal<FormValues> = RwSignal::new(connection.to_form());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let models = RwSignal::new(Vec::<String>::new());
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
    // The connection as typed, or `None` with the errors shown and the first one focused.
    let checked = Callback::new(move |()| {
        let mut connection = base.get_value();
        match connection.apply_form(&values.get_untracked(), browser::now()) {
            Ok(()) => {
                errors.set(Vec::new());
                Some(connection)
            }
            Err(found) => {
                if let Some(first) = found.first() {
                    browser::focus(&input_id(first.field));
                }
                errors.set(found);
                None
            }
        }
    });
    let no_accounts = Arc::new(AccountIndex::default());
    view! {
        <form
            class="record-form connection-editor"
            id="connection-editor"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                if let Some(connection) = checked.run(()) {
                    on_done.run(Some(connection));
                }
            }
        >
            <p class="help preset-help" id="preset-help">{move || tr(preset().help())()}</p>
            {Connection::FIELDS.iter().map(|spec| form_field(*spec, values, errors, no_accounts.clone())).collect_any()}
            <ModelChoices models values />
            <EditorButtons checked models on_done />
        </form>
    }
}

/// The models "List models" found, each a chip that fills in the model field.
#[component]
fn ModelChoices(models: RwSignal<Vec<String>>, values: RwSignal<FormValues>) -> impl IntoView {
    move || {
        (!models.with(Vec::is_empty)).then(|| view! {
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
                    .collect_any()
            }}
        </div>
    })
    }
}

/// Save, "List models", "Test connection" and Cancel; the two checks run on the connection
/// as typed (`checked`) and say what they found.
#[component]
fn EditorButtons(
    checked: Callback<(), Option<Connection>>,
    models: RwSignal<Vec<String>>,
    on_done: Callback<Option<Connection>>,
) -> impl IntoView {
    let state = use_app();
    let busy = RwSignal::new(false);
    let list_models = move |_| {
        let Some(connection) = checked.run(()) else {
            return;
        };
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
        let Some(connection) = checked.run(()) else {
            return;
        };
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
    view! {
        <div class="button-row">
            <button type="submit" class="button primary" id="save-connection">{tr(Msg::Save)}</button>
            <button type="button" class="button" id="list-models" disabled=move || busy.get() on:click=list_models>{tr(Msg::ListModels)}</button>
            <button type="button" class="button" id="test-connection" disabled=move || busy.get() on:click=test>
                {move || if busy.get() { tr(Msg::Testing)() } else { tr(Msg::TestConnection)() }}
            </button>
            <button type="button" class="button" on:click=move |_| on_done.run(None)>{tr(Msg::Cancel)}</button>
        </div>
    }
}
