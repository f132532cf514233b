//! The one renderer: a scene becomes a tree of SVG elements. The web app mirrors the tree
//! into the page (adding moving packets); `kubeglass render` and the download button
//! serialize it into a standalone SVG document with the same style and icons inlined.

mod element;
mod flat;
mod icons;
mod motion;

pub use element::{Element, Node};
pub use icons::ICONS;
pub use motion::{overlay, SceneText};

pub use flat::flat_document;

use crate::scene::{Edge, Item, Kind, Scene};

/// The stylesheet of the picture: inlined by the export, and by the web app's live view.
pub const STYLE: &str = include_str!("../assets/scene.css");

/// Attributes of the `<svg>` root: size, the DOM contract's test id, accessibility.
pub fn root_attributes(scene: &Scene, label: &str) -> Vec<(&'static str, String)> {
    vec![
        ("class", "kg-svg".to_owned()),
        ("viewBox", format!("0 0 {} {}", scene.width, scene.height)),
        ("width", scene.width.to_string()),
        ("height", scene.height.to_string()),
        ("data-testid", "cluster".to_owned()),
        ("role", "img".to_owned()),
        ("aria-label", label.to_owned()),
    ]
}

/// `<defs>` with every icon as a `<symbol>`.
pub fn defs() -> Element {
    Element::new("defs").child(Node::Raw(
        ICONS.iter().map(|(_, svg)| *svg).collect::<String>(),
    ))
}

/// The scene's drawing: edges first, then the items over them.
pub fn scene(scene: &Scene) -> Element {
    let edges = Element::new("g")
        .attr("class", "kg-edges")
        .children(scene.edges.iter().map(|e| Node::Element(edge(e))));
    Element::new("g")
        .attr("class", "kg-scene")
        .child(Node::Element(edges))
        .children(scene.items.iter().map(|i| Node::Element(item(i))))
}

fn edge(e: &Edge) -> Element {
    let points = e
        .points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    let mut class = format!("kg-edge kg-edge-{}", e.kind.as_str());
    for c in &e.classes {
        class.push(' ');
        class.push_str(c);
    }
    let line = Element::new("polyline")
        .attr("points", points)
        .attr("class", class);
    let mut g = Element::new("g").key(&e.id).child(Node::Element(line));
    if let Some(label) = &e.label {
        g = g.child(Node::Element(text(
            label.at.x,
            label.at.y,
            &label.text,
            label.style,
        )));
    }
    g
}

fn text(x: i32, y: i32, content: &str, style: &str) -> Element {
    Element::new("text")
        .attr("x", x.to_string())
        .attr("y", y.to_string())
        .attr("class", format!("kg-t-{style}"))
        .child(Node::Text(content.to_owned()))
}

/// How far below an item's top its icon sits: level with the first line of text (a node's
/// first line is lower, to leave its top edge to the NodePort doors).
fn icon_top(kind: Kind, size: i32) -> i32 {
    match (kind, size) {
        (Kind::Node, _) => 13,
        (_, 14) => 2,
        _ => 6,
    }
}

/// Objects a user can select (to inspect and act on): focusable, announced as buttons.
fn selectable(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Pod
            | Kind::Stack
            | Kind::Service
            | Kind::Node
            | Kind::Claim
            | Kind::PersistentVolume
            | Kind::LoadBalancer
    )
}

/// One item (and everything inside it) as an SVG group.
pub fn item(i: &Item) -> Element {
    let mut class = format!("kg-item kg-{}", i.kind.as_str());
    for c in &i.classes {
        class.push(' ');
        class.push_str(c);
    }
    let mut g = Element::new("g").key(&i.id).attr("class", class);
    for (k, v) in &i.data {
        g = g.data(k, v.clone());
    }
    if selectable(i.kind) {
        let name = i.title.lines().next().unwrap_or_default().to_owned();
        g = g
            .attr("tabindex", "0")
            .attr("role", "button")
            .attr("aria-label", name);
    }
    if !i.title.is_empty() {
        g = g.child(Node::Element(
            Element::new("title").child(Node::Text(i.title.clone())),
        ));
    }
    let r = i.rect;
    let radius = match i.kind {
        Kind::Pod | Kind::Stack | Kind::Service | Kind::LoadBalancer => 8,
        Kind::Node | Kind::Cluster => 10,
        Kind::Door | Kind::File | Kind::Container => 3,
        _ => 6,
    };
    g = g.child(Node::Element(
        Element::new("rect")
            .attr("x", r.x.to_string())
            .attr("y", r.y.to_string())
            .attr("width", r.w.to_string())
            .attr("height", r.h.to_string())
            .attr("rx", radius.to_string()),
    ));
    if i.kind == Kind::File {
        g = g.child(Node::Element(
            Element::new("circle")
                .attr("class", "kg-file-dot")
                .attr("cx", (r.x + 7).to_string())
                .attr("cy", (r.y + r.h / 2).to_string())
                .attr("r", "3"),
        ));
    }
    if let Some(icon) = i.icon {
        let size = if matches!(
            i.kind,
            Kind::Volume | Kind::HostPath | Kind::Namespace | Kind::Dns
        ) || r.h < 26
        {
            14
        } else {
            18
        };
        g = g.child(Node::Element(
            Element::new("use")
                .attr("href", format!("#kg-icon-{icon}"))
                .attr("x", (r.x + 6).to_string())
                .attr("y", (r.y + icon_top(i.kind, size)).to_string())
                .attr("width", size.to_string())
                .attr("height", size.to_string()),
        ));
    }
    for l in &i.labels {
        g = g.child(Node::Element(text(l.at.x, l.at.y, &l.text, l.style)));
    }
    g.children(i.children.iter().map(|c| Node::Element(item(c))))
}

/// A standalone SVG document of the scene: style and icons inlined, no scripts.
pub fn document(scene_data: &Scene, label: &str) -> String {
    let mut root = Element::new("svg").attr("xmlns", "http://www.w3.org/2000/svg");
    for (k, v) in root_attributes(scene_data, label) {
        root = root.attr(k, v);
    }
    root = root
        .child(Node::Element(
            Element::new("title").child(Node::Text(label.to_owned())),
        ))
        .child(Node::Element(
            Element::new("style").child(Node::Raw(STYLE.to_owned())),
        ))
        .child(Node::Element(defs()))
        .child(Node::Element(
            Element::new("rect")
                .attr("width", "100%")
                .attr("height", "100%")
                .attr("style", "fill: var(--kg-bg)"),
        ))
        .child(Node::Element(scene(scene_data)));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    root.write(&mut out);
    out.push('\n');
    out
}
