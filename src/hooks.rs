//! The page's effects that are not about time: following the address, keeping the user's
//! text, the colour theme, and telling an embedding page how tall the embed is. Each lives
//! in an effect whose cleanup removes what it added.

use crate::address;
use crate::saved;
use crate::state::Action;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use kubeglass_core::link::{Address, Theme};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Quiet time after a change before the text is written to storage.
const KEEP_MS: u32 = 300;

/// Follows the page address: another link opened in the same tab (`hashchange`) opens its
/// story. Returns the address now.
#[hook]
pub fn use_address(initial: Address, dispatch: Callback<Action>) -> UseStateHandle<Address> {
    let current = use_state(|| initial);
    {
        let current = current.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let address = address::current();
                if let Some(language) = address.language {
                    dispatch.emit(Action::Language(language));
                }
                if address.present && !address.embed {
                    dispatch.emit(Action::Present { from_lab: false });
                }
                address::open(&address, false, &dispatch);
                current.set(address);
            });
            move || drop(listener)
        });
    }
    current
}

/// Keeps the user's own text for the next visit: a moment after it changes, and when the
/// page goes away. Texts from outside (a link, an example) are not kept until edited.
#[hook]
pub fn use_keep_text(text: &str, own: bool) {
    let latest = use_mut_ref(|| None::<String>);
    *latest.borrow_mut() = own.then(|| text.to_owned());
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                if let Some(text) = latest.borrow().as_deref() {
                    saved::keep(text);
                }
            });
            move || drop(listener)
        });
    }
    use_effect_with((text.to_owned(), own), move |(text, own)| {
        let timer = own.then(|| {
            let text = text.clone();
            Timeout::new(KEEP_MS, move || saved::keep(&text))
        });
        move || drop(timer)
    });
}

/// Applies the address's colour theme to the whole page (`data-theme` on `<html>`), or leaves
/// the reader's `prefers-color-scheme` in charge.
#[hook]
pub fn use_theme(theme: Option<Theme>) {
    use_effect_with(theme, |theme| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = match theme {
                Some(theme) => root.set_attribute("data-theme", theme.as_str()),
                None => root.remove_attribute("data-theme"),
            };
        }
    });
}

/// The message an embed sends its host page when its height changes.
fn resize_message(height: f64) -> JsValue {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"kubeglass:resize".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.ceil().into());
    message.into()
}

/// In a frame, tells the parent page the height of `root` (CSS px) whenever it changes, so
/// the host can size its iframe to fit (`docs/embedding.md`).
#[hook]
pub fn use_report_height(root: NodeRef, enabled: bool) {
    use_effect_with(enabled, move |&enabled| {
        let window = gloo::utils::window();
        let parent = window.parent().ok().flatten().filter(|p| p != &window);
        let element = root.cast::<web_sys::Element>();
        let observer = match (enabled, parent, element) {
            (true, Some(parent), Some(element)) => {
                let last = Rc::new(RefCell::new(0.0_f64));
                let observed = element.clone();
                let report = Closure::<dyn FnMut()>::new(move || {
                    let height = observed.get_bounding_client_rect().height().ceil();
                    if *last.borrow() != height {
                        *last.borrow_mut() = height;
                        let _ = parent.post_message(&resize_message(height), "*");
                    }
                });
                web_sys::ResizeObserver::new(report.as_ref().unchecked_ref())
                    .ok()
                    .map(|observer| {
                        observer.observe(&element);
                        (observer, report)
                    })
            }
            _ => None,
        };
        move || {
            if let Some((observer, _report)) = observer {
                observer.disconnect();
            }
        }
    });
}

/// Whether the reader asks for reduced motion (`prefers-reduced-motion: reduce`), followed
/// as it changes.
#[hook]
pub fn use_reduced_motion() -> bool {
    let query = use_memo((), |_| {
        gloo::utils::window()
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
    });
    let reduced = use_state(|| query.as_ref().as_ref().is_some_and(|q| q.matches()));
    {
        let reduced = reduced.clone();
        use_effect_with((), move |_| {
            let listener = query.as_ref().as_ref().map(|q| {
                let q2 = q.clone();
                EventListener::new(q, "change", move |_| reduced.set(q2.matches()))
            });
            move || drop(listener)
        });
    }
    *reduced
}

/// How long the pointer may rest before presenter mode hides it.
const IDLE_MS: u32 = 2000;

/// While `enabled`, true once the pointer has not moved for two seconds.
#[hook]
pub fn use_idle_pointer(enabled: bool) -> bool {
    let idle = use_state_eq(|| false);
    {
        let idle = idle.clone();
        use_effect_with(enabled, move |&enabled| {
            let timer = Rc::new(RefCell::new(None::<Timeout>));
            let listener = enabled.then(|| {
                let rest = {
                    let (idle, timer) = (idle.clone(), timer.clone());
                    move || {
                        let idle2 = idle.clone();
                        *timer.borrow_mut() = Some(Timeout::new(IDLE_MS, move || idle2.set(true)));
                    }
                };
                rest();
                EventListener::new(&gloo::utils::document(), "pointermove", move |_| {
                    idle.set(false);
                    rest();
                })
            });
            move || {
                drop(listener);
                timer.borrow_mut().take();
            }
        });
    }
    *idle && enabled
}

/// Enters fullscreen, or leaves it.
pub fn toggle_fullscreen() {
    let document = gloo::utils::document();
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    } else if let Some(root) = document.document_element() {
        let _ = root.request_fullscreen();
    }
}

/// Leaves fullscreen.
pub fn exit_fullscreen() {
    gloo::utils::document().exit_fullscreen();
}

/// True while the page is fullscreen.
pub fn is_fullscreen() -> bool {
    gloo::utils::document().fullscreen_element().is_some()
}
