//! The built-in customer: plays the escalation's contact without a model. It opens with the
//! complaint from the record (the summary, in the difficulty's tone), then raises the scripted
//! objections of the escalation type in order — a fix date, a refund, a price match, a
//! dedicated team, faster answers — with the severity's threat (at P1 non-renewal and the
//! CEO, second; at P2 the report to their leadership, last), each led in by the difficulty's
//! tone, and finally stays with the difficulty's closing line. Every text is in the table.

use crate::domain::escalation::rehearsal::Difficulty;
use crate::domain::escalation::rules::{EscalationType, Severity};
use crate::domain::escalation::Escalation;
use crate::domain::record::excerpt;
use crate::i18n::{Lang, Msg};

/// The objections of each type, in the order they are raised.
fn objections(kind: EscalationType) -> [Msg; 3] {
    match kind {
        EscalationType::ProductFailure => [
            Msg::RehObjProductDate,
            Msg::RehObjProductAgain,
            Msg::RehObjProductCredit,
        ],
        EscalationType::ContractDispute => [
            Msg::RehObjContractRefund,
            Msg::RehObjContractBreach,
            Msg::RehObjContractInvoices,
        ],
        EscalationType::CompetitiveThreat => [
            Msg::RehObjCompetitorPrice,
            Msg::RehObjCompetitorReason,
            Msg::RehObjCompetitorDeadline,
        ],
        EscalationType::RelationshipBreakdown => [
            Msg::RehObjRelationshipOwner,
            Msg::RehObjRelationshipTeam,
            Msg::RehObjRelationshipCalls,
        ],
        EscalationType::ServiceGap => [
            Msg::RehObjServiceHour,
            Msg::RehObjServicePaying,
            Msg::RehObjServiceWho,
        ],
    }
}

/// The customer's lines after the opening, in order.
pub fn script(kind: EscalationType, severity: Severity, difficulty: Difficulty) -> Vec<Msg> {
    let mut lines = objections(kind).to_vec();
    match severity {
        Severity::P1 => lines.insert(1, Msg::RehThreatP1),
        Severity::P2 => lines.push(Msg::RehThreatP2),
        Severity::P3 => {}
    }
    if difficulty == Difficulty::Hostile {
        lines.push(Msg::RehHostileWriting);
    }
    lines
}

/// The tone that leads into each objection, by turns.
fn lead_ins(difficulty: Difficulty) -> [Msg; 2] {
    match difficulty {
        Difficulty::Calm => [Msg::RehLeadCalm1, Msg::RehLeadCalm2],
        Difficulty::Frustrated => [Msg::RehLeadFrustrated1, Msg::RehLeadFrustrated2],
        Difficulty::Hostile => [Msg::RehLeadHostile1, Msg::RehLeadHostile2],
    }
}

/// The customer's first line: the complaint from the record, in the difficulty's tone.
pub fn opening(escalation: &Escalation, difficulty: Difficulty, lang: Lang) -> String {
    let msg = match difficulty {
        Difficulty::Calm => Msg::RehOpenCalm,
        Difficulty::Frustrated => Msg::RehOpenFrustrated,
        Difficulty::Hostile => Msg::RehOpenHostile,
    };
    let name = match escalation.contact_name.trim() {
        "" => Msg::RehSpeakerCustomer.text(lang),
        name => name,
    };
    let mut summary = excerpt(&escalation.summary, 320);
    if !summary.ends_with(['.', '!', '?', '…', '"', '”', '。', '！', '？']) {
        summary.push(if lang == Lang::En { '.' } else { '。' });
    }
    msg.fill(lang, &[("name", name), ("summary", &summary)])
}

