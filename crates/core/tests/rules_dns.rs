//! Rules 2.1–2.8 of `docs/k8s-semantics.md` (DNS and namespaces), checked against the
//! simulation.

#[path = "support/sim.rs"]
mod sim;

use kubeglass_core::cluster::dns::{candidates, names_of, resolve, Answer};
use kubeglass_core::diagnostic::Code;
use kubeglass_core::sim::{HopKind, Outcome, Place, World};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

const NODE1: &str = "k8s-node1";
const NODE2: &str = "k8s-node2";

/// A bare pod in `namespace`, labelled `app: <app>`, pinned to `node`; `spec_extra` is added
/// to its spec (indented by two spaces).
fn pod(namespace: &str, name: &str, app: &str, node: &str, spec_extra: &str) -> String {
    format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: {namespace}
  labels: {{app: {app}}}
spec:
  nodeSelector: {{kubernetes.io/hostname: {node}}}
{spec_extra}  containers:
  - name: c
    image: nginx
"
    )
}

fn service(namespace: &str, name: &str, app: &str, spec_extra: &str) -> String {
    format!(
        "apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {namespace}
spec:
  selector: {{app: {app}}}
  ports: [{{port: 80, targetPort: 8080}}]
{spec_extra}"
    )
}

fn docs(parts: &[String]) -> String {
    parts.join("---\n")
}

fn world(parts: &[String]) -> World {
    sim::world(&docs(parts)).0
}

fn pod_ip(world: &World, namespace: &str, name: &str) -> Ipv4Addr {
    world
        .cluster
        .pod(namespace, name)
        .unwrap_or_else(|| panic!("no pod {namespace}/{name}"))
        .ip
        .expect("the pod has an IP")
}

fn cluster_ip(world: &World, namespace: &str, name: &str) -> Ipv4Addr {
    world
        .cluster
        .service(namespace, name)
        .unwrap_or_else(|| panic!("no service {namespace}/{name}"))
        .cluster_ip
        .expect("a ClusterIP")
}

/// The addresses `name` resolves to from `namespace` (empty when it does not resolve).
fn addresses(world: &World, name: &str, namespace: &str) -> BTreeSet<Ipv4Addr> {
    match resolve(&world.cluster, name, namespace) {
        Answer::ClusterIp { ip, .. } | Answer::PodAddress { ip, .. } => BTreeSet::from([ip]),
        Answer::Pods { ips, .. } => ips.into_iter().collect(),
        Answer::Alias { .. } | Answer::NotFound { .. } => BTreeSet::new(),
    }
}

fn is_not_found(world: &World, name: &str, namespace: &str) -> bool {
    matches!(
        resolve(&world.cluster, name, namespace),
        Answer::NotFound { .. }
    )
}

fn first_hop_is_dns(o: &Outcome) -> bool {
    o.requests[0]
        .hops
        .first()
        .is_some_and(|h| h.kind == HopKind::Dns)
}

// ---------------------------------------------------------------------------------------
// 2.1 Service names

#[test]
fn rule_2_1_a_service_fqdn_resolves_to_its_cluster_ip() {
    let w = world(&[
        pod("default", "web-1", "web", NODE1, ""),
        service("default", "web", "web", ""),
    ]);
    let ip = cluster_ip(&w, "default", "web");
    match resolve(&w.cluster, "web.default.svc.cluster.local", "default") {
        Answer::ClusterIp {
            fqdn, ip: answered, ..
        } => {
            assert_eq!(fqdn, "web.default.svc.cluster.local");
            assert_eq!(answered, ip);
        }
        other => panic!("{other:?}"),
    }
    // The same answer from any namespace.
    assert_eq!(
        addresses(&w, "web.default.svc.cluster.local", "kube-system"),
        BTreeSet::from([ip])
    );
}

#[test]
fn rule_2_1_a_headless_service_fqdn_resolves_to_its_ready_pod_ips() {
    let w = world(&[
        pod("default", "db-1", "db", NODE1, ""),
        pod("default", "db-2", "db", NODE2, ""),
        pod("default", "other", "other", NODE2, ""),
        service("default", "db", "db", "  clusterIP: None\n"),
    ]);
    assert_eq!(
        addresses(&w, "db.default.svc.cluster.local", "default"),
        BTreeSet::from([pod_ip(&w, "default", "db-1"), pod_ip(&w, "default", "db-2")])
    );
}

