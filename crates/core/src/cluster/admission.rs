//! What the API server refuses when it allocates a Service's addresses: a requested clusterIP
//! outside the Service range or already taken, a requested nodePort another Service holds
//! (rule 9.6). Validation cannot see these; the allocator does, on create, and the Service is
//! then rejected as a whole, like any invalid object (rule 9.7).
//!
//! Models `pkg/registry/core/service/storage/alloc.go` (allocClusterIPs, initNodePorts) and the
//! allocators' errors (`ipallocator.ErrNotInRange`, `ErrAllocated`, `portallocator.ErrAllocated`).

use super::ipam;
use super::{Cluster, Rejected};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::load::api_error::{cause, invalid, quoted, with_more, Cause, Shown};
use crate::model::{Anchor, Object, ServiceSpec, ServiceType};
use crate::text::Text;

/// One refused field: where it is written and the API server's cause.
pub(super) struct Refusal {
    anchor: Anchor,
    cause: Text,
}

/// Why the allocators refuse this Service's requested addresses (none when they accept).
pub(super) fn allocation_refusals(
    cluster: &Cluster,
    spec: &ServiceSpec,
    wants_node_ports: bool,
) -> Vec<Refusal> {
    let mut refusals = Vec::new();
    let requested_ip = match spec.service_type {
        ServiceType::ExternalName => None,
        _ => spec
            .cluster_ip
            .as_deref()
            .filter(|ip| *ip != "None" && !ip.is_empty()),
    };
    if let Some(requested) = requested_ip {
        let why = match ipam::parse_ip(requested) {
            None => Some((
                "spec.clusterIPs[0]",
                Cause::Invalid(
                    Shown::Str(requested.to_owned()),
                    Text::new(
                        "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                        "올바른 IP 주소여야 합니다 (예: 10.9.8.7, 2001:db8::ffff)",
                    ),
                ),
            )),
            Some(ip) if !ipam::in_service_range(ip) => Some((
                "spec.clusterIPs",
                allocate_failed(requested, &format!(
                    "the provided IP ({requested}) is not in the valid range. The range of valid IPs is 10.96.0.0/12"
                ), &format!("제공된 IP({requested})가 허용 범위 밖입니다. 허용 범위는 10.96.0.0/12입니다")),
            )),
            Some(ip) if cluster.allocations.cluster_ip_taken(ip) => Some((
                "spec.clusterIPs",
                allocate_failed(
                    requested,
                    "provided IP is already allocated",
                    "제공된 IP는 이미 할당되어 있습니다",
                ),
            )),
            Some(_) => None,
        };
        if let Some((path, why)) = why {
            refusals.push(Refusal {
                anchor: Anchor::ClusterIp,
                cause: cause(path, &why),
            });
        }
    }
    if wants_node_ports {
        let mut asked = Vec::new();
        for (i, port) in spec.ports.iter().enumerate() {
            let Some(requested) = port.node_port else {
                continue;
            };
            if cluster.allocations.node_port_taken(requested) || asked.contains(&requested) {
                refusals.push(Refusal {
                    anchor: Anchor::Ports,
                    cause: cause(
                        &format!("spec.ports[{i}].nodePort"),
                        &Cause::Invalid(
                            Shown::Int(i64::from(requested)),
                            Text::new(
                                "provided port is already allocated",
                                "이미 할당된 포트입니다",
                            ),
                        ),
                    ),
                });
            }
            asked.push(requested);
        }
    }
    refusals
}

/// `spec.clusterIPs: Invalid value: ["<ip>"]: failed to allocate IP <ip>: <why>`.
fn allocate_failed(ip: &str, why_en: &str, why_ko: &str) -> Cause {
    Cause::Invalid(
        Shown::Json(format!("[{}]", quoted(ip))),
        Text::new(
            format!("failed to allocate IP {ip}: {why_en}"),
            format!("IP {ip}을(를) 할당하지 못했습니다: {why_ko}"),
        ),
    )
}

/// Rejects the Service: one diagnostic per cause at its field (code `port-clash`, as before the
/// rejection was modelled, so that tools reading the code keep working), and a tray entry.
pub(super) fn reject(
    cluster: &mut Cluster,
    object: &Object,
    refusals: Vec<Refusal>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let meta = &object.meta;
    let reason = with_more(
        &invalid(&meta.kind, &meta.name, &refusals[0].cause),
        refusals.len() - 1,
    );
    for refusal in refusals {
        diagnostics.push(
            Diagnostic::new(
                Severity::Error,
                Code::PortClash,
                invalid(&meta.kind, &meta.name, &refusal.cause),
            )
            .at(
                Some(object.origin.document),
                object.origin.at(refusal.anchor),
            )
            .about(meta.object_ref()),
        );
    }
    cluster.rejected.push(Rejected {
        kind: meta.kind.clone(),
        namespace: meta.namespace.clone(),
        name: meta.name.clone(),
        reason,
    });
}
