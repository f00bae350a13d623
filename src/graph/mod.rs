//! The revision graph and Alembic's identifier resolution.
//!
//! [`RevisionGraph::build`] checks the loaded revisions as a graph (duplicate
//! ids, references to nothing, cycles, branch labels used twice) and works out
//! what Alembic's `RevisionMap` knows: heads, bases, children, the
//! dependencies that are not already implied by an ancestor, and the branch
//! labels each revision carries after propagation.
//!
//! Resolution follows `alembic/script/revision.py` function by function, so
//! that an identifier means here what it means to `alembic`: `head`, `heads`,
//! `base`, full ids, unique prefixes (of ids of four characters or more),
//! branch labels, `label@head`, `id@head`, `+N`/`-N`, `REV+N`/`REV-N`.
//!
//! Where Alembic iterates a Python `set` (whose order can change from run to
//! run), this module uses the order of the revisions in the graph: the sorted
//! order of their file paths, which is also the order Alembic loads files in.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::revision::Revision;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub mod listing;
pub mod picture;
mod resolve;
mod validate;

pub use resolve::ResolveError;

/// The most revisions the `depends_on` and branch label passes of
/// [`RevisionGraph::build`] may visit. Each walks the ancestors or
/// descendants of a revision, so a hostile graph (every one of 100,000
/// revisions labelled) would take quadratic time and memory; real projects,
/// with a few labels and dependencies, stay far below it.
pub const MAX_PROPAGATION_WORK: usize = 2_000_000;

/// The validated revision graph, with what Alembic's `RevisionMap` computes.
#[derive(Debug)]
pub struct RevisionGraph {
    /// The revisions, in the order they were loaded (sorted file paths).
    pub revisions: Vec<Revision>,
    index: HashMap<String, usize>,
    /// Original branch labels (as written) → revision.
    labels: BTreeMap<String, usize>,
    /// Down revisions (`down_revision` only), as indices.
    parents: Vec<Vec<usize>>,
    /// `depends_on`, resolved to revisions (labels replaced by their revision).
    dependencies: Vec<Vec<usize>>,
    /// `depends_on` minus what an ancestor already depends on.
    normalized_dependencies: Vec<Vec<usize>>,
    /// Children through `down_revision` (Alembic's `nextrev`), in graph order.
    children: Vec<Vec<usize>>,
    /// Children through `down_revision` or `depends_on` (`_all_nextrev`).
    all_children: Vec<Vec<usize>>,
    /// Branch labels after propagation to descendants.
    effective_labels: Vec<BTreeSet<String>>,
    /// Each revision's place in a topological order (every revision after
    /// its down revisions and dependencies), one branch after another: what
    /// bounds the walks of [`RevisionGraph::is_ancestor_or_self`].
    places: Vec<usize>,
}

impl RevisionGraph {
    /// Checks `revisions` as a graph and builds it. Every problem is
    /// reported, each at the file and line it is about.
    pub fn build(revisions: Vec<Revision>) -> Result<RevisionGraph, Diagnostics> {
        let mut errors = Vec::new();
        let index = validate::index_ids(&revisions, &mut errors);
        let labels = validate::index_labels(&revisions, &index, &mut errors);
        let mut parents = vec![Vec::new(); revisions.len()];
        let mut dependencies = vec![Vec::new(); revisions.len()];
        for (i, rev) in revisions.iter().enumerate() {
            if index.get(&rev.id) == Some(&i) {
                parents[i] = validate::parents(rev, i, &index, &mut errors);
                dependencies[i] = validate::dependencies(rev, i, &index, &labels, &mut errors);
            } // else: a duplicate, reported by index_ids
        }
        if errors.is_empty() {
            if let Some(cycle) = validate::find_cycle(&parents, &dependencies) {
                errors.push(validate::cycle_error(&revisions, &cycle));
            }
        }
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        let n = revisions.len();
        let (children, all_children) = children_lists(&parents, &dependencies);
        let mut graph = RevisionGraph {
            revisions,
            index,
            labels,
            parents,
            dependencies,
            normalized_dependencies: vec![Vec::new(); n],
            children,
            all_children,
            effective_labels: vec![BTreeSet::new(); n],
            places: Vec::new(),
        };
        graph.places = graph.topological_places();
        graph.normalize_dependencies()?;
        graph.propagate_branch_labels()?;
        Ok(graph)
    }

