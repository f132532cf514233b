//! The resolved cluster's state: what kubectl would show after everything settled.

use crate::model::{
    AccessMode, IntOrString, Labels, Origin, PersistentVolumeClaimSpec, PodSpec, PvSourceKind,
    ReclaimPolicy, Resources, ServiceSpec, StorageClassSpec, Taint, WorkloadKind, WorkloadSpec,
};
use crate::scenario::Millis;
use crate::text::Text;
use std::net::Ipv4Addr;
use std::rc::Rc;

/// A pod's unique id (Kubernetes' UID): never reused, unlike names.
pub type Uid = u32;

/// A node of the cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Name.
    pub name: String,
    /// InternalIP.
    pub ip: Ipv4Addr,
    /// Labels (always with `kubernetes.io/hostname`).
    pub labels: Labels,
    /// Taints, including the ones the node controller adds when the node fails.
    pub taints: Vec<Taint>,
    /// Cordoned.
    pub unschedulable: bool,
    /// Allocatable CPU and memory.
    pub allocatable: Resources,
    /// Allocatable pod count.
    pub max_pods: i64,
    /// The node's pod CIDR (a /24): its network address.
    pub pod_cidr: Ipv4Addr,
    /// The next host number the node's IPAM hands out.
    pub next_host: u32,
    /// A control-plane node.
    pub control_plane: bool,
    /// When the node stopped (powered off or cut off), if it is down.
    pub down_since: Option<Millis>,
    /// The NoExecute taints added during the story, with when (the taint manager times
    /// `tolerationSeconds` from then); they are in `taints` too.
    pub tainted_at: Vec<(Taint, Millis)>,
    /// Where the node was written, if it was.
    pub origin: Option<Origin>,
}

impl Node {
    /// True when the node is up (its kubelet runs).
    pub fn is_up(&self) -> bool {
        self.down_since.is_none()
    }
}

/// The controller a pod belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    /// The direct owner's kind (`ReplicaSet` for a Deployment's pods).
    pub kind: String,
    /// The direct owner's name (`web-7d4b9c8f5` for a Deployment's pods).
    pub name: String,
    /// Index of the workload in [`crate::cluster::Cluster::workloads`].
    pub workload: usize,
}

/// A pod's phase, as the API reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Accepted, not running yet (unscheduled, or waiting for volumes).
    Pending,
    /// Bound to a node, containers running.
    Running,
    /// Containers finished successfully.
    Succeeded,
    /// Containers failed, or the kubelet rejected the pod.
    Failed,
    /// The node stopped reporting.
    Unknown,
}

impl Phase {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded => "Succeeded",
            Phase::Failed => "Failed",
            Phase::Unknown => "Unknown",
        }
    }
}

/// How long a volume's data lives (rule 5.18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lifetime {
    /// Lives and dies with the pod (emptyDir, gitRepo, generic ephemeral).
    Pod,
    /// Stays on the node (hostPath).
    Node,
    /// Outlives pods and nodes (PersistentVolumes, NFS, cloud disks).
    Persistent,
    /// Generated from API objects; nothing to lose (configMap, secret, downwardAPI, projected).
    Projected,
}

impl Lifetime {
    /// The lowercase name used in output and the DOM.
    pub fn as_str(self) -> &'static str {
        match self {
            Lifetime::Pod => "pod",
            Lifetime::Node => "node",
            Lifetime::Persistent => "persistent",
            Lifetime::Projected => "projected",
        }
    }
}

/// Where files written into a volume are kept.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Store {
    /// A pod's own directory (emptyDir): gone with the pod.
    PodDir {
        /// The pod.
        pod: Uid,
        /// The volume.
        volume: String,
    },
    /// A directory on a node's disk (hostPath).
    NodeDir {
        /// The node.
        node: String,
        /// The path on the node.
        path: String,
    },
    /// A PersistentVolume's storage.
    Volume(String),
    /// An NFS export mounted directly.
    Nfs {
        /// Server.
        server: String,
        /// Export path.
        path: String,
    },
    /// A network or cloud disk written inline in a pod (not through a claim).
    Disk {
        /// The source field (`awsElasticBlockStore`, `csi`, ...).
        kind: String,
        /// `namespace/volume` (the manifest gives no disk ID the simulator reads).
        name: String,
    },
    /// A container's own writable layer: gone on restart.
    Container {
        /// The pod.
        pod: Uid,
        /// The container.
        container: String,
        /// How many times it has restarted.
        generation: u32,
    },
}

