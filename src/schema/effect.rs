//! What an `execute` says its raw SQL does to the schema (`effect:`): the
//! model cannot read SQL, so its author describes the change as ops, which
//! are checked against the model and applied to it, never rendered.

use super::error::Problem;
use super::invert::{invert_op, with_engine_name};
use super::replay::apply_op;
use super::state::Schema;
use crate::revision::{Execute, Op};

/// Applies the `effect:` of `op` to `schema`, op by op, all or none of
/// them, and returns `op` with its effect completed by the model. An
/// `execute` without `effect:` leaves the model as it is.
pub fn apply_effect(schema: &mut Schema, op: &Execute) -> Result<Execute, Problem> {
    if op.effect.is_empty() {
        return Ok(op.clone());
    }
    let mut after = schema.clone();
    // The effect says what the engine did (a CASCADE drops a key and the
    // foreign keys on it at once): what it refuses of a single op is moot.
    after.rules = super::EngineRules::default();
    let mut effect = Vec::with_capacity(op.effect.len());
    for (position, effect_op) in op.effect.iter().enumerate() {
        let done = apply_op(&mut after, effect_op).map_err(|problem| Problem::InEffect {
            item: position + 1,
            op: effect_op.name(),
            problem: Box::new(problem),
        })?;
        after.index_foreign_keys();
        effect.push(done);
    }
    after.rules = std::mem::take(&mut schema.rules);
    *schema = after;
    Ok(Execute {
        effect,
        ..op.clone()
    })
}

/// The effect of an `execute`'s `reverse:` SQL, for a derived downgrade:
/// the inverse of each op of `effect` (completed by the replay), in reverse
/// order, each from the schema just before it (`before` is the schema
/// before the `execute`).
pub fn invert_effect(before: &Schema, effect: &[Op]) -> Result<Vec<Op>, String> {
    let mut schema = before.clone();
    let mut inverted = Vec::with_capacity(effect.len());
    for op in effect {
        let state = schema.clone();
        apply_op(&mut schema, op).map_err(|problem| problem.to_string())?;
        schema.index_foreign_keys();
        let undo = invert_op(&state, &with_engine_name(&schema, op)).map_err(|reason| {
            format!("its `effect:` `{}` cannot be inverted: {reason}", op.name())
        })?;
        inverted.push(undo);
    }
    Ok(inverted.into_iter().rev().flatten().collect())
}

#[cfg(test)]
mod tests {
    use crate::location::Location;
    use crate::revision::Op;
    use crate::schema::{apply_ops, downgrade_ops, Problem, Schema};
    use crate::test_fixtures::{ops_in, revision};

    /// Warehouse's shape: a primary key that another table's unnamed
    /// foreign key references, on PostgreSQL (which names both).
    const TABLES: &str = r#"
- create_table:
    name: packages
    columns:
      - {name: name, type: String(64), primary_key: true}
      - {name: id, type: Integer, nullable: false}
- create_table:
    name: releases
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: package_name, type: String(64), foreign_key: {table: packages, column: name}}
"#;

    /// `ALTER TABLE packages DROP CONSTRAINT packages_pkey CASCADE`, told.
    const CASCADE: &str = r#"
- execute:
    sql: ALTER TABLE packages DROP CONSTRAINT packages_pkey CASCADE
    effect:
      - drop_constraint: {name: releases_package_name_fkey, table: releases, type: foreignkey}
      - drop_constraint: {name: packages_pkey, table: packages, type: primary}
