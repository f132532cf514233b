//! Reading controllers: Deployment, ReplicaSet, ReplicationController, StatefulSet,
//! DaemonSet, Job and CronJob.

use super::pod::read_pod_spec;
use super::read::Field;
use super::selectors::read_label_selector;
use super::storage::read_claim_spec;
use crate::diagnostic::{Code, Severity};
use crate::model::{LabelSelector, WorkloadKind, WorkloadSpec};
use crate::text::Text;

/// Reads a workload's spec (`root` is the object's root).
pub(crate) fn read_workload(kind: WorkloadKind, root: &Field<'_>) -> WorkloadSpec {
    let spec = root.get("spec");
    spec.expect_map();
    // A CronJob's pods come from spec.jobTemplate.spec.template (rule 6.1).
    let job_template = spec.get("jobTemplate");
    let job_template_spec = job_template.get("spec");
    let pod_owner = if kind == WorkloadKind::CronJob {
        &job_template_spec
    } else {
        &spec
    };
    let template = pod_owner.get("template");
    let template_labels = template.get("metadata").get("labels").string_map();
    let claim_templates = spec.get("volumeClaimTemplates").items(|t| {
        (
            t.get("metadata").get("name").string(),
            read_claim_spec(&t.get("spec")),
        )
    });
    let claim_names: Vec<&str> = claim_templates.iter().map(|(n, _)| n.as_str()).collect();
    let pod_spec = read_pod_spec(&template.get("spec"), None, &claim_names);
    if !template.is_set() {
        let path = template.dotted();
        spec.report(
            Severity::Warning,
            Code::MissingReference,
            Text::new(
                format!(
                    "{path} is missing: the {} has no pod template, so it creates no pods",
                    kind.as_str()
                ),
                format!(
                    "{path}이(가) 없습니다: {}에 파드 템플릿이 없어 파드를 만들지 않습니다",
                    kind.as_str()
                ),
            ),
            None,
        );
    }
    if matches!(kind, WorkloadKind::Job | WorkloadKind::CronJob)
        && pod_spec.restart_policy == crate::model::RestartPolicy::Always
    {
        let template_spec = template.get("spec");
        let path = template_spec.get("restartPolicy").dotted();
        template.report(
            Severity::Warning,
            Code::InvalidValue,
            Text::new(
                format!("{path} must be OnFailure or Never for a {}; Always (the default) is rejected by the API (rule 3.11)", kind.as_str()),
                format!("{}의 {path}는 OnFailure나 Never여야 합니다. 기본값 Always는 API가 거부합니다 (규칙 3.11)", kind.as_str()),
            ),
            Some(Text::new("add `restartPolicy: OnFailure` to the pod template", "파드 템플릿에 `restartPolicy: OnFailure`를 추가하세요")),
        );
    }
    let selector = read_selector(kind, &spec, &template_labels);
    let replicas_field = match kind {
        WorkloadKind::Job | WorkloadKind::CronJob => pod_owner.get("parallelism"),
        _ => spec.get("replicas"),
    };
    let replicas = replicas_field.int();
    if replicas.is_some_and(|r| r < 0) {
        let path = replicas_field.dotted();
        replicas_field.warn(
            Code::InvalidValue,
            Text::new(
                format!("{path} is negative; 0 is used"),
                format!("{path}이(가) 음수입니다. 0을 사용합니다"),
            ),
        );
    }
    WorkloadSpec {
        kind,
        replicas,
        selector,
        template_labels,
        template: pod_spec,
        service_name: spec.get("serviceName").str().filter(|s| !s.is_empty()),
        claim_templates,
        parallel: spec.get("podManagementPolicy").str().as_deref() == Some("Parallel"),
        completions: pod_owner.get("completions").int(),
        schedule: spec.get("schedule").str(),
    }
}

/// The pod selector: apps/v1 requires one that matches the template labels (rule 6.2);
/// a ReplicationController's plain map defaults to the template labels; a Job's is generated.
fn read_selector(
    kind: WorkloadKind,
    spec: &Field<'_>,
    template_labels: &crate::model::Labels,
) -> Option<LabelSelector> {
    let field = spec.get("selector");
    let selector = match kind {
        WorkloadKind::ReplicationController => Some(field.string_map())
            .filter(|m| !m.is_empty())
            .map(LabelSelector::from_map),
        WorkloadKind::Job | WorkloadKind::CronJob => return None,
        _ => read_label_selector(&field),
    };
    let Some(selector) = selector else {
        if kind != WorkloadKind::ReplicationController && !template_labels.is_empty() {
            let path = field.dotted();
            spec.warn(
                Code::MissingReference,
                Text::new(
                    format!("{path} is missing; apps/v1 requires it. kubeglass uses the template labels"),
                    format!("{path}이(가) 없습니다. apps/v1에서는 필수입니다. kubeglass는 템플릿 레이블을 사용합니다"),
                ),
            );
        }
        return Some(LabelSelector::from_map(template_labels.clone()));
    };
    if !selector.matches(template_labels) {
        let path = field.dotted();
        field.report(
            Severity::Warning,
            Code::InvalidValue,
            Text::new(
                format!(
                    "{path} ({}) does not match the template labels; Kubernetes rejects this",
                    selector.describe()
                ),
                format!(
                    "{path} ({})이(가) 템플릿 레이블과 맞지 않습니다. 쿠버네티스는 이를 거부합니다",
                    selector.describe()
                ),
            ),
            Some(Text::new(
                "make spec.template.metadata.labels include every label the selector asks for",
                "spec.template.metadata.labels에 셀렉터의 레이블을 모두 넣으세요",
            )),
        );
    }
    Some(selector)
}
