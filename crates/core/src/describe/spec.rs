//! What `describe` shows of objects as the API server stores them: with its defaults filled in
//! (rules 9.1 to 9.4), and the objects it rejected.

use crate::cluster::{Cluster, Pod, Rejected, Workload};
use crate::model::{IntOrString, WorkloadKind};
use crate::text::Language;
use serde::Serialize;

/// A pod's spec as stored, defaults included (rule 9.2).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpecView {
    /// `Always`, `OnFailure` or `Never`.
    pub restart_policy: &'static str,
    /// `ClusterFirst`, `ClusterFirstWithHostNet`, `Default` or `None`.
    pub dns_policy: &'static str,
    /// Seconds a deleted pod has to stop.
    pub termination_grace_period_seconds: i64,
    /// The scheduler that places it.
    pub scheduler_name: String,
    /// Service environment variables are injected.
    pub enable_service_links: bool,
    /// Containers, in order.
    pub containers: Vec<ContainerView>,
}

/// A container as stored.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerView {
    /// Name.
    pub name: String,
    /// Image.
    pub image: String,
    /// `Always`, `IfNotPresent` or `Never`.
    pub image_pull_policy: String,
    /// Ports, each with its protocol.
    pub ports: Vec<ContainerPortView>,
}

/// A container port.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPortView {
    /// Name.
    pub name: Option<String>,
    /// Port.
    pub container_port: u16,
    /// Protocol (default `TCP`).
    pub protocol: String,
}

/// The spec of a pod, defaulted.
pub fn pod_spec(pod: &Pod) -> PodSpecView {
    let spec = &pod.spec;
    PodSpecView {
        restart_policy: spec.restart_policy.as_str(),
        dns_policy: spec.dns_policy.as_str(),
        termination_grace_period_seconds: spec.grace_seconds(),
        scheduler_name: spec.scheduler().to_owned(),
        enable_service_links: spec.enable_service_links.0.unwrap_or(true),
        containers: spec
            .containers
            .iter()
            .map(|c| ContainerView {
                name: c.name.clone(),
                image: c.image.clone(),
                image_pull_policy: c.pull_policy().to_owned(),
                ports: c
                    .ports
                    .iter()
                    .map(|p| ContainerPortView {
                        name: p.name.clone(),
                        container_port: p.container_port,
                        protocol: p.protocol.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// A count or a percentage (`maxSurge`).
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum CountView {
    /// A number.
    Number(i64),
    /// A percentage, as written (`25%`).
    Percent(String),
}

fn count(value: &Option<IntOrString>) -> Option<CountView> {
    value.as_ref().map(|v| match v {
        IntOrString::Int(n) => CountView::Number(*n),
        IntOrString::Str(s) => CountView::Percent(s.clone()),
    })
}

/// A workload's update strategy, defaulted (rule 9.3).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StrategyView {
    /// `RollingUpdate`, `Recreate` or `OnDelete`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Extra pods during a rollout.
    pub max_surge: Option<CountView>,
    /// Pods that may be missing during a rollout.
    pub max_unavailable: Option<CountView>,
    /// StatefulSet partition.
    pub partition: Option<i64>,
}

/// A controller, defaulted.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadView {
    /// Kind.
    pub kind: &'static str,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Desired pods (DaemonSets: one per eligible node, not a count).
    pub replicas: Option<i64>,
    /// Update strategy (Deployments, StatefulSets, DaemonSets).
    pub strategy: Option<StrategyView>,
    /// Old revisions kept.
    pub revision_history_limit: Option<i64>,
    /// Deployments: seconds before a stuck rollout is reported.
    pub progress_deadline_seconds: Option<i64>,
    /// Seconds a new pod must be ready before it counts as available.
    pub min_ready_seconds: i64,
    /// StatefulSets: `OrderedReady` or `Parallel`.
    pub pod_management_policy: Option<&'static str>,
}

/// The workloads of a cluster, as stored.
pub fn workloads(cluster: &Cluster) -> Vec<WorkloadView> {
    cluster
        .workloads
        .iter()
        .filter(|w| !w.deleted)
        .map(workload)
        .collect()
}

fn workload(w: &Workload) -> WorkloadView {
    let spec = &w.spec;
    let rolls = matches!(
        w.kind,
        WorkloadKind::Deployment | WorkloadKind::StatefulSet | WorkloadKind::DaemonSet
    );
    WorkloadView {
        kind: w.kind.as_str(),
        namespace: w.namespace.clone(),
        name: w.name.clone(),
        replicas: (w.kind != WorkloadKind::DaemonSet).then_some(w.replicas),
        strategy: rolls.then(|| StrategyView {
            kind: spec.strategy.kind,
            max_surge: count(&spec.strategy.max_surge),
            max_unavailable: count(&spec.strategy.max_unavailable),
            partition: spec.strategy.partition,
        }),
        revision_history_limit: rolls.then_some(spec.revision_history_limit),
        progress_deadline_seconds: spec.progress_deadline_seconds,
        min_ready_seconds: spec.min_ready_seconds,
        pod_management_policy: (w.kind == WorkloadKind::StatefulSet).then_some(if spec.parallel {
            "Parallel"
        } else {
            "OrderedReady"
        }),
    }
}

/// An object the API server rejected.
#[derive(Clone, Debug, Serialize)]
pub struct RejectedView {
    /// Kind.
    pub kind: String,
    /// Namespace (empty for cluster-scoped kinds).
    pub namespace: String,
    /// Name.
    pub name: String,
    /// kubectl's summary of why.
    pub reason: String,
}

/// The rejected objects, in the paste's order.
pub fn rejected(cluster: &Cluster, language: Language) -> Vec<RejectedView> {
    cluster
        .rejected
        .iter()
        .map(|r: &Rejected| RejectedView {
            kind: r.kind.clone(),
            namespace: r.namespace.clone(),
            name: r.name.clone(),
            reason: r.reason.get(language).to_owned(),
        })
        .collect()
}
