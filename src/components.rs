//! UI components, one job each.

mod controls;
mod diagnostics;
mod download;
mod editor;
mod files;
mod gallery;
mod inspector;
mod narration;
mod scene_layer;
mod stage;
mod svg_tree;
mod timeline;

pub use controls::Controls;
pub use diagnostics::DiagnosticList;
pub use download::download;
pub use editor::{go_to_line, Editor};
pub use gallery::Gallery;
pub use inspector::Inspector;
pub use narration::Narration;
pub use stage::Stage;
pub use timeline::Timeline;
