//! Where the draft panel paints an answer: the finished blocks and the unfinished tail, shown
//! whole at once or streamed in through `StreamingView`.

use leptos::html::Div;
use leptos::prelude::*;

use crate::markdown;
use crate::ui::components::streaming_view::StreamingView;

/// Where an answer is painted: the finished blocks and the unfinished tail.
#[derive(Clone, Copy)]
pub(super) struct OutputNodes {
    pub finished: NodeRef<Div>,
    pub tail: NodeRef<Div>,
}

impl OutputNodes {
    pub fn new() -> Self {
        Self {
            finished: NodeRef::new(),
            tail: NodeRef::new(),
        }
    }

    /// Shows a whole draft, rendered in one go.
    pub fn show(self, markdown_text: &str) {
        let (Some(finished), Some(tail)) = (
            self.finished.try_get_untracked().flatten(),
            self.tail.try_get_untracked().flatten(),
        ) else {
            return;
        };
        // Only renderer output is inserted (see the parent module's documentation).
        finished.set_inner_html(&markdown::render(markdown_text));
        tail.set_inner_html("");
    }

    /// Starts painting an answer as it streams in.
    pub fn stream(self) -> Option<StreamingView> {
        let finished = self.finished.try_get_untracked().flatten()?;
        let tail = self.tail.try_get_untracked().flatten()?;
        Some(StreamingView::new(finished.into(), tail.into()))
    }
}
