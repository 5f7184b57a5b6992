//! The built-in escalation plan, from the effective classification: which internal
//! stakeholders to activate (what we need from each, and by when: never a time already
//! passed), the 14-day resolution
//! timeline (editable per item) and the timeline as .ics. The meetings' agendas are written
//! by `prompts::escalation::agendas`.
//! Pure: the user's time zone and the language are passed in.
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
//! `escalation::schedule`; the progress review is on day 7, the resolution target on day 14
//! and the post-escalation review two business days later; for P2/P3 a day-7 or day-14
//! date on a weekend moves to Monday.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, NaiveTime, Timelike, Utc, Weekday};

use crate::domain::escalation::rules::{EscalationType, Severity, Signal};
use crate::domain::escalation::schedule::{
    add_business_days, checkpoints, first_response_due, RESOLUTION_DAYS,
};
use crate::domain::escalation::{Effective, Escalation};
use crate::domain::record::excerpt;
use crate::domain::sorting;
use crate::domain::time::ics::{self, write_calendar, CalendarEvent};
use crate::domain::time::zone::LocalZone;
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

    /// The label of the fact giving this role's reply-by time in a response plan.
    pub fn brief_fact(self) -> Msg {
        match self {
            Self::Support => Msg::FactBriefSupport,
            Self::Engineering => Msg::FactBriefEngineering,
            Self::Product => Msg::FactBriefProduct,
            Self::Legal => Msg::FactBriefLegal,
            Self::Finance => Msg::FactBriefFinance,
            Self::ExecutiveSponsor => Msg::FactBriefExecutive,
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

/// Per severity, P1 to P3: (internal resolution call, customer resolution conversation).
const MEETINGS: [(Slot, Slot); 3] = [
    (Slot::Hours(4), Slot::Hours(24)),
    (Slot::BusinessDay(1, 10), Slot::BusinessDay(2, 14)),
    (Slot::BusinessDay(2, 10), Slot::BusinessDay(3, 14)),
];

fn meeting_slots(severity: Severity) -> (Slot, Slot) {
    MEETINGS[severity as usize]
}

fn slot_time(slot: Slot, received: DateTime<Utc>, zone: &dyn LocalZone) -> DateTime<Utc> {
    match slot {
        Slot::Hours(h) => received + Duration::hours(h),
        Slot::BusinessDay(n, hour) => {
            let day = add_business_days(zone.local(received), n).date();
            let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN);
            zone.instant_of(day.and_time(time))
        }
    }
}

/// Hours from now a stakeholder is asked to answer by once their planned deadline has passed.
pub const LATE_REPLY_HOURS: i64 = 2;

/// A stakeholder to activate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stakeholder {
    pub role: Role,
    /// What we need from them.
    pub need: Msg,
    /// When we need it by: the internal resolution call.
    pub due: DateTime<Utc>,
}

impl Stakeholder {
    /// Whether the planned deadline has passed at `now`.
    pub fn is_late(&self, now: DateTime<Utc>) -> bool {
        self.due <= now
    }

    /// When to ask them to answer by at `now`: the planned deadline while it lies ahead,
    /// else `LATE_REPLY_HOURS` from `now` rounded up to the quarter hour; never in the past.
    pub fn reply_by(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        if !self.is_late(now) {
            return self.due;
        }
        let soon = now + Duration::hours(LATE_REPLY_HOURS);
        let quarter = 15 * 60;
        let rounded = (soon.timestamp() + quarter - 1).div_euclid(quarter) * quarter;
        DateTime::from_timestamp(rounded, 0).unwrap_or(soon)
    }

    /// "Legal: what we need. By 2026-11-23 12:15." with the reply-by time at `now` in local
    /// time, saying so when the planned deadline has passed.
    pub fn line(&self, zone: &dyn LocalZone, now: DateTime<Utc>, lang: Lang) -> String {
        let due = format_local(zone.local(self.reply_by(now)));
        let planned = format_local(zone.local(self.due));
        let msg = if self.is_late(now) {
            Msg::EscStakeholderLineLate
        } else {
            Msg::EscStakeholderLine
        };
        msg.fill(
            lang,
            &[
                ("role", self.role.label().text(lang)),
                ("need", self.need.text(lang)),
                ("due", &due),
                ("planned", &planned),
            ],
        )
    }
}

