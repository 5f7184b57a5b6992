//! Rehearsing an escalation's customer call (`#/escalations/<id>/rehearse`): the set-up
//! (difficulty, output language, who plays the customer), the live conversation with the
//! built-in customer or a model, the scorecard, and the list of past rehearsals shown on the
//! escalation's page. Every rehearsal is saved as it goes; a scored one reopens read-only.

mod past;
mod scorecard;
mod session;
mod setup;
mod stream;

pub use past::RehearsalSection;

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::account::Account;
use crate::domain::escalation::rehearsal::Rehearsal;
use crate::domain::escalation::{Effective, Escalation};
use crate::domain::record::{AccountIndex, AnyRecord};
use crate::domain::workspace::Workspace;
use crate::i18n::Msg;
use crate::llm::connections::Connections;
use crate::llm::redact::{known_names, Kind};
use crate::route::Route;
use crate::storage::db::Db;
use crate::storage::error::StorageError;
use crate::ui::ai;
use crate::ui::browser;
use crate::ui::load::load;
use crate::ui::shell::load_failure;
use crate::ui::state::{tr, use_app};

/// What a rehearsal works from: the escalation, its account's name, its classification in
/// force, and the AI connections.
pub struct Context {
    pub escalation: Escalation,
    /// The people and customers known, which redaction replaces.
    pub names: Vec<(Kind, String)>,
    pub account: String,
    pub effective: Effective,
    pub connections: Connections,
}

type Loaded = Option<(Rc<Context>, Option<Rehearsal>)>;

/// Reads the escalation and, when asked, the rehearsal (`None` when either is gone).
async fn read(
    db: Option<Rc<Db>>,
    id: String,
    rehearsal: Option<String>,
) -> Result<Loaded, StorageError> {
    let db = db.ok_or(StorageError::Unavailable)?;
    let Some(AnyRecord::Escalation(escalation)) =
        db.get_record(Workspace::Escalations, &id).await?
    else {
        return Ok(None);
    };
    let accounts = AccountIndex::new(db.list::<Account>().await?);
    let effective =
        escalation.effective(accounts.get(&escalation.account_id), browser::local_today());
    let connections = ai::load_connections(&db).await?;
    let rehearsal = match rehearsal {
        Some(r) => match db.get::<Rehearsal>(&r).await? {
            Some(found) => Some(found),
            None => return Ok(None),
        },
        None => None,
    };
    let names = known_names(
        accounts.iter(),
        Some(&AnyRecord::Escalation(escalation.clone())),
    );
    let context = Context {
        names,
        account: accounts.name(&escalation.account_id),
        escalation,
        effective,
        connections,
    };
    Ok(Some((Rc::new(context), rehearsal)))
}

/// The rehearsal page of escalation `id`: a new rehearsal, or rehearsal `rehearsal`.
pub fn rehearsal_page(id: String, rehearsal: Option<String>) -> impl IntoView {
    let back = Route::Edit(Workspace::Escalations, id.clone()).href();
    // Loaded once: a save here or in another tab must not restart the conversation.
    let state = use_app();
    let data = load(move || Box::pin(read(state.db(), id.clone(), rehearsal.clone())));
    view! {
        <section class="page rehearsal">
            <p class="breadcrumb"><a href=back>{tr(Msg::BackToRecord)}</a></p>
            <h1>{tr(Msg::RehRehearseCall)}</h1>
            {move || data.get().map(|result| match result {
                Err(error) => load_failure(error).into_any(),
                Ok(None) => view! { <p class="error-text" role="alert">{tr(Msg::RecordNotFound)}</p> }.into_any(),
                Ok(Some((context, None))) => setup::setup_form(context).into_any(),
                Ok(Some((context, Some(r)))) => session::session(context, r).into_any(),
            })}
        </section>
    }
}
