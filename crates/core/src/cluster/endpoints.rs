//! Endpoints: each Service's backends, from its selector and pod readiness, or from
//! hand-written Endpoints and EndpointSlices (rules 1.5, 1.12–1.16).

use super::state::{Endpoint, Phase, Pod, Service};
use super::{Change, Cluster, ManualEndpoints};
use crate::model::{IntOrString, ServiceType};
use crate::sorted::VecMap;
use std::net::Ipv4Addr;

/// The pod port a Service port reaches on `pod`: a number as written, or the container
/// port with that name; `None` when the pod does not declare the name (rule 1.5).
pub fn target_port(pod: &Pod, target: &IntOrString) -> Option<u16> {
    match target {
        IntOrString::Int(n) => u16::try_from(*n).ok(),
        IntOrString::Str(name) => pod
            .spec
            .containers
            .iter()
            .flat_map(|c| &c.ports)
            .find(|p| p.name.as_deref() == Some(name.as_str()))
            .map(|p| p.container_port),
    }
}

fn from_pods<'p>(service: &Service, pods: impl Iterator<Item = &'p Pod>) -> Vec<Endpoint> {
    let Some(selector) = service.spec.effective_selector() else {
        return Vec::new();
    };
    let mut endpoints: Vec<Endpoint> = pods
        .filter(|p| p.namespace == service.namespace)
        .filter(|p| selector.iter().all(|(k, v)| p.labels.get(k) == Some(v)))
        .filter(|p| !matches!(p.phase, Phase::Succeeded | Phase::Failed))
        .filter_map(|p| {
            let ip = p.ip?;
            // As the EndpointSlice controller does: serving is the pod's Ready condition;
            // ready never holds for a terminating pod unless not-ready addresses are
            // published (rules 1.15, 1.16).
            let serving = p.ready;
            Some(Endpoint {
                ip,
                pod: Some(p.uid),
                pod_name: Some(p.name.clone()),
                node: p.node.clone(),
                ready: service.spec.publish_not_ready || (serving && !p.terminating),
                serving,
                terminating: p.terminating,
                ports: service
                    .ports
                    .iter()
                    .map(|sp| target_port(p, &sp.target))
                    .collect(),
            })
        })
        .collect();
    crate::order::sort_by_key(&mut endpoints, |e| e.ip);
    endpoints
}

/// Why an address may not be an endpoint (rule 1.13): loopback, link-local, or a Service's
/// virtual IP.
pub fn refused_address(ip: Ipv4Addr, services: &[Service]) -> Option<&'static str> {
    if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_link_local() {
        Some("link-local")
    } else if services.iter().any(|s| s.cluster_ip == Some(ip)) {
        Some("a Service's ClusterIP")
    } else {
        None
    }
}

/// Backends of a selectorless Service from the Endpoints object of the same name and the
/// EndpointSlices labelled with its name (rule 1.13). Ports match by name, or by position
/// when there is one port. Refused addresses are left out (and reported by the checks).
fn from_manual(
    service: &Service,
    manual: &[ManualEndpoints],
    pods: &[Pod],
    services: &[Service],
) -> Vec<Endpoint> {
    let mut endpoints = Vec::new();
    for m in manual
        .iter()
        .filter(|m| m.namespace == service.namespace && m.spec.service == service.name)
    {
        for subset in &m.spec.subsets {
            let ports: Vec<Option<u16>> = service
                .ports
                .iter()
                .map(|sp| {
                    subset
                        .ports
                        .iter()
                        .find(|p| {
                            p.name == sp.name
                                || (subset.ports.len() == 1 && service.ports.len() == 1)
                        })
                        .map(|p| p.port)
                })
                .collect();
            for address in &subset.addresses {
                let Some(ip) = super::ipam::parse_ip(&address.ip) else {
                    continue;
                };
                if refused_address(ip, services).is_some() {
                    continue;
                }
                let pod = pods.iter().find(|p| p.ip == Some(ip));
                endpoints.push(Endpoint {
                    ip,
                    pod: pod.map(|p| p.uid),
                    pod_name: address.pod.clone().or_else(|| pod.map(|p| p.name.clone())),
                    node: address
                        .node_name
                        .clone()
                        .or_else(|| pod.and_then(|p| p.node.clone())),
                    ready: address.ready,
                    serving: address.ready,
                    terminating: false,
                    ports: ports.clone(),
                });
            }
        }
    }
    endpoints
}

/// Recomputes every Service's endpoints, recording the Services whose backends changed.
pub fn compute(cluster: &mut Cluster) {
    // Pods by one label, so a Service looks only at pods carrying its first selector pair.
    let mut by_label: VecMap<(&str, &str, &str), Vec<usize>> = VecMap::new();
    for (i, pod) in cluster.pods.iter().enumerate() {
        for (k, v) in &pod.labels {
            by_label.entry((&pod.namespace, k, v)).or_default().push(i);
        }
    }
    let computed: Vec<Vec<Endpoint>> = cluster
        .services
        .iter()
        .map(|service| {
            if service.spec.service_type == ServiceType::ExternalName {
                return Vec::new();
            }
            match service
                .spec
                .effective_selector()
                .and_then(|s| s.iter().next())
            {
                Some((k, v)) => {
                    let candidates = by_label
                        .get(&(service.namespace.as_str(), k.as_str(), v.as_str()))
                        .map_or(&[][..], Vec::as_slice);
                    from_pods(service, candidates.iter().map(|&i| &cluster.pods[i]))
                }
                None => from_manual(
                    service,
                    &cluster.manual_endpoints,
                    &cluster.pods,
                    &cluster.services,
                ),
            }
        })
        .collect();
    for (s, endpoints) in computed.into_iter().enumerate() {
        if endpoints != cluster.services[s].endpoints {
            let key = cluster.services[s].key();
            cluster.services[s].endpoints = endpoints;
            cluster.record(Change::EndpointsChanged { service: key });
        }
    }
}
