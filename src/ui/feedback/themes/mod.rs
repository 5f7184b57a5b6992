//! The theme analysis screen of the feedback workspace (`#/feedback-themes`): choosing the
//! feedback to analyse, grouping it by keywords in the browser or analysing it with an AI
//! connection chunk by chunk (progress, stop, a clear error and a retry per chunk, merge),
//! then the review of the proposed and saved themes (rename, merge, delete, move and remove
//! items) and saving the themes and each item's theme links.
//!
//! `choose` holds the first step, `run` the analysis with a model, `review` the review and
//! its saving, `cards` one theme of the review and `items` the items listed under it. What is
//! sent and how answers are read lives in `prompts::feedback::theme_run`; this screen only
//! runs it. The connection's API key goes nowhere but the chunk requests.

mod cards;
mod choose;
mod items;
mod review;
mod run;

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::domain::record::AccountIndex;
use crate::domain::sorting;
use crate::domain::workspace::Workspace;
use crate::i18n::Msg;
use crate::route::Route;
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::load::{load_db, Loaded};
use crate::ui::shell::load_failure;
use crate::ui::state::{hold_while, tr, use_app, AppState};

use choose::{ChoiceState, Choose};
use review::{Done, Review, ReviewState};
use run::{Analysis, RunState};

/// The stored records the screen works on.
struct Records {
    /// Sorted by id, for lookups.
    items: Vec<FeedbackItem>,
    themes: Vec<Theme>,
    accounts: AccountIndex,
}

impl Records {
    fn item(&self, id: &str) -> Option<&FeedbackItem> {
        let at = self
            .items
            .binary_search_by(|i| i.id.as_str().cmp(id))
            .ok()?;
        self.items.get(at)
    }
}

type Data = Loaded<Result<Records, StorageError>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Choose,
    Analyse,
    Review,
    Done,
}

/// What the steps of the screen share: the records, the step shown, and the state of the
/// choice, the analysis and the review (each kept while the others are shown).
#[derive(Clone, Copy)]
struct Screen {
    state: AppState,
    data: Data,
    step: RwSignal<Step>,
    choice: ChoiceState,
    run: RunState,
    review: ReviewState,
}

impl Screen {
    /// Back to the first step; the analysis and the review are dropped.
    fn restart(self) {
        self.run.clear();
        self.review.cards.set(Vec::new());
        self.step.set(Step::Choose);
        after_render("themes-scope");
    }
}

/// Moves the keyboard focus to `id` once the step it is in is drawn.
fn after_render(id: &'static str) {
    request_animation_frame(move || browser::focus(id));
}

/// The theme analysis and review screen.
pub fn themes_page() -> impl IntoView {
    let data: Data = load_db(move |db| async move {
        let mut items = db.list::<FeedbackItem>().await?;
        sorting::sort_by(&mut items, |a, b| a.id.cmp(&b.id));
        let mut themes = db.list::<Theme>().await?;
        sorting::sort_by(&mut themes, |a, b| a.name.cmp(&b.name));
        let accounts = AccountIndex::new(db.list::<Account>().await?);
        Ok::<_, StorageError>(Records {
            items,
            themes,
            accounts,
        })
    });
    let screen = Screen {
        state: use_app(),
        data,
        step: RwSignal::new(Step::Choose),
        choice: ChoiceState::new(),
        run: RunState::new(),
        review: ReviewState::new(),
    };
    on_cleanup(move || screen.run.abort());
    hold_while(move || screen.run.running.get());
    view! {
        <section class="page feedback-themes" id="feedback-themes">
            <p class="breadcrumb"><a href=Route::List(Workspace::Feedback).href()>{tr(Msg::NavFeedback)}</a></p>
            <h1>{tr(Msg::FbToolThemes)}</h1>
            <p class="hint">{tr(Msg::FtLede)}</p>
            {move || data.with(|d| match d {
                None => view! { <p>{tr(Msg::Loading)}</p> }.into_any(),
                Some(Err(error)) => load_failure(error.clone()).into_any(),
                Some(Ok(_)) => ().into_any(),
            })}
            {move || match screen.step.get() {
                Step::Choose => view! { <Choose screen/> }.into_any(),
                Step::Analyse => view! { <Analysis screen/> }.into_any(),
                Step::Review => view! { <Review screen/> }.into_any(),
                Step::Done => view! { <Done screen/> }.into_any(),
            }}
        </section>
    }
}
