//! Scripts staged before anything is put in place: each written to a
//! temporary file beside its place as soon as it is rendered (a dialect
//! folder that was not there, into a temporary folder beside it), so that
//! only checksums stay in memory and a failed compile leaves `out/` as it
//! was.

use super::build::{each_script, CompileInput};
use super::commit::files_under;
use super::header::HeaderFacts;
use super::jobs::ScriptJob;
use super::manifest::manifest_text;
use super::{Archived, CompileErrors, Compiled};
use camino::{Utf8Path, Utf8PathBuf};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

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
    pub(super) created_folders: Vec<Utf8PathBuf>,
    /// Dialect folders that were not there: written whole into a temporary
    /// folder beside their place, which is renamed into place at once.
    pub(super) new_folders: Vec<NewFolder>,
}

/// A dialect folder written whole into a temporary folder.
#[derive(Debug)]
pub(super) struct NewFolder {
    pub(super) staging: tempfile::TempDir,
    pub(super) target: Utf8PathBuf,
    /// The dialect, the folder's name in `out/`.
    pub(super) dialect: String,
}

/// A staged script: its checksum, and where its new text waits.
#[derive(Debug)]
pub struct StagedFile {
    /// Lower-case hex sha256 of the script.
    pub sha256: String,
    /// Whether a file was at the script's place already.
    pub existed: bool,
    pub(super) staging: Staging,
}

/// Where a staged script's text waits.
#[derive(Debug)]
pub(super) enum Staging {
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
    let facts = HeaderFacts::new(sources, notes, input.render.drift_check());
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
pub(super) fn create_folder(
    folder: &Utf8Path,
    created: &mut Vec<Utf8PathBuf>,
) -> std::io::Result<()> {
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
pub(super) fn stage_file(target: &Utf8Path, text: &[&str]) -> std::io::Result<StagedFile> {
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
