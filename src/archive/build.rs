//! Every script of a compile rendered: each job on each dialect, on every
//! core, its header and its text handed to what keeps it (a string for
//! `verify`, a staged file for `compile`).

use super::header::{header, HeaderFacts};
use super::jobs::ScriptJob;
use super::manifest::manifest_text;
use super::{sha256_hex, Archive, Archived, CompileErrors, Source};
use crate::plan::{Plan, ScriptKind};
use crate::project::{Project, ScriptStyle};
use crate::render::{Renderer, ScriptParts};
use crate::review::Note;
use camino::{Utf8Path, Utf8PathBuf};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Renders one plan on one dialect: the script without its header.
///
/// This is the seam to the renderer: `compile` passes a closure over the
/// render engine (with guards on), tests pass simpler ones.
pub trait RenderScript: Sync {
    /// The script for `plan` on `dialect`.
    fn render(&self, plan: &Plan, dialect: &str) -> anyhow::Result<String>;

    /// The script for `plan` on `dialect` cut at its steps, when the
    /// renderer can: the per-revision scripts are then cut from the
    /// whole-range ones instead of each replaying the history before it
    /// (which made a compile quadratic in the number of revisions).
    fn render_parts(&self, _plan: &Plan, _dialect: &str) -> anyhow::Result<Option<ScriptParts>> {
        Ok(None)
    }

    /// Whether the scripts carry drift checks (their headers say so).
    fn drift_check(&self) -> bool {
        false
    }
}

impl<F> RenderScript for F
where
    F: Fn(&Plan, &str) -> anyhow::Result<String> + Sync,
{
    fn render(&self, plan: &Plan, dialect: &str) -> anyhow::Result<String> {
        self(plan, dialect)
    }
}

/// `compile`'s renderer: each dialect's templates, with guards, the review
/// notes above the ops they concern, and whole-range scripts cut at their
/// steps so that the per-revision scripts reuse them.
pub struct ProjectScripts<'a> {
    /// The project the plans come from.
    pub project: &'a Project,
    /// The renderer of each dialect compiled.
    pub renderers: &'a [Renderer],
    /// The review notes of every revision on those dialects.
    pub notes: &'a [Note],
}

impl ProjectScripts<'_> {
    fn renderer(&self, dialect: &str) -> anyhow::Result<&Renderer> {
        self.renderers
            .iter()
            .find(|r| r.facts().name == dialect)
            .ok_or_else(|| anyhow::anyhow!("dialect {dialect} was not loaded"))
    }

    /// Compiled scripts always guard, and carry the review notes; and the
    /// drift checks when `retort.yaml` asks for them.
    fn style(&self) -> ScriptStyle<'_> {
        ScriptStyle {
            guard: true,
            notes: Some(self.notes),
            drift: self.project.config.drift_check,
        }
    }
}

impl RenderScript for ProjectScripts<'_> {
    fn render(&self, plan: &Plan, dialect: &str) -> anyhow::Result<String> {
        let renderer = self.renderer(dialect)?;
        Ok(self.project.script(plan, renderer, self.style())?)
    }

    fn render_parts(&self, plan: &Plan, dialect: &str) -> anyhow::Result<Option<ScriptParts>> {
        let renderer = self.renderer(dialect)?;
        Ok(Some(self.project.script_parts(
            plan,
            renderer,
            self.style(),
        )?))
    }

    fn drift_check(&self) -> bool {
        self.project.config.drift_check
    }
}

/// What a compile renders and what its headers and manifest cite.
pub struct CompileInput<'a> {
    /// The scripts to write for every dialect ([`jobs`]).
    pub jobs: &'a [ScriptJob<'a>],
    /// The dialects to compile.
    pub dialects: &'a [String],
    /// The sources the headers and the manifest list, with their checksums.
    pub sources: &'a [Source],
    /// The review notes the headers show.
    pub notes: &'a [Note],
    /// From `out/` back to the project, for the manifest's source lines.
    pub manifest_prefix: &'a Utf8Path,
    /// What renders each script.
    pub render: &'a dyn RenderScript,
    /// Told of each script rendered.
    pub progress: &'a dyn super::Progress,
}

/// Renders every job on every dialect into an [`Archive`] held in memory,
/// with its manifest (what `verify` compares with `out/`). Any error
/// anywhere fails the whole compile, with every error reported.
pub fn build_archive(input: &CompileInput) -> Result<Archive, CompileErrors> {
    let facts = HeaderFacts::new(input.sources, input.notes, input.render.drift_check());
    let files = each_script(input, &facts, &|_, text| Ok(text.concat()))?;
    let checksums = files
        .iter()
        .map(|(path, text)| (path, sha256_hex(text.as_bytes())));
    let manifest = manifest_text(input.sources, input.manifest_prefix, checksums);
    Ok(Archive {
        files,
        archived: Archived::of(input.jobs),
        dialects: input.dialects.to_vec(),
        manifest,
    })
}

