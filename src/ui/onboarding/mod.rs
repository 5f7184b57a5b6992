//! The onboarding screens: the panel under a project's form (plan, progress, risks and
//! communications) and the playbook library.

pub mod panel;
pub mod playbooks;
