//! Play, pause, step, step back, reset and speed. (Zoom has its own buttons, on the picture.)

use crate::i18n::{t, Msg};
use crate::state::{Action, SPEEDS};
use kubeglass_core::text::Language;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

const RESET: &str = "M3 3h2v10H3zM14 3v10L6 8z";
const BACK: &str = "M12 3v10L4 8zM2 3h2v10H2z";
const PLAY: &str = "M4 2.5v11L13.5 8z";
const PAUSE: &str = "M4 3h3v10H4zM9 3h3v10H9z";
const STEP: &str = "M4 3v10l8-5zM12 3h2v10h-2z";

/// What [`controls`] shows.
pub struct ControlsProps {
    /// Steps are playing.
    pub playing: bool,
    /// Steps played.
    pub position: usize,
    /// Steps in the timeline.
    pub steps: usize,
    /// Speed, in percent.
    pub speed: u32,
    /// Language of the labels.
    pub language: Language,
    /// Sends an action.
    pub dispatch: Callback<Action>,
}

/// The playback controls.
/// A plain function, not a component: it has no hooks, and its parent renders it anew each time
/// anyway (its callbacks are new on every render).
pub fn controls(props: &ControlsProps) -> Html {
    let language = props.language;
    let button = |testid: &'static str,
                  msg: Msg,
                  icon: &'static str,
                  action: Action,
                  disabled: bool| {
        // Drawn, not typed: symbol characters are missing from many fonts.
        let onclick = props.dispatch.reform(move |_: MouseEvent| action.clone());
        let label = t(msg, language);
        html! {
            <button type="button" class="kg-button kg-control" data-testid={testid} title={label} aria-label={label} {disabled} {onclick}>
                <svg class="kg-icon" viewBox="0 0 16 16" aria-hidden="true"><path d={icon} /></svg>
            </button>
        }
    };
    let at_end = props.position >= props.steps;
    let onchange = props.dispatch.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::Speed(select.value().parse().unwrap_or(100))
    });
    html! {
        <div class="kg-controls" role="toolbar" aria-label={t(Msg::Timeline, language)}>
            { button("reset", Msg::Reset, RESET, Action::Reset, props.position == 0) }
            { button("step-back", Msg::StepBack, BACK, Action::StepBack, props.position == 0) }
            { button("play", Msg::Play, PLAY, Action::Play, props.playing || at_end) }
            { button("pause", Msg::Pause, PAUSE, Action::Pause, !props.playing) }
            { button("step", Msg::Step, STEP, Action::Step, at_end) }
            <span class="kg-position" aria-live="polite">{ format!("{} / {}", props.position, props.steps) }</span>
            <label class="kg-speed">
                <span>{ t(Msg::Speed, language) }</span>
                <select data-testid="speed" {onchange}>
                    { for SPEEDS.iter().map(|s| html! {
                        <option value={s.to_string()} selected={*s == props.speed}>{ format!("{}×", kubeglass_core::number::fixed(f64::from(*s) / 100.0, if s % 100 == 0 { 0 } else { 1 })) }</option>
                    }) }
                </select>
            </label>
        </div>
    }
}
