//! Many errors of one kind, summarised: a folder of 10,000 revision files
//! that each lack a key is a few examples and a count, not 10,000 reports.

use super::Diagnostic;
use crate::location::Location;

/// How many diagnostics of one kind (one message) are shown in full.
pub const SHOWN_PER_KIND: usize = 3;

/// How many diagnostics are shown in full in all.
pub const SHOWN_AT_MOST: usize = 20;

/// The diagnostics to show, and a count of those left out per kind.
#[derive(Debug)]
pub struct Summary<'d> {
    /// Shown in full, in the order given.
    pub shown: Vec<&'d Diagnostic>,
    /// The kinds with diagnostics left out, in the order first met.
    pub left_out: Vec<LeftOut<'d>>,
    /// How many diagnostics there are in all.
    pub total: usize,
}

/// The diagnostics of one kind that are not shown.
#[derive(Debug, PartialEq, Eq)]
pub struct LeftOut<'d> {
    /// The message they share.
    pub message: &'d str,
    /// How many were left out.
    pub count: usize,
    /// Where the first one left out is.
    pub first: &'d Location,
}

/// Picks what to show of `diagnostics`: at most [`SHOWN_PER_KIND`] of each
/// message and [`SHOWN_AT_MOST`] in all; the rest counted.
pub fn summarise(diagnostics: &[Diagnostic]) -> Summary<'_> {
    let mut shown: Vec<&Diagnostic> = Vec::new();
    let mut shown_of_kind: Vec<(&str, usize)> = Vec::new();
    let mut left_out: Vec<LeftOut> = Vec::new();
    for diagnostic in diagnostics {
        let message = diagnostic.message.as_str();
        let of_kind = match shown_of_kind.iter_mut().find(|(m, _)| *m == message) {
            Some((_, n)) => n,
            None => {
                shown_of_kind.push((message, 0));
                &mut shown_of_kind.last_mut().expect("just pushed").1
            }
        };
        if *of_kind < SHOWN_PER_KIND && shown.len() < SHOWN_AT_MOST {
            *of_kind += 1;
            shown.push(diagnostic);
        } else if let Some(kind) = left_out.iter_mut().find(|k| k.message == message) {
            kind.count += 1;
        } else {
            left_out.push(LeftOut {
                message,
                count: 1,
                first: &diagnostic.location,
            });
        }
    }
    Summary {
        shown,
        left_out,
        total: diagnostics.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, message: &str) -> Diagnostic {
        Diagnostic::new(Location::new(file, 1, 1), message)
    }

    #[test]
    fn shows_a_few_of_each_kind_and_counts_the_rest() {
        let mut all: Vec<Diagnostic> = (0..10)
            .map(|i| at(&format!("r{i}.yaml"), "missing field `upgrade`"))
            .collect();
        all.insert(5, at("odd.yaml", "invalid YAML"));
        let summary = summarise(&all);
        let files: Vec<&str> = summary
            .shown
            .iter()
            .map(|d| d.location.file.as_str())
            .collect();
        assert_eq!(files, ["r0.yaml", "r1.yaml", "r2.yaml", "odd.yaml"]);
        assert_eq!(
            summary.left_out,
            [LeftOut {
                message: "missing field `upgrade`",
                count: 7,
                first: &all[3].location,
            }]
        );
        assert_eq!(summary.total, 11);
    }

    #[test]
    fn shows_at_most_so_many_in_all() {
        let all: Vec<Diagnostic> = (0..100)
            .map(|i| at("r.yaml", &format!("problem {i}")))
            .collect();
        let summary = summarise(&all);
        assert_eq!(summary.shown.len(), SHOWN_AT_MOST);
        let left: usize = summary.left_out.iter().map(|k| k.count).sum();
        assert_eq!(left, 100 - SHOWN_AT_MOST);
    }

    #[test]
    fn few_errors_are_all_shown() {
        let all = [at("a.yaml", "x"), at("b.yaml", "x"), at("c.yaml", "y")];
        let summary = summarise(&all);
        assert_eq!(summary.shown.len(), 3);
        assert!(summary.left_out.is_empty());
    }
}
