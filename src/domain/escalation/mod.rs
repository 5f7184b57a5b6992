//! Escalations: the record of an unhappy customer situation, its status lifecycle, its
//! dated event log (one-click events advance the status) and the CSM's classification
//! override. Classification and planning rules build on this record.

pub mod board;
pub mod plan;
pub mod rules;
pub mod schedule;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::domain::account::Account;
use crate::domain::escalation::plan::TimelineEdit;
use crate::domain::escalation::rules::{
    classify, Classification, EscalationType, Severity, Signal,
};
use crate::domain::form::{
    instant_value, values, Coded, FieldError, FieldKind, FieldSpec, FormReader, FormRecord,
    FormValues,
};
use crate::domain::record::AccountIndex;
use crate::i18n::{Lang, Msg};

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

/// What happened, as recorded in the event log. Stored externally tagged in snake_case
/// (`"received"`, `{"status_changed":{"from":"new","to":"responding"}}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Received,
    StatusChanged {
        from: EscalationStatus,
        to: EscalationStatus,
    },
    FirstResponseSent,
    StakeholderEngaged,
    CustomerUpdated,
    FixShipped,
    Resolved,
    ReviewDone,
}

/// The events the UI offers as one-click buttons, in lifecycle order.
pub const ONE_CLICK_EVENTS: &[EventKind] = &[
    EventKind::FirstResponseSent,
    EventKind::StakeholderEngaged,
    EventKind::CustomerUpdated,
    EventKind::FixShipped,
    EventKind::Resolved,
    EventKind::ReviewDone,
];

impl EventKind {
    /// The event's label.
    pub fn label(self) -> Msg {
        match self {
            Self::Received => Msg::EscEventReceived,
            Self::StatusChanged { .. } => Msg::EscEventStatus,
            Self::FirstResponseSent => Msg::EscEventFirstResponse,
            Self::StakeholderEngaged => Msg::EscEventStakeholder,
            Self::CustomerUpdated => Msg::EscEventCustomerUpdated,
            Self::FixShipped => Msg::EscEventFixShipped,
            Self::Resolved => Msg::EscEventResolved,
            Self::ReviewDone => Msg::EscEventReviewDone,
        }
    }

    /// The event as a log line: the label, or "Status: New → Responding".
    pub fn describe(self, lang: Lang) -> String {
        match self {
            Self::StatusChanged { from, to } => Msg::EscEventStatusChange.fill(
                lang,
                &[
                    ("from", from.label().text(lang)),
                    ("to", to.label().text(lang)),
                ],
            ),
            _ => self.label().text(lang).to_string(),
        }
    }

    /// The status this event implies at least.
    fn implied_status(self) -> Option<EscalationStatus> {
        match self {
            Self::FirstResponseSent => Some(EscalationStatus::Responding),
            Self::FixShipped => Some(EscalationStatus::Resolving),
            Self::Resolved => Some(EscalationStatus::Resolved),
            Self::ReviewDone => Some(EscalationStatus::Reviewed),
            _ => None,
        }
    }
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
    /// Type and severity set by the CSM instead of the rules.
    #[serde(default)]
    pub classification_override: Option<ClassificationOverride>,
    /// Moved dates of the resolution timeline, by item key.
    #[serde(default)]
    pub timeline_edits: Vec<TimelineEdit>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Escalation {
    /// A blank escalation received `now`.
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
            classification_override: None,
            timeline_edits: Vec::new(),
            created_at: now,
            updated_at: now,
        }
    }

    /// Appends an event (note trimmed) and advances the status when the event implies a
    /// later one, logging that change at the same time.
    pub fn log_event(&mut self, kind: EventKind, at: DateTime<Utc>, note: &str) {
        self.events.push(EscalationEvent {
            at,
            kind,
            note: note.trim().to_string(),
        });
        if let Some(to) = kind.implied_status().filter(|s| *s > self.status) {
            self.set_status(to, at);
        }
        self.updated_at = self.updated_at.max(at);
    }

    /// Changes the status by hand, logging the change; returns whether anything changed.
    pub fn set_status(&mut self, to: EscalationStatus, at: DateTime<Utc>) -> bool {
        if to == self.status {
            return false;
        }
        self.events.push(EscalationEvent {
            at,
            kind: EventKind::StatusChanged {
                from: self.status,
                to,
            },
            note: String::new(),
        });
        self.status = to;
        self.updated_at = self.updated_at.max(at);
        true
    }

    /// When the first customer response was sent (the earliest such event).
    pub fn first_response_at(&self) -> Option<DateTime<Utc>> {
        self.events
            .iter()
            .filter(|e| e.kind == EventKind::FirstResponseSent)
            .map(|e| e.at)
            .min()
    }

    /// The statuses of an open escalation, for reading open ones through the status index.
    pub const OPEN_STATUSES: [EscalationStatus; 3] = [
        EscalationStatus::New,
        EscalationStatus::Responding,
        EscalationStatus::Resolving,
    ];

    /// Whether the escalation is still being worked on (not resolved or reviewed).
    pub fn is_open(&self) -> bool {
        self.status < EscalationStatus::Resolved
    }

    /// Moves a timeline item to `at`, or back to its planned date with `None`.
    pub fn edit_timeline(&mut self, key: &str, at: Option<DateTime<Utc>>) {
        self.timeline_edits.retain(|e| e.key != key);
        if let Some(at) = at {
            self.timeline_edits.push(TimelineEdit {
                key: key.to_string(),
                at,
            });
        }
    }

    /// The classification every consumer uses: the rules' result, or the CSM's override.
    pub fn effective(&self, account: Option<&Account>, today: NaiveDate) -> Effective {
        effective(
            &classify(self, account, today),
            self.classification_override.as_ref(),
        )
    }
}

