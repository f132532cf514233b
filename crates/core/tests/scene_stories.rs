//! The lecture stories as the picture tells them: what the DOM contract shows after each
//! example's steps (the same things the browser tests check on the live view).

use kubeglass_core::gallery::EXAMPLES;
use kubeglass_core::load::load;
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::{Item, Kind, Options, Scene};

fn playback(id: &str) -> Playback {
    let example = EXAMPLES.iter().find(|e| e.id == id).expect("example");
    Playback::new(&load(example.source).objects, Options::default())
}

fn data<'i>(item: &'i Item, key: &str) -> &'i str {
    item.data
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, v)| v.as_str())
}

fn files(item: &Item) -> Vec<String> {
    item.walk()
        .filter(|i| i.kind == Kind::File)
        .map(|f| data(f, "file").to_owned())
        .collect()
}

fn of_kind(scene: &Scene, kind: Kind) -> Vec<&Item> {
    scene.all_items().filter(|i| i.kind == kind).collect()
}

fn volume<'s>(scene: &'s Scene, pod: &str, name: &str) -> &'s Item {
    scene
        .all_items()
        .find(|i| i.kind == Kind::Volume && data(i, "pod") == pod && data(i, "name") == name)
        .unwrap_or_else(|| panic!("no volume {name} of {pod}"))
}

fn pod_names(scene: &Scene) -> Vec<String> {
    of_kind(scene, Kind::Pod)
        .iter()
        .map(|p| data(p, "name").to_owned())
        .collect()
}

#[test]
fn emptydir_files_survive_a_restart_and_die_with_the_pod() {
    let mut p = playback("emptydir");
    p.step();
    let pod = pod_names(p.scene())[0].clone();
    let v = volume(p.scene(), &pod, "empty-dir");
    assert_eq!(data(v, "lifetime"), "pod");
    assert_eq!(files(v), ["file.txt"]);
    p.step();
    let container2 = p
        .scene()
        .all_items()
        .find(|i| i.id.ends_with("/container:container2"))
        .unwrap();
    assert_eq!(
        files(container2),
        ["/tmp/scratch.txt"],
        "written outside any volume"
    );
    p.step(); // container2 restarts
    let container2 = p
        .scene()
        .all_items()
        .find(|i| i.id.ends_with("/container:container2"))
        .unwrap();
    assert!(
        files(container2).is_empty(),
        "a restart loses the container's own files"
    );
    assert_eq!(
        files(volume(p.scene(), &pod, "empty-dir")),
        ["file.txt"],
        "the emptyDir keeps them"
    );
    p.step(); // the pod is deleted
    let now = pod_names(p.scene());
    let replacement = now.iter().find(|n| **n != pod).expect("a replacement pod");
    assert!(
        files(volume(p.scene(), replacement, "empty-dir")).is_empty(),
        "the replacement starts empty"
    );
}

#[test]
fn hostpath_files_stay_on_the_old_node() {
    let mut p = playback("hostpath");
    p.step();
    let first_pod = pod_names(p.scene())[0].clone();
    let first_node = data(of_kind(p.scene(), Kind::Pod)[0], "node").to_owned();
    while !p.at_end() {
        p.step();
    }
    let scene = p.scene();
    let dirs = of_kind(scene, Kind::HostPath);
    let on = |node: &str| {
        dirs.iter()
            .find(|d| data(d, "node") == node)
            .map(|d| files(d))
            .unwrap_or_default()
    };
    assert_eq!(
        on(&first_node),
        ["/node-v/file.txt"],
        "the file stays on {first_node}'s disk"
    );
    let pods = of_kind(scene, Kind::Pod);
    let moved = pods
        .iter()
        .find(|p| data(p, "name") != first_pod)
        .expect("a replacement");
    let new_node = data(moved, "node");
    assert_ne!(new_node, first_node);
    assert_eq!(
        on(new_node),
        ["/node-v/other.txt"],
        "the new node's directory holds only what was written there"
    );
    assert_eq!(
        files(volume(scene, data(moved, "name"), "host-path")),
        ["other.txt"]
    );
    let node = scene
        .all_items()
        .find(|i| i.kind == Kind::Node && data(i, "name") == first_node)
        .unwrap();
    assert_eq!(data(node, "up"), "true", "recovered at the end");
}

