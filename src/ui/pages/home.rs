//! Home: what Casebook is, the three workspaces with their record counts, the first steps
//! for a new user (or the sample data to explore), and the backup reminder.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::backup_reminder::backup_due;
use crate::domain::escalation::board::{attention, sort_attention};
use crate::domain::escalation::Escalation;
use crate::domain::feedback::stats::{
    overdue, unacknowledged, waiting_near_renewal, OVERDUE_STAGES,
};
use crate::domain::listing::{PageWindow, PAGE_SIZE};
use crate::domain::onboarding::OnboardingProject;
use crate::domain::record::{excerpt, AccountIndex};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::route::Route;
use crate::storage::db::Db;
use crate::storage::error::StorageError;
use crate::storage::sample::sample_backup;
use crate::storage::schema::{Setting, Store, SETTING_LAST_BACKUP};
use crate::ui::browser;
use crate::ui::components::pager::Pager;
use crate::ui::list::CollectAny;
use crate::ui::load::{load_db, Loaded};
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};

/// Records read (and lines written) in one slice of "needs attention now".
const SLICE: u32 = 200;

/// Facts the home page shows, read together.
#[derive(Clone)]
struct Overview {
    counts: Vec<(Store, u32)>,
    /// Sample records are present.
    sample: bool,
}

/// Lets the browser run between two slices of work.
async fn pause() {
    TimeoutFuture::new(0).await;
}

/// A line of "needs attention now": the link to the record and what needs doing.
type Line = (String, String);

/// The lines of "needs attention now" across the workspaces, in `lang`, read and written a
/// slice at a time (there may be thousands): open escalations and feedback not yet
/// acknowledged or waiting on product, read through the indexes, then onboarding projects.
async fn attention_lines(db: &Db, lang: Lang) -> Result<Vec<Line>, StorageError> {
    let now = browser::now();
    let mut unread = db.unread::<Account>().await?;
    let mut accounts = Vec::with_capacity(unread.len());
    while !unread.is_empty() {
        accounts.extend(unread.next_slice(SLICE as usize)?);
        pause().await;
    }
    let accounts = AccountIndex::new(accounts);
    let mut escalations = db
        .escalations_with_status(&Escalation::OPEN_STATUSES)
        .await?;
    let mut found = Vec::new();
    while !escalations.is_empty() {
        let slice = escalations.next_slice(SLICE as usize / 2)?;
        found.extend(attention(&slice, &accounts, now, &browser::BrowserZone));
        pause().await;
    }
    sort_attention(&mut found);
    let href = |workspace, id: &str| Route::Edit(workspace, id.to_string()).href();
    let mut lines: Vec<(String, String)> = found
        .iter()
        .map(|a| {
            (
                href(Workspace::Escalations, &a.escalation_id),
                a.text(now, lang),
            )
        })
        .collect();
    let mut feedback = Vec::new();
    for stage in OVERDUE_STAGES {
        let mut after = None::<String>;
        loop {
            let batch = db
                .feedback_at_stage_after(stage, after.as_deref(), SLICE)
                .await?;
            let Some(last) = batch.last() else { break };
            after = Some(last.id.clone());
            feedback.extend(batch.into_iter().filter(|i| overdue(i, now).is_some()));
            pause().await;
        }
    }
    let late = [
        (
            unacknowledged(&feedback, now),
            Msg::HomeFeedbackUnacknowledged,
        ),
        (
            waiting_near_renewal(&feedback, &accounts, now),
            Msg::HomeFeedbackWaiting,
        ),
    ];
    for (items, msg) in late {
        for slice in items.chunks(SLICE as usize) {
            lines.extend(slice.iter().map(|item| {
                let account = accounts.name(&item.account_id);
                let verbatim = excerpt(&item.verbatim, 60);
                let text = msg.fill(lang, &[("account", &account), ("verbatim", &verbatim)]);
                (href(Workspace::Feedback, &item.id), text)
            }));
            pause().await;
        }
    }
    let projects = db.list::<OnboardingProject>().await?;
    lines.extend(onboarding_lines(&projects, &accounts, lang));
    Ok(lines)
}

/// Onboarding projects with yellow flags or slipping milestones, as lines of "needs attention
/// now".
fn onboarding_lines(
    projects: &[OnboardingProject],
    accounts: &AccountIndex,
    lang: Lang,
) -> Vec<(String, String)> {
    crate::domain::onboarding::progress::home_lines(
        projects,
        accounts,
        browser::local_today(),
        lang,
    )
    .into_iter()
    .map(|l| {
        (
            Route::Edit(Workspace::Onboarding, l.project_id).href(),
            l.text,
        )
    })
    .collect()
}

