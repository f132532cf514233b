//! The picture's layout: every lecture example at every step, and every corpus file, is
//! drawn without overlaps, inside its containers, with labels that fit and edges that cross
//! no text; the same input gives the same picture, and objects keep their places.

#[path = "support/fixtures.rs"]
mod fixtures;
#[path = "support/picture.rs"]
mod picture;

use kubeglass_core::gallery::EXAMPLES;
use kubeglass_core::load::load;
use kubeglass_core::playback::Playback;
use kubeglass_core::scenario::{PodRef, Step};
use kubeglass_core::scene::{Kind, Options, Point};

/// Plays `text`'s story, calling `check` with the playback before the first step and after
/// each one.
fn every_step(text: &str, check: impl FnMut(&Playback)) {
    every_step_with(text, Options::default(), check);
}

/// [`every_step`], drawn with `options`.
fn every_step_with(text: &str, options: Options, mut check: impl FnMut(&Playback)) {
    let loaded = load(text);
    let mut playback = Playback::new(&loaded.objects, options);
    check(&playback);
    while !playback.at_end() {
        playback.step();
        check(&playback);
    }
}

#[test]
fn lecture_examples_are_drawn_cleanly_at_every_step() {
    let mut pictures = 0;
    for example in EXAMPLES {
        every_step(example.source, |playback| {
            let problems = picture::problems(playback.scene(), true);
            assert!(
                problems.is_empty(),
                "{} after step {}:\n{}",
                example.id,
                playback.position(),
                problems.join("\n")
            );
            pictures += 1;
        });
    }
    assert!(pictures > 30, "only {pictures} pictures checked");
}

#[test]
fn the_landscape_layout_is_as_clean_and_no_taller_than_a_16_9_slide_needs() {
    let landscape = Options {
        landscape: true,
        ..Options::default()
    };
    let mut shorter = 0;
    for example in EXAMPLES {
        let mut portrait = Playback::new(&load(example.source).objects, Options::default());
        every_step_with(example.source, landscape.clone(), |playback| {
            let scene = playback.scene();
            let problems = picture::problems(scene, true);
            assert!(
                problems.is_empty(),
                "{} after step {} in landscape:
{}",
                example.id,
                playback.position(),
                problems.join("\n")
            );
            // Presenter mode draws pod names (13 px) at 14 px or more on a 1280×720 screen,
            // above a caption band of 18% of its height.
            let room = 720.0 * 0.82 / 1.08;
            assert!(
                f64::from(scene.height) <= room && f64::from(scene.width) <= 1280.0 / 1.08,
                "{} after step {}: {}×{}",
                example.id,
                playback.position(),
                scene.width,
                scene.height
            );
            portrait.seek(playback.position());
            assert!(scene.height <= portrait.scene().height);
            shorter += usize::from(scene.height < portrait.scene().height);
        });
    }
    assert!(shorter > 0, "the storage lane got shorter somewhere");
}

#[test]
fn lecture_examples_are_drawn_cleanly_in_korean() {
    for example in EXAMPLES {
        let loaded = load(example.source);
        let options = Options {
            language: kubeglass_core::text::Language::Ko,
            ..Options::default()
        };
        let playback = Playback::new(&loaded.objects, options);
        let problems = picture::problems(playback.scene(), true);
        assert!(
            problems.is_empty(),
            "{} in Korean:\n{}",
            example.id,
            problems.join("\n")
        );
    }
}

#[test]
fn corpus_and_scenario_fixtures_have_no_overlapping_boxes_or_labels() {
    let mut files = fixtures::files("corpus");
    files.extend(fixtures::files("scenarios"));
    files.extend(fixtures::files("seeds"));
    for (name, text) in &files {
        every_step(text, |playback| {
            let problems = picture::problems(playback.scene(), false);
            assert!(
                problems.is_empty(),
                "{name} after step {}:\n{}",
                playback.position(),
                problems.join("\n")
            );
        });
    }
}

#[test]
fn the_same_input_gives_the_same_picture() {
    for example in EXAMPLES {
        let loaded = load(example.source);
        let a = Playback::new(&loaded.objects, Options::default());
        let b = Playback::new(&load(example.source).objects, Options::default());
        assert_eq!(a.scene(), b.scene(), "{}", example.id);
        let svg = |p: &Playback| kubeglass_core::svg::document(p.scene(), "x");
        assert_eq!(svg(&a), svg(&b), "{}", example.id);
    }
}

fn rect_of(playback: &Playback, id: &str) -> Option<kubeglass_core::scene::Rect> {
    playback
        .scene()
        .all_items()
        .find(|i| i.id == id)
        .map(|i| i.rect)
}

