//! One or two sentences per step, in English and Korean, saying what happened and why,
//! built from what actually changed.

use super::outcome::{Place, RequestOutcome};
use crate::cluster::{Change, Cluster, Lifetime};
use crate::scenario::format_duration;
use crate::sorted::VecMap;
use crate::text::Text;

/// Joins the non-empty sentences of several texts.
pub fn join(parts: &[Text]) -> Text {
    let pick = |f: fn(&Text) -> &str| {
        parts
            .iter()
            .map(f)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    Text::new(pick(|t| &t.en), pick(|t| &t.ko))
}

fn short(pod: &str) -> &str {
    pod.split_once('/').map_or(pod, |(_, n)| n)
}

/// What happened to pods and data, in the order it happened.
pub fn consequences(changes: &[Change]) -> Vec<Text> {
    let mut out = Vec::new();
    for change in changes {
        match change {
            Change::FilesLost { storage, files } => out.push(Text::new(
                format!("{} is gone, and with it {}.", storage.en, files.join(", ")),
                format!("{}이(가) 사라졌고, 그 안의 {}도 함께 사라졌습니다.", storage.ko, files.join(", ")),
            )),
            Change::PodCreated { pod, by: Some(by) } => {
                let placed = changes.iter().find_map(|c| match c {
                    Change::PodScheduled { pod: p, node } if p == pod => Some(node.clone()),
                    _ => None,
                });
                let ip = changes.iter().find_map(|c| match c {
                    Change::PodStarted { pod: p, ip } if p == pod => Some(ip.clone()),
                    _ => None,
                });
                let name = short(pod);
                let (where_en, where_ko) = match (&placed, &ip) {
                    (Some(node), Some(ip)) => (format!(" on {node} with IP {ip}"), format!(" {node}에 IP {ip}로")),
                    (Some(node), None) => (format!(" on {node} (not started yet)"), format!(" {node}에 (아직 시작 안 됨)")),
                    _ => (" (it waits to be scheduled)".to_owned(), " (스케줄을 기다림)".to_owned()),
                };
                out.push(Text::new(
                    format!("{by} created {name}{where_en}."),
                    format!("{by}가 {name}을(를){where_ko} 만들었습니다."),
                ));
            }
            Change::PodScheduled { pod, node }
                if !changes.iter().any(|c| matches!(c, Change::PodCreated { pod: p, .. } if p == pod)) =>
            {
                out.push(Text::new(
                    format!("The scheduler placed {}, which was Pending, on {node}.", short(pod)),
                    format!("Pending이던 {}를 스케줄러가 {node}에 배치했습니다.", short(pod)),
                ));
            }
            Change::PodStuck { pod, reason } if !changes.iter().any(|c| matches!(c, Change::PodStarted { pod: p, .. } if p == pod)) => {
                out.push(Text::new(
                    format!("{} is stuck: {}", short(pod), reason.en),
                    format!("{}가 멈춰 있습니다: {}", short(pod), reason.ko),
                ));
            }
            Change::PodStays { pod, node, daemon: true } => out.push(Text::new(
                format!("{} stays on {node}: a DaemonSet pod tolerates an unreachable node with no time limit, so it is never evicted, and its DaemonSet keeps one pod per node rather than making another elsewhere.", short(pod)),
                format!("{}는 {node}에 남습니다: DaemonSet 파드는 연결할 수 없는 노드를 시간 제한 없이 용인하므로 축출되지 않고, DaemonSet은 노드마다 파드 하나를 둘 뿐 다른 노드에 새로 만들지 않습니다.", short(pod)),
            )),
            Change::PodStays { pod, node, daemon: false } => out.push(Text::new(
                format!("{} stays on {node}: its own toleration of the unreachable taint has no time limit, so it is never evicted.", short(pod)),
                format!("{}는 {node}에 남습니다: unreachable 테인트에 대한 자체 톨러레이션에 시간 제한이 없어 축출되지 않습니다.", short(pod)),
            )),
            Change::PodEvicted { pod, node, taint, tolerated } => {
                let name = short(pod);
                out.push(if *tolerated {
                    Text::new(
                        format!("{name} was deleted from {node}: its tolerationSeconds for the NoExecute taint {taint} ran out (Taint manager: deleting due to NoExecute taint)."),
                        format!("{name}가 {node}에서 삭제되었습니다: NoExecute 테인트 {taint}에 대한 tolerationSeconds가 다 되었습니다 (테인트 매니저의 삭제)."),
                    )
                } else {
                    Text::new(
                        format!("{name} was deleted from {node}: it does not tolerate the NoExecute taint {taint} (Taint manager: deleting due to NoExecute taint)."),
                        format!("{name}가 {node}에서 삭제되었습니다: NoExecute 테인트 {taint}를 허용하지 않습니다 (테인트 매니저의 삭제)."),
                    )
                });
            }
            Change::PodTerminating { pod } => out.push(Text::new(
                format!("{} stays Terminating: its node cannot confirm the deletion.", short(pod)),
                format!("{}는 Terminating으로 남습니다: 노드가 삭제를 확인해 줄 수 없습니다.", short(pod)),
            )),
            Change::NodeStatus { node, status: "not-ready" } => out.push(Text::new(
                format!("{node} missed its heartbeats: it is NotReady (tainted unreachable), and its pods are taken out of Service endpoints."),
                format!("{node}가 하트비트를 놓쳐 NotReady가 되었고(unreachable 테인트), 그 파드들은 서비스 엔드포인트에서 빠졌습니다."),
            )),
            Change::NodeStatus { node, status: "evicting" } => out.push(Text::new(
                format!("The pods on {node} ran out of their 300 s toleration and were evicted."),
                format!("{node}의 파드들이 300초 톨러레이션을 다 써서 축출되었습니다."),
            )),
            Change::ClaimDeleted { claim } => out.push(Text::new(
                format!("PersistentVolumeClaim {} is deleted.", short(claim)),
                format!("PersistentVolumeClaim {}이(가) 삭제되었습니다.", short(claim)),
            )),
            Change::VolumeStatus { volume, status: "Released" } => out.push(Text::new(
                format!("PV {volume} is Released: its reclaim policy is Retain, so it and its data stay, but no new claim can bind it until an admin frees it."),
                format!("PV {volume}은(는) Released가 되었습니다: 회수 정책이 Retain이라 PV와 데이터는 남지만, 관리자가 풀기 전까지 새 클레임이 바인딩할 수 없습니다."),
            )),
            Change::VolumeStatus { volume, status: "Deleted" } => out.push(Text::new(
                format!("PV {volume} is deleted with its storage: its reclaim policy is Delete."),
                format!("PV {volume}은(는) 저장소와 함께 삭제되었습니다: 회수 정책이 Delete입니다."),
            )),
            Change::VolumeStatus { volume, status: "Available" } => out.push(Text::new(
                format!("PV {volume} was wiped (Recycle) and is Available again."),
                format!("PV {volume}은(는) 지워진 뒤(Recycle) 다시 Available이 되었습니다."),
            )),
            Change::ClaimBound { claim, volume } => out.push(Text::new(
                format!("{} is bound to {volume}.", short(claim)),
                format!("{}이(가) {volume}에 바인딩되었습니다.", short(claim)),
            )),
            _ => {}
        }
    }
    out
}

/// The sentence for a file write.
pub fn write(written: &super::files::Written, cluster: &Cluster) -> Text {
    let what = format!("{} wrote {}", written.container, written.path);
    let node_of = |pod: &str| {
        cluster
            .pods
            .iter()
            .find(|p| p.name == pod)
            .and_then(|p| p.node.clone())
            .unwrap_or_default()
    };
    let volume = written.volume.clone().unwrap_or_default();
    match written.lifetime {
        None => Text::new(
            format!("{what} in pod {}. No volume is mounted there, so it went into the container's own writable layer: a restart of the container loses it.", written.pod),
            format!("{}가 파드 {}에 {}을(를) 썼습니다. 그 경로에는 볼륨이 없어 컨테이너 자체의 쓰기 레이어에 들어갔고, 컨테이너가 재시작되면 사라집니다.", written.container, written.pod, written.path),
        ),
        Some(Lifetime::Pod) => Text::new(
            format!("{what} into volume {volume} (emptyDir) of pod {}. It lives as long as the pod: container restarts keep it, deleting the pod destroys it.", written.pod),
            format!("{}가 파드 {}의 볼륨 {volume}(emptyDir)에 {}을(를) 썼습니다. 파드와 수명이 같아 컨테이너 재시작에는 남고, 파드를 지우면 사라집니다.", written.container, written.pod, written.path),
        ),
        Some(Lifetime::Node) => {
            let node = node_of(&written.pod);
            Text::new(
                format!("{what} onto {node}'s disk (hostPath volume {volume}). It outlives the pod, but stays on {node}: a pod on another node will not see it."),
                format!("{}가 {node}의 디스크(hostPath 볼륨 {volume})에 {}을(를) 썼습니다. 파드보다 오래 남지만 {node}에만 있어, 다른 노드의 파드는 볼 수 없습니다.", written.container, written.path),
            )
        }
        Some(Lifetime::Persistent) => {
            let (en, ko) = match &written.store {
                crate::cluster::Store::Volume(pv) => (format!("PersistentVolume {pv}"), format!("PersistentVolume {pv}")),
                crate::cluster::Store::Nfs { server, path } => (format!("the NFS export {server}:{path}"), format!("NFS {server}:{path}")),
                _ => (format!("the disk of volume {volume}"), format!("볼륨 {volume}의 디스크")),
            };
            Text::new(
                format!("{what} into {en}. It outlives the pod and comes back with any pod that mounts the same storage."),
                format!("{}가 {ko}에 {}을(를) 썼습니다. 파드보다 오래 남고, 같은 저장소를 마운트하는 파드가 다시 보게 됩니다.", written.container, written.path),
            )
        }
        Some(Lifetime::Projected) => Text::new(what.clone(), what),
    }
}

/// The sentence for one or more requests.
pub fn requests(outcomes: &[RequestOutcome], from: &str, to: &str) -> Text {
    let delivered: Vec<&RequestOutcome> = outcomes.iter().filter(|o| o.delivered).collect();
    if outcomes.len() == 1 {
        let o = &outcomes[0];
        return match (&o.pod, o.delivered, &o.drop_reason) {
            (Some(pod), true, _) => {
                let mut text = Text::new(
                    format!("{from} → {to}: delivered to {}{}.", short(pod), via(o)),
                    format!(
                        "{from} → {to}: {}에 전달되었습니다{}.",
                        short(pod),
                        via_ko(o)
                    ),
                );
                if let Some(myth) = namespace_myth(o) {
                    text = join(&[text, myth]);
                }
                text
            }
            (None, true, _) => Text::new(
                format!("{from} → {to}: the request left the cluster."),
                format!("{from} → {to}: 요청이 클러스터를 떠났습니다."),
            ),
            (_, false, Some(reason)) => Text::new(
                format!("{from} → {to}: {}", reason.en),
                format!("{from} → {to}: {}", reason.ko),
            ),
            _ => Text::new(format!("{from} → {to}"), format!("{from} → {to}")),
        };
    }
    let mut per_pod: VecMap<&str, usize> = VecMap::new();
    for o in &delivered {
        if let Some(p) = &o.pod {
            *per_pod.entry(short(p)).or_insert(0) += 1;
        }
    }
    let spread = per_pod
        .iter()
        .map(|(p, n)| format!("{p} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let dropped = outcomes.len() - delivered.len();
    let mut en = format!(
        "{from} → {to}: {} of {} requests delivered",
        delivered.len(),
        outcomes.len()
    );
    let mut ko = format!(
        "{from} → {to}: 요청 {}개 중 {}개 전달",
        outcomes.len(),
        delivered.len()
    );
    if !spread.is_empty() {
        en.push_str(&format!(" ({spread})"));
        ko.push_str(&format!(" ({spread})"));
    }
    if let Some(reason) = outcomes
        .iter()
        .find_map(|o| o.drop_reason.as_ref())
        .filter(|_| dropped > 0)
    {
        en.push_str(&format!("; {dropped} dropped: {}", reason.en));
        ko.push_str(&format!(". {dropped}개는 버려짐: {}", reason.ko));
    } else {
        en.push('.');
        ko.push('.');
    }
    Text::new(en, ko)
}

fn via(o: &RequestOutcome) -> String {
    let nodes: Vec<&str> = o
        .hops
        .iter()
        .filter(|h| h.kind == super::outcome::HopKind::Rewrite)
        .filter_map(|h| match &h.from {
            Place::Node { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    nodes
        .first()
        .map_or_else(String::new, |n| format!(" (kube-proxy on {n} picked it)"))
}

fn via_ko(o: &RequestOutcome) -> String {
    let v = via(o);
    v.strip_prefix(" (kube-proxy on ")
        .and_then(|r| r.strip_suffix(" picked it)"))
        .map_or_else(String::new, |n| format!(" ({n}의 kube-proxy가 골랐습니다)"))
}

/// Rule 2.8: a request that crossed namespaces says so, against the common myth.
fn namespace_myth(o: &RequestOutcome) -> Option<Text> {
    let first = o.hops.first()?;
    let last = o.hops.last()?;
    let (Place::Pod { namespace: a, .. }, Place::Pod { namespace: b, .. }) =
        (&first.from, &last.to)
    else {
        return None;
    };
    (a != b).then(|| {
        Text::new(
            format!("Namespaces do not isolate traffic: a pod in {a} reached a pod in {b}; only a NetworkPolicy (enforced by the network plugin) could stop it."),
            format!("네임스페이스는 트래픽을 막지 않습니다: {a}의 파드가 {b}의 파드에 닿았습니다. 막을 수 있는 것은 네트워크 플러그인이 적용하는 NetworkPolicy뿐입니다."),
        )
    })
}

/// The sentence for a node failure.
pub fn node_failed(node: &str) -> Text {
    Text::new(
        format!("{node} stopped. For {} the API still shows it Ready; then it turns NotReady and its pods leave Service endpoints; {} later they are evicted and controllers recreate them on other nodes (bare pods are lost; StatefulSet pods wait for the node; DaemonSet pods stay on it).", format_duration(crate::cluster::NODE_GRACE), format_duration(crate::cluster::EVICTION_TOLERATION)),
        format!("{node}가 멈췄습니다. {} 동안 API는 여전히 Ready로 보여주고, 그 뒤 NotReady가 되어 파드들이 서비스 엔드포인트에서 빠집니다. 다시 {} 뒤 파드들이 축출되고 컨트롤러가 다른 노드에 다시 만듭니다 (단독 파드는 사라지고, StatefulSet 파드는 노드를 기다리며, DaemonSet 파드는 그 노드에 남습니다).", format_duration(crate::cluster::NODE_GRACE), format_duration(crate::cluster::EVICTION_TOLERATION)),
    )
}
