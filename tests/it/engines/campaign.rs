//! The campaign: generated projects ([`retort::fuzz::seeded`]) on the real
//! engines. Each project is compiled by retort for the engine's dialect and
//! run through the DBA's client: upgrade to the head, dump, downgrade to
//! base, nothing left but the version table, upgrade again, the same dump;
//! one seed in four goes up and down revision by revision instead the
//! second time. Any client error or dump difference is a failure, printed
//! with its seed and the command that reproduces it.
//!
//! The suite runs [`SUITE_SEEDS`] and the kept regressions
//! (`fuzz/regressions/campaign/`, one project per failure found, in the
//! format of [`retort::fuzz::run`]); `scripts/campaign N` runs N projects
//! and prints the report the README quotes.

use crate::support;

use camino::Utf8PathBuf;
use retort::fuzz::seeded::{self, Generated};
use retort::project::{Project, ScriptStyle};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use support::engines::{per_engine, Engine, TestDatabase};

/// The seeds the suite runs on every engine (two of them in steps): a
/// few seconds each.
const SUITE_SEEDS: std::ops::Range<u64> = 1..9;

/// Seeds whose second round trip goes revision by revision.
fn step_by_step(seed: u64) -> bool {
    seed.is_multiple_of(4)
}

/// The failure classes the campaign found that are not fixed yet (issue
/// 19), each a phrase of the engine's error and what it is; a minimized
/// project of each is in `fuzz/regressions/campaign-open/`. The suite's
/// seeds may fail with these (printed, not failing the test); any other
/// failure fails it. Fixing a class removes its line.
const OPEN_CLASSES: &[(&str, &str)] = &[(
    "cannot be cast automatically",
    "PostgreSQL: a derived downgrade from a dialect type (postgresql.JSONB) has no USING",
)];

/// What `failure` is, if its class is one of [`OPEN_CLASSES`].
fn open_class(failure: &Failure) -> Option<&'static str> {
    OPEN_CLASSES
        .iter()
        .find(|(phrase, _)| failure.class.contains(phrase))
        .map(|(_, what)| *what)
}

/// Fails on the failures of no open class; prints the others.
fn assert_only_open(failures: Vec<Failure>) {
    let mut new = Vec::new();
    for failure in failures {
        match open_class(&failure) {
            Some(what) => eprintln!("known, not fixed yet: {what}: {}", failure.class),
            None => new.push(failure.detail),
        }
    }
    assert!(new.is_empty(), "{}", new.join("\n\n"));
}

per_engine!(generated_projects_run, kept_regressions_run);

fn generated_projects_run(engine: Engine) {
    let Some(mut runner) = Runner::new(engine) else {
        return;
    };
    let failures: Vec<Failure> = SUITE_SEEDS
        .filter_map(|seed| runner.run_seed(&seeded::project(seed)).err())
        .collect();
    assert_only_open(failures);
}

/// The kept projects: those of fixed failures run, or retort refuses them
/// at compile time; those of open ones may also fail with an open class.
fn kept_regressions_run(engine: Engine) {
    let Some(mut runner) = Runner::new(engine) else {
        return;
    };
    let fixed = projects_in("fuzz/regressions/campaign");
    let open = projects_in("fuzz/regressions/campaign-open");
    assert!(!open.is_empty() || !fixed.is_empty(), "no kept project");
    let mut failures = Vec::new();
    for (name, text) in fixed.iter().chain(&open) {
        let project = Written::of_text(text);
        if let Err(failure) = runner.round_trips(&project.root, true) {
            if failure.refused {
                // What the engine refuses, retort may refuse at compile time.
                eprintln!("{name} on {engine:?}: {}", failure.class);
                continue;
            }
            let detail = format!("{name} on {engine:?}: {}", failure.detail);
            let is_open = open.iter().any(|(open_name, _)| open_name == name);
            failures.push(Failure {
                // A fixed one may not fail at all: its class is its story.
                class: if is_open {
                    failure.class
                } else {
                    detail.clone()
                },
                detail,
                refused: failure.refused,
            });
        }
    }
    assert_only_open(failures);
}
/// Why a project failed on an engine: its class (the engine's error with
/// names and numbers left out, or the check that failed), for the report,
/// and the whole story.
#[derive(Debug, Clone)]
struct Failure {
    class: String,
    detail: String,
    /// retort refused to compile it (the generator kept only what compiles
    /// on every dialect, so this is a difference between the two).
    refused: bool,
}

