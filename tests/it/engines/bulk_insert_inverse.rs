//! The derived downgrade of a `bulk_insert` into a table an earlier revision
//! created (issue 16, point 5): each inserted row is deleted by the value it
//! gave every primary key column, as `bulk_insert` wrote it (a date, a string
//! with a quote), and a row the application added since stays.

use crate::support;

use support::alembic::retort_sql;
use support::engines::{per_engine, Engine};

const TABLE: &str = r#"
revision: b1
down_revision: null
message: holidays, keyed by region and day
upgrade:
  - create_table:
      name: holidays
      columns:
        - {name: region, type: String(16), primary_key: true}
        - {name: day, type: Date, primary_key: true}
        - {name: title, type: String(64)}
"#;

const SEED: &str = r#"
revision: b2
down_revision: b1
message: seed holidays
upgrade:
  - bulk_insert:
      table: holidays
      rows:
        - {region: "o'hare", day: "2024-01-01", title: new year}
        - {region: north, day: "2024-12-25", title: christmas}
"#;

per_engine! {
    rows_a_bulk_insert_added_are_deleted_by_their_key,
}

fn rows_a_bulk_insert_added_are_deleted_by_their_key(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = support::project(&[("revisions/b1.yaml", TABLE), ("revisions/b2.yaml", SEED)]);
    let script = |args: &[&str]| {
        retort_sql(project.path(), engine.dialect(), args)
            .expect_success()
            .stdout
    };
    db.run_ok(&script(&["upgrade", "b2"]));
    db.run_ok("INSERT INTO holidays (region, day, title) VALUES ('north', '2024-01-01', 'kept');");
    let downgrade = script(&["downgrade", "b2:b1"]);
    assert!(
        downgrade.contains("DELETE FROM holidays WHERE"),
        "{downgrade}"
    );
    db.run_ok(&downgrade);
    assert_eq!(
        db.query("SELECT region, title FROM holidays"),
        support::rows(&[&[Some("north"), Some("kept")]]),
        "{engine:?}: only the row the revision did not insert is left"
    );
    assert_eq!(db.version_rows(), ["b1"], "{engine:?}");
}
