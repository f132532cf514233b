//! `kubeglass check`: diagnostics like a compiler prints them.

use crate::args::{Format, Options};
use crate::input;
use crate::output;
use kubeglass_core::describe::DiagnosticView;
use kubeglass_core::diagnostic::Diagnostic;
use kubeglass_core::load::load;
use kubeglass_core::text::Language;
use serde::Serialize;

/// One diagnostic as `--format json` prints it: the file, then the shared diagnostic shape.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: &'a str,
    #[serde(flatten)]
    pub diagnostic: DiagnosticView,
}

/// Formats a diagnostic as one line: `PATH:LINE:COL: SEVERITY: MESSAGE (hint: HINT)`.
pub fn text_line(path: &str, d: &Diagnostic, language: Language) -> String {
    let mut line = format!(
        "{path}:{}:{}: {}: {}",
        d.position.line,
        d.position.column,
        d.severity.as_str(),
        d.message.get(language)
    );
    if let Some(hint) = &d.hint {
        line.push_str(&format!(" (hint: {})", hint.get(language)));
    }
    for fix in &d.fixes {
        line.push_str(&format!(" (fix: {})", fix.label.get(language)));
    }
    line
}

/// Runs the check; returns whether any error was found.
pub fn run(options: &Options) -> Result<bool, String> {
    let inputs = input::read_all(&options.files)?;
    if options.fix {
        let (text, errors) = kubeglass_core::fix::fixed(&inputs[0].text);
        output::write(&text)?;
        return Ok(errors);
    }
    let results: Vec<_> = inputs.iter().map(|i| (i, load(&i.text))).collect();
    let has_errors = results.iter().any(|(_, loaded)| loaded.has_errors());
    match options.format {
        Format::Text => {
            let mut text = String::new();
            for (input, loaded) in &results {
                for d in &loaded.diagnostics {
                    text.push_str(&text_line(&input.path, d, options.language()));
                    text.push('\n');
                }
            }
            output::write(&text)?;
        }
        Format::Json => {
            let all: Vec<JsonDiagnostic<'_>> = results
                .iter()
                .flat_map(|(input, loaded)| {
                    loaded.diagnostics.iter().map(|d| JsonDiagnostic {
                        file: &input.path,
                        diagnostic: DiagnosticView::new(d, options.language()),
                    })
                })
                .collect();
            output::line(&serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?)?;
        }
    }
    Ok(has_errors)
}
