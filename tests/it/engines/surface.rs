//! tests/projects/alembic_surface on the real engines: bulk_insert numbers
//! land digit for digit, dates are dates, and an identity column added to a
//! table that has rows is added as each engine takes it.

use crate::support;

use support::alembic::retort_sql;
use support::engines::{per_engine, Engine};
use support::roundtrip::check_round_trips;
use support::scripts::{test_project, ScriptSource};

const PROJECT: &str = "alembic_surface";

per_engine! {
    surface_round_trips,
    surface_values_read_back_exactly,
    surface_identity_column_as_the_engine_takes_it,
    uppercase_types_the_engine_lacks_are_refused,
    surface_options_reach_the_catalog,
    nulls_not_distinct_reaches_the_catalog,
    keyword_types_reach_the_catalog,
}

fn surface_round_trips(engine: Engine) {
    if engine == Engine::Sqlite {
        // s3 is refused on SQLite (surface_identity_column_as_the_engine_takes_it).
        let Some(db) = engine.fresh_database() else {
            return;
        };
        let scripts = ScriptSource::for_project(&test_project(PROJECT));
        db.run_ok(&scripts.script(engine, &["upgrade", "s1"]));
        db.run_ok(&scripts.script(engine, &["upgrade", "s1:s2"]));
        assert_eq!(db.version_rows(), ["s2"]);
        db.run_ok(&scripts.script(engine, &["downgrade", "s2:s1"]));
        db.run_ok(&scripts.script(engine, &["downgrade", "s1:base"]));
        assert_eq!(db.version_rows(), Vec::<String>::new());
        assert!(!db.schema_dump().contains("ledger"), "{}", db.schema_dump());
        return;
    }
    check_round_trips(engine, &support::roundtrip::ALEMBIC_SURFACE);
}

fn surface_values_read_back_exactly(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project(PROJECT));
    db.run_ok(&scripts.script(engine, &["upgrade", "s1"]));
    let rows = db.query("SELECT amount, rate, booked_on, booked_at FROM ledger ORDER BY id");
    // SQLite keeps NUMERIC as a float when it has a fraction (its own loss,
    // not the script's), and a DateTime as SQLAlchemy's text.
    let (amount, rate, small, stamp) = match engine {
        Engine::Sqlite => (
            "123456789012345680",
            "3.1",
            "-0.5",
            "2024-01-02 03:04:05.000000",
        ),
        _ => (
            "123456789012345678.12",
            "3.10",
            "-0.50",
            "2024-01-02 03:04:05",
        ),
    };
    assert_eq!(
        rows,
        support::rows(&[
            &[Some(amount), Some(rate), Some("2024-01-02"), Some(stamp)],
            &[Some(small), Some("0.05"), None, None],
        ])
    );
}

