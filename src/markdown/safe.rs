//! The safety filter between pulldown-cmark's parser and its HTML writer. The writer copies
//! raw HTML verbatim and does not check link schemes, so every event passes through `Filter`:
//! raw HTML becomes escaped text (HTML blocks are shown as code), link and image destinations
//! are checked after pulldown-cmark has decoded entities and escapes, and the `<a>` tags are
//! written here with `rel` and `target`. Images become links showing their alt text and URL,
//! so nothing is fetched (no tracking pixels, no data exfiltration through image URLs).
//! A single line break is rendered as a line break (`<br />`). Table alignment is written as
//! a class, not an inline style.

use std::borrow::Cow;

use pulldown_cmark::{
    html, Alignment, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};

/// Destination schemes a link may keep.
const ALLOWED_SCHEMES: [&str; 3] = ["http:", "https:", "mailto:"];

/// The Markdown dialect: CommonMark plus GitHub tables and strikethrough.
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to safe HTML.
pub fn render(markdown: &str) -> String {
    let markdown = normalize_line_endings(markdown);
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    let mut filter = Filter::default();
    let events = Parser::new_ext(&markdown, options()).filter_map(|event| filter.map(event));
    html::push_html(&mut out, events);
    out
}

/// Turns CRLF and lone CR line endings into LF. CommonMark treats all three alike, but
/// pulldown-cmark mis-reads some constructs (fence info strings) that end with a lone CR.
pub(super) fn normalize_line_endings(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// An image being rendered, innermost last.
#[derive(Debug)]
struct OpenImage {
    /// An `<a>` was opened for it.
    anchored: bool,
    /// Its destination, if allowed (shown after the alt text).
    url: Option<String>,
    /// Some alt text has been written.
    has_alt: bool,
}

#[derive(Debug, Default)]
struct Filter {
    /// For each open link, innermost last: whether its `<a>` was written.
    links: Vec<bool>,
    images: Vec<OpenImage>,
    /// The current table's column alignments, whether its head row is open, and the index
    /// of the current cell: cells are written here, aligned by class rather than by the
    /// writer's inline `style`, which the Content-Security-Policy refuses.
    columns: Vec<Alignment>,
    in_head: bool,
    cell: usize,
}

impl Filter {
    fn map<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
            // A single line break stays a line break, as chat apps show answers: drafts are
            // written line by line (an e-mail's sign-off, one fact per line).
            Event::SoftBreak => Some(Event::HardBreak),
            Event::Start(Tag::HtmlBlock) => {
                Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)))
            }
            Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::CodeBlock)),
            Event::Start(Tag::Table(ref columns)) => {
                self.columns = columns.clone();
                Some(event)
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                self.in_head = matches!(event, Event::Start(Tag::TableHead));
                self.cell = 0;
                Some(event)
            }
            Event::Start(Tag::TableCell) => {
                let class = match self.columns.get(self.cell) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                let tag = if self.in_head { "th" } else { "td" };
                Some(Event::InlineHtml(format!("<{tag}{class}>").into()))
            }
            Event::End(TagEnd::TableCell) => {
                self.cell += 1;
                let tag = if self.in_head { "th" } else { "td" };
                Some(Event::InlineHtml(format!("</{tag}>").into()))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let nested = !self.links.is_empty() || !self.images.is_empty();
                match allowed_href(link_type, &dest_url).filter(|_| !nested) {
                    Some(href) => {
                        self.links.push(true);
                        Some(Event::InlineHtml(open_anchor(&href, &title, None)))
                    }
                    None => {
                        self.links.push(false);
                        None
                    }
                }
            }
            Event::End(TagEnd::Link) => match self.links.pop() {
                Some(true) => Some(Event::InlineHtml(CowStr::Borrowed("</a>"))),
                _ => None,
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let nested = !self.links.is_empty() || !self.images.is_empty();
                let url = allowed_href(link_type, &dest_url);
                let anchor = url
                    .as_deref()
                    .filter(|_| !nested)
                    .map(|href| open_anchor(href, &title, Some("md-image")));
                self.images.push(OpenImage {
                    anchored: anchor.is_some(),
                    url,
                    has_alt: false,
                });
                anchor.map(Event::InlineHtml)
            }
            Event::End(TagEnd::Image) => {
                let image = self.images.pop()?;
                let mut html = match (&image.url, image.has_alt) {
                    (Some(url), true) => escape(&format!(" ({url})")),
                    (Some(url), false) => escape(url),
                    (None, _) => String::new(),
                };
                if image.anchored {
                    html.push_str("</a>");
                }
                (!html.is_empty()).then(|| Event::InlineHtml(html.into()))
            }
            Event::Text(_) | Event::Code(_) => {
                if let Some(image) = self.images.last_mut() {
                    image.has_alt = true;
                }
                Some(event)
            }
            other => Some(other),
        }
    }
}

/// The `href` for a destination, or `None` if its scheme is not allowed. E-mail autolinks
/// (`<a@b.c>`) carry no scheme and get `mailto:`.
fn allowed_href(link_type: LinkType, dest: &str) -> Option<String> {
    let href = match link_type {
        LinkType::Email => format!("mailto:{dest}"),
        _ => dest.to_string(),
    };
    is_allowed(&href).then_some(href)
}

