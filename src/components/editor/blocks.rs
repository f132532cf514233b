//! A long text cut into blocks of lines, each shown in a textarea of its own, so that the
//! browser lays out only the blocks on screen (a textarea lays out every line it holds: one
//! of 20,000 lines takes most of a second to lay out, and each keystroke in it a tenth).
//!
//! The blocks keep their boundaries while the user types, so a keystroke changes one block;
//! they are cut again only when the whole text is replaced.

use std::rc::Rc;

/// Lines per block when a text is cut.
pub const LINES_PER_BLOCK: usize = 400;

/// Texts with more lines than this are shown in blocks.
pub const BLOCKS_OVER: usize = 2_000;

/// True when `text` is long enough to be shown in blocks.
fn wants_blocks(text: &str) -> bool {
    text.len() > BLOCKS_OVER * 8 && text.bytes().filter(|&b| b == b'\n').count() >= BLOCKS_OVER
}

/// A text as blocks of lines; joined with newlines they give the text back exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Blocks {
    texts: Vec<Rc<str>>,
}

impl Blocks {
    /// The blocks the editor shows `text` in: one for a text of ordinary length, where a
    /// single textarea is fast and behaves as every textarea does, and blocks of
    /// [`LINES_PER_BLOCK`] lines for a long one.
    pub fn shown(text: &str) -> Blocks {
        if wants_blocks(text) {
            Blocks::cut(text)
        } else {
            Blocks {
                texts: vec![Rc::from(text)],
            }
        }
    }

    /// Cuts `text` every [`LINES_PER_BLOCK`] lines.
    pub fn cut(text: &str) -> Blocks {
        let mut texts = Vec::new();
        let mut start = 0;
        let mut lines = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                lines += 1;
                if lines == LINES_PER_BLOCK {
                    texts.push(Rc::from(&text[start..i]));
                    start = i + 1;
                    lines = 0;
                }
            }
        }
        texts.push(Rc::from(&text[start..]));
        Blocks { texts }
    }

    /// The whole text.
    pub fn joined(&self) -> String {
        let mut out = String::with_capacity(self.texts.iter().map(|t| t.len() + 1).sum());
        for (i, t) in self.texts.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(t);
        }
        out
    }

    /// The blocks' texts.
    pub fn texts(&self) -> &[Rc<str>] {
        &self.texts
    }

    /// The 1-based line each block starts at.
    pub fn first_lines(&self) -> Vec<u32> {
        let mut line = 1u32;
        self.texts
            .iter()
            .map(|t| {
                let first = line;
                line += line_count(t);
                first
            })
            .collect()
    }

    /// The blocks with block `i`'s text replaced.
    pub fn with_block(&self, i: usize, text: &str) -> Blocks {
        let mut texts = self.texts.clone();
        if let Some(slot) = texts.get_mut(i) {
            *slot = Rc::from(text);
        }
        Blocks { texts }
    }

    /// Block `i` and the one after it as one block (the newline between them removed), and
    /// where the join is in the merged block, in UTF-16 units (a textarea's caret).
    pub fn merged(&self, i: usize) -> Option<(Blocks, u32)> {
        let next = self.texts.get(i + 1)?;
        let first = &self.texts[i];
        let caret = utf16_len(first);
        let mut texts = self.texts.clone();
        texts[i] = Rc::from(format!("{first}{next}"));
        texts.remove(i + 1);
        Some((Blocks { texts }, caret))
    }

    /// The block holding 1-based `line`, and the line's place in it (0-based).
    pub fn locate(&self, line: u32) -> (usize, u32) {
        let mut first = 1u32;
        for (i, t) in self.texts.iter().enumerate() {
            let count = line_count(t);
            if line < first + count || i + 1 == self.texts.len() {
                return (i, line.saturating_sub(first));
            }
            first += count;
        }
        (0, 0)
    }
}

/// Lines in a block's text (a block with no newline is one line).
pub fn line_count(text: &str) -> u32 {
    u32::try_from(text.bytes().filter(|&b| b == b'\n').count() + 1).unwrap_or(u32::MAX)
}

/// Where 0-based `line` starts in `text`, in UTF-16 units.
pub fn line_offset(text: &str, line: u32) -> u32 {
    let bytes: usize = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum();
    utf16_len(&text[..bytes.min(text.len())])
}

