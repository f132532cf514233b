//! Requests, hop by hop, as kube-proxy, CoreDNS and load balancers carry them (rules 1.3,
//! 1.8–1.24, 2.1–2.8).

use super::outcome::{Hop, HopKind, Place, RequestOutcome};
use super::pods::running_pod;
use crate::cluster::dns::{self, Answer};
use crate::cluster::ipam::{parse_ip, DNS_SERVICE_IP};
use crate::cluster::{Cluster, Endpoint, LoadBalancer, Service};
use crate::model::{ServiceType, TrafficPolicy};
use crate::rng::Rng;
use crate::scenario::{Client, Millis};
use crate::sorted::VecMap;
use crate::text::Text;
use std::net::Ipv4Addr;

/// The lecture's laptop on the nodes' host-only network.
pub const OUTSIDE_IP: Ipv4Addr = Ipv4Addr::new(192, 168, 56, 1);
/// A client on the internet (TEST-NET-2, a documentation address).
pub const INTERNET_IP: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 23);

/// Traffic state that outlives one request: session affinity and hit counts.
#[derive(Clone, Debug)]
pub struct Traffic {
    /// Randomness of backend choice (separate from the cluster's, so sending a request
    /// never changes which names new pods get).
    pub rng: Rng,
    /// `(service, client IP)` → `(backend IP, expiry)`.
    pub affinity: VecMap<(String, Ipv4Addr), (Ipv4Addr, Millis)>,
    /// Requests each pod (`namespace/name`) answered.
    pub hits: VecMap<String, u64>,
}

/// Who sends, in network terms.
struct Sender {
    place: Place,
    ip: Ipv4Addr,
    /// The node whose kube-proxy rules the packet meets first (in-cluster clients).
    node: Option<String>,
    /// The namespace whose DNS search path applies (pods only).
    namespace: Option<String>,
    /// Where the sender is.
    location: Location,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Location {
    Pod,
    Node,
    Outside,
    Internet,
}

fn node_place(cluster: &Cluster, name: &str) -> Place {
    Place::Node {
        name: name.to_owned(),
        ip: cluster
            .node(name)
            .map_or_else(String::new, |n| n.ip.to_string()),
    }
}

fn endpoint_place(cluster: &Cluster, e: &Endpoint) -> Place {
    match e.pod.and_then(|uid| cluster.pod_by_uid(uid)) {
        Some(p) => Place::Pod {
            namespace: p.namespace.clone(),
            name: p.name.clone(),
            node: p.node.clone().unwrap_or_default(),
            ip: e.ip.to_string(),
        },
        None => Place::External {
            host: e.ip.to_string(),
        },
    }
}

/// One request being routed.
struct Route<'c, 't> {
    cluster: &'c Cluster,
    traffic: &'t mut Traffic,
    hops: Vec<Hop>,
}

/// Why and where a request was dropped (boxed: it is the rare path).
type Lost = Box<(Text, Place)>;

fn lost(reason: Text, at: Place) -> Lost {
    Box::new((reason, at))
}

type Routed = Result<Option<String>, Lost>;

impl Route<'_, '_> {
    fn hop(&mut self, kind: HopKind, from: Place, to: Place, address: String, note: Text) {
        self.hops.push(Hop {
            kind,
            from,
            to,
            address,
            note,
        });
    }

    /// Picks a backend as kube-proxy does: ready endpoints (or, when none is ready,
    /// serving terminating ones, rule 1.15), only those on `local_node` under a Local
    /// policy (1.20, 1.23), the same one again under ClientIP affinity (1.19), else at
    /// random (1.17).
    fn choose(
        &mut self,
        service: &Service,
        port: usize,
        local_node: Option<&str>,
        client: Ipv4Addr,
    ) -> Result<Endpoint, Text> {
        let serves = |e: &&Endpoint| e.ports.get(port).copied().flatten().is_some();
        let scope = |e: &&Endpoint| local_node.is_none_or(|n| e.node.as_deref() == Some(n));
        let mut usable: Vec<&Endpoint> = service
            .endpoints
            .iter()
            .filter(serves)
            .filter(scope)
            .filter(|e| e.ready)
            .collect();
        if usable.is_empty() {
            usable = service
                .endpoints
                .iter()
                .filter(serves)
                .filter(scope)
                .filter(|e| e.serving && e.terminating)
                .collect();
        }
        if usable.is_empty() && service.builtin && service.name == "kube-dns" {
            return Err(Text::new(
                "kubeglass does not simulate the CoreDNS pods behind kube-dns: each request shows its DNS lookup as a dns hop instead",
                "kubeglass는 kube-dns 뒤의 CoreDNS 파드를 시뮬레이션하지 않습니다: 각 요청의 DNS 조회가 dns 단계로 나타납니다",
            ));
        }
        if usable.is_empty() {
            return Err(match local_node {
                Some(node) => Text::new(
                    format!("dropped at {node}: the traffic policy is Local and {node} has no ready endpoint of {}", service.name),
                    format!("{node}에서 버려짐: 트래픽 정책이 Local인데 {node}에 {}의 준비된 엔드포인트가 없습니다", service.name),
                ),
                None => Text::new(
                    format!("rejected: Service {} has no ready endpoints, so kube-proxy rejects the connection", service.name),
                    format!("거부됨: 서비스 {}에 준비된 엔드포인트가 없어 kube-proxy가 연결을 거부합니다", service.name),
                ),
            });
        }
        let key = (service.key(), client);
        let remembered = service
            .spec
            .session_affinity
            .then(|| self.traffic.affinity.get(&key))
            .flatten()
            .filter(|(_, expires)| *expires > self.cluster.now)
            .and_then(|(ip, _)| usable.iter().find(|e| e.ip == *ip));
        let pick = match remembered {
            Some(e) => (*e).clone(),
            None => usable[self.traffic.rng.index(usable.len())].clone(),
        };
        if service.spec.session_affinity {
            // The timer restarts with every connection of the client (rule 1.19).
            let timeout =
                u64::try_from(service.spec.affinity_timeout_seconds).unwrap_or(10_800) * 1000;
            self.traffic
                .affinity
                .insert(key, (pick.ip, self.cluster.now + timeout));
        }
        Ok(pick)
    }

