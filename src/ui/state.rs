//! App-wide interface state shared through context: language, the open database, the data
//! version that lists re-read on, notices, the "reload this tab" flag, whether a new version
//! is waiting, and how much work in progress a reload would lose.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::record::AnyRecord;
use crate::i18n::{Lang, Msg};
use crate::storage::db::Db;
use crate::storage::error::StorageError;
use crate::storage::sync::TabSync;
use crate::ui::browser;

/// Whether the database is usable yet.
#[derive(Clone, Debug, PartialEq)]
pub enum DbStatus {
    Opening,
    Ready,
    Failed(StorageError),
}

/// A message shown briefly at the bottom of the screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Shared interface state. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub db_status: RwSignal<DbStatus>,
    /// Bumped after every write here or in another tab; lists re-read when it changes.
    pub data_version: RwSignal<u64>,
    pub notice: RwSignal<Option<Notice>>,
    pub reload_needed: RwSignal<bool>,
    /// A new version of the app is installed and waits for a reload.
    pub update_ready: RwSignal<bool>,
    /// How many forms have unsaved edits and how many AI answers or imports are running:
    /// "Reload to update" waits until this is zero.
    pub work_in_progress: RwSignal<u32>,
    db: StoredValue<Option<Rc<Db>>, LocalStorage>,
    sync: StoredValue<Option<TabSync>, LocalStorage>,
    persistence_asked: StoredValue<bool>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

impl AppState {
    pub fn new() -> Self {
        Self {
            lang: RwSignal::new(browser::initial_lang()),
            db_status: RwSignal::new(DbStatus::Opening),
            data_version: RwSignal::new(0),
            notice: RwSignal::new(None),
            reload_needed: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            work_in_progress: RwSignal::new(0),
            db: StoredValue::new_local(None),
            sync: StoredValue::new_local(None),
            persistence_asked: StoredValue::new(false),
        }
    }

    /// The text of `msg` in the current language (reactive).
    pub fn t(&self, msg: Msg) -> &'static str {
        msg.text(self.lang.get())
    }

    /// Stores the opened database and starts listening to other tabs.
    pub fn set_db(&self, db: Db) {
        self.db.set_value(Some(Rc::new(db)));
        let version = self.data_version;
        self.sync
            .set_value(TabSync::listen(move || version.update(|v| *v += 1)));
        self.db_status.set(DbStatus::Ready);
    }

    /// The open database (present once `db_status` is `Ready`).
    pub fn db(&self) -> Option<Rc<Db>> {
        self.db.get_value()
    }

    /// Call after every successful write: refreshes lists here and in other tabs, and asks
    /// the browser once per session to keep the data.
    pub fn changed(&self) {
        self.data_version.update(|v| *v += 1);
        self.sync.with_value(|s| {
            if let Some(sync) = s {
                sync.announce();
            }
        });
        if !self.persistence_asked.get_value() {
            self.persistence_asked.set_value(true);
            leptos::task::spawn_local(async {
                browser::request_persistence().await;
            });
        }
    }

    pub fn say(&self, msg: Msg) {
        self.say_text(msg.text(self.lang.get_untracked()).to_string(), false);
    }

    pub fn say_text(&self, text: String, is_error: bool) {
        self.notice.set(Some(Notice { text, is_error }));
    }

    /// Writes a workspace record in the background. On success every list and tab hears of
    /// it and "Saved." is shown; `then` learns whether it worked.
    pub fn save_record(self, record: AnyRecord, then: impl FnOnce(bool) + 'static) {
        leptos::task::spawn_local(async move {
            let Some(db) = self.db() else { return };
            match db.put_record(&record).await {
                Ok(()) => {
                    self.changed();
                    self.say(Msg::Saved);
                    then(true);
                }
                Err(error) => {
                    then(false);
                    self.report(&error);
                }
            }
        });
    }

    /// Applies `change` to `local` and shows the result at once, then applies it to the
    /// record as stored at that moment (so what another tab saved meanwhile is kept), shows
    /// that, and saves it. The working panels under a record's form change it this way.
    pub fn update_record(
        self,
        mut local: AnyRecord,
        change: Rc<dyn Fn(&mut AnyRecord)>,
        show: Rc<dyn Fn(&AnyRecord)>,
    ) {
        change(&mut local);
        local.touch(browser::now());
        show(&local);
        leptos::task::spawn_local(async move {
            let Some(db) = self.db() else { return };
            // The change is applied to the stored copy too: it never holds it yet.
            let latest = match db.get_record(local.workspace(), local.id()).await {
                Ok(Some(mut stored)) => {
                    change(&mut stored);
                    stored.touch(browser::now());
                    show(&stored);
                    stored
                }
                _ => local,
            };
            self.save_record(latest, |_| {});
        });
    }

    /// Shows a storage error; a closed connection also raises the reload banner.
    pub fn report(&self, error: &StorageError) {
        if *error == StorageError::ReloadNeeded {
            self.reload_needed.set(true);
        }
        self.say_text(
            error.message().text(self.lang.get_untracked()).to_string(),
            true,
        );
    }
}

/// The reactive text of a translation key. Every call site shares this one closure type,
/// which keeps the wasm small (each distinct reactive closure costs its own render code).
pub fn tr(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_app().lang;
    move || msg.text(lang.get())
}

/// Counts as work in progress (see `AppState::work_in_progress`) while `active` is true, and
/// stops counting when it turns false or the calling component goes away.
pub fn hold_while(active: impl Fn() -> bool + 'static) {
    let count = use_app().work_in_progress;
    let held = StoredValue::new(false);
    Effect::new(move |_| {
        let now = active();
        if now != held.get_value() {
            held.set_value(now);
            count.update(|n| *n = if now { *n + 1 } else { n.saturating_sub(1) });
        }
    });
    // Cleanups run before the owner's stored values are disposed.
    on_cleanup(move || {
        if held.try_get_value() == Some(true) {
            count.try_update(|n| *n = n.saturating_sub(1));
        }
    });
}

/// The shared state, provided by the app root.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
