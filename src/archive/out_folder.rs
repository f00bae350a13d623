//! Where `compile` may write: `out:` is a folder of its own inside the
//! project, reached through real folders only.

use crate::config::{Config, CONFIG_FILE};
use anyhow::bail;
use camino::{Utf8Path, Utf8PathBuf};

/// `out:` must be a folder of its own inside the project: the manifest names
/// the sources relative to it, and `compile` removes from it whatever it did
/// not write, so it must not hold the revisions or the templates.
pub(super) fn check_out_folder(config: &Config) -> anyhow::Result<()> {
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
pub(super) fn refuse_linked_folders(
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
