//! Automatic downgrades against Alembic's: the corpus project
//! (tests/projects/alembic_corpus, Alembic's r1..r9 as YAML) with every
//! written `downgrade:` removed (but r5's, a data migration) must print the
//! same downgrade scripts as with them. tests/it/sql_commands.rs compares the
//! written ones with what Alembic 1.20.1 printed, so the derived downgrades
//! are Alembic's, byte for byte, on all five dialects.

use crate::support;

use std::path::Path;

/// A copy of the corpus project `name` without the written downgrades.
fn without_downgrades(name: &str) -> tempfile::TempDir {
    let source = support::repo_root().join("tests/projects").join(name);
    let copy = tempfile::tempdir().unwrap();
    for entry in walk(&source) {
        let relative = entry.strip_prefix(&source).unwrap();
        let mut text = std::fs::read_to_string(&entry).unwrap();
        let is_revision =
            relative.starts_with("revisions") && !relative.ends_with("r5_data_migration.yaml");
        if is_revision {
            if let Some(at) = text.find("\ndowngrade:") {
                text.truncate(at + 1);
            }
        }
        support::write(copy.path(), relative.to_str().unwrap(), &text);
    }
    copy
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn downgrade(project: &Path, range: &str, dialect: &str) -> String {
    let output = support::retort()
        .args(["downgrade", range, "--dialect", dialect, "--project"])
        .arg(project)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "downgrade {range} on {dialect}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn derived_downgrades_print_what_alembic_printed_for_the_written_ones() {
    for dialect in ["postgresql", "sqlite", "mysql", "mssql", "oracle"] {
        // MySQL refuses `String` without a length: its clean run is the STRLEN variant.
        let name = if dialect == "mysql" {
            "alembic_corpus_strlen"
        } else {
            "alembic_corpus"
        };
        let written = support::repo_root().join("tests/projects").join(name);
        let derived = without_downgrades(name);
        for range in ["r9:base", "r9:r6", "r8:r7a", "r6:r3", "r4:r3"] {
            assert_eq!(
                downgrade(derived.path(), range, dialect),
                downgrade(&written, range, dialect),
                "downgrade {range} on {dialect}"
            );
        }
    }
}
