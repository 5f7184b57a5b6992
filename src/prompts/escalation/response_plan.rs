//! Escalations, guided prompt 1, “Response plan” (seed prompt 升级响应计划): the complete
//! response to a fresh escalation. Owns its form, the prefill from the escalation record, the
//! computed facts it is sent with (received time, response deadlines, the stakeholders to
//! activate and when each should reply) and its built-in drafter: one brief per computed
//! stakeholder, a cadence stated for the computed severity.

use crate::domain::escalation::plan::Role;
use crate::domain::escalation::rules::Severity;
use crate::domain::form::{values, Coded, FieldKind, FieldSpec, FormValues};
use crate::domain::record::excerpt;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::{
    escalation::facts, example_values, list_item, one_line, PromptRequest, PromptSpec,
    RecordContext, ACCOUNT_FIELD,
};

pub const ID: &str = "escalation.response_plan";

const SUMMARY: FieldSpec = FieldSpec::new("summary", Msg::FieldSummary, FieldKind::LongText)
    .required()
    .help(Msg::HelpSummary);
const ACCOUNT_CONTEXT: FieldSpec = FieldSpec::new(
    "account_context",
    Msg::PlanFieldAccountContext,
    FieldKind::Text,
)
.help(Msg::PlanHelpAccountContext);
const CONTACT_NAME: FieldSpec =
    FieldSpec::new("contact_name", Msg::FieldContactName, FieldKind::Text)
        .help(Msg::PlanHelpContact);
const CONTACT_TITLE: FieldSpec =
    FieldSpec::new("contact_title", Msg::FieldContactTitle, FieldKind::Text)
        .help(Msg::PlanHelpContactTitle);
const ISSUE: FieldSpec = FieldSpec::new(
    "underlying_issue",
    Msg::FieldUnderlyingIssue,
    FieldKind::LongText,
)
.help(Msg::HelpUnderlyingIssue);
const CAN_FIX: FieldSpec =
    FieldSpec::new("can_fix", Msg::FieldCanFix, FieldKind::LongText).help(Msg::HelpCanFix);
const STAKEHOLDERS: FieldSpec =
    FieldSpec::new("stakeholders", Msg::FieldStakeholders, FieldKind::LongText)
        .help(Msg::PlanHelpStakeholders);

pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Escalations,
    title: Msg::PlanTitle,
    intro: Msg::PlanIntro,
    task: Msg::PlanTask,
    fields: &[
        SUMMARY,
        ACCOUNT_FIELD,
        ACCOUNT_CONTEXT,
        CONTACT_NAME,
        CONTACT_TITLE,
        ISSUE,
        CAN_FIX,
        STAKEHOLDERS,
    ],
    rules: &[
        Msg::PlanRuleSeverity,
        Msg::PlanRuleEmail,
        Msg::PlanRuleBriefs,
        Msg::PlanRuleTimeline,
        Msg::PlanRuleNotPromise,
    ],
    sections: &[
        Msg::PlanSectionSeverity,
        Msg::PlanSectionEmail,
        Msg::PlanSectionBriefs,
        Msg::PlanSectionTimeline,
        Msg::PlanSectionNotPromise,
    ],
    word_limit: None,
    email_section: Some(Msg::PlanSectionEmail),
    drafter: draft,
    prefill,
    facts,
    example,
};

/// The escalation facts, then when each stakeholder to activate should reply.
pub fn facts(ctx: &RecordContext, lang: Lang) -> Vec<(Msg, String)> {
    let mut facts = facts::facts(ctx, lang);
    facts.extend(facts::reply_by_facts(ctx, lang));
    facts
}

/// The form filled from the escalation and its account (tier, ARR and renewal as one line in
/// `lang`); a dangling account link leaves the account fields empty. `None` for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (escalation, account) = facts::escalation(ctx)?;
    Some(values([
        (SUMMARY.key, escalation.summary.clone()),
        (
            ACCOUNT_FIELD.key,
            account.map(|a| a.name.clone()).unwrap_or_default(),
        ),
        (
            ACCOUNT_CONTEXT.key,
            account
                .map(|a| facts::account_line(a, lang))
                .unwrap_or_default(),
        ),
        (CONTACT_NAME.key, escalation.contact_name.clone()),
        (CONTACT_TITLE.key, escalation.contact_title.clone()),
        (ISSUE.key, escalation.underlying_issue.clone()),
        (CAN_FIX.key, escalation.can_fix.clone()),
        (STAKEHOLDERS.key, escalation.stakeholders.clone()),
    ]))
}