/// MySQL's table options and PostgreSQL's index methods and covering columns
/// reach the engine's catalog; elsewhere they are ignored.
fn surface_options_reach_the_catalog(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project(PROJECT));
    db.run_ok(&scripts.script(engine, &["upgrade", "s2"]));
    if engine == Engine::MariaDb {
        assert_eq!(
            db.query(
                "SELECT engine, table_collation FROM information_schema.tables \
                 WHERE table_schema = DATABASE() AND table_name = 'spelled'"
            ),
            support::rows(&[&[Some("InnoDB"), Some("utf8mb4_bin")]])
        );
        assert_eq!(
            db.query(
                "SELECT index_name, index_type FROM information_schema.statistics \
                 WHERE table_schema = DATABASE() AND table_name = 'spelled' \
                 AND index_name IN ('ix_spelled_code', 'ix_spelled_label') ORDER BY index_name"
            ),
            // InnoDB takes `USING hash` and builds a B-tree all the same.
            support::rows(&[
                &[Some("ix_spelled_code"), Some("BTREE")],
                &[Some("ix_spelled_label"), Some("BTREE")],
            ])
        );
        // The table's definition keeps the index type the script asked for.
        let definition = db.query("SHOW CREATE TABLE spelled");
        let definition = definition[0][1].as_deref().unwrap_or_default();
        assert!(
            definition.contains("`ix_spelled_code` (`code`) USING HASH"),
            "{definition}"
        );
    } else if engine == Engine::Postgres {
        assert_eq!(
            db.query(
                "SELECT c.relname, am.amname FROM pg_class c JOIN pg_am am ON c.relam = am.oid \
                 WHERE c.relname LIKE 'ix_spelled_%' ORDER BY c.relname"
            ),
            support::rows(&[
                &[Some("ix_spelled_born_on"), Some("btree")],
                &[Some("ix_spelled_code"), Some("hash")],
                &[Some("ix_spelled_exact"), Some("btree")],
                &[Some("ix_spelled_label"), Some("btree")],
                &[Some("ix_spelled_precise"), Some("btree")],
            ])
        );
        // Covering columns: the catalog's count of key columns against all.
        assert_eq!(
            db.query(
                "SELECT c.relname, i.indnkeyatts, i.indnatts FROM pg_index i                  JOIN pg_class c ON c.oid = i.indexrelid                  WHERE c.relname LIKE 'ix_spelled_%' ORDER BY c.relname"
            ),
            support::rows(&[
                &[Some("ix_spelled_born_on"), Some("1"), Some("2")],
                &[Some("ix_spelled_code"), Some("1"), Some("1")],
                &[Some("ix_spelled_exact"), Some("1"), Some("1")],
                &[Some("ix_spelled_label"), Some("1"), Some("3")],
                &[Some("ix_spelled_precise"), Some("1"), Some("1")],
            ])
        );
    } else {
        assert_eq!(
            db.query("SELECT count(*) FROM spelled"),
            support::rows(&[&[Some("1")]])
        );
    }
}

/// `postgresql_nulls_not_distinct` on indexes and unique constraints (in
/// `create_table` here, `create_unique_constraint` in ops_linear's o3): the
/// catalog's flag, and a second NULL refused where NULLs are not distinct.
fn nulls_not_distinct_reaches_the_catalog(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project(PROJECT));
    db.run_ok(&scripts.script(engine, &["upgrade", "s2"]));
    // The first row has NULL in precise, score and weight: each of these
    // repeats the NULLs of one unique index only.
    let null_precise = "INSERT INTO spelled (id, score, weight) VALUES (2, 1, 1)";
    let null_score_weight = "INSERT INTO spelled (id, precise) VALUES (3, 1)";
    if engine != Engine::Postgres {
        // Ignored elsewhere, as SQLAlchemy ignores it: NULLs are distinct.
        db.run_ok(null_precise);
        db.run_ok(null_score_weight);
        return;
    }
    assert_eq!(
        db.query(
            "SELECT c.relname, i.indnullsnotdistinct::text FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indexrelid \
             WHERE c.relname IN ('ix_spelled_precise', 'ix_spelled_exact', 'uq_spelled_score_weight') \
             ORDER BY c.relname"
        ),
        support::rows(&[
            &[Some("ix_spelled_exact"), Some("false")],
            &[Some("ix_spelled_precise"), Some("true")],
            &[Some("uq_spelled_score_weight"), Some("true")],
        ])
    );
    for (row, index) in [
        (null_precise, "ix_spelled_precise"),
        (null_score_weight, "uq_spelled_score_weight"),
    ] {
        let refused = db
            .run_script(row)
            .expect_err("a second NULL where NULLs are not distinct is a duplicate");
        assert!(refused.contains(index), "{refused}");
    }

    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project("ops_linear"));
    db.run_ok(&scripts.script(engine, &["upgrade", "o3"]));
    assert_eq!(
        db.query(
            "SELECT i.indnullsnotdistinct::text FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'uq_ledger_entries_memo'"
        ),
        support::rows(&[&[Some("true")]])
    );
}

