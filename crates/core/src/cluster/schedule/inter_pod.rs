//! Inter-pod affinity and anti-affinity (rules 4.10, 4.11), as kube-scheduler's
//! InterPodAffinity plugin filters (pkg/scheduler/framework/plugins/interpodaffinity/
//! filtering.go): the topology domains that matter to one incoming pod are gathered once,
//! then each node is checked against them.

use super::super::state::{Node, Phase, Pod};
use super::super::Cluster;
use super::Misfit;
use crate::model::PodAffinityTerm;
use crate::sorted::{VecMap, VecSet};

/// A topology domain: a node label's key and value.
type Domain = (String, String);

/// What the incoming pod's filter needs to know about the pods already placed.
pub struct Domains {
    /// Domains running a pod that matches every required affinity term of the incoming pod.
    affinity: VecSet<Domain>,
    /// Domains running a pod that matches one of its required anti-affinity terms.
    anti_affinity: VecSet<Domain>,
    /// Domains of placed pods whose own required anti-affinity matches the incoming pod.
    existing_anti_affinity: VecSet<Domain>,
    /// Preference per domain: preferred terms both ways, and placed pods' required affinity
    /// (with kube-scheduler's `hardPodAffinityWeight` of 1).
    preference: VecMap<Domain, i64>,
}

/// Adds `weight` to the domain of `term` that `node` belongs to.
fn prefer(preference: &mut VecMap<Domain, i64>, term: &PodAffinityTerm, node: &Node, weight: i64) {
    if let Some(d) = domain(term, node) {
        *preference.entry(d).or_insert(0) += weight;
    }
}

/// The domain of `term` that `node` belongs to, if the node has the label.
fn domain(term: &PodAffinityTerm, node: &Node) -> Option<Domain> {
    node.labels
        .get(&term.topology_key)
        .map(|v| (term.topology_key.clone(), v.clone()))
}

impl Domains {
    /// Gathers the domains for `pod`, looking at every pod bound to a node.
    pub fn gather(cluster: &Cluster, pod: &Pod) -> Domains {
        let nodes: VecMap<&str, &Node> =
            VecMap::from_iter(cluster.nodes.iter().map(|n| (n.name.as_str(), n)));
        let terms = &pod.spec.pod_affinity;
        let mut out = Domains {
            affinity: VecSet::new(),
            anti_affinity: VecSet::new(),
            existing_anti_affinity: VecSet::new(),
            preference: VecMap::new(),
        };
        for other in &cluster.pods {
            let Some(&node) = other.node.as_deref().and_then(|n| nodes.get(n)) else {
                continue;
            };
            if other.uid == pod.uid || matches!(other.phase, Phase::Succeeded | Phase::Failed) {
                continue;
            }
            let matched =
                |t: &PodAffinityTerm| t.matches(&pod.namespace, &other.namespace, &other.labels);
            if !terms.affinity.is_empty() && terms.affinity.iter().all(matched) {
                out.affinity
                    .extend(terms.affinity.iter().filter_map(|t| domain(t, node)));
            }
            out.anti_affinity.extend(
                terms
                    .anti_affinity
                    .iter()
                    .filter(|t| matched(t))
                    .filter_map(|t| domain(t, node)),
            );
            out.existing_anti_affinity.extend(
                other
                    .spec
                    .pod_affinity
                    .anti_affinity
                    .iter()
                    .filter(|t| t.matches(&other.namespace, &pod.namespace, &pod.labels))
                    .filter_map(|t| domain(t, node)),
            );
            let theirs = &other.spec.pod_affinity;
            let matches_incoming =
                |t: &PodAffinityTerm| t.matches(&other.namespace, &pod.namespace, &pod.labels);
            let weighted = [
                (&terms.preferred_affinity, 1, true),
                (&terms.preferred_anti_affinity, -1, true),
                (&theirs.preferred_affinity, 1, false),
                (&theirs.preferred_anti_affinity, -1, false),
            ];
            for (list, sign, incoming) in weighted {
                for (weight, t) in list {
                    if if incoming {
                        matched(t)
                    } else {
                        matches_incoming(t)
                    } {
                        prefer(&mut out.preference, t, node, sign * i64::from(*weight));
                    }
                }
            }
            for t in theirs.affinity.iter().filter(|t| matches_incoming(t)) {
                prefer(&mut out.preference, t, node, 1);
            }
        }
        out
    }

    /// The InterPodAffinity scores of `nodes`: each node's preference, scaled to 0–100
    /// between the lowest and the highest (all 0 when they are equal).
    pub fn scores(&self, nodes: &[&Node]) -> Vec<i64> {
        let raw: Vec<i64> = nodes
            .iter()
            .map(|n| {
                n.labels
                    .iter()
                    .filter_map(|(k, v)| self.preference.get(&(k.clone(), v.clone())))
                    .sum()
            })
            .collect();
        let (low, high) = (
            raw.iter().copied().min().unwrap_or(0),
            raw.iter().copied().max().unwrap_or(0),
        );
        raw.iter()
            .map(|s| {
                if high > low {
                    100 * (s - low) / (high - low)
                } else {
                    0
                }
            })
            .collect()
    }

    /// Why `node` fails the filter for `pod`, checked in the plugin's order.
    pub fn misfit(&self, pod: &Pod, node: &Node) -> Option<Misfit> {
        let terms = &pod.spec.pod_affinity;
        let mut affinity_met = true;
        for term in &terms.affinity {
            // Every term's topology key must be on the node.
            let Some(d) = domain(term, node) else {
                return Some(Misfit::PodAffinity);
            };
            affinity_met &= self.affinity.contains(&d);
        }
        // The first of a self-affine group may go anywhere: no pod matches yet, and it
        // matches its own terms.
        let first_of_group = self.affinity.is_empty()
            && terms
                .affinity
                .iter()
                .all(|t| t.matches(&pod.namespace, &pod.namespace, &pod.labels));
        if !affinity_met && !first_of_group {
            return Some(Misfit::PodAffinity);
        }
        if terms
            .anti_affinity
            .iter()
            .filter_map(|t| domain(t, node))
            .any(|d| self.anti_affinity.contains(&d))
        {
            return Some(Misfit::PodAntiAffinity);
        }
        if node.labels.iter().any(|(k, v)| {
            self.existing_anti_affinity
                .contains(&(k.clone(), v.clone()))
        }) {
            return Some(Misfit::ExistingAntiAffinity);
        }
        None
    }
}
