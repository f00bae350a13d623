//! Whether a `bulk_insert` value fits its column, checked before any engine sees it.

use crate::revision::{Column, Literal};
use crate::types::ColumnType;

/// `Ok` when `value` can be stored in `column`, else why not.
pub fn check_value(column: &Column, value: &Literal) -> Result<(), String> {
    match value {
        Literal::Null => {
            if column.is_nullable() {
                Ok(())
            } else {
                Err("null in a NOT NULL column".into())
            }
        }
        _ => check_type(&column.type_, value),
    }
}

fn check_type(column_type: &ColumnType, value: &Literal) -> Result<(), String> {
    match column_type {
        ColumnType::SmallInteger => {
            integer(value, i16::MIN.into(), i16::MAX.into(), "SmallInteger")
        }
        ColumnType::Integer => integer(value, i32::MIN.into(), i32::MAX.into(), "Integer"),
        ColumnType::BigInteger => integer(value, i64::MIN, i64::MAX, "BigInteger"),
        ColumnType::Float { .. } => number(value).map(|_| ()),
        ColumnType::Numeric { precision, scale } => numeric(value, *precision, *scale),
        ColumnType::String { length, .. }
        | ColumnType::Text { length, .. }
        | ColumnType::Unicode { length, .. } => text(value, *length),
        ColumnType::UnicodeText => text(value, None),
        ColumnType::Boolean { .. } => match value {
            Literal::Bool(_) => Ok(()),
            other => Err(format!(
                "{} in a Boolean column; write true or false",
                what(other)
            )),
        },
        ColumnType::Date => string_matching(value, "Date", "YYYY-MM-DD", is_date),
        ColumnType::DateTime { .. } => {
            string_matching(value, "DateTime", "YYYY-MM-DD HH:MM:SS", is_datetime)
        }
        ColumnType::Time { .. } => string_matching(value, "Time", "HH:MM:SS", is_time),
        ColumnType::Uuid => string_matching(value, "Uuid", "8-4-4-4-12 hex digits", is_uuid),
        ColumnType::Enum { values, .. } => match value {
            Literal::String(s) if values.contains(s) => Ok(()),
            Literal::String(s) => Err(format!(
                "'{s}' is not one of the enum's values ({}){}",
                values.join(", "),
                crate::suggest::did_you_mean(s, values.iter().map(String::as_str))
            )),
            other => Err(format!("{} in an Enum column", what(other))),
        },
        ColumnType::Upper { .. } => check_type(&column_type.generic_kin(), value),
        ColumnType::PerDialect { types } => match types.fallback() {
            Some(default) => check_type(default, value),
            None => Ok(()),
        },
        // Opaque to the model: the engine decides.
        ColumnType::Interval
        | ColumnType::LargeBinary { .. }
        | ColumnType::Json
        | ColumnType::Dialect { .. }
        | ColumnType::Sql { .. } => Ok(()),
    }
}

fn what(value: &Literal) -> String {
    match value {
        Literal::Null => "null".into(),
        Literal::Bool(b) => format!("the boolean {b}"),
        Literal::Number(n) => format!("the number {n}"),
        Literal::String(s) => format!("the string '{s}'"),
    }
}

fn integer(value: &Literal, min: i64, max: i64, type_name: &str) -> Result<(), String> {
    let Literal::Number(n) = value else {
        return Err(format!("{} in an {type_name} column", what(value)));
    };
    match n.parse::<i64>() {
        Ok(v) if v >= min && v <= max => Ok(()),
        Ok(_) => Err(format!(
            "{n} is out of the range of {type_name} ({min} to {max})"
        )),
        Err(_) => Err(format!(
            "{n} is not a whole number, in an {type_name} column"
        )),
    }
}

fn number(value: &Literal) -> Result<&str, String> {
    match value {
        Literal::Number(n) => Ok(n),
        other => Err(format!("{} in a numeric column", what(other))),
    }
}

fn numeric(value: &Literal, precision: Option<u32>, scale: Option<u32>) -> Result<(), String> {
    let n = number(value)?;
    let Some(precision) = precision else {
        return Ok(());
    };
    let scale = scale.unwrap_or(0);
    let digits = n
        .trim_start_matches('-')
        .split(['.', 'e', 'E'])
        .next()
        .unwrap_or("");
    let integer_digits = digits.trim_start_matches('0').len() as u32;
    if integer_digits > precision.saturating_sub(scale) {
        return Err(format!(
            "{n} has {integer_digits} digits before the point; Numeric({precision}, {scale}) holds {}",
            precision.saturating_sub(scale)
        ));
    }
    Ok(())
}

fn text(value: &Literal, length: Option<u32>) -> Result<(), String> {
    let Literal::String(s) = value else {
        return Err(format!(
            "{} in a string column; quote it if it is meant as text",
            what(value)
        ));
    };
    match length {
        Some(max) if s.chars().count() > max as usize => Err(format!(
            "'{s}' is {} characters long; the column holds {max}",
            s.chars().count()
        )),
        _ => Ok(()),
    }
}

