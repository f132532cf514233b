//! The initial state, straight from the objects: nodes, storage, Services with their
//! addresses, controllers, and the pods written in the input.

use super::admission;
use super::controllers::{adopt_or_create_input_pod, workload_from_object};
use super::ipam;
use super::nodes;
use super::state::{
    Claim, ClaimPhase, Class, LoadBalancer, Service, ServicePortState, Volume, VolumePhase,
};
use super::{Cluster, ManualEndpoints};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Body, Object, PersistentVolumeClaimSpec, PersistentVolumeSpec, ServiceSpec, ServiceType,
    TrafficPolicy, WorkloadKind,
};
use crate::scenario::Scenario;
use crate::text::Text;
use std::rc::Rc;

/// Fills an empty cluster from `objects`.
pub fn build(
    cluster: &mut Cluster,
    objects: &[Object],
    scenario: Option<&Scenario>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    cluster.nodes = nodes::from_objects(objects);
    if cluster.nodes.is_empty() {
        cluster.nodes = match scenario.and_then(|s| s.cluster.as_ref()) {
            Some(spec) if !spec.nodes.is_empty() => nodes::from_templates(&spec.nodes),
            _ => nodes::lecture_cluster(),
        };
    }
    cluster.namespaces.insert("default".to_owned());
    for object in objects {
        let meta = &object.meta;
        if !meta.namespace.is_empty() {
            cluster.namespaces.insert(meta.namespace.clone());
        }
        match &object.body {
            Body::StorageClass(spec) => cluster.classes.push(Class {
                name: meta.name.clone(),
                spec: spec.clone(),
            }),
            Body::ConfigMap(_) => {
                cluster
                    .config_maps
                    .insert((meta.namespace.clone(), meta.name.clone()));
            }
            Body::Secret(_) => {
                cluster
                    .secrets
                    .insert((meta.namespace.clone(), meta.name.clone()));
            }
            Body::Namespace => {
                cluster.namespaces.insert(meta.name.clone());
            }
            Body::PersistentVolume(spec) => cluster.volumes.push(volume(object, spec)),
            Body::Ingress(ingress) => {
                cluster.ingresses.push((
                    meta.namespace.clone(),
                    meta.name.clone(),
                    ingress.clone(),
                ));
            }
            Body::NetworkPolicy(policy) => {
                cluster.network_policies.push((
                    meta.namespace.clone(),
                    meta.name.clone(),
                    policy.clone(),
                ));
            }
            Body::DisruptionBudget(budget) => {
                cluster.disruption_budgets.push((
                    meta.namespace.clone(),
                    meta.name.clone(),
                    budget.clone(),
                ));
            }
            Body::Rejected(reason) => cluster.rejected.push(crate::cluster::Rejected {
                kind: meta.kind.clone(),
                namespace: meta.namespace.clone(),
                name: meta.name.clone(),
                reason: reason.clone(),
            }),
            Body::Endpoints(spec) | Body::EndpointSlice(spec) => {
                cluster.manual_endpoints.push(ManualEndpoints {
                    namespace: meta.namespace.clone(),
                    name: meta.name.clone(),
                    spec: spec.clone(),
                    origin: object.origin.clone(),
                });
            }
            _ => {}
        }
    }
    // Claims need the classes (for the default class); Services need nothing else.
    for object in objects {
        match &object.body {
            Body::PersistentVolumeClaim(spec) => {
                let claim = claim(
                    cluster,
                    &object.meta.namespace,
                    &object.meta.name,
                    spec,
                    Some(object),
                );
                cluster.claims.push(claim);
            }
            Body::Service(spec) => {
                if let Some(service) = service(cluster, object, spec, diagnostics) {
                    cluster.services.push(service);
                }
            }
            _ => {}
        }
    }
    builtin_services(cluster);
    add_workloads(cluster, objects);
    for object in objects {
        if let Body::Pod(spec, status) = &object.body {
            adopt_or_create_input_pod(cluster, object, spec, status);
        }
    }
}

