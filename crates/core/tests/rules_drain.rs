//! Rules 4.15 (drain) and 4.16 (eviction and PodDisruptionBudgets) of
//! docs/k8s-semantics.md, played on the simulator with the `drain` step.

#[path = "support/sim.rs"]
mod sim;

use sim::{per_node, DAEMONSET};
use std::collections::BTreeMap;

/// `rest` (more documents) on two workers, n1 and n2.
fn on_two_nodes(rest: &str) -> String {
    format!("{rest}---\napiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {{name: t}}\nspec:\n  cluster:\n    nodes: [n1, n2]\n  steps: []\n")
}

/// A Deployment; `volumes` adds an emptyDir at /cache when true.
fn deployment(name: &str, replicas: u32, spec: &str) -> String {
    format!(
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n{spec}      containers:\n      - name: app\n        image: nginx\n        volumeMounts: [{{name: cache, mountPath: /cache}}]\n      volumes: [{{name: cache, emptyDir: {{}}}}]\n"
    )
}

const BARE: &str = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec:\n  nodeName: n1\n  containers: [{name: a, image: busybox}]\n";

fn budget(spec: &str) -> String {
    format!("---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {{name: web}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  {spec}\n")
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
}

/// The name of the first pod on n1 whose name starts with `prefix`.
fn on_n1(world: &kubeglass_core::sim::World, prefix: &str) -> String {
    sim::pods_of(world, prefix)
        .into_iter()
        .find(|p| p.node.as_deref() == Some("n1"))
        .unwrap_or_else(|| panic!("no {prefix} pod on n1"))
        .name
        .clone()
}

fn node_is_cordoned(world: &kubeglass_core::sim::World, node: &str) -> bool {
    world.cluster.node(node).unwrap().unschedulable
}

#[test]
fn rule_4_15_drain_refuses_with_kubectls_words_evicts_nothing_and_leaves_the_node_cordoned() {
    let yaml = on_two_nodes(&(deployment("web", 2, "") + DAEMONSET + BARE));
    let (mut world, _) = sim::world(&yaml);
    let before = sim::names(&world);
    let agent = on_n1(&world, "agent-");
    let web = on_n1(&world, "web-");
    let outcome = sim::play(&mut world, "drain: n1");
    assert!(!outcome.applied);
    assert_eq!(
        outcome.explanation.en,
        format!("Not done: node/n1 cordoned; error: unable to drain node \"n1\" due to error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/{agent}, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/{web}, cannot delete Pods declare no controller (use --force to override): default/solo], continuing command... Nothing was evicted, and the node stays cordoned.")
    );
    assert_eq!(sim::names(&world), before);
    assert!(node_is_cordoned(&world, "n1"));
}

#[test]
fn rule_4_15_drain_with_its_flags_moves_the_replicas_keeps_the_daemonset_pod_and_loses_the_emptydir(
) {
    let yaml = on_two_nodes(&(deployment("web", 2, "") + DAEMONSET + BARE));
    let (mut world, _) = sim::world(&yaml);
    let web_on_n1 = on_n1(&world, "web-");
    sim::play(
        &mut world,
        &format!("write: {{pod: {web_on_n1}, path: /cache/session.txt}}"),
    );
    let outcome = sim::play(
        &mut world,
        "drain: {node: n1, ignoreDaemonSets: true, deleteEmptyDirData: true, force: true}",
    );
    assert!(outcome.applied, "{}", outcome.explanation.en);
    let said = &outcome.explanation.en;
    assert!(
        said.starts_with(
            "node/n1 cordoned; Warning: ignoring DaemonSet-managed Pods: default/agent-"
        ),
        "{said}"
    );
    assert!(
        said.contains("Warning: deleting Pods that declare no controller: default/solo"),
        "{said}"
    );
    assert!(
        said.contains(&format!("evicting pod default/{web_on_n1}")),
        "{said}"
    );
    assert!(said.contains("node/n1 drained."), "{said}");
    assert!(
        said.contains("session.txt"),
        "the emptyDir data is lost: {said}"
    );
    assert_eq!(per_node(&world, "web-"), counts(&[("n2", 2)]));
    assert_eq!(per_node(&world, "agent-"), counts(&[("n1", 1), ("n2", 1)]));
    assert!(
        !sim::names(&world).contains(&"solo".to_owned()),
        "a bare pod is gone for good"
    );
    assert!(node_is_cordoned(&world, "n1"));
}

