//! What a step did, as data: the picture animates it, the narration tells it, the CLI prints
//! it (field names are the `simulate` contract of `docs/cli.md`).

use crate::cluster::Change;
use crate::text::Text;
use serde::Serialize;

/// A participant of a request's path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Place {
    /// A machine on the nodes' network, outside the cluster.
    Outside {
        /// Its address.
        ip: String,
    },
    /// A machine on the internet.
    Internet {
        /// Its address.
        ip: String,
    },
    /// Cluster DNS (CoreDNS behind the kube-dns Service).
    Dns {
        /// kube-dns's ClusterIP.
        ip: String,
    },
    /// A pod.
    Pod {
        /// Namespace.
        namespace: String,
        /// Name.
        name: String,
        /// Its node.
        node: String,
        /// Its IP.
        ip: String,
    },
    /// A node (its kube-proxy rules or its host network).
    Node {
        /// Name.
        name: String,
        /// Its IP.
        ip: String,
    },
    /// A LoadBalancer Service's external load balancer.
    LoadBalancer {
        /// Service namespace.
        namespace: String,
        /// Service name.
        service: String,
        /// Its external address (empty while pending).
        address: String,
    },
    /// A host outside the cluster (an ExternalName target).
    External {
        /// The name.
        host: String,
    },
}

/// What happens on one leg of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HopKind {
    /// A DNS query and its answer.
    Dns,
    /// The packet travels to the next place.
    Send,
    /// kube-proxy's rules rewrite the destination (DNAT) on a node.
    Rewrite,
    /// The packet crosses from one node to another.
    Forward,
    /// The load balancer picks a node.
    Balance,
    /// The packet reaches the pod's container port.
    Deliver,
}

/// One leg of a request's path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// What happens.
    pub kind: HopKind,
    /// Where the leg starts.
    pub from: Place,
    /// Where it ends.
    pub to: Place,
    /// Destination address as it leaves `from`, e.g. `10.104.103.107:9000`.
    pub address: String,
    /// What happened, in words.
    pub note: Text,
}

/// The fate of one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestOutcome {
    /// Reached a pod (or an external host).
    pub delivered: bool,
    /// The legs, in order; a dropped request's last leg ends where it was dropped.
    pub hops: Vec<Hop>,
    /// `namespace/name` of the pod that answered.
    pub pod: Option<String>,
    /// Why it was dropped.
    pub drop_reason: Option<Text>,
    /// Where it was dropped.
    pub dropped_at: Option<Place>,
}

/// The result of one step.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// The step's kind (`request`, `deletePod`, ...).
    pub kind: &'static str,
    /// Simulated time after the step, in milliseconds.
    pub time: u64,
    /// What happened and why, in one or two sentences.
    pub explanation: Text,
    /// Requests sent (for `request` steps).
    pub requests: Vec<RequestOutcome>,
    /// Everything that changed in the cluster, in order.
    #[serde(skip)]
    pub changes: Vec<Change>,
    /// False when the step could not be carried out (unknown pod, read-only path...).
    pub applied: bool,
}