fn surface_identity_column_as_the_engine_takes_it(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = test_project(PROJECT);
    let scripts = ScriptSource::for_project(&project);
    db.run_ok(&scripts.script(engine, &["upgrade", "s2"]));
    match engine {
        Engine::Postgres => {
            db.run_ok(&scripts.script(engine, &["upgrade", "s2:s3"]));
            // The identity fills the rows already there.
            assert_eq!(
                db.query("SELECT seq FROM ledger ORDER BY id"),
                support::rows(&[&[Some("1")], &[Some("2")]])
            );
        }
        Engine::MariaDb => {
            // The engine refuses what Alembic's create_table form would write here...
            let refused =
                db.run_script("ALTER TABLE ledger ADD COLUMN n INTEGER NOT NULL AUTO_INCREMENT;");
            assert!(
                refused.is_err(),
                "MariaDB took AUTO_INCREMENT on a column that is no key"
            );
            // ...so the script adds a plain NOT NULL column, as Alembic does.
            db.run_ok(&scripts.script(engine, &["upgrade", "s2:s3"]));
            assert_eq!(
                db.query(
                    "SELECT is_nullable, extra FROM information_schema.columns \
                     WHERE table_schema = DATABASE() AND table_name = 'ledger' AND column_name = 'seq'"
                ),
                support::rows(&[&[Some("NO"), Some("")]])
            );
        }
        Engine::Sqlite => {
            // SQLite refuses the column Alembic writes, so retort refuses the op.
            let refused = db.run_script("ALTER TABLE ledger ADD COLUMN seq INTEGER NOT NULL;");
            assert!(
                refused.is_err(),
                "SQLite added a NOT NULL column without a default"
            );
            let compiled = retort_sql(&project, engine.dialect(), &["upgrade", "s2:s3"]);
            assert!(!compiled.success(), "retort compiled s3 for SQLite");
            assert!(
                compiled
                    .stderr
                    .contains("SQLite cannot add the identity column `seq`"),
                "{}",
                compiled.stderr
            );
        }
    }
}

/// The uppercase types an engine has no such type for, per engine: retort
/// refuses each at compile time, naming the dialect, because the engine
/// refuses it too (proven here on the engine itself).
fn uppercase_types_the_engine_lacks_are_refused(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let (refused, taken): (&[&str], &[&str]) = match engine {
        Engine::Postgres => (
            &["NVARCHAR(5)", "CLOB", "BLOB", "DOUBLE", "DATETIME"],
            &["VARCHAR(5)", "TEXT", "DOUBLE_PRECISION", "UUID"],
        ),
        Engine::MariaDb => (
            &["CLOB"],
            &["NVARCHAR(5)", "BLOB", "DOUBLE", "DATETIME", "UUID"],
        ),
        Engine::Sqlite => (
            &[],
            &["NVARCHAR(5)", "CLOB", "BLOB", "DOUBLE", "DATETIME", "UUID"],
        ),
    };
    for (i, spelled) in refused.iter().chain(taken).enumerate() {
        let revision = format!(
            "revision: u1\ndown_revision: null\nmessage: m\nupgrade:\n  - create_table:\n      \
             name: t{i}\n      columns: [{{name: c, type: \"{spelled}\"}}]\n"
        );
        let project = support::project(&[("revisions/u1.yaml", &revision)]);
        let compiled = retort_sql(project.path(), engine.dialect(), &["upgrade", "u1"]);
        // What the engine does with the type as SQL writes it.
        let sql_type = match *spelled {
            "DOUBLE_PRECISION" => "DOUBLE PRECISION",
            other => other,
        };
        let engine_takes = db
            .run_script(&format!("CREATE TABLE probe{i} (c {sql_type});"))
            .is_ok();
        if refused.contains(spelled) {
            assert!(!engine_takes, "{engine:?} took the type {spelled}");
            assert!(
                !compiled.success(),
                "retort compiled {spelled} for {engine:?}"
            );
            assert!(
                compiled
                    .stderr
                    .contains(&format!("has no {} form", engine.dialect())),
                "{}",
                compiled.stderr
            );
        } else {
            assert!(engine_takes, "{engine:?} refused the type {spelled}");
            // The version table is created by each script: one database each.
            if let Some(fresh) = engine.fresh_database() {
                fresh.run_ok(&compiled.expect_success().stdout);
            }
        }
    }
}

