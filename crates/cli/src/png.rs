//! `render` as PNG: the standalone SVG, with its colours written out, rasterised by resvg at
//! twice the picture's size with the system's fonts. Native only: none of this reaches the
//! web app, which draws its PNGs with the browser's canvas.

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use skrifa::MetadataProvider;

/// How much larger than the picture's own size the PNG is (sharp on slides, as the app's).
pub const SCALE: f32 = 2.0;

/// Fonts for CSS's generic families, best first, where the system has them.
const SANS: &[&str] = &[
    "DejaVu Sans",
    "Noto Sans",
    "Liberation Sans",
    "Arial",
    "Helvetica",
];
const MONO: &[&str] = &[
    "DejaVu Sans Mono",
    "Noto Sans Mono",
    "Liberation Mono",
    "Menlo",
    "Consolas",
];

/// The installed fonts, with `sans-serif` and `monospace` pointing at installed ones (the
/// defaults, Arial and Courier New, are often missing, and text set in a missing font is
/// not drawn at all).
fn fonts() -> fontdb::Database {
    let mut fonts = fontdb::Database::new();
    fonts.load_system_fonts();
    let installed = |names: &[&str]| {
        names
            .iter()
            .find(|name| {
                fonts
                    .faces()
                    .any(|f| f.families.iter().any(|(n, _)| n == *name))
            })
            .map(|name| (*name).to_owned())
    };
    let sans = installed(SANS);
    let mono = installed(MONO).or_else(|| {
        fonts
            .faces()
            .find(|f| f.monospaced)
            .and_then(|f| f.families.first().map(|(n, _)| n.clone()))
    });
    if let Some(sans) = sans {
        fonts.set_sans_serif_family(sans);
    }
    if let Some(mono) = mono {
        fonts.set_monospace_family(mono);
    }
    fonts
}

/// The characters of `text` that no installed font draws.
fn undrawable(fonts: &fontdb::Database, text: &str) -> Vec<char> {
    let mut wanted: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    wanted.retain(|&c| {
        !fonts.faces().any(|face| {
            fonts
                .with_face_data(face.id, |data, index| {
                    skrifa::FontRef::from_index(data, index)
                        .is_ok_and(|font| font.charmap().map(c).is_some())
                })
                .unwrap_or(false)
        })
    });
    wanted
}

/// The PNG of a standalone SVG, and the characters it shows as boxes for want of a font.
pub fn rasterise(svg: &str, labels: &str) -> Result<(Vec<u8>, Vec<char>), String> {
    let mut options = usvg::Options::default();
    *options.fontdb_mut() = fonts();
    let missing = undrawable(&options.fontdb, labels);
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| format!("cannot draw the picture: {e}"))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * SCALE).ceil() as u32,
        (size.height() * SCALE).ceil() as u32,
    );
    let mut pixmap = Pixmap::new(w.max(1), h.max(1)).ok_or("the picture is too large for a PNG")?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    let png = pixmap
        .encode_png()
        .map_err(|e| format!("cannot write the PNG: {e}"))?;
    Ok((png, missing))
}
