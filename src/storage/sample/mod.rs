//! Sample data: a realistic Casebook (accounts, open escalations of each severity, an NPS
//! survey with themes, two onboarding projects at different stages, a playbook) in each
//! interface language. Each is a backup file compiled in, moved in time so that it always
//! looks current. Every sample id starts with `sample-`: that is how sample records are told
//! apart and removed. Pure: the clock is passed in.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::Value;

use crate::domain::form::instant_value;
use crate::domain::time::{parse_iso_date, parse_rfc3339};
use crate::i18n::Lang;
use crate::storage::backup::{decode, Backup, BackupError};
use crate::storage::schema::{record_key, Store};

/// The prefix of every sample record's id.
pub const SAMPLE_PREFIX: &str = "sample-";

const EN: &str = include_str!("en.json");
const ZH: &str = include_str!("zh.json");

/// Whether `id` is the id of a sample record.
pub fn is_sample(id: &str) -> bool {
    id.starts_with(SAMPLE_PREFIX)
}

/// What removing the sample data deletes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SampleRemoval {
    /// Per store, the keys of the records to delete.
    pub keys: Vec<(Store, Vec<String>)>,
    /// Sample accounts kept because the user's own records link to them.
    pub kept_accounts: usize,
}

impl SampleRemoval {
    /// How many records go.
    pub fn count(&self) -> usize {
        self.keys.iter().map(|(_, keys)| keys.len()).sum()
    }
}

