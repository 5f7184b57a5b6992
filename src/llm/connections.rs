//! The user's saved AI connections: named provider profiles with a context window, where the
//! key is kept (this browser, or this session only), presets that fill in the usual set-up,
//! and which connection is the default. Stored as one settings record; the built-in drafter
//! is used when there is none.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::form::{
    values, Coded, FieldError, FieldKind, FieldSpec, FormReader, FormRecord, FormValues,
};
use crate::domain::parse::decimal_thousandths;
use crate::i18n::Msg;
use crate::llm::error::ReachHint;
use crate::llm::profile::{ProviderKind, ProviderProfile};
use crate::llm::redact::Options;

/// The settings key the connections are stored under.
pub const SETTING_CONNECTIONS: &str = "connections";

coded_enum!(
    /// A known way to reach a model, used to pre-fill a connection and explain its set-up.
    Preset, PRESET_CHOICES {
        OpenAi => "openai", PresetOpenAi;
        AzureOpenAi => "azure_openai", PresetAzureOpenAi;
        OpenRouter => "openrouter", PresetOpenRouter;
        Ollama => "ollama", PresetOllama;
        LmStudio => "lm_studio", PresetLmStudio;
        LlamaCpp => "llama_cpp", PresetLlamaCpp;
        Anthropic => "anthropic", PresetAnthropic;
        Gemini => "gemini", PresetGemini;
        Custom => "custom", PresetCustom;
    }
);

/// What a preset fills in.
struct PresetDefaults {
    kind: ProviderKind,
    base_url: &'static str,
    model: &'static str,
    context_window: u32,
    help: Msg,
}

impl Preset {
    fn defaults(self) -> PresetDefaults {
        let (kind, base_url, model, context_window, help) = match self {
            Self::OpenAi => (
                ProviderKind::OpenAiCompatible,
                "https://api.openai.com/v1",
                "gpt-4o-mini",
                128_000,
                Msg::PresetHelpOpenAi,
            ),
            Self::AzureOpenAi => (
                ProviderKind::AzureOpenAi,
                "",
                "",
                128_000,
                Msg::PresetHelpAzure,
            ),
            Self::OpenRouter => (
                ProviderKind::OpenAiCompatible,
                "https://openrouter.ai/api/v1",
                "openai/gpt-4o-mini",
                128_000,
                Msg::PresetHelpOpenRouter,
            ),
            Self::Ollama => (
                ProviderKind::OpenAiCompatible,
                "http://localhost:11434/v1",
                "llama3.1",
                8_192,
                Msg::PresetHelpOllama,
            ),
            Self::LmStudio => (
                ProviderKind::OpenAiCompatible,
                "http://localhost:1234/v1",
                "",
                8_192,
                Msg::PresetHelpLmStudio,
            ),
            Self::LlamaCpp => (
                ProviderKind::OpenAiCompatible,
                "http://127.0.0.1:8080/v1",
                "",
                8_192,
                Msg::PresetHelpLlamaCpp,
            ),
            Self::Anthropic => (
                ProviderKind::Anthropic,
                "https://api.anthropic.com",
                "claude-sonnet-4-5",
                200_000,
                Msg::PresetHelpAnthropic,
            ),
            Self::Gemini => (
                ProviderKind::Gemini,
                "https://generativelanguage.googleapis.com/v1beta",
                "gemini-2.5-flash",
                1_000_000,
                Msg::PresetHelpGemini,
            ),
            Self::Custom => (
                ProviderKind::OpenAiCompatible,
                "",
                "",
                8_192,
                Msg::PresetHelpCustom,
            ),
        };
        PresetDefaults {
            kind,
            base_url,
            model,
            context_window,
            help,
        }
    }

    /// How to set this provider up (where to get a key, CORS switches for local servers).
    pub fn help(self) -> Msg {
        self.defaults().help
    }

    pub fn kind(self) -> ProviderKind {
        self.defaults().kind
    }

    /// The form values a preset fills in when chosen.
    pub fn fill(self, form: &mut FormValues) {
        let d = self.defaults();
        form.insert("preset", self.code().to_string());
        form.insert("base_url", d.base_url.to_string());
        form.insert("model", d.model.to_string());
        form.insert("context_window", d.context_window.to_string());
        form.insert("redaction", Redaction::Auto.code().to_string());
    }
}

coded_enum!(
    /// Where the API key is kept.
    KeyStorage, KEY_STORAGE_CHOICES {
        Browser => "browser", KeyInBrowser;
        Session => "session", KeyInSession;
    }
);

