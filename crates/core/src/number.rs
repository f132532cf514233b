//! Numbers as text with a fixed number of decimals, without the standard library's float
//! formatting (which is large in the browser build).

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

#[cfg(test)]
mod tests {
    use super::fixed;

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
