//! Reading label selectors and node selectors.

use super::api_error::{Cause, Shown};
use super::read::Field;
use crate::diagnostic::Code;
use crate::model::{
    InterPodAffinity, LabelSelector, NodeAffinity, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, PodAffinityTerm, Requirement, SelectorOperator, SpreadConstraint,
};
use crate::text::Text;

/// A `LabelSelector`; `None` when the field is absent or null.
pub(crate) fn read_label_selector(f: &Field<'_>) -> Option<LabelSelector> {
    if !f.is_set() || !f.expect_map() {
        return None;
    }
    Some(LabelSelector {
        match_labels: f.get("matchLabels").string_map(),
        match_expressions: f
            .get("matchExpressions")
            .items(read_requirement)
            .into_iter()
            .flatten()
            .collect(),
    })
}

fn parse_operator(op: &str) -> Option<SelectorOperator> {
    Some(match op {
        "In" => SelectorOperator::In,
        "NotIn" => SelectorOperator::NotIn,
        "Exists" => SelectorOperator::Exists,
        "DoesNotExist" => SelectorOperator::DoesNotExist,
        _ => return None,
    })
}

/// `Invalid value: "Foo": not a valid selector operator`, as both label selectors and node
/// selectors word it.
fn reject_operator(field: &Field<'_>, op: &str) {
    field.reject(Cause::Invalid(
        Shown::Str(op.to_owned()),
        Text::new(
            "not a valid selector operator",
            "올바른 셀렉터 연산자가 아닙니다",
        ),
    ));
}

/// The API's checks of `values` for the set-based operators, shared by label selectors
/// (`ValidateLabelSelectorRequirement`) and node selectors (`ValidateNodeSelectorRequirement`).
/// True when the values fit the operator.
fn check_values(r: &Field<'_>, operator: SelectorOperator, values: &[String]) -> bool {
    let field = r.get("values");
    match operator {
        SelectorOperator::In | SelectorOperator::NotIn if values.is_empty() => {
            field.reject(Cause::Required(Some(Text::new(
                "must be specified when `operator` is 'In' or 'NotIn'",
                "`operator`가 'In' 또는 'NotIn'이면 값을 지정해야 합니다",
            ))));
            false
        }
        SelectorOperator::Exists | SelectorOperator::DoesNotExist if !values.is_empty() => {
            field.reject(Cause::Forbidden(Text::new(
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                "`operator`가 'Exists' 또는 'DoesNotExist'이면 값을 지정할 수 없습니다",
            )));
            false
        }
        _ => true,
    }
}

/// One `matchExpressions` entry of a label selector. One the API rejects is left out (the
/// object is rejected anyway), as the API cannot turn it into a selector either.
fn read_requirement(r: &Field<'_>) -> Option<Requirement> {
    let op_field = r.get("operator");
    let op = op_field.string();
    let values = r.get("values").strings();
    let Some(operator) = parse_operator(&op) else {
        reject_operator(&op_field, &op);
        return None;
    };
    check_values(r, operator, &values).then(|| Requirement {
        key: r.get("key").string(),
        operator,
        values,
    })
}

/// One `matchExpressions` (`field_selector` false) or `matchFields` entry of a node selector
/// term, checked as `ValidateNodeSelectorRequirement` and
/// `ValidateNodeFieldSelectorRequirement` do.
fn read_node_requirement(r: &Field<'_>, field_selector: bool) -> Option<NodeSelectorRequirement> {
    let op_field = r.get("operator");
    let op = op_field.string();
    let key = r.get("key").string();
    let values = r.get("values").strings();
    if field_selector {
        return read_field_requirement(r, key, &op, values);
    }
    match op.as_str() {
        "Gt" | "Lt" => {
            if values.len() != 1 {
                r.get("values").reject(Cause::Required(Some(Text::new(
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                    "`operator`가 'Lt' 또는 'Gt'이면 값을 하나만 지정해야 합니다",
                ))));
                return None;
            }
            // The API takes any string; the scheduler compares integers only.
            let Ok(n) = values[0].trim().parse::<i64>() else {
                let path = r.get("values").dotted();
                r.get("values").warn(
                    Code::InvalidValue,
                    Text::new(
                        format!("{path}: Gt and Lt need one integer value"),
                        format!("{path}: Gt와 Lt에는 정수 값 하나가 필요합니다"),
                    ),
                );
                return None;
            };
            Some(if op == "Gt" {
                NodeSelectorRequirement::Gt(key, n)
            } else {
                NodeSelectorRequirement::Lt(key, n)
            })
        }
        _ => {
            let Some(operator) = parse_operator(&op) else {
                reject_operator(&op_field, &op);
                return None;
            };
            check_values(r, operator, &values).then_some(NodeSelectorRequirement::Label(
                Requirement {
                    key,
                    operator,
                    values,
                },
            ))
        }
    }
}

