//! The keyboard shortcuts (`?`), in the lab and in presenter mode.

use crate::i18n::{t, Msg};
use crate::keys::HELP;
use kubeglass_core::text::Language;
use yew::prelude::*;

/// What [`shortcuts`] shows.
pub struct ShortcutsProps {
    /// Language.
    pub language: Language,
    /// Closes the help.
    pub on_close: Callback<()>,
}

/// The shortcut table, as a dialog.
/// A plain function, not a component: it has no hooks, and its parent renders it anew each time
/// anyway (its callbacks are new on every render).
pub fn shortcuts(props: &ShortcutsProps) -> Html {
    let language = props.language;
    let heading = |place: &str| {
        t(
            if place == "lab" {
                Msg::InTheLab
            } else {
                Msg::InPresenter
            },
            language,
        )
    };
    html! {
        <section class="kg-shortcuts" role="dialog" aria-labelledby="kg-shortcuts-title" data-testid="shortcuts">
            <div class="kg-share-head">
                <h2 id="kg-shortcuts-title">{ t(Msg::Shortcuts, language) }</h2>
                <button type="button" class="kg-button" onclick={props.on_close.reform(|_: MouseEvent| ())}>{ t(Msg::Close, language) }</button>
            </div>
            { for HELP.iter().map(|(place, keys)| html! {
                <>
                    <h3>{ heading(place) }</h3>
                    <dl class="kg-facts">
                        { for keys.iter().map(|(key, en, ko)| html! {
                            <>
                                <dt><kbd>{ *key }</kbd></dt>
                                <dd>{ if language == Language::Ko { *ko } else { *en } }</dd>
                            </>
                        }) }
                    </dl>
                </>
            }) }
        </section>
    }
}
