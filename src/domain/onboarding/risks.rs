//! The onboarding risk register (common and tier-specific risks, each with its early-warning
//! signal, mitigation and escalation trigger) and the yellow-flag check of a running project
//! from its plan, recorded progress and dates. Pure: `today` is passed in.

use chrono::NaiveDate;

use crate::domain::onboarding::plan::{
    applies, task_title, Need, Phase, Plan, PlannedTask, MILESTONES,
};
use crate::domain::onboarding::progress::{closed_tasks, last_activity};
use crate::domain::onboarding::rules::Segment;
use crate::domain::onboarding::OnboardingProject;
use crate::i18n::{Lang, Msg};

/// A failure mode to watch, with what to look for and what to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Risk {
    /// Stable key.
    pub key: &'static str,
    pub title: Msg,
    /// The early-warning signal.
    pub signal: Msg,
    pub mitigation: Msg,
    /// When to escalate, and to whom.
    pub trigger: Msg,
    need: Need,
}

const fn risk(
    key: &'static str,
    title: Msg,
    signal: Msg,
    mitigation: Msg,
    trigger: Msg,
    need: Need,
) -> Risk {
    Risk {
        key,
        title,
        signal,
        mitigation,
        trigger,
        need,
    }
}

/// The register: common risks first, then those that apply to some projects only.
#[rustfmt::skip]
pub const RISKS: &[Risk] = &[
    risk("security_stall", Msg::ObRiskSecurity, Msg::ObSignalSecurity, Msg::ObMitigateSecurity, Msg::ObTriggerSecurity, Need::Always),
    risk("champion_leaves", Msg::ObRiskChampion, Msg::ObSignalChampion, Msg::ObMitigateChampion, Msg::ObTriggerChampion, Need::Always),
    risk("unclear_ownership", Msg::ObRiskOwnership, Msg::ObSignalOwnership, Msg::ObMitigateOwnership, Msg::ObTriggerOwnership, Need::Always),
    risk("low_adoption", Msg::ObRiskAdoption, Msg::ObSignalAdoption, Msg::ObMitigateAdoption, Msg::ObTriggerAdoption, Need::Always),
    risk("migration_slips", Msg::ObRiskMigration, Msg::ObSignalMigration, Msg::ObMitigateMigration, Msg::ObTriggerMigration, Need::NotStandard),
    risk("integration_blocked", Msg::ObRiskIntegration, Msg::ObSignalIntegration, Msg::ObMitigateIntegration, Msg::ObTriggerIntegration, Need::AnySystem),
    risk("compliance_scope", Msg::ObRiskCompliance, Msg::ObSignalCompliance, Msg::ObMitigateCompliance, Msg::ObTriggerCompliance, Need::Regulated),
    risk("entity_divergence", Msg::ObRiskEntities, Msg::ObSignalEntities, Msg::ObMitigateEntities, Msg::ObTriggerEntities, Need::Entities),
];

/// The risks that apply to the segmented project, in register order.
pub fn risk_register(segment: &Segment) -> Vec<Risk> {
    RISKS
        .iter()
        .filter(|r| applies(r.need, segment))
        .copied()
        .collect()
}

/// Days without any recorded progress after which a running project is flagged.
pub const NO_ACTIVITY_DAYS: i64 = 10;
/// Days before go-live from which open pre-go-live tasks are flagged.
pub const GO_LIVE_WATCH_DAYS: i64 = 14;

/// A warning sign on a running project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YellowFlag {
    /// Open tasks past their due date.
    TasksOverdue { count: usize },
    /// A milestone past its due date and not done.
    MilestoneSlipping { key: &'static str },
    /// No progress recorded for this many days.
    NoActivity { days: i64 },
    /// Go-live is near and this many tasks before it are still open.
    GoLiveAtRisk { open: usize },
    /// The exec sponsor, technical lead or customer PM is not named.
    MissingOwner,
}

