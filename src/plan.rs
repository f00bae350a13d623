//! The plan: which revisions a command applies, in which order, and what each
//! step does to the version table (Alembic's `alembic_version` rows).

use crate::revision::Revision;
use serde::Serialize;

/// What a script does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScriptKind {
    /// `upgrade`: runs revisions' upgrade ops.
    Upgrade,
    /// `downgrade`: runs revisions' downgrade ops, newest first.
    Downgrade,
    /// `stamp`: only moves the version table.
    Stamp,
}

impl ScriptKind {
    /// The kind as a script's header and guards name it: `upgrade`,
    /// `downgrade` or `stamp`.
    pub fn name(self) -> &'static str {
        match self {
            ScriptKind::Upgrade => "upgrade",
            ScriptKind::Downgrade => "downgrade",
            ScriptKind::Stamp => "stamp",
        }
    }
}

/// One statement on the version table, after a step's ops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum VersionChange {
    /// A new row (a new head).
    Insert {
        /// The row's value.
        version: String,
    },
    /// Move a row from one revision to another.
    Update {
        /// The row's current value.
        from: String,
        /// Its new value.
        to: String,
    },
    /// Remove a row.
    Delete {
        /// The row's value.
        version: String,
    },
}

/// One step of a plan: one revision applied (or, for a stamp, the one move).
#[derive(Debug, Clone, Serialize)]
pub struct Step<'a> {
    /// The revision whose ops run; `None` for a stamp.
    pub revision: Option<&'a Revision>,
    /// Left side of `-- Running upgrade A -> B`.
    pub from: Vec<String>,
    /// Right side of `-- Running upgrade A -> B`.
    pub to: Vec<String>,
    /// Version-table statements after the ops, in order.
    pub version_changes: Vec<VersionChange>,
}

/// An ordered plan, ready to be replayed and rendered.
#[derive(Debug, Clone, Serialize)]
pub struct Plan<'a> {
    /// Upgrade, downgrade or stamp.
    pub kind: ScriptKind,
    /// The range starts at base: the script creates the version table first.
    pub creates_version_table: bool,
    /// The version-table rows before the first step (the range's `FROM`;
    /// empty for base). See [`Plan::revisions_before`].
    pub start: Vec<String>,
    /// The steps, in execution order.
    pub steps: Vec<Step<'a>>,
}

use crate::graph::{ResolveError, RevisionGraph};

impl<'a> Plan<'a> {
    /// The revisions applied before this plan starts, from base, in upgrade
    /// order: replaying them gives the schema the plan's first step sees.
    pub fn revisions_before(&self, graph: &'a RevisionGraph) -> Vec<&'a Revision> {
        graph.ancestors_in_order(&self.start)
    }

    /// The revisions whose ops run, in execution order (empty for a stamp).
    pub fn revisions(&self) -> impl Iterator<Item = &'a Revision> + '_ {
        self.steps.iter().filter_map(|s| s.revision)
    }

    /// The version-table rows before each step, starting from
    /// [`Plan::start`], in table order: what each step's guard expects.
    pub fn rows_before_each_step(&self) -> Vec<Vec<String>> {
        let mut rows = self.start.clone();
        let mut before = Vec::with_capacity(self.steps.len());
        for step in &self.steps {
            before.push(rows.clone());
            step.apply_to(&mut rows);
        }
        before
    }

    /// The version-table rows after the whole plan.
    pub fn rows_after(&self) -> Vec<String> {
        let mut rows = self.start.clone();
        for step in &self.steps {
            step.apply_to(&mut rows);
        }
        rows
    }
}

impl Step<'_> {
    /// `rows` after this step's version-table statements.
    fn apply_to(&self, rows: &mut Vec<String>) {
        for change in &self.version_changes {
            match change {
                VersionChange::Insert { version } => rows.push(version.clone()),
                VersionChange::Update { from, to } => match rows.iter_mut().find(|r| *r == from) {
                    Some(row) => *row = to.clone(),
                    None => rows.push(to.clone()),
                },
                VersionChange::Delete { version } => rows.retain(|r| r != version),
            }
        }
    }
}

