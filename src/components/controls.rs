//! Play, pause, step, step back, reset and speed.

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
const MAGNIFIER: &str = "M6.5 1.5a5 5 0 1 0 2.9 9.1l3.7 3.7 1.2-1.2-3.7-3.7A5 5 0 0 0 6.5 1.5zm0 1.8a3.2 3.2 0 1 1 0 6.4 3.2 3.2 0 0 1 0-6.4z";

/// Props of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Steps are playing.
    pub playing: bool,
    /// Steps played.
    pub position: usize,
    /// Steps in the timeline.
    pub steps: usize,
    /// Speed, in percent.
    pub speed: u32,
    /// The picture is at its own size rather than fitted.
    pub actual_size: bool,
    /// Offer the actual-size toggle (an embed sizes the picture to its frame instead).
    #[prop_or(true)]
    pub zoom: bool,
    /// Language of the labels.
    pub language: Language,
    /// Sends an action.
    pub dispatch: Callback<Action>,
}

/// The playback controls.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
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
    let zoom_label = t(Msg::ActualSize, language);
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
            if props.zoom {
            <button type="button" class="kg-button kg-control kg-zoom" data-testid="actual-size" title={zoom_label} aria-label={zoom_label}
                    aria-pressed={props.actual_size.to_string()} onclick={props.dispatch.reform(|_: MouseEvent| Action::ToggleActualSize)}>
                <svg class="kg-icon" viewBox="0 0 16 16" aria-hidden="true"><path fill-rule="evenodd" d={MAGNIFIER} /></svg>
            </button>
            }
        </div>
    }
}
