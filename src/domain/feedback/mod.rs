//! Feedback loop: feedback items (from NPS, QBRs, tickets, CSM notes, advisory boards),
//! their dated stage history, and the themes they are grouped under.

pub mod dashboard;
pub mod export;
pub mod import;
pub mod stats;
pub mod tally;
pub mod themes;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::form::{
    date_value, values, Coded, FieldError, FieldKind, FieldSpec, FormReader, FormRecord, FormValues,
};
use crate::i18n::Msg;

coded_enum!(
    /// Where a piece of feedback came from.
    Source, SOURCE_CHOICES {
        Nps => "nps", SourceNps;
        Qbr => "qbr", SourceQbr;
        Ticket => "ticket", SourceTicket;
        CsmNote => "csm_note", SourceCsmNote;
        AdvisoryBoard => "advisory_board", SourceAdvisoryBoard;
    }
);

coded_enum!(
    /// received → acknowledged → routed to product → product responded →
    /// shipped / planned / declined → loop closed.
    Stage, STAGE_CHOICES {
        Received => "received", StageReceived;
        Acknowledged => "acknowledged", StageAcknowledged;
        Routed => "routed", StageRouted;
        ProductResponded => "product_responded", StageProductResponded;
        Shipped => "shipped", StageShipped;
        Planned => "planned", StagePlanned;
        Declined => "declined", StageDeclined;
        LoopClosed => "loop_closed", StageLoopClosed;
    }
);

/// The date a stage was reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub stage: Stage,
    pub at: DateTime<Utc>,
}

/// A promise made to the customer about a piece of feedback, due by a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCommitment {
    pub what: String,
    pub due: NaiveDate,
    /// The day it was kept; `None` while open.
    #[serde(default)]
    pub kept_on: Option<NaiveDate>,
}

impl CustomerCommitment {
    /// Still open after its due date.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.kept_on.is_none() && self.due < today
    }
}

/// One piece of customer feedback.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackItem {
    pub id: String,
    pub account_id: String,
    pub source: Source,
    pub received_on: NaiveDate,
    pub verbatim: String,
    /// 0–10, for NPS responses.
    pub score: Option<u8>,
    pub stage: Stage,
    pub stage_history: Vec<StageChange>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub theme_ids: Vec<String>,
    /// What was promised to the customer, oldest first.
    #[serde(default)]
    pub commitments: Vec<CustomerCommitment>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A theme that feedback items are grouped under.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub created_at: DateTime<Utc>,
}

impl FeedbackItem {
    pub fn new(id: String, now: DateTime<Utc>) -> Self {
        Self {
            id,
            account_id: String::new(),
            source: Source::Nps,
            received_on: now.date_naive(),
            verbatim: String::new(),
            score: None,
            stage: Stage::Received,
            stage_history: Vec::new(),
            owner: String::new(),
            theme_ids: Vec::new(),
            commitments: Vec::new(),
            created_at: now,
            updated_at: now,
        }
    }

    /// Moves to `stage`, recording the date; staying in the same stage records nothing.
    pub fn move_to(&mut self, stage: Stage, at: DateTime<Utc>) {
        if stage != self.stage || self.stage_history.is_empty() {
            self.stage = stage;
            self.stage_history.push(StageChange { stage, at });
        }
    }
}

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("account_id", Msg::FieldAccount, FieldKind::Account).required(),
    FieldSpec::new(
        "source",
        Msg::FieldSource,
        FieldKind::Choice(SOURCE_CHOICES),
    )
    .required(),
    FieldSpec::new("received_on", Msg::FieldReceivedOn, FieldKind::Date).required(),
    FieldSpec::new("score", Msg::FieldScore, FieldKind::Count).help(Msg::HelpScore),
    FieldSpec::new("verbatim", Msg::FieldVerbatim, FieldKind::LongText)
        .required()
        .help(Msg::HelpVerbatim),
    FieldSpec::new("stage", Msg::FieldStage, FieldKind::Choice(STAGE_CHOICES)).required(),
    FieldSpec::new("owner", Msg::FieldOwner, FieldKind::Text),
];

impl FormRecord for FeedbackItem {
    const FIELDS: &'static [FieldSpec] = FIELDS;

    fn to_form(&self) -> FormValues {
        values([
            ("account_id", self.account_id.clone()),
            ("source", self.source.code().to_string()),
            ("received_on", date_value(Some(self.received_on))),
            (
                "score",
                self.score.map(|s| s.to_string()).unwrap_or_default(),
            ),
            ("verbatim", self.verbatim.clone()),
            ("stage", self.stage.code().to_string()),
            ("owner", self.owner.clone()),
        ])
    }

