//! Rules 4.x (scheduling) of docs/k8s-semantics.md, played on the simulator.

#[path = "support/sim.rs"]
mod sim;

use kubeglass_core::cluster::{ClaimPhase, Phase, Pod};
use kubeglass_core::diagnostic::Code;
use kubeglass_core::sim::World;
use std::collections::BTreeMap;

/// A Scenario document that only sets the cluster's nodes (YAML flow items).
fn cluster(nodes: &[&str]) -> String {
    let mut s = String::from(
        "---\napiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: t}\nspec:\n  cluster:\n    nodes:\n",
    );
    for n in nodes {
        s.push_str(&format!("    - {n}\n"));
    }
    s.push_str("  steps: []\n");
    s
}

/// A bare pod with extra spec lines (indented by two spaces) and a container resources block.
fn pod(name: &str, spec: &str, resources: &str) -> String {
    format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{pod: {name}}}\nspec:\n{spec}  containers:\n  - name: app\n    image: nginx\n{resources}"
    )
}

fn requests(cpu: &str, memory: &str) -> String {
    format!("    resources:\n      requests: {{cpu: {cpu}, memory: {memory}}}\n")
}

fn deployment(name: &str, replicas: u32, spec: &str, resources: &str) -> String {
    format!(
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: {name}}}\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n{spec}      containers:\n      - name: app\n        image: nginx\n{resources}"
    )
}

fn node_of<'w>(world: &'w World, name: &str) -> Option<&'w str> {
    sim::pod(world, name).node.as_deref()
}

/// The pod waits unscheduled, and the scheduler's reason says `why`.
fn assert_pending_because(pod: &Pod, why: &str) {
    assert!(is_pending(pod), "{pod:?}");
    assert!(reason(pod).contains(why), "{}", reason(pod));
}

fn reason(pod: &Pod) -> String {
    pod.reason
        .as_ref()
        .map(|r| r.en.clone())
        .unwrap_or_default()
}

use sim::per_node;

fn is_pending(pod: &Pod) -> bool {
    pod.phase == Phase::Pending && pod.node.is_none() && pod.ip.is_none()
}

// ---------------------------------------------------------------------------------------
// 4.1 Filter, then score
// ---------------------------------------------------------------------------------------

#[test]
fn rule_4_1_a_feasible_pod_is_bound_to_a_node_and_runs() {
    let (world, diagnostics) = sim::world(&pod("p", "", ""));
    let p = sim::pod(&world, "p");
    assert_eq!(p.phase, Phase::Running);
    assert!(matches!(p.node.as_deref(), Some("k8s-node1" | "k8s-node2")));
    assert!(p.ip.is_some());
    assert!(sim::with_code(&diagnostics, Code::Unschedulable).is_empty());
}

#[test]
fn rule_4_1_no_feasible_node_leaves_the_pod_pending_with_the_reasons() {
    let (world, diagnostics) = sim::world(&pod("big", "", &requests("3", "100Mi")));
    let p = sim::pod(&world, "big");
    assert!(is_pending(p), "{p:?}");
    let why = reason(p);
    assert!(why.starts_with("0/3 nodes are available"), "{why}");
    assert!(why.contains("2 Insufficient cpu"), "{why}");
    assert!(why.contains("1 node(s) had untolerated taint(s)"), "{why}");
    assert!(
        why.ends_with(". preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.."),
        "{why}"
    );
    assert_eq!(sim::with_code(&diagnostics, Code::Unschedulable).len(), 1);
}

// ---------------------------------------------------------------------------------------
// 4.2 nodeName
// ---------------------------------------------------------------------------------------

#[test]
fn rule_4_2_node_name_skips_the_scheduler_and_its_noschedule_taints() {
    let (world, _) = sim::world(&pod("p", "  nodeName: k8s-master\n", ""));
    let p = sim::pod(&world, "p");
    assert_eq!(p.node.as_deref(), Some("k8s-master"));
    assert_eq!(p.phase, Phase::Running, "{}", reason(p));
}

#[test]
fn rule_4_2_node_name_pod_that_fits_runs() {
    let (world, _) = sim::world(&pod(
        "p",
        "  nodeName: k8s-node1\n",
        &requests("1500m", "1Gi"),
    ));
    let p = sim::pod(&world, "p");
    assert_eq!(p.phase, Phase::Running, "{}", reason(p));
    assert_eq!(p.node.as_deref(), Some("k8s-node1"));
}

#[test]
fn rule_4_2_kubelet_rejects_a_node_name_pod_that_does_not_fit() {
    let yaml = [
        pod("cpu", "  nodeName: k8s-node1\n", &requests("3", "10Mi")),
        pod("mem", "  nodeName: k8s-node2\n", &requests("100m", "3Gi")),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    let cpu = sim::pod(&world, "cpu");
    assert_eq!(cpu.phase, Phase::Failed);
    assert!(reason(cpu).contains("OutOfcpu"), "{}", reason(cpu));
    let mem = sim::pod(&world, "mem");
    assert_eq!(mem.phase, Phase::Failed);
    assert!(reason(mem).contains("OutOfmemory"), "{}", reason(mem));
}

#[test]
fn rule_4_2_kubelet_rejects_a_node_name_pod_whose_selector_does_not_match() {
    let (world, _) = sim::world(&pod(
        "p",
        "  nodeName: k8s-node1\n  nodeSelector: {disk: ssd}\n",
        "",
    ));
    let p = sim::pod(&world, "p");
    assert_eq!(p.phase, Phase::Failed);
    assert!(reason(p).contains("NodeAffinity"), "{}", reason(p));
}

#[test]
fn rule_4_2_kubelet_rejects_a_node_name_pod_on_an_untolerated_no_execute_taint() {
    let yaml = [
        pod("evicted", "  nodeName: drain\n", ""),
        pod("ok", "  nodeName: soft\n", ""),
        pod(
            "tolerant",
            "  nodeName: drain\n  tolerations:\n  - {key: maint, operator: Exists, effect: NoExecute}\n",
            "",
        ),
        cluster(&[
            "{name: drain, taints: [{key: maint, value: 'now', effect: NoExecute}]}",
            "{name: soft, taints: [{key: maint, value: 'now', effect: NoSchedule}]}",
        ]),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    assert_eq!(sim::pod(&world, "evicted").phase, Phase::Failed);
    assert_eq!(
        sim::pod(&world, "ok").phase,
        Phase::Running,
        "NoSchedule is never checked"
    );
    assert_eq!(sim::pod(&world, "tolerant").phase, Phase::Running);
}

#[test]
fn rule_4_2_kubelet_rejects_a_node_name_pod_beyond_the_pod_limit() {
    let yaml = r#"apiVersion: v1
kind: Node
metadata:
  name: tiny
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "1"}
"#
    .to_owned()
        + &pod("first", "  nodeName: tiny\n", "")
        + &pod("second", "  nodeName: tiny\n", "");
    let (world, _) = sim::world(&yaml);
    let running = ["first", "second"]
        .iter()
        .filter(|n| sim::pod(&world, n).phase == Phase::Running)
        .count();
    assert_eq!(running, 1, "allocatable pods is 1");
    let rejected = ["first", "second"]
        .map(|n| sim::pod(&world, n))
        .into_iter()
        .find(|p| p.phase != Phase::Running)
        .unwrap();
    assert_eq!(rejected.phase, Phase::Failed);
    assert!(
        reason(rejected).contains("OutOfpods"),
        "{}",
        reason(rejected)
    );
}

#[test]
fn rule_4_2_node_name_of_a_missing_node_never_runs() {
    let (mut world, _) = sim::world(&pod("p", "  nodeName: ghost\n", ""));
    sim::play(&mut world, "wait: 1h");
    let p = sim::pod(&world, "p");
    assert_eq!(p.node.as_deref(), Some("ghost"));
    assert_eq!(p.phase, Phase::Pending);
    assert!(p.ip.is_none());
}

// ---------------------------------------------------------------------------------------
// 4.3 nodeSelector
// ---------------------------------------------------------------------------------------

const LABELLED: [&str; 3] = [
    "{name: both, labels: {disk: ssd, zone: a}}",
    "{name: ssd-only, labels: {disk: ssd}}",
    "{name: zone-only, labels: {zone: a}}",
];

#[test]
fn rule_4_3_node_selector_needs_every_label() {
    let yaml = deployment("web", 4, "      nodeSelector: {disk: ssd, zone: a}\n", "")
        + &cluster(&LABELLED);
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("both".to_owned(), 4)])
    );
}

