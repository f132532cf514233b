//! Rules 1.1–1.24 of `docs/k8s-semantics.md` (Services), checked against the simulation.

#[path = "support/sim.rs"]
mod sim;

use kubeglass_core::cluster::dns::{resolve, Answer};
use kubeglass_core::cluster::ipam::in_service_range;
use kubeglass_core::cluster::{LoadBalancer, Service};
use kubeglass_core::diagnostic::{Code, Diagnostic};
use kubeglass_core::load::load;
use kubeglass_core::model::IntOrString;
use kubeglass_core::sim::{HopKind, Outcome, Place, RequestOutcome, World};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

const NODE1: &str = "k8s-node1";
const NODE2: &str = "k8s-node2";
const MASTER: &str = "k8s-master";

/// A bare pod labelled `app: <app>` pinned to `node`, with no container ports.
fn pod_on(name: &str, app: &str, node: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels: {{app: {app}}}
spec:
  nodeSelector: {{kubernetes.io/hostname: {node}}}
  containers:
  - name: c
    image: nginx
"
    )
}

/// Joins YAML documents.
fn docs(parts: &[String]) -> String {
    parts.join("---\n")
}

/// The usual cast: `client1` on k8s-node1 and `client2` on k8s-node2, plus `extra`.
fn with_clients(extra: &[String]) -> String {
    let mut all = vec![
        pod_on("client1", "client", NODE1),
        pod_on("client2", "client", NODE2),
    ];
    all.extend_from_slice(extra);
    docs(&all)
}

/// A Scenario document setting the cluster (and nothing else).
fn cloud_cluster() -> String {
    "apiVersion: kubeglass/v1alpha1
kind: Scenario
metadata: {name: t}
spec:
  cluster: {cloudLoadBalancer: true}
  steps: []
"
    .to_owned()
}

fn ip_of(world: &World, pod: &str) -> Ipv4Addr {
    sim::pod(world, pod).ip.expect("the pod has an IP")
}

fn node_name(place: &Place) -> Option<&str> {
    match place {
        Place::Node { name, .. } => Some(name),
        _ => None,
    }
}

fn hops_of(r: &RequestOutcome, kind: HopKind) -> Vec<&kubeglass_core::sim::Hop> {
    r.hops.iter().filter(|h| h.kind == kind).collect()
}

fn rewrite_node(r: &RequestOutcome) -> Option<String> {
    hops_of(r, HopKind::Rewrite)
        .first()
        .and_then(|h| node_name(&h.from).map(str::to_owned))
}

fn delivered_address(r: &RequestOutcome) -> Option<String> {
    hops_of(r, HopKind::Deliver)
        .last()
        .map(|h| h.address.clone())
}

fn dropped_node(r: &RequestOutcome) -> Option<String> {
    r.dropped_at
        .as_ref()
        .and_then(|p| node_name(p).map(str::to_owned))
}

fn all_delivered(o: &Outcome) -> bool {
    !o.requests.is_empty() && o.requests.iter().all(|r| r.delivered)
}

/// Every request was delivered, all to the pod `name`.
fn assert_only_reached(out: &Outcome, name: &str) {
    assert!(all_delivered(out), "{out:#?}");
    assert_eq!(
        distinct(&sim::reached(out)),
        BTreeSet::from([name.to_owned()])
    );
}

fn distinct(pods: &[String]) -> BTreeSet<String> {
    pods.iter().cloned().collect()
}

fn mentions<'d>(diagnostics: &'d [Diagnostic], code: Code, text: &str) -> Vec<&'d Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.code == code && d.message.en.contains(text))
        .collect()
}

fn svc<'w>(world: &'w World, name: &str) -> &'w Service {
    sim::service(world, name)
}

// ---------------------------------------------------------------------------------------
// 1.1 ClusterIP allocation

/// The messages of the objects the API server rejects in `yaml`.
fn rejections(yaml: &str) -> Vec<String> {
    load(yaml)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == Code::Rejected)
        .map(|d| d.message.en)
        .collect()
}

#[test]
fn rule_1_1_every_service_but_headless_and_external_name_gets_a_cluster_ip() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: a}
spec: {selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {type: NodePort, selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: c}
spec: {type: LoadBalancer, selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: headless}
spec: {clusterIP: None, selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: alias}
spec: {type: ExternalName, externalName: example.com}
";
    let (world, _) = sim::world(yaml);
    let mut ips = BTreeSet::new();
    for name in ["a", "b", "c"] {
        let ip = svc(&world, name)
            .cluster_ip
            .unwrap_or_else(|| panic!("{name} has no ClusterIP"));
        assert!(in_service_range(ip), "{name}: {ip} is outside 10.96.0.0/12");
        assert!(
            ip != Ipv4Addr::new(10, 96, 0, 1) && ip != Ipv4Addr::new(10, 96, 0, 10),
            "{name} got a reserved address {ip}"
        );
        ips.insert(ip);
    }
    assert_eq!(ips.len(), 3, "ClusterIPs must be unique: {ips:?}");
    assert_eq!(svc(&world, "headless").cluster_ip, None);
    assert_eq!(svc(&world, "alias").cluster_ip, None);
}

#[test]
fn rule_1_1_a_requested_cluster_ip_in_range_and_free_is_used() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: a}
spec: {clusterIP: 10.96.0.50, selector: {app: x}, ports: [{port: 80}]}
";
    let (world, diagnostics) = sim::world(yaml);
    assert_eq!(
        svc(&world, "a").cluster_ip,
        Some(Ipv4Addr::new(10, 96, 0, 50))
    );
    assert!(sim::with_code(&diagnostics, Code::PortClash).is_empty());
}

#[test]
fn rule_1_1_a_requested_cluster_ip_out_of_range_is_refused() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: a}
spec: {clusterIP: 10.200.0.1, selector: {app: x}, ports: [{port: 80}]}
";
    let (world, diagnostics) = sim::world(yaml);
    assert_eq!(
        messages(&diagnostics, Code::PortClash),
        ["The Service \"a\" is invalid: spec.clusterIPs: Invalid value: [\"10.200.0.1\"]: failed to allocate IP 10.200.0.1: the provided IP (10.200.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12"]
    );
    assert!(world.cluster.service("default", "a").is_none());
    assert_eq!(rejected_names(&world), ["a"]);
}

#[test]
fn rule_1_1_a_requested_cluster_ip_already_taken_is_refused() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: a}
spec: {clusterIP: 10.96.0.50, selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {clusterIP: 10.96.0.50, selector: {app: x}, ports: [{port: 80}]}
";
    let (world, diagnostics) = sim::world(yaml);
    assert_eq!(
        messages(&diagnostics, Code::PortClash),
        ["The Service \"b\" is invalid: spec.clusterIPs: Invalid value: [\"10.96.0.50\"]: failed to allocate IP 10.96.0.50: provided IP is already allocated"]
    );
    assert_eq!(
        svc(&world, "a").cluster_ip,
        Some(Ipv4Addr::new(10, 96, 0, 50))
    );
    assert!(world.cluster.service("default", "b").is_none());
    assert_eq!(rejected_names(&world), ["b"]);
}

#[test]
fn rule_1_1_the_kubernetes_and_kube_dns_addresses_are_taken() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: a}
spec: {clusterIP: 10.96.0.1, selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {clusterIP: 10.96.0.10, selector: {app: x}, ports: [{port: 80}]}
";
    let (world, diagnostics) = sim::world(yaml);
    assert!(!mentions(&diagnostics, Code::PortClash, "IP 10.96.0.1:").is_empty());
    assert!(!mentions(&diagnostics, Code::PortClash, "IP 10.96.0.10:").is_empty());
    assert_eq!(rejected_names(&world), ["a", "b"]);
}

#[test]
fn rule_1_1_the_kubernetes_service_holds_the_first_address() {
    // Every cluster has `default/kubernetes` at the first address of the range; pods reach
    // the API server through it.
    let (world, _) = sim::world(&with_clients(&[]));
    match resolve(
        &world.cluster,
        "kubernetes.default.svc.cluster.local",
        "default",
    ) {
        Answer::ClusterIp { ip, .. } => assert_eq!(ip, Ipv4Addr::new(10, 96, 0, 1)),
        other => panic!("kubernetes.default does not resolve to 10.96.0.1: {other:?}"),
    }
}