/// A pod volume as mounted.
#[derive(Clone, Debug, PartialEq)]
pub struct MountedVolume {
    /// The volume's name in the pod.
    pub name: String,
    /// The source field (`emptyDir`, `hostPath`, `persistentVolumeClaim`, ...).
    pub kind: String,
    /// How long its data lives.
    pub lifetime: Lifetime,
    /// The claim, for `persistentVolumeClaim` volumes.
    pub claim: Option<String>,
    /// The PersistentVolume behind the claim, once bound.
    pub volume: Option<String>,
    /// Where files go; `None` when the volume is not usable (yet).
    pub store: Option<Store>,
    /// A read-only source (configMap, secret, or `readOnly: true`).
    pub read_only: bool,
    /// Why it cannot be mounted, when it cannot.
    pub problem: Option<Text>,
}

/// A pod.
#[derive(Clone, Debug, PartialEq)]
pub struct Pod {
    /// Unique id.
    pub uid: Uid,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Labels.
    pub labels: Labels,
    /// The spec (shared with the template it came from).
    pub spec: Rc<PodSpec>,
    /// The controller, unless it is a bare pod.
    pub owner: Option<Owner>,
    /// The node it is bound to.
    pub node: Option<String>,
    /// Its IP, once it has one.
    pub ip: Option<Ipv4Addr>,
    /// API phase.
    pub phase: Phase,
    /// Why it is not running, in words.
    pub reason: Option<Text>,
    /// Ready condition.
    pub ready: bool,
    /// Deletion requested (it shows as Terminating).
    pub terminating: bool,
    /// When the deletion was requested, for a pod whose node cannot confirm it.
    pub deletion_started: Option<Millis>,
    /// Restart count per container.
    pub restarts: Vec<u32>,
    /// Its hostname.
    pub hostname: String,
    /// Its subdomain.
    pub subdomain: Option<String>,
    /// Volumes as mounted.
    pub volumes: Vec<MountedVolume>,
    /// StatefulSet ordinal.
    pub ordinal: Option<u32>,
    /// The only node it may run on (a DaemonSet pod's `matchFields` affinity).
    pub pinned: Option<String>,
    /// When it was created.
    pub created: Millis,
    /// When its containers started (for Jobs, which finish).
    pub started: Option<Millis>,
    /// Where it was written (a bare pod), or where its workload was.
    pub origin: Option<Origin>,
}

impl Pod {
    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// True when it still counts as a replica: not terminating and not finished.
    pub fn is_active(&self) -> bool {
        !self.terminating && !matches!(self.phase, Phase::Succeeded | Phase::Failed)
    }

    /// True when it serves traffic (ready and not terminating).
    pub fn serves(&self) -> bool {
        self.ready && !self.terminating
    }
}

/// A Service port after allocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServicePortState {
    /// Name.
    pub name: Option<String>,
    /// Protocol.
    pub protocol: String,
    /// The port on the virtual IP.
    pub port: u16,
    /// Where it goes on the pods.
    pub target: IntOrString,
    /// The node port, for NodePort and LoadBalancer Services.
    pub node_port: Option<u16>,
}

/// A LoadBalancer's external address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadBalancer {
    /// Not a LoadBalancer Service.
    None,
    /// No controller has given it an address (kubectl: `<pending>`).
    Pending,
    /// Its external address.
    Ready(String),
}

/// One backend of a Service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The backend's IP.
    pub ip: Ipv4Addr,
    /// The pod, when the backend is one.
    pub pod: Option<Uid>,
    /// The pod's name.
    pub pod_name: Option<String>,
    /// The node it runs on, when known.
    pub node: Option<String>,
    /// Ready for traffic.
    pub ready: bool,
    /// Still serving (matters for terminating endpoints).
    pub serving: bool,
    /// Being deleted.
    pub terminating: bool,
    /// The backend port for each Service port (`None`: this backend does not serve it).
    pub ports: Vec<Option<u16>>,
}

