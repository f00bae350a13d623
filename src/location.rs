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

impl Location {
    /// A whole file or folder rather than a place in it (a folder that does
    /// not exist, a file that cannot be read); shown as just the path.
    pub fn whole(file: impl Into<Utf8PathBuf>) -> Self {
        Location::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // the whole file or folder (see [`Location::whole`])
            return write!(f, "{}", self.file);
        }
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}
