//! What a column type change does to the values and to the table: whether it
//! can lose data, and whether it is one of the few changes PostgreSQL makes
//! without rewriting the table.

use crate::schema::describe::type_text;
use crate::types::ColumnType;

/// The families of types, with what matters for a change between them.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Character types; `None` is unbounded. `clob` is `TEXT`-like.
    Text {
        length: Option<u32>,
        clob: bool,
    },
    /// Integers of this many bits.
    Integer(u32),
    /// Exact numbers.
    Decimal {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    /// Approximate numbers.
    Float(Option<u32>),
    Boolean,
    Date,
    DateTime {
        timezone: bool,
    },
    Time,
    Binary(Option<u32>),
    Enum(Vec<String>),
    /// Interval, JSON, UUID: nothing to compare but their identity.
    Plain(&'static str),
    /// A dialect type or raw SQL: retort cannot judge it.
    Opaque,
}

fn shape(column_type: &ColumnType) -> Shape {
    match column_type {
        ColumnType::Upper { .. } => shape(&column_type.generic_kin()),
        ColumnType::Integer => Shape::Integer(32),
        ColumnType::SmallInteger => Shape::Integer(16),
        ColumnType::BigInteger => Shape::Integer(64),
        ColumnType::String { length, .. } | ColumnType::Unicode { length, .. } => Shape::Text {
            length: *length,
            clob: false,
        },
        ColumnType::Text { length, .. } => Shape::Text {
            length: *length,
            clob: true,
        },
        ColumnType::UnicodeText => Shape::Text {
            length: None,
            clob: true,
        },
        ColumnType::Boolean { .. } => Shape::Boolean,
        ColumnType::Float { precision } => Shape::Float(*precision),
        ColumnType::Numeric { precision, scale } => Shape::Decimal {
            precision: *precision,
            scale: *scale,
        },
        ColumnType::Date => Shape::Date,
        ColumnType::DateTime { timezone } => Shape::DateTime {
            timezone: *timezone,
        },
        ColumnType::Time { .. } => Shape::Time,
        ColumnType::Interval => Shape::Plain("Interval"),
        ColumnType::LargeBinary { length } => Shape::Binary(*length),
        ColumnType::Json => Shape::Plain("JSON"),
        ColumnType::Uuid => Shape::Plain("Uuid"),
        ColumnType::Enum { values, .. } => Shape::Enum(values.clone()),
        ColumnType::Dialect { .. } | ColumnType::PerDialect { .. } | ColumnType::Sql { .. } => {
            Shape::Opaque
        }
    }
}

/// The decimal digits of the largest integer of `bits` bits.
fn integer_digits(bits: u32) -> u32 {
    match bits {
        0..=16 => 5,
        17..=32 => 10,
        _ => 19,
    }
}

/// How many characters the text form of a value of `shape` may need;
/// `None` when there is no bound.
fn text_width(shape: &Shape) -> Option<u32> {
    match shape {
        Shape::Integer(bits) => Some(integer_digits(*bits) + 1),
        Shape::Decimal { precision, .. } => precision.map(|p| p + 2),
        Shape::Float(_) => Some(24),
        Shape::Boolean => Some(5),
        Shape::Date => Some(10),
        Shape::DateTime { .. } => Some(32),
        Shape::Time => Some(18),
        Shape::Enum(values) => values.iter().map(|v| v.chars().count() as u32).max(),
        Shape::Plain("Uuid") => Some(36),
        _ => None,
    }
}

/// `new` is narrower than `old`, where `None` is unbounded.
fn narrower(new: Option<u32>, old: Option<u32>) -> bool {
    match (new, old) {
        (Some(new), Some(old)) => new < old,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// Why changing a column from `old` to `new` can lose or reject values, or
/// `None` when every value of `old` fits `new` (or retort cannot tell).
pub fn lossy_change(old: &ColumnType, new: &ColumnType) -> Option<String> {
    let (from, to) = (type_text(old), type_text(new));
    let narrowed = || {
        Some(format!("narrows the type from {from} to {to}: values that do not fit are cut, rounded or rejected"))
    };
    let converted = || {
        Some(format!(
            "converts {from} to {to}: values that do not convert are lost or make the change fail"
        ))
    };
    match (shape(old), shape(new)) {
        (Shape::Opaque, _) | (_, Shape::Opaque) => None,
        (Shape::Text { length: old, .. }, Shape::Text { length: new, .. }) => {
            narrower(new, old).then(narrowed).flatten()
        }
        (Shape::Text { .. }, _) => converted(),
        (Shape::Integer(old), Shape::Integer(new)) => (new < old).then(narrowed).flatten(),
        (Shape::Integer(bits), Shape::Float(_)) if bits > 32 => narrowed(),
        (Shape::Integer(bits), Shape::Decimal { precision, scale }) => {
            let whole = precision.map(|p| p.saturating_sub(scale.unwrap_or(0)));
            narrower(whole, Some(integer_digits(bits)))
                .then(narrowed)
                .flatten()
        }
        (
            Shape::Decimal {
                precision: p,
                scale: s,
            },
            Shape::Decimal {
                precision: p2,
                scale: s2,
            },
        ) => {
            let whole =
                |p: Option<u32>, s: Option<u32>| p.map(|p| p.saturating_sub(s.unwrap_or(0)));
            let loses_fraction = narrower(s2, s) && s2.is_some();
            (loses_fraction || narrower(whole(p2, s2), whole(p, s)))
                .then(narrowed)
                .flatten()
        }
        (Shape::Decimal { scale: Some(0), .. }, Shape::Integer(_)) => None,
        (Shape::Decimal { .. } | Shape::Float(_), Shape::Integer(_)) => converted(),
        (Shape::Decimal { .. }, Shape::Float(_)) => converted(),
        (Shape::Float(old), Shape::Float(new)) => narrower(new, old).then(narrowed).flatten(),
        (Shape::Float(_), Shape::Decimal { .. }) => converted(),
        (Shape::DateTime { .. }, Shape::Date | Shape::Time) => converted(),
        (Shape::DateTime { timezone: true }, Shape::DateTime { timezone: false }) => Some(format!(
            "converts {from} to {to}: the time zone of every value is dropped"
        )),
        (Shape::Binary(old), Shape::Binary(new)) => narrower(new, old).then(narrowed).flatten(),
        (Shape::Enum(old), Shape::Enum(new)) => {
            let gone: Vec<String> = old
                .iter()
                .filter(|v| !new.contains(v))
                .map(|v| format!("'{v}'"))
                .collect();
            (!gone.is_empty()).then(|| {
                format!(
                    "converts {from} to {to}: rows holding {} no longer fit",
                    gone.join(", ")
                )
            })
        }
        (old, new) if old == new => None,
        (Shape::Boolean, Shape::Integer(_) | Shape::Decimal { .. }) => None,
        (Shape::Integer(_), Shape::Float(_)) => None,
        (Shape::Date, Shape::DateTime { .. }) => None,
        (Shape::DateTime { timezone: false }, Shape::DateTime { timezone: true }) => None,
        (old, Shape::Text { length, .. }) => {
            narrower(length, text_width(&old)).then(narrowed).flatten()
        }
        _ => converted(),
    }
}

/// Whether PostgreSQL rewrites the table for this type change. It does not
/// only for the binary-compatible widenings: a longer or unbounded
/// `VARCHAR`, `VARCHAR` to `TEXT`, more `NUMERIC` precision at the same scale.
pub fn rewrites_table(old: &ColumnType, new: &ColumnType) -> bool {
    if old == new {
        return false;
    }
    match (shape(old), shape(new)) {
        (Shape::Opaque, _) | (_, Shape::Opaque) => true,
        (
            Shape::Text {
                length: old,
                clob: false,
            },
            Shape::Text {
                length: new,
                clob: false,
            },
        ) => narrower(new, old),
        (Shape::Text { clob: false, .. }, Shape::Text { clob: true, .. }) => false,
        (
            Shape::Decimal {
                precision: p,
                scale: s,
            },
            Shape::Decimal {
                precision: p2,
                scale: s2,
            },
        ) => s != s2 || narrower(p2, p),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(text: &str) -> ColumnType {
        ColumnType::parse(text).unwrap()
    }

    fn lossy(old: &str, new: &str) -> bool {
        lossy_change(&ty(old), &ty(new)).is_some()
    }

    #[test]
    fn narrowing_loses_data_and_widening_does_not() {
        assert!(lossy("String(100)", "String(50)"));
        assert!(lossy("Text", "String(50)"));
        assert!(!lossy("String(50)", "String(100)"));
        assert!(!lossy("String(50)", "Text"));
        assert!(lossy("BigInteger", "Integer"));
        assert!(!lossy("Integer", "BigInteger"));
        assert!(lossy("Numeric(10, 2)", "Numeric(8, 2)"));
        assert!(lossy("Numeric(10, 2)", "Numeric(10, 0)"));
        assert!(!lossy("Numeric(10, 2)", "Numeric(12, 2)"));
        assert!(lossy("DateTime(timezone=True)", "DateTime"));
        assert!(lossy("DateTime", "Date"));
        assert!(lossy("Enum('a', 'b')", "Enum('a')"));
        assert!(!lossy("Enum('a')", "Enum('a', 'b')"));
    }

    #[test]
    fn text_to_number_loses_data() {
        assert!(lossy("String(20)", "Integer"));
        assert!(lossy("Text", "Numeric(10, 2)"));
        assert!(lossy("Float", "Integer"));
        assert!(!lossy("Integer", "Text"));
        assert!(!lossy("Integer", "Float"));
    }

    #[test]
    fn only_binary_compatible_widenings_keep_the_table() {
        assert!(!rewrites_table(&ty("String(50)"), &ty("String(100)")));
        assert!(!rewrites_table(&ty("String(50)"), &ty("Text")));
        assert!(!rewrites_table(
            &ty("Numeric(10, 2)"),
            &ty("Numeric(12, 2)")
        ));
        assert!(rewrites_table(&ty("String(100)"), &ty("String(50)")));
        assert!(rewrites_table(&ty("Integer"), &ty("BigInteger")));
        assert!(rewrites_table(&ty("Numeric(10, 2)"), &ty("Numeric(12, 3)")));
        assert!(!rewrites_table(&ty("Integer"), &ty("Integer")));
    }
}
