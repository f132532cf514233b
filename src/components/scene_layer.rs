//! The still picture: its style, icons, edges and every object, redrawn only when the scene
//! changes. The style is the one the export inlines, so the page ships it once (in the wasm)
//! and the live view cannot drift from the download.

use super::svg_tree::to_html;
use crate::shared::Shared;
use crate::state::Lab;
use kubeglass_core::svg;
use yew::prelude::*;

/// Props of [`SceneLayer`].
#[derive(Properties, PartialEq)]
pub struct SceneLayerProps {
    /// The story; its scene is the picture.
    pub lab: Shared<Lab>,
}

/// The scene as SVG groups, keyed by object.
#[component]
pub fn SceneLayer(props: &SceneLayerProps) -> Html {
    html! {
        <>
            <style>{ svg::STYLE }</style>
            { to_html(&svg::defs()) }
            { to_html(&svg::scene(props.lab.playback.scene())) }
        </>
    }
}
