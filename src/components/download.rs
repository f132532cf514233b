//! Saving the picture as a standalone SVG file, made in the page (no server involved).

use kubeglass_core::scene::Scene;
use kubeglass_core::svg;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers the scene as `kubeglass.svg` for download.
pub fn download(scene: &Scene, title: &str) -> Result<(), JsValue> {
    let document = svg::document(scene, title);
    let parts = js_sys::Array::of1(&JsValue::from_str(&document));
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let page = gloo::utils::document();
    let link: HtmlAnchorElement = page.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download("kubeglass.svg");
    link.click();
    Url::revoke_object_url(&url)
}