/// The stakeholders to activate for this classification, in `Role::ALL` order.
pub fn stakeholders(
    eff: &Effective,
    received: DateTime<Utc>,
    zone: &dyn LocalZone,
) -> Vec<Stakeholder> {
    let due = slot_time(meeting_slots(eff.severity).0, received, zone);
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

impl TimelineItem {
    /// "2026-11-24 09:00 · Customer update 1", for lists and prompt facts.
    pub fn line(&self, lang: Lang) -> String {
        format!(
            "{} · {}",
            format_local(self.local),
            self.milestone.label(lang)
        )
    }
}

/// A local date-time as "2026-11-23 09:05".
pub fn format_local(t: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
}

/// The 14-day resolution timeline with the CSM's edits applied, sorted by time.
pub fn timeline(
    escalation: &Escalation,
    eff: &Effective,
    zone: &dyn LocalZone,
) -> Vec<TimelineItem> {
    let received = escalation.received_at;
    let start = zone.local(received);
    // Day 7 and day 14 keep off weekends except at P1, like the checkpoints.
    let day = |d: i64| {
        let t = start + Duration::days(d);
        let t = match (eff.severity, t.weekday()) {
            (Severity::P1, _) => t,
            (_, Weekday::Sat) => t + Duration::days(2),
            (_, Weekday::Sun) => t + Duration::days(1),
            _ => t,
        };
        zone.instant_of(t)
    };
    let (internal, customer) = meeting_slots(eff.severity);
    let target = day(RESOLUTION_DAYS);
    let mut plan = vec![
        (Milestone::FirstResponse, first_response_due(received)),
        (Milestone::InternalCall, slot_time(internal, received, zone)),
        (Milestone::CustomerCall, slot_time(customer, received, zone)),
        (Milestone::ProgressReview, day(RESOLUTION_DAYS / 2)),
        (Milestone::ResolutionTarget, target),
        (
            Milestone::PostReview,
            zone.instant_of(add_business_days(zone.local(target), 2)),
        ),
    ];
    plan.extend(
        checkpoints(received, eff.severity, zone)
            .into_iter()
            .enumerate()
            .map(|(i, t)| (Milestone::Checkpoint(i + 1), zone.instant_of(t))),
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
                local: zone.local(at),
                edited: edit.is_some(),
            };
            (rank, item)
        })
        .collect();
    sorting::sort_by(&mut items, |(ra, a), (rb, b)| {
        a.at.cmp(&b.at).then(ra.cmp(rb))
    });
    items.into_iter().map(|(_, item)| item).collect()
}

