//! Onboarding progress and learning: the dated task entries stored on a project (done,
//! skipped, changed, added), the retrospective record, per-playbook statistics of skipped,
//! changed and added steps, the customisations proposed for the base playbook, and the Home
//! lines for projects that need attention. Pure: `today` is passed in.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::onboarding::plan::{build_plan, task_title, Phase};
use crate::domain::onboarding::risks::yellow_flags;
use crate::domain::onboarding::rules::segment;
use crate::domain::onboarding::{AddedStep, OnboardingProject};
use crate::domain::parse::name_key;
use crate::domain::record::AccountIndex;
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};

coded_enum!(
    /// What happened to a task.
    ProgressKind, PROGRESS_KIND_CHOICES {
        Done => "done", ObProgressDone;
        Skipped => "skipped", ObProgressSkipped;
        Changed => "changed", ObProgressChanged;
        Added => "added", ObProgressAdded;
    }
);

/// One dated progress entry on a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressEntry {
    /// The template task key, or the name of a task added by hand.
    pub task: String,
    pub kind: ProgressKind,
    pub date: NaiveDate,
    /// What changed, or why.
    #[serde(default)]
    pub note: String,
    /// The phase an added task belongs to (none for template tasks).
    #[serde(default)]
    pub phase: Option<Phase>,
}

/// The post-onboarding retrospective.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retrospective {
    pub date: NaiveDate,
    #[serde(default)]
    pub went_well: String,
    #[serde(default)]
    pub lessons: String,
}

/// Keys of tasks recorded as done or skipped.
pub fn closed_tasks(project: &OnboardingProject) -> Vec<&str> {
    project
        .progress
        .iter()
        .filter(|e| matches!(e.kind, ProgressKind::Done | ProgressKind::Skipped))
        .map(|e| e.task.as_str())
        .collect()
}

/// The steps this project added to its plan, each in the phase recorded with it (weeks 2–4
/// when none was).
pub fn added_steps(project: &OnboardingProject) -> Vec<AddedStep> {
    project
        .progress
        .iter()
        .filter(|e| e.kind == ProgressKind::Added)
        .map(|e| AddedStep {
            name: e.task.clone(),
            phase: e.phase.unwrap_or(Phase::Weeks2To4),
        })
        .collect()
}

/// The date of the latest progress entry.
pub fn last_activity(project: &OnboardingProject) -> Option<NaiveDate> {
    project.progress.iter().map(|e| e.date).max()
}

/// How many projects of a playbook skipped, changed or added one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepStat {
    /// The task key or added task name, as first recorded.
    pub task: String,
    pub kind: ProgressKind,
    pub projects: u32,
}

impl StepStat {
    /// The task's display name: the template title, or the name given when it was added.
    pub fn name(&self, lang: Lang) -> String {
        task_title(&self.task).map_or_else(|| self.task.clone(), |m| m.text(lang).to_string())
    }
}

/// The projects created from `playbook_id` and their skipped, changed and added steps, most
/// frequent first (then skipped, changed, added; then by name). A step counts once per project.
pub fn step_stats<'a>(
    projects: &'a [OnboardingProject],
    playbook_id: &str,
) -> (Vec<&'a OnboardingProject>, Vec<StepStat>) {
    let mine: Vec<&OnboardingProject> = projects
        .iter()
        .filter(|p| p.playbook_id.as_deref() == Some(playbook_id))
        .collect();
    let mut stats: Vec<StepStat> = Vec::new();
    for p in &mine {
        let mut seen: Vec<(String, ProgressKind)> = Vec::new();
        for e in p.progress.iter().filter(|e| e.kind != ProgressKind::Done) {
            let key = name_key(&e.task);
            if key.is_empty() || seen.contains(&(key.clone(), e.kind)) {
                continue;
            }
            match stats
                .iter_mut()
                .find(|s| s.kind == e.kind && name_key(&s.task) == key)
            {
                Some(s) => s.projects += 1,
                None => stats.push(StepStat {
                    task: e.task.trim().to_string(),
                    kind: e.kind,
                    projects: 1,
                }),
            }
            seen.push((key, e.kind));
        }
    }
    sorting::sort_by(&mut stats, |a, b| {
        b.projects
            .cmp(&a.projects)
            .then(a.kind.cmp(&b.kind))
            .then(a.task.cmp(&b.task))
    });
    (mine, stats)
}

/// At most this many customisations are proposed for the base playbook.
pub const MAX_PROPOSALS: usize = 5;
/// Projects that must share a change before it is proposed.
pub const MIN_PROJECTS: u32 = 2;

