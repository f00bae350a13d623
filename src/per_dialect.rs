//! A value given per dialect, with `default:` as the fallback: a column type
//! (`{postgresql: JSONB, default: JSON}`), a server default, or `execute` text.
//!
//! The mapping is kept as written, `default` included, so a template sees the
//! keys of the YAML (and the `resolve` filter picks the dialect's entry).

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// The key of the entry used by dialects without their own.
pub const FALLBACK: &str = "default";

/// A value per dialect name, with an optional fallback under `default`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct PerDialect<T> {
    /// Dialect name (or `default`) → value, sorted by name.
    entries: BTreeMap<String, T>,
}

impl<T> Default for PerDialect<T> {
    fn default() -> Self {
        PerDialect {
            entries: BTreeMap::new(),
        }
    }
}

impl<T> PerDialect<T> {
    /// The same value for every dialect: only a fallback.
    pub fn everywhere(value: T) -> Self {
        let mut values = PerDialect::default();
        values.insert(FALLBACK.to_owned(), value);
        values
    }

    /// The value for `dialect`: its own entry, else the fallback.
    pub fn for_dialect(&self, dialect: &str) -> Option<&T> {
        self.entries
            .get(dialect)
            .or_else(|| self.entries.get(FALLBACK))
    }

    /// The fallback, for dialects without their own entry.
    pub fn fallback(&self) -> Option<&T> {
        self.entries.get(FALLBACK)
    }

    /// Sets the entry for `key`: a dialect name, or `default` for the fallback.
    pub fn insert(&mut self, key: String, value: T) {
        self.entries.insert(key, value);
    }

    /// Whether no entry, not even a fallback, is given.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries as written (`default` among them), sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.entries
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }

    /// Every value, the fallback's included, sorted by key.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.entries.values_mut()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for PerDialect<T> {
    /// A mapping of dialect name to value, with `default:` as the fallback.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = PerDialect<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of dialect name to value, with `default:` as the fallback")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PerDialect<T>, A::Error> {
                let mut values = PerDialect::default();
                while let Some(key) = map.next_key::<String>()? {
                    values.insert(key, map.next_value()?);
                }
                Ok(values)
            }
        }
        deserializer.deserialize_map(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> PerDialect<String> {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn a_dialect_takes_its_own_entry_else_the_fallback() {
        let values = parse("{postgresql: JSONB, default: JSON}");
        assert_eq!(values.for_dialect("postgresql").unwrap(), "JSONB");
        assert_eq!(values.for_dialect("mysql").unwrap(), "JSON");
        assert_eq!(values.fallback().unwrap(), "JSON");
    }

    #[test]
    fn without_a_fallback_other_dialects_have_nothing() {
        let values = parse("{postgresql: JSONB}");
        assert_eq!(values.for_dialect("sqlite"), None);
        assert_eq!(values.fallback(), None);
    }

    #[test]
    fn serializes_as_written_with_default_among_the_keys() {
        let values = parse("{sqlite: c, default: b, mysql: a}");
        assert_eq!(
            serde_json::to_string(&values).unwrap(),
            r#"{"default":"b","mysql":"a","sqlite":"c"}"#
        );
        assert_eq!(
            serde_json::to_string(&PerDialect::everywhere("x")).unwrap(),
            r#"{"default":"x"}"#
        );
    }

    #[test]
    fn only_a_mapping_is_per_dialect() {
        assert!(serde_yaml::from_str::<PerDialect<String>>("JSONB").is_err());
    }
}
