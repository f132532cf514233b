//! The simulation: a [`World`] (the resolved cluster, a clock, seeded randomness) and the
//! events a story plays on it. The same input and seed always give the same result, on
//! native and wasm alike.

mod drain;
mod explain;
mod files;
mod node_steps;
pub mod outcome;
mod pods;
pub mod request;
pub mod routes;

pub use outcome::{Hop, HopKind, Outcome, Place, RequestOutcome};
pub use pods::find_pod;
pub use request::{Traffic, INTERNET_IP, OUTSIDE_IP};
pub use routes::{pod_ref, routes_to};

use crate::cluster::{Change, Cluster};
use crate::diagnostic::Diagnostic;
use crate::model::{Body, Object};
use crate::rng::Rng;
use crate::scenario::{client_text, format_duration, Scenario, Step};
use crate::text::Text;

/// The simulated cluster and everything that persists between steps.
#[derive(Clone, Debug)]
pub struct World {
    /// The cluster.
    pub cluster: Cluster,
    /// Session affinity, hit counts, and the randomness of backend choice.
    pub traffic: Traffic,
}

/// The Scenario among the objects, if there is one (the first, when several are written).
pub fn scenario_of(objects: &[Object]) -> Option<&Scenario> {
    objects.iter().find_map(|o| match &o.body {
        Body::Scenario(s) => Some(s.as_ref()),
        _ => None,
    })
}

impl World {
    /// Resolves the objects on the scenario's cluster; returns the world and the
    /// cluster-level diagnostics.
    pub fn new(objects: &[Object]) -> (World, Vec<Diagnostic>) {
        Self::after_edit(objects, None)
    }

    /// Like [`World::new`], keeping why the scheduler placed each pod where it did
    /// ([`Cluster::verdicts`]), for `kubeglass describe`.
    #[cfg(feature = "explain")]
    pub fn explained(objects: &[Object]) -> (World, Vec<Diagnostic>) {
        let scenario = scenario_of(objects);
        let (cluster, diagnostics) = Cluster::resolve_explained(objects, scenario);
        (Self::around(cluster, scenario), diagnostics)
    }

    /// Like [`World::new`] for an edited manifest: pods of `before` (the world before the
    /// edit) stay on their nodes when they still fit.
    pub fn after_edit(objects: &[Object], before: Option<&World>) -> (World, Vec<Diagnostic>) {
        let scenario = scenario_of(objects);
        let placements = before.map_or_else(Default::default, |w| {
            crate::sorted::VecMap::from_unsorted(
                w.cluster
                    .pods
                    .iter()
                    .filter_map(|p| Some((p.key(), p.node.clone()?)))
                    .collect(),
            )
        });
        let (cluster, diagnostics) = Cluster::resolve_after_edit(objects, scenario, placements);
        (Self::around(cluster, scenario), diagnostics)
    }

    /// The world of a resolved cluster, before any traffic.
    fn around(cluster: Cluster, scenario: Option<&Scenario>) -> World {
        let seed = scenario.map_or(1, |s| s.seed);
        World {
            cluster,
            traffic: Traffic {
                rng: Rng::new(seed ^ 0x7261_6666_6963),
                affinity: Default::default(),
                hits: Default::default(),
            },
        }
    }

