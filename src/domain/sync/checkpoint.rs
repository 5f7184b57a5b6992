//! Checkpoints: the replication id (from stable inputs, never from credentials), the
//! `_local/<replication id>` log kept on both sides with its session history, and where a
//! replication resumes when it compares the two logs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::hash::fnv128_hex;
use super::scope::Scope;
use super::SyncError;

/// How many past sessions a log keeps (CouchDB keeps 50).
pub const HISTORY_LIMIT: usize = 50;
/// The version of the replication id scheme, stored in the log.
pub const REPLICATION_ID_VERSION: u32 = 3;

/// Which way a replication runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// From the team's database into this browser.
    Pull,
    /// From this browser to the team's database.
    Push,
}

impl Direction {
    fn code(self) -> &'static str {
        match self {
            Self::Pull => "pull",
            Self::Push => "push",
        }
    }
}

/// What identifies one replication: this browser's replica, the database and what flows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint<'a> {
    /// The id this browser's replica was given once (stored locally, never shared as data).
    pub replica_id: &'a str,
    pub server_url: &'a str,
    pub database: &'a str,
}

/// The replication id: a hash of the replica id, the server URL (without credentials, a
/// trailing slash or case in the scheme and host), the database, the direction and the
/// stores that flow. The same setup always gives the same id; a password change does not.
pub fn replication_id(endpoint: &Endpoint, direction: Direction, scope: Scope) -> String {
    let url = normalized_url(endpoint.server_url);
    let stores = scope.stores().join(",");
    fnv128_hex(&[
        "casebook-replication",
        endpoint.replica_id,
        &url,
        endpoint.database,
        direction.code(),
        &stores,
    ])
}

/// `https://user:pw@Host.example/couch/` → `https://host.example/couch`.
pub fn normalized_url(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!(
        "{}://{}{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase(),
        path
    )
}

/// The id of the checkpoint document on both sides.
pub fn checkpoint_doc_id(replication_id: &str) -> String {
    format!("_local/{replication_id}")
}

/// What one session did, as the replication protocol's history entries record it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    #[serde(default)]
    pub missing_checked: u64,
    #[serde(default)]
    pub missing_found: u64,
    #[serde(default)]
    pub docs_read: u64,
    #[serde(default)]
    pub docs_written: u64,
    #[serde(default)]
    pub doc_write_failures: u64,
}

/// One past session in a log's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub session_id: String,
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub end_time: String,
    #[serde(default)]
    pub start_last_seq: Value,
    #[serde(default)]
    pub end_last_seq: Value,
    pub recorded_seq: Value,
    #[serde(flatten)]
    pub stats: Stats,
}

/// The replication log stored as `_local/<replication id>` on the source and the target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplicationLog {
    #[serde(rename = "_id")]
    pub id: String,
    /// The local document's revision (`0-N`), needed to update it.
    #[serde(rename = "_rev", default, skip_serializing_if = "Option::is_none")]
    pub rev: Option<String>,
    pub session_id: String,
    pub source_last_seq: Value,
    #[serde(default)]
    pub replication_id_version: u32,
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

impl ReplicationLog {
    /// Reads a log the server stored (or this replica, through the same JSON).
    pub fn from_json(value: &Value) -> Result<Self, SyncError> {
        serde_json::from_value(value.clone()).map_err(|_| SyncError::BadCheckpoint)
    }
}

/// The session that is running: its id (from the caller, as the domain has no randomness),
/// when it began and from which sequence.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub id: String,
    pub started: DateTime<Utc>,
    pub start_seq: Value,
}

