//! The archive `retort compile` writes: scripts with headers, the manifest,
//! atomic writes, and the comparison `retort verify` makes.
//!
//! `compile` stages every script first ([`stage_archive`]): each is written
//! to a temporary file beside its place as soon as it is rendered, so that
//! only checksums stay in memory. Only a complete, error-free archive is put
//! in place ([`commit_archive`]: one file-system flush, then each temporary
//! file renamed over its place); a failed compile removes what it staged.
//! `verify` renders the archive in memory instead ([`build_archive`]). Nothing here knows a machine
//! path: outputs are keyed by paths relative to `out/`, and the sources are
//! cited by paths relative to the project, so two compiles of the same
//! sources give the same bytes anywhere.

use crate::guard::{rows_after, rows_before_each_step};
use crate::plan::{Plan, ScriptKind};
use crate::review::{Direction, Note};
use crate::revision::Revision;
use camino::{Utf8Path, Utf8PathBuf};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The manifest's file name, in `out/`.
pub const MANIFEST: &str = "MANIFEST.sha256";

/// The longest slug in a per-revision script name (Alembic's `truncate_slug_length`).
const SLUG_MAX: usize = 40;

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
    fn render_parts(
        &self,
        _plan: &Plan,
        _dialect: &str,
    ) -> anyhow::Result<Option<crate::render::ScriptParts>> {
        Ok(None)
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

/// `compile`'s renderer: each dialect's templates (with guards on, as
/// [`NotedRenderer::options`] says), the review notes above the ops they
/// concern, and whole-range scripts cut at their steps so that the
/// per-revision scripts reuse them.
pub struct NotedRenderer<'a> {
    /// The graph the plans come from.
    pub graph: &'a crate::graph::RevisionGraph,
    /// The renderer of each dialect compiled.
    pub renderers: &'a [crate::render::Renderer],
    /// Script settings.
    pub options: crate::render::ScriptOptions,
    /// The review notes of every revision on those dialects.
    pub notes: &'a [Note],
}

impl NotedRenderer<'_> {
    fn renderer_and_options(
        &self,
        plan: &Plan,
        dialect: &str,
    ) -> anyhow::Result<(&crate::render::Renderer, crate::render::ScriptOptions)> {
        let renderer = self
            .renderers
            .iter()
            .find(|r| r.facts().name == dialect)
            .ok_or_else(|| anyhow::anyhow!("dialect {dialect} was not loaded"))?;
        let options = crate::render::ScriptOptions {
            op_comments: crate::review::format::op_comments(self.notes, plan, dialect),
            ..self.options.clone()
        };
        Ok((renderer, options))
    }
}

impl RenderScript for NotedRenderer<'_> {
    fn render(&self, plan: &Plan, dialect: &str) -> anyhow::Result<String> {
        let (renderer, options) = self.renderer_and_options(plan, dialect)?;
        Ok(crate::render::script(plan, self.graph, renderer, &options)?)
    }

    fn render_parts(
        &self,
        plan: &Plan,
        dialect: &str,
    ) -> anyhow::Result<Option<crate::render::ScriptParts>> {
        let (renderer, options) = self.renderer_and_options(plan, dialect)?;
        Ok(Some(crate::render::script_parts(
            plan, self.graph, renderer, &options,
        )?))
    }
}

/// One script to write for every target: where it goes and what it runs.
#[derive(Debug, Clone)]
pub struct ScriptJob<'a> {
    /// Path under `out/<dialect>/`, `/`-separated.
    pub path: Utf8PathBuf,
    /// What the script runs.
    pub plan: Plan<'a>,
    /// The range, as the header shows it: `base -> 7c3e9a5b1d84`.
    pub range: String,
    /// For a per-revision script, the revision it archives.
    pub revision: Option<String>,
    /// For a per-revision script, the index of its step in the whole-range
    /// job of the same kind, whose rendered step it reuses
    /// ([`RenderScript::render_parts`]).
    pub step: Option<usize>,
}

/// A source file the manifest lists (a revision file, `retort.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the project folder, `/`-separated.
    pub path: Utf8PathBuf,
    /// Lower-case hex sha256 of its bytes.
    pub sha256: String,
}

/// Everything `compile` writes, in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archive {
    /// Scripts by path relative to `out/` (`postgresql/upgrade.sql`).
    pub files: BTreeMap<Utf8PathBuf, String>,
    /// For each per-revision script, the revision it archives.
    pub archived: Archived,
    /// The dialects compiled.
    pub dialects: Vec<String>,
    /// The manifest's text.
    pub manifest: String,
}

/// What `compile` checks of a compiled archive before writing it, whether
/// its scripts are in memory ([`Archive`]) or staged ([`StagedArchive`]).
pub trait Compiled {
    /// The sha256 of the script at `path` (relative to `out/`), if compiled.
    fn sha256_of(&self, path: &Utf8Path) -> Option<String>;
    /// For each per-revision script, the revision it archives.
    fn archived(&self) -> &Archived;
    /// The dialects compiled.
    fn dialects(&self) -> &[String];
}

impl Compiled for Archive {
    fn sha256_of(&self, path: &Utf8Path) -> Option<String> {
        self.files.get(path).map(|text| sha256_hex(text.as_bytes()))
    }
    fn archived(&self) -> &Archived {
        &self.archived
    }
    fn dialects(&self) -> &[String] {
        &self.dialects
    }
}

/// Everything `compile` writes, each script already in a temporary file
/// beside its place (unless the same script is there already): only
/// checksums stay in memory. [`commit_archive`] renames the files into
/// place; dropping it instead removes them, and the folders it created.
#[derive(Debug)]
pub struct StagedArchive {
    /// Scripts by path relative to `out/`.
    pub files: BTreeMap<Utf8PathBuf, StagedFile>,
    /// For each per-revision script, the revision it archives.
    pub archived: Archived,
    /// The dialects compiled.
    pub dialects: Vec<String>,
    /// The manifest's text.
    pub manifest: String,
    /// Folders created for the scripts, outermost first.
    created_folders: Vec<Utf8PathBuf>,
    /// Dialect folders that were not there: written whole into a temporary
    /// folder beside their place, which is renamed into place at once.
    new_folders: Vec<NewFolder>,
}

/// A dialect folder written whole into a temporary folder.
#[derive(Debug)]
struct NewFolder {
    staging: tempfile::TempDir,
    target: Utf8PathBuf,
    /// The dialect, the folder's name in `out/`.
    dialect: String,
}

/// A staged script: its checksum, and where its new text waits.
#[derive(Debug)]
pub struct StagedFile {
    /// Lower-case hex sha256 of the script.
    pub sha256: String,
    /// Whether a file was at the script's place already.
    pub existed: bool,
    staging: Staging,
}

/// Where a staged script's text waits.
#[derive(Debug)]
enum Staging {
    /// Nowhere: `out/` holds exactly this script already.
    Unchanged,
    /// In a temporary file beside its place.
    Temp(tempfile::TempPath),
    /// In its dialect's new folder ([`NewFolder`]).
    InNewFolder,
}

impl Compiled for StagedArchive {
    fn sha256_of(&self, path: &Utf8Path) -> Option<String> {
        self.files.get(path).map(|file| file.sha256.clone())
    }
    fn archived(&self) -> &Archived {
        &self.archived
    }
    fn dialects(&self) -> &[String] {
        &self.dialects
    }
}

