//! How the story is shown, apart from the story itself: the picture's zoom in its pane, the
//! shortcut help, and presenter mode.

use super::zoom::{Frame, Zoom, STEP};

/// Presenter mode, and how it was entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Presenting {
    /// Entered from the lab (the Present button or `p`): Esc goes back there. Entered from
    /// the address (`present=1`), there is no lab to go back to.
    pub from_lab: bool,
}

/// The view's state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct View {
    /// The picture's zoom.
    pub zoom: Zoom,
    /// The picture's pane, in CSS pixels (0 until measured).
    pub pane: (f64, f64),
    /// The keyboard shortcuts are shown.
    pub help: bool,
    /// Presenter mode, when on.
    pub presenting: Option<Presenting>,
}

/// What changes the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ViewAction {
    /// The pane was measured.
    Pane(f64, f64),
    /// Zoom by a factor, around a point of the pane (pixels from its top left), or its centre.
    ZoomBy(f64, Option<(f64, f64)>),
    /// Zoom in one step.
    ZoomIn,
    /// Zoom out one step.
    ZoomOut,
    /// Show the whole picture.
    Fit,
    /// Between the picture's own size (100%) and fitted.
    ToggleActualSize,
    /// Move the picture by a drag of so many screen pixels.
    Pan(f64, f64),
    /// Show or hide the keyboard shortcuts.
    ToggleHelp,
    /// Hide the keyboard shortcuts.
    CloseHelp,
}

impl View {
    /// The sizes zooming depends on, for a picture of `picture` units.
    pub fn frame(&self, picture: (f64, f64)) -> Frame {
        Frame {
            pane: self.pane,
            picture,
        }
    }

    /// The view after `action`, for a picture of `picture` units.
    pub fn apply(mut self, action: ViewAction, picture: (f64, f64)) -> View {
        let frame = self.frame(picture);
        match action {
            ViewAction::Pane(w, h) => self.pane = (w, h),
            ViewAction::ZoomBy(factor, around) => {
                self.zoom = self.zoom.zoomed(frame, factor, around);
            }
            ViewAction::ZoomIn => self.zoom = self.zoom.zoomed(frame, STEP, None),
            ViewAction::ZoomOut => self.zoom = self.zoom.zoomed(frame, 1.0 / STEP, None),
            ViewAction::Fit => self.zoom = Zoom::Fit,
            ViewAction::ToggleActualSize => self.zoom = self.zoom.toggled_actual_size(frame),
            ViewAction::Pan(dx, dy) => self.zoom = self.zoom.panned(frame, (dx, dy)),
            ViewAction::ToggleHelp => self.help = !self.help,
            ViewAction::CloseHelp => self.help = false,
        }
        self
    }
}
