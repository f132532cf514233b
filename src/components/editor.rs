//! The manifest editor.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text to show.
    pub text: AttrValue,
    /// Called with the new text on every edit.
    pub on_edit: Callback<String>,
}

/// A textarea holding the manifest.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    html! {
        <textarea
            class="kg-editor"
            data-testid="manifest-input"
            aria-label="Kubernetes manifests"
            spellcheck="false"
            value={props.text.clone()}
            {oninput}
        />
    }
}