#[test]
fn rule_4_3_an_unmatched_node_selector_leaves_the_pod_pending() {
    let yaml = pod("p", "  nodeSelector: {disk: nvme}\n", "") + &cluster(&LABELLED);
    let (world, diagnostics) = sim::world(&yaml);
    let p = sim::pod(&world, "p");
    assert_pending_because(p, "3 node(s) didn't match Pod's node affinity/selector");
    assert_eq!(
        sim::with_code(&diagnostics, Code::NodeSelectorUnmatched).len(),
        1
    );
}

#[test]
fn rule_4_3_hostname_label_may_differ_from_the_node_name() {
    let yaml = r#"apiVersion: v1
kind: Node
metadata:
  name: n1
  labels: {kubernetes.io/hostname: host-a}
---
apiVersion: v1
kind: Node
metadata:
  name: n2
"#
    .to_owned()
        + &pod(
            "by-label",
            "  nodeSelector: {kubernetes.io/hostname: host-a}\n",
            "",
        )
        + &pod(
            "by-name",
            "  nodeSelector: {kubernetes.io/hostname: n1}\n",
            "",
        );
    let (world, _) = sim::world(&yaml);
    assert_eq!(node_of(&world, "by-label"), Some("n1"));
    assert!(is_pending(sim::pod(&world, "by-name")));
}

// ---------------------------------------------------------------------------------------
// 4.4 nodeAffinity
// ---------------------------------------------------------------------------------------

const ZONES: [&str; 3] = [
    "{name: a-hdd, labels: {zone: a, disk: hdd, cores: '4'}}",
    "{name: b-ssd, labels: {zone: b, disk: ssd, cores: '8'}}",
    "{name: a-ssd, labels: {zone: a, disk: ssd, cores: '16'}}",
];

fn required(terms: &str) -> String {
    format!(
        "      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n{terms}"
    )
}

#[test]
fn rule_4_4_expressions_in_one_term_are_anded() {
    let terms = "            - matchExpressions:\n              - {key: zone, operator: In, values: [a]}\n              - {key: disk, operator: In, values: [ssd]}\n";
    let yaml = deployment("web", 4, &required(terms), "") + &cluster(&ZONES);
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("a-ssd".to_owned(), 4)])
    );
}

#[test]
fn rule_4_4_terms_are_ored() {
    let terms = "            - matchExpressions:\n              - {key: zone, operator: In, values: [b]}\n            - matchExpressions:\n              - {key: zone, operator: In, values: [a]}\n              - {key: disk, operator: In, values: [ssd]}\n";
    let yaml = deployment("web", 6, &required(terms), "") + &cluster(&ZONES);
    let (world, _) = sim::world(&yaml);
    let counts = per_node(&world, "web-");
    assert_eq!(counts.values().sum::<usize>(), 6);
    assert!(!counts.contains_key("a-hdd"), "{counts:?}");
    assert!(
        counts.contains_key("b-ssd") && counts.contains_key("a-ssd"),
        "{counts:?}"
    );
}

#[test]
fn rule_4_4_required_affinity_is_anded_with_node_selector() {
    let terms =
        "            - matchExpressions:\n              - {key: zone, operator: In, values: [a]}\n";
    let spec = format!("      nodeSelector: {{disk: ssd}}\n{}", required(terms));
    let yaml = deployment("web", 3, &spec, "") + &cluster(&ZONES);
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("a-ssd".to_owned(), 3)])
    );
}

#[test]
fn rule_4_4_operators() {
    let cases = [
        (
            "{key: cores, operator: Gt, values: ['4']}, {key: cores, operator: Lt, values: ['16']}",
            "b-ssd",
        ),
        ("{key: zone, operator: NotIn, values: [a]}", "b-ssd"),
        ("{key: disk, operator: In, values: [hdd]}", "a-hdd"),
        ("{key: cores, operator: Gt, values: ['8']}", "a-ssd"),
    ];
    for (exprs, node) in cases {
        let terms = format!("            - matchExpressions: [{exprs}]\n");
        let yaml = deployment("web", 3, &required(&terms), "") + &cluster(&ZONES);
        let (world, _) = sim::world(&yaml);
        assert_eq!(
            per_node(&world, "web-"),
            BTreeMap::from([(node.to_owned(), 3)]),
            "{exprs}"
        );
    }
    // Exists / DoesNotExist, on a cluster where only one node has the label.
    let nodes = ["{name: gpu, labels: {gpu: 'a100'}}", "plain"];
    for (op, node) in [("Exists", "gpu"), ("DoesNotExist", "plain")] {
        let terms = format!("            - matchExpressions: [{{key: gpu, operator: {op}}}]\n");
        let yaml = deployment("web", 3, &required(&terms), "") + &cluster(&nodes);
        let (world, _) = sim::world(&yaml);
        assert_eq!(
            per_node(&world, "web-"),
            BTreeMap::from([(node.to_owned(), 3)]),
            "{op}"
        );
    }
}

fn preferred(prefs: &[(u32, &str)]) -> String {
    let mut s = String::from(
        "  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n",
    );
    for (weight, expr) in prefs {
        s.push_str(&format!(
            "      - weight: {weight}\n        preference:\n          matchExpressions: [{expr}]\n"
        ));
    }
    s
}

