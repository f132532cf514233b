//! Rules 3.x (pods and controllers) and 6.x (workload kinds and selectors) of
//! docs/k8s-semantics.md, played on the simulator.

#[path = "support/sim.rs"]
mod sim;

use kubeglass_core::cluster::{Phase, Pod, Store, NODE_GRACE};
use kubeglass_core::diagnostic::Code;
use kubeglass_core::load::load;
use kubeglass_core::model::{TaintEffect, WorkloadKind};
use kubeglass_core::sim::World;
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

/// The alphabet of generated name suffixes (no vowels, no look-alikes).
const SAFE: &str = "bcdfghjklmnpqrstvwxz2456789";

fn is_suffix(s: &str) -> bool {
    s.len() == 5 && s.chars().all(|c| SAFE.contains(c))
}

/// Live (non-terminating) pods whose name starts with `prefix`.
fn live<'w>(world: &'w World, prefix: &str) -> Vec<&'w Pod> {
    sim::pods_of(world, prefix)
        .into_iter()
        .filter(|p| !p.terminating)
        .collect()
}

fn workload_kind(world: &World, pod: &Pod) -> Option<WorkloadKind> {
    pod.owner
        .as_ref()
        .map(|o| world.cluster.workloads[o.workload].kind)
}

fn deployment(name: &str, replicas: u32, extra_spec: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: {replicas}
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
{extra_spec}      containers:
      - name: app
        image: nginx:1.25
"#
    )
}

fn statefulset(name: &str, replicas: u32, extra: &str, pod_extra: &str) -> String {
    format!(
        r#"apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector: {{app: {name}}}
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {name}
spec:
  serviceName: nginx
  replicas: {replicas}
{extra}  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
{pod_extra}      containers:
      - name: nginx
        image: nginx:1.25
"#
    )
}

// ---------------------------------------------------------------------------------------
// 3.1 Pod IPs
// ---------------------------------------------------------------------------------------

#[test]
fn rule_3_1_pods_get_unique_ips_from_their_nodes_pod_cidr() {
    let (world, _) = sim::world(&deployment("web", 6, ""));
    let pods = sim::pods_of(&world, "web-");
    assert_eq!(pods.len(), 6);
    let mut seen = BTreeSet::new();
    for pod in &pods {
        let ip = pod.ip.expect("a running pod has an IP");
        assert!(seen.insert(ip), "IP {ip} given twice");
        let node = world
            .cluster
            .node(pod.node.as_deref().expect("bound"))
            .unwrap();
        assert_eq!(
            u32::from(ip) & 0xffff_ff00,
            u32::from(node.pod_cidr),
            "pod {} ({ip}) is outside its node's /24 {}",
            pod.name,
            node.pod_cidr
        );
    }
    let cidrs: BTreeSet<Ipv4Addr> = world.cluster.nodes.iter().map(|n| n.pod_cidr).collect();
    assert_eq!(
        cidrs.len(),
        world.cluster.nodes.len(),
        "each node has its own /24"
    );
    let used: BTreeSet<&str> = pods.iter().filter_map(|p| p.node.as_deref()).collect();
    assert_eq!(used.len(), 2, "pods spread over both workers: {used:?}");
}

#[test]
fn rule_3_1_host_network_pod_uses_the_node_ip() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  hostNetwork: true
  nodeSelector: {kubernetes.io/hostname: k8s-node2}
  containers:
  - name: agent
    image: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: normal
spec:
  nodeSelector: {kubernetes.io/hostname: k8s-node2}
  containers:
  - name: app
    image: busybox
"#;
    let (world, _) = sim::world(yaml);
    let node_ip = world.cluster.node("k8s-node2").unwrap().ip;
    assert_eq!(sim::pod(&world, "agent").ip, Some(node_ip));
    let normal = sim::pod(&world, "normal").ip.unwrap();
    assert_ne!(normal, node_ip);
    assert_eq!(
        u32::from(normal) & 0xffff_ff00,
        u32::from(world.cluster.node("k8s-node2").unwrap().pod_cidr)
    );
}

// ---------------------------------------------------------------------------------------
// 3.2 Pods never move
// ---------------------------------------------------------------------------------------

#[test]
fn rule_3_2_deleted_deployment_pod_is_replaced_by_a_new_pod_with_new_uid_name_and_ip() {
    let (mut world, _) = sim::world(&deployment("web", 1, ""));
    let old = sim::pods_of(&world, "web-")[0].clone();
    let outcome = sim::play(&mut world, "deletePod: deployment/web");
    assert!(outcome.applied);
    let pods = sim::pods_of(&world, "web-");
    assert_eq!(pods.len(), 1);
    let new = pods[0];
    assert_ne!(new.uid, old.uid);
    assert_ne!(new.name, old.name);
    assert_ne!(new.ip, old.ip);
    assert!(world.cluster.pod_by_uid(old.uid).is_none());
}

#[test]
fn rule_3_2_statefulset_replacement_reuses_the_name_but_not_the_uid_or_ip() {
    let (mut world, _) = sim::world(&statefulset("web", 1, "", ""));
    let old = sim::pod(&world, "web-0").clone();
    sim::play(&mut world, "deletePod: web-0");
    let new = sim::pod(&world, "web-0");
    assert_ne!(new.uid, old.uid);
    assert_ne!(new.ip, old.ip);
    assert_eq!(new.phase, Phase::Running);
}

#[test]
fn rule_3_2_a_pod_stays_bound_to_its_failed_node_and_a_new_pod_replaces_it() {
    let pin = "      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            preference:
              matchExpressions:
              - {key: kubernetes.io/hostname, operator: In, values: [k8s-node1]}
";
    let (mut world, _) = sim::world(&deployment("web", 1, pin));
    let old = sim::pods_of(&world, "web-")[0].clone();
    assert_eq!(old.node.as_deref(), Some("k8s-node1"));
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 6m");
    let stale = world
        .cluster
        .pod_by_uid(old.uid)
        .expect("still Terminating");
    assert_eq!(
        stale.node.as_deref(),
        Some("k8s-node1"),
        "a pod never moves"
    );
    assert!(stale.terminating);
    let fresh = live(&world, "web-");
    assert_eq!(fresh.len(), 1);
    assert_ne!(fresh[0].uid, old.uid);
    assert_eq!(fresh[0].node.as_deref(), Some("k8s-node2"));
    assert_eq!(fresh[0].phase, Phase::Running);
}

// ---------------------------------------------------------------------------------------
// 3.3 Container restart vs pod deletion
// ---------------------------------------------------------------------------------------