/// The rules' classification of an escalation form as it is being filled (nothing is
/// validated or saved): what the panel will show once it is saved.
pub fn classify_form(
    form: &FormValues,
    accounts: &AccountIndex,
    today: NaiveDate,
) -> Classification {
    let text = |key: &str| {
        form.get(key)
            .map_or(String::new(), |v| v.trim().to_string())
    };
    let mut draft = Escalation::new(String::new(), DateTime::<Utc>::MIN_UTC);
    draft.summary = text("summary");
    draft.underlying_issue = text("underlying_issue");
    draft.contact_name = text("contact_name");
    draft.contact_title = text("contact_title");
    classify(&draft, accounts.get(&text("account_id")), today)
}

/// Type and severity chosen by the CSM, with the reason, replacing the rules' result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassificationOverride {
    pub kind: EscalationType,
    pub severity: Severity,
    pub reason: String,
    pub at: DateTime<Utc>,
}

impl ClassificationOverride {
    /// A validated override: the reason, trimmed, is required.
    pub fn new(
        kind: EscalationType,
        severity: Severity,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Self, Msg> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Msg::EscErrOverrideReason);
        }
        Ok(Self {
            kind,
            severity,
            reason: reason.to_string(),
            at,
        })
    }
}

/// The classification in force, after any override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effective {
    pub kind: EscalationType,
    pub severity: Severity,
    /// The signals the rules found (kept as evidence even when overridden).
    pub signals: Vec<Signal>,
    /// The CSM's reason, when the override is in force.
    pub overridden: Option<String>,
}

impl Effective {
    /// "Set by the CSM: reason", when overridden.
    pub fn override_note(&self, lang: Lang) -> Option<String> {
        self.overridden
            .as_ref()
            .map(|r| Msg::EscOverridden.fill(lang, &[("reason", r)]))
    }
}

