//! A document's revision tree as CouchDB keeps it: every known revision with its parent,
//! leaves (with deleted ones), the deterministic winner, conflicts, merging a received
//! revision path, stemming to a revs limit, and the local side of `_revs_diff`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::rev::{Rev, Revisions};

/// One known revision: its parent (unknown once stemmed away) and whether it is a deletion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub parent: Option<Rev>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// A leaf of the tree: a revision no other revision descends from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub rev: Rev,
    pub deleted: bool,
}

impl Leaf {
    /// The key of CouchDB's winner rule: non-deleted before deleted, then the highest
    /// generation, then the highest hash in ASCII order. The largest key wins.
    fn rank(&self) -> (bool, &Rev) {
        (!self.deleted, &self.rev)
    }
}

/// The local answer to `_revs_diff` for one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevsDiffEntry {
    pub missing: Vec<Rev>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_ancestors: Vec<Rev>,
}

/// All known revisions of one document (a forest once stemmed or when two replicas created
/// the same id independently).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevTree {
    nodes: BTreeMap<Rev, Node>,
}

impl RevTree {
    /// A tree holding one path, given leaf first.
    pub fn from_path(path: &[Rev], leaf_deleted: bool) -> Self {
        let mut tree = Self::default();
        tree.merge_path(path, leaf_deleted);
        tree
    }

    /// Whether the revision is known.
    pub fn contains(&self, rev: &Rev) -> bool {
        self.nodes.contains_key(rev)
    }

    /// How many revisions are known.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether no revision is known.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Merges a received path (leaf first, as `_revisions` gives it), marking the leaf
    /// deleted when it is a deletion; returns the revisions that were new. Known revisions
    /// keep their state; a known root whose parent had been stemmed away gets it back.
    pub fn merge_path(&mut self, path: &[Rev], leaf_deleted: bool) -> Vec<Rev> {
        let mut added = Vec::new();
        for (at, rev) in path.iter().enumerate() {
            let parent = path.get(at + 1).cloned();
            match self.nodes.get_mut(rev) {
                Some(node) => {
                    if node.parent.is_none() {
                        node.parent = parent;
                    }
                }
                None => {
                    let deleted = at == 0 && leaf_deleted;
                    self.nodes.insert(rev.clone(), Node { parent, deleted });
                    added.push(rev.clone());
                }
            }
        }
        added
    }

    /// Records a local edit of the leaf `parent` (or a first revision with `None`) and
    /// returns the new revision; `None` when `parent` is not a leaf here, which CouchDB
    /// would refuse as a conflict.
    pub fn edit(&mut self, parent: Option<&Rev>, hash: &str, deleted: bool) -> Option<Rev> {
        let rev = match parent {
            Some(parent) if self.is_leaf(parent) => parent.child(hash),
            Some(_) => return None,
            None => Rev::first(hash),
        };
        if self.nodes.contains_key(&rev) {
            return None;
        }
        let node = Node {
            parent: parent.cloned(),
            deleted,
        };
        self.nodes.insert(rev.clone(), node);
        Some(rev)
    }

    fn parents(&self) -> BTreeSet<&Rev> {
        self.nodes
            .values()
            .filter_map(|n| n.parent.as_ref())
            .collect()
    }

    fn is_leaf(&self, rev: &Rev) -> bool {
        self.nodes.contains_key(rev) && !self.parents().contains(rev)
    }

    /// The leaves, winner first, then in the winner rule's order (as CouchDB sorts them).
    pub fn leaves(&self) -> Vec<Leaf> {
        let parents = self.parents();
        let mut leaves: Vec<Leaf> = self
            .nodes
            .iter()
            .filter(|(rev, _)| !parents.contains(rev))
            .map(|(rev, node)| Leaf {
                rev: rev.clone(),
                deleted: node.deleted,
            })
            .collect();
        leaves.sort_by(|a, b| b.rank().cmp(&a.rank()));
        leaves
    }

    /// The winning revision every replica agrees on, without talking to the others.
    pub fn winner(&self) -> Option<Leaf> {
        self.leaves().into_iter().next()
    }

