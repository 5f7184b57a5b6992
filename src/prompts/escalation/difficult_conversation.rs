//! Escalations, guided prompt 4, “Difficult conversation script” (seed prompt 困难对话脚本):
//! telling a customer bad news honestly without losing them. Owns its form, the prefill from
//! the escalation record and its built-in drafter (opening, the news, reactions,
//! alternatives, close).

use crate::domain::form::{FieldKind, FieldSpec, FormValues};
use crate::domain::record::excerpt;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::escalation::response_plan::risky_promises;
use crate::prompts::{
    bare, bullets, escalation::facts, example_values, list_item, PromptRequest, PromptSpec,
    RecordContext, ACCOUNT_FIELD,
};

pub const ID: &str = "escalation.difficult_conversation";

const CONTACT_NAME: FieldSpec =
    FieldSpec::new("contact_name", Msg::FieldContactName, FieldKind::Text).required();
const CONTACT_TITLE: FieldSpec =
    FieldSpec::new("contact_title", Msg::FieldContactTitle, FieldKind::Text);
const ISSUE: FieldSpec = FieldSpec::new("issue", Msg::FieldUnderlyingIssue, FieldKind::LongText)
    .help(Msg::HelpUnderlyingIssue);
const BAD_NEWS: FieldSpec = FieldSpec::new("bad_news", Msg::TalkFieldBadNews, FieldKind::LongText)
    .required()
    .help(Msg::TalkHelpBadNews);
const CONSTRAINTS: FieldSpec = FieldSpec::new(
    "constraints",
    Msg::TalkFieldConstraints,
    FieldKind::LongText,
)
.help(Msg::TalkHelpConstraints);
const CAN_OFFER: FieldSpec =
    FieldSpec::new("can_offer", Msg::TalkFieldCanOffer, FieldKind::LongText)
        .help(Msg::ExecHelpCanOffer);

pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Escalations,
    title: Msg::TalkTitle,
    intro: Msg::TalkIntro,
    task: Msg::TalkTask,
    fields: &[
        ACCOUNT_FIELD,
        CONTACT_NAME,
        CONTACT_TITLE,
        ISSUE,
        BAD_NEWS,
        CONSTRAINTS,
        CAN_OFFER,
    ],
    rules: &[Msg::TalkRuleScript, Msg::TalkRuleHonest],
    sections: &[
        Msg::TalkSectionOpening,
        Msg::TalkSectionNews,
        Msg::TalkSectionReactions,
        Msg::TalkSectionAlternatives,
        Msg::TalkSectionClose,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// The form filled from the escalation: account, contact, underlying issue and its can-fix
/// text as what we can offer; the bad news and constraints are the CSM's to write. `None`
/// for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (e, account) = facts::escalation(ctx)?;
    let [(_, name), _] = facts::account_fields(account, lang);
    Some(FormValues::from([
        (ACCOUNT_FIELD.key, name),
        (CONTACT_NAME.key, e.contact_name.clone()),
        (CONTACT_TITLE.key, e.contact_title.clone()),
        (ISSUE.key, e.underlying_issue.clone()),
        (BAD_NEWS.key, String::new()),
        (CONSTRAINTS.key, String::new()),
        (CAN_OFFER.key, e.can_fix.clone()),
    ]))
}

