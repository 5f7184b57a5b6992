//! The working panel under an onboarding project's form: the computed tier and risk flags,
//! yellow flags, the playbook version the project follows, the dated plan with one-click
//! progress (done, skipped, changed, undo, steps added), the exports (plan as CSV,
//! milestones as .ics, print), integration and go/no-go checklists, the risk register, the
//! three stakeholder messages and the retrospective. Every change is saved at once.

mod checklists;
mod messages;
mod plan;
mod summary;

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::onboarding::plan::Phase;
use crate::domain::onboarding::progress::{ProgressEntry, ProgressKind};
use crate::domain::onboarding::{OnboardingProject, Playbook};
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::i18n::Msg;
use crate::prompts::onboarding::facts::Computed;
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::load::{load_db, Loaded};
use crate::ui::state::{tr, use_app, AppState};

use checklists::{Checklists, RiskRegister};
use messages::{Messages, RetrospectiveForm};
use plan::{AddStep, PlanExports, PlanTable};
use summary::{PlaybookChoice, Summary, YellowFlags};

/// The project as computed among the other projects, with its playbook version.
struct View {
    project: OnboardingProject,
    account: Option<Account>,
    computed: Computed,
}

/// The other projects (first in industry, playbook statistics) and the playbooks.
type Context = (Vec<OnboardingProject>, Vec<Playbook>);

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

/// What the parts of the panel share: the project as shown, what it is computed among, and
/// where a change goes. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
struct Panel {
    state: AppState,
    current: RwSignal<OnboardingProject>,
    base: StoredValue<AnyRecord>,
    context: Loaded<Result<Context, StorageError>>,
    accounts: StoredValue<Arc<AccountIndex>>,
    /// The note recorded with the next progress entry.
    note: RwSignal<String>,
}

impl Panel {
    /// The project as it is now, computed (reactive).
    fn computed(self) -> Arc<View> {
        let project = self.current.get();
        self.context.with(|loaded| {
            let (others, playbooks): (&[OnboardingProject], &[Playbook]) = match loaded {
                Some(Ok((others, playbooks))) => (others, playbooks),
                _ => (&[], &[]),
            };
            self.accounts
                .with_value(|a| compute(project, others, playbooks, a))
        })
    }

    /// The playbooks loaded so far (reactive).
    fn playbooks(self) -> Vec<Playbook> {
        self.context.with(|loaded| match loaded {
            Some(Ok((_, playbooks))) => playbooks.clone(),
            _ => Vec::new(),
        })
    }

    fn show(self, p: &OnboardingProject) {
        self.current.try_set(p.clone());
        self.base.try_set_value(AnyRecord::Onboarding(p.clone()));
    }

    /// Applies `change` here at once, then to the record as stored now (what another tab
    /// saved meanwhile is kept), and saves that.
    fn save(self, change: Rc<dyn Fn(&mut OnboardingProject)>) {
        self.state.update_record(
            AnyRecord::Onboarding(self.current.get_untracked()),
            Rc::new(move |r| {
                if let AnyRecord::Onboarding(x) = r {
                    change(x)
                }
            }),
            Rc::new(move |r| {
                if let AnyRecord::Onboarding(x) = r {
                    self.show(x)
                }
            }),
        );
    }

    /// Records progress on `task` today, with the note typed (which is then cleared).
    fn record(self, task: String, kind: ProgressKind, phase: Option<Phase>) {
        let text = self.note.get_untracked();
        let today = browser::local_today();
        self.save(Rc::new(move |p| {
            p.progress.push(ProgressEntry {
                task: task.clone(),
                kind,
                date: today,
                note: text.clone(),
                phase,
            })
        }));
        self.note.set(String::new());
    }
}

/// The panel for the onboarding project held in `base` (kept up to date, so saving the form
/// above keeps what the panel recorded); nothing for another kind of record.
#[component]
pub fn OnboardingPanel(base: StoredValue<AnyRecord>, accounts: Arc<AccountIndex>) -> impl IntoView {
    let AnyRecord::Onboarding(initial) = base.get_value() else {
        return None;
    };
    let context = load_db(move |db| async move {
        let projects = db.list::<OnboardingProject>().await?;
        let playbooks = db.list::<Playbook>().await?;
        Ok::<_, StorageError>((projects, playbooks))
    });
    let panel = Panel {
        state: use_app(),
        current: RwSignal::new(initial),
        base,
        context,
        accounts: StoredValue::new(accounts),
        note: RwSignal::new(String::new()),
    };
    Some(view! {
        <section class="panel onboarding-panel" id="onboarding-plan" aria-labelledby="ob-heading">
            <h2 id="ob-heading">{tr(Msg::ObPanelHeading)}</h2>
            <p class="hint">{tr(Msg::ObPanelLede)}</p>
            <Summary panel />
            <h3 id="ob-flags-heading">{tr(Msg::ObFactYellowFlags)}</h3>
            <YellowFlags panel />
            <div class="status-row no-print"><PlaybookChoice panel /></div>

            <h3 id="ob-plan-heading">{tr(Msg::ObPlanHeading)}</h3>
            <PlanTable panel />
            <AddStep panel />
            <PlanExports panel />

            <h3>{tr(Msg::ObChecklistsHeading)}</h3>
            <Checklists panel />

            <h3 id="ob-risks-heading">{tr(Msg::ObFactRisks)}</h3>
            <RiskRegister panel />

            <h3 class="no-print">{tr(Msg::ObMessagesHeading)}</h3>
            <Messages panel />

            <RetrospectiveForm panel />
        </section>
    })
}
