//! What `retort import` tells at the end: revisions written, converted
//! exactly, and every statement that needs a person or the schema-model work.

use super::eval::NeedsKind;
use std::collections::BTreeMap;
use std::fmt;

/// One placeholder: where in the Python, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// The Python file.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Why it was not converted.
    pub reason: String,
    /// The YAML file holding the placeholder.
    pub yaml: String,
}

/// The result of an import.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The revision files written, relative to the project.
    pub written: Vec<String>,
    /// How many of them have no placeholder.
    pub exact: usize,
    /// Statements a person must replace.
    pub person: Vec<Need>,
    /// Statements waiting for the schema-model/Alembic-surface work (issues 16/17).
    pub surface: Vec<Need>,
}

impl Summary {
    /// Records a placeholder.
    pub fn add(&mut self, kind: NeedsKind, need: Need) {
        match kind {
            NeedsKind::Person => self.person.push(need),
            NeedsKind::Surface => self.surface.push(need),
        }
    }

    /// The surface work by form (the reason up to its parenthesised detail),
    /// with how many times each occurs.
    pub fn surface_forms(&self) -> BTreeMap<String, usize> {
        let mut forms = BTreeMap::new();
        for need in &self.surface {
            let mut form = need
                .reason
                .split(" (")
                .next()
                .unwrap_or(&need.reason)
                .to_owned();
            // One form per type name: `postgresql.ENUM(...)`, whatever its values.
            if let Some(spelling) = form.strip_prefix("type spelling `") {
                if let Some((name, _)) = spelling.split_once('(') {
                    form = format!("type spelling `{name}(...)`");
                }
            }
            *forms.entry(form).or_insert(0) += 1;
        }
        forms
    }

    fn revisions_with(needs: &[Need]) -> usize {
        let mut files: Vec<&str> = needs.iter().map(|n| n.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} revisions written, {} converted exactly.",
            self.written.len(),
            self.exact
        )?;
        if !self.person.is_empty() {
            writeln!(
                f,
                "{} statements in {} revisions need a person (replace each `unconverted:` item):",
                self.person.len(),
                Self::revisions_with(&self.person)
            )?;
            for n in &self.person {
                writeln!(f, "  {}:{}: {} [{}]", n.file, n.line, n.reason, n.yaml)?;
            }
        }
        if !self.surface.is_empty() {
            writeln!(
                f,
                "{} statements in {} revisions need the schema-model/Alembic-surface work:",
                self.surface.len(),
                Self::revisions_with(&self.surface)
            )?;
            for n in &self.surface {
                writeln!(f, "  {}:{}: {} [{}]", n.file, n.line, n.reason, n.yaml)?;
            }
            writeln!(f, "by form:")?;
            for (form, count) in self.surface_forms() {
                writeln!(f, "  {count:>4} × {form}")?;
            }
        }
        if !self.person.is_empty() || !self.surface.is_empty() {
            writeln!(
                f,
                "`retort check` and `retort compile` refuse the project until every placeholder is replaced."
            )?;
        }
        Ok(())
    }
}
