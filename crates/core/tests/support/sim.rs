//! Helpers for simulation tests: build a world from YAML, play steps written in YAML.
#![allow(dead_code)]

use kubeglass_core::cluster::{Phase, Pod, Service};
use kubeglass_core::diagnostic::{Code, Diagnostic, Severity};
use kubeglass_core::load::load;
use kubeglass_core::scenario::Step;
use kubeglass_core::sim::{scenario_of, Outcome, World};
use std::collections::BTreeMap;

/// Loads `yaml` (which may hold a Scenario document), asserts it loads without errors, and
/// resolves it. Returns the world and the cluster-level diagnostics.
pub fn world(yaml: &str) -> (World, Vec<Diagnostic>) {
    let loaded = load(yaml);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.position.line, d.message.en))
        .collect();
    assert!(errors.is_empty(), "load errors: {errors:#?}");
    World::new(&loaded.objects)
}

/// Parses one step written as in a Scenario (`request: {from: outside, to: "x:1"}`).
pub fn step(step_yaml: &str) -> Step {
    let doc = format!(
        "apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {{name: t}}\nspec:\n  steps:\n  - {step_yaml}\n"
    );
    let loaded = load(&doc);
    assert!(
        !loaded.has_errors(),
        "step {step_yaml}: {:#?}",
        loaded.diagnostics
    );
    let scenario = scenario_of(&loaded.objects).expect("a scenario");
    scenario.steps[0].0.clone()
}

/// Plays one step written in YAML.
pub fn play(world: &mut World, step_yaml: &str) -> Outcome {
    world.apply(&step(step_yaml))
}

/// Plays every step of the world's input Scenario, in order.
pub fn play_all(world: &mut World, yaml: &str) -> Vec<Outcome> {
    let loaded = load(yaml);
    let steps: Vec<Step> = scenario_of(&loaded.objects)
        .map(|s| s.steps.iter().map(|(step, _)| step.clone()).collect())
        .unwrap_or_default();
    steps.iter().map(|s| world.apply(s)).collect()
}

/// The pod named `name` in namespace default (panics with the pod list when absent).
pub fn pod<'w>(world: &'w World, name: &str) -> &'w Pod {
    world
        .cluster
        .pods
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no pod {name}; pods: {:?}", names(world)))
}

/// Pods whose name starts with `prefix`, in creation order.
pub fn pods_of<'w>(world: &'w World, prefix: &str) -> Vec<&'w Pod> {
    let mut pods: Vec<&Pod> = world
        .cluster
        .pods
        .iter()
        .filter(|p| p.name.starts_with(prefix))
        .collect();
    pods.sort_by_key(|p| p.uid);
    pods
}

/// All pod names.
pub fn names(world: &World) -> Vec<String> {
    world.cluster.pods.iter().map(|p| p.name.clone()).collect()
}

/// The Service named `name` in namespace default.
pub fn service<'w>(world: &'w World, name: &str) -> &'w Service {
    world
        .cluster
        .services
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no service {name}"))
}

/// The diagnostics with `code`.
pub fn with_code(diagnostics: &[Diagnostic], code: Code) -> Vec<&Diagnostic> {
    diagnostics.iter().filter(|d| d.code == code).collect()
}

/// The pods each of `outcome`'s delivered requests reached (names without namespace).
pub fn reached(outcome: &Outcome) -> Vec<String> {
    outcome
        .requests
        .iter()
        .filter_map(|r| r.pod.as_ref())
        .map(|p| p.split_once('/').map_or(p.clone(), |(_, n)| n.to_owned()))
        .collect()
}

/// How many pods whose name starts with `prefix` run on each node.
pub fn per_node(world: &World, prefix: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for p in pods_of(world, prefix) {
        if p.phase == Phase::Running {
            *counts.entry(p.node.clone().unwrap()).or_insert(0) += 1;
        }
    }
    counts
}

/// A DaemonSet `agent` with one container and no tolerations of its own.
pub const DAEMONSET: &str = "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      containers: [{name: a, image: busybox}]\n";

/// Plays a step that must not be applied, and returns its explanation (in English).
pub fn refused(world: &mut World, step_yaml: &str) -> String {
    let outcome = play(world, step_yaml);
    assert!(
        !outcome.applied,
        "{step_yaml} was applied: {}",
        outcome.explanation.en
    );
    outcome.explanation.en
}
