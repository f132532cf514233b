//! One-click fixes: where kubeglass knows what the author meant, a diagnostic carries the
//! change to the text that makes the object acceptable (`containers:` moved under `spec:`, one
//! volume source kept, a typo renamed...). A fix is a set of whole-line edits, so it applies
//! to the text the diagnostic came from whatever its encoding quirks (a non-breaking space is
//! two bytes, but still on its line).

use crate::text::Text;
use serde::Serialize;

/// Lines `line..line + remove` (1-based) replaced by `insert` (whole lines, each ending in a
/// line break).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LineEdit {
    /// The first line replaced (or, with `remove` 0, the line the insertion goes before).
    pub line: u32,
    /// How many lines are removed.
    pub remove: u32,
    /// What goes in their place.
    pub insert: String,
}

/// A change that resolves a diagnostic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What it does ("move `containers:` under `spec:`").
    pub label: Text,
    /// Its edits; no two touch the same line.
    pub edits: Vec<LineEdit>,
}

/// `text` with `fix` applied. Edits past the end of the text insert at the end.
pub fn apply(text: &str, fix: &Fix) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    if lines.last().is_some_and(|l| !l.ends_with('\n')) {
        // The last line gets its break while edited, and gives it back after.
        let last = lines.len() - 1;
        lines[last].push('\n');
        let fixed = apply_lines(lines, fix);
        return fixed.strip_suffix('\n').map(str::to_owned).unwrap_or(fixed);
    }
    apply_lines(lines, fix)
}

fn apply_lines(mut lines: Vec<String>, fix: &Fix) -> String {
    let mut edits: Vec<&LineEdit> = fix.edits.iter().collect();
    crate::order::sort_by_key(&mut edits, |e| std::cmp::Reverse(e.line));
    for edit in edits {
        let start = (edit.line.max(1) as usize - 1).min(lines.len());
        let end = (start + edit.remove as usize).min(lines.len());
        let inserted: Vec<String> = edit
            .insert
            .split_inclusive('\n')
            .map(str::to_owned)
            .collect();
        lines.splice(start..end, inserted);
    }
    lines.concat()
}

/// `text` with kubeglass's fixes applied, one at a time and read again after each (a fix moves
/// the lines of the problems after it): the first fix of the first error that has one, until
/// none has. Returns the text and whether errors remain.
pub fn fixed(text: &str) -> (String, bool) {
    let mut text = text.to_owned();
    // Each fix resolves at least one error, and no text has more errors than lines.
    for _ in 0..=text.lines().count() {
        let loaded = crate::load::load(&text);
        let next = loaded
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .find_map(|d| d.fixes.first());
        let Some(fix) = next else {
            return (text, loaded.has_errors());
        };
        let after = apply(&text, fix);
        if after == text {
            break;
        }
        text = after;
    }
    let errors = crate::load::load(&text).has_errors();
    (text, errors)
}

/// A document's lines, for finding blocks and building edits.
pub(crate) struct Lines<'t> {
    lines: Vec<&'t str>,
    /// The 1-based number of `lines[0]` in the whole text.
    first: u32,
}

impl<'t> Lines<'t> {
    /// The lines of `text`, whose first line is line `first` of the whole input.
    pub fn new(text: &'t str, first: u32) -> Self {
        Lines {
            lines: text.lines().collect(),
            first,
        }
    }

