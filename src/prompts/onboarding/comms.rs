//! Onboarding stakeholder communication, built from a project and its plan: the kickoff
//! agenda (timed items, talking points per role on both sides, first-phase deliverables), the
//! weekly status update prefilled from the phase `today` falls in, and the message for when
//! the timeline slips or a blocker appears. Each is a subject line and a Markdown body in the
//! given language. Pure: `today` is passed in.

use chrono::{NaiveDate, NaiveTime};

use crate::domain::escalation::schedule::add_business_days;
use crate::domain::form::Coded;
use crate::domain::onboarding::plan::{
    business_day, current_phase, task_title, Owner, Phase, Plan, PlannedTask,
};
use crate::domain::onboarding::progress::closed_tasks;
use crate::domain::onboarding::risks::{yellow_flags, YellowFlag};
use crate::domain::onboarding::rules::{segment, Segment};
use crate::domain::onboarding::OnboardingProject;
use crate::domain::sorting;
use crate::i18n::{Lang, Msg};

/// A message ready to copy or send: a subject line and a Markdown body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Communication {
    /// One line, for the e-mail subject.
    pub subject: String,
    /// Markdown: paragraphs, `##` sections and `-` bullets.
    pub body: String,
}

/// The kickoff agenda: each item with its minutes.
const AGENDA: &[(Msg, u32)] = &[
    (Msg::ObCommItemWelcome, 10),
    (Msg::ObCommItemGoals, 15),
    (Msg::ObCommItemScope, 15),
    (Msg::ObCommItemTechnical, 20),
    (Msg::ObCommItemDeliverables, 15),
    (Msg::ObCommItemWorking, 10),
    (Msg::ObCommItemNext, 5),
];

/// Days ahead within which open customer tasks are asked for in the weekly status.
pub const ASK_DAYS: i64 = 14;
/// Business days the customer has to answer a slip message.
pub const ANSWER_BUSINESS_DAYS: u32 = 2;

/// The segmentation the texts use (the tier does not depend on other projects or today).
fn segment_of(project: &OnboardingProject, plan: &Plan) -> Segment {
    segment(project, &[], plan.kickoff)
}

/// Appends a `## heading` and its lines as bullets, or the `none` sentence when there are none.
fn section(body: &mut String, heading: &str, lines: &[String], none: Option<Msg>, lang: Lang) {
    body.push_str(&format!("\n## {heading}\n"));
    if let (true, Some(none)) = (lines.is_empty(), none) {
        body.push_str(none.text(lang));
        body.push('\n');
    }
    for line in lines {
        body.push_str(&format!("- {line}\n"));
    }
}

/// A contact's name, or "to be named".
fn named(name: &str, lang: Lang) -> &str {
    match name.trim() {
        "" => Msg::ObCommToBeNamed.text(lang),
        name => name,
    }
}

/// "Name (role)", or the role alone when nobody is named.
fn who(role: Msg, name: &str, lang: Lang) -> String {
    match name.trim() {
        "" => role.text(lang).to_string(),
        name => Msg::ObCommWho.fill(lang, &[("name", name), ("role", role.text(lang))]),
    }
}

/// Minutes from the start of a meeting as "h:mm".
fn clock(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// The display name of a task as a progress entry records it.
fn entry_task_name(plan: &Plan, task: &str, lang: Lang) -> String {
    match plan.tasks.iter().find(|t| t.is(task)) {
        Some(t) => t.title_text(lang).to_string(),
        None => task_title(task).map_or(task, |m| m.text(lang)).to_string(),
    }
}

/// The open tasks of `plan` (not recorded as done or skipped) that `keep` selects, by due date.
fn open_tasks<'a>(
    project: &OnboardingProject,
    plan: &'a Plan,
    keep: &dyn Fn(&PlannedTask) -> bool,
) -> Vec<&'a PlannedTask> {
    let closed = closed_tasks(project);
    let mut tasks: Vec<(usize, &PlannedTask)> = plan
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| keep(t) && !closed.iter().any(|c| t.is(c)))
        .collect();
    sorting::sort_by_key(&mut tasks, |(i, t)| (t.due, *i));
    tasks.into_iter().map(|(_, t)| t).collect()
}

