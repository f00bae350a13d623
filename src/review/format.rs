//! Notes written out: the report `retort check` prints, one JSON object per
//! note, and the SQL comments of compiled scripts.

use super::{Direction, Note, Severity};
use crate::plan::{Plan, ScriptKind};
use crate::render::OpComments;
use crate::revision::Revision;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The report of `retort check`: the notes grouped per revision (in the
/// order given), each with its place, severity, rule and advice; an allowed
/// note shows its reason instead of advice.
pub fn report(notes: &[Note], revisions: &[&Revision]) -> String {
    let mut out = String::new();
    // Grouped once: a scan of every note per revision made the report of a
    // long history quadratic (minutes for 100,000 revisions).
    let mut by_revision: std::collections::HashMap<&str, Vec<&Note>> =
        std::collections::HashMap::new();
    for note in notes {
        by_revision
            .entry(note.revision.as_str())
            .or_default()
            .push(note);
    }
    for revision in revisions {
        let Some(mine) = by_revision.remove(revision.id.as_str()) else {
            continue;
        };
        let _ = writeln!(
            out,
            "{}: {} ({})",
            revision.id,
            one_line(&revision.message),
            revision.source.path
        );
        for note in mine {
            let status = match &note.allowed {
                Some(_) => "allowed",
                None => note.severity.name(),
            };
            let dialects = match note.dialects.as_slice() {
                [] => String::new(),
                some => format!(" ({})", some.join(", ")),
            };
            let _ = writeln!(
                out,
                "  {}: {status}[{}] {} {}{dialects}: {}",
                note.location,
                note.rule,
                note.direction.name(),
                note.op,
                note.message
            );
            let _ = match &note.allowed {
                Some(reason) => writeln!(out, "    allowed: {}", one_line(reason)),
                None => writeln!(out, "    instead: {}", note.advice),
            };
        }
    }
    out
}

/// A count of the notes by severity, allowed ones apart: "2 warnings, 1 allowed".
pub fn summary(notes: &[Note]) -> String {
    let mut parts = Vec::new();
    for severity in Severity::ALL.into_iter().rev() {
        let count = notes
            .iter()
            .filter(|n| n.is_active() && n.severity == severity)
            .count();
        if count > 0 {
            let plural = if count == 1 || severity == Severity::Info {
                ""
            } else {
                "s"
            };
            parts.push(format!("{count} {}{plural}", severity.name()));
        }
    }
    let allowed = notes.iter().filter(|n| !n.is_active()).count();
    if allowed > 0 {
        parts.push(format!("{allowed} allowed"));
    }
    if parts.is_empty() {
        "no review notes".into()
    } else {
        parts.join(", ")
    }
}

/// One JSON object per line, one line per note, with the fields of [`Note`]:
/// `severity`, `rule`, `category`, `revision`, `direction`, `op`, `file`,
/// `line`, `column`, `dialects`, `message`, `advice`, `allowed`.
pub fn json_lines(notes: &[Note]) -> String {
    let mut out = String::new();
    for note in notes {
        // A Note holds only strings, numbers and lists: it always serialises.
        if let Ok(line) = serde_json::to_string(note) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The SQL comment lines of one note, as a compiled script carries them:
/// `-- retort: warning destructive-drop-column: ...` and the advice, or for
/// an allowed note `-- retort: allowed destructive-drop-column: <reason>`.
pub fn comment_lines(note: &Note) -> Vec<String> {
    match &note.allowed {
        Some(reason) => vec![format!(
            "-- retort: allowed {}: {}",
            note.rule,
            one_line(reason)
        )],
        None => vec![
            format!(
                "-- retort: {} {}: {}",
                note.severity,
                note.rule,
                one_line(&note.message)
            ),
            format!("-- retort:   instead: {}", one_line(&note.advice)),
        ],
    }
}

/// The comment lines a script of `plan` on `dialect` carries above its ops:
/// [`comment_lines`] of every note of the plan's revisions, direction and
/// dialect, under the op each is about (the render layer's hook,
/// [`crate::render::OpComments`]).
pub fn op_comments(notes: &[Note], plan: &Plan, dialect: &str) -> OpComments {
    let direction = match plan.kind {
        ScriptKind::Upgrade => Direction::Upgrade,
        ScriptKind::Downgrade => Direction::Downgrade,
        ScriptKind::Stamp => return OpComments::default(),
    };
    // By revision first: a scan of every note per revision of the plan was
    // quadratic over a compile.
    let mut by_revision: BTreeMap<&str, Vec<&Note>> = BTreeMap::new();
    for note in notes {
        by_revision.entry(&note.revision).or_default().push(note);
    }
    let mut comments = OpComments::default();
    for revision in plan.revisions() {
        let mine = by_revision
            .get(revision.id.as_str())
            .into_iter()
            .flatten()
            .filter(|n| n.direction == direction && n.concerns(dialect));
        for note in mine {
            comments
                .lines
                .entry((note.revision.clone(), note.location.clone()))
                .or_default()
                .extend(comment_lines(note));
        }
    }
    comments
}

/// `text` on one line: a comment or report line must not be broken by a
/// newline a revision file put in a reason or message.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