/// The shared example escalation, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (SUMMARY.key, Msg::PromptExSummary),
            (ACCOUNT_FIELD.key, Msg::PromptExAccount),
            (ACCOUNT_CONTEXT.key, Msg::PromptExAccountContext),
            (CONTACT_NAME.key, Msg::PromptExContactName),
            (CONTACT_TITLE.key, Msg::PromptExContactTitle),
            (ISSUE.key, Msg::PromptExIssue),
            (CAN_FIX.key, Msg::PromptExCanFix),
            (STAKEHOLDERS.key, Msg::PromptExStakeholders),
        ],
    )
}

fn draft(req: &PromptRequest) -> Vec<String> {
    vec![
        severity(req),
        email(req),
        briefs(req),
        timeline(req),
        not_to_promise(req),
    ]
}

/// Facts written in a later section rather than listed under the severity.
const SHOWN_ELSEWHERE: &[Msg] = &[
    Msg::FactStakeholders,
    Msg::FactTimeline,
    Msg::FactNotToPromise,
];

fn severity(req: &PromptRequest) -> String {
    let summary = excerpt(req.value(&SUMMARY), 240);
    let mut lines = vec![
        req.field_line(&ACCOUNT_FIELD),
        req.field_line(&ACCOUNT_CONTEXT),
        req.field_line(&CONTACT_TITLE),
        if summary.is_empty() {
            req.field_line(&SUMMARY)
        } else {
            list_item(req.lang, req.text(SUMMARY.label), &summary)
        },
    ];
    lines.extend(
        req.facts
            .iter()
            .filter(|(label, _)| {
                !SHOWN_ELSEWHERE.contains(label)
                    && !Role::ALL.iter().any(|r| r.brief_fact() == *label)
            })
            .map(|(label, value)| list_item(req.lang, req.text(*label), value)),
    );
    let verdict = req.fact(Msg::FactSeverity).map_or_else(
        || req.text(Msg::PlanSeverityTbc).to_string(),
        |s| Msg::PromptSeverityFromRules.fill(req.lang, &[("severity", s)]),
    );
    format!(
        "{verdict}\n\n{}\n\n{}",
        lines.join("\n"),
        req.text(Msg::PlanSeverityGuide)
    )
}

fn email(req: &PromptRequest) -> String {
    let account = one_line(req.value(&ACCOUNT_FIELD));
    let name = one_line(req.value(&CONTACT_NAME));
    let subject = if account.is_empty() {
        req.text(Msg::PlanEmailSubjectNoAccount).to_string()
    } else {
        Msg::PlanEmailSubject.fill(req.lang, &[("account", &account)])
    };
    let greeting = if name.is_empty() {
        req.text(Msg::PlanEmailGreetingNoName).to_string()
    } else {
        Msg::PlanEmailGreeting.fill(req.lang, &[("name", &name)])
    };
    let affected = if account.is_empty() {
        req.text(Msg::PlanEmailYourTeam).to_string()
    } else {
        account
    };
    let issue = match one_line(req.value(&ISSUE)) {
        issue if issue.is_empty() => req.inline_or_missing(&SUMMARY),
        issue => issue,
    };
    let can_fix = one_line(req.value(&CAN_FIX));
    let commitment = if can_fix.is_empty() {
        req.text(Msg::PlanEmailNoCommit).to_string()
    } else {
        Msg::PlanEmailCommit.fill(req.lang, &[("can_fix", &can_fix)])
    };
    let next_update = req.fact(Msg::FactFirstUpdateDue).map_or_else(
        || req.text(Msg::PlanEmailNextUpdateWithin).to_string(),
        |time| Msg::PlanEmailNextUpdateAt.fill(req.lang, &[("time", time)]),
    );
    [
        subject,
        greeting,
        Msg::PlanEmailOpening.fill(req.lang, &[("account", &affected)]),
        Msg::PlanEmailUnderstanding.fill(req.lang, &[("issue", &issue)]),
        commitment,
        next_update,
        req.text(Msg::PlanEmailReply).to_string(),
        format!(
            "{}\n{}",
            req.text(Msg::PlanEmailClosing),
            req.text(Msg::PlanEmailSignature)
        ),
    ]
    .join("\n\n")
}

/// What we ask of a stakeholder in their brief.
fn ask(role: Role) -> Msg {
    match role {
        Role::Support => Msg::PlanAskSupport,
        Role::Engineering => Msg::PlanAskEngineering,
        Role::Product => Msg::PlanAskProduct,
        Role::Legal => Msg::PlanAskLegal,
        Role::Finance => Msg::PlanAskFinance,
        Role::ExecutiveSponsor => Msg::PlanAskExecutive,
    }
}

