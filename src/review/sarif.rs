//! `retort check --format sarif`: a SARIF 2.1.0 log (the format code-scanning
//! services read), with every rule of the catalogue, one result per note
//! (allowed notes as suppressed results) and per error in the user's files.

use super::catalogue::RULES;
use super::{Note, Severity};
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use camino::Utf8Path;
use serde_json::{json, Value};

/// The rule id of errors in the user's files (a revision that does not
/// load, an op the schema model rejects).
pub const ERROR_RULE: &str = "invalid-revision";

/// The SARIF log of `notes` and `errors`, pretty-printed, ending with a
/// newline; paths are `base` (the project folder, as given) joined with the
/// file's.
pub fn log(notes: &[Note], errors: &[Diagnostic], base: &Utf8Path) -> String {
    let mut rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "shortDescription": {"text": rule.advice},
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": {"category": rule.category.name()},
            })
        })
        .collect();
    rules.push(json!({
        "id": ERROR_RULE,
        "shortDescription": {"text": "a revision that does not load, or an op the schema model rejects"},
        "defaultConfiguration": {"level": "error"},
    }));
    let mut results: Vec<Value> = errors
        .iter()
        .map(|e| {
            result(
                ERROR_RULE,
                RULES.len(),
                "error",
                &e.message,
                &e.location,
                base,
            )
        })
        .collect();
    results.extend(notes.iter().map(|note| note_result(note, base)));
    let log = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "retort",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    // A Value of strings, numbers, lists and maps always serialises.
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// A note's result; an allowed note is suppressed, with its reason.
fn note_result(note: &Note, base: &Utf8Path) -> Value {
    let index = RULES.iter().position(|r| r.id == note.rule).unwrap_or(0);
    let dialects = match note.dialects.as_slice() {
        [] => String::new(),
        some => format!(" ({})", some.join(", ")),
    };
    let message = format!(
        "{} {}{dialects}: {}. Instead: {}",
        note.direction.name(),
        note.op,
        note.message,
        note.advice
    );
    let mut result = result(
        note.rule,
        index,
        level(note.severity),
        &message,
        &note.location,
        base,
    );
    if let Some(reason) = &note.allowed {
        result["suppressions"] = json!([{"kind": "inSource", "justification": reason}]);
    }
    result
}

/// A result of `rule` at `at`.
fn result(
    rule: &str,
    index: usize,
    level: &str,
    message: &str,
    at: &Location,
    base: &Utf8Path,
) -> Value {
    let file = if base == "." {
        at.file.clone()
    } else {
        base.join(&at.file)
    };
    let mut physical = json!({"artifactLocation": {"uri": file.as_str()}});
    // A whole file (line 0) has no region.
    if at.line > 0 {
        physical["region"] = json!({"startLine": at.line, "startColumn": at.column.max(1)});
    }
    json!({
        "ruleId": rule,
        "ruleIndex": index,
        "level": level,
        "message": {"text": message},
        "locations": [{"physicalLocation": physical}],
    })
}

/// SARIF's level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_of_the_catalogue_is_listed() {
        let log: Value = serde_json::from_str(&log(&[], &[], Utf8Path::new("."))).unwrap();
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules.len(), RULES.len() + 1);
        for rule in RULES {
            assert!(rules.iter().any(|r| r["id"] == rule.id), "{}", rule.id);
        }
    }
}