/// Version-table rows as a script's comments show them: the ids joined by
/// `, `, `base` for none.
pub fn rows_text(rows: &[String]) -> String {
    if rows.is_empty() {
        "base".to_owned()
    } else {
        rows.join(", ")
    }
}

/// A command's range: `[FROM:]TO`.
fn split_range(range: &str) -> Result<(Option<&str>, &str), ResolveError> {
    match range.split(':').collect::<Vec<_>>().as_slice() {
        [to] => Ok((None, to)),
        [from, to] => Ok((Some(from), to)),
        _ => Err(ResolveError::BadRange(format!(
            "`{range}` is not a range; expected `TO` or `FROM:TO`"
        ))),
    }
}

/// The version-table rows a script starts from: `FROM` (one revision, or
/// base), as Alembic's offline `starting_rev`.
fn start_rows(graph: &RevisionGraph, from: Option<&str>) -> Result<Vec<usize>, ResolveError> {
    match from {
        None | Some("base") | Some("") => Ok(Vec::new()),
        Some(from) => Ok(graph.resolve_one_idx(from)?.into_iter().collect()),
    }
}

/// The version-table rows a downgrade starts from. `heads` (or
/// `label@heads`) is every head at once, a database at all of them: Alembic
/// refuses it offline when there are several, but its online `downgrade
/// base` from such a database takes every branch down in this order, and
/// without it unmerged branches joined by `depends_on` (neutron's expand and
/// contract) have no way back offline. Anything else, or a relative `TO`
/// (a step counted from one revision), starts from one revision.
fn downgrade_start_rows(
    graph: &RevisionGraph,
    from: &str,
    to: &str,
) -> Result<Vec<usize>, ResolveError> {
    if (from == "heads" || from.ends_with("@heads")) && !RevisionGraph::is_relative(to) {
        graph.resolve_idx(from)
    } else {
        start_rows(graph, Some(from))
    }
}

/// The plan of `upgrade [FROM:]TO`: every revision `TO` needs that `FROM`
/// does not have, in Alembic's order, with the version-table statements
/// Alembic emits after each. A backwards range is an empty plan, as in Alembic.
pub fn upgrade<'g>(graph: &'g RevisionGraph, range: &str) -> Result<Plan<'g>, ResolveError> {
    let (from, to) = split_range(range)?;
    let current = start_rows(graph, from)?;
    let targets = graph.upgrade_targets(&current, to)?;
    // A mask, not `Vec::contains`: that made `upgrade FROM:TO` quadratic.
    let mut have = vec![false; graph.revisions.len()];
    for r in graph.ancestors_idx(&current) {
        have[r] = true;
    }
    let needs: Vec<usize> = graph
        .ancestors_idx(&targets)
        .into_iter()
        .filter(|&r| !have[r])
        .collect();
    let mut order = graph.topological_sort(&needs, &targets);
    order.reverse();
    let steps = order.into_iter().map(|r| RevisionMove { rev: r, up: true });
    Ok(run(
        graph,
        ScriptKind::Upgrade,
        &current,
        steps.map(Move::Revision),
    ))
}

