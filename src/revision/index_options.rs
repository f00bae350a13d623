//! The index options whose values are more than a word: PostgreSQL's
//! operator classes and storage parameters, MySQL's prefix lengths. Each is
//! keyed and shaped as the Alembic keyword (`postgresql_ops={"a": "..."}`).

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// True for a name written into the SQL as it is: letters, digits, `_` and
/// `.` (a schema-qualified operator class).
fn plain_name(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// `postgresql_ops={"name": "text_pattern_ops"}`: an operator class for
/// some of the index's columns, by column name.
pub fn operator_classes<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    let classes = BTreeMap::<String, String>::deserialize(deserializer)?;
    if let Some((column, class)) = classes.iter().find(|(_, class)| !plain_name(class)) {
        return Err(de::Error::custom(format!(
            "`{class}` (for `{column}`) is not an operator class name \
             (letters, digits, `_` and `.` only)"
        )));
    }
    Ok(classes)
}

/// `mysql_length=10` (every column) or `mysql_length={"a": 10}` (some
/// columns): MySQL's index prefix lengths, `a(10)`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(
    untagged,
    expecting = "a prefix length (a whole number), or {column: length}"
)]
pub enum PrefixLength {
    /// The same length for every column.
    Every(u32),
    /// A length for the columns named.
    PerColumn(BTreeMap<String, u32>),
}

impl PrefixLength {
    /// The columns it names (none for [`PrefixLength::Every`]).
    pub fn columns(&self) -> Vec<&str> {
        match self {
            PrefixLength::Every(_) => Vec::new(),
            PrefixLength::PerColumn(lengths) => lengths.keys().map(String::as_str).collect(),
        }
    }
}

/// `postgresql_with={"fillfactor": 70}`: PostgreSQL's storage parameters,
/// in the order written (SQLAlchemy writes the dict's order), each a name
/// and its value as SQLAlchemy prints it (`None`: the name alone).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct StorageParameters(pub Vec<(String, Option<String>)>);

impl StorageParameters {
    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for StorageParameters {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ParametersVisitor)
    }
}

struct ParametersVisitor;

impl<'de> Visitor<'de> for ParametersVisitor {
    type Value = StorageParameters;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("storage parameters, {name: value}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut parameters = Vec::new();
        while let Some((name, value)) = map.next_entry::<String, ParameterValue>()? {
            if !plain_name(&name) || name.contains('.') {
                return Err(de::Error::custom(format!(
                    "`{name}` is not a storage parameter name (letters, digits and `_` only)"
                )));
            }
            parameters.push((name, value.0));
        }
        Ok(StorageParameters(parameters))
    }
}

/// A storage parameter's value as SQLAlchemy prints it (`true`, `70`,
/// `off`; `null` is Python's `None`, the name alone).
struct ParameterValue(Option<String>);

impl<'de> Deserialize<'de> for ParameterValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = match serde_yaml::Value::deserialize(deserializer)? {
            serde_yaml::Value::Null => None,
            serde_yaml::Value::Bool(flag) => Some(flag.to_string()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            serde_yaml::Value::String(s) if plain_name(&s) => Some(s),
            other => {
                return Err(de::Error::custom(format!(
                    "a storage parameter's value is a number, true/false, a word or null, not {}",
                    serde_yaml::to_string(&other).unwrap_or_default().trim_end()
                )))
            }
        };
        Ok(ParameterValue(text))
    }
}

#[cfg(test)]
mod tests {
    use crate::revision::{CreateIndex, PrefixLength};

    fn index(yaml: &str) -> Result<CreateIndex, String> {
        serde_yaml::from_str(&format!("{{name: ix, table: t, columns: [a, b], {yaml}}}"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn alembic_keywords_are_taken_for_retort_keys() {
        let ix = index("postgresql_where: a > 0, postgresql_concurrently: true").unwrap();
        assert_eq!(ix.where_.as_deref(), Some("a > 0"));
        assert!(ix.concurrently);
    }

    #[test]
    fn storage_parameters_keep_their_order_and_python_spelling() {
        let ix =
            index("postgresql_with: {fillfactor: 70, deduplicate_items: false, buffering: null}")
                .unwrap();
        assert_eq!(
            ix.postgresql_with.0,
            vec![
                ("fillfactor".to_owned(), Some("70".to_owned())),
                ("deduplicate_items".to_owned(), Some("false".to_owned())),
                ("buffering".to_owned(), None),
            ]
        );
    }

    #[test]
    fn prefix_lengths_are_one_number_or_by_column() {
        let every = index("mysql_length: 10").unwrap();
        assert_eq!(every.mysql_length, Some(PrefixLength::Every(10)));
        let some = index("mysql_length: {a: 5}").unwrap();
        assert_eq!(some.index_def().keyed_columns(), ["a"]);
        let refused = index("mysql_length: -1").unwrap_err();
        assert!(refused.contains("prefix length"), "{refused}");
    }

    #[test]
    fn values_written_into_the_sql_are_names() {
        for (yaml, says) in [
            (
                "postgresql_ops: {a: \"x; DROP\"}",
                "not an operator class name",
            ),
            (
                "postgresql_with: {\"fill factor\": 1}",
                "not a storage parameter name",
            ),
            (
                "postgresql_with: {fillfactor: \"1)\"}",
                "a storage parameter's value",
            ),
            ("mysql_prefix: \"FULLTEXT x\"", "letters, digits"),
        ] {
            let refused = index(yaml).unwrap_err();
            assert!(refused.contains(says), "{yaml}: {refused}");
        }
    }
}
