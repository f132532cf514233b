//! Edges routed around the boxes: right-angled polylines that run in the gaps between
//! boxes and cross a node's header only where it has no text, so no line crosses a label.

use super::pods::VolumeRow;
use crate::cluster::{ClaimPhase, Cluster, Service};
use crate::scene::{Edge, EdgeKind, Label, Point, Rect};
use crate::sorted::VecMap;
use std::cell::RefCell;

/// Half the gap between boxes: where lines run.
const LANE: i32 = 8;
/// Distance between parallel lines sharing a gap.
pub const PITCH: i32 = 5;
/// A placeholder height for the bus, until the Service's bus level is known.
const BUS: i32 = i32::MIN / 2;

/// A node as the router sees it.
pub struct NodePlace {
    /// Its box.
    pub rect: Rect,
    /// Horizontal spans of its header text and doors.
    pub header_spans: Vec<(i32, i32)>,
    /// The top of its first row of pods.
    pub pods_top: i32,
    /// [`Placed::free_x`]'s answers so far, by span: every pod in a column asks the same,
    /// and each answer tries every other x against every header span (a node shows a door
    /// for each NodePort in the cluster).
    pub free_x: RefCell<VecMap<(i32, i32), i32>>,
}

/// Where everything was put: what edges are routed between.
#[derive(Default)]
pub struct Placed {
    /// Service (`ns/name`) → box.
    pub services: VecMap<String, Rect>,
    /// Pod (`ns/name`) → its box (or its stack's) and its node (`""` when unscheduled).
    pub pods: VecMap<String, (Rect, String)>,
    /// Node name (`""` for the unscheduled area) → place.
    pub nodes: VecMap<String, NodePlace>,
    /// Top of the first row of nodes.
    pub nodes_top: i32,
    /// Bottom of the lowest node.
    pub nodes_bottom: i32,
    /// Pod volume rows.
    pub volumes: Vec<VolumeRow>,
    /// Disk rows: `host:<node>:<path>`, `local:<pv>` → box.
    pub disk: VecMap<String, Rect>,
    /// Claim (`ns/name`) → box.
    pub claims: VecMap<String, Rect>,
    /// PersistentVolume → box.
    pub pvs: VecMap<String, Rect>,
    /// Top of the storage lane's boxes.
    pub storage_top: i32,
    /// Off-node storage name → box.
    pub offsite: VecMap<String, Rect>,
    /// External host → box.
    pub externals: VecMap<String, Rect>,
    /// The cluster's frame.
    pub frame: Rect,
}

fn mid_y(r: Rect) -> i32 {
    r.y + r.h / 2
}

/// Appends `p`, skipping repeats.
fn push(points: &mut Vec<Point>, p: Point) {
    if points.last() != Some(&p) {
        points.push(p);
    }
}

impl Placed {
    /// The node (or the unscheduled area) named `name`.
    fn node(&self, name: &str) -> Option<&NodePlace> {
        self.nodes.get(name)
    }

    /// True when another box of `boxes` lies below `r` in its column.
    fn covered_below(r: Rect, boxes: impl Iterator<Item = Rect>) -> bool {
        boxes
            .into_iter()
            .any(|o| o.y > r.y && o.x < r.right() && r.x < o.right())
    }

    /// True when the node is in the last row of nodes (nothing below it but the storage lane).
    fn last_row(&self, node: Rect) -> bool {
        !Self::covered_below(node, self.nodes.values().map(|n| n.rect))
    }

    /// From `(x, y)` inside or at the foot of `node` down to the line `floor` below all
    /// nodes, through the gap right of the node when other nodes are below it.
    fn down_below_nodes(&self, points: &mut Vec<Point>, x: i32, node: Rect, floor: i32) {
        if self.last_row(node) {
            push(points, Point::new(x, floor));
        } else {
            let step = node.bottom() + LANE;
            push(points, Point::new(x, step));
            push(points, Point::new(node.right() + LANE, step));
            push(points, Point::new(node.right() + LANE, floor));
        }
    }

    /// The x at which a line can drop through `node`'s header into a box spanning
    /// `from..to`: as far from any header text as possible, nearest the middle on ties.
    fn free_x(node: &NodePlace, from: i32, to: i32) -> i32 {
        if let Some(&x) = node.free_x.borrow().get(&(from, to)) {
            return x;
        }
        let middle = (from + to) / 2;
        let x = (from..=to)
            .step_by(2)
            .max_by_key(|&x| (Self::clearance(node, x).min(24), -(x - middle).abs()))
            .unwrap_or(middle);
        node.free_x.borrow_mut().insert((from, to), x);
        x
    }

