//! Rules 5.x (volumes and data) of docs/k8s-semantics.md, played on the simulator. The 5.18
//! truth table gets one test per cell the model covers.

#[path = "support/sim.rs"]
mod sim;

use kubeglass_core::cluster::{ClaimPhase, Lifetime, Phase, Pod, Store, VolumePhase};
use kubeglass_core::model::ReclaimPolicy;
use kubeglass_core::sim::World;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn paths(world: &World, store: &Store) -> Vec<String> {
    let mut p: Vec<String> = world
        .cluster
        .files_in(store)
        .iter()
        .map(|f| f.path.clone())
        .collect();
    p.sort();
    p
}

/// The store of the volume `volume` of `pod`.
fn store_of(pod: &Pod, volume: &str) -> Store {
    pod.volumes
        .iter()
        .find(|v| v.name == volume)
        .and_then(|v| v.store.clone())
        .unwrap_or_else(|| {
            panic!(
                "pod {} has no usable volume {volume}: {:?}",
                pod.name, pod.volumes
            )
        })
}

fn reason(pod: &Pod) -> String {
    pod.reason
        .as_ref()
        .map(|r| r.en.clone())
        .unwrap_or_default()
}

/// Live (not terminating) pods of the `app` Deployment.
fn app_pods(world: &World) -> Vec<&Pod> {
    sim::pods_of(world, "app-")
        .into_iter()
        .filter(|p| !p.terminating)
        .collect()
}

fn the_app(world: &World) -> &Pod {
    let pods = app_pods(world);
    assert_eq!(pods.len(), 1, "{:?}", sim::names(world));
    pods[0]
}

fn bound_to(world: &World, claim: &str) -> Option<String> {
    match &world.cluster.claim("default", claim)?.phase {
        ClaimPhase::Bound(pv) => Some(pv.clone()),
        _ => None,
    }
}

fn write(world: &mut World, pod: &str, path: &str) -> bool {
    sim::play(world, &format!("write: {{pod: {pod}, path: {path}}}")).applied
}

const PREFER_NODE1: &str = "      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            preference:
              matchExpressions:
              - {key: kubernetes.io/hostname, operator: In, values: [k8s-node1]}
";

/// A Deployment `app` (one replica, preferring k8s-node1) whose container `app` mounts the
/// volume `data` at /data; `spec` adds pod-spec lines, `volume` is the source (indented 8).
fn app(spec: &str, volume: &str) -> String {
    format!(
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {{app: app}}\n  template:\n    metadata:\n      labels: {{app: app}}\n    spec:\n{spec}      containers:\n      - name: app\n        image: busybox\n        volumeMounts:\n        - {{name: data, mountPath: /data}}\n      volumes:\n      - name: data\n{volume}"
    )
}

fn bare(name: &str, spec: &str, containers: &str, volumes: &str) -> String {
    format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{spec}  containers:\n{containers}  volumes:\n{volumes}"
    )
}

fn on(node: &str) -> String {
    format!("  nodeSelector: {{kubernetes.io/hostname: {node}}}\n")
}

fn container(name: &str, mounts: &str) -> String {
    format!("  - name: {name}\n    image: busybox\n    volumeMounts:\n{mounts}")
}

fn pv(name: &str, extra: &str) -> String {
    format!("---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: {name}\n{extra}")
}

fn local_pv(name: &str, node: &str) -> String {
    pv(
        name,
        &format!("spec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [ReadWriteOnce]\n  storageClassName: \"\"\n  local: {{path: /mnt/disk}}\n  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {{key: kubernetes.io/hostname, operator: In, values: [{node}]}}\n"),
    )
}

/// A network (CSI) PV with no class.
fn csi_pv(name: &str, modes: &str, reclaim: &str) -> String {
    pv(
        name,
        &format!("spec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [{modes}]\n  persistentVolumeReclaimPolicy: {reclaim}\n  storageClassName: \"\"\n  csi: {{driver: ebs.csi.aws.com, volumeHandle: vol-1}}\n"),
    )
}

fn claim(name: &str, modes: &str, size: &str, class: Option<&str>) -> String {
    let class = class.map_or(String::new(), |c| format!("  storageClassName: \"{c}\"\n"));
    format!(
        "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {name}\nspec:\n  accessModes: [{modes}]\n{class}  resources:\n    requests: {{storage: {size}}}\n"
    )
}

fn class(name: &str, provisioner: &str, extra: &str) -> String {
    format!(
        "---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: {name}\n{extra}provisioner: {provisioner}\n"
    )
}

fn default_class(name: &str, provisioner: &str) -> String {
    format!(
        "---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: {name}\n  annotations:\n    storageclass.kubernetes.io/is-default-class: \"true\"\nprovisioner: {provisioner}\n"
    )
}

fn claim_source(claim: &str) -> String {
    format!("        persistentVolumeClaim: {{claimName: {claim}}}\n")
}

// ---------------------------------------------------------------------------------------
// 5.1 emptyDir
// ---------------------------------------------------------------------------------------

fn two_containers(medium: &str) -> String {
    bare(
        "box",
        &on("k8s-node1"),
        &(container("one", "    - {name: cache, mountPath: /one}\n")
            + &container("two", "    - {name: cache, mountPath: /two}\n")),
        &format!("  - name: cache\n    emptyDir: {{{medium}}}\n"),
    )
}

#[test]
fn rule_5_1_emptydir_is_shared_by_the_pods_containers() {
    let (mut world, _) = sim::world(&two_containers(""));
    assert!(
        sim::play(
            &mut world,
            "write: {pod: box, container: one, path: /one/a.txt}"
        )
        .applied
    );
    assert!(
        sim::play(
            &mut world,
            "write: {pod: box, container: two, path: /two/b.txt}"
        )
        .applied
    );
    let pod = sim::pod(&world, "box");
    assert_eq!(pod.volumes[0].lifetime, Lifetime::Pod);
    assert_eq!(paths(&world, &store_of(pod, "cache")), ["a.txt", "b.txt"]);
}

#[test]
fn a_write_or_restart_naming_a_missing_container_is_refused_with_the_pods_containers() {
    let (mut world, _) = sim::world(&two_containers(""));
    for step in [
        "write: {pod: box, container: three, path: /one/a.txt}",
        "restartContainer: {pod: box, container: three}",
    ] {
        let outcome = sim::play(&mut world, step);
        assert!(!outcome.applied, "{step}");
        assert!(
            outcome
                .explanation
                .en
                .contains("pod box has no container three (it has one, two)"),
            "{step}: {}",
            outcome.explanation.en
        );
    }
    let store = store_of(sim::pod(&world, "box"), "cache");
    assert!(paths(&world, &store).is_empty(), "nothing was written");
}

#[test]
fn rule_5_1_emptydir_starts_empty_and_survives_a_container_restart() {
    let (mut world, _) = sim::world(&two_containers(""));
    let store = store_of(sim::pod(&world, "box"), "cache");
    assert!(paths(&world, &store).is_empty(), "created empty");
    write(&mut world, "box", "/one/a.txt");
    sim::play(&mut world, "restartContainer: {pod: box, container: one}");
    sim::play(&mut world, "restartContainer: {pod: box, container: two}");
    assert_eq!(store_of(sim::pod(&world, "box"), "cache"), store);
    assert_eq!(paths(&world, &store), ["a.txt"]);
}

#[test]
fn rule_5_1_emptydir_is_deleted_with_the_pod_and_the_replacement_starts_empty() {
    let (mut world, _) = sim::world(&app(PREFER_NODE1, "        emptyDir: {}\n"));
    assert!(write(&mut world, "deployment/app", "/data/a.txt"));
    let old = store_of(the_app(&world), "data");
    sim::play(&mut world, "deletePod: deployment/app");
    assert!(paths(&world, &old).is_empty());
    let new = store_of(the_app(&world), "data");
    assert_ne!(new, old);
    assert!(paths(&world, &new).is_empty());
}