/// The plan of `downgrade FROM:TO`: the revisions above `TO` that `FROM`
/// has, newest first, with Alembic's version-table statements. Like
/// `alembic downgrade --sql`, a range is required.
pub fn downgrade<'g>(graph: &'g RevisionGraph, range: &str) -> Result<Plan<'g>, ResolveError> {
    let (Some(from), to) = split_range(range)? else {
        return Err(ResolveError::BadRange(
            "downgrade with --sql requires <fromrev>:<torev>".into(),
        ));
    };
    let current = downgrade_start_rows(graph, from, to)?;
    let (label, target) = graph.downgrade_target(&current, to)?;
    let mut roots: Vec<usize> = match target {
        None => (0..graph.revisions.len())
            .filter(|&r| graph.parents_of(r).is_empty())
            .collect(),
        Some(t) => graph.children_of(t).to_vec(),
    };
    if let Some(label) = label.filter(|_| roots.len() > 1) {
        let on_branch = graph.versioned_ancestors_idx(&[graph.branch_revision(&label)?]);
        roots.retain(|r| on_branch.contains(r));
        if roots.is_empty() {
            return Err(ResolveError::NotADowngradeTarget {
                target: to.into(),
                start: from.into(),
            });
        }
    }
    // A mask, not `Vec::contains`: that made a long downgrade quadratic.
    let mut active = vec![false; graph.revisions.len()];
    for r in graph.ancestors_idx(&current) {
        active[r] = true;
    }
    let drop: Vec<usize> = graph
        .descendants_idx(&roots)
        .into_iter()
        .filter(|&r| active[r])
        .collect();
    if let Some(t) = target {
        if drop.is_empty() && !current.contains(&t) {
            return Err(ResolveError::NotADowngradeTarget {
                target: to.into(),
                start: from.into(),
            });
        }
    }
    let order = graph.topological_sort(&drop, &current);
    let steps = order
        .into_iter()
        .map(|r| RevisionMove { rev: r, up: false });
    Ok(run(
        graph,
        ScriptKind::Downgrade,
        &current,
        steps.map(Move::Revision),
    ))
}

/// The plan of `stamp [FROM:]TO`: only version-table statements, as
/// Alembic's `_stamp_revs` computes them.
pub fn stamp<'g>(graph: &'g RevisionGraph, range: &str) -> Result<Plan<'g>, ResolveError> {
    let (from, to) = split_range(range)?;
    let current = start_rows(graph, from)?;
    let on_line: Vec<usize> = lineage_of(graph, &current, to)?;
    let dests = graph.resolve_idx(to)?;
    let mut moves = Vec::new();
    if dests.is_empty() {
        for &head in &on_line {
            moves.push(Move::Stamp(StampMove {
                from: vec![head],
                to: vec![],
                up: false,
                branch_move: true,
            }));
        }
    }
    for dest in dests {
        if on_line.contains(&dest) {
            continue;
        }
        let above = graph.descendants_idx(&[dest]);
        let below = graph.ancestors_idx(&[dest]);
        let (from, up, branch_move) = if on_line.iter().any(|h| above.contains(h)) {
            (on_line.clone(), false, false)
        } else if on_line.iter().any(|h| below.contains(h)) {
            (on_line.clone(), true, false)
        } else {
            (Vec::new(), true, true)
        };
        moves.push(Move::Stamp(StampMove {
            from,
            to: vec![dest],
            up,
            branch_move,
        }));
    }
    Ok(run(graph, ScriptKind::Stamp, &current, moves.into_iter()))
}

/// The current rows on the line of `ident` (Alembic's `filter_for_lineage`
/// with dependencies), for a stamp.
fn lineage_of(
    graph: &RevisionGraph,
    current: &[usize],
    ident: &str,
) -> Result<Vec<usize>, ResolveError> {
    let against = graph.resolve_idx(ident)?;
    Ok(current
        .iter()
        .copied()
        .filter(|&c| graph.shares_lineage(c, &against, true))
        .collect())
}

/// One revision applied up or down.
struct RevisionMove {
    rev: usize,
    up: bool,
}

/// A stamp's move of the version table (Alembic's `StampStep`).
struct StampMove {
    from: Vec<usize>,
    to: Vec<usize>,
    up: bool,
    branch_move: bool,
}

enum Move {
    Revision(RevisionMove),
    Stamp(StampMove),
}

