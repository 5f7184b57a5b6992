//! The sync kernel end to end, natively: two browsers and a team database, each a set of
//! `Replica`s with a change sequence, replicating through the planner's JSON bodies
//! (`_changes`, `_revs_diff`, `_bulk_get`, `_bulk_docs` with `new_edits: false`) and `_local`
//! checkpoints. The server side here is a model of CouchDB's behaviour, not a server.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{json, Value};

use casebook::domain::escalation::{Escalation, EventKind};
use casebook::domain::sync::checkpoint::{
    record_checkpoint, replication_id, start_seq, Direction, Endpoint, ReplicationLog, Session,
    Stats,
};
use casebook::domain::sync::document::{DocId, Document};
use casebook::domain::sync::fault::{Action, Fault};
use casebook::domain::sync::merge::merge_record;
use casebook::domain::sync::planner::{
    bulk_docs_body, bulk_get_request, local_revs_diff, parse_bulk_docs, parse_bulk_get,
    parse_revs_diff, revisions_to_send, revs_diff_request, split_in_half, ChangesBatch, Fetched,
};
use casebook::domain::sync::replica::Replica;
use casebook::domain::sync::rev::Rev;
use casebook::domain::sync::scope::Scope;

const LIMIT: usize = 1000;

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, hour, 0, 0)
        .single()
        .expect("date")
}

/// A replica of the database: documents, a change sequence, `_local` logs.
#[derive(Default)]
struct Peer {
    docs: BTreeMap<DocId, Replica>,
    seq: u64,
    changed: BTreeMap<DocId, u64>,
    locals: BTreeMap<String, ReplicationLog>,
    /// The most documents one `_bulk_docs` may carry before the server answers 413.
    max_batch: Option<usize>,
    /// Whether the server answers at all.
    down: bool,
}

impl Peer {
    fn touch(&mut self, id: &DocId) {
        self.seq += 1;
        self.changed.insert(id.clone(), self.seq);
    }

    fn save(&mut self, id: &DocId, body: Value) {
        let replica = self.docs.entry(id.clone()).or_default();
        replica.edit(body).expect("an edit");
        self.touch(id);
    }

    fn body(&self, id: &DocId) -> Option<&Value> {
        self.docs.get(id).and_then(Replica::winner_body)
    }

    fn changed_since(&self, since: u64) -> Vec<(u64, DocId)> {
        let mut rows: Vec<(u64, DocId)> = self
            .changed
            .iter()
            .filter(|(_, seq)| **seq > since)
            .map(|(id, seq)| (*seq, id.clone()))
            .collect();
        rows.sort();
        rows
    }

    // The server's endpoints, answering JSON (or a status when they fail).

    fn get_changes(&self, since: u64) -> Result<Value, u16> {
        self.reachable()?;
        let results: Vec<Value> = self
            .changed_since(since)
            .into_iter()
            .map(|(seq, id)| {
                let tree = &self.docs[&id].tree;
                let changes: Vec<Value> = tree
                    .leaves()
                    .iter()
                    .map(|l| json!({"rev": l.rev.to_string()}))
                    .collect();
                json!({"seq": seq, "id": id.to_string(), "changes": changes, "deleted": tree.is_deleted()})
            })
            .collect();
        Ok(json!({"results": results, "last_seq": self.seq}))
    }

    fn post_revs_diff(&self, body: &Value) -> Result<Value, u16> {
        self.reachable()?;
        let mut answer = serde_json::Map::new();
        for (id, revs) in body.as_object().expect("an object") {
            let revs: Vec<Rev> = serde_json::from_value(revs.clone()).expect("revs");
            let doc_id = DocId::parse(id).expect("id");
            let diff = self
                .docs
                .get(&doc_id)
                .map(|r| r.tree.revs_diff(&revs))
                .unwrap_or_else(|| Replica::default().tree.revs_diff(&revs));
            if !diff.missing.is_empty() {
                answer.insert(id.clone(), serde_json::to_value(diff).expect("json"));
            }
        }
        Ok(Value::Object(answer))
    }

    fn post_bulk_get(&self, body: &Value) -> Result<Value, u16> {
        self.reachable()?;
        let results: Vec<Value> = body["docs"]
            .as_array()
            .expect("docs")
            .iter()
            .map(|ask| {
                let id = DocId::parse(ask["id"].as_str().expect("id")).expect("doc id");
                let rev = Rev::parse(ask["rev"].as_str().expect("rev")).expect("rev");
                let doc = self
                    .docs
                    .get(&id)
                    .and_then(|r| r.document(&id, &rev, LIMIT));
                let entry = doc.map_or_else(
                    || json!({"missing": rev.to_string()}),
                    |d| json!({"ok": d.to_json()}),
                );
                json!({"id": id.to_string(), "docs": [entry]})
            })
            .collect();
        Ok(json!({ "results": results }))
    }

