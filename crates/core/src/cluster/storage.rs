//! PersistentVolumeClaim binding, dynamic provisioning and reclaiming (rules 4.7, 4.8,
//! 5.7–5.13).

use super::naming::provisioned_volume_name;
use super::schedule::Misfit;
use super::state::{Claim, ClaimPhase, Pod, Store, Volume, VolumePhase};
use super::{Change, Cluster};
use crate::model::{BindingMode, NodeSelector, PvSourceKind, ReclaimPolicy, VolumeSource};
use crate::text::Text;

/// Provisioners that create a directory on one node rather than a network disk.
const NODE_LOCAL_PROVISIONERS: &[&str] = &[
    "rancher.io/local-path",
    "k8s.io/minikube-hostpath",
    "docker.io/hostpath",
    "microk8s.io/hostpath",
    "openebs.io/local",
];

/// The claims a pod's volumes name, that exist.
pub fn pod_claims<'c>(cluster: &'c Cluster, pod: &Pod) -> Vec<&'c Claim> {
    claim_names(pod)
        .filter_map(|name| cluster.claim(&pod.namespace, name))
        .collect()
}

fn claim_names(pod: &Pod) -> impl Iterator<Item = &str> {
    pod.spec.volumes.iter().filter_map(|v| match &v.source {
        VolumeSource::PersistentVolumeClaim { claim, .. } => Some(claim.as_str()),
        _ => None,
    })
}

/// VolumeRestrictions (rule 5.21): the pod uses a ReadWriteOncePod claim that another
/// scheduled pod already uses, which rules out every node.
pub fn read_write_once_pod_taken(cluster: &Cluster, pod: &Pod) -> bool {
    claim_names(pod).any(|name| {
        cluster.claim(&pod.namespace, name).is_some_and(|c| {
            c.spec
                .access_modes
                .contains(&crate::model::AccessMode::ReadWriteOncePod)
        }) && cluster.pods.iter().any(|other| {
            other.uid != pod.uid
                && other.namespace == pod.namespace
                && other.node.is_some()
                && claim_names(other).any(|n| n == name)
        })
    })
}

/// The binding mode of a claim's class (Immediate without a class).
pub fn binding_mode(cluster: &Cluster, claim: &Claim) -> BindingMode {
    claim
        .class
        .as_deref()
        .and_then(|name| cluster.classes.iter().find(|c| c.name == name))
        .map_or(BindingMode::Immediate, |c| c.spec.binding_mode)
}

/// Why the pod's claims keep it from being scheduled at all, if they do.
pub fn claims_block_scheduling(cluster: &Cluster, pod: &Pod) -> Option<Text> {
    for name in claim_names(pod) {
        match cluster.claim(&pod.namespace, name) {
            None => {
                return Some(Text::new(
                    format!("persistentvolumeclaim \"{name}\" not found"),
                    format!("persistentvolumeclaim \"{name}\"을(를) 찾을 수 없습니다"),
                ))
            }
            Some(claim) if claim.deleting => {
                return Some(Text::new(
                    format!("persistentvolumeclaim \"{name}\" is being deleted"),
                    format!("persistentvolumeclaim \"{name}\"이(가) 삭제되는 중입니다"),
                ))
            }
            Some(_) => {}
        }
    }
    super::schedule::unbound_immediate(cluster, pod).then(|| {
        Text::new(
            "pod has unbound immediate PersistentVolumeClaims",
            "바인딩되지 않은 Immediate 모드 PVC가 있습니다",
        )
    })
}

fn node_matches(selector: Option<&NodeSelector>, cluster: &Cluster, node: &str) -> bool {
    selector.is_none_or(|s| {
        cluster
            .node(node)
            .is_some_and(|n| s.matches(&n.name, &n.labels))
    })
}

