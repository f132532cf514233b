//! The controllers: they keep each workload's pods at the desired count, with the real
//! naming rules (rules 3.4–3.11).

use super::build::claim;
use super::naming::{random_suffix, template_hash};
use super::state::{Owner, Phase, Pod, Workload};
use super::{Change, Cluster};
use crate::cron::{Schedule, EPOCH_MINUTES};
use crate::model::{
    Labels, Object, Origin, PodSpec, PodStatus, TaintEffect, Toleration, TolerationOperator,
    Volume, VolumeSource, WorkloadKind, WorkloadSpec,
};
use crate::scenario::Millis;
use std::rc::Rc;

/// How long a Job's containers run before finishing (the manifest cannot say; documented).
pub const JOB_RUN_TIME: Millis = 10_000;
/// Finished Jobs a CronJob keeps (`successfulJobsHistoryLimit` default).
const CRON_HISTORY: usize = 3;

/// A workload from its object.
pub fn workload_from_object(object: &Object, spec: &WorkloadSpec) -> Workload {
    let template = Rc::new(spec.template.clone());
    let hash = template_hash(&(&spec.template_labels, &spec.template));
    let replicas = match spec.kind {
        WorkloadKind::Job => spec.desired().min(spec.completions.unwrap_or(1).max(1)),
        _ => spec.desired(),
    };
    Workload {
        kind: spec.kind,
        namespace: object.meta.namespace.clone(),
        name: object.meta.name.clone(),
        spec: Rc::new(spec.clone()),
        template,
        replicas,
        template_hash: hash,
        parent: None,
        examined_minutes: 0,
        deleted: false,
        origin: Some(object.origin.clone()),
    }
}

/// What a new pod needs.
pub struct NewPod {
    pub namespace: String,
    pub name: String,
    pub labels: Labels,
    pub spec: Rc<PodSpec>,
    pub owner: Option<Owner>,
    pub origin: Option<Origin>,
    pub ordinal: Option<u32>,
    pub hostname: Option<String>,
    pub subdomain: Option<String>,
    pub pinned: Option<String>,
}

/// Creates a pod object (Pending, unscheduled) and returns its index.
pub fn create_pod(cluster: &mut Cluster, new: NewPod) -> usize {
    let uid = cluster.next_uid();
    let by = new.owner.as_ref().map(|o| format!("{}/{}", o.kind, o.name));
    let pod = Pod {
        uid,
        hostname: new
            .hostname
            .or_else(|| new.spec.hostname.clone())
            .unwrap_or_else(|| new.name.clone()),
        subdomain: new.subdomain.or_else(|| new.spec.subdomain.clone()),
        restarts: vec![0; new.spec.containers.len()],
        namespace: new.namespace,
        name: new.name,
        labels: new.labels,
        spec: new.spec,
        owner: new.owner,
        node: None,
        ip: None,
        phase: Phase::Pending,
        reason: None,
        ready: false,
        terminating: false,
        deletion_started: None,
        volumes: Vec::new(),
        ordinal: new.ordinal,
        pinned: new.pinned,
        created: cluster.now,
        started: None,
        origin: new.origin,
    };
    cluster.record(Change::PodCreated { pod: pod.key(), by });
    cluster.pod_names.insert(pod.key());
    cluster.pods.push(pod);
    cluster.pods.len() - 1
}