    fn post_bulk_docs(&mut self, body: &Value) -> Result<Value, u16> {
        self.reachable()?;
        assert_eq!(body["new_edits"], false);
        let docs = body["docs"].as_array().expect("docs");
        if self.max_batch.is_some_and(|max| docs.len() > max) {
            return Err(413);
        }
        for json in docs {
            // The server keeps any document; the team database is not filtered by scope.
            let doc = Document::from_json(json, Scope { share_drafts: true }).expect("a doc");
            self.docs.entry(doc.id.clone()).or_default().receive(&doc);
            self.touch(&doc.id);
        }
        Ok(json!([]))
    }

    fn reachable(&self) -> Result<(), u16> {
        if self.down {
            Err(0)
        } else {
            Ok(())
        }
    }
}

/// A browser: its records and its replica id.
struct Browser {
    name: &'static str,
    peer: Peer,
    sessions: u32,
}

impl Browser {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            peer: Peer::default(),
            sessions: 0,
        }
    }

    fn replication_id(&self, direction: Direction) -> String {
        let endpoint = Endpoint {
            replica_id: self.name,
            server_url: "http://127.0.0.1:5985",
            database: "team",
        };
        replication_id(&endpoint, direction, Scope::default())
    }

    fn session(&mut self, start_seq: &Value) -> Session {
        self.sessions += 1;
        Session {
            id: format!("{}-{}", self.name, self.sessions),
            started: at(9),
            start_seq: start_seq.clone(),
        }
    }

    /// Pulls what the server has that this browser lacks; returns the documents read.
    fn pull(&mut self, server: &mut Peer) -> Result<usize, u16> {
        let rid = self.replication_id(Direction::Pull);
        let since = start_seq(server.locals.get(&rid), self.peer.locals.get(&rid));
        let session = self.session(&since);
        let changes = server.get_changes(since.as_u64().unwrap_or(0))?;
        let batch = ChangesBatch::parse(&changes, Scope::default()).expect("changes");
        let diff = local_revs_diff(&batch, |id| self.peer.docs.get(id).map(|r| &r.tree));
        let fetched = parse_bulk_get(
            &server.post_bulk_get(&bulk_get_request(&diff))?,
            Scope::default(),
        )
        .expect("bulk_get");
        let mut read = 0;
        for item in fetched {
            if let Fetched::Doc(doc) = item {
                self.peer
                    .docs
                    .entry(doc.id.clone())
                    .or_default()
                    .receive(&doc);
                read += 1;
            }
        }
        let stats = Stats {
            docs_read: read as u64,
            ..Stats::default()
        };
        let log = record_checkpoint(
            self.peer.locals.get(&rid),
            &rid,
            &session,
            at(10),
            &batch.last_seq,
            stats,
        );
        server.locals.insert(rid.clone(), log.clone());
        self.peer.locals.insert(rid, log);
        Ok(read)
    }

    /// Pushes local changes the server lacks, halving batches it refuses as too large;
    /// returns the revisions written.
    fn push(&mut self, server: &mut Peer) -> Result<usize, u16> {
        let rid = self.replication_id(Direction::Push);
        let since = start_seq(self.peer.locals.get(&rid), server.locals.get(&rid));
        let session = self.session(&since);
        let rows = self.peer.changed_since(since.as_u64().unwrap_or(0));
        let leaves: Vec<(DocId, Vec<Rev>)> = rows
            .iter()
            .filter(|(_, id)| Scope::default().replicates(&id.store))
            .map(|(_, id)| (id.clone(), self.peer.docs[id].leaf_revs()))
            .collect();
        let request = revs_diff_request(leaves.iter().map(|(id, revs)| (id, revs.as_slice())));
        let diff = parse_revs_diff(&server.post_revs_diff(&request)?).expect("revs_diff");
        let docs: Vec<Document> = revisions_to_send(&diff)
            .iter()
            .filter_map(|(id, rev)| self.peer.docs.get(id)?.document(id, rev, LIMIT))
            .collect();
        let written = send(server, &docs)?;
        let last = rows.last().map_or(since, |(seq, _)| Value::from(*seq));
        let stats = Stats {
            docs_written: written as u64,
            ..Stats::default()
        };
        let log = record_checkpoint(
            self.peer.locals.get(&rid),
            &rid,
            &session,
            at(10),
            &last,
            stats,
        );
        server.locals.insert(rid.clone(), log.clone());
        self.peer.locals.insert(rid, log);
        Ok(written)
    }

    fn sync(&mut self, server: &mut Peer) {
        self.push(server).expect("push");
        self.pull(server).expect("pull");
    }
}

