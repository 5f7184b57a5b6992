//! Onboarding, guided prompt 2, “At-risk onboarding assessment” (seed prompt
//! 进行中的客户引导风险评估): how likely a running onboarding is to fail, how, and what to do in the next two
//! weeks. Owns its form, the prefill from the project's dates and progress, the assessment
//! the rules compute (risk level, likely failure modes, revised milestones; sent as facts)
//! and its built-in drafter.

use chrono::{Duration, NaiveDate};

use crate::domain::cues::{cues, matches, Cues};
use crate::domain::form::{FieldKind, FieldSpec, FormValues};
use crate::domain::onboarding::plan::{business_day, PlanWarning, PlannedTask, MILESTONES};
use crate::domain::onboarding::progress::{closed_tasks, ProgressKind};
use crate::domain::onboarding::risks::{risk_register, Risk, YellowFlag, RISKS};
use crate::domain::onboarding::OnboardingProject;
use crate::domain::time::parse_iso_date;
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::prompts::onboarding::facts::{
    list, local_today, overdue_lines, phase_line, progress_lines, project, sep, table, Computed,
};
use crate::prompts::{
    bullets, example_values, list_item, PromptRequest, PromptSpec, RecordContext,
};

/// The prompt's id, in routes and on its drafts.
pub const ID: &str = "onboarding.at_risk";

const CUSTOMER: FieldSpec =
    FieldSpec::new("customer", Msg::FieldCustomer, FieldKind::Text).required();
const WEEKS: FieldSpec = FieldSpec::new("weeks", Msg::ObAtRiskFieldWeeks, FieldKind::Text);
const GO_LIVE: FieldSpec = FieldSpec::new("go_live", Msg::ObAtRiskFieldGoLive, FieldKind::Text);
const PHASE: FieldSpec = FieldSpec::new("phase", Msg::ObAtRiskFieldPhase, FieldKind::Text);
const DONE: FieldSpec = FieldSpec::new("done", Msg::ObAtRiskFieldDone, FieldKind::LongText);
const BLOCKED: FieldSpec =
    FieldSpec::new("blocked", Msg::ObAtRiskFieldBlocked, FieldKind::LongText).required();
const SIGNALS: FieldSpec =
    FieldSpec::new("signals", Msg::ObAtRiskFieldSignals, FieldKind::LongText)
        .help(Msg::ObAtRiskHelpSignals);

/// The at-risk assessment prompt.
pub const SPEC: PromptSpec = PromptSpec {
    id: ID,
    workspace: Workspace::Onboarding,
    title: Msg::ObAtRiskTitle,
    intro: Msg::ObAtRiskIntro,
    task: Msg::ObAtRiskTask,
    fields: &[CUSTOMER, WEEKS, GO_LIVE, PHASE, DONE, BLOCKED, SIGNALS],
    rules: &[Msg::ObAtRiskRuleLevel, Msg::ObAtRiskRuleDates],
    sections: &[
        Msg::ObAtRiskSectionLevel,
        Msg::ObAtRiskSectionFailure,
        Msg::ObAtRiskSectionRescue,
        Msg::ObAtRiskSectionTimeline,
        Msg::ObAtRiskSectionEscalation,
        Msg::ObAtRiskSectionTalking,
    ],
    word_limit: None,
    email_section: None,
    drafter: draft,
    prefill,
    facts: super::facts::facts,
    example,
};

/// How likely the onboarding is to end in churn or a serious delay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

impl RiskLevel {
    const ALL: [Self; 3] = [Self::Low, Self::Medium, Self::High];

    /// The level's label.
    pub fn label(self) -> Msg {
        match self {
            Self::Low => Msg::ObAtRiskLow,
            Self::Medium => Msg::ObAtRiskMedium,
            Self::High => Msg::ObAtRiskHigh,
        }
    }
}

/// Yellow flags at or above which the risk is high.
const HIGH_FLAGS: usize = 3;

/// The risk level the rules give: **high** when a milestone is slipping, go-live is within
/// two weeks with tasks still open before it, the plan warns that the go-live date cannot
/// hold, or `HIGH_FLAGS` or more yellow flags fire; **medium** when any other yellow flag
/// fires (overdue tasks, no recorded progress, no named owner); **low** otherwise.
pub fn risk_level(flags: &[YellowFlag], warning: Option<PlanWarning>) -> RiskLevel {
    let severe = flags.iter().any(|f| {
        matches!(
            f,
            YellowFlag::MilestoneSlipping { .. } | YellowFlag::GoLiveAtRisk { .. }
        )
    });
    if severe || warning.is_some() || flags.len() >= HIGH_FLAGS {
        RiskLevel::High
    } else if flags.is_empty() {
        RiskLevel::Low
    } else {
        RiskLevel::Medium
    }
}

