//! SQL from ops: a MiniJinja environment per dialect, and the whole script.
//!
//! Each op renders through the dialect's template of the same name
//! (`create_table.sql`, ...). A template may write several statements: they are
//! separated by `{{ statement_end }}`; every non-blank piece is one statement
//! (see the README's "Templates and dialects"). [`script`] lays statements out
//! as Alembic does and frames the script.

pub mod drift;
mod filters;
pub mod guard;
pub mod script;
pub mod table;

use crate::dialect::{Dialect, DialectFacts};
use crate::location::Location;
use crate::revision::{Op, OpEntry};
use minijinja::{context, Environment, ErrorKind, UndefinedBehavior, Value};
use std::sync::Arc;

pub use script::{render_parts, render_script, OpComments, ScriptOptions, ScriptParts};

/// What templates write between two statements. A control character no
/// revision text can carry (YAML does not allow it unescaped).
pub const STATEMENT_END: &str = "\u{1e}";

/// What the ops template writes after each op: another control character.
const OP_END: &str = "\u{1d}";

/// The dialect's shared macros, given to every op template as `m`.
const MACROS_TEMPLATE: &str = "macros.sql";

/// The template that renders a list of ops in one pass.
const OPS_TEMPLATE: &str = "<retort: ops>";

/// Each op of `entries` through its own template, with `op`, `table` and the
/// dialect's macros as `m` (when it has `macros.sql`), then `op_end`. Op
/// templates may still import `macros.sql` themselves; the built-in ones
/// rely on `m`, because importing it costs more than most ops' rendering.
fn ops_template(has_macros: bool) -> String {
    let import = if has_macros {
        format!("{{% import \"{MACROS_TEMPLATE}\" as m %}}")
    } else {
        String::new()
    };
    format!(
        "{import}{{% for e in entries %}}{{% with op = e.op, table = e.table %}}\
         {{% include e.template %}}{{% endwith %}}{{{{ op_end }}}}{{% endfor %}}"
    )
}

/// An op (or a version-table statement) that could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default())]
pub struct RenderError {
    /// The op's place in its revision file, when an op failed.
    pub location: Option<Location>,
    /// What went wrong, naming the op and the dialect.
    pub message: String,
}

/// A dialect's templates, ready to render ops.
pub struct Renderer {
    env: Environment<'static>,
    facts: Arc<DialectFacts>,
    dialect: Dialect,
    pretty_execute: bool,
}

impl Renderer {
    /// The MiniJinja environment of `dialect`: auto-escape off, undefined
    /// variables are errors, templates from the project's folder first.
    pub fn new(dialect: &Dialect) -> Renderer {
        let facts = Arc::new(dialect.facts.clone());
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        let loader_dialect = dialect.clone();
        env.set_loader(move |name| {
            loader_dialect
                .file(name)
                .map(|found| found.map(|(_, text)| text))
                .map_err(|e| minijinja::Error::new(ErrorKind::TemplateNotFound, e.to_string()))
        });
        env.add_global("statement_end", STATEMENT_END);
        env.add_global("op_end", OP_END);
        env.add_global("dialect", Value::from_serialize(&*facts));
        filters::register(&mut env, &facts);
        let has_macros = matches!(dialect.file(MACROS_TEMPLATE), Ok(Some(_)));
        env.add_template_owned(OPS_TEMPLATE, ops_template(has_macros))
            .expect("the built-in ops template compiles");
        Renderer {
            env,
            facts,
            dialect: dialect.clone(),
            pretty_execute: false,
        }
    }

    /// Lays out the SQL of `execute` ops with sqlformat (`--pretty`); the
    /// only place sqlformat is used, since it only re-indents.
    pub fn with_pretty_execute(mut self, pretty: bool) -> Renderer {
        self.pretty_execute = pretty;
        self
    }

    /// The dialect's facts.
    pub fn facts(&self) -> &DialectFacts {
        &self.facts
    }

    /// The statements of one op, in order (none for an op that does nothing
    /// on this dialect).
    pub fn render_op(&self, entry: &OpEntry) -> Result<Vec<String>, RenderError> {
        let mut statements = self.render_ops(&[entry])?;
        Ok(statements.pop().unwrap_or_default())
    }

