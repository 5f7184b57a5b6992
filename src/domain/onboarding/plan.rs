//! The dated, phased onboarding plan: tasks from the phase template (by tier factors and
//! connected systems) with owner side, success criterion, dependencies and a business-day
//! due date between kickoff and go-live; the phase a date falls in; a playbook version applied
//! to a plan (skipped and added steps); integration and go/no-go checklists; the plan as CSV
//! text and its milestones as calendar data. Pure: no clock, no file or calendar writing.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

use crate::coded_enum;
use crate::domain::form::Coded;
use crate::domain::onboarding::rules::{typical_days, Factor, Integration, Segment, Tier};
use crate::domain::onboarding::{AddedStep, OnboardingProject, Playbook};
use crate::domain::parse::name_key;
use crate::domain::time::ics::{write_calendar, CalendarEvent, When};
use crate::i18n::{Lang, Msg};

coded_enum!(
    /// A phase of the plan, in order; stored by its code (a playbook's added steps).
    Phase, PHASE_CHOICES {
        PreKickoff => "pre_kickoff", ObPhasePre;
        Week1 => "week_1", ObPhaseWeek1;
        Weeks2To4 => "weeks_2_4", ObPhaseWeeks2To4;
        Months2To3 => "months_2_3", ObPhaseMonths2To3;
        GoLive => "go_live", ObPhaseGoLive;
        PostGoLive => "post_go_live", ObPhasePost;
    }
);

impl Phase {
    /// The phase's label.
    pub fn label(self) -> Msg {
        Coded::label(self)
    }
}

/// Who does a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Vendor,
    Customer,
}

impl Owner {
    /// The owner side's label.
    pub fn label(self) -> Msg {
        match self {
            Self::Vendor => Msg::ObOwnerVendor,
            Self::Customer => Msg::ObOwnerCustomer,
        }
    }
}

/// When a template task belongs in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    Always,
    /// Regulated industry or compliance needs.
    Regulated,
    /// More than one legal entity.
    Entities,
    /// Any tier above standard.
    NotStandard,
    /// At least one system to connect.
    AnySystem,
    System(Integration),
}

/// A template task: key, phase, position in the phase (per mille), owner, title, success
/// criterion, dependencies (keys of earlier tasks), when it applies.
type Template = (
    &'static str,
    Phase,
    i64,
    Owner,
    Msg,
    Msg,
    &'static [&'static str],
    Need,
);

use Owner::{Customer as C, Vendor as V};
use Phase::*;

/// The phase template. Dependencies always come earlier in the table; a dependency on a task
/// that does not apply is dropped.
#[rustfmt::skip]
const TEMPLATE: &[Template] = &[
    ("pk_handoff", PreKickoff, 0, V, Msg::ObTaskHandoff, Msg::ObDoneHandoff, &[], Need::Always),
    ("pk_contacts", PreKickoff, 0, C, Msg::ObTaskContacts, Msg::ObDoneContacts, &[], Need::Always),
    ("pk_it_questions", PreKickoff, 500, C, Msg::ObTaskItQuestions, Msg::ObDoneItQuestions, &["pk_handoff"], Need::AnySystem),
    ("pk_security_pack", PreKickoff, 500, V, Msg::ObTaskSecurityPack, Msg::ObDoneSecurityPack, &["pk_handoff"], Need::Regulated),
    ("w1_kickoff", Week1, 0, V, Msg::ObTaskKickoff, Msg::ObDoneKickoff, &["pk_handoff", "pk_contacts"], Need::Always),
    ("w1_environment", Week1, 500, V, Msg::ObTaskEnvironment, Msg::ObDoneEnvironment, &["w1_kickoff"], Need::Always),
    ("w1_success_plan", Week1, 1000, V, Msg::ObTaskSuccessPlan, Msg::ObDoneSuccessPlan, &["w1_kickoff"], Need::Always),
    ("w1_entity_map", Week1, 1000, C, Msg::ObTaskEntityMap, Msg::ObDoneEntityMap, &["w1_kickoff"], Need::Entities),
    ("w2_security_review", Weeks2To4, 500, C, Msg::ObTaskSecurityReview, Msg::ObDoneSecurityReview, &["pk_security_pack", "w1_kickoff"], Need::Regulated),
    ("w2_sso", Weeks2To4, 300, C, Msg::ObTaskSso, Msg::ObDoneSso, &["pk_it_questions", "w1_environment"], Need::System(Integration::Sso)),
    ("w2_crm", Weeks2To4, 600, V, Msg::ObTaskCrm, Msg::ObDoneCrm, &["pk_it_questions", "w1_environment"], Need::System(Integration::Crm)),
    ("w2_dw", Weeks2To4, 800, V, Msg::ObTaskDw, Msg::ObDoneDw, &["pk_it_questions", "w1_environment"], Need::System(Integration::DataWarehouse)),
    ("w2_erp", Weeks2To4, 1000, V, Msg::ObTaskErp, Msg::ObDoneErp, &["pk_it_questions", "w1_environment"], Need::System(Integration::Erp)),
    ("w2_other", Weeks2To4, 800, V, Msg::ObTaskOther, Msg::ObDoneOther, &["pk_it_questions", "w1_environment"], Need::System(Integration::Other)),
    ("w2_config", Weeks2To4, 600, V, Msg::ObTaskConfig, Msg::ObDoneConfig, &["w1_environment", "w1_success_plan"], Need::Always),
    ("w2_migration_plan", Weeks2To4, 600, C, Msg::ObTaskMigrationPlan, Msg::ObDoneMigrationPlan, &["w1_kickoff"], Need::NotStandard),
    ("w4_first_value", Weeks2To4, 1000, C, Msg::ObTaskFirstValue, Msg::ObDoneFirstValue, &["w2_config"], Need::Always),
    ("m2_migration", Months2To3, 400, V, Msg::ObTaskMigration, Msg::ObDoneMigration, &["w2_migration_plan"], Need::NotStandard),
    ("m2_train_admins", Months2To3, 300, V, Msg::ObTaskTrainAdmins, Msg::ObDoneTrainAdmins, &["w2_config"], Need::Always),
    ("m2_train_users", Months2To3, 700, C, Msg::ObTaskTrainUsers, Msg::ObDoneTrainUsers, &["m2_train_admins"], Need::Always),
    ("m2_entity_rollout", Months2To3, 800, C, Msg::ObTaskEntityRollout, Msg::ObDoneEntityRollout, &["w1_entity_map", "w2_config"], Need::Entities),
    ("m2_uat", Months2To3, 1000, C, Msg::ObTaskUat, Msg::ObDoneUat, &["w2_config", "w2_sso", "w2_crm", "w2_dw", "w2_erp", "w2_other", "m2_migration"], Need::NotStandard),
    ("gl_go_no_go", GoLive, 0, V, Msg::ObTaskGoNoGo, Msg::ObDoneGoNoGo, &["w2_security_review", "m2_train_users", "m2_entity_rollout", "m2_uat", "w2_sso", "w2_crm", "w2_dw", "w2_erp", "w2_other"], Need::Always),
    ("gl_announce", GoLive, 500, C, Msg::ObTaskAnnounce, Msg::ObDoneAnnounce, &["gl_go_no_go"], Need::Always),
    ("gl_launch", GoLive, 1000, V, Msg::ObTaskLaunch, Msg::ObDoneLaunch, &["gl_go_no_go", "gl_announce"], Need::Always),
    ("pg_hypercare", PostGoLive, 250, V, Msg::ObTaskHypercare, Msg::ObDoneHypercare, &["gl_launch"], Need::Always),
    ("pg_adoption", PostGoLive, 500, V, Msg::ObTaskAdoption, Msg::ObDoneAdoption, &["pg_hypercare"], Need::Always),
    ("pg_handover", PostGoLive, 750, V, Msg::ObTaskHandover, Msg::ObDoneHandover, &["pg_adoption"], Need::Always),
    ("pg_retro", PostGoLive, 1000, V, Msg::ObTaskRetro, Msg::ObDoneRetro, &["pg_handover"], Need::Always),
];

