//! The resolved cluster as plain data: what `kubeglass describe` prints and `simulate`
//! reports at the end. Field names are a public contract (`docs/cli.md`).

use crate::cluster::{ClaimPhase, Cluster, LoadBalancer, Pod, Store, VolumePhase};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{IntOrString, Labels, ServiceSpec, ServiceType};
use crate::sim::World;
use crate::text::{Language, Text};
use serde::Serialize;

mod spec;
pub use spec::{
    ContainerPortView, ContainerView, CountView, PodSpecView, RejectedView, StrategyView,
    WorkloadView,
};

/// A diagnostic as JSON (the same shape in `check`, `describe` and `simulate`).
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticView {
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// Stable code.
    pub code: Code,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// 0-based document index.
    pub document: Option<usize>,
    /// Object kind.
    pub kind: Option<String>,
    /// Object namespace.
    pub namespace: Option<String>,
    /// Object name.
    pub name: Option<String>,
    /// Message.
    pub message: String,
    /// Hint.
    pub hint: Option<String>,
    /// Changes to the text that resolve it (empty when kubeglass cannot tell what was meant).
    pub fixes: Vec<FixView>,
}

/// A fix, as the CLI prints it.
#[derive(Clone, Debug, Serialize)]
pub struct FixView {
    /// What it does.
    pub label: String,
    /// Whole-line edits: `line` (1-based), `remove` lines, `insert` text.
    pub edits: Vec<crate::fix::LineEdit>,
}

impl DiagnosticView {
    /// The view of a diagnostic in a language.
    pub fn new(d: &Diagnostic, language: Language) -> Self {
        DiagnosticView {
            severity: d.severity.as_str(),
            code: d.code,
            line: d.position.line,
            column: d.position.column,
            document: d.document,
            kind: d.object.as_ref().map(|o| o.kind.clone()),
            namespace: d.object.as_ref().map(|o| o.namespace.clone()),
            name: d.object.as_ref().map(|o| o.name.clone()),
            message: d.message.get(language).to_owned(),
            hint: d.hint.as_ref().map(|h| h.get(language).to_owned()),
            fixes: d
                .fixes
                .iter()
                .map(|f| FixView {
                    label: f.label.get(language).to_owned(),
                    edits: f.edits.clone(),
                })
                .collect(),
        }
    }
}

/// A taint.
#[derive(Clone, Debug, Serialize)]
pub struct TaintView {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
    /// Effect.
    pub effect: &'static str,
}

/// A node.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeView {
    /// Name.
    pub name: String,
    /// InternalIP.
    pub ip: String,
    /// Labels.
    pub labels: Labels,
    /// Taints.
    pub taints: Vec<TaintView>,
    /// The Ready condition as the API shows it.
    pub ready: bool,
    /// Whether the machine actually runs.
    pub up: bool,
    /// The node's pod CIDR.
    #[serde(rename = "podCIDR")]
    pub pod_cidr: String,
    /// hostPath directories on the node's disk with their files: they outlive the pods.
    pub host_paths: Vec<HostPathView>,
}

/// A directory on a node's disk.
#[derive(Clone, Debug, Serialize)]
pub struct HostPathView {
    /// The directory.
    pub path: String,
    /// Files under it (node paths).
    pub files: Vec<String>,
}

/// A pod's owner.
#[derive(Clone, Debug, Serialize)]
pub struct OwnerView {
    /// Kind (`ReplicaSet` for a Deployment's pods).
    pub kind: String,
    /// Name.
    pub name: String,
}

/// A pod volume.
#[derive(Clone, Debug, Serialize)]
pub struct VolumeMountView {
    /// Volume name.
    pub name: String,
    /// Source type (`emptyDir`, `hostPath`, `persistentVolumeClaim`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// `pod`, `node`, `persistent` or `projected`.
    pub lifetime: &'static str,
    /// Claim name.
    pub claim: Option<String>,
    /// PersistentVolume name.
    pub volume: Option<String>,
    /// Files it holds (paths inside the volume).
    pub files: Vec<String>,
}