/// One brief per stakeholder to activate (the roles with a reply-by fact), each with its own
/// reply-by time; without them (no escalation record), support with a relative deadline and
/// a note on whom the rules would add.
fn briefs(req: &PromptRequest) -> String {
    let situation = Msg::PlanBriefSituation.fill(
        req.lang,
        &[
            ("account", &req.inline_or_missing(&ACCOUNT_FIELD)),
            ("summary", &excerpt(&req.inline_or_missing(&SUMMARY), 200)),
        ],
    );
    let can_fix = match one_line(req.value(&CAN_FIX)) {
        c if c.is_empty() => req.text(Msg::PlanNothingCommitted).to_string(),
        c => c,
    };
    let mut out = vec![
        list_item(
            req.lang,
            req.text(STAKEHOLDERS.label),
            &req.inline_or_missing(&STAKEHOLDERS),
        ),
        req.text(Msg::PlanBriefsSendRelevant).to_string(),
    ];
    if let Some(item) = req.fact_item(Msg::FactStakeholders) {
        out.insert(1, item);
    }
    let mut teams: Vec<(Role, &str)> = Role::ALL
        .into_iter()
        .filter_map(|role| req.fact(role.brief_fact()).map(|t| (role, t.trim())))
        .collect();
    if teams.is_empty() {
        out.push(req.text(Msg::PlanBriefsByRules).to_string());
        teams.push((Role::Support, req.text(Msg::PlanBeforeFirstResponse)));
    }
    out.extend(teams.into_iter().map(|(role, reply_by)| {
        format!(
            "### {}\n\n{situation}\n\n{}\n{}\n{}\n{}",
            req.text(role.label()),
            req.field_line(&ISSUE),
            list_item(req.lang, req.text(CAN_FIX.label), &can_fix),
            list_item(req.lang, req.text(Msg::PlanBriefAsk), req.text(ask(role))),
            list_item(req.lang, req.text(Msg::PlanBriefReplyBy), reply_by),
        )
    }));
    out.join("\n\n")
}

/// The severity the facts give (computed by the rules or set by the CSM), if any.
fn known_severity(req: &PromptRequest) -> Option<Severity> {
    let given = req.fact(Msg::FactSeverity)?.trim();
    Severity::ALL
        .iter()
        .copied()
        .find(|s| s.label().text(req.lang) == given)
}

/// The update cadence under the timeline: that of the known severity, else the strictest
/// until the severity is confirmed.
fn cadence(req: &PromptRequest) -> Msg {
    match known_severity(req) {
        Some(Severity::P1) => Msg::PlanCadenceP1,
        Some(Severity::P2) => Msg::PlanCadenceP2,
        Some(Severity::P3) => Msg::PlanCadenceP3,
        None => Msg::PlanCadence,
    }
}

/// Checkpoints: day after receipt, the fact that dates it (if any), the customer update and
/// the internal action.
const TIMELINE: &[(u32, Option<Msg>, Msg, Msg)] = &[
    (
        0,
        Some(Msg::FactFirstResponseDue),
        Msg::PlanDay0Customer,
        Msg::PlanDay0Internal,
    ),
    (
        1,
        Some(Msg::FactFirstUpdateDue),
        Msg::PlanDay1Customer,
        Msg::PlanDay1Internal,
    ),
    (3, None, Msg::PlanDay3Customer, Msg::PlanDay3Internal),
    (5, None, Msg::PlanDay5Customer, Msg::PlanDay5Internal),
    (7, None, Msg::PlanDay7Customer, Msg::PlanDay7Internal),
    (10, None, Msg::PlanDay10Customer, Msg::PlanDay10Internal),
    (14, None, Msg::PlanDay14Customer, Msg::PlanDay14Internal),
];

fn timeline(req: &PromptRequest) -> String {
    let mut rows = vec![
        format!(
            "| {} | {} | {} |",
            req.text(Msg::PlanColWhen),
            req.text(Msg::PlanColCustomer),
            req.text(Msg::PlanColInternal)
        ),
        "|---|---|---|".to_string(),
    ];
    rows.extend(TIMELINE.iter().map(|(day, dated_by, customer, internal)| {
        let day = Msg::PlanDay.fill(req.lang, &[("n", &day.to_string())]);
        let when = match dated_by.and_then(|f| req.fact(f)) {
            Some(time) => format!("{day} · {time}"),
            None => day,
        };
        format!(
            "| {when} | {} | {} |",
            req.text(*customer),
            req.text(*internal)
        )
    }));
    let table = format!("{}\n\n{}", rows.join("\n"), req.text(cadence(req)));
    req.with_fact(table, Msg::FactTimeline)
}

