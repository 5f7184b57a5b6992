//! Benchmark (not a test; run by `.ci/bench`): a 40 KB Markdown answer arriving in 4,000
//! chunks, each in its own task, painted into the DOM by the draft panel's `StreamingView`
//! (DOM updates included; layout runs per frame, as in the page, and once at the end). Prints the total render time, the longest chunk (main-thread task) and
//! the ratio to rendering the final text once.
#![cfg(target_arch = "wasm32")]

use casebook::markdown::render;
use casebook::ui::components::streaming_view::StreamingView;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn answer() -> String {
    let block = "## Section\n\nThe customer reported **slow exports** after the upgrade; we will ship a fix.\n\n- First point with `code`\n- Second point, 第二点\n\n| Day | Update |\n|---|---|\n| 1 | Call |\n| 3 | Patch |\n\n";
    let mut text = String::new();
    while text.len() < 40_000 {
        text.push_str(block);
    }
    text
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run with .ci/bench"]
async fn streaming_render_cost() {
    let text = answer();
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();

    let start = now();
    host.set_inner_html(&render(&text));
    let _ = host.client_height();
    let once = now() - start;
    host.set_inner_html("");

    let finished = document.create_element("div").unwrap();
    let tail = document.create_element("div").unwrap();
    host.append_child(&finished).unwrap();
    host.append_child(&tail).unwrap();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let per_chunk = chars.len().div_ceil(4_000);
    let mut view = StreamingView::new(finished, tail);
    let (mut total, mut longest, mut chunks) = (0.0f64, 0.0f64, 0);
    for group in chars.chunks(per_chunk) {
        let from = group[0].0;
        let to = group.last().map(|(i, c)| i + c.len_utf8()).unwrap_or(from);
        let started = now();
        view.push(&text[from..to], started);
        let spent = now() - started;
        total += spent;
        longest = longest.max(spent);
        chunks += 1;
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    let started = now();
    view.flush(started);
    let _ = host.client_height();
    total += now() - started;
    assert_eq!(host.text_content(), {
        let check = document.create_element("div").unwrap();
        check.set_inner_html(&render(&text));
        check.text_content()
    });
    console_log!(
        "markdown streaming benchmark: {} bytes in {} chunks; total render {:.1} ms; longest chunk task {:.2} ms; one-shot render {:.1} ms; ratio {:.2}",
        text.len(),
        chunks,
        total,
        longest,
        once,
        total / once.max(0.001)
    );
}
