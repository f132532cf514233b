//! How the picture sits in its pane: fitted whole (scaled up or down), or at a scale around a
//! point, moved by zooming and panning. Only the SVG's `viewBox` changes: the layout never
//! runs again for a zoom or a pan, and packets keep moving.

use kubeglass_core::number::clamp;

/// The picture's place in its pane.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Zoom {
    /// The whole picture, as large as the pane allows.
    #[default]
    Fit,
    /// `scale` screen pixels per picture unit, with the picture point `(x, y)` at the pane's
    /// centre.
    At {
        /// Screen pixels per picture unit (1 is the picture's own size).
        scale: f64,
        /// The picture point at the pane's centre.
        x: f64,
        /// The picture point at the pane's centre.
        y: f64,
    },
}

/// The sizes a zoom depends on, in CSS pixels and picture units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Frame {
    /// The pane, in CSS pixels.
    pub pane: (f64, f64),
    /// The picture, in its own units.
    pub picture: (f64, f64),
}

/// One press of zoom in or out.
pub const STEP: f64 = 1.25;
/// The largest scale (800%).
pub const MAX_SCALE: f64 = 8.0;
/// The smallest scale, as a share of the fitted one.
pub const MIN_OF_FIT: f64 = 0.5;

impl Frame {
    /// True once the pane has been measured and the picture has a size.
    fn known(self) -> bool {
        self.pane.0 > 0.0 && self.pane.1 > 0.0 && self.picture.0 > 0.0 && self.picture.1 > 0.0
    }

    /// The scale that shows the whole picture.
    pub fn fit_scale(self) -> f64 {
        if !self.known() {
            return 1.0;
        }
        (self.pane.0 / self.picture.0).min(self.pane.1 / self.picture.1)
    }

    fn middle(self) -> (f64, f64) {
        (self.picture.0 / 2.0, self.picture.1 / 2.0)
    }
}

impl Zoom {
    /// Screen pixels per picture unit.
    pub fn scale(self, frame: Frame) -> f64 {
        match self {
            Zoom::Fit => frame.fit_scale(),
            Zoom::At { scale, .. } => scale,
        }
    }

    /// The picture point at the pane's centre.
    pub fn center(self, frame: Frame) -> (f64, f64) {
        match self {
            Zoom::Fit => frame.middle(),
            Zoom::At { x, y, .. } => (x, y),
        }
    }

    /// True at the picture's own size (100%).
    pub fn is_actual_size(self) -> bool {
        matches!(self, Zoom::At { scale, .. } if (scale - 1.0).abs() < 1e-9)
    }

    /// The SVG `viewBox` (x, y, width, height) that shows this in `frame`'s pane.
    pub fn view_box(self, frame: Frame) -> [f64; 4] {
        if !frame.known() {
            return [0.0, 0.0, frame.picture.0, frame.picture.1];
        }
        let scale = self.scale(frame);
        let (x, y) = self.center(frame);
        let (w, h) = (frame.pane.0 / scale, frame.pane.1 / scale);
        [x - w / 2.0, y - h / 2.0, w, h]
    }

    /// A zoom at `scale` around `center`, kept in bounds: the scale between half the fitted
    /// one and 800%, the centre inside the picture.
    fn at(frame: Frame, scale: f64, (x, y): (f64, f64)) -> Zoom {
        let scale = clamp(
            scale,
            frame.fit_scale() * MIN_OF_FIT,
            MAX_SCALE.max(frame.fit_scale()),
        );
        Zoom::At {
            scale,
            x: clamp(x, 0.0, frame.picture.0),
            y: clamp(y, 0.0, frame.picture.1),
        }
    }

    /// Zoomed by `factor`, keeping the picture point under `around` (pane pixels from its
    /// top left; `None`: the pane's centre) where it is on screen.
    pub fn zoomed(self, frame: Frame, factor: f64, around: Option<(f64, f64)>) -> Zoom {
        let scale = self.scale(frame);
        let (cx, cy) = self.center(frame);
        let (px, py) = around.unwrap_or((frame.pane.0 / 2.0, frame.pane.1 / 2.0));
        // The picture point under the pointer, before and after, stays put.
        let (ox, oy) = (px - frame.pane.0 / 2.0, py - frame.pane.1 / 2.0);
        let (ux, uy) = (cx + ox / scale, cy + oy / scale);
        let next = Zoom::at(frame, scale * factor, (cx, cy));
        let new_scale = next.scale(frame);
        Zoom::at(frame, new_scale, (ux - ox / new_scale, uy - oy / new_scale))
    }