#[test]
fn rule_1_1_kube_dns_holds_the_tenth_address() {
    let (world, _) = sim::world(&with_clients(&[]));
    match resolve(
        &world.cluster,
        "kube-dns.kube-system.svc.cluster.local",
        "default",
    ) {
        Answer::ClusterIp { ip, .. } => assert_eq!(ip, Ipv4Addr::new(10, 96, 0, 10)),
        other => panic!("kube-dns.kube-system does not resolve to 10.96.0.10: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// 1.2 Static/dynamic bands

#[test]
fn rule_1_2_automatic_cluster_ips_come_from_the_upper_band() {
    let yaml: Vec<String> = (0..60)
        .map(|i| {
            format!(
                "apiVersion: v1\nkind: Service\nmetadata: {{name: s{i}}}\nspec: {{selector: {{app: x}}, ports: [{{port: 80}}]}}\n"
            )
        })
        .collect();
    let (world, _) = sim::world(&docs(&yaml));
    // 10.96.0.0/12 has 2^20 addresses: the static band is min(max(16, 65536), 256) = 256.
    let base = u32::from(Ipv4Addr::new(10, 96, 0, 0));
    // The built-in kubernetes and kube-dns Services hold fixed addresses (rule 1.1).
    for s in world.cluster.services.iter().filter(|s| !s.builtin) {
        let ip = s.cluster_ip.expect("a ClusterIP");
        assert!(
            u32::from(ip) - base >= 256,
            "{} got {ip}, inside the static band 10.96.0.0-10.96.0.255",
            s.name
        );
    }
}

#[test]
fn rule_1_2_hand_picked_ips_from_the_lower_band_are_honoured() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: a}
spec: {clusterIP: 10.96.0.20, selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {clusterIP: 10.96.0.200, selector: {app: x}, ports: [{port: 80}]}
";
    let (world, diagnostics) = sim::world(yaml);
    assert_eq!(
        svc(&world, "a").cluster_ip,
        Some(Ipv4Addr::new(10, 96, 0, 20))
    );
    assert_eq!(
        svc(&world, "b").cluster_ip,
        Some(Ipv4Addr::new(10, 96, 0, 200))
    );
    assert!(sim::with_code(&diagnostics, Code::PortClash).is_empty());
}

// ---------------------------------------------------------------------------------------
// 1.3 The VIP lives nowhere

const WEB_ON_NODE2: &str = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
";

#[test]
fn rule_1_3_the_cluster_ip_is_rewritten_on_the_clients_node() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE2),
        WEB_ON_NODE2.to_owned(),
    ]));
    let cluster_ip = svc(&world, "web").cluster_ip.unwrap();
    let out = sim::play(
        &mut world,
        &format!("request: {{from: pod/client1, to: \"{cluster_ip}:80\"}}"),
    );
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    // The rewrite happens on the client's node (from == to: no box in between).
    let rewrite = hops_of(r, HopKind::Rewrite);
    assert_eq!(rewrite.len(), 1, "{r:#?}");
    assert_eq!(node_name(&rewrite[0].from), Some(NODE1));
    assert_eq!(rewrite[0].from, rewrite[0].to);
    assert_eq!(rewrite[0].address, format!("{cluster_ip}:80"));
    // Then the rewritten packet crosses to the pod's node, addressed to the pod.
    let forward = hops_of(r, HopKind::Forward);
    assert_eq!(forward.len(), 1);
    assert_eq!(node_name(&forward[0].to), Some(NODE2));
    assert_eq!(
        forward[0].address,
        format!("{}:8080", ip_of(&world, "web-1"))
    );
    // No place on the path holds the virtual IP.
    let vip = cluster_ip.to_string();
    for hop in &r.hops {
        for place in [&hop.from, &hop.to] {
            let ip = match place {
                Place::Node { ip, .. } | Place::Pod { ip, .. } => Some(ip),
                Place::External { host } => Some(host),
                _ => None,
            };
            assert_ne!(ip, Some(&vip), "a hop ends at the ClusterIP: {hop:#?}");
        }
    }
}

#[test]
fn rule_1_3_a_nodes_own_rules_rewrite_its_traffic_to_the_cluster_ip() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        WEB_ON_NODE2.to_owned(),
    ]));
    let cluster_ip = svc(&world, "web").cluster_ip.unwrap();
    let out = sim::play(
        &mut world,
        &format!("request: {{from: node/k8s-node2, to: \"{cluster_ip}:80\"}}"),
    );
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    assert_eq!(rewrite_node(r).as_deref(), Some(NODE2));
    assert_eq!(sim::reached(&out), ["web-1"]);
}

#[test]
fn rule_1_3_nothing_outside_the_cluster_reaches_a_cluster_ip() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        WEB_ON_NODE2.to_owned(),
    ]));
    let cluster_ip = svc(&world, "web").cluster_ip.unwrap();
    let out = sim::play(
        &mut world,
        &format!("request: {{from: outside, to: \"{cluster_ip}:80\"}}"),
    );
    assert!(!out.requests[0].delivered);
    assert!(hops_of(&out.requests[0], HopKind::Rewrite).is_empty());
}

// ---------------------------------------------------------------------------------------
// 1.4 Port fields

#[test]
fn rule_1_4_target_port_defaults_to_port_and_protocol_to_tcp() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE2),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 8000}]}\n".to_owned(),
    ]));
    let port = &svc(&world, "web").ports[0];
    assert_eq!(port.target, IntOrString::Int(8000));
    assert_eq!(port.protocol, "TCP");
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"web:8000\"}");
    assert_eq!(
        delivered_address(&out.requests[0]),
        Some(format!("{}:8000", ip_of(&world, "web-1")))
    );
}

#[test]
fn rule_1_4_the_virtual_ip_listens_on_port_and_the_pod_on_target_port() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE2),
        WEB_ON_NODE2.to_owned(),
    ]));
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"web:80\"}");
    assert_eq!(
        delivered_address(&out.requests[0]),
        Some(format!("{}:8080", ip_of(&world, "web-1")))
    );
    // The targetPort is not a port of the virtual IP.
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"web:8080\"}");
    assert!(!out.requests[0].delivered, "{:#?}", out.requests[0]);
}

#[test]
fn rule_1_4_node_ports_exist_only_for_node_port_and_load_balancer() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: plain}
spec: {selector: {app: x}, ports: [{port: 80, nodePort: 30100}]}
---
apiVersion: v1
kind: Service
metadata: {name: np}
spec: {type: NodePort, selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: lb}
spec: {type: LoadBalancer, selector: {app: x}, ports: [{port: 80}]}
";
    assert_eq!(
        rejections(yaml),
        ["The Service \"plain\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]
    );
    let (world, _) = World::new(&load(yaml).objects);
    assert!(world.cluster.services.iter().all(|s| s.name != "plain"));
    assert!(svc(&world, "np").ports[0].node_port.is_some());
    assert!(svc(&world, "lb").ports[0].node_port.is_some());
}

// ---------------------------------------------------------------------------------------
// 1.5 Named targetPort

fn named_port_pod(name: &str, node: &str, port: Option<u16>) -> String {
    let ports = port.map_or(String::new(), |p| {
        format!("    ports:\n    - {{name: http, containerPort: {p}}}\n")
    });
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels: {{app: web}}
spec:
  nodeSelector: {{kubernetes.io/hostname: {node}}}
  containers:
  - name: c
    image: nginx
{ports}"
    )
}

const NAMED_TARGET: &str = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
";

#[test]
fn rule_1_5_a_named_target_port_is_resolved_per_pod() {
    let (mut world, _) = sim::world(&with_clients(&[
        named_port_pod("web-a", NODE1, Some(8080)),
        named_port_pod("web-b", NODE2, Some(9090)),
        NAMED_TARGET.to_owned(),
    ]));
    let (a, b) = (ip_of(&world, "web-a"), ip_of(&world, "web-b"));
    let endpoints = &svc(&world, "web").endpoints;
    let port_of = |ip: Ipv4Addr| {
        endpoints
            .iter()
            .find(|e| e.ip == ip)
            .map(|e| e.ports.clone())
    };
    assert_eq!(port_of(a), Some(vec![Some(8080)]));
    assert_eq!(port_of(b), Some(vec![Some(9090)]));
    let out = sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"web:80\", count: 30}",
    );
    assert!(all_delivered(&out));
    let addresses: BTreeSet<String> = out.requests.iter().filter_map(delivered_address).collect();
    assert_eq!(
        addresses,
        BTreeSet::from([format!("{a}:8080"), format!("{b}:9090")])
    );
}

