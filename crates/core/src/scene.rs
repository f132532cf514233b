//! The picture of the cluster as plain data: boxes, labels, edges, and where packets travel.
//! [`layout`] builds it from the simulated world; [`crate::svg`] turns it into SVG for both
//! the live view and the export.

mod geometry;
mod layout;
pub mod measure;
mod memory;
mod paths;

pub use geometry::{path_length, point_along, Point, Rect};
pub use layout::{layout, Options};
pub use memory::Memory;

use crate::sorted::VecMap;
use serde::Serialize;

/// What an item is: it decides the style, and the `data-kind` of the DOM contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Kind {
    /// The cluster's frame.
    Cluster,
    /// A titled area (the Service lane, the storage lane, unscheduled pods).
    Lane,
    /// A namespace group label.
    Namespace,
    /// A node.
    Node,
    /// A NodePort "door" on a node's edge.
    Door,
    /// A node's disk strip.
    Disk,
    /// A hostPath directory on a node's disk.
    HostPath,
    /// A pod.
    Pod,
    /// Replicas of one workload on one node, collapsed.
    Stack,
    /// A container row inside a pod.
    Container,
    /// A pod volume.
    Volume,
    /// A file.
    File,
    /// A Service.
    Service,
    /// A LoadBalancer's external load balancer.
    LoadBalancer,
    /// A client outside the cluster (`outside`, `internet`).
    Client,
    /// A host outside the cluster (ExternalName targets, external endpoints).
    External,
    /// A PersistentVolumeClaim.
    Claim,
    /// A PersistentVolume.
    PersistentVolume,
    /// Storage off the nodes (an NFS server, a cloud disk).
    Storage,
    /// Cluster DNS.
    Dns,
    /// An object the API server rejects, in the tray below the picture.
    Rejected,
}

impl Kind {
    /// The `data-kind` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Cluster => "Cluster",
            Kind::Lane => "Lane",
            Kind::Namespace => "Namespace",
            Kind::Node => "Node",
            Kind::Door => "NodePort",
            Kind::Disk => "Disk",
            Kind::HostPath => "HostPath",
            Kind::Pod => "Pod",
            Kind::Stack => "Stack",
            Kind::Container => "Container",
            Kind::Volume => "Volume",
            Kind::File => "File",
            Kind::Service => "Service",
            Kind::LoadBalancer => "LoadBalancer",
            Kind::Client => "Client",
            Kind::External => "External",
            Kind::Claim => "PersistentVolumeClaim",
            Kind::PersistentVolume => "PersistentVolume",
            Kind::Storage => "Storage",
            Kind::Dns => "DNS",
            Kind::Rejected => "Rejected",
        }
    }
}

/// A line of text at a position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Baseline start.
    pub at: Point,
    /// The text (already shortened to fit).
    pub text: String,
    /// Style: `name`, `meta`, `mono`, `badge`, `title`, `warn`.
    pub style: &'static str,
}

impl Label {
    /// A label of `text` with its baseline starting (or ending, by style) at (x, y).
    pub fn new(x: i32, y: i32, text: impl Into<String>, style: &'static str) -> Self {
        Label {
            at: Point::new(x, y),
            text: text.into(),
            style,
        }
    }

    /// A label of `text` shortened to fit `room` pixels (the item's title keeps it whole).
    pub fn fitted(x: i32, y: i32, text: &str, style: &'static str, room: i32) -> Self {
        Label::new(x, y, measure::fit(text, style, room), style)
    }

    /// The estimated horizontal extent `(left, right)` of the drawn text.
    pub fn span(&self) -> (i32, i32) {
        let w = measure::width(&self.text, self.style);
        match measure::metrics(self.style).anchor {
            measure::Anchor::Start => (self.at.x, self.at.x + w),
            measure::Anchor::Middle => (self.at.x - w / 2, self.at.x + w - w / 2),
            measure::Anchor::End => (self.at.x - w, self.at.x),
        }
    }

