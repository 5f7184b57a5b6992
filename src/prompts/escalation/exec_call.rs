//! Escalations, guided prompt 2, “Executive call prep” (seed prompt 高管升级通话准备): getting
//! ready for a call with the customer's executive who demanded one. Owns its form, the prefill
//! from the escalation record and its built-in drafter (agenda, opening, venting, three
//! scenarios, closing).

use crate::domain::form::{FieldKind, FieldSpec, FormValues};
use crate::domain::record::excerpt;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::escalation::response_plan::risky_promises;
use crate::prompts::{
    bare, bullets, escalation::facts, example_values, list_item, one_line, PromptRequest,
    PromptSpec, RecordContext, ACCOUNT_FIELD,
};

pub const ID: &str = "escalation.exec_call";

const ACCOUNT_CONTEXT: FieldSpec = FieldSpec::new(
    "account_context",
    Msg::PlanFieldAccountContext,
    FieldKind::Text,
);
const EXEC_NAME: FieldSpec =
    FieldSpec::new("exec_name", Msg::ExecFieldName, FieldKind::Text).required();
const EXEC_TITLE: FieldSpec = FieldSpec::new("exec_title", Msg::FieldContactTitle, FieldKind::Text);
const ISSUE: FieldSpec = FieldSpec::new("issue", Msg::ExecFieldIssue, FieldKind::LongText)
    .required()
    .help(Msg::ExecHelpIssue);
const HISTORY: FieldSpec = FieldSpec::new("history", Msg::ExecFieldHistory, FieldKind::LongText)
    .help(Msg::PromptHelpTimeline);
const ACTIONS: FieldSpec = FieldSpec::new("actions", Msg::ExecFieldActions, FieldKind::LongText);
const UNRESOLVED: FieldSpec =
    FieldSpec::new("unresolved", Msg::ExecFieldUnresolved, FieldKind::LongText);
const CAN_OFFER: FieldSpec =
    FieldSpec::new("can_offer", Msg::ExecFieldCanOffer, FieldKind::LongText)
        .help(Msg::ExecHelpCanOffer);
const CANNOT_OFFER: FieldSpec = FieldSpec::new(
    "cannot_offer",
    Msg::ExecFieldCannotOffer,
    FieldKind::LongText,
)
.help(Msg::ExecHelpCannotOffer);

pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Escalations,
    title: Msg::ExecTitle,
    intro: Msg::ExecIntro,
    task: Msg::ExecTask,
    fields: &[
        ACCOUNT_FIELD,
        ACCOUNT_CONTEXT,
        EXEC_NAME,
        EXEC_TITLE,
        ISSUE,
        HISTORY,
        ACTIONS,
        UNRESOLVED,
        CAN_OFFER,
        CANNOT_OFFER,
    ],
    rules: &[
        Msg::ExecRuleAgenda,
        Msg::ExecRuleScenarios,
        Msg::ExecRuleClose,
    ],
    sections: &[
        Msg::ExecSectionAgenda,
        Msg::ExecSectionOpening,
        Msg::ExecSectionVenting,
        Msg::ExecSectionScenarios,
        Msg::ExecSectionClosing,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// The form filled from the escalation: its contact as the executive, its summary as the
/// issue, its event log as the history, its underlying issue as unresolved and its can-fix
/// text as what we can offer. `None` for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (e, account) = facts::escalation(ctx)?;
    let mut form: FormValues = facts::account_fields(account, lang).into_iter().collect();
    form.extend([
        (EXEC_NAME.key, e.contact_name.clone()),
        (EXEC_TITLE.key, e.contact_title.clone()),
        (ISSUE.key, e.summary.clone()),
        (HISTORY.key, facts::event_lines(e, ctx.zone, lang)),
        (ACTIONS.key, String::new()),
        (UNRESOLVED.key, e.underlying_issue.clone()),
        (CAN_OFFER.key, e.can_fix.clone()),
        (CANNOT_OFFER.key, String::new()),
    ]);
    Some(form)
}