#[test]
fn rule_1_5_a_pod_without_the_port_name_does_not_serve_that_port() {
    let (mut world, _) = sim::world(&with_clients(&[
        named_port_pod("web-a", NODE1, Some(8080)),
        named_port_pod("web-none", NODE2, None),
        NAMED_TARGET.to_owned(),
    ]));
    let none = ip_of(&world, "web-none");
    let endpoint = svc(&world, "web")
        .endpoints
        .iter()
        .find(|e| e.ip == none)
        .expect("the pod is still selected")
        .clone();
    assert_eq!(endpoint.ports, vec![None]);
    let out = sim::play(
        &mut world,
        "request: {from: pod/client2, to: \"web:80\", count: 30}",
    );
    assert_only_reached(&out, "web-a");
}

#[test]
fn rule_1_5_a_numeric_target_port_needs_no_container_port() {
    // web-1 declares no ports at all.
    let (mut world, diagnostics) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE2),
        WEB_ON_NODE2.to_owned(),
    ]));
    assert!(sim::with_code(&diagnostics, Code::TargetPortUnresolved).is_empty());
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"web:80\"}");
    assert_eq!(
        delivered_address(&out.requests[0]),
        Some(format!("{}:8080", ip_of(&world, "web-1")))
    );
}

// ---------------------------------------------------------------------------------------
// 1.6 Multi-port Services

#[test]
fn rule_1_6_every_port_of_a_multi_port_service_needs_a_name() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}, {port: 443}]
";
    assert_eq!(
        rejections(yaml),
        ["The Service \"web\" is invalid: spec.ports[1].name: Required value"]
    );
}

#[test]
fn rule_1_6_names_are_checked_at_each_ports_own_index() {
    // The first port is refused for its number; the names are still checked for all three,
    // each at its own place in the list.
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: a, port: 0}, {name: b, port: 80}, {port: 443}]
";
    assert_eq!(
        rejections(yaml),
        [
            "The Service \"web\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "The Service \"web\" is invalid: spec.ports[2].name: Required value"
        ]
    );
}

#[test]
fn rule_1_6_port_names_must_be_unique() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}, {name: http, port: 443}]
";
    assert_eq!(
        rejections(yaml),
        ["The Service \"web\" is invalid: spec.ports[1].name: Duplicate value: \"http\""]
    );
}

#[test]
fn rule_1_6_a_single_port_may_be_unnamed() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
";
    let loaded = load(yaml);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let named = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}, {name: https, port: 443}]
";
    let loaded = load(named);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
}

#[test]
fn rule_1_6_port_names_must_be_dns_labels() {
    // The API rejects names that are not lowercase alphanumerics and '-'.
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: Web_Port, port: 80}, {name: https, port: 443}]
";
    let loaded = load(yaml);
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.message.en.contains("Web_Port")),
        "port name Web_Port is not flagged: {:#?}",
        loaded.diagnostics
    );
}

// ---------------------------------------------------------------------------------------
// 1.7 NodePort allocation

#[test]
fn rule_1_7_node_ports_are_allocated_from_the_dynamic_band() {
    let yaml: Vec<String> = (0..40)
        .map(|i| {
            format!(
                "apiVersion: v1\nkind: Service\nmetadata: {{name: s{i}}}\nspec: {{type: NodePort, selector: {{app: x}}, ports: [{{port: 80}}]}}\n"
            )
        })
        .collect();
    let (world, _) = sim::world(&docs(&yaml));
    let mut seen = BTreeSet::new();
    for s in world.cluster.services.iter().filter(|s| !s.builtin) {
        let port = s.ports[0].node_port.expect("a node port");
        assert!((30086..=32767).contains(&port), "{}: {port}", s.name);
        assert!(seen.insert(port), "{port} given twice");
        assert!(
            s.cluster_ip.is_some(),
            "a NodePort Service keeps a ClusterIP"
        );
    }
}

#[test]
fn rule_1_7_an_explicit_free_node_port_in_range_is_used() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: np}
spec: {type: NodePort, selector: {app: x}, ports: [{port: 80, nodePort: 30000}]}
";
    let (world, diagnostics) = sim::world(yaml);
    assert_eq!(svc(&world, "np").ports[0].node_port, Some(30000));
    assert!(sim::with_code(&diagnostics, Code::PortClash).is_empty());
}

#[test]
fn rule_1_7_an_explicit_node_port_already_taken_is_refused() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: first}
spec: {type: NodePort, selector: {app: x}, ports: [{port: 80, nodePort: 30500}]}
---
apiVersion: v1
kind: Service
metadata: {name: second}
spec: {type: NodePort, selector: {app: x}, ports: [{port: 80, nodePort: 30500}]}
";
    let (world, diagnostics) = sim::world(yaml);
    assert_eq!(
        messages(&diagnostics, Code::PortClash),
        ["The Service \"second\" is invalid: spec.ports[0].nodePort: Invalid value: 30500: provided port is already allocated"]
    );
    assert_eq!(svc(&world, "first").ports[0].node_port, Some(30500));
    assert!(world.cluster.service("default", "second").is_none());
    assert_eq!(rejected_names(&world), ["second"]);
}

#[test]
fn rule_1_7_an_explicit_node_port_out_of_range_is_refused() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: np}
spec: {type: NodePort, selector: {app: x}, ports: [{port: 80, nodePort: 8080}]}
";
    let loaded = load(yaml);
    assert!(
        loaded.diagnostics.iter().any(|d| d.message.en
            == "The Service \"np\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767"),
        "{:#?}",
        loaded.diagnostics
    );
    // Refused: the Service is not created.
    let (world, _) = World::new(&loaded.objects);
    assert!(world.cluster.services.iter().all(|s| s.name != "np"));
    assert_eq!(world.cluster.rejected.len(), 1);
    assert_eq!(world.cluster.rejected[0].name, "np");
}

// ---------------------------------------------------------------------------------------
// 1.8 Every node opens the NodePort

const NODE_PORT_30000: &str = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080, nodePort: 30000}]
";

#[test]
fn rule_1_8_every_node_opens_the_node_port() {
    let (mut world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE1),
        NODE_PORT_30000.to_owned(),
    ]));
    for node in [NODE1, NODE2, MASTER] {
        let out = sim::play(
            &mut world,
            &format!("request: {{from: outside, to: \"{node}:30000\"}}"),
        );
        let r = &out.requests[0];
        assert!(r.delivered, "{node}: {r:#?}");
        assert_eq!(sim::reached(&out), ["web-1"]);
        // The receiving node's rules rewrite, then the packet crosses to the pod's node.
        assert_eq!(rewrite_node(r).as_deref(), Some(node));
        assert_eq!(
            hops_of(r, HopKind::Forward).len(),
            usize::from(node != NODE1)
        );
    }
}

#[test]
fn rule_1_8_the_node_port_answers_on_the_node_ip() {
    let (mut world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE1),
        NODE_PORT_30000.to_owned(),
    ]));
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"192.168.56.32:30000\"}",
    );
    assert!(out.requests[0].delivered, "{:#?}", out.requests[0]);
    assert_eq!(rewrite_node(&out.requests[0]).as_deref(), Some(NODE2));
}

// ---------------------------------------------------------------------------------------
// 1.9 LoadBalancer

const LB_WEB: &str = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
";

#[test]
fn rule_1_9_without_a_cloud_controller_the_load_balancer_stays_pending() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        LB_WEB.to_owned(),
    ]));
    assert_eq!(svc(&world, "web").load_balancer, LoadBalancer::Pending);
    let out = sim::play(&mut world, "request: {from: internet, to: \"lb/web:80\"}");
    assert!(!out.requests[0].delivered);
    // ClusterIP and NodePort still work.
    let out = sim::play(&mut world, "request: {from: pod/client2, to: \"web:80\"}");
    assert!(all_delivered(&out), "{out:#?}");
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"k8s-node2:web\"}",
    );
    assert!(all_delivered(&out), "{out:#?}");
}