/// Keys of the milestone tasks (calendar events and slip checks).
pub const MILESTONES: &[&str] = &[
    "w1_kickoff",
    "w4_first_value",
    "gl_go_no_go",
    "gl_launch",
    "pg_retro",
];

/// The title of a template task by key, or `None` for a task added by hand.
pub fn task_title(key: &str) -> Option<Msg> {
    TEMPLATE.iter().find(|t| t.0 == key).map(|t| t.4)
}

/// One dated task of a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedTask {
    /// Stable key, the same in every plan built from the template.
    pub key: &'static str,
    pub phase: Phase,
    pub owner: Owner,
    pub title: Msg,
    pub criterion: Msg,
    /// Keys of tasks in this plan that must be done first.
    pub deps: Vec<&'static str>,
    pub due: NaiveDate,
    /// The name of a step a playbook version added (its key is then `ADDED_TASK`).
    pub custom: Option<String>,
}

/// The key of every step a playbook version added.
pub const ADDED_TASK: &str = "added";

impl PlannedTask {
    /// The title in `lang`: the added step's name, or the template title.
    pub fn title_text(&self, lang: Lang) -> &str {
        self.custom.as_deref().unwrap_or(self.title.text(lang))
    }

    /// Whether a progress entry's task (a template key, or an added step's name) is this task.
    pub fn is(&self, recorded: &str) -> bool {
        match &self.custom {
            Some(name) => name_key(name) == name_key(recorded),
            None => self.key == recorded,
        }
    }
}

/// Why the target go-live date cannot hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanWarning {
    /// The target is on or before kickoff: the plan uses the earliest realistic date instead.
    BeforeKickoff { earliest: NaiveDate },
    /// The target is sooner than the tier's minimum: the plan is compressed.
    TooSoon { earliest: NaiveDate },
}

impl PlanWarning {
    /// The warning as a sentence.
    pub fn text(self, lang: Lang) -> String {
        let (msg, earliest) = match self {
            Self::BeforeKickoff { earliest } => (Msg::ObWarnBeforeKickoff, earliest),
            Self::TooSoon { earliest } => (Msg::ObWarnTooSoon, earliest),
        };
        msg.fill(lang, &[("date", &earliest.to_string())])
    }
}

/// A dated plan from kickoff to the end of post-go-live support.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub kickoff: NaiveDate,
    /// The go-live date the plan is built for.
    pub go_live: NaiveDate,
    /// Tasks in template order.
    pub tasks: Vec<PlannedTask>,
    pub warning: Option<PlanWarning>,
}

/// Moves a Saturday or Sunday to the following Monday.
pub fn business_day(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d + Duration::days(2),
        Weekday::Sun => d + Duration::days(1),
        _ => d,
    }
}

/// Days before kickoff for the pre-kickoff phase, and after go-live for post-go-live support.
const PRE_DAYS: i64 = 7;
const POST_DAYS: i64 = 28;

