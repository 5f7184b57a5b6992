//! A guided prompt for one record: its form, prefilled from the record, beside the draft
//! panel. The prompt's messages and built-in draft come from `prompts`; this page only wires
//! the form values and the record's computed facts into them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::feedback::{FeedbackItem, Theme};
use crate::domain::form::{FieldError, FormValues};
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};
use crate::llm::redact::{known_names, Kind};
use crate::prompts::{
    self, system_message, user_message, PromptRequest, PromptSpec, RecordContext,
};
use crate::route::Route;
use crate::storage::error::StorageError;
use crate::ui::browser;
use crate::ui::components::draft_panel::{DraftPanel, Generation};
use crate::ui::components::field::form_field;
use crate::ui::list::CollectAny;
use crate::ui::load::load;
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};

/// Computes a record's facts in the output language of a generation.
type FactsFor = Arc<dyn Fn(Lang) -> Vec<(Msg, String)> + Send + Sync>;

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
            // Feedback prompts compute their facts among every item and theme.
            let related: (Vec<FeedbackItem>, Vec<Theme>) = if workspace == Workspace::Feedback {
                (db.list().await?, db.list().await?)
            } else {
                (Vec::new(), Vec::new())
            };
            Ok::<_, StorageError>((record, AccountIndex::new(accounts), Arc::new(related)))
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
                    Ok((Some(record), accounts, related)) => {
                        let ctx = RecordContext { record: &record, accounts: &accounts, feedback: &related.0, themes: &related.1, now: browser::now(), zone: &browser::BrowserZone };
                        match (spec.prefill)(&ctx, lang) {
                            Some(values) => {
                                let stem = format!("{}-{}", spec.id, record.title(&accounts).chars().take(30).collect::<String>());
                                let mail_to = match &record {
                                    AnyRecord::Escalation(e) => e.contact_email.clone(),
                                    _ => String::new(),
                                };
                                let facts: FactsFor = {
                                    let (record, accounts, related) = (record.clone(), accounts.clone(), related.clone());
                                    Arc::new(move |lang| {
                                        let ctx = RecordContext { record: &record, accounts: &accounts, feedback: &related.0, themes: &related.1, now: browser::now(), zone: &browser::BrowserZone };
                                        (spec.facts)(&ctx, lang)
                                    })
                                };
                                let names = known_names(accounts.iter(), Some(&record));
                                prompt_form(spec, record_id.clone(), values, facts, names, stem, mail_to).into_any()
                            }
                            None => view! { <p class="error-text">{tr(Msg::NotFoundTitle)}</p> }.into_any(),
                        }
                    }
                    Ok((None, _, _)) => view! { <p class="error-text" role="alert">{tr(Msg::RecordNotFound)}</p> }.into_any(),
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
    names: Vec<(Kind, String)>,
    file_stem: String,
    mail_to: String,
) -> impl IntoView {
    let state = use_app();
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
            names: names.clone(),
            draft: request.start_draft(
                browser::new_id(),
                record_id.clone(),
                source,
                browser::now(),
            ),
        }
    });
    view! {
        <h1 id="prompt-title">{tr(spec.title)}</h1>
        <p class="lede">{tr(spec.intro)}</p>
        <div class="prompt-layout">
            <form class="record-form prompt-form" aria-labelledby="prompt-title" novalidate on:submit=|ev| ev.prevent_default()>
                <div class="button-row">
                    <button type="button" class="button small" id="fill-example"
                        on:click=move |_| values.set((spec.example)(state.lang.get_untracked()))>
                        {tr(Msg::FillExample)}
                    </button>
                </div>
                {spec.fields.iter().map(|f| form_field(*f, values, errors, no_accounts.clone())).collect_any()}
            </form>
            <DraftPanel owner=owner file_stem=file_stem compose=compose word_limit=spec.word_limit email_section=spec.email_section mail_to=mail_to />
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
                        .collect_any()}
                </div>
            </section>
        }
    })
}
