//! The engine helpers themselves: a database per test, scripts through the
//! real clients, exact values back, dumps, and nothing left behind.

use crate::support;

use support::engines::{per_engine, Engine, ServerUrl, TestDatabase};

const SCRIPT: &str =
    "CREATE TABLE things (id INTEGER NOT NULL, label VARCHAR(40), PRIMARY KEY (id));\n\
INSERT INTO things (id, label) VALUES (1, 'O''Brien: ünïcödé \\ tab\there');\n\
INSERT INTO things (id, label) VALUES (2, NULL);\n";

fn label_one(engine: Engine) -> &'static str {
    // MySQL reads a backslash in a string literal as an escape; the others keep it.
    match engine {
        Engine::MariaDb => "O'Brien: ünïcödé  tab\there",
        _ => "O'Brien: ünïcödé \\ tab\there",
    }
}

per_engine!(databases_run_scripts_and_dump);

fn databases_run_scripts_and_dump(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let empty = db.schema_dump();
    db.run_ok(SCRIPT);
    let rows = db.query("SELECT id, label FROM things ORDER BY id");
    assert_eq!(
        rows,
        vec![
            vec![Some("1".to_owned()), Some(label_one(engine).to_owned())],
            vec![Some("2".to_owned()), None],
        ]
    );
    let dump = db.schema_dump();
    assert!(dump.contains("things"), "{dump}");
    assert_ne!(dump, empty);
    let failure = db
        .run_script(
            "SELECT 1;\nSELECT * FROM no_such_table;\nCREATE TABLE after_error (id INTEGER);\n",
        )
        .expect_err("a failing script is an error");
    assert!(failure.contains("no_such_table"), "{failure}");
    assert!(
        !db.schema_dump().contains("after_error"),
        "the client stops at the first error"
    );
    db.run_ok("DROP TABLE things;");
    assert_eq!(db.schema_dump(), empty);
}

#[test]
fn databases_are_unique_and_dropped() {
    let Some(server) = support::engines::require_postgres() else {
        return;
    };
    let (a, b) = (server.create_database(), server.create_database());
    assert_ne!(a.name(), b.name());
    let name = a.name().to_owned();
    let exists = |db: &dyn TestDatabase| {
        db.query(&format!(
            "SELECT count(*) FROM pg_database WHERE datname = '{name}'"
        ))
    };
    assert_eq!(exists(&b), vec![vec![Some("1".to_owned())]]);
    drop(a);
    assert_eq!(exists(&b), vec![vec![Some("0".to_owned())]]);
}

#[test]
fn server_urls_parse() {
    let url = ServerUrl::parse("postgresql://postgres@127.0.0.1:5433/postgres").unwrap();
    assert_eq!(
        (url.user.as_str(), url.port, url.database.as_str()),
        ("postgres", Some(5433), "postgres")
    );
    let url = ServerUrl::parse("mysql://root:pw@localhost/").unwrap();
    assert_eq!(url.password.as_deref(), Some("pw"));
    assert_eq!((url.port, url.database.as_str()), (None, ""));
}