/// The overview as loaded: `None` until read, then the facts or why they could not be.
type Loading = Loaded<Result<Overview, StorageError>>;

/// How many records `store` holds (0 until the overview is read).
fn count(overview: Loading, store: Store) -> u32 {
    overview
        .get()
        .and_then(|o| o.ok())
        .and_then(|o| o.counts.iter().find(|(s, _)| *s == store).map(|(_, n)| *n))
        .unwrap_or(0)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let state = use_app();
    let overview = load_db(move |db| async move {
        let counts = db.counts().await?;
        let sample = db.has_sample().await?;
        Ok::<_, StorageError>(Overview { counts, sample })
    });
    // The rest is read once the counts are shown, so that they wait for nothing else.
    let counted = Memo::new(move |_| overview.with(|o| o.is_some()));
    // It reads every account.
    let reminder = load_db(move |db| {
        let start = counted.get();
        async move {
            if !start {
                return Ok(false);
            }
            let last: Option<Setting> = db.get(SETTING_LAST_BACKUP).await?;
            let last = last.and_then(|s| s.instant());
            let oldest = db.earliest_created(Store::Accounts).await?;
            Ok::<_, StorageError>(backup_due(last, oldest, browser::now()))
        }
    });
    // In slices.
    let attention = load_db(move |db| {
        let start = counted.get();
        async move {
            if !start {
                return Ok(None);
            }
            attention_lines(&db, state.lang.get_untracked())
                .await
                .map(Some)
        }
    });
    let busy = RwSignal::new(false);
    view! {
        <section class="page home">
            <h1>{tr(Msg::HomeTitle)}</h1>
            <p class="lede">{tr(Msg::HomeLede)}</p>
            {move || overview.get().and_then(|o| o.err()).map(load_failure)}
            {move || (reminder.get().and_then(|due| due.ok()) == Some(true)).then(|| view! {
                <div class="banner banner-warning" id="backup-reminder">
                    <span>{tr(Msg::BackupReminder)}</span>
                    <a class="button" href=Route::Settings.href()>{tr(Msg::GoToBackup)}</a>
                </div>
            })}
            <SampleBanner overview busy />
            {move || (overview.get().is_some() && count(overview, Store::Accounts) == 0).then(|| view! { <GettingStarted overview busy /> })}
            <Attention overview attention />
            <div class="cards">
                <WorkspaceCard overview workspace=Workspace::Escalations store=Store::Escalations what=Msg::HomeEscalations />
                <WorkspaceCard overview workspace=Workspace::Feedback store=Store::Feedback what=Msg::HomeFeedback />
                <WorkspaceCard overview workspace=Workspace::Onboarding store=Store::Onboarding what=Msg::HomeOnboarding />
            </div>
            <p class="privacy-note">{tr(Msg::PrivacyNote)}</p>
        </section>
    }
}

/// The first steps for a new user: add an account, open a workspace, back up; on an empty
/// Casebook, the sample data to explore.
#[component]
fn GettingStarted(overview: Loading, busy: RwSignal<bool>) -> impl IntoView {
    // Nothing at all but settings: the sample data is offered.
    let empty = move || {
        overview.get().and_then(|o| o.ok()).is_some_and(|o| {
            o.counts
                .iter()
                .all(|(s, n)| *s == Store::Settings || *n == 0)
        })
    };
    view! {
        <div class="getting-started">
            <h2>{tr(Msg::GettingStarted)}</h2>
            <ol>
                <li>
                    <a href=Route::New(Workspace::Accounts).href()>{tr(Msg::StepAddAccount)}</a>
                </li>
                <li>{tr(Msg::StepOpenWorkspace)}</li>
                <li>{tr(Msg::StepBackup)}</li>
            </ol>
            {move || empty().then(|| view! {
                <p>{tr(Msg::SampleOffer)}</p>
                <button type="button" class="button" id="add-sample" disabled=move || busy.get() on:click=move |_| add_sample(busy)>
                    {tr(Msg::SampleExplore)}
                </button>
            })}
        </div>
    }
}

/// While sample records are present: says so, and removes them in one click.
#[component]
fn SampleBanner(overview: Loading, busy: RwSignal<bool>) -> impl IntoView {
    move || {
        overview.get().and_then(|o| o.ok()).is_some_and(|o| o.sample).then(|| view! {
        <div class="banner banner-info" id="sample-banner">
            <span>{tr(Msg::SampleShowing)}</span>
            <button type="button" class="button" disabled=move || busy.get() on:click=move |_| remove_sample(busy)>
                {tr(Msg::SampleRemove)}
            </button>
        </div>
    })
    }
}

