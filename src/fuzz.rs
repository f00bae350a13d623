//! The whole front end driven by one byte string: what the fuzz target
//! (`fuzz/fuzz_targets/front_end.rs`) runs, and what the regression test
//! replaying the inputs it found (`tests/it/fuzz_regressions.rs`) runs, so that
//! both exercise exactly the same code.
//!
//! The input is a project in one string: revision files separated by a line
//! `%%` ([`FILE_SEPARATOR`]). A part whose first line is `# retort.yaml` is
//! the project's settings instead. Lines `#! upgrade RANGE`,
//! `#! downgrade RANGE` and `#! stamp RANGE` (YAML comments, so the files
//! stay valid) ask for more scripts than the ones always made: `upgrade
//! heads`, `downgrade head:base` and `heads:base`, `stamp heads` and
//! `stamp head:base`.
//!
//! [`run`] loads every part, builds the graph, validates it on every
//! built-in dialect, reviews it, and renders every script on every built-in
//! dialect, with guards and review notes as `compile` writes them and
//! without as `upgrade` prints them, and the archive `compile` writes
//! (headers, per-revision scripts, manifest) when there is one head. Any error is collected as text (so
//! its `Display` runs too); only a panic, a hang or a blow-up is a bug.

use crate::config::{Config, CONFIG_FILE};
use crate::dialect::Dialect;
use crate::graph::RevisionGraph;
use crate::plan::Plan;
use crate::project::{Project, ScriptStyle};
use crate::render::Renderer;
use crate::review::Note;
use camino::Utf8PathBuf;
use std::sync::OnceLock;

pub mod ops;
pub mod seeded;

/// The line between two files of the input (with the newlines around it).
pub const FILE_SEPARATOR: &[u8] = b"\n%%\n";

/// The first line of a part that is `retort.yaml` rather than a revision.
const CONFIG_MARK: &str = "# retort.yaml\n";

/// The prefix of a line asking for one more script.
const COMMAND_MARK: &str = "#! ";

/// The built-in dialects every script is rendered on.
const DIALECTS: [&str; 5] = ["postgresql", "sqlite", "mysql", "mssql", "oracle"];

/// What one input gave: every script rendered and every error, as text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Revisions that loaded (before the graph was built).
    pub revisions: usize,
    /// `<command> <range> on <dialect>` and the script, in order.
    pub scripts: Vec<(String, String)>,
    /// Every error met, as the user would read it.
    pub errors: Vec<String>,
    /// `retort check`'s report of the review notes.
    pub review: String,
}

/// Runs the whole front end on `input` (see the module documentation).
/// Never panics on any input: a panic is a bug the fuzzer reports.
pub fn run(input: &[u8]) -> Outcome {
    let mut outcome = Outcome::default();
    let mut config = Config::default();
    let mut revisions = Vec::new();
    let mut commands = default_commands();
    for (index, part) in split_parts(input).into_iter().enumerate() {
        let text = String::from_utf8_lossy(part);
        commands.extend(extra_commands(&text));
        if let Some(settings) = text.strip_prefix(CONFIG_MARK) {
            match Config::parse(settings, CONFIG_FILE.into()) {
                Ok(parsed) => config = parsed,
                Err(e) => outcome.errors.push(e.to_string()),
            }
            continue;
        }
        let file = Utf8PathBuf::from(format!("revisions/{index:04}.yaml"));
        match crate::load::parse_revision(part, &file) {
            Ok(revision) => revisions.push(revision),
            Err(e) => outcome.errors.push(e.to_string()),
        }
    }
    outcome.revisions = revisions.len();
    // Like a project whose broken files were left out: the rest still
    // reaches the graph, so that graph errors are reached from any input.
    match RevisionGraph::build(revisions) {
        Ok(graph) => compile_all(&Project::in_memory(config, graph), &commands, &mut outcome),
        Err(e) => outcome.errors.push(e.to_string()),
    }
    outcome
}

