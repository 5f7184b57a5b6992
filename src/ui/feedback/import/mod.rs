//! The feedback CSV import screen: choose a file, map its columns (guessed from the header),
//! preview the first rows, choose the survey size and the stage each group of responses starts
//! in (defaults from the domain's rule table; counts per stage shown before and after), then
//! import in slices that yield to the browser (progress, cancel). Per-row errors are listed
//! and nothing is stored unless every row reads; a good import stores its items and new
//! accounts in one transaction.
//!
//! `mapping` draws the step between choosing the file and importing it, `run` imports, and
//! `outcome` shows the progress and how the import ended.

mod mapping;
mod outcome;
mod run;

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::feedback::import::{
    count_groups, detect_separator, guess_mapping, read_headers, ImportJob, Mapping, RowError,
    StagePlan,
};
use crate::domain::feedback::stats::NpsSummary;
use crate::domain::feedback::Stage;
use crate::domain::parse::parse_count;
use crate::domain::workspace::Workspace;
use crate::i18n::Msg;
use crate::route::Route;
use crate::ui::browser;
use crate::ui::components::file_input::TextFileInput;
use crate::ui::state::{hold_while, tr, use_app, AppState};

use mapping::MappingStep;
use outcome::{ImportOutcome, ImportProgress};

/// A chosen file: its text and what was read from its header line.
struct Csv {
    text: String,
    headers: Vec<String>,
    separator: u8,
    rows: usize,
}

/// Figures of a finished import.
#[derive(Clone)]
struct Summary {
    responses: usize,
    accounts: usize,
    new_accounts: usize,
    nps: NpsSummary,
    surveyed: Option<u32>,
    /// Items per starting stage.
    stages: Vec<(Stage, usize)>,
}

/// How an import ended (cancelled imports end with neither).
#[derive(Clone)]
enum Outcome {
    Rejected(Arc<Vec<RowError>>),
    Imported(Summary),
}

/// What the parts of the screen share: the file and the choices made for it, and the import
/// under way or ended.
#[derive(Clone, Copy)]
struct Import {
    state: AppState,
    csv: RwSignal<Option<Arc<Csv>>>,
    mapping: RwSignal<Mapping>,
    file_error: RwSignal<Option<Msg>>,
    /// The survey size as typed.
    surveyed: RwSignal<String>,
    surveyed_error: RwSignal<Option<Msg>>,
    plan: RwSignal<StagePlan>,
    /// Responses per group, read from the whole file (score and comment columns only).
    groups: Memo<[usize; 6]>,
    /// Rows read and rows in all, while importing.
    progress: RwSignal<Option<(usize, usize)>>,
    saving: RwSignal<bool>,
    outcome: RwSignal<Option<Outcome>>,
    cancelled: StoredValue<bool>,
    input: NodeRef<leptos::html::Input>,
}

impl Import {
    fn new() -> Self {
        let csv = RwSignal::new(None::<Arc<Csv>>);
        let mapping = RwSignal::new(Mapping::default());
        let groups = Memo::new(move |_| {
            let m = mapping.get();
            csv.with(|file| file.as_ref().map(|f| count_groups(&f.text, &m)))
                .unwrap_or_default()
        });
        Self {
            state: use_app(),
            csv,
            mapping,
            file_error: RwSignal::new(None),
            surveyed: RwSignal::new(String::new()),
            surveyed_error: RwSignal::new(None),
            plan: RwSignal::new(StagePlan::default()),
            groups,
            progress: RwSignal::new(None),
            saving: RwSignal::new(false),
            outcome: RwSignal::new(None),
            cancelled: StoredValue::new(false),
            input: NodeRef::new(),
        }
    }

    /// Forgets an earlier file's mapping and outcome when another is chosen.
    fn clear(self) {
        self.csv.set(None);
        self.file_error.set(None);
        self.outcome.set(None);
    }