/// The shared example escalation with bad news to deliver, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (ACCOUNT_FIELD.key, Msg::PromptExAccount),
            (CONTACT_NAME.key, Msg::PromptExContactName),
            (CONTACT_TITLE.key, Msg::PromptExContactTitle),
            (ISSUE.key, Msg::PromptExIssue),
            (BAD_NEWS.key, Msg::TalkExBadNews),
            (CONSTRAINTS.key, Msg::TalkExConstraints),
            (CAN_OFFER.key, Msg::TalkExCanOffer),
        ],
    )
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let name = req.inline_or_missing(&CONTACT_NAME);
    let next = req.next_update();
    let news = req.clause(&BAD_NEWS);
    let opening = format!(
        "{}\n\n{}\n\n{}\n{}",
        Msg::TalkOpening.fill(lang, &[("name", &name)]),
        req.text(Msg::TalkOpeningTip),
        Msg::TalkContext.fill(
            lang,
            &[
                ("account", &req.inline_or_missing(&ACCOUNT_FIELD)),
                ("title", &req.inline_or_missing(&CONTACT_TITLE)),
                ("severity", &req.classification()),
            ]
        ),
        list_item(
            lang,
            req.text(ISSUE.label),
            &excerpt(&req.inline_or_missing(&ISSUE), 240)
        ),
    );
    let constraints = bare(req.value(&CONSTRAINTS));
    let why = if constraints.is_empty() {
        req.text(Msg::TalkNewsNoReason).to_string()
    } else {
        Msg::TalkNewsWhy.fill(lang, &[("reason", &constraints)])
    };
    let delivering = format!(
        "{}\n\n{why}\n\n{}",
        Msg::TalkNews.fill(lang, &[("news", &news)]),
        req.text(Msg::TalkNewsPause)
    );
    let reactions = [
        Msg::TalkReactAnger,
        Msg::TalkReactPush,
        Msg::TalkReactThreat,
        Msg::TalkReactSilence,
    ]
    .iter()
    .map(|m| format!("- {}", req.text(*m)))
    .collect::<Vec<_>>()
    .join("\n");
    let reactions = req.with_fact(reactions, Msg::FactSignals);
    let offers = match bullets(req.value(&CAN_OFFER)) {
        o if o.is_empty() => req.missing(&CAN_OFFER),
        o => o,
    };
    let alternatives = req.with_fact(
        format!(
            "{}\n\n{offers}\n\n{}\n\n{}",
            req.text(Msg::TalkOfferIntro),
            req.text(Msg::PlanNotPromiseIntro),
            risky_promises(req, req.value(&CAN_OFFER)),
        ),
        Msg::FactNotToPromise,
    );
    let close = format!(
        "- {}\n- {}\n- {}",
        req.text(Msg::TalkClose1),
        Msg::TalkClose2.fill(lang, &[("next", &next)]),
        Msg::TalkClose3.fill(lang, &[("name", &name)]),
    );
    vec![opening, delivering, reactions, alternatives, close]
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
        let mut form = prefill(&context(&record, &accounts()), lang).unwrap();
        form.insert(
            BAD_NEWS.key,
            "The full fix will not ship for 6 weeks.".into(),
        );
        form.insert(CONSTRAINTS.key, "The sync engine must be rebuilt.".into());
        form
    }

    #[test]
    fn prefill_reads_the_escalation_and_its_account() {
        let record = AnyRecord::Escalation(escalation());
        let form = prefill(&context(&record, &accounts()), Lang::En).unwrap();
        assert_eq!(form["account"], "Acme Corp");
        assert_eq!(form["contact_name"], "Li Wei");
        assert_eq!(form["contact_title"], "CIO");
        assert_eq!(form["issue"], escalation().underlying_issue);
        assert_eq!(form["can_offer"], escalation().can_fix);
        assert_eq!(form["bad_news"], "");
        assert_eq!(form.len(), SPEC.fields.len());
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        assert!(prefill(&context(&record, &accounts()), Lang::En).is_none());
    }

    #[test]
    fn english_script_delivers_the_news_plainly() {
        let text = draft_of(&SPEC, &form(Lang::En), &sample_facts(Lang::En), Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En), "{text}");
        let opening = section(&text, Msg::TalkSectionOpening, Lang::En);
        assert!(opening.starts_with("“Li Wei, thank you for making the time."));
        assert!(opening
            .ends_with("- **Underlying issue:** The nightly sync job fails on large tenants."));
        assert!(opening.contains("Acme Corp · CIO · P1 · executive · Product failure"));
        let news = section(&text, Msg::TalkSectionNews, Lang::En);
        assert!(news.contains("The full fix will not ship for 6 weeks."));
        assert!(news.contains("“The reason: The sync engine must be rebuilt."));
        let reactions = section(&text, Msg::TalkSectionReactions, Lang::En);
        assert!(reactions.contains("cancellation, non-renewal or legal action threatened"));
        let alternatives = section(&text, Msg::TalkSectionAlternatives, Lang::En);
        assert!(alternatives.contains("- A hotfix for the sync job by Friday 18:00"));
        assert!(alternatives.contains("- roadmap items, new features or custom work"));
        let close = section(&text, Msg::TalkSectionClose, Lang::En);
        assert!(close.contains("2026-11-24 16:15"));
    }

    #[test]
    fn chinese_script_delivers_the_news_plainly() {
        let text = draft_of(&SPEC, &example(Lang::Zh), &sample_facts(Lang::Zh), Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        assert!(text.contains("王芳"));
        assert!(text.contains(&bare(Msg::TalkExBadNews.text(Lang::Zh))));
        assert!(text.contains(&bare(Msg::TalkExConstraints.text(Lang::Zh))));
        assert!(text.contains("威胁解约"));
        assert!(!text.contains("Delivering the news"));
    }

    #[test]
    fn not_to_promise_fact_is_added_to_the_alternatives() {
        let mut facts = sample_facts(Lang::En);
        set_fact(
            &mut facts,
            Msg::FactNotToPromise,
            "no discount on renewal".into(),
        );
        let text = draft_of(&SPEC, &form(Lang::En), &facts, Lang::En);
        let alternatives = section(&text, Msg::TalkSectionAlternatives, Lang::En);
        assert!(alternatives.ends_with("- **What must not be promised:** no discount on renewal"));
    }

    #[test]
    fn empty_form_says_what_to_add() {
        let text = draft_of(&SPEC, &FormValues::new(), &[], Lang::En);
        assert!(text.contains("add “The bad news” to the form"));
        assert!(text.contains("add “What we can offer instead” to the form"));
        assert!(text.contains("within 24 hours"));
        let zh = draft_of(&SPEC, &FormValues::new(), &[], Lang::Zh);
        assert!(zh.contains("请在表单中补充“坏消息”"));
    }

    #[test]
    fn closing_full_stops_are_not_doubled() {
        let mut form = form(Lang::En);
        form.insert(BAD_NEWS.key, "Six weeks.\n".into());
        let text = draft_of(&SPEC, &form, &[], Lang::En);
        assert!(text.contains("not good: Six weeks.”"));
        assert_eq!(bare("六周。"), "六周");
    }
}
