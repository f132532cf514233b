//! `kubectl drain` (rules 4.15 and 4.16): cordon, sort the node's pods as kubectl's filters
//! do, refuse with kubectl's words, then evict through the Eviction API, which honours
//! PodDisruptionBudgets. Models `staging/src/k8s.io/kubectl/pkg/drain/filters.go` and
//! `drain.go` in kubernetes/kubernetes.

use super::{explain, World};
use crate::cluster::{Lifetime, Phase};
use crate::model::WorkloadKind;
use crate::text::Text;

/// The flags of `kubectl drain` that decide which pods may go.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flags {
    /// `--ignore-daemonsets`.
    pub ignore_daemon_sets: bool,
    /// `--delete-emptydir-data`.
    pub delete_empty_dir_data: bool,
    /// `--force`.
    pub force: bool,
}

/// What kubectl's filters make of the node's pods, each list as `namespace/name`.
#[derive(Default)]
struct Sorted {
    evict: Vec<String>,
    daemon_blocked: Vec<String>,
    local_blocked: Vec<String>,
    bare_blocked: Vec<String>,
    daemon_ignored: Vec<String>,
    bare_forced: Vec<String>,
}

impl World {
    fn sort_for_drain(&self, node: &str, flags: Flags) -> Sorted {
        let cluster = &self.cluster;
        let mut sorted = Sorted::default();
        for pod in &cluster.pods {
            if pod.node.as_deref() != Some(node) || pod.terminating {
                continue;
            }
            let key = pod.key();
            let finished = matches!(pod.phase, Phase::Succeeded | Phase::Failed);
            let daemon = pod
                .owner
                .as_ref()
                .is_some_and(|o| cluster.workloads[o.workload].kind == WorkloadKind::DaemonSet);
            // The first filter that keeps a pod decides, in kubectl's order.
            let list = if finished {
                &mut sorted.evict
            } else if daemon && flags.ignore_daemon_sets {
                &mut sorted.daemon_ignored
            } else if daemon {
                &mut sorted.daemon_blocked
            } else if !flags.delete_empty_dir_data
                && pod
                    .volumes
                    .iter()
                    .any(|v| v.kind == "emptyDir" && v.lifetime == Lifetime::Pod)
            {
                &mut sorted.local_blocked
            } else if pod.owner.is_none() && !flags.force {
                &mut sorted.bare_blocked
            } else {
                if pod.owner.is_none() {
                    sorted.bare_forced.push(key.clone());
                }
                &mut sorted.evict
            };
            list.push(key);
        }
        sorted
    }

    /// `kubectl drain <node>`. The explanation starts with what kubectl prints, line by line.
    pub(super) fn drain(&mut self, node: &str, flags: Flags) -> Result<Text, Text> {
        let n = self.node_index(node)?;
        let mut printed: Vec<String> = Vec::new();
        if self.cluster.nodes[n].unschedulable {
            printed.push(format!("node/{node} already cordoned"));
        } else {
            self.cluster.nodes[n].unschedulable = true;
            printed.push(format!("node/{node} cordoned"));
        }
        let sorted = self.sort_for_drain(node, flags);
        let refusals: Vec<String> = [
            (
                &sorted.daemon_blocked,
                "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)",
            ),
            (
                &sorted.local_blocked,
                "Pods with local storage (use --delete-emptydir-data to override)",
            ),
            (
                &sorted.bare_blocked,
                "Pods declare no controller (use --force to override)",
            ),
        ]
        .into_iter()
        .filter(|(pods, _)| !pods.is_empty())
        .map(|(pods, what)| format!("cannot delete {what}: {}", pods.join(", ")))
        .collect();
        if !refusals.is_empty() {
            let all = if refusals.len() == 1 {
                refusals[0].clone()
            } else {
                format!("[{}]", refusals.join(", "))
            };
            printed.push(format!(
                "error: unable to drain node \"{node}\" due to error: {all}, continuing command..."
            ));
            let said = printed.join("; ");
            return Err(Text::new(
                format!("{said} Nothing was evicted, and the node stays cordoned."),
                format!("{said} 아무 파드도 축출되지 않았고, 노드는 cordon 상태로 남습니다."),
            ));
        }
        for (pods, what) in [
            (&sorted.daemon_ignored, "ignoring DaemonSet-managed Pods"),
            (
                &sorted.bare_forced,
                "deleting Pods that declare no controller",
            ),
        ] {
            if !pods.is_empty() {
                printed.push(format!("Warning: {what}: {}", pods.join(", ")));
            }
        }
        let mut waiting = false;
        let changes = self.observed(|cluster| {
            for key in &sorted.evict {
                let Some(i) = cluster.pods.iter().position(|p| p.key() == *key) else {
                    continue;
                };
                printed.push(format!("evicting pod {key}"));
                if let Err(why) = cluster.evict(i) {
                    let (namespace, name) = key.split_once('/').unwrap_or(("default", key));
                    printed.push(format!("error when evicting pods/\"{name}\" -n \"{namespace}\" (will retry after 5s): {}", why.en));
                    waiting = true;
                }
            }
        });
        let said = printed.join("; ");
        // kubectl waits for each evicted pod to be gone; on a node that is down, nothing
        // confirms the deletion, so the pod stays Terminating and the drain never finishes.
        // By state, not by name: a StatefulSet's replacement takes its evicted pod's name.
        let stuck: Vec<String> = self
            .cluster
            .pods
            .iter()
            .filter(|p| p.terminating && p.node.as_deref() == Some(node))
            .map(|p| p.key())
            .filter(|key| sorted.evict.contains(key))
            .collect();
        let mut parts = vec![if !stuck.is_empty() && !waiting {
            let stuck = stuck.join(", ");
            Text::new(
                format!("{said}. kubectl now waits for {stuck} to be deleted, which the node, being down, cannot confirm: the drain does not finish."),
                format!("{said}. kubectl은 {stuck}이(가) 삭제되기를 기다리지만, 노드가 멈춰 있어 삭제를 확인해 줄 수 없으므로 drain이 끝나지 않습니다."),
            )
        } else if waiting {
            Text::new(
                format!("{said}. kubectl retries every 5 s until the budget allows; the story goes on, and drain can be played again."),
                format!("{said}. kubectl은 예산이 허락할 때까지 5초마다 다시 시도합니다. 이야기는 이어지고, drain을 다시 실행할 수 있습니다."),
            )
        } else {
            Text::new(
                format!("{said}; node/{node} drained."),
                format!("{said}; node/{node} drained."),
            )
        }];
        parts.extend(explain::consequences(&changes));
        Ok(explain::join(&parts))
    }
}