    /// Moved by a drag of `(dx, dy)` screen pixels: the picture follows the pointer.
    pub fn panned(self, frame: Frame, (dx, dy): (f64, f64)) -> Zoom {
        let scale = self.scale(frame);
        let (x, y) = self.center(frame);
        Zoom::at(frame, scale, (x - dx / scale, y - dy / scale))
    }

    /// Toggled between the picture's own size (around the same centre) and fitted.
    pub fn toggled_actual_size(self, frame: Frame) -> Zoom {
        if self.is_actual_size() {
            Zoom::Fit
        } else {
            Zoom::At {
                scale: 1.0,
                x: self.center(frame).0,
                y: self.center(frame).1,
            }
        }
    }

    /// This zoom for another picture: the same scale, the centre kept inside it.
    pub fn for_picture(self, frame: Frame) -> Zoom {
        match self {
            Zoom::Fit => Zoom::Fit,
            Zoom::At { scale, x, y } => Zoom::At {
                scale,
                x: clamp(x, 0.0, frame.picture.0),
                y: clamp(y, 0.0, frame.picture.1),
            },
        }
    }

    /// The scale as a whole percentage, for the controls.
    pub fn percent(self, frame: Frame) -> u32 {
        (self.scale(frame) * 100.0).round() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: Frame = Frame {
        pane: (1000.0, 500.0),
        picture: (800.0, 600.0),
    };

    fn close(a: [f64; 4], b: [f64; 4]) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-6)
    }

    #[test]
    fn fit_shows_the_whole_picture_scaled_up_or_down() {
        // 500 / 600 limits: the picture's height fills the pane.
        assert!((Zoom::Fit.scale(FRAME) - 500.0 / 600.0).abs() < 1e-9);
        let [x, y, w, h] = Zoom::Fit.view_box(FRAME);
        assert!(x <= 0.0 && y <= 0.0 && x + w >= 800.0 && y + h >= 600.0);
        let small = Frame {
            pane: (1600.0, 1200.0),
            ..FRAME
        };
        assert!((Zoom::Fit.scale(small) - 2.0).abs() < 1e-9, "scaled up too");
        // Before the pane is measured: the picture as it is.
        let unknown = Frame {
            pane: (0.0, 0.0),
            ..FRAME
        };
        assert!(close(Zoom::Fit.view_box(unknown), [0.0, 0.0, 800.0, 600.0]));
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_still() {
        let pointer = (900.0, 100.0);
        let before = Zoom::Fit;
        let after = before.zoomed(FRAME, 2.0, Some(pointer));
        let under = |z: Zoom| {
            let [x, y, w, h] = z.view_box(FRAME);
            (
                x + pointer.0 / FRAME.pane.0 * w,
                y + pointer.1 / FRAME.pane.1 * h,
            )
        };
        let (a, b) = (under(before), under(after));
        assert!((a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6);
        assert!((after.scale(FRAME) - 2.0 * before.scale(FRAME)).abs() < 1e-9);
    }

    #[test]
    fn zoom_stays_between_half_the_fit_and_800_percent() {
        let mut z = Zoom::Fit;
        for _ in 0..40 {
            z = z.zoomed(FRAME, STEP, None);
        }
        assert!((z.scale(FRAME) - MAX_SCALE).abs() < 1e-9);
        for _ in 0..80 {
            z = z.zoomed(FRAME, 1.0 / STEP, None);
        }
        assert!((z.scale(FRAME) - FRAME.fit_scale() * MIN_OF_FIT).abs() < 1e-9);
    }

    #[test]
    fn panning_follows_the_pointer_and_stays_on_the_picture() {
        let z = Zoom::At {
            scale: 2.0,
            x: 400.0,
            y: 300.0,
        };
        let moved = z.panned(FRAME, (100.0, -40.0));
        assert_eq!(moved.center(FRAME), (350.0, 320.0));
        let far = z.panned(FRAME, (1e6, 1e6));
        assert_eq!(far.center(FRAME), (0.0, 0.0));
        // A fitted picture pans too, from its middle.
        assert_eq!(
            Zoom::Fit.panned(FRAME, (0.0, 0.0)).center(FRAME),
            (400.0, 300.0)
        );
    }

    #[test]
    fn actual_size_is_a_zoom_level_of_100_percent() {
        let z = Zoom::Fit.toggled_actual_size(FRAME);
        assert!(z.is_actual_size());
        assert_eq!(z.percent(FRAME), 100);
        assert_eq!(z.view_box(FRAME), [-100.0, 50.0, 1000.0, 500.0]);
        assert_eq!(z.toggled_actual_size(FRAME), Zoom::Fit);
        let other = Frame {
            pane: FRAME.pane,
            picture: (200.0, 100.0),
        };
        assert_eq!(
            z.for_picture(other),
            Zoom::At {
                scale: 1.0,
                x: 200.0,
                y: 100.0
            }
        );
    }
}
