//! The core's SVG element tree as Yew nodes: the live view draws exactly what the export
//! writes, with each object keyed by its scene id so Yew updates only what changed.

use indexmap::IndexMap;
use kubeglass_core::svg::{Element, Node};
use yew::virtual_dom::{AttrValue, Attributes, VNode, VTag, VText};
use yew::Html;

/// One element and its children.
pub fn to_html(element: &Element) -> Html {
    let mut tag = VTag::new(element.tag);
    let attributes: IndexMap<AttrValue, AttrValue> = element
        .attrs
        .iter()
        .map(|(k, v)| (AttrValue::from(k.clone()), AttrValue::from(v.clone())))
        .collect();
    tag.set_attributes(Attributes::from(attributes));
    if let Some(key) = &element.key {
        tag.key = Some(key.as_str().into());
    }
    for child in &element.children {
        tag.add_child(match child {
            Node::Element(e) => to_html(e),
            Node::Text(t) => VNode::VText(VText::new(t.clone())),
            Node::Raw(r) => Html::from_html_unchecked(AttrValue::from(r.clone())),
        });
    }
    VNode::VTag(std::rc::Rc::new(tag))
}