#[test]
fn rule_4_4_preferred_terms_add_their_weight_to_the_score() {
    let yaml = [
        pod(
            "ssd",
            &preferred(&[(100, "{key: disk, operator: In, values: [ssd]}")]),
            "",
        ),
        pod(
            "heavier",
            &preferred(&[
                (10, "{key: zone, operator: In, values: [a]}"),
                (60, "{key: zone, operator: In, values: [b]}"),
            ]),
            "",
        ),
        pod(
            "summed",
            &preferred(&[
                (40, "{key: zone, operator: In, values: [a]}"),
                (40, "{key: disk, operator: In, values: [hdd]}"),
                (60, "{key: zone, operator: In, values: [b]}"),
            ]),
            "",
        ),
        pod(
            "nowhere",
            &preferred(&[(100, "{key: zone, operator: In, values: [mars]}")]),
            "",
        ),
        cluster(&[
            "{name: a-hdd, labels: {zone: a, disk: hdd}}",
            "{name: b-ssd, labels: {zone: b, disk: ssd}}",
        ]),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    assert_eq!(node_of(&world, "ssd"), Some("b-ssd"));
    assert_eq!(node_of(&world, "heavier"), Some("b-ssd"));
    assert_eq!(node_of(&world, "summed"), Some("a-hdd"), "40 + 40 beats 60");
    assert_eq!(
        sim::pod(&world, "nowhere").phase,
        Phase::Running,
        "a preference is not a requirement"
    );
}

// ---------------------------------------------------------------------------------------
// 4.5 Taints and tolerations
// ---------------------------------------------------------------------------------------

const TAINTED: [&str; 2] = [
    "{name: gpu, taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}",
    "plain",
];

#[test]
fn rule_4_5_no_schedule_taint_blocks_pods_that_do_not_tolerate_it() {
    let yaml = deployment("web", 4, "", "") + &cluster(&TAINTED);
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("plain".to_owned(), 4)])
    );
    let forced = pod(
        "forced",
        "  nodeSelector: {kubernetes.io/hostname: gpu}\n",
        "",
    ) + &cluster(&TAINTED);
    let (world, _) = sim::world(&forced);
    let p = sim::pod(&world, "forced");
    assert_pending_because(p, "1 node(s) had untolerated taint(s)");
}

#[test]
fn rule_4_5_toleration_matching() {
    let on_gpu = "  nodeSelector: {kubernetes.io/hostname: gpu}\n  tolerations:\n";
    let cases = [
        (
            "{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}",
            true,
        ),
        ("{key: dedicated, value: gpu}", true),
        (
            "{key: dedicated, operator: Equal, value: cpu, effect: NoSchedule}",
            false,
        ),
        (
            "{key: dedicated, operator: Exists, effect: NoSchedule}",
            true,
        ),
        ("{key: dedicated, operator: Exists}", true),
        (
            "{key: dedicated, operator: Exists, effect: NoExecute}",
            false,
        ),
        (
            "{key: dedicated, operator: Exists, effect: PreferNoSchedule}",
            false,
        ),
        ("{key: other, operator: Exists}", false),
        ("{operator: Exists}", true),
    ];
    for (toleration, tolerated) in cases {
        let yaml = pod("p", &format!("{on_gpu}  - {toleration}\n"), "") + &cluster(&TAINTED);
        let (world, _) = sim::world(&yaml);
        let p = sim::pod(&world, "p");
        assert_eq!(
            p.phase == Phase::Running,
            tolerated,
            "{toleration}: {} {}",
            p.phase.as_str(),
            reason(p)
        );
    }
}

#[test]
fn rule_4_5_empty_key_exists_tolerates_the_control_plane_too() {
    let yaml = pod(
        "p",
        "  nodeSelector: {kubernetes.io/hostname: k8s-master}\n  tolerations:\n  - operator: Exists\n",
        "",
    );
    let (world, _) = sim::world(&yaml);
    assert_eq!(node_of(&world, "p"), Some("k8s-master"));
    assert_eq!(sim::pod(&world, "p").phase, Phase::Running);
}

#[test]
fn rule_4_5_control_plane_is_tainted_by_kubeadm() {
    let (world, _) = sim::world(&deployment("web", 8, "", ""));
    let master = world.cluster.node("k8s-master").unwrap();
    assert!(master.taints.iter().any(|t| {
        t.key == "node-role.kubernetes.io/control-plane"
            && t.effect == kubeglass_core::model::TaintEffect::NoSchedule
    }));
    assert!(!per_node(&world, "web-").contains_key("k8s-master"));
    assert_eq!(per_node(&world, "web-").values().sum::<usize>(), 8);
}

#[test]
fn rule_4_5_prefer_no_schedule_discourages_but_does_not_block() {
    let nodes = [
        "{name: soft, taints: [{key: spot, value: 'yes', effect: PreferNoSchedule}]}",
        "plain",
    ];
    let yaml = [
        pod("free", "", ""),
        pod(
            "forced",
            "  nodeSelector: {kubernetes.io/hostname: soft}\n",
            "",
        ),
        cluster(&nodes),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    assert_eq!(node_of(&world, "free"), Some("plain"));
    assert_eq!(node_of(&world, "forced"), Some("soft"));
    assert_eq!(sim::pod(&world, "forced").phase, Phase::Running);
}

#[test]
fn rule_4_5_no_execute_taint_also_blocks_scheduling() {
    let nodes = [
        "{name: drain, taints: [{key: maint, value: 'now', effect: NoExecute}]}",
        "plain",
    ];
    let yaml = deployment("web", 4, "", "") + &cluster(&nodes);
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("plain".to_owned(), 4)])
    );
}

#[test]
fn rule_4_5_cordon_blocks_new_pods_unless_they_tolerate_unschedulable() {
    let nodes = r#"apiVersion: v1
kind: Node
metadata:
  name: cordoned
spec:
  unschedulable: true
  taints:
  - {key: node.kubernetes.io/unschedulable, effect: NoSchedule}
---
apiVersion: v1
kind: Node
metadata:
  name: open
"#;
    let yaml = nodes.to_owned()
        + &deployment("web", 3, "", "")
        + &pod(
            "tolerant",
            "  nodeSelector: {kubernetes.io/hostname: cordoned}\n  tolerations:\n  - {key: node.kubernetes.io/unschedulable, operator: Exists, effect: NoSchedule}\n",
            "",
        );
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("open".to_owned(), 3)])
    );
    let p = sim::pod(&world, "tolerant");
    assert_eq!(
        (p.node.as_deref(), p.phase),
        (Some("cordoned"), Phase::Running),
        "{}",
        reason(p)
    );
}

// ---------------------------------------------------------------------------------------
// 4.6 Resources
// ---------------------------------------------------------------------------------------

#[test]
fn rule_4_6_cpu_requests_must_fit_allocatable() {
    let resources = "        resources:\n          requests: {cpu: 1500m, memory: 100Mi}\n";
    let (world, _) = sim::world(&deployment("web", 3, "", resources));
    let pods = sim::pods_of(&world, "web-");
    assert_eq!(pods.len(), 3);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("k8s-node1".to_owned(), 1), ("k8s-node2".to_owned(), 1)])
    );
    let pending: Vec<&&Pod> = pods.iter().filter(|p| is_pending(p)).collect();
    assert_eq!(pending.len(), 1);
    assert!(
        reason(pending[0]).contains("2 Insufficient cpu"),
        "{}",
        reason(pending[0])
    );
}

