//! Rules 9.1–9.7 of `docs/k8s-semantics.md` (what the API server defaults and rejects),
//! checked through `describe` (the objects as the API server stores them) and through the
//! diagnostics and the rejected objects of a paste, as `kubectl apply -f` would see it.

use kubeglass_core::describe::{
    CountView, Description, PodView, PortTarget, PortView, ServiceView, WorkloadView,
};
use kubeglass_core::diagnostic::{Code, Diagnostic, Severity};
use kubeglass_core::load::load;
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::{Item, Kind, Options};
use kubeglass_core::sim::World;
use kubeglass_core::text::Language;

/// Loads `text` and builds its world; the load and cluster diagnostics together.
fn world(text: &str) -> (World, Vec<Diagnostic>) {
    let loaded = load(text);
    let (world, cluster) = World::new(&loaded.objects);
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(cluster);
    (world, diagnostics)
}

/// `describe` of `text`, which must load without errors.
fn describe(text: &str) -> Description {
    let (world, diagnostics) = world(text);
    let errors: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.en.as_str())
        .collect();
    assert!(errors.is_empty(), "errors: {errors:#?}");
    Description::of(&world, &diagnostics, Language::En)
}

fn service<'d>(description: &'d Description, name: &str) -> &'d ServiceView {
    description
        .services
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no service {name}"))
}

fn pod<'d>(description: &'d Description, name: &str) -> &'d PodView {
    description
        .pods
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no pod {name}"))
}

fn pods_of<'d>(description: &'d Description, owner: &str) -> Vec<&'d PodView> {
    description
        .pods
        .iter()
        .filter(|p| p.owner.as_ref().is_some_and(|o| o.name.starts_with(owner)))
        .collect()
}

fn workload<'d>(description: &'d Description, name: &str) -> &'d WorkloadView {
    description
        .workloads
        .iter()
        .find(|w| w.name == name)
        .unwrap_or_else(|| panic!("no workload {name}"))
}

fn target(port: &PortView) -> i64 {
    match &port.target_port {
        PortTarget::Number(n) => *n,
        PortTarget::Name(name) => panic!("targetPort is the name {name}"),
    }
}

// ---------------------------------------------------------------------------------------
// 9.1 Service defaults

#[test]
fn rule_9_1_service_port_protocol_and_target_port_default() {
    let d = describe(
        "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
  - {name: a, port: 80}
  - {name: b, port: 443, targetPort: 0}
  - {name: c, port: 8080, targetPort: ''}
  - {name: d, port: 53, targetPort: 5353, protocol: UDP}
",
    );
    let web = service(&d, "web");
    assert_eq!(web.kind, "ClusterIP");
    let ports: Vec<(u16, i64, &str)> = web
        .ports
        .iter()
        .map(|p| (p.port, target(p), p.protocol.as_str()))
        .collect();
    assert_eq!(
        ports,
        [
            (80, 80, "TCP"),
            (443, 443, "TCP"),
            (8080, 8080, "TCP"),
            (53, 5353, "UDP")
        ]
    );
}

#[test]
fn rule_9_1_session_affinity_defaults_to_none_and_client_ip_to_three_hours() {
    let text = "apiVersion: v1
kind: Service
metadata: {name: plain}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec: {selector: {app: web}, sessionAffinity: ClientIP, ports: [{port: 80}]}
";
    let d = describe(text);
    assert_eq!(service(&d, "plain").session_affinity, "None");
    assert_eq!(service(&d, "sticky").session_affinity, "ClientIP");
    // describe does not show sessionAffinityConfig; the stored spec holds the timeout.
    let (world, _) = world(text);
    let sticky = world
        .cluster
        .services
        .iter()
        .find(|s| s.name == "sticky")
        .expect("sticky");
    assert_eq!(sticky.spec.affinity_timeout_seconds, 10800);
}

#[test]
fn rule_9_1_traffic_policies_default_to_cluster_for_externally_accessible_services() {
    let d = describe(
        "apiVersion: v1
kind: Service
metadata: {name: np}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: lb}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: outside}
spec: {selector: {app: web}, externalIPs: [203.0.113.10], ports: [{port: 80}]}
",
    );
    for name in ["np", "lb", "outside"] {
        let s = service(&d, name);
        assert_eq!(s.external_traffic_policy, "Cluster", "{name}");
        assert_eq!(s.internal_traffic_policy, "Cluster", "{name}");
    }
}

