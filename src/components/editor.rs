//! The manifest editor: a textarea with line numbers, that takes pasted text and dropped or
//! opened files.

use super::files::{read_files, FilePicker};
use crate::i18n::{t, Msg};
use kubeglass_core::text::Language;
use web_sys::{DragEvent, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text.
    pub text: AttrValue,
    /// The textarea, for moving its caret.
    pub area: NodeRef,
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

/// A textarea holding the manifest, with a line-number gutter scrolled along with it.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let gutter = use_node_ref();
    let dragging = use_state(|| false);
    let lines = props.text.matches('\n').count() + 1;
    let numbers: String = (1..=lines).map(|n| format!("{n}\n")).collect();
    let oninput = {
        let on_edit = props.on_edit.clone();
        let on_paste = props.on_paste.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            match e.input_type().as_str() {
                "insertFromPaste" | "insertFromDrop" => on_paste.emit(area.value()),
                _ => on_edit.emit(area.value()),
            }
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(g) = gutter.cast::<HtmlElement>() {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };
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
                    <FilePicker label={t(Msg::OpenFiles, language)} on_files={props.on_files.reform(join_files)} />
                    <button type="button" class="kg-button" data-testid="download-yaml" onclick={props.on_download.clone()}>{ t(Msg::DownloadYaml, language) }</button>
                </span>
            </div>
            <div class={classes!("kg-editor-frame", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
                <pre class="kg-gutter" ref={gutter} aria-hidden="true">{ numbers }</pre>
                <textarea
                    id="kg-manifest"
                    ref={props.area.clone()}
                    class="kg-editor"
                    data-testid="manifest-input"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder={t(Msg::DropHint, language)}
                    wrap="off"
                    value={props.text.clone()}
                    {oninput}
                    {onscroll}
                />
            </div>
        </div>
    }
}

/// Moves the caret of `area` to the start of `line` (1-based) and scrolls it into view.
pub fn go_to_line(area: &NodeRef, line: u32) {
    let Some(area) = area.cast::<HtmlTextAreaElement>() else {
        return;
    };
    let text = area.value();
    let offset: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(|l| l.encode_utf16().count())
        .sum();
    let offset = u32::try_from(offset).unwrap_or(u32::MAX);
    let _ = area.focus();
    let _ = area.set_selection_range(offset, offset);
    let line_height = 19.5;
    let top = (f64::from(line.saturating_sub(3)) * line_height) as i32;
    area.set_scroll_top(top);
}
