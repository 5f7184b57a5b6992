//! Feedback, guided prompt 2, “Product escalation dossier” (seed prompt 产品团队反馈升级文件):
//! one theme escalated to product in the form most likely to move the roadmap: business
//! impact, the problem from the customers' view, representative verbatims, competitive
//! context, solution directions and the decision asked of product, by when. Owns its form,
//! the prefill from the opened item's first theme (its items, ARR, tiers, renewals, churn
//! mentions) and its built-in drafter.

use chrono::Months;

use crate::domain::account::{Account, Tier};
use crate::domain::cues::{cues, matches, Cues};
use crate::domain::feedback::stats::ANSWER_DAYS;
use crate::domain::feedback::FeedbackItem;
use crate::domain::form::{Coded, FieldKind, FieldSpec, FormValues};
use crate::domain::listing::format_money;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::feedback::facts::{self, figures_of, theme_items};
use crate::prompts::onboarding::facts::{local_today, sep};
use crate::prompts::{bullets, example_values, one_line, PromptRequest, PromptSpec, RecordContext};

/// The prompt's id, in routes and on its drafts.
pub const ID: &str = "feedback.dossier";

const THEME: FieldSpec = FieldSpec::new("theme", Msg::FpDossierFieldTheme, FieldKind::Text)
    .required()
    .help(Msg::FpDossierHelpTheme);
const PERIOD: FieldSpec = FieldSpec::new("period", Msg::FpDossierFieldPeriod, FieldKind::Text)
    .help(Msg::FpDossierHelpPeriod);
const CUSTOMERS: FieldSpec =
    FieldSpec::new("customers", Msg::FpDossierFieldCustomers, FieldKind::Text);
const ARR: FieldSpec =
    FieldSpec::new("arr", Msg::FpDossierFieldArr, FieldKind::Text).help(Msg::FpDossierHelpArr);
const TIERS: FieldSpec = FieldSpec::new("tiers", Msg::FpDossierFieldTiers, FieldKind::Text);
const RENEWALS: FieldSpec =
    FieldSpec::new("renewals", Msg::FpDossierFieldRenewals, FieldKind::Text)
        .help(Msg::FpDossierHelpRenewals);
const CHURN: FieldSpec = FieldSpec::new("churn", Msg::FpDossierFieldChurn, FieldKind::Text)
    .help(Msg::FpDossierHelpChurn);
const VERBATIMS: FieldSpec = FieldSpec::new(
    "verbatims",
    Msg::FpDossierFieldVerbatims,
    FieldKind::LongText,
)
.required()
.help(Msg::FpDossierHelpVerbatims);

/// The product escalation dossier prompt.
pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Feedback,
    title: Msg::FpDossierTitle,
    intro: Msg::FpDossierIntro,
    task: Msg::FpDossierTask,
    fields: &[
        THEME, PERIOD, CUSTOMERS, ARR, TIERS, RENEWALS, CHURN, VERBATIMS,
    ],
    rules: &[Msg::FpDossierRuleView, Msg::FpDossierRuleAsk],
    sections: &[
        Msg::FpDossierSectionImpact,
        Msg::FpDossierSectionProblem,
        Msg::FpDossierSectionVerbatims,
        Msg::FpDossierSectionCompetition,
        Msg::FpDossierSectionDirections,
        Msg::FpDossierSectionAsk,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: facts::facts,
    example,
};

/// Words in a verbatim that say the customer may leave.
const CHURN_CUES: Cues = cues![
    "cancel*",
    "churn*",
    "not renew*",
    "won't renew",
    "switch*",
    "leave",
    "解约",
    "不续约",
    "流失",
    "换掉",
    "更换",
];

/// Words in a verbatim that name a competitor or an alternative.
const COMPETITION_CUES: Cues = cues![
    "competitor*",
    "switch*",
    "alternative*",
    "cheaper",
    "竞品",
    "竞争对手",
    "替代",
    "更换",
];

/// Verbatims quoted as representative at most.
const REPRESENTATIVE: usize = 5;

fn mentions(text: &str, cues: Cues) -> bool {
    let lower = text.to_ascii_lowercase();
    cues.iter().any(|c| matches(&lower, c))
}

/// "Acme (Enterprise, ARR USD 120,000): “words”".
fn quote_line(item: &FeedbackItem, account: Option<&Account>, name: &str, lang: Lang) -> String {
    Msg::FpDossierVerbatimLine.fill(
        lang,
        &[
            ("account", name),
            ("tier", account.map_or("", |a| a.tier.label().text(lang))),
            (
                "arr",
                &account.map_or_else(String::new, |a| format_money(a.arr, &a.currency)),
            ),
            ("text", &one_line(&item.verbatim)),
        ],
    )
}