/// Adds a pod written in the input, adopted by its controller when the input has it
/// (`ownerReferences` of a dump), or by a ReplicaSet/ReplicationController whose selector
/// matches an orphan's labels (rule 3.5).
pub fn adopt_or_create_input_pod(
    cluster: &mut Cluster,
    object: &Object,
    spec: &PodSpec,
    status: &PodStatus,
) {
    let meta = &object.meta;
    let owner = owner_from_reference(cluster, object)
        .or_else(|| adopter(cluster, &meta.namespace, &meta.labels));
    let ordinal = owner
        .as_ref()
        .filter(|o| cluster.workloads[o.workload].kind == WorkloadKind::StatefulSet)
        .and_then(|_| meta.name.rsplit('-').next()?.parse().ok());
    let index = create_pod(
        cluster,
        NewPod {
            namespace: meta.namespace.clone(),
            name: meta.name.clone(),
            labels: meta.labels.clone(),
            spec: Rc::new(spec.clone()),
            owner,
            origin: Some(object.origin.clone()),
            ordinal,
            hostname: None,
            subdomain: None,
            pinned: None,
        },
    );
    let pod = &mut cluster.pods[index];
    pod.node = spec.node_name.clone();
    pod.ip = status.pod_ip.as_deref().and_then(super::ipam::parse_ip);
    if let Some(ready) = status.ready {
        pod.ready = ready;
    }
    if let (Some(node), Some(ip)) = (&pod.node, pod.ip) {
        // Keep the node's IPAM past addresses the dump already uses.
        if let Some(n) = cluster.nodes.iter_mut().find(|n| &n.name == node) {
            let host = u32::from(ip).wrapping_sub(u32::from(n.pod_cidr));
            if host < 256 && host >= n.next_host {
                n.next_host = host + 1;
            }
        }
    }
}

fn owner_from_reference(cluster: &mut Cluster, object: &Object) -> Option<Owner> {
    let (kind, name) = object.meta.controller.as_ref()?;
    let ns = &object.meta.namespace;
    let found = cluster.workloads.iter().position(|w| {
        &w.namespace == ns
            && ((w.kind.as_str() == kind && &w.name == name)
                || (kind == "ReplicaSet"
                    && w.kind == WorkloadKind::Deployment
                    && name.strip_prefix(&format!("{}-", w.name)).is_some()))
    })?;
    let workload = &mut cluster.workloads[found];
    if workload.kind == WorkloadKind::Deployment {
        if let Some(hash) = name.strip_prefix(&format!("{}-", workload.name)) {
            workload.template_hash = hash.to_owned();
        }
    }
    let (owner_kind, owner_name) = workload.pod_owner();
    Some(Owner {
        kind: owner_kind,
        name: owner_name,
        workload: found,
    })
}

/// A ReplicationController or standalone ReplicaSet that adopts an orphan with these labels.
fn adopter(cluster: &Cluster, namespace: &str, labels: &Labels) -> Option<Owner> {
    cluster.workloads.iter().enumerate().find_map(|(i, w)| {
        let adopts = matches!(
            w.kind,
            WorkloadKind::ReplicationController | WorkloadKind::ReplicaSet
        ) && w.namespace == namespace
            && w.spec
                .selector
                .as_ref()
                .is_some_and(|s| !s.is_empty() && s.matches(labels));
        adopts.then(|| {
            let (kind, name) = w.pod_owner();
            Owner {
                kind,
                name,
                workload: i,
            }
        })
    })
}

/// Runs every controller once; true when something changed.
pub fn run(cluster: &mut Cluster) -> bool {
    // Active pods per workload, counted once: a controller whose count is already right
    // (the usual case) does nothing and needs no scan of its own.
    let mut active = vec![0i64; cluster.workloads.len()];
    for pod in cluster.pods.iter().filter(|p| p.is_active()) {
        if let Some(o) = &pod.owner {
            active[o.workload] += 1;
        }
    }
    let mut changed = false;
    for (w, active) in active.into_iter().enumerate() {
        let workload = &cluster.workloads[w];
        let settled = matches!(
            workload.kind,
            WorkloadKind::Deployment
                | WorkloadKind::ReplicaSet
                | WorkloadKind::ReplicationController
        ) && active == workload.replicas;
        if workload.deleted || settled {
            continue;
        }
        changed |= match cluster.workloads[w].kind {
            WorkloadKind::Deployment
            | WorkloadKind::ReplicaSet
            | WorkloadKind::ReplicationController => replicas(cluster, w),
            WorkloadKind::StatefulSet => stateful(cluster, w),
            WorkloadKind::DaemonSet => daemon(cluster, w),
            WorkloadKind::Job => job(cluster, w),
            WorkloadKind::CronJob => cron(cluster, w),
        };
    }
    changed
}

fn owned(cluster: &Cluster, w: usize) -> impl Iterator<Item = (usize, &Pod)> {
    cluster
        .pods
        .iter()
        .enumerate()
        .filter(move |(_, p)| p.owner.as_ref().is_some_and(|o| o.workload == w))
}

