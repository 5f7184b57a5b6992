//! Loading data for a view: runs a future now and again whenever a signal it read changes,
//! keeping only the newest result; `load_db` does so for reads from the database. A lighter stand-in for `LocalResource` (no suspense or
//! transition machinery), which keeps the wasm small.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::storage::db::Db;
use crate::storage::error::StorageError;
use crate::ui::state::use_app;

/// A boxed future, so every call site shares one code path per result type.
pub type Pending<T> = Pin<Box<dyn Future<Output = T>>>;

/// The latest loaded value; `None` until the first load finishes.
pub type Loaded<T> = ReadSignal<Option<T>, LocalStorage>;

/// A load in flight: its future yields what to do with the result once it arrives.
type Job = Pin<Box<dyn Future<Output = Box<dyn FnOnce()>>>>;

/// Calls `fetch` (tracking the signals it reads synchronously) and stores what its future
/// yields. A result that arrives after a newer load started is dropped.
pub fn load<T: 'static>(fetch: impl Fn() -> Pending<T> + 'static) -> Loaded<T> {
    let (value, set_value) = signal_local(None);
    run_latest(Box::new(move || {
        let future = fetch();
        Box::pin(async move {
            let result = future.await;
            Box::new(move || {
                set_value.try_set(Some(result));
            }) as Box<dyn FnOnce()>
        })
    }));
    value
}

/// Starts a job now and again whenever a signal `start` reads changes, and applies only the
/// newest job's result. Not generic, so every `load` shares one effect and one task body.
fn run_latest(start: Box<dyn Fn() -> Job>) {
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let job = start();
        let ticket = generation.get_value() + 1;
        generation.set_value(ticket);
        leptos::task::spawn_local(async move {
            let apply = job.await;
            // The view may be gone by now (the user moved on): then there is nothing to update.
            if generation.try_get_value() == Some(ticket) {
                apply();
            }
        });
    });
}

/// Loads from the database with `query`, again whenever data changes (here or in another
/// tab) or a signal `query` reads before its first `.await` changes. `Unavailable` while
/// the database is not open.
pub fn load_db<T, Fut>(query: impl Fn(Rc<Db>) -> Fut + 'static) -> Loaded<Result<T, StorageError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, StorageError>> + 'static,
{
    let state = use_app();
    load(move || {
        state.data_version.track();
        match state.db() {
            Some(db) => Box::pin(query(db)) as Pending<_>,
            None => Box::pin(async { Err(StorageError::Unavailable) }),
        }
    })
}
