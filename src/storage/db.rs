//! The IndexedDB repository: opens the versioned database, runs data migrations after open
//! (driven by the schema version stored in `meta`), and offers typed reads and writes, reads
//! through the indexes (key ranges, counts) and the all-store operations used by backup,
//! import and "delete all data".

use std::collections::BTreeMap;
use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, Utc};
use rexie::{Index, KeyRange, ObjectStore, Rexie, TransactionMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::JsValue;

use crate::domain::account::Account;
use crate::domain::draft::Draft;
use crate::domain::escalation::{Escalation, EscalationStatus};
use crate::domain::feedback::dashboard::Month;
use crate::domain::feedback::{FeedbackItem, Stage};
use crate::domain::form::{map_from, Coded};
use crate::domain::onboarding::OnboardingProject;
use crate::domain::parse::parse_instant;
use crate::domain::record::AnyRecord;
use crate::domain::workspace::Workspace;
use crate::storage::error::StorageError;
use crate::storage::sample::{sample_removal, SampleRemoval, SAMPLE_PREFIX};
use crate::storage::schema::{
    migrate_record, month_bounds, record_key, IndexSpec, Setting, Store, Stored,
    DRAFTS_BY_RECORD_PROMPT, ESCALATIONS_BY_STATUS, FEEDBACK_BY_ACCOUNT, FEEDBACK_BY_RECEIVED_ON,
    FEEDBACK_BY_STAGE, META_SCHEMA_VERSION, SCHEMA_VERSION,
};
use crate::storage::tallies::{add_month, mark_stale, month_key_of};

type Result<T> = std::result::Result<T, StorageError>;

impl From<rexie::Error> for StorageError {
    fn from(error: rexie::Error) -> Self {
        match error {
            rexie::Error::IdbError(inner) => Self::from_description(&inner.to_string()),
            other => Self::Other(other.to_string()),
        }
    }
}

/// Records read from the browser but not yet turned into Rust values: the conversion, most
/// of a large read's cost, is done a slice at a time, so the caller can let the browser run
/// between slices.
pub struct Unread<T> {
    values: std::vec::IntoIter<JsValue>,
    _records: PhantomData<T>,
}

impl<T: Stored> Unread<T> {
    pub(crate) fn new(values: Vec<JsValue>) -> Self {
        Self {
            values: values.into_iter(),
            _records: PhantomData,
        }
    }

    /// How many records are left to convert.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.len() == 0
    }

    /// Converts up to `n` of the records left.
    pub fn next_slice(&mut self, n: usize) -> Result<Vec<T>> {
        self.values
            .by_ref()
            .take(n)
            .map(|v| read(&value_from_js(v, T::STORE)?, T::STORE))
            .collect()
    }
}

/// An open Casebook database.
pub struct Db {
    rexie: Rexie,
}

/// Records cross into IndexedDB as JSON (one serde path for storage and backups keeps the
/// wasm small) and are stored as plain objects, readable in the browser's dev tools.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue> {
    let text = serde_json::to_string(value).map_err(|e| StorageError::Other(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| StorageError::Other("JSON.parse".into()))
}

fn unreadable(store: Store) -> StorageError {
    StorageError::Unreadable {
        store: store.name(),
    }
}

/// The store of a workspace's records.
fn workspace_store(workspace: Workspace) -> Store {
    match workspace {
        Workspace::Accounts => Account::STORE,
        Workspace::Escalations => Escalation::STORE,
        Workspace::Feedback => FeedbackItem::STORE,
        Workspace::Onboarding => OnboardingProject::STORE,
    }
}

/// A workspace record as the object to store.
fn each_record_to_js(record: &AnyRecord) -> Result<JsValue> {
    match record {
        AnyRecord::Account(r) => to_js(r),
        AnyRecord::Escalation(r) => to_js(r),
        AnyRecord::Feedback(r) => to_js(r),
        AnyRecord::Onboarding(r) => to_js(r),
    }
}

