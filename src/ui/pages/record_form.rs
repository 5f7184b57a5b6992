//! The create / edit screen of a workspace record: the generic form built from the record's
//! field specs, validation with per-field messages, save, and delete with confirmation
//! (an account still linked to records cannot be deleted).

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::escalation::classify_form;
use crate::domain::form::Coded;
use crate::domain::form::{FieldError, FormValues};
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::route::Route;
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::components::confirm::ConfirmPanel;
use crate::ui::components::field::{form_field, input_id};
use crate::ui::escalation::panel::EscalationPanel;
use crate::ui::feedback::panel::feedback_panel;
use crate::ui::list::CollectAny;
use crate::ui::load::load;
use crate::ui::onboarding::panel::OnboardingPanel;
use crate::ui::pages::prompt::prompt_links;
use crate::ui::shell::load_failure;
use crate::ui::state::{hold_while, tr, use_app};
use crate::ui::workspace_text::WorkspaceText;

pub fn form_page(workspace: Workspace, id: Option<String>) -> impl IntoView {
    let state = use_app();
    let is_new = id.is_none();
    // Loaded once: a change in another tab must not wipe what the user is typing.
    let data = load(move || {
        let id = id.clone();
        let db = state.db();
        Box::pin(async move {
            let db = db.ok_or(StorageError::Unavailable)?;
            let record = match id {
                Some(id) => db.get_record(workspace, &id).await?,
                None => Some(AnyRecord::blank(
                    workspace,
                    browser::new_id(),
                    browser::now(),
                )),
            };
            let accounts = db.list::<Account>().await?;
            Ok::<_, StorageError>((record, accounts))
        })
    });
    view! {
        <section class="page">
            <p class="breadcrumb"><a href=Route::List(workspace).href()>{tr(workspace.title())}</a></p>
            <h1 id="record-title">{tr(if is_new { workspace.new_label() } else { workspace.edit_title() })}</h1>
            {move || {
                data.get()
                    .map(|result| match result {
                        Err(error) => load_failure(error).into_any(),
                        Ok((None, _)) => view! { <p class="error-text" role="alert">{tr(Msg::RecordNotFound)}</p> }.into_any(),
                        Ok((Some(record), accounts)) => view! { <RecordEditor workspace is_new record accounts=Arc::new(AccountIndex::new(accounts)) /> }.into_any(),
                    })
            }}
        </section>
    }
}

/// The built-in classification of an escalation form as typed, in one sentence; nothing
/// until there is a summary.
fn analysis_preview(values: &FormValues, accounts: &AccountIndex, lang: Lang) -> Option<String> {
    values.get("summary").filter(|s| !s.trim().is_empty())?;
    let c = classify_form(values, accounts, browser::local_today());
    let signals: Vec<&str> = c.signals.iter().map(|s| s.label().text(lang)).collect();
    Some(Msg::PanelPreview.fill(
        lang,
        &[
            ("severity", c.severity.label().text(lang)),
            ("type", c.kind.label().text(lang)),
            (
                "signals",
                &if signals.is_empty() {
                    Msg::NoSignals.text(lang).to_string()
                } else {
                    signals.join("; ")
                },
            ),
        ],
    ))
}

