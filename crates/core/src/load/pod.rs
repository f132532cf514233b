//! Reading pod specs (of Pods and of every workload's template).

use super::api_error::{detail, Cause, Shown};
use super::quantity;
use super::read::Field;
use super::selectors::{read_inter_pod_affinity, read_node_affinity, read_spread_constraint};
use crate::diagnostic::Code;
use crate::model::{
    Container, ContainerPort, DnsPolicy, PodSpec, PodStatus, Resources, RestartPolicy, TaintEffect,
    Toleration, TolerationOperator, Volume, VolumeMount, VolumeSource, Written,
};
use crate::text::Text;

/// Reads a pod spec; `root` is the object's root, used to rescue fields written one level
/// too high (a lecture favourite: `containers:` at the top of a Pod). `claim_templates` are
/// the names a StatefulSet's volumeClaimTemplates add to the pod's volumes.
pub(crate) fn read_pod_spec(
    spec: &Field<'_>,
    root: Option<&Field<'_>>,
    claim_templates: &[&str],
) -> PodSpec {
    spec.expect_map();
    let volumes: Vec<Volume> = spec.get("volumes").items(read_volume);
    let declared: Vec<&str> = volumes
        .iter()
        .map(|v| v.name.as_str())
        .chain(claim_templates.iter().copied())
        .collect();
    let mut containers = spec
        .get("containers")
        .items(|c| read_container(c, &declared));
    if !spec.get("containers").is_set() {
        if let Some(misplaced) = root.map(|r| r.get("containers")).filter(Field::is_set) {
            containers = misplaced.items(|c| read_container(c, &declared));
        } else {
            spec.get("containers").reject(Cause::Required(None));
        }
    }
    let init_containers = spec
        .get("initContainers")
        .items(|c| read_container(c, &declared));
    check_unique_names(
        &spec.get("containers"),
        containers.iter().map(|c| c.name.as_str()),
    );
    check_unique_names(
        &spec.get("volumes"),
        volumes.iter().map(|v| v.name.as_str()),
    );
    PodSpec {
        containers,
        init_containers,
        volumes,
        node_name: spec.get("nodeName").str(),
        node_selector: spec.get("nodeSelector").string_map(),
        affinity: read_node_affinity(&spec.get("affinity").get("nodeAffinity")),
        pod_affinity: read_inter_pod_affinity(&spec.get("affinity")),
        tolerations: spec.get("tolerations").items(read_toleration),
        hostname: spec.get("hostname").str(),
        subdomain: spec.get("subdomain").str(),
        host_network: spec.get("hostNetwork").bool().unwrap_or(false),
        restart_policy: read_restart_policy(&spec.get("restartPolicy")),
        dns_policy: match spec.get("dnsPolicy").str().as_deref() {
            Some("ClusterFirstWithHostNet") => DnsPolicy::ClusterFirstWithHostNet,
            Some("Default") => DnsPolicy::Default,
            Some("None") => DnsPolicy::None,
            _ => DnsPolicy::ClusterFirst,
        },
        has_spread_constraints: spec.get("topologySpreadConstraints").is_set(),
        spread: crate::model::SpreadConstraints(
            spec.get("topologySpreadConstraints")
                .items(read_spread_constraint),
        ),
        termination_grace_seconds: Written(spec.get("terminationGracePeriodSeconds").int()),
        scheduler_name: Written(spec.get("schedulerName").str().filter(|s| !s.is_empty())),
        enable_service_links: Written(spec.get("enableServiceLinks").bool()),
    }
}

fn check_unique_names<'n>(list: &Field<'_>, names: impl Iterator<Item = &'n str>) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, name) in names.enumerate() {
        if !name.is_empty() && seen.contains(&name) {
            list.at(i)
                .get("name")
                .reject(Cause::Duplicate(Shown::Str(name.to_owned())));
        }
        seen.push(name);
    }
}

fn read_restart_policy(field: &Field<'_>) -> RestartPolicy {
    match field.str().as_deref() {
        None | Some("Always") => RestartPolicy::Always,
        Some("OnFailure") => RestartPolicy::OnFailure,
        Some("Never") => RestartPolicy::Never,
        Some(other) => {
            field.reject(Cause::Unsupported(
                Shown::Str(other.to_owned()),
                &["Always", "OnFailure", "Never"],
            ));
            RestartPolicy::Always
        }
    }
}