#[test]
fn rule_9_1_ip_family_policy_and_families() {
    let d = describe(
        "apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: headless}
spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: bare}
spec: {clusterIP: None, ports: [{port: 80}]}
",
    );
    let web = service(&d, "web");
    assert_eq!(web.ip_family_policy, Some("SingleStack"));
    assert_eq!(web.ip_families, ["IPv4"]);
    assert_eq!(
        service(&d, "headless").ip_family_policy,
        Some("SingleStack")
    );
    // A headless Service without a selector may carry both families.
    assert_eq!(
        service(&d, "bare").ip_family_policy,
        Some("RequireDualStack")
    );
    assert_eq!(service(&d, "bare").ip_families, ["IPv4"]);
}

#[test]
fn rule_9_1_load_balancer_allocates_node_ports_and_a_cluster_ip() {
    let d = describe(
        "apiVersion: v1
kind: Service
metadata: {name: lb}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
",
    );
    let lb = service(&d, "lb");
    assert_eq!(lb.allocate_load_balancer_node_ports, Some(true));
    let node_port = lb.ports[0].node_port.expect("a node port");
    assert!((30000..=32767).contains(&node_port), "{node_port}");
    assert!(lb
        .cluster_ip
        .as_deref()
        .is_some_and(|ip| ip.starts_with("10.")));
    assert_eq!(service(&d, "web").allocate_load_balancer_node_ports, None);
    assert_eq!(service(&d, "web").ports[0].node_port, None);
}

// ---------------------------------------------------------------------------------------
// 9.2 Pod defaults

#[test]
fn rule_9_2_pod_defaults_restart_dns_grace_scheduler_and_service_links() {
    let d = describe(
        "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: nginx:1.25}]
",
    );
    let spec = &pod(&d, "p").spec;
    assert_eq!(spec.restart_policy, "Always");
    assert_eq!(spec.dns_policy, "ClusterFirst");
    assert_eq!(spec.termination_grace_period_seconds, 30);
    assert_eq!(spec.scheduler_name, "default-scheduler");
    assert!(spec.enable_service_links);
}

#[test]
fn rule_9_2_pod_defaults_keep_what_is_written() {
    let d = describe(
        "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  dnsPolicy: Default
  terminationGracePeriodSeconds: 5
  enableServiceLinks: false
  containers: [{name: c, image: nginx:1.25, imagePullPolicy: Never}]
",
    );
    let spec = &pod(&d, "p").spec;
    assert_eq!(spec.restart_policy, "Never");
    assert_eq!(spec.dns_policy, "Default");
    assert_eq!(spec.termination_grace_period_seconds, 5);
    assert!(!spec.enable_service_links);
    assert_eq!(spec.containers[0].image_pull_policy, "Never");
}

#[test]
fn rule_9_2_pod_defaults_image_pull_policy_follows_the_tag() {
    let d = describe(
        "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: latest, image: 'nginx:latest'}
  - {name: bare, image: nginx}
  - {name: tagged, image: 'registry.example.com:5000/team/nginx:1.25'}
  - {name: digest, image: 'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'}
  - {name: registry, image: 'registry.example.com:5000/nginx'}
",
    );
    let policies: Vec<(&str, &str)> = pod(&d, "p")
        .spec
        .containers
        .iter()
        .map(|c| (c.name.as_str(), c.image_pull_policy.as_str()))
        .collect();
    assert_eq!(
        policies,
        [
            ("latest", "Always"),
            ("bare", "Always"),
            ("tagged", "IfNotPresent"),
            ("digest", "IfNotPresent"),
            ("registry", "Always"),
        ]
    );
}

#[test]
fn rule_9_2_pod_defaults_container_ports_take_tcp() {
    let d = describe(
        "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: nginx:1.25
    ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]
",
    );
    let protocols: Vec<&str> = pod(&d, "p").spec.containers[0]
        .ports
        .iter()
        .map(|p| p.protocol.as_str())
        .collect();
    assert_eq!(protocols, ["TCP", "UDP"]);
}

#[test]
fn rule_9_2_pod_defaults_apply_to_the_pods_of_workload_templates() {
    let d = describe(
        "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]
",
    );
    let pods = pods_of(&d, "web");
    assert_eq!(pods.len(), 1);
    let spec = &pods[0].spec;
    assert_eq!(spec.restart_policy, "Always");
    assert_eq!(spec.dns_policy, "ClusterFirst");
    assert_eq!(spec.termination_grace_period_seconds, 30);
    assert_eq!(spec.scheduler_name, "default-scheduler");
    assert_eq!(spec.containers[0].image_pull_policy, "Always");
    assert_eq!(spec.containers[0].ports[0].protocol, "TCP");
}

