//! The app's one state value and the actions that change it. Everything the simulation
//! decides comes from `kubeglass-core`; this file only wires user intent to it.

mod lab;
mod selection;
mod snapshot;
mod view;
pub mod zoom;

pub use lab::Lab;
pub use selection::Selection;
pub use snapshot::Snapshot;
pub use view::{Presenting, View, ViewAction};

use kubeglass_core::gallery::EXAMPLES;
use kubeglass_core::link::Damage;
use kubeglass_core::motion::Motion;
use kubeglass_core::scenario::edit::{insert_step, replace_step};
use kubeglass_core::scenario::{Client, Step};
use kubeglass_core::scene::{Options, Scene};
use kubeglass_core::text::Language;
use std::rc::Rc;
use yew::Reducible;

/// The example the page opens on when the address names none and nothing was kept.
pub const DEFAULT_EXAMPLE: &str = "deployment";

/// Texts longer than this are read in slices between frames (see `src/reading.rs`), so the
/// page keeps answering; shorter ones are read at once, which is quicker to see.
pub const SLICED_OVER: usize = 64 * 1024;

/// Speeds the speed control offers, in percent.
pub const SPEEDS: [u32; 4] = [50, 100, 200, 400];

/// What moves after a step, and whether it plays through while paused.
#[derive(Clone, Debug, Default)]
pub struct Animation {
    /// The motion.
    pub motion: Rc<Motion>,
    /// Changes with every new motion, so the stage restarts its clock.
    pub revision: u64,
    /// Run this motion to its end even while paused (the user pressed "step").
    pub play_through: bool,
}

impl PartialEq for Animation {
    /// Each motion has its own revision: comparing those is enough.
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision && self.play_through == other.play_through
    }
}

/// Steady traffic the user started from the Service inspector.
#[derive(Clone, Debug, PartialEq)]
pub struct Traffic {
    /// Who sends.
    pub from: Client,
    /// Where to (`host:port` as a Scenario writes it).
    pub to: String,
}

/// What the inspector's fields hold: kept in the app's state, so its panels need no hooks,
/// and cleared when another object is selected.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    /// The Service panel's client: an index into the routes to the Service.
    pub client: usize,
    /// The pod panel's container; empty for the pod's first.
    pub container: String,
    /// The pod panel's file path; empty for the default path in that container.
    pub path: String,
}

/// The whole app state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The text in the editor.
    pub text: String,
    /// The story and its picture.
    pub lab: Rc<Lab>,
    /// UI and picture language.
    pub language: Language,
    /// Steps play one after another.
    pub playing: bool,
    /// Animation speed, in percent.
    pub speed: u32,
    /// The picture's zoom, the shortcut help, presenter mode.
    pub view: View,
    /// The inspected object.
    pub selected: Option<Selection>,
    /// What the inspector's fields hold for the inspected object.
    pub form: Form,
    /// Steady traffic, while it runs.
    pub traffic: Option<Traffic>,
    /// The gallery example the text came from.
    pub example: Option<&'static str>,
    /// What moves now.
    pub animation: Animation,
    /// The revision whose motion has finished.
    pub settled: u64,
    /// The text came from outside (a link, an example) and the user has not changed it.
    pub untouched: bool,
    /// The user's own text that a link or an example replaced, offered back until they edit.
    pub previous: Option<Rc<str>>,
    /// The link the page was opened with could not be read.
    pub damage: Option<Damage>,
    /// A story has been opened (a link's text arrives after the page is up).
    pub opened: bool,
    /// A long text being read in slices; the picture changes when it is done.
    pub reading: Option<Reading>,
}

/// A long text being read in slices.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// Which reading this is: a newer text starts another, and the old one stops.
    pub revision: u64,
    /// The text being read.
    pub text: Rc<str>,
    /// Bytes read so far.
    pub done: usize,
    /// Play the story once it is read (a link that said so).
    pub play: bool,
}

