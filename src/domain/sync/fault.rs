//! What a failed request means for the replication (sign in again, split the batch, re-read
//! the checkpoint, retry later), the retry back-off, and the sync state the header shows.
//! The transport maps each case to a message; nothing is dropped on any of them.

/// Why a request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 401 or 403: the session ended or the user may not use this database.
    SignedOut,
    /// 409: a document (such as the `_local` checkpoint) changed since it was read.
    Conflict,
    /// 413: the batch is larger than the server accepts.
    TooLarge,
    /// 5xx: the server failed.
    Server(u16),
    /// No answer: offline, the server went away mid-batch, or CORS refused the origin.
    Unreachable,
    /// Any other refusal (400, 404 on the database, …).
    Refused(u16),
}

impl Fault {
    /// The fault of an HTTP status, or of no answer at all (`None`); `None` for success.
    pub fn from_status(status: Option<u16>) -> Option<Self> {
        let Some(status) = status else {
            return Some(Self::Unreachable);
        };
        match status {
            200..=299 => None,
            401 | 403 => Some(Self::SignedOut),
            409 => Some(Self::Conflict),
            413 => Some(Self::TooLarge),
            500..=599 => Some(Self::Server(status)),
            _ => Some(Self::Refused(status)),
        }
    }

    /// What the replication does next.
    pub fn action(self) -> Action {
        match self {
            Self::SignedOut => Action::SignIn,
            Self::Conflict => Action::Reread,
            Self::TooLarge => Action::Split,
            Self::Server(_) | Self::Unreachable => Action::RetryLater,
            Self::Refused(_) => Action::Stop,
        }
    }
}

/// The replication's answer to a fault. Every one keeps the local data and the checkpoint
/// as they were, so nothing is lost and the next run starts where this one stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Stop until the user signs in again.
    SignIn,
    /// Read the document again (its new `_rev`) and repeat the write.
    Reread,
    /// Send the batch again as two halves.
    Split,
    /// Wait [`backoff_ms`] and try again.
    RetryLater,
    /// Stop and show the reason.
    Stop,
}

/// The first retry's delay.
pub const BACKOFF_BASE_MS: u64 = 1_000;
/// The longest delay between retries.
pub const BACKOFF_CAP_MS: u64 = 300_000;

/// The delay before retry number `attempt` (0 for the first): doubling from one second up
/// to five minutes, then spread by `jitter` (0.0–1.0, from the caller) over its upper half
/// so that replicas do not retry in step.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let doubled = BACKOFF_BASE_MS.saturating_mul(1u64.checked_shl(attempt).unwrap_or(u64::MAX));
    let ceiling = doubled.min(BACKOFF_CAP_MS);
    let spread = (ceiling / 2) as f64 * jitter.clamp(0.0, 1.0);
    ceiling / 2 + spread.round() as u64
}

/// The sync state the header shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncState {
    UpToDate,
    /// Changes still to send or fetch.
    Syncing {
        pending: usize,
    },
    Offline,
    Error(Fault),
}

impl SyncState {
    /// The state after a run: the fault if there was one (no answer reads as offline), else
    /// whether changes are left.
    pub fn after(pending: usize, fault: Option<Fault>) -> Self {
        match fault {
            Some(Fault::Unreachable) => Self::Offline,
            Some(fault) => Self::Error(fault),
            None if pending > 0 => Self::Syncing { pending },
            None => Self::UpToDate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_the_faults_the_issue_lists() {
        assert_eq!(Fault::from_status(Some(200)), None);
        assert_eq!(Fault::from_status(Some(201)), None);
        assert_eq!(Fault::from_status(Some(401)), Some(Fault::SignedOut));
        assert_eq!(Fault::from_status(Some(403)), Some(Fault::SignedOut));
        assert_eq!(Fault::from_status(Some(409)), Some(Fault::Conflict));
        assert_eq!(Fault::from_status(Some(413)), Some(Fault::TooLarge));
        assert_eq!(Fault::from_status(Some(503)), Some(Fault::Server(503)));
        assert_eq!(Fault::from_status(None), Some(Fault::Unreachable));
        assert_eq!(Fault::from_status(Some(400)), Some(Fault::Refused(400)));
    }

    #[test]
    fn each_fault_has_its_next_step() {
        assert_eq!(Fault::SignedOut.action(), Action::SignIn);
        assert_eq!(Fault::Conflict.action(), Action::Reread);
        assert_eq!(Fault::TooLarge.action(), Action::Split);
        assert_eq!(Fault::Server(500).action(), Action::RetryLater);
        assert_eq!(Fault::Unreachable.action(), Action::RetryLater);
        assert_eq!(Fault::Refused(404).action(), Action::Stop);
    }

    #[test]
    fn retries_back_off_doubling_up_to_a_cap() {
        let delays: Vec<u64> = (0..5).map(|n| backoff_ms(n, 1.0)).collect();
        assert_eq!(delays, [1_000, 2_000, 4_000, 8_000, 16_000]);
        assert_eq!(
            backoff_ms(0, 0.0),
            500,
            "jitter spreads over the upper half"
        );
        assert_eq!(backoff_ms(20, 1.0), BACKOFF_CAP_MS);
        assert_eq!(backoff_ms(200, 1.0), BACKOFF_CAP_MS, "no overflow");
        assert_eq!(backoff_ms(3, 7.0), backoff_ms(3, 1.0), "jitter is clamped");
        assert!((0..30).all(|n| backoff_ms(n, 0.5) <= backoff_ms(n + 1, 0.5)));
    }

    #[test]
    fn the_header_state_follows_the_last_run() {
        assert_eq!(SyncState::after(0, None), SyncState::UpToDate);
        assert_eq!(SyncState::after(3, None), SyncState::Syncing { pending: 3 });
        assert_eq!(
            SyncState::after(3, Some(Fault::Unreachable)),
            SyncState::Offline
        );
        assert_eq!(
            SyncState::after(0, Some(Fault::SignedOut)),
            SyncState::Error(Fault::SignedOut)
        );
    }
}