/// Sends a `_bulk_docs` batch, splitting it in half on 413 until it goes through.
fn send(server: &mut Peer, docs: &[Document]) -> Result<usize, u16> {
    if docs.is_empty() {
        return Ok(0);
    }
    match server.post_bulk_docs(&bulk_docs_body(docs)) {
        Ok(answer) => {
            assert_eq!(parse_bulk_docs(&answer), Ok(vec![]));
            Ok(docs.len())
        }
        Err(status)
            if Fault::from_status(Some(status)).map(Fault::action) == Some(Action::Split) =>
        {
            let (first, second) = split_in_half(docs).ok_or(status)?;
            Ok(send(server, &first)? + send(server, &second)?)
        }
        Err(status) => Err(status),
    }
}

fn escalation_id() -> DocId {
    DocId::new("escalations", "e1")
}

fn escalation() -> Escalation {
    let mut e = Escalation::new("e1".into(), at(8));
    e.summary = "Outage".into();
    e.log_event(EventKind::Received, at(8), "");
    e
}

fn value<T: serde::Serialize>(record: &T) -> Value {
    serde_json::to_value(record).expect("json")
}

#[test]
fn a_record_made_in_one_browser_appears_in_the_other() {
    let mut server = Peer::default();
    let (mut alice, mut bob) = (Browser::new("alice"), Browser::new("bob"));
    let account = DocId::new("accounts", "a1");
    alice
        .peer
        .save(&account, json!({"id": "a1", "name": "Acme"}));
    alice.sync(&mut server);
    bob.sync(&mut server);
    assert_eq!(
        bob.peer.body(&account),
        Some(&json!({"id": "a1", "name": "Acme"}))
    );
    assert_eq!(bob.peer.docs[&account].tree, alice.peer.docs[&account].tree);
}

#[test]
fn settings_never_reach_the_server_and_are_never_taken_from_it() {
    let mut server = Peer::default();
    let (mut alice, mut bob) = (Browser::new("alice"), Browser::new("bob"));
    let secret = DocId::new("settings", "llm_connections");
    alice.peer.save(
        &secret,
        json!({"id": "llm_connections", "api_key": "sk-secret"}),
    );
    alice.peer.save(
        &DocId::new("themes", "t1"),
        json!({"id": "t1", "name": "Speed"}),
    );
    alice.sync(&mut server);
    assert!(!server.docs.contains_key(&secret));
    let on_server: Vec<String> = server.docs.keys().map(DocId::to_string).collect();
    assert_eq!(on_server, ["themes:t1"]);
    assert!(server
        .docs
        .values()
        .filter_map(Replica::winner_body)
        .all(|body| !body.to_string().contains("sk-secret")));

    // Someone writes a settings document into the team database directly.
    server.save(
        &secret,
        json!({"id": "llm_connections", "api_key": "sk-evil"}),
    );
    bob.sync(&mut server);
    assert!(!bob.peer.docs.contains_key(&secret));
}