impl Drop for StagedArchive {
    fn drop(&mut self) {
        // The temporary files and folders go with their `TempPath`s and
        // `TempDir`s; the folders made for them go too, when nothing else
        // came to live in them.
        self.files.clear();
        self.new_folders.clear();
        for folder in self.created_folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// Errors of a compile, each once, in a stable order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().cloned().collect::<Vec<_>>().join("\n"))]
pub struct CompileErrors(pub BTreeSet<String>);

/// The per-revision and whole-range jobs of a project: `upgrade.sql` and
/// `downgrade.sql` from the full plans, and one upgrade and one downgrade
/// script per revision, each the full plan's step for that revision on its
/// own (so that running them in `NNNN` order does what `upgrade.sql` does).
pub fn jobs<'a>(upgrade: &Plan<'a>, downgrade: &Plan<'a>) -> Vec<ScriptJob<'a>> {
    let mut jobs = vec![
        ScriptJob {
            path: "upgrade.sql".into(),
            plan: upgrade.clone(),
            range: range_text(upgrade),
            revision: None,
            step: None,
        },
        ScriptJob {
            path: "downgrade.sql".into(),
            plan: downgrade.clone(),
            range: range_text(downgrade),
            revision: None,
            step: None,
        },
    ];
    let places = plan_places(upgrade);
    for (kind, plan) in [("upgrade", upgrade), ("downgrade", downgrade)] {
        let rows = rows_before_each_step(plan);
        for (index, step) in plan.steps.iter().enumerate() {
            let Some(revision) = step.revision else {
                continue;
            };
            let Some(place) = places.get(revision.id.as_str()) else {
                continue;
            };
            let single = Plan {
                kind: plan.kind,
                creates_version_table: plan.creates_version_table && index == 0,
                start: rows[index].clone(),
                steps: vec![step.clone()],
            };
            jobs.push(ScriptJob {
                path: format!("revisions/{}.{kind}.sql", revision_stem(*place, revision)).into(),
                range: range_text(&single),
                plan: single,
                revision: Some(revision.id.clone()),
                step: Some(index),
            });
        }
    }
    jobs
}

/// Each revision's 1-based place in the upgrade plan.
fn plan_places<'p>(upgrade: &'p Plan) -> BTreeMap<&'p str, usize> {
    upgrade
        .revisions()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i + 1))
        .collect()
}

/// `NNNN_<rev>_<slug>`: the file stem of a revision's scripts.
pub fn revision_stem(place: usize, revision: &Revision) -> String {
    let slug = slug(&revision.message);
    if slug.is_empty() {
        format!("{place:04}_{}", revision.id)
    } else {
        format!("{place:04}_{}_{slug}", revision.id)
    }
}

/// The message as a file-name slug: lower-case ASCII words joined by `_`,
/// cut at a word boundary to at most 40 characters (as Alembic's file names).
pub fn slug(message: &str) -> String {
    let mut slug = String::new();
    let words = message
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    for word in words {
        let word = word.to_ascii_lowercase();
        let extra = if slug.is_empty() { 0 } else { 1 };
        if slug.len() + extra + word.len() > SLUG_MAX {
            if slug.is_empty() {
                slug = word[..SLUG_MAX].to_owned();
            }
            break;
        }
        if extra == 1 {
            slug.push('_');
        }
        slug.push_str(&word);
    }
    slug
}

/// Revision ids as a header shows them: `base` for none.
fn rows_text(rows: &[String]) -> String {
    if rows.is_empty() {
        "base".to_owned()
    } else {
        rows.join(", ")
    }
}

