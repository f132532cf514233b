//! Reading typed fields out of a YAML tree, recording every problem with the path it was
//! found at. Paths are a chain of borrowed links, so reading allocates nothing until a
//! problem is actually recorded.

use crate::diagnostic::{Code, Severity};
use crate::model::Labels;
use crate::text::Text;
use crate::yaml::{Seg, Value};
use std::cell::RefCell;

/// A problem found while reading, not yet placed in the text.
#[derive(Clone, Debug)]
pub(crate) struct Issue {
    pub path: Vec<Seg>,
    pub severity: Severity,
    pub code: Code,
    pub message: Text,
    pub hint: Option<Text>,
    /// The fix kubeglass can offer, made once the issue is placed in the text.
    pub fix: Option<super::fixes::Plan>,
}

/// Where issues are collected while one document is read.
#[derive(Default)]
pub(crate) struct Issues(RefCell<Vec<Issue>>);

impl Issues {
    pub fn take(self) -> Vec<Issue> {
        self.0.into_inner()
    }
}

#[derive(Clone, Copy)]
enum Link<'a> {
    Root,
    Key(&'a Field<'a>, &'a str),
    Index(&'a Field<'a>, usize),
}

/// A field of a document: maybe absent, always with its path.
#[derive(Clone, Copy)]
pub(crate) struct Field<'a> {
    value: Option<&'a Value<'a>>,
    link: Link<'a>,
    issues: &'a Issues,
}

impl<'a> Field<'a> {
    /// The root of a document (or of a List item, which `at` places under its list).
    pub fn root(value: &'a Value<'a>, issues: &'a Issues) -> Self {
        Field {
            value: Some(value),
            link: Link::Root,
            issues,
        }
    }

    /// The field under `key` (absent when this is not a mapping or lacks the key).
    pub fn get<'b>(&'b self, key: &'b str) -> Field<'b> {
        Field {
            value: self.value.and_then(|v| v.get(key)),
            link: Link::Key(self, key),
            issues: self.issues,
        }
    }

