//! Every real-world manifest of the corpus and every lecture snippet loads with no error.

#[path = "support/fixtures.rs"]
mod fixtures;

use kubeglass_core::diagnostic::{Code, Severity};
use kubeglass_core::load::load;
use kubeglass_core::model::Body;

fn errors_of(text: &str) -> Vec<String> {
    load(text)
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}:{} {}", d.position.line, d.position.column, d.message.en))
        .collect()
}

#[test]
fn every_corpus_file_loads_without_errors() {
    for (name, text) in fixtures::files("corpus") {
        let loaded = load(&text);
        assert!(!loaded.objects.is_empty(), "{name}: no objects");
        assert_eq!(errors_of(&text), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn every_lecture_snippet_loads_clean_or_is_rejected_with_fixes_that_make_it_clean() {
    let mut fixed = 0;
    for (name, text) in fixtures::files("seeds") {
        let loaded = load(&text);
        assert_eq!(loaded.objects.len(), 1, "{name}: one object per snippet");
        if errors_of(&text).is_empty() {
            continue;
        }
        let (after, errors) = kubeglass_core::fix::fixed(&text);
        assert!(
            !errors,
            "{name}: after its fixes:\n{after}\n{:#?}",
            errors_of(&after)
        );
        assert_ne!(after, text);
        fixed += 1;
    }
    assert_eq!(
        fixed, 2,
        "the misplaced containers and the PV with three sources"
    );
}

#[test]
fn corpus_object_counts_match_the_index() {
    // INDEX.tsv: local_path, repo, path, commit, license, num_docs, kinds, notes.
    let index = fixtures::read("corpus/INDEX.tsv");
    for row in index.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (path, docs, kinds) = (cols[0], cols[5].parse::<usize>().unwrap(), cols[6]);
        let loaded = load(&fixtures::read(&format!("corpus/{path}")));
        let is_list = kinds.split(',').next().is_some_and(|k| k.ends_with("List"));
        if is_list {
            let item_kinds: Vec<&str> = kinds.split(',').skip(1).collect();
            for kind in item_kinds {
                assert!(
                    loaded.objects.iter().any(|o| o.meta.kind == kind),
                    "{path}: a {kind} from the List"
                );
            }
        } else {
            assert_eq!(loaded.objects.len(), docs, "{path}");
            for kind in kinds.split(',') {
                assert!(
                    loaded.objects.iter().any(|o| o.meta.kind == kind),
                    "{path}: {kind}"
                );
            }
        }
    }
}

#[test]
fn sloppy_lecture_snippets_load_with_the_warnings_they_deserve() {
    let warnings = |file: &str| -> Vec<Code> {
        load(&fixtures::read(file))
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .map(|d| d.code)
            .collect()
    };
    assert!(warnings("seeds/000-01-pod-pod-volume-1.yaml").contains(&Code::EmptyField));
    assert!(warnings("seeds/004-18-persistentvolume-pv-01.yaml").contains(&Code::Yaml11Boolean));
}

#[test]
fn a_misplaced_containers_list_is_rejected_with_the_fix_that_moves_it() {
    let text = fixtures::read("seeds/004-03-pod-pod-1.yaml");
    let loaded = load(&text);
    assert!(matches!(loaded.objects[0].body, Body::Rejected(_)));
    let error = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownField)
        .unwrap();
    assert_eq!(
        error.message.en,
        "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"containers\""
    );
    assert_eq!(error.fixes.len(), 1);
    assert_eq!(error.fixes[0].label.en, "move `containers:` under `spec:`");
    let after = kubeglass_core::fix::apply(&text, &error.fixes[0]);
    let loaded = load(&after);
    let Body::Pod(spec, _) = &loaded.objects[0].body else {
        panic!("a pod, now accepted: {:#?}", loaded.diagnostics);
    };
    let names: Vec<&str> = spec.containers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["container1", "container2"]);
    // The comments stay with their lines.
    assert!(after
        .contains(" containers: # 두 개의 컨테이너 생성\n  - name: container1 # 컨테이너 이름\n"));
}

#[test]
fn a_persistent_volume_with_three_sources_offers_one_fix_per_reading() {
    let text = fixtures::read("seeds/004-18-persistentvolume-pv-01.yaml");
    let loaded = load(&text);
    let many = loaded
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                .en
                .contains("may not specify more than 1 volume type")
        })
        .unwrap();
    let labels: Vec<&str> = many.fixes.iter().map(|f| f.label.en.as_str()).collect();
    assert_eq!(labels, ["keep only `nfs`", "keep only `iscsi`"]);
    // Keeping iscsi removes nfs and the pod-only gitRepo; the rest is fixed one by one.
    let after = kubeglass_core::fix::apply(&text, &many.fixes[1]);
    assert!(!after.contains("nfs:") && !after.contains("gitRepo:") && after.contains("iscsi:"));
    let nbsp = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::NonBreakingSpace)
        .unwrap();
    assert!(nbsp.is_error() && nbsp.code.is_unreadable());
    let (clean, errors) = kubeglass_core::fix::fixed(&after);
    assert!(!errors, "{clean}");
    assert!(!clean.contains('\u{a0}'));
}

#[test]
fn microservices_demo_is_read_in_full() {
    let loaded = load(&fixtures::read(
        "corpus/microservices-demo/release__kubernetes-manifests.yaml",
    ));
    assert_eq!(loaded.objects.len(), 35);
    let deployments = loaded
        .objects
        .iter()
        .filter(|o| o.meta.kind == "Deployment")
        .count();
    assert_eq!(deployments, 12);
}
