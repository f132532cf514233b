//! Line numbers beside a textarea, with the lines that have problems marked.

use super::caret::LINE_PX;
use super::Mark;
use yew::prelude::*;

/// The numbers of lines `first..first + lines`, one per line, and a band behind each of
/// those lines that has a problem (`marks` are the whole text's).
pub fn gutter(first: u32, lines: u32, marks: &[Mark]) -> Html {
    let last = first.saturating_add(lines);
    let numbers: String = (first..last).map(|n| format!("{n}\n")).collect();
    let marks = marks
        .iter()
        .filter(|m| (first..last).contains(&m.line))
        .map(|m| {
            let top = f64::from(m.line - first) * LINE_PX;
            html! {
                <span class={classes!("kg-gutter-mark", m.severity)} data-line={m.line.to_string()}
                      style={format!("top: {top}px")}></span>
            }
        });
    html! {
        <pre class="kg-gutter" aria-hidden="true"><span class="kg-gutter-marks">{ for marks }</span>{ numbers }</pre>
    }
}