/// Runs [`run`] on the project [`ops::project`] writes from `input`: the
/// `ops` fuzz target, whose inputs are choices of ops rather than text.
pub fn run_ops(input: &[u8]) -> Outcome {
    run(ops::project(input).as_bytes())
}

/// The parts of `input` between separators.
fn split_parts(input: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = input;
    while let Some(at) = find(rest, FILE_SEPARATOR) {
        parts.push(&rest[..at]);
        rest = &rest[at + FILE_SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A script to make: which planner, and its range.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Command {
    name: &'static str,
    range: String,
}

/// The scripts made from every input.
fn default_commands() -> Vec<Command> {
    [
        ("upgrade", "heads"),
        ("downgrade", "head:base"),
        ("downgrade", "heads:base"),
        ("stamp", "heads"),
        ("stamp", "head:base"),
    ]
    .map(|(name, range)| Command {
        name,
        range: range.to_owned(),
    })
    .to_vec()
}

/// The `#! upgrade RANGE` lines of a part.
fn extra_commands(text: &str) -> Vec<Command> {
    text.lines()
        .filter_map(|line| line.strip_prefix(COMMAND_MARK))
        .filter_map(|line| {
            let (name, range) = line.split_once(' ')?;
            let name = ["upgrade", "downgrade", "stamp"]
                .into_iter()
                .find(|known| *known == name)?;
            Some(Command {
                name,
                range: range.trim().to_owned(),
            })
        })
        .collect()
}

/// The built-in dialects' renderers, made once: they only read templates.
fn renderers() -> &'static [Renderer] {
    static RENDERERS: OnceLock<Vec<Renderer>> = OnceLock::new();
    RENDERERS.get_or_init(|| made_renderers(false))
}

/// The same, laying out `execute` SQL with sqlformat (`--pretty`).
fn pretty_renderers() -> &'static [Renderer] {
    static RENDERERS: OnceLock<Vec<Renderer>> = OnceLock::new();
    RENDERERS.get_or_init(|| made_renderers(true))
}

fn made_renderers(pretty: bool) -> Vec<Renderer> {
    DIALECTS
        .iter()
        .filter_map(|name| Dialect::load(name, None).ok())
        .map(|dialect| Renderer::new(&dialect).with_pretty_execute(pretty))
        .collect()
}

/// What `check`, `upgrade`, `downgrade`, `stamp` and `compile` do with a
/// graph: validate, review, plan and render on every built-in dialect.
fn compile_all(project: &Project, commands: &[Command], out: &mut Outcome) {
    let graph = &project.graph;
    let renderers = renderers();
    let facts: Vec<_> = renderers.iter().map(|r| r.facts().clone()).collect();
    let problems = crate::schema::validate_graph(graph, &facts);
    out.errors.extend(problems.iter().map(ToString::to_string));
    let history = graph.upgrade_order();
    let bad_allows = crate::review::check_allows(&history);
    out.errors
        .extend(bad_allows.iter().map(ToString::to_string));
    let notes = if problems.is_empty() {
        match project.review_notes(&facts, None) {
            Ok(notes) => notes,
            Err(e) => {
                out.errors.push(e.to_string());
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    out.review = crate::review::format::report(&notes, &history);
    for command in commands {
        let planned = match command.name {
            "upgrade" => crate::plan::upgrade(graph, &command.range),
            "downgrade" => crate::plan::downgrade(graph, &command.range),
            _ => crate::plan::stamp(graph, &command.range),
        };
        match planned {
            Ok(plan) => render_plan(project, &plan, command, &notes, out),
            Err(e) => out.errors.push(e.to_string()),
        }
    }
    if let Err(e) = archive(project, &notes, out) {
        out.errors.push(format!("compile: {e:#}"));
    }
}

/// What `compile` writes: the whole-range and per-revision scripts of every
/// built-in dialect with their headers, and the manifest.
fn archive(project: &Project, notes: &[Note], out: &mut Outcome) -> anyhow::Result<()> {
    let graph = &project.graph;
    if graph.revisions.is_empty() || graph.heads().len() != 1 {
        return Ok(()); // compile refuses these before planning
    }
    let sources = crate::archive::revision_sources(graph);
    let archive = crate::archive::build_in_memory(project, renderers(), notes, &sources)?;
    out.scripts.extend(
        archive
            .files
            .into_iter()
            .map(|(path, text)| (format!("compile {path}"), text)),
    );
    out.scripts
        .push(("compile MANIFEST".into(), archive.manifest));
    Ok(())
}

/// `plan` on every dialect: as `upgrade` prints it, as `compile` writes it
/// (guarded, with review notes above the ops), and with `--pretty`.
fn render_plan(
    project: &Project,
    plan: &Plan,
    command: &Command,
    notes: &[Note],
    out: &mut Outcome,
) {
    let plain = ScriptStyle::default();
    let compiled = ScriptStyle {
        guard: true,
        notes: Some(notes),
        drift: false,
    };
    for (renderer, pretty) in renderers().iter().zip(pretty_renderers()) {
        let dialect = &renderer.facts().name;
        let mut ways = vec![
            ("", renderer, plain),
            (" --guard --notes", renderer, compiled),
        ];
        if plan.kind != crate::plan::ScriptKind::Stamp {
            ways.push((" --pretty", pretty, plain));
        }
        for (how, renderer, style) in ways {
            let label = format!("{} {}{how} on {dialect}", command.name, command.range);
            match project.script(plan, renderer, style) {
                Ok(text) => out.scripts.push((label, text)),
                Err(e) => out.errors.push(format!("{label}: {e}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const R1: &str = "revision: r1\ndown_revision: null\nmessage: one\nupgrade:\n  - create_table:\n      name: t\n      columns: [{name: id, type: Integer, primary_key: true}]\n";
    const R2: &str = "revision: r2\ndown_revision: r1\nmessage: two\nupgrade:\n  - add_column: {table: t, column: {name: c, type: String(10)}}\n#! upgrade r1:+1\n";

    #[test]
    fn a_project_in_one_string_renders_every_script() {
        let input = format!("{R1}\n%%\n{R2}");
        let outcome = run(input.as_bytes());
        assert_eq!(outcome.revisions, 2);
        // upgrade heads, downgrade head:base and heads:base, stamp heads and
        // head:base, upgrade r1:+1: 6 commands, 5 dialects, 2 ways, and
        // --pretty for the 4 that are not stamps; then
        // compile's upgrade.sql, downgrade.sql and 2 scripts per revision on
        // 5 dialects, and the manifest.
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        assert_eq!(outcome.scripts.len(), 6 * 5 * 2 + 4 * 5 + 5 * 6 + 1);
        let (label, text) = &outcome.scripts[3];
        assert_eq!(label, "upgrade heads on sqlite");
        assert!(
            text.contains("ALTER TABLE t ADD COLUMN c VARCHAR(10)"),
            "{text}"
        );
        let (label, text) = &outcome.scripts[79];
        assert_eq!(label, "upgrade r1:+1 --pretty on oracle");
        assert!(text.contains("-- Running upgrade r1 -> r2"), "{text}");
        let (label, text) = outcome.scripts.last().unwrap();
        assert_eq!(label, "compile MANIFEST");
        assert!(
            text.contains("  sqlite/revisions/0002_r2_two.upgrade.sql\n"),
            "{text}"
        );
    }

    #[test]
    fn errors_are_collected_not_raised() {
        let input = format!("{R2}\n%%\nrevision: [\n%%\n# retort.yaml\nbad: 1\n");
        let outcome = run(input.as_bytes());
        assert_eq!(outcome.revisions, 1);
        assert!(outcome.scripts.is_empty());
        let errors = outcome.errors.join("\n");
        assert!(
            errors.contains("revisions/0001.yaml:2:1: invalid YAML"),
            "{errors}"
        );
        assert!(errors.contains("retort.yaml:1:1"), "{errors}");
        assert!(errors.contains("r1"), "{errors}");
    }
}
