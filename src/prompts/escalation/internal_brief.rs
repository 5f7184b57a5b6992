//! Escalations, guided prompt 3, “Internal escalation brief” (seed prompt 内部升级简报): a
//! factual, blame-free brief of at most 300 words for internal stakeholders. Owns its form,
//! the prefill from the escalation record and its built-in drafter, which cuts the longest
//! sections first so the whole draft stays within the limit.

use crate::domain::form::{FieldKind, FieldSpec, FormValues};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::{
    bullets, clip, escalation::facts, example_values, list_item, one_line, sentences, word_count,
    PromptRequest, PromptSpec, RecordContext, ACCOUNT_FIELD,
};

pub const ID: &str = "escalation.internal_brief";

const SHARED_WITH: FieldSpec =
    FieldSpec::new("shared_with", Msg::BriefFieldSharedWith, FieldKind::Text)
        .required()
        .help(Msg::BriefHelpSharedWith);
const SUMMARY: FieldSpec = FieldSpec::new("summary", Msg::FieldSummary, FieldKind::LongText)
    .required()
    .help(Msg::BriefHelpSummary);
const IMPACT: FieldSpec = FieldSpec::new("impact", Msg::BriefFieldImpact, FieldKind::Text)
    .help(Msg::PlanHelpAccountContext);
const ROOT_CAUSE: FieldSpec =
    FieldSpec::new("root_cause", Msg::BriefFieldRootCause, FieldKind::LongText);
const ACTIONS: FieldSpec = FieldSpec::new("actions", Msg::BriefFieldActions, FieldKind::LongText)
    .help(Msg::PromptHelpTimeline);
const ASKS: FieldSpec =
    FieldSpec::new("asks", Msg::BriefFieldAsks, FieldKind::LongText).help(Msg::BriefHelpAsks);
const DEADLINE: FieldSpec = FieldSpec::new("deadline", Msg::BriefFieldDeadline, FieldKind::Text)
    .help(Msg::BriefHelpDeadline);
const OWNER: FieldSpec = FieldSpec::new("owner", Msg::BriefFieldOwner, FieldKind::Text);

/// The word limit of the brief.
const LIMIT: u32 = 300;

pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Escalations,
    title: Msg::BriefTitle,
    intro: Msg::BriefIntro,
    task: Msg::BriefTask,
    fields: &[
        ACCOUNT_FIELD,
        SHARED_WITH,
        SUMMARY,
        IMPACT,
        ROOT_CAUSE,
        ACTIONS,
        ASKS,
        DEADLINE,
        OWNER,
    ],
    rules: &[Msg::BriefRuleFacts, Msg::BriefRuleAsks],
    sections: &[
        Msg::BriefSectionSharedWith,
        Msg::BriefSectionSummary,
        Msg::BriefSectionImpact,
        Msg::BriefSectionRootCause,
        Msg::BriefSectionActions,
        Msg::BriefSectionAsks,
        Msg::BriefSectionDeadline,
        Msg::BriefSectionOwner,
    ],
    word_limit: Some(LIMIT),
    email_section: None,
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// The form filled from the escalation: stakeholders as the audience, the account's tier,
/// ARR and renewal as the impact, the underlying issue as the root cause and the event log as
/// the actions so far. `None` for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (e, account) = facts::escalation(ctx)?;
    let [(_, name), (_, context)] = facts::account_fields(account, lang);
    Some(FormValues::from([
        (ACCOUNT_FIELD.key, name),
        (SHARED_WITH.key, one_line(&e.stakeholders)),
        (SUMMARY.key, e.summary.clone()),
        (IMPACT.key, context),
        (ROOT_CAUSE.key, e.underlying_issue.clone()),
        (ACTIONS.key, facts::event_lines(e, ctx.zone, lang)),
        (ASKS.key, String::new()),
        (DEADLINE.key, String::new()),
        (OWNER.key, String::new()),
    ]))
}

