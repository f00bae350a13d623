//! Reading an Alembic revision file: Ruff's Python parser, and the byte
//! offset → line and column arithmetic every message needs.

use camino::{Utf8Path, Utf8PathBuf};
use ruff_python_ast::{Expr, ModModule, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// A Python file that could not be read as an Alembic revision: where, and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct PythonError {
    /// The Python file.
    pub file: Utf8PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// A parsed Python file with its text, for positions and source excerpts.
#[derive(Debug)]
pub struct PythonFile {
    /// The file, as named to the user.
    pub path: Utf8PathBuf,
    /// Its text.
    pub text: String,
    /// Its statements.
    pub module: ModModule,
    line_starts: Vec<usize>,
}

impl PythonFile {
    /// Parses `text` (read from `path`); a syntax error names file, line and column.
    pub fn parse(path: &Utf8Path, text: String) -> Result<PythonFile, PythonError> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let parsed = ruff_python_parser::parse_module(&text);
        let (module, error) = match parsed {
            Ok(parsed) => (Some(parsed.into_syntax()), None),
            Err(error) => (None, Some(error)),
        };
        let locate = PythonFile {
            path: path.to_owned(),
            text: String::new(),
            module: ModModule {
                node_index: Default::default(),
                range: TextRange::default(),
                body: Default::default(),
            },
            line_starts,
        };
        match (module, error) {
            (Some(module), _) => Ok(PythonFile {
                text,
                module,
                ..locate
            }),
            (None, Some(error)) => {
                let file = PythonFile { text, ..locate };
                Err(file.error_at(
                    error.location.start().to_usize(),
                    format!("not valid Python: {}", error.error),
                ))
            }
            (None, None) => Err(locate.error_at(0, "not valid Python")),
        }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |before| before.chars().count() + 1);
        (line.max(1), column)
    }

    /// The 1-based line of a node.
    pub fn line_of(&self, node: &impl Ranged) -> usize {
        self.position(node.range().start().to_usize()).0
    }

    /// An error at byte `offset`.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> PythonError {
        let (line, column) = self.position(offset);
        PythonError {
            file: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    /// An error at a node.
    pub fn error(&self, node: &impl Ranged, message: impl Into<String>) -> PythonError {
        self.error_at(node.range().start().to_usize(), message)
    }

    /// The source text of a range.
    pub fn source(&self, range: TextRange) -> &str {
        self.text
            .get(range.start().to_usize()..range.end().to_usize())
            .unwrap_or_default()
    }

    /// The module's docstring, if its first statement is a string.
    pub fn docstring(&self) -> Option<String> {
        docstring_of(&self.module.body)
    }
}

/// The docstring of a body of statements: its first statement, when a string.
pub fn docstring_of(body: &[Stmt]) -> Option<String> {
    match body.first() {
        Some(Stmt::Expr(expr)) => match expr.value.as_ref() {
            Expr::StringLiteral(s) => Some(s.value.to_str().to_owned()),
            _ => None,
        },
        _ => None,
    }
}

/// Alembic's message of a revision: the docstring stripped, up to its first
/// blank line (`Script.doc`: `re.split("\n\n", longdoc)[0]`).
pub fn alembic_message(docstring: &str) -> String {
    let long = docstring.trim();
    long.split("\n\n").next().unwrap_or_default().to_owned()
}

/// The `Create Date:` line of the docstring Alembic's template writes.
pub fn create_date(docstring: &str) -> Option<String> {
    docstring.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Create Date:")
            .map(|date| date.trim().to_owned())
            .filter(|date| !date.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_names_line_and_column() {
        let error = PythonFile::parse(Utf8Path::new("v/x.py"), "a = 1\nb = (\n".into())
            .expect_err("an error");
        assert_eq!(error.file, "v/x.py");
        assert_eq!(error.line, 3, "{error}");
        assert!(error.message.starts_with("not valid Python"), "{error}");
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let file =
            PythonFile::parse(Utf8Path::new("x.py"), "a = 1\nbé = 'x'\n".into()).expect("parses");
        assert_eq!(file.position(0), (1, 1));
        assert_eq!(file.position(6), (2, 1));
        assert_eq!(file.position(10), (2, 4));
    }

    #[test]
    fn the_message_is_the_first_paragraph() {
        let doc = "add x\n\nRevision ID: abc\nCreate Date: 2020-01-02 03:04:05.000001\n\n";
        assert_eq!(alembic_message(doc), "add x");
        assert_eq!(
            create_date(doc).as_deref(),
            Some("2020-01-02 03:04:05.000001")
        );
        assert_eq!(
            alembic_message("\nline one\nline two\n"),
            "line one\nline two"
        );
    }
}
