//! The list of problems under the editor.

use kubeglass_core::diagnostic::Diagnostic;
use yew::prelude::*;

/// Props of [`DiagnosticList`].
#[derive(Properties, PartialEq)]
pub struct DiagnosticListProps {
    /// The problems to list.
    pub diagnostics: Vec<Diagnostic>,
}

/// One entry per diagnostic: severity, line and message.
#[component]
pub fn DiagnosticList(props: &DiagnosticListProps) -> Html {
    html! {
        <ul class="kg-diagnostics" data-testid="diagnostics" aria-label="Problems">
            { for props.diagnostics.iter().map(|d| {
                let severity = d.severity.as_str();
                html! {
                    <li class={classes!("kg-diagnostic", severity)}
                        data-severity={severity}
                        data-line={d.position.line.to_string()}>
                        <span class="kg-diagnostic-where">{ format!("line {}", d.position.line) }</span>
                        <span class="kg-diagnostic-severity">{ severity }</span>
                        <span class="kg-diagnostic-message">{ &d.message.en }</span>
                    </li>
                }
            }) }
        </ul>
    }
}
