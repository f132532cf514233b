//! Moving a textarea's caret and scrolling it into view, and reading pastes.

use super::blocks::replaced;
use web_sys::{ClipboardEvent, Element, HtmlTextAreaElement};

/// Height of one editor line, in CSS pixels (13 px type, line height 1.5).
pub const LINE_PX: f64 = 19.5;

/// Pastes at least this long are inserted by the app rather than the browser: the browser
/// inserts text into a textarea line by line, which for a long text takes seconds.
pub const LARGE_PASTE: usize = 64 * 1024;

/// The text of a paste, when it is long enough for the app to insert it.
pub fn large_paste(event: &ClipboardEvent) -> Option<String> {
    let pasted = event.clipboard_data()?.get_data("text/plain").ok()?;
    (pasted.len() >= LARGE_PASTE).then_some(pasted)
}

/// `area`'s text with its selection replaced by `with`.
pub fn with_selection_replaced(area: &HtmlTextAreaElement, with: &str) -> String {
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    replaced(&area.value(), start, end, with)
}

/// Puts the caret at `caret` (UTF-16 units) in `area` and scrolls `scroller` (the area itself,
/// or the column it is in) so that the caret's line, `line` lines below `area`'s top, is in
/// view with a little context.
pub fn place_caret(area: &HtmlTextAreaElement, caret: u32, line: u32, scroller: &Element) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = area.focus_with_options(&options);
    let _ = area.set_selection_range(caret, caret);
    let area_top = if scroller.is_same_node(Some(area)) {
        0.0
    } else {
        area.get_bounding_client_rect().top() - scroller.get_bounding_client_rect().top()
            + f64::from(scroller.scroll_top())
    };
    let y = area_top + f64::from(line) * LINE_PX;
    let (top, height) = (
        f64::from(scroller.scroll_top()),
        f64::from(scroller.client_height()),
    );
    if y < top + LINE_PX || y > top + height - 2.0 * LINE_PX {
        scroller.set_scroll_top((y - 3.0 * LINE_PX).max(0.0) as i32);
    }
}
