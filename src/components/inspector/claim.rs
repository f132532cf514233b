//! A claim or a PersistentVolume: binding, size, class, reclaim policy and the data it holds;
//! delete the claim to watch the reclaim policy at work.

use super::facts::{action_button, codes, facts, gone};
use super::InspectorProps;
use crate::i18n::{t, Msg};
use crate::state::Action;
use kubeglass_core::cluster::{ClaimPhase, Store, Volume};
use kubeglass_core::model::quantity::format_bytes;
use kubeglass_core::scenario::Step;
use yew::prelude::*;

fn volume_rows(
    volume: &Volume,
    files: &[String],
    language: kubeglass_core::text::Language,
) -> Vec<(&'static str, Html)> {
    let modes: Vec<String> = volume
        .access_modes
        .iter()
        .map(|m| m.short().to_owned())
        .collect();
    vec![
        (
            t(Msg::Volume, language),
            html! { <code>{ &volume.name }</code> },
        ),
        (t(Msg::Phase, language), html! { volume.phase.as_str() }),
        (
            t(Msg::Capacity, language),
            html! { format!("{} · {}", format_bytes(volume.capacity), modes.join(",")) },
        ),
        (
            t(Msg::Reclaim, language),
            html! { <strong data-testid="reclaim">{ volume.reclaim.as_str() }</strong> },
        ),
        (
            "source",
            html! { volume.source.as_ref().map_or_else(|| "—".to_owned(), |s| s.label()) },
        ),
        (t(Msg::Files, language), codes(files)),
    ]
}

/// The storage panel (a claim, or a PersistentVolume): a plain function, not a component, as
/// it has no hooks and re-renders exactly when [`super::inspector`] does (same props).
pub fn storage_panel(props: &InspectorProps) -> Html {
    let language = props.language;
    let Some(selected) = props.selected.clone() else {
        return html! {};
    };
    let cluster = &props.lab.playback.world().cluster;
    let files_of = |pv: &str| -> Vec<String> { cluster.file_paths(&Store::Volume(pv.to_owned())) };
    if selected.kind == "PersistentVolume" {
        let Some(volume) = cluster.volumes.iter().find(|v| v.name == selected.name) else {
            return gone("PersistentVolume", &selected.name);
        };
        return html! {
            <div class="kg-panel" data-testid="volume-panel">
                <h3><span class="kg-kind">{ "PersistentVolume" }</span>{ " " }{ &volume.name }</h3>
                { facts(volume_rows(volume, &files_of(&volume.name), language)) }
            </div>
        };
    }
    let Some(claim) = cluster
        .claims
        .iter()
        .find(|c| c.name == selected.name && c.namespace == selected.namespace)
    else {
        return gone("PersistentVolumeClaim", &selected.name);
    };
    let phase = match (&claim.phase, claim.deleting) {
        (_, true) => "Terminating (in use: kubernetes.io/pvc-protection)".to_owned(),
        (ClaimPhase::Bound(v), _) => format!("Bound → {v}"),
        (ClaimPhase::Pending(reason), _) => format!("Pending — {}", reason.get(language)),
        (ClaimPhase::Lost, _) => "Lost".to_owned(),
    };
    let mut rows = vec![
        (t(Msg::Phase, language), html! { phase }),
        (
            t(Msg::Capacity, language),
            html! { format_bytes(claim.spec.request) },
        ),
        (
            t(Msg::Class, language),
            html! { claim.class.clone().unwrap_or_else(|| "—".into()) },
        ),
    ];
    if let ClaimPhase::Bound(v) = &claim.phase {
        if let Some(volume) = cluster.volumes.iter().find(|pv| &pv.name == v) {
            rows.extend(volume_rows(volume, &files_of(v), language));
        }
    }
    let namespace = (claim.namespace != "default").then(|| claim.namespace.clone());
    let name = claim.name.clone();
    let delete = props.dispatch.reform(move |_: MouseEvent| {
        Action::Perform(Step::DeletePvc {
            namespace: namespace.clone(),
            name: name.clone(),
        })
    });
    html! {
        <div class="kg-panel" data-testid="claim-panel">
            <h3><span class="kg-kind">{ "PersistentVolumeClaim" }</span>{ " " }{ format!("{}/{}", claim.namespace, claim.name) }</h3>
            { facts(rows) }
            <div class="kg-actions">
                { action_button("delete-pvc", t(Msg::DeletePvc, language), props.stale || claim.deleting, delete) }
            </div>
        </div>
    }
}
