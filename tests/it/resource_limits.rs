//! Input sized or shaped to exhaust memory or the stack is refused with a
//! message naming the file (and the place in it), exit code 1, never a
//! crash. The graph-sized limits are in tests/it/scale.rs.

use crate::support;

use support::{project, retort};

const HEAD: &str = "revision: a1\ndown_revision: null\nmessage: m\n";

/// Runs `retort check` on `dir`: exit code 1 and each of `expected` on stderr.
fn refused(dir: &std::path::Path, expected: &[&str]) {
    let output = retort()
        .arg("--project")
        .arg(dir)
        .arg("check")
        .output()
        .expect("run retort");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for text in expected {
        assert!(stderr.contains(text), "expected {text:?} in:\n{stderr}");
    }
}

#[test]
fn a_revision_file_over_sixteen_mib_is_not_read() {
    let dir = project(&[]);
    std::fs::create_dir(dir.path().join("revisions")).unwrap();
    let file = std::fs::File::create(dir.path().join("revisions/huge.yaml")).unwrap();
    // A sparse file: its size says 17 MiB, nothing is written.
    file.set_len(17 * 1024 * 1024).unwrap();
    refused(
        dir.path(),
        &["revisions/huge.yaml: the file is 17825792 bytes, larger than the limit of 16 MiB"],
    );
}

#[test]
fn a_billion_laughs_is_refused_at_its_first_anchor() {
    let mut bomb =
        format!("{HEAD}upgrade:\n  - execute: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for n in 1..10 {
        let refs = vec![format!("*a{}", n - 1); 9].join(", ");
        bomb.push_str(&format!("  - execute: &a{n} [{refs}]\n"));
    }
    let dir = project(&[("revisions/a.yaml", &bomb)]);
    refused(
        dir.path(),
        &["revisions/a.yaml:5:14: YAML anchors and aliases (`&name`, `*name`) are not allowed"],
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for upgrade in [
        format!("upgrade: {}\n", "[".repeat(100_000)),
        format!("upgrade:\n  {}x\n", "- ".repeat(100_000)),
        format!("upgrade:\n  - execute: {}\n", "{a: ".repeat(100_000)),
    ] {
        let dir = project(&[("revisions/a.yaml", &format!("{HEAD}{upgrade}"))]);
        refused(dir.path(), &["revisions/a.yaml:"]);
    }
}

/// A table of 20,000 columns and a row of 20,000 values: lists this long
/// were checked with `Vec::contains` per item, and the column list of
/// `CREATE TABLE` was a list grown by `+` in the templates, nested deeper
/// with every column.
#[test]
fn a_table_of_twenty_thousand_columns() {
    const COLUMNS: usize = 20_000;
    let columns: String = (0..COLUMNS)
        .map(|i| format!("        - {{name: c{i}, type: Integer}}\n"))
        .collect();
    let row: Vec<String> = (0..COLUMNS).map(|i| format!("c{i}: {i}")).collect();
    let table =
        format!("{HEAD}upgrade:\n  - create_table:\n      name: t\n      columns:\n{columns}");
    let rows = format!(
        "revision: b1\ndown_revision: a1\nmessage: m\nupgrade:\n  - bulk_insert:\n      table: t\n      rows:\n        - {{{}}}\ndowngrade: []\n",
        row.join(", ")
    );
    let dir = project(&[("revisions/a.yaml", &table), ("revisions/b.yaml", &rows)]);
    for dialect in ["postgresql", "sqlite"] {
        let output = retort()
            .arg("--project")
            .arg(dir.path())
            .args(["upgrade", "head", "--dialect", dialect])
            .output()
            .expect("run retort");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            stdout.contains("    c0 INTEGER, \n    c1 INTEGER, \n"),
            "{dialect}"
        );
        assert!(stdout.contains("    c19999 INTEGER\n)"), "{dialect}");
        assert!(stdout.contains(", 19998, 19999)"), "{dialect}");
    }
}
