//! Label selectors and node selectors, with the API's matching rules (rules 4.3, 4.4, 6.3).

use super::Labels;

/// A set-based operator in a label selector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SelectorOperator {
    /// The key is present with one of the values.
    In,
    /// The key is absent, or its value is not listed.
    NotIn,
    /// The key is present.
    Exists,
    /// The key is absent.
    DoesNotExist,
}

/// One `matchExpressions` entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Requirement {
    /// Label key.
    pub key: String,
    /// Operator.
    pub operator: SelectorOperator,
    /// Values for `In` / `NotIn`.
    pub values: Vec<String>,
}

impl Requirement {
    fn matches(&self, labels: &Labels) -> bool {
        let value = labels.get(&self.key);
        match self.operator {
            SelectorOperator::In => value.is_some_and(|v| self.values.contains(v)),
            SelectorOperator::NotIn => value.is_none_or(|v| !self.values.contains(v)),
            SelectorOperator::Exists => value.is_some(),
            SelectorOperator::DoesNotExist => value.is_none(),
        }
    }
}

/// A `LabelSelector`: `matchLabels` and `matchExpressions`, all ANDed (rule 6.3).
/// An empty selector matches everything; a missing one (`Option::None`) matches nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LabelSelector {
    /// `matchLabels`.
    pub match_labels: Labels,
    /// `matchExpressions`.
    pub match_expressions: Vec<Requirement>,
}

impl LabelSelector {
    /// A selector from a plain equality map (Services, ReplicationControllers).
    pub fn from_map(labels: Labels) -> Self {
        LabelSelector {
            match_labels: labels,
            match_expressions: Vec::new(),
        }
    }

    /// True when every requirement holds for `labels`.
    pub fn matches(&self, labels: &Labels) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self.match_expressions.iter().all(|r| r.matches(labels))
    }

    /// True when the selector has no requirement (and so matches everything).
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// A short text form, `app=web,tier in (a,b)`, for pictures and messages.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .match_labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        parts.extend(self.match_expressions.iter().map(|r| match r.operator {
            SelectorOperator::In => format!("{} in ({})", r.key, r.values.join(",")),
            SelectorOperator::NotIn => format!("{} notin ({})", r.key, r.values.join(",")),
            SelectorOperator::Exists => r.key.clone(),
            SelectorOperator::DoesNotExist => format!("!{}", r.key),
        }));
        parts.join(",")
    }
}

/// One node selector requirement; adds `Gt` and `Lt` to the label operators.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NodeSelectorRequirement {
    /// A label requirement (In, NotIn, Exists, DoesNotExist).
    Label(Requirement),
    /// The label is an integer greater than the value.
    Gt(String, i64),
    /// The label is an integer less than the value.
    Lt(String, i64),
    /// A `matchFields` requirement on `metadata.name`.
    Name(Requirement),
}

/// One `nodeSelectorTerms` entry: its requirements are ANDed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NodeSelectorTerm {
    /// `matchExpressions` and `matchFields`.
    pub requirements: Vec<NodeSelectorRequirement>,
}

impl NodeSelectorTerm {
    /// True when the node satisfies every requirement. A term with none matches no node.
    pub fn matches(&self, name: &str, labels: &Labels) -> bool {
        !self.requirements.is_empty()
            && self.requirements.iter().all(|r| match r {
                NodeSelectorRequirement::Label(req) => req.matches(labels),
                NodeSelectorRequirement::Gt(key, n) => {
                    int_label(labels, key).is_some_and(|v| v > *n)
                }
                NodeSelectorRequirement::Lt(key, n) => {
                    int_label(labels, key).is_some_and(|v| v < *n)
                }
                NodeSelectorRequirement::Name(req) => {
                    let mut fields = Labels::new();
                    fields.insert(req.key.clone(), name.to_owned());
                    req.matches(&fields)
                }
            })
    }
}

fn int_label(labels: &Labels, key: &str) -> Option<i64> {
    labels.get(key)?.parse().ok()
}

/// A `NodeSelector`: its terms are ORed (rule 4.4).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NodeSelector {
    /// `nodeSelectorTerms`.
    pub terms: Vec<NodeSelectorTerm>,
}

impl NodeSelector {
    /// True when any term matches.
    pub fn matches(&self, name: &str, labels: &Labels) -> bool {
        self.terms.iter().any(|t| t.matches(name, labels))
    }
}

/// A pod's node affinity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NodeAffinity {
    /// `requiredDuringSchedulingIgnoredDuringExecution`.
    pub required: Option<NodeSelector>,
    /// `preferredDuringSchedulingIgnoredDuringExecution`: `(weight, term)`.
    pub preferred: Vec<(i32, NodeSelectorTerm)>,
}

/// One term of inter-pod affinity or anti-affinity (rule 4.10): pods matching `selector`
/// in the term's namespaces, counted per domain of `topology_key`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PodAffinityTerm {
    /// `labelSelector` (`None`: matches no pod).
    pub selector: Option<LabelSelector>,
    /// `namespaces`.
    pub namespaces: Vec<String>,
    /// `namespaceSelector` (`Some(empty)`: every namespace).
    pub namespace_selector: Option<LabelSelector>,
    /// `topologyKey`: nodes with the same value of this label form one domain.
    pub topology_key: String,
}

