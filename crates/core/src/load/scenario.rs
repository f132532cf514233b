//! Reading a kubeglass Scenario document (`docs/scenario.md`).

use super::quantity;
use super::read::Field;
use crate::diagnostic::{Code, Severity};
use crate::model::{Taint, TaintEffect, WorkloadKind};
use crate::scenario::{parse_duration, Client, ClusterSpec, NodeTemplate, PodRef, Scenario, Step};
use crate::source::Position;
use crate::text::Text;
use crate::yaml::Value;

/// Reads a Scenario; `name` is its metadata.name, `step_position` places a step's item.
pub(crate) fn read_scenario(
    root: &Field<'_>,
    name: &str,
    step_position: &dyn Fn(usize) -> Position,
) -> Scenario {
    let spec = root.get("spec");
    spec.expect_map();
    let seed = spec.get("seed").int().unwrap_or(1);
    let cluster = spec.get("cluster");
    let steps = spec
        .get("steps")
        .items(read_step)
        .into_iter()
        .enumerate()
        .filter_map(|(i, step)| step.map(|s| (s, step_position(i))))
        .collect();
    Scenario {
        name: name.to_owned(),
        seed: u64::try_from(seed).unwrap_or(1),
        cluster: cluster.is_set().then(|| read_cluster(&cluster)),
        steps,
    }
}

fn read_cluster(c: &Field<'_>) -> ClusterSpec {
    ClusterSpec {
        nodes: c.get("nodes").items(read_node_template),
        cloud_load_balancer: c.get("cloudLoadBalancer").bool().unwrap_or(false),
    }
}

fn read_node_template(n: &Field<'_>) -> NodeTemplate {
    if let Some(Value::Str(name)) = n.value() {
        return NodeTemplate {
            name: name.to_string(),
            ..NodeTemplate::default()
        };
    }
    let control_plane = n.get("controlPlane").bool().unwrap_or(false);
    NodeTemplate {
        name: n.get("name").string(),
        labels: n.get("labels").string_map(),
        taints: super::node::read_taints(&n.get("taints")),
        cpu_milli: quantity::read(&n.get("cpu")).map(|q| q.milli_value()),
        memory: quantity::read(&n.get("memory")).map(|q| q.value()),
        ip: n.get("ip").str(),
        control_plane,
    }
}

const STEP_KINDS: &[&str] = &[
    "request",
    "write",
    "restartContainer",
    "deletePod",
    "failNode",
    "recoverNode",
    "cordon",
    "uncordon",
    "drain",
    "addNode",
    "taint",
    "untaint",
    "scale",
    "deletePVC",
    "wait",
];

fn scenario_error(f: &Field<'_>, en: String, ko: String) {
    f.report(Severity::Error, Code::Scenario, Text::new(en, ko), None);
}

