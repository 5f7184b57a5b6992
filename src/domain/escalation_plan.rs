//! The built-in escalation plan, from the effective classification: which internal
//! stakeholders to activate (what we need from each, and by when), the 14-day resolution
//! timeline (editable per item), the agendas of the internal resolution call and of the
//! customer resolution conversation, what must not be promised, and the timeline as .ics.
//! Pure: the user's offset from UTC and the language are passed in.
//!
//! Stakeholder rules (`ACTIVATION`, one row per trigger, a role is listed once):
//! support always; engineering for product failures at any severity, service gaps at P1 and
//! whenever an outage or data loss was signalled; product for product failures and
//! competitive threats at P1–P2; legal for contract disputes at P1 and whenever
//! cancellation, non-renewal or legal action was threatened; finance for contract disputes
//! at P1–P2 and competitive threats at P1; the executive sponsor at P1 and whenever an
//! executive is involved. Every stakeholder answers by the internal resolution call.
//!
//! Meeting times (`MEETINGS`): P1 internal call 4 h and customer conversation 24 h after
//! receipt; P2 the next business day at 10:00 and the second business day at 14:00 (local);
//! P3 the second business day at 10:00 and the third at 14:00. Checkpoints follow
//! `escalation_schedule`; the progress review is on day 7, the resolution target on day 14
//! and the post-escalation review two business days later; for P2/P3 a day-7 or day-14
//! date on a weekend moves to Monday.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDateTime, NaiveTime, Timelike, Utc, Weekday,
};

use crate::domain::escalation::{Effective, Escalation};
use crate::domain::escalation_rules::{EscalationType, Severity, Signal};
use crate::domain::escalation_schedule::{checkpoints, first_response_due, RESOLUTION_DAYS};
use crate::domain::ics::{write_calendar, CalendarEvent};
use crate::domain::record::excerpt;
use crate::i18n::{Lang, Msg};

use EscalationType::*;

/// An internal function to bring in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Support,
    Engineering,
    Product,
    Legal,
    Finance,
    ExecutiveSponsor,
}

impl Role {
    /// Every role, in the order the plan lists them.
    pub const ALL: [Role; 6] = [
        Self::Support,
        Self::Engineering,
        Self::Product,
        Self::Legal,
        Self::Finance,
        Self::ExecutiveSponsor,
    ];

    /// The role's name.
    pub fn label(self) -> Msg {
        match self {
            Self::Support => Msg::EscRoleSupport,
            Self::Engineering => Msg::EscRoleEngineering,
            Self::Product => Msg::EscRoleProduct,
            Self::Legal => Msg::EscRoleLegal,
            Self::Finance => Msg::EscRoleFinance,
            Self::ExecutiveSponsor => Msg::EscRoleExecutive,
        }
    }

    /// What we need from this role.
    pub fn need(self) -> Msg {
        match self {
            Self::Support => Msg::EscNeedSupport,
            Self::Engineering => Msg::EscNeedEngineering,
            Self::Product => Msg::EscNeedProduct,
            Self::Legal => Msg::EscNeedLegal,
            Self::Finance => Msg::EscNeedFinance,
            Self::ExecutiveSponsor => Msg::EscNeedExecutive,
        }
    }
}