/// Phase boundaries as days from kickoff, for a window of `window` days when the tier's
/// typical window is `typical`: week 1 and weeks 2–4 keep their 7 and 28 days at the typical
/// window and stretch or shrink in proportion; the go-live phase is the last week likewise.
fn phase_span(phase: Phase, window: i64, typical: i64) -> (i64, i64) {
    let scaled = |days: i64| (days * window / typical).clamp(0, window);
    let w1 = scaled(7);
    let w4 = scaled(28);
    let gl = (window - scaled(7)).max(w4);
    match phase {
        PreKickoff => (-PRE_DAYS, -1),
        Week1 => (0, w1),
        Weeks2To4 => (w1, w4),
        Months2To3 => (w4, gl),
        GoLive => (gl, window),
        PostGoLive => (window, window + POST_DAYS),
    }
}

/// Whether a task or risk with `need` applies to the segment.
pub(crate) fn applies(need: Need, segment: &Segment) -> bool {
    match need {
        Need::Always => true,
        Need::Regulated => segment.regulated(),
        Need::Entities => segment.factors.contains(&Factor::MultipleEntities),
        Need::NotStandard => segment.tier != Tier::Standard,
        Need::AnySystem => !segment.integrations.is_empty(),
        Need::System(kind) => segment.integrations.contains(&kind),
    }
}

/// Builds the plan of `project` as segmented; `today` stands in for a missing kickoff date.
pub fn build_plan(project: &OnboardingProject, segment: &Segment, today: NaiveDate) -> Plan {
    let kickoff = project.kickoff_date.unwrap_or(today);
    let (min, max) = typical_days(segment.tier);
    let earliest = business_day(kickoff + Duration::days(min));
    let target = project.go_live_target;
    let (go_live, warning) = if target <= kickoff {
        (earliest, Some(PlanWarning::BeforeKickoff { earliest }))
    } else if (target - kickoff).num_days() < min {
        (target, Some(PlanWarning::TooSoon { earliest }))
    } else {
        (target, None)
    };
    let window = (go_live - kickoff).num_days();
    let typical = (min + max) / 2;
    let mut tasks: Vec<PlannedTask> = Vec::new();
    for &(key, phase, pos, owner, title, criterion, deps, need) in TEMPLATE {
        if !applies(need, segment) {
            continue;
        }
        let (start, end) = phase_span(phase, window, typical);
        let mut due = business_day(kickoff + Duration::days(start + (end - start) * pos / 1000));
        let deps: Vec<&'static str> = deps
            .iter()
            .copied()
            .filter(|d| tasks.iter().any(|t| t.key == *d))
            .collect();
        for t in tasks.iter().filter(|t| deps.contains(&t.key)) {
            due = due.max(t.due);
        }
        tasks.push(PlannedTask {
            key,
            phase,
            owner,
            title,
            criterion,
            deps,
            due,
            custom: None,
        });
    }
    Plan {
        kickoff,
        go_live,
        tasks,
        warning,
    }
}

/// The phase `today` falls in: pre-kickoff before kickoff, then the first phase whose last day
/// (moved off a weekend, like due dates) is today or later; post-go-live once that is over.
/// `tier` is the one the plan was built for.
pub fn current_phase(plan: &Plan, tier: Tier, today: NaiveDate) -> Phase {
    if today < plan.kickoff {
        return PreKickoff;
    }
    let (min, max) = typical_days(tier);
    let window = (plan.go_live - plan.kickoff).num_days();
    Phase::ALL[1..]
        .iter()
        .copied()
        .find(|p| {
            let end = phase_span(*p, window, (min + max) / 2).1;
            business_day(plan.kickoff + Duration::days(end)) >= today
        })
        .unwrap_or(PostGoLive)
}

/// Applies a playbook version to a plan built from the template: drops the tasks it skips
/// (their dependents inherit their dependencies, so no dependency points at a missing task and
/// dates stay in order), then appends each added step to the end of its phase: vendor-owned,
/// without dependencies, due with the phase's last task (or the last earlier task, or
/// kickoff). A step already in the plan is not added twice.
pub fn apply_playbook(plan: &mut Plan, playbook: &Playbook) {
    let mut removed: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    let mut kept: Vec<PlannedTask> = Vec::new();
    for mut t in std::mem::take(&mut plan.tasks) {
        let mut deps: Vec<&'static str> = Vec::new();
        for d in &t.deps {
            let via = removed
                .iter()
                .find(|r| r.0 == *d)
                .map_or(std::slice::from_ref(d), |r| r.1.as_slice());
            for v in via {
                if !deps.contains(v) {
                    deps.push(v);
                }
            }
        }
        t.deps = deps;
        if t.custom.is_none() && playbook.skipped_tasks.iter().any(|k| k == t.key) {
            removed.push((t.key, t.deps));
        } else {
            kept.push(t);
        }
    }
    plan.tasks = kept;
    add_steps(plan, &playbook.added_steps);
}

/// Appends steps to the end of their phase: vendor-owned, without dependencies, due with the
/// phase's last task (or the last earlier task, or kickoff). A step already in the plan is not
/// added twice.
pub fn add_steps(plan: &mut Plan, steps: &[AddedStep]) {
    let kept = &mut plan.tasks;
    for step in steps {
        let name = step.name.trim();
        if name.is_empty() || kept.iter().any(|t| t.is(name)) {
            continue;
        }
        let at = kept
            .iter()
            .rposition(|t| t.phase <= step.phase)
            .map_or(0, |i| i + 1);
        let due = kept
            .iter()
            .filter(|t| t.phase == step.phase)
            .map(|t| t.due)
            .max()
            .or_else(|| kept[..at].iter().map(|t| t.due).max())
            .unwrap_or(business_day(plan.kickoff));
        kept.insert(
            at,
            PlannedTask {
                key: ADDED_TASK,
                phase: step.phase,
                owner: Owner::Vendor,
                title: Msg::ObVersionAddedStep,
                criterion: Msg::ObVersionAddedCriterion,
                deps: Vec::new(),
                due,
                custom: Some(name.to_string()),
            },
        );
    }
}

