//! Who can send a request to a Service, and to which address: what the inspector offers as
//! clients. Every route is written as a Scenario's `request` step writes it, so choosing one
//! and playing it goes through the same path as a scripted story.

use crate::cluster::{Cluster, LoadBalancer, Phase, Pod, Service};
use crate::scenario::{Client, PodRef};

/// How a Scenario names `pod` (the namespace only when it is not `default`).
pub fn pod_ref(pod: &Pod) -> PodRef {
    PodRef {
        namespace: (pod.namespace != "default").then(|| pod.namespace.clone()),
        name: pod.name.clone(),
        ..PodRef::default()
    }
}

/// The clients that can reach `service`, with the address each uses: every running pod by
/// the Service's DNS name (qualified from other namespaces), the outside machine through each
/// node's NodePort, the internet through the load balancer.
pub fn routes_to(cluster: &Cluster, service: &Service) -> Vec<(Client, String)> {
    let port = service.ports.first().map_or(80, |p| p.port);
    let mut out = Vec::new();
    for pod in cluster
        .pods
        .iter()
        .filter(|p| p.phase == Phase::Running && !p.terminating)
    {
        let host = if pod.namespace == service.namespace {
            service.name.clone()
        } else {
            format!("{}.{}", service.name, service.namespace)
        };
        out.push((Client::Pod(pod_ref(pod)), format!("{host}:{port}")));
    }
    if let Some(node_port) = service.ports.first().and_then(|p| p.node_port) {
        for node in &cluster.nodes {
            out.push((Client::Outside, format!("{}:{node_port}", node.name)));
        }
    }
    if service.load_balancer != LoadBalancer::None {
        let name = if service.namespace == "default" {
            service.name.clone()
        } else {
            format!("{}/{}", service.namespace, service.name)
        };
        out.push((Client::Internet, format!("lb/{name}:{port}")));
    }
    out
}