    fn apply_form(&mut self, form: &FormValues, now: DateTime<Utc>) -> Result<(), Vec<FieldError>> {
        let mut r = FormReader::new(form);
        let account_id = r.text("account_id", true);
        let source = r.choice("source", Source::from_code);
        let received_on = r.date("received_on", true);
        if received_on.is_some_and(|d| d > now.date_naive() + chrono::Duration::days(1)) {
            r.reject("received_on", Msg::ErrInFuture);
        }
        let score = r.count("score");
        if score.is_some_and(|s| s > 10) {
            r.reject("score", Msg::ErrScoreRange);
        }
        if source == Some(Source::Nps) && form.get("score").is_none_or(|s| s.trim().is_empty()) {
            r.reject("score", Msg::ErrScoreNeeded);
        }
        let verbatim = r.text("verbatim", true);
        let stage = r.choice("stage", Stage::from_code);
        let owner = r.text("owner", false);
        r.finish()?;

        self.account_id = account_id;
        if let Some(s) = source {
            self.source = s;
        }
        if let Some(d) = received_on {
            self.received_on = d;
        }
        self.score = score.and_then(|s| u8::try_from(s).ok());
        self.verbatim = verbatim;
        self.owner = owner;
        if let Some(stage) = stage {
            self.move_to(stage, now);
        }
        self.updated_at = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn form(score: &str, source: &str) -> FormValues {
        values([
            ("account_id", "acc-1".into()),
            ("source", source.into()),
            ("received_on", "2026-11-20".into()),
            ("score", score.into()),
            ("verbatim", "导出报表太慢了".into()),
            ("stage", "received".into()),
        ])
    }

    #[test]
    fn a_new_item_records_its_first_stage() {
        let mut f = FeedbackItem::new("f1".into(), now());
        f.apply_form(&form("3", "nps"), now()).unwrap();
        assert_eq!(f.score, Some(3));
        assert_eq!(
            f.stage_history,
            vec![StageChange {
                stage: Stage::Received,
                at: now()
            }]
        );
    }

    #[test]
    fn each_stage_change_is_dated() {
        let mut f = FeedbackItem::new("f1".into(), now());
        f.apply_form(&form("9", "nps"), now()).unwrap();
        let later = now() + chrono::Duration::days(2);
        let mut next = f.to_form();
        next.insert("stage", "acknowledged".into());
        f.apply_form(&next, later).unwrap();
        f.apply_form(&f.to_form(), later + chrono::Duration::days(1))
            .unwrap();
        assert_eq!(
            f.stage_history
                .iter()
                .map(|c| (c.stage, c.at))
                .collect::<Vec<_>>(),
            vec![(Stage::Received, now()), (Stage::Acknowledged, later)]
        );
    }

    #[test]
    fn nps_needs_a_score_from_0_to_10() {
        let mut f = FeedbackItem::new("f1".into(), now());
        let e = f.apply_form(&form("", "nps"), now()).unwrap_err();
        assert_eq!((e[0].field, e[0].message), ("score", Msg::ErrScoreNeeded));
        let e = f.apply_form(&form("11", "nps"), now()).unwrap_err();
        assert_eq!((e[0].field, e[0].message), ("score", Msg::ErrScoreRange));
        assert!(f.apply_form(&form("", "qbr"), now()).is_ok());
        assert_eq!(f.score, None);
    }

    #[test]
    fn future_dates_are_refused() {
        let mut f = FeedbackItem::new("f1".into(), now());
        let mut bad = form("5", "nps");
        bad.insert("received_on", "2027-01-01".into());
        assert_eq!(
            f.apply_form(&bad, now()).unwrap_err()[0].message,
            Msg::ErrInFuture
        );
    }

    #[test]
    fn commitments_are_late_only_while_open_after_their_due_date() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut c = CustomerCommitment {
            what: "Share the export fix date".into(),
            due: day(20),
            kept_on: None,
        };
        assert!(!c.is_late(day(20)));
        assert!(c.is_late(day(21)));
        c.kept_on = Some(day(22));
        assert!(!c.is_late(day(23)));
    }

    #[test]
    fn items_stored_before_commitments_still_load_and_keep_them_once_added() {
        let old = serde_json::json!({
            "id": "f1", "account_id": "a", "source": "nps", "received_on": "2026-11-20",
            "verbatim": "slow", "score": 3, "stage": "received", "stage_history": [],
            "created_at": "2026-11-20T09:00:00Z", "updated_at": "2026-11-20T09:00:00Z"
        });
        let mut item: FeedbackItem = serde_json::from_value(old).expect("old item");
        assert!(item.commitments.is_empty());
        item.commitments.push(CustomerCommitment {
            what: "Call back".into(),
            due: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            kept_on: None,
        });
        let json = serde_json::to_value(&item).expect("json");
        assert_eq!(
            serde_json::from_value::<FeedbackItem>(json).expect("round trip"),
            item
        );
    }
}
