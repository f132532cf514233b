//! From the simulated world to a scene. The same world and memory always give the same
//! picture; with the memory of the last picture, unchanged objects stay where they were.

mod edges;
mod nodes;
mod outside;
mod overview;
mod pods;
mod rejected;
mod services;
mod storage;
mod style;

use super::{Anchors, Item, Kind, Label, Memory, Rect, Scene};
use crate::cluster::{Cluster, Pod, Service};
use crate::sim::World;
use crate::sorted::VecMap;
use crate::sorted::VecSet;
use crate::text::Language;
use edges::{NodePlace, Placed};
use style::{word, Word, GAP, LINE, PAD, POD_W};

/// How to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Language of the picture's own words.
    pub language: Language,
    /// Workloads (by name) whose collapsed replicas are shown one by one.
    pub expanded: VecSet<String>,
    /// Show the `kubernetes` and `kube-dns` Services every cluster has.
    pub show_builtin: bool,
    /// Above this many pods, a workload's replicas on a node collapse into a stack.
    pub collapse_over: usize,
    /// Above this many pods, the picture is an overview: namespaces as cards, each workload
    /// one stack across its nodes, nodes with their pod counts.
    pub overview_over: usize,
    /// Lay out for a wide, short window (a 16:9 projector): each PersistentVolume beside its
    /// claim instead of under it, so the picture is shorter and can be drawn larger.
    pub landscape: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            language: Language::En,
            expanded: VecSet::new(),
            show_builtin: false,
            collapse_over: 30,
            overview_over: 500,
            landscape: false,
        }
    }
}

/// What the parts of the layout share.
pub struct Context<'c> {
    cluster: &'c Cluster,
    hits: &'c VecMap<String, u64>,
    memory: Memory,
    options: &'c Options,
    language: Language,
    collapse: bool,
    /// The cluster is too large to draw pod by pod: see [`overview`].
    overview: bool,
    /// Objects live in more than one namespace (or not in `default`): say which.
    show_namespaces: bool,
    /// `(service, nodePort)` of every NodePort, for the doors on each node.
    node_ports: Vec<(String, u16)>,
}

impl Context<'_> {
    fn hits(&self, pod: &Pod) -> u64 {
        self.hits.get(&pod.key()).copied().unwrap_or(0)
    }
}

/// Space around the picture.
const MARGIN: i32 = 16;
/// Most nodes in a row.
pub(crate) const NODES_PER_ROW: usize = 4;

/// A titled lane around `children`.
fn lane(name: &'static str, title: &str, rect: Rect, children: Vec<Item>) -> Item {
    let mut lane = Item::new(format!("lane:{name}"), Kind::Lane, rect);
    lane.data = vec![
        ("kind", "Lane".into()),
        ("name", name.into()),
        ("namespace", String::new()),
    ];
    lane.title = title.to_owned();
    lane.children = children;
    lane
}

/// Lays out the world. Pass the memory of the previous picture (or a default one) to keep
/// objects in place; the returned memory goes with the next call.
pub fn layout(world: &World, memory: &Memory, options: &Options) -> (Scene, Memory) {
    // The room above the nodes depends on how many bus levels the endpoint edges need,
    // which is known once the pods are placed: lay out once more when the guess was wrong.
    let (scene, next, levels) = layout_with(world, memory, options, 1);
    if levels == 1 {
        return (scene, next);
    }
    let (scene, next, _) = layout_with(world, memory, options, levels);
    (scene, next)
}

