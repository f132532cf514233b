//! PodDisruptionBudgets and the Eviction API (rule 4.16). Models the disruption controller's
//! `disruptionsAllowed` (`pkg/controller/disruption/disruption.go`) and the eviction
//! subresource (`pkg/registry/core/pod/storage/eviction.go`) in kubernetes/kubernetes.

use super::state::{Phase, Pod};
use super::Cluster;
use crate::model::IntOrString;
use crate::text::Text;

/// True when budget `b` covers `pod`: same namespace, and its selector matches (an unset
/// selector matches nothing in `policy/v1`).
fn covers(cluster: &Cluster, b: usize, pod: &Pod) -> bool {
    let (namespace, _, budget) = &cluster.disruption_budgets[b];
    *namespace == pod.namespace
        && budget
            .selector
            .as_ref()
            .is_some_and(|s| s.matches(&pod.labels))
}

/// The budgets (by index) that cover pod `index`.
fn budgets_of(cluster: &Cluster, index: usize) -> Vec<usize> {
    let pod = &cluster.pods[index];
    (0..cluster.disruption_budgets.len())
        .filter(|&b| covers(cluster, b, pod))
        .collect()
}

/// `value` of `total`, rounded up, for a count or a percentage (`GetScaledValueFromIntOrPercent`
/// with `roundUp`); `None` for a string that is not a percentage.
fn scaled(value: &IntOrString, total: i64) -> Option<i64> {
    match value {
        IntOrString::Int(n) => Some(*n),
        IntOrString::Str(s) => {
            let percent: i64 = s.strip_suffix('%')?.parse().ok()?;
            Some((percent * total + 99) / 100)
        }
    }
}

/// `status.disruptionsAllowed` of budget `b`: its healthy pods beyond the ones it must keep.
pub fn disruptions_allowed(cluster: &Cluster, b: usize) -> i64 {
    let budget = &cluster.disruption_budgets[b].2;
    let covered: Vec<usize> = (0..cluster.pods.len())
        .filter(|&i| covers(cluster, b, &cluster.pods[i]))
        .collect();
    let healthy = covered
        .iter()
        .filter(|&&i| cluster.pods[i].ready && !cluster.pods[i].terminating)
        .count() as i64;
    // The controllers' scale: what a count of pods is measured against for percentages and
    // maxUnavailable. A pod with no controller leaves it unknown, and nothing may go.
    let mut owners: Vec<usize> = Vec::new();
    for &i in &covered {
        match &cluster.pods[i].owner {
            Some(owner) => owners.push(owner.workload),
            None => return 0,
        }
    }
    crate::order::sort(&mut owners);
    owners.dedup();
    let scale: i64 = owners.iter().map(|&w| cluster.workloads[w].replicas).sum();
    let must_keep = match (&budget.max_unavailable, &budget.min_available) {
        (Some(max), _) => scaled(max, scale).map(|m| scale - m),
        (None, Some(IntOrString::Int(min))) => Some(*min),
        (None, Some(min)) => scaled(min, scale),
        (None, None) => Some(0),
    };
    must_keep.map_or(0, |keep| (healthy - keep).max(0))
}

/// `POST …/pods/<pod>/eviction`: deletes pod `index` when its budget allows, else says why
/// not in the API server's words.
pub fn evict(cluster: &mut Cluster, index: usize) -> Result<(), Text> {
    let pod = &cluster.pods[index];
    // Pods that are not running, or already going, are deleted without asking the budget.
    let unchecked = pod.terminating || pod.phase != Phase::Running;
    if !unchecked {
        let budgets = budgets_of(cluster, index);
        if budgets.len() > 1 {
            return Err(Text::new(
                "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
                "이 파드에는 PodDisruptionBudget이 둘 이상 있어 eviction 하위 리소스가 처리할 수 없습니다.",
            ));
        }
        if let Some(&b) = budgets.first() {
            if disruptions_allowed(cluster, b) == 0 {
                return Err(Text::new(
                    "Cannot evict pod as it would violate the pod's disruption budget.",
                    "파드의 중단 예산(PodDisruptionBudget)을 어기게 되어 축출할 수 없습니다.",
                ));
            }
        }
    }
    super::lifecycle::delete_pod(cluster, index);
    Ok(())
}
