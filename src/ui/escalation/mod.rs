//! The escalation screens beyond the shared record pages: the panel under an escalation's
//! form (classification, events, stakeholders, timeline and agendas).

pub mod panel;
