//! The four workspaces, each holding one kind of record: their stable slugs (routes and
//! stored drafts) and their names.

use crate::i18n::Msg;

/// A workspace that holds one kind of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Workspace {
    Accounts,
    Escalations,
    Feedback,
    Onboarding,
}

impl Workspace {
    pub const ALL: [Workspace; 4] = [
        Self::Escalations,
        Self::Feedback,
        Self::Onboarding,
        Self::Accounts,
    ];

    /// The route segment and stored name of the workspace.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Accounts => "accounts",
            Self::Escalations => "escalations",
            Self::Feedback => "feedback",
            Self::Onboarding => "onboarding",
        }
    }

    /// The workspace's name, as the navigation shows it.
    pub fn title(self) -> Msg {
        match self {
            Self::Accounts => Msg::NavAccounts,
            Self::Escalations => Msg::NavEscalations,
            Self::Feedback => Msg::NavFeedback,
            Self::Onboarding => Msg::NavOnboarding,
        }
    }

    /// The workspace whose route segment is `slug`.
    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.slug() == slug)
    }
}