fn unique_name(cluster: &mut Cluster, namespace: &str, prefix: &str) -> String {
    loop {
        let name = format!("{prefix}-{}", random_suffix(&mut cluster.rng));
        if !cluster.has_pod_named(namespace, &name) {
            return name;
        }
    }
}

fn template_pod(cluster: &mut Cluster, w: usize, name: String, mut labels: Labels) -> NewPod {
    let workload = &cluster.workloads[w];
    labels.extend(workload.spec.template_labels.clone());
    let (kind, owner_name) = workload.pod_owner();
    NewPod {
        namespace: workload.namespace.clone(),
        name,
        labels,
        spec: workload.template.clone(),
        owner: Some(Owner {
            kind,
            name: owner_name,
            workload: w,
        }),
        origin: workload.origin.clone(),
        ordinal: None,
        hostname: None,
        subdomain: None,
        pinned: None,
    }
}

/// Deployment, ReplicaSet, ReplicationController: keep `replicas` active pods (rule 3.5).
fn replicas(cluster: &mut Cluster, w: usize) -> bool {
    let active: Vec<usize> = owned(cluster, w)
        .filter(|(_, p)| p.is_active())
        .map(|(i, _)| i)
        .collect();
    let desired = usize::try_from(cluster.workloads[w].replicas).unwrap_or(0);
    if active.len() < desired {
        for _ in active.len()..desired {
            let workload = &cluster.workloads[w];
            let (prefix, mut labels) = match workload.kind {
                WorkloadKind::Deployment => (
                    format!("{}-{}", workload.name, workload.template_hash),
                    Labels::from_iter([(
                        "pod-template-hash".to_owned(),
                        workload.template_hash.clone(),
                    )]),
                ),
                _ => (workload.name.clone(), Labels::new()),
            };
            let namespace = workload.namespace.clone();
            let name = unique_name(cluster, &namespace, &prefix);
            labels.retain(|_, v| !v.is_empty());
            let new = template_pod(cluster, w, name, labels);
            create_pod(cluster, new);
        }
        return true;
    }
    if active.len() > desired {
        // Scale down: unscheduled first, then not ready, then the newest (rule 3.5).
        let mut victims = active;
        crate::order::sort_by_key(&mut victims, |&i| {
            let p = &cluster.pods[i];
            (
                p.node.is_some(),
                p.ready,
                std::cmp::Reverse(p.created),
                std::cmp::Reverse(p.uid),
            )
        });
        let mut doomed: Vec<usize> = victims[..victims.len() - desired].to_vec();
        crate::order::sort_by(&mut doomed, |a, b| a > b);
        for i in doomed {
            super::lifecycle::delete_pod(cluster, i);
        }
        return true;
    }
    false
}

/// StatefulSet: `<name>-<ordinal>`, in order, each waiting for the one before to be
/// Running and Ready under OrderedReady; claims from the templates (rules 3.7, 3.8).
fn stateful(cluster: &mut Cluster, w: usize) -> bool {
    let workload = &cluster.workloads[w];
    let desired = u32::try_from(workload.replicas).unwrap_or(0);
    let (namespace, name, parallel) = (
        workload.namespace.clone(),
        workload.name.clone(),
        workload.spec.parallel,
    );
    let mut changed = false;
    // Scale down from the highest ordinal.
    let extra: Vec<usize> = owned(cluster, w)
        .filter(|(_, p)| p.ordinal.is_some_and(|o| o >= desired) && !p.terminating)
        .map(|(i, _)| i)
        .collect();
    for i in extra.into_iter().rev() {
        super::lifecycle::delete_pod(cluster, i);
        changed = true;
    }
    for ordinal in 0..desired {
        let pod_name = format!("{name}-{ordinal}");
        if let Some(existing) = cluster.pod(&namespace, &pod_name) {
            let ready = existing.phase == Phase::Running && existing.ready;
            // OrderedReady: the next ordinal waits for this one (Parallel does not).
            if !(parallel || ready) {
                break;
            }
            continue;
        }
        for (template, spec) in cluster.workloads[w].spec.claim_templates.clone() {
            let claim_name = format!("{template}-{name}-{ordinal}");
            if cluster.claim(&namespace, &claim_name).is_none() {
                let mut new_claim = claim(cluster, &namespace, &claim_name, &spec, None);
                new_claim.origin = cluster.workloads[w].origin.clone();
                cluster.claims.push(new_claim);
            }
        }
        let labels = Labels::from_iter([
            (
                "statefulset.kubernetes.io/pod-name".to_owned(),
                pod_name.clone(),
            ),
            (
                "apps.kubernetes.io/pod-index".to_owned(),
                ordinal.to_string(),
            ),
        ]);
        let mut new = template_pod(cluster, w, pod_name.clone(), labels);
        new.ordinal = Some(ordinal);
        new.hostname = Some(pod_name);
        new.subdomain = cluster.workloads[w].spec.service_name.clone();
        new.spec = Rc::new(with_claims(&cluster.workloads[w], &name, ordinal));
        create_pod(cluster, new);
        changed = true;
        if !parallel {
            break;
        }
    }
    changed
}

