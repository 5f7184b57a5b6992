//! Browser tests of the IndexedDB repository against real IndexedDB in headless Chromium:
//! typed reads and writes, the migration runner on v1 and v2 databases (v3 adds indexes),
//! reads through those indexes, all-or-nothing imports, the "reload this tab" error after
//! another tab upgrades the database, and adding and removing the sample data next to a
//! user's own records.
#![cfg(target_arch = "wasm32")]

use casebook::domain::account::{Account, Tier};
use casebook::domain::draft::{Draft, DraftSource, DraftStatus};
use casebook::domain::escalation::{Escalation, EscalationStatus};
use casebook::domain::feedback::dashboard::Month;
use casebook::domain::feedback::tally::Tally;
use casebook::domain::feedback::{FeedbackItem, Stage};
use casebook::domain::form::Coded;
use casebook::domain::onboarding::{OnboardingProject, Playbook};
use casebook::domain::record::AnyRecord;
use casebook::domain::workspace::Workspace;
use casebook::i18n::Lang;
use casebook::storage::backup;
use casebook::storage::db::{builder, Db};
use casebook::storage::error::StorageError;
use casebook::storage::sample::sample_backup;
use casebook::storage::schema::{Setting, Store, META_SCHEMA_VERSION, SCHEMA_VERSION};
use chrono::{TimeZone, Utc};
use rexie::{Rexie, TransactionMode};
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn account(id: &str, name: &str) -> Account {
    let mut a = Account::new(
        id.into(),
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
    );
    a.name = name.into();
    a.tier = Tier::Strategic;
    a.arr = 300_000;
    a
}

async fn fresh(name: &str) -> Db {
    Rexie::delete(name).await.expect("delete test database");
    Db::open(name).await.expect("open database")
}

#[wasm_bindgen_test]
async fn put_get_list_delete_round_trip() {
    let db = fresh("cb-test-crud").await;
    assert!(db.list::<Account>().await.unwrap().is_empty());
    db.put(&account("a1", "Acme")).await.unwrap();
    db.put(&account("a2", "Globex")).await.unwrap();
    let mut renamed = account("a1", "Acme Corp");
    renamed.arr = 1_200_000;
    db.put(&renamed).await.unwrap();

    assert_eq!(db.get::<Account>("a1").await.unwrap(), Some(renamed));
    assert_eq!(db.get::<Account>("missing").await.unwrap(), None);
    assert_eq!(db.list::<Account>().await.unwrap().len(), 2);
    assert_eq!(db.list_records(Workspace::Accounts).await.unwrap().len(), 2);

    db.delete::<Account>("a2").await.unwrap();
    let names: Vec<String> = db
        .list::<Account>()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, vec!["Acme Corp".to_string()]);
    db.close();
}

/// Writes a database exactly as schema v1 shaped it: no playbooks store, accounts without a
/// currency, feedback without a stage history.
async fn write_v1_database(name: &str) {
    Rexie::delete(name).await.unwrap();
    let v1 = builder(name, 1).build().await.unwrap();
    assert!(!v1.store_names().contains(&"playbooks".to_string()));
    let tx = v1
        .transaction(
            &["accounts", "feedback", "meta"],
            TransactionMode::ReadWrite,
        )
        .unwrap();
    let put = |store: &str, value: serde_json::Value| {
        let store = tx.store(store).unwrap();
        async move {
            let js = js_sys::JSON::parse(&value.to_string()).unwrap();
            store.put(&js, None).await.unwrap();
        }
    };
    put(
        "accounts",
        json!({"id":"a1","name":"Acme","tier":"enterprise","arr":300000,"renewal_date":"2027-01-31",
        "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}),
    )
    .await;
    put("feedback", json!({"id":"f1","account_id":"a1","source":"nps","received_on":"2026-10-01","verbatim":"慢",
        "score":4,"stage":"acknowledged","created_at":"2026-10-02T08:00:00Z","updated_at":"2026-10-02T08:00:00Z"})).await;
    put("meta", json!({"key": META_SCHEMA_VERSION, "value": 1})).await;
    tx.done().await.unwrap();
    v1.close();
}

#[wasm_bindgen_test]
async fn migration_runner_upgrades_a_v1_database_without_losing_data() {
    let name = "cb-test-migrate";
    write_v1_database(name).await;

    let db = Db::open(name).await.expect("upgrade v1 to current");
    let accounts = db.list::<Account>().await.unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].name, "Acme");
    assert_eq!(accounts[0].arr, 300_000);
    assert_eq!(accounts[0].currency, "USD");
    let feedback = db.list::<FeedbackItem>().await.unwrap();
    assert_eq!(feedback[0].verbatim, "慢");
    assert_eq!(feedback[0].stage_history.len(), 1);
    assert_eq!(feedback[0].stage_history[0].stage, Stage::Acknowledged);

    let playbook = Playbook {
        id: "p1".into(),
        name: "Banks".into(),
        segment: "compliance".into(),
        version: 1,
        created_at: Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        skipped_tasks: Vec::new(),
        added_steps: Vec::new(),
    };
    db.put(&playbook)
        .await
        .expect("store added by the upgrade is usable");
    db.close();

    let reopened = Db::open(name).await.unwrap();
    assert_eq!(
        reopened.list::<FeedbackItem>().await.unwrap(),
        feedback,
        "a second open changes nothing"
    );
    assert_eq!(reopened.list::<Playbook>().await.unwrap().len(), 1);
    reopened.close();
    let raw = Rexie::builder(name).build().await.unwrap();
    let tx = raw
        .transaction(&["meta"], TransactionMode::ReadOnly)
        .unwrap();
    let meta = tx
        .store("meta")
        .unwrap()
        .get(JsValue::from_str(META_SCHEMA_VERSION))
        .await
        .unwrap()
        .unwrap();
    let meta: Setting =
        serde_json::from_str(&String::from(js_sys::JSON::stringify(&meta).unwrap())).unwrap();
    assert_eq!(meta.value, json!(SCHEMA_VERSION));
    raw.close();
}

