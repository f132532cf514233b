//! A small owned YAML tree. Mappings keep their order and use string keys, which is all
//! Kubernetes objects need; building it is cheaper than a hashed map.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A parsed YAML or JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string, including every scalar YAML 1.2 does not read as another type.
    Str(String),
    /// A sequence.
    Seq(Vec<Value>),
    /// A mapping; non-string keys are written as strings.
    Map(Vec<Entry>),
}

/// One key of a mapping, with where the key was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Byte offset of the key in the document's text, when the parser could tell.
    pub offset: Option<u32>,
    /// The value.
    pub value: Value,
}

impl Value {
    /// The value under `key`, when this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    /// The entry under `key`, when this is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match self {
            Value::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// Where this node starts, as far as the parser told: a mapping's first key, or the
    /// start of a sequence's first item.
    pub fn offset(&self) -> Option<u32> {
        match self {
            Value::Map(entries) => entries.first().and_then(|e| e.offset),
            Value::Seq(items) => items.first().and_then(Value::offset),
            _ => None,
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The name of this value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// True for `null` and for empty lists and mappings.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Seq(items) => items.is_empty(),
            Value::Map(entries) => entries.is_empty(),
            _ => false,
        }
    }
}

/// Why a document could not be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Not valid YAML.
    Syntax,
    /// Nested deeper than the parser allows.
    TooDeep,
    /// Aliases expand to more nodes than the parser allows.
    AliasExpansion,
    /// A mapping repeats a key (the document still loads; the last value wins).
    DuplicateKey,
}

/// A problem found while parsing one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// A readable message without positions of its own.
    pub message: String,
    /// Byte offset in the document's text, when known.
    pub offset: Option<usize>,
}

const DUPLICATE_KEY: &str = "duplicate key ";

/// Parses one document whose text starts after `lines_before` lines of the whole input.
/// Returns the value when there is one, and every problem found.
pub fn parse_document(text: &str, lines_before: usize) -> (Option<Value>, Vec<ParseError>) {
    match parse(text, true, lines_before) {
        Ok(value) => (Some(value), Vec::new()),
        Err(error) if error.kind == ParseErrorKind::DuplicateKey => {
            (parse(text, false, lines_before).ok(), vec![error])
        }
        Err(error) => (None, vec![error]),
    }
}

fn parse(text: &str, strict: bool, lines_before: usize) -> Result<Value, ParseError> {
    let input = Input {
        start: text.as_ptr() as usize,
        len: text.len(),
        strict,
    };
    ValueSeed { input }
        .deserialize(serde_norway::Deserializer::from_str(text))
        .map_err(|e| convert_error(&e, text, lines_before))
}

fn convert_error(error: &serde_norway::Error, text: &str, lines_before: usize) -> ParseError {
    let raw = error.to_string();
    let offset = error.location().map(|l| l.index().min(text.len()));
    let (kind, message) = if let Some(key) = raw.strip_prefix(DUPLICATE_KEY) {
        let key = key.split(" at line ").next().unwrap_or(key);
        (
            ParseErrorKind::DuplicateKey,
            format!("the key {key} appears twice in one mapping"),
        )
    } else if raw.starts_with("recursion limit exceeded") {
        (
            ParseErrorKind::TooDeep,
            "nesting is deeper than 128 levels".to_owned(),
        )
    } else if raw.starts_with("repetition limit exceeded") {
        (
            ParseErrorKind::AliasExpansion,
            "aliases expand to far more nodes than the document holds (an alias bomb)".to_owned(),
        )
    } else if let Some(opened) = unclosed_flow(&raw, text) {
        // An unclosed `[` or `{` is found only where the parser gives up; the bracket itself
        // is where the fix goes.
        let closer = if raw.contains("flow sequence") {
            ']'
        } else {
            '}'
        };
        let found = offset.map_or(String::new(), |o| {
            format!(
                " (the parser gave up at line {})",
                text[..o].matches('\n').count() + 1 + lines_before
            )
        });
        return ParseError {
            kind: ParseErrorKind::Syntax,
            message: format!(
                "this `{}` is never closed with `{closer}`{found}",
                &text[opened..opened + 1]
            ),
            offset: Some(opened),
        };
    } else {
        (
            ParseErrorKind::Syntax,
            relocate_lines(&strip_own_position(&raw), lines_before),
        )
    };
    ParseError {
        kind,
        message,
        offset,
    }
}

