//! Node boxes: name, state, IP, labels and taints; a NodePort door on every node; pods in
//! remembered slots; the disk strip with what lives on the node's own disk.

use super::pods::{pod_box, stack_box, VolumeRow};
use super::style::{word, Word, GAP, ICON, LINE, PAD, POD_W};
use super::Context;
use crate::cluster::{Node, Pod, Store};
use crate::model::{PvSourceKind, Taint};
use crate::scene::{Item, Kind, Label, Point, Rect};
use crate::sorted::VecMap;

/// Width of a NodePort door.
const DOOR_W: i32 = 54;

/// A node box and the places other parts of the picture attach to.
pub struct NodeBox {
    /// The box.
    pub item: Item,
    /// Where its kube-proxy rules are drawn (packets turn there).
    pub proxy: Point,
    /// `(nodePort, door centre)`.
    pub doors: Vec<(u16, Point)>,
    /// Horizontal spans of the header's text and doors, which edges entering the node avoid.
    pub header_spans: Vec<(i32, i32)>,
    /// The pods laid out inside.
    pub pods: PodGrid,
    /// Rows of the disk strip: `host:<node>:<path>` or `local:<pv>` → rectangle.
    pub disk: VecMap<String, Rect>,
}

/// Pods laid out in a grid.
pub struct PodGrid {
    /// Their boxes.
    pub items: Vec<Item>,
    /// `(pod key, rectangle)` of every pod (a collapsed pod gets its stack's rectangle).
    pub places: Vec<(String, Rect)>,
    /// Pod volume rows, for mount edges.
    pub volumes: Vec<VolumeRow>,
    /// The bottom of the grid.
    pub bottom: i32,
}

/// Slot contents: one pod, or a collapsed stack.
enum Slot<'c> {
    Pod(&'c Pod),
    Stack {
        id: String,
        owner: String,
        namespace: String,
        pods: Vec<&'c Pod>,
    },
}

/// The pods on `node` (or unscheduled, when `node` is `None`), with a workload's replicas
/// collapsed when the picture is large and the workload is not expanded.
fn slots<'c>(ctx: &Context<'c>, node: Option<&str>) -> Vec<(String, Slot<'c>)> {
    let cluster = ctx.cluster;
    let pods: Vec<&Pod> = cluster
        .pods
        .iter()
        .filter(|p| p.node.as_deref() == node && !super::overview::stacked(ctx, p))
        .collect();
    let mut by_owner: VecMap<usize, Vec<&Pod>> = VecMap::new();
    for p in &pods {
        if let Some(o) = &p.owner {
            by_owner.entry(o.workload).or_default().push(p);
        }
    }
    let mut out = Vec::new();
    let mut stacked: Vec<usize> = Vec::new();
    for p in pods {
        let collapse = ctx.collapse
            && p.owner.as_ref().is_some_and(|o| {
                by_owner[&o.workload].len() >= 3
                    && !ctx
                        .options
                        .expanded
                        .contains(&cluster.workloads[o.workload].name)
            });
        match (&p.owner, collapse) {
            (Some(o), true) => {
                if stacked.contains(&o.workload) {
                    continue;
                }
                stacked.push(o.workload);
                let w = &cluster.workloads[o.workload];
                let id = format!("stack:{}/{}@{}", w.namespace, w.name, node.unwrap_or(""));
                out.push((
                    id.clone(),
                    Slot::Stack {
                        id,
                        owner: w.name.clone(),
                        namespace: w.namespace.clone(),
                        pods: by_owner[&o.workload].clone(),
                    },
                ));
            }
            _ => out.push((format!("pod:{}/{}", p.namespace, p.name), Slot::Pod(p))),
        }
    }
    out
}