    /// Whether the document reads as deleted (its winner is a deletion).
    pub fn is_deleted(&self) -> bool {
        self.winner().is_some_and(|w| w.deleted)
    }

    /// The live leaves that lost (`_conflicts`), in the winner rule's order.
    pub fn conflicts(&self) -> Vec<Rev> {
        self.losers(false)
    }

    /// The deleted leaves that lost (`_deleted_conflicts`), in the winner rule's order.
    pub fn deleted_conflicts(&self) -> Vec<Rev> {
        self.losers(true)
    }

    fn losers(&self, deleted: bool) -> Vec<Rev> {
        self.leaves()
            .into_iter()
            .skip(1)
            .filter(|l| l.deleted == deleted)
            .map(|l| l.rev)
            .collect()
    }

    /// The live leaves to delete so that only `keep` remains (a resolved conflict).
    pub fn leaves_to_delete(&self, keep: &Rev) -> Vec<Rev> {
        self.leaves()
            .into_iter()
            .filter(|l| !l.deleted && l.rev != *keep)
            .map(|l| l.rev)
            .collect()
    }

    /// The known path from `rev` back to its oldest known ancestor, `rev` first.
    pub fn path_to(&self, rev: &Rev) -> Vec<Rev> {
        let mut path = Vec::new();
        let mut at = self.nodes.get_key_value(rev);
        while let Some((rev, node)) = at {
            path.push(rev.clone());
            at = node
                .parent
                .as_ref()
                .and_then(|p| self.nodes.get_key_value(p));
        }
        path
    }

    /// `_revisions` for `rev`, at most `limit` entries long.
    pub fn revisions(&self, rev: &Rev, limit: usize) -> Option<Revisions> {
        let mut path = self.path_to(rev);
        path.truncate(limit.max(1));
        Revisions::from_path(&path)
    }

    /// Forgets revisions more than `limit` steps from every leaf, as CouchDB's `revs_limit`
    /// does; leaves and their recent history stay.
    pub fn stem(&mut self, limit: usize) {
        let keep: BTreeSet<Rev> = self
            .leaves()
            .iter()
            .flat_map(|leaf| {
                let mut path = self.path_to(&leaf.rev);
                path.truncate(limit.max(1));
                path
            })
            .collect();
        self.nodes.retain(|rev, _| keep.contains(rev));
        for node in self.nodes.values_mut() {
            if node.parent.as_ref().is_some_and(|p| !keep.contains(p)) {
                node.parent = None;
            }
        }
    }

