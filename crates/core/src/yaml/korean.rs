//! libyaml's syntax messages in Korean. libyaml reports a problem ("did not find expected
//! key") and often the construct it was reading ("while parsing a block mapping at line 3
//! column 1"); both come from fixed lists, so each is translated whole. A message we do not
//! know keeps its English behind a Korean lead rather than being guessed at.

/// Problems, as libyaml and serde_norway word them (with both of libyaml's spellings where
/// its versions differ).
const PROBLEMS: &[(&str, &str)] = &[
    (
        "mapping values are not allowed in this context",
        "이 자리에는 매핑 값(`키: 값`)을 쓸 수 없습니다",
    ),
    (
        "block sequence entries are not allowed in this context",
        "이 자리에는 목록 항목(`- `)을 쓸 수 없습니다",
    ),
    (
        "did not find expected key",
        "있어야 할 키가 없습니다 (들여쓰기를 확인하세요)",
    ),
    (
        "did not find expected '-' indicator",
        "있어야 할 목록 표시 `-`가 없습니다 (들여쓰기를 확인하세요)",
    ),
    (
        "did not find expected node content",
        "있어야 할 값이 없습니다",
    ),
    (
        "did not find expected <document start>",
        "문서 시작 `---`가 있어야 합니다",
    ),
    (
        "did not find expected ',' or ']'",
        "`,` 또는 `]`가 있어야 합니다",
    ),
    (
        "did not find expected ',' or '}'",
        "`,` 또는 `}`가 있어야 합니다",
    ),
    ("could not find expected ':'", "있어야 할 `:`이 없습니다"),
    (
        "found unexpected ':'",
        "예상하지 못한 `:`가 있습니다 (값에 `:`가 들어가면 따옴표로 감싸세요)",
    ),
    (
        "mapping keys are not allowed in this context",
        "이 자리에는 매핑 키(`? `)를 쓸 수 없습니다",
    ),
    (
        "found character that cannot start any token",
        "YAML에서 이 문자로는 값을 시작할 수 없습니다 (따옴표로 감싸세요)",
    ),
    (
        "found unexpected end of stream",
        "값이 끝나기 전에 입력이 끝났습니다 (닫는 따옴표를 확인하세요)",
    ),
    (
        "found unexpected document indicator",
        "값 안에 문서 표시(`---` 또는 `...`)가 있습니다",
    ),
    (
        "found a tab character that violates indentation",
        "들여쓰기에 탭 문자가 있습니다 (공백을 쓰세요)",
    ),
    (
        "found a tab character that violate indentation",
        "들여쓰기에 탭 문자가 있습니다 (공백을 쓰세요)",
    ),
    (
        "found a tab character where an indentation space is expected",
        "들여쓰기 공백 자리에 탭 문자가 있습니다 (공백을 쓰세요)",
    ),
    (
        "did not find expected comment or line break",
        "여기에는 주석이나 줄바꿈만 올 수 있습니다",
    ),
    (
        "did not find expected whitespace or line break",
        "공백이나 줄바꿈이 있어야 합니다",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "영문자나 숫자가 있어야 합니다",
    ),
    (
        "found unknown escape character",
        "알 수 없는 이스케이프 문자가 있습니다",
    ),
    (
        "did not find expected hexadecimal number",
        "16진수 숫자가 있어야 합니다",
    ),
    (
        "did not find expected hexdecimal number",
        "16진수 숫자가 있어야 합니다",
    ),
    (
        "found unknown directive name",
        "알 수 없는 지시문 이름입니다",
    ),
    (
        "could not find expected directive name",
        "지시문 이름이 있어야 합니다",
    ),
    (
        "found unexpected non-alphabetical character",
        "지시문 이름에 영문자가 아닌 문자가 있습니다",
    ),
    (
        "did not find expected version number",
        "버전 번호가 있어야 합니다",
    ),
    (
        "did not find expected digit or '.' character",
        "숫자나 `.`가 있어야 합니다",
    ),
    (
        "found extremely long version number",
        "버전 번호가 너무 깁니다",
    ),
    (
        "found duplicate %YAML directive",
        "%YAML 지시문이 한 문서에 두 번 있습니다",
    ),
    (
        "found incompatible YAML document",
        "호환되지 않는 YAML 문서입니다 (버전을 확인하세요)",
    ),
    (
        "found duplicate %TAG directive",
        "%TAG 지시문이 두 번 있습니다",
    ),
    ("did not find expected whitespace", "공백이 있어야 합니다"),
    ("did not find expected '!'", "`!`가 있어야 합니다"),
    (
        "found undefined tag handle",
        "정의되지 않은 태그 핸들이 있습니다",
    ),
    (
        "found undefined alias",
        "정의되지 않은 별칭(`*`)이 있습니다",
    ),
    (
        "unknown anchor",
        "별칭(`*`)이 가리키는 앵커(`&`)가 정의되지 않았습니다",
    ),
    (
        "deserializing from YAML containing more than one document is not supported",
        "한 문서 자리에 YAML 문서가 둘 이상 있습니다 (문서는 `---`로 나누세요)",
    ),
    (
        "found an indentation indicator equal to 0",
        "블록 문자열의 들여쓰기 표시가 0입니다",
    ),
    (
        "control characters are not allowed",
        "제어 문자는 쓸 수 없습니다",
    ),
    (
        "invalid leading UTF-8 octet",
        "UTF-8이 아닌 바이트가 있습니다",
    ),
    (
        "incomplete UTF-8 octet sequence",
        "UTF-8 문자가 중간에 끊겼습니다",
    ),
];

