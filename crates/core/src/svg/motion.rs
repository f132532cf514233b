//! The moving layer drawn over the scene: ghosts of removed objects fading out, packets in
//! flight, pulses where requests arrive, and drop marks with their reasons.

use super::{item, Element, Node};
use crate::motion::{Frame, Motion};
use crate::number::fixed;
use crate::scene::measure::{fit, width, wrap};
use crate::scene::{Label, Point, Rect, Scene};
use crate::sim::HopKind;
use crate::text::Language;
use std::cell::OnceCell;

fn hop_class(kind: HopKind) -> &'static str {
    match kind {
        HopKind::Dns => "dns",
        HopKind::Rewrite => "rewrite",
        HopKind::Forward => "forward",
        HopKind::Balance => "balance",
        HopKind::Send => "send",
        HopKind::Deliver => "deliver",
    }
}

/// Room for a drop's reason.
const REASON_W: i32 = 230;

/// The boxes of one scene's text, which a drop's reason should leave readable. They are
/// measured the first time a reason is placed; the caller keeps one per scene, so the frames
/// of a motion measure the picture once instead of every frame.
#[derive(Debug, Default)]
pub struct SceneText(OnceCell<Vec<Rect>>);

impl SceneText {
    fn boxes(&self, scene: &Scene) -> &[Rect] {
        self.0.get_or_init(|| {
            let item_labels = scene.all_items().flat_map(|i| &i.labels);
            let edge_labels = scene.edges.iter().filter_map(|e| e.label.as_ref());
            item_labels
                .chain(edge_labels)
                .map(Label::text_box)
                .collect()
        })
    }
}

/// Where a `w`×`h` reason goes beside its mark at (x, y): of the places around the mark,
/// inside the picture, the first that covers the least text (right, left, below, above).
fn reason_place(x: i32, y: i32, w: i32, h: i32, scene: &Scene, text: &[Rect]) -> Point {
    let (under, over) = (y + 10, y - 10 - h);
    let candidates = [
        (x + 10, y - 9),
        (x - 10 - w, y - 9),
        (x - w + 10, under),
        (x - 10, under),
        (x - w + 10, over),
        (x - 10, over),
    ]
    .map(|(left, top)| {
        let left = left.clamp(0, (scene.width - w).max(0));
        let top = top.clamp(0, (scene.height - h).max(0));
        Rect::new(left, top, w, h)
    });
    let covered = |r: &&Rect| -> i64 {
        text.iter()
            .filter(|t| t.overlaps(r))
            .map(|t| {
                let w = t.right().min(r.right()) - t.x.max(r.x);
                let h = t.bottom().min(r.bottom()) - t.y.max(r.y);
                i64::from(w) * i64::from(h)
            })
            .sum()
    };
    // `min_by_key` keeps the first of equals, so the order above is the preference.
    let best = candidates
        .iter()
        .min_by_key(covered)
        .unwrap_or(&candidates[0]);
    Point::new(best.x, best.y)
}

/// A drop's reason beside its mark at (x, y), placed by [`reason_place`].
fn reason_label(reason: &str, x: i32, y: i32, scene: &Scene, text: &[Rect]) -> Element {
    let (verdict, why) = match reason.split_once(": ") {
        Some((verdict, why)) if verdict.chars().count() <= 40 => (verdict, why),
        _ => ("", reason),
    };
    let mut lines: Vec<(String, &str)> = Vec::new();
    if !verdict.is_empty() {
        lines.push((fit(verdict, "drop", REASON_W), "drop"));
    }
    lines.extend(
        wrap(why, "drop-why", REASON_W, 3)
            .into_iter()
            .map(|l| (l, "drop-why")),
    );
    let w = lines
        .iter()
        .map(|(l, style)| width(l, style))
        .max()
        .unwrap_or(0)
        + 10;
    let h = lines.len() as i32 * 13 + 6;
    let Point { x: left, y: top } = reason_place(x, y, w, h, scene, text);
    let mut label = Element::new("g")
        .attr("class", "kg-drop-reason")
        .child(Node::Element(
            Element::new("rect")
                .attr("class", "kg-drop-label")
                .attr("x", left.to_string())
                .attr("y", top.to_string())
                .attr("width", w.to_string())
                .attr("height", h.to_string())
                .attr("rx", "3"),
        ));
    for (i, (line, style)) in lines.into_iter().enumerate() {
        label = label.child(Node::Element(
            Element::new("text")
                .attr("class", format!("kg-t-{style}"))
                .attr("x", (left + 5).to_string())
                .attr("y", (top + 13 + 13 * i as i32).to_string())
                .child(Node::Text(line)),
        ));
    }
    label
}