/// The register risk an overdue task points to, by task key.
const TASK_RISKS: &[(&str, &str)] = &[
    ("pk_contacts", "unclear_ownership"),
    ("pk_security_pack", "security_stall"),
    ("w2_security_review", "security_stall"),
    ("pk_it_questions", "integration_blocked"),
    ("w2_sso", "integration_blocked"),
    ("w2_crm", "integration_blocked"),
    ("w2_dw", "integration_blocked"),
    ("w2_erp", "integration_blocked"),
    ("w2_other", "integration_blocked"),
    ("w2_migration_plan", "migration_slips"),
    ("m2_migration", "migration_slips"),
    ("m2_train_admins", "low_adoption"),
    ("m2_train_users", "low_adoption"),
    ("pg_adoption", "low_adoption"),
    ("w1_entity_map", "entity_divergence"),
    ("m2_entity_rollout", "entity_divergence"),
];

/// The likely failure modes, in register order: the risks that the open overdue tasks point
/// to (`TASK_RISKS`), a champion gone quiet when no progress is recorded, and unclear
/// ownership when a customer contact is not named.
pub fn failure_modes(c: &Computed, overdue: &[&PlannedTask]) -> Vec<Risk> {
    let mut keys: Vec<&str> = overdue
        .iter()
        .filter_map(|t| TASK_RISKS.iter().find(|(k, _)| *k == t.key).map(|r| r.1))
        .collect();
    for flag in &c.flags {
        match flag {
            YellowFlag::NoActivity { .. } => keys.push("champion_leaves"),
            YellowFlag::MissingOwner => keys.push("unclear_ownership"),
            _ => {}
        }
    }
    risk_register(&c.segment)
        .into_iter()
        .filter(|r| keys.contains(&r.key))
        .collect()
}

/// Days the open milestones move: the lateness of the oldest open overdue task, or the days
/// the tier still needs beyond a too-early go-live, whichever is more.
pub fn shift_days(c: &Computed, overdue: &[&PlannedTask]) -> i64 {
    let slip = overdue
        .iter()
        .map(|t| (c.today - t.due).num_days())
        .max()
        .unwrap_or(0);
    let short = match c.plan.warning {
        Some(PlanWarning::TooSoon { earliest }) => (earliest - c.plan.go_live).num_days(),
        _ => 0,
    };
    slip.max(short)
}

/// A risk on one line: title, early warning, mitigation, escalation trigger.
fn risk_line(r: &Risk, lang: Lang) -> String {
    Msg::ObAtRiskFailureLine.fill(
        lang,
        &[
            ("risk", r.title.text(lang)),
            ("signal", r.signal.text(lang)),
            ("mitigation", r.mitigation.text(lang)),
            ("trigger", r.trigger.text(lang)),
        ],
    )
}

/// The assessment as facts: risk level, likely failure modes (when any) and the open
/// milestones re-dated by `shift_days` (when they move).
pub fn assessment_facts(p: &OnboardingProject, c: &Computed, lang: Lang) -> Vec<(Msg, String)> {
    let overdue = c.overdue(p);
    let level = risk_level(&c.flags, c.plan.warning);
    let mut facts = vec![(Msg::ObFactRiskLevel, level.label().text(lang).to_string())];
    let modes = failure_modes(c, &overdue);
    if !modes.is_empty() {
        facts.push((
            Msg::ObFactFailureModes,
            list(modes.iter().map(|r| risk_line(r, lang))),
        ));
    }
    let shift = shift_days(c, &overdue);
    let closed = closed_tasks(p);
    let rows: Vec<Vec<String>> = c
        .plan
        .tasks
        .iter()
        .filter(|t| MILESTONES.contains(&t.key) && !closed.contains(&t.key))
        .map(|t| {
            vec![
                t.title.text(lang).to_string(),
                t.due.to_string(),
                business_day(t.due + Duration::days(shift)).to_string(),
            ]
        })
        .collect();
    if shift > 0 && !rows.is_empty() {
        let header = [Msg::ObColMilestone, Msg::ObColPlanned, Msg::ObColRevised];
        facts.push((
            Msg::ObFactRevised,
            format!(
                "{}\n\n{}",
                Msg::ObFactShift.fill(lang, &[("n", &shift.to_string())]),
                table(&header, &rows, lang)
            ),
        ));
    }
    facts
}

