//! The onboarding prompts: industry playbook, customised playbook and at-risk recovery,
//! the facts they share, and the written communications of a plan (kick-off agenda, weekly
//! status, slip notice).

pub mod at_risk;
pub mod comms;
pub mod custom_playbook;
pub mod facts;
pub mod industry_playbook;