fn read_step(item: &Field<'_>) -> Option<Step> {
    let keys = item.keys();
    let Some(kind) = keys.first().filter(|_| keys.len() == 1) else {
        let path = item.dotted();
        scenario_error(
            item,
            format!(
                "{path}: a step is one of {}, written as `- kind: ...`",
                STEP_KINDS.join(", ")
            ),
            format!(
                "{path}: 단계는 {} 중 하나이며 `- 종류: ...`로 씁니다",
                STEP_KINDS.join(", ")
            ),
        );
        return None;
    };
    let body = item.get(kind);
    let step = match kind.as_str() {
        "request" => Step::Request {
            from: read_client(&body.get("from"))?,
            to: required(&body.get("to"))?,
            count: body
                .get("count")
                .int()
                .map_or(1, |n| u32::try_from(n.clamp(1, 10_000)).unwrap_or(1)),
        },
        "write" => Step::Write {
            pod: read_pod_ref(&body.get("pod"), body.get("namespace").str())?,
            container: body.get("container").str(),
            path: required(&body.get("path"))?,
        },
        "restartContainer" => Step::RestartContainer {
            pod: read_pod_ref(&body.get("pod"), body.get("namespace").str())?,
            container: body.get("container").str(),
        },
        "deletePod" => Step::DeletePod(pod_or_mapping(&body)?),
        "failNode" => Step::FailNode(name_or_mapping(&body, "node")?),
        "recoverNode" => Step::RecoverNode(name_or_mapping(&body, "node")?),
        "cordon" => Step::Cordon(name_or_mapping(&body, "node")?),
        "uncordon" => Step::Uncordon(name_or_mapping(&body, "node")?),
        "drain" => {
            let flag = |name: &str| body.is_map() && body.get(name).bool() == Some(true);
            Step::Drain {
                node: name_or_mapping(&body, "node")?,
                ignore_daemon_sets: flag("ignoreDaemonSets"),
                delete_empty_dir_data: flag("deleteEmptyDirData"),
                force: flag("force"),
            }
        }
        "addNode" => {
            let node = read_node_template(&body);
            if node.name.is_empty() {
                let path = body.dotted();
                scenario_error(
                    &body,
                    format!("{path}: a new node needs a name: `addNode: {{name: k8s-node3}}`"),
                    format!(
                        "{path}: 새 노드에는 이름이 필요합니다: `addNode: {{name: k8s-node3}}`"
                    ),
                );
                return None;
            }
            Step::AddNode(node)
        }
        "taint" => {
            let effect = read_effect(&body.get("effect"))?;
            Step::Taint {
                node: required(&body.get("node"))?,
                taint: Taint {
                    key: required(&body.get("key"))?,
                    value: body.get("value").string(),
                    effect,
                },
            }
        }
        "untaint" => {
            let effect_field = body.get("effect");
            let effect = if effect_field.is_set() {
                Some(read_effect(&effect_field)?)
            } else {
                None
            };
            Step::Untaint {
                node: required(&body.get("node"))?,
                key: required(&body.get("key"))?,
                effect,
            }
        }
        "scale" => {
            let kind_field = body.get("kind");
            let kind_text = kind_field.string();
            let Some(kind) = WorkloadKind::parse(&kind_text)
                .filter(|k| !matches!(k, WorkloadKind::DaemonSet | WorkloadKind::CronJob))
            else {
                let path = kind_field.dotted();
                scenario_error(
                    &kind_field,
                    format!("{path}: `{kind_text}` cannot be scaled (Deployment, ReplicaSet, ReplicationController, StatefulSet or Job)"),
                    format!("{path}: `{kind_text}`은(는) 스케일할 수 없습니다 (Deployment, ReplicaSet, ReplicationController, StatefulSet, Job)"),
                );
                return None;
            };
            Step::Scale {
                kind,
                namespace: body.get("namespace").str(),
                name: required(&body.get("name"))?,
                replicas: body.get("replicas").int()?.max(0),
            }
        }
        "deletePVC" => Step::DeletePvc {
            namespace: body.get("namespace").str(),
            name: name_or_mapping(&body, "name")?,
        },
        "wait" => {
            let text = match body.value() {
                Some(Value::Int(n)) => n.to_string(),
                _ => body.string(),
            };
            let Some(ms) = parse_duration(&text) else {
                let path = body.dotted();
                scenario_error(
                    &body,
                    format!("{path}: `{text}` is not a duration (write e.g. 30s, 5m, 1h, 1m30s)"),
                    format!("{path}: `{text}`은(는) 시간이 아닙니다 (예: 30s, 5m, 1h, 1m30s)"),
                );
                return None;
            };
            Step::Wait(ms)
        }
        other => {
            let path = item.dotted();
            scenario_error(
                item,
                format!(
                    "{path}: unknown step `{other}` (steps: {})",
                    STEP_KINDS.join(", ")
                ),
                format!(
                    "{path}: 알 수 없는 단계 `{other}` (단계: {})",
                    STEP_KINDS.join(", ")
                ),
            );
            return None;
        }
    };
    Some(step)
}

fn required(f: &Field<'_>) -> Option<String> {
    let value = f.str().filter(|s| !s.is_empty());
    if value.is_none() {
        let path = f.dotted();
        scenario_error(
            f,
            format!("{path} is required"),
            format!("{path}이(가) 필요합니다"),
        );
    }
    value
}

/// A taint's effect, in kubectl's words when it is not one.
fn read_effect(f: &Field<'_>) -> Option<TaintEffect> {
    let text = required(f)?;
    let effect = TaintEffect::parse(&text);
    if effect.is_none() {
        let path = f.dotted();
        scenario_error(
            f,
            format!("{path}: invalid taint effect: {text}, unsupported taint effect (NoSchedule, PreferNoSchedule or NoExecute)"),
            format!("{path}: 테인트 효과 {text}은(는) 쓸 수 없습니다 (NoSchedule, PreferNoSchedule, NoExecute 중 하나)"),
        );
    }
    effect
}

/// `deletePod: name` or `deletePod: {pod: name, namespace: ns}`.
fn pod_or_mapping(body: &Field<'_>) -> Option<PodRef> {
    if body.is_map() {
        read_pod_ref(&body.get("pod"), body.get("namespace").str())
    } else {
        read_pod_ref(body, None)
    }
}

