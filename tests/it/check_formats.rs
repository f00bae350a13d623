//! `retort check --format github` and `--format sarif`: each output parsed
//! by a real parser (GitHub's workflow-command grammar; serde_json and the
//! SARIF 2.1.0 JSON schema) and compared with the JSON Lines notes.

use crate::lint_support::{check_json, project, r2};
use crate::support;
use serde_json::Value;
use std::collections::BTreeMap;

const DROP_STATUS: &str = "  - drop_column: {table: runs, column: status}";
const ALLOWED_DROP: &str = "  - drop_column: {table: runs, column: status}
    review: {allow: [destructive-drop-column], reason: \"status moved to run_states in r1\"}";
/// r2 with a misspelt op at line 5, column 5.
const BAD_OP: &str = "  - drop_colum: {table: runs, column: status}";

/// (exit code, stdout, stderr) of `retort check --format FORMAT` with the
/// project given as `revisions/..` relative paths (as a CI job runs it).
fn check(project: &tempfile::TempDir, format: &str) -> (i32, String, String) {
    let output = support::retort()
        .current_dir(project.path())
        .args(["check", "--format", format])
        .output()
        .expect("retort runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

/// One GitHub Actions workflow command: `::NAME k=v,k=v::MESSAGE`, its
/// properties and message unescaped as the runner does.
#[derive(Debug)]
struct Annotation {
    level: String,
    properties: BTreeMap<String, String>,
    message: String,
}

fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Parses a line as the runner does; panics on anything else.
fn parse_annotation(line: &str) -> Annotation {
    let rest = line
        .strip_prefix("::")
        .unwrap_or_else(|| panic!("not a command: {line}"));
    let (head, message) = rest
        .split_once("::")
        .unwrap_or_else(|| panic!("no message: {line}"));
    assert!(!message.contains('\n') && !message.contains('\r'), "{line}");
    let (level, properties) = head.split_once(' ').unwrap_or((head, ""));
    assert!(
        ["error", "warning", "notice"].contains(&level),
        "not an annotation: {line}"
    );
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (key, value) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("bad property {p:?}"));
            assert!(
                ["file", "line", "col", "endLine", "endColumn", "title"].contains(&key),
                "unknown property {key}"
            );
            (key.to_owned(), unescape(value))
        })
        .collect();
    Annotation {
        level: level.to_owned(),
        properties,
        message: unescape(message),
    }
}

#[test]
fn github_annotations_carry_every_note_with_file_line_and_column() {
    let project = project(&r2(DROP_STATUS, None));
    let (_, notes) = check_json(&project, &[]);
    assert!(!notes.is_empty());
    let (code, stdout, _) = check(&project, "github");
    assert_eq!(code, 0);
    let annotations: Vec<Annotation> = stdout.lines().map(parse_annotation).collect();
    assert_eq!(annotations.len(), notes.len(), "{stdout}");
    for (annotation, note) in annotations.iter().zip(&notes) {
        let p = &annotation.properties;
        assert_eq!(p["file"], note["file"].as_str().unwrap());
        assert_eq!(p["line"], note["line"].to_string());
        assert_eq!(p["col"], note["column"].to_string());
        assert_eq!(p["title"], note["rule"].as_str().unwrap());
        assert_eq!(annotation.level, note["severity"].as_str().unwrap());
        assert!(
            annotation
                .message
                .contains(note["message"].as_str().unwrap()),
            "{annotation:?}"
        );
    }
    let drop = annotations
        .iter()
        .find(|a| a.properties["title"] == "destructive-drop-column")
        .expect("the drop_column note");
    assert_eq!(drop.properties["file"], "revisions/r2.yaml");
    assert_eq!(
        (&*drop.properties["line"], &*drop.properties["col"]),
        ("5", "5")
    );
    assert!(drop.message.contains("\ninstead: "), "{drop:?}");
}

#[test]
fn github_annotates_a_revision_that_does_not_load() {
    let project = project(&r2(BAD_OP, None));
    let (code, stdout, stderr) = check(&project, "github");
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: revisions/r2.yaml:5:5: "),
        "{stderr}"
    );
    let annotations: Vec<Annotation> = stdout.lines().map(parse_annotation).collect();
    assert_eq!(annotations.len(), 1, "{stdout}");
    let a = &annotations[0];
    assert_eq!(a.level, "error");
    assert_eq!(a.properties["file"], "revisions/r2.yaml");
    assert_eq!((&*a.properties["line"], &*a.properties["col"]), ("5", "5"));
    assert!(a.message.contains("unknown op `drop_colum`"), "{a:?}");
}

/// The SARIF 2.1.0 schema (OASIS), vendored: see tests/sarif/README.md.
fn sarif_validator() -> jsonschema::Validator {
    let path = support::repo_root().join("tests/sarif/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(path).expect("the vendored SARIF schema");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// Parses `stdout` as JSON and validates it against the SARIF schema.
fn valid_sarif(stdout: &str) -> Value {
    let log: Value = serde_json::from_str(stdout).expect("SARIF output is JSON");
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "not SARIF 2.1.0: {errors:#?}\n{stdout}");
    log
}

#[test]
fn sarif_is_valid_and_holds_every_note_with_file_line_and_column() {
    let project = project(&r2(ALLOWED_DROP, None));
    let (_, notes) = check_json(&project, &[]);
    let (code, stdout, _) = check(&project, "sarif");
    assert_eq!(code, 0);
    let log = valid_sarif(&stdout);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), notes.len());
    for (result, note) in results.iter().zip(&notes) {
        assert_eq!(result["ruleId"], note["rule"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], note["rule"]);
        let physical = &result["locations"][0]["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], note["file"]);
        assert_eq!(physical["region"]["startLine"], note["line"]);
        assert_eq!(physical["region"]["startColumn"], note["column"]);
    }
    let allowed = results
        .iter()
        .find(|r| r["ruleId"] == "destructive-drop-column")
        .expect("the allowed drop_column note");
    assert_eq!(
        allowed["suppressions"][0]["justification"],
        "status moved to run_states in r1"
    );
}

#[test]
fn sarif_reports_a_revision_that_does_not_load() {
    let project = project(&r2(BAD_OP, None));
    let (code, stdout, _) = check(&project, "sarif");
    assert_eq!(code, 1);
    let log = valid_sarif(&stdout);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "invalid-revision");
    assert_eq!(results[0]["level"], "error");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&5.into(), &5.into())
    );
}

#[test]
fn the_schema_check_rejects_what_is_not_sarif() {
    let project = project(&r2(DROP_STATUS, None));
    let (_, stdout, _) = check(&project, "sarif");
    let mut log: Value = serde_json::from_str(&stdout).unwrap();
    log["runs"][0]["results"][0]["level"] = "severe".into();
    assert!(!sarif_validator().is_valid(&log));
}
