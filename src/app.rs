//! The root component: the lab (editor, picture with its controls, panels around it) or, in
//! an embed, the picture with compact controls and a caption; and the effects that drive
//! time (re-reading after typing, the play loop, steady traffic, keyboard shortcuts).

use crate::address;
use crate::components::{
    caption, controls, diagnostic_list, download, download_png, download_yaml, gallery_panel,
    inspector, marks, narration, shortcuts, timeline, CaptionProps, ControlsProps,
    DiagnosticListProps, Editor, GalleryProps, GoTo, InspectorProps, NarrationProps, SharePanel,
    ShortcutsProps, Stage, TimelineProps,
};
use crate::deck::use_deck;
use crate::hooks::{
    exit_fullscreen, is_fullscreen, toggle_fullscreen, use_address, use_idle_pointer,
    use_keep_text, use_reduced_motion, use_report_height, use_theme,
};
use crate::i18n::{t, Msg};
use crate::keys::{self, Command, Mode};
use crate::saved;
use crate::shared::Shared;
use crate::state::{Action, AppState, ViewAction};
use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use kubeglass_core::gallery;
use kubeglass_core::link::Address;
use kubeglass_core::text::Language;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Which build this is, so a teacher can tell which one a class is using: the crate version
/// and the git commit `scripts/build.sh` stamps it with.
fn version() -> String {
    let crate_version = env!("CARGO_PKG_VERSION");
    match option_env!("KUBEGLASS_COMMIT") {
        Some(commit) => format!("kubeglass {crate_version} ({commit})"),
        None => format!("kubeglass {crate_version}"),
    }
}

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
    let mut state = Rc::new(blank);
    if address.present && !address.embed {
        state = state.reduce(Action::Present { from_lab: false });
    }
    if let Some(action) = address::opening(address, true) {
        state = state.reduce(action);
    }
    (*state).clone()
}

