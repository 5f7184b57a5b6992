//! The backup file: one versioned JSON document holding every data store. Encoding strips
//! API keys unless asked; decoding validates everything (format, version, each record,
//! duplicate keys, account links) and migrates older files, so an import is all-or-nothing.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::form::map_from;
use crate::i18n::{Lang, Msg};
use crate::storage::schema::{is_valid_record, migrate_record, record_key, Store, SCHEMA_VERSION};

/// Identifies a Casebook backup among other JSON files.
pub const APP_ID: &str = "casebook-backup";

/// Field names holding secrets; removed from settings on export unless the user asks.
const SECRET_FIELDS: &[&str] = &["api_key"];

/// A validated backup, migrated to the current schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub app: String,
    pub schema_version: u32,
    pub exported_at: DateTime<Utc>,
    pub stores: BTreeMap<String, Vec<Value>>,
}

/// Why a file cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    NotJson,
    Truncated,
    Foreign,
    Newer { found: u32 },
    MissingStore(String),
    UnknownStore(String),
    BadRecord { store: String, index: usize },
    DuplicateKey { store: String, key: String },
    DanglingAccount { store: String, index: usize },
}

impl BackupError {
    /// The message shown to the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NotJson => Msg::ErrBackupNotJson.text(lang).to_string(),
            Self::Truncated => Msg::ErrBackupTruncated.text(lang).to_string(),
            Self::Foreign => Msg::ErrBackupForeign.text(lang).to_string(),
            Self::Newer { found } => Msg::ErrBackupNewer.fill(
                lang,
                &[
                    ("found", &found.to_string()),
                    ("current", &SCHEMA_VERSION.to_string()),
                ],
            ),
            Self::MissingStore(s) => Msg::ErrBackupMissingStore.fill(lang, &[("store", s)]),
            Self::UnknownStore(s) => Msg::ErrBackupUnknownStore.fill(lang, &[("store", s)]),
            Self::BadRecord { store, index } => Msg::ErrBackupBadRecord
                .fill(lang, &[("store", store), ("n", &(index + 1).to_string())]),
            Self::DuplicateKey { store, key } => {
                Msg::ErrBackupDuplicate.fill(lang, &[("store", store), ("key", key)])
            }
            Self::DanglingAccount { store, index } => Msg::ErrBackupDangling
                .fill(lang, &[("store", store), ("n", &(index + 1).to_string())]),
        }
    }
}

/// Removes secret fields (API keys) anywhere inside a settings value.
pub fn strip_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !SECRET_FIELDS.contains(&k.as_str()));
            map.values_mut().for_each(strip_secrets);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_secrets),
        _ => {}
    }
}

/// Writes a backup of `stores` (data stores only) as pretty JSON.
pub fn encode(
    mut stores: BTreeMap<Store, Vec<Value>>,
    exported_at: DateTime<Utc>,
    include_secrets: bool,
) -> String {
    if !include_secrets {
        if let Some(settings) = stores.get_mut(&Store::Settings) {
            settings.iter_mut().for_each(strip_secrets);
        }
    }
    let backup = Backup {
        app: APP_ID.into(),
        schema_version: SCHEMA_VERSION,
        exported_at,
        stores: map_from(
            Store::DATA
                .into_iter()
                .map(|s| (s.name().to_string(), stores.remove(&s).unwrap_or_default())),
        ),
    };
    serde_json::to_string_pretty(&backup).unwrap_or_default()
}