/// "Needs attention now", once there is any record: each line links to its record, a page
/// of lines at a time.
#[component]
fn Attention(
    overview: Loading,
    attention: Loaded<Result<Option<Vec<Line>>, StorageError>>,
) -> impl IntoView {
    let page = RwSignal::new(0usize);
    // The lines of the page shown.
    let lines = move |w: PageWindow| {
        attention.with(|a| match a {
            Some(Ok(Some(all))) => all[w.start..w.end].to_vec(),
            _ => Vec::new(),
        })
    };
    let window = Memo::new(move |_| {
        let total = attention.with(|a| match a {
            Some(Ok(Some(all))) => all.len(),
            _ => 0,
        });
        PageWindow::new(total, page.get(), PAGE_SIZE)
    });
    let any = move || {
        overview
            .get()
            .and_then(|o| o.ok())
            .is_some_and(|o| o.counts.iter().any(|(_, n)| *n > 0))
    };
    let reading = move || {
        (any() && attention.with(|a| matches!(a, None | Some(Ok(None))))).then(|| {
            view! { <p class="hint" id="attention-reading" role="status">{tr(Msg::HomeAttentionReading)}</p> }
        })
    };
    let found = move || {
        (any() && attention.with(|a| matches!(a, Some(Ok(Some(_)))))).then(|| view! {
        <section class="attention" id="attention" aria-labelledby="attention-heading">
            <h2 id="attention-heading">{tr(Msg::HomeAttention)}</h2>
            {move || if window.get().total == 0 {
                view! { <p class="hint">{tr(Msg::HomeNothingUrgent)}</p> }.into_any()
            } else {
                let w = window.get();
                view! {
                    <ul class="attention-list">
                        {lines(w).into_iter().map(|(href, text)| view! { <li><a href=href>{text}</a></li> }).collect_any()}
                    </ul>
                }.into_any()
            }}
            <Pager window page />
        </section>
    })
    };
    let failed = move || {
        attention
            .with(|a| match a {
                Some(Err(error)) => Some(error.clone()),
                _ => None,
            })
            .map(load_failure)
    };
    view! { {reading} {found} {failed} }
}

/// A workspace: its title linking to its list, what it is for, and how many records it has.
#[component]
fn WorkspaceCard(
    overview: Loading,
    workspace: Workspace,
    store: Store,
    what: Msg,
) -> impl IntoView {
    let state = use_app();
    view! {
        <article class="card">
            <h2><a href=Route::List(workspace).href()>{tr(workspace.title())}</a></h2>
            <p>{tr(what)}</p>
            <p class="card-count">{move || match count(overview, store) {
                1 => Msg::RecordCountOne.text(state.lang.get()).to_string(),
                n => Msg::RecordCount.fill(state.lang.get(), &[("n", &n.to_string())]),
            }}</p>
        </article>
    }
}

/// Loads the sample data in the interface language next to what is there, in one
/// transaction, and says how many records it added. `busy` is set meanwhile.
fn add_sample(busy: RwSignal<bool>) {
    let state = use_app();
    let lang = state.lang.get_untracked();
    busy.set(true);
    leptos::task::spawn_local(async move {
        let Some(db) = state.db() else { return };
        match sample_backup(lang, browser::now(), browser::local_today()) {
            Err(error) => state.say_text(error.message(lang), true),
            Ok(sample) => {
                let n: usize = sample.counts().iter().map(|(_, n)| n).sum();
                match db.put_many(sample.into_stores()).await {
                    Ok(()) => {
                        state.changed();
                        state
                            .say_text(Msg::SampleAdded.fill(lang, &[("n", &n.to_string())]), false);
                    }
                    Err(error) => state.report(&error),
                }
            }
        }
        busy.set(false);
    });
}

/// Removes every sample record (and drafts written for one) in one click, and says how many.
fn remove_sample(busy: RwSignal<bool>) {
    let state = use_app();
    busy.set(true);
    leptos::task::spawn_local(async move {
        let Some(db) = state.db() else { return };
        match db.remove_sample().await {
            Ok(removal) => {
                state.changed();
                let lang = state.lang.get_untracked();
                let mut text =
                    Msg::SampleRemoved.fill(lang, &[("n", &removal.count().to_string())]);
                if removal.kept_accounts > 0 {
                    text = format!(
                        "{text} {}",
                        Msg::SampleKept.fill(lang, &[("n", &removal.kept_accounts.to_string())])
                    );
                }
                state.say_text(text, false);
            }
            Err(error) => state.report(&error),
        }
        busy.set(false);
    });
}
