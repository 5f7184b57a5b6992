//! Pure domain: records, rules and validation. No web types, no clock and no randomness:
//! callers pass `now` and ids in, so everything here is tested natively.

pub mod account;
pub mod backup_reminder;
pub mod cues;
pub mod draft;
pub mod escalation;
pub mod feedback;
pub mod form;
pub mod listing;
pub mod onboarding;
pub mod parse;
pub mod record;
pub mod sorting;
pub mod sync;
pub mod text;
pub mod time;
pub mod url;
pub mod workspace;
