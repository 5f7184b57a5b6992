//! One record as a full replica keeps it: the revision tree plus the body of every live
//! leaf, so conflicting versions are never dropped. Local edits and deletions extend the
//! winner; received documents merge in; resolving writes the merge and deletes the losers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::document::{DocId, Document};
use super::hash::revision_hash;
use super::rev::Rev;
use super::tree::RevTree;

/// A record's revisions and the bodies of its live leaves.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    pub tree: RevTree,
    #[serde(default)]
    bodies: BTreeMap<Rev, Value>,
}

impl Replica {
    /// A replica of a record that exists only here so far (its first revision).
    pub fn created(body: Value) -> Self {
        let mut replica = Self::default();
        replica.edit(body);
        replica
    }

    /// Saves a local edit as a child of the winner (a new document, or a recreated one when
    /// the winner is a deletion); returns the new revision.
    pub fn edit(&mut self, body: Value) -> Option<Rev> {
        let parent = self.tree.winner().map(|w| w.rev);
        let hash = revision_hash(parent.as_ref(), false, &body);
        let rev = self.tree.edit(parent.as_ref(), &hash, false)?;
        if let Some(parent) = parent {
            self.bodies.remove(&parent);
        }
        self.bodies.insert(rev.clone(), body);
        Some(rev)
    }

    /// Deletes the record locally (a deletion revision on the winner); `None` when there is
    /// no live winner.
    pub fn delete(&mut self) -> Option<Rev> {
        let winner = self.tree.winner().filter(|w| !w.deleted)?;
        self.delete_leaf(&winner.rev)
    }

    fn delete_leaf(&mut self, leaf: &Rev) -> Option<Rev> {
        let hash = revision_hash(Some(leaf), true, &Value::Null);
        let rev = self.tree.edit(Some(leaf), &hash, true)?;
        self.bodies.remove(leaf);
        Some(rev)
    }

    /// Merges a document received from the team's database; returns the revisions that
    /// were new. Its body is kept while it is a live leaf.
    pub fn receive(&mut self, doc: &Document) -> Vec<Rev> {
        let added = self.tree.merge_path(&doc.path, doc.deleted);
        if let Some(body) = &doc.record {
            self.bodies
                .entry(doc.rev.clone())
                .or_insert_with(|| body.clone());
        }
        self.keep_leaf_bodies_only();
        added
    }

    fn keep_leaf_bodies_only(&mut self) {
        let live: Vec<Rev> = self
            .tree
            .leaves()
            .into_iter()
            .filter(|l| !l.deleted)
            .map(|l| l.rev)
            .collect();
        self.bodies.retain(|rev, _| live.contains(rev));
    }

    /// The body every replica shows: the winner's, unless the record is deleted.
    pub fn winner_body(&self) -> Option<&Value> {
        let winner = self.tree.winner().filter(|w| !w.deleted)?;
        self.bodies.get(&winner.rev)
    }

    /// The losing live versions, in the winner rule's order, for the Conflicts view.
    pub fn conflict_bodies(&self) -> Vec<(Rev, &Value)> {
        self.tree
            .conflicts()
            .into_iter()
            .filter_map(|rev| self.bodies.get(&rev).map(|body| (rev, body)))
            .collect()
    }

    /// Resolves a conflict: `merged` becomes a new revision on the winner and every other
    /// live leaf is deleted as a revision. Returns the new revisions (to push).
    pub fn resolve(&mut self, merged: Value) -> Vec<Rev> {
        let losers = self.tree.conflicts();
        let mut written: Vec<Rev> = losers.iter().filter_map(|l| self.delete_leaf(l)).collect();
        written.extend(self.edit(merged));
        written
    }

    /// The document of leaf `rev` to push, with up to `limit` entries of history; `None` for
    /// a revision that is not a leaf with a body here (or a deletion).
    pub fn document(&self, id: &DocId, rev: &Rev, limit: usize) -> Option<Document> {
        let leaf = self.tree.leaves().into_iter().find(|l| l.rev == *rev)?;
        if leaf.deleted {
            return Some(Document::deletion(id.clone(), &self.tree, rev, limit));
        }
        let body = self.bodies.get(rev)?;
        Document::local(&id.store, body.clone(), &self.tree, rev, limit).ok()
    }

