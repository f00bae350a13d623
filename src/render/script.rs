//! A whole script, laid out as Alembic's `--sql` mode writes it: transaction
//! framing, the version table, a `-- Running ...` comment per step, the step's
//! ops, then its version-table statements.
//!
//! An op the dialect cannot run inside a transaction block (its
//! `outside_transaction` facts) is written between a `COMMIT` and a new
//! `BEGIN`, as Alembic's `autocommit_block()` writes it offline.

use super::{RenderError, Renderer};
use crate::dialect::DialectFacts;
use crate::location::Location;
use crate::plan::{Plan, ScriptKind, Step, VersionChange};
use crate::revision::OpEntry;
use minijinja::context;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Script settings from `retort.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptOptions {
    /// Name of the version table.
    pub version_table: String,
    /// Schema of the version table.
    pub version_table_schema: Option<String>,
    /// One transaction per step instead of one for the script.
    pub transaction_per_migration: bool,
    /// Precede each step with the dialect's `guard.sql` (SPEC §6 "Guards").
    pub guard: bool,
    /// Comment lines above ops (the review notes of compiled scripts); none
    /// by default, so that `upgrade`/`downgrade` print what Alembic prints.
    pub op_comments: OpComments,
}

/// Comment lines written just above the statements of an op (review notes,
/// [`crate::review::format::op_comments`]), keyed by the op's revision and its
/// place in the revision file, so that every op the schema model makes of it
/// (an automatic downgrade's inverse) finds them; the lines go above the
/// first such op only. Lines whose op the script does not show on its own
/// (merged into a SQLite rebuild) head the revision's step instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpComments {
    /// Lines per (revision id, the op's location), each a whole `--` comment.
    pub lines: BTreeMap<(String, Location), Vec<String>>,
}

impl OpComments {
    /// The lines above the op at `location` of revision `revision`.
    fn above(&self, revision: &str, location: &Location) -> Option<&Vec<String>> {
        self.lines.get(&(revision.to_owned(), location.clone()))
    }

    /// The lines of `revision` whose op is not among `shown`, in order.
    fn unplaced<'a>(&'a self, revision: &str, shown: &[OpEntry]) -> Vec<&'a String> {
        // From the revision's first key on, not a scan of every revision's
        // lines per step (quadratic over a compile).
        self.lines
            .range((revision.to_owned(), Location::default())..)
            .take_while(|((id, _), _)| id == revision)
            .filter(|((_, location), _)| !shown.iter().any(|e| &e.location == location))
            .flat_map(|(_, lines)| lines)
            .collect()
    }
}

impl ScriptOptions {
    /// The options of a project's settings.
    pub fn from_config(config: &crate::config::Config) -> ScriptOptions {
        ScriptOptions {
            version_table: config.version_table.clone(),
            version_table_schema: config.version_table_schema.clone(),
            transaction_per_migration: config.transaction_per_migration,
            guard: false,
            op_comments: OpComments::default(),
        }
    }
}

impl Default for ScriptOptions {
    fn default() -> Self {
        ScriptOptions::from_config(&crate::config::Config::default())
    }
}

/// A script cut at its steps: the framing before and after them, and each
/// step's text (its `-- Running` comment, guard, ops and version-table
/// statements, within its own transaction with `transaction_per_migration`).
///
/// `begin`, every step, `end` is the script; `begin`, step `i`, `end` is
/// what the one-step plan cut from it at `i` (same rows before, the version
/// table created by step 0) renders to, which is how `compile` writes the
/// per-revision scripts without rendering every revision twice.
///
/// With drift checks (`drift_check` in `retort.yaml`), the whole script
/// checks the schema of its end after its last step (`end_check`), and the
/// script of step `i` checks the schema of its start after the step's guard
/// (`start_checks[i]`, at `check_at[i]` in the step's text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScriptParts {
    /// The script's opening transaction, if any.
    pub begin: String,
    /// Each step's text, in plan order.
    pub steps: Vec<String>,
    /// The script's closing commit, if any.
    pub end: String,
    /// Where in each step's text its start check goes: after its guard,
    /// before its first op.
    pub check_at: Vec<usize>,
    /// The drift check of the schema each step starts from, laid out; empty
    /// without drift checks.
    pub start_checks: Vec<String>,
    /// The drift check of the schema after the last step, laid out; empty
    /// without drift checks.
    pub end_check: String,
}

impl ScriptParts {
    /// The whole script.
    pub fn whole(&self) -> String {
        self.whole_pieces().concat()
    }

    /// The whole script in pieces, in order, for a caller that writes them
    /// out without joining them: every step, then the end check.
    pub fn whole_pieces(&self) -> Vec<&str> {
        let mut pieces = Vec::with_capacity(self.steps.len() + 3);
        pieces.push(self.begin.as_str());
        pieces.extend(self.steps.iter().map(String::as_str));
        pieces.push(self.end_check.as_str());
        pieces.push(self.end.as_str());
        pieces
    }

    /// The script of step `index` alone in pieces: its start check after
    /// its guard.
    pub fn step_pieces(&self, index: usize) -> Vec<&str> {
        let step = self.steps[index].as_str();
        let at = self
            .check_at
            .get(index)
            .copied()
            .unwrap_or(0)
            .min(step.len());
        let check = self.start_checks.get(index).map_or("", String::as_str);
        let (before, after) = step.split_at(at);
        vec![self.begin.as_str(), before, check, after, self.end.as_str()]
    }
}

/// The script of `plan` whose steps run `ops` (one list per step, as the
/// schema model gives them: [`crate::project::step_ops`]).
pub fn render_script(
    plan: &Plan,
    ops: &[Vec<OpEntry>],
    renderer: &Renderer,
    options: &ScriptOptions,
) -> Result<String, RenderError> {
    Ok(render_parts(plan, ops, renderer, options)?.whole())
}

/// [`render_script`], cut at its steps. Steps render on every core: each
/// is text of its own, and the parts keep plan order.
pub fn render_parts(
    plan: &Plan,
    ops: &[Vec<OpEntry>],
    renderer: &Renderer,
    options: &ScriptOptions,
) -> Result<ScriptParts, RenderError> {
    let transactional = renderer.facts().transactional_ddl;
    let per_step = transactional && options.transaction_per_migration;
    let mut begin = ScriptWriter::new(renderer.facts());
    let mut end = ScriptWriter::new(renderer.facts());
    // A script that runs nothing needs no session either.
    if !plan.steps.is_empty() {
        for setup in &renderer.facts().session_setup {
            begin.statement(setup);
        }
    }
    if transactional && !per_step {
        begin.begin();
        end.commit();
    }
    let version_table = match &options.version_table_schema {
        Some(schema) => format!("{schema}.{}", options.version_table),
        None => options.version_table.clone(),
    };
    let guards = super::guard::guards(plan, &version_table);
    let count = plan.steps.len().min(ops.len());
    let indexes: Vec<usize> = (0..count).collect();
    // Steps render on every core, a chunk at a time: a chunk's ops render in
    // one pass of the ops template (see `Renderer::render_ops`).
    let chunks: Vec<Result<Vec<(String, usize)>, RenderError>> = indexes
        .par_chunks(STEPS_PER_CHUNK)
        .map(|chunk| {
            let entries: Vec<&OpEntry> = chunk.iter().flat_map(|&i| &ops[i]).collect();
            let mut rendered = renderer.render_ops(&entries)?.into_iter();
            chunk
                .iter()
                .map(|&index| {
                    let statements: Vec<Vec<String>> =
                        rendered.by_ref().take(ops[index].len()).collect();
                    let step = StepInput {
                        index,
                        step: &plan.steps[index],
                        ops: &ops[index],
                        statements,
                        guard: &guards[index],
                    };
                    render_step(plan, step, renderer, options)
                })
                .collect()
        })
        .collect();
    let mut steps = Vec::with_capacity(count);
    let mut check_at = Vec::with_capacity(count);
    for chunk in chunks {
        for (text, at) in chunk? {
            steps.push(text);
            check_at.push(at);
        }
    }
    Ok(ScriptParts {
        begin: begin.finish(),
        steps,
        end: end.finish(),
        check_at,
        ..ScriptParts::default()
    })
}

/// How many steps render in one pass of the ops template.
const STEPS_PER_CHUNK: usize = 64;

/// One step to lay out, with its ops' statements already rendered.
struct StepInput<'a> {
    index: usize,
    step: &'a Step<'a>,
    ops: &'a [OpEntry],
    statements: Vec<Vec<String>>,
    guard: &'a super::guard::GuardContext,
}

/// A step's text: its `-- Running` comment, guard, ops (with their review
/// notes) and version-table statements, in its own transaction with
/// `transaction_per_migration`; and where in it, after the guard, a drift
/// check of the step's start goes.
fn render_step(
    plan: &Plan,
    input: StepInput,
    renderer: &Renderer,
    options: &ScriptOptions,
) -> Result<(String, usize), RenderError> {
    let per_step = renderer.facts().transactional_ddl && options.transaction_per_migration;
    let mut script = ScriptWriter::new(renderer.facts());
    if per_step {
        script.begin();
    }
    if input.index == 0 && plan.creates_version_table {
        let ctx = version_context(options, context! {});
        script.statements(render_version(renderer, "version_table_create.sql", ctx)?);
    }
    script.comment(&running_comment(plan.kind, input.step));
    if options.guard {
        let ctx = version_context(options, minijinja::Value::from_serialize(input.guard));
        script.statements(render_version(renderer, "guard.sql", ctx)?);
    }
    let check_at = script.out.len();
    let revision = input.step.revision.map_or("", |r| r.id.as_str());
    let unplaced = options.op_comments.unplaced(revision, input.ops);
    if !unplaced.is_empty() {
        script.comment_lines(unplaced);
    }
    let mut commented: BTreeSet<&Location> = BTreeSet::new();
    for (entry, statements) in input.ops.iter().zip(input.statements) {
        let lines = options.op_comments.above(revision, &entry.location);
        if let Some(lines) = lines.filter(|_| commented.insert(&entry.location)) {
            script.comments_above(lines);
        }
        let outside = renderer.facts().runs_outside_transaction(&entry.op);
        if outside {
            script.commit();
        }
        script.statements(statements);
        if outside {
            script.begin();
        }
    }
    for change in &input.step.version_changes {
        script.statements(render_version_change(renderer, options, change)?);
    }
    if per_step {
        script.commit();
    }
    Ok((script.finish(), check_at))
}

/// The statements of ops alone, laid out as in a script (no framing); for
/// `schema` output and tests.
pub fn render_ops(renderer: &Renderer, ops: &[OpEntry]) -> Result<String, RenderError> {
    let mut script = ScriptWriter::new(renderer.facts());
    let entries: Vec<&OpEntry> = ops.iter().collect();
    for statements in renderer.render_ops(&entries)? {
        script.statements(statements);
    }
    Ok(script.finish())
}

/// `statements` laid out as in a script (each terminated, then the batch
/// separator if the dialect has one), no framing: the drift check.
pub fn lay_out(facts: &DialectFacts, statements: Vec<String>) -> String {
    let mut script = ScriptWriter::new(facts);
    script.statements(statements);
    script.finish()
}

/// `-- Running upgrade A -> B`: ids joined with `, `, base as the empty string
/// (hence Alembic's double space and trailing space).
fn running_comment(kind: ScriptKind, step: &Step) -> String {
    let verb = match kind {
        ScriptKind::Upgrade => "upgrade",
        ScriptKind::Downgrade => "downgrade",
        ScriptKind::Stamp => "stamp_revision",
    };
    format!(
        "-- Running {verb} {} -> {}",
        step.from.join(", "),
        step.to.join(", ")
    )
}

fn version_context(options: &ScriptOptions, extra: minijinja::Value) -> minijinja::Value {
    context! {
        table => options.version_table,
        schema => options.version_table_schema,
        ..extra
    }
}

fn render_version_change(
    renderer: &Renderer,
    options: &ScriptOptions,
    change: &VersionChange,
) -> Result<Vec<String>, RenderError> {
    let (template, extra) = match change {
        VersionChange::Insert { version } => ("version_insert.sql", context! { version }),
        VersionChange::Update { from, to } => ("version_update.sql", context! { from, to }),
        VersionChange::Delete { version } => ("version_delete.sql", context! { version }),
    };
    render_version(renderer, template, version_context(options, extra))
}

fn render_version(
    renderer: &Renderer,
    template: &str,
    ctx: minijinja::Value,
) -> Result<Vec<String>, RenderError> {
    renderer
        .render(template, ctx)
        .map_err(|message| RenderError {
            location: None,
            message: format!("{template} on {}: {message}", renderer.facts().name),
        })
}

/// Writes statements as Alembic does: each followed by the terminator and a
/// blank line, then the batch separator line and a blank line if the dialect
/// has one; comments followed by a blank line only.
struct ScriptWriter<'a> {
    facts: &'a DialectFacts,
    out: String,
}

impl<'a> ScriptWriter<'a> {
    fn new(facts: &'a DialectFacts) -> Self {
        ScriptWriter {
            facts,
            out: String::new(),
        }
    }

    fn statement(&mut self, sql: &str) {
        self.terminated(sql);
        self.separator();
    }

    fn statements(&mut self, statements: Vec<String>) {
        for sql in statements {
            self.statement(&sql);
        }
    }

    fn terminated(&mut self, sql: &str) {
        self.out.push_str(sql);
        self.out.push_str(&self.facts.statement_terminator);
        self.out.push_str("\n\n");
    }

    fn separator(&mut self) {
        if let Some(separator) = &self.facts.batch_separator {
            self.out.push_str(separator);
            self.out.push_str("\n\n");
        }
    }

    fn comment(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push_str("\n\n");
    }

    /// Comment lines right above the statement that follows (no blank line).
    fn comments_above(&mut self, lines: &[String]) {
        for line in lines {
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    /// Comment lines, one under the other, then a blank line.
    fn comment_lines(&mut self, lines: Vec<&String>) {
        for line in lines {
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn begin(&mut self) {
        if let Some(begin) = &self.facts.begin {
            self.terminated(begin);
            if self.facts.separator_after_begin {
                self.separator();
            }
        }
    }

    fn commit(&mut self) {
        if let Some(commit) = &self.facts.commit {
            self.statement(commit);
        }
    }

    fn finish(self) -> String {
        self.out
    }
}