#[test]
fn rule_5_1_same_name_same_node_still_gets_a_new_emptydir() {
    let sts = "---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      nodeSelector: {kubernetes.io/hostname: k8s-node1}\n      containers:\n      - name: app\n        image: nginx\n        volumeMounts:\n        - {name: scratch, mountPath: /scratch}\n      volumes:\n      - name: scratch\n        emptyDir: {}\n";
    let (mut world, _) = sim::world(sts);
    assert!(write(&mut world, "web-0", "/scratch/a.txt"));
    let old = store_of(sim::pod(&world, "web-0"), "scratch");
    sim::play(&mut world, "deletePod: web-0");
    let pod = sim::pod(&world, "web-0");
    assert_eq!(pod.node.as_deref(), Some("k8s-node1"));
    let new = store_of(pod, "scratch");
    assert_ne!(new, old);
    assert!(paths(&world, &new).is_empty());
    assert!(paths(&world, &old).is_empty());
}

#[test]
fn rule_5_1_emptydir_is_lost_when_the_pod_is_evicted_from_its_node() {
    let (mut world, _) = sim::world(&app(PREFER_NODE1, "        emptyDir: {}\n"));
    write(&mut world, "deployment/app", "/data/a.txt");
    let old = store_of(the_app(&world), "data");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 6m");
    let new = store_of(the_app(&world), "data");
    assert!(paths(&world, &new).is_empty());
    sim::play(&mut world, "recoverNode: k8s-node1");
    assert!(
        paths(&world, &old).is_empty(),
        "the returning kubelet removes the evicted pod and its emptyDir"
    );
}

#[test]
fn rule_5_1_memory_emptydir_survives_a_container_restart_but_not_a_reboot() {
    let yaml = bare(
        "box",
        &on("k8s-node1"),
        &container(
            "app",
            "    - {name: ram, mountPath: /ram}\n    - {name: disk, mountPath: /disk}\n",
        ),
        "  - name: ram\n    emptyDir: {medium: Memory}\n  - name: disk\n    emptyDir: {}\n",
    );
    let (mut world, _) = sim::world(&yaml);
    write(&mut world, "box", "/ram/a.txt");
    write(&mut world, "box", "/disk/b.txt");
    sim::play(&mut world, "restartContainer: {pod: box}");
    let pod = sim::pod(&world, "box");
    assert_eq!(paths(&world, &store_of(pod, "ram")), ["a.txt"]);
    // The node reboots before the pod is evicted: the same pod comes back on it.
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 20s");
    sim::play(&mut world, "recoverNode: k8s-node1");
    let pod = sim::pod(&world, "box");
    assert_eq!(pod.phase, Phase::Running);
    assert_eq!(
        paths(&world, &store_of(pod, "disk")),
        ["b.txt"],
        "disk-backed survives"
    );
    assert!(
        paths(&world, &store_of(pod, "ram")).is_empty(),
        "tmpfs is lost on reboot"
    );
}

// ---------------------------------------------------------------------------------------
// 5.2 hostPath
// ---------------------------------------------------------------------------------------

const HOST_PATH: &str = "        hostPath: {path: /srv/data, type: DirectoryOrCreate}\n";

#[test]
fn rule_5_2_hostpath_data_outlives_the_pod_on_that_node() {
    let (mut world, _) = sim::world(&app(&format!("    {}", on("k8s-node1")), HOST_PATH));
    assert!(write(&mut world, "deployment/app", "/data/a.txt"));
    let store = store_of(the_app(&world), "data");
    assert_eq!(
        store,
        Store::NodeDir {
            node: "k8s-node1".into(),
            path: "/srv/data".into()
        }
    );
    assert_eq!(the_app(&world).volumes[0].lifetime, Lifetime::Node);
    sim::play(&mut world, "deletePod: deployment/app");
    let pod = the_app(&world);
    assert_eq!(store_of(pod, "data"), store);
    assert_eq!(paths(&world, &store), ["/srv/data/a.txt"]);
}

#[test]
fn rule_5_2_hostpath_is_per_node() {
    let mount = container("app", "    - {name: host, mountPath: /host}\n");
    let volume = "  - name: host\n    hostPath: {path: /srv/data}\n";
    let yaml = bare("p1", &on("k8s-node1"), &mount, volume)
        + &bare("p2", &on("k8s-node2"), &mount, volume);
    let (mut world, _) = sim::world(&yaml);
    write(&mut world, "p1", "/host/a.txt");
    let s1 = store_of(sim::pod(&world, "p1"), "host");
    let s2 = store_of(sim::pod(&world, "p2"), "host");
    assert_ne!(s1, s2);
    assert_eq!(paths(&world, &s1), ["/srv/data/a.txt"]);
    assert!(
        paths(&world, &s2).is_empty(),
        "node2's /srv/data is another directory"
    );
}

fn host_path_pod(name: &str, node: &str, path: &str, kind: &str) -> String {
    bare(
        name,
        &on(node),
        &container("app", "    - {name: host, mountPath: /host}\n"),
        &format!("  - name: host\n    hostPath: {{path: {path}, type: \"{kind}\"}}\n"),
    )
}

/// Plays each `(pod, path, type, runs)` case; returns the cases that behaved otherwise.
fn type_check_mismatches(cases: &[(&str, &str, &str, bool)]) -> Vec<String> {
    let mut wrong = Vec::new();
    for &(name, path, kind, runs) in cases {
        let (world, _) = sim::world(&host_path_pod(name, "k8s-node1", path, kind));
        let pod = sim::pod(&world, name);
        let mount_failed =
            pod.phase == Phase::Pending && reason(pod).contains("MountVolume.SetUp failed");
        if (pod.phase == Phase::Running) != runs || (!runs && !mount_failed) {
            wrong.push(format!(
                "{name} (type {kind:?}, {path}): {} {}",
                pod.phase.as_str(),
                reason(pod)
            ));
        }
    }
    wrong
}

