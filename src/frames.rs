//! A requestAnimationFrame loop whose handle is owned: dropping the loop cancels the next
//! frame, so an effect's cleanup stops it.

use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;

type Step = Rc<RefCell<dyn FnMut(f64) -> bool>>;

/// Calls a function on every animation frame with the milliseconds since the previous
/// frame (0 on the first), until the function returns false or the loop is dropped.
pub struct FrameLoop {
    next: Rc<RefCell<Option<AnimationFrame>>>,
}

fn schedule(next: Rc<RefCell<Option<AnimationFrame>>>, last: Option<f64>, step: Step) {
    let slot = next.clone();
    let frame = request_animation_frame(move |now| {
        let elapsed = last.map_or(0.0, |l| now - l);
        let more = (step.borrow_mut())(elapsed);
        if more {
            schedule(slot, Some(now), step);
        } else {
            slot.borrow_mut().take();
        }
    });
    *next.borrow_mut() = Some(frame);
}

impl FrameLoop {
    /// Starts calling `step` on each frame.
    pub fn start(step: impl FnMut(f64) -> bool + 'static) -> Self {
        let next = Rc::default();
        schedule(Rc::clone(&next), None, Rc::new(RefCell::new(step)));
        FrameLoop { next }
    }
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        self.next.borrow_mut().take();
    }
}
