//! Building the HTTP requests for each provider kind from a connection profile: the streamed
//! chat request (method, URL, headers, JSON body) and the model-list request, and reading the
//! model list back. The API key only ever travels in a header, never in the URL. Mistakes
//! in the profile come back as translation keys before anything is sent.

use serde_json::{json, Map, Value};

use crate::domain::sorting;
use crate::domain::url::encode_component;
use crate::i18n::Msg;
use crate::llm::profile::{ProviderKind, ProviderProfile};

/// The Azure OpenAI `api-version` used when the profile leaves it empty (GA, supports
/// `stream_options`).
pub const DEFAULT_AZURE_API_VERSION: &str = "2024-10-21";
/// Anthropic requires `max_tokens`; sent when the profile sets no limit.
pub const DEFAULT_ANTHROPIC_MAX_TOKENS: u32 = 4096;
/// The Anthropic API version header value.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
        }
    }
}

/// A request ready for `fetch`. Deliberately not `Debug`: headers hold the API key.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

/// The streamed chat request asking `profile`'s model to answer `user` under `system`
/// instructions (left out when empty).
pub fn chat_request(
    profile: &ProviderProfile,
    system: &str,
    user: &str,
) -> Result<HttpRequest, Msg> {
    let key = api_key(profile)?;
    let temperature = temperature(profile)?;
    let max_tokens = match profile.max_output_tokens {
        Some(0) => return Err(Msg::LlmErrMaxTokens),
        limit => limit,
    };
    let (url, headers, body) = match profile.kind {
        ProviderKind::OpenAiCompatible | ProviderKind::AzureOpenAi => {
            let azure = profile.kind == ProviderKind::AzureOpenAi;
            let url = if azure {
                format!(
                    "{}/openai/deployments/{}/chat/completions?api-version={}",
                    azure_endpoint(profile)?,
                    encode_component(azure_deployment(profile)?),
                    encode_component(azure_api_version(profile)),
                )
            } else {
                format!("{}/chat/completions", openai_base(profile)?)
            };
            let mut messages = Vec::new();
            if !system.trim().is_empty() {
                messages.push(json!({"role": "system", "content": system}));
            }
            messages.push(json!({"role": "user", "content": user}));
            let mut body = Map::new();
            if !azure {
                body.insert("model".into(), json!(model(profile)?));
            }
            body.insert("messages".into(), Value::Array(messages));
            body.insert("stream".into(), json!(true));
            body.insert("stream_options".into(), json!({"include_usage": true}));
            if let Some(t) = temperature {
                body.insert("temperature".into(), json!(t));
            }
            if let Some(limit) = max_tokens {
                // OpenAI's own API (and Azure) reject `max_tokens` for reasoning models; other
                // OpenAI-compatible servers only know `max_tokens`.
                let name = if azure || host(&url) == "api.openai.com" {
                    "max_completion_tokens"
                } else {
                    "max_tokens"
                };
                body.insert(name.into(), json!(limit));
            }
            (url, openai_headers(profile.kind, key), Value::Object(body))
        }
        ProviderKind::Anthropic => {
            let url = format!("{}/v1/messages", anthropic_base(profile)?);
            let mut body = Map::new();
            body.insert("model".into(), json!(model(profile)?));
            body.insert(
                "max_tokens".into(),
                json!(max_tokens.unwrap_or(DEFAULT_ANTHROPIC_MAX_TOKENS)),
            );
            if !system.trim().is_empty() {
                body.insert("system".into(), json!(system));
            }
            body.insert(
                "messages".into(),
                json!([{"role": "user", "content": user}]),
            );
            body.insert("stream".into(), json!(true));
            if let Some(t) = temperature {
                body.insert("temperature".into(), json!(t));
            }
            (url, anthropic_headers(key), Value::Object(body))
        }
        ProviderKind::Gemini => {
            let url = format!(
                "{}/models/{}:streamGenerateContent?alt=sse",
                gemini_base(profile)?,
                encode_component(gemini_model(profile)?),
            );
            let mut body = Map::new();
            body.insert(
                "contents".into(),
                json!([{"role": "user", "parts": [{"text": user}]}]),
            );
            if !system.trim().is_empty() {
                body.insert(
                    "systemInstruction".into(),
                    json!({"parts": [{"text": system}]}),
                );
            }
            let mut config = Map::new();
            if let Some(t) = temperature {
                config.insert("temperature".into(), json!(t));
            }
            if let Some(limit) = max_tokens {
                config.insert("maxOutputTokens".into(), json!(limit));
            }
            if !config.is_empty() {
                body.insert("generationConfig".into(), Value::Object(config));
            }
            (url, gemini_headers(key), Value::Object(body))
        }
    };
    let mut headers = headers;
    headers.push(("content-type", "application/json".into()));
    Ok(HttpRequest {
        method: Method::Post,
        url,
        headers,
        body: Some(body.to_string()),
    })
}

