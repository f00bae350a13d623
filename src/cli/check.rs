//! `check`: validation and review notes.
//!
//! Loads the project, builds the revision graph and replays every revision
//! up from base and back down through the schema model
//! ([`crate::schema::validate_graph`]). Writes nothing.

use anyhow::bail;
use camino::Utf8Path;

/// Arguments of `retort check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

/// `retort check`.
pub fn check(project: &Utf8Path, _args: CheckArgs) -> anyhow::Result<()> {
    let (_config, graph) = crate::load::load_graph(project)?;
    let problems = crate::schema::validate_graph(&graph, &[]);
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        bail!(
            "the schema model rejects the revisions:\n{}",
            lines.join("\n")
        );
    }
    println!(
        "{} revisions checked: every op applies to the schema, up from base and back down",
        graph.upgrade_order().len()
    );
    Ok(())
}
