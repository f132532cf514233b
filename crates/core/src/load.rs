//! From pasted text to typed objects and diagnostics: the core's front door.
//!
//! Every problem becomes a [`Diagnostic`] with a line and column; nothing here panics on
//! any input, and hostile input (alias bombs, deep nesting, huge pastes) is refused fast.

mod api;
pub(crate) mod api_error;
mod fixes;
mod misc;
mod names;
mod node;
mod object;
mod pod;
mod quantity;
mod read;
mod reading;
mod scenario;
mod schema;
mod selectors;
mod service;
mod storage;
mod strict;
mod workload;

pub use api::SCENARIO_API_VERSION;
pub use reading::Reading;
pub use service::NODE_PORT_RANGE;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Anchor, Anchors, Body, Object, Origin};
use crate::sorted::VecMap;
use crate::source::{LineIndex, Position};
use crate::text::Text;
use crate::yaml::{self, Chunk, ParseErrorKind, Seg, Value};
use object::{read_object, Defaults};
use read::{Field, Issue, Issues};

/// The largest paste the loader accepts.
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;

/// The result of loading a paste.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The objects, in input order; of duplicates only the last is kept (as `kubectl apply`).
    pub objects: Vec<Object>,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// True when some diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads every object in `text`: YAML (multi-document, flow style), JSON (one object, several
/// back to back, or a `List`), Helm output and `kubectl get -o yaml|json` dumps.
pub fn load(text: &str) -> Loaded {
    let mut reading = Reading::new(text);
    while !reading.step() {}
    reading.finish()
}

/// Non-breaking spaces where YAML needs spaces make the text unreadable to kubectl; the fix
/// writes spaces instead. (kubeglass still reads it, to list the other problems.)
fn nbsp_error(text: &str, first: u32, lines: &[u32]) -> Diagnostic {
    let list = lines
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let all: Vec<&str> = text.lines().collect();
    let edits = lines
        .iter()
        .filter_map(|&line| {
            let written = all.get(line as usize - 1)?;
            Some(crate::fix::LineEdit {
                line,
                remove: 1,
                insert: format!("{}\n", written.replace('\u{a0}', " ")),
            })
        })
        .collect();
    let mut diagnostic = Diagnostic::error(
        Code::NonBreakingSpace,
        Text::new(
            format!("non-breaking spaces (U+00A0) stand where YAML needs spaces, on line(s) {list}: kubectl cannot read this text"),
            format!("{list}번 줄에 YAML이 공백으로 보지 않는 줄바꿈 없는 공백(U+00A0)이 있습니다: kubectl은 이 텍스트를 읽지 못합니다"),
        ),
    )
    .at(None, Position { line: first, column: 1 })
    .hint(Text::new(
        "these usually come from copying out of a web page",
        "보통 웹 페이지에서 복사할 때 생깁니다",
    ));
    diagnostic.fixes.push(crate::fix::Fix {
        label: Text::new(
            "replace the non-breaking spaces with spaces",
            "줄바꿈 없는 공백을 공백으로 바꾸기",
        ),
        edits,
    });
    diagnostic
}

/// The API server's messages for what `text` has rejected, in text order.
#[cfg(test)]
pub(crate) fn rejected_messages(text: &str) -> Vec<String> {
    load(text)
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Rejected)
        .map(|d| d.message.en.clone())
        .collect()
}

fn megabytes(bytes: usize) -> String {
    format!(
        "{} MB",
        crate::number::fixed(bytes as f64 / (1024.0 * 1024.0), 1)
    )
}

struct DocumentLoader<'a, 't> {
    lines: &'a LineIndex<'t>,
    chunk: Chunk<'t>,
    document: usize,
    loaded: &'a mut Loaded,
}

impl DocumentLoader<'_, '_> {
    fn load(mut self) {
        let lines_before = self.lines.position(self.chunk.offset).line as usize - 1;
        let (value, errors) = yaml::parse_document(self.chunk.text, lines_before);
        for error in errors {
            let code = match error.kind {
                ParseErrorKind::Syntax => Code::YamlSyntax,
                ParseErrorKind::TooDeep => Code::NestingTooDeep,
                ParseErrorKind::AliasExpansion => Code::AliasExpansion,
                ParseErrorKind::DuplicateKey => Code::DuplicateKey,
            };
            let position = self.position(error.offset.unwrap_or(0));
            self.loaded
                .diagnostics
                .push(Diagnostic::error(code, error.message).at(Some(self.document), position));
        }
        if let Some(value) = value {
            self.load_value(&value);
        }
    }

