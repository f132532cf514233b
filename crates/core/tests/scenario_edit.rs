//! Recording the user's actions in the Scenario text: every step written back reads as the
//! same step, lands where it was taken, and leaves the rest of the text alone.

use kubeglass_core::load::load;
use kubeglass_core::model::{Taint, TaintEffect, WorkloadKind};
use kubeglass_core::scenario::edit::{insert_step, replace_step, step_yaml};
use kubeglass_core::scenario::{Client, NodeTemplate, PodRef, Step};
use kubeglass_core::sim::scenario_of;

fn steps(text: &str) -> Vec<Step> {
    let loaded = load(text);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.en.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    scenario_of(&loaded.objects)
        .map(|s| s.steps.iter().map(|(s, _)| s.clone()).collect())
        .unwrap_or_default()
}

fn pod(name: &str) -> PodRef {
    PodRef {
        name: name.into(),
        ..PodRef::default()
    }
}

fn every_kind_of_step() -> Vec<Step> {
    vec![
        Step::Request {
            from: Client::Outside,
            to: "k8s-node1:30000".into(),
            count: 1,
        },
        Step::Request {
            from: Client::Pod(PodRef {
                namespace: Some("shop".into()),
                ..pod("client")
            }),
            to: "web.shop:80".into(),
            count: 7,
        },
        Step::Request {
            from: Client::Internet,
            to: "lb/svc-3:9000".into(),
            count: 2,
        },
        Step::Request {
            from: Client::Node("k8s-node2".into()),
            to: "10.96.0.10:53".into(),
            count: 1,
        },
        Step::Write {
            pod: PodRef {
                workload: Some(WorkloadKind::Deployment),
                index: 1,
                ..pod("web")
            },
            container: Some("c1".into()),
            path: "/data/a file: #1.txt".into(),
        },
        Step::Write {
            pod: pod("p"),
            container: None,
            path: "/x".into(),
        },
        Step::RestartContainer {
            pod: pod("p"),
            container: Some("sidecar".into()),
        },
        Step::DeletePod(PodRef {
            namespace: Some("team-a".into()),
            ..pod("web-7d4b9-x2k4p")
        }),
        Step::FailNode("k8s-node1".into()),
        Step::RecoverNode("k8s-node1".into()),
        Step::Scale {
            kind: WorkloadKind::StatefulSet,
            namespace: Some("db".into()),
            name: "pg".into(),
            replicas: 0,
        },
        Step::DeletePvc {
            namespace: None,
            name: "true".into(),
        },
        Step::Cordon("k8s-node1".into()),
        Step::Uncordon("k8s-node1".into()),
        Step::Drain {
            node: "k8s-node2".into(),
            ignore_daemon_sets: true,
            delete_empty_dir_data: false,
            force: true,
        },
        Step::Drain {
            node: "k8s-node2".into(),
            ignore_daemon_sets: false,
            delete_empty_dir_data: false,
            force: false,
        },
        Step::Taint {
            node: "k8s-node2".into(),
            taint: Taint {
                key: "dedicated".into(),
                value: "db: main".into(),
                effect: TaintEffect::NoExecute,
            },
        },
        Step::Taint {
            node: "k8s-node2".into(),
            taint: Taint {
                key: "example.com/gpu".into(),
                value: String::new(),
                effect: TaintEffect::PreferNoSchedule,
            },
        },
        Step::Untaint {
            node: "k8s-node2".into(),
            key: "dedicated".into(),
            effect: Some(TaintEffect::NoExecute),
        },
        Step::Untaint {
            node: "k8s-node2".into(),
            key: "dedicated".into(),
            effect: None,
        },
        Step::AddNode(NodeTemplate {
            name: "gpu-1".into(),
            labels: [("gpu".to_owned(), "true".to_owned())]
                .into_iter()
                .collect(),
            taints: vec![Taint {
                key: "gpu".into(),
                value: String::new(),
                effect: TaintEffect::NoSchedule,
            }],
            cpu_milli: Some(4000),
            memory: Some(8 << 30),
            ip: Some("192.168.56.40".into()),
            control_plane: false,
        }),
        Step::AddNode(NodeTemplate {
            name: "k8s-node3".into(),
            ..NodeTemplate::default()
        }),
        Step::Wait(90_000),
    ]
}

const BASE: &str = "\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {containers: [{name: c, image: busybox}]}
---
# the story
apiVersion: kubeglass/v1alpha1
kind: Scenario
metadata:
  name: s
spec:
  steps:
    - failNode: k8s-node1   # first
    - request:
        from: outside
        to: k8s-node2:30000

    - recoverNode: k8s-node1
# after the steps
";

#[test]
fn every_step_reads_back_as_itself() {
    for step in every_kind_of_step() {
        let text = format!("apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {{name: s}}\nspec:\n  steps:\n  - {}\n", step_yaml(&step));
        assert_eq!(
            steps(&text),
            std::slice::from_ref(&step),
            "{}",
            step_yaml(&step)
        );
    }
}

#[test]
fn a_step_lands_where_it_was_taken() {
    let new = Step::DeletePod(pod("p"));
    for position in 0..=3 {
        let text = insert_step(BASE, position, &new);
        let mut expected = steps(BASE);
        expected.insert(position, new.clone());
        assert_eq!(steps(&text), expected, "at {position}:\n{text}");
        assert!(
            text.contains("# the story")
                && text.contains("# first")
                && text.contains("# after the steps")
        );
        assert!(text.starts_with("apiVersion: v1\nkind: Pod"));
    }
    let appended = insert_step(BASE, 3, &new);
    assert!(
        appended.contains("    - recoverNode: k8s-node1\n    - deletePod: p\n# after the steps"),
        "{appended}"
    );
}

#[test]
fn a_manifest_without_a_scenario_gets_one() {
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: busybox}]}";
    let out = insert_step(text, 0, &Step::FailNode("k8s-node1".into()));
    assert_eq!(steps(&out), [Step::FailNode("k8s-node1".into())]);
    assert_eq!(load(&out).objects.len(), 2);
    let second = insert_step(&out, 1, &Step::RecoverNode("k8s-node1".into()));
    assert_eq!(
        steps(&second),
        [
            Step::FailNode("k8s-node1".into()),
            Step::RecoverNode("k8s-node1".into())
        ]
    );
}

#[test]
fn a_scenario_without_steps_gets_a_list() {
    for text in [
        "apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  steps: []\n",
        "apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  seed: 3\n",
    ] {
        let out = insert_step(text, 0, &Step::Wait(5_000));
        assert_eq!(steps(&out), [Step::Wait(5_000)], "{out}");
    }
}

#[test]
fn a_step_can_be_rewritten_in_place() {
    let out = replace_step(
        BASE,
        1,
        &Step::Request {
            from: Client::Outside,
            to: "k8s-node2:30000".into(),
            count: 5,
        },
    )
    .unwrap();
    let read = steps(&out);
    assert_eq!(read.len(), 3);
    assert_eq!(
        read[1],
        Step::Request {
            from: Client::Outside,
            to: "k8s-node2:30000".into(),
            count: 5
        }
    );
    assert!(out.contains("# first") && out.contains("    - recoverNode"));
    assert!(replace_step(BASE, 9, &Step::Wait(1)).is_none());
}
