//! Reading ConfigMaps, Secrets, Ingresses, NetworkPolicies and PodDisruptionBudgets.

use super::read::Field;
use super::selectors::read_label_selector;
use super::workload::read_count;
use crate::model::{ConfigData, DisruptionBudget, Ingress, IngressBackend, NetworkPolicy};

/// The keys of a ConfigMap or Secret.
pub(crate) fn read_config_data(root: &Field<'_>) -> ConfigData {
    let mut keys = root.get("data").keys();
    keys.extend(root.get("binaryData").keys());
    keys.extend(root.get("stringData").keys());
    crate::order::sort(&mut keys);
    keys.dedup();
    ConfigData { keys }
}

/// An Ingress's backends, in `networking.k8s.io/v1` or the removed `v1beta1` shape.
pub(crate) fn read_ingress(root: &Field<'_>) -> Ingress {
    let spec = root.get("spec");
    let backend = |b: &Field<'_>, host: &str, path: &str| -> Option<IngressBackend> {
        let service = b.get("service");
        let (name, port) = if service.is_set() {
            let port = service.get("port");
            let port = port
                .get("number")
                .int()
                .map(|n| n.to_string())
                .or_else(|| port.get("name").str())
                .unwrap_or_default();
            (service.get("name").string(), port)
        } else {
            let port = b.get("servicePort");
            let port = port
                .int()
                .map(|n| n.to_string())
                .or_else(|| port.str())
                .unwrap_or_default();
            (b.get("serviceName").string(), port)
        };
        (!name.is_empty()).then(|| IngressBackend {
            host: host.to_owned(),
            path: path.to_owned(),
            service: name,
            port,
        })
    };
    let default = spec
        .get("defaultBackend")
        .is_set()
        .then(|| spec.get("defaultBackend"))
        .or_else(|| spec.get("backend").is_set().then(|| spec.get("backend")));
    let mut backends: Vec<IngressBackend> = Vec::new();
    if let Some(d) = default {
        backends.extend(backend(&d, "", ""));
    }
    spec.get("rules").items(|rule| {
        let host = rule.get("host").string();
        rule.get("http").get("paths").items(|p| {
            let path = p.get("path").string();
            backends.extend(backend(&p.get("backend"), &host, &path));
        });
    });
    Ingress { backends }
}

/// A NetworkPolicy's selector and the directions it isolates.
pub(crate) fn read_network_policy(root: &Field<'_>) -> NetworkPolicy {
    let spec = root.get("spec");
    let types = spec.get("policyTypes").strings();
    let (ingress, egress) = if types.is_empty() {
        // Without policyTypes, Ingress always applies and Egress when egress rules exist.
        (true, spec.get("egress").is_written())
    } else {
        (
            types.iter().any(|t| t == "Ingress"),
            types.iter().any(|t| t == "Egress"),
        )
    };
    NetworkPolicy {
        pod_selector: read_label_selector(&spec.get("podSelector")).unwrap_or_default(),
        ingress,
        egress,
    }
}

/// A PodDisruptionBudget's selector and its one limit.
pub(crate) fn read_disruption_budget(root: &Field<'_>) -> DisruptionBudget {
    let spec = root.get("spec");
    DisruptionBudget {
        selector: read_label_selector(&spec.get("selector")),
        min_available: read_count(&spec.get("minAvailable")),
        max_unavailable: read_count(&spec.get("maxUnavailable")),
    }
}
