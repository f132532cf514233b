//! ConfigMaps, Secrets, Ingresses, NetworkPolicies and PodDisruptionBudgets.

use super::{IntOrString, LabelSelector};

/// The parts of a PodDisruptionBudget the eviction API checks (rule 4.16).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DisruptionBudget {
    /// The pods it covers; none when unset (`policy/v1`), all in its namespace when empty.
    pub selector: Option<LabelSelector>,
    /// `minAvailable`: a count or a percentage.
    pub min_available: Option<IntOrString>,
    /// `maxUnavailable`: a count or a percentage.
    pub max_unavailable: Option<IntOrString>,
}

/// The keys of a ConfigMap or Secret (values are never needed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigData {
    /// Keys of `data`, `binaryData` and `stringData`.
    pub keys: Vec<String>,
}

/// Where an Ingress path sends traffic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngressBackend {
    /// Host, empty for any.
    pub host: String,
    /// Path, empty for any.
    pub path: String,
    /// Backend Service.
    pub service: String,
    /// Backend port, as a number or name.
    pub port: String,
}

/// The parts of an Ingress the product uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ingress {
    /// Every backend, the default one first.
    pub backends: Vec<IngressBackend>,
}

/// The parts of a NetworkPolicy the product uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NetworkPolicy {
    /// Pods the policy applies to.
    pub pod_selector: LabelSelector,
    /// Isolates the selected pods for incoming traffic.
    pub ingress: bool,
    /// Isolates the selected pods for outgoing traffic.
    pub egress: bool,
}
