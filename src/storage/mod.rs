//! Storage: the versioned schema and its data migrations, the backup file format and the
//! sample data (all pure, tested natively), and, in the browser, the IndexedDB repository
//! with the feedback's stored monthly tallies, and tab sync.

pub mod backup;
pub mod error;
pub mod sample;
pub mod schema;

#[cfg(target_arch = "wasm32")]
pub mod db;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod tallies;