impl Failure {
    fn check(class: &str, detail: String) -> Failure {
        Failure {
            class: class.to_owned(),
            detail,
            refused: false,
        }
    }

    fn refusal(detail: String) -> Failure {
        Failure {
            class: format!("retort refused: {}", without_place(&detail)),
            detail,
            refused: true,
        }
    }
}

/// An error message without `file:line:column: ` places, numbers and
/// quoted names: what failures of one kind have in common.
fn without_place(message: &str) -> String {
    let line = message
        .lines()
        .find(|line| line.contains("ERROR") || line.contains("rror"))
        .unwrap_or(message.lines().next().unwrap_or(""));
    let mut text = String::new();
    let mut quote: Option<char> = None;
    let mut after_word = false;
    for c in line.chars() {
        // An apostrophe inside a word (can't) opens no quote.
        let opens = "'\"`".contains(c) && !(c == '\'' && after_word);
        after_word = c.is_alphanumeric();
        match quote {
            Some(q) if c == q => {
                quote = None;
                text.push(c);
            }
            Some(_) => {}
            None if opens => {
                quote = Some(c);
                text.push(c);
                text.push('…');
            }
            None if c.is_ascii_digit() => {
                if !text.ends_with('N') {
                    text.push('N');
                }
            }
            None => text.push(c),
        }
    }
    let text = text.replace("psql:<stdin>:N: ", "");
    match text.find(".yaml:N:N: ") {
        Some(at) => text[at + ".yaml:N:N: ".len()..].to_owned(),
        None => text,
    }
}

/// The failures the campaign found that are not fixed yet, one minimized
/// project each in `fuzz/regressions/campaign-open/` (named after the
/// engine's error): each must still fail on some engine. Once one passes,
/// (or retort refuses it at compile time), its fix moves it to
/// `fuzz/regressions/campaign/`, which the suite runs.
#[test]
#[ignore = "known failures, for whoever fixes them: scripts/test engines::campaign::open -- --ignored"]
fn open_failures_still_fail() {
    let runners: Vec<Runner> = Engine::ALL.into_iter().filter_map(Runner::new).collect();
    let mut runners = runners;
    let mut fixed = Vec::new();
    for (name, text) in projects_in("fuzz/regressions/campaign-open") {
        let project = Written::of_text(&text);
        let failing: Vec<String> = runners
            .iter_mut()
            .filter_map(|runner| {
                let engine = runner.engine;
                // A refusal at compile time may be the fix.
                runner
                    .round_trips(&project.root, true)
                    .err()
                    .filter(|failure| !failure.refused)
                    .map(|failure| format!("{engine:?}: {}", failure.class))
            })
            .collect();
        println!("{name}: {failing:?}");
        if failing.is_empty() {
            fixed.push(name);
        }
    }
    assert!(
        fixed.is_empty(),
        "these pass on every engine now: move them to fuzz/regressions/campaign/: {fixed:?}"
    );
}

/// The projects in a folder of the repository: file name and text.
fn projects_in(folder: &str) -> Vec<(String, String)> {
    let dir = support::repo_root().join(folder);
    // Git keeps no empty folder: none is no project.
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut kept: Vec<(String, String)> = entries
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    kept.sort();
    kept
}