#[test]
fn local_pv_data_outlives_the_pod_and_the_claim() {
    let mut p = playback("local-pv");
    p.step();
    let pv = |s: &Scene| {
        s.all_items()
            .find(|i| i.kind == Kind::PersistentVolume)
            .cloned()
            .unwrap()
    };
    assert_eq!(files(&pv(p.scene())), ["file.txt"]);
    p.step(); // delete the pod
    assert_eq!(files(&pv(p.scene())), ["file.txt"]);
    let pod = of_kind(p.scene(), Kind::Pod)[0];
    assert_eq!(
        files(volume(p.scene(), data(pod, "name"), "pvc-pv")),
        ["file.txt"],
        "the replacement mounts the same data"
    );
    p.step(); // delete the claim (still in use: it waits, still bound)
    let claim = of_kind(p.scene(), Kind::Claim)[0].clone();
    assert_eq!(
        (data(&claim, "phase"), data(&claim, "volume")),
        ("Terminating", "pv-01")
    );
    p.step(); // scale to zero: the claim goes, the PV is Released with its data (Retain)
    let volume = pv(p.scene());
    assert_eq!(data(&volume, "phase"), "Released");
    assert_eq!(files(&volume), ["file.txt"]);
    assert!(of_kind(p.scene(), Kind::Claim).is_empty());
}

#[test]
fn nodeport_local_draws_doors_on_every_node_and_drops_at_the_podless_one() {
    let mut p = playback("nodeport-local");
    let doors = of_kind(p.scene(), Kind::Door);
    assert_eq!(doors.len(), 3);
    let pod_node = data(of_kind(p.scene(), Kind::Pod)[0], "node").to_owned();
    for _ in 0..2 {
        let outcome = p.step().unwrap().clone();
        let sent_to = if outcome.explanation.en.contains("k8s-node1") {
            "k8s-node1"
        } else {
            "k8s-node2"
        };
        for r in &outcome.requests {
            assert_eq!(
                r.delivered,
                sent_to == pod_node,
                "{sent_to}: {:?}",
                r.drop_reason
            );
            if !r.delivered {
                let last = r.hops.last().unwrap();
                let end = *p.scene().hop_points(last).last().unwrap();
                let node = p
                    .scene()
                    .all_items()
                    .find(|i| i.kind == Kind::Node && data(i, "name") == sent_to)
                    .unwrap();
                let door = p.scene().anchors.doors[&(sent_to.to_owned(), 30000)];
                assert!(
                    end == door
                        || node
                            .rect
                            .contains(&kubeglass_core::scene::Rect::new(end.x, end.y, 0, 0)),
                    "dropped at {sent_to}"
                );
            }
        }
    }
}

#[test]
fn load_spreads_and_is_counted_on_each_pod() {
    let mut p = playback("clusterip");
    p.step();
    let hits: Vec<u64> = of_kind(p.scene(), Kind::Pod)
        .iter()
        .map(|i| data(i, "hits").parse().unwrap_or(0))
        .collect();
    assert_eq!(hits.iter().sum::<u64>(), 12);
    assert!(
        hits.iter().filter(|h| **h > 0).count() >= 2,
        "spread over backends: {hits:?}"
    );
}

#[test]
fn a_deleted_deployment_pod_is_replaced_and_its_endpoint_edge_follows() {
    let mut p = playback("deployment");
    p.step();
    let before = pod_names(p.scene());
    p.step();
    let after = pod_names(p.scene());
    assert_eq!(before.len(), after.len());
    let gone: Vec<_> = before.iter().filter(|n| !after.contains(n)).collect();
    let new: Vec<_> = after.iter().filter(|n| !before.contains(n)).collect();
    assert_eq!((gone.len(), new.len()), (1, 1));
    let edges: Vec<&str> = p.scene().edges.iter().map(|e| e.id.as_str()).collect();
    assert!(
        edges.iter().any(|e| e.ends_with(&format!("->{}", new[0]))),
        "{edges:?}"
    );
    assert!(!edges.iter().any(|e| e.ends_with(&format!("->{}", gone[0]))));
}

#[test]
fn a_pending_load_balancer_says_so() {
    let p = playback("loadbalancer-pending");
    let lb = of_kind(p.scene(), Kind::LoadBalancer);
    assert_eq!(lb.len(), 1);
    assert!(lb[0].classes.contains(&"pending"));
    assert!(lb[0].labels.iter().any(|l| l.text.contains("<pending>")));
    let cloud = playback("loadbalancer-cloud");
    let lb = of_kind(cloud.scene(), Kind::LoadBalancer);
    assert!(!data(lb[0], "address").is_empty());
}

