//! Numbers as text with a fixed number of decimals, without the standard library's float
//! formatting (which is large in the browser build), and `f64::clamp` without it too.

/// `value` rounded to `places` decimals (at most 6), e.g. `fixed(1.25, 1)` is `"1.3"`.
pub fn fixed(value: f64, places: u32) -> String {
    let places = places.min(6);
    let scale = 10_i64.pow(places);
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, part) = (scaled.abs() / scale, scaled.abs() % scale);
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{part:0width$}", width = places as usize)
    }
}

/// `value.clamp(min, max)`, the same result and the same panic when `min > max` or either is
/// NaN, but without printing the bounds in the panic's message: `f64::clamp` does, and so
/// brings the float `Debug` formatting into the browser build.
pub fn clamp(value: f64, min: f64, max: f64) -> f64 {
    assert!(min <= max, "min > max, or either was NaN");
    if value < min {
        min
    } else if value > max {
        max
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::{clamp, fixed};

    #[test]
    fn clamps_like_the_standard_library() {
        let values = [
            -1.5,
            -0.0,
            0.0,
            0.25,
            1.0,
            7.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for (min, max) in [(0.0, 1.0), (-0.0, 0.0), (0.5, 0.5), (-2.0, 3.0)] {
            for value in values {
                let (ours, theirs) = (clamp(value, min, max), value.clamp(min, max));
                assert_eq!(ours.to_bits(), theirs.to_bits(), "{value} in {min}..{max}");
            }
        }
        assert!(std::panic::catch_unwind(|| clamp(0.0, 1.0, 0.0)).is_err());
        assert!(std::panic::catch_unwind(|| clamp(0.0, f64::NAN, 1.0)).is_err());
    }

    #[test]
    fn rounds_to_the_places_asked() {
        assert_eq!(fixed(1.25, 1), "1.3");
        assert_eq!(fixed(0.0, 3), "0.000");
        assert_eq!(fixed(-2.04, 1), "-2.0");
        assert_eq!(fixed(-0.26, 1), "-0.3");
        assert_eq!(fixed(12.0, 0), "12");
        assert_eq!(fixed(0.4567, 3), "0.457");
    }
}
