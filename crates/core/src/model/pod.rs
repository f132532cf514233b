//! Pods: containers, volumes and the scheduling constraints the simulator honours.

use super::{InterPodAffinity, Labels, NodeAffinity, SpreadConstraints};

/// Resource requests of a container (limits matter only when no request is set, rule 4.6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Resources {
    /// CPU in millicores.
    pub cpu_milli: i64,
    /// Memory in bytes.
    pub memory: i64,
}

impl Resources {
    /// Component-wise sum.
    pub fn plus(self, other: Resources) -> Resources {
        Resources {
            cpu_milli: self.cpu_milli.saturating_add(other.cpu_milli),
            memory: self.memory.saturating_add(other.memory),
        }
    }

    /// Component-wise maximum.
    pub fn max(self, other: Resources) -> Resources {
        Resources {
            cpu_milli: self.cpu_milli.max(other.cpu_milli),
            memory: self.memory.max(other.memory),
        }
    }
}

/// A port a container declares.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ContainerPort {
    /// Optional IANA service name, used by named targetPorts.
    pub name: Option<String>,
    /// The port number.
    pub container_port: u16,
    /// TCP, UDP or SCTP.
    pub protocol: String,
}

/// A volume mounted into a container.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct VolumeMount {
    /// The pod volume's name.
    pub name: String,
    /// Where it appears inside the container.
    pub mount_path: String,
    /// Mounted read-only.
    pub read_only: bool,
    /// A path inside the volume instead of its root.
    pub sub_path: Option<String>,
}

/// A value as the manifest writes it, or `None` when the API server's default applies. It is
/// part of a pod template's identity (its `pod-template-hash`) only when written, so that
/// leaving it out hashes the same as before it was modelled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written<T>(pub Option<T>);

impl<T: std::hash::Hash> std::hash::Hash for Written<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        if let Some(value) = &self.0 {
            value.hash(state);
        }
    }
}

/// One container of a pod.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Container {
    /// Container name.
    pub name: String,
    /// Image reference.
    pub image: String,
    /// Declared ports.
    pub ports: Vec<ContainerPort>,
    /// Volume mounts.
    pub volume_mounts: Vec<VolumeMount>,
    /// Effective requests (a limit without a request counts as the request).
    pub requests: Resources,
    /// True when the container has a readiness probe.
    pub readiness_probe: bool,
    /// `imagePullPolicy` as written.
    pub image_pull_policy: Written<String>,
}

impl Container {
    /// `imagePullPolicy`, defaulted as the API server does (rule 9.2): `Always` for the
    /// `latest` tag or no tag nor digest, otherwise `IfNotPresent`.
    pub fn pull_policy(&self) -> &str {
        if let Some(policy) = &self.image_pull_policy.0 {
            return policy;
        }
        let last = self.image.rsplit('/').next().unwrap_or_default();
        let digest = self.image.contains('@');
        match last.split_once(':') {
            _ if digest => "IfNotPresent",
            Some((_, "latest")) | None => "Always",
            Some(_) => "IfNotPresent",
        }
    }
}

/// Where a pod volume's data comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum VolumeSource {
    /// A fresh directory that lives and dies with the pod.
    EmptyDir {
        /// `medium: Memory` (tmpfs).
        memory: bool,
    },
    /// A path on the node.
    HostPath {
        /// The node path.
        path: String,
        /// `type` (empty for no check).
        kind: String,
    },
    /// A PersistentVolumeClaim.
    PersistentVolumeClaim {
        /// `claimName`.
        claim: String,
        /// Forces every mount read-only.
        read_only: bool,
    },
    /// Files generated from a ConfigMap.
    ConfigMap {
        /// The ConfigMap's name.
        name: String,
        /// The pod starts even when it is missing.
        optional: bool,
    },
    /// Files generated from a Secret.
    Secret {
        /// The Secret's name.
        name: String,
        /// The pod starts even when it is missing.
        optional: bool,
    },
    /// Files generated from the pod's own fields.
    DownwardApi,
    /// Several of the above in one directory: `(kind, name)` of each source.
    Projected(Vec<(String, String)>),
    /// A git clone into a pod-lifetime directory (deprecated).
    GitRepo {
        /// Repository URL.
        repository: String,
    },
    /// An NFS export.
    Nfs {
        /// Server address.
        server: String,
        /// Exported path.
        path: String,
    },
    /// A generic ephemeral volume: a PVC created with the pod and deleted with it.
    Ephemeral,
    /// Another in-tree or CSI network/cloud volume (the field name, e.g. `awsElasticBlockStore`).
    Network(String),
    /// No source at all, or one the loader does not know.
    Unknown(String),
}

/// A pod volume.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Volume {
    /// Volume name, referenced by mounts.
    pub name: String,
    /// Its source.
    pub source: VolumeSource,
}

/// The pod's restart policy (rule 3.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RestartPolicy {
    /// Restart containers whatever their exit (the default).
    #[default]
    Always,
    /// Restart containers that fail.
    OnFailure,
    /// Never restart containers.
    Never,
}

impl RestartPolicy {
    /// The value as written in a manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            RestartPolicy::Always => "Always",
            RestartPolicy::OnFailure => "OnFailure",
            RestartPolicy::Never => "Never",
        }
    }
}

