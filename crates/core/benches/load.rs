//! Parse-and-type throughput of the loader, and how fast hostile input is refused.
//! Run: `cargo bench -p kubeglass-core --bench load`

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kubeglass_core::load::load;
use std::hint::black_box;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn throughput(c: &mut Criterion) {
    let inputs = [
        (
            "microservices-demo",
            fixture("corpus/microservices-demo/release__kubernetes-manifests.yaml"),
        ),
        ("generated-5000-objects", synth::mixed_manifest(5000, 8)),
    ];
    let mut group = c.benchmark_group("load");
    for (name, text) in &inputs {
        assert!(!load(text).has_errors(), "{name} must load cleanly");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| load(black_box(text)))
        });
    }
    group.finish();
}

fn hostile(c: &mut Criterion) {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{p}"); 10].join(", ")
        ));
    }
    let cases = [
        ("alias-bomb", bomb),
        ("100k-nested-brackets", "[".repeat(100_000)),
        ("100k-nested-json-objects", "{\"a\":".repeat(100_000)),
        ("over-size-cap", "#".repeat(6 * 1024 * 1024)),
    ];
    let mut group = c.benchmark_group("refuse");
    for (name, text) in &cases {
        assert!(load(text).has_errors(), "{name} must be refused");
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| load(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, throughput, hostile);
criterion_main!(benches);
