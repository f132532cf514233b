//! Reading label selectors and node selectors.

use super::read::Field;
use crate::diagnostic::Code;
use crate::model::{
    LabelSelector, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
    Requirement, SelectorOperator,
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

fn parse_operator(f: &Field<'_>) -> Option<SelectorOperator> {
    let op = f.string();
    let parsed = match op.as_str() {
        "In" => SelectorOperator::In,
        "NotIn" => SelectorOperator::NotIn,
        "Exists" => SelectorOperator::Exists,
        "DoesNotExist" => SelectorOperator::DoesNotExist,
        _ => return None,
    };
    Some(parsed)
}

fn report_operator(f: &Field<'_>, allowed: &str) {
    let op = f.string();
    let path = f.dotted();
    f.warn(
        Code::InvalidValue,
        Text::new(
            format!("{path}: `{op}` is not an operator ({allowed}); the requirement is ignored"),
            format!("{path}: `{op}`은(는) 연산자가 아닙니다 ({allowed}). 이 조건은 무시됩니다"),
        ),
    );
}

fn read_requirement(r: &Field<'_>) -> Option<Requirement> {
    let op_field = r.get("operator");
    let Some(operator) = parse_operator(&op_field) else {
        report_operator(&op_field, "In, NotIn, Exists, DoesNotExist");
        return None;
    };
    Some(Requirement {
        key: r.get("key").string(),
        operator,
        values: r.get("values").strings(),
    })
}

fn read_node_requirement(r: &Field<'_>, field_selector: bool) -> Option<NodeSelectorRequirement> {
    let op_field = r.get("operator");
    let key = r.get("key").string();
    let values = r.get("values").strings();
    let number = || {
        let parsed = values.first().and_then(|v| v.parse::<i64>().ok());
        if parsed.is_none() {
            let path = r.get("values").dotted();
            r.get("values").warn(
                Code::InvalidValue,
                Text::new(
                    format!("{path}: Gt and Lt need one integer value"),
                    format!("{path}: Gt와 Lt에는 정수 값 하나가 필요합니다"),
                ),
            );
        }
        parsed
    };
    match op_field.string().as_str() {
        "Gt" if !field_selector => number().map(|n| NodeSelectorRequirement::Gt(key, n)),
        "Lt" if !field_selector => number().map(|n| NodeSelectorRequirement::Lt(key, n)),
        _ => {
            let Some(operator) = parse_operator(&op_field) else {
                report_operator(&op_field, "In, NotIn, Exists, DoesNotExist, Gt, Lt");
                return None;
            };
            let requirement = Requirement {
                key,
                operator,
                values,
            };
            Some(if field_selector {
                NodeSelectorRequirement::Name(requirement)
            } else {
                NodeSelectorRequirement::Label(requirement)
            })
        }
    }
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
    f.is_set().then(|| NodeSelector {
        terms: f.get("nodeSelectorTerms").items(read_term),
    })
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
            .items(|p| {
                (
                    p.get("weight").int().unwrap_or(1).clamp(1, 100) as i32,
                    read_term(&p.get("preference")),
                )
            }),
    })
}
