//! What lies outside the cluster: clients and load balancers above it, external hosts, and
//! storage that lives off the nodes (NFS servers, cloud disks) below it.

use super::pods::VolumeRow;
use super::style::{word, Word, GAP, ICON, LINE, PAD};
use crate::cluster::{Cluster, LoadBalancer, Service};
use crate::model::{PvSourceKind, ServiceType};
use crate::scene::{Item, Kind, Label, Rect};
use crate::text::Language;

/// A titled box with detail lines, at (x, y), `w` wide.
fn titled_box(
    id: String,
    kind: Kind,
    (x, y, w): (i32, i32, i32),
    icon: Option<&'static str>,
    title: &str,
    lines: &[(String, &'static str)],
) -> Item {
    let mut item = Item::new(id, kind, Rect::new(x, y, w, 0));
    item.icon = icon;
    let text_x = x + PAD + if icon.is_some() { ICON + 6 } else { 0 };
    item.labels.push(Label::fitted(
        text_x,
        y + PAD + 13,
        title,
        "name",
        x + w - PAD - text_x,
    ));
    let mut cy = y + PAD + ICON + 4;
    for (line, style) in lines {
        item.labels
            .push(Label::fitted(x + PAD, cy + 11, line, style, w - 2 * PAD));
        cy += LINE - 1;
    }
    item.rect.h = cy - y + PAD - 4;
    item.title = std::iter::once(title.to_owned())
        .chain(lines.iter().map(|(l, _)| l.clone()))
        .collect::<Vec<_>>()
        .join("\n");
    item
}

/// The band above the cluster.
pub struct Band {
    /// Its boxes.
    pub items: Vec<Item>,
    /// Anchor key (`outside`, `internet`, `lb:<ns>/<svc>`, `external:<host>`) → box.
    pub places: Vec<(String, Rect)>,
    /// Its bottom (its top when empty).
    pub bottom: i32,
    /// Its right edge.
    pub right: i32,
}

/// Hosts outside the cluster that Services point at: ExternalName targets and the
/// addresses of Endpoints that are not pods.
pub fn external_hosts(services: &[&Service]) -> Vec<String> {
    let mut hosts: Vec<String> = services
        .iter()
        .filter(|s| s.spec.service_type == ServiceType::ExternalName)
        .filter_map(|s| s.spec.external_name.clone())
        .chain(services.iter().flat_map(|s| {
            s.endpoints
                .iter()
                .filter(|e| e.pod.is_none())
                .map(|e| e.ip.to_string())
        }))
        .collect();
    crate::order::sort(&mut hosts);
    hosts.dedup();
    hosts
}

/// Lays out the band from (x, top): the `outside` client when a port is open to the node
/// network, the internet and each Service's load balancer, and external hosts.
pub fn band(services: &[&Service], language: Language, x: i32, top: i32) -> Band {
    let mut band = Band {
        items: Vec::new(),
        places: Vec::new(),
        bottom: top,
        right: x,
    };
    let mut x = x;
    let push = |band: &mut Band, key: String, item: Item, x: &mut i32| {
        band.bottom = band.bottom.max(item.rect.bottom());
        *x = item.rect.right() + GAP;
        band.right = *x;
        band.places.push((key, item.rect));
        band.items.push(item);
    };
    let exposed = services
        .iter()
        .any(|s| s.spec.service_type.has_node_ports() || !s.spec.external_ips.is_empty());
    if exposed {
        let mut item = titled_box(
            "client:outside".into(),
            Kind::Client,
            (x, top, 190),
            Some("user"),
            word(Word::Outside, language),
            &[("192.168.56.1".into(), "mono")],
        );
        item.data = vec![
            ("kind", "Client".into()),
            ("name", "outside".into()),
            ("namespace", String::new()),
        ];
        item.title = word(Word::OutsideTitle, language).to_owned();
        push(&mut band, "outside".into(), item, &mut x);
    }
    let balancers: Vec<&&Service> = services
        .iter()
        .filter(|s| s.load_balancer != LoadBalancer::None)
        .collect();
    if !balancers.is_empty() {
        let mut item = titled_box(
            "client:internet".into(),
            Kind::Client,
            (x, top, 150),
            Some("user"),
            word(Word::Internet, language),
            &[],
        );
        item.data = vec![
            ("kind", "Client".into()),
            ("name", "internet".into()),
            ("namespace", String::new()),
        ];
        push(&mut band, "internet".into(), item, &mut x);
        for s in balancers {
            let (address, pending) = match &s.load_balancer {
                LoadBalancer::Ready(a) => (a.clone(), false),
                _ => ("<pending>".to_owned(), true),
            };
            let ports = s
                .ports
                .iter()
                .map(|p| format!(":{}", p.port))
                .collect::<Vec<_>>()
                .join(" ");
            let lines = [(
                format!("{address} {ports}"),
                if pending { "warn" } else { "mono" },
            )];
            let key = format!("lb:{}/{}", s.namespace, s.name);
            let mut item = titled_box(
                key.clone(),
                Kind::LoadBalancer,
                (x, top, 210),
                Some("svc"),
                &format!("LB · {}", s.name),
                &lines,
            );
            item.data = vec![
                ("kind", "LoadBalancer".into()),
                ("name", s.name.clone()),
                ("namespace", s.namespace.clone()),
                (
                    "address",
                    if pending {
                        String::new()
                    } else {
                        address.clone()
                    },
                ),
            ];
            if pending {
                item.classes.push("pending");
                item.title.push('\n');
                item.title.push_str(word(Word::PendingTitle, language));
            }
            push(&mut band, key, item, &mut x);
        }
    }
    for host in external_hosts(services) {
        let key = format!("external:{host}");
        let mut item = titled_box(key.clone(), Kind::External, (x, top, 200), None, &host, &[]);
        item.data = vec![
            ("kind", "External".into()),
            ("name", host.clone()),
            ("namespace", String::new()),
        ];
        push(&mut band, key, item, &mut x);
    }
    band
}

/// The names of storage off the nodes: from PersistentVolumes and from pod volumes that
/// mount it directly.
pub fn offsite_names(cluster: &Cluster, rows: &[VolumeRow]) -> Vec<String> {
    let mut names: Vec<String> = cluster
        .volumes
        .iter()
        .filter_map(offsite_of)
        .chain(rows.iter().filter_map(|r| {
            r.target
                .as_deref()?
                .strip_prefix("store:")
                .map(str::to_owned)
        }))
        .collect();
    crate::order::sort(&mut names);
    names.dedup();
    names
}

/// The off-node storage a PersistentVolume keeps its data in, if its data is not on a node.
pub fn offsite_of(v: &crate::cluster::Volume) -> Option<String> {
    match &v.source {
        Some(PvSourceKind::Nfs { server, path }) => Some(format!("nfs {server}:{path}")),
        Some(PvSourceKind::Network(kind)) => Some(format!("{kind} {}", v.name)),
        _ => None,
    }
}

/// Boxes for off-node storage in a row from (x, y).
pub fn offsite(names: &[String], x: i32, y: i32) -> Vec<Item> {
    let mut x = x;
    names
        .iter()
        .map(|name| {
            let mut item = titled_box(
                format!("storage:{name}"),
                Kind::Storage,
                (x, y, 230),
                Some("pv"),
                name,
                &[],
            );
            item.data = vec![
                ("kind", "Storage".into()),
                ("name", name.clone()),
                ("namespace", String::new()),
            ];
            item.title = format!("{name}: outside the cluster, survives pods and nodes");
            x = item.rect.right() + GAP;
            item
        })
        .collect()
}
