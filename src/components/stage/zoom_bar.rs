//! The picture's zoom buttons, over its corner: out, the scale (a toggle of 100%), in, fit.

use crate::i18n::{t, Msg};
use crate::state::ViewAction;
use kubeglass_core::text::Language;
use yew::prelude::*;

const MINUS: &str = "M3 7h10v2H3z";
const PLUS: &str = "M7 3h2v4h4v2H9v4H7V9H3V7h4z";
const FIT: &str = "M2 2h5v2H4v3H2zM9 2h5v5h-2V4H9zM2 9h2v3h3v2H2zM12 9h2v5H9v-2h3z";

/// What [`zoom_bar`] shows.
pub struct ZoomBarProps {
    /// The scale, in percent.
    pub percent: u32,
    /// The picture is at its own size.
    pub actual_size: bool,
    /// The picture is fitted to its pane.
    pub fitted: bool,
    /// Language of the labels.
    pub language: Language,
    /// Sends the view's changes.
    pub on_view: Callback<ViewAction>,
}

/// The zoom buttons.
/// A plain function, not a component: it has no hooks, and four buttons are cheap to draw
/// again with the stage.
pub fn zoom_bar(props: &ZoomBarProps) -> Html {
    let language = props.language;
    let button = |testid: &'static str, msg: Msg, icon: &'static str, action: ViewAction| {
        let label = t(msg, language);
        html! {
            <button type="button" class="kg-button kg-control" data-testid={testid} title={label} aria-label={label}
                    onclick={props.on_view.reform(move |_: MouseEvent| action)}>
                <svg class="kg-icon" viewBox="0 0 16 16" aria-hidden="true"><path d={icon} /></svg>
            </button>
        }
    };
    let actual = t(Msg::ActualSize, language);
    html! {
        <div class="kg-zoom-bar" role="toolbar" aria-label={t(Msg::Zoom, language)}>
            { button("zoom-out", Msg::ZoomOut, MINUS, ViewAction::ZoomOut) }
            <button type="button" class="kg-button kg-control kg-zoom-level" data-testid="actual-size" title={actual} aria-label={actual}
                    aria-pressed={props.actual_size.to_string()} onclick={props.on_view.reform(|_: MouseEvent| ViewAction::ToggleActualSize)}>
                { format!("{}%", props.percent) }
            </button>
            { button("zoom-in", Msg::ZoomIn, PLUS, ViewAction::ZoomIn) }
            <span class={classes!(props.fitted.then_some("kg-fitted"))}>{ button("zoom-fit", Msg::ZoomFit, FIT, ViewAction::Fit) }</span>
        </div>
    }
}
