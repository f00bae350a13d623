//! Projects from a seed, for the campaign on the real engines
//! (`tests/it/engines/campaign.rs`, `scripts/campaign`).
//!
//! The ops are [`super::ops`]'s, drawn from a seeded pseudo-random
//! generator, over the whole op surface. Unlike the fuzz target, which
//! keeps whatever the bytes say, each op is checked as it is drawn: the
//! history so far is replayed with it, up and down (automatic downgrades),
//! on PostgreSQL, MySQL and SQLite, and an op retort refuses is left out
//! and counted by the rule that refused it. What remains is a project
//! retort compiles on all three, so that the campaign's time goes to
//! running scripts, and the counts say what retort refused on the way.

use super::ops::{self, Draw};
use crate::config::Config;
use crate::dialect::{Dialect, DialectFacts};
use crate::graph::RevisionGraph;
use crate::project::{Project, ScriptStyle};
use crate::render::Renderer;
use crate::revision::Revision;
use crate::schema::{Problem, SchemaError};
use crate::types::ColumnType;
use camino::Utf8PathBuf;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The dialects a generated project must compile on: those of the engines
/// the campaign runs.
pub const DIALECTS: [&str; 3] = ["postgresql", "mysql", "sqlite"];

/// How many times an op is drawn again after a refusal before the
/// revision makes do with what it has.
const TRIES_PER_OP: usize = 4;

/// A generated project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The seed it came from.
    pub seed: u64,
    /// Each revision file: its name under `revisions/` and its text.
    pub files: Vec<(String, String)>,
    /// Each revision's ops, a YAML flow mapping each.
    pub revision_ops: Vec<Vec<String>>,
    /// Ops kept, over all revisions.
    pub ops: usize,
    /// Ops drawn and left out because retort refused them, by rule
    /// ([`rule_of`]).
    pub refused: BTreeMap<String, usize>,
}

impl Generated {
    /// A project of the revisions `revision_ops` (a chain `r0`, `r1`...),
    /// such as a smaller one cut from a generated project.
    pub fn of_ops(seed: u64, revision_ops: Vec<Vec<String>>) -> Generated {
        Generated {
            seed,
            files: revision_ops
                .iter()
                .enumerate()
                .map(|(index, ops)| (file_name(index), revision_text(index, ops)))
                .collect(),
            ops: revision_ops.iter().map(Vec::len).sum(),
            revision_ops,
            refused: BTreeMap::new(),
        }
    }

    /// The project in one text, in the format of [`super::run`]: the files
    /// separated by `%%` lines (what a kept regression holds).
    pub fn joined(&self) -> String {
        let texts: Vec<&str> = self.files.iter().map(|(_, text)| text.as_str()).collect();
        texts.join("\n%%\n")
    }
}

/// The project of `seed`: a chain of 2 to 16 revisions (`r0`, `r1`...),
/// each with 1 to 4 ops and an automatic downgrade, that retort compiles
/// for every dialect of [`DIALECTS`].
pub fn project(seed: u64) -> Generated {
    let mut draw = Draw::of_seed(seed);
    let mut generated = Generated {
        seed,
        files: Vec::new(),
        revision_ops: Vec::new(),
        ops: 0,
        refused: BTreeMap::new(),
    };
    let mut history: Vec<Revision> = Vec::new();
    let count = 2 + draw.below(15);
    for index in 0..count {
        let wanted = 1 + draw.below(4);
        let mut kept: Vec<String> = Vec::new();
        let mut revision = None;
        for _ in 0..wanted * TRIES_PER_OP {
            if kept.len() == wanted {
                break;
            }
            let tables = draw.tables.clone();
            let line = if index == 0 && kept.is_empty() {
                ops::create_table(&mut draw, "t0")
            } else {
                ops::op(&mut draw)
            };
            kept.push(line);
            match checked(&history, index, &kept) {
                Ok(accepted) => {
                    learn(&mut draw, &history, &accepted);
                    revision = Some(accepted);
                }
                Err(rule) => {
                    kept.pop();
                    draw.tables = tables;
                    *generated.refused.entry(rule).or_default() += 1;
                }
            }
        }
        let revision = match revision {
            Some(revision) => revision,
            None => {
                // Nothing drawn was accepted: an op retort takes anywhere.
                kept.push("execute: {sql: SELECT 1, reverse: SELECT 1}".to_owned());
                match checked(&history, index, &kept) {
                    Ok(revision) => revision,
                    Err(rule) => {
                        *generated.refused.entry(rule).or_default() += 1;
                        break;
                    }
                }
            }
        };
        history.push(revision);
        generated.ops += kept.len();
        generated
            .files
            .push((file_name(index), revision_text(index, &kept)));
        generated.revision_ops.push(kept);
    }
    generated
}

