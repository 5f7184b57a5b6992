//! Failures talking to an AI provider, classified so the UI can explain them and say what to
//! do: HTTP error statuses (with the provider's own message and retry hints), network or CORS
//! failures (with a hint chosen by host), errors reported inside a stream, and broken streams.
//! Pure: the transport passes in the status, readable headers, body and the current time.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::domain::parse::decimal_thousandths;
use crate::i18n::{Lang, Msg};

/// Longest provider message kept, in characters.
const MAX_DETAIL_CHARS: usize = 400;

/// Error labels (`type`, string `code`, `status`, detail `reason`) meaning "no credit left".
const QUOTA_LABELS: &[&str] = &[
    "insufficient_quota",
    "billing_error",
    "insufficient_credits",
];
/// Labels meaning "the key is missing, wrong or not allowed".
const AUTH_LABELS: &[&str] = &[
    "authentication_error",
    "permission_error",
    "invalid_api_key",
    "api_key_invalid",
    "unauthenticated",
    "permission_denied",
];
/// Labels meaning "no such model, deployment or endpoint".
const NOT_FOUND_LABELS: &[&str] = &[
    "not_found_error",
    "not_found",
    "model_not_found",
    "deploymentnotfound",
];
/// Labels meaning "too many requests".
const RATE_LABELS: &[&str] = &[
    "rate_limit_error",
    "rate_limit_exceeded",
    "resource_exhausted",
];
/// Labels meaning "the service is overloaded".
const OVERLOADED_LABELS: &[&str] = &["overloaded_error", "unavailable"];
/// Labels meaning "the service failed".
const SERVER_LABELS: &[&str] = &["api_error", "server_error", "internal", "timeout_error"];
/// Labels meaning "the request itself was refused".
const REJECTED_LABELS: &[&str] = &[
    "invalid_request_error",
    "invalid_argument",
    "failed_precondition",
    "context_length_exceeded",
];

/// Why a request to the AI provider failed. `detail` is the provider's own message, when it
/// sent one; `status` is `None` for errors reported inside an already started stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LlmError {
    /// 401/403: the key is missing, wrong, or lacks access.
    Unauthorized { detail: Option<String> },
    /// 404: wrong base URL, model or deployment.
    NotFound { detail: Option<String> },
    /// 429: too many requests; wait `retry_after_secs` when known.
    RateLimited {
        retry_after_secs: Option<u64>,
        detail: Option<String>,
    },
    /// 402, or a 429 that says the account has no credit or quota left.
    QuotaExceeded { detail: Option<String> },
    /// 529/503: the provider is overloaded.
    Overloaded { detail: Option<String> },
    /// Other 5xx (and 408), or an unclassified error inside the stream.
    Server {
        status: Option<u16>,
        detail: Option<String>,
    },
    /// Other 4xx: the provider refused this request (too long, bad parameter…).
    Rejected {
        status: Option<u16>,
        detail: Option<String>,
    },
    /// The provider's safety filter blocked the prompt; `reason` is its code, e.g. `SAFETY`.
    Blocked { reason: String },
    /// The request never got an HTTP answer: network failure or CORS refusal (a page cannot
    /// tell them apart).
    Unreachable { hint: ReachHint },
    /// The request got no HTTP answer and the browser says it is offline.
    Offline,
    /// The stream carried data that is not what the provider's format promises.
    MalformedStream,
    /// The connection was lost while the answer was arriving.
    Dropped,
    /// The body ended without the provider's end-of-answer signal.
    Truncated,
}

/// What to check when the endpoint could not be reached, chosen from its address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReachHint {
    /// `localhost:11434`: Ollama refuses unknown web origins unless `OLLAMA_ORIGINS` allows them.
    Ollama,
    /// `localhost:1234`: LM Studio's CORS switch is off by default.
    LmStudio,
    /// Another server on this computer: is it running, and does its CORS setting allow us?
    LocalServer,
    /// Plain `http://` to another computer: blocked as mixed content from an https page.
    PlainHttp,
    /// A public API: check the address and the network.
    PublicHost,
}