#[wasm_bindgen_test]
async fn a_rejected_import_leaves_data_untouched() {
    let db = fresh("cb-test-import").await;
    db.put(&account("a1", "Keep Me")).await.unwrap();
    let before = db.export_all().await.unwrap();

    let text = backup::encode(
        before.clone(),
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        false,
    );
    assert!(
        backup::decode(&text[..text.len() - 10]).is_err(),
        "a truncated file is refused before any write"
    );

    let mut bad = vec![(
        Store::Accounts,
        vec![
            json!({"id": "new", "name": "New", "tier": "smb", "arr": 1, "currency": "USD",
        "renewal_date": null, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}),
        ],
    )];
    bad.push((
        Store::Drafts,
        vec![json!({"text": "a draft without an id"})],
    ));
    let error = db.replace_all(bad).await.unwrap_err();
    assert_eq!(error, StorageError::Unreadable { store: "drafts" });
    assert_eq!(
        db.export_all().await.unwrap(),
        before,
        "nothing was cleared or written"
    );

    let good = backup::decode(&backup::encode(
        [(
            Store::Accounts,
            vec![serde_json::to_value(account("b1", "Imported")).unwrap()],
        )]
        .into(),
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        false,
    ))
    .unwrap();
    db.replace_all(good.into_stores()).await.unwrap();
    let names: Vec<String> = db
        .list::<Account>()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(
        names,
        vec!["Imported".to_string()],
        "a good import replaces everything"
    );
    db.close();
}

#[wasm_bindgen_test]
async fn delete_all_empties_every_data_store() {
    let db = fresh("cb-test-wipe").await;
    db.put(&account("a1", "Acme")).await.unwrap();
    db.put(&Setting {
        key: "last_backup_at".into(),
        value: json!("2026-11-01T00:00:00Z"),
    })
    .await
    .unwrap();
    db.clear_all().await.unwrap();
    assert!(db.counts().await.unwrap().iter().all(|(_, n)| *n == 0));
    db.close();
}

#[wasm_bindgen_test]
async fn a_tab_whose_database_was_upgraded_elsewhere_is_told_to_reload() {
    let name = "cb-test-upgrade";
    let db = fresh(name).await;
    db.put(&account("a1", "Acme")).await.unwrap();
    let newer = builder(name, SCHEMA_VERSION + 1)
        .build()
        .await
        .expect("a newer tab upgrades");
    assert_eq!(
        db.list::<Account>().await.unwrap_err(),
        StorageError::ReloadNeeded
    );
    assert_eq!(
        db.put(&account("a2", "Lost?")).await.unwrap_err(),
        StorageError::ReloadNeeded
    );
    newer.close();
    assert_eq!(
        Db::open(name).await.err(),
        Some(StorageError::ReloadNeeded),
        "an older app cannot open a newer database"
    );
}