/// The request listing the models the key can use. Azure cannot list its deployments this
/// way (the deployment name is typed in), so it gets `Err(LlmNoModelListAzure)`.
pub fn models_request(profile: &ProviderProfile) -> Result<HttpRequest, Msg> {
    let key = api_key(profile)?;
    let (url, headers) = match profile.kind {
        ProviderKind::OpenAiCompatible => (
            format!("{}/models", openai_base(profile)?),
            openai_headers(profile.kind, key),
        ),
        ProviderKind::AzureOpenAi => return Err(Msg::LlmNoModelListAzure),
        ProviderKind::Anthropic => (
            format!("{}/v1/models?limit=1000", anthropic_base(profile)?),
            anthropic_headers(key),
        ),
        ProviderKind::Gemini => (
            format!("{}/models?pageSize=1000", gemini_base(profile)?),
            gemini_headers(key),
        ),
    };
    Ok(HttpRequest {
        method: Method::Get,
        url,
        headers,
        body: None,
    })
}

/// Reads the model ids out of a model-list answer, sorted. Gemini models that cannot
/// generate content (embedding models) are left out.
pub fn parse_models(kind: ProviderKind, body: &str) -> Result<Vec<String>, Msg> {
    let value: Value = serde_json::from_str(body).map_err(|_| Msg::LlmErrModelList)?;
    let mut ids: Vec<String> = match kind {
        ProviderKind::OpenAiCompatible | ProviderKind::AzureOpenAi | ProviderKind::Anthropic => {
            let data = value
                .get("data")
                .and_then(Value::as_array)
                .ok_or(Msg::LlmErrModelList)?;
            data.iter()
                .filter_map(|m| m.get("id").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        }
        ProviderKind::Gemini => {
            let models = value
                .get("models")
                .and_then(Value::as_array)
                .ok_or(Msg::LlmErrModelList)?;
            models
                .iter()
                .filter(|m| {
                    m.get("supportedGenerationMethods")
                        .and_then(Value::as_array)
                        .is_none_or(|methods| {
                            methods
                                .iter()
                                .any(|x| x.as_str() == Some("generateContent"))
                        })
                })
                .filter_map(|m| m.get("name").and_then(Value::as_str))
                .map(|name| name.strip_prefix("models/").unwrap_or(name).to_string())
                .collect()
        }
    };
    sorting::sort(&mut ids);
    ids.dedup();
    Ok(ids)
}

fn openai_headers(kind: ProviderKind, key: &str) -> Vec<(&'static str, String)> {
    match kind {
        ProviderKind::AzureOpenAi => vec![("api-key", key.to_string())],
        _ if key.is_empty() => Vec::new(),
        _ => vec![("authorization", format!("Bearer {key}"))],
    }
}

fn anthropic_headers(key: &str) -> Vec<(&'static str, String)> {
    vec![
        ("x-api-key", key.to_string()),
        ("anthropic-version", ANTHROPIC_VERSION.into()),
        ("anthropic-dangerous-direct-browser-access", "true".into()),
    ]
}

fn gemini_headers(key: &str) -> Vec<(&'static str, String)> {
    vec![("x-goog-api-key", key.to_string())]
}

/// The trimmed key. Only OpenAI-compatible servers may go without one (local servers).
fn api_key(profile: &ProviderProfile) -> Result<&str, Msg> {
    let key = profile.api_key.trim();
    if key.is_empty() && profile.kind != ProviderKind::OpenAiCompatible {
        return Err(Msg::LlmErrNoApiKey);
    }
    // A header value must be visible ASCII; anything else makes fetch throw before sending.
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Msg::LlmErrBadApiKey);
    }
    Ok(key)
}