/// Readiness questions for the customer's IT and go/no-go criteria, per integration kind.
pub const INTEGRATION_CHECKS: &[(Integration, &[Msg], &[Msg])] = &[
    (
        Integration::Sso,
        &[Msg::ObQSsoIdp, Msg::ObQSsoAdmin, Msg::ObQSsoGroups],
        &[Msg::ObGoSsoLogin, Msg::ObGoSsoOffboard],
    ),
    (
        Integration::Crm,
        &[Msg::ObQCrmEdition, Msg::ObQCrmFields, Msg::ObQCrmUser],
        &[Msg::ObGoCrmSync, Msg::ObGoCrmErrors],
    ),
    (
        Integration::DataWarehouse,
        &[Msg::ObQDwPlatform, Msg::ObQDwNetwork, Msg::ObQDwTables],
        &[Msg::ObGoDwLoad, Msg::ObGoDwSchedule],
    ),
    (
        Integration::Erp,
        &[Msg::ObQErpVersion, Msg::ObQErpSandbox, Msg::ObQErpObjects],
        &[Msg::ObGoErpPost, Msg::ObGoErpRollback],
    ),
    (
        Integration::Other,
        &[Msg::ObQOtherApi, Msg::ObQOtherOwner, Msg::ObQOtherVolume],
        &[Msg::ObGoOtherTest, Msg::ObGoOtherMonitor],
    ),
];

/// The integration checklists for the project's systems, in integration order.
pub fn integration_checklists(
    segment: &Segment,
) -> Vec<(Integration, &'static [Msg], &'static [Msg])> {
    INTEGRATION_CHECKS
        .iter()
        .filter(|(kind, _, _)| segment.integrations.contains(kind))
        .copied()
        .collect()
}

/// The go-live go/no-go checklist: the common items, then the tier's extra ones.
pub fn go_no_go(segment: &Segment) -> Vec<Msg> {
    let mut items = vec![
        Msg::ObGoCriteria,
        Msg::ObGoTrained,
        Msg::ObGoSupport,
        Msg::ObGoRollback,
        Msg::ObGoSponsor,
    ];
    if !segment.integrations.is_empty() {
        items.push(Msg::ObGoIntegrations);
    }
    if segment.regulated() {
        items.push(Msg::ObGoSecurity);
    }
    if segment.tier != Tier::Standard {
        items.push(Msg::ObGoData);
    }
    if segment.factors.contains(&Factor::MultipleEntities) {
        items.push(Msg::ObGoEntities);
    }
    items
}