impl PodAffinityTerm {
    /// True when a pod in `namespace` with `labels` matches, the term being written in a pod
    /// of `own_namespace`. Namespaces are matched by the label the API server gives every
    /// namespace, `kubernetes.io/metadata.name`.
    pub fn matches(&self, own_namespace: &str, namespace: &str, labels: &Labels) -> bool {
        let in_namespace = match (&self.namespace_selector, self.namespaces.is_empty()) {
            (None, true) => namespace == own_namespace,
            (selector, _) => {
                self.namespaces.iter().any(|n| n == namespace)
                    || selector.as_ref().is_some_and(|s| {
                        s.matches(&Labels::from_iter([(
                            "kubernetes.io/metadata.name".to_owned(),
                            namespace.to_owned(),
                        )]))
                    })
            }
        };
        in_namespace && self.selector.as_ref().is_some_and(|s| s.matches(labels))
    }
}

/// A pod's `podAffinity` and `podAntiAffinity` (rules 4.10, 4.11).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InterPodAffinity {
    /// Required affinity terms: all must hold.
    pub affinity: Vec<PodAffinityTerm>,
    /// Required anti-affinity terms: all must hold.
    pub anti_affinity: Vec<PodAffinityTerm>,
    /// Preferred affinity terms with their weights.
    pub preferred_affinity: Vec<(i32, PodAffinityTerm)>,
    /// Preferred anti-affinity terms with their weights.
    pub preferred_anti_affinity: Vec<(i32, PodAffinityTerm)>,
}

impl InterPodAffinity {
    /// True when the pod has no inter-pod term at all.
    pub fn is_empty(&self) -> bool {
        self.affinity.is_empty()
            && self.anti_affinity.is_empty()
            && self.preferred_affinity.is_empty()
            && self.preferred_anti_affinity.is_empty()
    }
}

impl std::hash::Hash for InterPodAffinity {
    // Nothing when empty, so that templates without these terms keep their pod-template-hash.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        if !self.is_empty() {
            self.affinity.hash(state);
            self.anti_affinity.hash(state);
            self.preferred_affinity.hash(state);
            self.preferred_anti_affinity.hash(state);
        }
    }
}

/// One `topologySpreadConstraints` entry (rule 4.14).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SpreadConstraint {
    /// `maxSkew`.
    pub max_skew: i64,
    /// `topologyKey`.
    pub topology_key: String,
    /// `whenUnsatisfiable: DoNotSchedule` (the default): a filter; otherwise a score.
    pub hard: bool,
    /// `labelSelector` (`None`: matches no pod), in the pod's own namespace.
    pub selector: Option<LabelSelector>,
    /// `minDomains` (unset: 1).
    pub min_domains: i64,
    /// `nodeAffinityPolicy: Ignore`: nodes the pod's node selector and affinity rule out
    /// count too (the default, `Honor`, leaves them out).
    pub ignore_node_affinity: bool,
}

/// A pod's `topologySpreadConstraints`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpreadConstraints(pub Vec<SpreadConstraint>);

impl std::hash::Hash for SpreadConstraints {
    // Nothing when empty, so that templates without constraints keep their pod-template-hash.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        if !self.0.is_empty() {
            self.0.hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect()
    }

    fn req(key: &str, operator: SelectorOperator, values: &[&str]) -> Requirement {
        Requirement {
            key: key.into(),
            operator,
            values: values.iter().map(|v| (*v).into()).collect(),
        }
    }

    #[test]
    fn rule_6_3_match_labels_and_expressions_are_anded() {
        let selector = LabelSelector {
            match_labels: labels(&[("app", "web")]),
            match_expressions: vec![req("tier", SelectorOperator::In, &["a", "b"])],
        };
        assert!(selector.matches(&labels(&[("app", "web"), ("tier", "a")])));
        assert!(!selector.matches(&labels(&[("app", "web"), ("tier", "c")])));
        assert!(!selector.matches(&labels(&[("tier", "a")])));
    }

    #[test]
    fn rule_6_3_operators() {
        let l = labels(&[("env", "prod")]);
        assert!(req("env", SelectorOperator::NotIn, &["dev"]).matches(&l));
        assert!(
            req("zone", SelectorOperator::NotIn, &["a"]).matches(&l),
            "absent key"
        );
        assert!(req("env", SelectorOperator::Exists, &[]).matches(&l));
        assert!(req("zone", SelectorOperator::DoesNotExist, &[]).matches(&l));
        assert!(!req("zone", SelectorOperator::In, &["a"]).matches(&l));
    }

    #[test]
    fn rule_6_3_empty_selector_matches_everything() {
        assert!(LabelSelector::default().matches(&labels(&[("x", "y")])));
        assert!(LabelSelector::default().matches(&Labels::new()));
    }

    #[test]
    fn rule_4_4_terms_are_ored_and_requirements_anded() {
        let term = |reqs| NodeSelectorTerm { requirements: reqs };
        let selector = NodeSelector {
            terms: vec![
                term(vec![
                    NodeSelectorRequirement::Label(req("disk", SelectorOperator::In, &["ssd"])),
                    NodeSelectorRequirement::Gt("cores".into(), 4),
                ]),
                term(vec![NodeSelectorRequirement::Name(req(
                    "metadata.name",
                    SelectorOperator::In,
                    &["n3"],
                ))]),
            ],
        };
        assert!(selector.matches("n1", &labels(&[("disk", "ssd"), ("cores", "8")])));
        assert!(!selector.matches("n1", &labels(&[("disk", "ssd"), ("cores", "2")])));
        assert!(selector.matches("n3", &Labels::new()));
        assert!(!NodeSelector::default().matches("n1", &Labels::new()));
    }
}
