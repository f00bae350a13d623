//! A staged archive put in place: one flush of the file system, each staged
//! file renamed over its place, what is no longer produced removed, the
//! manifest written last.

use super::manifest::MANIFEST;
use super::staging::{StagedArchive, Staging};
use camino::{Utf8Path, Utf8PathBuf};
use rayon::prelude::*;

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

/// Every file under `out/`, relative to it, `/`-separated, in order.
pub(super) fn files_under(out: &Utf8Path) -> std::io::Result<Vec<Utf8PathBuf>> {
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
