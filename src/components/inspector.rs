//! The inspector: everything about the clicked object, and what the user can do to it.
//! Every action goes through [`Action::Perform`], so it is recorded in the Scenario.

mod claim;
mod facts;
mod node;
mod pod;
mod service;

use crate::i18n::{t, Msg};
use crate::shared::Shared;
use crate::state::{Action, Form, Lab, Selection, Traffic};
use kubeglass_core::text::Language;
use yew::prelude::*;

/// What every part of the inspector gets.
#[derive(Properties, PartialEq, Clone)]
pub struct InspectorProps {
    /// The story (its world is what is inspected).
    pub lab: Shared<Lab>,
    /// The inspected object.
    pub selected: Option<Selection>,
    /// What the panels' fields hold.
    pub form: Form,
    /// Steady traffic running, if any.
    pub traffic: Option<Traffic>,
    /// The text has errors: actions wait until it is fixed.
    pub stale: bool,
    /// Language.
    pub language: Language,
    /// Sends an action.
    pub dispatch: Callback<Action>,
}

/// The inspector panel.
/// A plain function, not a component: it has no hooks, and its parent renders it anew each time
/// anyway (its callbacks are new on every render).
pub fn inspector(props: &InspectorProps) -> Html {
    let language = props.language;
    let body = match &props.selected {
        None => html! { <p class="kg-hint">{ t(Msg::InspectorEmpty, language) }</p> },
        Some(s) => {
            let inner = match s.kind.as_str() {
                "Pod" => pod::pod_panel(props),
                "Service" | "LoadBalancer" => service::service_panel(props),
                "Node" => node::node_panel(props),
                "PersistentVolumeClaim" | "PersistentVolume" => claim::storage_panel(props),
                _ => html! {},
            };
            let close = props.dispatch.reform(|_: MouseEvent| Action::Select(None));
            let key = format!("{}:{}/{}", s.kind, s.namespace, s.name);
            html! {
                <div class="kg-selection-panel" {key}>
                    <button type="button" class="kg-close" aria-label={t(Msg::Close, language)} title={t(Msg::Close, language)} onclick={close}>{ "×" }</button>
                    if props.stale { <p class="kg-stale-note">{ t(Msg::ActionsNeedGoodText, language) }</p> }
                    { inner }
                </div>
            }
        }
    };
    html! {
        <section class="kg-inspector" data-testid="inspector" aria-label={t(Msg::Inspector, language)}
                 data-kind={props.selected.as_ref().map(|s| s.kind.clone())}
                 data-name={props.selected.as_ref().map(|s| s.name.clone())}>
            <h2>{ t(Msg::Inspector, language) }</h2>
            { body }
        </section>
    }
}