    /// From kube-proxy's rules on `node` to the pod: the rewrite, the hop across nodes if
    /// the backend lives elsewhere, and the delivery.
    fn through_proxy(
        &mut self,
        service: &Service,
        port: usize,
        node: &str,
        arrived_as: String,
        local: bool,
        client: Ipv4Addr,
    ) -> Routed {
        let cluster = self.cluster;
        if !cluster.node(node).is_some_and(|n| n.is_up()) {
            return Err(lost(
                Text::new(
                    format!("lost at {node}: the node is down and answers nothing"),
                    format!("{node}에서 유실: 노드가 다운되어 응답하지 않습니다"),
                ),
                node_place(cluster, node),
            ));
        }
        let here = node_place(cluster, node);
        let endpoint = self
            .choose(service, port, local.then_some(node), client)
            .map_err(|reason| lost(reason, here.clone()))?;
        let target_port = endpoint.ports[port].unwrap_or_default();
        let target = format!("{}:{target_port}", endpoint.ip);
        let backend = endpoint
            .pod_name
            .clone()
            .unwrap_or_else(|| endpoint.ip.to_string());
        let choices = service.endpoints.iter().filter(|e| e.ready).count();
        self.hop(
            HopKind::Rewrite,
            here.clone(),
            here.clone(),
            arrived_as.clone(),
            Text::new(
                format!("kube-proxy's rules on {node} rewrite {arrived_as} to {target} ({backend}, one of {choices} ready endpoints)"),
                format!("{node}의 kube-proxy 규칙이 {arrived_as}를 {target}({backend}, 준비된 엔드포인트 {choices}개 중 하나)로 바꿉니다"),
            ),
        );
        let backend_node = endpoint.node.clone().unwrap_or_default();
        let mut at = here;
        if !backend_node.is_empty() && backend_node != node {
            let there = node_place(cluster, &backend_node);
            self.hop(
                HopKind::Forward,
                at,
                there.clone(),
                target.clone(),
                Text::new(
                    format!("crosses from {node} to {backend_node} over the pod network"),
                    format!("파드 네트워크를 통해 {node}에서 {backend_node}로 넘어갑니다"),
                ),
            );
            at = there;
            if !cluster.node(&backend_node).is_some_and(|n| n.is_up()) {
                return Err(lost(
                    Text::new(
                        format!("lost at {backend_node}: {backend} is on a node that is down; the connection times out (kube-proxy does not retry another pod)"),
                        format!("{backend_node}에서 유실: {backend}가 다운된 노드에 있어 연결이 시간 초과됩니다 (kube-proxy는 다른 파드로 재시도하지 않습니다)"),
                    ),
                    at,
                ));
            }
        }
        self.deliver(at, &endpoint, target)
    }

