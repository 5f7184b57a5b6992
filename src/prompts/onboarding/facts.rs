//! The facts every onboarding prompt is sent with, computed from the project record as of the
//! user's local date: base tier with its deciding factors, risk flags, the tier's typical
//! duration, the dated phases (each task with owner side, success criterion and
//! dependencies), plan warnings, systems with their IT readiness questions, the go/no-go
//! checklist, the risk register, contacts, progress (counts, current phase, weeks since
//! kickoff, tasks done, changed and overdue), yellow flags and the at-risk assessment (level,
//! likely failure modes, revised milestones). Plus the record-reading helpers the onboarding
//! prompts' prefills share.

use chrono::NaiveDate;

use crate::domain::account::Account;
use crate::domain::form::Coded;
use crate::domain::onboarding::plan::{
    add_steps, apply_playbook, build_plan, current_phase, go_no_go, integration_checklists,
    task_title, Phase, Plan, PlannedTask,
};
use crate::domain::onboarding::progress::{added_steps, closed_tasks, ProgressKind};
use crate::domain::onboarding::risks::{risk_register, yellow_flags, Risk, YellowFlag};
use crate::domain::onboarding::rules::{
    other_system_names, segment, typical_days, RiskFlag, Segment,
};
use crate::domain::onboarding::{OnboardingProject, Playbook};
use crate::domain::record::AnyRecord;
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};
use crate::prompts::{cell, onboarding::at_risk, PromptRequest, RecordContext};

/// The phases of a plan, in order.
pub const PHASES: [Phase; 6] = [
    Phase::PreKickoff,
    Phase::Week1,
    Phase::Weeks2To4,
    Phase::Months2To3,
    Phase::GoLive,
    Phase::PostGoLive,
];

/// The onboarding project a prompt is opened on, with its account when the link resolves.
pub fn project<'a>(
    ctx: &RecordContext<'a>,
) -> Option<(&'a OnboardingProject, Option<&'a Account>)> {
    match ctx.record {
        AnyRecord::Onboarding(p) => Some((p, ctx.accounts.get(&p.account_id))),
        _ => None,
    }
}

/// The user's local date when the prompt is opened.
pub fn local_today(ctx: &RecordContext) -> NaiveDate {
    ctx.zone.local_date(ctx.now)
}

/// What the built-in rules compute for a project as of a day.
#[derive(Clone, Debug)]
pub struct Computed {
    /// Tier, factors, systems and risk flags.
    pub segment: Segment,
    /// The dated plan.
    pub plan: Plan,
    /// The yellow flags as of `today`.
    pub flags: Vec<YellowFlag>,
    /// The user's local date.
    pub today: NaiveDate,
}

impl Computed {
    /// Segments and plans `project` as of `today`. A prompt does not see the other projects,
    /// so it cannot tell whether this one is the first in its industry: that flag is left to
    /// the project page.
    pub fn new(project: &OnboardingProject, today: NaiveDate) -> Self {
        let mut c = Self::with(project, &[], None, today);
        c.segment.flags.retain(|f| *f != RiskFlag::FirstInIndustry);
        c
    }

    /// Segments `project` among `others` and plans it as of `today`, with the customisations
    /// of its playbook version and the steps the project added applied.
    pub fn with(
        project: &OnboardingProject,
        others: &[OnboardingProject],
        playbook: Option<&Playbook>,
        today: NaiveDate,
    ) -> Self {
        let segment = segment(project, others, today);
        let mut plan = build_plan(project, &segment, today);
        if let Some(playbook) = playbook {
            apply_playbook(&mut plan, playbook);
        }
        add_steps(&mut plan, &added_steps(project));
        let flags = yellow_flags(project, &plan, today);
        Self {
            segment,
            plan,
            flags,
            today,
        }
    }

    /// The phase today falls in, by the plan's phase lengths (as the weekly status says).
    pub fn current_phase(&self) -> Phase {
        current_phase(&self.plan, self.segment.tier, self.today)
    }

    /// Whole weeks from kickoff to today; 0 before kickoff.
    pub fn weeks_since_kickoff(&self) -> i64 {
        (self.today - self.plan.kickoff).num_days().max(0) / 7
    }