/// The kickoff meeting agenda: timed items, talking points for the customer's exec sponsor,
/// technical lead and project manager (named from the project) and for our CSM and
/// implementation lead, and the deliverables of the first phase from kickoff on.
pub fn kickoff_agenda(
    project: &OnboardingProject,
    account: &str,
    plan: &Plan,
    lang: Lang,
) -> Communication {
    let seg = segment_of(project, plan);
    let date = plan
        .tasks
        .iter()
        .find(|t| t.key == "w1_kickoff")
        .map_or(plan.kickoff, |t| t.due)
        .to_string();
    let go_live = plan.go_live.to_string();
    let tier = seg.tier.label().text(lang);
    let total: u32 = AGENDA.iter().map(|a| a.1).sum();
    let mut body = Msg::ObCommKickoffIntro.fill(
        lang,
        &[
            ("date", &date),
            ("minutes", &total.to_string()),
            ("tier", tier),
            ("go_live", &go_live),
        ],
    );
    body.push_str(&format!("\n\n## {}\n", Msg::ObCommAgenda.text(lang)));
    let mut start = 0;
    for (i, (item, minutes)) in AGENDA.iter().enumerate() {
        let item = item.fill(lang, &[("tier", tier), ("go_live", &go_live)]);
        let line = Msg::ObCommAgendaItem.fill(
            lang,
            &[
                ("from", &clock(start)),
                ("to", &clock(start + minutes)),
                ("minutes", &minutes.to_string()),
                ("item", &item),
            ],
        );
        body.push_str(&format!("{}. {line}\n", i + 1));
        start += minutes;
    }

    let systems: Vec<&str> = seg
        .integrations
        .iter()
        .map(|i| i.label().text(lang))
        .collect();
    let tech = if systems.is_empty() {
        Msg::ObCommPtTechNone
    } else {
        Msg::ObCommPtTechSystems
    };
    let customer_tasks: Vec<&PlannedTask> = plan
        .tasks
        .iter()
        .filter(|t| t.owner == Owner::Customer)
        .collect();
    let first_ask = customer_tasks.iter().map(|t| t.due).min();
    let mut pm = vec![Msg::ObCommPtPmCadence, Msg::ObCommPtPmUsers];
    if first_ask.is_some() {
        pm.insert(0, Msg::ObCommPtPmTasks);
    }
    let args = [
        ("go_live", go_live.clone()),
        ("systems", systems.join(Msg::ObCommListSep.text(lang))),
        ("n", customer_tasks.len().to_string()),
        ("date", first_ask.map(|d| d.to_string()).unwrap_or_default()),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let roles: [(Msg, &str, Vec<Msg>); 5] = [
        (
            Msg::FieldExecSponsor,
            named(&project.exec_sponsor, lang),
            vec![
                Msg::ObCommPtSponsorWhy,
                Msg::ObCommPtSponsorDate,
                Msg::ObCommPtSponsorEscalate,
            ],
        ),
        (
            Msg::FieldTechnicalLead,
            named(&project.technical_lead, lang),
            vec![tech, Msg::ObCommPtTechAccess, Msg::ObCommPtTechSecurity],
        ),
        (Msg::FieldCustomerPm, named(&project.customer_pm, lang), pm),
        (
            Msg::ObCommRoleCsm,
            "",
            vec![Msg::ObCommPtCsmPlan, Msg::ObCommPtCsmRisks],
        ),
        (
            Msg::ObCommRoleImplLead,
            "",
            vec![Msg::ObCommPtImplSetup, Msg::ObCommPtImplNeeds],
        ),
    ];
    body.push_str(&format!("\n## {}\n", Msg::ObCommTalkingPoints.text(lang)));
    for (role, name, points) in roles {
        let heading = match name {
            "" => role.text(lang).to_string(),
            name => Msg::ObCommRoleHeading.fill(lang, &[("role", role.text(lang)), ("name", name)]),
        };
        body.push_str(&format!("\n### {heading}\n"));
        for point in points {
            body.push_str(&format!("- {}\n", point.fill(lang, &args)));
        }
    }

    if let Some(first) = plan
        .tasks
        .iter()
        .map(|t| t.phase)
        .find(|p| *p >= Phase::Week1)
    {
        let lines: Vec<String> = plan
            .tasks
            .iter()
            .filter(|t| t.phase == first)
            .map(|t| task_line(t, lang))
            .collect();
        let heading = Msg::ObCommDeliverables.fill(lang, &[("phase", first.label().text(lang))]);
        section(&mut body, &heading, &lines, None, lang);
    }
    Communication {
        subject: Msg::ObCommKickoffSubject.fill(lang, &[("customer", account), ("date", &date)]),
        body,
    }
}

/// "Task (owner, due date): success criterion".
fn task_line(t: &PlannedTask, lang: Lang) -> String {
    Msg::ObCommTaskLine.fill(
        lang,
        &[
            ("task", t.title_text(lang)),
            ("owner", t.owner.label().text(lang)),
            ("date", &t.due.to_string()),
            ("criterion", t.criterion.text(lang)),
        ],
    )
}

/// "date · task (owner)".
fn due_line(t: &PlannedTask, lang: Lang) -> String {
    Msg::ObCommDueLine.fill(
        lang,
        &[
            ("date", &t.due.to_string()),
            ("task", t.title_text(lang)),
            ("owner", t.owner.label().text(lang)),
        ],
    )
}

/// The weekly status update as of `today`: the current phase, go-live on track or at risk
/// (at risk when a yellow flag fires or the plan warns), progress entries of the last 7 days,
/// open tasks of the current and next phase, yellow flags and the plan's warning, and open
/// customer tasks due within `ASK_DAYS` (overdue ones included, as such).
pub fn weekly_status(
    project: &OnboardingProject,
    account: &str,
    plan: &Plan,
    today: NaiveDate,
    lang: Lang,
) -> Communication {
    let phase = current_phase(plan, segment_of(project, plan).tier, today);
    let next = Phase::ALL.iter().copied().find(|p| *p > phase);
    let flags = yellow_flags(project, plan, today);
    let status = if flags.is_empty() && plan.warning.is_none() {
        Msg::ObCommGoLiveOnTrack
    } else {
        Msg::ObCommGoLiveAtRisk
    };
    let mut body = format!(
        "{}\n{}\n",
        Msg::ObCommCurrentPhase.fill(lang, &[("phase", phase.label().text(lang))]),
        status.fill(lang, &[("date", &plan.go_live.to_string())])
    );

    let done: Vec<String> = project
        .progress
        .iter()
        .filter(|e| e.date <= today && (today - e.date).num_days() < 7)
        .map(|e| {
            let line = Msg::ObCommEntryLine.fill(
                lang,
                &[
                    ("date", &e.date.to_string()),
                    ("kind", e.kind.label().text(lang)),
                    ("task", &entry_task_name(plan, &e.task, lang)),
                ],
            );
            match e.note.trim() {
                "" => line,
                note => Msg::ObCommEntryNote.fill(lang, &[("line", &line), ("note", note)]),
            }
        })
        .collect();
    section(
        &mut body,
        Msg::ObCommDoneSection.text(lang),
        &done,
        Some(Msg::ObCommNothingDone),
        lang,
    );

    let upcoming: Vec<String> = open_tasks(project, plan, &|t| {
        t.phase == phase || Some(t.phase) == next
    })
    .into_iter()
    .map(|t| due_line(t, lang))
    .collect();
    section(
        &mut body,
        Msg::ObCommNextSection.text(lang),
        &upcoming,
        Some(Msg::ObCommNothingNext),
        lang,
    );

    let mut risks: Vec<String> = flags.iter().map(|f| f.text(lang)).collect();
    risks.extend(plan.warning.map(|w| w.text(lang)));
    section(
        &mut body,
        Msg::ObCommRisksSection.text(lang),
        &risks,
        Some(Msg::ObCommNoFlags),
        lang,
    );

    let asks: Vec<String> = open_tasks(project, plan, &|t| {
        t.owner == Owner::Customer && (t.due - today).num_days() <= ASK_DAYS
    })
    .into_iter()
    .map(|t| {
        let msg = if t.due < today {
            Msg::ObCommAskOverdue
        } else {
            Msg::ObCommAskLine
        };
        msg.fill(
            lang,
            &[("task", t.title_text(lang)), ("date", &t.due.to_string())],
        )
    })
    .collect();
    section(
        &mut body,
        Msg::ObCommAsksSection.text(lang),
        &asks,
        Some(Msg::ObCommNoAsks),
        lang,
    );
    Communication {
        subject: Msg::ObCommWeeklySubject
            .fill(lang, &[("customer", account), ("date", &today.to_string())]),
        body,
    }
}

/// The message for when the timeline slips or a blocker appears, or `None` when no open task
/// is overdue and no yellow flag fires. It lists the overdue tasks and the flags, answers are
/// asked by `ANSWER_BUSINESS_DAYS` business days from today, and when tasks are overdue it
/// proposes new dates: every overdue task and go-live move by the days that bring the most
/// overdue task to the answer date (moved off weekends).
pub fn slip_message(
    project: &OnboardingProject,
    account: &str,
    plan: &Plan,
    today: NaiveDate,
    lang: Lang,
) -> Option<Communication> {
    let overdue = open_tasks(project, plan, &|t| t.due < today);
    let flags = yellow_flags(project, plan, today);
    if overdue.is_empty() && flags.is_empty() {
        return None;
    }
    let by = add_business_days(today.and_time(NaiveTime::MIN), ANSWER_BUSINESS_DAYS).date();
    let by_text = by.to_string();
    let shift = overdue.first().map_or(0, |t| (by - t.due).num_days());
    let moved = |d: NaiveDate| business_day(d + chrono::Duration::days(shift));
    let mut body = format!("{}\n", Msg::ObCommSlipIntro.text(lang));

    let mut slipped: Vec<String> = overdue
        .iter()
        .map(|t| {
            Msg::ObCommOverdueLine.fill(
                lang,
                &[
                    ("task", t.title_text(lang)),
                    ("owner", t.owner.label().text(lang)),
                    ("date", &t.due.to_string()),
                ],
            )
        })
        .collect();
    slipped.extend(
        flags
            .iter()
            .filter(|f| !matches!(f, YellowFlag::TasksOverdue { .. }))
            .map(|f| f.text(lang)),
    );
    section(
        &mut body,
        Msg::ObCommSlippedSection.text(lang),
        &slipped,
        None,
        lang,
    );

    let go_live = plan.go_live.to_string();
    let impact = if overdue.is_empty() {
        Msg::ObCommImpactHolds.fill(lang, &[("date", &go_live), ("by", &by_text)])
    } else {
        let to = moved(plan.go_live);
        Msg::ObCommImpactMoves.fill(
            lang,
            &[
                ("from", &go_live),
                ("to", &to.to_string()),
                ("n", &(to - plan.go_live).num_days().to_string()),
                ("by", &by_text),
            ],
        )
    };
    body.push_str(&format!(
        "\n## {}\n{impact}\n",
        Msg::ObCommImpactSection.text(lang)
    ));

    let pm = who(Msg::FieldCustomerPm, &project.customer_pm, lang);
    let sponsor = who(Msg::FieldExecSponsor, &project.exec_sponsor, lang);
    let ours = Msg::ObCommOurTeam.text(lang).to_string();
    let mut needs: Vec<(String, String)> = overdue
        .iter()
        .filter(|t| t.owner == Owner::Customer)
        .map(|t| (pm.clone(), t.title_text(lang).to_string()))
        .collect();
    let decision = !overdue.is_empty()
        || flags.iter().any(|f| {
            matches!(
                f,
                YellowFlag::MilestoneSlipping { .. } | YellowFlag::GoLiveAtRisk { .. }
            )
        });
    for (fires, whom, what) in [
        (decision, &sponsor, Msg::ObCommNeedDecision),
        (
            flags.contains(&YellowFlag::MissingOwner),
            &sponsor,
            Msg::ObCommNeedOwners,
        ),
        (
            flags
                .iter()
                .any(|f| matches!(f, YellowFlag::NoActivity { .. })),
            &pm,
            Msg::ObCommNeedCheckin,
        ),
    ] {
        if fires {
            needs.push((whom.clone(), what.text(lang).to_string()));
        }
    }
    needs.extend(
        overdue
            .iter()
            .filter(|t| t.owner == Owner::Vendor)
            .map(|t| (ours.clone(), t.title_text(lang).to_string())),
    );
    let needs: Vec<String> = needs
        .iter()
        .map(|(whom, what)| {
            Msg::ObCommNeedLine.fill(lang, &[("who", whom), ("what", what), ("date", &by_text)])
        })
        .collect();
    section(
        &mut body,
        Msg::ObCommNeedsSection.text(lang),
        &needs,
        None,
        lang,
    );

    if !overdue.is_empty() {
        let change = |task: &str, from: NaiveDate| {
            Msg::ObCommDateChange.fill(
                lang,
                &[
                    ("task", task),
                    ("from", &from.to_string()),
                    ("to", &moved(from).to_string()),
                ],
            )
        };
        let mut dates: Vec<String> = overdue
            .iter()
            .map(|t| change(t.title_text(lang), t.due))
            .collect();
        dates.push(change(Msg::ObPhaseGoLive.text(lang), plan.go_live));
        section(
            &mut body,
            Msg::ObCommDatesSection.text(lang),
            &dates,
            None,
            lang,
        );
    }
    body.push('\n');
    body.push_str(&Msg::ObCommSlipClose.fill(lang, &[("by", &by_text)]));
    body.push('\n');
    Some(Communication {
        subject: Msg::ObCommSlipSubject.fill(lang, &[("customer", account), ("date", &by_text)]),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::onboarding::plan::build_plan;
    use crate::domain::onboarding::progress::{ProgressEntry, ProgressKind};
    use crate::domain::onboarding::rules::tests::{day, project};
    use crate::domain::onboarding::System;

    fn acme(days: i64) -> OnboardingProject {
        let mut p = project("Retail", 10, &[System::Sso, System::Crm], days);
        p.exec_sponsor = "Li Wei".into();
        p.technical_lead = "Sam Ortiz".into();
        p.customer_pm = "Ana Costa".into();
        p
    }

    fn plan_of(p: &OnboardingProject) -> Plan {
        build_plan(p, &segment(p, &[], day(1, 1)), day(1, 1))
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

    fn lines(body: &str) -> Vec<&str> {
        body.lines().collect()
    }

    /// The bullets under `## heading`.
    fn bullets<'a>(body: &'a str, heading: &str) -> Vec<&'a str> {
        let start = format!("## {heading}");
        body.lines()
            .skip_while(|l| *l != start)
            .skip(1)
            .take_while(|l| !l.starts_with("## "))
            .filter_map(|l| l.strip_prefix("- "))
            .collect()
    }

    #[test]
    fn kickoff_agenda_names_the_contacts_per_role_in_english() {
        let p = acme(42);
        let c = kickoff_agenda(&p, "Acme", &plan_of(&p), Lang::En);
        assert_eq!(c.subject, "Acme onboarding kickoff: agenda for 2027-01-04");
        let l = lines(&c.body);
        assert_eq!(
            l[0],
            "Kickoff on 2027-01-04, 90 minutes. Tier: Standard. Go-live target: 2027-02-15."
        );
        assert_eq!(
            l[3],
            "1. 0:00–0:10 (10 min) Welcome, introductions and roles on both sides"
        );
        assert!(l.contains(
            &"3. 0:25–0:40 (15 min) Scope, tier (Standard) and the timeline to go-live on 2027-02-15"
        ));
        assert!(l.contains(&"7. 1:25–1:30 (5 min) Next steps and questions"));
        for heading in [
            "### Executive sponsor: Li Wei",
            "### Technical lead: Sam Ortiz",
            "### Customer project manager: Ana Costa",
            "### Customer Success Manager (our side)",
            "### Implementation lead (our side)",
        ] {
            assert!(l.contains(&heading), "{heading}");
        }
        assert!(l.contains(&"- Systems to connect: SSO, CRM"));
        assert!(l.contains(
            &"- Commit to the go-live target of 2027-02-15 and to clearing blockers quickly"
        ));
        assert!(
            l.contains(&"- Owns the customer-side tasks: 6 in the plan, the first due 2026-12-28")
        );
        assert_eq!(
            bullets(&c.body, "First-phase deliverables: Week 1"),
            vec![
                "Hold the kickoff meeting (Vendor, due 2027-01-04): Goals, scope, timeline and owners agreed",
                "Set up the tenant and admin accounts (Vendor, due 2027-01-07): Admins can sign in",
                "Write the success plan and first value milestone (Vendor, due 2027-01-11): Sponsor approved the plan",
            ]
        );
    }

    #[test]
    fn kickoff_agenda_in_chinese_with_roles_to_be_named() {
        let mut p = project("城市商业银行", 10, &[], 100);
        p.exec_sponsor = "王伟".into();
        let c = kickoff_agenda(&p, "某银行", &plan_of(&p), Lang::Zh);
        assert_eq!(c.subject, "某银行 上线项目启动会议程（2027-01-04）");
        let l = lines(&c.body);
        assert_eq!(
            l[0],
            "启动会日期：2027-01-04，时长 90 分钟。项目层级：合规型。目标上线日期：2027-04-14。"
        );
        for heading in [
            "### 高管发起人：王伟",
            "### 技术负责人：待指定",
            "### 客户方项目经理：待指定",
            "### 客户成功经理（我方）",
            "### 实施负责人（我方）",
        ] {
            assert!(l.contains(&heading), "{heading}");
        }
        assert!(l.contains(&"- 范围内没有系统集成；请确认无其他系统需要对接"));
        assert!(l.contains(&"1. 0:00–0:10（10 分钟）欢迎致辞，双方人员及角色介绍"));
        assert_eq!(bullets(&c.body, "第一阶段可交付物：第 1 周").len(), 3);
    }

    #[test]
    fn kickoff_deliverables_come_from_the_first_phase_the_playbook_left() {
        use crate::domain::onboarding::plan::apply_playbook;
        use crate::domain::onboarding::Playbook;
        let p = acme(42);
        let mut plan = plan_of(&p);
        let pb: Playbook = serde_json::from_str(
            r#"{"id":"pb","name":"n","version":2,"created_at":"2026-11-01T08:00:00Z",
            "skipped_tasks":["w1_kickoff","w1_environment","w1_success_plan"],
            "added_steps":[{"name":"Kickoff workshop","phase":"weeks_2_4"}]}"#,
        )
        .unwrap();
        apply_playbook(&mut plan, &pb);
        let c = kickoff_agenda(&p, "Acme", &plan, Lang::En);
        // Without the kickoff task the meeting is on the kickoff date.
        assert!(c.subject.ends_with("2027-01-04"));
        let d = bullets(&c.body, "First-phase deliverables: Weeks 2–4");
        assert_eq!(d.len(), 5);
        assert_eq!(
            d[4],
            "Kickoff workshop (Vendor, due 2027-02-04): Done and recorded in the progress log"
        );
    }

    fn started(p: &mut OnboardingProject) {
        p.progress = ["pk_handoff", "pk_contacts", "w1_kickoff"]
            .iter()
            .map(|t| entry(t, ProgressKind::Done, 1, 4))
            .collect();
    }

    fn phase_line(p: &OnboardingProject, today: NaiveDate) -> String {
        let c = weekly_status(p, "Acme", &plan_of(p), today, Lang::En);
        c.body.lines().next().unwrap_or_default().to_string()
    }

    #[test]
    fn weekly_status_picks_the_phase_today_falls_in() {
        let p = acme(42);
        for (m, d, phase) in [
            (1, 1, "Pre-kickoff"),
            (1, 3, "Pre-kickoff"),
            (1, 4, "Week 1"),
            (1, 9, "Week 1"),
            (1, 10, "Week 1"),
            (1, 11, "Week 1"),
            (1, 12, "Weeks 2–4"),
            (2, 4, "Weeks 2–4"),
            (2, 5, "Months 2–3"),
            (2, 6, "Months 2–3"),
            (2, 7, "Months 2–3"),
            (2, 8, "Months 2–3"),
            (2, 9, "Go-live"),
            (2, 16, "Post-go-live weeks 1–4"),
        ] {
            assert_eq!(
                phase_line(&p, day(m, d)),
                format!("Current phase: {phase}"),
                "{m}-{d}"
            );
        }
        // 40 days: months 2–3 ends on Saturday 6 Feb, so it runs to Monday 8 Feb.
        let p = acme(40);
        assert_eq!(phase_line(&p, day(2, 3)), "Current phase: Weeks 2–4");
        assert_eq!(phase_line(&p, day(2, 8)), "Current phase: Months 2–3");
        assert_eq!(phase_line(&p, day(2, 9)), "Current phase: Go-live");
    }

    #[test]
    fn weekly_status_lists_the_last_7_days_and_the_next_tasks() {
        let mut p = acme(42);
        started(&mut p);
        p.progress.extend([
            entry("pk_it_questions", ProgressKind::Done, 1, 5),
            entry("w1_environment", ProgressKind::Done, 1, 6),
            entry("Data privacy workshop", ProgressKind::Added, 1, 8),
            entry("w1_success_plan", ProgressKind::Done, 1, 12),
            entry("w2_sso", ProgressKind::Done, 1, 13),
        ]);
        p.progress[5].note = "legal asked for it".into();
        let c = weekly_status(&p, "Acme", &plan_of(&p), day(1, 12), Lang::En);
        assert_eq!(c.subject, "Acme onboarding: weekly status, 2027-01-12");
        assert_eq!(
            lines(&c.body)[..2],
            [
                "Current phase: Weeks 2–4",
                "Go-live on 2027-02-15: on track"
            ]
        );
        assert_eq!(
            bullets(&c.body, "Done since last week"),
            vec![
                "2027-01-06 · Done: Set up the tenant and admin accounts",
                "2027-01-08 · Added: Data privacy workshop — legal asked for it",
                "2027-01-12 · Done: Write the success plan and first value milestone",
            ]
        );
        // Weeks 2–4 and months 2–3, by date; SSO is recorded (on the 13th) so it is closed.
        assert_eq!(
            bullets(&c.body, "Next up"),
            vec![
                "2027-01-25 · Connect the CRM and map fields (Vendor)",
                "2027-01-25 · Configure workflows, roles and permissions (Vendor)",
                "2027-02-04 · Reach the first value milestone (Customer)",
                "2027-02-05 · Train the admins (Vendor)",
                "2027-02-08 · Run end-user training (Customer)",
            ]
        );
        assert!(c
            .body
            .contains("## Risks and yellow flags\nNo yellow flags.\n"));
        assert!(c.body.contains(
            "## What we need from you\nNothing needed from you in the next two weeks.\n"
        ));
    }

    #[test]
    fn weekly_status_flags_risks_and_asks_the_customer() {
        let mut p = acme(42);
        started(&mut p);
        p.customer_pm.clear();
        let c = weekly_status(&p, "Acme", &plan_of(&p), day(1, 12), Lang::En);
        assert_eq!(lines(&c.body)[1], "Go-live on 2027-02-15: at risk");
        assert_eq!(
            bullets(&c.body, "Risks and yellow flags"),
            vec![
                "Tasks overdue: 3",
                "No named exec sponsor, technical lead or customer PM"
            ]
        );
        // Open customer tasks due by 26 Jan, overdue ones included.
        assert_eq!(
            bullets(&c.body, "What we need from you"),
            vec![
                "Answer the IT readiness questionnaire, overdue since 2026-12-31",
                "Configure SSO with the identity provider, by 2027-01-18",
            ]
        );
        let zh = weekly_status(&p, "Acme", &plan_of(&p), day(1, 12), Lang::Zh);
        assert_eq!(zh.subject, "Acme 上线项目周报（2027-01-12）");
        assert_eq!(
            lines(&zh.body)[..2],
            ["当前阶段：第 2–4 周", "2027-02-15 上线：存在风险"]
        );
        assert_eq!(
            bullets(&zh.body, "需要贵方支持的事项"),
            vec![
                "填写 IT 就绪评估问卷，原定 2026-12-31 完成，现已逾期",
                "与身份提供方完成 SSO 配置，请于 2027-01-18 前完成"
            ]
        );
    }

    #[test]
    fn weekly_status_of_a_compressed_plan_is_at_risk_with_the_warning() {
        let p = acme(20);
        let c = weekly_status(&p, "Acme", &plan_of(&p), day(1, 1), Lang::En);
        assert_eq!(
            lines(&c.body)[..2],
            [
                "Current phase: Pre-kickoff",
                "Go-live on 2027-01-24: at risk"
            ]
        );
        assert_eq!(
            bullets(&c.body, "Risks and yellow flags"),
            vec!["Go-live is sooner than this tier needs; earliest realistic date: 2027-02-03."]
        );
        assert_eq!(bullets(&c.body, "Done since last week"), Vec::<&str>::new());
        assert!(c.body.contains("Nothing recorded in the last 7 days."));
    }

    #[test]
    fn weekly_status_shows_added_steps_by_name() {
        use crate::domain::onboarding::plan::apply_playbook;
        use crate::domain::onboarding::Playbook;
        let mut p = acme(42);
        started(&mut p);
        let mut plan = plan_of(&p);
        let pb: Playbook = serde_json::from_str(
            r#"{"id":"pb","name":"n","version":2,"created_at":"2026-11-01T08:00:00Z",
            "skipped_tasks":["w2_crm"],"added_steps":[{"name":"Legal sign-off","phase":"weeks_2_4"}]}"#,
        )
        .unwrap();
        apply_playbook(&mut plan, &pb);
        let next = weekly_status(&p, "Acme", &plan, day(1, 20), Lang::En);
        let next = bullets(&next.body, "Next up");
        assert!(
            next.contains(&"2027-02-04 · Legal sign-off (Vendor)"),
            "{next:?}"
        );
        assert!(!next.iter().any(|l| l.contains("CRM")));
        p.progress
            .push(entry("legal SIGN-OFF", ProgressKind::Done, 1, 19));
        let c = weekly_status(&p, "Acme", &plan, day(1, 20), Lang::En);
        assert!(
            bullets(&c.body, "Done since last week").contains(&"2027-01-19 · Done: Legal sign-off")
        );
        assert!(!bullets(&c.body, "Next up")
            .iter()
            .any(|l| l.contains("Legal")));
    }

    #[test]
    fn no_slip_message_when_on_track() {
        let mut p = acme(42);
        started(&mut p);
        p.progress
            .push(entry("pk_it_questions", ProgressKind::Skipped, 1, 4));
        let plan = plan_of(&p);
        for today in [day(1, 1), day(1, 4), day(1, 6), day(1, 7)] {
            assert_eq!(
                slip_message(&p, "Acme", &plan, today, Lang::En),
                None,
                "{today}"
            );
        }
        // On 8 Jan the tenant set-up (due 7 Jan) has slipped.
        assert!(slip_message(&p, "Acme", &plan, day(1, 8), Lang::En).is_some());
    }

    #[test]
    fn slip_message_lists_overdue_tasks_and_proposes_new_dates() {
        let mut p = acme(42);
        started(&mut p);
        let c = slip_message(&p, "Acme", &plan_of(&p), day(1, 12), Lang::En).unwrap();
        // Answers by Thursday 14 Jan; the oldest slip (31 Dec) moves there: 14 days for all.
        assert_eq!(
            c.subject,
            "Acme onboarding: timeline update, decisions needed by 2027-01-14"
        );
        assert_eq!(
            bullets(&c.body, "What slipped"),
            vec![
                "Answer the IT readiness questionnaire (Customer), due 2026-12-31",
                "Set up the tenant and admin accounts (Vendor), due 2027-01-07",
                "Write the success plan and first value milestone (Vendor), due 2027-01-11",
            ]
        );
        assert!(c.body.contains("## Impact on go-live\nAt the current pace go-live moves from 2027-02-15 to 2027-03-01 (14 days later), unless the slipped work is recovered by 2027-01-14.\n"));
        assert_eq!(
            bullets(&c.body, "What we need, from whom, by when"),
            vec![
                "Ana Costa (Customer project manager): Answer the IT readiness questionnaire, by 2027-01-14",
                "Li Wei (Executive sponsor): confirm priority and resources, or agree the new go-live date, by 2027-01-14",
                "Our team: Set up the tenant and admin accounts, by 2027-01-14",
                "Our team: Write the success plan and first value milestone, by 2027-01-14",
            ]
        );
        assert_eq!(
            bullets(&c.body, "Proposed new dates"),
            vec![
                "Answer the IT readiness questionnaire: 2026-12-31 → 2027-01-14",
                "Set up the tenant and admin accounts: 2027-01-07 → 2027-01-21",
                "Write the success plan and first value milestone: 2027-01-11 → 2027-01-25",
                "Go-live: 2027-02-15 → 2027-03-01",
            ]
        );
        assert!(c
            .body
            .ends_with("Please confirm by 2027-01-14, or suggest a time to talk it through.\n"));
    }

    #[test]
    fn slip_message_names_slipping_milestones_and_answers_after_the_weekend() {
        let mut p = acme(42);
        p.progress = vec![entry("pk_handoff", ProgressKind::Done, 1, 4)];
        // Friday 8 Jan: the kickoff milestone slipped; answers by Tuesday 12 Jan.
        let c = slip_message(&p, "Acme", &plan_of(&p), day(1, 8), Lang::Zh).unwrap();
        assert_eq!(
            c.subject,
            "Acme 上线项目：时间线调整，需在 2027-01-12 前决策"
        );
        let slipped = bullets(&c.body, "延误内容");
        assert_eq!(slipped.len(), 5);
        assert_eq!(
            slipped[0],
            "指定执行发起人、技术负责人和项目经理（客户方），原定 2026-12-28 完成"
        );
        assert_eq!(slipped[4], "里程碑滑坡：召开启动会");
        let dates = bullets(&c.body, "建议的新日期");
        assert_eq!(
            dates[0],
            "指定执行发起人、技术负责人和项目经理：2026-12-28 → 2027-01-12"
        );
        // 15 days: go-live Mon 15 Feb + 15 = Tue 2 Mar.
        assert_eq!(dates[dates.len() - 1], "上线：2027-02-15 → 2027-03-02");
        assert!(bullets(&c.body, "所需支持、提供方及截止时间")
            .contains(&"Li Wei（高管发起人）：确认优先级和资源投入，或商定新的上线日期，请于 2027-01-12 前完成"));
    }

    #[test]
    fn a_blocker_without_overdue_work_keeps_the_go_live_date() {
        let mut p = acme(42);
        started(&mut p);
        p.progress
            .push(entry("pk_it_questions", ProgressKind::Done, 1, 4));
        p.exec_sponsor.clear();
        let c = slip_message(&p, "Acme", &plan_of(&p), day(1, 6), Lang::En).unwrap();
        assert_eq!(
            bullets(&c.body, "What slipped"),
            vec!["No named exec sponsor, technical lead or customer PM"]
        );
        assert!(c
            .body
            .contains("Go-live on 2027-02-15 still holds if we resolve this by 2027-01-08."));
        assert_eq!(
            bullets(&c.body, "What we need, from whom, by when"),
            vec!["Executive sponsor: name the missing owners, by 2027-01-08"]
        );
        assert!(!c.body.contains("Proposed new dates"));
    }

    #[test]
    fn a_quiet_project_asks_the_customer_pm_for_a_check_in() {
        let mut p = acme(90);
        started(&mut p);
        p.progress
            .push(entry("pk_it_questions", ProgressKind::Done, 1, 4));
        // 90 days: after the tenant and success plan, nothing is due until after 14 Jan.
        p.progress
            .push(entry("w1_environment", ProgressKind::Done, 1, 4));
        p.progress
            .push(entry("w1_success_plan", ProgressKind::Done, 1, 4));
        let plan = plan_of(&p);
        let c = slip_message(&p, "Acme", &plan, day(1, 14), Lang::En).unwrap();
        assert_eq!(
            bullets(&c.body, "What slipped"),
            vec!["No progress recorded for 10 days"]
        );
        assert_eq!(
            bullets(&c.body, "What we need, from whom, by when"),
            vec!["Ana Costa (Customer project manager): a 30-minute check-in to agree the next steps, by 2027-01-18"]
        );
    }
}
