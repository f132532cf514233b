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
fn every_lecture_snippet_loads_without_errors() {
    for (name, text) in fixtures::files("seeds") {
        let loaded = load(&text);
        assert_eq!(loaded.objects.len(), 1, "{name}: one object per snippet");
        assert_eq!(errors_of(&text), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn corpus_object_counts_match_the_index() {
    // INDEX.tsv: local_path, repo, path, commit, license, num_docs, kinds, notes.
    let index = fixtures::read("corpus/INDEX.tsv");
    for row in index.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (path, docs, kinds) = (cols[0], cols[5].parse::<usize>().unwrap(), cols[6]);
        let loaded = load(&fixtures::read(&format!("corpus/{path}")));
        let is_list = kinds.starts_with("List");
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
    let pv = warnings("seeds/004-18-persistentvolume-pv-01.yaml");
    for code in [
        Code::PvManySources,
        Code::Yaml11Boolean,
        Code::NonBreakingSpace,
    ] {
        assert!(pv.contains(&code), "{code:?} in {pv:?}");
    }
    assert!(warnings("seeds/004-03-pod-pod-1.yaml").contains(&Code::UnknownField));
}

#[test]
fn a_misplaced_containers_list_is_still_read() {
    let loaded = load(&fixtures::read("seeds/004-03-pod-pod-1.yaml"));
    let Body::Pod(spec, _) = &loaded.objects[0].body else {
        panic!("a pod");
    };
    let names: Vec<&str> = spec.containers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["container1", "container2"]);
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
