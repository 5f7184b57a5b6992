//! Escalations: the record of an unhappy customer situation, its status lifecycle and its
//! dated event log. Classification and planning rules build on this record.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::form::{
    instant_value, values, Coded, FieldError, FieldKind, FieldSpec, FormReader, FormRecord,
    FormValues,
};
use crate::i18n::Msg;

coded_enum!(
    /// How the escalation reached us.
    Channel, CHANNEL_CHOICES {
        Email => "email", ChannelEmail;
        Phone => "phone", ChannelPhone;
        Meeting => "meeting", ChannelMeeting;
        Ticket => "ticket", ChannelTicket;
        Chat => "chat", ChannelChat;
        Social => "social", ChannelSocial;
    }
);

coded_enum!(
    /// Lifecycle: new → responding → resolving → resolved → reviewed.
    EscalationStatus, STATUS_CHOICES {
        New => "new", StatusNew;
        Responding => "responding", StatusResponding;
        Resolving => "resolving", StatusResolving;
        Resolved => "resolved", StatusResolved;
        Reviewed => "reviewed", StatusReviewed;
    }
);

/// What happened, as recorded in the event log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Received,
    StatusChanged {
        from: EscalationStatus,
        to: EscalationStatus,
    },
}

/// A dated entry of the event log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationEvent {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    #[serde(default)]
    pub note: String,
}

/// An escalation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Escalation {
    pub id: String,
    pub account_id: String,
    pub contact_name: String,
    #[serde(default)]
    pub contact_title: String,
    #[serde(default)]
    pub contact_email: String,
    pub received_at: DateTime<Utc>,
    pub channel: Channel,
    pub summary: String,
    #[serde(default)]
    pub underlying_issue: String,
    /// What we can honestly fix, and when.
    #[serde(default)]
    pub can_fix: String,
    /// Internal stakeholders already involved.
    #[serde(default)]
    pub stakeholders: String,
    pub status: EscalationStatus,
    #[serde(default)]
    pub events: Vec<EscalationEvent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Escalation {
    pub fn new(id: String, now: DateTime<Utc>) -> Self {
        Self {
            id,
            account_id: String::new(),
            contact_name: String::new(),
            contact_title: String::new(),
            contact_email: String::new(),
            received_at: now,
            channel: Channel::Email,
            summary: String::new(),
            underlying_issue: String::new(),
            can_fix: String::new(),
            stakeholders: String::new(),
            status: EscalationStatus::New,
            events: Vec::new(),
            created_at: now,
            updated_at: now,
        }
    }
}

const FIELDS: &[FieldSpec] = &[
    FieldSpec::new("account_id", Msg::FieldAccount, FieldKind::Account).required(),
    FieldSpec::new("contact_name", Msg::FieldContactName, FieldKind::Text).required(),
    FieldSpec::new("contact_title", Msg::FieldContactTitle, FieldKind::Text),
    FieldSpec::new("contact_email", Msg::FieldContactEmail, FieldKind::Email),
    FieldSpec::new("received_at", Msg::FieldReceivedAt, FieldKind::DateTime)
        .required()
        .help(Msg::HelpReceivedAt),
    FieldSpec::new(
        "channel",
        Msg::FieldChannel,
        FieldKind::Choice(CHANNEL_CHOICES),
    )
    .required(),
    FieldSpec::new("summary", Msg::FieldSummary, FieldKind::LongText)
        .required()
        .help(Msg::HelpSummary),
    FieldSpec::new(
        "underlying_issue",
        Msg::FieldUnderlyingIssue,
        FieldKind::LongText,
    )
    .help(Msg::HelpUnderlyingIssue),
    FieldSpec::new("can_fix", Msg::FieldCanFix, FieldKind::LongText).help(Msg::HelpCanFix),
    FieldSpec::new("stakeholders", Msg::FieldStakeholders, FieldKind::LongText),
    FieldSpec::new(
        "status",
        Msg::FieldStatus,
        FieldKind::Choice(STATUS_CHOICES),
    )
    .required(),
];

impl FormRecord for Escalation {
    const FIELDS: &'static [FieldSpec] = FIELDS;

    fn to_form(&self) -> FormValues {
        values([
            ("account_id", self.account_id.clone()),
            ("contact_name", self.contact_name.clone()),
            ("contact_title", self.contact_title.clone()),
            ("contact_email", self.contact_email.clone()),
            ("received_at", instant_value(self.received_at)),
            ("channel", self.channel.code().to_string()),
            ("summary", self.summary.clone()),
            ("underlying_issue", self.underlying_issue.clone()),
            ("can_fix", self.can_fix.clone()),
            ("stakeholders", self.stakeholders.clone()),
            ("status", self.status.code().to_string()),
        ])
    }

