//! The scheduler: filter, then score (rules 4.1–4.14). A pod that fits nowhere stays Pending
//! with kube-scheduler's own summary: "0/3 nodes are available: ... preemption: ...".

mod inter_pod;
mod spread;

use super::state::{ClaimPhase, Node, Phase, Pod, Uid};
use super::storage;
use super::{Change, Cluster};
use crate::model::{BindingMode, Resources, Taint, TaintEffect, Toleration, TolerationOperator};
use crate::sorted::VecMap;
use crate::text::Text;
use inter_pod::Domains;
use spread::Spread;

/// True when a toleration matches a taint (rule 4.5).
pub fn tolerates(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| toleration_matches(t, taint))
}

/// True when one toleration tolerates `taint` (`ToleratesTaint` in the API helpers).
pub fn toleration_matches(t: &Toleration, taint: &Taint) -> bool {
    let key_matches = if t.key.is_empty() {
        t.operator == TolerationOperator::Exists
    } else {
        t.key == taint.key && (t.operator == TolerationOperator::Exists || t.value == taint.value)
    };
    key_matches && t.effect.is_none_or(|e| e == taint.effect)
}

/// Why a node was filtered out: the reasons kube-scheduler reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Misfit {
    /// Cordoned.
    Unschedulable,
    /// A DaemonSet pod for another node.
    NodeName,
    /// A taint the pod does not tolerate.
    Taint,
    /// nodeSelector or required node affinity.
    Selector,
    /// Not enough allocatable CPU.
    Cpu,
    /// Not enough allocatable memory.
    Memory,
    /// The node's pod limit.
    Pods,
    /// A ReadWriteOncePod claim another pod already uses (rule 5.21).
    ReadWriteOncePod,
    /// A bound PersistentVolume's node affinity.
    VolumeAffinity,
    /// No PersistentVolume for a WaitForFirstConsumer claim on this node.
    NoVolume,
    /// A DoNotSchedule topology spread constraint would be broken.
    Spread,
    /// The node lacks a topology key of a DoNotSchedule spread constraint.
    SpreadMissingLabel,
    /// The pod's required pod affinity finds no matching pod in the node's domain.
    PodAffinity,
    /// The pod's required pod anti-affinity finds a matching pod in the node's domain.
    PodAntiAffinity,
    /// A placed pod's required anti-affinity repels the pod from the node's domain.
    ExistingAntiAffinity,
}

impl Misfit {
    /// The filter's reason for one node, as kube-scheduler words it (rule 4.13).
    pub fn words(&self) -> Text {
        let (en, ko) = match self {
            Misfit::Unschedulable => ("node(s) were unschedulable", "스케줄 불가(cordon) 상태"),
            Misfit::NodeName | Misfit::Selector => (
                "node(s) didn't match Pod's node affinity/selector",
                "파드의 노드 어피니티/셀렉터와 맞지 않음",
            ),
            Misfit::Taint => (
                "node(s) had untolerated taint(s)",
                "허용되지 않은 테인트가 있음",
            ),
            Misfit::Cpu => ("Insufficient cpu", "CPU 부족"),
            Misfit::Memory => ("Insufficient memory", "메모리 부족"),
            Misfit::Pods => ("Too many pods", "파드 수 한도 초과"),
            Misfit::ReadWriteOncePod => (
                "node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod",
                "ReadWriteOncePod 접근 모드의 PersistentVolumeClaim을 다른 파드가 이미 사용 중",
            ),
            Misfit::VolumeAffinity => (
                "node(s) had volume node affinity conflict",
                "볼륨의 노드 어피니티와 충돌",
            ),
            Misfit::NoVolume => (
                "node(s) didn't find available persistent volumes to bind",
                "바인딩할 수 있는 퍼시스턴트 볼륨이 없음",
            ),
            Misfit::Spread => (
                "node(s) didn't match pod topology spread constraints",
                "파드 토폴로지 분산 제약과 맞지 않음",
            ),
            Misfit::SpreadMissingLabel => (
                "node(s) didn't match pod topology spread constraints (missing required label)",
                "파드 토폴로지 분산 제약과 맞지 않음 (필요한 레이블 없음)",
            ),
            Misfit::PodAffinity => (
                "node(s) didn't match pod affinity rules",
                "파드 어피니티 규칙과 맞지 않음",
            ),
            Misfit::PodAntiAffinity => (
                "node(s) didn't match pod anti-affinity rules",
                "파드 안티 어피니티 규칙과 맞지 않음",
            ),
            Misfit::ExistingAntiAffinity => (
                "node(s) didn't satisfy existing pods anti-affinity rules",
                "기존 파드의 안티 어피니티 규칙을 만족하지 않음",
            ),
        };
        Text::new(en, ko)
    }