#[test]
fn rule_5_2_hostpath_type_checks_for_directories_and_files() {
    let wrong = type_check_mismatches(&[
        ("no-check", "/node-data/none", "", true),
        ("dir-or-create", "/node-data/new", "DirectoryOrCreate", true),
        ("file-or-create", "/node-data/new.txt", "FileOrCreate", true),
        ("dir-exists", "/var/log", "Directory", true),
        ("dir-missing", "/node-data/missing", "Directory", false),
        ("file-missing", "/node-data/missing.txt", "File", false),
    ]);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn rule_5_2_hostpath_type_checks_for_sockets_and_devices() {
    let wrong = type_check_mismatches(&[
        ("socket-missing", "/node-data/agent.sock", "Socket", false),
        ("char-missing", "/node-data/chardev", "CharDevice", false),
        ("block-missing", "/node-data/blockdev", "BlockDevice", false),
    ]);
    assert!(
        wrong.is_empty(),
        "a missing path for a non-Create type fails the mount: {wrong:#?}"
    );
}

#[test]
fn rule_5_2_a_created_directory_exists_on_that_node_only() {
    let yaml = host_path_pod(
        "maker",
        "k8s-node1",
        "/node-data/shared",
        "DirectoryOrCreate",
    ) + &host_path_pod("same-node", "k8s-node1", "/node-data/shared", "Directory")
        + &host_path_pod("other-node", "k8s-node2", "/node-data/shared", "Directory");
    let (world, _) = sim::world(&yaml);
    assert_eq!(sim::pod(&world, "maker").phase, Phase::Running);
    assert_eq!(sim::pod(&world, "same-node").phase, Phase::Running);
    assert_ne!(sim::pod(&world, "other-node").phase, Phase::Running);
}

// ---------------------------------------------------------------------------------------
// 5.3 local PV
// ---------------------------------------------------------------------------------------

fn local_app() -> String {
    local_pv("disk-1", "k8s-node1")
        + &claim("data", "ReadWriteOnce", "1Gi", Some(""))
        + &app("", &claim_source("data"))
}

#[test]
fn rule_5_3_local_pv_pins_its_consumer_and_keeps_data_across_replacements() {
    let (mut world, _) = sim::world(&local_app());
    assert_eq!(the_app(&world).node.as_deref(), Some("k8s-node1"));
    assert!(write(&mut world, "deployment/app", "/data/a.txt"));
    let store = store_of(the_app(&world), "data");
    assert_eq!(store, Store::Volume("disk-1".into()));
    for _ in 0..3 {
        sim::play(&mut world, "deletePod: deployment/app");
        let pod = the_app(&world);
        assert_eq!(pod.node.as_deref(), Some("k8s-node1"));
        assert_eq!(paths(&world, &store_of(pod, "data")), ["a.txt"]);
    }
}

#[test]
fn rule_5_3_local_pv_is_unreachable_while_its_node_is_down() {
    let (mut world, _) = sim::world(&local_app());
    write(&mut world, "deployment/app", "/data/a.txt");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 10m");
    let pod = the_app(&world);
    assert_eq!(pod.phase, Phase::Pending);
    assert!(pod.node.is_none());
    sim::play(&mut world, "recoverNode: k8s-node1");
    let pod = the_app(&world);
    assert_eq!(pod.node.as_deref(), Some("k8s-node1"));
    assert_eq!(pod.phase, Phase::Running);
    assert_eq!(paths(&world, &store_of(pod, "data")), ["a.txt"]);
}

// ---------------------------------------------------------------------------------------
// 5.4 configMap, secret, downwardAPI, projected
// ---------------------------------------------------------------------------------------

const CONFIG: &str = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  pw: x\n";

fn projected_pod(volumes: &str) -> String {
    bare(
        "box",
        "",
        &container(
            "app",
            "    - {name: cfg, mountPath: /etc/cfg}\n    - {name: sec, mountPath: /etc/sec}\n    - {name: info, mountPath: /etc/info}\n    - {name: all, mountPath: /etc/all}\n",
        ),
        volumes,
    )
}

const PROJECTED_VOLUMES: &str = "  - name: cfg\n    configMap: {name: cfg}\n  - name: sec\n    secret: {secretName: creds}\n  - name: info\n    downwardAPI:\n      items:\n      - {path: labels, fieldRef: {fieldPath: metadata.labels}}\n  - name: all\n    projected:\n      sources:\n      - configMap: {name: cfg}\n      - secret: {name: creds}\n";

#[test]
fn rule_5_4_generated_volumes_are_read_only() {
    let (mut world, _) = sim::world(&(CONFIG.to_owned() + &projected_pod(PROJECTED_VOLUMES)));
    let pod = sim::pod(&world, "box");
    assert_eq!(pod.phase, Phase::Running, "{}", reason(pod));
    for v in &pod.volumes {
        assert_eq!(v.lifetime, Lifetime::Projected, "{}", v.name);
        assert!(v.read_only, "{}", v.name);
    }
    for path in ["/etc/cfg/x", "/etc/sec/x", "/etc/info/x", "/etc/all/x"] {
        assert!(!write(&mut world, "box", path), "{path} must be read-only");
    }
}

#[test]
fn rule_5_4_a_missing_source_blocks_pod_start_unless_optional() {
    let missing_cm = bare(
        "no-cm",
        "",
        &container("app", "    - {name: cfg, mountPath: /etc/cfg}\n"),
        "  - name: cfg\n    configMap: {name: absent}\n",
    );
    let missing_secret = bare(
        "no-secret",
        "",
        &container("app", "    - {name: sec, mountPath: /etc/sec}\n"),
        "  - name: sec\n    secret: {secretName: absent}\n",
    );
    let optional = bare(
        "optional",
        "",
        &container("app", "    - {name: cfg, mountPath: /etc/cfg}\n"),
        "  - name: cfg\n    configMap: {name: absent, optional: true}\n",
    );
    let (world, _) = sim::world(&(missing_cm + &missing_secret + &optional));
    let cm = sim::pod(&world, "no-cm");
    assert_eq!(cm.phase, Phase::Pending);
    assert!(
        reason(cm).contains("configmap \"absent\" not found"),
        "{}",
        reason(cm)
    );
    let secret = sim::pod(&world, "no-secret");
    assert_eq!(secret.phase, Phase::Pending);
    assert!(
        reason(secret).contains("secret \"absent\" not found"),
        "{}",
        reason(secret)
    );
    assert_eq!(sim::pod(&world, "optional").phase, Phase::Running);
}

#[test]
fn rule_5_4_pod_loss_loses_nothing_the_files_are_regenerated() {
    let yaml = CONFIG.to_owned() + &app(PREFER_NODE1, "        configMap: {name: cfg}\n");
    let (mut world, _) = sim::world(&yaml);
    let before = the_app(&world).volumes.clone();
    let outcome = sim::play(&mut world, "deletePod: deployment/app");
    assert!(
        !outcome
            .changes
            .iter()
            .any(|c| matches!(c, kubeglass_core::cluster::Change::FilesLost { .. })),
        "{:?}",
        outcome.changes
    );
    let pod = the_app(&world);
    assert_eq!(pod.phase, Phase::Running);
    assert_eq!(pod.volumes, before);
}

// ---------------------------------------------------------------------------------------
// 5.5 gitRepo
// ---------------------------------------------------------------------------------------

#[test]
fn rule_5_5_git_repo_is_a_fresh_clone_with_pod_lifetime() {
    let yaml = app(
        PREFER_NODE1,
        "        gitRepo: {repository: \"https://example.com/site.git\"}\n",
    );
    let (mut world, _) = sim::world(&yaml);
    let pod = the_app(&world);
    assert_eq!(pod.volumes[0].lifetime, Lifetime::Pod);
    let old = store_of(pod, "data");
    assert_eq!(
        paths(&world, &old),
        [".git"],
        "cloned before the containers start"
    );
    write(&mut world, "deployment/app", "/data/edit.txt");
    sim::play(&mut world, "deletePod: deployment/app");
    assert!(paths(&world, &old).is_empty());
    let new = store_of(the_app(&world), "data");
    assert_ne!(new, old);
    assert_eq!(
        paths(&world, &new),
        [".git"],
        "a fresh clone, without the edit"
    );
}

// ---------------------------------------------------------------------------------------
// 5.6 NFS and network disks
// ---------------------------------------------------------------------------------------

#[test]
fn rule_5_6_nfs_is_shared_by_writers_on_many_nodes_and_outlives_pods() {
    let mount = container("app", "    - {name: share, mountPath: /share}\n");
    let volume = "  - name: share\n    nfs: {server: 10.0.0.5, path: /exports}\n";
    let yaml = bare("p1", &on("k8s-node1"), &mount, volume)
        + &bare("p2", &on("k8s-node2"), &mount, volume);
    let (mut world, _) = sim::world(&yaml);
    assert!(write(&mut world, "p1", "/share/one.txt"));
    assert!(write(&mut world, "p2", "/share/two.txt"));
    let store = store_of(sim::pod(&world, "p1"), "share");
    assert_eq!(store_of(sim::pod(&world, "p2"), "share"), store);
    assert_eq!(
        sim::pod(&world, "p1").volumes[0].lifetime,
        Lifetime::Persistent
    );
    sim::play(&mut world, "deletePod: p1");
    sim::play(&mut world, "deletePod: p2");
    assert_eq!(
        paths(&world, &store),
        ["one.txt", "two.txt"],
        "deletion only unmounts"
    );
}

#[test]
fn rule_5_6_nfs_pv_replacement_anywhere_sees_the_same_bytes() {
    let nfs = pv(
        "share",
        "spec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteMany]\n  storageClassName: \"\"\n  nfs: {server: 10.0.0.5, path: /exports}\n",
    );
    let yaml = nfs
        + &claim("data", "ReadWriteMany", "1Gi", Some(""))
        + &app(PREFER_NODE1, &claim_source("data"));
    let (mut world, _) = sim::world(&yaml);
    write(&mut world, "deployment/app", "/data/a.txt");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 6m");
    let pod = the_app(&world);
    assert_eq!(pod.node.as_deref(), Some("k8s-node2"));
    assert_eq!(pod.phase, Phase::Running, "{}", reason(pod));
    assert_eq!(paths(&world, &store_of(pod, "data")), ["a.txt"]);
}

// ---------------------------------------------------------------------------------------
// 5.7 Static PV/PVC matching
// ---------------------------------------------------------------------------------------

fn static_pv(name: &str, size: &str, modes: &str, extra: &str) -> String {
    pv(
        name,
        &format!("spec:\n  capacity: {{storage: {size}}}\n  accessModes: [{modes}]\n  storageClassName: \"\"\n  nfs: {{server: 10.0.0.5, path: /{name}}}\n{extra}"),
    )
}

#[test]
fn rule_5_7_capacity_must_cover_the_request() {
    let yaml = static_pv("small", "1Gi", "ReadWriteOnce", "")
        + &static_pv("big", "10Gi", "ReadWriteOnce", "")
        + &claim("data", "ReadWriteOnce", "2Gi", Some(""));
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("big"));
    assert_eq!(
        world.cluster.volume("big").unwrap().phase,
        VolumePhase::Bound("default/data".into())
    );
    assert_eq!(
        world.cluster.volume("small").unwrap().phase,
        VolumePhase::Available
    );
}