/// The shared example escalation, briefed internally, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (ACCOUNT_FIELD.key, Msg::PromptExAccount),
            (SHARED_WITH.key, Msg::BriefExSharedWith),
            (SUMMARY.key, Msg::PromptExSummary),
            (IMPACT.key, Msg::PromptExAccountContext),
            (ROOT_CAUSE.key, Msg::PromptExIssue),
            (ACTIONS.key, Msg::PromptExActions),
            (ASKS.key, Msg::BriefExAsks),
            (DEADLINE.key, Msg::BriefExDeadline),
            (OWNER.key, Msg::BriefExOwner),
        ],
    )
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let summary = match sentences(req.value(&SUMMARY), 1) {
        s if s.is_empty() => req.missing(&SUMMARY),
        s => s,
    };
    let received = req.fact(Msg::FieldReceivedAt).map_or_else(
        || req.text(Msg::PromptNotRecorded).to_string(),
        str::to_string,
    );
    let signals = req.fact(Msg::FactSignals).map_or_else(
        || req.text(Msg::PromptNotRecorded).to_string(),
        str::to_string,
    );
    let asks = match bullets(req.value(&ASKS)) {
        a if !a.is_empty() => a,
        _ => match req.fact(Msg::FactStakeholders).map(bullets) {
            Some(a) if !a.is_empty() => a,
            _ => req.text(Msg::BriefAsksDefault).to_string(),
        },
    };
    let actions = match bullets(req.value(&ACTIONS)) {
        a if a.is_empty() => req.missing(&ACTIONS),
        a => a,
    };
    // Each section: what the app computed (kept whole) and what the CSM wrote (cut to fit).
    let facts = Msg::BriefSummaryFacts.fill(
        lang,
        &[("severity", &req.classification()), ("received", &received)],
    );
    let sections = [
        (String::new(), req.inline_or_missing(&SHARED_WITH)),
        (facts, summary),
        (
            list_item(lang, req.text(Msg::FactSignals), &signals),
            req.field_line(&IMPACT),
        ),
        (String::new(), req.inline_or_missing(&ROOT_CAUSE)),
        (String::new(), actions),
        (asks, String::new()),
        (
            one_line(&req.value_or_fact(&DEADLINE, Msg::PromptFactNextCheckpoint)),
            String::new(),
        ),
        (req.inline_or_missing(&OWNER), String::new()),
    ];
    within_limit(req, &sections)
}

/// The position of "impact and risk" among the sections.
const IMPACT_SECTION: usize = 2;

/// The sections within `LIMIT` words with the built-in label and the headings: the computed
/// part of each is kept whole and the written parts are cut, the longest first, to one
/// common length. Should the computed parts alone run over, every part is cut that way.
fn within_limit(req: &PromptRequest, sections: &[(String, String)]) -> Vec<String> {
    let overhead = word_count(req.text(Msg::PromptBuiltInLabel))
        + SPEC
            .sections
            .iter()
            .map(|s| word_count(req.text(*s)))
            .sum::<usize>();
    let room = (LIMIT as usize).saturating_sub(overhead);
    let kept: usize = sections.iter().map(|(fixed, _)| word_count(fixed)).sum();
    // The impact section (index 2) lists the written impact before the computed signals.
    let join = |index: usize, fixed: &str, free: String| match (fixed.is_empty(), free.is_empty()) {
        (true, _) => free,
        (false, true) => fixed.to_string(),
        (false, false) if index == IMPACT_SECTION => format!("{free}\n{fixed}"),
        (false, false) => format!("{fixed}\n{free}"),
    };
    if kept <= room {
        let free: Vec<&str> = sections.iter().map(|(_, free)| free.as_str()).collect();
        let cap = common_cap(&free, room - kept);
        sections
            .iter()
            .enumerate()
            .map(|(i, (fixed, free))| join(i, fixed, clip(free, cap)))
            .collect()
    } else {
        let whole: Vec<String> = sections
            .iter()
            .enumerate()
            .map(|(i, (fixed, free))| join(i, fixed, free.clone()))
            .collect();
        let texts: Vec<&str> = whole.iter().map(String::as_str).collect();
        let cap = common_cap(&texts, room);
        whole.iter().map(|t| clip(t, cap)).collect()
    }
}