/// A pod.
#[derive(Clone, Debug, Serialize)]
pub struct PodView {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Node.
    pub node: Option<String>,
    /// IP.
    pub ip: Option<String>,
    /// API phase.
    pub phase: &'static str,
    /// Ready condition.
    pub ready: bool,
    /// Deletion pending.
    pub terminating: bool,
    /// Why it is not running.
    pub reason: Option<String>,
    /// Controller.
    pub owner: Option<OwnerView>,
    /// Labels.
    pub labels: Labels,
    /// Each container's image, in order.
    pub images: Vec<String>,
    /// Restart count per container.
    pub restarts: Vec<u32>,
    /// Volumes.
    pub volumes: Vec<VolumeMountView>,
    /// Files in each container's own writable layer, as `container:path`.
    #[serde(rename = "containerFiles")]
    pub container_files: Vec<String>,
    /// The spec as stored, with the API server's defaults.
    pub spec: PodSpecView,
    /// Why the scheduler placed it where it did (null when it never chose: `nodeName`, or a
    /// picture that keeps no verdicts).
    pub scheduling: Option<SchedulingView>,
}

/// A node a filter ruled out, and why.
#[derive(Clone, Debug, Serialize)]
pub struct FilteredView {
    /// The node.
    pub node: String,
    /// The first failing filter's reason, as kube-scheduler words it.
    pub reason: Text,
}

/// A node that passed every filter, and its score.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreView {
    /// The node.
    pub node: String,
    /// The sum of the scoring plugins as kubeglass models them; higher is better.
    pub score: i64,
}

/// The scheduler's last decision about a pod, node by node.
#[derive(Clone, Debug, Serialize)]
pub struct SchedulingView {
    /// Nodes ruled out.
    pub filtered: Vec<FilteredView>,
    /// Scores of the nodes that were left.
    pub scores: Vec<ScoreView>,
}

/// A Service port.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortView {
    /// Name.
    pub name: Option<String>,
    /// Port.
    pub port: u16,
    /// Target port (number or name).
    pub target_port: PortTarget,
    /// Node port.
    pub node_port: Option<u16>,
    /// Protocol (default `TCP`).
    pub protocol: String,
}

/// A target port, written as a JSON number or string.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum PortTarget {
    /// A number.
    Number(i64),
    /// A name.
    Name(String),
}

/// An endpoint (one per backend and port).
#[derive(Clone, Debug, Serialize)]
pub struct EndpointView {
    /// IP.
    pub ip: String,
    /// Port.
    pub port: u16,
    /// Pod name.
    pub pod: Option<String>,
    /// Node.
    pub node: Option<String>,
    /// Ready.
    pub ready: bool,
}

/// A Service.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceView {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// ClusterIP, `None` for headless, null for ExternalName.
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    /// Ports.
    pub ports: Vec<PortView>,
    /// externalIPs.
    #[serde(rename = "externalIPs")]
    pub external_ips: Vec<String>,
    /// ExternalName target.
    pub external_name: Option<String>,
    /// The load balancer's address, `pending`, or null when not a LoadBalancer.
    pub load_balancer: Option<String>,
    /// externalTrafficPolicy.
    pub external_traffic_policy: &'static str,
    /// internalTrafficPolicy.
    pub internal_traffic_policy: &'static str,
    /// sessionAffinity.
    pub session_affinity: &'static str,
    /// Endpoints.
    pub endpoints: Vec<EndpointView>,
    /// DNS names.
    pub dns: Vec<String>,
    /// `SingleStack` unless written otherwise (headless Services without a selector: null).
    pub ip_family_policy: Option<&'static str>,
    /// Families of the cluster IPs.
    pub ip_families: Vec<&'static str>,
    /// LoadBalancer Services: whether node ports are allocated.
    pub allocate_load_balancer_node_ports: Option<bool>,
}