    /// A line from the bus at `bus` into `pod` (in `node`): straight down through the
    /// header's free gap into the top of a pod in the first row; down the gap beside a pod
    /// further down and into its side.
    fn enter_pod(
        &self,
        points: &mut Vec<Point>,
        bus: i32,
        pod: Rect,
        node: &NodePlace,
        shift: i32,
    ) {
        let top = if self.in_first_row(node) {
            bus
        } else {
            // Over from the gap left of the node, above it.
            let gap_x = node.rect.x - LANE;
            push(points, Point::new(gap_x, bus));
            push(points, Point::new(gap_x, node.rect.y - LANE));
            node.rect.y - LANE
        };
        if pod.y <= node.pods_top {
            let entry_x = Self::free_x(node, pod.x + 14, pod.right() - 14) + shift;
            push(points, Point::new(entry_x, top));
            push(points, Point::new(entry_x, pod.y));
            return;
        }
        let (left, right) = (pod.x - LANE, pod.right() + LANE);
        let inward_is_left = pod.x + pod.w / 2 > node.rect.x + node.rect.w / 2;
        let channel = match (
            Self::clearance(node, left) >= 4,
            Self::clearance(node, right) >= 4,
        ) {
            (true, true) => Some(if inward_is_left { left } else { right }),
            (true, false) => Some(left),
            (false, true) => Some(right),
            (false, false) => None,
        };
        let side = channel.unwrap_or(if inward_is_left { left } else { right });
        if channel.is_none() {
            // Through the header's free gap, then along under the header to the channel.
            let drop_x = Self::free_x(node, node.rect.x + 14, node.rect.right() - 14) + shift;
            let under_header = node.pods_top - 3;
            push(points, Point::new(drop_x, top));
            push(points, Point::new(drop_x, under_header));
            push(points, Point::new(side, under_header));
        } else {
            push(points, Point::new(side, top));
        }
        let entry_y = pod.y + 14 + shift;
        push(points, Point::new(side, entry_y));
        push(
            points,
            Point::new(if side < pod.x { pod.x } else { pod.right() }, entry_y),
        );
    }

    /// How far `x` is from the nearest text or door of the node's header (negative inside).
    fn clearance(node: &NodePlace, x: i32) -> i32 {
        node.header_spans
            .iter()
            .map(|&(a, b)| {
                if x < a {
                    a - x
                } else if x > b {
                    x - b
                } else {
                    -1
                }
            })
            .min()
            .unwrap_or(i32::MAX)
    }

    /// True when `node` is in the first row of nodes (the bus above the nodes reaches it).
    fn in_first_row(&self, node: &NodePlace) -> bool {
        node.rect.y <= self.nodes_top
    }

    /// Which side of its pod a volume's line leaves by: the side nearer the node's edge
    /// (for a pod alone in its node, hostPath lines go left and the rest right).
    fn exit_side(row: &VolumeRow, node: Rect, prefer_left: bool) -> i32 {
        let left_room = row.pod.x - node.x;
        let right_room = node.right() - row.pod.right();
        let left = if left_room == right_room {
            prefer_left
        } else {
            left_room < right_room
        };
        if left {
            row.pod.x - LANE
        } else {
            row.pod.right() + LANE
        }
    }

