//! Reading Services, Endpoints and EndpointSlices.

use super::api_error::{detail, Cause, Shown};
use super::names::is_iana_svc_name;
use super::pod::valid_port;
use super::read::Field;
use crate::model::{
    EndpointAddress, EndpointPort, EndpointSubset, EndpointsSpec, IntOrString, ServicePort,
    ServiceSpec, ServiceType, TrafficPolicy,
};
use crate::text::Text;
use crate::yaml::Value;

/// The default node port range (rule 1.7).
pub const NODE_PORT_RANGE: std::ops::RangeInclusive<u16> = 30000..=32767;

/// Reads a Service's spec and status.
pub(crate) fn read_service(root: &Field<'_>) -> ServiceSpec {
    let spec = root.get("spec");
    spec.expect_map();
    let service_type = read_type(&spec.get("type"));
    let ports: Vec<ServicePort> = spec
        .get("ports")
        .items(|p| read_service_port(p, service_type))
        .into_iter()
        .flatten()
        .collect();
    check_port_names(&spec.get("ports"));
    let cluster_ip = spec.get("clusterIP").str().filter(|s| !s.is_empty());
    let headless = cluster_ip.as_deref() == Some("None");
    let written = matches!(spec.get("ports").value(), Some(Value::Seq(items)) if !items.is_empty());
    if !written && service_type != ServiceType::ExternalName && !headless {
        spec.get("ports").reject(Cause::Required(None));
    }
    if headless && !spec.get("selector").is_set() {
        // The API tolerates it (the check is commented out in validateServicePort), but
        // clients of a selectorless headless Service dial the endpoints on `port`.
        for (i, port) in ports.iter().enumerate() {
            if port
                .target_port
                .as_ref()
                .is_some_and(|t| *t != IntOrString::Int(i64::from(port.port)))
            {
                let list = spec.get("ports");
                list.warn(
                    crate::diagnostic::Code::InvalidValue,
                    Text::new(
                        format!("{}[{i}]: a headless Service without a selector needs targetPort equal to port ({}): clients dial the endpoints' addresses on `port`", list.dotted(), port.port),
                        format!("{}[{i}]: 셀렉터 없는 헤드리스 서비스는 targetPort가 port({})와 같아야 합니다: 클라이언트는 엔드포인트 주소의 `port`로 접속합니다", list.dotted(), port.port),
                    ),
                );
            }
        }
    }
    let external_name = spec.get("externalName").str().filter(|s| !s.is_empty());
    if service_type == ServiceType::ExternalName && external_name.is_none() {
        spec.get("externalName").reject(Cause::Required(None));
    }
    let affinity_config = spec.get("sessionAffinityConfig");
    let affinity_client = affinity_config.get("clientIP");
    let affinity_timeout = affinity_client.get("timeoutSeconds");
    ServiceSpec {
        service_type,
        selector: spec
            .get("selector")
            .is_set()
            .then(|| spec.get("selector").string_map()),
        cluster_ip,
        ports,
        external_ips: spec.get("externalIPs").strings(),
        external_name,
        session_affinity: spec.get("sessionAffinity").str().as_deref() == Some("ClientIP"),
        affinity_timeout_seconds: affinity_timeout.int().unwrap_or(10_800),
        external_traffic_policy: read_policy(&spec.get("externalTrafficPolicy")),
        internal_traffic_policy: read_policy(&spec.get("internalTrafficPolicy")),
        publish_not_ready: spec.get("publishNotReadyAddresses").bool().unwrap_or(false),
        allocate_node_ports: spec
            .get("allocateLoadBalancerNodePorts")
            .bool()
            .unwrap_or(true),
        health_check_node_port: spec
            .get("healthCheckNodePort")
            .int()
            .and_then(|n| u16::try_from(n).ok()),
        load_balancer_ingress: root
            .get("status")
            .get("loadBalancer")
            .get("ingress")
            .items(|i| i.get("ip").str().or_else(|| i.get("hostname").str()))
            .into_iter()
            .flatten()
            .collect(),
    }
}

fn read_type(f: &Field<'_>) -> ServiceType {
    match f.str().as_deref() {
        None | Some("ClusterIP") => ServiceType::ClusterIP,
        Some("NodePort") => ServiceType::NodePort,
        Some("LoadBalancer") => ServiceType::LoadBalancer,
        Some("ExternalName") => ServiceType::ExternalName,
        Some(other) => {
            f.reject(Cause::Unsupported(
                Shown::Str(other.to_owned()),
                &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
            ));
            ServiceType::ClusterIP
        }
    }
}

fn read_policy(f: &Field<'_>) -> TrafficPolicy {
    match f.str().as_deref() {
        Some("Local") => TrafficPolicy::Local,
        None | Some("Cluster") => TrafficPolicy::Cluster,
        Some(other) => {
            f.reject(Cause::Unsupported(
                Shown::Str(other.to_owned()),
                &["Cluster", "Local"],
            ));
            TrafficPolicy::Cluster
        }
    }
}

