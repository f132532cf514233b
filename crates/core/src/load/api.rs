//! Which `apiVersion` serves which kind, including versions removed from current Kubernetes.

/// The apiVersion of kubeglass's own Scenario documents.
pub const SCENARIO_API_VERSION: &str = "kubeglass/v1alpha1";

/// What an `apiVersion` means for a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ApiCheck {
    /// Served by current Kubernetes, or a kind we do not model.
    Current,
    /// Removed in the given release; the current version is named.
    Removed {
        since: &'static str,
        current: &'static str,
    },
    /// Never served this kind; the current version is named.
    Unknown { current: &'static str },
}

struct KindVersions {
    kind: &'static str,
    current: &'static str,
    removed: &'static [(&'static str, &'static str)],
}

const fn kv(
    kind: &'static str,
    current: &'static str,
    removed: &'static [(&'static str, &'static str)],
) -> KindVersions {
    KindVersions {
        kind,
        current,
        removed,
    }
}

const TABLE: &[KindVersions] = &[
    kv("Pod", "v1", &[]),
    kv("ReplicationController", "v1", &[]),
    kv("Service", "v1", &[]),
    kv("Endpoints", "v1", &[]),
    kv("Node", "v1", &[]),
    kv("PersistentVolume", "v1", &[]),
    kv("PersistentVolumeClaim", "v1", &[]),
    kv("ConfigMap", "v1", &[]),
    kv("Secret", "v1", &[]),
    kv("Namespace", "v1", &[]),
    kv(
        "Deployment",
        "apps/v1",
        &[
            ("extensions/v1beta1", "1.16"),
            ("apps/v1beta1", "1.16"),
            ("apps/v1beta2", "1.16"),
        ],
    ),
    kv(
        "ReplicaSet",
        "apps/v1",
        &[("extensions/v1beta1", "1.16"), ("apps/v1beta2", "1.16")],
    ),
    kv(
        "DaemonSet",
        "apps/v1",
        &[("extensions/v1beta1", "1.16"), ("apps/v1beta2", "1.16")],
    ),
    kv(
        "StatefulSet",
        "apps/v1",
        &[("apps/v1beta1", "1.16"), ("apps/v1beta2", "1.16")],
    ),
    kv("Job", "batch/v1", &[]),
    kv(
        "CronJob",
        "batch/v1",
        &[("batch/v1beta1", "1.25"), ("batch/v2alpha1", "1.21")],
    ),
    kv(
        "EndpointSlice",
        "discovery.k8s.io/v1",
        &[("discovery.k8s.io/v1beta1", "1.25")],
    ),
    kv(
        "StorageClass",
        "storage.k8s.io/v1",
        &[("storage.k8s.io/v1beta1", "1.22")],
    ),
    kv(
        "Ingress",
        "networking.k8s.io/v1",
        &[
            ("extensions/v1beta1", "1.22"),
            ("networking.k8s.io/v1beta1", "1.22"),
        ],
    ),
    kv(
        "NetworkPolicy",
        "networking.k8s.io/v1",
        &[("extensions/v1beta1", "1.16")],
    ),
    kv(
        "PodDisruptionBudget",
        "policy/v1",
        &[("policy/v1beta1", "1.25")],
    ),
    kv("Scenario", SCENARIO_API_VERSION, &[]),
];

/// True for the kinds the product types into its own model.
pub(crate) fn is_modelled(kind: &str) -> bool {
    TABLE.iter().any(|k| k.kind == kind)
}

/// Checks `api_version` for `kind`.
pub(crate) fn check(kind: &str, api_version: &str) -> ApiCheck {
    let Some(entry) = TABLE.iter().find(|k| k.kind == kind) else {
        return ApiCheck::Current;
    };
    if api_version == entry.current {
        return ApiCheck::Current;
    }
    match entry.removed.iter().find(|(v, _)| *v == api_version) {
        Some((_, since)) => ApiCheck::Removed {
            since,
            current: entry.current,
        },
        None => ApiCheck::Unknown {
            current: entry.current,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_removed_and_unknown_versions() {
        assert_eq!(check("Deployment", "apps/v1"), ApiCheck::Current);
        assert_eq!(
            check("CronJob", "batch/v1beta1"),
            ApiCheck::Removed {
                since: "1.25",
                current: "batch/v1"
            }
        );
        assert_eq!(check("Pod", "apps/v1"), ApiCheck::Unknown { current: "v1" });
        assert_eq!(check("Widget", "example.com/v9"), ApiCheck::Current);
    }
}
