//! UI components, one job each.

mod caption;
mod controls;
mod diagnostics;
mod download;
mod editor;
mod files;
mod gallery;
mod inspector;
mod narration;
mod scene_layer;
mod share;
mod shortcuts;
mod stage;
mod svg_tree;
mod timeline;

pub use caption::Caption;
pub use controls::Controls;
pub use diagnostics::DiagnosticList;
pub use download::{download, download_png, download_yaml};
pub use editor::{marks, Editor, GoTo};
pub use gallery::Gallery;
pub use inspector::Inspector;
pub use narration::Narration;
pub use share::SharePanel;
pub use shortcuts::Shortcuts;
pub use stage::Stage;
pub use timeline::Timeline;
