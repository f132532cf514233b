//! Every input form people paste: multi-document YAML, flow style, JSON streams, Lists, Helm
//! output and kubectl dumps with status.

use kubeglass_core::load::load;
use kubeglass_core::model::{Body, Object};

fn names(objects: &[Object]) -> Vec<String> {
    objects
        .iter()
        .map(|o| format!("{}/{}", o.meta.kind, o.meta.name))
        .collect()
}

fn clean(text: &str) -> Vec<Object> {
    let loaded = load(text);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded.objects
}

const CM: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\ndata: {a: \"1\"}\n";

fn cm(name: &str) -> String {
    CM.replace("NAME", name)
}

#[test]
fn multi_document_yaml_with_markers_comments_and_end_markers() {
    let text = format!(
        "# leading comment\n---\n{}---\n# only a comment\n---\n{}...\n---\n{}---\n",
        cm("a"),
        cm("b"),
        cm("c")
    );
    assert_eq!(
        names(&clean(&text)),
        ["ConfigMap/a", "ConfigMap/b", "ConfigMap/c"]
    );
}

#[test]
fn every_object_knows_its_line_in_a_clean_stream() {
    // A clean stream takes the one-parser fast path; origins must still be exact.
    let text = format!("{}---\n{}---\n\n# gap\n{}", cm("a"), cm("b"), cm("c"));
    let lines: Vec<u32> = clean(&text)
        .iter()
        .map(|o| o.origin.position.line)
        .collect();
    assert_eq!(lines, [1, 7, 15]);
}

#[test]
fn anchors_point_at_fields_for_later_diagnostics() {
    use kubeglass_core::model::Anchor;
    let text = format!("{}---\napiVersion: v1\nkind: Service\nmetadata: {{name: s}}\nspec:\n  ports: [{{port: 80}}]\n  selector:\n    app: x\n", cm("a"));
    let objects = clean(&text);
    assert_eq!(objects[1].origin.at(Anchor::Selector).line, 12);
    assert_eq!(objects[1].origin.at(Anchor::Ports).line, 11);
    assert_eq!(
        objects[1].origin.at(Anchor::ExternalName).line,
        7,
        "absent: the object's line"
    );
}

#[test]
fn crlf_and_a_byte_order_mark() {
    let text = format!("\u{feff}{}---\n{}", cm("a"), cm("b")).replace('\n', "\r\n");
    let objects = clean(&text);
    assert_eq!(names(&objects), ["ConfigMap/a", "ConfigMap/b"]);
    assert_eq!(objects[1].origin.position.line, 7);
}

#[test]
fn flow_style_with_trailing_commas() {
    let text = "{apiVersion: v1, kind: Pod, metadata: {name: f, labels: {app: x,},}, spec: {containers: [{name: c, image: i,},],},}";
    assert_eq!(names(&clean(text)), ["Pod/f"]);
}

#[test]
fn json_one_object_and_objects_back_to_back() {
    let one = r#"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [{"port": 80}]}}"#;
    assert_eq!(names(&clean(one)), ["Service/s"]);
    let two = format!(
        "{one}\n{}{}",
        one.replace("\"s\"", "\"t\""),
        one.replace("\"s\"", "\"u\"")
    );
    let objects = clean(&two);
    assert_eq!(names(&objects), ["Service/s", "Service/t", "Service/u"]);
    assert_eq!(objects[1].origin.position.line, 2);
    assert_eq!(objects[1].origin.document, 1);
}

#[test]
fn json_with_tab_indentation() {
    let text = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Namespace\",\n\t\"metadata\": {\"name\": \"prod\"}\n}\n";
    assert_eq!(names(&clean(text)), ["Namespace/prod"]);
}

#[test]
fn kind_list_and_typed_lists_with_items() {
    let list = format!(
        "apiVersion: v1\nkind: List\nitems:\n- {}\n- {}\n",
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}",
        "{apiVersion: v1, kind: Service, metadata: {name: b}, spec: {ports: [{port: 1}]}}"
    );
    let objects = clean(&list);
    assert_eq!(names(&objects), ["ConfigMap/a", "Service/b"]);
    assert_eq!(objects[1].origin.position.line, 5);
    // The API's own list types leave kind and apiVersion out of their items.
    let typed = "apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: x}\n- metadata: {name: y}\n";
    assert_eq!(names(&clean(typed)), ["ConfigMap/x", "ConfigMap/y"]);
}

#[test]
fn helm_output_with_source_comments() {
    let text = format!(
        "---\n# Source: chart/templates/cm.yaml\n{}---\n# Source: chart/templates/cm2.yaml\n{}",
        cm("a"),
        cm("b")
    );
    let objects = clean(&text);
    assert_eq!(names(&objects), ["ConfigMap/a", "ConfigMap/b"]);
    assert_eq!(objects[0].origin.position.line, 3);
}

