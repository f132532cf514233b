//! The narration: the simulation's explanation of each step, and the myth each lecture
//! story is there to correct.

use kubeglass_core::gallery::EXAMPLES;
use kubeglass_core::load::load;
use kubeglass_core::narrate::Note;
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::Options;

fn play(text: &str) -> Vec<Vec<Note>> {
    let mut p = Playback::new(&load(text).objects, Options::default());
    while !p.at_end() {
        p.step();
    }
    p.notes().to_vec()
}

fn example(id: &str) -> Vec<Vec<Note>> {
    play(EXAMPLES.iter().find(|e| e.id == id).unwrap().source)
}

/// The myths told at step `n` (1-based), in English.
fn myths(notes: &[Vec<Note>], n: usize) -> Vec<String> {
    notes[n - 1]
        .iter()
        .filter(|x| x.myth)
        .map(|x| x.text.en.clone())
        .collect()
}

fn has(notes: &[Vec<Note>], n: usize, needle: &str) -> bool {
    myths(notes, n).iter().any(|m| m.contains(needle))
}

#[test]
fn every_step_starts_with_its_explanation_in_both_languages() {
    for e in EXAMPLES {
        for (i, step) in play(e.source).iter().enumerate() {
            let first = &step[0];
            assert!(!first.myth, "{} step {}", e.id, i + 1);
            assert!(
                !first.text.en.is_empty() && !first.text.ko.is_empty(),
                "{} step {}",
                e.id,
                i + 1
            );
            for note in step {
                assert!(
                    !note.text.ko.is_empty() && note.text.ko != note.text.en,
                    "{}: untranslated {:?}",
                    e.id,
                    note.text.en
                );
            }
        }
    }
}

#[test]
fn load_spreading_is_random_not_round_robin() {
    assert!(has(&example("clusterip"), 1, "round robin"));
}

#[test]
fn a_restart_loses_the_containers_own_files_and_a_deletion_the_emptydir() {
    let notes = example("emptydir");
    assert!(
        myths(&notes, 1).is_empty(),
        "writing a file corrects nothing"
    );
    assert!(has(&notes, 3, "restarted container keeps its files"));
    assert!(has(&notes, 4, "emptyDir is persistent"));
}

#[test]
fn hostpath_is_per_node() {
    let notes = example("hostpath");
    assert!(has(&notes, 2, "pods move as soon as a node dies"));
    let told = (1..=notes.len()).any(|n| has(&notes, n, "hostPath is shared storage"));
    assert!(told, "{notes:#?}");
}

#[test]
fn deleting_a_claim_keeps_retained_data() {
    let notes = example("local-pv");
    let told = (1..=notes.len()).any(|n| has(&notes, n, "deleting a PVC deletes the data"));
    assert!(told);
}

#[test]
fn headless_externalname_and_pending_load_balancers_are_explained() {
    assert!(has(
        &example("headless"),
        1,
        "headless Service has no ClusterIP"
    ));
    assert!(has(
        &example("externalname"),
        1,
        "ExternalName Service proxies traffic"
    ));
    assert!(has(&example("loadbalancer-pending"), 1, "<pending>"));
}

#[test]
fn namespaces_do_not_isolate_traffic() {
    let text = "\
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: team-a}
spec: {containers: [{name: c, image: curl}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: team-b, labels: {app: web}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: team-b}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: kubeglass/v1alpha1
kind: Scenario
metadata: {name: cross}
spec:
  steps:
  - request: {from: team-a/pod/client, to: web.team-b:80}
";
    let notes = play(text);
    assert!(has(&notes, 1, "namespaces isolate traffic"), "{notes:#?}");
}

#[test]
fn a_node_port_answers_on_a_node_without_the_pod() {
    let text = "\
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  nodeName: k8s-node1
  containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, nodePort: 30080}]}
---
apiVersion: kubeglass/v1alpha1
kind: Scenario
metadata: {name: np}
spec:
  steps:
  - request: {from: outside, to: k8s-node2:30080}
  - request: {from: outside, to: k8s-node1:30080}
";
    let notes = play(text);
    assert!(
        has(
            &notes,
            1,
            "NodePort only works on the node that runs the pod"
        ),
        "{notes:#?}"
    );
    assert!(
        !has(&notes, 2, "NodePort only works"),
        "no forwarding needed on the pod's own node"
    );
}

#[test]
fn even_counts_make_no_claim_about_unevenness() {
    let notes = example("deployment");
    assert!(
        !has(&notes, 1, "round robin"),
        "6 requests spread 2/2/2: {:#?}",
        notes[0]
    );
}

#[test]
fn lost_storage_is_named_in_korean_too() {
    for step in example("emptydir").iter().flatten() {
        assert!(
            !step.text.ko.contains(" of pod "),
            "English inside Korean: {}",
            step.text.ko
        );
    }
}

#[test]
fn cordon_is_not_drain() {
    let notes = play(
        "apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: c}\nspec:\n  steps:\n  - cordon: k8s-node1\n  - cordon: k8s-node1\n  - uncordon: k8s-node1\n",
    );
    assert!(has(&notes, 1, "Myth: cordoning a node moves its pods away"));
    assert!(notes[0][0].text.ko.contains("cordoned"));
    assert_eq!(notes[1][0].text.en, "node/k8s-node1 already cordoned");
    assert!(myths(&notes, 3).is_empty());
}
