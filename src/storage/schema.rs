//! The database schema: stores, their key paths and indexes, the version each appeared in,
//! and the data migrations that bring records written by an older version up to the current
//! one. Migrations work on JSON values so they serve both the database and old backup files.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::account::{Account, DEFAULT_CURRENCY};
use crate::domain::draft::Draft;
use crate::domain::escalation::Escalation;
use crate::domain::feedback::dashboard::Month;
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::domain::onboarding::{OnboardingProject, Playbook};

/// The IndexedDB database name.
pub const DB_NAME: &str = "casebook";

/// The current schema version. Bump it, list new stores in `Store::since` and new indexes in
/// `INDEXES`, and add a step to `migrate_record` for every change of record shape.
pub const SCHEMA_VERSION: u32 = 4;

/// An object store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Store {
    /// Internal bookkeeping (the data schema version); never exported.
    Meta,
    Settings,
    Accounts,
    Escalations,
    Feedback,
    Themes,
    Onboarding,
    Playbooks,
    Drafts,
    /// The feedback's monthly tallies (`storage::tallies`): derived from the feedback store,
    /// never exported.
    FeedbackMonths,
}

impl Store {
    pub const ALL: [Store; 10] = [
        Self::Meta,
        Self::Settings,
        Self::Accounts,
        Self::Escalations,
        Self::Feedback,
        Self::Themes,
        Self::Onboarding,
        Self::Playbooks,
        Self::Drafts,
        Self::FeedbackMonths,
    ];

    /// The stores that hold user data (exported, imported, wiped).
    pub const DATA: [Store; 8] = [
        Self::Settings,
        Self::Accounts,
        Self::Escalations,
        Self::Feedback,
        Self::Themes,
        Self::Onboarding,
        Self::Playbooks,
        Self::Drafts,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Meta => "meta",
            Self::Settings => "settings",
            Self::Accounts => "accounts",
            Self::Escalations => "escalations",
            Self::Feedback => "feedback",
            Self::Themes => "themes",
            Self::Onboarding => "onboarding",
            Self::Playbooks => "playbooks",
            Self::Drafts => "drafts",
            Self::FeedbackMonths => "feedback_months",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The in-line key of the store's records.
    pub fn key_path(self) -> &'static str {
        match self {
            Self::Meta | Self::Settings => "key",
            _ => "id",
        }
    }

    /// The schema version that introduced the store.
    pub fn since(self) -> u32 {
        match self {
            Self::Playbooks => 2,
            Self::FeedbackMonths => 4,
            _ => 1,
        }
    }

    /// Stores that exist at schema `version`.
    pub fn in_version(version: u32) -> Vec<Store> {
        Self::ALL
            .into_iter()
            .filter(|s| s.since() <= version)
            .collect()
    }

    /// Stores whose records link to an account through `account_id`.
    pub fn links_accounts(self) -> bool {
        matches!(self, Self::Escalations | Self::Feedback | Self::Onboarding)
    }

    /// The indexes of the store at schema `version`.
    pub fn indexes(self, version: u32) -> impl Iterator<Item = IndexSpec> {
        INDEXES
            .into_iter()
            .filter(move |i| i.store == self && i.since <= version)
    }

    /// The store's index on `account_id`, for the stores that link accounts.
    pub fn account_index(self) -> Option<IndexSpec> {
        INDEXES
            .into_iter()
            .find(|i| i.store == self && i.fields == ["account_id"])
    }
}

/// An IndexedDB index: the store it belongs to, its name, the record fields it keys on (two
/// or more make a compound key, compared field by field) and the version that introduced it.
/// Records whose field is missing or not a valid key are simply not in the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexSpec {
    pub store: Store,
    pub name: &'static str,
    pub fields: &'static [&'static str],
    pub since: u32,
}