    /// Plays one step and says what it did.
    pub fn apply(&mut self, step: &Step) -> Outcome {
        let mut requests = Vec::new();
        let (kind, result): (&'static str, Result<Text, Text>) = match step {
            Step::Request { from, to, count } => {
                for _ in 0..*count {
                    requests.push(request::send(&self.cluster, &mut self.traffic, from, to));
                }
                let explanation = explain::requests(&requests, &client_text(from), to);
                ("request", Ok(explanation))
            }
            Step::Write {
                pod,
                container,
                path,
            } => (
                "write",
                files::write(&mut self.cluster, pod, container.as_deref(), path)
                    .map(|written| explain::write(&written, &self.cluster)),
            ),
            Step::RestartContainer { pod, container } => {
                ("restartContainer", self.restart(pod, container.as_deref()))
            }
            Step::DeletePod(reference) => ("deletePod", self.delete_pod(reference)),
            Step::FailNode(node) => (
                "failNode",
                if self.cluster.fail_node(node) {
                    Ok(explain::node_failed(node))
                } else {
                    Err(no_such_node(&self.cluster, node, "down"))
                },
            ),
            Step::RecoverNode(node) => ("recoverNode", self.recover(node)),
            Step::Cordon(node) => ("cordon", self.cordon(node, true)),
            Step::Uncordon(node) => ("uncordon", self.cordon(node, false)),
            Step::AddNode(template) => ("addNode", self.add_node(template)),
            Step::Drain {
                node,
                ignore_daemon_sets,
                delete_empty_dir_data,
                force,
            } => (
                "drain",
                self.drain(
                    node,
                    drain::Flags {
                        ignore_daemon_sets: *ignore_daemon_sets,
                        delete_empty_dir_data: *delete_empty_dir_data,
                        force: *force,
                    },
                ),
            ),
            Step::Taint { node, taint } => ("taint", self.taint(node, taint)),
            Step::Untaint { node, key, effect } => ("untaint", self.untaint(node, key, *effect)),
            Step::Scale {
                kind,
                namespace,
                name,
                replicas,
            } => (
                "scale",
                self.scale(*kind, namespace.as_deref(), name, *replicas),
            ),
            Step::DeletePvc { namespace, name } => (
                "deletePVC",
                self.delete_claim(namespace.as_deref().unwrap_or("default"), name),
            ),
            Step::Wait(ms) => {
                self.cluster.advance(self.cluster.now + ms);
                let changes = self.cluster.take_changes();
                let mut parts = vec![Text::new(
                    format!("{} passed.", format_duration(*ms)),
                    format!("{}이(가) 지났습니다.", format_duration(*ms)),
                )];
                parts.extend(explain::consequences(&changes));
                if parts.len() == 1 {
                    parts.push(Text::new("Nothing changed.", "아무것도 바뀌지 않았습니다."));
                }
                return self.outcome("wait", Ok(explain::join(&parts)), changes, requests);
            }
        };
        let changes = self.cluster.take_changes();
        self.outcome(kind, result, changes, requests)
    }

    /// Runs a cluster operation and returns the changes it made, for the explanation (they
    /// stay recorded: the step's outcome takes them all at the end).
    fn observed(&mut self, operation: impl FnOnce(&mut Cluster)) -> Vec<Change> {
        let start = self.cluster.recorded().len();
        operation(&mut self.cluster);
        self.cluster.recorded()[start..].to_vec()
    }

    fn outcome(
        &self,
        kind: &'static str,
        result: Result<Text, Text>,
        changes: Vec<Change>,
        requests: Vec<RequestOutcome>,
    ) -> Outcome {
        let applied = result.is_ok();
        let explanation = match result {
            Ok(text) => text,
            Err(why) => Text::new(
                format!("Not done: {}", why.en),
                format!("실행하지 못했습니다: {}", why.ko),
            ),
        };
        Outcome {
            kind,
            time: self.cluster.now,
            explanation,
            requests,
            changes,
            applied,
        }
    }