/// Controllers, except ReplicaSets a pasted Deployment owns and Jobs a pasted CronJob owns:
/// those are the owner's business (a `kubectl get all -o yaml` dump has both).
fn add_workloads(cluster: &mut Cluster, objects: &[Object]) {
    let owned_by_pasted = |object: &Object| {
        object.meta.controller.as_ref().is_some_and(|(kind, name)| {
            objects.iter().any(|o| {
                !matches!(o.body, Body::Rejected(_))
                    && &o.meta.kind == kind
                    && &o.meta.name == name
                    && o.meta.namespace == object.meta.namespace
            })
        })
    };
    for object in objects {
        if let Body::Workload(spec) = &object.body {
            let nested = matches!(spec.kind, WorkloadKind::ReplicaSet | WorkloadKind::Job);
            if nested && owned_by_pasted(object) {
                if let Some(hash) = object.meta.labels.get("pod-template-hash") {
                    // Keep the dump's ReplicaSet name for the Deployment's pods.
                    if let Some((_, deploy)) = &object.meta.controller {
                        if let Some(w) = cluster.workloads.iter_mut().find(|w| {
                            w.kind == WorkloadKind::Deployment
                                && &w.name == deploy
                                && w.namespace == object.meta.namespace
                        }) {
                            w.template_hash = hash.clone();
                        }
                    }
                }
                continue;
            }
            let workload = workload_from_object(object, spec);
            cluster.workloads.push(workload);
        }
    }
}

fn volume(object: &Object, spec: &PersistentVolumeSpec) -> Volume {
    let claim_ref = spec
        .claim_ref
        .as_ref()
        .map(|c| format!("{}/{}", c.namespace, c.name));
    let node = spec.node_affinity.as_ref().and_then(single_hostname);
    Volume {
        name: object.meta.name.clone(),
        labels: object.meta.labels.clone(),
        capacity: spec.capacity,
        access_modes: spec.access_modes.clone(),
        reclaim: spec.reclaim_policy,
        class: spec.storage_class.clone(),
        block: spec.block,
        claim_ref,
        node_affinity: spec.node_affinity.clone(),
        source: spec.source.clone(),
        node,
        phase: match spec.phase.as_deref() {
            Some("Released") => VolumePhase::Released(String::new()),
            Some("Failed") => VolumePhase::Failed,
            _ => VolumePhase::Available,
        },
        provisioned: false,
        origin: Some(object.origin.clone()),
    }
}

/// The node a node-affinity names by `kubernetes.io/hostname In [x]`, when it names exactly one.
fn single_hostname(selector: &crate::model::NodeSelector) -> Option<String> {
    use crate::model::{NodeSelectorRequirement, SelectorOperator};
    let [term] = selector.terms.as_slice() else {
        return None;
    };
    term.requirements.iter().find_map(|r| match r {
        NodeSelectorRequirement::Label(req)
            if req.key == "kubernetes.io/hostname"
                && req.operator == SelectorOperator::In
                && req.values.len() == 1 =>
        {
            Some(req.values[0].clone())
        }
        _ => None,
    })
}

/// A claim, with its class defaulted as the admission plugin does (rule 5.8).
pub fn claim(
    cluster: &Cluster,
    namespace: &str,
    name: &str,
    spec: &PersistentVolumeClaimSpec,
    object: Option<&Object>,
) -> Claim {
    let class = spec.storage_class.clone().or_else(|| {
        // The newest default class wins; with no order to go by, the last one written.
        cluster
            .classes
            .iter()
            .rev()
            .find(|c| c.spec.is_default)
            .map(|c| c.name.clone())
    });
    Claim {
        namespace: namespace.to_owned(),
        name: name.to_owned(),
        spec: spec.clone(),
        class,
        phase: ClaimPhase::Pending(Text::new("not bound yet", "아직 바인딩되지 않음")),
        deleting: false,
        origin: object.map(|o| o.origin.clone()),
    }
}