    /// The box the drawn text covers: its estimated width, and the font's ascent and descent
    /// around the baseline.
    pub fn text_box(&self) -> Rect {
        let (left, right) = self.span();
        let size = measure::metrics(self.style).size_tenths;
        let ascent = size * 8 / 100;
        let descent = size * 2 / 100 + 1;
        Rect::new(left, self.at.y - ascent, right - left, ascent + descent)
    }
}

/// A box in the picture, with what it contains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Stable identity across layouts (`pod:default/web-7d4b9-x2k4p`).
    pub id: String,
    /// What it is.
    pub kind: Kind,
    /// Where.
    pub rect: Rect,
    /// The icon symbol, if any (`pod`, `svc`, ...).
    pub icon: Option<&'static str>,
    /// The full description, shown on hover.
    pub title: String,
    /// Text lines.
    pub labels: Vec<Label>,
    /// `data-*` attributes of the DOM contract (without the `data-` prefix).
    pub data: Vec<(&'static str, String)>,
    /// State classes (`down`, `pending`, `terminating`, `not-ready`, `dropped`...).
    pub classes: Vec<&'static str>,
    /// Items inside.
    pub children: Vec<Item>,
}

impl Item {
    /// A bare item; the layout fills in the rest.
    pub fn new(id: impl Into<String>, kind: Kind, rect: Rect) -> Self {
        Item {
            id: id.into(),
            kind,
            rect,
            icon: None,
            title: String::new(),
            labels: Vec::new(),
            data: Vec::new(),
            classes: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Moves the item, its labels and everything inside it.
    pub fn translate(&mut self, dx: i32, dy: i32) {
        self.rect.x += dx;
        self.rect.y += dy;
        for label in &mut self.labels {
            label.at.x += dx;
            label.at.y += dy;
        }
        for child in &mut self.children {
            child.translate(dx, dy);
        }
    }

    /// Every item of the tree, depth first.
    pub fn walk(&self) -> Box<dyn Iterator<Item = &Item> + '_> {
        Box::new(std::iter::once(self).chain(self.children.iter().flat_map(Item::walk)))
    }
}

/// What an edge connects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EdgeKind {
    /// A Service to one of its backends.
    Endpoint,
    /// A pod volume to where its data lives.
    Mount,
    /// A claim to its PersistentVolume.
    Bind,
    /// A PersistentVolume to its backing storage.
    Backing,
}

impl EdgeKind {
    /// The class used for styling.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Endpoint => "endpoint",
            EdgeKind::Mount => "mount",
            EdgeKind::Bind => "bind",
            EdgeKind::Backing => "backing",
        }
    }
}

/// A line between two items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// Stable identity.
    pub id: String,
    /// What it connects.
    pub kind: EdgeKind,
    /// The polyline.
    pub points: Vec<Point>,
    /// A label near its end (the targetPort of an endpoint edge).
    pub label: Option<Label>,
    /// State classes (`not-ready`).
    pub classes: Vec<&'static str>,
}

/// Where packets start, stop and turn: one point per place of the simulation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Anchors {
    /// `outside`, `internet`, `dns`, `pod:<ns>/<name>`, `node:<name>` (its kube-proxy),
    /// `lb:<ns>/<svc>`, `external:<host>`.
    pub places: VecMap<String, Point>,
    /// `(node, nodePort)` → the door on that node.
    pub doors: VecMap<(String, u16), Point>,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scene {
    /// Width.
    pub width: i32,
    /// Height.
    pub height: i32,
    /// Items, in paint order.
    pub items: Vec<Item>,
    /// Edges (painted under the items they connect).
    pub edges: Vec<Edge>,
    /// Where packets go.
    pub anchors: Anchors,
}

impl Scene {
    /// Every item of the picture, depth first.
    pub fn all_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().flat_map(Item::walk)
    }
}