#[wasm_bindgen_test]
async fn an_escalation_keeps_its_log_override_and_timeline_edits() {
    use casebook::domain::escalation::rules::{EscalationType, Severity};
    use casebook::domain::escalation::{ClassificationOverride, Escalation, EventKind};

    let db = fresh("cb-test-escalation").await;
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut e = Escalation::new("e1".into(), at);
    e.account_id = "a1".into();
    e.summary = "宕机两天，客户威胁解约".into();
    e.log_event(EventKind::FirstResponseSent, at, "Called Li Wei");
    e.classification_override = Some(
        ClassificationOverride::new(
            EscalationType::ServiceGap,
            Severity::P2,
            "Known SLA case",
            at,
        )
        .unwrap(),
    );
    e.edit_timeline("checkpoint-1", Some(at + chrono::Duration::hours(30)));
    db.put_record(&AnyRecord::Escalation(e.clone()))
        .await
        .unwrap();

    let back = db.get_record(Workspace::Escalations, "e1").await.unwrap();
    assert_eq!(back, Some(AnyRecord::Escalation(e.clone())));
    let listed = db.list_records(Workspace::Escalations).await.unwrap();
    assert_eq!(listed, vec![AnyRecord::Escalation(e)]);
}

#[wasm_bindgen_test]
async fn an_escalation_stored_before_the_event_log_grew_still_reads() {
    let db = fresh("cb-test-escalation-old").await;
    let old = json!({
        "id": "e0", "account_id": "a1", "contact_name": "Li Wei", "received_at": "2026-11-20T08:00:00Z",
        "channel": "email", "summary": "Exports fail", "status": "responding",
        "events": [{"at": "2026-11-20T08:00:00Z", "kind": "received"},
                   {"at": "2026-11-20T09:00:00Z", "kind": {"status_changed": {"from": "new", "to": "responding"}}}],
        "created_at": "2026-11-20T08:00:00Z", "updated_at": "2026-11-20T09:00:00.123Z"
    });
    db.replace_all(vec![(Store::Escalations, vec![old])])
        .await
        .unwrap();
    let Some(casebook::domain::record::AnyRecord::Escalation(e)) =
        db.get_record(Workspace::Escalations, "e0").await.unwrap()
    else {
        panic!("the old escalation must read");
    };
    assert_eq!(e.events.len(), 2);
    assert!(e.classification_override.is_none() && e.timeline_edits.is_empty());
}

#[wasm_bindgen_test]
async fn put_many_stores_a_batch_all_or_nothing() {
    let db = fresh("cb-test-put-many").await;
    db.put(&account("a0", "Already here")).await.unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let item = |id: &str| {
        let mut f = FeedbackItem::new(id.into(), at);
        f.account_id = "a1".into();
        f.verbatim = "导出太慢, \"really\"".into();
        f.score = Some(3);
        f.move_to(Stage::Received, at);
        serde_json::to_value(f).unwrap()
    };
    // 1,200 items: more than one write chunk, with the refused record in the last one.
    let mut items: Vec<serde_json::Value> = (0..1_200).map(|i| item(&format!("f{i}"))).collect();
    items.push(json!({"verbatim": "a record without an id"}));
    let accounts = vec![serde_json::to_value(account("a1", "New account")).unwrap()];
    let refused = db
        .put_many(vec![
            (Store::Accounts, accounts.clone()),
            (Store::Feedback, items.clone()),
        ])
        .await;
    assert!(refused.is_err(), "a record without a key is refused");
    assert!(
        db.list::<FeedbackItem>().await.unwrap().is_empty(),
        "no item stored"
    );
    let names: Vec<String> = db
        .list::<Account>()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, vec!["Already here".to_string()], "no account stored");

    items.pop();
    db.put_many(vec![(Store::Accounts, accounts), (Store::Feedback, items)])
        .await
        .unwrap();
    let stored = db.list::<FeedbackItem>().await.unwrap();
    assert_eq!(stored.len(), 1_200);
    assert!(stored.iter().all(|f| f.verbatim == "导出太慢, \"really\""));
    assert_eq!(db.list::<Account>().await.unwrap().len(), 2);
    db.put_many(Vec::new())
        .await
        .expect("an empty batch is a no-op");
    db.close();
}

/// A draft of `prompt_id` on `record_id`.
fn draft(id: &str, record_id: &str, prompt_id: &str) -> Draft {
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    Draft {
        id: id.into(),
        workspace: Workspace::Escalations,
        record_id: record_id.into(),
        prompt_id: prompt_id.into(),
        inputs: Default::default(),
        output_lang: casebook::i18n::Lang::En,
        source: DraftSource::BuiltIn,
        text: format!("draft {id}"),
        status: DraftStatus::Complete,
        usage: None,
        created_at: at,
        updated_at: at,
    }
}

/// A feedback item of `account_id` received on `received_on`, at `stage`.
fn feedback(id: &str, account_id: &str, received_on: &str, stage: Stage) -> FeedbackItem {
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut f = FeedbackItem::new(id.into(), at);
    f.account_id = account_id.into();
    f.received_on = received_on.parse().unwrap();
    f.verbatim = format!("feedback {id}");
    f.move_to(stage, at);
    f
}

