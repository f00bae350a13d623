//! Helpers of the review-note tests: a base revision and a second revision
//! under test, run through `retort check --format json`.
#![allow(dead_code)]

use crate::support;
use serde_json::Value;

/// `revisions/r1.yaml`: creates `runs` (id, status String(32), total Integer).
pub const BASE: &str = "\
revision: r1
down_revision: null
message: base
upgrade:
  - create_table:
      name: runs
      columns:
        - {name: id, type: Integer, primary_key: true}
        - {name: status, type: String(32)}
        - {name: total, type: Integer}
";

/// `revisions/r2.yaml` on top of r1: `upgrade` ops start at line 5; the
/// `downgrade` (when given) follows them, so its first op is at line
/// `5 + <upgrade lines> + 1`.
pub fn r2(upgrade: &str, downgrade: Option<&str>) -> String {
    let mut text = format!("revision: r2\ndown_revision: r1\nmessage: second\nupgrade:\n{upgrade}");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    if let Some(downgrade) = downgrade {
        text.push_str("downgrade:\n");
        text.push_str(downgrade);
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

/// A project of r1 and `second` as r2.
pub fn project(second: &str) -> tempfile::TempDir {
    support::project(&[("revisions/r1.yaml", BASE), ("revisions/r2.yaml", second)])
}

/// The exit code and the notes of `retort check --format json ARGS`.
pub fn check_json(project: &tempfile::TempDir, args: &[&str]) -> (i32, Vec<Value>) {
    let output = support::retort()
        .args(["check", "--format", "json", "--project"])
        .arg(project.path())
        .args(args)
        .output()
        .expect("retort runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let notes = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect();
    (output.status.code().unwrap_or(-1), notes)
}

/// The notes of rule `rule` among `notes`.
pub fn of_rule<'a>(notes: &'a [Value], rule: &str) -> Vec<&'a Value> {
    notes.iter().filter(|n| n["rule"] == rule).collect()
}

/// The one note of `rule` in r2 of `second` (checked with `args`): asserts
/// there is exactly one, at `revisions/r2.yaml:line`, in `direction`.
pub fn expect_note(second: &str, args: &[&str], rule: &str, direction: &str, line: u64) -> Value {
    let project = project(second);
    let (_, notes) = check_json(&project, args);
    let found = of_rule(&notes, rule);
    assert_eq!(found.len(), 1, "one `{rule}` note expected in {notes:#?}");
    let note = found[0].clone();
    assert_eq!(note["file"], "revisions/r2.yaml", "{note:#}");
    assert_eq!(note["line"], line, "{note:#}");
    assert_eq!(note["revision"], "r2", "{note:#}");
    assert_eq!(note["direction"], direction, "{note:#}");
    note
}

/// Asserts that `second` (checked with `args`) has no note of `rule`.
pub fn expect_none(second: &str, args: &[&str], rule: &str) {
    let project = project(second);
    let (_, notes) = check_json(&project, args);
    let found = of_rule(&notes, rule);
    assert!(found.is_empty(), "no `{rule}` note expected: {found:#?}");
}
