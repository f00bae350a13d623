//! A diagnostic as a reader sees it: the `error: file:line:column: message`
//! line scripts grep for, then the offending source line with a marker under
//! the column, in rustc's layout (annotate-snippets, the crate rustc and cargo
//! render their own errors with).

use super::Diagnostic;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// `diagnostic` rendered for standard error; `source` is the text of its
/// file, when it could be read. `styled`: with ANSI colours (which
/// `anstream` strips again when standard error is not a terminal or
/// `NO_COLOR` is set).
pub fn render(diagnostic: &Diagnostic, source: Option<&str>, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let title = diagnostic.to_string();
    let line = diagnostic.location.line;
    let source_line = source
        .filter(|_| line > 0)
        .and_then(|text| text.lines().nth(line - 1));
    let report = match source_line {
        Some(text) => {
            let span = marked_span(text, diagnostic.location.column);
            vec![Level::ERROR.primary_title(title).element(
                Snippet::source(text)
                    .line_start(line)
                    .annotation(AnnotationKind::Primary.span(span)),
            )]
        }
        None => vec![Group::with_title(Level::ERROR.primary_title(title))],
    };
    renderer.render(&report)
}

/// The byte range the marker goes under: the token starting at the 1-based
/// character `column` of `line` (to the next space or YAML punctuation), at
/// least one character wide; the end of the line when the column is past it.
fn marked_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let token = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '[' | ']' | '{' | '}'))
        .unwrap_or(rest.len());
    let width = match token {
        0 => rest.chars().next().map_or(0, char::len_utf8),
        n => n,
    };
    start..start + width
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::Location;

    fn diagnostic(line: usize, column: usize) -> Diagnostic {
        Diagnostic::new(
            Location::new("revisions/a.yaml", line, column),
            "unknown field `mesage`",
        )
    }

    #[test]
    fn marks_the_token_at_the_column_under_its_line() {
        let source = "revision: a1\ndown_revision: null\nmesage: first\n";
        let text = render(&diagnostic(3, 1), Some(source), false);
        let expected = "\
error: revisions/a.yaml:3:1: unknown field `mesage`
  |
3 | mesage: first
  | ^^^^^^";
        assert_eq!(text, expected);
    }

    #[test]
    fn counts_the_column_in_characters() {
        let source = "message: \"é\", x: [bad]\n";
        let text = render(&diagnostic(1, 19), Some(source), false);
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines[2].chars().position(|c| c == '[');
        let marker = lines[3].chars().position(|c| c == '^');
        assert_eq!(marker, shown.map(|i| i + 1), "{text}");
        assert!(lines[3].ends_with("^^^"), "{text}");
    }

    #[test]
    fn without_the_source_only_the_first_line() {
        let text = render(&diagnostic(3, 1), None, false);
        assert_eq!(text, "error: revisions/a.yaml:3:1: unknown field `mesage`");
        let past_the_end = render(&diagnostic(9, 1), Some("one line\n"), false);
        assert_eq!(past_the_end, text.replace(":3:", ":9:"));
    }

    #[test]
    fn styled_output_has_colours() {
        let text = render(&diagnostic(1, 1), Some("mesage: x\n"), true);
        assert!(text.contains("\u{1b}["), "{text:?}");
    }
}