#[test]
fn rule_2_1_a_request_by_fqdn_asks_kube_dns_then_reaches_the_service() {
    let mut w = world(&[
        pod("default", "client", "client", NODE1, ""),
        pod("default", "web-1", "web", NODE2, ""),
        service("default", "web", "web", ""),
    ]);
    let ip = cluster_ip(&w, "default", "web");
    let out = sim::play(
        &mut w,
        "request: {from: pod/client, to: \"web.default.svc.cluster.local:80\"}",
    );
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    assert!(first_hop_is_dns(&out));
    // CoreDNS answers behind the kube-dns Service, the tenth address of the range.
    assert_eq!(
        r.hops[0].to,
        Place::Dns {
            ip: "10.96.0.10".to_owned()
        }
    );
    assert!(r.hops[0].note.en.contains(&ip.to_string()));
    assert_eq!(sim::reached(&out), ["web-1"]);
}

// ---------------------------------------------------------------------------------------
// 2.2 SRV records

#[test]
fn rule_2_2_each_named_port_gets_an_srv_name() {
    let w = world(&["apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80}
  - {name: dns, port: 53, protocol: UDP}
"
    .to_owned()]);
    let s = w.cluster.service("default", "web").unwrap();
    let names = names_of(&w.cluster, s);
    assert!(names.contains(&"web.default.svc.cluster.local".to_owned()));
    assert!(
        names.contains(&"_http._tcp.web.default.svc.cluster.local".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"_dns._udp.web.default.svc.cluster.local".to_owned()),
        "{names:?}"
    );
}

#[test]
fn rule_2_2_an_unnamed_port_gets_no_srv_name() {
    let w = world(&[service("default", "web", "web", "")]);
    let s = w.cluster.service("default", "web").unwrap();
    let names = names_of(&w.cluster, s);
    assert_eq!(names, ["web.default.svc.cluster.local"]);
}

// ---------------------------------------------------------------------------------------
// 2.3 Pod A records

#[test]
fn rule_2_3_a_dashed_pod_ip_name_resolves_to_the_pod() {
    let mut w = world(&[
        pod("default", "client", "client", NODE1, ""),
        pod("shop", "web-1", "web", NODE2, ""),
    ]);
    let ip = pod_ip(&w, "shop", "web-1");
    let name = format!(
        "{}.shop.pod.cluster.local",
        ip.to_string().replace('.', "-")
    );
    assert_eq!(addresses(&w, &name, "default"), BTreeSet::from([ip]));
    let out = sim::play(
        &mut w,
        &format!("request: {{from: pod/client, to: \"{name}:8080\"}}"),
    );
    assert_eq!(sim::reached(&out), ["web-1"]);
}

#[test]
fn rule_2_3_insecure_mode_answers_any_well_formed_name() {
    let w = world(&[pod("default", "client", "client", NODE1, "")]);
    // No pod has 10.1.2.3, and the namespace does not exist: `pods insecure` answers anyway.
    assert!(matches!(
        resolve(&w.cluster, "10-1-2-3.nowhere.pod.cluster.local", "default"),
        Answer::PodAddress { ip, .. } if ip == Ipv4Addr::new(10, 1, 2, 3)
    ));
    // A name that spells no IPv4 address is not well formed.
    assert!(is_not_found(
        &w,
        "300-1-2-3.default.pod.cluster.local",
        "default"
    ));
    assert!(is_not_found(
        &w,
        "web-1.default.pod.cluster.local",
        "default"
    ));
}

// ---------------------------------------------------------------------------------------
// 2.4 hostname/subdomain

fn headless(namespace: &str, name: &str, app: &str, spec_extra: &str) -> String {
    service(
        namespace,
        name,
        app,
        &format!("  clusterIP: None\n{spec_extra}"),
    )
}

#[test]
fn rule_2_4_hostname_and_subdomain_give_the_pod_a_name() {
    let w = world(&[
        pod(
            "shop",
            "pod4",
            "db",
            NODE1,
            "  hostname: pod-a\n  subdomain: db\n",
        ),
        pod(
            "shop",
            "pod5",
            "db",
            NODE2,
            "  hostname: pod-b\n  subdomain: db\n",
        ),
        headless("shop", "db", "db", ""),
    ]);
    assert_eq!(
        addresses(&w, "pod-a.db.shop.svc.cluster.local", "default"),
        BTreeSet::from([pod_ip(&w, "shop", "pod4")])
    );
    assert_eq!(
        addresses(&w, "pod-b.db", "shop"),
        BTreeSet::from([pod_ip(&w, "shop", "pod5")])
    );
    let s = w.cluster.service("shop", "db").unwrap();
    let names = names_of(&w.cluster, s);
    assert!(names.contains(&"pod-a.db.shop.svc.cluster.local".to_owned()));
}

