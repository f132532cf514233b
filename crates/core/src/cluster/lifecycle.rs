//! Pods and nodes over time: deletion, the node-failure timeline, container restarts and
//! Jobs finishing (rules 3.2–3.4, 3.9, 3.12, 5.1).

use super::controllers::JOB_RUN_TIME;
use super::state::{Lifetime, Phase, Store};
use super::storage::lose_files;
use super::{Change, Cluster};
use crate::model::{Taint, TaintEffect, TolerationOperator, WorkloadKind};
use crate::scenario::Millis;
use crate::text::Text;

/// How long the node controller waits for heartbeats before marking a node NotReady
/// (`node-monitor-grace-period`, 50 s in current releases).
pub const NODE_GRACE: Millis = 50_000;
/// How long pods tolerate an unreachable node before eviction (added to every pod by the
/// `DefaultTolerationSeconds` admission plugin).
pub const EVICTION_TOLERATION: Millis = 300_000;

/// How long the attach-detach controller waits for a pod's deletion to finish on an
/// unhealthy node before it detaches the pod's volumes anyway (`maxWaitForUnmountDuration`).
pub const FORCE_DETACH: Millis = 360_000;

const UNREACHABLE: &str = "node.kubernetes.io/unreachable";

fn unreachable_taint() -> Taint {
    Taint {
        key: UNREACHABLE.to_owned(),
        value: String::new(),
        effect: TaintEffect::NoExecute,
    }
}

/// Deletes a pod. Its node's kubelet removes it and its pod-lifetime data; on an unreachable
/// node it stays Terminating, as nothing can confirm the deletion (rule 3.12).
pub fn delete_pod(cluster: &mut Cluster, index: usize) {
    let node_up = cluster.pods[index]
        .node
        .as_deref()
        .is_none_or(|n| cluster.node(n).is_none_or(|node| node.is_up()));
    if !node_up {
        // Its Ready condition is the node controller's business, not the deletion's.
        let now = cluster.now;
        let pod = &mut cluster.pods[index];
        if !pod.terminating {
            pod.terminating = true;
            pod.deletion_started = Some(now);
            let key = pod.key();
            cluster.record(Change::PodTerminating { pod: key });
        }
        return;
    }
    let pod = cluster.pods.remove(index);
    cluster.pod_names.remove(&pod.key());
    for volume in &pod.volumes {
        if let (Lifetime::Pod, Some(store)) = (volume.lifetime, &volume.store) {
            lose_files(
                cluster,
                store,
                Text::new(
                    format!("{} {} of pod {}", volume.kind, volume.name, pod.name),
                    format!("파드 {}의 {} {}", pod.name, volume.kind, volume.name),
                ),
            );
        }
    }
    for (c, container) in pod.spec.containers.iter().enumerate() {
        let store = Store::Container {
            pod: pod.uid,
            container: container.name.clone(),
            generation: pod.restarts.get(c).copied().unwrap_or(0),
        };
        lose_files(
            cluster,
            &store,
            Text::new(
                format!("container {} of pod {}", container.name, pod.name),
                format!("파드 {}의 컨테이너 {}", pod.name, container.name),
            ),
        );
    }
    cluster.record(Change::PodDeleted {
        pod: pod.key(),
        node: pod.node,
    });
}

/// A node stops: power off or network cut. Nothing in the API changes yet.
pub fn fail_node(cluster: &mut Cluster, name: &str) -> bool {
    let now = cluster.now;
    let Some(node) = cluster.nodes.iter_mut().find(|n| n.name == name) else {
        return false;
    };
    if node.down_since.is_some() {
        return false;
    }
    node.down_since = Some(now);
    cluster.record(Change::NodeStatus {
        node: name.to_owned(),
        status: "down",
    });
    true
}

