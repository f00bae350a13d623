//! Several diagnostics written out together, each with its source line.

use super::render::render;
use super::Diagnostic;
use camino::{Utf8Path, Utf8PathBuf};
use std::collections::HashMap;

/// `diagnostics` rendered one after the other (see [`render`]), a blank line
/// between two, reading each file once from the project folder `root`; ends
/// with a newline.
pub fn report(diagnostics: &[Diagnostic], root: &Utf8Path, styled: bool) -> String {
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
