//! Settings: backup export and import (validated, confirmed, all-or-nothing), storage use
//! and persistence, and "Delete all data".

use leptos::prelude::*;

use crate::domain::listing::{format_bytes, format_utc_minute};
use crate::domain::time::zone::LocalZone;
use crate::i18n::Msg;
use crate::storage::backup::{self, Backup};
use crate::storage::error::StorageError;
use crate::storage::schema::{Setting, Store, SETTING_LAST_BACKUP};
use crate::ui::browser::{self, BrowserZone};
use crate::ui::components::confirm::ConfirmPanel;
use crate::ui::components::file_input::TextFileInput;
use crate::ui::list::CollectAny;
use crate::ui::load::{load, load_db};
use crate::ui::pages::connections;
use crate::ui::state::{tr, use_app, AppState};

/// The label of a store in counts tables.
fn store_label(store: Store) -> Msg {
    match store {
        Store::Meta | Store::Settings | Store::FeedbackMonths => Msg::StoreSettings,
        Store::Accounts => Msg::NavAccounts,
        Store::Escalations => Msg::NavEscalations,
        Store::Feedback => Msg::NavFeedback,
        Store::Themes => Msg::StoreThemes,
        Store::Onboarding => Msg::NavOnboarding,
        Store::Playbooks => Msg::StorePlaybooks,
        Store::Drafts => Msg::StoreDrafts,
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page settings">
            <h1>{tr(Msg::NavSettings)}</h1>
            <connections::ConnectionsSection />
            <BackupSection />
            <StorageSection />
            <DeleteAllSection />
        </section>
    }
}

#[component]
fn BackupSection() -> impl IntoView {
    let state = use_app();
    let include_secrets = RwSignal::new(false);
    let last_backup = load_db(move |db| async move {
        let setting: Option<Setting> = db.get(SETTING_LAST_BACKUP).await?;
        Ok(setting.and_then(|s| s.instant()))
    });
    let export = move |_| {
        let include = include_secrets.get_untracked();
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            let now = browser::now();
            let result = async {
                let stores = db.export_all().await?;
                let text = backup::encode(stores, now, include);
                let name = format!("casebook-backup-{}.json", BrowserZone.local_date(now));
                browser::download(&name, "application/json", &text)
                    .map_err(|_| StorageError::Other("download".into()))?;
                db.put_setting(SETTING_LAST_BACKUP, &now).await
            }
            .await;
            match result {
                Ok(()) => {
                    state.changed();
                    state.say(Msg::BackupExported);
                }
                Err(error) => state.report(&error),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="backup-heading">
            <h2 id="backup-heading">{tr(Msg::BackupTitle)}</h2>
            <p>{tr(Msg::BackupExplanation)}</p>
            <p class="last-backup" id="last-backup">
                {move || match last_backup.get().and_then(Result::ok).flatten() {
                    Some(t) => Msg::LastBackup.fill(state.lang.get(), &[("date", &BrowserZone.local_date(t).to_string())]),
                    None => state.t(Msg::NeverBackedUp).to_string(),
                }}
            </p>
            <label class="checkbox">
                <input type="checkbox" id="include-secrets" prop:checked=move || include_secrets.get()
                    on:change:target=move |ev| include_secrets.set(ev.target().checked()) />
                {tr(Msg::IncludeApiKeys)}
            </label>
            <div class="button-row">
                <button class="button primary" id="export-backup" on:click=export>{tr(Msg::ExportBackup)}</button>
            </div>
            <ImportBackup />
        </section>
    }
}

/// A backup chosen for import: the file read, the counts in the browser now, or why it
/// cannot be imported. `Copy`: arena handles.
#[derive(Clone, Copy)]
struct Import {
    pending: RwSignal<Option<Backup>>,
    current: RwSignal<Vec<(Store, u32)>>,
    error: RwSignal<Option<String>>,
}

impl Import {
    /// Forgets an earlier file's result when another is chosen.
    fn clear(self) {
        self.pending.set(None);
        self.error.set(None);
    }

    /// Checks the chosen file's text (`None`: unreadable); a good one waits for confirmation.
    fn read(self, state: AppState, text: Option<String>) {
        let Some(text) = text else {
            self.error
                .try_set(Some(state.t(Msg::ErrFileUnreadable).to_string()));
            return;
        };
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            match backup::decode(&text) {
                Err(e) => {
                    self.error.try_set(Some(e.message(lang)));
                }
                Ok(file) => {
                    if let Some(db) = state.db() {
                        match db.counts().await {
                            Ok(counts) => {
                                self.current.try_set(counts);
                            }
                            Err(e) => return state.report(&e),
                        }
                    }
                    self.pending.try_set(Some(file));
                }
            }
        });
    }

    /// Replaces all data with the confirmed file; `done` runs once it is in.
    fn replace_all(self, done: impl Fn() + 'static) {
        let state = use_app();
        let Some(file) = self.pending.get_untracked() else {
            return;
        };
        let total: usize = file.counts().iter().map(|(_, n)| n).sum();
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match db.replace_all(file.into_stores()).await {
                Ok(()) => {
                    self.pending.try_set(None);
                    done();
                    state.changed();
                    state.say_text(
                        Msg::ImportDone
                            .fill(state.lang.get_untracked(), &[("n", &total.to_string())]),
                        false,
                    );
                }
                Err(e) => state.report(&e),
            }
        });
    }
}

