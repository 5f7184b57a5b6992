//! The board of open escalations (not resolved or reviewed) and the escalation lines of
//! Home's "needs attention now": effective severity, age, the 2-hour first-response clock,
//! the next customer-update checkpoint, renewal and ARR at risk. Pure: `now` and the user's
//! time zone are passed in; texts come from the translation table.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::domain::account::Account;
use crate::domain::escalation::plan::{format_local, timeline, Milestone, TimelineItem};
use crate::domain::escalation::rules::{EscalationType, Severity};
use crate::domain::escalation::schedule::first_response_due;
use crate::domain::escalation::{Escalation, EventKind};
use crate::domain::record::{age, AccountIndex};
use crate::domain::sorting;
use crate::domain::time::zone::LocalZone;
use crate::i18n::{Lang, Msg};

/// One open escalation on the board.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRow<'a> {
    pub escalation: &'a Escalation,
    pub account: Option<&'a Account>,
    pub kind: EscalationType,
    pub severity: Severity,
    /// Whether the CSM overrode the rules' classification.
    pub overridden: bool,
    /// Minutes since receipt.
    pub age_minutes: i64,
    pub first_response_due: DateTime<Utc>,
    pub responded_at: Option<DateTime<Utc>>,
    /// Not responded and past the 2-hour target.
    pub overdue: bool,
    /// The first customer-update checkpoint after now.
    pub next_checkpoint: Option<TimelineItem>,
    pub renewal: Option<NaiveDate>,
    /// The account's ARR (0 when unknown).
    pub arr_at_risk: u64,
}

impl<'a> BoardRow<'a> {
    /// The board's view of one escalation as of `now`, in the user's time zone.
    pub fn new(
        e: &'a Escalation,
        accounts: &'a AccountIndex,
        now: DateTime<Utc>,
        zone: &dyn LocalZone,
    ) -> Self {
        let account = accounts.get(&e.account_id);
        let eff = e.effective(account, zone.local_date(now));
        let due = first_response_due(e.received_at);
        let responded_at = e.first_response_at();
        BoardRow {
            escalation: e,
            account,
            kind: eff.kind,
            severity: eff.severity,
            overridden: eff.overridden.is_some(),
            age_minutes: (now - e.received_at).num_minutes().max(0),
            first_response_due: due,
            responded_at,
            overdue: responded_at.is_none() && now > due,
            next_checkpoint: timeline(e, &eff, zone)
                .into_iter()
                .find(|i| is_checkpoint(i) && i.at > now),
            renewal: account.and_then(|a| a.renewal_date),
            arr_at_risk: account.map_or(0, |a| a.arr),
        }
    }

    /// The first-response clock: "due in 45 min", "overdue by 3 h" or "answered in 47 min".
    pub fn clock(&self, now: DateTime<Utc>, lang: Lang) -> String {
        let (msg, time) = match self.responded_at {
            Some(at) => (
                Msg::EscClockAnswered,
                age(self.escalation.received_at, at, lang),
            ),
            None if self.overdue => (
                Msg::EscClockOverdue,
                age(self.first_response_due, now, lang),
            ),
            None => (Msg::EscClockDueIn, age(now, self.first_response_due, lang)),
        };
        msg.fill(lang, &[("time", &time)])
    }
}

fn is_checkpoint(item: &TimelineItem) -> bool {
    matches!(item.milestone, Milestone::Checkpoint(_))
}

/// Why an escalation needs attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttentionKind {
    /// Past the 2-hour first-response target with no response logged.
    FirstResponseOverdue,
    /// A customer-update checkpoint is due today (local date) and no update was logged today;
    /// once its time has passed, the line says it is overdue.
    CheckpointToday(usize),
}

/// A Home line about an escalation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attention {
    pub escalation_id: String,
    pub account_name: String,
    pub kind: AttentionKind,
    /// When it was or is due.
    pub due: DateTime<Utc>,
    /// `due` in local time.
    pub local: NaiveDateTime,
}

impl Attention {
    /// The line's text, e.g. "Acme: first response overdue by 3 h (due 2026-11-23 10:15)".
    pub fn text(&self, now: DateTime<Utc>, lang: Lang) -> String {
        let when = format_local(self.local);
        match self.kind {
            AttentionKind::FirstResponseOverdue => Msg::EscAttnFirstResponse.fill(
                lang,
                &[
                    ("account", &self.account_name),
                    ("late", &age(self.due, now, lang)),
                    ("due", &when),
                ],
            ),
            AttentionKind::CheckpointToday(n) => if self.due <= now {
                Msg::EscAttnCheckpointLate
            } else {
                Msg::EscAttnCheckpoint
            }
            .fill(
                lang,
                &[
                    ("account", &self.account_name),
                    ("n", &n.to_string()),
                    ("time", when.get(11..).unwrap_or(&when)),
                ],
            ),
        }
    }
}