#[test]
fn rule_5_7_access_modes_must_be_a_superset() {
    let yaml = static_pv("rwo", "1Gi", "ReadWriteOnce", "")
        + &static_pv(
            "multi",
            "5Gi",
            "ReadWriteOnce, ReadOnlyMany, ReadWriteMany",
            "",
        )
        + &claim("shared", "ReadWriteMany", "1Gi", Some(""))
        + &claim("nothing", "ReadWriteOncePod", "1Gi", Some(""));
    let (world, diagnostics) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "shared").as_deref(), Some("multi"));
    assert!(bound_to(&world, "nothing").is_none());
    assert!(!sim::with_code(
        &diagnostics,
        kubeglass_core::diagnostic::Code::ClaimUnsatisfiable
    )
    .is_empty());
}

#[test]
fn rule_5_7_class_must_match() {
    let yaml = static_pv("classless", "1Gi", "ReadWriteOnce", "")
        + &pv("fast-pv", "spec:\n  capacity: {storage: 5Gi}\n  accessModes: [ReadWriteOnce]\n  storageClassName: fast\n  nfs: {server: 10.0.0.5, path: /fast}\n")
        + &class("fast", "kubernetes.io/no-provisioner", "")
        + &claim("want-fast", "ReadWriteOnce", "1Gi", Some("fast"))
        + &claim("want-none", "ReadWriteOnce", "1Gi", Some(""));
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "want-fast").as_deref(), Some("fast-pv"));
    assert_eq!(bound_to(&world, "want-none").as_deref(), Some("classless"));
}

#[test]
fn rule_5_7_claim_selector_must_match_pv_labels() {
    let labelled = |name: &str, tier: &str| {
        static_pv(name, "1Gi", "ReadWriteOnce", "").replace(
            &format!("  name: {name}\n"),
            &format!("  name: {name}\n  labels: {{tier: {tier}}}\n"),
        )
    };
    let yaml = labelled("gold-pv", "gold")
        + &labelled("bronze-pv", "bronze")
        + &claim("data", "ReadWriteOnce", "1Gi", Some("")).replace(
            "spec:\n",
            "spec:\n  selector:\n    matchLabels: {tier: gold}\n",
        );
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("gold-pv"));
}

#[test]
fn rule_5_7_fewest_access_modes_then_smallest_capacity_wins() {
    let yaml = static_pv(
        "many-modes-small",
        "1Gi",
        "ReadWriteOnce, ReadWriteMany",
        "",
    ) + &static_pv("one-mode-big", "8Gi", "ReadWriteOnce", "")
        + &static_pv("one-mode-mid", "4Gi", "ReadWriteOnce", "")
        + &claim("data", "ReadWriteOnce", "1Gi", Some(""));
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("one-mode-mid"));
}

#[test]
fn rule_5_7_binding_is_one_to_one_and_the_claim_gets_the_whole_pv() {
    let yaml = static_pv("only", "10Gi", "ReadWriteMany", "")
        + &claim("first", "ReadWriteMany", "1Gi", Some(""))
        + &claim("second", "ReadWriteMany", "1Gi", Some(""));
    let (world, _) = sim::world(&yaml);
    let bound: Vec<&str> = ["first", "second"]
        .into_iter()
        .filter(|c| bound_to(&world, c).is_some())
        .collect();
    assert_eq!(bound.len(), 1, "one PV, one claim");
    let volume = world.cluster.volume("only").unwrap();
    assert_eq!(volume.capacity, 10 << 30, "the claim gets the whole 10Gi");
    let pending = if bound[0] == "first" {
        "second"
    } else {
        "first"
    };
    assert!(matches!(
        world.cluster.claim("default", pending).unwrap().phase,
        ClaimPhase::Pending(_)
    ));
}

// ---------------------------------------------------------------------------------------
// 5.8 storageClassName
// ---------------------------------------------------------------------------------------

#[test]
fn rule_5_8_empty_class_binds_only_classless_pvs_and_is_never_provisioned() {
    let yaml = default_class("standard", "ebs.csi.aws.com")
        + &claim("none", "ReadWriteOnce", "1Gi", Some(""));
    let (world, _) = sim::world(&yaml);
    let c = world.cluster.claim("default", "none").unwrap();
    assert_eq!(c.class.as_deref(), Some(""));
    assert!(matches!(c.phase, ClaimPhase::Pending(_)));
    assert!(world.cluster.volumes.is_empty(), "nothing provisioned");
    let with_pv = default_class("standard", "ebs.csi.aws.com")
        + &static_pv("plain", "1Gi", "ReadWriteOnce", "")
        + &claim("none", "ReadWriteOnce", "1Gi", Some(""));
    let (world, _) = sim::world(&with_pv);
    assert_eq!(bound_to(&world, "none").as_deref(), Some("plain"));
}

#[test]
fn rule_5_8_unset_class_gets_the_default_class() {
    let yaml = default_class("standard", "ebs.csi.aws.com")
        + &static_pv("plain", "1Gi", "ReadWriteOnce", "")
        + &claim("data", "ReadWriteOnce", "1Gi", None);
    let (world, _) = sim::world(&yaml);
    let c = world.cluster.claim("default", "data").unwrap();
    assert_eq!(c.class.as_deref(), Some("standard"));
    let pv = bound_to(&world, "data").unwrap();
    assert_ne!(
        pv, "plain",
        "a class-less PV does not match the defaulted class"
    );
    assert!(world.cluster.volume(&pv).unwrap().provisioned);
}

#[test]
fn rule_5_8_the_newest_default_class_wins() {
    let yaml = default_class("older", "ebs.csi.aws.com")
        + &default_class("newer", "pd.csi.storage.gke.io")
        + &claim("data", "ReadWriteOnce", "1Gi", None);
    let (world, _) = sim::world(&yaml);
    assert_eq!(
        world
            .cluster
            .claim("default", "data")
            .unwrap()
            .class
            .as_deref(),
        Some("newer")
    );
}

#[test]
fn rule_5_8_unset_class_without_a_default_binds_only_classless_pvs() {
    let yaml = class("fast", "ebs.csi.aws.com", "")
        + &pv("fast-pv", "spec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  storageClassName: fast\n  nfs: {server: 10.0.0.5, path: /fast}\n")
        + &static_pv("plain", "5Gi", "ReadWriteOnce", "")
        + &claim("data", "ReadWriteOnce", "1Gi", None);
    let (world, _) = sim::world(&yaml);
    let c = world.cluster.claim("default", "data").unwrap();
    assert_eq!(c.class, None, "stays unset");
    assert_eq!(bound_to(&world, "data").as_deref(), Some("plain"));
}

// ---------------------------------------------------------------------------------------
// 5.9 Pre-binding
// ---------------------------------------------------------------------------------------

