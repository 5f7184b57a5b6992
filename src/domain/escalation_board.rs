//! The board of open escalations (not resolved or reviewed) and the escalation lines of
//! Home's "needs attention now": effective severity, age, the 2-hour first-response clock,
//! the next customer-update checkpoint, renewal and ARR at risk. Pure: `now` and the user's
//! offset from UTC are passed in; texts come from the translation table.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

use crate::domain::account::Account;
use crate::domain::escalation::{Escalation, EscalationStatus, EventKind};
use crate::domain::escalation_plan::{format_local, timeline, Milestone, TimelineItem};
use crate::domain::escalation_rules::{EscalationType, Severity};
use crate::domain::escalation_schedule::first_response_due;
use crate::domain::record::{age, AccountIndex};
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

fn local_date(t: DateTime<Utc>, offset: FixedOffset) -> NaiveDate {
    t.with_timezone(&offset).date_naive()
}

fn is_checkpoint(item: &TimelineItem) -> bool {
    matches!(item.milestone, Milestone::Checkpoint(_))
}

/// The board rows of the open escalations, oldest receipt first.
pub fn board<'a>(
    escalations: &'a [Escalation],
    accounts: &'a AccountIndex,
    now: DateTime<Utc>,
    offset: FixedOffset,
) -> Vec<BoardRow<'a>> {
    let mut rows: Vec<BoardRow> = escalations
        .iter()
        .filter(|e| e.is_open())
        .map(|e| {
            let account = accounts.get(&e.account_id);
            let eff = e.effective(account, local_date(now, offset));
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
                next_checkpoint: timeline(e, &eff, offset)
                    .into_iter()
                    .find(|i| is_checkpoint(i) && i.at > now),
                renewal: account.and_then(|a| a.renewal_date),
                arr_at_risk: account.map_or(0, |a| a.arr),
            }
        })
        .collect();
    rows.sort_unstable_by(|a, b| {
        (a.escalation.received_at, &a.escalation.id)
            .cmp(&(b.escalation.received_at, &b.escalation.id))
    });
    rows
}

/// What the board can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoardSort {
    /// P1 first, overdue first within a severity, then oldest first.
    Urgency,
    /// Oldest first.
    Age,
    /// Earliest first-response due first.
    FirstResponseDue,
    /// Earliest next checkpoint first; none last.
    NextCheckpoint,
    /// Nearest renewal first; unknown last.
    Renewal,
    /// Largest ARR first.
    ArrAtRisk,
}

impl BoardSort {
    /// Every sort, in menu order.
    pub const ALL: [BoardSort; 6] = [
        Self::Urgency,
        Self::Age,
        Self::FirstResponseDue,
        Self::NextCheckpoint,
        Self::Renewal,
        Self::ArrAtRisk,
    ];

    /// The sort's menu label.
    pub fn label(self) -> Msg {
        match self {
            Self::Urgency => Msg::EscSortUrgency,
            Self::Age => Msg::EscSortAge,
            Self::FirstResponseDue => Msg::EscSortFirstResponse,
            Self::NextCheckpoint => Msg::EscSortNextCheckpoint,
            Self::Renewal => Msg::EscSortRenewal,
            Self::ArrAtRisk => Msg::EscSortArr,
        }
    }
}

/// Sorts rows by `sort`; ties keep the oldest receipt first.
pub fn sort_board(rows: &mut [BoardRow], sort: BoardSort) {
    rows.sort_unstable_by(|a, b| {
        let primary = match sort {
            BoardSort::Urgency => (a.severity, !a.overdue).cmp(&(b.severity, !b.overdue)),
            BoardSort::Age => b.age_minutes.cmp(&a.age_minutes),
            BoardSort::FirstResponseDue => a.first_response_due.cmp(&b.first_response_due),
            BoardSort::NextCheckpoint => {
                let key = |r: &BoardRow| r.next_checkpoint.as_ref().map(|i| i.at);
                (key(a).is_none(), key(a)).cmp(&(key(b).is_none(), key(b)))
            }
            BoardSort::Renewal => {
                (a.renewal.is_none(), a.renewal).cmp(&(b.renewal.is_none(), b.renewal))
            }
            BoardSort::ArrAtRisk => b.arr_at_risk.cmp(&a.arr_at_risk),
        };
        primary.then_with(|| {
            (a.escalation.received_at, &a.escalation.id)
                .cmp(&(b.escalation.received_at, &b.escalation.id))
        })
    });
}

/// Which rows to show; `None` shows every value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BoardFilter {
    pub severity: Option<Severity>,
    pub status: Option<EscalationStatus>,
    pub overdue_only: bool,
}

impl BoardFilter {
    /// Whether `row` passes the filter.
    pub fn keeps(&self, row: &BoardRow) -> bool {
        self.severity.is_none_or(|s| s == row.severity)
            && self.status.is_none_or(|s| s == row.escalation.status)
            && (!self.overdue_only || row.overdue)
    }
}

/// Why an escalation needs attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttentionKind {
    /// Past the 2-hour first-response target with no response logged.
    FirstResponseOverdue,
    /// A customer-update checkpoint is due today (local date) and no update was logged today.
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
            AttentionKind::CheckpointToday(n) => Msg::EscAttnCheckpoint.fill(
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
    offset: FixedOffset,
) -> Vec<Attention> {
    let today = local_date(now, offset);
    let mut lines = Vec::new();
    for e in escalations.iter().filter(|e| e.is_open()) {
        let account = accounts.get(&e.account_id);
        let line = |kind, due: DateTime<Utc>| Attention {
            escalation_id: e.id.clone(),
            account_name: account.map(|a| a.name.clone()).unwrap_or_default(),
            kind,
            due,
            local: due.with_timezone(&offset).naive_local(),
        };
        let due = first_response_due(e.received_at);
        if e.first_response_at().is_none() && now > due {
            lines.push(line(AttentionKind::FirstResponseOverdue, due));
        }
        let updated_today = e
            .events
            .iter()
            .any(|ev| ev.kind == EventKind::CustomerUpdated && local_date(ev.at, offset) == today);
        if updated_today {
            continue;
        }
        let eff = e.effective(account, today);
        for item in timeline(e, &eff, offset) {
            if let (Milestone::Checkpoint(n), true) = (item.milestone, item.local.date() == today) {
                lines.push(line(AttentionKind::CheckpointToday(n), item.at));
            }
        }
    }
    lines.sort_unstable_by(|a, b| {
        let rank = |l: &Attention| matches!(l.kind, AttentionKind::CheckpointToday(_));
        (rank(a), a.due, &a.escalation_id).cmp(&(rank(b), b.due, &b.escalation_id))
    });
    lines
}
