//! Sizes and the words the picture uses, in both languages.

use crate::text::Language;

/// Gap between boxes.
pub const GAP: i32 = 16;
/// Width of a pod box.
pub const POD_W: i32 = 220;
/// Width of a Service box.
pub const SVC_W: i32 = 236;
/// Width of a claim or volume box.
pub const STORE_W: i32 = 220;
/// Height of a text line.
pub const LINE: i32 = 16;
/// Inner padding.
pub const PAD: i32 = 8;
/// Icon size.
pub const ICON: i32 = 18;

/// A word of the picture.
#[derive(Clone, Copy)]
pub enum Word {
    Cluster,
    Services,
    Storage,
    Unscheduled,
    Outside,
    OutsideTitle,
    Internet,
    PendingTitle,
    Disk,
    NoEndpoints,
    More,
    Writable,
    Dns,
    DnsTitle,
    KubeProxy,
    Rejected,
    Namespaces,
    Nodes,
    Pods,
}

/// The word in a language.
pub fn word(w: Word, language: Language) -> &'static str {
    let (en, ko) = match w {
        Word::Cluster => ("cluster", "클러스터"),
        Word::Services => ("Services", "서비스"),
        Word::Storage => ("Storage", "스토리지"),
        Word::Unscheduled => ("Not scheduled", "스케줄되지 않음"),
                Word::Outside => ("outside the cluster", "클러스터 밖"),
        Word::OutsideTitle => (
            "A client on the nodes' network (192.168.56.1): it reaches NodePorts at any node's IP",
            "노드 네트워크의 클라이언트 (192.168.56.1): 아무 노드 IP로나 NodePort에 접속합니다",
        ),
        Word::Internet => ("internet", "인터넷"),
        Word::PendingTitle => (
            "No load-balancer controller gave it an address (kubectl shows <pending>); its NodePorts still work",
            "주소를 준 로드밸런서 컨트롤러가 없습니다 (kubectl에서 <pending>). NodePort는 그대로 동작합니다",
        ),
        Word::Disk => ("disk", "디스크"),
        Word::NoEndpoints => ("no endpoints", "엔드포인트 없음"),
        Word::More => ("more", "개 더"),
        Word::Writable => ("writable layer", "쓰기 레이어"),
        Word::Dns => ("CoreDNS 10.96.0.10", "CoreDNS 10.96.0.10"),
                Word::DnsTitle => (
            "CoreDNS behind the kube-dns Service (10.96.0.10): every pod's name lookups go here",
            "kube-dns 서비스(10.96.0.10) 뒤의 CoreDNS: 모든 파드의 이름 조회가 여기로 옵니다",
        ),
        Word::KubeProxy => ("kube-proxy", "kube-proxy"),
        Word::Rejected => ("Rejected by the API server", "API 서버가 거부함"),
        Word::Namespaces => (
            "Namespaces: each workload's pods as one stack (click to show them on their nodes)",
            "네임스페이스: 워크로드마다 파드를 한 묶음으로 (누르면 노드 위에 하나씩)",
        ),
        Word::Nodes => ("nodes", "노드"),
        Word::Pods => ("pods", "파드"),
    };
    match language {
        Language::En => en,
        Language::Ko => ko,
    }
}