/// Combines the rules' classification with the CSM's override, if any.
pub fn effective(
    classification: &Classification,
    over: Option<&ClassificationOverride>,
) -> Effective {
    Effective {
        kind: over.map_or(classification.kind, |o| o.kind),
        severity: over.map_or(classification.severity, |o| o.severity),
        signals: classification.signals.clone(),
        overridden: over.map(|o| o.reason.clone()),
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
        if let Some(to) = status {
            self.set_status(to, now);
        }
        self.updated_at = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_statuses_are_exactly_those_of_an_open_escalation() {
        let at = Utc::now();
        for status in EscalationStatus::ALL.iter().copied() {
            let mut e = Escalation::new("e1".into(), at);
            e.status = status;
            assert_eq!(
                Escalation::OPEN_STATUSES.contains(&status),
                e.is_open(),
                "{status:?}"
            );
        }
    }

    #[test]
    fn a_form_being_filled_is_classified_as_typed() {
        use crate::domain::form::values;
        let mut big = Account::new("a1".into(), Utc::now());
        big.arr = 400_000;
        let accounts = AccountIndex::new([big]);
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let form = values([
            ("account_id", "a1".into()),
            (
                "summary",
                "  Billing dispute: we were overcharged on the invoice ".into(),
            ),
        ]);
        let c = classify_form(&form, &accounts, today);
        assert_eq!(
            (c.kind, c.severity),
            (EscalationType::ContractDispute, Severity::P2)
        );
        let form = values([("summary", "Outage since 8am, our CEO wants a call".into())]);
        let c = classify_form(&form, &accounts, today);
        assert_eq!(
            (c.kind, c.severity),
            (EscalationType::ProductFailure, Severity::P1)
        );
        assert!(c.signals.len() >= 2, "{:?}", c.signals);
    }
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
    fn received() -> Escalation {
        let mut e = Escalation::new("e1".into(), now());
        e.log_event(EventKind::Received, now(), "");
        e
    }

    fn statuses(e: &Escalation) -> Vec<(EscalationStatus, EscalationStatus)> {
        e.events
            .iter()
            .filter_map(|ev| match ev.kind {
                EventKind::StatusChanged { from, to } => Some((from, to)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn old_event_json_still_reads() {
        let old = r#"[{"at":"2026-11-23T08:15:00Z","kind":"received"},
            {"at":"2026-11-23T09:00:00Z","kind":{"status_changed":{"from":"new","to":"responding"}},"note":"x"}]"#;
        let events: Vec<EscalationEvent> = serde_json::from_str(old).unwrap();
        assert_eq!(events[0].kind, EventKind::Received);
        assert_eq!(events[0].note, "");
        assert_eq!(
            events[1].kind,
            EventKind::StatusChanged {
                from: EscalationStatus::New,
                to: EscalationStatus::Responding
            }
        );
    }

    #[test]
    fn new_events_are_stored_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&EventKind::FirstResponseSent).unwrap(),
            "\"first_response_sent\""
        );
        assert_eq!(
            serde_json::from_str::<EventKind>("\"review_done\"").unwrap(),
            EventKind::ReviewDone
        );
    }

    #[test]
    fn a_stored_escalation_without_the_new_fields_still_reads() {
        let mut e = received();
        e.classification_override = Some(
            ClassificationOverride::new(EscalationType::ServiceGap, Severity::P3, "ok", now())
                .unwrap(),
        );
        e.edit_timeline("checkpoint-1", Some(now()));
        let mut json = serde_json::to_value(&e).unwrap();
        let map = json.as_object_mut().unwrap();
        map.remove("classification_override");
        map.remove("timeline_edits");
        let old: Escalation = serde_json::from_value(json).unwrap();
        assert_eq!(old.classification_override, None);
        assert!(old.timeline_edits.is_empty());
        let back: Escalation = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn first_response_moves_a_new_escalation_to_responding() {
        let mut e = received();
        let t = now() + chrono::Duration::minutes(47);
        e.log_event(EventKind::FirstResponseSent, t, "  sent by Ana ");
        assert_eq!(e.status, EscalationStatus::Responding);
        assert_eq!(e.events.len(), 3);
        assert_eq!(e.events[1].note, "sent by Ana");
        assert_eq!(
            e.events[2].kind,
            EventKind::StatusChanged {
                from: EscalationStatus::New,
                to: EscalationStatus::Responding
            }
        );
        assert_eq!(e.events[2].at, t);
        assert_eq!(e.updated_at, t);
    }

    #[test]
    fn events_never_move_the_status_back() {
        let mut e = received();
        e.set_status(EscalationStatus::Resolving, now());
        e.log_event(EventKind::FirstResponseSent, now(), "");
        assert_eq!(e.status, EscalationStatus::Resolving);
        assert_eq!(statuses(&e).len(), 1);
    }

    #[test]
    fn fix_shipped_can_skip_responding() {
        let mut e = received();
        e.log_event(EventKind::FixShipped, now(), "");
        assert_eq!(
            statuses(&e),
            [(EscalationStatus::New, EscalationStatus::Resolving)]
        );
    }

    #[test]
    fn resolved_and_review_done_close_the_lifecycle() {
        let mut e = received();
        e.log_event(EventKind::Resolved, now(), "");
        assert_eq!(e.status, EscalationStatus::Resolved);
        assert!(!e.is_open());
        e.log_event(EventKind::ReviewDone, now(), "");
        assert_eq!(e.status, EscalationStatus::Reviewed);
        assert_eq!(
            statuses(&e),
            [
                (EscalationStatus::New, EscalationStatus::Resolved),
                (EscalationStatus::Resolved, EscalationStatus::Reviewed)
            ]
        );
    }

    #[test]
    fn informational_events_keep_the_status() {
        let mut e = received();
        e.log_event(EventKind::StakeholderEngaged, now(), "");
        e.log_event(EventKind::CustomerUpdated, now(), "");
        assert_eq!(e.status, EscalationStatus::New);
        assert!(e.is_open());
        assert_eq!(e.events.len(), 3);
    }

    #[test]
    fn manual_status_changes_are_logged_and_may_go_back() {
        let mut e = received();
        assert!(e.set_status(EscalationStatus::Resolved, now()));
        assert!(e.set_status(EscalationStatus::Resolving, now()));
        assert!(!e.set_status(EscalationStatus::Resolving, now()));
        assert_eq!(
            statuses(&e),
            [
                (EscalationStatus::New, EscalationStatus::Resolved),
                (EscalationStatus::Resolved, EscalationStatus::Resolving)
            ]
        );
    }

    #[test]
    fn first_response_time_is_the_earliest_logged() {
        let mut e = received();
        assert_eq!(e.first_response_at(), None);
        let late = now() + chrono::Duration::hours(3);
        let early = now() + chrono::Duration::hours(1);
        e.log_event(EventKind::FirstResponseSent, late, "");
        e.log_event(EventKind::FirstResponseSent, early, "backdated");
        assert_eq!(e.first_response_at(), Some(early));
    }

    #[test]
    fn timeline_edits_replace_and_reset() {
        let mut e = received();
        let later = now() + chrono::Duration::days(1);
        e.edit_timeline("checkpoint-2", Some(now()));
        e.edit_timeline("checkpoint-2", Some(later));
        e.edit_timeline("post-review", Some(now()));
        assert_eq!(e.timeline_edits.len(), 2);
        assert_eq!(e.timeline_edits[0].at, later);
        e.edit_timeline("checkpoint-2", None);
        assert_eq!(e.timeline_edits.len(), 1);
        assert_eq!(e.timeline_edits[0].key, "post-review");
    }

    #[test]
    fn an_override_needs_a_reason() {
        assert_eq!(
            ClassificationOverride::new(EscalationType::ServiceGap, Severity::P1, "  ", now()),
            Err(Msg::EscErrOverrideReason)
        );
        let o = ClassificationOverride::new(
            EscalationType::ServiceGap,
            Severity::P1,
            " CEO called us ",
            now(),
        )
        .unwrap();
        assert_eq!(o.reason, "CEO called us");
        assert_eq!(
            serde_json::to_value(&o).unwrap()["kind"],
            serde_json::json!("service_gap")
        );
    }

    #[test]
    fn the_effective_classification_prefers_the_override() {
        let rules = Classification {
            kind: EscalationType::ProductFailure,
            type_hits: Vec::new(),
            severity: Severity::P1,
            signals: vec![Signal::OutageOrDataLoss],
        };
        let plain = effective(&rules, None);
        assert_eq!(
            (plain.kind, plain.severity, plain.overridden.clone()),
            (EscalationType::ProductFailure, Severity::P1, None)
        );
        assert_eq!(plain.override_note(Lang::En), None);
        let o = ClassificationOverride::new(
            EscalationType::ServiceGap,
            Severity::P2,
            "known bug",
            now(),
        )
        .unwrap();
        let eff = effective(&rules, Some(&o));
        assert_eq!(eff.kind, EscalationType::ServiceGap);
        assert_eq!(eff.severity, Severity::P2);
        assert_eq!(eff.signals, [Signal::OutageOrDataLoss]);
        assert_eq!(
            eff.override_note(Lang::Zh).as_deref(),
            Some("CSM 手动设定：known bug")
        );
    }

    #[test]
    fn the_record_method_applies_rules_then_override() {
        let mut e = received();
        e.summary = "Production outage since Monday".into();
        let today = now().date_naive();
        assert_eq!(e.effective(None, today).severity, Severity::P1);
        e.classification_override = Some(
            ClassificationOverride::new(
                EscalationType::ProductFailure,
                Severity::P3,
                "test env",
                now(),
            )
            .unwrap(),
        );
        assert_eq!(e.effective(None, today).severity, Severity::P3);
    }

    #[test]
    fn events_describe_themselves_in_both_languages() {
        let change = EventKind::StatusChanged {
            from: EscalationStatus::New,
            to: EscalationStatus::Responding,
        };
        assert_eq!(change.describe(Lang::En), "Status: New → Responding");
        assert_eq!(change.describe(Lang::Zh), "状态：新建 → 响应中");
        assert_eq!(EventKind::FixShipped.describe(Lang::Zh), "修复已上线");
        let mut labels: Vec<Msg> = ONE_CLICK_EVENTS.iter().map(|k| k.label()).collect();
        labels.dedup();
        assert_eq!(labels.len(), 6);
        assert!(!labels.contains(&Msg::EscEventReceived));
    }
}
