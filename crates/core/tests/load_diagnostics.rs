//! Every diagnostic the loader emits, each placed at the right line and column.

use kubeglass_core::diagnostic::{Code, Diagnostic, Severity};
use kubeglass_core::load::{load, MAX_INPUT_BYTES};

/// The one diagnostic with `code`, or a failure listing what was found.
fn only(text: &str, code: Code) -> Diagnostic {
    let loaded = load(text);
    let found: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect();
    assert_eq!(found.len(), 1, "{code:?} in {:#?}", loaded.diagnostics);
    found[0].clone()
}

fn at(d: &Diagnostic) -> (u32, u32) {
    (d.position.line, d.position.column)
}

const POD_HEAD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";

#[test]
fn yaml_syntax_error_names_its_line_and_keeps_later_documents() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {x: 1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n";
    let d = only(text, Code::YamlSyntax);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(at(&d), (5, 11), "{}", d.message.en);
    assert_eq!(d.document, Some(0));
    let loaded = load(text);
    assert_eq!(loaded.objects.len(), 1, "the second document still loads");
    assert_eq!(loaded.objects[0].meta.name, "b");
}

#[test]
fn mapping_value_error_in_a_later_document() {
    let text =
        "kind: ConfigMap\napiVersion: v1\nmetadata: {name: a}\n---\nkind: Pod\n  name: x: y\n";
    let d = only(text, Code::YamlSyntax);
    assert_eq!(d.position.line, 6);
    assert_eq!(d.document, Some(1));
}

#[test]
fn a_document_with_no_kind() {
    let text = "# comment\n\napiVersion: v1\nmetadata:\n  name: x\n";
    let d = only(text, Code::MissingKind);
    assert_eq!(at(&d), (3, 1));
    assert!(d.hint.is_some());
}

#[test]
fn a_document_with_no_api_version() {
    let text = "---\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports: [{port: 80}]\n";
    let d = only(text, Code::MissingApiVersion);
    assert_eq!(at(&d), (2, 1));
    assert!(d.hint.unwrap().en.contains("apiVersion: v1"));
}

#[test]
fn a_wrong_type_for_a_field() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: three\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: [{name: c, image: i}]}\n";
    let d = only(text, Code::WrongType);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(at(&d), (5, 3));
    assert_eq!(
        d.message.en,
        "spec.replicas must be an integer, not a string"
    );
    assert_eq!(d.object.unwrap().name, "d");
}

#[test]
fn a_wrong_type_inside_a_list_item() {
    let text = format!("{POD_HEAD}spec:\n  containers:\n  - name: c\n    image: i\n    ports:\n    - containerPort: [80]\n");
    let d = only(&text, Code::WrongType);
    assert_eq!(d.position.line, 10);
    assert!(d
        .message
        .en
        .starts_with("spec.containers[0].ports[0].containerPort"));
}

#[test]
fn a_label_value_that_is_not_a_string() {
    let text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: 1.0\n";
    let d = only(text, Code::WrongType);
    assert_eq!(at(&d), (6, 5));
}

#[test]
fn a_duplicate_object() {
    let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\n";
    let text = format!("{cm}---\n{cm}---\n{}", cm.replace("same", "other"));
    let d = only(&text, Code::DuplicateObject);
    assert_eq!(at(&d), (1, 1), "reported at the copy that is dropped");
    assert_eq!(d.object.unwrap().name, "same");
    assert_eq!(load(&text).objects.len(), 2);
}

#[test]
fn same_name_in_another_namespace_is_not_a_duplicate() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: prod}\n";
    assert!(load(text).diagnostics.is_empty());
}

#[test]
fn an_unknown_api_version_for_a_known_kind() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: apps/v2\nkind: Deployment\nmetadata: {name: d}\n";
    let d = only(text, Code::UnknownApiVersion);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(at(&d), (5, 1));
    assert!(d.message.en.contains("apps/v1"));
}

#[test]
fn a_removed_api_version_is_a_warning() {
    let text = "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  backend: {serviceName: s, servicePort: 80}\n";
    let d = only(text, Code::RemovedApiVersion);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(at(&d), (1, 1));
}

#[test]
fn a_volume_mount_naming_an_undeclared_volume() {
    let text = format!("{POD_HEAD}spec:\n  containers:\n  - name: c\n    image: i\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: cache\n    emptyDir: {{}}\n");
    let d = only(&text, Code::Rejected);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(at(&d), (10, 7));
    assert_eq!(
        d.message.en,
        "The Pod \"p\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"data\""
    );
    assert!(
        d.hint.unwrap().en.contains("cache"),
        "the hint names the declared volumes"
    );
}

#[test]
fn a_persistent_volume_with_no_source() {
    let text = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n";
    let d = only(text, Code::Rejected);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(at(&d), (4, 1));
    assert_eq!(
        d.message.en,
        "The PersistentVolume \"pv\" is invalid: spec: Required value: must specify a volume type"
    );
}

#[test]
fn a_persistent_volume_with_several_sources() {
    let text = "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  nfs: {server: a, path: /x}\n  hostPath: {path: /y}\n";
    let d = only(text, Code::Rejected);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(at(&d), (8, 3), "at the second source");
    assert_eq!(d.message.en, "The PersistentVolume \"pv\" is invalid: spec.hostPath: Forbidden: may not specify more than 1 volume type");
    let labels: Vec<&str> = d.fixes.iter().map(|f| f.label.en.as_str()).collect();
    assert_eq!(
        labels,
        ["keep only `nfs`", "keep only `hostPath`"],
        "flow-style lines are kept whole"
    );
}

