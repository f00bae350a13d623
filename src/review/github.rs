//! `retort check --format github`: GitHub Actions workflow commands
//! (`::warning file=F,line=L,col=C,title=RULE::MESSAGE`), one per note or
//! error, which a workflow run shows as annotations on the revision files.

use super::{Note, Severity};
use crate::diagnostic::Diagnostic;
use crate::location::Location;
use camino::Utf8Path;
use std::fmt::Write as _;

/// One annotation per active note (allowed notes are left out); paths are
/// `base` (the project folder, as given) joined with the file's. Ends with a
/// newline when not empty.
pub fn annotations(notes: &[Note], base: &Utf8Path) -> String {
    let mut out = String::new();
    for note in notes.iter().filter(|n| n.is_active()) {
        let level = match note.severity {
            Severity::Info => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let dialects = match note.dialects.as_slice() {
            [] => String::new(),
            some => format!(" ({})", some.join(", ")),
        };
        let message = format!(
            "{} {}{dialects}: {}\ninstead: {}",
            note.direction.name(),
            note.op,
            note.message,
            note.advice
        );
        out.push_str(&command(level, &note.location, note.rule, &message, base));
    }
    out
}

/// One `::error` annotation per error in the user's files.
pub fn error_annotations(errors: &[Diagnostic], base: &Utf8Path) -> String {
    errors
        .iter()
        .map(|e| command("error", &e.location, "retort", &e.message, base))
        .collect()
}

/// `::LEVEL file=...,line=...,col=...,title=...::MESSAGE` and a newline.
fn command(level: &str, at: &Location, title: &str, message: &str, base: &Utf8Path) -> String {
    let file = if base == "." {
        at.file.clone()
    } else {
        base.join(&at.file)
    };
    let mut text = format!("::{level} file={}", property(file.as_str()));
    // A whole file (line 0) has no line or column to point at.
    if at.line > 0 {
        let _ = write!(text, ",line={},col={}", at.line, at.column);
    }
    let _ = writeln!(text, ",title={}::{}", property(title), data(message));
    text
}

/// A message, escaped as GitHub's toolkit does (`escapeData`).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value, escaped as GitHub's toolkit does (`escapeProperty`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        let error = Diagnostic::new(
            Location::new("revisions/a,b.yaml", 3, 7),
            "50% off:\nline two",
        );
        assert_eq!(
            error_annotations(&[error], Utf8Path::new("db")),
            "::error file=db/revisions/a%2Cb.yaml,line=3,col=7,title=retort::50%25 off:%0Aline two\n"
        );
    }

    #[test]
    fn a_whole_file_has_no_line() {
        let error = Diagnostic::new(Location::whole("retort.yaml"), "cannot read");
        assert_eq!(
            error_annotations(&[error], Utf8Path::new(".")),
            "::error file=retort.yaml,title=retort::cannot read\n"
        );
    }
}