    fn restart(
        &mut self,
        reference: &crate::scenario::PodRef,
        container: Option<&str>,
    ) -> Result<Text, Text> {
        let i = pods::running_pod(&self.cluster, reference)?;
        let pod = &self.cluster.pods[i];
        let c = pods::container_index(pod, container)?;
        let (pod_name, container_name) = (pod.name.clone(), pod.spec.containers[c].name.clone());
        let mut restarted = false;
        let changes = self.observed(|cluster| restarted = cluster.restart_container(i, c));
        let lost = changes.iter().find_map(|ch| match ch {
            Change::FilesLost { files, .. } => Some(files.join(", ")),
            _ => None,
        });
        let head = if restarted {
            Text::new(
                format!("Container {container_name} of pod {pod_name} exited and the kubelet restarted it in the same pod: same node, same IP, same volumes, but a fresh writable layer."),
                format!("파드 {pod_name}의 컨테이너 {container_name}가 종료되었고 kubelet이 같은 파드 안에서 다시 시작했습니다: 노드, IP, 볼륨은 그대로이고 쓰기 레이어만 새것입니다."),
            )
        } else {
            Text::new(
                format!("Container {container_name} of pod {pod_name} exited; restartPolicy is Never, so it stays down and the pod fails."),
                format!("파드 {pod_name}의 컨테이너 {container_name}가 종료되었습니다. restartPolicy가 Never라 다시 시작되지 않고 파드는 실패합니다."),
            )
        };
        let tail = match lost {
            Some(files) => Text::new(
                format!("Lost with the old layer: {files}. Files in volumes stay."),
                format!("이전 레이어와 함께 사라진 파일: {files}. 볼륨 안의 파일은 남습니다."),
            ),
            None => Text::new("Files in volumes stay.", "볼륨 안의 파일은 남습니다."),
        };
        Ok(explain::join(&[head, tail]))
    }

    fn delete_pod(&mut self, reference: &crate::scenario::PodRef) -> Result<Text, Text> {
        let i = pods::find_pod(&self.cluster, reference)?;
        let pod = &self.cluster.pods[i];
        let name = pod.name.clone();
        let owner = pod
            .owner
            .as_ref()
            .map(|o| (self.cluster.workloads[o.workload].kind, o.name.clone()));
        let kept: Vec<Text> = pod
            .volumes
            .iter()
            .filter_map(|v| match v.lifetime {
                crate::cluster::Lifetime::Node => Some(Text::new(
                    format!(
                        "Files in hostPath {} stay on {}.",
                        v.name,
                        pod.node.clone().unwrap_or_default()
                    ),
                    format!(
                        "hostPath {}의 파일은 {}에 남습니다.",
                        v.name,
                        pod.node.clone().unwrap_or_default()
                    ),
                )),
                crate::cluster::Lifetime::Persistent => Some(Text::new(
                    format!(
                        "Files in {} stay in their storage.",
                        v.volume.clone().unwrap_or_else(|| v.name.clone())
                    ),
                    format!(
                        "{}의 파일은 저장소에 남습니다.",
                        v.volume.clone().unwrap_or_else(|| v.name.clone())
                    ),
                )),
                _ => None,
            })
            .collect();
        let changes = self.observed(|cluster| cluster.delete_pod(i));
        let mut parts = vec![Text::new(
            format!("Pod {name} was deleted."),
            format!("파드 {name}가 삭제되었습니다."),
        )];
        parts.extend(explain::consequences(&changes));
        parts.extend(kept);
        match owner {
            None => parts.push(Text::new(
                "It was a bare pod: nothing recreates it.",
                "단독 파드였기 때문에 아무것도 다시 만들지 않습니다.",
            )),
            Some((crate::model::WorkloadKind::StatefulSet, _)) => parts.push(Text::new(
                "A StatefulSet replacement keeps the name and the claims, but gets a new UID and IP.",
                "StatefulSet의 대체 파드는 이름과 클레임을 유지하지만 UID와 IP는 새로 받습니다.",
            )),
            Some(_) => {}
        }
        Ok(explain::join(&parts))
    }