#[test]
fn concurrent_offline_edits_conflict_are_resolved_and_lose_no_event() {
    let mut server = Peer::default();
    let (mut alice, mut bob) = (Browser::new("alice"), Browser::new("bob"));
    let id = escalation_id();
    alice.peer.save(&id, value(&escalation()));
    alice.sync(&mut server);
    bob.sync(&mut server);

    // Both edit while offline.
    let mut a = escalation();
    a.log_event(EventKind::FirstResponseSent, at(9), "called");
    alice.peer.save(&id, value(&a));
    let mut b = escalation();
    b.summary = "Outage in EU".into();
    b.log_event(EventKind::FixShipped, at(11), "hotfix");
    bob.peer.save(&id, value(&b));

    alice.sync(&mut server);
    bob.sync(&mut server);
    alice.sync(&mut server);

    // Every replica sees the same winner and the same conflict.
    let winner = alice.peer.body(&id).cloned();
    assert_eq!(bob.peer.body(&id).cloned(), winner);
    assert_eq!(server.body(&id).cloned(), winner);
    assert_eq!(alice.peer.docs[&id].conflict_bodies().len(), 1);
    assert_eq!(bob.peer.docs[&id].conflict_bodies().len(), 1);

    // Alice keeps Bob's summary; the event logs merge.
    let replica = &alice.peer.docs[&id];
    let versions: Vec<Value> = std::iter::once(replica.winner_body().expect("winner").clone())
        .chain(
            replica
                .conflict_bodies()
                .into_iter()
                .map(|(_, v)| v.clone()),
        )
        .collect();
    let chosen = versions
        .iter()
        .find(|v| v["summary"] == "Outage in EU")
        .expect("bob's version");
    let others: Vec<Value> = versions.iter().filter(|v| *v != chosen).cloned().collect();
    let merged = merge_record("escalations", chosen, &others).expect("merges");
    alice
        .peer
        .docs
        .get_mut(&id)
        .expect("replica")
        .resolve(merged.clone());
    alice.peer.touch(&id);

    alice.sync(&mut server);
    bob.sync(&mut server);
    for replica in [
        &alice.peer.docs[&id],
        &bob.peer.docs[&id],
        &server.docs[&id],
    ] {
        assert!(replica.conflict_bodies().is_empty());
        assert_eq!(replica.winner_body(), Some(&merged));
    }
    let result: Escalation = serde_json::from_value(merged).expect("an escalation");
    assert_eq!(result.summary, "Outage in EU");
    assert_eq!(result.first_response_at(), Some(at(9)));
    assert!(result
        .events
        .iter()
        .any(|e| e.kind == EventKind::FixShipped));
    assert_eq!(alice.peer.docs[&id].tree.deleted_conflicts().len(), 1);
}

#[test]
fn checkpoints_make_the_next_run_fetch_only_what_changed() {
    let mut server = Peer::default();
    let (mut alice, mut bob) = (Browser::new("alice"), Browser::new("bob"));
    for n in 0..5 {
        let id = DocId::new("themes", &format!("t{n}"));
        alice
            .peer
            .save(&id, json!({"id": format!("t{n}"), "name": "x"}));
    }
    assert_eq!(alice.push(&mut server), Ok(5));
    assert_eq!(alice.push(&mut server), Ok(0), "nothing new to send");
    assert_eq!(bob.pull(&mut server), Ok(5));
    assert_eq!(bob.pull(&mut server), Ok(0), "resumes from the checkpoint");
    alice.peer.save(
        &DocId::new("themes", "t1"),
        json!({"id": "t1", "name": "y"}),
    );
    alice.push(&mut server).expect("push");
    assert_eq!(bob.pull(&mut server), Ok(1));
    let rid = bob.replication_id(Direction::Pull);
    assert_eq!(
        server.locals[&rid], bob.peer.locals[&rid],
        "the same log on both sides"
    );
}

#[test]
fn a_server_gone_mid_sync_loses_nothing_and_the_next_run_catches_up() {
    let mut server = Peer::default();
    let (mut alice, mut bob) = (Browser::new("alice"), Browser::new("bob"));
    let id = DocId::new("accounts", "a1");
    alice.peer.save(&id, json!({"id": "a1", "name": "Acme"}));
    server.down = true;
    assert_eq!(alice.push(&mut server), Err(0));
    assert_eq!(Fault::from_status(None), Some(Fault::Unreachable));
    assert!(alice.peer.body(&id).is_some(), "the local record stays");
    server.down = false;
    assert_eq!(
        alice.push(&mut server),
        Ok(1),
        "the edit made offline goes out"
    );
    bob.sync(&mut server);
    assert_eq!(bob.peer.body(&id), alice.peer.body(&id));
}

#[test]
fn a_batch_refused_as_too_large_is_split_until_it_goes_through() {
    let mut server = Peer {
        max_batch: Some(2),
        ..Peer::default()
    };
    let mut alice = Browser::new("alice");
    for n in 0..7 {
        let id = DocId::new("accounts", &format!("a{n}"));
        alice.peer.save(&id, json!({"id": format!("a{n}")}));
    }
    assert_eq!(alice.push(&mut server), Ok(7));
    assert_eq!(server.docs.len(), 7);
}

#[test]
fn a_single_document_too_large_for_the_server_is_an_error_not_a_loop() {
    let mut server = Peer {
        max_batch: Some(0),
        ..Peer::default()
    };
    let mut alice = Browser::new("alice");
    alice
        .peer
        .save(&DocId::new("accounts", "big"), json!({"id": "big"}));
    assert_eq!(alice.push(&mut server), Err(413));
    let rid = alice.replication_id(Direction::Push);
    assert!(
        !alice.peer.locals.contains_key(&rid),
        "no checkpoint past it"
    );
}