/// Home's escalation lines: overdue first responses (longest overdue first), then today's
/// checkpoints by time.
pub fn attention(
    escalations: &[Escalation],
    accounts: &AccountIndex,
    now: DateTime<Utc>,
    zone: &dyn LocalZone,
) -> Vec<Attention> {
    let today = zone.local_date(now);
    let mut lines = Vec::new();
    for e in escalations.iter().filter(|e| e.is_open()) {
        let account = accounts.get(&e.account_id);
        let line = |kind, due: DateTime<Utc>| Attention {
            escalation_id: e.id.clone(),
            account_name: account.map(|a| a.name.clone()).unwrap_or_default(),
            kind,
            due,
            local: zone.local(due),
        };
        let due = first_response_due(e.received_at);
        if e.first_response_at().is_none() && now > due {
            lines.push(line(AttentionKind::FirstResponseOverdue, due));
        }
        let updated_today = e
            .events
            .iter()
            .any(|ev| ev.kind == EventKind::CustomerUpdated && zone.local_date(ev.at) == today);
        if updated_today {
            continue;
        }
        let eff = e.effective(account, today);
        for item in timeline(e, &eff, zone) {
            if let (Milestone::Checkpoint(n), true) = (item.milestone, item.local.date() == today) {
                lines.push(line(AttentionKind::CheckpointToday(n), item.at));
            }
        }
    }
    sort_attention(&mut lines);
    lines
}

