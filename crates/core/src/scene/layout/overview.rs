//! The overview of a large cluster: one card per namespace with its Services as short rows
//! and each workload as one stack across all its nodes, so that thousands of pods read as a
//! few hundred boxes. A stack's pods are drawn on their nodes when it is expanded.

use super::services::service_box;
use super::style::{word, Word, GAP, ICON, LINE, PAD, POD_W};
use super::Context;
use crate::cluster::{Pod, Service};
use crate::scene::{Item, Kind, Label, Rect};
use crate::sorted::{VecMap, VecSet};

/// Width of a namespace card.
pub const CARD_W: i32 = POD_W + 2 * GAP;
/// Pods a stack's hover text names.
const TITLE_PODS: usize = 8;
/// Most columns of cards and nodes.
const MOST_COLUMNS: usize = 24;

/// The namespace cards, laid out.
pub struct Cards {
    /// The cards.
    pub items: Vec<Item>,
    /// `(pod key, rectangle)` of every pod held in a stack.
    pub places: Vec<(String, Rect)>,
    /// The bottom of the lowest card.
    pub bottom: i32,
}

/// How many columns make a picture of `boxes` boxes (about 50 px tall and 270 px wide)
/// about twice as wide as it is tall.
pub fn columns(boxes: usize) -> usize {
    let mut cols = 1;
    while cols * cols * 100 < boxes * 45 {
        cols += 1;
    }
    cols.clamp(super::NODES_PER_ROW, MOST_COLUMNS)
}

/// Whether the overview holds `pod` in its workload's stack instead of drawing it on its node.
pub fn stacked(ctx: &Context<'_>, pod: &Pod) -> bool {
    ctx.overview
        && pod.owner.as_ref().is_some_and(|o| {
            !ctx.options
                .expanded
                .contains(&ctx.cluster.workloads[o.workload].name)
        })
}

/// A Service as one short row: its name, type and endpoints; the full box's text on hover.
fn service_row(service: &Service, x: i32, y: i32, ctx: &Context<'_>) -> Item {
    let mut row = service_box(service, x, y, ctx.language);
    row.rect.h = ICON + LINE + 12;
    let ready = service.endpoints.iter().filter(|e| e.ready).count();
    let ip = service
        .cluster_ip
        .map_or_else(|| "None".to_owned(), |ip| ip.to_string());
    let type_label = row
        .labels
        .iter()
        .find(|l| matches!(l.style, "type" | "kind"))
        .map(|l| l.text.clone())
        .unwrap_or_default();
    let inner = row.rect.w - 2 * PAD;
    row.labels = vec![
        Label::fitted(
            x + PAD + ICON + 6,
            y + PAD + 13,
            &service.name,
            "name",
            inner - 90,
        ),
        Label::new(x + row.rect.w - PAD, y + PAD + 13, type_label, "type"),
        Label::fitted(
            x + PAD,
            y + PAD + ICON + 13,
            &format!("{ip} → {ready}/{}", service.endpoints.len()),
            "mono",
            inner,
        ),
    ];
    row
}

/// One workload's pods, wherever they run, as a stack at (x, y).
fn workload_stack(ctx: &Context<'_>, workload: usize, pods: &[&Pod], x: i32, y: i32) -> Item {
    let w = &ctx.cluster.workloads[workload];
    let expanded = ctx.options.expanded.contains(&w.name);
    let mut item = Item::new(
        format!("stack:{}/{}", w.namespace, w.name),
        Kind::Stack,
        Rect::new(x, y, POD_W, ICON + LINE + 12),
    );
    item.icon = Some("pod");
    let ready = pods.iter().filter(|p| p.ready).count();
    let nodes = VecSet::from_iter(pods.iter().filter_map(|p| p.node.as_deref())).len();
    // A few pods by name: the inspector and the expanded stack show the rest.
    let mut title = format!(
        "{} {}: {} pods on {nodes} nodes ({ready} ready)",
        w.kind.as_str(),
        w.name,
        pods.len()
    );
    for p in pods.iter().take(TITLE_PODS) {
        title += &format!("\n{} · {}", p.name, p.node.as_deref().unwrap_or("-"));
    }
    if pods.len() > TITLE_PODS {
        title += "\n…";
    }
    item.title = title;
    item.data = vec![
        ("kind", "Stack".to_owned()),
        ("name", w.name.clone()),
        ("namespace", w.namespace.clone()),
        ("node", String::new()),
        ("nodes", nodes.to_string()),
        ("count", pods.len().to_string()),
        (
            "action",
            if expanded { "collapse" } else { "expand" }.to_owned(),
        ),
    ];
    if expanded {
        item.classes.push("expanded");
    }
    item.labels.push(Label::fitted(
        x + PAD + ICON + 6,
        y + PAD + 13,
        &format!("{} ×{}", w.name, pods.len()),
        "name",
        POD_W - 2 * PAD - ICON - 6,
    ));
    item.labels.push(Label::fitted(
        x + PAD,
        y + PAD + ICON + 13,
        &format!(
            "{ready}/{} ready · {nodes} {}",
            pods.len(),
            word(Word::Nodes, ctx.language)
        ),
        "meta",
        POD_W - 2 * PAD,
    ));
    item
}

