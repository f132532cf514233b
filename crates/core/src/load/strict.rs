//! Strict field validation, as `kubectl apply` asks of the API server by default (rule 9.7):
//! every field of a modelled kind must be one the API knows at that place, or the object is
//! refused (`strict decoding error: unknown field "spec.replicass"`). The field tree comes
//! from the Kubernetes OpenAPI schema (`assets/fields.txt`, see [`super::schema`]), so a real
//! field that kubeglass itself ignores is never refused.

use super::api_error::unknown_field;
use super::fixes::Plan;
use super::read::Field;
use super::schema::{schema, Cursor, Lookup};
use crate::diagnostic::{Code, Severity};
use crate::text::Text;

/// What the reports need to know about the object.
struct Object<'o> {
    kind: &'o str,
    api_version: &'o str,
    /// The type under the root's `spec`, for fields written one level too high.
    spec: Option<Cursor<'static>>,
}

/// Reports every field of `root` (an object of `kind`) that the API does not know.
pub(crate) fn check(root: &Field<'_>, kind: &str, api_version: &str) {
    let Some(cursor) = schema().kind(kind) else {
        return;
    };
    let spec = match cursor.child("spec") {
        Lookup::Known(spec) => Some(spec),
        _ => None,
    };
    let object = Object {
        kind,
        api_version,
        spec,
    };
    walk(root, cursor, &object, true);
}

fn walk(field: &Field<'_>, cursor: Cursor<'static>, object: &Object<'_>, at_root: bool) {
    field.visit(|key, child| {
        let lookup = match key {
            Some(key) => cursor.child(key),
            None => cursor.item(),
        };
        match lookup {
            Lookup::Known(next) => walk(child, next, object, false),
            Lookup::Anything => {}
            Lookup::Unknown => {
                if let Some(key) = key {
                    unknown(child, key, cursor, object, at_root);
                }
            }
        }
    });
}

fn unknown(
    field: &Field<'_>,
    key: &str,
    cursor: Cursor<'static>,
    object: &Object<'_>,
    at_root: bool,
) {
    // A field written one level too high (a lecture favourite: `containers:` at the top of
    // a Pod) is pointed to where it belongs.
    let misplaced = at_root
        && object
            .spec
            .is_some_and(|spec| matches!(spec.child(key), Lookup::Known(_)));
    let suggestion = cursor.suggest(key);
    let (hint, plan) = if misplaced {
        (
            Some(Text::new(
                format!("`{key}` belongs under `spec:`: indent it, and everything under it, one level deeper under `spec:`"),
                format!("`{key}`은(는) `spec:` 아래에 있어야 합니다: 그 아래 내용까지 한 단계 더 들여써 `spec:` 아래에 두세요"),
            )),
            Some(Plan::MoveUnderSpec),
        )
    } else if let Some(close) = suggestion {
        (
            Some(Text::new(
                format!("did you mean `{close}`?"),
                format!("`{close}`을(를) 뜻했나요?"),
            )),
            Some(Plan::Rename(close)),
        )
    } else {
        (None, None)
    };
    field.report(
        Severity::Error,
        Code::UnknownField,
        unknown_field(object.kind, object.api_version, &field.dotted()),
        hint,
    );
    if let Some(plan) = plan {
        field.offer(plan);
    }
}