/// Lays out the pods of `node` in `cols` columns from (x, top), each in the slot it had in
/// the last picture.
pub fn grid(
    ctx: &mut Context<'_>,
    container: &str,
    node: Option<&str>,
    x: i32,
    top: i32,
    cols: usize,
) -> PodGrid {
    let slots = slots(ctx, node);
    let ids: Vec<String> = slots.iter().map(|(id, _)| id.clone()).collect();
    let placed = ctx.memory.place(container, &ids);
    // Build every box at the origin to learn its height, then move it into its slot.
    let mut built: Vec<(usize, Item, Vec<VolumeRow>, Vec<String>)> = Vec::new();
    for ((_, slot), &index) in slots.iter().zip(&placed) {
        match slot {
            Slot::Pod(p) => {
                let (item, rows) = pod_box(ctx, p);
                built.push((index, item, rows, vec![p.key()]));
            }
            Slot::Stack {
                id,
                owner,
                namespace,
                pods,
            } => {
                let item = stack_box(id.clone(), namespace, owner, node.unwrap_or(""), pods);
                built.push((
                    index,
                    item,
                    Vec::new(),
                    pods.iter().map(|p| p.key()).collect(),
                ));
            }
        }
    }
    let cols = cols.max(1);
    let slot_count = placed.iter().max().map_or(0, |m| m + 1);
    let mut row_heights = vec![0; slot_count.div_ceil(cols)];
    for (index, item, _, _) in &built {
        row_heights[index / cols] = row_heights[index / cols].max(item.rect.h);
    }
    let mut row_tops = Vec::with_capacity(row_heights.len());
    let mut y = top;
    for h in &row_heights {
        row_tops.push(y);
        y += h.max(&24) + GAP;
    }
    let mut grid = PodGrid {
        items: Vec::new(),
        places: Vec::new(),
        volumes: Vec::new(),
        bottom: y,
    };
    for (index, mut item, rows, keys) in built {
        let (dx, dy) = (
            x + (index % cols) as i32 * (POD_W + GAP),
            row_tops[index / cols],
        );
        item.translate(dx, dy);
        grid.places.extend(keys.into_iter().map(|k| (k, item.rect)));
        grid.volumes.extend(rows.into_iter().map(|mut r| {
            r.rect.x += dx;
            r.rect.y += dy;
            r.pod = item.rect;
            r
        }));
        grid.items.push(item);
    }
    grid
}

fn door(node: &Node, service: &str, port: u16, x: i32, y: i32) -> Item {
    let mut door = Item::new(
        format!("door:{}:{port}", node.name),
        Kind::Door,
        Rect::new(x, y - 9, DOOR_W, 18),
    );
    door.title = format!(
        "NodePort {port} of Service {service}: open on {} like on every node",
        node.name
    );
    door.data = vec![
        ("kind", "NodePort".to_owned()),
        ("name", port.to_string()),
        ("namespace", String::new()),
        ("node", node.name.clone()),
        ("port", port.to_string()),
        ("service", service.to_owned()),
    ];
    door.labels.push(Label::new(
        x + DOOR_W / 2,
        y + 4,
        format!(":{port}"),
        "door",
    ));
    door
}

