//! Non-breaking spaces (U+00A0) pasted from web pages into indentation. YAML does not treat
//! them as white space, so the text would not parse; we read them as the spaces the author
//! saw, and say so. Only structural positions are touched (line starts, list dashes, after
//! a key's colon); inside values they stay, as they may be meant.

/// The text with structural non-breaking spaces replaced by spaces, and the 1-based lines
/// where that happened; `None` when there was nothing to replace.
///
/// One character replaces one character, so line and column positions are unchanged.
pub fn replace_structural_nbsp(text: &str) -> Option<(String, Vec<u32>)> {
    if !text.contains('\u{a0}') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut lines = Vec::new();
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let mut at_structure = true;
        let mut replaced = false;
        for c in line.chars() {
            match c {
                '\u{a0}' if at_structure => {
                    out.push(' ');
                    replaced = true;
                }
                ' ' | '\t' => out.push(c),
                ':' | '-' => {
                    out.push(c);
                    at_structure = true;
                }
                _ => {
                    out.push(c);
                    at_structure = false;
                }
            }
        }
        if replaced {
            lines.push(u32::try_from(number + 1).unwrap_or(u32::MAX));
        }
    }
    (!lines.is_empty()).then_some((out, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_indentation_and_separators_but_not_values() {
        let text = "a:\n\u{a0} b:\u{a0}x\u{a0}y\n- \u{a0}c\n";
        let (out, lines) = replace_structural_nbsp(text).unwrap();
        assert_eq!(out, "a:\n  b: x\u{a0}y\n-  c\n");
        assert_eq!(lines, vec![2, 3]);
        assert_eq!(out.chars().count(), text.chars().count());
    }

    #[test]
    fn plain_text_is_untouched() {
        assert_eq!(replace_structural_nbsp("a: b\n"), None);
    }
}