/// The types with keyword arguments of s2's `keyworded` table, as the
/// engine's catalog has them: time zones, array dimensions, collations,
/// display widths and UNSIGNED, and the CHECK of `Boolean(create_constraint=True)`
/// where the engine's boolean is not native (it refuses a 2).
fn keyword_types_reach_the_catalog(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project(PROJECT));
    db.run_ok(&scripts.script(engine, &["upgrade", "s2"]));
    let not_a_boolean = "INSERT INTO keyworded (id, flag) VALUES (2, 2)";
    match engine {
        Engine::Postgres => {
            assert_eq!(
                db.query(
                    "SELECT column_name, data_type, udt_name, datetime_precision::text, \
                     collation_name FROM information_schema.columns \
                     WHERE table_name = 'keyworded' AND column_name IN \
                     ('ref_id', 'seen_at', 'stamped_at', 'doc', 'grid', 'ratio', 'mood', 'label') \
                     ORDER BY column_name"
                ),
                support::rows(&[
                    &[Some("doc"), Some("jsonb"), Some("jsonb"), None, None],
                    &[Some("grid"), Some("ARRAY"), Some("_int4"), None, None],
                    &[
                        Some("label"),
                        Some("character varying"),
                        Some("varchar"),
                        None,
                        Some("C")
                    ],
                    &[Some("mood"), Some("USER-DEFINED"), Some("mood"), None, None],
                    &[
                        Some("ratio"),
                        Some("double precision"),
                        Some("float8"),
                        None,
                        None
                    ],
                    &[Some("ref_id"), Some("uuid"), Some("uuid"), None, None],
                    &[
                        Some("seen_at"),
                        Some("timestamp with time zone"),
                        Some("timestamptz"),
                        Some("6"),
                        None
                    ],
                    &[
                        Some("stamped_at"),
                        Some("timestamp without time zone"),
                        Some("timestamp"),
                        Some("3"),
                        None
                    ],
                ])
            );
            // keyworded_too's column has the type keyworded created.
            assert_eq!(
                db.query(
                    "SELECT udt_name FROM information_schema.columns \
                     WHERE table_name = 'keyworded_too' AND column_name = 'mood'"
                ),
                support::rows(&[&[Some("mood")]])
            );
            assert!(
                db.run_script(not_a_boolean).is_err(),
                "PostgreSQL took 2 as a boolean"
            );
        }
        Engine::MariaDb => {
            assert_eq!(
                db.query(
                    "SELECT column_name, column_type, collation_name FROM information_schema.columns \
                     WHERE table_schema = DATABASE() AND table_name = 'keyworded' \
                     AND column_name IN ('token', 'code', 'width', 'label', 'kind') ORDER BY column_name"
                ),
                support::rows(&[
                    &[Some("code"), Some("varchar(63)"), Some("utf8mb4_bin")],
                    &[Some("kind"), Some("varchar(10)"), Some("utf8mb4_general_ci")],
                    &[Some("label"), Some("varchar(10)"), Some("utf8mb4_bin")],
                    &[Some("token"), Some("uuid"), None],
                    &[Some("width"), Some("int(11) unsigned"), None],
                ])
            );
            let refused = db
                .run_script(not_a_boolean)
                .expect_err("the CHECK refuses a 2");
            assert!(refused.contains("ck_keyworded_flag"), "{refused}");
        }
        Engine::Sqlite => {
            let refused = db
                .run_script(not_a_boolean)
                .expect_err("the CHECK refuses a 2");
            assert!(refused.contains("ck_keyworded_flag"), "{refused}");
            // NOCASE: the label compares without case.
            assert_eq!(
                db.query("SELECT count(*) FROM keyworded WHERE label = 'B'"),
                support::rows(&[&[Some("1")]])
            );
        }
    }
}