/// The largest length to cut every text to so that together they stay within `room` words.
fn common_cap(texts: &[&str], room: usize) -> usize {
    let words: Vec<usize> = texts.iter().map(|t| word_count(t)).collect();
    let mut cap = words.iter().copied().max().unwrap_or(0);
    while cap > 0 && words.iter().map(|w| (*w).min(cap)).sum::<usize>() > room {
        cap -= 1;
    }
    cap
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
    fn short_bodies_are_kept_whole_and_long_ones_cut_longest_first() {
        let form = FormValues::new();
        let req = PromptRequest {
            spec: &SPEC,
            values: &form,
            facts: &[],
            lang: Lang::En,
        };
        let part = |fixed: &str, free: &str| (fixed.to_string(), free.to_string());
        let short = vec![part("", "one two"), part("fact", "three")];
        assert_eq!(within_limit(&req, &short), vec!["one two", "fact\nthree"]);
        let long = vec![part("", &"word ".repeat(400)), part("", "a b c")];
        let cut = within_limit(&req, &long);
        assert_eq!(cut[1], "a b c");
        assert!(cut[0].ends_with("word…"));
        // 300 − 18 (label) − 19 (headings) − 3 (the short body) = 260.
        assert_eq!(word_count(&cut[0]), 260);
        assert_eq!(SPEC.word_limit, Some(300));
    }

    #[test]
    fn a_chinese_brief_keeps_the_classification_signals_and_asks_within_300() {
        let facts = sample_facts(Lang::Zh);
        let text = draft_of(&SPEC, &form(Lang::Zh), &facts, Lang::Zh);
        assert!(word_count(&text) <= 300, "{}", word_count(&text));
        let fact = |label: Msg| {
            facts
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        assert!(
            section(&text, Msg::BriefSectionSummary, Lang::Zh).contains(&fact(Msg::FactSeverity))
        );
        let impact = section(&text, Msg::BriefSectionImpact, Lang::Zh);
        for signal in fact(Msg::FactSignals).split("; ") {
            assert!(impact.contains(signal), "{signal} in {impact}");
        }
        let asks = section(&text, Msg::BriefSectionAsks, Lang::Zh);
        for line in fact(Msg::FactStakeholders).lines() {
            assert!(asks.contains(line.trim()), "{line} in {asks}");
        }
    }

    #[test]
    fn computed_facts_are_kept_whole_while_written_text_is_cut() {
        let form = FormValues::new();
        let req = PromptRequest {
            spec: &SPEC,
            values: &form,
            facts: &[],
            lang: Lang::Zh,
        };
        let facts = "严重程度 P1 高管介入，产品故障；信号：威胁解约、生产环境宕机。".repeat(3);
        let sections = vec![
            (facts.clone(), "客户说导出失败已经两天".repeat(20)),
            (String::new(), "根本原因仍在调查".repeat(20)),
        ];
        let cut = within_limit(&req, &sections);
        assert!(cut[0].starts_with(&facts), "{}", cut[0]);
        assert!(cut[0].ends_with('…') && cut[1].ends_with('…'));
        let total: usize = cut.iter().map(|c| word_count(c)).sum();
        let overhead = word_count(Msg::PromptBuiltInLabel.text(Lang::Zh))
            + SPEC
                .sections
                .iter()
                .map(|s| word_count(s.text(Lang::Zh)))
                .sum::<usize>();
        assert!(total + overhead <= 300, "{}", total + overhead);
        // Facts alone over the limit: everything is cut to fit.
        let huge = vec![("宕机".repeat(400), String::new())];
        let cut = within_limit(&req, &huge);
        assert!(word_count(&cut[0]) + overhead <= 300);
    }

    #[test]
    fn prefill_reads_the_escalation_and_its_account() {
        let form = form(Lang::En);
        assert_eq!(form["account"], "Acme Corp");
        assert_eq!(form["shared_with"], "Support (Ana), on-call engineering");
        assert_eq!(
            form["impact"],
            "Strategic · ARR USD 1,200,000 · renews 2027-01-15"
        );
        assert_eq!(form["root_cause"], escalation().underlying_issue);
        assert_eq!(form["actions"].lines().count(), 2);
        assert_eq!(form.len(), SPEC.fields.len());
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        assert!(prefill(&context(&record, &accounts()), Lang::En).is_none());
    }

    #[test]
    fn english_draft_is_factual_and_complete() {
        let text = draft_of(&SPEC, &form(Lang::En), &sample_facts(Lang::En), Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En), "{text}");
        assert_eq!(
            section(&text, Msg::BriefSectionSummary, Lang::En),
            "Classified P1 · executive · Product failure by the built-in rules; received 2026-11-23 16:15 (UTC+08:00).\nSync has been down for two days."
        );
        let impact = section(&text, Msg::BriefSectionImpact, Lang::En);
        assert!(impact.starts_with(
            "- **ARR exposure and renewal:** Strategic · ARR USD 1,200,000 · renews 2027-01-15"
        ));
        assert!(impact.contains("an executive asks for or is in the escalation"));
        let actions = section(&text, Msg::BriefSectionActions, Lang::En);
        assert!(actions.starts_with("- 2026-11-23 16:15 (UTC+08:00) · Escalation received"));
        assert_eq!(
            section(&text, Msg::BriefSectionDeadline, Lang::En),
            "2026-11-24 16:15",
            "the next checkpoint when no deadline is given"
        );
        assert!(section(&text, Msg::BriefSectionAsks, Lang::En).starts_with("- Support:"));
        assert!(word_count(&text) <= 300);
    }

    #[test]
    fn chinese_draft_is_factual_and_complete() {
        let text = draft_of(&SPEC, &example(Lang::Zh), &sample_facts(Lang::Zh), Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        assert!(text.contains("P1 · 高管介入"));
        assert!(text.contains(Msg::BriefExOwner.text(Lang::Zh)));
        assert!(text.contains(Msg::BriefExDeadline.text(Lang::Zh)));
        assert!(word_count(&text) <= 300, "{}", word_count(&text));
    }

    #[test]
    fn stakeholders_fact_gives_the_asks_when_the_field_is_empty() {
        let mut facts = sample_facts(Lang::En);
        set_fact(
            &mut facts,
            Msg::FactStakeholders,
            "Engineering: fix date by 18:00\nLegal: review the contract".into(),
        );
        let text = draft_of(&SPEC, &form(Lang::En), &facts, Lang::En);
        assert_eq!(
            section(&text, Msg::BriefSectionAsks, Lang::En),
            "- Engineering: fix date by 18:00\n- Legal: review the contract"
        );
    }

    #[test]
    fn long_inputs_stay_within_300_words_in_both_languages() {
        for lang in Lang::ALL {
            let long = |m: Msg| m.text(lang).repeat(20);
            let form: FormValues = SPEC
                .fields
                .iter()
                .map(|f| (f.key, long(Msg::PromptExSummary)))
                .chain([(
                    ACTIONS.key,
                    format!("{}\n", long(Msg::PromptExActions)).repeat(10),
                )])
                .collect();
            let mut facts = sample_facts(lang);
            set_fact(&mut facts, Msg::FactStakeholders, long(Msg::BriefExAsks));
            let text = draft_of(&SPEC, &form, &facts, lang);
            assert!(word_count(&text) <= 300, "{lang:?}: {}", word_count(&text));
            assert!(headings_in_order(&SPEC, &text, lang));
            assert!(text.contains('…'), "cut, and marked as cut");
        }
    }

    #[test]
    fn empty_form_says_what_to_add() {
        let text = draft_of(&SPEC, &FormValues::new(), &[], Lang::En);
        assert!(text.contains("add “Shared with” to the form"));
        assert!(text.contains("to be confirmed"));
        assert!(section(&text, Msg::BriefSectionAsks, Lang::En).starts_with("- Support:"));
        assert!(word_count(&text) <= 300);
    }
}
