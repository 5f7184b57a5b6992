//! Browser transport: sends a provider request with `fetch`, reads the streamed body chunk by
//! chunk into the pure `StreamReader`, and stops when its `AbortSignal` fires. Network and
//! CORS failures, HTTP errors, dropped connections and truncated streams all come back as
//! `LlmError` values; the API key only travels in the request headers built by `request`.
//! `stream_chat_retrying` waits out a rate limit as `retry::RetryPolicy` says, with a
//! countdown, and the same `AbortSignal` ends the wait at once.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortSignal, Headers, ReadableStreamDefaultReader, RequestInit, RequestMode, Response,
};

use crate::llm::decode::{StreamEvent, StreamReader};
use crate::llm::error::LlmError;
use crate::llm::profile::ProviderKind;
use crate::llm::request::HttpRequest;
use crate::llm::retry::{countdown, RetryPolicy};

/// How a transfer ended without an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The user stopped it.
    Aborted,
    Llm(LlmError),
}

impl From<LlmError> for Failure {
    fn from(error: LlmError) -> Self {
        Self::Llm(error)
    }
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Sends `request` and returns the response once its status is OK; non-2xx answers are read
/// and classified.
async fn send(request: &HttpRequest, signal: &AbortSignal) -> Result<Response, Failure> {
    let headers = Headers::new().map_err(|_| LlmError::unreachable(&request.url))?;
    for (name, value) in &request.headers {
        headers
            .set(name, value)
            .map_err(|_| LlmError::unreachable(&request.url))?;
    }
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_mode(RequestMode::Cors);
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    let window = web_sys::window().ok_or_else(|| LlmError::unreachable(&request.url))?;
    let response = JsFuture::from(window.fetch_with_str_and_init(&request.url, &init))
        .await
        .map_err(|_| aborted_or(signal, LlmError::no_answer(&request.url, online())))?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| LlmError::unreachable(&request.url))?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let names = ["retry-after", "retry-after-ms"];
    let values: Vec<(&str, String)> = names
        .iter()
        .filter_map(|n| response.headers().get(n).ok().flatten().map(|v| (*n, v)))
        .collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let body = read_text(&response).await.unwrap_or_default();
    Err(LlmError::from_http(status, &pairs, &body, now()).into())
}

/// Whether the browser believes it is online (`navigator.onLine`; true when unknown).
fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A connection lost mid-answer: said as "offline" when the browser went offline.
fn dropped() -> LlmError {
    if online() {
        LlmError::Dropped
    } else {
        LlmError::Offline
    }
}

fn aborted_or(signal: &AbortSignal, error: LlmError) -> Failure {
    if signal.aborted() {
        Failure::Aborted
    } else {
        Failure::Llm(error)
    }
}

async fn read_text(response: &Response) -> Option<String> {
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Sends a non-streamed request (model lists) and returns the body text.
pub async fn fetch_text(request: &HttpRequest, signal: &AbortSignal) -> Result<String, Failure> {
    let response = send(request, signal).await?;
    read_text(&response)
        .await
        .ok_or(Failure::Llm(LlmError::Dropped))
}

/// Sends a streamed chat request and hands every batch of decoded events to `on_events` as
/// the bytes arrive. Returns when the provider finished its answer.
pub async fn stream_chat(
    request: &HttpRequest,
    kind: ProviderKind,
    signal: &AbortSignal,
    on_events: &mut dyn FnMut(Vec<StreamEvent>),
) -> Result<(), Failure> {
    let response = send(request, signal).await?;
    let body = response.body().ok_or(LlmError::Dropped)?;
    let reader: ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|_| LlmError::Dropped)?;
    let mut decoder = StreamReader::new(kind);
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| aborted_or(signal, dropped()))?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value = Reflect::get(&chunk, &"value".into()).map_err(|_| LlmError::Dropped)?;
        let bytes = value
            .dyn_into::<Uint8Array>()
            .map_err(|_| LlmError::MalformedStream)?
            .to_vec();
        let mut events = Vec::new();
        let pushed = decoder.push(&bytes, &mut events);
        if !events.is_empty() {
            on_events(events);
        }
        pushed?;
    }
    let events = decoder.finish()?;
    if !events.is_empty() {
        on_events(events);
    }
    Ok(())
}

/// Sends a streamed chat request like `stream_chat`; when the provider answers with a rate
/// limit before any text, waits as `RetryPolicy::STANDARD` says and sends it again. Each
/// second of a wait calls `on_wait(Some(seconds left))`, and its end `on_wait(None)`.
/// Aborting `signal` (Stop, or the page left) during a wait ends it at once with
/// `Failure::Aborted`, and nothing more is sent.
pub async fn stream_chat_retrying(
    request: &HttpRequest,
    kind: ProviderKind,
    signal: &AbortSignal,
    on_wait: &mut dyn FnMut(Option<u64>),
    on_events: &mut dyn FnMut(Vec<StreamEvent>),
) -> Result<(), Failure> {
    let policy = RetryPolicy::STANDARD;
    let mut retries = 0;
    let mut text_arrived = false;
    loop {
        let result = stream_chat(request, kind, signal, &mut |events| {
            text_arrived |= events
                .iter()
                .any(|e| matches!(e, StreamEvent::Text(_) | StreamEvent::Refusal(_)));
            on_events(events);
        })
        .await;
        let Err(Failure::Llm(error)) = &result else {
            return result;
        };
        let Some(secs) = policy.wait_before_retry(error, retries, text_arrived) else {
            return result;
        };
        retries += 1;
        let waited = wait_out(secs, signal, on_wait).await;
        on_wait(None);
        waited?;
    }
}

/// Waits `secs` seconds in one-second ticks, reporting the seconds left at each; returns
/// `Failure::Aborted` as soon as `signal` fires.
async fn wait_out(
    secs: u64,
    signal: &AbortSignal,
    on_wait: &mut dyn FnMut(Option<u64>),
) -> Result<(), Failure> {
    let abort = AbortWatch::new(signal);
    for left in countdown(secs) {
        if signal.aborted() {
            break;
        }
        on_wait(Some(left));
        let tick = Promise::race(&Array::of2(&abort.settled, &timeout(1_000)));
        let _ = JsFuture::from(tick).await;
    }
    if signal.aborted() {
        Err(Failure::Aborted)
    } else {
        Ok(())
    }
}

/// A promise resolved after `ms` milliseconds.
fn timeout(ms: i32) -> Promise {
    Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    })
}

/// A promise resolved when a signal aborts; its listener is removed when dropped.
struct AbortWatch {
    signal: AbortSignal,
    listener: Option<Function>,
    settled: Promise,
}

impl AbortWatch {
    fn new(signal: &AbortSignal) -> Self {
        let mut listener = None;
        let settled = Promise::new(&mut |resolve, _| {
            if signal
                .add_event_listener_with_callback("abort", &resolve)
                .is_ok()
            {
                listener = Some(resolve);
            }
        });
        Self {
            signal: signal.clone(),
            listener,
            settled,
        }
    }
}

impl Drop for AbortWatch {
    fn drop(&mut self) {
        if let Some(listener) = &self.listener {
            let _ = self
                .signal
                .remove_event_listener_with_callback("abort", listener);
        }
    }
}
