//! `kubeglass check` end to end: output formats and exit status.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn kubeglass(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubeglass"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kubeglass");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

const BROKEN: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    volumeMounts: [{name: data, mountPath: /d}]\n";
const CLEAN: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";

#[test]
fn text_output_is_one_compiler_style_line_per_diagnostic() {
    let out = kubeglass(&["check", "-"], BROKEN);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].starts_with("<stdin>:9:21: error: The Pod \"p\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"data\" (hint: the pod declares no volumes: add `data` under spec.volumes, or fix the name)"),
        "{}",
        lines[0]
    );
}

#[test]
fn clean_input_exits_zero_and_prints_nothing() {
    let out = kubeglass(&["check"], CLEAN);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn warnings_alone_exit_zero() {
    let out = kubeglass(&["check", "-"], "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox}]\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains(": warning: CronJob batch/v1beta1 was removed"));
}

#[test]
fn json_output_has_the_documented_fields() {
    let out = kubeglass(&["check", "--format", "json", "-"], BROKEN);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let d = &value.as_array().unwrap()[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "rejected");
    assert_eq!(d["line"], 9);
    assert_eq!(d["column"], 21);
    assert_eq!(d["document"], 0);
    assert_eq!(d["kind"], "Pod");
    assert_eq!(d["namespace"], "default");
    assert_eq!(d["name"], "p");
    assert_eq!(d["file"], "<stdin>");
    assert_eq!(
        d["message"],
        "The Pod \"p\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"data\""
    );
    assert_eq!(
        d["hint"],
        "the pod declares no volumes: add `data` under spec.volumes, or fix the name"
    );
    assert_eq!(d["fixes"], serde_json::json!([]));
}

#[test]
fn korean_messages_on_request() {
    let out = kubeglass(&["check", "--lang", "ko", "-"], BROKEN);
    assert!(
        stdout(&out).contains("찾을 수 없음: \"data\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn several_files_are_checked_in_turn() {
    let dir = std::env::temp_dir().join(format!("kubeglass-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.yaml"), dir.join("b.yaml"));
    std::fs::write(&a, CLEAN).unwrap();
    std::fs::write(&b, "kind: [\n").unwrap();
    let out = kubeglass(&["check", a.to_str().unwrap(), b.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("{}:2:1: error:", b.display())),
        "{text}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_errors_exit_two() {
    for args in [
        &[][..],
        &["check", "--format", "xml"],
        &["nope"],
        &["check", "--frobnicate"],
    ] {
        let out = kubeglass(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage: kubeglass"));
    }
    let missing = kubeglass(&["check", "/no/such/file.yaml"], "");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /no/such/file.yaml"));
}

#[test]
fn help_exits_zero() {
    let out = kubeglass(&["--help"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("check [FILE|-]"));
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // Output far larger than a pipe's buffer, so the writer meets the closed pipe.
    let manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3000\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_kubeglass"))
        .args(["describe", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kubeglass");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(manifest.as_bytes()).unwrap();
    drop(stdin);
    let mut first = [0_u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn fix_prints_the_text_with_every_fix_applied() {
    let pv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures/seeds/004-18-persistentvolume-pv-01.yaml"),
    )
    .unwrap();
    let before = kubeglass(&["check", "-"], &pv);
    assert_eq!(before.status.code(), Some(1), "rejected as written");
    assert!(stdout(&before).contains("(fix: keep only `nfs`) (fix: keep only `iscsi`)"));
    let out = kubeglass(&["check", "--fix", "-"], &pv);
    assert_eq!(out.status.code(), Some(0), "clean once fixed");
    let fixed = stdout(&out);
    assert!(fixed.contains("nfs:") && !fixed.contains("iscsi:") && !fixed.contains('\u{a0}'));
    assert!(fixed.contains("capacity:\n    storage: 1Gi # added by kubeglass"));
    let again = kubeglass(&["check", "-"], &fixed);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(stdout(&again), "");
}
