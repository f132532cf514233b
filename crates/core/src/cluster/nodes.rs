//! The cluster's nodes: from Node objects, else the Scenario's `spec.cluster.nodes`, else the
//! lecture's default cluster (a tainted control plane and two workers).

use super::ipam::pod_cidr;
use super::state::Node;
use crate::model::{Body, Labels, NodeSpec, Object, Resources, Taint, TaintEffect};
use crate::scenario::NodeTemplate;
use std::net::Ipv4Addr;

const GI: i64 = 1 << 30;
const MI: i64 = 1 << 20;
/// The kubelet's default hard eviction threshold, held back from allocatable memory.
const EVICTION_RESERVE: i64 = 100 * MI;
/// The kubelet's default pod limit.
const MAX_PODS: i64 = 110;

/// The kubeadm control-plane taint (rule 4.5).
pub fn control_plane_taint() -> Taint {
    Taint {
        key: "node-role.kubernetes.io/control-plane".to_owned(),
        value: String::new(),
        effect: TaintEffect::NoSchedule,
    }
}

fn base_labels(name: &str) -> Labels {
    [
        ("kubernetes.io/hostname", name),
        ("kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn node(
    index: usize,
    name: &str,
    ip: Ipv4Addr,
    cpu_milli: i64,
    memory: i64,
    control_plane: bool,
) -> Node {
    let mut labels = base_labels(name);
    let mut taints = Vec::new();
    if control_plane {
        labels.insert(
            "node-role.kubernetes.io/control-plane".to_owned(),
            String::new(),
        );
        taints.push(control_plane_taint());
    }
    Node {
        name: name.to_owned(),
        ip,
        labels,
        taints,
        unschedulable: false,
        allocatable: Resources {
            cpu_milli,
            memory: memory - EVICTION_RESERVE,
        },
        max_pods: MAX_PODS,
        pod_cidr: pod_cidr(index),
        next_host: 2,
        control_plane,
        down_since: None,
        tainted_at: Vec::new(),
        origin: None,
    }
}

/// The nodes' network in the lecture: VirtualBox host-only 192.168.56.0/24, nodes from .30.
fn lecture_ip(index: usize) -> Ipv4Addr {
    Ipv4Addr::new(192, 168, 56, 30u8.saturating_add(index as u8))
}

/// The lecture's cluster: `k8s-master` (2 CPU, 4Gi, tainted control plane), `k8s-node1` and
/// `k8s-node2` (2 CPU, 2Gi each), at 192.168.56.30–32.
pub fn lecture_cluster() -> Vec<Node> {
    vec![
        node(0, "k8s-master", lecture_ip(0), 2000, 4 * GI, true),
        node(1, "k8s-node1", lecture_ip(1), 2000, 2 * GI, false),
        node(2, "k8s-node2", lecture_ip(2), 2000, 2 * GI, false),
    ]
}

/// Nodes from a Scenario's `spec.cluster.nodes`.
pub fn from_templates(templates: &[NodeTemplate]) -> Vec<Node> {
    templates
        .iter()
        .enumerate()
        .map(|(i, t)| from_template(i, t))
        .collect()
}

/// The node a template describes, as the `index`-th node of the cluster (its default IP and
/// pod CIDR follow from that place).
pub fn from_template(index: usize, t: &NodeTemplate) -> Node {
    let ip =
        t.ip.as_deref()
            .and_then(super::ipam::parse_ip)
            .unwrap_or_else(|| lecture_ip(index));
    let mut n = node(
        index,
        &t.name,
        ip,
        t.cpu_milli.unwrap_or(2000),
        t.memory.map_or(2 * GI, |m| m + EVICTION_RESERVE),
        t.control_plane,
    );
    n.labels.extend(t.labels.clone());
    n.taints.extend(t.taints.iter().cloned());
    n
}

/// Nodes from Node objects (a `kubectl get nodes -o yaml` dump, or hand-written ones).
pub fn from_objects(objects: &[Object]) -> Vec<Node> {
    objects
        .iter()
        .filter_map(|o| match &o.body {
            Body::Node(spec) => Some((o, spec)),
            _ => None,
        })
        .enumerate()
        .map(|(i, (o, spec))| from_object(i, o, spec))
        .collect()
}

fn from_object(index: usize, object: &Object, spec: &NodeSpec) -> Node {
    let name = &object.meta.name;
    let control_plane = object
        .meta
        .labels
        .contains_key("node-role.kubernetes.io/control-plane")
        || spec.taints.contains(&control_plane_taint());
    let mut labels = base_labels(name);
    labels.extend(object.meta.labels.clone());
    let allocatable = spec.allocatable.unwrap_or(Resources {
        cpu_milli: 2000,
        memory: 2 * GI - EVICTION_RESERVE,
    });
    let cidr = spec
        .pod_cidr
        .as_deref()
        .and_then(|c| c.split('/').next())
        .and_then(super::ipam::parse_ip)
        .unwrap_or_else(|| pod_cidr(index));
    Node {
        name: name.clone(),
        ip: spec
            .internal_ip
            .as_deref()
            .and_then(super::ipam::parse_ip)
            .unwrap_or_else(|| lecture_ip(index)),
        labels,
        taints: spec.taints.clone(),
        unschedulable: spec.unschedulable,
        allocatable,
        max_pods: spec.max_pods.unwrap_or(MAX_PODS),
        pod_cidr: cidr,
        next_host: 2,
        control_plane,
        down_since: None,
        tainted_at: Vec::new(),
        origin: Some(object.origin.clone()),
    }
}