/// A claim.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimView {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `Pending`, `Bound`, `Lost` or `Terminating`.
    pub phase: &'static str,
    /// Why it is Pending.
    pub reason: Option<String>,
    /// Bound volume.
    pub volume: Option<String>,
    /// Class after defaulting.
    pub storage_class: Option<String>,
}

/// A PersistentVolume.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeView {
    /// Name.
    pub name: String,
    /// Phase.
    pub phase: &'static str,
    /// `namespace/name` of its claim.
    pub claim: Option<String>,
    /// Reclaim policy.
    pub reclaim_policy: &'static str,
    /// Capacity in bytes.
    pub capacity: i64,
    /// Where the bytes live.
    pub source: Option<String>,
    /// The node holding them, for node-local volumes.
    pub node: Option<String>,
    /// Files.
    pub files: Vec<String>,
}

/// A Deployment's ReplicaSet.
#[derive(Clone, Debug, Serialize)]
pub struct ReplicaSetView {
    /// `<deployment>-<pod-template-hash>`.
    pub name: String,
    /// Desired pods.
    pub replicas: i64,
    /// The template's container images, in order.
    pub images: Vec<String>,
}

/// A Deployment as `kubectl rollout history` and `kubectl get rs` show it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentView {
    /// Namespace.
    pub namespace: String,
    /// Name.
    pub name: String,
    /// `deployment.kubernetes.io/revision`.
    pub revision: i64,
    /// Its ReplicaSets, the current one first.
    pub replica_sets: Vec<ReplicaSetView>,
}

fn deployments(cluster: &Cluster) -> Vec<DeploymentView> {
    cluster
        .workloads
        .iter()
        .filter(|w| w.kind == crate::model::WorkloadKind::Deployment && !w.deleted)
        .map(|w| DeploymentView {
            namespace: w.namespace.clone(),
            name: w.name.clone(),
            // Every template kubeglass runs is the Deployment's first: updates are not modelled.
            revision: 1,
            replica_sets: vec![ReplicaSetView {
                name: w.pod_owner().1,
                replicas: w.replicas,
                images: w
                    .template
                    .containers
                    .iter()
                    .map(|c| c.image.clone())
                    .collect(),
            }],
        })
        .collect()
}

/// The whole cluster.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Description {
    /// Simulated time, in milliseconds.
    pub time: u64,
    /// Nodes.
    pub nodes: Vec<NodeView>,
    /// Pods.
    pub pods: Vec<PodView>,
    /// Services.
    pub services: Vec<ServiceView>,
    /// Claims.
    pub persistent_volume_claims: Vec<ClaimView>,
    /// Volumes.
    pub persistent_volumes: Vec<VolumeView>,
    /// Controllers, with their defaulted specs.
    pub workloads: Vec<WorkloadView>,
    /// Deployments, with their revision and ReplicaSets.
    pub deployments: Vec<DeploymentView>,
    /// Objects the API server rejected; they are not simulated.
    pub rejected: Vec<RejectedView>,
    /// Per-pod request counts so far (`namespace/name` → count).
    pub hits: crate::sorted::VecMap<String, u64>,
    /// Diagnostics.
    pub diagnostics: Vec<DiagnosticView>,
}

/// Rule 9.1: `SingleStack`, except a headless Service without a selector, which may carry both
/// families; ExternalName Services have no IPs at all.
fn ip_family_policy(spec: &ServiceSpec) -> Option<&'static str> {
    match spec.service_type {
        ServiceType::ExternalName => None,
        _ if spec.is_headless() && spec.effective_selector().is_none() => Some("RequireDualStack"),
        _ => Some("SingleStack"),
    }
}

fn files(cluster: &Cluster, store: Option<&Store>) -> Vec<String> {
    store.map_or_else(Vec::new, |s| cluster.file_paths(s))
}