#[test]
fn a_replacement_pod_takes_the_free_slot_and_the_others_stay() {
    let text = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
";
    let loaded = load(text);
    let mut playback = Playback::new(&loaded.objects, Options::default());
    let before: Vec<(String, kubeglass_core::scene::Rect)> = playback
        .scene()
        .all_items()
        .filter(|i| i.kind == Kind::Pod)
        .map(|i| (i.id.clone(), i.rect))
        .collect();
    assert_eq!(before.len(), 4);
    let (victim, victim_rect) = before[0].clone();
    let name = victim.rsplit('/').next().unwrap().to_owned();
    let node_of = |playback: &Playback, name: &str| {
        playback
            .world()
            .cluster
            .pods
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.node.clone())
    };
    let victim_node = node_of(&playback, &name);
    playback.perform(Step::DeletePod(PodRef {
        namespace: None,
        workload: None,
        name,
        index: 0,
    }));
    playback.perform(Step::Wait(60_000));

    for (id, rect) in &before[1..] {
        assert_eq!(
            rect_of(&playback, id),
            Some(*rect),
            "{id} moved when another pod was replaced"
        );
    }
    let newcomers: Vec<_> = playback
        .scene()
        .all_items()
        .filter(|i| i.kind == Kind::Pod && !before.iter().any(|(id, _)| *id == i.id))
        .collect();
    assert_eq!(newcomers.len(), 1, "one replacement");
    let newcomer = newcomers[0].id.rsplit('/').next().unwrap();
    if node_of(&playback, newcomer) == victim_node {
        assert_eq!(
            newcomers[0].rect, victim_rect,
            "the replacement took the freed slot"
        );
    }
}

#[test]
fn editing_the_manifest_keeps_unchanged_pods_in_their_slots() {
    let base = kubeglass_core::gallery::EXAMPLES
        .iter()
        .find(|e| e.id == "deployment")
        .unwrap()
        .source;
    let before = Playback::new(&load(base).objects, Options::default());
    let first = before.scene().clone();
    // The user adds an unrelated pod at the top of the manifest.
    let edited = format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: extra}}\nspec:\n  containers: [{{name: c, image: busybox}}]\n---\n{base}");
    let after = Playback::after_edit(&load(&edited).objects, &before);
    let second = after.scene().clone();
    assert!(second.all_items().any(|i| i.id == "pod:default/extra"));
    for pod in first.all_items().filter(|i| i.kind == Kind::Pod) {
        let node = |scene: &kubeglass_core::scene::Scene| {
            scene
                .all_items()
                .find(|n| n.kind == Kind::Node && n.children.iter().any(|c| c.id == pod.id))
                .map(|n| (n.id.clone(), n.rect))
        };
        let Some((node_id, node_rect)) = node(&first) else {
            continue;
        };
        let Some((node_after, node_rect_after)) = node(&second) else {
            panic!(
                "{} disappeared or lost its node after an unrelated edit",
                pod.id
            )
        };
        assert_eq!(node_id, node_after);
        let after = second.all_items().find(|i| i.id == pod.id).unwrap().rect;
        let offset =
            |r: kubeglass_core::scene::Rect, n: kubeglass_core::scene::Rect| (r.x - n.x, r.y - n.y);
        assert_eq!(
            offset(pod.rect, node_rect),
            offset(after, node_rect_after),
            "{} changed slot",
            pod.id
        );
    }
}

#[test]
fn every_request_hop_has_a_path_in_the_picture() {
    let mut hops = 0;
    for example in EXAMPLES {
        every_step(example.source, |playback| {
            for request in playback
                .last()
                .map(|o| o.requests.as_slice())
                .unwrap_or_default()
            {
                for hop in &request.hops {
                    let points = playback.scene().hop_points(hop);
                    assert!(points.len() >= 2, "{}: no path for {hop:?}", example.id);
                    hops += 1;
                }
            }
        });
    }
    assert!(hops > 50, "only {hops} hops checked");
}

#[test]
fn a_nodeport_request_enters_through_the_door_of_the_node_it_was_sent_to() {
    let example = EXAMPLES.iter().find(|e| e.id == "nodeport-local").unwrap();
    let mut doors_used = 0;
    every_step(example.source, |playback| {
        for request in playback
            .last()
            .map(|o| o.requests.as_slice())
            .unwrap_or_default()
        {
            let first = &request.hops[0];
            let points = playback.scene().hop_points(first);
            let door = playback
                .scene()
                .anchors
                .doors
                .iter()
                .find(|(_, p)| points.contains(p));
            if let Some(((node, _), _)) = door {
                assert!(
                    format!("{:?}", first.to).contains(node.as_str()),
                    "door of {node} for {first:?}"
                );
                doors_used += 1;
            }
        }
    });
    assert!(doors_used > 0);
}

#[test]
fn every_node_has_a_door_for_every_node_port() {
    let example = EXAMPLES.iter().find(|e| e.id == "nodeport-local").unwrap();
    let playback = Playback::new(&load(example.source).objects, Options::default());
    let nodes = playback
        .scene()
        .all_items()
        .filter(|i| i.kind == Kind::Node)
        .count();
    let doors: Vec<_> = playback
        .scene()
        .all_items()
        .filter(|i| i.kind == Kind::Door)
        .collect();
    assert_eq!(nodes, 3);
    assert_eq!(
        doors.len(),
        nodes,
        "a door on each node, with or without a backend pod"
    );
    assert!(doors
        .iter()
        .all(|d| d.data.contains(&("port", "30000".to_owned()))));
}