fn temperature(profile: &ProviderProfile) -> Result<Option<f64>, Msg> {
    let Some(t) = profile.temperature else {
        return Ok(None);
    };
    let (max, error) = match profile.kind {
        ProviderKind::Anthropic => (1.0, Msg::LlmErrTemperatureAnthropic),
        _ => (2.0, Msg::LlmErrTemperature),
    };
    if (0.0..=max).contains(&t) {
        Ok(Some(t))
    } else {
        Err(error)
    }
}

fn model(profile: &ProviderProfile) -> Result<&str, Msg> {
    let model = profile.model.trim();
    if model.is_empty() {
        Err(Msg::LlmErrNoModel)
    } else {
        Ok(model)
    }
}

/// Gemini model ids are also written `models/gemini-…`; the URL wants the bare id.
fn gemini_model(profile: &ProviderProfile) -> Result<&str, Msg> {
    let model = model(profile)?;
    Ok(model.strip_prefix("models/").unwrap_or(model))
}

fn azure_deployment(profile: &ProviderProfile) -> Result<&str, Msg> {
    let deployment = profile.azure_deployment.trim();
    if deployment.is_empty() {
        Err(Msg::LlmErrAzureDeployment)
    } else {
        Ok(deployment)
    }
}

fn azure_api_version(profile: &ProviderProfile) -> &str {
    match profile.azure_api_version.trim() {
        "" => DEFAULT_AZURE_API_VERSION,
        version => version,
    }
}

/// `https://{resource}.openai.azure.com`, or the endpoint URL given instead of a name (any
/// `/openai/…` path pasted with it is dropped).
fn azure_endpoint(profile: &ProviderProfile) -> Result<String, Msg> {
    let resource = profile.azure_resource.trim();
    if resource.contains("://") {
        let base = clean_base(resource).map_err(|_| Msg::LlmErrAzureResource)?;
        let end = base.find("/openai").unwrap_or(base.len());
        Ok(base[..end].to_string())
    } else if !resource.is_empty()
        && resource
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        Ok(format!(
            "https://{}.openai.azure.com",
            resource.to_ascii_lowercase()
        ))
    } else {
        Err(Msg::LlmErrAzureResource)
    }
}

/// The profile's base URL (or the kind's default) after `clean_base`.
fn base_or_default(profile: &ProviderProfile) -> Result<String, Msg> {
    match profile.base_url.trim() {
        "" => clean_base(profile.kind.default_base_url()),
        base => clean_base(base),
    }
}

/// OpenAI-compatible base ending in the API root (`…/v1`). A pasted endpoint
/// (`…/chat/completions`) is cut back; a bare origin gets `/v1`, which every
/// OpenAI-compatible server uses.
fn openai_base(profile: &ProviderProfile) -> Result<String, Msg> {
    let base = base_or_default(profile)?;
    let base = strip_any_suffix(&base, &["/chat/completions", "/models"]);
    Ok(with_default_path(base, "/v1"))
}

/// Anthropic base without the version path, e.g. `https://api.anthropic.com`.
fn anthropic_base(profile: &ProviderProfile) -> Result<String, Msg> {
    let base = base_or_default(profile)?;
    Ok(strip_any_suffix(&base, &["/v1/messages", "/v1/models", "/v1"]).to_string())
}

/// Gemini base ending in the API version, e.g. `…/v1beta`; a bare origin gets `/v1beta`.
fn gemini_base(profile: &ProviderProfile) -> Result<String, Msg> {
    let base = base_or_default(profile)?;
    let base = strip_any_suffix(&base, &["/models"]);
    Ok(with_default_path(base, "/v1beta"))
}

