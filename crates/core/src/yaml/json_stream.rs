//! Finding the top-level values of a stream of JSON (or YAML flow) values written back to back,
//! as `kubectl get -o json` of several objects and some tools produce: `{...}{...}`.

use std::ops::Range;

/// The byte ranges of the top-level `{...}` / `[...]` values, or `None` when the text is not a
/// clean sequence of such values separated only by blanks and comments.
pub fn split(text: &str) -> Option<Vec<Range<usize>>> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'#' => i = line_end(bytes, i),
            b'{' | b'[' => {
                let end = value_end(bytes, i)?;
                ranges.push(i..end);
                i = end;
            }
            b'-' if text[i..].starts_with("---") => i = line_end(bytes, i),
            _ => return None,
        }
    }
    Some(ranges)
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p + 1)
}

/// The end of the bracketed value starting at `start`, skipping quoted strings and comments.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'"' => i = double_quoted_end(bytes, i)?,
            b'\'' if starts_token(bytes, i) => i = single_quoted_end(bytes, i)?,
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                i = line_end(bytes, i) - 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn starts_token(bytes: &[u8], i: usize) -> bool {
    i == 0
        || matches!(
            bytes[i - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'[' | b',' | b':'
        )
}

fn double_quoted_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn single_quoted_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_top_level_value() {
        let text = "{\"a\": [1, {\"b\": \"x}\"}]}\n\n{\"c\": 'it''s'}  # done\n";
        let ranges = split(text).unwrap();
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[1].clone()], "{\"c\": 'it''s'}");
    }

    #[test]
    fn rejects_text_that_is_not_only_bracketed_values() {
        assert_eq!(split("a: 1"), None);
        assert_eq!(split("{\"a\": 1} trailing"), None);
        assert_eq!(split("{\"a\": 1"), None);
    }
}
