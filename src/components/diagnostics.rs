//! The list of problems under the editor: severity, line and message; clicking one moves the
//! editor's caret to its line.

use crate::i18n::{t, Msg};
use kubeglass_core::diagnostic::{Diagnostic, Severity};
use kubeglass_core::fix::Fix;
use kubeglass_core::text::Language;
use yew::prelude::*;

/// What [`diagnostic_list`] shows.
pub struct DiagnosticListProps {
    /// The problems.
    pub diagnostics: Vec<Diagnostic>,
    /// Language of the messages.
    pub language: Language,
    /// The picture is the last good one.
    pub stale: bool,
    /// Why the link the page was opened with could not be read.
    pub damage: Option<String>,
    /// Called with the line of the entry clicked.
    pub on_goto: Callback<u32>,
    /// Called with a fix the user chose.
    pub on_fix: Callback<Fix>,
}

fn severity_word(severity: Severity, language: Language) -> &'static str {
    match severity {
        Severity::Error => t(Msg::Error, language),
        Severity::Warning => t(Msg::Warning, language),
        Severity::Info => t(Msg::Info, language),
    }
}

/// One entry per diagnostic.
/// A plain function, not a component: it has no hooks, and its parent renders it anew each time
/// anyway (its callbacks are new on every render).
pub fn diagnostic_list(props: &DiagnosticListProps) -> Html {
    let language = props.language;
    html! {
        <section class="kg-problems" aria-label={t(Msg::Problems, language)}>
            if let Some(damage) = &props.damage {
                <p class="kg-link-damaged" role="alert" data-testid="link-damaged">{ damage.clone() }</p>
            }
            if props.stale {
                <p class="kg-stale-note" role="status" data-testid="stale">{ t(Msg::Stale, language) }</p>
            }
            <ul class="kg-diagnostics" data-testid="diagnostics">
                { for props.diagnostics.iter().map(|d| {
                    let severity = d.severity.as_str();
                    let line = d.position.line;
                    let onclick = props.on_goto.reform(move |_: MouseEvent| line);
                    let hint = d.hint.as_ref().map(|h| h.get(language).to_owned());
                    html! {
                        <li class={classes!("kg-diagnostic", severity)} data-severity={severity} data-line={line.to_string()}>
                            <button type="button" class="kg-diagnostic-button" {onclick}>
                                <span class="kg-diagnostic-where">{ format!("{} {line}", t(Msg::Line, language)) }</span>
                                <span class="kg-diagnostic-severity">{ severity_word(d.severity, language) }</span>
                                <span class="kg-diagnostic-message">{ d.message.get(language) }
                                    if let Some(hint) = hint { <span class="kg-diagnostic-hint">{ hint }</span> }
                                </span>
                            </button>
                            if !d.fixes.is_empty() {
                                <span class="kg-fixes">
                                    { for d.fixes.iter().map(|fix| {
                                        let chosen = fix.clone();
                                        let onclick = props.on_fix.reform(move |_: MouseEvent| chosen.clone());
                                        html! {
                                            <button type="button" class="kg-button kg-fix" data-testid="fix" {onclick}>{ fix.label.get(language).to_owned() }</button>
                                        }
                                    }) }
                                </span>
                            }
                        </li>
                    }
                }) }
            </ul>
            if props.diagnostics.is_empty() {
                <p class="kg-no-problems">{ t(Msg::NoProblems, language) }</p>
            }
        </section>
    }
}
