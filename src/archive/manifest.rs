//! `MANIFEST.sha256`: `sha256sum` lines for the sources (relative to
//! `out/`) and every script, so that `sha256sum -c` checks an archive
//! without retort.

use super::Source;
use anyhow::Context;
use camino::{Utf8Path, Utf8PathBuf};
use std::collections::BTreeMap;

/// The manifest's file name, in `out/`.
pub const MANIFEST: &str = "MANIFEST.sha256";

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
pub(super) fn manifest_line(sha: &str, path: &str) -> String {
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

/// The manifest `out/` holds now, parsed (empty when there is none).
pub(super) fn read_manifest(out: &Utf8Path) -> anyhow::Result<BTreeMap<String, String>> {
    let path = out.join(MANIFEST);
    match std::fs::read(&path) {
        Ok(bytes) => Ok(parse_manifest(&String::from_utf8_lossy(&bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read {path}")),
    }
}