const POD_WITH_EMPTYDIR: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: box
spec:
  nodeSelector: {kubernetes.io/hostname: k8s-node1}
  containers:
  - name: app
    image: busybox
    volumeMounts:
    - {name: cache, mountPath: /cache}
  volumes:
  - name: cache
    emptyDir: {}
"#;

#[test]
fn rule_3_3_container_restart_keeps_pod_node_ip_and_volumes_but_not_the_container_layer() {
    let (mut world, _) = sim::world(POD_WITH_EMPTYDIR);
    let before = sim::pod(&world, "box").clone();
    assert!(sim::play(&mut world, "write: {pod: box, path: /cache/kept.txt}").applied);
    assert!(sim::play(&mut world, "write: {pod: box, path: /tmp/layer.txt}").applied);
    let layer = Store::Container {
        pod: before.uid,
        container: "app".into(),
        generation: 0,
    };
    assert_eq!(world.cluster.files_in(&layer).len(), 1);
    assert!(sim::play(&mut world, "restartContainer: {pod: box}").applied);
    let after = sim::pod(&world, "box");
    assert_eq!(after.uid, before.uid);
    assert_eq!(after.node, before.node);
    assert_eq!(after.ip, before.ip);
    assert_eq!(after.restarts, vec![1]);
    assert_eq!(after.phase, Phase::Running);
    let cache = after.volumes[0].store.clone().unwrap();
    let files: Vec<&str> = world
        .cluster
        .files_in(&cache)
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(files, ["kept.txt"]);
    assert!(
        world.cluster.files_in(&layer).is_empty(),
        "the old writable layer is gone"
    );
    let new_layer = Store::Container {
        pod: before.uid,
        container: "app".into(),
        generation: 1,
    };
    assert!(world.cluster.files_in(&new_layer).is_empty());
}

#[test]
fn rule_3_3_restart_policy_never_fails_the_pod_instead_of_restarting() {
    let yaml = POD_WITH_EMPTYDIR.replace("spec:\n", "spec:\n  restartPolicy: Never\n");
    let (mut world, _) = sim::world(&yaml);
    sim::play(&mut world, "restartContainer: {pod: box}");
    let pod = sim::pod(&world, "box");
    assert_eq!(pod.phase, Phase::Failed);
    assert!(!pod.ready);
    assert_eq!(pod.restarts, vec![0]);
}

#[test]
fn rule_3_3_restart_policy_on_failure_restarts_in_the_same_pod() {
    let yaml = POD_WITH_EMPTYDIR.replace("spec:\n", "spec:\n  restartPolicy: OnFailure\n");
    let (mut world, _) = sim::world(&yaml);
    let uid = sim::pod(&world, "box").uid;
    sim::play(&mut world, "restartContainer: {pod: box}");
    let pod = sim::pod(&world, "box");
    assert_eq!(pod.uid, uid);
    assert_eq!(pod.phase, Phase::Running);
    assert_eq!(pod.restarts, vec![1]);
}

#[test]
fn rule_3_3_pod_deletion_destroys_pod_lifetime_data() {
    let yaml = deployment("web", 1, "").replace(
        "        image: nginx:1.25\n",
        "        image: nginx:1.25\n        volumeMounts:\n        - {name: cache, mountPath: /cache}\n      volumes:\n      - name: cache\n        emptyDir: {}\n",
    );
    let (mut world, _) = sim::world(&yaml);
    sim::play(
        &mut world,
        "write: {pod: deployment/web, path: /cache/a.txt}",
    );
    let old = sim::pods_of(&world, "web-")[0].volumes[0]
        .store
        .clone()
        .unwrap();
    assert_eq!(world.cluster.files_in(&old).len(), 1);
    sim::play(&mut world, "deletePod: deployment/web");
    assert!(world.cluster.files_in(&old).is_empty());
    let new = sim::pods_of(&world, "web-")[0].volumes[0]
        .store
        .clone()
        .unwrap();
    assert_ne!(new, old);
    assert!(world.cluster.files_in(&new).is_empty());
}

// ---------------------------------------------------------------------------------------
// 3.4 Bare Pod
// ---------------------------------------------------------------------------------------

#[test]
fn rule_3_4_bare_pod_is_not_recreated_after_deletion() {
    let (mut world, _) = sim::world(POD_WITH_EMPTYDIR);
    assert!(sim::play(&mut world, "deletePod: box").applied);
    assert!(world.cluster.pods.is_empty(), "{:?}", sim::names(&world));
    sim::play(&mut world, "wait: 10m");
    assert!(world.cluster.pods.is_empty(), "{:?}", sim::names(&world));
}

#[test]
fn rule_3_4_bare_pod_is_not_recreated_after_node_loss() {
    let (mut world, _) = sim::world(POD_WITH_EMPTYDIR);
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 10m");
    assert_eq!(world.cluster.pods.len(), 1, "{:?}", sim::names(&world));
    assert!(sim::pod(&world, "box").terminating);
    sim::play(&mut world, "recoverNode: k8s-node1");
    assert!(
        world.cluster.pods.is_empty(),
        "the returning kubelet completes the eviction; nothing recreates the pod: {:?}",
        sim::names(&world)
    );
}

// ---------------------------------------------------------------------------------------
// 3.5 ReplicaSet / ReplicationController
// ---------------------------------------------------------------------------------------

const REPLICASET: &str = r#"apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: front
spec:
  replicas: 3
  selector:
    matchLabels: {app: front}
  template:
    metadata:
      labels: {app: front}
    spec:
      containers:
      - name: app
        image: nginx
"#;

#[test]
fn rule_3_5_replicaset_keeps_replicas_with_random_five_char_names() {
    let (mut world, _) = sim::world(REPLICASET);
    let pods = sim::pods_of(&world, "front-");
    assert_eq!(pods.len(), 3);
    for p in &pods {
        let suffix = p.name.strip_prefix("front-").unwrap();
        assert!(is_suffix(suffix), "bad generated name {}", p.name);
        let owner = p.owner.as_ref().unwrap();
        assert_eq!(
            (owner.kind.as_str(), owner.name.as_str()),
            ("ReplicaSet", "front")
        );
    }
    let before: BTreeSet<String> = pods.iter().map(|p| p.name.clone()).collect();
    sim::play(&mut world, "deletePod: replicaset/front#1");
    let after = live(&world, "front-");
    assert_eq!(after.len(), 3);
    let new: Vec<&&Pod> = after.iter().filter(|p| !before.contains(&p.name)).collect();
    assert_eq!(new.len(), 1);
    assert!(is_suffix(new[0].name.strip_prefix("front-").unwrap()));
    assert!(after.iter().all(|p| p.phase == Phase::Running));
}

