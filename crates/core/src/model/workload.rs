//! Controllers that create pods from a template.

use super::Labels;
use super::{LabelSelector, PersistentVolumeClaimSpec, PodSpec};

/// The controller kinds (rules 3.4–3.11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WorkloadKind {
    /// apps/v1 Deployment.
    Deployment,
    /// apps/v1 ReplicaSet.
    ReplicaSet,
    /// v1 ReplicationController.
    ReplicationController,
    /// apps/v1 StatefulSet.
    StatefulSet,
    /// apps/v1 DaemonSet.
    DaemonSet,
    /// batch/v1 Job.
    Job,
    /// batch/v1 CronJob.
    CronJob,
}

impl WorkloadKind {
    /// The API kind.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkloadKind::Deployment => "Deployment",
            WorkloadKind::ReplicaSet => "ReplicaSet",
            WorkloadKind::ReplicationController => "ReplicationController",
            WorkloadKind::StatefulSet => "StatefulSet",
            WorkloadKind::DaemonSet => "DaemonSet",
            WorkloadKind::Job => "Job",
            WorkloadKind::CronJob => "CronJob",
        }
    }

    /// Parses an API kind.
    pub fn parse(kind: &str) -> Option<Self> {
        Some(match kind {
            "Deployment" => WorkloadKind::Deployment,
            "ReplicaSet" => WorkloadKind::ReplicaSet,
            "ReplicationController" => WorkloadKind::ReplicationController,
            "StatefulSet" => WorkloadKind::StatefulSet,
            "DaemonSet" => WorkloadKind::DaemonSet,
            "Job" => WorkloadKind::Job,
            "CronJob" => WorkloadKind::CronJob,
            _ => return None,
        })
    }
}

/// The parts of a controller the product uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkloadSpec {
    /// Kind.
    pub kind: WorkloadKind,
    /// Desired replicas (Jobs: parallelism); `None` when not written (default 1).
    pub replicas: Option<i64>,
    /// Pod selector; ReplicationControllers default it from the template labels.
    pub selector: Option<LabelSelector>,
    /// Labels of the pod template.
    pub template_labels: Labels,
    /// The pod template's spec.
    pub template: PodSpec,
    /// StatefulSet `serviceName`.
    pub service_name: Option<String>,
    /// StatefulSet `volumeClaimTemplates`: `(name, spec)`.
    pub claim_templates: Vec<(String, PersistentVolumeClaimSpec)>,
    /// StatefulSet `podManagementPolicy: Parallel`.
    pub parallel: bool,
    /// Job `completions` (default 1).
    pub completions: Option<i64>,
    /// CronJob `schedule`.
    pub schedule: Option<String>,
    /// How pods are replaced when the template changes, with the API server's defaults.
    pub strategy: UpdateStrategy,
    /// `revisionHistoryLimit` (default 10).
    pub revision_history_limit: i64,
    /// Deployment `progressDeadlineSeconds` (default 600).
    pub progress_deadline_seconds: Option<i64>,
    /// `minReadySeconds` (default 0).
    pub min_ready_seconds: i64,
}

/// How a workload replaces its pods (`strategy` of a Deployment, `updateStrategy` of a
/// StatefulSet or DaemonSet), as the API server defaults it (rule 9.3).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateStrategy {
    /// `RollingUpdate`, `Recreate` (Deployments) or `OnDelete` (StatefulSets, DaemonSets).
    pub kind: &'static str,
    /// `maxSurge` (Deployments: 25%; DaemonSets: 0).
    pub max_surge: Option<super::IntOrString>,
    /// `maxUnavailable` (Deployments: 25%; DaemonSets: 1).
    pub max_unavailable: Option<super::IntOrString>,
    /// StatefulSet `partition` (0).
    pub partition: Option<i64>,
}

impl WorkloadSpec {
    /// Desired pod count (1 when not written; DaemonSets decide per node).
    pub fn desired(&self) -> i64 {
        self.replicas.unwrap_or(1).max(0)
    }
}