/// The moving layer of `motion` at `frame`, over `scene` (whose text `text` measures).
pub fn overlay(
    motion: &Motion,
    frame: &Frame<'_>,
    language: Language,
    scene: &Scene,
    text: &SceneText,
) -> Element {
    let mut layer = Element::new("g")
        .attr("class", "kg-motion")
        .attr("aria-hidden", "true");
    if frame.ghost_opacity > 0.0 && !motion.ghosts.is_empty() {
        let ghosts = Element::new("g")
            .attr("class", "kg-ghosts")
            .attr("opacity", fixed(frame.ghost_opacity, 3))
            .children(
                motion
                    .ghosts
                    .iter()
                    .map(|g| Node::Element(item(g).inert().key(&format!("ghost:{}", g.id)))),
            );
        layer = layer.child(Node::Element(ghosts));
    }
    for at in &frame.arrivals {
        layer = layer.child(Node::Element(
            Element::new("circle")
                .attr("class", "kg-arrival")
                .attr("cx", at.x.to_string())
                .attr("cy", at.y.to_string())
                .attr("r", "9"),
        ));
    }
    for packet in &frame.packets {
        let circle = Element::new("circle")
            .key(&format!("packet:{}", packet.request))
            .attr(
                "class",
                format!("kg-packet kg-packet-{}", hop_class(packet.kind)),
            )
            .data("testid", "packet")
            .attr("cx", fixed(packet.x, 1))
            .attr("cy", fixed(packet.y, 1))
            .attr(
                "r",
                if packet.kind == HopKind::Dns {
                    "4"
                } else {
                    "6"
                },
            );
        layer = layer.child(Node::Element(circle));
    }
    for (n, drop) in frame.drops.iter().enumerate() {
        let (x, y) = (drop.at.x, drop.at.y);
        let reason = drop.reason.get(language).to_owned();
        let mark = Element::new("g")
            .key(&format!("drop:{n}"))
            .attr("class", "kg-drop")
            .data("testid", "drop")
            .data("reason", reason.clone())
            .child(Node::Element(
                Element::new("title").child(Node::Text(reason)),
            ))
            .child(Node::Element(
                Element::new("line")
                    .attr("x1", (x - 6).to_string())
                    .attr("y1", (y - 6).to_string())
                    .attr("x2", (x + 6).to_string())
                    .attr("y2", (y + 6).to_string()),
            ))
            .child(Node::Element(
                Element::new("line")
                    .attr("x1", (x - 6).to_string())
                    .attr("y1", (y + 6).to_string())
                    .attr("x2", (x + 6).to_string())
                    .attr("y2", (y - 6).to_string()),
            ));
        // The first drop at a spot says why: the verdict, then the reason in a few lines
        // (the tooltip and the narration have it whole).
        let first_here = frame.drops[..n].iter().all(|d| d.at != drop.at);
        let mark = if first_here {
            mark.child(Node::Element(reason_label(
                drop.reason.get(language),
                x,
                y,
                scene,
                text.boxes(scene),
            )))
        } else {
            mark
        };
        layer = layer.child(Node::Element(mark));
    }
    layer
}