#[test]
fn rule_3_5_replicaset_adopts_matching_orphans_which_count_toward_replicas() {
    let yaml = format!(
        "{REPLICASET}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: stray\n  labels: {{app: front}}\nspec:\n  containers:\n  - name: app\n    image: nginx\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: other\n  labels: {{app: back}}\nspec:\n  containers:\n  - name: app\n    image: nginx\n"
    );
    let (world, _) = sim::world(&yaml);
    let stray = sim::pod(&world, "stray");
    assert_eq!(workload_kind(&world, stray), Some(WorkloadKind::ReplicaSet));
    assert!(sim::pod(&world, "other").owner.is_none());
    let selected: Vec<&Pod> = world
        .cluster
        .pods
        .iter()
        .filter(|p| p.labels.get("app").map(String::as_str) == Some("front"))
        .collect();
    assert_eq!(
        selected.len(),
        3,
        "the orphan counts, so only 2 new pods: {:?}",
        sim::names(&world)
    );
}

#[test]
fn rule_3_5_replication_controller_keeps_replicas_and_adopts_orphans() {
    let yaml = r#"apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 2
  selector: {app: legacy}
  template:
    metadata:
      labels: {app: legacy}
    spec:
      containers:
      - name: app
        image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: orphan
  labels: {app: legacy}
spec:
  containers:
  - name: app
    image: nginx
"#;
    let (mut world, _) = sim::world(yaml);
    assert_eq!(
        workload_kind(&world, sim::pod(&world, "orphan")),
        Some(WorkloadKind::ReplicationController)
    );
    assert_eq!(world.cluster.pods.len(), 2, "{:?}", sim::names(&world));
    sim::play(&mut world, "deletePod: orphan");
    let pods = live(&world, "");
    assert_eq!(pods.len(), 2, "{:?}", sim::names(&world));
    let new = pods.iter().find(|p| p.name != "orphan").unwrap();
    assert!(is_suffix(new.name.strip_prefix("legacy-").unwrap()));
}

#[test]
fn rule_3_5_replicaset_follows_scale_changes() {
    let (mut world, _) = sim::world(REPLICASET);
    sim::play(
        &mut world,
        "scale: {kind: ReplicaSet, name: front, replicas: 5}",
    );
    assert_eq!(live(&world, "front-").len(), 5);
    sim::play(
        &mut world,
        "scale: {kind: ReplicaSet, name: front, replicas: 1}",
    );
    assert_eq!(world.cluster.pods.len(), 1, "{:?}", sim::names(&world));
}

#[test]
fn rule_3_5_terminating_pods_do_not_count_toward_replicas() {
    let yaml = REPLICASET
        .replace("replicas: 3", "replicas: 2")
        .replace("    spec:\n", "    spec:\n      nodeSelector: {pool: a}\n");
    let yaml = format!(
        "{yaml}---\napiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {{name: t}}\nspec:\n  cluster:\n    nodes:\n    - {{name: a1, labels: {{pool: a}}}}\n    - {{name: a2, labels: {{pool: a}}}}\n  steps: []\n"
    );
    let (mut world, _) = sim::world(&yaml);
    let on_a1 = live(&world, "front-")
        .iter()
        .filter(|p| p.node.as_deref() == Some("a1"))
        .count();
    assert_eq!(on_a1, 1, "spread one per node");
    sim::play(&mut world, "failNode: a1");
    sim::play(&mut world, "wait: 6m");
    let pods = sim::pods_of(&world, "front-");
    assert_eq!(pods.len(), 3, "{:?}", sim::names(&world));
    assert_eq!(pods.iter().filter(|p| p.terminating).count(), 1);
    let active: Vec<&&Pod> = pods.iter().filter(|p| p.is_active()).collect();
    assert_eq!(active.len(), 2);
    assert!(active.iter().all(|p| p.node.as_deref() == Some("a2")));
}

// ---------------------------------------------------------------------------------------
// 3.6 Deployment
// ---------------------------------------------------------------------------------------

#[test]
fn rule_3_6_deployment_pods_belong_to_a_replicaset_named_after_the_template_hash() {
    let (world, _) = sim::world(&deployment("web", 3, ""));
    let pods = sim::pods_of(&world, "web-");
    assert_eq!(pods.len(), 3);
    let owner = pods[0].owner.clone().unwrap();
    assert_eq!(owner.kind, "ReplicaSet");
    let hash = owner.name.strip_prefix("web-").expect("web-<hash>");
    assert!(!hash.is_empty() && hash.chars().all(|c| SAFE.contains(c)));
    for p in &pods {
        assert_eq!(p.owner.as_ref().unwrap().name, owner.name);
        assert_eq!(
            p.labels.get("pod-template-hash").map(String::as_str),
            Some(hash)
        );
        let suffix = p
            .name
            .strip_prefix(&format!("{}-", owner.name))
            .unwrap_or_else(|| panic!("{} is not <rs>-<suffix>", p.name));
        assert!(is_suffix(suffix), "{}", p.name);
    }
}

#[test]
fn rule_3_6_a_template_change_gives_a_new_replicaset() {
    let (a, _) = sim::world(&deployment("web", 1, ""));
    let (b, _) = sim::world(&deployment("web", 1, "").replace("nginx:1.25", "nginx:1.26"));
    let (c, _) = sim::world(&deployment("web", 4, ""));
    let rs = |w: &World| sim::pods_of(w, "web-")[0].owner.clone().unwrap().name;
    assert_ne!(rs(&a), rs(&b), "a new template means a new ReplicaSet");
    assert_eq!(rs(&a), rs(&c), "replicas are not part of the template");
}

// ---------------------------------------------------------------------------------------
// 3.7 StatefulSet order and identity
// ---------------------------------------------------------------------------------------

#[test]
fn rule_3_7_statefulset_creates_pods_in_order() {
    let (world, _) = sim::world(&statefulset("web", 3, "", ""));
    let pods = sim::pods_of(&world, "web-");
    let names: Vec<&str> = pods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["web-0", "web-1", "web-2"],
        "created in ordinal order"
    );
    for (i, p) in pods.iter().enumerate() {
        assert_eq!(p.ordinal, Some(i as u32));
        assert_eq!(p.hostname, p.name);
        assert_eq!(p.subdomain.as_deref(), Some("nginx"));
        assert_eq!(p.phase, Phase::Running);
        assert!(p.ready);
    }
}

