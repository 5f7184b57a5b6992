//! Benchmark (not a test; run by `.ci/bench`): imports 10,000 and 100,000 generated survey
//! rows the way the import screen does (rows read in slices of at most 25 ms with a yield
//! between, accounts linked or created, items built in slices, all stored in one
//! transaction), then computes the tracker figures. Prints the total time, the longest
//! slice measured here, and the longest main-thread task the browser reported
//! (`longtask` entries, which start at 50 ms; 0 means none).
#![cfg(target_arch = "wasm32")]

use casebook::domain::account::Account;
use casebook::domain::feedback::import::{
    guess_mapping, link_accounts, read_headers, resolve_accounts, ImportJob,
};
use casebook::domain::feedback::stats::{
    health_report, highest_risk, nps, tracker, tracker_rows, unacknowledged, TrackerRow,
    TrackerView,
};
use casebook::domain::feedback::{FeedbackItem, Stage};
use casebook::domain::record::AccountIndex;
use casebook::i18n::Lang;
use casebook::storage::db::Db;
use casebook::storage::schema::Store;
use chrono::{TimeZone, Utc};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SLICE_MS: f64 = 25.0;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

fn csv_text(rows: usize) -> String {
    let mut text = String::from(
        "Response ID,Company,NPS Score,Comment,ARR,Tier,Date Submitted,Renewal Date\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "{i},Account {},{},\"导出太慢, row {i}\nsecond line with \"\"quotes\"\"\",\"${},000\",{},2026-10-{:02},2027-0{}-15\n",
            i % 300,
            i % 11,
            i % 90 + 10,
            ["Enterprise", "SMB", "Mid-market", "Strategic"][i % 4],
            i % 28 + 1,
            i % 9 + 1,
        ));
    }
    text
}

/// Starts (once) recording the longest `longtask` entry in `window.__cbLongest`.
fn watch_long_tasks() {
    let _ = js_sys::Function::new_no_args(
        "if (!window.__cbLongest) { window.__cbLongest = { max: 0 };
           try { new PerformanceObserver(l => { for (const e of l.getEntries())
             window.__cbLongest.max = Math.max(window.__cbLongest.max, e.duration); })
             .observe({ type: 'longtask' }); } catch (e) {} }
         window.__cbLongest.max = 0;",
    )
    .call0(&JsValue::NULL);
}

fn longest_task() -> f64 {
    js_sys::Function::new_no_args("return window.__cbLongest ? window.__cbLongest.max : 0;")
        .call0(&JsValue::NULL)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

async fn run(rows: usize) {
    let name = format!("cb-bench-feedback-{rows}");
    rexie::Rexie::delete(&name).await.unwrap();
    let db = Db::open(&name).await.unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let existing: Vec<Account> = (0..100)
        .map(|i| {
            let mut a = Account::new(format!("known{i}"), at);
            a.name = format!("account {i}");
            a
        })
        .collect();
    db.put_many(vec![(
        Store::Accounts,
        existing
            .iter()
            .map(|a| serde_json::to_value(a).unwrap())
            .collect(),
    )])
    .await
    .unwrap();
    let text = csv_text(rows);
    watch_long_tasks();
    TimeoutFuture::new(0).await;

    let mut longest = 0.0f64;
    let mut slice = |started: f64| {
        let spent = now() - started;
        longest = longest.max(spent);
    };
    let t0 = now();

    let started = now();
    let mapping = guess_mapping(&read_headers(&text));
    let mut job = ImportJob::new(&text, mapping);
    slice(started);
    loop {
        let started = now();
        let mut step = job.step(100);
        while !step.finished && now() - started < SLICE_MS {
            step = job.step(100);
        }
        slice(started);
        TimeoutFuture::new(0).await;
        if step.finished {
            break;
        }
    }
    let started = now();
    let responses = job.finish().expect("generated rows are valid");
    let known = AccountIndex::new(db.list::<Account>().await.unwrap());
    let links = link_accounts(&responses, &known);
    let mut n = 0;
    let (ids, new_accounts) = resolve_accounts(
        &responses,
        links,
        || {
            n += 1;
            format!("new{n}")
        },
        at,
    );
    slice(started);
    let parsed = now() - t0;

    let mut items = Vec::with_capacity(rows);
    let mut values = Vec::with_capacity(rows);
    let mut started = now();
    for (i, (r, account_id)) in responses.iter().zip(&ids).enumerate() {
        let item = r.to_item(format!("f{i}"), account_id.clone(), Stage::Received, at);
        values.push(serde_json::to_value(&item).unwrap());
        items.push(item);
        if now() - started > SLICE_MS {
            slice(started);
            TimeoutFuture::new(0).await;
            started = now();
        }
    }
    slice(started);
    let built = now() - t0 - parsed;

    let started = now();
    let accounts: Vec<serde_json::Value> = new_accounts
        .iter()
        .map(|a| serde_json::to_value(a).unwrap())
        .collect();
    db.put_many(vec![(Store::Accounts, accounts), (Store::Feedback, values)])
        .await
        .unwrap();
    let stored = now() - started;

    let started = now();
    let all: Vec<Account> = existing.into_iter().chain(new_accounts).collect();
    let index = AccountIndex::new(all);
    let summary = nps(items.iter().filter_map(|i| i.score), Some(rows * 2));
    let report = health_report(&items, &index, 2026, 10, at);
    let tracked = tracker_rows(&items, at);
    let tracked: Vec<&TrackerRow> = tracked.iter().collect();
    let groups = tracker(
        &tracked,
        TrackerView::Stage,
        &index,
        at.date_naive(),
        Lang::En,
    );
    let risky = highest_risk(&items, &index, at.date_naive(), 10);
    let late = unacknowledged(&items, at);
    let figures = now() - started;
    longest = longest.max(figures);
    let total = now() - t0;
    TimeoutFuture::new(100).await;

    assert_eq!(summary.responses, rows);
    assert_eq!(report.received, rows);
    assert_eq!(groups.len(), 1);
    assert_eq!((risky.len(), late.len()), (10, rows));
    assert_eq!(db.list::<FeedbackItem>().await.unwrap().len(), rows);
    console_log!(
        "feedback import benchmark: {rows} rows ({} KB): total {:.0} ms (read {:.0}, build {:.0}, store {:.0}, figures {:.0}); longest slice {:.1} ms; longest main-thread task reported {:.0} ms",
        text.len() / 1024,
        total,
        parsed,
        built,
        stored,
        figures,
        longest,
        longest_task()
    );
    db.close();
    rexie::Rexie::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with .ci/bench"]
async fn feedback_import_10_000_rows() {
    run(10_000).await;
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with .ci/bench"]
async fn feedback_import_100_000_rows() {
    run(100_000).await;
}