/// Drafts by record and prompt: one prompt's history on a record, and (by prefix) every
/// draft of a record.
pub const DRAFTS_BY_RECORD_PROMPT: IndexSpec = IndexSpec {
    store: Store::Drafts,
    name: "by_record_prompt",
    fields: &["record_id", "prompt_id"],
    since: 3,
};
/// Feedback by the ISO date it was received: a month is a key range.
pub const FEEDBACK_BY_RECEIVED_ON: IndexSpec = IndexSpec {
    store: Store::Feedback,
    name: "by_received_on",
    fields: &["received_on"],
    since: 3,
};
/// Feedback by current stage code, then key: a stage is a key-range prefix, read in slices
/// that each start after the last key read.
pub const FEEDBACK_BY_STAGE: IndexSpec = IndexSpec {
    store: Store::Feedback,
    name: "by_stage",
    fields: &["stage", "id"],
    since: 3,
};
/// Feedback by account.
pub const FEEDBACK_BY_ACCOUNT: IndexSpec = IndexSpec {
    store: Store::Feedback,
    name: "by_account",
    fields: &["account_id"],
    since: 3,
};
/// Escalations by status code.
pub const ESCALATIONS_BY_STATUS: IndexSpec = IndexSpec {
    store: Store::Escalations,
    name: "by_status",
    fields: &["status"],
    since: 3,
};
/// Escalations by account.
pub const ESCALATIONS_BY_ACCOUNT: IndexSpec = IndexSpec {
    store: Store::Escalations,
    name: "by_account",
    fields: &["account_id"],
    since: 3,
};
/// Onboarding projects by account.
pub const ONBOARDING_BY_ACCOUNT: IndexSpec = IndexSpec {
    store: Store::Onboarding,
    name: "by_account",
    fields: &["account_id"],
    since: 3,
};

/// Every index of every store.
pub const INDEXES: [IndexSpec; 7] = [
    DRAFTS_BY_RECORD_PROMPT,
    FEEDBACK_BY_RECEIVED_ON,
    FEEDBACK_BY_STAGE,
    FEEDBACK_BY_ACCOUNT,
    ESCALATIONS_BY_STATUS,
    ESCALATIONS_BY_ACCOUNT,
    ONBOARDING_BY_ACCOUNT,
];

/// The inclusive bounds, over ISO dates (`YYYY-MM-DD`), of the months `from` to `to`: text
/// order is date order, and no date of `to` sorts after its day 31.
pub fn month_bounds(from: Month, to: Month) -> (String, String) {
    (format!("{from}-01"), format!("{to}-31"))
}

/// A key-value record of the settings and meta stores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Setting {
    pub key: String,
    pub value: Value,
}

impl Setting {
    /// The value read as an instant (stored as RFC 3339 text).
    pub fn instant(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.value
            .as_str()
            .and_then(|t| crate::domain::parse::parse_instant(t).ok())
    }
}

/// Settings keys.
pub const SETTING_LAST_BACKUP: &str = "last_backup_at";
pub const META_SCHEMA_VERSION: &str = "schema_version";

/// A typed record and the store it lives in.
pub trait Stored: Serialize + DeserializeOwned {
    const STORE: Store;
    fn key(&self) -> &str;
}

macro_rules! stored {
    ($($ty:ty => $store:ident, $field:ident;)*) => {$(
        impl Stored for $ty {
            const STORE: Store = Store::$store;
            fn key(&self) -> &str { &self.$field }
        }
    )*};
}

stored! {
    Setting => Settings, key;
    Account => Accounts, id;
    Escalation => Escalations, id;
    FeedbackItem => Feedback, id;
    Theme => Themes, id;
    OnboardingProject => Onboarding, id;
    Playbook => Playbooks, id;
    Draft => Drafts, id;
}

/// Brings one record written at schema `from` up to `SCHEMA_VERSION`, in place.
/// Idempotent: running it on a current record changes nothing. v3 only added indexes
/// (`INDEXES`, built by the database upgrade over the records already stored) and v4 the store
/// of derived monthly tallies, so no record changes shape after v2.
pub fn migrate_record(store: Store, from: u32, record: &mut Value) {
    if from < 2 {
        v1_to_v2(store, record);
    }
}

