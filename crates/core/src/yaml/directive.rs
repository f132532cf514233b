//! `%YAML` directives as kubectl's YAML parser reads them. kubectl decodes YAML with go-yaml
//! v2 (the `goyaml.v2` fork inside sigs.k8s.io/yaml), which is stricter than libyaml here:
//!
//! - it takes only `%YAML 1.1` (`yaml_parser_process_directives`: `token.major != 1 ||
//!   token.minor != 1` is "found incompatible YAML document"), where libyaml also takes 1.2;
//! - a version number has at most 2 digits (`max_number_length = 2` in scannerc.go; libyaml
//!   allows 9): "found extremely long version number".
//!
//! The rest it shares with libyaml: a second `%YAML` before one document ("found duplicate
//! %YAML directive"), words after the version ("did not find expected comment or line
//! break"), an unknown directive, and directives that no `---` follows ("did not find
//! expected <document start>"). kubectl's reader cutting the stream before each `---` line,
//! that last error is also what directives at the start of the stream, or right after a
//! `---` line, meet (`super::split_documents` gives them a chunk of their own). Those are checked here too, so that each is reported at the
//! directive's own line, in go-yaml's order (the scanner and the parser take the directives
//! one at a time).

use super::korean::syntax_ko;
use super::value::{ParseError, ParseErrorKind};
use crate::text::Text;

/// The first directive go-yaml v2 refuses before the document of `chunk` (a chunk from
/// [`super::split_documents`], whose directives come first), with the byte offset in the
/// chunk where it goes wrong. `lines_before` counts the lines of the input before the chunk.
pub(super) fn check(chunk: &str, lines_before: usize) -> Option<ParseError> {
    let mut offset = 0;
    let mut seen_version = false;
    let mut last_directive = None;
    for line in chunk.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let trimmed = text.trim_start_matches([' ', '\t']);
        if text.starts_with('%') {
            let line_number = lines_before + chunk[..line_start].matches('\n').count() + 1;
            if let Some((at, message)) = scan(text, line_number, &mut seen_version) {
                return Some(ParseError {
                    kind: ParseErrorKind::Syntax,
                    message,
                    offset: Some(line_start + at),
                });
            }
            last_directive = Some(line_start);
        } else if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        } else if is_document_start(text) {
            return None;
        } else {
            // Content or `...` where the `---` of the directives' document should be.
            break;
        }
    }
    let at = last_directive?;
    Some(ParseError {
        kind: ParseErrorKind::Syntax,
        message: no_document(),
        offset: Some(at),
    })
}

/// go-yaml's error for directives with no document after them, and why they have none.
fn no_document() -> Text {
    let problem = "did not find expected <document start>";
    Text::new(
        format!("{problem}: kubectl reads the text in pieces cut before each `---` line, so directives that open a piece have no document; remove them"),
        format!("{}: kubectl은 텍스트를 `---` 줄마다 그 앞에서 잘라 읽으므로, 조각 첫머리의 지시문에는 문서가 없습니다. 지시문을 지우세요", syntax_ko(problem)),
    )
}