#[test]
fn rule_2_4_the_hostname_is_metadata_name_unless_spec_hostname_is_set() {
    let w = world(&[
        pod("default", "plain", "db", NODE1, ""),
        pod("default", "named", "db", NODE1, "  hostname: custom\n"),
    ]);
    assert_eq!(w.cluster.pod("default", "plain").unwrap().hostname, "plain");
    assert_eq!(
        w.cluster.pod("default", "named").unwrap().hostname,
        "custom"
    );
}

#[test]
fn rule_2_4_without_hostname_only_the_service_record_includes_the_pod() {
    let w = world(&[
        pod("default", "pod6", "db", NODE1, "  subdomain: db\n"),
        headless("default", "db", "db", ""),
    ]);
    let ip = pod_ip(&w, "default", "pod6");
    assert_eq!(addresses(&w, "db", "default"), BTreeSet::from([ip]));
    assert!(
        is_not_found(&w, "pod6.db.default.svc.cluster.local", "default"),
        "a pod without spec.hostname gets no hostname record: {:?}",
        resolve(&w.cluster, "pod6.db.default.svc.cluster.local", "default")
    );
}

#[test]
fn rule_2_4_the_subdomain_needs_a_headless_service_of_that_name_in_the_namespace() {
    let w = world(&[
        pod(
            "default",
            "pod4",
            "db",
            NODE1,
            "  hostname: pod-a\n  subdomain: missing\n",
        ),
        // Same name, other namespace: does not count.
        headless("other", "missing", "db", ""),
    ]);
    assert!(is_not_found(
        &w,
        "pod-a.missing.default.svc.cluster.local",
        "default"
    ));
}

#[test]
fn rule_2_4_the_pod_must_be_ready() {
    let mut w = world(&[
        pod(
            "default",
            "pod4",
            "db",
            NODE1,
            "  hostname: pod-a\n  subdomain: db\n",
        ),
        headless("default", "db", "db", ""),
    ]);
    assert!(!is_not_found(
        &w,
        "pod-a.db.default.svc.cluster.local",
        "default"
    ));
    sim::play(&mut w, "failNode: k8s-node1");
    sim::play(&mut w, "wait: 60s");
    assert!(is_not_found(
        &w,
        "pod-a.db.default.svc.cluster.local",
        "default"
    ));
}

#[test]
fn rule_2_4_publish_not_ready_addresses_keeps_the_name_of_a_not_ready_pod() {
    let mut w = world(&[
        pod(
            "default",
            "pod4",
            "db",
            NODE1,
            "  hostname: pod-a\n  subdomain: db\n",
        ),
        headless("default", "db", "db", "  publishNotReadyAddresses: true\n"),
    ]);
    let ip = pod_ip(&w, "default", "pod4");
    sim::play(&mut w, "failNode: k8s-node1");
    sim::play(&mut w, "wait: 60s");
    assert!(!w.cluster.pod("default", "pod4").unwrap().ready);
    assert_eq!(
        addresses(&w, "pod-a.db.default.svc.cluster.local", "default"),
        BTreeSet::from([ip])
    );
}

// ---------------------------------------------------------------------------------------
// 2.5 StatefulSet names

fn stateful_set(namespace: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: StatefulSet
metadata: {{name: web, namespace: {namespace}}}
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels: {{app: nginx}}
  template:
    metadata:
      labels: {{app: nginx}}
    spec:
      containers:
      - name: nginx
        image: nginx
"
    )
}

#[test]
fn rule_2_5_stateful_set_pods_get_stable_dns_names() {
    let w = world(&[
        stateful_set("default"),
        headless("default", "nginx", "nginx", ""),
    ]);
    for ordinal in 0..2 {
        let name = format!("web-{ordinal}");
        let p = w
            .cluster
            .pod("default", &name)
            .expect("the StatefulSet pod");
        assert_eq!(p.hostname, name);
        assert_eq!(p.subdomain.as_deref(), Some("nginx"));
        assert_eq!(
            addresses(
                &w,
                &format!("{name}.nginx.default.svc.cluster.local"),
                "default"
            ),
            BTreeSet::from([pod_ip(&w, "default", &name)])
        );
    }
}