// ---------------------------------------------------------------------------------------
// 9.3 Workload defaults

#[test]
fn rule_9_3_deployment_defaults_replicas_strategy_history_and_deadline() {
    let d = describe(
        "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx}]
",
    );
    let web = workload(&d, "web");
    assert_eq!(web.kind, "Deployment");
    assert_eq!(web.replicas, Some(1));
    let strategy = web.strategy.as_ref().expect("a strategy");
    assert_eq!(strategy.kind, "RollingUpdate");
    assert!(
        matches!(&strategy.max_surge, Some(CountView::Percent(p)) if p == "25%"),
        "{:?}",
        strategy.max_surge
    );
    assert!(
        matches!(&strategy.max_unavailable, Some(CountView::Percent(p)) if p == "25%"),
        "{:?}",
        strategy.max_unavailable
    );
    assert_eq!(web.revision_history_limit, Some(10));
    assert_eq!(web.progress_deadline_seconds, Some(600));
    assert_eq!(web.min_ready_seconds, 0);
}

#[test]
fn rule_9_3_replica_set_defaults_to_one_replica() {
    let d = describe(
        "apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs}
spec:
  selector: {matchLabels: {app: rs}}
  template:
    metadata: {labels: {app: rs}}
    spec:
      containers: [{name: c, image: nginx}]
",
    );
    assert_eq!(workload(&d, "rs").replicas, Some(1));
    assert_eq!(pods_of(&d, "rs").len(), 1);
}

#[test]
fn rule_9_3_replication_controller_selector_defaults_to_the_template_labels() {
    let d = describe(
        "apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  template:
    metadata: {labels: {app: rc}}
    spec:
      containers: [{name: c, image: nginx}]
",
    );
    assert_eq!(workload(&d, "rc").replicas, Some(1));
    // With the template labels as its selector, the controller owns the pod it creates.
    let pods = pods_of(&d, "rc");
    assert_eq!(pods.len(), 1);
    assert_eq!(pods[0].labels.get("app").map(String::as_str), Some("rc"));
}

#[test]
fn rule_9_3_stateful_set_defaults_ordered_ready_partition_zero() {
    let d = describe(
        "apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: c, image: postgres}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
",
    );
    let db = workload(&d, "db");
    assert_eq!(db.replicas, Some(1));
    assert_eq!(db.pod_management_policy, Some("OrderedReady"));
    let strategy = db.strategy.as_ref().expect("a strategy");
    assert_eq!(strategy.kind, "RollingUpdate");
    assert_eq!(strategy.partition, Some(0));
    assert_eq!(db.revision_history_limit, Some(10));
}

#[test]
fn rule_9_3_daemon_set_defaults_rolling_one_unavailable_no_surge() {
    let d = describe(
        "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: busybox}]
",
    );
    let agent = workload(&d, "agent");
    let strategy = agent.strategy.as_ref().expect("a strategy");
    assert_eq!(strategy.kind, "RollingUpdate");
    assert!(
        matches!(strategy.max_unavailable, Some(CountView::Number(1))),
        "{:?}",
        strategy.max_unavailable
    );
    assert!(
        matches!(strategy.max_surge, Some(CountView::Number(0))),
        "{:?}",
        strategy.max_surge
    );
    assert_eq!(agent.revision_history_limit, Some(10));
}

// ---------------------------------------------------------------------------------------
// 9.4 Storage and other defaults

#[test]
fn rule_9_4_a_persistent_volume_reclaim_policy_defaults_to_retain() {
    let d = describe(
        "apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data}
",
    );
    let pv = &d.persistent_volumes[0];
    assert_eq!(pv.name, "pv1");
    assert_eq!(pv.reclaim_policy, "Retain");
}

#[test]
fn rule_9_4_a_provisioned_volume_takes_its_class_reclaim_policy() {
    let d = describe(
        "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations: {storageclass.kubernetes.io/is-default-class: 'true'}
provisioner: example.com/disk
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
",
    );
    let claim = &d.persistent_volume_claims[0];
    assert_eq!(claim.storage_class.as_deref(), Some("fast"));
    let pv = d
        .persistent_volumes
        .iter()
        .find(|v| v.claim.as_deref() == Some("default/data"))
        .expect("a provisioned volume");
    // A StorageClass's reclaimPolicy defaults to Delete.
    assert_eq!(pv.reclaim_policy, "Delete");
}

