//! Reading one object: identity, metadata and the kind-specific body.

use super::api::{self, ApiCheck};
use super::api_error::{Cause, Shown};
use super::misc::{read_config_data, read_disruption_budget, read_ingress, read_network_policy};
use super::names;
use super::node::read_node;
use super::pod::{read_pod_spec, read_pod_status};
use super::read::Field;
use super::scenario::read_scenario;
use super::service::{read_endpoint_slice, read_endpoints, read_service};
use super::storage::{read_pv, read_pvc, read_storage_class};
use super::strict;
use super::workload::read_workload;
use crate::diagnostic::{Code, Severity};
use crate::model::{is_cluster_scoped, Body, Meta, WorkloadKind};
use crate::source::Position;
use crate::text::Text;

/// What a List tells its items when they leave out `apiVersion` or `kind`.
#[derive(Clone, Default)]
pub(crate) struct Defaults {
    pub api_version: Option<String>,
    pub kind: Option<String>,
}

/// Reads identity and body; `None` when the object has no kind (already reported).
/// `step_position` places the items of a Scenario's `spec.steps`.
pub(crate) fn read_object(
    root: &Field<'_>,
    defaults: &Defaults,
    step_position: &dyn Fn(usize) -> Position,
) -> Option<(Meta, Body)> {
    let kind_field = root.get("kind");
    let kind = kind_field
        .str()
        .map(|k| k.trim().to_owned())
        .filter(|k| !k.is_empty())
        .or_else(|| defaults.kind.clone());
    let Some(kind) = kind else {
        root.report(
            Severity::Error,
            Code::MissingKind,
            Text::new(
                "this document has no `kind`, so it is not a Kubernetes object",
                "이 문서에는 `kind`가 없어 쿠버네티스 오브젝트가 아닙니다",
            ),
            Some(Text::new(
                "add e.g. `kind: Pod` and `apiVersion: v1` at the top",
                "맨 위에 `kind: Pod`, `apiVersion: v1` 같은 줄을 추가하세요",
            )),
        );
        return None;
    };
    let api_version = read_api_version(root, &kind, defaults);
    let meta = read_meta(root, kind, api_version);
    let body = read_body(root, &meta, step_position);
    Some((meta, body))
}

fn read_api_version(root: &Field<'_>, kind: &str, defaults: &Defaults) -> String {
    let field = root.get("apiVersion");
    let Some(api_version) = field.str().or_else(|| defaults.api_version.clone()) else {
        let current = match api::check(kind, "") {
            ApiCheck::Unknown { current } => current,
            _ => "",
        };
        let hint = (!current.is_empty()).then(|| {
            Text::new(
                format!("add `apiVersion: {current}`"),
                format!("`apiVersion: {current}`을(를) 추가하세요"),
            )
        });
        root.report(
            Severity::Error,
            Code::MissingApiVersion,
            Text::new(
                format!("this {kind} has no `apiVersion`"),
                format!("이 {kind}에는 `apiVersion`이 없습니다"),
            ),
            hint,
        );
        return current.to_owned();
    };
    match api::check(kind, &api_version) {
        ApiCheck::Current => {}
        ApiCheck::Removed { since, current } => field.report(
            Severity::Warning,
            Code::RemovedApiVersion,
            Text::new(
                format!("{kind} {api_version} was removed in Kubernetes {since}; current clusters serve {current}"),
                format!("{kind} {api_version}은(는) 쿠버네티스 {since}에서 제거되었습니다. 현재 클러스터는 {current}을(를) 제공합니다"),
            ),
            Some(Text::new(
                format!("write `apiVersion: {current}`"),
                format!("`apiVersion: {current}`로 쓰세요"),
            )),
        ),
        ApiCheck::Unknown { current } => field.report(
            Severity::Error,
            Code::UnknownApiVersion,
            Text::new(
                format!("{kind} is not served by `{api_version}`; it is `{current}`"),
                format!("{kind}은(는) `{api_version}`에 없습니다. `{current}`입니다"),
            ),
            Some(Text::new(
                format!("write `apiVersion: {current}`"),
                format!("`apiVersion: {current}`로 쓰세요"),
            )),
        ),
    }
    api_version
}

