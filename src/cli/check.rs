//! `check`: validation and review notes.
//!
//! Loads the project, builds the revision graph and replays every revision
//! up from base and back down through the schema model, for every target
//! dialect ([`crate::schema::validate_graph`]). Writes nothing.

use anyhow::bail;
use camino::Utf8Path;

/// Arguments of `retort check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

/// `retort check`.
pub fn check(project: &Utf8Path, _args: CheckArgs) -> anyhow::Result<()> {
    let (config, graph) = crate::load::load_graph(project)?;
    let overrides = project.join(&config.dialects);
    let dialects = config
        .targets
        .iter()
        .map(|name| crate::dialect::Dialect::load(name, Some(&overrides)).map(|d| d.facts))
        .collect::<Result<Vec<_>, _>>()?;
    let problems = crate::schema::validate_graph(&graph, &dialects);
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
