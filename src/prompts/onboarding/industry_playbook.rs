//! Onboarding, guided prompt 3, “New industry playbook” (seed prompt 新行业细分的引导手册): a
//! vertical playbook for an industry the team is entering. Owns its form, the prefill from a
//! project of that industry (industry, regulation, systems) and its built-in drafter, which
//! segments the industry as the rules would (regulated industry or compliance cues make it the
//! compliance tier) and fills every section from that and the form.

use chrono::DateTime;

use crate::domain::form::{Coded, FieldKind, FieldSpec, FormValues};
use crate::domain::onboarding::plan::{build_plan, integration_checklists, Owner, Plan};
use crate::domain::onboarding::rules::{
    other_system_names, segment, typical_days, Factor, Segment, Tier,
};
use crate::domain::onboarding::OnboardingProject;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::onboarding::facts::{list, nested, parts, project, sep, systems_text, PHASES};
use crate::prompts::{bullets, example_values, one_line, PromptRequest, PromptSpec, RecordContext};

/// The prompt's id, in routes and on its drafts.
pub const ID: &str = "onboarding.industry_playbook";

const INDUSTRY: FieldSpec = FieldSpec::new("industry", Msg::FieldIndustry, FieldKind::Text)
    .required()
    .help(Msg::HelpIndustry);
const REGULATION: FieldSpec = FieldSpec::new(
    "regulation",
    Msg::ObIndustryFieldRegulation,
    FieldKind::LongText,
)
.help(Msg::ObIndustryHelpRegulation);
const IT: FieldSpec =
    FieldSpec::new("it", Msg::ObIndustryFieldIt, FieldKind::LongText).help(Msg::ObIndustryHelpIt);
const DECISIONS: FieldSpec =
    FieldSpec::new("decisions", Msg::ObIndustryFieldDecisions, FieldKind::Text)
        .help(Msg::ObIndustryHelpDecisions);
const BLOCKERS: FieldSpec = FieldSpec::new(
    "blockers",
    Msg::ObIndustryFieldBlockers,
    FieldKind::LongText,
)
.help(Msg::ObIndustryHelpLines);
const DIFFERENCES: FieldSpec = FieldSpec::new(
    "differences",
    Msg::ObIndustryFieldDifferences,
    FieldKind::LongText,
)
.help(Msg::ObIndustryHelpLines);
const CUSTOMERS: FieldSpec =
    FieldSpec::new("customers", Msg::ObIndustryFieldCustomers, FieldKind::Text);
const RESULTS: FieldSpec =
    FieldSpec::new("results", Msg::ObIndustryFieldResults, FieldKind::LongText)
        .help(Msg::ObIndustryHelpResults);

/// The industry playbook prompt.
pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Onboarding,
    title: Msg::ObIndustryTitle,
    intro: Msg::ObIndustryIntro,
    task: Msg::ObIndustryTask,
    fields: &[
        INDUSTRY,
        REGULATION,
        IT,
        DECISIONS,
        BLOCKERS,
        DIFFERENCES,
        CUSTOMERS,
        RESULTS,
    ],
    rules: &[Msg::ObIndustryRulePhases, Msg::ObIndustryRuleReasons],
    sections: &[
        Msg::ObIndustrySectionPlaybook,
        Msg::ObIndustrySectionQuestions,
        Msg::ObIndustrySectionCompliance,
        Msg::ObIndustrySectionComms,
        Msg::ObIndustrySectionDifferences,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: super::facts::facts,
    example,
};

/// At most this many differences are listed.
const MAX_DIFFERENCES: usize = 5;

/// The form filled from a project of the industry: its industry, its special requirements as
/// the regulation and its systems as the typical IT; the rest is for the CSM. `None` for
/// other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (p, _) = project(ctx)?;
    Some(FormValues::from([
        (INDUSTRY.key, p.industry.clone()),
        (REGULATION.key, p.special_requirements.clone()),
        (IT.key, systems_text(p, lang)),
        (DECISIONS.key, String::new()),
        (BLOCKERS.key, String::new()),
        (DIFFERENCES.key, String::new()),
        (CUSTOMERS.key, String::new()),
        (RESULTS.key, String::new()),
    ]))
}

/// The example: financial services, as a team entering it would describe it, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (INDUSTRY.key, Msg::ObExIndustry),
            (REGULATION.key, Msg::ObExRegulation),
            (IT.key, Msg::ObExIt),
            (DECISIONS.key, Msg::ObExDecisions),
            (BLOCKERS.key, Msg::ObExBlockers),
            (DIFFERENCES.key, Msg::ObExDifferences),
            (CUSTOMERS.key, Msg::ObExCustomers),
            (RESULTS.key, Msg::ObExResults),
        ],
    )
}