#[test]
fn many_replicas_collapse_into_stacks_that_expand_on_demand() {
    let text = "\
apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: 120
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      containers: [{name: c, image: nginx, resources: {requests: {cpu: 1m, memory: 1Mi}}}]
---
apiVersion: v1
kind: Service
metadata: {name: big}
spec: {selector: {app: big}, ports: [{port: 80}]}
---
kind: Scenario
apiVersion: kubeglass/v1alpha1
metadata: {name: big}
spec:
  cluster:
    nodes: [n1, n2]
";
    let loaded = load(text);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let playback = Playback::new(&loaded.objects, Options::default());
    let scene = playback.scene();
    let stacks: Vec<_> = scene
        .all_items()
        .filter(|i| i.kind == Kind::Stack)
        .collect();
    assert_eq!(stacks.len(), 2, "one stack per node");
    let counted: usize = stacks
        .iter()
        .map(|s| {
            s.data
                .iter()
                .find(|(k, _)| *k == "count")
                .unwrap()
                .1
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(counted, 120);
    assert_eq!(scene.all_items().filter(|i| i.kind == Kind::Pod).count(), 0);
    assert!(picture::problems(scene, false).is_empty());
    let mut expanded = Options::default();
    expanded.expanded.insert("big".into());
    let open = Playback::new(&loaded.objects, expanded);
    assert_eq!(
        open.scene()
            .all_items()
            .filter(|i| i.kind == Kind::Pod)
            .count(),
        120
    );
    let problems = picture::problems(open.scene(), false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn namespaces_are_named_when_there_is_more_than_one() {
    let text = "\
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: shop, labels: {app: a}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: a, namespace: shop}
spec: {selector: {app: a}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, labels: {app: b}}
spec: {containers: [{name: c, image: nginx}]}
";
    let playback = Playback::new(&load(text).objects, Options::default());
    let scene = playback.scene();
    let tags: Vec<_> = scene
        .all_items()
        .filter(|i| i.kind == Kind::Namespace)
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(tags, ["ns:shop"]);
    let pod_a = scene.all_items().find(|i| i.id == "pod:shop/a").unwrap();
    assert!(
        pod_a.labels.iter().any(|l| l.text.contains("ns shop")),
        "{:?}",
        pod_a.labels
    );
}

#[test]
fn long_names_are_shortened_with_the_full_name_on_hover() {
    let text = "\
apiVersion: v1
kind: Pod
metadata: {name: a-very-long-pod-name-that-does-not-fit-in-the-box-at-all-really}
spec: {containers: [{name: c, image: nginx}]}
";
    let playback = Playback::new(&load(text).objects, Options::default());
    let pod = playback
        .scene()
        .all_items()
        .find(|i| i.kind == Kind::Pod)
        .unwrap();
    assert!(pod.labels[0].text.contains('…'), "{:?}", pod.labels[0]);
    assert!(pod
        .title
        .contains("a-very-long-pod-name-that-does-not-fit-in-the-box-at-all-really"));
    assert!(pod.data.contains(&(
        "name",
        "a-very-long-pod-name-that-does-not-fit-in-the-box-at-all-really".to_owned()
    )));
}

#[test]
fn packets_stop_at_the_pod_they_reach() {
    let example = EXAMPLES.iter().find(|e| e.id == "clusterip").unwrap();
    let mut delivered = 0;
    every_step(example.source, |playback| {
        for request in playback
            .last()
            .map(|o| o.requests.as_slice())
            .unwrap_or_default()
        {
            let (Some(pod), Some(last)) = (&request.pod, request.hops.last()) else {
                continue;
            };
            let end = *playback.scene().hop_points(last).last().unwrap();
            let anchor: Point = playback.scene().anchors.places[&format!("pod:{pod}")];
            assert_eq!(end, anchor);
            delivered += 1;
        }
    });
    assert!(delivered > 0);
}

#[test]
fn the_checks_catch_overlaps_stray_labels_and_crossing_edges() {
    use kubeglass_core::scene::{Anchors, Edge, EdgeKind, Item, Label, Rect, Scene};
    let mut a = Item::new("a", Kind::Pod, Rect::new(10, 10, 100, 50));
    a.labels.push(Label::new(
        14,
        30,
        "a label far too long for its box",
        "meta",
    ));
    let b = Item::new("b", Kind::Pod, Rect::new(60, 40, 100, 50));
    let scene = Scene {
        width: 300,
        height: 200,
        items: vec![a, b],
        edges: vec![Edge {
            id: "e".into(),
            kind: EdgeKind::Endpoint,
            points: vec![Point::new(20, 0), Point::new(20, 100), Point::new(120, 150)],
            label: None,
            classes: vec![],
        }],
        anchors: Anchors::default(),
    };
    let problems = picture::problems(&scene, true).join("\n");
    for expected in [
        "a overlaps b",
        "runs out of a",
        "crosses label",
        "slanted segment",
    ] {
        assert!(
            problems.contains(expected),
            "missed {expected:?} in:\n{problems}"
        );
    }
}
