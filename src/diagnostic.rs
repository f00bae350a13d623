//! User-facing errors: each names the file, line and column it is about.

pub mod render;
pub mod report;
pub mod summary;

use crate::location::Location;
use camino::Utf8Path;
use std::fmt;

/// An error in a user's file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl Diagnostic {
    /// An error at `location`.
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            message: message.into(),
        }
    }

    /// Converts a `serde_yaml` error in `file`, keeping its position and
    /// adding a "did you mean" to unknown-key and unknown-variant messages.
    pub fn from_yaml(file: &Utf8Path, error: &serde_yaml::Error) -> Self {
        let (line, column) = error.location().map_or((1, 1), |l| (l.line(), l.column()));
        Diagnostic {
            location: Location::new(file, line, column),
            message: improve_serde_message(&error.to_string()),
        }
    }

    /// Converts an error of a revision file's deserialization
    /// ([`crate::load::yaml`]), keeping its position and key path.
    pub fn from_yaml_events(file: &Utf8Path, error: &crate::load::yaml::Error) -> Self {
        let (line, column) = error.position().unwrap_or((1, 1));
        Diagnostic {
            location: Location::new(file, line, column),
            message: improve_serde_message(&error.message()),
        }
    }
}

/// Several errors, reported together (for example one per broken file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(error: Diagnostic) -> Self {
        Diagnostics(vec![error])
    }
}

/// Strips serde_yaml's " at line N column M" (the location is printed in
/// front instead) and adds a suggestion to "unknown field/variant" messages.
fn improve_serde_message(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => &message[..i],
        _ => message,
    };
    let mut improved = message.to_owned();
    for kind in ["unknown field `", "unknown variant `"] {
        let Some(start) = message.find(kind) else {
            continue;
        };
        let after = &message[start + kind.len()..];
        let Some(end) = after.find('`') else { continue };
        let word = &after[..end];
        let expected: Vec<&str> = after[end + 1..].split('`').skip(1).step_by(2).collect();
        let hint = crate::suggest::did_you_mean(word, expected.iter().copied());
        if !hint.is_empty() {
            let insert_at = start + kind.len() + end + 1;
            improved = format!("{}{}{}", &message[..insert_at], hint, &message[insert_at..]);
        }
    }
    improved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let text = improve_serde_message(
            "upgrade[0].create_table: unknown field `colums`, expected one of `name`, `columns` at line 4 column 7",
        );
        assert_eq!(
            text,
            "upgrade[0].create_table: unknown field `colums` (did you mean `columns`?), expected one of `name`, `columns`"
        );
    }
}