#[test]
fn rule_2_5_without_the_governing_service_there_is_no_name() {
    let (w, diagnostics) = sim::world(&stateful_set("default"));
    assert!(w.cluster.pod("default", "web-0").is_some());
    assert!(is_not_found(
        &w,
        "web-0.nginx.default.svc.cluster.local",
        "default"
    ));
    assert!(sim::with_code(&diagnostics, Code::MissingReference)
        .iter()
        .any(|d| d.message.en.contains("nginx")));
}

// ---------------------------------------------------------------------------------------
// 2.6 Short names

fn two_namespaces() -> World {
    world(&[
        pod("default", "client", "client", NODE1, ""),
        pod("prod", "client", "client", NODE2, ""),
        pod("prod", "data-1", "data", NODE2, ""),
        service("prod", "data", "data", ""),
    ])
}

#[test]
fn rule_2_6_short_names_resolve_only_in_the_pods_namespace() {
    let mut w = two_namespaces();
    let ip = cluster_ip(&w, "prod", "data");
    assert_eq!(addresses(&w, "data", "prod"), BTreeSet::from([ip]));
    assert!(is_not_found(&w, "data", "default"));
    let out = sim::play(&mut w, "request: {from: pod/client, to: \"data:80\"}");
    assert!(!out.requests[0].delivered);
    assert!(matches!(
        out.requests[0].dropped_at,
        Some(Place::Dns { .. })
    ));
    let out = sim::play(&mut w, "request: {from: prod/pod/client, to: \"data:80\"}");
    assert_eq!(sim::reached(&out), ["data-1"]);
}

#[test]
fn rule_2_6_name_dot_namespace_reaches_another_namespace() {
    let mut w = two_namespaces();
    let ip = cluster_ip(&w, "prod", "data");
    assert_eq!(addresses(&w, "data.prod", "default"), BTreeSet::from([ip]));
    let out = sim::play(&mut w, "request: {from: pod/client, to: \"data.prod:80\"}");
    assert_eq!(sim::reached(&out), ["data-1"]);
}

#[test]
fn rule_2_6_the_fqdn_has_svc_in_it() {
    let w = two_namespaces();
    let ip = cluster_ip(&w, "prod", "data");
    assert_eq!(
        addresses(&w, "data.prod.svc.cluster.local", "default"),
        BTreeSet::from([ip])
    );
    assert_eq!(
        addresses(&w, "data.prod.svc", "default"),
        BTreeSet::from([ip])
    );
    assert!(is_not_found(&w, "data.prod.cluster.local", "default"));
}

#[test]
fn rule_2_6_the_search_path_is_the_namespace_then_svc_then_the_domain() {
    assert_eq!(
        candidates("data", "shop"),
        [
            "data.shop.svc.cluster.local",
            "data.svc.cluster.local",
            "data.cluster.local",
            "data",
        ]
    );
    // ndots:5: a name with five dots is tried as it is first.
    assert_eq!(
        candidates("a.b.c.d.e.f", "shop")
            .first()
            .map(String::as_str),
        Some("a.b.c.d.e.f")
    );
}

#[test]
fn rule_2_6_a_trailing_dot_skips_the_search_path() {
    // `data.` is absolute: the resolver asks for `data` at the root, never for
    // `data.<ns>.svc.cluster.local`.
    let w = two_namespaces();
    assert!(
        is_not_found(&w, "data.", "prod"),
        "{:?}",
        resolve(&w.cluster, "data.", "prod")
    );
    assert!(!is_not_found(&w, "data.prod.svc.cluster.local.", "default"));
}

// ---------------------------------------------------------------------------------------
// 2.7 DNS policy

fn policy_world(spec_extra: &str) -> World {
    world(&[
        pod("default", "asker", "client", NODE1, spec_extra),
        pod("default", "web-1", "web", NODE2, ""),
        service("default", "web", "web", ""),
    ])
}

#[test]
fn rule_2_7_pods_use_cluster_dns_by_default() {
    let mut w = policy_world("");
    let out = sim::play(&mut w, "request: {from: pod/asker, to: \"web:80\"}");
    assert!(first_hop_is_dns(&out));
    assert_eq!(sim::reached(&out), ["web-1"]);
}

#[test]
fn rule_2_7_a_host_network_pod_with_cluster_first_with_host_net_uses_cluster_dns() {
    let mut w = policy_world("  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet\n");
    let out = sim::play(&mut w, "request: {from: pod/asker, to: \"web:80\"}");
    assert_eq!(sim::reached(&out), ["web-1"]);
}

