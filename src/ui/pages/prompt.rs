//! A guided prompt for one record: its form, prefilled from the record, beside the draft
//! panel. The prompt's messages and built-in draft come from `prompts`; this page only wires
//! the form values and the record's computed facts into them.

use std::sync::Arc;

use chrono::{FixedOffset, Timelike};
use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::escalation::Escalation;
use crate::domain::escalation_rules::classify;
use crate::domain::escalation_schedule::checkpoints;
use crate::domain::form::{Coded, FieldError, FormValues};
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::i18n::{Lang, Msg};
use crate::prompts::{
    self, escalation_response_plan, system_message, user_message, PromptRequest, PromptSpec,
};
use crate::route::{Route, Workspace};
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::components::draft_panel::{DraftPanel, Generation};
use crate::ui::components::field::form_field;
use crate::ui::load::load;
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};

/// This browser's current offset from UTC (the prompts show local times).
fn local_offset() -> FixedOffset {
    let minutes = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    FixedOffset::east_opt(minutes * 60)
        .unwrap_or(FixedOffset::east_opt(0).expect("zero offset is valid"))
}

/// Computes a record's facts in the output language of a generation.
type FactsFor = Arc<dyn Fn(Lang) -> Vec<(Msg, String)> + Send + Sync>;

/// The built-in classification of an escalation as prompt facts.
fn classification_facts(
    escalation: &Escalation,
    account: Option<&Account>,
    lang: Lang,
) -> Vec<(Msg, String)> {
    let today = (browser::now()
        + chrono::Duration::seconds(local_offset().local_minus_utc().into()))
    .date_naive();
    let c = classify(escalation, account, today);
    let signals: Vec<&str> = c.signals.iter().map(|s| s.label().text(lang)).collect();
    let dates: Vec<String> = checkpoints(escalation.received_at, c.severity, local_offset())
        .iter()
        .map(|t| format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute()))
        .collect();
    vec![
        (
            Msg::FactEscalationType,
            c.kind.label().text(lang).to_string(),
        ),
        (Msg::FactSeverity, c.severity.label().text(lang).to_string()),
        (
            Msg::FactSignals,
            if signals.is_empty() {
                Msg::NoSignals.text(lang).to_string()
            } else {
                signals.join("; ")
            },
        ),
        (Msg::FactCheckpoints, dates.join(", ")),
    ]
}

/// The prompt's prefilled form and the record's computed facts, when the prompt applies to
/// this record.
fn prepare(
    spec: &PromptSpec,
    record: &AnyRecord,
    accounts: &AccountIndex,
    lang: Lang,
) -> Option<(FormValues, FactsFor)> {
    match (spec.id, record) {
        (escalation_response_plan::ID, AnyRecord::Escalation(e)) => {
            let escalation = e.clone();
            let account = accounts.get(&e.account_id).cloned();
            let facts: FactsFor = Arc::new(move |lang| {
                let mut facts = escalation_response_plan::facts(&escalation, local_offset());
                facts.extend(classification_facts(&escalation, account.as_ref(), lang));
                facts
            });
            Some((escalation_response_plan::prefill(e, accounts, lang), facts))
        }
        _ => None,
    }
}

pub fn prompt_page(workspace: Workspace, record_id: String, prompt_id: String) -> impl IntoView {
    let state = use_app();
    let spec = prompts::find(&prompt_id).filter(|s| s.workspace == workspace);
    let id = record_id.clone();
    // Loaded once: other tabs' changes must not reset the form being filled in.
    let data = load(move || {
        let db = state.db();
        let id = id.clone();
        Box::pin(async move {
            let db = db.ok_or(StorageError::Unavailable)?;
            let record = db.get_record(workspace, &id).await?;
            let accounts = db.list::<Account>().await?;
            Ok::<_, StorageError>((record, AccountIndex::new(accounts)))
        })
    });
    let back = Route::Edit(workspace, record_id.clone()).href();
    view! {
        <section class="page">
            <p class="breadcrumb"><a href=back>{tr(Msg::BackToRecord)}</a></p>
            {move || {
                let spec = spec?;
                let lang = state.lang.get_untracked();
                Some(match data.get()? {
                    Err(error) => load_failure(error).into_any(),
                    Ok((Some(record), accounts)) => match prepare(spec, &record, &accounts, lang) {
                        Some((values, facts)) => {
                            let stem = format!("{}-{}", spec.id, record.title(&accounts).chars().take(30).collect::<String>());
                            prompt_form(spec, record_id.clone(), values, facts, stem).into_any()
                        }
                        None => view! { <p class="error-text">{tr(Msg::NotFoundTitle)}</p> }.into_any(),
                    },
                    Ok((None, _)) => view! { <p class="error-text" role="alert">{tr(Msg::RecordNotFound)}</p> }.into_any(),
                })
            }}
            {spec.is_none().then(|| view! { <p class="error-text">{tr(Msg::NotFoundTitle)}</p> })}
        </section>
    }
}

fn prompt_form(
    spec: &'static PromptSpec,
    record_id: String,
    values: FormValues,
    facts: FactsFor,
    file_stem: String,
) -> impl IntoView {
    let values = RwSignal::new(values);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let no_accounts = Arc::new(AccountIndex::default());
    let owner = (record_id.clone(), spec.id);
    let compose = Callback::new(move |(lang, source)| {
        let values = values.get_untracked();
        let facts = facts(lang);
        let request = PromptRequest {
            spec,
            values: &values,
            facts: &facts,
            lang,
        };
        Generation {
            system: system_message(&request),
            user: user_message(&request),
            draft: request.start_draft(
                browser::new_id(),
                record_id.clone(),
                source,
                browser::now(),
            ),
        }
    });
    view! {
        <h1>{tr(spec.title)}</h1>
        <p class="lede">{tr(spec.intro)}</p>
        <div class="prompt-layout">
            <form class="record-form prompt-form" novalidate on:submit=|ev| ev.prevent_default()>
                {spec.fields.iter().map(|f| form_field(*f, values, errors, no_accounts.clone())).collect_view()}
            </form>
            <DraftPanel owner=owner file_stem=file_stem compose=compose />
        </div>
    }
}

/// Links to the guided prompts of a saved record.
pub fn prompt_links(workspace: Workspace, record_id: String) -> impl IntoView {
    let links: Vec<_> = prompts::ALL
        .iter()
        .filter(|s| s.workspace == workspace)
        .collect();
    (!links.is_empty()).then(|| {
        view! {
            <section class="prompt-links-section">
                <h2>{tr(Msg::GuidedPrompts)}</h2>
                <div class="prompt-links">
                    {links
                        .into_iter()
                        .map(|spec| {
                            let href = Route::Prompt(workspace, record_id.clone(), spec.id.to_string()).href();
                            view! { <a class="button" href=href>{tr(spec.title)}</a> }
                        })
                        .collect_view()}
                </div>
            </section>
        }
    })
}