coded_enum!(
    /// What is replaced with placeholders before a request is sent (see `llm::redact`).
    Redaction, REDACTION_CHOICES {
        Auto => "auto", RedactionAuto;
        Off => "off", RedactionOff;
        Identities => "identities", RedactionIdentities;
        IdentitiesAndAmounts => "identities_amounts", RedactionWithAmounts;
    }
);

impl Redaction {
    /// The default for an endpoint: off for a server on this machine, on for the rest.
    pub fn default_for(base_url: &str) -> Self {
        match ReachHint::for_url(base_url) {
            ReachHint::Ollama | ReachHint::LmStudio | ReachHint::LocalServer => Self::Off,
            ReachHint::PlainHttp | ReachHint::PublicHost => Self::Identities,
        }
    }

    /// The redaction options, or `None` when nothing is redacted. `Auto` unresolved redacts
    /// identities, the safer side.
    pub fn options(self) -> Option<Options> {
        match self {
            Self::Off => None,
            Self::Auto | Self::Identities => Some(Options { amounts: false }),
            Self::IdentitiesAndAmounts => Some(Options { amounts: true }),
        }
    }
}

/// One saved connection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub id: String,
    pub name: String,
    pub preset: Preset,
    /// Holds the key only when `key_storage` is `Browser`; a session-only key lives in the
    /// tab's session storage and is merged in at use.
    pub profile: ProviderProfile,
    pub context_window: u32,
    pub key_storage: KeyStorage,
    /// What is redacted before sending; `Auto`, and `None` (connections saved before
    /// redaction existed), follow the endpoint: off on this computer, on elsewhere.
    #[serde(default)]
    pub redaction: Option<Redaction>,
    pub created_at: DateTime<Utc>,
}

impl Connection {
    pub fn new(id: String, now: DateTime<Utc>) -> Self {
        let mut connection = Self {
            id,
            name: String::new(),
            preset: Preset::OpenAi,
            profile: ProviderProfile::default(),
            context_window: 8_192,
            key_storage: KeyStorage::Browser,
            redaction: None,
            created_at: now,
        };
        let mut form = connection.to_form();
        Preset::OpenAi.fill(&mut form);
        form.insert(
            "name",
            Msg::PresetOpenAi.text(crate::i18n::Lang::En).to_string(),
        );
        // The defaults are valid by construction; a failure would leave the blank profile.
        let _ = connection.apply_form(&form, now);
        connection
    }

    /// The connection as stored: without the key when it is kept for the session only.
    pub fn for_storage(&self) -> Self {
        let mut stored = self.clone();
        if self.key_storage == KeyStorage::Session {
            stored.profile.api_key.clear();
        }
        stored
    }

    /// What is redacted before a request on this connection is sent (never `Auto`).
    pub fn redaction(&self) -> Redaction {
        match self.redaction {
            None | Some(Redaction::Auto) => Redaction::default_for(&self.profile.base_url),
            Some(chosen) => chosen,
        }
    }

    /// A short description for lists and draft labels: "name · model".
    pub fn label(&self) -> String {
        let model = if self.profile.kind == ProviderKind::AzureOpenAi {
            &self.profile.azure_deployment
        } else {
            &self.profile.model
        };
        if model.is_empty() {
            self.name.clone()
        } else {
            format!("{} · {}", self.name, model)
        }
    }
}

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("name", Msg::FieldConnectionName, FieldKind::Text).required(),
    FieldSpec::new(
        "preset",
        Msg::FieldPreset,
        FieldKind::Choice(PRESET_CHOICES),
    )
    .required(),
    FieldSpec::new("base_url", Msg::FieldBaseUrl, FieldKind::Text).help(Msg::HelpBaseUrl),
    FieldSpec::new("azure_resource", Msg::FieldAzureResource, FieldKind::Text)
        .help(Msg::HelpAzureOnly),
    FieldSpec::new(
        "azure_deployment",
        Msg::FieldAzureDeployment,
        FieldKind::Text,
    )
    .help(Msg::HelpAzureOnly),
    FieldSpec::new(
        "azure_api_version",
        Msg::FieldAzureApiVersion,
        FieldKind::Text,
    )
    .help(Msg::HelpAzureOnly),
    FieldSpec::new("api_key", Msg::FieldApiKey, FieldKind::Secret).help(Msg::HelpApiKey),
    FieldSpec::new(
        "key_storage",
        Msg::FieldKeyStorage,
        FieldKind::Choice(KEY_STORAGE_CHOICES),
    )
    .required(),
    FieldSpec::new(
        "redaction",
        Msg::FieldRedaction,
        FieldKind::Choice(REDACTION_CHOICES),
    )
    .required()
    .help(Msg::HelpRedaction),
    FieldSpec::new("model", Msg::FieldModel, FieldKind::Text),
    FieldSpec::new("temperature", Msg::FieldTemperature, FieldKind::Text)
        .help(Msg::HelpTemperature),
    FieldSpec::new(
        "max_output_tokens",
        Msg::FieldMaxOutputTokens,
        FieldKind::Count,
    ),
    FieldSpec::new("context_window", Msg::FieldContextWindow, FieldKind::Count)
        .help(Msg::HelpContextWindow),
];

