//! Pure domain: records, rules and validation. No web types, no clock and no randomness:
//! callers pass `now` and ids in, so everything here is tested natively.

pub mod account;
pub mod backup_reminder;
pub mod draft;
pub mod escalation;
pub mod escalation_rules;
pub mod escalation_schedule;
pub mod feedback;
pub mod feedback_import;
pub mod feedback_stats;
pub mod feedback_themes;
pub mod form;
pub mod listing;
pub mod onboarding;
pub mod parse;
pub mod record;