#[test]
fn rule_2_7_a_host_network_pod_without_cluster_first_with_host_net_does_not_use_cluster_dns() {
    // With hostNetwork, ClusterFirst falls back to the node's resolver (as `Default`).
    let mut w = policy_world("  hostNetwork: true\n");
    let out = sim::play(&mut w, "request: {from: pod/asker, to: \"web:80\"}");
    assert!(
        !out.requests[0].delivered,
        "a hostNetwork pod resolved a cluster name: {:#?}",
        out.requests[0]
    );
}

#[test]
fn rule_2_7_dns_policy_default_uses_the_nodes_resolver() {
    let mut w = policy_world("  dnsPolicy: Default\n");
    let out = sim::play(&mut w, "request: {from: pod/asker, to: \"web:80\"}");
    assert!(
        !out.requests[0].delivered,
        "a dnsPolicy: Default pod resolved a cluster name: {:#?}",
        out.requests[0]
    );
}

#[test]
fn rule_2_7_nodes_do_not_use_cluster_dns() {
    let mut w = policy_world("");
    let out = sim::play(&mut w, "request: {from: node/k8s-node1, to: \"web:80\"}");
    assert!(!out.requests[0].delivered);
    let ip = cluster_ip(&w, "default", "web");
    let out = sim::play(
        &mut w,
        &format!("request: {{from: node/k8s-node1, to: \"{ip}:80\"}}"),
    );
    assert_eq!(sim::reached(&out), ["web-1"]);
}

// ---------------------------------------------------------------------------------------
// 2.8 Namespaces do not isolate traffic

#[test]
fn rule_2_8_pods_reach_pod_ips_in_other_namespaces_without_nat() {
    let mut w = two_namespaces();
    let ip = pod_ip(&w, "prod", "data-1");
    let out = sim::play(
        &mut w,
        &format!("request: {{from: pod/client, to: \"{ip}:8080\"}}"),
    );
    let r = &out.requests[0];
    assert!(r.delivered, "{r:#?}");
    assert_eq!(sim::reached(&out), ["data-1"]);
    assert!(r.hops.iter().all(|h| h.kind != HopKind::Rewrite));
    assert!(r.hops.iter().all(|h| h.address == format!("{ip}:8080")));
}

#[test]
fn rule_2_8_pods_reach_cluster_ips_in_other_namespaces() {
    let mut w = two_namespaces();
    let ip = cluster_ip(&w, "prod", "data");
    let out = sim::play(
        &mut w,
        &format!("request: {{from: pod/client, to: \"{ip}:80\"}}"),
    );
    assert_eq!(sim::reached(&out), ["data-1"]);
    let out = sim::play(
        &mut w,
        "request: {from: pod/client, to: \"data.prod.svc.cluster.local:80\"}",
    );
    assert_eq!(sim::reached(&out), ["data-1"]);
}

#[test]
fn rule_2_8_a_policy_isolates_only_the_pods_it_selects() {
    let mut w = world(&[
        pod("default", "client", "client", NODE1, ""),
        pod("prod", "web-1", "web", NODE2, ""),
        pod("prod", "db-1", "db", NODE2, ""),
        "apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-deny-all, namespace: prod}
spec:
  podSelector:
    matchLabels: {app: db}
  policyTypes: [Ingress]
"
        .to_owned(),
    ]);
    let ip = pod_ip(&w, "prod", "web-1");
    let out = sim::play(
        &mut w,
        &format!("request: {{from: pod/client, to: \"{ip}:8080\"}}"),
    );
    assert_eq!(sim::reached(&out), ["web-1"]);
}

#[test]
fn a_pods_own_names_are_its_a_record_and_its_headless_hostname() {
    let (world, _) = sim::world(
        "\
apiVersion: v1
kind: Pod
metadata: {name: pod-a, labels: {svc: headless}}
spec:
  hostname: pod-a
  subdomain: headless1
  containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: headless1}
spec: {clusterIP: None, selector: {svc: headless}, ports: [{port: 80, targetPort: 8080}]}
",
    );
    let pod = sim::pod(&world, "pod-a");
    let names = kubeglass_core::cluster::dns::names_of_pod(&world.cluster, pod);
    let ip = pod.ip.unwrap().to_string().replace('.', "-");
    assert_eq!(
        names,
        [
            format!("{ip}.default.pod.cluster.local"),
            "pod-a.headless1.default.svc.cluster.local".to_owned()
        ]
    );
}
