//! The mapping between a Casebook record and a CouchDB document: `_id` is
//! `<store>:<record id>`, `type` names the store, `_rev`, `_revisions` and `_deleted` carry
//! the revision; everything else is the record's own JSON. Reading checks all of it.

use std::fmt;

use serde_json::{Map, Value};

use super::rev::{Rev, Revisions};
use super::scope::Scope;
use super::tree::RevTree;
use super::SyncError;

/// A document id: the store and the record's id (which may itself hold `:`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId {
    pub store: String,
    pub record_id: String,
}

impl DocId {
    pub fn new(store: &str, record_id: &str) -> Self {
        Self {
            store: store.to_string(),
            record_id: record_id.to_string(),
        }
    }

    /// Parses `<store>:<record id>`; both parts must be non-empty.
    pub fn parse(text: &str) -> Result<Self, SyncError> {
        match text.split_once(':') {
            Some((store, id)) if !store.is_empty() && !id.is_empty() => Ok(Self::new(store, id)),
            _ => Err(SyncError::BadDocId(text.to_string())),
        }
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.store, self.record_id)
    }
}

/// One revision of a record as a CouchDB document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub id: DocId,
    pub rev: Rev,
    /// The revision's history, leaf (`rev`) first; just `[rev]` when the server sent none.
    pub path: Vec<Rev>,
    pub deleted: bool,
    /// The record's JSON (with its `id`); `None` for a deletion.
    pub record: Option<Value>,
}

impl Document {
    /// The document for revision `rev` of `record` (a JSON object with a string `id`), with
    /// up to `limit` entries of history from `tree`.
    pub fn local(
        store: &str,
        record: Value,
        tree: &RevTree,
        rev: &Rev,
        limit: usize,
    ) -> Result<Self, SyncError> {
        let record_id = record
            .get("id")
            .and_then(Value::as_str)
            .ok_or(SyncError::MissingField("id"))?;
        let id = DocId::new(store, record_id);
        let mut path = tree.path_to(rev);
        path.truncate(limit.max(1));
        if path.is_empty() {
            return Err(SyncError::BadRev(rev.to_string()));
        }
        Ok(Self {
            id,
            rev: rev.clone(),
            path,
            deleted: false,
            record: Some(record),
        })
    }

    /// A deletion of the record `id` at `rev`, with its history from `tree`.
    pub fn deletion(id: DocId, tree: &RevTree, rev: &Rev, limit: usize) -> Self {
        let mut path = tree.path_to(rev);
        path.truncate(limit.max(1));
        if path.is_empty() {
            path.push(rev.clone());
        }
        Self {
            id,
            rev: rev.clone(),
            path,
            deleted: true,
            record: None,
        }
    }

    /// The JSON body CouchDB stores (as sent in `_bulk_docs`).
    pub fn to_json(&self) -> Value {
        let mut body = match &self.record {
            Some(Value::Object(fields)) => fields.clone(),
            _ => Map::new(),
        };
        body.insert("_id".into(), Value::from(self.id.to_string()));
        body.insert("_rev".into(), Value::from(self.rev.to_string()));
        if let Some(revisions) = Revisions::from_path(&self.path) {
            body.insert("_revisions".into(), revisions_json(&revisions));
        }
        if self.deleted {
            body.insert("_deleted".into(), Value::Bool(true));
        }
        body.insert("type".into(), Value::from(self.id.store.clone()));
        Value::Object(body)
    }

    /// Reads a document the server sent; refuses stores outside `scope`, a `type` that
    /// disagrees with the id, and malformed revision fields.
    pub fn from_json(value: &Value, scope: Scope) -> Result<Self, SyncError> {
        let body = value
            .as_object()
            .ok_or(SyncError::NotAnObject("document"))?;
        let id = DocId::parse(str_field(body, "_id")?)?;
        if !scope.replicates(&id.store) {
            return Err(SyncError::NotReplicated(id.store));
        }
        check_type(body, &id)?;
        let rev = Rev::parse(str_field(body, "_rev")?)?;
        let path = path_of(body, &rev)?;
        let deleted = body.get("_deleted").and_then(Value::as_bool) == Some(true);
        let record = (!deleted).then(|| record_of(body, &id));
        Ok(Self {
            id,
            rev,
            path,
            deleted,
            record,
        })
    }
}

fn revisions_json(revisions: &Revisions) -> Value {
    serde_json::json!({ "start": revisions.start, "ids": revisions.ids })
}

