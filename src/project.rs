//! The project, opened once: its settings and its revision graph, and the
//! one place where the stages are wired together.
//!
//! Every command (`cli/`), the archive ([`crate::archive`]) and the fuzz
//! driver ([`crate::fuzz`]) get from a [`Project`] the dialect, its
//! renderer, the review notes and the script of a plan, so that the way
//! from files to SQL (load → plan → schema model → render) is written once:
//! the schema model gives each step its ops ([`step_ops`]), and the
//! renderer, which knows neither the graph nor the schema model, lays them
//! out ([`crate::render::render_parts`]).

use crate::config::Config;
use crate::diagnostic::Diagnostics;
use crate::dialect::{Dialect, DialectError, DialectFacts};
use crate::graph::RevisionGraph;
use crate::plan::Plan;
use crate::render::{RenderError, Renderer, ScriptOptions, ScriptParts};
use crate::review::Note;
use crate::revision::OpEntry;
use crate::schema::SchemaError;
use anyhow::Context;
use camino::{Utf8Path, Utf8PathBuf};
use std::collections::BTreeSet;

/// A loaded project: `retort.yaml` (or the defaults) and the revision graph.
#[derive(Debug)]
pub struct Project {
    /// The project folder.
    root: Utf8PathBuf,
    /// The folder of the project's own dialects, when it is on disk.
    dialect_overrides: Option<Utf8PathBuf>,
    /// `retort.yaml`, or the defaults.
    pub config: Config,
    /// Every revision, linked.
    pub graph: RevisionGraph,
}

/// What a script carries beyond Alembic's output.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScriptStyle<'n> {
    /// Each step first checks the version table (`--guard`, and `compile`).
    pub guard: bool,
    /// These review notes go above the ops they concern (`--notes`, and
    /// `compile`).
    pub notes: Option<&'n [Note]>,
    /// Drift checks: each step's start schema (for the script of that step
    /// alone) and the end schema (for the whole script); `compile` with
    /// `drift_check` in `retort.yaml`.
    pub drift: bool,
}

/// Why a script could not be made: an op the schema model rejects, or one
/// the dialect's templates cannot render.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    /// The schema model rejects an op of the plan.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// A template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
}

impl Project {
    /// Loads the project in `root`; a load error lists every problem, each
    /// with its file, line and column.
    pub fn open(root: &Utf8Path) -> Result<Project, Diagnostics> {
        let (config, graph) = crate::load::load_graph(root)?;
        Ok(Project {
            root: root.to_owned(),
            dialect_overrides: Some(root.join(&config.dialects)),
            config,
            graph,
        })
    }

    /// A project held in memory (the fuzz driver's): only the built-in
    /// dialects.
    pub fn in_memory(config: Config, graph: RevisionGraph) -> Project {
        Project {
            root: Utf8PathBuf::new(),
            dialect_overrides: None,
            config,
            graph,
        }
    }

    /// The project folder.
    pub fn root(&self) -> &Utf8Path {
        &self.root
    }

    /// The dialect `name` (a project folder of `dialects/` first, then the
    /// built-in one), or `dialect:` of `retort.yaml` for none.
    pub fn dialect(&self, name: Option<&str>) -> Result<Dialect, DialectError> {
        let name = name.unwrap_or(&self.config.dialect);
        Dialect::load(name, self.dialect_overrides.as_deref())
    }

    /// [`Project::dialect`]'s renderer.
    pub fn renderer(&self, name: Option<&str>) -> Result<Renderer, DialectError> {
        Ok(Renderer::new(&self.dialect(name)?))
    }

    /// `retort check`'s review notes of every revision (or of those in
    /// `only`) on the `targets` dialects.
    pub fn review_notes(
        &self,
        targets: &[DialectFacts],
        only: Option<&BTreeSet<String>>,
    ) -> Result<Vec<Note>, SchemaError> {
        crate::review::notes(&self.graph.upgrade_order(), targets, only)
    }

    /// The settings of `plan`'s script on `dialect`: `retort.yaml`'s, and
    /// what `style` adds.
    pub fn script_options(&self, plan: &Plan, dialect: &str, style: ScriptStyle) -> ScriptOptions {
        let op_comments = style
            .notes
            .map(|notes| crate::review::format::op_comments(notes, plan, dialect))
            .unwrap_or_default();
        ScriptOptions {
            guard: style.guard,
            op_comments,
            ..ScriptOptions::from_config(&self.config)
        }
    }

    /// The script of `plan` on `renderer`'s dialect.
    pub fn script(
        &self,
        plan: &Plan,
        renderer: &Renderer,
        style: ScriptStyle,
    ) -> Result<String, ScriptError> {
        Ok(self.script_parts(plan, renderer, style)?.whole())
    }

    /// [`Project::script`], cut at its steps ([`ScriptParts`]).
    pub fn script_parts(
        &self,
        plan: &Plan,
        renderer: &Renderer,
        style: ScriptStyle,
    ) -> Result<ScriptParts, ScriptError> {
        let options = self.script_options(plan, &renderer.facts().name, style);
        let mut parts = script_parts(plan, &self.graph, renderer, &options)?;
        if style.drift && plan.kind != crate::plan::ScriptKind::Stamp {
            let history = crate::drift::History::of(&self.graph, renderer.facts())?;
            parts.start_checks = plan
                .rows_before_each_step()
                .iter()
                .map(|rows| self.drift_text(&history, rows, renderer))
                .collect::<Result<_, _>>()?;
            parts.end_check = self.drift_text(&history, &plan.rows_after(), renderer)?;
        }
        Ok(parts)
    }

