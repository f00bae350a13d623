//! The filters and functions every dialect's templates use.
//!
//! `quote` and `table` for identifiers, `literal` for values: no value from a
//! revision reaches the SQL without one of them, except `{sql: ...}`
//! expressions, `execute` text and check conditions.

use crate::dialect::DialectFacts;
use crate::per_dialect::FALLBACK;
use minijinja::value::{Kwargs, ValueKind};
use minijinja::{Environment, Error, ErrorKind, Value};
use std::sync::Arc;

/// Starts the detail of an error raised by `fail()`, to tell it from a
/// template bug.
pub(super) const FAIL_MARK: &str = "fail: ";

/// Adds the filters and functions to `env`.
pub(super) fn register(env: &mut Environment<'static>, facts: &Arc<DialectFacts>) {
    let f = facts.clone();
    env.add_filter("quote", move |name: String| quote(&f, &name));
    let f = facts.clone();
    env.add_filter("table", move |name: String, schema: Option<String>| {
        let table = match f.table_name_problem(&name) {
            Some(problem) => return Err(fail(problem)),
            None => f.quote_identifier(&name),
        };
        Ok::<_, Error>(match schema {
            Some(schema) => format!("{}.{table}", quote(&f, &schema)?),
            None => table,
        })
    });
    let f = facts.clone();
    env.add_filter("literal", move |value: Value, kwargs: Kwargs| {
        let constant: Option<bool> = kwargs.get("constant")?;
        let comment: Option<bool> = kwargs.get("comment")?;
        kwargs.assert_all_used()?;
        if comment == Some(true) {
            if let Some(problem) = value.as_str().and_then(|text| f.comment_problem(text)) {
                return Err(fail(problem));
            }
        }
        literal(&f, &value, constant.unwrap_or(false))
    });
    let f = facts.clone();
    env.add_filter("resolve", move |value: Value, kwargs: Kwargs| {
        resolve(&f, value, kwargs)
    });
    env.add_filter("needs_parentheses", needs_parentheses);
    let f = facts.clone();
    env.add_filter("conversion_to", move |from: Value, to: Value| {
        conversion_to(&f, &from, &to)
    });
    env.add_function("fail", |message: String| -> Result<Value, Error> {
        Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("{FAIL_MARK}{message}"),
        ))
    });
}

/// An identifier, quoted where SQLAlchemy quotes it; a name the dialect
/// cannot take exactly (too long, or refused by its facts) is an error.
fn quote(facts: &DialectFacts, name: &str) -> Result<String, Error> {
    match facts.identifier_problem(name) {
        Some(problem) => Err(fail(problem)),
        None => Ok(facts.quote_identifier(name)),
    }
}

fn fail(message: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, format!("{FAIL_MARK}{message}"))
}

/// A value as a SQL literal: strings quoted and escaped, booleans as the
/// dialect writes them, `none` as NULL, numbers as written. Also takes the
/// model's tagged values (`{kind: string, value: ...}`) of bulk-insert rows and
/// server defaults; a `sql` default is not a literal and is refused.
/// The filter's `comment=true` marks a comment, which must also pass the
/// dialect's `comment_refusals`.
/// `constant` (`literal(constant=true)`): where SQL takes only a string
/// constant, not an expression (Oracle's `COMMENT ON ... IS`), text the
/// dialect writes as an expression is an error.
fn literal(facts: &DialectFacts, value: &Value, constant: bool) -> Result<String, Error> {
    match value.kind() {
        ValueKind::None => Ok("NULL".into()),
        ValueKind::Bool => Ok(facts.boolean_literal(value.is_true()).to_owned()),
        ValueKind::Number => Ok(value.to_string()),
        ValueKind::String => string_literal(facts, value.as_str().unwrap_or_default(), constant),
        ValueKind::Map => tagged_literal(facts, value, constant),
        _ => Err(fail(format!(
            "`{value}` cannot be written as a SQL literal"
        ))),
    }
}

fn string_literal(facts: &DialectFacts, text: &str, constant: bool) -> Result<String, Error> {
    if constant {
        facts.constant_string_literal(text).map_err(fail)
    } else {
        facts.string_literal(text).map_err(fail)
    }
}

fn tagged_literal(facts: &DialectFacts, value: &Value, constant: bool) -> Result<String, Error> {
    let kind = value.get_attr("kind")?;
    let inner = value.get_attr("value")?;
    match kind.as_str() {
        Some("null") => Ok("NULL".into()),
        Some("bool") => Ok(facts.boolean_literal(inner.is_true()).to_owned()),
        // Numbers are kept as the YAML text, already valid SQL.
        Some("number") => Ok(inner
            .as_str()
            .map_or_else(|| inner.to_string(), String::from)),
        Some("string") => string_literal(facts, inner.as_str().unwrap_or_default(), constant),
        _ => Err(fail(format!(
            "`{value}` cannot be written as a SQL literal"
        ))),
    }
}