/// The range a header shows: a one-revision script as its
/// `-- Running upgrade A -> B` line (`4d7a2f9e3c18, b95c3e7d1f62 ->
/// 0f6b8d4a2e57`), a longer one from its first rows to its last.
fn range_text(plan: &Plan) -> String {
    match plan.steps.as_slice() {
        [step] if step.revision.is_some() => {
            format!("{} -> {}", rows_text(&step.from), rows_text(&step.to))
        }
        _ => format!(
            "{} -> {}",
            rows_text(&plan.start),
            rows_text(&rows_after(plan))
        ),
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
}

/// Renders every job on every dialect into an [`Archive`] held in memory,
/// with its manifest (what `verify` compares with `out/`). Any error
/// anywhere fails the whole compile, with every error reported.
pub fn build_archive(input: &CompileInput) -> Result<Archive, CompileErrors> {
    let facts = HeaderFacts::new(input.sources, input.notes);
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

/// The revision each per-revision script archives. Every dialect has the
/// same scripts, so they are listed once, by their path inside a dialect's
/// folder (`revisions/0001_….upgrade.sql`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archived(BTreeMap<Utf8PathBuf, String>);

impl Archived {
    /// The per-revision scripts of `jobs`.
    fn of(jobs: &[ScriptJob]) -> Archived {
        Archived(
            jobs.iter()
                .filter_map(|job| Some((job.path.clone(), job.revision.clone()?)))
                .collect(),
        )
    }

    /// The revision that the script at `path` (relative to `out/`, under a
    /// dialect's folder) archives, if it is a per-revision script.
    pub fn revision_of(&self, path: &Utf8Path) -> Option<&str> {
        let mut parts = path.components();
        parts.next()?;
        self.0.get(parts.as_path()).map(String::as_str)
    }

    /// Each per-revision script, by its path inside a dialect's folder, with
    /// its revision.
    pub fn iter(&self) -> impl Iterator<Item = (&Utf8Path, &str)> {
        self.0
            .iter()
            .map(|(path, id)| (path.as_path(), id.as_str()))
    }
}

/// Where every script of `jobs` on `dialects` goes, relative to `out/`.
pub fn script_paths(jobs: &[ScriptJob], dialects: &[String]) -> Vec<Utf8PathBuf> {
    dialects
        .iter()
        .flat_map(|dialect| {
            jobs.iter()
                .map(move |job| Utf8PathBuf::from(dialect).join(&job.path))
        })
        .collect()
}

/// What a script becomes once rendered: its text ([`build_archive`]) or a
/// staged file ([`stage_archive`]). Gets the script's path relative to `out/`
/// and its text in pieces, to join or to write one after the other: a
/// whole-range script is its header and every step's text, and joining them
/// would hold each script twice more in memory.
type KeepScript<'a, T> = dyn Fn(&Utf8Path, &[&str]) -> Result<T, String> + Sync + 'a;

/// Renders every job on every dialect and hands each script to `keep`, so
/// that a caller need not hold every script's text at once. Dialects render
/// one after the other, each on every core; errors of every dialect are
/// collected.
fn each_script<T: Send>(
    input: &CompileInput,
    facts: &HeaderFacts,
    keep: &KeepScript<T>,
) -> Result<BTreeMap<Utf8PathBuf, T>, CompileErrors> {
    let mut files = Vec::new();
    let mut errors = BTreeSet::new();
    for dialect in input.dialects {
        match compile_target(input.jobs, dialect, facts, input.render, keep) {
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
    jobs: &[ScriptJob],
    dialect: &str,
    facts: &HeaderFacts,
    render: &dyn RenderScript,
    keep: &KeepScript<T>,
) -> TargetResult<T> {
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
    parts: Option<&'a crate::render::ScriptParts>,
    dialect: &str,
    facts: &HeaderFacts,
    render: &dyn RenderScript,
) -> Result<ScriptText<'a>, String> {
    let header = header(job, dialect, facts);
    let (body, rendered) = match (parts, job.step) {
        (Some(whole), None) => (whole.pieces(&whole.steps), None),
        (Some(whole), Some(index)) if index < whole.steps.len() => (
            whole.pieces(std::slice::from_ref(&whole.steps[index])),
            None,
        ),
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

/// What a header cites besides the job: source checksums and review notes.
pub struct HeaderFacts<'a> {
    /// sha256 of each source, by its path in the project (as a string: a
    /// `Path` key parsed both paths' components on every comparison).
    pub sha_of: BTreeMap<&'a str, &'a str>,
    /// The review notes of every revision (`retort check`'s), by revision
    /// id, in their order: a script's header looks up its revisions' notes
    /// instead of scanning them all (quadratic over a compile). Each comes
    /// with its lines as a header shows them, laid out once for every
    /// script and dialect that shows it.
    pub notes: BTreeMap<&'a str, Vec<(&'a Note, String)>>,
}

impl<'a> HeaderFacts<'a> {
    /// The facts of `sources` and `notes`.
    pub fn new(sources: &'a [Source], notes: &'a [Note]) -> HeaderFacts<'a> {
        let mut by_revision: BTreeMap<&str, Vec<(&Note, String)>> = BTreeMap::new();
        for note in notes {
            by_revision
                .entry(&note.revision)
                .or_default()
                .push((note, note_lines(note)));
        }
        HeaderFacts {
            sha_of: sources
                .iter()
                .map(|s| (s.path.as_str(), s.sha256.as_str()))
                .collect(),
            notes: by_revision,
        }
    }
}

/// The comment header of a script: tool, dialect, range, each revision with
/// its message and its source's checksum, and the review notes of its ops.
/// One line per fact, so that a reviewer's diff of two archives shows what
/// changed.
pub fn header(job: &ScriptJob, dialect: &str, facts: &HeaderFacts) -> String {
    let kind = match job.plan.kind {
        ScriptKind::Upgrade => "upgrade",
        ScriptKind::Downgrade => "downgrade",
        ScriptKind::Stamp => "stamp",
    };
    let mut h = String::new();
    let _ = writeln!(
        h,
        "-- Generated by retort {}. Do not edit: change the revisions and run `retort compile`.",
        env!("CARGO_PKG_VERSION"),
    );
    let _ = writeln!(h, "-- Dialect: {dialect}");
    let _ = writeln!(h, "-- Script: {kind} {}", comment_safe(&job.range));
    let _ = writeln!(
        h,
        "-- Version table: {} before, {} after",
        rows_text(&job.plan.start),
        rows_text(&rows_after(&job.plan))
    );
    let revisions: Vec<&Revision> = job.plan.revisions().collect();
    let _ = writeln!(
        h,
        "-- Revisions, in the order they run ({}):",
        revisions.len()
    );
    for revision in revisions {
        let _ = writeln!(
            h,
            "--   {}  {}",
            revision.id,
            comment_safe(&revision.message)
        );
        let path = &revision.source.path;
        let sha = facts
            .sha_of
            .get(path.as_str())
            .copied()
            .unwrap_or(revision.source.sha256.as_str());
        let _ = writeln!(h, "--     {}  sha256 {sha}", comment_safe(path.as_str()));
    }
    write_notes(&mut h, job, dialect, &facts.notes);
    h.push_str("-- Each revision first checks the version table (a retort guard) and fails when\n");
    h.push_str("-- the database is not at the revision it expects. Run the script so that the\n");
    h.push_str("-- first error stops it: psql -v ON_ERROR_STOP=1, mariadb (stops by default),\n");
    h.push_str("-- sqlite3 -bail, sqlcmd -b, SQL*Plus WHENEVER SQLERROR EXIT FAILURE.\n\n");
    h
}

/// The review notes of the script's ops on `dialect`, as `retort check`
/// reports them, each under the place of its op.
fn write_notes(
    h: &mut String,
    job: &ScriptJob,
    dialect: &str,
    notes: &BTreeMap<&str, Vec<(&Note, String)>>,
) {
    let direction = match job.plan.kind {
        ScriptKind::Upgrade => Direction::Upgrade,
        ScriptKind::Downgrade => Direction::Downgrade,
        ScriptKind::Stamp => return,
    };
    let mine: Vec<&String> = job
        .plan
        .revisions()
        .flat_map(|r| notes.get(r.id.as_str()).into_iter().flatten())
        .filter(|(n, _)| n.direction == direction && n.concerns(dialect))
        .map(|(_, lines)| lines)
        .collect();
    if mine.is_empty() {
        h.push_str("-- Review notes: none\n");
        return;
    }
    let _ = writeln!(h, "-- Review notes ({}):", mine.len());
    for lines in mine {
        h.push_str(lines);
    }
}

/// A review note as a header shows it: where it is, then its text as
/// comment lines.
fn note_lines(note: &Note) -> String {
    let mut lines = String::new();
    let _ = writeln!(
        lines,
        "-- {} {} {} at {}",
        note.revision,
        note.direction.name(),
        note.op,
        comment_safe(&note.location.to_string())
    );
    for line in crate::review::format::comment_lines(note) {
        let _ = writeln!(lines, "{}", comment_safe(&line));
    }
    lines
}

/// One line of text, safe inside a `--` comment: line breaks would end it.
fn comment_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .into()
}

/// Lower-case hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// [`sha256_hex`] of the text that `pieces` make, one after the other.
fn sha256_of_pieces(pieces: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for piece in pieces {
        hasher.update(piece.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Writes `pieces` one after the other to `file`, through a buffer: a
/// whole-range script has a piece per step.
fn write_pieces(file: impl std::io::Write, pieces: &[&str]) -> std::io::Result<()> {
    use std::io::Write;
    let length: usize = pieces.iter().map(|piece| piece.len()).sum();
    let mut writer = std::io::BufWriter::with_capacity(length.min(1 << 16), file);
    for piece in pieces {
        writer.write_all(piece.as_bytes())?;
    }
    writer.flush()
}

/// Whether `bytes` are exactly the text that `pieces` make.
fn holds_pieces(bytes: &[u8], pieces: &[&str]) -> bool {
    let mut rest = bytes;
    for piece in pieces {
        match rest.strip_prefix(piece.as_bytes()) {
            Some(after) => rest = after,
            None => return false,
        }
    }
    rest.is_empty()
}

/// The manifest: `sha256sum` lines for the sources (paths relative to
/// `out/`, through `prefix`, e.g. `../revisions/x.yaml`), then the outputs.
pub fn manifest_text<P: AsRef<Utf8Path>, S: AsRef<str>>(
    sources: &[Source],
    prefix: &Utf8Path,
    outputs: impl IntoIterator<Item = (P, S)>,
) -> String {
    let mut lines: Vec<(String, &str)> = sources
        .iter()
        .map(|s| (prefix.join(&s.path).into_string(), s.sha256.as_str()))
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    // Borrowed, not copied: a compile of 20,000 revisions has 200,000 outputs.
    let mut outputs: Vec<(P, S)> = outputs.into_iter().collect();
    outputs.sort_by(|a, b| (a.0.as_ref(), a.1.as_ref()).cmp(&(b.0.as_ref(), b.1.as_ref())));
    let mut text = String::new();
    for (path, sha) in &lines {
        text.push_str(&manifest_line(sha, path));
    }
    for (path, sha) in &outputs {
        text.push_str(&manifest_line(sha.as_ref(), path.as_ref().as_str()));
    }
    text
}

/// One `sha256sum` line, with GNU's escaping of `\` and newlines in names.
fn manifest_line(sha: &str, path: &str) -> String {
    if path.contains(['\\', '\n']) {
        let escaped = path.replace('\\', "\\\\").replace('\n', "\\n");
        format!("\\{sha}  {escaped}\n")
    } else {
        format!("{sha}  {path}\n")
    }
}

/// A manifest read back: path (as written, relative to `out/`) → sha256.
pub fn parse_manifest(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|line| {
            let (escaped, line) = match line.strip_prefix('\\') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let (sha, path) = line.split_once(' ')?;
            let path = path.strip_prefix(' ').or_else(|| path.strip_prefix('*'))?;
            let path = if escaped {
                path.replace("\\n", "\n").replace("\\\\", "\\")
            } else {
                path.to_owned()
            };
            Some((path, sha.to_ascii_lowercase()))
        })
        .collect()
}

/// The path from `out` back to the project folder, so that the manifest's
/// source lines work from `out/` (`out` → `..`, `build/sql` → `../..`).
pub fn prefix_from_out(out: &Utf8Path) -> Utf8PathBuf {
    let mut depth: usize = 0;
    for component in out.components() {
        match component {
            camino::Utf8Component::Normal(_) => depth += 1,
            camino::Utf8Component::ParentDir => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut prefix = Utf8PathBuf::new();
    for _ in 0..depth {
        prefix.push("..");
    }
    prefix
}

/// What is on disk under `out/` now: every file (relative path → bytes).
pub fn read_out_dir(out: &Utf8Path) -> std::io::Result<BTreeMap<Utf8PathBuf, Vec<u8>>> {
    files_under(out)?
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(out.join(&path))?;
            Ok((path, bytes))
        })
        .collect()
}

/// Every file under `out/`, relative to it, `/`-separated, in order.
fn files_under(out: &Utf8Path) -> std::io::Result<Vec<Utf8PathBuf>> {
    files_under_except(out, &[])
}

/// [`files_under`], but not in the folders of `out/` named in `skip`.
fn files_under_except(out: &Utf8Path, skip: &[&str]) -> std::io::Result<Vec<Utf8PathBuf>> {
    let mut files = Vec::new();
    if !out.exists() {
        return Ok(files);
    }
    let walk = walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() != 1 || !skip.iter().any(|f| entry.file_name() == *f));
    for entry in walk {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(path) = Utf8PathBuf::from_path_buf(entry.path().to_owned()) else {
            continue;
        };
        let Ok(relative) = path.strip_prefix(out) else {
            continue;
        };
        files.push(Utf8PathBuf::from(relative.as_str().replace('\\', "/")));
    }
    Ok(files)
}

/// An archived script that a compile would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedChange {
    /// The script, relative to `out/`.
    pub path: Utf8PathBuf,
    /// Why: which source changed, or that it would be removed.
    pub reason: String,
}

/// The per-revision scripts listed in the old manifest that `archive` would
/// change or remove, each with the reason. A `full` compile owns every
/// dialect folder; a partial one (`compile --dialect`) only those it builds.
pub fn archived_changes(
    archive: &dyn Compiled,
    old_manifest: &BTreeMap<String, String>,
    prefix: &Utf8Path,
    revisions: &[&Revision],
    sources: &[Source],
    full: bool,
) -> Vec<ArchivedChange> {
    let source_of: BTreeMap<&str, &Utf8Path> = revisions
        .iter()
        .map(|r| (r.id.as_str(), r.source.path.as_path()))
        .collect();
    let new_sha: BTreeMap<&Utf8Path, &str> = sources
        .iter()
        .map(|s| (s.path.as_path(), s.sha256.as_str()))
        .collect();
    let mut changes = Vec::new();
    for (path, old_sha) in old_manifest {
        let path = Utf8PathBuf::from(path);
        if path
            .components()
            .any(|c| c == camino::Utf8Component::ParentDir)
        {
            continue;
        }
        let mut parts = path.components();
        let (Some(dialect), Some(folder)) = (parts.next(), parts.next()) else {
            continue;
        };
        let owned = full || archive.dialects().iter().any(|d| d == dialect.as_str());
        if folder.as_str() != "revisions" || !owned {
            continue;
        }
        let Some(script_sha) = archive.sha256_of(&path) else {
            changes.push(ArchivedChange {
                path,
                reason: "would be removed: its revision was removed, renamed or moved in the plan"
                    .into(),
            });
            continue;
        };
        if script_sha == *old_sha {
            continue;
        }
        let revision = archive.archived().revision_of(&path);
        let reason = match revision.and_then(|r| source_of.get(r)) {
            Some(source) => {
                let listed = prefix.join(source).into_string();
                match (old_manifest.get(&listed), new_sha.get(source)) {
                    (Some(old), Some(new)) if old != new => format!(
                        "would change: its source {source} changed (sha256 {old} in the manifest, now {new})"
                    ),
                    (None, _) => format!(
                        "would change: its source {source} is not in the manifest"
                    ),
                    _ => {
                        let config = prefix.join(crate::config::CONFIG_FILE).into_string();
                        let config_sha = new_sha.get(Utf8Path::new(crate::config::CONFIG_FILE));
                        match (old_manifest.get(&config), config_sha) {
                            (Some(old), Some(new)) if old != new => format!(
                                "would change: {} changed (sha256 {old} in the manifest, now {new})",
                                crate::config::CONFIG_FILE
                            ),
                            (Some(_), None) => format!(
                                "would change: {} was removed",
                                crate::config::CONFIG_FILE
                            ),
                            (None, Some(_)) => format!(
                                "would change: {} was added",
                                crate::config::CONFIG_FILE
                            ),
                            _ => format!(
                                "would change although its source {source} did not: a template \
                                 or the retort version changed"
                            ),
                        }
                    }
                }
            }
            None => "would change".into(),
        };
        changes.push(ArchivedChange { path, reason });
    }
    changes
}

/// Renders every job on every dialect and writes each script that differs
/// from what `out/` holds to a temporary file beside its place, keeping only
/// checksums in memory. Any error anywhere fails the whole compile, with
/// every error reported, and leaves `out/` as it was.
pub fn stage_archive(out: &Utf8Path, input: &CompileInput) -> Result<StagedArchive, CompileErrors> {
    let CompileInput {
        jobs,
        dialects,
        sources,
        notes,
        manifest_prefix,
        ..
    } = *input;
    let failed = |what: String| CompileErrors(BTreeSet::from([what]));
    // Absolute once: a relative folder costs a `getcwd` per temporary file.
    let out = &std::path::absolute(out)
        .ok()
        .and_then(|path| Utf8PathBuf::from_path_buf(path).ok())
        .unwrap_or_else(|| out.to_owned());
    let mut staged = StagedArchive {
        files: BTreeMap::new(),
        archived: Archived::of(jobs),
        dialects: dialects.to_vec(),
        manifest: String::new(),
        created_folders: Vec::new(),
        new_folders: Vec::new(),
    };
    create_folder(out, &mut staged.created_folders)
        .map_err(|e| failed(format!("cannot create {out}: {e}")))?;
    let mut targets = BTreeMap::new();
    for dialect in dialects {
        let target = DialectTarget::prepare(out, dialect, jobs, &mut staged)
            .map_err(|e| failed(format!("cannot prepare {}: {e}", out.join(dialect))))?;
        targets.insert(dialect.as_str(), target);
    }
    let facts = HeaderFacts::new(sources, notes);
    staged.files = each_script(input, &facts, &|path, text| {
        let mut parts = path.components();
        let dialect = parts.next().map_or("", |d| d.as_str());
        let within: Utf8PathBuf = parts.collect();
        let target = targets
            .get(dialect)
            .ok_or_else(|| format!("{dialect} is not a dialect being compiled"))?;
        target
            .stage(&within, text)
            .map_err(|e| format!("cannot write {}: {e}", out.join(path)))
    })?;
    let checksums = staged
        .files
        .iter()
        .map(|(path, file)| (path, file.sha256.as_str()));
    staged.manifest = manifest_text(sources, manifest_prefix, checksums);
    Ok(staged)
}

/// Where one dialect's scripts are staged.
struct DialectTarget {
    /// Where the scripts are written: the dialect's folder in `out/`, or the
    /// temporary folder standing in for it.
    root: Utf8PathBuf,
    /// The folder is new: every script is new, nothing to compare with.
    new: bool,
    /// The files its folder holds now, relative to it.
    existing: BTreeSet<Utf8PathBuf>,
}

impl DialectTarget {
    fn prepare(
        out: &Utf8Path,
        dialect: &str,
        jobs: &[ScriptJob],
        staged: &mut StagedArchive,
    ) -> std::io::Result<DialectTarget> {
        let folder = out.join(dialect);
        let subfolders: BTreeSet<&Utf8Path> =
            jobs.iter().filter_map(|job| job.path.parent()).collect();
        if folder.exists() {
            for sub in subfolders {
                create_folder(&folder.join(sub), &mut staged.created_folders)?;
            }
            return Ok(DialectTarget {
                existing: files_under(&folder)?.into_iter().collect(),
                root: folder,
                new: false,
            });
        }
        let staging = tempfile::Builder::new()
            .prefix(".retort-new-")
            .tempdir_in(out)?;
        let root = Utf8PathBuf::from_path_buf(staging.path().to_owned())
            .map_err(|_| std::io::Error::other("the temporary folder's path is not UTF-8"))?;
        for sub in subfolders {
            std::fs::create_dir_all(root.join(sub))?;
        }
        staged.new_folders.push(NewFolder {
            staging,
            target: folder,
            dialect: dialect.to_owned(),
        });
        Ok(DialectTarget {
            root,
            new: true,
            existing: BTreeSet::new(),
        })
    }

    /// `text` as the script at `path` (relative to the dialect's folder).
    fn stage(&self, path: &Utf8Path, text: &[&str]) -> std::io::Result<StagedFile> {
        if self.new {
            write_pieces(std::fs::File::create(self.root.join(path))?, text)?;
            return Ok(StagedFile {
                sha256: sha256_of_pieces(text),
                existed: false,
                staging: Staging::InNewFolder,
            });
        }
        let target = self.root.join(path);
        if self.existing.contains(path) {
            stage_file(&target, text)
        } else {
            stage_new_file(&target, text, false)
        }
    }
}

/// Creates `folder` and what is missing above it, recording each folder it
/// created (outermost first).
fn create_folder(folder: &Utf8Path, created: &mut Vec<Utf8PathBuf>) -> std::io::Result<()> {
    let missing: Vec<&Utf8Path> = folder
        .ancestors()
        .take_while(|f| !f.as_str().is_empty() && !f.exists())
        .collect();
    for folder in missing.into_iter().rev() {
        std::fs::create_dir(folder)?;
        created.push(folder.to_owned());
    }
    Ok(())
}

/// `text` (in pieces) as the script at `target`: unchanged when the file
/// there holds exactly it, else written to a temporary file beside it.
fn stage_file(target: &Utf8Path, text: &[&str]) -> std::io::Result<StagedFile> {
    match std::fs::read(target) {
        Ok(old) if holds_pieces(&old, text) => Ok(StagedFile {
            sha256: sha256_of_pieces(text),
            existed: true,
            staging: Staging::Unchanged,
        }),
        Ok(_) => stage_new_file(target, text, true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => stage_new_file(target, text, false),
        Err(e) => Err(e),
    }
}

/// `text` (in pieces) in a temporary file beside `target`.
fn stage_new_file(target: &Utf8Path, text: &[&str], existed: bool) -> std::io::Result<StagedFile> {
    let folder = target.parent().unwrap_or(Utf8Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".retort-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    write_pieces(temp.as_file_mut(), text)?;
    // Closed now: thousands of open files would exceed the process's limit.
    Ok(StagedFile {
        sha256: sha256_of_pieces(text),
        existed,
        staging: Staging::Temp(temp.into_temp_path()),
    })
}

/// Puts a staged archive in place: one flush of the file system, each
/// staged file renamed over its place, scripts no longer produced (of the
/// dialects compiled, or of every dialect when `full`) removed, and
/// `manifest` written.
pub fn commit_archive(
    out: &Utf8Path,
    mut staged: StagedArchive,
    manifest: &str,
    full: bool,
) -> std::io::Result<WriteSummary> {
    let mut summary = WriteSummary::default();
    let mut renames = Vec::new();
    for (path, file) in &mut staged.files {
        match std::mem::replace(&mut file.staging, Staging::Unchanged) {
            Staging::Unchanged => summary.unchanged += 1,
            Staging::Temp(temp) => {
                if file.existed {
                    summary.changed.push(path.clone());
                } else {
                    summary.new += 1;
                }
                renames.push((temp, out.join(path)));
            }
            Staging::InNewFolder => summary.new += 1,
        }
    }
    if !renames.is_empty() || !staged.new_folders.is_empty() {
        sync_file_system(out)?;
    }
    renames
        .par_iter()
        .map(|(temp, target)| std::fs::rename(temp, target))
        .collect::<std::io::Result<Vec<()>>>()?;
    // Renamed: nothing left for the temporary paths to delete, and the
    // folders made for them stay.
    renames.into_iter().for_each(|(temp, _)| drop(temp.keep()));
    // A new folder holds only what was just staged: nothing in it to remove.
    let new_folders: Vec<String> = staged
        .new_folders
        .iter()
        .map(|f| f.dialect.clone())
        .collect();
    for folder in std::mem::take(&mut staged.new_folders) {
        let staging = folder.staging.keep();
        std::fs::rename(&staging, &folder.target)?;
    }
    staged.created_folders.clear();
    let skip: Vec<&str> = new_folders.iter().map(String::as_str).collect();
    for path in files_under_except(out, &skip)? {
        let owned = full
            || path
                .components()
                .next()
                .is_some_and(|d| staged.dialects.iter().any(|x| x == d.as_str()));
        if owned && path != MANIFEST && !staged.files.contains_key(&path) {
            std::fs::remove_file(out.join(&path))?;
            summary.removed.push(path);
        }
    }
    let manifest_path = out.join(MANIFEST);
    let old_manifest = match std::fs::read(&manifest_path) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if old_manifest.as_deref() != Some(manifest.as_bytes()) {
        write_atomic(&manifest_path, manifest.as_bytes())?;
        match old_manifest {
            Some(_) => summary.changed.push(MANIFEST.into()),
            None => summary.new += 1,
        }
    }
    Ok(summary)
}

/// Writes `text` to `path` atomically: a temporary file in the same folder,
/// flushed, then renamed over `path`.
pub fn write_atomic(path: &Utf8Path, text: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let folder = path.parent().unwrap_or(Utf8Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".retort-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(text)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Flushes every written file of the file system holding `folder` to disk.
#[cfg(target_os = "linux")]
fn sync_file_system(folder: &Utf8Path) -> std::io::Result<()> {
    let handle = std::fs::File::open(folder)?;
    rustix::fs::syncfs(&handle).map_err(std::io::Error::from)
}

/// Flushes every written file of the file system holding `folder` to disk.
#[cfg(not(target_os = "linux"))]
fn sync_file_system(_folder: &Utf8Path) -> std::io::Result<()> {
    // No syncfs here: a sync of everything is the portable equivalent.
    std::process::Command::new("sync").status().map(drop)
}

/// What [`commit_archive`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// How many files were written that were not there (on a first compile,
    /// every one: listing them would cost memory and say little).
    pub new: usize,
    /// Files rewritten with other content.
    pub changed: Vec<Utf8PathBuf>,
    /// Files removed (no longer produced).
    pub removed: Vec<Utf8PathBuf>,
    /// Files already identical.
    pub unchanged: usize,
}

/// The manifest after compiling only some dialects: the new lines, plus the
/// old lines of the dialects left alone, in the same order as a full one.
pub fn merge_manifest(
    new_manifest: &str,
    old: &BTreeMap<String, String>,
    compiled: &[String],
) -> String {
    let mut text = new_manifest.to_owned();
    let kept: BTreeMap<&String, &String> = old
        .iter()
        .filter(|(path, _)| {
            let first = path.split('/').next().unwrap_or("");
            first != ".." && path.contains('/') && !compiled.iter().any(|d| d == first)
        })
        .collect();
    if kept.is_empty() {
        return text;
    }
    let mut source_lines = Vec::new();
    let mut output_lines: BTreeMap<String, String> = BTreeMap::new();
    for line in text.lines() {
        let path = parse_manifest(line).into_keys().next().unwrap_or_default();
        if path.starts_with("../") {
            source_lines.push(format!("{line}\n"));
        } else {
            output_lines.insert(path, format!("{line}\n"));
        }
    }
    for (path, sha) in kept {
        output_lines.insert(path.clone(), manifest_line(sha, path));
    }
    text = source_lines.concat();
    text.extend(output_lines.into_values());
    text
}

/// What `verify` found: each difference between `out/` and a fresh compile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Differences {
    /// Files whose content differs.
    pub differ: Vec<Utf8PathBuf>,
    /// Files the compile produces that are not on disk.
    pub missing: Vec<Utf8PathBuf>,
    /// Files on disk the compile does not produce.
    pub extra: Vec<Utf8PathBuf>,
    /// Sources whose checksum no longer matches the manifest, with why.
    pub sources: Vec<String>,
}

impl Differences {
    /// True when `out/` is exactly the compile's output.
    pub fn is_empty(&self) -> bool {
        self.differ.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.sources.is_empty()
    }

    /// One line per difference, paths relative to the project via `out`.
    pub fn report(&self, out: &Utf8Path) -> String {
        let mut lines = Vec::new();
        for p in &self.differ {
            lines.push(format!("differs: {}", out.join(p)));
        }
        for p in &self.missing {
            lines.push(format!("missing: {}", out.join(p)));
        }
        for p in &self.extra {
            lines.push(format!("extra:   {}", out.join(p)));
        }
        for s in &self.sources {
            lines.push(format!("source:  {s}"));
        }
        lines.join("\n")
    }
}

/// Compares a fresh `archive` with what is on disk, and the manifest's source
/// lines with the current `sources`.
pub fn compare(
    archive: &Archive,
    on_disk: &BTreeMap<Utf8PathBuf, Vec<u8>>,
    sources: &[Source],
    prefix: &Utf8Path,
) -> Differences {
    let mut diff = Differences::default();
    let mut expected: BTreeMap<Utf8PathBuf, &[u8]> = archive
        .files
        .iter()
        .map(|(p, t)| (p.clone(), t.as_bytes()))
        .collect();
    expected.insert(MANIFEST.into(), archive.manifest.as_bytes());
    for (path, bytes) in &expected {
        match on_disk.get(path) {
            None => diff.missing.push(path.clone()),
            Some(found) if found.as_slice() != *bytes => diff.differ.push(path.clone()),
            Some(_) => {}
        }
    }
    diff.extra = on_disk
        .keys()
        .filter(|p| !expected.contains_key(*p))
        .cloned()
        .collect();
    let listed = on_disk
        .get(Utf8Path::new(MANIFEST))
        .map(|b| parse_manifest(&String::from_utf8_lossy(b)))
        .unwrap_or_default();
    let current: BTreeMap<String, &Source> = sources
        .iter()
        .map(|s| (prefix.join(&s.path).into_string(), s))
        .collect();
    let source_prefix = format!("{prefix}/");
    for (path, old_sha) in &listed {
        if !path.starts_with(&source_prefix) {
            continue;
        }
        match current.get(path) {
            Some(s) if s.sha256 != *old_sha => diff.sources.push(format!(
                "{} changed since the manifest was written (sha256 {old_sha} in the manifest, now {})",
                s.path, s.sha256
            )),
            Some(_) => {}
            None => diff.sources.push(format!(
                "{} is in the manifest but no longer exists",
                path.strip_prefix(&source_prefix).unwrap_or(path)
            )),
        }
    }
    if !listed.is_empty() {
        for (path, s) in &current {
            if !listed.contains_key(path) {
                diff.sources
                    .push(format!("{} is not in the manifest", s.path));
            }
        }
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::RevisionGraph;
    use crate::load::parse_revision;

    /// Writes an in-memory `archive` under `out` through the same staging
    /// and commit as `compile`: changed files atomically, files no longer
    /// produced removed, and `manifest` last.
    fn write_archive(
        out: &Utf8Path,
        archive: &Archive,
        manifest: &str,
        full: bool,
    ) -> std::io::Result<WriteSummary> {
        let mut staged = StagedArchive {
            files: BTreeMap::new(),
            archived: archive.archived.clone(),
            dialects: archive.dialects.clone(),
            manifest: archive.manifest.clone(),
            created_folders: Vec::new(),
            new_folders: Vec::new(),
        };
        for (path, text) in &archive.files {
            let target = out.join(path);
            if let Some(folder) = target.parent() {
                create_folder(folder, &mut staged.created_folders)?;
            }
            staged
                .files
                .insert(path.clone(), stage_file(&target, &[text])?);
        }
        commit_archive(out, staged, manifest, full)
    }

    fn graph(files: &[(&str, &str)]) -> RevisionGraph {
        let revisions = files
            .iter()
            .map(|(path, text)| parse_revision(text.as_bytes(), Utf8Path::new(path)).unwrap())
            .collect();
        RevisionGraph::build(revisions).unwrap()
    }

    /// root → a, root → b, merge(a, b): a branch and its merge.
    fn branchy() -> RevisionGraph {
        graph(&[
            ("revisions/root.yaml", "revision: root\ndown_revision: null\nmessage: first one\nupgrade: []\ndowngrade: []\n"),
            ("revisions/a.yaml", "revision: a\ndown_revision: root\nmessage: feature A\nupgrade: []\ndowngrade: []\n"),
            ("revisions/b.yaml", "revision: b\ndown_revision: root\nmessage: feature B\nupgrade: []\ndowngrade: []\n"),
            ("revisions/m.yaml", "revision: m\ndown_revision: [a, b]\nmessage: \"merge\\nboth\"\nupgrade: []\ndowngrade: []\n"),
        ])
    }

    fn sources(graph: &RevisionGraph) -> Vec<Source> {
        graph
            .revisions
            .iter()
            .map(|r| Source {
                path: r.source.path.clone(),
                sha256: r.source.sha256.clone(),
            })
            .collect()
    }

    /// A stand-in renderer: one line per step with the rows it expects.
    fn fake(plan: &Plan, dialect: &str) -> anyhow::Result<String> {
        let rows = rows_before_each_step(plan);
        let mut text = format!("-- {dialect} {:?}\n", plan.kind);
        for (step, rows) in plan.steps.iter().zip(rows) {
            let _ = writeln!(
                text,
                "step {:?} -> {:?} expecting {rows:?}",
                step.from, step.to
            );
        }
        Ok(text)
    }

    fn archive_of(graph: &RevisionGraph, dialects: &[&str]) -> Archive {
        let up = crate::plan::upgrade(graph, "heads").unwrap();
        let down = crate::plan::downgrade(graph, "heads:base").unwrap();
        let dialects: Vec<String> = dialects.iter().map(|d| d.to_string()).collect();
        build_archive(&CompileInput {
            jobs: &jobs(&up, &down),
            dialects: &dialects,
            sources: &sources(graph),
            notes: &[],
            manifest_prefix: Utf8Path::new(".."),
            render: &fake,
        })
        .unwrap()
    }

    #[test]
    fn slugs_are_lower_case_words_cut_at_forty() {
        assert_eq!(slug("Add error_count to runs!"), "add_error_count_to_runs");
        assert_eq!(
            slug("index runs by status and start time for the scheduler's queries"),
            "index_runs_by_status_and_start_time_for"
        );
        assert_eq!(slug("ééé"), "");
        assert_eq!(slug(&"x".repeat(50)), "x".repeat(40));
    }

    #[test]
    fn each_revision_gets_an_upgrade_and_a_downgrade_script_numbered_by_plan_place() {
        let archive = archive_of(&branchy(), &["sqlite"]);
        let names: Vec<&str> = archive.files.keys().map(|p| p.as_str()).collect();
        assert_eq!(names.len(), 2 + 4 * 2, "{names:?}");
        assert!(names.contains(&"sqlite/upgrade.sql"));
        assert!(names.contains(&"sqlite/revisions/0001_root_first_one.upgrade.sql"));
        assert!(names.contains(&"sqlite/revisions/0004_m_merge_both.downgrade.sql"));
        assert_eq!(
            archive.archived.revision_of(Utf8Path::new(
                "sqlite/revisions/0004_m_merge_both.upgrade.sql"
            )),
            Some("m")
        );
    }

    #[test]
    fn a_per_revision_script_is_its_step_of_the_full_plan() {
        let archive = archive_of(&branchy(), &["sqlite"]);
        let g = branchy();
        let up = crate::plan::upgrade(&g, "heads").unwrap();
        let second = up.steps[2].revision.unwrap().id.clone();
        let script = archive
            .files
            .iter()
            .find(|(p, _)| {
                p.as_str()
                    .starts_with(&format!("sqlite/revisions/0003_{second}_"))
                    && p.as_str().ends_with(".upgrade.sql")
            })
            .map(|(_, t)| t)
            .unwrap();
        // The second branch runs after the first, whose row is then in the table.
        let first = up.steps[1].revision.unwrap().id.clone();
        assert!(
            script.contains(&format!("expecting [\"{first}\"]")),
            "{script}"
        );
        assert!(
            script.contains(&format!("-- Script: upgrade root -> {second}\n")),
            "{script}"
        );
        assert!(
            script.contains(&format!(
                "-- Version table: {first} before, {first}, {second} after\n"
            )),
            "{script}"
        );
    }

    #[test]
    fn the_header_names_tool_dialect_range_revisions_and_checksums() {
        let g = branchy();
        let archive = archive_of(&g, &["postgresql"]);
        let text = &archive.files[Utf8Path::new("postgresql/upgrade.sql")];
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with("--")).collect();
        assert!(header[0].starts_with(&format!(
            "-- Generated by retort {}",
            env!("CARGO_PKG_VERSION")
        )));
        assert_eq!(header[1], "-- Dialect: postgresql");
        assert_eq!(header[2], "-- Script: upgrade base -> m");
        let root = g.get("root").unwrap();
        assert!(header.contains(&"--   root  first one"), "{header:?}");
        assert!(header.contains(
            &format!("--     revisions/root.yaml  sha256 {}", root.source.sha256).as_str()
        ));
        // A line break in a message cannot end the comment.
        assert!(header.contains(&"--   m  merge both"), "{header:?}");
    }

    #[test]
    fn compiling_twice_gives_the_same_bytes() {
        assert_eq!(
            archive_of(&branchy(), &["sqlite", "mysql"]),
            archive_of(&branchy(), &["sqlite", "mysql"])
        );
    }

    #[test]
    fn an_error_on_any_target_fails_the_whole_archive_with_every_error() {
        let g = branchy();
        let up = crate::plan::upgrade(&g, "heads").unwrap();
        let down = crate::plan::downgrade(&g, "heads:base").unwrap();
        let failing = |plan: &Plan, dialect: &str| -> anyhow::Result<String> {
            if dialect == "mysql" && plan.kind == ScriptKind::Downgrade {
                anyhow::bail!("cannot render this")
            }
            fake(plan, dialect)
        };
        let dialects = vec!["sqlite".to_owned(), "mysql".to_owned()];
        let errors = build_archive(&CompileInput {
            jobs: &jobs(&up, &down),
            dialects: &dialects,
            sources: &sources(&g),
            notes: &[],
            manifest_prefix: Utf8Path::new(".."),
            render: &failing,
        })
        .unwrap_err();
        assert_eq!(
            errors.0,
            BTreeSet::from(["mysql: cannot render this".to_owned()])
        );
    }

    #[test]
    fn the_manifest_lists_sources_relative_to_out_then_outputs() {
        let g = branchy();
        let archive = archive_of(&g, &["sqlite"]);
        let lines: Vec<&str> = archive.manifest.lines().collect();
        assert_eq!(lines.len(), 4 + archive.files.len());
        let a = g.get("a").unwrap();
        assert_eq!(
            lines[0],
            format!("{}  ../revisions/a.yaml", a.source.sha256)
        );
        let upgrade = &archive.files[Utf8Path::new("sqlite/upgrade.sql")];
        assert!(lines
            .contains(&format!("{}  sqlite/upgrade.sql", sha256_hex(upgrade.as_bytes())).as_str()));
        let parsed = parse_manifest(&archive.manifest);
        assert_eq!(parsed.len(), lines.len());
        assert_eq!(parsed["../revisions/a.yaml"], a.source.sha256);
    }

    #[test]
    fn odd_file_names_are_escaped_as_sha256sum_does() {
        let line = manifest_line("ab", "x\\y\nz");
        assert_eq!(line, "\\ab  x\\\\y\\nz\n");
        assert_eq!(parse_manifest(&line)["x\\y\nz"], "ab");
    }

    #[test]
    fn the_prefix_leads_from_out_back_to_the_project() {
        assert_eq!(prefix_from_out(Utf8Path::new("out")), "..");
        assert_eq!(prefix_from_out(Utf8Path::new("build/sql/")), "../..");
        assert_eq!(prefix_from_out(Utf8Path::new("./out")), "..");
    }

    #[test]
    fn write_then_compare_finds_nothing_then_every_kind_of_difference() {
        let g = branchy();
        let archive = archive_of(&g, &["sqlite"]);
        let dir = tempfile::tempdir().unwrap();
        let out = Utf8PathBuf::from_path_buf(dir.path().join("out")).unwrap();
        let summary = write_archive(&out, &archive, &archive.manifest, false).unwrap();
        assert_eq!(summary.new, archive.files.len() + 1);
        assert!(summary.changed.is_empty());
        let on_disk = read_out_dir(&out).unwrap();
        let prefix = Utf8Path::new("..");
        assert!(compare(&archive, &on_disk, &sources(&g), prefix).is_empty());

        std::fs::write(out.join("sqlite/upgrade.sql"), "changed").unwrap();
        std::fs::remove_file(out.join("sqlite/downgrade.sql")).unwrap();
        std::fs::write(out.join("sqlite/notes.txt"), "mine").unwrap();
        let mut changed = sources(&g);
        for source in &mut changed {
            if source.path == "revisions/a.yaml" {
                source.sha256 = "0".repeat(64);
            }
        }
        let diff = compare(&archive, &read_out_dir(&out).unwrap(), &changed, prefix);
        assert_eq!(diff.differ, vec![Utf8PathBuf::from("sqlite/upgrade.sql")]);
        assert_eq!(
            diff.missing,
            vec![Utf8PathBuf::from("sqlite/downgrade.sql")]
        );
        assert_eq!(diff.extra, vec![Utf8PathBuf::from("sqlite/notes.txt")]);
        assert_eq!(diff.sources.len(), 1);
        assert!(
            diff.sources[0].starts_with("revisions/a.yaml changed since the manifest was written"),
            "{:?}",
            diff.sources
        );

        // A second write restores the archive and removes the stray file.
        let summary = write_archive(&out, &archive, &archive.manifest, false).unwrap();
        assert_eq!(summary.removed, vec![Utf8PathBuf::from("sqlite/notes.txt")]);
        assert!(compare(&archive, &read_out_dir(&out).unwrap(), &sources(&g), prefix).is_empty());
    }

    #[test]
    fn sha256sum_checks_the_manifest_from_out() {
        let Ok(status) = std::process::Command::new("sha256sum")
            .arg("--version")
            .output()
        else {
            eprintln!("skipped: sha256sum not available");
            return;
        };
        assert!(status.status.success());
        let g = branchy();
        let archive = archive_of(&g, &["sqlite"]);
        let dir = tempfile::tempdir().unwrap();
        let root = Utf8PathBuf::from_path_buf(dir.path().to_owned()).unwrap();
        for (path, text) in [
            ("revisions/root.yaml", "revision: root\ndown_revision: null\nmessage: first one\nupgrade: []\ndowngrade: []\n"),
            ("revisions/a.yaml", "revision: a\ndown_revision: root\nmessage: feature A\nupgrade: []\ndowngrade: []\n"),
            ("revisions/b.yaml", "revision: b\ndown_revision: root\nmessage: feature B\nupgrade: []\ndowngrade: []\n"),
            ("revisions/m.yaml", "revision: m\ndown_revision: [a, b]\nmessage: \"merge\\nboth\"\nupgrade: []\ndowngrade: []\n"),
        ] {
            std::fs::create_dir_all(root.join("revisions")).unwrap();
            std::fs::write(root.join(path), text).unwrap();
        }
        write_archive(&root.join("out"), &archive, &archive.manifest, false).unwrap();
        let check = std::process::Command::new("sha256sum")
            .args(["-c", "--strict", MANIFEST])
            .current_dir(root.join("out"))
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }

    #[test]
    fn an_archived_script_that_would_change_is_reported_with_its_source() {
        let g = branchy();
        let archive = archive_of(&g, &["sqlite"]);
        let revisions: Vec<&Revision> = g.revisions.iter().collect();
        let prefix = Utf8Path::new("..");
        let mut old = parse_manifest(&archive.manifest);
        assert!(
            archived_changes(&archive, &old, prefix, &revisions, &sources(&g), false).is_empty()
        );

        let a_script = archive
            .archived
            .iter()
            .find(|(p, r)| *r == "a" && p.as_str().ends_with(".upgrade.sql"))
            .map(|(p, _)| Utf8Path::new("sqlite").join(p))
            .unwrap();
        old.insert(a_script.to_string(), "1".repeat(64));
        old.insert("../revisions/a.yaml".into(), "2".repeat(64));
        old.insert(
            "sqlite/revisions/0099_gone_x.upgrade.sql".into(),
            "3".repeat(64),
        );
        old.insert(
            "mysql/revisions/0001_root_first_one.upgrade.sql".into(),
            "4".repeat(64),
        );
        let changes = archived_changes(&archive, &old, prefix, &revisions, &sources(&g), false);
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert_eq!(changes[0].path, a_script);
        assert!(
            changes[0]
                .reason
                .contains("its source revisions/a.yaml changed"),
            "{}",
            changes[0].reason
        );
        assert!(changes[1].reason.starts_with("would be removed"));
        // A full compile also owns the dialects it no longer builds.
        let changes = archived_changes(&archive, &old, prefix, &revisions, &sources(&g), true);
        assert_eq!(changes.len(), 3, "{changes:?}");
    }

    #[test]
    fn a_partial_compile_keeps_the_other_dialects_manifest_lines() {
        let g = branchy();
        let both = archive_of(&g, &["mysql", "sqlite"]);
        let sqlite_only = archive_of(&g, &["sqlite"]);
        let merged = merge_manifest(
            &sqlite_only.manifest,
            &parse_manifest(&both.manifest),
            &["sqlite".to_owned()],
        );
        assert_eq!(merged, both.manifest);
    }
}