    fn recover(&mut self, node: &str) -> Result<Text, Text> {
        let mut recovered = false;
        let changes = self.observed(|cluster| recovered = cluster.recover_node(node));
        if !recovered {
            return Err(no_such_node(&self.cluster, node, "up"));
        }
        let mut parts = vec![Text::new(
            format!("{node} is back: its kubelet finishes the deletions it missed and restarts the containers of the pods still bound to it (their writable layers start empty; volumes on the node are there again)."),
            format!("{node}가 돌아왔습니다: kubelet이 놓친 삭제를 마치고, 아직 바인딩된 파드의 컨테이너를 다시 시작합니다 (쓰기 레이어는 비어서 시작하고, 노드의 볼륨은 다시 쓸 수 있습니다)."),
        )];
        parts.extend(explain::consequences(&changes));
        Ok(explain::join(&parts))
    }

    fn scale(
        &mut self,
        kind: crate::model::WorkloadKind,
        namespace: Option<&str>,
        name: &str,
        replicas: i64,
    ) -> Result<Text, Text> {
        let namespace = namespace.unwrap_or("default");
        let before = self
            .cluster
            .workloads
            .iter()
            .find(|w| w.kind == kind && w.namespace == namespace && w.name == name && !w.deleted)
            .map(|w| w.replicas);
        let Some(before) = before else {
            return Err(Text::new(
                format!("there is no {} {namespace}/{name}", kind.as_str()),
                format!("{} {namespace}/{name}이(가) 없습니다", kind.as_str()),
            ));
        };
        let changes = self.observed(|cluster| {
            cluster.scale(kind, namespace, name, replicas);
        });
        let mut parts = vec![Text::new(
            format!(
                "{} {name} scaled from {before} to {replicas}.",
                kind.as_str()
            ),
            format!(
                "{} {name}의 레플리카를 {before}에서 {replicas}로 바꿨습니다.",
                kind.as_str()
            ),
        )];
        let removed: Vec<String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::PodDeleted { pod, .. } => Some(
                    pod.split_once('/')
                        .map_or(pod.clone(), |(_, n)| n.to_owned()),
                ),
                _ => None,
            })
            .collect();
        if !removed.is_empty() {
            parts.push(Text::new(
                format!("Removed: {}.", removed.join(", ")),
                format!("삭제됨: {}.", removed.join(", ")),
            ));
        }
        parts.extend(explain::consequences(&changes));
        Ok(explain::join(&parts))
    }

    fn delete_claim(&mut self, namespace: &str, name: &str) -> Result<Text, Text> {
        let mut found = false;
        let changes = self.observed(|cluster| found = cluster.delete_claim(namespace, name));
        if !found {
            return Err(Text::new(
                format!("there is no PersistentVolumeClaim {namespace}/{name}"),
                format!("PersistentVolumeClaim {namespace}/{name}이(가) 없습니다"),
            ));
        }
        let mut parts = vec![Text::new(
            format!("PersistentVolumeClaim {name} was asked to be deleted."),
            format!("PersistentVolumeClaim {name}의 삭제를 요청했습니다."),
        )];
        if let Some(claim) = self.cluster.claim(namespace, name) {
            let users: Vec<String> = self
                .cluster
                .pods
                .iter()
                .filter(|p| {
                    p.namespace == namespace
                        && p.volumes
                            .iter()
                            .any(|v| v.claim.as_deref() == Some(&claim.name))
                })
                .map(|p| p.name.clone())
                .collect();
            parts.push(Text::new(
                format!("It stays Terminating while pods use it ({}): storage object in use protection.", users.join(", ")),
                format!("파드가 사용하는 동안({}) Terminating으로 남습니다: 사용 중인 스토리지 오브젝트 보호.", users.join(", ")),
            ));
        }
        parts.extend(explain::consequences(&changes));
        Ok(explain::join(&parts))
    }
}

fn no_such_node(cluster: &Cluster, node: &str, state: &str) -> Text {
    if cluster.node(node).is_none() {
        let names = cluster
            .nodes
            .iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        Text::new(
            format!("there is no node {node} (nodes: {names})"),
            format!("노드 {node}이(가) 없습니다 (노드: {names})"),
        )
    } else {
        Text::new(
            format!("{node} is already {state}"),
            format!("{node}는 이미 {state} 상태입니다"),
        )
    }
}
