//! Home: what Casebook is, the three workspaces with their record counts, the first steps
//! for a new user, and the backup reminder.

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::backup_reminder::backup_due;
use crate::i18n::Msg;
use crate::route::{Route, Workspace};
use crate::storage::error::StorageError;
use crate::storage::schema::{Setting, Store, SETTING_LAST_BACKUP};
use crate::ui::browser;
use crate::ui::load::load;
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};

/// Facts the home page shows, read together.
#[derive(Clone)]
struct Overview {
    counts: Vec<(Store, u32)>,
    backup_due: bool,
}

#[component]
pub fn HomePage() -> impl IntoView {
    let state = use_app();
    let overview = load(move || {
        state.data_version.track();
        let db = state.db();
        Box::pin(async move {
            let db = db.ok_or(StorageError::Unavailable)?;
            let counts = db.counts().await?;
            let accounts = db.list::<Account>().await?;
            let last: Option<Setting> = db.get(SETTING_LAST_BACKUP).await?;
            let last = last.and_then(|s| s.instant());
            let oldest = accounts.iter().map(|a| a.created_at).min();
            Ok::<_, StorageError>(Overview {
                counts,
                backup_due: backup_due(last, oldest, browser::now()),
            })
        })
    });
    let count = move |store: Store| {
        overview
            .get()
            .and_then(|o| o.ok())
            .and_then(|o| o.counts.iter().find(|(s, _)| *s == store).map(|(_, n)| *n))
            .unwrap_or(0)
    };
    let workspace_card = move |workspace: Workspace, store: Store, what: Msg| {
        view! {
            <article class="card">
                <h2><a href=Route::List(workspace).href()>{tr(workspace.title())}</a></h2>
                <p>{tr(what)}</p>
                <p class="card-count">{move || Msg::RecordCount.fill(state.lang.get(), &[("n", &count(store).to_string())])}</p>
            </article>
        }
    };
    view! {
        <section class="page home">
            <h1>{tr(Msg::HomeTitle)}</h1>
            <p class="lede">{tr(Msg::HomeLede)}</p>
            {move || overview.get().and_then(|o| o.err()).map(load_failure)}
            {move || (overview.get().and_then(|o| o.ok()).is_some_and(|o| o.backup_due)).then(|| view! {
                <div class="banner banner-warning" id="backup-reminder">
                    <span>{tr(Msg::BackupReminder)}</span>
                    <a class="button" href=Route::Settings.href()>{tr(Msg::GoToBackup)}</a>
                </div>
            })}
            {move || (overview.get().is_some() && count(Store::Accounts) == 0).then(|| view! {
                <div class="getting-started">
                    <h2>{tr(Msg::GettingStarted)}</h2>
                    <ol>
                        <li>
                            <a href=Route::New(Workspace::Accounts).href()>{tr(Msg::StepAddAccount)}</a>
                        </li>
                        <li>{tr(Msg::StepOpenWorkspace)}</li>
                        <li>{tr(Msg::StepBackup)}</li>
                    </ol>
                </div>
            })}
            <div class="cards">
                {workspace_card(Workspace::Escalations, Store::Escalations, Msg::HomeEscalations)}
                {workspace_card(Workspace::Feedback, Store::Feedback, Msg::HomeFeedback)}
                {workspace_card(Workspace::Onboarding, Store::Onboarding, Msg::HomeOnboarding)}
            </div>
            <p class="privacy-note">{tr(Msg::PrivacyNote)}</p>
        </section>
    }
}
