//! Saving what the page made (the picture as SVG, the editor's text as YAML) as a file, in
//! the page: no server involved.

use kubeglass_core::scene::Scene;
use kubeglass_core::svg;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `contents` for download as `name`.
fn save(contents: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let page = gloo::utils::document();
    let link: HtmlAnchorElement = page.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    Url::revoke_object_url(&url)
}

/// Offers the scene as `kubeglass.svg` for download.
pub fn download(scene: &Scene, title: &str) -> Result<(), JsValue> {
    save(
        &svg::document(scene, title),
        "image/svg+xml",
        "kubeglass.svg",
    )
}

/// A file name made from a story's name: letters, digits and dashes (`kubeglass` without one).
pub fn file_stem(title: Option<&str>) -> String {
    let stem: String = title
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "kubeglass".to_owned()
    } else {
        stem
    }
}

/// Offers the editor's text as `<stem>.yaml` for download.
pub fn download_yaml(text: &str, title: Option<&str>) -> Result<(), JsValue> {
    save(
        text,
        "application/yaml",
        &format!("{}.yaml", file_stem(title)),
    )
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_keep_letters_and_digits() {
        assert_eq!(file_stem(Some("nodeport-local")), "nodeport-local");
        assert_eq!(file_stem(Some(" my story: v2/3 ")), "my-story-v2-3");
        assert_eq!(file_stem(Some("노드 장애")), "노드-장애");
        assert_eq!(file_stem(Some("../..")), "kubeglass");
        assert_eq!(file_stem(None), "kubeglass");
    }
}