    /// Endpoint edges: from each Service down a trunk to a bus above the nodes, then into
    /// each backend pod; addresses outside the cluster go up to their host. Services whose
    /// buses would overlap get different levels; returns the edges and the levels used.
    pub fn endpoint_edges(&self, services: &[&Service], bus_top: i32) -> (Vec<Edge>, usize) {
        let mut edges = Vec::new();
        let mut entries: VecMap<(i32, i32), i32> = VecMap::new();
        let mut levels: Vec<Vec<(i32, i32)>> = Vec::new();
        for s in services {
            let key = format!("{}/{}", s.namespace, s.name);
            let Some(&svc) = self.services.get(&key) else {
                continue;
            };
            let exit = svc.bottom_mid();
            let mut trunk = vec![exit];
            if Self::covered_below(svc, self.services.values().copied()) {
                for p in [
                    Point::new(exit.x, svc.bottom() + LANE),
                    Point::new(svc.right() + LANE, svc.bottom() + LANE),
                    Point::new(svc.right() + LANE, BUS),
                ] {
                    push(&mut trunk, p);
                }
            } else {
                push(&mut trunk, Point::new(exit.x, BUS));
            }
            let mut ports: Vec<String> = s
                .endpoints
                .iter()
                .filter_map(|e| e.ports.iter().flatten().next().map(|p| format!(":{p}")))
                .collect();
            crate::order::sort(&mut ports);
            ports.dedup();
            let mut label = Some(Label::new(
                exit.x + 4,
                exit.y + 12,
                format!("→ {}", ports.join(" ")),
                "edge",
            ))
            .filter(|_| !ports.is_empty());
            let mut drawn: Vec<Rect> = Vec::new();
            let first = edges.len();
            for e in &s.endpoints {
                let (points, target) = match &e.pod_name {
                    Some(name) => {
                        let Some((pod, node)) = self.pods.get(&format!("{}/{name}", s.namespace))
                        else {
                            continue;
                        };
                        let Some(node) = self.node(node) else {
                            continue;
                        };
                        if drawn.contains(pod) {
                            continue;
                        }
                        drawn.push(*pod);
                        let seen = entries.entry((pod.x, pod.y)).or_insert(0);
                        let shift = *seen * 6;
                        *seen += 1;
                        let mut points = trunk.clone();
                        self.enter_pod(&mut points, BUS, *pod, node, shift);
                        (points, name.clone())
                    }
                    None => {
                        let host = e.ip.to_string();
                        let Some(ext) = self.externals.get(&host) else {
                            continue;
                        };
                        (self.up_to_external(svc, *ext), host)
                    }
                };
                edges.push(Edge {
                    id: format!("edge:svc:{key}->{target}"),
                    kind: EdgeKind::Endpoint,
                    points,
                    label: label.take(),
                    classes: if e.ready { vec![] } else { vec!["not-ready"] },
                });
            }
            // This Service's bus: the lowest level where it overlaps no other bus.
            let xs = edges[first..]
                .iter()
                .flat_map(|e| e.points.iter().filter(|p| p.y == BUS).map(|p| p.x));
            let span = xs.fold(None, |acc: Option<(i32, i32)>, x| {
                Some(acc.map_or((x, x), |(a, b)| (a.min(x), b.max(x))))
            });
            if let Some((a, b)) = span {
                let level = levels
                    .iter()
                    .position(|taken| {
                        taken
                            .iter()
                            .all(|&(c, d)| b + 2 * LANE < c || d + 2 * LANE < a)
                    })
                    .unwrap_or(levels.len());
                if level == levels.len() {
                    levels.push(Vec::new());
                }
                levels[level].push((a, b));
                let y = bus_top + PITCH * level as i32;
                for e in &mut edges[first..] {
                    for p in e.points.iter_mut().filter(|p| p.y == BUS) {
                        p.y = y;
                    }
                }
            }
            if let Some(ext) = s
                .spec
                .external_name
                .as_ref()
                .and_then(|h| self.externals.get(h))
            {
                edges.push(Edge {
                    id: format!("edge:svc:{key}->external"),
                    kind: EdgeKind::Endpoint,
                    points: self.up_to_external(svc, *ext),
                    label: None,
                    classes: vec!["external"],
                });
            }
        }
        (edges, levels.len())
    }

    /// From a Service's right side up the gap beside it to a host above the cluster.
    fn up_to_external(&self, svc: Rect, ext: Rect) -> Vec<Point> {
        let above = self.frame.y - 2 * LANE;
        let side = svc.right() + LANE;
        vec![
            Point::new(svc.right(), svc.y + 14),
            Point::new(side, svc.y + 14),
            Point::new(side, above),
            Point::new(ext.x + ext.w / 2, above),
            ext.bottom_mid(),
        ]
    }