impl FormRecord for Connection {
    const FIELDS: &'static [FieldSpec] = FIELDS;

    fn to_form(&self) -> FormValues {
        let p = &self.profile;
        values([
            ("name", self.name.clone()),
            ("preset", self.preset.code().to_string()),
            ("base_url", p.base_url.clone()),
            ("azure_resource", p.azure_resource.clone()),
            ("azure_deployment", p.azure_deployment.clone()),
            ("azure_api_version", p.azure_api_version.clone()),
            ("api_key", p.api_key.clone()),
            ("key_storage", self.key_storage.code().to_string()),
            (
                "redaction",
                self.redaction.unwrap_or(Redaction::Auto).code().to_string(),
            ),
            ("model", p.model.clone()),
            (
                "temperature",
                p.temperature.map(temperature_text).unwrap_or_default(),
            ),
            (
                "max_output_tokens",
                p.max_output_tokens
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            ),
            ("context_window", self.context_window.to_string()),
        ])
    }

    fn apply_form(
        &mut self,
        form: &FormValues,
        _now: DateTime<Utc>,
    ) -> Result<(), Vec<FieldError>> {
        let mut r = FormReader::new(form);
        let name = r.text("name", true);
        let preset = r.choice("preset", Preset::from_code);
        let kind = preset.map(Preset::kind).unwrap_or_default();
        let base_url = r.text("base_url", false);
        let is_web_url = base_url.starts_with("https://") || base_url.starts_with("http://");
        if !base_url.is_empty() && !is_web_url {
            r.reject("base_url", Msg::LlmErrBadBaseUrl);
        }
        if kind != ProviderKind::AzureOpenAi
            && kind != ProviderKind::OpenAiCompatible
            && base_url.is_empty()
        {
            r.reject("base_url", Msg::ErrRequired);
        }
        let azure_resource = r.text("azure_resource", kind == ProviderKind::AzureOpenAi);
        let azure_deployment = r.text("azure_deployment", kind == ProviderKind::AzureOpenAi);
        let azure_api_version = r.text("azure_api_version", false);
        let api_key = r.text("api_key", false);
        let key_storage = r.choice("key_storage", KeyStorage::from_code);
        let redaction = r.choice("redaction", Redaction::from_code);
        let model = r.text("model", kind != ProviderKind::AzureOpenAi);
        let temperature = match r.text("temperature", false) {
            t if t.is_empty() => None,
            t => match decimal_thousandths(&t.replace(',', ".")) {
                Some(v) if v <= 2000 => Some(v as f64 / 1000.0),
                _ => {
                    r.reject("temperature", Msg::LlmErrTemperature);
                    None
                }
            },
        };
        let max_output_tokens = r.count("max_output_tokens");
        if max_output_tokens == Some(0) {
            r.reject("max_output_tokens", Msg::LlmErrMaxTokens);
        }
        let context_window = r.count("context_window").unwrap_or(8_192);
        if context_window < 1_024 {
            r.reject("context_window", Msg::ErrContextWindow);
        }
        r.finish()?;
        self.name = name;
        if let Some(p) = preset {
            self.preset = p;
        }
        if let Some(k) = key_storage {
            self.key_storage = k;
        }
        self.redaction = redaction;
        self.profile = ProviderProfile {
            kind,
            base_url,
            azure_resource,
            azure_deployment,
            azure_api_version,
            model,
            temperature,
            max_output_tokens,
            api_key,
        };
        self.context_window = context_window;
        Ok(())
    }
}

/// All saved connections and the default one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Connections {
    pub list: Vec<Connection>,
    pub default_id: Option<String>,
}