    /// The statements of each op of `entries`, in order: what
    /// [`Renderer::render_op`] gives for each, rendered in one pass so that
    /// `macros.sql` is evaluated once for them all rather than once per op.
    pub fn render_ops(&self, entries: &[&OpEntry]) -> Result<Vec<Vec<String>>, RenderError> {
        let contexts = entries
            .iter()
            .map(|entry| self.op_context(entry))
            .collect::<Result<Vec<_>, _>>()?;
        let rendered = self
            .env
            .get_template(OPS_TEMPLATE)
            .and_then(|t| t.render(context! { entries => contexts }));
        match rendered {
            Ok(text) => {
                let pieces: Vec<&str> = text.split(OP_END).collect();
                // The template ends every op with `op_end`: one piece per op
                // and an empty tail.
                Ok(pieces[..entries.len().min(pieces.len())]
                    .iter()
                    .map(|piece| split_statements(piece))
                    .collect())
            }
            // The error does not say which op failed: find it by rendering
            // them one at a time (errors are rare, the cost does not matter).
            Err(error) if entries.len() > 1 => {
                for entry in entries {
                    self.render_ops(&[entry])?;
                }
                Err(self.op_error(entries[0], error))
            }
            Err(error) => Err(self.op_error(entries[0], error)),
        }
    }

    /// What the ops template gets for one op: the op, the table it makes,
    /// and the name of its template.
    fn op_context(&self, entry: &OpEntry) -> Result<Value, RenderError> {
        let laid_out;
        let op = match &entry.op {
            Op::Execute(execute) if self.pretty_execute => {
                laid_out = Op::Execute(pretty(execute));
                &laid_out
            }
            op => op,
        };
        if serde_json::to_string(op)
            .is_ok_and(|json| json.contains("\\u001e") || json.contains("\\u001d"))
        {
            return Err(RenderError {
                location: Some(entry.location.clone()),
                message: format!(
                    "{}: the control characters U+001D and U+001E cannot appear in a revision's values",
                    entry.op.name()
                ),
            });
        }
        Ok(context! {
            template => format!("{}.sql", entry.op.name()),
            op => Value::from_serialize(op),
            table => op_table(&entry.op),
        })
    }

    fn op_error(&self, entry: &OpEntry, error: minijinja::Error) -> RenderError {
        RenderError {
            location: Some(entry.location.clone()),
            message: format!(
                "{} on {}: {}",
                entry.op.name(),
                self.facts.name,
                self.describe(error)
            ),
        }
    }

    /// Renders `template` with `ctx` and splits it into statements.
    pub fn render(&self, template: &str, ctx: Value) -> Result<Vec<String>, String> {
        let text = self
            .env
            .get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|e| self.describe(e))?;
        Ok(split_statements(&text))
    }
}

impl Renderer {
    /// A template error as the user reads it: `fail()`'s message alone,
    /// anything else (a template bug) with the template's name, line and file.
    fn describe(&self, error: minijinja::Error) -> String {
        // An op's template runs inside the ops template's `include`: what
        // went wrong is the innermost error, in the op's template.
        let mut error = &error;
        while let Some(inner) = std::error::Error::source(error)
            .and_then(|cause| cause.downcast_ref::<minijinja::Error>())
        {
            error = inner;
        }
        if let (ErrorKind::InvalidOperation, Some(detail)) = (error.kind(), error.detail()) {
            if let Some(message) = detail.strip_prefix(filters::FAIL_MARK) {
                return message.to_owned();
            }
        }
        let mut text = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            text.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        let file = error
            .name()
            .and_then(|name| self.dialect.file(name).ok().flatten());
        if let Some((path, _)) = file {
            text.push_str(&format!(" [template {path}]"));
        }
        text
    }
}

/// Every non-blank piece between statement ends, surrounding whitespace
/// stripped. Unlike Alembic, tabs are kept: Alembic turns them into spaces
/// (for SQLAlchemy's tab-indented DDL, which the templates do not write), and
/// so changes a tab inside a quoted name or string value.
pub fn split_statements(text: &str) -> Vec<String> {
    text.split(STATEMENT_END)
        .map(|piece| piece.trim().to_owned())
        .filter(|piece| !piece.is_empty())
        .collect()
}

/// How deep `(` and `CASE` may nest in a text `--pretty` lays out. sqlformat
/// indents every line by its depth, so its output grows with length ×
/// depth: 64 KB of `(SELECT ` took 15 s and 2.5 GB. A deeper text is
/// written as it is.
const MAX_PRETTY_DEPTH: usize = 32;

/// The longest text `--pretty` lays out, in bytes. sqlformat's tokenizer is
/// quadratic on some texts (240 KB of `$$ ` took 0.4 s per text, so a
/// revision file of some megabytes would take hours). A longer text is
/// written as it is.
const MAX_PRETTY_LEN: usize = 64 * 1024;

