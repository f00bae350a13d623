//! The names engines give constraints created without one, as data: each
//! dialect's `unnamed_constraints:` in `dialect.yaml` says how its engine
//! names them, and this module interprets it, with no knowledge of any
//! particular engine.
//!
//! A name is a pattern (`"{table}_{columns}_fkey"`) whose placeholders are
//! filled from the constraint; a name already taken gets a number; a name
//! too long for the engine is shortened the way PostgreSQL's
//! `makeObjectName` does (the longest placeholder value loses a character
//! until the name fits).

use crate::revision::ConstraintKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How an engine names an unnamed constraint: `unnamed_constraints:` in
/// `dialect.yaml`. A dialect without it keeps no name (SQLite).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnnamedConstraints {
    /// The name of each kind of constraint (`primary`, `unique`,
    /// `foreignkey`, `check`).
    #[serde(default)]
    pub names: BTreeMap<ConstraintKind, NamePattern>,
    /// Which names a new name must differ from.
    #[serde(default)]
    pub distinct_in: Scope,
    /// What a taken name gets to become free (a pattern without `{n}`).
    #[serde(default)]
    pub numbering: Numbering,
    /// The longest name, in UTF-8 bytes, the engine keeps: a longer one is
    /// shortened, the longest placeholder value first.
    #[serde(default)]
    pub shorten_to: Option<usize>,
    /// Why no revision can know the name (SQL Server and Oracle make a random
    /// one): a drop by name of such a constraint is refused with this reason.
    #[serde(default)]
    pub unknowable: Option<String>,
    /// Whether a name the engine gave follows a rename of its table (InnoDB:
    /// `<old>_ibfk_1` becomes `<new>_ibfk_1`), where PostgreSQL keeps it.
    /// The replay does not follow it yet: `retort schema` then writes such
    /// constraints unnamed, for the engine to name after the new table.
    #[serde(default)]
    pub follow_table_renames: bool,
}

/// One kind's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamePattern {
    /// The name, with placeholders: `{table}`, `{columns}` (joined with `_`),
    /// `{first_column}`, `{check_column}` (the one column a check names, or
    /// nothing, and then the `_` after it goes too) and `{n}`.
    pub pattern: String,
    /// How `{n}` is chosen.
    #[serde(default)]
    pub n: Counter,
}

/// How the number `{n}` of a pattern is chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counter {
    /// The smallest number from 1 that gives a free name (MariaDB's `CONSTRAINT_n`).
    #[default]
    FirstFree,
    /// One more than the highest number the table's names of this pattern
    /// have (InnoDB's `<table>_ibfk_<n>`): a dropped number is not reused.
    AfterHighest,
}

/// Which names a new name must differ from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The constraints and indexes of the table.
    #[default]
    Table,
    /// Every constraint, index and table of the schema (PostgreSQL).
    Schema,
}

/// What a taken name gets: `suffix` (with `{n}`) after the name, `n` from `from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbering {
    /// Written after the name, `{n}` the number (`"_{n}"`).
    pub suffix: String,
    /// The first number tried.
    pub from: u32,
}

impl Default for Numbering {
    fn default() -> Self {
        Numbering {
            suffix: "{n}".into(),
            from: 1,
        }
    }
}

/// The constraint to name, as the naming reads it.
#[derive(Debug, Clone, Copy)]
pub struct Unnamed<'a> {
    /// Its kind.
    pub kind: ConstraintKind,
    /// Its table's name.
    pub table: &'a str,
    /// Its columns (none for a check).
    pub columns: &'a [String],
    /// The one column a check names, if it names exactly one.
    pub check_column: Option<&'a str>,
}

/// The placeholders a pattern may fill, besides `{n}`.
const PLACEHOLDERS: [&str; 4] = ["table", "columns", "first_column", "check_column"];

impl UnnamedConstraints {
    /// The name the engine gives `constraint`, given the names in scope
    /// (`taken`) and the names of its table (for [`Counter::AfterHighest`]);
    /// `None` where the engine keeps no name or its name is unknowable.
    pub fn name(
        &self,
        constraint: &Unnamed,
        taken: &dyn Fn(&str) -> bool,
        table_names: &[&str],
    ) -> Option<String> {
        let pattern = self.names.get(&constraint.kind)?;
        let values = placeholder_values(constraint);
        if pattern.pattern.contains("{n}") {
            let n = match pattern.n {
                Counter::AfterHighest => {
                    highest_number(&pattern.pattern, &values, table_names).map_or(1, |n| n + 1)
                }
                Counter::FirstFree => {
                    (1..).find(|&n| !taken(&self.fit(&pattern.pattern, &values, Some(n), "")))?
                }
            };
            return Some(self.fit(&pattern.pattern, &values, Some(n), ""));
        }
        let plain = self.fit(&pattern.pattern, &values, None, "");
        if !taken(&plain) {
            return Some(plain);
        }
        (self.numbering.from..).find_map(|n| {
            let suffix = self.numbering.suffix.replace("{n}", &n.to_string());
            let numbered = self.fit(&pattern.pattern, &values, None, &suffix);
            (!taken(&numbered)).then_some(numbered)
        })
    }

