//! Cluster DNS as CoreDNS answers it (rules 2.1–2.7): Service names, headless answers,
//! `hostname.subdomain` records, pod A records, and the search path of a pod's namespace.

use super::state::Service;
use super::Cluster;
use crate::model::ServiceType;
use std::net::Ipv4Addr;

/// The cluster domain.
pub const DOMAIN: &str = "cluster.local";

/// What a DNS query answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A Service's ClusterIP.
    ClusterIp {
        /// The fully qualified name that matched.
        fqdn: String,
        /// Service namespace.
        namespace: String,
        /// Service name.
        service: String,
        /// The address.
        ip: Ipv4Addr,
    },
    /// A headless Service: its ready pods' IPs, or one pod by `hostname.subdomain`.
    Pods {
        /// The fully qualified name that matched.
        fqdn: String,
        /// Service namespace.
        namespace: String,
        /// Service name.
        service: String,
        /// The addresses (may be empty: no ready pods).
        ips: Vec<Ipv4Addr>,
    },
    /// An ExternalName Service: a CNAME to a name outside the cluster.
    Alias {
        /// The fully qualified name that matched.
        fqdn: String,
        /// Service namespace.
        namespace: String,
        /// Service name.
        service: String,
        /// The target name.
        target: String,
    },
    /// `a-b-c-d.<ns>.pod.cluster.local` (answered for any well-formed name).
    PodAddress {
        /// The fully qualified name.
        fqdn: String,
        /// The address it spells.
        ip: Ipv4Addr,
    },
    /// No such name in the cluster.
    NotFound {
        /// The names tried, in order.
        tried: Vec<String>,
    },
}

/// `<svc>.<ns>.svc.cluster.local`.
pub fn service_fqdn(service: &Service) -> String {
    format!("{}.{}.svc.{DOMAIN}", service.name, service.namespace)
}

/// The names CoreDNS serves for a Service: its FQDN, an SRV name per named port, and
/// `hostname.service` names of the pods behind a headless Service (rules 2.1, 2.2, 2.4, 2.5).
pub fn names_of(cluster: &Cluster, service: &Service) -> Vec<String> {
    let fqdn = service_fqdn(service);
    let mut names = vec![fqdn.clone()];
    for port in &service.ports {
        if let Some(name) = &port.name {
            names.push(format!(
                "_{name}._{}.{fqdn}",
                port.protocol.to_ascii_lowercase()
            ));
        }
    }
    if service.is_headless() {
        for pod in host_records(cluster, service) {
            names.push(format!("{}.{fqdn}", pod.0));
        }
    }
    names
}

/// The names CoreDNS answers with a pod's IP: its pod A record (`1-2-3-4.<ns>.pod`, as the
/// lecture's CoreDNS runs `pods insecure`) and `hostname.subdomain` under each headless
/// Service that lists it (rules 2.4, 2.5, 2.7).
pub fn names_of_pod(cluster: &Cluster, pod: &super::state::Pod) -> Vec<String> {
    let Some(ip) = pod.ip else { return Vec::new() };
    let mut names = vec![format!(
        "{}.{}.pod.{DOMAIN}",
        ip.to_string().replace('.', "-"),
        pod.namespace
    )];
    for service in cluster
        .services
        .iter()
        .filter(|s| s.namespace == pod.namespace && s.is_headless())
    {
        if host_records(cluster, service)
            .iter()
            .any(|(host, at)| *at == ip && *host == pod.hostname)
        {
            names.push(format!("{}.{}", pod.hostname, service_fqdn(service)));
        }
    }
    names
}

/// `(hostname, ip)` of this headless Service's ready endpoints whose pods set a hostname
/// (`spec.hostname`, or a StatefulSet's) and `subdomain` = the Service (rules 2.4, 2.5):
/// the endpoints controller records those hostnames, DNS serves them.
fn host_records(cluster: &Cluster, service: &Service) -> Vec<(String, Ipv4Addr)> {
    service
        .endpoints
        .iter()
        .filter(|e| e.ready)
        .filter_map(|e| cluster.pod_by_uid(e.pod?).map(|p| (p, e.ip)))
        .filter(|(p, _)| p.subdomain.as_deref() == Some(&service.name))
        .filter(|(p, _)| p.spec.hostname.is_some() || p.ordinal.is_some())
        .map(|(p, ip)| (p.hostname.clone(), ip))
        .collect()
}

/// The names a pod's resolver tries for `name`: with fewer than 5 dots, the search domains
/// of its namespace first, then the name itself (`ndots:5`, rule 2.6).
pub fn candidates(name: &str, namespace: &str) -> Vec<String> {
    if let Some(absolute) = name.strip_suffix('.') {
        // A trailing dot makes the name absolute: no search path.
        return vec![absolute.to_owned()];
    }
    if name.matches('.').count() >= 5 {
        return vec![name.to_owned()];
    }
    vec![
        format!("{name}.{namespace}.svc.{DOMAIN}"),
        format!("{name}.svc.{DOMAIN}"),
        format!("{name}.{DOMAIN}"),
        name.to_owned(),
    ]
}

/// Resolves `name` as a client in `namespace` would (rule 2.6). Namespaces scope names,
/// not reachability (rule 2.8).
pub fn resolve(cluster: &Cluster, name: &str, namespace: &str) -> Answer {
    let tried = candidates(name, namespace);
    for fqdn in &tried {
        if let Some(answer) = lookup(cluster, fqdn) {
            return answer;
        }
    }
    Answer::NotFound { tried }
}

/// Answers one fully qualified name.
fn lookup(cluster: &Cluster, fqdn: &str) -> Option<Answer> {
    let rest = fqdn.strip_suffix(&format!(".{DOMAIN}"))?;
    let labels: Vec<&str> = rest.split('.').collect();
    match labels.as_slice() {
        [service, namespace, "svc"] => {
            let s = cluster.service(namespace, service)?;
            Some(service_answer(s, fqdn))
        }
        [host, service, namespace, "svc"] => {
            let s = cluster.service(namespace, service)?;
            let ips: Vec<Ipv4Addr> = host_records(cluster, s)
                .into_iter()
                .filter(|(h, _)| h == host)
                .map(|(_, ip)| ip)
                .collect();
            (!ips.is_empty()).then(|| Answer::Pods {
                fqdn: fqdn.to_owned(),
                namespace: s.namespace.clone(),
                service: s.name.clone(),
                ips,
            })
        }
        [dashed, _namespace, "pod"] => {
            let ip: Ipv4Addr = super::ipam::parse_ip(&dashed.replace('-', "."))?;
            Some(Answer::PodAddress {
                fqdn: fqdn.to_owned(),
                ip,
            })
        }
        _ => None,
    }
}

fn service_answer(s: &Service, fqdn: &str) -> Answer {
    let (namespace, service) = (s.namespace.clone(), s.name.clone());
    if s.spec.service_type == ServiceType::ExternalName {
        return Answer::Alias {
            fqdn: fqdn.to_owned(),
            namespace,
            service,
            target: s.spec.external_name.clone().unwrap_or_default(),
        };
    }
    match s.cluster_ip {
        Some(ip) => Answer::ClusterIp {
            fqdn: fqdn.to_owned(),
            namespace,
            service,
            ip,
        },
        None => Answer::Pods {
            fqdn: fqdn.to_owned(),
            namespace,
            service,
            ips: s
                .endpoints
                .iter()
                .filter(|e| e.ready)
                .map(|e| e.ip)
                .collect(),
        },
    }
}