#[test]
fn rule_9_4_a_claim_starts_pending() {
    let (world, diagnostics) = world(
        "apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  storageClassName: ''
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
",
    );
    let d = Description::of(&world, &diagnostics, Language::En);
    assert_eq!(d.persistent_volume_claims[0].phase, "Pending");
}

#[test]
fn rule_9_4_a_volume_with_no_source_is_an_empty_dir() {
    let d = describe(
        "apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: scratch}]
  containers:
  - {name: c, image: nginx:1.25, volumeMounts: [{name: scratch, mountPath: /scratch}]}
",
    );
    let volume = &pod(&d, "p").volumes[0];
    assert_eq!(volume.name, "scratch");
    assert_eq!(volume.kind, "emptyDir");
}

// ---------------------------------------------------------------------------------------
// 9.5 Validation error format

/// The error diagnostics of `text`'s load, by their English messages.
fn errors(text: &str) -> Vec<String> {
    load(text)
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.en.clone())
        .collect()
}

#[test]
fn rule_9_5_message_format_kind_name_path_type_value_detail() {
    // The bare Kind (`Deployment`, not `Deployment.apps`), the name quoted, the path, the
    // type and the value: numbers bare, strings quoted, maps as JSON.
    let text = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: api}}
  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}
  template:
    metadata: {labels: {app: web}}
    spec:
      restartPolicy: OnFailure
      containers: [{name: c, image: nginx}]
";
    assert_eq!(
        errors(text),
        [
            "The Deployment \"web\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
            "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`",
            "The Deployment \"web\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
        ]
    );
}

#[test]
fn rule_9_5_message_format_template_paths_are_prefixed() {
    let text = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: c}]
";
    assert_eq!(
        errors(text),
        [
            "The Deployment \"web\" is invalid: spec.template.spec.containers[0].image: Required value",
            "The CronJob \"nightly\" is invalid: spec.jobTemplate.spec.template.spec.containers[0].image: Required value",
        ]
    );
}

#[test]
fn rule_9_5_message_format_each_cause_is_a_line_and_the_rejection_counts_them() {
    let text = "apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: c
    volumeMounts: [{name: data, mountPath: /data}]
";
    let (world, diagnostics) = world(text);
    let rejected: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.code == Code::Rejected)
        .map(|d| d.message.en.as_str())
        .collect();
    assert_eq!(
        rejected,
        [
            "The Pod \"web\" is invalid: spec.containers[0].image: Required value",
            "The Pod \"web\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"data\"",
        ]
    );
    assert_eq!(world.cluster.rejected.len(), 1);
    assert_eq!(
        world.cluster.rejected[0].reason.en,
        "The Pod \"web\" is invalid: spec.containers[0].image: Required value (and 1 more)"
    );
    // Korean keeps the field path.
    assert!(diagnostics
        .iter()
        .filter(|d| d.code == Code::Rejected)
        .all(|d| d.message.ko.contains("spec.containers[0].")));
}

// ---------------------------------------------------------------------------------------
// 9.6 Common validation errors: each message exactly, the object rejected, and the other
// object of the paste created.

/// A Pod every test pastes next to its mistake; it must be created.
const GOOD: &str = "apiVersion: v1
kind: Pod
metadata: {name: good, labels: {app: good}}
spec:
  containers: [{name: c, image: nginx:1.25}]
";

