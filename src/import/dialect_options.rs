//! The index options of `op.create_index` whose values are dicts or
//! numbers (`postgresql_ops`, `postgresql_with`, `mysql_length`), written as
//! the YAML keys of the same names.

use super::eval::{person, surface, Call, Unconvertible, Val};
use serde_yaml::{Mapping, Value};

/// Each of the options the call gives, as its YAML key and value.
pub fn index_options(call: &Call) -> Result<Vec<(&'static str, Value)>, Unconvertible> {
    let mut options = Vec::new();
    let given = |key: &str| call.kw(key).filter(|v| **v != Val::None);
    if let Some(ops) = given("postgresql_ops") {
        options.push(("postgresql_ops", operator_classes(ops)?));
    }
    if let Some(with) = given("postgresql_with") {
        options.push(("postgresql_with", storage_parameters(with)?));
    }
    if let Some(length) = given("mysql_length") {
        options.push(("mysql_length", prefix_length(length)?));
    }
    Ok(options)
}

/// The items of a dict whose keys are strings (column or parameter names).
fn named_items<'a>(v: &'a Val, key: &str) -> Result<Vec<(&'a str, &'a Val)>, Unconvertible> {
    let Val::Dict(items) = v else {
        return Err(person(format!("{key} that is {}", v.describe())));
    };
    items
        .iter()
        .map(|(k, v)| match k {
            Val::Str(name) => Ok((name.as_str(), v)),
            other => Err(surface(format!("{key} keyed by {}", other.describe()))),
        })
        .collect()
}

/// `{"name": "text_pattern_ops"}`.
fn operator_classes(v: &Val) -> Result<Value, Unconvertible> {
    let mut out = Mapping::new();
    for (column, class) in named_items(v, "postgresql_ops")? {
        let Val::Str(class) = class else {
            return Err(person(format!(
                "a postgresql_ops operator class that is {}",
                class.describe()
            )));
        };
        out.insert(
            Value::String(column.to_owned()),
            Value::String(class.clone()),
        );
    }
    Ok(Value::Mapping(out))
}

/// `{"fillfactor": 70}`, in the dict's order.
fn storage_parameters(v: &Val) -> Result<Value, Unconvertible> {
    let mut out = Mapping::new();
    for (name, value) in named_items(v, "postgresql_with")? {
        out.insert(Value::String(name.to_owned()), super::sa::literal(value)?);
    }
    Ok(Value::Mapping(out))
}

/// `10` or `{"name": 10}`.
fn prefix_length(v: &Val) -> Result<Value, Unconvertible> {
    let length = |v: &Val| match v {
        Val::Int(n) if *n > 0 => Ok(Value::Number((*n).into())),
        other => Err(person(format!(
            "a mysql_length that is {}",
            other.describe()
        ))),
    };
    if let Val::Dict(_) = v {
        let mut out = Mapping::new();
        for (column, n) in named_items(v, "mysql_length")? {
            out.insert(Value::String(column.to_owned()), length(n)?);
        }
        return Ok(Value::Mapping(out));
    }
    length(v)
}
