//! Every lecture story, end to end through `kubeglass simulate`: the JSON a user would see.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn simulate(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    let out = Command::new(env!("CARGO_BIN_EXE_kubeglass"))
        .arg("simulate")
        .arg(&path)
        .output()
        .expect("run kubeglass");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn gallery(file: &str) -> Value {
    simulate(&format!("crates/core/gallery/{file}"))
}

fn step(run: &Value, n: usize) -> &Value {
    &run["steps"][n - 1]
}

fn explanation(run: &Value, n: usize) -> String {
    step(run, n)["explanation"]["en"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn requests(run: &Value, n: usize) -> &Vec<Value> {
    step(run, n)["outcome"]["requests"].as_array().unwrap()
}

fn pods(run: &Value) -> &Vec<Value> {
    run["final"]["pods"].as_array().unwrap()
}

fn hop_kinds(request: &Value) -> Vec<&str> {
    request["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect()
}

fn all_applied(run: &Value) {
    for s in run["steps"].as_array().unwrap() {
        assert_eq!(s["outcome"]["applied"], true, "{s}");
    }
}

#[test]
fn emptydir_is_shared_survives_restarts_and_dies_with_the_pod() {
    let run = gallery("01-emptydir.yaml");
    all_applied(&run);
    assert!(explanation(&run, 1).contains("emptyDir"));
    assert!(explanation(&run, 3).contains("Lost with the old layer: /tmp/scratch.txt"));
    let deletion = explanation(&run, 4);
    assert!(
        deletion.contains("is gone, and with it file.txt"),
        "{deletion}"
    );
    assert!(
        deletion.contains("created"),
        "the ReplicaSet replaces it: {deletion}"
    );
    let pods = pods(&run);
    assert_eq!(pods.len(), 1);
    let volume = &pods[0]["volumes"][0];
    assert_eq!(volume["type"], "emptyDir");
    assert_eq!(volume["lifetime"], "pod");
    assert_eq!(
        volume["files"],
        serde_json::json!([]),
        "the replacement starts empty"
    );
}

#[test]
fn hostpath_files_stay_on_their_node_when_the_pod_moves() {
    let run = gallery("02-hostpath.yaml");
    all_applied(&run);
    let pod = &pods(&run)[0];
    assert_eq!(pod["node"], "k8s-node2", "replaced on the other node");
    assert_eq!(
        pod["volumes"][0]["files"],
        serde_json::json!(["/node-v/other.txt"])
    );
    let nodes = run["final"]["nodes"].as_array().unwrap();
    let disk = |name: &str| {
        nodes.iter().find(|n| n["name"] == name).unwrap()["hostPaths"][0]["files"].clone()
    };
    assert_eq!(
        disk("k8s-node1"),
        serde_json::json!(["/node-v/file.txt"]),
        "still on the first node"
    );
    assert_eq!(disk("k8s-node2"), serde_json::json!(["/node-v/other.txt"]));
    assert!(explanation(&run, 3).contains("evicted"));
}

#[test]
fn local_pv_pins_the_pod_and_keeps_data_past_the_claim() {
    let run = gallery("03-local-pv.yaml");
    all_applied(&run);
    assert!(
        explanation(&run, 2).contains("on k8s-node1"),
        "the PV's node: {}",
        explanation(&run, 2)
    );
    assert!(explanation(&run, 3).contains("Terminating while pods use it"));
    assert!(explanation(&run, 4).contains("Released"));
    let pv = &run["final"]["persistentVolumes"][0];
    assert_eq!(pv["name"], "pv-01");
    assert_eq!(pv["phase"], "Released");
    assert_eq!(pv["reclaimPolicy"], "Retain");
    assert_eq!(pv["files"], serde_json::json!(["file.txt"]));
    assert_eq!(
        run["final"]["persistentVolumeClaims"],
        serde_json::json!([])
    );
}

#[test]
fn clusterip_spreads_requests_over_the_backends() {
    let run = gallery("04-clusterip.yaml");
    let sent = requests(&run, 1);
    assert_eq!(sent.len(), 12);
    assert!(sent.iter().all(|r| r["delivered"] == true));
    let reached: std::collections::BTreeSet<&str> =
        sent.iter().map(|r| r["pod"].as_str().unwrap()).collect();
    assert!(reached.len() >= 2, "spread over several pods: {reached:?}");
    assert_eq!(hop_kinds(&sent[0])[..3], ["dns", "send", "rewrite"]);
    let hits: u64 = run["final"]["hits"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(hits, 12);
}

#[test]
fn nodeport_local_answers_only_on_the_node_with_the_pod() {
    let run = gallery("05-nodeport-local.yaml");
    assert!(requests(&run, 1)
        .iter()
        .all(|r| r["delivered"] == true && r["pod"] == "default/pod-1"));
    for r in requests(&run, 2) {
        assert_eq!(r["delivered"], false);
        assert!(r["dropReason"]["en"]
            .as_str()
            .unwrap()
            .contains("policy is Local"));
        assert_eq!(r["droppedAt"]["name"], "k8s-node2");
    }
}

#[test]
fn loadbalancer_stays_pending_without_a_cloud_but_its_nodeport_works() {
    let run = gallery("06-loadbalancer-pending.yaml");
    let lb = &requests(&run, 1)[0];
    assert_eq!(lb["delivered"], false);
    assert!(lb["dropReason"]["en"]
        .as_str()
        .unwrap()
        .contains("<pending>"));
    assert!(requests(&run, 2).iter().all(|r| r["delivered"] == true));
    assert_eq!(run["final"]["services"][0]["loadBalancer"], "pending");
}

#[test]
fn loadbalancer_with_a_cloud_balances_over_the_nodes() {
    let run = gallery("07-loadbalancer-cloud.yaml");
    let sent = requests(&run, 1);
    assert!(sent.iter().all(|r| r["delivered"] == true));
    assert_eq!(hop_kinds(&sent[0])[..3], ["send", "balance", "rewrite"]);
    let address = run["final"]["services"][0]["loadBalancer"]
        .as_str()
        .unwrap();
    assert!(address.starts_with("203.0.113."), "{address}");
}

#[test]
fn headless_dns_answers_pod_ips_and_hostname_records() {
    let run = gallery("08-headless.yaml");
    let sent = requests(&run, 1);
    assert!(sent.iter().all(|r| r["delivered"] == true));
    assert!(
        !hop_kinds(&sent[0]).contains(&"rewrite"),
        "no virtual IP, no kube-proxy"
    );
    assert_eq!(requests(&run, 2)[0]["pod"], "default/pod4");
    let dns = &run["final"]["services"][0]["dns"];
    assert!(dns
        .as_array()
        .unwrap()
        .contains(&Value::from("pod-a.headless1.default.svc.cluster.local")));
    assert_eq!(run["final"]["services"][0]["clusterIP"], "None");
}

#[test]
fn manual_endpoints_route_a_selectorless_service() {
    let run = gallery("09-endpoints.yaml");
    let r = &requests(&run, 1)[0];
    assert_eq!(r["pod"], "default/pod-1");
    let rewrite = r["hops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["kind"] == "rewrite")
        .unwrap();
    assert!(rewrite["note"]["en"]
        .as_str()
        .unwrap()
        .contains("to 20.96.1.2:8080"));
}

#[test]
fn externalname_is_a_dns_alias_out_of_the_cluster() {
    let run = gallery("10-externalname.yaml");
    let r = &requests(&run, 1)[0];
    assert_eq!(r["delivered"], true);
    assert_eq!(r["pod"], Value::Null);
    let last = r["hops"].as_array().unwrap().last().unwrap();
    assert_eq!(last["to"]["kind"], "external");
    assert_eq!(last["to"]["host"], "github.github.io");
    assert!(run["final"]["services"][0]["endpoints"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn a_deployment_replaces_a_deleted_pod_and_endpoints_follow() {
    let run = gallery("11-deployment.yaml");
    let before: Vec<&str> = requests(&run, 1)
        .iter()
        .map(|r| r["pod"].as_str().unwrap())
        .collect();
    let deleted = explanation(&run, 2);
    let gone = deleted.split_whitespace().nth(1).unwrap();
    assert!(
        before.iter().any(|p| p.ends_with(gone)),
        "{gone} served before"
    );
    let after: Vec<&str> = requests(&run, 3)
        .iter()
        .map(|r| r["pod"].as_str().unwrap())
        .collect();
    assert!(
        after.iter().all(|p| !p.ends_with(gone)),
        "no traffic to the deleted pod"
    );
    let web = run["final"]["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "web")
        .unwrap();
    assert_eq!(web["endpoints"].as_array().unwrap().len(), 3);
}

#[test]
fn external_ips_work_only_for_an_address_a_node_has() {
    let run = simulate("fixtures/scenarios/externalips.yaml");
    let owned = &requests(&run, 1)[0];
    assert_eq!(owned["pod"], "default/hello-pod");
    assert_eq!(owned["hops"][0]["to"]["name"], "k8s-master");
    let unrouted = &requests(&run, 2)[0];
    assert_eq!(unrouted["delivered"], false);
    assert!(unrouted["dropReason"]["en"]
        .as_str()
        .unwrap()
        .contains("no node has that address"));
}

#[test]
fn node_selectors_and_requests_that_do_not_fit() {
    let run = simulate("fixtures/scenarios/scheduling.yaml");
    let pod = |name: &str| {
        pods(&run)
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(pod("pod-3")["node"], "k8s-node1");
    assert_eq!(pod("pod-4")["phase"], "Pending");
    assert_eq!(
        pod("pod-4")["reason"],
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.."
    );
    assert_eq!(
        pod("pod-5")["reason"],
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."
    );
    let codes: Vec<&str> = run["final"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"node-selector-unmatched"), "{codes:?}");
    assert!(codes.contains(&"unschedulable"), "{codes:?}");
}

#[test]
fn a_replication_controller_recreates_its_pod_and_a_bare_pod_is_gone() {
    let run = simulate("fixtures/scenarios/replicationcontroller.yaml");
    all_applied(&run);
    let recreated = explanation(&run, 1);
    assert!(
        recreated.contains("ReplicationController/replication-1 created replication-1-"),
        "{recreated}"
    );
    assert!(explanation(&run, 2).contains("nothing recreates it"));
    let names: Vec<&str> = pods(&run)
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(names[0].starts_with("replication-1-") && names[0].len() == "replication-1-".len() + 5);
}

#[test]
fn the_same_input_and_seed_give_the_same_story() {
    for file in [
        "02-hostpath.yaml",
        "04-clusterip.yaml",
        "11-deployment.yaml",
    ] {
        assert_eq!(gallery(file), gallery(file), "{file}");
    }
}