impl ReachHint {
    /// Picks the hint for the endpoint URL the request went to.
    pub fn for_url(url: &str) -> Self {
        let Some((scheme, rest)) = url.trim().split_once("://") else {
            return Self::PublicHost;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_port = authority.rsplit('@').next().unwrap_or_default();
        let (host, port) = split_host_port(host_port);
        let host = host.to_ascii_lowercase();
        let local = host == "localhost"
            || host.ends_with(".localhost")
            || host.starts_with("127.")
            || host == "[::1]"
            || host == "0.0.0.0";
        match (local, port) {
            (true, Some(11434)) => Self::Ollama,
            (true, Some(1234)) => Self::LmStudio,
            (true, _) => Self::LocalServer,
            (false, _) if scheme.eq_ignore_ascii_case("http") => Self::PlainHttp,
            (false, _) => Self::PublicHost,
        }
    }

    pub fn message(self) -> Msg {
        match self {
            Self::Ollama => Msg::LlmHintOllama,
            Self::LmStudio => Msg::LlmHintLmStudio,
            Self::LocalServer => Msg::LlmHintLocalServer,
            Self::PlainHttp => Msg::LlmHintPlainHttp,
            Self::PublicHost => Msg::LlmHintPublicHost,
        }
    }
}

/// Splits `host:port` (IPv6 hosts in brackets) into the host and the port, if one is given.
fn split_host_port(text: &str) -> (&str, Option<u16>) {
    let port_start = if text.starts_with('[') {
        text.find(']').map(|end| end + 1)
    } else {
        text.find(':')
    };
    match port_start {
        Some(i) if text[i..].starts_with(':') => (&text[..i], text[i + 1..].parse().ok()),
        _ => (text, None),
    }
}

impl LlmError {
    /// Classifies a non-2xx HTTP answer. `headers` are the response headers the page could
    /// read (names in any case); `now` turns an HTTP-date `Retry-After` into seconds.
    pub fn from_http(
        status: u16,
        headers: &[(&str, &str)],
        body: &str,
        now: DateTime<Utc>,
    ) -> Self {
        let info = match serde_json::from_str::<Value>(body) {
            Ok(value) => ErrorInfo::read(&value),
            Err(_) => ErrorInfo::from_text(body),
        };
        let header = |name: &str| {
            headers
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.trim())
        };
        let retry = header("retry-after-ms")
            .and_then(parse_retry_after_ms)
            .or_else(|| header("retry-after").and_then(|v| parse_retry_after(v, now)))
            .or(info.retry_after_secs);
        classify(Some(status), info, retry)
    }

    /// Reads an error sent inside a stream as JSON: OpenAI/OpenRouter/Gemini
    /// `{"error":{...}}`, Ollama `{"error":"..."}`, vLLM `{"object":"error","message":...}`,
    /// Anthropic `{"type":"error","error":{...}}`. `None` if `value` is not an error.
    pub fn from_stream_json(value: &Value) -> Option<Self> {
        let is_error = value.get("error").is_some_and(|e| !e.is_null())
            || value.get("object").and_then(Value::as_str) == Some("error")
            || value.get("type").and_then(Value::as_str) == Some("error");
        is_error.then(|| Self::from_error_event(value))
    }

    /// Reads the payload of an event the stream itself marks as an error (`event: error`),
    /// whatever its shape.
    pub fn from_error_event(value: &Value) -> Self {
        let info = ErrorInfo::read(value);
        let retry = info.retry_after_secs;
        classify(None, info, retry)
    }

    /// The error for a request that got no HTTP answer at all, with a hint for `url`.
    pub fn unreachable(url: &str) -> Self {
        Self::Unreachable {
            hint: ReachHint::for_url(url),
        }
    }

