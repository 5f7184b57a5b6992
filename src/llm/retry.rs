//! When a rate-limited request to the AI provider is sent again: how long to wait (the time
//! the provider asked for, a default when it named none, capped), how many times, and the
//! countdown shown during the wait. Pure; `transport::stream_chat_retrying` does the waiting,
//! which Stop can cut short.

use crate::llm::error::LlmError;

/// How rate limits are waited out before a request is sent again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Automatic retries of one request, at most.
    pub max_retries: u32,
    /// Wait in seconds when the provider named no time.
    pub default_wait_secs: u64,
    /// Longest wait in seconds, whatever the provider asked for.
    pub max_wait_secs: u64,
}

impl RetryPolicy {
    /// The policy every AI request of the app follows: one retry, after the time the provider
    /// asked for (5 s if it named none), never more than a minute later.
    pub const STANDARD: Self = Self {
        max_retries: 1,
        default_wait_secs: 5,
        max_wait_secs: 60,
    };

    /// Seconds to wait before sending the request again after `error`, or `None` when the
    /// failure is final: it is not a rate limit, answer text already arrived (sending again
    /// would repeat it), or `retries_done` retries used up the allowance.
    pub fn wait_before_retry(
        &self,
        error: &LlmError,
        retries_done: u32,
        text_arrived: bool,
    ) -> Option<u64> {
        let LlmError::RateLimited {
            retry_after_secs, ..
        } = error
        else {
            return None;
        };
        if text_arrived || retries_done >= self.max_retries {
            return None;
        }
        Some(
            retry_after_secs
                .unwrap_or(self.default_wait_secs)
                .min(self.max_wait_secs),
        )
    }
}

/// The seconds left shown at each one-second tick of a `secs`-second wait: `secs` first,
/// `1` last; nothing for a wait of zero.
pub fn countdown(secs: u64) -> impl Iterator<Item = u64> {
    (1..=secs).rev()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate_limited(retry_after_secs: Option<u64>) -> LlmError {
        LlmError::RateLimited {
            retry_after_secs,
            detail: None,
        }
    }

    const POLICY: RetryPolicy = RetryPolicy::STANDARD;

    #[test]
    fn waits_the_time_the_provider_asked_for() {
        assert_eq!(
            POLICY.wait_before_retry(&rate_limited(Some(3)), 0, false),
            Some(3)
        );
        assert_eq!(
            POLICY.wait_before_retry(&rate_limited(Some(0)), 0, false),
            Some(0)
        );
    }

    #[test]
    fn waits_the_default_when_no_time_was_named() {
        assert_eq!(
            POLICY.wait_before_retry(&rate_limited(None), 0, false),
            Some(5)
        );
    }

    #[test]
    fn never_waits_more_than_the_cap() {
        assert_eq!(
            POLICY.wait_before_retry(&rate_limited(Some(3600)), 0, false),
            Some(60)
        );
        let short = RetryPolicy {
            default_wait_secs: 90,
            ..POLICY
        };
        assert_eq!(
            short.wait_before_retry(&rate_limited(None), 0, false),
            Some(60)
        );
    }

    #[test]
    fn retries_once_only() {
        assert_eq!(
            POLICY.wait_before_retry(&rate_limited(Some(3)), 1, false),
            None
        );
        let twice = RetryPolicy {
            max_retries: 2,
            ..POLICY
        };
        assert_eq!(
            twice.wait_before_retry(&rate_limited(Some(3)), 1, false),
            Some(3)
        );
        assert_eq!(
            twice.wait_before_retry(&rate_limited(Some(3)), 2, false),
            None
        );
    }

    #[test]
    fn no_retry_once_text_arrived() {
        assert_eq!(
            POLICY.wait_before_retry(&rate_limited(Some(3)), 0, true),
            None
        );
    }

    #[test]
    fn other_failures_are_final() {
        for error in [
            LlmError::QuotaExceeded { detail: None },
            LlmError::Overloaded { detail: None },
            LlmError::Server {
                status: Some(500),
                detail: None,
            },
            LlmError::Dropped,
        ] {
            assert_eq!(
                POLICY.wait_before_retry(&error, 0, false),
                None,
                "{error:?}"
            );
        }
    }

    #[test]
    fn the_countdown_shows_each_second_left() {
        assert_eq!(countdown(3).collect::<Vec<_>>(), vec![3, 2, 1]);
        assert_eq!(countdown(1).collect::<Vec<_>>(), vec![1]);
        assert_eq!(countdown(0).count(), 0);
    }
}
