//! The working panel under an onboarding project's form: the computed tier and risk flags,
//! yellow flags, the playbook version the project follows, the dated plan with one-click
//! progress (done, skipped, changed, undo, steps added), the exports (plan as CSV,
//! milestones as .ics, print), integration and go/no-go checklists, the risk register, the
//! three stakeholder messages and the retrospective. Every change is saved at once.

use std::rc::Rc;
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::form::Coded;
use crate::domain::onboarding::{OnboardingProject, Playbook};
use crate::domain::onboarding_comms::{kickoff_agenda, slip_message, weekly_status, Communication};
use crate::domain::onboarding_plan::{
    self, go_no_go, integration_checklists, plan_csv, Phase, PlannedTask, PHASE_CHOICES,
};
use crate::domain::onboarding_progress::{ProgressEntry, ProgressKind, Retrospective};
use crate::domain::onboarding_risks::risk_register;
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::i18n::{Lang, Msg};
use crate::prompts::mailto_link;
use crate::prompts::onboarding_facts::{facts_of, Computed};
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::load::load;
use crate::ui::state::{tr, use_app};

/// The facts of the summary at the top of the panel, in this order.
const SUMMARY: &[Msg] = &[
    Msg::ObFactTier,
    Msg::ObFactFactors,
    Msg::ObFactRiskFlags,
    Msg::ObFactDuration,
    Msg::ObFactPlanDates,
    Msg::ObFactPlanWarning,
    Msg::ObFactCurrentPhase,
    Msg::ObFactProgress,
];

/// The project as computed among the other projects, with its playbook version.
struct View {
    project: OnboardingProject,
    account: Option<Account>,
    computed: Computed,
}

fn compute(
    project: OnboardingProject,
    others: &[OnboardingProject],
    playbooks: &[Playbook],
    accounts: &AccountIndex,
) -> Arc<View> {
    let playbook = project
        .playbook_id
        .as_deref()
        .and_then(|id| playbooks.iter().find(|p| p.id == id));
    let others: Vec<OnboardingProject> = others
        .iter()
        .filter(|p| p.id != project.id)
        .cloned()
        .collect();
    let computed = Computed::with(&project, &others, playbook, browser::local_today());
    Arc::new(View {
        account: accounts.get(&project.account_id).cloned(),
        project,
        computed,
    })
}

/// The latest entry that closed (done or skipped) or changed this task, if any.
fn status_of<'a>(project: &'a OnboardingProject, task: &PlannedTask) -> Option<&'a ProgressEntry> {
    project
        .progress
        .iter()
        .rev()
        .find(|e| e.kind != ProgressKind::Added && task.is(&e.task))
}

/// The plan's milestones as an all-day .ics calendar.
fn milestone_calendar(view: &View, lang: Lang) -> String {
    let customer = view.account.as_ref().map_or("", |a| a.name.as_str());
    onboarding_plan::milestone_calendar(
        &view.computed.plan,
        &view.project.id,
        customer,
        lang,
        browser::now(),
    )
}

