//! The moving layer as drawn: a drop's reason sits where it hides none of the picture's text.

use kubeglass_core::gallery::EXAMPLES;
use kubeglass_core::load::load;
use kubeglass_core::motion::Motion;
use kubeglass_core::playback::Playback;
use kubeglass_core::scene::{Options, Rect, Scene};
use kubeglass_core::svg::{overlay, Element, Node, SceneText};
use kubeglass_core::text::Language;

fn attr(element: &Element, name: &str) -> i32 {
    let value = &element.attrs.iter().find(|(k, _)| k == name).unwrap().1;
    value.parse().unwrap()
}

fn has_class(element: &Element, class: &str) -> bool {
    element
        .attrs
        .iter()
        .any(|(k, v)| k == "class" && v.split(' ').any(|c| c == class))
}

/// The boxes of every drop reason in the layer.
fn reason_boxes(element: &Element, out: &mut Vec<Rect>) {
    if element.tag == "rect" && has_class(element, "kg-drop-label") {
        let r = Rect::new(
            attr(element, "x"),
            attr(element, "y"),
            attr(element, "width"),
            attr(element, "height"),
        );
        out.push(r);
    }
    for child in &element.children {
        if let Node::Element(e) = child {
            reason_boxes(e, out);
        }
    }
}

fn text_of(scene: &Scene) -> Vec<(Rect, String)> {
    let items = scene.all_items().flat_map(|i| &i.labels);
    let edges = scene.edges.iter().filter_map(|e| e.label.as_ref());
    items
        .chain(edges)
        .map(|l| (l.text_box(), l.text.clone()))
        .collect()
}

/// Every reason of every drop in every example's story, in both languages.
fn reasons_drawn() -> Vec<(String, Scene, Rect)> {
    let mut out = Vec::new();
    for example in EXAMPLES {
        let mut playback = Playback::new(&load(example.source).objects, Options::default());
        while !playback.at_end() {
            let before = playback.scene().clone();
            playback.step();
            let motion = Motion::plan(Some(&before), playback.scene(), playback.last());
            let end = motion.frame(motion.duration);
            for language in [Language::En, Language::Ko] {
                let mut boxes = Vec::new();
                reason_boxes(
                    &overlay(
                        &motion,
                        &end,
                        language,
                        playback.scene(),
                        &SceneText::default(),
                    ),
                    &mut boxes,
                );
                for b in boxes {
                    let at = format!("{} step {} {language:?}", example.id, playback.position());
                    out.push((at, playback.scene().clone(), b));
                }
            }
        }
    }
    out
}

#[test]
fn drop_reasons_cover_no_text_and_stay_in_the_picture() {
    let drawn = reasons_drawn();
    assert!(
        drawn.len() >= 4,
        "the NodePort Local and pending LoadBalancer stories drop requests, in two languages"
    );
    for (at, scene, reason) in drawn {
        let picture = Rect::new(0, 0, scene.width, scene.height);
        assert!(
            picture.contains(&reason),
            "{at}: {reason:?} leaves the picture"
        );
        let covered: Vec<String> = text_of(&scene)
            .into_iter()
            .filter(|(b, _)| b.overlaps(&reason))
            .map(|(_, text)| text)
            .collect();
        assert!(covered.is_empty(), "{at}: the reason covers {covered:?}");
    }
}
