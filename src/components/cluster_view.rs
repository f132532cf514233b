//! The cluster picture.

use crate::state::DrawnObject;
use yew::prelude::*;

/// Props of [`ClusterView`].
#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    /// Objects to draw.
    pub objects: Vec<DrawnObject>,
}

const ROW: i32 = 56;

/// One labelled shape per object.
#[component]
pub fn ClusterView(props: &ClusterViewProps) -> Html {
    let height = (props.objects.len() as i32 * ROW + 24).max(120);
    html! {
        <svg class="kg-cluster" data-testid="cluster" role="img" aria-label="Cluster picture"
             viewBox={format!("0 0 480 {height}")} xmlns="http://www.w3.org/2000/svg">
            { for props.objects.iter().enumerate().map(|(i, o)| {
                let y = 12 + i as i32 * ROW;
                html! {
                    <g class={classes!("kg-object", o.kind.to_lowercase())}
                       data-kind={o.kind.clone()} data-name={o.name.clone()}
                       data-namespace={o.namespace.clone()}>
                        <title>{ format!("{} {}", o.kind, o.name) }</title>
                        <rect x="12" y={y.to_string()} width="456" height="44" rx="8" />
                        <text x="28" y={(y + 27).to_string()}>
                            <tspan class="kg-kind">{ &o.kind }</tspan>
                            { " " }
                            <tspan class="kg-name">{ &o.name }</tspan>
                        </text>
                    </g>
                }
            }) }
        </svg>
    }
}
