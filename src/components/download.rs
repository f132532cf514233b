//! Saving what the page made (the picture as SVG, the editor's text as YAML) as a file, in
//! the page: no server involved.

use kubeglass_core::scene::Scene;
use kubeglass_core::svg;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, Url,
};

/// How much larger than the picture's own size a PNG is drawn (sharp on slides).
const PNG_SCALE: u32 = 2;

/// A blob URL of `contents`; revoke it once used.
fn blob_url(contents: &str, mime: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    Url::create_object_url_with_blob(&blob)
}

/// Offers the resource at `url` for download as `name`.
fn offer(url: &str, name: &str) -> Result<(), JsValue> {
    let page = gloo::utils::document();
    let link: HtmlAnchorElement = page.create_element("a")?.dyn_into()?;
    link.set_href(url);
    link.set_download(name);
    link.click();
    Ok(())
}

/// Offers `contents` for download as `name`.
fn save(contents: &str, mime: &str, name: &str) -> Result<(), JsValue> {
    let url = blob_url(contents, mime)?;
    offer(&url, name)?;
    Url::revoke_object_url(&url)
}

/// Offers the whole scene (not only what a zoom shows) as `kubeglass.png`, drawn twice its
/// size: for slide programs that cannot hold an iframe. The SVG is drawn onto a canvas; its
/// icons are inline, so the canvas stays readable.
pub async fn download_png(scene: &Scene, title: &str) -> Result<(), JsValue> {
    let url = blob_url(&svg::document(scene, title), "image/svg+xml")?;
    let image = HtmlImageElement::new()?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    Url::revoke_object_url(&url)?;
    decoded?;
    let (w, h) = (
        scene.width.max(1) as u32 * PNG_SCALE,
        scene.height.max(1) as u32 * PNG_SCALE,
    );
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or(JsValue::NULL)?.dyn_into()?;
    // Slides may be dark: the picture keeps its own light ground.
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
    context.draw_image_with_html_image_element_and_dw_and_dh(
        &image,
        0.0,
        0.0,
        f64::from(w),
        f64::from(h),
    )?;
    offer(&canvas.to_data_url_with_type("image/png")?, "kubeglass.png")
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
