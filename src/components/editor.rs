//! The manifest editor: the text with line numbers and its problem lines marked, taking
//! pasted text and dropped or opened files. Long texts are shown in blocks (`block_text.rs`)
//! so that they lay out and type as fast as short ones.

mod block_text;
mod blocks;
mod caret;
mod gutter;

use super::files::{file_picker, read_files, FilePickerProps};
use crate::i18n::{t, Msg};
use block_text::BlockText;
use kubeglass_core::diagnostic::Diagnostic;
use kubeglass_core::text::Language;
use std::rc::Rc;
use web_sys::DragEvent;
use yew::prelude::*;

/// A problem line, marked in the gutter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// 1-based line.
    pub line: u32,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
}

/// The marks for `diagnostics`: the most severe per line.
pub fn marks(diagnostics: &[Diagnostic]) -> Rc<Vec<Mark>> {
    let mut marks: Vec<Mark> = Vec::new();
    for d in diagnostics {
        let mark = Mark {
            line: d.position.line,
            severity: d.severity.as_str(),
        };
        match marks.iter_mut().find(|m| m.line == mark.line) {
            Some(m) if rank(mark.severity) > rank(m.severity) => *m = mark,
            Some(_) => {}
            None => marks.push(mark),
        }
    }
    Rc::new(marks)
}

fn rank(severity: &str) -> u8 {
    match severity {
        "error" => 2,
        "warning" => 1,
        _ => 0,
    }
}

/// A request to move the caret to a line; `seq` tells two requests for the same line apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoTo {
    /// 1-based line.
    pub line: u32,
    /// Increases with every request.
    pub seq: u32,
}

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text.
    pub text: AttrValue,
    /// Problem lines.
    pub marks: Rc<Vec<Mark>>,
    /// Where to move the caret.
    pub go_to: Option<GoTo>,
    /// Language of the labels.
    pub language: Language,
    /// Called with the new text on every keystroke.
    pub on_edit: Callback<String>,
    /// Called instead of `on_edit` when the edit is a paste or a drop of text: a whole new
    /// text, which the picture should show at once rather than after typing pauses.
    pub on_paste: Callback<String>,
    /// Called with the text of files dropped or opened, joined as one stream.
    pub on_files: Callback<String>,
    /// Saves the text as a file.
    pub on_download: Callback<MouseEvent>,
}

/// The text of several files as one YAML stream, each introduced by its name.
pub fn join_files(files: Vec<(String, String)>) -> String {
    files
        .into_iter()
        .map(|(name, text)| format!("# file: {name}\n{}", text.trim_end_matches('\n')))
        .collect::<Vec<_>>()
        .join("\n---\n")
        + "\n"
}

/// The editor box: title, file buttons, and the text.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let dragging = use_state(|| false);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let on_files = props.on_files.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            if let Some(files) = e
                .data_transfer()
                .and_then(|d| d.files())
                .filter(|f| f.length() > 0)
            {
                e.prevent_default();
                read_files(files, on_files.reform(join_files));
            }
        })
    };
    let language = props.language;
    html! {
        <div class="kg-editor-box">
            <div class="kg-editor-bar">
                <label class="kg-editor-title" for="kg-manifest">{ t(Msg::Manifest, language) }</label>
                <span class="kg-editor-actions">
                    { file_picker(&FilePickerProps { label: t(Msg::OpenFiles, language).into(), on_files: props.on_files.reform(join_files) }) }
                    <button type="button" class="kg-button" data-testid="download-yaml" onclick={props.on_download.clone()}>{ t(Msg::DownloadYaml, language) }</button>
                </span>
            </div>
            <div class={classes!("kg-editor-frame", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
                <BlockText text={props.text.clone()} marks={props.marks.clone()} go_to={props.go_to}
                           {language} placeholder={t(Msg::DropHint, language)}
                           on_edit={props.on_edit.clone()} on_paste={props.on_paste.clone()} />
            </div>
        </div>
    }
}