/// A Service.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// The spec as written.
    pub spec: Rc<ServiceSpec>,
    /// Its virtual IP (none for headless and ExternalName).
    pub cluster_ip: Option<Ipv4Addr>,
    /// Ports, with node ports allocated.
    pub ports: Vec<ServicePortState>,
    /// `healthCheckNodePort` (LoadBalancer with policy Local).
    pub health_check_node_port: Option<u16>,
    /// External address.
    pub load_balancer: LoadBalancer,
    /// Backends.
    pub endpoints: Vec<Endpoint>,
    /// Where it was written (the start of the text for built-in Services).
    pub origin: Origin,
    /// Every cluster has it without anyone writing it (`kubernetes`, `kube-dns`).
    pub builtin: bool,
}

impl Service {
    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// True for `clusterIP: None`.
    pub fn is_headless(&self) -> bool {
        self.spec.is_headless()
    }
}

/// A claim's binding state.
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimPhase {
    /// Not bound, with the reason.
    Pending(Text),
    /// Bound to a PersistentVolume.
    Bound(String),
    /// Its PersistentVolume is gone.
    Lost,
}

/// A PersistentVolumeClaim.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// The spec as written.
    pub spec: PersistentVolumeClaimSpec,
    /// The class after defaulting (`None`: unset with no default class; `Some("")`: none).
    pub class: Option<String>,
    /// Phase.
    pub phase: ClaimPhase,
    /// Deletion requested; it waits while pods use it (rule 5.13).
    pub deleting: bool,
    /// Where it was written (or its StatefulSet, for template claims).
    pub origin: Option<Origin>,
}

/// A PersistentVolume's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VolumePhase {
    /// Free to bind.
    Available,
    /// Bound to `namespace/name`.
    Bound(String),
    /// Its claim was deleted; the data is kept (Retain).
    Released(String),
    /// Reclamation failed.
    Failed,
}

impl VolumePhase {
    /// The API spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            VolumePhase::Available => "Available",
            VolumePhase::Bound(_) => "Bound",
            VolumePhase::Released(_) => "Released",
            VolumePhase::Failed => "Failed",
        }
    }
}

/// A PersistentVolume.
#[derive(Clone, Debug, PartialEq)]
pub struct Volume {
    /// Name.
    pub name: String,
    /// Labels (for claim selectors).
    pub labels: Labels,
    /// Capacity in bytes.
    pub capacity: i64,
    /// Access modes.
    pub access_modes: Vec<AccessMode>,
    /// Reclaim policy.
    pub reclaim: ReclaimPolicy,
    /// Class (empty for none).
    pub class: String,
    /// Block mode.
    pub block: bool,
    /// Reserved for `namespace/name`.
    pub claim_ref: Option<String>,
    /// Required node affinity.
    pub node_affinity: Option<crate::model::NodeSelector>,
    /// Where the bytes are.
    pub source: Option<PvSourceKind>,
    /// The node holding the bytes, for node-local sources.
    pub node: Option<String>,
    /// Phase.
    pub phase: VolumePhase,
    /// Created by a provisioner.
    pub provisioned: bool,
    /// Where it was written.
    pub origin: Option<Origin>,
}

/// A StorageClass.
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    /// Name.
    pub name: String,
    /// Spec.
    pub spec: StorageClassSpec,
}

/// A controller.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    /// Kind.
    pub kind: WorkloadKind,
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Spec as written.
    pub spec: Rc<WorkloadSpec>,
    /// The pod template, shared by its pods.
    pub template: Rc<PodSpec>,
    /// Desired replicas now (scaling changes it).
    pub replicas: i64,
    /// `pod-template-hash` (Deployments).
    pub template_hash: String,
    /// Who created it (a CronJob's Jobs).
    pub parent: Option<usize>,
    /// CronJobs: minutes of the schedule already examined since time 0.
    pub examined_minutes: u64,
    /// Deleted (a finished CronJob run that aged out).
    pub deleted: bool,
    /// Where it was written.
    pub origin: Option<Origin>,
}

impl Workload {
    /// The name of the direct owner of its pods: the ReplicaSet for a Deployment.
    pub fn pod_owner(&self) -> (String, String) {
        match self.kind {
            WorkloadKind::Deployment => (
                "ReplicaSet".to_owned(),
                format!("{}-{}", self.name, self.template_hash),
            ),
            kind => (kind.as_str().to_owned(), self.name.clone()),
        }
    }
}