    /// The plan's tasks that are past their due date and neither done nor skipped, oldest
    /// first.
    pub fn overdue<'a>(&'a self, project: &OnboardingProject) -> Vec<&'a PlannedTask> {
        let closed = closed_tasks(project);
        by_due(
            self.plan
                .tasks
                .iter()
                .filter(|t| t.due < self.today && !closed.iter().any(|c| t.is(c))),
        )
    }
}

/// Tasks by due date; tasks due the same day keep their order.
fn by_due<'a>(tasks: impl Iterator<Item = &'a PlannedTask>) -> Vec<&'a PlannedTask> {
    let mut tasks: Vec<(usize, &PlannedTask)> = tasks.enumerate().collect();
    sorting::sort_by_key(&mut tasks, |(i, t)| (t.due, *i));
    tasks.into_iter().map(|(_, t)| t).collect()
}

/// The first and last due dates of a phase's tasks; `None` when the phase has no task.
pub fn phase_dates(plan: &Plan, phase: Phase) -> Option<(NaiveDate, NaiveDate)> {
    let dues = plan
        .tasks
        .iter()
        .filter(|t| t.phase == phase)
        .map(|t| t.due);
    Some((dues.clone().min()?, dues.max()?))
}

/// "Weeks 2–4 (2027-01-11 to 2027-02-01)".
pub fn phase_line(plan: &Plan, phase: Phase, lang: Lang) -> String {
    match phase_dates(plan, phase) {
        Some((from, to)) => format!(
            "{} ({})",
            phase.label().text(lang),
            date_range(from, to, lang)
        ),
        None => phase.label().text(lang).to_string(),
    }
}

fn date_range(from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    Msg::ObFactDateRange.fill(
        lang,
        &[("from", &from.to_string()), ("to", &to.to_string())],
    )
}

/// A Markdown table: the header row, its rule, then one row per entry (cells tidied).
pub fn table(header: &[Msg], rows: &[Vec<String>], lang: Lang) -> String {
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let mut out = vec![
        line(header.iter().map(|h| h.text(lang).to_string()).collect()),
        line(header.iter().map(|_| "---".to_string()).collect()),
    ];
    out.extend(
        rows.iter()
            .map(|r| line(r.iter().map(|c| cell(c)).collect())),
    );
    out.join("\n")
}

/// A task's name: the template title, or the name given when it was added by hand.
pub fn task_name(key: &str, lang: Lang) -> String {
    task_title(key).map_or_else(|| key.trim().to_string(), |m| m.text(lang).to_string())
}

/// The separator of items listed on one line ("; " or "；").
pub fn sep(lang: Lang) -> &'static str {
    Msg::ObFactListSep.text(lang)
}

/// A label with its items as a nested list: "label" then "  - item" lines.
pub fn nested(label: Msg, items: &[Msg], lang: Lang) -> String {
    let mut out = vec![label.text(lang).to_string()];
    out.extend(items.iter().map(|m| format!("  - {}", m.text(lang))));
    out.join("\n")
}

/// A phase's dates and its tasks, by due date, as a table (due, task, owner side, success
/// criterion, dependencies by name).
fn phase_fact(plan: &Plan, phase: Phase, lang: Lang) -> Option<String> {
    let (from, to) = phase_dates(plan, phase)?;
    let rows: Vec<Vec<String>> = by_due(plan.tasks.iter().filter(|t| t.phase == phase))
        .iter()
        .map(|t| {
            vec![
                t.due.to_string(),
                t.title.text(lang).to_string(),
                t.owner.label().text(lang).to_string(),
                t.criterion.text(lang).to_string(),
                t.deps
                    .iter()
                    .map(|d| task_name(d, lang))
                    .collect::<Vec<_>>()
                    .join(sep(lang)),
            ]
        })
        .collect();
    let header = [
        Msg::ObColDue,
        Msg::ObColTask,
        Msg::ObColOwner,
        Msg::ObColCriterion,
        Msg::ObColDeps,
    ];
    Some(format!(
        "{}\n\n{}",
        date_range(from, to, lang),
        table(&header, &rows, lang)
    ))
}

/// The risk register as a table: risk, early-warning signal, mitigation, escalation trigger.
fn risk_table(risks: &[Risk], lang: Lang) -> String {
    let rows: Vec<Vec<String>> = risks
        .iter()
        .map(|r| {
            [r.title, r.signal, r.mitigation, r.trigger]
                .iter()
                .map(|m| m.text(lang).to_string())
                .collect()
        })
        .collect();
    let header = [
        Msg::ObColRisk,
        Msg::ObColSignal,
        Msg::ObColMitigation,
        Msg::ObColTrigger,
    ];
    table(&header, &rows, lang)
}