/// `failNode: name` or `failNode: {node: name}`.
fn name_or_mapping(body: &Field<'_>, key: &str) -> Option<String> {
    if body.is_map() {
        required(&body.get(key))
    } else {
        required(body)
    }
}

/// `name`, `ns/name`, `deployment/web`, `ns/deployment/web`, optionally `#index`.
pub(crate) fn parse_pod_ref(text: &str, namespace: Option<String>) -> Option<PodRef> {
    let (text, index) = match text.rsplit_once('#') {
        Some((t, i)) => (t, i.parse().ok()?),
        None => (text, 0),
    };
    let parts: Vec<&str> = text.split('/').collect();
    let workload = |kind: &str| -> Option<Option<WorkloadKind>> {
        match kind.to_ascii_lowercase().as_str() {
            "pod" | "po" | "pods" => Some(None),
            "deployment" | "deploy" => Some(Some(WorkloadKind::Deployment)),
            "replicaset" | "rs" => Some(Some(WorkloadKind::ReplicaSet)),
            "replicationcontroller" | "rc" => Some(Some(WorkloadKind::ReplicationController)),
            "statefulset" | "sts" => Some(Some(WorkloadKind::StatefulSet)),
            "daemonset" | "ds" => Some(Some(WorkloadKind::DaemonSet)),
            "job" => Some(Some(WorkloadKind::Job)),
            "cronjob" | "cj" => Some(Some(WorkloadKind::CronJob)),
            _ => None,
        }
    };
    let (namespace, workload, name) = match parts.as_slice() {
        [name] => (namespace, None, *name),
        [first, name] => match workload(first) {
            Some(kind) => (namespace, kind, *name),
            None => (Some((*first).to_owned()), None, *name),
        },
        [ns, kind, name] => (Some((*ns).to_owned()), workload(kind)?, *name),
        _ => return None,
    };
    (!name.is_empty()).then(|| PodRef {
        namespace,
        workload,
        name: name.to_owned(),
        index,
    })
}

fn read_pod_ref(f: &Field<'_>, namespace: Option<String>) -> Option<PodRef> {
    let text = required(f)?;
    let parsed = parse_pod_ref(&text, namespace);
    if parsed.is_none() {
        let path = f.dotted();
        scenario_error(
            f,
            format!("{path}: `{text}` is not a pod reference (write `name`, `namespace/name`, `deployment/web` or `deployment/web#1`)"),
            format!("{path}: `{text}`은(는) 파드 참조가 아닙니다 (`이름`, `네임스페이스/이름`, `deployment/web`, `deployment/web#1`)"),
        );
    }
    parsed
}

fn read_client(f: &Field<'_>) -> Option<Client> {
    let text = required(f)?;
    let client = match text.as_str() {
        "outside" => Client::Outside,
        "internet" => Client::Internet,
        other => match other.split_once('/') {
            Some(("node", name)) => Client::Node(name.to_owned()),
            _ => match parse_pod_ref(other, None) {
                Some(reference) => Client::Pod(reference),
                None => {
                    let path = f.dotted();
                    scenario_error(
                        f,
                        format!("{path}: `{other}` is not a client (write `outside`, `internet`, `node/<name>`, `pod/<name>` or `<namespace>/pod/<name>`)"),
                        format!("{path}: `{other}`은(는) 클라이언트가 아닙니다 (`outside`, `internet`, `node/<이름>`, `pod/<이름>`, `<네임스페이스>/pod/<이름>`)"),
                    );
                    return None;
                }
            },
        },
    };
    Some(client)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pod_references() {
        let r = parse_pod_ref("deployment/web#2", None).unwrap();
        assert_eq!(
            (r.workload, r.name.as_str(), r.index),
            (Some(WorkloadKind::Deployment), "web", 2)
        );
        let r = parse_pod_ref("prod/pod-1", None).unwrap();
        assert_eq!(
            (r.namespace.as_deref(), r.workload, r.name.as_str()),
            (Some("prod"), None, "pod-1")
        );
        let r = parse_pod_ref("pod/client", None).unwrap();
        assert_eq!((r.namespace, r.name.as_str()), (None, "client"));
        let r = parse_pod_ref("shop/sts/db", None).unwrap();
        assert_eq!(r.workload, Some(WorkloadKind::StatefulSet));
        assert_eq!(parse_pod_ref("a/b/c/d", None), None);
        assert_eq!(parse_pod_ref("web#x", None), None);
    }
}