/// Which resolver a pod uses (rule 2.7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DnsPolicy {
    /// Cluster DNS with the namespace's search path (the default); the node's resolver for
    /// hostNetwork pods.
    #[default]
    ClusterFirst,
    /// Cluster DNS, also for hostNetwork pods.
    ClusterFirstWithHostNet,
    /// The node's resolver.
    Default,
    /// Only what `dnsConfig` says.
    None,
}

impl DnsPolicy {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DnsPolicy::ClusterFirst => "ClusterFirst",
            DnsPolicy::ClusterFirstWithHostNet => "ClusterFirstWithHostNet",
            DnsPolicy::Default => "Default",
            DnsPolicy::None => "None",
        }
    }
}

impl PodSpec {
    /// True when the pod resolves names with cluster DNS (rule 2.7).
    pub fn uses_cluster_dns(&self) -> bool {
        match self.dns_policy {
            DnsPolicy::ClusterFirst => !self.host_network,
            DnsPolicy::ClusterFirstWithHostNet => true,
            DnsPolicy::Default | DnsPolicy::None => false,
        }
    }
}

/// How a toleration compares the taint value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TolerationOperator {
    /// Same key, same value (the default).
    #[default]
    Equal,
    /// Same key, any value.
    Exists,
}

/// A pod toleration (rule 4.5).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Toleration {
    /// Taint key; empty with `Exists` tolerates every taint.
    pub key: String,
    /// Equal or Exists.
    pub operator: TolerationOperator,
    /// Taint value for Equal.
    pub value: String,
    /// Effect; `None` matches every effect.
    pub effect: Option<super::TaintEffect>,
    /// `tolerationSeconds` for NoExecute.
    pub seconds: Option<i64>,
}

/// The parts of a pod spec the product uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PodSpec {
    /// App containers.
    pub containers: Vec<Container>,
    /// Init containers (they count toward requests).
    pub init_containers: Vec<Container>,
    /// Volumes.
    pub volumes: Vec<Volume>,
    /// `nodeName`: bypasses the scheduler.
    pub node_name: Option<String>,
    /// `nodeSelector`.
    pub node_selector: Labels,
    /// Node affinity.
    pub affinity: Option<NodeAffinity>,
    /// Inter-pod affinity and anti-affinity.
    pub pod_affinity: InterPodAffinity,
    /// Tolerations.
    pub tolerations: Vec<Toleration>,
    /// `hostname`.
    pub hostname: Option<String>,
    /// `subdomain`.
    pub subdomain: Option<String>,
    /// `hostNetwork`: the pod uses its node's IP.
    pub host_network: bool,
    /// Restart policy.
    pub restart_policy: RestartPolicy,
    /// `dnsPolicy` (default `ClusterFirst`).
    pub dns_policy: DnsPolicy,
    /// True when the pod sets its own `topologySpreadConstraints`.
    pub has_spread_constraints: bool,
    /// Its `topologySpreadConstraints`.
    pub spread: SpreadConstraints,
    /// `terminationGracePeriodSeconds` as written (default 30).
    pub termination_grace_seconds: Written<i64>,
    /// `schedulerName` as written (default `default-scheduler`).
    pub scheduler_name: Written<String>,
    /// `enableServiceLinks` as written (default true).
    pub enable_service_links: Written<bool>,
}

impl PodSpec {
    /// `terminationGracePeriodSeconds`, defaulted (rule 9.2).
    pub fn grace_seconds(&self) -> i64 {
        self.termination_grace_seconds.0.unwrap_or(30)
    }

    /// `schedulerName`, defaulted (rule 9.2).
    pub fn scheduler(&self) -> &str {
        self.scheduler_name
            .0
            .as_deref()
            .unwrap_or("default-scheduler")
    }
}

impl PodSpec {
    /// The pod's effective request: max(largest init container, sum of app containers) (rule 4.6).
    pub fn requests(&self) -> Resources {
        let apps = self
            .containers
            .iter()
            .fold(Resources::default(), |sum, c| sum.plus(c.requests));
        self.init_containers
            .iter()
            .fold(apps, |max, c| max.max(c.requests))
    }

    /// The volume with this name.
    pub fn volume(&self, name: &str) -> Option<&Volume> {
        self.volumes.iter().find(|v| v.name == name)
    }
}

/// What a `kubectl get -o yaml` dump says about a pod's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodStatus {
    /// `status.phase`.
    pub phase: Option<String>,
    /// `status.podIP`.
    pub pod_ip: Option<String>,
    /// The `Ready` condition, when given.
    pub ready: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(cpu: i64, memory: i64) -> Container {
        Container {
            requests: Resources {
                cpu_milli: cpu,
                memory,
            },
            ..Container::default()
        }
    }

    #[test]
    fn rule_4_6_pod_request_is_max_of_init_and_sum_of_apps() {
        let spec = PodSpec {
            containers: vec![container(100, 10), container(200, 20)],
            init_containers: vec![container(250, 5)],
            ..PodSpec::default()
        };
        assert_eq!(
            spec.requests(),
            Resources {
                cpu_milli: 300,
                memory: 30
            }
        );
        let bigger_init = PodSpec {
            init_containers: vec![container(500, 50)],
            ..spec
        };
        assert_eq!(bigger_init.requests().cpu_milli, 500);
    }
}
