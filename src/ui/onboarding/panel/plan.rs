//! The onboarding plan: its tasks by phase with one-click progress (done, skipped, changed,
//! undo), a step added by hand, and the exports (plan as CSV, milestones as .ics, print).

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::form::Coded;
use crate::domain::onboarding::plan::{self, plan_csv, Phase, PlannedTask, PHASE_CHOICES};
use crate::domain::onboarding::progress::{ProgressEntry, ProgressKind};
use crate::domain::onboarding::OnboardingProject;
use crate::i18n::{Lang, Msg};
use crate::ui::browser;
use crate::ui::list::CollectAny;
use crate::ui::state::tr;

use super::{Panel, View};

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
    plan::milestone_calendar(
        &view.computed.plan,
        &view.project.id,
        customer,
        lang,
        browser::now(),
    )
}

/// The note for the next progress entry and the plan's tasks, phase by phase.
#[component]
pub(super) fn PlanTable(panel: Panel) -> impl IntoView {
    let note = panel.note;
    let phases = move || {
        let lang = panel.state.lang.get();
        let v = panel.computed();
        PHASE_CHOICES
            .iter()
            .filter_map(|choice| Phase::from_code(choice.value))
            .map(|phase| {
                let rows = v
                    .computed
                    .plan
                    .tasks
                    .iter()
                    .filter(|t| t.phase == phase)
                    .map(|t| task_row(panel, t, &v, lang))
                    .collect_any();
                view! {
                    <tbody>
                        <tr class="phase-row"><th colspan="6" scope="colgroup">{phase.label().text(lang)}</th></tr>
                        {rows}
                    </tbody>
                }
            })
            .collect_any()
    };
    view! {
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
                {phases}
            </table>
        </div>
    }
}

/// One task of the plan: what, who, criterion, dependencies, due date, and its status.
fn task_row(panel: Panel, t: &PlannedTask, v: &View, lang: Lang) -> impl IntoView {
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
    let key = name.clone();
    view! {
        <tr class:done=closed class:alert=!closed && t.due < v.computed.today data-key=key>
            <td>{t.title_text(lang).to_string()}</td>
            <td>{t.owner.label().text(lang)}</td>
            <td>{t.criterion.text(lang)}</td>
            <td>{deps.join(", ")}</td>
            <td><time>{t.due.to_string()}</time></td>
            <td class="task-status">
                <TaskStatus panel name status closed lang />
            </td>
        </tr>
    }
}

/// A task's latest status (with its date and note), the buttons that record progress while
/// it is open, and the one that undoes the latest record.
#[component]
fn TaskStatus(
    panel: Panel,
    /// The task as progress records name it: its key, or an added step's name.
    name: String,
    status: Option<ProgressEntry>,
    closed: bool,
    lang: Lang,
) -> impl IntoView {
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
                    on:click=move |_| panel.record(name.clone(), kind, None)>
                    {kind.label().text(lang)}
                </button>
            }
        })
        .collect_any()
    });
    let undo = status.clone().map(|entry| {
        view! {
            <button type="button" class="button small" on:click=move |_| {
                let entry = entry.clone();
                panel.save(Rc::new(move |p| {
                    if let Some(i) = p.progress.iter().rposition(|e| *e == entry) {
                        p.progress.remove(i);
                    }
                }));
            }>{Msg::ObUndo.text(lang)}</button>
        }
    });
    let status_text = status.map(|e| {
        let text = Msg::ObStatusOn.fill(
            lang,
            &[
                ("status", e.kind.label().text(lang)),
                ("date", &e.date.to_string()),
            ],
        );
        if e.note.is_empty() {
            text
        } else {
            format!("{text} — {}", e.note)
        }
    });
    view! {
        {status_text.map(|s| view! { <span class="status-text">{s}</span>" " })}
        <span class="no-print">{buttons}{undo}</span>
    }
}

/// A step added to the plan by hand, in the phase chosen.
#[component]
pub(super) fn AddStep(panel: Panel) -> impl IntoView {
    let new_step = RwSignal::new(String::new());
    let new_phase = RwSignal::new(Phase::Weeks2To4.code().to_string());
    let add_step = move || {
        let name = new_step.get_untracked().trim().to_string();
        if name.is_empty() {
            browser::focus("ob-new-step");
            return;
        }
        panel.record(
            name,
            ProgressKind::Added,
            Phase::from_code(&new_phase.get_untracked()),
        );
        new_step.set(String::new());
    };
    view! {
        <form class="status-row no-print" id="ob-add-step" on:submit=move |ev| { ev.prevent_default(); add_step(); }>
            <label class="grow">{tr(Msg::ObNewStep)}" "
                <input type="text" id="ob-new-step" prop:value=move || new_step.get()
                    on:input:target=move |ev| new_step.set(ev.target().value()) />
            </label>
            <label>{tr(Msg::ObColPhase)}" "
                <select id="ob-new-phase" on:change:target=move |ev| new_phase.set(ev.target().value())>
                    {move || PHASE_CHOICES.iter().map(|c| view! {
                        <option value=c.value selected=c.value == new_phase.get_untracked()>{tr(c.label)}</option>
                    }).collect_any()}
                </select>
            </label>
            <button type="submit" class="button">{tr(Msg::ObAddStep)}</button>
        </form>
    }
}

/// The plan as CSV, its milestones as .ics, and printing the panel.
#[component]
pub(super) fn PlanExports(panel: Panel) -> impl IntoView {
    let state = panel.state;
    let file_stem = move || {
        let v = panel.computed();
        let name = v.account.as_ref().map_or("project", |a| a.name.as_str());
        format!("onboarding-{}", name.chars().take(30).collect::<String>())
    };
    let download = move |ext: &str, mime: &str, text: String| {
        if browser::download(&format!("{}.{ext}", file_stem()), mime, &text).is_err() {
            state.say(Msg::CopyFailed);
        }
    };
    view! {
        <div class="button-row no-print">
            <button type="button" class="button" id="ob-download-csv" on:click=move |_| {
                download("csv", "text/csv", plan_csv(&panel.computed().computed.plan, state.lang.get_untracked()));
            }>{tr(Msg::ObDownloadCsv)}</button>
            <button type="button" class="button" id="ob-download-ics" on:click=move |_| {
                download("ics", "text/calendar", milestone_calendar(&panel.computed(), state.lang.get_untracked()));
            }>{tr(Msg::PanelDownloadIcs)}</button>
            <button type="button" class="button" id="ob-print" on:click=move |_| browser::print()>{tr(Msg::ObPrint)}</button>
        </div>
    }
}
