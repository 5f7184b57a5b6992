//! The feedback's stored monthly tallies, so the health dashboard opens without reading every
//! item: one `Tally` per month of receipt, with a stamp. Every write of a feedback item marks
//! the months it leaves and enters stale in the same transaction (a new stamp, no tally); a
//! page recounts a stale month from its items and stores the tally back only if the stamp is
//! still the one it read with them, so a write made meanwhile, in any tab, is never hidden.

use rexie::{KeyRange, TransactionMode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsValue;

use crate::domain::feedback::dashboard::Month;
use crate::domain::feedback::tally::Tally;
use crate::domain::feedback::FeedbackItem;
use crate::storage::db::{finish, to_js, value_from_js, Db, Unread};
use crate::storage::error::StorageError;
use crate::storage::schema::{month_bounds, Store, Stored, FEEDBACK_BY_RECEIVED_ON};

type Result<T> = std::result::Result<T, StorageError>;

const STORE: Store = Store::FeedbackMonths;

/// A month's stored tally: `None` while stale.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthTally {
    pub month: Month,
    pub stamp: u32,
    pub tally: Option<Tally>,
}

/// The stored form of a month's tally, keyed by the month (`YYYY-MM`).
#[derive(Serialize)]
struct Record<'a> {
    id: String,
    stamp: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    tally: Option<&'a Tally>,
}

/// The stamp of a stored month record; 0 when there is none.
fn stamp_of(record: Option<JsValue>) -> u32 {
    record
        .and_then(|r| js_sys::Reflect::get(&r, &"stamp".into()).ok())
        .and_then(|s| s.as_f64())
        .map_or(0, |s| s as u32)
}

/// The month (`YYYY-MM`) a stored feedback object was received in.
pub(crate) fn month_key_of(object: &JsValue) -> Option<String> {
    let day = js_sys::Reflect::get(object, &"received_on".into()).ok()?;
    day.as_string().and_then(|d| d.get(..7).map(str::to_string))
}

/// Adds `month` to `months` unless it is there already (a write touches a few months).
pub(crate) fn add_month(months: &mut Vec<String>, month: Option<String>) {
    if let Some(month) = month.filter(|m| !months.contains(m)) {
        months.push(month);
    }
}

/// Marks `months` stale within `tx`, a write transaction that holds the tallies' store.
pub(crate) async fn mark_stale(tx: &rexie::Transaction, months: Vec<String>) -> Result<()> {
    let handle = tx.store(STORE.name())?;
    for id in months {
        let stamp = stamp_of(handle.get(JsValue::from_str(&id)).await?) + 1;
        let record = to_js(&Record {
            id,
            stamp,
            tally: None,
        })?;
        handle.put(&record, None).await?;
    }
    Ok(())
}

/// A stored month record read back; `None` when it is not one (then it is recounted).
fn read_record(value: &Value) -> Option<MonthTally> {
    Some(MonthTally {
        month: Month::parse(value.get("id")?.as_str()?)?,
        stamp: u32::try_from(value.get("stamp")?.as_u64()?).ok()?,
        tally: value.get("tally").and_then(|t| Tally::deserialize(t).ok()),
    })
}

impl Db {
    /// Every month's stored tally, stale ones without their tally.
    pub async fn month_tallies(&self) -> Result<Vec<MonthTally>> {
        let tx = self.transaction(&[STORE], TransactionMode::ReadOnly)?;
        let all = tx.store(STORE.name())?.get_all(None, None).await?;
        let mut out = Vec::with_capacity(all.len());
        for value in all {
            out.extend(read_record(&value_from_js(value, STORE)?));
        }
        Ok(out)
    }

    /// The months from the first feedback received to the later of `until` and the last
    /// received, if there is any: the first read through the index, each month after `until`
    /// counted (a date typed far ahead costs one count per month).
    pub async fn feedback_month_span(&self, until: Month) -> Result<Option<(Month, Month)>> {
        let store = FeedbackItem::STORE;
        let tx = self.transaction(&[store], TransactionMode::ReadOnly)?;
        let index = tx
            .store(store.name())?
            .index(FEEDBACK_BY_RECEIVED_ON.name)?;
        let found = index.get_all(None, Some(1)).await?;
        let Some(first) = found.first().and_then(month_key_of) else {
            return Ok(None);
        };
        let first = Month::parse(&first).ok_or(StorageError::Unreadable {
            store: store.name(),
        })?;
        let mut last = first.max(until);
        loop {
            let after = JsValue::from_str(&format!("{}-01", last.next()));
            let range = KeyRange::lower_bound(&after, None)
                .map_err(|e| StorageError::from(rexie::Error::from(e)))?;
            if index.count(Some(range)).await? == 0 {
                return Ok(Some((first, last)));
            }
            last = last.next();
        }
    }

    /// The items received in `month`, not yet converted, and the stamp of its tally as they
    /// were read (one transaction: a write after it changes the stamp).
    pub async fn read_month(&self, month: Month) -> Result<(u32, Unread<FeedbackItem>)> {
        let store = FeedbackItem::STORE;
        let tx = self.transaction(&[store, STORE], TransactionMode::ReadOnly)?;
        let stamp = stamp_of(
            tx.store(STORE.name())?
                .get(JsValue::from_str(&month.to_string()))
                .await?,
        );
        let (low, high) = month_bounds(month, month);
        let range = KeyRange::bound(&low.into(), &high.into(), None, None)
            .map_err(|e| StorageError::from(rexie::Error::from(e)))?;
        let index = tx
            .store(store.name())?
            .index(FEEDBACK_BY_RECEIVED_ON.name)?;
        let values = index.get_all(Some(range), None).await?;
        Ok((stamp, Unread::new(values)))
    }

    /// Stores `tally` as `month`'s if its stamp is still `stamp`; whether it was stored.
    pub async fn store_month(&self, month: Month, stamp: u32, tally: &Tally) -> Result<bool> {
        let tx = self.transaction(&[STORE], TransactionMode::ReadWrite)?;
        let handle = tx.store(STORE.name())?;
        let id = month.to_string();
        let current = stamp_of(handle.get(JsValue::from_str(&id)).await?);
        if current != stamp {
            return Ok(false);
        }
        let record = to_js(&Record {
            id,
            stamp,
            tally: Some(tally),
        })?;
        handle.put(&record, None).await?;
        finish(tx).await.map(|()| true)
    }
}