/// A `matchFields` entry: only `metadata.name`, only In or NotIn, exactly one value.
fn read_field_requirement(
    r: &Field<'_>,
    key: String,
    op: &str,
    values: Vec<String>,
) -> Option<NodeSelectorRequirement> {
    let operator = match op {
        "In" => Some(SelectorOperator::In),
        "NotIn" => Some(SelectorOperator::NotIn),
        _ => None,
    };
    let mut valid = true;
    match operator {
        Some(_) if values.len() != 1 => {
            r.get("values").reject(Cause::Required(Some(Text::new(
                "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                "노드 필드 셀렉터에서 `operator`가 'In' 또는 'NotIn'이면 값은 하나여야 합니다",
            ))));
            valid = false;
        }
        Some(_) => {}
        None => {
            reject_operator(&r.get("operator"), op);
            valid = false;
        }
    }
    if key != "metadata.name" {
        r.get("key").reject(Cause::Invalid(
            Shown::Str(key.clone()),
            Text::new(
                "not a valid field selector key",
                "올바른 필드 셀렉터 키가 아닙니다",
            ),
        ));
        valid = false;
    }
    let operator = operator.filter(|_| valid)?;
    Some(NodeSelectorRequirement::Name(Requirement {
        key,
        operator,
        values,
    }))
}

/// One `nodeSelectorTerms` entry.
fn read_term(t: &Field<'_>) -> NodeSelectorTerm {
    let mut requirements: Vec<NodeSelectorRequirement> = t
        .get("matchExpressions")
        .items(|r| read_node_requirement(r, false))
        .into_iter()
        .flatten()
        .collect();
    requirements.extend(
        t.get("matchFields")
            .items(|r| read_node_requirement(r, true))
            .into_iter()
            .flatten(),
    );
    NodeSelectorTerm { requirements }
}

/// A `NodeSelector` (`nodeSelectorTerms`).
pub(crate) fn read_node_selector(f: &Field<'_>) -> Option<NodeSelector> {
    if !f.is_set() {
        return None;
    }
    let terms = f.get("nodeSelectorTerms");
    let read = terms.items(read_term);
    if read.is_empty() {
        terms.reject(Cause::Required(Some(Text::new(
            "must have at least one node selector term",
            "노드 셀렉터 조건이 하나 이상 있어야 합니다",
        ))));
    }
    Some(NodeSelector { terms: read })
}

/// A pod's `affinity.nodeAffinity`.
pub(crate) fn read_node_affinity(f: &Field<'_>) -> Option<NodeAffinity> {
    if !f.is_set() {
        return None;
    }
    Some(NodeAffinity {
        required: read_node_selector(&f.get("requiredDuringSchedulingIgnoredDuringExecution")),
        preferred: f
            .get("preferredDuringSchedulingIgnoredDuringExecution")
            .items(|p| (read_weight(p), read_term(&p.get("preference")))),
    })
}

/// A weight of a preferred term, which the API keeps between 1 and 100.
fn read_weight(p: &Field<'_>) -> i32 {
    let field = p.get("weight");
    let weight = field.int().unwrap_or(0);
    if !(1..=100).contains(&weight) {
        field.reject(Cause::Invalid(
            Shown::Int(weight),
            Text::new("must be in the range 1-100", "1에서 100 사이여야 합니다"),
        ));
    }
    weight.clamp(1, 100) as i32
}

