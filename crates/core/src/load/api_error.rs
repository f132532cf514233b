//! The API server's own words for what it rejects (rule 9.5): a field error is
//! `<path>: <type>: <value>: <detail>`, and kubectl prints a rejected object as
//! `The <Kind> "<name>" is invalid: <cause>`. A misspelled field is refused by strict field
//! validation (rule 9.7): `<Kind> in version "<v>" cannot be handled as a <Kind>: strict
//! decoding error: unknown field "<path>"`. Korean gives our translation, with the field path.

use crate::text::Text;

/// A value as the API server prints it in a message: numbers bare, strings quoted, maps and
/// lists as JSON.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Shown {
    /// A number.
    Int(i64),
    /// A string, printed quoted.
    Str(String),
    /// A map or list, already written as JSON.
    Json(String),
}

impl Shown {
    fn write(&self) -> String {
        match self {
            Shown::Int(n) => n.to_string(),
            Shown::Str(s) => quoted(s),
            Shown::Json(j) => j.clone(),
        }
    }
}

/// `s` quoted as Go's `%q` quotes it (the characters that need it escaped).
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A map of strings as JSON (`{"app":"web"}`), as recent API servers print it.
pub(crate) fn json_map<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Shown {
    let body: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{}:{}", quoted(k), quoted(v)))
        .collect();
    Shown::Json(format!("{{{}}}", body.join(",")))
}

/// Why the API server refuses a field (`field.ErrorType`).
#[derive(Clone, Debug)]
pub(crate) enum Cause {
    /// `Invalid value: <value>: <detail>`.
    Invalid(Shown, Text),
    /// `Required value`, with a detail after a colon when there is one.
    Required(Option<Text>),
    /// `Duplicate value: <value>`.
    Duplicate(Shown),
    /// `Not found: <value>`.
    NotFound(Shown),
    /// `Unsupported value: <value>: supported values: "A", "B"`.
    Unsupported(Shown, &'static [&'static str]),
    /// `Forbidden: <detail>`.
    Forbidden(Text),
}

/// One cause, as it follows the object's header: `spec.ports[0].port: Invalid value: 0: …`.
pub(crate) fn cause(path: &str, cause: &Cause) -> Text {
    let (en, ko) = match cause {
        Cause::Invalid(value, detail) => (
            format!("Invalid value: {}: {}", value.write(), detail.en),
            format!("잘못된 값 {}: {}", value.write(), detail.ko),
        ),
        Cause::Required(None) => ("Required value".to_owned(), "필수 값이 없습니다".to_owned()),
        Cause::Required(Some(detail)) => (
            format!("Required value: {}", detail.en),
            format!("필수 값이 없습니다: {}", detail.ko),
        ),
        Cause::Duplicate(value) => (
            format!("Duplicate value: {}", value.write()),
            format!("중복된 값: {}", value.write()),
        ),
        Cause::NotFound(value) => (
            format!("Not found: {}", value.write()),
            format!("찾을 수 없음: {}", value.write()),
        ),
        Cause::Unsupported(value, supported) => {
            let list = supported
                .iter()
                .map(|s| quoted(s))
                .collect::<Vec<_>>()
                .join(", ");
            (
                format!(
                    "Unsupported value: {}: supported values: {list}",
                    value.write()
                ),
                format!("지원하지 않는 값 {}: 지원하는 값: {list}", value.write()),
            )
        }
        Cause::Forbidden(detail) => (
            format!("Forbidden: {}", detail.en),
            format!("금지됨: {}", detail.ko),
        ),
    };
    Text::new(format!("{path}: {en}"), format!("{path}: {ko}"))
}

/// kubectl's line for a rejected object: `The <Kind> "<name>" is invalid: <cause>`.
pub(crate) fn invalid(kind: &str, name: &str, cause: &Text) -> Text {
    Text::new(
        format!("The {kind} {} is invalid: {}", quoted(name), cause.en),
        format!(
            "API 서버가 {kind} {}을(를) 거부합니다: {}",
            quoted(name),
            cause.ko
        ),
    )
}