/// Puts Home's escalation lines in their order: overdue first responses (longest overdue
/// first), then today's checkpoints by time. Lines found a slice of escalations at a time are
/// put together in this order.
pub fn sort_attention(lines: &mut [Attention]) {
    sorting::sort_by(lines, |a, b| {
        let rank = |l: &Attention| matches!(l.kind, AttentionKind::CheckpointToday(_));
        (rank(a), a.due, &a.escalation_id).cmp(&(rank(b), b.due, &b.escalation_id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::escalation::ClassificationOverride;
    use chrono::{FixedOffset, TimeZone};

    fn utc(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap()
    }

    fn zone(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap()
    }

    /// Monday 2026-11-23 12:00 UTC.
    fn now() -> DateTime<Utc> {
        utc(11, 23, 12, 0)
    }

    fn account(id: &str, name: &str, arr: u64, renewal: (i32, u32, u32)) -> Account {
        let mut a = Account::new(id.into(), now());
        a.name = name.into();
        a.arr = arr;
        a.renewal_date = NaiveDate::from_ymd_opt(renewal.0, renewal.1, renewal.2);
        a
    }

    fn accounts() -> AccountIndex {
        AccountIndex::new([
            account("a1", "Acme", 300_000, (2027, 1, 15)),
            account("a2", "Beta", 20_000, (2027, 12, 1)),
        ])
    }

    fn esc(id: &str, account: &str, received: DateTime<Utc>, summary: &str) -> Escalation {
        let mut e = Escalation::new(id.into(), received);
        e.account_id = account.into();
        e.summary = summary.into();
        e.log_event(EventKind::Received, received, "");
        e
    }

    /// e3 P3 responded; e5 P2 (no account) overdue; e1 P1 overdue; e2 P3 overdue; e4 resolved.
    fn escalations() -> Vec<Escalation> {
        let mut e3 = esc("e3", "a2", utc(11, 20, 9, 0), "Ticket waiting");
        e3.log_event(EventKind::FirstResponseSent, utc(11, 20, 10, 0), "");
        let mut e4 = esc("e4", "gone", utc(11, 22, 8, 0), "Old");
        e4.log_event(EventKind::Resolved, utc(11, 22, 9, 0), "");
        vec![
            esc("e1", "a1", utc(11, 23, 9, 0), "Invoice is wrong"),
            esc("e2", "a2", utc(11, 23, 9, 30), "Ticket waiting for days"),
            e3,
            e4,
            esc("e5", "gone", utc(11, 22, 20, 0), "Support ticket slow"),
        ]
    }

    /// The open escalations' rows, oldest receipt first.
    fn board<'a>(
        escalations: &'a [Escalation],
        accounts: &'a AccountIndex,
        now: DateTime<Utc>,
        zone: &dyn LocalZone,
    ) -> Vec<BoardRow<'a>> {
        let mut rows: Vec<BoardRow> = escalations
            .iter()
            .filter(|e| e.is_open())
            .map(|e| BoardRow::new(e, accounts, now, zone))
            .collect();
        rows.sort_unstable_by_key(|r| (r.escalation.received_at, r.escalation.id.clone()));
        rows
    }

    fn ids(rows: &[BoardRow]) -> Vec<String> {
        rows.iter().map(|r| r.escalation.id.clone()).collect()
    }

    #[test]
    fn the_board_lists_open_escalations_oldest_first() {
        let (list, index) = (escalations(), accounts());
        let rows = board(&list, &index, now(), &zone(0));
        assert_eq!(ids(&rows), ["e3", "e5", "e1", "e2"]);
        let sev: Vec<Severity> = rows.iter().map(|r| r.severity).collect();
        assert_eq!(
            sev,
            [Severity::P3, Severity::P2, Severity::P1, Severity::P3]
        );
        let age: Vec<i64> = rows.iter().map(|r| r.age_minutes).collect();
        assert_eq!(age, [4500, 960, 180, 150]);
    }

    #[test]
    fn the_first_response_clock_is_overdue_only_without_a_response() {
        let (list, index) = (escalations(), accounts());
        let rows = board(&list, &index, now(), &zone(0));
        let overdue: Vec<bool> = rows.iter().map(|r| r.overdue).collect();
        assert_eq!(overdue, [false, true, true, true]);
        assert_eq!(rows[0].responded_at, Some(utc(11, 20, 10, 0)));
        assert_eq!(rows[2].first_response_due, utc(11, 23, 11, 0));
        // Exactly at the due time it is not yet overdue.
        let rows = board(&list, &index, utc(11, 23, 11, 0), &zone(0));
        assert!(!rows[2].overdue);
    }

    #[test]
    fn the_clock_reads_due_overdue_or_answered() {
        let (list, index) = (escalations(), accounts());
        let rows = board(&list, &index, utc(11, 23, 10, 15), &zone(0));
        let clocks: Vec<String> = rows
            .iter()
            .map(|r| r.clock(utc(11, 23, 10, 15), Lang::En))
            .collect();
        assert_eq!(
            clocks,
            [
                "answered in 1 h",
                "overdue by 12 h",
                "due in 45 min",
                "due in 1 h"
            ]
        );
        assert_eq!(
            rows[1].clock(utc(11, 23, 10, 15), Lang::Zh),
            "已逾期 12 小时"
        );
    }

    #[test]
    fn next_checkpoint_follows_the_severity_cadence() {
        let (list, index) = (escalations(), accounts());
        let rows = board(&list, &index, now(), &zone(0));
        let next: Vec<(String, DateTime<Utc>)> = rows
            .iter()
            .map(|r| {
                let i = r.next_checkpoint.as_ref().unwrap();
                (i.key.clone(), i.at)
            })
            .collect();
        assert_eq!(
            next,
            [
                ("checkpoint-1".to_string(), utc(11, 27, 9, 0)),
                ("checkpoint-1".to_string(), utc(11, 24, 20, 0)),
                ("checkpoint-1".to_string(), utc(11, 24, 9, 0)),
                ("checkpoint-1".to_string(), utc(11, 30, 9, 30)),
            ]
        );
    }

    #[test]
    fn next_checkpoint_respects_edits_and_the_window_end() {
        let mut list = escalations();
        list[0].edit_timeline("checkpoint-1", Some(utc(11, 23, 10, 0)));
        let index = accounts();
        let rows = board(&list, &index, now(), &zone(0));
        let e1 = rows.iter().find(|r| r.escalation.id == "e1").unwrap();
        assert_eq!(
            e1.next_checkpoint.as_ref().map(|i| i.key.as_str()),
            Some("checkpoint-2")
        );
        let late = board(&list, &index, utc(12, 31, 0, 0), &zone(0));
        assert!(late.iter().all(|r| r.next_checkpoint.is_none()));
    }

    #[test]
    fn renewal_and_arr_come_from_the_account() {
        let (list, index) = (escalations(), accounts());
        let rows = board(&list, &index, now(), &zone(0));
        let arr: Vec<u64> = rows.iter().map(|r| r.arr_at_risk).collect();
        assert_eq!(arr, [20_000, 0, 300_000, 20_000]);
        assert_eq!(rows[2].renewal, NaiveDate::from_ymd_opt(2027, 1, 15));
        assert_eq!(rows[1].renewal, None);
        assert!(rows[1].account.is_none());
    }

    #[test]
    fn an_override_changes_the_board_severity() {
        let mut list = escalations();
        list[1].classification_override = Some(
            ClassificationOverride::new(
                EscalationType::RelationshipBreakdown,
                Severity::P1,
                "CIO on the phone",
                now(),
            )
            .unwrap(),
        );
        let index = accounts();
        let rows = board(&list, &index, now(), &zone(0));
        let e2 = &rows[3];
        assert_eq!(
            (e2.severity, e2.kind, e2.overridden),
            (Severity::P1, EscalationType::RelationshipBreakdown, true)
        );
        assert!(!rows[0].overridden);
        // P1 cadence: daily from Monday 09:30.
        assert_eq!(
            e2.next_checkpoint.as_ref().map(|i| i.at),
            Some(utc(11, 24, 9, 30))
        );
    }

    #[test]
    fn attention_lists_overdue_first_responses_longest_first() {
        let (list, index) = (escalations(), accounts());
        let lines = attention(&list, &index, now(), &zone(0));
        let got: Vec<(&str, AttentionKind)> = lines
            .iter()
            .map(|l| (l.escalation_id.as_str(), l.kind))
            .collect();
        let overdue = AttentionKind::FirstResponseOverdue;
        assert_eq!(got, [("e5", overdue), ("e1", overdue), ("e2", overdue)]);
        assert_eq!(
            lines[1].text(now(), Lang::En),
            "Acme: first response overdue by 1 h (due 2026-11-23 11:00)"
        );
        assert_eq!(
            lines[1].text(now(), Lang::Zh),
            "Acme：首次回复已逾期 1 小时（截止 2026-11-23 11:00）"
        );
        assert_eq!(lines[0].account_name, "");
    }

    fn p1_from_saturday_evening() -> Escalation {
        // Saturday 2026-11-21 20:00 UTC, answered within the hour.
        let mut e = esc("e9", "a1", utc(11, 21, 20, 0), "Production outage");
        e.log_event(EventKind::FirstResponseSent, utc(11, 21, 20, 40), "");
        e
    }

    #[test]
    fn checkpoints_due_today_use_the_local_date() {
        let list = [p1_from_saturday_evening()];
        let index = accounts();
        // UTC: checkpoint 2 is Monday 20:00.
        let lines = attention(&list, &index, now(), &zone(0));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].kind, AttentionKind::CheckpointToday(2));
        assert_eq!(
            lines[0].text(now(), Lang::En),
            "Acme: customer update 2 due today at 20:00"
        );
        // Shanghai: received Sunday 04:00, so checkpoint 1 is Monday 04:00 local: already past
        // with no update logged, so it is on Home as overdue.
        let lines = attention(&list, &index, now(), &zone(8));
        assert_eq!(lines[0].kind, AttentionKind::CheckpointToday(1));
        assert_eq!(lines[0].due, utc(11, 22, 20, 0));
        assert_eq!(
            lines[0].text(now(), Lang::Zh),
            "Acme：客户进展通报 1 已逾期（今天 04:00 到期）"
        );
        assert_eq!(
            lines[0].text(now(), Lang::En),
            "Acme: customer update 1 overdue since 04:00 today"
        );
        // Due at this very minute: overdue; a minute earlier it was still to come.
        let due = lines[0].due;
        assert!(lines[0].text(due, Lang::En).contains("overdue since"));
        assert_eq!(
            lines[0].text(due - chrono::Duration::minutes(1), Lang::En),
            "Acme: customer update 1 due today at 04:00"
        );
    }

    #[test]
    fn overdue_lines_come_before_checkpoint_lines() {
        let mut list = escalations();
        list.push(p1_from_saturday_evening());
        let index = accounts();
        let lines = attention(&list, &index, now(), &zone(0));
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[3].escalation_id, "e9");
    }

    #[test]
    fn an_update_logged_today_or_a_closed_escalation_needs_no_attention() {
        let index = accounts();
        let mut updated = p1_from_saturday_evening();
        updated.log_event(EventKind::CustomerUpdated, utc(11, 23, 8, 0), "");
        assert!(attention(&[updated.clone()], &index, now(), &zone(0)).is_empty());
        // In New York the update was logged on Monday 03:00 local, also today.
        assert!(attention(&[updated], &index, now(), &zone(-5)).is_empty());
        let mut yesterday = p1_from_saturday_evening();
        yesterday.log_event(EventKind::CustomerUpdated, utc(11, 22, 20, 0), "");
        assert_eq!(attention(&[yesterday], &index, now(), &zone(0)).len(), 1);
        let mut closed = p1_from_saturday_evening();
        closed.log_event(EventKind::Resolved, utc(11, 23, 9, 0), "");
        assert!(attention(&[closed], &index, now(), &zone(0)).is_empty());
    }
}