/// Promises to warn against, with the cue words (lower case) showing the can-fix field
/// already allows some of it; no cues means it is never covered.
const RISKY_PROMISES: &[(Msg, &[&str])] = &[
    (
        Msg::PlanNoDate,
        &[
            "date",
            "day",
            "week",
            "month",
            "hour",
            "today",
            "tonight",
            "tomorrow",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "0",
            "1",
            "2",
            "3",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9",
            "日",
            "号",
            "周",
            "星期",
            "月",
            "天",
            "小时",
        ],
    ),
    (
        Msg::PlanNoCompensation,
        &[
            "credit",
            "refund",
            "discount",
            "compensat",
            "waive",
            "free",
            "补偿",
            "退款",
            "折扣",
            "抵扣",
            "减免",
            "赠送",
            "免费",
        ],
    ),
    (
        Msg::PlanNoRoadmap,
        &["roadmap", "feature", "路线图", "功能"],
    ),
    (Msg::PlanNoRootCause, &[]),
    (
        Msg::PlanNoContract,
        &["contract", "sla", "pricing", "price", "合同", "价格"],
    ),
    (Msg::PlanNoPeople, &[]),
    (Msg::PlanNoRecurrence, &[]),
];

fn not_to_promise(req: &PromptRequest) -> String {
    let label = req.text(CAN_FIX.label);
    let can_fix = one_line(req.value(&CAN_FIX));
    let allowed = if can_fix.is_empty() {
        Msg::PlanNotPromiseNothingAllowed.fill(req.lang, &[("label", label)])
    } else {
        Msg::PlanNotPromiseAllowed.fill(req.lang, &[("label", label), ("can_fix", &can_fix)])
    };
    let body = format!(
        "{allowed}\n\n{}\n\n{}",
        req.text(Msg::PlanNotPromiseIntro),
        risky_promises(req, &can_fix)
    );
    req.with_fact(body, Msg::FactNotToPromise)
}

