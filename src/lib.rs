//! kubeglass web UI: a thin Yew shell over `kubeglass-core`.
//!
//! One reducer state ([`state::AppState`]) with an [`state::Action`] enum; components turn the
//! core's scene into SVG and its outcomes into words. Timers and animation frames live in
//! effects with cleanup. Nothing here decides what Kubernetes does.

mod address;
mod app;
mod components;
mod deck;
mod deflate;
mod frames;
mod hooks;
pub mod i18n;
mod keys;
mod reading;
mod saved;
mod shared;
pub mod state;

pub use app::App;
