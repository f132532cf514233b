//! `kubeglass describe`: why each pod is where it is (`pods[].scheduling`, docs/cli.md).

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// `kubeglass describe -` of `text`.
fn describe(text: &str) -> Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubeglass"))
        .args(["describe", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run kubeglass");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    serde_json::from_slice(&out.stdout).expect("JSON")
}

const ANTI_AFFINITY: &str = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {app: web}}
            topologyKey: kubernetes.io/hostname
      containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec:
  nodeName: k8s-node1
  containers: [{name: c, image: busybox}]
";

fn reasons(pod: &Value) -> Vec<(String, String)> {
    pod["scheduling"]["filtered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["node"].as_str().unwrap().to_owned(),
                f["reason"]["en"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn each_scheduled_pod_says_which_filter_ruled_out_each_node_and_how_the_rest_scored() {
    let description = describe(ANTI_AFFINITY);
    let pods = description["pods"].as_array().unwrap();
    let web: Vec<&Value> = pods
        .iter()
        .filter(|p| p["name"].as_str().unwrap().starts_with("web-"))
        .collect();
    assert_eq!(web.len(), 3);
    for pod in &web {
        let why = reasons(pod);
        assert!(why.contains(&(
            "k8s-master".to_owned(),
            "node(s) had untolerated taint(s)".to_owned()
        )));
        assert!(!pod["scheduling"]["filtered"][0]["reason"]["ko"]
            .as_str()
            .unwrap()
            .is_empty());
        let scores = pod["scheduling"]["scores"].as_array().unwrap();
        match pod["node"].as_str() {
            Some(node) => {
                let top = scores
                    .iter()
                    .map(|s| s["score"].as_i64().unwrap())
                    .max()
                    .unwrap();
                let chosen = scores.iter().find(|s| s["node"] == node).expect("scored");
                assert_eq!(
                    chosen["score"].as_i64(),
                    Some(top),
                    "the pod went to a top score"
                );
                assert_eq!(why.len() + scores.len(), 3, "every node once");
            }
            None => {
                assert!(scores.is_empty());
                assert_eq!(why.len(), 3);
                assert!(why
                    .iter()
                    .filter(|(n, _)| n != "k8s-master")
                    .all(|(_, r)| r == "node(s) didn't match pod anti-affinity rules"));
            }
        }
    }
    let pinned = pods.iter().find(|p| p["name"] == "pinned").unwrap();
    assert!(
        pinned["scheduling"].is_null(),
        "nodeName skips the scheduler"
    );
}

#[test]
fn pods_list_their_images_and_deployments_their_revision_and_replica_set() {
    let text = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: \"nginx:1.25\"}, {name: log, image: busybox}]
";
    let described = describe(text);
    let pod = &described["pods"][0];
    assert_eq!(pod["images"], serde_json::json!(["nginx:1.25", "busybox"]));
    let deployment = &described["deployments"][0];
    assert_eq!(deployment["name"], "web");
    assert_eq!(deployment["namespace"], "default");
    assert_eq!(deployment["revision"], 1);
    let sets = deployment["replicaSets"].as_array().unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0]["name"], pod["owner"]["name"], "the pods' owner");
    assert_eq!(sets[0]["replicas"], 2);
    assert_eq!(
        sets[0]["images"],
        serde_json::json!(["nginx:1.25", "busybox"])
    );
}
