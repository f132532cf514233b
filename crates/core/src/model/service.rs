//! Services, Endpoints and EndpointSlices.

use super::Labels;

/// The Service type (rules 1.1, 1.7, 1.9, 1.11).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ServiceType {
    /// A virtual IP inside the cluster (the default).
    #[default]
    ClusterIP,
    /// ClusterIP plus a port on every node.
    NodePort,
    /// NodePort plus an external load balancer.
    LoadBalancer,
    /// A DNS alias; no proxying at all.
    ExternalName,
}

impl ServiceType {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceType::ClusterIP => "ClusterIP",
            ServiceType::NodePort => "NodePort",
            ServiceType::LoadBalancer => "LoadBalancer",
            ServiceType::ExternalName => "ExternalName",
        }
    }

    /// True for the types that open node ports.
    pub fn has_node_ports(self) -> bool {
        matches!(self, ServiceType::NodePort | ServiceType::LoadBalancer)
    }
}

/// `Cluster` or `Local` (rules 1.20, 1.23).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TrafficPolicy {
    /// Any ready endpoint (the default).
    #[default]
    Cluster,
    /// Only endpoints on the receiving or sending node.
    Local,
}

impl TrafficPolicy {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TrafficPolicy::Cluster => "Cluster",
            TrafficPolicy::Local => "Local",
        }
    }
}

/// A port number or a port name (Kubernetes' IntOrString).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IntOrString {
    /// A number.
    Int(i64),
    /// A named port, resolved per pod.
    Str(String),
}

impl std::fmt::Display for IntOrString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntOrString::Int(n) => write!(f, "{n}"),
            IntOrString::Str(s) => f.write_str(s),
        }
    }
}

/// One Service port (rule 1.4).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServicePort {
    /// Name (required when there are several ports).
    pub name: Option<String>,
    /// TCP, UDP or SCTP.
    pub protocol: String,
    /// The port the virtual IP listens on.
    pub port: u16,
    /// The pod port; `None` means the same as `port`.
    pub target_port: Option<IntOrString>,
    /// The node port, when given.
    pub node_port: Option<u16>,
}

impl ServicePort {
    /// `targetPort`, defaulted to `port`.
    pub fn effective_target(&self) -> IntOrString {
        self.target_port
            .clone()
            .unwrap_or(IntOrString::Int(i64::from(self.port)))
    }
}

/// The parts of a Service the product uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceSpec {
    /// Type.
    pub service_type: ServiceType,
    /// Selector; `None` (or empty) means no selector.
    pub selector: Option<Labels>,
    /// `clusterIP` as written: an address, `None` for headless, or absent.
    pub cluster_ip: Option<String>,
    /// Ports.
    pub ports: Vec<ServicePort>,
    /// `externalIPs`.
    pub external_ips: Vec<String>,
    /// `externalName`.
    pub external_name: Option<String>,
    /// `sessionAffinity: ClientIP`.
    pub session_affinity: bool,
    /// `sessionAffinityConfig.clientIP.timeoutSeconds` (default 10800).
    pub affinity_timeout_seconds: i64,
    /// `externalTrafficPolicy`.
    pub external_traffic_policy: TrafficPolicy,
    /// `internalTrafficPolicy`.
    pub internal_traffic_policy: TrafficPolicy,
    /// `publishNotReadyAddresses`.
    pub publish_not_ready: bool,
    /// `allocateLoadBalancerNodePorts` (default true).
    pub allocate_node_ports: bool,
    /// `healthCheckNodePort`, when given.
    pub health_check_node_port: Option<u16>,
    /// `status.loadBalancer.ingress[].ip|hostname`.
    pub load_balancer_ingress: Vec<String>,
}

impl ServiceSpec {
    /// True for `clusterIP: None`.
    pub fn is_headless(&self) -> bool {
        self.cluster_ip.as_deref() == Some("None")
    }

    /// The selector when it selects something (an empty map means no selector).
    pub fn effective_selector(&self) -> Option<&Labels> {
        self.selector.as_ref().filter(|s| !s.is_empty())
    }
}

/// One endpoint address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointAddress {
    /// The IP.
    pub ip: String,
    /// `nodeName`, when given.
    pub node_name: Option<String>,
    /// The pod it points at (`targetRef.name`), when given.
    pub pod: Option<String>,
    /// Ready for traffic.
    pub ready: bool,
}

/// One endpoint port.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointPort {
    /// Matches the Service port's name.
    pub name: Option<String>,
    /// The port number.
    pub port: u16,
    /// Protocol.
    pub protocol: String,
}

/// Addresses that share a port list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointSubset {
    /// Addresses, ready or not.
    pub addresses: Vec<EndpointAddress>,
    /// Ports.
    pub ports: Vec<EndpointPort>,
}

/// A hand-written Endpoints object or EndpointSlice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointsSpec {
    /// The Service it belongs to: the object's name for Endpoints, the
    /// `kubernetes.io/service-name` label for an EndpointSlice.
    pub service: String,
    /// Subsets (an EndpointSlice is one subset).
    pub subsets: Vec<EndpointSubset>,
}
