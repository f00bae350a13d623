//! Guards on the real engines: the compiled example project's scripts run in
//! order, and a script run against a database at the wrong revision stops at
//! its guard, naming the expected and the found revisions, and leaves the
//! database as it was.

use crate::support;

use std::path::{Path, PathBuf};
use support::engines::{Engine, TestDatabase};
use support::{repo_root, retort};

/// The example project compiled for `dialect` in a new folder.
fn compiled(dialect: &str) -> tempfile::TempDir {
    compiled_with(dialect, "")
}

/// The example project with `settings` as its retort.yaml, compiled for
/// `dialect` in a new folder.
fn compiled_with(dialect: &str, settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    if !settings.is_empty() {
        std::fs::write(dir.path().join("retort.yaml"), settings).unwrap();
    }
    let revisions = dir.path().join("revisions");
    std::fs::create_dir_all(&revisions).unwrap();
    for entry in std::fs::read_dir(repo_root().join("revisions")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), revisions.join(entry.file_name())).unwrap();
    }
    retort()
        .arg("--project")
        .arg(dir.path())
        .args(["compile", "--dialect", dialect])
        .assert()
        .success();
    dir
}

/// The per-revision scripts of `kind`, in NNNN order.
fn revision_scripts(project: &Path, dialect: &str, kind: &str) -> Vec<PathBuf> {
    let folder = project.join("out").join(dialect).join("revisions");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(&format!(".{kind}.sql")))
        .collect();
    scripts.sort();
    scripts
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Runs `script`, expects it to fail at its guard, and checks that the
/// database is as it was.
fn assert_stopped_by_guard(db: &dyn TestDatabase, script: &Path, expected: &str, found: &str) {
    let dump = db.schema_dump();
    let rows = db.version_rows();
    let error = db
        .run_script(&read(script))
        .expect_err("the guard stops the script");
    let wanted = format!("expects alembic_version to hold {expected}; it holds {found}");
    assert!(
        error.contains("retort guard") && error.contains(&wanted),
        "{:?}: {} failed, but not at its guard ({wanted}):\n{error}",
        db.engine(),
        script.display()
    );
    assert_eq!(
        db.version_rows(),
        rows,
        "{:?}: version rows changed",
        db.engine()
    );
    assert_eq!(db.schema_dump(), dump, "{:?}: schema changed", db.engine());
}

fn guards_stop_scripts_at_the_wrong_revision(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = compiled(engine.dialect());
    let upgrades = revision_scripts(project.path(), engine.dialect(), "upgrade");
    let downgrades = revision_scripts(project.path(), engine.dialect(), "downgrade");
    assert_eq!(upgrades.len(), 10);

    for script in &upgrades[..3] {
        db.run_ok(&read(script));
    }
    assert_eq!(db.version_rows(), vec!["c47e0b9a1d25".to_owned()]);

    // Skipping 0004: 0005 expects 0004's revision.
    assert_stopped_by_guard(&*db, &upgrades[4], "5e9f13c8a6d7", "c47e0b9a1d25");
    // Undoing 0002 while 0003 is applied.
    assert_stopped_by_guard(&*db, &downgrades[1], "8b1d4e6f2a93", "c47e0b9a1d25");
    // Running 0003 again.
    assert_stopped_by_guard(&*db, &upgrades[2], "8b1d4e6f2a93", "c47e0b9a1d25");

    // The rest in order, through the branch point and the merge, to head.
    for script in &upgrades[3..] {
        db.run_ok(&read(script));
    }
    assert_eq!(db.version_rows(), vec!["7c3e9a5b1d84".to_owned()]);
    let at_head = db.schema_dump();

    // The whole downgrade; a revision's downgrade then finds no rows.
    let out = project.path().join("out").join(engine.dialect());
    db.run_ok(&read(&out.join("downgrade.sql")));
    assert!(db.version_rows().is_empty());
    assert_stopped_by_guard(&*db, &downgrades[9], "7c3e9a5b1d84", "no rows");

    // Without its version table (which a downgrade keeps, as Alembic's does),
    // the database takes the whole upgrade again, to the same schema.
    db.run_ok("DROP TABLE alembic_version;\n");
    db.run_ok(&read(&out.join("upgrade.sql")));
    assert_eq!(db.version_rows(), vec!["7c3e9a5b1d84".to_owned()]);
    assert_eq!(db.schema_dump(), at_head);
}

