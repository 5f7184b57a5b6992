//! Escalations, guided prompt 5, “Post-escalation review” (seed prompt 升级后回顾): the review
//! of a resolved escalation for the CS leadership team. Owns its form, the prefill from the
//! escalation record (its event log as the timeline) and its built-in drafter (summary,
//! timeline table, what went well, what to do differently, process changes, systemic flag).

use crate::domain::escalation::rules::EscalationType;
use crate::domain::form::{Coded, FieldKind, FieldSpec, FormValues};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::{
    cell, escalation::facts, example_values, PromptRequest, PromptSpec, RecordContext,
    ACCOUNT_FIELD,
};

pub const ID: &str = "escalation.review";

const TIMELINE: FieldSpec =
    FieldSpec::new("timeline", Msg::ReviewFieldTimeline, FieldKind::LongText)
        .required()
        .help(Msg::PromptHelpTimeline);
const ROOT_CAUSE: FieldSpec =
    FieldSpec::new("root_cause", Msg::ReviewFieldRootCause, FieldKind::LongText).required();
const RESOLUTION: FieldSpec = FieldSpec::new(
    "resolution",
    Msg::ReviewFieldResolution,
    FieldKind::LongText,
)
.required();
const OUTCOME: FieldSpec = FieldSpec::new("outcome", Msg::ReviewFieldOutcome, FieldKind::LongText)
    .help(Msg::ReviewHelpOutcome);
const ARR: FieldSpec =
    FieldSpec::new("arr", Msg::ReviewFieldArr, FieldKind::Text).help(Msg::ReviewHelpArr);

pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Escalations,
    title: Msg::ReviewTitle,
    intro: Msg::ReviewIntro,
    task: Msg::ReviewTask,
    fields: &[
        ACCOUNT_FIELD,
        TIMELINE,
        ROOT_CAUSE,
        RESOLUTION,
        OUTCOME,
        ARR,
    ],
    rules: &[Msg::ReviewRuleTable, Msg::ReviewRuleChanges],
    sections: &[
        Msg::ReviewSectionSummary,
        Msg::ReviewSectionTimeline,
        Msg::ReviewSectionWell,
        Msg::ReviewSectionDifferently,
        Msg::ReviewSectionChanges,
        Msg::ReviewSectionSystemic,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// The form filled from the escalation: its event log as the timeline (one line per event,
/// local date-time first), the underlying issue as root cause, the can-fix text as the
/// resolution and the account's tier, ARR and renewal as the ARR line. `None` for other
/// records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (e, account) = facts::escalation(ctx)?;
    let [(_, name), (_, context)] = facts::account_fields(account, lang);
    Some(FormValues::from([
        (ACCOUNT_FIELD.key, name),
        (TIMELINE.key, facts::event_lines(e, ctx.zone, lang)),
        (ROOT_CAUSE.key, e.underlying_issue.clone()),
        (RESOLUTION.key, e.can_fix.clone()),
        (OUTCOME.key, String::new()),
        (ARR.key, context),
    ]))
}

/// The shared example escalation, resolved, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (ACCOUNT_FIELD.key, Msg::PromptExAccount),
            (TIMELINE.key, Msg::PromptExHistory),
            (ROOT_CAUSE.key, Msg::PromptExIssue),
            (RESOLUTION.key, Msg::ReviewExResolution),
            (OUTCOME.key, Msg::ReviewExOutcome),
            (ARR.key, Msg::ReviewExArr),
        ],
    )
}

/// Separators between the time and the event of a timeline line, in the order tried.
const TIME_SEPARATORS: &[&str] = &[" · ", "：", ": ", " – ", " - "];

/// A timeline line as a table row: the time before the first separator, the event after.
fn timeline_row(line: &str) -> String {
    let split = TIME_SEPARATORS
        .iter()
        .find_map(|sep| line.split_once(sep))
        .unwrap_or(("", line));
    format!("| {} | {} |", cell(split.0), cell(split.1))
}

/// The specific process change to propose for each escalation type.
const CHANGES: &[(EscalationType, Msg)] = &[
    (EscalationType::ProductFailure, Msg::ReviewChangeProduct),
    (EscalationType::ContractDispute, Msg::ReviewChangeContract),
    (
        EscalationType::CompetitiveThreat,
        Msg::ReviewChangeCompetitive,
    ),
    (
        EscalationType::RelationshipBreakdown,
        Msg::ReviewChangeRelationship,
    ),
    (EscalationType::ServiceGap, Msg::ReviewChangeService),
];

