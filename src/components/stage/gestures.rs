//! Zooming and panning the picture by hand: drag to pan (mouse, pen or one finger), Ctrl+wheel
//! (a trackpad's pinch) or two fingers to zoom around the pointer; and the pane's size, which
//! zooming needs. Listeners live in an effect and go with it.

use crate::state::ViewAction;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, WheelEvent};
use yew::prelude::*;

/// Movement (CSS px) after which a press is a drag, not a click.
const DRAG_PX: f64 = 4.0;

/// The pointers down on the picture: id → last position (client px).
#[derive(Default)]
struct Pointers {
    down: Vec<(i32, (f64, f64))>,
    /// Distance moved since the press (one pointer).
    travelled: f64,
}

impl Pointers {
    fn spread(&self) -> Option<(f64, (f64, f64))> {
        let [(_, a), (_, b)] = self.down.as_slice() else {
            return None;
        };
        let distance = (a.0 - b.0).hypot(a.1 - b.1);
        Some((distance, ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)))
    }
}

/// The point `(x, y)` (client px) relative to `element`'s top left.
fn local(element: &Element, (x, y): (f64, f64)) -> (f64, f64) {
    let r = element.get_bounding_client_rect();
    (x - r.left(), y - r.top())
}

/// A wheel turn as a zoom factor: a notch (100 px, or 3 lines) zooms by about 16%.
fn wheel_factor(e: &WheelEvent) -> f64 {
    let per_line = if e.delta_mode() == WheelEvent::DOM_DELTA_LINE {
        33.0
    } else {
        1.0
    };
    (-e.delta_y() * per_line * 0.0015).exp()
}

/// Listens on `surface` (the SVG, which fills its pane) and measures it; sends the view's
/// changes. Returns a flag that is set when a press became a drag, so the click that ends it
/// selects nothing.
#[hook]
pub fn use_gestures(
    surface: NodeRef,
    enabled: bool,
    on_view: Callback<ViewAction>,
) -> Rc<Cell<bool>> {
    let flag = use_memo((), |_| Rc::new(Cell::new(false)));
    {
        let flag = (*flag).clone();
        use_effect_with(enabled, move |&enabled| {
            let mut listeners = Vec::new();
            let mut observer = None;
            if let (true, Some(svg)) = (enabled, surface.cast::<Element>()) {
                let pointers = Rc::new(RefCell::new(Pointers::default()));
                let on =
                    |kind: &'static str, handler: Box<dyn Fn(&PointerEvent)>| -> EventListener {
                        EventListener::new(&svg, kind, move |e| {
                            if let Some(e) = e.dyn_ref::<PointerEvent>() {
                                handler(e);
                            }
                        })
                    };
                {
                    let (pointers, flag) = (pointers.clone(), flag.clone());
                    listeners.push(on(
                        "pointerdown",
                        Box::new(move |e| {
                            if e.button() != 0 {
                                return;
                            }
                            let mut p = pointers.borrow_mut();
                            p.down.retain(|(id, _)| *id != e.pointer_id());
                            p.down
                                .push((e.pointer_id(), (e.client_x().into(), e.client_y().into())));
                            p.travelled = 0.0;
                            flag.set(false);
                        }),
                    ));
                }
                {
                    let (pointers, flag, on_view, svg2) =
                        (pointers.clone(), flag.clone(), on_view.clone(), svg.clone());
                    listeners.push(on(
                        "pointermove",
                        Box::new(move |e| {
                            let mut p = pointers.borrow_mut();
                            let at = (f64::from(e.client_x()), f64::from(e.client_y()));
                            let before = p.spread();
                            let Some(slot) =
                                p.down.iter_mut().find(|(id, _)| *id == e.pointer_id())
                            else {
                                return;
                            };
                            let last = std::mem::replace(&mut slot.1, at);
                            if let (Some((was, _)), Some((now, middle))) = (before, p.spread()) {
                                if was > 0.0 {
                                    on_view.emit(ViewAction::ZoomBy(
                                        now / was,
                                        Some(local(&svg2, middle)),
                                    ));
                                }
                                flag.set(true);
                                return;
                            }
                            let (dx, dy) = (at.0 - last.0, at.1 - last.1);
                            p.travelled += dx.hypot(dy);
                            if p.travelled < DRAG_PX {
                                return;
                            }
                            if !flag.replace(true) {
                                let _ = svg2.set_pointer_capture(e.pointer_id());
                            }
                            on_view.emit(ViewAction::Pan(dx, dy));
                        }),
                    ));
                }
                for kind in ["pointerup", "pointercancel"] {
                    let pointers = pointers.clone();
                    listeners.push(on(
                        kind,
                        Box::new(move |e| {
                            pointers
                                .borrow_mut()
                                .down
                                .retain(|(id, _)| *id != e.pointer_id());
                        }),
                    ));
                }
                {
                    let (on_view, svg2) = (on_view.clone(), svg.clone());
                    listeners.push(EventListener::new_with_options(
                        &svg,
                        "wheel",
                        EventListenerOptions::enable_prevent_default(),
                        move |e| {
                            let Some(e) = e.dyn_ref::<WheelEvent>() else {
                                return;
                            };
                            // A plain wheel scrolls the page; Ctrl (a trackpad's pinch) zooms.
                            if !(e.ctrl_key() || e.meta_key()) {
                                return;
                            }
                            e.prevent_default();
                            let at = local(&svg2, (e.client_x().into(), e.client_y().into()));
                            on_view.emit(ViewAction::ZoomBy(wheel_factor(e), Some(at)));
                        },
                    ));
                }
                let on_view = on_view.clone();
                let measured = svg.clone();
                let resize = Closure::<dyn FnMut()>::new(move || {
                    let r = measured.get_bounding_client_rect();
                    on_view.emit(ViewAction::Pane(r.width(), r.height()));
                });
                if let Ok(o) = web_sys::ResizeObserver::new(resize.as_ref().unchecked_ref()) {
                    o.observe(&svg);
                    observer = Some((o, resize));
                }
            }
            move || {
                drop(listeners);
                if let Some((o, _resize)) = observer {
                    o.disconnect();
                }
            }
        });
    }
    (*flag).clone()
}