/// `revisions/<name>` of revision `index`.
fn file_name(index: usize) -> String {
    format!("{index:04}_r{index}.yaml")
}

/// Revision `index` of the chain with `ops` as its upgrade.
fn revision_text(index: usize, ops: &[String]) -> String {
    let down = match index {
        0 => "null".to_owned(),
        _ => format!("r{}", index - 1),
    };
    let mut text =
        format!("revision: r{index}\ndown_revision: {down}\nmessage: m{index}\nupgrade:\n");
    for op in ops {
        text.push_str("  - ");
        text.push_str(op);
        text.push('\n');
    }
    text
}

/// Revision `index` with `ops`, parsed and replayed after `history` on
/// every dialect; the rule that refused it otherwise.
fn checked(history: &[Revision], index: usize, ops: &[String]) -> Result<Revision, String> {
    let text = revision_text(index, ops);
    let file = Utf8PathBuf::from(format!("revisions/{}", file_name(index)));
    let revision = crate::load::parse_revision(text.as_bytes(), &file)
        .map_err(|_| "the revision does not load".to_owned())?;
    let mut all: Vec<&Revision> = history.iter().collect();
    all.push(&revision);
    if let Some(problem) = crate::schema::validate_history(&all, facts()).first() {
        return Err(rule_of(problem));
    }
    let mut revisions: Vec<Revision> = history.to_vec();
    revisions.push(revision.clone());
    rendered(revisions, index)?;
    Ok(revision)
}

/// Renders the step up to revision `index` of `revisions` and back down on
/// every dialect, as `retort upgrade` and `downgrade` do: the templates
/// refuse some things the model lets through.
fn rendered(revisions: Vec<Revision>, index: usize) -> Result<(), String> {
    let graph = RevisionGraph::build(revisions).map_err(|e| format!("graph: {e}"))?;
    let project = Project::in_memory(Config::default(), graph);
    let (up, down) = match index {
        0 => ("r0".to_owned(), "r0:base".to_owned()),
        _ => (
            format!("r{}:r{index}", index - 1),
            format!("r{index}:r{}", index - 1),
        ),
    };
    for renderer in renderers() {
        let plans = [
            crate::plan::upgrade(&project.graph, &up),
            crate::plan::downgrade(&project.graph, &down),
        ];
        for plan in plans {
            let plan = plan.map_err(|e| format!("plan: {e}"))?;
            project
                .script(&plan, renderer, ScriptStyle::default())
                .map_err(|e| render_rule(&e.to_string()))?;
        }
    }
    Ok(())
}

/// The rule of an error message `file:line:column: op on dialect: what:
/// fix`: its op, dialect and what, without the place.
fn render_rule(message: &str) -> String {
    let parts: Vec<&str> = message.split(": ").collect();
    match parts.as_slice() {
        [_, op, what, ..] => format!("{op}: {what}"),
        _ => message.to_owned(),
    }
}

/// The renderers of [`DIALECTS`], made once.
fn renderers() -> &'static [Renderer] {
    static RENDERERS: OnceLock<Vec<Renderer>> = OnceLock::new();
    RENDERERS.get_or_init(|| {
        DIALECTS
            .iter()
            .filter_map(|name| Dialect::load(name, None).ok())
            .map(|dialect| Renderer::new(&dialect))
            .collect()
    })
}

