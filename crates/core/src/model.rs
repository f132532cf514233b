//! The typed objects the product understands, holding only the fields it uses.

mod anchor;
mod misc;
mod node;
mod pod;
pub mod quantity;
mod selector;
mod service;
mod storage;
mod workload;

pub use anchor::{Anchor, Anchors};
pub use misc::{ConfigData, DisruptionBudget, Ingress, IngressBackend, NetworkPolicy};
pub use node::{NodeSpec, Taint, TaintEffect};
pub use pod::{
    Container, ContainerPort, DnsPolicy, PodSpec, PodStatus, Resources, RestartPolicy, Toleration,
    TolerationOperator, Volume, VolumeMount, VolumeSource, Written,
};
pub use selector::{
    InterPodAffinity, LabelSelector, NodeAffinity, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, PodAffinityTerm, Requirement, SelectorOperator, SpreadConstraint,
    SpreadConstraints,
};
pub use service::{
    EndpointAddress, EndpointPort, EndpointSubset, EndpointsSpec, IntOrString, ServicePort,
    ServiceSpec, ServiceType, TrafficPolicy,
};
pub use storage::{
    AccessMode, BindingMode, ClaimRef, PersistentVolumeClaimSpec, PersistentVolumeSpec,
    PvSourceKind, ReclaimPolicy, StorageClassSpec,
};
pub use workload::{UpdateStrategy, WorkloadKind, WorkloadSpec};

use crate::diagnostic::ObjectRef;
use crate::source::Position;

/// Labels or any other string map, sorted by key so output is stable.
pub type Labels = crate::sorted::VecMap<String, String>;

/// Where an object came from in the pasted text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// 0-based index of its document.
    pub document: usize,
    /// Position of the object's first line.
    pub position: Position,
    /// Positions of the fields diagnostics point at.
    pub anchors: Anchors,
}

impl Origin {
    /// Where `anchor` is, or the object's first line when it does not have that field.
    pub fn at(&self, anchor: Anchor) -> Position {
        self.anchors.get(anchor).unwrap_or(self.position)
    }
}

/// The identity and metadata every object has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// `apiVersion`.
    pub api_version: String,
    /// `kind`.
    pub kind: String,
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace`, defaulted to `default` for namespaced kinds; empty otherwise.
    pub namespace: String,
    /// `metadata.labels`.
    pub labels: Labels,
    /// `metadata.annotations`.
    pub annotations: Labels,
    /// The controller from `metadata.ownerReferences`, as `(kind, name)`.
    pub controller: Option<(String, String)>,
}

impl Meta {
    /// A reference to this object for diagnostics.
    pub fn object_ref(&self) -> ObjectRef {
        ObjectRef::new(&self.kind, &self.namespace, &self.name)
    }
}

/// One loaded object.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    /// Identity and metadata.
    pub meta: Meta,
    /// Where it was written.
    pub origin: Origin,
    /// Its kind-specific content.
    pub body: Body,
}

/// The kind-specific part of an object.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// A Pod, with what `kubectl get -o yaml` adds in `status`.
    Pod(Box<PodSpec>, PodStatus),
    /// Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job or CronJob.
    Workload(Box<WorkloadSpec>),
    /// A Service.
    Service(Box<ServiceSpec>),
    /// A legacy Endpoints object.
    Endpoints(EndpointsSpec),
    /// An EndpointSlice, converted to the same shape as Endpoints.
    EndpointSlice(EndpointsSpec),
    /// A Node.
    Node(NodeSpec),
    /// A PersistentVolume.
    PersistentVolume(Box<PersistentVolumeSpec>),
    /// A PersistentVolumeClaim.
    PersistentVolumeClaim(PersistentVolumeClaimSpec),
    /// A StorageClass.
    StorageClass(StorageClassSpec),
    /// A ConfigMap.
    ConfigMap(ConfigData),
    /// A Secret.
    Secret(ConfigData),
    /// A Namespace.
    Namespace,
    /// An Ingress.
    Ingress(Ingress),
    /// A NetworkPolicy.
    NetworkPolicy(NetworkPolicy),
    /// A PodDisruptionBudget.
    DisruptionBudget(DisruptionBudget),
    /// A kubeglass Scenario: the cluster and the story to play.
    Scenario(Box<crate::scenario::Scenario>),
    /// Any other kind (CRDs, RBAC, ...), kept with its identity only.
    Other,
    /// An object the API server rejects: not created, so not simulated; shown in the picture's
    /// tray of rejected objects with kubectl's summary.
    Rejected(crate::text::Text),
}

/// True for the kinds that live outside namespaces.
pub fn is_cluster_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "Node"
            | "PersistentVolume"
            | "StorageClass"
            | "Namespace"
            | "ClusterRole"
            | "ClusterRoleBinding"
            | "CustomResourceDefinition"
            | "PriorityClass"
            | "IngressClass"
            | "CSIDriver"
            | "CSINode"
            | "VolumeAttachment"
            | "MutatingWebhookConfiguration"
            | "ValidatingWebhookConfiguration"
            | "APIService"
            | "RuntimeClass"
    )
}
