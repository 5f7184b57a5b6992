//! Drafts: the text a guided prompt produced for one record, by a model or by the built-in
//! drafter, kept with the inputs as sent, the output language and who wrote it. Stored as JSON
//! in the `drafts` store (key path `id`). Owns the draft's lifecycle states and the rule for a
//! draft found still streaming when loaded (its tab was closed mid-answer).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::form::{map_from, FieldSpec, FormValues};
use crate::domain::workspace::Workspace;
use crate::i18n::{Lang, Msg};

/// Who wrote the draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftSource {
    /// The deterministic built-in drafter (no model).
    BuiltIn,
    /// A model, through the named provider.
    Model { provider: String, model: String },
}

/// Where the draft is in its life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftStatus {
    /// The model is still writing.
    Streaming,
    /// The answer arrived in full (or the built-in drafter wrote it).
    Complete,
    /// The user stopped the answer; the text so far is kept.
    Stopped,
    /// The answer was still streaming when its tab closed; the text so far is kept.
    Interrupted,
    /// The request failed; the text so far is kept, with the error shown to the user.
    Failed { message: String },
    /// The user changed the text after it was written.
    Edited,
}

impl DraftStatus {
    /// The status as shown next to a draft.
    pub fn label(&self) -> Msg {
        match self {
            Self::Streaming => Msg::DraftStreaming,
            Self::Complete => Msg::DraftComplete,
            Self::Stopped => Msg::DraftStopped,
            Self::Interrupted => Msg::DraftInterrupted,
            Self::Failed { .. } => Msg::DraftFailed,
            Self::Edited => Msg::DraftEdited,
        }
    }
}

/// Tokens the provider reported for the request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    #[serde(default)]
    pub input_tokens: u64,
    #[serde(default)]
    pub output_tokens: u64,
}

/// A draft written for one record by one guided prompt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    #[serde(with = "workspace_slug")]
    pub workspace: Workspace,
    pub record_id: String,
    pub prompt_id: String,
    /// The form as sent, by field key.
    #[serde(default)]
    pub inputs: BTreeMap<String, String>,
    /// The language the draft was asked in, stored as its BCP 47 tag.
    #[serde(default, with = "lang_tag")]
    pub output_lang: Lang,
    pub source: DraftSource,
    /// Markdown.
    #[serde(default)]
    pub text: String,
    pub status: DraftStatus,
    #[serde(default)]
    pub usage: Option<Usage>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Draft {
    /// True when the text may be incomplete: still streaming, stopped, interrupted or failed.
    pub fn is_partial(&self) -> bool {
        matches!(
            self.status,
            DraftStatus::Streaming
                | DraftStatus::Stopped
                | DraftStatus::Interrupted
                | DraftStatus::Failed { .. }
        )
    }

    /// The draft as read from storage: one still marked streaming lost its tab mid-answer, so
    /// it is interrupted (nothing is writing it any more).
    pub fn as_loaded(mut self) -> Self {
        if self.status == DraftStatus::Streaming {
            self.status = DraftStatus::Interrupted;
        }
        self
    }

    /// The stored inputs as form values for the prompt's fields (to regenerate or show what
    /// was sent); keys the form no longer has are left out.
    pub fn inputs_for(&self, fields: &'static [FieldSpec]) -> FormValues {
        map_from(
            fields
                .iter()
                .filter_map(|f| self.inputs.get(f.key).map(|v| (f.key, v.clone()))),
        )
    }
}

/// The form as sent, with owned keys for storage.
pub fn stored_inputs(values: &FormValues) -> BTreeMap<String, String> {
    map_from(values.iter().map(|(k, v)| (k.to_string(), v.clone())))
}

/// Serialises a workspace as its route slug.
mod workspace_slug {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::domain::workspace::Workspace;

    pub fn serialize<S: Serializer>(workspace: &Workspace, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(workspace.slug())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Workspace, D::Error> {
        let slug = String::deserialize(d)?;
        Workspace::ALL
            .into_iter()
            .find(|w| w.slug() == slug)
            .ok_or_else(|| D::Error::custom(format!("unknown workspace {slug:?}")))
    }
}

/// Serialises a language as its BCP 47 tag.
mod lang_tag {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::i18n::Lang;