fn string_matching(
    value: &Literal,
    type_name: &str,
    form: &str,
    valid: fn(&str) -> bool,
) -> Result<(), String> {
    match value {
        Literal::String(s) if valid(s) => Ok(()),
        Literal::String(s) => Err(format!("'{s}' is not a {type_name} ({form})")),
        other => Err(format!(
            "{} in a {type_name} column; write a quoted {form}",
            what(other)
        )),
    }
}

fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let (Some(year), Some(month), Some(day)) = (digits(year, 4), digits(month, 2), digits(day, 2))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn is_time(s: &str) -> bool {
    // An optional time zone: Z or +HH:MM / -HH:MM.
    let s = s.strip_suffix('Z').unwrap_or(s);
    let s = match s.rfind(['+', '-']) {
        Some(i) if is_hh_mm(&s[i + 1..]) => &s[..i],
        _ => s,
    };
    let (clock, fraction) = match s.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (s, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    match parts.as_slice() {
        [h, m] => is_hh_mm(&format!("{h}:{m}")),
        [h, m, sec] => is_hh_mm(&format!("{h}:{m}")) && digits(sec, 2).is_some_and(|v| v < 60),
        _ => false,
    }
}

fn is_hh_mm(s: &str) -> bool {
    let Some((h, m)) = s.split_once(':') else {
        return false;
    };
    digits(h, 2).is_some_and(|v| v < 24) && digits(m, 2).is_some_and(|v| v < 60)
}

fn is_datetime(s: &str) -> bool {
    match s.split_once([' ', 'T']) {
        Some((date, time)) => is_date(date) && is_time(time),
        None => is_date(s),
    }
}

fn is_uuid(s: &str) -> bool {
    let hex =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_hexdigit());
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [a] => hex(a, 32),
        [a, b, c, d, e] => hex(a, 8) && hex(b, 4) && hex(c, 4) && hex(d, 4) && hex(e, 12),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(type_text: &str, nullable: bool) -> Column {
        Column {
            name: "c".into(),
            type_: ColumnType::parse(type_text).unwrap(),
            primary_key: false,
            nullable: Some(nullable),
            server_default: None,
            autoincrement: None,
            identity: None,
            computed: None,
            unique: false,
            index: false,
            comment: None,
            foreign_key: None,
            default: None,
        }
    }

    fn s(v: &str) -> Literal {
        Literal::String(v.into())
    }

    fn n(v: &str) -> Literal {
        Literal::Number(v.into())
    }

    #[test]
    fn integers_take_whole_numbers_in_range() {
        let c = column("Integer", true);
        assert!(check_value(&c, &n("42")).is_ok());
        assert!(check_value(&c, &s("42")).unwrap_err().contains("string"));
        assert!(check_value(&c, &n("2.5")).is_err());
        assert!(check_value(&c, &n("3000000000"))
            .unwrap_err()
            .contains("range"));
        assert!(check_value(&column("SmallInteger", true), &n("40000")).is_err());
        assert!(check_value(&column("BigInteger", true), &n("3000000000")).is_ok());
    }

    #[test]
    fn strings_respect_their_length() {
        let c = column("String(3)", true);
        assert!(check_value(&c, &s("abc")).is_ok());
        assert!(check_value(&c, &s("éèà")).is_ok());
        assert!(check_value(&c, &s("abcd"))
            .unwrap_err()
            .contains("4 characters"));
        assert!(check_value(&c, &n("1.10")).unwrap_err().contains("quote"));
        assert!(check_value(&column("Text", true), &s(&"x".repeat(10_000))).is_ok());
    }

    #[test]
    fn nulls_need_a_nullable_column() {
        assert!(check_value(&column("Integer", true), &Literal::Null).is_ok());
        assert!(check_value(&column("Integer", false), &Literal::Null).is_err());
    }

    #[test]
    fn dates_times_and_uuids_are_parsed() {
        let date = column("Date", true);
        assert!(check_value(&date, &s("2024-02-29")).is_ok());
        assert!(check_value(&date, &s("2023-02-29")).is_err());
        assert!(check_value(&date, &s("yesterday")).is_err());
        let datetime = column("DateTime", true);
        assert!(check_value(&datetime, &s("2024-01-02 03:04:05")).is_ok());
        assert!(check_value(&datetime, &s("2024-01-02T03:04:05.123456+02:00")).is_ok());
        assert!(check_value(&datetime, &s("2024-01-02 25:00:00")).is_err());
        assert!(check_value(&column("Time", true), &s("23:59")).is_ok());
        let uuid = column("Uuid", true);
        assert!(check_value(&uuid, &s("123e4567-e89b-12d3-a456-426614174000")).is_ok());
        assert!(check_value(&uuid, &s("123e4567")).is_err());
    }

    #[test]
    fn numerics_enums_and_booleans() {
        let money = column("Numeric(5, 2)", true);
        assert!(check_value(&money, &n("123.45")).is_ok());
        assert!(check_value(&money, &n("1234.5")).is_err());
        let kind = column("Enum('s3', 'gcs', name='kind')", true);
        assert!(check_value(&kind, &s("gcs")).is_ok());
        assert!(check_value(&kind, &s("gcss"))
            .unwrap_err()
            .contains("did you mean `gcs`"));
        assert!(check_value(&column("Boolean", true), &n("1")).is_err());
        assert!(check_value(&column("Boolean", true), &Literal::Bool(true)).is_ok());
    }
}
