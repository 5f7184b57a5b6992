//! Markdown rendering of AI answers into HTML that is safe to assign to `innerHTML`: raw HTML
//! is shown as text, only `http`, `https` and `mailto` links survive (opening in a new tab,
//! without referrer), and images are never loaded but shown as links. Answers can be rendered
//! in one go (`render`) or while they stream in (`IncrementalMarkdown`), which re-renders only
//! the unfinished last block. Pure: no DOM, so the same code is tested natively.

mod incremental;
mod safe;

pub use incremental::IncrementalMarkdown;
pub use safe::render;