/// The list of promises to avoid, each marked as covered "beyond exactly what is stated"
/// when `allowed` (lower case) already offers some of it.
pub(super) fn risky_promises(req: &PromptRequest, allowed: &str) -> String {
    let cues = allowed.to_ascii_lowercase();
    RISKY_PROMISES
        .iter()
        .map(|(item, words)| {
            if words.iter().any(|w| cues.contains(w)) {
                format!(
                    "- {}",
                    Msg::PlanNotPromiseCovered.fill(req.lang, &[("item", req.text(*item))])
                )
            } else {
                format!("- {}", req.text(*item))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{Account, Tier};
    use crate::domain::record::{AccountIndex, AnyRecord};
    use crate::prompts::escalation::facts::tests::{accounts, context, escalation, now, set_fact};
    use crate::prompts::{builtin_draft, email_parts, section_body, system_message, user_message};

    /// The plan's facts for `escalation()` at `now()` (UTC+8).
    fn facts(lang: Lang) -> Vec<(Msg, String)> {
        facts_at(now(), lang)
    }

    fn prefill_with(accounts: &AccountIndex, lang: Lang) -> FormValues {
        let record = AnyRecord::Escalation(escalation());
        prefill(&context(&record, accounts), lang).unwrap()
    }

    fn english_form() -> FormValues {
        prefill_with(&accounts(), Lang::En)
    }

    fn chinese_form() -> FormValues {
        values([
            (
                SUMMARY.key,
                "同步已中断两天，客户 CIO 询问是否解约。".into(),
            ),
            (ACCOUNT_FIELD.key, "华东制造".into()),
            (
                ACCOUNT_CONTEXT.key,
                "战略客户 · 年经常性收入 CNY 3,000,000 · 2027-02-01 续约".into(),
            ),
            (CONTACT_NAME.key, "王芳".into()),
            (CONTACT_TITLE.key, "信息总监".into()),
            (ISSUE.key, "大租户的夜间同步任务失败。".into()),
            (
                CAN_FIX.key,
                "周五 18:00 前发布同步任务热修复；今天手动重新同步。".into(),
            ),
            (STAKEHOLDERS.key, "支持团队（小王）、值班工程师".into()),
        ])
    }

    fn draft_text(form: &FormValues, facts: &[(Msg, String)], lang: Lang) -> String {
        builtin_draft(&PromptRequest {
            spec: &SPEC,
            values: form,
            facts,
            lang,
        })
    }

    fn section(text: &str, section: Msg, lang: Lang) -> &str {
        section_body(text, section.text(lang)).unwrap_or_else(|| panic!("{section:?} missing"))
    }

    fn headings_in_order(text: &str, lang: Lang) -> bool {
        let at: Vec<usize> = SPEC
            .sections
            .iter()
            .map(|s| {
                text.find(&format!("\n## {}\n", s.text(lang)))
                    .unwrap_or(usize::MAX)
            })
            .collect();
        at.iter().all(|p| *p != usize::MAX) && at.windows(2).all(|w| w[0] < w[1])
    }

    #[test]
    fn prefill_copies_the_escalation_and_its_account() {
        let form = english_form();
        assert_eq!(form["summary"], escalation().summary);
        assert_eq!(form["account"], "Acme Corp");
        assert_eq!(
            form["account_context"],
            "Strategic · ARR USD 1,200,000 · renews 2027-01-15"
        );
        assert_eq!(form["contact_name"], "Li Wei");
        assert_eq!(form["contact_title"], "CIO");
        assert_eq!(form["underlying_issue"], escalation().underlying_issue);
        assert_eq!(form["can_fix"], escalation().can_fix);
        assert_eq!(form["stakeholders"], "Support (Ana), on-call engineering");
        let keys: Vec<_> = form.keys().copied().collect();
        let mut fields: Vec<_> = SPEC.fields.iter().map(|f| f.key).collect();
        fields.sort_unstable();
        assert_eq!(keys, fields, "every field, and only those");
    }

    #[test]
    fn prefill_writes_the_account_line_in_the_requested_language() {
        let form = prefill_with(&accounts(), Lang::Zh);
        assert_eq!(
            form["account_context"],
            "战略客户 · 年经常性收入 USD 1,200,000 · 2027-01-15 续约"
        );
    }

    #[test]
    fn prefill_says_when_arr_and_renewal_are_unknown() {
        let mut a = Account::new("a1".into(), now());
        a.name = "Globex".into();
        a.tier = Tier::Smb;
        let form = prefill_with(&AccountIndex::new([a]), Lang::En);
        assert_eq!(
            form["account_context"],
            "SMB · ARR not recorded · renewal date not recorded"
        );
    }

    #[test]
    fn prefill_with_a_dangling_account_leaves_the_account_empty() {
        let form = prefill_with(&AccountIndex::default(), Lang::En);
        assert_eq!(form["account"], "");
        assert_eq!(form["account_context"], "");
        assert_eq!(form["contact_name"], "Li Wei");
    }

    #[test]
    fn english_draft_has_every_heading_in_order() {
        let text = draft_text(&english_form(), &facts(Lang::En), Lang::En);
        assert!(text.starts_with("*Built-in draft (no AI model)"));
        assert!(headings_in_order(&text, Lang::En), "{text}");
    }

    #[test]
    fn chinese_draft_has_every_heading_in_order() {
        let text = draft_text(&chinese_form(), &facts(Lang::Zh), Lang::Zh);
        assert!(text.starts_with("*内置草稿（未使用 AI 模型）"));
        assert!(headings_in_order(&text, Lang::Zh), "{text}");
        assert!(!text.contains("Severity and rationale"));
    }

    #[test]
    fn english_email_is_addressed_and_keeps_to_the_can_fix_text() {
        let text = draft_text(&english_form(), &facts(Lang::En), Lang::En);
        let (subject, body) = email_parts(section(&text, Msg::PlanSectionEmail, Lang::En)).unwrap();
        assert_eq!(subject, "Acme Corp: our response and next steps");
        assert!(body.starts_with("Dear Li Wei,"));
        assert!(body.contains("disruption it has caused Acme Corp"));
        assert!(body.contains(
            "What we can commit to today: A hotfix for the sync job by Friday 18:00, and a manual resync today."
        ));
        assert!(body.contains("The nightly sync job fails on large tenants."));
        assert!(body.contains("next update by 2026-11-24 16:15 (UTC+08:00)"));
        assert!(body.ends_with("Kind regards,\nYour Customer Success Manager"));
    }

    #[test]
    fn chinese_email_is_addressed_and_keeps_to_the_can_fix_text() {
        let text = draft_text(&chinese_form(), &facts(Lang::Zh), Lang::Zh);
        let (subject, body) = email_parts(section(&text, Msg::PlanSectionEmail, Lang::Zh)).unwrap();
        assert_eq!(subject, "华东制造——我们的回复与下一步安排");
        assert!(body.starts_with("王芳，您好："));
        assert!(body
            .contains("目前我们可以承诺的是：周五 18:00 前发布同步任务热修复；今天手动重新同步。"));
        assert!(body.contains("我会在 2026-11-24 16:15 (UTC+08:00) 之前"));
    }

    #[test]
    fn email_promises_nothing_beyond_the_can_fix_text() {
        let en = draft_text(&english_form(), &facts(Lang::En), Lang::En);
        let email = section(&en, Msg::PlanSectionEmail, Lang::En).to_ascii_lowercase();
        for word in [
            "credit",
            "refund",
            "discount",
            "compensation",
            "roadmap",
            "guarantee",
            "never happen",
        ] {
            assert!(!email.contains(word), "{word}");
        }
        let zh = draft_text(&chinese_form(), &facts(Lang::Zh), Lang::Zh);
        let email = section(&zh, Msg::PlanSectionEmail, Lang::Zh);
        for word in ["退款", "补偿", "折扣", "路线图", "保证"] {
            assert!(!email.contains(word), "{word}");
        }
    }

    #[test]
    fn email_without_can_fix_commits_only_to_the_next_update() {
        let mut form = english_form();
        form.insert(CAN_FIX.key, String::new());
        let text = draft_text(&form, &[], Lang::En);
        let (_, body) = email_parts(section(&text, Msg::PlanSectionEmail, Lang::En)).unwrap();
        assert!(body.contains("rather than guess at a date today"));
        assert!(!body.contains("What we can commit to today"));
        assert!(
            body.contains("next update within 24 hours"),
            "no facts: a relative time"
        );
    }

    #[test]
    fn email_without_names_still_reads_as_a_letter() {
        let form = values([(SUMMARY.key, "Everything is broken.".into())]);
        let text = draft_text(&form, &[], Lang::En);
        let (subject, body) = email_parts(section(&text, Msg::PlanSectionEmail, Lang::En)).unwrap();
        assert_eq!(subject, "Our response and next steps");
        assert!(body.starts_with("Hello,"));
        assert!(body.contains("disruption it has caused your team"));
        assert!(body.contains("What we understand so far: Everything is broken."));
    }

    #[test]
    fn severity_is_to_be_confirmed_without_the_rules() {
        let text = draft_text(&english_form(), &[], Lang::En);
        let body = section(&text, Msg::PlanSectionSeverity, Lang::En);
        assert!(body.starts_with("**Severity: to be confirmed.**"));
    }

    #[test]
    fn severity_comes_from_the_rules_with_the_facts_given() {
        let text = draft_text(&english_form(), &facts(Lang::En), Lang::En);
        let body = section(&text, Msg::PlanSectionSeverity, Lang::En);
        assert!(body.starts_with("**Severity: P1 · executive**"), "{body}");
        assert!(body.contains("- **Escalation type (built-in rules):** Product failure"));
        assert!(body.contains(
            "- **Tier, ARR and renewal:** Strategic · ARR USD 1,200,000 · renews 2027-01-15"
        ));
        assert!(body.contains("- **Contact's title:** CIO"));
        assert!(body.contains("- **Received at:** 2026-11-23 16:15 (UTC+08:00)"));
        assert!(body.contains("ARR of 250,000 or more with renewal within 90 days"));
    }

    #[test]
    fn empty_inputs_say_what_to_add() {
        let text = draft_text(&FormValues::new(), &[], Lang::En);
        let severity = section(&text, Msg::PlanSectionSeverity, Lang::En);
        assert!(
            severity.contains("- **Account name:** not given yet: add “Account name” to the form")
        );
        assert!(severity.contains("add “Tier, ARR and renewal” to the form"));
        let not_promise = section(&text, Msg::PlanSectionNotPromise, Lang::En);
        assert!(not_promise.starts_with("Nothing has been cleared to promise yet"));
        // Every section is there, in order, and says something.
        assert!(headings_in_order(&text, Lang::En), "{text}");
        for &heading in SPEC.sections {
            let body = section(&text, heading, Lang::En);
            assert!(!body.trim().is_empty(), "{heading:?} is empty: {text}");
        }
        let zh = draft_text(&FormValues::new(), &[], Lang::Zh);
        assert!(zh.contains("请在表单中补充“客户等级、ARR 与续约日期”"));
    }

    /// The plan's facts for `escalation()` at `now` (UTC+8), in `lang`.
    fn facts_at(now: chrono::DateTime<chrono::Utc>, lang: Lang) -> Vec<(Msg, String)> {
        let record = AnyRecord::Escalation(escalation());
        let accounts = accounts();
        let mut ctx = context(&record, &accounts);
        ctx.now = now;
        super::facts(&ctx, lang)
    }

    fn briefs_of(facts: &[(Msg, String)], lang: Lang) -> String {
        let form = if lang == Lang::En {
            english_form()
        } else {
            chinese_form()
        };
        let text = draft_text(&form, facts, lang);
        section(&text, Msg::PlanSectionBriefs, lang).to_string()
    }

    #[test]
    fn briefs_go_to_the_computed_stakeholders_legal_included() {
        // A P1 product failure whose CIO threatens to cancel: legal is activated, finance is not.
        let en = briefs_of(&facts(Lang::En), Lang::En);
        let headings: Vec<&str> = en.lines().filter(|l| l.starts_with("### ")).collect();
        assert_eq!(
            headings,
            [
                "### Support",
                "### Engineering",
                "### Product",
                "### Legal",
                "### Executive sponsor"
            ],
            "{en}"
        );
        assert!(en.contains(Msg::PlanAskLegal.text(Lang::En)), "{en}");
        let zh = briefs_of(&facts(Lang::Zh), Lang::Zh);
        assert!(zh.contains("### 法务"), "{zh}");
        assert!(!zh.contains("### 财务"), "{zh}");
    }

    #[test]
    fn teams_not_activated_get_no_brief() {
        let mut e = escalation();
        e.summary = "The invoice charged twice.".into();
        e.underlying_issue = "Billing error on the renewal invoice.".into();
        e.contact_title = "Accounts payable clerk".into();
        e.can_fix = "Refund the duplicate charge this week.".into();
        let record = AnyRecord::Escalation(e);
        let mut a = Account::new("a1".into(), now());
        a.name = "Acme Corp".into();
        a.arr = 80_000;
        let small = AccountIndex::new([a]);
        // A P2 contract dispute: support and finance only.
        let facts = (SPEC.facts)(&context(&record, &small), Lang::En);
        let body = briefs_of(&facts, Lang::En);
        assert!(body.contains("### Support"), "{body}");
        assert!(body.contains("### Finance"), "{body}");
        for team in [
            "### Engineering",
            "### Product",
            "### Legal",
            "### Leadership",
            "### Executive sponsor",
        ] {
            assert!(!body.contains(team), "{team}: {body}");
        }
    }

    #[test]
    fn reply_by_is_the_stakeholder_deadline_while_it_lies_ahead() {
        // Received 16:15 local; the P1 internal call (4 h) is at 20:15 local.
        let body = briefs_of(&facts(Lang::En), Lang::En);
        assert_eq!(
            body.matches("- **Reply by:** 2026-11-23 20:15 (UTC+08:00)")
                .count(),
            5,
            "{body}"
        );
        assert!(!body.contains("18:15"), "not the first-response deadline");
    }

    #[test]
    fn reply_by_is_never_in_the_past() {
        // 13:05 UTC is 21:05 local: the 20:15 deadline has passed; ask for 23:15, stated plainly.
        let late =
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 23, 13, 5, 0).unwrap();
        let body = briefs_of(&facts_at(late, Lang::En), Lang::En);
        assert!(
            body.contains(
                "- **Reply by:** 2026-11-23 23:15 (UTC+08:00) (the planned deadline, 2026-11-23 20:15 (UTC+08:00), has passed)"
            ),
            "{body}"
        );
        let zh = briefs_of(&facts_at(late, Lang::Zh), Lang::Zh);
        assert!(
            zh.contains(
                "2026-11-23 23:15 (UTC+08:00)（原定截止时间 2026-11-23 20:15 (UTC+08:00) 已过）"
            ),
            "{zh}"
        );
        let user = user_message(&PromptRequest {
            spec: &SPEC,
            values: &english_form(),
            facts: &facts_at(late, Lang::En),
            lang: Lang::En,
        });
        assert!(
            user.contains(
                "By 2026-11-23 23:15 (the planned deadline, 2026-11-23 20:15, has passed)."
            ),
            "the model is not told a past deadline either: {user}"
        );
    }

    #[test]
    fn without_computed_stakeholders_support_is_briefed_and_the_rest_explained() {
        let body = briefs_of(&[], Lang::En);
        assert!(body.contains("### Support"), "{body}");
        assert!(!body.contains("### Leadership"), "{body}");
        assert!(
            body.contains(Msg::PlanBriefsByRules.text(Lang::En)),
            "{body}"
        );
        assert!(body.contains(
            "- **Reply by:** before the first customer response is due (2 hours after receipt)"
        ));
    }

    #[test]
    fn a_computed_severity_states_its_cadence_without_waiting_for_confirmation() {
        let text = draft_text(&english_form(), &facts(Lang::En), Lang::En);
        let body = section(&text, Msg::PlanSectionTimeline, Lang::En);
        assert!(!body.contains("Until the severity is confirmed"), "{body}");
        assert!(body.contains(Msg::PlanCadenceP1.text(Lang::En)), "{body}");
        let zh = draft_text(&chinese_form(), &facts(Lang::Zh), Lang::Zh);
        let body = section(&zh, Msg::PlanSectionTimeline, Lang::Zh);
        assert!(!body.contains("在严重程度确认之前"), "{body}");
        assert!(body.contains(Msg::PlanCadenceP1.text(Lang::Zh)), "{body}");
        let briefs = section(&text, Msg::PlanSectionBriefs, Lang::En);
        assert!(!briefs.contains("still to be confirmed"), "{briefs}");
    }

    #[test]
    fn an_unknown_severity_keeps_the_cadence_until_confirmed() {
        let text = draft_text(&english_form(), &[], Lang::En);
        let body = section(&text, Msg::PlanSectionTimeline, Lang::En);
        assert!(body.contains("Until the severity is confirmed"), "{body}");
    }

    #[test]
    fn timeline_is_a_table_from_day_0_to_day_14() {
        let text = draft_text(&english_form(), &facts(Lang::En), Lang::En);
        let body = section(&text, Msg::PlanSectionTimeline, Lang::En);
        let rows: Vec<&str> = body.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(rows.len(), 2 + TIMELINE.len());
        assert_eq!(rows[0], "| When | Customer update | Internal action |");
        assert!(rows[2].starts_with(
            "| Day 0 · 2026-11-23 18:15 (UTC+08:00) | Send the first response e-mail"
        ));
        assert!(rows[3].starts_with("| Day 1 · 2026-11-24 16:15 (UTC+08:00) |"));
        assert!(rows.last().unwrap().starts_with("| Day 14 |"));
        let zh = draft_text(&chinese_form(), &[], Lang::Zh);
        assert!(section(&zh, Msg::PlanSectionTimeline, Lang::Zh).contains("| 第 14 天 |"));
    }

    #[test]
    fn not_to_promise_lists_what_can_fix_does_not_cover() {
        let text = draft_text(&english_form(), &[], Lang::En);
        let body = section(&text, Msg::PlanSectionNotPromise, Lang::En);
        assert!(body
            .starts_with("Promise only what “What we can honestly fix, and when” says: A hotfix"));
        assert!(body.contains("\n- service credits, refunds, discounts or other compensation\n"));
        assert!(body.contains("\n- roadmap items, new features or custom work\n"));
        assert!(body.contains("\n- that this will never happen again"));
        assert!(
            body.contains("- a fix or release date, beyond exactly what is stated above"),
            "the can-fix text gives a date"
        );
    }

    #[test]
    fn not_to_promise_marks_compensation_covered_when_can_fix_offers_it() {
        let mut form = chinese_form();
        form.insert(CAN_FIX.key, "可以提供一个月的服务抵扣。".into());
        let text = draft_text(&form, &[], Lang::Zh);
        let body = section(&text, Msg::PlanSectionNotPromise, Lang::Zh);
        assert!(body.contains("- 超出上述原文的服务抵扣、退款、折扣或其他补偿"));
        assert!(body.contains("- 路线图事项、新功能或定制开发"));
    }

    #[test]
    fn later_facts_go_to_their_sections() {
        let mut facts = facts(Lang::En);
        set_fact(
            &mut facts,
            Msg::FactStakeholders,
            "Engineering: fix date by 18:00".into(),
        );
        set_fact(&mut facts, Msg::FactTimeline, "Day 1: update".into());
        set_fact(&mut facts, Msg::FactNotToPromise, "credits".into());
        let text = draft_text(&english_form(), &facts, Lang::En);
        let briefs = section(&text, Msg::PlanSectionBriefs, Lang::En);
        assert!(briefs.contains(
            "- **Stakeholders to activate, with what we need and by when:** Engineering: fix date by 18:00"
        ));
        let timeline = section(&text, Msg::PlanSectionTimeline, Lang::En);
        assert!(timeline.ends_with("- **14-day resolution timeline (local time):** Day 1: update"));
        let not = section(&text, Msg::PlanSectionNotPromise, Lang::En);
        assert!(not.ends_with("- **What must not be promised:** credits"));
        let severity = section(&text, Msg::PlanSectionSeverity, Lang::En);
        assert!(!severity.contains("credits"));
    }

    #[test]
    fn the_built_in_draft_is_deterministic() {
        let facts = facts(Lang::En);
        for (form, lang) in [(english_form(), Lang::En), (chinese_form(), Lang::Zh)] {
            assert_eq!(
                draft_text(&form, &facts, lang),
                draft_text(&form.clone(), &facts, lang)
            );
        }
    }

    #[test]
    fn messages_carry_the_prompt_specific_rules_and_inputs() {
        let form = english_form();
        let facts = facts(Lang::En);
        let req = PromptRequest {
            spec: &SPEC,
            values: &form,
            facts: &facts,
            lang: Lang::En,
        };
        let system = system_message(&req);
        assert!(system.contains("“Subject: …”"));
        let user = user_message(&req);
        assert!(user.starts_with("A customer has just escalated."));
        assert!(user.contains("- **Account name:** Acme Corp"));
        assert!(user.contains("- **First customer update due:** 2026-11-24 16:15 (UTC+08:00)"));
        let zh = system_message(&PromptRequest {
            lang: Lang::Zh,
            ..req
        });
        assert!(zh.contains("“主题：……”"));
    }
}
