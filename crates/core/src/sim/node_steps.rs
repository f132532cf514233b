//! The steps that act on nodes as `kubectl` and `kubeadm join` do: cordon, uncordon,
//! taint, untaint and a node joining (rules 4.15, 4.17, 4.1, 3.10).

use super::{explain, no_such_node, World};
use crate::cluster::node_from_template;
use crate::model::{Taint, TaintEffect};
use crate::scenario::NodeTemplate;
use crate::text::Text;

impl World {
    /// The index of the node named `node`, or the error that lists the nodes there are.
    pub(super) fn node_index(&self, node: &str) -> Result<usize, Text> {
        self.cluster
            .nodes
            .iter()
            .position(|n| n.name == node)
            .ok_or_else(|| no_such_node(&self.cluster, node, ""))
    }

    /// A node joins, Ready at once: pending pods may be scheduled on it, and DaemonSets
    /// start their pods there.
    pub(super) fn add_node(&mut self, template: &NodeTemplate) -> Result<Text, Text> {
        let name = &template.name;
        if self.cluster.node(name).is_some() {
            return Err(Text::new(
                format!("nodes \"{name}\" already exists"),
                format!("nodes \"{name}\"이(가) 이미 있습니다"),
            ));
        }
        let changes = self.observed(|cluster| {
            let node = node_from_template(cluster.nodes.len(), template);
            cluster.nodes.push(node);
            cluster.reconcile();
        });
        let node = &self.cluster.nodes[self.cluster.nodes.len() - 1];
        let mut parts = vec![Text::new(
            format!("Node {name} joined the cluster ({}, pods from {}/24), Ready: the scheduler may place pods there.", node.ip, node.pod_cidr),
            format!("노드 {name}이(가) 클러스터에 들어왔습니다 ({}, 파드 대역 {}/24). Ready 상태라 스케줄러가 파드를 둘 수 있습니다.", node.ip, node.pod_cidr),
        )];
        parts.extend(explain::consequences(&changes));
        Ok(explain::join(&parts))
    }

    /// `kubectl cordon` (`on`) or `uncordon` (rule 4.15).
    pub(super) fn cordon(&mut self, node: &str, on: bool) -> Result<Text, Text> {
        let n = self.node_index(node)?;
        let (done, cordoned) = if on {
            ("cordoned", "")
        } else {
            ("uncordoned", "un")
        };
        if self.cluster.nodes[n].unschedulable == on {
            return Ok(Text::new(
                format!("node/{node} already {done}"),
                format!("node/{node}은(는) 이미 {cordoned}cordon 상태입니다."),
            ));
        }
        let changes = self.observed(|cluster| {
            cluster.nodes[n].unschedulable = on;
            cluster.reconcile();
        });
        let mut parts = vec![if on {
            Text::new(
                format!("node/{node} cordoned. It shows Ready,SchedulingDisabled: the scheduler places no new pod there (unless it tolerates node.kubernetes.io/unschedulable, as DaemonSet pods do), and the pods already running stay."),
                format!("node/{node} cordoned. Ready,SchedulingDisabled로 보입니다: 스케줄러는 새 파드를 여기에 두지 않고 (DaemonSet 파드처럼 node.kubernetes.io/unschedulable을 허용하는 파드는 예외), 이미 실행 중인 파드는 그대로 남습니다."),
            )
        } else {
            Text::new(
                format!("node/{node} uncordoned: the scheduler may place new pods there again. The pods that moved away stay where they are: Kubernetes does not rebalance running pods."),
                format!("node/{node} uncordoned: 스케줄러가 다시 이 노드에 새 파드를 둘 수 있습니다. 옮겨 간 파드는 그대로 있습니다: 쿠버네티스는 실행 중인 파드를 다시 나누지 않습니다."),
            )
        }];
        parts.extend(explain::consequences(&changes));
        Ok(explain::join(&parts))
    }

    /// `kubectl taint nodes <node> key=value:Effect` (rule 4.17 for NoExecute).
    pub(super) fn taint(&mut self, node: &str, taint: &Taint) -> Result<Text, Text> {
        let n = self.node_index(node)?;
        let key = &taint.key;
        if self.cluster.nodes[n]
            .taints
            .iter()
            .any(|t| t.key == *key && t.effect == taint.effect)
        {
            return Err(Text::new(
                format!("node {node} already has {key} taint(s) with same effect(s) and --overwrite is false"),
                format!("노드 {node}에는 같은 효과의 {key} 테인트가 이미 있습니다 (--overwrite 없음)"),
            ));
        }
        let changes = self.observed(|cluster| {
            let now = cluster.now;
            let target = &mut cluster.nodes[n];
            target.taints.push(taint.clone());
            if taint.effect == TaintEffect::NoExecute {
                target.tainted_at.push((taint.clone(), now));
            }
            cluster.reconcile();
        });
        let spec = taint.spec();
        let what = match taint.effect {
            TaintEffect::NoSchedule => Text::new(
                "the scheduler places no new pod there unless it tolerates the taint; the pods already running stay.",
                "스케줄러는 이 테인트를 허용하지 않는 새 파드를 두지 않고, 이미 실행 중인 파드는 그대로 남습니다.",
            ),
            TaintEffect::PreferNoSchedule => Text::new(
                "the scheduler avoids the node for pods that do not tolerate it, but still uses it when nothing else fits.",
                "스케줄러는 이를 허용하지 않는 파드에 이 노드를 피하지만, 다른 곳이 없으면 씁니다.",
            ),
            TaintEffect::NoExecute => Text::new(
                "the pods there that do not tolerate it are deleted at once, those with tolerationSeconds when it runs out; the others stay.",
                "이를 허용하지 않는 파드는 곧바로, tolerationSeconds가 있는 파드는 그 시간이 지나면 삭제되고, 나머지는 남습니다.",
            ),
        };
        let mut parts = vec![Text::new(
            format!("node/{node} tainted ({spec}): {}", what.en),
            format!("node/{node} tainted ({spec}): {}", what.ko),
        )];
        parts.extend(explain::consequences(&changes));
        Ok(explain::join(&parts))
    }

    /// `kubectl taint nodes <node> key:Effect-`, or `key-` for every effect.
    pub(super) fn untaint(
        &mut self,
        node: &str,
        key: &str,
        effect: Option<TaintEffect>,
    ) -> Result<Text, Text> {
        let n = self.node_index(node)?;
        let hit = |t: &Taint| t.key == key && effect.is_none_or(|e| e == t.effect);
        if !self.cluster.nodes[n].taints.iter().any(hit) {
            let named = effect.map_or_else(|| key.to_owned(), |e| format!("{key}:{}", e.as_str()));
            return Err(Text::new(
                format!("taint \"{named}\" not found"),
                format!("테인트 \"{named}\"을(를) 찾을 수 없습니다"),
            ));
        }
        let changes = self.observed(|cluster| {
            let target = &mut cluster.nodes[n];
            target.taints.retain(|t| !hit(t));
            target.tainted_at.retain(|(t, _)| !hit(t));
            cluster.reconcile();
        });
        let mut parts = vec![Text::new(
            format!("node/{node} untainted: pods that did not tolerate the taint may be scheduled there again, and evictions it had started the clock on are cancelled."),
            format!("node/{node} untainted: 이 테인트를 허용하지 않던 파드도 다시 이 노드에 배치될 수 있고, 시간을 재던 축출은 취소됩니다."),
        )];
        parts.extend(explain::consequences(&changes));
        Ok(explain::join(&parts))
    }
}
