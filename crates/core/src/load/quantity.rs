//! Reading resource quantities from fields that may hold numbers or strings.

use super::read::Field;
use crate::diagnostic::Code;
use crate::model::quantity::Quantity;
use crate::text::Text;
use crate::yaml::Value;

/// A quantity field (`2Gi`, `500m`, `1e3`, or a bare number); malformed ones are reported.
pub(crate) fn read(field: &Field<'_>) -> Option<Quantity> {
    let parsed = match field.value()? {
        Value::Null => return None,
        Value::Int(n) => Some(Quantity::from_units(*n)),
        Value::Float(f) => Quantity::parse(&format!("{f}")),
        Value::Str(s) => Quantity::parse(s),
        _ => None,
    };
    match parsed {
        Some(q) if q.is_negative() => {
            let path = field.dotted();
            field.error(
                Code::InvalidValue,
                Text::new(
                    format!("{path} must not be negative"),
                    format!("{path}은(는) 음수일 수 없습니다"),
                ),
            );
            None
        }
        Some(q) => Some(q),
        None => {
            let path = field.dotted();
            field.error(
                Code::InvalidValue,
                Text::new(
                    format!("{path} is not a quantity (write e.g. 2Gi, 512Mi, 500m or 1e3)"),
                    format!("{path}은(는) 올바른 수량이 아닙니다 (예: 2Gi, 512Mi, 500m, 1e3)"),
                ),
            );
            None
        }
    }
}