/// The long campaign (`scripts/campaign N`): `RETORT_CAMPAIGN_PROJECTS`
/// projects (1,000 by default) from seed `RETORT_CAMPAIGN_FIRST_SEED` (1)
/// on, by `RETORT_CAMPAIGN_WORKERS` workers (3), each generating a project
/// and running it on the three engines; or the one project of
/// `RETORT_CAMPAIGN_SEED`, written to `target/campaign/seed-N/` to look at.
/// Prints the report every 50 projects and at the end; fails if any
/// project failed.
#[test]
#[ignore = "minutes to hours: run by scripts/campaign"]
fn long_campaign() {
    if let Some(seed) = env_number("RETORT_CAMPAIGN_SEED") {
        return replay_one(seed);
    }
    let count = env_number("RETORT_CAMPAIGN_PROJECTS").unwrap_or(1000);
    let first = env_number("RETORT_CAMPAIGN_FIRST_SEED").unwrap_or(1);
    let workers = env_number("RETORT_CAMPAIGN_WORKERS").unwrap_or(3);
    let next = Arc::new(AtomicU64::new(first));
    let (send, results) = mpsc::channel::<Ran>();
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let next = Arc::clone(&next);
            let send = send.clone();
            std::thread::spawn(move || worker(&next, first + count, &send))
        })
        .collect();
    drop(send);
    let mut report = Report::default();
    for ran in results {
        report.add(&ran);
        if report.projects % 50 == 0 {
            println!("{}", report.text());
        }
    }
    for handle in handles {
        handle.join().expect("a campaign worker panicked");
    }
    println!("{}", report.text());
    assert!(
        report.failures.is_empty(),
        "{} failures on an engine",
        report.failures.len()
    );
}

/// One project of the campaign, run on every engine.
struct Ran {
    generated: Generated,
    /// The engines it ran on (those available).
    engines: Vec<Engine>,
    failures: Vec<(Engine, Failure)>,
}

/// Takes seeds until `end`: generates each project and runs it on every
/// engine, each with a database of this worker.
fn worker(next: &AtomicU64, end: u64, results: &mpsc::Sender<Ran>) {
    let mut runners: Vec<Runner> = Engine::ALL.into_iter().filter_map(Runner::new).collect();
    loop {
        let seed = next.fetch_add(1, Ordering::Relaxed);
        if seed >= end {
            return;
        }
        let generated = seeded::project(seed);
        let mut failures = Vec::new();
        for runner in &mut runners {
            if let Err(failure) = runner.run_seed(&generated) {
                eprintln!("{}\n", failure.detail);
                failures.push((runner.engine, failure));
            }
        }
        let engines = runners.iter().map(|runner| runner.engine).collect();
        let ran = Ran {
            generated,
            engines,
            failures,
        };
        if results.send(ran).is_err() {
            return;
        }
    }
}

/// `RETORT_CAMPAIGN_SEED=N`: the project written to `target/campaign/seed-N/`
/// and run on each engine, saying what happened.
fn replay_one(seed: u64) {
    let generated = seeded::project(seed);
    let root = support::repo_root().join(format!("target/campaign/seed-{seed}"));
    let _ = std::fs::remove_dir_all(&root);
    write_project(&root, &generated.files);
    println!("seed {seed}: {}", root.display());
    let mut failed = false;
    for engine in Engine::ALL {
        let Some(mut runner) = Runner::new(engine) else {
            continue;
        };
        match runner.round_trips(&root, step_by_step(seed)) {
            Ok(()) => println!("{engine:?}: ok"),
            Err(failure) => {
                failed = true;
                println!("{engine:?}: {}", failure.detail);
                if std::env::var_os("RETORT_CAMPAIGN_MINIMIZE").is_some() {
                    let smaller = minimized(&mut runner, &generated, &failure.class);
                    let file = root.join(format!("minimized-{engine:?}"));
                    std::fs::write(&file, smaller.joined() + "\n").expect("write the project");
                    println!(
                        "{engine:?}: the same failure, {} ops: {}",
                        smaller.ops,
                        file.display()
                    );
                }
            }
        }
    }
    assert!(!failed, "seed {seed} fails");
}