/// v2: accounts carry a currency (default USD); feedback items carry a dated stage history,
/// seeded with their current stage at their creation time.
fn v1_to_v2(store: Store, record: &mut Value) {
    let Some(object) = record.as_object_mut() else {
        return;
    };
    match store {
        Store::Accounts => {
            object
                .entry("currency")
                .or_insert_with(|| Value::from(DEFAULT_CURRENCY));
        }
        Store::Feedback if !object.contains_key("stage_history") => {
            let stage = object
                .get("stage")
                .cloned()
                .unwrap_or(Value::from("received"));
            let at = object.get("created_at").cloned().unwrap_or(Value::Null);
            object.insert(
                "stage_history".into(),
                serde_json::json!([{ "stage": stage, "at": at }]),
            );
        }
        _ => {}
    }
}

/// True when `record` is a valid record of `store` at the current schema.
pub fn is_valid_record(store: Store, record: &Value) -> bool {
    // From a parsed value, as the database layer reads records: one deserializer per type.
    fn parses<T: DeserializeOwned>(v: &Value) -> bool {
        T::deserialize(v).is_ok()
    }
    match store {
        Store::Meta | Store::Settings => parses::<Setting>(record),
        Store::Accounts => parses::<Account>(record),
        Store::Escalations => parses::<Escalation>(record),
        Store::Feedback => parses::<FeedbackItem>(record),
        Store::Themes => parses::<Theme>(record),
        Store::Onboarding => parses::<OnboardingProject>(record),
        Store::Playbooks => parses::<Playbook>(record),
        Store::Drafts => parses::<Draft>(record),
        // Derived from the feedback, never part of a backup.
        Store::FeedbackMonths => false,
    }
}