    fn load_value(&mut self, value: &Value<'_>) {
        match value {
            Value::Map(_) => self.load_root(value),
            Value::Null => {}
            Value::Seq(_) => self.load_items(value, &Defaults::default()),
            other => {
                let position = self.first_content_position();
                self.loaded.diagnostics.push(
                    Diagnostic::error(
                        Code::NotAnObject,
                        Text::new(
                            format!("this document is {}, not an object", other.type_name()),
                            format!(
                                "이 문서는 오브젝트가 아니라 {}입니다",
                                read::type_name_ko(other.type_name())
                            ),
                        ),
                    )
                    .at(Some(self.document), position),
                );
            }
        }
    }

    /// A document whose root is a mapping: one object, or a List of them.
    fn load_root(&mut self, value: &Value<'_>) {
        let kind = value.get("kind").and_then(Value::as_str).unwrap_or("");
        let is_list = kind == "List" || (kind.ends_with("List") && value.get("items").is_some());
        if !is_list {
            self.load_object(value, &[], &Defaults::default());
            return;
        }
        let item_kind = kind.strip_suffix("List").filter(|k| !k.is_empty());
        let defaults = Defaults {
            api_version: value
                .get("apiVersion")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .filter(|_| item_kind.is_some()),
            kind: item_kind.map(str::to_owned),
        };
        match value.get("items") {
            Some(items @ Value::Seq(_)) => self.load_list(items, &defaults),
            Some(Value::Null) | None => {}
            Some(other) => {
                let issues = Issues::default();
                let root = Field::root(value, &issues);
                root.get("items").error(
                    Code::WrongType,
                    Text::new(
                        format!("items must be a list, not {}", other.type_name()),
                        format!(
                            "items는 목록이어야 합니다 (지금은 {})",
                            read::type_name_ko(other.type_name())
                        ),
                    ),
                );
                self.place_issues(value, &[], issues.take(), None);
            }
        }
    }

    fn load_list(&mut self, items: &Value<'_>, defaults: &Defaults) {
        let Value::Seq(list) = items else { return };
        for (i, item) in list.iter().enumerate() {
            let prefix = [Seg::Key("items".to_owned()), Seg::Index(i)];
            self.load_object(item, &prefix, defaults);
        }
    }

    /// A document that is a bare sequence: read each mapping in it as an object.
    fn load_items(&mut self, items: &Value<'_>, defaults: &Defaults) {
        let Value::Seq(list) = items else { return };
        for (i, item) in list.iter().enumerate() {
            self.load_object(item, &[Seg::Index(i)], defaults);
        }
    }

    fn load_object(&mut self, value: &Value<'_>, prefix: &[Seg], defaults: &Defaults) {
        let position = value.offset().map_or_else(
            || self.first_content_position(),
            |o| self.lines.position(self.chunk.offset + o as usize),
        );
        let mut origin = Origin {
            document: self.document,
            position,
            anchors: Anchors::default(),
        };
        if !matches!(value, Value::Map(_)) {
            let message = Text::new(
                format!("this item is {}, not an object", value.type_name()),
                format!(
                    "이 항목은 오브젝트가 아니라 {}입니다",
                    read::type_name_ko(value.type_name())
                ),
            );
            self.loaded.diagnostics.push(
                Diagnostic::error(Code::NotAnObject, message)
                    .at(Some(self.document), origin.position),
            );
            return;
        }
        let issues = Issues::default();
        let steps = value.get("spec").and_then(|s| s.get("steps"));
        let step_position = |i: usize| match steps {
            Some(Value::Seq(items)) => items.get(i).and_then(Value::offset).map_or(position, |o| {
                self.lines.position(self.chunk.offset + o as usize)
            }),
            _ => position,
        };
        let read = read_object(&Field::root(value, &issues), defaults, &step_position);
        let issues = issues.take();
        // As the API server does for each object of `kubectl apply -f`: an object with an
        // error is rejected on its own, and the others are created.
        let rejected = issues.iter().any(|i| i.severity == Severity::Error);
        if !issues.is_empty() {
            let meta = read.as_ref().map(|(meta, _)| meta);
            self.place_issues(value, prefix, issues, meta);
        }
        if let Some((meta, mut body)) = read {
            if rejected {
                body = Body::Rejected(self.summary(&meta));
            }
            for (anchor, path) in anchor_paths(&meta.kind) {
                if let Some(position) = self.key_position(value, path) {
                    origin.anchors.insert(*anchor, position);
                }
            }
            self.loaded.objects.push(Object { meta, origin, body });
        }
    }