/// The smallest project cut from `generated` (whole revisions left out,
/// then single ops, until none can be) that still fails with `class`.
fn minimized(runner: &mut Runner, generated: &Generated, class: &str) -> Generated {
    let in_steps = step_by_step(generated.seed);
    let mut fails_alike = |ops: &[Vec<String>]| {
        let project = Written::of(&Generated::of_ops(generated.seed, ops.to_vec()));
        matches!(runner.round_trips(&project.root, in_steps), Err(f) if f.class == class)
    };
    let mut ops = generated.revision_ops.clone();
    loop {
        let before = ops.clone();
        let mut revision = 0;
        while revision < ops.len() && ops.len() > 1 {
            let mut fewer = ops.clone();
            fewer.remove(revision);
            if fails_alike(&fewer) {
                ops = fewer;
            } else {
                revision += 1;
            }
        }
        for revision in 0..ops.len() {
            let mut op = 0;
            while op < ops[revision].len() && ops[revision].len() > 1 {
                let mut fewer = ops.clone();
                fewer[revision].remove(op);
                if fails_alike(&fewer) {
                    ops = fewer;
                } else {
                    op += 1;
                }
            }
        }
        if ops == before {
            return Generated::of_ops(generated.seed, ops);
        }
    }
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    Some(
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={text} is not a number")),
    )
}

/// The numbers the README reports.
#[derive(Default)]
struct Report {
    projects: u64,
    revisions: u64,
    ops: u64,
    refused: BTreeMap<String, usize>,
    /// Projects run per engine.
    ran: BTreeMap<String, u64>,
    failures: Vec<(Engine, u64, Failure)>,
}

impl Report {
    fn add(&mut self, ran: &Ran) {
        let generated = &ran.generated;
        self.projects += 1;
        self.revisions += generated.files.len() as u64;
        self.ops += generated.ops as u64;
        for (rule, count) in &generated.refused {
            *self.refused.entry(rule.clone()).or_default() += count;
        }
        for engine in &ran.engines {
            *self.ran.entry(format!("{engine:?}")).or_default() += 1;
        }
        for (engine, failure) in &ran.failures {
            self.failures
                .push((*engine, generated.seed, failure.clone()));
        }
    }

    fn text(&self) -> String {
        let mut text = format!(
            "campaign: {} projects, {} revisions, {} ops\n",
            self.projects, self.revisions, self.ops
        );
        for (engine, ran) in &self.ran {
            text += &format!("  {engine}: {ran} projects run\n");
        }
        let refusals = self.failures.iter().filter(|(_, _, f)| f.refused).count();
        text += &format!(
            "failures: {} (retort refused to compile: {refusals})\n",
            self.failures.len()
        );
        let mut classes: BTreeMap<(String, String), (usize, u64)> = BTreeMap::new();
        for (engine, seed, failure) in &self.failures {
            let entry = classes
                .entry((format!("{engine:?}"), failure.class.clone()))
                .or_insert((0, *seed));
            entry.0 += 1;
            entry.1 = entry.1.min(*seed);
        }
        for ((engine, class), (count, seed)) in &classes {
            text += &format!("  {count:>5}  {engine}: {class} (first: seed {seed})\n");
        }
        text += "ops drawn and refused by retort at compile time, by rule:\n";
        let mut refused: Vec<(&String, &usize)> = self.refused.iter().collect();
        refused.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (rule, count) in refused {
            text += &format!("  {count:>7}  {rule}\n");
        }
        text
    }
}

/// A project written to a temporary folder.
struct Written {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Written {
    fn of(generated: &Generated) -> Written {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().to_owned();
        write_project(&root, &generated.files);
        Written { _dir: dir, root }
    }

