//! The Scenario's steps, the current one highlighted; clicking one goes there.

use crate::i18n::{t, Msg};
use crate::state::Action;
use kubeglass_core::scenario::{describe_step, Step};
use kubeglass_core::text::Language;
use yew::prelude::*;

/// What [`timeline`] shows.
pub struct TimelineProps {
    /// The steps.
    pub steps: Vec<Step>,
    /// Steps played.
    pub position: usize,
    /// Language of the labels.
    pub language: Language,
    /// Sends an action.
    pub dispatch: Callback<Action>,
}

/// The timeline.
/// A plain function, not a component: it has no hooks, and its parent renders it anew each time
/// anyway (its callbacks are new on every render).
pub fn timeline(props: &TimelineProps) -> Html {
    let language = props.language;
    let entry = |index: usize, text: String| {
        // Entry `index` is the point after `index` steps; the last played step is current.
        let state = match index.cmp(&props.position) {
            std::cmp::Ordering::Less => "done",
            std::cmp::Ordering::Equal => "current",
            std::cmp::Ordering::Greater => "next",
        };
        let onclick = props
            .dispatch
            .reform(move |_: MouseEvent| Action::Seek(index));
        html! {
            <li class={classes!("kg-step", state)} data-step={index.to_string()} aria-current={(state == "current").then_some("step")}>
                <button type="button" {onclick}>
                    <span class="kg-step-number">{ index }</span>
                    <span class="kg-step-text">{ text }</span>
                </button>
            </li>
        }
    };
    html! {
        <nav class="kg-timeline" aria-label={t(Msg::Timeline, language)} data-testid="timeline">
            <ol>
                { entry(0, t(Msg::Start, language).to_owned()) }
                { for props.steps.iter().enumerate().map(|(i, s)| entry(i + 1, describe_step(s))) }
            </ol>
            if props.steps.is_empty() {
                <p class="kg-hint">{ t(Msg::NoSteps, language) }</p>
            }
        </nav>
    }
}