    /// The error for a request that got no HTTP answer: `Offline` when the browser says it
    /// is offline (`online` false), else `Unreachable` with a hint for `url`.
    pub fn no_answer(url: &str, online: bool) -> Self {
        if online {
            Self::unreachable(url)
        } else {
            Self::Offline
        }
    }

    /// The main message key (without placeholders filled, hint or provider detail).
    pub fn message(&self) -> Msg {
        match self {
            Self::Unauthorized { .. } => Msg::LlmErrUnauthorized,
            Self::NotFound { .. } => Msg::LlmErrNotFound,
            Self::RateLimited {
                retry_after_secs: Some(_),
                ..
            } => Msg::LlmErrRateLimitedWait,
            Self::RateLimited { .. } => Msg::LlmErrRateLimited,
            Self::QuotaExceeded { .. } => Msg::LlmErrQuota,
            Self::Overloaded { .. } => Msg::LlmErrOverloaded,
            Self::Server {
                status: Some(_), ..
            } => Msg::LlmErrServer,
            Self::Server { .. } => Msg::LlmErrServerInStream,
            Self::Rejected {
                status: Some(_), ..
            } => Msg::LlmErrRejected,
            Self::Rejected { .. } => Msg::LlmErrRejectedInStream,
            Self::Blocked { .. } => Msg::LlmErrBlocked,
            Self::Unreachable { .. } => Msg::LlmErrUnreachable,
            Self::Offline => Msg::LlmErrOffline,
            Self::MalformedStream => Msg::LlmErrMalformedStream,
            Self::Dropped => Msg::LlmErrDropped,
            Self::Truncated => Msg::LlmErrTruncated,
        }
    }

    /// The full explanation in `lang`: the message, then the hint for unreachable endpoints,
    /// then what the provider itself said.
    pub fn describe(&self, lang: Lang) -> String {
        let msg = self.message();
        let mut text = match self {
            Self::RateLimited {
                retry_after_secs: Some(secs),
                ..
            } => msg.fill(lang, &[("seconds", &secs.to_string())]),
            Self::Server {
                status: Some(status),
                ..
            }
            | Self::Rejected {
                status: Some(status),
                ..
            } => msg.fill(lang, &[("status", &status.to_string())]),
            Self::Blocked { reason } => msg.fill(lang, &[("reason", reason)]),
            _ => msg.text(lang).to_string(),
        };
        if let Self::Unreachable { hint } = self {
            text.push(' ');
            text.push_str(hint.message().text(lang));
        }
        if let Some(detail) = self.detail() {
            text.push(' ');
            text.push_str(&Msg::LlmProviderSaid.fill(lang, &[("detail", detail)]));
        }
        text
    }

    /// The provider's own message, if it sent one.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Self::Unauthorized { detail }
            | Self::NotFound { detail }
            | Self::RateLimited { detail, .. }
            | Self::QuotaExceeded { detail }
            | Self::Overloaded { detail }
            | Self::Server { detail, .. }
            | Self::Rejected { detail, .. } => detail.as_deref(),
            Self::Blocked { .. }
            | Self::Unreachable { .. }
            | Self::Offline
            | Self::MalformedStream
            | Self::Dropped
            | Self::Truncated => None,
        }
    }
}

/// What an error body says, in whichever provider's shape it came.
#[derive(Debug, Default)]
struct ErrorInfo {
    message: Option<String>,
    /// A numeric code in the body (OpenRouter and Gemini repeat the HTTP status; vLLM too).
    code: Option<u16>,
    /// Lower-cased `type`, string `code`, `status` and detail `reason` values.
    labels: Vec<String>,
    retry_after_secs: Option<u64>,
}