#[test]
fn rule_4_6_allocatable_memory_is_capacity_minus_the_eviction_reserve() {
    let on1 = "  nodeSelector: {kubernetes.io/hostname: k8s-node1}\n";
    let on2 = "  nodeSelector: {kubernetes.io/hostname: k8s-node2}\n";
    let yaml = [
        pod("fits", on1, &requests("100m", "1948Mi")),
        pod("too-big", on2, &requests("100m", "1949Mi")),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    assert_eq!(sim::pod(&world, "fits").phase, Phase::Running);
    let big = sim::pod(&world, "too-big");
    assert_pending_because(big, "Insufficient memory");
}

#[test]
fn rule_4_6_a_limit_without_a_request_sets_the_request() {
    let on1 = "  nodeSelector: {kubernetes.io/hostname: k8s-node1}\n";
    let on2 = "  nodeSelector: {kubernetes.io/hostname: k8s-node2}\n";
    let yaml = [
        pod(
            "limit-only",
            on1,
            "    resources:\n      limits: {cpu: '3'}\n",
        ),
        pod(
            "both",
            on2,
            "    resources:\n      requests: {cpu: 100m}\n      limits: {cpu: '3'}\n",
        ),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    assert!(is_pending(sim::pod(&world, "limit-only")));
    assert_eq!(
        sim::pod(&world, "both").phase,
        Phase::Running,
        "limits are ignored once a request is set"
    );
}

#[test]
fn rule_4_6_no_request_counts_as_zero() {
    let on1 = "  nodeSelector: {kubernetes.io/hostname: k8s-node1}\n";
    let yaml = [
        pod("full", on1, &requests("2", "1948Mi")),
        pod("free-rider", on1, ""),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    assert_eq!(sim::pod(&world, "full").phase, Phase::Running);
    assert_eq!(sim::pod(&world, "free-rider").phase, Phase::Running);
}

#[test]
fn rule_4_6_pod_request_is_max_of_largest_init_container_and_app_sum() {
    let on1 = "  nodeSelector: {kubernetes.io/hostname: k8s-node1}\n";
    let on2 = "  nodeSelector: {kubernetes.io/hostname: k8s-node2}\n";
    let init = |cpu: &str| {
        format!("  initContainers:\n  - name: init\n    image: busybox\n    resources:\n      requests: {{cpu: {cpu}}}\n")
    };
    let second_app = |cpu: &str| {
        format!(
            "  - name: side\n    image: busybox\n    resources:\n      requests: {{cpu: {cpu}}}\n"
        )
    };
    let yaml = [
        // node1: init 1800m > apps 2×500m, so the pod holds 1800m and 300m more does not fit.
        pod(
            "init-big",
            &format!("{on1}{}", init("1800m")),
            &(requests("500m", "0") + &second_app("500m")),
        ),
        pod("after-init", on1, &requests("300m", "0")),
        // node2: apps 2×1100m = 2200m > 2 CPU even though the init asks little.
        pod(
            "apps-big",
            &format!("{on2}{}", init("100m")),
            &(requests("1100m", "0") + &second_app("1100m")),
        ),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    assert_eq!(sim::pod(&world, "init-big").phase, Phase::Running);
    assert!(is_pending(sim::pod(&world, "after-init")));
    assert!(is_pending(sim::pod(&world, "apps-big")));
}

#[test]
fn rule_4_6_pod_count_is_limited_by_allocatable_pods() {
    let yaml = r#"apiVersion: v1
kind: Node
metadata:
  name: tiny
status:
  allocatable: {cpu: "8", memory: 16Gi, pods: "2"}
"#
    .to_owned()
        + &deployment("web", 3, "", "");
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("tiny".to_owned(), 2)])
    );
    let pending: Vec<&Pod> = sim::pods_of(&world, "web-")
        .into_iter()
        .filter(|p| is_pending(p))
        .collect();
    assert_eq!(pending.len(), 1);
    assert!(
        reason(pending[0]).contains("Too many pods"),
        "{}",
        reason(pending[0])
    );
}

#[test]
fn rule_4_6_finished_pods_release_their_requests() {
    let on1 = "      nodeSelector: {kubernetes.io/hostname: k8s-node1}\n";
    let job = format!(
        "---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: batch\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n{on1}      containers:\n      - name: run\n        image: perl\n        resources:\n          requests: {{cpu: 1500m}}\n"
    );
    let waiting = deployment(
        "web",
        1,
        on1,
        "        resources:\n          requests: {cpu: 1500m}\n",
    );
    let (mut world, _) = sim::world(&(job + &waiting));
    let web = sim::pods_of(&world, "web-")[0];
    assert!(is_pending(web), "the Job holds 1500m of node1");
    sim::play(&mut world, "wait: 1m");
    assert_eq!(sim::pods_of(&world, "batch-")[0].phase, Phase::Succeeded);
    let web = sim::pods_of(&world, "web-")[0];
    assert_eq!(web.phase, Phase::Running, "{}", reason(web));
    assert_eq!(web.node.as_deref(), Some("k8s-node1"));
}

// ---------------------------------------------------------------------------------------
// 4.7 PV node affinity
// ---------------------------------------------------------------------------------------

fn local_pv(name: &str, node: &str, size: &str, class: &str) -> String {
    format!(
        "---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: {name}\nspec:\n  capacity: {{storage: {size}}}\n  accessModes: [ReadWriteOnce]\n  storageClassName: \"{class}\"\n  local: {{path: /mnt/disk}}\n  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {{key: kubernetes.io/hostname, operator: In, values: [{node}]}}\n"
    )
}

fn claim(name: &str, size: &str, class: &str) -> String {
    format!(
        "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {name}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: \"{class}\"\n  resources:\n    requests: {{storage: {size}}}\n"
    )
}

fn claim_volume(claim: &str) -> String {
    format!("      volumes:\n      - name: data\n        persistentVolumeClaim: {{claimName: {claim}}}\n")
}

fn pod_claim_volume(claim: &str) -> String {
    format!("  volumes:\n  - name: data\n    persistentVolumeClaim: {{claimName: {claim}}}\n")
}

#[test]
fn rule_4_7_pods_using_a_local_pv_are_pinned_to_its_node() {
    let yaml = local_pv("pv-2", "k8s-node2", "1Gi", "")
        + &claim("data", "1Gi", "")
        + &deployment("web", 3, &claim_volume("data"), "");
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("k8s-node2".to_owned(), 3)]),
        "the volume beats spreading"
    );
}

#[test]
fn rule_4_7_pod_stays_pending_when_the_pv_node_is_full() {
    let yaml = local_pv("pv-2", "k8s-node2", "1Gi", "")
        + &claim("data", "1Gi", "")
        + &pod(
            "hog",
            "  nodeSelector: {kubernetes.io/hostname: k8s-node2}\n",
            &requests("2", "0"),
        )
        + &pod("user", &pod_claim_volume("data"), &requests("500m", "0"));
    let (world, _) = sim::world(&yaml);
    let user = sim::pod(&world, "user");
    assert!(is_pending(user), "{user:?}");
    assert!(
        reason(user).contains("volume node affinity conflict"),
        "{}",
        reason(user)
    );
}

#[test]
fn rule_4_7_pod_stays_pending_when_the_pv_node_is_gone() {
    let yaml = local_pv("pv-2", "k8s-node2", "1Gi", "")
        + &claim("data", "1Gi", "")
        + &deployment("web", 1, &claim_volume("data"), "");
    let (mut world, _) = sim::world(&yaml);
    sim::play(&mut world, "failNode: k8s-node2");
    sim::play(&mut world, "wait: 10m");
    let fresh: Vec<&Pod> = sim::pods_of(&world, "web-")
        .into_iter()
        .filter(|p| !p.terminating)
        .collect();
    assert_eq!(fresh.len(), 1, "{:?}", sim::names(&world));
    assert!(is_pending(fresh[0]), "{:?}", fresh[0]);
    assert!(
        reason(fresh[0]).contains("volume node affinity conflict"),
        "{}",
        reason(fresh[0])
    );
}

