//! kubeglass's own `Scenario` document: the cluster to run on and the story to play.
//! The format is documented in `docs/scenario.md`.

use crate::model::{Labels, Taint, TaintEffect, WorkloadKind};
use crate::source::Position;

pub mod edit;

/// Milliseconds of simulated time.
pub type Millis = u64;

/// A scripted story.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    /// `metadata.name`.
    pub name: String,
    /// Seed of the random generator (default 1).
    pub seed: u64,
    /// The cluster to simulate, when the scenario sets one.
    pub cluster: Option<ClusterSpec>,
    /// The steps, in order, with the line each was written at.
    pub steps: Vec<(Step, Position)>,
}

/// `spec.cluster`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterSpec {
    /// The nodes; empty means the default lecture cluster.
    pub nodes: Vec<NodeTemplate>,
    /// A cloud controller that gives LoadBalancer Services an external address.
    pub cloud_load_balancer: bool,
}

/// A node written in `spec.cluster.nodes`: a bare name, or a mapping with more detail.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeTemplate {
    /// Node name.
    pub name: String,
    /// Extra labels (`kubernetes.io/hostname` is always added).
    pub labels: Labels,
    /// Taints.
    pub taints: Vec<Taint>,
    /// Allocatable CPU in millicores, when set.
    pub cpu_milli: Option<i64>,
    /// Allocatable memory in bytes, when set.
    pub memory: Option<i64>,
    /// The node's IP, when set.
    pub ip: Option<String>,
    /// A control-plane node (tainted NoSchedule, as kubeadm does).
    pub control_plane: bool,
}

/// Which pod a step means: a pod's name, or a pod of a workload (`deployment/web`, the
/// `index`-th by creation order), in a namespace (default `default`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodRef {
    /// Namespace, when written.
    pub namespace: Option<String>,
    /// The workload kind, for `deployment/web`-style references.
    pub workload: Option<WorkloadKind>,
    /// Pod name, or workload name.
    pub name: String,
    /// Which of the workload's pods (`deployment/web#1`).
    pub index: usize,
}

impl std::fmt::Display for PodRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(ns) = &self.namespace {
            write!(f, "{ns}/")?;
        }
        match self.workload {
            Some(kind) => write!(f, "{}/{}", kind.as_str().to_ascii_lowercase(), self.name)?,
            None => f.write_str(&self.name)?,
        }
        if self.index > 0 {
            write!(f, "#{}", self.index)?;
        }
        Ok(())
    }
}

/// Where a request starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Client {
    /// A machine on the nodes' own network, outside the cluster (the lecture's laptop).
    Outside,
    /// A machine on the internet.
    Internet,
    /// A pod.
    Pod(PodRef),
    /// A node itself (host network).
    Node(String),
}

/// One step of a story.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Send `count` requests from `from` to `to` (`host:port`).
    Request {
        /// The client.
        from: Client,
        /// `host:port`: a Service name or FQDN, an IP, a node name, or `lb/<service>`.
        to: String,
        /// How many requests (default 1).
        count: u32,
    },
    /// Write a file at a path inside a container.
    Write {
        /// The pod.
        pod: PodRef,
        /// The container (default: the first).
        container: Option<String>,
        /// Absolute path inside the container.
        path: String,
    },
    /// The container exits and the kubelet restarts it (as its restartPolicy allows).
    RestartContainer {
        /// The pod.
        pod: PodRef,
        /// The container (default: the first).
        container: Option<String>,
    },
    /// Delete a pod.
    DeletePod(PodRef),
    /// A node stops (power off, network cut): heartbeats stop.
    FailNode(String),
    /// A failed node comes back.
    RecoverNode(String),
    /// `kubectl cordon`: no new pods on the node (rule 4.15).
    Cordon(String),
    /// `kubectl uncordon`: the node takes new pods again.
    Uncordon(String),
    /// `kubectl drain`: cordon, then evict the node's pods.
    Drain {
        /// Node.
        node: String,
        /// `--ignore-daemonsets`.
        ignore_daemon_sets: bool,
        /// `--delete-emptydir-data`.
        delete_empty_dir_data: bool,
        /// `--force`.
        force: bool,
    },
    /// A new node joins the cluster, Ready at once.
    AddNode(NodeTemplate),
    /// `kubectl taint nodes <node> key=value:Effect`.
    Taint {
        /// Node.
        node: String,
        /// The taint.
        taint: Taint,
    },
    /// `kubectl taint nodes <node> key:Effect-` (or `key-`: every effect).
    Untaint {
        /// Node.
        node: String,
        /// Key.
        key: String,
        /// Effect; `None` removes the key's taints of every effect.
        effect: Option<TaintEffect>,
    },
    /// Change a workload's replicas.
    Scale {
        /// Workload kind.
        kind: WorkloadKind,
        /// Namespace (default `default`).
        namespace: Option<String>,
        /// Workload name.
        name: String,
        /// New replica count.
        replicas: i64,
    },
    /// Delete a PersistentVolumeClaim.
    DeletePvc {
        /// Namespace (default `default`).
        namespace: Option<String>,
        /// Claim name.
        name: String,
    },
    /// Let time pass.
    Wait(Millis),
}