    /// A kept project: revision files separated by `%%` lines.
    fn of_text(text: &str) -> Written {
        let files: Vec<(String, String)> = text
            .split("\n%%\n")
            .enumerate()
            .map(|(index, part)| (format!("{index:04}.yaml"), part.to_owned()))
            .collect();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().to_owned();
        write_project(&root, &files);
        Written { _dir: dir, root }
    }
}

fn write_project(root: &std::path::Path, files: &[(String, String)]) {
    let revisions = root.join("revisions");
    std::fs::create_dir_all(&revisions).expect("create revisions/");
    for (name, text) in files {
        std::fs::write(revisions.join(name), text).expect("write a revision");
    }
}

/// One database on one engine, reused from project to project: a project
/// that passes leaves it empty; one that fails gets it replaced.
struct Runner {
    engine: Engine,
    db: Box<dyn TestDatabase>,
    empty: String,
}

impl Runner {
    fn new(engine: Engine) -> Option<Runner> {
        let db = engine.fresh_database()?;
        let empty = db.schema_dump();
        Some(Runner { engine, db, empty })
    }

    /// [`Runner::round_trips`] of a generated project; the failure names
    /// the seed and how to reproduce it.
    fn run_seed(&mut self, generated: &Generated) -> Result<(), Failure> {
        let project = Written::of(generated);
        let seed = generated.seed;
        let engine = self.engine;
        self.round_trips(&project.root, step_by_step(seed))
            .map_err(|failure| Failure {
                detail: format!(
                    "seed {seed} on {engine:?}: {}\nreproduce: RETORT_CAMPAIGN_SEED={seed} scripts/campaign",
                    failure.detail
                ),
                ..failure
            })
    }

    /// The round trips of the project in `root`; on failure the database
    /// is replaced by a fresh one.
    fn round_trips(&mut self, root: &std::path::Path, in_steps: bool) -> Result<(), Failure> {
        let result = Scripts::of(root, self.engine, in_steps)
            .map_err(Failure::refusal)
            .and_then(|scripts| self.check(&scripts, in_steps));
        if result.is_err() {
            if let Some(db) = self.engine.fresh_database() {
                self.db = db;
            }
        }
        result
    }

    fn check(&self, scripts: &Scripts, in_steps: bool) -> Result<(), Failure> {
        self.run("upgrade heads", &scripts.up)?;
        self.expect_rows("upgrade heads", std::slice::from_ref(&scripts.head))?;
        let full = self.db.schema_dump();
        self.run("downgrade head:base", &scripts.down)?;
        self.expect_nothing_left("downgrade head:base")?;
        if in_steps {
            for (range, script) in &scripts.up_steps {
                self.run(&format!("upgrade {range}"), script)?;
            }
        } else {
            self.run("upgrade heads (again)", &scripts.up)?;
        }
        expect_same(
            &full,
            &self.db.schema_dump(),
            "the dump after upgrading again",
        )
        .map_err(|detail| Failure::check("the dump differs after upgrading again", detail))?;
        if in_steps {
            for (range, script) in &scripts.down_steps {
                self.run(&format!("downgrade {range}"), script)?;
            }
            self.expect_nothing_left("downgrade in steps")
        } else {
            self.run("downgrade head:base (again)", &scripts.down)?;
            self.expect_nothing_left("downgrade head:base (again)")
        }
    }

    fn run(&self, what: &str, script: &str) -> Result<(), Failure> {
        self.db.run_script(script).map_err(|output| {
            let step = what.split(' ').next().unwrap_or(what);
            Failure::check(
                &format!("{step}: {}", without_place(&output)),
                format!("{what}: the engine refused the script:\n{output}"),
            )
        })
    }

    fn expect_rows(&self, what: &str, rows: &[String]) -> Result<(), Failure> {
        let found = self.db.version_rows();
        if found == rows {
            Ok(())
        } else {
            Err(Failure::check(
                "alembic_version holds other rows",
                format!("{what}: alembic_version holds {found:?}, not {rows:?}"),
            ))
        }
    }

