//! tests/projects/dialect_options and mariadb_options on the real engines:
//! PostgreSQL's operator classes, storage parameters and partitioning,
//! MySQL's prefix lengths, FULLTEXT and table options reach the catalog;
//! the engines without them take the plain index or table.

use crate::support;

use support::alembic::retort_sql;
use support::engines::{per_engine, Engine};
use support::roundtrip::{check_round_trips, DIALECT_OPTIONS, MARIADB_OPTIONS};
use support::scripts::{test_project, ScriptSource};

per_engine! {
    dialect_options_round_trip,
    mariadb_options_round_trip,
    index_options_reach_the_catalog,
    table_options_reach_the_catalog,
    disagreeing_mariadb_twin_is_refused,
}

fn dialect_options_round_trip(engine: Engine) {
    check_round_trips(engine, &DIALECT_OPTIONS);
}

fn mariadb_options_round_trip(engine: Engine) {
    check_round_trips(engine, &MARIADB_OPTIONS);
}

/// Each index of d1 as the engine keeps it.
fn index_options_reach_the_catalog(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project("dialect_options"));
    db.run_ok(&scripts.script(engine, &["upgrade", "d1"]));
    let kept = match engine {
        Engine::Postgres => db.query(
            "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_class c \
             WHERE c.relname LIKE 'ix_documents_%' ORDER BY c.relname",
        ),
        Engine::MariaDb => db.query(
            "SELECT index_name, GROUP_CONCAT(CONCAT(column_name, ':', \
             COALESCE(sub_part, '-'), ':', index_type) ORDER BY seq_in_index) \
             FROM information_schema.statistics \
             WHERE table_schema = DATABASE() AND table_name = 'documents' \
             AND index_name LIKE 'ix_documents_%' GROUP BY index_name ORDER BY index_name",
        ),
        Engine::Sqlite => db.query(
            "SELECT name, sql FROM sqlite_master \
             WHERE name LIKE 'ix_documents_%' ORDER BY name",
        ),
    };
    let expected: &[&[Option<&str>]] = match engine {
        Engine::Postgres => &[
            &[
                Some("ix_documents_code"),
                Some(
                    "CREATE INDEX ix_documents_code ON public.documents USING btree (code, title) \
                     WITH (fillfactor='90', deduplicate_items='false')",
                ),
            ],
            &[
                Some("ix_documents_score"),
                Some("CREATE INDEX ix_documents_score ON public.documents USING btree (score)"),
            ],
            &[
                Some("ix_documents_search"),
                Some(
                    "CREATE INDEX ix_documents_search ON public.documents \
                     USING btree (title varchar_pattern_ops)",
                ),
            ],
            &[
                Some("ix_documents_title_code"),
                Some(
                    "CREATE INDEX ix_documents_title_code ON public.documents \
                     USING btree (title text_pattern_ops, code) WITH (fillfactor='70')",
                ),
            ],
        ],
        Engine::MariaDb => &[
            &[
                Some("ix_documents_code"),
                Some("code:10:BTREE,title:10:BTREE"),
            ],
            &[Some("ix_documents_score"), Some("score:-:BTREE")],
            &[Some("ix_documents_search"), Some("title:-:FULLTEXT")],
            &[
                Some("ix_documents_title_code"),
                Some("title:50:BTREE,code:-:BTREE"),
            ],
        ],
        Engine::Sqlite => &[
            &[
                Some("ix_documents_code"),
                Some("CREATE INDEX ix_documents_code ON documents (code, title)"),
            ],
            &[
                Some("ix_documents_score"),
                Some("CREATE INDEX ix_documents_score ON documents (score)"),
            ],
            &[
                Some("ix_documents_search"),
                Some("CREATE INDEX ix_documents_search ON documents (title)"),
            ],
            &[
                Some("ix_documents_title_code"),
                Some("CREATE INDEX ix_documents_title_code ON documents (title, code)"),
            ],
        ],
    };
    assert_eq!(kept, support::rows(expected));
}