#[test]
fn rule_3_7_ordered_ready_waits_for_the_previous_pod() {
    let unschedulable = "      nodeSelector: {disk: none}\n";
    let (world, _) = sim::world(&statefulset("web", 3, "", unschedulable));
    assert_eq!(
        sim::names(&world),
        ["web-0"],
        "web-1 waits for web-0 to be Running and Ready"
    );
    assert_eq!(sim::pod(&world, "web-0").phase, Phase::Pending);
}

#[test]
fn rule_3_7_ordered_ready_does_not_scale_past_a_not_ready_pod() {
    let (mut world, _) = sim::world(&statefulset("web", 1, "", ""));
    let node = sim::pod(&world, "web-0").node.clone().unwrap();
    sim::play(&mut world, &format!("failNode: {node}"));
    sim::play(&mut world, "wait: 1m");
    assert!(!sim::pod(&world, "web-0").ready);
    sim::play(
        &mut world,
        "scale: {kind: StatefulSet, name: web, replicas: 3}",
    );
    assert_eq!(sim::names(&world), ["web-0"]);
}

#[test]
fn rule_3_7_parallel_policy_drops_the_ordering() {
    let unschedulable = "      nodeSelector: {disk: none}\n";
    let (world, _) = sim::world(&statefulset(
        "web",
        3,
        "  podManagementPolicy: Parallel\n",
        unschedulable,
    ));
    let mut names = sim::names(&world);
    names.sort();
    assert_eq!(names, ["web-0", "web-1", "web-2"]);
    assert!(world.cluster.pods.iter().all(|p| p.phase == Phase::Pending));
}

#[test]
fn rule_3_7_scale_down_removes_the_highest_ordinal_first() {
    let (mut world, _) = sim::world(&statefulset("web", 4, "", ""));
    sim::play(
        &mut world,
        "scale: {kind: StatefulSet, name: web, replicas: 2}",
    );
    let mut names = sim::names(&world);
    names.sort();
    assert_eq!(names, ["web-0", "web-1"]);
    sim::play(
        &mut world,
        "scale: {kind: StatefulSet, name: web, replicas: 3}",
    );
    let mut names = sim::names(&world);
    names.sort();
    assert_eq!(names, ["web-0", "web-1", "web-2"]);
}

#[test]
fn rule_3_7_replacement_reuses_name_and_hostname() {
    let (mut world, _) = sim::world(&statefulset("web", 3, "", ""));
    let old = sim::pod(&world, "web-1").clone();
    sim::play(&mut world, "deletePod: web-1");
    let new = sim::pod(&world, "web-1");
    assert_ne!(new.uid, old.uid);
    assert_eq!(new.hostname, "web-1");
    assert_eq!(new.subdomain.as_deref(), Some("nginx"));
    assert_eq!(new.ordinal, Some(1));
    assert_eq!(new.phase, Phase::Running);
    assert_eq!(world.cluster.pods.len(), 3);
}

// ---------------------------------------------------------------------------------------
// 3.8 StatefulSet storage
// ---------------------------------------------------------------------------------------

const STS_STORAGE: &str = r#"  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
"#;

fn sts_with_storage(replicas: u32) -> String {
    let class = r#"apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: ebs.csi.aws.com
---
"#;
    let sts = statefulset("web", replicas, "", "").replace(
        "        image: nginx:1.25\n",
        "        image: nginx:1.25\n        volumeMounts:\n        - {name: www, mountPath: /usr/share/nginx/html}\n",
    );
    format!("{class}{sts}{STS_STORAGE}")
}

#[test]
fn rule_3_8_volume_claim_templates_yield_one_bound_pvc_per_ordinal() {
    let (world, _) = sim::world(&sts_with_storage(2));
    for name in ["www-web-0", "www-web-1"] {
        let claim = world
            .cluster
            .claim("default", name)
            .unwrap_or_else(|| panic!("no claim {name}"));
        assert!(
            matches!(claim.phase, kubeglass_core::cluster::ClaimPhase::Bound(_)),
            "{name}: {:?}",
            claim.phase
        );
    }
    assert!(world.cluster.claim("default", "www-web-2").is_none());
}

#[test]
fn rule_3_8_each_pod_mounts_its_own_claim() {
    let (world, _) = sim::world(&sts_with_storage(2));
    for ordinal in 0..2 {
        let pod = sim::pod(&world, &format!("web-{ordinal}"));
        let claims: Vec<Option<&str>> = pod.volumes.iter().map(|v| v.claim.as_deref()).collect();
        assert_eq!(
            claims,
            [Some(format!("www-web-{ordinal}").as_str())],
            "pod {} volumes: {:?}",
            pod.name,
            pod.volumes
        );
    }
}

#[test]
fn rule_3_8_data_survives_pod_deletion_through_the_claim() {
    let (mut world, _) = sim::world(&sts_with_storage(1));
    let outcome = sim::play(
        &mut world,
        "write: {pod: web-0, path: /usr/share/nginx/html/index.html}",
    );
    assert!(outcome.applied, "{}", outcome.explanation.en);
    sim::play(&mut world, "deletePod: web-0");
    let pod = sim::pod(&world, "web-0");
    let store = pod
        .volumes
        .iter()
        .find(|v| v.claim.as_deref() == Some("www-web-0"))
        .and_then(|v| v.store.clone())
        .unwrap_or_else(|| panic!("web-0 does not mount www-web-0: {:?}", pod.volumes));
    let files: Vec<&str> = world
        .cluster
        .files_in(&store)
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(files, ["index.html"]);
}

#[test]
fn rule_3_8_claims_survive_scale_down_and_are_reused_on_scale_up() {
    let (mut world, _) = sim::world(&sts_with_storage(2));
    let bound = |w: &World| {
        w.cluster
            .claim("default", "www-web-1")
            .unwrap()
            .phase
            .clone()
    };
    let before = bound(&world);
    sim::play(
        &mut world,
        "scale: {kind: StatefulSet, name: web, replicas: 1}",
    );
    assert_eq!(sim::names(&world), ["web-0"]);
    assert_eq!(bound(&world), before, "whenScaled defaults to Retain");
    sim::play(
        &mut world,
        "scale: {kind: StatefulSet, name: web, replicas: 2}",
    );
    assert_eq!(bound(&world), before);
    assert_eq!(world.cluster.claims.len(), 2);
    assert_eq!(sim::pod(&world, "web-1").phase, Phase::Running);
}

// ---------------------------------------------------------------------------------------
// 3.9 StatefulSet at-most-one
// ---------------------------------------------------------------------------------------