// ---------------------------------------------------------------------------------------
// 4.8 volumeBindingMode
// ---------------------------------------------------------------------------------------

fn class(name: &str, provisioner: &str, mode: &str) -> String {
    format!(
        "---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: {name}\nprovisioner: {provisioner}\nvolumeBindingMode: {mode}\n"
    )
}

fn bound_to(world: &World, claim: &str) -> Option<String> {
    match &world.cluster.claim("default", claim)?.phase {
        ClaimPhase::Bound(pv) => Some(pv.clone()),
        _ => None,
    }
}

#[test]
fn rule_4_8_immediate_binds_when_the_claim_is_created() {
    let yaml = class("manual", "kubernetes.io/no-provisioner", "Immediate")
        + &local_pv("pv-1", "k8s-node1", "1Gi", "manual")
        + &claim("data", "1Gi", "manual");
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("pv-1"));
}

#[test]
fn rule_4_8_immediate_binding_is_blind_to_the_pods_constraints() {
    let yaml = class("manual", "kubernetes.io/no-provisioner", "Immediate")
        + &local_pv("small-on-1", "k8s-node1", "1Gi", "manual")
        + &local_pv("big-on-2", "k8s-node2", "5Gi", "manual")
        + &claim("data", "1Gi", "manual")
        + &pod(
            "user",
            &format!(
                "  nodeSelector: {{kubernetes.io/hostname: k8s-node2}}\n{}",
                pod_claim_volume("data")
            ),
            "",
        );
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("small-on-1"));
    assert!(is_pending(sim::pod(&world, "user")));
}

#[test]
fn rule_4_8_wait_for_first_consumer_keeps_the_claim_pending_without_a_pod() {
    let yaml = class(
        "local",
        "kubernetes.io/no-provisioner",
        "WaitForFirstConsumer",
    ) + &local_pv("pv-1", "k8s-node1", "1Gi", "local")
        + &claim("data", "1Gi", "local");
    let (world, _) = sim::world(&yaml);
    let c = world.cluster.claim("default", "data").unwrap();
    match &c.phase {
        ClaimPhase::Pending(why) => {
            assert!(why.en.contains("waiting for first consumer"), "{}", why.en)
        }
        other => panic!("expected Pending, got {other:?}"),
    }
}

#[test]
fn rule_4_8_wait_for_first_consumer_binds_a_pv_on_the_pods_node() {
    let yaml = class(
        "local",
        "kubernetes.io/no-provisioner",
        "WaitForFirstConsumer",
    ) + &local_pv("small-on-1", "k8s-node1", "1Gi", "local")
        + &local_pv("big-on-2", "k8s-node2", "5Gi", "local")
        + &claim("data", "1Gi", "local")
        + &pod(
            "user",
            &format!(
                "  nodeSelector: {{kubernetes.io/hostname: k8s-node2}}\n{}",
                pod_claim_volume("data")
            ),
            "",
        );
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("big-on-2"));
    let user = sim::pod(&world, "user");
    assert_eq!(
        (user.node.as_deref(), user.phase),
        (Some("k8s-node2"), Phase::Running)
    );
}

#[test]
fn rule_4_8_wait_for_first_consumer_provisions_on_the_pods_node() {
    let yaml = class(
        "local-path",
        "rancher.io/local-path",
        "WaitForFirstConsumer",
    ) + &claim("data", "1Gi", "local-path")
        + &pod(
            "user",
            &format!(
                "  nodeSelector: {{kubernetes.io/hostname: k8s-node2}}\n{}",
                pod_claim_volume("data")
            ),
            "",
        );
    let (world, _) = sim::world(&yaml);
    let pv = bound_to(&world, "data").expect("provisioned and bound");
    let volume = world.cluster.volume(&pv).unwrap();
    assert!(volume.provisioned);
    assert_eq!(volume.node.as_deref(), Some("k8s-node2"));
    let node2 = world.cluster.node("k8s-node2").unwrap();
    let node1 = world.cluster.node("k8s-node1").unwrap();
    let affinity = volume.node_affinity.as_ref().unwrap();
    assert!(affinity.matches(&node2.name, &node2.labels));
    assert!(!affinity.matches(&node1.name, &node1.labels));
    assert_eq!(sim::pod(&world, "user").phase, Phase::Running);
}

#[test]
fn rule_4_8_node_name_bypasses_wait_for_first_consumer_and_the_claim_stays_pending() {
    let yaml = class(
        "local",
        "kubernetes.io/no-provisioner",
        "WaitForFirstConsumer",
    ) + &local_pv("pv-1", "k8s-node1", "1Gi", "local")
        + &claim("data", "1Gi", "local")
        + &pod(
            "user",
            &format!("  nodeName: k8s-node1\n{}", pod_claim_volume("data")),
            "",
        );
    let (mut world, _) = sim::world(&yaml);
    sim::play(&mut world, "wait: 10m");
    assert!(bound_to(&world, "data").is_none());
    assert_ne!(sim::pod(&world, "user").phase, Phase::Running);
}

// ---------------------------------------------------------------------------------------
// 4.9 Default spreading
// ---------------------------------------------------------------------------------------

#[test]
fn rule_4_9_replicas_spread_over_nodes() {
    let (world, _) = sim::world(&deployment("web", 4, "", ""));
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("k8s-node1".to_owned(), 2), ("k8s-node2".to_owned(), 2)])
    );
}

const UNEVEN: [&str; 2] = [
    "{name: big, cpu: '8', memory: 16Gi}",
    "{name: small, cpu: '2', memory: 2Gi}",
];

#[test]
fn rule_4_9_siblings_outweigh_free_resources_but_strangers_do_not() {
    let yaml = [deployment("web", 2, "", ""), cluster(&UNEVEN)].concat();
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("big".to_owned(), 1), ("small".to_owned(), 1)]),
        "siblings spread even onto the smaller node"
    );
    let strangers = [pod("a", "", ""), pod("b", "", ""), cluster(&UNEVEN)].concat();
    let (world, _) = sim::world(&strangers);
    assert_eq!(node_of(&world, "a"), Some("big"));
    assert_eq!(
        node_of(&world, "b"),
        Some("big"),
        "unrelated pods follow the least-allocated score"
    );
}

#[test]
fn rule_4_9_pods_of_one_service_spread_too() {
    let labelled = |name: &str| {
        format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{app: api}}\nspec:\n  containers:\n  - name: app\n    image: nginx\n"
        )
    };
    let service = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: api}\n  ports:\n  - port: 80\n";
    let yaml = [
        labelled("a"),
        labelled("b"),
        service.to_owned(),
        cluster(&UNEVEN),
    ]
    .concat();
    let (world, _) = sim::world(&yaml);
    let mut nodes = vec![node_of(&world, "a").unwrap(), node_of(&world, "b").unwrap()];
    nodes.sort_unstable();
    assert_eq!(nodes, ["big", "small"]);
}