fn layout_with(
    world: &World,
    memory: &Memory,
    options: &Options,
    bus_levels: usize,
) -> (Scene, Memory, usize) {
    let cluster = &world.cluster;
    let language = options.language;
    let services: Vec<&Service> = cluster
        .services
        .iter()
        .filter(|s| options.show_builtin || !s.builtin)
        .collect();
    let namespaces: VecSet<&str> = crate::sorted::VecSet::from_iter(
        cluster
            .pods
            .iter()
            .map(|p| p.namespace.as_str())
            .chain(services.iter().map(|s| s.namespace.as_str())),
    );
    let mut ctx = Context {
        cluster,
        hits: &world.traffic.hits,
        memory: memory.clone(),
        options,
        language,
        collapse: cluster.pods.len() > options.collapse_over,
        overview: cluster.pods.len() > options.overview_over,
        show_namespaces: namespaces.len() > 1 || namespaces.iter().any(|n| *n != "default"),
        node_ports: services
            .iter()
            .filter(|_| cluster.pods.len() <= options.overview_over)
            .flat_map(|s| {
                s.ports
                    .iter()
                    .filter_map(|p| p.node_port.map(|n| (s.name.clone(), n)))
            })
            .collect(),
    };
    let mut anchors = Anchors::default();
    let mut placed = Placed::default();

    // Outside the cluster, on top: clients, load balancers, external hosts.
    let band = outside::band(&services, language, MARGIN, MARGIN);
    for (key, rect) in &band.places {
        anchors.places.insert(key.clone(), rect.bottom_mid());
        if let Some(host) = key.strip_prefix("external:") {
            placed.externals.insert(host.to_owned(), *rect);
        }
    }

    // The cluster's frame: DNS, the Service lane, the nodes, the storage lane.
    let frame_x = MARGIN;
    let frame_y = if band.items.is_empty() {
        MARGIN
    } else {
        band.bottom + GAP * 3
    };
    let inner_x = frame_x + GAP;
    let most_pods = cluster
        .nodes
        .iter()
        .map(|n| {
            cluster
                .pods
                .iter()
                .filter(|p| p.node.as_deref() == Some(&n.name) && !overview::stacked(&ctx, p))
                .count()
        })
        .max()
        .unwrap_or(0);
    // One column of pods keeps a lecture-sized cluster narrow enough to read beside the editor.
    let cols = match most_pods {
        0..=3 => 1,
        4..=12 => 2,
        _ => 3,
    };
    let node_w = cols as i32 * (POD_W + GAP) + GAP;
    // The overview's boxes: nodes, Service rows and workload stacks.
    let boxes = cluster.nodes.len() + services.len() + cluster.workloads.len();
    let per_row = if ctx.overview {
        overview::columns(boxes).min(cluster.nodes.len().max(1))
    } else {
        cluster.nodes.len().clamp(1, NODES_PER_ROW)
    };
    let unscheduled = cluster
        .pods
        .iter()
        .any(|p| p.node.is_none() && !overview::stacked(&ctx, p));
    let nodes_width =
        per_row as i32 * (node_w + GAP) - GAP + if unscheduled { POD_W + 3 * GAP } else { 0 };
    let content_w = if ctx.overview {
        let cols = overview::columns(boxes);
        nodes_width.max(cols as i32 * (overview::CARD_W + GAP) - GAP)
    } else {
        nodes_width.max(3 * (style::SVC_W + GAP) - GAP)
    };
    let mut frame_children = Vec::new();
    let mut cy = frame_y + PAD;
    let mut dns = Item::new("dns", Kind::Dns, Rect::new(inner_x, cy, 170, 22));
    dns.icon = Some("svc");
    dns.title = word(Word::DnsTitle, language).into();
    dns.data = vec![
        ("kind", "DNS".into()),
        ("name", "kube-dns".into()),
        ("namespace", "kube-system".into()),
    ];
    dns.labels.push(Label::new(
        inner_x + 24,
        cy + 15,
        word(Word::Dns, language),
        "meta",
    ));
    anchors.places.insert("dns".into(), dns.rect.center());
    frame_children.push(dns);
    cy += 30;

    if ctx.overview {
        let title_y = cy + 14;
        let cards = overview::cards(&ctx, &services, inner_x, cy + 24, content_w);
        for (key, rect) in &cards.places {
            anchors.places.insert(format!("pod:{key}"), rect.top_mid());
        }
        let mut item = lane(
            "namespaces",
            word(Word::Namespaces, language),
            Rect::new(inner_x - 6, cy - 4, content_w + 12, cards.bottom - cy + 8),
            cards.items,
        );
        item.labels.push(Label::new(
            inner_x,
            title_y,
            word(Word::Namespaces, language),
            "lane",
        ));
        frame_children.push(item);
        cy = cards.bottom + GAP;
    } else if !services.is_empty() {
        let (items, bottom) = services::lane(&services, inner_x, cy, content_w, language);
        for it in items.iter().filter(|i| i.kind == Kind::Service) {
            placed
                .services
                .insert(it.id.trim_start_matches("svc:").to_owned(), it.rect);
        }
        frame_children.push(lane(
            "services",
            word(Word::Services, language),
            Rect::new(inner_x - 6, cy - 4, content_w + 12, bottom - cy),
            items,
        ));
        cy = bottom;
    }
    // The buses endpoint edges run along, above the nodes, and room for the doors.
    let bus_top = cy + 2;
    cy += if bus_levels > 0 {
        8 + edges::PITCH * bus_levels as i32
    } else {
        0
    };
    if !ctx.node_ports.is_empty() {
        cy += 12;
    }

    let nodes_top = cy;
    let mut row_bottom = cy;
    for (i, node) in cluster.nodes.iter().enumerate() {
        let col = i % per_row;
        if col == 0 && i > 0 {
            cy = row_bottom + GAP * 2 + if ctx.node_ports.is_empty() { 0 } else { 12 };
        }
        let nb = nodes::node_box(
            &mut ctx,
            node,
            inner_x + col as i32 * (node_w + GAP),
            cy,
            cols,
        );
        row_bottom = row_bottom.max(nb.item.rect.bottom());
        anchors
            .places
            .insert(format!("node:{}", node.name), nb.proxy);
        for (port, p) in &nb.doors {
            anchors.doors.insert((node.name.clone(), *port), *p);
        }
        placed.nodes.insert(
            node.name.clone(),
            NodePlace {
                rect: nb.item.rect,
                header_spans: nb.header_spans,
                pods_top: nb
                    .pods
                    .places
                    .iter()
                    .map(|(_, r)| r.y)
                    .min()
                    .unwrap_or(nb.item.rect.bottom()),
                free_x: Default::default(),
            },
        );
        placed.pods.extend(
            nb.pods
                .places
                .into_iter()
                .map(|(k, r)| (k, (r, node.name.clone()))),
        );
        placed.volumes.extend(nb.pods.volumes);
        placed.disk.extend(nb.disk);
        frame_children.push(nb.item);
    }
    if unscheduled {
        let lane_x = inner_x + per_row as i32 * (node_w + GAP) + GAP;
        let title_y = nodes_top + 16;
        let pods = nodes::grid(&mut ctx, "", None, lane_x + GAP, title_y + 10, 1);
        let rect = Rect::new(lane_x, nodes_top, POD_W + 2 * GAP, pods.bottom - nodes_top);
        let mut item = lane(
            "unscheduled",
            word(Word::Unscheduled, language),
            rect,
            pods.items,
        );
        let title = Label::new(
            lane_x + GAP,
            title_y,
            word(Word::Unscheduled, language),
            "lane",
        );
        item.classes.push("unscheduled");
        placed.nodes.insert(
            String::new(),
            NodePlace {
                rect,
                header_spans: vec![title.span()],
                pods_top: title_y + 10,
                free_x: Default::default(),
            },
        );
        item.labels.push(title);
        placed.pods.extend(
            pods.places
                .into_iter()
                .map(|(k, r)| (k, (r, String::new()))),
        );
        placed.volumes.extend(pods.volumes);
        row_bottom = row_bottom.max(rect.bottom());
        frame_children.push(item);
    }
    for (key, (rect, _)) in &placed.pods {
        anchors.places.insert(format!("pod:{key}"), rect.top_mid());
    }
    placed.nodes_top = nodes_top;
    placed.nodes_bottom = row_bottom;
    cy = row_bottom + GAP;

    if !cluster.claims.is_empty() || !cluster.volumes.is_empty() {
        cy += GAP;
        let top = cy + LINE + 8;
        let centers = VecMap::from_iter(
            placed
                .nodes
                .iter()
                .filter(|(n, _)| !n.is_empty())
                .map(|(n, p)| (n.clone(), p.rect.center().x)),
        );
        let (items, bottom) = storage::lane(
            cluster,
            (inner_x, top, content_w),
            &centers,
            options.landscape,
        );
        for it in &items {
            match it.kind {
                Kind::Claim => {
                    placed
                        .claims
                        .insert(it.id.trim_start_matches("pvc:").to_owned(), it.rect);
                }
                Kind::PersistentVolume => {
                    placed
                        .pvs
                        .insert(it.id.trim_start_matches("pv:").to_owned(), it.rect);
                }
                _ => {}
            }
        }
        placed.storage_top = top;
        let mut item = lane(
            "storage",
            word(Word::Storage, language),
            Rect::new(inner_x - 6, cy, content_w + 12, bottom - cy),
            items,
        );
        item.labels.push(Label::new(
            inner_x,
            cy + 14,
            word(Word::Storage, language),
            "lane",
        ));
        frame_children.push(item);
        cy = bottom;
    }
    let frame_bottom = cy + PAD;
    let mut frame = Item::new(
        "cluster",
        Kind::Cluster,
        Rect::new(
            frame_x,
            frame_y - 4,
            content_w + 2 * GAP,
            frame_bottom - frame_y + 4,
        ),
    );
    frame.data = vec![
        ("kind", "Cluster".into()),
        ("name", "cluster".into()),
        ("namespace", String::new()),
    ];
    frame.labels.push(Label::new(
        frame.rect.right() - PAD,
        frame_y + 14,
        word(Word::Cluster, language),
        "end",
    ));
    frame.children = frame_children;
    placed.frame = frame.rect;

    // Storage off the nodes, below the cluster.
    let names = outside::offsite_names(cluster, &placed.volumes);
    let offsite = outside::offsite(&names, MARGIN, frame.rect.bottom() + GAP * 3);
    for (name, item) in names.iter().zip(&offsite) {
        placed.offsite.insert(name.clone(), item.rect);
    }

    // The overview draws no endpoint edges: its Service rows count their endpoints instead.
    let (mut edges, levels) = if ctx.overview {
        (Vec::new(), 1)
    } else {
        placed.endpoint_edges(&services, bus_top)
    };
    edges.extend(placed.mount_edges());
    edges.extend(placed.storage_edges(cluster));

    let mut items = band.items;
    items.push(frame);
    items.extend(offsite);
    let mut right = items.iter().map(|i| i.rect.right()).max().unwrap_or(0);
    let mut bottom = items.iter().map(|i| i.rect.bottom()).max().unwrap_or(0);
    // What the API server rejected, under everything else.
    if let Some((tray, tray_bottom)) = rejected::tray(
        &cluster.rejected,
        (MARGIN, bottom + GAP * 2, right - MARGIN),
        language,
    ) {
        right = right.max(tray.rect.right());
        bottom = tray_bottom;
        items.push(tray);
    }
    let containers: Vec<String> = cluster
        .nodes
        .iter()
        .map(|n| n.name.clone())
        .chain(std::iter::once(String::new()))
        .collect();
    ctx.memory.retain(&containers);
    let scene = Scene {
        width: right + MARGIN,
        height: bottom + MARGIN,
        items,
        edges,
        anchors,
    };
    (scene, ctx.memory, levels)
}