/// The form filled from the opened item's first theme: the theme, the period its items
/// span, the customers, their ARR and tiers, the renewals within 6 months, the churn mentions
/// and every verbatim with its customer. `None` for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (item, _) = facts::item(ctx)?;
    let (theme, items) = theme_items(ctx, item);
    let today = local_today(ctx);
    let figures = figures_of(&items, ctx.accounts, today);
    let mut known: Vec<&Account> = Vec::new();
    for a in items.iter().filter_map(|i| ctx.accounts.get(&i.account_id)) {
        if !known.iter().any(|k| k.id == a.id) {
            known.push(a);
        }
    }
    let from = items.iter().map(|i| i.received_on).min();
    let to = items.iter().map(|i| i.received_on).max();
    let period = match (from, to) {
        (Some(from), Some(to)) => Msg::ObFactDateRange.fill(
            lang,
            &[("from", &from.to_string()), ("to", &to.to_string())],
        ),
        _ => String::new(),
    };
    let tiers = Tier::ALL
        .iter()
        .filter_map(|t| {
            let n = known.iter().filter(|a| a.tier == *t).count();
            (n > 0).then(|| {
                Msg::ObFactLabelled.fill(
                    lang,
                    &[("label", t.label().text(lang)), ("text", &n.to_string())],
                )
            })
        })
        .collect::<Vec<_>>()
        .join(sep(lang));
    let horizon = today.checked_add_months(Months::new(6)).unwrap_or(today);
    let renewing: Vec<String> = known
        .iter()
        .filter_map(|a| {
            let r = a.renewal_date.filter(|r| *r >= today && *r <= horizon)?;
            Some(format!("{} {r}", a.name.trim()))
        })
        .collect();
    let renewals = figures.as_ref().map_or_else(String::new, |f| {
        Msg::FpDossierRenewalsValue.fill(
            lang,
            &[
                ("n", &f.renewals_6m.to_string()),
                ("accounts", &f.accounts.to_string()),
                ("names", &renewing.join(sep(lang))),
            ],
        )
    });
    let churned: Vec<String> = items
        .iter()
        .filter(|i| mentions(&i.verbatim, CHURN_CUES))
        .map(|i| ctx.accounts.name(&i.account_id))
        .collect();
    let churn = if churned.is_empty() {
        Msg::FpDossierChurnNo.text(lang).to_string()
    } else {
        Msg::FpDossierChurnYes.fill(
            lang,
            &[
                ("n", &churned.len().to_string()),
                ("accounts", &churned.join(sep(lang))),
            ],
        )
    };
    let verbatims = items
        .iter()
        .map(|i| {
            let a = ctx.accounts.get(&i.account_id);
            quote_line(i, a, &ctx.accounts.name(&i.account_id), lang)
        })
        .collect::<Vec<_>>()
        .join("\n");
    Some(FormValues::from([
        (THEME.key, theme),
        (PERIOD.key, period),
        (
            CUSTOMERS.key,
            figures
                .as_ref()
                .map(|f| f.accounts.to_string())
                .unwrap_or_default(),
        ),
        (
            ARR.key,
            figures
                .as_ref()
                .map(|f| f.arr.text(lang))
                .unwrap_or_default(),
        ),
        (TIERS.key, tiers),
        (RENEWALS.key, renewals),
        (CHURN.key, churn),
        (VERBATIMS.key, verbatims),
    ]))
}