    fn get(&self, line: u32) -> Option<&'t str> {
        line.checked_sub(self.first)
            .and_then(|i| self.lines.get(i as usize))
            .copied()
    }

    /// The indentation of a line (spaces, and non-breaking spaces counted as one each).
    pub fn indent(&self, line: u32) -> usize {
        self.get(line).map_or(0, |l| {
            l.chars()
                .take_while(|c| *c == ' ' || *c == '\u{a0}')
                .count()
        })
    }

    fn is_filler(line: &str) -> bool {
        let t = line.trim_start_matches([' ', '\u{a0}']);
        t.is_empty() || t.starts_with('#')
    }

    /// The lines of the block a key on `line` starts: it and every following line indented
    /// deeper (or a list item at its level, for `key:` followed by `- ...`), trailing blank
    /// and comment lines left out. Returns `(first, count)`.
    pub fn block(&self, line: u32) -> (u32, u32) {
        let indent = self.indent(line);
        let mut last = line;
        let mut at = line + 1;
        while let Some(text) = self.get(at) {
            if !Self::is_filler(text) {
                let deeper = self.indent(at) > indent;
                let item = self.indent(at) == indent
                    && text.trim_start_matches([' ', '\u{a0}']).starts_with("- ");
                if !(deeper || item) {
                    break;
                }
                last = at;
            }
            at += 1;
        }
        (line, last - line + 1)
    }

    /// The lines `first..first + count`, each re-indented by `by` spaces (negative removes),
    /// as inserted text.
    pub fn reindented(&self, (first, count): (u32, u32), by: isize) -> String {
        let mut out = String::new();
        for line in first..first + count {
            let text = self.get(line).unwrap_or_default();
            if !text.trim().is_empty() {
                if by >= 0 {
                    out.push_str(&" ".repeat(by as usize));
                    out.push_str(text);
                } else {
                    let cut = text
                        .bytes()
                        .take((-by) as usize)
                        .take_while(|b| *b == b' ')
                        .count();
                    out.push_str(&text[cut..]);
                }
            }
            out.push('\n');
        }
        out
    }

    /// The indentation step the document uses (its first indented line's indentation).
    pub fn step(&self) -> usize {
        (0..self.lines.len() as u32)
            .map(|i| self.indent(self.first + i))
            .find(|&n| n > 0)
            .unwrap_or(2)
    }

    /// The text of a line.
    pub fn text(&self, line: u32) -> &'t str {
        self.get(line).unwrap_or_default()
    }

    /// True when the line is `key:` with nothing after it but a comment (a block follows, or
    /// nothing).
    pub fn opens_block(&self, line: u32) -> bool {
        let text = self.text(line).trim();
        let value = text.split_once(':').map_or("", |(_, v)| v);
        let value = value.split_once(" #").map_or(value, |(v, _)| v).trim();
        value.is_empty() || value.starts_with('#')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: Vec<LineEdit>) -> Fix {
        Fix {
            label: Text::default(),
            edits,
        }
    }

    #[test]
    fn edits_replace_insert_and_remove_whole_lines() {
        let text = "a\nb\nc\nd\n";
        let f = fix(vec![
            LineEdit {
                line: 2,
                remove: 1,
                insert: "B\n".into(),
            },
            LineEdit {
                line: 4,
                remove: 0,
                insert: "c2\n".into(),
            },
            LineEdit {
                line: 1,
                remove: 1,
                insert: String::new(),
            },
        ]);
        assert_eq!(apply(text, &f), "B\nc\nc2\nd\n");
        // A text without a final line break keeps it that way.
        assert_eq!(
            apply(
                "a\nb",
                &fix(vec![LineEdit {
                    line: 2,
                    remove: 1,
                    insert: "x\n".into()
                }])
            ),
            "a\nx"
        );
        // An insertion past the end appends.
        assert_eq!(
            apply(
                "a\n",
                &fix(vec![LineEdit {
                    line: 9,
                    remove: 0,
                    insert: "z\n".into()
                }])
            ),
            "a\nz\n"
        );
    }

    #[test]
    fn a_block_is_its_key_and_everything_deeper_or_its_list_items() {
        let text = "spec:\ncontainers:\n- name: a\n  image: b\n\n# tail\nother: 1\n";
        let lines = Lines::new(text, 1);
        assert_eq!(lines.block(2), (2, 3));
        assert_eq!(lines.block(7), (7, 1));
        assert_eq!(
            lines.reindented((2, 3), 1),
            " containers:\n - name: a\n   image: b\n"
        );
        assert_eq!(lines.step(), 2);
        assert!(lines.opens_block(1) && !lines.opens_block(7));
    }
}