/// Whether the pod's claims allow `node`: bound volumes' node affinity (rule 4.7), and for
/// WaitForFirstConsumer claims, a volume that could be bound or provisioned there (4.8).
pub fn volumes_fit(cluster: &Cluster, pod: &Pod, node: &str) -> Result<(), Misfit> {
    for claim in pod_claims(cluster, pod) {
        match &claim.phase {
            ClaimPhase::Bound(pv) => {
                let volume = cluster.volume(pv);
                if !node_matches(volume.and_then(|v| v.node_affinity.as_ref()), cluster, node) {
                    return Err(Misfit::VolumeAffinity);
                }
            }
            ClaimPhase::Pending(_)
                if binding_mode(cluster, claim) == BindingMode::WaitForFirstConsumer
                    && find_match(cluster, claim, Some(node)).is_none()
                    && provisioner(cluster, claim).is_none() =>
            {
                return Err(Misfit::NoVolume);
            }
            _ => {}
        }
    }
    Ok(())
}

fn class_matches(claim: &Claim, volume: &Volume) -> bool {
    match claim.class.as_deref() {
        // Unset with no default class, or "": only class-less volumes (rule 5.8).
        None | Some("") => volume.class.is_empty(),
        Some(class) => volume.class == class,
    }
}

/// The best static volume for a claim (rule 5.7): free or reserved for it, big enough, with
/// the modes, volume mode, class and labels asked for; fewest modes, then smallest, wins.
/// With `node`, the volume's node affinity must allow that node.
fn find_match(cluster: &Cluster, claim: &Claim, node: Option<&str>) -> Option<usize> {
    let key = format!("{}/{}", claim.namespace, claim.name);
    let fits = |v: &Volume| {
        let free =
            v.phase == VolumePhase::Available && v.claim_ref.as_ref().is_none_or(|r| *r == key);
        free && v.capacity >= claim.spec.request
            && claim
                .spec
                .access_modes
                .iter()
                .all(|m| v.access_modes.contains(m))
            && v.block == claim.spec.block
            && class_matches(claim, v)
    };
    if let Some(wanted) = &claim.spec.volume_name {
        // Pre-binding skips the selector and node affinity, not the rest (rule 5.9).
        return cluster
            .volumes
            .iter()
            .position(|v| &v.name == wanted && fits(v));
    }
    cluster
        .volumes
        .iter()
        .enumerate()
        .filter(|(_, v)| fits(v))
        .filter(|(_, v)| {
            claim
                .spec
                .selector
                .as_ref()
                .is_none_or(|s| s.matches(&v.labels))
        })
        .filter(|(_, v)| node.is_none_or(|n| node_matches(v.node_affinity.as_ref(), cluster, n)))
        .min_by_key(|(_, v)| (v.access_modes.len(), v.capacity, v.name.clone()))
        .map(|(i, _)| i)
}

/// The provisioner that could create a volume for the claim (rule 5.10).
fn provisioner(cluster: &Cluster, claim: &Claim) -> Option<String> {
    if claim.spec.selector.is_some() || claim.spec.volume_name.is_some() {
        return None;
    }
    let class = claim.class.as_deref().filter(|c| !c.is_empty())?;
    let class = cluster.classes.iter().find(|c| c.name == class)?;
    class
        .spec
        .provisions()
        .then(|| class.spec.provisioner.clone())
}

fn bind(cluster: &mut Cluster, claim: usize, volume: usize) {
    let key = format!(
        "{}/{}",
        cluster.claims[claim].namespace, cluster.claims[claim].name
    );
    let name = cluster.volumes[volume].name.clone();
    cluster.volumes[volume].phase = VolumePhase::Bound(key.clone());
    cluster.volumes[volume].claim_ref = Some(key.clone());
    cluster.claims[claim].phase = ClaimPhase::Bound(name.clone());
    cluster.record(Change::ClaimBound {
        claim: key,
        volume: name,
    });
}