/// What brings a role in.
enum When {
    /// Every type at this severity or a more severe one.
    Any(Severity),
    /// These types at this severity or a more severe one.
    Types(&'static [EscalationType], Severity),
    /// This signal fired, whatever the severity.
    Signal(Signal),
}

/// Which stakeholders to activate (see the module doc).
const ACTIVATION: &[(Role, When)] = &[
    (Role::Support, When::Any(Severity::P3)),
    (
        Role::Engineering,
        When::Types(&[ProductFailure], Severity::P3),
    ),
    (Role::Engineering, When::Types(&[ServiceGap], Severity::P1)),
    (Role::Engineering, When::Signal(Signal::OutageOrDataLoss)),
    (
        Role::Product,
        When::Types(&[ProductFailure, CompetitiveThreat], Severity::P2),
    ),
    (Role::Legal, When::Types(&[ContractDispute], Severity::P1)),
    (Role::Legal, When::Signal(Signal::ThreatToLeave)),
    (Role::Finance, When::Types(&[ContractDispute], Severity::P2)),
    (
        Role::Finance,
        When::Types(&[CompetitiveThreat], Severity::P1),
    ),
    (Role::ExecutiveSponsor, When::Any(Severity::P1)),
    (Role::ExecutiveSponsor, When::Signal(Signal::Executive)),
];

/// A point in time relative to receipt.
#[derive(Clone, Copy)]
enum Slot {
    /// Hours after receipt.
    Hours(i64),
    /// The n-th business day after receipt, at this local hour.
    BusinessDay(u32, u32),
}

/// Per severity: (internal resolution call, customer resolution conversation).
const MEETINGS: &[(Severity, Slot, Slot)] = &[
    (Severity::P1, Slot::Hours(4), Slot::Hours(24)),
    (
        Severity::P2,
        Slot::BusinessDay(1, 10),
        Slot::BusinessDay(2, 14),
    ),
    (
        Severity::P3,
        Slot::BusinessDay(2, 10),
        Slot::BusinessDay(3, 14),
    ),
];

fn meeting_slots(severity: Severity) -> (Slot, Slot) {
    MEETINGS
        .iter()
        .find(|(s, _, _)| *s == severity)
        .map_or((Slot::Hours(4), Slot::Hours(24)), |(_, i, c)| (*i, *c))
}

fn local(t: DateTime<Utc>, offset: FixedOffset) -> NaiveDateTime {
    t.with_timezone(&offset).naive_local()
}

fn to_utc(t: NaiveDateTime, offset: FixedOffset) -> DateTime<Utc> {
    (t - Duration::seconds(offset.local_minus_utc().into())).and_utc()
}

fn is_weekend(t: NaiveDateTime) -> bool {
    matches!(t.weekday(), Weekday::Sat | Weekday::Sun)
}

fn add_business_days(mut t: NaiveDateTime, n: u32) -> NaiveDateTime {
    let mut left = n;
    while left > 0 {
        t += Duration::days(1);
        if !is_weekend(t) {
            left -= 1;
        }
    }
    t
}

fn slot_time(slot: Slot, received: DateTime<Utc>, offset: FixedOffset) -> DateTime<Utc> {
    match slot {
        Slot::Hours(h) => received + Duration::hours(h),
        Slot::BusinessDay(n, hour) => {
            let day = add_business_days(local(received, offset), n).date();
            let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN);
            to_utc(day.and_time(time), offset)
        }
    }
}

/// A stakeholder to activate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stakeholder {
    pub role: Role,
    /// What we need from them.
    pub need: Msg,
    /// When we need it by: the internal resolution call.
    pub due: DateTime<Utc>,
}

/// The stakeholders to activate for this classification, in `Role::ALL` order.
pub fn stakeholders(
    eff: &Effective,
    received: DateTime<Utc>,
    offset: FixedOffset,
) -> Vec<Stakeholder> {
    let due = slot_time(meeting_slots(eff.severity).0, received, offset);
    let fires = |when: &When| match when {
        When::Any(max) => eff.severity <= *max,
        When::Types(kinds, max) => kinds.contains(&eff.kind) && eff.severity <= *max,
        When::Signal(s) => eff.signals.contains(s),
    };
    Role::ALL
        .into_iter()
        .filter(|role| ACTIVATION.iter().any(|(r, w)| r == role && fires(w)))
        .map(|role| Stakeholder {
            role,
            need: role.need(),
            due,
        })
        .collect()
}

/// What a timeline item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Milestone {
    FirstResponse,
    InternalCall,
    CustomerCall,
    /// The n-th customer-update checkpoint (from 1).
    Checkpoint(usize),
    ProgressReview,
    ResolutionTarget,
    PostReview,
}

impl Milestone {
    /// The stable key edits refer to, e.g. "checkpoint-3".
    pub fn key(self) -> String {
        match self {
            Self::FirstResponse => "first-response".into(),
            Self::InternalCall => "internal-call".into(),
            Self::CustomerCall => "customer-call".into(),
            Self::Checkpoint(n) => format!("checkpoint-{n}"),
            Self::ProgressReview => "progress-review".into(),
            Self::ResolutionTarget => "resolution-target".into(),
            Self::PostReview => "post-review".into(),
        }
    }

    /// The item's name in `lang`, e.g. "Customer update 3".
    pub fn label(self, lang: Lang) -> String {
        let msg = match self {
            Self::FirstResponse => Msg::EscItemFirstResponse,
            Self::InternalCall => Msg::EscItemInternalCall,
            Self::CustomerCall => Msg::EscItemCustomerCall,
            Self::Checkpoint(n) => {
                return Msg::EscItemCheckpoint.fill(lang, &[("n", &n.to_string())])
            }
            Self::ProgressReview => Msg::EscItemProgressReview,
            Self::ResolutionTarget => Msg::EscItemResolution,
            Self::PostReview => Msg::EscItemPostReview,
        };
        msg.text(lang).to_string()
    }

    /// The length of its calendar event, in minutes.
    pub fn minutes(self) -> u32 {
        match self {
            Self::InternalCall | Self::CustomerCall | Self::ProgressReview => 30,
            Self::PostReview => 45,
            _ => 15,
        }
    }
}

