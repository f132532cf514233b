//! The narration of a step: what happened and why (the simulation's own explanation), and,
//! when the picture contradicts a common belief about Kubernetes, a note that says so.

use crate::cluster::Change;
use crate::scenario::Step;
use crate::sim::{HopKind, Outcome, Place, RequestOutcome, World};
use crate::sorted::VecMap;
use crate::text::Text;
use serde::Serialize;

/// One sentence of the narration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The sentence.
    pub text: Text,
    /// It corrects a common myth.
    pub myth: bool,
}

fn myth(en: &str, ko: &str) -> Note {
    Note {
        text: Text::new(en, ko),
        myth: true,
    }
}

fn namespace_of_pod_key(key: &str) -> &str {
    key.split_once('/').map_or("", |(ns, _)| ns)
}

/// Notes about what the step's requests show.
fn request_notes(requests: &[RequestOutcome], world: &World, out: &mut Vec<Note>) {
    let delivered: Vec<&RequestOutcome> = requests.iter().filter(|r| r.delivered).collect();
    let crossed = delivered
        .iter()
        .find_map(|r| match (r.hops.first().map(|h| &h.from), &r.pod) {
            (Some(Place::Pod { namespace, .. }), Some(pod))
                if namespace_of_pod_key(pod) != namespace =>
            {
                Some((namespace.clone(), namespace_of_pod_key(pod).to_owned()))
            }
            _ => None,
        });
    if let Some((from, to)) = crossed {
        let enforced = world
            .cluster
            .network_policies
            .iter()
            .any(|(ns, _, _)| *ns == to);
        let rest = if enforced {
            " (kubeglass shows NetworkPolicies but does not enforce them)"
        } else {
            ""
        };
        let rest_ko = if enforced {
            " (kubeglass는 NetworkPolicy를 보여 주지만 적용하지는 않습니다)"
        } else {
            ""
        };
        out.push(myth(
            &format!("Myth: namespaces isolate traffic. A pod in {from} just reached a pod in {to}: only a NetworkPolicy, enforced by the network plugin, would stop it{rest}."),
            &format!("오해: 네임스페이스가 트래픽을 격리한다. {from}의 파드가 방금 {to}의 파드에 닿았습니다. 막을 수 있는 것은 네트워크 플러그인이 적용하는 NetworkPolicy뿐입니다{rest_ko}."),
        ));
    }
    let entered_node = |r: &RequestOutcome| {
        r.hops.first().is_some_and(|h| {
            matches!(h.to, Place::Node { .. })
                && !matches!(h.from, Place::Pod { .. } | Place::Node { .. })
        })
    };
    if delivered
        .iter()
        .any(|r| entered_node(r) && r.hops.iter().any(|h| h.kind == HopKind::Forward))
    {
        out.push(myth(
            "Myth: a NodePort only works on the node that runs the pod. Every node opens it, and kube-proxy forwards the packet to a pod on another node (hiding the client's address behind the node's).",
            "오해: NodePort는 파드가 있는 노드에서만 동작한다. 모든 노드가 포트를 열고, kube-proxy가 다른 노드의 파드로 패킷을 넘깁니다 (클라이언트 주소는 노드 주소로 바뀝니다).",
        ));
    }
    // Requests kube-proxy spread, counted per backend: uneven counts show the randomness.
    let mut counts: VecMap<&str, usize> = VecMap::new();
    for r in delivered
        .iter()
        .filter(|r| r.hops.iter().any(|h| h.kind == HopKind::Rewrite))
    {
        if let Some(pod) = r.pod.as_deref() {
            *counts.entry(pod).or_default() += 1;
        }
    }
    let uneven = counts.values().min() != counts.values().max();
    if counts.values().sum::<usize>() >= 3 && counts.len() >= 2 && uneven {
        out.push(myth(
            "Myth: a Service balances round robin. kube-proxy's iptables rules pick a backend at random for each new connection, so the counts are uneven.",
            "오해: 서비스는 라운드 로빈으로 분산한다. kube-proxy의 iptables 규칙은 새 연결마다 무작위로 백엔드를 고르므로 횟수가 고르지 않습니다.",
        ));
    }
    let headless = delivered.iter().any(|r| {
        r.pod.is_some()
            && r.hops.iter().any(|h| h.kind == HopKind::Dns)
            && !r.hops.iter().any(|h| h.kind == HopKind::Rewrite)
    });
    if headless {
        out.push(myth(
            "A headless Service has no ClusterIP and no kube-proxy rules: DNS answers with the pods' own IPs and the client connects to one directly.",
            "헤드리스 서비스에는 ClusterIP도 kube-proxy 규칙도 없습니다. DNS가 파드 IP를 직접 알려 주고, 클라이언트가 그중 하나에 바로 연결합니다.",
        ));
    }
    if delivered.iter().any(|r| {
        r.pod.is_none()
            && r.hops
                .last()
                .is_some_and(|h| matches!(h.to, Place::External { .. }))
    }) {
        out.push(myth(
            "Myth: an ExternalName Service proxies traffic. It is only a DNS alias (a CNAME): the client talks to the outside host itself, on the port it asked for.",
            "오해: ExternalName 서비스가 트래픽을 중계한다. DNS 별칭(CNAME)일 뿐이며, 클라이언트가 요청한 포트로 바깥 호스트와 직접 통신합니다.",
        ));
    }
    let any_pending = world
        .cluster
        .services
        .iter()
        .any(|s| s.load_balancer == crate::cluster::LoadBalancer::Pending);
    let pending = any_pending
        && requests.iter().any(|r| {
            !r.delivered
                && r.hops.is_empty()
                && matches!(r.dropped_at, Some(Place::Internet { .. }))
        });
    if pending {
        out.push(myth(
            "A LoadBalancer Service does not create a load balancer by itself: without a cloud controller its address stays <pending>. Its NodePort works all the same.",
            "LoadBalancer 서비스가 스스로 로드밸런서를 만들지는 않습니다. 클라우드 컨트롤러가 없으면 주소는 <pending>으로 남고, NodePort는 그대로 동작합니다.",
        ));
    }
}