    fn deliver(&mut self, from: Place, endpoint: &Endpoint, target: String) -> Routed {
        let to = endpoint_place(self.cluster, endpoint);
        let who = endpoint
            .pod_name
            .clone()
            .unwrap_or_else(|| endpoint.ip.to_string());
        self.hop(
            HopKind::Deliver,
            from,
            to.clone(),
            target.clone(),
            Text::new(
                format!("{who} receives it on {target}"),
                format!("{who}가 {target}에서 받습니다"),
            ),
        );
        Ok(match to {
            Place::Pod {
                namespace, name, ..
            } => Some(format!("{namespace}/{name}")),
            _ => None,
        })
    }
}

/// Where a target address leads.
enum Destination<'c> {
    ServiceIp(&'c Service, usize),
    NodePort(&'c Service, usize, String),
    ExternalIp(&'c Service, usize, String),
    Balancer(&'c Service, usize),
    Headless(&'c Service, Vec<Ipv4Addr>, u16),
    Alias(&'c Service, String, u16),
    PodIp(Ipv4Addr, u16),
}

/// The port part of a target: absent, a number, or a name (a Service port's name, or for a
/// node, the Service whose NodePort is meant).
#[derive(Clone, Debug, PartialEq, Eq)]
enum PortSpec {
    None,
    Number(u16),
    Name(String),
}

impl PortSpec {
    fn number(&self) -> Option<u16> {
        match self {
            PortSpec::Number(n) => Some(*n),
            _ => None,
        }
    }
}

fn port_index(service: &Service, port: &PortSpec) -> Result<usize, Text> {
    match port {
        PortSpec::None if !service.ports.is_empty() => Ok(0),
        PortSpec::Name(name) => service.ports.iter().position(|sp| sp.name.as_deref() == Some(name.as_str())).ok_or_else(|| {
            Text::new(
                format!("Service {} has no port named {name}", service.name),
                format!("서비스 {}에 이름이 {name}인 포트가 없습니다", service.name),
            )
        }),
        PortSpec::Number(p) => service.ports.iter().position(|sp| sp.port == *p).ok_or_else(|| {
            let offered = service.ports.iter().map(|p| p.port.to_string()).collect::<Vec<_>>().join(", ");
            Text::new(
                format!("Service {} has no port {p} (it offers {offered}); no kube-proxy rule matches and the connection times out", service.name),
                format!("서비스 {}에는 포트 {p}가 없습니다 ({offered}만 있음). 맞는 kube-proxy 규칙이 없어 연결이 시간 초과됩니다", service.name),
            )
        }),
        PortSpec::None => Err(Text::new(
            format!("Service {} has no ports", service.name),
            format!("서비스 {}에 포트가 없습니다", service.name),
        )),
    }
}

fn split_target(target: &str) -> (&str, PortSpec) {
    match target.rsplit_once(':') {
        Some((host, port)) => match port.parse::<u16>() {
            Ok(n) => (host, PortSpec::Number(n)),
            Err(_) if !port.is_empty() => (host, PortSpec::Name(port.to_owned())),
            Err(_) => (host, PortSpec::None),
        },
        None => (target, PortSpec::None),
    }
}

/// Sends one request; never panics on any input.
pub fn send(cluster: &Cluster, traffic: &mut Traffic, from: &Client, to: &str) -> RequestOutcome {
    let mut route = Route {
        cluster,
        traffic,
        hops: Vec::new(),
    };
    let result = sender(cluster, from).and_then(|s| route_from(&mut route, &s, to));
    let hops = std::mem::take(&mut route.hops);
    match result {
        Ok(pod) => {
            if let Some(p) = &pod {
                *traffic.hits.entry(p.clone()).or_insert(0) += 1;
            }
            RequestOutcome {
                delivered: true,
                hops,
                pod,
                drop_reason: None,
                dropped_at: None,
            }
        }
        Err(dropped) => {
            let (reason, place) = *dropped;
            RequestOutcome {
                delivered: false,
                hops,
                pod: None,
                drop_reason: Some(reason),
                dropped_at: Some(place),
            }
        }
    }
}

fn sender(cluster: &Cluster, from: &Client) -> Result<Sender, Lost> {
    Ok(match from {
        Client::Outside => Sender {
            place: Place::Outside {
                ip: OUTSIDE_IP.to_string(),
            },
            ip: OUTSIDE_IP,
            node: None,
            namespace: None,
            location: Location::Outside,
        },
        Client::Internet => Sender {
            place: Place::Internet {
                ip: INTERNET_IP.to_string(),
            },
            ip: INTERNET_IP,
            node: None,
            namespace: None,
            location: Location::Internet,
        },
        Client::Node(name) => {
            let node = cluster.node(name).ok_or_else(|| {
                lost(
                    Text::new(
                        format!("there is no node {name}"),
                        format!("노드 {name}이(가) 없습니다"),
                    ),
                    Place::Outside {
                        ip: OUTSIDE_IP.to_string(),
                    },
                )
            })?;
            Sender {
                place: node_place(cluster, name),
                ip: node.ip,
                node: Some(name.clone()),
                namespace: None,
                location: Location::Node,
            }
        }
        Client::Pod(reference) => {
            let i = running_pod(cluster, reference)
                .map_err(|why| lost(why, Place::Outside { ip: String::new() }))?;
            let pod = &cluster.pods[i];
            let node = pod.node.clone().unwrap_or_default();
            Sender {
                place: Place::Pod {
                    namespace: pod.namespace.clone(),
                    name: pod.name.clone(),
                    node: node.clone(),
                    ip: pod.ip.map_or_else(String::new, |ip| ip.to_string()),
                },
                ip: pod.ip.unwrap_or(Ipv4Addr::UNSPECIFIED),
                node: Some(node),
                namespace: pod.spec.uses_cluster_dns().then(|| pod.namespace.clone()),
                location: Location::Pod,
            }
        }
    })
}

fn route_from(route: &mut Route<'_, '_>, sender: &Sender, to: &str) -> Routed {
    let cluster = route.cluster;
    let (host, port) = split_target(to.trim());
    let destination = destination(route, sender, host, port)?;
    let inside = matches!(sender.location, Location::Pod | Location::Node);
    let client_node = sender.node.clone().unwrap_or_default();
    match destination {
        Destination::ServiceIp(service, p) => {
            let ip = service.cluster_ip.unwrap_or(Ipv4Addr::UNSPECIFIED);
            let address = format!("{ip}:{}", service.ports[p].port);
            if !inside {
                return Err(lost(
                    Text::new(
                        format!("{ip} is a ClusterIP: it exists only in the nodes' kube-proxy rules, so nothing outside the cluster can reach it (use a NodePort or LoadBalancer)"),
                        format!("{ip}은(는) ClusterIP입니다: 노드의 kube-proxy 규칙 안에만 있어 클러스터 밖에서는 닿을 수 없습니다 (NodePort나 LoadBalancer를 쓰세요)"),
                    ),
                    sender.place.clone(),
                ));
            }
            let node = node_place(cluster, &client_node);
            if sender.location == Location::Pod {
                route.hop(
                    HopKind::Send,
                    sender.place.clone(),
                    node,
                    address.clone(),
                    Text::new(
                        format!("leaves the pod for {address}; no machine owns that address, the rules on {client_node} handle it"),
                        format!("{address}로 파드를 떠납니다. 이 주소를 가진 머신은 없고 {client_node}의 규칙이 처리합니다"),
                    ),
                );
            }
            let local = service.spec.internal_traffic_policy == TrafficPolicy::Local;
            route.through_proxy(service, p, &client_node, address, local, sender.ip)
        }
        Destination::NodePort(service, p, node) => {
            let node_port = service.ports[p].node_port.unwrap_or_default();
            let node_ip = cluster
                .node(&node)
                .map_or_else(String::new, |n| n.ip.to_string());
            let address = format!("{node_ip}:{node_port}");
            route.hop(
                HopKind::Send,
                sender.place.clone(),
                node_place(cluster, &node),
                address.clone(),
                Text::new(
                    format!("goes to {node}'s NodePort {node_port} (every node opens it, with or without a backend)"),
                    format!("{node}의 NodePort {node_port}로 갑니다 (백엔드가 있든 없든 모든 노드가 엽니다)"),
                ),
            );
            let local = service.spec.external_traffic_policy == TrafficPolicy::Local;
            route.through_proxy(service, p, &node, address, local, sender.ip)
        }
                Destination::ExternalIp(service, p, node) => {
            let address = format!("{}:{}", host, service.ports[p].port);
            let note = if inside {
                Text::new(
                    format!("leaves for {host}, an externalIP of {}: kube-proxy's rules on {node} catch it", service.name),
                    format!("{}의 externalIP {host}로 떠나지만 {node}의 kube-proxy 규칙이 가로챕니다", service.name),
                )
            } else {
                Text::new(
                    format!("goes to {host}, an externalIP of {}; it reaches {node} because the network sends that address there", service.name),
                    format!("{}의 externalIP {host}로 갑니다. 네트워크가 그 주소를 {node}로 보내므로 {node}에 닿습니다", service.name),
                )
            };
            if sender.location != Location::Node {
                route.hop(HopKind::Send, sender.place.clone(), node_place(cluster, &node), address.clone(), note);
            }
            let local = !inside && service.spec.external_traffic_policy == TrafficPolicy::Local;
            route.through_proxy(service, p, &node, address, local, sender.ip)
        }
        Destination::Balancer(service, p) => balance(route, sender, service, p, inside),
        Destination::Headless(service, ips, port) => {
            let Some(&ip) = ips.get(route.traffic.rng.index(ips.len().max(1))) else {
                return Err(lost(
                    Text::new(
                        format!(
                            "headless Service {} has no ready pods, so DNS answers no address",
                            service.name
                        ),
                        format!(
                            "헤드리스 서비스 {}에 준비된 파드가 없어 DNS가 주소를 주지 않습니다",
                            service.name
                        ),
                    ),
                    Place::Dns {
                        ip: DNS_SERVICE_IP.to_string(),
                    },
                ));
            };
            direct(route, sender, ip, port)
        }
                Destination::Alias(service, target, _) if parse_ip(&target).is_some() => Err(lost(
            Text::new(
                format!("{} is a CNAME to \"{target}\", which DNS treats as a name, and no such name exists: the lookup fails (rule 1.11)", service.name),
                format!("{}는 \"{target}\"의 CNAME인데, DNS는 이를 이름으로 다루고 그런 이름은 없어 조회가 실패합니다 (규칙 1.11)", service.name),
            ),
            Place::Dns { ip: DNS_SERVICE_IP.to_string() },
        )),
        Destination::Alias(service, target, port) => {
            let address = format!("{target}:{port}");
            route.hop(
                HopKind::Send,
                sender.place.clone(),
                Place::External { host: target.clone() },
                address,
                Text::new(
                    format!("leaves the cluster for {target}: {} is only a DNS alias, kube-proxy has no rules for it and cannot remap ports", service.name),
                    format!("{target}로 클러스터를 떠납니다: {}는 DNS 별칭일 뿐이라 kube-proxy 규칙이 없고 포트도 바꿀 수 없습니다", service.name),
                ),
            );
            Ok(None)
        }
        Destination::PodIp(ip, port) => direct(route, sender, ip, port),
    }
}

/// Straight to a pod's IP: no virtual IP, no rewrite (pod IPs, headless answers).
fn direct(route: &mut Route<'_, '_>, sender: &Sender, ip: Ipv4Addr, port: u16) -> Routed {
    let cluster = route.cluster;
    let address = format!("{ip}:{port}");
    let Some(pod) = cluster
        .pods
        .iter()
        .find(|p| p.ip == Some(ip) && !p.terminating)
    else {
        return Err(lost(
            Text::new(
                format!("no pod has {ip}: the connection times out"),
                format!("{ip}을(를) 가진 파드가 없어 연결이 시간 초과됩니다"),
            ),
            sender.place.clone(),
        ));
    };
    if !matches!(sender.location, Location::Pod | Location::Node) {
        return Err(lost(
            Text::new(
                format!("{ip} is a pod address: it is routed only inside the cluster"),
                format!("{ip}은(는) 파드 주소라 클러스터 안에서만 라우팅됩니다"),
            ),
            sender.place.clone(),
        ));
    }
    let from_node = sender.node.clone().unwrap_or_default();
    let pod_node = pod.node.clone().unwrap_or_default();
    let mut at = node_place(cluster, &from_node);
    if sender.location == Location::Pod {
        route.hop(
            HopKind::Send,
            sender.place.clone(),
            at.clone(),
            address.clone(),
            Text::new(
                format!("goes straight to {address}: no virtual IP, no kube-proxy rewrite"),
                format!("{address}로 곧장 갑니다: 가상 IP도, kube-proxy 변환도 없습니다"),
            ),
        );
    }
    if pod_node != from_node {
        let there = node_place(cluster, &pod_node);
        route.hop(
            HopKind::Forward,
            at,
            there.clone(),
            address.clone(),
            Text::new(
                format!("crosses from {from_node} to {pod_node} over the pod network"),
                format!("파드 네트워크를 통해 {from_node}에서 {pod_node}로 넘어갑니다"),
            ),
        );
        at = there;
    }
    if !cluster.node(&pod_node).is_some_and(|n| n.is_up()) || !pod.serves() {
        return Err(lost(
            Text::new(
                format!(
                    "{} does not answer: it is not ready or its node is down",
                    pod.name
                ),
                format!(
                    "{}가 응답하지 않습니다: 준비되지 않았거나 노드가 다운되었습니다",
                    pod.name
                ),
            ),
            at,
        ));
    }
    let endpoint = Endpoint {
        ip,
        pod: Some(pod.uid),
        pod_name: Some(pod.name.clone()),
        node: pod.node.clone(),
        ready: true,
        serving: true,
        terminating: false,
        ports: vec![Some(port)],
    };
    route.deliver(at, &endpoint, address)
}

/// Through a cloud load balancer to a node's NodePort (rules 1.9, 1.10, 1.21, 1.22).
fn balance(
    route: &mut Route<'_, '_>,
    sender: &Sender,
    service: &Service,
    p: usize,
    inside: bool,
) -> Routed {
    let cluster = route.cluster;
    let LoadBalancer::Ready(address) = &service.load_balancer else {
        return Err(lost(
            Text::new(
                format!("LoadBalancer {} has no external address (kubectl shows <pending>): no cloud controller gave it one. Its ClusterIP and NodePort still work", service.name),
                format!("LoadBalancer {}에 외부 주소가 없습니다 (kubectl에서 <pending>): 클라우드 컨트롤러가 주지 않았습니다. ClusterIP와 NodePort는 그대로 동작합니다", service.name),
            ),
            sender.place.clone(),
        ));
    };
    let port = service.ports[p].port;
    let lb = Place::LoadBalancer {
        namespace: service.namespace.clone(),
        service: service.name.clone(),
        address: address.clone(),
    };
    if inside {
        // In-cluster clients to a LoadBalancer IP are short-circuited by kube-proxy, with
        // Cluster semantics (rule 1.22).
        let node = sender.node.clone().unwrap_or_default();
        let target = format!("{address}:{port}");
        if sender.location == Location::Pod {
            route.hop(
                HopKind::Send,
                sender.place.clone(),
                node_place(cluster, &node),
                target.clone(),
                Text::new(
                    format!("heads for the load balancer {target}, but kube-proxy on {node} catches it first"),
                    format!("로드밸런서 {target}로 향하지만 {node}의 kube-proxy가 먼저 가로챕니다"),
                ),
            );
        }
        return route.through_proxy(service, p, &node, target, false, sender.ip);
    }
    route.hop(
        HopKind::Send,
        sender.place.clone(),
        lb.clone(),
        format!("{address}:{port}"),
        Text::new(
            format!(
                "goes to the load balancer of {} at {address}:{port}",
                service.name
            ),
            format!("{}의 로드밸런서 {address}:{port}로 갑니다", service.name),
        ),
    );
    let local = service.spec.external_traffic_policy == TrafficPolicy::Local;
    // Targets: healthy worker nodes (kubeadm labels control planes to be excluded); under
    // Local, only nodes whose health check port reports a local endpoint (rule 1.21).
    let targets: Vec<&str> = cluster
        .nodes
        .iter()
        .filter(|n| n.is_up() && !n.control_plane)
        .filter(|n| {
            !local
                || service
                    .endpoints
                    .iter()
                    .any(|e| e.ready && e.node.as_deref() == Some(n.name.as_str()))
        })
        .map(|n| n.name.as_str())
        .collect();
    if targets.is_empty() {
        return Err(lost(
            Text::new(
                format!(
                    "the load balancer has no healthy node to send to{}",
                    if local {
                        " (policy Local: no node has a ready endpoint)"
                    } else {
                        ""
                    }
                ),
                format!(
                    "로드밸런서가 보낼 정상 노드가 없습니다{}",
                    if local {
                        " (Local 정책: 준비된 엔드포인트가 있는 노드가 없음)"
                    } else {
                        ""
                    }
                ),
            ),
            lb,
        ));
    }
    let node = targets[route.traffic.rng.index(targets.len())].to_owned();
    let node_port = service.ports[p].node_port;
    let node_ip = cluster
        .node(&node)
        .map_or_else(String::new, |n| n.ip.to_string());
    let via = node_port.map_or_else(
        || format!("{node_ip}:{port}"),
        |np| format!("{node_ip}:{np}"),
    );
    let health = if local {
        Text::new(
            format!(
                " (policy Local: only nodes with a ready endpoint pass health checks on port {})",
                service.health_check_node_port.unwrap_or_default()
            ),
            format!(
                " (Local 정책: 준비된 엔드포인트가 있는 노드만 {} 포트의 헬스 체크를 통과)",
                service.health_check_node_port.unwrap_or_default()
            ),
        )
    } else {
        Text::new(
            " (it health-checks every node)",
            " (모든 노드를 헬스 체크합니다)",
        )
    };
    route.hop(
        HopKind::Balance,
        lb,
        node_place(cluster, &node),
        via.clone(),
        Text::new(
            format!("the load balancer sends it to {node} at {via}{}", health.en),
            format!("로드밸런서가 {node}의 {via}로 보냅니다{}", health.ko),
        ),
    );
    route.through_proxy(service, p, &node, via, local, sender.ip)
}

fn unreachable_from(sender: &Sender, what: &str, what_ko: &str) -> Lost {
    lost(
        Text::new(
            format!(
                "{what} is not reachable from {}",
                if sender.location == Location::Internet {
                    "the internet"
                } else {
                    "outside the cluster"
                }
            ),
            format!(
                "{what_ko}은(는) {}에서 닿을 수 없습니다",
                if sender.location == Location::Internet {
                    "인터넷"
                } else {
                    "클러스터 밖"
                }
            ),
        ),
        sender.place.clone(),
    )
}

/// Works out where `host:port` leads, with a DNS hop for names.
fn destination<'c>(
    route: &mut Route<'c, '_>,
    sender: &Sender,
    host: &str,
    port: PortSpec,
) -> Result<Destination<'c>, Lost> {
    let cluster = route.cluster;
    let not_found =
        |what: String, what_ko: String| lost(Text::new(what, what_ko), sender.place.clone());
    // `lb/<service>` or `lb/<namespace>/<service>`: the Service's load balancer.
    if let Some(rest) = host
        .strip_prefix("lb/")
        .or_else(|| host.strip_prefix("loadbalancer/"))
    {
        let (namespace, name) = rest.split_once('/').unwrap_or(("default", rest));
        let service = cluster.service(namespace, name).ok_or_else(|| {
            not_found(
                format!("there is no Service {namespace}/{name}"),
                format!("서비스 {namespace}/{name}이(가) 없습니다"),
            )
        })?;
        if service.spec.service_type != ServiceType::LoadBalancer {
            return Err(not_found(
                format!(
                    "Service {name} is {}, not LoadBalancer: it has no load balancer",
                    service.spec.service_type.as_str()
                ),
                format!(
                    "서비스 {name}은(는) LoadBalancer가 아니라 {}라 로드밸런서가 없습니다",
                    service.spec.service_type.as_str()
                ),
            ));
        }
        let p = port_index(service, &port).map_err(|t| lost(t, sender.place.clone()))?;
        return Ok(Destination::Balancer(service, p));
    }
    if let Some(node) = cluster.node(host) {
        return node_destination(cluster, sender, node, &port);
    }
    if let Some(ip) = parse_ip(host) {
        return ip_destination(cluster, sender, ip, &port);
    }
    // A name: only pods use cluster DNS (nodes and outside clients do not).
    let Some(namespace) = sender.namespace.clone() else {
        let (who, who_ko) = match sender.location {
            Location::Node => ("a node's resolver does not know cluster names", "노드의 리졸버는 클러스터 이름을 모릅니다"),
            Location::Pod => (
                "this pod's dnsPolicy sends lookups to the node's resolver, which does not know cluster names (rule 2.7)",
                "이 파드의 dnsPolicy는 노드의 리졸버를 쓰며, 노드 리졸버는 클러스터 이름을 모릅니다 (규칙 2.7)",
            ),
            _ => ("only pods use cluster DNS", "클러스터 DNS는 파드만 씁니다"),
        };
        return Err(not_found(
            format!("{host} does not resolve: {who}"),
            format!("{host}은(는) 해석되지 않습니다: {who_ko}"),
        ));
    };
    let answer = dns::resolve(cluster, host, &namespace);
    let dns_place = Place::Dns {
        ip: DNS_SERVICE_IP.to_string(),
    };
    let (note, result) = match answer {
        Answer::ClusterIp {
            fqdn,
            namespace,
            service,
            ip,
        } => {
            let s = service_of(cluster, sender, &namespace, &service)?;
            (
                Text::new(
                    format!("{host} → {fqdn} → {ip}"),
                    format!("{host} → {fqdn} → {ip}"),
                ),
                port_index(s, &port).map(|p| Destination::ServiceIp(s, p)),
            )
        }
        Answer::Pods {
            fqdn,
            namespace,
            service,
            ips,
        } => {
            let s = service_of(cluster, sender, &namespace, &service)?;
            let list = ips
                .iter()
                .map(Ipv4Addr::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let shown = if list.is_empty() {
                "no address".to_owned()
            } else {
                list
            };
            let port = match &port {
                PortSpec::Name(name) => s
                    .ports
                    .iter()
                    .find(|p| p.name.as_deref() == Some(name.as_str()))
                    .map(|p| p.port),
                other => other.number(),
            }
            .or_else(|| s.ports.first().map(|p| p.port))
            .unwrap_or(80);
            (
                Text::new(
                    format!("{host} → {fqdn} → {shown} (headless: pod IPs, no virtual IP)"),
                    format!("{host} → {fqdn} → {shown} (헤드리스: 가상 IP 없이 파드 IP)"),
                ),
                Ok(Destination::Headless(s, ips, port)),
            )
        }
        Answer::Alias {
            fqdn,
            namespace,
            service,
            target,
        } => {
            let s = service_of(cluster, sender, &namespace, &service)?;
            (
                Text::new(
                    format!("{host} → {fqdn} is a CNAME to {target}"),
                    format!("{host} → {fqdn}은(는) {target}의 CNAME입니다"),
                ),
                Ok(Destination::Alias(s, target, port.number().unwrap_or(80))),
            )
        }
        Answer::PodAddress { fqdn, ip } => (
            Text::new(
                format!("{host} → {fqdn} → {ip}"),
                format!("{host} → {fqdn} → {ip}"),
            ),
            Ok(Destination::PodIp(ip, port.number().unwrap_or(80))),
        ),
        Answer::NotFound { tried } => {
            let list = tried.join(", ");
            route.hop(
                HopKind::Dns,
                sender.place.clone(),
                dns_place.clone(),
                host.to_owned(),
                Text::new(
                    format!("{host}: no such name (tried {list})"),
                    format!("{host}: 없는 이름 ({list} 시도)"),
                ),
            );
            return Err(lost(
                Text::new(
                    format!("{host} does not resolve from namespace {namespace} (NXDOMAIN); tried {list}"),
                    format!("{host}은(는) 네임스페이스 {namespace}에서 해석되지 않습니다 (NXDOMAIN): {list} 시도"),
                ),
                dns_place,
            ));
        }
    };
    route.hop(
        HopKind::Dns,
        sender.place.clone(),
        dns_place,
        host.to_owned(),
        note,
    );
    result.map_err(|t| lost(t, sender.place.clone()))
}

fn service_of<'c>(
    cluster: &'c Cluster,
    sender: &Sender,
    namespace: &str,
    name: &str,
) -> Result<&'c Service, Lost> {
    cluster.service(namespace, name).ok_or_else(|| {
        lost(
            Text::new(
                format!("there is no Service {namespace}/{name}"),
                format!("서비스 {namespace}/{name}이(가) 없습니다"),
            ),
            sender.place.clone(),
        )
    })
}

fn node_destination<'c>(
    cluster: &'c Cluster,
    sender: &Sender,
    node: &'c crate::cluster::Node,
    port: &PortSpec,
) -> Result<Destination<'c>, Lost> {
    let ip = node.ip;
    if sender.location == Location::Internet {
        return Err(unreachable_from(
            sender,
            &format!("{ip} ({}, a private address)", node.name),
            &format!("{ip} ({}, 사설 주소)", node.name),
        ));
    }
    // `node:service` means that Service's NodePort on the node.
    if let PortSpec::Name(name) = port {
        let (namespace, service) = name.split_once('/').unwrap_or(("default", name));
        let s = service_of(cluster, sender, namespace, service)?;
        return match s.ports.iter().position(|p| p.node_port.is_some()) {
            Some(p) => Ok(Destination::NodePort(s, p, node.name.clone())),
            None => Err(lost(
                Text::new(
                    format!(
                        "Service {service} has no NodePort: it is {}",
                        s.spec.service_type.as_str()
                    ),
                    format!(
                        "서비스 {service}에는 NodePort가 없습니다: {} 타입입니다",
                        s.spec.service_type.as_str()
                    ),
                ),
                sender.place.clone(),
            )),
        };
    }
    let port = port.number().unwrap_or(80);
    for service in &cluster.services {
        if service
            .spec
            .external_ips
            .iter()
            .any(|e| parse_ip(e) == Some(ip))
        {
            if let Some(p) = service.ports.iter().position(|sp| sp.port == port) {
                return Ok(Destination::ExternalIp(service, p, node.name.clone()));
            }
        }
    }
    for service in &cluster.services {
        if let Some(p) = service
            .ports
            .iter()
            .position(|sp| sp.node_port == Some(port))
        {
            return Ok(Destination::NodePort(service, p, node.name.clone()));
        }
    }
    Err(lost(
        Text::new(
            format!(
                "nothing listens on {}:{port}: no Service has NodePort {port}",
                node.name
            ),
            format!(
                "{}:{port}에서 받는 것이 없습니다: NodePort {port}인 서비스가 없습니다",
                node.name
            ),
        ),
        sender.place.clone(),
    ))
}

fn ip_destination<'c>(
    cluster: &'c Cluster,
    sender: &Sender,
    ip: Ipv4Addr,
    port: &PortSpec,
) -> Result<Destination<'c>, Lost> {
    if let Some(node) = cluster.nodes.iter().find(|n| n.ip == ip) {
        return node_destination(cluster, sender, node, port);
    }
    if let Some(service) = cluster.services.iter().find(|s| s.cluster_ip == Some(ip)) {
        let p = port_index(service, port).map_err(|t| lost(t, sender.place.clone()))?;
        return Ok(Destination::ServiceIp(service, p));
    }
    if let Some(service) = cluster
        .services
        .iter()
        .find(|s| matches!(&s.load_balancer, LoadBalancer::Ready(a) if parse_ip(a) == Some(ip)))
    {
        let p = port_index(service, port).map_err(|t| lost(t, sender.place.clone()))?;
        return Ok(Destination::Balancer(service, p));
    }
    if let Some(service) = cluster
        .services
        .iter()
        .find(|s| s.spec.external_ips.iter().any(|e| parse_ip(e) == Some(ip)))
    {
        // kube-proxy has rules for externalIPs on every node: a client inside the cluster
        // meets them on its own node, whoever owns the address (rules 1.22, 1.24).
        if let Some(node) = sender.node.clone() {
            let p = port_index(service, port).map_err(|t| lost(t, sender.place.clone()))?;
            return Ok(Destination::ExternalIp(service, p, node));
        }
        return Err(lost(
            Text::new(
                format!("{ip} is an externalIP of {}, but no node has that address: Kubernetes neither assigns externalIPs nor routes them", service.name),
                format!("{ip}은(는) {}의 externalIP지만 그 주소를 가진 노드가 없습니다: 쿠버네티스는 externalIP를 할당하지도 라우팅하지도 않습니다", service.name),
            ),
            sender.place.clone(),
        ));
    }
    if cluster.pods.iter().any(|p| p.ip == Some(ip)) {
        return Ok(Destination::PodIp(ip, port.number().unwrap_or(80)));
    }
    Err(lost(
        Text::new(
            format!("no route to {ip}: nothing in the cluster has that address"),
            format!("{ip}로 가는 경로가 없습니다: 클러스터에 그 주소가 없습니다"),
        ),
        sender.place.clone(),
    ))
}
