//! Rule 4.17 of docs/k8s-semantics.md (NoExecute taints on a running node) and the `taint`
//! and `untaint` steps, played on the simulator.

#[path = "support/sim.rs"]
mod sim;

use sim::{per_node, DAEMONSET};
use std::collections::BTreeMap;

/// Two workers, `n1` and `n2`, then `rest` (more documents).
fn on_two_nodes(rest: &str) -> String {
    format!("{rest}---\napiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {{name: t}}\nspec:\n  cluster:\n    nodes: [n1, n2]\n  steps: []\n")
}

/// A Deployment whose pods carry `tolerations` (a flow sequence) and an emptyDir at /cache.
fn deployment(name: &str, replicas: u32, tolerations: &str) -> String {
    format!(
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n      tolerations: {tolerations}\n      containers:\n      - name: app\n        image: nginx\n        volumeMounts: [{{name: cache, mountPath: /cache}}]\n      volumes: [{{name: cache, emptyDir: {{}}}}]\n"
    )
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
}

/// The names of the pods on `node` whose names start with `prefix`.
fn on_node(world: &kubeglass_core::sim::World, prefix: &str, node: &str) -> Vec<String> {
    sim::pods_of(world, prefix)
        .into_iter()
        .filter(|p| p.node.as_deref() == Some(node))
        .map(|p| p.name.clone())
        .collect()
}

#[test]
fn rule_4_17_an_untolerated_no_execute_taint_deletes_the_pods_at_once_and_they_move() {
    let (mut world, _) = sim::world(&on_two_nodes(&deployment("web", 4, "[]")));
    assert_eq!(per_node(&world, "web-"), counts(&[("n1", 2), ("n2", 2)]));
    let victims = on_node(&world, "web-", "n1");
    let first = victims[0].clone();
    let written = sim::play(
        &mut world,
        &format!("write: {{pod: {first}, path: /cache/a.txt}}"),
    );
    assert!(written.applied, "{}", written.explanation.en);

    let outcome = sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, value: db, effect: NoExecute}",
    );
    assert!(outcome.applied, "{}", outcome.explanation.en);
    let said = &outcome.explanation.en;
    assert!(
        said.starts_with("node/n1 tainted (dedicated=db:NoExecute)"),
        "{said}"
    );
    assert!(
        said.contains(&format!("{first} was deleted from n1: it does not tolerate the NoExecute taint dedicated=db:NoExecute (Taint manager: deleting due to NoExecute taint)")),
        "{said}"
    );
    assert!(
        said.contains("a.txt"),
        "the emptyDir's file is lost: {said}"
    );
    for gone in &victims {
        assert!(!sim::names(&world).contains(gone), "{gone} is deleted");
    }
    assert_eq!(
        per_node(&world, "web-"),
        counts(&[("n2", 4)]),
        "the replacements avoid the tainted node"
    );
}

#[test]
fn rule_4_17_a_toleration_without_seconds_keeps_the_pod_for_ever() {
    let tolerate = "[{key: dedicated, operator: Exists, effect: NoExecute}]";
    let (mut world, _) = sim::world(&on_two_nodes(&deployment("web", 2, tolerate)));
    let before = sim::names(&world);
    sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, value: db, effect: NoExecute}",
    );
    sim::play(&mut world, "wait: 24h");
    assert_eq!(sim::names(&world), before);
}

#[test]
fn rule_4_17_toleration_seconds_count_from_the_taint_and_untaint_cancels_them() {
    let tolerate = "[{key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 60}]";
    let yaml = on_two_nodes(&deployment("web", 2, tolerate));
    let (mut world, _) = sim::world(&yaml);
    let on_n1 = on_node(&world, "web-", "n1");
    sim::play(&mut world, "wait: 10s");
    sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, effect: NoExecute}",
    );
    let early = sim::play(&mut world, "wait: 59s");
    assert_eq!(
        on_node(&world, "web-", "n1"),
        on_n1,
        "{}",
        early.explanation.en
    );
    let late = sim::play(&mut world, "wait: 1s");
    assert!(
        late.explanation.en.contains(
            "was deleted from n1: its tolerationSeconds for the NoExecute taint dedicated:NoExecute ran out"
        ),
        "{}",
        late.explanation.en
    );
    assert!(
        !sim::names(&world).contains(&on_n1[0]),
        "the pod is gone (its replacement, which tolerates the taint too, may land there again)"
    );

    let (mut world, _) = sim::world(&yaml);
    sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, effect: NoExecute}",
    );
    sim::play(&mut world, "wait: 30s");
    let untainted = sim::play(
        &mut world,
        "untaint: {node: n1, key: dedicated, effect: NoExecute}",
    );
    assert!(
        untainted.explanation.en.starts_with("node/n1 untainted"),
        "{}",
        untainted.explanation.en
    );
    sim::play(&mut world, "wait: 1h");
    assert_eq!(on_node(&world, "web-", "n1"), on_n1);
}

