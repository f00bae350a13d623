//! One function per command; `main.rs` parses arguments and calls these.
//!
//! Each command prints its result on standard output and returns an error for
//! the user (printed by [`exit`] on standard error, exit code 1).

pub mod check;
pub mod compile;
pub mod completions;
pub mod drift;
pub mod r#import;
pub mod inspect;
pub mod progress;
pub mod revision;
pub mod schema;
pub mod sql;

use crate::diagnostic::report::report;
use crate::diagnostic::{Diagnostic, Diagnostics};
use camino::Utf8Path;
use std::process::ExitCode;

/// `retort --help`'s description.
pub const LONG_ABOUT: &str = "\
retort compiles database revisions written as YAML lists of schema operations
into standalone upgrade/downgrade SQL scripts for PostgreSQL, SQLite, MySQL/MariaDB,
SQL Server and Oracle. The scripts maintain Alembic's alembic_version table, so a
database can move between retort scripts and Alembic. It never connects to a database.";

/// `retort --help`'s closing lines.
pub const AFTER_HELP: &str = "\
Examples:
  retort check                          validate every revision, print review notes
  retort upgrade head --dialect sqlite  print the script from base to head
  retort downgrade head:-1              print the script that undoes the last revision
  retort compile                        write out/<dialect>/*.sql and out/MANIFEST.sha256
  retort verify                         check that out/ matches the sources";

/// Prints a command's error (with its causes) and turns it into an exit code.
/// Errors in the user's files show their source line, read from `project`.
pub fn exit(project: &Utf8Path, result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            match user_errors(&error) {
                Some(errors) => anstream::eprint!("{}", report(errors, project, true)),
                None => anstream::eprintln!("error: {error:#}"),
            }
            ExitCode::from(1)
        }
    }
}

/// The mistakes in the user's files that `error` is, when it is only that
/// (an error with added context is printed as a chain instead).
pub(crate) fn user_errors(error: &anyhow::Error) -> Option<&[Diagnostic]> {
    if error.chain().count() != 1 {
        return None;
    }
    if let Some(errors) = error.downcast_ref::<Diagnostics>() {
        return Some(&errors.0);
    }
    error.downcast_ref::<Diagnostic>().map(std::slice::from_ref)
}