#[test]
fn rule_3_9_statefulset_pod_is_not_replaced_while_its_node_is_unreachable() {
    let (mut world, _) = sim::world(&statefulset("web", 1, "", ""));
    let old = sim::pod(&world, "web-0").clone();
    let node = old.node.clone().unwrap();
    sim::play(&mut world, &format!("failNode: {node}"));
    sim::play(&mut world, "wait: 15m");
    let web0: Vec<&Pod> = world
        .cluster
        .pods
        .iter()
        .filter(|p| p.name == "web-0")
        .collect();
    assert_eq!(web0.len(), 1, "at most one web-0");
    assert_eq!(web0[0].uid, old.uid);
    assert!(web0[0].terminating);
    assert_eq!(web0[0].node.as_deref(), Some(node.as_str()));
}

#[test]
fn rule_3_9_statefulset_pod_is_recreated_once_the_node_returns() {
    let (mut world, _) = sim::world(&statefulset("web", 1, "", ""));
    let old = sim::pod(&world, "web-0").clone();
    let node = old.node.clone().unwrap();
    sim::play(&mut world, &format!("failNode: {node}"));
    sim::play(&mut world, "wait: 10m");
    sim::play(&mut world, &format!("recoverNode: {node}"));
    let new = sim::pod(&world, "web-0");
    assert_ne!(new.uid, old.uid);
    assert!(!new.terminating);
    assert_eq!(new.phase, Phase::Running);
}

// ---------------------------------------------------------------------------------------
// 3.10 DaemonSet
// ---------------------------------------------------------------------------------------

fn daemonset(pod_extra: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
{pod_extra}      containers:
      - name: agent
        image: fluentd
"#
    )
}

fn daemon_nodes(world: &World) -> Vec<String> {
    let mut nodes: Vec<String> = live(world, "agent-")
        .iter()
        .filter(|p| p.phase == Phase::Running)
        .filter_map(|p| p.node.clone())
        .collect();
    nodes.sort();
    nodes
}

#[test]
fn rule_3_10_daemonset_runs_one_pod_per_worker_but_not_on_the_control_plane() {
    let (world, _) = sim::world(&daemonset(""));
    assert_eq!(daemon_nodes(&world), ["k8s-node1", "k8s-node2"]);
    assert_eq!(world.cluster.pods.len(), 2, "{:?}", sim::names(&world));
    for p in &world.cluster.pods {
        assert_eq!(
            p.pinned, p.node,
            "placed by a matchFields affinity on its node"
        );
        assert!(is_suffix(p.name.strip_prefix("agent-").unwrap()));
    }
}

#[test]
fn rule_3_10_daemonset_with_a_control_plane_toleration_runs_everywhere() {
    let toleration = "      tolerations:\n      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}\n";
    let (world, _) = sim::world(&daemonset(toleration));
    assert_eq!(
        daemon_nodes(&world),
        ["k8s-master", "k8s-node1", "k8s-node2"]
    );
}

#[test]
fn rule_3_10_daemonset_honours_the_template_node_selector() {
    let (world, _) = sim::world(&daemonset(
        "      nodeSelector: {kubernetes.io/hostname: k8s-node2}\n",
    ));
    assert_eq!(daemon_nodes(&world), ["k8s-node2"]);
    assert_eq!(world.cluster.pods.len(), 1);
}

fn daemon_on(nodes: &str) -> World {
    let yaml = format!(
        "{}---\napiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {{name: t}}\nspec:\n  cluster:\n    nodes:\n{nodes}  steps: []\n",
        daemonset("")
    );
    sim::world(&yaml).0
}

fn pod_states(world: &World) -> Vec<(String, Option<String>, Phase, Option<String>)> {
    world
        .cluster
        .pods
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.pinned.clone(),
                p.phase,
                p.reason.as_ref().map(|r| r.en.clone()),
            )
        })
        .collect()
}

#[test]
fn rule_3_10_daemonset_skips_nodes_with_an_untolerated_taint() {
    let world = daemon_on(
        "    - {name: gpu, taints: [{key: gpu, value: 'true', effect: NoSchedule}]}\n    - {name: drain, taints: [{key: maint, effect: NoExecute}]}\n    - plain\n",
    );
    assert_eq!(daemon_nodes(&world), ["plain"]);
    assert_eq!(world.cluster.pods.len(), 1, "{:?}", pod_states(&world));
}

#[test]
fn rule_3_10_daemonset_pods_tolerate_pressure_taints() {
    let world = daemon_on(
        "    - {name: memory, taints: [{key: node.kubernetes.io/memory-pressure, effect: NoSchedule}]}\n    - {name: disk, taints: [{key: node.kubernetes.io/disk-pressure, effect: NoSchedule}]}\n    - {name: pid, taints: [{key: node.kubernetes.io/pid-pressure, effect: NoSchedule}]}\n    - plain\n",
    );
    assert_eq!(
        daemon_nodes(&world),
        ["disk", "memory", "pid", "plain"],
        "{:?}",
        pod_states(&world)
    );
}

#[test]
fn rule_3_10_daemonset_pods_are_never_evicted_from_an_unreachable_node() {
    let yaml = format!("{}---\n{}", daemonset(""), deployment("web", 2, ""));
    let (mut world, _) = sim::world(&yaml);
    let agent = live(&world, "agent-")
        .into_iter()
        .find(|p| p.node.as_deref() == Some("k8s-node1"))
        .unwrap()
        .clone();
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 20m");
    let still = world.cluster.pod_by_uid(agent.uid).expect("not evicted");
    assert!(!still.terminating);
    let web_on_node1: Vec<&Pod> = sim::pods_of(&world, "web-")
        .into_iter()
        .filter(|p| p.node.as_deref() == Some("k8s-node1"))
        .collect();
    assert!(
        web_on_node1.iter().all(|p| p.terminating),
        "other pods are evicted"
    );
    assert_eq!(
        live(&world, "agent-").len(),
        2,
        "no second agent for the same node"
    );
}