impl Connections {
    /// The connection used when a prompt does not choose one.
    pub fn default_connection(&self) -> Option<&Connection> {
        let id = self.default_id.as_deref()?;
        self.list.iter().find(|c| c.id == id)
    }

    pub fn get(&self, id: &str) -> Option<&Connection> {
        self.list.iter().find(|c| c.id == id)
    }

    /// Adds or replaces a connection; the first one becomes the default.
    pub fn upsert(&mut self, connection: Connection) {
        if self.list.is_empty() {
            self.default_id = Some(connection.id.clone());
        }
        match self.list.iter_mut().find(|c| c.id == connection.id) {
            Some(existing) => *existing = connection,
            None => self.list.push(connection),
        }
    }

    /// Removes a connection; if it was the default, the first remaining one takes over.
    pub fn remove(&mut self, id: &str) {
        self.list.retain(|c| c.id != id);
        if self.default_id.as_deref() == Some(id) {
            self.default_id = self.list.first().map(|c| c.id.clone());
        }
    }

    pub fn set_default(&mut self, id: &str) {
        if self.get(id).is_some() {
            self.default_id = Some(id.to_string());
        }
    }

    /// The connections as stored (session-only keys removed).
    pub fn for_storage(&self) -> Self {
        Self {
            list: self.list.iter().map(Connection::for_storage).collect(),
            default_id: self.default_id.clone(),
        }
    }
}