/// A stored object as a JSON value.
pub(crate) fn value_from_js(value: JsValue, store: Store) -> Result<Value> {
    let text = js_sys::JSON::stringify(&value).map_err(|_| unreadable(store))?;
    serde_json::from_str(&String::from(text)).map_err(|_| unreadable(store))
}

/// A stored object as a record of `workspace`.
fn any_record(workspace: Workspace, value: JsValue) -> Result<AnyRecord> {
    let store = workspace_store(workspace);
    let value = value_from_js(value, store)?;
    AnyRecord::from_value(workspace, &value).ok_or_else(|| unreadable(store))
}

/// A record read from its JSON value.
fn read<T: DeserializeOwned>(value: &Value, store: Store) -> Result<T> {
    T::deserialize(value).map_err(|_| unreadable(store))
}

/// Declares the stores of schema `version` with their indexes. Every store of that version
/// is declared, because the upgrade deletes the stores it is not told about; an existing store
/// keeps its records, and gains the indexes it lacks (the browser fills them from the records).
pub fn builder(name: &str, version: u32) -> rexie::RexieBuilder {
    Store::in_version(version)
        .into_iter()
        .fold(Rexie::builder(name).version(version), |b, s| {
            let store = s
                .indexes(version)
                .fold(ObjectStore::new(s.name()).key_path(s.key_path()), |o, i| {
                    o.add_index(index(i))
                });
            b.add_object_store(store)
        })
}

/// An index declaration. `unique` and `multi_entry` are spelled out: left unset, the upgrade
/// would see them differ from the stored index and rebuild it at every version.
fn index(spec: IndexSpec) -> Index {
    let index = match spec.fields {
        [field] => Index::new(spec.name, field),
        fields => Index::new_array(spec.name, fields.iter().copied()),
    };
    index.unique(false).multi_entry(false)
}

/// A key range holding exactly `key`.
fn only(key: &JsValue) -> Result<KeyRange> {
    KeyRange::only(key).map_err(|e| rexie::Error::from(e).into())
}

/// A key range from `low` to `high`, both included.
fn between(low: &JsValue, high: &JsValue) -> Result<KeyRange> {
    KeyRange::bound(low, high, None, None).map_err(|e| rexie::Error::from(e).into())
}

/// A compound key of text parts.
fn compound(parts: &[&str]) -> JsValue {
    parts
        .iter()
        .map(|p| JsValue::from_str(p))
        .collect::<js_sys::Array>()
        .into()
}

/// Every key of a compound index whose first part is `first`: from `[first]` (shorter arrays
/// sort first) to `[first, []]` (an array sorts after any text).
fn first_part(first: &str) -> Result<KeyRange> {
    let high = js_sys::Array::of2(&JsValue::from_str(first), &js_sys::Array::new());
    between(&compound(&[first]), &high.into())
}

impl Db {
    /// Opens (creating or upgrading) the database and brings its data to the current schema.
    pub async fn open(name: &str) -> Result<Db> {
        let rexie = builder(name, SCHEMA_VERSION).build().await.map_err(|e| {
            match StorageError::from(e) {
                StorageError::Other(_) => StorageError::Unavailable,
                known => known,
            }
        })?;
        let db = Db { rexie };
        db.migrate_data().await?;
        Ok(db)
    }

