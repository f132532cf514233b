//! The Kubernetes icons the picture uses, as `<symbol>`s (minified from the official set
//! by `scripts/minify_icons.py`; see `assets/icons/NOTICE.md` for the license).

macro_rules! icons {
    ($($name:literal),* $(,)?) => {
        /// `(name, symbol markup)` of every icon the picture uses; reference one with
        /// `<use href="#kg-icon-NAME">`.
        pub const ICONS: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../assets/icons/", $name, ".svg"))),)*
        ];
    };
}

icons!(
    "pod",
    "svc",
    "node",
    "control-plane",
    "pv",
    "pvc",
    "vol",
    "cm",
    "secret",
    "ns",
    "user"
);

#[cfg(test)]
mod tests {
    use super::ICONS;

    #[test]
    fn every_icon_is_a_symbol_with_its_id() {
        for (name, svg) in ICONS {
            assert!(
                svg.starts_with(&format!("<symbol id=\"kg-icon-{name}\" viewBox=")),
                "{name}"
            );
            assert!(svg.trim_end().ends_with("</symbol>"), "{name}");
            assert!(
                !svg.contains("inkscape") && !svg.contains("sodipodi"),
                "{name} is minified"
            );
        }
    }
}