/// Runs the moves against a model of the version table (Alembic's
/// `HeadMaintainer`), recording each step's statements.
fn run<'g>(
    graph: &'g RevisionGraph,
    kind: ScriptKind,
    current: &[usize],
    moves: impl Iterator<Item = Move>,
) -> Plan<'g> {
    let mut rows = VersionRows {
        graph,
        heads: current.to_vec(),
        changes: Vec::new(),
    };
    let mut steps = Vec::new();
    let mut creates_version_table = false;
    for (n, m) in moves.enumerate() {
        if n == 0 && rows.heads.is_empty() {
            creates_version_table = true;
        }
        let ids = |revs: &[usize]| -> Vec<String> {
            revs.iter().map(|&r| graph.rev(r).id.clone()).collect()
        };
        let step = match m {
            Move::Revision(RevisionMove { rev, up }) => {
                let this = vec![graph.rev(rev).id.clone()];
                let parents = ids(graph.parents_of(rev));
                if up {
                    rows.upgrade(rev);
                } else {
                    rows.downgrade(rev);
                }
                let (from, to) = if up { (parents, this) } else { (this, parents) };
                Step {
                    revision: Some(graph.rev(rev)),
                    from,
                    to,
                    version_changes: std::mem::take(&mut rows.changes),
                }
            }
            Move::Stamp(s) => {
                rows.stamp(&s);
                Step {
                    revision: None,
                    from: ids(&s.from),
                    to: ids(&s.to),
                    version_changes: std::mem::take(&mut rows.changes),
                }
            }
        };
        steps.push(step);
    }
    Plan {
        kind,
        creates_version_table,
        start: current.iter().map(|&r| graph.rev(r).id.clone()).collect(),
        steps,
    }
}

/// The rows of `alembic_version` while a plan runs.
struct VersionRows<'g> {
    graph: &'g RevisionGraph,
    heads: Vec<usize>,
    changes: Vec<VersionChange>,
}

