//! The API's naming rules for object names and port names.

/// RFC 1123 label: lowercase alphanumerics and `-`, alphanumeric at both ends, at most 63.
pub(crate) fn is_dns1123_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
pub(crate) fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 253 && s.split('.').all(is_dns1123_label)
}

/// RFC 1035 label (Service names): a label that starts with a letter.
pub(crate) fn is_dns1035_label(s: &str) -> bool {
    is_dns1123_label(s) && s.starts_with(|c: char| c.is_ascii_lowercase())
}

/// IANA service name (named ports): at most 15 characters, lowercase alphanumerics and `-`,
/// at least one letter, no `-` at either end and no `--`.
pub(crate) fn is_iana_svc_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 15
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// The rule a kind's names follow, as `(check, description)`.
pub(crate) fn rule_for(kind: &str) -> (fn(&str) -> bool, &'static str, &'static str) {
    match kind {
        "Service" => (
            is_dns1035_label,
            "a DNS-1035 label: lowercase letters, digits and '-', starting with a letter, at most 63 characters",
            "DNS-1035 레이블 (소문자, 숫자, '-', 문자로 시작, 63자 이하)",
        ),
        "Namespace" => (
            is_dns1123_label,
            "a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters",
            "DNS-1123 레이블 (소문자, 숫자, '-', 63자 이하)",
        ),
        _ => (
            is_dns1123_subdomain,
            "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters",
            "DNS-1123 서브도메인 (소문자, 숫자, '-', '.', 253자 이하)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_rules() {
        assert!(is_dns1123_subdomain("pod-volume-1"));
        assert!(is_dns1123_subdomain("a.b-c.d"));
        assert!(!is_dns1123_subdomain("Pod_1"));
        assert!(!is_dns1123_subdomain("-a"));
        assert!(is_dns1035_label("svc-1"));
        assert!(!is_dns1035_label("1svc"));
        assert!(!is_dns1035_label("a.b"));
    }

    #[test]
    fn port_names() {
        assert!(is_iana_svc_name("http-server"));
        assert!(is_iana_svc_name("redis-server"));
        assert!(!is_iana_svc_name("8080"), "needs a letter");
        assert!(!is_iana_svc_name("a--b"));
        assert!(!is_iana_svc_name("sixteen-chars-xx"));
        assert!(!is_iana_svc_name("HTTP"));
    }
}
