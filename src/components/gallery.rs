//! The lecture examples: each a manifest plus a Scenario telling one story.

use crate::i18n::{t, Msg};
use crate::state::Action;
use kubeglass_core::gallery::EXAMPLES;
use kubeglass_core::text::Language;
use yew::prelude::*;

/// What [`gallery_panel`] shows.
pub struct GalleryProps {
    /// The example shown, if any.
    pub current: Option<&'static str>,
    /// Language.
    pub language: Language,
    /// Sends an action.
    pub dispatch: Callback<Action>,
}

/// The gallery.
/// A plain function, not a component: it has no hooks, and its parent renders it anew each time
/// anyway (its callbacks are new on every render).
pub fn gallery_panel(props: &GalleryProps) -> Html {
    let language = props.language;
    html! {
        <nav class="kg-gallery" data-testid="gallery" aria-label={t(Msg::Gallery, language)}>
            <h2>{ t(Msg::Gallery, language) }</h2>
            <ol>
                { for EXAMPLES.iter().map(|e| {
                    let onclick = props.dispatch.reform(move |_: MouseEvent| Action::Open { text: e.source.to_owned(), example: Some(e.id), step: 0, play: true, own: false });
                    let current = props.current == Some(e.id);
                    html! {
                        <li>
                            <button type="button" class={classes!("kg-example", current.then_some("current"))} data-example={e.id}
                                    aria-pressed={current.to_string()} title={e.summary().get(language).to_owned()} {onclick}>
                                { e.title().get(language).to_owned() }
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