#[test]
fn rule_3_10_daemonset_pod_runs_on_a_cordoned_node() {
    let nodes = r#"apiVersion: v1
kind: Node
metadata:
  name: n1
spec:
  unschedulable: true
  taints:
  - {key: node.kubernetes.io/unschedulable, effect: NoSchedule}
---
apiVersion: v1
kind: Node
metadata:
  name: n2
---
"#;
    let yaml = format!("{nodes}{}---\n{}", daemonset(""), deployment("web", 2, ""));
    let (world, _) = sim::world(&yaml);
    assert!(
        sim::pods_of(&world, "web-")
            .iter()
            .all(|p| p.node.as_deref() == Some("n2")),
        "ordinary pods avoid the cordoned node"
    );
    assert_eq!(
        daemon_nodes(&world),
        ["n1", "n2"],
        "DaemonSet pods tolerate node.kubernetes.io/unschedulable: {:?}",
        world
            .cluster
            .pods
            .iter()
            .map(|p| (&p.name, &p.node, p.phase, p.reason.as_ref().map(|r| &r.en)))
            .collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------
// 3.11 Job and CronJob
// ---------------------------------------------------------------------------------------

fn job(extra: &str, policy: &str) -> String {
    format!(
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
{extra}  template:
    metadata:
      labels: {{task: pi}}
    spec:
      restartPolicy: {policy}
      containers:
      - name: pi
        image: perl
"#
    )
}

#[test]
fn rule_3_11_job_pods_complete_and_remain() {
    let (mut world, _) = sim::world(&job("", "Never"));
    let pods = sim::pods_of(&world, "pi-");
    assert_eq!(pods.len(), 1);
    assert!(is_suffix(pods[0].name.strip_prefix("pi-").unwrap()));
    assert_eq!(pods[0].phase, Phase::Running);
    sim::play(&mut world, "wait: 30s");
    let pods = sim::pods_of(&world, "pi-");
    assert_eq!(pods.len(), 1, "{:?}", sim::names(&world));
    assert_eq!(pods[0].phase, Phase::Succeeded);
    sim::play(&mut world, "wait: 1h");
    assert_eq!(
        sim::pods_of(&world, "pi-").len(),
        1,
        "finished pods remain until the Job is removed"
    );
}

#[test]
fn rule_3_11_job_runs_until_completions_succeed() {
    let (mut world, _) = sim::world(&job("  completions: 3\n  parallelism: 1\n", "Never"));
    assert_eq!(sim::pods_of(&world, "pi-").len(), 1);
    sim::play(&mut world, "wait: 2m");
    let pods = sim::pods_of(&world, "pi-");
    assert_eq!(pods.len(), 3, "{:?}", sim::names(&world));
    assert!(pods.iter().all(|p| p.phase == Phase::Succeeded));
}

#[test]
fn rule_3_11_job_with_never_keeps_the_failed_pod_and_creates_a_new_one() {
    let (mut world, _) = sim::world(&job("", "Never"));
    let first = sim::pods_of(&world, "pi-")[0].uid;
    sim::play(&mut world, "restartContainer: {pod: job/pi}");
    let pods = sim::pods_of(&world, "pi-");
    assert_eq!(pods.len(), 2, "{:?}", sim::names(&world));
    assert_eq!(pods[0].uid, first);
    assert_eq!(pods[0].phase, Phase::Failed);
    assert_eq!(pods[1].phase, Phase::Running);
}

#[test]
fn rule_3_11_job_with_on_failure_restarts_the_container_in_the_same_pod() {
    let (mut world, _) = sim::world(&job("", "OnFailure"));
    let first = sim::pods_of(&world, "pi-")[0].uid;
    sim::play(&mut world, "restartContainer: {pod: job/pi}");
    let pods = sim::pods_of(&world, "pi-");
    assert_eq!(pods.len(), 1, "{:?}", sim::names(&world));
    assert_eq!(pods[0].uid, first);
    assert_eq!(pods[0].restarts, vec![1]);
    assert_eq!(pods[0].phase, Phase::Running);
}

#[test]
fn rule_3_11_job_with_restart_policy_always_is_rejected() {
    let explicit = job("", "Always");
    let defaulted = explicit.replace("      restartPolicy: Always\n", "");
    assert_ne!(explicit, defaulted);
    for yaml in [explicit, defaulted] {
        let loaded = load(&yaml);
        let (_, cluster_diagnostics) = World::new(&loaded.objects);
        let flagged = loaded
            .diagnostics
            .iter()
            .chain(&cluster_diagnostics)
            .any(|d| d.message.en.contains("restartPolicy"));
        assert!(
            flagged,
            "a Job's pods must use OnFailure or Never; nothing says so: {:#?}",
            loaded
                .diagnostics
                .iter()
                .map(|d| &d.message.en)
                .collect::<Vec<_>>()
        );
    }
}

const CRONJOB: &str = r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {task: tick}
        spec:
          restartPolicy: OnFailure
          containers:
          - name: tick
            image: busybox
"#;

#[test]
fn rule_3_11_cronjob_creates_one_job_per_schedule_tick() {
    let (mut world, _) = sim::world(CRONJOB);
    let jobs = |w: &World| {
        w.cluster
            .workloads
            .iter()
            .filter(|j| j.kind == WorkloadKind::Job && j.parent.is_some())
            .count()
    };
    assert_eq!(jobs(&world), 0);
    sim::play(&mut world, "wait: 3m");
    assert_eq!(jobs(&world), 3);
    let pods = sim::pods_of(&world, "tick-");
    assert_eq!(pods.len(), 3, "{:?}", sim::names(&world));
    for p in &pods {
        let owner = p.owner.as_ref().unwrap();
        assert_eq!(owner.kind, "Job");
        assert!(p.name.starts_with(&format!("{}-", owner.name)));
    }
}

// ---------------------------------------------------------------------------------------
// 3.12 Node failure timeline
// ---------------------------------------------------------------------------------------

fn pinned_to_node1(kind_doc: &str) -> String {
    kind_doc.replace(
        "    spec:\n",
        "    spec:\n      affinity:\n        nodeAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n          - weight: 100\n            preference:\n              matchExpressions:\n              - {key: kubernetes.io/hostname, operator: In, values: [k8s-node1]}\n",
    )
}

#[test]
fn rule_3_12_node_is_tainted_unreachable_after_the_grace_period() {
    let (mut world, _) = sim::world(&pinned_to_node1(&deployment("web", 1, "")));
    sim::play(&mut world, "failNode: k8s-node1");
    let grace_s = NODE_GRACE / 1000;
    sim::play(&mut world, &format!("wait: {}", grace_s - 1));
    let node = world.cluster.node("k8s-node1").unwrap();
    assert!(!node.is_up());
    assert!(node
        .taints
        .iter()
        .all(|t| t.key != "node.kubernetes.io/unreachable"));
    assert!(sim::pods_of(&world, "web-")[0].ready, "nothing happens yet");
    sim::play(&mut world, "wait: 1s");
    let node = world.cluster.node("k8s-node1").unwrap();
    assert!(node.taints.iter().any(|t| {
        t.key == "node.kubernetes.io/unreachable" && t.effect == TaintEffect::NoExecute
    }));
    let pod = sim::pods_of(&world, "web-")[0];
    assert!(!pod.ready);
    assert!(!pod.terminating);
    assert_eq!(grace_s, 50, "node-monitor-grace-period in recent releases");
}

#[test]
fn rule_3_12_pods_are_evicted_when_the_300s_toleration_runs_out() {
    let (mut world, _) = sim::world(&pinned_to_node1(&deployment("web", 1, "")));
    let old = sim::pods_of(&world, "web-")[0].uid;
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 349s");
    assert!(!world.cluster.pod_by_uid(old).unwrap().terminating);
    assert_eq!(sim::pods_of(&world, "web-").len(), 1);
    sim::play(&mut world, "wait: 1s");
    let evicted = world.cluster.pod_by_uid(old).expect("stays Terminating");
    assert!(evicted.terminating, "no kubelet confirms the deletion");
    let fresh = live(&world, "web-");
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].node.as_deref(), Some("k8s-node2"));
    assert_eq!(fresh[0].phase, Phase::Running);
}

