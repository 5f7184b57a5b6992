//! Feedback, guided prompt 3, “QBR follow-up e-mail” (seed prompt 带有反馈确认的季度业务回顾跟进):
//! after a QBR, one e-mail that thanks the customer, acknowledges every feedback item with
//! what happens next and the date of the next update, and ends with the agreed next steps;
//! plus the commitments to track. Owns its form, the prefill from the account's open items
//! (severity and plan from the tracker) and its built-in drafter.

use crate::domain::cues::{cues, matches, Cues};
use crate::domain::feedback::stats::{is_open, overdue, Commitment};
use crate::domain::feedback::FeedbackItem;
use crate::domain::form::{FieldKind, FieldSpec, FormValues};
use crate::domain::record::excerpt;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::feedback::facts::{self, renewal_text};
use crate::prompts::onboarding::facts::{local_today, table};
use crate::prompts::{
    bare, example_values, PromptRequest, PromptSpec, RecordContext, ACCOUNT_FIELD,
};

/// The prompt's id, in routes and on its drafts.
pub const ID: &str = "feedback.qbr_followup";

const ITEMS: FieldSpec = FieldSpec::new("items", Msg::FpQbrFieldItems, FieldKind::LongText)
    .required()
    .help(Msg::FpQbrHelpItems);
const TONE: FieldSpec =
    FieldSpec::new("tone", Msg::FpQbrFieldTone, FieldKind::Text).help(Msg::FpQbrHelpTone);
const RENEWAL: FieldSpec = FieldSpec::new("renewal", Msg::FieldRenewalDate, FieldKind::Text);
const HEALTH: FieldSpec =
    FieldSpec::new("health", Msg::FpQbrFieldHealth, FieldKind::Text).help(Msg::FpQbrHelpHealth);
const SPONSOR: FieldSpec =
    FieldSpec::new("sponsor", Msg::FieldExecSponsor, FieldKind::Text).help(Msg::FpQbrHelpSponsor);

/// The QBR follow-up prompt.
pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Feedback,
    title: Msg::FpQbrTitle,
    intro: Msg::FpQbrIntro,
    task: Msg::FpQbrTask,
    fields: &[ACCOUNT_FIELD, ITEMS, TONE, RENEWAL, HEALTH, SPONSOR],
    rules: &[Msg::FpQbrRuleEmail, Msg::FpQbrRuleNoVague],
    sections: &[Msg::FpQbrSectionEmail, Msg::FpQbrSectionTrack],
    word_limit: None,
    email_section: Some(Msg::FpQbrSectionEmail),
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// Feedback items prefilled at most (the seed's four).
const MAX_ITEMS: usize = 4;
/// Days to the next update by severity: high, medium (and unknown), low.
const UPDATE_DAYS: [i64; 3] = [7, 14, 21];
/// Days to the joint progress review.
const REVIEW_DAYS: i64 = 30;
/// Words that mark a severity as high or low.
const HIGH: Cues = cues!["high", "critical", "高", "严重"];
const LOW: Cues = cues!["low", "低"];
/// Words that mark the meeting's tone as concerned.
const CONCERNED: Cues =
    cues!["concern*", "negative", "tense", "worried", "担忧", "消极", "紧张",];

/// The severity the tracker suggests: high for a detractor score or an overdue item, low for
/// a promoter score, medium otherwise.
pub fn severity(item: &FeedbackItem, ctx: &RecordContext) -> Msg {
    match item.score {
        _ if overdue(item, ctx.now).is_some() => Msg::ObAtRiskHigh,
        Some(0..=6) => Msg::ObAtRiskHigh,
        Some(9..) => Msg::ObAtRiskLow,
        _ => Msg::ObAtRiskMedium,
    }
}