#[test]
fn rule_1_9_a_cloud_controller_gives_the_load_balancer_an_address() {
    let (mut world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE1),
        LB_WEB.to_owned(),
        cloud_cluster(),
    ]));
    let LoadBalancer::Ready(address) = svc(&world, "web").load_balancer.clone() else {
        panic!("no address: {:?}", svc(&world, "web").load_balancer);
    };
    let out = sim::play(
        &mut world,
        &format!("request: {{from: internet, to: \"{address}:80\"}}"),
    );
    assert!(all_delivered(&out), "{out:#?}");
    assert_eq!(sim::reached(&out), ["web-1"]);
}

#[test]
fn rule_1_9_the_address_comes_from_status_load_balancer_ingress() {
    let yaml = "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80}]
status:
  loadBalancer:
    ingress: [{ip: 198.51.100.7}]
";
    let (world, _) = sim::world(yaml);
    assert_eq!(
        svc(&world, "web").load_balancer,
        LoadBalancer::Ready("198.51.100.7".to_owned())
    );
}

#[test]
fn rule_1_9_allocate_load_balancer_node_ports_false_skips_node_ports() {
    let (world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE1),
        "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: LoadBalancer
  allocateLoadBalancerNodePorts: false
  selector: {app: web}
  ports: [{port: 80}]
"
        .to_owned(),
        cloud_cluster(),
    ]));
    let s = svc(&world, "web");
    assert_eq!(s.ports[0].node_port, None);
    assert!(s.cluster_ip.is_some());
    assert!(matches!(s.load_balancer, LoadBalancer::Ready(_)));
}

// ---------------------------------------------------------------------------------------
// 1.10 LB path

#[test]
fn rule_1_10_the_path_is_client_load_balancer_node_pod() {
    let (mut world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE1),
        LB_WEB.to_owned(),
        cloud_cluster(),
    ]));
    let node_port = svc(&world, "web").ports[0].node_port.unwrap();
    let out = sim::play(
        &mut world,
        "request: {from: internet, to: \"lb/web:80\", count: 10}",
    );
    for r in &out.requests {
        assert!(r.delivered, "{r:#?}");
        let kinds: Vec<HopKind> = r.hops.iter().map(|h| h.kind).collect();
        assert_eq!(kinds[0], HopKind::Send);
        assert!(matches!(r.hops[0].to, Place::LoadBalancer { .. }));
        assert_eq!(kinds[1], HopKind::Balance);
        let node = node_name(&r.hops[1].to)
            .expect("the LB sends to a node")
            .to_owned();
        let node_ip = world.cluster.node(&node).unwrap().ip;
        assert_eq!(r.hops[1].address, format!("{node_ip}:{node_port}"));
        assert_eq!(kinds[2], HopKind::Rewrite);
        assert_eq!(rewrite_node(r).as_deref(), Some(node.as_str()));
        assert_eq!(*kinds.last().unwrap(), HopKind::Deliver);
    }
}

#[test]
fn rule_1_10_with_policy_cluster_every_healthy_node_is_a_target() {
    let (mut world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE1),
        LB_WEB.to_owned(),
        cloud_cluster(),
    ]));
    let out = sim::play(
        &mut world,
        "request: {from: internet, to: \"lb/web:80\", count: 40}",
    );
    assert!(all_delivered(&out));
    let targets: BTreeSet<String> = out
        .requests
        .iter()
        .filter_map(|r| {
            hops_of(r, HopKind::Balance)
                .first()
                .and_then(|h| node_name(&h.to).map(str::to_owned))
        })
        .collect();
    assert!(
        targets.contains(NODE1) && targets.contains(NODE2),
        "the LB should also use the node without a pod: {targets:?}"
    );
}

#[test]
fn rule_1_10_a_failed_node_is_not_a_target() {
    let (mut world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE1),
        LB_WEB.to_owned(),
        cloud_cluster(),
    ]));
    sim::play(&mut world, "failNode: k8s-node2");
    let out = sim::play(
        &mut world,
        "request: {from: internet, to: \"lb/web:80\", count: 30}",
    );
    assert!(all_delivered(&out), "{out:#?}");
    for r in &out.requests {
        let h = hops_of(r, HopKind::Balance);
        assert_ne!(node_name(&h[0].to), Some(NODE2));
    }
}

// ---------------------------------------------------------------------------------------
// 1.11 ExternalName

const EXTERNAL_NAME: &str = "apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  type: ExternalName
  externalName: github.github.io
";

#[test]
fn rule_1_11_external_name_has_no_cluster_ip_and_no_endpoints() {
    let (world, _) = sim::world(&with_clients(&[
        // A pod whose labels a selector could match: ExternalName ignores them.
        pod_on("web-1", "web", NODE1),
        "apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  type: ExternalName
  externalName: github.github.io
  selector: {app: web}
"
        .to_owned(),
    ]));
    let s = svc(&world, "ext");
    assert_eq!(s.cluster_ip, None);
    assert!(s.endpoints.is_empty(), "{:#?}", s.endpoints);
}

#[test]
fn rule_1_11_dns_answers_with_a_cname() {
    let (world, _) = sim::world(&with_clients(&[EXTERNAL_NAME.to_owned()]));
    assert_eq!(
        resolve(&world.cluster, "ext", "default"),
        Answer::Alias {
            fqdn: "ext.default.svc.cluster.local".to_owned(),
            namespace: "default".to_owned(),
            service: "ext".to_owned(),
            target: "github.github.io".to_owned(),
        }
    );
}

#[test]
fn rule_1_11_ports_are_not_remapped_and_kube_proxy_is_not_involved() {
    let (mut world, _) = sim::world(&with_clients(&["apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  type: ExternalName
  externalName: github.github.io
  ports: [{port: 80, targetPort: 8443}]
"
    .to_owned()]));
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"ext:80\"}");
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    assert!(hops_of(r, HopKind::Rewrite).is_empty());
    let last = r.hops.last().unwrap();
    assert_eq!(last.address, "github.github.io:80");
    assert_eq!(
        last.to,
        Place::External {
            host: "github.github.io".to_owned()
        }
    );
}

#[test]
fn rule_1_11_an_ip_looking_external_name_is_flagged() {
    let (_, diagnostics) = sim::world(&with_clients(&["apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: 203.0.113.5}
"
    .to_owned()]));
    assert!(!mentions(&diagnostics, Code::InvalidValue, "203.0.113.5").is_empty());
}

#[test]
fn rule_1_11_an_ip_looking_external_name_does_not_resolve() {
    let (mut world, _) = sim::world(&with_clients(&["apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: 203.0.113.5}
"
    .to_owned()]));
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"ext:80\"}");
    let r = &out.requests[0];
    assert!(
        !r.delivered,
        "the CNAME target 203.0.113.5 is a name that does not resolve, yet the request got through: {r:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// 1.12 Headless

const HEADLESS: &str = "apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 80, targetPort: 8080}]
";

#[test]
fn rule_1_12_a_headless_service_has_no_virtual_ip_and_resolves_to_pod_ips() {
    let (world, _) = sim::world(&with_clients(&[
        pod_on("db-1", "db", NODE1),
        pod_on("db-2", "db", NODE2),
        HEADLESS.to_owned(),
    ]));
    assert_eq!(svc(&world, "db").cluster_ip, None);
    let Answer::Pods { ips, .. } = resolve(&world.cluster, "db", "default") else {
        panic!("not a headless answer");
    };
    let ips: BTreeSet<Ipv4Addr> = ips.into_iter().collect();
    assert_eq!(
        ips,
        BTreeSet::from([ip_of(&world, "db-1"), ip_of(&world, "db-2")])
    );
}

#[test]
fn rule_1_12_clients_dial_the_pod_ip_and_port_directly() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("db-1", "db", NODE2),
        HEADLESS.to_owned(),
    ]));
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"db:80\"}");
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    assert!(
        hops_of(r, HopKind::Rewrite).is_empty(),
        "no kube-proxy rewrite: {r:#?}"
    );
    // targetPort 8080 is ignored: the client dials the port it asked for.
    assert_eq!(
        delivered_address(r),
        Some(format!("{}:80", ip_of(&world, "db-1")))
    );
}