fn read_container(c: &Field<'_>, declared_volumes: &[&str]) -> Container {
    c.expect_map();
    let name = c.get("name").string();
    if name.is_empty() {
        c.get("name").reject(Cause::Required(None));
    } else if let Some(rule) = if name.len() > 63 {
        Some(detail::at_most_63())
    } else {
        (!super::names::is_dns1123_label(&name)).then(detail::dns1123_label)
    } {
        c.get("name")
            .reject(Cause::Invalid(Shown::Str(name.clone()), rule));
    }
    let image = c.get("image").string();
    if image.trim().is_empty() {
        c.get("image").reject(Cause::Required(None));
    }
    let ports = c.get("ports").items(read_container_port);
    let volume_mounts = c
        .get("volumeMounts")
        .items(|m| read_volume_mount(m, declared_volumes));
    let resources = c.get("resources");
    Container {
        name,
        image,
        ports: ports.into_iter().flatten().collect(),
        volume_mounts,
        requests: read_requests(&resources),
        readiness_probe: c.get("readinessProbe").is_set(),
        image_pull_policy: Written(read_pull_policy(&c.get("imagePullPolicy"))),
    }
}

fn read_pull_policy(f: &Field<'_>) -> Option<String> {
    let policy = f.str().filter(|p| !p.is_empty())?;
    let supported: &'static [&'static str] = &["Always", "IfNotPresent", "Never"];
    if !supported.contains(&policy.as_str()) {
        f.reject(Cause::Unsupported(Shown::Str(policy.clone()), supported));
    }
    Some(policy)
}

/// Requests, with limits standing in for missing requests (rule 4.6).
fn read_requests(resources: &Field<'_>) -> Resources {
    let (requests, limits) = quantity::read_container_resources(resources);
    let amount = |name: &str, milli: bool| {
        let pick = |list: &[(String, crate::model::quantity::Quantity)]| {
            list.iter().find(|(n, _)| n == name).map(|(_, q)| {
                if milli {
                    q.milli_value()
                } else {
                    q.value()
                }
            })
        };
        pick(&requests).or_else(|| pick(&limits)).unwrap_or(0)
    };
    Resources {
        cpu_milli: amount("cpu", true),
        memory: amount("memory", false),
    }
}

fn read_container_port(p: &Field<'_>) -> Option<ContainerPort> {
    let number = p.get("containerPort");
    let port = match number.int() {
        None | Some(0) => {
            number.reject(Cause::Required(None));
            return None;
        }
        Some(port) => valid_port(&number, port)?,
    };
    let name = p.get("name").str().filter(|n| !n.is_empty());
    if let Some((n, rule)) = name
        .as_deref()
        .and_then(|n| super::names::port_name_error(n).map(|r| (n, r)))
    {
        p.get("name")
            .reject(Cause::Invalid(Shown::Str(n.to_owned()), rule));
    }
    Some(ContainerPort {
        name,
        container_port: port,
        protocol: p.get("protocol").str().unwrap_or_else(|| "TCP".to_owned()),
    })
}

/// A port number in 1–65535; anything else is reported.
pub(crate) fn valid_port(field: &Field<'_>, n: i64) -> Option<u16> {
    match u16::try_from(n) {
        Ok(port) if port > 0 => Some(port),
        _ => {
            field.reject(Cause::Invalid(Shown::Int(n), detail::port_range()));
            None
        }
    }
}

fn read_volume_mount(m: &Field<'_>, declared: &[&str]) -> VolumeMount {
    let name_field = m.get("name");
    let name = name_field.string();
    if !declared.contains(&name.as_str()) {
        let path = name_field.dotted();
        let known = if declared.is_empty() {
            "the pod declares no volumes".to_owned()
        } else {
            format!("declared: {}", declared.join(", "))
        };
        let _ = path;
        name_field.reject_with(
            Cause::NotFound(Shown::Str(name.clone())),
            Some(Text::new(
                format!("{known}: add `{name}` under spec.volumes, or fix the name"),
                format!(
                    "{}: spec.volumes에 `{name}`을(를) 추가하거나 이름을 고치세요",
                    known_ko(declared)
                ),
            )),
        );
    }
    VolumeMount {
        name,
        mount_path: m.get("mountPath").string(),
        read_only: m.get("readOnly").bool().unwrap_or(false),
        sub_path: m.get("subPath").str().filter(|s| !s.is_empty()),
    }
}

