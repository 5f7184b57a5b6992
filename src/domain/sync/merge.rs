//! Merging conflicting versions where history must not be lost: an escalation's event log
//! and a feedback item's dated stage history become the union of every version's entries
//! (the same entry once, ordered by time), on top of the version the user kept.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::SyncError;
use crate::domain::escalation::{Escalation, EscalationEvent, EventKind};
use crate::domain::feedback::{FeedbackItem, StageChange};

/// Every entry of `lists` once (equal entries are the same event), ordered by `at`; entries
/// at the same instant keep the order they first appeared in.
fn union_by_time<T: Clone + PartialEq>(
    lists: impl IntoIterator<Item = impl IntoIterator<Item = T>>,
    at: impl Fn(&T) -> DateTime<Utc>,
) -> Vec<T> {
    let mut union: Vec<T> = Vec::new();
    for entry in lists.into_iter().flatten() {
        if !union.contains(&entry) {
            union.push(entry);
        }
    }
    union.sort_by_key(|entry| at(entry));
    union
}

/// The escalation the user kept (`chosen`), with the event log of every version merged and
/// the status the merged log ends on.
pub fn merge_escalation(chosen: &Escalation, others: &[Escalation]) -> Escalation {
    let logs = std::iter::once(chosen)
        .chain(others)
        .map(|e| e.events.iter().cloned());
    let events = union_by_time(logs, |e: &EscalationEvent| e.at);
    let status = events
        .iter()
        .rev()
        .find_map(|e| match e.kind {
            EventKind::StatusChanged { to, .. } => Some(to),
            _ => None,
        })
        .unwrap_or(chosen.status);
    let updated_at = others
        .iter()
        .map(|e| e.updated_at)
        .fold(chosen.updated_at, DateTime::max);
    Escalation {
        events,
        status,
        updated_at,
        ..chosen.clone()
    }
}

/// The feedback item the user kept, with the stage history of every version merged and the
/// stage it ends on.
pub fn merge_feedback(chosen: &FeedbackItem, others: &[FeedbackItem]) -> FeedbackItem {
    let histories = std::iter::once(chosen)
        .chain(others)
        .map(|f| f.stage_history.iter().cloned());
    let stage_history = union_by_time(histories, |c: &StageChange| c.at);
    let stage = stage_history.last().map_or(chosen.stage, |c| c.stage);
    let updated_at = others
        .iter()
        .map(|f| f.updated_at)
        .fold(chosen.updated_at, DateTime::max);
    FeedbackItem {
        stage_history,
        stage,
        updated_at,
        ..chosen.clone()
    }
}

/// The merge for a record of `store` as JSON: escalations and feedback items merge their
/// histories; other records are the chosen version as it is.
pub fn merge_record(store: &str, chosen: &Value, others: &[Value]) -> Result<Value, SyncError> {
    match store {
        "escalations" => merge_typed(store, chosen, others, merge_escalation),
        "feedback" => merge_typed(store, chosen, others, merge_feedback),
        _ => Ok(chosen.clone()),
    }
}

