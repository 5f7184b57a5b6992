//! The replication planner: reads a `_changes` batch, builds the `_revs_diff` request,
//! reads its answer (or computes it from local trees when pulling), builds the `_bulk_get`
//! request and reads its results, builds the `_bulk_docs` body (`new_edits: false`) for a
//! push and reads its failures, and halves a batch the server refused as too large (413).

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::document::{DocId, Document};
use super::rev::Rev;
use super::scope::Scope;
use super::tree::{RevTree, RevsDiffEntry};
use super::SyncError;

/// The query of a `_changes` request for replication (every leaf of each document).
pub const CHANGES_QUERY: &str = "style=all_docs";
/// The query of a `_bulk_get` request (each revision with its `_revisions`).
pub const BULK_GET_QUERY: &str = "revs=true";

/// One row of `_changes`: a document and its leaf revisions at that sequence.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub id: DocId,
    pub revs: Vec<Rev>,
    pub deleted: bool,
    /// Opaque: a number on PouchDB, a string on CouchDB 2+.
    pub seq: Value,
}

/// A `_changes` batch: the rows this replica cares about and where the next one starts.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesBatch {
    pub changes: Vec<Change>,
    /// How many rows were for other stores, design documents or other applications.
    pub skipped: usize,
    pub last_seq: Value,
}

impl ChangesBatch {
    /// Reads a `_changes` answer, keeping rows of stores in `scope`.
    pub fn parse(value: &Value, scope: Scope) -> Result<Self, SyncError> {
        let body = value
            .as_object()
            .ok_or(SyncError::NotAnObject("_changes"))?;
        let rows = body
            .get("results")
            .and_then(Value::as_array)
            .ok_or(SyncError::MissingField("results"))?;
        let last_seq = body
            .get("last_seq")
            .cloned()
            .ok_or(SyncError::MissingField("last_seq"))?;
        let mut changes = Vec::new();
        for row in rows {
            if let Some(change) = parse_change(row, scope)? {
                changes.push(change);
            }
        }
        let skipped = rows.len() - changes.len();
        Ok(Self {
            changes,
            skipped,
            last_seq,
        })
    }
}

/// A row, or `None` when it is not a record of a replicated store.
fn parse_change(row: &Value, scope: Scope) -> Result<Option<Change>, SyncError> {
    let row = row
        .as_object()
        .ok_or(SyncError::NotAnObject("_changes row"))?;
    let id = row
        .get("id")
        .and_then(Value::as_str)
        .ok_or(SyncError::MissingField("id"))?;
    let Ok(id) = DocId::parse(id) else {
        return Ok(None);
    };
    if !scope.replicates(&id.store) {
        return Ok(None);
    }
    let revs = row
        .get("changes")
        .and_then(Value::as_array)
        .ok_or(SyncError::MissingField("changes"))?
        .iter()
        .map(|c| {
            let text = c.get("rev").and_then(Value::as_str);
            Rev::parse(text.ok_or(SyncError::MissingField("rev"))?)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(Change {
        id,
        revs,
        deleted: row.get("deleted").and_then(Value::as_bool) == Some(true),
        seq: row.get("seq").cloned().unwrap_or(Value::Null),
    }))
}

/// The body of `_revs_diff`: each document id with the revisions to check.
pub fn revs_diff_request<'a>(docs: impl IntoIterator<Item = (&'a DocId, &'a [Rev])>) -> Value {
    let mut body = Map::new();
    for (id, revs) in docs {
        let entry = body
            .entry(id.to_string())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = entry {
            list.extend(revs.iter().map(|r| Value::from(r.to_string())));
        }
    }
    Value::Object(body)
}

/// The `_revs_diff` request for a `_changes` batch.
pub fn revs_diff_for(batch: &ChangesBatch) -> Value {
    revs_diff_request(batch.changes.iter().map(|c| (&c.id, c.revs.as_slice())))
}

/// What the target lacks, by document.
pub type RevsDiff = BTreeMap<DocId, RevsDiffEntry>;

