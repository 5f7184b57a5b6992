//! Browser tests of Markdown rendering in a real DOM: hostile answers execute no script and
//! leave no dangerous URL or attribute, and the DOM the streaming view builds equals a
//! one-shot render for answers split at every character.
#![cfg(target_arch = "wasm32")]

use casebook::markdown::render;
use casebook::ui::components::streaming_view::StreamingView;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE: &str = r#"# Report

<script>window.__pwned = 1</script>

<img src=x onerror="window.__pwned = 2">

Inline <b onmouseover="window.__pwned = 3">bold</b> and <iframe src="javascript:window.__pwned=4"></iframe>

[click](javascript:window.__pwned=5) [case](JaVaScRiPt:window.__pwned=6) [tab](java	script:window.__pwned=7)
[entity](&#106;avascript:window.__pwned=8) [data](data:text/html,<script>window.__pwned=9</script>)
<javascript:window.__pwned=10> [vb](vbscript:msgbox)

![tracker](https://tracker.example/pixel.png?secret=abc)

<a href="javascript:window.__pwned=11">raw anchor</a>

<svg onload="window.__pwned=12"></svg>

[fine](https://example.org/docs) and <mailto:ops@example.org>
"#;

fn host() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn all_elements(root: &Element) -> Vec<Element> {
    let list = root.query_selector_all("*").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn pwned() -> bool {
    let value = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    !value.is_undefined()
}

#[wasm_bindgen_test]
async fn hostile_markdown_runs_no_script_and_keeps_no_dangerous_markup() {
    let host = host();
    host.set_inner_html(&render(HOSTILE));
    // Give error and load handlers a chance to fire, as they would in the page.
    gloo_timers::future::TimeoutFuture::new(300).await;
    assert!(!pwned(), "a script ran");

    for element in all_elements(&host) {
        let tag = element.tag_name().to_lowercase();
        assert!(
            !["script", "img", "iframe", "svg", "object", "embed"].contains(&tag.as_str()),
            "<{tag}> rendered"
        );
        let names = element.get_attribute_names();
        for i in 0..names.length() {
            let name = names.get(i).as_string().unwrap_or_default().to_lowercase();
            assert!(
                !name.starts_with("on"),
                "event handler attribute {name} on <{tag}>"
            );
            if name == "href" || name == "src" {
                let value = element
                    .get_attribute(&name)
                    .unwrap_or_default()
                    .to_lowercase();
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with("mailto:"),
                    "unsafe {name}={value}"
                );
            }
        }
        if tag == "a" {
            assert_eq!(
                element.get_attribute("rel").as_deref(),
                Some("noopener noreferrer nofollow")
            );
        }
    }
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("<script>"), "raw HTML is shown as text");
    let links: Vec<String> = all_elements(&host)
        .iter()
        .filter(|e| e.tag_name() == "A")
        .filter_map(|e| e.get_attribute("href"))
        .collect();
    assert!(links.contains(&"https://example.org/docs".to_string()));
    assert!(links.contains(&"mailto:ops@example.org".to_string()));
}

const ANSWER: &str = "## Plan\n\nWe will **fix** it.\n\n1. Call the CIO\n   - today\n\n   still item one\n2. Send the e-mail\n\n| Day | Update |\n|-----|--------|\n| 1 | 客户沟通 |\n| 3 | Fix shipped |\n\n```rust\nfn main() {\n\n    println!(\"hi\");\n}\n```\n\n> Quote line one\n> line two\n\nDone 完成.\n";

/// Paints chunks with the draft panel's `StreamingView`; every push comes a paint interval
/// after the previous one, so the tail is repainted each time.
fn render_incrementally(chunks: &[&str]) -> String {
    let host = host();
    let document = web_sys::window().unwrap().document().unwrap();
    let finished = document.create_element("div").unwrap();
    let tail = document.create_element("div").unwrap();
    host.append_child(&finished).unwrap();
    host.append_child(&tail).unwrap();
    let mut view = StreamingView::new(finished.clone(), tail.clone());
    for (i, chunk) in chunks.iter().enumerate() {
        view.push(chunk, i as f64 * 100.0);
    }
    view.flush(f64::MAX);
    let dom = format!("{}{}", finished.inner_html(), tail.inner_html());
    host.remove();
    dom
}

fn one_shot(text: &str) -> String {
    let host = host();
    host.set_inner_html(&render(text));
    let dom = host.inner_html();
    host.remove();
    dom
}

#[wasm_bindgen_test]
fn incremental_dom_equals_one_shot_dom_for_every_split() {
    let expected = one_shot(ANSWER);
    let boundaries: Vec<usize> = ANSWER.char_indices().map(|(i, _)| i).skip(1).collect();
    for &cut in &boundaries {
        let dom = render_incrementally(&[&ANSWER[..cut], &ANSWER[cut..]]);
        assert_eq!(dom, expected, "split at byte {cut}");
    }
    let per_char: Vec<&str> = ANSWER
        .char_indices()
        .map(|(i, c)| &ANSWER[i..i + c.len_utf8()])
        .collect();
    assert_eq!(
        render_incrementally(&per_char),
        expected,
        "one character at a time"
    );
}