fn is_document_start(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// One directive line, as go-yaml's `yaml_parser_scan_directive` and then
/// `yaml_parser_process_directives` take it: where it goes wrong and why.
fn scan(line: &str, line_number: usize, seen_version: &mut bool) -> Option<(usize, Text)> {
    let bytes = line.as_bytes();
    let directive = |problem: &str| scanner_error(problem, "scanning a directive", line_number);
    let version = |problem: &str| scanner_error(problem, "scanning a %YAML directive", line_number);
    let mut i = 1;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-')) {
        i += 1;
    }
    let name = &line[1..i];
    if name.is_empty() {
        return Some((i, directive("could not find expected directive name")));
    }
    if i < bytes.len() && !is_blank(bytes[i]) {
        return Some((i, directive("found unexpected non-alphabetical character")));
    }
    match name {
        "YAML" => {}
        // `%TAG` is scanned and checked the same way by libyaml, which reports it.
        "TAG" => return None,
        _ => return Some((0, directive("found unknown directive name"))),
    }
    while i < bytes.len() && is_blank(bytes[i]) {
        i += 1;
    }
    let mut numbers = [0u32; 2];
    for (n, number) in numbers.iter_mut().enumerate() {
        if n == 1 {
            if bytes.get(i) != Some(&b'.') {
                return Some((i, version("did not find expected digit or '.' character")));
            }
            i += 1;
        }
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 2 {
            return Some((i + 2, version("found extremely long version number")));
        }
        if digits == 0 {
            return Some((i, version("did not find expected version number")));
        }
        *number = line[i..i + digits].parse().unwrap_or(0);
        i += digits;
    }
    while i < bytes.len() && is_blank(bytes[i]) {
        i += 1;
    }
    if i < bytes.len() && bytes[i] != b'#' {
        return Some((i, directive("did not find expected comment or line break")));
    }
    if std::mem::replace(seen_version, true) {
        return Some((
            0,
            Text::new(
                "found duplicate %YAML directive",
                "%YAML 지시문이 한 문서에 두 번 있습니다",
            ),
        ));
    }
    if numbers != [1, 1] {
        let written = format!("{}.{}", numbers[0], numbers[1]);
        return Some((
            0,
            Text::new(
                format!("found incompatible YAML document: kubectl's YAML parser (go-yaml v2) reads only %YAML 1.1, not {written}"),
                format!("호환되지 않는 YAML 문서입니다: kubectl의 YAML 파서(go-yaml v2)는 %YAML 1.1만 읽습니다 ({written}은(는) 읽지 못합니다)"),
            ),
        ));
    }
    None
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// A scanner error in libyaml's form, with the directive's start as its context.
fn scanner_error(problem: &str, context: &str, line: usize) -> Text {
    let en = format!("{problem}, while {context} at line {line} column 1");
    let ko = syntax_ko(&en);
    Text::new(en, ko)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(chunk: &str) -> Option<(usize, String)> {
        check(chunk, 0).map(|e| (e.offset.unwrap(), e.message.en))
    }

    #[test]
    fn only_version_1_1_is_taken() {
        assert_eq!(refused("%YAML 1.1\n---\na: 1\n"), None);
        assert_eq!(refused("%YAML   1.1   # comment\n---\na: 1\n"), None);
        assert_eq!(refused("%YAML 01.01\n--- {a: 1}\n"), None);
        let (at, message) = refused("# head\n%YAML 1.2\n---\na: 1\n").unwrap();
        assert_eq!(at, 7);
        assert!(
            message.starts_with("found incompatible YAML document"),
            "{message}"
        );
        assert!(refused("%YAML 2.0\n---\n").is_some());
        assert!(refused("%YAML 1.0\n---\n").is_some());
    }

    #[test]
    fn duplicates_trailing_words_and_long_numbers_are_refused_where_they_are() {
        assert_eq!(
            refused("%YAML 1.1\n%YAML 1.1\n---\n"),
            Some((10, "found duplicate %YAML directive".to_owned()))
        );
        assert_eq!(
            refused("%YAML 1.1 foo\n---\n"),
            Some((
                10,
                "did not find expected comment or line break, while scanning a directive at line 1 column 1".to_owned()
            ))
        );
        assert_eq!(
            refused("%YAML 1.001\n---\n"),
            Some((
                10,
                "found extremely long version number, while scanning a %YAML directive at line 1 column 1".to_owned()
            ))
        );
        assert_eq!(
            refused("%YAML\n---\n").map(|(_, m)| m),
            Some("did not find expected version number, while scanning a %YAML directive at line 1 column 1".to_owned())
        );
        assert_eq!(
            refused("%FOO bar\n---\n").map(|(_, m)| m),
            Some(
                "found unknown directive name, while scanning a directive at line 1 column 1"
                    .to_owned()
            )
        );
    }

    #[test]
    fn go_yaml_takes_the_directives_in_order() {
        // The first directive is refused before the second is looked at.
        assert!(refused("%YAML 1.2\n%YAML 1.1\n---\n")
            .is_some_and(|(at, m)| at == 0 && m.starts_with("found incompatible")));
    }

    #[test]
    fn directives_need_their_document_start() {
        assert_eq!(refused("%YAML 1.1\n"), Some((0, no_document().en)));
        assert_eq!(refused("%YAML 1.1\na: 1\n"), Some((0, no_document().en)));
        assert_eq!(refused("%YAML 1.1\n...\n"), Some((0, no_document().en)));
        assert_eq!(refused("%YAML 1.1\n---\n"), None);
        assert_eq!(refused("a: 1\n"), None);
    }

    #[test]
    fn messages_have_their_korean() {
        for chunk in [
            "%YAML 1.1\n%YAML 1.1\n---\n",
            "%YAML 1.1 foo\n---\n",
            "%YAML 1.001\n---\n",
            "%YAML 1.2\n---\n",
            "%YAML 1.1\n",
            "%\n---\n",
            "%YAML: 1.1\n---\n",
            "%YAML 1,1\n---\n",
        ] {
            let error = check(chunk, 0).unwrap();
            assert!(
                !error
                    .message
                    .ko
                    .starts_with(super::super::UNTRANSLATED_SYNTAX),
                "{chunk:?}: {}",
                error.message.ko
            );
        }
    }

    /// What `load` makes of `text`: the names of the objects, and each syntax error as
    /// `line:column message`.
    fn loaded(text: &str) -> (Vec<String>, Vec<String>) {
        let loaded = crate::load::load(text);
        let names = loaded.objects.iter().map(|o| o.meta.name.clone()).collect();
        let errors = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == crate::diagnostic::Code::YamlSyntax)
            .map(|d| format!("{}:{} {}", d.position.line, d.position.column, d.message.en))
            .collect();
        (names, errors)
    }

    fn config_map(name: &str) -> String {
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\n")
    }

    /// The error for directives that open kubectl's piece, at `line`.
    fn cut_off(line: usize) -> String {
        format!("{line}:1 {}", no_document().en)
    }

    #[test]
    fn directives_that_open_kubectls_piece_are_refused_and_the_document_after_them_loads() {
        // kubectl's reader cuts before each `---`: `%YAML 1.1` alone is a piece go-yaml
        // refuses, and the document after the `---` is a piece of its own.
        let text = format!(
            "%YAML 1.1\n---\n{}---\n{}",
            config_map("a"),
            config_map("b")
        );
        assert_eq!(
            loaded(&text),
            (vec!["a".into(), "b".into()], vec![cut_off(1)])
        );
        let text = format!(
            "{}---\n# c\n%YAML 1.1\n---\n{}",
            config_map("a"),
            config_map("b")
        );
        assert_eq!(
            loaded(&text),
            (vec!["a".into(), "b".into()], vec![cut_off(6)])
        );
        assert_eq!(loaded("%YAML 1.1\n---\n"), (vec![], vec![cut_off(1)]));
        // `%TAG` the same.
        let text = format!("%TAG !e! tag:example.com,2000:\n---\n{}", config_map("a"));
        assert_eq!(loaded(&text), (vec!["a".into()], vec![cut_off(1)]));
    }

    #[test]
    fn a_yaml_1_1_directive_after_a_documents_content_loads() {
        // go-yaml reads only the first document of a piece, and never reaches these.
        let text = format!(
            "{}...\n%YAML 1.1\n---\n{}",
            config_map("a"),
            config_map("b")
        );
        assert_eq!(loaded(&text), (vec!["a".into(), "b".into()], vec![]));
        let text = format!("{}%YAML 1.1\n---\n{}", config_map("a"), config_map("b"));
        assert_eq!(loaded(&text), (vec!["a".into(), "b".into()], vec![]));
    }

    #[test]
    fn a_yaml_1_2_directive_is_refused_at_its_line_and_the_documents_load() {
        let text = format!(
            "{}---\n%YAML 1.2\n---\n{}---\n{}",
            config_map("a"),
            config_map("b"),
            config_map("c")
        );
        assert_eq!(
            loaded(&text),
            (
                vec!["a".into(), "b".into(), "c".into()],
                vec!["5:1 found incompatible YAML document: kubectl's YAML parser (go-yaml v2) reads only %YAML 1.1, not 1.2".into()]
            )
        );
    }

    #[test]
    fn a_second_yaml_directive_for_one_document_is_refused_at_the_second() {
        let text = format!("%YAML 1.1\n%YAML 1.1\n---\n{}", config_map("a"));
        assert_eq!(
            loaded(&text),
            (
                vec!["a".into()],
                vec!["2:1 found duplicate %YAML directive".into()]
            )
        );
    }

    #[test]
    fn words_after_the_version_are_refused() {
        let text = format!("%YAML 1.1 foo\n---\n{}", config_map("a"));
        assert_eq!(
            loaded(&text),
            (
                vec!["a".into()],
                vec!["1:11 did not find expected comment or line break, while scanning a directive at line 1 column 1".into()]
            )
        );
        // A comment is not a word: the directive is refused only for having no document.
        let text = format!("%YAML 1.1 # the version\n---\n{}", config_map("a"));
        assert_eq!(loaded(&text), (vec!["a".into()], vec![cut_off(1)]));
    }

    #[test]
    fn a_directive_with_no_document_after_it_is_refused_at_its_line() {
        assert_eq!(loaded("%YAML 1.1\n"), (vec![], vec![cut_off(1)]));
        let text = format!("{}---\n%YAML 1.1\n", config_map("a"));
        assert_eq!(loaded(&text), (vec!["a".into()], vec![cut_off(5)]));
        // Followed by content with no `---`, it takes the content with it.
        let text = format!("%YAML 1.1\n{}", config_map("a"));
        assert_eq!(loaded(&text), (vec![], vec![cut_off(1)]));
    }

    #[test]
    fn versions_go_yaml_cannot_read_are_refused() {
        for (version, error) in [
            ("2.0", "1:1 found incompatible YAML document: kubectl's YAML parser (go-yaml v2) reads only %YAML 1.1, not 2.0"),
            ("1.0", "1:1 found incompatible YAML document: kubectl's YAML parser (go-yaml v2) reads only %YAML 1.1, not 1.0"),
            ("1.001", "1:11 found extremely long version number, while scanning a %YAML directive at line 1 column 1"),
        ] {
            let text = format!("%YAML {version}\n---\n{}", config_map("a"));
            assert_eq!(
                loaded(&text),
                (vec!["a".into()], vec![error.to_owned()]),
                "{version}"
            );
        }
    }
}
