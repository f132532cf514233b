//! PersistentVolumes, PersistentVolumeClaims and StorageClasses (rules 5.7–5.16).

use super::{LabelSelector, NodeSelector};

/// An access mode (rule 5.14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AccessMode {
    /// ReadWriteOnce: one node.
    ReadWriteOnce,
    /// ReadOnlyMany.
    ReadOnlyMany,
    /// ReadWriteMany.
    ReadWriteMany,
    /// ReadWriteOncePod: one pod.
    ReadWriteOncePod,
}

impl AccessMode {
    /// Parses the API spelling or the kubectl abbreviation.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ReadWriteOnce" | "RWO" => Some(AccessMode::ReadWriteOnce),
            "ReadOnlyMany" | "ROX" => Some(AccessMode::ReadOnlyMany),
            "ReadWriteMany" | "RWX" => Some(AccessMode::ReadWriteMany),
            "ReadWriteOncePod" | "RWOP" => Some(AccessMode::ReadWriteOncePod),
            _ => None,
        }
    }

    /// The kubectl abbreviation.
    pub fn short(self) -> &'static str {
        match self {
            AccessMode::ReadWriteOnce => "RWO",
            AccessMode::ReadOnlyMany => "ROX",
            AccessMode::ReadWriteMany => "RWX",
            AccessMode::ReadWriteOncePod => "RWOP",
        }
    }
}

/// What happens to a PV when its claim is deleted (rule 5.12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReclaimPolicy {
    /// Keep the PV and its data, as Released.
    Retain,
    /// Remove the PV and its storage.
    Delete,
    /// Wipe the data and make the PV Available again (deprecated).
    Recycle,
}

impl ReclaimPolicy {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ReclaimPolicy::Retain => "Retain",
            ReclaimPolicy::Delete => "Delete",
            ReclaimPolicy::Recycle => "Recycle",
        }
    }

    /// Parses the API spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Retain" => Some(ReclaimPolicy::Retain),
            "Delete" => Some(ReclaimPolicy::Delete),
            "Recycle" => Some(ReclaimPolicy::Recycle),
            _ => None,
        }
    }
}

/// Where a PV's bytes live, which decides what survives a node failure (rule 5.18).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PvSourceKind {
    /// `local`: a disk of one node.
    Local(String),
    /// `hostPath`: a directory of one node (single-node test clusters).
    HostPath(String),
    /// `nfs`.
    Nfs {
        /// Server.
        server: String,
        /// Path.
        path: String,
    },
    /// A network or cloud block/file volume (the field name, e.g. `csi`, `awsElasticBlockStore`).
    Network(String),
}

impl PvSourceKind {
    /// A short label for pictures.
    pub fn label(&self) -> String {
        match self {
            PvSourceKind::Local(path) => format!("local {path}"),
            PvSourceKind::HostPath(path) => format!("hostPath {path}"),
            PvSourceKind::Nfs { server, path } => format!("nfs {server}:{path}"),
            PvSourceKind::Network(kind) => kind.clone(),
        }
    }

    /// True when the bytes are on one node's disk.
    pub fn is_node_local(&self) -> bool {
        matches!(self, PvSourceKind::Local(_) | PvSourceKind::HostPath(_))
    }
}

/// A PV's `claimRef`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ClaimRef {
    /// Claim namespace.
    pub namespace: String,
    /// Claim name.
    pub name: String,
}

/// The parts of a PersistentVolume the product uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersistentVolumeSpec {
    /// `capacity.storage` in bytes (0 when missing).
    pub capacity: i64,
    /// Access modes.
    pub access_modes: Vec<AccessMode>,
    /// Reclaim policy (default Retain for hand-made PVs).
    pub reclaim_policy: ReclaimPolicy,
    /// `storageClassName` (empty for none).
    pub storage_class: String,
    /// `volumeMode: Block`.
    pub block: bool,
    /// Reserved for a claim.
    pub claim_ref: Option<ClaimRef>,
    /// Required node affinity.
    pub node_affinity: Option<NodeSelector>,
    /// The first volume source (a PV must have exactly one).
    pub source: Option<PvSourceKind>,
    /// `status.phase`, when given.
    pub phase: Option<String>,
}

/// The parts of a PersistentVolumeClaim the product uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersistentVolumeClaimSpec {
    /// Access modes.
    pub access_modes: Vec<AccessMode>,
    /// `resources.requests.storage` in bytes.
    pub request: i64,
    /// `storageClassName`: `None` when unset, `Some("")` for "no class" (rule 5.8).
    pub storage_class: Option<String>,
    /// `volumeName` pre-binding.
    pub volume_name: Option<String>,
    /// Label selector on PVs.
    pub selector: Option<LabelSelector>,
    /// `volumeMode: Block`.
    pub block: bool,
    /// `status.phase`, when given.
    pub phase: Option<String>,
}

/// When a class binds claims (rule 4.8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BindingMode {
    /// Bind or provision when the claim is created (the default).
    #[default]
    Immediate,
    /// Wait until a pod using the claim is scheduled.
    WaitForFirstConsumer,
}

/// The parts of a StorageClass the product uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageClassSpec {
    /// Provisioner name.
    pub provisioner: String,
    /// Reclaim policy of provisioned PVs (default Delete).
    pub reclaim_policy: ReclaimPolicy,
    /// Binding mode.
    pub binding_mode: BindingMode,
    /// Marked as the default class.
    pub is_default: bool,
}

impl StorageClassSpec {
    /// True when the class can create volumes (rule 5.10).
    pub fn provisions(&self) -> bool {
        self.provisioner != "kubernetes.io/no-provisioner"
    }
}