    /// `pattern` filled, with `suffix` after it, shortened to `shorten_to`.
    fn fit(
        &self,
        pattern: &str,
        values: &BTreeMap<&'static str, String>,
        n: Option<u32>,
        suffix: &str,
    ) -> String {
        let mut values = values.clone();
        let Some(limit) = self.shorten_to else {
            return fill(pattern, &values, n) + suffix;
        };
        loop {
            let name = fill(pattern, &values, n) + suffix;
            if name.len() <= limit {
                return name;
            }
            // The longest value loses a byte; on a tie the later one, as in
            // PostgreSQL's makeObjectName (name2 before name1).
            let longest = PLACEHOLDERS
                .iter()
                .filter(|p| pattern.contains(&format!("{{{p}}}")))
                .filter(|p| values.get(*p).is_some_and(|v| !v.is_empty()))
                .max_by_key(|p| values[*p].len())
                .copied();
            let Some(longest) = longest else {
                return name;
            };
            let value = values.get_mut(longest).expect("a filled placeholder");
            let mut cut = value.len() - 1;
            while !value.is_char_boundary(cut) {
                cut -= 1;
            }
            value.truncate(cut);
        }
    }
}

/// What each placeholder of `constraint` stands for.
fn placeholder_values(constraint: &Unnamed) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("table", constraint.table.to_owned()),
        ("columns", constraint.columns.join("_")),
        (
            "first_column",
            constraint.columns.first().cloned().unwrap_or_default(),
        ),
        (
            "check_column",
            constraint.check_column.unwrap_or_default().to_owned(),
        ),
    ])
}

/// `pattern` with its placeholders filled; an empty value takes the `_`
/// after it along (`{table}_{check_column}_check` → `t_check`).
fn fill(pattern: &str, values: &BTreeMap<&'static str, String>, n: Option<u32>) -> String {
    let mut name = pattern.to_owned();
    for (placeholder, value) in values {
        let marker = format!("{{{placeholder}}}");
        if value.is_empty() {
            name = name.replace(&format!("{marker}_"), "");
        }
        name = name.replace(&marker, value);
    }
    match n {
        Some(n) => name.replace("{n}", &n.to_string()),
        None => name,
    }
}

/// The highest `{n}` among `names` that the pattern, filled, matches.
fn highest_number(
    pattern: &str,
    values: &BTreeMap<&'static str, String>,
    names: &[&str],
) -> Option<u32> {
    let (before, after) = pattern.split_once("{n}")?;
    let (before, after) = (fill(before, values, None), fill(after, values, None));
    names
        .iter()
        .filter_map(|name| {
            name.strip_prefix(before.as_str())?
                .strip_suffix(after.as_str())
        })
        .filter_map(|digits| digits.parse::<u32>().ok())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postgresql() -> UnnamedConstraints {
        serde_yaml::from_str(
            r#"
names:
  primary: {pattern: "{table}_pkey"}
  unique: {pattern: "{table}_{columns}_key"}
  foreignkey: {pattern: "{table}_{columns}_fkey"}
  check: {pattern: "{table}_{check_column}_check"}
distinct_in: schema
numbering: {suffix: "{n}", from: 1}
shorten_to: 63
"#,
        )
        .expect("valid naming")
    }

    fn unnamed<'a>(kind: ConstraintKind, table: &'a str, columns: &'a [String]) -> Unnamed<'a> {
        Unnamed {
            kind,
            table,
            columns,
            check_column: None,
        }
    }

    #[test]
    fn a_taken_name_gets_a_number_and_a_check_without_one_column_none() {
        let naming = postgresql();
        let columns = ["user_id".to_owned(), "address".to_owned()];
        let taken = |n: &str| n == "emails_user_id_address_key";
        let key = unnamed(ConstraintKind::Unique, "emails", &columns);
        assert_eq!(
            naming.name(&key, &taken, &[]).as_deref(),
            Some("emails_user_id_address_key1")
        );
        let check = unnamed(ConstraintKind::Check, "emails", &[]);
        assert_eq!(
            naming.name(&check, &|_| false, &[]).as_deref(),
            Some("emails_check")
        );
    }

    #[test]
    fn a_long_name_loses_from_its_longest_part_first() {
        let naming = postgresql();
        let table = "a".repeat(50);
        let columns = ["cc".to_owned(), "b".repeat(48)];
        let key = unnamed(ConstraintKind::Unique, &table, &columns);
        // What PostgreSQL 15 names it (tests/it/engines/unnamed.rs reads the same).
        let expected = format!("{}_cc_{}_key", "a".repeat(29), "b".repeat(26));
        assert_eq!(naming.name(&key, &|_| false, &[]), Some(expected));
    }

    #[test]
    fn after_highest_skips_a_dropped_number() {
        let naming: UnnamedConstraints = serde_yaml::from_str(
            "names: {foreignkey: {pattern: \"{table}_ibfk_{n}\", n: after_highest}}",
        )
        .expect("valid naming");
        let key = unnamed(ConstraintKind::Foreignkey, "emails", &[]);
        let names = ["emails_ibfk_1", "emails_ibfk_3", "PRIMARY"];
        assert_eq!(
            naming.name(&key, &|_| false, &names).as_deref(),
            Some("emails_ibfk_4")
        );
    }
}
