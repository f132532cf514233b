//! Access to the repository's test fixtures (see fixtures/NOTICE.md for their sources).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository's `fixtures/` folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// Every manifest file under `fixtures/<folder>`, sorted, with its text.
pub fn files(folder: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    collect(&root().join(folder), &mut out);
    out.sort();
    assert!(!out.is_empty(), "no fixtures under {folder}");
    out
}

fn collect(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if !path.extension().is_some_and(|e| e == "tsv" || e == "md") {
            let text = std::fs::read_to_string(&path).expect("utf-8 fixture");
            let name = path.strip_prefix(root()).unwrap().display().to_string();
            out.push((name, text));
        }
    }
}

/// One fixture's text, by path under `fixtures/`.
pub fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).expect("fixture")
}
