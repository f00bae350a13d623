//! `retort import`: Alembic revision files (Python) → retort revisions (YAML),
//! read with a Python parser and never run.
//!
//! A file per concern: [`python`] parses and locates, [`eval`] evaluates the
//! constant expressions a revision file uses, [`sa`] converts SQLAlchemy
//! types, columns and constraints, [`ops`] converts `op.*` calls,
//! [`revision`] a whole file, [`write`] writes the YAML, [`summary`] says
//! what was converted and what needs a person.
//!
//! What cannot be converted exactly is never dropped: it becomes an
//! `unconverted:` item naming the Python file and line, which the loader
//! refuses until a person replaces it.

pub mod dialect_options;
pub mod eval;
pub mod existing;
pub mod ops;
pub mod python;
pub mod revision;
pub mod sa;
pub mod summary;
pub mod write;

use camino::{Utf8Path, Utf8PathBuf};
pub use python::PythonError;
pub use summary::Summary;

/// Why nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Python files that are not Alembic revisions, or not Python.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Python(Vec<PythonError>),
    /// Revision files that exist already (without `--force`).
    #[error("these revision files exist already (import again with --force to overwrite them):\n{}", .0.join("\n"))]
    Exists(Vec<String>),
    /// Two files with one revision id.
    #[error("revision `{id}` is in both {first} and {second}")]
    Duplicate {
        /// The id.
        id: String,
        /// One file.
        first: String,
        /// The other.
        second: String,
    },
    /// A file that cannot be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: Utf8PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// The project's retort.yaml is invalid.
    #[error("{0}")]
    Config(String),
}

/// The `.py` files under `versions`, relative to it, sorted; `__init__.py`
/// and caches are not revisions.
fn python_files(versions: &Utf8Path) -> Result<Vec<Utf8PathBuf>, ImportError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(versions).sort_by_file_name() {
        let entry = entry.map_err(|e| ImportError::Io {
            path: versions.to_owned(),
            source: e.into(),
        })?;
        let Some(path) = Utf8Path::from_path(entry.path()) else {
            continue;
        };
        if !entry.file_type().is_file()
            || path.extension() != Some("py")
            || path.file_name() == Some("__init__.py")
            || path.components().any(|c| c.as_str() == "__pycache__")
        {
            continue;
        }
        if let Ok(relative) = path.strip_prefix(versions) {
            files.push(relative.to_owned());
        }
    }
    Ok(files)
}

fn revisions_folder(project: &Utf8Path) -> Result<Utf8PathBuf, ImportError> {
    let config_file = project.join(crate::config::CONFIG_FILE);
    let config = match std::fs::read_to_string(&config_file) {
        Ok(text) => crate::config::Config::parse(&text, &config_file)
            .map_err(|e| ImportError::Config(e.to_string()))?,
        Err(_) => crate::config::Config::default(),
    };
    Ok(config.revisions)
}

/// Imports every revision file of the Alembic `versions` folder into the
/// project at `project`: all files are read and converted first; nothing is
/// written if any is not a revision, or (without `force`) if any target file
/// exists.
pub fn import(
    versions: &Utf8Path,
    project: &Utf8Path,
    force: bool,
) -> Result<Summary, ImportError> {
    let revisions = revisions_folder(project)?;
    let mut converted = Vec::new();
    let mut errors = Vec::new();
    for relative in python_files(versions)? {
        let path = versions.join(&relative);
        let text = std::fs::read_to_string(&path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        let file = match python::PythonFile::parse(&path, text) {
            Ok(file) => file,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match revision::import_file(&file) {
            Ok(imported) => converted.push((relative, imported)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Python(errors));
    }
    let mut seen = std::collections::HashMap::new();
    for (relative, imported) in &converted {
        if let Some(first) = seen.insert(imported.revision.clone(), relative.clone()) {
            return Err(ImportError::Duplicate {
                id: imported.revision.clone(),
                first: versions.join(first).to_string(),
                second: versions.join(relative).to_string(),
            });
        }
    }
    let (relatives, mut converted): (Vec<Utf8PathBuf>, Vec<revision::Imported>) =
        converted.into_iter().unzip();
    existing::drop_agreeing_claims(&mut converted);
    let targets: Vec<Utf8PathBuf> = relatives
        .iter()
        .map(|relative| revisions.join(relative.with_extension("yaml")))
        .collect();
    if !force {
        let existing: Vec<String> = targets
            .iter()
            .filter(|t| project.join(t).exists())
            .map(|t| project.join(t).to_string())
            .collect();
        if !existing.is_empty() {
            return Err(ImportError::Exists(existing));
        }
    }
    let mut summary = Summary::default();
    for ((relative, imported), target) in relatives.iter().zip(&converted).zip(&targets) {
        let python_file = versions.join(relative).to_string();
        let text = write::revision_text(imported, &python_file);
        let path = project.join(target);
        write::write_new(&path, &text, force).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        let mut exact = true;
        for item in imported.placeholders() {
            if let ops::Item::Placeholder { line, why, .. } = item {
                exact = false;
                summary.add(
                    why.kind,
                    summary::Need {
                        file: python_file.clone(),
                        line: *line,
                        reason: why.reason.clone(),
                        yaml: target.to_string(),
                    },
                );
            }
        }
        summary.exact += usize::from(exact);
        summary.written.push(target.to_string());
    }
    Ok(summary)
}
