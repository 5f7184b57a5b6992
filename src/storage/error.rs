//! Storage errors as values with a user-facing message: quota, a connection closed by a newer
//! tab, a database that cannot be opened, unreadable records. Never a panic.

use crate::i18n::Msg;

/// What went wrong in IndexedDB, in terms the user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refused to store more data.
    QuotaExceeded,
    /// The connection was closed, usually because another tab upgraded the database.
    ReloadNeeded,
    /// IndexedDB cannot be opened here (private mode, disabled storage, blocked upgrade).
    Unavailable,
    /// A stored record does not match the expected shape.
    Unreadable { store: &'static str },
    /// Anything else, with the browser's description for the details line.
    Other(String),
}

impl StorageError {
    /// Classifies a browser error by the DOMException name it carries.
    pub fn from_description(description: &str) -> Self {
        if description.contains("QuotaExceededError") {
            Self::QuotaExceeded
        } else if description.contains("InvalidStateError")
            || description.contains("connection is closing")
            || description.contains("VersionError")
        {
            Self::ReloadNeeded
        } else {
            Self::Other(description.to_string())
        }
    }

    pub fn message(&self) -> Msg {
        match self {
            Self::QuotaExceeded => Msg::ErrStorageQuota,
            Self::ReloadNeeded => Msg::ErrStorageReload,
            Self::Unavailable => Msg::ErrStorageUnavailable,
            Self::Unreadable { .. } => Msg::ErrStorageUnreadable,
            Self::Other(_) => Msg::ErrStorageOther,
        }
    }
}

impl From<rexie::Error> for StorageError {
    fn from(error: rexie::Error) -> Self {
        match error {
            rexie::Error::IdbError(inner) => Self::from_description(&inner.to_string()),
            other => Self::Other(other.to_string()),
        }
    }
}
