//! The YAML revision file of an imported revision, and writing it atomically.

use super::ops::Item;
use super::revision::{DownRevision, Imported};
use super::sa::{map, string_list};
use camino::Utf8Path;
use serde_yaml::Value;

/// The placeholder op key: a statement a person must replace. The loader
/// refuses it (`retort check`, `compile`), naming this file and the Python's.
pub const PLACEHOLDER_KEY: &str = "unconverted";

fn items(python_file: &str, items: &[Item]) -> Value {
    Value::Sequence(
        items
            .iter()
            .map(|item| match item {
                Item::Op(op) => op.clone(),
                Item::Placeholder { line, source, why } => map([(
                    PLACEHOLDER_KEY,
                    map([
                        ("needs", Value::String(why.kind.as_str().into())),
                        ("reason", Value::String(why.reason.clone())),
                        (
                            "python",
                            map([
                                ("file", Value::String(python_file.into())),
                                ("line", Value::Number((*line as u64).into())),
                                ("source", Value::String(source.clone())),
                            ]),
                        ),
                    ]),
                )]),
            })
            .collect(),
    )
}

/// The text of the revision file for `imported`, read from `python_file`.
pub fn revision_text(imported: &Imported, python_file: &str) -> String {
    let mut pairs = vec![
        ("revision", Value::String(imported.revision.clone())),
        (
            "down_revision",
            match &imported.down_revision {
                DownRevision::None => Value::Null,
                DownRevision::One(id) => Value::String(id.clone()),
                DownRevision::Many(ids) => string_list(ids),
            },
        ),
    ];
    if !imported.branch_labels.is_empty() {
        pairs.push(("branch_labels", string_list(&imported.branch_labels)));
    }
    if !imported.depends_on.is_empty() {
        pairs.push(("depends_on", string_list(&imported.depends_on)));
    }
    pairs.push(("message", Value::String(imported.message.clone())));
    if let Some(date) = &imported.create_date {
        pairs.push(("create_date", Value::String(date.clone())));
    }
    pairs.push(("upgrade", items(python_file, &imported.upgrade)));
    if let Some(downgrade) = &imported.downgrade {
        pairs.push(("downgrade", items(python_file, downgrade)));
    }
    let body = serde_yaml::to_string(&map(pairs)).unwrap_or_default();
    let note = if imported.downgrade.is_none() {
        "\n# The Python downgrade() was absent, `pass` or a `raise`: retort derives it."
    } else {
        ""
    };
    format!("# Imported by `retort import` from {python_file}.{note}\n{body}")
}

/// Writes `text` to `path` atomically: a temporary file in the same folder,
/// flushed, then renamed into place; with `force` false, an existing file is
/// left alone and is an error.
pub fn write_new(path: &Utf8Path, text: &str, force: bool) -> std::io::Result<()> {
    use std::io::Write;
    let folder = path.parent().unwrap_or(Utf8Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".retort-import-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    if force {
        temp.persist(path).map_err(|e| e.error)?;
    } else {
        // persist_noclobber: the rename fails if the file appeared meanwhile.
        temp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}
