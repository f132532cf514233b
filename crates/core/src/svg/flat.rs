//! The standalone SVG for renderers that know no CSS custom properties, `light-dark()` or
//! `:where()` (rasterisers such as resvg): the same picture, with the stylesheet's colours
//! written out in their light variant.

use super::{document, STYLE};
use crate::scene::Scene;

/// The end of the value that starts `text` (at the first top-level `,` or `)`).
fn value_end(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return i,
            ')' => depth -= 1,
            ',' if depth == 0 => return i,
            _ => {}
        }
    }
    text.len()
}

/// The stylesheet's colours: `(--kg-name, its light value)`, from `--kg-name: light-dark(…)`.
fn light_colours(style: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = style;
    while let Some(at) = rest.find("--kg-") {
        rest = &rest[at..];
        let Some((name, after)) = rest.split_once(':') else {
            break;
        };
        let after = after.trim_start();
        if let Some(value) = after.strip_prefix("light-dark(") {
            let light = value[..value_end(value)].trim();
            out.push((name.trim().to_owned(), light.to_owned()));
        }
        rest = &rest[name.len()..];
    }
    out
}

/// The picture's fonts: the `font-family` of the `.kg-svg` rule.
fn families(style: &str) -> &str {
    style
        .split_once(".kg-svg {")
        .and_then(|(_, rule)| rule.split_once('}'))
        .and_then(|(rule, _)| rule.split_once("font-family:"))
        .and_then(|(_, value)| value.split_once(';'))
        .map_or("sans-serif", |(value, _)| value.trim())
}

/// `text` with every `var(--kg-…)` replaced by its light colour, and zero-specificity
/// selectors written plainly. Renderers that take no style from the root element get the
/// fonts on the text itself.
fn flattened(text: &str, colours: &[(String, String)], families: &str) -> String {
    let mut out = text.replace(
        ":where(.kg-svg) text {",
        &format!("text {{ font-family: {families};"),
    );
    for (name, value) in colours {
        out = out.replace(&format!("var({name})"), value);
    }
    out
}

/// [`document`] with plain colours, as its light theme shows it.
pub fn flat_document(scene: &Scene, label: &str) -> String {
    flattened(
        &document(scene, label),
        &light_colours(STYLE),
        families(STYLE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_with_their_nested_parentheses() {
        let colours = light_colours(
            ".a { --kg-fg: light-dark(#111, #eee); --kg-glass: light-dark(rgba(1, 2, 3, 0.5), rgba(4, 5, 6, 0.1)); }",
        );
        assert_eq!(
            colours,
            [
                ("--kg-fg".to_owned(), "#111".to_owned()),
                ("--kg-glass".to_owned(), "rgba(1, 2, 3, 0.5)".to_owned())
            ]
        );
    }

    #[test]
    fn the_flat_picture_has_no_variables_left() {
        let loaded = crate::load::load(crate::gallery::EXAMPLES[0].source);
        let scene = crate::playback::Playback::new(&loaded.objects, Default::default())
            .scene()
            .clone();
        let flat = flat_document(&scene, "t");
        assert!(!flat.contains("var(--"), "a variable is left");
        assert!(!flat.contains(":where("));
        assert!(flat.contains("fill: #1d2330"), "text is dark on light");
        assert!(
            flat.contains(r#"text { font-family: system-ui, -apple-system, "Segoe UI""#),
            "the fonts are on the text"
        );
        assert_eq!(
            light_colours(STYLE).len(),
            17,
            "every colour of the palette"
        );
    }
}
