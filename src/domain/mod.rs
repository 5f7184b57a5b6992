//! Pure domain: records, rules and validation. No web types, no clock and no randomness:
//! callers pass `now` and ids in, so everything here is tested natively.

pub mod account;
pub mod backup_reminder;
pub mod cues;
pub mod draft;
pub mod escalation;
pub mod escalation_board;
pub mod escalation_plan;
pub mod escalation_rules;
pub mod escalation_schedule;
pub mod feedback;
pub mod feedback_dashboard;
pub mod feedback_export;
pub mod feedback_import;
pub mod feedback_stats;
pub mod feedback_theme_prompt;
pub mod feedback_themes;
pub mod form;
pub mod ics;
pub mod listing;
pub mod onboarding;
pub mod onboarding_comms;
pub mod onboarding_plan;
pub mod onboarding_progress;
pub mod onboarding_risks;
pub mod onboarding_rules;
pub mod parse;
pub mod record;
pub mod sorting;
pub mod text;
pub mod time;
pub mod zone;