fn read_meta(root: &Field<'_>, kind: String, api_version: String) -> Meta {
    let metadata = root.get("metadata");
    metadata.expect_map();
    let name_field = metadata.get("name");
    let name = match name_field.str().filter(|n| !n.is_empty()) {
        Some(name) => {
            if let Some(detail) = names::name_error(&kind, &name)
                .filter(|_| api::is_modelled(&kind) && kind != "Scenario")
            {
                name_field.reject(Cause::Invalid(Shown::Str(name.clone()), detail));
            }
            name
        }
        None => missing_name(root, &metadata, &kind),
    };
    let namespace = if is_cluster_scoped(&kind) {
        String::new()
    } else {
        metadata
            .get("namespace")
            .str()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "default".to_owned())
    };
    let controller = metadata
        .get("ownerReferences")
        .items(|o| {
            (o.get("controller").bool() == Some(true))
                .then(|| (o.get("kind").string(), o.get("name").string()))
        })
        .into_iter()
        .flatten()
        .next();
    Meta {
        api_version,
        kind,
        name,
        namespace,
        labels: metadata.get("labels").string_map(),
        annotations: metadata.get("annotations").string_map(),
        controller,
    }
}

/// A nameless object is named after its `generateName` (as the API server would name it) or
/// its kind, so it can still be drawn.
fn missing_name(root: &Field<'_>, metadata: &Field<'_>, kind: &str) -> String {
    if let Some(prefix) = metadata.get("generateName").str().filter(|p| !p.is_empty()) {
        metadata.report(
            Severity::Info,
            Code::MissingName,
            Text::new(
                format!("the {kind} has only generateName; the API server would add 5 random characters (shown as `{prefix}xxxxx`)"),
                format!("{kind}에 generateName만 있습니다. API 서버가 임의 문자 5개를 붙입니다 (`{prefix}xxxxx`로 표시)"),
            ),
            None,
        );
        return format!("{prefix}xxxxx");
    }
    root.report(
        Severity::Error,
        Code::MissingName,
        Text::new(
            format!("the {kind} has no metadata.name"),
            format!("{kind}에 metadata.name이 없습니다"),
        ),
        Some(Text::new(
            "add `metadata: {name: ...}`",
            "`metadata: {name: ...}`를 추가하세요",
        )),
    );
    format!("unnamed-{}", kind.to_ascii_lowercase())
}

fn read_body(root: &Field<'_>, meta: &Meta, step_position: &dyn Fn(usize) -> Position) -> Body {
    let kind = meta.kind.as_str();
    if api::is_modelled(kind) {
        strict::check(root, kind, &meta.api_version);
    }
    if let Some(workload) = WorkloadKind::parse(kind) {
        return Body::Workload(Box::new(read_workload(workload, root)));
    }
    match kind {
        "Pod" => Body::Pod(
            Box::new(read_pod_spec(&root.get("spec"), Some(root), &[])),
            read_pod_status(&root.get("status")),
        ),
        "Service" => Body::Service(Box::new(read_service(root))),
        "Endpoints" => Body::Endpoints(read_endpoints(root, &meta.name)),
        "EndpointSlice" => {
            let service = meta
                .labels
                .get("kubernetes.io/service-name")
                .cloned()
                .unwrap_or_default();
            Body::EndpointSlice(read_endpoint_slice(root, service))
        }
        "Node" => Body::Node(read_node(root)),
        "PersistentVolume" => Body::PersistentVolume(Box::new(read_pv(root, &meta.annotations))),
        "PersistentVolumeClaim" => Body::PersistentVolumeClaim(read_pvc(root, &meta.annotations)),
        "StorageClass" => Body::StorageClass(read_storage_class(root, &meta.annotations)),
        "ConfigMap" => Body::ConfigMap(read_config_data(root)),
        "Secret" => Body::Secret(read_config_data(root)),
        "Namespace" => Body::Namespace,
        "Ingress" => Body::Ingress(read_ingress(root)),
        "NetworkPolicy" => Body::NetworkPolicy(read_network_policy(root)),
        "PodDisruptionBudget" => Body::DisruptionBudget(read_disruption_budget(root)),
        "Scenario" => Body::Scenario(Box::new(read_scenario(root, &meta.name, step_position))),
        _ => Body::Other,
    }
}