/// The customer's answer number `n` (from 0) after the opening.
pub fn reply(
    kind: EscalationType,
    severity: Severity,
    difficulty: Difficulty,
    lang: Lang,
    n: usize,
) -> String {
    let Some(line) = script(kind, severity, difficulty).get(n).copied() else {
        let closing = match difficulty {
            Difficulty::Calm => Msg::RehCloseCalm,
            Difficulty::Frustrated => Msg::RehCloseFrustrated,
            Difficulty::Hostile => Msg::RehCloseHostile,
        };
        return closing.text(lang).to_string();
    };
    let lead = lead_ins(difficulty)[n % 2].text(lang);
    let gap = if lang == Lang::En { " " } else { "" };
    format!("{lead}{gap}{}", line.text(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use EscalationType::*;

    fn escalation() -> Escalation {
        let mut e = Escalation::new(
            "e1".into(),
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
        );
        e.contact_name = "Li Wei".into();
        e.summary = "Exports have failed for two days;\n the CIO threatens to cancel.".into();
        e
    }

    #[test]
    fn the_opening_is_the_records_complaint_in_the_difficultys_tone() {
        let e = escalation();
        let calm = opening(&e, Difficulty::Calm, Lang::En);
        assert!(calm.contains("Li Wei"), "{calm}");
        let mut unfinished = e.clone();
        unfinished.summary = "宕机两天".into();
        assert!(opening(&unfinished, Difficulty::Calm, Lang::Zh).contains("宕机两天。我想"));
        assert!(calm.contains("Exports have failed for two days; the CIO threatens to cancel."));
        let hostile = opening(&e, Difficulty::Hostile, Lang::Zh);
        assert!(hostile.contains("Exports have failed"), "{hostile}");
        assert_ne!(calm, opening(&e, Difficulty::Frustrated, Lang::En));
        let mut nameless = e.clone();
        nameless.contact_name = " ".into();
        assert!(opening(&nameless, Difficulty::Calm, Lang::En).contains("Customer"));
    }

    #[test]
    fn a_p1_product_failure_asks_for_a_date_then_threatens_then_wants_credits() {
        let lines = script(ProductFailure, Severity::P1, Difficulty::Calm);
        assert_eq!(
            lines,
            [
                Msg::RehObjProductDate,
                Msg::RehThreatP1,
                Msg::RehObjProductAgain,
                Msg::RehObjProductCredit
            ]
        );
        assert!(Msg::RehThreatP1.text(Lang::En).contains("not renew"));
        assert!(Msg::RehObjProductCredit.text(Lang::En).contains("credit"));
    }

    #[test]
    fn severity_and_difficulty_change_the_script() {
        let p3 = script(CompetitiveThreat, Severity::P3, Difficulty::Frustrated);
        assert_eq!(p3.len(), 3);
        assert_eq!(p3[0], Msg::RehObjCompetitorPrice);
        let p2 = script(ContractDispute, Severity::P2, Difficulty::Hostile);
        assert_eq!(p2[3], Msg::RehThreatP2);
        assert_eq!(p2[4], Msg::RehHostileWriting);
        for kind in [
            ProductFailure,
            ContractDispute,
            CompetitiveThreat,
            RelationshipBreakdown,
            ServiceGap,
        ] {
            let mut all = objections(kind).to_vec();
            all.dedup();
            assert_eq!(all.len(), 3, "{kind:?}");
        }
    }

    #[test]
    fn replies_come_in_order_with_a_lead_in_then_the_closing_line() {
        let first = reply(ServiceGap, Severity::P3, Difficulty::Hostile, Lang::En, 0);
        assert_eq!(
            first,
            format!(
                "{} {}",
                Msg::RehLeadHostile1.text(Lang::En),
                Msg::RehObjServiceHour.text(Lang::En)
            )
        );
        let zh = reply(ServiceGap, Severity::P3, Difficulty::Calm, Lang::Zh, 1);
        assert_eq!(
            zh,
            format!(
                "{}{}",
                Msg::RehLeadCalm2.text(Lang::Zh),
                Msg::RehObjServicePaying.text(Lang::Zh)
            )
        );
        let after = reply(ServiceGap, Severity::P3, Difficulty::Calm, Lang::En, 3);
        assert_eq!(after, Msg::RehCloseCalm.text(Lang::En));
        assert_eq!(
            reply(ServiceGap, Severity::P3, Difficulty::Calm, Lang::En, 9),
            after,
            "the closing line repeats"
        );
    }
}