/// True when keys typed there are the control's own, not shortcuts: text fields, buttons,
/// and (where Enter inspects them) the picture's objects.
fn typing_into(target: Option<web_sys::EventTarget>, objects_take_keys: bool) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(
                e.tag_name().to_ascii_lowercase().as_str(),
                "input" | "textarea" | "select" | "button"
            ) || (objects_take_keys && e.closest("[data-kind]").ok().flatten().is_some())
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
    let go_to = use_state(|| None::<GoTo>);
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
    crate::reading::use_sliced_reading(state.reading.clone(), dispatch.clone());
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
    // The keyboard (src/keys.rs has the table).
    let presenting = state.view.presenting;
    let mode = match presenting {
        _ if embed => Mode::Embed,
        Some(p) => Mode::Presenter {
            from_lab: p.from_lab,
            fullscreen: false,
        },
        None => Mode::Lab,
    };
    {
        let dispatch = dispatch.clone();
        let steps = state.lab.playback.steps().len();
        let help = state.view.help;
        use_effect_with((mode, steps, help), move |&(mode, steps, help)| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if key.ctrl_key()
                    || key.meta_key()
                    || key.alt_key()
                    || typing_into(event.target(), mode == Mode::Lab)
                {
                    return;
                }
                let mode = match mode {
                    Mode::Presenter { from_lab, .. } => Mode::Presenter {
                        from_lab,
                        fullscreen: is_fullscreen(),
                    },
                    other => other,
                };
                let Some(command) = keys::command(&key.key(), mode, help, steps) else {
                    return;
                };
                event.prevent_default();
                match command {
                    Command::Act(action) => dispatch.emit(action),
                    Command::ToggleFullscreen => toggle_fullscreen(),
                    Command::ExitFullscreen => exit_fullscreen(),
                }
            });
            move || drop(listener)
        });
    }
    use_deck(
        dispatch.clone(),
        state.opened,
        state.lab.playback.position(),
        state.lab.playback.steps().len(),
        state.playing,
    );
    let reduced_motion = use_reduced_motion();
    let idle = use_idle_pointer(presenting.is_some());

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
    let selectable = presenting.is_none() && !embed;
    let stage = html! {
        <Stage lab={Shared(state.lab.clone())} animation={state.animation.clone()}
               playing={state.playing} speed={state.speed} view={(!embed).then_some(state.view)}
               on_view={dispatch.reform(Action::View)} {reduced_motion} {language}
               selected={selected_id.clone()} stale={state.lab.stale}
               label={t(Msg::Picture, language)}
               on_select={if selectable { dispatch.reform(Action::Select) } else { Callback::noop() }}
               on_expand={dispatch.reform(Action::Expand)}
               on_settled={dispatch.reform(Action::Settled)} />
    };
    let controls = controls(&ControlsProps {
        playing: state.playing,
        position,
        steps: playback.steps().len(),
        speed: state.speed,
        language,
        dispatch: dispatch.clone(),
    });
    let lang_code = language.code();
    let notes = position
        .checked_sub(1)
        .and_then(|i| playback.notes().get(i))
        .cloned()
        .unwrap_or_default();
    let caption = caption(&CaptionProps {
        title: title.clone().unwrap_or_else(|| "kubeglass".to_owned()),
        steps: playback.steps(),
        position,
        notes: &notes,
        damage: state.damage,
        language,
    });
    let help = state.view.help.then(|| {
        shortcuts(&ShortcutsProps {
            language,
            on_close: dispatch.reform(|()| Action::View(ViewAction::CloseHelp)),
        })
    });

    if embed {
        return html! {
            <div class="kg-app embed" lang={lang_code} ref={root}>
                { stage }
                <div class="kg-embed-bar">
                    { controls }
                    { language_button }
                    <a class="kg-open-lab" data-testid="open-in-lab" href={lab_address(&address, position)}
                       target="_blank" rel="noopener">{ t(Msg::OpenInLab, language) }</a>
                </div>
                { caption }
            </div>
        };
    }
    if presenting.is_some() {
        let steps = playback.steps().len();
        let progress = if steps == 0 {
            0.0
        } else {
            position as f64 * 100.0 / steps as f64
        };
        return html! {
            <div class={classes!("kg-presenter", idle.then_some("kg-idle"))} data-testid="presenter" lang={lang_code} ref={root}>
                { stage }
                <div class="kg-present-band">
                    { caption }
                    <div class="kg-progress" data-testid="progress" role="progressbar" aria-label={t(Msg::Timeline, language)}
                         aria-valuemin="0" aria-valuemax={steps.to_string()} aria-valuenow={position.to_string()}
                         aria-valuetext={format!("{position} / {steps}")}>
                        <span class="kg-progress-bar" style={format!("width: {progress:.1}%")}></span>
                        <span class="kg-progress-text">{ format!("{position} / {steps}") }</span>
                    </div>
                </div>
                { for help }
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
        let go_to = go_to.clone();
        Callback::from(move |line: u32| {
            let seq = go_to.map_or(0, |g: GoTo| g.seq.wrapping_add(1));
            go_to.set(Some(GoTo { line, seq }));
        })
    };
    let problem_lines = use_memo(Shared(state.lab.clone()), |lab| marks(&lab.diagnostics));
    let picture_title = format!("kubeglass: {}", t(Msg::Picture, language));
    let on_download = {
        let (state, picture_title) = (state.clone(), picture_title.clone());
        Callback::from(move |_: MouseEvent| {
            let _ = download(state.scene(), &picture_title);
        })
    };
    let on_download_png = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let (scene, title) = (state.scene().clone(), picture_title.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = download_png(&scene, &title).await;
            });
        })
    };
    let show_editor = use_state(|| false);
    let toggle_editor = {
        let show_editor = show_editor.clone();
        Callback::from(move |_: MouseEvent| show_editor.set(!*show_editor))
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
                    <button type="button" class="kg-button kg-wide-only" data-testid="present" onclick={dispatch.reform(|_: MouseEvent| Action::Present { from_lab: true })}>{ t(Msg::Present, language) }</button>
                    <button type="button" class="kg-button kg-wide-only" data-testid="download-svg" onclick={on_download}>{ t(Msg::Download, language) }</button>
                    <button type="button" class="kg-button kg-wide-only" data-testid="download-png" onclick={on_download_png}>{ t(Msg::DownloadPng, language) }</button>
                    <button type="button" class="kg-button kg-wide-only" aria-label={t(Msg::Shortcuts, language)} title={t(Msg::Shortcuts, language)}
                            onclick={dispatch.reform(|_: MouseEvent| Action::View(ViewAction::ToggleHelp))}>{ "?" }</button>
                    { language_button }
                </div>
            </header>
            if *share_open {
                <SharePanel text={AttrValue::from(state.text.clone())} {position} title={title.clone().map(AttrValue::from)}
                            {language} on_close={close_share} />
            }
            { for help }
            <button type="button" class="kg-button kg-phone-only kg-show-editor" data-testid="show-editor"
                    aria-expanded={show_editor.to_string()} aria-controls="kg-editor-pane" onclick={toggle_editor}>
                { t(if *show_editor { Msg::HideEditor } else { Msg::ShowEditor }, language) }
            </button>
            <section class={classes!("kg-editor-pane", show_editor.then_some("open"))} id="kg-editor-pane">
                if state.previous.is_some() {
                    <p class="kg-restore" role="status">
                        { t(Msg::Replaced, language) }{ " " }
                        <button type="button" class="kg-button" data-testid="restore-text" onclick={dispatch.reform(|_: MouseEvent| Action::Restore)}>{ t(Msg::Restore, language) }</button>
                    </p>
                }
                <Editor text={state.text.clone()} marks={(*problem_lines).clone()} go_to={*go_to} {language} {on_edit} {on_paste} {on_files} on_download={on_download_yaml} />
                { diagnostic_list(&DiagnosticListProps { diagnostics: state.lab.diagnostics.clone(), language, stale: state.lab.stale, damage, on_goto, on_fix: dispatch.reform(Action::Fix) }) }
            </section>
            <main class="kg-view-pane">
                if let Some(reading) = &state.reading {
                    <p class="kg-reading" data-testid="reading" role="status">
                        { crate::i18n::reading_line(reading.done, reading.text.len(), language) }
                    </p>
                }
                { controls }
                { stage }
                <div class="kg-phone-only kg-phone-caption">{ caption }</div>
                { timeline(&TimelineProps { steps: playback.steps().to_vec(), position, language, dispatch: dispatch.clone() }) }
            </main>
            <aside class="kg-side-pane">
                { inspector(&InspectorProps { lab: Shared(state.lab.clone()), selected: state.selected.clone(), form: state.form.clone(), traffic: state.traffic.clone(),
                                              stale: state.lab.stale, language, dispatch: dispatch.clone() }) }
                { narration(&NarrationProps { notes: playback.notes(), steps: playback.steps(), language }) }
                { gallery_panel(&GalleryProps { current: state.example, language, dispatch: dispatch.clone() }) }
            </aside>
            <footer class="kg-footer">
                <p>{ t(Msg::Privacy, language) }</p>
                <p>
                    <a href="https://github.com/kubernetes/community/tree/master/icons" rel="noreferrer">{ t(Msg::Credits, language) }</a>
                </p>
                <p class="kg-version" data-testid="version">{ version() }</p>
            </footer>
        </div>
    }
}