#[test]
fn rule_4_9_statefulset_pods_spread_too() {
    let sts = "---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 2\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - name: db\n        image: postgres\n";
    let (world, _) = sim::world(&(sts.to_owned() + &cluster(&UNEVEN)));
    assert_eq!(
        per_node(&world, "db-"),
        BTreeMap::from([("big".to_owned(), 1), ("small".to_owned(), 1)])
    );
}

// ---------------------------------------------------------------------------------------
// 4.10, 4.11 Inter-pod affinity and anti-affinity
// ---------------------------------------------------------------------------------------

/// A pod spec block (indented for a Deployment's template) with one required term.
fn pod_term(kind: &str, selector: &str, topology_key: &str) -> String {
    format!(
        "      affinity:\n        {kind}:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector: {{matchLabels: {selector}}}\n            topologyKey: {topology_key}\n"
    )
}

const DOMAINS: [&str; 3] = [
    "{name: a1, labels: {zone: a}}",
    "{name: a2, labels: {zone: a}}",
    "{name: b1, labels: {zone: b}}",
];

#[test]
fn rule_4_11_three_replicas_with_hostname_anti_affinity_on_two_workers_leave_one_pending() {
    let anti = pod_term("podAntiAffinity", "{app: web}", "kubernetes.io/hostname");
    // The default cluster: a tainted control plane and two workers.
    let (world, _) = sim::world(&deployment("web", 3, &anti, ""));
    let running = per_node(&world, "web-");
    assert_eq!(running.len(), 2, "{running:?}");
    assert!(running.values().all(|&n| n == 1), "{running:?}");
    let pending: Vec<_> = sim::pods_of(&world, "web-")
        .into_iter()
        .filter(|p| is_pending(p))
        .collect();
    assert_eq!(pending.len(), 1);
    let why = reason(pending[0]);
    assert!(why.starts_with("0/3 nodes are available: "), "{why}");
    assert!(
        why.contains("2 node(s) didn't match pod anti-affinity rules"),
        "{why}"
    );
    assert!(why.contains("1 node(s) had untolerated taint"), "{why}");
}

#[test]
fn rule_4_10_anti_affinity_counts_the_whole_topology_domain() {
    let anti = pod_term("podAntiAffinity", "{app: web}", "zone");
    let (world, _) = sim::world(&(deployment("web", 3, &anti, "") + &cluster(&DOMAINS)));
    let zones: Vec<&str> = sim::pods_of(&world, "web-")
        .iter()
        .filter_map(|p| p.node.as_deref())
        .map(|n| if n.starts_with('a') { "a" } else { "b" })
        .collect();
    assert_eq!(zones.len(), 2, "one pod per zone, the third Pending");
    assert_ne!(zones[0], zones[1]);
}

#[test]
fn rule_4_10_a_node_without_the_topology_label_passes_anti_affinity() {
    let anti = pod_term("podAntiAffinity", "{app: web}", "zone");
    let nodes = ["{name: a1, labels: {zone: a}}", "{name: bare}"];
    let (world, _) = sim::world(&(deployment("web", 3, &anti, "") + &cluster(&nodes)));
    let running = per_node(&world, "web-");
    assert_eq!(running.get("a1"), Some(&1), "{running:?}");
    assert_eq!(running.get("bare"), Some(&2), "{running:?}");
}

#[test]
fn rule_4_10_required_affinity_follows_a_matching_pod_into_its_zone() {
    let cache = pod("cache", "  nodeName: b1\n", "");
    let affine = pod_term("podAffinity", "{pod: cache}", "zone");
    let yaml = cache + &deployment("web", 2, &affine, "") + &cluster(&DOMAINS);
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("b1".to_owned(), 2)])
    );
}

#[test]
fn rule_4_10_required_affinity_with_no_matching_pod_stays_pending() {
    let affine = pod_term("podAffinity", "{pod: cache}", "zone");
    let (world, _) = sim::world(&(deployment("web", 1, &affine, "") + &cluster(&DOMAINS)));
    let p = &sim::pods_of(&world, "web-")[0];
    assert_pending_because(p, "3 node(s) didn't match pod affinity rules");
}

#[test]
fn rule_4_10_the_first_of_a_self_affine_group_may_start_anywhere() {
    let affine = pod_term("podAffinity", "{app: web}", "zone");
    let (world, _) = sim::world(&(deployment("web", 3, &affine, "") + &cluster(&DOMAINS)));
    let nodes: Vec<&str> = sim::pods_of(&world, "web-")
        .iter()
        .filter_map(|p| p.node.as_deref())
        .collect();
    assert_eq!(nodes.len(), 3, "all three run");
    let zone = |n: &str| n.starts_with('a');
    assert!(nodes.iter().all(|n| zone(n) == zone(nodes[0])), "{nodes:?}");
}

#[test]
fn rule_4_10_terms_match_pods_in_their_own_namespace_unless_they_name_others() {
    let other = "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\n  namespace: shop\n  labels: {pod: cache}\nspec:\n  nodeName: b1\n  containers:\n  - name: app\n    image: nginx\n";
    let own = pod_term("podAffinity", "{pod: cache}", "zone");
    let (world, _) =
        sim::world(&(other.to_owned() + &deployment("web", 1, &own, "") + &cluster(&DOMAINS)));
    assert!(
        is_pending(sim::pods_of(&world, "web-")[0]),
        "the term looks in default only"
    );

    let named = own.replace(
        "            topologyKey: zone\n",
        "            namespaces: [shop]\n            topologyKey: zone\n",
    );
    let (world, _) =
        sim::world(&(other.to_owned() + &deployment("web", 1, &named, "") + &cluster(&DOMAINS)));
    assert_eq!(
        node_of(&world, &sim::pods_of(&world, "web-")[0].name),
        Some("b1")
    );

    let every = own.replace(
        "            topologyKey: zone\n",
        "            namespaceSelector: {}\n            topologyKey: zone\n",
    );
    let (world, _) =
        sim::world(&(other.to_owned() + &deployment("web", 1, &every, "") + &cluster(&DOMAINS)));
    assert_eq!(
        node_of(&world, &sim::pods_of(&world, "web-")[0].name),
        Some("b1")
    );
}

#[test]
fn rule_4_11_an_existing_pods_anti_affinity_repels_a_pod_without_rules() {
    let guard = "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: guard\n  labels: {role: guard}\nspec:\n  nodeName: a1\n  affinity:\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - labelSelector: {matchLabels: {app: web}}\n        topologyKey: zone\n  containers:\n  - name: app\n    image: nginx\n";
    let (world, _) =
        sim::world(&(guard.to_owned() + &deployment("web", 2, "", "") + &cluster(&DOMAINS)));
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("b1".to_owned(), 2)]),
        "zone a is closed to app=web"
    );
    let nodes = [
        "{name: a1, labels: {zone: a}}",
        "{name: a2, labels: {zone: a}}",
    ];
    let (world, _) =
        sim::world(&(guard.to_owned() + &deployment("web", 1, "", "") + &cluster(&nodes)));
    assert_pending_because(
        sim::pods_of(&world, "web-")[0],
        "2 node(s) didn't satisfy existing pods anti-affinity rules",
    );
}