/// The byte offset in `text` of a DOM offset (UTF-16 units), clamped to the text.
pub fn byte_at(text: &str, units: u32) -> usize {
    let mut counted = 0u32;
    for (i, c) in text.char_indices() {
        if counted >= units {
            return i;
        }
        counted += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    text.len()
}

/// `text` with the DOM range `start..end` (UTF-16 units) replaced by `with`.
pub fn replaced(text: &str, start: u32, end: u32, with: &str) -> String {
    let (start, end) = (byte_at(text, start), byte_at(text, end.max(start)));
    format!("{}{with}{}", &text[..start], &text[end..])
}

/// Length in UTF-16 units, as the DOM counts.
pub fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(lines: usize) -> String {
        (1..=lines).map(|n| format!("line {n}\n")).collect()
    }

    #[test]
    fn cutting_and_joining_give_the_text_back() {
        for text in [
            String::new(),
            "a".to_owned(),
            "a\n".to_owned(),
            numbered(LINES_PER_BLOCK),
            numbered(LINES_PER_BLOCK * 3 + 7),
            format!("{}no newline at the end", numbered(LINES_PER_BLOCK - 1)),
        ] {
            let blocks = Blocks::cut(&text);
            assert_eq!(blocks.joined(), text);
        }
    }

    #[test]
    fn blocks_hold_the_same_number_of_lines_and_know_where_they_start() {
        let blocks = Blocks::cut(&numbered(LINES_PER_BLOCK * 2 + 10));
        assert_eq!(blocks.texts().len(), 3);
        assert_eq!(blocks.texts()[0].lines().next(), Some("line 1"));
        assert_eq!(blocks.texts()[1].lines().next(), Some("line 401"));
        assert_eq!(blocks.first_lines(), [1, 401, 801]);
        assert_eq!(blocks.locate(1), (0, 0));
        assert_eq!(blocks.locate(400), (0, 399));
        assert_eq!(blocks.locate(401), (1, 0));
        assert_eq!(blocks.locate(805), (2, 4));
        // Past the end: the last block.
        assert_eq!(blocks.locate(99_999).0, 2);
    }

    #[test]
    fn typing_in_a_block_changes_it_alone_and_moves_the_line_numbers_after_it() {
        let text = numbered(LINES_PER_BLOCK * 2);
        let blocks = Blocks::cut(&text);
        let edited = blocks.with_block(0, &format!("new\n{}", blocks.texts()[0]));
        assert_eq!(edited.texts()[1], blocks.texts()[1]);
        assert_eq!(edited.first_lines()[1], 402);
        assert_eq!(edited.joined(), format!("new\n{text}"));
    }

    #[test]
    fn merging_removes_the_newline_between_two_blocks() {
        let text = numbered(LINES_PER_BLOCK + 2);
        let blocks = Blocks::cut(&text);
        let (merged, caret) = blocks.merged(0).unwrap();
        assert_eq!(merged.texts().len(), 1);
        assert_eq!(caret, utf16_len(&blocks.texts()[0]));
        assert_eq!(
            merged.joined(),
            text.replacen("line 400\nline 401", "line 400line 401", 1)
        );
        assert!(merged.merged(0).is_none());
    }

    #[test]
    fn only_long_texts_are_cut() {
        assert!(!wants_blocks(&numbered(BLOCKS_OVER - 1)));
        assert!(wants_blocks(&numbered(BLOCKS_OVER)));
        // Many empty lines are still a short text.
        assert!(!wants_blocks(&"\n".repeat(BLOCKS_OVER * 2)));
        assert_eq!(Blocks::shown(&numbered(BLOCKS_OVER - 1)).texts().len(), 1);
        // 2,000 lines and the empty one after the last newline.
        assert_eq!(Blocks::shown(&numbered(BLOCKS_OVER)).texts().len(), 6);
    }

    #[test]
    fn a_paste_replaces_the_selection_counted_in_utf16_units() {
        assert_eq!(replaced("가나다", 1, 2, "x"), "가x다");
        assert_eq!(replaced("😀ab", 2, 3, "X"), "😀Xb");
        assert_eq!(replaced("abc", 5, 9, "!"), "abc!");
        assert_eq!(byte_at("가", 1), 3);
    }

    #[test]
    fn offsets_count_utf16_units() {
        assert_eq!(line_offset("가나\nb\nc", 1), 3);
        assert_eq!(line_offset("a\nb", 5), 3);
        assert_eq!(utf16_len("😀"), 2);
    }
}