/// Everything that can change the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// The user typed: the text changes now, the picture after [`Action::Reparse`].
    Edit(String),
    /// Read the editor's text again (after typing pauses).
    Reparse,
    /// The user pasted or dropped text: a whole new text, read at once (no typing pause to
    /// wait for).
    Paste(String),
    /// Replace the text (an opened file, a gallery example, a link) and start its story over.
    Open {
        /// The text.
        text: String,
        /// The gallery example it is, if it is one.
        example: Option<&'static str>,
        /// Steps to play before showing; the last one's motion plays.
        step: usize,
        /// Start playing at once.
        play: bool,
        /// The user's own text (opened files). Anything else replaces the user's text only
        /// until they edit, and offers it back.
        own: bool,
    },
    /// The link could not be read: open the default example and say why.
    Damaged(Damage),
    /// Bring back the text a link or an example replaced.
    Restore,
    /// Apply a fix a diagnostic offers to the editor's text.
    Fix(kubeglass_core::fix::Fix),
    /// Play the steps one after another.
    Play,
    /// Stop after the current step's motion.
    Pause,
    /// Play or pause.
    TogglePlay,
    /// Play the next step (from the step button: its motion plays through).
    Step,
    /// The play loop's next step.
    AutoStep,
    /// Undo the last step.
    StepBack,
    /// Back to before the first step (actions the user took leave the timeline).
    Reset,
    /// Go to the point after this many steps.
    Seek(usize),
    /// Set the animation speed (percent).
    Speed(u32),
    /// Zoom, pan, the pane's size, the shortcut help.
    View(ViewAction),
    /// Enter presenter mode (from the lab, or from the address).
    Present {
        /// Entered from the lab: Esc goes back to it.
        from_lab: bool,
    },
    /// Leave presenter mode.
    LeavePresenter,
    /// Go to the point after this many steps, the steps before it applied without their
    /// motion and its own motion played (a slide deck's `seek`).
    Jump(usize),
    /// Inspect an object (or nothing).
    Select(Option<Selection>),
    /// A field of the inspector changed.
    Form(Form),
    /// Show a workload's stacked replicas one by one.
    Expand(String),
    /// Take an action: it is recorded in the Scenario at the current step and played.
    Perform(Step),
    /// Start steady traffic.
    StartTraffic(Traffic),
    /// Stop steady traffic.
    StopTraffic,
    /// Send the next request of the steady traffic.
    TrafficTick,
    /// Part of a long text has been read (`revision` says which reading).
    ReadProgress {
        /// The reading.
        revision: u64,
        /// Bytes read so far.
        done: usize,
    },
    /// A long text has been read: resolve and draw it.
    Read {
        /// The reading.
        revision: u64,
        /// What was read.
        loaded: Rc<kubeglass_core::load::Loaded>,
    },
    /// Change the language.
    Language(Language),
    /// The stage finished animating this revision.
    Settled(u64),
}

impl AppState {
    /// The state showing `text`, before any step.
    pub fn open(text: &str, example: Option<&'static str>, language: Language) -> Self {
        let options = Options {
            language,
            ..Options::default()
        };
        AppState {
            text: text.to_owned(),
            lab: Rc::new(Lab::open(text, options)),
            language,
            playing: false,
            speed: 100,
            view: View::default(),
            selected: None,
            form: Form::default(),
            traffic: None,
            example,
            animation: Animation::default(),
            settled: 0,
            untouched: false,
            previous: None,
            damage: None,
            opened: false,
            reading: None,
        }
    }

    /// The state of a gallery example.
    pub fn example(id: &str, language: Language) -> Option<Self> {
        EXAMPLES
            .iter()
            .find(|e| e.id == id)
            .map(|e| Self::open(e.source, Some(e.id), language))
    }

