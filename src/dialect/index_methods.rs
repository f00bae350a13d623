//! The index methods of `postgresql_using` (`dialect.yaml`'s
//! `index_methods`): what an index of each method can be (unique,
//! multicolumn, with INCLUDE columns) and the column type kinds it has a
//! default operator class for. The schema model refuses the rest at compile
//! time, as the engine does when the index is built.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The engine's index methods; empty: nothing judged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexMethods {
    /// The method of an index without `postgresql_using`, and of primary
    /// keys and unique constraints (PostgreSQL: `btree`).
    #[serde(default)]
    pub default: Option<String>,
    /// What each method can do, by its lowercase name; a method not listed
    /// (an extension's) is not judged.
    #[serde(default)]
    pub methods: BTreeMap<String, IndexMethod>,
}

/// What an index of one method can be.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexMethod {
    /// A unique index of this method exists.
    pub unique: bool,
    /// An index of this method may have several columns.
    pub multicolumn: bool,
    /// An index of this method may have INCLUDE columns.
    pub include: bool,
    /// The generic type kinds (`Integer`, `JSON`...) with a default operator
    /// class for this method; a column of another kind cannot be in such an
    /// index ("data type json has no default operator class for access
    /// method btree"). Dialect types, and raw types other than a standard
    /// type name, are not judged.
    pub operator_classes: Vec<String>,
}

impl IndexMethods {
    /// The method `using` names (or the default one), if it is listed.
    pub fn method(&self, using: Option<&str>) -> Option<(String, &IndexMethod)> {
        let name = using.or(self.default.as_deref())?.to_ascii_lowercase();
        let method = self.methods.get(&name)?;
        Some((name, method))
    }
}