/// The timeline as an .ics calendar: one event per item, titled with the account (when
/// known) and the summary, stamped with the record's last change so the same plan always
/// gives the same file.
pub fn calendar(
    escalation: &Escalation,
    account: &str,
    items: &[TimelineItem],
    lang: Lang,
) -> String {
    let topic = match (account.trim(), excerpt(&escalation.summary, 60)) {
        ("", summary) => summary,
        (account, summary) => format!("{account}: {summary}"),
    };
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
            when: ics::When::At {
                start: item.at,
                minutes: item.milestone.minutes(),
            },
            summary: format!("{} · {topic}", item.milestone.label(lang)),
            description: description.clone(),
        })
        .collect();
    write_calendar(&events, escalation.updated_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone};
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Berlin;

    fn utc(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap()
    }

    fn zone(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap()
    }

    fn eff(kind: EscalationType, severity: Severity, signals: &[Signal]) -> Effective {
        Effective {
            kind,
            severity,
            signals: signals.to_vec(),
            overridden: None,
        }
    }

    fn roles(kind: EscalationType, severity: Severity, signals: &[Signal]) -> Vec<Role> {
        stakeholders(&eff(kind, severity, signals), utc(11, 23, 8, 15), &zone(0))
            .into_iter()
            .map(|s| s.role)
            .collect()
    }

    fn escalation(received: DateTime<Utc>) -> Escalation {
        let mut e = Escalation::new("e1".into(), received);
        e.summary = "Production outage for two days".into();
        e
    }

    fn keys(items: &[TimelineItem]) -> Vec<&str> {
        items.iter().map(|i| i.key.as_str()).collect()
    }

    fn find<'a>(items: &'a [TimelineItem], key: &str) -> &'a TimelineItem {
        items.iter().find(|i| i.key == key).unwrap()
    }

    use Role::*;
    use Severity::{P1, P2, P3};

    #[test]
    fn product_failures_bring_in_engineering_at_every_severity() {
        let k = ProductFailure;
        assert_eq!(
            roles(k, P1, &[]),
            [Support, Engineering, Product, ExecutiveSponsor]
        );
        assert_eq!(roles(k, P2, &[]), [Support, Engineering, Product]);
        assert_eq!(roles(k, P3, &[]), [Support, Engineering]);
    }

    #[test]
    fn contract_disputes_bring_in_finance_and_at_p1_legal() {
        let k = ContractDispute;
        assert_eq!(
            roles(k, P1, &[]),
            [Support, Legal, Finance, ExecutiveSponsor]
        );
        assert_eq!(roles(k, P2, &[]), [Support, Finance]);
        assert_eq!(roles(k, P3, &[]), [Support]);
    }

    #[test]
    fn competitive_threats_bring_in_product_and_at_p1_finance() {
        let k = CompetitiveThreat;
        assert_eq!(
            roles(k, P1, &[]),
            [Support, Product, Finance, ExecutiveSponsor]
        );
        assert_eq!(roles(k, P2, &[]), [Support, Product]);
        assert_eq!(roles(k, P3, &[]), [Support]);
    }

    #[test]
    fn relationship_breakdowns_need_the_sponsor_at_p1() {
        let k = RelationshipBreakdown;
        assert_eq!(roles(k, P1, &[]), [Support, ExecutiveSponsor]);
        assert_eq!(roles(k, P2, &[]), [Support]);
        assert_eq!(roles(k, P3, &[]), [Support]);
    }

    #[test]
    fn service_gaps_bring_in_engineering_at_p1() {
        let k = ServiceGap;
        assert_eq!(roles(k, P1, &[]), [Support, Engineering, ExecutiveSponsor]);
        assert_eq!(roles(k, P2, &[]), [Support]);
        assert_eq!(roles(k, P3, &[]), [Support]);
    }

    #[test]
    fn signals_bring_roles_in_whatever_the_severity() {
        assert_eq!(
            roles(RelationshipBreakdown, P2, &[Signal::ThreatToLeave]),
            [Support, Legal]
        );
        assert_eq!(
            roles(ServiceGap, P3, &[Signal::Executive]),
            [Support, ExecutiveSponsor]
        );
        assert_eq!(
            roles(ServiceGap, P2, &[Signal::OutageOrDataLoss]),
            [Support, Engineering]
        );
        assert_eq!(
            roles(ServiceGap, P2, &[Signal::LargeRenewalSoon]),
            [Support],
            "a renewal signal alone brings nobody extra at P2"
        );
    }

    #[test]
    fn stakeholders_say_what_we_need() {
        let list = stakeholders(&eff(ContractDispute, P1, &[]), utc(11, 23, 8, 15), &zone(0));
        assert_eq!(list[1].need, Msg::EscNeedLegal);
        assert_eq!(list[1].role.label().text(Lang::Zh), "法务");
    }

    #[test]
    fn stakeholder_lines_show_the_local_deadline() {
        let list = stakeholders(&eff(ContractDispute, P1, &[]), utc(11, 23, 8, 15), &zone(8));
        assert_eq!(
            list[1].line(&zone(8), utc(11, 23, 9, 0), Lang::En),
            "Legal: The contract position, and review of any written commitment before it is sent. By 2026-11-23 20:15."
        );
        assert_eq!(
            list[0].line(&zone(8), utc(11, 23, 9, 0), Lang::Zh),
            "技术支持：工单历史、未结工单以及指定的支持负责人。截止：2026-11-23 20:15。"
        );
    }

    #[test]
    fn a_passed_deadline_becomes_two_hours_from_now_and_says_so() {
        let list = stakeholders(&eff(ContractDispute, P1, &[]), utc(11, 23, 8, 15), &zone(8));
        let legal = &list[1];
        assert!(!legal.is_late(utc(11, 23, 12, 14)));
        assert_eq!(legal.reply_by(utc(11, 23, 12, 14)), utc(11, 23, 12, 15));
        // Due 12:15 UTC; at 13:05 it has passed: 15:05 rounds up to 15:15.
        let now = utc(11, 23, 13, 5);
        assert!(legal.is_late(now));
        assert_eq!(legal.reply_by(now), utc(11, 23, 15, 15));
        assert_eq!(legal.reply_by(utc(11, 23, 13, 0)), utc(11, 23, 15, 0));
        assert_eq!(
            legal.line(&zone(8), now, Lang::En),
            "Legal: The contract position, and review of any written commitment before it is sent. By 2026-11-23 23:15 (the planned deadline, 2026-11-23 20:15, has passed)."
        );
        assert!(legal
            .line(&zone(8), now, Lang::Zh)
            .ends_with("截止：2026-11-23 23:15（原定截止时间 2026-11-23 20:15 已过）。"));
    }

    #[test]
    fn p1_stakeholders_answer_within_four_hours() {
        let list = stakeholders(&eff(ProductFailure, P1, &[]), utc(11, 23, 8, 15), &zone(8));
        assert!(list.iter().all(|s| s.due == utc(11, 23, 12, 15)));
    }

    #[test]
    fn p2_stakeholders_answer_by_10_on_the_next_business_day() {
        // Friday 15:00 UTC is Friday 23:00 in Shanghai: Monday 10:00 local is 02:00 UTC.
        let list = stakeholders(&eff(ProductFailure, P2, &[]), utc(11, 20, 15, 0), &zone(8));
        assert_eq!(list[0].due, utc(11, 23, 2, 0));
    }

    #[test]
    fn p3_stakeholders_answer_by_10_on_the_second_business_day() {
        // Thursday 17:00 UTC: Thursday noon in New York → Monday 10:00 (15:00 UTC);
        // already Friday 01:00 in Shanghai → Tuesday 10:00 (02:00 UTC).
        let received = utc(11, 19, 17, 0);
        let ny = stakeholders(&eff(ServiceGap, P3, &[]), received, &zone(-5));
        assert_eq!(ny[0].due, utc(11, 23, 15, 0));
        let sh = stakeholders(&eff(ServiceGap, P3, &[]), received, &zone(8));
        assert_eq!(sh[0].due, utc(11, 24, 2, 0));
    }

    #[test]
    fn p1_timeline_runs_daily_through_the_weekend() {
        // Friday 2026-11-20 09:00 UTC.
        let e = escalation(utc(11, 20, 9, 0));
        let items = timeline(&e, &eff(ProductFailure, P1, &[]), &zone(0));
        assert_eq!(items.len(), 20);
        let mut expected = vec!["first-response", "internal-call", "customer-call"];
        let cps: Vec<String> = (1..=14).map(|n| format!("checkpoint-{n}")).collect();
        expected.extend(cps[..6].iter().map(String::as_str));
        expected.push("progress-review");
        expected.extend(cps[6..13].iter().map(String::as_str));
        expected.extend(["resolution-target", "checkpoint-14", "post-review"]);
        assert_eq!(keys(&items), expected);
        assert_eq!(find(&items, "first-response").at, utc(11, 20, 11, 0));
        assert_eq!(find(&items, "internal-call").at, utc(11, 20, 13, 0));
        assert_eq!(find(&items, "customer-call").at, utc(11, 21, 9, 0));
        assert_eq!(find(&items, "checkpoint-1").at, utc(11, 21, 9, 0));
        assert_eq!(find(&items, "progress-review").at, utc(11, 27, 9, 0));
        assert_eq!(find(&items, "resolution-target").at, utc(12, 4, 9, 0));
        assert_eq!(find(&items, "post-review").at, utc(12, 8, 9, 0));
    }

    #[test]
    fn p2_timeline_uses_business_days() {
        // Thursday 2026-11-19 09:00 UTC.
        let e = escalation(utc(11, 19, 9, 0));
        let items = timeline(&e, &eff(ServiceGap, P2, &[]), &zone(0));
        assert_eq!(
            keys(&items),
            [
                "first-response",
                "internal-call",
                "checkpoint-1",
                "customer-call",
                "checkpoint-2",
                "progress-review",
                "checkpoint-3",
                "checkpoint-4",
                "resolution-target",
                "checkpoint-5",
                "post-review"
            ]
        );
        let at: Vec<DateTime<Utc>> = items.iter().map(|i| i.at).collect();
        assert_eq!(
            at,
            [
                utc(11, 19, 11, 0),
                utc(11, 20, 10, 0),
                utc(11, 23, 9, 0),
                utc(11, 23, 14, 0),
                utc(11, 25, 9, 0),
                utc(11, 26, 9, 0),
                utc(11, 27, 9, 0),
                utc(12, 1, 9, 0),
                utc(12, 3, 9, 0),
                utc(12, 3, 9, 0),
                utc(12, 7, 9, 0),
            ]
        );
    }

    #[test]
    fn p3_weekend_reviews_and_target_move_to_monday() {
        // Sunday 2026-11-22 09:00 UTC: day 7 and day 14 are Sundays.
        let e = escalation(utc(11, 22, 9, 0));
        let items = timeline(&e, &eff(ServiceGap, P3, &[]), &zone(0));
        assert_eq!(find(&items, "internal-call").at, utc(11, 24, 10, 0));
        assert_eq!(find(&items, "customer-call").at, utc(11, 25, 14, 0));
        assert_eq!(find(&items, "progress-review").at, utc(11, 30, 9, 0));
        assert_eq!(find(&items, "resolution-target").at, utc(12, 7, 9, 0));
        assert_eq!(find(&items, "post-review").at, utc(12, 9, 9, 0));
        assert_eq!(find(&items, "checkpoint-2").at, utc(12, 7, 9, 0));
        assert_eq!(items.len(), 8);
    }

    #[test]
    fn timeline_times_are_local() {
        // Friday 17:00 UTC is Saturday 01:00 in Shanghai.
        let e = escalation(utc(11, 20, 17, 0));
        let items = timeline(&e, &eff(ServiceGap, P2, &[]), &zone(8));
        let call = find(&items, "internal-call");
        assert_eq!(format_local(call.local), "2026-11-23 10:00");
        assert_eq!(call.at, utc(11, 23, 2, 0));
        assert_eq!(
            format_local(find(&items, "customer-call").local),
            "2026-11-24 14:00"
        );
        assert_eq!(
            format_local(find(&items, "checkpoint-1").local),
            "2026-11-24 01:00"
        );
        assert_eq!(
            format_local(find(&items, "first-response").local),
            "2026-11-21 03:00"
        );
    }

    fn wall(items: &[TimelineItem], key: &str) -> String {
        format_local(find(items, key).local)
    }

    #[test]
    fn new_york_p1_checkpoints_keep_09_00_after_spring_forward() {
        // Friday 6 March 2026, 09:00 EST (UTC-5); clocks go forward on Sunday 8 March.
        let e = escalation(utc(3, 6, 14, 0));
        let items = timeline(&e, &eff(ProductFailure, P1, &[]), &New_York);
        assert_eq!(find(&items, "checkpoint-1").at, utc(3, 7, 14, 0));
        assert_eq!(
            find(&items, "checkpoint-2").at,
            utc(3, 8, 13, 0),
            "09:00 EDT"
        );
        assert_eq!(find(&items, "checkpoint-3").at, utc(3, 9, 13, 0));
        assert_eq!(find(&items, "checkpoint-14").at, utc(3, 20, 13, 0));
        for key in [
            "checkpoint-1",
            "checkpoint-2",
            "checkpoint-3",
            "checkpoint-14",
        ] {
            assert_eq!(&wall(&items, key)[11..], "09:00", "{key}");
        }
        assert_eq!(find(&items, "progress-review").at, utc(3, 13, 13, 0));
        assert_eq!(find(&items, "resolution-target").at, utc(3, 20, 13, 0));
        assert_eq!(wall(&items, "post-review"), "2026-03-24 09:00");
        // Deadlines counted in hours stay elapsed hours.
        assert_eq!(find(&items, "first-response").at, utc(3, 6, 16, 0));
        assert_eq!(find(&items, "customer-call").at, utc(3, 7, 14, 0));
    }

    #[test]
    fn new_york_p1_checkpoints_keep_09_00_after_fall_back() {
        // Friday 30 October 2026, 09:00 EDT (UTC-4); clocks go back on Sunday 1 November.
        let e = escalation(utc(10, 30, 13, 0));
        let items = timeline(&e, &eff(ProductFailure, P1, &[]), &New_York);
        assert_eq!(find(&items, "checkpoint-1").at, utc(10, 31, 13, 0));
        assert_eq!(
            find(&items, "checkpoint-2").at,
            utc(11, 1, 14, 0),
            "09:00 EST"
        );
        assert_eq!(find(&items, "checkpoint-3").at, utc(11, 2, 14, 0));
        assert_eq!(wall(&items, "checkpoint-2"), "2026-11-01 09:00");
        assert_eq!(wall(&items, "resolution-target"), "2026-11-13 09:00");
    }

    #[test]
    fn berlin_p2_meetings_after_spring_forward_are_at_their_local_hours() {
        // Friday 27 March 2026, 10:00 CET (UTC+1); clocks go forward on Sunday 29 March.
        let e = escalation(utc(3, 27, 9, 0));
        let items = timeline(&e, &eff(ServiceGap, P2, &[]), &Berlin);
        assert_eq!(
            find(&items, "internal-call").at,
            utc(3, 30, 8, 0),
            "10:00 CEST"
        );
        assert_eq!(wall(&items, "internal-call"), "2026-03-30 10:00");
        assert_eq!(
            find(&items, "customer-call").at,
            utc(3, 31, 12, 0),
            "14:00 CEST"
        );
        assert_eq!(find(&items, "checkpoint-1").at, utc(3, 31, 8, 0));
        assert_eq!(wall(&items, "checkpoint-1"), "2026-03-31 10:00");
    }

    #[test]
    fn berlin_p1_checkpoints_keep_10_00_after_fall_back() {
        // Friday 23 October 2026, 10:00 CEST (UTC+2); clocks go back on Sunday 25 October.
        let e = escalation(utc(10, 23, 8, 0));
        let items = timeline(&e, &eff(ProductFailure, P1, &[]), &Berlin);
        assert_eq!(find(&items, "checkpoint-1").at, utc(10, 24, 8, 0));
        assert_eq!(
            find(&items, "checkpoint-2").at,
            utc(10, 25, 9, 0),
            "10:00 CET"
        );
        assert_eq!(wall(&items, "checkpoint-2"), "2026-10-25 10:00");
        assert_eq!(find(&items, "progress-review").at, utc(10, 30, 9, 0));
    }

    #[test]
    fn stakeholder_deadlines_after_a_change_show_the_local_time() {
        // Friday 6 March 2026, 16:00 EST: the P2 internal call is Monday 9 March, 10:00 EDT.
        let list = stakeholders(&eff(ProductFailure, P2, &[]), utc(3, 6, 21, 0), &New_York);
        assert_eq!(list[0].due, utc(3, 9, 14, 0));
        assert!(list[0]
            .line(&New_York, utc(3, 6, 21, 0), Lang::En)
            .ends_with("By 2026-03-09 10:00."));
    }

    #[test]
    fn edits_move_items_and_resort_the_timeline() {
        let mut e = escalation(utc(11, 19, 9, 0));
        e.edit_timeline("checkpoint-1", Some(utc(11, 24, 16, 30)));
        e.edit_timeline("checkpoint-9", Some(utc(11, 20, 0, 0)));
        let items = timeline(&e, &eff(ServiceGap, P2, &[]), &zone(0));
        let cp = find(&items, "checkpoint-1");
        assert!(cp.edited);
        assert_eq!(cp.at, utc(11, 24, 16, 30));
        assert_eq!(
            keys(&items)[2..5],
            ["customer-call", "checkpoint-1", "checkpoint-2"]
        );
        assert_eq!(items.len(), 11, "edits of unknown keys are ignored");
        assert_eq!(items.iter().filter(|i| i.edited).count(), 1);
    }

    #[test]
    fn milestones_have_labels_and_keys() {
        assert_eq!(Milestone::Checkpoint(3).key(), "checkpoint-3");
        assert_eq!(
            Milestone::Checkpoint(3).label(Lang::En),
            "Customer update 3"
        );
        assert_eq!(Milestone::Checkpoint(3).label(Lang::Zh), "客户进展通报 3");
        assert_eq!(Milestone::PostReview.label(Lang::Zh), "升级后复盘");
        let e = escalation(utc(11, 20, 17, 0));
        let items = timeline(&e, &eff(ServiceGap, P2, &[]), &zone(8));
        assert_eq!(
            items[0].line(Lang::En),
            "2026-11-21 03:00 · First customer response"
        );
    }

    #[test]
    fn the_calendar_has_one_event_per_timeline_item() {
        use icalendar::{Calendar, CalendarComponent, Component};
        let mut e = escalation(utc(11, 22, 9, 0));
        e.updated_at = utc(11, 22, 10, 0);
        e.can_fix = "Hotfix; then a review, with the CIO".into();
        let eff = eff(ServiceGap, P3, &[]);
        let items = timeline(&e, &eff, &zone(8));
        let text = calendar(&e, "Acme Corp", &items, Lang::Zh);
        assert!(text.contains("DTSTAMP:20261122T100000Z\r\n"));
        let cal: Calendar = text.parse().unwrap();
        let events: Vec<_> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(ev) => Some(ev.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), items.len());
        assert_eq!(events[0].get_uid(), Some("e1-first-response@casebook"));
        assert_eq!(
            events[0].get_summary(),
            Some("首次客户回复 · Acme Corp: Production outage for two days")
        );
        let untitled = calendar(&e, " ", &items, Lang::En);
        assert!(untitled
            .contains("SUMMARY:First customer response · Production outage for two days\r\n"));
        assert_eq!(
            events[0].get_description(),
            Some("Production outage for two days\n\nHotfix; then a review, with the CIO")
        );
    }
}