"#;

    fn tables() -> Schema {
        let postgresql = crate::test_fixtures::facts("postgresql");
        let mut schema = Schema::on(&postgresql);
        apply_ops(&mut schema, &ops_in("e1.yaml", TABLES), None).expect("the tables replay");
        schema
    }

    #[test]
    fn later_ops_see_what_the_effect_changed() {
        let later = "
- create_primary_key: {name: null, table: packages, columns: [id]}
- create_foreign_key: {name: null, source_table: releases, referent_table: packages, local_cols: [package_name], remote_cols: [name]}
";
        // Without the effect, the model still has the key and the foreign key.
        let error = apply_ops(&mut tables(), &ops_in("e2.yaml", later), None)
            .expect_err("packages still has its primary key");
        assert!(error.to_string().contains("already"), "{error}");

        let mut schema = tables();
        apply_ops(&mut schema, &ops_in("e2.yaml", CASCADE), None).expect("the effect applies");
        let packages = schema.table(&None, "packages").expect("packages");
        assert!(
            packages.constraints.is_empty(),
            "{:?}",
            packages.constraints
        );
        assert!(schema
            .table(&None, "releases")
            .expect("releases")
            .constraint("releases_package_name_fkey")
            .is_none());
        // The foreign key needs a unique target again: the name's unique key.
        let later = "
- create_primary_key: {name: null, table: packages, columns: [id]}
- create_unique_constraint: {name: null, table: packages, columns: [name]}
- create_foreign_key: {name: null, source_table: releases, referent_table: packages, local_cols: [package_name], remote_cols: [name]}
";
        apply_ops(&mut schema, &ops_in("e2.yaml", later), None).expect("the later ops apply");
    }

    #[test]
    fn an_effect_the_model_contradicts_is_an_error_at_the_execute() {
        let wrong = "
- create_index: {name: ix_releases_id, table: releases, columns: [id]}
- execute:
    sql: ALTER TABLE packages DROP CONSTRAINT packages_pkey CASCADE
    effect:
      - drop_constraint: {name: packages_pkey, table: packages, type: primary}
      - drop_constraint: {name: releases_package_fkey, table: releases, type: foreignkey}
";
        let mut schema = tables();
        let error = apply_ops(&mut schema, &ops_in("e2.yaml", wrong), None)
            .expect_err("the foreign key is named otherwise");
        assert_eq!(error.location, Location::new("e2.yaml", 2, 3));
        assert_eq!(error.op, "execute");
        let Problem::InEffect { item, op, problem } = &error.problem else {
            panic!("an effect error expected: {error}");
        };
        assert_eq!((*item, *op), (2, "drop_constraint"));
        assert!(matches!(**problem, Problem::Missing { .. }), "{problem}");
        let text = error.to_string();
        assert!(
            text.starts_with("e2.yaml:2:3: execute: `effect:` item 2 (`drop_constraint`): constraint `releases_package_fkey`"),
            "{text}"
        );
        assert!(
            text.contains("did you mean `releases_package_name_fkey`"),
            "{text}"
        );
        // All or nothing: the first effect op is not applied either.
        let packages = schema.table(&None, "packages").expect("packages");
        assert!(packages.constraint("packages_pkey").is_some());
    }

    #[test]
    fn an_execute_without_reverse_is_not_invertible_whatever_its_effect() {
        let rev = revision("r2", ops_in("e2.yaml", CASCADE), None);
        let error = downgrade_ops(&rev, Some(&tables())).expect_err("not invertible");
        assert_eq!(error.op, "execute");
        assert!(
            error
                .to_string()
                .contains("revision r2 has no `downgrade:` and this op cannot be inverted automatically (`execute` without `reverse:`)"),
            "{error}"
        );
    }

    #[test]
    fn the_derived_downgrade_runs_reverse_and_undoes_the_effect() {
        let with_reverse = CASCADE.replace(
            "    effect:",
            "    reverse: ALTER TABLE packages ADD PRIMARY KEY (name); ALTER TABLE releases ADD FOREIGN KEY (package_name) REFERENCES packages (name)\n    effect:",
        );
        let rev = revision("r2", ops_in("e2.yaml", &with_reverse), None);
        let before = tables();
        let downgrade = downgrade_ops(&rev, Some(&before)).expect("invertible");
        let [entry] = downgrade.as_slice() else {
            panic!("one execute expected: {downgrade:?}");
        };
        let Op::Execute(undo) = &entry.op else {
            panic!("an execute expected: {entry:?}");
        };
        assert!(undo
            .sql
            .fallback()
            .is_some_and(|sql| sql.starts_with("ALTER TABLE packages ADD PRIMARY KEY")));
        let names: Vec<&str> = undo.effect.iter().map(Op::name).collect();
        assert_eq!(names, ["create_primary_key", "create_foreign_key"]);
        let mut schema = before.clone();
        apply_ops(&mut schema, &rev.upgrade, None).expect("the upgrade applies");
        apply_ops(&mut schema, &downgrade, None).expect("the downgrade applies");
        // Rows are not schema: the raw SQL made the model forget them.
        assert_eq!(schema.tables(), before.tables());
    }
}