/// A temperature for the form, to two decimals: `0.2` → "0.2", `1.0` → "1". Integer
/// arithmetic keeps float formatting out of the wasm.
fn temperature_text(t: f64) -> String {
    let hundredths = (t.max(0.0) * 100.0).round() as u64;
    match (hundredths / 100, hundredths % 100) {
        (whole, 0) => whole.to_string(),
        (whole, f) if f % 10 == 0 => format!("{whole}.{}", f / 10),
        (whole, f) => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temperatures_are_shown_with_at_most_two_decimals() {
        for (t, text) in [
            (0.2, "0.2"),
            (1.0, "1"),
            (0.75, "0.75"),
            (0.05, "0.05"),
            (1.999, "2"),
        ] {
            assert_eq!(temperature_text(t), text);
        }
    }
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_new_connection_starts_from_the_openai_preset() {
        let c = Connection::new("c1".into(), now());
        assert_eq!(c.preset, Preset::OpenAi);
        assert_eq!(c.profile.base_url, "https://api.openai.com/v1");
        assert_eq!(c.profile.model, "gpt-4o-mini");
        assert_eq!(c.context_window, 128_000);
        assert_eq!(c.name, "OpenAI");
    }

    #[test]
    fn presets_fill_url_model_and_context() {
        let mut form = Connection::new("c1".into(), now()).to_form();
        Preset::Ollama.fill(&mut form);
        let mut c = Connection::new("c1".into(), now());
        c.apply_form(&form, now()).unwrap();
        assert_eq!(c.profile.kind, ProviderKind::OpenAiCompatible);
        assert_eq!(c.profile.base_url, "http://localhost:11434/v1");
        assert_eq!(c.context_window, 8_192);
        Preset::Anthropic.fill(&mut form);
        c.apply_form(&form, now()).unwrap();
        assert_eq!(c.profile.kind, ProviderKind::Anthropic);
    }

    #[test]
    fn azure_needs_resource_and_deployment_but_no_model() {
        let mut form = Connection::new("c1".into(), now()).to_form();
        Preset::AzureOpenAi.fill(&mut form);
        let mut c = Connection::new("c1".into(), now());
        let fields: Vec<_> = c
            .apply_form(&form, now())
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["azure_resource", "azure_deployment"]);
        form.insert("azure_resource", "contoso".into());
        form.insert("azure_deployment", "gpt4o-prod".into());
        c.apply_form(&form, now()).unwrap();
        assert_eq!(c.label(), "OpenAI · gpt4o-prod");
    }

    #[test]
    fn bad_values_are_refused() {
        let mut form = Connection::new("c1".into(), now()).to_form();
        form.insert("base_url", "ftp://x".into());
        form.insert("temperature", "3".into());
        form.insert("max_output_tokens", "0".into());
        form.insert("context_window", "100".into());
        let mut c = Connection::new("c1".into(), now());
        let errors: Vec<_> = c
            .apply_form(&form, now())
            .unwrap_err()
            .iter()
            .map(|e| (e.field, e.message))
            .collect();
        assert_eq!(
            errors,
            vec![
                ("base_url", Msg::LlmErrBadBaseUrl),
                ("temperature", Msg::LlmErrTemperature),
                ("max_output_tokens", Msg::LlmErrMaxTokens),
                ("context_window", Msg::ErrContextWindow),
            ]
        );
    }

    #[test]
    fn redaction_is_on_for_cloud_endpoints_and_off_for_this_computer() {
        for (preset, expected) in [
            (Preset::OpenAi, Redaction::Identities),
            (Preset::Anthropic, Redaction::Identities),
            (Preset::Gemini, Redaction::Identities),
            (Preset::AzureOpenAi, Redaction::Identities),
            (Preset::Ollama, Redaction::Off),
            (Preset::LmStudio, Redaction::Off),
            (Preset::LlamaCpp, Redaction::Off),
        ] {
            let mut c = Connection::new("c".into(), now());
            let mut form = c.to_form();
            preset.fill(&mut form);
            assert_eq!(form["redaction"], "auto", "{preset:?}");
            form.insert("name", "Test".into());
            form.insert("model", "m".into());
            form.insert("azure_resource", "https://r.openai.azure.com".into());
            form.insert("azure_deployment", "d".into());
            c.apply_form(&form, now()).unwrap();
            assert_eq!(c.redaction(), expected, "{preset:?}");
        }
        // "Automatic" follows the address as the user changed it, not the preset's.
        let mut c = Connection::new("c".into(), now());
        let mut form = c.to_form();
        Preset::Custom.fill(&mut form);
        form.insert("name", "Mine".into());
        form.insert("model", "m".into());
        form.insert("base_url", "http://127.0.0.1:8080/v1".into());
        c.apply_form(&form, now()).unwrap();
        assert_eq!(c.redaction(), Redaction::Off);
        assert_eq!(c.to_form()["redaction"], "auto", "shown as chosen");
        assert_eq!(
            Redaction::default_for("http://127.0.0.1:9000/v1"),
            Redaction::Off
        );
        assert_eq!(
            Redaction::default_for("https://llm.example.com/v1"),
            Redaction::Identities
        );
    }

    #[test]
    fn the_redaction_choice_is_kept_and_older_connections_follow_their_endpoint() {
        let mut c = Connection::new("c".into(), now());
        let mut form = c.to_form();
        form.insert("redaction", "identities_amounts".into());
        c.apply_form(&form, now()).unwrap();
        assert_eq!(c.redaction(), Redaction::IdentitiesAndAmounts);
        assert_eq!(c.redaction().options(), Some(Options { amounts: true }));
        let mut stored = serde_json::to_value(&c).unwrap();
        stored.as_object_mut().unwrap().remove("redaction");
        let mut older: Connection = serde_json::from_value(stored).unwrap();
        assert_eq!(older.redaction(), Redaction::Identities);
        older.profile.base_url = "http://localhost:11434/v1".into();
        assert_eq!(older.redaction(), Redaction::Off);
        assert_eq!(older.redaction().options(), None);
    }

    #[test]
    fn session_only_keys_are_never_stored() {
        let mut c = Connection::new("c1".into(), now());
        c.profile.api_key = "sk-secret".into();
        assert_eq!(c.for_storage().profile.api_key, "sk-secret");
        c.key_storage = KeyStorage::Session;
        let mut all = Connections::default();
        all.upsert(c);
        let stored = serde_json::to_string(&all.for_storage()).unwrap();
        assert!(!stored.contains("sk-secret"));
    }

    #[test]
    fn the_first_connection_is_the_default_and_removal_hands_it_on() {
        let mut all = Connections::default();
        assert!(all.default_connection().is_none());
        all.upsert(Connection::new("a".into(), now()));
        all.upsert(Connection::new("b".into(), now()));
        assert_eq!(all.default_connection().map(|c| c.id.as_str()), Some("a"));
        all.set_default("b");
        all.set_default("missing");
        assert_eq!(all.default_id.as_deref(), Some("b"));
        all.remove("b");
        assert_eq!(all.default_id.as_deref(), Some("a"));
        all.remove("a");
        assert_eq!(all.default_id, None);
    }

    #[test]
    fn editing_replaces_in_place() {
        let mut all = Connections::default();
        let mut c = Connection::new("a".into(), now());
        all.upsert(c.clone());
        c.name = "Work".into();
        all.upsert(c);
        assert_eq!(all.list.len(), 1);
        assert_eq!(all.list[0].name, "Work");
    }
}
