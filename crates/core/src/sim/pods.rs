//! Finding the pod a step means.

use crate::cluster::{Cluster, Phase, Pod};
use crate::scenario::PodRef;
use crate::text::Text;

/// The index of the pod `reference` means: by name, or the `index`-th live pod (by creation)
/// of a workload.
pub fn find_pod(cluster: &Cluster, reference: &PodRef) -> Result<usize, Text> {
    let namespace = reference.namespace.as_deref().unwrap_or("default");
    let found = match reference.workload {
        None => cluster
            .pods
            .iter()
            .position(|p| p.namespace == namespace && p.name == reference.name),
        Some(kind) => {
            let mut owned: Vec<usize> = (0..cluster.pods.len())
                .filter(|&i| {
                    let p = &cluster.pods[i];
                    p.namespace == namespace
                        && !p.terminating
                        && p.owner.as_ref().is_some_and(|o| {
                            let w = &cluster.workloads[o.workload];
                            w.kind == kind
                                && (w.name == reference.name
                                    || w.parent.is_some_and(|parent| {
                                        cluster.workloads[parent].name == reference.name
                                    }))
                        })
                })
                .collect();
            crate::order::sort_by_key(&mut owned, |&i| {
                (cluster.pods[i].ordinal, cluster.pods[i].uid)
            });
            owned.get(reference.index).copied()
        }
    };
    found.ok_or_else(|| {
        Text::new(
            format!("there is no pod {reference} (in namespace {namespace})"),
            format!("파드 {reference}이(가) 없습니다 (네임스페이스 {namespace})"),
        )
    })
}

/// The index of the container `name` in `pod` (its first container without a name), or
/// why there is none.
pub fn container_index(pod: &Pod, name: Option<&str>) -> Result<usize, Text> {
    let containers = &pod.spec.containers;
    let found = match name {
        Some(name) => containers.iter().position(|c| c.name == name),
        None => (!containers.is_empty()).then_some(0),
    };
    found.ok_or_else(|| {
        let wanted = name.unwrap_or_default();
        let names = containers
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        if names.is_empty() {
            Text::new(
                format!("pod {} has no containers", pod.name),
                format!("파드 {}에 컨테이너가 없습니다", pod.name),
            )
        } else {
            Text::new(
                format!(
                    "pod {} has no container {wanted} (it has {names})",
                    pod.name
                ),
                format!(
                    "파드 {}에는 컨테이너 {wanted}가 없습니다 ({names}만 있음)",
                    pod.name
                ),
            )
        }
    })
}

/// The pod, if it runs on a node that is up; otherwise why it cannot act.
pub fn running_pod(cluster: &Cluster, reference: &PodRef) -> Result<usize, Text> {
    let i = find_pod(cluster, reference)?;
    let pod = &cluster.pods[i];
    let node_up = pod
        .node
        .as_deref()
        .and_then(|n| cluster.node(n))
        .is_some_and(|n| n.is_up());
    if pod.phase != Phase::Running || pod.terminating || !node_up {
        let state = if !node_up && pod.node.is_some() {
            "its node is down".to_owned()
        } else if pod.terminating {
            "it is terminating".to_owned()
        } else {
            format!("it is {}", pod.phase.as_str())
        };
        let state_ko = if !node_up && pod.node.is_some() {
            "노드가 다운되었습니다".to_owned()
        } else if pod.terminating {
            "종료 중입니다".to_owned()
        } else {
            format!("{} 상태입니다", pod.phase.as_str())
        };
        return Err(Text::new(
            format!("pod {} is not running: {state}", pod.name),
            format!("파드 {}가 실행 중이 아닙니다: {state_ko}", pod.name),
        ));
    }
    Ok(i)
}