/// Entries a card's column holds before the card takes another column.
const ENTRIES_PER_COLUMN: usize = 8;

/// One card at (x, y), at most `most_cols` columns wide: the namespace's Services, then its
/// workloads, filling its columns top to bottom.
fn card(namespace: &str, mut entries: Vec<Item>, (x, y, most_cols): (i32, i32, usize)) -> Item {
    let cols = entries
        .len()
        .div_ceil(ENTRIES_PER_COLUMN)
        .clamp(1, most_cols);
    let per_col = entries.len().div_ceil(cols).max(1);
    let mut item = Item::new(
        format!("ns:{namespace}"),
        Kind::Namespace,
        Rect::new(x, y, cols as i32 * (CARD_W + GAP) - GAP, 0),
    );
    item.classes.push("card");
    item.icon = Some("ns");
    item.data = vec![
        ("kind", "Namespace".to_owned()),
        ("name", namespace.to_owned()),
        ("namespace", namespace.to_owned()),
    ];
    item.labels.push(Label::fitted(
        x + PAD + ICON + 4,
        y + PAD + 12,
        &format!("namespace {namespace}"),
        "namespace",
        item.rect.w - 2 * PAD - ICON - 4,
    ));
    let top = y + PAD + ICON + 6;
    let mut bottom = top;
    for (column, chunk) in entries.chunks_mut(per_col).enumerate() {
        let mut cy = top;
        for entry in chunk {
            entry.translate(x + GAP + column as i32 * (CARD_W + GAP), cy);
            cy = entry.rect.bottom() + 6;
        }
        bottom = bottom.max(cy);
    }
    item.children = entries;
    item.rect.h = bottom - y + PAD;
    item
}

/// The namespace cards from (x, y) within `width`, packed in shelves.
pub fn cards(ctx: &Context<'_>, services: &[&Service], x: i32, y: i32, width: i32) -> Cards {
    let most_cols = ((width + GAP) / (CARD_W + GAP)).max(1) as usize;
    let mut workloads: VecMap<usize, Vec<&Pod>> = VecMap::new();
    for p in &ctx.cluster.pods {
        if let Some(o) = &p.owner {
            workloads.entry(o.workload).or_default().push(p);
        }
    }
    let namespaces = VecSet::from_iter(
        services.iter().map(|s| s.namespace.as_str()).chain(
            workloads
                .keys()
                .map(|&w| ctx.cluster.workloads[w].namespace.as_str()),
        ),
    );
    let mut out = Cards {
        items: Vec::new(),
        places: Vec::new(),
        bottom: y,
    };
    let (mut cx, mut shelf_top) = (x, y);
    for namespace in namespaces.iter() {
        // Entries are built at the origin and moved into the card's columns.
        let mut entries: Vec<Item> = services
            .iter()
            .filter(|s| s.namespace == *namespace)
            .map(|s| service_row(s, 0, 0, ctx))
            .collect();
        let first_stack = entries.len();
        let mut held: Vec<&[&Pod]> = Vec::new();
        for (&workload, pods) in workloads.iter() {
            if ctx.cluster.workloads[workload].namespace == *namespace {
                entries.push(workload_stack(ctx, workload, pods, 0, 0));
                held.push(pods);
            }
        }
        let mut item = card(namespace, entries, (0, 0, most_cols));
        if cx > x && cx + item.rect.w > x + width {
            cx = x;
            shelf_top = out.bottom + GAP;
        }
        item.translate(cx, shelf_top);
        cx += item.rect.w + GAP;
        out.bottom = out.bottom.max(item.rect.bottom());
        for (stack, pods) in item.children[first_stack..].iter().zip(held) {
            if !stack.classes.contains(&"expanded") {
                out.places
                    .extend(pods.iter().map(|p| (p.key(), stack.rect)));
            }
        }
        out.items.push(item);
    }
    out
}

/// A node's count of pods, for its box in the overview.
pub fn node_summary(ctx: &Context<'_>, node: &str) -> String {
    let (mut pods, mut ready) = (0, 0);
    for p in ctx
        .cluster
        .pods
        .iter()
        .filter(|p| p.node.as_deref() == Some(node))
    {
        pods += 1;
        ready += usize::from(p.ready);
    }
    format!("{pods} {} · {ready} ready", word(Word::Pods, ctx.language))
}