/// The log after a checkpoint at `recorded_seq`: this session first in the history, the
/// history capped at [`HISTORY_LIMIT`], the document's `_rev` kept for the update.
pub fn record_checkpoint(
    previous: Option<&ReplicationLog>,
    replication_id: &str,
    session: &Session,
    now: DateTime<Utc>,
    recorded_seq: &Value,
    stats: Stats,
) -> ReplicationLog {
    let entry = HistoryEntry {
        session_id: session.id.clone(),
        start_time: http_date(session.started),
        end_time: http_date(now),
        start_last_seq: session.start_seq.clone(),
        end_last_seq: recorded_seq.clone(),
        recorded_seq: recorded_seq.clone(),
        stats,
    };
    let earlier = previous
        .into_iter()
        .flat_map(|log| log.history.iter())
        .filter(|e| e.session_id != session.id)
        .cloned();
    let history = std::iter::once(entry)
        .chain(earlier)
        .take(HISTORY_LIMIT)
        .collect();
    ReplicationLog {
        id: checkpoint_doc_id(replication_id),
        rev: previous.and_then(|log| log.rev.clone()),
        session_id: session.id.clone(),
        source_last_seq: recorded_seq.clone(),
        replication_id_version: REPLICATION_ID_VERSION,
        history,
    }
}

