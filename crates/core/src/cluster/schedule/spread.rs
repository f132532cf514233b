//! Pod topology spread (rule 4.14), as kube-scheduler's PodTopologySpread plugin
//! (pkg/scheduler/framework/plugins/podtopologyspread/filtering.go, scoring.go): matching
//! pods are counted per domain once for the incoming pod, then each node is checked.

use super::super::state::{Node, Pod};
use super::super::Cluster;
use super::{selects, Misfit};
use crate::model::SpreadConstraint;
use crate::sorted::VecMap;

/// Matching pods per domain for each of the pod's constraints.
pub struct Spread {
    /// Per constraint (in the pod's order): domain value → matching pods. Every domain of a
    /// node that takes part is present, empty ones with 0.
    counts: Vec<VecMap<String, i64>>,
}

/// True when `node` has the topology key of every one of `constraints`.
fn has_keys<'a>(mut constraints: impl Iterator<Item = &'a SpreadConstraint>, node: &Node) -> bool {
    constraints.all(|c| node.labels.contains_key(&c.topology_key))
}

impl Spread {
    /// Counts for `pod`, or `None` when it has no constraint.
    pub fn gather(cluster: &Cluster, pod: &Pod) -> Option<Spread> {
        let constraints = &pod.spec.spread.0;
        if constraints.is_empty() {
            return None;
        }
        let mut counts = vec![VecMap::new(); constraints.len()];
        for node in &cluster.nodes {
            for (c, count) in constraints.iter().zip(counts.iter_mut()) {
                // Filtering counts the nodes with every DoNotSchedule key, scoring those
                // with every ScheduleAnyway key.
                let same_kind = constraints.iter().filter(|o| o.hard == c.hard);
                if !has_keys(same_kind, node) || (!c.ignore_node_affinity && !selects(pod, node)) {
                    continue;
                }
                let matching = cluster
                    .pods
                    .iter()
                    .filter(|p| {
                        p.node.as_deref() == Some(&node.name)
                            && !p.terminating
                            && p.namespace == pod.namespace
                            && c.selector.as_ref().is_some_and(|s| s.matches(&p.labels))
                    })
                    .count() as i64;
                *count
                    .entry(node.labels[&c.topology_key].clone())
                    .or_insert(0) += matching;
            }
        }
        Some(Spread { counts })
    }

    /// Why `node` fails the DoNotSchedule constraints of `pod`.
    pub fn misfit(&self, pod: &Pod, node: &Node) -> Option<Misfit> {
        let constraints = &pod.spec.spread.0;
        if !has_keys(constraints.iter().filter(|c| c.hard), node) {
            return Some(Misfit::SpreadMissingLabel);
        }
        for (c, counts) in constraints.iter().zip(&self.counts).filter(|(c, _)| c.hard) {
            let minimum = if (counts.len() as i64) < c.min_domains {
                0
            } else {
                counts.values().copied().min().unwrap_or(0)
            };
            let own = i64::from(c.selector.as_ref().is_some_and(|s| s.matches(&pod.labels)));
            let here = counts
                .get(&node.labels[&c.topology_key])
                .copied()
                .unwrap_or(0);
            if here + own - minimum > c.max_skew {
                return Some(Misfit::Spread);
            }
        }
        None
    }

    /// The PodTopologySpread scores of `nodes` for the ScheduleAnyway constraints: fewer
    /// matching pods in a node's domains score higher, scaled to 0–100. Each constraint
    /// weighs the same (kube-scheduler weighs each by the log of its domain count).
    pub fn scores(&self, pod: &Pod, nodes: &[&Node]) -> Vec<i64> {
        let soft: Vec<(&SpreadConstraint, &VecMap<String, i64>)> = pod
            .spec
            .spread
            .0
            .iter()
            .zip(&self.counts)
            .filter(|(c, _)| !c.hard)
            .collect();
        let raw: Vec<Option<i64>> = nodes
            .iter()
            .map(|node| {
                soft.iter()
                    .map(|(c, counts)| {
                        let value = node.labels.get(&c.topology_key)?;
                        Some(counts.get(value).copied().unwrap_or(0) + c.max_skew - 1)
                    })
                    .sum()
            })
            .collect();
        let (low, high) = raw
            .iter()
            .flatten()
            .fold((i64::MAX, 0), |(l, h), &s| (l.min(s), h.max(s)));
        raw.iter()
            .map(|s| match s {
                Some(s) if high > 0 => 100 * (high + low - s) / high,
                Some(_) => 100,
                None => 0,
            })
            .collect()
    }
}
