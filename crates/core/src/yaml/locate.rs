//! Finding where a path (`spec.containers[0].volumeMounts[1].name`) sits in a document's text.
//!
//! The YAML tree keeps no positions, so we parse the document again with a seed that walks
//! the path and fails on purpose at the target: serde_norway stamps an error raised inside a
//! node with that node's position. This costs one parse per located problem, and problems
//! are rare, so the common path (a clean document) stays as fast as plain parsing.

use super::value::{Input, KeySeed};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// One step of a path into a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    /// The value under a mapping key.
    Key(String),
    /// The key itself (to point at a key rather than its value).
    KeyName(String),
    /// An item of a sequence.
    Index(usize),
}

const FOUND: &str = "kubeglass: located";

/// The byte offset in `text` of the node at `path`, or of its deepest existing ancestor.
pub fn locate(text: &str, path: &[Seg]) -> usize {
    let locate = Locate {
        path,
        input: Input::new(text, false),
    };
    let result = locate.deserialize(serde_norway::Deserializer::from_str(text));
    match result {
        Err(error) => error.location().map_or(0, |l| l.index()).min(text.len()),
        Ok(()) => 0,
    }
}

struct Locate<'p> {
    path: &'p [Seg],
    input: Input,
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let (_tag, variant): (IgnoredAny, _) = data.variant()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(Seg::Index(target)) = self.path.first() {
            let mut i = 0;
            loop {
                if i == *target {
                    if seq
                        .next_element_seed(Locate {
                            path: &self.path[1..],
                            input: self.input,
                        })?
                        .is_none()
                    {
                        break;
                    }
                } else if seq.next_element::<IgnoredAny>()?.is_none() {
                    break;
                }
                i += 1;
            }
        }
        Err(de::Error::custom(FOUND))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (target, rest, key_itself) = match self.path.first() {
            Some(Seg::Key(k)) => (Some(k.as_str()), &self.path[1..], false),
            Some(Seg::KeyName(k)) => (Some(k.as_str()), &self.path[1..], true),
            _ => (None, self.path, false),
        };
        while let Some(matched) = map.next_key_seed(MatchKey {
            key: KeySeed { input: self.input },
            target,
            fail_on_match: key_itself,
        })? {
            if matched {
                map.next_value_seed(Locate {
                    path: rest,
                    input: self.input,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Err(de::Error::custom(FOUND))
    }
}

/// Reads a key as the tree spells it, and says whether it is the target; fails at it when
/// the key itself is wanted.
struct MatchKey<'t> {
    key: KeySeed,
    target: Option<&'t str>,
    fail_on_match: bool,
}

impl<'de> DeserializeSeed<'de> for MatchKey<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        let (key, _) = self.key.deserialize(deserializer)?;
        let matched = self.target == Some(&*key);
        if matched && self.fail_on_match {
            return Err(de::Error::custom(FOUND));
        }
        Ok(matched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_col(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    }

    fn key(k: &str) -> Seg {
        Seg::Key(k.to_owned())
    }

    const POD: &str = "kind: Pod\nspec:\n  containers:\n  - name: a\n    volumeMounts:\n    - name: v1\n      mountPath: /x\n    - name: v2\n      mountPath: /y\n";

    #[test]
    fn finds_a_nested_scalar() {
        let path = [
            key("spec"),
            key("containers"),
            Seg::Index(0),
            key("volumeMounts"),
            Seg::Index(1),
            key("name"),
        ];
        assert_eq!(line_col(POD, locate(POD, &path)), (8, 13));
    }

    #[test]
    fn finds_a_key_itself() {
        let path = [key("spec"), Seg::KeyName("containers".into())];
        assert_eq!(line_col(POD, locate(POD, &path)), (3, 3));
    }

    #[test]
    fn missing_parts_fall_back_to_the_deepest_ancestor() {
        let path = [key("spec"), key("volumes"), Seg::Index(3)];
        assert_eq!(line_col(POD, locate(POD, &path)), (3, 3));
    }

    #[test]
    fn works_in_flow_style_and_json() {
        let json =
            "{\n  \"spec\": {\"ports\": [\n    {\"port\": 80},\n    {\"port\": \"x\"}\n  ]}\n}";
        let path = [key("spec"), key("ports"), Seg::Index(1), key("port")];
        assert_eq!(line_col(json, locate(json, &path)), (4, 14));
    }

    #[test]
    fn keys_are_spelled_as_the_tree_spells_them() {
        let text = "data:\n  8080: a\n  true: b\n  0.5: c\n  ~: d\n";
        for (key_text, line) in [("8080", 2), ("true", 3), ("0.5", 4), ("null", 5)] {
            let path = [key("data"), key(key_text)];
            assert_eq!(line_col(text, locate(text, &path)).0, line, "{key_text}");
        }
    }

    #[test]
    fn an_empty_path_is_the_root() {
        assert_eq!(locate("\n\nkind: Pod\n", &[]), 2);
    }
}
