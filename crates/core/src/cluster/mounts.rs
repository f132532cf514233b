//! The kubelet's part: admitting pods bound to its node, mounting their volumes where the
//! data really lives, giving them an IP, and starting them (rules 3.1, 4.2, 5.1–5.6, 5.15).

use super::schedule::{admission_misfits, selects, tolerates, Misfit};
use super::state::{ClaimPhase, Lifetime, MountedVolume, Phase, Store};
use super::{Change, Cluster, File};
use crate::model::{AccessMode, PvSourceKind, TaintEffect, VolumeSource};
use crate::text::Text;
use std::net::Ipv4Addr;

/// Host paths that exist on every node, for hostPath type checks (`Directory`, `File`).
const SYSTEM_PATHS: &[&str] = &[
    "/boot",
    "/dev",
    "/etc",
    "/home",
    "/lib",
    "/opt",
    "/proc",
    "/root",
    "/run",
    "/srv",
    "/sys",
    "/tmp",
    "/usr",
    "/var/cache",
    "/var/lib",
    "/var/log",
    "/var/run",
    "/var/spool",
    "/var/tmp",
];

fn is_system_path(path: &str) -> bool {
    matches!(path, "/" | "/var")
        || SYSTEM_PATHS.iter().any(|p| {
            path == *p
                || path
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
}

/// Starts every bound, Pending pod whose node runs and whose volumes can be mounted; true on
/// any change.
pub fn mount(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    for i in 0..cluster.pods.len() {
        let pod = &cluster.pods[i];
        if pod.phase != Phase::Pending || pod.terminating {
            continue;
        }
        let Some(node_name) = pod.node.clone() else {
            continue;
        };
        let outcome = match cluster.node(&node_name) {
            None => Err(Text::new(
                format!(
                    "node \"{node_name}\" does not exist, so no kubelet will ever run this pod"
                ),
                format!("노드 \"{node_name}\"이(가) 없어 이 파드를 실행할 kubelet이 없습니다"),
            )),
            Some(node) if !node.is_up() => continue,
            Some(_) => admit(cluster, i, &node_name).and_then(|()| mounts(cluster, i, &node_name)),
        };
        match outcome {
            Ok(volumes) => {
                start(cluster, i, &node_name, volumes);
                changed = true;
            }
            Err(reason) => {
                let failed = reason.en.starts_with("Pod was rejected");
                let pod = &mut cluster.pods[i];
                if pod.reason.as_ref() != Some(&reason) || (failed && pod.phase != Phase::Failed) {
                    if failed {
                        pod.phase = Phase::Failed;
                    }
                    pod.reason = Some(reason.clone());
                    let key = pod.key();
                    cluster.record(Change::PodStuck { pod: key, reason });
                    changed = true;
                }
            }
        }
    }
    changed
}

/// The kubelet's admission of a pod that named its node itself (`nodeName` skips the
/// scheduler, rule 4.2): it still rejects what does not fit.
fn admit(cluster: &Cluster, index: usize, node_name: &str) -> Result<(), Text> {
    let pod = &cluster.pods[index];
    if pod.spec.node_name.is_none() || pod.started.is_some() {
        return Ok(());
    }
    let Some(n) = cluster.nodes.iter().position(|n| n.name == node_name) else {
        return Ok(());
    };
    let node = &cluster.nodes[n];
    let rejection = if let Some(m) = admission_misfits(cluster, pod, n).first() {
        Some(match m {
            Misfit::Cpu => "OutOfcpu",
            Misfit::Pods => "OutOfpods",
            _ => "OutOfmemory",
        })
    } else if !selects(pod, node) {
        Some("NodeAffinity")
    } else if node
        .taints
        .iter()
        .any(|t| t.effect == TaintEffect::NoExecute && !tolerates(&pod.spec.tolerations, t))
    {
        Some("Taint")
    } else {
        None
    };
    match rejection {
        Some(why) => Err(Text::new(
            format!("Pod was rejected by the kubelet on {node_name}: {why} (nodeName skips the scheduler, not the kubelet's checks)"),
            format!("{node_name}의 kubelet이 파드를 거부했습니다: {why} (nodeName은 스케줄러를 건너뛸 뿐, kubelet의 검사는 그대로입니다)"),
        )),
        None => Ok(()),
    }
}

/// The pod's volumes as the kubelet would mount them on `node`, or why one cannot be.
fn mounts(cluster: &mut Cluster, index: usize, node: &str) -> Result<Vec<MountedVolume>, Text> {
    let pod = &cluster.pods[index];
    let mut mounted = Vec::with_capacity(pod.spec.volumes.len());
    for volume in &pod.spec.volumes {
        let mut m = MountedVolume {
            name: volume.name.clone(),
            kind: String::new(),
            lifetime: Lifetime::Pod,
            claim: None,
            volume: None,
            store: None,
            read_only: false,
            problem: None,
        };
        let pod_dir = Store::PodDir {
            pod: pod.uid,
            volume: volume.name.clone(),
        };
        match &volume.source {
            VolumeSource::EmptyDir { .. } => {
                m.kind = "emptyDir".into();
                m.store = Some(pod_dir);
            }
            VolumeSource::GitRepo { .. } => {
                m.kind = "gitRepo".into();
                m.store = Some(pod_dir);
            }
            VolumeSource::Ephemeral => {
                m.kind = "ephemeral".into();
                m.store = Some(pod_dir);
            }
            VolumeSource::HostPath { path, kind } => {
                m.kind = "hostPath".into();
                m.lifetime = Lifetime::Node;
                let exists = is_system_path(path)
                    || cluster.node_dirs.contains(&(node.to_owned(), path.clone()));
                let must_exist = matches!(
                    kind.as_str(),
                    "Directory" | "File" | "Socket" | "CharDevice" | "BlockDevice"
                );
                if !exists && must_exist {
                    let what = match kind.as_str() {
                        "File" => "file",
                        "Socket" => "socket",
                        "CharDevice" => "character device",
                        "BlockDevice" => "block device",
                        _ => "directory",
                    };
                    m.problem = Some(Text::new(
                        format!("MountVolume.SetUp failed for volume \"{}\": hostPath type check failed: {path} is not a {what} (type: {kind} needs it to exist on {node} already)", volume.name),
                        format!("볼륨 \"{}\" 마운트 실패: hostPath 타입 검사 실패: {path}이(가) {what}가 아닙니다 (type: {kind}는 {node}에 이미 있어야 합니다)", volume.name),
                    ));
                } else {
                    m.store = Some(Store::NodeDir {
                        node: node.to_owned(),
                        path: path.clone(),
                    });
                }
            }
            VolumeSource::PersistentVolumeClaim { claim, read_only } => {
                m.kind = "persistentVolumeClaim".into();
                m.lifetime = Lifetime::Persistent;
                m.claim = Some(claim.clone());
                m.read_only = *read_only;
                match cluster.claim(&pod.namespace, claim).map(|c| &c.phase) {
                    Some(ClaimPhase::Bound(pv)) => {
                        m.volume = Some(pv.clone());
                        m.store = Some(Store::Volume(pv.clone()));
                        m.problem = attach_conflict(cluster, index, pv, node);
                    }
                    _ => {
                        m.problem = Some(Text::new(
                            format!("volume \"{}\": persistentvolumeclaim \"{claim}\" is not bound", volume.name),
                            format!("볼륨 \"{}\": persistentvolumeclaim \"{claim}\"이(가) 바인딩되지 않았습니다", volume.name),
                        ))
                    }
                }
            }
            VolumeSource::ConfigMap { name, optional }
            | VolumeSource::Secret { name, optional } => {
                let secret = matches!(volume.source, VolumeSource::Secret { .. });
                m.kind = if secret { "secret" } else { "configMap" }.into();
                m.lifetime = Lifetime::Projected;
                m.read_only = true;
                let known = if secret {
                    &cluster.secrets
                } else {
                    &cluster.config_maps
                };
                if !optional && !known.contains(&(pod.namespace.clone(), name.clone())) {
                    let kind = if secret { "secret" } else { "configmap" };
                    m.problem = Some(Text::new(
                        format!("MountVolume.SetUp failed for volume \"{}\": {kind} \"{name}\" not found", volume.name),
                        format!("볼륨 \"{}\" 마운트 실패: {kind} \"{name}\"을(를) 찾을 수 없습니다", volume.name),
                    ));
                }
            }
            VolumeSource::DownwardApi | VolumeSource::Projected(_) => {
                m.kind = if matches!(volume.source, VolumeSource::DownwardApi) {
                    "downwardAPI"
                } else {
                    "projected"
                }
                .into();
                m.lifetime = Lifetime::Projected;
                m.read_only = true;
            }
            VolumeSource::Nfs { server, path } => {
                m.kind = "nfs".into();
                m.lifetime = Lifetime::Persistent;
                m.store = Some(Store::Nfs {
                    server: server.clone(),
                    path: path.clone(),
                });
            }
            VolumeSource::Network(kind) => {
                m.kind = kind.clone();
                m.lifetime = Lifetime::Persistent;
                m.store = Some(Store::Disk {
                    kind: kind.clone(),
                    name: format!("{}/{}", pod.namespace, volume.name),
                });
            }
            VolumeSource::Unknown(_) => {
                m.kind = "unknown".into();
                m.problem = Some(Text::new(
                    format!("volume \"{}\" has no source", volume.name),
                    format!("볼륨 \"{}\"에 소스가 없습니다", volume.name),
                ));
            }
        }
        mounted.push(m);
    }
    match mounted.iter().find_map(|m| m.problem.clone()) {
        Some(problem) => Err(problem),
        None => Ok(mounted),
    }
}

/// A ReadWriteOnce network disk attaches to one node at a time (rule 5.15); ReadWriteOncePod
/// to one pod.
fn attach_conflict(cluster: &Cluster, index: usize, pv: &str, node: &str) -> Option<Text> {
    let volume = cluster.volume(pv)?;
    let one_pod = volume.access_modes.contains(&AccessMode::ReadWriteOncePod);
    let block_disk = matches!(&volume.source, Some(PvSourceKind::Network(kind)) if !matches!(kind.as_str(), "cephfs" | "glusterfs" | "azureFile"))
        && !volume
            .access_modes
            .iter()
            .any(|m| matches!(m, AccessMode::ReadWriteMany | AccessMode::ReadOnlyMany));
    if !one_pod && !block_disk {
        return None;
    }
    let me = &cluster.pods[index];
    let holder = cluster.pods.iter().find(|p| {
        // A deletion stalled on an unreachable node ends in a forced detach (rule 5.15).
        let detached = p
            .deletion_started
            .is_some_and(|since| cluster.now >= since + super::lifecycle::FORCE_DETACH);
        p.uid != me.uid
            && !detached
            && p.phase == Phase::Running
            && p.volumes.iter().any(|v| v.volume.as_deref() == Some(pv))
            && (one_pod || p.node.as_deref() != Some(node))
    })?;
    Some(Text::new(
        format!(
            "Multi-Attach error for volume \"{pv}\": Volume is already used by pod(s) {}",
            holder.name
        ),
        format!(
            "볼륨 \"{pv}\" 다중 연결 오류: 이미 파드 {}가 사용 중입니다",
            holder.name
        ),
    ))
}

/// Gives the pod its IP, creates what its volumes create, and marks it Running and Ready.
fn start(cluster: &mut Cluster, index: usize, node_name: &str, volumes: Vec<MountedVolume>) {
    for v in &volumes {
        if let Some(Store::NodeDir { node, path }) = &v.store {
            cluster.node_dirs.insert((node.clone(), path.clone()));
        }
        if v.kind == "gitRepo" {
            if let Some(store) = &v.store {
                // The clone the kubelet makes before the containers start.
                cluster.files.entry(store.clone()).or_default().push(File {
                    path: ".git".to_owned(),
                    writer: "gitRepo clone".to_owned(),
                    at: cluster.now,
                });
            }
        }
    }
    let ip = match cluster.pods[index].ip {
        Some(ip) => ip,
        None => next_ip(cluster, index, node_name),
    };
    let now = cluster.now;
    let pod = &mut cluster.pods[index];
    pod.ip = Some(ip);
    pod.volumes = volumes;
    pod.phase = Phase::Running;
    pod.ready = true;
    pod.reason = None;
    pod.started = Some(now);
    let key = pod.key();
    cluster.record(Change::PodStarted {
        pod: key.clone(),
        ip: ip.to_string(),
    });
    cluster.record(Change::PodReadiness {
        pod: key,
        ready: true,
    });
}

/// The next free address of the node's /24 (or the node's own IP for hostNetwork pods).
/// Addresses are handed out in order, as host-local IPAM does; only after wrapping around
/// past .254 must the pods be checked for one still in use.
fn next_ip(cluster: &mut Cluster, index: usize, node_name: &str) -> Ipv4Addr {
    let host_network = cluster.pods[index].spec.host_network;
    let Some(n) = cluster.nodes.iter().position(|n| n.name == node_name) else {
        return Ipv4Addr::UNSPECIFIED;
    };
    if host_network {
        return cluster.nodes[n].ip;
    }
    let base = u32::from(cluster.nodes[n].pod_cidr);
    let mut host = cluster.nodes[n].next_host;
    if !(2..=254).contains(&host) {
        let used: crate::sorted::VecSet<u32> = crate::sorted::VecSet::from_iter(
            cluster
                .pods
                .iter()
                .filter_map(|p| p.ip.map(u32::from))
                .filter(|ip| ip & !0xff == base),
        );
        host = (2..=254)
            .find(|h| !used.contains(&(base + h)))
            .unwrap_or(254);
    }
    cluster.nodes[n].next_host = host + 1;
    Ipv4Addr::from(base + host)
}