/// Pastes `mistake` after [`GOOD`] and returns the one error's message, after checking that
/// the mistaken object alone is rejected and that the good Pod is created.
fn rejects(mistake: &str, kind: &str, name: &str) -> String {
    let text = format!("{GOOD}---\n{mistake}");
    let (world, diagnostics) = world(&text);
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let rejected: Vec<(&str, &str)> = world
        .cluster
        .rejected
        .iter()
        .map(|r| (r.kind.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(rejected, [(kind, name)]);
    assert!(
        world.cluster.pods.iter().any(|p| p.name == "good"),
        "the good pod is created"
    );
    assert!(
        world
            .cluster
            .pods
            .iter()
            .all(|p| p.name != name || kind != "Pod"),
        "the rejected pod is not created"
    );
    errors[0].message.en.clone()
}

#[test]
fn rule_9_6_service_name_not_a_dns_1035_label() {
    for name in ["my_svc", "1web"] {
        let mistake = format!(
            "apiVersion: v1\nkind: Service\nmetadata: {{name: {name}}}\nspec: {{selector: {{app: good}}, ports: [{{port: 80}}]}}\n"
        );
        assert_eq!(
            rejects(&mistake, "Service", name),
            format!("The Service \"{name}\" is invalid: metadata.name: Invalid value: \"{name}\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")
        );
    }
}

#[test]
fn rule_9_6_name_not_a_dns_1123_subdomain() {
    const DETAIL: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    for (kind, mistake) in [
        ("Pod", "apiVersion: v1\nkind: Pod\nmetadata: {name: My-App}\nspec: {containers: [{name: c, image: nginx}]}\n"),
        ("Deployment", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: My-App}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: nginx}]}\n"),
        ("ConfigMap", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: My-App}\ndata: {a: b}\n"),
    ] {
        assert_eq!(
            rejects(mistake, kind, "My-App"),
            format!("The {kind} \"My-App\" is invalid: metadata.name: Invalid value: \"My-App\": {DETAIL}")
        );
    }
}

#[test]
fn rule_9_6_container_or_service_port_name_not_a_dns_1123_label() {
    const DETAIL: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: Web, image: nginx}]}\n",
            "Pod",
            "p"
        ),
        format!("The Pod \"p\" is invalid: spec.containers[0].name: Invalid value: \"Web\": {DETAIL}")
    );
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: good}, ports: [{name: Web, port: 80}]}\n",
            "Service",
            "s"
        ),
        format!("The Service \"s\" is invalid: spec.ports[0].name: Invalid value: \"Web\": {DETAIL}")
    );
    let long = "c".repeat(64);
    assert_eq!(
        rejects(
            &format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec: {{containers: [{{name: {long}, image: nginx}}]}}\n"),
            "Pod",
            "p"
        ),
        format!("The Pod \"p\" is invalid: spec.containers[0].name: Invalid value: \"{long}\": must be no more than 63 characters")
    );
}

#[test]
fn rule_9_6_service_port_out_of_range() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: good}, ports: [{port: 0}]}\n",
            "Service",
            "s"
        ),
        "The Service \"s\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"
    );
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: good}, ports: [{port: 80, targetPort: 70000}]}\n",
            "Service",
            "s"
        ),
        "The Service \"s\" is invalid: spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive"
    );
}

#[test]
fn rule_9_6_multi_port_service_with_an_unnamed_port() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: good}, ports: [{name: http, port: 80}, {port: 81}]}\n",
            "Service",
            "s"
        ),
        "The Service \"s\" is invalid: spec.ports[1].name: Required value"
    );
}

#[test]
fn rule_9_6_two_ports_with_the_same_name() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: good}, ports: [{name: http, port: 80}, {name: http, port: 81}]}\n",
            "Service",
            "s"
        ),
        "The Service \"s\" is invalid: spec.ports[1].name: Duplicate value: \"http\""
    );
}

#[test]
fn rule_9_6_node_port_outside_the_range() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort, selector: {app: good}, ports: [{port: 80, nodePort: 8080}]}\n",
            "Service",
            "s"
        ),
        "The Service \"s\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767"
    );
}

#[test]
fn rule_9_6_node_port_on_a_cluster_ip_service() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: ClusterIP, selector: {app: good}, ports: [{port: 80, nodePort: 30080}]}\n",
            "Service",
            "s"
        ),
        "The Service \"s\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"
    );
}

#[test]
fn rule_9_6_cluster_ip_outside_the_range() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: 1.1.1.1, selector: {app: good}, ports: [{port: 80}]}\n",
            "Service",
            "s"
        ),
        "The Service \"s\" is invalid: spec.clusterIPs: Invalid value: [\"1.1.1.1\"]: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12"
    );
}

#[test]
fn rule_9_6_container_port_out_of_range() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx, ports: [{containerPort: 70000}]}]}\n",
            "Pod",
            "p"
        ),
        "The Pod \"p\" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"
    );
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx, ports: [{containerPort: 0}]}]}\n",
            "Pod",
            "p"
        ),
        "The Pod \"p\" is invalid: spec.containers[0].ports[0].containerPort: Required value"
    );
}

#[test]
fn rule_9_6_deployment_without_selector() {
    assert_eq!(
        rejects(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n",
            "Deployment",
            "d"
        ),
        "The Deployment \"d\" is invalid: spec.selector: Required value"
    );
}

