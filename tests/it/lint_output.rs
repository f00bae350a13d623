//! `retort check`'s output and exit codes: the report, JSON lines, `--deny`,
//! `review: {allow: ...}` and ranges.

use crate::lint_support;
use crate::support;

use lint_support::{check_json, of_rule, project, r2};
use predicates::prelude::*;
use predicates::str::contains;

const DROP_STATUS: &str = "  - drop_column: {table: runs, column: status}";

fn check(project: &tempfile::TempDir) -> assert_cmd::Command {
    let mut command = support::retort();
    command.args(["check", "--project"]).arg(project.path());
    command
}

#[test]
fn the_report_groups_notes_per_revision_with_file_and_line() {
    let project = project(&r2(DROP_STATUS, None));
    check(&project)
        .assert()
        .success()
        .stdout(contains("r2: second (revisions/r2.yaml)\n"))
        .stdout(contains(
            "  revisions/r2.yaml:5:5: warning[destructive-drop-column] upgrade drop_column: \
             drops column `runs.status` and every value in it\n    instead: ",
        ))
        .stdout(contains("2 revisions checked"))
        .stdout(contains("1 warning"));
    let entries = std::fs::read_dir(project.path()).unwrap().count();
    assert_eq!(entries, 1, "check wrote nothing beside revisions/");
}

#[test]
fn json_prints_one_object_per_note_with_every_field() {
    let project = project(&r2(DROP_STATUS, None));
    let (code, notes) = check_json(&project, &[]);
    assert_eq!(code, 0);
    let note = &of_rule(&notes, "destructive-drop-column")[0];
    let keys: Vec<&str> = note
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "severity",
        "rule",
        "category",
        "revision",
        "direction",
        "op",
        "file",
        "line",
        "column",
        "dialects",
        "message",
        "advice",
        "allowed",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(note["severity"], "warning");
    assert_eq!(note["category"], "destructive");
    assert_eq!(note["op"], "drop_column");
    assert_eq!(note["column"], 5);
    assert_eq!(note["dialects"], serde_json::json!([]));
    assert_eq!(note["allowed"], serde_json::Value::Null);
    assert!(!note["advice"].as_str().unwrap().is_empty());
}

#[test]
fn deny_fails_on_a_selected_rule_category_or_severity() {
    let project = project(&r2(DROP_STATUS, None));
    for deny in ["destructive", "destructive-drop-column", "warning", "info"] {
        check(&project)
            .args(["--deny", deny])
            .assert()
            .code(1)
            .stderr(contains(format!("denied by --deny {deny}")));
    }
    for deny in ["locking", "destructive-drop-table", "error"] {
        check(&project).args(["--deny", deny]).assert().success();
    }
    check(&project)
        .args(["--deny", "locking", "--deny", "destructive"])
        .assert()
        .code(1);
}

#[test]
fn deny_of_an_unknown_name_is_a_usage_error_with_a_suggestion() {
    let project = project(&r2(DROP_STATUS, None));
    check(&project)
        .args(["--deny", "destructiv"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `destructive`"));
}

#[test]
fn an_error_note_fails_the_check() {
    let project = project(&r2(
        "  - add_column: {table: runs, column: {name: doc, type: postgresql.JSONB}}",
        None,
    ));
    check(&project)
        .args(["--dialect", "mysql"])
        .assert()
        .code(1)
        .stdout(contains("error[dialect-type-elsewhere]"))
        .stderr(contains("1 review note(s) of severity error"));
}

const ALLOWED_DROP: &str = "  - drop_column: {table: runs, column: status}
    review: {allow: [destructive-drop-column], reason: \"status moved to run_states in r1\"}";

#[test]
fn an_allowed_note_shows_its_reason_and_does_not_count() {
    let project = project(&r2(ALLOWED_DROP, None));
    check(&project)
        .args(["--deny", "destructive"])
        .assert()
        .success()
        .stdout(contains(
            "revisions/r2.yaml:5:5: allowed[destructive-drop-column] upgrade drop_column",
        ))
        .stdout(contains("    allowed: status moved to run_states in r1\n"))
        .stdout(contains("warning[").not())
        .stdout(contains("1 allowed"));
    let (_, notes) = check_json(&project, &[]);
    let note = &of_rule(&notes, "destructive-drop-column")[0];
    assert_eq!(note["allowed"], "status moved to run_states in r1");
}

#[test]
fn an_allow_may_name_a_category() {
    let allowed = ALLOWED_DROP.replace("[destructive-drop-column]", "[destructive]");
    let project = project(&r2(&allowed, None));
    check(&project)
        .args(["--deny", "destructive"])
        .assert()
        .success();
}

#[test]
fn an_allow_of_another_rule_silences_nothing() {
    let allowed = ALLOWED_DROP.replace("[destructive-drop-column]", "[destructive-drop-table]");
    let project = project(&r2(&allowed, None));
    check(&project)
        .args(["--deny", "destructive"])
        .assert()
        .code(1);
}

#[test]
fn an_allow_naming_no_rule_is_an_error_with_did_you_mean() {
    let allowed = ALLOWED_DROP.replace("[destructive-drop-column]", "[destructive-drop-colum]");
    let project = project(&r2(&allowed, None));
    check(&project)
        .assert()
        .code(1)
        .stderr(contains("revisions/r2.yaml:5:5: drop_column: review.allow"))
        .stderr(contains("did you mean `destructive-drop-column`"));
}

#[test]
fn a_range_limits_the_notes_to_its_revisions() {
    let project = project(&r2(DROP_STATUS, None));
    let (_, all) = check_json(&project, &[]);
    assert!(!of_rule(&all, "destructive-drop-column").is_empty());
    let (code, first) = check_json(&project, &["r1"]);
    assert_eq!(code, 0);
    assert!(first.iter().all(|n| n["revision"] == "r1"), "{first:#?}");
    let (_, second) = check_json(&project, &["r1:r2"]);
    assert!(second.iter().all(|n| n["revision"] == "r2"), "{second:#?}");
    assert!(!second.is_empty());
}

#[test]
fn validation_errors_still_fail_before_any_note() {
    let project = project(&r2("  - drop_column: {table: runs, column: stauts}", None));
    check(&project)
        .assert()
        .code(1)
        .stderr(contains("revisions/r2.yaml:5:5"))
        .stdout(contains("destructive").not());
}

#[test]
fn an_error_note_cannot_be_allowed() {
    let project = project(&r2(
        "  - add_column: {table: runs, column: {name: doc, type: postgresql.JSONB}}
    review: {allow: [portability], reason: \"we only run PostgreSQL\"}",
        None,
    ));
    check(&project)
        .args(["--dialect", "mysql"])
        .assert()
        .code(1)
        .stdout(contains("error[dialect-type-elsewhere]"));
}