#[test]
fn rule_5_9_volume_name_binds_that_pv_and_skips_the_selector() {
    let yaml = static_pv("best", "1Gi", "ReadWriteOnce", "")
        + &static_pv("chosen", "9Gi", "ReadWriteOnce", "")
        + &claim("data", "ReadWriteOnce", "1Gi", Some("")).replace(
            "spec:\n",
            "spec:\n  volumeName: chosen\n  selector:\n    matchLabels: {tier: gold}\n",
        );
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("chosen"));
}

#[test]
fn rule_5_9_volume_name_still_checks_size_class_and_modes() {
    let yaml = static_pv("tiny", "1Gi", "ReadWriteOnce", "")
        + &pv("classy", "spec:\n  capacity: {storage: 5Gi}\n  accessModes: [ReadWriteOnce]\n  storageClassName: fast\n  nfs: {server: 10.0.0.5, path: /c}\n")
        + &static_pv("rwo", "5Gi", "ReadWriteOnce", "")
        + &claim("too-big", "ReadWriteOnce", "2Gi", Some("")).replace("spec:\n", "spec:\n  volumeName: tiny\n")
        + &claim("wrong-class", "ReadWriteOnce", "1Gi", Some("")).replace("spec:\n", "spec:\n  volumeName: classy\n")
        + &claim("wrong-mode", "ReadWriteMany", "1Gi", Some("")).replace("spec:\n", "spec:\n  volumeName: rwo\n");
    let (world, _) = sim::world(&yaml);
    for c in ["too-big", "wrong-class", "wrong-mode"] {
        assert!(bound_to(&world, c).is_none(), "{c} must stay Pending");
    }
}

#[test]
fn rule_5_9_claim_ref_reserves_a_pv_for_one_claim() {
    let yaml = static_pv(
        "reserved",
        "1Gi",
        "ReadWriteOnce",
        "  claimRef: {namespace: default, name: mine}\n",
    ) + &claim("intruder", "ReadWriteOnce", "1Gi", Some(""))
        + &claim("mine", "ReadWriteOnce", "1Gi", Some(""));
    let (world, _) = sim::world(&yaml);
    assert!(bound_to(&world, "intruder").is_none());
    assert_eq!(bound_to(&world, "mine").as_deref(), Some("reserved"));
}

// ---------------------------------------------------------------------------------------
// 5.10 Dynamic provisioning
// ---------------------------------------------------------------------------------------

#[test]
fn rule_5_10_provisioned_pv_is_sized_to_the_request_and_inherits_reclaim_policy() {
    let yaml = class("keep", "ebs.csi.aws.com", "reclaimPolicy: Retain\n")
        + &class("standard", "ebs.csi.aws.com", "")
        + &claim("kept", "ReadWriteOnce", "3Gi", Some("keep"))
        + &claim("dropped", "ReadWriteOnce", "2Gi", Some("standard"));
    let (world, _) = sim::world(&yaml);
    let kept = world
        .cluster
        .volume(&bound_to(&world, "kept").unwrap())
        .unwrap()
        .clone();
    assert!(kept.provisioned);
    assert_eq!(kept.capacity, 3 << 30);
    assert_eq!(kept.class, "keep");
    assert_eq!(kept.reclaim, ReclaimPolicy::Retain);
    let dropped = world
        .cluster
        .volume(&bound_to(&world, "dropped").unwrap())
        .unwrap();
    assert_eq!(dropped.reclaim, ReclaimPolicy::Delete, "the class default");
    assert_eq!(dropped.capacity, 2 << 30);
}

#[test]
fn rule_5_10_a_static_match_is_used_before_provisioning() {
    let yaml = class("standard", "ebs.csi.aws.com", "")
        + &pv("pre", "spec:\n  capacity: {storage: 5Gi}\n  accessModes: [ReadWriteOnce]\n  storageClassName: standard\n  nfs: {server: 10.0.0.5, path: /p}\n")
        + &claim("data", "ReadWriteOnce", "1Gi", Some("standard"));
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("pre"));
    assert_eq!(world.cluster.volumes.len(), 1);
}

#[test]
fn rule_5_10_selector_or_no_provisioner_means_no_provisioning() {
    let yaml = class("standard", "ebs.csi.aws.com", "")
        + &class("manual", "kubernetes.io/no-provisioner", "")
        + &claim("picky", "ReadWriteOnce", "1Gi", Some("standard")).replace(
            "spec:\n",
            "spec:\n  selector:\n    matchLabels: {tier: gold}\n",
        )
        + &claim("static", "ReadWriteOnce", "1Gi", Some("manual"));
    let (world, _) = sim::world(&yaml);
    assert!(bound_to(&world, "picky").is_none());
    assert!(bound_to(&world, "static").is_none());
    assert!(world.cluster.volumes.is_empty());
}

// ---------------------------------------------------------------------------------------
// 5.11 / 5.12 PV phases and reclaiming
// ---------------------------------------------------------------------------------------

fn reclaim_app(reclaim: &str) -> String {
    static_pv(
        "vol",
        "1Gi",
        "ReadWriteOnce",
        &format!("  persistentVolumeReclaimPolicy: {reclaim}\n"),
    ) + &claim("data", "ReadWriteOnce", "1Gi", Some(""))
        + &app("", &claim_source("data"))
}

#[test]
fn rule_5_11_pv_phases_available_bound_released() {
    let (world, _) = sim::world(&static_pv("vol", "1Gi", "ReadWriteOnce", ""));
    assert_eq!(
        world.cluster.volume("vol").unwrap().phase,
        VolumePhase::Available
    );
    let (mut world, _) = sim::world(&reclaim_app("Retain"));
    assert_eq!(world.cluster.volume("vol").unwrap().phase.as_str(), "Bound");
    sim::play(
        &mut world,
        "scale: {kind: Deployment, name: app, replicas: 0}",
    );
    sim::play(&mut world, "deletePVC: data");
    assert_eq!(
        world.cluster.volume("vol").unwrap().phase.as_str(),
        "Released"
    );
}

#[test]
fn rule_5_12_retain_keeps_the_pv_and_its_data_and_does_not_rebind() {
    let yaml = reclaim_app("Retain") + &claim("later", "ReadWriteOnce", "1Gi", Some(""));
    let (mut world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "data").as_deref(), Some("vol"));
    write(&mut world, "deployment/app", "/data/a.txt");
    sim::play(
        &mut world,
        "scale: {kind: Deployment, name: app, replicas: 0}",
    );
    sim::play(&mut world, "deletePVC: data");
    assert!(world.cluster.claim("default", "data").is_none());
    let v = world.cluster.volume("vol").expect("kept");
    assert_eq!(v.phase, VolumePhase::Released("default/data".into()));
    assert_eq!(paths(&world, &Store::Volume("vol".into())), ["a.txt"]);
    sim::play(&mut world, "wait: 10m");
    assert!(
        bound_to(&world, "later").is_none(),
        "a Released PV is not bindable"
    );
}

#[test]
fn rule_5_12_delete_removes_the_pv_and_its_data() {
    let (mut world, _) = sim::world(&reclaim_app("Delete"));
    write(&mut world, "deployment/app", "/data/a.txt");
    sim::play(
        &mut world,
        "scale: {kind: Deployment, name: app, replicas: 0}",
    );
    sim::play(&mut world, "deletePVC: data");
    assert!(world.cluster.volume("vol").is_none());
    assert!(paths(&world, &Store::Volume("vol".into())).is_empty());
}

#[test]
fn rule_5_12_recycle_wipes_the_data_and_makes_the_pv_available() {
    let (mut world, _) = sim::world(&reclaim_app("Recycle"));
    write(&mut world, "deployment/app", "/data/a.txt");
    sim::play(
        &mut world,
        "scale: {kind: Deployment, name: app, replicas: 0}",
    );
    sim::play(&mut world, "deletePVC: data");
    let v = world.cluster.volume("vol").unwrap();
    assert_eq!(v.phase, VolumePhase::Available);
    assert_eq!(v.claim_ref, None);
    assert!(paths(&world, &Store::Volume("vol".into())).is_empty());
}

