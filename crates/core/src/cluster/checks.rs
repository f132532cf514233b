//! Diagnostics that need the whole cluster: selectors that match nothing, names that point
//! nowhere, claims nothing can satisfy, pods that cannot run.

use super::state::{ClaimPhase, Phase, Pod};
use super::{storage, Cluster};
use crate::diagnostic::{Code, Diagnostic, ObjectRef};
use crate::model::{Anchor, Body, IntOrString, Object, Origin, ServiceType, VolumeSource};
use crate::sorted::VecSet;
use crate::text::Text;

fn at(origin: &Origin, anchor: Anchor, d: Diagnostic) -> Diagnostic {
    d.at(Some(origin.document), origin.at(anchor))
}

fn describe_labels(pod: &Pod) -> String {
    if pod.labels.is_empty() {
        return "no labels".to_owned();
    }
    pod.labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds the cluster-level diagnostics.
pub fn check(cluster: &Cluster, objects: &[Object], out: &mut Vec<Diagnostic>) {
    services(cluster, out);
    claims(cluster, out);
    pods(cluster, out);
    manual_endpoints(cluster, objects, out);
    references(cluster, objects, out);
}

fn services(cluster: &Cluster, out: &mut Vec<Diagnostic>) {
    for s in &cluster.services {
        let about = ObjectRef::new("Service", &s.namespace, &s.name);
        if let Some(selector) = s.spec.effective_selector() {
            let wanted = selector
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ");
            let matches = |p: &&Pod| selector.iter().all(|(k, v)| p.labels.get(k) == Some(v));
            // Endpoints exist only for matching pods; the scan is for the rare empty ones.
            let selects_nothing = s.endpoints.is_empty()
                && !cluster
                    .pods
                    .iter()
                    .filter(|p| p.namespace == s.namespace)
                    .any(|p| matches(&p));
            if selects_nothing {
                let elsewhere = cluster
                    .pods
                    .iter()
                    .filter(matches)
                    .find(|p| p.namespace != s.namespace);
                let (hint_en, hint_ko) = match elsewhere {
                    Some(p) => (
                        format!("pod {} in namespace {} has these labels, but a Service selects pods of its own namespace only", p.name, p.namespace),
                        format!("네임스페이스 {}의 파드 {}에 이 레이블이 있지만, 서비스는 자기 네임스페이스의 파드만 선택합니다", p.namespace, p.name),
                    ),
                    None => {
                        let seen: Vec<String> = cluster
                            .pods
                            .iter()
                            .filter(|p| p.namespace == s.namespace)
                            .take(3)
                            .map(|p| format!("{} ({})", p.name, describe_labels(p)))
                            .collect();
                        if seen.is_empty() {
                            ("there are no pods in this namespace".to_owned(), "이 네임스페이스에는 파드가 없습니다".to_owned())
                        } else {
                            (format!("pods here: {}", seen.join("; ")), format!("이 네임스페이스의 파드: {}", seen.join("; ")))
                        }
                    }
                };
                out.push(at(
                    &s.origin,
                    Anchor::Selector,
                    Diagnostic::warning(
                        Code::SelectorMatchesNothing,
                        Text::new(
                            format!("Service {} selects {wanted}, but no pod in namespace {} has these labels, so it has no endpoints", s.name, s.namespace),
                            format!("서비스 {}는 {wanted}를 선택하지만, 네임스페이스 {}에 이 레이블을 가진 파드가 없어 엔드포인트가 없습니다", s.name, s.namespace),
                        ),
                    )
                    .about(about.clone())
                    .hint(Text::new(hint_en, hint_ko)),
                ));
            }
            for (i, port) in s.ports.iter().enumerate() {
                let IntOrString::Str(name) = &port.target else {
                    continue;
                };
                if !s.endpoints.is_empty()
                    && s.endpoints
                        .iter()
                        .all(|e| e.ports.get(i).copied().flatten().is_none())
                {
                    out.push(at(
                        &s.origin,
                        Anchor::Ports,
                        Diagnostic::warning(
                            Code::TargetPortUnresolved,
                            Text::new(
                                format!("targetPort `{name}` of Service {} names a port no selected pod declares, so port {} reaches nothing", s.name, port.port),
                                format!("서비스 {}의 targetPort `{name}`은(는) 선택된 어떤 파드도 선언하지 않은 포트 이름이라, 포트 {}는 아무 데도 닿지 않습니다", s.name, port.port),
                            ),
                        )
                        .about(about.clone())
                        .hint(Text::new(
                            format!("add `name: {name}` to a containerPort of the pods, or use the port number"),
                            format!("파드의 containerPort에 `name: {name}`을 추가하거나 포트 번호를 쓰세요"),
                        )),
                    ));
                }
            }
        }
        if s.spec.service_type == ServiceType::ExternalName {
            if let Some(target) = &s.spec.external_name {
                if super::ipam::parse_ip(target).is_some() {
                    out.push(at(
                        &s.origin,
                        Anchor::ExternalName,
                        Diagnostic::warning(
                            Code::InvalidValue,
                            Text::new(
                                format!("externalName {target} looks like an IP address; DNS treats it as a name, which will not resolve"),
                                format!("externalName {target}은(는) IP 주소처럼 보입니다. DNS는 이를 이름으로 다루므로 해석되지 않습니다"),
                            ),
                        )
                        .about(about.clone())
                        .hint(Text::new(
                            "for an IP, use a Service without a selector and an EndpointSlice",
                            "IP라면 셀렉터 없는 서비스와 EndpointSlice를 쓰세요",
                        )),
                    ));
                }
            }
        }
    }
}

fn claims(cluster: &Cluster, out: &mut Vec<Diagnostic>) {
    for c in &cluster.claims {
        let ClaimPhase::Pending(reason) = &c.phase else {
            continue;
        };
        if storage::binding_mode(cluster, c) == crate::model::BindingMode::WaitForFirstConsumer {
            continue;
        }
        let Some(origin) = &c.origin else { continue };
        let closest = cluster.volumes.iter().find_map(|v| mismatch(c, v));
        let mut d = at(
            origin,
            Anchor::StorageClass,
            Diagnostic::warning(
                Code::ClaimUnsatisfiable,
                Text::new(
                    format!(
                        "PersistentVolumeClaim {} stays Pending: {}",
                        c.name, reason.en
                    ),
                    format!(
                        "PersistentVolumeClaim {}은(는) Pending으로 남습니다: {}",
                        c.name, reason.ko
                    ),
                ),
            )
            .about(ObjectRef::new(
                "PersistentVolumeClaim",
                &c.namespace,
                &c.name,
            )),
        );
        if let Some(hint) = closest {
            d = d.hint(hint);
        }
        out.push(d);
    }
}

/// Why a volume does not fit a claim, for the first rule it breaks (rule 5.7).
fn mismatch(claim: &super::state::Claim, v: &super::state::Volume) -> Option<Text> {
    use crate::model::quantity::format_bytes;
    let class = claim.class.clone().unwrap_or_default();
    let name = &v.name;
    if v.class != class {
        let show = |c: &str| {
            if c.is_empty() {
                "no class".to_owned()
            } else {
                format!("class \"{c}\"")
            }
        };
        return Some(Text::new(
            format!(
                "PV {name} has {}, the claim asks for {}",
                show(&v.class),
                show(&class)
            ),
            format!(
                "PV {name}은(는) {}이고, 클레임은 {}을(를) 요구합니다",
                show(&v.class),
                show(&class)
            ),
        ));
    }
    if v.capacity < claim.spec.request {
        return Some(Text::new(
            format!(
                "PV {name} offers {}, less than the {} asked for",
                format_bytes(v.capacity),
                format_bytes(claim.spec.request)
            ),
            format!(
                "PV {name}은(는) {}로, 요구한 {}보다 작습니다",
                format_bytes(v.capacity),
                format_bytes(claim.spec.request)
            ),
        ));
    }
    if !claim
        .spec
        .access_modes
        .iter()
        .all(|m| v.access_modes.contains(m))
    {
        let modes = |m: &[crate::model::AccessMode]| {
            m.iter().map(|a| a.short()).collect::<Vec<_>>().join(",")
        };
        return Some(Text::new(
            format!(
                "PV {name} allows {}, the claim asks for {}",
                modes(&v.access_modes),
                modes(&claim.spec.access_modes)
            ),
            format!(
                "PV {name}은(는) {}를 허용하고, 클레임은 {}를 요구합니다",
                modes(&v.access_modes),
                modes(&claim.spec.access_modes)
            ),
        ));
    }
    if !matches!(v.phase, super::state::VolumePhase::Available) {
        return Some(Text::new(
            format!("PV {name} is {}, not Available", v.phase.as_str()),
            format!(
                "PV {name}은(는) Available이 아니라 {}입니다",
                v.phase.as_str()
            ),
        ));
    }
    None
}

/// One diagnostic per pod that cannot run, or per workload for its pods.
fn pods(cluster: &Cluster, out: &mut Vec<Diagnostic>) {
    let mut reported: VecSet<usize> = VecSet::new();
    for pod in &cluster.pods {
        let stuck =
            pod.phase == Phase::Failed || (pod.phase == Phase::Pending && pod.reason.is_some());
        let Some(reason) = pod.reason.as_ref().filter(|_| stuck) else {
            continue;
        };
        if let Some(owner) = &pod.owner {
            if !reported.insert(owner.workload) {
                continue;
            }
        }
        let Some(origin) = &pod.origin else { continue };
        let (kind, name) = match &pod.owner {
            Some(o) => {
                let w = &cluster.workloads[o.workload];
                (w.kind.as_str().to_owned(), w.name.clone())
            }
            None => ("Pod".to_owned(), pod.name.clone()),
        };
        let nothing_selects = cluster
            .nodes
            .iter()
            .all(|n| !super::schedule::selects(pod, n));
        let (code, anchor) = if nothing_selects {
            (
                Code::NodeSelectorUnmatched,
                if pod.spec.node_selector.is_empty() {
                    Anchor::Affinity
                } else {
                    Anchor::NodeSelector
                },
            )
        } else if reason.en.contains("MountVolume")
            || reason.en.contains("not found")
            || reason.en.contains("not bound")
        {
            (Code::MissingReference, Anchor::Volumes)
        } else if pod.spec.node_name.is_some() {
            (Code::Unschedulable, Anchor::NodeName)
        } else {
            (Code::Unschedulable, Anchor::Containers)
        };
        let state = if pod.phase == Phase::Failed {
            "fails"
        } else {
            "stays Pending"
        };
        let state_ko = if pod.phase == Phase::Failed {
            "실패합니다"
        } else {
            "Pending으로 남습니다"
        };
        out.push(at(
            origin,
            anchor,
            Diagnostic::warning(
                code,
                Text::new(
                    format!("pod {} {state}: {}", pod.name, reason.en),
                    format!("파드 {}은(는) {state_ko}: {}", pod.name, reason.ko),
                ),
            )
            .about(ObjectRef::new(&kind, &pod.namespace, &name)),
        ));
    }
}

fn manual_endpoints(cluster: &Cluster, objects: &[Object], out: &mut Vec<Diagnostic>) {
    let builtin = |m: &&super::ManualEndpoints| {
        cluster
            .service(&m.namespace, &m.spec.service)
            .is_some_and(|s| s.builtin)
    };
    for m in cluster.manual_endpoints.iter().filter(|m| !builtin(m)) {
        for address in m.spec.subsets.iter().flat_map(|s| &s.addresses) {
            let refused = super::ipam::parse_ip(&address.ip)
                .and_then(|ip| super::endpoints::refused_address(ip, &cluster.services));
            if let Some(why) = refused {
                out.push(at(
                    &m.origin,
                    Anchor::Subsets,
                    Diagnostic::warning(
                        Code::InvalidValue,
                        Text::new(
                            format!("endpoint address {} of {} is {why}, which endpoints may not be; it is left out (rule 1.13)", address.ip, m.name),
                            format!("{}의 엔드포인트 주소 {}는 {why}라 엔드포인트가 될 수 없어 제외됩니다 (규칙 1.13)", m.name, address.ip),
                        ),
                    )
                    .about(ObjectRef::new("Endpoints", &m.namespace, &m.name)),
                ));
            }
        }
    }
    for m in &cluster.manual_endpoints {
        let kind = objects
            .iter()
            .find(|o| {
                o.meta.name == m.name
                    && o.meta.namespace == m.namespace
                    && matches!(o.body, Body::Endpoints(_) | Body::EndpointSlice(_))
            })
            .map_or("Endpoints", |o| o.meta.kind.as_str());
        let about = ObjectRef::new(kind, &m.namespace, &m.name);
        match cluster.service(&m.namespace, &m.spec.service) {
            None => out.push(at(
                &m.origin,
                Anchor::Subsets,
                Diagnostic::warning(
                    Code::MissingReference,
                    Text::new(
                        format!("{kind} {} belongs to no Service: a Service named `{}` must exist in namespace {}", m.name, m.spec.service, m.namespace),
                        format!("{kind} {}이(가) 속한 서비스가 없습니다: 네임스페이스 {}에 `{}` 서비스가 있어야 합니다", m.name, m.namespace, m.spec.service),
                    ),
                )
                .about(about)
                .hint(Text::new(
                    "an Endpoints object takes the name of its Service; an EndpointSlice names it in the kubernetes.io/service-name label",
                    "Endpoints 오브젝트는 서비스와 같은 이름을, EndpointSlice는 kubernetes.io/service-name 레이블로 서비스를 가리킵니다",
                )),
            )),
            Some(s) if s.spec.effective_selector().is_some() => out.push(at(
                &m.origin,
                Anchor::Subsets,
                Diagnostic::warning(
                    Code::MissingReference,
                    Text::new(
                        format!("Service {} has a selector, so the endpoints controller manages its endpoints and overwrites {kind} {}", s.name, m.name),
                        format!("서비스 {}에는 셀렉터가 있어 엔드포인트 컨트롤러가 엔드포인트를 관리하며 {kind} {}를 덮어씁니다", s.name, m.name),
                    ),
                )
                .about(about)
                .hint(Text::new(
                    "remove the Service's selector to manage endpoints by hand",
                    "엔드포인트를 직접 관리하려면 서비스의 셀렉터를 지우세요",
                )),
            )),
            Some(_) => {}
        }
    }
}

/// References to objects the input does not have: a StatefulSet's governing Service,
/// Ingress backends.
fn references(cluster: &Cluster, objects: &[Object], out: &mut Vec<Diagnostic>) {
    for w in &cluster.workloads {
        let (Some(service), Some(origin)) = (&w.spec.service_name, &w.origin) else {
            continue;
        };
        if cluster.service(&w.namespace, service).is_none() {
            out.push(at(
                origin,
                Anchor::Selector,
                Diagnostic::warning(
                    Code::MissingReference,
                    Text::new(
                        format!("StatefulSet {} names serviceName {service}, but there is no such Service; its pods get no DNS names like {}-0.{service}", w.name, w.name),
                        format!("StatefulSet {}의 serviceName {service}에 해당하는 서비스가 없어 파드가 {}-0.{service} 같은 DNS 이름을 얻지 못합니다", w.name, w.name),
                    ),
                )
                .about(ObjectRef::new("StatefulSet", &w.namespace, &w.name)),
            ));
        }
    }
    for object in objects {
        let Body::Ingress(ingress) = &object.body else {
            continue;
        };
        for backend in &ingress.backends {
            if cluster
                .service(&object.meta.namespace, &backend.service)
                .is_none()
            {
                out.push(
                    Diagnostic::warning(
                        Code::MissingReference,
                        Text::new(
                            format!(
                                "Ingress {} routes to Service {}, which does not exist",
                                object.meta.name, backend.service
                            ),
                            format!(
                                "Ingress {}가 존재하지 않는 서비스 {}로 보냅니다",
                                object.meta.name, backend.service
                            ),
                        ),
                    )
                    .at(Some(object.origin.document), object.origin.position)
                    .about(object.meta.object_ref()),
                );
            }
        }
    }
    for pod in &cluster.pods {
        let Some(origin) = pod.origin.as_ref().filter(|_| pod.owner.is_none()) else {
            continue;
        };
        for volume in &pod.spec.volumes {
            if let VolumeSource::PersistentVolumeClaim { claim, .. } = &volume.source {
                if cluster.claim(&pod.namespace, claim).is_none() {
                    out.push(at(
                        origin,
                        Anchor::Volumes,
                        Diagnostic::warning(
                            Code::MissingReference,
                            Text::new(
                                format!("pod {} uses PersistentVolumeClaim {claim}, which does not exist; the pod cannot be scheduled", pod.name),
                                format!("파드 {}가 존재하지 않는 PersistentVolumeClaim {claim}을(를) 사용해 스케줄될 수 없습니다", pod.name),
                            ),
                        )
                        .about(ObjectRef::new("Pod", &pod.namespace, &pod.name)),
                    ));
                }
            }
        }
    }
}
