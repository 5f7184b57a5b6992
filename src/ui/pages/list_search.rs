//! A record list's search, filter and sort over every record of its store, in slices that
//! yield to the browser between them, and the reading of one page of the result.

use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use crate::domain::listing::{
    compare_values, query_words, row_matches, Direction, ListFilter, PageWindow, Row, SortValue,
    PAGE_SIZE,
};
use crate::domain::record::{AccountIndex, ListContext};
use crate::domain::sorting::{self, SlicedSort};
use crate::domain::workspace::Workspace;
use crate::i18n::Lang;
use crate::storage::db::Db;
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::load::{load_db, Loaded};
use crate::ui::state::use_app;

/// Records read, matched and sorted in one task of a search.
const BATCH: u32 = 250;
/// Comparisons in one task of the final merge.
const MERGE_BUDGET: usize = 3_000;

/// What a search keeps of a matching record: its id and the value it sorts by.
struct Found {
    id: String,
    sort: SortValue,
}

/// A search, filter and sort of a workspace's records (ties, and every record without a
/// sort, in key order: the order of the list without one).
pub(super) struct Arrangement {
    pub(super) workspace: Workspace,
    pub(super) query: String,
    pub(super) filter: Option<ListFilter>,
    pub(super) sort: Option<(usize, Direction)>,
    pub(super) lang: Lang,
}

impl Arrangement {
    /// True when it keeps every record in key order: the list then reads its pages directly.
    pub(super) fn is_everything(&self) -> bool {
        query_words(&self.query).is_empty() && self.filter.is_none() && self.sort.is_none()
    }

    /// The ids of every matching record, in order: the store read `BATCH` records at a time,
    /// each batch matched and sorted in its own task, then the sorted batches merged a slice
    /// at a time. `progress` is told how many records were read; `Ok(None)` once `live`
    /// says a newer search replaced this one.
    pub(super) async fn run(
        self,
        db: &Db,
        accounts: &AccountIndex,
        live: impl Fn() -> bool,
        progress: impl Fn(usize),
    ) -> Result<Option<Vec<String>>, StorageError> {
        let words = query_words(&self.query);
        let collator = browser::list_collator(self.lang);
        let compare = |a: &Found, b: &Found| {
            let order = compare_values(&a.sort, &b.sort, &*collator);
            match self.sort {
                Some((_, Direction::Descending)) => order.reverse(),
                _ => order,
            }
        };
        let ctx = ListContext {
            lang: self.lang,
            accounts,
            now: browser::now(),
            zone: &browser::BrowserZone,
        };
        let mut runs = Vec::new();
        let (mut after, mut read) = (None::<String>, 0);
        loop {
            let batch = db
                .records_after(self.workspace, after.as_deref(), BATCH)
                .await?;
            if !live() {
                return Ok(None);
            }
            let Some(last) = batch.last() else { break };
            after = Some(last.id().to_string());
            read += batch.len();
            let mut run: Vec<Found> = batch
                .iter()
                .map(|record| record.row(&ctx))
                .filter(|row| row_matches(row, &words, self.filter))
                .map(|row| Found {
                    sort: self
                        .sort
                        .and_then(|(column, _)| row.cells.get(column))
                        .map_or(SortValue::Missing, |c| c.sort.clone()),
                    id: row.id,
                })
                .collect();
            if self.sort.is_some() {
                sorting::sort_by(&mut run, compare);
            }
            runs.push(run);
            progress(read);
            TimeoutFuture::new(0).await;
        }
        let mut merge = SlicedSort::new(runs);
        if self.sort.is_some() {
            while !merge.step(MERGE_BUDGET, &compare) {
                TimeoutFuture::new(0).await;
                if !live() {
                    return Ok(None);
                }
            }
        }
        Ok(Some(
            merge.into_sorted().into_iter().map(|f| f.id).collect(),
        ))
    }
}

/// The rows of the page `window` shows: read in key order, or the records of `found` by key.
pub(super) fn page_rows(
    workspace: Workspace,
    found: RwSignal<Option<Arc<Vec<String>>>>,
    window: Memo<PageWindow>,
    accounts: Arc<AccountIndex>,
) -> Loaded<Result<Vec<Row>, StorageError>> {
    let state = use_app();
    load_db(move |db| {
        let (w, found, lang) = (window.get(), found.get(), state.lang.get());
        let accounts = accounts.clone();
        async move {
            let records = match found {
                None => {
                    db.records_page(workspace, w.start as u32, PAGE_SIZE as u32)
                        .await?
                }
                Some(ids) => db.records_by_ids(workspace, &ids[w.start..w.end]).await?,
            };
            let ctx = ListContext {
                lang,
                accounts: &accounts,
                now: browser::now(),
                zone: &browser::BrowserZone,
            };
            Ok(records.iter().map(|r| r.row(&ctx)).collect())
        }
    })
}