    /// The reason counted over `count` nodes, as the summary lists it.
    fn text(&self, count: usize) -> Text {
        let words = self.words();
        Text::new(
            format!("{count} {}", words.en),
            format!("{count}개 노드: {}", words.ko),
        )
    }
}

impl Misfit {
    /// True when evicting pods could never make the node fit (kube-scheduler's
    /// `UnschedulableAndUnresolvable`): preemption calls it "not helpful".
    fn unresolvable(&self) -> bool {
        !matches!(
            self,
            Misfit::Cpu
                | Misfit::Memory
                | Misfit::Pods
                | Misfit::ReadWriteOncePod
                | Misfit::PodAntiAffinity
                | Misfit::ExistingAntiAffinity
                | Misfit::Spread
        )
    }
}

/// kube-scheduler's `FailedScheduling` message (rule 4.12): `0/N nodes are available:` and
/// the filters' reasons, then what preemption found. kubeglass's pods all have the same
/// priority, so preemption finds no victim where it might help.
pub fn unschedulable(total: usize, reasons: Text, not_helpful: usize) -> Text {
    let mut preemption = Vec::new();
    if not_helpful > 0 {
        preemption.push(Text::new(
            format!("{not_helpful} Preemption is not helpful for scheduling"),
            format!("{not_helpful}개 노드: 선점해도 스케줄링에 도움이 되지 않음"),
        ));
    }
    if total > not_helpful {
        let n = total - not_helpful;
        preemption.push(Text::new(
            format!("{n} No preemption victims found for incoming pod"),
            format!("{n}개 노드: 선점으로 내보낼 파드를 찾지 못함"),
        ));
    }
    crate::order::sort_by(&mut preemption, |a, b| a.en < b.en);
    let join = |pick: fn(&Text) -> &str| preemption.iter().map(pick).collect::<Vec<_>>().join(", ");
    Text::new(
        format!(
            "0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {}..",
            reasons.en,
            join(|t| &t.en)
        ),
        format!(
            "노드 {total}개 중 사용 가능한 노드가 없습니다: {}. 선점(preemption): 노드 {total}개 중 사용 가능한 노드가 없습니다: {}..",
            reasons.ko,
            join(|t| &t.ko)
        ),
    )
}

/// Why the scheduler placed a pod where it did, node by node (what kube-scheduler-simulator
/// shows): the nodes a filter ruled out with its reason, and the scores of the rest, in the
/// nodes' order, nodes by their index in [`Cluster::nodes`]. Higher scores are better; the
/// pod went to the top one, ties broken by the seed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// `(node, the first failing filter)`.
    pub filtered: Vec<(usize, Misfit)>,
    /// `(node, score)`: the sum of the scoring plugins as kubeglass models them.
    pub scores: Vec<(usize, i64)>,
}

/// What the pods bound to one node hold.
#[derive(Clone, Debug, Default)]
pub struct NodeUse {
    /// Sum of requests (rule 4.6).
    requests: Resources,
    /// Sum of requests as scoring counts them (non-zero defaults).
    scored: Resources,
    /// Pod count.
    pods: i64,
}

/// What every node holds, measured once per scheduling round and kept up to date as pods
/// are placed, so filtering and scoring never rescan all pods.
pub struct Usage {
    nodes: Vec<NodeUse>,
    /// Some pod has inter-pod terms: the InterPodAffinity plugin has work to do.
    inter_pod: bool,
    /// Pods per node of each workload, for spreading (rule 4.9).
    by_owner: VecMap<usize, Vec<i64>>,
}

/// kube-scheduler scores a pod that requests nothing as if it asked for 100m CPU and 200 MB
/// (`GetNonzeroRequests`), so empty requests still spread pods.
fn scoring_requests(r: Resources) -> Resources {
    Resources {
        cpu_milli: if r.cpu_milli == 0 { 100 } else { r.cpu_milli },
        memory: if r.memory == 0 {
            200 * 1024 * 1024
        } else {
            r.memory
        },
    }
}