    /// No version row, and once the version table is dropped, the dump of
    /// an empty database. Leaves the database empty.
    fn expect_nothing_left(&self, what: &str) -> Result<(), Failure> {
        self.expect_rows(what, &[])?;
        self.run("DROP TABLE alembic_version", "DROP TABLE alembic_version;")?;
        expect_same(
            &self.empty,
            &self.db.schema_dump(),
            &format!("{what}: the dump of an empty database"),
        )
        .map_err(|detail| Failure::check("something is left after a downgrade to base", detail))
    }
}

/// `expected` and `found` are the same dump, or the lines that differ.
fn expect_same(expected: &str, found: &str, what: &str) -> Result<(), String> {
    if expected == found {
        return Ok(());
    }
    let missing: Vec<&str> = expected
        .lines()
        .filter(|l| !found.lines().any(|f| f == *l))
        .collect();
    let extra: Vec<&str> = found
        .lines()
        .filter(|l| !expected.lines().any(|e| e == *l))
        .collect();
    Err(format!(
        "{what} differs\n--- lines missing:\n{}\n--- lines extra:\n{}",
        missing.join("\n"),
        extra.join("\n")
    ))
}

/// What retort compiles for one engine: the whole scripts and the steps.
struct Scripts {
    head: String,
    up: String,
    down: String,
    /// `upgrade r0`, `upgrade r0:r1`...
    up_steps: Vec<(String, String)>,
    /// `downgrade rN:rN-1`... `downgrade r0:base`.
    down_steps: Vec<(String, String)>,
}

impl Scripts {
    /// Compiles the project in `root` for `engine` as `retort check` and
    /// `retort upgrade` / `downgrade` do; a refusal is a failure (the
    /// generator kept only what retort compiles).
    fn of(root: &std::path::Path, engine: Engine, in_steps: bool) -> Result<Scripts, String> {
        let root = Utf8PathBuf::from_path_buf(root.to_owned()).map_err(|p| format!("{p:?}"))?;
        let project =
            Project::open(&root).map_err(|e| format!("retort refused the project:\n{e}"))?;
        let renderer = project
            .renderer(Some(engine.dialect()))
            .map_err(|e| e.to_string())?;
        let problems =
            retort::schema::validate_graph(&project.graph, std::slice::from_ref(renderer.facts()));
        if let Some(problem) = problems.first() {
            return Err(format!("retort refused the project: {problem}"));
        }
        let script = |command: &str, range: &str| -> Result<String, String> {
            let plan = match command {
                "upgrade" => retort::plan::upgrade(&project.graph, range),
                _ => retort::plan::downgrade(&project.graph, range),
            }
            .map_err(|e| format!("{command} {range}: {e}"))?;
            project
                .script(&plan, &renderer, ScriptStyle::default())
                .map_err(|e| format!("retort refused {command} {range}: {e}"))
        };
        let ids: Vec<String> = project
            .graph
            .upgrade_order()
            .iter()
            .map(|revision| revision.id.clone())
            .collect();
        let head = ids.last().cloned().ok_or("a project without revisions")?;
        let mut up_steps = Vec::new();
        let mut down_steps = Vec::new();
        // The steps only when they run: each replays the history before it.
        let steps = if in_steps { ids.len() } else { 0 };
        for (index, id) in ids.iter().enumerate().take(steps) {
            let (up, down) = match index {
                0 => (id.clone(), format!("{id}:base")),
                _ => (
                    format!("{}:{id}", ids[index - 1]),
                    format!("{id}:{}", ids[index - 1]),
                ),
            };
            up_steps.push((up.clone(), script("upgrade", &up)?));
            down_steps.push((down.clone(), script("downgrade", &down)?));
        }
        down_steps.reverse();
        Ok(Scripts {
            up: script("upgrade", "heads")?,
            down: script("downgrade", "head:base")?,
            head,
            up_steps,
            down_steps,
        })
    }
}