#[test]
fn kubectl_dumps_keep_the_status_that_matters() {
    let text = r#"apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: web-1, namespace: shop, uid: x, resourceVersion: "12"}
  spec:
    nodeName: k8s-node2
    containers: [{name: c, image: nginx}]
  status:
    phase: Running
    podIP: 20.96.2.7
    conditions: [{type: Ready, status: "True"}]
- apiVersion: v1
  kind: Service
  metadata: {name: lb, namespace: shop}
  spec: {type: LoadBalancer, clusterIP: 10.96.0.50, ports: [{port: 80, nodePort: 31000}]}
  status: {loadBalancer: {ingress: [{ip: 203.0.113.10}]}}
- apiVersion: v1
  kind: Endpoints
  metadata: {name: lb, namespace: shop}
  subsets:
  - addresses: [{ip: 20.96.2.7, nodeName: k8s-node2, targetRef: {kind: Pod, name: web-1}}]
    notReadyAddresses: [{ip: 20.96.1.9}]
    ports: [{port: 8080}]
- apiVersion: discovery.k8s.io/v1
  kind: EndpointSlice
  metadata: {name: lb-abcde, namespace: shop, labels: {kubernetes.io/service-name: lb}}
  addressType: IPv4
  endpoints: [{addresses: [20.96.2.7], conditions: {ready: true}, nodeName: k8s-node2}]
  ports: [{port: 8080}]
- apiVersion: v1
  kind: PersistentVolume
  metadata: {name: pv-1}
  spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], nfs: {server: nfs.local, path: /x}}
  status: {phase: Bound}
- apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: {name: claim, namespace: shop}
  spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, volumeName: pv-1}
  status: {phase: Bound}
"#;
    let objects = clean(text);
    let Body::Pod(spec, status) = &objects[0].body else {
        panic!()
    };
    assert_eq!(spec.node_name.as_deref(), Some("k8s-node2"));
    assert_eq!(status.pod_ip.as_deref(), Some("20.96.2.7"));
    assert_eq!(status.phase.as_deref(), Some("Running"));
    assert_eq!(status.ready, Some(true));
    assert_eq!(objects[0].meta.namespace, "shop");
    let Body::Service(svc) = &objects[1].body else {
        panic!()
    };
    assert_eq!(svc.load_balancer_ingress, ["203.0.113.10"]);
    assert_eq!(svc.cluster_ip.as_deref(), Some("10.96.0.50"));
    let Body::Endpoints(eps) = &objects[2].body else {
        panic!()
    };
    let ready: Vec<bool> = eps.subsets[0].addresses.iter().map(|a| a.ready).collect();
    assert_eq!(ready, [true, false]);
    assert_eq!(eps.subsets[0].addresses[0].pod.as_deref(), Some("web-1"));
    let Body::EndpointSlice(slice) = &objects[3].body else {
        panic!()
    };
    assert_eq!(slice.service, "lb");
    let Body::PersistentVolume(pv) = &objects[4].body else {
        panic!()
    };
    assert_eq!(pv.phase.as_deref(), Some("Bound"));
    let Body::PersistentVolumeClaim(pvc) = &objects[5].body else {
        panic!()
    };
    assert_eq!(pvc.phase.as_deref(), Some("Bound"));
}

#[test]
fn batch_v1beta1_cronjobs_load_with_a_warning() {
    let text = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: hello}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: busybox}]\n          restartPolicy: OnFailure\n";
    let loaded = load(text);
    assert!(!loaded.has_errors());
    let Body::Workload(w) = &loaded.objects[0].body else {
        panic!()
    };
    assert_eq!(w.template.containers[0].name, "c");
    assert_eq!(w.schedule.as_deref(), Some("* * * * *"));
}

#[test]
fn unknown_kinds_are_kept_as_generic_objects() {
    let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n";
    let objects = clean(text);
    assert_eq!(names(&objects), ["ClusterRole/reader", "Widget/w"]);
    assert!(matches!(objects[1].body, Body::Other));
    assert_eq!(
        objects[0].meta.namespace, "",
        "ClusterRole is cluster-scoped"
    );
    assert_eq!(objects[1].meta.namespace, "default");
}

#[test]
fn int_or_string_target_ports_and_quantities() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - {name: web, port: 80, targetPort: http}\n  - {name: alt, port: 81, targetPort: 8081}\n  - {name: def, port: 82}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    resources: {requests: {cpu: 500m, memory: 1e3}, limits: {memory: 2Gi}}\n";
    use kubeglass_core::model::IntOrString;
    let objects = clean(text);
    let Body::Service(svc) = &objects[0].body else {
        panic!()
    };
    let targets: Vec<IntOrString> = svc.ports.iter().map(|p| p.effective_target()).collect();
    assert_eq!(
        targets,
        [
            IntOrString::Str("http".into()),
            IntOrString::Int(8081),
            IntOrString::Int(82)
        ]
    );
    let Body::Pod(spec, _) = &objects[1].body else {
        panic!()
    };
    assert_eq!(spec.containers[0].requests.cpu_milli, 500);
    assert_eq!(spec.containers[0].requests.memory, 1000);
}
