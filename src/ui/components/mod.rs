//! Reusable interface pieces: form fields and the confirmation panel.

pub mod confirm;
pub mod field;
