//! Browser tests of the IndexedDB repository against real IndexedDB in headless Chromium:
//! typed reads and writes, the migration runner on a v1 database, all-or-nothing imports,
//! the "reload this tab" error after another tab upgrades the database, and adding and
//! removing the sample data next to a user's own records.
#![cfg(target_arch = "wasm32")]

use casebook::domain::account::{Account, Tier};
use casebook::domain::feedback::{FeedbackItem, Stage};
use casebook::domain::onboarding::Playbook;
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
    use casebook::domain::record::AnyRecord;

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
    db.put_many(sample.into_stores()).await.unwrap();
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

    let again = db.remove_sample().await.unwrap();
    assert_eq!(
        (again.count(), again.kept_accounts),
        (0, 1),
        "nothing more to remove"
    );
    db.close();
}