/// `execute` with each SQL text laid out by sqlformat (unless it is longer
/// than [`MAX_PRETTY_LEN`] or nests deeper than [`MAX_PRETTY_DEPTH`]).
fn pretty(execute: &crate::revision::Execute) -> crate::revision::Execute {
    let format = |sql: &String| {
        if sql.len() > MAX_PRETTY_LEN || nesting_depth(sql) > MAX_PRETTY_DEPTH {
            return sql.clone();
        }
        sqlformat::format(
            sql,
            &sqlformat::QueryParams::None,
            &sqlformat::FormatOptions::default(),
        )
    };
    let mut pretty = execute.clone();
    for text in pretty.sql.values_mut() {
        *text = format(text);
    }
    pretty
}

/// The deepest nesting of `(` and `CASE` in `sql`, counted as sqlformat
/// indents (quotes are not skipped: a parenthesis in a string counts, which
/// can only leave a text unformatted).
fn nesting_depth(sql: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let words = sql.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '(' || c == ')'));
    for word in words {
        for piece in word.split_inclusive(['(', ')']) {
            let (name, bracket) = match piece.char_indices().last() {
                Some((at, c @ ('(' | ')'))) => (&piece[..at], Some(c)),
                _ => (piece, None),
            };
            if name.eq_ignore_ascii_case("case") {
                depth += 1;
            } else if name.eq_ignore_ascii_case("end") {
                depth = depth.saturating_sub(1);
            }
            match bracket {
                Some('(') => depth += 1,
                Some(_) => depth = depth.saturating_sub(1),
                None => {}
            }
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The table an op creates or extends, as SQLAlchemy assembles it.
fn op_table(op: &Op) -> Option<table::TableView> {
    match op {
        Op::CreateTable(t) => Some(table::table_view(
            &t.name,
            t.schema.as_ref(),
            &t.columns,
            &t.constraints,
            &t.indexes,
            t.comment.as_ref(),
        )),
        Op::AddColumn(a) => Some(table::table_view(
            &a.table,
            a.schema.as_ref(),
            std::slice::from_ref(&a.column),
            &[],
            &[],
            None,
        )),
        // The renamed object alone, for dialects that create it again.
        Op::RenameConstraint(r) => r.renamed.as_ref().map(|renamed| {
            table::table_view(
                &r.table,
                r.schema.as_ref(),
                &[],
                std::slice::from_ref(renamed),
                &[],
                None,
            )
        }),
        Op::RenameIndex(r) => match (&r.table, &r.renamed) {
            (Some(table), Some(renamed)) => Some(table::table_view(
                table,
                r.schema.as_ref(),
                &[],
                &[],
                std::slice::from_ref(renamed),
                None,
            )),
            _ => None,
        },
        Op::RebuildTable(r) => Some(table::table_view(
            &r.create.name,
            r.create.schema.as_ref(),
            &r.create.columns,
            &r.create.constraints,
            &r.create.indexes,
            r.create.comment.as_ref(),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_strips_statements() {
        let text = format!("\n  A\tB ;\n{STATEMENT_END}\n\n{STATEMENT_END} C\n");
        assert_eq!(split_statements(&text), vec!["A\tB ;", "C"]);
        assert!(split_statements("  \n").is_empty());
    }

    #[test]
    fn nesting_depth_counts_brackets_and_case() {
        assert_eq!(nesting_depth("SELECT 1"), 0);
        assert_eq!(nesting_depth("SELECT f(g(x)), (1)"), 2);
        assert_eq!(
            nesting_depth("SELECT CASE WHEN (a) THEN 1 END, case x end"),
            2
        );
        assert_eq!(nesting_depth("SELECT endpoint, cases(1) FROM t"), 1);
        assert_eq!(nesting_depth("))) ((("), 3);
    }

    #[test]
    fn pretty_leaves_deep_or_long_sql_as_written() {
        let execute = |sql: String| crate::revision::Execute {
            sql: crate::per_dialect::PerDialect::everywhere(sql),
            reverse: None,
            effect: Vec::new(),
        };
        let shallow = pretty(&execute("SELECT a, b FROM t WHERE (x)".into()));
        assert_ne!(
            shallow.sql.fallback().map(String::as_str),
            Some("SELECT a, b FROM t WHERE (x)")
        );
        // once took 15 s and 2.5 GB at 8,000 levels: sqlformat indents each line by its depth
        let deep = "(SELECT ".repeat(MAX_PRETTY_DEPTH + 1);
        assert_eq!(pretty(&execute(deep.clone())).sql.fallback(), Some(&deep));
        // sqlformat's tokenizer is quadratic on some texts: long ones stay as written
        let statement = "SELECT a FROM t; ";
        let long = statement.repeat(MAX_PRETTY_LEN / statement.len() + 1);
        assert_ne!(
            pretty(&execute(statement.into()))
                .sql
                .fallback()
                .map(String::as_str),
            Some(statement)
        );
        assert_eq!(pretty(&execute(long.clone())).sql.fallback(), Some(&long));
    }
}

#[cfg(test)]
mod op_tests;