#[test]
fn rule_1_12_a_selectorless_headless_service_serves_the_endpoints_you_create() {
    let base = [
        pod_on("db-1", "other", NODE2),
        "apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  ports: [{port: 5432}]
"
        .to_owned(),
    ];
    let (world, _) = sim::world(&with_clients(&base));
    assert!(
        svc(&world, "db").endpoints.is_empty(),
        "nothing is generated"
    );
    assert!(matches!(
        resolve(&world.cluster, "db", "default"),
        Answer::Pods { ips, .. } if ips.is_empty()
    ));
    let ip = ip_of(&world, "db-1");
    let slice = format!(
        "apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: db-manual
  labels: {{kubernetes.io/service-name: db}}
addressType: IPv4
ports: [{{port: 5432}}]
endpoints:
- addresses: [\"{ip}\"]
"
    );
    let mut parts = base.to_vec();
    parts.push(slice);
    let (mut world, _) = sim::world(&with_clients(&parts));
    assert_eq!(ip_of(&world, "db-1"), ip, "same pods, same IPs");
    match resolve(&world.cluster, "db", "default") {
        Answer::Pods { ips, .. } => assert_eq!(ips, vec![ip]),
        other => panic!("{other:?}"),
    }
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"db:5432\"}");
    assert_eq!(sim::reached(&out), ["db-1"]);
}

#[test]
fn rule_1_12_a_selectorless_headless_service_needs_target_port_equal_to_port() {
    let yaml = with_clients(&["apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  ports: [{port: 80, targetPort: 8080}]
"
    .to_owned()]);
    let loaded = load(&yaml);
    let (_, cluster_diagnostics) = World::new(&loaded.objects);
    assert!(
        loaded
            .diagnostics
            .iter()
            .chain(&cluster_diagnostics)
            .any(|d| d.message.en.contains("targetPort")),
        "targetPort 8080 != port 80 on a selectorless headless Service is not flagged"
    );
}

// ---------------------------------------------------------------------------------------
// 1.13 Services without selectors

const SELECTORLESS: &str = "apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  ports: [{port: 80, targetPort: 8080}]
";

/// A world with the clients, `web-1` on k8s-node2, the selectorless Service `ext`, and
/// `extra` (added last, so pod IPs do not depend on it).
fn selectorless_world(extra: &[String]) -> World {
    let mut parts = vec![pod_on("web-1", "web", NODE2), SELECTORLESS.to_owned()];
    parts.extend_from_slice(extra);
    sim::world(&with_clients(&parts)).0
}

#[test]
fn rule_1_13_a_selectorless_service_gets_no_endpoints_by_itself() {
    let mut world = selectorless_world(&[]);
    assert!(svc(&world, "ext").endpoints.is_empty());
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"ext:80\"}");
    assert!(!out.requests[0].delivered);
}

#[test]
fn rule_1_13_an_endpoint_slice_labelled_with_the_service_name_supplies_backends() {
    let ip = ip_of(&selectorless_world(&[]), "web-1");
    let slice = format!(
        "apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: any-name-at-all
  labels: {{kubernetes.io/service-name: ext}}
addressType: IPv4
ports: [{{port: 8080}}]
endpoints:
- addresses: [\"{ip}\"]
  nodeName: k8s-node2
"
    );
    let mut world = selectorless_world(&[slice]);
    assert_eq!(
        svc(&world, "ext")
            .endpoints
            .iter()
            .map(|e| e.ip)
            .collect::<Vec<_>>(),
        [ip]
    );
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"ext:80\"}");
    assert_eq!(sim::reached(&out), ["web-1"]);
    assert_eq!(
        delivered_address(&out.requests[0]),
        Some(format!("{ip}:8080"))
    );
}

#[test]
fn rule_1_13_an_endpoint_slice_without_the_label_is_not_attached() {
    let ip = ip_of(&selectorless_world(&[]), "web-1");
    let slice = format!(
        "apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ext
addressType: IPv4
ports: [{{port: 8080}}]
endpoints:
- addresses: [\"{ip}\"]
"
    );
    let world = selectorless_world(&[slice]);
    assert!(svc(&world, "ext").endpoints.is_empty());
}

#[test]
fn rule_1_13_legacy_endpoints_of_the_same_name_supply_backends() {
    let ip = ip_of(&selectorless_world(&[]), "web-1");
    let endpoints = format!(
        "apiVersion: v1
kind: Endpoints
metadata: {{name: ext}}
subsets:
- addresses: [{{ip: {ip}}}]
  ports: [{{port: 8080}}]
"
    );
    let mut world = selectorless_world(&[endpoints]);
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"ext:80\"}");
    assert_eq!(sim::reached(&out), ["web-1"]);
}

fn endpoint_ip_is_refused(ip: &str, extra: &[String]) {
    let slice = format!(
        "apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: ext-1
  labels: {{kubernetes.io/service-name: ext}}
addressType: IPv4
ports: [{{port: 8080}}]
endpoints:
- addresses: [\"{ip}\"]
"
    );
    let mut parts = vec![SELECTORLESS.to_owned(), slice];
    parts.extend_from_slice(extra);
    let yaml = with_clients(&parts);
    let loaded = load(&yaml);
    let (mut world, cluster_diagnostics) = World::new(&loaded.objects);
    let flagged = loaded
        .diagnostics
        .iter()
        .chain(&cluster_diagnostics)
        .any(|d| d.message.en.contains(ip));
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"ext:80\"}");
    assert!(
        flagged || !out.requests[0].delivered,
        "endpoint address {ip} is accepted without a word and used: {:#?}",
        out.requests[0]
    );
}

#[test]
fn rule_1_13_loopback_endpoint_ips_are_refused() {
    endpoint_ip_is_refused("127.0.0.1", &[]);
}

#[test]
fn rule_1_13_link_local_endpoint_ips_are_refused() {
    endpoint_ip_is_refused("169.254.10.10", &[]);
}

#[test]
fn rule_1_13_another_services_cluster_ip_is_refused_as_an_endpoint() {
    endpoint_ip_is_refused(
        "10.96.0.50",
        &["apiVersion: v1
kind: Service
metadata: {name: other}
spec: {clusterIP: 10.96.0.50, selector: {app: web}, ports: [{port: 8080}]}
"
        .to_owned()],
    );
}

// ---------------------------------------------------------------------------------------
// 1.14 EndpointSlices

#[test]
fn rule_1_14_endpoints_list_every_selected_pod_with_its_node() {
    let (world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        pod_on("web-2", "web", NODE2),
        pod_on("other", "other", NODE2),
        WEB_ON_NODE2.to_owned(),
    ]));
    let endpoints = &svc(&world, "web").endpoints;
    let mut listed: Vec<(String, String, Ipv4Addr)> = endpoints
        .iter()
        .map(|e| {
            (
                e.pod_name.clone().unwrap_or_default(),
                e.node.clone().unwrap_or_default(),
                e.ip,
            )
        })
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            ("web-1".to_owned(), NODE1.to_owned(), ip_of(&world, "web-1")),
            ("web-2".to_owned(), NODE2.to_owned(), ip_of(&world, "web-2")),
        ]
    );
    for e in endpoints {
        assert!(e.ready && e.serving && !e.terminating, "{e:?}");
    }
}

#[test]
fn rule_1_14_a_pod_without_an_ip_is_not_listed() {
    let (world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        pod_on("web-nowhere", "web", "no-such-node"),
        WEB_ON_NODE2.to_owned(),
    ]));
    assert_eq!(sim::pod(&world, "web-nowhere").ip, None);
    let names: Vec<String> = svc(&world, "web")
        .endpoints
        .iter()
        .filter_map(|e| e.pod_name.clone())
        .collect();
    assert_eq!(names, ["web-1"]);
}

