//! The feedback-loop prompts: theme analysis (and the batched run behind it), product dossier,
//! close-the-loop message, QBR follow-up and health report, and the facts they share.

pub mod close_loop;
pub mod dossier;
pub mod facts;
pub mod health_report;
pub mod qbr_followup;
pub mod theme_analysis;
pub mod theme_chunks;
pub mod theme_run;
