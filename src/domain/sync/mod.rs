//! Team sync over the CouchDB replication protocol, as pure logic: revision ids and trees,
//! the winning-revision rule, the replication planner and checkpoints, the mapping between
//! records and CouchDB documents, which stores replicate, a record kept as a full replica
//! (its tree and the bodies of its live leaves), and the merge of conflicting versions.
//! The browser transport and IndexedDB wiring build on this; nothing here does I/O.

pub mod checkpoint;
pub mod diff;
pub mod document;
pub mod fault;
pub mod hash;
pub mod merge;
pub mod planner;
pub mod replica;
pub mod rev;
pub mod scope;
pub mod tree;

/// Why server-controlled data could not be read. Each variant names what was wrong, so the
/// transport can map it to a message and a log line; nothing here panics on server data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// A revision id that is not `N-hash` with N a positive integer.
    BadRev(String),
    /// A `_revisions` object whose `start` and `ids` do not describe a path.
    BadRevisions,
    /// A value that should be a JSON object (a document, a response) is not one.
    NotAnObject(&'static str),
    /// A required field is absent or has the wrong JSON type.
    MissingField(&'static str),
    /// A document id that is not `<store>:<record id>`.
    BadDocId(String),
    /// A document of a store that never replicates (settings, keys, AI connections).
    NotReplicated(String),
    /// A document whose `type` field disagrees with the store in its id.
    TypeMismatch { id: String, kind: String },
    /// A `_local` checkpoint document without the replication log's fields.
    BadCheckpoint,
    /// A stored record of the named store that does not read as that store's record.
    BadRecord(String),
}
