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

/// Why `s` is not an IANA service name (a container port's name), in
/// `validation.IsValidPortName`'s words; `None` when it is one.
pub(crate) fn port_name_error(s: &str) -> Option<crate::text::Text> {
    use crate::text::Text;
    let (en, ko) = if s.len() > 15 {
        (
            "must be no more than 15 characters",
            "15자를 넘을 수 없습니다",
        )
    } else if !s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        (
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "영숫자(a-z, 0-9)와 하이픈(-)만 쓸 수 있습니다",
        )
    } else if !s.bytes().any(|b| b.is_ascii_lowercase()) {
        (
            "must contain at least one letter (a-z)",
            "영문자(a-z)가 하나 이상 있어야 합니다",
        )
    } else if s.contains("--") {
        (
            "must not contain consecutive hyphens",
            "하이픈을 연달아 쓸 수 없습니다",
        )
    } else if s.starts_with('-') || s.ends_with('-') {
        (
            "must not begin or end with a hyphen",
            "하이픈으로 시작하거나 끝날 수 없습니다",
        )
    } else {
        return None;
    };
    Some(Text::new(en, ko))
}

/// The API server's name rule for a kind (rule 9.6): whether `name` passes it, and its detail.
pub(crate) fn name_error(kind: &str, name: &str) -> Option<crate::text::Text> {
    use super::api_error::detail;
    let label = |valid: fn(&str) -> bool, rule: fn() -> crate::text::Text| {
        if name.len() > 63 {
            Some(detail::at_most_63())
        } else {
            (!valid(name)).then(rule)
        }
    };
    match kind {
        "Service" => label(is_dns1035_label, detail::dns1035_label),
        "Namespace" => label(is_dns1123_label, detail::dns1123_label),
        _ => (!is_dns1123_subdomain(name)).then(detail::dns1123_subdomain),
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
