//! The import itself: every row read in slices that yield to the browser, then (when all
//! rows read) the accounts linked or created, the items built in slices, and everything
//! stored in one transaction.

use std::collections::BTreeSet;
use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::{Import, Outcome, Summary};
use crate::domain::account::Account;
use crate::domain::feedback::import::{
    group_counts, link_accounts, resolve_accounts, ImportJob, Mapping, Response, RowError,
    StagePlan,
};
use crate::domain::feedback::stats::nps;
use crate::domain::record::AccountIndex;
use crate::i18n::Msg;
use crate::storage::error::StorageError;
use crate::storage::schema::Store;
use crate::ui::browser;

/// Main-thread time one import slice may take before yielding, in milliseconds.
const SLICE_MS: f64 = 25.0;
/// Rows read between clock checks inside a slice.
const ROWS_PER_CHECK: usize = 100;

/// Yields to the browser; `false` when the user cancelled meanwhile (or left the page).
async fn carry_on(cancelled: StoredValue<bool>) -> bool {
    TimeoutFuture::new(0).await;
    cancelled.try_get_value() == Some(false)
}

impl Import {
    /// Reads every row in slices of at most `SLICE_MS`, then (when all rows read) stores
    /// them. `Ok(None)` when cancelled.
    pub(super) async fn run(
        self,
        text: &str,
        mapping: Mapping,
        plan: StagePlan,
        surveyed: Option<u32>,
    ) -> Result<Option<Outcome>, StorageError> {
        let missing = mapping.missing();
        if !missing.is_empty() {
            let errors = missing
                .into_iter()
                .map(|field| RowError {
                    row: 0,
                    field: Some(field),
                    column: String::new(),
                    message: Msg::FbErrNotMapped,
                })
                .collect();
            return Ok(Some(Outcome::Rejected(Arc::new(errors))));
        }
        let mut job = ImportJob::new(text, mapping);
        loop {
            let started = js_sys::Date::now();
            let mut step = job.step(ROWS_PER_CHECK);
            while !step.finished && js_sys::Date::now() - started < SLICE_MS {
                step = job.step(ROWS_PER_CHECK);
            }
            self.progress
                .try_set(Some((step.done, step.total_estimate)));
            if !carry_on(self.cancelled).await {
                return Ok(None);
            }
            if step.finished {
                break;
            }
        }
        match job.finish() {
            Ok(responses) => self.store(&responses, plan, surveyed).await,
            Err(errors) => Ok(Some(Outcome::Rejected(Arc::new(errors)))),
        }
    }

    /// Links the responses to known accounts (creating the others), builds the items in
    /// slices and stores accounts and items in one transaction. `Ok(None)` when cancelled.
    async fn store(
        self,
        responses: &[Response],
        plan: StagePlan,
        surveyed: Option<u32>,
    ) -> Result<Option<Outcome>, StorageError> {
        let db = self.state.db().ok_or(StorageError::Unavailable)?;
        let known = AccountIndex::new(db.list::<Account>().await?);
        let now = browser::now();
        let links = link_accounts(responses, &known);
        let (account_ids, new_accounts) = resolve_accounts(responses, links, browser::new_id, now);
        let json = |e: serde_json::Error| StorageError::Other(e.to_string());
        let mut items = Vec::with_capacity(responses.len());
        let mut started = js_sys::Date::now();
        for (response, account_id) in responses.iter().zip(&account_ids) {
            let stage = plan.stage(response.group());
            let item = response.to_item(browser::new_id(), account_id.clone(), stage, now);
            items.push(serde_json::to_value(&item).map_err(json)?);
            if js_sys::Date::now() - started > SLICE_MS {
                if !carry_on(self.cancelled).await {
                    return Ok(None);
                }
                started = js_sys::Date::now();
            }
        }
        self.saving.try_set(true);
        let accounts = new_accounts
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<Vec<_>, _>>()
            .map_err(json)?;
        db.put_many(vec![(Store::Accounts, accounts), (Store::Feedback, items)])
            .await?;
        let distinct: BTreeSet<&str> = account_ids.iter().map(String::as_str).collect();
        Ok(Some(Outcome::Imported(Summary {
            responses: responses.len(),
            accounts: distinct.len(),
            new_accounts: new_accounts.len(),
            nps: nps(
                responses.iter().map(|r| r.score),
                surveyed.map(|n| n as usize),
            ),
            surveyed,
            stages: plan.counts(&group_counts(responses)),
        })))
    }
}
