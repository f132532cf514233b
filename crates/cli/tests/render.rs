//! `kubeglass render`: the picture as a standalone SVG, after any step of the story.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

fn render(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kubeglass"))
        .arg("render")
        .args(args)
        .output()
        .expect("run kubeglass")
}

fn svg_of(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

#[test]
fn renders_the_picture_to_standard_output() {
    let file = repo("crates/core/gallery/01-emptydir.yaml");
    let svg = svg_of(&render(&[file.to_str().unwrap()]));
    assert!(svg.starts_with("<?xml"));
    assert!(svg.contains("data-testid=\"cluster\""));
    assert!(svg.contains("data-kind=\"Pod\""));
    assert!(
        !svg.contains("data-testid=\"file\""),
        "no file written before the first step"
    );
}

#[test]
fn renders_after_a_step_into_a_file() {
    let file = repo("crates/core/gallery/01-emptydir.yaml");
    let out_path =
        std::env::temp_dir().join(format!("kubeglass-render-{}.svg", std::process::id()));
    let out = render(&[
        file.to_str().unwrap(),
        "--step",
        "1",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let svg = std::fs::read_to_string(&out_path).expect("written");
    std::fs::remove_file(&out_path).ok();
    assert!(
        svg.contains("data-file=\"file.txt\""),
        "the file written by step 1 is drawn"
    );
    assert!(svg.contains("after step 1"));
}

#[test]
fn renders_in_korean() {
    let file = repo("crates/core/gallery/05-nodeport-local.yaml");
    let svg = svg_of(&render(&[file.to_str().unwrap(), "--lang", "ko"]));
    assert!(svg.contains("클러스터 밖"));
}

#[test]
fn a_step_past_the_end_is_a_usage_error() {
    let file = repo("crates/core/gallery/01-emptydir.yaml");
    let out = render(&[file.to_str().unwrap(), "--step", "99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("past the Scenario's 4 steps"));
}

#[test]
fn a_manifest_with_errors_still_renders_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("kubeglass-render-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.yaml");
    std::fs::write(&path, "apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c, image: x}]}\n---\nkind: [\n").unwrap();
    let out = render(&[path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("data-name=\"ok\""),
        "the good part is drawn"
    );
}

/// A PNG's width and height, and how many different colours a sample of its pixels has.
fn png_facts(bytes: &[u8]) -> (u32, u32, usize) {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(bytes).expect("a PNG");
    let mut colours: Vec<[u8; 4]> = pixmap
        .pixels()
        .iter()
        .step_by(53)
        .map(|p| [p.red(), p.green(), p.blue(), p.alpha()])
        .collect();
    colours.sort_unstable();
    colours.dedup();
    (pixmap.width(), pixmap.height(), colours.len())
}

#[test]
fn a_png_output_is_the_picture_at_twice_its_size_with_korean_labels_drawn() {
    let file = repo("crates/core/gallery/03-local-pv.yaml");
    let dir = std::env::temp_dir().join(format!("kubeglass-png-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("local-pv.PNG");
    let svg = svg_of(&render(&[
        file.to_str().unwrap(),
        "--step",
        "3",
        "--lang",
        "ko",
    ]));
    let out = render(&[
        file.to_str().unwrap(),
        "--step",
        "3",
        "--lang",
        "ko",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    // Every character has a font (the toolchain installs a Korean one): no warning.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (w, h, colours) = png_facts(&std::fs::read(&png).unwrap());
    let size = |name: &str| -> u32 {
        let at = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[at..].split('"').next().unwrap().parse().unwrap()
    };
    assert_eq!((w, h), (size("width") * 2, size("height") * 2));
    assert!(colours > 20, "only {colours} colours: blank?");
    // The Korean words of the picture are drawn: a picture with them differs from the English.
    let english = render(&[file.to_str().unwrap(), "--step", "3", "--png"]);
    assert_eq!(english.status.code(), Some(0));
    assert!(
        english.stdout.starts_with(b"\x89PNG"),
        "--png writes PNG to standard output"
    );
    assert_ne!(english.stdout, std::fs::read(&png).unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}