/// A StatefulSet pod's spec: the template with a volume per claim template, naming that
/// ordinal's claim `<template>-<sts>-<ordinal>` (rule 3.8).
fn with_claims(workload: &Workload, name: &str, ordinal: u32) -> PodSpec {
    let mut spec = (*workload.template).clone();
    for (template, _) in &workload.spec.claim_templates {
        spec.volumes.retain(|v| &v.name != template);
        spec.volumes.push(Volume {
            name: template.clone(),
            source: VolumeSource::PersistentVolumeClaim {
                claim: format!("{template}-{name}-{ordinal}"),
                read_only: false,
            },
        });
    }
    spec
}

/// The tolerations the DaemonSet controller adds to its pods (rule 3.10).
fn daemon_tolerations(template: &PodSpec) -> PodSpec {
    let mut spec = template.clone();
    let mut add = |key: &str, effect: TaintEffect| {
        spec.tolerations.push(Toleration {
            key: key.to_owned(),
            operator: TolerationOperator::Exists,
            value: String::new(),
            effect: Some(effect),
            seconds: None,
        });
    };
    add("node.kubernetes.io/not-ready", TaintEffect::NoExecute);
    add("node.kubernetes.io/unreachable", TaintEffect::NoExecute);
    for key in [
        "disk-pressure",
        "memory-pressure",
        "pid-pressure",
        "unschedulable",
    ] {
        add(
            &format!("node.kubernetes.io/{key}"),
            TaintEffect::NoSchedule,
        );
    }
    if template.host_network {
        add(
            "node.kubernetes.io/network-unavailable",
            TaintEffect::NoSchedule,
        );
    }
    spec
}

/// Taints a DaemonSet's pods tolerate on their own (rule 3.10); not the control-plane one.
fn daemon_tolerates(key: &str, effect: TaintEffect) -> bool {
    matches!(
        (key, effect),
        (
            "node.kubernetes.io/not-ready" | "node.kubernetes.io/unreachable",
            TaintEffect::NoExecute
        ) | (
            "node.kubernetes.io/disk-pressure"
                | "node.kubernetes.io/memory-pressure"
                | "node.kubernetes.io/pid-pressure"
                | "node.kubernetes.io/unschedulable"
                | "node.kubernetes.io/network-unavailable",
            TaintEffect::NoSchedule
        )
    )
}

