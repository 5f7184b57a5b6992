//! Escalations, guided prompt 1, “Response plan” (seed prompt 升级响应计划): the complete
//! response to a fresh escalation. Owns its form, the prefill from the escalation record, the
//! computed facts it is sent with (received time and response deadlines) and its built-in
//! drafter.

use chrono::{DateTime, Duration, FixedOffset, Timelike, Utc};

use crate::domain::escalation::Escalation;
use crate::domain::form::{values, Coded, FieldKind, FieldSpec, FormValues};
use crate::domain::listing::format_money;
use crate::domain::record::{excerpt, AccountIndex};
use crate::i18n::{Lang, Msg};
use crate::prompts::{one_line, PromptRequest, PromptSpec};
use crate::route::Workspace;

pub const ID: &str = "escalation.response_plan";

const SUMMARY: FieldSpec = FieldSpec::new("summary", Msg::FieldSummary, FieldKind::LongText)
    .required()
    .help(Msg::HelpSummary);
const ACCOUNT: FieldSpec = FieldSpec::new("account", Msg::FieldAccountName, FieldKind::Text)
    .required()
    .help(Msg::PlanHelpAccount);
const ACCOUNT_CONTEXT: FieldSpec =
    FieldSpec::new("account_context", Msg::PlanFieldAccountContext, FieldKind::Text)
        .help(Msg::PlanHelpAccountContext);
const CONTACT_NAME: FieldSpec =
    FieldSpec::new("contact_name", Msg::FieldContactName, FieldKind::Text)
        .help(Msg::PlanHelpContact);
const CONTACT_TITLE: FieldSpec =
    FieldSpec::new("contact_title", Msg::FieldContactTitle, FieldKind::Text)
        .help(Msg::PlanHelpContactTitle);
const ISSUE: FieldSpec =
    FieldSpec::new("underlying_issue", Msg::FieldUnderlyingIssue, FieldKind::LongText)
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
        ACCOUNT,
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
    drafter: draft,
};

/// The form filled from the escalation and its account (tier, ARR and renewal as one line in
/// `lang`); a dangling account link leaves the account fields empty.
pub fn prefill(escalation: &Escalation, accounts: &AccountIndex, lang: Lang) -> FormValues {
    let account = accounts.get(&escalation.account_id);
    let context = account.map(|a| {
        let arr = if a.arr == 0 {
            Msg::PlanContextNoArr.text(lang).to_string()
        } else {
            Msg::PlanContextArr.fill(lang, &[("amount", &format_money(a.arr, &a.currency))])
        };
        let renewal = a.renewal_date.map_or_else(
            || Msg::PlanContextNoRenewal.text(lang).to_string(),
            |d| Msg::PlanContextRenewal.fill(lang, &[("date", &d.to_string())]),
        );
        [a.tier.label().text(lang).to_string(), arr, renewal].join(" · ")
    });
    values([
        (SUMMARY.key, escalation.summary.clone()),
        (ACCOUNT.key, account.map(|a| a.name.clone()).unwrap_or_default()),
        (ACCOUNT_CONTEXT.key, context.unwrap_or_default()),
        (CONTACT_NAME.key, escalation.contact_name.clone()),
        (CONTACT_TITLE.key, escalation.contact_title.clone()),
        (ISSUE.key, escalation.underlying_issue.clone()),
        (CAN_FIX.key, escalation.can_fix.clone()),
        (STAKEHOLDERS.key, escalation.stakeholders.clone()),
    ])
}

/// Hours from receipt to the first customer response.
const FIRST_RESPONSE_HOURS: i64 = 2;
/// Hours from receipt to the first customer update: the strictest cadence (P1, daily) until
/// the severity is confirmed, since an early update is never wrong.
const FIRST_UPDATE_HOURS: i64 = 24;

/// The computed facts sent with the form: received time and the first response and first
/// update deadlines, in the user's time zone (`offset`).
pub fn facts(escalation: &Escalation, offset: FixedOffset) -> Vec<(Msg, String)> {
    let at = |hours: i64| local_minute(escalation.received_at + Duration::hours(hours), offset);
    vec![
        (Msg::FieldReceivedAt, at(0)),
        (Msg::FactFirstResponseDue, at(FIRST_RESPONSE_HOURS)),
        (Msg::FactFirstUpdateDue, at(FIRST_UPDATE_HOURS)),
    ]
}

