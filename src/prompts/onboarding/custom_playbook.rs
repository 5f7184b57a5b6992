//! Onboarding, guided prompt 1, “Custom enterprise playbook” (seed prompt 定制化企业客户引导手册
//! 创建): the phased playbook of one enterprise customer. Owns its form, the prefill from the
//! project record and its built-in drafter, which writes every section from the computed plan
//! (tier, dated phases with tasks, owner side, success criteria and dependencies, go/no-go
//! checklist, risk register) and the form (customer, scope, contacts).

use crate::domain::form::{FieldKind, FieldSpec, FormValues};
use crate::domain::onboarding::plan::Phase;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::onboarding::facts::{contact_lines, parts, project, systems_text};
use crate::prompts::{bullets, example_values, PromptRequest, PromptSpec, RecordContext};

/// The prompt's id, in routes and on its drafts.
pub const ID: &str = "onboarding.custom_playbook";

const CUSTOMER: FieldSpec =
    FieldSpec::new("customer", Msg::FieldCustomer, FieldKind::Text).required();
const INDUSTRY: FieldSpec = FieldSpec::new("industry", Msg::FieldIndustry, FieldKind::Text)
    .required()
    .help(Msg::HelpIndustry);
const SIZE: FieldSpec = FieldSpec::new("size", Msg::ObPlaybookFieldSize, FieldKind::Text);
const SYSTEMS: FieldSpec = FieldSpec::new("systems", Msg::ObPlaybookFieldSystems, FieldKind::Text)
    .help(Msg::ObPlaybookHelpSystems);
const GO_LIVE: FieldSpec =
    FieldSpec::new("go_live", Msg::FieldGoLiveTarget, FieldKind::Text).required();
const CONTACTS: FieldSpec = FieldSpec::new(
    "contacts",
    Msg::ObPlaybookFieldContacts,
    FieldKind::LongText,
)
.help(Msg::ObPlaybookHelpContacts);
const SCOPE: FieldSpec = FieldSpec::new("scope", Msg::FieldContractScope, FieldKind::LongText);
const SPECIAL: FieldSpec = FieldSpec::new(
    "special",
    Msg::FieldSpecialRequirements,
    FieldKind::LongText,
)
.help(Msg::HelpSpecialRequirements);

/// The custom playbook prompt.
pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Onboarding,
    title: Msg::ObPlaybookTitle,
    intro: Msg::ObPlaybookIntro,
    task: Msg::ObPlaybookTask,
    fields: &[
        CUSTOMER, INDUSTRY, SIZE, SYSTEMS, GO_LIVE, CONTACTS, SCOPE, SPECIAL,
    ],
    rules: &[Msg::ObPlaybookRuleTasks, Msg::ObPlaybookRuleTier],
    sections: &[
        Msg::ObPlaybookSectionPrep,
        Msg::ObPlaybookSectionKickoff,
        Msg::ObPlaybookSectionTechnical,
        Msg::ObPlaybookSectionAdoption,
        Msg::ObPlaybookSectionGoLive,
        Msg::ObPlaybookSectionStabilise,
        Msg::ObPlaybookSectionRisks,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: super::facts::facts,
    example,
};

/// The form filled from the project: customer, industry, end users, systems, go-live target,
/// named contacts, contract scope and special requirements. `None` for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (p, account) = project(ctx)?;
    Some(FormValues::from([
        (
            CUSTOMER.key,
            account.map(|a| a.name.clone()).unwrap_or_default(),
        ),
        (INDUSTRY.key, p.industry.clone()),
        (
            SIZE.key,
            p.end_users.map_or_else(String::new, |n| {
                Msg::ObPlaybookEndUsers.fill(lang, &[("n", &n.to_string())])
            }),
        ),
        (SYSTEMS.key, systems_text(p, lang)),
        (GO_LIVE.key, p.go_live_target.to_string()),
        (CONTACTS.key, contact_lines(p, lang)),
        (SCOPE.key, p.contract_scope.clone()),
        (SPECIAL.key, p.special_requirements.clone()),
    ]))
}