    /// The state as one serialisable value.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            text: self.text.clone(),
            position: self.lab.playback.position(),
            language: self.language,
            speed: self.speed,
            actual_size: self.view.zoom.is_actual_size(),
            expanded: self.lab.playback.options().expanded.clone(),
            selected: self.selected.clone(),
            example: self.example.map(str::to_owned),
        }
    }

    /// The state a snapshot describes.
    pub fn restore(snapshot: &Snapshot) -> Self {
        let example = snapshot
            .example
            .as_deref()
            .and_then(|id| EXAMPLES.iter().find(|e| e.id == id))
            .map(|e| e.id);
        let mut state = Self::open(&snapshot.text, example, snapshot.language);
        let mut lab = (*state.lab).clone();
        lab.playback.set_options(Options {
            language: snapshot.language,
            expanded: snapshot.expanded.clone(),
            ..Options::default()
        });
        lab.playback.seek(snapshot.position);
        state.lab = Rc::new(lab);
        state.speed = snapshot.speed;
        if snapshot.actual_size {
            state.view.zoom = zoom::Zoom::At {
                scale: 1.0,
                x: f64::from(state.scene().width) / 2.0,
                y: f64::from(state.scene().height) / 2.0,
            };
        }
        state.selected = snapshot.selected.clone();
        state
    }

    /// The picture now.
    pub fn scene(&self) -> &Scene {
        self.lab.playback.scene()
    }

    /// The picture's size, in its own units.
    pub fn picture_size(&self) -> (f64, f64) {
        let scene = self.scene();
        (f64::from(scene.width), f64::from(scene.height))
    }

    /// The motion's animation has finished.
    pub fn is_settled(&self) -> bool {
        self.settled == self.animation.revision
    }

    fn animate(&mut self, before: Option<&Scene>, with_outcome: bool, play_through: bool) {
        let playback = &self.lab.playback;
        let outcome = if with_outcome { playback.last() } else { None };
        self.animation = Animation {
            motion: Rc::new(Motion::plan(before, playback.scene(), outcome)),
            revision: self.animation.revision + 1,
            play_through,
        };
    }

    /// Moves the story with `change`, animating from the picture before it.
    fn play(&mut self, with_outcome: bool, play_through: bool, change: impl FnOnce(&mut Lab)) {
        let before = self.lab.playback.scene().clone();
        let mut lab = (*self.lab).clone();
        change(&mut lab);
        self.lab = Rc::new(lab);
        self.animate(Some(&before), with_outcome, play_through);
    }

    /// Records `step` at the current position and plays it.
    fn perform(&mut self, step: Step) {
        if self.lab.stale {
            return;
        }
        let position = self.lab.playback.position();
        let text = insert_step(&self.lab.source, position, &step);
        self.rebuild(text, position + 1, false);
    }

    /// Rebuilds the story on `text` (which reads without errors) and goes to `position`.
    fn rebuild(&mut self, text: String, position: usize, only_last_request: bool) {
        let before = self.lab.playback.scene().clone();
        let mut lab = self.lab.edited(&text);
        lab.playback.seek(position);
        self.text = text;
        self.lab = Rc::new(lab);
        let playback = &self.lab.playback;
        let mut outcome = playback.last().cloned();
        if let (Some(o), true) = (outcome.as_mut(), only_last_request) {
            let keep = o.requests.len().saturating_sub(1);
            o.requests.drain(..keep);
        }
        self.animation = Animation {
            motion: Rc::new(Motion::plan(
                Some(&before),
                playback.scene(),
                outcome.as_ref(),
            )),
            revision: self.animation.revision + 1,
            play_through: true,
        };
    }

    /// One more request of the steady traffic: added to the request step just played when it
    /// is the same request, else recorded as a new step.
    fn traffic_tick(&mut self) {
        let Some(traffic) = self.traffic.clone() else {
            return;
        };
        if self.lab.stale {
            return;
        }
        let position = self.lab.playback.position();
        let previous = position
            .checked_sub(1)
            .and_then(|i| self.lab.playback.steps().get(i));
        if let Some(Step::Request { from, to, count }) = previous {
            if *from == traffic.from && *to == traffic.to {
                let bumped = Step::Request {
                    from: from.clone(),
                    to: to.clone(),
                    count: count + 1,
                };
                if let Some(text) = replace_step(&self.lab.source, position - 1, &bumped) {
                    self.rebuild(text, position, true);
                    return;
                }
            }
        }
        self.perform(Step::Request {
            from: traffic.from,
            to: traffic.to,
            count: 1,
        });
    }

    /// Shows the text just read: the story rebuilt on it, or its errors over the last picture.
    fn show_read(&mut self, loaded: kubeglass_core::load::Loaded) {
        let before = self.lab.playback.scene().clone();
        self.lab = Rc::new(self.lab.read(&self.text, loaded));
        if !self.lab.stale {
            self.example = None;
            self.animate(Some(&before), false, true);
        }
    }

    /// Starts reading the text in slices (`src/reading.rs`); a newer reading stops an older one.
    fn start_reading(&mut self, play: bool) {
        let revision = self
            .reading
            .as_ref()
            .map_or(self.animation.revision, |r| r.revision)
            + 1;
        self.reading = Some(Reading {
            revision,
            text: Rc::from(self.text.as_str()),
            done: 0,
            play,
        });
    }

    /// The user changed the text: it is theirs now, kept for the next visit, and what it
    /// replaced is no longer offered back.
    fn made_own(&mut self) {
        self.untouched = false;
        self.previous = None;
    }

    /// What to offer back after `text` replaces the editor's: the user's own text, unless
    /// `text` is theirs too.
    fn replaced(&self, text: &str, own: bool) -> Option<Rc<str>> {
        let previous = if own {
            None
        } else if self.untouched {
            self.previous.clone()
        } else {
            Some(Rc::from(self.text.as_str()))
        };
        previous.filter(|p| !p.trim().is_empty() && **p != *text)
    }

    /// The state after opening `text`; view preferences carry over.
    fn opened(
        &self,
        text: &str,
        example: Option<&'static str>,
        step: usize,
        play: bool,
        own: bool,
    ) -> Self {
        let previous = self.replaced(text, own);
        let mut fresh = AppState::open(text, example, self.language);
        fresh.speed = self.speed;
        fresh.view = self.view;
        if fresh.view.presenting.is_some() {
            fresh.set_options(|o| o.landscape = true);
        }
        fresh.view.zoom = self
            .view
            .zoom
            .for_picture(fresh.view.frame(fresh.picture_size()));
        fresh.untouched = !own;
        fresh.opened = true;
        fresh.previous = previous;
        fresh.animation.revision = self.animation.revision + 1;
        fresh.settled = fresh.animation.revision;
        if step > 0 {
            // Opening at a step shows that step happening.
            let mut lab = (*fresh.lab).clone();
            lab.playback.seek(step - 1);
            fresh.lab = Rc::new(lab);
            fresh.play(true, true, |lab| {
                lab.playback.step();
            });
        }
        fresh.playing = play && !fresh.lab.playback.at_end();
        fresh
    }

    fn set_options(&mut self, change: impl FnOnce(&mut Options)) {
        let mut options = self.lab.playback.options().clone();
        change(&mut options);
        let mut lab = (*self.lab).clone();
        lab.playback.set_options(options);
        self.lab = Rc::new(lab);
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(text) => {
                if text == s.text {
                    return self;
                }
                s.text = text;
                s.made_own();
            }
            Action::Reparse => {
                let current = s
                    .reading
                    .as_ref()
                    .map_or(s.lab.source.as_str(), |r| &r.text);
                if s.text == current && (!s.lab.stale || s.reading.is_some()) {
                    return self;
                }
                if s.text.len() > SLICED_OVER {
                    s.start_reading(false);
                    return Rc::new(s);
                }
                s.reading = None;
                let loaded = kubeglass_core::load::load(&s.text);
                s.show_read(loaded);
            }
            Action::ReadProgress { revision, done } => match s.reading.as_mut() {
                Some(r) if r.revision == revision => r.done = done,
                _ => return self,
            },
            Action::Read { revision, loaded } => {
                if s.reading.as_ref().map(|r| r.revision) != Some(revision) {
                    return self;
                }
                let play = s.reading.take().is_some_and(|r| r.play);
                // The action is never cloned, so the result is ours; reading the text again
                // (rather than cloning what was read) keeps a deep clone out of the wasm.
                let loaded =
                    Rc::try_unwrap(loaded).unwrap_or_else(|_| kubeglass_core::load::load(&s.text));
                s.show_read(loaded);
                s.playing = play && !s.lab.stale && !s.lab.playback.at_end();
            }
            Action::Paste(text) => return self.reduce(Action::Edit(text)).reduce(Action::Reparse),
            Action::Fix(fix) => {
                let text = kubeglass_core::fix::apply(&s.text, &fix);
                return self.reduce(Action::Paste(text));
            }
            Action::Open {
                text,
                example,
                step,
                play,
                own,
            } => {
                if text.len() > SLICED_OVER && step == 0 {
                    // Read in slices like a long paste; the story starts when it is read.
                    s.previous = s.replaced(&text, own);
                    s.untouched = !own;
                    s.opened = true;
                    s.playing = false;
                    s.text = text;
                    s.start_reading(play);
                    return Rc::new(s);
                }
                return Rc::new(s.opened(&text, example, step, play, own));
            }
            Action::Damaged(damage) => {
                let example = kubeglass_core::gallery::example(DEFAULT_EXAMPLE);
                let text = example.map_or("", |e| e.source);
                let mut fresh = s.opened(text, example.map(|e| e.id), 0, true, false);
                fresh.damage = Some(damage);
                return Rc::new(fresh);
            }
            Action::Restore => {
                let Some(previous) = s.previous.clone() else {
                    return self;
                };
                return Rc::new(s.opened(&previous, None, 0, false, true));
            }
            Action::Play => s.playing = true,
            Action::Pause => s.playing = false,
            Action::TogglePlay => s.playing = !s.playing,
            Action::Step | Action::AutoStep => {
                if s.lab.playback.at_end() {
                    s.playing = false;
                    return Rc::new(s);
                }
                let through = matches!(action, Action::Step);
                s.play(true, through, |lab| {
                    lab.playback.step();
                });
            }
            Action::StepBack => s.play(false, true, |lab| lab.playback.back()),
            Action::Reset => {
                s.playing = false;
                s.traffic = None;
                s.play(false, true, |lab| lab.playback.seek(0));
            }
            Action::Seek(position) => s.play(false, true, |lab| lab.playback.seek(position)),
            Action::Speed(speed) => s.speed = speed.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]),
            Action::View(action) => s.view = s.view.apply(action, s.picture_size()),
            Action::Present { from_lab } => {
                if s.view.presenting.is_some() {
                    return self;
                }
                s.view.presenting = Some(Presenting { from_lab });
                s.view.zoom = zoom::Zoom::Fit;
                s.selected = None;
                s.set_options(|o| o.landscape = true);
            }
            Action::LeavePresenter => {
                s.view.presenting = None;
                s.view.zoom = zoom::Zoom::Fit;
                s.set_options(|o| o.landscape = false);
            }
            Action::Jump(target) => {
                let position = s.lab.playback.position();
                let target = target.min(s.lab.playback.steps().len());
                if target == position + 1 {
                    return self.reduce(Action::Step);
                }
                if target == 0 {
                    return self.reduce(Action::Seek(0));
                }
                s.play(true, true, |lab| {
                    lab.playback.seek(target - 1);
                    lab.playback.step();
                });
            }
            Action::Select(selection) => {
                s.selected = selection;
                s.form = Form::default();
            }
            Action::Form(form) => s.form = form,
            Action::Expand(workload) => s.set_options(|o| {
                if !o.expanded.insert(workload.clone()) {
                    o.expanded.remove(&workload);
                }
            }),
            Action::Perform(step) => {
                s.made_own();
                s.perform(step);
            }
            Action::StartTraffic(traffic) => {
                s.traffic = Some(traffic);
                s.traffic_tick();
            }
            Action::StopTraffic => s.traffic = None,
            Action::TrafficTick => s.traffic_tick(),
            Action::Language(language) => {
                s.language = language;
                s.set_options(|o| o.language = language);
            }
            Action::Settled(revision) => {
                if revision != s.animation.revision || s.settled == revision {
                    return self;
                }
                s.settled = revision;
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests;
