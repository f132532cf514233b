//! From text to picture: what a paste costs in the core (load, resolve, lay out, build the
//! SVG tree), and what one animation frame costs with 100 packets in flight.
//! Run: `cargo bench -p kubeglass-core --bench picture`

use criterion::{criterion_group, criterion_main, Criterion};
use kubeglass_core::load::load;
use kubeglass_core::motion::Motion;
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::{Kind, Options};
use kubeglass_core::svg;
use kubeglass_core::text::Language;
use std::hint::black_box;

#[path = "support/synth.rs"]
mod synth;

const MICROSERVICES_DEMO: &str = "microservices-demo/release__kubernetes-manifests.yaml";

fn corpus(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../fixtures/corpus/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// 200 replicas behind a Service, a client, four nodes, and one step of 100 requests: the
/// browser benchmark's frame-time picture (`e2e/perf/frames.spec.ts`).
fn two_hundred_pods() -> String {
    String::from(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 200\n  \
         selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    \
         spec:\n      containers:\n      - name: nginx\n        image: nginx\n        \
         resources: {requests: {cpu: 1m, memory: 1Mi}}\n---\n\
         apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\n\
         apiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec:\n  containers:\n  - name: curl\n    \
         image: curlimages/curl\n    resources: {requests: {cpu: 1m, memory: 1Mi}}\n---\n\
         apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: frames}\nspec:\n  seed: 1\n  \
         cluster: {nodes: [node1, node2, node3, node4]}\n  steps:\n  - request: {from: pod/client, to: \"web:80\", count: 100}\n"
    )
}

fn expanded() -> Options {
    let mut options = Options::default();
    options.expanded.insert("web".to_string());
    options
}

/// Everything the app does with a pasted text before the browser draws it.
fn paste_to_tree(text: &str, options: &Options) -> usize {
    let playback = Playback::new(&load(text).objects, options.clone());
    svg::scene(playback.scene()).children.len()
}

fn paste(c: &mut Criterion) {
    let mut group = c.benchmark_group("paste-to-svg-tree");
    let demo = corpus(MICROSERVICES_DEMO);
    let pods = |text: &str, options: &Options| {
        let playback = Playback::new(&load(text).objects, options.clone());
        playback
            .scene()
            .all_items()
            .filter(|i| i.kind == Kind::Pod)
            .count()
    };
    assert_eq!(pods(&demo, &Options::default()), 12, "microservices-demo");
    let big = two_hundred_pods();
    assert_eq!(pods(&big, &expanded()), 201, "expanded, every pod drawn");
    group.bench_function("microservices-demo", |b| {
        b.iter(|| paste_to_tree(black_box(&demo), &Options::default()))
    });
    group.bench_function("200-pods-collapsed", |b| {
        b.iter(|| paste_to_tree(black_box(&big), &Options::default()))
    });
    group.bench_function("200-pods-expanded", |b| {
        b.iter(|| paste_to_tree(black_box(&big), &expanded()))
    });
    // The browser benchmark's 10,000 pods (e2e/perf/bigpaste.spec.ts), drawn as an overview.
    let huge = synth::cluster_manifest(500, 20, 100);
    assert_eq!(
        pods(&huge, &Options::default()),
        2,
        "overview: only the ownerless pods"
    );
    group.sample_size(10);
    group.bench_function("10000-pods-overview", |b| {
        b.iter(|| paste_to_tree(black_box(&huge), &Options::default()))
    });
    group.finish();
}

/// One animation frame: where every packet is, and the overlay's SVG tree.
fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame-100-packets");
    for (label, options) in [("collapsed", Options::default()), ("expanded", expanded())] {
        let mut playback = Playback::new(&load(&two_hundred_pods()).objects, options);
        let before = playback.scene().clone();
        playback.step().expect("the request step");
        let motion = Motion::plan(Some(&before), playback.scene(), playback.last());
        // The moment with the most packets in flight.
        let busiest = (0..200)
            .map(|i| f64::from(i) * 50.0)
            .max_by_key(|&t| motion.frame(t).packets.len())
            .unwrap();
        assert_eq!(motion.frame(busiest).packets.len(), 100, "{label}");
        let scene = playback.scene();
        let text = svg::SceneText::default();
        group.bench_function(label, |b| {
            b.iter(|| {
                let frame = motion.frame(black_box(busiest));
                svg::overlay(&motion, &frame, Language::En, scene, &text)
                    .children
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, paste, frame);
criterion_main!(benches);
