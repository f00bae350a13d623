//! Source positions: where a revision, an op or a value starts in its file.

use camino::Utf8PathBuf;
use serde::Serialize;
use std::fmt;

/// A place in a source file, 1-based, as editors show it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub struct Location {
    /// The file, relative to the project folder (never an absolute machine path).
    pub file: Utf8PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl Location {
    /// A location in `file` at `line`:`column`.
    pub fn new(file: impl Into<Utf8PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}
