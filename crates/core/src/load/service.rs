//! Reading Services, Endpoints and EndpointSlices.

use super::fields;
use super::names::is_iana_svc_name;
use super::pod::valid_port;
use super::read::Field;
use crate::diagnostic::{Code, Severity};
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
    fields::check_known(&spec, fields::SERVICE_SPEC, None);
    let service_type = read_type(&spec.get("type"));
    let ports: Vec<ServicePort> = spec
        .get("ports")
        .items(|p| read_service_port(p, service_type))
        .into_iter()
        .flatten()
        .collect();
    check_port_names(&spec.get("ports"), &ports);
    let cluster_ip = spec.get("clusterIP").str().filter(|s| !s.is_empty());
    let headless = cluster_ip.as_deref() == Some("None");
    if ports.is_empty() && service_type != ServiceType::ExternalName && !headless {
        let path = spec.get("ports").dotted();
        spec.warn(
            Code::MissingReference,
            Text::new(
                format!(
                    "{path} is missing: a {} Service needs at least one port",
                    service_type.as_str()
                ),
                format!(
                    "{path}이(가) 없습니다: {} 서비스에는 포트가 하나 이상 필요합니다",
                    service_type.as_str()
                ),
            ),
        );
    }
    if headless && !spec.get("selector").is_set() {
        for (i, port) in ports.iter().enumerate() {
            if port
                .target_port
                .as_ref()
                .is_some_and(|t| *t != IntOrString::Int(i64::from(port.port)))
            {
                let list = spec.get("ports");
                list.warn(
                    Code::InvalidValue,
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
        spec.warn(
            Code::MissingReference,
            Text::new(
                "an ExternalName Service needs spec.externalName",
                "ExternalName 서비스에는 spec.externalName이 필요합니다",
            ),
        );
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
            f.warn(
                Code::InvalidValue,
                Text::new(
                    format!("Service type `{other}` is not ClusterIP, NodePort, LoadBalancer or ExternalName; ClusterIP is assumed"),
                    format!("서비스 타입 `{other}`은(는) ClusterIP, NodePort, LoadBalancer, ExternalName 중 하나가 아닙니다. ClusterIP로 간주합니다"),
                ),
            );
            ServiceType::ClusterIP
        }
    }
}

fn read_policy(f: &Field<'_>) -> TrafficPolicy {
    match f.str().as_deref() {
        Some("Local") => TrafficPolicy::Local,
        None | Some("Cluster") => TrafficPolicy::Cluster,
        Some(other) => {
            let path = f.dotted();
            f.warn(
                Code::InvalidValue,
                Text::new(
                    format!("{path} `{other}` is not Cluster or Local; Cluster is assumed"),
                    format!(
                        "{path} `{other}`은(는) Cluster나 Local이 아닙니다. Cluster로 간주합니다"
                    ),
                ),
            );
            TrafficPolicy::Cluster
        }
    }
}

fn read_service_port(p: &Field<'_>, service_type: ServiceType) -> Option<ServicePort> {
    let port_field = p.get("port");
    let Some(port) = port_field.int() else {
        let path = p.dotted();
        p.warn(
            Code::MissingReference,
            Text::new(
                format!("{path} has no port"),
                format!("{path}에 port가 없습니다"),
            ),
        );
        return None;
    };
    let port = valid_port(&port_field, port)?;
    let node_port_field = p.get("nodePort");
    let node_port = node_port_field
        .int()
        .and_then(|n| valid_port(&node_port_field, n));
    if let Some(n) = node_port {
        if !service_type.has_node_ports() {
            let path = node_port_field.dotted();
            node_port_field.warn(
                Code::InvalidValue,
                Text::new(
                    format!(
                        "{path} only applies to NodePort and LoadBalancer Services; it is ignored"
                    ),
                    format!(
                        "{path}은(는) NodePort와 LoadBalancer 서비스에만 적용됩니다. 무시됩니다"
                    ),
                ),
            );
        } else if !NODE_PORT_RANGE.contains(&n) {
            let path = node_port_field.dotted();
            node_port_field.report(
                Severity::Warning,
                Code::InvalidValue,
                Text::new(
                    format!("{path} {n} is outside the node port range 30000-32767; Kubernetes rejects it"),
                    format!("{path} {n}은(는) 노드 포트 범위 30000-32767 밖입니다. 쿠버네티스는 이를 거부합니다"),
                ),
                Some(Text::new(
                    "pick a port from 30000-32767, or leave nodePort out to have one allocated",
                    "30000-32767 중에서 고르거나 nodePort를 빼서 자동 할당되게 하세요",
                )),
            );
        }
    }
    let name = p.get("name").str().filter(|n| !n.is_empty());
    if let Some(bad) = name
        .as_deref()
        .filter(|n| !super::names::is_dns1123_label(n))
    {
        let field = p.get("name");
        let path = field.dotted();
        field.warn(
            Code::InvalidValue,
            Text::new(
                format!("{path} `{bad}` is not a valid port name: lowercase letters, digits and '-', at most 63 characters (rule 1.6)"),
                format!("{path} `{bad}`은(는) 올바른 포트 이름이 아닙니다: 소문자, 숫자, '-', 63자 이하 (규칙 1.6)"),
            ),
        );
    }
    Some(ServicePort {
        name,
        protocol: p.get("protocol").str().unwrap_or_else(|| "TCP".to_owned()),
        port,
        target_port: read_target_port(&p.get("targetPort")),
        node_port: node_port.filter(|_| service_type.has_node_ports()),
    })
}

/// `targetPort` as Kubernetes reads an IntOrString: a number, or a port name. A quoted number
/// is a *name* to the API, and names need a letter, so `"8080"` is reported.
fn read_target_port(f: &Field<'_>) -> Option<IntOrString> {
    match f.value()? {
        Value::Null => None,
        Value::Int(n) => valid_port(f, *n).map(|p| IntOrString::Int(i64::from(p))),
        Value::Str(s) if is_iana_svc_name(s) => Some(IntOrString::Str(s.to_string())),
        Value::Str(s) => {
            let path = f.dotted();
            f.report(
                Severity::Warning,
                Code::InvalidValue,
                Text::new(
                    format!("{path} \"{s}\" is a string, so Kubernetes reads it as a port name, and it is not a valid one"),
                    format!("{path} \"{s}\"은(는) 문자열이라 포트 이름으로 읽히는데, 올바른 이름이 아닙니다"),
                ),
                Some(Text::new(
                    "write the number without quotes, or use a container port's name",
                    "따옴표 없이 숫자로 쓰거나, 컨테이너 포트의 이름을 쓰세요",
                )),
            );
            s.trim()
                .parse::<u16>()
                .ok()
                .map(|n| IntOrString::Int(i64::from(n)))
        }
        _ => {
            f.str();
            None
        }
    }
}

/// Rule 1.6: with several ports, each needs a unique name.
fn check_port_names(list: &Field<'_>, ports: &[ServicePort]) {
    if ports.len() < 2 {
        return;
    }
    let path = list.dotted();
    if ports.iter().any(|p| p.name.is_none()) {
        list.warn(
            Code::InvalidValue,
            Text::new(
                format!("{path}: with more than one port, every port needs a name"),
                format!("{path}: 포트가 둘 이상이면 모든 포트에 이름이 있어야 합니다"),
            ),
        );
    }
    let mut names: Vec<&str> = ports.iter().filter_map(|p| p.name.as_deref()).collect();
    crate::order::sort(&mut names);
    if names.windows(2).any(|w| w[0] == w[1]) {
        list.warn(
            Code::InvalidValue,
            Text::new(
                format!("{path}: port names must be unique"),
                format!("{path}: 포트 이름은 고유해야 합니다"),
            ),
        );
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