/// The scheduler's last verdict on `p`, when the cluster kept verdicts.
#[cfg(feature = "explain")]
fn scheduling(cluster: &Cluster, p: &Pod) -> Option<SchedulingView> {
    cluster
        .verdicts
        .as_ref()
        .and_then(|v| v.get(&p.key()))
        .map(|v| SchedulingView {
            filtered: v
                .filtered
                .iter()
                .map(|(n, misfit)| FilteredView {
                    node: cluster.nodes[*n].name.clone(),
                    reason: misfit.words(),
                })
                .collect(),
            scores: v
                .scores
                .iter()
                .map(|(n, score)| ScoreView {
                    node: cluster.nodes[*n].name.clone(),
                    score: *score,
                })
                .collect(),
        })
}

/// Without the `explain` feature no verdict is kept.
#[cfg(not(feature = "explain"))]
fn scheduling(_: &Cluster, _: &Pod) -> Option<SchedulingView> {
    None
}

fn pod_view(cluster: &Cluster, p: &Pod, language: Language) -> PodView {
    let container_files = p
        .spec
        .containers
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            let store = Store::Container {
                pod: p.uid,
                container: c.name.clone(),
                generation: p.restarts.get(i).copied().unwrap_or(0),
            };
            cluster
                .files_in(&store)
                .iter()
                .map(move |f| format!("{}:{}", c.name, f.path))
                .collect::<Vec<_>>()
        })
        .collect();
    PodView {
        namespace: p.namespace.clone(),
        name: p.name.clone(),
        node: p.node.clone(),
        ip: p.ip.map(|ip| ip.to_string()),
        phase: p.phase.as_str(),
        ready: p.ready,
        terminating: p.terminating,
        reason: p.reason.as_ref().map(|r| r.get(language).to_owned()),
        owner: p.owner.as_ref().map(|o| OwnerView {
            kind: o.kind.clone(),
            name: o.name.clone(),
        }),
        labels: p.labels.clone(),
        images: p.spec.containers.iter().map(|c| c.image.clone()).collect(),
        restarts: p.restarts.clone(),
        volumes: p
            .volumes
            .iter()
            .map(|v| VolumeMountView {
                name: v.name.clone(),
                kind: v.kind.clone(),
                lifetime: v.lifetime.as_str(),
                claim: v.claim.clone(),
                volume: v.volume.clone(),
                files: files(cluster, v.store.as_ref()),
            })
            .collect(),
        container_files,
        spec: spec::pod_spec(p),
        scheduling: scheduling(cluster, p),
    }
}

