//! `execute` text ending in `;` runs once, and the script runs through each
//! engine's client: retort drops the `;` (Alembic writes `;;`, and on Oracle
//! `;` followed by `/`, which SQL*Plus runs twice).

use crate::support;

use support::engines::Engine;

const PROJECT: &str = r#"
revision: e1
down_revision: null
message: execute text ending in a semicolon
upgrade:
  - create_table:
      name: counted
      columns: [{name: n, type: Integer, primary_key: true, autoincrement: false}]
  - execute: "INSERT INTO counted (n) VALUES (1);"
  - execute: "UPDATE counted SET n = n + 1;"
downgrade:
  - drop_table: counted
"#;

#[test]
fn execute_ending_in_a_semicolon_runs_once_on_every_engine() {
    let project = support::project(&[("revisions/e1.yaml", PROJECT)]);
    for engine in Engine::ALL {
        let Some(db) = engine.fresh_database() else {
            continue;
        };
        let output = support::retort()
            .args([
                "upgrade",
                "head",
                "--dialect",
                engine.dialect(),
                "--project",
            ])
            .arg(project.path())
            .output()
            .expect("retort runs");
        assert!(output.status.success(), "{output:?}");
        let script = String::from_utf8(output.stdout).expect("UTF-8 script");
        db.run_ok(&script);
        assert_eq!(
            db.query("SELECT n FROM counted"),
            support::rows(&[&[Some("2")]]),
            "{engine:?}"
        );
        assert_eq!(db.version_rows(), ["e1"], "{engine:?}");
    }
}