impl ErrorInfo {
    fn read(value: &Value) -> Self {
        let object = match value.get("error") {
            Some(inner @ Value::Object(_)) => inner,
            _ => value,
        };
        let message = match value.get("error") {
            Some(Value::String(text)) => Some(text.as_str()),
            _ => object.get("message").and_then(Value::as_str),
        };
        let mut labels = Vec::new();
        for key in ["type", "code", "status"] {
            if let Some(label) = object.get(key).and_then(Value::as_str) {
                labels.push(label.to_ascii_lowercase());
            }
        }
        let details = object.get("details").and_then(Value::as_array);
        for detail in details.into_iter().flatten() {
            if let Some(reason) = detail.get("reason").and_then(Value::as_str) {
                labels.push(reason.to_ascii_lowercase());
            }
        }
        let code = object
            .get("code")
            .or_else(|| value.get("code"))
            .and_then(Value::as_u64)
            .and_then(|c| u16::try_from(c).ok());
        let retry_delay = details
            .into_iter()
            .flatten()
            .filter_map(|d| d.get("retryDelay").and_then(Value::as_str))
            .find_map(parse_duration_secs);
        Self {
            message: message.and_then(clean_detail),
            code,
            labels,
            retry_after_secs: retry_delay.or_else(|| message.and_then(retry_hint_in_text)),
        }
    }

    /// A body that is not JSON: keep it as the detail unless it is an HTML page.
    fn from_text(body: &str) -> Self {
        let text = body.trim();
        Self {
            message: if text.starts_with('<') {
                None
            } else {
                clean_detail(text)
            },
            retry_after_secs: retry_hint_in_text(text),
            ..Self::default()
        }
    }

    fn has(&self, names: &[&str]) -> bool {
        self.labels
            .iter()
            .any(|label| names.contains(&label.as_str()))
    }
}

fn classify(status: Option<u16>, info: ErrorInfo, retry_after_secs: Option<u64>) -> LlmError {
    let status = status.or(info.code);
    let detail = info.message.clone();
    if status == Some(402) || info.has(QUOTA_LABELS) {
        LlmError::QuotaExceeded { detail }
    } else if matches!(status, Some(401 | 403)) || info.has(AUTH_LABELS) {
        LlmError::Unauthorized { detail }
    } else if status == Some(404) || info.has(NOT_FOUND_LABELS) {
        LlmError::NotFound { detail }
    } else if status == Some(429) || info.has(RATE_LABELS) {
        LlmError::RateLimited {
            retry_after_secs,
            detail,
        }
    } else if matches!(status, Some(503 | 529)) || info.has(OVERLOADED_LABELS) {
        LlmError::Overloaded { detail }
    } else if status.is_some_and(|s| s >= 500 || s == 408) || info.has(SERVER_LABELS) {
        LlmError::Server { status, detail }
    } else if status.is_some() || info.has(REJECTED_LABELS) {
        LlmError::Rejected { status, detail }
    } else {
        LlmError::Server { status, detail }
    }
}

/// Trims a provider message and caps its length; `None` if empty.
fn clean_detail(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.char_indices().nth(MAX_DETAIL_CHARS) {
        Some((cut, _)) => Some(format!("{}…", &text[..cut])),
        None => Some(text.to_string()),
    }
}

/// `Retry-After`: whole seconds, or an HTTP-date. Zero or a past date gives no hint.
fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<u64> {
    let secs = match value.parse::<u64>() {
        Ok(secs) => secs,
        Err(_) => {
            let date = crate::domain::time::parse_http_date(value.trim())?;
            let millis = (date - now).num_milliseconds().max(0);
            millis.unsigned_abs().div_ceil(1000)
        }
    };
    (secs > 0).then_some(secs)
}

/// `retry-after-ms` (OpenAI and Anthropic SDK convention), rounded up to seconds.
fn parse_retry_after_ms(value: &str) -> Option<u64> {
    let micros = decimal_thousandths(value.trim())?;
    (micros > 0).then(|| micros.div_ceil(1_000_000))
}

/// Finds "try again in 20s" (OpenAI), "Please retry in 7.3s" (Gemini) or "Please retry
/// after 7 seconds" (Azure) in a message.
fn retry_hint_in_text(text: &str) -> Option<u64> {
    let lower = text.to_ascii_lowercase();
    ["try again in ", "retry in ", "retry after "]
        .iter()
        .find_map(|marker| {
            let at = lower.find(marker)? + marker.len();
            parse_duration_secs(&text[at..])
        })
}