/// Customisations proposed for the base playbook: the most common steps (from `step_stats`)
/// that at least `MIN_PROJECTS` projects skipped, changed or added, at most `MAX_PROPOSALS`.
pub fn proposed_customisations(stats: &[StepStat]) -> Vec<StepStat> {
    stats
        .iter()
        .filter(|s| s.projects >= MIN_PROJECTS)
        .take(MAX_PROPOSALS)
        .cloned()
        .collect()
}

/// The proposals with the phase each added step goes into: the phase recorded with the
/// first entry that added it among `projects` (weeks 2–4 when none was recorded).
pub fn with_phases(
    proposals: Vec<StepStat>,
    projects: &[&OnboardingProject],
) -> Vec<(StepStat, Phase)> {
    proposals
        .into_iter()
        .map(|stat| {
            let key = name_key(&stat.task);
            let phase = projects
                .iter()
                .flat_map(|p| &p.progress)
                .find(|e| e.kind == ProgressKind::Added && name_key(&e.task) == key)
                .and_then(|e| e.phase)
                .unwrap_or(Phase::Weeks2To4);
            (stat, phase)
        })
        .collect()
}

/// A proposal as a sentence, with its count out of `total` projects.
pub fn proposal_text(stat: &StepStat, total: usize, lang: Lang) -> String {
    let msg = match stat.kind {
        ProgressKind::Skipped | ProgressKind::Done => Msg::ObProposeDrop,
        ProgressKind::Changed => Msg::ObProposeRevise,
        ProgressKind::Added => Msg::ObProposeAdd,
    };
    msg.fill(
        lang,
        &[
            ("task", &stat.name(lang)),
            ("n", &stat.projects.to_string()),
            ("total", &total.to_string()),
        ],
    )
}

/// Days after go-live during which a project is still watched.
pub const WATCH_AFTER_GO_LIVE: i64 = 28;

/// A Home line: the project it opens and what needs attention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HomeLine {
    pub project_id: String,
    pub text: String,
}

