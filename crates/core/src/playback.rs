//! A cluster's story played step by step, with its picture after each step. The Scenario's
//! steps form a timeline; actions the user takes (delete this pod, fail that node) are
//! inserted at the current position, so stepping back undoes them like any other step.
//! The web app's controls, `kubeglass render --step` and the tests all go through here.

use crate::diagnostic::Diagnostic;
use crate::model::Object;
use crate::narrate::{narrate, Note};
use crate::scenario::Step;
use crate::scene::{layout, Memory, Options, Scene};
use crate::sim::{scenario_of, Outcome, World};

/// A story being played.
#[derive(Clone, Debug)]
pub struct Playback {
    start: World,
    scenario: Vec<Step>,
    steps: Vec<Step>,
    world: World,
    outcomes: Vec<Outcome>,
    notes: Vec<Vec<Note>>,
    options: Options,
    memory: Memory,
    scene: Scene,
    diagnostics: Vec<Diagnostic>,
}

impl Playback {
    /// The story of `objects` (their Scenario's steps, or none), before its first step.
    pub fn new(objects: &[Object], options: Options) -> Self {
        Self::build(objects, options, Memory::default(), None)
    }

    /// The story of an edited manifest: pods that ran before the edit stay on their nodes
    /// and in their places in the picture.
    pub fn after_edit(objects: &[Object], before: &Playback) -> Self {
        Self::build(
            objects,
            before.options.clone(),
            before.memory.clone(),
            Some(&before.start),
        )
    }

    fn build(objects: &[Object], options: Options, memory: Memory, before: Option<&World>) -> Self {
        let (start, diagnostics) = World::after_edit(objects, before);
        let steps: Vec<Step> = scenario_of(objects)
            .map(|s| s.steps.iter().map(|(step, _)| step.clone()).collect())
            .unwrap_or_default();
        let (scene, memory) = layout(&start, &memory, &options);
        Playback {
            world: start.clone(),
            start,
            scenario: steps.clone(),
            steps,
            outcomes: Vec::new(),
            notes: Vec::new(),
            options,
            memory,
            scene,
            diagnostics,
        }
    }

    /// Diagnostics about the cluster (unschedulable pods, selectors that match nothing...).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Steps played so far.
    pub fn position(&self) -> usize {
        self.outcomes.len()
    }

    /// The timeline: the Scenario's steps with the user's actions inserted.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// True when every step has been played.
    pub fn at_end(&self) -> bool {
        self.position() >= self.steps.len()
    }

    /// The world now.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The picture now.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// Where objects are, for the next picture.
    pub fn memory(&self) -> &Memory {
        &self.memory
    }

    /// What the last played step did.
    pub fn last(&self) -> Option<&Outcome> {
        self.outcomes.last()
    }

    /// What every played step did, in order.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// The drawing options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Changes how the picture is drawn (language, expanded workloads...).
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
        self.redraw();
    }

    fn redraw(&mut self) {
        let (scene, memory) = layout(&self.world, &self.memory, &self.options);
        self.scene = scene;
        self.memory = memory;
    }

    pub fn step(&mut self) -> Option<&Outcome> {
        let step = self.steps.get(self.position())?.clone();
        self.advance(&step);
        self.redraw();
        self.outcomes.last()
    }

    /// Plays `step` on the world and records what it did.
    fn advance(&mut self, step: &Step) {
        let outcome = self.world.apply(step);
        self.notes.push(narrate(step, &outcome, &self.world));
        self.outcomes.push(outcome);
    }

    /// The narration of every played step, in order.
    pub fn notes(&self) -> &[Vec<Note>] {
        &self.notes
    }

    pub fn perform(&mut self, step: Step) -> &Outcome {
        self.steps.insert(self.position(), step.clone());
        self.advance(&step);
        self.redraw();
        &self.outcomes[self.outcomes.len() - 1]
    }

    pub fn seek(&mut self, position: usize) {
        let position = position.min(self.steps.len());
        if position < self.position() {
            self.world = self.start.clone();
            self.outcomes.clear();
            self.notes.clear();
        }
        while self.position() < position {
            let step = self.steps[self.position()].clone();
            self.advance(&step);
        }
        self.redraw();
    }

    /// Undoes the last step.
    pub fn back(&mut self) {
        self.seek(self.position().saturating_sub(1));
    }

    /// Back to the start, before any step; the user's actions leave the timeline.
    pub fn reset(&mut self) {
        self.steps = self.scenario.clone();
        self.seek(0);
    }
}