fn read_service_port(p: &Field<'_>, service_type: ServiceType) -> Option<ServicePort> {
    let port_field = p.get("port");
    // A missing port is 0 to the API server, which its range check refuses.
    let port = valid_port(&port_field, port_field.int().unwrap_or(0))?;
    let node_port_field = p.get("nodePort");
    let node_port = node_port_field
        .int()
        .and_then(|n| valid_port(&node_port_field, n));
    if let Some(n) = node_port {
        if !service_type.has_node_ports() {
            node_port_field.reject(Cause::Forbidden(Text::new(
                format!("may not be used when `type` is '{}'", service_type.as_str()),
                format!("`type`이 '{}'이면 쓸 수 없습니다", service_type.as_str()),
            )));
        } else if !NODE_PORT_RANGE.contains(&n) {
            node_port_field.reject(Cause::Invalid(
                Shown::Int(i64::from(n)),
                detail::node_port_range(),
            ));
        }
    }
    let name = p.get("name").str().filter(|n| !n.is_empty());
    if let Some(bad) = name.as_deref() {
        let rule = if bad.len() > 63 {
            Some(detail::at_most_63())
        } else {
            (!super::names::is_dns1123_label(bad)).then(detail::dns1123_label)
        };
        if let Some(rule) = rule {
            p.get("name")
                .reject(Cause::Invalid(Shown::Str(bad.to_owned()), rule));
        }
    }
    Some(ServicePort {
        name,
        protocol: p.get("protocol").str().unwrap_or_else(|| "TCP".to_owned()),
        port,
        target_port: read_target_port(&p.get("targetPort")),
        node_port: node_port.filter(|_| service_type.has_node_ports()),
    })
}

/// `targetPort` as Kubernetes reads an IntOrString: a number, or a port name. Missing, `0`
/// and `""` are defaulted to `port` by the API server (rule 9.1), so they are no error. A
/// quoted number is a *name* to the API, and names need a letter, so `"8080"` is rejected.
fn read_target_port(f: &Field<'_>) -> Option<IntOrString> {
    match f.value()? {
        Value::Null | Value::Int(0) => None,
        Value::Str(s) if s.is_empty() => None,
        Value::Int(n) => valid_port(f, *n).map(|p| IntOrString::Int(i64::from(p))),
        Value::Str(s) if is_iana_svc_name(s) => Some(IntOrString::Str(s.to_string())),
        Value::Str(s) => {
            f.reject(Cause::Invalid(
                Shown::Str(s.to_string()),
                Text::new(
                    "must contain at least one letter (a-z)",
                    "영문자(a-z)가 하나 이상 있어야 합니다",
                ),
            ));
            None
        }
        _ => {
            f.str();
            None
        }
    }
}

/// Rule 1.6: with several ports, each needs a name, and no two the same one. The API server
/// checks every port written, readable or not, at its own index.
fn check_port_names(list: &Field<'_>) {
    let names: Vec<Option<String>> = list.items(|p| p.get("name").str().filter(|n| !n.is_empty()));
    if names.len() < 2 {
        return;
    }
    for (i, name) in names.iter().enumerate() {
        match name {
            None => list.at(i).get("name").reject(Cause::Required(None)),
            Some(n) if names[..i].contains(name) => list
                .at(i)
                .get("name")
                .reject(Cause::Duplicate(Shown::Str(n.clone()))),
            Some(_) => {}
        }
    }
}

fn read_endpoint_port(p: &Field<'_>) -> Option<EndpointPort> {
    let port_field = p.get("port");
    let port = port_field.int().and_then(|n| valid_port(&port_field, n))?;
    Some(EndpointPort {
        name: p.get("name").str().filter(|n| !n.is_empty()),
        port,
        protocol: p.get("protocol").str().unwrap_or_else(|| "TCP".to_owned()),
    })
}

fn read_address(a: &Field<'_>, ready: bool) -> EndpointAddress {
    EndpointAddress {
        ip: a.get("ip").string(),
        node_name: a.get("nodeName").str(),
        pod: a
            .get("targetRef")
            .get("name")
            .str()
            .filter(|_| a.get("targetRef").get("kind").str().as_deref() != Some("Node")),
        ready,
    }
}

/// A legacy Endpoints object: `subsets[]` of addresses, notReadyAddresses and ports.
pub(crate) fn read_endpoints(root: &Field<'_>, name: &str) -> EndpointsSpec {
    EndpointsSpec {
        service: name.to_owned(),
        subsets: root.get("subsets").items(|s| {
            let mut addresses = s.get("addresses").items(|a| read_address(a, true));
            addresses.extend(s.get("notReadyAddresses").items(|a| read_address(a, false)));
            EndpointSubset {
                addresses,
                ports: s
                    .get("ports")
                    .items(read_endpoint_port)
                    .into_iter()
                    .flatten()
                    .collect(),
            }
        }),
    }
}

/// An EndpointSlice, as one subset; it belongs to the Service named by its
/// `kubernetes.io/service-name` label (rule 1.13).
pub(crate) fn read_endpoint_slice(root: &Field<'_>, service: String) -> EndpointsSpec {
    let mut addresses = Vec::new();
    root.get("endpoints").items(|e| {
        let conditions = e.get("conditions");
        // A missing `ready` condition means ready.
        let ready = conditions.get("ready").bool().unwrap_or(true);
        let node_name = e.get("nodeName").str();
        let pod = e.get("targetRef").get("name").str();
        for ip in e.get("addresses").strings() {
            addresses.push(EndpointAddress {
                ip,
                node_name: node_name.clone(),
                pod: pod.clone(),
                ready,
            });
        }
    });
    EndpointsSpec {
        service,
        subsets: vec![EndpointSubset {
            addresses,
            ports: root
                .get("ports")
                .items(read_endpoint_port)
                .into_iter()
                .flatten()
                .collect(),
        }],
    }
}