#[test]
fn rule_1_14_terminal_pods_are_not_listed() {
    let (mut world, _) = sim::world(&with_clients(&[
        "apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
"
        .to_owned(),
        WEB_ON_NODE2.to_owned(),
    ]));
    assert_eq!(
        svc(&world, "web").endpoints.len(),
        1,
        "the running Job pod is listed"
    );
    sim::play(&mut world, "wait: 30s");
    let job_pod = sim::pods_of(&world, "batch")[0];
    assert_eq!(job_pod.phase.as_str(), "Succeeded");
    assert!(
        svc(&world, "web").endpoints.is_empty(),
        "{:#?}",
        svc(&world, "web").endpoints
    );
}

// ---------------------------------------------------------------------------------------
// 1.15 Readiness

/// web-1 on k8s-node1, web-2 on k8s-node2, a ClusterIP Service `web` and a headless `web-h`.
fn two_backends(extra_spec: &str) -> World {
    sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        pod_on("web-2", "web", NODE2),
        format!(
            "apiVersion: v1
kind: Service
metadata: {{name: web}}
spec:
  selector: {{app: web}}
  ports: [{{port: 80, targetPort: 8080}}]
{extra_spec}"
        ),
        format!(
            "apiVersion: v1
kind: Service
metadata: {{name: web-h}}
spec:
  clusterIP: None
  selector: {{app: web}}
  ports: [{{port: 80}}]
{extra_spec}"
        ),
    ]))
    .0
}

fn endpoint_of(world: &World, service: &str, pod: &str) -> kubeglass_core::cluster::Endpoint {
    svc(world, service)
        .endpoints
        .iter()
        .find(|e| e.pod_name.as_deref() == Some(pod))
        .unwrap_or_else(|| {
            panic!(
                "{pod} is not listed in {service}: {:#?}",
                svc(world, service).endpoints
            )
        })
        .clone()
}

#[test]
fn rule_1_15_a_not_ready_pod_stays_listed_with_ready_false() {
    let mut world = two_backends("");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 60s");
    assert!(!sim::pod(&world, "web-1").ready);
    let e = endpoint_of(&world, "web", "web-1");
    assert!(!e.ready && !e.serving && !e.terminating, "{e:?}");
    assert!(endpoint_of(&world, "web", "web-2").ready);
}

#[test]
fn rule_1_15_kube_proxy_sends_nothing_to_a_not_ready_pod() {
    let mut world = two_backends("");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 60s");
    let out = sim::play(
        &mut world,
        "request: {from: pod/client2, to: \"web:80\", count: 30}",
    );
    assert_only_reached(&out, "web-2");
}

#[test]
fn rule_1_15_headless_dns_omits_a_not_ready_pod() {
    let mut world = two_backends("");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 60s");
    match resolve(&world.cluster, "web-h", "default") {
        Answer::Pods { ips, .. } => assert_eq!(ips, [ip_of(&world, "web-2")]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn rule_1_15_a_terminating_not_ready_pod_is_listed_as_terminating_and_not_serving() {
    let mut world = two_backends("");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 60s");
    let out = sim::play(&mut world, "deletePod: web-1");
    assert!(out.applied);
    assert!(sim::pod(&world, "web-1").terminating);
    let e = endpoint_of(&world, "web", "web-1");
    assert!(!e.ready && e.terminating && !e.serving, "{e:?}");
}

#[test]
fn rule_1_15_a_terminating_pod_that_is_still_ready_is_serving() {
    // Deleted right after its node stopped: nothing has marked the pod NotReady yet (the
    // node controller does so only after the grace period), so its endpoint is
    // ready: false, terminating: true, serving: true.
    let mut world = two_backends("");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "deletePod: web-1");
    let e = endpoint_of(&world, "web", "web-1");
    assert!(!e.ready && e.terminating, "{e:?}");
    assert!(
        e.serving,
        "serving must follow the pod's Ready condition, still True: {e:?}"
    );
}

#[test]
fn rule_1_15_terminating_endpoints_get_nothing_while_a_ready_one_exists() {
    let mut world = two_backends("");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "deletePod: web-1");
    let out = sim::play(
        &mut world,
        "request: {from: pod/client2, to: \"web:80\", count: 30}",
    );
    assert_only_reached(&out, "web-2");
}

#[test]
fn rule_1_15_a_serving_terminating_endpoint_is_used_when_no_ready_one_exists() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        WEB_ON_NODE2.to_owned(),
    ]));
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "deletePod: web-1");
    let web1 = ip_of(&world, "web-1");
    let out = sim::play(&mut world, "request: {from: pod/client2, to: \"web:80\"}");
    let r = &out.requests[0];
    // kube-proxy falls back to the serving terminating endpoint instead of rejecting; the
    // packet then dies on the stopped node.
    let rewrite = hops_of(r, HopKind::Rewrite);
    assert!(
        !rewrite.is_empty() && rewrite[0].note.en.contains(&web1.to_string()),
        "kube-proxy should pick web-1 ({web1}), the only serving endpoint: {r:#?}"
    );
    assert_eq!(dropped_node(r).as_deref(), Some(NODE1), "{r:#?}");
}

// ---------------------------------------------------------------------------------------
// 1.16 publishNotReadyAddresses

#[test]
fn rule_1_16_not_ready_pods_are_published_as_ready() {
    let mut world = two_backends("  publishNotReadyAddresses: true\n");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 60s");
    assert!(!sim::pod(&world, "web-1").ready);
    assert!(endpoint_of(&world, "web", "web-1").ready);
    assert!(endpoint_of(&world, "web-h", "web-1").ready);
}

#[test]
fn rule_1_16_dns_answers_not_ready_pods() {
    let mut world = two_backends("  publishNotReadyAddresses: true\n");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 60s");
    match resolve(&world.cluster, "web-h", "default") {
        Answer::Pods { ips, .. } => {
            let ips: BTreeSet<Ipv4Addr> = ips.into_iter().collect();
            assert_eq!(
                ips,
                BTreeSet::from([ip_of(&world, "web-1"), ip_of(&world, "web-2")])
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn rule_1_16_kube_proxy_uses_not_ready_pods() {
    let mut world = two_backends("  publishNotReadyAddresses: true\n");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "wait: 60s");
    let out = sim::play(
        &mut world,
        "request: {from: pod/client2, to: \"web:80\", count: 30}",
    );
    let towards_web1 = out
        .requests
        .iter()
        .filter(|r| {
            hops_of(r, HopKind::Forward)
                .first()
                .is_some_and(|h| node_name(&h.to) == Some(NODE1))
        })
        .count();
    assert!(
        towards_web1 > 0,
        "kube-proxy never chose the not-ready web-1"
    );
    assert!(sim::reached(&out).iter().all(|p| p == "web-2"));
}

#[test]
fn rule_1_16_terminating_pods_are_still_published_as_ready() {
    // The EndpointSlice controller: ready = publishNotReadyAddresses || (serving && !terminating).
    let mut world = two_backends("  publishNotReadyAddresses: true\n");
    sim::play(&mut world, "failNode: k8s-node1");
    sim::play(&mut world, "deletePod: web-1");
    assert!(sim::pod(&world, "web-1").terminating);
    let e = endpoint_of(&world, "web", "web-1");
    assert!(e.terminating, "{e:?}");
    assert!(
        e.ready,
        "publishNotReadyAddresses publishes it as ready: {e:?}"
    );
}

// ---------------------------------------------------------------------------------------
// 1.17 Backend choice

#[test]
fn rule_1_17_each_connection_picks_a_random_ready_endpoint() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        pod_on("web-2", "web", NODE2),
        pod_on("web-3", "web", NODE2),
        WEB_ON_NODE2.to_owned(),
    ]));
    let out = sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"web:80\", count: 60}",
    );
    assert!(all_delivered(&out));
    let reached = sim::reached(&out);
    assert_eq!(distinct(&reached).len(), 3, "{reached:?}");
    // Not round-robin: with three backends a rotation never repeats a pod back to back.
    assert!(
        reached.windows(2).any(|w| w[0] == w[1]),
        "looks like round-robin: {reached:?}"
    );
}