/// What libyaml was reading, with the particle each noun takes.
const CONTEXTS: &[(&str, &str)] = &[
    ("parsing a block mapping", "블록 매핑을"),
    ("parsing a block collection", "블록 목록을"),
    ("parsing a flow mapping", "플로 매핑(`{}`)을"),
    ("parsing a flow sequence", "플로 목록(`[]`)을"),
    ("parsing a flow node", "플로 값을"),
    ("parsing a block node", "블록 값을"),
    ("parsing a node", "값을"),
    ("parsing a quoted scalar", "따옴표 문자열을"),
    ("scanning for the next token", "다음 토큰을"),
    ("scanning a simple key", "키를"),
    ("scanning a plain scalar", "따옴표 없는 문자열을"),
    ("scanning a quoted scalar", "따옴표 문자열을"),
    ("scanning a block scalar", "블록 문자열을"),
    ("scanning an anchor", "앵커(`&`)를"),
    ("scanning an alias", "별칭(`*`)을"),
    ("scanning a tag", "태그(`!`)를"),
    ("scanning a directive", "지시문(`%`)을"),
    ("scanning a %YAML directive", "%YAML 지시문을"),
    ("scanning a %TAG directive", "%TAG 지시문을"),
    ("parsing a %TAG directive", "%TAG 지시문을"),
    ("scanning a tag directive", "%TAG 지시문을"),
    ("parsing a tag directive", "%TAG 지시문을"),
    ("parsing a tag", "태그(`!`)를"),
];

/// Lead of a message we cannot translate.
pub const UNTRANSLATED: &str = "YAML 문법 오류: ";

/// The Korean of a libyaml message as `convert_error` leaves it: `problem[, while context at
/// line L column C]`.
pub fn syntax_ko(message: &str) -> String {
    let (problem, context) = match message.split_once(", while ") {
        Some((problem, context)) => (problem, Some(context)),
        None => (message, None),
    };
    let Some(problem) = lookup(PROBLEMS, problem) else {
        return format!("{UNTRANSLATED}{message}");
    };
    let Some(context) = context else {
        return problem.to_owned();
    };
    let (what, place) = context.split_once(" at line ").unwrap_or((context, ""));
    let Some(what) = lookup(CONTEXTS, what) else {
        return format!("{UNTRANSLATED}{message}");
    };
    // Korean puts the circumstance first: "while reading X, Y is missing".
    match place.split_once(" column ") {
        Some((line, column)) => format!("{line}번째 줄 {column}열부터 {what} 읽던 중, {problem}"),
        None => format!("{what} 읽던 중, {problem}"),
    }
}

fn lookup(table: &[(&str, &'static str)], english: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(en, _)| *en == english)
        .map(|(_, ko)| *ko)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_and_contexts_are_translated_with_their_position() {
        assert_eq!(
            syntax_ko("did not find expected '-' indicator, while parsing a block collection at line 13 column 3"),
            "13번째 줄 3열부터 블록 목록을 읽던 중, 있어야 할 목록 표시 `-`가 없습니다 (들여쓰기를 확인하세요)"
        );
        assert_eq!(
            syntax_ko("mapping values are not allowed in this context"),
            "이 자리에는 매핑 값(`키: 값`)을 쓸 수 없습니다"
        );
    }

    #[test]
    fn unknown_messages_keep_their_english_behind_a_korean_lead() {
        assert_eq!(
            syntax_ko("something libyaml may say one day"),
            "YAML 문법 오류: something libyaml may say one day"
        );
        assert_eq!(
            syntax_ko("did not find expected key, while juggling at line 1 column 1"),
            "YAML 문법 오류: did not find expected key, while juggling at line 1 column 1"
        );
    }
}
