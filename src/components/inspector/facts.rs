//! Pieces the inspector panels share: a list of facts, an action button, a gone notice.

use yew::prelude::*;

/// A definition list of `(label, value)`; empty values are left out.
pub fn facts(rows: Vec<(&'static str, Html)>) -> Html {
    html! {
        <dl class="kg-facts">
            { for rows.into_iter().map(|(label, value)| html! {
                <>
                    <dt>{ label }</dt>
                    <dd>{ value }</dd>
                </>
            }) }
        </dl>
    }
}

/// A button carrying the DOM contract's `data-action`.
pub fn action_button(
    action: &'static str,
    label: &'static str,
    disabled: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button type="button" class="kg-button kg-action" data-action={action} {disabled} {onclick}>{ label }</button>
    }
}

/// The object is not in the cluster any more (deleted by a step).
pub fn gone(kind: &str, name: &str) -> Html {
    html! { <p class="kg-hint">{ format!("{kind} {name} — gone") }</p> }
}

/// A list of short texts as comma-separated code, or a dash.
pub fn codes(items: &[String]) -> Html {
    if items.is_empty() {
        return html! { "—" };
    }
    html! { <ul class="kg-codes">{ for items.iter().map(|i| html! { <li><code>{ i }</code></li> }) }</ul> }
}