/// Parses a Go or protobuf duration at the start of `text` (`20s`, `1.5s`, `6m0s`, `1h2m`,
/// `120ms`), rounded up to whole seconds; a zero duration gives no hint.
fn parse_duration_secs(text: &str) -> Option<u64> {
    let mut rest = text;
    // In thousandths of a second.
    let mut total = 0_u64;
    let mut parsed_any = false;
    loop {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let Some(value) = decimal_thousandths(&rest[..number_len]) else {
            break;
        };
        // Units may follow a space and be spelt out ("7 seconds"); only their first letter counts.
        let unit = rest[number_len..].trim_start_matches(' ');
        let (millis_per_unit, unit_len) = if unit.starts_with("ms") {
            (1, 2)
        } else if unit.starts_with('s') {
            (1000, 1)
        } else if unit.starts_with('m') {
            (60_000, 1)
        } else if unit.starts_with('h') {
            (3_600_000, 1)
        } else {
            break;
        };
        // value is in thousandths of a unit: value × (ms per unit) / 1000 ms.
        total = total.saturating_add(value.saturating_mul(millis_per_unit) / 1000);
        parsed_any = true;
        rest = &unit[unit_len..];
    }
    (parsed_any && total > 0).then(|| total.div_ceil(1000))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap()
    }

    fn http(status: u16, body: &str) -> LlmError {
        LlmError::from_http(status, &[], body, now())
    }

    const OPENAI_BAD_KEY: &str = r#"{"error":{"message":"Incorrect API key provided: sk-abc***xyz.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#;

    #[test]
    fn no_answer_while_offline_says_offline_not_cors() {
        let url = "https://api.openai.com/v1/chat/completions";
        assert_eq!(LlmError::no_answer(url, false), LlmError::Offline);
        assert!(LlmError::no_answer(url, false)
            .describe(Lang::En)
            .contains("offline"));
        assert!(LlmError::no_answer(url, false)
            .describe(Lang::Zh)
            .contains("离线"));
        assert_eq!(
            LlmError::no_answer(url, true),
            LlmError::Unreachable {
                hint: ReachHint::PublicHost
            }
        );
    }

    #[test]
    fn statuses_map_to_kinds() {
        assert!(matches!(http(401, ""), LlmError::Unauthorized { .. }));
        assert!(matches!(http(403, ""), LlmError::Unauthorized { .. }));
        assert!(matches!(http(404, ""), LlmError::NotFound { .. }));
        assert!(matches!(http(402, ""), LlmError::QuotaExceeded { .. }));
        assert!(matches!(http(429, ""), LlmError::RateLimited { .. }));
        assert!(matches!(http(529, ""), LlmError::Overloaded { .. }));
        assert!(matches!(http(503, ""), LlmError::Overloaded { .. }));
        assert_eq!(
            http(500, ""),
            LlmError::Server {
                status: Some(500),
                detail: None
            }
        );
        assert_eq!(
            http(502, ""),
            LlmError::Server {
                status: Some(502),
                detail: None
            }
        );
        assert_eq!(
            http(408, ""),
            LlmError::Server {
                status: Some(408),
                detail: None
            }
        );
        assert_eq!(
            http(400, ""),
            LlmError::Rejected {
                status: Some(400),
                detail: None
            }
        );
        assert_eq!(
            http(413, ""),
            LlmError::Rejected {
                status: Some(413),
                detail: None
            }
        );
    }

    #[test]
    fn openai_error_message_is_kept() {
        assert_eq!(
            http(401, OPENAI_BAD_KEY),
            LlmError::Unauthorized {
                detail: Some("Incorrect API key provided: sk-abc***xyz.".into())
            }
        );
    }

    #[test]
    fn openai_insufficient_quota_is_not_a_rate_limit() {
        let body = r#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#;
        assert!(matches!(
            http(429, body),
            LlmError::QuotaExceeded { detail: Some(_) }
        ));
    }

    #[test]
    fn anthropic_overloaded_body() {
        let body = r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#;
        assert_eq!(
            http(529, body),
            LlmError::Overloaded {
                detail: Some("Overloaded".into())
            }
        );
    }

    #[test]
    fn gemini_invalid_key_arrives_as_400_but_is_unauthorized() {
        let body = r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"#;
        assert!(
            matches!(http(400, body), LlmError::Unauthorized { detail: Some(d) } if d.starts_with("API key not valid"))
        );
    }

    #[test]
    fn gemini_retry_info_gives_the_delay() {
        let body = r#"{"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"20s"}]}}"#;
        assert!(matches!(
            http(429, body),
            LlmError::RateLimited {
                retry_after_secs: Some(20),
                ..
            }
        ));
    }

    #[test]
    fn retry_hint_in_openai_message() {
        let body = r#"{"error":{"message":"Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Used 29000, Requested 1500. Please try again in 1.5s. Visit https://platform.openai.com/account/rate-limits to learn more.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}"#;
        assert!(matches!(
            http(429, body),
            LlmError::RateLimited {
                retry_after_secs: Some(2),
                ..
            }
        ));
    }

    #[test]
    fn retry_hint_with_minutes_and_gemini_wording() {
        assert_eq!(retry_hint_in_text("Please try again in 6m0s."), Some(360));
        assert_eq!(retry_hint_in_text("Please retry in 7.387285627s."), Some(8));
        assert_eq!(retry_hint_in_text("try again in 120ms"), Some(1));
        assert_eq!(retry_hint_in_text("Try again in 1h2m"), Some(3720));
        assert_eq!(
            retry_hint_in_text("Rate limit is exceeded. Please retry after 7 seconds."),
            Some(7)
        );
        assert_eq!(
            retry_hint_in_text("Please retry after 2 minutes"),
            Some(120)
        );
        assert_eq!(retry_hint_in_text("try again in a minute"), None);
        assert_eq!(retry_hint_in_text("slow down"), None);
    }

    #[test]
    fn retry_after_header_in_seconds() {
        let error = LlmError::from_http(429, &[("Retry-After", "17")], "", now());
        assert!(matches!(
            error,
            LlmError::RateLimited {
                retry_after_secs: Some(17),
                ..
            }
        ));
    }

    #[test]
    fn retry_after_header_as_http_date() {
        let headers = [("retry-after", "Mon, 23 Nov 2026 09:31:30 GMT")];
        let error = LlmError::from_http(429, &headers, "", now());
        assert!(matches!(
            error,
            LlmError::RateLimited {
                retry_after_secs: Some(90),
                ..
            }
        ));
        let past = [("retry-after", "Mon, 23 Nov 2026 09:00:00 GMT")];
        let error = LlmError::from_http(429, &past, "", now());
        assert!(matches!(
            error,
            LlmError::RateLimited {
                retry_after_secs: None,
                ..
            }
        ));
    }

    #[test]
    fn retry_after_header_in_the_obsolete_http_date_forms() {
        for date in ["Monday, 23-Nov-26 09:31:30 GMT", "Mon Nov 23 09:31:30 2026"] {
            let error = LlmError::from_http(429, &[("Retry-After", date)], "", now());
            assert!(
                matches!(
                    error,
                    LlmError::RateLimited {
                        retry_after_secs: Some(90),
                        ..
                    }
                ),
                "{date}"
            );
        }
    }

    #[test]
    fn retry_after_ms_wins_over_other_hints() {
        let headers = [("retry-after", "30"), ("RETRY-AFTER-MS", "2500")];
        let body = r#"{"error":{"message":"Please try again in 9s."}}"#;
        let error = LlmError::from_http(429, &headers, body, now());
        assert!(matches!(
            error,
            LlmError::RateLimited {
                retry_after_secs: Some(3),
                ..
            }
        ));
    }

    #[test]
    fn zero_retry_hints_are_no_hints() {
        let headers = [("retry-after", "0"), ("retry-after-ms", "0")];
        let body = r#"{"error":{"message":"Please try again in 4s."}}"#;
        let error = LlmError::from_http(429, &headers, body, now());
        assert!(matches!(
            error,
            LlmError::RateLimited {
                retry_after_secs: Some(4),
                ..
            }
        ));
        assert_eq!(retry_hint_in_text("try again in 0s"), None);
    }

    #[test]
    fn unreadable_retry_after_falls_back_to_the_body() {
        let headers = [("retry-after", "soon")];
        let body = r#"{"error":{"message":"Please try again in 9s."}}"#;
        let error = LlmError::from_http(429, &headers, body, now());
        assert!(matches!(
            error,
            LlmError::RateLimited {
                retry_after_secs: Some(9),
                ..
            }
        ));
    }

    #[test]
    fn openrouter_insufficient_credits() {
        let body = r#"{"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/credits","metadata":{}}}"#;
        assert!(matches!(
            http(402, body),
            LlmError::QuotaExceeded { detail: Some(_) }
        ));
    }

    #[test]
    fn ollama_string_error_and_plain_text_bodies() {
        assert_eq!(
            http(
                404,
                r#"{"error":"model \"llama9\" not found, try pulling it first"}"#
            ),
            LlmError::NotFound {
                detail: Some("model \"llama9\" not found, try pulling it first".into())
            }
        );
        assert_eq!(
            http(502, "Bad gateway\n"),
            LlmError::Server {
                status: Some(502),
                detail: Some("Bad gateway".into())
            }
        );
        assert_eq!(
            http(502, "<html><body>nginx</body></html>"),
            LlmError::Server {
                status: Some(502),
                detail: None
            }
        );
    }

    #[test]
    fn long_details_are_capped_on_a_character_boundary() {
        let body = format!(r#"{{"error":{{"message":"{}"}}}}"#, "错".repeat(1000));
        let Some(detail) = http(400, &body).detail().map(str::to_string) else {
            panic!("detail expected");
        };
        assert_eq!(detail.chars().count(), MAX_DETAIL_CHARS + 1);
        assert!(detail.ends_with('…'));
    }

    #[test]
    fn stream_errors_are_recognised_in_every_shape() {
        let cases = [
            (
                r#"{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"#,
                LlmError::Server {
                    status: None,
                    detail: Some("The server had an error while processing your request.".into()),
                },
            ),
            (
                r#"{"object":"error","message":"This model's maximum context length is 4096 tokens.","type":"BadRequestError","param":null,"code":400}"#,
                LlmError::Rejected {
                    status: Some(400),
                    detail: Some("This model's maximum context length is 4096 tokens.".into()),
                },
            ),
            (
                r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#,
                LlmError::Overloaded {
                    detail: Some("Overloaded".into()),
                },
            ),
            (
                r#"{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit."}}"#,
                LlmError::RateLimited {
                    retry_after_secs: None,
                    detail: Some("Number of requests has exceeded your rate limit.".into()),
                },
            ),
            (
                r#"{"id":"gen-1","object":"chat.completion.chunk","error":{"code":502,"message":"Provider returned error"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}"#,
                LlmError::Server {
                    status: Some(502),
                    detail: Some("Provider returned error".into()),
                },
            ),
            (
                r#"{"error":"an error was encountered while running the model"}"#,
                LlmError::Server {
                    status: None,
                    detail: Some("an error was encountered while running the model".into()),
                },
            ),
            (
                r#"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#,
                LlmError::Overloaded {
                    detail: Some("The model is overloaded. Please try again later.".into()),
                },
            ),
        ];
        for (json, expected) in cases {
            let value: Value = serde_json::from_str(json).unwrap();
            assert_eq!(LlmError::from_stream_json(&value), Some(expected), "{json}");
        }
    }

    #[test]
    fn ordinary_chunks_are_not_errors() {
        for json in [
            r#"{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"Hi"}}],"usage":null}"#,
            r#"{"id":"chatcmpl-1","choices":[],"error":null}"#,
            r#"{"type":"message_stop"}"#,
            r#"{"candidates":[]}"#,
        ] {
            let value: Value = serde_json::from_str(json).unwrap();
            assert_eq!(LlmError::from_stream_json(&value), None, "{json}");
        }
    }

    #[test]
    fn reach_hints_depend_on_the_host() {
        let cases = [
            ("http://localhost:11434/v1", ReachHint::Ollama),
            ("http://127.0.0.1:11434", ReachHint::Ollama),
            ("http://LOCALHOST:1234/v1/", ReachHint::LmStudio),
            ("http://localhost:8080/v1", ReachHint::LocalServer),
            ("http://[::1]:8000/v1", ReachHint::LocalServer),
            ("http://0.0.0.0:11434/v1", ReachHint::Ollama),
            ("http://192.168.1.20:8000/v1", ReachHint::PlainHttp),
            ("https://api.openai.com/v1", ReachHint::PublicHost),
            (
                "https://user@localhost.evil.com:11434/v1",
                ReachHint::PublicHost,
            ),
            ("not a url", ReachHint::PublicHost),
        ];
        for (url, expected) in cases {
            assert_eq!(ReachHint::for_url(url), expected, "{url}");
        }
    }

    #[test]
    fn descriptions_fill_placeholders_in_both_languages() {
        let error = LlmError::RateLimited {
            retry_after_secs: Some(20),
            detail: Some("Slow down".into()),
        };
        for lang in Lang::ALL {
            let text = error.describe(lang);
            assert!(text.contains("20"), "{text}");
            assert!(text.contains("Slow down"), "{text}");
            assert!(!text.contains('{'), "{text}");
        }
        let server = LlmError::Server {
            status: Some(502),
            detail: None,
        }
        .describe(Lang::En);
        assert!(server.contains("502") && !server.contains('{'), "{server}");
        let blocked = LlmError::Blocked {
            reason: "SAFETY".into(),
        }
        .describe(Lang::Zh);
        assert!(
            blocked.contains("SAFETY") && !blocked.contains('{'),
            "{blocked}"
        );
    }

    #[test]
    fn unreachable_description_includes_the_host_hint() {
        let text = LlmError::unreachable("http://localhost:11434/v1").describe(Lang::En);
        assert!(text.contains("OLLAMA_ORIGINS"), "{text}");
        let text = LlmError::unreachable("http://localhost:1234/v1").describe(Lang::En);
        assert!(text.contains("CORS"), "{text}");
    }

    #[test]
    fn every_error_has_its_own_message() {
        let errors = [
            LlmError::Unauthorized { detail: None },
            LlmError::NotFound { detail: None },
            LlmError::RateLimited {
                retry_after_secs: None,
                detail: None,
            },
            LlmError::RateLimited {
                retry_after_secs: Some(1),
                detail: None,
            },
            LlmError::QuotaExceeded { detail: None },
            LlmError::Overloaded { detail: None },
            LlmError::Server {
                status: Some(500),
                detail: None,
            },
            LlmError::Server {
                status: None,
                detail: None,
            },
            LlmError::Rejected {
                status: Some(400),
                detail: None,
            },
            LlmError::Rejected {
                status: None,
                detail: None,
            },
            LlmError::Blocked {
                reason: "SAFETY".into(),
            },
            LlmError::unreachable("https://api.openai.com"),
            LlmError::MalformedStream,
            LlmError::Dropped,
            LlmError::Truncated,
        ];
        let keys: std::collections::HashSet<Msg> = errors.iter().map(LlmError::message).collect();
        assert_eq!(keys.len(), errors.len());
    }
}
