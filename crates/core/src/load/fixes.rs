//! The fixes the loader offers, planned where a problem is found (by field path) and made
//! into line edits once the problem is placed in the text.

use crate::fix::{Fix, LineEdit, Lines};
use crate::text::Text;

/// A fix, before it knows its lines.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Plan {
    /// A field of the object's `spec` written at its root: move its block under `spec:`.
    MoveUnderSpec,
    /// A misspelt key: write it as `to`.
    Rename(&'static str),
    /// Several volume sources in a PersistentVolume: one fix per way of keeping one of
    /// `keep` (the others of `present` are removed).
    KeepOneSource {
        keep: Vec<String>,
        present: Vec<String>,
    },
    /// A required field missing under `spec:`: add this typical value (YAML lines, relative
    /// to the spec's children).
    AddUnderSpec(&'static str),
}

/// Where a plan's lines are: the problem's own line, and the lines of the keys it involves.
pub(crate) struct Places<'l, 't> {
    /// The document's lines.
    pub lines: &'l Lines<'t>,
    /// The line of the field the problem is at.
    pub at: u32,
    /// The line of a key of the object's root (`spec`), or of a key under `spec`.
    pub line_of: &'l dyn Fn(&[&str]) -> Option<u32>,
}

/// The fixes a plan makes, placed.
pub(crate) fn make(plan: &Plan, places: &Places<'_, '_>) -> Vec<Fix> {
    match plan {
        Plan::MoveUnderSpec => move_under_spec(places).into_iter().collect(),
        Plan::Rename(to) => rename(places, to).into_iter().collect(),
        Plan::KeepOneSource { keep, present } => keep
            .iter()
            .filter_map(|k| keep_one(places, k, present))
            .collect(),
        Plan::AddUnderSpec(snippet) => add_under_spec(places, snippet).into_iter().collect(),
    }
}

fn key_of(text: &str) -> &str {
    text.trim_start_matches([' ', '\u{a0}'])
        .split(':')
        .next()
        .unwrap_or_default()
        .trim()
}

fn move_under_spec(p: &Places<'_, '_>) -> Option<Fix> {
    let lines = p.lines;
    let key = key_of(lines.text(p.at)).to_owned();
    let block = lines.block(p.at);
    let key_indent = lines.indent(p.at) as isize;
    let label = Text::new(
        format!("move `{key}:` under `spec:`"),
        format!("`{key}:`을(를) `spec:` 아래로 옮기기"),
    );
    let Some(spec) = (p.line_of)(&["spec"]) else {
        // No spec at all: open one where the field is, and indent the field under it.
        let step = lines.step() as isize;
        let mut insert = format!("{}spec:\n", " ".repeat(key_indent as usize));
        insert.push_str(&lines.reindented(block, step));
        return Some(Fix {
            label,
            edits: vec![LineEdit {
                line: block.0,
                remove: block.1,
                insert,
            }],
        });
    };
    if !lines.opens_block(spec) {
        return None; // `spec: {…}` in flow style: no safe line edit.
    }
    let spec_block = lines.block(spec);
    let child_indent = if spec_block.1 > 1 {
        (spec + 1..spec + spec_block.1)
            .map(|l| lines.indent(l))
            .find(|&i| i > lines.indent(spec))
            .unwrap_or(lines.indent(spec) + lines.step())
    } else {
        lines.indent(spec) + lines.step()
    };
    let moved = lines.reindented(block, child_indent as isize - key_indent);
    let spec_end = spec_block.0 + spec_block.1;
    let mut edits = vec![LineEdit {
        line: block.0,
        remove: block.1,
        insert: String::new(),
    }];
    // Into the spec's block, at its end (before the field, if the field came after it, the
    // removal and the insertion touch different lines).
    edits.push(LineEdit {
        line: spec_end,
        remove: 0,
        insert: moved,
    });
    if block.0 < spec_end && block.0 + block.1 > spec {
        return None; // the field sits inside spec's own lines: nothing to move.
    }
    if edits[0].line == edits[1].line {
        // Right after `spec:`: one edit does both.
        let insert = edits.pop().map(|e| e.insert).unwrap_or_default();
        edits[0].insert = insert;
    }
    Some(Fix { label, edits })
}

fn rename(p: &Places<'_, '_>, to: &str) -> Option<Fix> {
    let text = p.lines.text(p.at);
    let key = key_of(text);
    if key.is_empty() {
        return None;
    }
    let at = text.find(&format!("{key}:"))?;
    let fixed = format!("{}{to}{}", &text[..at], &text[at + key.len()..]);
    Some(Fix {
        label: Text::new(
            format!("rename `{key}` to `{to}`"),
            format!("`{key}`을(를) `{to}`(으)로 고치기"),
        ),
        edits: vec![LineEdit {
            line: p.at,
            remove: 1,
            insert: format!("{fixed}\n"),
        }],
    })
}

fn keep_one(p: &Places<'_, '_>, keep: &str, present: &[String]) -> Option<Fix> {
    let mut edits = Vec::new();
    for other in present.iter().filter(|s| s.as_str() != keep) {
        let line = (p.line_of)(&["spec", other])?;
        let (first, count) = p.lines.block(line);
        edits.push(LineEdit {
            line: first,
            remove: count,
            insert: String::new(),
        });
    }
    Some(Fix {
        label: Text::new(format!("keep only `{keep}`"), format!("`{keep}`만 남기기")),
        edits,
    })
}

fn add_under_spec(p: &Places<'_, '_>, snippet: &str) -> Option<Fix> {
    let lines = p.lines;
    let spec = (p.line_of)(&["spec"])?;
    if !lines.opens_block(spec) {
        return None;
    }
    let (first, count) = lines.block(spec);
    let indent = (first + 1..first + count)
        .map(|l| lines.indent(l))
        .find(|&i| i > lines.indent(spec))
        .unwrap_or(lines.indent(spec) + lines.step());
    let pad = " ".repeat(indent);
    let insert: String = snippet.lines().map(|l| format!("{pad}{l}\n")).collect();
    let key = key_of(snippet.lines().next().unwrap_or_default()).to_owned();
    Some(Fix {
        label: Text::new(
            format!("add a typical `{key}` (marked with a comment)"),
            format!("흔히 쓰는 `{key}` 값 추가 (주석 표시)"),
        ),
        edits: vec![LineEdit {
            line: first + count,
            remove: 0,
            insert,
        }],
    })
}
