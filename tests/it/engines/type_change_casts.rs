//! PostgreSQL's `ALTER COLUMN ... TYPE` converts only what an assignment
//! cast converts: every change between two generic types compiles to a
//! script PostgreSQL runs, and every `USING` retort derives (from
//! `type_change_casts` in dialect.yaml) is one PostgreSQL needs: the same
//! statement without it is refused, "cannot be cast automatically".

use crate::support;
use support::engines::Engine;

/// One type of each generic kind, as a revision writes it.
const TYPES: &[(&str, &str)] = &[
    ("integer", "Integer"),
    ("smallint", "SmallInteger"),
    ("bigint", "BigInteger"),
    ("string", "String(40)"),
    ("text", "Text"),
    ("unicode", "Unicode(40)"),
    ("unicodetext", "UnicodeText"),
    ("boolean", "Boolean"),
    ("float", "Float"),
    ("numeric", "Numeric(10, 2)"),
    ("date", "Date"),
    ("datetime", "DateTime"),
    ("datetimetz", "DateTime(timezone=True)"),
    ("time", "Time"),
    ("timetz", "Time(timezone=True)"),
    ("interval", "Interval"),
    ("binary", "LargeBinary"),
    ("json", "JSON"),
    ("uuid", "Uuid"),
    ("enum", "Enum('a', 'b', name='first_t')"),
    ("enum2", "Enum('a', 'b', name='second_t')"),
];

/// Changes where retort writes a `USING` that PostgreSQL does not need
/// (`type_change_casts` names kinds, and these convert automatically for
/// some of a kind's types only): the USING does what the assignment cast does.
const USING_NOT_NEEDED: &[(&str, &str)] = &[
    ("datetime", "time"),
    ("datetimetz", "time"),
    ("datetimetz", "timetz"),
    ("time", "interval"),
    ("interval", "time"),
];

/// A project: `c1` makes a table per change with a column of the old type,
/// `c2` changes each column to the new type.
fn project() -> tempfile::TempDir {
    let mut create = String::from(
        "revision: c1\ndown_revision: null\nmessage: one table per change\nupgrade:\n\
         - create_table: {name: enums, columns: [{name: id, type: Integer, primary_key: true}, \
         {name: e1, type: \"Enum('a', 'b', name='first_t')\"}, \
         {name: e2, type: \"Enum('a', 'b', name='second_t')\"}]}\n",
    );
    let mut alter =
        String::from("revision: c2\ndown_revision: c1\nmessage: every change\nupgrade:\n");
    for (from, from_type) in TYPES {
        for (to, to_type) in TYPES {
            if from == to {
                continue;
            }
            create.push_str(&format!(
                "- create_table: {{name: {from}_to_{to}, columns: [{{name: v, type: \"{from_type}\"}}]}}\n"
            ));
            alter.push_str(&format!(
                "- alter_column: {{table: {from}_to_{to}, column: v, type: \"{to_type}\"}}\n"
            ));
        }
    }
    support::project(&[
        ("revisions/c1.yaml", &create),
        ("revisions/c2.yaml", &alter),
    ])
}

fn script(project: &std::path::Path, range: &str) -> String {
    let output = support::retort()
        .args(["upgrade", range, "--dialect", "postgresql", "--project"])
        .arg(project)
        .output()
        .expect("retort runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("a UTF-8 script")
}

#[test]
fn every_type_change_runs_and_every_derived_using_is_needed() {
    let Some(db) = Engine::Postgres.fresh_database() else {
        return;
    };
    let project = project();
    db.run_ok(&script(project.path(), "c1"));
    let changes = script(project.path(), "c1:c2");
    let mut derived = 0;
    let mut wrong = Vec::new();
    for statement in changes.lines().filter(|line| line.contains(" USING ")) {
        derived += 1;
        let without = statement.split(" USING ").next().expect("a statement");
        let table = without
            .split_whitespace()
            .nth(2)
            .expect("ALTER TABLE <table>");
        let (from, to) = table.split_once("_to_").expect("<from>_to_<to>");
        let refused = db.run_script(&format!("BEGIN;\n{without};\nROLLBACK;\n"));
        let needed = refused
            .as_ref()
            .is_err_and(|error| error.contains("cannot be cast automatically"));
        if needed == USING_NOT_NEEDED.contains(&(from, to)) {
            wrong.push(format!("{without}: {refused:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(derived > 100, "only {derived} derived USING clauses");
    db.run_ok(&changes);
}
