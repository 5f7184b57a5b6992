//! Tab sync: tells other open tabs that data changed (BroadcastChannel), so their lists
//! refresh. The last write wins; nothing here merges.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "casebook-changes";

/// A subscription to changes made in other tabs; dropping it stops listening.
pub struct TabSync {
    channel: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl TabSync {
    /// Calls `on_change` whenever another tab announces a change. `None` when the browser
    /// has no BroadcastChannel (the app then simply does not refresh across tabs).
    pub fn listen(mut on_change: impl FnMut() + 'static) -> Option<Self> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |_| on_change());
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Self {
            channel,
            _listener: listener,
        })
    }

    /// Tells the other tabs that data changed.
    pub fn announce(&self) {
        // A closed channel only means no other tab hears it.
        let _ = self.channel.post_message(&"changed".into());
    }
}

impl Drop for TabSync {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
