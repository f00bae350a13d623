//! Several diagnostics written out together, each with its source line.

use super::render::render;
use super::summary::summarise;
use super::Diagnostic;
use camino::{Utf8Path, Utf8PathBuf};
use std::collections::HashMap;
use std::fmt::Write as _;

/// `diagnostics` rendered one after the other (see [`render`]), a blank line
/// between two, reading each file once from the project folder `root`; many
/// of one kind are summarised ([`summarise`]): a count of those left out and
/// the total close the report. Ends with a newline.
pub fn report(diagnostics: &[Diagnostic], root: &Utf8Path, styled: bool) -> String {
    let summary = summarise(diagnostics);
    let mut out = shown(&summary.shown, root, styled);
    if summary.left_out.is_empty() {
        return out;
    }
    out.push('\n');
    for kind in &summary.left_out {
        let _ = writeln!(
            out,
            "note: {} more error(s) like this, the first in {}: {}",
            kind.count, kind.first, kind.message
        );
    }
    let _ = writeln!(
        out,
        "error: {} errors in all, {} shown",
        summary.total,
        summary.shown.len()
    );
    out
}

/// The diagnostics shown in full.
fn shown(diagnostics: &[&Diagnostic], root: &Utf8Path, styled: bool) -> String {
    let mut sources = Sources::new(root);
    let mut out = String::new();
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let source = sources.text(&diagnostic.location.file);
        out.push_str(&render(diagnostic, source, styled));
        out.push('\n');
    }
    out
}

/// The texts of the files the diagnostics are about, read when first asked for.
struct Sources<'r> {
    root: &'r Utf8Path,
    texts: HashMap<Utf8PathBuf, Option<String>>,
}

impl<'r> Sources<'r> {
    fn new(root: &'r Utf8Path) -> Self {
        Sources {
            root,
            texts: HashMap::new(),
        }
    }

    /// The file's text; `None` when it cannot be read (a folder, a file gone
    /// since), and the diagnostic is shown without its source line.
    fn text(&mut self, file: &Utf8Path) -> Option<&str> {
        let root = self.root;
        self.texts
            .entry(file.to_owned())
            .or_insert_with(|| std::fs::read_to_string(root.join(file)).ok())
            .as_deref()
    }
}
