//! A pod: where it runs, what it holds, who selects it; delete it, restart a container,
//! write a file.

use super::facts::{action_button, codes, facts, gone};
use super::InspectorProps;
use crate::i18n::{t, Msg};
use crate::state::{Action, Form};
use kubeglass_core::cluster::{dns, Pod, Store};
use kubeglass_core::scenario::Step;
use kubeglass_core::sim::pod_ref;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Where a new file goes by default: into the container's first volume, else /tmp.
fn default_path(pod: &Pod, container: &str) -> String {
    pod.spec
        .containers
        .iter()
        .find(|c| c.name == container)
        .and_then(|c| c.volume_mounts.iter().find(|m| !m.read_only))
        .map_or_else(
            || "/tmp/hello.txt".to_owned(),
            |m| format!("{}/hello.txt", m.mount_path.trim_end_matches('/')),
        )
}

/// The pod panel.
/// A plain function, not a component: the chosen container and path live in the app's state.
pub fn pod_panel(props: &InspectorProps) -> Html {
    let language = props.language;
    let selected = props
        .selected
        .clone()
        .unwrap_or_else(|| crate::state::Selection {
            kind: String::new(),
            namespace: String::new(),
            name: String::new(),
        });
    let world = props.lab.playback.world();
    let cluster = &world.cluster;
    let pod = cluster
        .pods
        .iter()
        .find(|p| p.name == selected.name && p.namespace == selected.namespace);
    let first = pod
        .and_then(|p| p.spec.containers.first())
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let Some(pod) = pod else {
        return gone("Pod", &selected.name);
    };
    let form = &props.form;
    let chosen = if pod.spec.containers.iter().any(|c| c.name == form.container) {
        form.container.clone()
    } else {
        first
    };
    let path_value = if form.path.is_empty() {
        default_path(pod, &chosen)
    } else {
        form.path.clone()
    };
    let hits = world.traffic.hits.get(&pod.key()).copied().unwrap_or(0);
    let selecting: Vec<String> = cluster
        .services
        .iter()
        .filter(|s| s.endpoints.iter().any(|e| e.pod == Some(pod.uid)))
        .map(|s| s.name.clone())
        .collect();
    let containers = html! {
        <ul class="kg-list">
            { for pod.spec.containers.iter().enumerate().map(|(i, c)| {
                let ports = c.ports.iter().map(|p| format!(":{}", p.container_port)).collect::<Vec<_>>().join(" ");
                let restarts = pod.restarts.get(i).copied().unwrap_or(0);
                let files: Vec<String> = cluster.file_paths(&Store::Container { pod: pod.uid, container: c.name.clone(), generation: restarts });
                html! {
                    <li>
                        <code>{ &c.name }</code>{ format!(" {} {ports}", c.image) }
                        if restarts > 0 { { format!(" ↻{restarts}") } }
                        if !files.is_empty() { { codes(&files) } }
                    </li>
                }
            }) }
        </ul>
    };
    let volumes = html! {
        <ul class="kg-list">
            { for pod.volumes.iter().map(|v| {
                let files: Vec<String> = v.store.as_ref().map(|s| cluster.file_paths(s)).unwrap_or_default();
                html! {
                    <li data-lifetime={v.lifetime.as_str()}>
                        <code>{ &v.name }</code>{ format!(" · {} · {} {}", v.kind, t(Msg::Lifetime, language), v.lifetime.as_str()) }
                        { if files.is_empty() { html! { <span class="kg-muted">{ format!(" · {}", t(Msg::NoFiles, language)) }</span> } } else { codes(&files) } }
                    </li>
                }
            }) }
        </ul>
    };
    let owner = pod
        .owner
        .as_ref()
        .map_or_else(|| "—".to_owned(), |o| format!("{}/{}", o.kind, o.name));
    let labels: Vec<String> = pod.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let phase = match &pod.reason {
        Some(r) => format!("{} — {}", pod.phase.as_str(), r.get(language)),
        None => pod.phase.as_str().to_owned(),
    };
    let rows = vec![
        (t(Msg::Phase, language), html! { phase }),
        (
            t(Msg::Ip, language),
            html! { <code>{ pod.ip.map_or("—".to_owned(), |ip| ip.to_string()) }</code> },
        ),
        (
            t(Msg::Node, language),
            html! { pod.node.clone().unwrap_or_else(|| "—".into()) },
        ),
        (t(Msg::Owner, language), html! { owner }),
        (t(Msg::Labels, language), codes(&labels)),
        (t(Msg::Containers, language), containers),
        (t(Msg::Volumes, language), volumes),
        (
            t(Msg::DnsNames, language),
            codes(&dns::names_of_pod(cluster, pod)),
        ),
        (t(Msg::SelectedBy, language), codes(&selecting)),
        (t(Msg::Hits, language), html! { hits }),
    ];
    let disabled = props.stale || pod.terminating;
    let reference = pod_ref(pod);
    let delete = {
        let reference = reference.clone();
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::Perform(Step::DeletePod(reference.clone())))
    };
    let restart = {
        let (reference, chosen) = (reference.clone(), chosen.clone());
        props.dispatch.reform(move |_: MouseEvent| {
            Action::Perform(Step::RestartContainer {
                pod: reference.clone(),
                container: Some(chosen.clone()),
            })
        })
    };
    let write = {
        let (reference, chosen, path_value) =
            (reference.clone(), chosen.clone(), path_value.clone());
        props.dispatch.reform(move |_: MouseEvent| {
            Action::Perform(Step::Write {
                pod: reference.clone(),
                container: Some(chosen.clone()),
                path: path_value.clone(),
            })
        })
    };
    let on_container = {
        let form = form.clone();
        props.dispatch.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            Action::Form(Form {
                container: select.value(),
                path: String::new(),
                ..form.clone()
            })
        })
    };
    let on_path = {
        let form = form.clone();
        props.dispatch.reform(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            Action::Form(Form {
                path: input.value(),
                ..form.clone()
            })
        })
    };
    html! {
        <div class="kg-panel" data-testid="pod-panel">
            <h3><span class="kg-kind">{ "Pod" }</span>{ " " }{ format!("{}/{}", pod.namespace, pod.name) }</h3>
            { facts(rows) }
            <div class="kg-actions">
                { action_button("delete-pod", t(Msg::DeletePod, language), disabled, delete) }
                <label class="kg-field">
                    <span>{ t(Msg::Container, language) }</span>
                    <select data-testid="container" onchange={on_container}>
                        { for pod.spec.containers.iter().map(|c| html! { <option value={c.name.clone()} selected={c.name == chosen}>{ &c.name }</option> }) }
                    </select>
                </label>
                { action_button("restart-container", t(Msg::RestartContainer, language), disabled, restart) }
                <label class="kg-field">
                    <span>{ t(Msg::Path, language) }</span>
                    <input type="text" data-testid="file-path" value={path_value} oninput={on_path} spellcheck="false" />
                </label>
                { action_button("write-file", t(Msg::WriteFile, language), disabled, write) }
            </div>
        </div>
    }
}
