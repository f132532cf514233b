//! kubeglass web UI: a thin Yew shell over `kubeglass-core`.
//!
//! One reducer state ([`state::AppState`]) with an [`state::Action`] enum; components turn the
//! core's output into DOM and SVG. Nothing here decides what Kubernetes does.

mod app;
mod components;
mod examples;
pub mod state;

pub use app::App;