/// Whether `url` starts with an allowed scheme once ASCII whitespace and control characters
/// are removed and letters lower-cased. Browsers ignore a subset of those characters when
/// reading a scheme, so anything they would read as `javascript:` is refused here too.
fn is_allowed(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    ALLOWED_SCHEMES
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

fn open_anchor<'a>(href: &str, title: &str, class: Option<&str>) -> CowStr<'a> {
    let mut tag = format!("<a href=\"{}\"", escape(href));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    if let Some(class) = class {
        tag.push_str(&format!(" class=\"{class}\""));
    }
    tag.push_str(" rel=\"noopener noreferrer nofollow\" target=\"_blank\">");
    tag.into()
}

/// Escapes text for an HTML text node or a double-quoted attribute value.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    const ALLOWED_TAGS: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
        "em",
        "strong",
        "del",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "hr",
        "br",
    ];

    /// Checks every tag in `html` against an allowlist of elements and attributes, and every
    /// `href` against the allowed schemes. Text is escaped by the renderer, so each literal
    /// `<` in the output opens a real tag.
    pub(in crate::markdown) fn assert_safe(html: &str) {
        let lower = html.to_ascii_lowercase();
        for banned in [
            "<img", "<script", "<iframe", "<svg", "<style", "<object", "<embed",
        ] {
            assert!(!lower.contains(banned), "{banned} in {html}");
        }
        let mut rest = html;
        while let Some(open) = rest.find('<') {
            let close = open + rest[open..].find('>').expect("unterminated tag");
            let inner = rest[open + 1..close]
                .trim_start_matches('/')
                .trim_end_matches('/');
            let name = inner.split_whitespace().next().unwrap_or_default();
            assert!(ALLOWED_TAGS.contains(&name), "tag <{name}> in {html}");
            let mut attrs = inner[name.len()..].trim_start();
            while !attrs.is_empty() {
                let eq = attrs.find("=\"").expect("attribute without quoted value");
                let attr = &attrs[..eq];
                let value_len = attrs[eq + 2..].find('"').expect("unterminated value");
                let value = &attrs[eq + 2..eq + 2 + value_len];
                match attr {
                    "href" => assert!(
                        ["http://", "https://", "mailto:"]
                            .iter()
                            .any(|s| value.starts_with(s)),
                        "href {value:?} in {html}"
                    ),
                    "rel" => assert_eq!(value, "noopener noreferrer nofollow"),
                    "target" => assert_eq!(value, "_blank"),
                    "start" => assert!(value.bytes().all(|b| b.is_ascii_digit()), "{value}"),
                    "title" | "class" => {}
                    other => panic!("attribute {other:?} in {html}"),
                }
                attrs = attrs[eq + 3 + value_len..].trim_start();
            }
            rest = &rest[close + 1..];
        }
    }

    #[test]
    fn ordinary_markdown_renders() {
        let html = render(
            "# Plan\n\nCall **Li Wei** _today_, not ~~tomorrow~~.\n\n1. Apologise\n2. Fix\n",
        );
        assert_eq!(
            html,
            "<h1>Plan</h1>\n<p>Call <strong>Li Wei</strong> <em>today</em>, not <del>tomorrow</del>.</p>\n<ol>\n<li>Apologise</li>\n<li>Fix</li>\n</ol>\n"
        );
        assert_safe(&html);
    }

    #[test]
    fn a_single_line_break_is_kept() {
        assert_eq!(
            render("Kind regards,\nLi Wei\n\nNext"),
            "<p>Kind regards,<br />\nLi Wei</p>\n<p>Next</p>\n"
        );
    }

    /// Alignment comes as a class: the Content-Security-Policy refuses inline styles.
    #[test]
    fn tables_render_with_alignment_classes() {
        let html = render("| Risk | Owner | Due |\n|:-----|------:|:---:|\n| SSO | IT | Fri |\n");
        assert!(
            html.starts_with("<table><thead><tr><th class=\"align-left\">Risk</th>"),
            "{html}"
        );
        assert!(html.contains("<td class=\"align-right\">IT</td>"), "{html}");
        assert!(
            html.contains("<td class=\"align-center\">Fri</td>"),
            "{html}"
        );
        assert_safe(&html);
    }

    #[test]
    fn style_attribute_text_stays_text() {
        let html = render("| a |\n|:-|\n| <td style=\"text-align: left\"> |\n");
        assert!(
            html.contains("<td class=\"align-left\">&lt;td style=\"text-align: left\"&gt;</td>"),
            "{html}"
        );
        assert_safe(&html);
    }

    #[test]
    fn allowed_links_open_in_a_new_tab_without_referrer() {
        assert_eq!(
            render("[docs](https://example.com/a?b=1&c=2 \"The docs\")"),
            "<p><a href=\"https://example.com/a?b=1&amp;c=2\" title=\"The docs\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">docs</a></p>\n"
        );
        assert_eq!(
            render("<https://example.com>"),
            "<p><a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">https://example.com</a></p>\n"
        );
        assert_eq!(
            render("Write to <li.wei@example.com>."),
            "<p>Write to <a href=\"mailto:li.wei@example.com\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">li.wei@example.com</a>.</p>\n"
        );
        assert_eq!(
            render("[mail](MAILTO:ops@example.com)"),
            "<p><a href=\"MAILTO:ops@example.com\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">mail</a></p>\n"
        );
    }

    #[test]
    fn relative_and_unknown_scheme_links_become_plain_text() {
        for source in [
            "[x](/settings)",
            "[x](#/settings)",
            "[x](example.com)",
            "[x](ftp://example.com)",
            "[x](tel:+123)",
        ] {
            assert_eq!(render(source), "<p>x</p>\n", "{source}");
        }
    }

    #[test]
    fn scheme_check_ignores_case_spaces_and_controls() {
        assert!(is_allowed("https://a"));
        assert!(is_allowed(" HTTPS://a"));
        assert!(is_allowed("mailto:a@b.c"));
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "jav\u{7f}ascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "\u{200b}https://a",
            "",
        ] {
            assert!(!is_allowed(url), "{url:?}");
        }
    }

    #[test]
    fn hostile_inputs_render_inert() {
        let cases = [
            "<script>alert(1)</script>",
            "Hello <script>alert(1)</script> world",
            "<img src=x onerror=alert(1)>",
            "text <img src=x onerror=alert(1)> text",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<div onclick=\"alert(1)\">\n\nhi\n</div>",
            "<iframe src=\"https://evil\"></iframe>",
            "<svg onload=alert(1)>",
            "<style>body{display:none}</style>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](&#x6A;&#x61;vascript:alert(1))",
            "[x](java&#x09;script:alert(1))",
            "[x](<java script:alert(1)>)",
            "[x](\\javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[x](vbscript:msgbox(1))",
            "![](https://tracker.example/?q=secret)",
            "![logo](javascript:alert(1))",
            "![x](data:image/svg+xml,<svg onload=alert(1)>)",
            "<javascript:alert(1)>",
            "<JAVASCRIPT:alert(1)>",
            "[x][ref]\n\n[ref]: javascript:alert(1)",
            "[x](https://ok.example \"\\\" onmouseover=\\\"alert(1)\")",
            "```html\n<script>alert(1)</script>\n```",
            "```\" onmouseover=\"alert(1)\n```",
            "`<img src=x onerror=alert(1)>`",
            "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
            "- <script>alert(1)</script>\n- [x](javascript:alert(1))",
            "> <img src=x onerror=alert(1)>",
            "<!-- <script>alert(1)</script> -->",
            "<?php echo 1; ?>",
            "<![CDATA[<script>alert(1)</script>]]>",
        ];
        for source in cases {
            let html = render(source);
            assert_safe(&html);
            let lower = html.to_ascii_lowercase();
            for scheme in ["javascript", "data", "vbscript"] {
                assert!(
                    !lower.contains(&format!("<a href=\"{scheme}")),
                    "{source} → {html}"
                );
            }
        }
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(
            render("Hello <b>there</b>"),
            "<p>Hello &lt;b&gt;there&lt;/b&gt;</p>\n"
        );
        assert_eq!(
            render("<div>\nhi\n</div>"),
            "<pre><code>&lt;div&gt;\nhi\n&lt;/div&gt;</code></pre>\n"
        );
    }

    #[test]
    fn images_become_links_showing_alt_text_and_url() {
        assert_eq!(
            render("![Churn chart](https://cdn.example/c.png)"),
            "<p><a href=\"https://cdn.example/c.png\" class=\"md-image\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">Churn chart (https://cdn.example/c.png)</a></p>\n"
        );
        assert_eq!(
            render("![](https://tracker.example/?q=secret&x=1)"),
            "<p><a href=\"https://tracker.example/?q=secret&amp;x=1\" class=\"md-image\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">https://tracker.example/?q=secret&amp;x=1</a></p>\n"
        );
    }

    #[test]
    fn images_with_forbidden_urls_show_only_their_alt_text() {
        assert_eq!(render("![logo](javascript:alert(1))"), "<p>logo</p>\n");
        assert_eq!(
            render("![pixel](data:image/png;base64,AAAA)"),
            "<p>pixel</p>\n"
        );
    }

    #[test]
    fn links_never_nest() {
        let html = render("[![badge](https://img.example/b.svg)](https://example.com)");
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        assert_eq!(html.matches("</a>").count(), 1, "{html}");
        assert!(html.contains("badge (https://img.example/b.svg)"), "{html}");
        assert_safe(&html);
    }

    #[test]
    fn titles_and_code_languages_cannot_break_out_of_attributes() {
        let html = render("[x](https://a.example \"a\\\" onclick=\\\"alert(1)\")");
        assert!(
            html.contains("title=\"a&quot; onclick=&quot;alert(1)\""),
            "{html}"
        );
        let html = render("```js\" onclick=\"alert(1)\nx\n```");
        assert_safe(&html);
    }
}
