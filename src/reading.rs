//! Reading a long text without freezing the page: the core's loader goes one document at a
//! time, and this loop gives the browser its turn between slices of a few dozen
//! milliseconds, so typing, scrolling and painting go on while it reads. A newer text stops
//! the reading of an older one.

use crate::state::{Action, Reading};
use kubeglass_core::load;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Work done before the browser gets its turn, in milliseconds. A single document can take
/// longer (a 300 KB CustomResourceDefinition); the loader cannot stop inside one.
const SLICE_MS: f64 = 30.0;

/// Progress is reported at most this often, so that re-rendering does not cost more than
/// the reading.
const REPORT_MS: f64 = 150.0;

/// Reads `reading`'s text in slices and dispatches [`Action::Read`] when it is done.
#[hook]
pub fn use_sliced_reading(reading: Option<Reading>, dispatch: Callback<Action>) {
    let job = reading.map(|r| (r.revision, r.text));
    use_effect_with(job, move |job| {
        let stopped = Rc::new(Cell::new(false));
        if let Some((revision, text)) = job.clone() {
            let stopped = stopped.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(loaded) = read(&text, revision, &stopped, &dispatch).await {
                    dispatch.emit(Action::Read {
                        revision,
                        loaded: Rc::new(loaded),
                    });
                }
            });
        }
        move || stopped.set(true)
    });
}

/// The loaded text, or `None` when a newer text stopped it.
async fn read(
    text: &str,
    revision: u64,
    stopped: &Cell<bool>,
    dispatch: &Callback<Action>,
) -> Option<load::Loaded> {
    // Let the paste itself be painted first.
    next_turn().await;
    let mut reading = load::Reading::new(text);
    let mut reported = now();
    loop {
        let slice_end = now() + SLICE_MS;
        let mut done = false;
        while !done && now() < slice_end {
            done = reading.step();
        }
        if done {
            return Some(reading.finish());
        }
        if now() - reported > REPORT_MS {
            reported = now();
            dispatch.emit(Action::ReadProgress {
                revision,
                done: reading.progress().0,
            });
        }
        next_turn().await;
        if stopped.get() {
            return None;
        }
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Resolves after the browser has run its other tasks (input, rendering).
async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let resolve: js_sys::Function = resolve.unchecked_into();
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _: Result<JsValue, JsValue> = JsFuture::from(promise).await;
}
