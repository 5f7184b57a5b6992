//! Which AI provider the user connects to and how: the provider kinds Casebook speaks, and
//! the connection profile that `request` turns into HTTP requests. Stored as JSON in settings,
//! so field names are part of the backup format (`api_key` is stripped from exports).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

/// A wire protocol family. Every OpenAI-compatible server (OpenAI, OpenRouter, Ollama's `/v1`,
/// LM Studio, llama.cpp, vLLM) shares one kind and differs only by base URL.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProviderKind {
    #[default]
    #[serde(rename = "openai_compatible")]
    OpenAiCompatible,
    #[serde(rename = "azure_openai")]
    AzureOpenAi,
    #[serde(rename = "anthropic")]
    Anthropic,
    #[serde(rename = "gemini")]
    Gemini,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 4] = [
        Self::OpenAiCompatible,
        Self::AzureOpenAi,
        Self::Anthropic,
        Self::Gemini,
    ];

    /// The name shown in the provider picker.
    pub fn label(self) -> Msg {
        match self {
            Self::OpenAiCompatible => Msg::ProviderOpenAiCompatible,
            Self::AzureOpenAi => Msg::ProviderAzureOpenAi,
            Self::Anthropic => Msg::ProviderAnthropic,
            Self::Gemini => Msg::ProviderGemini,
        }
    }

    /// The base URL used when the profile leaves it empty. Azure has none: its address is
    /// built from the resource name.
    pub fn default_base_url(self) -> &'static str {
        match self {
            Self::OpenAiCompatible => "https://api.openai.com/v1",
            Self::AzureOpenAi => "",
            Self::Anthropic => "https://api.anthropic.com",
            Self::Gemini => "https://generativelanguage.googleapis.com/v1beta",
        }
    }
}

/// One configured connection. Empty strings mean "not set"; `request` reports what is missing.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderProfile {
    pub kind: ProviderKind,
    /// Base URL such as `https://api.openai.com/v1` or `http://localhost:11434/v1`; empty for
    /// the kind's default. Unused by Azure.
    pub base_url: String,
    /// Azure resource name (`contoso` for `https://contoso.openai.azure.com`) or the full
    /// endpoint URL shown in the Azure portal.
    pub azure_resource: String,
    pub azure_deployment: String,
    /// Azure `api-version`; empty for `request::DEFAULT_AZURE_API_VERSION`.
    pub azure_api_version: String,
    /// Model id; Azure ignores it (the deployment decides).
    pub model: String,
    /// Sampling temperature; `None` leaves the provider default (reasoning models accept no other).
    pub temperature: Option<f64>,
    /// Output token limit; `None` leaves the provider default (Anthropic requires one, so
    /// `request::DEFAULT_ANTHROPIC_MAX_TOKENS` is sent).
    pub max_output_tokens: Option<u32>,
    pub api_key: String,
}

/// Hand-written so that logging a profile never prints the key.
impl fmt::Debug for ProviderProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderProfile")
            .field("kind", &self.kind)
            .field("base_url", &self.base_url)
            .field("azure_resource", &self.azure_resource)
            .field("azure_deployment", &self.azure_deployment)
            .field("azure_api_version", &self.azure_api_version)
            .field("model", &self.model)
            .field("temperature", &self.temperature)
            .field("max_output_tokens", &self.max_output_tokens)
            .field(
                "api_key",
                &if self.api_key.is_empty() {
                    ""
                } else {
                    "<redacted>"
                },
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_contains_the_key() {
        let profile = ProviderProfile {
            api_key: "sk-very-secret".into(),
            model: "gpt-4o-mini".into(),
            ..ProviderProfile::default()
        };
        let text = format!("{profile:?}");
        assert!(!text.contains("sk-very-secret"), "{text}");
        assert!(text.contains("<redacted>"));
        assert!(text.contains("gpt-4o-mini"));
    }

    #[test]
    fn kinds_serialise_to_stable_names() {
        let names: Vec<String> = ProviderKind::ALL
            .iter()
            .map(|k| serde_json::to_string(k).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "\"openai_compatible\"",
                "\"azure_openai\"",
                "\"anthropic\"",
                "\"gemini\""
            ]
        );
    }

    #[test]
    fn stored_profiles_with_missing_fields_still_load() {
        let profile: ProviderProfile =
            serde_json::from_str(r#"{"kind":"anthropic","api_key":"k","model":"claude"}"#).unwrap();
        assert_eq!(profile.kind, ProviderKind::Anthropic);
        assert_eq!(profile.model, "claude");
        assert_eq!(profile.base_url, "");
        assert_eq!(profile.temperature, None);
    }

    #[test]
    fn profiles_round_trip_through_json() {
        let profile = ProviderProfile {
            kind: ProviderKind::AzureOpenAi,
            azure_resource: "contoso".into(),
            azure_deployment: "gpt4o".into(),
            temperature: Some(0.2),
            max_output_tokens: Some(900),
            api_key: "k".into(),
            ..ProviderProfile::default()
        };
        let json = serde_json::to_string(&profile).unwrap();
        assert!(
            json.contains("\"api_key\":\"k\""),
            "backup stripping relies on this name"
        );
        assert_eq!(
            serde_json::from_str::<ProviderProfile>(&json).unwrap(),
            profile
        );
    }
}