/// What a script becomes once rendered: its text ([`build_archive`]) or a
/// staged file ([`stage_archive`]). Gets the script's path relative to `out/`
/// and its text in pieces, to join or to write one after the other: a
/// whole-range script is its header and every step's text, and joining them
/// would hold each script twice more in memory.
pub(super) type KeepScript<'a, T> = dyn Fn(&Utf8Path, &[&str]) -> Result<T, String> + Sync + 'a;

/// Renders every job on every dialect and hands each script to `keep`, so
/// that a caller need not hold every script's text at once. Dialects render
/// one after the other, each on every core; errors of every dialect are
/// collected.
pub(super) fn each_script<T: Send>(
    input: &CompileInput,
    facts: &HeaderFacts,
    keep: &KeepScript<T>,
) -> Result<BTreeMap<Utf8PathBuf, T>, CompileErrors> {
    let mut files = Vec::new();
    let mut errors = BTreeSet::new();
    for dialect in input.dialects {
        match compile_target(input, dialect, facts, keep) {
            Ok(scripts) => files.extend(scripts),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        // Built at once (sorted, then laid out), not by an insert per script.
        Ok(files.into_iter().collect())
    } else {
        Err(CompileErrors(errors))
    }
}

/// One target's scripts (path relative to `out/`, what `keep` made of it),
/// or its errors.
type TargetResult<T> = Result<Vec<(Utf8PathBuf, T)>, BTreeSet<String>>;

fn compile_target<T: Send>(
    input: &CompileInput,
    dialect: &str,
    facts: &HeaderFacts,
    keep: &KeepScript<T>,
) -> TargetResult<T> {
    let (jobs, render) = (input.jobs, input.render);
    let mut errors = BTreeSet::new();
    let mut files = Vec::with_capacity(jobs.len());
    let mut kinds: Vec<ScriptKind> = Vec::new();
    for job in jobs {
        if !kinds.contains(&job.plan.kind) {
            kinds.push(job.plan.kind);
        }
    }
    // One kind at a time (upgrade, then downgrade), so that only one
    // whole-range script's steps are held at once.
    for kind in kinds {
        // The whole-range script first: its steps serve the per-revision ones.
        let whole = jobs
            .iter()
            .find(|job| job.plan.kind == kind && job.step.is_none());
        let parts = match whole.map(|job| render.render_parts(&job.plan, dialect)) {
            Some(Ok(parts)) => parts,
            Some(Err(e)) => {
                errors.insert(format!("{dialect}: {e:#}"));
                continue;
            }
            None => None,
        };
        if !errors.is_empty() {
            continue; // nothing more is written; the other kinds' errors are still wanted
        }
        let results: Vec<Result<(Utf8PathBuf, T), String>> = jobs
            .par_iter()
            .filter(|job| job.plan.kind == kind)
            .map(|job| {
                let text = script_text(job, parts.as_ref(), dialect, facts, render)?;
                let path = Utf8PathBuf::from(dialect).join(&job.path);
                let pieces: Vec<&str> = text.pieces();
                let kept = keep(&path, &pieces)?;
                input.progress.advance();
                Ok((path, kept))
            })
            .collect();
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(e) => {
                    errors.insert(e);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// A script's text as its header and body pieces, borrowed from the
/// whole-range script's steps when there is one.
struct ScriptText<'a> {
    header: String,
    body: Vec<&'a str>,
    rendered: Option<String>,
}

impl ScriptText<'_> {
    /// The pieces, in order.
    fn pieces(&self) -> Vec<&str> {
        let mut pieces = Vec::with_capacity(self.body.len() + 2);
        pieces.push(self.header.as_str());
        pieces.extend(&self.body);
        pieces.extend(self.rendered.as_deref());
        pieces
    }
}

/// The text of `job`: a whole-range script from all of `parts`, a
/// per-revision script from its step of `parts`, or, without parts,
/// rendered on its own.
fn script_text<'a>(
    job: &ScriptJob,
    parts: Option<&'a ScriptParts>,
    dialect: &str,
    facts: &HeaderFacts,
    render: &dyn RenderScript,
) -> Result<ScriptText<'a>, String> {
    let header = header(job, dialect, facts);
    let (body, rendered) = match (parts, job.step) {
        (Some(whole), None) => (whole.whole_pieces(), None),
        (Some(whole), Some(index)) if index < whole.steps.len() => (whole.step_pieces(index), None),
        _ => {
            let text = render
                .render(&job.plan, dialect)
                .map_err(|e| format!("{dialect}: {e:#}"))?;
            (Vec::new(), Some(text))
        }
    };
    Ok(ScriptText {
        header,
        body,
        rendered,
    })
}