impl VersionRows<'_> {
    fn id(&self, r: usize) -> String {
        self.graph.rev(r).id.clone()
    }

    fn insert(&mut self, r: usize) {
        if !self.heads.contains(&r) {
            self.heads.push(r);
        }
        self.changes.push(VersionChange::Insert {
            version: self.id(r),
        });
    }

    fn delete(&mut self, r: usize) {
        self.heads.retain(|&h| h != r);
        self.changes.push(VersionChange::Delete {
            version: self.id(r),
        });
    }

    fn update(&mut self, from: usize, to: usize) {
        match self.heads.iter().position(|&h| h == from) {
            Some(i) => self.heads[i] = to,
            None => self.heads.push(to),
        }
        self.changes.push(VersionChange::Update {
            from: self.id(from),
            to: self.id(to),
        });
    }

    fn has(&self, r: usize) -> bool {
        self.heads.contains(&r)
    }

    /// `RevisionStep.update_to_step` for an upgrade.
    fn upgrade(&mut self, rev: usize) {
        let down = self.graph.normalized_down(rev);
        let present: Vec<usize> = down.iter().copied().filter(|&d| self.has(d)).collect();
        if present.is_empty() {
            // a base, or none of the down revisions is a row: a new branch
            self.insert(rev);
        } else if down.len() > 1 && present.len() > 1 {
            // a merge: delete all rows but one, move that one
            let others: Vec<usize> = self
                .heads
                .iter()
                .copied()
                .filter(|h| !down.contains(h))
                .collect();
            let graph = self.graph;
            let merged: Vec<usize> = down
                .into_iter()
                .filter(|&d| !graph.is_ancestor_or_self(d, &others))
                .collect();
            if let Some((&last, rest)) = merged.split_last() {
                for &d in rest {
                    self.delete(d);
                }
                self.update(last, rev);
            }
        } else {
            self.update(present[0], rev);
        }
    }

    /// `RevisionStep.update_to_step` for a downgrade.
    fn downgrade(&mut self, rev: usize) {
        let down = self.graph.normalized_down(rev);
        if !self.has(rev) {
            // Alembic would fail here (the row is not there); move nothing.
            return;
        }
        let to = self.unmerge_targets(rev, &down);
        if down.is_empty() || to.is_empty() {
            self.delete(rev);
        } else if down.len() > 1 {
            // an unmerge: SPEC §6 fixes Alembic's hash-seed choice: UPDATE
            // to the first parent, INSERT the others in order.
            for &extra in &to[1..] {
                self.insert(extra);
            }
            self.update(rev, to[0]);
        } else {
            self.update(rev, down[0]);
        }
    }

    /// Alembic's `_unmerge_to_revisions`: the down revisions not already
    /// implied by another row (or by each other).
    fn unmerge_targets(&self, rev: usize, down: &[usize]) -> Vec<usize> {
        let others: Vec<usize> = self.heads.iter().copied().filter(|&h| h != rev).collect();
        if others.is_empty() && down.len() < 2 {
            // Nothing can imply a lone parent; skips a walk of the whole
            // ancestry per step, which made a long downgrade quadratic.
            return down.to_vec();
        }
        let graph = self.graph;
        if others.is_empty() {
            // The parents implied by another parent: those below the
            // parents' own parents.
            let grandparents: Vec<usize> = down
                .iter()
                .flat_map(|&e| graph.normalized_down(e))
                .collect();
            if down.len() <= 16 {
                down.iter()
                    .copied()
                    .filter(|&d| !graph.is_ancestor_or_self(d, &grandparents))
                    .collect()
            } else {
                // Many parents: one walk instead of one per parent.
                let implied: std::collections::HashSet<usize> =
                    graph.ancestors_idx(&grandparents).into_iter().collect();
                down.iter()
                    .copied()
                    .filter(|d| !implied.contains(d))
                    .collect()
            }
        } else {
            down.iter()
                .copied()
                .filter(|&d| !graph.is_ancestor_or_self(d, &others))
                .collect()
        }
    }

    /// `StampStep` through `update_to_step`.
    fn stamp(&mut self, s: &StampMove) {
        if !s.up && s.branch_move {
            if let Some(&f) = s.from.first() {
                self.delete(f);
            }
        } else if s.up
            && (s.branch_move || s.from.iter().any(|f| !self.has(*f)))
            && s.to.iter().any(|t| !self.has(*t))
        {
            self.insert(s.to[0]);
        } else if s.from.len() > 1 {
            let (&last, rest) = s.from.split_last().expect("len > 1");
            for &f in rest {
                self.delete(f);
            }
            self.update(last, s.to[0]);
        } else if let (Some(&f), Some(&t)) = (s.from.first(), s.to.first()) {
            self.update(f, t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{corpus, graph_of};

    /// The plan as Alembic's `--sql` shows it: `-- Running` lines and the
    /// version-table statements (pg forms, without RETURNING).
    fn show(plan: &Plan) -> Vec<String> {
        let mut out = Vec::new();
        if plan.creates_version_table {
            out.push("CREATE TABLE alembic_version".to_owned());
        }
        let name = match plan.kind {
            ScriptKind::Upgrade => "upgrade",
            ScriptKind::Downgrade => "downgrade",
            ScriptKind::Stamp => "stamp_revision",
        };
        for step in &plan.steps {
            out.push(format!(
                "-- Running {name} {} -> {}",
                step.from.join(", "),
                step.to.join(", ")
            ));
            for change in &step.version_changes {
                out.push(match change {
                    VersionChange::Insert { version } => format!("INSERT {version}"),
                    VersionChange::Update { from, to } => format!("UPDATE {from} -> {to}"),
                    VersionChange::Delete { version } => format!("DELETE {version}"),
                });
            }
        }
        out
    }

    // Expected lines below are read off the corpus, out/postgresql/*.sql.

    #[test]
    fn upgrade_head_matches_the_corpus() {
        let g = corpus(false);
        let plan = upgrade(&g, "head").unwrap();
        assert_eq!(
            show(&plan),
            [
                "CREATE TABLE alembic_version",
                "-- Running upgrade  -> r1",
                "INSERT r1",
                "-- Running upgrade r1 -> r2",
                "UPDATE r1 -> r2",
                "-- Running upgrade r2 -> r3",
                "UPDATE r2 -> r3",
                "-- Running upgrade r3 -> r4",
                "UPDATE r3 -> r4",
                "-- Running upgrade r4 -> r5",
                "UPDATE r4 -> r5",
                "-- Running upgrade r5 -> r6",
                "UPDATE r5 -> r6",
                "-- Running upgrade r6 -> r7b",
                "UPDATE r6 -> r7b",
                "-- Running upgrade r6 -> r7a",
                "INSERT r7a",
                "-- Running upgrade r7a, r7b -> r8",
                "DELETE r7a",
                "UPDATE r7b -> r8",
                "-- Running upgrade r8 -> r9",
                "UPDATE r8 -> r9",
            ]
        );
        assert!(plan.revisions_before(&g).is_empty());
    }

    #[test]
    fn ranges_and_branches() {
        let g = corpus(false);
        assert_eq!(
            show(&upgrade(&g, "r7a:r8").unwrap()),
            [
                "-- Running upgrade r6 -> r7b",
                "INSERT r7b",
                "-- Running upgrade r7a, r7b -> r8",
                "DELETE r7a",
                "UPDATE r7b -> r8",
            ]
        );
        assert_eq!(
            show(&upgrade(&g, "r6:r7a").unwrap()),
            ["-- Running upgrade r6 -> r7a", "UPDATE r6 -> r7a"]
        );
        let heads = show(&upgrade(&g, "r6:heads").unwrap());
        assert_eq!(heads, show(&upgrade(&g, "r6:feature_a@head").unwrap()));
        assert_eq!(heads.len(), 9);
        assert!(upgrade(&g, "r6:r3").unwrap().steps.is_empty());
        assert_eq!(
            show(&upgrade(&g, "r2:+2").unwrap()),
            [
                "-- Running upgrade r2 -> r3",
                "UPDATE r2 -> r3",
                "-- Running upgrade r3 -> r4",
                "UPDATE r3 -> r4",
            ]
        );
        assert_eq!(
            show(&upgrade(&g, "+1").unwrap()),
            [
                "CREATE TABLE alembic_version",
                "-- Running upgrade  -> r1",
                "INSERT r1"
            ]
        );
        let plan = upgrade(&g, "r7a:r8").unwrap();
        let before: Vec<&str> = plan
            .revisions_before(&g)
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(before, ["r1", "r2", "r3", "r4", "r5", "r6", "r7a"]);
    }

    #[test]
    fn downgrades_unmerge() {
        let g = corpus(false);
        assert_eq!(
            show(&downgrade(&g, "r9:r6").unwrap()),
            [
                "-- Running downgrade r9 -> r8",
                "UPDATE r9 -> r8",
                "-- Running downgrade r8 -> r7a, r7b",
                "INSERT r7b",
                "UPDATE r8 -> r7a",
                "-- Running downgrade r7a -> r6",
                "DELETE r7a",
                "-- Running downgrade r7b -> r6",
                "UPDATE r7b -> r6",
            ]
        );
        assert_eq!(
            show(&downgrade(&g, "r6:-1").unwrap()),
            ["-- Running downgrade r6 -> r5", "UPDATE r6 -> r5"]
        );
        assert_eq!(
            show(&downgrade(&g, "r8:r7a").unwrap()),
            [
                "-- Running downgrade r8 -> r7a, r7b",
                "INSERT r7b",
                "UPDATE r8 -> r7a",
            ]
        );
        let last = show(&downgrade(&g, "head:base").unwrap());
        assert_eq!(last.last().unwrap(), "DELETE r1");
        let e = downgrade(&g, "base").unwrap_err().to_string();
        assert_eq!(e, "downgrade with --sql requires <fromrev>:<torev>");
    }

    /// Unmerged heads joined by `depends_on` (neutron's expand and
    /// contract): `heads:base` starts from every head, in the order
    /// Alembic's online `downgrade base` takes from a database at them;
    /// a relative target still counts from one revision.
    #[test]
    fn several_heads_downgrade_to_base_together() {
        // In file-name order, as the Alembic project this was checked on.
        let g = graph_of(&[
            ("c1", &["r0"], "depends_on: [e1]"),
            ("c2", &["c1"], ""),
            ("e1", &["r0"], ""),
            ("e2", &["e1"], ""),
            ("r0", &[], ""),
        ])
        .unwrap();
        assert_eq!(
            show(&downgrade(&g, "heads:base").unwrap()),
            [
                "-- Running downgrade c2 -> c1",
                "UPDATE c2 -> c1",
                "-- Running downgrade c1 -> r0",
                "DELETE c1",
                "-- Running downgrade e2 -> e1",
                "UPDATE e2 -> e1",
                "-- Running downgrade e1 -> r0",
                "UPDATE e1 -> r0",
                "-- Running downgrade r0 -> ",
                "DELETE r0",
            ]
        );
        let e = downgrade(&g, "heads:-1").unwrap_err().to_string();
        assert!(
            e.starts_with("`heads` is several revisions here (c2, e2)"),
            "{e}"
        );
    }

    #[test]
    fn depends_on_is_ancestry_for_rows() {
        let g = corpus(true);
        assert_eq!(
            show(&upgrade(&g, "r6:r7b").unwrap()),
            [
                "-- Running upgrade r6 -> r7a",
                "UPDATE r6 -> r7a",
                "-- Running upgrade r6 -> r7b",
                "UPDATE r7a -> r7b",
            ]
        );
        assert_eq!(
            show(&downgrade(&g, "r8:r6").unwrap()),
            [
                "-- Running downgrade r8 -> r7a, r7b",
                "UPDATE r8 -> r7b",
                "-- Running downgrade r7b -> r6",
                "UPDATE r7b -> r7a",
                "-- Running downgrade r7a -> r6",
                "UPDATE r7a -> r6",
            ]
        );
    }

    #[test]
    fn stamps() {
        let g = corpus(false);
        assert_eq!(
            show(&stamp(&g, "head").unwrap()),
            [
                "CREATE TABLE alembic_version",
                "-- Running stamp_revision  -> r9",
                "INSERT r9",
            ]
        );
        assert_eq!(
            show(&stamp(&g, "r6:r7a").unwrap()),
            ["-- Running stamp_revision r6 -> r7a", "UPDATE r6 -> r7a"]
        );
        assert_eq!(
            show(&stamp(&g, "r7a:r8").unwrap()),
            ["-- Running stamp_revision r7a -> r8", "UPDATE r7a -> r8"]
        );
        assert_eq!(
            show(&stamp(&g, "r8:r7a").unwrap()),
            ["-- Running stamp_revision r8 -> r7a", "UPDATE r8 -> r7a"]
        );
        assert_eq!(
            show(&stamp(&g, "head:base").unwrap()),
            ["-- Running stamp_revision r9 -> ", "DELETE r9"]
        );
    }

    #[test]
    fn linear_chains() {
        let g = graph_of(&[("a1", &[], ""), ("b2", &["a1"], ""), ("c3", &["b2"], "")]).unwrap();
        assert_eq!(
            upgrade(&g, "head")
                .unwrap()
                .revisions()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["a1", "b2", "c3"]
        );
        assert_eq!(
            downgrade(&g, "head:base")
                .unwrap()
                .revisions()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["c3", "b2", "a1"]
        );
    }
}