    /// The leaves to announce in a push's `_revs_diff`.
    pub fn leaf_revs(&self) -> Vec<Rev> {
        self.tree.leaves().into_iter().map(|l| l.rev).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sync::scope::Scope;
    use serde_json::json;

    fn id() -> DocId {
        DocId::new("accounts", "a1")
    }

    /// What the other replica receives of `rev`: the document through its JSON.
    fn sent(from: &Replica, rev: &Rev) -> Document {
        let doc = from.document(&id(), rev, 1000).expect("a leaf");
        Document::from_json(&doc.to_json(), Scope::default()).expect("reads")
    }

    fn sync_all(from: &Replica, to: &mut Replica) {
        for rev in from.leaf_revs() {
            to.receive(&sent(from, &rev));
        }
    }

    #[test]
    fn local_edits_extend_the_winner_and_keep_one_body() {
        let mut r = Replica::created(json!({"id": "a1", "name": "Acme"}));
        let second = r
            .edit(json!({"id": "a1", "name": "Acme Corp"}))
            .expect("edit");
        assert_eq!(second.generation, 2);
        assert_eq!(
            r.winner_body(),
            Some(&json!({"id": "a1", "name": "Acme Corp"}))
        );
        assert_eq!(r.bodies.len(), 1, "only leaves keep bodies");
        assert_eq!(r.tree.len(), 2, "the history stays");
    }

    #[test]
    fn the_same_edit_on_two_replicas_gives_the_same_revision() {
        let a = Replica::created(json!({"id": "a1", "name": "Acme"}));
        let b = Replica::created(json!({"id": "a1", "name": "Acme"}));
        assert_eq!(a.leaf_revs(), b.leaf_revs());
    }

    #[test]
    fn concurrent_edits_conflict_the_same_way_on_both_replicas_and_nothing_is_lost() {
        let mut a = Replica::created(json!({"id": "a1", "name": "Acme"}));
        let mut b = Replica::default();
        sync_all(&a, &mut b);
        assert_eq!(b.winner_body(), a.winner_body());

        a.edit(json!({"id": "a1", "name": "Acme (EU)"}));
        b.edit(json!({"id": "a1", "name": "Acme GmbH"}));
        let (a_before, b_before) = (a.clone(), b.clone());
        sync_all(&b_before, &mut a);
        sync_all(&a_before, &mut b);

        assert_eq!(a.tree, b.tree, "the same tree on both sides");
        assert_eq!(a.winner_body(), b.winner_body(), "the same winner");
        assert_eq!(a.conflict_bodies().len(), 1);
        let shown: Vec<&Value> = std::iter::once(a.winner_body().expect("winner"))
            .chain(a.conflict_bodies().into_iter().map(|(_, body)| body))
            .collect();
        assert!(shown.contains(&&json!({"id": "a1", "name": "Acme (EU)"})));
        assert!(shown.contains(&&json!({"id": "a1", "name": "Acme GmbH"})));
    }

    #[test]
    fn resolving_deletes_the_losers_and_the_other_replica_follows() {
        let mut a = Replica::created(json!({"id": "a1", "name": "Acme"}));
        let mut b = a.clone();
        a.edit(json!({"id": "a1", "name": "Acme (EU)"}));
        b.edit(json!({"id": "a1", "name": "Acme GmbH"}));
        let b_before = b.clone();
        sync_all(&b_before, &mut a);

        let written = a.resolve(json!({"id": "a1", "name": "Acme GmbH (EU)"}));
        assert_eq!(written.len(), 2, "one deletion, one merge");
        assert!(a.conflict_bodies().is_empty());
        assert_eq!(a.tree.deleted_conflicts().len(), 1);

        for rev in &written {
            b.receive(&sent(&a, rev));
        }
        assert_eq!(
            b.winner_body(),
            Some(&json!({"id": "a1", "name": "Acme GmbH (EU)"}))
        );
        assert!(b.conflict_bodies().is_empty());
        assert_eq!(a.tree, b.tree);
    }

    #[test]
    fn a_deletion_travels_and_an_edit_recreates_the_record() {
        let mut a = Replica::created(json!({"id": "a1", "name": "Acme"}));
        let mut b = a.clone();
        let gone = a.delete().expect("deleted");
        assert_eq!(a.winner_body(), None);
        assert_eq!(a.delete(), None, "already deleted");
        b.receive(&sent(&a, &gone));
        assert!(b.tree.is_deleted());
        assert_eq!(b.winner_body(), None);

        let back = b
            .edit(json!({"id": "a1", "name": "Acme again"}))
            .expect("recreated");
        assert_eq!(back.generation, 3, "a child of the deletion");
        assert!(!b.tree.is_deleted());
    }

    #[test]
    fn receiving_the_same_document_twice_changes_nothing() {
        let a = Replica::created(json!({"id": "a1", "name": "Acme"}));
        let mut b = Replica::default();
        sync_all(&a, &mut b);
        let once = b.clone();
        sync_all(&a, &mut b);
        assert_eq!(b, once);
    }

    #[test]
    fn only_leaves_can_be_pushed() {
        let mut a = Replica::created(json!({"id": "a1", "name": "Acme"}));
        let first = a.leaf_revs()[0].clone();
        a.edit(json!({"id": "a1", "name": "Acme 2"}));
        assert_eq!(a.document(&id(), &first, 10), None);
    }

    #[test]
    fn the_replica_round_trips_through_json_for_storage() {
        let mut a = Replica::created(json!({"id": "a1", "name": "Acme"}));
        a.edit(json!({"id": "a1", "name": "Acme 2"}));
        let json = serde_json::to_value(&a).expect("json");
        let back: Replica = serde_json::from_value(json).expect("reads");
        assert_eq!(back, a);
    }
}
