//! Kubernetes resource quantities (`2Gi`, `500m`, `1e3`), parsed with the API's rules.

/// A parsed quantity, held exactly in billionths of a unit (the API's finest scale is nano).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity {
    nanos: i128,
}

/// Largest magnitude we hold: far beyond any real resource, small enough never to overflow.
const LIMIT: i128 = 1_000_000_000_000_000_000_000_000_000_000;

impl Quantity {
    /// A quantity of whole units.
    pub fn from_units(units: i64) -> Self {
        Quantity {
            nanos: i128::from(units) * 1_000_000_000,
        }
    }

    /// Parses `<sign><digits>[.<digits>][suffix]` where the suffix is binary (`Ki`…`Ei`),
    /// decimal (`n u m k M G T P E`) or an exponent (`e3`, `E-2`), as `resource.Quantity` does.
    pub fn parse(text: &str) -> Option<Quantity> {
        let text = text.trim();
        let (negative, body) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let number_len = body
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let (number, suffix) = body.split_at(number_len);
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty() && fraction.is_empty() || fraction.contains('.') {
            return None;
        }
        let (power10, power2) = suffix_powers(suffix)?;
        // Value = digits × 10^(power10 − fraction.len()) × 2^power2, in nanos (× 10^9).
        let mut mantissa: i128 = 0;
        for b in whole.bytes().chain(fraction.bytes()) {
            mantissa = mantissa
                .checked_mul(10)?
                .checked_add(i128::from(b - b'0'))?;
            if mantissa > LIMIT {
                return None;
            }
        }
        let exponent = power10 + 9 - i32::try_from(fraction.len()).ok()?;
        let mut nanos = mantissa.checked_mul(1i128.checked_shl(power2)?)?;
        if exponent >= 0 {
            nanos = nanos.checked_mul(10i128.checked_pow(u32::try_from(exponent).ok()?)?)?;
        } else {
            let divisor = 10i128.checked_pow(exponent.unsigned_abs())?;
            // The API rounds up to its finest scale.
            nanos = (nanos + divisor - 1) / divisor;
        }
        if nanos > LIMIT {
            return None;
        }
        Some(Quantity {
            nanos: if negative { -nanos } else { nanos },
        })
    }

    /// Whole units, rounded up (what `Quantity.Value()` returns), e.g. bytes of memory.
    pub fn value(self) -> i64 {
        Self::ceil_div(self.nanos, 1_000_000_000)
    }

    /// Thousandths of a unit, rounded up (`Quantity.MilliValue()`), e.g. millicores.
    pub fn milli_value(self) -> i64 {
        Self::ceil_div(self.nanos, 1_000_000)
    }

    /// True when the quantity is below zero.
    pub fn is_negative(self) -> bool {
        self.nanos < 0
    }

    fn ceil_div(n: i128, d: i128) -> i64 {
        let q = n.div_euclid(d) + i128::from(n.rem_euclid(d) != 0);
        i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
    }
}

fn suffix_powers(suffix: &str) -> Option<(i32, u32)> {
    let binary = |p: u32| Some((0, p));
    let decimal = |p: i32| Some((p, 0));
    match suffix {
        "" => decimal(0),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        _ => {
            let exponent = suffix.strip_prefix(['e', 'E'])?;
            let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            decimal(exponent.parse::<i32>().ok().filter(|e| e.abs() <= 40)?)
        }
    }
}

/// Formats bytes the way people write them (`2Gi`, `512Mi`, `2G`): the shortest exact form.
pub fn format_bytes(bytes: i64) -> String {
    const UNITS: [(&str, i64); 8] = [
        ("Pi", 1 << 50),
        ("Ti", 1 << 40),
        ("Gi", 1 << 30),
        ("Mi", 1 << 20),
        ("Ki", 1 << 10),
        ("G", 1_000_000_000),
        ("M", 1_000_000),
        ("k", 1_000),
    ];
    UNITS
        .iter()
        .filter(|(_, size)| bytes >= *size && bytes % size == 0)
        .map(|(unit, size)| format!("{}{unit}", bytes / size))
        .chain(std::iter::once(bytes.to_string()))
        .min_by_key(String::len)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        Quantity::parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn binary_and_decimal_suffixes() {
        assert_eq!(q("2Gi").value(), 2 * 1024 * 1024 * 1024);
        assert_eq!(q("2G").value(), 2_000_000_000);
        assert_eq!(q("128974848").value(), 128_974_848);
        assert_eq!(q("129M").value(), 129_000_000);
        assert_eq!(q("123Mi").value(), 128_974_848);
        assert_eq!(q("1Ki").value(), 1024);
    }

    #[test]
    fn milli_and_fractions() {
        assert_eq!(q("500m").milli_value(), 500);
        assert_eq!(q("0.5").milli_value(), 500);
        assert_eq!(q("1.5Gi").value(), 1_610_612_736);
        assert_eq!(q(".5").milli_value(), 500);
        assert_eq!(q("250m").value(), 1, "Value() rounds up");
    }

    #[test]
    fn exponents() {
        assert_eq!(q("1e3").value(), 1000);
        assert_eq!(q("1E3").value(), 1000);
        assert_eq!(q("12e-3").milli_value(), 12);
        assert_eq!(q("+1e+2").value(), 100);
    }

    #[test]
    fn sign_and_rounding_of_tiny_values() {
        assert!(q("-1").is_negative());
        assert_eq!(q("1n").milli_value(), 1, "rounds up");
        assert_eq!(q("0.1n").value(), 1, "below a nano rounds up to one nano");
    }

    #[test]
    fn rejects_malformed_quantities() {
        for bad in [
            "", "Gi", "1GB", "1.2.3", "abc", "1e", "1e+", "1 Gi", "1ii", "--1", "1e99",
        ] {
            assert_eq!(Quantity::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats_bytes_readably() {
        assert_eq!(format_bytes(2 << 30), "2Gi");
        assert_eq!(format_bytes(2_000_000_000), "2G");
        assert_eq!(format_bytes(1536), "1536");
        assert_eq!(format_bytes(1 << 20), "1Mi");
    }
}
