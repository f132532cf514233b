//! The ready examples: each a manifest plus a Scenario that tells one of the lectures'
//! stories. The web app's gallery and the end-to-end tests use the same files.

use crate::text::Text;

/// One example.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// Stable identifier (used in URLs and tests).
    pub id: &'static str,
    /// Title, English and Korean.
    pub title: (&'static str, &'static str),
    /// One sentence on what it shows.
    pub summary: (&'static str, &'static str),
    /// The manifests and the Scenario.
    pub source: &'static str,
}

impl Example {
    /// The title as text.
    pub fn title(&self) -> Text {
        Text::new(self.title.0, self.title.1)
    }

    /// The summary as text.
    pub fn summary(&self) -> Text {
        Text::new(self.summary.0, self.summary.1)
    }
}

macro_rules! example {
    ($id:literal, $file:literal, $en:literal, $ko:literal, $sum_en:literal, $sum_ko:literal) => {
        Example {
            id: $id,
            title: ($en, $ko),
            summary: ($sum_en, $sum_ko),
            source: include_str!(concat!("../gallery/", $file)),
        }
    };
}

/// Every example, in the order the gallery shows them.
pub const EXAMPLES: &[Example] = &[
    example!("emptydir", "01-emptydir.yaml", "emptyDir shared by two containers", "두 컨테이너가 공유하는 emptyDir",
        "Both containers see one emptyDir; a restart keeps its files, deleting the pod loses them.",
        "두 컨테이너가 하나의 emptyDir을 봅니다. 재시작에는 파일이 남고, 파드를 지우면 사라집니다."),
    example!("hostpath", "02-hostpath.yaml", "hostPath and the pod that moves", "hostPath와 옮겨 가는 파드",
        "Files stay on the node's disk; the replacement on another node finds nothing.",
        "파일은 노드 디스크에 남고, 다른 노드의 대체 파드는 아무것도 찾지 못합니다."),
    example!("local-pv", "03-local-pv.yaml", "PV and PVC with a local PV", "로컬 PV와 PV/PVC",
        "A local PV pins its pod to one node; its data outlives pods and, with Retain, the claim.",
        "로컬 PV는 파드를 한 노드에 묶습니다. 데이터는 파드보다, Retain이면 클레임보다도 오래 남습니다."),
    example!("clusterip", "04-clusterip.yaml", "ClusterIP load spreading", "ClusterIP 부하 분산",
        "DNS gives the ClusterIP; kube-proxy on the client's node picks a pod for each connection.",
        "DNS가 ClusterIP를 주고, 클라이언트 노드의 kube-proxy가 연결마다 파드를 고릅니다."),
    example!("nodeport-local", "05-nodeport-local.yaml", "NodePort with externalTrafficPolicy: Local", "externalTrafficPolicy: Local인 NodePort",
        "Every node opens the port, but with Local only the node with the pod answers.",
        "모든 노드가 포트를 열지만, Local이면 파드가 있는 노드만 응답합니다."),
    example!("loadbalancer-pending", "06-loadbalancer-pending.yaml", "LoadBalancer without a cloud", "클라우드 없는 LoadBalancer",
        "No controller gives an external address: <pending>, while the NodePort still works.",
        "외부 주소를 주는 컨트롤러가 없어 <pending>이지만, NodePort는 동작합니다."),
    example!("loadbalancer-cloud", "07-loadbalancer-cloud.yaml", "LoadBalancer with a cloud", "클라우드가 있는 LoadBalancer",
        "The load balancer spreads internet traffic over the nodes' NodePorts.",
        "로드밸런서가 인터넷 트래픽을 노드들의 NodePort로 나눕니다."),
    example!("headless", "08-headless.yaml", "Headless Service with hostname/subdomain", "hostname/subdomain이 있는 헤드리스 서비스",
        "No virtual IP: DNS answers pod IPs, and each pod gets its own name.",
        "가상 IP 없이 DNS가 파드 IP를 답하고, 파드마다 이름이 생깁니다."),
    example!("endpoints", "09-endpoints.yaml", "Manual Endpoints", "직접 만든 Endpoints",
        "A Service without a selector routes to the addresses its Endpoints object lists.",
        "셀렉터 없는 서비스는 Endpoints 오브젝트에 적힌 주소로 보냅니다."),
    example!("externalname", "10-externalname.yaml", "ExternalName", "ExternalName",
        "The Service is only a DNS alias: the request leaves the cluster.",
        "서비스는 DNS 별칭일 뿐이라 요청이 클러스터를 떠납니다."),
    example!("deployment", "11-deployment.yaml", "A Deployment with a pod deleted", "파드 하나를 지운 Deployment",
        "The ReplicaSet replaces the pod with a new name and IP; endpoints follow.",
        "ReplicaSet이 새 이름과 IP로 파드를 대체하고 엔드포인트가 따라갑니다."),
    example!("drain", "12-drain.yaml", "Draining a node", "노드 drain",
        "The Deployment's pod moves within its budget, the DaemonSet's stays, the emptyDir data is lost.",
        "Deployment 파드는 예산 안에서 옮겨 가고, DaemonSet 파드는 남고, emptyDir 데이터는 사라집니다."),
    example!("anti-affinity", "13-anti-affinity.yaml", "One replica per node", "노드마다 레플리카 하나",
        "Required anti-affinity: the third replica waits Pending until a node joins.",
        "필수 안티 어피니티: 세 번째 레플리카는 노드가 들어올 때까지 Pending입니다."),
];

/// The example with this id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    #[test]
    fn every_example_loads_cleanly_with_a_scenario() {
        for e in EXAMPLES {
            let loaded = load(e.source);
            assert!(
                loaded.diagnostics.is_empty(),
                "{}: {:#?}",
                e.id,
                loaded.diagnostics
            );
            let scenario = crate::sim::scenario_of(&loaded.objects);
            assert!(
                scenario.is_some_and(|s| !s.steps.is_empty()),
                "{} has steps",
                e.id
            );
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = EXAMPLES.iter().map(|e| e.id).collect();
        crate::order::sort(&mut ids);
        ids.dedup();
        assert_eq!(ids.len(), EXAMPLES.len());
    }
}