    /// Alembic's `_normalize_depends_on`: drop dependencies that an ancestor
    /// (through `down_revision`) already depends on.
    fn normalize_dependencies(&mut self) -> Result<(), Diagnostic> {
        let mut work = 0;
        for i in 0..self.revisions.len() {
            if self.dependencies[i].is_empty() {
                continue;
            }
            let mut kept = self.dependencies[i].clone();
            let ancestors = self.related(&[i], |g, r| g.parents[r].clone());
            work += ancestors.len();
            if work > MAX_PROPAGATION_WORK {
                return Err(self.too_much_work(i, "depends_on", "revisions with `depends_on`"));
            }
            for ancestor in ancestors {
                if ancestor != i {
                    kept.retain(|d| !self.dependencies[ancestor].contains(d));
                }
            }
            self.normalized_dependencies[i] = kept;
        }
        Ok(())
    }

    /// The error of a graph whose `key` (`depends_on`, `branch_labels`)
    /// passes exceed [`MAX_PROPAGATION_WORK`], at revision `i`.
    fn too_much_work(&self, i: usize, key: &str, what: &str) -> Diagnostic {
        let count = match key {
            "depends_on" => self.dependencies.iter().filter(|d| !d.is_empty()).count(),
            _ => self
                .revisions
                .iter()
                .filter(|r| !r.branch_labels.is_empty())
                .count(),
        };
        Diagnostic::new(
            validate::key_location(&self.revisions[i], key),
            format!(
                "the project has {count} {what} among {} revisions: working out what \
                 they mean (each applies to every ancestor or descendant) would visit more \
                 than {MAX_PROPAGATION_WORK} revisions; retort refuses a graph this costly: \
                 use fewer `{key}`",
                self.revisions.len()
            ),
        )
    }

    /// Alembic's `_add_branches`: a label marks its revision and every
    /// descendant, then the line below the last descendant visited, down to
    /// the nearest branch point or merge.
    fn propagate_branch_labels(&mut self) -> Result<(), Diagnostic> {
        let mut work = 0;
        for i in 0..self.revisions.len() {
            let labels = &self.revisions[i].branch_labels;
            if labels.is_empty() {
                continue;
            }
            let labels: Vec<String> = labels.clone();
            let descendants = self.related(&[i], |g, r| g.children[r].clone());
            // Every label is copied to every descendant: count the copies.
            work += descendants.len() * labels.len();
            if work > MAX_PROPAGATION_WORK {
                return Err(self.too_much_work(
                    i,
                    "branch_labels",
                    "revisions with `branch_labels`",
                ));
            }
            for &d in &descendants {
                self.effective_labels[d].extend(labels.iter().cloned());
            }
            let mut parent = descendants.last().copied();
            while let Some(p) = parent {
                if self.all_children[p].len() > 1 || self.parents[p].len() > 1 {
                    break;
                }
                self.effective_labels[p].extend(labels.iter().cloned());
                parent = self.parents[p].first().copied();
                work += labels.len();
            }
        }
        Ok(())
    }

    /// Alembic's `_iterate_related_revisions`: a depth-first walk from
    /// `targets` along `next`, each revision once, in visiting order.
    fn related(&self, targets: &[usize], next: impl Fn(&Self, usize) -> Vec<usize>) -> Vec<usize> {
        // A set, not a flag per revision: a short walk costs no more than
        // its length (build walks from every labelled revision).
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for &target in targets {
            let mut todo = vec![target];
            while let Some(r) = todo.pop() {
                if !seen.insert(r) {
                    continue;
                }
                todo.extend(next(self, r));
                out.push(r);
            }
        }
        out
    }

    // ---------------------------------------------------------------------
    // Graph facts, by index (used by the plan).

    pub(crate) fn rev(&self, i: usize) -> &Revision {
        &self.revisions[i]
    }

    /// `down_revision` followed by the normalized dependencies (Alembic's
    /// `_normalized_down_revisions`).
    pub(crate) fn normalized_down(&self, i: usize) -> Vec<usize> {
        let mut out = self.parents[i].clone();
        for &d in &self.normalized_dependencies[i] {
            push_unique(&mut out, d);
        }
        out
    }

    pub(crate) fn parents_of(&self, i: usize) -> &[usize] {
        &self.parents[i]
    }

