//! A linear scan that refuses hostile flow nesting before libyaml sees it: libyaml is
//! quadratic on deeply nested flow collections (100,000 levels of `{"a":` take most of a
//! minute), and serde_norway's own depth limit applies only after every event is parsed.
//! Deep *block* nesting costs libyaml nothing special, and serde_norway's limit refuses it.

/// Nesting deeper than this is refused (the same limit serde_norway applies).
pub const MAX_DEPTH: usize = 128;

/// The bytes the scan must look at; everything else is skipped in a tight loop.
const INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b"[]{}\"'#";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// The byte offset of the first flow bracket (outside quotes and comments) that nests
/// deeper than [`MAX_DEPTH`], counting the document's own top level as the first level.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 1usize;
    let mut i = 0;
    while let Some(skip) = bytes[i..].iter().position(|&b| INTERESTING[usize::from(b)]) {
        i += skip;
        match bytes[i] {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1).max(1),
            b'"' => i = skip_double_quoted(bytes, i),
            b'\'' if starts_token(bytes, i) => i = skip_single_quoted(bytes, i),
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                i += bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .unwrap_or(bytes.len() - i);
            }
            _ => {}
        }
        i += 1;
        if i >= bytes.len() {
            break;
        }
    }
    None
}

/// A quote opens a quoted scalar only where a token can start.
fn starts_token(bytes: &[u8], i: usize) -> bool {
    i == 0
        || matches!(
            bytes[i - 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':' | b'-'
        )
}

fn skip_double_quoted(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_single_quoted(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_deep_flow_nesting_at_the_first_bracket_too_many() {
        let text = "{\"a\":".repeat(200);
        assert_eq!(too_deep(&text), Some((MAX_DEPTH - 1) * 5));
        assert_eq!(too_deep(&"[".repeat(MAX_DEPTH - 1)), None);
        assert_eq!(too_deep(&"[".repeat(MAX_DEPTH)), Some(MAX_DEPTH - 1));
    }

    #[test]
    fn brackets_in_quotes_and_comments_do_not_count() {
        let text = format!(
            "a: \"{}\"\nb: '{}'\n# {}\nc: \"\\\"[\"\n",
            "[".repeat(300),
            "{".repeat(300),
            "[".repeat(300)
        );
        assert_eq!(too_deep(&text), None);
    }

    #[test]
    fn closing_brackets_reset_the_depth() {
        let text = "[]".repeat(10_000);
        assert_eq!(too_deep(&text), None);
    }
}