/// An escalation of `account_id` at `status`.
fn escalation(id: &str, account_id: &str, status: EscalationStatus) -> Escalation {
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut e = Escalation::new(id.into(), at);
    e.account_id = account_id.into();
    e.contact_name = "Li Wei".into();
    e.summary = format!("escalation {id}");
    e.set_status(status, at);
    e
}

/// An onboarding project of `account_id`.
fn project(id: &str, account_id: &str) -> OnboardingProject {
    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut p = OnboardingProject::new(id.into(), at);
    p.account_id = account_id.into();
    p
}

/// The sorted ids of records.
fn ids<T>(records: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    let mut out: Vec<String> = records.iter().map(|r| id(r).to_string()).collect();
    out.sort();
    out
}

/// Records for the index reads, each with near misses that must not match: a record id that
/// extends another ("r1" and "r10"), dates on both sides of a month boundary.
fn indexed_records() -> Vec<(Store, Vec<serde_json::Value>)> {
    let value = |v: serde_json::Result<serde_json::Value>| v.unwrap();
    let drafts = [
        draft("d1", "r1", "escalation.response_plan"),
        draft("d2", "r1", "escalation.response_plan"),
        draft("d3", "r1", "escalation.exec_summary"),
        draft("d4", "r10", "escalation.response_plan"),
        draft("d5", "r2", "escalation.response_plan"),
        draft("d6", "r", "escalation.response_plan"),
    ];
    let feedback = [
        feedback("f1", "a1", "2026-01-31", Stage::Received),
        feedback("f2", "a1", "2026-02-01", Stage::Acknowledged),
        feedback("f3", "a2", "2026-02-28", Stage::Received),
        feedback("f4", "a2", "2026-03-31", Stage::Shipped),
        feedback("f5", "a3", "2026-04-01", Stage::Received),
        feedback("f6", "a10", "2025-02-15", Stage::LoopClosed),
    ];
    let escalations = [
        escalation("e1", "a1", EscalationStatus::New),
        escalation("e2", "a2", EscalationStatus::Responding),
        escalation("e3", "a2", EscalationStatus::Resolved),
        escalation("e4", "a3", EscalationStatus::New),
        escalation("e5", "a10", EscalationStatus::Reviewed),
    ];
    let projects = [project("o1", "a1"), project("o2", "a10")];
    let accounts = ["a1", "a2", "a3", "a10", "a4"].map(|id| account(id, id));
    vec![
        (
            Store::Accounts,
            accounts
                .iter()
                .map(|r| value(serde_json::to_value(r)))
                .collect(),
        ),
        (
            Store::Drafts,
            drafts
                .iter()
                .map(|r| value(serde_json::to_value(r)))
                .collect(),
        ),
        (
            Store::Feedback,
            feedback
                .iter()
                .map(|r| value(serde_json::to_value(r)))
                .collect(),
        ),
        (
            Store::Escalations,
            escalations
                .iter()
                .map(|r| value(serde_json::to_value(r)))
                .collect(),
        ),
        (
            Store::Onboarding,
            projects
                .iter()
                .map(|r| value(serde_json::to_value(r)))
                .collect(),
        ),
    ]
}