/// The form filled from the project: weeks since kickoff, the target go-live, the current
/// phase from the plan's dates, the tasks recorded done, the open overdue tasks as blocked and
/// the yellow flags as signals. `None` for other records.
pub fn prefill(ctx: &RecordContext, lang: Lang) -> Option<FormValues> {
    let (p, account) = project(ctx)?;
    let c = Computed::new(p, local_today(ctx));
    Some(FormValues::from([
        (
            CUSTOMER.key,
            account.map(|a| a.name.clone()).unwrap_or_default(),
        ),
        (WEEKS.key, c.weeks_since_kickoff().to_string()),
        (GO_LIVE.key, p.go_live_target.to_string()),
        (PHASE.key, phase_line(&c.plan, c.current_phase(), lang)),
        (DONE.key, progress_lines(p, &[ProgressKind::Done], lang)),
        (BLOCKED.key, overdue_lines(&c.overdue(p), lang)),
        (
            SIGNALS.key,
            c.flags
                .iter()
                .map(|f| f.text(lang))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ]))
}

/// The example financial-services project, stalled in its integration weeks, in `lang`.
pub fn example(lang: Lang) -> FormValues {
    example_values(
        lang,
        &[
            (CUSTOMER.key, Msg::ObExCustomer),
            (WEEKS.key, Msg::ObExWeeks),
            (GO_LIVE.key, Msg::ObExGoLive),
            (PHASE.key, Msg::ObExPhase),
            (DONE.key, Msg::ObExDone),
            (BLOCKED.key, Msg::ObExBlocked),
            (SIGNALS.key, Msg::ObExSignals),
        ],
    )
}

/// Cue words in the blocked and signals fields pointing to each register risk.
const SIGNAL_CUES: &[(&str, Cues)] = &[
    (
        "security_stall",
        cues![
            "security",
            "questionnaire",
            "infosec",
            "pen test*",
            "安全",
            "问卷",
        ],
    ),
    (
        "champion_leaves",
        cues![
            "sponsor",
            "champion",
            "silent",
            "silence",
            "resign*",
            "went quiet",
            "发起人",
            "联络人",
            "沉默",
            "离职",
            "失联",
        ],
    ),
    (
        "unclear_ownership",
        cues!["owner*", "nobody", "responsib*", "负责人", "没人", "职责"],
    ),
    (
        "low_adoption",
        cues![
            "training",
            "attendance",
            "adoption",
            "log in*",
            "login*",
            "培训",
            "出席",
            "采用",
            "使用率",
        ],
    ),
    (
        "migration_slips",
        cues!["migrat*", "mapping", "data load", "迁移", "映射"],
    ),
    (
        "integration_blocked",
        cues![
            "integration*",
            "api",
            "access",
            "credential*",
            "allow-list",
            "sso",
            "集成",
            "权限",
            "接口",
            "白名单",
        ],
    ),
    (
        "compliance_scope",
        cues!["compliance", "audit*", "regulat*", "合规", "审计", "监管"],
    ),
    (
        "entity_divergence",
        cues!["entity", "entities", "subsidiar*", "子公司", "实体"],
    ),
];

/// What to do now about each register risk (its mitigation is what prevents it).
const RESCUE: &[(&str, Msg)] = &[
    ("security_stall", Msg::ObAtRiskRescueSecurity),
    ("champion_leaves", Msg::ObAtRiskRescueChampion),
    ("unclear_ownership", Msg::ObAtRiskRescueOwnership),
    ("low_adoption", Msg::ObAtRiskRescueAdoption),
    ("migration_slips", Msg::ObAtRiskRescueMigration),
    ("integration_blocked", Msg::ObAtRiskRescueIntegration),
    ("compliance_scope", Msg::ObAtRiskRescueCompliance),
    ("entity_divergence", Msg::ObAtRiskRescueEntities),
];

/// The rescue action of a risk; its mitigation for a risk without one.
fn rescue_action(r: &Risk) -> Msg {
    RESCUE
        .iter()
        .find(|(k, _)| *k == r.key)
        .map_or(r.mitigation, |(_, m)| *m)
}

/// Signals that make the risk high on their own: the sponsor or champion gone, or a threat to
/// cancel.
const HIGH_CUES: Cues = cues![
    "silent",
    "went quiet",
    "resign*",
    "left the company",
    "cancel*",
    "churn*",
    "terminat*",
    "沉默",
    "离职",
    "失联",
    "解约",
    "流失",
    "不续约",
];

/// The date `n` business days after `today` (weekends skipped), or "Day n" when today is
/// not known.
fn on_day(today: Option<NaiveDate>, n: i64, lang: Lang) -> String {
    match today {
        Some(mut day) => {
            for _ in 0..n {
                day = business_day(day + Duration::days(1));
            }
            day.to_string()
        }
        None => Msg::PlanDay.fill(lang, &[("n", &n.to_string())]),
    }
}

/// The draft. The level is the rules' (fact `ObFactRiskLevel`), raised to medium when the
/// form reports blockers and to high when a signal says the sponsor or champion left or went
/// silent, or that the customer threatens to cancel (`HIGH_CUES`); without the fact and
/// without blockers or signals it is "to be confirmed". The failure modes are the rules' and
/// those the form's words point to (`SIGNAL_CUES`), in register order.
fn draft(req: &PromptRequest) -> Vec<String> {
    let lang = req.lang;
    let blocked = bullets(req.value(&BLOCKED));
    let signals = bullets(req.value(&SIGNALS));
    let flags = req
        .fact(Msg::ObFactYellowFlags)
        .filter(|f| f.trim() != req.text(Msg::NoSignals))
        .map(bullets)
        .unwrap_or_default();
    let said = format!("{blocked}\n{signals}").to_ascii_lowercase();
    let computed = req.fact(Msg::ObFactRiskLevel).and_then(|v| {
        RiskLevel::ALL
            .into_iter()
            .find(|l| l.label().text(lang) == v.trim())
    });
    let mut level = computed;
    if !blocked.is_empty() {
        level = level.max(Some(RiskLevel::Medium));
    }
    if HIGH_CUES.iter().any(|c| matches(&said, c)) {
        level = Some(RiskLevel::High);
    }
    let today = req.fact(Msg::ObFactToday).and_then(parse_iso_date);
    let sponsor = req.fact(Msg::FieldExecSponsor).map_or_else(
        || req.text(Msg::ObAtRiskTheSponsor).to_string(),
        str::to_string,
    );
    let pm = req
        .fact(Msg::FieldCustomerPm)
        .map_or_else(|| req.text(Msg::ObAtRiskThePm).to_string(), str::to_string);

    // Risk level, with the reasons behind it and the rule.
    let mut why: Vec<String> = Vec::new();
    why.push(flags.clone());
    if let Some(w) = req.fact_item(Msg::ObFactPlanWarning) {
        why.push(w);
    }
    why.push(match blocked.as_str() {
        "" => req.field_line(&BLOCKED),
        b => list_item(lang, req.text(BLOCKED.label), b),
    });
    // Signals the yellow flags above do not already say.
    let own: Vec<&str> = signals.lines().filter(|l| !flags.contains(*l)).collect();
    if !own.is_empty() {
        why.push(list_item(lang, req.text(SIGNALS.label), &own.join("\n")));
    }
    why.retain(|w| !w.is_empty());
    let level_text = level.map_or(Msg::PromptSeverityTbc, RiskLevel::label);
    let level_section = format!(
        "{}\n\n{}\n\n{}",
        Msg::ObAtRiskLevelIs.fill(lang, &[("level", req.text(level_text))]),
        why.join("\n"),
        req.text(Msg::ObAtRiskRule)
    );

    // Failure modes: the rules' and those the form's words point to.
    let from_rules = req.fact(Msg::ObFactFailureModes).unwrap_or("");
    let modes: Vec<&Risk> = RISKS
        .iter()
        .filter(|r| {
            from_rules.contains(r.title.text(lang))
                || SIGNAL_CUES
                    .iter()
                    .any(|(k, cues)| *k == r.key && cues.iter().any(|c| matches(&said, c)))
        })
        .collect();
    let failure = if modes.is_empty() {
        req.text(Msg::ObAtRiskFailureNone).to_string()
    } else {
        format!(
            "{}\n\n{}",
            req.text(Msg::ObAtRiskFailureIntro),
            list(modes.iter().map(|r| risk_line(r, lang)))
        )
    };

    // Rescue actions over the next two weeks, dated.
    let mut rescue = vec![
        Msg::ObAtRiskRescueOwners.fill(lang, &[("date", &on_day(today, 1, lang)), ("pm", &pm)])
    ];
    if !blocked.is_empty() {
        rescue[0].push('\n');
        rescue[0].push_str(
            &blocked
                .lines()
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    for (i, r) in modes.iter().take(3).enumerate() {
        rescue.push(Msg::ObAtRiskRescueMode.fill(
            lang,
            &[
                ("date", &on_day(today, 2 + i as i64, lang)),
                ("action", req.text(rescue_action(r))),
            ],
        ));
    }
    for (days, msg) in [
        (5, Msg::ObAtRiskRescueReplan),
        (7, Msg::ObAtRiskRescueCheck),
        (10, Msg::ObAtRiskRescueReview),
    ] {
        rescue.push(msg.fill(
            lang,
            &[("date", &on_day(today, days, lang)), ("sponsor", &sponsor)],
        ));
    }
    let rescue = list(rescue.into_iter());

    // Revised timeline: the rules' re-dated milestones, or the plan as it stands.
    let go_live = req.inline_or_missing(&GO_LIVE);
    let timeline = match req.fact(Msg::ObFactRevised) {
        Some(t) => format!(
            "{t}\n\n{}",
            Msg::ObAtRiskTimelineNote.fill(lang, &[("go_live", &go_live)])
        ),
        None if req.fact(Msg::ObFactToday).is_some() => {
            Msg::ObAtRiskOnTrack.fill(lang, &[("go_live", &go_live)])
        }
        None => req.text(Msg::ObFactsMissing).to_string(),
    };

    // Escalation advice by level.
    let escalation = match level {
        Some(RiskLevel::High) => Msg::ObAtRiskEscalateHigh,
        Some(RiskLevel::Low) => Msg::ObAtRiskEscalateLow,
        _ => Msg::ObAtRiskEscalateMedium,
    }
    .fill(
        lang,
        &[
            ("sponsor", &sponsor),
            ("pm", &pm),
            (
                "date",
                &on_day(
                    today,
                    if level == Some(RiskLevel::High) { 2 } else { 7 },
                    lang,
                ),
            ),
        ],
    );

    // Talking points for the next customer call.
    // A list field's items on one line, or what to add.
    let items = |field: &FieldSpec| match bullets(req.value(field)) {
        b if b.is_empty() => req.missing(field),
        b => b
            .lines()
            .map(|l| l.trim_start_matches("- "))
            .collect::<Vec<_>>()
            .join(sep(lang)),
    };
    let done = items(&DONE);
    let talking = list(
        [
            Msg::ObAtRiskTalkDone.fill(lang, &[("done", &done)]),
            Msg::ObAtRiskTalkPlain.fill(lang, &[("blocked", &items(&BLOCKED))]),
            Msg::ObAtRiskTalkPlan.fill(lang, &[("date", &on_day(today, 5, lang))]),
            Msg::ObAtRiskTalkAsk.fill(lang, &[("sponsor", &sponsor)]),
            Msg::ObAtRiskTalkNext.fill(lang, &[("date", &on_day(today, 7, lang))]),
        ]
        .into_iter(),
    );
    vec![
        level_section,
        failure,
        rescue,
        timeline,
        escalation,
        talking,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::onboarding::plan::Phase;
    use crate::domain::record::AnyRecord;
    use crate::prompts::escalation::facts::tests::{draft_of, headings_in_order, section};
    use crate::prompts::onboarding::facts::tests::{
        accounts, computed, context, day, fact, now, project, sample_facts,
    };

    fn form(lang: Lang) -> FormValues {
        let record = AnyRecord::Onboarding(project());
        prefill(&context(&record, &accounts()), lang).unwrap()
    }

    #[test]
    fn prefill_takes_weeks_phase_done_and_blocked_from_progress() {
        let c = computed();
        let p = project();
        for lang in Lang::ALL {
            let form = form(lang);
            assert_eq!(form.len(), SPEC.fields.len());
            assert_eq!(form["customer"], "Northwind Securities");
            assert_eq!(form["weeks"], "4");
            assert_eq!(form["go_live"], "2027-04-30");
            assert_eq!(form["phase"], phase_line(&c.plan, Phase::Weeks2To4, lang));
            assert!(form["phase"].starts_with(Phase::Weeks2To4.label().text(lang)));
            let done: Vec<&str> = form["done"].lines().collect();
            assert_eq!(done.len(), 4);
            assert!(done[3].ends_with(Msg::ObTaskKickoff.text(lang)));
            let overdue = c.overdue(&p);
            assert_eq!(form["blocked"].lines().count(), overdue.len());
            for t in overdue {
                assert!(form["blocked"].contains(t.title.text(lang)), "{}", t.key);
            }
            for f in &c.flags {
                assert!(form["signals"].contains(&f.text(lang)));
            }
        }
        let record = AnyRecord::Account(Account::new("a1".into(), now()));
        assert!(prefill(&context(&record, &accounts()), Lang::En).is_none());
    }

    #[test]
    fn the_level_follows_the_stated_rule() {
        use YellowFlag::*;
        let warn = Some(PlanWarning::TooSoon {
            earliest: day(2027, 5, 1),
        });
        assert_eq!(risk_level(&[], None), RiskLevel::Low);
        assert_eq!(risk_level(&[MissingOwner], None), RiskLevel::Medium);
        assert_eq!(
            risk_level(&[TasksOverdue { count: 2 }, NoActivity { days: 12 }], None),
            RiskLevel::Medium
        );
        assert_eq!(risk_level(&[], warn), RiskLevel::High);
        assert_eq!(
            risk_level(&[MilestoneSlipping { key: "w1_kickoff" }], None),
            RiskLevel::High
        );
        assert_eq!(
            risk_level(&[GoLiveAtRisk { open: 1 }], None),
            RiskLevel::High
        );
        assert_eq!(
            risk_level(
                &[
                    TasksOverdue { count: 1 },
                    NoActivity { days: 10 },
                    MissingOwner
                ],
                None
            ),
            RiskLevel::High
        );
    }

    #[test]
    fn facts_carry_the_level_failure_modes_and_revised_milestones() {
        let c = computed();
        let p = project();
        let overdue = c.overdue(&p);
        // The oldest open overdue task, "Set up the tenant", was due 2027-01-07: 27 days late.
        assert_eq!(overdue[0].due, day(2027, 1, 7));
        assert_eq!(shift_days(&c, &overdue), 27);
        let keys: Vec<&str> = failure_modes(&c, &overdue).iter().map(|r| r.key).collect();
        assert_eq!(
            keys,
            vec![
                "security_stall",
                "champion_leaves",
                "unclear_ownership",
                "migration_slips",
                "integration_blocked"
            ]
        );
        let en = sample_facts(Lang::En);
        assert_eq!(
            fact(&en, Msg::ObFactRiskLevel),
            Some(risk_level(&c.flags, c.plan.warning).label().text(Lang::En))
        );
        assert_eq!(fact(&en, Msg::ObFactRiskLevel), Some("High"));
        let revised = fact(&en, Msg::ObFactRevised).unwrap();
        assert!(revised.starts_with("27 days later than planned"));
        let launch = c.plan.tasks.iter().find(|t| t.key == "gl_launch").unwrap();
        let moved = business_day(launch.due + Duration::days(27));
        assert!(revised.contains(&format!("| Go live | {} | {moved} |", launch.due)));
        assert!(
            !revised.contains(Msg::ObTaskKickoff.text(Lang::En)),
            "done milestones stay"
        );
    }

    #[test]
    fn a_project_on_track_is_low_with_no_revision() {
        let mut p = project();
        p.customer_pm = "Priya Nair".into();
        let c = Computed::new(&p, day(2027, 1, 5));
        assert_eq!(c.flags, vec![]);
        assert_eq!(risk_level(&c.flags, c.plan.warning), RiskLevel::Low);
        let facts = assessment_facts(&p, &c, Lang::En);
        assert_eq!(facts, vec![(Msg::ObFactRiskLevel, "Low".to_string())]);
    }

    #[test]
    fn english_draft_has_the_level_modes_dated_actions_and_timeline() {
        let facts = sample_facts(Lang::En);
        let text = draft_of(&SPEC, &form(Lang::En), &facts, Lang::En);
        assert!(headings_in_order(&SPEC, &text, Lang::En), "{text}");
        let level = section(&text, Msg::ObAtRiskSectionLevel, Lang::En);
        assert!(
            level.starts_with("Risk of churn or serious delay: **High**."),
            "{level}"
        );
        for f in computed().flags {
            assert!(level.contains(&format!("- {}", f.text(Lang::En))), "{f:?}");
        }
        let failure = section(&text, Msg::ObAtRiskSectionFailure, Lang::En);
        assert!(failure.contains("IT security review stalls"));
        assert!(failure.contains(Msg::ObMitigateSecurity.text(Lang::En)));
        let rescue = section(&text, Msg::ObAtRiskSectionRescue, Lang::En);
        // Today is Wednesday 2027-02-03: day 1 is the 4th, day 14 the 17th.
        assert!(rescue.starts_with("- 2027-02-04: "), "{rescue}");
        assert!(rescue.contains("- 2027-02-17: "));
        assert!(rescue.contains("Set up the tenant and admin accounts"));
        // The most likely failure mode's rescue action comes on day 2 (Friday the 5th).
        assert!(rescue.contains(&format!(
            "- 2027-02-05: {}",
            Msg::ObAtRiskRescueSecurity.text(Lang::En)
        )));
        let blocked = &rescue[rescue.find('\n').unwrap()..];
        assert!(blocked.find("due 2027-01-07").unwrap() < blocked.find("due 2027-01-18").unwrap());
        let timeline = section(&text, Msg::ObAtRiskSectionTimeline, Lang::En);
        assert!(timeline.starts_with(fact(&facts, Msg::ObFactRevised).unwrap()));
        let escalation = section(&text, Msg::ObAtRiskSectionEscalation, Lang::En);
        assert!(escalation.contains("Maria Chen") && escalation.contains("2027-02-05"));
        let talking = section(&text, Msg::ObAtRiskSectionTalking, Lang::En);
        assert!(talking.contains(Msg::ObTaskKickoff.text(Lang::En)));
    }

    #[test]
    fn chinese_draft_is_complete_and_in_chinese() {
        let facts = sample_facts(Lang::Zh);
        let text = draft_of(&SPEC, &form(Lang::Zh), &facts, Lang::Zh);
        assert!(headings_in_order(&SPEC, &text, Lang::Zh), "{text}");
        assert!(section(&text, Msg::ObAtRiskSectionLevel, Lang::Zh).contains("**高**"));
        assert!(section(&text, Msg::ObAtRiskSectionFailure, Lang::Zh).contains("IT 安全审查搁置"));
        assert!(section(&text, Msg::ObAtRiskSectionRescue, Lang::Zh).contains("2027-02-04"));
        assert!(section(&text, Msg::ObAtRiskSectionTimeline, Lang::Zh).contains("正式上线"));
        assert!(!text.contains("Risk level"));
    }

    #[test]
    fn the_form_raises_the_level_and_names_failure_modes() {
        let mut p = project();
        p.customer_pm = "Priya Nair".into();
        p.progress.clear();
        let c = Computed::new(&p, day(2026, 12, 20));
        assert_eq!(c.flags, vec![]);
        let facts = assessment_facts(&p, &c, Lang::En);
        let mut form = example(Lang::En);
        let low = draft_of(&SPEC, &FormValues::new(), &facts, Lang::En);
        assert!(low.contains("**Low**"));
        form.insert("signals", "Training attendance is 40%".into());
        let medium = draft_of(&SPEC, &form, &facts, Lang::En);
        assert!(medium.contains("**Medium**"), "blockers raise it");
        assert!(section(&medium, Msg::ObAtRiskSectionFailure, Lang::En).contains("Low adoption"));
        form.insert("signals", "The exec sponsor went quiet".into());
        let high = draft_of(&SPEC, &form, &facts, Lang::En);
        assert!(high.contains("**High**"));
        assert!(section(&high, Msg::ObAtRiskSectionFailure, Lang::En)
            .contains("Champion leaves or goes quiet"));
    }

    #[test]
    fn without_facts_the_draft_says_what_is_missing() {
        let text = draft_of(&SPEC, &FormValues::new(), &[], Lang::En);
        assert!(text.contains("**to be confirmed**"));
        assert!(text.contains("Day 1"));
        assert!(section(&text, Msg::ObAtRiskSectionTimeline, Lang::En)
            .contains(Msg::ObFactsMissing.text(Lang::En)));
        assert!(text.contains("add “Blocked or delayed” to the form"));
    }
}
