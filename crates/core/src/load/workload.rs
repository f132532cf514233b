//! Reading controllers: Deployment, ReplicaSet, ReplicationController, StatefulSet,
//! DaemonSet, Job and CronJob.

use super::api_error::{json_map, Cause, Shown};
use super::pod::read_pod_spec;
use super::read::Field;
use super::selectors::read_label_selector;
use super::storage::read_claim_spec;
use crate::diagnostic::{Code, Severity};
use crate::model::{IntOrString, LabelSelector, UpdateStrategy, WorkloadKind, WorkloadSpec};
use crate::text::Text;
use crate::yaml::Value;

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
    // The template's restartPolicy, defaulted to Always (rule 9.2), must suit the kind (3.11).
    let template_spec = template.get("spec");
    let restart = template_spec.get("restartPolicy");
    let policy = crate::model::RestartPolicy::as_str(pod_spec.restart_policy);
    let jobs = matches!(kind, WorkloadKind::Job | WorkloadKind::CronJob);
    if template.is_set() && jobs && pod_spec.restart_policy == crate::model::RestartPolicy::Always {
        restart.reject(Cause::Unsupported(
            Shown::Str(policy.to_owned()),
            &["OnFailure", "Never"],
        ));
    } else if template.is_set()
        && !jobs
        && pod_spec.restart_policy != crate::model::RestartPolicy::Always
    {
        restart.reject(Cause::Unsupported(
            Shown::Str(policy.to_owned()),
            &["Always"],
        ));
    }
    let selector = read_selector(kind, &spec, &template_labels);
    let replicas_field = match kind {
        WorkloadKind::Job | WorkloadKind::CronJob => pod_owner.get("parallelism"),
        _ => spec.get("replicas"),
    };
    let replicas = replicas_field.int();
    if let Some(r) = replicas.filter(|r| *r < 0) {
        replicas_field.reject(Cause::Invalid(
            Shown::Int(r),
            Text::new("must be greater than or equal to 0", "0 이상이어야 합니다"),
        ));
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
        strategy: read_strategy(kind, &spec),
        revision_history_limit: spec.get("revisionHistoryLimit").int().unwrap_or(10),
        progress_deadline_seconds: (kind == WorkloadKind::Deployment)
            .then(|| spec.get("progressDeadlineSeconds").int().unwrap_or(600)),
        min_ready_seconds: spec.get("minReadySeconds").int().unwrap_or(0),
    }
}

/// An IntOrString that is a count or a percentage (`maxSurge: 25%`).
pub(crate) fn read_count(f: &Field<'_>) -> Option<IntOrString> {
    match f.value()? {
        Value::Int(n) => Some(IntOrString::Int(*n)),
        Value::Str(s) => Some(IntOrString::Str(s.to_string())),
        _ => None,
    }
}

/// 0, or 0%: what `maxSurge` and `maxUnavailable` may not both be.
fn is_zero(count: &Option<IntOrString>) -> bool {
    match count {
        Some(IntOrString::Int(0)) => true,
        Some(IntOrString::Str(s)) => s.trim_end_matches('%').trim() == "0",
        _ => false,
    }
}

/// The update strategy, with the API server's defaults (rule 9.3) and its checks (9.6).
fn read_strategy(kind: WorkloadKind, spec: &Field<'_>) -> UpdateStrategy {
    let field = match kind {
        WorkloadKind::Deployment => spec.get("strategy"),
        WorkloadKind::StatefulSet | WorkloadKind::DaemonSet => spec.get("updateStrategy"),
        _ => return UpdateStrategy::default(),
    };
    let type_field = field.get("type");
    let written = type_field.str();
    let supported: &'static [&'static str] = match kind {
        WorkloadKind::Deployment => &["Recreate", "RollingUpdate"],
        _ => &["OnDelete", "RollingUpdate"],
    };
    let kind_name = match written.as_deref() {
        None | Some("") => "RollingUpdate",
        Some(t) => match supported.iter().find(|s| **s == t) {
            Some(s) => s,
            None => {
                type_field.reject(Cause::Unsupported(Shown::Str(t.to_owned()), supported));
                "RollingUpdate"
            }
        },
    };
    let rolling = field.get("rollingUpdate");
    if kind_name != "RollingUpdate" {
        if rolling.is_set() {
            rolling.reject(Cause::Forbidden(Text::new(
                format!("may not be specified when strategy `type` is '{kind_name}'"),
                format!("strategy `type`이 '{kind_name}'이면 지정할 수 없습니다"),
            )));
        }
        return UpdateStrategy {
            kind: kind_name,
            ..UpdateStrategy::default()
        };
    }
    let surge = read_count(&rolling.get("maxSurge"));
    let unavailable = read_count(&rolling.get("maxUnavailable"));
    let (surge, unavailable, partition) = match kind {
        WorkloadKind::Deployment => (
            surge.or(Some(IntOrString::Str("25%".into()))),
            unavailable.or(Some(IntOrString::Str("25%".into()))),
            None,
        ),
        WorkloadKind::DaemonSet => (
            surge.or(Some(IntOrString::Int(0))),
            unavailable.or(Some(IntOrString::Int(1))),
            None,
        ),
        _ => (
            None,
            unavailable,
            Some(rolling.get("partition").int().unwrap_or(0)),
        ),
    };
    if kind != WorkloadKind::StatefulSet && is_zero(&surge) && is_zero(&unavailable) {
        rolling.get("maxUnavailable").reject(Cause::Invalid(
            Shown::Int(0),
            Text::new(
                "may not be 0 when `maxSurge` is 0",
                "`maxSurge`가 0이면 0일 수 없습니다",
            ),
        ));
    }
    UpdateStrategy {
        kind: kind_name,
        max_surge: surge,
        max_unavailable: unavailable,
        partition,
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
        if kind != WorkloadKind::ReplicationController {
            // apps/v1 has no default selector (rule 6.2).
            field.reject(Cause::Required(None));
        }
        return Some(LabelSelector::from_map(template_labels.clone()));
    };
    if !selector.matches(template_labels) {
        let template = spec.get("template");
        let metadata = template.get("metadata");
        metadata.get("labels").reject(Cause::Invalid(
            json_map(
                template_labels
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            ),
            Text::new(
                "`selector` does not match template `labels`",
                "`selector`가 템플릿 `labels`와 맞지 않습니다",
            ),
        ));
    }
    Some(selector)
}