    /// Runs the data migrations from the stored schema version, in one transaction.
    async fn migrate_data(&self) -> Result<()> {
        let stored = self.get_value(Store::Meta, META_SCHEMA_VERSION).await?;
        let stored: Option<Setting> = stored.map(|v| read(&v, Store::Meta)).transpose()?;
        let from = stored.and_then(|s| s.value.as_u64()).map(|v| v as u32);
        if from.is_some_and(|v| v >= SCHEMA_VERSION) {
            return Ok(());
        }
        let tx = self.transaction(&Store::ALL, TransactionMode::ReadWrite)?;
        if let Some(from) = from {
            // Tallies counted from records of the old shape are counted again.
            tx.store(Store::FeedbackMonths.name())?.clear().await?;
            for store in Store::DATA {
                let handle = tx.store(store.name())?;
                let mut migrated = Vec::new();
                for raw in handle.get_all(None, None).await? {
                    let mut value = value_from_js(raw, store)?;
                    migrate_record(store, from, &mut value);
                    migrated.push((to_js(&value)?, None));
                }
                handle.put_all(migrated.into_iter()).await?;
            }
        }
        let version = Setting {
            key: META_SCHEMA_VERSION.into(),
            value: SCHEMA_VERSION.into(),
        };
        tx.store(Store::Meta.name())?
            .put(&to_js(&version)?, None)
            .await?;
        finish(tx).await
    }

    // The async parts below are not generic: one state machine each, however many record
    // types go through them (generic wrappers only convert).

    async fn get_value(&self, store: Store, key: &str) -> Result<Option<Value>> {
        let tx = self
            .rexie
            .transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let value = tx.store(store.name())?.get(JsValue::from_str(key)).await?;
        value.map(|v| value_from_js(v, store)).transpose()
    }

    async fn list_values(&self, store: Store) -> Result<Vec<Value>> {
        let tx = self
            .rexie
            .transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let all = tx.store(store.name())?.get_all(None, None).await?;
        all.into_iter().map(|v| value_from_js(v, store)).collect()
    }

    /// The records of `index` within each of `ranges`, in one transaction, range by range
    /// and in index order within each.
    async fn index_values(&self, index: IndexSpec, ranges: Vec<KeyRange>) -> Result<Vec<Value>> {
        let found = self.index_objects(index, ranges).await?;
        found
            .into_iter()
            .map(|v| value_from_js(v, index.store))
            .collect()
    }

    /// The stored objects of `index` within each of `ranges`, as `index_values` reads them,
    /// not yet converted.
    async fn index_objects(&self, index: IndexSpec, ranges: Vec<KeyRange>) -> Result<Vec<JsValue>> {
        let store = index.store;
        let tx = self
            .rexie
            .transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let handle = tx.store(store.name())?.index(index.name)?;
        let mut out = Vec::new();
        for range in ranges {
            out.extend(handle.get_all(Some(range), None).await?);
        }
        Ok(out)
    }