#[test]
fn rule_4_10_an_empty_topology_key_is_rejected() {
    let anti = pod_term("podAntiAffinity", "{app: web}", "\"\"");
    let loaded = kubeglass_core::load::load(&deployment("web", 1, &anti, ""));
    let messages: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.en.clone())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains(
            "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty"
        )),
        "{messages:?}"
    );
}

/// A bare pod `web` with one preferred term of `kind` towards pods labelled `pod: cache`.
fn web_preferring(kind: &str) -> String {
    pod(
        "web",
        &format!("  affinity:\n    {kind}:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 100\n        podAffinityTerm:\n          labelSelector: {{matchLabels: {{pod: cache}}}}\n          topologyKey: zone\n"),
        "",
    )
}

#[test]
fn rule_4_11_preferred_terms_pull_towards_or_push_away_from_matching_pods() {
    let cache = pod("cache", "  nodeName: b1\n", "");
    let (near, _) =
        sim::world(&(cache.clone() + &web_preferring("podAffinity") + &cluster(&DOMAINS)));
    assert_eq!(node_of(&near, "web"), Some("b1"));
    let (far, _) = sim::world(&(cache + &web_preferring("podAntiAffinity") + &cluster(&DOMAINS)));
    assert!(
        node_of(&far, "web").is_some_and(|n| n.starts_with('a')),
        "{:?}",
        node_of(&far, "web")
    );
}

#[test]
fn rule_4_11_an_existing_pods_preferred_anti_affinity_counts_for_the_newcomer() {
    let guard = |kind: &str| {
        format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: guard\n  labels: {{pod: guard}}\nspec:\n  nodeName: a1\n  affinity:\n    {kind}:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 100\n        podAffinityTerm:\n          labelSelector: {{matchLabels: {{pod: web}}}}\n          topologyKey: zone\n  containers:\n  - name: app\n    image: nginx\n")
    };
    let (apart, _) =
        sim::world(&(guard("podAntiAffinity") + &pod("web", "", "") + &cluster(&DOMAINS)));
    assert_eq!(node_of(&apart, "web"), Some("b1"));
    let (together, _) =
        sim::world(&(guard("podAffinity") + &pod("web", "", "") + &cluster(&DOMAINS)));
    assert_eq!(
        node_of(&together, "web"),
        Some("a2"),
        "zone a, beside the busy a1"
    );
}

// ---------------------------------------------------------------------------------------
// 4.14 Pod topology spread
// ---------------------------------------------------------------------------------------

/// A pod labelled `app: web` pinned to `node`.
fn web_on(name: &str, node: &str) -> String {
    format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{app: web}}\nspec:\n  nodeName: {node}\n  containers:\n  - name: app\n    image: nginx\n")
}

/// A pod labelled `app: web` spreading over zones with one constraint; `extra` adds fields.
fn spreading(name: &str, when: &str, extra: &str) -> String {
    format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{app: web}}\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 1\n    topologyKey: zone\n    whenUnsatisfiable: {when}\n    labelSelector: {{matchLabels: {{app: web}}}}\n{extra}  containers:\n  - name: app\n    image: nginx\n")
}

#[test]
fn rule_4_14_a_pod_goes_where_the_skew_stays_within_max_skew() {
    // Zones a = 2 and b = 1: adding to a gives 2 + 1 - 1 = 2 > 1, so only zone b passes.
    let yaml = web_on("w1", "a1")
        + &web_on("w2", "a2")
        + &web_on("w3", "b1")
        + &spreading("new", "DoNotSchedule", "")
        + &cluster(&DOMAINS);
    let (world, _) = sim::world(&yaml);
    assert_eq!(node_of(&world, "new"), Some("b1"));
}

#[test]
fn rule_4_14_nodes_without_the_key_are_rejected_and_count_for_nothing() {
    let nodes = [
        "{name: a1, labels: {zone: a}}",
        "{name: b1, labels: {zone: b}}",
        "{name: bare}",
    ];
    let yaml = web_on("w1", "a1")
        + &web_on("w2", "bare")
        + &web_on("w3", "bare")
        + &spreading("new", "DoNotSchedule", "")
        + &cluster(&nodes);
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        node_of(&world, "new"),
        Some("b1"),
        "a = 1, b = 0; bare is no domain"
    );
}

#[test]
fn rule_4_14_node_affinity_policy_decides_which_domains_count() {
    let nodes = [
        "{name: a1, labels: {zone: a}}",
        "{name: b1, labels: {zone: b}}",
    ];
    let in_a = |policy: &str| {
        spreading("new", "DoNotSchedule", policy)
            .replace("spec:\n", "spec:\n  nodeSelector: {zone: a}\n")
    };
    // Honor (the default): zone b, ruled out by the selector, is no domain; a alone is even.
    let (world, _) = sim::world(&(web_on("w1", "a1") + &in_a("") + &cluster(&nodes)));
    assert_eq!(node_of(&world, "new"), Some("a1"));
    // Ignore: b counts with 0 pods, so a second pod in a would make a skew of 2.
    let ignore = "    nodeAffinityPolicy: Ignore\n";
    let (world, _) = sim::world(&(web_on("w1", "a1") + &in_a(ignore) + &cluster(&nodes)));
    assert_pending_because(
        sim::pod(&world, "new"),
        "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't match pod topology spread constraints.",
    );
}

#[test]
fn rule_4_14_fewer_domains_than_min_domains_make_the_global_minimum_zero() {
    let nodes = [
        "{name: a1, labels: {zone: a}}",
        "{name: b1, labels: {zone: b}}",
    ];
    let yaml = web_on("w1", "a1")
        + &web_on("w2", "b1")
        + &spreading("new", "DoNotSchedule", "    minDomains: 3\n")
        + &cluster(&nodes);
    let (world, _) = sim::world(&yaml);
    assert_pending_because(
        sim::pod(&world, "new"),
        "2 node(s) didn't match pod topology spread constraints",
    );
    let yaml = web_on("w1", "a1")
        + &web_on("w2", "b1")
        + &spreading("new", "DoNotSchedule", "")
        + &cluster(&nodes);
    let (world, _) = sim::world(&yaml);
    assert!(
        node_of(&world, "new").is_some(),
        "with minDomains 1 the minimum is 1"
    );
}

#[test]
fn rule_4_14_a_selector_that_misses_the_pod_itself_never_adds_one() {
    let other = spreading("new", "DoNotSchedule", "")
        .replace("  labels: {app: web}\n", "  labels: {app: other}\n");
    let nodes = [
        "{name: a1, labels: {zone: a}}",
        "{name: b1, labels: {zone: b}}",
    ];
    // a = 2, b = 1: the skew on a is 2 + 0 - 1 = 1, within maxSkew, so both zones pass.
    let yaml =
        web_on("w1", "a1") + &web_on("w2", "a1") + &web_on("w3", "b1") + &other + &cluster(&nodes);
    let (world, _) = sim::world(&yaml);
    assert!(node_of(&world, "new").is_some());
}