/// Reads, validates and migrates a backup file. Nothing is written anywhere.
pub fn decode(text: &str) -> Result<Backup, BackupError> {
    let raw: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        if e.classify() == serde_json::error::Category::Eof {
            BackupError::Truncated
        } else {
            BackupError::NotJson
        }
    })?;
    if raw.get("app").and_then(Value::as_str) != Some(APP_ID) {
        return Err(BackupError::Foreign);
    }
    let version = raw
        .get("schema_version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .filter(|v| *v >= 1)
        .ok_or(BackupError::Foreign)?;
    if version > SCHEMA_VERSION {
        return Err(BackupError::Newer { found: version });
    }
    let mut backup: Backup = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|_| BackupError::Foreign)?;

    for name in backup.stores.keys() {
        if !Store::from_name(name).is_some_and(|s| Store::DATA.contains(&s)) {
            return Err(BackupError::UnknownStore(name.clone()));
        }
    }
    for store in Store::DATA {
        if !backup.stores.contains_key(store.name()) {
            if store.since() > version {
                backup.stores.insert(store.name().into(), Vec::new());
            } else {
                return Err(BackupError::MissingStore(store.name().into()));
            }
        }
    }
    for store in Store::DATA {
        let records = backup
            .stores
            .get_mut(store.name())
            .map(std::mem::take)
            .unwrap_or_default();
        let mut keys = HashSet::new();
        let mut migrated = Vec::with_capacity(records.len());
        for (index, mut record) in records.into_iter().enumerate() {
            migrate_record(store, version, &mut record);
            if !is_valid_record(store, &record) {
                return Err(BackupError::BadRecord {
                    store: store.name().into(),
                    index,
                });
            }
            let key = record_key(store, &record).unwrap_or_default().to_string();
            if !keys.insert(key.clone()) {
                return Err(BackupError::DuplicateKey {
                    store: store.name().into(),
                    key,
                });
            }
            migrated.push(record);
        }
        backup.stores.insert(store.name().into(), migrated);
    }
    let account_ids: HashSet<&str> = backup.stores[Store::Accounts.name()]
        .iter()
        .filter_map(|r| record_key(Store::Accounts, r))
        .collect();
    for store in Store::DATA.into_iter().filter(|s| s.links_accounts()) {
        if let Some(index) = backup.stores[store.name()].iter().position(|r| {
            !r.get("account_id")
                .and_then(Value::as_str)
                .is_some_and(|id| account_ids.contains(id))
        }) {
            return Err(BackupError::DanglingAccount {
                store: store.name().into(),
                index,
            });
        }
    }
    backup.schema_version = SCHEMA_VERSION;
    Ok(backup)
}

impl Backup {
    /// Record counts per data store, in display order.
    pub fn counts(&self) -> Vec<(Store, usize)> {
        Store::DATA
            .into_iter()
            .map(|s| (s, self.stores.get(s.name()).map_or(0, Vec::len)))
            .collect()
    }