/// What the schema model has after `history` and `revision`, told to
/// `draw`: its tables and columns, and which hold integers or text.
fn learn(draw: &mut Draw, history: &[Revision], revision: &Revision) {
    let mut all: Vec<&Revision> = history.iter().collect();
    all.push(revision);
    let Ok(schema) = crate::schema::schema_after(&all, None) else {
        return;
    };
    draw.tables.clear();
    draw.integers.clear();
    draw.texts.clear();
    let tables = schema
        .namespaces
        .values()
        .flat_map(|namespace| namespace.tables.values());
    for table in tables {
        let Some(name) = ops::known_table(&table.name) else {
            continue;
        };
        let columns = draw.tables.entry(name).or_default();
        for column in &table.columns {
            let Some(column_name) = ops::known_column(&column.name) else {
                continue;
            };
            columns.push(column_name);
            match column.type_ {
                ColumnType::Integer | ColumnType::SmallInteger | ColumnType::BigInteger => {
                    draw.integers.insert((name, column_name));
                }
                ColumnType::String { .. } | ColumnType::Text { .. } => {
                    draw.texts.insert((name, column_name));
                }
                _ => {}
            }
        }
    }
}

/// The facts of [`DIALECTS`], loaded once.
fn facts() -> &'static [DialectFacts] {
    static FACTS: OnceLock<Vec<DialectFacts>> = OnceLock::new();
    FACTS.get_or_init(|| {
        DIALECTS
            .iter()
            .filter_map(|name| Dialect::load(name, None).ok())
            .map(|dialect| dialect.facts)
            .collect()
    })
}

/// The rule behind a refusal, as the campaign's report counts it: an
/// engine's rule (from its `dialect.yaml`) with the dialect, or the kind of
/// problem the model found with the op's name.
pub fn rule_of(error: &SchemaError) -> String {
    let op = error.op;
    match &error.problem {
        Problem::EngineRefuses(refusal) => format!("{}: {}", refusal.dialect, refusal.rule),
        Problem::EngineRefusesDrop { .. } => {
            format!("{op}: the engine refuses to drop a column still in use")
        }
        Problem::NameUnknowable { .. } => format!("{op}: the engine's name is not known"),
        Problem::EngineRefusesDropTable(refusal) => {
            format!("{}: {}", refusal.dialect, refusal.rule)
        }
        Problem::InEffect { .. } => format!("{op}: its effect does not apply"),
        Problem::NotInvertible { .. } => format!("{op}: no automatic downgrade"),
        Problem::Missing { .. } => format!("{op}: does not exist"),
        Problem::AlreadyExists { .. } => format!("{op}: already exists"),
        Problem::StillUsed { .. } => format!("{op}: still used"),
        Problem::Contradicts { .. } => format!("{op}: contradicts the model"),
        Problem::BadValue { .. } => format!("{op}: value does not fit its column"),
        Problem::Invalid(_) => format!("{op}: invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_the_same_project_every_time() {
        assert_eq!(project(7), project(7));
        assert_ne!(project(7).files, project(8).files);
    }

    #[test]
    fn generated_projects_compile_on_every_dialect() {
        for seed in 0..20 {
            let generated = project(seed);
            let revisions: Vec<Revision> = generated
                .files
                .iter()
                .map(|(name, text)| {
                    crate::load::parse_revision(text.as_bytes(), name.as_str().into()).unwrap()
                })
                .collect();
            let history: Vec<&Revision> = revisions.iter().collect();
            assert!(
                crate::schema::validate_history(&history, facts()).is_empty(),
                "seed {seed}:\n{}",
                generated.joined()
            );
            assert!(generated.files.len() >= 2);
            assert!(generated.ops >= generated.files.len());
        }
    }

    #[test]
    fn refusals_are_counted_by_rule() {
        let refused: usize = (0..20).map(|seed| project(seed).refused.len()).sum();
        assert!(refused > 0, "twenty projects drew no op retort refused");
    }
}
