//! The root component: the lab (editor, picture with its controls, panels around it) or, in
//! an embed, the picture with compact controls and a caption; and the effects that drive
//! time (re-reading after typing, the play loop, steady traffic, keyboard shortcuts).

use crate::address;
use crate::components::{
    download, download_yaml, go_to_line, Caption, Controls, DiagnosticList, Editor, Gallery,
    Inspector, Narration, SharePanel, Stage, Timeline,
};
use crate::hooks::{use_address, use_keep_text, use_report_height, use_theme};
use crate::i18n::{t, Msg};
use crate::saved;
use crate::shared::Shared;
use crate::state::{Action, AppState};
use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use kubeglass_core::gallery;
use kubeglass_core::link::Address;
use kubeglass_core::text::Language;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Quiet time after typing before the text is read again.
const REPARSE_MS: u32 = 300;
/// Pause between played steps, at 1× speed.
const BETWEEN_STEPS_MS: f64 = 900.0;
/// Time between requests of steady traffic, at 1× speed.
const TRAFFIC_MS: f64 = 1100.0;

/// The state the page opens with: the address's story when it can be read at once, else an
/// empty one until its link is inflated.
fn initial(address: &Address) -> AppState {
    let language = address.language.unwrap_or_else(address::browser_language);
    let mut blank = AppState::open("", None, language);
    blank.untouched = true;
    if !address.embed {
        blank.previous = saved::text().map(Rc::from);
    }
    match address::opening(address, true) {
        Some(action) => (*Rc::new(blank).reduce(action)).clone(),
        None => blank,
    }
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

/// The address of the full lab showing what an embed shows now.
fn lab_address(address: &Address, position: usize) -> String {
    let lab = Address {
        embed: false,
        step: position,
        play: None,
        ..address.clone()
    };
    let href = gloo::utils::window().location().href().unwrap_or_default();
    let base = href.split_once('#').map_or(href.as_str(), |(b, _)| b);
    format!("{base}{}", lab.fragment())
}

/// The kubeglass app.
#[component]
pub fn App() -> Html {
    let start = use_memo((), |_| {
        let address = address::current();
        (initial(&address), address)
    });
    let state = use_reducer({
        let start = start.clone();
        move || start.0.clone()
    });
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let address = use_address(start.1.clone(), dispatch.clone());
    // A link's text is inflated once the page is up.
    {
        let dispatch = dispatch.clone();
        let first = start.1.clone();
        use_effect_with((), move |_| {
            if address::opening(&first, true).is_none() {
                address::open(&first, true, &dispatch);
            }
        });
    }
    let embed = address.embed;
    let area = use_node_ref();
    let root = use_node_ref();
    let share_open = use_state(|| false);
    let language = state.language;
    use_theme(address.theme);
    use_report_height(root.clone(), embed);
    use_keep_text(&state.text, !embed && !state.untouched);

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
    let position = playback.position();
    let example = state.example.and_then(gallery::example);
    let title = example
        .map(|e| e.title().get(language).to_owned())
        .or_else(|| state.lab.title.clone());
    let toggle_language = dispatch.reform(move |_: MouseEvent| {
        Action::Language(if language == Language::En {
            Language::Ko
        } else {
            Language::En
        })
    });
    let language_button = html! {
        <button type="button" class="kg-button" data-testid="language" lang={if language == Language::En { "ko" } else { "en" }} onclick={toggle_language}>{ t(Msg::Language, language) }</button>
    };
    let selected_id = state
        .selected
        .as_ref()
        .map(|s| AttrValue::from(s.item_id()));
    let stage = |selectable: bool| {
        html! {
            <Stage lab={Shared(state.lab.clone())} animation={state.animation.clone()}
                   playing={state.playing} speed={state.speed} actual_size={state.actual_size && !embed} {language}
                   selected={selected_id.clone()} stale={state.lab.stale}
                   label={t(Msg::Picture, language)}
                   on_select={if selectable { dispatch.reform(Action::Select) } else { Callback::noop() }}
                   on_expand={dispatch.reform(Action::Expand)}
                   on_settled={dispatch.reform(Action::Settled)} />
        }
    };
    let controls = html! {
        <Controls playing={state.playing} {position} steps={playback.steps().len()} speed={state.speed}
                  actual_size={state.actual_size} zoom={!embed} {language} dispatch={dispatch.clone()} />
    };
    let lang_code = language.code();

    if embed {
        let notes = position
            .checked_sub(1)
            .and_then(|i| playback.notes().get(i))
            .cloned()
            .unwrap_or_default();
        return html! {
            <div class="kg-app embed" lang={lang_code} ref={root}>
                { stage(false) }
                <div class="kg-embed-bar">
                    { controls }
                    { language_button }
                    <a class="kg-open-lab" data-testid="open-in-lab" href={lab_address(&address, position)}
                       target="_blank" rel="noopener">{ t(Msg::OpenInLab, language) }</a>
                </div>
                <Caption title={title.unwrap_or_else(|| "kubeglass".to_owned())} steps={playback.steps().to_vec()}
                         {position} {notes} damage={state.damage} {language} />
            </div>
        };
    }

    let on_edit = dispatch.reform(Action::Edit);
    let on_paste = dispatch.reform(Action::Paste);
    let on_files = dispatch.reform(|text: String| Action::Open {
        text,
        example: None,
        step: 0,
        play: false,
        own: true,
    });
    let on_goto = {
        let area = area.clone();
        Callback::from(move |line: u32| go_to_line(&area, line))
    };
    let on_download = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let title = format!("kubeglass: {}", t(Msg::Picture, state.language));
            let _ = download(state.scene(), &title);
        })
    };
    let on_download_yaml = {
        let state = state.clone();
        let title = title.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = download_yaml(&state.text, title.as_deref());
        })
    };
    let toggle_share = {
        let share_open = share_open.clone();
        Callback::from(move |_: MouseEvent| share_open.set(!*share_open))
    };
    let close_share = {
        let share_open = share_open.clone();
        Callback::from(move |()| share_open.set(false))
    };
    let damage = state.damage.map(|d| {
        format!(
            "{} {}",
            d.message().get(language),
            t(Msg::DefaultShown, language)
        )
    });
    html! {
        <div class="kg-app" lang={lang_code} ref={root}>
            <header class="kg-header">
                <h1 class="kg-logo">{ "kubeglass" }</h1>
                <p class="kg-tagline">{ t(Msg::Tagline, language) }</p>
                <div class="kg-header-actions">
                    <button type="button" class="kg-button" data-testid="share" aria-expanded={share_open.to_string()} onclick={toggle_share}>{ t(Msg::Share, language) }</button>
                    <button type="button" class="kg-button" data-testid="download-svg" onclick={on_download}>{ t(Msg::Download, language) }</button>
                    { language_button }
                </div>
            </header>
            if *share_open {
                <SharePanel text={AttrValue::from(state.text.clone())} {position} title={title.clone().map(AttrValue::from)}
                            {language} on_close={close_share} />
            }
            <section class="kg-editor-pane">
                if state.previous.is_some() {
                    <p class="kg-restore" role="status">
                        { t(Msg::Replaced, language) }{ " " }
                        <button type="button" class="kg-button" data-testid="restore-text" onclick={dispatch.reform(|_: MouseEvent| Action::Restore)}>{ t(Msg::Restore, language) }</button>
                    </p>
                }
                <Editor text={state.text.clone()} area={area.clone()} {language} {on_edit} {on_paste} {on_files} on_download={on_download_yaml} />
                <DiagnosticList diagnostics={state.lab.diagnostics.clone()} {language} stale={state.lab.stale} {damage} {on_goto} />
            </section>
            <main class="kg-view-pane">
                { controls }
                { stage(true) }
                <Timeline steps={playback.steps().to_vec()} {position} {language} dispatch={dispatch.clone()} />
            </main>
            <aside class="kg-side-pane">
                <Inspector lab={Shared(state.lab.clone())} selected={state.selected.clone()} traffic={state.traffic.clone()}
                           stale={state.lab.stale} {language} dispatch={dispatch.clone()} />
                <Narration notes={playback.notes().to_vec()} steps={playback.steps().to_vec()} {language} />
                <Gallery current={state.example} {language} dispatch={dispatch.clone()} />
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