/// Notes about files that vanished.
fn file_notes(changes: &[Change], out: &mut Vec<Note>) {
    for change in changes {
        let Change::FilesLost { storage, files } = change else {
            continue;
        };
        let list = files.join(", ");
        let (en, ko) = (&storage.en, &storage.ko);
        if en.starts_with("container ") {
            out.push(myth(
                &format!("Myth: a restarted container keeps its files. {list} lived in the {en}'s own filesystem and are gone; only volumes survive a restart."),
                &format!("오해: 재시작한 컨테이너는 파일을 유지한다. {list}은(는) {ko}의 자체 파일시스템에 있었기에 사라졌습니다. 재시작을 견디는 것은 볼륨뿐입니다."),
            ));
        } else if en.starts_with("emptyDir") {
            out.push(myth(
                &format!("Myth: an emptyDir is persistent storage. {list} died with the pod; a replacement gets a new, empty directory."),
                &format!("오해: emptyDir은 영구 저장소다. {list}은(는) 파드와 함께 사라졌고, 대체 파드는 새 빈 디렉터리를 받습니다."),
            ));
        }
    }
}

/// The narration of one played step.
pub fn narrate(step: &Step, outcome: &Outcome, world: &World) -> Vec<Note> {
    let mut notes = vec![Note {
        text: outcome.explanation.clone(),
        myth: false,
    }];
    request_notes(&outcome.requests, world, &mut notes);
    file_notes(&outcome.changes, &mut notes);
    match step {
        Step::DeletePod(_) | Step::FailNode(_) | Step::Wait(_) => {
            let moved_away = world.cluster.pods.iter().any(|p| {
                p.volumes.iter().any(|v| matches!(&v.store, Some(crate::cluster::Store::NodeDir { .. })))
                    && world.cluster.files.iter().any(|(store, files)| {
                        !files.is_empty() && matches!(store, crate::cluster::Store::NodeDir { node, .. } if Some(node) != p.node.as_ref())
                    })
            });
            let created = outcome
                .changes
                .iter()
                .any(|c| matches!(c, Change::PodScheduled { .. }));
            if moved_away && created {
                notes.push(myth(
                    "Myth: hostPath is shared storage. The directory is on one node's disk: a pod scheduled on another node sees that node's directory, not the files written before.",
                    "오해: hostPath는 공유 저장소다. 디렉터리는 한 노드의 디스크에 있습니다. 다른 노드에 스케줄된 파드는 그 노드의 디렉터리를 보며, 전에 쓴 파일은 보이지 않습니다.",
                ));
            }
        }
        _ => {}
    }
    if let (Step::Cordon(node), true) = (step, outcome.applied) {
        notes.push(myth(
            &format!("Myth: cordoning a node moves its pods away. The pods on {node} keep running; only new pods stay off it. kubectl drain is what evicts them."),
            &format!("오해: 노드를 cordon하면 파드가 옮겨 간다. {node}의 파드는 계속 실행되고, 새 파드만 들어오지 않습니다. 파드를 내보내는 것은 kubectl drain입니다."),
        ));
    }
    if let Step::FailNode(node) = step {
        notes.push(myth(
            &format!("Myth: pods move as soon as a node dies. The pods on {node} stay assigned to it until the node is marked NotReady (about 50 s) and the 300 s eviction toleration runs out."),
            &format!("오해: 노드가 죽으면 파드가 바로 옮겨 간다. {node}의 파드는 노드가 NotReady로 표시되고(약 50초) 300초의 축출 톨러레이션이 끝날 때까지 그 노드에 남아 있습니다."),
        ));
    }
    for change in &outcome.changes {
        if let Change::VolumeStatus {
            volume,
            status: "Released",
        } = change
        {
            notes.push(myth(
                &format!("Myth: deleting a PVC deletes the data. With reclaimPolicy Retain, PersistentVolume {volume} is Released and keeps its files; it will not bind to a new claim until an admin clears its claimRef."),
                &format!("오해: PVC를 지우면 데이터도 지워진다. reclaimPolicy가 Retain이면 PersistentVolume {volume}은(는) Released가 되어 파일을 유지하며, 관리자가 claimRef를 지울 때까지 새 클레임과 바인딩되지 않습니다."),
            ));
        }
    }
    notes
}