fn known_ko(declared: &[&str]) -> String {
    if declared.is_empty() {
        "선언된 볼륨이 없습니다".to_owned()
    } else {
        format!("선언된 볼륨: {}", declared.join(", "))
    }
}

fn read_volume(v: &Field<'_>) -> Volume {
    let name = v.get("name").string();
    // Every volume source the API knows (the fields of a Volume but its name).
    let sources: Vec<String> = v
        .keys()
        .into_iter()
        .filter(|k| k != "name" && super::schema::is_volume_source(k))
        .collect();
    for extra in sources.iter().skip(1) {
        v.get(extra).reject(Cause::Forbidden(Text::new(
            "may not specify more than 1 volume type",
            "볼륨 타입은 하나만 지정할 수 있습니다",
        )));
    }
    let source = match sources.first() {
        Some(kind) => read_volume_source(kind, &v.get(kind)),
        None => {
            // The API server defaults a volume with no source to an emptyDir (rule 9.4).
            let path = v.dotted();
            v.report(
                crate::diagnostic::Severity::Info,
                Code::VolumeSource,
                Text::new(
                    format!(
                        "{path} (`{name}`) names no source: the API server makes it an emptyDir"
                    ),
                    format!("{path} (`{name}`)에 소스가 없어 API 서버가 emptyDir로 만듭니다"),
                ),
                None,
            );
            VolumeSource::EmptyDir { memory: false }
        }
    };
    Volume { name, source }
}

fn read_volume_source(kind: &str, f: &Field<'_>) -> VolumeSource {
    match kind {
        "emptyDir" => VolumeSource::EmptyDir {
            memory: f.get("medium").str().as_deref() == Some("Memory"),
        },
        "hostPath" => VolumeSource::HostPath {
            path: f.get("path").string(),
            kind: f.get("type").string(),
        },
        "persistentVolumeClaim" => VolumeSource::PersistentVolumeClaim {
            claim: f.get("claimName").string(),
            read_only: f.get("readOnly").bool().unwrap_or(false),
        },
        "configMap" => VolumeSource::ConfigMap {
            name: f.get("name").string(),
            optional: f.get("optional").bool().unwrap_or(false),
        },
        "secret" => VolumeSource::Secret {
            name: f.get("secretName").string(),
            optional: f.get("optional").bool().unwrap_or(false),
        },
        "downwardAPI" => VolumeSource::DownwardApi,
        "projected" => VolumeSource::Projected(
            f.get("sources")
                .items(|s| {
                    s.keys().into_iter().next().map(|k| {
                        let name = s.get(&k).get("name").string();
                        (k, name)
                    })
                })
                .into_iter()
                .flatten()
                .collect(),
        ),
        "gitRepo" => VolumeSource::GitRepo {
            repository: f.get("repository").string(),
        },
        "nfs" => VolumeSource::Nfs {
            server: f.get("server").string(),
            path: f.get("path").string(),
        },
        "ephemeral" => VolumeSource::Ephemeral,
        other => {
            // Read the common flags so their types are checked too.
            f.get("readOnly").bool();
            VolumeSource::Network(other.to_owned())
        }
    }
}

/// One toleration, checked as `ValidateTolerations` does (the causes in its order).
fn read_toleration(t: &Field<'_>) -> Toleration {
    let key = t.get("key").string();
    let op_field = t.get("operator");
    let op = op_field.str().unwrap_or_default();
    let value = t.get("value").string();
    let effect_field = t.get("effect");
    let effect_text = effect_field.str().unwrap_or_default();
    let seconds = t.get("tolerationSeconds").int();
    if key.is_empty() && op != "Exists" {
        op_field.reject(Cause::Invalid(
            Shown::Str(op.clone()),
            Text::new(
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                "`key`가 비어 있으면 operator는 Exists여야 합니다 (\"모든 키와 모든 값에 맞음\"이라는 뜻)",
            ),
        ));
    }
    if seconds.is_some() && effect_text != "NoExecute" {
        effect_field.reject(Cause::Invalid(
            Shown::Str(effect_text.clone()),
            Text::new(
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
                "`tolerationSeconds`를 쓰면 effect는 'NoExecute'여야 합니다",
            ),
        ));
    }
    let operator = match op.as_str() {
        "Exists" => {
            if !value.is_empty() {
                op_field.reject(Cause::Invalid(
                    Shown::Str(value.clone()),
                    Text::new(
                        "value must be empty when `operator` is 'Exists'",
                        "`operator`가 'Exists'이면 value는 비어 있어야 합니다",
                    ),
                ));
            }
            TolerationOperator::Exists
        }
        "" | "Equal" => TolerationOperator::Equal,
        other => {
            op_field.reject(Cause::Unsupported(
                Shown::Str(other.to_owned()),
                &["Equal", "Exists"],
            ));
            TolerationOperator::Equal
        }
    };
    // An empty effect matches every taint effect.
    let effect = (!effect_text.is_empty())
        .then(|| {
            let parsed = TaintEffect::parse(&effect_text);
            if parsed.is_none() {
                effect_field.reject(Cause::Unsupported(
                    Shown::Str(effect_text.clone()),
                    super::node::TAINT_EFFECTS,
                ));
            }
            parsed
        })
        .flatten();
    Toleration {
        key,
        operator,
        value,
        effect,
        seconds,
    }
}