/// The records of `stores` that removing the sample deletes: every record with a sample id,
/// and every draft written for a sample record. Settings are never sample data. A sample
/// account one of the user's own records links to stays, so no record loses its account.
/// Nothing else is touched.
pub fn sample_removal(stores: &[(Store, Vec<Value>)]) -> SampleRemoval {
    let text = |record: &Value, field: &str| {
        record
            .get(field)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let own = |store: Store, record: &Value| !record_key(store, record).is_some_and(is_sample);
    let linked: HashSet<String> = stores
        .iter()
        .filter(|(store, _)| store.links_accounts())
        .flat_map(|(store, records)| records.iter().filter(|r| own(*store, r)))
        .filter_map(|r| text(r, "account_id"))
        .collect();
    let mut removal = SampleRemoval::default();
    for (store, records) in stores.iter().filter(|(s, _)| *s != Store::Settings) {
        let mut keys = Vec::new();
        for record in records {
            let Some(key) = record_key(*store, record) else {
                continue;
            };
            let for_sample = *store == Store::Drafts
                && text(record, "record_id").is_some_and(|id| is_sample(&id));
            if *store == Store::Accounts && is_sample(key) && linked.contains(key) {
                removal.kept_accounts += 1;
            } else if is_sample(key) || for_sample {
                keys.push(key.to_string());
            }
        }
        removal.keys.push((*store, keys));
    }
    removal
}

/// The sample data in `lang`, validated like any backup, with every instant moved by
/// `now` − the file's export instant and every date by `today` − the file's export date:
/// what happened "three hours before the export" happened three hours before `now`, and
/// nothing lies in the future.
pub fn sample_backup(
    lang: Lang,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Backup, BackupError> {
    let mut backup = decode(match lang {
        Lang::En => EN,
        Lang::Zh => ZH,
    })?;
    let shift = Duration::seconds((now - backup.exported_at).num_seconds());
    let days = today - backup.exported_at.date_naive();
    for record in backup.stores.values_mut().flatten() {
        shift_times(record, shift, days);
    }
    backup.exported_at += shift;
    Ok(backup)
}

/// Moves every RFC 3339 instant in `value` by `shift` and every ISO date by `days`.
fn shift_times(value: &mut Value, shift: Duration, days: Duration) {
    match value {
        Value::String(text) => {
            if let Some(date) = parse_iso_date(text) {
                *text = (date + days).to_string();
            } else if let Some(at) = parse_rfc3339(text) {
                *text = instant_value(at + shift);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shift_times(v, shift, days)),
        Value::Object(map) => map.values_mut().for_each(|v| shift_times(v, shift, days)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::TimeZone;
    use serde_json::json;

    use super::*;
    use crate::domain::account::Account;
    use crate::domain::escalation::rules::{EscalationType, Severity};
    use crate::domain::escalation::Escalation;
    use crate::domain::feedback::{FeedbackItem, Source, Theme};
    use crate::domain::onboarding::plan::{build_plan, current_phase, Phase};
    use crate::domain::onboarding::rules::segment;
    use crate::domain::onboarding::{OnboardingProject, Playbook};

    const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 8, 14, 30, 0).unwrap()
    }

    fn today() -> NaiveDate {
        now().date_naive()
    }

    fn records<T: serde::de::DeserializeOwned>(backup: &Backup, store: Store) -> Vec<T> {
        backup.stores[store.name()]
            .iter()
            .map(|v| T::deserialize(v).unwrap())
            .collect()
    }

    fn han(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn both_languages_decode_with_records_in_every_workspace() {
        for lang in LANGS {
            let backup = sample_backup(lang, now(), today()).unwrap();
            for store in [
                Store::Accounts,
                Store::Escalations,
                Store::Feedback,
                Store::Themes,
                Store::Onboarding,
                Store::Playbooks,
            ] {
                assert!(
                    !backup.stores[store.name()].is_empty(),
                    "{lang:?} {store:?}"
                );
            }
            assert!(
                backup.stores["settings"].is_empty(),
                "no settings are touched"
            );
            assert!(backup.stores["drafts"].is_empty());
        }
    }

    #[test]
    fn every_id_and_link_is_a_sample_id() {
        assert!(is_sample("sample-acc-northwind"));
        assert!(!is_sample("a1b2") && !is_sample("my-sample-1"));
        for lang in LANGS {
            let backup = sample_backup(lang, now(), today()).unwrap();
            for store in Store::DATA {
                for record in &backup.stores[store.name()] {
                    assert!(record_key(store, record).is_some_and(is_sample), "{record}");
                }
            }
            let items: Vec<FeedbackItem> = records(&backup, Store::Feedback);
            assert!(items
                .iter()
                .flat_map(|i| &i.theme_ids)
                .all(|t| is_sample(t)));
            let projects: Vec<OnboardingProject> = records(&backup, Store::Onboarding);
            assert!(projects
                .iter()
                .filter_map(|p| p.playbook_id.as_deref())
                .all(is_sample));
        }
    }

    #[test]
    fn open_escalations_cover_every_severity_and_several_types() {
        for lang in LANGS {
            let backup = sample_backup(lang, now(), today()).unwrap();
            let accounts: Vec<Account> = records(&backup, Store::Accounts);
            let escalations: Vec<Escalation> = records(&backup, Store::Escalations);
            let effective = |e: &Escalation| {
                let account = accounts.iter().find(|a| a.id == e.account_id);
                e.effective(account, today())
            };
            let open: Vec<_> = escalations.iter().filter(|e| e.is_open()).collect();
            let severities: BTreeSet<Severity> =
                open.iter().map(|e| effective(e).severity).collect();
            assert_eq!(
                severities,
                BTreeSet::from([Severity::P1, Severity::P2, Severity::P3]),
                "{lang:?}"
            );
            let kinds: HashSet<EscalationType> = open.iter().map(|e| effective(e).kind).collect();
            assert!(kinds.len() >= 3, "{lang:?}: {kinds:?}");
            assert!(open.iter().all(|e| e.classification_override.is_none()));
            assert!(escalations.iter().any(|e| !e.is_open()), "one is resolved");
            assert!(escalations
                .iter()
                .all(|e| e.received_at <= now() && !e.events.is_empty()));
        }
    }

    #[test]
    fn a_survey_import_links_its_items_to_themes() {
        for lang in LANGS {
            let backup = sample_backup(lang, now(), today()).unwrap();
            let items: Vec<FeedbackItem> = records(&backup, Store::Feedback);
            let themes: Vec<Theme> = records(&backup, Store::Themes);
            let theme_ids: HashSet<&str> = themes.iter().map(|t| t.id.as_str()).collect();
            assert!(items.len() >= 15 && themes.len() >= 3);
            let nps = items.iter().filter(|i| i.source == Source::Nps).count();
            assert!(nps * 4 >= items.len() * 3, "mostly survey answers");
            let linked: Vec<&FeedbackItem> =
                items.iter().filter(|i| !i.theme_ids.is_empty()).collect();
            assert!(linked.len() * 2 > items.len());
            assert!(linked
                .iter()
                .flat_map(|i| &i.theme_ids)
                .all(|t| theme_ids.contains(t.as_str())));
            for theme in &themes {
                assert!(linked.iter().any(|i| i.theme_ids.contains(&theme.id)));
            }
            let stages: HashSet<_> = items.iter().map(|i| i.stage).collect();
            assert!(stages.len() >= 5, "{lang:?}: {stages:?}");
            assert!(items
                .iter()
                .all(|i| i.stage_history.last().map(|c| c.stage) == Some(i.stage)));
        }
    }

    #[test]
    fn two_onboarding_projects_are_at_different_stages() {
        for lang in LANGS {
            let backup = sample_backup(lang, now(), today()).unwrap();
            let projects: Vec<OnboardingProject> = records(&backup, Store::Onboarding);
            let playbooks: Vec<Playbook> = records(&backup, Store::Playbooks);
            assert_eq!(projects.len(), 2);
            let phases: Vec<Phase> = projects
                .iter()
                .map(|p| {
                    let seg = segment(p, &projects, today());
                    current_phase(&build_plan(p, &seg, today()), seg.tier, today())
                })
                .collect();
            assert!(phases.contains(&Phase::Week1), "{lang:?}: {phases:?}");
            assert!(phases.contains(&Phase::Months2To3), "{lang:?}: {phases:?}");
            let progress: Vec<usize> = projects.iter().map(|p| p.progress.len()).collect();
            assert!(progress.iter().any(|n| *n >= 10) && progress.iter().any(|n| *n <= 5));
            assert!(projects
                .iter()
                .any(|p| p.playbook_id.as_deref() == Some(playbooks[0].id.as_str())));
        }
    }

    #[test]
    fn removal_takes_sample_records_and_their_drafts_only() {
        let sample = sample_backup(Lang::En, now(), today()).unwrap();
        let total: usize = sample.counts().iter().map(|(_, n)| n).sum();
        let mut stores = sample.into_stores();
        let add = |stores: &mut Vec<(Store, Vec<Value>)>, store: Store, record: Value| {
            stores
                .iter_mut()
                .find(|(s, _)| *s == store)
                .unwrap()
                .1
                .push(record);
        };
        add(
            &mut stores,
            Store::Accounts,
            json!({"id": "a1", "name": "Mine"}),
        );
        add(
            &mut stores,
            Store::Escalations,
            json!({"id": "e1", "account_id": "a1"}),
        );
        add(
            &mut stores,
            Store::Settings,
            json!({"key": "sample-lang", "value": 1}),
        );
        add(
            &mut stores,
            Store::Drafts,
            json!({"id": "d1", "record_id": "sample-esc-sso"}),
        );
        add(
            &mut stores,
            Store::Drafts,
            json!({"id": "d2", "record_id": "e1"}),
        );
        let removal = sample_removal(&stores);
        assert_eq!(
            removal.count(),
            total + 1,
            "every sample record and its draft"
        );
        assert_eq!(removal.kept_accounts, 0);
        let keys: Vec<&String> = removal.keys.iter().flat_map(|(_, k)| k).collect();
        assert!(keys.contains(&&"d1".to_string()));
        assert!(keys.iter().all(|k| is_sample(k) || *k == "d1"));

        // The user's own feedback item for a sample account keeps that account.
        add(
            &mut stores,
            Store::Feedback,
            json!({"id": "f1", "account_id": "sample-acc-orbit"}),
        );
        let removal = sample_removal(&stores);
        assert_eq!(removal.kept_accounts, 1);
        assert_eq!(removal.count(), total);
        assert!(!removal
            .keys
            .iter()
            .any(|(_, k)| k.contains(&"sample-acc-orbit".to_string())));
    }

    #[test]
    fn moving_in_time_keeps_every_gap() {
        let file = decode(EN).unwrap();
        let later = sample_backup(Lang::En, now(), today()).unwrap();
        assert_eq!(later.exported_at, now());
        let shift = now() - file.exported_at;
        let days = today() - file.exported_at.date_naive();
        let before: Vec<Escalation> = records(&file, Store::Escalations);
        let after: Vec<Escalation> = records(&later, Store::Escalations);
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(a.received_at - b.received_at, shift);
            assert_eq!(a.events.len(), b.events.len());
            for (x, y) in b.events.iter().zip(&a.events) {
                assert_eq!(y.at - x.at, shift);
            }
        }
        let before: Vec<Account> = records(&file, Store::Accounts);
        let after: Vec<Account> = records(&later, Store::Accounts);
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(a.renewal_date.unwrap() - b.renewal_date.unwrap(), days);
            assert_eq!(a.created_at - b.created_at, shift);
        }
        let before: Vec<OnboardingProject> = records(&file, Store::Onboarding);
        let after: Vec<OnboardingProject> = records(&later, Store::Onboarding);
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(a.go_live_target - b.go_live_target, days);
            assert_eq!(a.progress[0].date - b.progress[0].date, days);
        }
        assert_eq!(
            before[0].progress[0].note, after[0].progress[0].note,
            "texts are left alone"
        );
    }

    #[test]
    fn nothing_lies_in_the_future_whatever_the_day() {
        for now in [now(), Utc.with_ymd_and_hms(2025, 1, 1, 0, 5, 0).unwrap()] {
            let backup = sample_backup(Lang::Zh, now, now.date_naive()).unwrap();
            let escalations: Vec<Escalation> = records(&backup, Store::Escalations);
            let items: Vec<FeedbackItem> = records(&backup, Store::Feedback);
            assert!(escalations
                .iter()
                .flat_map(|e| e.events.iter().map(|ev| ev.at))
                .all(|at| at <= now));
            assert!(items.iter().all(|i| i.received_on <= now.date_naive()
                && i.stage_history.iter().all(|c| c.at <= now)));
        }
    }

    #[test]
    fn texts_are_in_their_language() {
        let en = sample_backup(Lang::En, now(), today()).unwrap();
        let zh = sample_backup(Lang::Zh, now(), today()).unwrap();
        assert!(!han(EN), "no Chinese in the English sample");
        let items: Vec<FeedbackItem> = records(&zh, Store::Feedback);
        assert!(items.iter().all(|i| han(&i.verbatim)));
        let accounts: Vec<Account> = records(&zh, Store::Accounts);
        assert!(accounts.iter().all(|a| han(&a.name)));
        let escalations: Vec<Escalation> = records(&zh, Store::Escalations);
        assert!(escalations
            .iter()
            .all(|e| han(&e.summary) && han(&e.contact_name)));
        let names = |b: &Backup| -> HashSet<String> {
            records::<Account>(b, Store::Accounts)
                .into_iter()
                .map(|a| a.name)
                .collect()
        };
        assert!(names(&en).is_disjoint(&names(&zh)));
    }

    #[test]
    fn every_sample_record_round_trips_through_a_couchdb_document() {
        use crate::domain::sync::document::{DocId, Document};
        use crate::domain::sync::replica::Replica;
        use crate::domain::sync::scope::Scope;
        let scope = Scope { share_drafts: true };
        for lang in LANGS {
            let backup = sample_backup(lang, now(), today()).unwrap();
            for (store, records) in backup.stores.iter().filter(|(s, _)| scope.replicates(s)) {
                for record in records {
                    let fields = record.as_object().expect("an object");
                    assert!(
                        fields.keys().all(|k| k != "type" && !k.starts_with('_')),
                        "{store}: a field the document mapping reserves"
                    );
                    let replica = Replica::created(record.clone());
                    let rev = &replica.leaf_revs()[0];
                    let id = DocId::new(store, fields["id"].as_str().expect("an id"));
                    let doc = replica.document(&id, rev, 1000).expect("a document");
                    let back = Document::from_json(&doc.to_json(), scope).expect("reads");
                    assert_eq!(back.record.as_ref(), Some(record), "{store}");
                }
            }
        }
    }
}
