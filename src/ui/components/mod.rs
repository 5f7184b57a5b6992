//! Reusable interface pieces: form fields, the confirmation panel, the draft panel, the
//! output-language select, the streaming Markdown view and the pager of long lists.

pub mod confirm;
pub mod draft_panel;
pub mod field;
pub mod file_input;
pub mod output_language;
pub mod pager;
pub mod streaming_view;