/// The industry as the rules see a project of it: the industry and regulation decide
/// regulated and compliance factors, the known systems named in the typical IT the
/// integrations (constraints such as "strict allow-lists" are not systems). Dates play no
/// part.
fn profile(req: &PromptRequest) -> (Segment, Plan) {
    let mut p = OnboardingProject::new(String::new(), DateTime::UNIX_EPOCH);
    p.industry = req.value(&INDUSTRY).to_string();
    p.special_requirements = req.value(&REGULATION).to_string();
    p.other_systems = req.value(&IT).to_string();
    let day = p.go_live_target;
    let unusual = segment(&p, &[], day).unusual_systems;
    p.other_systems = other_system_names(&p.other_systems)
        .into_iter()
        .filter(|n| !unusual.contains(n))
        .collect::<Vec<_>>()
        .join("\n");
    let s = segment(&p, &[], day);
    let plan = build_plan(&p, &s, day);
    (s, plan)
}

/// "Task (owner side): success criterion".
fn task_line(title: Msg, owner: Owner, criterion: Msg, lang: Lang) -> String {
    Msg::ObIndustryTaskLine.fill(
        lang,
        &[
            ("task", title.text(lang)),
            ("owner", owner.label().text(lang)),
            ("criterion", criterion.text(lang)),
        ],
    )
}

fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let (s, plan) = profile(req);
    let industry = req.clause(&INDUSTRY);
    let labels = |regulated_only: bool| -> String {
        let labels: Vec<&str> = s
            .factors
            .iter()
            .filter(|f| {
                !regulated_only || matches!(f, Factor::RegulatedIndustry | Factor::ComplianceNeeds)
            })
            .map(|f| f.label().text(lang))
            .collect();
        match labels.is_empty() {
            true => req.text(Msg::NoSignals).to_string(),
            false => labels.join(sep(lang)),
        }
    };
    let factors = labels(false);
    let (min, max) = typical_days(s.tier);
    let duration = Msg::ObFactDays.fill(
        lang,
        &[("min", &min.to_string()), ("max", &max.to_string())],
    );
    // A field's items: its lines, or the parts between semicolons.
    let lines = |field: &FieldSpec| -> Vec<String> {
        bullets(&req.value(field).replace([';', '；'], "\n"))
            .lines()
            .map(|l| l.trim_start_matches("- ").to_string())
            .collect()
    };
    let regulation = lines(&REGULATION);
    let blockers = lines(&BLOCKERS);

    // 1. The vertical playbook: the phases with their tasks, then the adjustments.
    let mut playbook = vec![Msg::ObIndustryTier.fill(
        lang,
        &[
            ("industry", &industry),
            ("tier", s.tier.label().text(lang)),
            ("factors", &factors),
            ("duration", &duration),
        ],
    )];
    for phase in PHASES {
        let tasks = list(
            plan.tasks
                .iter()
                .filter(|t| t.phase == phase)
                .map(|t| task_line(t.title, t.owner, t.criterion, lang)),
        );
        playbook.push(format!("### {}\n\n{tasks}", phase.label().text(lang)));
    }
    let adjust: Vec<String> = blockers
        .iter()
        .map(|b| Msg::ObIndustryPlanFor.fill(lang, &[("blocker", b)]))
        .chain(lines(&DIFFERENCES))
        .collect();
    playbook.push(format!(
        "### {}\n\n{}",
        req.text(Msg::ObIndustryAdjust),
        if adjust.is_empty() {
            req.missing(&DIFFERENCES)
        } else {
            list(adjust.into_iter())
        }
    ));

    // 2. Assessment questions: per typical system, then from the form.
    let mut questions: Vec<String> = integration_checklists(&s)
        .iter()
        .map(|(kind, qs, _)| nested(kind.label(), qs, lang))
        .collect();
    questions.push(req.text(Msg::ObIndustryQSystems).to_string());
    if !regulation.is_empty() {
        questions.push(
            Msg::ObIndustryQRegulation.fill(lang, &[("regulation", &regulation.join(sep(lang)))]),
        );
    }
    questions.push(Msg::ObIndustryQDecisions.fill(lang, &[("decisions", &req.clause(&DECISIONS))]));
    questions.extend(
        blockers
            .iter()
            .map(|b| Msg::ObIndustryQBlocker.fill(lang, &[("blocker", b)])),
    );
    let questions = list(questions.into_iter());

    // 3. Compliance and security: the compliance tier's items when regulated, then each
    // requirement named in the form.
    let requirements = regulation.iter().map(|r| {
        format!(
            "- [ ] {}",
            Msg::ObIndustryEvidence.fill(lang, &[("item", r)])
        )
    });
    let compliance = if s.regulated() {
        let items = [
            task_line(
                Msg::ObTaskSecurityPack,
                Owner::Vendor,
                Msg::ObDoneSecurityPack,
                lang,
            ),
            task_line(
                Msg::ObTaskSecurityReview,
                Owner::Customer,
                Msg::ObDoneSecurityReview,
                lang,
            ),
            req.text(Msg::ObGoSecurity).to_string(),
            Msg::ObIndustryComplianceRisk.fill(
                lang,
                &[
                    ("risk", req.text(Msg::ObRiskCompliance)),
                    ("mitigation", req.text(Msg::ObMitigateCompliance)),
                    ("trigger", req.text(Msg::ObTriggerCompliance)),
                ],
            ),
        ]
        .map(|i| format!("- [ ] {i}"));
        let mut out = vec![Msg::ObIndustryRegulated.fill(lang, &[("factors", &labels(true))])];
        out.extend(items);
        out.extend(requirements);
        out.join("\n")
    } else {
        let mut out = vec![req.text(Msg::ObIndustryNotRegulated).to_string()];
        out.extend(requirements);
        out.join("\n")
    };

    // 4. Communication changes.
    let mut comms =
        vec![Msg::ObIndustryCommDecisions.fill(lang, &[("decisions", &req.clause(&DECISIONS))])];
    if s.regulated() {
        comms.push(req.text(Msg::ObIndustryCommCompliance).to_string());
    }
    comms.push(Msg::ObIndustryCommTone.fill(lang, &[("industry", &industry)]));
    if !blockers.is_empty() {
        comms.push(
            Msg::ObIndustryCommBlockers.fill(lang, &[("blockers", &blockers.join(sep(lang)))]),
        );
    }
    comms.push(Msg::ObIndustryCommResults.fill(lang, &[("results", &req.clause(&RESULTS))]));
    let comms = list(comms.into_iter());

    // 5. The top differences, each with its reason: the rules' first, then the form's.
    let mut diffs: Vec<(String, String)> = Vec::new();
    if s.tier != Tier::Standard {
        diffs.push((
            Msg::ObIndustryDiffDuration.fill(lang, &[("duration", &duration)]),
            Msg::ObIndustryWhyTier.fill(
                lang,
                &[("tier", s.tier.label().text(lang)), ("factors", &factors)],
            ),
        ));
    }
    if s.regulated() {
        diffs.push((
            req.text(Msg::ObIndustryDiffSecurity).to_string(),
            match regulation.is_empty() {
                true => factors.clone(),
                false => regulation.join(sep(lang)),
            },
        ));
    }
    if !s.integrations.is_empty() {
        let systems: Vec<&str> = s
            .integrations
            .iter()
            .map(|i| i.label().text(lang))
            .collect();
        diffs.push((
            Msg::ObIndustryDiffSystems.fill(
                lang,
                &[("systems", &systems.join(Msg::ObFactListComma.text(lang)))],
            ),
            Msg::ObIndustryWhyIt.fill(lang, &[("it", &one_line(req.value(&IT)))]),
        ));
    }
    let observed = match one_line(req.value(&CUSTOMERS)) {
        c if c.is_empty() => req.text(Msg::ObIndustryWhySeen).to_string(),
        c => Msg::ObIndustryWhyObserved.fill(lang, &[("customers", &c)]),
    };
    diffs.extend(
        lines(&DIFFERENCES)
            .into_iter()
            .map(|d| (d, observed.clone())),
    );
    let differences = if diffs.is_empty() {
        req.missing(&DIFFERENCES)
    } else {
        diffs
            .iter()
            .take(MAX_DIFFERENCES)
            .enumerate()
            .map(|(i, (what, why))| {
                format!(
                    "{}. {}",
                    i + 1,
                    Msg::ObIndustryDiffLine.fill(lang, &[("what", what), ("why", why)])
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    vec![parts(&playbook), questions, compliance, comms, differences]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::record::AnyRecord;
    use crate::prompts::escalation::facts::tests::{draft_of, headings_in_order, section};
    use crate::prompts::onboarding::facts::tests::{accounts, context, now, project, sample_facts};

    fn draft_en(form: &FormValues) -> String {
        draft_of(&SPEC, form, &sample_facts(Lang::En), Lang::En)
    }

    #[test]
    fn prefill_takes_industry_regulation_and_systems_from_the_project() {
        let record = AnyRecord::Onboarding(project());
        let form = prefill(&context(&record, &accounts()), Lang::En).unwrap();
        assert_eq!(form.len(), SPEC.fields.len());
        assert_eq!(form["industry"], "Financial services");
        assert_eq!(form["regulation"], "SOC 2 report; data residency");
        assert_eq!(form["it"], "SSO, Data warehouse, ServiceNow");
        assert_eq!(form["decisions"], "");
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        assert!(prefill(&context(&record, &accounts()), Lang::En).is_none());
    }

    #[test]
    fn a_regulated_industry_gets_the_compliance_tier_in_every_section() {
        for lang in Lang::ALL {
            let text = draft_of(&SPEC, &example(lang), &sample_facts(lang), lang);
            assert!(headings_in_order(&SPEC, &text, lang), "{text}");
            let playbook = section(&text, Msg::ObIndustrySectionPlaybook, lang);
            assert!(
                playbook.contains(Tier::Compliance.label().text(lang)),
                "{playbook}"
            );
            assert!(playbook.contains("90–120"));
            for phase in PHASES {
                assert!(playbook.contains(&format!("### {}", phase.label().text(lang))));
            }
            assert!(playbook.contains(Msg::ObTaskSecurityReview.text(lang)));
            let questions = section(&text, Msg::ObIndustrySectionQuestions, lang);
            assert!(questions.contains(Msg::ObQSsoIdp.text(lang)));
            assert!(questions.contains(Msg::ObQDwNetwork.text(lang)));
            let compliance = section(&text, Msg::ObIndustrySectionCompliance, lang);
            assert!(compliance.contains(&format!("- [ ] {}", Msg::ObGoSecurity.text(lang))));
            assert!(compliance.contains(Msg::ObMitigateCompliance.text(lang)));
            let first_requirement = Msg::ObExRegulation
                .text(lang)
                .split([';', '；'])
                .next()
                .unwrap();
            assert!(
                compliance.contains(first_requirement.trim()),
                "{compliance}"
            );
            let diffs = section(&text, Msg::ObIndustrySectionDifferences, lang);
            assert!(diffs.lines().count() >= 3 && diffs.lines().count() <= MAX_DIFFERENCES);
            assert!(diffs.starts_with("1. "));
        }
    }

    #[test]
    fn english_sections_use_the_form() {
        let text = draft_en(&example(Lang::En));
        let comms = section(&text, Msg::ObIndustrySectionComms, Lang::En);
        assert!(comms.contains("Committee-driven"));
        assert!(comms.contains("security and compliance"));
        let questions = section(&text, Msg::ObIndustrySectionQuestions, Lang::En);
        assert!(questions.contains("Security questionnaire with 300+ questions"));
        let playbook = section(&text, Msg::ObIndustrySectionPlaybook, Lang::En);
        assert!(playbook.contains("The security review must start before kickoff"));
        let diffs = section(&text, Msg::ObIndustrySectionDifferences, Lang::En);
        assert!(diffs.contains(
            "**The security review must start before kickoff**: why: seen with our 3 customers in this industry so far."
        ));
        // "Strict network allow-lists" is a constraint, not a system to connect.
        assert!(!questions.contains(Msg::ObQOtherApi.text(Lang::En)));
        assert!(!playbook.contains(Msg::ObFactorSystems.text(Lang::En)));
        assert!(playbook.contains(
            "Hold the kickoff meeting (Vendor): Goals, scope, timeline and owners agreed"
        ));
    }

    #[test]
    fn an_unregulated_industry_keeps_the_standard_security_questionnaire() {
        let form = FormValues::from([
            ("industry", "Retail".to_string()),
            (
                "differences",
                "Store managers need offline training".to_string(),
            ),
        ]);
        let text = draft_en(&form);
        let playbook = section(&text, Msg::ObIndustrySectionPlaybook, Lang::En);
        assert!(playbook.contains("**Standard**"));
        assert!(!playbook.contains(Msg::ObTaskSecurityReview.text(Lang::En)));
        let compliance = section(&text, Msg::ObIndustrySectionCompliance, Lang::En);
        assert_eq!(compliance, Msg::ObIndustryNotRegulated.text(Lang::En));
        let diffs = section(&text, Msg::ObIndustrySectionDifferences, Lang::En);
        assert!(diffs.starts_with("1. **Store managers need offline training**"));
    }

    #[test]
    fn an_empty_form_says_what_to_add() {
        let text = draft_of(&SPEC, &FormValues::new(), &[], Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh));
        assert!(text.contains("请在表单中补充“行业”"));
    }
}