/// The example dossier on audit reporting, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (THEME.key, Msg::FpDossierExTheme),
            (PERIOD.key, Msg::FpDossierExPeriod),
            (CUSTOMERS.key, Msg::FpDossierExCustomers),
            (ARR.key, Msg::FpDossierExArr),
            (TIERS.key, Msg::FpDossierExTiers),
            (RENEWALS.key, Msg::FpDossierExRenewals),
            (CHURN.key, Msg::FpDossierExChurn),
            (VERBATIMS.key, Msg::FpDossierExVerbatims),
        ],
    )
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let theme = req.clause(&THEME);
    let quotes = bullets(req.value(&VERBATIMS));
    let impact = Msg::FpDossierImpact.fill(
        lang,
        &[
            ("customers", &req.inline_or_missing(&CUSTOMERS)),
            ("arr", &req.inline_or_missing(&ARR)),
            ("theme", &theme),
            ("period", &req.inline_or_missing(&PERIOD)),
            ("tiers", &req.inline_or_missing(&TIERS)),
            ("renewals", &req.clause(&RENEWALS)),
            ("churn", &req.clause(&CHURN)),
        ],
    );
    let first: Vec<&str> = quotes.lines().take(REPRESENTATIVE).collect();
    let problem = format!(
        "{}\n\n{}",
        Msg::FpDossierProblem.fill(lang, &[("theme", &theme)]),
        req.text(Msg::FpDossierProblemNote)
    );
    let verbatims = if first.is_empty() {
        req.missing(&VERBATIMS)
    } else {
        first.join("\n")
    };
    let rivals: Vec<&str> = quotes
        .lines()
        .filter(|l| mentions(l, COMPETITION_CUES))
        .collect();
    let competition = if rivals.is_empty() {
        req.text(Msg::FpDossierCompetitionNone).to_string()
    } else {
        format!(
            "{}\n\n{}",
            req.text(Msg::FpDossierCompetitionFound),
            rivals.join("\n")
        )
    };
    let ask = Msg::FpDossierAsk.fill(
        lang,
        &[
            ("theme", &theme),
            ("date", &req.day_after(ANSWER_DAYS)),
            ("renewals", &req.clause(&RENEWALS)),
        ],
    );
    vec![
        impact,
        problem,
        verbatims,
        competition,
        req.text(Msg::FpDossierDirections).to_string(),
        ask,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::stats::theme_figures;
    use crate::prompts::escalation::facts::tests::{draft_of, headings_in_order, section};
    use crate::prompts::feedback::facts::tests::{
        accounts, data, day, items, sample_facts, themes,
    };

    fn form(lang: Lang) -> FormValues {
        prefill(&data("f1").context(), lang).unwrap()
    }

    fn export_figures() -> crate::domain::feedback::stats::ThemeFigures {
        theme_figures(&themes(), &items(), &accounts(), day(11, 23))
            .into_iter()
            .find(|f| f.theme_id == "t1")
            .unwrap()
    }

    #[test]
    fn prefill_reads_the_first_theme_and_its_items() {
        let f = export_figures();
        for lang in Lang::ALL {
            let form = form(lang);
            assert_eq!(form.len(), SPEC.fields.len());
            assert_eq!(form["theme"], "Export speed");
            assert_eq!(form["customers"], f.accounts.to_string());
            assert_eq!(form["arr"], f.arr.text(lang));
            assert!(
                form["period"].starts_with("2026-11-02") && form["period"].ends_with("2026-11-18")
            );
            assert!(form["renewals"].contains(&f.renewals_6m.to_string()));
            assert!(form["renewals"].contains("Acme 2027-01-22"));
            assert!(!form["renewals"].contains("Beta"), "renews after 6 months");
            assert_eq!(form["verbatims"].lines().count(), f.items);
            assert!(form["churn"].contains("Beta"), "{}", form["churn"]);
        }
        let en = form(Lang::En);
        assert_eq!(en["tiers"], "Strategic: 1; Enterprise: 1; Mid-market: 1");
        assert!(
            en["verbatims"].starts_with("Acme (Enterprise, ARR USD 120,000): “Export is too slow")
        );
        assert!(form(Lang::Zh)["tiers"].contains("企业客户：1"));
    }

    #[test]
    fn an_item_without_a_theme_stands_alone() {
        let d = data("f6");
        let form = prefill(&d.context(), Lang::En).unwrap();
        assert_eq!(form["theme"], "");
        assert_eq!(form["customers"], "1");
        assert_eq!(form["arr"], "USD 50,000");
        assert_eq!(form["verbatims"].lines().count(), 1);
    }

    #[test]
    fn english_draft_opens_with_the_computed_impact() {
        let f = export_figures();
        let text = draft_of(&SPEC, &form(Lang::En), &sample_facts(Lang::En), Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En), "{text}");
        let impact = section(&text, Msg::FpDossierSectionImpact, Lang::En);
        assert!(
            impact.starts_with(&format!(
                "{} customers with ARR {} raised “Export speed”",
                f.accounts,
                f.arr.text(Lang::En)
            )),
            "{impact}"
        );
        let competition = section(&text, Msg::FpDossierSectionCompetition, Lang::En);
        assert!(
            competition.contains("switch to a competitor"),
            "{competition}"
        );
        // The answer is due 30 days (ANSWER_DAYS) after today, 2026-11-23.
        assert!(section(&text, Msg::FpDossierSectionAsk, Lang::En).contains("2026-12-23"));
        assert_eq!(
            section(&text, Msg::FpDossierSectionVerbatims, Lang::En)
                .lines()
                .count(),
            f.items
        );
    }

    #[test]
    fn chinese_draft_carries_the_figures() {
        let f = export_figures();
        let text = draft_of(&SPEC, &form(Lang::Zh), &sample_facts(Lang::Zh), Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        let impact = section(&text, Msg::FpDossierSectionImpact, Lang::Zh);
        assert!(impact.contains(&f.arr.text(Lang::En)), "{impact}");
        assert!(
            impact.contains(&format!("{} 个客户", f.accounts)),
            "{impact}"
        );
        assert!(section(&text, Msg::FpDossierSectionAsk, Lang::Zh).contains("2026-12-23"));
    }

    #[test]
    fn the_example_and_an_empty_form_draft_too() {
        let text = draft_of(&SPEC, &example(Lang::En), &[], Lang::En);
        assert!(text.contains(Msg::FpDossierExArr.text(Lang::En)));
        assert!(text.contains("Day 30"));
        let empty = draft_of(&SPEC, &FormValues::new(), &[], Lang::En);
        assert!(empty.contains("add “Customer verbatims” to the form"));
    }
}
