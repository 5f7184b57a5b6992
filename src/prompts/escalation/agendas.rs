//! The agendas of an escalation's two meetings (the internal resolution call and the
//! customer conversation): the points to cover by type and severity, what may be promised
//! (the record's can-fix text, the next update) and what must not be, and the customer-update
//! cadence they quote.

use chrono::NaiveDateTime;

use crate::domain::escalation::plan::{format_local, Milestone, TimelineItem};
use crate::domain::escalation::rules::{EscalationType, Severity};
use crate::domain::escalation::{Effective, Escalation};
use crate::i18n::{Lang, Msg};

use EscalationType::*;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::escalation::plan::timeline;
    use crate::domain::escalation::rules::Signal;
    use chrono::{DateTime, FixedOffset, TimeZone, Utc};
    use Severity::{P1, P2, P3};

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

    fn escalation(received: DateTime<Utc>) -> Escalation {
        let mut e = Escalation::new("e1".into(), received);
        e.summary = "Production outage for two days".into();
        e
    }

    fn texts(msgs: &[Msg]) -> Vec<String> {
        msgs.iter().map(|m| m.text(Lang::En).to_string()).collect()
    }

    #[test]
    fn meetings_have_labels() {
        assert_eq!(Meeting::CustomerCall.label(), Msg::EscItemCustomerCall);
        assert_eq!(Meeting::InternalCall.label(), Msg::EscItemInternalCall);
    }

    #[test]
    fn what_not_to_promise_depends_on_type_and_severity() {
        assert_eq!(
            not_to_promise(ProductFailure, P3, Lang::En),
            texts(&[
                Msg::EscNoFixDate,
                Msg::EscNoCredit,
                Msg::EscNoRoadmap,
                Msg::EscNoBlame,
                Msg::EscNoNeverAgain
            ])
        );
        let list = not_to_promise(ContractDispute, P1, Lang::En);
        assert_eq!(list.len(), 6);
        assert_eq!(list[4], Msg::EscNoLegalPosition.text(Lang::En));
        assert_eq!(list[5], Msg::EscNoExecOutcome.text(Lang::En));
        let zh = not_to_promise(CompetitiveThreat, P2, Lang::Zh);
        assert_eq!(zh.len(), 5);
        assert!(zh[4].contains("竞争对手"));
    }

    #[test]
    fn internal_agenda_for_a_p1_contract_dispute() {
        let e = escalation(utc(11, 19, 9, 0));
        let eff = eff(ContractDispute, P1, &[]);
        let items = timeline(&e, &eff, &zone(0));
        let a = agenda(Meeting::InternalCall, &e, &eff, &items, Lang::En);
        assert_eq!(
            a.points,
            texts(&[
                Msg::EscAgIntFacts,
                Msg::EscAgIntCause,
                Msg::EscAgIntContract,
                Msg::EscAgIntLegal,
                Msg::EscAgIntSponsor,
                Msg::EscAgIntRisk,
                Msg::EscAgIntOwners
            ])
        );
        assert_eq!(a.at.map(format_local).as_deref(), Some("2026-11-19 13:00"));
        assert_eq!(
            a.must_not_promise,
            not_to_promise(ContractDispute, P1, Lang::En)
        );
    }

    #[test]
    fn customer_agenda_for_a_p3_product_failure() {
        let e = escalation(utc(11, 19, 9, 0));
        let eff = eff(ProductFailure, P3, &[]);
        let items = timeline(&e, &eff, &zone(0));
        let a = agenda(Meeting::CustomerCall, &e, &eff, &items, Lang::En);
        assert_eq!(
            a.points,
            texts(&[
                Msg::EscAgCustAcknowledge,
                Msg::EscAgCustKnown,
                Msg::EscAgCustProduct,
                Msg::EscAgCustNextSteps
            ])
        );
        let p1 = agenda(
            Meeting::CustomerCall,
            &e,
            &Effective {
                severity: P1,
                ..eff
            },
            &items,
            Lang::En,
        );
        assert_eq!(p1.points[1], Msg::EscAgCustSponsor.text(Lang::En));
    }

    #[test]
    fn may_promise_uses_can_fix_and_the_next_checkpoint_after_the_meeting() {
        // P2 from Thursday 19: customer call Monday 23 14:00, after checkpoint 1 (09:00).
        let mut e = escalation(utc(11, 19, 9, 0));
        e.can_fix = "  Patch on 26 Nov ".into();
        let eff = eff(ServiceGap, P2, &[]);
        let items = timeline(&e, &eff, &zone(0));
        let a = agenda(Meeting::CustomerCall, &e, &eff, &items, Lang::En);
        assert_eq!(
            a.may_promise,
            [
                "What we can fix and when, as confirmed: Patch on 26 Nov",
                "The next update on 2026-11-25 09:00, then every 2 business days."
            ]
        );
        let internal = agenda(Meeting::InternalCall, &e, &eff, &items, Lang::Zh);
        assert_eq!(
            internal.may_promise[1],
            "下次通报在 2026-11-23 09:00，之后每 2 个工作日一次。"
        );
    }

    #[test]
    fn without_a_can_fix_text_we_only_promise_the_investigation() {
        let e = escalation(utc(11, 19, 9, 0));
        let eff = eff(ServiceGap, P3, &[]);
        let items = timeline(&e, &eff, &zone(0));
        let a = agenda(Meeting::CustomerCall, &e, &eff, &items, Lang::Zh);
        assert_eq!(a.may_promise[0], Msg::EscMayInvestigating.text(Lang::Zh));
        assert!(a.may_promise[1].ends_with("之后每周一次。"));
    }
}