/// A moved timeline date, stored on the escalation.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TimelineEdit {
    pub key: String,
    pub at: DateTime<Utc>,
}

/// One dated item of the resolution timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineItem {
    pub key: String,
    pub milestone: Milestone,
    pub at: DateTime<Utc>,
    /// `at` in the user's local time.
    pub local: NaiveDateTime,
    /// Whether the CSM moved it.
    pub edited: bool,
}

/// A local date-time as "2026-11-23 09:05".
pub fn format_local(t: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
}

/// The 14-day resolution timeline with the CSM's edits applied, sorted by time.
pub fn timeline(
    escalation: &Escalation,
    eff: &Effective,
    offset: FixedOffset,
) -> Vec<TimelineItem> {
    let received = escalation.received_at;
    let start = local(received, offset);
    // Day 7 and day 14 keep off weekends except at P1, like the checkpoints.
    let day = |d: i64| {
        let t = start + Duration::days(d);
        let t = match (eff.severity, t.weekday()) {
            (Severity::P1, _) => t,
            (_, Weekday::Sat) => t + Duration::days(2),
            (_, Weekday::Sun) => t + Duration::days(1),
            _ => t,
        };
        to_utc(t, offset)
    };
    let (internal, customer) = meeting_slots(eff.severity);
    let target = day(RESOLUTION_DAYS);
    let mut plan = vec![
        (Milestone::FirstResponse, first_response_due(received)),
        (
            Milestone::InternalCall,
            slot_time(internal, received, offset),
        ),
        (
            Milestone::CustomerCall,
            slot_time(customer, received, offset),
        ),
        (Milestone::ProgressReview, day(RESOLUTION_DAYS / 2)),
        (Milestone::ResolutionTarget, target),
        (
            Milestone::PostReview,
            to_utc(add_business_days(local(target, offset), 2), offset),
        ),
    ];
    plan.extend(
        checkpoints(received, eff.severity, offset)
            .into_iter()
            .enumerate()
            .map(|(i, t)| (Milestone::Checkpoint(i + 1), to_utc(t, offset))),
    );
    let mut items: Vec<(usize, TimelineItem)> = plan
        .into_iter()
        .enumerate()
        .map(|(rank, (milestone, planned))| {
            let key = milestone.key();
            let edit = escalation.timeline_edits.iter().find(|e| e.key == key);
            let at = edit.map_or(planned, |e| e.at);
            let item = TimelineItem {
                key,
                milestone,
                at,
                local: local(at, offset),
                edited: edit.is_some(),
            };
            (rank, item)
        })
        .collect();
    items.sort_unstable_by(|(ra, a), (rb, b)| a.at.cmp(&b.at).then(ra.cmp(rb)));
    items.into_iter().map(|(_, item)| item).collect()
}

/// A meeting the plan prepares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meeting {
    InternalCall,
    CustomerCall,
}

impl Meeting {
    /// The meeting's name.
    pub fn label(self) -> Msg {
        match self {
            Self::InternalCall => Msg::EscItemInternalCall,
            Self::CustomerCall => Msg::EscItemCustomerCall,
        }
    }
}

