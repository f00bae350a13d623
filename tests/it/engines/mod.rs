//! Generated scripts on the real engines, through their clients: PostgreSQL
//! through `psql -v ON_ERROR_STOP=1`, MariaDB through the `mariadb` client,
//! SQLite through the `sqlite3` CLI. Every check runs on every engine of
//! [`ENGINES`], as one test per engine.

mod add_column_unnamed;
mod bulk_insert_inverse;
mod campaign;
mod client_charset;
mod ddl_refusals;
mod dialect_options;
mod drift;
mod drop_table_takes;
mod drop_takes;
mod execute;
mod execute_effect;
mod fk_indexes;
mod helpers;
mod known_rows;
mod shared_enum;
mod surface;
mod surface_columns;
mod surface_ops;
mod type_change_casts;
mod unnamed;

use crate::support;
use crate::support::engines::{per_engine, Engine};
use crate::support::roundtrip::*;

/// What the engines do differently in these tests.
struct EngineCase {
    engine: Engine,
    /// The reference corpus as this engine takes it (MariaDB refuses
    /// `VARCHAR` without a length).
    corpus: &'static Pieces,
    /// A `Boolean` true and false as the engine's client prints them.
    true_text: &'static str,
    false_text: &'static str,
    /// `Numeric(10, 2)` 3.10 as the engine's client prints it (SQLite keeps
    /// no scale).
    amount_text: &'static str,
    /// A `DateTime` bulk_insert value as the engine's client prints it
    /// (SQLite keeps SQLAlchemy's text, with microseconds).
    stamp_text: &'static str,
}

/// The engines the tests of this module run on.
const ENGINES: [EngineCase; 3] = [
    EngineCase {
        engine: Engine::Postgres,
        corpus: &CORPUS,
        true_text: "t",
        false_text: "f",
        amount_text: "3.10",
        stamp_text: "2024-01-02 03:04:05",
    },
    EngineCase {
        engine: Engine::MariaDb,
        corpus: &CORPUS_STRLEN,
        true_text: "1",
        false_text: "0",
        amount_text: "3.10",
        stamp_text: "2024-01-02 03:04:05",
    },
    EngineCase {
        engine: Engine::Sqlite,
        corpus: &CORPUS,
        true_text: "1",
        false_text: "0",
        amount_text: "3.1",
        stamp_text: "2024-01-02 03:04:05.000000",
    },
];

/// The row of [`ENGINES`] for `engine`.
fn case(engine: Engine) -> &'static EngineCase {
    ENGINES
        .iter()
        .find(|case| case.engine == engine)
        .expect("every engine has a row in ENGINES")
}

per_engine! {
    example_round_trips,
    corpus_round_trips,
    ops_linear_round_trips,
    settings_round_trip,
    branches_round_trip,
    data_literals_round_trip,
    types_and_flags_round_trip,
    comments_round_trip,
    bulk_insert_rows_read_back_exactly,
    type_change_using_round_trips,
    rename_in_check_round_trips,
    engine_refuses_a_check_on_the_old_column_name,
    add_column_sqlite_refuses_round_trips,
}

fn example_round_trips(engine: Engine) {
    check_round_trips(engine, &EXAMPLE);
}

fn corpus_round_trips(engine: Engine) {
    check_round_trips(engine, case(engine).corpus);
}

fn ops_linear_round_trips(engine: Engine) {
    check_round_trips(engine, &OPS_LINEAR);
}

fn settings_round_trip(engine: Engine) {
    check_round_trips(engine, &SETTINGS);
}

fn branches_round_trip(engine: Engine) {
    check_round_trips(engine, &BRANCHES);
}

fn data_literals_round_trip(engine: Engine) {
    check_round_trips(engine, &DATA_LITERALS);
}

fn types_and_flags_round_trip(engine: Engine) {
    check_round_trips(engine, &TYPES_AND_FLAGS);
}

fn comments_round_trip(engine: Engine) {
    check_round_trips(engine, &COMMENTS);
}

fn type_change_using_round_trips(engine: Engine) {
    check_round_trips(engine, &TYPE_CHANGE_USING);
}

fn rename_in_check_round_trips(engine: Engine) {
    check_round_trips(engine, &RENAME_IN_CHECK);
}

/// Why the model rewrites a check after a rename: the engine refuses the
/// check's old text once the column has its new name.
fn engine_refuses_a_check_on_the_old_column_name(engine: Engine) {
    let Some(db) = upgraded(engine, "rename_in_check") else {
        return;
    };
    let old_text = match engine {
        Engine::Sqlite => "CREATE TABLE stock_copy (amount INTEGER, CHECK (qty >= 0));",
        _ => "ALTER TABLE stock ADD CONSTRAINT ck_again CHECK (qty >= 0);",
    };
    let error = db
        .run_script(old_text)
        .expect_err("the engine refuses the old name");
    assert!(
        ["no such column", "does not exist", "Unknown column"]
            .iter()
            .any(|said| error.contains(said)),
        "{error}"
    );
}

fn add_column_sqlite_refuses_round_trips(engine: Engine) {
    check_round_trips(engine, &SQLITE_ADD_COLUMN);
}

/// Why `add_column_rebuild_when` lists expression defaults, and not NOT
/// NULL without a default: SQLite's ADD COLUMN refuses the first on a table
/// with rows; the second it adds to an empty table and refuses over rows
/// (where a rebuild's copy fails the same way).
#[test]
fn sqlite_add_column_refuses_what_a_rebuild_adds() {
    let Some(db) = Engine::Sqlite.fresh_database() else {
        return;
    };
    db.run_ok(
        "CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t (id) VALUES (1);\n\
         CREATE TABLE e (id INTEGER PRIMARY KEY);",
    );
    for (statement, said) in [
        (
            "ALTER TABLE t ADD COLUMN at DATETIME DEFAULT CURRENT_TIMESTAMP;",
            "non-constant default",
        ),
        (
            "ALTER TABLE t ADD COLUMN on_day DATE DEFAULT CURRENT_DATE;",
            "non-constant default",
        ),
        (
            "ALTER TABLE t ADD COLUMN label VARCHAR(20) NOT NULL;",
            "NOT NULL column with default value NULL",
        ),
    ] {
        let error = db.run_script(statement).expect_err(statement);
        assert!(error.contains(said), "{statement}: {error}");
    }
    db.run_ok("ALTER TABLE e ADD COLUMN label VARCHAR(20) NOT NULL;");
}

fn bulk_insert_rows_read_back_exactly(engine: Engine) {
    let Some(db) = upgraded(engine, "data_literals") else {
        return;
    };
    let case = case(engine);
    let rows = db
        .query("SELECT id, label, note, flag, amount, day, stamp, ratio FROM samples ORDER BY id");
    assert_eq!(
        rows,
        support::rows(&[
            &[
                Some("1"),
                Some("O'Brien \"double\" \\ back\\slash"),
                Some("ünïcödé ✓ 日本"),
                Some(case.true_text),
                Some(case.amount_text),
                Some("2024-01-02"),
                Some(case.stamp_text),
                Some("0.5"),
            ],
            &[
                Some("2"),
                None,
                Some(""),
                Some(case.false_text),
                Some("-0.01"),
                None,
                None,
                None
            ],
            &[
                Some("3"),
                Some("percent % and colon :name"),
                None,
                None,
                Some("12345678.99"),
                None,
                None,
                None,
            ],
        ])
    );
}
