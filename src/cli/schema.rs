//! `schema`: the schema model at a revision, as the dialect's DDL.
//!
//! Replays the revisions up to REV ([`crate::schema::schema_after`]), turns
//! the result into ops that create it on an empty database
//! ([`crate::schema::dump::creation_ops`]: standalone enum types, then the
//! tables in dependency order) and renders them through the dialect's
//! `create_table` templates. No version table, no framing: DDL only.

use anyhow::Context;
use camino::Utf8Path;

/// Arguments of `retort schema`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort schema head                      the schema after every revision, as PostgreSQL DDL
  retort schema ae10 --dialect sqlite     the schema at revision ae10, as SQLite DDL
  retort schema scheduling@head           the schema at the head of a branch")]
pub struct SchemaArgs {
    /// The revision (`head`, an id, a label, `heads`...).
    pub revision: String,
    /// The dialect (default: `dialect` in retort.yaml).
    #[arg(long)]
    pub dialect: Option<String>,
}

/// `retort schema`.
pub fn schema(project: &Utf8Path, args: SchemaArgs) -> anyhow::Result<()> {
    let (config, graph) = crate::load::load_graph(project)?;
    let dialect_name = args.dialect.as_deref().unwrap_or(&config.dialect);
    let overrides = project.join(&config.dialects);
    let dialect = crate::dialect::Dialect::load(dialect_name, Some(&overrides))?;
    let targets = graph
        .resolve(&args.revision)
        .with_context(|| format!("cannot resolve `{}`", args.revision))?;
    let ids: Vec<String> = targets.iter().map(|r| r.id.clone()).collect();
    let revisions = graph.ancestors_in_order(&ids);
    let model = crate::schema::schema_after(&revisions)?;
    let location = targets
        .first()
        .map(|r| r.location.clone())
        .unwrap_or_default();
    let ops = crate::schema::dump::creation_ops(&model, &location);
    let mut check = crate::schema::Schema::new();
    let ops = crate::schema::apply_ops(&mut check, &ops, Some(&dialect.facts))?;
    let renderer = crate::render::Renderer::new(&dialect);
    print!("{}", crate::render::script::render_ops(&renderer, &ops)?);
    Ok(())
}
