//! Talking to the AI provider the user configured, as pure code: connection profiles, request
//! building, Server-Sent-Events parsing, per-provider stream decoding, error classification
//! and token estimates. The browser transport (fetch, abort, reading the body) lives in the UI
//! layer and only moves bytes between `request`, the network and `decode`.

pub mod decode;
pub mod error;
pub mod profile;
pub mod providers;
pub mod request;
pub mod sse;
pub mod tokens;