#[component]
fn ImportBackup() -> impl IntoView {
    let import = Import {
        pending: RwSignal::new(None),
        current: RwSignal::new(Vec::new()),
        error: RwSignal::new(None),
    };
    let pending = import.pending;
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let reset_input = move || {
        if let Some(input) = input_ref.get_untracked() {
            input.set_value("");
        }
    };
    let state = use_app();
    view! {
        <h3>{tr(Msg::ImportTitle)}</h3>
        <p>{tr(Msg::ImportExplanation)}</p>
        <div class="field">
            <TextFileInput id="import-file" label=Msg::ImportFile accept=".json,application/json" node_ref=input_ref
                on_pick=Callback::new(move |()| import.clear())
                on_read=Callback::new(move |text| import.read(state, text)) />
        </div>
        {move || import.error.get().map(|e| view! { <p class="error-text" id="import-error" role="alert">{e}</p> })}
        {move || (pending.with(Option::is_some)).then(|| view! {
            <ConfirmPanel
                question=Msg::ConfirmImport
                arg=("date", pending.with(|p| p.as_ref().map(|b| format_utc_minute(b.exported_at))).unwrap_or_default())
                confirm_label=Msg::ReplaceAllData
                on_confirm=Callback::new(move |()| import.replace_all(reset_input))
                on_cancel=Callback::new(move |()| {
                    pending.set(None);
                    reset_input();
                })
            >
                <ImportCounts import />
            </ConfirmPanel>
        })}
    }
}

/// Each store's records in the browser now beside those in the file chosen.
#[component]
fn ImportCounts(import: Import) -> impl IntoView {
    move || {
        import.pending.get().map(|file| {
            let rows = file
                .counts()
                .into_iter()
                .map(|(store, incoming)| {
                    let here = import
                        .current
                        .with(|c| c.iter().find(|(s, _)| *s == store).map_or(0, |(_, n)| *n));
                    view! {
                        <tr>
                            <th scope="row">{tr(store_label(store))}</th>
                            <td>{here}</td>
                            <td>{incoming}</td>
                        </tr>
                    }
                })
                .collect_any();
            view! {
                <table class="counts" id="import-counts">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Msg::ColumnStore)}</th>
                            <th scope="col">{tr(Msg::ColumnInBrowser)}</th>
                            <th scope="col">{tr(Msg::ColumnInFile)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    }
}

#[component]
fn StorageSection() -> impl IntoView {
    let state = use_app();
    let asked = RwSignal::new(0u32);
    let info = load(move || {
        state.data_version.track();
        asked.track();
        Box::pin(async move {
            (
                browser::storage_estimate().await,
                browser::is_persisted().await,
            )
        })
    });
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            let granted = browser::request_persistence().await.unwrap_or(false);
            state.say(if granted {
                Msg::PersistGranted
            } else {
                Msg::PersistRefused
            });
            asked.try_update(|n| *n += 1);
        });
    };
    view! {
        <section class="panel" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{tr(Msg::StorageTitle)}</h2>
            {move || {
                info.get()
                    .map(|(estimate, persisted)| {
                        let usage = match estimate {
                            Some((used, quota)) => Msg::StorageUsage.fill(state.lang.get(), &[("used", &format_bytes(used)), ("quota", &format_bytes(quota))]),
                            None => state.t(Msg::StorageUsageUnknown).to_string(),
                        };
                        let persistent = persisted == Some(true);
                        view! {
                            <p id="storage-usage">{usage}</p>
                            <p id="storage-persistence">{tr(if persistent { Msg::PersistOn } else { Msg::PersistOff })}</p>
                            {(!persistent).then(|| view! {
                                <button class="button" id="ask-persist" on:click=ask>{tr(Msg::AskPersist)}</button>
                            })}
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn DeleteAllSection() -> impl IntoView {
    let state = use_app();
    let confirming = RwSignal::new(false);
    let counts = RwSignal::new(Vec::<(Store, u32)>::new());
    let open = move |_| {
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match db.counts().await {
                Ok(c) => {
                    counts.try_set(c);
                    confirming.try_set(true);
                }
                Err(e) => state.report(&e),
            }
        });
    };
    let wipe = move || {
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match db.clear_all().await {
                Ok(()) => {
                    confirming.try_set(false);
                    state.changed();
                    state.say(Msg::AllDataDeleted);
                }
                Err(e) => state.report(&e),
            }
        });
    };
    view! {
        <section class="panel danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{tr(Msg::DeleteAllTitle)}</h2>
            <p>{tr(Msg::DeleteAllExplanation)}</p>
            <button class="button danger-outline" id="delete-all" on:click=open>{tr(Msg::DeleteAllData)}</button>
            {move || (confirming.get()).then(|| view! {
                <ConfirmPanel
                    question=Msg::ConfirmDeleteAll
                    arg=("n", counts.with(|c| c.iter().map(|(_, n)| n).sum::<u32>()).to_string())
                    confirm_label=Msg::DeleteAllData
                    on_confirm=Callback::new(move |()| wipe())
                    on_cancel=Callback::new(move |()| confirming.set(false))
                />
            })}
        </section>
    }
}
