//! A node: its address, state, labels, taints, pods and disk; fail it or bring it back,
//! cordon it or uncordon it.

use super::facts::{action_button, codes, facts, gone};
use super::InspectorProps;
use crate::i18n::{t, Msg};
use crate::state::Action;
use kubeglass_core::cluster::Store;
use kubeglass_core::model::Taint;
use kubeglass_core::scenario::Step;
use yew::prelude::*;

/// The node panel: a plain function, not a component, as it has no hooks and re-renders
/// exactly when [`super::inspector`] does (same props).
pub fn node_panel(props: &InspectorProps) -> Html {
    let language = props.language;
    let Some(selected) = props.selected.clone() else {
        return html! {};
    };
    let cluster = &props.lab.playback.world().cluster;
    let Some(node) = cluster.node(&selected.name) else {
        return gone("Node", &selected.name);
    };
    let up = node.is_up();
    let labels: Vec<String> = node
        .labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let taints: Vec<String> = node.taints.iter().map(Taint::spec).collect();
    let pods: Vec<String> = cluster
        .pods
        .iter()
        .filter(|p| p.node.as_deref() == Some(&node.name))
        .map(|p| format!("{}/{}", p.namespace, p.name))
        .collect();
    let disk: Vec<String> = cluster
        .node_dirs
        .iter()
        .filter(|(n, _)| *n == node.name)
        .flat_map(|(n, path)| {
            let files: Vec<String> = cluster.file_paths(&Store::NodeDir {
                node: n.clone(),
                path: path.clone(),
            });
            if files.is_empty() {
                vec![path.clone()]
            } else {
                files
            }
        })
        .collect();
    let state = if !up {
        "down"
    } else if node
        .taints
        .iter()
        .any(|t| t.key == "node.kubernetes.io/unreachable")
    {
        "NotReady"
    } else {
        "Ready"
    };
    let rows = vec![
        (
            t(Msg::Ip, language),
            html! { <code>{ node.ip.to_string() }</code> },
        ),
        (t(Msg::Phase, language), html! { state }),
        (t(Msg::Labels, language), codes(&labels)),
        (t(Msg::Taints, language), codes(&taints)),
        (t(Msg::Pods, language), codes(&pods)),
        ("hostPath", codes(&disk)),
    ];
    let name = node.name.clone();
    let fail = props.dispatch.reform({
        let name = name.clone();
        move |_: MouseEvent| Action::Perform(Step::FailNode(name.clone()))
    });
    let recover = props.dispatch.reform({
        let name = name.clone();
        move |_: MouseEvent| Action::Perform(Step::RecoverNode(name.clone()))
    });
    let cordoned = node.unschedulable;
    let cordon = props.dispatch.reform(move |_: MouseEvent| {
        Action::Perform(if cordoned {
            Step::Uncordon(name.clone())
        } else {
            Step::Cordon(name.clone())
        })
    });
    let (cordon_action, cordon_label) = if cordoned {
        ("uncordon", Msg::Uncordon)
    } else {
        ("cordon", Msg::Cordon)
    };
    html! {
        <div class="kg-panel" data-testid="node-panel">
            <h3><span class="kg-kind">{ "Node" }</span>{ " " }{ &node.name }</h3>
            { facts(rows) }
            <div class="kg-actions">
                { action_button("fail-node", t(Msg::FailNode, language), props.stale || !up, fail) }
                { action_button("recover-node", t(Msg::RecoverNode, language), props.stale || up, recover) }
                { action_button(cordon_action, t(cordon_label, language), props.stale, cordon) }
            </div>
        </div>
    }
}
