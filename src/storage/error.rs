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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_errors_are_classified_by_their_dom_exception() {
        assert_eq!(
            StorageError::from_description(
                "failed to add a value: QuotaExceededError: The quota has been exceeded."
            ),
            StorageError::QuotaExceeded
        );
        for closed in [
            "InvalidStateError: Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.",
            "VersionError: The requested version (2) is less than the existing version (3).",
        ] {
            assert_eq!(StorageError::from_description(closed), StorageError::ReloadNeeded, "{closed}");
        }
        assert_eq!(
            StorageError::from_description("DataError: odd"),
            StorageError::Other("DataError: odd".into())
        );
    }

    #[test]
    fn every_error_has_a_message() {
        assert_eq!(StorageError::QuotaExceeded.message(), Msg::ErrStorageQuota);
        assert_eq!(StorageError::ReloadNeeded.message(), Msg::ErrStorageReload);
        assert_eq!(
            StorageError::Unavailable.message(),
            Msg::ErrStorageUnavailable
        );
        assert_eq!(
            StorageError::Unreadable { store: "drafts" }.message(),
            Msg::ErrStorageUnreadable
        );
        assert_eq!(
            StorageError::Other(String::new()).message(),
            Msg::ErrStorageOther
        );
    }
}