#[test]
fn a_document_that_is_not_an_object() {
    let d = only("---\njust a sentence\n", Code::NotAnObject);
    assert_eq!(at(&d), (2, 1));
}

#[test]
fn a_repeated_key() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n";
    let d = only(text, Code::DuplicateKey);
    assert_eq!(at(&d), (5, 3));
    assert_eq!(
        d.message.en,
        "the key \"name\" appears twice in one mapping"
    );
    assert_eq!(load(text).objects[0].meta.name, "b", "the last value wins");
}

#[test]
fn a_misspelt_field_gets_a_suggestion() {
    let text = format!("{POD_HEAD}spec:\n  contianers: [{{name: c, image: i}}]\n");
    let d = only(&text, Code::UnknownField);
    assert_eq!(at(&d), (6, 3));
    assert_eq!(d.hint.unwrap().en, "did you mean `containers`?");
}

#[test]
fn a_quoted_number_as_target_port_is_read_as_a_name() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port: 80\n    targetPort: \"8080\"\n";
    let d = only(text, Code::Rejected);
    assert_eq!(at(&d), (7, 5));
    assert!(d.message.en.ends_with("spec.ports[0].targetPort: Invalid value: \"8080\": must contain at least one letter (a-z)"), "{}", d.message.en);
}

#[test]
fn a_node_port_outside_the_range() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080\n";
    let d = only(text, Code::Rejected);
    assert_eq!(at(&d), (8, 5));
    assert_eq!(d.message.en, "The Service \"s\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767");
}

#[test]
fn a_selector_that_does_not_match_its_template() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: c, image: i}]}\n";
    let d = only(text, Code::Rejected);
    assert_eq!(at(&d), (8, 16), "at the template's labels");
    assert_eq!(d.message.en, "The Deployment \"d\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"api\"}: `selector` does not match template `labels`");
}

#[test]
fn an_invalid_object_name() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: My_Config\n";
    let d = only(text, Code::Rejected);
    assert_eq!(at(&d), (4, 3));
    assert!(d.message.en.starts_with("The ConfigMap \"My_Config\" is invalid: metadata.name: Invalid value: \"My_Config\": a lowercase RFC 1123 subdomain must consist of"), "{}", d.message.en);
}

#[test]
fn a_bad_quantity() {
    let text = format!("{POD_HEAD}spec:\n  containers:\n  - name: c\n    image: i\n    resources:\n      requests:\n        memory: 2GB\n");
    let d = only(&text, Code::InvalidValue);
    assert_eq!(at(&d), (11, 9));
}

#[test]
fn input_above_the_size_cap_is_refused_with_both_sizes() {
    let text = "#".repeat(MAX_INPUT_BYTES + 1);
    let d = only(&text, Code::InputTooLarge);
    assert!(d.message.en.contains("5.0 MB"), "{}", d.message.en);
    assert!(d.message.en.starts_with("the input is 5.0 MB"));
    assert!(load(&"#".repeat(MAX_INPUT_BYTES)).diagnostics.is_empty());
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let d = only(&text, Code::AliasExpansion);
    assert!(d.message.en.contains("alias bomb"));
}

#[test]
fn deep_nesting_is_refused_at_the_level_too_many() {
    let d = only(&"[".repeat(100_000), Code::NestingTooDeep);
    assert_eq!(at(&d), (1, 128));
    let json = "{\"a\":".repeat(100_000);
    let d = only(&json, Code::NestingTooDeep);
    assert_eq!(d.position.line, 1);
    let block: String = (0..500)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let d = only(&block, Code::NestingTooDeep);
    assert_eq!(d.position.line, 129);
}

#[test]
fn every_diagnostic_has_both_languages() {
    let text = "kind: Pod\nmetadata: {name: P}\nspec:\n  containers:\n  - name: c\n    ports:\n    volumeMounts: [{name: v, mountPath: /v, readOnly: yes}]\n";
    let loaded = load(text);
    assert!(loaded.diagnostics.len() >= 4);
    for d in &loaded.diagnostics {
        assert!(
            !d.message.en.is_empty() && !d.message.ko.is_empty(),
            "{d:?}"
        );
        assert_ne!(d.message.en, d.message.ko);
    }
}

#[test]
fn a_node_taint_with_an_unknown_effect_is_rejected_and_a_scenario_node_taint_is_ignored_with_a_warning(
) {
    let node = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec:\n  taints:\n  - {key: a, effect: NoSchedule}\n  - {key: b, effect: Sometimes}\n";
    let d = only(node, Code::Rejected);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.position.line, 7, "{}", d.message.en);
    // ValidateNode checks spec.taints under the metadata path.
    assert_eq!(
        d.message.en,
        "The Node \"n1\" is invalid: metadata.taints[1].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
    );
    let scenario = "apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  cluster:\n    nodes:\n    - name: n1\n      taints:\n      - {key: a, effect: NoSchedule}\n      - {key: b, effect: Sometimes}\n";
    let d = only(scenario, Code::InvalidValue);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.position.line, 10, "{}", d.message.en);
    assert!(
        d.message.en.contains("`Sometimes` is not NoSchedule"),
        "{}",
        d.message.en
    );
}

#[test]
fn an_add_node_step_without_a_name_is_an_error_at_its_line() {
    let scenario = "apiVersion: kubeglass/v1alpha1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  steps:\n  - addNode: {name: n3}\n  - addNode: {cpu: 4}\n";
    let d = only(scenario, Code::Scenario);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.position.line, 7, "{}", d.message.en);
    assert!(
        d.message.en.contains("a new node needs a name"),
        "{}",
        d.message.en
    );
}
