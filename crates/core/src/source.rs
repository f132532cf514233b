//! Positions in the pasted text: byte offsets turned into 1-based lines and columns.

use serde::Serialize;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Position {
    /// The first character of the text.
    pub const START: Position = Position { line: 1, column: 1 };
}

/// Where each line of a text starts, to turn byte offsets into positions.
#[derive(Clone, Debug)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: std::borrow::Cow<'t, [usize]>,
}

impl<'t> LineIndex<'t> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            text,
            starts: starts.into(),
        }
    }

    /// The index of `text` from line starts computed before (by [`LineIndex::into_starts`]
    /// on the same text), without scanning it again.
    pub fn with_starts(text: &'t str, starts: &'t [usize]) -> Self {
        LineIndex {
            text,
            starts: starts.into(),
        }
    }

    /// The line starts, to keep beside the text.
    pub fn into_starts(self) -> Vec<usize> {
        self.starts.into_owned()
    }

    /// The position of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |prefix| {
                prefix.chars().filter(|&c| c != '\u{feff}').count()
            });
        Position {
            line: to_u32(line + 1),
            column: to_u32(column + 1),
        }
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> usize {
        let i = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        self.starts[i]
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a: 1\n이름: 값\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        let value = text.find('값').unwrap();
        assert_eq!(index.position(value), Position { line: 2, column: 5 });
        assert_eq!(index.position(text.len()), Position { line: 3, column: 2 });
        assert_eq!(index.line_start(3), text.len() - 1);
    }

    #[test]
    fn crlf_counts_as_one_line_break() {
        let index = LineIndex::new("a\r\nb");
        assert_eq!(index.position(3), Position { line: 2, column: 1 });
    }
}
