//! Splitting a stream into documents at `---` and `...` lines, as YAML itself does: a line that
//! starts with a document marker ends any scalar, so the split never cuts a value in two.
//! JSON objects written back to back are split apart as well.

use super::json_stream;

/// One document's text and where it starts in the whole input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk<'t> {
    /// The document's text (may include its `---` line and comments).
    pub text: &'t str,
    /// Byte offset of `text` in the whole input.
    pub offset: usize,
}

/// Splits `input` into documents, dropping the ones that hold only comments or blank lines.
pub fn split_documents(input: &str) -> Vec<Chunk<'_>> {
    let body_start = if input.starts_with('\u{feff}') { 3 } else { 0 };
    let mut chunks = Vec::new();
    let mut start = body_start;
    let mut has_content = false;
    let mut offset = body_start;
    for line in input[body_start..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        // Only lines starting with `-` or `.` can be markers; once a document has content,
        // no other line needs a look.
        if has_content && !line.starts_with(['-', '.']) {
            continue;
        }
        match marker(line) {
            Some(Marker::DocumentStart { inline_content }) => {
                if has_content {
                    push(&mut chunks, input, start, line_start);
                }
                start = line_start;
                has_content = inline_content;
            }
            Some(Marker::DocumentEnd) => {
                if has_content {
                    push(&mut chunks, input, start, offset);
                }
                start = offset;
                has_content = false;
            }
            None => has_content |= is_content(line),
        }
    }
    if has_content {
        push(&mut chunks, input, start, input.len());
    }
    chunks
}

fn push<'t>(chunks: &mut Vec<Chunk<'t>>, input: &'t str, start: usize, end: usize) {
    let chunk = Chunk {
        text: &input[start..end],
        offset: start,
    };
    match json_stream::split(chunk.text) {
        Some(ranges) if ranges.len() > 1 => chunks.extend(ranges.into_iter().map(|r| Chunk {
            text: &chunk.text[r.clone()],
            offset: chunk.offset + r.start,
        })),
        _ => chunks.push(chunk),
    }
}

enum Marker {
    DocumentStart { inline_content: bool },
    DocumentEnd,
}

fn marker(line: &str) -> Option<Marker> {
    let rest = |m: &str| {
        line.strip_prefix(m)
            .filter(|r| r.is_empty() || r.starts_with([' ', '\t', '\r', '\n']))
    };
    if let Some(r) = rest("---") {
        return Some(Marker::DocumentStart {
            inline_content: is_content(r),
        });
    }
    rest("...").map(|_| Marker::DocumentEnd)
}

/// True when a line holds more than blanks, a comment or a directive.
fn is_content(line: &str) -> bool {
    let trimmed = line.trim_start_matches([' ', '\t', '\r', '\n']);
    !(trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with('%'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<&str> {
        split_documents(input).iter().map(|c| c.text).collect()
    }

    #[test]
    fn splits_at_markers_and_drops_empty_documents() {
        let input = "# head\n---\na: 1\n---\n# only a comment\n---\nb: 2\n...\n---\n";
        assert_eq!(texts(input), vec!["---\na: 1\n", "---\nb: 2\n...\n"]);
    }

    #[test]
    fn first_document_needs_no_marker() {
        assert_eq!(texts("a: 1\n---\nb: 2"), vec!["a: 1\n", "---\nb: 2"]);
    }

    #[test]
    fn marker_with_inline_content_is_a_document() {
        assert_eq!(texts("--- {a: 1}\n"), vec!["--- {a: 1}\n"]);
    }

    #[test]
    fn dashes_inside_a_line_are_not_markers() {
        assert_eq!(texts("a: ---\nb: x---\n----: y\n").len(), 1);
    }

    #[test]
    fn offsets_point_into_the_input_after_a_bom() {
        let input = "\u{feff}a: 1\n---\nb: 2\n";
        let chunks = split_documents(input);
        assert_eq!(chunks[0].offset, 3);
        assert_eq!(&input[chunks[1].offset..], "---\nb: 2\n");
    }

    #[test]
    fn json_objects_back_to_back_become_documents() {
        let input = "{\"a\": 1}\n{\"b\": \"}{\"}";
        assert_eq!(texts(input), vec!["{\"a\": 1}", "{\"b\": \"}{\"}"]);
        let chunks = split_documents(input);
        assert_eq!(chunks[1].offset, 9);
    }
}
