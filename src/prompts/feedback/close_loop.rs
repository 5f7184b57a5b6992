//! Feedback, guided prompt 4, “Close-the-loop message” (seed prompt 闭环客户沟通): a warm,
//! personal message of 200–250 words telling a customer that what they asked for shipped,
//! tied to their own words, acknowledging the workaround and inviting a concrete next step.
//! Owns its form, the prefill from the item and its account, and its built-in drafter, which
//! cuts the quoted inputs or adds optional paragraphs so the whole draft lands in the range.

use crate::domain::cues::matches;
use crate::domain::feedback::stats::is_open;
use crate::domain::form::{Coded, FieldKind, FieldSpec, FormValues};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::feedback::facts::{self, renewal_text};
use crate::prompts::onboarding::facts::local_today;
use crate::prompts::{
    bare, clip, example_values, word_count, PromptRequest, PromptSpec, RecordContext,
};

/// The prompt's id, in routes and on its drafts.
pub const ID: &str = "feedback.close_loop";

const CUSTOMER: FieldSpec = FieldSpec::new("customer", Msg::FieldCustomer, FieldKind::Text)
    .required()
    .help(Msg::FpCloseHelpCustomer);
const FEEDBACK: FieldSpec =
    FieldSpec::new("feedback", Msg::FpCloseFieldFeedback, FieldKind::LongText)
        .required()
        .help(Msg::FpCloseHelpFeedback);
const SHIPPED: FieldSpec = FieldSpec::new("shipped", Msg::FpCloseFieldShipped, FieldKind::LongText)
    .required()
    .help(Msg::FpCloseHelpShipped);
const TIER: FieldSpec = FieldSpec::new("tier", Msg::FieldTier, FieldKind::Text);
const RELATIONSHIP: FieldSpec = FieldSpec::new(
    "relationship",
    Msg::FpCloseFieldRelationship,
    FieldKind::Text,
)
.help(Msg::FpCloseHelpRelationship);
const RENEWAL: FieldSpec = FieldSpec::new("renewal", Msg::FieldRenewalDate, FieldKind::Text);
const ESCALATED: FieldSpec =
    FieldSpec::new("escalated", Msg::FpCloseFieldEscalated, FieldKind::Text);
const CONTEXT: FieldSpec = FieldSpec::new("context", Msg::FpCloseFieldContext, FieldKind::LongText)
    .help(Msg::FpCloseHelpContext);

/// The shortest and longest draft, in words (Chinese: characters).
const MIN_WORDS: usize = 200;
const MAX_WORDS: u32 = 250;

/// The close-the-loop prompt.
pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Feedback,
    title: Msg::FpCloseTitle,
    intro: Msg::FpCloseIntro,
    task: Msg::FpCloseTask,
    fields: &[
        CUSTOMER,
        FEEDBACK,
        SHIPPED,
        TIER,
        RELATIONSHIP,
        RENEWAL,
        ESCALATED,
        CONTEXT,
    ],
    rules: &[Msg::FpCloseRuleContent, Msg::FpCloseRuleTone],
    sections: &[Msg::FpCloseSectionMessage],
    word_limit: Some(MAX_WORDS),
    email_section: None,
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// Words saying the customer did escalate it.
const YES: &[&str] = &["yes", "是", "有"];

/// The form filled from the item: the customer, their words, tier and renewal; "yes" with
/// the score for a detractor; the account's other open items as context. `None` for other
/// records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (item, account) = facts::item(ctx)?;
    let others = ctx
        .feedback
        .iter()
        .filter(|i| i.account_id == item.account_id && i.id != item.id && is_open(i))
        .count();
    Some(FormValues::from([
        (CUSTOMER.key, ctx.accounts.name(&item.account_id)),
        (FEEDBACK.key, item.verbatim.trim().to_string()),
        (SHIPPED.key, String::new()),
        (
            TIER.key,
            account
                .map(|a| a.tier.label().text(lang).to_string())
                .unwrap_or_default(),
        ),
        (RELATIONSHIP.key, String::new()),
        (
            RENEWAL.key,
            account
                .map(|a| renewal_text(Some(a), local_today(ctx), lang))
                .unwrap_or_default(),
        ),
        (
            ESCALATED.key,
            item.score
                .filter(|s| *s <= 6)
                .map(|s| Msg::FpCloseEscalatedScore.fill(lang, &[("score", &s.to_string())]))
                .unwrap_or_default(),
        ),
        (
            CONTEXT.key,
            if others == 0 {
                String::new()
            } else {
                Msg::FpCloseContextValue.fill(lang, &[("n", &others.to_string())])
            },
        ),
    ]))
}