/// A text that applies to these types (empty: every type) at this severity or a more
/// severe one.
type Rule = (&'static [EscalationType], Severity, Msg);

const INTERNAL_POINTS: &[Rule] = &[
    (&[], Severity::P3, Msg::EscAgIntFacts),
    (&[], Severity::P3, Msg::EscAgIntCause),
    (&[ProductFailure], Severity::P3, Msg::EscAgIntProduct),
    (&[ContractDispute], Severity::P3, Msg::EscAgIntContract),
    (&[CompetitiveThreat], Severity::P3, Msg::EscAgIntCompetitive),
    (
        &[RelationshipBreakdown],
        Severity::P3,
        Msg::EscAgIntRelationship,
    ),
    (&[ServiceGap], Severity::P3, Msg::EscAgIntService),
    (&[ContractDispute], Severity::P1, Msg::EscAgIntLegal),
    (&[], Severity::P1, Msg::EscAgIntSponsor),
    (&[], Severity::P2, Msg::EscAgIntRisk),
    (&[], Severity::P3, Msg::EscAgIntOwners),
];

const CUSTOMER_POINTS: &[Rule] = &[
    (&[], Severity::P3, Msg::EscAgCustAcknowledge),
    (&[], Severity::P1, Msg::EscAgCustSponsor),
    (&[], Severity::P3, Msg::EscAgCustKnown),
    (&[ProductFailure], Severity::P3, Msg::EscAgCustProduct),
    (&[ContractDispute], Severity::P3, Msg::EscAgCustContract),
    (
        &[CompetitiveThreat],
        Severity::P3,
        Msg::EscAgCustCompetitive,
    ),
    (
        &[RelationshipBreakdown],
        Severity::P3,
        Msg::EscAgCustRelationship,
    ),
    (&[ServiceGap], Severity::P3, Msg::EscAgCustService),
    (&[], Severity::P3, Msg::EscAgCustNextSteps),
];

const NOT_TO_PROMISE: &[Rule] = &[
    (&[], Severity::P3, Msg::EscNoFixDate),
    (&[], Severity::P3, Msg::EscNoCredit),
    (&[], Severity::P3, Msg::EscNoRoadmap),
    (&[], Severity::P3, Msg::EscNoBlame),
    (&[ProductFailure], Severity::P3, Msg::EscNoNeverAgain),
    (&[ContractDispute], Severity::P3, Msg::EscNoLegalPosition),
    (&[CompetitiveThreat], Severity::P3, Msg::EscNoPriceMatch),
    (
        &[RelationshipBreakdown],
        Severity::P3,
        Msg::EscNoDedicatedTeam,
    ),
    (&[ServiceGap], Severity::P3, Msg::EscNoBetterSla),
    (&[], Severity::P1, Msg::EscNoExecOutcome),
];

fn pick(rules: &[Rule], kind: EscalationType, severity: Severity, lang: Lang) -> Vec<String> {
    rules
        .iter()
        .filter(|(kinds, max, _)| (kinds.is_empty() || kinds.contains(&kind)) && severity <= *max)
        .map(|(_, _, msg)| msg.text(lang).to_string())
        .collect()
}

/// What must not be promised for this type and severity.
pub fn not_to_promise(kind: EscalationType, severity: Severity, lang: Lang) -> Vec<String> {
    pick(NOT_TO_PROMISE, kind, severity, lang)
}

/// A meeting agenda: the points to cover and what may and may not be promised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agenda {
    pub meeting: Meeting,
    /// When it is planned (local), if the timeline has it.
    pub at: Option<NaiveDateTime>,
    pub points: Vec<String>,
    pub may_promise: Vec<String>,
    pub must_not_promise: Vec<String>,
}

/// The agenda of `meeting`, from the effective classification, the record's can-fix text and
/// the first checkpoint after the meeting in `items` (the escalation's timeline).
pub fn agenda(
    meeting: Meeting,
    escalation: &Escalation,
    eff: &Effective,
    items: &[TimelineItem],
    lang: Lang,
) -> Agenda {
    let (rules, milestone) = match meeting {
        Meeting::InternalCall => (INTERNAL_POINTS, Milestone::InternalCall),
        Meeting::CustomerCall => (CUSTOMER_POINTS, Milestone::CustomerCall),
    };
    let slot = items.iter().find(|i| i.milestone == milestone);
    let next = items.iter().find(|i| {
        matches!(i.milestone, Milestone::Checkpoint(_)) && slot.is_none_or(|s| i.at > s.at)
    });
    let can_fix = escalation.can_fix.trim();
    let mut may_promise = vec![if can_fix.is_empty() {
        Msg::EscMayInvestigating.text(lang).to_string()
    } else {
        Msg::EscMayCanFix.fill(lang, &[("text", can_fix)])
    }];
    if let Some(next) = next {
        may_promise.push(Msg::EscMayNextUpdate.fill(
            lang,
            &[
                ("when", &format_local(next.local)),
                ("cadence", cadence(eff.severity).text(lang)),
            ],
        ));
    }
    Agenda {
        meeting,
        at: slot.map(|s| s.local),
        points: pick(rules, eff.kind, eff.severity, lang),
        may_promise,
        must_not_promise: not_to_promise(eff.kind, eff.severity, lang),
    }
}

/// The customer-update cadence of a severity.
pub fn cadence(severity: Severity) -> Msg {
    match severity {
        Severity::P1 => Msg::EscCadenceP1,
        Severity::P2 => Msg::EscCadenceP2,
        Severity::P3 => Msg::EscCadenceP3,
    }
}

/// The timeline as an .ics calendar: one event per item, stamped with the record's last
/// change so the same plan always gives the same file.
pub fn calendar(escalation: &Escalation, items: &[TimelineItem], lang: Lang) -> String {
    let topic = excerpt(&escalation.summary, 60);
    let description = [escalation.summary.trim(), escalation.can_fix.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n\n");
    let events: Vec<CalendarEvent> = items
        .iter()
        .map(|item| CalendarEvent {
            uid: format!("{}-{}@casebook", escalation.id, item.key),
            start: item.at,
            minutes: item.milestone.minutes(),
            summary: format!("{} · {topic}", item.milestone.label(lang)),
            description: description.clone(),
        })
        .collect();
    write_calendar(&events, escalation.updated_at)
}
