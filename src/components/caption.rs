//! The embed's caption: what the current step did and why (the lesson), with its myth note;
//! before the first step, the story's name and what that step will do.

use crate::i18n::{t, Msg};
use kubeglass_core::link::Damage;
use kubeglass_core::narrate::Note;
use kubeglass_core::scenario::{describe_step, Step};
use kubeglass_core::text::Language;
use yew::prelude::*;

/// What [`caption`] shows.
pub struct CaptionProps<'a> {
    /// The story's name.
    pub title: String,
    /// The timeline.
    pub steps: &'a [Step],
    /// Steps played.
    pub position: usize,
    /// The notes of the last played step.
    pub notes: &'a [Note],
    /// The link the page was opened with could not be read.
    pub damage: Option<Damage>,
    /// Language.
    pub language: Language,
}

/// The caption under an embedded picture.
/// A plain function, not a component: it has no hooks, and it is cheap to draw again with its
/// parent (a title and a few sentences).
pub fn caption(props: &CaptionProps<'_>) -> Html {
    let language = props.language;
    let position = props.position;
    let step_line = |index: usize, prefix: String| {
        props
            .steps
            .get(index)
            .map(|s| html! { <p class="kg-caption-step">{ prefix }{ describe_step(s) }</p> })
    };
    html! {
        <section class="kg-caption" data-testid="caption" data-step={position.to_string()}
                 aria-label={t(Msg::Narration, language)} aria-live="polite">
            if let Some(damage) = props.damage {
                <p class="kg-link-damaged" role="alert">{ damage.message().get(language).to_owned() }{ " " }{ t(Msg::DefaultShown, language) }</p>
            }
            if position == 0 {
                <p class="kg-caption-title">{ props.title.clone() }</p>
                { step_line(0, format!("{} ", t(Msg::FirstStep, language))).unwrap_or_else(|| html! {
                    <p class="kg-caption-step">{ t(Msg::NoSteps, language) }</p>
                }) }
            } else {
                { step_line(position - 1, format!("{position}/{} · ", props.steps.len())) }
                { for props.notes.iter().map(|n| html! {
                    <p class={classes!("kg-note", n.myth.then_some("myth"))} data-myth={n.myth.to_string()}>
                        if n.myth { <strong class="kg-myth-tag">{ t(Msg::Myth, language) }</strong>{ " " } }
                        { n.text.get(language) }
                    </p>
                }) }
            }
        </section>
    }
}