impl Description {
    /// Describes the world; `diagnostics` are listed with it.
    pub fn of(world: &World, diagnostics: &[Diagnostic], language: Language) -> Description {
        let cluster = &world.cluster;
        Description {
            time: cluster.now,
            nodes: cluster
                .nodes
                .iter()
                .map(|n| NodeView {
                    name: n.name.clone(),
                    ip: n.ip.to_string(),
                    labels: n.labels.clone(),
                    taints: n
                        .taints
                        .iter()
                        .map(|t| TaintView {
                            key: t.key.clone(),
                            value: t.value.clone(),
                            effect: t.effect.as_str(),
                        })
                        .collect(),
                    ready: !n
                        .taints
                        .iter()
                        .any(|t| t.key == "node.kubernetes.io/unreachable"),
                    up: n.is_up(),
                    pod_cidr: format!("{}/24", n.pod_cidr),
                    host_paths: cluster
                        .node_dirs
                        .iter()
                        .filter(|(node, _)| *node == n.name)
                        .map(|(node, path)| HostPathView {
                            path: path.clone(),
                            files: files(
                                cluster,
                                Some(&Store::NodeDir {
                                    node: node.clone(),
                                    path: path.clone(),
                                }),
                            ),
                        })
                        .collect(),
                })
                .collect(),
            pods: cluster
                .pods
                .iter()
                .map(|p| pod_view(cluster, p, language))
                .collect(),
            services: cluster
                .services
                .iter()
                .map(|s| ServiceView {
                    namespace: s.namespace.clone(),
                    name: s.name.clone(),
                    kind: s.spec.service_type.as_str(),
                    cluster_ip: match s.cluster_ip {
                        Some(ip) => Some(ip.to_string()),
                        None if s.is_headless() => Some("None".to_owned()),
                        None => None,
                    },
                    ports: s
                        .ports
                        .iter()
                        .map(|p| PortView {
                            name: p.name.clone(),
                            port: p.port,
                            target_port: match &p.target {
                                IntOrString::Int(n) => PortTarget::Number(*n),
                                IntOrString::Str(s) => PortTarget::Name(s.clone()),
                            },
                            node_port: p.node_port,
                            protocol: p.protocol.clone(),
                        })
                        .collect(),
                    external_ips: s.spec.external_ips.clone(),
                    external_name: s.spec.external_name.clone(),
                    load_balancer: match &s.load_balancer {
                        LoadBalancer::None => None,
                        LoadBalancer::Pending => Some("pending".to_owned()),
                        LoadBalancer::Ready(a) => Some(a.clone()),
                    },
                    external_traffic_policy: s.spec.external_traffic_policy.as_str(),
                    internal_traffic_policy: s.spec.internal_traffic_policy.as_str(),
                    session_affinity: if s.spec.session_affinity {
                        "ClientIP"
                    } else {
                        "None"
                    },
                    endpoints: s
                        .endpoints
                        .iter()
                        .flat_map(|e| {
                            e.ports.iter().flatten().map(move |port| EndpointView {
                                ip: e.ip.to_string(),
                                port: *port,
                                pod: e.pod_name.clone(),
                                node: e.node.clone(),
                                ready: e.ready,
                            })
                        })
                        .collect(),
                    dns: crate::cluster::dns::names_of(cluster, s),
                    ip_family_policy: ip_family_policy(&s.spec),
                    ip_families: if s.spec.service_type == ServiceType::ExternalName {
                        Vec::new()
                    } else {
                        vec!["IPv4"]
                    },
                    allocate_load_balancer_node_ports: (s.spec.service_type
                        == ServiceType::LoadBalancer)
                        .then_some(s.spec.allocate_node_ports),
                })
                .collect(),
            persistent_volume_claims: cluster
                .claims
                .iter()
                .map(|c| ClaimView {
                    namespace: c.namespace.clone(),
                    name: c.name.clone(),
                    phase: match (&c.phase, c.deleting) {
                        (_, true) => "Terminating",
                        (ClaimPhase::Pending(_), _) => "Pending",
                        (ClaimPhase::Bound(_), _) => "Bound",
                        (ClaimPhase::Lost, _) => "Lost",
                    },
                    reason: match &c.phase {
                        ClaimPhase::Pending(r) => Some(r.get(language).to_owned()),
                        _ => None,
                    },
                    volume: match &c.phase {
                        ClaimPhase::Bound(v) => Some(v.clone()),
                        _ => None,
                    },
                    storage_class: c.class.clone(),
                })
                .collect(),
            persistent_volumes: cluster
                .volumes
                .iter()
                .map(|v| VolumeView {
                    name: v.name.clone(),
                    phase: v.phase.as_str(),
                    claim: match &v.phase {
                        VolumePhase::Bound(c) | VolumePhase::Released(c) => {
                            Some(c.clone()).filter(|c| !c.is_empty())
                        }
                        _ => None,
                    },
                    reclaim_policy: v.reclaim.as_str(),
                    capacity: v.capacity,
                    source: v.source.as_ref().map(|s| s.label()),
                    node: v.node.clone(),
                    files: files(cluster, Some(&Store::Volume(v.name.clone()))),
                })
                .collect(),
            workloads: spec::workloads(cluster),
            deployments: deployments(cluster),
            rejected: spec::rejected(cluster, language),
            hits: world.traffic.hits.clone(),
            diagnostics: diagnostics
                .iter()
                .map(|d| DiagnosticView::new(d, language))
                .collect(),
        }
    }
}
