//! Reading Nodes, as `kubectl get nodes -o yaml` prints them or as people write them.

use super::api_error::{self, Cause, Shown};
use super::quantity;
use super::read::Field;
use crate::diagnostic::{Code, Severity};
use crate::model::{NodeSpec, Resources, Taint, TaintEffect};
use crate::text::Text;

/// Reads a Node's spec and status.
pub(crate) fn read_node(root: &Field<'_>) -> NodeSpec {
    let spec = root.get("spec");
    let status = root.get("status");
    let taints = read_node_taints(&spec.get("taints"));
    let resources = if status.get("allocatable").is_set() {
        status.get("allocatable")
    } else {
        status.get("capacity")
    };
    quantity::check_node_resources(&status);
    let cpu = quantity::read_checked(&resources.get("cpu")).map(|q| q.milli_value());
    let memory = quantity::read_checked(&resources.get("memory")).map(|q| q.value());
    let allocatable = (cpu.is_some() || memory.is_some()).then(|| Resources {
        cpu_milli: cpu.unwrap_or(i64::MAX),
        memory: memory.unwrap_or(i64::MAX),
    });
    let internal_ip = status
        .get("addresses")
        .items(|a| {
            (a.get("type").str().as_deref() == Some("InternalIP"))
                .then(|| a.get("address").string())
        })
        .into_iter()
        .flatten()
        .next();
    let ready = status
        .get("conditions")
        .items(|c| {
            (c.get("type").str().as_deref() == Some("Ready"))
                .then(|| c.get("status").str().as_deref() == Some("True"))
        })
        .into_iter()
        .flatten()
        .next();
    NodeSpec {
        taints,
        unschedulable: spec.get("unschedulable").bool().unwrap_or(false),
        allocatable,
        max_pods: quantity::read_checked(&resources.get("pods")).map(|q| q.value()),
        internal_ip,
        pod_cidr: spec.get("podCIDR").str(),
        ready,
    }
}

/// Reads a list of taints of a Scenario's node template; one with an unknown effect is
/// ignored, with a warning (kubeglass's own kind: no API server checks it).
pub(crate) fn read_taints(list: &Field<'_>) -> Vec<Taint> {
    read_taint_list(list, false)
}

/// A Node's `spec.taints`, checked as `validateNodeTaints` does. The API server reports them
/// under `metadata.taints` (ValidateNode passes the metadata path), so its message says so.
fn read_node_taints(list: &Field<'_>) -> Vec<Taint> {
    read_taint_list(list, true)
}

fn read_taint_list(list: &Field<'_>, api: bool) -> Vec<Taint> {
    list.items(|t| {
        let effect_field = t.get("effect");
        let effect_text = effect_field.string();
        let Some(effect) = TaintEffect::parse(&effect_text) else {
            if api {
                let at = t.dotted();
                let path = at
                    .strip_prefix("spec")
                    .map_or_else(|| at.clone(), |rest| format!("metadata{rest}"));
                let cause = if effect_text.is_empty() {
                    Cause::Required(None)
                } else {
                    Cause::Unsupported(Shown::Str(effect_text), TAINT_EFFECTS)
                };
                effect_field.report(
                    Severity::Error,
                    Code::Rejected,
                    api_error::cause(&format!("{path}.effect"), &cause),
                    None,
                );
            } else {
                let path = effect_field.dotted();
                effect_field.warn(
                    Code::InvalidValue,
                    Text::new(
                        format!("{path} `{effect_text}` is not NoSchedule, PreferNoSchedule or NoExecute; the taint is ignored"),
                        format!("{path} `{effect_text}`은(는) NoSchedule, PreferNoSchedule, NoExecute 중 하나가 아닙니다. 테인트를 무시합니다"),
                    ),
                );
            }
            return None;
        };
        Some(Taint {
            key: t.get("key").string(),
            value: t.get("value").string(),
            effect,
        })
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The effects `validateTaintEffect` lists, in its order.
pub(crate) const TAINT_EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];

#[cfg(test)]
mod tests {
    use crate::load::rejected_messages as rejected;

    #[test]
    fn a_taint_needs_an_effect_reported_under_the_metadata_path() {
        let text = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec:\n  taints:\n  - {key: gpu, value: 'true'}\n";
        assert_eq!(
            rejected(text),
            ["The Node \"n1\" is invalid: metadata.taints[0].effect: Required value"]
        );
    }

    #[test]
    fn negative_capacity_or_allocatable_is_rejected() {
        let text = "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus:\n  capacity: {cpu: '4', memory: -1Gi}\n  allocatable: {cpu: -500m}\n";
        assert_eq!(
            rejected(text),
            [
                "The Node \"n1\" is invalid: status.capacity.memory: Invalid value: \"-1Gi\": must be greater than or equal to 0",
                "The Node \"n1\" is invalid: status.allocatable.cpu: Invalid value: \"-500m\": must be greater than or equal to 0",
            ]
        );
    }
}
