//! The live picture: the scene, and over it what moves, clocked by requestAnimationFrame in
//! animation time (separate from simulation time: speed scales it, pause stops it).

mod gestures;
mod zoom_bar;

use super::scene_layer::SceneLayer;
use super::svg_tree::to_html;
use crate::frames::FrameLoop;
use crate::shared::Shared;
use crate::state::{Animation, Lab, Selection, View, ViewAction};
use gestures::use_gestures;
use kubeglass_core::scene::Kind;
use kubeglass_core::svg;
use kubeglass_core::text::Language;
use zoom_bar::{zoom_bar, ZoomBarProps};

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`Stage`].
#[derive(Properties, PartialEq)]
pub struct StageProps {
    /// The story; its scene is the picture.
    pub lab: Shared<Lab>,
    /// What moves.
    pub animation: Animation,
    /// Steps are playing.
    pub playing: bool,
    /// Animation speed, in percent.
    pub speed: u32,
    /// How the picture fills its pane (zoom and pan); `None` draws it at the width of its
    /// container and its natural height, never above its own size (an embed).
    pub view: Option<View>,
    /// Zooming and panning.
    pub on_view: Callback<ViewAction>,
    /// The reader asks for reduced motion: packets jump from hop to hop, nothing fades.
    pub reduced_motion: bool,
    /// Language of drop reasons.
    pub language: Language,
    /// The scene id of the inspected object.
    pub selected: Option<AttrValue>,
    /// The picture is the last good one of a text that now has errors.
    pub stale: bool,
    /// Accessible name of the picture.
    pub label: AttrValue,
    /// An object was clicked (or empty space: `None`).
    pub on_select: Callback<Option<Selection>>,
    /// A stack of replicas was clicked.
    pub on_expand: Callback<String>,
    /// The motion of this revision has finished.
    pub on_settled: Callback<u64>,
}

/// The clicked object, read from the DOM contract's attributes.
fn picked(target: Option<web_sys::EventTarget>) -> Option<(String, Selection)> {
    let element = target?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-kind]")
        .ok()??;
    let kind = element.get_attribute("data-kind")?;
    let selection = Selection {
        kind: kind.clone(),
        namespace: element.get_attribute("data-namespace").unwrap_or_default(),
        name: element.get_attribute("data-name").unwrap_or_default(),
    };
    Some((kind, selection))
}

/// Longest frame step counted, so a hidden tab does not jump the motion to its end.
const MAX_FRAME_MS: f64 = 100.0;

/// The picture with its motion.
#[component]
pub fn Stage(props: &StageProps) -> Html {
    let animation = props.animation.clone();
    let revision = animation.revision;
    let running = props.playing || animation.play_through;
    // The clock of the current motion: (revision, ms); a new revision starts at 0.
    let clock = use_mut_ref(|| (revision, 0.0_f64));
    if clock.borrow().0 != revision {
        *clock.borrow_mut() = (revision, 0.0);
    }
    let redraw = use_force_update();
    {
        let clock = clock.clone();
        let on_settled = props.on_settled.clone();
        let speed = f64::from(props.speed) / 100.0;
        use_effect_with((revision, running, props.speed), move |_| {
            let duration = animation.motion.duration;
            let mut frames = None;
            if clock.borrow().1 >= duration {
                on_settled.emit(revision);
            } else if running {
                frames = Some(FrameLoop::start(move |elapsed| {
                    let t = {
                        let mut c = clock.borrow_mut();
                        c.1 = (c.1 + elapsed.min(MAX_FRAME_MS) * speed).min(duration);
                        c.1
                    };
                    redraw.force_update();
                    if t >= duration {
                        on_settled.emit(revision);
                    }
                    t < duration
                }));
            }
            move || drop(frames)
        });
    }
    // Every new scene comes in a new Lab, so this measures each scene's text at most once.
    let scene_text = use_memo(props.lab.clone(), |_| svg::SceneText::default());
    let t = clock.borrow().1;
    let scene = props.lab.playback.scene();
    let motion = &props.animation.motion;
    let frame = motion.frame_in(t, !props.reduced_motion);
    let overlay = to_html(&svg::overlay(
        motion,
        &frame,
        props.language,
        scene,
        &scene_text,
    ));
    let outline = props.selected.as_ref().and_then(|id| scene.all_items().find(|i| i.id == id.as_str())).map(|i| {
        let r = i.rect;
        html! { <rect class="kg-selection" x={(r.x - 3).to_string()} y={(r.y - 3).to_string()} width={(r.w + 6).to_string()} height={(r.h + 6).to_string()} rx="10" /> }
    });
    let surface = use_node_ref();
    let dragged = use_gestures(surface.clone(), props.view.is_some(), props.on_view.clone());
    let choose = {
        let on_select = props.on_select.clone();
        let on_expand = props.on_expand.clone();
        Callback::from(
            move |target: Option<web_sys::EventTarget>| match picked(target) {
                Some((kind, s)) if kind == "Stack" => on_expand.emit(s.name),
                Some((kind, s))
                    if matches!(
                        kind.as_str(),
                        "Pod"
                            | "Service"
                            | "Node"
                            | "PersistentVolumeClaim"
                            | "PersistentVolume"
                            | "LoadBalancer"
                    ) =>
                {
                    on_select.emit(Some(s))
                }
                _ => on_select.emit(None),
            },
        )
    };
    let onclick = {
        let choose = choose.clone();
        Callback::from(move |e: MouseEvent| {
            // The end of a drag is not a click on what the pointer stopped over.
            if !dragged.replace(false) {
                choose.emit(e.target());
            }
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            choose.emit(e.target());
        }
    });
    let attributes = svg::root_attributes(scene, &props.label);
    let attr = |name: &str| {
        attributes
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let stacks = scene.all_items().any(|i| i.kind == Kind::Stack);
    let picture = (f64::from(scene.width), f64::from(scene.height));
    let (view_box, size, zoom_bar) = match props.view {
        Some(view) => {
            let frame = view.frame(picture);
            let [x, y, w, h] = view.zoom.view_box(frame);
            let bar = zoom_bar(&ZoomBarProps {
                percent: view.zoom.percent(frame),
                actual_size: view.zoom.is_actual_size(),
                fitted: view.zoom == crate::state::zoom::Zoom::Fit,
                language: props.language,
                on_view: props.on_view.clone(),
            });
            (
                format!("{x:.1} {y:.1} {w:.1} {h:.1}"),
                String::new(),
                Some(bar),
            )
        }
        None => (
            attr("viewBox"),
            format!("max-width: {}px", scene.width),
            None,
        ),
    };
    html! {
        <div class={classes!("kg-stage", props.stale.then_some("stale"), stacks.then_some("has-stacks"), props.view.is_some().then_some("kg-fill"))}
             style={format!("--kg-aspect: {} / {}", scene.width.max(1), scene.height.max(1))}>
            <svg xmlns="http://www.w3.org/2000/svg" class={attr("class")} viewBox={view_box}
                 width={attr("width")} height={attr("height")} data-testid="cluster" role="group"
                 aria-label={attr("aria-label")} style={size} ref={surface}
                 {onclick} {onkeydown}>
                <rect class="kg-backdrop" x="-50000" y="-50000" width="100000" height="100000" />
                <SceneLayer lab={props.lab.clone()} />
                { for outline }
                { overlay }
            </svg>
            { for zoom_bar }
        </div>
    }
}