#[test]
fn rule_1_17_a_chosen_pod_that_does_not_answer_is_not_retried() {
    let mut world = two_backends("");
    // web-1's node stops; its endpoint stays ready until the grace period ends.
    sim::play(&mut world, "failNode: k8s-node1");
    let out = sim::play(
        &mut world,
        "request: {from: pod/client2, to: \"web:80\", count: 40}",
    );
    let lost: Vec<&RequestOutcome> = out.requests.iter().filter(|r| !r.delivered).collect();
    assert!(!lost.is_empty(), "no request was sent to web-1");
    for r in &lost {
        assert_eq!(dropped_node(r).as_deref(), Some(NODE1), "{r:#?}");
        assert!(hops_of(r, HopKind::Deliver).is_empty());
        assert_eq!(hops_of(r, HopKind::Rewrite).len(), 1, "one choice only");
    }
    assert!(sim::reached(&out).iter().all(|p| p == "web-2"));
    assert!(out.requests.iter().any(|r| r.delivered));
}

// ---------------------------------------------------------------------------------------
// 1.18 No endpoints

#[test]
fn rule_1_18_a_service_without_endpoints_keeps_its_cluster_ip_and_dns_name() {
    let (world, _) = sim::world(&with_clients(&[WEB_ON_NODE2.to_owned()]));
    let s = svc(&world, "web");
    assert!(s.endpoints.is_empty());
    let ip = s.cluster_ip.expect("a ClusterIP");
    match resolve(&world.cluster, "web", "default") {
        Answer::ClusterIp { ip: answered, .. } => assert_eq!(answered, ip),
        other => panic!("{other:?}"),
    }
}

#[test]
fn rule_1_18_connections_fail_at_the_clients_node() {
    let (mut world, _) = sim::world(&with_clients(&[WEB_ON_NODE2.to_owned()]));
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"web:80\"}");
    let r = &out.requests[0];
    assert!(!r.delivered);
    assert_eq!(dropped_node(r).as_deref(), Some(NODE1), "{r:#?}");
    assert!(hops_of(r, HopKind::Forward).is_empty());
}

// ---------------------------------------------------------------------------------------
// 1.19 sessionAffinity

fn affinity_world(affinity: &str) -> World {
    sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE1),
        pod_on("web-2", "web", NODE2),
        pod_on("web-3", "web", NODE2),
        format!(
            "apiVersion: v1
kind: Service
metadata: {{name: web}}
spec:
  selector: {{app: web}}
  ports: [{{port: 80}}]
{affinity}"
        ),
    ]))
    .0
}

#[test]
fn rule_1_19_client_ip_affinity_sends_a_client_to_one_pod() {
    let mut world = affinity_world("  sessionAffinity: ClientIP\n");
    let out = sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"web:80\", count: 30}",
    );
    assert!(all_delivered(&out));
    assert_eq!(
        distinct(&sim::reached(&out)).len(),
        1,
        "{:?}",
        sim::reached(&out)
    );
    let out = sim::play(
        &mut world,
        "request: {from: pod/client2, to: \"web:80\", count: 30}",
    );
    assert_eq!(distinct(&sim::reached(&out)).len(), 1);
}

#[test]
fn rule_1_19_default_affinity_is_none() {
    let mut world = affinity_world("");
    assert!(!svc(&world, "web").spec.session_affinity);
    let out = sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"web:80\", count: 30}",
    );
    assert!(distinct(&sim::reached(&out)).len() > 1);
}

#[test]
fn rule_1_19_the_default_timeout_is_three_hours() {
    let mut world = affinity_world("  sessionAffinity: ClientIP\n");
    assert_eq!(svc(&world, "web").spec.affinity_timeout_seconds, 10_800);
    let first = sim::reached(&sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"web:80\"}",
    ));
    sim::play(&mut world, "wait: 2h59m");
    let later = sim::reached(&sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"web:80\", count: 10}",
    ));
    assert_eq!(distinct(&later), distinct(&first));
}

#[test]
fn rule_1_19_affinity_ends_when_the_timeout_expires() {
    let mut world = affinity_world(
        "  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 10}}\n",
    );
    let mut seen = Vec::new();
    for _ in 0..20 {
        seen.extend(sim::reached(&sim::play(
            &mut world,
            "request: {from: pod/client1, to: \"web:80\"}",
        )));
        sim::play(&mut world, "wait: 11s");
    }
    assert!(
        distinct(&seen).len() > 1,
        "never re-chosen after expiry: {seen:?}"
    );
}

#[test]
fn rule_1_19_the_timeout_counts_from_the_clients_last_connection() {
    // kube-proxy (iptables `recent --set` on every connection through the endpoint) keeps
    // refreshing the entry: a client that comes back every 6 s under a 10 s timeout stays put.
    let mut world = affinity_world(
        "  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 10}}\n",
    );
    let mut seen = Vec::new();
    for _ in 0..20 {
        seen.extend(sim::reached(&sim::play(
            &mut world,
            "request: {from: pod/client1, to: \"web:80\"}",
        )));
        sim::play(&mut world, "wait: 6s");
    }
    assert_eq!(distinct(&seen).len(), 1, "{seen:?}");
}

// ---------------------------------------------------------------------------------------
// 1.20 externalTrafficPolicy

fn node_port_world(pods: &[(&str, &str)], policy: &str) -> World {
    let mut parts: Vec<String> = pods
        .iter()
        .map(|(n, node)| pod_on(n, "web", node))
        .collect();
    parts.push(format!(
        "apiVersion: v1
kind: Service
metadata: {{name: web}}
spec:
  type: NodePort
  externalTrafficPolicy: {policy}
  selector: {{app: web}}
  ports: [{{port: 80, targetPort: 8080, nodePort: 30000}}]
"
    ));
    sim::world(&with_clients(&parts)).0
}

#[test]
fn rule_1_20_cluster_policy_forwards_to_a_pod_on_another_node() {
    let mut world = node_port_world(&[("web-1", NODE1)], "Cluster");
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"k8s-node2:30000\"}",
    );
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    let forward = hops_of(r, HopKind::Forward);
    assert_eq!(forward.len(), 1);
    assert_eq!(
        (node_name(&forward[0].from), node_name(&forward[0].to)),
        (Some(NODE2), Some(NODE1))
    );
}

#[test]
fn rule_1_20_local_policy_drops_on_a_node_without_endpoints() {
    let mut world = node_port_world(&[("web-1", NODE1)], "Local");
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"k8s-node2:30000\", count: 5}",
    );
    for r in &out.requests {
        assert!(!r.delivered);
        assert_eq!(dropped_node(r).as_deref(), Some(NODE2));
        assert!(hops_of(r, HopKind::Forward).is_empty());
    }
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"k8s-node1:30000\", count: 5}",
    );
    assert!(all_delivered(&out));
}

#[test]
fn rule_1_20_local_policy_uses_only_the_receiving_nodes_endpoints() {
    let mut world = node_port_world(&[("web-1", NODE1), ("web-2", NODE2)], "Local");
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"k8s-node1:30000\", count: 30}",
    );
    assert_only_reached(&out, "web-1");
    assert!(out
        .requests
        .iter()
        .all(|r| hops_of(r, HopKind::Forward).is_empty()));
}

#[test]
fn rule_1_20_local_policy_applies_to_external_ips() {
    for (policy, delivered) in [("Local", false), ("Cluster", true)] {
        let (mut world, _) = sim::world(&docs(&[
            pod_on("web-1", "web", NODE1),
            format!(
                "apiVersion: v1
kind: Service
metadata: {{name: web}}
spec:
  type: NodePort
  externalTrafficPolicy: {policy}
  externalIPs: [192.168.56.32]
  selector: {{app: web}}
  ports: [{{port: 80}}]
"
            ),
        ]));
        let out = sim::play(
            &mut world,
            "request: {from: outside, to: \"192.168.56.32:80\"}",
        );
        assert_eq!(
            out.requests[0].delivered, delivered,
            "{policy}: {:#?}",
            out.requests[0]
        );
    }
}

// ---------------------------------------------------------------------------------------
// 1.21 healthCheckNodePort

fn lb_world(policy: &str, pods: &[(&str, &str)], extra_spec: &str) -> World {
    let mut parts: Vec<String> = pods
        .iter()
        .map(|(n, node)| pod_on(n, "web", node))
        .collect();
    parts.push(format!(
        "apiVersion: v1
kind: Service
metadata: {{name: web}}
spec:
  type: LoadBalancer
  externalTrafficPolicy: {policy}
  selector: {{app: web}}
  ports: [{{port: 80, targetPort: 8080}}]
{extra_spec}"
    ));
    parts.push(cloud_cluster());
    sim::world(&with_clients(&parts)).0
}

