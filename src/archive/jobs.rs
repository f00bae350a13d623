//! Which scripts a compile writes, and their file names: `upgrade.sql` and
//! `downgrade.sql` for the whole range, and one script each way per
//! revision, `revisions/NNNN_<rev>_<slug>.<kind>.sql`.

use crate::plan::{rows_text, Plan};
use crate::revision::Revision;
use crate::slug::slug;
use camino::Utf8PathBuf;
use std::collections::BTreeMap;

/// One script to write for every target: where it goes and what it runs.
#[derive(Debug, Clone)]
pub struct ScriptJob<'a> {
    /// Path under `out/<dialect>/`, `/`-separated.
    pub path: Utf8PathBuf,
    /// What the script runs.
    pub plan: Plan<'a>,
    /// The range, as the header shows it: `base -> 7c3e9a5b1d84`.
    pub range: String,
    /// For a per-revision script, the revision it archives.
    pub revision: Option<String>,
    /// For a per-revision script, the index of its step in the whole-range
    /// job of the same kind, whose rendered step it reuses
    /// ([`RenderScript::render_parts`]).
    pub step: Option<usize>,
}

/// The per-revision and whole-range jobs of a project: `upgrade.sql` and
/// `downgrade.sql` from the full plans, and one upgrade and one downgrade
/// script per revision, each the full plan's step for that revision on its
/// own (so that running them in `NNNN` order does what `upgrade.sql` does).
pub fn jobs<'a>(upgrade: &Plan<'a>, downgrade: &Plan<'a>) -> Vec<ScriptJob<'a>> {
    let mut jobs = vec![
        ScriptJob {
            path: "upgrade.sql".into(),
            plan: upgrade.clone(),
            range: range_text(upgrade),
            revision: None,
            step: None,
        },
        ScriptJob {
            path: "downgrade.sql".into(),
            plan: downgrade.clone(),
            range: range_text(downgrade),
            revision: None,
            step: None,
        },
    ];
    let places = plan_places(upgrade);
    for (kind, plan) in [("upgrade", upgrade), ("downgrade", downgrade)] {
        let rows = plan.rows_before_each_step();
        for (index, step) in plan.steps.iter().enumerate() {
            let Some(revision) = step.revision else {
                continue;
            };
            let Some(place) = places.get(revision.id.as_str()) else {
                continue;
            };
            let single = Plan {
                kind: plan.kind,
                creates_version_table: plan.creates_version_table && index == 0,
                start: rows[index].clone(),
                steps: vec![step.clone()],
            };
            jobs.push(ScriptJob {
                path: format!("revisions/{}.{kind}.sql", revision_stem(*place, revision)).into(),
                range: range_text(&single),
                plan: single,
                revision: Some(revision.id.clone()),
                step: Some(index),
            });
        }
    }
    jobs
}

/// Each revision's 1-based place in the upgrade plan.
fn plan_places<'p>(upgrade: &'p Plan) -> BTreeMap<&'p str, usize> {
    upgrade
        .revisions()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i + 1))
        .collect()
}

/// `NNNN_<rev>_<slug>`: the file stem of a revision's scripts.
pub fn revision_stem(place: usize, revision: &Revision) -> String {
    let slug = slug(revision.slug_source());
    if slug.is_empty() {
        format!("{place:04}_{}", revision.id)
    } else {
        format!("{place:04}_{}_{slug}", revision.id)
    }
}

/// The range a header shows: a one-revision script as its
/// `-- Running upgrade A -> B` line (`4d7a2f9e3c18, b95c3e7d1f62 ->
/// 0f6b8d4a2e57`), a longer one from its first rows to its last.
fn range_text(plan: &Plan) -> String {
    match plan.steps.as_slice() {
        [step] if step.revision.is_some() => {
            format!("{} -> {}", rows_text(&step.from), rows_text(&step.to))
        }
        _ => format!(
            "{} -> {}",
            rows_text(&plan.start),
            rows_text(&plan.rows_after())
        ),
    }
}

/// Where every script of `jobs` on `dialects` goes, relative to `out/`.
pub fn script_paths(jobs: &[ScriptJob], dialects: &[String]) -> Vec<Utf8PathBuf> {
    dialects
        .iter()
        .flat_map(|dialect| {
            jobs.iter()
                .map(move |job| Utf8PathBuf::from(dialect).join(&job.path))
        })
        .collect()
}
