//! Known field names at the places where typos are common, so that a misspelt or misplaced
//! field is pointed out instead of silently ignored.

use super::read::Field;
use crate::diagnostic::{Code, Severity};
use crate::text::Text;

pub(crate) const ROOT: &[&str] = &["apiVersion", "kind", "metadata", "spec", "status"];

pub(crate) const METADATA: &[&str] = &[
    "annotations",
    "creationTimestamp",
    "deletionGracePeriodSeconds",
    "deletionTimestamp",
    "finalizers",
    "generateName",
    "generation",
    "labels",
    "managedFields",
    "name",
    "namespace",
    "ownerReferences",
    "resourceVersion",
    "selfLink",
    "uid",
];

pub(crate) const POD_SPEC: &[&str] = &[
    "activeDeadlineSeconds",
    "affinity",
    "automountServiceAccountToken",
    "containers",
    "dnsConfig",
    "dnsPolicy",
    "enableServiceLinks",
    "ephemeralContainers",
    "hostAliases",
    "hostIPC",
    "hostNetwork",
    "hostPID",
    "hostUsers",
    "hostname",
    "hostnameOverride",
    "imagePullSecrets",
    "initContainers",
    "nodeName",
    "nodeSelector",
    "os",
    "overhead",
    "preemptionPolicy",
    "priority",
    "priorityClassName",
    "readinessGates",
    "resourceClaims",
    "resources",
    "restartPolicy",
    "runtimeClassName",
    "schedulerName",
    "schedulingGates",
    "securityContext",
    "serviceAccount",
    "serviceAccountName",
    "setHostnameAsFQDN",
    "shareProcessNamespace",
    "subdomain",
    "terminationGracePeriodSeconds",
    "tolerations",
    "topologySpreadConstraints",
    "volumes",
];

pub(crate) const CONTAINER: &[&str] = &[
    "args",
    "command",
    "env",
    "envFrom",
    "image",
    "imagePullPolicy",
    "lifecycle",
    "livenessProbe",
    "name",
    "ports",
    "readinessProbe",
    "resizePolicy",
    "resources",
    "restartPolicy",
    "restartPolicyRules",
    "securityContext",
    "startupProbe",
    "stdin",
    "stdinOnce",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "tty",
    "volumeDevices",
    "volumeMounts",
    "workingDir",
];

pub(crate) const SERVICE_SPEC: &[&str] = &[
    "allocateLoadBalancerNodePorts",
    "clusterIP",
    "clusterIPs",
    "externalIPs",
    "externalName",
    "externalTrafficPolicy",
    "healthCheckNodePort",
    "internalTrafficPolicy",
    "ipFamilies",
    "ipFamilyPolicy",
    "loadBalancerClass",
    "loadBalancerIP",
    "loadBalancerSourceRanges",
    "ports",
    "publishNotReadyAddresses",
    "selector",
    "sessionAffinity",
    "sessionAffinityConfig",
    "trafficDistribution",
    "type",
];

/// Warns about each key of `field` that is not in `known` (sorted), suggesting a close spelling or,
/// when the key belongs one level down (`containers` at the top of a Pod), where it goes.
pub(crate) fn check_known(
    field: &Field<'_>,
    known: &[&str],
    belongs_below: Option<(&str, &[&str])>,
) {
    if !field.is_map() {
        return;
    }
    field.entries(|key, entry| {
        if known.binary_search(&key).is_ok() {
            return;
        }
        let path = entry.dotted();
        if let Some((parent, _)) = belongs_below.filter(|(_, b)| b.contains(&key)) {
            entry.report(
                Severity::Warning,
                Code::UnknownField,
                Text::new(
                    format!("`{key}` is at the top level, but it belongs under `{parent}:`; Kubernetes rejects this. kubeglass reads it as {parent}.{key}"),
                    format!("`{key}`이(가) 최상위에 있지만 `{parent}:` 아래에 있어야 합니다. 쿠버네티스는 이를 거부합니다. kubeglass는 {parent}.{key}로 읽습니다"),
                ),
                Some(Text::new(
                    format!("indent `{key}:` and everything under it one level deeper, under `{parent}:`"),
                    format!("`{key}:`와 그 아래 내용을 `{parent}:` 아래로 한 단계 더 들여쓰세요"),
                )),
            );
            return;
        }
        let hint = if let Some(close) = closest(key, known) {
            Text::new(format!("did you mean `{close}`?"), format!("`{close}`을(를) 뜻했나요?"))
        } else {
            Text::new(
                "Kubernetes rejects unknown fields (kubectl's strict field validation)",
                "쿠버네티스는 알 수 없는 필드를 거부합니다 (kubectl의 엄격한 필드 검증)",
            )
        };
        entry.report(
            Severity::Warning,
            Code::UnknownField,
            Text::new(
                format!("unknown field {path}; it is ignored"),
                format!("알 수 없는 필드 {path}: 무시됩니다"),
            ),
            Some(hint),
        );
    });
}

/// The known name within edit distance 2 of `key`, if any.
fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = key.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [ROOT, METADATA, POD_SPEC, CONTAINER, SERVICE_SPEC] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn suggests_close_spellings() {
        assert_eq!(closest("contianers", POD_SPEC), Some("containers"));
        assert_eq!(closest("nodeselector", POD_SPEC), Some("nodeSelector"));
        assert_eq!(closest("zzzzzz", POD_SPEC), None);
    }
}
