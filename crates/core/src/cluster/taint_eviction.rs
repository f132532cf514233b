//! The taint-eviction controller (rule 4.17): pods on a node that gets a NoExecute taint
//! during the story are deleted at once, after their `tolerationSeconds`, or never.
//! Models `pkg/controller/tainteviction/taint_eviction.go` in kubernetes/kubernetes.
//!
//! Only taints added by a step are timed here: the paste's taints are the cluster's settled
//! state, and the node-failure taints have their own timeline in `lifecycle`.

use super::schedule::toleration_matches;
use super::{Change, Cluster};
use crate::model::Taint;
use crate::scenario::Millis;

/// When the controller deletes pod `index`, with the taint that decides it: the earliest
/// moment one of its node's timed NoExecute taints stops being tolerated. `None` while every
/// such taint is tolerated for ever, or when there is none.
fn due(cluster: &Cluster, index: usize) -> Option<(Millis, &Taint)> {
    let pod = &cluster.pods[index];
    if pod.terminating {
        return None;
    }
    let node = cluster.node(pod.node.as_deref()?)?;
    // The controller looks at a pod when the taint appears or when the pod lands on the
    // node, whichever is later, and times its tolerations from then.
    let seen = pod.started.unwrap_or(0);
    node.tainted_at
        .iter()
        .filter_map(|(taint, added)| {
            let from = seen.max(*added);
            let matching = pod
                .spec
                .tolerations
                .iter()
                .filter(|t| toleration_matches(t, taint));
            // getMinTolerationTime: no match is now, ≤ 0 is now, the smallest wins, and only
            // matches that all lack tolerationSeconds mean for ever.
            let mut any = false;
            let mut least: Option<i64> = None;
            for t in matching {
                any = true;
                if let Some(s) = t.seconds {
                    least = Some(least.map_or(s, |l| l.min(s)));
                }
            }
            let wait = match (any, least) {
                (false, _) => 0,
                (true, None) => return None,
                (true, Some(s)) => u64::try_from(s).unwrap_or(0) * 1000,
            };
            Some((from + wait, taint))
        })
        .min_by_key(|(at, _)| *at)
}

/// True when some node has a timed NoExecute taint: otherwise there is nothing to look at,
/// and reconciling a large cluster skips a pass over its pods.
fn any_timed(cluster: &Cluster) -> bool {
    cluster.nodes.iter().any(|n| !n.tainted_at.is_empty())
}

/// Deletes the pods whose time is up; true when any went.
pub fn evict_due(cluster: &mut Cluster) -> bool {
    if !any_timed(cluster) {
        return false;
    }
    let now = cluster.now;
    let doomed: Vec<(usize, Taint)> = (0..cluster.pods.len())
        .filter_map(|i| {
            due(cluster, i)
                .filter(|(at, _)| *at <= now)
                .map(|(_, t)| (i, t.clone()))
        })
        .collect();
    for (i, taint) in doomed.iter().rev() {
        let pod = &cluster.pods[*i];
        let change = Change::PodEvicted {
            pod: pod.key(),
            node: pod.node.clone().unwrap_or_default(),
            taint: taint.spec(),
            tolerated: pod
                .spec
                .tolerations
                .iter()
                .any(|t| toleration_matches(t, taint)),
        };
        cluster.record(change);
        super::lifecycle::delete_pod(cluster, *i);
    }
    !doomed.is_empty()
}

/// The next moment after now when a tolerated taint runs out for some pod.
pub fn next_deadline(cluster: &Cluster) -> Option<Millis> {
    if !any_timed(cluster) {
        return None;
    }
    (0..cluster.pods.len())
        .filter_map(|i| due(cluster, i).map(|(at, _)| at))
        .filter(|&at| at > cluster.now)
        .min()
}
