//! Types and defaults written back as a revision would write them, for messages.

use crate::revision::ServerDefault;
use crate::types::{ColumnType, TypeArg};

/// `String(32)`, `Enum('a', 'b', name='x')`: the type as SQLAlchemy spells it.
pub fn type_text(column_type: &ColumnType) -> String {
    let sized = |name: &str, length: &Option<u32>| match length {
        Some(n) => format!("{name}({n})"),
        None => name.to_owned(),
    };
    match column_type {
        ColumnType::Upper {
            name,
            length,
            precision,
            scale,
            timezone,
            collation,
        } => {
            let mut args: Vec<String> = [length, precision, scale]
                .iter()
                .filter_map(|n| n.map(|n| n.to_string()))
                .collect();
            if *timezone {
                args.push("timezone=True".into());
            }
            args.extend(collation.iter().map(|c| format!("collation='{c}'")));
            called(name, &args)
        }
        ColumnType::Integer => "Integer".into(),
        ColumnType::SmallInteger => "SmallInteger".into(),
        ColumnType::BigInteger => "BigInteger".into(),
        ColumnType::String { length, collation } => collated("String", length, collation),
        ColumnType::Text { length, collation } => collated("Text", length, collation),
        ColumnType::Unicode { length, collation } => collated("Unicode", length, collation),
        ColumnType::UnicodeText => "UnicodeText".into(),
        ColumnType::Boolean {
            create_constraint,
            name,
        } => {
            let mut args = Vec::new();
            if *create_constraint {
                args.push("create_constraint=True".to_owned());
            }
            args.extend(name.iter().map(|n| format!("name='{n}'")));
            called("Boolean", &args)
        }
        ColumnType::Float { precision } => sized("Float", precision),
        ColumnType::Numeric { precision, scale } => match (precision, scale) {
            (Some(p), Some(s)) => format!("Numeric({p}, {s})"),
            (Some(p), None) => format!("Numeric({p})"),
            _ => "Numeric".into(),
        },
        ColumnType::Date => "Date".into(),
        ColumnType::DateTime { timezone } => timezoned("DateTime", *timezone),
        ColumnType::Time { timezone } => timezoned("Time", *timezone),
        ColumnType::Interval => "Interval".into(),
        ColumnType::LargeBinary { length } => sized("LargeBinary", length),
        ColumnType::Json => "JSON".into(),
        ColumnType::Uuid => "Uuid".into(),
        ColumnType::Enum { values, name, .. } => {
            let mut args: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
            if let Some(name) = name {
                args.push(format!("name='{name}'"));
            }
            format!("Enum({})", args.join(", "))
        }
        ColumnType::Dialect {
            dialect,
            name,
            args,
            options,
        } => {
            let mut args: Vec<String> = args.iter().map(arg_text).collect();
            args.extend(options.iter().map(|(k, v)| format!("{k}={}", arg_text(v))));
            called(&format!("{dialect}.{name}"), &args)
        }
        ColumnType::PerDialect { types } => {
            let entries: Vec<String> = types
                .iter()
                .map(|(d, t)| format!("{d}: {}", type_text(t)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        ColumnType::Sql { sql } => format!("{{sql: {sql}}}"),
    }
}

/// `name(a, b)`, or `name` alone without arguments.
fn called(name: &str, args: &[String]) -> String {
    if args.is_empty() {
        name.to_owned()
    } else {
        format!("{name}({})", args.join(", "))
    }
}

/// `String(32)`, `String(32, collation='C')`.
fn collated(name: &str, length: &Option<u32>, collation: &Option<String>) -> String {
    let mut args: Vec<String> = length.iter().map(u32::to_string).collect();
    args.extend(collation.iter().map(|c| format!("collation='{c}'")));
    called(name, &args)
}

fn timezoned(name: &str, timezone: bool) -> String {
    if timezone {
        format!("{name}(timezone=True)")
    } else {
        name.to_owned()
    }
}

fn arg_text(arg: &TypeArg) -> String {
    match arg {
        TypeArg::Int(n) => n.to_string(),
        TypeArg::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        TypeArg::Str(s) => format!("'{s}'"),
        TypeArg::Type(t) => type_text(t),
    }
}

/// A server default as a revision writes it: `'queued'`, `0`, `true`, `{sql: now()}`.
pub fn default_text(default: &Option<ServerDefault>) -> String {
    match default {
        None => "no default".into(),
        Some(ServerDefault::String(s)) => format!("'{s}'"),
        Some(ServerDefault::Number(n)) => n.clone(),
        Some(ServerDefault::Bool(b)) => b.to_string(),
        Some(ServerDefault::Sql(sql)) => format!("{{sql: {sql}}}"),
        Some(ServerDefault::PerDialect(map)) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(dialect, d)| format!("{dialect}: {}", default_text(&Some(d.clone()))))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// An optional comment for messages.
pub fn comment_text(comment: &Option<String>) -> String {
    match comment {
        None => "no comment".into(),
        Some(c) => format!("'{c}'"),
    }
}