    /// The drift check of the schema at the revisions `ids` (a version
    /// table's rows; none: base), laid out for a script under a comment
    /// that says what it checks.
    fn drift_text(
        &self,
        history: &crate::drift::History,
        ids: &[String],
        renderer: &Renderer,
    ) -> Result<String, ScriptError> {
        let statements = self.drift_statements(history, ids, renderer, false)?;
        let comment = format!(
            "-- retort drift check: the schema must be that of {}\n\n",
            crate::plan::rows_text(ids)
        );
        Ok(comment + &crate::render::script::lay_out(renderer.facts(), statements))
    }

    /// The statements of the drift check of the revisions `ids` (none:
    /// base): the model after their ancestors, and what the history created
    /// that it lacks ([`crate::drift::drift_context`]), through the
    /// dialect's `drift.sql`.
    fn drift_statements(
        &self,
        history: &crate::drift::History,
        ids: &[String],
        renderer: &Renderer,
        strict: bool,
    ) -> Result<Vec<String>, ScriptError> {
        let revisions = self.graph.ancestors_in_order(ids);
        let label = crate::plan::rows_text(ids);
        let ctx =
            crate::drift::drift_context(history, &revisions, renderer.facts(), &label, strict)?;
        Ok(crate::render::drift::render_drift(
            renderer,
            &ctx,
            &self.config.version_table,
            self.config.version_table_schema.as_deref(),
        )?)
    }

    /// The schema at `revision` (`head`, an id, a label...) as `renderer`'s
    /// DDL (`retort schema`): the revisions up to it replayed
    /// ([`crate::schema::schema_after`]), the result turned into ops that
    /// create it on an empty database ([`crate::schema::dump::creation_ops`]:
    /// standalone enum types, then the tables in dependency order), rendered
    /// through the dialect's templates.
    pub fn schema_ddl(&self, revision: &str, renderer: &Renderer) -> anyhow::Result<String> {
        let targets = self
            .graph
            .resolve(revision)
            .with_context(|| format!("cannot resolve `{revision}`"))?;
        let ids: Vec<String> = targets.iter().map(|r| r.id.clone()).collect();
        let revisions = self.graph.ancestors_in_order(&ids);
        let model = crate::schema::schema_after(&revisions, Some(renderer.facts()))?;
        let location = targets
            .first()
            .map(|r| r.location.clone())
            .unwrap_or_default();
        let ops = crate::schema::dump::creation_ops(&model, &location);
        let mut check = crate::schema::Schema::new();
        let ops = crate::schema::apply_ops(&mut check, &ops, Some(renderer.facts()))?;
        Ok(crate::render::script::render_ops(renderer, &ops)?)
    }

    /// The drift check of `revisions` (`head`, an id, `base`...: the rows a
    /// database's version table holds) on `renderer`'s dialect
    /// ([`Project::drift_statements`]); `strict` also reports objects the
    /// history never created.
    pub fn drift_check(
        &self,
        revisions: &[String],
        renderer: &Renderer,
        strict: bool,
    ) -> anyhow::Result<Vec<String>> {
        let mut ids: Vec<String> = Vec::new();
        for revision in revisions {
            let targets = self
                .graph
                .resolve(revision)
                .with_context(|| format!("cannot resolve `{revision}`"))?;
            ids.extend(targets.iter().map(|r| r.id.clone()));
        }
        ids.sort();
        ids.dedup();
        let history = crate::drift::History::of(&self.graph, renderer.facts())?;
        Ok(self.drift_statements(&history, &ids, renderer, strict)?)
    }

    /// [`Project::drift_check`] as a script of its own (`retort drift`):
    /// a header saying what it checks and how to run it, then the check.
    pub fn drift_script(
        &self,
        revisions: &[String],
        renderer: &Renderer,
        strict: bool,
    ) -> anyhow::Result<String> {
        let statements = self.drift_check(revisions, renderer, strict)?;
        let facts = renderer.facts();
        let mut header = format!(
            "-- retort drift check: revision {}{}. It changes nothing; it fails with\n\
             -- one error listing every difference between the catalog and the schema model.\n",
            revisions.join(", "),
            if strict { ", strict" } else { "" }
        );
        if let Some(client) = &facts.client {
            header.push_str(&format!("-- Run with: {client}\n"));
        }
        header.push('\n');
        Ok(header + &crate::render::script::lay_out(facts, statements))
    }
}

/// The ops each step of `plan` runs on `dialect`: the schema model replays
/// the revisions applied before the plan starts, derives automatic
/// downgrades and turns what SQLite cannot alter into table rebuilds.
pub fn step_ops(
    plan: &Plan,
    graph: &RevisionGraph,
    dialect: &DialectFacts,
) -> Result<Vec<Vec<OpEntry>>, SchemaError> {
    let applied = plan.revisions_before(graph);
    crate::schema::step_ops(plan, &applied, dialect)
}

/// The script of `plan` (from `graph`) on `renderer`'s dialect, with
/// `options` as they are: its steps' ops ([`step_ops`]), rendered.
pub fn script(
    plan: &Plan,
    graph: &RevisionGraph,
    renderer: &Renderer,
    options: &ScriptOptions,
) -> Result<String, ScriptError> {
    Ok(script_parts(plan, graph, renderer, options)?.whole())
}

/// [`script`], cut at its steps ([`ScriptParts`]).
pub fn script_parts(
    plan: &Plan,
    graph: &RevisionGraph,
    renderer: &Renderer,
    options: &ScriptOptions,
) -> Result<ScriptParts, ScriptError> {
    let ops = step_ops(plan, graph, renderer.facts())?;
    Ok(crate::render::render_parts(plan, &ops, renderer, options)?)
}