    /// What this replica lacks of `revs`, and which of its leaves may be their ancestors
    /// (leaves of a lower generation than a missing revision), as `_revs_diff` answers.
    pub fn revs_diff(&self, revs: &[Rev]) -> RevsDiffEntry {
        let mut missing: Vec<Rev> = revs.iter().filter(|r| !self.contains(r)).cloned().collect();
        missing.sort();
        missing.dedup();
        let highest = missing.iter().map(|r| r.generation).max().unwrap_or(0);
        let possible_ancestors = self
            .leaves()
            .into_iter()
            .map(|l| l.rev)
            .filter(|r| r.generation < highest)
            .collect();
        RevsDiffEntry {
            missing,
            possible_ancestors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(text: &str) -> Rev {
        Rev::parse(text).expect("test revision")
    }

    fn revs(texts: &[&str]) -> Vec<Rev> {
        texts.iter().map(|t| rev(t)).collect()
    }

    fn linear(n: u64) -> RevTree {
        let path: Vec<Rev> = (1..=n).rev().map(|g| rev(&format!("{g}-h{g}"))).collect();
        RevTree::from_path(&path, false)
    }

    #[test]
    fn equal_length_branches_go_to_the_highest_rev_in_ascii_order() {
        // CouchDB: The Definitive Guide, "Conflict Management": two edits of the same first
        // revision; the longer history would win, and with equal lengths the higher `_rev`
        // in ASCII order, so 2-de0ea16f… beats 2-7c971bb9….
        let mut tree =
            RevTree::from_path(&revs(&["2-de0ea16f8621cbac506d23a0fbbde08a", "1-a"]), false);
        tree.merge_path(&revs(&["2-7c971bb974251ae8541b8fe045964219", "1-a"]), false);
        let winner = tree.winner().expect("a winner");
        assert_eq!(winner.rev, rev("2-de0ea16f8621cbac506d23a0fbbde08a"));
        assert_eq!(
            tree.conflicts(),
            revs(&["2-7c971bb974251ae8541b8fe045964219"])
        );
    }

    #[test]
    fn the_winner_is_the_same_whatever_order_the_revisions_arrive_in() {
        let a = revs(&["2-de0ea16f8621cbac506d23a0fbbde08a", "1-a"]);
        let b = revs(&["2-7c971bb974251ae8541b8fe045964219", "1-a"]);
        let mut one = RevTree::from_path(&a, false);
        one.merge_path(&b, false);
        let mut two = RevTree::from_path(&b, false);
        two.merge_path(&a, false);
        assert_eq!(one, two);
        assert_eq!(one.winner(), two.winner());
    }

    #[test]
    fn changes_all_docs_lists_every_leaf_and_main_only_the_winner() {
        // CouchDB user list, "_changes style=all_docs" (2013): a document given a second
        // first revision with new_edits=false; style=all_docs lists both leaves and
        // style=main_only the winner, 1-4c6114c6… ('4' > '0' in ASCII).
        let mut tree = RevTree::from_path(&revs(&["1-4c6114c65e295552ab1019e2b046b10e"]), false);
        tree.merge_path(&revs(&["1-078e832b49edb2a4b05b6d9ba627ff2f"]), false);
        let leaves: Vec<Rev> = tree.leaves().into_iter().map(|l| l.rev).collect();
        assert_eq!(
            leaves,
            revs(&[
                "1-4c6114c65e295552ab1019e2b046b10e",
                "1-078e832b49edb2a4b05b6d9ba627ff2f"
            ])
        );
        assert_eq!(tree.winner().map(|w| w.rev), Some(leaves[0].clone()));
    }

    #[test]
    fn the_longest_branch_wins_and_deleting_the_others_resolves_the_conflict() {
        // CouchDB wiki, "Replication and conflicts", revision tree: r1 with branches
        // r2a→r3a→r4a, r2b→r3b and r2c→r3c. The conflicting leaves are (r4a, r3b, r3c); the
        // merge writes r5a and deletes r3b and r3c as r4b and r4c, which stay as deleted
        // leaves.
        let mut tree = RevTree::from_path(&revs(&["4-a", "3-a", "2-a", "1-r"]), false);
        tree.merge_path(&revs(&["3-b", "2-b", "1-r"]), false);
        tree.merge_path(&revs(&["3-c", "2-c", "1-r"]), false);
        assert_eq!(tree.winner().map(|w| w.rev), Some(rev("4-a")));
        assert_eq!(tree.conflicts(), revs(&["3-c", "3-b"]));

        let keep = rev("4-a");
        for loser in tree.leaves_to_delete(&keep) {
            let hash = format!("del{}", loser.hash);
            assert!(tree.edit(Some(&loser), &hash, true).is_some());
        }
        assert!(tree.edit(Some(&keep), "a", false).is_some());
        assert_eq!(tree.winner().map(|w| w.rev), Some(rev("5-a")));
        assert!(tree.conflicts().is_empty());
        assert_eq!(tree.deleted_conflicts(), revs(&["4-delc", "4-delb"]));
        assert_eq!(tree.len(), 11, "nothing is dropped");
    }

    #[test]
    fn live_leaves_beat_deleted_ones_and_losers_are_listed_by_kind() {
        // COUCHDB-462 (built-in `_conflicts` view), document "bar": winner 5-dd31186f…,
        // conflict 5-a0efbb19…, deleted conflicts 3-bdc15320… and 2-cce334ee… in that order.
        let mut tree = RevTree::from_path(
            &revs(&[
                "5-dd31186f5aa11ebd47eb664fb342f1b1",
                "4-x",
                "3-x",
                "2-x",
                "1-r",
            ]),
            false,
        );
        tree.merge_path(
            &revs(&[
                "5-a0efbb1990c961a078dc5308d03b7044",
                "4-y",
                "3-y",
                "2-y",
                "1-r",
            ]),
            false,
        );
        tree.merge_path(
            &revs(&["3-bdc15320c0850d4ee90ff43d1d298d5d", "2-z", "1-r"]),
            true,
        );
        tree.merge_path(&revs(&["2-cce334eeeb02d04870e37dac6d33198a", "1-r"]), true);
        assert_eq!(
            tree.winner().map(|w| w.rev),
            Some(rev("5-dd31186f5aa11ebd47eb664fb342f1b1"))
        );
        assert_eq!(
            tree.conflicts(),
            revs(&["5-a0efbb1990c961a078dc5308d03b7044"])
        );
        assert_eq!(
            tree.deleted_conflicts(),
            revs(&[
                "3-bdc15320c0850d4ee90ff43d1d298d5d",
                "2-cce334eeeb02d04870e37dac6d33198a"
            ])
        );
        assert!(!tree.is_deleted());
    }

    #[test]
    fn a_shorter_live_branch_beats_a_longer_deleted_one() {
        // The winner rule as CouchDB's couch_doc:to_doc_info_path sorts paths: longest first
        // "as long as it is not deleted" (J. Harris's annotated walk through the source).
        let mut tree =
            RevTree::from_path(&revs(&["6-gone", "5-a", "4-a", "3-a", "2-a", "1-r"]), true);
        tree.merge_path(&revs(&["2-b", "1-r"]), false);
        assert_eq!(tree.winner().map(|w| w.rev), Some(rev("2-b")));
        assert!(!tree.is_deleted());
        assert_eq!(tree.deleted_conflicts(), revs(&["6-gone"]));
    }

    #[test]
    fn when_every_leaf_is_deleted_the_document_reads_as_deleted() {
        // COUCHDB-462, document "baz": winner 2-eec205a9… deleted, with deleted conflict
        // 2-10009b36….
        let mut tree =
            RevTree::from_path(&revs(&["2-eec205a9d413992850a6e32678485900", "1-r"]), true);
        tree.merge_path(&revs(&["2-10009b36e28478b213e04e71c1e08beb", "1-r"]), true);
        assert!(tree.is_deleted());
        assert_eq!(
            tree.winner().map(|w| w.rev),
            Some(rev("2-eec205a9d413992850a6e32678485900"))
        );
        assert_eq!(
            tree.deleted_conflicts(),
            revs(&["2-10009b36e28478b213e04e71c1e08beb"])
        );
        assert!(tree.conflicts().is_empty());
    }

    #[test]
    fn generation_ten_beats_generation_nine() {
        let mut tree = linear(10);
        tree.merge_path(&revs(&["9-zzz", "8-h8"]), false);
        assert_eq!(tree.winner().map(|w| w.rev), Some(rev("10-h10")));
    }

    #[test]
    fn merging_reports_only_new_revisions() {
        let mut tree = linear(3);
        assert!(tree
            .merge_path(&revs(&["3-h3", "2-h2", "1-h1"]), false)
            .is_empty());
        let added = tree.merge_path(&revs(&["4-n", "3-h3", "2-h2"]), false);
        assert_eq!(added, revs(&["4-n"]));
        assert_eq!(tree.winner().map(|w| w.rev), Some(rev("4-n")));
        assert!(tree.conflicts().is_empty());
    }

    #[test]
    fn a_received_deletion_becomes_a_deleted_leaf() {
        let mut tree = linear(2);
        tree.merge_path(&revs(&["3-d", "2-h2"]), true);
        assert!(tree.is_deleted());
        assert_eq!(tree.path_to(&rev("3-d")), revs(&["3-d", "2-h2", "1-h1"]));
    }

    #[test]
    fn an_unrelated_path_becomes_a_second_root_in_conflict() {
        let mut tree = linear(2);
        tree.merge_path(&revs(&["2-other", "1-other"]), false);
        assert_eq!(tree.leaves().len(), 2);
        assert_eq!(tree.conflicts().len(), 1);
    }

    #[test]
    fn edits_extend_leaves_only() {
        let mut tree = linear(2);
        assert_eq!(
            tree.edit(Some(&rev("1-h1")), "x", false),
            None,
            "1-h1 is not a leaf"
        );
        assert_eq!(tree.edit(Some(&rev("9-nope")), "x", false), None);
        assert_eq!(tree.edit(Some(&rev("2-h2")), "x", false), Some(rev("3-x")));
        let mut fresh = RevTree::default();
        assert_eq!(fresh.edit(None, "a", false), Some(rev("1-a")));
        assert_eq!(fresh.edit(None, "a", false), None, "already known");
    }

    #[test]
    fn stemming_keeps_the_recent_history_of_every_leaf() {
        let mut tree = linear(10);
        tree.merge_path(&revs(&["2-b", "1-h1"]), false);
        tree.stem(3);
        let mut kept: Vec<Rev> = tree.nodes.keys().cloned().collect();
        kept.sort();
        assert_eq!(kept, revs(&["1-h1", "2-b", "8-h8", "9-h9", "10-h10"]));
        assert_eq!(
            tree.path_to(&rev("10-h10")),
            revs(&["10-h10", "9-h9", "8-h8"])
        );
        let revisions = tree.revisions(&rev("10-h10"), 1000).expect("consecutive");
        assert_eq!(revisions.start, 10);
        assert_eq!(revisions.ids, vec!["h10", "h9", "h8"]);
        assert_eq!(
            tree.winner().map(|w| w.rev),
            Some(rev("10-h10")),
            "same winner"
        );
    }

    #[test]
    fn a_longer_received_path_reattaches_a_stemmed_root() {
        let mut tree = linear(10);
        tree.stem(3);
        let added = tree.merge_path(&revs(&["11-n", "10-h10", "9-h9", "8-h8", "7-h7"]), false);
        assert_eq!(added, revs(&["11-n", "7-h7"]));
        assert_eq!(tree.path_to(&rev("11-n")).len(), 5);
        assert_eq!(tree.leaves().len(), 1);
    }

    #[test]
    fn revisions_are_capped_at_the_limit() {
        let tree = linear(5);
        let revisions = tree.revisions(&rev("5-h5"), 2).expect("path");
        assert_eq!(revisions.start, 5);
        assert_eq!(revisions.ids, vec!["h5", "h4"]);
        assert_eq!(tree.revisions(&rev("9-none"), 2), None);
    }

    #[test]
    fn revs_diff_names_missing_revisions_and_possible_ancestors() {
        // A documented `_revs_diff` session (N. Vannier's "Playing with CouchDB revisions"):
        // a document at 4-753875d5… knows its own history (the answer is empty) and lacks
        // 4-ccc and 5-ddd, for which its leaf is a possible ancestor.
        let path = revs(&[
            "4-753875d51501a6b1883a9d62b4d33f91",
            "3-efc54218773c6acd910e2e97fea2a608",
            "2-2ee767305024673cfb3f5af037cd2729",
            "1-4a7e4ae49c4366eaed8edeaea8f784ad",
        ]);
        let tree = RevTree::from_path(&path, false);
        assert_eq!(tree.revs_diff(&path[2..]), RevsDiffEntry::default());
        let asked = revs(&[
            "1-4a7e4ae49c4366eaed8edeaea8f784ad",
            "3-efc54218773c6acd910e2e97fea2a608",
            "4-ccc",
            "5-ddd",
        ]);
        let diff = tree.revs_diff(&asked);
        assert_eq!(diff.missing, revs(&["4-ccc", "5-ddd"]));
        assert_eq!(
            diff.possible_ancestors,
            revs(&["4-753875d51501a6b1883a9d62b4d33f91"])
        );
    }

    #[test]
    fn the_tree_round_trips_through_json_for_storage() {
        let mut tree = linear(3);
        tree.merge_path(&revs(&["3-d", "2-h2"]), true);
        let json = serde_json::to_value(&tree).expect("writes");
        assert_eq!(json["nodes"]["3-d"]["deleted"], true);
        assert_eq!(json["nodes"]["1-h1"]["parent"], serde_json::Value::Null);
        let back: RevTree = serde_json::from_value(json).expect("reads");
        assert_eq!(back, tree);
        let bad = serde_json::json!({"nodes": {"x": {"parent": null}}});
        assert!(serde_json::from_value::<RevTree>(bad).is_err());
    }
}