/// The shared example escalation, prepared for an executive call, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (ACCOUNT_FIELD.key, Msg::PromptExAccount),
            (ACCOUNT_CONTEXT.key, Msg::PromptExAccountContext),
            (EXEC_NAME.key, Msg::PromptExContactName),
            (EXEC_TITLE.key, Msg::PromptExContactTitle),
            (ISSUE.key, Msg::PromptExSummary),
            (HISTORY.key, Msg::PromptExHistory),
            (ACTIONS.key, Msg::PromptExActions),
            (UNRESOLVED.key, Msg::PromptExIssue),
            (CAN_OFFER.key, Msg::PromptExCanFix),
            (CANNOT_OFFER.key, Msg::ExecExCannotOffer),
        ],
    )
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let name = req.inline_or_missing(&EXEC_NAME);
    let account = req.inline_or_missing(&ACCOUNT_FIELD);
    let can_offer = req.clause(&CAN_OFFER);
    let cannot = bare(&req.value_or_fact(&CANNOT_OFFER, Msg::FactNotToPromise));
    let next = req.next_update();
    let issue = match excerpt(req.value(&ISSUE), 200) {
        i if i.is_empty() => req.missing(&ISSUE),
        i => i,
    };
    let (actions_label, actions) = match bullets(req.value(&ACTIONS)) {
        a if a.is_empty() => (
            HISTORY.label,
            req.value_or_fact(&HISTORY, Msg::FactEventLog),
        ),
        a => (ACTIONS.label, a),
    };
    let team = req
        .fact(Msg::FactStakeholders)
        .map_or_else(|| req.text(Msg::ExecTeamFallback).to_string(), one_line);

    let agenda = format!(
        "{}\n\n{}\n{}\n{}\n{}\n{}\n\n{}",
        Msg::ExecAgendaFor.fill(
            lang,
            &[
                ("name", &name),
                ("title", &req.inline_or_missing(&EXEC_TITLE)),
                ("account", &account),
                ("severity", &req.classification()),
            ],
        ),
        req.text(Msg::ExecAgenda1),
        req.text(Msg::ExecAgenda2),
        req.text(Msg::ExecAgenda3),
        Msg::ExecAgenda4.fill(lang, &[("offer", &can_offer)]),
        Msg::ExecAgenda5.fill(lang, &[("next", &next)]),
        list_item(lang, req.text(actions_label), &actions),
    );
    let opening = format!(
        "{}\n\n{}",
        Msg::ExecOpening.fill(
            lang,
            &[("name", &name), ("account", &account), ("issue", &issue)]
        ),
        req.text(Msg::ExecOpeningTip)
    );
    let mut venting = [
        req.text(Msg::ExecVent1).to_string(),
        Msg::ExecVent2.fill(lang, &[("account", &account)]),
        req.text(Msg::ExecVent3).to_string(),
        Msg::ExecVent4.fill(lang, &[("next", &next)]),
    ]
    .iter()
    .map(|l| format!("- {l}"))
    .collect::<Vec<_>>()
    .join("\n");
    venting.push_str(&format!("\n\n{}", req.field_line(&UNRESOLVED)));
    let venting = req.with_fact(venting, Msg::FactSignals);
    let scenarios = [
        (
            Msg::ExecScenarioDate,
            Msg::ExecReplyDate.fill(lang, &[("offer", &can_offer), ("next", &next)]),
        ),
        (
            Msg::ExecScenarioCancel,
            Msg::ExecReplyCancel.fill(
                lang,
                &[("offer", &can_offer), ("cannot", &cannot), ("next", &next)],
            ),
        ),
        (
            Msg::ExecScenarioTrust,
            Msg::ExecReplyTrust.fill(lang, &[("team", &team)]),
        ),
    ]
    .iter()
    .enumerate()
    .map(|(i, (case, reply))| format!("### {}. {}\n\n{reply}", i + 1, req.text(*case)))
    .collect::<Vec<_>>()
    .join("\n\n");
    let closing = format!(
        "{}\n\n{}\n{}\n{}\n\n{}\n\n{}\n{}",
        req.text(Msg::ExecCloseIntro),
        list_item(lang, req.text(Msg::ExecCloseWill), &can_offer),
        list_item(lang, req.text(Msg::ExecCloseWillNot), &cannot),
        list_item(lang, req.text(Msg::ExecCloseNext), &next),
        req.text(Msg::ExecCloseSummary),
        req.text(Msg::PlanNotPromiseIntro),
        risky_promises(req, req.value(&CAN_OFFER)),
    );
    vec![agenda, opening, venting, scenarios, closing]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::record::AnyRecord;
    use crate::prompts::escalation::facts::tests::{
        accounts, context, draft_of, escalation, headings_in_order, now, sample_facts, section,
        set_fact,
    };

    fn form(lang: Lang) -> FormValues {
        let record = AnyRecord::Escalation(escalation());
        prefill(&context(&record, &accounts()), lang).unwrap()
    }

    #[test]
    fn prefill_reads_the_escalation_and_its_account() {
        let form = form(Lang::En);
        assert_eq!(form["account"], "Acme Corp");
        assert_eq!(
            form["account_context"],
            "Strategic · ARR USD 1,200,000 · renews 2027-01-15"
        );
        assert_eq!(form["exec_name"], "Li Wei");
        assert_eq!(form["exec_title"], "CIO");
        assert_eq!(form["issue"], escalation().summary);
        assert!(form["history"].starts_with("2026-11-23 16:15 (UTC+08:00) · Escalation received\n"));
        assert_eq!(form["unresolved"], escalation().underlying_issue);
        assert_eq!(form["can_offer"], escalation().can_fix);
        assert_eq!(form.len(), SPEC.fields.len());
    }

    #[test]
    fn prefill_is_only_for_escalations() {
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        assert!(prefill(&context(&record, &accounts()), Lang::En).is_none());
    }

    #[test]
    fn english_draft_builds_on_inputs_and_facts() {
        let text = draft_of(&SPEC, &form(Lang::En), &sample_facts(Lang::En), Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En), "{text}");
        let agenda = section(&text, Msg::ExecSectionAgenda, Lang::En);
        assert!(agenda.starts_with(
            "For a 15–30 minute call with Li Wei (CIO) of Acme Corp. Severity: P1 · executive · Product failure."
        ));
        assert!(agenda.contains("next update (2026-11-24 16:15)"));
        assert!(
            agenda.contains("Escalation received"),
            "history stands in for actions"
        );
        let opening = section(&text, Msg::ExecSectionOpening, Lang::En);
        assert!(opening.starts_with("“Li Wei, thank you"));
        assert!(opening.contains("Sync has been down for two days."));
        let venting = section(&text, Msg::ExecSectionVenting, Lang::En);
        assert!(venting.contains("- **Still unresolved:** The nightly sync job fails"));
        assert!(venting.contains("cancellation, non-renewal or legal action threatened"));
        let closing = section(&text, Msg::ExecSectionClosing, Lang::En);
        assert!(closing.contains("- **We will:** A hotfix for the sync job by Friday 18:00"));
        assert!(closing.contains("- **Next update:** 2026-11-24 16:15"));
    }

    #[test]
    fn three_scenarios_each_with_a_response() {
        let text = draft_of(&SPEC, &example(Lang::En), &[], Lang::En);
        let body = section(&text, Msg::ExecSectionScenarios, Lang::En);
        for n in ["### 1. ", "### 2. ", "### 3. "] {
            assert!(body.contains(n), "{n}");
        }
        assert_eq!(body.matches("### ").count(), 3);
        assert!(
            body.contains("(No service credit beyond one month; no date for the sync redesign)")
        );
        assert!(!body.contains(".."), "no doubled full stops");
        assert!(
            body.contains("within 24 hours"),
            "no facts: a relative next update"
        );
    }

    #[test]
    fn chinese_draft_builds_on_inputs_and_facts() {
        let text = draft_of(&SPEC, &example(Lang::Zh), &sample_facts(Lang::Zh), Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        assert!(text.contains("王芳"));
        assert!(text.contains("P1 · 高管介入"));
        assert!(text.contains(Msg::PromptExCanFix.text(Lang::Zh)));
        assert!(text.contains("2026-11-24 16:15"));
        assert!(!text.contains("Opening statement"));
    }

    #[test]
    fn stakeholders_and_not_to_promise_facts_are_used_when_given() {
        let mut facts = sample_facts(Lang::En);
        set_fact(
            &mut facts,
            Msg::FactStakeholders,
            "VP Engineering (Raj)".into(),
        );
        set_fact(&mut facts, Msg::FactNotToPromise, "no credits".into());
        let text = draft_of(&SPEC, &form(Lang::En), &facts, Lang::En);
        let scenarios = section(&text, Msg::ExecSectionScenarios, Lang::En);
        assert!(scenarios.contains("VP Engineering (Raj)"));
        assert!(scenarios.contains("no credits"));
        let closing = section(&text, Msg::ExecSectionClosing, Lang::En);
        assert!(closing.contains("- **Not promised:** no credits"));
    }

    #[test]
    fn empty_form_says_what_to_add() {
        let text = draft_of(&SPEC, &FormValues::new(), &[], Lang::En);
        assert!(text.contains("add “Executive's name” to the form"));
        assert!(text.contains("add “What we cannot offer” to the form"));
        assert!(text.contains("Severity: to be confirmed"));
    }
}
