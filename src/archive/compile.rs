//! `retort compile`: which dialects, the checks on `out/`, then every
//! script staged, the archived-change rule, and the commit.

use super::build::{build_archive, CompileInput, ProjectScripts};
use super::commit::{commit_archive, WriteSummary};
use super::jobs::{jobs, script_paths, ScriptJob};
use super::manifest::{merge_manifest, prefix_from_out, read_manifest};
use super::out_folder::{check_out_folder, refuse_linked_folders};
use super::rules::{archived_changes, refuse_archived_changes};
use super::staging::stage_archive;
use super::{sha256_hex, Archive, NoProgress, Progress, Source};
use crate::config::CONFIG_FILE;
use crate::plan::Plan;
use crate::project::Project;
use crate::render::Renderer;
use crate::review::Note;
use crate::revision::Revision;
use anyhow::{bail, Context};

/// What a compile did, for its summary.
#[derive(Debug, Clone)]
pub struct CompileReport {
    /// How many revisions were compiled.
    pub revisions: usize,
    /// The dialects compiled.
    pub dialects: Vec<String>,
    /// What was written, changed, removed or left as it was.
    pub written: WriteSummary,
}

/// Compiles `dialects` (every target of `retort.yaml` when empty) into
/// `out:`, writing only what changed; refuses to change an archived script
/// unless `force`. Nothing is written unless the whole archive compiles.
/// `progress` is told of each script rendered.
pub fn compile(
    project: &Project,
    dialects: &[String],
    force: bool,
    progress: &dyn Progress,
) -> anyhow::Result<CompileReport> {
    let sources = compile_sources(project)?;
    let config = &project.config;
    let full = dialects.is_empty();
    let dialects = if full {
        config.targets.clone()
    } else {
        partial_targets(dialects, &config.targets)?
    };
    let out = project.root().join(&config.out);
    let (upgrade, downgrade) = plans(project)?;
    let jobs = jobs(&upgrade, &downgrade);
    refuse_linked_folders(project.root(), &config.out, &script_paths(&jobs, &dialects))?;
    let old_manifest = read_manifest(&out)?;
    let (renderers, notes) = renderers(project, &dialects)?;
    let prefix = prefix_from_out(&config.out);
    let input = CompileInput {
        jobs: &jobs,
        dialects: &dialects,
        sources: &sources,
        notes: &notes,
        manifest_prefix: &prefix,
        render: &ProjectScripts {
            project,
            renderers: &renderers,
            notes: &notes,
        },
        progress,
    };
    progress.start((jobs.len() * dialects.len()) as u64);
    let staged = stage_archive(&out, &input);
    progress.finish();
    let mut staged = staged.map_err(|errors| anyhow::anyhow!("nothing was written:\n{errors}"))?;
    let revisions: Vec<&Revision> = project.graph.revisions.iter().collect();
    let changes = archived_changes(&staged, &old_manifest, &prefix, &revisions, &sources, full);
    if !force {
        refuse_archived_changes(&changes, &config.out)?;
    }
    let manifest = if full {
        std::mem::take(&mut staged.manifest)
    } else {
        merge_manifest(&staged.manifest, &old_manifest, &dialects)
    };
    let written = commit_archive(&out, staged, &manifest, full)
        .with_context(|| format!("cannot write the scripts under {out}"))?;
    Ok(CompileReport {
        revisions: project.graph.revisions.len(),
        dialects,
        written,
    })
}

/// Every script of `dialects`, in memory, citing `sources` (what `verify`
/// compares with `out/`).
pub fn compile_in_memory(
    project: &Project,
    dialects: &[String],
    sources: &[Source],
) -> anyhow::Result<Archive> {
    let (upgrade, downgrade) = plans(project)?;
    let (renderers, notes) = renderers(project, dialects)?;
    let scripts = ProjectScripts {
        project,
        renderers: &renderers,
        notes: &notes,
    };
    in_memory(project, &jobs(&upgrade, &downgrade), &scripts, sources)
}

/// Every script on each of `renderers`' dialects, in memory, citing
/// `sources`, with `notes` above their ops (the fuzz driver's compile).
pub fn build_in_memory(
    project: &Project,
    renderers: &[Renderer],
    notes: &[Note],
    sources: &[Source],
) -> anyhow::Result<Archive> {
    let (upgrade, downgrade) = plans(project)?;
    let scripts = ProjectScripts {
        project,
        renderers,
        notes,
    };
    in_memory(project, &jobs(&upgrade, &downgrade), &scripts, sources)
}