// ---------------------------------------------------------------------------------------
// 5.13 In-use protection
// ---------------------------------------------------------------------------------------

#[test]
fn rule_5_13_a_claim_in_use_waits_until_its_pods_are_gone() {
    let (mut world, _) = sim::world(&reclaim_app("Retain"));
    let outcome = sim::play(&mut world, "deletePVC: data");
    assert!(outcome.applied);
    let c = world
        .cluster
        .claim("default", "data")
        .expect("still there, Terminating");
    assert!(c.deleting);
    assert_eq!(world.cluster.volume("vol").unwrap().phase.as_str(), "Bound");
    assert_eq!(
        the_app(&world).phase,
        Phase::Running,
        "the running pod keeps using it"
    );
    sim::play(
        &mut world,
        "scale: {kind: Deployment, name: app, replicas: 0}",
    );
    assert!(world.cluster.claim("default", "data").is_none());
    assert_eq!(
        world.cluster.volume("vol").unwrap().phase.as_str(),
        "Released"
    );
}

#[test]
fn rule_5_13_new_pods_cannot_start_with_a_claim_being_deleted() {
    let (mut world, _) = sim::world(&reclaim_app("Retain"));
    sim::play(&mut world, "deletePVC: data");
    sim::play(&mut world, "deletePod: deployment/app");
    let pod = the_app(&world);
    assert_eq!(pod.phase, Phase::Pending);
    assert!(reason(pod).contains("is being deleted"), "{}", reason(pod));
}

// ---------------------------------------------------------------------------------------
// 5.14 / 5.15 Access modes and multi-attach
// ---------------------------------------------------------------------------------------

fn shared_disk(modes: &str, replicas: u32, spec: &str) -> String {
    csi_pv("disk", modes, "Retain")
        + &claim("data", modes, "1Gi", Some(""))
        + &app(spec, &claim_source("data")).replace("replicas: 1", &format!("replicas: {replicas}"))
}

fn running(world: &World) -> usize {
    app_pods(world)
        .iter()
        .filter(|p| p.phase == Phase::Running)
        .count()
}

#[test]
fn rule_5_14_rwo_allows_several_pods_on_one_node() {
    let (world, _) = sim::world(&shared_disk(
        "ReadWriteOnce",
        3,
        &format!("    {}", on("k8s-node1")),
    ));
    assert_eq!(running(&world), 3);
}

#[test]
fn rule_5_14_rwx_and_rox_allow_pods_on_many_nodes() {
    for mode in ["ReadWriteMany", "ReadOnlyMany"] {
        let (world, _) = sim::world(&shared_disk(mode, 2, ""));
        assert_eq!(running(&world), 2, "{mode}");
        let mut nodes: Vec<&str> = app_pods(&world)
            .iter()
            .filter_map(|p| p.node.as_deref())
            .collect();
        nodes.sort_unstable();
        assert_eq!(nodes, ["k8s-node1", "k8s-node2"], "{mode}");
    }
}

#[test]
fn rule_5_14_rwop_allows_one_pod_cluster_wide() {
    let (world, _) = sim::world(&shared_disk(
        "ReadWriteOncePod",
        2,
        &format!("    {}", on("k8s-node1")),
    ));
    assert_eq!(running(&world), 1);
}

#[test]
fn rule_5_21_the_scheduler_keeps_a_second_rwop_pod_pending_with_its_reason() {
    let (world, _) = sim::world(&shared_disk("ReadWriteOncePod", 2, ""));
    let pods = app_pods(&world);
    assert_eq!(running(&world), 1);
    let waiting = pods.iter().find(|p| p.phase != Phase::Running).unwrap();
    assert_eq!(
        waiting.node, None,
        "Pending unscheduled, not ContainerCreating on a node"
    );
    assert_eq!(
        reason(waiting),
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.."
    );
}

#[test]
fn rule_5_21_the_waiting_rwop_pod_runs_once_the_holder_is_gone() {
    let user = |name: &str| {
        bare(
            name,
            "",
            &container("app", "    - {name: data, mountPath: /data}\n"),
            "  - name: data\n    persistentVolumeClaim: {claimName: data}\n",
        )
    };
    let yaml = csi_pv("disk", "ReadWriteOncePod", "Retain")
        + &claim("data", "ReadWriteOncePod", "1Gi", Some(""))
        + &user("first")
        + &user("second");
    let (mut world, _) = sim::world(&yaml);
    assert_eq!(sim::pod(&world, "first").phase, Phase::Running);
    let second = sim::pod(&world, "second");
    assert_eq!(
        (second.phase, second.node.as_deref()),
        (Phase::Pending, None)
    );
    sim::play(&mut world, "deletePod: first");
    let second = sim::pod(&world, "second");
    assert_eq!(second.phase, Phase::Running, "{}", reason(second));
}

#[test]
fn rule_5_14_modes_do_not_write_protect_rwo() {
    let (mut world, _) = sim::world(&shared_disk("ReadWriteOnce", 1, ""));
    assert!(write(&mut world, "deployment/app", "/data/a.txt"));
}

#[test]
fn rule_5_14_claims_are_namespaced() {
    let yaml = shared_disk("ReadWriteOnce", 1, "")
        + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n"
        + &bare(
            "elsewhere",
            "",
            &container("app", "    - {name: data, mountPath: /data}\n"),
            "  - name: data\n    persistentVolumeClaim: {claimName: data}\n",
        )
        .replace(
            "  name: elsewhere\n",
            "  name: elsewhere\n  namespace: other\n",
        );
    let (world, _) = sim::world(&yaml);
    let pod = world.cluster.pod("other", "elsewhere").unwrap();
    assert_eq!(pod.phase, Phase::Pending);
    assert!(reason(pod).contains("not found"), "{}", reason(pod));
}

#[test]
fn rule_5_15_an_rwo_disk_attaches_to_one_node_at_a_time() {
    let (world, _) = sim::world(&shared_disk("ReadWriteOnce", 2, ""));
    let pods = app_pods(&world);
    let mut nodes: Vec<&str> = pods.iter().filter_map(|p| p.node.as_deref()).collect();
    nodes.sort_unstable();
    assert_eq!(nodes, ["k8s-node1", "k8s-node2"]);
    assert_eq!(running(&world), 1);
    let waiting = pods.iter().find(|p| p.phase != Phase::Running).unwrap();
    assert!(
        reason(waiting).contains("Multi-Attach error"),
        "{}",
        reason(waiting)
    );
}

#[test]
fn rule_5_15_nfs_and_hostpath_enforce_nothing() {
    for source in [
        "  nfs: {server: 10.0.0.5, path: /x}\n",
        "  hostPath: {path: /srv/x}\n",
    ] {
        let volume = pv(
            "disk",
            &format!("spec:\n  capacity: {{storage: 1Gi}}\n  accessModes: [ReadWriteOnce]\n  storageClassName: \"\"\n{source}"),
        );
        let yaml = volume
            + &claim("data", "ReadWriteOnce", "1Gi", Some(""))
            + &app("", &claim_source("data")).replace("replicas: 1", "replicas: 2");
        let (world, _) = sim::world(&yaml);
        assert_eq!(running(&world), 2, "{source}");
    }
}

#[test]
fn rule_5_15_detach_is_forced_six_minutes_after_deletion_stalls_on_a_dead_node() {
    let (mut world, _) = sim::world(&shared_disk("ReadWriteOnce", 1, PREFER_NODE1));
    write(&mut world, "deployment/app", "/data/a.txt");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 6m");
    let pod = the_app(&world);
    assert_eq!(pod.node.as_deref(), Some("k8s-node2"));
    assert_ne!(pod.phase, Phase::Running, "still attached to the dead node");
    assert!(reason(pod).contains("Multi-Attach"), "{}", reason(pod));
    sim::play(&mut world, "wait: 10m");
    let pod = the_app(&world);
    assert_eq!(pod.phase, Phase::Running, "{}", reason(pod));
    assert_eq!(paths(&world, &store_of(pod, "data")), ["a.txt"]);
}