/// A node's box at (x, y), `cols` pod columns wide.
pub fn node_box(ctx: &mut Context<'_>, node: &Node, x: i32, y: i32, cols: usize) -> NodeBox {
    let width = cols as i32 * (POD_W + GAP) + GAP;
    let mut item = Item::new(
        format!("node:{}", node.name),
        Kind::Node,
        Rect::new(x, y, width, 0),
    );
    item.icon = Some(if node.control_plane {
        "control-plane"
    } else {
        "node"
    });
    let ready = !node
        .taints
        .iter()
        .any(|t| t.key == "node.kubernetes.io/unreachable");
    item.data = vec![
        ("kind", "Node".to_owned()),
        ("name", node.name.clone()),
        ("namespace", String::new()),
        ("node", node.name.clone()),
        ("ip", node.ip.to_string()),
        ("ready", ready.to_string()),
        ("up", node.is_up().to_string()),
        ("schedulable", (!node.unschedulable).to_string()),
    ];
    for (on, class) in [
        (!node.is_up(), "down"),
        (!ready, "not-ready"),
        (node.control_plane, "control-plane"),
        (node.unschedulable, "cordoned"),
    ] {
        if on {
            item.classes.push(class);
        }
    }
    let extra_labels: Vec<String> = node
        .labels
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "kubernetes.io/hostname"
                    | "kubernetes.io/os"
                    | "kubernetes.io/arch"
                    | "node-role.kubernetes.io/control-plane"
            )
        })
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let taints: Vec<String> = node.taints.iter().map(Taint::spec).collect();
    let state = match (node.is_up(), ready, node.unschedulable) {
        (false, _, _) => "down",
        (true, false, _) => "NotReady",
        (true, true, true) => "Ready,SchedulingDisabled",
        (true, true, false) => "Ready",
    };
    item.title = [
        format!("Node {} · {} · {state}", node.name, node.ip),
        format!(
            "kubernetes.io/hostname={}",
            node.labels
                .get("kubernetes.io/hostname")
                .cloned()
                .unwrap_or_default()
        ),
    ]
    .into_iter()
    .chain(extra_labels.iter().cloned())
    .chain(taints.iter().map(|t| format!("taint {t}")))
    .collect::<Vec<_>>()
    .join("\n");
    let inner = width - 2 * PAD;
    let mut cy = y + PAD + 6;
    let state_label = Label::new(
        x + width - PAD,
        cy + 13,
        state,
        if state == "Ready" { "end" } else { "warn-end" },
    );
    let name_room = inner - ICON - 6 - (state_label.span().1 - state_label.span().0) - 8;
    item.labels.push(Label::fitted(
        x + PAD + ICON + 6,
        cy + 13,
        &node.name,
        "title",
        name_room,
    ));
    item.labels.push(state_label);
    cy += ICON + 4;
    item.labels
        .push(Label::new(x + PAD, cy + 11, node.ip.to_string(), "mono"));
    item.labels.push(Label::new(
        x + width - PAD,
        cy + 11,
        word(Word::KubeProxy, ctx.language),
        "proxy",
    ));
    let proxy = Point::new(x + width - PAD - 24, cy + 7);
    cy += LINE;
    let role = if node.control_plane {
        "control-plane"
    } else {
        "worker"
    };
    let detail = std::iter::once(role.to_owned())
        .chain(extra_labels)
        .collect::<Vec<_>>()
        .join(" · ");
    item.labels
        .push(Label::fitted(x + PAD, cy + 11, &detail, "meta", inner));
    cy += LINE;
    if !taints.is_empty() {
        item.labels.push(Label::fitted(
            x + PAD,
            cy + 11,
            &taints.join(", "),
            "warn",
            inner,
        ));
        cy += LINE;
    }
    if ctx.overview {
        item.labels.push(Label::fitted(
            x + PAD,
            cy + 11,
            &super::overview::node_summary(ctx, &node.name),
            "meta",
            inner,
        ));
        cy += LINE;
    }
    let mut header_spans: Vec<(i32, i32)> = item.labels.iter().map(Label::span).collect();
    header_spans.push((x, x + PAD + ICON + 8));
    // A door for every NodePort: every node opens them, with or without a backend (rule 1.8).
    let mut doors = Vec::new();
    for (i, (service, port)) in ctx.node_ports.iter().enumerate() {
        let d = door(node, service, *port, x + PAD + i as i32 * (DOOR_W + 6), y);
        doors.push((*port, d.rect.center()));
        header_spans.push((d.rect.x - 2, d.rect.right() + 2));
        item.children.push(d);
    }
    let pods = grid(ctx, &node.name, Some(&node.name), x + GAP, cy + 6, cols);
    item.children.extend(pods.items.iter().cloned());
    let (strip, disk, bottom) = disk_strip(
        ctx,
        node,
        x + GAP,
        pods.bottom.max(cy + 12),
        width - 2 * GAP,
    );
    item.children.extend(strip);
    item.rect.h = bottom - y + PAD;
    NodeBox {
        item,
        proxy,
        doors,
        header_spans,
        pods,
        disk,
    }
}