/// The example: a customer whose slow exports were fixed, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (CUSTOMER.key, Msg::PromptExAccount),
            (FEEDBACK.key, Msg::FpCloseExFeedback),
            (SHIPPED.key, Msg::FpCloseExShipped),
            (TIER.key, Msg::TierEnterprise),
            (RELATIONSHIP.key, Msg::FpCloseExRelationship),
            (RENEWAL.key, Msg::FpCloseExRenewal),
            (ESCALATED.key, Msg::FpCloseExEscalated),
            (CONTEXT.key, Msg::FpCloseExContext),
        ],
    )
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let input = |field: &FieldSpec| match bare(req.value(field)) {
        v if v.is_empty() => req.missing(field),
        v => v,
    };
    let (customer, shipped, feedback) = (input(&CUSTOMER), input(&SHIPPED), input(&FEEDBACK));
    let mut extras = Vec::new();
    let escalated = req.value(&ESCALATED).to_ascii_lowercase();
    if YES.iter().any(|y| matches(&escalated, y)) {
        extras.push(req.text(Msg::FpCloseExtraEscalated).to_string());
    }
    match bare(req.value(&RENEWAL)) {
        r if r.is_empty() => {}
        r => extras.push(Msg::FpCloseExtraRenewal.fill(lang, &[("renewal", &r)])),
    }
    extras.push(req.text(Msg::FpCloseExtraProblems).to_string());
    extras.push(req.text(Msg::FpCloseExtraShare).to_string());
    // The message with the quoted inputs cut to `cap` words and the chosen extra paragraphs.
    let message = |cap: usize, chosen: &[&String]| {
        let mut parts = vec![
            Msg::FpCloseGreeting.fill(lang, &[("customer", &customer)]),
            Msg::FpCloseOpening.fill(lang, &[("shipped", &clip(&shipped, cap))]),
            Msg::FpCloseLink.fill(lang, &[("feedback", &clip(&feedback, cap))]),
            req.text(Msg::FpCloseWorkaround).to_string(),
            req.text(Msg::FpCloseInvite).to_string(),
        ];
        parts.extend(chosen.iter().map(|e| e.to_string()));
        parts.push(req.text(Msg::FpCloseThanks).to_string());
        parts.push(format!(
            "{}\n{}",
            req.text(Msg::PlanEmailClosing),
            req.text(Msg::PlanEmailSignature)
        ));
        parts.join("\n\n")
    };
    let overhead = word_count(req.text(Msg::PromptBuiltInLabel))
        + word_count(req.text(Msg::FpCloseSectionMessage));
    let words = |text: &str| overhead + word_count(text);
    let mut cap = word_count(&shipped).max(word_count(&feedback));
    while cap > 0 && words(&message(cap, &[])) > MAX_WORDS as usize {
        cap -= 1;
    }
    let mut chosen: Vec<&String> = Vec::new();
    for extra in &extras {
        let mut with = chosen.clone();
        with.push(extra);
        if words(&message(cap, &chosen)) < MIN_WORDS
            && words(&message(cap, &with)) <= MAX_WORDS as usize
        {
            chosen = with;
        }
    }
    vec![message(cap, &chosen)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompts::builtin_draft;
    use crate::prompts::escalation::facts::tests::{draft_of, headings_in_order, section};
    use crate::prompts::feedback::facts::tests::{data, sample_facts};

    fn form(lang: Lang) -> FormValues {
        prefill(&data("f1").context(), lang).unwrap()
    }

    fn in_range(text: &str) -> bool {
        (MIN_WORDS..=MAX_WORDS as usize).contains(&word_count(text))
    }

    #[test]
    fn prefill_reads_the_item_and_its_account() {
        for lang in Lang::ALL {
            let form = form(lang);
            assert_eq!(form.len(), SPEC.fields.len());
            assert_eq!(form["customer"], "Acme");
            assert!(form["feedback"].starts_with("Export is too slow"));
            assert_eq!(form["shipped"], "");
            assert!(form["renewal"].starts_with("2027-01-22"));
            assert!(form["escalated"].contains("3/10"));
            assert!(form["context"].contains('1'), "f4 is still open");
        }
        assert_eq!(form(Lang::En)["tier"], "Enterprise");
        assert_eq!(SPEC.word_limit, Some(250));
    }

    #[test]
    fn drafts_land_within_200_to_250_words_in_both_languages() {
        for lang in Lang::ALL {
            let long = |m: Msg| m.text(lang).repeat(12);
            let mut with_release = form(lang);
            with_release.insert("shipped", Msg::FpCloseExShipped.text(lang).into());
            let mut long_form = example(lang);
            long_form.insert("feedback", long(Msg::FpCloseExFeedback));
            long_form.insert("shipped", long(Msg::FpCloseExShipped));
            let mut terse = FormValues::new();
            terse.insert("customer", "Acme".into());
            terse.insert("feedback", "Slow.".into());
            terse.insert("shipped", "Faster exports.".into());
            for (name, form) in [
                ("prefill", form(lang)),
                ("prefill with release", with_release),
                ("example", example(lang)),
                ("long", long_form),
                ("terse", terse),
                ("empty", FormValues::new()),
            ] {
                let text = draft_of(&SPEC, &form, &sample_facts(lang), lang);
                assert!(
                    in_range(&text),
                    "{lang:?} {name}: {} words\n{text}",
                    word_count(&text)
                );
                assert!(headings_in_order(&SPEC, &text, lang));
            }
        }
    }

    #[test]
    fn the_message_ties_the_release_to_their_words() {
        for lang in Lang::ALL {
            let form = example(lang);
            let text = draft_of(&SPEC, &form, &[], lang);
            let message = section(&text, Msg::FpCloseSectionMessage, lang);
            assert!(message.contains(&bare(&form["feedback"])), "{message}");
            assert!(message.contains(&bare(&form["shipped"])), "{message}");
            assert!(message.contains(Msg::FpCloseWorkaround.text(lang)));
            assert!(message.contains(Msg::FpCloseInvite.text(lang)));
        }
    }

    #[test]
    fn long_inputs_are_cut_and_marked() {
        let mut form = example(Lang::En);
        form.insert("feedback", "slow ".repeat(300));
        let req = PromptRequest {
            spec: &SPEC,
            values: &form,
            facts: &[],
            lang: Lang::En,
        };
        let text = builtin_draft(&req);
        assert!(text.contains("slow…"), "{text}");
        assert!(in_range(&text), "{}", word_count(&text));
    }
}
