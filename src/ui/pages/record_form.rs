//! The create / edit screen of a workspace record: the generic form built from the record's
//! field specs, validation with per-field messages, save, and delete with confirmation
//! (an account still linked to records cannot be deleted).

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::escalation::Escalation;
use crate::domain::feedback::FeedbackItem;
use crate::domain::form::{FieldError, FormValues};
use crate::domain::onboarding::OnboardingProject;
use crate::domain::record::{AccountIndex, Record};
use crate::i18n::Msg;
use crate::route::{Route, Workspace};
use crate::storage::db::Db;
use crate::storage::error::StorageError;
use crate::storage::schema::Stored;
use crate::ui::browser;
use crate::ui::components::confirm::ConfirmPanel;
use crate::ui::components::field::{form_field, input_id};
use crate::ui::state::use_app;

pub fn form_page<R: Record + Stored>(workspace: Workspace, id: Option<String>) -> impl IntoView {
    let state = use_app();
    let wanted = id.clone();
    // Loaded once: a change in another tab must not wipe what the user is typing.
    let data = LocalResource::new(move || {
        let id = wanted.clone();
        let db = state.db();
        async move {
            let db = db.ok_or(StorageError::Unavailable)?;
            let record = match id {
                Some(id) => db.get::<R>(&id).await?,
                None => None,
            };
            let accounts = db.list::<Account>().await?;
            Ok::<_, StorageError>((record, accounts))
        }
    });
    let is_new = id.is_none();
    view! {
        <section class="page">
            <p class="breadcrumb"><a href=Route::List(workspace).href()>{move || state.t(workspace.title())}</a></p>
            <h1>{move || state.t(if is_new { workspace.new_label() } else { workspace.edit_title() })}</h1>
            {move || {
                data.get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="error-text" role="alert">{move || state.t(error.message())}</p> }.into_any(),
                        Ok((None, _)) if !is_new => view! {
                            <p class="error-text" role="alert">{move || state.t(Msg::RecordNotFound)}</p>
                        }
                        .into_any(),
                        Ok((record, accounts)) => record_editor::<R>(workspace, record, Arc::new(AccountIndex::new(accounts))).into_any(),
                    })
            }}
        </section>
    }
}

fn record_editor<R: Record + Stored>(workspace: Workspace, existing: Option<R>, accounts: Arc<AccountIndex>) -> impl IntoView {
    let state = use_app();
    let is_new = existing.is_none();
    let base = existing.unwrap_or_else(|| R::blank(browser::new_id(), browser::now()));
    let values: RwSignal<FormValues> = RwSignal::new(base.to_form());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saving = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let base = StoredValue::new(base);
    let index = StoredValue::new(accounts.clone());

    let save = move || {
        let mut record = base.get_value();
        let now = browser::now();
        let checked = record
            .apply_form(&values.get_untracked(), now)
            .and_then(|()| index.with_value(|a| Some(record.conflicts(a)).filter(|c| !c.is_empty()).map_or(Ok(()), Err)));
        if let Err(found) = checked {
            if let Some(first) = found.first() {
                browser::focus(&input_id(first.field));
            }
            state.say_text(Msg::FixFields.fill(state.lang.get_untracked(), &[("n", &found.len().to_string())]), true);
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        saving.set(true);
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match db.put(&record).await {
                Ok(()) => {
                    state.changed();
                    state.say(Msg::Saved);
                    browser::go_to(&Route::List(workspace).href());
                }
                Err(error) => {
                    saving.set(false);
                    state.report(&error);
                }
            }
        });
    };

    let delete = move || {
        let record = base.get_value();
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            if R::account_id(&record).is_none() {
                match linked_records(&db, record.id()).await {
                    Ok(0) => {}
                    Ok(n) => {
                        confirming.set(false);
                        state.say_text(Msg::AccountInUse.fill(state.lang.get_untracked(), &[("n", &n.to_string())]), true);
                        return;
                    }
                    Err(error) => return state.report(&error),
                }
            }
            match db.delete::<R>(record.id()).await {
                Ok(()) => {
                    state.changed();
                    state.say(Msg::Deleted);
                    browser::go_to(&Route::List(workspace).href());
                }
                Err(error) => state.report(&error),
            }
        });
    };

    let title = index.with_value(|a| base.with_value(|b| b.title(a)));
    view! {
        <form
            class="record-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
            on:keydown=move |ev| {
                if ev.key() == "Escape" && !confirming.get_untracked() {
                    browser::go_to(&Route::List(workspace).href());
                }
            }
        >
            <Show when=move || !errors.with(Vec::is_empty)>
                <p class="form-summary" role="alert">
                    {move || Msg::FixFields.fill(state.lang.get(), &[("n", &errors.with(Vec::len).to_string())])}
                </p>
            </Show>
            {R::FIELDS.iter().map(|spec| form_field(*spec, values, errors, accounts.clone())).collect_view()}
            <div class="button-row">
                <button type="submit" class="button primary" id="save-record" disabled=move || saving.get()>
                    {move || state.t(if saving.get() { Msg::Saving } else { Msg::Save })}
                </button>
                <a class="button" href=Route::List(workspace).href()>{move || state.t(Msg::Cancel)}</a>
                <Show when=move || !is_new>
                    <button type="button" class="button danger-outline" id="delete-record" on:click=move |_| confirming.set(true)>
                        {move || state.t(Msg::Delete)}
                    </button>
                </Show>
            </div>
            <p class="hint">{move || state.t(Msg::FormKeyboardHint)}</p>
        </form>
        <Show when=move || confirming.get()>
            <ConfirmPanel
                question=Signal::derive({
                    let title = title.clone();
                    move || Msg::ConfirmDeleteRecord.fill(state.lang.get(), &[("title", &title)])
                })
                confirm_label=Msg::Delete
                on_confirm=Callback::new(move |()| delete())
                on_cancel=Callback::new(move |()| confirming.set(false))
            />
        </Show>
    }
}

/// How many escalations, feedback items and onboarding projects link to an account.
async fn linked_records(db: &Db, account_id: &str) -> Result<usize, StorageError> {
    let escalations = db.list::<Escalation>().await?;
    let feedback = db.list::<FeedbackItem>().await?;
    let onboarding = db.list::<OnboardingProject>().await?;
    Ok(escalations.iter().filter(|r| r.account_id == account_id).count()
        + feedback.iter().filter(|r| r.account_id == account_id).count()
        + onboarding.iter().filter(|r| r.account_id == account_id).count())
}
