//! Resolving a cluster and simulating traffic through it.
//! Run: `cargo bench -p kubeglass-core --bench simulate`

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use kubeglass_core::load::load;
use kubeglass_core::model::Object;
use kubeglass_core::scenario::{Client, PodRef, Step};
use kubeglass_core::sim::World;
use std::hint::black_box;

/// `requests` requests from the client pods to Services spread over every namespace.
fn traffic(services: usize, requests: usize) -> Vec<Step> {
    (0..requests)
        .map(|i| Step::Request {
            from: Client::Pod(PodRef {
                namespace: Some("team-0".into()),
                workload: None,
                name: format!("client-{}", i % 2),
                index: 0,
            }),
            to: format!(
                "app-{}.team-{}:80",
                (i * 7) % services,
                ((i * 7) % services) % 4
            ),
            count: 1,
        })
        .collect()
}

fn run(objects: &[Object], steps: &[Step]) -> usize {
    let (mut world, _) = World::new(objects);
    steps
        .iter()
        .map(|s| world.apply(s))
        .filter(|o| o.requests.iter().all(|r| r.delivered))
        .count()
}

fn resolve_and_simulate(c: &mut Criterion) {
    let mut group = c.benchmark_group("resolve+1000-requests");
    group.sample_size(10);
    // (services, replicas, nodes, requests): the target size, then 10x.
    for (services, replicas, nodes, requests) in [(200, 5, 12, 1000), (2000, 5, 120, 10_000)] {
        let text = synth::cluster_manifest(services, replicas, nodes);
        let objects = load(&text).objects;
        let steps = traffic(services, requests);
        assert_eq!(
            run(&objects, &steps),
            requests,
            "every request is delivered"
        );
        let label = format!(
            "{}pods-{services}services-{requests}requests",
            services * replicas
        );
        group.bench_with_input(
            BenchmarkId::from_parameter(label),
            &(objects, steps),
            |b, (o, s)| b.iter(|| run(black_box(o), black_box(s))),
        );
    }
    group.finish();
}

criterion_group!(benches, resolve_and_simulate);
criterion_main!(benches);
