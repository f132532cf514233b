//! One type for every problem the core finds, from a YAML typo to a Service that selects nothing.

use crate::source::Position;
use crate::text::Text;
use serde::Serialize;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Kubernetes would reject the input, or the picture cannot show it.
    Error,
    /// Kubernetes accepts it, but it probably does not do what the author meant.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

impl Severity {
    /// The lowercase name used in CLI output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A stable identifier for each kind of problem (documented in `docs/cli.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The text is not valid YAML or JSON.
    YamlSyntax,
    /// The input is larger than the loader accepts.
    InputTooLarge,
    /// Nesting deeper than the loader accepts.
    NestingTooDeep,
    /// Aliases expand to more than the loader accepts ("billion laughs").
    AliasExpansion,
    /// Non-breaking spaces where YAML needs real ones.
    NonBreakingSpace,
    /// A mapping repeats a key.
    DuplicateKey,
    /// A document is not a mapping.
    NotAnObject,
    /// A document has no `kind`.
    MissingKind,
    /// A document has no `apiVersion`.
    MissingApiVersion,
    /// An object has no `metadata.name`.
    MissingName,
    /// A field holds a value of the wrong type.
    WrongType,
    /// A field holds a value Kubernetes does not accept.
    InvalidValue,
    /// A field is present but empty.
    EmptyField,
    /// A YAML 1.1 boolean such as `no` or `on`.
    Yaml11Boolean,
    /// The same kind, namespace and name twice.
    DuplicateObject,
    /// An `apiVersion` that does not serve this kind.
    UnknownApiVersion,
    /// An `apiVersion` that was removed from current Kubernetes.
    RemovedApiVersion,
    /// A volumeMount names a volume the pod does not declare.
    UnknownVolume,
    /// A PersistentVolume with no volume source.
    PvNoSource,
    /// A PersistentVolume with more than one volume source.
    PvManySources,
    /// A volume with no source, or a source the simulator cannot model.
    VolumeSource,
    /// A Service selector that matches no pod.
    SelectorMatchesNothing,
    /// A named targetPort that no selected pod declares.
    TargetPortUnresolved,
    /// A PersistentVolumeClaim that nothing can satisfy.
    ClaimUnsatisfiable,
    /// A nodeSelector or node affinity that no node matches.
    NodeSelectorUnmatched,
    /// A pod that cannot be scheduled.
    Unschedulable,
    /// Two Services ask for the same nodePort or clusterIP.
    PortClash,
    /// A reference to an object that does not exist.
    MissingReference,
    /// A field the API does not know at that place.
    UnknownField,
    /// A problem in a kubeglass Scenario document.
    Scenario,
    /// The API server rejects the object: its message, as `kubectl apply` prints it.
    Rejected,
}

impl Code {
    /// True when the text itself cannot be read (as YAML or JSON, or at all): nothing in it is
    /// applied, and the picture stays the last good one. Every other error rejects only the
    /// object it is about, as `kubectl apply -f` does.
    pub fn is_unreadable(self) -> bool {
        matches!(
            self,
            Code::YamlSyntax
                | Code::InputTooLarge
                | Code::NestingTooDeep
                | Code::AliasExpansion
                | Code::NonBreakingSpace
                | Code::DuplicateKey
        )
    }
}

/// The object a diagnostic concerns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct ObjectRef {
    /// `kind`, e.g. `Pod`.
    pub kind: String,
    /// Namespace, empty for cluster-scoped objects.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
}

impl ObjectRef {
    /// Builds a reference.
    pub fn new(kind: &str, namespace: &str, name: &str) -> Self {
        ObjectRef {
            kind: kind.to_owned(),
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        }
    }
}

impl std::fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.namespace.is_empty() {
            write!(f, "{} {}", self.kind, self.name)
        } else {
            write!(f, "{} {}/{}", self.kind, self.namespace, self.name)
        }
    }
}

/// A problem found in the input, located in the pasted text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// 0-based index of the document in the input (empty documents are not counted).
    pub document: Option<usize>,
    /// Where in the pasted text.
    pub position: Position,
    /// The object concerned, when there is one.
    pub object: Option<ObjectRef>,
    /// What is wrong.
    pub message: Text,
    /// How to fix it, when that helps.
    pub hint: Option<Text>,
    /// Changes to the text that resolve it, one per reading of what the author meant.
    pub fixes: Vec<crate::fix::Fix>,
}

impl Diagnostic {
    /// A new diagnostic at the start of the text; callers place it with the builder methods.
    pub fn new(severity: Severity, code: Code, message: Text) -> Self {
        Diagnostic {
            severity,
            code,
            document: None,
            position: Position::START,
            object: None,
            message,
            hint: None,
            fixes: Vec::new(),
        }
    }

    /// An error.
    pub fn error(code: Code, message: Text) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning.
    pub fn warning(code: Code, message: Text) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// A note.
    pub fn info(code: Code, message: Text) -> Self {
        Self::new(Severity::Info, code, message)
    }

    /// Places the diagnostic.
    pub fn at(mut self, document: Option<usize>, position: Position) -> Self {
        self.document = document;
        self.position = position;
        self
    }

    /// Names the object concerned.
    pub fn about(mut self, object: ObjectRef) -> Self {
        self.object = Some(object);
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by position, then severity, so output reads top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    crate::order::sort_by(diagnostics, |a, b| {
        (a.position, a.severity, &a.message.en) < (b.position, b.severity, &b.message.en)
    });
}
