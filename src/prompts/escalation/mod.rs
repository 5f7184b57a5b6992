//! The escalation-resolution prompts: response plan, internal brief, executive call prep,
//! difficult conversation script and post-escalation review, the facts they share, and
//! the agendas of the two meetings.

pub mod agendas;
pub mod difficult_conversation;
pub mod exec_call;
pub mod facts;
pub mod internal_brief;
pub mod response_plan;
pub mod review;