/// Reads a `_revs_diff` answer; documents with nothing missing may be absent.
pub fn parse_revs_diff(value: &Value) -> Result<RevsDiff, SyncError> {
    let body = value
        .as_object()
        .ok_or(SyncError::NotAnObject("_revs_diff"))?;
    let mut diff = RevsDiff::new();
    for (id, entry) in body {
        let id = DocId::parse(id)?;
        let entry: RevsDiffEntry = serde_json::from_value(entry.clone())
            .map_err(|_| SyncError::MissingField("missing"))?;
        if !entry.missing.is_empty() {
            diff.insert(id, entry);
        }
    }
    Ok(diff)
}

/// The `_revs_diff` answer of this replica, when it is the target (a pull): what the local
/// trees (`tree_of`) lack of the batch.
pub fn local_revs_diff<'a>(
    batch: &ChangesBatch,
    tree_of: impl Fn(&DocId) -> Option<&'a RevTree>,
) -> RevsDiff {
    let empty = RevTree::default();
    batch
        .changes
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                tree_of(&c.id).unwrap_or(&empty).revs_diff(&c.revs),
            )
        })
        .filter(|(_, entry)| !entry.missing.is_empty())
        .collect()
}

/// The body of `_bulk_get` fetching every missing revision.
pub fn bulk_get_request(diff: &RevsDiff) -> Value {
    let docs: Vec<Value> = diff
        .iter()
        .flat_map(|(id, entry)| {
            entry
                .missing
                .iter()
                .map(move |rev| json!({"id": id.to_string(), "rev": rev.to_string()}))
        })
        .collect();
    json!({ "docs": docs })
}

/// One result of `_bulk_get`.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetched {
    Doc(Document),
    /// The server could not give this revision (`error`, PouchDB's `missing`, or `{}`).
    Failed {
        id: String,
        rev: Option<String>,
        error: String,
    },
    /// The server gave a document this replica must not take (private store, malformed).
    Refused(SyncError),
}

/// Reads a `_bulk_get` answer.
pub fn parse_bulk_get(value: &Value, scope: Scope) -> Result<Vec<Fetched>, SyncError> {
    let results = value
        .get("results")
        .and_then(Value::as_array)
        .ok_or(SyncError::MissingField("results"))?;
    let mut fetched = Vec::new();
    for result in results {
        let id = result.get("id").and_then(Value::as_str).unwrap_or_default();
        let docs = result
            .get("docs")
            .and_then(Value::as_array)
            .ok_or(SyncError::MissingField("docs"))?;
        fetched.extend(docs.iter().map(|doc| fetched_of(id, doc, scope)));
    }
    Ok(fetched)
}

fn fetched_of(id: &str, doc: &Value, scope: Scope) -> Fetched {
    if let Some(ok) = doc.get("ok") {
        return Document::from_json(ok, scope).map_or_else(Fetched::Refused, Fetched::Doc);
    }
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    if let Some(error) = doc.get("error") {
        return Fetched::Failed {
            id: text(error.get("id")).unwrap_or_else(|| id.to_string()),
            rev: text(error.get("rev")),
            error: text(error.get("error")).unwrap_or_else(|| "unknown".into()),
        };
    }
    Fetched::Failed {
        id: id.to_string(),
        rev: text(doc.get("missing")),
        error: "not_found".into(),
    }
}

/// The revisions to send in a push: what the server's `_revs_diff` says it lacks, in
/// document order.
pub fn revisions_to_send(diff: &RevsDiff) -> Vec<(DocId, Rev)> {
    diff.iter()
        .flat_map(|(id, entry)| entry.missing.iter().map(move |r| (id.clone(), r.clone())))
        .collect()
}

/// The `_bulk_docs` body of a push: the documents with their `_revisions`, kept as they are
/// (`new_edits: false`), so the server stores these exact revisions.
pub fn bulk_docs_body(docs: &[Document]) -> Value {
    let docs: Vec<Value> = docs.iter().map(Document::to_json).collect();
    json!({ "docs": docs, "new_edits": false })
}

/// A revision the server did not store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteFailure {
    pub id: String,
    pub rev: Option<String>,
    pub error: String,
    pub reason: String,
}