/// MySQL's and MariaDB's table options; PostgreSQL's partitioning, which
/// takes rows only through a partition.
fn table_options_reach_the_catalog(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project("dialect_options"));
    db.run_ok(&scripts.script(engine, &["upgrade", "heads"]));
    let Some(other) = engine.fresh_database() else {
        return;
    };
    let mariadb = ScriptSource::for_project(&test_project("mariadb_options"));
    other.run_ok(&mariadb.script(engine, &["upgrade", "heads"]));
    let reading = "INSERT INTO readings (taken_on, reading) VALUES ('2024-01-02', 7)";
    match engine {
        Engine::MariaDb => {
            let tables = "SELECT table_name, engine, table_collation, row_format, \
                 table_comment FROM information_schema.tables WHERE table_schema = DATABASE() \
                 AND table_name <> 'alembic_version' ORDER BY table_name";
            assert_eq!(
                db.query(tables),
                support::rows(&[
                    &[
                        Some("documents"),
                        Some("InnoDB"),
                        Some("utf8mb4_bin"),
                        Some("Dynamic"),
                        Some(""),
                    ],
                    &[
                        Some("labels"),
                        Some("InnoDB"),
                        Some("utf8mb4_unicode_ci"),
                        Some("Dynamic"),
                        Some("short labels"),
                    ],
                    &[
                        Some("readings"),
                        Some("InnoDB"),
                        Some("utf8mb4_general_ci"),
                        Some("Dynamic"),
                        Some(""),
                    ],
                ])
            );
            assert_eq!(
                other.query(tables),
                support::rows(&[
                    &[
                        Some("notes"),
                        Some("Aria"),
                        Some("utf8mb4_unicode_ci"),
                        Some("Page"),
                        Some(""),
                    ],
                    &[
                        Some("tags"),
                        Some("InnoDB"),
                        Some("utf8mb4_general_ci"),
                        Some("Dynamic"),
                        Some(""),
                    ],
                ])
            );
        }
        Engine::Postgres => {
            assert_eq!(
                db.query(
                    "SELECT p.partstrat::text FROM pg_partitioned_table p \
                     JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = 'readings'"
                ),
                support::rows(&[&[Some("r")]])
            );
            let refused = db
                .run_script(reading)
                .expect_err("a partitioned table without partitions takes no rows");
            assert!(refused.contains("no partition"), "{refused}");
            db.run_ok(
                "CREATE TABLE readings_2024 PARTITION OF readings \
                 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
            );
        }
        Engine::Sqlite => {}
    }
    db.run_ok(reading);
    assert_eq!(
        db.query("SELECT count(*) FROM readings"),
        support::rows(&[&[Some("1")]])
    );
}

/// A `mariadb_*` option that names another value than its `mysql_*` twin:
/// the mysql dialect writes one script for both engines, so it refuses at
/// compile time, naming both; the other dialects ignore both.
fn disagreeing_mariadb_twin_is_refused(engine: Engine) {
    let revision =
        "revision: u1\ndown_revision: null\nmessage: m\nupgrade:\n  - create_table:\n      \
                    name: t\n      mysql_engine: InnoDB\n      mariadb_engine: Aria\n      \
                    columns: [{name: c, type: Integer}]\n";
    let project = support::project(&[("revisions/u1.yaml", revision)]);
    let compiled = retort_sql(project.path(), engine.dialect(), &["upgrade", "u1"]);
    if engine != Engine::MariaDb {
        assert!(compiled.success(), "{}", compiled.stderr);
        assert!(!compiled.stdout.contains("ENGINE"), "{}", compiled.stdout);
        return;
    }
    assert!(!compiled.success(), "{}", compiled.stdout);
    for named in ["mysql_engine `InnoDB`", "mariadb_engine `Aria`", "u1.yaml"] {
        assert!(compiled.stderr.contains(named), "{}", compiled.stderr);
    }
}