#[test]
fn rule_4_16_a_budget_lets_evictions_through_while_replacements_become_ready() {
    let yaml = on_two_nodes(&(deployment("web", 4, "") + &budget("minAvailable: 3")));
    let (mut world, _) = sim::world(&yaml);
    let outcome = sim::play(&mut world, "drain: {node: n1, deleteEmptyDirData: true}");
    assert!(
        outcome.explanation.en.contains("node/n1 drained"),
        "{}",
        outcome.explanation.en
    );
    assert_eq!(per_node(&world, "web-"), counts(&[("n2", 4)]));
}

#[test]
fn rule_4_16_an_eviction_that_would_break_the_budget_waits_and_the_step_says_so() {
    // One replica per node: the replacement of an evicted pod has nowhere to go.
    let spread = "      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - topologyKey: kubernetes.io/hostname\n            labelSelector: {matchLabels: {app: web}}\n";
    let yaml = on_two_nodes(&(deployment("web", 2, spread) + &budget("maxUnavailable: 0")));
    let (mut world, _) = sim::world(&yaml);
    let on_n1 = on_n1(&world, "web-");
    let outcome = sim::play(&mut world, "drain: {node: n1, deleteEmptyDirData: true}");
    assert!(outcome.applied);
    assert!(
        outcome.explanation.en.contains(&format!("error when evicting pods/\"{on_n1}\" -n \"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.")),
        "{}",
        outcome.explanation.en
    );
    assert!(!outcome.explanation.en.contains("drained"));
    assert_eq!(per_node(&world, "web-"), counts(&[("n1", 1), ("n2", 1)]));

    // minAvailable 1 of 2 allows one: evicted, and its replacement stays Pending.
    let yaml = on_two_nodes(&(deployment("web", 2, spread) + &budget("minAvailable: 50%")));
    let (mut world, _) = sim::world(&yaml);
    let outcome = sim::play(&mut world, "drain: {node: n1, deleteEmptyDirData: true}");
    assert!(
        outcome.explanation.en.contains("node/n1 drained"),
        "{}",
        outcome.explanation.en
    );
    assert_eq!(per_node(&world, "web-"), counts(&[("n2", 1)]));
    assert_eq!(
        sim::pods_of(&world, "web-").len(),
        2,
        "the replacement waits"
    );
}

#[test]
fn rule_4_16_a_pod_under_two_budgets_cannot_be_evicted() {
    let other = "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: all}\nspec:\n  selector: {}\n  maxUnavailable: 5\n";
    let yaml = on_two_nodes(&(deployment("web", 2, "") + &budget("maxUnavailable: 1") + other));
    let (mut world, _) = sim::world(&yaml);
    let outcome = sim::play(&mut world, "drain: {node: n1, deleteEmptyDirData: true}");
    assert!(
        outcome.explanation.en.contains("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."),
        "{}",
        outcome.explanation.en
    );
}

#[test]
fn drain_of_an_unknown_node_is_not_applied() {
    let (mut world, _) = sim::world(&on_two_nodes(""));
    assert!(sim::refused(&mut world, "drain: n9").contains("there is no node n9"));
}

#[test]
fn rule_4_15_drain_of_a_node_that_is_down_waits_for_deletions_nothing_can_confirm() {
    let (mut world, _) = sim::world(&on_two_nodes(&deployment("web", 2, "")));
    let stuck = on_n1(&world, "web-");
    sim::play(&mut world, "failNode: n1");
    let outcome = sim::play(&mut world, "drain: {node: n1, deleteEmptyDirData: true}");
    assert!(outcome.applied);
    let said = &outcome.explanation.en;
    assert!(
        said.contains(&format!(
            "kubectl now waits for default/{stuck} to be deleted"
        )),
        "{said}"
    );
    assert!(!said.contains("drained"), "{said}");
    assert!(sim::pod(&world, &stuck).terminating);
}

#[test]
fn rule_4_15_a_drained_statefulset_pod_comes_back_elsewhere_under_its_own_name() {
    let sts = "---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 2\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: postgres}]\n";
    let (mut world, _) = sim::world(&on_two_nodes(sts));
    let moved = on_n1(&world, "db-");
    let outcome = sim::play(&mut world, "drain: n1");
    let said = &outcome.explanation.en;
    assert!(said.contains("node/n1 drained."), "{said}");
    assert!(!said.contains("waits for"), "{said}");
    assert_eq!(sim::pod(&world, &moved).node.as_deref(), Some("n2"));
}
