//! `kubeglass share`: links that carry a file's text, the embed snippet, and `--decode`,
//! checked against the golden links of `fixtures/links` (made by the CLI and by the app when
//! the format was fixed: a link made then must open the same text for good).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

fn kubeglass(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kubeglass"));
    command
        .args(args)
        .env_remove("KUBEGLASS_URL")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("run kubeglass");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or_default().as_bytes())
        .expect("write stdin");
    drop(input);
    child.wait_with_output().expect("wait for kubeglass")
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

#[test]
fn golden_links_decode_to_their_texts() {
    let dir = repo("fixtures/links");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/links") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !name.ends_with(".link") {
            continue;
        }
        let stem = name.split('.').next().unwrap();
        let text = std::fs::read_to_string(dir.join(format!("{stem}.yaml"))).expect("its text");
        let link = std::fs::read_to_string(&path).expect("link");
        let decoded = stdout(&kubeglass(&["share", "--decode", link.trim()], &[], None));
        assert_eq!(decoded, text, "{name}");
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} golden links");
}

#[test]
fn a_file_round_trips_through_its_link() {
    let file = repo("fixtures/links/odd-bytes.yaml");
    let link = stdout(&kubeglass(&["share", file.to_str().unwrap()], &[], None));
    assert!(
        link.starts_with("http://127.0.0.1:8080/#s="),
        "scripts/serve.sh's address by default: {link}"
    );
    assert!(!link.trim_end().contains('&'), "no parameter unless asked");
    let decoded = stdout(&kubeglass(&["share", "--decode", link.trim()], &[], None));
    assert_eq!(decoded, std::fs::read_to_string(file).unwrap());
}

#[test]
fn the_base_comes_from_the_flag_then_the_environment() {
    let env = [("KUBEGLASS_URL", "https://env.example/kg/")];
    let from_env = stdout(&kubeglass(&["share", "-"], &env, Some("kind: Pod\n")));
    assert!(
        from_env.starts_with("https://env.example/kg/#s="),
        "{from_env}"
    );
    let from_flag = stdout(&kubeglass(
        &["share", "-", "--base", "https://flag.example/#old=1"],
        &env,
        Some("kind: Pod\n"),
    ));
    assert!(
        from_flag.starts_with("https://flag.example/#s="),
        "{from_flag}"
    );
}

#[test]
fn the_parameters_given_are_written_in_order() {
    let link = stdout(&kubeglass(
        &[
            "share",
            "-",
            "--base",
            "https://x.example/",
            "--theme",
            "dark",
            "--embed",
            "--play",
            "--lang",
            "ko",
            "--step",
            "3",
        ],
        &[],
        Some("kind: Pod\n"),
    ));
    let fragment = link.trim().split_once('#').unwrap().1;
    let keys: Vec<&str> = fragment
        .split('&')
        .map(|p| p.split('=').next().unwrap())
        .collect();
    assert_eq!(keys, ["s", "step", "lang", "play", "embed", "theme"]);
    assert!(fragment.ends_with("&step=3&lang=ko&play=1&embed=1&theme=dark"));
}

#[test]
fn the_iframe_snippet_is_titled_after_the_scenario() {
    let file = repo("fixtures/links/cache-story.yaml");
    let snippet = stdout(&kubeglass(
        &[
            "share",
            file.to_str().unwrap(),
            "--iframe",
            "--base",
            "https://x.example/",
        ],
        &[],
        None,
    ));
    assert!(snippet.starts_with(r#"<iframe src="https://x.example/#s="#));
    assert!(snippet.contains("&amp;embed=1\""), "{snippet}");
    assert!(snippet.contains(r#"title="kubeglass: cache loses its data — 캐시""#));
    assert!(snippet.trim_end().ends_with("></iframe>"));
}

#[test]
fn a_damaged_link_prints_the_apps_message_and_exits_1() {
    let cases = [
        ("https://x.example/#s=%%%", "not valid base64url"),
        ("#s=_w", "does not decompress"),
        ("https://x.example/#embed=1", "not valid base64url"),
    ];
    for (link, why) in cases {
        let out = kubeglass(&["share", "--decode", link], &[], None);
        assert_eq!(out.status.code(), Some(1), "{link}");
        assert!(out.stdout.is_empty());
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(
            message.starts_with("This link is damaged: ") && message.contains(why),
            "{link}: {message}"
        );
    }
    let korean = kubeglass(&["share", "--decode", "#s=_w", "--lang", "ko"], &[], None);
    assert!(String::from_utf8_lossy(&korean.stderr).starts_with("이 링크는 손상되었습니다: "));
}

#[test]
fn an_example_link_decodes_to_the_example() {
    let text = stdout(&kubeglass(
        &[
            "share",
            "--decode",
            "https://x.example/#example=hostpath&step=2",
        ],
        &[],
        None,
    ));
    assert_eq!(
        text,
        std::fs::read_to_string(repo("crates/core/gallery/02-hostpath.yaml")).unwrap()
    );
}
