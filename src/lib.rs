//! kubeglass web UI: a thin Yew shell over `kubeglass-core`.
//!
//! One reducer state ([`state::AppState`]) with an [`state::Action`] enum; components turn the
//! core's scene into SVG and its outcomes into words. Timers and animation frames live in
//! effects with cleanup. Nothing here decides what Kubernetes does.

mod app;
mod components;
mod frames;
pub mod i18n;
mod shared;
pub mod state;
pub mod url;

pub use app::App;
