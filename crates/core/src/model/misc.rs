//! ConfigMaps, Secrets, Ingresses and NetworkPolicies.

use super::LabelSelector;

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