    /// Takes the records of every data store out of the backup.
    pub fn into_stores(mut self) -> Vec<(Store, Vec<Value>)> {
        Store::DATA
            .into_iter()
            .map(|s| (s, self.stores.remove(s.name()).unwrap_or_default()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn account(id: &str) -> Value {
        json!({"id":id,"name":format!("Account {id}"),"tier":"enterprise","arr":300000,"currency":"USD",
               "renewal_date":null,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"})
    }

    fn escalation(id: &str, account: &str) -> Value {
        json!({"id":id,"account_id":account,"contact_name":"Li","received_at":"2026-11-23T08:00:00Z",
               "channel":"email","summary":"Outage","status":"new","created_at":"2026-11-23T08:00:00Z",
               "updated_at":"2026-11-23T08:00:00Z"})
    }

    fn sample() -> BTreeMap<Store, Vec<Value>> {
        BTreeMap::from([
            (Store::Accounts, vec![account("a1"), account("a2")]),
            (Store::Escalations, vec![escalation("e1", "a1")]),
            (
                Store::Settings,
                vec![
                    json!({"key":"providers","value":{"profiles":[{"name":"OpenAI","api_key":"sk-secret","model":"gpt"}]}}),
                ],
            ),
        ])
    }

    #[test]
    fn round_trip_keeps_every_record() {
        let text = encode(sample(), at(), true);
        let backup = decode(&text).unwrap();
        let counts: BTreeMap<_, _> = backup.counts().into_iter().collect();
        assert_eq!(counts[&Store::Accounts], 2);
        assert_eq!(counts[&Store::Escalations], 1);
        assert_eq!(counts[&Store::Drafts], 0);
        assert_eq!(backup.stores["escalations"][0], escalation("e1", "a1"));
        assert!(text.contains("sk-secret"), "kept when asked");
    }

    #[test]
    fn api_keys_are_stripped_unless_asked() {
        let text = encode(sample(), at(), false);
        assert!(!text.contains("sk-secret"));
        assert!(!text.contains("api_key"));
        let backup = decode(&text).unwrap();
        assert_eq!(
            backup.stores["settings"][0]["value"]["profiles"][0]["model"],
            "gpt"
        );
    }

    #[test]
    fn a_bom_is_accepted() {
        let text = format!("\u{feff}{}", encode(sample(), at(), false));
        assert!(decode(&text).is_ok());
    }

    #[test]
    fn malformed_and_truncated_files_are_told_apart() {
        let text = encode(sample(), at(), false);
        assert_eq!(decode(&text[..text.len() / 2]), Err(BackupError::Truncated));
        assert_eq!(decode("{\"app\": casebook}"), Err(BackupError::NotJson));
        assert_eq!(decode("name,arr\nAcme,1"), Err(BackupError::NotJson));
        assert_eq!(decode(""), Err(BackupError::Truncated));
    }

    #[test]
    fn foreign_json_is_refused() {
        assert_eq!(
            decode("{\"version\": 1, \"items\": []}"),
            Err(BackupError::Foreign)
        );
        assert_eq!(decode("[1,2,3]"), Err(BackupError::Foreign));
        assert_eq!(
            decode("{\"app\":\"casebook-backup\",\"schema_version\":\"2\"}"),
            Err(BackupError::Foreign)
        );
    }

    #[test]
    fn newer_versions_are_refused_with_both_numbers() {
        let mut v: Value = serde_json::from_str(&encode(sample(), at(), false)).unwrap();
        v["schema_version"] = json!(SCHEMA_VERSION + 1);
        let err = decode(&v.to_string()).unwrap_err();
        assert_eq!(
            err,
            BackupError::Newer {
                found: SCHEMA_VERSION + 1
            }
        );
        assert!(err
            .message(Lang::En)
            .contains(&(SCHEMA_VERSION + 1).to_string()));
    }

    #[test]
    fn invalid_records_are_located() {
        let mut stores = sample();
        stores
            .get_mut(&Store::Escalations)
            .unwrap()
            .push(json!({"id":"e2","summary":"no account"}));
        let err = decode(&encode(stores, at(), false)).unwrap_err();
        assert_eq!(
            err,
            BackupError::BadRecord {
                store: "escalations".into(),
                index: 1
            }
        );
        assert!(err.message(Lang::En).contains('2'));
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let mut stores = sample();
        stores
            .get_mut(&Store::Accounts)
            .unwrap()
            .push(account("a1"));
        assert_eq!(
            decode(&encode(stores, at(), false)),
            Err(BackupError::DuplicateKey {
                store: "accounts".into(),
                key: "a1".into()
            })
        );
    }

    #[test]
    fn links_to_missing_accounts_are_refused() {
        let mut stores = sample();
        stores
            .get_mut(&Store::Escalations)
            .unwrap()
            .push(escalation("e2", "ghost"));
        assert_eq!(
            decode(&encode(stores, at(), false)),
            Err(BackupError::DanglingAccount {
                store: "escalations".into(),
                index: 1
            })
        );
    }

    #[test]
    fn missing_and_unknown_stores_are_refused() {
        let mut v: Value = serde_json::from_str(&encode(sample(), at(), false)).unwrap();
        v["stores"].as_object_mut().unwrap().remove("accounts");
        assert_eq!(
            decode(&v.to_string()),
            Err(BackupError::MissingStore("accounts".into()))
        );
        let mut v: Value = serde_json::from_str(&encode(sample(), at(), false)).unwrap();
        v["stores"]["meta"] = json!([]);
        assert_eq!(
            decode(&v.to_string()),
            Err(BackupError::UnknownStore("meta".into()))
        );
    }

    #[test]
    fn v1_files_are_migrated() {
        let mut old_account = account("a1");
        old_account.as_object_mut().unwrap().remove("currency");
        let v1 = json!({"app": APP_ID, "schema_version": 1, "exported_at": "2026-06-01T00:00:00Z",
            "stores": {"settings": [], "accounts": [old_account], "escalations": [], "feedback": [],
                       "themes": [], "onboarding": [], "drafts": []}});
        let backup = decode(&v1.to_string()).unwrap();
        assert_eq!(backup.schema_version, SCHEMA_VERSION);
        assert_eq!(backup.stores["accounts"][0]["currency"], "USD");
        assert_eq!(
            backup.stores["playbooks"],
            Vec::<Value>::new(),
            "store added in v2 starts empty"
        );
    }

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        let errors = [
            BackupError::NotJson,
            BackupError::Truncated,
            BackupError::Foreign,
            BackupError::Newer { found: 9 },
            BackupError::MissingStore("x".into()),
            BackupError::UnknownStore("x".into()),
            BackupError::BadRecord {
                store: "x".into(),
                index: 0,
            },
            BackupError::DuplicateKey {
                store: "x".into(),
                key: "k".into(),
            },
            BackupError::DanglingAccount {
                store: "x".into(),
                index: 0,
            },
        ];
        for e in errors {
            for lang in [Lang::En, Lang::Zh] {
                let m = e.message(lang);
                assert!(!m.is_empty() && !m.contains('{'), "{e:?} {lang:?}: {m}");
            }
        }
    }
}
