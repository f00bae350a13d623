//! The round trips every engine test does with a test project: whole
//! scripts, one step down and up again, scripts in pieces, all the way down.

use super::engines::{Engine, TestDatabase};
use super::scripts::{heads, test_project, ScriptSource};

/// How a project is cut into ranges.
pub struct Pieces {
    /// The project under tests/projects/.
    pub project: &'static str,
    /// Upgrade ranges that together go from base to the heads, e.g.
    /// `["r3", "r3:r6", "r6:heads"]` (the first starts at base).
    pub up: &'static [&'static str],
    /// Downgrade ranges that together go from the heads to base, e.g.
    /// `["r9:r6", "r6:base"]`; empty for a project with several heads.
    pub down: &'static [&'static str],
}

/// The version table of the project (retort.yaml's `version_table`).
fn version_table(project: &std::path::Path) -> String {
    let text = std::fs::read_to_string(project.join("retort.yaml")).unwrap_or_default();
    let config: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_default();
    config
        .get("version_table")
        .and_then(serde_yaml::Value::as_str)
        .unwrap_or("alembic_version")
        .to_owned()
}

/// On `engine`: `upgrade heads` from an empty database leaves exactly the
/// heads in the version table; `downgrade head:-1` then upgrading again gives
/// the same dump; the pieces give the same dump and rows as the whole script;
/// `downgrade head:base` (whole and in pieces) returns the schema to empty
/// but for the version table.
pub fn check_round_trips(engine: Engine, pieces: &Pieces) {
    let Some(whole) = engine.fresh_database() else {
        return;
    };
    let Some(in_pieces) = engine.fresh_database() else {
        return;
    };
    let project = test_project(pieces.project);
    let scripts = ScriptSource::for_project(&project);
    let table = version_table(&project);
    let heads = heads(&project);
    let empty = whole.schema_dump();

    whole.run_ok(&scripts.script(engine, &["upgrade", "heads"]));
    assert_eq!(
        whole.version_rows_of(&table),
        heads,
        "rows after upgrade heads"
    );
    let full = whole.schema_dump();

    if let [head] = heads.as_slice() {
        whole.run_ok(&scripts.script(engine, &["downgrade", &format!("{head}:-1")]));
        let rows = whole.version_rows_of(&table);
        assert_ne!(rows, heads, "downgrade {head}:-1 moved the version table");
        for row in &rows {
            whole.run_ok(&scripts.script(engine, &["upgrade", &format!("{row}:heads")]));
        }
        assert_eq!(whole.version_rows_of(&table), heads);
        assert_eq!(
            whole.schema_dump(),
            full,
            "dump after one step down and up again"
        );
    }

    for range in pieces.up {
        in_pieces.run_ok(&scripts.script(engine, &["upgrade", range]));
    }
    assert_eq!(
        in_pieces.version_rows_of(&table),
        heads,
        "rows after {:?}",
        pieces.up
    );
    assert_eq!(
        in_pieces.schema_dump(),
        full,
        "dump after the pieces {:?}",
        pieces.up
    );

    if pieces.down.is_empty() {
        return;
    }
    whole.run_ok(&scripts.script(engine, &["downgrade", "head:base"]));
    for range in pieces.down {
        in_pieces.run_ok(&scripts.script(engine, &["downgrade", range]));
    }
    for db in [&whole, &in_pieces] {
        assert_eq!(db.version_rows_of(&table), Vec::<String>::new());
        db.run_ok(&format!("DROP TABLE {table};"));
        assert_eq!(db.schema_dump(), empty, "dump after downgrading to base");
    }
}

/// Upgrades `project` to its heads on `engine` and returns the database.
pub fn upgraded(engine: Engine, project: &str) -> Option<Box<dyn TestDatabase>> {
    let db = engine.fresh_database()?;
    let project = test_project(project);
    let scripts = ScriptSource::for_project(&project);
    db.run_ok(&scripts.script(engine, &["upgrade", "heads"]));
    Some(db)
}

/// The repository's example project (revisions/ at the top).
pub const EXAMPLE: Pieces = Pieces {
    project: "example",
    up: &[
        "8b1d4e6f2a93",
        "8b1d4e6f2a93:a2c6e8f01b3d",
        "a2c6e8f01b3d:heads",
    ],
    down: &[
        "7c3e9a5b1d84:e81f5d2b7c09",
        "e81f5d2b7c09:c47e0b9a1d25",
        "c47e0b9a1d25:base",
    ],
};

/// The reference corpus (unsized `String` ids: PostgreSQL).
pub const CORPUS: Pieces = Pieces {
    project: "alembic_corpus",
    up: &["r3", "r3:r6", "r6:heads"],
    down: &["r9:r6", "r6:r3", "r3:base"],
};

/// The reference corpus with sized ids (MySQL/MariaDB refuse `VARCHAR` without length).
pub const CORPUS_STRLEN: Pieces = Pieces {
    project: "alembic_corpus_strlen",
    ..CORPUS
};