    /// The number of records of `index` within each of `ranges`, counted by the browser
    /// without reading the records.
    async fn index_counts(&self, index: IndexSpec, ranges: Vec<KeyRange>) -> Result<Vec<u32>> {
        let store = index.store.name();
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)?;
        let handle = tx.store(store)?.index(index.name)?;
        let mut out = Vec::with_capacity(ranges.len());
        for range in ranges {
            out.push(handle.count(Some(range)).await?);
        }
        Ok(out)
    }

    /// The records of `index` within `ranges`, read as `T`.
    async fn index_read<T: Stored>(
        &self,
        index: IndexSpec,
        ranges: Vec<KeyRange>,
    ) -> Result<Vec<T>> {
        let values = self.index_values(index, ranges).await?;
        values.iter().map(|v| read(v, T::STORE)).collect()
    }

    /// A transaction over `stores`.
    pub(crate) fn transaction(
        &self,
        stores: &[Store],
        mode: TransactionMode,
    ) -> Result<rexie::Transaction> {
        let names: Vec<&str> = stores.iter().map(|s| s.name()).collect();
        Ok(self.rexie.transaction(&names, mode)?)
    }

    /// Stores `value` under `key` (deletes the record without a value). A feedback item also
    /// marks the months of its old and new versions stale, in the same transaction.
    async fn write_one(&self, store: Store, key: JsValue, value: Option<JsValue>) -> Result<()> {
        let feedback = store == Store::Feedback;
        let stores = [store, Store::FeedbackMonths];
        let tx = self.transaction(
            &stores[..1 + usize::from(feedback)],
            TransactionMode::ReadWrite,
        )?;
        let handle = tx.store(store.name())?;
        if feedback {
            let mut months = Vec::new();
            for object in [handle.get(key.clone()).await?.as_ref(), value.as_ref()] {
                add_month(&mut months, object.and_then(month_key_of));
            }
            mark_stale(&tx, months).await?;
        }
        match value {
            Some(value) => {
                handle.put(&value, None).await?;
            }
            None => handle.delete(key).await?,
        }
        finish(tx).await
    }

    async fn put_js(&self, store: Store, value: Result<JsValue>) -> Result<()> {
        let value = value?;
        let key = js_sys::Reflect::get(&value, &store.key_path().into())
            .map_err(|_| unreadable(store))?;
        self.write_one(store, key, Some(value)).await
    }

    async fn delete_in(&self, store: Store, key: &str) -> Result<()> {
        self.write_one(store, JsValue::from_str(key), None).await
    }

    /// Reads one record by key.
    pub async fn get<T: Stored>(&self, key: &str) -> Result<Option<T>> {
        let value = self.get_value(T::STORE, key).await?;
        value.map(|v| read(&v, T::STORE)).transpose()
    }

    /// Reads every record of a store.
    pub async fn list<T: Stored>(&self) -> Result<Vec<T>> {
        let values = self.list_values(T::STORE).await?;
        values.iter().map(|v| read(v, T::STORE)).collect()
    }

    /// Every record of a store, not yet converted: the caller converts them a slice at a time.
    pub async fn unread<T: Stored>(&self) -> Result<Unread<T>> {
        let tx = self.transaction(&[T::STORE], TransactionMode::ReadOnly)?;
        let all = tx.store(T::STORE.name())?.get_all(None, None).await?;
        Ok(Unread::new(all))
    }

    /// Inserts or replaces a record.
    pub async fn put<T: Stored>(&self, record: &T) -> Result<()> {
        self.put_js(T::STORE, to_js(record)).await
    }

    /// Deletes a record by key (no error if it is already gone).
    pub async fn delete<T: Stored>(&self, key: &str) -> Result<()> {
        self.delete_in(T::STORE, key).await
    }

    /// A settings value read as `T`; `None` when absent or unreadable (settings are recreated
    /// rather than blocking the app).
    pub async fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let stored: Option<Setting> = self.get(key).await?;
        Ok(stored.and_then(|s| T::deserialize(&s.value).ok()))
    }

    /// Stores a settings value.
    pub async fn put_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        let value = serde_json::to_value(value).map_err(|e| StorageError::Other(e.to_string()))?;
        self.put(&Setting {
            key: key.to_string(),
            value,
        })
        .await
    }

    /// The drafts of one prompt on one record, in no particular order.
    pub async fn drafts_for(&self, record_id: &str, prompt_id: &str) -> Result<Vec<Draft>> {
        let key = compound(&[record_id, prompt_id]);
        self.index_read(DRAFTS_BY_RECORD_PROMPT, vec![only(&key)?])
            .await
    }

    /// Every draft of a record, whatever the prompt, grouped by prompt.
    pub async fn drafts_of_record(&self, record_id: &str) -> Result<Vec<Draft>> {
        self.index_read(DRAFTS_BY_RECORD_PROMPT, vec![first_part(record_id)?])
            .await
    }

    /// The feedback received in the months `from` to `to` (both included), oldest first.
    pub async fn feedback_in_months(&self, from: Month, to: Month) -> Result<Vec<FeedbackItem>> {
        let (low, high) = month_bounds(from, to);
        let range = between(&JsValue::from_str(&low), &JsValue::from_str(&high))?;
        self.index_read(FEEDBACK_BY_RECEIVED_ON, vec![range]).await
    }

    /// The number of records of a workspace, counted by the browser without reading them.
    pub async fn count_records(&self, workspace: Workspace) -> Result<u32> {
        let store = workspace_store(workspace).name();
        let tx = self
            .rexie
            .transaction(&[store], TransactionMode::ReadOnly)?;
        Ok(tx.store(store)?.count(None).await?)
    }

    /// One page of a workspace's records in key order: `limit` records after skipping the
    /// first `offset`, found through the keys alone.
    pub async fn records_page(
        &self,
        workspace: Workspace,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<AnyRecord>> {
        let store = workspace_store(workspace);
        let tx = self
            .rexie
            .transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let handle = tx.store(store.name())?;
        let keys = handle.get_all_keys(None, Some(offset + 1)).await?;
        let Some(first) = keys.get(offset as usize) else {
            return Ok(Vec::new());
        };
        let range = KeyRange::lower_bound(first, None)
            .map_err(|e| StorageError::from(rexie::Error::from(e)))?;
        let found = handle.get_all(Some(range), Some(limit)).await?;
        found
            .into_iter()
            .map(|v| any_record(workspace, v))
            .collect()
    }

    /// Up to `limit` records of a workspace in key order, from the first key after `after`
    /// (from the very first without it): one slice of a scan of the whole store.
    pub async fn records_after(
        &self,
        workspace: Workspace,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<AnyRecord>> {
        let store = workspace_store(workspace);
        let range = after
            .map(|key| KeyRange::lower_bound(&JsValue::from_str(key), Some(true)))
            .transpose()
            .map_err(|e| StorageError::from(rexie::Error::from(e)))?;
        let tx = self
            .rexie
            .transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let found = tx.store(store.name())?.get_all(range, Some(limit)).await?;
        found
            .into_iter()
            .map(|v| any_record(workspace, v))
            .collect()
    }

    /// The records of a workspace with these `ids` that still exist, in that order, read in
    /// one transaction.
    pub async fn records_by_ids(
        &self,
        workspace: Workspace,
        ids: &[String],
    ) -> Result<Vec<AnyRecord>> {
        let store = workspace_store(workspace);
        let tx = self
            .rexie
            .transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let handle = tx.store(store.name())?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(v) = handle.get(JsValue::from_str(id)).await? {
                out.push(any_record(workspace, v)?);
            }
        }
        Ok(out)
    }

    /// The feedback currently at `stage`.
    pub async fn feedback_at_stage(&self, stage: Stage) -> Result<Vec<FeedbackItem>> {
        self.index_read(FEEDBACK_BY_STAGE, vec![first_part(stage.code())?])
            .await
    }

    /// Up to `limit` feedback items at `stage` in key order, from the first key after `after`
    /// (from the very first without it): one slice of a read of the whole stage.
    pub async fn feedback_at_stage_after(
        &self,
        stage: Stage,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<FeedbackItem>> {
        let code = stage.code();
        let low = compound(&[code, after.unwrap_or_default()]);
        let high = js_sys::Array::of2(&JsValue::from_str(code), &js_sys::Array::new());
        let range = KeyRange::bound(&low, &high.into(), Some(after.is_some()), None)
            .map_err(|e| StorageError::from(rexie::Error::from(e)))?;
        let store = FeedbackItem::STORE;
        let tx = self
            .rexie
            .transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let index = tx.store(store.name())?.index(FEEDBACK_BY_STAGE.name)?;
        let found = index.get_all(Some(range), Some(limit)).await?;
        found
            .into_iter()
            .map(|v| read(&value_from_js(v, store)?, store))
            .collect()
    }

    /// The feedback of one account.
    pub async fn feedback_of_account(&self, account_id: &str) -> Result<Vec<FeedbackItem>> {
        let range = only(&JsValue::from_str(account_id))?;
        self.index_read(FEEDBACK_BY_ACCOUNT, vec![range]).await
    }

    /// The feedback received on each of `days`, day by day, in one transaction.
    pub async fn feedback_received_on(&self, days: &[NaiveDate]) -> Result<Vec<FeedbackItem>> {
        let ranges = days
            .iter()
            .map(|day| only(&JsValue::from_str(&day.to_string())))
            .collect::<Result<Vec<_>>>()?;
        self.index_read(FEEDBACK_BY_RECEIVED_ON, ranges).await
    }

    /// The number of feedback items at each stage, in `Stage::ALL` order, without reading them.
    pub async fn feedback_stage_counts(&self) -> Result<Vec<(Stage, u32)>> {
        let ranges = Stage::ALL
            .iter()
            .map(|s| first_part(s.code()))
            .collect::<Result<Vec<_>>>()?;
        let counts = self.index_counts(FEEDBACK_BY_STAGE, ranges).await?;
        Ok(Stage::ALL.iter().copied().zip(counts).collect())
    }

    /// The escalations whose status is one of `statuses`, status by status, read in one
    /// request each and converted a slice at a time by the caller.
    pub async fn escalations_with_status(
        &self,
        statuses: &[EscalationStatus],
    ) -> Result<Unread<Escalation>> {
        let ranges = statuses
            .iter()
            .map(|s| only(&JsValue::from_str(s.code())))
            .collect::<Result<Vec<_>>>()?;
        let values = self.index_objects(ESCALATIONS_BY_STATUS, ranges).await?;
        Ok(Unread::new(values))
    }

    /// The number of escalations at each status, in `EscalationStatus::ALL` order.
    pub async fn escalation_status_counts(&self) -> Result<Vec<(EscalationStatus, u32)>> {
        let ranges = EscalationStatus::ALL
            .iter()
            .map(|s| only(&JsValue::from_str(s.code())))
            .collect::<Result<Vec<_>>>()?;
        let counts = self.index_counts(ESCALATIONS_BY_STATUS, ranges).await?;
        Ok(EscalationStatus::ALL.iter().copied().zip(counts).collect())
    }

    /// The number of records (escalations, feedback, onboarding projects) linked to an account,
    /// counted through their account indexes.
    pub async fn records_linked_to(&self, account_id: &str) -> Result<u32> {
        let mut linked = 0;
        for index in Store::DATA.into_iter().filter_map(Store::account_index) {
            let range = only(&JsValue::from_str(account_id))?;
            linked += self.index_counts(index, vec![range]).await?[0];
        }
        Ok(linked)
    }

    /// Every record of a workspace.
    pub async fn list_records(&self, workspace: Workspace) -> Result<Vec<AnyRecord>> {
        let store = workspace_store(workspace);
        let tx = self
            .rexie
            .transaction(&[store.name()], TransactionMode::ReadOnly)?;
        let all = tx.store(store.name())?.get_all(None, None).await?;
        all.into_iter().map(|v| any_record(workspace, v)).collect()
    }

    /// One record of a workspace by id.
    pub async fn get_record(&self, workspace: Workspace, id: &str) -> Result<Option<AnyRecord>> {
        let store = workspace_store(workspace);
        let value = self.get_value(store, id).await?;
        value
            .map(|v| AnyRecord::from_value(workspace, &v).ok_or_else(|| unreadable(store)))
            .transpose()
    }

    pub async fn put_record(&self, record: &AnyRecord) -> Result<()> {
        let store = workspace_store(record.workspace());
        let value = each_record_to_js(record);
        self.put_js(store, value).await
    }

    /// Deletes a record; an account is kept while records still link to it, and the number of
    /// those records is returned as the error.
    pub async fn delete_record(
        &self,
        record: &AnyRecord,
    ) -> Result<std::result::Result<(), usize>> {
        match record {
            AnyRecord::Account(a) => {
                let linked = self.records_linked_to(&a.id).await?;
                if linked > 0 {
                    return Ok(Err(linked as usize));
                }
                self.delete::<Account>(&a.id).await?;
            }
            other => {
                self.delete_in(workspace_store(other.workspace()), other.id())
                    .await?
            }
        }
        Ok(Ok(()))
    }

    /// Every data store as JSON values, for a backup.
    pub async fn export_all(&self) -> Result<BTreeMap<Store, Vec<Value>>> {
        let names: Vec<&str> = Store::DATA.iter().map(|s| s.name()).collect();
        let tx = self.rexie.transaction(&names, TransactionMode::ReadOnly)?;
        let mut out = BTreeMap::new();
        for store in Store::DATA {
            let values = tx.store(store.name())?.get_all(None, None).await?;
            let values = values
                .into_iter()
                .map(|v| value_from_js(v, store))
                .collect::<Result<Vec<Value>>>()?;
            out.insert(store, values);
        }
        Ok(out)
    }

    /// Replaces the content of every data store in one transaction: all or nothing. Records
    /// are checked for their key before anything is touched; any failure aborts the whole
    /// transaction, so the previous data stays as it was.
    pub async fn replace_all(&self, stores: Vec<(Store, Vec<Value>)>) -> Result<()> {
        let mut incoming = map_from(stores);
        let mut prepared = Vec::new();
        for store in Store::DATA {
            let values = incoming.remove(&store).unwrap_or_default();
            if values.iter().any(|v| record_key(store, v).is_none()) {
                return Err(StorageError::Unreadable {
                    store: store.name(),
                });
            }
            let values = values.iter().map(to_js).collect::<Result<Vec<_>>>()?;
            prepared.push((store, values));
        }
        let mut stores = Store::DATA.to_vec();
        stores.push(Store::FeedbackMonths);
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        let written: Result<()> = async {
            tx.store(Store::FeedbackMonths.name())?.clear().await?;
            for (store, values) in prepared {
                let handle = tx.store(store.name())?;
                handle.clear().await?;
                handle
                    .put_all(values.into_iter().map(|v| (v, None)))
                    .await?;
            }
            Ok(())
        }
        .await;
        match written {
            Ok(()) => finish(tx).await,
            Err(error) => {
                // The abort result does not matter: the first error is what the user needs.
                let _ = tx.abort().await;
                Err(error)
            }
        }
    }

    /// Inserts or replaces many records, of one or more stores, in ONE transaction: all or
    /// nothing (an import). Records are converted and written in chunks, each awaited, so no
    /// single browser task grows with the batch; a record the store refuses (no key, say)
    /// aborts the transaction, and nothing of the batch is stored.
    pub async fn put_many(&self, writes: Vec<(Store, Vec<Value>)>) -> Result<()> {
        const CHUNK: usize = 500;
        if writes.iter().all(|(_, values)| values.is_empty()) {
            return Ok(());
        }
        let mut stores: Vec<Store> = writes.iter().map(|(s, _)| *s).collect();
        stores.push(Store::FeedbackMonths);
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        let written: Result<()> = async {
            let mut months = Vec::new();
            for (store, values) in &writes {
                let handle = tx.store(store.name())?;
                for chunk in values.chunks(CHUNK) {
                    let chunk = chunk.iter().map(to_js).collect::<Result<Vec<_>>>()?;
                    if *store == Store::Feedback {
                        months_touched(&handle, &chunk, &mut months).await?;
                    }
                    handle.put_all(chunk.into_iter().map(|v| (v, None))).await?;
                }
            }
            mark_stale(&tx, months).await
        }
        .await;
        match written {
            Ok(()) => finish(tx).await,
            Err(error) => {
                // As in `replace_all`: the first error is what the user needs.
                let _ = tx.abort().await;
                Err(error)
            }
        }
    }

    /// Deletes the sample data in ONE transaction: every record with a sample id and every
    /// draft written for one, nothing else (see `sample_removal`). Returns what was deleted
    /// and how many sample accounts stay because the user's own records link to them.
    pub async fn remove_sample(&self) -> Result<SampleRemoval> {
        let mut stores = Store::DATA.to_vec();
        stores.push(Store::FeedbackMonths);
        let tx = self.transaction(&stores, TransactionMode::ReadWrite)?;
        let removed: Result<SampleRemoval> = async {
            // Rare enough to recount every month afterwards.
            tx.store(Store::FeedbackMonths.name())?.clear().await?;
            let mut stores = Vec::new();
            for store in Store::DATA {
                let values = tx.store(store.name())?.get_all(None, None).await?;
                let values = values
                    .into_iter()
                    .map(|v| value_from_js(v, store))
                    .collect::<Result<Vec<Value>>>()?;
                stores.push((store, values));
            }
            let removal = sample_removal(&stores);
            for (store, keys) in &removal.keys {
                let handle = tx.store(store.name())?;
                for key in keys {
                    handle.delete(JsValue::from_str(key)).await?;
                }
            }
            Ok(removal)
        }
        .await;
        match removed {
            Ok(removal) => finish(tx).await.map(|()| removal),
            Err(error) => {
                // As in `replace_all`: the first error is what the user needs.
                let _ = tx.abort().await;
                Err(error)
            }
        }
    }

    /// Deletes every record of every data store.
    pub async fn clear_all(&self) -> Result<()> {
        self.replace_all(Vec::new()).await
    }

    /// The earliest `created_at` of a store's records, read from the stored objects without
    /// converting them (Home's backup reminder needs nothing else of every account).
    pub async fn earliest_created(&self, store: Store) -> Result<Option<DateTime<Utc>>> {
        let tx = self.transaction(&[store], TransactionMode::ReadOnly)?;
        let all = tx.store(store.name())?.get_all(None, None).await?;
        let created = |o: &JsValue| {
            js_sys::Reflect::get(o, &"created_at".into())
                .ok()?
                .as_string()
        };
        Ok(all
            .iter()
            .filter_map(|o| parse_instant(&created(o)?).ok())
            .min())
    }

    /// Number of records per data store.
    pub async fn counts(&self) -> Result<Vec<(Store, u32)>> {
        let names: Vec<&str> = Store::DATA.iter().map(|s| s.name()).collect();
        let tx = self.rexie.transaction(&names, TransactionMode::ReadOnly)?;
        let mut out = Vec::new();
        for store in Store::DATA {
            out.push((store, tx.store(store.name())?.count(None).await?));
        }
        Ok(out)
    }

    /// Whether any record of the workspaces' stores has a sample id, counted over the key
    /// range of the sample prefix without reading records.
    pub async fn has_sample(&self) -> Result<bool> {
        let stores = [
            Store::Accounts,
            Store::Escalations,
            Store::Feedback,
            Store::Onboarding,
        ];
        let names: Vec<&str> = stores.iter().map(|s| s.name()).collect();
        let tx = self.rexie.transaction(&names, TransactionMode::ReadOnly)?;
        let low = JsValue::from_str(SAMPLE_PREFIX);
        let high = JsValue::from_str(&format!("{SAMPLE_PREFIX}\u{10FFFF}"));
        for store in stores {
            let range = between(&low, &high)?;
            if tx.store(store.name())?.count(Some(range)).await? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Closes the connection (tests and deletion).
    pub fn close(self) {
        self.rexie.close();
    }
}

/// The months of the feedback objects `incoming` and of the stored items they replace, read
/// with one request per item, all in flight at once.
async fn months_touched(
    handle: &rexie::Store,
    incoming: &[JsValue],
    months: &mut Vec<String>,
) -> Result<()> {
    let stored = incoming.iter().map(|object| async move {
        let key =
            js_sys::Reflect::get(object, &"id".into()).map_err(|_| unreadable(Store::Feedback))?;
        Ok::<_, StorageError>(handle.get(key).await?)
    });
    for object in incoming {
        add_month(months, month_key_of(object));
    }
    for old in futures::future::join_all(stored).await {
        add_month(months, old?.as_ref().and_then(month_key_of));
    }
    Ok(())
}

/// Waits for a write transaction and reports an abort as an error.
pub(crate) async fn finish(tx: rexie::Transaction) -> Result<()> {
    let result = tx.done().await?;
    if result.is_committed() {
        Ok(())
    } else {
        Err(StorageError::Other("transaction aborted".into()))
    }
}