fn str_field<'a>(body: &'a Map<String, Value>, key: &'static str) -> Result<&'a str, SyncError> {
    body.get(key)
        .and_then(Value::as_str)
        .ok_or(SyncError::MissingField(key))
}

fn check_type(body: &Map<String, Value>, id: &DocId) -> Result<(), SyncError> {
    match body.get("type") {
        None => Ok(()),
        Some(Value::String(kind)) if *kind == id.store => Ok(()),
        Some(other) => Err(SyncError::TypeMismatch {
            id: id.to_string(),
            kind: other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_string),
        }),
    }
}

/// The path from `_revisions`, which must end at `_rev`; `[rev]` without it.
fn path_of(body: &Map<String, Value>, rev: &Rev) -> Result<Vec<Rev>, SyncError> {
    let Some(revisions) = body.get("_revisions") else {
        return Ok(vec![rev.clone()]);
    };
    let revisions: Revisions =
        serde_json::from_value(revisions.clone()).map_err(|_| SyncError::BadRevisions)?;
    let path = revisions.path()?;
    if path.first() != Some(rev) {
        return Err(SyncError::BadRevisions);
    }
    Ok(path)
}

/// The record: every field but CouchDB's (`_…`) and `type`, with `id` from the document id.
fn record_of(body: &Map<String, Value>, id: &DocId) -> Value {
    let mut record: Map<String, Value> = body
        .iter()
        .filter(|(key, _)| !key.starts_with('_') && key.as_str() != "type")
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    record.insert("id".into(), Value::from(id.record_id.clone()));
    Value::Object(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::escalation::{Escalation, EventKind};
    use crate::domain::feedback::{FeedbackItem, Stage};
    use chrono::{TimeZone, Utc};
    use serde_json::json;

    fn rev(text: &str) -> Rev {
        Rev::parse(text).expect("test revision")
    }

    fn tree(path: &[&str]) -> RevTree {
        let path: Vec<Rev> = path.iter().map(|t| rev(t)).collect();
        RevTree::from_path(&path, false)
    }

    fn escalation() -> Escalation {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
            .single()
            .expect("date");
        let mut e = Escalation::new("e1".into(), now);
        e.summary = "Outage".into();
        e.log_event(EventKind::FirstResponseSent, now, "called");
        e
    }

    #[test]
    fn doc_ids_name_the_store_and_the_record() {
        let id = DocId::parse("escalations:e-1").expect("valid");
        assert_eq!(id, DocId::new("escalations", "e-1"));
        assert_eq!(id.to_string(), "escalations:e-1");
        assert_eq!(
            DocId::parse("drafts:e1:v2").expect("colon in id").record_id,
            "e1:v2"
        );
        for bad in ["e1", ":e1", "escalations:", ""] {
            assert_eq!(DocId::parse(bad), Err(SyncError::BadDocId(bad.into())));
        }
    }

    #[test]
    fn an_escalation_round_trips_through_its_document() {
        let record = serde_json::to_value(escalation()).expect("json");
        let tree = tree(&["2-b", "1-a"]);
        let doc = Document::local("escalations", record.clone(), &tree, &rev("2-b"), 1000)
            .expect("document");
        let json = doc.to_json();
        assert_eq!(json["_id"], "escalations:e1");
        assert_eq!(json["_rev"], "2-b");
        assert_eq!(json["_revisions"], json!({"start": 2, "ids": ["b", "a"]}));
        assert_eq!(json["type"], "escalations");
        assert!(json.get("_deleted").is_none());
        assert_eq!(json["summary"], "Outage");

        let back = Document::from_json(&json, Scope::default()).expect("reads");
        assert_eq!(back, doc);
        let record = back.record.expect("live");
        let e: Escalation = serde_json::from_value(record).expect("an escalation again");
        assert_eq!(e, escalation());
    }

    #[test]
    fn a_feedback_item_round_trips_with_its_stage_history() {
        let now = Utc
            .with_ymd_and_hms(2026, 10, 1, 8, 0, 0)
            .single()
            .expect("date");
        let mut item = FeedbackItem::new("f1".into(), now);
        item.move_to(Stage::Acknowledged, now);
        let record = serde_json::to_value(&item).expect("json");
        let doc = Document::local("feedback", record, &tree(&["1-a"]), &rev("1-a"), 10)
            .expect("document");
        let back = Document::from_json(&doc.to_json(), Scope::default()).expect("reads");
        let again: FeedbackItem =
            serde_json::from_value(back.record.expect("live")).expect("an item again");
        assert_eq!(again, item);
    }

    #[test]
    fn the_history_sent_is_capped_at_the_limit() {
        let record = json!({"id": "a1", "name": "Acme"});
        let doc = Document::local(
            "accounts",
            record,
            &tree(&["3-c", "2-b", "1-a"]),
            &rev("3-c"),
            2,
        )
        .expect("document");
        assert_eq!(
            doc.to_json()["_revisions"],
            json!({"start": 3, "ids": ["c", "b"]})
        );
    }

    #[test]
    fn a_deletion_is_a_stub_with_its_history() {
        let t = tree(&["2-b", "1-a"]);
        let mut t2 = t.clone();
        let gone = t2.edit(Some(&rev("2-b")), "d", true).expect("leaf");
        let doc = Document::deletion(DocId::new("themes", "t1"), &t2, &gone, 1000);
        let json = doc.to_json();
        assert_eq!(
            json,
            json!({"_id": "themes:t1", "_rev": "3-d", "_deleted": true, "type": "themes",
                   "_revisions": {"start": 3, "ids": ["d", "b", "a"]}})
        );
        let back = Document::from_json(&json, Scope::default()).expect("reads");
        assert!(back.deleted);
        assert_eq!(back.record, None);
    }

    #[test]
    fn a_record_without_an_id_has_no_document() {
        let err = Document::local(
            "accounts",
            json!({"name": "x"}),
            &tree(&["1-a"]),
            &rev("1-a"),
            5,
        );
        assert_eq!(err, Err(SyncError::MissingField("id")));
        let err = Document::local(
            "accounts",
            json!({"id": "a"}),
            &tree(&["1-a"]),
            &rev("2-x"),
            5,
        );
        assert_eq!(err, Err(SyncError::BadRev("2-x".into())));
    }

    #[test]
    fn server_documents_of_private_stores_are_refused() {
        // Someone could write `settings:…` into the team database; it must not land here.
        let doc = json!({"_id": "settings:llm_connections", "_rev": "1-a", "type": "settings"});
        assert_eq!(
            Document::from_json(&doc, Scope { share_drafts: true }),
            Err(SyncError::NotReplicated("settings".into()))
        );
        let draft = json!({"_id": "drafts:d1", "_rev": "1-a", "type": "drafts", "text": "x"});
        assert_eq!(
            Document::from_json(&draft, Scope::default()),
            Err(SyncError::NotReplicated("drafts".into()))
        );
        assert!(Document::from_json(&draft, Scope { share_drafts: true }).is_ok());
    }

    #[test]
    fn malformed_server_documents_are_typed_errors() {
        let scope = Scope::default();
        let cases = [
            (json!([]), SyncError::NotAnObject("document")),
            (json!({"_rev": "1-a"}), SyncError::MissingField("_id")),
            (
                json!({"_id": 7, "_rev": "1-a"}),
                SyncError::MissingField("_id"),
            ),
            (
                json!({"_id": "accounts:a"}),
                SyncError::MissingField("_rev"),
            ),
            (
                json!({"_id": "nostore", "_rev": "1-a"}),
                SyncError::BadDocId("nostore".into()),
            ),
            (
                json!({"_id": "accounts:a", "_rev": "one"}),
                SyncError::BadRev("one".into()),
            ),
            (
                json!({"_id": "accounts:a", "_rev": "2-b", "_revisions": {"start": 2, "ids": ["x", "a"]}}),
                SyncError::BadRevisions,
            ),
            (
                json!({"_id": "accounts:a", "_rev": "2-b", "_revisions": {"start": "2"}}),
                SyncError::BadRevisions,
            ),
            (
                json!({"_id": "accounts:a", "_rev": "1-a", "type": "themes"}),
                SyncError::TypeMismatch {
                    id: "accounts:a".into(),
                    kind: "themes".into(),
                },
            ),
        ];
        for (doc, error) in cases {
            assert_eq!(Document::from_json(&doc, scope), Err(error), "{doc}");
        }
    }

    #[test]
    fn reading_keeps_the_record_fields_and_takes_the_id_from_the_document() {
        let doc = json!({"_id": "accounts:a1", "_rev": "1-a", "_conflicts": ["1-b"],
                         "type": "accounts", "id": "other", "name": "Acme"});
        let read = Document::from_json(&doc, Scope::default()).expect("reads");
        assert_eq!(read.record, Some(json!({"id": "a1", "name": "Acme"})));
        assert_eq!(read.path, vec![rev("1-a")], "no _revisions: the rev alone");
    }
}