/// The key of a record, read from its key path.
pub fn record_key(store: Store, record: &Value) -> Option<&str> {
    record.get(store.key_path()).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn v1_account() -> Value {
        json!({"id":"a1","name":"Acme","tier":"enterprise","arr":300000,"renewal_date":"2027-01-31",
               "created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"})
    }

    fn v1_feedback() -> Value {
        json!({"id":"f1","account_id":"a1","source":"nps","received_on":"2026-10-01","verbatim":"slow",
               "score":4,"stage":"acknowledged","created_at":"2026-10-02T08:00:00Z","updated_at":"2026-10-02T08:00:00Z"})
    }

    #[test]
    fn v1_accounts_gain_a_default_currency_and_become_valid() {
        let mut a = v1_account();
        assert!(!is_valid_record(Store::Accounts, &a));
        migrate_record(Store::Accounts, 1, &mut a);
        assert_eq!(a["currency"], "USD");
        assert_eq!(a["name"], "Acme", "nothing else changes");
        assert!(is_valid_record(Store::Accounts, &a));
    }

    #[test]
    fn existing_currency_is_kept() {
        let mut a = v1_account();
        a["currency"] = json!("EUR");
        migrate_record(Store::Accounts, 1, &mut a);
        assert_eq!(a["currency"], "EUR");
    }

    #[test]
    fn v1_feedback_gets_a_stage_history_seeded_from_its_stage() {
        let mut f = v1_feedback();
        migrate_record(Store::Feedback, 1, &mut f);
        assert_eq!(
            f["stage_history"],
            json!([{"stage":"acknowledged","at":"2026-10-02T08:00:00Z"}])
        );
        assert!(is_valid_record(Store::Feedback, &f));
    }

    #[test]
    fn migration_is_idempotent_and_skips_current_records() {
        let mut f = v1_feedback();
        migrate_record(Store::Feedback, 1, &mut f);
        let once = f.clone();
        migrate_record(Store::Feedback, 1, &mut f);
        assert_eq!(f, once);
        migrate_record(Store::Feedback, SCHEMA_VERSION, &mut f);
        assert_eq!(f, once);
    }

    #[test]
    fn non_objects_are_left_alone() {
        let mut v = json!([1, 2]);
        migrate_record(Store::Accounts, 1, &mut v);
        assert_eq!(v, json!([1, 2]));
    }

    #[test]
    fn versions_list_their_stores() {
        assert!(!Store::in_version(1).contains(&Store::Playbooks));
        assert_eq!(Store::in_version(SCHEMA_VERSION).len(), Store::ALL.len());
        for s in Store::ALL {
            assert_eq!(Store::from_name(s.name()), Some(s));
        }
    }

    #[test]
    fn indexes_belong_to_stores_of_their_version_and_have_unique_names_per_store() {
        for index in INDEXES {
            assert!(index.store.since() <= index.since, "{}", index.name);
            assert!(index.since <= SCHEMA_VERSION);
            assert!(!index.fields.is_empty());
            let same_name = INDEXES
                .iter()
                .filter(|i| i.store == index.store && i.name == index.name)
                .count();
            assert_eq!(same_name, 1, "{}", index.name);
        }
        assert_eq!(Store::Drafts.indexes(2).count(), 0, "v2 had no indexes");
        assert_eq!(Store::Feedback.indexes(3).count(), 3);
        for store in Store::ALL {
            assert_eq!(
                store.account_index().is_some(),
                store.links_accounts(),
                "{store:?}"
            );
        }
    }

    #[test]
    fn month_bounds_hold_exactly_the_dates_of_the_months() {
        let month = |t| Month::parse(t).unwrap();
        let (low, high) = month_bounds(month("2026-02"), month("2026-03"));
        let inside = |d: &str| low.as_str() <= d && d <= high.as_str();
        for d in ["2026-02-01", "2026-02-28", "2026-03-15", "2026-03-31"] {
            assert!(inside(d), "{d}");
        }
        for d in ["2026-01-31", "2026-04-01", "2025-02-10", "2027-03-01"] {
            assert!(!inside(d), "{d}");
        }
    }

    #[test]
    fn settings_read_instants() {
        let s = Setting {
            key: SETTING_LAST_BACKUP.into(),
            value: json!("2026-11-20T10:00:00Z"),
        };
        assert_eq!(
            s.instant().map(|t| t.to_rfc3339()),
            Some("2026-11-20T10:00:00+00:00".into())
        );
        let s = Setting {
            key: SETTING_LAST_BACKUP.into(),
            value: json!(12),
        };
        assert_eq!(s.instant(), None);
    }

    #[test]
    fn drafts_are_validated_by_their_type() {
        use crate::domain::draft::{DraftSource, DraftStatus};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z")
            .unwrap()
            .into();
        let draft = Draft {
            id: "d1".into(),
            workspace: crate::domain::workspace::Workspace::Escalations,
            record_id: "e1".into(),
            prompt_id: "escalation.response_plan".into(),
            inputs: Default::default(),
            output_lang: crate::i18n::Lang::En,
            source: DraftSource::BuiltIn,
            text: "## Plan".into(),
            status: DraftStatus::Complete,
            usage: None,
            created_at: at,
            updated_at: at,
        };
        assert!(is_valid_record(
            Store::Drafts,
            &serde_json::to_value(&draft).unwrap()
        ));
        assert!(!is_valid_record(
            Store::Drafts,
            &json!({"id":"d1","text":"x"})
        ));
    }

    #[test]
    fn every_store_has_a_sync_policy_and_private_data_never_replicates() {
        use crate::domain::sync::scope::{policy, Policy, Scope, POLICIES};
        for store in Store::ALL {
            assert!(
                POLICIES.iter().any(|(name, _)| *name == store.name()),
                "{} needs a row in domain::sync::scope::POLICIES",
                store.name()
            );
        }
        assert_eq!(policy(Store::Settings.name()), Policy::Private);
        assert_eq!(policy(Store::Meta.name()), Policy::Private);
        let everything = Scope { share_drafts: true };
        let shared: Vec<&str> = Store::DATA
            .into_iter()
            .map(Store::name)
            .filter(|s| everything.replicates(s))
            .collect();
        assert_eq!(shared.len(), Store::DATA.len() - 1, "all data but settings");
    }
}