impl Usage {
    /// Measures every node; `exclude` leaves one pod out (the one being admitted).
    pub fn measure(cluster: &Cluster, exclude: Option<Uid>) -> Usage {
        let mut usage = Usage {
            nodes: vec![NodeUse::default(); cluster.nodes.len()],
            by_owner: VecMap::new(),
            inter_pod: cluster.pods.iter().any(|p| !p.spec.pod_affinity.is_empty()),
        };
        let index: VecMap<&str, usize> = VecMap::from_iter(
            cluster
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (n.name.as_str(), i)),
        );
        for pod in &cluster.pods {
            if Some(pod.uid) == exclude || matches!(pod.phase, Phase::Succeeded | Phase::Failed) {
                continue;
            }
            if let Some(&n) = pod.node.as_deref().and_then(|name| index.get(name)) {
                usage.add(n, pod);
            }
        }
        usage
    }

    /// Counts a pod placed on node `n`.
    pub fn add(&mut self, n: usize, pod: &Pod) {
        let use_ = &mut self.nodes[n];
        let requests = pod.spec.requests();
        use_.requests = use_.requests.plus(requests);
        use_.scored = use_.scored.plus(scoring_requests(requests));
        use_.pods += 1;
        if let Some(owner) = &pod.owner {
            if !pod.terminating {
                let len = self.nodes.len();
                self.by_owner
                    .entry(owner.workload)
                    .or_insert_with(|| vec![0; len])[n] += 1;
            }
        }
    }
}

/// Resource misfits of `pod` on a node holding `use_` (rule 4.6).
fn resource_misfits(pod: &Pod, node: &Node, use_: &NodeUse) -> Vec<Misfit> {
    let want = pod.spec.requests();
    let mut misfits = Vec::new();
    if use_.requests.cpu_milli.saturating_add(want.cpu_milli) > node.allocatable.cpu_milli {
        misfits.push(Misfit::Cpu);
    }
    if use_.requests.memory.saturating_add(want.memory) > node.allocatable.memory {
        misfits.push(Misfit::Memory);
    }
    if use_.pods + 1 > node.max_pods {
        misfits.push(Misfit::Pods);
    }
    misfits
}

/// What the kubelet checks when admitting a pod that named its node itself (rule 4.2):
/// resources (the pod itself left out of the node's use), then the pod limit.
pub fn admission_misfits(cluster: &Cluster, pod: &Pod, n: usize) -> Vec<Misfit> {
    let usage = Usage::measure(cluster, Some(pod.uid));
    resource_misfits(pod, &cluster.nodes[n], &usage.nodes[n])
}

/// True when the node satisfies the pod's nodeSelector and required affinity (4.3, 4.4).
pub fn selects(pod: &Pod, node: &Node) -> bool {
    pod.spec
        .node_selector
        .iter()
        .all(|(k, v)| node.labels.get(k) == Some(v))
        && pod
            .spec
            .affinity
            .as_ref()
            .and_then(|a| a.required.as_ref())
            .is_none_or(|r| r.matches(&node.name, &node.labels))
}

/// The taint cordoning adds (rule 4.5).
fn unschedulable_taint() -> Taint {
    Taint {
        key: "node.kubernetes.io/unschedulable".to_owned(),
        value: String::new(),
        effect: TaintEffect::NoSchedule,
    }
}

/// What the filters need about the pod that is the same on every node, gathered once per
/// scheduling attempt (kube-scheduler's PreFilter).
struct PreFiltered {
    spread: Option<Spread>,
    domains: Option<Domains>,
    /// A ReadWriteOncePod claim of the pod is in use by another pod (rule 5.21).
    claim_taken: bool,
}

/// The filters, in kube-scheduler's order; the first failing plugin's reasons.
fn filter(cluster: &Cluster, pod: &Pod, n: usize, usage: &Usage, pre: &PreFiltered) -> Vec<Misfit> {
    let node = &cluster.nodes[n];
    if node.unschedulable && !tolerates(&pod.spec.tolerations, &unschedulable_taint()) {
        return vec![Misfit::Unschedulable];
    }
    if pod.pinned.as_ref().is_some_and(|p| p != &node.name) {
        return vec![Misfit::NodeName];
    }
    if node.taints.iter().any(|t| {
        matches!(t.effect, TaintEffect::NoSchedule | TaintEffect::NoExecute)
            && !tolerates(&pod.spec.tolerations, t)
    }) {
        return vec![Misfit::Taint];
    }
    if !selects(pod, node) {
        return vec![Misfit::Selector];
    }
    let resources = resource_misfits(pod, node, &usage.nodes[n]);
    if !resources.is_empty() {
        return resources;
    }
    if pre.claim_taken {
        return vec![Misfit::ReadWriteOncePod];
    }
    if let Err(misfit) = storage::volumes_fit(cluster, pod, &node.name) {
        return vec![misfit];
    }
    pre.spread
        .as_ref()
        .and_then(|s| s.misfit(pod, node))
        .or_else(|| pre.domains.as_ref().and_then(|d| d.misfit(pod, node)))
        .into_iter()
        .collect()
}

