//! The overview of a large cluster: above `Options::overview_over` pods, namespaces are cards
//! with their Services as rows and each workload as one stack across its nodes; nodes count
//! their pods; a stack expands to show its pods on their nodes.

#[path = "support/picture.rs"]
mod picture;

use kubeglass_core::load::load;
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::{Item, Kind, Options, Scene};

/// `nodes` nodes and `workloads` Deployments of `replicas` pods, each behind a Service
/// (every fifth a NodePort), spread over three namespaces, and one pod of its own.
fn large_cluster(nodes: usize, workloads: usize, replicas: usize) -> String {
    let mut text = String::from(
        "apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: big}\nspec:\n  cluster:\n    nodes:\n",
    );
    for n in 0..nodes {
        text += &format!("    - {{name: node-{n}, cpu: \"64\", memory: 256Gi}}\n");
    }
    for w in 0..workloads {
        let ns = format!("team-{}", w % 3);
        let kind = if w % 5 == 0 { "NodePort" } else { "ClusterIP" };
        text += &format!(
            "---\napiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n\
---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: app-{w}, namespace: {ns}}}\n\
spec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: app-{w}}}}}\n  template:\n    \
metadata: {{labels: {{app: app-{w}}}}}\n    spec:\n      containers: [{{name: c, image: nginx, \
ports: [{{name: http, containerPort: 8080}}], resources: {{requests: {{cpu: 10m, memory: 16Mi}}}}}}]\n\
---\napiVersion: v1\nkind: Service\nmetadata: {{name: app-{w}, namespace: {ns}}}\n\
spec: {{type: {kind}, selector: {{app: app-{w}}}, ports: [{{port: 80, targetPort: http}}]}}\n"
        );
    }
    text += "---\napiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec: {containers: [{name: c, image: busybox}]}\n";
    text
}

fn picture(text: &str, options: Options) -> Playback {
    let loaded = load(text);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    Playback::new(&loaded.objects, options)
}

fn data<'i>(item: &'i Item, key: &str) -> &'i str {
    item.data
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, v)| v.as_str())
}

fn of_kind(scene: &Scene, kind: Kind) -> Vec<&Item> {
    scene.all_items().filter(|i| i.kind == kind).collect()
}

#[test]
fn a_large_cluster_is_drawn_as_namespaces_workload_stacks_and_node_counts() {
    let playback = picture(&large_cluster(12, 30, 20), Options::default());
    let (scene, cluster) = (playback.scene(), &playback.world().cluster);
    assert_eq!(cluster.pods.len(), 601);
    let stacks = of_kind(scene, Kind::Stack);
    assert_eq!(stacks.len(), 30, "one stack per workload");
    for stack in &stacks {
        assert_eq!(data(stack, "count"), "20");
        assert_eq!(data(stack, "action"), "expand");
        assert_eq!(data(stack, "node"), "");
        assert!(data(stack, "nodes").parse::<usize>().unwrap() > 1);
    }
    let pods: Vec<_> = of_kind(scene, Kind::Pod);
    assert_eq!(
        pods.len(),
        1,
        "only the pod no controller owns is drawn on its own"
    );
    assert_eq!(data(pods[0], "name"), "debug");
    let cards: Vec<_> = of_kind(scene, Kind::Namespace)
        .into_iter()
        .filter(|i| i.classes.contains(&"card"))
        .collect();
    assert_eq!(cards.len(), 3);
    assert_eq!(
        of_kind(scene, Kind::Service).len(),
        30,
        "every Service as a row in its namespace's card"
    );
    assert!(scene.edges.is_empty(), "no endpoint edges in the overview");
    assert!(
        of_kind(scene, Kind::Door).is_empty(),
        "no doors on 12 nodes × 6 ports"
    );
    // Each node counts the pods it runs, and the counts add up to every scheduled pod.
    let counted: usize = of_kind(scene, Kind::Node)
        .iter()
        .map(|n| {
            let summary = n
                .labels
                .iter()
                .find(|l| l.text.contains(" pods · "))
                .unwrap();
            summary
                .text
                .split(' ')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(
        counted,
        cluster.pods.iter().filter(|p| p.node.is_some()).count()
    );
    // Packets still have somewhere to go: every pod has an anchor, its stack's.
    for pod in &cluster.pods {
        let key = format!("pod:{}/{}", pod.namespace, pod.name);
        assert!(
            scene.anchors.places.contains_key(&key),
            "{key} has no anchor"
        );
    }
    let problems = picture::problems(scene, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_expanded_workload_shows_its_pods_on_their_nodes_and_its_stack_collapses_it() {
    let mut options = Options::default();
    options.expanded.insert("app-4".into());
    let playback = picture(&large_cluster(12, 30, 20), options);
    let scene = playback.scene();
    let pods = of_kind(scene, Kind::Pod);
    assert_eq!(pods.len(), 21);
    assert!(pods
        .iter()
        .filter(|p| data(p, "name") != "debug")
        .all(|p| data(p, "name").starts_with("app-4-") && !data(p, "node").is_empty()));
    let stack = of_kind(scene, Kind::Stack)
        .into_iter()
        .find(|s| data(s, "name") == "app-4")
        .unwrap();
    assert_eq!(data(stack, "action"), "collapse");
    assert!(stack.classes.contains(&"expanded"));
    let problems = picture::problems(scene, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn below_the_threshold_pods_are_drawn_on_their_nodes() {
    let text = large_cluster(12, 30, 20);
    let options = Options {
        overview_over: 1_000,
        ..Options::default()
    };
    let playback = picture(&text, options);
    let scene = playback.scene();
    assert!(of_kind(scene, Kind::Namespace)
        .iter()
        .all(|n| !n.classes.contains(&"card")));
    assert!(!scene.edges.is_empty());
    assert!(!of_kind(scene, Kind::Door).is_empty());
}

#[test]
fn ten_thousand_pods_make_an_overview_of_a_few_hundred_boxes() {
    let playback = picture(&large_cluster(100, 500, 20), Options::default());
    let scene = playback.scene();
    assert_eq!(playback.world().cluster.pods.len(), 10_001);
    let boxes = scene.all_items().count();
    assert!(boxes < 2_000, "{boxes} boxes");
    // About twice as wide as tall, so that it fills a screen rather than a scroll.
    assert!(
        scene.width > scene.height && scene.width < 4 * scene.height,
        "{} × {}",
        scene.width,
        scene.height
    );
}