/// Quotes one CSV field when it holds a comma, quote or line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The plan as CSV text with a header row, CRLF line ends.
pub fn plan_csv(plan: &Plan, lang: Lang) -> String {
    let header = [
        Msg::ObColKey,
        Msg::ObColPhase,
        Msg::ObColTask,
        Msg::ObColOwner,
        Msg::ObColCriterion,
        Msg::ObColDeps,
        Msg::ObColDue,
    ]
    .map(|m| csv_field(m.text(lang)))
    .join(",");
    let mut out = header + "\r\n";
    for t in &plan.tasks {
        let row = [
            t.key.to_string(),
            t.phase.label().text(lang).to_string(),
            t.title_text(lang).to_string(),
            t.owner.label().text(lang).to_string(),
            t.criterion.text(lang).to_string(),
            t.deps.join(" "),
            t.due.to_string(),
        ]
        .map(|s| csv_field(&s))
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

/// The plan's milestones as all-day calendar events titled "customer: milestone", each
/// identified by the project and the task (two milestones can fall on one date).
pub fn milestone_events(
    plan: &Plan,
    project_id: &str,
    customer: &str,
    lang: Lang,
) -> Vec<CalendarEvent> {
    plan.tasks
        .iter()
        .filter(|t| MILESTONES.contains(&t.key))
        .map(|t| CalendarEvent {
            uid: format!("{project_id}-{}@casebook", t.key),
            when: When::AllDay(t.due),
            summary: Msg::ObEventTitle.fill(
                lang,
                &[("customer", customer), ("task", t.title_text(lang))],
            ),
            description: String::new(),
        })
        .collect()
}

/// The plan's milestones as an .ics calendar stamped `now`.
pub fn milestone_calendar(
    plan: &Plan,
    project_id: &str,
    customer: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> String {
    write_calendar(&milestone_events(plan, project_id, customer, lang), now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::onboarding::rules::segment;
    use crate::domain::onboarding::rules::tests::{day, project};
    use crate::domain::onboarding::System;

    fn plan_of(p: &OnboardingProject) -> Plan {
        build_plan(p, &segment(p, &[], day(1, 1)), day(1, 1))
    }

    fn due(plan: &Plan, key: &str) -> NaiveDate {
        plan.tasks.iter().find(|t| t.key == key).unwrap().due
    }

    fn keys(plan: &Plan) -> Vec<&str> {
        plan.tasks.iter().map(|t| t.key).collect()
    }

    #[test]
    fn template_keys_are_unique_and_dependencies_come_earlier() {
        for (i, t) in TEMPLATE.iter().enumerate() {
            assert!(TEMPLATE[..i].iter().all(|u| u.0 != t.0), "{} repeated", t.0);
            for d in t.6 {
                assert!(TEMPLATE[..i].iter().any(|u| u.0 == *d), "{} needs {d}", t.0);
            }
        }
        for m in MILESTONES {
            assert!(task_title(m).is_some());
        }
    }

    #[test]
    fn weekends_move_to_monday() {
        assert_eq!(business_day(day(1, 8)), day(1, 8));
        assert_eq!(business_day(day(1, 9)), day(1, 11));
        assert_eq!(business_day(day(1, 10)), day(1, 11));
    }

    #[test]
    fn phase_spans_at_and_off_the_typical_window() {
        let spans: Vec<(i64, i64)> = [PreKickoff, Week1, Weeks2To4, Months2To3, GoLive, PostGoLive]
            .iter()
            .map(|p| phase_span(*p, 37, 37))
            .collect();
        assert_eq!(
            spans,
            vec![(-7, -1), (0, 7), (7, 28), (28, 30), (30, 37), (37, 65)]
        );
        // About half the typical window: week 1 is 3 days (7·37/75), weeks 2–4 end on day 13.
        assert_eq!(phase_span(Weeks2To4, 37, 75), (3, 13));
        assert_eq!(phase_span(GoLive, 37, 75), (34, 37));
    }

    #[test]
    fn a_missing_kickoff_plans_from_today() {
        let mut p = project("Retail", 10, &[], 60);
        p.kickoff_date = None;
        let plan = build_plan(&p, &segment(&p, &[], day(1, 6)), day(1, 6));
        assert_eq!(plan.kickoff, day(1, 6));
        assert_eq!(due(&plan, "w1_kickoff"), day(1, 6));
    }

    #[test]
    fn every_phase_has_tasks_and_the_customer_owns_some() {
        let plan = plan_of(&project("Bank", 3000, &[System::Sso, System::Crm], 110));
        for phase in [PreKickoff, Week1, Weeks2To4, Months2To3, GoLive, PostGoLive] {
            assert!(plan.tasks.iter().any(|t| t.phase == phase), "{phase:?}");
        }
        let customer: Vec<&str> = plan
            .tasks
            .iter()
            .filter(|t| t.owner == Owner::Customer)
            .map(|t| t.key)
            .collect();
        assert_eq!(
            customer,
            vec![
                "pk_contacts",
                "pk_it_questions",
                "w2_security_review",
                "w2_sso",
                "w2_migration_plan",
                "w4_first_value",
                "m2_train_users",
                "m2_uat",
                "gl_announce"
            ]
        );
    }

    #[test]
    fn standard_plan_has_the_core_tasks_only() {
        let plan = plan_of(&project("Retail", 50, &[], 42));
        assert_eq!(
            keys(&plan),
            vec![
                "pk_handoff",
                "pk_contacts",
                "w1_kickoff",
                "w1_environment",
                "w1_success_plan",
                "w2_config",
                "w4_first_value",
                "m2_train_admins",
                "m2_train_users",
                "gl_go_no_go",
                "gl_announce",
                "gl_launch",
                "pg_hypercare",
                "pg_adoption",
                "pg_handover",
                "pg_retro"
            ]
        );
        assert_eq!(plan.warning, None);
    }

    #[test]
    fn systems_and_tier_add_their_tasks() {
        let mut p = project("Insurance", 50, &[System::Sso, System::Erp], 100);
        p.contract_scope = "two subsidiaries".into();
        let plan = plan_of(&p);
        let k = keys(&plan);
        for key in [
            "pk_it_questions",
            "pk_security_pack",
            "w1_entity_map",
            "w2_security_review",
            "w2_sso",
            "w2_erp",
            "w2_migration_plan",
            "m2_migration",
            "m2_uat",
            "m2_entity_rollout",
        ] {
            assert!(k.contains(&key), "{key} missing");
        }
        assert!(!k.contains(&"w2_crm") && !k.contains(&"w2_dw") && !k.contains(&"w2_other"));
    }

    #[test]
    fn dates_at_the_typical_window() {
        // Complex tier, typical 75 days: kickoff Mon 4 Jan, go-live Sat 20 Mar.
        let plan = plan_of(&project("Retail", 5000, &[System::Sso], 75));
        assert_eq!(plan.go_live, day(3, 20));
        assert_eq!(
            due(&plan, "pk_handoff"),
            NaiveDate::from_ymd_opt(2026, 12, 28).unwrap()
        );
        assert_eq!(due(&plan, "w1_kickoff"), day(1, 4));
        assert_eq!(due(&plan, "w1_success_plan"), day(1, 11));
        assert_eq!(due(&plan, "w4_first_value"), day(2, 1));
        // Go-live phase starts 7 days before 20 Mar (Sat 13 Mar → Mon 15 Mar).
        assert_eq!(due(&plan, "gl_go_no_go"), day(3, 15));
        // 20 Mar 2027 is a Saturday: go-live tasks move to Monday.
        assert_eq!(due(&plan, "gl_launch"), day(3, 22));
        assert_eq!(due(&plan, "pg_retro"), day(4, 19));
    }

    #[test]
    fn no_task_is_due_on_a_weekend_or_before_its_dependencies() {
        for (industry, users, days) in [
            ("Retail", 10, 31),
            ("Retail", 5000, 61),
            ("Bank", 10, 95),
            ("Bank group", 10, 200),
            ("Retail", 10, 10),
            ("Retail", 10, -3),
        ] {
            let p = project(
                industry,
                users,
                &[
                    System::Sso,
                    System::Crm,
                    System::DataWarehouse,
                    System::Erp,
                    System::Hris,
                ],
                days,
            );
            let plan = plan_of(&p);
            for t in &plan.tasks {
                assert!(
                    !matches!(t.due.weekday(), Weekday::Sat | Weekday::Sun),
                    "{} on {}",
                    t.key,
                    t.due
                );
                for d in &t.deps {
                    assert!(
                        due(&plan, d) <= t.due,
                        "{} before {d} ({industry}, {days})",
                        t.key
                    );
                }
            }
            let phases: Vec<Phase> = plan.tasks.iter().map(|t| t.phase).collect();
            assert!(phases.windows(2).all(|w| w[0] <= w[1]));
        }
    }

    #[test]
    fn a_longer_window_stretches_the_phases() {
        // Standard tier, typical 37 days; 74 days doubles week 1 to 14 days.
        let plan = plan_of(&project("Retail", 10, &[], 74));
        assert_eq!(due(&plan, "w1_success_plan"), day(1, 18));
        assert_eq!(due(&plan, "w4_first_value"), day(3, 1));
        let short = plan_of(&project("Retail", 10, &[], 37));
        assert_eq!(due(&short, "w1_success_plan"), day(1, 11));
    }

    #[test]
    fn too_early_go_live_is_compressed_with_a_warning() {
        let plan = plan_of(&project("Retail", 10, &[], 20));
        assert_eq!(
            plan.warning,
            Some(PlanWarning::TooSoon {
                earliest: day(2, 3)
            })
        );
        assert_eq!(plan.go_live, day(1, 24));
        assert_eq!(due(&plan, "gl_launch"), day(1, 25));
        assert_eq!(
            plan.warning.unwrap().text(Lang::En),
            "Go-live is sooner than this tier needs; earliest realistic date: 2027-02-03."
        );
    }

    #[test]
    fn multi_entity_needs_120_days() {
        let mut p = project("Retail", 10, &[], 100);
        p.contract_scope = "3 subsidiaries".into();
        let plan = plan_of(&p);
        // 4 Jan + 120 days = Tue 4 May.
        assert_eq!(
            plan.warning,
            Some(PlanWarning::TooSoon {
                earliest: day(5, 4)
            })
        );
        p.go_live_target = day(5, 4);
        assert_eq!(plan_of(&p).warning, None);
    }

    #[test]
    fn go_live_before_kickoff_plans_for_the_earliest_date() {
        let plan = plan_of(&project("Retail", 10, &[], 0));
        assert_eq!(
            plan.warning,
            Some(PlanWarning::BeforeKickoff {
                earliest: day(2, 3)
            })
        );
        assert_eq!(plan.go_live, day(2, 3));
        assert_eq!(due(&plan, "gl_launch"), day(2, 3));
        assert!(plan.warning.unwrap().text(Lang::Zh).contains("2027-02-03"));
    }

    #[test]
    fn checklists_follow_the_systems_and_tier() {
        let mut p = project("Healthcare", 10, &[System::Crm, System::Ticketing], 100);
        p.other_systems = "Okta".into();
        let s = segment(&p, &[], day(1, 1));
        let kinds: Vec<Integration> = integration_checklists(&s).iter().map(|c| c.0).collect();
        assert_eq!(
            kinds,
            vec![Integration::Sso, Integration::Crm, Integration::Other]
        );
        let items = go_no_go(&s);
        assert!(items.contains(&Msg::ObGoSecurity) && items.contains(&Msg::ObGoIntegrations));
        assert!(!items.contains(&Msg::ObGoEntities));
        let plain = segment(&project("Retail", 10, &[], 40), &[], day(1, 1));
        assert_eq!(go_no_go(&plain).len(), 5);
        assert!(integration_checklists(&plain).is_empty());
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn every_integration_has_questions_and_go_criteria() {
        for (kind, questions, go) in INTEGRATION_CHECKS {
            assert_eq!((questions.len(), go.len()), (3, 2), "{kind:?}");
        }
        assert_eq!(
            Msg::ObQSsoIdp.text(Lang::Zh),
            "使用哪个身份提供方和协议（SAML、OIDC）？"
        );
    }

    #[test]
    fn plan_csv_has_a_header_and_a_row_per_task() {
        let plan = plan_of(&project("Retail", 10, &[], 42));
        let csv = plan_csv(&plan, Lang::En);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), plan.tasks.len() + 2);
        assert_eq!(
            lines[0],
            "Key,Phase,Task,Owner,Success criterion,Depends on,Due"
        );
        assert!(lines[3].starts_with("w1_kickoff,Week 1,"));
        assert!(lines[3].ends_with(",pk_handoff pk_contacts,2027-01-04"));
        assert_eq!(
            lines[1],
            "pk_handoff,Pre-kickoff,Review the sales handoff and contract scope,Vendor,\"Goals, scope and open questions written down\",,2026-12-28"
        );
        assert!(plan_csv(&plan, Lang::Zh)
            .starts_with("编号,阶段,任务,责任方,成功标准,依赖,截止日期\r\npk_handoff,启动前,"));
    }

    #[test]
    fn milestones_become_calendar_events() {
        let plan = plan_of(&project("Retail", 10, &[], 42));
        let events = milestone_events(&plan, "p1", "Acme", Lang::En);
        assert_eq!(events.len(), 5);
        assert_eq!(events[0].summary, "Acme: Hold the kickoff meeting");
        assert_eq!(events[0].when, When::AllDay(day(1, 4)));
        assert_eq!(events[3].when, When::AllDay(day(2, 15)));
        assert_eq!(
            milestone_events(&plan, "p1", "Acme", Lang::Zh)[0].summary,
            "Acme：召开启动会"
        );
    }

    #[test]
    fn milestone_uids_are_stable_and_unique_even_on_one_date() {
        let mut plan = plan_of(&project("Retail", 10, &[], 42));
        let launch = due(&plan, "gl_launch");
        for task in plan.tasks.iter_mut().filter(|t| t.key == "gl_go_no_go") {
            task.due = launch;
        }
        let uids: Vec<String> = milestone_events(&plan, "p1", "Acme", Lang::En)
            .into_iter()
            .map(|e| e.uid)
            .collect();
        assert_eq!(
            uids,
            [
                "p1-w1_kickoff@casebook",
                "p1-w4_first_value@casebook",
                "p1-gl_go_no_go@casebook",
                "p1-gl_launch@casebook",
                "p1-pg_retro@casebook",
            ]
        );
        let moved = plan_of(&project("Retail", 10, &[], 60));
        let again: Vec<String> = milestone_events(&moved, "p1", "Acme", Lang::Zh)
            .into_iter()
            .map(|e| e.uid)
            .collect();
        assert_eq!(again, uids, "a new date or language keeps the UIDs");
    }

    #[test]
    fn the_milestone_calendar_has_all_day_events() {
        let plan = plan_of(&project("Retail", 10, &[], 42));
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 1, 9, 0, 0).unwrap();
        let text = milestone_calendar(&plan, "p1", "Acme", Lang::En, now);
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 5);
        assert!(text.contains(
            "\r\nDTEND;VALUE=DATE:20270105\r\nDTSTAMP:20261201T090000Z\r\nDTSTART;VALUE=DATE:20270104\r\nSUMMARY:Acme: Hold the kickoff meeting\r\nUID:p1-w1_kickoff@casebook\r\n"
        ));
        assert!(!text.contains("T090000\r\n"));
    }

    fn playbook(skipped: &[&str], added: &[(&str, Phase)]) -> Playbook {
        serde_json::from_value(serde_json::json!({
            "id": "pb",
            "name": "Retail",
            "version": 2,
            "created_at": "2026-12-01T09:00:00Z",
            "skipped_tasks": skipped,
            "added_steps": added
                .iter()
                .map(|(n, p)| serde_json::json!({"name": n, "phase": p.code()}))
                .collect::<Vec<_>>(),
        }))
        .unwrap()
    }

    fn deps_of<'a>(plan: &'a Plan, key: &str) -> &'a [&'static str] {
        &plan.tasks.iter().find(|t| t.key == key).unwrap().deps
    }

    /// Every dependency is in the plan and due no later than its dependent; no weekend
    /// dates; phases in order.
    fn assert_consistent(plan: &Plan) {
        for t in &plan.tasks {
            assert!(!matches!(t.due.weekday(), Weekday::Sat | Weekday::Sun));
            for d in &t.deps {
                let dep = plan.tasks.iter().find(|u| u.key == *d);
                assert!(dep.is_some_and(|u| u.due <= t.due), "{} needs {d}", t.key);
            }
        }
        assert!(plan.tasks.windows(2).all(|w| w[0].phase <= w[1].phase));
    }

    #[test]
    fn current_phase_across_boundaries_and_weekends() {
        // Standard, 42 days: week 1 ends Mon 11 Jan, weeks 2–4 Thu 4 Feb, months 2–3 Mon 8 Feb,
        // go-live Mon 15 Feb, post-go-live Mon 15 Mar.
        let plan = plan_of(&project("Retail", 10, &[], 42));
        for (m, d, phase) in [
            (12, 1, PreKickoff),
            (1, 3, PreKickoff),
            (1, 4, Week1),
            (1, 9, Week1),
            (1, 11, Week1),
            (1, 12, Weeks2To4),
            (2, 4, Weeks2To4),
            (2, 5, Months2To3),
            (2, 8, Months2To3),
            (2, 9, GoLive),
            (2, 15, GoLive),
            (2, 16, PostGoLive),
            (3, 15, PostGoLive),
            (6, 1, PostGoLive),
        ] {
            let today = if m == 12 {
                NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
            } else {
                day(m, d)
            };
            assert_eq!(
                current_phase(&plan, Tier::Standard, today),
                phase,
                "{today}"
            );
        }
        // 40 days: months 2–3 would end on Sat 6 Feb, so the weekend and Monday stay in it.
        let plan = plan_of(&project("Retail", 10, &[], 40));
        assert_eq!(current_phase(&plan, Tier::Standard, day(2, 3)), Weeks2To4);
        assert_eq!(current_phase(&plan, Tier::Standard, day(2, 4)), Months2To3);
        assert_eq!(current_phase(&plan, Tier::Standard, day(2, 7)), Months2To3);
        assert_eq!(current_phase(&plan, Tier::Standard, day(2, 8)), Months2To3);
        assert_eq!(current_phase(&plan, Tier::Standard, day(2, 9)), GoLive);
        // Every task of a phase is due by the end of its phase.
        for t in &plan.tasks {
            assert!(
                current_phase(&plan, Tier::Standard, t.due) <= t.phase,
                "{}",
                t.key
            );
        }
    }

    #[test]
    fn phases_are_stored_as_codes() {
        assert_eq!(serde_json::to_string(&Weeks2To4).unwrap(), r#""weeks_2_4""#);
        assert_eq!(Phase::from_code("post_go_live"), Some(PostGoLive));
        assert_eq!(Phase::ALL.len(), 6);
        assert_eq!(GoLive.label(), Msg::ObPhaseGoLive);
    }

    #[test]
    fn skipped_tasks_leave_and_dependents_inherit_their_dependencies() {
        let mut plan = plan_of(&project("Retail", 10, &[], 42));
        let before = plan.clone();
        apply_playbook(&mut plan, &playbook(&["w2_config", "nope"], &[]));
        assert_eq!(plan.tasks.len(), before.tasks.len() - 1);
        assert!(!keys(&plan).contains(&"w2_config"));
        assert_eq!(
            deps_of(&plan, "w4_first_value"),
            ["w1_environment", "w1_success_plan"]
        );
        assert_eq!(
            deps_of(&plan, "m2_train_admins"),
            ["w1_environment", "w1_success_plan"]
        );
        // Dates do not move.
        for t in &plan.tasks {
            assert_eq!(t.due, due(&before, t.key));
        }
        assert_consistent(&plan);
        // An empty playbook changes nothing.
        let mut same = before.clone();
        apply_playbook(&mut same, &playbook(&[], &[]));
        assert_eq!(same, before);
    }

    #[test]
    fn skipping_a_chain_points_dependents_at_what_is_left() {
        let mut p = project("Insurance", 50, &[System::Sso, System::Erp], 120);
        p.contract_scope = "two subsidiaries".into();
        let mut plan = plan_of(&p);
        let skipped = ["w1_kickoff", "w1_environment", "pk_it_questions", "w2_sso"];
        apply_playbook(&mut plan, &playbook(&skipped, &[]));
        for key in skipped {
            assert!(!keys(&plan).contains(&key));
        }
        assert_eq!(
            deps_of(&plan, "w1_success_plan"),
            ["pk_handoff", "pk_contacts"]
        );
        assert_eq!(deps_of(&plan, "w2_erp"), ["pk_handoff", "pk_contacts"]);
        assert_eq!(
            deps_of(&plan, "w2_config"),
            ["pk_handoff", "pk_contacts", "w1_success_plan"]
        );
        assert!(!deps_of(&plan, "gl_go_no_go").contains(&"w2_sso"));
        assert_consistent(&plan);
    }

    #[test]
    fn added_steps_go_to_the_end_of_their_phase() {
        let mut plan = plan_of(&project("Retail", 10, &[], 42));
        let pb = playbook(
            &["pg_adoption"],
            &[
                ("Data privacy workshop", Weeks2To4),
                ("  data PRIVACY workshop ", Week1),
                ("Executive QBR", PostGoLive),
                (" ", Week1),
            ],
        );
        apply_playbook(&mut plan, &pb);
        let added: Vec<(usize, &str, Phase, NaiveDate)> = plan
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.key == ADDED_TASK)
            .map(|(i, t)| (i, t.title_text(Lang::Zh), t.phase, t.due))
            .collect();
        assert_eq!(
            added,
            vec![
                (7, "Data privacy workshop", Weeks2To4, day(2, 4)),
                (16, "Executive QBR", PostGoLive, day(3, 15)),
            ]
        );
        assert_eq!(keys(&plan)[6], "w4_first_value");
        assert_eq!(plan.tasks[7].owner, Owner::Vendor);
        assert!(plan.tasks[7].deps.is_empty());
        assert_eq!(
            plan.tasks[7].title.text(Lang::En),
            "Step added by the playbook"
        );
        assert_eq!(deps_of(&plan, "pg_handover"), ["pg_hypercare"]);
        assert_consistent(&plan);
        // Applying the same version again adds nothing twice.
        let again = {
            let mut p = plan.clone();
            apply_playbook(&mut p, &pb);
            p
        };
        assert_eq!(again, plan);
    }

    #[test]
    fn a_step_added_to_an_emptied_phase_is_due_with_the_last_earlier_task() {
        let mut plan = plan_of(&project("Retail", 10, &[], 42));
        apply_playbook(
            &mut plan,
            &playbook(
                &[
                    "m2_train_admins",
                    "m2_train_users",
                    "pk_handoff",
                    "pk_contacts",
                ],
                &[
                    ("Pilot group", Months2To3),
                    ("Send welcome pack", PreKickoff),
                ],
            ),
        );
        let names: Vec<&str> = plan.tasks.iter().map(|t| t.title_text(Lang::En)).collect();
        assert_eq!(names[0], "Send welcome pack");
        assert_eq!(plan.tasks[0].due, day(1, 4));
        let pilot = plan.tasks.iter().position(|t| t.is("pilot group")).unwrap();
        assert_eq!(plan.tasks[pilot - 1].key, "w4_first_value");
        assert_eq!(plan.tasks[pilot].due, due(&plan, "w4_first_value"));
        assert_eq!(deps_of(&plan, "w1_kickoff"), [] as [&str; 0]);
        assert_eq!(deps_of(&plan, "gl_go_no_go"), ["w2_config"]);
        assert_consistent(&plan);
    }

    #[test]
    fn added_steps_appear_in_the_csv_and_match_progress_by_name() {
        let mut plan = plan_of(&project("Retail", 10, &[], 42));
        apply_playbook(&mut plan, &playbook(&[], &[("Legal sign-off, EU", GoLive)]));
        let csv = plan_csv(&plan, Lang::Zh);
        assert!(
            csv.contains(
                "\r\nadded,上线,\"Legal sign-off, EU\",我方,已完成并记入进展记录,,2027-02-15\r\n"
            ),
            "{csv}"
        );
        let t = plan.tasks.iter().find(|t| t.key == ADDED_TASK).unwrap();
        assert!(t.is(" legal  SIGN-OFF, eu") && !t.is("added"));
        assert!(plan.tasks[0].is("pk_handoff") && !plan.tasks[0].is("PK_HANDOFF"));
        assert_eq!(milestone_events(&plan, "p1", "Acme", Lang::En).len(), 5);
    }
}