/// Every op and generic type, linear.
pub const OPS_LINEAR: Pieces = Pieces {
    project: "ops_linear",
    up: &["o1", "o1:o3", "o3:heads"],
    down: &["o4:o2", "o2:base"],
};

/// `transaction_per_migration`, another version table, an automatic downgrade.
pub const SETTINGS: Pieces = Pieces {
    project: "settings",
    up: &["s1", "s1:heads"],
    down: &["s3:s1", "s1:base"],
};

/// A branch point, a merge, `depends_on`, two heads.
pub const BRANCHES: Pieces = Pieces {
    project: "branches",
    up: &["b1", "b1:b2b", "b2b:heads"],
    down: &[],
};

/// bulk_insert literals.
pub const DATA_LITERALS: Pieces = Pieces {
    project: "data_literals",
    up: &["d1", "d1:heads"],
    down: &["d2:d1", "d1:base"],
};

/// bulk_insert's exact values, types as autogenerate spells them and an
/// added identity column (issue 17).
pub const ALEMBIC_SURFACE: Pieces = Pieces {
    project: "alembic_surface",
    up: &["s1", "s1:s2", "s2:heads"],
    down: &["s3:s2", "s2:s1", "s1:base"],
};

/// Guarded ops (`if_not_exists`, `if_exists`) on objects there and absent,
/// and SQL Server's drops of a column's constraints (issue 17).
pub const ALEMBIC_OPS: Pieces = Pieces {
    project: "alembic_ops",
    up: &["a1", "a1:a2", "a2:heads"],
    down: &["a3:a2", "a2:a1", "a1:base"],
};

/// Foreign keys with `match` (issue 17); PostgreSQL and SQLite only.
pub const FK_MATCH: Pieces = Pieces {
    project: "fk_match",
    up: &["m1", "m1:heads"],
    down: &["m2:m1", "m1:base"],
};

/// Stored computed columns, created and added (issue 17).
pub const COMPUTED_STORED: Pieces = Pieces {
    project: "computed_stored",
    up: &["g1", "g1:heads"],
    down: &["g2:g1", "g1:base"],
};

/// Computed columns left to the engine's default or virtual (issue 17); not
/// PostgreSQL 15, which has only stored ones.
pub const COMPUTED_VIRTUAL: Pieces = Pieces {
    project: "computed_virtual",
    up: &["v1", "v1:heads"],
    down: &["v2:v1", "v1:base"],
};

/// Identity columns with every `sa.Identity` option (issue 17).
pub const IDENTITY_OPTIONS: Pieces = Pieces {
    project: "identity_options",
    up: &["i1", "i1:heads"],
    down: &["i2:i1", "i1:base"],
};

/// `alter_column` with `autoincrement` (issue 17).
pub const ALTER_AUTOINCREMENT: Pieces = Pieces {
    project: "alter_autoincrement",
    up: &["t1", "t1:heads"],
    down: &["t2:t1", "t1:base"],
};

/// An index and a constraint of each kind renamed (issue 17).
pub const RENAME_OBJECTS: Pieces = Pieces {
    project: "rename_objects",
    up: &["n1", "n1:heads"],
    down: &["n2:n1", "n1:base"],
};

/// Table and column comments.
pub const COMMENTS: Pieces = Pieces {
    project: "comments",
    up: &["c1", "c1:heads"],
    down: &["c2:c1", "c1:base"],
};

/// Dialect and raw types, an identity, a non-native enum, if_(not_)exists.
pub const TYPES_AND_FLAGS: Pieces = Pieces {
    project: "types_and_flags",
    up: &["f1", "f1:heads"],
    down: &["f2:f1", "f1:base"],
};

/// Type changes PostgreSQL needs `USING` for, derived and written, over rows.
pub const TYPE_CHANGE_USING: Pieces = Pieces {
    project: "type_change_using",
    up: &["t1", "t1:heads"],
    down: &["t3:t2", "t2:base"],
};

/// A column with a check renamed, then a rebuild and the check re-created.
pub const RENAME_IN_CHECK: Pieces = Pieces {
    project: "rename_in_check",
    up: &["k1", "k1:heads"],
    down: &["k3:k2", "k2:base"],
};

/// add_column forms SQLite's ADD COLUMN refuses (a rebuild there).
pub const SQLITE_ADD_COLUMN: Pieces = Pieces {
    project: "sqlite_add_column",
    up: &["a1", "a1:heads"],
    down: &["a3:a2", "a2:base"],
};

/// Index and table options keyed as Alembic's keywords (issue 17).
pub const DIALECT_OPTIONS: Pieces = Pieces {
    project: "dialect_options",
    up: &["d1", "d1:heads"],
    down: &["d2:d1", "d1:base"],
};

/// `mariadb_*` table options (issue 17).
pub const MARIADB_OPTIONS: Pieces = Pieces {
    project: "mariadb_options",
    up: &["m1", "m1:heads"],
    down: &["m2:m1", "m1:base"],
};