#[test]
fn rule_3_12_a_pods_own_toleration_seconds_replaces_the_default() {
    let yaml = r#"apiVersion: v1
kind: Pod
metadata:
  name: quick
spec:
  nodeSelector: {kubernetes.io/hostname: k8s-node1}
  tolerations:
  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30}
  containers:
  - name: app
    image: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: forever
spec:
  nodeSelector: {kubernetes.io/hostname: k8s-node1}
  tolerations:
  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}
  containers:
  - name: app
    image: busybox
"#;
    let (mut world, _) = sim::world(yaml);
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 79s");
    assert!(!sim::pod(&world, "quick").terminating);
    sim::play(&mut world, "wait: 1s");
    assert!(sim::pod(&world, "quick").terminating);
    sim::play(&mut world, "wait: 1h");
    assert!(
        !sim::pod(&world, "forever").terminating,
        "no tolerationSeconds: tolerated forever"
    );
}

#[test]
fn rule_3_12_daemonset_pods_stay_on_an_unreachable_node_and_the_story_says_why() {
    let (mut world, _) = sim::world(&daemonset(""));
    let on_node1 = live(&world, "agent-")
        .into_iter()
        .find(|p| p.node.as_deref() == Some("k8s-node1"))
        .expect("an agent on k8s-node1")
        .uid;
    let failed = sim::play(&mut world, "failNode: k8s-node1");
    assert!(
        failed.explanation.en.contains("DaemonSet pods stay on it"),
        "{}",
        failed.explanation.en
    );
    let later = sim::play(&mut world, "wait: 15m");
    let agent = world.cluster.pod_by_uid(on_node1).expect("never evicted");
    assert!(!agent.terminating);
    assert_eq!(agent.node.as_deref(), Some("k8s-node1"));
    assert_eq!(
        daemon_nodes(&world),
        ["k8s-node1", "k8s-node2"],
        "no second agent elsewhere"
    );
    let name = &agent.name;
    assert!(
        later.explanation.en.contains(&format!(
            "{name} stays on k8s-node1: a DaemonSet pod tolerates"
        )),
        "{}",
        later.explanation.en
    );
    assert!(later
        .explanation
        .ko
        .contains(&format!("{name}는 k8s-node1에 남습니다")));
}

#[test]
fn rule_3_12_a_pod_tolerating_for_ever_is_said_to_stay() {
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: forever}\nspec:\n  nodeSelector: {kubernetes.io/hostname: k8s-node1}\n  tolerations: [{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}]\n  containers: [{name: app, image: busybox}]\n";
    let (mut world, _) = sim::world(yaml);
    sim::play(&mut world, "failNode: k8s-node1");
    let later = sim::play(&mut world, "wait: 1m");
    assert!(
        later
            .explanation
            .en
            .contains("forever stays on k8s-node1: its own toleration"),
        "{}",
        later.explanation.en
    );
}

#[test]
fn rule_3_12_job_pods_are_replaced_elsewhere_after_eviction() {
    let (mut world, _) = sim::world(&pinned_to_node1(&job("", "Never")));
    let first = sim::pods_of(&world, "pi-")[0].clone();
    assert_eq!(first.node.as_deref(), Some("k8s-node1"));
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 351s");
    let pods = sim::pods_of(&world, "pi-");
    assert_eq!(pods.len(), 2, "{:?}", sim::names(&world));
    assert!(pods[0].terminating);
    assert_eq!(pods[1].node.as_deref(), Some("k8s-node2"));
    assert_ne!(pods[1].phase, Phase::Pending);
}

#[test]
fn rule_3_12_evicted_pods_go_away_when_the_node_returns() {
    let (mut world, _) = sim::world(&pinned_to_node1(&deployment("web", 1, "")));
    let old = sim::pods_of(&world, "web-")[0].uid;
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 6m");
    assert!(world.cluster.pod_by_uid(old).is_some());
    sim::play(&mut world, "recoverNode: k8s-node1");
    assert!(world.cluster.pod_by_uid(old).is_none());
    assert_eq!(sim::pods_of(&world, "web-").len(), 1);
    let node = world.cluster.node("k8s-node1").unwrap();
    assert!(node
        .taints
        .iter()
        .all(|t| t.key != "node.kubernetes.io/unreachable"));
}

// ---------------------------------------------------------------------------------------
// 6.1 Where the pod template lives
// ---------------------------------------------------------------------------------------

#[test]
fn rule_6_1_pods_inherit_the_template_labels_of_every_kind() {
    let rc = r#"apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  replicas: 1
  template:
    metadata:
      labels: {kind: rc, tier: t}
    spec:
      containers:
      - name: app
        image: nginx
"#;
    let docs = [
        deployment("deploy", 1, ""),
        REPLICASET.replace("replicas: 3", "replicas: 1"),
        rc.to_owned(),
        statefulset("sts", 1, "", ""),
        daemonset(""),
        job("", "Never"),
        CRONJOB.to_owned(),
    ];
    let yaml = docs.join("---\n");
    let (mut world, _) = sim::world(&yaml);
    sim::play(&mut world, "wait: 1m");
    let expect = [
        ("deploy-", "app", "deploy"),
        ("front-", "app", "front"),
        ("rc-", "kind", "rc"),
        ("sts-", "app", "sts"),
        ("agent-", "app", "agent"),
        ("pi-", "task", "pi"),
        ("tick-", "task", "tick"),
    ];
    for (prefix, key, value) in expect {
        let pods = sim::pods_of(&world, prefix);
        assert!(
            !pods.is_empty(),
            "no pods {prefix}*: {:?}",
            sim::names(&world)
        );
        for p in pods {
            assert_eq!(
                p.labels.get(key).map(String::as_str),
                Some(value),
                "{}: {:?}",
                p.name,
                p.labels
            );
        }
    }
}

