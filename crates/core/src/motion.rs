//! What moves between two pictures: packets travelling each hop of the step's requests at a
//! steady speed, drop marks where requests die, and ghosts of what the step removed fading
//! out. Pure and clocked by the caller: `frame(t)` says where everything is `t` ms of
//! animation time after the step, so pausing, stepping and speed are the caller's choice.

use crate::scene::{path_length, point_along, Item, Kind, Point, Scene};
use crate::sim::{HopKind, Outcome};
use crate::sorted::VecSet;
use crate::text::Text;

/// Packet speed, in picture units per millisecond of animation time, in a picture up to
/// [`FIT_WIDTH`] wide.
pub const SPEED: f64 = 0.32;
/// The view shrinks a wider picture to fit, so there packets go faster in proportion: on
/// screen they move as fast as in a lecture-sized picture, and crossing 200 pods does not
/// take half a minute.
pub const FIT_WIDTH: f64 = 1000.0;
/// Time between the starts of consecutive requests of one step...
pub const STAGGER_MS: f64 = 220.0;
/// ...unless that would spread them over longer than this: a step of many requests sends
/// them closer together.
pub const SPREAD_MS: f64 = 3000.0;
/// How long a packet pauses where nothing moves it (a DNS answer, kube-proxy's rewrite).
pub const DWELL_MS: f64 = 260.0;
/// How long removed objects take to fade out.
pub const FADE_MS: f64 = 800.0;

/// One leg of a packet's trip.
#[derive(Clone, Debug, PartialEq)]
struct Leg {
    kind: HopKind,
    points: Vec<Point>,
    length: f64,
    start: f64,
    end: f64,
}

/// One request's trip.
#[derive(Clone, Debug, PartialEq)]
struct Track {
    legs: Vec<Leg>,
    start: f64,
    end: f64,
    drop: Option<DropMark>,
    delivered_at: Option<Point>,
}

/// Where a request was dropped, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct DropMark {
    /// The point it stopped at.
    pub at: Point,
    /// Why.
    pub reason: Text,
}

/// A packet in flight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Packet {
    /// Which request (in the step's order).
    pub request: usize,
    /// Position.
    pub x: f64,
    /// Position.
    pub y: f64,
    /// The leg it is on.
    pub kind: HopKind,
}

/// Everything that moves at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame<'m> {
    /// Packets in flight.
    pub packets: Vec<Packet>,
    /// Requests dropped so far.
    pub drops: Vec<&'m DropMark>,
    /// Pods that just received a request (a short pulse), by anchor point.
    pub arrivals: Vec<Point>,
    /// Opacity of the ghosts (1 → 0).
    pub ghost_opacity: f64,
    /// Nothing moves any more.
    pub done: bool,
}

/// The motion of one step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Motion {
    tracks: Vec<Track>,
    /// What the step removed (pods, volumes, files...), as drawn before it.
    pub ghosts: Vec<Item>,
    /// When everything has come to rest.
    pub duration: f64,
}

/// Kinds whose disappearance is worth a fade (not frames and lanes).
fn fades(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::Cluster | Kind::Lane | Kind::Namespace | Kind::Dns | Kind::Container
    )
}

fn collect_ghosts(item: &Item, kept: &VecSet<&str>, out: &mut Vec<Item>) {
    if !kept.contains(item.id.as_str()) && fades(item.kind) {
        out.push(item.clone());
        return;
    }
    for child in &item.children {
        collect_ghosts(child, kept, out);
    }
}

/// Packet speed in `scene` (see [`FIT_WIDTH`]).
pub fn speed_in(scene: &Scene) -> f64 {
    SPEED * (f64::from(scene.width) / FIT_WIDTH).max(1.0)
}

impl Motion {
    /// Plans the motion from the picture `before` a step to the picture `after` it, with
    /// what the step did.
    pub fn plan(before: Option<&Scene>, after: &Scene, outcome: Option<&Outcome>) -> Motion {
        let mut motion = Motion::default();
        if let Some(before) = before {
            let kept: VecSet<&str> =
                VecSet::from_unsorted(after.all_items().map(|i| i.id.as_str()).collect());
            for item in &before.items {
                collect_ghosts(item, &kept, &mut motion.ghosts);
            }
        }
        let speed = speed_in(after);
        let requests = outcome.map(|o| o.requests.as_slice()).unwrap_or_default();
        let stagger = STAGGER_MS.min(SPREAD_MS / requests.len().max(1) as f64);
        for (n, request) in requests.iter().enumerate() {
            let start = n as f64 * stagger;
            let mut clock = start;
            let mut legs = Vec::new();
            for hop in &request.hops {
                let points = after.hop_points(hop);
                if points.len() < 2 {
                    continue;
                }
                let length = path_length(&points);
                let travel = (length / speed).max(if length == 0.0 || hop.kind == HopKind::Dns {
                    DWELL_MS
                } else {
                    0.0
                });
                legs.push(Leg {
                    kind: hop.kind,
                    points,
                    length,
                    start: clock,
                    end: clock + travel,
                });
                clock += travel;
            }
            // A request dropped before its first hop stops where it started.
            let last = legs
                .last()
                .and_then(|l| l.points.last().copied())
                .or_else(|| {
                    request
                        .dropped_at
                        .as_ref()
                        .and_then(|p| after.place_point(p))
                });
            motion.tracks.push(Track {
                legs,
                start,
                end: clock,
                drop: match (&request.drop_reason, last) {
                    (Some(reason), Some(at)) if !request.delivered => Some(DropMark {
                        at,
                        reason: reason.clone(),
                    }),
                    _ => None,
                },
                delivered_at: last.filter(|_| request.delivered),
            });
        }
        let travel_end = motion.tracks.iter().map(|t| t.end).fold(0.0, f64::max);
        let fade_end = if motion.ghosts.is_empty() {
            0.0
        } else {
            FADE_MS
        };
        motion.duration = travel_end.max(fade_end);
        motion
    }

    /// How many requests the motion carries.
    pub fn requests(&self) -> usize {
        self.tracks.len()
    }

    /// Everything's state `t` ms after the step.
    pub fn frame(&self, t: f64) -> Frame<'_> {
        self.frame_in(t, true)
    }

    /// Everything's state `t` ms after the step; without `glide` (for readers who ask for
    /// reduced motion) packets jump from hop to hop and removed objects vanish at once. The
    /// timing, the drops and the arrivals are the same.
    pub fn frame_in(&self, t: f64, glide: bool) -> Frame<'_> {
        let mut frame = Frame {
            packets: Vec::new(),
            drops: Vec::new(),
            arrivals: Vec::new(),
            ghost_opacity: if glide {
                crate::number::clamp(1.0 - t / FADE_MS, 0.0, 1.0)
            } else {
                0.0
            },
            done: t >= self.duration,
        };
        for (request, track) in self.tracks.iter().enumerate() {
            if t >= track.end {
                match (&track.drop, track.delivered_at) {
                    (Some(drop), _) => frame.drops.push(drop),
                    (None, Some(at)) if t < track.end + DWELL_MS => frame.arrivals.push(at),
                    _ => {}
                }
                continue;
            }
            let Some(leg) = track.legs.iter().find(|l| t >= l.start && t < l.end) else {
                continue;
            };
            let progress = if glide {
                (t - leg.start) / (leg.end - leg.start).max(1.0)
            } else {
                0.0
            };
            let (x, y) = point_along(&leg.points, progress * leg.length);
            frame.packets.push(Packet {
                request,
                x,
                y,
                kind: leg.kind,
            });
        }
        frame
    }
}