/// Creates a volume for the claim; node-local provisioners put it on `node` (or a worker).
fn provision(cluster: &mut Cluster, claim: usize, provisioner: &str, node: Option<&str>) -> usize {
    let name = provisioned_volume_name(&mut cluster.rng);
    let local = NODE_LOCAL_PROVISIONERS.contains(&provisioner);
    let node = match (local, node) {
        (false, _) => None,
        (true, Some(n)) => Some(n.to_owned()),
        (true, None) => {
            // Immediate binding: the provisioner picks a worker on its own.
            let workers: Vec<String> = cluster
                .nodes
                .iter()
                .filter(|n| !n.control_plane && n.is_up())
                .map(|n| n.name.clone())
                .collect();
            let pool = if workers.is_empty() {
                cluster.nodes.iter().map(|n| n.name.clone()).collect()
            } else {
                workers
            };
            let pick = cluster.rng.index(pool.len());
            pool.get(pick).cloned()
        }
    };
    let c = &cluster.claims[claim];
    let class = cluster
        .classes
        .iter()
        .find(|k| Some(&k.name) == c.class.as_ref());
    let reclaim = class.map_or(ReclaimPolicy::Delete, |k| k.spec.reclaim_policy);
    let source = if local {
        PvSourceKind::HostPath(format!("/var/local-path-provisioner/{name}"))
    } else {
        PvSourceKind::Network(format!("csi ({provisioner})"))
    };
    let node_affinity = node.as_ref().map(|n| hostname_selector(n));
    let volume = Volume {
        name: name.clone(),
        labels: Default::default(),
        capacity: c.spec.request,
        access_modes: c.spec.access_modes.clone(),
        reclaim,
        class: c.class.clone().unwrap_or_default(),
        block: c.spec.block,
        claim_ref: None,
        node_affinity,
        source: Some(source),
        node,
        phase: VolumePhase::Available,
        provisioned: true,
        origin: None,
    };
    cluster.volumes.push(volume);
    cluster.record(Change::VolumeProvisioned { volume: name });
    cluster.volumes.len() - 1
}

fn hostname_selector(node: &str) -> NodeSelector {
    use crate::model::{NodeSelectorRequirement, NodeSelectorTerm, Requirement, SelectorOperator};
    NodeSelector {
        terms: vec![NodeSelectorTerm {
            requirements: vec![NodeSelectorRequirement::Label(Requirement {
                key: "kubernetes.io/hostname".to_owned(),
                operator: SelectorOperator::In,
                values: vec![node.to_owned()],
            })],
        }],
    }
}

/// Why a claim is still Pending.
fn pending_reason(cluster: &Cluster, claim: &Claim) -> Text {
    if binding_mode(cluster, claim) == BindingMode::WaitForFirstConsumer {
        return Text::new(
            "waiting for first consumer to be created before binding",
            "바인딩 전에 첫 사용자(파드)가 만들어지기를 기다리는 중",
        );
    }
    match claim.class.as_deref() {
        Some(class) if !class.is_empty() && !cluster.classes.iter().any(|c| c.name == class) => Text::new(
            format!("storageclass.storage.k8s.io \"{class}\" not found"),
            format!("storageclass.storage.k8s.io \"{class}\"을(를) 찾을 수 없습니다"),
        ),
        Some(class) if !class.is_empty() => Text::new(
            format!("no persistent volume of class \"{class}\" matches, and the class cannot provision one"),
            format!("\"{class}\" 클래스의 맞는 PV가 없고, 이 클래스는 PV를 만들 수 없습니다"),
        ),
        _ => Text::new(
            "no persistent volumes available for this claim and no storage class is set",
            "이 클레임에 쓸 수 있는 PV가 없고, 스토리지 클래스도 지정되지 않았습니다",
        ),
    }
}

/// Binds or provisions every Pending claim with Immediate binding; true on any change.
pub fn bind_claims(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    for c in 0..cluster.claims.len() {
        let claim = &cluster.claims[c];
        if !matches!(claim.phase, ClaimPhase::Pending(_)) || claim.deleting {
            continue;
        }
        if binding_mode(cluster, claim) == BindingMode::Immediate {
            if let Some(v) = find_match(cluster, claim, None) {
                bind(cluster, c, v);
                changed = true;
                continue;
            }
            if let Some(p) = provisioner(cluster, claim) {
                let v = provision(cluster, c, &p, None);
                bind(cluster, c, v);
                changed = true;
                continue;
            }
        }
        let reason = pending_reason(cluster, &cluster.claims[c]);
        cluster.claims[c].phase = ClaimPhase::Pending(reason);
    }
    changed
}

