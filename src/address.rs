//! What the page address opens (`docs/embedding.md`): a shared text (`#s=…`), a gallery
//! example (`#example=…`), or, when it names no story, the text kept from the last visit,
//! else the default example.

use crate::deflate;
use crate::saved;
use crate::state::{Action, DEFAULT_EXAMPLE};
use kubeglass_core::gallery;
use kubeglass_core::link::{language_of_tag, Address, Story};
use kubeglass_core::text::Language;
use yew::Callback;

/// The reader's browser language, when it is one kubeglass speaks; else English.
pub fn browser_language() -> Language {
    gloo::utils::window()
        .navigator()
        .language()
        .as_deref()
        .and_then(language_of_tag)
        .unwrap_or(Language::En)
}

/// The address the page is at now.
pub fn current() -> Address {
    Address::parse(&gloo::utils::window().location().hash().unwrap_or_default())
}

/// Opening a gallery example as the address asks.
fn example(id: &str, address: &Address) -> Option<Action> {
    gallery::example(id).map(|e| Action::Open {
        text: e.source.to_owned(),
        example: Some(e.id),
        step: address.step,
        play: address.plays(),
        own: false,
    })
}

/// The action that opens the address's story at once, when it needs no inflating. With no
/// story named, a first load (`arriving`) brings back the kept text, else the default
/// example; a later change of address keeps what is shown.
pub fn opening(address: &Address, arriving: bool) -> Option<Action> {
    match &address.story {
        Some(Story::Shared(_)) => None,
        Some(Story::Example(id)) => {
            example(id, address).or_else(|| example(DEFAULT_EXAMPLE, &Address::default()))
        }
        None if !arriving => None,
        None => match saved::text().filter(|_| !address.embed) {
            Some(text) => Some(Action::Open {
                text,
                example: None,
                step: 0,
                play: false,
                own: true,
            }),
            None => example(DEFAULT_EXAMPLE, address),
        },
    }
}

/// Opens the address's story: at once, or once its payload is inflated (the browser does
/// that off the main thread's critical path, in a promise).
pub fn open(address: &Address, arriving: bool, dispatch: &Callback<Action>) {
    if let Some(action) = opening(address, arriving) {
        dispatch.emit(action);
        return;
    }
    if let Some(Story::Shared(payload)) = &address.story {
        let (payload, address, dispatch) = (payload.clone(), address.clone(), dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move {
            dispatch.emit(match deflate::text(&payload).await {
                Ok(text) => Action::Open {
                    text,
                    example: None,
                    step: address.step,
                    play: address.plays(),
                    own: false,
                },
                Err(damage) => Action::Damaged(damage),
            });
        });
    }
}
