//! Integer geometry: points, rectangles, and positions along a path (for packets).

use serde::Serialize;

/// A point in scene units (1 unit = 1 CSS pixel at scale 1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Point {
    /// x.
    pub x: i32,
    /// y.
    pub y: i32,
}

impl Point {
    /// A point.
    pub const fn new(x: i32, y: i32) -> Self {
        Point { x, y }
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Rect {
    /// Left.
    pub x: i32,
    /// Top.
    pub y: i32,
    /// Width.
    pub w: i32,
    /// Height.
    pub h: i32,
}

impl Rect {
    /// A rectangle.
    pub const fn new(x: i32, y: i32, w: i32, h: i32) -> Self {
        Rect { x, y, w, h }
    }

    /// Right edge.
    pub fn right(&self) -> i32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }

    /// Centre.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2, self.y + self.h / 2)
    }

    /// Middle of the top edge.
    pub fn top_mid(&self) -> Point {
        Point::new(self.x + self.w / 2, self.y)
    }

    /// Middle of the bottom edge.
    pub fn bottom_mid(&self) -> Point {
        Point::new(self.x + self.w / 2, self.bottom())
    }

    /// True when the rectangles share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// True when `other` lies entirely inside.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }
}

fn length(a: Point, b: Point) -> f64 {
    f64::from(b.x - a.x).hypot(f64::from(b.y - a.y))
}

/// The total length of a polyline.
pub fn path_length(points: &[Point]) -> f64 {
    points.windows(2).map(|w| length(w[0], w[1])).sum()
}

/// The point `distance` units along a polyline (clamped to its ends), as floats for smooth
/// motion. Packets move at a steady speed by asking for `speed × elapsed`.
pub fn point_along(points: &[Point], distance: f64) -> (f64, f64) {
    let Some(first) = points.first() else {
        return (0.0, 0.0);
    };
    let mut left = distance.max(0.0);
    for w in points.windows(2) {
        let segment = length(w[0], w[1]);
        if left <= segment && segment > 0.0 {
            let t = left / segment;
            return (
                f64::from(w[0].x) + t * f64::from(w[1].x - w[0].x),
                f64::from(w[0].y) + t * f64::from(w[1].y - w[0].y),
            );
        }
        left -= segment;
    }
    let last = points.last().unwrap_or(first);
    (f64::from(last.x), f64::from(last.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_along_a_polyline() {
        let path = [Point::new(0, 0), Point::new(10, 0), Point::new(10, 10)];
        assert_eq!(path_length(&path), 20.0);
        assert_eq!(point_along(&path, 5.0), (5.0, 0.0));
        assert_eq!(point_along(&path, 15.0), (10.0, 5.0));
        assert_eq!(point_along(&path, 99.0), (10.0, 10.0), "clamped at the end");
        assert_eq!(point_along(&path, -3.0), (0.0, 0.0), "clamped at the start");
        assert_eq!(point_along(&[], 1.0), (0.0, 0.0));
    }

    #[test]
    fn rectangles() {
        let a = Rect::new(0, 0, 10, 10);
        assert!(a.overlaps(&Rect::new(5, 5, 10, 10)));
        assert!(
            !a.overlaps(&Rect::new(10, 0, 5, 5)),
            "touching is not overlapping"
        );
        assert!(a.contains(&Rect::new(1, 1, 2, 2)));
        assert_eq!(a.center(), Point::new(5, 5));
    }
}
