//! Reading Nodes, as `kubectl get nodes -o yaml` prints them or as people write them.

use super::quantity;
use super::read::Field;
use crate::diagnostic::Code;
use crate::model::{NodeSpec, Resources, Taint, TaintEffect};
use crate::text::Text;

/// Reads a Node's spec and status.
pub(crate) fn read_node(root: &Field<'_>) -> NodeSpec {
    let spec = root.get("spec");
    let status = root.get("status");
    let taints = read_taints(&spec.get("taints"));
    let resources = if status.get("allocatable").is_set() {
        status.get("allocatable")
    } else {
        status.get("capacity")
    };
    let cpu = quantity::read(&resources.get("cpu")).map(|q| q.milli_value());
    let memory = quantity::read(&resources.get("memory")).map(|q| q.value());
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
        max_pods: quantity::read(&resources.get("pods")).map(|q| q.value()),
        internal_ip,
        pod_cidr: spec.get("podCIDR").str(),
        ready,
    }
}

/// Reads a list of taints; one with an unknown effect is ignored, with a warning. Nodes and
/// the Scenario's node templates both write taints this way.
pub(crate) fn read_taints(list: &Field<'_>) -> Vec<Taint> {
    list
        .items(|t| {
            let effect_field = t.get("effect");
            let effect_text = effect_field.string();
            let Some(effect) = TaintEffect::parse(&effect_text) else {
                let path = effect_field.dotted();
                effect_field.warn(
                    Code::InvalidValue,
                    Text::new(
                        format!("{path} `{effect_text}` is not NoSchedule, PreferNoSchedule or NoExecute; the taint is ignored"),
                        format!("{path} `{effect_text}`은(는) NoSchedule, PreferNoSchedule, NoExecute 중 하나가 아닙니다. 테인트를 무시합니다"),
                    ),
                );
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