/// Home lines for running projects with yellow flags (a retrospective or the end of
/// post-go-live support ends a project), most flags first, then by go-live date.
pub fn home_lines(
    projects: &[OnboardingProject],
    accounts: &AccountIndex,
    today: NaiveDate,
    lang: Lang,
) -> Vec<HomeLine> {
    let mut lines: Vec<(usize, NaiveDate, HomeLine)> = Vec::new();
    for p in projects {
        let plan = build_plan(p, &segment(p, projects, today), today);
        if p.retrospective.is_some() || today > plan.go_live + Duration::days(WATCH_AFTER_GO_LIVE) {
            continue;
        }
        let flags = yellow_flags(p, &plan, today);
        if flags.is_empty() {
            continue;
        }
        let texts: Vec<String> = flags.iter().map(|f| f.text(lang)).collect();
        let text = Msg::ObHomeLine.fill(
            lang,
            &[
                ("customer", &accounts.name(&p.account_id)),
                ("flags", &texts.join("; ")),
            ],
        );
        lines.push((
            flags.len(),
            plan.go_live,
            HomeLine {
                project_id: p.id.clone(),
                text,
            },
        ));
    }
    sorting::sort_by(&mut lines, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    lines.into_iter().map(|(_, _, l)| l).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Account;
    use crate::domain::onboarding::rules::tests::{day, project};
    use chrono::{TimeZone, Utc};

    fn entry(task: &str, kind: ProgressKind) -> ProgressEntry {
        ProgressEntry {
            task: task.into(),
            kind,
            date: day(2, 1),
            note: String::new(),
            phase: None,
        }
    }

    fn in_playbook(
        id: &str,
        playbook: Option<&str>,
        entries: &[(&str, ProgressKind)],
    ) -> OnboardingProject {
        let mut p = project("Retail", 10, &[], 42);
        p.id = id.into();
        p.playbook_id = playbook.map(str::to_string);
        p.progress = entries.iter().map(|(t, k)| entry(t, *k)).collect();
        p
    }

    use ProgressKind::*;

    fn projects() -> Vec<OnboardingProject> {
        vec![
            in_playbook(
                "a",
                Some("pb"),
                &[
                    ("m2_train_users", Skipped),
                    ("Data privacy workshop", Added),
                    ("w1_kickoff", Done),
                    ("m2_train_users", Skipped),
                ],
            ),
            in_playbook(
                "b",
                Some("pb"),
                &[
                    ("m2_train_users", Skipped),
                    ("data privacy  workshop", Added),
                    ("w2_config", Changed),
                ],
            ),
            in_playbook(
                "c",
                Some("pb"),
                &[
                    ("m2_train_users", Skipped),
                    ("w2_config", Changed),
                    ("pg_adoption", Skipped),
                ],
            ),
            in_playbook("d", Some("other"), &[("pg_adoption", Skipped)]),
            in_playbook("e", None, &[("pg_adoption", Skipped)]),
        ]
    }

    fn stat(task: &str, kind: ProgressKind, projects: u32) -> StepStat {
        StepStat {
            task: task.into(),
            kind,
            projects,
        }
    }

    #[test]
    fn stats_count_each_step_once_per_project_of_the_playbook() {
        let all = projects();
        let (mine, stats) = step_stats(&all, "pb");
        assert_eq!(mine.len(), 3);
        assert_eq!(
            stats,
            vec![
                stat("m2_train_users", Skipped, 3),
                stat("w2_config", Changed, 2),
                stat("Data privacy workshop", Added, 2),
                stat("pg_adoption", Skipped, 1),
            ]
        );
    }

    #[test]
    fn proposals_need_two_projects_and_stop_at_five() {
        let (_, stats) = step_stats(&projects(), "pb");
        let proposals = proposed_customisations(&stats);
        assert_eq!(proposals.len(), 3);
        assert_eq!(
            proposal_text(&proposals[0], 3, Lang::En),
            "Make “Run end-user training” optional: skipped in 3 of 3 projects."
        );
        assert_eq!(
            proposal_text(&proposals[2], 3, Lang::Zh),
            "新增“Data privacy workshop”：3 个项目中有 2 个手动添加。"
        );
        let many: Vec<StepStat> = (0..7).map(|i| stat(&format!("t{i}"), Added, 2)).collect();
        assert_eq!(proposed_customisations(&many).len(), 5);
        assert_eq!(proposed_customisations(&[stat("x", Skipped, 1)]), vec![]);
    }

    #[test]
    fn an_unknown_playbook_has_no_projects_or_stats() {
        let all = projects();
        let (mine, stats) = step_stats(&all, "nope");
        assert!(mine.is_empty() && stats.is_empty());
    }

    #[test]
    fn proposals_name_template_steps_in_the_reader_language() {
        let s = stat("w2_config", Changed, 2);
        assert_eq!(
            proposal_text(&s, 4, Lang::En),
            "Revise “Configure workflows, roles and permissions”: changed in 2 of 4 projects."
        );
        assert_eq!(s.name(Lang::Zh), "配置流程、角色与权限");
        assert_eq!(
            stat("Legal sign-off", Added, 2).name(Lang::Zh),
            "Legal sign-off"
        );
    }

    #[test]
    fn closed_tasks_and_last_activity() {
        let mut p = in_playbook(
            "a",
            None,
            &[("a", Done), ("b", Skipped), ("c", Changed), ("d", Added)],
        );
        assert_eq!(closed_tasks(&p), vec!["a", "b"]);
        p.progress[2].date = day(3, 9);
        assert_eq!(last_activity(&p), Some(day(3, 9)));
        p.progress.clear();
        assert_eq!(last_activity(&p), None);
    }

    #[test]
    fn progress_is_stored_with_the_project_and_old_records_still_load() {
        let p = in_playbook("a", None, &[("w1_kickoff", Done)]);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["progress"][0]["kind"], "done");
        assert_eq!(
            serde_json::from_value::<OnboardingProject>(json.clone()).unwrap(),
            p
        );
        let mut old = json;
        let obj = old.as_object_mut().unwrap();
        obj.remove("progress");
        obj.remove("retrospective");
        let loaded: OnboardingProject = serde_json::from_value(old).unwrap();
        assert!(loaded.progress.is_empty() && loaded.retrospective.is_none());
    }

    fn accounts() -> AccountIndex {
        let mut a = Account::new(
            "acc".into(),
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        );
        a.name = "Acme".into();
        AccountIndex::new([a])
    }

    fn owned(id: &str, days: i64) -> OnboardingProject {
        let mut p = project("Retail", 10, &[], days);
        p.id = id.into();
        p.account_id = "acc".into();
        p.exec_sponsor = "S".into();
        p.technical_lead = "T".into();
        p.customer_pm = "P".into();
        p
    }

    #[test]
    fn home_lists_flagged_running_projects_most_flags_first() {
        // On 6 Jan: "quiet" has two overdue pre-kickoff tasks and the kickoff slipping;
        // "unowned" only lacks owners; "fine" has everything due done; "done" has a retrospective.
        let quiet = owned("quiet", 60);
        let mut unowned = owned("unowned", 60);
        unowned.customer_pm.clear();
        unowned.progress = ["pk_handoff", "pk_contacts", "w1_kickoff"]
            .iter()
            .map(|t| entry(t, Done))
            .collect();
        let mut fine = unowned.clone();
        fine.id = "fine".into();
        fine.customer_pm = "P".into();
        let mut done = owned("done", 60);
        done.retrospective = Some(Retrospective {
            date: day(1, 5),
            went_well: String::new(),
            lessons: "x".into(),
        });
        let lines = home_lines(
            &[fine, unowned, done, quiet],
            &accounts(),
            day(1, 6),
            Lang::En,
        );
        let ids: Vec<&str> = lines.iter().map(|l| l.project_id.as_str()).collect();
        assert_eq!(ids, vec!["quiet", "unowned"]);
        assert_eq!(
            lines[1].text,
            "Acme — No named exec sponsor, technical lead or customer PM"
        );
        assert_eq!(
            lines[0].text,
            "Acme — Tasks overdue: 3; Milestone slipping: Hold the kickoff meeting"
        );
    }

    #[test]
    fn home_lines_in_chinese() {
        let mut p = owned("x", 60);
        p.customer_pm.clear();
        let lines = home_lines(&[p], &accounts(), day(1, 1), Lang::Zh);
        assert_eq!(
            lines[0].text,
            "Acme：未指定执行发起人、技术负责人或客户项目经理"
        );
    }

    #[test]
    fn home_stops_watching_four_weeks_after_go_live() {
        let p = owned("late", 42);
        // Go-live 15 Feb; 28 days later is 15 Mar.
        assert_eq!(
            home_lines(std::slice::from_ref(&p), &accounts(), day(3, 15), Lang::En).len(),
            1
        );
        assert!(home_lines(&[p], &accounts(), day(3, 16), Lang::En).is_empty());
    }

    #[test]
    fn added_steps_take_the_phase_they_were_recorded_with() {
        let mut a = in_playbook("a", Some("pb"), &[("Data audit", ProgressKind::Added)]);
        a.progress[0].phase = Some(Phase::Week1);
        let b = in_playbook("b", Some("pb"), &[("data audit ", ProgressKind::Added)]);
        let c = in_playbook("c", Some("pb"), &[("Extra training", ProgressKind::Added)]);
        let all = [a, b, c];
        let (mine, stats) = step_stats(&all, "pb");
        let mut extra = stats.clone();
        extra.retain(|s| s.task == "Extra training");
        let adopted = with_phases(proposed_customisations(&stats), &mine);
        assert_eq!(adopted.len(), 1);
        assert_eq!(adopted[0].0.task, "Data audit");
        assert_eq!(adopted[0].1, Phase::Week1);
        // A step recorded without a phase goes to weeks 2–4.
        assert_eq!(with_phases(extra, &mine)[0].1, Phase::Weeks2To4);
    }

    #[test]
    fn entries_stored_before_phases_were_recorded_still_load() {
        let old = r#"{"task":"kickoff","kind":"done","date":"2026-02-01"}"#;
        let e: ProgressEntry = serde_json::from_str(old).expect("old entry");
        assert_eq!(e.phase, None);
        let mut added = e.clone();
        added.phase = Some(Phase::GoLive);
        let json = serde_json::to_string(&added).expect("json");
        assert_eq!(
            serde_json::from_str::<ProgressEntry>(&json).expect("round trip"),
            added
        );
    }

    #[test]
    fn a_project_s_added_steps_join_its_plan_in_their_phase() {
        use crate::domain::onboarding::plan::{add_steps, build_plan};
        use crate::domain::onboarding::rules::segment;
        let mut p = in_playbook("a", None, &[("Data residency review", ProgressKind::Added)]);
        p.progress[0].phase = Some(Phase::Week1);
        let today = day(1, 5);
        let mut plan = build_plan(&p, &segment(&p, &[], today), today);
        let before = plan.tasks.len();
        add_steps(&mut plan, &added_steps(&p));
        add_steps(&mut plan, &added_steps(&p));
        assert_eq!(plan.tasks.len(), before + 1, "added once");
        let added = plan
            .tasks
            .iter()
            .position(|t| t.is("data residency review"))
            .expect("in the plan");
        assert_eq!(plan.tasks[added].phase, Phase::Week1);
        assert!(
            plan.tasks[added + 1..]
                .iter()
                .all(|t| t.phase > Phase::Week1),
            "at the end of its phase"
        );
    }
}
