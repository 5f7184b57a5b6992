//! The feedback screens: the panel under an item's form (stage history), the CSV import,
//! the theme analysis and review, and the health dashboard.

pub mod health;
pub mod import;
pub mod panel;
pub mod themes;