/// Scores a feasible node: node affinity preferences, PreferNoSchedule taints, spreading
/// among siblings (rule 4.9), then the least-allocated and balanced resource scores.
fn score(pod: &Pod, node: &Node, use_: &NodeUse, siblings: i64) -> i64 {
    let preferred: i64 = pod.spec.affinity.as_ref().map_or(0, |a| {
        a.preferred
            .iter()
            .filter(|(_, term)| term.matches(&node.name, &node.labels))
            .map(|(w, _)| i64::from(*w))
            .sum()
    });
    let intolerable = node
        .taints
        .iter()
        .filter(|t| {
            t.effect == TaintEffect::PreferNoSchedule && !tolerates(&pod.spec.tolerations, t)
        })
        .count() as i64;
    let spread = if pod.spec.has_spread_constraints {
        0
    } else {
        -siblings * 100
    };
    let want = scoring_requests(pod.spec.requests());
    let free = |alloc: i64, used: i64, want: i64| -> i64 {
        if alloc <= 0 || alloc == i64::MAX {
            return 100;
        }
        ((alloc - used - want).max(0) as i128 * 100 / alloc as i128) as i64
    };
    let cpu_free = free(
        node.allocatable.cpu_milli,
        use_.scored.cpu_milli,
        want.cpu_milli,
    );
    let mem_free = free(node.allocatable.memory, use_.scored.memory, want.memory);
    let least_allocated = (cpu_free + mem_free) / 2;
    let balanced = 100 - (cpu_free - mem_free).abs();
    2 * preferred - 300 * intolerable + 2 * spread + least_allocated + balanced
}

/// Pods per node that share the pod's controller or, for a bare pod, a Service (rule 4.9).
fn siblings(cluster: &Cluster, pod: &Pod, usage: &Usage) -> Vec<i64> {
    if let Some(owner) = &pod.owner {
        return usage
            .by_owner
            .get(&owner.workload)
            .cloned()
            .unwrap_or_else(|| vec![0; cluster.nodes.len()]);
    }
    let mut counts = vec![0; cluster.nodes.len()];
    let services: Vec<&crate::model::Labels> = cluster
        .services
        .iter()
        .filter(|s| s.namespace == pod.namespace)
        .filter_map(|s| s.spec.effective_selector())
        .filter(|sel| sel.iter().all(|(k, v)| pod.labels.get(k) == Some(v)))
        .collect();
    if services.is_empty() {
        return counts;
    }
    for other in &cluster.pods {
        if other.uid == pod.uid || other.namespace != pod.namespace || other.terminating {
            continue;
        }
        let Some(n) = other
            .node
            .as_deref()
            .and_then(|name| cluster.nodes.iter().position(|x| x.name == name))
        else {
            continue;
        };
        if services
            .iter()
            .any(|sel| sel.iter().all(|(k, v)| other.labels.get(k) == Some(v)))
        {
            counts[n] += 1;
        }
    }
    counts
}