/// The form filled from the account of the opened item: its open items (the opened one
/// first) with severity and plan, the renewal and the first contact. `None` for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (item, account) = facts::item(ctx)?;
    let others = ctx
        .feedback
        .iter()
        .filter(|i| i.account_id == item.account_id && i.id != item.id && is_open(i));
    let items = std::iter::once(item)
        .chain(others)
        .take(MAX_ITEMS)
        .map(|i| {
            Msg::FpQbrItemValue.fill(
                lang,
                &[
                    ("text", &excerpt(&i.verbatim, 120)),
                    ("severity", severity(i, ctx).text(lang)),
                    ("plan", Commitment::of(i.stage).label().text(lang)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let sponsor = account
        .and_then(|a| a.contacts.first())
        .map(|c| match c.role.trim() {
            "" => c.name.trim().to_string(),
            role => format!("{}, {role}", c.name.trim()),
        })
        .unwrap_or_default();
    Some(FormValues::from([
        (ACCOUNT_FIELD.key, ctx.accounts.name(&item.account_id)),
        (ITEMS.key, items),
        (TONE.key, String::new()),
        (
            RENEWAL.key,
            account
                .map(|a| renewal_text(Some(a), local_today(ctx), lang))
                .unwrap_or_default(),
        ),
        (HEALTH.key, String::new()),
        (SPONSOR.key, sponsor),
    ]))
}

/// The example QBR with the shared example account, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (ACCOUNT_FIELD.key, Msg::PromptExAccount),
            (ITEMS.key, Msg::FpQbrExItems),
            (TONE.key, Msg::FpQbrExTone),
            (RENEWAL.key, Msg::FpQbrExRenewal),
            (HEALTH.key, Msg::FpQbrExHealth),
            (SPONSOR.key, Msg::FpQbrExSponsor),
        ],
    )
}

/// A feedback line read as (what they said, severity, plan): parts split at dashes, a
/// leading "label:" dropped from severity and plan.
fn parts(line: &str) -> (String, String, String) {
    let parts: Vec<&str> = line
        .trim()
        .trim_start_matches(['-', '*', '•'])
        .split('—')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let unlabelled = |p: &str| {
        p.split_once([':', '：'])
            .map_or(p, |(_, v)| v)
            .trim()
            .to_string()
    };
    let what = parts.first().map_or_else(String::new, |p| bare(p));
    let severity = match parts.len() {
        3.. => unlabelled(parts[1]),
        _ => String::new(),
    };
    let plan = match parts.len() {
        2.. => bare(&unlabelled(parts[parts.len() - 1])),
        _ => String::new(),
    };
    (what, severity, plan)
}

fn said(text: &str, cues: Cues) -> bool {
    let lower = text.to_ascii_lowercase();
    cues.iter().any(|c| matches(&lower, c))
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let account = req.clause(&ACCOUNT_FIELD);
    let lines: Vec<(String, String, String)> = req
        .value(&ITEMS)
        .lines()
        .map(parts)
        .filter(|(what, _, _)| !what.is_empty())
        .collect();
    let dated: Vec<(&(String, String, String), String)> = lines
        .iter()
        .map(|l| {
            let days = if said(&l.1, HIGH) {
                UPDATE_DAYS[0]
            } else if said(&l.1, LOW) {
                UPDATE_DAYS[2]
            } else {
                UPDATE_DAYS[1]
            };
            (l, req.day_after(days))
        })
        .collect();
    let name = req
        .value(&SPONSOR)
        .split([',', '，'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let greeting = if name.is_empty() {
        req.text(Msg::PlanEmailGreetingNoName).to_string()
    } else {
        Msg::PlanEmailGreeting.fill(lang, &[("name", &name)])
    };
    let mut body = vec![
        Msg::FpQbrSubject.fill(lang, &[("account", &account)]),
        greeting,
        req.text(Msg::FpQbrThanks).to_string(),
    ];
    if said(req.value(&TONE), CONCERNED) {
        body.push(req.text(Msg::FpQbrConcerned).to_string());
    }
    if dated.is_empty() {
        body.push(req.missing(&ITEMS));
    }
    for (n, ((what, _, plan), date)) in dated.iter().enumerate() {
        let plan = if plan.is_empty() {
            req.text(Msg::FpQbrPlanDefault).to_string()
        } else {
            plan.clone()
        };
        body.push(Msg::FpQbrItemLine.fill(
            lang,
            &[
                ("n", &(n + 1).to_string()),
                ("item", what),
                ("plan", &plan),
                ("date", date),
            ],
        ));
    }
    body.push(Msg::FpQbrNextSteps.fill(lang, &[("date", &req.day_after(REVIEW_DAYS))]));
    let renewal = bare(req.value(&RENEWAL));
    if !renewal.is_empty() {
        body.push(Msg::FpQbrRenewal.fill(lang, &[("renewal", &renewal)]));
    }
    body.push(format!(
        "{}\n{}",
        req.text(Msg::PlanEmailClosing),
        req.text(Msg::PlanEmailSignature)
    ));
    let rows: Vec<Vec<String>> = dated
        .iter()
        .map(|((what, severity, plan), date)| {
            vec![what.clone(), severity.clone(), plan.clone(), date.clone()]
        })
        .collect();
    let header = [
        Msg::FpColItem,
        Msg::BoardSeverity,
        Msg::FpColPlan,
        Msg::ExecCloseNext,
    ];
    let track = if rows.is_empty() {
        req.missing(&ITEMS)
    } else {
        table(&header, &rows, lang)
    };
    vec![body.join("\n\n"), track]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Contact;
    use crate::domain::feedback::Stage;
    use crate::prompts::draft_email;
    use crate::prompts::escalation::facts::tests::{draft_of, headings_in_order, section};
    use crate::prompts::feedback::facts::tests::{data, sample_facts};

    fn form(lang: Lang) -> FormValues {
        let mut d = data("f1");
        let mut accounts: Vec<_> = ["a1", "a2", "a3"]
            .iter()
            .filter_map(|id| d.accounts.get(id).cloned())
            .collect();
        accounts[0].contacts = vec![Contact {
            name: "Dana Lee".into(),
            role: "VP Operations".into(),
            email: String::new(),
        }];
        d.accounts = crate::domain::record::AccountIndex::new(accounts);
        prefill(&d.context(), lang).unwrap()
    }

    #[test]
    fn prefill_lists_the_accounts_open_items_with_severity_and_plan() {
        let d = data("f1");
        let ctx = d.context();
        for lang in Lang::ALL {
            let form = form(lang);
            assert_eq!(form.len(), SPEC.fields.len());
            assert_eq!(form["account"], "Acme");
            assert_eq!(form["sponsor"], "Dana Lee, VP Operations");
            // Acme's open items: f1 (opened, score 3) and f4 (overdue for a product answer).
            let lines: Vec<&str> = form["items"].lines().collect();
            assert_eq!(lines.len(), 2);
            for (line, id) in lines.iter().zip(["f1", "f4"]) {
                let item = d.items.iter().find(|i| i.id == id).unwrap();
                assert!(line.contains(severity(item, &ctx).text(lang)), "{line}");
                assert!(line.contains(Commitment::of(Stage::Routed).label().text(lang)));
            }
            assert!(form["renewal"].starts_with("2027-01-22"));
        }
        let en = form(Lang::En);
        assert!(en["items"].starts_with("Export is too slow"));
        assert!(en["items"].contains("severity: High — plan: Waiting on product"));
    }

    #[test]
    fn english_email_acknowledges_each_item_with_a_dated_update() {
        let text = draft_of(&SPEC, &form(Lang::En), &sample_facts(Lang::En), Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En), "{text}");
        let (subject, body) = draft_email(&text, Msg::FpQbrSectionEmail, Lang::En).unwrap();
        assert_eq!(subject, "Acme: following up on our QBR");
        assert!(body.starts_with("Dear Dana Lee,"));
        // High severity: an update within 7 days of 2026-11-23; review 30 days out.
        assert!(
            body.contains("1. You told us: “Export is too slow"),
            "{body}"
        );
        assert!(body.contains("by 2026-11-30"), "{body}");
        assert!(body.contains("on 2026-12-23"), "{body}");
        assert!(body.contains("2027-01-22 (in 60 days)"));
        let track = section(&text, Msg::FpQbrSectionTrack, Lang::En);
        assert_eq!(track.lines().count(), 4, "header, rule and two items");
        assert!(
            track.contains("| High | Waiting on product | 2026-11-30 |"),
            "{track}"
        );
    }

    #[test]
    fn chinese_email_has_a_subject_and_dates() {
        let text = draft_of(&SPEC, &form(Lang::Zh), &sample_facts(Lang::Zh), Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        let (subject, body) = draft_email(&text, Msg::FpQbrSectionEmail, Lang::Zh).unwrap();
        assert!(subject.starts_with("Acme"));
        assert!(
            body.contains("2026-11-30") && body.contains("2026-12-23"),
            "{body}"
        );
        assert!(!body.contains("Dear"));
    }

    #[test]
    fn severity_sets_the_update_date_and_a_concerned_tone_is_heard() {
        let mut form = example(Lang::En);
        form.insert(
            "items",
            "Slow exports — severity: low — plan: on the roadmap".into(),
        );
        let facts = vec![(Msg::ObFactToday, "2026-11-23".to_string())];
        let text = draft_of(&SPEC, &form, &facts, Lang::En);
        assert!(text.contains("by 2026-12-14"), "low: 21 days");
        assert!(text.contains(Msg::FpQbrConcerned.text(Lang::En)));
        assert!(text.contains("What happens next: on the roadmap."));
        let empty = draft_of(&SPEC, &FormValues::new(), &[], Lang::En);
        assert!(empty.contains("add “Feedback raised in the QBR” to the form"));
        assert!(draft_email(&empty, Msg::FpQbrSectionEmail, Lang::En).is_some());
    }
}
