//! The working panel under an escalation's form: the built-in classification with its
//! rationale and the CSM's override, the status with the one-click event log, the
//! stakeholders to activate, the dated resolution timeline (editable, downloadable as .ics)
//! and the two meeting agendas. Every change is saved to the record at once.

mod classification;
mod plan;
mod status;

use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::escalation::plan::{timeline, TimelineItem};
use crate::domain::escalation::rules::{classify, EscalationType};
use crate::domain::escalation::{Effective, Escalation};
use crate::domain::form::{Choice, Coded, FormValues};
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::i18n::Msg;
use crate::ui::browser::{self, BrowserZone};
use crate::ui::list::CollectAny;
use crate::ui::state::{tr, use_app, AppState};

use classification::{Classification, OverrideForm};
use plan::{Agendas, Stakeholders, Timeline};
use status::{EventLog, StatusControls};

/// Everything the panel shows, computed from the record in one place.
#[derive(PartialEq)]
struct Analysis {
    effective: Effective,
    cue_hits: Vec<(EscalationType, usize)>,
    items: Vec<TimelineItem>,
}

fn analyse(e: &Escalation, accounts: &AccountIndex) -> Analysis {
    let today = browser::local_today();
    let account = accounts.get(&e.account_id);
    let rules = classify(e, account, today);
    let effective = e.effective(account, today);
    let items = timeline(e, &effective, &BrowserZone);
    Analysis {
        cue_hits: rules
            .type_hits
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect(),
        effective,
        items,
    }
}

fn choice_options(choices: &'static [Choice], selected: &'static str) -> impl IntoView {
    choices
        .iter()
        .map(
            |c| view! { <option value=c.value selected=c.value == selected>{tr(c.label)}</option> },
        )
        .collect_any()
}

/// What the parts of the panel share: the escalation as shown, its analysis, and where a
/// change goes. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
struct Panel {
    state: AppState,
    current: RwSignal<Escalation>,
    /// Recomputed on every save: the analysis depends on the record only.
    analysis: RwSignal<Arc<Analysis>>,
    base: StoredValue<AnyRecord>,
    form: RwSignal<FormValues>,
    accounts: StoredValue<Arc<AccountIndex>>,
}

impl Panel {
    /// Shows a version of the record here (the form's status included: saving the form must
    /// not undo what the panel changed). `try_`: a save may finish after the page is left.
    fn show(self, e: &Escalation) {
        self.analysis
            .try_set(self.accounts.with_value(|a| Arc::new(analyse(e, a))));
        self.form.try_update(|v| {
            v.insert("status", e.status.code().to_string());
        });
        self.current.try_set(e.clone());
        self.base.try_set_value(AnyRecord::Escalation(e.clone()));
    }

    /// Applies `change` here at once, then to the record as stored now (what another tab
    /// saved meanwhile is kept), and saves that.
    fn save(self, change: Rc<dyn Fn(&mut Escalation)>) {
        self.state.update_record(
            AnyRecord::Escalation(self.current.get_untracked()),
            Rc::new(move |r| {
                if let AnyRecord::Escalation(x) = r {
                    change(x)
                }
            }),
            Rc::new(move |r| {
                if let AnyRecord::Escalation(x) = r {
                    self.show(x)
                }
            }),
        );
    }
}

/// The panel for the escalation held in `base` (kept up to date, as is the status in the
/// `form` above, so saving the form keeps what the panel changed); nothing for another
/// kind of record.
#[component]
pub fn EscalationPanel(
    base: StoredValue<AnyRecord>,
    form: RwSignal<FormValues>,
    accounts: Arc<AccountIndex>,
) -> impl IntoView {
    let AnyRecord::Escalation(initial) = base.get_value() else {
        return None;
    };
    let analysis = RwSignal::new(Arc::new(analyse(&initial, &accounts)));
    let panel = Panel {
        state: use_app(),
        current: RwSignal::new(initial),
        analysis,
        base,
        form,
        accounts: StoredValue::new(accounts),
    };
    Some(view! {
        <section class="panel escalation-panel" id="escalation-analysis" aria-labelledby="analysis-heading">
            <h2 id="analysis-heading">{tr(Msg::PanelAnalysis)}</h2>
            <p class="hint">{tr(Msg::PanelAnalysisLede)}</p>
            <Classification panel />
            <OverrideForm panel />

            <h3 id="event-log-heading">{tr(Msg::PanelStatusAndLog)}</h3>
            <StatusControls panel />
            <EventLog panel />

            <h3 id="stakeholders-heading">{tr(Msg::PanelStakeholders)}</h3>
            <Stakeholders panel />

            <h3 id="timeline-heading">{tr(Msg::PanelTimeline)}</h3>
            <Timeline panel />

            <h3>{tr(Msg::PanelAgendas)}</h3>
            <Agendas panel />
        </section>
    })
}
