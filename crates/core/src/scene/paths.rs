//! The path a packet takes for each hop of a request, over the picture's anchors.

use super::{Point, Scene};
use crate::sim::{Hop, HopKind, Place};

/// The anchor key of a place.
pub fn place_key(place: &Place) -> String {
    match place {
        Place::Outside { .. } => "outside".to_owned(),
        Place::Internet { .. } => "internet".to_owned(),
        Place::Dns { .. } => "dns".to_owned(),
        Place::Pod {
            namespace, name, ..
        } => format!("pod:{namespace}/{name}"),
        Place::Node { name, .. } => format!("node:{name}"),
        Place::LoadBalancer {
            namespace, service, ..
        } => format!("lb:{namespace}/{service}"),
        Place::External { host } => format!("external:{host}"),
    }
}

impl Scene {
    /// Where a place is drawn, if it is.
    pub fn place_point(&self, place: &Place) -> Option<Point> {
        self.anchors.places.get(&place_key(place)).copied()
    }

    /// The door of `node` for the port at the end of `address` (`ip:port`), if there is one.
    fn door(&self, node: &str, address: &str) -> Option<Point> {
        let port: u16 = address.rsplit_once(':')?.1.parse().ok()?;
        self.anchors.doors.get(&(node.to_owned(), port)).copied()
    }

    /// The polyline a packet follows for one hop (empty when its places are not drawn).
    /// A DNS hop goes to the DNS and back; a rewrite stays at the node's kube-proxy; a
    /// packet reaching a node's NodePort enters through that node's door.
    pub fn hop_points(&self, hop: &Hop) -> Vec<Point> {
        let from = self.place_point(&hop.from);
        let to = self.place_point(&hop.to);
        let points: Vec<Option<Point>> = match (hop.kind, &hop.to) {
            (HopKind::Dns, _) => vec![from, to, from],
            (HopKind::Rewrite, _) => vec![to, to],
            (HopKind::Send | HopKind::Balance, Place::Node { name, .. }) => {
                vec![from, self.door(name, &hop.address), to]
            }
            _ => vec![from, to],
        };
        let out: Vec<Point> = points.into_iter().flatten().collect();
        match out.as_slice() {
            // A place drawn alone (the other end hidden): the packet pauses there.
            [only] => vec![*only, *only],
            _ => out,
        }
    }
}