    pub fn serialize<S: Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(lang.tag())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        String::deserialize(d).map(|tag| Lang::from_tag(&tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::FieldKind;
    use crate::i18n::Msg;
    use chrono::TimeZone;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn draft(status: DraftStatus) -> Draft {
        Draft {
            id: "d1".into(),
            workspace: Workspace::Escalations,
            record_id: "e1".into(),
            prompt_id: "escalation.response_plan".into(),
            inputs: BTreeMap::from([("account".to_string(), "Acme".to_string())]),
            output_lang: Lang::Zh,
            source: DraftSource::Model {
                provider: "openai".into(),
                model: "gpt-4o-mini".into(),
            },
            text: "## 严重程度及理由\n".into(),
            status,
            usage: Some(Usage {
                input_tokens: 812,
                output_tokens: 240,
            }),
            created_at: now(),
            updated_at: now(),
        }
    }

    #[test]
    fn json_round_trip_keeps_every_field() {
        for status in [
            DraftStatus::Streaming,
            DraftStatus::Complete,
            DraftStatus::Stopped,
            DraftStatus::Interrupted,
            DraftStatus::Failed {
                message: "Rate limited".into(),
            },
            DraftStatus::Edited,
        ] {
            let d = draft(status);
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(serde_json::from_str::<Draft>(&json).unwrap(), d);
        }
    }

    #[test]
    fn json_uses_slugs_tags_and_plain_states() {
        let value = serde_json::to_value(draft(DraftStatus::Failed {
            message: "boom".into(),
        }))
        .unwrap();
        assert_eq!(value["workspace"], "escalations");
        assert_eq!(value["output_lang"], "zh-CN");
        assert_eq!(value["status"], json!({"failed": {"message": "boom"}}));
        assert_eq!(
            value["source"],
            json!({"model": {"provider": "openai", "model": "gpt-4o-mini"}})
        );
        let built_in = serde_json::to_value(DraftSource::BuiltIn).unwrap();
        assert_eq!(built_in, json!("built_in"));
        let complete = serde_json::to_value(DraftStatus::Complete).unwrap();
        assert_eq!(complete, json!("complete"));
    }

    #[test]
    fn missing_optional_fields_take_defaults() {
        let d: Draft = serde_json::from_value(json!({
            "id": "d2",
            "workspace": "feedback",
            "record_id": "f1",
            "prompt_id": "feedback.close_loop",
            "source": "built_in",
            "status": "complete",
            "created_at": "2026-11-23T09:00:00Z",
            "updated_at": "2026-11-23T09:00:00Z"
        }))
        .unwrap();
        assert!(d.inputs.is_empty());
        assert_eq!(d.output_lang, Lang::En);
        assert_eq!(d.text, "");
        assert_eq!(d.usage, None);
        assert_eq!(d.workspace, Workspace::Feedback);
    }

    #[test]
    fn unknown_workspace_is_an_error() {
        let mut value = serde_json::to_value(draft(DraftStatus::Complete)).unwrap();
        value["workspace"] = json!("billing");
        assert!(serde_json::from_value::<Draft>(value).is_err());
    }

    #[test]
    fn partial_states() {
        let partial = |s| draft(s).is_partial();
        assert!(partial(DraftStatus::Streaming));
        assert!(partial(DraftStatus::Stopped));
        assert!(partial(DraftStatus::Interrupted));
        assert!(partial(DraftStatus::Failed {
            message: "x".into()
        }));
        assert!(!partial(DraftStatus::Complete));
        assert!(!partial(DraftStatus::Edited));
    }

    #[test]
    fn a_draft_loaded_while_streaming_is_interrupted() {
        let loaded = draft(DraftStatus::Streaming).as_loaded();
        assert_eq!(loaded.status, DraftStatus::Interrupted);
        assert!(loaded.is_partial());
        assert_eq!(
            loaded.text, "## 严重程度及理由\n",
            "the text so far is kept"
        );
        assert_eq!(loaded.updated_at, now());
    }

    #[test]
    fn other_states_load_unchanged() {
        for status in [
            DraftStatus::Complete,
            DraftStatus::Stopped,
            DraftStatus::Edited,
            DraftStatus::Failed {
                message: "x".into(),
            },
        ] {
            assert_eq!(draft(status.clone()).as_loaded().status, status);
        }
    }

    #[test]
    fn stored_inputs_come_back_for_the_prompts_fields() {
        const FIELDS: &[FieldSpec] = &[
            FieldSpec::new("account", Msg::FieldAccountName, FieldKind::Text),
            FieldSpec::new("summary", Msg::FieldSummary, FieldKind::LongText),
        ];
        let sent = crate::domain::form::values([
            ("account", "Acme".into()),
            ("summary", "Down\nagain".into()),
        ]);
        let mut d = draft(DraftStatus::Complete);
        d.inputs = stored_inputs(&sent);
        d.inputs.insert("retired_field".into(), "x".into());
        assert_eq!(d.inputs_for(FIELDS), sent);
    }
}