fn msgs(list: &[Msg], lang: Lang) -> impl IntoView {
    let texts: Vec<&'static str> = list.iter().map(|m| m.text(lang)).collect();
    view! { <ul>{texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }
}

/// A message to send: subject, body, and buttons to copy it or open it in the mail client.
fn message(id: &'static str, title: Msg, c: Communication, lang: Lang) -> impl IntoView {
    let state = use_app();
    let href = mailto_link("", &c.subject, &c.body);
    let text = format!("{}\n\n{}", c.subject, c.body);
    view! {
        <article class="agenda message" id=id>
            <h4>{title.text(lang)}</h4>
            <p class="message-subject">{c.subject}</p>
            <pre class="message-body">{c.body}</pre>
            <div class="button-row">
                <button type="button" class="button small" on:click=move |_| {
                    let text = text.clone();
                    leptos::task::spawn_local(async move {
                        state.say(if browser::copy_text(&text).await { Msg::Copied } else { Msg::CopyFailed });
                    });
                }>{Msg::ObCopyMessage.text(lang)}</button>
                <a class="button small" href=href>{Msg::OpenInMail.text(lang)}</a>
            </div>
        </article>
    }
}

/// The panel for the onboarding project held in `base` (kept up to date, so saving the form
/// above keeps what the panel recorded).
pub fn onboarding_panel(
    base: StoredValue<AnyRecord>,
    accounts: Arc<AccountIndex>,
) -> Option<impl IntoView> {
    let AnyRecord::Onboarding(initial) = base.get_value() else {
        return None;
    };
    let state = use_app();
    // The other projects (first in industry, playbook statistics) and the playbooks.
    let context = load(move || {
        state.data_version.track();
        let db = state.db();
        Box::pin(async move {
            let db = db.ok_or(StorageError::Unavailable)?;
            let projects = db.list::<OnboardingProject>().await?;
            let playbooks = db.list::<Playbook>().await?;
            Ok::<_, StorageError>((projects, playbooks))
        })
    });
    let current = RwSignal::new(initial);
    let accounts = StoredValue::new(accounts);
    let view_of = move |project: OnboardingProject| {
        context.with(|loaded| {
            let (others, playbooks): (&[OnboardingProject], &[Playbook]) = match loaded {
                Some(Ok((others, playbooks))) => (others, playbooks),
                _ => (&[], &[]),
            };
            accounts.with_value(|a| compute(project, others, playbooks, a))
        })
    };
    let computed = move || view_of(current.get());

    let note = RwSignal::new(String::new());
    let show = move |p: &OnboardingProject| {
        current.try_set(p.clone());
        base.try_set_value(AnyRecord::Onboarding(p.clone()));
    };
    // Applies `change` here at once, then to the record as stored now (what another tab
    // saved meanwhile is kept), and saves that.
    let save = move |change: Rc<dyn Fn(&mut OnboardingProject)>| {
        state.update_record(
            AnyRecord::Onboarding(current.get_untracked()),
            Rc::new(move |r| {
                if let AnyRecord::Onboarding(x) = r {
                    change(x)
                }
            }),
            Rc::new(move |r| {
                if let AnyRecord::Onboarding(x) = r {
                    show(x)
                }
            }),
        );
    };
    let record = move |task: String, kind: ProgressKind, phase: Option<Phase>| {
        let text = note.get_untracked();
        let today = browser::local_today();
        save(Rc::new(move |p| {
            p.progress.push(ProgressEntry {
                task: task.clone(),
                kind,
                date: today,
                note: text.clone(),
                phase,
            })
        }));
        note.set(String::new());
    };

    let summary = move || {
        let lang = state.lang.get();
        let v = computed();
        let facts = facts_of(&v.project, v.account.as_ref(), &v.computed, lang);
        view! {
            <dl class="facts" id="ob-summary">
                {SUMMARY.iter().filter_map(|label| {
                    let value = facts.iter().find(|(l, _)| l == label)?.1.clone();
                    Some(view! { <dt>{label.text(lang)}</dt><dd>{value}</dd> })
                }).collect_view()}
            </dl>
        }
    };

    let flags = move || {
        let lang = state.lang.get();
        let v = computed();
        if v.computed.flags.is_empty() {
            return view! { <p class="hint" id="ob-flags">{Msg::ObNoYellowFlags.text(lang)}</p> }
                .into_any();
        }
        view! {
            <ul class="alert-list" id="ob-flags" aria-labelledby="ob-flags-heading">
                {v.computed.flags.iter().map(|f| view! { <li class="alert">{f.text(lang)}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    };

    let playbook_choice = move || {
        let lang = state.lang.get();
        let chosen = current.with(|p| p.playbook_id.clone()).unwrap_or_default();
        let playbooks = context.with(|loaded| match loaded {
            Some(Ok((_, playbooks))) => playbooks.clone(),
            _ => Vec::new(),
        });
        view! {
            <label>{Msg::ObPlaybookLabel.text(lang)}" "
                <select id="ob-playbook" on:change:target=move |ev| {
                    let id = ev.target().value();
                    save(Rc::new(move |p| p.playbook_id = (!id.is_empty()).then(|| id.clone())));
                }>
                    <option value="" selected=chosen.is_empty()>{Msg::ObNoPlaybook.text(lang)}</option>
                    {playbooks.into_iter().map(|pb| {
                        let label = Msg::ObPlaybookVersion.fill(lang, &[("name", &pb.name), ("version", &pb.version.to_string())]);
                        view! { <option value=pb.id.clone() selected=pb.id == chosen>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };

    let plan_rows = move || {
        let lang = state.lang.get();
        let v = computed();
        let today = v.computed.today;
        PHASE_CHOICES
            .iter()
            .filter_map(|choice| Phase::from_code(choice.value))
            .map(|phase| {
                let tasks: Vec<&PlannedTask> =
                    v.computed.plan.tasks.iter().filter(|t| t.phase == phase).collect();
                let rows = tasks
                    .into_iter()
                    .map(|t| task_row(t, &v, today, lang, record, save))
                    .collect_view();
                view! {
                    <tbody>
                        <tr class="phase-row"><th colspan="6" scope="colgroup">{phase.label().text(lang)}</th></tr>
                        {rows}
                    </tbody>
                }
            })
            .collect_view()
    };

    let new_step = RwSignal::new(String::new());
    let new_phase = RwSignal::new(Phase::Weeks2To4.code().to_string());
    let add_step = move || {
        let name = new_step.get_untracked().trim().to_string();
        if name.is_empty() {
            browser::focus("ob-new-step");
            return;
        }
        record(
            name,
            ProgressKind::Added,
            Phase::from_code(&new_phase.get_untracked()),
        );
        new_step.set(String::new());
    };

    let file_stem = move || {
        let v = computed();
        let name = v.account.as_ref().map_or("project", |a| a.name.as_str());
        format!("onboarding-{}", name.chars().take(30).collect::<String>())
    };
    let download = move |ext: &str, mime: &str, text: String| {
        if browser::download(&format!("{}.{ext}", file_stem()), mime, &text).is_err() {
            state.say(Msg::CopyFailed);
        }
    };

    let checklists = move || {
        let lang = state.lang.get();
        let v = computed();
        let segment = &v.computed.segment;
        view! {
            {integration_checklists(segment).into_iter().map(|(kind, questions, criteria)| view! {
                <article class="agenda">
                    <h4>{kind.label().text(lang)}</h4>
                    <h5>{Msg::ObFactItQuestions.text(lang)}</h5>
                    {msgs(questions, lang)}
                    <h5>{Msg::ObGoCriteriaHeading.text(lang)}</h5>
                    {msgs(criteria, lang)}
                </article>
            }).collect_view()}
            <article class="agenda" id="ob-go-no-go">
                <h4>{Msg::ObFactGoNoGo.text(lang)}</h4>
                {msgs(&go_no_go(segment), lang)}
            </article>
        }
    };

    let risks = move || {
        let lang = state.lang.get();
        let v = computed();
        risk_register(&v.computed.segment)
            .into_iter()
            .map(|r| {
                view! {
                    <tr>
                        <td>{r.title.text(lang)}</td>
                        <td>{r.signal.text(lang)}</td>
                        <td>{r.mitigation.text(lang)}</td>
                        <td>{r.trigger.text(lang)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    let messages = move || {
        let lang = state.lang.get();
        let v = computed();
        let customer = v.account.as_ref().map_or("", |a| a.name.as_str());
        let plan = &v.computed.plan;
        let today = v.computed.today;
        view! {
            {message("ob-kickoff", Msg::ObKickoffHeading, kickoff_agenda(&v.project, customer, plan, lang), lang)}
            {message("ob-weekly", Msg::ObWeeklyHeading, weekly_status(&v.project, customer, plan, today, lang), lang)}
            {match slip_message(&v.project, customer, plan, today, lang) {
                Some(c) => message("ob-slip", Msg::ObSlipHeading, c, lang).into_any(),
                None => view! { <p class="hint" id="ob-slip">{Msg::ObNoSlip.text(lang)}</p> }.into_any(),
            }}
        }
    };

    Some(view! {
        <section class="panel onboarding-panel" id="onboarding-plan" aria-labelledby="ob-heading">
            <h2 id="ob-heading">{tr(Msg::ObPanelHeading)}</h2>
            <p class="hint">{tr(Msg::ObPanelLede)}</p>
            {summary}
            <h3 id="ob-flags-heading">{tr(Msg::ObFactYellowFlags)}</h3>
            {flags}
            <div class="status-row no-print">{playbook_choice}</div>

            <h3 id="ob-plan-heading">{tr(Msg::ObPlanHeading)}</h3>
            <div class="status-row no-print">
                <label class="grow">
                    <span class="visually-hidden">{tr(Msg::ObProgressNote)}</span>
                    <input type="text" id="ob-note" placeholder=tr(Msg::ObProgressNote)
                        prop:value=move || note.get() on:input:target=move |ev| note.set(ev.target().value()) />
                </label>
            </div>
            <div class="table-wrap">
                <table class="records plan" id="ob-plan" aria-labelledby="ob-plan-heading">
                    <thead><tr>
                        <th>{tr(Msg::ObColTask)}</th><th>{tr(Msg::ObColOwner)}</th><th>{tr(Msg::ObColCriterion)}</th>
                        <th>{tr(Msg::ObColDeps)}</th><th>{tr(Msg::ObColDue)}</th><th>{tr(Msg::ObColStatus)}</th>
                    </tr></thead>
                    {plan_rows}
                </table>
            </div>
            <form class="status-row no-print" id="ob-add-step" on:submit=move |ev| { ev.prevent_default(); add_step(); }>
                <label class="grow">{tr(Msg::ObNewStep)}" "
                    <input type="text" id="ob-new-step" prop:value=move || new_step.get()
                        on:input:target=move |ev| new_step.set(ev.target().value()) />
                </label>
                <label>{tr(Msg::ObColPhase)}" "
                    <select id="ob-new-phase" on:change:target=move |ev| new_phase.set(ev.target().value())>
                        {move || PHASE_CHOICES.iter().map(|c| view! {
                            <option value=c.value selected=c.value == new_phase.get_untracked()>{tr(c.label)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="button">{tr(Msg::ObAddStep)}</button>
            </form>
            <div class="button-row no-print">
                <button type="button" class="button" id="ob-download-csv" on:click=move |_| {
                    download("csv", "text/csv", plan_csv(&computed().computed.plan, state.lang.get_untracked()));
                }>{tr(Msg::ObDownloadCsv)}</button>
                <button type="button" class="button" id="ob-download-ics" on:click=move |_| {
                    download("ics", "text/calendar", milestone_calendar(&computed(), state.lang.get_untracked()));
                }>{tr(Msg::PanelDownloadIcs)}</button>
                <button type="button" class="button" id="ob-print" on:click=move |_| browser::print()>{tr(Msg::ObPrint)}</button>
            </div>

            <h3>{tr(Msg::ObChecklistsHeading)}</h3>
            <div class="agendas">{checklists}</div>

            <h3 id="ob-risks-heading">{tr(Msg::ObFactRisks)}</h3>
            <div class="table-wrap">
                <table class="records" id="ob-risks" aria-labelledby="ob-risks-heading">
                    <thead><tr>
                        <th>{tr(Msg::ObColRisk)}</th><th>{tr(Msg::ObColSignal)}</th><th>{tr(Msg::ObColMitigation)}</th><th>{tr(Msg::ObColTrigger)}</th>
                    </tr></thead>
                    <tbody>{risks}</tbody>
                </table>
            </div>

            <h3 class="no-print">{tr(Msg::ObMessagesHeading)}</h3>
            <div class="agendas no-print">{messages}</div>

            {retrospective(current, save)}
        </section>
    })
}

/// One task of the plan: what, who, criterion, dependencies, due date, and its status with
/// the buttons that record progress (or undo the last record).
fn task_row(
    t: &PlannedTask,
    v: &View,
    today: NaiveDate,
    lang: Lang,
    record: impl Fn(String, ProgressKind, Option<Phase>) + Copy + 'static,
    save: impl Fn(Rc<dyn Fn(&mut OnboardingProject)>) + Copy + 'static,
) -> impl IntoView {
    let status = status_of(&v.project, t).cloned();
    let closed = status
        .as_ref()
        .is_some_and(|e| matches!(e.kind, ProgressKind::Done | ProgressKind::Skipped));
    let deps: Vec<String> = t
        .deps
        .iter()
        .filter_map(|key| v.computed.plan.tasks.iter().find(|d| d.key == *key))
        .map(|d| d.title_text(lang).to_string())
        .collect();
    let name = t.custom.clone().unwrap_or_else(|| t.key.to_string());
    let buttons = (!closed).then(|| {
        [
            ProgressKind::Done,
            ProgressKind::Skipped,
            ProgressKind::Changed,
        ]
        .into_iter()
        .map(|kind| {
            let name = name.clone();
            view! {
                <button type="button" class="button small" data-task=name.clone()
                    on:click=move |_| record(name.clone(), kind, None)>
                    {kind.label().text(lang)}
                </button>
            }
        })
        .collect_view()
    });
    let undo = status.clone().map(|entry| {
        view! {
            <button type="button" class="button small" on:click=move |_| {
                let entry = entry.clone();
                save(Rc::new(move |p| {
                    if let Some(i) = p.progress.iter().rposition(|e| *e == entry) {
                        p.progress.remove(i);
                    }
                }));
            }>{Msg::ObUndo.text(lang)}</button>
        }
    });
    let status_text = status.map(|e| {
        let mut text = Msg::ObStatusOn.fill(
            lang,
            &[
                ("status", e.kind.label().text(lang)),
                ("date", &e.date.to_string()),
            ],
        );
        if !e.note.is_empty() {
            text = format!("{text} — {}", e.note);
        }
        text
    });
    view! {
        <tr class:done=closed class:alert=!closed && t.due < today data-key=name>
            <td>{t.title_text(lang).to_string()}</td>
            <td>{t.owner.label().text(lang)}</td>
            <td>{t.criterion.text(lang)}</td>
            <td>{deps.join(", ")}</td>
            <td><time>{t.due.to_string()}</time></td>
            <td class="task-status">
                {status_text.map(|s| view! { <span class="status-text">{s}</span>" " })}
                <span class="no-print">{buttons}{undo}</span>
            </td>
        </tr>
    }
}

/// The post-onboarding retrospective: what went well and the lessons, saved with today's date.
fn retrospective(
    current: RwSignal<OnboardingProject>,
    save: impl Fn(Rc<dyn Fn(&mut OnboardingProject)>) + Copy + 'static,
) -> impl IntoView {
    let existing = current.with_untracked(|p| p.retrospective.clone());
    let went_well = RwSignal::new(
        existing
            .as_ref()
            .map(|r| r.went_well.clone())
            .unwrap_or_default(),
    );
    let lessons = RwSignal::new(existing.map(|r| r.lessons).unwrap_or_default());
    let held = move || current.with(|p| p.retrospective.as_ref().map(|r| r.date.to_string()));
    view! {
        <section class="no-print" id="ob-retro">
            <h3>{tr(Msg::ObRetroHeading)}</h3>
            <p class="hint">{move || held().map_or_else(
                || Msg::ObRetroLede.text(use_app().lang.get()).to_string(),
                |date| Msg::ObRetroHeld.fill(use_app().lang.get(), &[("date", &date)]),
            )}</p>
            <label class="block">{tr(Msg::ObRetroWentWell)}
                <textarea id="ob-went-well" rows="3" prop:value=move || went_well.get()
                    on:input:target=move |ev| went_well.set(ev.target().value())></textarea>
            </label>
            <label class="block">{tr(Msg::ObRetroLessons)}
                <textarea id="ob-lessons" rows="3" prop:value=move || lessons.get()
                    on:input:target=move |ev| lessons.set(ev.target().value())></textarea>
            </label>
            <div class="button-row">
                <button type="button" class="button" id="ob-save-retro" on:click=move |_| {
                    let retro = Retrospective {
                        date: browser::local_today(),
                        went_well: went_well.get_untracked(),
                        lessons: lessons.get_untracked(),
                    };
                    save(Rc::new(move |p| p.retrospective = Some(retro.clone())));
                }>{tr(Msg::ObRetroSave)}</button>
            </div>
        </section>
    }
}
