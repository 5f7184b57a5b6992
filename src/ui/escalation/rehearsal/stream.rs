//! Asking a model for the next customer line or the coach's comment: the conversation goes
//! out through `llm::request` and `llm::transport` (rate limits waited out with a countdown,
//! Stop aborts), and the answer is shown as it streams.

use leptos::prelude::*;
use web_sys::AbortController;

use crate::domain::escalation::rehearsal::Speaker;
use crate::i18n::{Lang, Msg};
use crate::llm::connections::Connection;
use crate::llm::decode::StreamEvent;
use crate::llm::redact::{outgoing_conversation, Kind, Outgoing};
use crate::llm::request::ChatRole;
use crate::llm::transport::stream_chat_retrying;
use crate::ui::ai;

/// Where an answer in progress is shown, and how it is stopped.
#[derive(Clone, Copy)]
pub struct Live {
    /// The text so far, while an answer streams.
    pub text: RwSignal<Option<String>>,
    /// A countdown or the failure, in words.
    pub error: RwSignal<Option<String>>,
    pub controller: StoredValue<Option<AbortController>, LocalStorage>,
}

impl Default for Live {
    fn default() -> Self {
        Self {
            text: RwSignal::new(None),
            error: RwSignal::new(None),
            controller: StoredValue::new_local(None),
        }
    }
}

impl Live {
    /// Stops the answer in progress, if any.
    pub fn stop(self) {
        self.controller.try_with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    }
}

/// Streams `connection`'s answer to `turns` under `system`, showing it in `live`; returns
/// what arrived (a stopped or failed answer keeps its text; the failure is shown). What is
/// sent is redacted as the connection asks (`names` are the people and customers known), and
/// the answer is restored as it streams.
pub async fn ask(
    connection: &Connection,
    names: &[(Kind, String)],
    system: &str,
    turns: &[(Speaker, String)],
    live: Live,
    lang: Lang,
) -> String {
    let wire: Vec<(ChatRole, &str)> = turns
        .iter()
        .map(|(who, text)| match who {
            Speaker::Csm => (ChatRole::User, text.as_str()),
            Speaker::Customer => (ChatRole::Assistant, text.as_str()),
        })
        .collect();
    let Outgoing {
        request,
        mut restorer,
    } = match outgoing_conversation(connection, names.to_vec(), system, &wire) {
        Ok(outgoing) => outgoing,
        Err(msg) => {
            live.error.try_set(Some(msg.text(lang).to_string()));
            return String::new();
        }
    };
    let Ok(abort) = AbortController::new() else {
        return String::new();
    };
    let signal = abort.signal();
    live.controller.try_set_value(Some(abort));
    live.error.try_set(None);
    let mut text = String::new();
    live.text.try_set(Some(String::new()));
    let on_wait = |left: Option<u64>| {
        live.error
            .try_set(left.map(|s| Msg::RetryingIn.fill(lang, &[("seconds", &s.to_string())])));
    };
    let outcome = stream_chat_retrying(
        &request,
        connection.profile.kind,
        &signal,
        on_wait,
        |events| {
            for event in events {
                if let StreamEvent::Text(piece) | StreamEvent::Refusal(piece) = event {
                    text.push_str(&restorer.push(&piece));
                    live.text.try_set(Some(text.clone()));
                }
            }
        },
    )
    .await;
    text.push_str(&restorer.finish());
    if let Err(failure) = outcome {
        live.error.try_set(Some(ai::describe(&failure, lang)));
    }
    live.controller.try_set_value(None);
    live.text.try_set(None);
    text
}