/// The form of one record, its working panel and prompts once saved, and deleting it.
#[component]
fn RecordEditor(
    workspace: Workspace,
    is_new: bool,
    record: AnyRecord,
    accounts: Arc<AccountIndex>,
) -> impl IntoView {
    let state = use_app();
    let initial = record.to_form();
    let values: RwSignal<FormValues> = RwSignal::new(initial.clone());
    hold_while(move || values.with(|v| *v != initial));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saving = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let title = record.title(&accounts);
    let record_id = record.id().to_string();
    let base = StoredValue::new(record);
    let index = StoredValue::new(accounts.clone());

    let save = move || {
        let mut record = base.get_value();
        let checked = index.with_value(|accounts| {
            record.apply_form(&values.get_untracked(), browser::now(), accounts)
        });
        if let Err(found) = checked {
            if let Some(first) = found.first() {
                browser::focus(&input_id(first.field));
            }
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        saving.set(true);
        state.save_record(record, move |saved| {
            if saved {
                back_to_list(workspace);
            } else {
                saving.try_set(false);
            }
        });
    };
    let onboarding =
        (!is_new).then(|| view! { <OnboardingPanel base accounts=accounts.clone() /> });
    let feedback = (!is_new).then(|| feedback_panel(base, values));

    view! {
        <form
            class="record-form"
            aria-labelledby="record-title"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
            on:keydown=move |ev| {
                if ev.key() == "Escape" && !confirming.get_untracked() {
                    back_to_list(workspace);
                }
            }
        >
            <FormSummary errors />
            {AnyRecord::fields(workspace).iter().map(|spec| form_field(*spec, values, errors, accounts.clone())).collect_any()}
            {(workspace == Workspace::Escalations).then(|| view! { <AnalysisPreview values accounts=accounts.clone() /> })}
            <FormButtons workspace is_new saving confirming />
            <p class="hint">{tr(Msg::FormKeyboardHint)}</p>
        </form>
        {(!is_new).then(|| prompt_links(workspace, record_id.clone()))}
        {(!is_new).then(|| view! { <EscalationPanel base form=values accounts=accounts.clone() /> })}
        {onboarding}
        {feedback}
        {move || confirming.get().then(|| view! {
            <ConfirmDelete workspace base title=title.clone() confirming />
        })}
    }
}

/// Goes back to the list of `workspace`.
fn back_to_list(workspace: Workspace) {
    browser::go_to(&Route::List(workspace).href());
}

/// How many fields need fixing, shown once a save found errors.
#[component]
fn FormSummary(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let state = use_app();
    move || {
        (!errors.with(Vec::is_empty)).then(|| view! {
        <p class="form-summary" role="alert" id="form-summary">
            {move || Msg::FixFields.fill(state.lang.get(), &[("n", &errors.with(Vec::len).to_string())])}
        </p>
    })
    }
}

/// The built-in classification of the escalation as typed (see `analysis_preview`).
#[component]
fn AnalysisPreview(values: RwSignal<FormValues>, accounts: Arc<AccountIndex>) -> impl IntoView {
    let state = use_app();
    move || {
        analysis_preview(&values.get(), &accounts, state.lang.get())
            .map(|text| view! { <p class="analysis-preview" id="analysis-preview" aria-live="polite">{text}</p> })
    }
}

/// Save (busy while saving), Cancel, and Delete for a record already saved.
#[component]
fn FormButtons(
    workspace: Workspace,
    is_new: bool,
    saving: RwSignal<bool>,
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let state = use_app();
    view! {
        <div class="button-row">
            <button type="submit" class="button primary" id="save-record" disabled=move || saving.get()>
                {move || state.t(if saving.get() { Msg::Saving } else { Msg::Save })}
            </button>
            <a class="button" href=Route::List(workspace).href()>{tr(Msg::Cancel)}</a>
            {(!is_new).then(|| view! {
                <button type="button" class="button danger-outline" id="delete-record" on:click=move |_| confirming.set(true)>
                    {tr(Msg::Delete)}
                </button>
            })}
        </div>
    }
}

/// Asks before deleting the record in `base`; an account still linked to records stays.
#[component]
fn ConfirmDelete(
    workspace: Workspace,
    base: StoredValue<AnyRecord>,
    title: String,
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let state = use_app();
    let delete = move || {
        let record = base.get_value();
        leptos::task::spawn_local(async move {
            let Some(db) = state.db() else { return };
            match db.delete_record(&record).await {
                Ok(Ok(())) => {
                    state.changed();
                    state.say(Msg::Deleted);
                    back_to_list(workspace);
                }
                Ok(Err(linked)) => {
                    confirming.try_set(false);
                    state.say_text(
                        Msg::AccountInUse
                            .fill(state.lang.get_untracked(), &[("n", &linked.to_string())]),
                        true,
                    );
                }
                Err(error) => state.report(&error),
            }
        });
    };
    view! {
        <ConfirmPanel
            question=Msg::ConfirmDeleteRecord
            arg=("title", title)
            confirm_label=Msg::Delete
            on_confirm=Callback::new(move |()| delete())
            on_cancel=Callback::new(move |()| confirming.set(false))
        />
    }
}