    /// Where the last key of `path` is written, from the tree's key offsets (no re-parse).
    fn key_position(&self, tree: &Value<'_>, path: &[&str]) -> Option<Position> {
        let mut node = tree;
        let mut offset = None;
        for key in path {
            let entry = node.entry(key)?;
            offset = entry.offset;
            node = &entry.value;
        }
        offset.map(|o| self.lines.position(self.chunk.offset + o as usize))
    }

    /// Turns issues found under `tree` (which sits at `prefix` in the document) into
    /// diagnostics; what the API server rejects gets kubectl's header with the object's kind
    /// and name.
    fn place_issues(
        &mut self,
        tree: &Value<'_>,
        prefix: &[Seg],
        issues: Vec<Issue>,
        meta: Option<&crate::model::Meta>,
    ) {
        let object = meta.map(crate::model::Meta::object_ref);
        let first_line = self.lines.position(self.chunk.offset).line;
        let lines = crate::fix::Lines::new(self.chunk.text, first_line);
        for issue in issues {
            let position = self.position_of(tree, prefix, &issue.path);
            let fixes = issue.fix.as_ref().map_or_else(Vec::new, |plan| {
                let line_of = |path: &[&str]| self.key_position(tree, path).map(|p| p.line);
                fixes::make(
                    plan,
                    &fixes::Places {
                        lines: &lines,
                        at: position.line,
                        line_of: &line_of,
                    },
                )
            });
            let message = match (issue.code, meta) {
                (Code::Rejected, Some(meta)) => {
                    api_error::invalid(&meta.kind, &meta.name, &issue.message)
                }
                _ => issue.message,
            };
            let mut diagnostic = Diagnostic::new(issue.severity, issue.code, message)
                .at(Some(self.document), position);
            diagnostic.hint = issue.hint;
            diagnostic.fixes = fixes;
            diagnostic.object = object.clone();
            self.loaded.diagnostics.push(diagnostic);
        }
    }

    /// kubectl's summary of why this document's object is rejected: its one error, or the
    /// first with how many more (the diagnostics give each at its line).
    fn summary(&self, meta: &crate::model::Meta) -> Text {
        let errors: Vec<&Diagnostic> = self
            .loaded
            .diagnostics
            .iter()
            .filter(|d| d.document == Some(self.document) && d.is_error())
            .filter(|d| {
                d.object
                    .as_ref()
                    .is_some_and(|o| o.name == meta.name && o.kind == meta.kind)
            })
            .collect();
        let Some(first) = errors.first() else {
            return Text::default();
        };
        api_error::with_more(&first.message, errors.len() - 1)
    }

    /// Where `prefix + path` is: from the key offsets `tree` remembers when the whole path is
    /// there, otherwise by parsing the document again to find it exactly.
    fn position_of(&self, tree: &Value<'_>, prefix: &[Seg], path: &[Seg]) -> Position {
        let mut node = tree;
        let mut best = tree.offset();
        let mut complete = true;
        for seg in path {
            let next = match seg {
                Seg::Key(k) | Seg::KeyName(k) => node.entry(k).map(|e| {
                    best = e.offset.or(best);
                    &e.value
                }),
                Seg::Index(i) => match node {
                    Value::Seq(items) => items.get(*i).inspect(|item| {
                        best = item.offset().or(best);
                    }),
                    _ => None,
                },
            };
            match next {
                Some(n) => node = n,
                None => {
                    complete = false;
                    break;
                }
            }
        }
        let scalar_item = matches!(path.last(), Some(Seg::Index(_))) && node.offset().is_none();
        match best {
            Some(offset) if complete && !scalar_item => {
                self.lines.position(self.chunk.offset + offset as usize)
            }
            _ => self.position(yaml::locate(self.chunk.text, &[prefix, path].concat())),
        }
    }

    /// The position of an offset within the chunk's own text.
    fn position(&self, offset_in_chunk: usize) -> Position {
        self.lines.position(self.chunk.offset + offset_in_chunk)
    }

    fn first_content_offset(&self) -> usize {
        let mut offset = 0;
        for line in self.chunk.text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if !(trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---")) {
                return offset + (line.len() - trimmed.len());
            }
            offset += line.len();
        }
        0
    }

    fn first_content_position(&self) -> Position {
        self.position(self.first_content_offset())
    }
}

