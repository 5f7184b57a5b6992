//! The copy each workspace's screens show: its introduction, the create button, the empty
//! state and the edit form's heading.

use crate::domain::workspace::Workspace;
use crate::i18n::Msg;

/// Screen copy of a workspace.
pub trait WorkspaceText {
    /// One sentence saying what the workspace is for.
    fn intro(self) -> Msg;
    /// The label of the button that creates a record.
    fn new_label(self) -> Msg;
    /// What to do when the workspace is empty.
    fn empty_hint(self) -> Msg;
    /// The heading of a record's edit form.
    fn edit_title(self) -> Msg;
}

impl WorkspaceText for Workspace {
    fn intro(self) -> Msg {
        match self {
            Self::Accounts => Msg::IntroAccounts,
            Self::Escalations => Msg::IntroEscalations,
            Self::Feedback => Msg::IntroFeedback,
            Self::Onboarding => Msg::IntroOnboarding,
        }
    }

    fn new_label(self) -> Msg {
        match self {
            Self::Accounts => Msg::NewAccount,
            Self::Escalations => Msg::NewEscalation,
            Self::Feedback => Msg::NewFeedback,
            Self::Onboarding => Msg::NewOnboarding,
        }
    }

    fn empty_hint(self) -> Msg {
        match self {
            Self::Accounts => Msg::EmptyAccounts,
            Self::Escalations => Msg::EmptyEscalations,
            Self::Feedback => Msg::EmptyFeedback,
            Self::Onboarding => Msg::EmptyOnboarding,
        }
    }

    fn edit_title(self) -> Msg {
        match self {
            Self::Accounts => Msg::EditAccount,
            Self::Escalations => Msg::EditEscalation,
            Self::Feedback => Msg::EditFeedback,
            Self::Onboarding => Msg::EditOnboarding,
        }
    }
}
