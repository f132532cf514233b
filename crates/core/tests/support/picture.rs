//! Geometry checks of a picture: what "clean" means for the layout tests.
#![allow(dead_code)]

use kubeglass_core::scene::{Item, Kind, Label, Point, Rect, Scene};

/// Doors straddle their node's top edge on purpose.
fn may_stick_out(item: &Item) -> bool {
    item.kind == Kind::Door
}

fn walk<'s>(
    item: &'s Item,
    ancestors: &mut Vec<&'s Item>,
    out: &mut Vec<(&'s Item, Vec<&'s Item>)>,
) {
    out.push((item, ancestors.clone()));
    ancestors.push(item);
    for child in &item.children {
        walk(child, ancestors, out);
    }
    ancestors.pop();
}

fn segment_hits(a: Point, b: Point, r: Rect) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    x0 < r.right() && r.x < x1.max(x0 + 1) && y0 < r.bottom() && r.y < y1.max(y0 + 1)
}

/// Everything wrong with the picture. `strict` adds the checks for textbook-clean
/// pictures: no edge crosses a label, and every edge runs at right angles.
pub fn problems(scene: &Scene, strict: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut all = Vec::new();
    for item in &scene.items {
        walk(item, &mut Vec::new(), &mut all);
    }
    // Every item inside its parent and the picture; siblings apart.
    for (item, ancestors) in &all {
        let frame = Rect::new(0, 0, scene.width, scene.height);
        if !frame.contains(&item.rect) {
            out.push(format!(
                "{} {:?} is outside the picture {}x{}",
                item.id, item.rect, scene.width, scene.height
            ));
        }
        if let Some(parent) = ancestors.last() {
            if !may_stick_out(item) && !parent.rect.contains(&item.rect) {
                out.push(format!(
                    "{} {:?} sticks out of {} {:?}",
                    item.id, item.rect, parent.id, parent.rect
                ));
            }
        }
        for (i, a) in item.children.iter().enumerate() {
            for b in &item.children[i + 1..] {
                if a.rect.overlaps(&b.rect) {
                    out.push(format!(
                        "{} {:?} overlaps {} {:?}",
                        a.id, a.rect, b.id, b.rect
                    ));
                }
            }
        }
    }
    for (i, a) in scene.items.iter().enumerate() {
        for b in &scene.items[i + 1..] {
            if a.rect.overlaps(&b.rect) {
                out.push(format!("{} overlaps {}", a.id, b.id));
            }
        }
    }
    // Labels inside their item, clear of each other and of every box but their own.
    let labels: Vec<(Rect, &Label, &Item, &Vec<&Item>)> = all
        .iter()
        .flat_map(|(item, ancestors)| {
            item.labels
                .iter()
                .map(move |l| (l.text_box(), l, *item, ancestors))
        })
        .collect();
    for (b, label, item, _) in &labels {
        if b.x < item.rect.x || b.right() > item.rect.right() + 1 {
            out.push(format!(
                "label {:?} ({}..{}) runs out of {} ({}..{})",
                label.text,
                b.x,
                b.right(),
                item.id,
                item.rect.x,
                item.rect.right()
            ));
        }
    }
    for (i, (a, la, ia, _)) in labels.iter().enumerate() {
        for (b, lb, ib, _) in &labels[i + 1..] {
            if a.overlaps(b) {
                out.push(format!(
                    "label {:?} of {} overlaps label {:?} of {}",
                    la.text, ia.id, lb.text, ib.id
                ));
            }
        }
    }
    for (b, label, owner, ancestors) in &labels {
        for (item, _) in &all {
            let related = item.id == owner.id || ancestors.iter().any(|a| a.id == item.id);
            if !related && b.overlaps(&item.rect) {
                out.push(format!(
                    "label {:?} of {} overlaps {}",
                    label.text, owner.id, item.id
                ));
            }
        }
    }
    if strict {
        for edge in &scene.edges {
            for w in edge.points.windows(2) {
                if w[0].x != w[1].x && w[0].y != w[1].y {
                    out.push(format!(
                        "{} has a slanted segment {:?}→{:?}",
                        edge.id, w[0], w[1]
                    ));
                }
                for (b, label, owner, _) in &labels {
                    if segment_hits(w[0], w[1], *b) {
                        out.push(format!(
                            "{} crosses label {:?} of {}",
                            edge.id, label.text, owner.id
                        ));
                    }
                }
            }
            if let Some(label) = &edge.label {
                let b = label.text_box();
                for (other, text, owner, _) in &labels {
                    if b.overlaps(other) {
                        out.push(format!(
                            "edge label {:?} of {} overlaps {:?} of {}",
                            label.text, edge.id, text.text, owner.id
                        ));
                    }
                }
            }
        }
    }
    out
}