/// A failed node comes back: its kubelet finishes the deletions it missed, restarts the
/// containers of the pods still bound to it, and the node is Ready again.
pub fn recover_node(cluster: &mut Cluster, name: &str) -> bool {
    let Some(node) = cluster.nodes.iter_mut().find(|n| n.name == name) else {
        return false;
    };
    if node.down_since.take().is_none() {
        return false;
    }
    node.taints.retain(|t| t.key != UNREACHABLE);
    cluster.record(Change::NodeStatus {
        node: name.to_owned(),
        status: "up",
    });
    let on_node: Vec<usize> = (0..cluster.pods.len())
        .filter(|&i| cluster.pods[i].node.as_deref() == Some(name))
        .collect();
    for &i in on_node.iter().rev() {
        if cluster.pods[i].terminating {
            delete_pod(cluster, i);
        }
    }
    for i in 0..cluster.pods.len() {
        if cluster.pods[i].node.as_deref() == Some(name) && cluster.pods[i].phase == Phase::Running
        {
            // The machine rebooted: tmpfs is gone (rule 5.1) and every container starts afresh.
            let tmpfs: Vec<(Store, Text)> = cluster.pods[i]
                .spec
                .volumes
                .iter()
                .filter(|v| {
                    matches!(
                        v.source,
                        crate::model::VolumeSource::EmptyDir { memory: true }
                    )
                })
                .map(|v| {
                    let store = Store::PodDir {
                        pod: cluster.pods[i].uid,
                        volume: v.name.clone(),
                    };
                    (
                        store,
                        Text::new(
                            format!(
                                "emptyDir {} (medium: Memory) of pod {}",
                                v.name, cluster.pods[i].name
                            ),
                            format!(
                                "파드 {}의 emptyDir {} (medium: Memory)",
                                cluster.pods[i].name, v.name
                            ),
                        ),
                    )
                })
                .collect();
            for (store, label) in tmpfs {
                lose_files(cluster, &store, label);
            }
            for c in 0..cluster.pods[i].restarts.len() {
                restart_container(cluster, i, c);
            }
            cluster.pods[i].ready = true;
            cluster.pods[i].reason = None;
            let key = cluster.pods[i].key();
            cluster.record(Change::PodReadiness {
                pod: key,
                ready: true,
            });
        }
    }
    true
}

/// A container exits and the kubelet starts it again: its writable layer starts empty;
/// volumes stay (rule 3.3). Memory-backed emptyDirs survive too: the pod's tmpfs stays mounted.
pub fn restart_container(cluster: &mut Cluster, pod: usize, container: usize) {
    let p = &cluster.pods[pod];
    let Some(name) = p.spec.containers.get(container).map(|c| c.name.clone()) else {
        return;
    };
    let store = Store::Container {
        pod: p.uid,
        container: name.clone(),
        generation: p.restarts[container],
    };
    let label = Text::new(
        format!("container {name} of pod {}", p.name),
        format!("파드 {}의 컨테이너 {name}", p.name),
    );
    lose_files(cluster, &store, label);
    cluster.pods[pod].restarts[container] += 1;
}

/// The pod belongs to a DaemonSet.
fn is_daemon(cluster: &Cluster, pod: usize) -> bool {
    cluster.pods[pod]
        .owner
        .as_ref()
        .is_some_and(|o| cluster.workloads[o.workload].kind == WorkloadKind::DaemonSet)
}

/// How long a pod tolerates its node being unreachable: its own toleration, or the 300 s
/// the admission plugin adds; `None` for forever.
fn tolerated_for(cluster: &Cluster, pod: usize) -> Option<Millis> {
    let own = cluster.pods[pod].spec.tolerations.iter().find(|t| {
        (t.key == UNREACHABLE || (t.key.is_empty() && t.operator == TolerationOperator::Exists))
            && t.effect.is_none_or(|e| e == TaintEffect::NoExecute)
    });
    match own {
        Some(t) => t.seconds.map(|s| u64::try_from(s).unwrap_or(0) * 1000),
        None if is_daemon(cluster, pod) => None,
        None => Some(EVICTION_TOLERATION),
    }
}

/// Records the pods on `node` that tolerate its being unreachable for ever: they stay bound
/// to it, and no controller replaces them.
fn record_pods_that_stay(cluster: &mut Cluster, node: &str) {
    let staying: Vec<(String, bool)> = (0..cluster.pods.len())
        .filter(|&i| {
            let p = &cluster.pods[i];
            p.node.as_deref() == Some(node) && !p.terminating && tolerated_for(cluster, i).is_none()
        })
        .map(|i| (cluster.pods[i].key(), is_daemon(cluster, i)))
        .collect();
    for (pod, daemon) in staying {
        cluster.record(Change::PodStays {
            pod,
            node: node.to_owned(),
            daemon,
        });
    }
}

