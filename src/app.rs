//! The root component: the editor, the picture with its controls, and the panels around it;
//! the effects that drive time (re-reading after typing, the play loop, steady traffic,
//! keyboard shortcuts).

use crate::components::{
    download, go_to_line, Controls, DiagnosticList, Editor, Gallery, Inspector, Narration, Stage,
    Timeline,
};
use crate::i18n::{t, Msg};
use crate::shared::Shared;
use crate::state::{Action, AppState};
use crate::url;
use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use kubeglass_core::text::Language;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The example the page opens on when the address names none.
const DEFAULT_EXAMPLE: &str = "deployment";
/// Quiet time after typing before the text is read again.
const REPARSE_MS: u32 = 300;
/// Pause between played steps, at 1× speed.
const BETWEEN_STEPS_MS: f64 = 900.0;
/// Time between requests of steady traffic, at 1× speed.
const TRAFFIC_MS: f64 = 1100.0;

fn browser_language() -> Language {
    gloo::utils::window()
        .navigator()
        .language()
        .as_deref()
        .and_then(url::language)
        .unwrap_or(Language::En)
}

/// The state the page address asks for, and whether to embed.
fn initial() -> (AppState, bool) {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let params = url::parse(&hash);
    let language = params.language.unwrap_or_else(browser_language);
    let mut state = params
        .example
        .as_deref()
        .and_then(|id| AppState::example(id, language))
        .or_else(|| AppState::example(DEFAULT_EXAMPLE, language))
        .unwrap_or_else(|| AppState::open("", None, language));
    for _ in 0..params.step {
        state = (*Rc::new(state).reduce(Action::AutoStep)).clone();
    }
    // Opening at a step shows that step happening; opening at the start has nothing to show.
    state.animation.play_through = params.step > 0;
    state.settled = if params.step > 0 {
        0
    } else {
        state.animation.revision
    };
    state.playing = params.play && params.step == 0;
    (state, params.embed)
}

/// True when keys typed there are text, not shortcuts.
fn typing_into(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(
                e.tag_name().to_ascii_lowercase().as_str(),
                "input" | "textarea" | "select" | "button"
            ) || e.closest("[data-kind]").ok().flatten().is_some()
        })
}

/// The kubeglass app.
#[component]
pub fn App() -> Html {
    let start = use_memo((), |_| initial());
    let embed = start.1;
    let state = use_reducer({
        let start = start.clone();
        move || start.0.clone()
    });
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let area = use_node_ref();
    let language = state.language;

    // Read the text again once typing pauses.
    {
        let dispatch = dispatch.clone();
        use_effect_with(state.text.clone(), move |_| {
            let timer = Timeout::new(REPARSE_MS, move || dispatch.emit(Action::Reparse));
            move || drop(timer)
        });
    }
    // The play loop: when a step's motion has settled, wait a little, then play the next.
    {
        let dispatch = dispatch.clone();
        let ready = state.playing && state.is_settled();
        let wait = (BETWEEN_STEPS_MS * 100.0 / f64::from(state.speed)) as u32;
        use_effect_with(
            (ready, state.animation.revision, wait),
            move |&(ready, _, wait)| {
                let timer =
                    ready.then(|| Timeout::new(wait, move || dispatch.emit(Action::AutoStep)));
                move || drop(timer)
            },
        );
    }
    // Steady traffic.
    {
        let dispatch = dispatch.clone();
        let running = state.traffic.is_some();
        let every = (TRAFFIC_MS * 100.0 / f64::from(state.speed)) as u32;
        use_effect_with((running, every), move |&(running, every)| {
            let ticker =
                running.then(|| Interval::new(every, move || dispatch.emit(Action::TrafficTick)));
            move || drop(ticker)
        });
    }
    // Keyboard: space plays or pauses, arrows step.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if key.ctrl_key() || key.meta_key() || key.alt_key() || typing_into(event.target())
                {
                    return;
                }
                let action = match key.key().as_str() {
                    " " => Action::TogglePlay,
                    "ArrowRight" => Action::Step,
                    "ArrowLeft" => Action::StepBack,
                    _ => return,
                };
                event.prevent_default();
                dispatch.emit(action);
            });
            move || drop(listener)
        });
    }

    let playback = &state.lab.playback;
    let on_edit = dispatch.reform(Action::Edit);
    let on_paste = dispatch.reform(Action::Paste);
    let on_files = dispatch.reform(|text: String| Action::Open {
        text,
        example: None,
        play: false,
    });
    let on_goto = {
        let area = area.clone();
        Callback::from(move |line: u32| go_to_line(&area, line))
    };
    let toggle_language = dispatch.reform(move |_: MouseEvent| {
        Action::Language(if language == Language::En {
            Language::Ko
        } else {
            Language::En
        })
    });
    let on_download = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let title = format!("kubeglass: {}", t(Msg::Picture, state.language));
            let _ = download(state.scene(), &title);
        })
    };
    let selected_id = state
        .selected
        .as_ref()
        .map(|s| AttrValue::from(s.item_id()));
    html! {
        <div class={classes!("kg-app", embed.then_some("embed"))} lang={if language == Language::Ko { "ko" } else { "en" }}>
            <header class="kg-header">
                <h1 class="kg-logo">{ "kubeglass" }</h1>
                <p class="kg-tagline">{ t(Msg::Tagline, language) }</p>
                <div class="kg-header-actions">
                    <button type="button" class="kg-button" data-testid="download-svg" onclick={on_download}>{ t(Msg::Download, language) }</button>
                    <button type="button" class="kg-button" data-testid="language" lang={if language == Language::En { "ko" } else { "en" }} onclick={toggle_language}>{ t(Msg::Language, language) }</button>
                </div>
            </header>
            if !embed {
                <section class="kg-editor-pane">
                    <Editor text={state.text.clone()} area={area.clone()} {language} {on_edit} {on_paste} {on_files} />
                    <DiagnosticList diagnostics={state.lab.diagnostics.clone()} {language} stale={state.lab.stale} {on_goto} />
                </section>
            }
            <main class="kg-view-pane">
                <Controls playing={state.playing} position={playback.position()} steps={playback.steps().len()} speed={state.speed} actual_size={state.actual_size} {language} dispatch={dispatch.clone()} />
                <Stage lab={Shared(state.lab.clone())} animation={state.animation.clone()}
                       playing={state.playing} speed={state.speed} actual_size={state.actual_size} {language} selected={selected_id} stale={state.lab.stale}
                       label={t(Msg::Picture, language)}
                       on_select={dispatch.reform(Action::Select)} on_expand={dispatch.reform(Action::Expand)}
                       on_settled={dispatch.reform(Action::Settled)} />
                <Timeline steps={playback.steps().to_vec()} position={playback.position()} {language} dispatch={dispatch.clone()} />
            </main>
            <aside class="kg-side-pane">
                <Inspector lab={Shared(state.lab.clone())} selected={state.selected.clone()} traffic={state.traffic.clone()}
                           stale={state.lab.stale} {language} dispatch={dispatch.clone()} />
                <Narration notes={playback.notes().to_vec()} steps={playback.steps().to_vec()} {language} />
                if !embed {
                    <Gallery current={state.example} {language} dispatch={dispatch.clone()} />
                }
            </aside>
            <footer class="kg-footer">
                <p>{ t(Msg::Privacy, language) }</p>
                <p>
                    <a href="https://github.com/kubernetes/community/tree/master/icons" rel="noreferrer">{ t(Msg::Credits, language) }</a>
                </p>
            </footer>
        </div>
    }
}
