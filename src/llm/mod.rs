//! Talking to the AI provider the user configured, as pure code: connection profiles, request
//! building, Server-Sent-Events parsing, per-provider stream decoding, error classification
//! and the retry policy for rate limits, all natively tested. `transport`
//! (browser only) moves bytes between `request`, the network and `decode`: fetch, abort,
//! reading the streamed body, waiting out rate limits.

pub mod connections;
pub mod decode;
pub mod error;
pub mod profile;
pub mod providers;
pub mod redact;
pub mod request;
pub mod retry;
pub mod sse;
#[cfg(target_arch = "wasm32")]
pub mod transport;
