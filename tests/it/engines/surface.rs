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
}

fn surface_round_trips(engine: Engine) {
    if engine == Engine::Sqlite {
        // s2 is refused on SQLite (surface_identity_column_as_the_engine_takes_it).
        let Some(db) = engine.fresh_database() else {
            return;
        };
        let scripts = ScriptSource::for_project(&test_project(PROJECT));
        db.run_ok(&scripts.script(engine, &["upgrade", "s1"]));
        assert_eq!(db.version_rows(), ["s1"]);
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

fn surface_identity_column_as_the_engine_takes_it(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = test_project(PROJECT);
    let scripts = ScriptSource::for_project(&project);
    db.run_ok(&scripts.script(engine, &["upgrade", "s1"]));
    match engine {
        Engine::Postgres => {
            db.run_ok(&scripts.script(engine, &["upgrade", "s1:s2"]));
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
            db.run_ok(&scripts.script(engine, &["upgrade", "s1:s2"]));
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
            let compiled = retort_sql(&project, engine.dialect(), &["upgrade", "s1:s2"]);
            assert!(!compiled.success(), "retort compiled s2 for SQLite");
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
