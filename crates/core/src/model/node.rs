//! Nodes: labels, taints and allocatable resources.

use super::Resources;

/// What a taint does to pods that do not tolerate it (rule 4.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaintEffect {
    /// New pods are not scheduled here.
    NoSchedule,
    /// The scheduler avoids the node when it can.
    PreferNoSchedule,
    /// New pods are not scheduled and running ones are evicted.
    NoExecute,
}

impl TaintEffect {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TaintEffect::NoSchedule => "NoSchedule",
            TaintEffect::PreferNoSchedule => "PreferNoSchedule",
            TaintEffect::NoExecute => "NoExecute",
        }
    }

    /// Parses the API spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "NoSchedule" => Some(TaintEffect::NoSchedule),
            "PreferNoSchedule" => Some(TaintEffect::PreferNoSchedule),
            "NoExecute" => Some(TaintEffect::NoExecute),
            _ => None,
        }
    }
}

/// A node taint.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Taint {
    /// Key.
    pub key: String,
    /// Value (may be empty).
    pub value: String,
    /// Effect.
    pub effect: TaintEffect,
}

impl Taint {
    /// The taint as `kubectl taint` writes it: `key=value:Effect`, or `key:Effect`.
    pub fn spec(&self) -> String {
        if self.value.is_empty() {
            format!("{}:{}", self.key, self.effect.as_str())
        } else {
            format!("{}={}:{}", self.key, self.value, self.effect.as_str())
        }
    }
}

/// The parts of a Node the product uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeSpec {
    /// Taints.
    pub taints: Vec<Taint>,
    /// Cordoned.
    pub unschedulable: bool,
    /// `status.allocatable` (or capacity); `None` when the dump does not say.
    pub allocatable: Option<Resources>,
    /// Allocatable pod count.
    pub max_pods: Option<i64>,
    /// `InternalIP` from `status.addresses`.
    pub internal_ip: Option<String>,
    /// `spec.podCIDR`.
    pub pod_cidr: Option<String>,
    /// The `Ready` condition, when given.
    pub ready: Option<bool>,
}