impl YellowFlag {
    /// The flag as a short sentence.
    pub fn text(self, lang: Lang) -> String {
        match self {
            Self::TasksOverdue { count } => {
                Msg::ObYellowOverdue.fill(lang, &[("n", &count.to_string())])
            }
            Self::MilestoneSlipping { key } => {
                let task = task_title(key).map_or(key, |m| m.text(lang));
                Msg::ObYellowMilestone.fill(lang, &[("task", task)])
            }
            Self::NoActivity { days } => Msg::ObYellowQuiet.fill(lang, &[("n", &days.to_string())]),
            Self::GoLiveAtRisk { open } => {
                Msg::ObYellowGoLive.fill(lang, &[("n", &open.to_string())])
            }
            Self::MissingOwner => Msg::ObYellowOwner.text(lang).to_string(),
        }
    }
}

/// The yellow flags that fire on `project` with `plan` as of `today`, in the order above.
/// Nothing fires before kickoff except a missing owner.
pub fn yellow_flags(project: &OnboardingProject, plan: &Plan, today: NaiveDate) -> Vec<YellowFlag> {
    let mut flags = Vec::new();
    let closed = closed_tasks(project);
    let open = |t: &PlannedTask| !closed.iter().any(|c| t.is(c));
    if today >= plan.kickoff {
        let overdue: Vec<&'static str> = plan
            .tasks
            .iter()
            .filter(|t| t.due < today && open(t))
            .map(|t| t.key)
            .collect();
        if !overdue.is_empty() {
            flags.push(YellowFlag::TasksOverdue {
                count: overdue.len(),
            });
        }
        for key in overdue.iter().filter(|k| MILESTONES.contains(k)) {
            flags.push(YellowFlag::MilestoneSlipping { key });
        }
        let since = last_activity(project).map_or(plan.kickoff, |d| d.max(plan.kickoff));
        let days = (today - since).num_days();
        if days >= NO_ACTIVITY_DAYS {
            flags.push(YellowFlag::NoActivity { days });
        }
        let to_go_live = (plan.go_live - today).num_days();
        let pending = plan
            .tasks
            .iter()
            .filter(|t| t.phase < Phase::GoLive && open(t))
            .count();
        if (0..=GO_LIVE_WATCH_DAYS).contains(&to_go_live) && pending > 0 {
            flags.push(YellowFlag::GoLiveAtRisk { open: pending });
        }
    }
    if [
        &project.exec_sponsor,
        &project.technical_lead,
        &project.customer_pm,
    ]
    .iter()
    .any(|s| s.trim().is_empty())
    {
        flags.push(YellowFlag::MissingOwner);
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::onboarding::plan::build_plan;
    use crate::domain::onboarding::progress::{ProgressEntry, ProgressKind};
    use crate::domain::onboarding::rules::segment;
    use crate::domain::onboarding::rules::tests::{day, project};
    use crate::domain::onboarding::System;

    fn keys(segment: &Segment) -> Vec<&'static str> {
        risk_register(segment).iter().map(|r| r.key).collect()
    }

    #[test]
    fn register_has_the_common_risks_for_everyone() {
        let s = segment(&project("Retail", 10, &[], 40), &[], day(1, 1));
        assert_eq!(
            keys(&s),
            vec![
                "security_stall",
                "champion_leaves",
                "unclear_ownership",
                "low_adoption"
            ]
        );
    }

    #[test]
    fn register_adds_tier_specific_risks() {
        let mut p = project("Banking", 10, &[System::Erp], 200);
        p.contract_scope = "group-wide, 5 subsidiaries".into();
        let k = keys(&segment(&p, &[], day(1, 1)));
        assert_eq!(k.len(), 8);
        assert!(k.ends_with(&[
            "migration_slips",
            "integration_blocked",
            "compliance_scope",
            "entity_divergence"
        ]));
        let complex = segment(&project("Retail", 2000, &[], 80), &[], day(1, 1));
        assert_eq!(keys(&complex)[4..], ["migration_slips"]);
    }

    #[test]
    fn every_risk_has_four_distinct_texts_in_both_languages() {
        for r in RISKS {
            for lang in Lang::ALL {
                let texts = [r.title, r.signal, r.mitigation, r.trigger].map(|m| m.text(lang));
                assert!(
                    texts
                        .iter()
                        .enumerate()
                        .all(|(i, t)| !texts[..i].contains(t)),
                    "{}",
                    r.key
                );
            }
        }
    }

    #[test]
    fn flags_read_well_in_both_languages() {
        let cases = [
            (
                YellowFlag::TasksOverdue { count: 4 },
                "Tasks overdue: 4",
                "逾期任务：4 项",
            ),
            (
                YellowFlag::MilestoneSlipping { key: "gl_launch" },
                "Milestone slipping: Go live",
                "里程碑滑坡：正式上线",
            ),
            (
                YellowFlag::GoLiveAtRisk { open: 2 },
                "Go-live within 2 weeks, 2 tasks open before it",
                "2 周内上线，之前仍有 2 项任务未完成",
            ),
        ];
        for (flag, en, zh) in cases {
            assert_eq!(
                (flag.text(Lang::En).as_str(), flag.text(Lang::Zh).as_str()),
                (en, zh)
            );
        }
    }

    fn owned(mut p: OnboardingProject) -> OnboardingProject {
        p.exec_sponsor = "Li Wei".into();
        p.technical_lead = "Sam".into();
        p.customer_pm = "Ana".into();
        p
    }

    fn entry(task: &str, kind: ProgressKind, m: u32, d: u32) -> ProgressEntry {
        ProgressEntry {
            task: task.into(),
            kind,
            date: day(m, d),
            note: String::new(),
            phase: None,
        }
    }

    fn flags_on(p: &OnboardingProject, today: NaiveDate) -> Vec<YellowFlag> {
        let plan = build_plan(p, &segment(p, &[], day(1, 1)), day(1, 1));
        yellow_flags(p, &plan, today)
    }

    #[test]
    fn a_project_on_track_has_no_flags() {
        // Standard, kickoff Mon 4 Jan, go-live 15 Feb; on 6 Jan only pre-kickoff and kickoff are due.
        let mut p = owned(project("Retail", 10, &[], 42));
        p.progress = vec![
            entry("pk_handoff", ProgressKind::Done, 1, 1),
            entry("pk_contacts", ProgressKind::Skipped, 1, 2),
            entry("w1_kickoff", ProgressKind::Done, 1, 4),
        ];
        assert_eq!(flags_on(&p, day(1, 6)), vec![]);
    }

    #[test]
    fn overdue_tasks_and_slipping_milestones_fire() {
        let mut p = owned(project("Retail", 10, &[], 42));
        p.progress = vec![entry("pk_handoff", ProgressKind::Done, 1, 1)];
        // On 6 Jan pk_contacts (28 Dec) and w1_kickoff (4 Jan) are overdue.
        assert_eq!(
            flags_on(&p, day(1, 6)),
            vec![
                YellowFlag::TasksOverdue { count: 2 },
                YellowFlag::MilestoneSlipping { key: "w1_kickoff" }
            ]
        );
        assert_eq!(
            YellowFlag::MilestoneSlipping { key: "w1_kickoff" }.text(Lang::En),
            "Milestone slipping: Hold the kickoff meeting"
        );
    }

    #[test]
    fn a_stalled_project_fires_every_flag_it_earns() {
        // Standard, go-live Mon 15 Feb, nothing recorded; on Wed 10 Feb ten tasks are overdue
        // (up to the go/no-go on 8 Feb), three of them milestones; nine pre-go-live tasks open.
        let p = owned(project("Retail", 10, &[], 42));
        assert_eq!(
            flags_on(&p, day(2, 10)),
            vec![
                YellowFlag::TasksOverdue { count: 10 },
                YellowFlag::MilestoneSlipping { key: "w1_kickoff" },
                YellowFlag::MilestoneSlipping {
                    key: "w4_first_value"
                },
                YellowFlag::MilestoneSlipping { key: "gl_go_no_go" },
                YellowFlag::NoActivity { days: 37 },
                YellowFlag::GoLiveAtRisk { open: 9 },
            ]
        );
    }

    #[test]
    fn no_activity_counts_from_the_last_entry_or_kickoff() {
        let mut p = owned(project("Retail", 10, &[], 90));
        p.progress = vec![entry("pk_handoff", ProgressKind::Done, 1, 4)];
        let quiet = |p: &OnboardingProject, today| {
            flags_on(p, today)
                .into_iter()
                .filter(|f| matches!(f, YellowFlag::NoActivity { .. }))
                .collect::<Vec<_>>()
        };
        assert_eq!(quiet(&p, day(1, 13)), vec![]);
        assert_eq!(
            quiet(&p, day(1, 14)),
            vec![YellowFlag::NoActivity { days: 10 }]
        );
        p.progress.clear();
        assert_eq!(
            quiet(&p, day(1, 15)),
            vec![YellowFlag::NoActivity { days: 11 }]
        );
        assert_eq!(
            YellowFlag::NoActivity { days: 11 }.text(Lang::Zh),
            "已 11 天没有进展记录"
        );
    }

    #[test]
    fn near_go_live_open_work_is_flagged() {
        let mut p = owned(project("Retail", 10, &[], 42));
        let before: Vec<&str> = vec![
            "pk_handoff",
            "pk_contacts",
            "w1_kickoff",
            "w1_environment",
            "w1_success_plan",
            "w2_config",
            "w4_first_value",
            "m2_train_admins",
        ];
        p.progress = before
            .iter()
            .map(|k| entry(k, ProgressKind::Done, 2, 3))
            .collect();
        // 15 Feb go-live; on 3 Feb (12 days before) m2_train_users is still open.
        let f = flags_on(&p, day(2, 3));
        assert!(f.contains(&YellowFlag::GoLiveAtRisk { open: 1 }), "{f:?}");
        p.progress
            .push(entry("m2_train_users", ProgressKind::Done, 2, 3));
        assert_eq!(flags_on(&p, day(2, 3)), vec![]);
        // 16 days before go-live nothing about go-live fires.
        p.progress.pop();
        assert!(!flags_on(&p, day(1, 30))
            .iter()
            .any(|f| matches!(f, YellowFlag::GoLiveAtRisk { .. })));
    }

    #[test]
    fn missing_owner_fires_even_before_kickoff() {
        let p = project("Retail", 10, &[], 42);
        assert_eq!(flags_on(&p, day(1, 1)), vec![YellowFlag::MissingOwner]);
        assert_eq!(flags_on(&owned(p), day(1, 1)), vec![]);
    }

    #[test]
    fn a_step_added_by_the_playbook_closes_by_its_name() {
        use crate::domain::onboarding::plan::apply_playbook;
        use crate::domain::onboarding::Playbook;
        let mut p = owned(project("Retail", 10, &[], 42));
        p.progress = vec![
            entry("pk_handoff", ProgressKind::Done, 1, 4),
            entry("pk_contacts", ProgressKind::Done, 1, 4),
        ];
        let mut plan = build_plan(&p, &segment(&p, &[], day(1, 1)), day(1, 1));
        let pb: Playbook = serde_json::from_str(
            r#"{"id":"pb","name":"n","version":2,"created_at":"2026-11-01T08:00:00Z","added_steps":[{"name":"Welcome pack","phase":"pre_kickoff"}]}"#,
        )
        .unwrap();
        apply_playbook(&mut plan, &pb);
        // The added step is due with the last pre-kickoff task (31 Dec) and still open.
        assert_eq!(
            yellow_flags(&p, &plan, day(1, 4)),
            vec![YellowFlag::TasksOverdue { count: 1 }]
        );
        p.progress
            .push(entry("welcome  PACK", ProgressKind::Done, 1, 4));
        assert_eq!(yellow_flags(&p, &plan, day(1, 4)), vec![]);
    }
}