#[test]
fn rule_1_21_load_balancer_with_local_policy_gets_a_health_check_node_port() {
    let world = lb_world("Local", &[("web-1", NODE1)], "");
    let s = svc(&world, "web");
    let health = s.health_check_node_port.expect("a healthCheckNodePort");
    assert!((30000..=32767).contains(&health));
    assert_ne!(Some(health), s.ports[0].node_port);
    let world = lb_world("Cluster", &[("web-1", NODE1)], "");
    assert_eq!(svc(&world, "web").health_check_node_port, None);
    let world = node_port_world(&[("web-1", NODE1)], "Local");
    assert_eq!(svc(&world, "web").health_check_node_port, None);
}

#[test]
fn rule_1_21_an_explicit_health_check_node_port_is_used() {
    let world = lb_world(
        "Local",
        &[("web-1", NODE1)],
        "  healthCheckNodePort: 32000\n",
    );
    assert_eq!(svc(&world, "web").health_check_node_port, Some(32000));
}

#[test]
fn rule_1_21_the_load_balancer_sends_only_to_nodes_with_a_local_endpoint() {
    let mut world = lb_world("Local", &[("web-1", NODE1)], "");
    let out = sim::play(
        &mut world,
        "request: {from: internet, to: \"lb/web:80\", count: 30}",
    );
    assert!(all_delivered(&out), "{out:#?}");
    for r in &out.requests {
        assert_eq!(node_name(&hops_of(r, HopKind::Balance)[0].to), Some(NODE1));
        assert!(hops_of(r, HopKind::Forward).is_empty());
    }
}

// ---------------------------------------------------------------------------------------
// 1.22 In-cluster clients and external policies

#[test]
fn rule_1_22_in_cluster_traffic_to_a_load_balancer_ip_gets_cluster_semantics() {
    let mut world = lb_world("Local", &[("web-1", NODE1)], "");
    let LoadBalancer::Ready(address) = svc(&world, "web").load_balancer.clone() else {
        panic!("no LB address");
    };
    let out = sim::play(
        &mut world,
        &format!("request: {{from: pod/client2, to: \"{address}:80\", count: 5}}"),
    );
    for r in &out.requests {
        assert!(r.delivered, "{r:#?}");
        assert!(
            hops_of(r, HopKind::Balance).is_empty(),
            "kube-proxy short-circuits the LB"
        );
        assert_eq!(rewrite_node(r).as_deref(), Some(NODE2));
    }
}

#[test]
fn rule_1_22_in_cluster_traffic_to_a_node_port_is_subject_to_the_policy() {
    let mut world = node_port_world(&[("web-1", NODE1)], "Local");
    let out = sim::play(
        &mut world,
        "request: {from: pod/client2, to: \"k8s-node2:30000\"}",
    );
    assert!(!out.requests[0].delivered);
    assert_eq!(dropped_node(&out.requests[0]).as_deref(), Some(NODE2));
    let out = sim::play(
        &mut world,
        "request: {from: pod/client2, to: \"k8s-node1:30000\"}",
    );
    assert!(out.requests[0].delivered);
}

#[test]
fn rule_1_22_in_cluster_traffic_to_an_external_ip_gets_cluster_semantics() {
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE2),
        "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  externalIPs: [192.168.56.31]
  selector: {app: web}
  ports: [{port: 80}]
"
        .to_owned(),
    ]));
    let out = sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"192.168.56.31:80\", count: 5}",
    );
    assert!(all_delivered(&out), "{out:#?}");
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"192.168.56.31:80\"}",
    );
    assert!(!out.requests[0].delivered, "from outside, Local applies");
}

// ---------------------------------------------------------------------------------------
// 1.23 internalTrafficPolicy

fn itp_world(pods: &[(&str, &str)], policy: &str) -> World {
    let mut parts: Vec<String> = pods
        .iter()
        .map(|(n, node)| pod_on(n, "web", node))
        .collect();
    parts.push(format!(
        "apiVersion: v1
kind: Service
metadata: {{name: web}}
spec:
  type: NodePort
  internalTrafficPolicy: {policy}
  selector: {{app: web}}
  ports: [{{port: 80, nodePort: 30000}}]
"
    ));
    sim::world(&with_clients(&parts)).0
}

#[test]
fn rule_1_23_internal_policy_cluster_uses_every_ready_endpoint() {
    let mut world = itp_world(&[("web-1", NODE1), ("web-2", NODE2)], "Cluster");
    let out = sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"web:80\", count: 30}",
    );
    assert_eq!(distinct(&sim::reached(&out)).len(), 2);
}

#[test]
fn rule_1_23_internal_policy_local_uses_only_the_clients_node() {
    let mut world = itp_world(&[("web-1", NODE1), ("web-2", NODE2)], "Local");
    let out = sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"web:80\", count: 30}",
    );
    assert_only_reached(&out, "web-1");
    let ip = svc(&world, "web").cluster_ip.unwrap();
    let out = sim::play(
        &mut world,
        &format!("request: {{from: node/k8s-node2, to: \"{ip}:80\", count: 20}}"),
    );
    assert_eq!(
        distinct(&sim::reached(&out)),
        BTreeSet::from(["web-2".to_owned()])
    );
}

#[test]
fn rule_1_23_internal_policy_local_drops_when_the_clients_node_has_none() {
    let mut world = itp_world(&[("web-2", NODE2)], "Local");
    let out = sim::play(&mut world, "request: {from: pod/client1, to: \"web:80\"}");
    let r = &out.requests[0];
    assert!(!r.delivered);
    assert_eq!(dropped_node(r).as_deref(), Some(NODE1));
}

#[test]
fn rule_1_23_internal_policy_does_not_apply_to_node_port_traffic() {
    let mut world = itp_world(&[("web-2", NODE2)], "Local");
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"k8s-node1:30000\"}",
    );
    assert!(out.requests[0].delivered, "{:#?}", out.requests[0]);
}

// ---------------------------------------------------------------------------------------
// 1.24 externalIPs

#[test]
fn rule_1_24_external_ips_work_on_a_cluster_ip_service() {
    let (mut world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE2),
        "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  externalIPs: [192.168.56.31]
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
"
        .to_owned(),
    ]));
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"192.168.56.31:80\"}",
    );
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    assert_eq!(rewrite_node(r).as_deref(), Some(NODE1));
    assert_eq!(sim::reached(&out), ["web-1"]);
}

#[test]
fn rule_1_24_kubernetes_does_not_route_external_ips_to_nodes() {
    let (mut world, _) = sim::world(&docs(&[
        pod_on("web-1", "web", NODE2),
        "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  externalIPs: [203.0.113.77]
  selector: {app: web}
  ports: [{port: 80}]
"
        .to_owned(),
    ]));
    let out = sim::play(
        &mut world,
        "request: {from: outside, to: \"203.0.113.77:80\"}",
    );
    assert!(!out.requests[0].delivered);
}

#[test]
fn rule_1_24_a_pods_own_node_handles_traffic_to_an_external_ip() {
    // kube-proxy installs externalIP rules on every node, so a packet from a pod to
    // externalIP:port is rewritten on the pod's own node, whether or not the network
    // routes that address anywhere.
    let (mut world, _) = sim::world(&with_clients(&[
        pod_on("web-1", "web", NODE2),
        "apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  externalIPs: [203.0.113.77]
  selector: {app: web}
  ports: [{port: 80}]
"
        .to_owned(),
    ]));
    let out = sim::play(
        &mut world,
        "request: {from: pod/client1, to: \"203.0.113.77:80\"}",
    );
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    assert_eq!(rewrite_node(r).as_deref(), Some(NODE1));
}

fn messages(diagnostics: &[Diagnostic], code: Code) -> Vec<String> {
    sim::with_code(diagnostics, code)
        .iter()
        .map(|d| d.message.en.clone())
        .collect()
}

fn rejected_names(world: &World) -> Vec<String> {
    world
        .cluster
        .rejected
        .iter()
        .map(|r| r.name.clone())
        .collect()
}
