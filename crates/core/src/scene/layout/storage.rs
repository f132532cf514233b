//! The storage lane: claims above the PersistentVolumes they are bound to, each with the
//! files its storage holds.

use super::pods::file_items;
use super::style::{GAP, ICON, LINE, PAD, STORE_W};
use crate::cluster::{Claim, ClaimPhase, Cluster, Store, Volume};
use crate::model::quantity::format_bytes;
use crate::scene::{Item, Kind, Label, Rect};
use crate::sorted::VecMap;

fn files_of(cluster: &Cluster, pv: Option<&str>) -> Vec<String> {
    pv.map_or_else(Vec::new, |v| {
        cluster.file_paths(&Store::Volume(v.to_owned()))
    })
}

fn box_with(
    id: String,
    kind: Kind,
    (x, y): (i32, i32),
    icon: &'static str,
    name: &str,
    lines: &[String],
    files: &[String],
) -> Item {
    let mut item = Item::new(id.clone(), kind, Rect::new(x, y, STORE_W, 0));
    item.icon = Some(icon);
    let inner = STORE_W - 2 * PAD;
    let mut cy = y + PAD;
    item.labels.push(Label::fitted(
        x + PAD + ICON + 6,
        cy + 13,
        name,
        "name",
        inner - ICON - 6,
    ));
    cy += ICON + 4;
    for l in lines {
        item.labels
            .push(Label::fitted(x + PAD, cy + 11, l, "meta", inner));
        cy += LINE - 1;
    }
    item.children = file_items(&id, files, x + PAD, &mut cy, inner);
    item.rect.h = cy - y + PAD;
    item
}

/// A claim's box.
pub fn claim_box(cluster: &Cluster, c: &Claim, x: i32, y: i32) -> Item {
    let (phase, volume) = match (&c.phase, c.deleting) {
        // A claim held by pvc-protection stays bound to its volume while it waits.
        (ClaimPhase::Bound(v), true) => ("Terminating", Some(v.as_str())),
        (_, true) => ("Terminating", None),
        (ClaimPhase::Bound(v), _) => ("Bound", Some(v.as_str())),
        (ClaimPhase::Pending(_), _) => ("Pending", None),
        (ClaimPhase::Lost, _) => ("Lost", None),
    };
    let bound_to = match &c.phase {
        ClaimPhase::Bound(v) => Some(v.as_str()),
        _ => None,
    };
    let modes = c
        .spec
        .access_modes
        .iter()
        .map(|m| m.short())
        .collect::<Vec<_>>()
        .join(",");
    let class = match c.class.as_deref() {
        None => "class: (none, no default)".to_owned(),
        Some("") => "class: \"\"".to_owned(),
        Some(k) => format!("class: {k}"),
    };
    let mut lines = vec![
        format!("{phase} · {} · {modes}", format_bytes(c.spec.request)),
        class,
    ];
    if let ClaimPhase::Pending(reason) = &c.phase {
        lines.push(reason.en.clone());
    }
    let files = files_of(cluster, bound_to);
    let mut item = box_with(
        format!("pvc:{}/{}", c.namespace, c.name),
        Kind::Claim,
        (x, y),
        "pvc",
        &c.name,
        &lines,
        &files,
    );
    item.title = format!(
        "PersistentVolumeClaim {}/{}\n{}",
        c.namespace,
        c.name,
        lines.join("\n")
    );
    item.data = vec![
        ("kind", "PersistentVolumeClaim".to_owned()),
        ("name", c.name.clone()),
        ("namespace", c.namespace.clone()),
        ("phase", phase.to_owned()),
        ("volume", volume.unwrap_or_default().to_owned()),
    ];
    item.classes.push(match phase {
        "Bound" => "bound",
        "Terminating" => "terminating",
        _ => "pending",
    });
    item
}