/// For "did not find expected ',' or ']', while parsing a flow sequence at line L column C",
/// the byte offset of the opening bracket at L:C (document-relative).
fn unclosed_flow(raw: &str, text: &str) -> Option<usize> {
    if !raw.starts_with("did not find expected ',' or") {
        return None;
    }
    let context = raw.split("while parsing a flow ").nth(1)?;
    let rest = context.split(" at line ").nth(1)?;
    let (line, column) = rest.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = column.trim().parse().ok()?;
    let line_start = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let offset = text[line_start..]
        .char_indices()
        .nth(column - 1)
        .map(|(i, _)| line_start + i)?;
    matches!(text.as_bytes().get(offset), Some(b'[' | b'{')).then_some(offset)
}

/// Drops the " at line L column C" that repeats the error's own position; positions of context
/// ("while parsing a block mapping at line ...") are rewritten by the caller.
fn strip_own_position(raw: &str) -> String {
    let Some(at) = raw.find(" at line ") else {
        return raw.to_owned();
    };
    let after = &raw[at + " at line ".len()..];
    let end = after
        .find(", ")
        .map_or(raw.len(), |p| at + " at line ".len() + p);
    format!("{}{}", &raw[..at], &raw[end..])
}

/// Rewrites "line N" in libyaml's context ("while parsing a flow sequence at line 2 column 4")
/// from document-relative to input-relative numbers.
fn relocate_lines(message: &str, lines_before: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        let (head, tail) = rest.split_at(at + "line ".len());
        out.push_str(head);
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        match tail[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + lines_before).to_string()),
            Err(_) => out.push_str(&tail[..digits]),
        }
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

/// The text being parsed: borrowed strings that point into it tell where they were written.
#[derive(Clone, Copy)]
struct Input {
    start: usize,
    len: usize,
    strict: bool,
}

impl Input {
    fn offset_of(self, s: &str) -> Option<u32> {
        let at = (s.as_ptr() as usize).checked_sub(self.start)?;
        (at <= self.len).then(|| u32::try_from(at).ok()).flatten()
    }
}

#[derive(Clone, Copy)]
struct ValueSeed {
    input: Input,
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor { input: self.input })
    }
}

#[derive(Clone, Copy)]
struct ValueVisitor {
    input: Input,
}