/// DaemonSet: one pod per eligible node (rule 3.10).
fn daemon(cluster: &mut Cluster, w: usize) -> bool {
    let template = cluster.workloads[w].template.clone();
    let mut changed = false;
    for n in 0..cluster.nodes.len() {
        let node = &cluster.nodes[n];
        let selects = template
            .node_selector
            .iter()
            .all(|(k, v)| node.labels.get(k) == Some(v))
            && template
                .affinity
                .as_ref()
                .and_then(|a| a.required.as_ref())
                .is_none_or(|r| r.matches(&node.name, &node.labels));
        let tolerated = node.taints.iter().all(|t| {
            t.effect == TaintEffect::PreferNoSchedule
                || daemon_tolerates(&t.key, t.effect)
                || super::schedule::tolerates(&template.tolerations, t)
        });
        let node_name = node.name.clone();
        let existing: Vec<usize> = owned(cluster, w)
            .filter(|(_, p)| p.pinned.as_deref() == Some(&node_name) && !p.terminating)
            .map(|(i, _)| i)
            .collect();
        let eligible = selects && tolerated;
        if eligible && existing.is_empty() {
            let workload = &cluster.workloads[w];
            let (namespace, prefix) = (workload.namespace.clone(), workload.name.clone());
            let name = unique_name(cluster, &namespace, &prefix);
            let mut new = template_pod(cluster, w, name, Labels::new());
            new.spec = Rc::new(daemon_tolerations(&template));
            new.pinned = Some(node_name);
            create_pod(cluster, new);
            changed = true;
        } else if !(selects || existing.is_empty()) {
            // A node that no longer matches loses its pod; a new taint does not remove it
            // (the DaemonSet controller's shouldContinueRunning): NoExecute taints are the
            // taint manager's to act on.
            for i in existing.into_iter().rev() {
                super::lifecycle::delete_pod(cluster, i);
            }
            changed = true;
        }
    }
    changed
}

/// Job: `parallelism` pods at a time until `completions` succeed (rule 3.11).
fn job(cluster: &mut Cluster, w: usize) -> bool {
    let completions = cluster.workloads[w].spec.completions.unwrap_or(1).max(1);
    let succeeded = owned(cluster, w)
        .filter(|(_, p)| p.phase == Phase::Succeeded)
        .count() as i64;
    let active = owned(cluster, w).filter(|(_, p)| p.is_active()).count() as i64;
    let want = cluster.workloads[w]
        .replicas
        .min(completions - succeeded)
        .max(0);
    if active >= want {
        return false;
    }
    for _ in active..want {
        let workload = &cluster.workloads[w];
        let (namespace, prefix) = (workload.namespace.clone(), workload.name.clone());
        let name = unique_name(cluster, &namespace, &prefix);
        let labels = Labels::from_iter([
            ("batch.kubernetes.io/job-name".to_owned(), prefix.clone()),
            ("job-name".to_owned(), prefix),
        ]);
        let new = template_pod(cluster, w, name, labels);
        create_pod(cluster, new);
    }
    true
}

/// CronJob: a Job `<name>-<minutes since the epoch>` at each tick of the schedule, up to now;
/// the oldest finished runs beyond the history limit are removed.
fn cron(cluster: &mut Cluster, w: usize) -> bool {
    let Some(schedule) = cluster.workloads[w]
        .spec
        .schedule
        .as_deref()
        .and_then(Schedule::parse)
    else {
        return false;
    };
    let now_minute = EPOCH_MINUTES + cluster.now / 60_000;
    let mut changed = false;
    let examined = cluster.workloads[w].examined_minutes;
    for minute in (EPOCH_MINUTES + examined + 1)..=now_minute {
        if schedule.fires_at(minute) {
            let parent = &cluster.workloads[w];
            let mut child = parent.clone();
            child.kind = WorkloadKind::Job;
            child.name = format!("{}-{minute}", parent.name);
            child.parent = Some(w);
            child.replicas = 1;
            child.examined_minutes = 0;
            cluster.workloads.push(child);
            changed = true;
        }
    }
    cluster.workloads[w].examined_minutes = now_minute - EPOCH_MINUTES;
    // History: keep the newest finished runs.
    let finished: Vec<usize> = (0..cluster.workloads.len())
        .filter(|&j| {
            cluster.workloads[j].parent == Some(w)
                && !cluster.workloads[j].deleted
                && owned(cluster, j).all(|(_, p)| p.phase == Phase::Succeeded)
                && owned(cluster, j).next().is_some()
        })
        .collect();
    if finished.len() > CRON_HISTORY {
        for &j in &finished[..finished.len() - CRON_HISTORY] {
            cluster.workloads[j].deleted = true;
            let pods: Vec<usize> = owned(cluster, j).map(|(i, _)| i).collect();
            for i in pods.into_iter().rev() {
                super::lifecycle::delete_pod(cluster, i);
            }
            changed = true;
        }
    }
    changed
}