fn in_memory(
    project: &Project,
    jobs: &[ScriptJob],
    scripts: &ProjectScripts,
    sources: &[Source],
) -> anyhow::Result<Archive> {
    let dialects: Vec<String> = scripts
        .renderers
        .iter()
        .map(|r| r.facts().name.clone())
        .collect();
    let prefix = prefix_from_out(&project.config.out);
    build_archive(&CompileInput {
        jobs,
        dialects: &dialects,
        sources,
        notes: scripts.notes,
        manifest_prefix: &prefix,
        render: scripts,
        progress: &NoProgress,
    })
    .map_err(|errors| anyhow::anyhow!("nothing was written:\n{errors}"))
}

/// The sources a compile cites, after the checks that come before any:
/// revisions to compile, and an `out:` of its own.
pub(super) fn compile_sources(project: &Project) -> anyhow::Result<Vec<Source>> {
    if project.graph.revisions.is_empty() {
        bail!(
            "no revisions to compile in {}",
            project.root().join(&project.config.revisions)
        );
    }
    check_out_folder(&project.config)?;
    sources(project)
}

/// The sources the headers and the manifest cite: every revision file, and
/// `retort.yaml` when there is one.
pub fn sources(project: &Project) -> anyhow::Result<Vec<Source>> {
    let mut sources = revision_sources(&project.graph);
    let config_file = project.root().join(CONFIG_FILE);
    if config_file.is_file() {
        let bytes =
            std::fs::read(&config_file).with_context(|| format!("cannot read {config_file}"))?;
        sources.push(Source {
            path: CONFIG_FILE.into(),
            sha256: sha256_hex(&bytes),
        });
    }
    Ok(sources)
}

/// Every revision file of `graph`, with the checksum it was loaded with.
pub fn revision_sources(graph: &crate::graph::RevisionGraph) -> Vec<Source> {
    graph
        .revisions
        .iter()
        .map(|r| Source {
            path: r.source.path.clone(),
            sha256: r.source.sha256.clone(),
        })
        .collect()
}

/// The plans of `upgrade.sql` and `downgrade.sql`: base to the single
/// head and back.
fn plans(project: &Project) -> anyhow::Result<(Plan<'_>, Plan<'_>)> {
    let graph = &project.graph;
    let upgrade = crate::plan::upgrade(graph, "heads")?;
    let heads = graph.heads();
    if heads.len() > 1 {
        let ids: Vec<&str> = heads.iter().map(|r| r.id.as_str()).collect();
        bail!(
            "compile needs a single head to write downgrade.sql, and there are {}: {}; \
             join them with `retort merge {} -m MESSAGE`",
            ids.len(),
            ids.join(", "),
            ids.join(" ")
        );
    }
    let downgrade = crate::plan::downgrade(graph, "head:base")?;
    Ok((upgrade, downgrade))
}

/// The renderer of each dialect, and `retort check`'s review notes on
/// them: they head the scripts they are about and stand above their ops.
/// An unknown dialect is an error naming the known ones.
fn renderers(project: &Project, dialects: &[String]) -> anyhow::Result<(Vec<Renderer>, Vec<Note>)> {
    let renderers = dialects
        .iter()
        .map(|name| project.renderer(Some(name)))
        .collect::<Result<Vec<_>, _>>()?;
    let targets: Vec<_> = renderers.iter().map(|r| r.facts().clone()).collect();
    let notes = project.review_notes(&targets, None)?;
    Ok((renderers, notes))
}

/// The dialects of `compile --dialect`, each once, each one of the targets
/// (a dialect outside them would be an extra folder to `verify`).
fn partial_targets(asked: &[String], targets: &[String]) -> anyhow::Result<Vec<String>> {
    let mut dialects: Vec<String> = Vec::new();
    for name in asked {
        if !targets.contains(name) {
            let hint = crate::suggest::did_you_mean(name, targets.iter().map(String::as_str));
            bail!(
                "`{name}` is not one of the targets{hint} ({}); add it to `targets:` in \
                 {CONFIG_FILE} to compile it",
                targets.join(", ")
            );
        }
        if !dialects.contains(name) {
            dialects.push(name.clone());
        }
    }
    Ok(dialects)
}
