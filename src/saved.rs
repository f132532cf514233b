//! The user's own text, kept in the browser's local storage (it stays on the device), so a
//! reload brings it back. Storage may be missing or full (private windows, quotas): then
//! nothing is kept, and nothing fails.

const KEY: &str = "kubeglass.text";

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The text kept by an earlier visit.
pub fn text() -> Option<String> {
    storage()?
        .get_item(KEY)
        .ok()
        .flatten()
        .filter(|t| !t.is_empty())
}

/// Keeps `text` for the next visit.
pub fn keep(text: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, text);
    }
}
