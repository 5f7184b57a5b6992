//! Rendering an answer while it streams in. Text is appended chunk by chunk; each push returns
//! the HTML of top-level blocks that just became final (append it; it never changes again);
//! `tail` renders the unfinished rest on demand (replace the previous tail with it), so a
//! caller can repaint the tail once per frame rather than once per chunk. Only the tail is
//! re-parsed, so the cost of a push does not grow with the length of the answer.
//!
//! Where to cut: pulldown-cmark itself says where top-level blocks start, parsing only the
//! tail's complete lines (a partial line can still change meaning: `#` → `#tag`). A block
//! start is a cut point when its line follows a blank line and an earlier block exists. Why
//! that is safe in CommonMark:
//! - Containers that survive a blank line (list items, fenced code, indented code, HTML
//!   blocks of kinds 1–5 such as `<pre>` or `<!--`) absorb the next line only if that line
//!   continues them; the parser has already decided it does not, from the line itself and
//!   the text before it, so later text cannot reopen them.
//! - Everything that reinterprets earlier lines looks back at most across consecutive
//!   non-blank lines (setext underlines, table delimiter rows, multi-line link reference
//!   definitions), so a blank line shields the finished part from them.
//! - A cut line starts with only the document open, so the tail parses alone exactly as it
//!   does in context; and every block closes with a line break in the HTML, so the pieces
//!   concatenate to the one-shot rendering.
//!
//! Line endings are normalised to LF as text arrives (a CRLF may be split across chunks), as
//! `render` does, because pulldown-cmark mis-reads some lines ending in a lone CR.
//!
//! One deliberate difference from a one-shot `render`: a reference-style link (`[text][ref]`)
//! resolves only against definitions in the same piece, so a definition in an earlier,
//! already finished block is not seen. Generated answers use inline links.

use pulldown_cmark::{Event, Parser};

use super::safe::{normalize_line_endings, options, render};

/// An answer being rendered as it arrives.
#[derive(Debug, Default)]
pub struct IncrementalMarkdown {
    /// The source not yet part of a finished block, with LF line endings only.
    pending: String,
    /// The last chunk ended with CR: a LF opening the next one completes that CRLF.
    after_cr: bool,
}

impl IncrementalMarkdown {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `chunk` to the answer and returns the HTML of blocks it finished (often empty).
    pub fn push(&mut self, chunk: &str) -> String {
        let mut chunk = chunk;
        if self.after_cr && !chunk.is_empty() {
            self.after_cr = false;
            chunk = chunk.strip_prefix('\n').unwrap_or(chunk);
        }
        if !chunk.is_empty() {
            self.after_cr = chunk.ends_with('\r');
        }
        self.pending.push_str(&normalize_line_endings(chunk));
        let mut finished = String::new();
        // New cut points can only appear when a line was completed.
        if chunk.contains(['\n', '\r']) {
            let cut = finished_len(&self.pending);
            if cut > 0 {
                finished = render(&self.pending[..cut]);
                self.pending.drain(..cut);
            }
        }
        finished
    }

    /// The HTML of the unfinished tail.
    pub fn tail(&self) -> String {
        render(&self.pending)
    }

    /// Ends the answer; returns the final HTML of the tail, to append to the finished HTML.
    pub fn finish(self) -> String {
        render(&self.pending)
    }
}

/// Length of the longest prefix of `source` that consists of finished top-level blocks: the
/// start of the last line that begins a top-level block, follows a blank line and comes
/// after another block (see the module documentation); 0 if there is none.
fn finished_len(source: &str) -> usize {
    let complete = source.rfind('\n').map_or(0, |at| at + 1);
    let lines = &source[..complete];
    let mut depth = 0_usize;
    let mut seen_block = false;
    let mut cut = 0;
    for (event, range) in Parser::new_ext(lines, options()).into_offset_iter() {
        let starts_block = match event {
            Event::Start(_) => {
                depth += 1;
                depth == 1
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                false
            }
            Event::Rule => depth == 0,
            _ => false,
        };
        if starts_block {
            let line = line_start(lines, range.start);
            if seen_block && follows_blank_line(lines, line) {
                cut = line;
            }
            seen_block = true;
        }
    }
    cut
}