#[test]
fn rule_4_14_schedule_anyway_prefers_the_emptier_domain_but_never_blocks() {
    let nodes = [
        "{name: a1, labels: {zone: a}}",
        "{name: b1, labels: {zone: b}}",
    ];
    let yaml = web_on("w1", "a1")
        + &web_on("w2", "a1")
        + &web_on("w3", "a1")
        + &spreading("new", "ScheduleAnyway", "")
        + &cluster(&nodes);
    let (world, _) = sim::world(&yaml);
    assert_eq!(node_of(&world, "new"), Some("b1"));
    let only_a = ["{name: a1, labels: {zone: a}}"];
    let yaml = web_on("w1", "a1")
        + &web_on("w2", "a1")
        + &spreading("new", "ScheduleAnyway", "")
        + &cluster(&only_a);
    let (world, _) = sim::world(&yaml);
    assert_eq!(node_of(&world, "new"), Some("a1"));
}

#[test]
fn rule_4_14_replicas_spread_evenly_over_zones_of_unequal_size() {
    let spread = "      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: zone\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector: {matchLabels: {app: web}}\n";
    let (world, _) = sim::world(&(deployment("web", 4, spread, "") + &cluster(&DOMAINS)));
    let running = per_node(&world, "web-");
    let zone_a = running.get("a1").unwrap_or(&0) + running.get("a2").unwrap_or(&0);
    assert_eq!(
        (zone_a, running.get("b1").copied()),
        (2, Some(2)),
        "{running:?}"
    );
}

#[test]
fn rule_4_14_the_api_server_checks_each_constraint() {
    let bad =
        spreading("p", "Sometimes", "    minDomains: 2\n").replace("maxSkew: 1", "maxSkew: 0");
    let loaded = kubeglass_core::load::load(&bad);
    let messages: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.en.clone())
        .collect();
    for expected in [
        "spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero",
        "spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: \"Sometimes\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"",
        "spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not Sometimes",
    ] {
        assert!(messages.iter().any(|m| m.contains(expected)), "{expected}\n{messages:#?}");
    }
}

#[test]
fn rule_4_12_the_message_ends_with_what_preemption_found() {
    // The issue's example: a tainted control plane, two workers already running the group.
    let anti = pod_term("podAntiAffinity", "{app: web}", "kubernetes.io/hostname");
    let (world, _) = sim::world(&deployment("web", 3, &anti, ""));
    let pending: Vec<_> = sim::pods_of(&world, "web-")
        .into_iter()
        .filter(|p| is_pending(p))
        .collect();
    assert_eq!(
        reason(pending[0]),
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.."
    );
}

#[test]
fn rule_4_12_a_claim_refused_before_any_node_is_tried_replaces_the_counts() {
    let yaml = pod(
        "p",
        "  volumes:\n  - name: data\n    persistentVolumeClaim: {claimName: data}\n",
        "",
    );
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        reason(sim::pod(&world, "p")),
        "0/3 nodes are available: persistentvolumeclaim \"data\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."
    );
}

// ---------------------------------------------------------------------------------------
// 4.15 Cordon
// ---------------------------------------------------------------------------------------

#[test]
fn rule_4_15_cordon_keeps_new_pods_off_the_node_and_leaves_running_ones() {
    let nodes = ["n1", "n2"];
    let (mut world, _) = sim::world(&(deployment("web", 2, "", "") + &cluster(&nodes)));
    let before = per_node(&world, "web-");
    assert_eq!(before.len(), 2, "{before:?}");
    let outcome = sim::play(&mut world, "cordon: n1");
    assert!(outcome.applied);
    assert!(
        outcome.explanation.en.starts_with("node/n1 cordoned."),
        "{}",
        outcome.explanation.en
    );
    assert!(world.cluster.node("n1").unwrap().unschedulable);
    assert_eq!(per_node(&world, "web-"), before, "running pods stay");
    sim::play(
        &mut world,
        "scale: {kind: Deployment, name: web, replicas: 4}",
    );
    let after = per_node(&world, "web-");
    assert_eq!(after.get("n1"), Some(&1), "{after:?}");
    assert_eq!(after.get("n2"), Some(&3), "{after:?}");
    let again = sim::play(&mut world, "cordon: n1");
    assert_eq!(again.explanation.en, "node/n1 already cordoned");
}

#[test]
fn rule_4_15_a_cordoned_cluster_leaves_pods_pending_until_uncordon() {
    let (mut world, _) = sim::world(&(deployment("web", 0, "", "") + &cluster(&["n1"])));
    sim::play(&mut world, "cordon: n1");
    sim::play(
        &mut world,
        "scale: {kind: Deployment, name: web, replicas: 1}",
    );
    let pending = sim::pods_of(&world, "web-")[0].name.clone();
    assert_pending_because(
        sim::pod(&world, &pending),
        "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
    );
    let outcome = sim::play(&mut world, "uncordon: {node: n1}");
    assert!(
        outcome.explanation.en.starts_with("node/n1 uncordoned"),
        "{}",
        outcome.explanation.en
    );
    assert_eq!(node_of(&world, &pending), Some("n1"), "scheduled at once");
    assert!(sim::refused(&mut world, "cordon: n9").contains("there is no node n9"));
}

// ---------------------------------------------------------------------------------------
// addNode: a new node takes pending pods, and DaemonSets follow
// ---------------------------------------------------------------------------------------

#[test]
fn rule_4_1_a_new_node_takes_the_pods_that_fitted_nowhere() {
    let big = "        resources:\n          requests: {cpu: 1500m, memory: 100Mi}\n";
    let yaml = deployment("web", 2, "", big) + &cluster(&["n1"]);
    let (mut world, _) = sim::world(&yaml);
    assert_eq!(
        per_node(&world, "web-").values().sum::<usize>(),
        1,
        "one fits on n1"
    );
    let outcome = sim::play(&mut world, "addNode: {name: n2, labels: {disk: ssd}}");
    assert!(outcome.applied, "{}", outcome.explanation.en);
    assert!(
        outcome.explanation.en.starts_with(
            "Node n2 joined the cluster (192.168.56.31, pods from 20.96.1.0/24), Ready"
        ),
        "{}",
        outcome.explanation.en
    );
    assert_eq!(
        per_node(&world, "web-"),
        BTreeMap::from([("n1".to_owned(), 1), ("n2".to_owned(), 1)])
    );
    let n2 = world.cluster.node("n2").unwrap();
    assert_eq!(
        n2.labels.get("kubernetes.io/hostname").map(String::as_str),
        Some("n2")
    );
    assert_eq!(n2.labels.get("disk").map(String::as_str), Some("ssd"));
    assert!(n2.is_up());
    assert!(sim::refused(&mut world, "addNode: {name: n2}").contains("nodes \"n2\" already exists"));
}

#[test]
fn rule_3_10_a_daemonset_starts_a_pod_on_a_node_that_joins() {
    let (mut world, _) = sim::world(&(sim::DAEMONSET.to_owned() + &cluster(&["n1"])));
    assert_eq!(sim::pods_of(&world, "agent-").len(), 1);
    sim::play(&mut world, "addNode: {name: n2, cpu: 4, memory: 8Gi}");
    assert_eq!(
        per_node(&world, "agent-"),
        BTreeMap::from([("n1".to_owned(), 1), ("n2".to_owned(), 1)])
    );
    assert_eq!(
        world.cluster.node("n2").unwrap().allocatable.cpu_milli,
        4000
    );
}