    /// Reads the chosen file's text (`None`: unreadable) and guesses its mapping; an
    /// unreadable or empty file is reported.
    fn read_file(self, text: Option<String>) {
        let Some(text) = text else {
            self.file_error.try_set(Some(Msg::ErrFileUnreadable));
            return;
        };
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            self.file_error.try_set(Some(Msg::FiErrEmpty));
            return;
        }
        let headers = read_headers(&text);
        let rows = ImportJob::new(&text, Mapping::default())
            .step(0)
            .total_estimate;
        self.mapping.try_set(guess_mapping(&headers));
        self.csv.try_set(Some(Arc::new(Csv {
            separator: detect_separator(&text),
            text,
            headers,
            rows,
        })));
    }

    /// The survey size typed (`None` when left empty); an invalid one is shown at its field.
    fn survey_size(self) -> Result<Option<u32>, ()> {
        let fail = |msg: Msg| {
            self.surveyed_error.set(Some(msg));
            browser::focus("import-surveyed");
            Err(())
        };
        let size = match self
            .surveyed
            .with_untracked(|t| t.trim().to_string())
            .as_str()
        {
            "" => None,
            t => match parse_count(t) {
                Ok(n) if n > 0 => Some(n),
                Ok(_) => return fail(Msg::ErrNotANumber),
                Err(m) => return fail(m),
            },
        };
        self.surveyed_error.set(None);
        Ok(size)
    }

    /// Imports the chosen file with the choices made.
    fn start(self) {
        let Some(file) = self.csv.get_untracked() else {
            return;
        };
        let Ok(survey_size) = self.survey_size() else {
            return;
        };
        let chosen = self.mapping.get_untracked();
        self.outcome.set(None);
        self.cancelled.set_value(false);
        self.progress.set(Some((0, file.rows)));
        let stages = self.plan.get_untracked();
        leptos::task::spawn_local(async move {
            let state = self.state;
            let result = self.run(&file.text, chosen, stages, survey_size).await;
            self.progress.try_set(None);
            self.saving.try_set(false);
            match result {
                Ok(None) => state.say(Msg::FiCancelled),
                Ok(Some(done)) => self.show(done),
                Err(error) => state.report(&error),
            }
        });
    }

    /// Shows how the import ended; after a good one the file is cleared and lists refresh.
    fn show(self, done: Outcome) {
        let imported = matches!(done, Outcome::Imported(_));
        self.outcome.try_set(Some(done));
        if imported {
            self.state.changed();
            self.csv.try_set(None);
            if let Some(input) = self.input.get_untracked() {
                input.set_value("");
            }
        }
        // The summary or the errors are drawn on the next frame: focus them then.
        let target = if imported {
            "import-summary"
        } else {
            "import-errors-title"
        };
        request_animation_frame(move || browser::focus(target));
    }
}

/// The import page.
pub fn feedback_import_page() -> impl IntoView {
    let import = Import::new();
    hold_while(move || import.progress.with(Option::is_some) || import.saving.get());
    view! {
        <section class="page">
            <p class="breadcrumb"><a href=Route::List(Workspace::Feedback).href()>{tr(Msg::NavFeedback)}</a></p>
            <h1>{tr(Msg::FiTitle)}</h1>
            <p class="lede">{tr(Msg::FiLede)}</p>
            <div class="field import-file">
                <TextFileInput id="import-file" label=Msg::FiFile accept=".csv,.tsv,.txt,text/csv" node_ref=import.input
                    on_pick=Callback::new(move |()| import.clear())
                    on_read=Callback::new(move |text| import.read_file(text)) />
                {move || import.file_error.get().map(|m| view! { <p class="error-text" id="import-file-error" role="alert">{tr(m)}</p> })}
            </div>
            {move || import.csv.get().map(|file| view! { <MappingStep file import/> })}
            <ImportProgress import/>
            <ImportOutcome import/>
        </section>
    }
}