/// Picks the dialect's entry of a per-dialect value: a type or server-default
/// mapping (`{postgresql: JSONB, default: JSON}`) or SQL text with `default:`;
/// anything else is returned as it is. `what=` names the value in the error.
fn resolve(facts: &DialectFacts, value: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let what: Option<String> = kwargs.get("what")?;
    kwargs.assert_all_used()?;
    let what = what.unwrap_or_else(|| "this value".into());
    if value.kind() != ValueKind::Map {
        return Ok(value);
    }
    // A `PerDialect` is its mapping as written; a type or a default holds
    // one under its tag, `execute` text is one.
    let kind = value.get_attr("kind")?;
    let choices = match kind.as_str() {
        Some("PerDialect") => value.get_attr("types")?,
        Some("per_dialect") => value.get_attr("value")?,
        None if kind.is_undefined() => value,
        _ => return Ok(value),
    };
    for key in [facts.name.as_str(), FALLBACK] {
        let chosen = choices.get_attr(key)?;
        if !chosen.is_undefined() && !chosen.is_none() {
            return Ok(chosen);
        }
    }
    Err(fail(format!(
        "{what} has no entry for {} and no `default:`",
        facts.name
    )))
}

/// How a type change from type `from` to type `to` (both resolved)
/// converts the values, by the dialect's `type_change_casts`: `automatic`,
/// `direct`, `via` or `unknown` (see [`crate::dialect::Conversion`]).
fn conversion_to(facts: &DialectFacts, from: &Value, to: &Value) -> Result<String, Error> {
    let Some(casts) = &facts.type_change_casts else {
        return Err(fail(format!(
            "{} has no `type_change_casts` in dialect.yaml",
            facts.name
        )));
    };
    let kind = |t: &Value| -> Result<String, Error> {
        let kind = t.get_attr("kind")?;
        let native = t.get_attr("native_enum")?;
        Ok(match kind.as_str() {
            Some("Enum") if native.is_true() || native.is_undefined() => "Enum".into(),
            Some("Enum") => "String".into(),
            Some(other) => other.into(),
            None => String::new(),
        })
    };
    let conversion = casts.conversion(&kind(from)?, &kind(to)?, from == to);
    Ok(conversion.as_str().to_owned())
}

/// SQLAlchemy's rule on SQLite and MySQL: a default expression is wrapped in
/// parentheses unless it starts with a quote or a parenthesis or is one word.
fn needs_parentheses(text: String) -> bool {
    let start = text.trim_start();
    let quoted = start.starts_with(['\'', '"', '(']);
    let one_word = text.chars().all(|c| c.is_alphanumeric() || c == '_');
    !quoted && !one_word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Dialect;

    fn facts(name: &str) -> DialectFacts {
        Dialect::load(name, None).unwrap().facts
    }

    // Literals as the bulk_insert probes show them (true/1, NULL, 'a''b').
    #[test]
    fn literals_per_dialect() {
        let pg = facts("postgresql");
        let mssql = facts("mssql");
        assert_eq!(literal(&pg, &Value::from(true), false).unwrap(), "true");
        assert_eq!(literal(&mssql, &Value::from(false), false).unwrap(), "0");
        assert_eq!(literal(&pg, &Value::from(()), false).unwrap(), "NULL");
        assert_eq!(
            literal(&pg, &Value::from("O'Brien"), false).unwrap(),
            "'O''Brien'"
        );
        let tagged = Value::from_serialize(crate::revision::Literal::Number("3.10".into()));
        assert_eq!(literal(&pg, &tagged, false).unwrap(), "3.10");
        let tagged = Value::from_serialize(crate::revision::Literal::String("a'b\\c".into()));
        assert_eq!(
            literal(&facts("mysql"), &tagged, false).unwrap(),
            "'a''b\\\\c'"
        );
    }

    #[test]
    fn sql_defaults_are_not_literals() {
        let tagged = Value::from_serialize(crate::revision::ServerDefault::Sql("now()".into()));
        assert!(literal(&facts("postgresql"), &tagged, false).is_err());
    }

    #[test]
    fn parentheses_around_default_expressions() {
        assert!(needs_parentheses("now()".into()));
        assert!(!needs_parentheses("CURRENT_TIMESTAMP".into()));
        assert!(!needs_parentheses("'x'".into()));
        assert!(!needs_parentheses("42".into()));
    }

    #[test]
    fn long_identifiers_are_errors() {
        let name = "x".repeat(64);
        assert!(quote(&facts("postgresql"), &name).is_err());
        assert!(quote(&facts("mssql"), &name).is_ok());
    }
}
