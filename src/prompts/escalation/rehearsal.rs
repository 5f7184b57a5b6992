//! The rehearsal's messages to a model: the system prompt that makes it play the customer
//! contact (who they are, what they said, the type and severity, what they demand, the
//! difficulty) without ever breaking character, in the chosen output language; the
//! conversation so far as alternating turns; and the scoring prompt asking for a short
//! qualitative comment beside Casebook's deterministic checks. Also wires the record's
//! "must not promise" list and plan into the deterministic scorer.

use chrono::Utc;

use crate::domain::escalation::plan::stakeholders;
use crate::domain::escalation::rehearsal::score::{score, ScoreInputs, Scorecard};
use crate::domain::escalation::rehearsal::{Difficulty, Rehearsal, Speaker};
use crate::domain::escalation::rules::{EscalationType, Severity};
use crate::domain::escalation::{Effective, Escalation};
use crate::domain::form::Coded;
use crate::i18n::{Lang, Msg};
use crate::prompts::escalation::agendas::not_to_promise_keys;
use crate::prompts::OutputLanguage;

/// Who the model plays, and how.
#[derive(Clone, Copy, Debug)]
pub struct Persona<'a> {
    pub escalation: &'a Escalation,
    /// The customer's company name.
    pub account: &'a str,
    pub kind: EscalationType,
    pub severity: Severity,
    pub difficulty: Difficulty,
    /// The language the customer speaks.
    pub lang: Lang,
}

/// What a customer in this type of escalation demands.
fn demand(kind: EscalationType) -> Msg {
    match kind {
        EscalationType::ProductFailure => Msg::RehDemandProduct,
        EscalationType::ContractDispute => Msg::RehDemandContract,
        EscalationType::CompetitiveThreat => Msg::RehDemandCompetitive,
        EscalationType::RelationshipBreakdown => Msg::RehDemandRelationship,
        EscalationType::ServiceGap => Msg::RehDemandService,
    }
}

fn tone(difficulty: Difficulty) -> Msg {
    match difficulty {
        Difficulty::Calm => Msg::RehPromptCalm,
        Difficulty::Frustrated => Msg::RehPromptFrustrated,
        Difficulty::Hostile => Msg::RehPromptHostile,
    }
}

/// The text, or `fallback` when it is blank.
fn or(text: &str, fallback: Msg, lang: Lang) -> &str {
    match text.trim() {
        "" => fallback.text(lang),
        text => text,
    }
}

/// The system message making the model play the customer contact.
pub fn customer_system(p: &Persona) -> String {
    let lang = p.lang;
    let e = p.escalation;
    let name = or(&e.contact_name, Msg::RehSpeakerCustomer, lang);
    let demand = demand(p.kind).text(lang);
    let mut parts = vec![
        Msg::RehPromptRole.fill(
            lang,
            &[
                ("name", name),
                ("title", or(&e.contact_title, Msg::RehPromptContact, lang)),
                ("account", p.account),
            ],
        ),
        Msg::RehPromptSaid.fill(lang, &[("summary", e.summary.trim())]),
    ];
    if !e.underlying_issue.trim().is_empty() {
        parts.push(Msg::RehPromptIssue.fill(lang, &[("issue", e.underlying_issue.trim())]));
    }
    parts.push(Msg::RehPromptClass.fill(
        lang,
        &[
            ("kind", p.kind.label().text(lang)),
            ("severity", p.severity.label().text(lang)),
        ],
    ));
    parts.push(Msg::RehPromptDemand.fill(lang, &[("demand", demand)]));
    parts.push(tone(p.difficulty).text(lang).to_string());
    let rules = [
        Msg::RehPromptRuleCharacter.text(lang).to_string(),
        Msg::RehPromptRuleOnly.fill(lang, &[("name", name)]),
        Msg::RehPromptRulePush.fill(lang, &[("demand", demand)]),
    ];
    parts.push(rules.map(|r| format!("- {r}")).join("\n"));
    parts.push(answer_in(lang));
    parts.join("\n\n")
}

/// "Answer in English." in `lang`.
fn answer_in(lang: Lang) -> String {
    let language = OutputLanguage::of(lang).label().text(lang);
    Msg::PromptAnswerIn.fill(lang, &[("language", language)])
}