fn merge_typed<T: Serialize + DeserializeOwned>(
    store: &str,
    chosen: &Value,
    others: &[Value],
    merge: fn(&T, &[T]) -> T,
) -> Result<Value, SyncError> {
    let read = |v: &Value| {
        serde_json::from_value::<T>(v.clone()).map_err(|_| SyncError::BadRecord(store.into()))
    };
    let chosen = read(chosen)?;
    let others = others.iter().map(read).collect::<Result<Vec<_>, _>>()?;
    serde_json::to_value(merge(&chosen, &others)).map_err(|_| SyncError::BadRecord(store.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::escalation::EscalationStatus;
    use crate::domain::feedback::Stage;
    use chrono::TimeZone;
    use serde_json::json;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, hour, 0, 0)
            .single()
            .expect("date")
    }

    fn base() -> Escalation {
        let mut e = Escalation::new("e1".into(), at(8));
        e.summary = "Outage".into();
        e.log_event(EventKind::Received, at(8), "");
        e
    }

    #[test]
    fn two_offline_edits_keep_every_event_in_time_order() {
        // Support logged the first response at 9:00 offline; engineering shipped a fix at
        // 11:00 on the other replica. Both edited the same revision.
        let mut support = base();
        support.log_event(EventKind::FirstResponseSent, at(9), "called the CTO");
        let mut engineering = base();
        engineering.summary = "Outage in EU".into();
        engineering.log_event(EventKind::FixShipped, at(11), "hotfix 4.2.1");

        let merged = merge_escalation(&engineering, std::slice::from_ref(&support));
        let kinds: Vec<EventKind> = merged.events.iter().map(|e| e.kind).collect();
        let changed = |from, to| EventKind::StatusChanged { from, to };
        assert_eq!(
            kinds,
            [
                EventKind::Received,
                EventKind::FirstResponseSent,
                changed(EscalationStatus::New, EscalationStatus::Responding),
                EventKind::FixShipped,
                changed(EscalationStatus::New, EscalationStatus::Resolving),
            ]
        );
        assert_eq!(merged.summary, "Outage in EU", "the kept version's fields");
        assert_eq!(
            merged.status,
            EscalationStatus::Resolving,
            "the log's last status"
        );
        assert_eq!(merged.first_response_at(), Some(at(9)));
        assert_eq!(merged.updated_at, at(11));
    }

    #[test]
    fn the_merge_does_not_depend_on_which_version_is_kept_for_the_log() {
        let mut a = base();
        a.log_event(EventKind::CustomerUpdated, at(10), "status page");
        let mut b = base();
        b.log_event(EventKind::StakeholderEngaged, at(9), "VP eng");
        let ab = merge_escalation(&a, std::slice::from_ref(&b));
        let ba = merge_escalation(&b, std::slice::from_ref(&a));
        assert_eq!(ab.events, ba.events);
        assert_eq!(ab.events.len(), 3);
    }

    #[test]
    fn the_same_event_in_both_versions_appears_once() {
        let mut a = base();
        a.log_event(EventKind::CustomerUpdated, at(10), "status page");
        let b = a.clone();
        let merged = merge_escalation(&a, &[b.clone(), b]);
        assert_eq!(merged.events, a.events);
        assert_eq!(merged, a, "merging equal versions changes nothing");
    }

    #[test]
    fn events_differing_only_in_their_note_are_both_kept() {
        let mut a = base();
        a.log_event(EventKind::CustomerUpdated, at(10), "by e-mail");
        let mut b = base();
        b.log_event(EventKind::CustomerUpdated, at(10), "by phone");
        let merged = merge_escalation(&a, &[b]);
        let notes: Vec<&str> = merged.events.iter().map(|e| e.note.as_str()).collect();
        assert_eq!(notes, ["", "by e-mail", "by phone"]);
    }

    #[test]
    fn a_hand_set_status_on_the_kept_version_survives_without_status_events() {
        let mut a = Escalation::new("e1".into(), at(8));
        a.status = EscalationStatus::Resolving;
        let merged = merge_escalation(&a, &[Escalation::new("e1".into(), at(8))]);
        assert_eq!(merged.status, EscalationStatus::Resolving);
    }

    fn item() -> FeedbackItem {
        let mut f = FeedbackItem::new("f1".into(), at(8));
        f.move_to(Stage::Received, at(8));
        f
    }

    #[test]
    fn feedback_stage_histories_merge_as_a_dated_union() {
        let mut csm = item();
        csm.move_to(Stage::Acknowledged, at(9));
        let mut product = item();
        product.move_to(Stage::Routed, at(10));
        product.move_to(Stage::Planned, at(12));
        product.owner = "PM".into();
        product.updated_at = at(12);

        let merged = merge_feedback(&csm, &[product]);
        let stages: Vec<(Stage, DateTime<Utc>)> = merged
            .stage_history
            .iter()
            .map(|c| (c.stage, c.at))
            .collect();
        assert_eq!(
            stages,
            [
                (Stage::Received, at(8)),
                (Stage::Acknowledged, at(9)),
                (Stage::Routed, at(10)),
                (Stage::Planned, at(12)),
            ]
        );
        assert_eq!(
            merged.stage,
            Stage::Planned,
            "where the merged history ends"
        );
        assert_eq!(merged.owner, "", "other fields from the kept version");
        assert_eq!(merged.updated_at, at(12));
    }

    #[test]
    fn merge_record_dispatches_by_store_and_keeps_other_records_as_chosen() {
        let mut a = base();
        a.log_event(EventKind::CustomerUpdated, at(10), "x");
        let b = base();
        let chosen = serde_json::to_value(&b).expect("json");
        let other = serde_json::to_value(&a).expect("json");
        let merged =
            merge_record("escalations", &chosen, std::slice::from_ref(&other)).expect("merges");
        let merged: Escalation = serde_json::from_value(merged).expect("an escalation");
        assert_eq!(merged.events.len(), 2);

        let account = json!({"id": "a1", "name": "Acme"});
        let other_account = json!({"id": "a1", "name": "Acme Corp"});
        assert_eq!(
            merge_record("accounts", &account, &[other_account]),
            Ok(account)
        );
    }

    #[test]
    fn merge_record_refuses_records_that_are_not_of_their_store() {
        let bad = json!({"id": "e1"});
        let good = serde_json::to_value(base()).expect("json");
        assert_eq!(
            merge_record("escalations", &good, std::slice::from_ref(&bad)),
            Err(SyncError::BadRecord("escalations".into()))
        );
        assert_eq!(
            merge_record("feedback", &bad, &[]),
            Err(SyncError::BadRecord("feedback".into()))
        );
    }
}
