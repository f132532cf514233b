//! The tray of objects the API server rejects: below the picture, so nothing a paste held
//! silently disappears. Each entry gives kind, name and kubectl's short reason (in full on
//! hover).

use super::lane;
use super::style::{word, Word, GAP, LINE, PAD};
use crate::cluster::Rejected;
use crate::scene::{Item, Kind, Label, Rect};
use crate::text::Language;

/// The width of one entry.
const ENTRY_W: i32 = 300;

/// The tray at `(x, y)`, its entries wrapping within `width`; `None` when nothing was
/// rejected. Returns the tray and its bottom.
pub fn tray(
    rejected: &[Rejected],
    (x, y, width): (i32, i32, i32),
    language: Language,
) -> Option<(Item, i32)> {
    if rejected.is_empty() {
        return None;
    }
    let per_row = ((width + GAP) / (ENTRY_W + GAP)).max(1) as usize;
    let title_y = y + 14;
    let top = title_y + 10;
    let mut entries = Vec::new();
    let mut bottom = top;
    for (i, r) in rejected.iter().enumerate() {
        let (col, row) = ((i % per_row) as i32, (i / per_row) as i32);
        let h = PAD * 2 + 2 * LINE + 2;
        let ex = x + col * (ENTRY_W + GAP);
        let ey = top + row * (h + GAP / 2);
        let name = if r.name.is_empty() {
            "—"
        } else {
            r.name.as_str()
        };
        let mut entry = Item::new(
            format!("rejected:{}/{}/{}/{i}", r.kind, r.namespace, r.name),
            Kind::Rejected,
            Rect::new(ex, ey, ENTRY_W, h),
        );
        entry.data = vec![
            ("testid", "rejected".into()),
            ("kind", r.kind.clone()),
            ("name", r.name.clone()),
            ("namespace", r.namespace.clone()),
        ];
        let reason = r.reason.get(language);
        entry.title = format!("{} {name}\n{reason}", r.kind);
        entry.labels.push(Label::fitted(
            ex + PAD,
            ey + PAD + 12,
            &format!("{} {name}", r.kind),
            "name",
            ENTRY_W - 2 * PAD,
        ));
        entry.labels.push(Label::fitted(
            ex + PAD,
            ey + PAD + LINE + 12,
            reason,
            "warn",
            ENTRY_W - 2 * PAD,
        ));
        bottom = bottom.max(entry.rect.bottom());
        entries.push(entry);
    }
    let title = word(Word::Rejected, language);
    let used = (per_row.min(rejected.len()) as i32) * (ENTRY_W + GAP) - GAP;
    let mut item = lane(
        "rejected",
        title,
        Rect::new(x - 6, y, used.max(200) + 12, bottom - y + 6),
        entries,
    );
    item.labels.push(Label::new(x, title_y, title, "lane"));
    Some((item, bottom + 6))
}
