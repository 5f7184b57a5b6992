//! Entry point: mounts the Leptos app in the browser. Natively there is nothing to run.

fn main() {
    #[cfg(target_arch = "wasm32")]
    casebook::ui::start();
}
