//! `check`: validation and review notes.
//!
//! Loads the project, builds the revision graph, replays every revision up
//! from base and back down through the schema model for every target
//! dialect ([`crate::schema::validate_graph`]), then prints the review notes
//! ([`crate::review`]) of the revisions in the range. Writes nothing.
//!
//! Exit code 1: a validation error, a `review.allow` naming no rule, a note
//! of severity `error` that no `review.allow` silences, or a note that a
//! `--deny` selects.

use crate::cli::user_errors;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::project::Project;
use crate::review::{self, format, github, sarif, Note, Selector};
use anyhow::{bail, Context};
use camino::Utf8Path;
use std::collections::BTreeSet;

/// Arguments of `retort check`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort check                          validate everything, notes for every target dialect
  retort check ae10:head                notes of the revisions after ae10 only
  retort check --dialect postgresql     notes about the PostgreSQL scripts only
  retort check --format json            one JSON object per note, for tools
  retort check --format github          GitHub Actions annotations on the revision files
  retort check --format sarif > r.sarif SARIF 2.1.0, for code-scanning tools
  retort check --deny destructive       exit 1 when a destructive note exists (for CI)

The rules, and how to allow a note with a reason: docs/review-notes.md.

check validates the revisions, not a database. To check that a database's schema is
the one a revision describes (no column changed by hand, no index lost in a restore),
run the script `retort drift REV` prints: it only reads the catalog and fails with one
error listing every difference. `drift_check: true` in retort.yaml makes compiled
scripts run that check themselves (README, \"Drift checks\").")]
pub struct CheckArgs {
    /// Only the notes of these revisions, as `upgrade` takes them
    /// (`[FROM:]TO`, e.g. `ae10:head`); every revision is still validated.
    #[arg(value_name = "RANGE")]
    pub range: Option<String>,

    /// The dialect the notes are for (default: every dialect of `targets`
    /// in retort.yaml).
    #[arg(long, value_name = "NAME")]
    pub dialect: Option<String>,

    /// How to print the notes: a report per revision, one JSON object per
    /// line, GitHub Actions annotations, or a SARIF 2.1.0 log.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Exit with code 1 when a note of this rule, category (`destructive`,
    /// `locking`, `transaction`, `portability`) or severity (`info`,
    /// `warning`, `error`: that one or worse) exists; repeatable.
    #[arg(long, value_name = "RULE|CATEGORY|SEVERITY", value_parser = Selector::parse)]
    pub deny: Vec<Selector>,
}

/// The output formats of `retort check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A report grouped per revision.
    Human,
    /// One JSON object per note and line.
    Json,
    /// GitHub Actions workflow commands (`::warning file=...,line=...::...`),
    /// errors in revision files included.
    Github,
    /// A SARIF 2.1.0 log, errors in revision files included.
    Sarif,
}

/// `retort check`.
pub fn check(project: &Utf8Path, args: CheckArgs) -> anyhow::Result<()> {
    let base = project;
    let result = check_project(project, &args);
    // For CI, errors in the revision files are annotations too (and still
    // reported on standard error).
    if let Err(error) = &result {
        if let Some(errors) = user_errors(error) {
            match args.format {
                OutputFormat::Github => print!("{}", github::error_annotations(errors, base)),
                OutputFormat::Sarif => print!("{}", sarif::log(&[], errors, base)),
                OutputFormat::Human | OutputFormat::Json => {}
            }
        }
    }
    result
}

/// Validates the project and prints its notes in `args.format`.
fn check_project(project: &Utf8Path, args: &CheckArgs) -> anyhow::Result<()> {
    let base = project;
    let project = Project::open(project)?;
    let mut names = project.config.targets.clone();
    if let Some(name) = args.dialect.as_ref().filter(|n| !names.contains(n)) {
        names.push(name.clone());
    }
    let dialects = names
        .iter()
        .map(|name| project.dialect(Some(name)).map(|d| d.facts))
        .collect::<Result<Vec<_>, _>>()?;
    // Validated for every target dialect; notes for `--dialect` alone if given.
    let problems = crate::schema::validate_graph(&project.graph, &dialects);
    if !problems.is_empty() {
        if machine_readable(args.format) {
            let errors: Vec<Diagnostic> = problems.into_iter().map(Diagnostic::from).collect();
            return Err(Diagnostics(errors).into());
        }
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        bail!(
            "the schema model rejects the revisions:\n{}",
            lines.join("\n")
        );
    }
    let history = project.graph.upgrade_order();
    let bad_allows = review::check_allows(&history);
    if !bad_allows.is_empty() {
        if machine_readable(args.format) {
            return Err(Diagnostics(bad_allows).into());
        }
        let lines: Vec<String> = bad_allows.iter().map(ToString::to_string).collect();
        bail!("{}", lines.join("\n"));
    }
    let only = match &args.range {
        Some(range) => Some(revisions_in(&project.graph, range)?),
        None => None,
    };
    let targets: Vec<_> = dialects
        .into_iter()
        .filter(|d| args.dialect.as_ref().is_none_or(|name| &d.name == name))
        .collect();
    let notes = project.review_notes(&targets, only.as_ref())?;
    match args.format {
        OutputFormat::Human => {
            print!("{}", format::report(&notes, &history));
            println!(
                "{} revisions checked: every op applies to the schema, up from base and back down; {}",
                history.len(),
                format::summary(&notes)
            );
        }
        OutputFormat::Json => print!("{}", format::json_lines(&notes)),
        OutputFormat::Github => print!("{}", github::annotations(&notes, base)),
        OutputFormat::Sarif => print!("{}", sarif::log(&notes, &[], base)),
    }
    fail_on(&notes, &args.deny)
}

/// The formats for CI tools, which report errors in the revision files
/// as annotations or results too.
fn machine_readable(format: OutputFormat) -> bool {
    matches!(format, OutputFormat::Github | OutputFormat::Sarif)
}

/// The ids of the revisions `upgrade RANGE` would run.
fn revisions_in(
    graph: &crate::graph::RevisionGraph,
    range: &str,
) -> anyhow::Result<BTreeSet<String>> {
    let plan = crate::plan::upgrade(graph, range).with_context(|| format!("range `{range}`"))?;
    Ok(plan.revisions().map(|r| r.id.clone()).collect())
}

/// An error when a note is of severity `error`, or selected by a `--deny`.
fn fail_on(notes: &[Note], deny: &[Selector]) -> anyhow::Result<()> {
    let errors = Selector::Severity(review::Severity::Error);
    let count = |selector: Selector| notes.iter().filter(|n| n.is_selected_by(selector)).count();
    let failing = count(errors);
    if failing > 0 {
        bail!("{failing} review note(s) of severity error: the script cannot be compiled, or the engine would reject it");
    }
    let denied: Vec<String> = deny
        .iter()
        .filter_map(|&selector| {
            let n = count(selector);
            (n > 0).then(|| format!("{n} note(s) denied by --deny {}", selector_name(selector)))
        })
        .collect();
    if !denied.is_empty() {
        bail!("{}", denied.join("; "));
    }
    Ok(())
}

fn selector_name(selector: Selector) -> &'static str {
    match selector {
        Selector::Rule(id) => id,
        Selector::Category(category) => category.name(),
        Selector::Severity(severity) => severity.name(),
    }
}