    /// The `i`-th item of this list (absent when there is none).
    pub fn at<'b>(&'b self, i: usize) -> Field<'b> {
        Field {
            value: match self.value {
                Some(Value::Seq(items)) => items.get(i),
                _ => None,
            },
            link: Link::Index(self, i),
            issues: self.issues,
        }
    }

    /// The raw value, when present.
    pub fn value(&self) -> Option<&'a Value<'a>> {
        self.value
    }

    /// True when the field is written with a non-null value.
    pub fn is_set(&self) -> bool {
        !matches!(self.value, None | Some(Value::Null))
    }

    /// True when the field is written (even as `null`).
    pub fn is_written(&self) -> bool {
        self.value.is_some()
    }

    /// The path from the document root, as segments.
    pub fn path(&self) -> Vec<Seg> {
        let mut segs = Vec::new();
        let mut link = self.link;
        loop {
            match link {
                Link::Root => break,
                Link::Key(parent, key) => {
                    segs.push(Seg::Key(key.to_owned()));
                    link = parent.link;
                }
                Link::Index(parent, i) => {
                    segs.push(Seg::Index(i));
                    link = parent.link;
                }
            }
        }
        segs.reverse();
        segs
    }

    /// The path written the way people read it: `spec.containers[0].ports`.
    pub fn dotted(&self) -> String {
        let mut out = String::new();
        for seg in self.path() {
            match seg {
                Seg::Key(k) | Seg::KeyName(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// Records a problem at this field.
    pub fn report(&self, severity: Severity, code: Code, message: Text, hint: Option<Text>) {
        self.issues.0.borrow_mut().push(Issue {
            path: self.path(),
            severity,
            code,
            message,
            hint,
            fix: None,
        });
    }

    /// Attaches a fix to the last issue reported at this field.
    pub fn offer(&self, plan: super::fixes::Plan) {
        if let Some(last) = self.issues.0.borrow_mut().last_mut() {
            last.fix = Some(plan);
        }
    }

    /// Records what the API server rejects at this field, in its words (rule 9.5): the
    /// object is then not created.
    pub fn reject(&self, cause: super::api_error::Cause) {
        self.reject_with(cause, None);
    }

    /// [`Field::reject`], with kubeglass's own hint on how to fix it.
    pub fn reject_with(&self, cause: super::api_error::Cause, hint: Option<Text>) {
        let message = super::api_error::cause(&self.dotted(), &cause);
        self.report(Severity::Error, Code::Rejected, message, hint);
    }

    /// Records an error at this field.
    pub fn error(&self, code: Code, message: Text) {
        self.report(Severity::Error, code, message, None);
    }

    /// Records a warning at this field.
    pub fn warn(&self, code: Code, message: Text) {
        self.report(Severity::Warning, code, message, None);
    }

    fn wrong_type(&self, expected_en: &str, expected_ko: &str) {
        let found = self.value.map_or("nothing", Value::type_name);
        let path = self.dotted();
        self.report(
            Severity::Error,
            Code::WrongType,
            Text::new(
                format!("{path} must be {expected_en}, not {found}"),
                format!(
                    "{path}은(는) {expected_ko}이어야 합니다 (지금은 {})",
                    type_name_ko(found)
                ),
            ),
            None,
        );
    }

    /// A string field. Numbers and booleans are reported and read as text.
    pub fn str(&self) -> Option<String> {
        match self.value? {
            Value::Null => None,
            Value::Str(s) => Some(s.to_string()),
            other => {
                self.wrong_type("a string", "문자열");
                scalar_text(other)
            }
        }
    }

    /// A string field, empty when absent.
    pub fn string(&self) -> String {
        self.str().unwrap_or_default()
    }

    /// An integer field. Quoted numbers are reported and read.
    pub fn int(&self) -> Option<i64> {
        match self.value? {
            Value::Null => None,
            Value::Int(n) => Some(*n),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
                self.wrong_type("an integer", "정수");
                Some(*f as i64)
            }
            Value::Str(s) => {
                self.wrong_type("an integer", "정수");
                s.trim().parse().ok()
            }
            _ => {
                self.wrong_type("an integer", "정수");
                None
            }
        }
    }

    /// A boolean field. YAML 1.1 spellings (`yes`, `no`, `on`, `off`) are read as Kubernetes'
    /// YAML 1.1 decoder reads them, with a warning.
    pub fn bool(&self) -> Option<bool> {
        match self.value? {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            Value::Str(s) => match yaml11_bool(s.as_ref()) {
                Some(b) => {
                    let path = self.dotted();
                    self.report(
                        Severity::Warning,
                        Code::Yaml11Boolean,
                        Text::new(
                            format!("{path}: `{s}` is read as {b} (a YAML 1.1 boolean)"),
                            format!("{path}: `{s}`은(는) {b}로 읽힙니다 (YAML 1.1 불리언)"),
                        ),
                        Some(Text::new(
                            format!("write `{b}`: YAML 1.2 tools read `{s}` as a string"),
                            format!("`{b}`로 쓰세요: YAML 1.2 도구는 `{s}`를 문자열로 읽습니다"),
                        )),
                    );
                    Some(b)
                }
                None => {
                    self.wrong_type("true or false", "true 또는 false");
                    None
                }
            },
            _ => {
                self.wrong_type("true or false", "true 또는 false");
                None
            }
        }
    }

    /// Reads each item of a list field. An absent field is an empty list; a written but empty
    /// one (`ports:`) is too, with a warning, as Kubernetes treats `null` as absent.
    pub fn items<T>(&self, mut read: impl FnMut(&Field<'_>) -> T) -> Vec<T> {
        match self.value {
            None => Vec::new(),
            Some(Value::Null) => {
                let path = self.dotted();
                self.report(
                    Severity::Warning,
                    Code::EmptyField,
                    Text::new(
                        format!("{path} is written but empty; Kubernetes treats it as absent"),
                        format!("{path}이(가) 비어 있습니다. 쿠버네티스는 없는 것으로 취급합니다"),
                    ),
                    Some(Text::new(
                        "remove the line, or list at least one item under it",
                        "이 줄을 지우거나 항목을 하나 이상 적으세요",
                    )),
                );
                Vec::new()
            }
            Some(Value::Seq(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    read(&Field {
                        value: Some(item),
                        link: Link::Index(self, i),
                        issues: self.issues,
                    })
                })
                .collect(),
            Some(_) => {
                self.wrong_type("a list", "목록");
                Vec::new()
            }
        }
    }

    /// A list of strings.
    pub fn strings(&self) -> Vec<String> {
        self.items(|f| f.str()).into_iter().flatten().collect()
    }

    /// Reads each entry of a mapping field as `(key, field)`.
    pub fn entries<T>(&self, mut read: impl FnMut(&str, &Field<'_>) -> T) -> Vec<T> {
        match self.value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Map(entries)) => entries
                .iter()
                .map(|e| {
                    let field = Field {
                        value: Some(&e.value),
                        link: Link::Key(self, &e.key),
                        issues: self.issues,
                    };
                    read(&e.key, &field)
                })
                .collect(),
            Some(_) => {
                self.wrong_type("a mapping", "매핑");
                Vec::new()
            }
        }
    }

    /// A string-to-string map (labels, selectors). Non-string values are reported, as the API
    /// rejects them, and read as text.
    pub fn string_map(&self) -> Labels {
        self.entries(|key, field| field.str().map(|v| (key.to_owned(), v)))
            .into_iter()
            .flatten()
            .collect()
    }

    /// The keys of a mapping field.
    pub fn keys(&self) -> Vec<String> {
        self.entries(|key, _| key.to_owned())
    }

    /// Visits each entry of a mapping, or each item of a list, reporting nothing: for checks
    /// that look at the tree as it is written.
    pub fn visit(&self, mut visit: impl FnMut(Option<&str>, &Field<'_>)) {
        match self.value {
            Some(Value::Map(entries)) => {
                for e in entries.iter() {
                    visit(
                        Some(&e.key),
                        &Field {
                            value: Some(&e.value),
                            link: Link::Key(self, &e.key),
                            issues: self.issues,
                        },
                    );
                }
            }
            Some(Value::Seq(items)) => {
                for (i, item) in items.iter().enumerate() {
                    visit(
                        None,
                        &Field {
                            value: Some(item),
                            link: Link::Index(self, i),
                            issues: self.issues,
                        },
                    );
                }
            }
            _ => {}
        }
    }

    /// True when this field is a mapping (absent counts as not).
    pub fn is_map(&self) -> bool {
        matches!(self.value, Some(Value::Map(_)))
    }

    /// Reports the field when present but not a mapping; true when it is usable as one.
    pub fn expect_map(&self) -> bool {
        match self.value {
            None | Some(Value::Null) | Some(Value::Map(_)) => true,
            Some(_) => {
                self.wrong_type("a mapping", "매핑");
                false
            }
        }
    }
}

/// `yes`/`no`/`on`/`off`/`y`/`n` in their YAML 1.1 spellings (true/false are already booleans).
fn yaml11_bool(s: &str) -> Option<bool> {
    match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

fn scalar_text(value: &Value<'_>) -> Option<String> {
    match value {
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(n) => Some(n.to_string()),
        Value::Float(f) => Some(f.to_string()),
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The Korean for a type name from `Value::type_name`.
pub(crate) fn type_name_ko(name: &str) -> &'static str {
    match name {
        "null" => "null",
        "a boolean" => "불리언",
        "a number" => "숫자",
        "a string" => "문자열",
        "a list" => "목록",
        "a mapping" => "매핑",
        _ => "없음",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse_document;

    fn with_root<T>(text: &str, read: impl FnOnce(&Field<'_>) -> T) -> (T, Vec<Issue>) {
        let value = parse_document(text, 0).0.unwrap();
        let issues = Issues::default();
        let out = read(&Field::root(&value, &issues));
        (out, issues.take())
    }

    #[test]
    fn wrong_types_are_reported_with_their_path() {
        let (replicas, issues) = with_root("spec:\n  replicas: \"3\"\n", |root| {
            root.get("spec").get("replicas").int()
        });
        assert_eq!(replicas, Some(3));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, Code::WrongType);
        assert_eq!(
            issues[0].message.en,
            "spec.replicas must be an integer, not a string"
        );
        assert_eq!(
            issues[0].path,
            vec![Seg::Key("spec".into()), Seg::Key("replicas".into())]
        );
    }

    #[test]
    fn empty_lists_warn_and_read_as_empty() {
        let (ports, issues) = with_root("ports:\n", |root| root.get("ports").items(|f| f.int()));
        assert!(ports.is_empty());
        assert_eq!(issues[0].code, Code::EmptyField);
        assert_eq!(issues[0].severity, Severity::Warning);
    }

    #[test]
    fn yaml11_booleans_read_like_kubernetes_with_a_warning() {
        let (value, issues) = with_root("readOnly: no\n", |root| root.get("readOnly").bool());
        assert_eq!(value, Some(false));
        assert_eq!(issues[0].code, Code::Yaml11Boolean);
    }

    #[test]
    fn list_items_carry_their_index() {
        let (_, issues) = with_root("a:\n- 1\n- x\n", |root| root.get("a").items(|f| f.int()));
        assert_eq!(issues[0].path, vec![Seg::Key("a".into()), Seg::Index(1)]);
        assert!(issues[0].message.en.starts_with("a[1] must be an integer"));
    }
}
