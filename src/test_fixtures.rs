//! Builders shared by the unit tests of several stages: ops and revisions
//! from YAML, as a revision file has them, and a built-in dialect's facts.

use crate::location::Location;
use crate::revision::{Downgrade, OpEntry, RawOpItem, Revision, SourceFile};
use crate::schema::{apply_ops, Schema, SchemaError};

/// Ops from a YAML list; op `i` is placed at line `i + 1`, column 3 of `file`.
pub(crate) fn ops_in(file: &str, yaml: &str) -> Vec<OpEntry> {
    let items: Vec<RawOpItem> = serde_yaml::from_str(yaml).expect("test ops parse");
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| OpEntry {
            op: item.op,
            review: item.review,
            location: Location::new(file, i + 1, 3),
        })
        .collect()
}

/// A root revision `id` from `<id>.yaml` with these ops; no downgrade is `auto`.
pub(crate) fn revision(
    id: &str,
    upgrade: Vec<OpEntry>,
    downgrade: Option<Vec<OpEntry>>,
) -> Revision {
    Revision {
        id: id.into(),
        down_revisions: Vec::new(),
        branch_labels: Vec::new(),
        depends_on: Vec::new(),
        message: Some(String::new()),
        create_date: None,
        upgrade,
        downgrade: downgrade.map_or(Downgrade::Auto, Downgrade::Ops),
        source: SourceFile {
            path: format!("{id}.yaml").into(),
            sha256: String::new(),
        },
        location: Location::new(format!("{id}.yaml"), 1, 1),
        key_locations: Default::default(),
    }
}

/// The facts of the built-in dialect `name`.
pub(crate) fn facts(name: &str) -> crate::dialect::DialectFacts {
    crate::dialect::Dialect::load(name, None)
        .expect("a built-in dialect")
        .facts
}

/// A schema model on the built-in `dialect`, with the ops of the YAML list
/// `yaml` replayed (from `rev.yaml`), or the first refusal.
pub(crate) fn replayed_on(dialect: &str, yaml: &str) -> Result<Schema, SchemaError> {
    let facts = facts(dialect);
    let mut schema = Schema::on(&facts);
    apply_ops(&mut schema, &ops_in("rev.yaml", yaml), None)?;
    Ok(schema)
}