fn service(
    cluster: &mut Cluster,
    object: &Object,
    spec: &ServiceSpec,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Service> {
    // A LoadBalancer may opt out of node ports (`allocateLoadBalancerNodePorts: false`).
    let wants_node_ports = spec.service_type.has_node_ports()
        && (spec.service_type != ServiceType::LoadBalancer || spec.allocate_node_ports);
    let refusals = admission::allocation_refusals(cluster, spec, wants_node_ports);
    if !refusals.is_empty() {
        admission::reject(cluster, object, refusals, diagnostics);
        return None;
    }
    let cluster_ip = match (spec.service_type, spec.cluster_ip.as_deref()) {
        (ServiceType::ExternalName, _) | (_, Some("None")) => None,
        (_, Some(requested)) => {
            super::ipam::parse_ip(requested).filter(|ip| cluster.allocations.claim_cluster_ip(*ip))
        }
        _ => Some(cluster.allocations.next_cluster_ip(&mut cluster.rng)),
    };
    let mut ports = Vec::with_capacity(spec.ports.len());
    for port in &spec.ports {
        let node_port = match port.node_port {
            _ if !wants_node_ports => None,
            Some(requested) if cluster.allocations.claim_node_port(requested) => Some(requested),
            _ => cluster.allocations.next_node_port(&mut cluster.rng),
        };
        ports.push(ServicePortState {
            name: port.name.clone(),
            protocol: port.protocol.clone(),
            port: port.port,
            target: port.effective_target(),
            node_port,
        });
    }
    let is_lb = spec.service_type == ServiceType::LoadBalancer;
    let health_check_node_port = (is_lb && spec.external_traffic_policy == TrafficPolicy::Local)
        .then(|| {
            spec.health_check_node_port
                .filter(|p| cluster.allocations.claim_node_port(*p))
                .or_else(|| cluster.allocations.next_node_port(&mut cluster.rng))
        })
        .flatten();
    let load_balancer = if !is_lb {
        LoadBalancer::None
    } else if let Some(address) = spec.load_balancer_ingress.first() {
        LoadBalancer::Ready(address.clone())
    } else if cluster.cloud_load_balancer {
        // TEST-NET-3, the documentation range: clearly an example address.
        let address = format!("203.0.113.{}", cluster.next_lb_address);
        cluster.next_lb_address += 1;
        LoadBalancer::Ready(address)
    } else {
        LoadBalancer::Pending
    };
    Some(Service {
        namespace: object.meta.namespace.clone(),
        name: object.meta.name.clone(),
        spec: Rc::new(spec.clone()),
        cluster_ip,
        ports,
        health_check_node_port,
        load_balancer,
        endpoints: Vec::new(),
        origin: object.origin.clone(),
        builtin: false,
    })
}

/// The Services every cluster has: `kubernetes` (the API server, on the control plane's
/// host network) and `kube-dns` (CoreDNS), at the first and tenth addresses (rule 1.1).
fn builtin_services(cluster: &mut Cluster) {
    use crate::model::{
        EndpointAddress, EndpointPort, EndpointSubset, EndpointsSpec, IntOrString, ServicePort,
    };
    let port = |name: &str, protocol: &str, port: u16, target: u16| ServicePort {
        name: Some(name.to_owned()),
        protocol: protocol.to_owned(),
        port,
        target_port: Some(IntOrString::Int(i64::from(target))),
        node_port: None,
    };
    let specs = [
        (
            "default",
            "kubernetes",
            ipam::KUBERNETES_SERVICE_IP,
            vec![port("https", "TCP", 443, 6443)],
        ),
        (
            "kube-system",
            "kube-dns",
            ipam::DNS_SERVICE_IP,
            vec![
                port("dns", "UDP", 53, 53),
                port("dns-tcp", "TCP", 53, 53),
                port("metrics", "TCP", 9153, 9153),
            ],
        ),
    ];
    for (namespace, name, ip, ports) in specs {
        if cluster.service(namespace, name).is_some() {
            continue;
        }
        let spec = ServiceSpec {
            cluster_ip: Some(ip.to_string()),
            ports,
            ..ServiceSpec::default()
        };
        cluster.services.push(Service {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
            ports: spec
                .ports
                .iter()
                .map(|p| ServicePortState {
                    name: p.name.clone(),
                    protocol: p.protocol.clone(),
                    port: p.port,
                    target: p.effective_target(),
                    node_port: None,
                })
                .collect(),
            spec: Rc::new(spec),
            cluster_ip: Some(ip),
            health_check_node_port: None,
            load_balancer: LoadBalancer::None,
            endpoints: Vec::new(),
            origin: crate::model::Origin::default(),
            builtin: true,
        });
    }
    // The API server listens on each control-plane node's own address.
    let addresses: Vec<EndpointAddress> = cluster
        .nodes
        .iter()
        .filter(|n| n.control_plane)
        .map(|n| EndpointAddress {
            ip: n.ip.to_string(),
            node_name: Some(n.name.clone()),
            pod: None,
            ready: true,
        })
        .collect();
    cluster.manual_endpoints.push(ManualEndpoints {
        namespace: "default".to_owned(),
        name: "kubernetes".to_owned(),
        spec: EndpointsSpec {
            service: "kubernetes".to_owned(),
            subsets: vec![EndpointSubset {
                addresses,
                ports: vec![EndpointPort {
                    name: Some("https".to_owned()),
                    port: 6443,
                    protocol: "TCP".to_owned(),
                }],
            }],
        },
        origin: crate::model::Origin::default(),
    });
}
