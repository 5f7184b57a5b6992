//! Rehearsing the hard conversation of an escalation before the real call: the stored
//! rehearsal (difficulty, output language, who played the customer, the transcript and its
//! scorecard), the built-in customer who plays the contact without a model (`customer`), and
//! the deterministic scorer (`score`) on Casebook's own phrase tables (`phrases`).
//! Pure: ids and times are passed in.

pub mod customer;
mod phrases;
pub mod score;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::draft::DraftSource;
use crate::domain::escalation::rehearsal::score::Scorecard;
use crate::domain::escalation::rules::{EscalationType, Severity};
use crate::i18n::{Lang, Msg};

coded_enum!(
    /// How hard the customer pushes back.
    Difficulty, DIFFICULTY_CHOICES {
        Calm => "calm", RehCalm;
        Frustrated => "frustrated", RehFrustrated;
        Hostile => "hostile", RehHostile;
    }
);

/// Who said a line of the rehearsal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The CSM rehearsing.
    Csm,
    /// The customer contact, played by the built-in customer or a model.
    Customer,
}

impl Speaker {
    /// How the transcript names the speaker.
    pub fn label(self) -> Msg {
        match self {
            Self::Csm => Msg::RehSpeakerCsm,
            Self::Customer => Msg::RehSpeakerCustomer,
        }
    }
}

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub who: Speaker,
    pub text: String,
    pub at: DateTime<Utc>,
}

/// How a rehearsal is set up when it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    pub difficulty: Difficulty,
    pub output_lang: Lang,
    /// The built-in customer, or the model that plays the customer.
    pub source: DraftSource,
    /// The escalation's effective classification when the rehearsal started.
    pub kind: EscalationType,
    pub severity: Severity,
}

/// A rehearsal of one escalation's customer conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rehearsal {
    pub id: String,
    pub escalation_id: String,
    pub difficulty: Difficulty,
    /// The language of the conversation, stored as its BCP 47 tag.
    #[serde(with = "crate::domain::draft::lang_tag")]
    pub output_lang: Lang,
    pub source: DraftSource,
    pub kind: EscalationType,
    pub severity: Severity,
    #[serde(default)]
    pub turns: Vec<Turn>,
    /// Set by "End and score"; a scored rehearsal is read-only.
    #[serde(default)]
    pub scorecard: Option<Scorecard>,
    pub created_at: DateTime<Utc>,
}

impl Rehearsal {
    /// A rehearsal with no line yet.
    pub fn new(id: String, escalation_id: String, setup: Setup, now: DateTime<Utc>) -> Self {
        Self {
            id,
            escalation_id,
            difficulty: setup.difficulty,
            output_lang: setup.output_lang,
            source: setup.source,
            kind: setup.kind,
            severity: setup.severity,
            turns: Vec::new(),
            scorecard: None,
            created_at: now,
        }
    }

    /// Adds a line (trimmed); refused when empty or once the rehearsal is scored.
    pub fn say(&mut self, who: Speaker, text: &str, at: DateTime<Utc>) -> bool {
        let text = text.trim();
        if text.is_empty() || self.is_scored() {
            return false;
        }
        self.turns.push(Turn {
            who,
            text: text.to_string(),
            at,
        });
        true
    }

    /// How many lines the customer has said.
    pub fn customer_lines(&self) -> usize {
        self.turns
            .iter()
            .filter(|t| t.who == Speaker::Customer)
            .count()
    }

    /// Whether "End and score" was used.
    pub fn is_scored(&self) -> bool {
        self.scorecard.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::Coded;
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn rehearsal() -> Rehearsal {
        Rehearsal::new(
            "r1".into(),
            "e1".into(),
            Setup {
                difficulty: Difficulty::Hostile,
                output_lang: Lang::Zh,
                source: DraftSource::BuiltIn,
                kind: EscalationType::ProductFailure,
                severity: Severity::P1,
            },
            at(),
        )
    }

    #[test]
    fn lines_are_trimmed_and_empty_ones_refused() {
        let mut r = rehearsal();
        assert!(r.say(Speaker::Customer, "  你们的系统又宕机了 ", at()));
        assert!(!r.say(Speaker::Csm, "   ", at()));
        assert_eq!(r.turns.len(), 1);
        assert_eq!(r.turns[0].text, "你们的系统又宕机了");
        assert_eq!(r.customer_lines(), 1);
    }

    #[test]
    fn a_scored_rehearsal_is_read_only() {
        let mut r = rehearsal();
        r.scorecard = Some(Scorecard {
            checks: Vec::new(),
            comment: None,
        });
        assert!(r.is_scored());
        assert!(!r.say(Speaker::Csm, "one more thing", at()));
        assert!(r.turns.is_empty());
    }

    #[test]
    fn a_rehearsal_is_stored_with_codes_and_reads_back() {
        let mut r = rehearsal();
        r.say(Speaker::Csm, "我理解", at());
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["difficulty"], "hostile");
        assert_eq!(json["output_lang"], "zh-CN");
        assert_eq!(json["kind"], "product_failure");
        assert_eq!(json["turns"][0]["who"], "csm");
        assert_eq!(serde_json::from_value::<Rehearsal>(json).unwrap(), r);
        let labels: Vec<Msg> = Difficulty::ALL.iter().map(|d| d.label()).collect();
        assert_eq!(labels, [Msg::RehCalm, Msg::RehFrustrated, Msg::RehHostile]);
        assert_eq!(Speaker::Customer.label().text(Lang::Zh), "客户");
    }
}