/// Picks a node for an unscheduled pod, or says why none fits.
fn place(cluster: &mut Cluster, index: usize, usage: &Usage) -> Result<usize, Text> {
    let pod = &cluster.pods[index];
    if let Some(reason) = storage::claims_block_scheduling(cluster, pod) {
        // Refused before any node is tried: no node is worth preempting for.
        let total = cluster.nodes.len();
        return Err(unschedulable(total, reason, total));
    }
    let mut misfits: VecMap<Misfit, usize> = VecMap::new();
    let mut feasible = Vec::new();
    let pre = PreFiltered {
        spread: Spread::gather(cluster, pod),
        domains: usage.inter_pod.then(|| Domains::gather(cluster, pod)),
        claim_taken: storage::read_write_once_pod_taken(cluster, pod),
    };
    let mut not_helpful = 0;
    let mut filtered = Vec::new();
    for n in 0..cluster.nodes.len() {
        let reasons = filter(cluster, pod, n, usage, &pre);
        if reasons.is_empty() {
            feasible.push(n);
        }
        // The first failing plugin decides whether preemption could help (rule 4.12).
        not_helpful += usize::from(reasons.first().is_some_and(Misfit::unresolvable));
        if let Some(first) = reasons.first() {
            filtered.push((n, *first));
        }
        for r in reasons {
            *misfits.entry(r).or_insert(0) += 1;
        }
    }
    if let Some(hinted) = cluster.placement_hint(&pod.key()).and_then(|h| {
        feasible
            .iter()
            .copied()
            .find(|&n| cluster.nodes[n].name == h)
    }) {
        return Ok(hinted);
    }
    if feasible.is_empty() {
        let total = cluster.nodes.len();
        let mut parts: Vec<Text> = misfits.iter().map(|(m, n)| m.text(*n)).collect();
        crate::order::sort_by(&mut parts, |a, b| a.en < b.en);
        let en = parts
            .iter()
            .map(|t| t.en.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let ko = parts
            .iter()
            .map(|t| t.ko.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        record(cluster, index, &filtered, &[]);
        return Err(unschedulable(total, Text::new(en, ko), not_helpful));
    }
    let sibling_counts = siblings(cluster, pod, usage);
    let nodes: Vec<&Node> = feasible.iter().map(|&n| &cluster.nodes[n]).collect();
    let inter_pod = pre
        .domains
        .map_or_else(|| vec![0; nodes.len()], |d| d.scores(&nodes));
    let spread = pre
        .spread
        .map_or_else(|| vec![0; nodes.len()], |s| s.scores(pod, &nodes));
    let scored: Vec<(i64, usize)> = feasible
        .iter()
        .zip(inter_pod.iter().zip(&spread))
        .map(|(&n, (affinity, spread))| {
            let base = score(pod, &cluster.nodes[n], &usage.nodes[n], sibling_counts[n]);
            (base + 2 * affinity + 2 * spread, n)
        })
        .collect();
    let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
    let ties: Vec<usize> = scored
        .iter()
        .filter(|(s, _)| *s == best)
        .map(|(_, n)| *n)
        .collect();
    record(cluster, index, &filtered, &scored);
    let pick = cluster.rng.index(ties.len());
    Ok(ties[pick])
}

/// Keeps the verdict on the pod at `index`, when the cluster keeps verdicts.
#[cfg(feature = "explain")]
fn record(
    cluster: &mut Cluster,
    index: usize,
    filtered: &[(usize, Misfit)],
    scored: &[(i64, usize)],
) {
    if cluster.verdicts.is_none() {
        return;
    }
    let key = cluster.pods[index].key();
    if let Some(verdicts) = cluster.verdicts.as_mut() {
        let verdict = Verdict {
            filtered: filtered.to_vec(),
            scores: scored.iter().map(|&(score, n)| (n, score)).collect(),
        };
        verdicts.insert(key, verdict);
    }
}

/// Without the `explain` feature no verdict is kept.
#[cfg(not(feature = "explain"))]
fn record(_: &mut Cluster, _: usize, _: &[(usize, Misfit)], _: &[(i64, usize)]) {}

/// Schedules every unscheduled pod, in creation order; true when one was placed or its
/// reason changed.
pub fn schedule_pending(cluster: &mut Cluster) -> bool {
    let mut waiting: Vec<usize> = (0..cluster.pods.len())
        .filter(|&i| {
            let p = &cluster.pods[i];
            p.node.is_none() && !p.terminating && p.phase == Phase::Pending
        })
        .collect();
    // Pods that were running before an edit keep their places before newcomers choose.
    crate::order::sort_by_key(&mut waiting, |&i| {
        cluster.placement_hint(&cluster.pods[i].key()).is_none()
    });
    if waiting.is_empty() {
        return false;
    }
    let mut usage = Usage::measure(cluster, None);
    let mut changed = false;
    for i in waiting {
        match place(cluster, i, &usage) {
            Ok(n) => {
                let node = cluster.nodes[n].name.clone();
                storage::bind_for_node(cluster, i, &node);
                let pod = &mut cluster.pods[i];
                pod.node = Some(node.clone());
                pod.reason = None;
                let key = pod.key();
                usage.add(n, &cluster.pods[i]);
                cluster.record(Change::PodScheduled { pod: key, node });
                changed = true;
            }
            Err(reason) => {
                let pod = &mut cluster.pods[i];
                if pod.reason.as_ref() != Some(&reason) {
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

/// A claim the pod uses that is still unbound with Immediate binding blocks scheduling.
pub fn unbound_immediate(cluster: &Cluster, pod: &Pod) -> bool {
    storage::pod_claims(cluster, pod).iter().any(|claim| {
        matches!(claim.phase, ClaimPhase::Pending(_))
            && storage::binding_mode(cluster, claim) == BindingMode::Immediate
    })
}