/// What a `kubectl get -o yaml` dump says about the pod.
pub(crate) fn read_pod_status(status: &Field<'_>) -> PodStatus {
    let ready = status
        .get("conditions")
        .items(|c| {
            (c.get("type").str().as_deref() == Some("Ready"))
                .then(|| c.get("status").str().as_deref() == Some("True"))
        })
        .into_iter()
        .flatten()
        .next();
    PodStatus {
        phase: status.get("phase").str(),
        pod_ip: status.get("podIP").str().filter(|s| !s.is_empty()),
        ready,
    }
}

#[cfg(test)]
mod tests {
    use crate::load::load;
    use crate::load::rejected_messages as rejected;

    fn pod(extra: &str) -> String {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: c\n    image: nginx\n{extra}")
    }

    const EFFECTS: &str = "supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"";

    #[test]
    fn a_toleration_effect_or_operator_outside_the_supported_ones_is_rejected() {
        let text = pod("  tolerations:\n  - {key: gpu, operator: Equal, value: 'true', effect: NoScheduling}\n  - {key: gpu, operator: Matches, value: 'true'}\n");
        assert_eq!(
            rejected(&text),
            [
                format!("The Pod \"p\" is invalid: spec.tolerations[0].effect: Unsupported value: \"NoScheduling\": {EFFECTS}"),
                "The Pod \"p\" is invalid: spec.tolerations[1].operator: Unsupported value: \"Matches\": supported values: \"Equal\", \"Exists\"".to_owned(),
            ]
        );
    }

    #[test]
    fn toleration_rules_on_key_value_and_seconds() {
        let text = pod("  tolerations:\n  - {effect: NoSchedule}\n  - {key: a, operator: Exists, value: x}\n  - {key: b, operator: Exists, effect: NoSchedule, tolerationSeconds: 60}\n");
        assert_eq!(
            rejected(&text),
            [
                "The Pod \"p\" is invalid: spec.tolerations[0].operator: Invalid value: \"\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                "The Pod \"p\" is invalid: spec.tolerations[1].operator: Invalid value: \"x\": value must be empty when `operator` is 'Exists'",
                "The Pod \"p\" is invalid: spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
            ]
        );
    }

    #[test]
    fn usual_tolerations_load_clean() {
        let text = pod("  tolerations:\n  - operator: Exists\n  - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}\n  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}\n");
        let loaded = load(&text);
        assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    }

    #[test]
    fn negative_requests_and_limits_are_rejected_with_the_resource_as_a_key() {
        let text = pod("    resources:\n      requests: {cpu: -1, memory: 64Mi}\n      limits: {memory: -0.5Gi}\n");
        assert_eq!(
            rejected(&text),
            [
                "The Pod \"p\" is invalid: spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
                "The Pod \"p\" is invalid: spec.containers[0].resources.limits[memory]: Invalid value: \"-512Mi\": must be greater than or equal to 0",
            ]
        );
    }

    #[test]
    fn a_request_must_not_exceed_its_limit_and_extended_resources_must_match() {
        let text = pod("    resources:\n      requests: {cpu: '2', example.com/gpu: 1, hugepages-2Mi: 2Mi}\n      limits: {cpu: '1', example.com/gpu: 2}\n");
        assert_eq!(
            rejected(&text),
            [
                "The Pod \"p\" is invalid: spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
                "The Pod \"p\" is invalid: spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2",
                "The Pod \"p\" is invalid: spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
            ]
        );
    }
}