/// Dates in the history as CouchDB writes them (RFC 1123).
fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Where to resume, comparing the source's and the target's logs as the replication
/// protocol says: the same last session → its sequence; else the newest session both
/// histories share → its recorded sequence; else from the start (`0`).
pub fn start_seq(source: Option<&ReplicationLog>, target: Option<&ReplicationLog>) -> Value {
    let (Some(source), Some(target)) = (source, target) else {
        return Value::from(0);
    };
    if source.session_id == target.session_id {
        return source.source_last_seq.clone();
    }
    source
        .history
        .iter()
        .find(|entry| {
            target
                .history
                .iter()
                .any(|t| t.session_id == entry.session_id)
        })
        .map_or_else(|| Value::from(0), |entry| entry.recorded_seq.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, hour, 0, 0)
            .single()
            .expect("date")
    }

    fn endpoint(url: &str) -> Endpoint<'_> {
        Endpoint {
            replica_id: "replica-1",
            server_url: url,
            database: "team",
        }
    }

    fn session(id: &str, seq: Value) -> Session {
        Session {
            id: id.into(),
            started: at(9),
            start_seq: seq,
        }
    }

    #[test]
    fn the_replication_id_is_stable_and_ignores_credentials() {
        let scope = Scope::default();
        let plain = replication_id(
            &endpoint("https://couch.example.com/db/"),
            Direction::Pull,
            scope,
        );
        assert_eq!(plain.len(), 32);
        assert_eq!(
            plain,
            replication_id(
                &endpoint("https://alice:secret@Couch.Example.com/db"),
                Direction::Pull,
                scope
            )
        );
        assert_ne!(
            plain,
            replication_id(
                &endpoint("https://couch.example.com/db"),
                Direction::Push,
                scope
            )
        );
        assert_ne!(
            plain,
            replication_id(
                &endpoint("https://couch.example.com/db"),
                Direction::Pull,
                Scope { share_drafts: true }
            )
        );
        assert_ne!(
            plain,
            replication_id(
                &endpoint("https://other.example.com/db"),
                Direction::Pull,
                scope
            )
        );
        let other_replica = Endpoint {
            replica_id: "replica-2",
            ..endpoint("https://couch.example.com/db")
        };
        assert_ne!(
            plain,
            replication_id(&other_replica, Direction::Pull, scope)
        );
    }

    #[test]
    fn urls_lose_credentials_trailing_slashes_and_host_case() {
        assert_eq!(
            normalized_url("HTTPS://u:p@Host:5984/Path/"),
            "https://host:5984/Path"
        );
        assert_eq!(
            normalized_url(" http://127.0.0.1:5985 "),
            "http://127.0.0.1:5985"
        );
        assert_eq!(normalized_url("host"), "://host");
    }

    #[test]
    fn a_checkpoint_records_the_session_first_and_caps_the_history() {
        let first = record_checkpoint(
            None,
            "rid",
            &session("s1", json!(0)),
            at(10),
            &json!(7),
            Stats {
                docs_read: 3,
                docs_written: 3,
                ..Stats::default()
            },
        );
        assert_eq!(first.id, "_local/rid");
        assert_eq!(first.source_last_seq, json!(7));
        assert_eq!(first.history.len(), 1);
        let json = serde_json::to_value(&first).expect("json");
        assert_eq!(
            json["history"][0]["start_time"],
            "Thu, 03 Dec 2026 09:00:00 GMT"
        );
        assert_eq!(
            json["history"][0]["end_time"],
            "Thu, 03 Dec 2026 10:00:00 GMT"
        );
        assert_eq!(json["history"][0]["docs_written"], 3);
        assert_eq!(json["history"][0]["recorded_seq"], 7);
        assert_eq!(json["replication_id_version"], 3);
        assert!(json.get("_rev").is_none());

        let mut stored = first.clone();
        stored.rev = Some("0-1".into());
        let second = record_checkpoint(
            Some(&stored),
            "rid",
            &session("s2", json!(7)),
            at(11),
            &json!(9),
            Stats::default(),
        );
        assert_eq!(second.rev.as_deref(), Some("0-1"));
        let ids: Vec<&str> = second
            .history
            .iter()
            .map(|e| e.session_id.as_str())
            .collect();
        assert_eq!(ids, ["s2", "s1"]);

        let again = record_checkpoint(
            Some(&second),
            "rid",
            &session("s2", json!(7)),
            at(12),
            &json!(12),
            Stats::default(),
        );
        assert_eq!(again.history.len(), 2, "a session checkpoints in place");
        assert_eq!(again.history[0].recorded_seq, json!(12));

        let mut log = again;
        for n in 0..60 {
            log = record_checkpoint(
                Some(&log),
                "rid",
                &session(&format!("x{n}"), json!(n)),
                at(13),
                &json!(n),
                Stats::default(),
            );
        }
        assert_eq!(log.history.len(), HISTORY_LIMIT);
        assert_eq!(log.history[0].session_id, "x59");
    }

    #[test]
    fn a_log_round_trips_and_bad_logs_are_typed_errors() {
        // The shape PouchDB Server returned for a `_local` document (`_rev` "0-1").
        let log = record_checkpoint(
            None,
            "rid",
            &session("s1", json!(0)),
            at(10),
            &json!("5-g1AA"),
            Stats::default(),
        );
        let mut json = serde_json::to_value(&log).expect("json");
        json["_rev"] = json!("0-1");
        let back = ReplicationLog::from_json(&json).expect("reads");
        assert_eq!(back.rev.as_deref(), Some("0-1"));
        assert_eq!(back.history, log.history);
        assert_eq!(
            ReplicationLog::from_json(&json!({"_id": "_local/x"})),
            Err(SyncError::BadCheckpoint)
        );
        assert_eq!(
            ReplicationLog::from_json(&json!("x")),
            Err(SyncError::BadCheckpoint)
        );
    }

    #[test]
    fn resuming_compares_the_two_logs() {
        // The replication protocol, "Compare Replication Logs": equal session ids → the
        // source's last seq; else the newest common session in the histories; else from 0.
        let s1 = record_checkpoint(
            None,
            "rid",
            &session("s1", json!(0)),
            at(10),
            &json!(5),
            Stats::default(),
        );
        let s2 = record_checkpoint(
            Some(&s1),
            "rid",
            &session("s2", json!(5)),
            at(11),
            &json!(8),
            Stats::default(),
        );
        assert_eq!(start_seq(Some(&s2), Some(&s2)), json!(8));
        // The target missed session s2's checkpoint (the server went away mid-write).
        assert_eq!(start_seq(Some(&s2), Some(&s1)), json!(5));
        let stranger = record_checkpoint(
            None,
            "rid",
            &session("z", json!(0)),
            at(10),
            &json!(99),
            Stats::default(),
        );
        assert_eq!(start_seq(Some(&s2), Some(&stranger)), json!(0));
        assert_eq!(start_seq(None, Some(&s2)), json!(0));
        assert_eq!(start_seq(Some(&s2), None), json!(0));
    }
}
