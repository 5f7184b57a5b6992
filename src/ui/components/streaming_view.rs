//! Paints a streaming Markdown answer into the DOM at a cost per chunk that does not grow
//! with the answer: finished blocks are appended once and never touched again, and the
//! unfinished tail is re-rendered at most once per paint interval (and on `flush`).
//! All HTML written here comes from the sanitising Markdown renderer.

use web_sys::Element;

use crate::markdown::IncrementalMarkdown;

/// Minimum time between two tail repaints, in milliseconds (about two frames).
const TAIL_INTERVAL_MS: f64 = 32.0;

/// The two elements an answer is painted into and the renderer feeding them.
pub struct StreamingView {
    finished: Element,
    tail: Element,
    markdown: IncrementalMarkdown,
    last_paint: f64,
    dirty: bool,
}

impl StreamingView {
    /// Starts an empty answer in `finished` (append-only) and `tail` (replaced).
    pub fn new(finished: Element, tail: Element) -> Self {
        finished.set_inner_html("");
        tail.set_inner_html("");
        Self {
            finished,
            tail,
            markdown: IncrementalMarkdown::new(),
            last_paint: f64::NEG_INFINITY,
            dirty: false,
        }
    }

    /// Adds a chunk of the answer; `now` is the current time in milliseconds.
    pub fn push(&mut self, chunk: &str, now: f64) {
        let finished = self.markdown.push(chunk);
        if !finished.is_empty() {
            // Only renderer output is inserted (see the module documentation).
            let _ = self.finished.insert_adjacent_html("beforeend", &finished);
        }
        self.dirty = true;
        if now - self.last_paint >= TAIL_INTERVAL_MS {
            self.paint_tail(now);
        }
    }

    /// Paints the tail now if it changed since the last paint.
    pub fn flush(&mut self, now: f64) {
        if self.dirty {
            self.paint_tail(now);
        }
    }

    fn paint_tail(&mut self, now: f64) {
        self.tail.set_inner_html(&self.markdown.tail());
        self.last_paint = now;
        self.dirty = false;
    }
}