/// The node's disk: hostPath directories (with their files) and node-local
/// PersistentVolumes. Returns the strip (if the disk holds anything), its rows and its bottom.
fn disk_strip(
    ctx: &Context<'_>,
    node: &Node,
    x: i32,
    top: i32,
    width: i32,
) -> (Option<Item>, VecMap<String, Rect>, i32) {
    let mut rows = VecMap::new();
    let dirs: Vec<&String> = ctx
        .cluster
        .node_dirs
        .iter()
        .filter(|(n, _)| *n == node.name)
        .map(|(_, p)| p)
        .collect();
    let local_volumes: Vec<&crate::cluster::Volume> = ctx
        .cluster
        .volumes
        .iter()
        .filter(|v| v.node.as_deref() == Some(&node.name))
        .collect();
    if dirs.is_empty() && local_volumes.is_empty() {
        return (None, rows, top);
    }
    let mut strip = Item::new(
        format!("disk:{}", node.name),
        Kind::Disk,
        Rect::new(x, top, width, 0),
    );
    strip.data = vec![
        ("kind", "Disk".to_owned()),
        ("name", node.name.clone()),
        ("namespace", String::new()),
        ("node", node.name.clone()),
    ];
    strip.title = format!("{}'s own disk: survives its pods, not the node", node.name);
    strip.labels.push(Label::new(
        x + 6,
        top + 13,
        word(Word::Disk, ctx.language),
        "meta",
    ));
    let row_x = x + 4;
    let row_w = width - 8;
    let mut dy = top + LINE + 2;
    for path in dirs {
        let store = Store::NodeDir {
            node: node.name.clone(),
            path: path.clone(),
        };
        let files: Vec<String> = ctx.cluster.file_paths(&store);
        let mut dir = Item::new(
            format!("hostpath:{}:{path}", node.name),
            Kind::HostPath,
            Rect::new(row_x, dy, row_w, 0),
        );
        dir.icon = Some("vol");
        dir.title = format!("hostPath {path} on {}'s disk", node.name);
        dir.data = vec![
            ("kind", "HostPath".to_owned()),
            ("name", path.clone()),
            ("namespace", String::new()),
            ("node", node.name.clone()),
            ("lifetime", "node".to_owned()),
        ];
        dir.labels.push(Label::fitted(
            row_x + 24,
            dy + 13,
            path,
            "volume",
            row_w - 28,
        ));
        let mut fy = dy + LINE + 2;
        dir.children = super::pods::file_items(&dir.id, &files, row_x + 8, &mut fy, row_w - 12);
        dir.rect.h = fy - dy + 2;
        rows.insert(format!("host:{}:{path}", node.name), dir.rect);
        dy = fy + 6;
        strip.children.push(dir);
    }
    for v in local_volumes {
        let mut row = Item::new(
            format!("local:{}", v.name),
            Kind::Storage,
            Rect::new(row_x, dy, row_w, LINE + 4),
        );
        row.icon = Some("pv");
        let source = v
            .source
            .as_ref()
            .map_or_else(String::new, PvSourceKind::label);
        row.title = format!("PersistentVolume {} keeps its data here ({source})", v.name);
        row.data = vec![
            ("kind", "Storage".to_owned()),
            ("name", v.name.clone()),
            ("namespace", String::new()),
            ("node", node.name.clone()),
        ];
        row.labels.push(Label::fitted(
            row_x + 24,
            dy + 14,
            &format!("{} · {source}", v.name),
            "volume",
            row_w - 28,
        ));
        rows.insert(format!("local:{}", v.name), row.rect);
        dy += LINE + 10;
        strip.children.push(row);
    }
    strip.rect.h = dy - top;
    let bottom = strip.rect.bottom() + 4;
    (Some(strip), rows, bottom)
}