/// The example financial-services customer (compliance tier, SSO and a data warehouse).
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (CUSTOMER.key, Msg::ObExCustomer),
            (INDUSTRY.key, Msg::ObExIndustry),
            (SIZE.key, Msg::ObExSize),
            (SYSTEMS.key, Msg::ObExSystems),
            (GO_LIVE.key, Msg::ObExGoLive),
            (CONTACTS.key, Msg::ObExContacts),
            (SCOPE.key, Msg::ObExScope),
            (SPECIAL.key, Msg::ObExSpecial),
        ],
    )
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let bold = |m: Msg| format!("**{}**", req.text(m));
    let segment = match (req.fact(Msg::ObFactTier), req.fact(Msg::ObFactFactors)) {
        (Some(tier), factors) => Msg::ObPlaybookSegment.fill(
            lang,
            &[
                ("tier", tier),
                ("factors", factors.unwrap_or("")),
                ("duration", req.fact(Msg::ObFactDuration).unwrap_or("")),
                ("dates", req.fact(Msg::ObFactPlanDates).unwrap_or("")),
            ],
        ),
        _ => req.text(Msg::ObFactsMissing).to_string(),
    };
    let confirm = format!("{}\n{}", req.field_line(&SCOPE), req.field_line(&SPECIAL));
    let prep = parts(&[
        segment,
        req.fact_items(&[Msg::ObFactPlanWarning, Msg::ObFactRiskFlags]),
        req.phase_or_missing(Phase::PreKickoff),
        req.fact_items(&[Msg::ObFactItQuestions]),
        format!("{}\n{confirm}", bold(Msg::ObPlaybookPrepConfirm)),
    ]);

    let customer = req.clause(&CUSTOMER);
    let agenda: Vec<String> = [
        Msg::ObPlaybookAgenda1,
        Msg::ObPlaybookAgenda2,
        Msg::ObPlaybookAgenda3,
        Msg::ObPlaybookAgenda4,
        Msg::ObPlaybookAgenda5,
        Msg::ObPlaybookAgenda6,
    ]
    .iter()
    .enumerate()
    .map(|(i, m)| {
        let text = m.fill(
            lang,
            &[
                ("customer", &customer),
                ("scope", &req.clause(&SCOPE)),
                ("go_live", &req.clause(&GO_LIVE)),
                ("systems", &req.clause(&SYSTEMS)),
            ],
        );
        format!("{}. {text}", i + 1)
    })
    .collect();
    let roles = bullets(
        &[
            Msg::ObPlaybookRoleSponsor,
            Msg::ObPlaybookRoleTech,
            Msg::ObPlaybookRolePm,
            Msg::ObPlaybookRoleVendor,
        ]
        .map(|m| req.text(m))
        .join("\n"),
    );
    let attendees = match bullets(req.value(&CONTACTS)) {
        a if a.is_empty() => req.field_line(&CONTACTS),
        a => a,
    };
    let kickoff = parts(&[
        format!("{}\n{}", bold(Msg::ObPlaybookAgenda), agenda.join("\n")),
        format!("{}\n{attendees}", bold(Msg::ObPlaybookAttendees)),
        format!("{}\n{roles}", bold(Msg::ObPlaybookRoles)),
        format!(
            "{}\n\n{}",
            bold(Msg::ObPlaybookDeliverables),
            req.phase_or_missing(Phase::Week1)
        ),
    ]);

    let technical = parts(&[
        req.fact_items(&[Msg::ObFactSystems, Msg::ObFactUnusualSystems]),
        req.phase_or_missing(Phase::Weeks2To4),
    ]);
    let adoption = parts(&[
        req.phase_or_missing(Phase::Months2To3),
        req.text(Msg::ObPlaybookAdoptionNote).to_string(),
    ]);
    let go_no_go = req.fact(Msg::ObFactGoNoGo).map_or_else(
        || req.text(Msg::ObFactsMissing).to_string(),
        |g| {
            g.lines()
                .map(|l| {
                    let item = l.trim_start();
                    let indent = &l[..l.len() - item.len()];
                    match item.strip_prefix("- ") {
                        Some(item) => format!("{indent}- [ ] {item}"),
                        None => l.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        },
    );
    let go_live = parts(&[
        req.fact_items(&[Msg::ObFactPlanWarning]),
        req.phase_or_missing(Phase::GoLive),
        format!("{}\n{go_no_go}", bold(Msg::ObFactGoNoGo)),
    ]);
    let stabilise = req.phase_or_missing(Phase::PostGoLive);
    let risks = parts(&[
        req.fact_items(&[Msg::ObFactRiskFlags, Msg::ObFactYellowFlags]),
        req.fact(Msg::ObFactRisks)
            .map_or_else(|| req.text(Msg::ObFactsMissing).to_string(), str::to_string),
    ]);
    vec![
        prep, kickoff, technical, adoption, go_live, stabilise, risks,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::form::Coded;
    use crate::domain::onboarding::plan::go_no_go;
    use crate::domain::onboarding::risks::risk_register;
    use crate::domain::record::AnyRecord;
    use crate::prompts::escalation::facts::tests::{draft_of, headings_in_order, section};
    use crate::prompts::onboarding::facts::tests::{
        accounts, computed, context, now, project, sample_facts,
    };
    use crate::prompts::onboarding::facts::{phase_dates, PHASES};

    fn form(lang: Lang) -> FormValues {
        let record = AnyRecord::Onboarding(project());
        prefill(&context(&record, &accounts()), lang).unwrap()
    }

    /// The section each phase of the plan is written in.
    const PHASE_SECTIONS: [Msg; 6] = [
        Msg::ObPlaybookSectionPrep,
        Msg::ObPlaybookSectionKickoff,
        Msg::ObPlaybookSectionTechnical,
        Msg::ObPlaybookSectionAdoption,
        Msg::ObPlaybookSectionGoLive,
        Msg::ObPlaybookSectionStabilise,
    ];

    #[test]
    fn prefill_reads_the_project_and_its_account() {
        let en = form(Lang::En);
        assert_eq!(en.len(), SPEC.fields.len());
        assert_eq!(en["customer"], "Northwind Securities");
        assert_eq!(en["industry"], "Financial services");
        assert_eq!(en["size"], "1800 end users");
        assert_eq!(en["systems"], "SSO, Data warehouse, ServiceNow");
        assert_eq!(en["go_live"], "2027-04-30");
        assert_eq!(
            en["contacts"],
            "Executive sponsor: Maria Chen\nTechnical lead: David Park"
        );
        assert_eq!(en["scope"], project().contract_scope);
        assert_eq!(en["special"], "SOC 2 report; data residency");
        let zh = form(Lang::Zh);
        assert_eq!(zh["size"], "最终用户 1800 人");
        assert!(zh["contacts"].starts_with("高管发起人：Maria Chen"));
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        assert!(prefill(&context(&record, &accounts()), Lang::En).is_none());
    }

    #[test]
    fn drafts_in_both_languages_hold_the_tier_dated_phases_owners_and_risks() {
        let c = computed();
        for lang in Lang::ALL {
            let text = draft_of(&SPEC, &form(lang), &sample_facts(lang), lang);
            assert!(headings_in_order(&SPEC, &text, lang), "{text}");
            let prep = section(&text, Msg::ObPlaybookSectionPrep, lang);
            assert!(prep.contains(c.segment.tier.label().text(lang)), "{prep}");
            for f in &c.segment.factors {
                assert!(prep.contains(f.label().text(lang)));
            }
            assert!(prep.contains(&c.plan.kickoff.to_string()));
            assert!(prep.contains(&c.plan.go_live.to_string()));
            for (phase, heading) in PHASES.iter().zip(PHASE_SECTIONS) {
                let body = section(&text, heading, lang);
                let (from, to) = phase_dates(&c.plan, *phase).unwrap();
                assert!(body.contains(&from.to_string()) && body.contains(&to.to_string()));
                for t in c.plan.tasks.iter().filter(|t| t.phase == *phase) {
                    let row = body
                        .lines()
                        .find(|l| l.contains(t.title.text(lang)))
                        .unwrap_or_else(|| panic!("{} not in {heading:?}", t.key));
                    assert!(row.contains(&t.due.to_string()));
                    assert!(row.contains(t.owner.label().text(lang)));
                    assert!(row.contains(t.criterion.text(lang)));
                }
            }
            let go = section(&text, Msg::ObPlaybookSectionGoLive, lang);
            for item in go_no_go(&c.segment) {
                assert!(
                    go.contains(&format!("- [ ] {}", item.text(lang))),
                    "{item:?}"
                );
            }
            let risks = section(&text, Msg::ObPlaybookSectionRisks, lang);
            for r in risk_register(&c.segment) {
                assert!(
                    risks.contains(r.title.text(lang)) && risks.contains(r.mitigation.text(lang))
                );
            }
        }
    }

    #[test]
    fn english_kickoff_uses_the_customer_contacts_and_scope() {
        let text = draft_of(&SPEC, &form(Lang::En), &sample_facts(Lang::En), Lang::En);
        let kickoff = section(&text, Msg::ObPlaybookSectionKickoff, Lang::En);
        assert!(kickoff.contains("Northwind Securities"));
        assert!(kickoff.contains("- Executive sponsor: Maria Chen"));
        assert!(kickoff.contains("Analytics and workflow modules"));
        assert!(kickoff.contains("go-live 2027-04-30"));
        let prep = section(&text, Msg::ObPlaybookSectionPrep, Lang::En);
        assert!(prep.starts_with("**Tier: Compliance**"), "{prep}");
        assert!(prep.contains("Which identity provider and protocol"));
        assert!(prep.contains("SOC 2 report; data residency"));
        let technical = section(&text, Msg::ObPlaybookSectionTechnical, Lang::En);
        assert!(
            technical.starts_with("- **Systems to integrate:** SSO; Data warehouse; Other systems")
        );
    }

    #[test]
    fn chinese_draft_has_no_english_labels() {
        let text = draft_of(&SPEC, &form(Lang::Zh), &sample_facts(Lang::Zh), Lang::Zh);
        assert!(text.contains("**层级：合规型**"));
        assert!(text.contains("召开启动会"));
        assert!(text.contains("我方") && text.contains("客户方"));
        for english in ["Vendor", "Customer", "Tier", "Due", "Risk register"] {
            assert!(!text.contains(english), "{english}");
        }
    }

    #[test]
    fn without_a_project_every_section_says_the_plan_is_missing() {
        let text = draft_of(&SPEC, &example(Lang::En), &[], Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En));
        for heading in SPEC.sections {
            assert!(
                section(&text, *heading, Lang::En).contains(Msg::ObFactsMissing.text(Lang::En)),
                "{heading:?}"
            );
        }
        assert!(text.contains(Msg::ObExContacts.text(Lang::En).lines().next().unwrap()));
    }
}