/// The conversation for the model: the call begins (said by the CSM's side, so the model
/// opens with the complaint), then every line; lines in a row by the same speaker are joined
/// so the turns alternate.
pub fn conversation(r: &Rehearsal) -> Vec<(Speaker, String)> {
    let start = Msg::RehCallStarts.text(r.output_lang).to_string();
    let mut turns = vec![(Speaker::Csm, start)];
    for t in &r.turns {
        match turns.last_mut() {
            Some((who, text)) if *who == t.who => {
                text.push_str("\n\n");
                text.push_str(&t.text);
            }
            _ => turns.push((t.who, t.text.clone())),
        }
    }
    turns
}

/// The system message asking for the coach's comment.
pub fn scoring_system(lang: Lang) -> String {
    [
        Msg::RehScoreRole.text(lang).to_string(),
        Msg::RehScoreFormat.text(lang).to_string(),
        answer_in(lang),
    ]
    .join("\n\n")
}

/// The user message for the coach's comment: the transcript and Casebook's own checks.
pub fn scoring_user(r: &Rehearsal, card: &Scorecard, contact: &str) -> String {
    let lang = r.output_lang;
    let customer = or(contact, Msg::RehSpeakerCustomer, lang);
    let lines = r
        .turns
        .iter()
        .map(|t| match t.who {
            Speaker::Csm => format!("{}: {}", Msg::RehPromptCsm.text(lang), t.text),
            Speaker::Customer => format!("{customer}: {}", t.text),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let checks = card
        .checks
        .iter()
        .map(|c| {
            let mark = if c.passed { "✓" } else { "✗" };
            let quote = c
                .quote
                .as_ref()
                .map(|q| format!(" «{q}»"))
                .unwrap_or_default();
            let label = c.check.label().text(lang);
            format!("- {mark} {label}: {}{quote}", c.describe(lang))
        })
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "{}\n\n{lines}\n\n{}\n\n{checks}",
        Msg::RehScoreTranscript.text(lang),
        Msg::RehScoreChecksIntro.text(lang)
    )
}

/// Scores a rehearsal against its escalation: the record's "must not promise" list and the
/// stakeholders of the effective classification, the names the record gives them, and its
/// can-fix text as the dates that may be promised.
pub fn score_rehearsal(r: &Rehearsal, e: &Escalation, eff: &Effective) -> Scorecard {
    let forbidden = not_to_promise_keys(eff.kind, eff.severity);
    let roles: Vec<_> = stakeholders(eff, e.received_at, &Utc)
        .into_iter()
        .map(|s| s.role)
        .collect();
    score(
        &r.turns,
        &ScoreInputs {
            forbidden: &forbidden,
            roles: &roles,
            known: &e.stakeholders,
            confirmed: &e.can_fix,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draft::DraftSource;
    use crate::domain::escalation::plan::Role;
    use crate::domain::escalation::rehearsal::score::Check;
    use crate::domain::escalation::rehearsal::Setup;
    use crate::domain::escalation::rules::Signal;
    use chrono::{DateTime, TimeZone};

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn escalation() -> Escalation {
        let mut e = Escalation::new("e1".into(), at());
        e.contact_name = "Li Wei".into();
        e.contact_title = "CIO".into();
        e.summary = "Exports have failed for two days; the CIO threatens to cancel.".into();
        e.underlying_issue = "Export workers time out on large tenants.".into();
        e.can_fix = "A patch for the export timeout ships on Friday.".into();
        e.stakeholders = "Engineering: Zhang Wei".into();
        e
    }

    fn persona(e: &Escalation, difficulty: Difficulty, lang: Lang) -> Persona<'_> {
        Persona {
            escalation: e,
            account: "Acme Corp",
            kind: EscalationType::ProductFailure,
            severity: Severity::P1,
            difficulty,
            lang,
        }
    }

    fn rehearsal(lang: Lang) -> Rehearsal {
        Rehearsal::new(
            "r1".into(),
            "e1".into(),
            Setup {
                difficulty: Difficulty::Frustrated,
                output_lang: lang,
                source: DraftSource::BuiltIn,
                kind: EscalationType::ProductFailure,
                severity: Severity::P1,
            },
            at(),
        )
    }

    #[test]
    fn the_customer_prompt_carries_the_record_and_the_rules() {
        let e = escalation();
        let system = customer_system(&persona(&e, Difficulty::Hostile, Lang::En));
        for part in [
            "Li Wei, CIO at Acme Corp",
            "Exports have failed for two days",
            "Export workers time out",
            "Product failure",
            "P1",
            Msg::RehDemandProduct.text(Lang::En),
            Msg::RehPromptHostile.text(Lang::En),
            "Never break character",
            "Answer in English.",
        ] {
            assert!(system.contains(part), "{part:?} missing from:\n{system}");
        }
        let zh = customer_system(&persona(&e, Difficulty::Calm, Lang::Zh));
        assert!(zh.contains("请用简体中文回答。"), "{zh}");
        assert!(zh.contains(Msg::RehPromptCalm.text(Lang::Zh)));
        assert!(!zh.contains(Msg::RehPromptHostile.text(Lang::Zh)));
    }

    #[test]
    fn a_missing_title_and_issue_are_left_out_plainly() {
        let mut e = escalation();
        e.contact_title = String::new();
        e.underlying_issue = " ".into();
        let system = customer_system(&persona(&e, Difficulty::Calm, Lang::En));
        assert!(system.contains(&format!(
            "Li Wei, {} at",
            Msg::RehPromptContact.text(Lang::En)
        )));
        assert!(!system.contains(&Msg::RehPromptIssue.fill(Lang::En, &[("issue", "")])));
    }

    #[test]
    fn every_type_has_its_own_demand() {
        let mut seen: Vec<Msg> = EscalationType::ALL.iter().map(|k| demand(*k)).collect();
        seen.dedup();
        assert_eq!(seen.len(), EscalationType::ALL.len());
    }

    #[test]
    fn the_conversation_opens_with_the_call_and_alternates() {
        let mut r = rehearsal(Lang::Zh);
        r.say(Speaker::Customer, "导出两天都失败了。", at());
        r.say(Speaker::Csm, "非常抱歉。", at());
        r.say(Speaker::Csm, "我们正在排查。", at());
        let turns = conversation(&r);
        assert_eq!(
            turns,
            [
                (Speaker::Csm, Msg::RehCallStarts.text(Lang::Zh).to_string()),
                (Speaker::Customer, "导出两天都失败了。".to_string()),
                (Speaker::Csm, "非常抱歉。\n\n我们正在排查。".to_string()),
            ]
        );
    }

    #[test]
    fn the_scoring_prompt_has_the_transcript_and_the_checks() {
        let e = escalation();
        let mut r = rehearsal(Lang::En);
        r.say(Speaker::Customer, "When will it be fixed?", at());
        r.say(Speaker::Csm, "We'll give you a credit.", at());
        let eff = e.effective(None, at().date_naive());
        let card = score_rehearsal(&r, &e, &eff);
        let user = scoring_user(&r, &card, &e.contact_name);
        assert!(user.contains("Li Wei: When will it be fixed?"), "{user}");
        assert!(user.contains("CSM: We'll give you a credit."), "{user}");
        assert!(
            user.contains("✗ Nothing from the “must not promise” list"),
            "{user}"
        );
        assert!(user.contains("«We'll give you a credit»"), "{user}");
        let system = scoring_system(Lang::Zh);
        assert!(system.contains(Msg::RehScoreRole.text(Lang::Zh)));
        assert!(system.ends_with("请用简体中文回答。"));
    }

    #[test]
    fn scoring_uses_the_records_list_plan_and_names() {
        let e = escalation();
        let eff = Effective {
            kind: EscalationType::CompetitiveThreat,
            severity: Severity::P3,
            signals: vec![Signal::OutageOrDataLoss],
            overridden: None,
        };
        let mut r = rehearsal(Lang::En);
        r.say(
            Speaker::Csm,
            "Zhang Wei and our support team are on it.",
            at(),
        );
        r.say(Speaker::Csm, "We will match their price.", at());
        let card = score_rehearsal(&r, &e, &eff);
        let get = |c: Check| card.checks.iter().find(|x| x.check == c).unwrap();
        assert!(get(Check::Stakeholders).passed, "{card:#?}");
        assert!(
            !get(Check::NoForbiddenPromise).passed,
            "a competitive threat forbids a price match"
        );
        // A product failure's list has no price match, and the outage signal brings engineering.
        let eff = Effective {
            kind: EscalationType::ProductFailure,
            ..eff
        };
        let card = score_rehearsal(&r, &e, &eff);
        let get = |c: Check| card.checks.iter().find(|x| x.check == c).unwrap();
        assert!(get(Check::NoForbiddenPromise).passed);
        let mut nameless = e.clone();
        nameless.stakeholders = String::new();
        let card = score_rehearsal(&r, &nameless, &eff);
        let s = card
            .checks
            .iter()
            .find(|x| x.check == Check::Stakeholders)
            .unwrap();
        assert_eq!(s.missing, ["engineering"]);
        assert!(stakeholders(&eff, e.received_at, &Utc)
            .iter()
            .any(|s| s.role == Role::Engineering));
    }
}
