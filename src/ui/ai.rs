//! The interface's access to AI connections: loading and saving them (session-only keys
//! merged in from session storage), listing models and testing a connection. Requests are
//! built by `llm::request` and sent by `llm::transport`; nothing here builds HTTP by hand.

use crate::i18n::Lang;
use crate::llm::connections::{Connection, Connections, KeyStorage, SETTING_CONNECTIONS};
use crate::llm::decode::StreamEvent;
use crate::llm::request::{chat_request, models_request, parse_models};
use crate::llm::transport::{fetch_text, stream_chat, Failure};
use crate::storage::db::Db;
use crate::storage::error::StorageError;
use crate::ui::browser;

/// The saved connections, with session-only keys filled in from this tab's session.
pub async fn load_connections(db: &Db) -> Result<Connections, StorageError> {
    let mut connections: Connections = db.setting(SETTING_CONNECTIONS).await?.unwrap_or_default();
    for connection in &mut connections.list {
        if connection.key_storage == KeyStorage::Session {
            connection.profile.api_key = browser::session_key(&connection.id).unwrap_or_default();
        }
    }
    Ok(connections)
}

/// Saves the connections; session-only keys go to session storage, never to IndexedDB.
pub async fn save_connections(db: &Db, connections: &Connections) -> Result<(), StorageError> {
    for connection in &connections.list {
        let session_key = if connection.key_storage == KeyStorage::Session {
            connection.profile.api_key.as_str()
        } else {
            ""
        };
        browser::set_session_key(&connection.id, session_key);
    }
    db.put_setting(SETTING_CONNECTIONS, &connections.for_storage())
        .await
}

/// Forgets a deleted connection's session key.
pub fn forget_key(connection: &Connection) {
    browser::set_session_key(&connection.id, "");
}

/// A user-facing description of a failed request.
pub fn describe(failure: &Failure, lang: Lang) -> String {
    match failure {
        Failure::Aborted => crate::i18n::Msg::Stopped.text(lang).to_string(),
        Failure::Llm(error) => error.describe(lang),
    }
}

/// The model ids the connection's endpoint offers.
pub async fn list_models(connection: &Connection, lang: Lang) -> Result<Vec<String>, String> {
    let request = models_request(&connection.profile).map_err(|m| m.text(lang).to_string())?;
    let controller = web_sys::AbortController::new().map_err(|_| String::new())?;
    let body = fetch_text(&request, &controller.signal())
        .await
        .map_err(|f| describe(&f, lang))?;
    parse_models(connection.profile.kind, &body).map_err(|m| m.text(lang).to_string())
}

/// Sends a one-word request and returns how long the first answer took, in milliseconds.
pub async fn test_connection(connection: &Connection, lang: Lang) -> Result<u64, String> {
    let request = chat_request(&connection.profile, "", "Reply with the single word OK.")
        .map_err(|m| m.text(lang).to_string())?;
    let controller = web_sys::AbortController::new().map_err(|_| String::new())?;
    let started = js_sys::Date::now();
    let mut answered = false;
    stream_chat(
        &request,
        connection.profile.kind,
        &controller.signal(),
        &mut |events| {
            answered |= events.iter().any(|e| matches!(e, StreamEvent::Text(_)));
        },
    )
    .await
    .map_err(|f| describe(&f, lang))?;
    if !answered {
        return Err(crate::i18n::Msg::LlmErrMalformedStream
            .text(lang)
            .to_string());
    }
    Ok((js_sys::Date::now() - started).max(0.0) as u64)
}