/// One `podAffinityTerm` (rule 4.10).
fn read_pod_affinity_term(t: &Field<'_>) -> PodAffinityTerm {
    let key = t.get("topologyKey");
    let topology_key = key.str().unwrap_or_default();
    if topology_key.is_empty() {
        key.reject(Cause::Required(Some(Text::new(
            "can not be empty",
            "비워 둘 수 없습니다",
        ))));
    }
    PodAffinityTerm {
        selector: read_label_selector(&t.get("labelSelector")),
        namespaces: t.get("namespaces").strings(),
        namespace_selector: read_label_selector(&t.get("namespaceSelector")),
        topology_key,
    }
}

/// The required and preferred terms of a `podAffinity` or `podAntiAffinity`.
fn read_pod_terms(f: &Field<'_>) -> (Vec<PodAffinityTerm>, Vec<(i32, PodAffinityTerm)>) {
    (
        f.get("requiredDuringSchedulingIgnoredDuringExecution")
            .items(read_pod_affinity_term),
        f.get("preferredDuringSchedulingIgnoredDuringExecution")
            .items(|p| {
                (
                    read_weight(p),
                    read_pod_affinity_term(&p.get("podAffinityTerm")),
                )
            }),
    )
}

/// A pod's `affinity.podAffinity` and `affinity.podAntiAffinity`.
pub(crate) fn read_inter_pod_affinity(affinity: &Field<'_>) -> InterPodAffinity {
    let (affinity_terms, preferred_affinity) = read_pod_terms(&affinity.get("podAffinity"));
    let (anti_affinity, preferred_anti_affinity) = read_pod_terms(&affinity.get("podAntiAffinity"));
    InterPodAffinity {
        affinity: affinity_terms,
        anti_affinity,
        preferred_affinity,
        preferred_anti_affinity,
    }
}

/// `must be greater than zero` unless `value` is positive.
fn check_positive(field: &Field<'_>, value: i64) {
    if value <= 0 {
        field.reject(Cause::Invalid(
            Shown::Int(value),
            Text::new("must be greater than zero", "0보다 커야 합니다"),
        ));
    }
}