/// A client as the Scenario writes it: `outside`, `node/k8s-node1`, `pod/client`,
/// `shop/pod/client`, `deployment/web#1`.
pub fn client_text(client: &Client) -> String {
    match client {
        Client::Outside => "outside".to_owned(),
        Client::Internet => "internet".to_owned(),
        Client::Node(n) => format!("node/{n}"),
        Client::Pod(p) if p.workload.is_some() => p.to_string(),
        Client::Pod(p) => match &p.namespace {
            Some(ns) => format!("{ns}/pod/{}", p.name),
            None => format!("pod/{}", p.name),
        },
    }
}

/// A step in the short form the timeline and the CLI show: `request outside → k8s-node2:30000 ×3`.
pub fn describe_step(step: &Step) -> String {
    let container = |c: &Option<String>| c.as_ref().map_or(String::new(), |c| format!(" ({c})"));
    match step {
        Step::Request { from, to, count } => {
            let from = client_text(from);
            let times = if *count > 1 {
                format!(" ×{count}")
            } else {
                String::new()
            };
            format!("request {from} → {to}{times}")
        }
        Step::Write {
            pod,
            container: c,
            path,
        } => format!("write {pod}{}: {path}", container(c)),
        Step::RestartContainer { pod, container: c } => {
            format!("restartContainer {pod}{}", container(c))
        }
        Step::DeletePod(pod) => format!("deletePod {pod}"),
        Step::FailNode(node) => format!("failNode {node}"),
        Step::RecoverNode(node) => format!("recoverNode {node}"),
        Step::Cordon(node) => format!("cordon {node}"),
        Step::Uncordon(node) => format!("uncordon {node}"),
        Step::Drain { node, .. } => format!("drain {node}"),
        Step::AddNode(node) => format!("addNode {}", node.name),
        Step::Taint { node, taint } => format!("taint {node} {}", taint.spec()),
        Step::Untaint { node, key, effect } => match effect {
            Some(e) => format!("untaint {node} {key}:{}-", e.as_str()),
            None => format!("untaint {node} {key}-"),
        },
        Step::Scale {
            kind,
            name,
            replicas,
            ..
        } => format!("scale {}/{name} → {replicas}", kind.as_str()),
        Step::DeletePvc { name, .. } => format!("deletePVC {name}"),
        Step::Wait(ms) => format!("wait {}", format_duration(*ms)),
    }
}

/// Parses a duration: `30s`, `5m`, `1h`, `1m30s`, `250ms`, or a number of seconds.
pub fn parse_duration(text: &str) -> Option<Millis> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return seconds.checked_mul(1000);
    }
    let mut total: Millis = 0;
    let mut rest = text;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let number: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let (unit, len) = if rest.starts_with("ms") {
            (1, 2)
        } else if rest.starts_with('s') {
            (1000, 1)
        } else if rest.starts_with('m') {
            (60_000, 1)
        } else if rest.starts_with('h') {
            (3_600_000, 1)
        } else {
            return None;
        };
        total = total.checked_add(number.checked_mul(unit)?)?;
        rest = &rest[len..];
    }
    Some(total)
}

/// Formats a duration the way people say it: `5m`, `1m30s`, `250ms`.
pub fn format_duration(ms: Millis) -> String {
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let seconds = ms / 1000;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5m"), Some(300_000));
        assert_eq!(parse_duration("1m30s"), Some(90_000));
        assert_eq!(parse_duration("250ms"), Some(250));
        assert_eq!(parse_duration("2h"), Some(7_200_000));
        assert_eq!(parse_duration("45"), Some(45_000));
        for bad in ["", "m", "5x", "-5m", "5 m"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(format_duration(90_000), "1m30s");
        assert_eq!(format_duration(350_000), "5m50s");
        assert_eq!(format_duration(0), "0ms");
    }
}