/// The tray's summary of a rejected object: its first error, and how many more there are.
pub(crate) fn with_more(first: &Text, more: usize) -> Text {
    if more == 0 {
        return first.clone();
    }
    Text::new(
        format!("{} (and {more} more)", first.en),
        format!("{} (외 {more}건)", first.ko),
    )
}

/// kubectl's line for a field strict decoding does not know.
pub(crate) fn unknown_field(kind: &str, version: &str, path: &str) -> Text {
    let version = version.rsplit('/').next().unwrap_or(version);
    Text::new(
        format!(
            "{kind} in version {} cannot be handled as a {kind}: strict decoding error: unknown field {}",
            quoted(version),
            quoted(path)
        ),
        format!(
            "API 서버가 {kind}을(를) 읽지 못합니다: 알 수 없는 필드 {} (엄격한 필드 검증)",
            quoted(path)
        ),
    )
}

/// Frequent details, in the API server's words.
pub(crate) mod detail {
    use crate::text::Text;

    /// `validation.InclusiveRangeError(1, 65535)`.
    pub fn port_range() -> Text {
        Text::new(
            "must be between 1 and 65535, inclusive",
            "1 이상 65535 이하여야 합니다",
        )
    }

    /// The node port allocator's range error (rule 1.7).
    pub fn node_port_range() -> Text {
        Text::new(
            "provided port is not in the valid range. The range of valid ports is 30000-32767",
            "허용 범위 밖의 포트입니다. 허용 범위는 30000-32767입니다",
        )
    }

    /// `validation.IsDNS1035Label` (Service names).
    pub fn dns1035_label() -> Text {
        Text::new(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "DNS-1035 레이블은 소문자 영숫자와 '-'만 쓰고, 영문자로 시작하고 영숫자로 끝나야 합니다 (예: 'my-name', 'abc-123'; 정규식 '[a-z]([-a-z0-9]*[a-z0-9])?')",
        )
    }

    /// `validation.IsDNS1123Label` (container and port names).
    pub fn dns1123_label() -> Text {
        Text::new(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "소문자 RFC 1123 레이블은 소문자 영숫자와 '-'만 쓰고, 영숫자로 시작하고 끝나야 합니다 (예: 'my-name', '123-abc'; 정규식 '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        )
    }

    /// `validation.IsDNS1123Subdomain` (most object names).
    pub fn dns1123_subdomain() -> Text {
        Text::new(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "소문자 RFC 1123 서브도메인은 소문자 영숫자, '-', '.'만 쓰고, 영숫자로 시작하고 끝나야 합니다 (예: 'example.com'; 정규식 '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        )
    }

    /// A name longer than a label may be.
    pub fn at_most_63() -> Text {
        Text::new(
            "must be no more than 63 characters",
            "63자를 넘을 수 없습니다",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_9_5_kubectl_prints_the_kind_the_name_the_path_the_type_and_the_value() {
        let c = cause(
            "spec.ports[0].port",
            &Cause::Invalid(Shown::Int(0), detail::port_range()),
        );
        assert_eq!(
            invalid("Service", "web", &c).en,
            "The Service \"web\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"
        );
        let ko = invalid("Service", "web", &c).ko;
        assert!(ko.contains("spec.ports[0].port"), "{ko}");
        assert_eq!(
            cause("spec.ports[1].name", &Cause::Required(None)).en,
            "spec.ports[1].name: Required value"
        );
        assert_eq!(
            cause(
                "spec.ports[1].name",
                &Cause::Duplicate(Shown::Str("http".into()))
            )
            .en,
            "spec.ports[1].name: Duplicate value: \"http\""
        );
        assert_eq!(
            cause(
                "spec.template.spec.restartPolicy",
                &Cause::Unsupported(Shown::Str("Never".into()), &["Always"])
            )
            .en,
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
        );
        assert_eq!(
            json_map([("app", "web"), ("tier", "a\"b")]),
            Shown::Json("{\"app\":\"web\",\"tier\":\"a\\\"b\"}".into())
        );
    }

    #[test]
    fn rule_9_7_strict_decoding_names_the_unknown_field() {
        assert_eq!(
            unknown_field("Deployment", "apps/v1", "spec.replicass").en,
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replicass\""
        );
    }
}