/// The start of the line containing byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Whether the line before the line starting at `line` is blank (spaces and tabs only).
fn follows_blank_line(text: &str, line: usize) -> bool {
    let Some(before) = text[..line].strip_suffix('\n') else {
        return false;
    };
    let previous = &before[line_start(before, before.len())..];
    previous.chars().all(|c| c == ' ' || c == '\t')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::safe::tests::assert_safe;

    /// An escalation plan as a model would write it: headings, nested and loose lists, a
    /// table, a fenced code block with blank lines inside, a quote, CJK text and a rule.
    const ESCALATION_PLAN: &str = r#"## Escalation plan for Acme

**Severity:** high. The customer threatens to churn before the *Q3 renewal*.

### First response (within 2 hours)

1. Acknowledge the outage and apologise.
   - Name the owner: Li Wei (CSM).
   - Give the next update time.

2. Share the workaround:

   ```bash
   export SYNC_MODE=safe

   ./sync --retry 3
   ```

3. Book a call with the VP.

| Day | Action | Owner |
|----:|:-------|:-----:|
| 0 | First response | CSM |
| 2 | Root cause | Engineering |
| 14 | Review | VP CS |

> "We have lost two days of orders."
> — the customer's CTO

---

```
fn main() {

    println!("blank lines inside a fence");

}
```
Text right after the fence, then [the status page](https://status.example.com).
"#;

    /// A Chinese answer with a list that continues after blank lines and a setext heading.
    const CHINESE_REPLY: &str = r#"尊敬的李先生：

感谢您的耐心。我们已经定位到问题，**今天下午**会发布修复。

后续安排
========

- 第一步：确认数据完整性

  详细说明：我们会逐条核对订单。
- 第二步：补偿方案

* 另一种列表标记开始新的列表

此致
敬礼
"#;

    /// Constructs whose boundaries are easy to get wrong.
    const TRICKY: &str = r#"Intro paragraph

<pre>

raw html block with a blank line
</pre>

    indented code

    still the same code block

~~~~python
```

not the end
~~~~

- tight
- list


Setext two
----------

> quote one

> quote two
lazy continuation

1) item

   continued paragraph in item

2) second

  * nested after blank

    deeper continuation

Paragraph
with a line break  
and a hard break.

<!--
comment with

a blank line
-->

Final line without newline"#;

    /// Hostile content split across blocks.
    const HOSTILE: &str = r#"Click [here](javascript:alert(1)) or [there](JaVaScRiPt:alert(2)).

<script>
alert(3)

</script>

![](https://tracker.example/?q=secret)

<img src=x onerror=alert(4)>

[ok](https://example.com) and <javascript:alert(5)> and [e](&#106;avascript:alert(6))
"#;

    const DOCUMENTS: [&str; 4] = [ESCALATION_PLAN, CHINESE_REPLY, TRICKY, HOSTILE];

    /// Streams `chunks`, checking that finished HTML only ever grows into the final output,
    /// and returns the final output and how many pushes finished something.
    fn stream<'a>(chunks: impl IntoIterator<Item = &'a str>, expected: &str) -> (String, usize) {
        let mut markdown = IncrementalMarkdown::new();
        let mut finished = String::new();
        let mut cuts = 0;
        for chunk in chunks {
            let update = markdown.push(chunk);
            if !update.is_empty() {
                cuts += 1;
            }
            finished.push_str(&update);
            assert!(
                expected.starts_with(&finished),
                "finished HTML was re-rendered:\n{finished}"
            );
        }
        finished.push_str(&markdown.finish());
        (finished, cuts)
    }

    fn char_boundaries(text: &str) -> impl Iterator<Item = usize> + '_ {
        text.char_indices().map(|(i, _)| i).chain([text.len()])
    }

    #[test]
    fn every_single_split_matches_the_one_shot_render() {
        for doc in DOCUMENTS {
            let expected = render(doc);
            for cut in char_boundaries(doc) {
                let (html, _) = stream([&doc[..cut], &doc[cut..]], &expected);
                assert_eq!(html, expected, "split at byte {cut} of {doc:?}");
            }
        }
    }

    #[test]
    fn one_character_at_a_time_matches_and_finishes_blocks_early() {
        for doc in DOCUMENTS {
            let expected = render(doc);
            let chars: Vec<&str> = char_boundaries(doc)
                .zip(char_boundaries(doc).skip(1))
                .map(|(a, b)| &doc[a..b])
                .collect();
            let (html, cuts) = stream(chars, &expected);
            assert_eq!(html, expected, "{doc:?}");
            assert!(cuts >= 4, "only {cuts} cuts in {doc:?}");
        }
    }

    #[test]
    fn random_chunk_sizes_match() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for doc in DOCUMENTS {
            let expected = render(doc);
            for _ in 0..40 {
                let mut chunks = Vec::new();
                let mut at = 0;
                while at < doc.len() {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    let mut end = (at + 1 + (seed % 24) as usize).min(doc.len());
                    while !doc.is_char_boundary(end) {
                        end += 1;
                    }
                    chunks.push(&doc[at..end]);
                    at = end;
                }
                let (html, _) = stream(chunks.iter().copied(), &expected);
                assert_eq!(html, expected, "chunks {chunks:?}");
            }
        }
    }

    #[test]
    fn crlf_and_cr_line_endings_match() {
        for doc in [ESCALATION_PLAN, TRICKY] {
            for ending in ["\r\n", "\r"] {
                let converted = doc.replace('\n', ending);
                let expected = render(&converted);
                for cut in char_boundaries(&converted) {
                    let (html, _) = stream([&converted[..cut], &converted[cut..]], &expected);
                    assert_eq!(html, expected, "split at {cut} with {ending:?}");
                }
                let chars: Vec<&str> = char_boundaries(&converted)
                    .zip(char_boundaries(&converted).skip(1))
                    .map(|(a, b)| &converted[a..b])
                    .collect();
                assert_eq!(stream(chars, &expected).0, expected);
            }
        }
    }

    #[test]
    fn hostile_streams_stay_safe_at_every_step() {
        let mut markdown = IncrementalMarkdown::new();
        for (i, c) in HOSTILE.char_indices() {
            assert_safe(&markdown.push(&HOSTILE[i..i + c.len_utf8()]));
            assert_safe(&markdown.tail());
        }
        assert_safe(&markdown.finish());
    }

    /// Pushes `chunks` one by one, pairing each with the HTML it finished.
    fn finished_per_push<'a>(chunks: &[&'a str]) -> Vec<(&'a str, String)> {
        let mut markdown = IncrementalMarkdown::new();
        chunks
            .iter()
            .map(|chunk| (*chunk, markdown.push(chunk)))
            .collect()
    }

    #[test]
    fn a_fence_with_blank_lines_is_not_cut() {
        let pushes = finished_per_push(&[
            "Intro\n\n",
            "```\nline\n\n",
            "after blank\n\n",
            "x\n```\n\n",
            "Done\n",
        ]);
        assert_eq!(pushes[1].1, "<p>Intro</p>\n");
        assert_eq!(pushes[2].1, "", "cut inside an open fence");
        assert_eq!(pushes[3].1, "");
        assert_eq!(
            pushes[4].1,
            "<pre><code>line\n\nafter blank\n\nx\n</code></pre>\n"
        );
    }

    #[test]
    fn a_list_continuing_after_a_blank_line_is_not_cut() {
        let pushes = finished_per_push(&["- a\n\n", "  more about a\n\n", "- b\n\n", "End\n"]);
        assert!(
            pushes.iter().take(3).all(|(_, f)| f.is_empty()),
            "{pushes:?}"
        );
        assert_eq!(
            pushes[3].1,
            "<ul>\n<li>\n<p>a</p>\n<p>more about a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"
        );
    }

    #[test]
    fn a_table_is_finished_only_after_its_blank_line() {
        let pushes =
            finished_per_push(&["| a | b |\n", "|---|---|\n", "| 1 | 2 |\n", "\n", "Next\n"]);
        assert!(
            pushes.iter().take(4).all(|(_, f)| f.is_empty()),
            "{pushes:?}"
        );
        assert!(pushes[4].1.starts_with("<table>"), "{pushes:?}");
    }

    #[test]
    fn a_partial_line_never_causes_a_cut() {
        // "#" alone would be an empty heading interrupting the paragraph; "#tag" is not.
        let pushes = finished_per_push(&["para\n", "#", "tag\n", "\n", "next"]);
        assert!(pushes.iter().all(|(_, f)| f.is_empty()), "{pushes:?}");
        let mut markdown = IncrementalMarkdown::new();
        for chunk in ["para\n", "#", "tag\n", "\n", "next"] {
            markdown.push(chunk);
        }
        assert_eq!(markdown.finish(), "<p>para<br />\n#tag</p>\n<p>next</p>\n");
    }

    #[test]
    fn the_tail_shows_unfinished_text() {
        let mut markdown = IncrementalMarkdown::new();
        markdown.push("Hello **wor");
        assert_eq!(markdown.tail(), "<p>Hello **wor</p>\n");
        markdown.push("ld**");
        assert_eq!(markdown.tail(), "<p>Hello <strong>world</strong></p>\n");
        let finished = markdown.push("\n\n```rust\nfn x");
        assert_eq!(finished, "<p>Hello <strong>world</strong></p>\n");
        assert_eq!(
            markdown.tail(),
            "<pre><code class=\"language-rust\">fn x</code></pre>\n"
        );
    }

    #[test]
    fn only_the_tail_is_kept_however_long_the_answer() {
        let mut markdown = IncrementalMarkdown::new();
        let mut total = 0;
        for i in 0..2000 {
            let paragraph = format!("Paragraph {i} with some words in it.\n\n");
            for piece in paragraph.split_inclusive(' ') {
                total += markdown.push(piece).len();
                assert!(
                    markdown.pending.len() < 100,
                    "pending grew to {}",
                    markdown.pending.len()
                );
            }
        }
        assert!(total > 2000 * 30);
    }

    #[test]
    fn blank_line_detection() {
        assert!(follows_blank_line("a\n\nb", 3));
        assert!(follows_blank_line("a\n  \t\nb", 6));
        assert!(follows_blank_line("\nb", 1));
        assert!(!follows_blank_line("a\nb", 2));
        assert!(!follows_blank_line("b", 0));
    }

    /// Lines that open, continue or close blocks in surprising ways; random documents made
    /// of them probe the cut rule far beyond the hand-written answers.
    const TRICKY_LINES: &[&str] = &[
        "para text",
        "",
        "",
        "",
        "- item",
        "  continued",
        "* star",
        "1. one",
        "2) two",
        "```",
        "~~~",
        "    indented",
        "> quote",
        "| a | b |",
        "|---|---|",
        "<pre>",
        "</pre>",
        "<div>",
        "<!--",
        "-->",
        "# heading",
        "===",
        "---",
        "   - nested",
        "\t tab",
        "  ",
        "中文段落",
        "***",
        "<script>",
        "</script>",
        "```rust",
        "> - quoted list",
        ">",
        "1.",
        "-",
        "+ plus",
        "     deep",
        "10. ten",
        "<?x",
        "?>",
        "<![CDATA[",
        "]]>",
        "<!X",
        "<textarea>",
        "</textarea>",
        "  ```",
        "   ```",
        "> ```",
        "| x |",
        "a | b",
        "-|-",
        "  |---|",
        "```` ",
        "`` x ``",
        "[x](javascript:y)",
        "  https://y.example 't",
        "t'",
    ];

    #[test]
    fn random_documents_of_tricky_lines_match() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..1500 {
            let mut doc = String::new();
            for i in 0..3 + next() % 25 {
                if i > 0 {
                    doc.push_str(["\n", "\n", "\r\n", "\r"][(next() % 4) as usize]);
                }
                doc.push_str(TRICKY_LINES[(next() % TRICKY_LINES.len() as u64) as usize]);
            }
            if next() % 2 == 0 {
                doc.push('\n');
            }
            let expected = render(&doc);
            let chars: Vec<&str> = char_boundaries(&doc)
                .zip(char_boundaries(&doc).skip(1))
                .map(|(a, b)| &doc[a..b])
                .collect();
            assert_eq!(stream(chars, &expected).0, expected, "{doc:?}");
        }
    }
}
