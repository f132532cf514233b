//! What happened and why: one sentence per event from the simulation, and a note when the
//! picture contradicts a common myth. The latest step comes first.

use crate::i18n::{t, Msg};
use kubeglass_core::narrate::Note;
use kubeglass_core::scenario::{describe_step, Step};
use kubeglass_core::text::Language;
use yew::prelude::*;

/// What [`narration`] shows.
pub struct NarrationProps<'a> {
    /// The notes of each played step.
    pub notes: &'a [Vec<Note>],
    /// The played steps.
    pub steps: &'a [Step],
    /// Language.
    pub language: Language,
}

/// The narration panel.
/// A plain function, not a component: it has no hooks, and it is cheap to draw again with its
/// parent (a few sentences per step).
pub fn narration(props: &NarrationProps<'_>) -> Html {
    let language = props.language;
    let played = props.notes.len();
    html! {
        <section class="kg-narration" data-testid="narration" aria-label={t(Msg::Narration, language)} aria-live="polite">
            <h2>{ t(Msg::Narration, language) }</h2>
            if played == 0 {
                <p class="kg-hint">{ t(Msg::NarrationEmpty, language) }</p>
            }
            <ol class="kg-events" reversed=true>
                { for props.notes.iter().enumerate().rev().map(|(i, notes)| html! {
                    <li class={classes!("kg-event", (i + 1 == played).then_some("latest"))} data-step={(i + 1).to_string()}>
                        <p class="kg-event-step">{ format!("{}. {}", i + 1, props.steps.get(i).map(describe_step).unwrap_or_default()) }</p>
                        { for notes.iter().map(|n| html! {
                            <p class={classes!("kg-note", n.myth.then_some("myth"))} data-myth={n.myth.to_string()}>
                                if n.myth { <strong class="kg-myth-tag">{ t(Msg::Myth, language) }</strong>{ " " } }
                                { n.text.get(language) }
                            </p>
                        }) }
                    </li>
                }) }
            </ol>
        </section>
    }
}
