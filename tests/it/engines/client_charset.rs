//! A script carries what the client needs: run through the stock `mariadb`
//! client (no `--default-character-set`), a literal outside the Basic
//! Multilingual Plane arrives intact because the script starts with `SET
//! NAMES utf8mb4` (dialect.yaml's `session_setup`); without that line the
//! server refuses it.

use crate::support;
use support::engines::{per_engine, Engine};

const PROJECT: &str = r#"
revision: n1
down_revision: null
message: a literal outside the BMP
upgrade:
  - create_table:
      name: notes
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: body, type: String(40)}
  - bulk_insert:
      table: notes
      rows:
        - {id: 1, body: "math 𝔘 and 😀"}
downgrade:
  - drop_table: notes
"#;

fn upgrade_script(engine: Engine, project: &std::path::Path) -> String {
    let output = support::retort()
        .args([
            "upgrade",
            "head",
            "--dialect",
            engine.dialect(),
            "--project",
        ])
        .arg(project)
        .output()
        .expect("retort runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("a UTF-8 script")
}

per_engine!(a_literal_outside_the_bmp_arrives_through_the_stock_client);

fn a_literal_outside_the_bmp_arrives_through_the_stock_client(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = support::project(&[("revisions/n1.yaml", PROJECT)]);
    db.run_ok(&upgrade_script(engine, project.path()));
    assert_eq!(
        db.query("SELECT body FROM notes"),
        support::rows(&[&[Some("math 𝔘 and 😀")]])
    );
}

#[test]
fn without_set_names_mariadb_refuses_the_literal() {
    let Some(db) = Engine::MariaDb.fresh_database() else {
        return;
    };
    let project = support::project(&[("revisions/n1.yaml", PROJECT)]);
    let script = upgrade_script(Engine::MariaDb, project.path());
    assert!(script.contains("SET NAMES utf8mb4;"), "{script}");
    let without = script.replace("SET NAMES utf8mb4;", "");
    let error = db
        .run_script(&without)
        .expect_err("the server refuses the literal");
    assert!(error.contains("Incorrect string value"), "{error}");
}
