//! Reading resource quantities from fields that may hold numbers or strings, and the API
//! server's checks of them (`ValidateResourceQuantityValue`, `ValidatePositiveQuantityValue`,
//! the request-to-limit check of `ValidateContainerResourceRequirements`).

use super::api_error::{self, Cause, Shown};
use super::read::Field;
use crate::diagnostic::{Code, Severity};
use crate::model::quantity::Quantity;
use crate::text::Text;
use crate::yaml::Value;

/// A quantity as written, parsed; malformed ones are reported. `None` when absent.
fn parse(field: &Field<'_>) -> Option<(Quantity, String)> {
    let (parsed, written) = match field.value()? {
        Value::Null => return None,
        Value::Int(n) => (Some(Quantity::from_units(*n)), n.to_string()),
        Value::Float(f) => (Quantity::parse(&format!("{f}")), format!("{f}")),
        Value::Str(s) => (Quantity::parse(s), s.trim().to_owned()),
        _ => (None, String::new()),
    };
    match parsed {
        Some(q) => Some((q, written)),
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

/// A quantity field of kubeglass's own kinds (`2Gi`, `500m`, `1e3`, or a bare number);
/// malformed and negative ones are reported.
pub(crate) fn read(field: &Field<'_>) -> Option<Quantity> {
    let (q, _) = parse(field)?;
    if q.is_negative() {
        let path = field.dotted();
        field.error(
            Code::InvalidValue,
            Text::new(
                format!("{path} must not be negative"),
                format!("{path}은(는) 음수일 수 없습니다"),
            ),
        );
        return None;
    }
    Some(q)
}

/// A quantity of an API object that may not be negative (`ValidateNonnegativeQuantity`):
/// `<path>: Invalid value: "-1": must be greater than or equal to 0`. `path` is the API's
/// path, which writes resource names as keys (`resources.requests[cpu]`).
fn read_nonnegative(field: &Field<'_>, path: &str) -> Option<Quantity> {
    let (q, written) = parse(field)?;
    if q.is_negative() {
        reject_at(
            field,
            path,
            &Cause::Invalid(shown(q, &written), not_negative()),
        );
        return None;
    }
    Some(q)
}

/// Every quantity of a Node's `status.capacity` and `status.allocatable` must not be
/// negative (ValidateNodeResources, which names them as children: `status.capacity.cpu`).
pub(crate) fn check_node_resources(status: &Field<'_>) {
    for list in ["capacity", "allocatable"] {
        status.get(list).entries(|_, f| {
            read_nonnegative(f, &f.dotted());
        });
    }
}

/// A quantity already checked (by [`check_node_resources`]): read without reporting anything
/// again; `None` when absent, malformed or negative.
pub(crate) fn read_checked(field: &Field<'_>) -> Option<Quantity> {
    let q = match field.value()? {
        Value::Int(n) => Some(Quantity::from_units(*n)),
        Value::Float(f) => Quantity::parse(&format!("{f}")),
        Value::Str(s) => Quantity::parse(s),
        _ => None,
    }?;
    (!q.is_negative()).then_some(q)
}

/// The storage size of a claim (`spec.resources[storage]`) or of a PersistentVolume
/// (`spec.capacity[storage]`): it must be above zero (`ValidatePositiveQuantityValue`).
/// `list` is the field that holds the `storage` key; `api_list` the API's path for it.
/// `None` when absent (the caller reports it as required) or rejected.
pub(crate) fn read_storage_size(
    list: &Field<'_>,
    api_list: &str,
    with_basic_check: bool,
) -> Option<Quantity> {
    let field = list.get("storage");
    let (q, written) = parse(&field)?;
    let path = format!("{api_list}[storage]");
    if with_basic_check && q.is_negative() {
        // A PersistentVolume's capacity first goes through validateBasicResource.
        reject_at(
            &field,
            &path,
            &Cause::Invalid(
                Shown::Int(q.value()),
                Text::new(
                    "must be a valid resource quantity",
                    "올바른 리소스 수량이어야 합니다",
                ),
            ),
        );
    }
    if q.is_negative() || q == Quantity::default() {
        reject_at(
            &field,
            &path,
            &Cause::Invalid(
                shown(q, &written),
                Text::new("must be greater than zero", "0보다 커야 합니다"),
            ),
        );
        return None;
    }
    Some(q)
}

/// Quantities by resource name, in written order.
pub(crate) type Amounts = Vec<(String, Quantity)>;

/// A container's `resources`: every quantity of `limits` and `requests` must not be
/// negative, and each request must not exceed its limit (equal it, for resources that cannot
/// be overcommitted). Returns the requests and the limits, by name, as written.
pub(crate) fn read_container_resources(resources: &Field<'_>) -> (Amounts, Amounts) {
    let read_list = |name: &str| -> Vec<(String, Quantity, String)> {
        let list = resources.get(name);
        let api = list.dotted();
        list.entries(|key, f| {
            let q = read_nonnegative(f, &format!("{api}[{key}]"))?;
            let written = written_form(f);
            Some((key.to_owned(), q, written))
        })
        .into_iter()
        .flatten()
        .collect()
    };
    let limits = read_list("limits");
    let requests = read_list("requests");
    let requests_field = resources.get("requests");
    let api_requests = requests_field.dotted();
    for (name, request, written) in &requests {
        let limit = limits.iter().find(|(n, _, _)| n == name);
        let detail = match limit {
            Some((_, limit, limit_written)) => {
                let limit_shown = canonical(*limit, limit_written);
                if !overcommit_allowed(name) && request != limit {
                    Some(Text::new(
                        format!("must be equal to {name} limit of {limit_shown}"),
                        format!("{name} 한도 {limit_shown}와(과) 같아야 합니다"),
                    ))
                } else if request > limit {
                    Some(Text::new(
                        format!("must be less than or equal to {name} limit of {limit_shown}"),
                        format!("{name} 한도 {limit_shown} 이하여야 합니다"),
                    ))
                } else {
                    None
                }
            }
            None if !overcommit_allowed(name) => {
                let limits_field = resources.get("limits");
                reject_at(
                    &limits_field,
                    &limits_field.dotted(),
                    &Cause::Required(Some(Text::new(
                        "Limit must be set for non overcommitable resources",
                        "초과 할당할 수 없는 리소스에는 한도를 정해야 합니다",
                    ))),
                );
                None
            }
            None => None,
        };
        if let Some(detail) = detail {
            reject_at(
                &requests_field.get(name),
                &api_requests,
                &Cause::Invalid(shown(*request, written), detail),
            );
        }
    }
    let strip = |list: Vec<(String, Quantity, String)>| {
        list.into_iter().map(|(n, q, _)| (n, q)).collect::<Vec<_>>()
    };
    (strip(requests), strip(limits))
}

/// `helper.IsOvercommitAllowed`: native resources (no domain, or a `kubernetes.io/` one) but
/// huge pages.
fn overcommit_allowed(name: &str) -> bool {
    let native = !name.contains('/') || name.contains("kubernetes.io/");
    native && !name.starts_with("hugepages-")
}

/// Reports `cause` at `field`'s place with the API's `path`.
fn reject_at(field: &Field<'_>, path: &str, cause: &Cause) {
    field.report(
        Severity::Error,
        Code::Rejected,
        api_error::cause(path, cause),
        None,
    );
}

fn not_negative() -> Text {
    Text::new("must be greater than or equal to 0", "0 이상이어야 합니다")
}

fn written_form(field: &Field<'_>) -> String {
    match field.value() {
        Some(Value::Int(n)) => n.to_string(),
        Some(Value::Float(f)) => format!("{f}"),
        Some(Value::Str(s)) => s.trim().to_owned(),
        _ => String::new(),
    }
}

/// A quantity as the API server prints it in a message: `Quantity.String()`, quoted.
fn shown(q: Quantity, written: &str) -> Shown {
    Shown::Str(canonical(q, written))
}

/// `Quantity.String()`: the canonical form in the format the quantity was written in
/// (binary `Ki`…`Ei`, decimal exponent `e3`, or decimal `m`, `k`, `M`…), with the largest
/// suffix that keeps it exact. Quantities finer than a thousandth keep their written form.
pub(crate) fn canonical(q: Quantity, written: &str) -> String {
    let milli = i128::from(q.milli_value());
    if Quantity::parse(&format!("{milli}m")) != Some(q) {
        return written.to_owned();
    }
    let digits_end = written
        .trim_start_matches(['+', '-'])
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|i| i + written.len() - written.trim_start_matches(['+', '-']).len());
    let suffix = digits_end.map_or("", |i| &written[i..]);
    let sign = if milli < 0 { "-" } else { "" };
    let magnitude = milli.abs();
    if suffix.ends_with('i') && magnitude % 1000 == 0 && magnitude / 1000 >= 1024 {
        let bytes = magnitude / 1000;
        const BINARY: [(&str, u32); 6] = [
            ("Ei", 60),
            ("Pi", 50),
            ("Ti", 40),
            ("Gi", 30),
            ("Mi", 20),
            ("Ki", 10),
        ];
        return BINARY
            .iter()
            .find(|(_, power)| bytes % (1i128 << power) == 0)
            .map_or_else(
                || format!("{sign}{bytes}"),
                |(unit, power)| format!("{sign}{}{unit}", bytes >> power),
            );
    }
    let exponent_form = suffix.starts_with(['e', 'E']);
    let (mut mantissa, mut exponent) = (magnitude, -3i32);
    while mantissa != 0 && mantissa % 1000 == 0 && exponent < 18 {
        mantissa /= 1000;
        exponent += 3;
    }
    if mantissa == 0 {
        return "0".to_owned();
    }
    let unit = if exponent_form {
        if exponent == 0 {
            String::new()
        } else {
            format!("e{exponent}")
        }
    } else {
        match exponent {
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            _ => "E",
        }
        .to_owned()
    };
    format!("{sign}{mantissa}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        canonical(Quantity::parse(s).unwrap(), s)
    }

    #[test]
    fn quantities_print_in_the_api_servers_canonical_form() {
        assert_eq!(canon("-1"), "-1");
        assert_eq!(canon("-500m"), "-500m");
        assert_eq!(canon("-0.5"), "-500m");
        assert_eq!(canon("-1000"), "-1k");
        assert_eq!(canon("-1Gi"), "-1Gi");
        assert_eq!(canon("-1024Mi"), "-1Gi");
        assert_eq!(canon("-1.5Gi"), "-1536Mi");
        assert_eq!(canon("-1e3"), "-1e3");
        assert_eq!(canon("2"), "2");
        assert_eq!(canon("1"), "1");
        assert_eq!(canon("0"), "0");
        assert_eq!(canon("2000m"), "2");
        assert_eq!(canon("-10n"), "-10n");
    }
}
