//! The root component: editor on one side, the cluster picture on the other.

use crate::components::{ClusterView, DiagnosticList, Editor};
use crate::examples::DEFAULT_MANIFEST;
use crate::state::{Action, AppState};
use yew::prelude::*;

/// The kubeglass app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::with_text(DEFAULT_MANIFEST));
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Edit(text)))
    };
    html! {
        <main class="kg-app">
            <header class="kg-header">
                <h1>{ "kubeglass" }</h1>
                <p class="kg-tagline">{ "Paste Kubernetes manifests, see the cluster they describe." }</p>
            </header>
            <section class="kg-editor-pane">
                <Editor text={state.text.clone()} {on_edit} />
                <DiagnosticList diagnostics={state.view.diagnostics.clone()} />
            </section>
            <section class="kg-view-pane">
                <ClusterView objects={state.view.objects.clone()} />
            </section>
        </main>
    }
}
