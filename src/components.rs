//! UI components, one job each.

mod cluster_view;
mod diagnostics;
mod editor;

pub use cluster_view::ClusterView;
pub use diagnostics::DiagnosticList;
pub use editor::Editor;