/// Reads a `_bulk_docs` answer: the failures (an empty list is full success, which is how
/// CouchDB and PouchDB Server answer `new_edits: false`).
pub fn parse_bulk_docs(value: &Value) -> Result<Vec<WriteFailure>, SyncError> {
    let rows = value
        .as_array()
        .ok_or(SyncError::NotAnObject("_bulk_docs"))?;
    let text = |row: &Value, key: &str| row.get(key).and_then(Value::as_str).map(str::to_string);
    Ok(rows
        .iter()
        .filter_map(|row| {
            let error = text(row, "error")?;
            Some(WriteFailure {
                id: text(row, "id").unwrap_or_default(),
                rev: text(row, "rev"),
                error,
                reason: text(row, "reason").unwrap_or_default(),
            })
        })
        .collect())
}

/// A batch the server refused as too large (413), split in two halves to send one after
/// the other; `None` for a single document, which is too large on its own.
pub fn split_in_half<T: Clone>(batch: &[T]) -> Option<(Vec<T>, Vec<T>)> {
    (batch.len() >= 2).then(|| {
        let (first, second) = batch.split_at(batch.len() / 2);
        (first.to_vec(), second.to_vec())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(text: &str) -> Rev {
        Rev::parse(text).expect("test revision")
    }

    fn id(text: &str) -> DocId {
        DocId::parse(text).expect("test id")
    }

    /// The `_changes?style=all_docs` answer PouchDB Server 4.2 gave in this project's probe
    /// (see notes/pouchdb-server.md): integer seqs, two leaves of e1, a deletion.
    fn changes() -> Value {
        json!({"results": [
            {"id": "escalations:e1", "changes": [{"rev": "2-bbb"}, {"rev": "1-e31ea8736da8b84194cf2a7c626714a6"}], "seq": 2},
            {"id": "_design/app", "changes": [{"rev": "1-d"}], "seq": 3},
            {"id": "settings:llm", "changes": [{"rev": "1-s"}], "seq": 4},
            {"id": "accounts:a1", "changes": [{"rev": "2-dd"}], "deleted": true, "seq": 7}
        ], "last_seq": 7})
    }

    #[test]
    fn a_changes_batch_keeps_replicated_records_and_their_leaves() {
        let batch = ChangesBatch::parse(&changes(), Scope::default()).expect("parses");
        assert_eq!(batch.changes.len(), 2);
        assert_eq!(batch.skipped, 2, "the design doc and the settings row");
        assert_eq!(batch.last_seq, json!(7));
        let e1 = &batch.changes[0];
        assert_eq!(e1.id, id("escalations:e1"));
        assert_eq!(
            e1.revs,
            vec![rev("2-bbb"), rev("1-e31ea8736da8b84194cf2a7c626714a6")]
        );
        assert!(!e1.deleted);
        assert!(batch.changes[1].deleted);
    }

    #[test]
    fn couchdb_string_seqs_stay_opaque() {
        // CouchDB 3's `_changes` gives seqs like "2-g1AAAA…" (the changes API docs).
        let value = json!({"results": [{"id": "themes:t", "changes": [{"rev": "1-a"}], "seq": "2-g1AAAAAA"}],
                           "last_seq": "2-g1AAAAAA"});
        let batch = ChangesBatch::parse(&value, Scope::default()).expect("parses");
        assert_eq!(batch.last_seq, json!("2-g1AAAAAA"));
        assert_eq!(batch.changes[0].seq, json!("2-g1AAAAAA"));
    }

    #[test]
    fn malformed_changes_are_typed_errors() {
        let scope = Scope::default();
        let cases = [
            (json!([]), SyncError::NotAnObject("_changes")),
            (json!({"last_seq": 1}), SyncError::MissingField("results")),
            (json!({"results": []}), SyncError::MissingField("last_seq")),
            (
                json!({"results": [1], "last_seq": 1}),
                SyncError::NotAnObject("_changes row"),
            ),
            (
                json!({"results": [{"changes": []}], "last_seq": 1}),
                SyncError::MissingField("id"),
            ),
            (
                json!({"results": [{"id": "themes:t"}], "last_seq": 1}),
                SyncError::MissingField("changes"),
            ),
            (
                json!({"results": [{"id": "themes:t", "changes": [{}]}], "last_seq": 1}),
                SyncError::MissingField("rev"),
            ),
            (
                json!({"results": [{"id": "themes:t", "changes": [{"rev": "x"}]}], "last_seq": 1}),
                SyncError::BadRev("x".into()),
            ),
        ];
        for (value, error) in cases {
            assert_eq!(ChangesBatch::parse(&value, scope), Err(error), "{value}");
        }
    }

    #[test]
    fn the_revs_diff_request_lists_each_documents_leaves() {
        let batch = ChangesBatch::parse(&changes(), Scope::default()).expect("parses");
        assert_eq!(
            revs_diff_for(&batch),
            json!({"escalations:e1": ["2-bbb", "1-e31ea8736da8b84194cf2a7c626714a6"],
                   "accounts:a1": ["2-dd"]})
        );
    }

    #[test]
    fn the_revs_diff_answer_is_read_with_or_without_possible_ancestors() {
        // The replication protocol's example answer carries `possible_ancestors`; PouchDB
        // Server leaves it out (notes/pouchdb-server.md). Both read the same way.
        let couch = json!({"escalations:e2": {"missing": ["4-ddd", "5-eee"], "possible_ancestors": ["3-ccc"]}});
        let pouch =
            json!({"escalations:e2": {"missing": ["4-ddd", "5-eee"]}, "themes:t": {"missing": []}});
        let a = parse_revs_diff(&couch).expect("couch");
        let b = parse_revs_diff(&pouch).expect("pouch");
        assert_eq!(
            a[&id("escalations:e2")].missing,
            vec![rev("4-ddd"), rev("5-eee")]
        );
        assert_eq!(
            a[&id("escalations:e2")].possible_ancestors,
            vec![rev("3-ccc")]
        );
        assert_eq!(b.len(), 1, "nothing missing: nothing to do");
        assert!(parse_revs_diff(&json!([])).is_err());
        assert!(parse_revs_diff(&json!({"themes:t": {"missing": ["bad"]}})).is_err());
        assert!(parse_revs_diff(&json!({"nostore": {"missing": []}})).is_err());
    }

    #[test]
    fn pulling_fetches_only_what_the_local_trees_lack() {
        let batch = ChangesBatch::parse(&changes(), Scope::default()).expect("parses");
        let known = RevTree::from_path(&[rev("2-bbb"), rev("1-zzz")], false);
        let diff = local_revs_diff(&batch, |doc| {
            (doc == &id("escalations:e1")).then_some(&known)
        });
        assert_eq!(
            diff[&id("escalations:e1")].missing,
            vec![rev("1-e31ea8736da8b84194cf2a7c626714a6")]
        );
        assert_eq!(diff[&id("accounts:a1")].missing, vec![rev("2-dd")]);
        assert_eq!(
            bulk_get_request(&diff),
            json!({"docs": [
                {"id": "accounts:a1", "rev": "2-dd"},
                {"id": "escalations:e1", "rev": "1-e31ea8736da8b84194cf2a7c626714a6"}
            ]})
        );
    }

    #[test]
    fn nothing_is_fetched_when_every_revision_is_known() {
        let batch = ChangesBatch::parse(
            &json!({"results": [{"id": "themes:t", "changes": [{"rev": "1-a"}], "seq": 1}], "last_seq": 1}),
            Scope::default(),
        )
        .expect("parses");
        let known = RevTree::from_path(&[rev("1-a")], false);
        let diff = local_revs_diff(&batch, |_| Some(&known));
        assert!(diff.is_empty());
        assert_eq!(bulk_get_request(&diff), json!({"docs": []}));
    }

    #[test]
    fn bulk_get_results_are_documents_or_failures() {
        // Shapes from the `_bulk_get` API docs (`ok` with `_revisions`, `error` objects) and
        // from PouchDB Server (`{"missing": rev}`, `{}`), as probed for this project.
        let answer = json!({"results": [
            {"id": "escalations:e2", "docs": [{"ok": {"_id": "escalations:e2", "_rev": "3-ccc",
                "_revisions": {"start": 3, "ids": ["ccc", "bb", "aa"]}, "type": "escalations", "summary": "c"}}]},
            {"id": "escalations:e1", "docs": [{"missing": "9-nope"}]},
            {"id": "themes:x", "docs": [{"error": {"id": "themes:x", "rev": "1-q", "error": "not_found", "reason": "missing"}}]},
            {"id": "nope", "docs": [{}]},
            {"id": "settings:k", "docs": [{"ok": {"_id": "settings:k", "_rev": "1-k"}}]}
        ]});
        let fetched = parse_bulk_get(&answer, Scope::default()).expect("parses");
        assert_eq!(fetched.len(), 5);
        let Fetched::Doc(doc) = &fetched[0] else {
            panic!("a document: {:?}", fetched[0]);
        };
        assert_eq!(doc.path, vec![rev("3-ccc"), rev("2-bb"), rev("1-aa")]);
        assert_eq!(
            fetched[1],
            Fetched::Failed {
                id: "escalations:e1".into(),
                rev: Some("9-nope".into()),
                error: "not_found".into()
            }
        );
        assert_eq!(
            fetched[2],
            Fetched::Failed {
                id: "themes:x".into(),
                rev: Some("1-q".into()),
                error: "not_found".into()
            }
        );
        assert_eq!(
            fetched[3],
            Fetched::Failed {
                id: "nope".into(),
                rev: None,
                error: "not_found".into()
            }
        );
        assert_eq!(
            fetched[4],
            Fetched::Refused(SyncError::NotReplicated("settings".into()))
        );
        assert!(parse_bulk_get(&json!({}), Scope::default()).is_err());
        assert!(parse_bulk_get(&json!({"results": [{"id": "a"}]}), Scope::default()).is_err());
    }

    #[test]
    fn pushing_sends_what_the_server_lacks_with_new_edits_false() {
        let mut tree = RevTree::from_path(&[rev("2-b"), rev("1-a")], false);
        let leaf = tree.edit(Some(&rev("2-b")), "c", false).expect("leaf");
        let doc_id = id("accounts:a1");
        let request = revs_diff_request([(&doc_id, std::slice::from_ref(&leaf))]);
        assert_eq!(request, json!({"accounts:a1": ["3-c"]}));

        let answer = parse_revs_diff(
            &json!({"accounts:a1": {"missing": ["3-c"], "possible_ancestors": ["2-b"]}}),
        )
        .expect("parses");
        let to_send = revisions_to_send(&answer);
        assert_eq!(to_send, vec![(doc_id.clone(), rev("3-c"))]);

        let record = json!({"id": "a1", "name": "Acme"});
        let doc = Document::local("accounts", record, &tree, &to_send[0].1, 1000).expect("doc");
        assert_eq!(
            bulk_docs_body(&[doc]),
            json!({"new_edits": false, "docs": [{
                "_id": "accounts:a1", "_rev": "3-c", "type": "accounts", "id": "a1", "name": "Acme",
                "_revisions": {"start": 3, "ids": ["c", "b", "a"]}
            }]})
        );
    }

    #[test]
    fn bulk_docs_answers_list_only_failures() {
        assert_eq!(parse_bulk_docs(&json!([])), Ok(vec![]));
        let answer = json!([
            {"ok": true, "id": "themes:a", "rev": "1-a"},
            {"id": "themes:b", "rev": "1-b", "error": "forbidden", "reason": "members only"}
        ]);
        assert_eq!(
            parse_bulk_docs(&answer),
            Ok(vec![WriteFailure {
                id: "themes:b".into(),
                rev: Some("1-b".into()),
                error: "forbidden".into(),
                reason: "members only".into()
            }])
        );
        assert_eq!(
            parse_bulk_docs(&json!({"error": "bad_request"})),
            Err(SyncError::NotAnObject("_bulk_docs"))
        );
    }

    #[test]
    fn a_refused_batch_splits_in_half_until_one_document_is_left() {
        let batch: Vec<u32> = (1..=5).collect();
        let (a, b) = split_in_half(&batch).expect("splits");
        assert_eq!((a.as_slice(), b.as_slice()), (&[1, 2][..], &[3, 4, 5][..]));
        let (c, d) = split_in_half(&b).expect("splits");
        assert_eq!((c, d), (vec![3], vec![4, 5]));
        assert_eq!(split_in_half(&[9]), None);
        assert_eq!(split_in_half::<u32>(&[]), None);
    }
}