#[test]
fn rule_4_17_the_smallest_matching_toleration_wins_and_zero_is_at_once() {
    let tolerate = "[{key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 600}, {operator: Exists, effect: NoExecute, tolerationSeconds: 30}]";
    let (mut world, _) = sim::world(&on_two_nodes(&deployment("web", 2, tolerate)));
    let on_n1 = on_node(&world, "web-", "n1");
    sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, effect: NoExecute}",
    );
    sim::play(&mut world, "wait: 29s");
    assert_eq!(on_node(&world, "web-", "n1"), on_n1);
    sim::play(&mut world, "wait: 1s");
    assert!(!sim::names(&world).contains(&on_n1[0]));

    let zero = "[{key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 0}]";
    let (mut world, _) = sim::world(&on_two_nodes(&deployment("web", 2, zero)));
    let on_n1 = on_node(&world, "web-", "n1");
    let outcome = sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, effect: NoExecute}",
    );
    assert!(
        outcome
            .explanation
            .en
            .contains(&format!("{} was deleted from n1", on_n1[0])),
        "{}",
        outcome.explanation.en
    );
}

#[test]
fn rule_4_17_daemonset_pods_go_too_unless_they_tolerate_and_come_back_on_untaint() {
    let (mut world, _) = sim::world(&on_two_nodes(DAEMONSET));
    assert_eq!(per_node(&world, "agent-"), counts(&[("n1", 1), ("n2", 1)]));
    sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, effect: NoExecute}",
    );
    assert_eq!(
        per_node(&world, "agent-"),
        counts(&[("n2", 1)]),
        "no replacement either: the node does not fit"
    );
    sim::play(&mut world, "wait: 5m");
    assert_eq!(per_node(&world, "agent-"), counts(&[("n2", 1)]));
    sim::play(&mut world, "untaint: {node: n1, key: dedicated}");
    assert_eq!(per_node(&world, "agent-"), counts(&[("n1", 1), ("n2", 1)]));
}

#[test]
fn rule_4_5_a_no_schedule_taint_added_later_keeps_the_running_pods_and_turns_new_ones_away() {
    let (mut world, _) = sim::world(&on_two_nodes(&(deployment("web", 2, "[]") + DAEMONSET)));
    let before = sim::names(&world);
    sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, effect: NoSchedule}",
    );
    assert_eq!(sim::names(&world), before, "nothing is deleted");
    sim::play(
        &mut world,
        "scale: {kind: Deployment, name: web, replicas: 4}",
    );
    assert_eq!(per_node(&world, "web-"), counts(&[("n1", 1), ("n2", 3)]));
    assert_eq!(per_node(&world, "agent-"), counts(&[("n1", 1), ("n2", 1)]));
}

#[test]
fn taint_and_untaint_refuse_as_kubectl_does() {
    let (mut world, _) = sim::world(&on_two_nodes(""));
    let first = sim::play(
        &mut world,
        "taint: {node: n1, key: dedicated, value: a, effect: NoSchedule}",
    );
    assert!(first.applied);
    assert_eq!(
        sim::refused(
            &mut world,
            "taint: {node: n1, key: dedicated, value: b, effect: NoSchedule}"
        ),
        "Not done: node n1 already has dedicated taint(s) with same effect(s) and --overwrite is false"
    );
    assert_eq!(
        sim::refused(
            &mut world,
            "untaint: {node: n1, key: dedicated, effect: NoExecute}"
        ),
        "Not done: taint \"dedicated:NoExecute\" not found"
    );
    assert!(
        sim::refused(&mut world, "taint: {node: n9, key: a, effect: NoSchedule}")
            .contains("there is no node n9")
    );
    let all = sim::play(&mut world, "untaint: {node: n1, key: dedicated}");
    assert!(all.applied, "{}", all.explanation.en);
    assert!(world.cluster.node("n1").unwrap().taints.is_empty());
}