/// One `topologySpreadConstraints` entry, with the API server's checks (rule 4.14).
pub(crate) fn read_spread_constraint(c: &Field<'_>) -> SpreadConstraint {
    let skew = c.get("maxSkew");
    let max_skew = skew.int().unwrap_or(0);
    check_positive(&skew, max_skew);
    let key = c.get("topologyKey");
    let topology_key = key.str().unwrap_or_default();
    if topology_key.is_empty() {
        key.reject(Cause::Required(Some(Text::new(
            "can not be empty",
            "비워 둘 수 없습니다",
        ))));
    }
    let when = c.get("whenUnsatisfiable");
    let action = when.str().unwrap_or_default();
    if !matches!(action.as_str(), "DoNotSchedule" | "ScheduleAnyway") {
        when.reject(Cause::Unsupported(
            Shown::Str(action.clone()),
            &["DoNotSchedule", "ScheduleAnyway"],
        ));
    }
    let min = c.get("minDomains");
    let min_domains = min.int();
    if let Some(m) = min_domains {
        check_positive(&min, m);
        if action != "DoNotSchedule" {
            min.reject(Cause::Invalid(
                Shown::Int(m),
                Text::new(
                    format!("can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {action}"),
                    format!("minDomains는 whenUnsatisfiable=DoNotSchedule일 때만 쓸 수 있습니다 ({action} 아님)"),
                ),
            ));
        }
    }
    SpreadConstraint {
        max_skew,
        topology_key,
        hard: action != "ScheduleAnyway",
        selector: read_label_selector(&c.get("labelSelector")),
        min_domains: min_domains.unwrap_or(1).max(1),
        ignore_node_affinity: c.get("nodeAffinityPolicy").str().as_deref() == Some("Ignore"),
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::load::load;
    use crate::load::rejected_messages as rejected;

    fn deployment(selector: &str) -> String {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  selector:\n{selector}  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers: [{{name: c, image: nginx}}]\n"
        )
    }

    fn pod_with_affinity(node_affinity: &str) -> String {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers: [{{name: c, image: nginx}}]\n  affinity:\n    nodeAffinity:\n{node_affinity}"
        )
    }

    #[test]
    fn a_label_selector_operator_outside_the_four_is_rejected() {
        let text = deployment(
            "    matchLabels: {app: web}\n    matchExpressions:\n    - {key: tier, operator: Foo, values: [a]}\n",
        );
        assert_eq!(
            rejected(&text),
            ["The Deployment \"web\" is invalid: spec.selector.matchExpressions[0].operator: Invalid value: \"Foo\": not a valid selector operator"]
        );
    }

    #[test]
    fn in_without_values_and_exists_with_values_are_rejected() {
        let text = deployment(
            "    matchLabels: {app: web}\n    matchExpressions:\n    - {key: tier, operator: In}\n    - {key: app, operator: Exists, values: [web]}\n",
        );
        assert_eq!(
            rejected(&text),
            [
                "The Deployment \"web\" is invalid: spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "The Deployment \"web\" is invalid: spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ]
        );
    }

    #[test]
    fn valid_set_based_selectors_load_clean() {
        let text = deployment(
            "    matchExpressions:\n    - {key: app, operator: In, values: [web]}\n    - {key: gone, operator: DoesNotExist}\n",
        );
        assert!(!load(&text).has_errors(), "{:#?}", load(&text).diagnostics);
    }

    #[test]
    fn a_node_selector_operator_outside_the_six_is_rejected() {
        let text = pod_with_affinity(
            "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: disk, operator: Within, values: [ssd]}\n",
        );
        assert_eq!(
            rejected(&text),
            ["The Pod \"p\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"Within\": not a valid selector operator"]
        );
    }

    #[test]
    fn gt_and_lt_take_exactly_one_value() {
        let text = pod_with_affinity(
            "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: cores, operator: Gt, values: ['4', '8']}\n          - {key: cores, operator: Lt}\n",
        );
        let path = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions";
        assert_eq!(
            rejected(&text),
            [
                format!("The Pod \"p\" is invalid: {path}[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"),
                format!("The Pod \"p\" is invalid: {path}[1].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"),
            ]
        );
    }

    #[test]
    fn a_gt_value_that_is_not_an_integer_is_accepted_by_the_api_with_a_warning() {
        let text = pod_with_affinity(
            "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - {key: cores, operator: Gt, values: [four]}\n",
        );
        let loaded = load(&text);
        assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
        assert!(loaded
            .diagnostics
            .iter()
            .any(|d| d.code == Code::InvalidValue && d.message.en.contains("integer")));
    }

    #[test]
    fn match_fields_take_metadata_name_in_or_not_in_and_one_value() {
        let text = pod_with_affinity(
            "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchFields:\n          - {key: metadata.name, operator: Exists}\n          - {key: metadata.labels, operator: In, values: [a, b]}\n          - {key: metadata.name, operator: In, values: [k8s-node1]}\n",
        );
        let path = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields";
        assert_eq!(
            rejected(&text),
            [
                format!("The Pod \"p\" is invalid: {path}[0].operator: Invalid value: \"Exists\": not a valid selector operator"),
                format!("The Pod \"p\" is invalid: {path}[1].key: Invalid value: \"metadata.labels\": not a valid field selector key"),
                format!("The Pod \"p\" is invalid: {path}[1].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector"),
            ]
        );
    }

    #[test]
    fn a_required_node_selector_needs_a_term_and_preferred_weights_stay_in_1_to_100() {
        let text = pod_with_affinity(
            "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: []\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 0\n        preference:\n          matchExpressions: [{key: disk, operator: Exists}]\n",
        );
        let path = "spec.affinity.nodeAffinity";
        assert_eq!(
            rejected(&text),
            [
                format!("The Pod \"p\" is invalid: {path}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term"),
                format!("The Pod \"p\" is invalid: {path}.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"),
            ]
        );
    }
}
