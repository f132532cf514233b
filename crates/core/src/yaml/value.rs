//! A small owned YAML tree. Mappings keep their order and use string keys, which is all
//! Kubernetes objects need; building it is cheaper than a hashed map.

use super::korean::syntax_ko;
use crate::text::Text;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

/// A parsed YAML or JSON value. Strings borrow from the document's text wherever the parser
/// allows (no escapes, no folding), which spares most allocations.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'t> {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string, including every scalar YAML 1.2 does not read as another type.
    Str(Cow<'t, str>),
    /// A sequence.
    Seq(Vec<Value<'t>>),
    /// A mapping; non-string keys are written as strings.
    Map(Vec<Entry<'t>>),
}

/// One key of a mapping, with where the key was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'t> {
    /// The key.
    pub key: Cow<'t, str>,
    /// Byte offset of the key in the document's text, when the parser could tell.
    pub offset: Option<u32>,
    /// The value.
    pub value: Value<'t>,
}

impl<'t> Value<'t> {
    /// The value under `key`, when this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Value<'t>> {
        match self {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    /// The entry under `key`, when this is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<&Entry<'t>> {
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
    pub message: Text,
    /// Byte offset in the document's text, when known.
    pub offset: Option<usize>,
}

const DUPLICATE_KEY: &str = "kubeglass: duplicate key ";
const AT_OFFSET: &str = " @";

/// Parses one document whose text starts after `lines_before` lines of the whole input.
/// Returns the value when there is one, and every problem found.
pub fn parse_document(text: &str, lines_before: usize) -> (Option<Value<'_>>, Vec<ParseError>) {
    if let Some(offset) = super::depth::too_deep(text) {
        let error = ParseError {
            kind: ParseErrorKind::TooDeep,
            message: too_deep_message(),
            offset: Some(offset),
        };
        return (None, vec![error]);
    }
    if let Some(refused) = super::directive::check(text, lines_before) {
        // A document behind a directive kubectl's parser refuses is not read; libyaml may
        // still have found a problem earlier in the text.
        let error = match parse(text, true, lines_before) {
            Err(earlier)
                if earlier.kind == ParseErrorKind::Syntax
                    && matches!((earlier.offset, refused.offset), (Some(a), Some(b)) if a < b) =>
            {
                earlier
            }
            _ => refused,
        };
        return (None, vec![error]);
    }
    match parse(text, true, lines_before) {
        Ok(value) => (Some(value), Vec::new()),
        Err(error) if error.kind == ParseErrorKind::DuplicateKey => {
            (parse(text, false, lines_before).ok(), vec![error])
        }
        Err(error) => (None, vec![error]),
    }
}

fn parse(text: &str, strict: bool, lines_before: usize) -> Result<Value<'_>, ParseError> {
    let scratch = Scratch::default();
    ValueSeed {
        input: Input::new(text, strict),
        scratch: &scratch,
    }
    .deserialize(serde_norway::Deserializer::from_str(text))
    .map_err(|e| convert_error(&e, text, lines_before))
}

fn convert_error(error: &serde_norway::Error, text: &str, lines_before: usize) -> ParseError {
    let raw = error.to_string();
    let offset = error.location().map(|l| l.index().min(text.len()));
    let (kind, message) = if let Some((key, at)) = duplicate_key(&raw) {
        return ParseError {
            kind: ParseErrorKind::DuplicateKey,
            message: Text::new(
                format!("the key \"{key}\" appears twice in one mapping"),
                format!("키 \"{key}\"이(가) 한 매핑에 두 번 나옵니다"),
            ),
            offset: at.or(offset),
        };
    } else if raw.starts_with("recursion limit exceeded") {
        (ParseErrorKind::TooDeep, too_deep_message())
    } else if raw.starts_with("repetition limit exceeded") {
        (
            ParseErrorKind::AliasExpansion,
            Text::new(
                "aliases expand to far more nodes than the document holds (an alias bomb)",
                "별칭이 문서에 있는 것보다 훨씬 많은 노드로 펼쳐집니다 (별칭 폭탄)",
            ),
        )
    } else if let Some(opened) = unclosed_flow(&raw, text) {
        // An unclosed `[` or `{` is found only where the parser gives up; the bracket itself
        // is where the fix goes.
        let closer = if raw.contains("flow sequence") {
            ']'
        } else {
            '}'
        };
        let opener = &text[opened..opened + 1];
        let gave_up = offset.map(|o| text[..o].matches('\n').count() + 1 + lines_before);
        let (found_en, found_ko) = gave_up.map_or((String::new(), String::new()), |line| {
            (
                format!(" (the parser gave up at line {line})"),
                format!(" (파서는 {line}번째 줄에서 멈췄습니다)"),
            )
        });
        return ParseError {
            kind: ParseErrorKind::Syntax,
            message: Text::new(
                format!("this `{opener}` is never closed with `{closer}`{found_en}"),
                format!("이 `{opener}`를 닫는 `{closer}`가 없습니다{found_ko}"),
            ),
            offset: Some(opened),
        };
    } else {
        let message = relocate_lines(&strip_own_position(&raw), lines_before);
        let korean = syntax_ko(&message);
        (ParseErrorKind::Syntax, Text::new(message, korean))
    };
    ParseError {
        kind,
        message,
        offset,
    }
}

fn too_deep_message() -> Text {
    Text::new(
        format!("nesting is deeper than {} levels", super::depth::MAX_DEPTH),
        format!("중첩이 {}단계보다 깊습니다", super::depth::MAX_DEPTH),
    )
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

/// Our own duplicate-key error, which serde_norway may prefix with a path: the key and the
/// offset of its second occurrence.
fn duplicate_key(raw: &str) -> Option<(&str, Option<usize>)> {
    let rest = &raw[raw.find(DUPLICATE_KEY)? + DUPLICATE_KEY.len()..];
    let rest = rest.split(" at line ").next().unwrap_or(rest);
    let (key, at) = rest.rsplit_once(AT_OFFSET)?;
    Some((key, at.parse().ok()))
}

/// Drops the " at line L column C" (or " at position P") that repeats the error's own
/// position; positions of context ("while parsing a block mapping at line ...") are rewritten
/// by the caller.
fn strip_own_position(raw: &str) -> String {
    let problem_end = raw.find(", while ").unwrap_or(raw.len());
    let Some(at) = [" at line ", " at position "]
        .iter()
        .filter_map(|marker| raw[..problem_end].find(marker))
        .min()
    else {
        return raw.to_owned();
    };
    format!("{}{}", &raw[..at], &raw[problem_end..])
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
pub(super) struct Input {
    start: usize,
    len: usize,
    strict: bool,
}

impl Input {
    /// Where `text` is, so keys borrowed from it know their offsets.
    pub(super) fn new(text: &str, strict: bool) -> Self {
        Input {
            start: text.as_ptr() as usize,
            len: text.len(),
            strict,
        }
    }

    fn offset_of(self, s: &str) -> Option<u32> {
        let at = (s.as_ptr() as usize).checked_sub(self.start)?;
        (at <= self.len).then(|| u32::try_from(at).ok()).flatten()
    }
}

/// Stacks shared by the whole parse: a mapping's entries (a sequence's items) gather on top
/// of the stack while it is open and move into one exactly-sized vector when it closes,
/// instead of each growing its own vector step by step. Nested collections close first, so
/// the stack discipline holds.
#[derive(Default)]
struct Scratch<'t> {
    entries: RefCell<Vec<Entry<'t>>>,
    items: RefCell<Vec<Value<'t>>>,
}

#[derive(Clone, Copy)]
struct ValueSeed<'s, 't> {
    input: Input,
    scratch: &'s Scratch<'t>,
}

impl<'t> DeserializeSeed<'t> for ValueSeed<'_, 't> {
    type Value = Value<'t>;

    fn deserialize<D: Deserializer<'t>>(self, deserializer: D) -> Result<Value<'t>, D::Error> {
        deserializer.deserialize_any(ValueVisitor {
            input: self.input,
            scratch: self.scratch,
        })
    }
}

#[derive(Clone, Copy)]
struct ValueVisitor<'s, 't> {
    input: Input,
    scratch: &'s Scratch<'t>,
}

impl<'s, 't> ValueVisitor<'s, 't> {
    fn seed(self) -> ValueSeed<'s, 't> {
        ValueSeed {
            input: self.input,
            scratch: self.scratch,
        }
    }
}

/// A mapping key and where it was written.
pub(super) struct KeySeed {
    pub(super) input: Input,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = (Cow<'de, str>, Option<u32>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = (Cow<'de, str>, Option<u32>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok((Cow::Borrowed(v), self.input.offset_of(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok((Cow::Owned(v.to_owned()), None))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok((Cow::Owned(v.to_string()), None))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok((Cow::Owned(v.to_string()), None))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok((Cow::Owned(v.to_string()), None))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok((Cow::Owned(v.to_string()), None))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok((Cow::Borrowed("null"), None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok((Cow::Borrowed("<complex key>"), None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok((Cow::Borrowed("<complex key>"), None))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let (_tag, variant) = data.variant::<de::IgnoredAny>()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

impl<'de> Visitor<'de> for ValueVisitor<'_, 'de> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
        Ok(Value::Float(v))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        self.seed().deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        self.visit_some(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let start = self.scratch.items.borrow().len();
        while let Some(item) = seq.next_element_seed(self.seed())? {
            self.scratch.items.borrow_mut().push(item);
        }
        let items = self.scratch.items.borrow_mut().drain(start..).collect();
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let start = self.scratch.entries.borrow().len();
        let mut merges = Vec::new();
        while let Some((key, offset)) = map.next_key_seed(KeySeed { input: self.input })? {
            let value = map.next_value_seed(self.seed())?;
            if key == "<<" {
                merges.push(value);
                continue;
            }
            let mut stack = self.scratch.entries.borrow_mut();
            match stack[start..].iter_mut().find(|e| e.key == key) {
                Some(_) if self.input.strict => {
                    let at = offset.map_or(String::new(), |o| o.to_string());
                    return Err(de::Error::custom(format_args!(
                        "{DUPLICATE_KEY}{key}{AT_OFFSET}{at}"
                    )));
                }
                Some(slot) => slot.value = value,
                None => stack.push(Entry { key, offset, value }),
            }
        }
        let mut entries: Vec<Entry<'de>> =
            self.scratch.entries.borrow_mut().drain(start..).collect();
        for merged in merges {
            apply_merge(&mut entries, merged);
        }
        Ok(Value::Map(entries))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Value<'de>, A::Error> {
        // A custom tag (`!foo value`): keep the value, drop the tag.
        let (_tag, variant) = data.variant::<String>()?;
        de::VariantAccess::newtype_variant_seed(variant, self.seed())
    }
}

/// YAML merge keys (`<<: *base`): keys from the merged mappings fill in what is not set.
fn apply_merge<'t>(entries: &mut Vec<Entry<'t>>, merged: Value<'t>) {
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

    fn parse_ok(text: &str) -> Value<'_> {
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
        assert_eq!(errors[0].offset, Some(10), "at the second `a`");
        assert_eq!(
            errors[0].message.en,
            "the key \"a\" appears twice in one mapping"
        );
        assert_eq!(
            errors[0].message.ko,
            "키 \"a\"이(가) 한 매핑에 두 번 나옵니다"
        );
        assert_eq!(value.unwrap().get("a"), Some(&Value::Int(3)));
    }

    #[test]
    fn syntax_errors_carry_an_offset_and_a_clean_message() {
        let (value, errors) = parse_document("x: 0\ny:\n  - b\n  c: 2\n", 10);
        assert!(value.is_none());
        assert_eq!(errors[0].kind, ParseErrorKind::Syntax);
        assert!(errors[0].offset.is_some());
        let message = &errors[0].message.en;
        assert_eq!(
            message,
            "did not find expected '-' indicator, while parsing a block collection at line 13 column 3"
        );
        assert!(errors[0]
            .message
            .ko
            .starts_with("13번째 줄 3열부터 블록 목록을 읽던 중, "));
    }

    #[test]
    fn a_malformed_tag_directive_before_a_refused_version_is_reported_first() {
        // go-yaml takes directives in order: the `%TAG` libyaml refuses comes first.
        let (value, errors) = parse_document("%TAG !x\n%YAML 1.2\n---\na: 1\n", 0);
        assert!(value.is_none());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.en.contains("tag directive"),
            "{}",
            errors[0].message.en
        );
        assert!(
            !errors[0]
                .message
                .ko
                .starts_with(super::super::UNTRANSLATED_SYNTAX),
            "{}",
            errors[0].message.ko
        );
        let (_, errors) = parse_document("%YAML 1.2\n%TAG !x\n---\na: 1\n", 0);
        assert!(errors[0]
            .message
            .en
            .starts_with("found incompatible YAML document"));
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
            errors[0].message.en,
            "this `[` is never closed with `]` (the parser gave up at line 3)"
        );
        assert_eq!(
            errors[0].message.ko,
            "이 `[`를 닫는 `]`가 없습니다 (파서는 3번째 줄에서 멈췄습니다)"
        );
    }

    #[test]
    fn custom_tags_keep_their_value() {
        let v = parse_ok("a: !custom 5\n");
        assert_eq!(v.get("a"), Some(&Value::Int(5)));
    }
}
