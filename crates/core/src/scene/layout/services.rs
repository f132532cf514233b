//! The Service lane: each Service with its type, ClusterIP:port and Endpoints list,
//! grouped by namespace.

use super::style::{word, Word, GAP, ICON, LINE, PAD, SVC_W};
use crate::cluster::{LoadBalancer, Service};
use crate::model::{IntOrString, ServiceType, TrafficPolicy};
use crate::scene::{Item, Kind, Label, Rect};
use crate::text::Language;

/// Most endpoint lines a Service box shows.
const MAX_ENDPOINTS: usize = 4;

/// A Service's box at (x, y).
pub fn service_box(service: &Service, x: i32, y: i32, language: Language) -> Item {
    let spec = &service.spec;
    let mut item = Item::new(
        format!("svc:{}/{}", service.namespace, service.name),
        Kind::Service,
        Rect::new(x, y, SVC_W, 0),
    );
    item.icon = Some("svc");
    let kind = if service.is_headless() {
        "Headless"
    } else {
        spec.service_type.as_str()
    };
    item.data = vec![
        ("kind", "Service".to_owned()),
        ("name", service.name.clone()),
        ("namespace", service.namespace.clone()),
        ("type", spec.service_type.as_str().to_owned()),
    ];
    if service.is_headless() {
        item.data.push(("headless", "true".to_owned()));
    }
    let inner = SVC_W - 2 * PAD;
    let mut lines: Vec<(String, &'static str)> = Vec::new();
    match (spec.service_type, service.cluster_ip) {
        (ServiceType::ExternalName, _) => lines.push((
            format!("→ {}", spec.external_name.clone().unwrap_or_default()),
            "mono",
        )),
        (_, Some(ip)) => lines.push((format!("ClusterIP {ip}"), "mono")),
        (_, None) => lines.push(("ClusterIP None".to_owned(), "mono")),
    }
    for p in &service.ports {
        let target = match &p.target {
            IntOrString::Int(n) => n.to_string(),
            IntOrString::Str(s) => s.clone(),
        };
        let node_port = p
            .node_port
            .map_or(String::new(), |n| format!(" · node :{n}"));
        let name = p.name.as_ref().map_or(String::new(), |n| format!("{n} "));
        lines.push((format!("{name}:{} → {target}{node_port}", p.port), "mono"));
    }
    match &service.load_balancer {
        LoadBalancer::Pending => lines.push(("LB <pending>".to_owned(), "warn")),
        LoadBalancer::Ready(a) => lines.push((format!("LB {a}"), "mono")),
        LoadBalancer::None => {}
    }
    if !spec.external_ips.is_empty() {
        lines.push((
            format!("externalIPs {}", spec.external_ips.join(", ")),
            "mono",
        ));
    }
    let mut policies = Vec::new();
    if spec.external_traffic_policy == TrafficPolicy::Local
        && spec.service_type != ServiceType::ClusterIP
    {
        policies.push("externalTrafficPolicy: Local");
    }
    if spec.internal_traffic_policy == TrafficPolicy::Local {
        policies.push("internalTrafficPolicy: Local");
    }
    if spec.session_affinity {
        policies.push("sessionAffinity: ClientIP");
    }
    if !policies.is_empty() {
        lines.push((policies.join(" · "), "meta"));
    }
    if spec.service_type != ServiceType::ExternalName {
        if service.endpoints.is_empty() {
            lines.push((word(Word::NoEndpoints, language).to_owned(), "warn"));
        }
        for e in service.endpoints.iter().take(MAX_ENDPOINTS) {
            let port = e
                .ports
                .iter()
                .flatten()
                .next()
                .map_or(String::new(), |p| format!(":{p}"));
            let mark = if e.ready { "✓" } else { "✗" };
            let who = e.pod_name.clone().unwrap_or_default();
            lines.push((
                format!("{mark} {}{port} {who}", e.ip),
                if e.ready { "endpoint" } else { "endpoint-off" },
            ));
        }
        if service.endpoints.len() > MAX_ENDPOINTS {
            let more = service.endpoints.len() - MAX_ENDPOINTS;
            lines.push((format!("+{more} {}", word(Word::More, language)), "meta"));
        }
    }
    item.title = format!(
        "Service {}/{} ({kind})\n{}",
        service.namespace,
        service.name,
        lines
            .iter()
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let mut cy = y + PAD;
    // The type sits right of the name, or on a line of its own when the name needs the room.
    let name_x = x + PAD + ICON + 6;
    let type_label = Label::new(x + SVC_W - PAD, cy + 13, kind, "type");
    let beside =
        super::super::measure::width(&service.name, "name") <= type_label.span().0 - 8 - name_x;
    item.labels.push(Label::fitted(
        name_x,
        cy + 13,
        &service.name,
        "name",
        x + SVC_W - PAD - name_x,
    ));
    if beside {
        item.labels.push(type_label);
    } else {
        cy += LINE;
        item.labels.push(Label::new(name_x, cy + 13, kind, "kind"));
    }
    cy += ICON + 4;
    for (text, style) in lines {
        item.labels
            .push(Label::fitted(x + PAD, cy + 11, &text, style, inner));
        cy += LINE - 1;
    }
    item.rect.h = cy - y + PAD;
    item
}

/// Lays out `services` grouped by namespace from (x, y) within `width`; returns the items
/// and the bottom.
pub fn lane(
    services: &[&Service],
    x: i32,
    y: i32,
    width: i32,
    language: Language,
) -> (Vec<Item>, i32) {
    let mut items = Vec::new();
    let mut namespaces: Vec<&str> = services.iter().map(|s| s.namespace.as_str()).collect();
    namespaces.dedup();
    let mut seen = Vec::new();
    namespaces.retain(|n| {
        let fresh = !seen.contains(n);
        seen.push(n);
        fresh
    });
    let show_namespaces =
        namespaces.len() > 1 || namespaces.first().is_some_and(|n| *n != "default");
    let mut cy = y;
    for namespace in namespaces {
        if show_namespaces {
            let mut tag = Item::new(
                format!("ns:{namespace}"),
                Kind::Namespace,
                Rect::new(x, cy, width, LINE + 2),
            );
            tag.icon = Some("ns");
            tag.data = vec![
                ("kind", "Namespace".to_owned()),
                ("name", namespace.to_owned()),
                ("namespace", namespace.to_owned()),
            ];
            tag.labels.push(Label::new(
                x + 22,
                cy + 13,
                format!("namespace {namespace}"),
                "namespace",
            ));
            items.push(tag);
            cy += LINE + 6;
        }
        let mut cx = x;
        let mut row_bottom = cy;
        for s in services.iter().filter(|s| s.namespace == namespace) {
            if cx + SVC_W > x + width && cx > x {
                cx = x;
                cy = row_bottom + GAP;
            }
            let item = service_box(s, cx, cy, language);
            row_bottom = row_bottom.max(item.rect.bottom());
            cx += SVC_W + GAP;
            items.push(item);
        }
        cy = row_bottom + GAP;
    }
    (items, cy)
}