// ---------------------------------------------------------------------------------------
// 5.16 volumeMode
// ---------------------------------------------------------------------------------------

#[test]
fn rule_5_16_volume_modes_must_be_equal_to_bind() {
    let yaml = static_pv("fs", "1Gi", "ReadWriteOnce", "")
        + &static_pv("raw", "2Gi", "ReadWriteOnce", "  volumeMode: Block\n")
        + &claim("block", "ReadWriteOnce", "1Gi", Some(""))
            .replace("spec:\n", "spec:\n  volumeMode: Block\n")
        + &claim("files", "ReadWriteOnce", "1Gi", Some(""))
            .replace("spec:\n", "spec:\n  volumeMode: Filesystem\n");
    let (world, _) = sim::world(&yaml);
    assert_eq!(bound_to(&world, "block").as_deref(), Some("raw"));
    assert_eq!(bound_to(&world, "files").as_deref(), Some("fs"));
    let only_block = static_pv("raw", "2Gi", "ReadWriteOnce", "  volumeMode: Block\n")
        + &claim("files", "ReadWriteOnce", "1Gi", Some(""));
    let (world, _) = sim::world(&only_block);
    assert!(
        bound_to(&world, "files").is_none(),
        "unset means Filesystem"
    );
}

// ---------------------------------------------------------------------------------------
// 5.17 readOnly and subPath
// ---------------------------------------------------------------------------------------

#[test]
fn rule_5_17_mount_read_only_affects_only_that_mount() {
    let yaml = bare(
        "box",
        "",
        &(container(
            "app",
            "    - {name: data, mountPath: /ro, readOnly: true}\n    - {name: data, mountPath: /rw}\n",
        ) + &container("other", "    - {name: data, mountPath: /data}\n")),
        "  - name: data\n    emptyDir: {}\n",
    );
    let (mut world, _) = sim::world(&yaml);
    assert!(!write(&mut world, "box", "/ro/a.txt"));
    assert!(write(&mut world, "box", "/rw/b.txt"));
    assert!(
        sim::play(
            &mut world,
            "write: {pod: box, container: other, path: /data/c.txt}"
        )
        .applied
    );
    assert_eq!(
        paths(&world, &store_of(sim::pod(&world, "box"), "data")),
        ["b.txt", "c.txt"]
    );
}

#[test]
fn rule_5_17_claim_read_only_forces_every_mount_read_only() {
    let yaml = static_pv("vol", "1Gi", "ReadWriteOnce", "")
        + &claim("data", "ReadWriteOnce", "1Gi", Some(""))
        + &bare(
            "box",
            "",
            &container(
                "app",
                "    - {name: data, mountPath: /a}\n    - {name: data, mountPath: /b}\n",
            ),
            "  - name: data\n    persistentVolumeClaim: {claimName: data, readOnly: true}\n",
        );
    let (mut world, _) = sim::world(&yaml);
    assert_eq!(sim::pod(&world, "box").phase, Phase::Running);
    assert!(!write(&mut world, "box", "/a/x"));
    assert!(!write(&mut world, "box", "/b/x"));
    assert!(paths(&world, &Store::Volume("vol".into())).is_empty());
}

#[test]
fn rule_5_17_sub_path_mounts_a_path_inside_the_volume() {
    let yaml = bare(
        "box",
        "",
        &container(
            "app",
            "    - {name: data, mountPath: /html, subPath: site}\n    - {name: data, mountPath: /all}\n",
        ),
        "  - name: data\n    emptyDir: {}\n",
    );
    let (mut world, _) = sim::world(&yaml);
    assert!(write(&mut world, "box", "/html/index.html"));
    assert!(write(&mut world, "box", "/all/root.txt"));
    assert_eq!(
        paths(&world, &store_of(sim::pod(&world, "box"), "data")),
        ["root.txt", "site/index.html"]
    );
}

// ---------------------------------------------------------------------------------------
// 5.18 What survives what: one test per cell
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum Column {
    EmptyDir,
    HostPath,
    LocalPv,
    NetworkRetain,
    NetworkDelete,
    ConfigMap,
}

/// The `app` Deployment (preferring k8s-node1) with a volume of the column's kind at /data.
fn table(column: Column) -> String {
    match column {
        Column::EmptyDir => app(PREFER_NODE1, "        emptyDir: {}\n"),
        Column::HostPath => app(PREFER_NODE1, HOST_PATH),
        Column::LocalPv => local_app(),
        Column::NetworkRetain => {
            csi_pv("disk", "ReadWriteOnce", "Retain")
                + &claim("data", "ReadWriteOnce", "1Gi", Some(""))
                + &app(PREFER_NODE1, &claim_source("data"))
        }
        Column::NetworkDelete => {
            class("standard", "ebs.csi.aws.com", "")
                + &claim("data", "ReadWriteOnce", "1Gi", Some("standard"))
                + &app(PREFER_NODE1, &claim_source("data"))
        }
        Column::ConfigMap => {
            CONFIG.to_owned() + &app(PREFER_NODE1, "        configMap: {name: cfg}\n")
        }
    }
}

/// The world of a column, with /data/a.txt written (configMap: nothing can be written).
fn written(column: Column) -> (World, Store) {
    let (mut world, _) = sim::world(&table(column));
    let pod = the_app(&world);
    assert_eq!(pod.phase, Phase::Running, "{column:?}: {}", reason(pod));
    assert_eq!(pod.node.as_deref(), Some("k8s-node1"), "{column:?}");
    if column == Column::ConfigMap {
        assert!(!write(&mut world, "deployment/app", "/data/a.txt"));
        return (world, Store::Volume(String::new()));
    }
    assert!(
        write(&mut world, "deployment/app", "/data/a.txt"),
        "{column:?}"
    );
    let store = store_of(the_app(&world), "data");
    assert_eq!(paths(&world, &store).len(), 1, "{column:?}");
    (world, store)
}

fn survives_container_restart(column: Column) {
    let (mut world, store) = written(column);
    let before = the_app(&world).clone();
    assert!(sim::play(&mut world, "restartContainer: {pod: deployment/app}").applied);
    let after = the_app(&world);
    assert_eq!(after.uid, before.uid);
    assert_eq!(after.restarts, vec![1]);
    assert_eq!(after.volumes, before.volumes, "{column:?}: same volumes");
    if column != Column::ConfigMap {
        assert_eq!(paths(&world, &store).len(), 1, "{column:?}: kept");
    }
}

#[test]
fn rule_5_18_container_restart_keeps_emptydir() {
    survives_container_restart(Column::EmptyDir);
}

#[test]
fn rule_5_18_container_restart_keeps_hostpath() {
    survives_container_restart(Column::HostPath);
}

#[test]
fn rule_5_18_container_restart_keeps_local_pv() {
    survives_container_restart(Column::LocalPv);
}

#[test]
fn rule_5_18_container_restart_keeps_network_pv_retain() {
    survives_container_restart(Column::NetworkRetain);
}

#[test]
fn rule_5_18_container_restart_keeps_network_pv_delete() {
    survives_container_restart(Column::NetworkDelete);
}

#[test]
fn rule_5_18_container_restart_keeps_configmap() {
    survives_container_restart(Column::ConfigMap);
}

/// Deletes the pod; returns the replacement's store of `data` (asserting it runs).
fn replace_pod(world: &mut World, column: Column) -> Option<Store> {
    let old = the_app(world).uid;
    assert!(sim::play(world, "deletePod: deployment/app").applied);
    let pod = the_app(world);
    assert_ne!(pod.uid, old);
    assert_eq!(pod.phase, Phase::Running, "{column:?}: {}", reason(pod));
    pod.volumes[0].store.clone()
}

#[test]
fn rule_5_18_pod_deletion_loses_emptydir() {
    let (mut world, old) = written(Column::EmptyDir);
    let new = replace_pod(&mut world, Column::EmptyDir).unwrap();
    assert_ne!(new, old);
    assert!(paths(&world, &new).is_empty());
    assert!(paths(&world, &old).is_empty());
}