/// A mapping key and where it was written.
struct KeySeed {
    input: Input,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = (String, Option<u32>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = (String, Option<u32>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok((v.to_owned(), self.input.offset_of(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok((v.to_owned(), None))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok((v.to_string(), None))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok((v.to_string(), None))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok((v.to_string(), None))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok((v.to_string(), None))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(("null".to_owned(), None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(("<complex key>".to_owned(), None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(("<complex key>".to_owned(), None))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let (_tag, variant) = data.variant::<de::IgnoredAny>()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        ValueSeed { input: self.input }.deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.visit_some(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(ValueSeed { input: self.input })? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut merges = Vec::new();
        while let Some((key, offset)) = map.next_key_seed(KeySeed { input: self.input })? {
            let value = map.next_value_seed(ValueSeed { input: self.input })?;
            if key == "<<" {
                merges.push(value);
                continue;
            }
            match entries.iter_mut().find(|e| e.key == key) {
                Some(_) if self.input.strict => {
                    return Err(de::Error::custom(format_args!("{DUPLICATE_KEY}\"{key}\"")));
                }
                Some(slot) => slot.value = value,
                None => entries.push(Entry { key, offset, value }),
            }
        }
        for merged in merges {
            apply_merge(&mut entries, merged);
        }
        Ok(Value::Map(entries))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A custom tag (`!foo value`): keep the value, drop the tag.
        let (_tag, variant) = data.variant::<String>()?;
        de::VariantAccess::newtype_variant_seed(variant, ValueSeed { input: self.input })
    }
}

/// YAML merge keys (`<<: *base`): keys from the merged mappings fill in what is not set.
fn apply_merge(entries: &mut Vec<Entry>, merged: Value) {
    match merged {
        Value::Map(extra) => {
            for entry in extra {
                if !entries.iter().any(|e| e.key == entry.key) {
                    entries.push(entry);
                }
            }
        }
        Value::Seq(maps) => maps.into_iter().for_each(|m| apply_merge(entries, m)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Value {
        let (value, errors) = parse_document(text, 0);
        assert!(errors.is_empty(), "{errors:?}");
        value.unwrap()
    }

    #[test]
    fn scalars_follow_yaml_1_2() {
        let v = parse_ok("a: 1\nb: no\nc: 1.5\nd: ~\ne: true\nf: '80'\ng: 2Gi");
        assert_eq!(v.get("a"), Some(&Value::Int(1)));
        assert_eq!(v.get("b"), Some(&Value::Str("no".into())));
        assert_eq!(v.get("c"), Some(&Value::Float(1.5)));
        assert_eq!(v.get("d"), Some(&Value::Null));
        assert_eq!(v.get("e"), Some(&Value::Bool(true)));
        assert_eq!(v.get("f"), Some(&Value::Str("80".into())));
        assert_eq!(v.get("g"), Some(&Value::Str("2Gi".into())));
    }

    #[test]
    fn json_and_flow_style_with_trailing_commas_parse() {
        let v = parse_ok("{\"kind\": \"Pod\", \"spec\": {\"a\": [1, 2,],},}");
        assert_eq!(v.get("kind").and_then(Value::as_str), Some("Pod"));
    }

    #[test]
    fn merge_keys_fill_in_missing_keys() {
        let v = parse_ok("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n");
        let used = v.get("use").unwrap();
        assert_eq!(used.get("x"), Some(&Value::Int(1)));
        assert_eq!(used.get("y"), Some(&Value::Int(3)));
    }

    #[test]
    fn duplicate_keys_are_reported_and_the_last_value_wins() {
        let (value, errors) = parse_document("a: 1\nb: 2\na: 3\n", 0);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, ParseErrorKind::DuplicateKey);
        assert_eq!(
            errors[0].message,
            "the key \"a\" appears twice in one mapping"
        );
        assert_eq!(value.unwrap().get("a"), Some(&Value::Int(3)));
    }

    #[test]
    fn syntax_errors_carry_an_offset_and_a_clean_message() {
        let (value, errors) = parse_document("x: 0\ny:\n  - b\n  c: 2\n", 10);
        assert!(value.is_none());
        assert_eq!(errors[0].kind, ParseErrorKind::Syntax);
        assert!(errors[0].offset.is_some());
        let message = &errors[0].message;
        assert_eq!(
            message,
            "did not find expected '-' indicator, while parsing a block collection at line 13 column 3"
        );
    }

    #[test]
    fn keys_remember_their_offsets() {
        let text = "a: 1\nspec:\n  \"containers\": []\n  'x y': 2\n";
        let v = parse_ok(text);
        let spec = v.get("spec").unwrap();
        assert_eq!(v.entry("a").unwrap().offset, Some(0));
        let containers = spec.entry("containers").unwrap().offset.unwrap() as usize;
        assert!(text[containers..].starts_with("containers"));
        let quoted = spec.entry("x y").unwrap().offset.unwrap() as usize;
        assert!(text[quoted..].starts_with("x y"));
        assert_eq!(spec.offset(), Some(containers as u32));
    }

    #[test]
    fn unclosed_brackets_point_at_the_bracket() {
        let text = "a: 1\nname: [broken\nspec: {}\n";
        let (_, errors) = parse_document(text, 0);
        let opened = text.find('[').unwrap();
        assert_eq!(errors[0].offset, Some(opened));
        assert_eq!(
            errors[0].message,
            "this `[` is never closed with `]` (the parser gave up at line 3)"
        );
    }

    #[test]
    fn custom_tags_keep_their_value() {
        let v = parse_ok("a: !custom 5\n");
        assert_eq!(v.get("a"), Some(&Value::Int(5)));
    }
}