/// Checks every index read against `indexed_records`.
async fn assert_index_reads(db: &Db) {
    let month = |t: &str| Month::parse(t).unwrap();
    let draft_ids = |d: &[Draft]| ids(d, |d| &d.id);
    let feedback_ids = |f: &[FeedbackItem]| ids(f, |f| &f.id);
    let escalation_ids = |e: &[Escalation]| ids(e, |e| &e.id);

    let one_prompt = db
        .drafts_for("r1", "escalation.response_plan")
        .await
        .unwrap();
    assert_eq!(draft_ids(&one_prompt), ["d1", "d2"]);
    assert_eq!(one_prompt[0].text, "draft d1", "whole records are read");
    assert!(db
        .drafts_for("r1", "escalation.other")
        .await
        .unwrap()
        .is_empty());
    let record = db.drafts_of_record("r1").await.unwrap();
    assert_eq!(draft_ids(&record), ["d1", "d2", "d3"], "not r10's, nor r's");
    assert_eq!(draft_ids(&db.drafts_of_record("r").await.unwrap()), ["d6"]);
    assert!(db.drafts_of_record("r3").await.unwrap().is_empty());

    let day = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();
    let days = [day("2026-02-28"), day("2026-01-31"), day("2026-02-02")];
    let on_days = db.feedback_received_on(&days).await.unwrap();
    assert_eq!(
        feedback_ids(&on_days),
        ["f1", "f3"],
        "those days' items only"
    );

    let february = db
        .feedback_in_months(month("2026-02"), month("2026-02"))
        .await
        .unwrap();
    assert_eq!(feedback_ids(&february), ["f2", "f3"]);
    let quarter = db
        .feedback_in_months(month("2026-01"), month("2026-03"))
        .await
        .unwrap();
    assert_eq!(
        quarter.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        ["f1", "f2", "f3", "f4"],
        "oldest first"
    );
    assert!(db
        .feedback_in_months(month("2026-05"), month("2026-12"))
        .await
        .unwrap()
        .is_empty());

    let received = db.feedback_at_stage(Stage::Received).await.unwrap();
    assert_eq!(feedback_ids(&received), ["f1", "f3", "f5"]);
    let first = db
        .feedback_at_stage_after(Stage::Received, None, 2)
        .await
        .unwrap();
    assert_eq!(feedback_ids(&first), ["f1", "f3"], "a stage in slices");
    let rest = db
        .feedback_at_stage_after(Stage::Received, Some("f3"), 2)
        .await
        .unwrap();
    assert_eq!(feedback_ids(&rest), ["f5"]);
    assert!(db
        .feedback_at_stage_after(Stage::Received, Some("f5"), 2)
        .await
        .unwrap()
        .is_empty());
    assert!(db
        .feedback_at_stage(Stage::Declined)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        feedback_ids(&db.feedback_of_account("a1").await.unwrap()),
        ["f1", "f2"]
    );
    assert_eq!(
        feedback_ids(&db.feedback_of_account("a10").await.unwrap()),
        ["f6"]
    );
    let stage_counts = db.feedback_stage_counts().await.unwrap();
    assert_eq!(stage_counts.len(), Stage::ALL.len());
    for (stage, n) in stage_counts {
        let expected = match stage {
            Stage::Received => 3,
            Stage::Acknowledged | Stage::Shipped | Stage::LoopClosed => 1,
            _ => 0,
        };
        assert_eq!(n, expected, "{stage:?}");
    }

    let mut open = db
        .escalations_with_status(&[
            EscalationStatus::New,
            EscalationStatus::Responding,
            EscalationStatus::Resolving,
        ])
        .await
        .unwrap();
    assert_eq!(open.len(), 3);
    let first = open.next_slice(2).unwrap();
    assert_eq!((first.len(), open.len()), (2, 1));
    let rest = open.next_slice(2).unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(escalation_ids(&[first, rest].concat()), ["e1", "e2", "e4"]);
    assert!(open.is_empty());
    assert!(open.next_slice(2).unwrap().is_empty());
    let mut reviewed = db
        .escalations_with_status(&[EscalationStatus::Reviewed])
        .await
        .unwrap();
    assert_eq!(escalation_ids(&reviewed.next_slice(10).unwrap()), ["e5"]);
    assert!(db.escalations_with_status(&[]).await.unwrap().is_empty());
    let status_counts = db.escalation_status_counts().await.unwrap();
    assert_eq!(
        status_counts.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
        [2, 1, 0, 1, 1]
    );

    assert_eq!(
        db.records_linked_to("a1").await.unwrap(),
        4,
        "2 feedback, 1 escalation, 1 project"
    );
    assert_eq!(db.records_linked_to("a2").await.unwrap(), 4);
    assert_eq!(db.records_linked_to("a10").await.unwrap(), 3);
    assert_eq!(db.records_linked_to("a4").await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn index_reads_return_exactly_the_matching_records() {
    let db = fresh("cb-test-indexes").await;
    db.put_many(indexed_records()).await.unwrap();
    assert_index_reads(&db).await;

    // The indexes follow writes: a moved item leaves its old stage and month.
    let mut moved = feedback("f2", "a1", "2026-04-02", Stage::Received);
    moved.verbatim = "moved".into();
    db.put(&moved).await.unwrap();
    let month = |t: &str| Month::parse(t).unwrap();
    let february = db
        .feedback_in_months(month("2026-02"), month("2026-02"))
        .await
        .unwrap();
    assert_eq!(ids(&february, |f| &f.id), ["f3"]);
    assert_eq!(db.feedback_at_stage(Stage::Acknowledged).await.unwrap(), []);
    db.delete::<Draft>("d1").await.unwrap();
    let left = db
        .drafts_for("r1", "escalation.response_plan")
        .await
        .unwrap();
    assert_eq!(ids(&left, |d| &d.id), ["d2"]);
    db.close();
}

#[wasm_bindgen_test]
async fn sample_data_goes_next_to_own_records_and_leaves_alone() {
    let db = fresh("cb-test-sample").await;
    let now = Utc.with_ymd_and_hms(2027, 2, 1, 10, 0, 0).unwrap();
    db.put(&account("a1", "Mine")).await.unwrap();
    db.put_setting("providers", &json!({"profiles": []}))
        .await
        .unwrap();
    let sample = sample_backup(Lang::Zh, now, now.date_naive()).unwrap();
    let added: usize = sample.counts().iter().map(|(_, n)| n).sum();
    assert!(!db.has_sample().await.unwrap(), "only the user's records");
    db.put_many(sample.into_stores()).await.unwrap();
    assert!(db.has_sample().await.unwrap());
    let count_all =
        |counts: Vec<(Store, u32)>| counts.iter().map(|(_, n)| *n as usize).sum::<usize>();
    assert_eq!(
        count_all(db.counts().await.unwrap()),
        added + 2,
        "added next to what was there"
    );

    // The user's own records: feedback on a sample account, an escalation of their own, and
    // drafts for a sample record and for their own.
    let mut mine = FeedbackItem::new("f-own".into(), now);
    mine.account_id = "sample-acc-orbit".into();
    mine.verbatim = "我们自己的反馈".into();
    mine.move_to(Stage::Received, now);
    db.put(&mine).await.unwrap();
    let draft = |id: &str, record: &str| json!({"id": id, "record_id": record, "text": "## Plan"});
    db.put_many(vec![(
        Store::Drafts,
        vec![draft("d-sample", "sample-esc-sso"), draft("d-own", "f-own")],
    )])
    .await
    .unwrap();

    let removal = db.remove_sample().await.unwrap();
    assert_eq!(
        removal.count(),
        added - 1 + 1,
        "all but one account, plus the sample's draft"
    );
    assert_eq!(
        removal.kept_accounts, 1,
        "the account the user's feedback links to stays"
    );
    let left = db.export_all().await.unwrap();
    let keys = |store: Store| -> Vec<String> {
        left[&store]
            .iter()
            .filter_map(|v| {
                v.get(store.key_path())
                    .and_then(|k| k.as_str())
                    .map(String::from)
            })
            .collect()
    };
    assert_eq!(keys(Store::Accounts), vec!["a1", "sample-acc-orbit"]);
    assert_eq!(keys(Store::Feedback), vec!["f-own"]);
    assert_eq!(keys(Store::Drafts), vec!["d-own"]);
    assert_eq!(keys(Store::Settings), vec!["providers"]);
    for store in [
        Store::Escalations,
        Store::Themes,
        Store::Onboarding,
        Store::Playbooks,
    ] {
        assert!(keys(store).is_empty(), "{store:?}");
    }
    assert_eq!(
        db.list::<FeedbackItem>().await.unwrap(),
        vec![mine],
        "own record unchanged"
    );

    assert!(
        db.has_sample().await.unwrap(),
        "the kept sample account is still sample data"
    );
    let again = db.remove_sample().await.unwrap();
    assert_eq!(
        (again.count(), again.kept_accounts),
        (0, 1),
        "nothing more to remove"
    );
    db.close();
}

#[wasm_bindgen_test]
async fn an_account_with_linked_records_is_kept_and_one_without_is_deleted() {
    use casebook::domain::record::AnyRecord;

    let db = fresh("cb-test-delete-account").await;
    db.put_many(indexed_records()).await.unwrap();
    let linked = AnyRecord::Account(account("a2", "a2"));
    assert_eq!(db.delete_record(&linked).await.unwrap(), Err(4));
    assert!(db.get::<Account>("a2").await.unwrap().is_some());
    let alone = AnyRecord::Account(account("a4", "a4"));
    assert_eq!(db.delete_record(&alone).await.unwrap(), Ok(()));
    assert_eq!(db.get::<Account>("a4").await.unwrap(), None);
    db.close();
}

/// `indexed_records` plus a record in every other data store (settings, themes, playbooks):
/// what a database written at schema 2 may hold.
fn records_in_every_store() -> Vec<(Store, Vec<serde_json::Value>)> {
    use casebook::domain::feedback::Theme;

    let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let setting = Setting {
        key: "last_backup_at".into(),
        value: json!("2026-11-20T10:00:00Z"),
    };
    let theme = Theme {
        id: "t1".into(),
        name: "导出性能".into(),
        description: "Slow exports".into(),
        created_at: at,
    };
    let playbook = Playbook {
        id: "p1".into(),
        name: "Banks".into(),
        segment: "compliance".into(),
        version: 1,
        created_at: at,
        skipped_tasks: Vec::new(),
        added_steps: Vec::new(),
    };
    let mut records = indexed_records();
    records.extend([
        (
            Store::Settings,
            vec![serde_json::to_value(setting).unwrap()],
        ),
        (Store::Themes, vec![serde_json::to_value(theme).unwrap()]),
        (
            Store::Playbooks,
            vec![serde_json::to_value(playbook).unwrap()],
        ),
    ]);
    records
}

/// Writes `records_in_every_store` as schema `version` made them (its stores and indexes, its
/// version in `meta`), opens the database at the current schema and checks every record is
/// kept and the indexes answer.
async fn upgrade_keeps_every_record(name: &str, version: u32) {
    Rexie::delete(name).await.unwrap();
    let records = records_in_every_store();
    let mut covered: Vec<Store> = records.iter().map(|(s, _)| *s).collect();
    covered.sort();
    assert_eq!(covered, Store::DATA, "a record in every data store");
    {
        let old = builder(name, version).build().await.unwrap();
        let mut names: Vec<&str> = records.iter().map(|(s, _)| s.name()).collect();
        names.push("meta");
        let tx = old.transaction(&names, TransactionMode::ReadWrite).unwrap();
        for (store, values) in &records {
            let handle = tx.store(store.name()).unwrap();
            let mut declared: Vec<String> =
                store.indexes(version).map(|i| i.name.to_string()).collect();
            declared.sort();
            assert_eq!(handle.index_names(), declared, "the indexes of v{version}");
            for value in values {
                let js = js_sys::JSON::parse(&value.to_string()).unwrap();
                handle.put(&js, None).await.unwrap();
            }
        }
        let meta =
            js_sys::JSON::parse(&json!({"key": META_SCHEMA_VERSION, "value": version}).to_string());
        tx.store("meta")
            .unwrap()
            .put(&meta.unwrap(), None)
            .await
            .unwrap();
        tx.done().await.unwrap();
        assert!(!old.store_names().contains(&"feedback_months".to_string()));
        old.close();
    }

    let db = Db::open(name).await.expect("upgrade to current");
    let exported = db.export_all().await.unwrap();
    for (store, values) in &records {
        let mut kept = exported[store].clone();
        let mut written = values.clone();
        let key =
            |v: &serde_json::Value| v[store.key_path()].as_str().unwrap_or_default().to_string();
        kept.sort_by_key(key);
        written.sort_by_key(key);
        assert_eq!(
            kept,
            written,
            "every {} record is kept as it was",
            store.name()
        );
    }
    assert_index_reads(&db).await;
    assert_eq!(
        db.month_tallies().await.unwrap(),
        [],
        "no month counted yet"
    );
    for (until, last) in [
        ("2026-01", "2026-04"),
        ("2026-12", "2026-12"),
        ("2024-06", "2026-04"),
    ] {
        let until = Month::parse(until).unwrap();
        let span = db
            .feedback_month_span(until)
            .await
            .unwrap()
            .expect("feedback");
        let months = (span.0.to_string(), span.1.to_string());
        assert_eq!(
            months,
            ("2025-02".into(), last.into()),
            "to the later of {until} and the last item"
        );
    }
    db.close();

    let reopened = Db::open(name).await.unwrap();
    assert_index_reads(&reopened).await;
    reopened.close();
}

#[wasm_bindgen_test]
async fn a_v2_database_upgrades_keeping_every_record_and_its_indexes_answer() {
    upgrade_keeps_every_record("cb-test-upgrade-v2", 2).await;
}

#[wasm_bindgen_test]
async fn a_v3_database_upgrades_keeping_every_record_and_its_indexes_answer() {
    upgrade_keeps_every_record("cb-test-upgrade-v3", 3).await;
}

/// The stored tallies' months: those stale (no tally) and those counted.
async fn tallied(db: &Db) -> (Vec<String>, Vec<String>) {
    let all = db.month_tallies().await.unwrap();
    let months = |counted: bool| {
        all.iter()
            .filter(|m| m.tally.is_some() == counted)
            .map(|m| m.month.to_string())
            .collect::<Vec<_>>()
    };
    (months(false), months(true))
}

/// Counts `month` from its items as read now and stores it; whether it was stored, and how
/// many items it counted.
async fn count_and_store(db: &Db, month: &str) -> (bool, usize) {
    let month = Month::parse(month).unwrap();
    let (stamp, mut items) = db.read_month(month).await.unwrap();
    let items: Vec<FeedbackItem> = items.next_slice(usize::MAX).unwrap();
    let mut tally = Tally::default();
    for item in &items {
        tally.add(item);
    }
    (
        db.store_month(month, stamp, &tally).await.unwrap(),
        items.len(),
    )
}

#[wasm_bindgen_test]
async fn every_feedback_write_marks_its_months_stale_and_a_late_tally_is_not_stored() {
    let db = fresh("cb-test-tallies").await;
    db.put_many(indexed_records()).await.unwrap();
    let (stale, counted) = tallied(&db).await;
    assert_eq!(
        stale,
        ["2025-02", "2026-01", "2026-02", "2026-03", "2026-04"]
    );
    assert!(counted.is_empty());

    assert_eq!(count_and_store(&db, "2026-02").await, (true, 2));
    assert_eq!(count_and_store(&db, "2026-03").await, (true, 1));
    assert_eq!(
        count_and_store(&db, "2026-05").await,
        (true, 0),
        "a month with none"
    );
    let (_, counted) = tallied(&db).await;
    assert_eq!(counted, ["2026-02", "2026-03", "2026-05"]);
    let february = db
        .month_tallies()
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.month.to_string() == "2026-02");
    let mut expected = Tally::default();
    expected.add(&feedback("f2", "a1", "2026-02-01", Stage::Acknowledged));
    expected.add(&feedback("f3", "a2", "2026-02-28", Stage::Received));
    assert_eq!(
        february.and_then(|m| m.tally),
        Some(expected),
        "read back as counted"
    );

    // A write between reading a month and storing its tally: the tally is not stored.
    let march = Month::parse("2026-03").unwrap();
    let (stamp, _) = db.read_month(march).await.unwrap();
    // Moved from February to March: both months are stale.
    let moved = feedback("f2", "a1", "2026-03-02", Stage::Received);
    db.put_record(&AnyRecord::Feedback(moved)).await.unwrap();
    assert!(!db
        .store_month(march, stamp, &Tally::default())
        .await
        .unwrap());
    let (stale, counted) = tallied(&db).await;
    assert!(stale.contains(&"2026-02".to_string()) && stale.contains(&"2026-03".to_string()));
    assert_eq!(counted, ["2026-05"]);
    assert_eq!(count_and_store(&db, "2026-03").await, (true, 2));

    // A deletion, a typed put and an import of an existing item each mark their months.
    let f4 = feedback("f4", "a2", "2026-03-31", Stage::Shipped);
    db.delete_record(&AnyRecord::Feedback(f4))
        .await
        .unwrap()
        .unwrap();
    assert!(tallied(&db).await.0.contains(&"2026-03".to_string()));
    assert_eq!(count_and_store(&db, "2026-03").await, (true, 1));
    db.put(&feedback("f9", "a1", "2026-05-09", Stage::Received))
        .await
        .unwrap();
    assert_eq!(tallied(&db).await.1, ["2026-03"], "May is stale again");
    let renamed = feedback("f9", "a1", "2026-03-09", Stage::Received);
    let import = vec![(
        Store::Feedback,
        vec![serde_json::to_value(&renamed).unwrap()],
    )];
    db.put_many(import).await.unwrap();
    let (stale, counted) = tallied(&db).await;
    assert!(counted.is_empty(), "March gains f9, May loses it");
    assert!(stale.contains(&"2026-05".to_string()));

    // Other records leave the tallies alone; a restore or a deletion of everything drops them.
    assert_eq!(count_and_store(&db, "2026-03").await, (true, 2));
    db.put(&account("a1", "Acme")).await.unwrap();
    assert_eq!(tallied(&db).await.1, ["2026-03"]);
    db.replace_all(indexed_records()).await.unwrap();
    assert_eq!(db.month_tallies().await.unwrap(), []);
    assert_eq!(count_and_store(&db, "2026-03").await, (true, 1));
    db.clear_all().await.unwrap();
    assert_eq!(db.month_tallies().await.unwrap(), []);
    let this_month = Month::parse("2026-12").unwrap();
    assert_eq!(db.feedback_month_span(this_month).await.unwrap(), None);
    db.close();
}

#[wasm_bindgen_test]
async fn the_earliest_account_is_found_without_reading_accounts_whole() {
    let db = fresh("cb-test-earliest").await;
    assert_eq!(db.earliest_created(Store::Accounts).await.unwrap(), None);
    let mut old = account("a2", "Globex");
    old.created_at = Utc.with_ymd_and_hms(2024, 3, 5, 23, 30, 0).unwrap();
    db.put(&account("a1", "Acme")).await.unwrap();
    db.put(&old).await.unwrap();
    db.put(&account("a3", "Initech")).await.unwrap();
    assert_eq!(
        db.earliest_created(Store::Accounts).await.unwrap(),
        Some(old.created_at)
    );
    db.close();
}
