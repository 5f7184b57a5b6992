//! Revision ids (`N-hash`) and revision paths (`_revisions: {start, ids}`) as CouchDB writes
//! them, parsed into typed values and ordered the way CouchDB orders them.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::SyncError;

/// A revision id: the generation (how many edits from the root) and the hash of the edit.
/// Ordered by generation as a number, then by hash in ASCII order, as CouchDB compares
/// `{Pos, RevId}` pairs (so `10-a` is later than `9-z`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rev {
    pub generation: u64,
    pub hash: String,
}

impl Rev {
    /// Parses `N-hash`; N must be a positive integer and the hash non-empty.
    pub fn parse(text: &str) -> Result<Self, SyncError> {
        let bad = || SyncError::BadRev(text.to_string());
        let (generation, hash) = text.split_once('-').ok_or_else(bad)?;
        let generation: u64 = generation.parse().map_err(|_| bad())?;
        if generation == 0 || !is_valid_hash(hash) {
            return Err(bad());
        }
        Ok(Self {
            generation,
            hash: hash.to_string(),
        })
    }

    /// The revision that an edit of this one with `hash` creates.
    pub fn child(&self, hash: &str) -> Self {
        Self {
            generation: self.generation + 1,
            hash: hash.to_string(),
        }
    }

    /// The first revision of a new document.
    pub fn first(hash: &str) -> Self {
        Self {
            generation: 1,
            hash: hash.to_string(),
        }
    }
}

/// A hash is any non-empty text without whitespace (CouchDB writes 32 hex digits, other
/// replicas other forms).
fn is_valid_hash(hash: &str) -> bool {
    !hash.is_empty() && !hash.chars().any(char::is_whitespace)
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.generation, self.hash)
    }
}

impl Serialize for Rev {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(|_| serde::de::Error::custom("bad revision id"))
    }
}

/// A revision path as `_revisions` carries it: the leaf's generation and the hashes from the
/// leaf back towards the root (possibly stemmed, so not always down to generation 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    pub start: u64,
    pub ids: Vec<String>,
}

impl Revisions {
    /// The path, leaf first. Fails when it is empty, reaches below generation 1 or holds a
    /// bad hash.
    pub fn path(&self) -> Result<Vec<Rev>, SyncError> {
        let len = u64::try_from(self.ids.len()).map_err(|_| SyncError::BadRevisions)?;
        if len == 0 || len > self.start || !self.ids.iter().all(|h| is_valid_hash(h)) {
            return Err(SyncError::BadRevisions);
        }
        Ok((0..len)
            .zip(&self.ids)
            .map(|(back, hash)| Rev {
                generation: self.start - back,
                hash: hash.clone(),
            })
            .collect())
    }

    /// The `_revisions` of a path given leaf first; `None` when the generations are not
    /// consecutive.
    pub fn from_path(path: &[Rev]) -> Option<Self> {
        let start = path.first()?.generation;
        let consecutive = path
            .windows(2)
            .all(|w| w[1].generation + 1 == w[0].generation);
        consecutive.then(|| Self {
            start,
            ids: path.iter().map(|r| r.hash.clone()).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(text: &str) -> Rev {
        Rev::parse(text).expect("test revision")
    }

    #[test]
    fn parses_and_prints_a_couchdb_revision() {
        // The shape of every `_rev` in the CouchDB document API docs (`N-<32 hex>`).
        let r = rev("2-7051cbe5c8faecd085a3fa619e6e6337");
        assert_eq!(r.generation, 2);
        assert_eq!(r.hash, "7051cbe5c8faecd085a3fa619e6e6337");
        assert_eq!(r.to_string(), "2-7051cbe5c8faecd085a3fa619e6e6337");
    }

    #[test]
    fn rejects_malformed_revisions_with_a_typed_error() {
        for text in ["", "abc", "0-abc", "-abc", "x-abc", "3-", "3-a b", "-1-a"] {
            assert_eq!(
                Rev::parse(text),
                Err(SyncError::BadRev(text.to_string())),
                "{text:?}"
            );
        }
    }

    #[test]
    fn generations_compare_as_numbers_then_hashes_in_ascii_order() {
        // CouchDB compares {Pos, RevId}: the position is a number, so generation 10 is later
        // than 9 even though "10-" sorts before "9-" as text.
        assert!(rev("10-a") > rev("9-z"));
        assert!(
            rev("2-de0ea16f8621cbac506d23a0fbbde08a") > rev("2-7c971bb974251ae8541b8fe045964219")
        );
        assert!(rev("1-B") < rev("1-a"), "ASCII, not case-folded");
    }

    #[test]
    fn child_and_first_count_generations() {
        assert_eq!(Rev::first("a"), rev("1-a"));
        assert_eq!(rev("4-a").child("b"), rev("5-b"));
    }

    #[test]
    fn serde_uses_the_text_form() {
        let r: Rev = serde_json::from_value(serde_json::json!("3-abc")).expect("parses");
        assert_eq!(r, rev("3-abc"));
        assert_eq!(serde_json::to_value(&r).expect("writes"), "3-abc");
        assert!(serde_json::from_value::<Rev>(serde_json::json!("3")).is_err());
    }

    #[test]
    fn revisions_give_the_path_leaf_first() {
        // The `_revisions` example of the replication protocol (a leaf at generation 6 with
        // its ancestors' hashes, newest first), shortened to three entries.
        let revs = Revisions {
            start: 6,
            ids: vec!["c".into(), "b".into(), "a".into()],
        };
        let path = revs.path().expect("valid");
        assert_eq!(path, vec![rev("6-c"), rev("5-b"), rev("4-a")]);
        assert_eq!(Revisions::from_path(&path), Some(revs));
    }

    #[test]
    fn bad_revisions_are_typed_errors() {
        let too_long = Revisions {
            start: 1,
            ids: vec!["b".into(), "a".into()],
        };
        assert_eq!(too_long.path(), Err(SyncError::BadRevisions));
        let empty = Revisions {
            start: 3,
            ids: vec![],
        };
        assert_eq!(empty.path(), Err(SyncError::BadRevisions));
        let blank_hash = Revisions {
            start: 2,
            ids: vec!["".into()],
        };
        assert_eq!(blank_hash.path(), Err(SyncError::BadRevisions));
    }

    #[test]
    fn a_path_with_a_gap_has_no_revisions_form() {
        assert_eq!(Revisions::from_path(&[rev("5-b"), rev("3-a")]), None);
        assert_eq!(Revisions::from_path(&[]), None);
    }
}