#[test]
fn guards_on_postgresql() {
    guards_stop_scripts_at_the_wrong_revision(Engine::Postgres);
}

#[test]
fn guards_on_mariadb() {
    guards_stop_scripts_at_the_wrong_revision(Engine::MariaDb);
}

#[test]
fn guards_on_sqlite() {
    guards_stop_scripts_at_the_wrong_revision(Engine::Sqlite);
}

/// `retort upgrade|downgrade` print Alembic's script unless asked for guards.
fn printed(args: &[&str]) -> String {
    let output = retort()
        .arg("--project")
        .arg(repo_root())
        .args(args)
        .assert()
        .success();
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

#[test]
fn upgrade_and_downgrade_guard_only_when_asked() {
    for dialect in ["postgresql", "sqlite", "mysql", "mssql", "oracle"] {
        let plain = printed(&["upgrade", "head", "--dialect", dialect]);
        assert!(!plain.contains("retort guard"), "{dialect}");
        let guarded = printed(&["upgrade", "head", "--dialect", dialect, "--guard"]);
        assert_eq!(
            guarded.matches("retort guard: upgrade ").count(),
            10,
            "{dialect}"
        );
        let down = printed(&["downgrade", "head:-1", "--dialect", dialect, "--guard"]);
        assert!(
            down.contains("retort guard: downgrade 7c3e9a5b1d84 -> 0f6b8d4a2e57 expects alembic_version to hold 7c3e9a5b1d84; it holds "),
            "{dialect}:\n{down}"
        );
    }
    let Some(db) = Engine::Sqlite.fresh_database() else {
        return;
    };
    db.run_ok(&printed(&[
        "upgrade",
        "e81f5d2b7c09",
        "--dialect",
        "sqlite",
    ]));
    let guarded_down = printed(&["downgrade", "head:-1", "--dialect", "sqlite", "--guard"]);
    let dump = db.schema_dump();
    let error = db.run_script(&guarded_down).unwrap_err();
    assert!(
        error.contains("expects alembic_version to hold 7c3e9a5b1d84; it holds e81f5d2b7c09"),
        "{error}"
    );
    assert_eq!(db.schema_dump(), dump);
    assert_eq!(db.version_rows(), vec!["e81f5d2b7c09".to_owned()]);
}

#[test]
fn a_guard_names_a_version_table_in_its_schema() {
    let project = compiled_with(
        "postgresql",
        "version_table: schema_history\nversion_table_schema: audit\n",
    );
    let upgrades = revision_scripts(project.path(), "postgresql", "upgrade");
    let third = read(&upgrades[2]);
    assert!(
        third.contains("expects audit.schema_history to hold 8b1d4e6f2a93; it holds "),
        "{third}"
    );
    let Some(db) = Engine::Postgres.fresh_database() else {
        return;
    };
    db.run_ok("CREATE SCHEMA audit;\n");
    db.run_ok(&read(&upgrades[0]));
    let dump = db.schema_dump();
    let error = db.run_script(&third).unwrap_err();
    assert!(
        error.contains("expects audit.schema_history to hold 8b1d4e6f2a93; it holds 3f2a9c1e7b40"),
        "{error}"
    );
    assert_eq!(db.schema_dump(), dump);
    assert_eq!(
        db.version_rows_of("audit.schema_history"),
        vec!["3f2a9c1e7b40".to_owned()]
    );
}