#[test]
fn rule_9_6_selector_does_not_match_template_labels() {
    // Recent API servers print the labels as JSON (older ones in Go syntax).
    assert_eq!(
        rejects(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n",
            "Deployment",
            "d"
        ),
        "The Deployment \"d\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"
    );
}

#[test]
fn rule_9_6_restart_policy_never_in_a_deployment_template() {
    assert_eq!(
        rejects(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {restartPolicy: Never, containers: [{name: c, image: nginx}]}\n",
            "Deployment",
            "d"
        ),
        "The Deployment \"d\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
    );
}

#[test]
fn rule_9_6_max_surge_and_max_unavailable_both_zero() {
    assert_eq!(
        rejects(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: web}}\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx}]}\n",
            "Deployment",
            "d"
        ),
        "The Deployment \"d\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
    );
}

#[test]
fn rule_9_6_container_without_image() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c}]}\n",
            "Pod",
            "p"
        ),
        "The Pod \"p\" is invalid: spec.containers[0].image: Required value"
    );
}

#[test]
fn rule_9_6_volume_mount_naming_an_undeclared_volume() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx, volumeMounts: [{name: data, mountPath: /data}]}]}\n",
            "Pod",
            "p"
        ),
        "The Pod \"p\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: \"data\""
    );
}

#[test]
fn rule_9_6_request_above_limit() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}\n",
            "Pod",
            "p"
        ),
        "The Pod \"p\" is invalid: spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"
    );
}

#[test]
fn rule_9_6_pvc_without_access_modes() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {resources: {requests: {storage: 1Gi}}}\n",
            "PersistentVolumeClaim",
            "data"
        ),
        "The PersistentVolumeClaim \"data\" is invalid: spec.accessModes: Required value: at least 1 access mode is required"
    );
}

#[test]
fn rule_9_6_pvc_without_a_storage_request() {
    assert_eq!(
        rejects(
            "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {accessModes: [ReadWriteOnce]}\n",
            "PersistentVolumeClaim",
            "data"
        ),
        "The PersistentVolumeClaim \"data\" is invalid: spec.resources[storage]: Required value"
    );
}

// ---------------------------------------------------------------------------------------
// 9.7 `kubectl apply -f` with many objects

fn all_items(items: &[Item]) -> Vec<&Item> {
    let mut out = Vec::new();
    let mut stack: Vec<&Item> = items.iter().collect();
    while let Some(item) = stack.pop() {
        out.push(item);
        stack.extend(item.children.iter());
    }
    out
}

#[test]
fn rule_9_7_one_invalid_object_of_four_leaves_three_drawn() {
    let text = "apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: broken}
spec: {selector: {app: web}, ports: [{port: 0}]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
";
    let loaded = load(text);
    assert_eq!(loaded.objects.len(), 4, "every object is read");
    let errors: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.en.as_str())
        .collect();
    assert_eq!(
        errors,
        ["The Service \"broken\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"]
    );
    let playback = Playback::new(&loaded.objects, Options::default());
    let items = all_items(&playback.scene().items);
    let ids = |kind: Kind| -> Vec<&str> {
        let mut ids: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.id.as_str())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(Kind::Rejected), ["rejected:Service/default/broken/0"]);
    assert!(ids(Kind::Service).contains(&"svc:default/web"));
    assert!(!ids(Kind::Service).iter().any(|id| id.contains("broken")));
    assert_eq!(ids(Kind::Claim), ["pvc:default/data"]);
    assert_eq!(
        ids(Kind::Pod)
            .iter()
            .filter(|id| id.starts_with("pod:default/web-"))
            .count(),
        2
    );
    let (world, _) = World::new(&loaded.objects);
    assert_eq!(world.cluster.rejected.len(), 1);
    assert_eq!(world.cluster.rejected[0].name, "broken");
}

#[test]
fn rule_9_7_unknown_field_strict_decoding() {
    let text = "apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicass: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
";
    let (world, diagnostics) = world(text);
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].message.en,
        "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replicass\""
    );
    assert_eq!(errors[0].position.line, 5);
    let rejected: Vec<(&str, &str)> = world
        .cluster
        .rejected
        .iter()
        .map(|r| (r.kind.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(rejected, [("Deployment", "web")]);
    assert!(
        world.cluster.pods.is_empty(),
        "the Deployment creates nothing"
    );
    assert!(world.cluster.services.iter().any(|s| s.name == "web"));
}
