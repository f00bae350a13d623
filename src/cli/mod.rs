//! One function per command; `main.rs` parses arguments and calls these.
//!
//! Each command prints its result on standard output and returns an error for
//! the user (printed by [`exit`] on standard error, exit code 1).

pub mod check;
pub mod compile;
pub mod r#import;
pub mod inspect;
pub mod revision;
pub mod schema;
pub mod sql;

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
pub fn exit(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            match error.downcast_ref::<crate::diagnostic::Diagnostics>() {
                // several problems in the user's files: one `error:` line each
                Some(errors) if error.chain().count() == 1 => {
                    for e in &errors.0 {
                        eprintln!("error: {e}");
                    }
                }
                _ => eprintln!("error: {error:#}"),
            }
            ExitCode::from(1)
        }
    }
}
