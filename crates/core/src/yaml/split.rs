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
///
/// `%` directives (`%YAML 1.1`) belong to the document whose `---` follows them, so its
/// chunk starts at the first of them; directives that no `---` follows make a chunk of their
/// own, so that the parser can refuse them.
///
/// Except where kubectl's reader (apimachinery's `YAMLReader`) leaves them alone: it cuts the
/// stream before every `---` line, so directives that open its piece (at the start of the
/// stream, or right after a `---` line) are a piece of their own, which go-yaml refuses
/// ("did not find expected <document start>"), while the document after them is read. Here
/// they make a chunk of their own too. (Directives after a document's content, in the same
/// piece, are never reached by go-yaml, which reads only a piece's first document.)
pub fn split_documents(input: &str) -> Vec<Chunk<'_>> {
    let body_start = if input.starts_with('\u{feff}') { 3 } else { 0 };
    let mut chunks = Vec::new();
    let mut start = body_start;
    let mut has_content = false;
    // Content since the last `---` line, where kubectl's reader cuts.
    let mut piece_has_content = false;
    // Where the directive lines not yet followed by their `---` (or by content) start.
    let mut directives: Option<usize> = None;
    let mut offset = body_start;
    for line in input[body_start..].split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        // Only lines starting with `-`, `.` or `%` can be markers or directives; once a
        // document has content, no other line needs a look unless directives wait.
        if has_content && directives.is_none() && !line.starts_with(['-', '.', '%']) {
            continue;
        }
        match marker(line) {
            Some(Marker::DocumentStart { inline_content }) => {
                match directives {
                    Some(at) if !piece_has_content => {
                        push(&mut chunks, input, at, line_start);
                        start = line_start;
                    }
                    _ => {
                        let cut = directives.unwrap_or(line_start);
                        if has_content {
                            push(&mut chunks, input, start, cut);
                        }
                        start = cut;
                    }
                }
                has_content = inline_content;
                piece_has_content = inline_content;
                directives = None;
            }
            Some(Marker::DocumentEnd) => {
                end_region(&mut chunks, input, start, has_content, directives, offset);
                start = offset;
                has_content = false;
                directives = None;
            }
            None if line.starts_with('%') => {
                directives.get_or_insert(line_start);
            }
            None if is_content(line) => {
                // Directives followed by content without `---` stay where they are: the
                // parser refuses them there.
                has_content = true;
                piece_has_content = true;
                directives = None;
            }
            None => {}
        }
    }
    end_region(
        &mut chunks,
        input,
        start,
        has_content,
        directives,
        input.len(),
    );
    chunks
}

/// Closes the region `start..end` at a `...` or at the end of the input: its content is a
/// document, and directives after it (or alone) a chunk of their own.
fn end_region<'t>(
    chunks: &mut Vec<Chunk<'t>>,
    input: &'t str,
    start: usize,
    has_content: bool,
    directives: Option<usize>,
    end: usize,
) {
    match (has_content, directives) {
        (true, Some(at)) => {
            push(chunks, input, start, at);
            push(chunks, input, at, end);
        }
        (true, None) => push(chunks, input, start, end),
        (false, Some(at)) => push(chunks, input, at, end),
        (false, None) => {}
    }
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

    #[test]
    fn directives_that_open_kubectls_piece_are_a_chunk_of_their_own() {
        assert_eq!(
            texts("# head\n%YAML 1.1\n---\na: 1\n"),
            vec!["%YAML 1.1\n", "---\na: 1\n"]
        );
        assert_eq!(
            texts("a: 1\n---\n%YAML 1.1\n---\nb: 2\n"),
            vec!["a: 1\n", "%YAML 1.1\n", "---\nb: 2\n"]
        );
    }

    #[test]
    fn directives_after_content_go_with_the_document_their_marker_starts() {
        assert_eq!(
            texts("a: 1\n%YAML 1.1\n# c\n---\nb: 2\n"),
            vec!["a: 1\n", "%YAML 1.1\n# c\n---\nb: 2\n"]
        );
        assert_eq!(
            texts("a: 1\n...\n%YAML 1.1\n---\nb: 2\n"),
            vec!["a: 1\n...\n", "%YAML 1.1\n---\nb: 2\n"]
        );
    }

    #[test]
    fn directives_with_no_marker_after_them_make_a_chunk_the_parser_refuses() {
        assert_eq!(texts("%YAML 1.1\n"), vec!["%YAML 1.1\n"]);
        assert_eq!(texts("a: 1\n%YAML 1.1\n"), vec!["a: 1\n", "%YAML 1.1\n"]);
        assert_eq!(
            texts("a: 1\n%YAML 1.1\n...\n"),
            vec!["a: 1\n", "%YAML 1.1\n...\n"]
        );
        // Followed by content instead of `---`, they stay with it.
        assert_eq!(texts("%YAML 1.1\na: 1\n"), vec!["%YAML 1.1\na: 1\n"]);
        assert_eq!(
            texts("a: 1\n%YAML 1.1\nb: 2\n"),
            vec!["a: 1\n%YAML 1.1\nb: 2\n"]
        );
    }
}