#[test]
fn a_failed_node_greys_out_and_its_pods_move() {
    let example = EXAMPLES.iter().find(|e| e.id == "deployment").unwrap();
    let mut p = Playback::new(&load(example.source).objects, Options::default());
    let node = data(of_kind(p.scene(), Kind::Pod)[0], "node").to_owned();
    p.perform(kubeglass_core::scenario::Step::FailNode(node.clone()));
    p.perform(kubeglass_core::scenario::Step::Wait(10 * 60_000));
    let scene = p.scene();
    let item = scene
        .all_items()
        .find(|i| i.kind == Kind::Node && data(i, "name") == node)
        .unwrap();
    assert!(item.classes.contains(&"down"));
    assert_eq!(data(item, "ready"), "false");
    let on_failed: Vec<_> = of_kind(scene, Kind::Pod)
        .into_iter()
        .filter(|i| data(i, "node") == node && !i.classes.contains(&"terminating"))
        .collect();
    assert!(
        on_failed.is_empty(),
        "only terminating pods stay on the failed node: {:?}",
        on_failed.iter().map(|i| &i.id).collect::<Vec<_>>()
    );
    // Stepping back undoes the user's actions.
    p.back();
    p.back();
    let item = p
        .scene()
        .all_items()
        .find(|i| i.kind == Kind::Node && data(i, "name") == node)
        .unwrap();
    assert!(!item.classes.contains(&"down"));
}

#[test]
fn a_drain_moves_the_deployment_pod_keeps_the_daemonset_pod_and_loses_the_emptydir() {
    let mut p = playback("drain");
    let on = |scene: &Scene, node: &str, prefix: &str| -> Vec<String> {
        of_kind(scene, Kind::Pod)
            .into_iter()
            .filter(|i| data(i, "node") == node && data(i, "name").starts_with(prefix))
            .map(|i| data(i, "name").to_owned())
            .collect()
    };
    assert_eq!(on(p.scene(), "k8s-node1", "web-").len(), 1);
    assert_eq!(on(p.scene(), "k8s-node1", "log-agent-").len(), 1);
    p.step();
    let written = on(p.scene(), "k8s-node1", "web-")[0].clone();
    assert_eq!(files(volume(p.scene(), &written, "cache")), ["session.txt"]);
    let before = pod_names(p.scene());
    p.step();
    assert_eq!(
        pod_names(p.scene()),
        before,
        "the refused drain evicts nothing"
    );
    p.step();
    assert!(on(p.scene(), "k8s-node1", "web-").is_empty());
    assert_eq!(on(p.scene(), "k8s-node2", "web-").len(), 2);
    assert_eq!(on(p.scene(), "k8s-node1", "log-agent-").len(), 1);
    assert!(!pod_names(p.scene()).contains(&written));
    assert!(
        of_kind(p.scene(), Kind::File)
            .iter()
            .all(|f| data(f, "file") != "session.txt"),
        "the emptyDir file is gone with its pod"
    );
    p.step();
    assert!(
        on(p.scene(), "k8s-node1", "web-").is_empty(),
        "uncordon moves nothing back"
    );
}

#[test]
fn anti_affinity_keeps_one_replica_per_node_and_a_joining_node_takes_the_waiting_one() {
    let mut p = playback("anti-affinity");
    let nodes_of = |scene: &Scene| -> Vec<String> {
        of_kind(scene, Kind::Pod)
            .into_iter()
            .map(|i| data(i, "node").to_owned())
            .collect()
    };
    let mut start = nodes_of(p.scene());
    start.sort();
    assert_eq!(
        start,
        ["", "k8s-node1", "k8s-node2"],
        "one waits unscheduled"
    );
    p.step();
    let mut joined = nodes_of(p.scene());
    joined.sort();
    assert_eq!(joined, ["k8s-node1", "k8s-node2", "k8s-node3"]);
    p.step();
    let mut scaled = nodes_of(p.scene());
    scaled.sort();
    assert_eq!(scaled, ["", "k8s-node1", "k8s-node2", "k8s-node3"]);
}