/// The fields each kind records the position of, as paths from the object's root.
fn anchor_paths(kind: &str) -> &'static [(Anchor, &'static [&'static str])] {
    const POD: &[(Anchor, &[&str])] = &[
        (Anchor::NodeSelector, &["spec", "nodeSelector"]),
        (Anchor::Affinity, &["spec", "affinity"]),
        (Anchor::NodeName, &["spec", "nodeName"]),
        (Anchor::Volumes, &["spec", "volumes"]),
        (Anchor::Containers, &["spec", "containers"]),
    ];
    const WORKLOAD: &[(Anchor, &[&str])] = &[
        (Anchor::Selector, &["spec", "selector"]),
        (Anchor::Replicas, &["spec", "replicas"]),
        (
            Anchor::NodeSelector,
            &["spec", "template", "spec", "nodeSelector"],
        ),
        (Anchor::Affinity, &["spec", "template", "spec", "affinity"]),
        (Anchor::NodeName, &["spec", "template", "spec", "nodeName"]),
        (Anchor::Volumes, &["spec", "template", "spec", "volumes"]),
        (
            Anchor::Containers,
            &["spec", "template", "spec", "containers"],
        ),
    ];
    const CRON: &[(Anchor, &[&str])] = &[
        (
            Anchor::Volumes,
            &["spec", "jobTemplate", "spec", "template", "spec", "volumes"],
        ),
        (
            Anchor::NodeSelector,
            &[
                "spec",
                "jobTemplate",
                "spec",
                "template",
                "spec",
                "nodeSelector",
            ],
        ),
        (
            Anchor::Containers,
            &[
                "spec",
                "jobTemplate",
                "spec",
                "template",
                "spec",
                "containers",
            ],
        ),
    ];
    const SERVICE: &[(Anchor, &[&str])] = &[
        (Anchor::Selector, &["spec", "selector"]),
        (Anchor::Ports, &["spec", "ports"]),
        (Anchor::ServiceType, &["spec", "type"]),
        (Anchor::ClusterIp, &["spec", "clusterIP"]),
        (Anchor::ExternalName, &["spec", "externalName"]),
    ];
    const CLAIM: &[(Anchor, &[&str])] = &[
        (Anchor::StorageClass, &["spec", "storageClassName"]),
        (Anchor::Resources, &["spec", "resources"]),
        (Anchor::VolumeName, &["spec", "volumeName"]),
        (Anchor::Selector, &["spec", "selector"]),
    ];
    const VOLUME: &[(Anchor, &[&str])] = &[
        (Anchor::NodeAffinity, &["spec", "nodeAffinity"]),
        (Anchor::StorageClass, &["spec", "storageClassName"]),
    ];
    const ENDPOINTS: &[(Anchor, &[&str])] = &[(Anchor::Subsets, &["subsets"])];
    const SLICE: &[(Anchor, &[&str])] = &[(Anchor::Subsets, &["endpoints"])];
    match kind {
        "Pod" => POD,
        "CronJob" => CRON,
        "Deployment"
        | "ReplicaSet"
        | "ReplicationController"
        | "StatefulSet"
        | "DaemonSet"
        | "Job" => WORKLOAD,
        "Service" => SERVICE,
        "PersistentVolumeClaim" => CLAIM,
        "PersistentVolume" => VOLUME,
        "Endpoints" => ENDPOINTS,
        "EndpointSlice" => SLICE,
        _ => &[],
    }
}

/// Keeps the last of each (kind, namespace, name) and warns at the others, as
/// `kubectl apply -f` would apply them in turn.
fn drop_duplicates(loaded: &mut Loaded) {
    fn key(o: &Object) -> (&str, &str, &str) {
        (&o.meta.kind, &o.meta.namespace, &o.meta.name)
    }
    // Of equal keys the last index wins.
    let last = VecMap::from_unsorted(
        loaded
            .objects
            .iter()
            .enumerate()
            .map(|(i, object)| (key(object), i))
            .collect(),
    );
    if last.len() == loaded.objects.len() {
        return;
    }
    let kept_indices: Vec<bool> = loaded
        .objects
        .iter()
        .enumerate()
        .map(|(i, o)| last[&key(o)] == i)
        .collect();
    let mut kept = Vec::with_capacity(last.len());
    for (object, keep) in std::mem::take(&mut loaded.objects)
        .into_iter()
        .zip(kept_indices)
    {
        if keep {
            kept.push(object);
            continue;
        }
        let object_ref = object.meta.object_ref();
        loaded.diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                Code::DuplicateObject,
                Text::new(
                    format!("{object_ref} is defined again later; kubectl apply would keep only the last one"),
                    format!("{object_ref}이(가) 뒤에서 다시 정의됩니다. kubectl apply는 마지막 것만 남깁니다"),
                ),
            )
            .at(Some(object.origin.document), object.origin.position)
            .about(object_ref)
            .hint(Text::new(
                "rename one of them, or remove the copy",
                "둘 중 하나의 이름을 바꾸거나 사본을 지우세요",
            )),
        );
    }
    loaded.objects = kept;
}