/// Labels joined by `sep`, or "none".
fn labels_or_none(labels: impl Iterator<Item = Msg>, lang: Lang) -> String {
    let texts: Vec<&str> = labels.map(|m| m.text(lang)).collect();
    if texts.is_empty() {
        Msg::NoSignals.text(lang).to_string()
    } else {
        texts.join(sep(lang))
    }
}

/// Each text as a `- ` list item.
pub fn list(items: impl Iterator<Item = String>) -> String {
    items
        .map(|i| format!("- {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The systems of the project as the user named them: the chosen ones, then the other names.
pub fn systems_text(project: &OnboardingProject, lang: Lang) -> String {
    project
        .systems
        .iter()
        .map(|s| s.label().text(lang).to_string())
        .chain(other_system_names(&project.other_systems))
        .collect::<Vec<_>>()
        .join(Msg::ObFactListComma.text(lang))
}

/// The named contacts, one "role: name" line each.
pub fn contact_lines(project: &OnboardingProject, lang: Lang) -> String {
    contacts(project)
        .iter()
        .map(|(label, name)| {
            Msg::ObFactLabelled.fill(lang, &[("label", label.text(lang)), ("text", name)])
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn contacts(project: &OnboardingProject) -> Vec<(Msg, &str)> {
    [
        (Msg::FieldExecSponsor, &project.exec_sponsor),
        (Msg::FieldTechnicalLead, &project.technical_lead),
        (Msg::FieldCustomerPm, &project.customer_pm),
    ]
    .into_iter()
    .map(|(label, name)| (label, name.trim()))
    .filter(|(_, name)| !name.is_empty())
    .collect()
}

/// Progress entries of one kind, one "date · task" line each (with the note when given).
pub fn progress_lines(project: &OnboardingProject, kinds: &[ProgressKind], lang: Lang) -> String {
    project
        .progress
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .map(|e| {
            let mut line = format!("{} · ", e.date);
            if kinds.len() > 1 {
                line.push_str(&format!("{} · ", e.kind.label().text(lang)));
            }
            line.push_str(&task_name(&e.task, lang));
            match e.note.trim() {
                "" => line,
                note => format!("{line} — {}", note),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Open overdue tasks, one "task (owner side, due date)" line each.
pub fn overdue_lines(tasks: &[&PlannedTask], lang: Lang) -> String {
    tasks
        .iter()
        .map(|t| {
            Msg::ObFactOverdueLine.fill(
                lang,
                &[
                    ("task", t.title.text(lang)),
                    ("owner", t.owner.label().text(lang)),
                    ("due", &t.due.to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The facts of an onboarding prompt (see the module comment); empty for other records.
pub fn facts(ctx: &RecordContext, lang: Lang) -> Vec<(Msg, String)> {
    let Some((p, account)) = project(ctx) else {
        return Vec::new();
    };
    facts_of(p, account, &Computed::new(p, local_today(ctx)), lang)
}

/// The facts of a project as computed in `c`, labelled, in `lang`.
pub fn facts_of(
    p: &OnboardingProject,
    account: Option<&Account>,
    c: &Computed,
    lang: Lang,
) -> Vec<(Msg, String)> {
    let s = &c.segment;
    let plan = &c.plan;
    let mut facts = Vec::new();
    let mut push = |label: Msg, value: String| {
        if !value.trim().is_empty() {
            facts.push((label, value));
        }
    };
    push(
        Msg::FieldCustomer,
        account.map(|a| a.name.clone()).unwrap_or_default(),
    );
    push(Msg::FieldIndustry, p.industry.trim().to_string());
    push(Msg::ObFactTier, s.tier.label().text(lang).to_string());
    push(
        Msg::ObFactFactors,
        labels_or_none(s.factors.iter().map(|f| f.label()), lang),
    );
    push(
        Msg::ObFactRiskFlags,
        labels_or_none(s.flags.iter().map(|f| f.label()), lang),
    );
    let (min, max) = typical_days(s.tier);
    push(
        Msg::ObFactDuration,
        Msg::ObFactDays.fill(
            lang,
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
    );
    push(
        Msg::ObFactPlanDates,
        Msg::ObFactPlanDatesValue.fill(
            lang,
            &[
                ("kickoff", &plan.kickoff.to_string()),
                ("go_live", &plan.go_live.to_string()),
                ("n", &(plan.go_live - plan.kickoff).num_days().to_string()),
            ],
        ),
    );
    push(
        Msg::ObFactPlanWarning,
        plan.warning.map(|w| w.text(lang)).unwrap_or_default(),
    );
    push(
        Msg::ObFactSystems,
        labels_or_none(s.integrations.iter().map(|i| i.label()), lang),
    );
    push(
        Msg::ObFactUnusualSystems,
        s.unusual_systems.join(Msg::ObFactListComma.text(lang)),
    );
    let checklists = integration_checklists(s);
    push(
        Msg::ObFactItQuestions,
        list(
            checklists
                .iter()
                .map(|(kind, questions, _)| nested(kind.label(), questions, lang)),
        ),
    );
    for phase in PHASES {
        push(
            phase.label(),
            phase_fact(plan, phase, lang).unwrap_or_default(),
        );
    }
    push(
        Msg::ObFactGoNoGo,
        list(
            go_no_go(s).iter().map(|m| m.text(lang).to_string()).chain(
                checklists
                    .iter()
                    .map(|(kind, _, go)| nested(kind.label(), go, lang)),
            ),
        ),
    );
    push(Msg::ObFactRisks, risk_table(&risk_register(s), lang));
    for (label, name) in contacts(p) {
        push(label, name.to_string());
    }
    push(Msg::ObFactToday, c.today.to_string());
    push(
        Msg::ObFactWeeks,
        if c.today < plan.kickoff {
            Msg::ObFactNotStarted.fill(lang, &[("date", &plan.kickoff.to_string())])
        } else {
            c.weeks_since_kickoff().to_string()
        },
    );
    push(
        Msg::ObFactCurrentPhase,
        phase_line(plan, c.current_phase(), lang),
    );
    let count = |kind: ProgressKind| {
        p.progress
            .iter()
            .filter(|e| e.kind == kind)
            .count()
            .to_string()
    };
    push(
        Msg::ObFactProgress,
        Msg::ObFactProgressCounts.fill(
            lang,
            &[
                ("done", &count(ProgressKind::Done)),
                ("skipped", &count(ProgressKind::Skipped)),
                ("changed", &count(ProgressKind::Changed)),
                ("added", &count(ProgressKind::Added)),
            ],
        ),
    );
    push(
        Msg::ObFactDone,
        progress_lines(p, &[ProgressKind::Done], lang),
    );
    push(
        Msg::ObFactChanges,
        progress_lines(
            p,
            &[
                ProgressKind::Skipped,
                ProgressKind::Changed,
                ProgressKind::Added,
            ],
            lang,
        ),
    );
    let overdue = c.overdue(p);
    push(Msg::ObFactOverdue, overdue_lines(&overdue, lang));
    push(
        Msg::ObFactYellowFlags,
        if c.flags.is_empty() {
            Msg::NoSignals.text(lang).to_string()
        } else {
            list(c.flags.iter().map(|f| f.text(lang)))
        },
    );
    facts.extend(at_risk::assessment_facts(p, c, lang));
    facts
}

impl PromptRequest<'_> {
    /// A phase of the computed plan (dates and task table), or a note that the plan needs a
    /// project.
    pub(crate) fn phase_or_missing(&self, phase: Phase) -> String {
        self.fact(phase.label()).map_or_else(
            || self.text(Msg::ObFactsMissing).to_string(),
            |f| f.trim().to_string(),
        )
    }

    /// `- **label:** value` lines of the facts that are given, in order.
    pub(crate) fn fact_items(&self, labels: &[Msg]) -> String {
        labels
            .iter()
            .filter_map(|l| self.fact_item(*l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Joins the non-empty parts with blank lines.
pub fn parts(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::onboarding::progress::ProgressEntry;
    use crate::domain::onboarding::rules::Tier;
    use crate::domain::onboarding::System;
    use crate::domain::record::AccountIndex;
    use chrono::{DateTime, FixedOffset, TimeZone, Utc};

    pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// 2027-02-03 01:00 UTC: Wednesday 3 February, 09:00 in UTC+8.
    pub fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 2, 3, 1, 0, 0).unwrap()
    }

    /// A financial-services project (compliance tier: regulated industry, data warehouse)
    /// with SSO, a data warehouse and ServiceNow, kicking off Monday 2027-01-04, going live 2027-04-30; the
    /// pre-kickoff tasks and the kickoff are done, one task skipped, one added by hand.
    pub fn project() -> OnboardingProject {
        let mut p = OnboardingProject::new("ob1".into(), now());
        p.account_id = "a1".into();
        p.industry = "Financial services".into();
        p.end_users = Some(1800);
        p.systems = vec![System::Sso, System::DataWarehouse];
        p.other_systems = "ServiceNow".into();
        p.kickoff_date = Some(day(2027, 1, 4));
        p.go_live_target = day(2027, 4, 30);
        p.exec_sponsor = "Maria Chen".into();
        p.technical_lead = "David Park".into();
        p.customer_pm = String::new();
        p.contract_scope = "Analytics and workflow modules, 1,800 seats".into();
        p.special_requirements = "SOC 2 report; data residency".into();
        let entry = |task: &str, kind, d| ProgressEntry {
            task: task.into(),
            kind,
            date: day(2027, 1, d),
            note: String::new(),
            phase: None,
        };
        p.progress = vec![
            entry("pk_handoff", ProgressKind::Done, 2),
            entry("pk_contacts", ProgressKind::Done, 2),
            entry("pk_security_pack", ProgressKind::Done, 3),
            entry("pk_it_questions", ProgressKind::Skipped, 3),
            entry("w1_kickoff", ProgressKind::Done, 4),
            entry("Data privacy workshop", ProgressKind::Added, 8),
        ];
        p
    }

    pub fn accounts() -> AccountIndex {
        let mut a = Account::new("a1".into(), now());
        a.name = "Northwind Securities".into();
        AccountIndex::new([a])
    }

    pub const EAST8: FixedOffset = FixedOffset::east_opt(8 * 3600).unwrap();
    const WEST5: FixedOffset = FixedOffset::west_opt(5 * 3600).unwrap();

    pub fn context<'a>(record: &'a AnyRecord, accounts: &'a AccountIndex) -> RecordContext<'a> {
        RecordContext {
            record,
            accounts,
            now: now(),
            zone: &EAST8,
            feedback: &[],
            themes: &[],
        }
    }

    /// The computed rules of `project()` on its local date.
    pub fn computed() -> Computed {
        Computed::new(&project(), day(2027, 2, 3))
    }

    /// The facts of `project()` at `now()` in UTC+8.
    pub fn sample_facts(lang: Lang) -> Vec<(Msg, String)> {
        let record = AnyRecord::Onboarding(project());
        facts(&context(&record, &accounts()), lang)
    }

    pub fn fact(facts: &[(Msg, String)], label: Msg) -> Option<&str> {
        facts
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn today_is_the_local_date() {
        let record = AnyRecord::Onboarding(project());
        let accounts = accounts();
        let mut ctx = context(&record, &accounts);
        ctx.now = Utc.with_ymd_and_hms(2027, 2, 2, 16, 30, 0).unwrap();
        assert_eq!(local_today(&ctx), day(2027, 2, 3));
        ctx.zone = &WEST5;
        assert_eq!(local_today(&ctx), day(2027, 2, 2));
    }

    #[test]
    fn facts_give_the_tier_its_factors_and_duration() {
        let c = computed();
        assert_eq!(c.segment.tier, Tier::Compliance);
        for lang in Lang::ALL {
            let facts = sample_facts(lang);
            assert_eq!(
                fact(&facts, Msg::ObFactTier),
                Some(Tier::Compliance.label().text(lang))
            );
            let factors = fact(&facts, Msg::ObFactFactors).unwrap();
            for f in &c.segment.factors {
                assert!(factors.contains(f.label().text(lang)), "{f:?}");
            }
            assert_eq!(
                fact(&facts, Msg::FieldCustomer),
                Some("Northwind Securities")
            );
        }
        let en = sample_facts(Lang::En);
        assert_eq!(
            fact(&en, Msg::ObFactFactors),
            Some("Regulated industry; Compliance requirements; 1,000+ end users; 3+ systems to connect; ERP or data warehouse to connect")
        );
        assert_eq!(fact(&en, Msg::ObFactDuration), Some("90–120 days"));
        assert_eq!(
            fact(&en, Msg::ObFactPlanDates),
            Some("2027-01-04 → 2027-04-30 (116 days)")
        );
        assert_eq!(
            fact(&sample_facts(Lang::Zh), Msg::ObFactDuration),
            Some("90–120 天")
        );
        assert_eq!(fact(&en, Msg::ObFactPlanWarning), None);
        assert_eq!(fact(&en, Msg::ObFactRiskFlags), Some("none"));
    }

    #[test]
    fn every_phase_is_dated_with_its_tasks_owners_criteria_and_dependencies() {
        let c = computed();
        for lang in Lang::ALL {
            let facts = sample_facts(lang);
            for phase in PHASES {
                let text = fact(&facts, phase.label()).unwrap();
                let (from, to) = phase_dates(&c.plan, phase).unwrap();
                assert!(text.starts_with(&date_range(from, to, lang)), "{text}");
                for t in c.plan.tasks.iter().filter(|t| t.phase == phase) {
                    let row = text
                        .lines()
                        .find(|l| l.contains(t.title.text(lang)))
                        .unwrap_or_else(|| panic!("{} missing", t.key));
                    assert!(row.starts_with(&format!("| {} |", t.due)));
                    assert!(row.contains(t.owner.label().text(lang)));
                    assert!(row.contains(t.criterion.text(lang)));
                    for d in &t.deps {
                        assert!(row.contains(&task_name(d, lang)), "{} needs {d}", t.key);
                    }
                }
            }
        }
        let en = sample_facts(Lang::En);
        let week1 = fact(&en, Msg::ObPhaseWeek1).unwrap();
        assert!(week1.contains(
            "| 2027-01-04 | Hold the kickoff meeting | Vendor | Goals, scope, timeline and owners agreed | Review the sales handoff and contract scope; Name the exec sponsor, technical lead and project manager |"
        ));
    }

    #[test]
    fn phase_dates_span_the_first_to_the_last_due_date() {
        let c = computed();
        let dues: Vec<NaiveDate> = c
            .plan
            .tasks
            .iter()
            .filter(|t| t.phase == Phase::GoLive)
            .map(|t| t.due)
            .collect();
        assert_eq!(
            phase_dates(&c.plan, Phase::GoLive),
            Some((dues[0], *dues.last().unwrap()))
        );
        assert_eq!(
            phase_dates(&c.plan, Phase::GoLive).unwrap().1,
            day(2027, 4, 30)
        );
        let empty = Plan {
            tasks: Vec::new(),
            ..c.plan.clone()
        };
        assert_eq!(phase_dates(&empty, Phase::Week1), None);
    }

    #[test]
    fn facts_list_systems_questions_go_no_go_and_risks() {
        let c = computed();
        let en = sample_facts(Lang::En);
        assert_eq!(
            fact(&en, Msg::ObFactSystems),
            Some("SSO; Data warehouse; Other systems")
        );
        let questions = fact(&en, Msg::ObFactItQuestions).unwrap();
        assert!(questions.starts_with("- SSO\n  - Which identity provider"));
        assert!(questions.contains("- Data warehouse\n  - Which warehouse platform"));
        let go = fact(&en, Msg::ObFactGoNoGo).unwrap();
        for item in go_no_go(&c.segment) {
            assert!(go.contains(item.text(Lang::En)), "{item:?}");
        }
        assert!(go.contains("- SSO\n  - Every role signs in through SSO"));
        let risks = fact(&en, Msg::ObFactRisks).unwrap();
        for r in risk_register(&c.segment) {
            let row = risks
                .lines()
                .find(|l| l.contains(r.title.text(Lang::En)))
                .unwrap();
            assert!(
                row.contains(r.mitigation.text(Lang::En)) && row.contains(r.trigger.text(Lang::En))
            );
        }
        assert!(risks.contains(Msg::ObRiskCompliance.text(Lang::En)));
        let zh = sample_facts(Lang::Zh);
        assert!(fact(&zh, Msg::ObFactRisks)
            .unwrap()
            .contains("IT 安全审查搁置"));
        assert!(fact(&zh, Msg::ObFactSystems).unwrap().contains("数据仓库"));
    }

    #[test]
    fn facts_give_progress_weeks_phase_and_overdue_tasks() {
        let c = computed();
        let en = sample_facts(Lang::En);
        assert_eq!(fact(&en, Msg::ObFactToday), Some("2027-02-03"));
        assert_eq!(fact(&en, Msg::ObFactWeeks), Some("4"));
        assert_eq!(c.current_phase(), Phase::Weeks2To4);
        assert_eq!(
            fact(&en, Msg::ObFactCurrentPhase),
            Some(phase_line(&c.plan, Phase::Weeks2To4, Lang::En).as_str())
        );
        assert!(fact(&en, Msg::ObFactCurrentPhase)
            .unwrap()
            .starts_with("Weeks 2–4 (2027-"));
        assert_eq!(
            fact(&en, Msg::ObFactProgress),
            Some("4 done, 1 skipped, 0 changed, 1 added")
        );
        assert_eq!(
            fact(&en, Msg::ObFactDone).unwrap().lines().next(),
            Some("2027-01-02 · Review the sales handoff and contract scope")
        );
        assert_eq!(
            fact(&en, Msg::ObFactChanges),
            Some("2027-01-03 · Skipped · Answer the IT readiness questionnaire\n2027-01-08 · Added · Data privacy workshop")
        );
        let overdue = fact(&en, Msg::ObFactOverdue).unwrap();
        assert_eq!(overdue.lines().count(), c.overdue(&project()).len());
        assert!(overdue.contains("Set up the tenant and admin accounts (Vendor, due 2027-01-"));
        let flags = fact(&en, Msg::ObFactYellowFlags).unwrap();
        for f in &c.flags {
            assert!(flags.contains(&f.text(Lang::En)));
        }
        assert!(flags.contains("No named exec sponsor, technical lead or customer PM"));
        assert_eq!(fact(&en, Msg::FieldExecSponsor), Some("Maria Chen"));
        assert_eq!(fact(&en, Msg::FieldCustomerPm), None);
        assert_eq!(
            fact(&sample_facts(Lang::Zh), Msg::ObFactProgress),
            Some("已完成 4 项，跳过 1 项，修改 0 项，新增 1 项")
        );
    }

    #[test]
    fn before_kickoff_nothing_is_overdue_and_the_phase_is_pre_kickoff() {
        let c = Computed::new(&project(), day(2026, 12, 20));
        assert_eq!(c.current_phase(), Phase::PreKickoff);
        assert_eq!(c.weeks_since_kickoff(), 0);
        assert!(c.overdue(&project()).is_empty());
        let record = AnyRecord::Onboarding(project());
        let accounts = accounts();
        let mut ctx = context(&record, &accounts);
        ctx.now = Utc.with_ymd_and_hms(2026, 12, 20, 1, 0, 0).unwrap();
        let facts = facts(&ctx, Lang::En);
        assert_eq!(
            fact(&facts, Msg::ObFactWeeks),
            Some("not started: kickoff on 2027-01-04")
        );
        assert_eq!(fact(&facts, Msg::ObFactOverdue), None);
    }

    #[test]
    fn an_unreachable_go_live_is_warned_and_first_in_industry_is_not_guessed() {
        let mut p = project();
        p.go_live_target = day(2027, 2, 15);
        p.other_systems = "AS/400".into();
        let record = AnyRecord::Onboarding(p);
        let accounts = accounts();
        let facts = facts(&context(&record, &accounts), Lang::En);
        assert_eq!(
            fact(&facts, Msg::ObFactPlanWarning),
            Some("Go-live is sooner than this tier needs; earliest realistic date: 2027-04-05.")
        );
        assert_eq!(
            fact(&facts, Msg::ObFactRiskFlags),
            Some("Unusual tech stack; Aggressive go-live date")
        );
        assert_eq!(fact(&facts, Msg::ObFactUnusualSystems), Some("AS/400"));
    }

    #[test]
    fn prefill_helpers_read_systems_and_contacts() {
        let p = project();
        assert_eq!(
            systems_text(&p, Lang::En),
            "SSO, Data warehouse, ServiceNow"
        );
        assert_eq!(
            systems_text(&p, Lang::Zh),
            "单点登录（SSO）、数据仓库、ServiceNow"
        );
        assert_eq!(
            contact_lines(&p, Lang::En),
            "Executive sponsor: Maria Chen\nTechnical lead: David Park"
        );
        assert_eq!(
            contact_lines(&p, Lang::Zh),
            "高管发起人：Maria Chen\n技术负责人：David Park"
        );
    }

    #[test]
    fn other_records_have_no_onboarding_facts() {
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        let accounts = accounts();
        assert!(facts(&context(&record, &accounts), Lang::En).is_empty());
        assert!(super::project(&context(&record, &accounts)).is_none());
    }
}
