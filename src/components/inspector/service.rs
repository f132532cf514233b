//! A Service: its type, addresses, ports and endpoints with their hit counts; send a request
//! or steady traffic from a chosen client along the path its type gives it.

use super::facts::{action_button, codes, facts, gone};
use super::InspectorProps;
use crate::i18n::{t, Msg};
use crate::state::{Action, Form, Traffic};
use kubeglass_core::cluster::{dns, LoadBalancer};
use kubeglass_core::model::ServiceType;
use kubeglass_core::scenario::{client_text, Client, Step};
use kubeglass_core::sim::routes_to;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The Service panel.
/// A plain function, not a component: the chosen client lives in the app's state.
pub fn service_panel(props: &InspectorProps) -> Html {
    let language = props.language;
    let Some(selected) = props.selected.clone() else {
        return html! {};
    };
    let world = props.lab.playback.world();
    let cluster = &world.cluster;
    let Some(service) = cluster.service(&selected.namespace, &selected.name) else {
        return gone("Service", &selected.name);
    };
    let spec = &service.spec;
    let routes = routes_to(cluster, service);
    let index = props.form.client.min(routes.len().saturating_sub(1));
    let ports: Vec<String> = service
        .ports
        .iter()
        .map(|p| {
            let target = match &p.target {
                kubeglass_core::model::IntOrString::Int(n) => n.to_string(),
                kubeglass_core::model::IntOrString::Str(s) => s.clone(),
            };
            let node = p
                .node_port
                .map_or(String::new(), |n| format!(" (node :{n})"));
            format!(
                "{}{} → {target}{node}",
                p.name.as_ref().map_or(String::new(), |n| format!("{n} ")),
                p.port
            )
        })
        .collect();
    let endpoints = html! {
        <ul class="kg-list">
            { for service.endpoints.iter().map(|e| {
                let who = e.pod_name.clone().unwrap_or_default();
                let hits = world.traffic.hits.get(&format!("{}/{who}", service.namespace)).copied().unwrap_or(0);
                let port = e.ports.iter().flatten().next().map_or(String::new(), |p| format!(":{p}"));
                html! {
                    <li data-pod={who.clone()} data-hits={hits.to_string()} class={classes!((!e.ready).then_some("not-ready"))}>
                        <code>{ format!("{}{port}", e.ip) }</code>{ format!(" {who}") }
                        <span class="kg-hits">{ format!(" ×{hits}") }</span>
                    </li>
                }
            }) }
        </ul>
    };
    let kind = if service.is_headless() {
        format!("{} (headless)", spec.service_type.as_str())
    } else {
        spec.service_type.as_str().to_owned()
    };
    let address = match (spec.service_type, service.cluster_ip) {
        (ServiceType::ExternalName, _) => {
            format!("→ {}", spec.external_name.clone().unwrap_or_default())
        }
        (_, Some(ip)) => ip.to_string(),
        (_, None) => "None".to_owned(),
    };
    let lb = match &service.load_balancer {
        LoadBalancer::None => None,
        LoadBalancer::Pending => Some("<pending>".to_owned()),
        LoadBalancer::Ready(a) => Some(a.clone()),
    };
    let mut rows = vec![
        (t(Msg::Type, language), html! { kind }),
        ("ClusterIP", html! { <code>{ address }</code> }),
        (t(Msg::Ports, language), codes(&ports)),
    ];
    if let Some(lb) = lb {
        rows.push(("LoadBalancer", html! { <code>{ lb }</code> }));
    }
    rows.push((t(Msg::Endpoints, language), endpoints));
    rows.push((
        t(Msg::DnsNames, language),
        codes(&dns::names_of(cluster, service)),
    ));
    let option_label = |(client, to): &(Client, String)| match client {
        Client::Outside => format!("{} {to}", t(Msg::Outside, language)),
        Client::Internet => format!("{} {to}", t(Msg::Internet, language)),
        other => format!("{} → {to}", client_text(other)),
    };
    let chosen = routes.get(index).cloned();
    let running = props
        .traffic
        .as_ref()
        .zip(chosen.as_ref())
        .is_some_and(|(tr, (c, to))| tr.from == *c && tr.to == *to);
    let any_traffic = props.traffic.is_some();
    let disabled = props.stale || chosen.is_none();
    let send = {
        let chosen = chosen.clone();
        props.dispatch.reform(move |_: MouseEvent| match &chosen {
            Some((from, to)) => Action::Perform(Step::Request {
                from: from.clone(),
                to: to.clone(),
                count: 1,
            }),
            None => Action::StopTraffic,
        })
    };
    let start = {
        let chosen = chosen.clone();
        props.dispatch.reform(move |_: MouseEvent| match &chosen {
            Some((from, to)) => Action::StartTraffic(Traffic {
                from: from.clone(),
                to: to.clone(),
            }),
            None => Action::StopTraffic,
        })
    };
    let stop = props.dispatch.reform(|_: MouseEvent| Action::StopTraffic);
    let form = props.form.clone();
    let on_choice = props.dispatch.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::Form(Form {
            client: select.value().parse().unwrap_or(0),
            ..form.clone()
        })
    });
    html! {
        <div class="kg-panel" data-testid="service-panel">
            <h3><span class="kg-kind">{ "Service" }</span>{ " " }{ format!("{}/{}", service.namespace, service.name) }</h3>
            { facts(rows) }
            <div class="kg-actions">
                <label class="kg-field kg-wide">
                    <span>{ t(Msg::Client, language) }</span>
                    <select data-testid="client" onchange={on_choice}>
                        { for routes.iter().enumerate().map(|(i, r)| html! { <option value={i.to_string()} selected={i == index}>{ option_label(r) }</option> }) }
                    </select>
                </label>
                { action_button("send-request", t(Msg::SendRequest, language), disabled, send) }
                { action_button("start-traffic", t(Msg::StartTraffic, language), disabled || running, start) }
                { action_button("stop-traffic", t(Msg::StopTraffic, language), !any_traffic, stop) }
            </div>
        </div>
    }
}
