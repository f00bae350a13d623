//! `compile` and `verify`: the checksummed archive under out/.
//!
//! Both compile every script in memory first ([`crate::emit::build_archive`]);
//! `compile` then writes what changed, `verify` compares with what is there.

use crate::config::{Config, CONFIG_FILE};
use crate::dialect::Dialect;
use crate::emit::{self, Archive, Source};
use crate::graph::RevisionGraph;
use crate::plan::Plan;
use crate::render::{Renderer, ScriptOptions};
use crate::revision::Revision;
use anyhow::{bail, Context};
use camino::{Utf8Path, Utf8PathBuf};
use std::collections::BTreeMap;

/// Arguments of `retort compile`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort compile                      every target of retort.yaml (all five dialects by default)
  retort compile --dialect sqlite     only out/sqlite/; the other dialects' scripts stay as they are
  retort compile --force              also rewrite archived scripts whose output changed")]
pub struct CompileArgs {
    /// Compile only this dialect (repeatable); default: `targets:` in retort.yaml.
    #[arg(long = "dialect", value_name = "NAME")]
    pub dialects: Vec<String>,
    /// Rewrite per-revision scripts already in the manifest even when they change.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `retort verify`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort verify                       exit 0 when out/ is exactly what the sources compile to
  (cd out && sha256sum -c MANIFEST.sha256)   the same checksums, without retort")]
pub struct VerifyArgs {}

/// `retort compile`.
pub fn compile(project: &Utf8Path, args: CompileArgs) -> anyhow::Result<()> {
    let loaded = Loaded::load(project)?;
    let full = args.dialects.is_empty();
    let dialects = if full {
        loaded.config.targets.clone()
    } else {
        partial_targets(&args.dialects, &loaded.config.targets)?
    };
    let out = project.join(&loaded.config.out);
    let (upgrade, downgrade) = loaded.plans()?;
    let jobs = emit::jobs(&upgrade, &downgrade);
    refuse_linked_folders(
        project,
        &loaded.config.out,
        &emit::script_paths(&jobs, &dialects),
    )?;
    let old_manifest = read_manifest(&out)?;
    let render = loaded.renderer(&dialects)?;
    let input = emit::CompileInput {
        jobs: &jobs,
        dialects: &dialects,
        sources: &loaded.sources,
        notes: &render.notes,
        manifest_prefix: &loaded.prefix,
        render: &render.scripts(),
    };
    let mut staged = emit::stage_archive(&out, &input)
        .map_err(|errors| anyhow::anyhow!("nothing was written:\n{errors}"))?;
    let revisions: Vec<&Revision> = loaded.graph.revisions.iter().collect();
    let changes = emit::archived_changes(
        &staged,
        &old_manifest,
        &loaded.prefix,
        &revisions,
        &loaded.sources,
        full,
    );
    if !changes.is_empty() && !args.force {
        let lines: Vec<String> = changes
            .iter()
            .map(|c| format!("  {}: {}", loaded.config.out.join(&c.path), c.reason))
            .collect();
        bail!(
            "refusing to change {} archived script(s); nothing was written:\n{}\n\
             An archived script is never changed silently: restore the source, or \
             run `retort compile --force` to rewrite them.",
            changes.len(),
            lines.join("\n")
        );
    }
    let manifest = if full {
        std::mem::take(&mut staged.manifest)
    } else {
        emit::merge_manifest(&staged.manifest, &old_manifest, &dialects)
    };
    let summary = emit::commit_archive(&out, staged, &manifest, full)
        .with_context(|| format!("cannot write the scripts under {out}"))?;
    println!(
        "compiled {} revision(s) for {} into {}: {} new, {} changed, {} removed, {} unchanged",
        loaded.graph.revisions.len(),
        dialects.join(", "),
        loaded.config.out,
        summary.new,
        summary.changed.len(),
        summary.removed.len(),
        summary.unchanged
    );
    // New files are many on a first compile and say little; changes matter.
    for path in &summary.changed {
        println!("changed {}", loaded.config.out.join(path));
    }
    for path in &summary.removed {
        println!("removed {}", loaded.config.out.join(path));
    }
    Ok(())
}

/// `retort verify`.
pub fn verify(project: &Utf8Path, _args: VerifyArgs) -> anyhow::Result<()> {
    let loaded = Loaded::load(project)?;
    let archive = loaded.compile(&loaded.config.targets)?;
    let out = project.join(&loaded.config.out);
    let on_disk = emit::read_out_dir(&out).with_context(|| format!("cannot read {out}"))?;
    if on_disk.is_empty() {
        bail!(
            "{} holds no compiled scripts: run `retort compile` first",
            loaded.config.out
        );
    }
    let differences = emit::compare(&archive, &on_disk, &loaded.sources, &loaded.prefix);
    if !differences.is_empty() {
        bail!(
            "{} does not match the sources:\n{}\nRun `retort compile` to rebuild it \
             (it refuses to change archived scripts without --force).",
            loaded.config.out,
            differences.report(&loaded.config.out)
        );
    }
    println!(
        "verified: the {} file(s) in {} match the {} revision source(s) and the manifest",
        archive.files.len() + 1,
        loaded.config.out,
        loaded.graph.revisions.len()
    );
    Ok(())
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

/// `out:` must be a folder of its own inside the project: the manifest names
/// the sources relative to it, and `compile` removes from it whatever it did
/// not write, so it must not hold the revisions or the templates.
fn check_out_folder(config: &Config) -> anyhow::Result<()> {
    let normal = |path: &Utf8Path| -> Option<Utf8PathBuf> {
        let mut parts = Utf8PathBuf::new();
        for component in path.components() {
            match component {
                camino::Utf8Component::Normal(part) => parts.push(part),
                camino::Utf8Component::CurDir => {}
                _ => return None,
            }
        }
        Some(parts)
    };
    let out = normal(&config.out).filter(|p| p.components().next().is_some());
    let Some(out) = out else {
        bail!(
            "{CONFIG_FILE}: `out: {}` must be a folder inside the project (not the project \
             itself, no `..`), so that the manifest can name the sources relative to it",
            config.out
        );
    };
    for (key, folder) in [
        ("revisions", &config.revisions),
        ("dialects", &config.dialects),
    ] {
        let Some(folder) = normal(folder) else {
            continue;
        };
        if folder.starts_with(&out) || out.starts_with(&folder) {
            bail!(
                "{CONFIG_FILE}: `out: {}` and `{key}: {}` overlap; `compile` owns `out` and \
                 removes what it did not write there",
                config.out,
                folder
            );
        }
    }
    Ok(())
}

/// `compile` writes only into real folders inside the project: a link on
/// the way to a script (`out/` itself, `out/<dialect>/`, or a folder `out:`
/// names) could lead anywhere, so it is an error naming the link.
/// The manifest `out/` holds now, parsed (empty when there is none).
fn read_manifest(out: &Utf8Path) -> anyhow::Result<BTreeMap<String, String>> {
    let path = out.join(emit::MANIFEST);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(emit::parse_manifest(&String::from_utf8_lossy(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read {path}")),
    }
}

fn refuse_linked_folders(
    project: &Utf8Path,
    out: &Utf8Path,
    scripts: &[Utf8PathBuf],
) -> anyhow::Result<()> {
    let mut folders: std::collections::BTreeSet<Utf8PathBuf> = scripts
        .iter()
        .filter_map(|path| out.join(path).parent().map(Utf8Path::to_owned))
        .collect();
    folders.insert(out.to_owned());
    let mut checked = std::collections::BTreeSet::new();
    for folder in &folders {
        let mut path = Utf8PathBuf::new();
        for component in folder.components() {
            path.push(component);
            if !checked.insert(path.clone()) {
                continue;
            }
            let Ok(metadata) = project.join(&path).symlink_metadata() else {
                break; // not there yet: compile creates it as a folder
            };
            if metadata.file_type().is_symlink() {
                let target = std::fs::read_link(project.join(&path))
                    .map(|t| t.display().to_string())
                    .unwrap_or_default();
                bail!(
                    "{path} is a link to `{target}`; nothing was written. `compile` writes \
                     only into real folders inside the project: replace the link with a folder"
                );
            }
        }
    }
    Ok(())
}

/// A project loaded for compiling: its settings, graph and sources.
struct Loaded {
    root: Utf8PathBuf,
    config: Config,
    graph: RevisionGraph,
    sources: Vec<Source>,
    /// From `out/` back to the project, for the manifest's source lines.
    prefix: Utf8PathBuf,
}

impl Loaded {
    fn load(project: &Utf8Path) -> anyhow::Result<Loaded> {
        let (config, graph) = crate::load::load_graph(project)?;
        if graph.revisions.is_empty() {
            bail!(
                "no revisions to compile in {}",
                project.join(&config.revisions)
            );
        }
        check_out_folder(&config)?;
        let mut sources: Vec<Source> = graph
            .revisions
            .iter()
            .map(|r| Source {
                path: r.source.path.clone(),
                sha256: r.source.sha256.clone(),
            })
            .collect();
        let config_file = project.join(CONFIG_FILE);
        if config_file.is_file() {
            let bytes = std::fs::read(&config_file)
                .with_context(|| format!("cannot read {config_file}"))?;
            sources.push(Source {
                path: CONFIG_FILE.into(),
                sha256: emit::sha256_hex(&bytes),
            });
        }
        let prefix = emit::prefix_from_out(&config.out);
        Ok(Loaded {
            root: project.to_owned(),
            config,
            graph,
            sources,
            prefix,
        })
    }

    /// Every script of `dialects`, in memory.
    fn compile(&self, dialects: &[String]) -> anyhow::Result<Archive> {
        let (upgrade, downgrade) = self.plans()?;
        let jobs = emit::jobs(&upgrade, &downgrade);
        let render = self.renderer(dialects)?;
        emit::build_archive(&emit::CompileInput {
            jobs: &jobs,
            dialects,
            sources: &self.sources,
            notes: &render.notes,
            manifest_prefix: &self.prefix,
            render: &render.scripts(),
        })
        .map_err(|errors| anyhow::anyhow!("nothing was written:\n{errors}"))
    }

    /// The plans of `upgrade.sql` and `downgrade.sql`: base to the single
    /// head and back.
    fn plans(&self) -> anyhow::Result<(Plan<'_>, Plan<'_>)> {
        let upgrade = crate::plan::upgrade(&self.graph, "heads")?;
        let heads = self.graph.heads();
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
        let downgrade = crate::plan::downgrade(&self.graph, "head:base")?;
        Ok((upgrade, downgrade))
    }

    /// The renderer of each dialect, with guards on: compiled scripts always
    /// guard. An unknown dialect is an error naming the known ones.
    fn renderer(&self, dialects: &[String]) -> anyhow::Result<ProjectRenderer<'_>> {
        let overrides = self.root.join(&self.config.dialects);
        let mut renderers = Vec::new();
        for name in dialects {
            let dialect = Dialect::load(name, Some(&overrides))?;
            renderers.push(Renderer::new(&dialect));
        }
        let notes = self.review_notes(&renderers)?;
        Ok(ProjectRenderer {
            graph: &self.graph,
            renderers,
            options: ScriptOptions {
                guard: true,
                ..ScriptOptions::from_config(&self.config)
            },
            notes,
        })
    }

    /// `retort check`'s review notes for the dialects being compiled; they
    /// head the scripts they are about and stand above their ops.
    fn review_notes(&self, renderers: &[Renderer]) -> anyhow::Result<Vec<crate::review::Note>> {
        let history = self.graph.upgrade_order();
        let targets: Vec<_> = renderers.iter().map(|r| r.facts().clone()).collect();
        Ok(crate::review::notes(&history, &targets, None)?)
    }
}

/// Each dialect's renderer and the review notes, owned for a compile.
struct ProjectRenderer<'g> {
    graph: &'g RevisionGraph,
    renderers: Vec<Renderer>,
    options: ScriptOptions,
    /// The review notes of every revision on the dialects compiled.
    notes: Vec<crate::review::Note>,
}

impl ProjectRenderer<'_> {
    /// The scripts' renderer over them.
    fn scripts(&self) -> emit::NotedRenderer<'_> {
        emit::NotedRenderer {
            graph: self.graph,
            renderers: &self.renderers,
            options: self.options.clone(),
            notes: &self.notes,
        }
    }
}