/// "2026-11-23 17:15 (UTC+08:00)".
fn local_minute(t: DateTime<Utc>, offset: FixedOffset) -> String {
    let local = t.with_timezone(&offset);
    format!(
        "{} {:02}:{:02} (UTC{offset})",
        local.date_naive(),
        local.hour(),
        local.minute()
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

fn fact_line(label: &str, value: &str) -> String {
    format!("- **{label}:** {value}")
}

fn field_line(req: &PromptRequest, field: &FieldSpec) -> String {
    fact_line(req.text(field.label), &req.inline_or_missing(field))
}

fn severity(req: &PromptRequest) -> String {
    let summary = excerpt(req.value(&SUMMARY), 240);
    let mut lines = vec![
        field_line(req, &ACCOUNT),
        field_line(req, &ACCOUNT_CONTEXT),
        field_line(req, &CONTACT_TITLE),
        if summary.is_empty() {
            field_line(req, &SUMMARY)
        } else {
            fact_line(req.text(SUMMARY.label), &summary)
        },
    ];
    lines.extend(
        req.facts
            .iter()
            .map(|(label, value)| fact_line(req.text(*label), value)),
    );
    format!(
        "{}\n\n{}\n\n{}",
        req.text(Msg::PlanSeverityTbc),
        lines.join("\n"),
        req.text(Msg::PlanSeverityGuide)
    )
}

fn email(req: &PromptRequest) -> String {
    let account = one_line(req.value(&ACCOUNT));
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
        format!("{} {}", next_update, req.text(Msg::PlanEmailReply)),
        format!(
            "{}\n{}",
            req.text(Msg::PlanEmailClosing),
            req.text(Msg::PlanEmailSignature)
        ),
    ]
    .join("\n\n")
}

/// Internal teams a brief can go to, with what we ask of each.
const TEAMS: &[(Msg, Msg)] = &[
    (Msg::PlanTeamSupport, Msg::PlanAskSupport),
    (Msg::PlanTeamEngineering, Msg::PlanAskEngineering),
    (Msg::PlanTeamProduct, Msg::PlanAskProduct),
    (Msg::PlanTeamLeadership, Msg::PlanAskLeadership),
];

fn briefs(req: &PromptRequest) -> String {
    let situation = Msg::PlanBriefSituation.fill(
        req.lang,
        &[
            ("account", &req.inline_or_missing(&ACCOUNT)),
            ("summary", &excerpt(&req.inline_or_missing(&SUMMARY), 200)),
        ],
    );
    let can_fix = match one_line(req.value(&CAN_FIX)) {
        c if c.is_empty() => req.text(Msg::PlanNothingCommitted).to_string(),
        c => c,
    };
    let reply_by = req
        .fact(Msg::FactFirstResponseDue)
        .unwrap_or(req.text(Msg::PlanBeforeFirstResponse));
    let mut out = vec![
        fact_line(
            req.text(STAKEHOLDERS.label),
            &req.inline_or_missing(&STAKEHOLDERS),
        ),
        req.text(Msg::PlanBriefsSendRelevant).to_string(),
    ];
    out.extend(TEAMS.iter().map(|(team, ask)| {
        format!(
            "### {}\n\n{situation}\n\n{}\n{}\n{}\n{}",
            req.text(*team),
            field_line(req, &ISSUE),
            fact_line(req.text(CAN_FIX.label), &can_fix),
            fact_line(req.text(Msg::PlanBriefAsk), req.text(*ask)),
            fact_line(req.text(Msg::PlanBriefReplyBy), reply_by),
        )
    }));
    out.join("\n\n")
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
    format!("{}\n\n{}", rows.join("\n"), req.text(Msg::PlanCadence))
}

/// Promises to warn against, with the cue words (lower case) showing the can-fix field
/// already allows some of it; no cues means it is never covered.
const RISKY_PROMISES: &[(Msg, &[&str])] = &[
    (
        Msg::PlanNoDate,
        &[
            "date", "day", "week", "month", "hour", "today", "tonight", "tomorrow", "monday",
            "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "0", "1", "2",
            "3", "4", "5", "6", "7", "8", "9", "日", "号", "周", "星期", "月", "天", "小时",
        ],
    ),
    (
        Msg::PlanNoCompensation,
        &[
            "credit", "refund", "discount", "compensat", "waive", "free", "补偿", "退款", "折扣",
            "抵扣", "减免", "赠送", "免费",
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
    let cues = can_fix.to_lowercase();
    let allowed = if can_fix.is_empty() {
        Msg::PlanNotPromiseNothingAllowed.fill(req.lang, &[("label", label)])
    } else {
        Msg::PlanNotPromiseAllowed.fill(req.lang, &[("label", label), ("can_fix", &can_fix)])
    };
    let items: Vec<String> = RISKY_PROMISES
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
        .collect();
    format!(
        "{allowed}\n\n{}\n\n{}",
        req.text(Msg::PlanNotPromiseIntro),
        items.join("\n")
    )
}
