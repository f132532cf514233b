//! Entry point of the kubeglass web app (built by Trunk).

fn main() {
    yew::Renderer::<kubeglass_web::App>::new().render();
}