    /// Mount edges: each pod volume to the directory, claim or storage it mounts.
    pub fn mount_edges(&self) -> Vec<Edge> {
        let mut edges = Vec::new();
        let floor = self.nodes_bottom + LANE;
        for (i, row) in self.volumes.iter().enumerate() {
            let Some(target) = &row.target else { continue };
            let Some(node) = self.node(row.node.as_deref().unwrap_or("")) else {
                continue;
            };
            let host = target.starts_with("host:");
            let side = Self::exit_side(row, node.rect, host);
            let from = Point::new(
                if side < row.pod.x {
                    row.rect.x
                } else {
                    row.rect.right()
                },
                mid_y(row.rect),
            );
            let mut points = vec![from, Point::new(side, from.y)];
            if let Some(dir) = target.strip_prefix("host:").and(self.disk.get(target)) {
                let into = if side < dir.x { dir.x } else { dir.right() };
                push(&mut points, Point::new(side, mid_y(*dir)));
                push(&mut points, Point::new(into, mid_y(*dir)));
            } else if let Some(claim) = target
                .strip_prefix("claim:")
                .and_then(|c| self.claims.get(c))
            {
                self.down_below_nodes(&mut points, side, node.rect, floor);
                self.enter_storage(&mut points, floor, *claim);
            } else if let Some(store) = target
                .strip_prefix("store:")
                .and_then(|s| self.offsite.get(s))
            {
                self.down_below_nodes(&mut points, side, node.rect, floor);
                let beneath = self.frame.bottom() + 2 * LANE;
                for p in [
                    Point::new(self.frame.x + LANE, floor),
                    Point::new(self.frame.x + LANE, beneath),
                    Point::new(store.x + store.w / 2, beneath),
                    store.top_mid(),
                ] {
                    push(&mut points, p);
                }
            } else {
                continue;
            }
            edges.push(Edge {
                id: format!("edge:mount:{i}:{target}"),
                kind: EdgeKind::Mount,
                points,
                label: None,
                classes: Vec::new(),
            });
        }
        edges
    }

    /// From the line `floor` under the nodes into the top of a box of the storage lane,
    /// through the gap left of it when it is below the lane's first row.
    fn enter_storage(&self, points: &mut Vec<Point>, floor: i32, target: Rect) {
        if target.y > self.storage_top {
            for p in [
                Point::new(target.x - LANE, floor),
                Point::new(target.x - LANE, target.y - LANE),
                Point::new(target.x + target.w / 2, target.y - LANE),
            ] {
                push(points, p);
            }
        } else {
            push(points, Point::new(target.x + target.w / 2, floor));
        }
        push(points, target.top_mid());
    }

    /// Bind edges (claim → volume) and backing edges (volume → where its bytes are).
    pub fn storage_edges(&self, cluster: &Cluster) -> Vec<Edge> {
        let mut edges = Vec::new();
        for c in &cluster.claims {
            let ClaimPhase::Bound(v) = &c.phase else {
                continue;
            };
            if let (Some(a), Some(b)) = (
                self.claims.get(&format!("{}/{}", c.namespace, c.name)),
                self.pvs.get(v),
            ) {
                // Under its claim, or beside it in a landscape layout.
                let points = if b.x >= a.right() {
                    let y = a.y.max(b.y) + 2 * LANE;
                    vec![Point::new(a.right(), y), Point::new(b.x, y)]
                } else {
                    vec![a.bottom_mid(), b.top_mid()]
                };
                edges.push(Edge {
                    id: format!("edge:bind:{}/{}", c.namespace, c.name),
                    kind: EdgeKind::Bind,
                    points,
                    label: None,
                    classes: Vec::new(),
                });
            }
        }
        let floor = self.nodes_bottom + LANE + PITCH + 1;
        for v in &cluster.volumes {
            let Some(&pv) = self.pvs.get(&v.name) else {
                continue;
            };
            let points = if let Some(store) =
                super::outside::offsite_of(v).and_then(|s| self.offsite.get(&s).copied())
            {
                let beneath = self.frame.bottom() + 2 * LANE;
                let start = pv.bottom_mid();
                let mut points = vec![start];
                if Self::covered_below(pv, self.claims.values().chain(self.pvs.values()).copied()) {
                    for p in [
                        Point::new(start.x, pv.bottom() + LANE),
                        Point::new(pv.right() + LANE, pv.bottom() + LANE),
                    ] {
                        push(&mut points, p);
                    }
                }
                let last_x = points.last().map_or(start.x, |p| p.x);
                push(&mut points, Point::new(last_x, beneath));
                push(&mut points, Point::new(store.x + store.w / 2, beneath));
                push(&mut points, store.top_mid());
                points
            } else if let (Some(row), Some(node)) = (
                self.disk.get(&format!("local:{}", v.name)),
                v.node.as_deref().and_then(|n| self.node(n)),
            ) {
                let start = row.bottom_mid();
                let mut points = vec![start];
                self.down_below_nodes(&mut points, start.x, node.rect, floor);
                let side = pv.right() + LANE;
                for p in [
                    Point::new(side, floor),
                    Point::new(side, mid_y(pv)),
                    Point::new(pv.right(), mid_y(pv)),
                ] {
                    push(&mut points, p);
                }
                points
            } else {
                continue;
            };
            edges.push(Edge {
                id: format!("edge:backing:{}", v.name),
                kind: EdgeKind::Backing,
                points,
                label: None,
                classes: Vec::new(),
            });
        }
        edges
    }
}