    fn apply_form(&mut self, form: &FormValues, now: DateTime<Utc>) -> Result<(), Vec<FieldError>> {
        let mut r = FormReader::new(form);
        let account_id = r.text("account_id", true);
        let contact_name = r.text("contact_name", true);
        let contact_title = r.text("contact_title", false);
        let contact_email = r.email("contact_email", false);
        let received_at = r.instant("received_at", true);
        if received_at.is_some_and(|t| t > now + chrono::Duration::minutes(5)) {
            r.reject("received_at", Msg::ErrInFuture);
        }
        let channel = r.choice("channel", Channel::from_code);
        let summary = r.text("summary", true);
        let underlying_issue = r.text("underlying_issue", false);
        let can_fix = r.text("can_fix", false);
        let stakeholders = r.text("stakeholders", false);
        let status = r.choice("status", EscalationStatus::from_code);
        r.finish()?;

        let is_new = self.events.is_empty();
        self.account_id = account_id;
        self.contact_name = contact_name;
        self.contact_title = contact_title;
        self.contact_email = contact_email;
        if let Some(t) = received_at {
            self.received_at = t;
        }
        if let Some(c) = channel {
            self.channel = c;
        }
        self.summary = summary;
        self.underlying_issue = underlying_issue;
        self.can_fix = can_fix;
        self.stakeholders = stakeholders;
        if is_new {
            self.events.push(EscalationEvent {
                at: self.received_at,
                kind: EventKind::Received,
                note: String::new(),
            });
        }
        if let Some(to) = status.filter(|s| *s != self.status) {
            self.events.push(EscalationEvent {
                at: now,
                kind: EventKind::StatusChanged {
                    from: self.status,
                    to,
                },
                note: String::new(),
            });
            self.status = to;
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

    fn valid_form() -> FormValues {
        values([
            ("account_id", "acc-1".into()),
            ("contact_name", "Li Wei".into()),
            ("contact_email", "li.wei@acme.cn".into()),
            ("received_at", "2026-11-23T08:15:00Z".into()),
            ("channel", "email".into()),
            (
                "summary",
                "Production outage for two days; CIO threatens to cancel.".into(),
            ),
            ("status", "new".into()),
        ])
    }

    #[test]
    fn new_escalation_logs_its_receipt() {
        let mut e = Escalation::new("e1".into(), now());
        e.apply_form(&valid_form(), now()).unwrap();
        assert_eq!(e.events.len(), 1);
        assert_eq!(e.events[0].kind, EventKind::Received);
        assert_eq!(
            e.events[0].at,
            Utc.with_ymd_and_hms(2026, 11, 23, 8, 15, 0).unwrap()
        );
    }

    #[test]
    fn status_changes_are_dated_in_the_log() {
        let mut e = Escalation::new("e1".into(), now());
        e.apply_form(&valid_form(), now()).unwrap();
        let mut form = e.to_form();
        form.insert("status", "responding".into());
        let later = now() + chrono::Duration::hours(1);
        e.apply_form(&form, later).unwrap();
        assert_eq!(e.status, EscalationStatus::Responding);
        assert_eq!(
            e.events.last().map(|ev| (&ev.kind, ev.at)),
            Some((
                &EventKind::StatusChanged {
                    from: EscalationStatus::New,
                    to: EscalationStatus::Responding
                },
                later
            ))
        );
        e.apply_form(&e.to_form(), later).unwrap();
        assert_eq!(
            e.events.len(),
            2,
            "saving without a status change logs nothing"
        );
    }

    #[test]
    fn required_fields_and_future_receipt_are_refused() {
        let mut e = Escalation::new("e1".into(), now());
        let mut form = valid_form();
        form.insert("account_id", "".into());
        form.insert("summary", " ".into());
        form.insert("received_at", "2026-11-25T08:00:00Z".into());
        form.insert("contact_email", "li.wei".into());
        let fields: Vec<_> = e
            .apply_form(&form, now())
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec!["account_id", "contact_email", "received_at", "summary"]
        );
        assert!(e.events.is_empty());
    }

    #[test]
    fn status_codes_round_trip_through_json() {
        let json = serde_json::to_string(&EscalationStatus::Resolving).unwrap();
        assert_eq!(json, "\"resolving\"");
        assert_eq!(
            serde_json::from_str::<EscalationStatus>(&json).unwrap(),
            EscalationStatus::Resolving
        );
    }
}