/// Words in the root cause or resolution suggesting other accounts share the cause.
const SYSTEMIC_CUES: &[&str] = &[
    "all customers",
    "other customers",
    "other accounts",
    "every customer",
    "tenants",
    "release",
    "version",
    "configuration",
    "bug",
    "所有客户",
    "其他客户",
    "其他账户",
    "租户",
    "版本",
    "发布",
    "配置",
    "缺陷",
];

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let account = req.inline_or_missing(&ACCOUNT_FIELD);
    let root = req.clause(&ROOT_CAUSE);
    let resolution = req.clause(&RESOLUTION);
    let summary = [
        Msg::ReviewSummary1.fill(
            lang,
            &[("account", &account), ("severity", &req.classification())],
        ),
        Msg::ReviewSummary2.fill(lang, &[("cause", &root), ("resolution", &resolution)]),
        Msg::ReviewSummary3.fill(
            lang,
            &[
                ("outcome", &req.clause(&OUTCOME)),
                ("arr", &req.clause(&ARR)),
            ],
        ),
    ]
    .join(match lang {
        Lang::Zh => "",
        Lang::En => " ",
    });

    let lines = match req.value(&TIMELINE) {
        "" => req.fact(Msg::FactEventLog).unwrap_or(""),
        t => t,
    };
    let mut rows = vec![
        format!(
            "| {} | {} |",
            req.text(Msg::PlanColWhen),
            req.text(Msg::ReviewColEvent)
        ),
        "|---|---|".to_string(),
    ];
    rows.extend(
        lines
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| timeline_row(l.trim().trim_start_matches("- "))),
    );
    if rows.len() == 2 {
        rows.push(format!("| | {} |", req.missing(&TIMELINE)));
    }

    let went_well = [
        Msg::ReviewWellResolution.fill(lang, &[("resolution", &resolution)]),
        Msg::ReviewWellOutcome.fill(lang, &[("outcome", &req.clause(&OUTCOME))]),
        req.text(Msg::ReviewWellAdd).to_string(),
    ];
    let due = req
        .fact(Msg::FactFirstResponseDue)
        .unwrap_or(req.text(Msg::PlanBeforeFirstResponse));
    let mut differently = vec![
        Msg::ReviewDiffFirstResponse.fill(lang, &[("due", due)]),
        Msg::ReviewDiffDetection.fill(lang, &[("cause", &root)]),
        Msg::ReviewDiffPeople.fill(lang, &[("severity", &req.classification())]),
    ];
    if let Some(list) = req.fact(Msg::FactCheckpoints).filter(|l| !l.is_empty()) {
        let dates: Vec<&str> = list.split(", ").collect();
        let (first, last) = (dates[0], dates[dates.len() - 1]);
        differently.insert(
            1,
            Msg::ReviewDiffCheckpoints.fill(
                lang,
                &[
                    ("n", &dates.len().to_string()),
                    ("first", first),
                    ("last", last),
                ],
            ),
        );
    }

    let kind = req
        .fact(Msg::FactEscalationType)
        .and_then(|t| CHANGES.iter().find(|(k, _)| k.label().text(lang) == t));
    let mut changes: Vec<String> = match kind {
        Some((_, change)) => vec![req.text(*change).to_string()],
        None => CHANGES
            .iter()
            .map(|(_, c)| req.text(*c).to_string())
            .collect(),
    };
    changes.insert(0, Msg::ReviewChangeCause.fill(lang, &[("cause", &root)]));
    changes.push(req.text(Msg::ReviewChangeOwner).to_string());

    let evidence =
        format!("{} {}", req.value(&ROOT_CAUSE), req.value(&RESOLUTION)).to_ascii_lowercase();
    let systemic = match SYSTEMIC_CUES.iter().find(|c| evidence.contains(*c)) {
        Some(cue) => Msg::ReviewSystemicYes.fill(lang, &[("cue", cue)]),
        None => req.text(Msg::ReviewSystemicNo).to_string(),
    };

    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    vec![
        summary,
        rows.join("\n"),
        list(&went_well),
        list(&differently),
        list(&changes),
        systemic,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::record::AnyRecord;
    use crate::prompts::escalation::facts::tests::{
        accounts, context, draft_of, escalation, headings_in_order, now, sample_facts, section,
    };

    fn form(lang: Lang) -> FormValues {
        let record = AnyRecord::Escalation(escalation());
        let mut form = prefill(&context(&record, &accounts()), lang).unwrap();
        form.insert(OUTCOME.key, "The CIO accepted the fix.".into());
        form
    }

    #[test]
    fn prefill_turns_the_event_log_into_the_timeline() {
        let record = AnyRecord::Escalation(escalation());
        let form = prefill(&context(&record, &accounts()), Lang::En).unwrap();
        assert_eq!(
            form["timeline"],
            "2026-11-23 16:15 (UTC+08:00) · Escalation received\n\
             2026-11-23 17:00 (UTC+08:00) · Status: New → Responding — Called the CIO"
        );
        assert_eq!(form["account"], "Acme Corp");
        assert_eq!(form["root_cause"], escalation().underlying_issue);
        assert_eq!(form["resolution"], escalation().can_fix);
        assert_eq!(
            form["arr"],
            "Strategic · ARR USD 1,200,000 · renews 2027-01-15"
        );
        assert_eq!(form.len(), SPEC.fields.len());
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        assert!(prefill(&context(&record, &accounts()), Lang::En).is_none());
    }

    #[test]
    fn english_review_summarises_in_three_sentences() {
        let text = draft_of(&SPEC, &form(Lang::En), &sample_facts(Lang::En), Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En), "{text}");
        assert_eq!(
            section(&text, Msg::ReviewSectionSummary, Lang::En),
            "Acme Corp escalated an issue classified P1 · executive · Product failure. \
             It was caused by: The nightly sync job fails on large tenants; it was resolved by: \
             A hotfix for the sync job by Friday 18:00, and a manual resync today. \
             Customer outcome: The CIO accepted the fix; ARR: Strategic · ARR USD 1,200,000 · renews 2027-01-15."
        );
    }

    #[test]
    fn timeline_is_a_table_with_one_row_per_event() {
        let text = draft_of(&SPEC, &form(Lang::En), &[], Lang::En);
        let rows: Vec<&str> = section(&text, Msg::ReviewSectionTimeline, Lang::En)
            .lines()
            .collect();
        assert_eq!(
            rows,
            [
                "| When | What happened |",
                "|---|---|",
                "| 2026-11-23 16:15 (UTC+08:00) | Escalation received |",
                "| 2026-11-23 17:00 (UTC+08:00) | Status: New → Responding — Called the CIO |",
            ]
        );
        assert_eq!(
            timeline_row("Nov 20: outage | day 1"),
            "| Nov 20 | outage \\| day 1 |"
        );
        assert_eq!(timeline_row("no time given"), "|  | no time given |");
    }

    #[test]
    fn empty_timeline_falls_back_to_the_event_log_fact() {
        let mut form = form(Lang::Zh);
        form.insert(TIMELINE.key, String::new());
        let text = draft_of(&SPEC, &form, &sample_facts(Lang::Zh), Lang::Zh);
        let table = section(&text, Msg::ReviewSectionTimeline, Lang::Zh);
        assert!(table.starts_with("| 时间 | 发生了什么 |"));
        assert!(table.contains("| 2026-11-23 16:15 (UTC+08:00) | 收到升级 |"));
    }

    #[test]
    fn process_change_follows_the_escalation_type() {
        let text = draft_of(&SPEC, &form(Lang::En), &sample_facts(Lang::En), Lang::En);
        let changes = section(&text, Msg::ReviewSectionChanges, Lang::En);
        assert!(changes.contains(Msg::ReviewChangeProduct.text(Lang::En)));
        assert!(!changes.contains(Msg::ReviewChangeContract.text(Lang::En)));
        assert!(changes.starts_with("- Track the fix of the root cause"));
        let differently = section(&text, Msg::ReviewSectionDifferently, Lang::En);
        assert!(differently
            .contains("14 customer updates were due (2026-11-24 16:15 to 2026-12-07 16:15)"));
        assert!(differently.contains("2026-11-23 18:15 (UTC+08:00)"));
        let untyped = draft_of(&SPEC, &form(Lang::En), &[], Lang::En);
        let all = section(&untyped, Msg::ReviewSectionChanges, Lang::En);
        assert_eq!(all.lines().count(), 2 + CHANGES.len());
    }

    #[test]
    fn systemic_flag_reads_the_root_cause() {
        let text = draft_of(&SPEC, &form(Lang::En), &[], Lang::En);
        assert!(
            section(&text, Msg::ReviewSectionSystemic, Lang::En).starts_with("**Possibly yes.**")
        );
        let mut form = form(Lang::En);
        form.insert(ROOT_CAUSE.key, "A wrong setting in their own proxy.".into());
        form.insert(RESOLUTION.key, "They changed it.".into());
        let text = draft_of(&SPEC, &form, &[], Lang::En);
        assert!(section(&text, Msg::ReviewSectionSystemic, Lang::En)
            .starts_with("**Not evident from the inputs.**"));
    }

    #[test]
    fn chinese_review_builds_on_inputs_and_facts() {
        let text = draft_of(&SPEC, &example(Lang::Zh), &sample_facts(Lang::Zh), Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        assert!(text.contains("P1 · 高管介入"));
        assert!(text.contains(Msg::ReviewChangeProduct.text(Lang::Zh)));
        assert!(text.contains(Msg::ReviewExOutcome.text(Lang::Zh).trim_end_matches('。')));
        assert!(section(&text, Msg::ReviewSectionSystemic, Lang::Zh).starts_with("**可能是**。"));
        let summary = section(&text, Msg::ReviewSectionSummary, Lang::Zh);
        assert!(summary
            .starts_with("华东制造发起的升级已解决，分类为 P1 · 高管介入 · 产品故障。原因："));
        assert_eq!(summary.matches('。').count(), 3);
        assert!(!text.contains("What went well"));
    }

    #[test]
    fn empty_form_says_what_to_add() {
        let text = draft_of(&SPEC, &FormValues::new(), &[], Lang::En);
        assert!(text.contains("add “Root cause (what actually caused it)” to the form"));
        assert!(text.contains("add “Escalation timeline” to the form"));
    }
}
