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

pub use caption::{caption, CaptionProps};
pub use controls::{controls, ControlsProps};
pub use diagnostics::{diagnostic_list, DiagnosticListProps};
pub use download::{download, download_png, download_yaml};
pub use editor::{marks, Editor, GoTo};
pub use gallery::{gallery_panel, GalleryProps};
pub use inspector::{inspector, InspectorProps};
pub use narration::{narration, NarrationProps};
pub use share::SharePanel;
pub use shortcuts::{shortcuts, ShortcutsProps};
pub use stage::Stage;
pub use timeline::{timeline, TimelineProps};