#[test]
fn rule_6_1_cronjob_pods_come_from_job_template_spec_template() {
    let (mut world, _) = sim::world(CRONJOB);
    sim::play(&mut world, "wait: 1m");
    let pods = sim::pods_of(&world, "tick-");
    assert_eq!(pods.len(), 1);
    assert_eq!(pods[0].spec.containers[0].image, "busybox");
    assert_eq!(
        pods[0].spec.restart_policy,
        kubeglass_core::model::RestartPolicy::OnFailure
    );
}

// ---------------------------------------------------------------------------------------
// 6.2 Selector fields
// ---------------------------------------------------------------------------------------

#[test]
fn rule_6_2_selector_that_does_not_match_the_template_is_flagged() {
    let yaml =
        deployment("web", 1, "").replace("matchLabels: {app: web}", "matchLabels: {app: other}");
    let loaded = load(&yaml);
    let flagged: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Rejected)
        .map(|d| d.message.en.as_str())
        .collect();
    assert_eq!(
        flagged,
        ["The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"],
        "{:#?}",
        loaded.diagnostics
    );
    // Rejected, so no pod runs.
    let (world, _) = World::new(&loaded.objects);
    assert!(world.cluster.pods.is_empty());
}

#[test]
fn rule_6_2_apps_v1_workloads_need_a_selector() {
    for kind in ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"] {
        let yaml = format!(
            "apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: x\nspec:\n  template:\n    metadata:\n      labels: {{app: x}}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n"
        );
        let loaded = load(&yaml);
        assert!(
            loaded.diagnostics.iter().any(|d| d.message.en
                == format!("The {kind} \"x\" is invalid: spec.selector: Required value")),
            "{kind} without spec.selector: {:#?}",
            loaded.diagnostics
        );
    }
}

#[test]
fn rule_6_2_replication_controller_selector_defaults_to_the_template_labels() {
    let yaml = r#"apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  replicas: 1
  template:
    metadata:
      labels: {app: legacy}
    spec:
      containers:
      - name: app
        image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: orphan
  labels: {app: legacy}
spec:
  containers:
  - name: app
    image: nginx
"#;
    let loaded = load(yaml);
    assert!(
        !loaded
            .diagnostics
            .iter()
            .any(|d| d.message.en.contains("selector")),
        "an RC may omit its selector: {:#?}",
        loaded.diagnostics
    );
    let (world, _) = sim::world(yaml);
    assert_eq!(
        workload_kind(&world, sim::pod(&world, "orphan")),
        Some(WorkloadKind::ReplicationController)
    );
    assert_eq!(world.cluster.pods.len(), 1, "{:?}", sim::names(&world));
}

#[test]
fn rule_6_2_job_selector_is_generated_so_it_adopts_no_look_alike_pods() {
    let yaml = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: lookalike\n  labels: {{task: pi}}\nspec:\n  restartPolicy: Never\n  containers:\n  - name: pi\n    image: perl\n",
        job("", "Never")
    );
    let (world, _) = sim::world(&yaml);
    assert!(sim::pod(&world, "lookalike").owner.is_none());
    let job_pods = sim::pods_of(&world, "pi-");
    assert_eq!(job_pods.len(), 1);
    assert_eq!(
        job_pods[0]
            .labels
            .get("batch.kubernetes.io/job-name")
            .map(String::as_str),
        Some("pi")
    );
}

#[test]
fn rule_6_2_service_with_an_empty_selector_selects_nothing() {
    let yaml = format!(
        "{}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: empty\nspec:\n  selector: {{}}\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: absent\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: real\nspec:\n  selector: {{app: web}}\n  ports:\n  - port: 80\n",
        deployment("web", 2, "")
    );
    let (world, _) = sim::world(&yaml);
    assert!(sim::service(&world, "empty").endpoints.is_empty());
    assert!(sim::service(&world, "absent").endpoints.is_empty());
    assert_eq!(sim::service(&world, "real").endpoints.len(), 2);
}

// ---------------------------------------------------------------------------------------
// 6.3 LabelSelector semantics
// ---------------------------------------------------------------------------------------

fn orphan(name: &str, labels: &str) -> String {
    format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {labels}\nspec:\n  containers:\n  - name: app\n    image: nginx\n"
    )
}

#[test]
fn rule_6_3_match_labels_and_expressions_are_anded_when_adopting() {
    let rs = r#"apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: sel
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
    matchExpressions:
    - {key: tier, operator: In, values: [fe, be]}
    - {key: env, operator: NotIn, values: [dev]}
    - {key: owner, operator: Exists}
    - {key: legacy, operator: DoesNotExist}
  template:
    metadata:
      labels: {app: web, tier: fe, owner: me}
    spec:
      containers:
      - name: app
        image: nginx
"#;
    let cases = [
        ("all-match", "{app: web, tier: fe, owner: x}", true),
        (
            "env-prod",
            "{app: web, tier: be, owner: x, env: prod}",
            true,
        ),
        ("wrong-app", "{app: api, tier: fe, owner: x}", false),
        ("tier-out", "{app: web, tier: db, owner: x}", false),
        ("tier-missing", "{app: web, owner: x}", false),
        ("env-dev", "{app: web, tier: fe, owner: x, env: dev}", false),
        ("no-owner", "{app: web, tier: fe}", false),
        (
            "legacy",
            "{app: web, tier: fe, owner: x, legacy: 'y'}",
            false,
        ),
    ];
    let mut yaml = rs.to_owned();
    for (name, labels, _) in cases {
        yaml.push_str(&orphan(name, labels));
    }
    let (world, _) = sim::world(&yaml);
    assert!(
        sim::pods_of(&world, "sel-").is_empty(),
        "the two adopted pods make up the replicas: {:?}",
        sim::names(&world)
    );
    for (name, _, adopted) in cases {
        let pod = sim::pod(&world, name);
        assert_eq!(
            pod.owner.is_some(),
            adopted,
            "{name}: {:?} (adopted: {:?})",
            pod.labels,
            pod.owner
        );
    }
}

#[test]
fn rule_6_3_replicaset_with_set_based_selector_counts_adopted_pods() {
    let rs = r#"apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: sel
spec:
  replicas: 2
  selector:
    matchExpressions:
    - {key: app, operator: In, values: [web, www]}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx
"#;
    let yaml = format!(
        "{rs}{}{}",
        orphan("a", "{app: www}"),
        orphan("b", "{app: api}")
    );
    let (world, _) = sim::world(&yaml);
    assert!(sim::pod(&world, "a").owner.is_some());
    assert!(sim::pod(&world, "b").owner.is_none());
    assert_eq!(
        sim::pods_of(&world, "sel-").len(),
        1,
        "one adopted, one created: {:?}",
        sim::names(&world)
    );
}
