//! The slide-deck protocol (`docs/embedding.md`): a parent page drives the story with
//! `postMessage` (`kubeglass:next`, `prev`, `seek`, `play`, `pause`), and hears back
//! `kubeglass:ready` once the story is there and `kubeglass:state` after every change.
//! Messages are plain data: anything of another shape is ignored, and nothing in them is
//! ever evaluated or inserted into the page.

use crate::state::Action;
use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The action a message asks for, from its `type` and `step` fields, in a story of `steps`.
pub fn action(kind: &str, step: Option<f64>, steps: usize) -> Option<Action> {
    match kind {
        "kubeglass:next" => Some(Action::Step),
        "kubeglass:prev" => Some(Action::StepBack),
        "kubeglass:play" => Some(Action::Play),
        "kubeglass:pause" => Some(Action::Pause),
        "kubeglass:seek" => {
            let step = step?;
            let whole = step.fract() == 0.0 && step >= 0.0 && step <= steps as f64;
            whole.then_some(Action::Jump(step as usize))
        }
        _ => None,
    }
}

/// The action of a received message's data, when it is one of ours.
fn read(data: &JsValue, steps: usize) -> Option<Action> {
    if !data.is_object() {
        return None;
    }
    let kind = Reflect::get(data, &"type".into()).ok()?.as_string()?;
    let step = Reflect::get(data, &"step".into())
        .ok()
        .and_then(|s| s.as_f64());
    action(&kind, step, steps)
}

/// The parent page, when the app is framed.
fn parent() -> Option<web_sys::Window> {
    let window = gloo::utils::window();
    window.parent().ok().flatten().filter(|p| p != &window)
}

/// Posts `{type, …fields}` to the parent page.
fn post(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(parent) = parent() else {
        return;
    };
    let message = Object::new();
    let _ = Reflect::set(&message, &"type".into(), &kind.into());
    for (name, value) in fields {
        let _ = Reflect::set(&message, &(*name).into(), value);
    }
    let _ = parent.post_message(&message, "*");
}

/// Listens for the deck's messages, and tells it where the story is.
#[hook]
pub fn use_deck(
    dispatch: Callback<Action>,
    ready: bool,
    position: usize,
    steps: usize,
    playing: bool,
) {
    let steps_now = use_mut_ref(|| steps);
    *steps_now.borrow_mut() = steps;
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "message", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            if let Some(action) = read(&event.data(), *steps_now.borrow()) {
                dispatch.emit(action);
            }
        });
        move || drop(listener)
    });
    use_effect_with(ready, move |&ready| {
        if ready {
            post("kubeglass:ready", &[("steps", (steps as f64).into())]);
        }
    });
    use_effect_with(
        (ready, position, steps, playing),
        |&(ready, position, steps, playing)| {
            if ready {
                post(
                    "kubeglass:state",
                    &[
                        ("step", (position as f64).into()),
                        ("steps", (steps as f64).into()),
                        ("playing", playing.into()),
                    ],
                );
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(kind: &str, step: Option<f64>) -> Option<String> {
        action(kind, step, 4).map(|a| format!("{a:?}"))
    }

    #[test]
    fn every_message_type_has_its_action() {
        assert_eq!(named("kubeglass:next", None).as_deref(), Some("Step"));
        assert_eq!(named("kubeglass:prev", None).as_deref(), Some("StepBack"));
        assert_eq!(named("kubeglass:play", None).as_deref(), Some("Play"));
        assert_eq!(named("kubeglass:pause", None).as_deref(), Some("Pause"));
        assert_eq!(
            named("kubeglass:seek", Some(3.0)).as_deref(),
            Some("Jump(3)")
        );
        assert_eq!(
            named("kubeglass:seek", Some(0.0)).as_deref(),
            Some("Jump(0)")
        );
        assert_eq!(
            named("kubeglass:seek", Some(4.0)).as_deref(),
            Some("Jump(4)")
        );
    }

    #[test]
    fn anything_else_is_ignored() {
        for (kind, step) in [
            ("kubeglass:seek", None),
            ("kubeglass:seek", Some(5.0)),
            ("kubeglass:seek", Some(-1.0)),
            ("kubeglass:seek", Some(1.5)),
            ("kubeglass:seek", Some(f64::NAN)),
            ("kubeglass:seek", Some(f64::INFINITY)),
            ("kubeglass:resize", None),
            ("kubeglass:eval", None),
            ("next", None),
            ("", None),
        ] {
            assert_eq!(named(kind, step), None, "{kind} {step:?}");
        }
    }
}