    pub(crate) fn children_of(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Ancestors including `targets`, through `down_revision` and dependencies.
    pub(crate) fn ancestors_idx(&self, targets: &[usize]) -> Vec<usize> {
        self.related(targets, |g, r| g.normalized_down(r))
    }

    /// Ancestors including `targets`, through `down_revision` only.
    pub(crate) fn versioned_ancestors_idx(&self, targets: &[usize]) -> Vec<usize> {
        self.related(targets, |g, r| g.parents[r].clone())
    }

    /// Descendants including `targets`, through `down_revision` and dependencies.
    pub(crate) fn descendants_idx(&self, targets: &[usize]) -> Vec<usize> {
        self.related(targets, |g, r| g.all_children[r].clone())
    }

    /// Descendants including `targets`, through `down_revision` only.
    pub(crate) fn versioned_descendants_idx(&self, targets: &[usize]) -> Vec<usize> {
        self.related(targets, |g, r| g.children[r].clone())
    }

    /// Whether `target` is one of `from` or an ancestor of one of them
    /// (through `down_revision` and dependencies). The walk does not go
    /// below `target`'s place in upgrade order, since nothing placed before
    /// it can lead to it: a plan asks this at every step, and a walk of the
    /// whole ancestry each time made long downgrades of branches quadratic.
    pub(crate) fn is_ancestor_or_self(&self, target: usize, from: &[usize]) -> bool {
        if from.contains(&target) {
            return true;
        }
        let places = &self.places;
        let floor = places[target];
        let Some(ceiling) = from.iter().map(|&f| places[f]).max() else {
            return false;
        };
        // Two walks, a step of each in turn: down from `from` (never below
        // `target`'s place) and up from `target` (never above the highest
        // of `from`); whichever runs out first answers, so the cost is
        // twice the shorter walk. Up through every `depends_on`: the
        // dependencies normalisation drops are implied by an ancestor, so
        // what is reachable is the same.
        let mut down = Walk::new(from.to_vec());
        let mut up = Walk::new(vec![target]);
        loop {
            match down.step(|r| {
                self.normalized_down(r)
                    .into_iter()
                    .filter(|&d| places[d] >= floor)
                    .collect()
            }) {
                Some(r) if r == target => return true,
                Some(_) => {}
                None => return false,
            }
            match up.step(|r| {
                self.all_children[r]
                    .iter()
                    .copied()
                    .filter(|&c| places[c] <= ceiling)
                    .collect()
            }) {
                Some(r) if from.contains(&r) => return true,
                Some(_) => {}
                None => return false,
            }
        }
    }

    /// Each revision's place in a topological order, by Kahn's algorithm
    /// with a stack, so that a branch is placed whole before the next.
    fn topological_places(&self) -> Vec<usize> {
        let n = self.revisions.len();
        let next_of = |r: usize| -> Vec<usize> {
            let mut next = self.children[r].clone();
            next.extend(self.dependents_of(r));
            next
        };
        let mut waiting = vec![0usize; n];
        for r in 0..n {
            for child in next_of(r) {
                waiting[child] += 1;
            }
        }
        let mut ready: Vec<usize> = (0..n).rev().filter(|&i| waiting[i] == 0).collect();
        let mut places = vec![0; n];
        let mut next = 0;
        while let Some(r) = ready.pop() {
            places[r] = next;
            next += 1;
            for child in next_of(r).into_iter().rev() {
                waiting[child] -= 1;
                if waiting[child] == 0 {
                    ready.push(child);
                }
            }
        }
        places
    }

    /// The revisions whose `depends_on` names `r` (its `all_children` that
    /// are not its `children`), counted once per naming.
    fn dependents_of(&self, r: usize) -> Vec<usize> {
        self.all_children[r]
            .iter()
            .copied()
            .filter(|&c| self.dependencies[c].contains(&r))
            .collect()
    }

    fn ids(&self, revs: &[usize]) -> Vec<String> {
        revs.iter().map(|&r| self.revisions[r].id.clone()).collect()
    }

    // ---------------------------------------------------------------------
    // Public queries.

    /// The revision with this exact id.
    pub fn get(&self, id: &str) -> Option<&Revision> {
        self.index.get(id).map(|&i| &self.revisions[i])
    }

    /// The heads: revisions no `down_revision` names (Alembic's `heads`), in
    /// graph order.
    pub fn heads(&self) -> Vec<&Revision> {
        self.head_indices()
            .into_iter()
            .map(|i| &self.revisions[i])
            .collect()
    }

    fn head_indices(&self) -> Vec<usize> {
        (0..self.revisions.len())
            .filter(|&i| self.children[i].is_empty())
            .collect()
    }

    /// Heads that nothing depends on either (Alembic's `_real_heads`; what
    /// the identifier `heads` means).
    fn real_head_indices(&self) -> Vec<usize> {
        (0..self.revisions.len())
            .filter(|&i| self.all_children[i].is_empty())
            .collect()
    }

    /// The bases: revisions without a `down_revision`, in graph order.
    pub fn bases(&self) -> Vec<&Revision> {
        self.revisions
            .iter()
            .filter(|r| r.down_revisions.is_empty())
            .collect()
    }

    /// True when several revisions name `id` as their `down_revision`.
    pub fn is_branch_point(&self, id: &str) -> bool {
        self.index
            .get(id)
            .is_some_and(|&i| self.children[i].len() > 1)
    }

    /// True when `id` has several `down_revision`s.
    pub fn is_merge_point(&self, id: &str) -> bool {
        self.get(id).is_some_and(|r| r.down_revisions.len() > 1)
    }

    /// True when `id` is a head.
    pub fn is_head(&self, id: &str) -> bool {
        self.index
            .get(id)
            .is_some_and(|&i| self.children[i].is_empty())
    }

    /// The revisions whose `down_revision` names `id`, in graph order.
    pub fn children(&self, id: &str) -> Vec<&Revision> {
        self.index
            .get(id)
            .map(|&i| {
                self.children[i]
                    .iter()
                    .map(|&c| &self.revisions[c])
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The branch labels `id` carries: its own and those propagated from
    /// its ancestors, as `alembic history` shows them.
    pub fn branch_labels(&self, id: &str) -> Vec<String> {
        self.index
            .get(id)
            .map(|&i| self.effective_labels[i].iter().cloned().collect())
            .unwrap_or_default()
    }

    /// The revisions from base up to and including `ids`, in the order an
    /// upgrade from base applies them (every revision after its
    /// `down_revision`s and `depends_on`s). This is the replay order of the
    /// schema model: the schema at `ids` is what these revisions build.
    /// Unknown ids are ignored; `&[]` gives nothing (base).
    pub fn ancestors_in_order(&self, ids: &[String]) -> Vec<&Revision> {
        let targets: Vec<usize> = ids
            .iter()
            .filter_map(|id| self.index.get(id).copied())
            .collect();
        let needed = self.ancestors_idx(&targets);
        let mut order = self.topological_sort(&needed, &targets);
        order.reverse();
        order.into_iter().map(|i| &self.revisions[i]).collect()
    }

    /// Alembic's `walk_revisions(base, head)`: the revisions from `base`
    /// (inclusive) up to `head`, newest first, as `history -r BASE:HEAD`
    /// lists them. `base`/`heads` give the whole graph.
    pub fn history(&self, base: &str, head: &str) -> Result<Vec<&Revision>, ResolveError> {
        let current = self.resolve_idx(base)?;
        let mut targets = self.upgrade_targets(&current, head)?;
        if let Some((branch, _)) = base.split_once('@') {
            let mut label = branch.to_owned();
            if let Ok(Some(r)) = self.resolve_one_idx(branch) {
                if self.revisions[r].id == branch {
                    if let Some(first) = self.effective_labels[r].iter().next() {
                        label = first.clone();
                    }
                }
            }
            targets.retain(|&t| self.effective_labels[t].contains(&label));
        }
        let required = self.ancestors_idx(&targets);
        if current.iter().any(|c| !required.contains(c)) {
            return Err(ResolveError::BadRange(format!(
                "requested range `{base}:{head}` does not refer to ancestor/descendant revisions \
                 along the same branch"
            )));
        }
        let below: BTreeSet<usize> = self.ancestors_idx(&current).into_iter().collect();
        let mut needs: Vec<usize> = required
            .into_iter()
            .filter(|r| !below.contains(r))
            .collect();
        needs.extend(current.iter().copied());
        if !current.is_empty() {
            let above: BTreeSet<usize> = self
                .versioned_descendants_idx(&current)
                .into_iter()
                .collect();
            needs.retain(|r| above.contains(r));
        }
        let order = self.topological_sort(&needs, &targets);
        Ok(order.into_iter().map(|i| &self.revisions[i]).collect())
    }

    /// True when nothing names `id` in `down_revision` or `depends_on`
    /// (Alembic's "real" head; `history` marks it `(head)`).
    pub fn is_real_head(&self, id: &str) -> bool {
        self.index
            .get(id)
            .is_some_and(|&i| self.all_children[i].is_empty())
    }

    /// Every revision in upgrade order from base to all heads.
    pub fn upgrade_order(&self) -> Vec<&Revision> {
        let heads = self.ids(&self.real_head_indices());
        self.ancestors_in_order(&heads)
    }

    /// Alembic's `_topological_sort`: `revisions` in an order where each
    /// comes *before* its down revisions (reverse it for an upgrade),
    /// walking down from `heads`, one branch as far as possible before the
    /// next, the first parent of a merge first.
    pub(crate) fn topological_sort(&self, revisions: &[usize], heads: &[usize]) -> Vec<usize> {
        let mut todo: BTreeSet<usize> = revisions.iter().copied().collect();
        let mut current: Vec<usize> = heads.iter().copied().filter(|h| todo.contains(h)).collect();
        current.sort_unstable();
        current.dedup();
        // Alembic keeps the ancestors of each head and walks another head
        // first while the candidate is among them; a set per head made long
        // histories with branches quadratic. A candidate is among them
        // exactly when one of its descendants still waits to be walked
        // (every waiting revision is below a head), so a count of those
        // says when to look for that head.
        let reachable: BTreeSet<usize> = self
            .ancestors_idx(&current)
            .into_iter()
            .filter(|r| todo.contains(r))
            .collect();
        let mut waiting_below = vec![0usize; self.revisions.len()];
        for &r in &reachable {
            for d in self.normalized_down(r) {
                if reachable.contains(&d) {
                    waiting_below[d] += 1;
                }
            }
        }
        let mut output = Vec::new();
        let mut idx = 0;
        while !current.is_empty() {
            let candidate = current[idx];
            if waiting_below[candidate] > 0 {
                let other = (0..current.len())
                    .find(|&j| j != idx && self.is_ancestor_or_self(candidate, &[current[j]]));
                if let Some(other) = other {
                    // another head depends on this one: walk that head first
                    idx = other;
                    continue;
                }
            }
            let down = self.normalized_down(candidate);
            if todo.remove(&candidate) {
                output.push(candidate);
                if reachable.contains(&candidate) {
                    for &d in &down {
                        if reachable.contains(&d) {
                            waiting_below[d] -= 1;
                        }
                    }
                }
            }
            let to_add: Vec<usize> = down
                .into_iter()
                .filter(|r| todo.contains(r) && !current.contains(r))
                .collect();
            if to_add.is_empty() {
                current.remove(idx);
                idx = idx.saturating_sub(1);
            } else {
                current[idx] = to_add[0];
                current.extend_from_slice(&to_add[1..]);
            }
        }
        // Unreachable from `heads` (Alembic asserts this cannot happen).
        output.extend(todo);
        output
    }
}

/// A depth-first walk taken one revision at a time.
struct Walk {
    todo: Vec<usize>,
    seen: std::collections::HashSet<usize>,
}

impl Walk {
    fn new(start: Vec<usize>) -> Walk {
        Walk {
            todo: start,
            seen: std::collections::HashSet::new(),
        }
    }

    /// The next revision not seen yet (its `next` revisions queued), or
    /// `None` when the walk is over.
    fn step(&mut self, next: impl Fn(usize) -> Vec<usize>) -> Option<usize> {
        while let Some(r) = self.todo.pop() {
            if self.seen.insert(r) {
                self.todo.extend(next(r));
                return Some(r);
            }
        }
        None
    }
}

fn push_unique(list: &mut Vec<usize>, item: usize) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Children through `down_revision` (Alembic's `nextrev`) and through
/// `down_revision` or `depends_on` (`_all_nextrev`), in graph order.
fn children_lists(
    parents: &[Vec<usize>],
    dependencies: &[Vec<usize>],
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let n = parents.len();
    let mut children = vec![Vec::new(); n];
    let mut all_children = vec![Vec::new(); n];
    // `parents[i]` and `dependencies[i]` hold each revision once: only a
    // revision both, which is checked in the short list of `i`'s own.
    for i in 0..n {
        for &p in &parents[i] {
            children[p].push(i);
            all_children[p].push(i);
        }
        for &d in &dependencies[i] {
            if !parents[i].contains(&d) {
                all_children[d].push(i);
            }
        }
    }
    (children, all_children)
}

#[cfg(test)]
pub(crate) mod tests;
