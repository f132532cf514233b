//! Entry point of the kubeglass web app (built by Trunk).

fn main() {
    // The page's loading placeholder gives way to the app.
    if let Some(boot) = gloo::utils::document().get_element_by_id("kg-boot") {
        boot.remove();
    }
    yew::Renderer::<kubeglass_web::App>::new().render();
}