#[test]
fn rule_5_18_pod_deletion_keeps_hostpath_on_that_node_only() {
    let (mut world, old) = written(Column::HostPath);
    let new = replace_pod(&mut world, Column::HostPath).unwrap();
    assert_eq!(the_app(&world).node.as_deref(), Some("k8s-node1"));
    assert_eq!(new, old);
    assert_eq!(paths(&world, &new), ["/srv/data/a.txt"]);
    let node2 = Store::NodeDir {
        node: "k8s-node2".into(),
        path: "/srv/data".into(),
    };
    assert!(paths(&world, &node2).is_empty());
}

#[test]
fn rule_5_18_pod_deletion_keeps_local_pv_and_pins_the_pod() {
    let (mut world, old) = written(Column::LocalPv);
    let new = replace_pod(&mut world, Column::LocalPv).unwrap();
    assert_eq!(the_app(&world).node.as_deref(), Some("k8s-node1"));
    assert_eq!(new, old);
    assert_eq!(paths(&world, &new), ["a.txt"]);
}

#[test]
fn rule_5_18_pod_deletion_keeps_network_pv_retain_reattached() {
    let (mut world, old) = written(Column::NetworkRetain);
    let new = replace_pod(&mut world, Column::NetworkRetain).unwrap();
    assert_eq!(new, old);
    assert_eq!(paths(&world, &new), ["a.txt"]);
}

#[test]
fn rule_5_18_pod_deletion_keeps_network_pv_delete_as_the_claim_remains() {
    let (mut world, old) = written(Column::NetworkDelete);
    let new = replace_pod(&mut world, Column::NetworkDelete).unwrap();
    assert_eq!(new, old);
    assert_eq!(paths(&world, &new), ["a.txt"]);
    assert!(bound_to(&world, "data").is_some());
}

#[test]
fn rule_5_18_pod_deletion_regenerates_configmap() {
    let (mut world, _) = written(Column::ConfigMap);
    let before = the_app(&world).volumes.clone();
    replace_pod(&mut world, Column::ConfigMap);
    let pod = the_app(&world);
    assert_eq!(pod.volumes, before);
    assert!(pod.volumes[0].problem.is_none());
}

/// k8s-node1 dies; after `wait`, returns the live replacement.
fn kill_node1(world: &mut World, wait: &str) -> Pod {
    let old = the_app(world).uid;
    sim::play(world, "failNode: k8s-node1");
    sim::play(world, &format!("wait: {wait}"));
    let pods = app_pods(world);
    assert_eq!(pods.len(), 1, "{:?}", sim::names(world));
    assert_ne!(pods[0].uid, old, "the pod was evicted and replaced");
    pods[0].clone()
}

#[test]
fn rule_5_18_node_death_loses_emptydir() {
    let (mut world, old) = written(Column::EmptyDir);
    let pod = kill_node1(&mut world, "6m");
    assert_eq!(pod.node.as_deref(), Some("k8s-node2"));
    assert_eq!(pod.phase, Phase::Running);
    assert!(paths(&world, &store_of(&pod, "data")).is_empty());
    sim::play(&mut world, "recoverNode: k8s-node1");
    assert!(
        paths(&world, &old).is_empty(),
        "gone even when the node returns"
    );
}

#[test]
fn rule_5_18_node_death_leaves_hostpath_data_on_that_node_until_it_returns() {
    let (mut world, old) = written(Column::HostPath);
    let pod = kill_node1(&mut world, "6m");
    assert_eq!(pod.node.as_deref(), Some("k8s-node2"));
    assert_eq!(pod.phase, Phase::Running);
    assert!(
        paths(&world, &store_of(&pod, "data")).is_empty(),
        "node2's own path"
    );
    sim::play(&mut world, "recoverNode: k8s-node1");
    assert_eq!(
        paths(&world, &old),
        ["/srv/data/a.txt"],
        "back with its node"
    );
}

#[test]
fn rule_5_18_node_death_makes_local_pv_unreachable_and_the_pod_pending() {
    let (mut world, store) = written(Column::LocalPv);
    let pod = kill_node1(&mut world, "6m");
    assert_eq!(pod.phase, Phase::Pending);
    assert!(pod.node.is_none());
    assert_eq!(
        paths(&world, &store),
        ["a.txt"],
        "not lost, only unreachable"
    );
}

#[test]
fn rule_5_18_node_death_keeps_network_pv_retain_reattached_after_detach() {
    let (mut world, store) = written(Column::NetworkRetain);
    let pod = kill_node1(&mut world, "20m");
    assert_eq!(pod.node.as_deref(), Some("k8s-node2"));
    assert_eq!(pod.phase, Phase::Running, "{}", reason(&pod));
    assert_eq!(store_of(&pod, "data"), store);
    assert_eq!(paths(&world, &store), ["a.txt"]);
}

#[test]
fn rule_5_18_node_death_keeps_network_pv_delete() {
    let (mut world, store) = written(Column::NetworkDelete);
    let pod = kill_node1(&mut world, "20m");
    assert_eq!(pod.node.as_deref(), Some("k8s-node2"));
    assert_eq!(pod.phase, Phase::Running, "{}", reason(&pod));
    assert_eq!(store_of(&pod, "data"), store);
    assert_eq!(paths(&world, &store), ["a.txt"]);
}

#[test]
fn rule_5_18_node_death_regenerates_configmap_elsewhere() {
    let (mut world, _) = written(Column::ConfigMap);
    let pod = kill_node1(&mut world, "6m");
    assert_eq!(pod.node.as_deref(), Some("k8s-node2"));
    assert_eq!(pod.phase, Phase::Running);
    assert_eq!(pod.volumes[0].kind, "configMap");
    assert!(pod.volumes[0].problem.is_none());
}

/// Deletes the claim `data` and then the Deployment's pods.
fn delete_claim(world: &mut World) {
    let pv = bound_to(world, "data").unwrap();
    assert!(sim::play(world, "deletePVC: data").applied);
    sim::play(world, "scale: {kind: Deployment, name: app, replicas: 0}");
    assert!(world.cluster.claim("default", "data").is_none());
    assert!(world
        .cluster
        .volumes
        .iter()
        .all(|v| v.phase != VolumePhase::Bound(pv.clone())));
}

#[test]
fn rule_5_18_claim_deletion_treats_local_pv_per_reclaim_policy() {
    let (mut world, store) = written(Column::LocalPv);
    delete_claim(&mut world);
    assert_eq!(
        world.cluster.volume("disk-1").unwrap().phase.as_str(),
        "Released"
    );
    assert_eq!(paths(&world, &store), ["a.txt"]);

    let yaml = table(Column::LocalPv).replace(
        "  storageClassName: \"\"\n  local:",
        "  storageClassName: \"\"\n  persistentVolumeReclaimPolicy: Delete\n  local:",
    );
    let (mut world, _) = sim::world(&yaml);
    assert_eq!(
        world.cluster.volume("disk-1").unwrap().reclaim,
        ReclaimPolicy::Delete
    );
    write(&mut world, "deployment/app", "/data/a.txt");
    delete_claim(&mut world);
    assert!(world.cluster.volume("disk-1").is_none());
    assert!(paths(&world, &store).is_empty());
}

#[test]
fn rule_5_18_claim_deletion_keeps_network_pv_retain_as_released() {
    let (mut world, store) = written(Column::NetworkRetain);
    delete_claim(&mut world);
    let v = world.cluster.volume("disk").unwrap();
    assert_eq!(v.phase, VolumePhase::Released("default/data".into()));
    assert_eq!(paths(&world, &store), ["a.txt"]);
}

#[test]
fn rule_5_18_claim_deletion_destroys_network_pv_delete() {
    let (mut world, store) = written(Column::NetworkDelete);
    let Store::Volume(pv) = store.clone() else {
        panic!("{store:?}")
    };
    delete_claim(&mut world);
    assert!(world.cluster.volume(&pv).is_none());
    assert!(paths(&world, &store).is_empty());
}