/// Applies what time does to nodes and pods: NotReady after the grace period, evictions
/// after the toleration, Jobs finishing; true on any change.
pub fn advance_nodes(cluster: &mut Cluster) -> bool {
    let now = cluster.now;
    let mut changed = super::taint_eviction::evict_due(cluster);
    for n in 0..cluster.nodes.len() {
        let Some(since) = cluster.nodes[n].down_since else {
            continue;
        };
        let name = cluster.nodes[n].name.clone();
        if now >= since + NODE_GRACE && !cluster.nodes[n].taints.contains(&unreachable_taint()) {
            cluster.nodes[n].taints.push(unreachable_taint());
            cluster.record(Change::NodeStatus {
                node: name.clone(),
                status: "not-ready",
            });
            record_pods_that_stay(cluster, &name);
            for i in 0..cluster.pods.len() {
                let pod = &mut cluster.pods[i];
                if pod.node.as_deref() == Some(&name) && pod.ready {
                    pod.ready = false;
                    let key = pod.key();
                    cluster.record(Change::PodReadiness {
                        pod: key,
                        ready: false,
                    });
                }
            }
            changed = true;
        }
        if now < since + NODE_GRACE {
            continue;
        }
        let tainted_at = since + NODE_GRACE;
        let doomed: Vec<usize> = (0..cluster.pods.len())
            .filter(|&i| {
                let p = &cluster.pods[i];
                p.node.as_deref() == Some(&name)
                    && !p.terminating
                    && tolerated_for(cluster, i).is_some_and(|t| now >= tainted_at + t)
            })
            .collect();
        if !doomed.is_empty() {
            cluster.record(Change::NodeStatus {
                node: name.clone(),
                status: "evicting",
            });
            for &i in doomed.iter().rev() {
                delete_pod(cluster, i);
            }
            changed = true;
        }
    }
    for i in 0..cluster.pods.len() {
        let p = &cluster.pods[i];
        let job = p
            .owner
            .as_ref()
            .is_some_and(|o| cluster.workloads[o.workload].kind == WorkloadKind::Job);
        let node_up = p
            .node
            .as_deref()
            .and_then(|n| cluster.node(n))
            .is_some_and(|n| n.is_up());
        if job
            && node_up
            && p.phase == Phase::Running
            && p.started.is_some_and(|s| now >= s + JOB_RUN_TIME)
        {
            let pod = &mut cluster.pods[i];
            pod.phase = Phase::Succeeded;
            pod.ready = false;
            pod.reason = None;
            let key = pod.key();
            cluster.record(Change::PodReadiness {
                pod: key,
                ready: false,
            });
            changed = true;
        }
    }
    changed
}

/// The next moment after now when time alone changes something: a node's grace period or
/// a pod's eviction running out, a Job finishing, a CronJob's schedule (checked each minute).
pub fn next_deadline(cluster: &Cluster) -> Option<Millis> {
    let now = cluster.now;
    let mut deadlines: Vec<Millis> = super::taint_eviction::next_deadline(cluster)
        .into_iter()
        .collect();
    for node in &cluster.nodes {
        let Some(since) = node.down_since else {
            continue;
        };
        deadlines.push(since + NODE_GRACE);
        for (i, pod) in cluster.pods.iter().enumerate() {
            if pod.node.as_deref() == Some(&node.name) && !pod.terminating {
                if let Some(t) = tolerated_for(cluster, i) {
                    deadlines.push(since + NODE_GRACE + t);
                }
            }
        }
    }
    for pod in &cluster.pods {
        if let Some(since) = pod.deletion_started {
            deadlines.push(since + FORCE_DETACH);
        }
        let job = pod
            .owner
            .as_ref()
            .is_some_and(|o| cluster.workloads[o.workload].kind == WorkloadKind::Job);
        if let (true, Phase::Running, Some(started)) = (job, pod.phase, pod.started) {
            deadlines.push(started + JOB_RUN_TIME);
        }
    }
    if cluster
        .workloads
        .iter()
        .any(|w| w.kind == WorkloadKind::CronJob && !w.deleted)
    {
        deadlines.push((now / 60_000 + 1) * 60_000);
    }
    deadlines.into_iter().filter(|&d| d > now).min()
}
