//! Notes written out, all in this file: the report `retort check` prints,
//! one JSON object per note, the comments above a script's ops and the
//! notes of a compiled script's header.

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
            one_line(revision.shown_message()),
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
/// [`comment_lines`] of each of its notes ([`script_notes`]), under the op
/// it is about (the render layer's hook, [`crate::render::OpComments`]).
pub fn op_comments(notes: &[Note], plan: &Plan, dialect: &str) -> OpComments {
    let mut by_revision: BTreeMap<&str, Vec<&Note>> = BTreeMap::new();
    for note in notes {
        by_revision.entry(&note.revision).or_default().push(note);
    }
    let mut comments = OpComments::default();
    for &note in script_notes(&by_revision, plan, dialect, |n| *n) {
        comments
            .lines
            .entry((note.revision.clone(), note.location.clone()))
            .or_default()
            .extend(comment_lines(note));
    }
    comments
}

/// The notes a script of `plan` on `dialect` carries, in the order of its
/// revisions: those of its direction that concern the dialect, none for a
/// stamp. `by_revision` holds them (or what `note` finds them in) by
/// revision id, grouped once: a scan of every note per revision of the plan
/// was quadratic over a compile.
pub fn script_notes<'m, T>(
    by_revision: &'m BTreeMap<&str, Vec<T>>,
    plan: &Plan,
    dialect: &str,
    note: impl Fn(&T) -> &Note,
) -> Vec<&'m T> {
    let direction = match plan.kind {
        ScriptKind::Upgrade => Direction::Upgrade,
        ScriptKind::Downgrade => Direction::Downgrade,
        ScriptKind::Stamp => return Vec::new(),
    };
    plan.revisions()
        .flat_map(|r| by_revision.get(r.id.as_str()).into_iter().flatten())
        .filter(|item| {
            let n = note(item);
            n.direction == direction && n.concerns(dialect)
        })
        .collect()
}

/// A note as a compiled script's header lists it: where it is, then its
/// [`comment_lines`].
pub fn header_lines(note: &Note) -> String {
    let mut lines = String::new();
    let _ = writeln!(
        lines,
        "-- {} {} {} at {}",
        note.revision,
        note.direction.name(),
        note.op,
        comment_safe(&note.location.to_string())
    );
    for line in comment_lines(note) {
        let _ = writeln!(lines, "{}", comment_safe(&line));
    }
    lines
}

/// One line of text, safe inside a `--` comment: line breaks would end it.
pub fn comment_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .into()
}

/// `text` on one line: a comment or report line must not be broken by a
/// newline a revision file put in a reason or message.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