fn strip_any_suffix<'a>(base: &'a str, suffixes: &[&str]) -> &'a str {
    suffixes
        .iter()
        .find_map(|suffix| base.strip_suffix(suffix))
        .unwrap_or(base)
}

/// Appends `path` when `base` is only a scheme and host.
fn with_default_path(base: &str, path: &str) -> String {
    let after_scheme = base.split_once("://").map_or(base, |(_, rest)| rest);
    if after_scheme.contains('/') {
        base.to_string()
    } else {
        format!("{base}{path}")
    }
}

/// Checks that `raw` is an absolute `http(s)://host[:port][/path]` URL without query,
/// fragment, user info or spaces, and drops trailing slashes.
fn clean_base(raw: &str) -> Result<String, Msg> {
    let text = raw.trim();
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(Msg::LlmErrBadBaseUrl)?;
    let authority = rest.split('/').next().unwrap_or_default();
    let bad = authority.is_empty()
        || authority.contains('@')
        || text.contains(['?', '#'])
        || text.chars().any(|c| c.is_whitespace() || c.is_control());
    if bad {
        return Err(Msg::LlmErrBadBaseUrl);
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// The lower-cased host of a URL built by this module.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = authority.split(':').next().unwrap_or_default();
    host.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk-test-SECRET-123";

    fn profile(kind: ProviderKind) -> ProviderProfile {
        ProviderProfile {
            kind,
            model: match kind {
                ProviderKind::Anthropic => "claude-sonnet-4-5".into(),
                ProviderKind::Gemini => "gemini-2.5-flash".into(),
                _ => "gpt-4o-mini".into(),
            },
            azure_resource: "contoso".into(),
            azure_deployment: "gpt-4o prod".into(),
            api_key: KEY.into(),
            ..ProviderProfile::default()
        }
    }

    fn header<'a>(request: &'a HttpRequest, name: &str) -> Option<&'a str> {
        request
            .headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }

    fn body(request: &HttpRequest) -> Value {
        serde_json::from_str(request.body.as_deref().unwrap()).unwrap()
    }

    fn chat(profile: &ProviderProfile) -> HttpRequest {
        match chat_request(profile, "Be brief.", "Draft a reply.") {
            Ok(request) => request,
            Err(msg) => panic!("{msg:?}"),
        }
    }

    fn chat_error(profile: &ProviderProfile) -> Msg {
        match chat_request(profile, "", "hi") {
            Ok(request) => panic!("expected an error, got {}", request.url),
            Err(msg) => msg,
        }
    }

    #[test]
    fn openai_chat_request() {
        let mut p = profile(ProviderKind::OpenAiCompatible);
        p.temperature = Some(0.3);
        p.max_output_tokens = Some(800);
        let request = chat(&p);
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "https://api.openai.com/v1/chat/completions");
        assert_eq!(
            header(&request, "authorization"),
            Some("Bearer sk-test-SECRET-123")
        );
        assert_eq!(header(&request, "content-type"), Some("application/json"));
        assert_eq!(
            body(&request),
            json!({
                "model": "gpt-4o-mini",
                "messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Draft a reply."}
                ],
                "stream": true,
                "stream_options": {"include_usage": true},
                "temperature": 0.3,
                "max_completion_tokens": 800
            })
        );
    }

    #[test]
    fn local_servers_get_max_tokens_and_no_auth_without_key() {
        let mut p = profile(ProviderKind::OpenAiCompatible);
        p.base_url = "http://localhost:11434/v1/".into();
        p.api_key = String::new();
        p.max_output_tokens = Some(500);
        let request = chat(&p);
        assert_eq!(request.url, "http://localhost:11434/v1/chat/completions");
        assert_eq!(header(&request, "authorization"), None);
        assert_eq!(body(&request)["max_tokens"], json!(500));
        assert_eq!(body(&request).get("max_completion_tokens"), None);
        assert_eq!(body(&request).get("temperature"), None);
    }

    #[test]
    fn openai_base_urls_are_normalised() {
        let cases = [
            (
                "http://localhost:1234",
                "http://localhost:1234/v1/chat/completions",
            ),
            (
                "https://openrouter.ai/api/v1",
                "https://openrouter.ai/api/v1/chat/completions",
            ),
            (
                "https://openrouter.ai/api/v1/chat/completions",
                "https://openrouter.ai/api/v1/chat/completions",
            ),
            (
                " https://api.openai.com/v1// ",
                "https://api.openai.com/v1/chat/completions",
            ),
            (
                "http://127.0.0.1:8000/v1/models",
                "http://127.0.0.1:8000/v1/chat/completions",
            ),
        ];
        for (base, expected) in cases {
            let mut p = profile(ProviderKind::OpenAiCompatible);
            p.base_url = base.into();
            assert_eq!(chat(&p).url, expected, "{base}");
        }
    }

    #[test]
    fn bad_base_urls_are_refused() {
        for base in [
            "api.openai.com/v1",
            "ftp://x/v1",
            "https://",
            "https://user:pw@host/v1",
            "https://host/v1?key=1",
            "https://host/v1#x",
            "https://ho st/v1",
            "javascript:alert(1)",
        ] {
            let mut p = profile(ProviderKind::OpenAiCompatible);
            p.base_url = base.into();
            assert_eq!(chat_error(&p), Msg::LlmErrBadBaseUrl, "{base}");
        }
    }

    #[test]
    fn azure_chat_request() {
        let mut p = profile(ProviderKind::AzureOpenAi);
        p.max_output_tokens = Some(700);
        let request = chat(&p);
        assert_eq!(
            request.url,
            "https://contoso.openai.azure.com/openai/deployments/gpt-4o%20prod/chat/completions?api-version=2024-10-21"
        );
        assert_eq!(header(&request, "api-key"), Some(KEY));
        assert_eq!(header(&request, "authorization"), None);
        let body = body(&request);
        assert_eq!(body.get("model"), None, "the deployment decides the model");
        assert_eq!(body["stream"], json!(true));
        assert_eq!(body["stream_options"], json!({"include_usage": true}));
        assert_eq!(body["max_completion_tokens"], json!(700));
    }

    #[test]
    fn azure_accepts_an_endpoint_url_and_api_version() {
        let mut p = profile(ProviderKind::AzureOpenAi);
        p.azure_resource = "https://my-res.cognitiveservices.azure.com/openai/deployments/x".into();
        p.azure_deployment = "gpt4o".into();
        p.azure_api_version = "2025-01-01-preview".into();
        assert_eq!(
            chat(&p).url,
            "https://my-res.cognitiveservices.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2025-01-01-preview"
        );
    }

    #[test]
    fn azure_needs_resource_and_deployment() {
        for resource in ["", "con toso", "contoso.openai.azure.com/x"] {
            let mut p = profile(ProviderKind::AzureOpenAi);
            p.azure_resource = resource.into();
            assert_eq!(chat_error(&p), Msg::LlmErrAzureResource, "{resource:?}");
        }
        let mut p = profile(ProviderKind::AzureOpenAi);
        p.azure_deployment = " ".into();
        assert_eq!(chat_error(&p), Msg::LlmErrAzureDeployment);
    }

    #[test]
    fn anthropic_chat_request() {
        let request = chat(&profile(ProviderKind::Anthropic));
        assert_eq!(request.url, "https://api.anthropic.com/v1/messages");
        assert_eq!(header(&request, "x-api-key"), Some(KEY));
        assert_eq!(header(&request, "anthropic-version"), Some("2023-06-01"));
        assert_eq!(
            header(&request, "anthropic-dangerous-direct-browser-access"),
            Some("true")
        );
        assert_eq!(header(&request, "authorization"), None);
        assert_eq!(
            body(&request),
            json!({
                "model": "claude-sonnet-4-5",
                "max_tokens": DEFAULT_ANTHROPIC_MAX_TOKENS,
                "system": "Be brief.",
                "messages": [{"role": "user", "content": "Draft a reply."}],
                "stream": true
            })
        );
    }

    #[test]
    fn anthropic_base_with_version_path_is_accepted() {
        let mut p = profile(ProviderKind::Anthropic);
        p.base_url = "https://api.anthropic.com/v1/".into();
        p.max_output_tokens = Some(1200);
        p.temperature = Some(1.0);
        let request = chat(&p);
        assert_eq!(request.url, "https://api.anthropic.com/v1/messages");
        assert_eq!(body(&request)["max_tokens"], json!(1200));
        assert_eq!(body(&request)["temperature"], json!(1.0));
    }

    #[test]
    fn gemini_chat_request() {
        let mut p = profile(ProviderKind::Gemini);
        p.model = "models/gemini-2.5-flash".into();
        p.temperature = Some(0.5);
        p.max_output_tokens = Some(2048);
        let request = chat(&p);
        assert_eq!(
            request.url,
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
        );
        assert_eq!(header(&request, "x-goog-api-key"), Some(KEY));
        assert_eq!(
            body(&request),
            json!({
                "contents": [{"role": "user", "parts": [{"text": "Draft a reply."}]}],
                "systemInstruction": {"parts": [{"text": "Be brief."}]},
                "generationConfig": {"temperature": 0.5, "maxOutputTokens": 2048}
            })
        );
    }

    #[test]
    fn empty_system_prompt_is_left_out() {
        let openai =
            body(&chat_request(&profile(ProviderKind::OpenAiCompatible), " ", "u").unwrap());
        assert_eq!(
            openai["messages"],
            json!([{"role": "user", "content": "u"}])
        );
        let anthropic = body(&chat_request(&profile(ProviderKind::Anthropic), "", "u").unwrap());
        assert_eq!(anthropic.get("system"), None);
        let gemini = body(&chat_request(&profile(ProviderKind::Gemini), "", "u").unwrap());
        assert_eq!(gemini.get("systemInstruction"), None);
        assert_eq!(gemini.get("generationConfig"), None);
    }

    #[test]
    fn the_key_never_appears_in_any_url() {
        for kind in ProviderKind::ALL {
            let p = profile(kind);
            assert!(!chat(&p).url.contains(KEY), "{kind:?}");
            if let Ok(request) = models_request(&p) {
                assert!(!request.url.contains(KEY), "{kind:?}");
                assert!(
                    request.headers.iter().any(|(_, v)| v.contains(KEY)),
                    "{kind:?}"
                );
            }
        }
    }

    #[test]
    fn missing_and_bad_keys() {
        for kind in [
            ProviderKind::AzureOpenAi,
            ProviderKind::Anthropic,
            ProviderKind::Gemini,
        ] {
            let mut p = profile(kind);
            p.api_key = "  ".into();
            assert_eq!(chat_error(&p), Msg::LlmErrNoApiKey, "{kind:?}");
        }
        for key in ["sk-abc def", "sk-ａｂｃ", "sk-abc\u{200b}"] {
            let mut p = profile(ProviderKind::OpenAiCompatible);
            p.api_key = key.into();
            assert_eq!(chat_error(&p), Msg::LlmErrBadApiKey, "{key:?}");
        }
        let mut p = profile(ProviderKind::OpenAiCompatible);
        p.api_key = format!(" {KEY}\n");
        assert_eq!(
            header(&chat(&p), "authorization"),
            Some("Bearer sk-test-SECRET-123")
        );
    }

    #[test]
    fn model_and_limits_are_checked() {
        let mut p = profile(ProviderKind::Gemini);
        p.model = String::new();
        assert_eq!(chat_error(&p), Msg::LlmErrNoModel);
        let mut p = profile(ProviderKind::OpenAiCompatible);
        p.temperature = Some(2.5);
        assert_eq!(chat_error(&p), Msg::LlmErrTemperature);
        p.temperature = Some(f64::NAN);
        assert_eq!(chat_error(&p), Msg::LlmErrTemperature);
        let mut p = profile(ProviderKind::Anthropic);
        p.temperature = Some(1.5);
        assert_eq!(chat_error(&p), Msg::LlmErrTemperatureAnthropic);
        let mut p = profile(ProviderKind::Anthropic);
        p.max_output_tokens = Some(0);
        assert_eq!(chat_error(&p), Msg::LlmErrMaxTokens);
    }

    #[test]
    fn model_list_requests() {
        let openai = models_request(&profile(ProviderKind::OpenAiCompatible)).unwrap();
        assert_eq!(openai.method, Method::Get);
        assert_eq!(openai.url, "https://api.openai.com/v1/models");
        assert_eq!(openai.body, None);
        let anthropic = models_request(&profile(ProviderKind::Anthropic)).unwrap();
        assert_eq!(
            anthropic.url,
            "https://api.anthropic.com/v1/models?limit=1000"
        );
        assert_eq!(header(&anthropic, "anthropic-version"), Some("2023-06-01"));
        assert_eq!(
            header(&anthropic, "anthropic-dangerous-direct-browser-access"),
            Some("true")
        );
        let gemini = models_request(&profile(ProviderKind::Gemini)).unwrap();
        assert_eq!(
            gemini.url,
            "https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000"
        );
        let mut ollama = profile(ProviderKind::OpenAiCompatible);
        ollama.base_url = "http://localhost:11434".into();
        ollama.api_key = String::new();
        let request = models_request(&ollama).unwrap();
        assert_eq!(request.url, "http://localhost:11434/v1/models");
        assert!(request.headers.is_empty());
        assert_eq!(
            models_request(&profile(ProviderKind::AzureOpenAi)).err(),
            Some(Msg::LlmNoModelListAzure)
        );
    }

    #[test]
    fn openai_and_anthropic_model_lists() {
        let openai = r#"{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},{"id":"gpt-4o","object":"model","created":1715367049,"owned_by":"system"}]}"#;
        assert_eq!(
            parse_models(ProviderKind::OpenAiCompatible, openai),
            Ok(vec!["gpt-4o".into(), "gpt-4o-mini".into()])
        );
        let anthropic = r#"{"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"},{"type":"model","id":"claude-haiku-4-5-20251001","display_name":"Claude Haiku 4.5","created_at":"2025-10-01T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-5-20250929","last_id":"claude-haiku-4-5-20251001"}"#;
        assert_eq!(
            parse_models(ProviderKind::Anthropic, anthropic),
            Ok(vec![
                "claude-haiku-4-5-20251001".into(),
                "claude-sonnet-4-5-20250929".into()
            ])
        );
    }

    #[test]
    fn gemini_model_list_drops_prefix_and_embedding_models() {
        let body = r#"{"models":[{"name":"models/gemini-2.5-flash","displayName":"Gemini 2.5 Flash","inputTokenLimit":1048576,"outputTokenLimit":65536,"supportedGenerationMethods":["generateContent","countTokens","createCachedContent"]},{"name":"models/text-embedding-004","supportedGenerationMethods":["embedContent"]},{"name":"models/gemini-2.5-pro"}],"nextPageToken":"x"}"#;
        assert_eq!(
            parse_models(ProviderKind::Gemini, body),
            Ok(vec!["gemini-2.5-flash".into(), "gemini-2.5-pro".into()])
        );
    }

    #[test]
    fn unexpected_model_lists_are_errors() {
        for (kind, body) in [
            (ProviderKind::OpenAiCompatible, "<html>login</html>"),
            (ProviderKind::OpenAiCompatible, r#"{"models":[]}"#),
            (ProviderKind::Gemini, r#"{"data":[]}"#),
        ] {
            assert_eq!(
                parse_models(kind, body),
                Err(Msg::LlmErrModelList),
                "{body}"
            );
        }
        assert_eq!(
            parse_models(ProviderKind::Anthropic, r#"{"data":[]}"#),
            Ok(vec![])
        );
    }
}