/// Binds the WaitForFirstConsumer claims of a pod the scheduler just placed on `node`.
pub fn bind_for_node(cluster: &mut Cluster, pod: usize, node: &str) {
    let names: Vec<String> = claim_names(&cluster.pods[pod]).map(str::to_owned).collect();
    let namespace = cluster.pods[pod].namespace.clone();
    for name in names {
        let Some(c) = cluster
            .claims
            .iter()
            .position(|k| k.namespace == namespace && k.name == name)
        else {
            continue;
        };
        let claim = &cluster.claims[c];
        if !matches!(claim.phase, ClaimPhase::Pending(_)) {
            continue;
        }
        if let Some(v) = find_match(cluster, claim, Some(node)) {
            bind(cluster, c, v);
        } else if let Some(p) = provisioner(cluster, claim) {
            let v = provision(cluster, c, &p, Some(node));
            bind(cluster, c, v);
        }
    }
}

/// Marks a claim for deletion; it goes once no pod uses it (rule 5.13).
pub fn delete_claim(cluster: &mut Cluster, namespace: &str, name: &str) -> bool {
    match cluster
        .claims
        .iter_mut()
        .find(|c| c.namespace == namespace && c.name == name)
    {
        Some(claim) => {
            claim.deleting = true;
            true
        }
        None => false,
    }
}

/// Deletes claims marked for deletion that no pod uses any more, and reclaims their
/// volumes per their policy (rules 5.11, 5.12); true on any change.
pub fn finish_deletions(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    let mut c = 0;
    while c < cluster.claims.len() {
        let claim = &cluster.claims[c];
        let in_use = cluster
            .pods
            .iter()
            .any(|p| p.namespace == claim.namespace && claim_names(p).any(|n| n == claim.name));
        if !claim.deleting || in_use {
            c += 1;
            continue;
        }
        let claim = cluster.claims.remove(c);
        let key = format!("{}/{}", claim.namespace, claim.name);
        cluster.record(Change::ClaimDeleted { claim: key.clone() });
        if let ClaimPhase::Bound(pv) = &claim.phase {
            reclaim(cluster, pv, &key);
        }
        changed = true;
    }
    changed
}

fn reclaim(cluster: &mut Cluster, pv: &str, claim: &str) {
    let Some(v) = cluster.volumes.iter().position(|v| v.name == pv) else {
        return;
    };
    // Only Retain keeps the data: Delete removes the volume, Recycle scrubs it.
    let (status, data_kept) = match cluster.volumes[v].reclaim {
        ReclaimPolicy::Retain => {
            cluster.volumes[v].phase = VolumePhase::Released(claim.to_owned());
            ("Released", true)
        }
        ReclaimPolicy::Delete => {
            cluster.volumes.remove(v);
            ("Deleted", false)
        }
        ReclaimPolicy::Recycle => {
            cluster.volumes[v].phase = VolumePhase::Available;
            cluster.volumes[v].claim_ref = None;
            ("Available", false)
        }
    };
    if !data_kept {
        let what = Text::new(format!("PV {pv}"), format!("PV {pv}"));
        lose_files(cluster, &Store::Volume(pv.to_owned()), what);
    }
    cluster.record(Change::VolumeStatus {
        volume: pv.to_owned(),
        status,
    });
}

/// Removes every file of a storage, recording what was lost.
pub fn lose_files(cluster: &mut Cluster, store: &Store, label: Text) {
    if let Some(files) = cluster.files.remove(store) {
        if !files.is_empty() {
            cluster.record(Change::FilesLost {
                storage: label,
                files: files.into_iter().map(|f| f.path).collect(),
            });
        }
    }
}