/// A PersistentVolume's box.
pub fn volume_box(cluster: &Cluster, v: &Volume, x: i32, y: i32) -> Item {
    let modes = v
        .access_modes
        .iter()
        .map(|m| m.short())
        .collect::<Vec<_>>()
        .join(",");
    let source = v
        .source
        .as_ref()
        .map_or_else(|| "no source".to_owned(), |s| s.label());
    let mut lines = vec![
        format!(
            "{} · {} · {modes}",
            v.phase.as_str(),
            format_bytes(v.capacity)
        ),
        format!(
            "reclaim: {} · {}",
            v.reclaim.as_str(),
            if v.class.is_empty() {
                "no class".to_owned()
            } else {
                format!("class: {}", v.class)
            }
        ),
        source,
    ];
    if let Some(node) = &v.node {
        lines.push(format!("on {node}"));
    }
    let files = files_of(cluster, Some(&v.name));
    let mut item = box_with(
        format!("pv:{}", v.name),
        Kind::PersistentVolume,
        (x, y),
        "pv",
        &v.name,
        &lines,
        &files,
    );
    item.title = format!("PersistentVolume {}\n{}", v.name, lines.join("\n"));
    item.data = vec![
        ("kind", "PersistentVolume".to_owned()),
        ("name", v.name.clone()),
        ("namespace", String::new()),
        ("phase", v.phase.as_str().to_owned()),
        ("reclaim", v.reclaim.as_str().to_owned()),
    ];
    item.classes.push(match v.phase {
        crate::cluster::VolumePhase::Bound(_) => "bound",
        crate::cluster::VolumePhase::Released(_) => "released",
        crate::cluster::VolumePhase::Available => "available",
        crate::cluster::VolumePhase::Failed => "failed",
    });
    item
}

/// Claims and volumes in columns: each claim above the volume it is bound to (`beside`: to
/// its left, a unit two columns wide), unbound ones alone. A unit whose volume lives on a
/// node's disk takes the column under that node (`node_centers`: node → x of its centre); the
/// others fill the free columns left to right, wrapping within the lane's `width`.
pub fn lane(
    cluster: &Cluster,
    (x, y, width): (i32, i32, i32),
    node_centers: &VecMap<String, i32>,
    beside: bool,
) -> (Vec<Item>, i32) {
    let mut units: Vec<(Option<&Claim>, Option<&Volume>)> = Vec::new();
    for c in &cluster.claims {
        let bound = match &c.phase {
            ClaimPhase::Bound(v) => cluster.volumes.iter().find(|pv| &pv.name == v),
            _ => None,
        };
        units.push((Some(c), bound));
    }
    for v in &cluster.volumes {
        if !units
            .iter()
            .any(|(_, b)| b.is_some_and(|b| b.name == v.name))
        {
            units.push((None, Some(v)));
        }
    }
    let unit_w = if beside { 2 * STORE_W + GAP } else { STORE_W };
    let per_row = ((width + GAP) / (unit_w + GAP)).max(1) as usize;
    let column_of = |center: i32| {
        ((center - x - unit_w / 2 + (unit_w + GAP) / 2) / (unit_w + GAP))
            .clamp(0, per_row as i32 - 1) as usize
    };
    let mut slots: Vec<Option<usize>> = Vec::new();
    let take = |slots: &mut Vec<Option<usize>>, unit: usize, column: Option<usize>| {
        let fits = |i: usize| column.is_none_or(|c| i % per_row == c);
        let free = (0..)
            .find(|&i| fits(i) && slots.get(i).is_none_or(Option::is_none))
            .unwrap_or(0);
        if slots.len() <= free {
            slots.resize(free + 1, None);
        }
        slots[free] = Some(unit);
    };
    let preferred = |(_, v): &(Option<&Claim>, Option<&Volume>)| {
        v.and_then(|v| v.node.as_ref())
            .and_then(|n| node_centers.get(n))
            .map(|&c| column_of(c))
    };
    for (i, unit) in units.iter().enumerate() {
        if let Some(column) = preferred(unit) {
            take(&mut slots, i, Some(column));
        }
    }
    for (i, unit) in units.iter().enumerate() {
        if preferred(unit).is_none() {
            take(&mut slots, i, None);
        }
    }
    let mut items = Vec::new();
    let mut cy = y;
    for row in slots.chunks(per_row) {
        let mut bottom = cy;
        for (i, unit) in row.iter().enumerate() {
            let Some(&(claim, volume)) = unit.map(|u| &units[u]) else {
                continue;
            };
            let cx = x + i as i32 * (unit_w + GAP);
            let (mut vx, mut vy) = (cx, cy);
            if let Some(c) = claim {
                let item = claim_box(cluster, c, cx, cy);
                bottom = bottom.max(item.rect.bottom());
                if beside {
                    vx = item.rect.right() + GAP;
                } else {
                    vy = item.rect.bottom() + GAP * 2;
                }
                items.push(item);
            }
            if let Some(v) = volume {
                let item = volume_box(cluster, v, vx, vy);
                bottom = bottom.max(item.rect.bottom());
                items.push(item);
            }
        }
        cy = bottom + GAP;
    }
    (items, cy)
}
