//! What changed in the cluster, recorded as it happens, so the picture can animate it and
//! the narration can tell it.

use crate::text::Text;

/// One change to the cluster.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A pod object was created (by a controller, or from the input).
    PodCreated {
        /// `namespace/name`.
        pod: String,
        /// The controller that created it, as `Kind/name`.
        by: Option<String>,
    },
    /// The scheduler (or `nodeName`) bound a pod to a node.
    PodScheduled {
        /// `namespace/name`.
        pod: String,
        /// Node.
        node: String,
    },
    /// A pod could not be scheduled or started.
    PodStuck {
        /// `namespace/name`.
        pod: String,
        /// Why.
        reason: Text,
    },
    /// A pod is running and has its IP.
    PodStarted {
        /// `namespace/name`.
        pod: String,
        /// Its IP.
        ip: String,
    },
    /// A pod was marked for deletion but cannot go yet (its node is unreachable).
    PodTerminating {
        /// `namespace/name`.
        pod: String,
    },
    /// A pod on a node that became unreachable tolerates it with no time limit, so it will
    /// never be evicted.
    PodStays {
        /// `namespace/name`.
        pod: String,
        /// Its node.
        node: String,
        /// The toleration is the one every DaemonSet pod gets, not the pod's own.
        daemon: bool,
    },
    /// The taint manager deleted a pod for a NoExecute taint on its node (rule 4.17).
    PodEvicted {
        /// `namespace/name`.
        pod: String,
        /// Its node.
        node: String,
        /// The taint, as `kubectl taint` writes it.
        taint: String,
        /// The pod tolerated the taint for its `tolerationSeconds`, which ran out.
        tolerated: bool,
    },
    /// A pod object is gone.
    PodDeleted {
        /// `namespace/name`.
        pod: String,
        /// The node it was on.
        node: Option<String>,
    },
    /// A pod's Ready condition changed.
    PodReadiness {
        /// `namespace/name`.
        pod: String,
        /// New value.
        ready: bool,
    },
    /// Files vanished with their storage.
    FilesLost {
        /// What held them (`emptyDir cache of pod web-1`, `PV pv-01`...).
        storage: Text,
        /// The paths.
        files: Vec<String>,
    },
    /// A node's Ready condition changed, or it went down or came back.
    NodeStatus {
        /// Node.
        node: String,
        /// `down`, `not-ready`, `evicting`, `up`.
        status: &'static str,
    },
    /// A claim was bound.
    ClaimBound {
        /// `namespace/name`.
        claim: String,
        /// PersistentVolume.
        volume: String,
    },
    /// A provisioner created a volume.
    VolumeProvisioned {
        /// PersistentVolume.
        volume: String,
    },
    /// A PersistentVolume changed phase or was deleted.
    VolumeStatus {
        /// PersistentVolume.
        volume: String,
        /// `Released`, `Available`, `Deleted`.
        status: &'static str,
    },
    /// A claim object is gone.
    ClaimDeleted {
        /// `namespace/name`.
        claim: String,
    },
    /// A Service's endpoints changed.
    EndpointsChanged {
        /// `namespace/name`.
        service: String,
    },
}
