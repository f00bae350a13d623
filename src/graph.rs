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
//! `base`, full ids, unique prefixes (of four characters or more), branch
//! labels, `label@head`, `id@head`, `+N`/`-N`, `REV+N`/`REV-N`.
//!
//! Where Alembic iterates a Python `set` (whose order can change from run to
//! run), this module uses the order of the revisions in the graph: the sorted
//! order of their file paths, which is also the order Alembic loads files in.

use crate::error::{LoadError, LoadErrors};
use crate::location::Location;
use crate::model::Revision;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Why an identifier or a range could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing has this id, prefix or label.
    #[error("no such revision or branch `{ident}`{hint}")]
    NoSuchRevision {
        /// What was asked for.
        ident: String,
        /// A "did you mean" or a note about short prefixes.
        hint: String,
    },
    /// A prefix matches several revisions.
    #[error("`{prefix}` is ambiguous: it starts {}", candidates.join(", "))]
    AmbiguousPrefix {
        /// The prefix.
        prefix: String,
        /// Every id or label it starts.
        candidates: Vec<String>,
    },
    /// `head` (or `label@head`) when there are several heads.
    #[error(
        "`{ident}` is ambiguous: there are several heads: {}; use `heads` for all of them, \
         name one, or join them with `retort merge`",
        heads.join(", ")
    )]
    MultipleHeads {
        /// What was asked for.
        ident: String,
        /// The heads.
        heads: Vec<String>,
    },
    /// `label@rev` where `rev` is not on that branch.
    #[error("revision `{revision}` is not a member of branch `{branch}`")]
    NotInBranch {
        /// The revision.
        revision: String,
        /// The branch label.
        branch: String,
    },
    /// `label@...` where the label names nothing.
    #[error("no such branch: `{0}`")]
    NoSuchBranch(String),
    /// A relative step that leaves the graph.
    #[error("relative revision `{ident}` didn't produce {steps} migration(s)")]
    RelativeOutOfRange {
        /// What was asked for.
        ident: String,
        /// How many steps.
        steps: u64,
    },
    /// A relative step from a branch point or merge point.
    #[error("`{ident}` is ambiguous: the walk reaches a branch point or a merge; name the revision instead")]
    AmbiguousWalk {
        /// What was asked for.
        ident: String,
    },
    /// A relative upgrade (`+N`) from several revisions.
    #[error("ambiguous upgrade from several current revisions: {}", revisions.join(", "))]
    AmbiguousRelativeUpgrade {
        /// The start revisions.
        revisions: Vec<String>,
    },
    /// A range or a single revision where the other was expected.
    #[error("{0}")]
    BadRange(String),
    /// A downgrade target that is not below the start.
    #[error("destination `{target}` is not a valid downgrade target from `{start}`")]
    NotADowngradeTarget {
        /// The target.
        target: String,
        /// The start.
        start: String,
    },
}

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
}

impl RevisionGraph {
    /// Checks `revisions` as a graph and builds it. Every problem is
    /// reported, each at the file and line it is about.
    pub fn build(revisions: Vec<Revision>) -> Result<RevisionGraph, LoadErrors> {
        let mut errors = Vec::new();
        let mut index = HashMap::new();
        for (i, rev) in revisions.iter().enumerate() {
            if let Some(&first) = index.get(&rev.id) {
                let first: &Revision = &revisions[first];
                errors.push(LoadError::new(
                    rev.location.clone(),
                    format!(
                        "duplicate revision id `{}`: it is also the id of {} ({}); \
                         expected every revision id to be unique",
                        rev.id, first.source.path, first.location
                    ),
                ));
            } else {
                index.insert(rev.id.clone(), i);
            }
        }
        let mut labels: BTreeMap<String, usize> = BTreeMap::new();
        for (i, rev) in revisions.iter().enumerate() {
            for label in &rev.branch_labels {
                let at = key_location(rev, "branch_labels");
                if let Some(&other) = labels.get(label) {
                    let other = &revisions[other];
                    errors.push(LoadError::new(
                        at,
                        format!(
                            "branch label `{label}` of revision `{}` is already used by revision `{}` ({}); \
                             expected each branch label to be used once",
                            rev.id,
                            other.id,
                            key_location(other, "branch_labels")
                        ),
                    ));
                } else if let Some(&other) = index.get(label).filter(|&&o| o != i) {
                    let other = &revisions[other];
                    errors.push(LoadError::new(
                        at,
                        format!(
                            "branch label `{label}` of revision `{}` is also the id of revision {} ({})",
                            rev.id, other.id, other.location
                        ),
                    ));
                } else {
                    labels.insert(label.clone(), i);
                }
            }
        }
        let known: Vec<&str> = index.keys().map(String::as_str).collect();
        let mut parents = vec![Vec::new(); revisions.len()];
        let mut dependencies = vec![Vec::new(); revisions.len()];
        for (i, rev) in revisions.iter().enumerate() {
            if index.get(&rev.id) != Some(&i) {
                continue; // a duplicate, reported above
            }
            for (n, down) in rev.down_revisions.iter().enumerate() {
                if rev.down_revisions[..n].contains(down) {
                    errors.push(LoadError::new(
                        key_location(rev, "down_revision"),
                        format!(
                            "down_revision of revision `{}` names `{down}` twice",
                            rev.id
                        ),
                    ));
                    continue;
                }
                match index.get(down) {
                    Some(&p) if p == i => errors.push(LoadError::new(
                        key_location(rev, "down_revision"),
                        format!("revision `{}` names itself as its down_revision", rev.id),
                    )),
                    Some(&p) => push_unique(&mut parents[i], p),
                    None => errors.push(LoadError::new(
                        key_location(rev, "down_revision"),
                        format!(
                            "down_revision `{down}` of revision `{}` names no revision{}; \
                             expected the id of an existing revision, or null for a first revision",
                            rev.id,
                            crate::suggest::did_you_mean(down, known.iter().copied())
                        ),
                    )),
                }
            }
            for dep in &rev.depends_on {
                match index.get(dep).or_else(|| labels.get(dep)) {
                    Some(&d) if d == i => errors.push(LoadError::new(
                        key_location(rev, "depends_on"),
                        format!("revision `{}` depends on itself", rev.id),
                    )),
                    Some(&d) => push_unique(&mut dependencies[i], d),
                    None => errors.push(LoadError::new(
                        key_location(rev, "depends_on"),
                        format!(
                            "depends_on `{dep}` of revision `{}` names no revision or branch label{}; \
                             expected a revision id or a branch label",
                            rev.id,
                            crate::suggest::did_you_mean(
                                dep,
                                known.iter().copied().chain(labels.keys().map(String::as_str))
                            )
                        ),
                    )),
                }
            }
        }
        if errors.is_empty() {
            if let Some(cycle) = find_cycle(&parents, &dependencies) {
                errors.push(cycle_error(&revisions, &cycle));
            }
        }
        if !errors.is_empty() {
            return Err(LoadErrors(errors));
        }
        let n = revisions.len();
        let mut children = vec![Vec::new(); n];
        let mut all_children = vec![Vec::new(); n];
        for i in 0..n {
            for &p in &parents[i] {
                push_unique(&mut children[p], i);
                push_unique(&mut all_children[p], i);
            }
            for &d in &dependencies[i] {
                push_unique(&mut all_children[d], i);
            }
        }
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
        };
        graph.normalize_dependencies();
        graph.propagate_branch_labels();
        Ok(graph)
    }

    /// Alembic's `_normalize_depends_on`: drop dependencies that an ancestor
    /// (through `down_revision`) already depends on.
    fn normalize_dependencies(&mut self) {
        for i in 0..self.revisions.len() {
            if self.dependencies[i].is_empty() {
                continue;
            }
            let mut kept = self.dependencies[i].clone();
            for ancestor in self.related(&[i], |g, r| g.parents[r].clone()) {
                if ancestor != i {
                    kept.retain(|d| !self.dependencies[ancestor].contains(d));
                }
            }
            self.normalized_dependencies[i] = kept;
        }
    }

    /// Alembic's `_add_branches`: a label marks its revision and every
    /// descendant, then the line below the last descendant visited, down to
    /// the nearest branch point or merge.
    fn propagate_branch_labels(&mut self) {
        for i in 0..self.revisions.len() {
            let labels = &self.revisions[i].branch_labels;
            if labels.is_empty() {
                continue;
            }
            let labels: Vec<String> = labels.clone();
            let descendants = self.related(&[i], |g, r| g.children[r].clone());
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
            }
        }
    }

    /// Alembic's `_iterate_related_revisions`: a depth-first walk from
    /// `targets` along `next`, each revision once, in visiting order.
    fn related(&self, targets: &[usize], next: impl Fn(&Self, usize) -> Vec<usize>) -> Vec<usize> {
        let mut seen = vec![false; self.revisions.len()];
        let mut out = Vec::new();
        for &target in targets {
            let mut todo = vec![target];
            while let Some(r) = todo.pop() {
                if seen[r] {
                    continue;
                }
                seen[r] = true;
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
        let below = self.ancestors_idx(&current);
        let mut needs: Vec<usize> = required
            .into_iter()
            .filter(|r| !below.contains(r))
            .collect();
        needs.extend(current.iter().copied());
        if !current.is_empty() {
            let above = self.versioned_descendants_idx(&current);
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
        let ancestor_set =
            |r: usize| -> BTreeSet<usize> { self.ancestors_idx(&[r]).into_iter().collect() };
        let mut ancestors: Vec<BTreeSet<usize>> =
            current.iter().map(|&h| ancestor_set(h)).collect();
        let mut output = Vec::new();
        let mut idx = 0;
        while !current.is_empty() {
            let candidate = current[idx];
            if let Some(other) = ancestors
                .iter()
                .enumerate()
                .position(|(j, a)| j != idx && a.contains(&candidate))
            {
                // another head depends on this one: walk that head first
                idx = other;
                continue;
            }
            if todo.remove(&candidate) {
                output.push(candidate);
            }
            let down = self.normalized_down(candidate);
            let to_add: Vec<usize> = down
                .into_iter()
                .filter(|r| todo.contains(r) && !current.contains(r))
                .collect();
            if to_add.is_empty() {
                current.remove(idx);
                ancestors.remove(idx);
                idx = idx.saturating_sub(1);
            } else if self.normalized_dependencies[candidate].is_empty()
                && self.parents[candidate].len() == 1
            {
                current[idx] = to_add[0];
                ancestors[idx].remove(&candidate);
            } else {
                current[idx] = to_add[0];
                ancestors[idx] = ancestor_set(to_add[0]);
                for &extra in &to_add[1..] {
                    current.push(extra);
                    ancestors.push(ancestor_set(extra));
                }
            }
        }
        // Unreachable from `heads` (Alembic asserts this cannot happen).
        output.extend(todo);
        output
    }

    // ---------------------------------------------------------------------
    // Identifier resolution (Alembic's `get_revisions` and friends).

    /// Resolves an identifier that may name several revisions (`heads`,
    /// `label@heads`, `-1` from several heads): Alembic's `get_revisions`.
    /// An empty list means base.
    pub fn resolve(&self, ident: &str) -> Result<Vec<&Revision>, ResolveError> {
        Ok(self
            .resolve_idx(ident)?
            .into_iter()
            .map(|i| &self.revisions[i])
            .collect())
    }

    /// Resolves an identifier that must name at most one revision:
    /// Alembic's `get_revision`. `None` means base.
    pub fn resolve_one(&self, ident: &str) -> Result<Option<&Revision>, ResolveError> {
        Ok(self.resolve_one_idx(ident)?.map(|i| &self.revisions[i]))
    }

    pub(crate) fn resolve_idx(&self, ident: &str) -> Result<Vec<usize>, ResolveError> {
        if let Some(rel) = Relative::parse(ident) {
            return self.resolve_relative(ident, &rel, &[]);
        }
        let (ids, label) = self.resolve_revision_number(ident)?;
        ids.iter()
            .map(|id| self.revision_for_ident(id, label.as_deref()))
            .collect::<Result<Vec<_>, _>>()
            .map(|v| v.into_iter().flatten().collect())
    }

    pub(crate) fn resolve_one_idx(&self, ident: &str) -> Result<Option<usize>, ResolveError> {
        if Relative::parse(ident).is_some() {
            let revs = self.resolve_idx(ident)?;
            return match revs.as_slice() {
                [] => Ok(None),
                [one] => Ok(Some(*one)),
                _ => Err(ResolveError::MultipleHeads {
                    ident: ident.into(),
                    heads: self.ids(&revs),
                }),
            };
        }
        let (ids, label) = self.resolve_revision_number(ident)?;
        match ids.as_slice() {
            [] => Ok(None),
            [one] => self.revision_for_ident(one, label.as_deref()),
            _ => Err(ResolveError::MultipleHeads {
                ident: ident.into(),
                heads: ids,
            }),
        }
    }

    /// Alembic's `_resolve_revision_number`: splits `label@`, expands
    /// `head`, `heads` and `base`.
    fn resolve_revision_number(
        &self,
        ident: &str,
    ) -> Result<(Vec<String>, Option<String>), ResolveError> {
        let (label, id) = match ident.split_once('@') {
            Some((label, id)) => (Some(label.to_owned()), id),
            None => (None, ident),
        };
        let ids = match id {
            "heads" => match &label {
                Some(l) => self.ids(&self.filter_for_lineage(&self.head_indices(), l, false)?),
                None => self.ids(&self.real_head_indices()),
            },
            "head" => self
                .current_head(label.as_deref(), ident)?
                .into_iter()
                .collect(),
            "base" | "" => Vec::new(),
            other => vec![other.to_owned()],
        };
        Ok((ids, label))
    }

    /// Alembic's `get_current_head`.
    fn current_head(
        &self,
        label: Option<&str>,
        ident: &str,
    ) -> Result<Option<String>, ResolveError> {
        let mut heads = self.head_indices();
        if let Some(label) = label {
            heads = self.filter_for_lineage(&heads, label, false)?;
        }
        match heads.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(self.revisions[*one].id.clone())),
            _ => Err(ResolveError::MultipleHeads {
                ident: ident.into(),
                heads: self.ids(&heads),
            }),
        }
    }

    /// Alembic's `_resolve_branch`: a label, or else a revision identifier.
    fn resolve_branch(&self, label: &str) -> Result<usize, ResolveError> {
        if let Some(&i) = self.labels.get(label) {
            return Ok(i);
        }
        match self.revision_for_ident(label, None) {
            Ok(Some(i)) => Ok(i),
            _ => Err(ResolveError::NoSuchBranch(label.into())),
        }
    }

    /// Alembic's `_revision_for_ident`: an exact id or label, else a unique
    /// prefix of four characters or more; checked against `branch`.
    fn revision_for_ident(
        &self,
        id: &str,
        branch: Option<&str>,
    ) -> Result<Option<usize>, ResolveError> {
        let branch_rev = branch.map(|b| self.resolve_branch(b)).transpose()?;
        let found = match self.index.get(id).or_else(|| self.labels.get(id)) {
            Some(&i) => i,
            None => {
                let mut candidates: Vec<(&str, usize)> = self
                    .index
                    .iter()
                    .chain(self.labels.iter())
                    .filter(|(key, _)| key.len() > 3 && key.starts_with(id))
                    .map(|(key, &i)| (key.as_str(), i))
                    .collect();
                candidates.sort_by_key(|&(_, i)| i);
                if let Some(b) = branch_rev {
                    candidates.retain(|&(_, i)| self.shares_lineage(i, &[b], false));
                }
                match candidates.as_slice() {
                    [] => {
                        let hint = if id.len() < 4 {
                            "; a prefix needs at least four characters".to_owned()
                        } else {
                            crate::suggest::did_you_mean(
                                id,
                                self.index
                                    .keys()
                                    .chain(self.labels.keys())
                                    .map(String::as_str),
                            )
                        };
                        return Err(ResolveError::NoSuchRevision {
                            ident: id.into(),
                            hint,
                        });
                    }
                    [(_, i)] => *i,
                    many => {
                        return Err(ResolveError::AmbiguousPrefix {
                            prefix: id.into(),
                            candidates: many.iter().map(|(k, _)| (*k).to_owned()).collect(),
                        })
                    }
                }
            }
        };
        if let (Some(b), Some(label)) = (branch_rev, branch) {
            if !self.shares_lineage(found, &[b], false) {
                return Err(ResolveError::NotInBranch {
                    revision: self.revisions[found].id.clone(),
                    branch: label.into(),
                });
            }
        }
        Ok(Some(found))
    }

    /// Alembic's `filter_for_lineage`: the `targets` on the line of `against`.
    fn filter_for_lineage(
        &self,
        targets: &[usize],
        against: &str,
        with_deps: bool,
    ) -> Result<Vec<usize>, ResolveError> {
        let (ids, label) = self.resolve_revision_number(against)?;
        let mut shares = Vec::new();
        if let Some(label) = &label {
            shares.push(self.resolve_branch(label)?);
        }
        for id in &ids {
            if let Some(i) = self.revision_for_ident(id, None)? {
                shares.push(i);
            }
        }
        Ok(targets
            .iter()
            .copied()
            .filter(|&t| self.shares_lineage(t, &shares, with_deps))
            .collect())
    }

    /// Alembic's `_shares_lineage`: `target` is an ancestor or descendant of one of `against`.
    pub(crate) fn shares_lineage(&self, target: usize, against: &[usize], with_deps: bool) -> bool {
        if against.is_empty() {
            return true;
        }
        let (down, up) = if with_deps {
            (
                self.ancestors_idx(&[target]),
                self.descendants_idx(&[target]),
            )
        } else {
            (
                self.versioned_ancestors_idx(&[target]),
                self.versioned_descendants_idx(&[target]),
            )
        };
        down.iter().chain(up.iter()).any(|r| against.contains(r))
    }

    /// Relative identifiers without a current database state: `REV+N`,
    /// `REV-N`, `label@REV-N`, `-N` (from the heads).
    fn resolve_relative(
        &self,
        ident: &str,
        rel: &Relative,
        current: &[usize],
    ) -> Result<Vec<usize>, ResolveError> {
        match &rel.symbol {
            Some(symbol) => {
                let start = match &rel.label {
                    Some(l) if rel.steps < 0 => self.resolve_one_idx(&format!("{l}@{symbol}"))?,
                    _ => self.resolve_one_idx(symbol)?,
                };
                let label = if rel.steps > 0 {
                    rel.label.as_deref()
                } else {
                    None
                };
                self.walk(Start::Rev(start), rel.steps, label, ident)
                    .map(|r| r.into_iter().collect())
            }
            None if rel.steps < 0 => {
                // `-N`: walk down from each head (of the branch).
                let mut heads = if current.is_empty() {
                    self.head_indices()
                } else {
                    current.to_vec()
                };
                if let Some(label) = &rel.label {
                    heads.retain(|&h| self.effective_labels[h].contains(label));
                }
                let mut out = Vec::new();
                for h in heads {
                    if let Some(r) = self.walk(Start::Rev(Some(h)), rel.steps, None, ident)? {
                        out.push(r);
                    }
                }
                Ok(out)
            }
            None => {
                // `+N` from base (no current revision).
                self.walk(Start::Rev(None), rel.steps, rel.label.as_deref(), ident)
                    .map(|r| r.into_iter().collect())
            }
        }
    }

    /// Alembic's `_walk`: `steps` up (positive) or down (negative) from
    /// `start`; `None` (base) when the walk steps below the bases. Walking
    /// past the end of the graph or from a branch point is an error.
    fn walk(
        &self,
        start: Start,
        steps: i64,
        label: Option<&str>,
        ident: &str,
    ) -> Result<Option<usize>, ResolveError> {
        let out_of_range = || ResolveError::RelativeOutOfRange {
            ident: ident.into(),
            steps: steps.unsigned_abs(),
        };
        let mut at = start;
        for _ in 0..steps.unsigned_abs() {
            let next: Vec<Start> = if steps > 0 {
                let up: Vec<usize> = match at {
                    Start::Rev(None) => (0..self.revisions.len())
                        .filter(|&i| self.parents[i].is_empty())
                        .collect(),
                    Start::Rev(Some(r)) => self.children[r].clone(),
                    Start::BelowBase => return Err(out_of_range()),
                };
                let up = match label {
                    Some(l) => self.filter_for_lineage(&up, l, false)?,
                    None => up,
                };
                up.into_iter().map(|r| Start::Rev(Some(r))).collect()
            } else {
                match at {
                    Start::BelowBase => Vec::new(),
                    Start::Rev(None) => self
                        .head_indices()
                        .into_iter()
                        .map(|r| Start::Rev(Some(r)))
                        .collect(),
                    Start::Rev(Some(r)) if self.parents[r].is_empty() => vec![Start::BelowBase],
                    Start::Rev(Some(r)) => self.parents[r]
                        .iter()
                        .map(|&p| Start::Rev(Some(p)))
                        .collect(),
                }
            };
            match next.as_slice() {
                [] => return Err(out_of_range()),
                [one] => at = *one,
                _ => {
                    return Err(ResolveError::AmbiguousWalk {
                        ident: ident.into(),
                    })
                }
            }
        }
        match at {
            Start::Rev(r) => Ok(r),
            Start::BelowBase => Ok(None),
        }
    }

    // ---------------------------------------------------------------------
    // Targets of upgrade and downgrade (Alembic's `_parse_*_target`).

    /// Alembic's `_parse_upgrade_target`: what `upgrade TO` means from `current`.
    pub(crate) fn upgrade_targets(
        &self,
        current: &[usize],
        target: &str,
    ) -> Result<Vec<usize>, ResolveError> {
        let Some(rel) = Relative::parse(target) else {
            return self.resolve_idx(target);
        };
        if rel.symbol.is_some() || rel.steps < 0 {
            if rel.symbol.is_none() {
                return Err(ResolveError::RelativeOutOfRange {
                    ident: target.into(),
                    steps: rel.steps.unsigned_abs(),
                });
            }
            return self.resolve_relative(target, &rel, current);
        }
        let mut start: Vec<Option<usize>> = if current.is_empty() {
            vec![None]
        } else {
            current.iter().map(|&c| Some(c)).collect()
        };
        if let Some(label) = &rel.label {
            let on_branch = self.filter_for_lineage(current, label, false)?;
            start = on_branch.into_iter().map(Some).collect();
            if start.is_empty() {
                let active = self.filter_for_lineage(&self.ancestors_idx(current), label, false)?;
                let below: BTreeSet<usize> = active
                    .iter()
                    .flat_map(|&r| self.normalized_down(r))
                    .collect();
                start = active
                    .into_iter()
                    .filter(|r| !below.contains(r))
                    .map(Some)
                    .collect();
                if start.is_empty() {
                    start = vec![None];
                }
            }
        }
        if start.len() > 1 {
            return Err(ResolveError::AmbiguousRelativeUpgrade {
                revisions: self.ids(&start.iter().flatten().copied().collect::<Vec<_>>()),
            });
        }
        let reached = self.walk(
            Start::Rev(start[0]),
            rel.steps,
            rel.label.as_deref(),
            target,
        )?;
        Ok(reached.into_iter().collect())
    }

    /// Alembic's `_parse_downgrade_target`: the branch label and the
    /// revision (`None`: base) that `downgrade TO` means from `current`.
    pub(crate) fn downgrade_target(
        &self,
        current: &[usize],
        target: &str,
    ) -> Result<(Option<String>, Option<usize>), ResolveError> {
        if let Some(rel) = Relative::parse(target) {
            if rel.steps >= 0 {
                if rel.symbol.is_none() {
                    return Err(ResolveError::RelativeOutOfRange {
                        ident: target.into(),
                        steps: rel.steps.unsigned_abs(),
                    });
                }
                return Ok((
                    rel.label.clone(),
                    self.resolve_relative(target, &rel, current)?
                        .first()
                        .copied(),
                ));
            }
            let (label, symbol) = match (&rel.symbol, &rel.label) {
                (Some(symbol), label) => (label.clone(), symbol.clone()),
                (None, Some(label)) => {
                    let on_branch = self.filter_for_lineage(current, label, false)?;
                    let Some(&first) = on_branch.first() else {
                        return Err(ResolveError::RelativeOutOfRange {
                            ident: target.into(),
                            steps: rel.steps.unsigned_abs(),
                        });
                    };
                    (Some(label.clone()), self.revisions[first].id.clone())
                }
                (None, None) => {
                    let Some(&first) = current.first() else {
                        return Err(ResolveError::RelativeOutOfRange {
                            ident: target.into(),
                            steps: rel.steps.unsigned_abs(),
                        });
                    };
                    let id = self.revisions[first].id.clone();
                    (Some(id.clone()), id)
                }
            };
            let start = match &label {
                None => self.resolve_one_idx(&symbol)?,
                Some(l) => self.resolve_one_idx(&format!("{l}@{symbol}"))?,
            };
            let reached = self.walk(Start::Rev(start), rel.steps, None, target)?;
            return Ok((label, reached));
        }
        let (label, symbol) = match target.rsplit_once('@') {
            Some((label, symbol)) if !label.is_empty() => (Some(label.to_owned()), symbol),
            _ => (None, target),
        };
        Ok((label, self.resolve_one_idx(symbol)?))
    }

    /// The branch label's revision, for downgrade filtering.
    pub(crate) fn branch_revision(&self, label: &str) -> Result<usize, ResolveError> {
        self.resolve_branch(label)
    }
}

/// Where a walk is: on a revision, at base (`Rev(None)`), or below base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Rev(Option<usize>),
    BelowBase,
}

/// A relative identifier: `[label@][symbol]+N` or `-N`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Relative {
    label: Option<String>,
    symbol: Option<String>,
    steps: i64,
}

impl Relative {
    /// Parses Alembic's `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)`, matched whole.
    fn parse(text: &str) -> Option<Relative> {
        let (label, rest) = match text.split_once('@') {
            Some((label, rest)) if !label.is_empty() => (Some(label.to_owned()), rest),
            _ => (None, text),
        };
        let sign_at = rest.find(['+', '-'])?;
        let (symbol, number) = rest.split_at(sign_at);
        if number.len() < 2 || !number[1..].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !symbol.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let steps: i64 = number.parse().ok()?;
        Some(Relative {
            label,
            symbol: (!symbol.is_empty()).then(|| symbol.to_owned()),
            steps,
        })
    }
}

fn push_unique(list: &mut Vec<usize>, item: usize) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// Where top-level `key` of `rev` is, or the revision's own location.
fn key_location(rev: &Revision, key: &str) -> Location {
    rev.key_locations
        .get(key)
        .cloned()
        .unwrap_or_else(|| rev.location.clone())
}

/// A cycle through `down_revision`/`depends_on` edges, as revision indices
/// in order (each one's down revision is the next), if there is one.
fn find_cycle(parents: &[Vec<usize>], dependencies: &[Vec<usize>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let n = parents.len();
    let mut mark = vec![Mark::New; n];
    for root in 0..n {
        if mark[root] != Mark::New {
            continue;
        }
        // Iterative depth-first search; `path` holds the open revisions.
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let edges: Vec<usize> = parents[node]
                .iter()
                .chain(dependencies[node].iter())
                .copied()
                .collect();
            if let Some(&down) = edges.get(*next) {
                *next += 1;
                match mark[down] {
                    Mark::New => {
                        mark[down] = Mark::Open;
                        path.push((down, 0));
                    }
                    Mark::Open => {
                        let start = path.iter().position(|&(p, _)| p == down).unwrap_or(0);
                        return Some(path[start..].iter().map(|&(p, _)| p).collect());
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                path.pop();
            }
        }
    }
    None
}

fn cycle_error(revisions: &[Revision], cycle: &[usize]) -> LoadError {
    let ids: Vec<&str> = cycle.iter().map(|&i| revisions[i].id.as_str()).collect();
    let mut chain = ids.join(" -> ");
    chain.push_str(" -> ");
    chain.push_str(ids[0]);
    let files: Vec<String> = cycle
        .iter()
        .map(|&i| revisions[i].location.to_string())
        .collect();
    let first = &revisions[cycle[0]];
    LoadError::new(
        key_location(first, "down_revision"),
        format!(
            "cycle in the revision graph: {chain} (each names the next as its down_revision or depends_on); \
             expected every chain of down revisions to end at a first revision (down_revision: null). \
             Revisions in the cycle: {}",
            files.join(", ")
        ),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::load::parse_revision;
    use camino::Utf8Path;

    /// A graph from `(id, down_revisions, extra YAML lines)`, one file each,
    /// loaded in the given order.
    pub(crate) fn graph_of(specs: &[(&str, &[&str], &str)]) -> Result<RevisionGraph, LoadErrors> {
        let revisions = specs
            .iter()
            .enumerate()
            .map(|(n, (id, down, extra))| {
                let down = if down.is_empty() {
                    "null".to_owned()
                } else {
                    format!("[{}]", down.join(", "))
                };
                let text = format!(
                    "revision: {id}\ndown_revision: {down}\n{extra}\nmessage: m\nupgrade: []\n"
                );
                parse_revision(
                    text.as_bytes(),
                    Utf8Path::new(&format!("revisions/{n:02}_{id}.yaml")),
                )
                .unwrap()
            })
            .collect();
        RevisionGraph::build(revisions)
    }

    /// The corpus graph r1..r9 (r7a labelled `feature_a`, r9 depends on r3).
    pub(crate) fn corpus(r7b_depends: bool) -> RevisionGraph {
        let r7b_extra = if r7b_depends { "depends_on: r7a" } else { "" };
        graph_of(&[
            ("r1", &[], ""),
            ("r2", &["r1"], ""),
            ("r3", &["r2"], ""),
            ("r4", &["r3"], ""),
            ("r5", &["r4"], ""),
            ("r6", &["r5"], ""),
            ("r7a", &["r6"], "branch_labels: [feature_a]"),
            ("r7b", &["r6"], r7b_extra),
            ("r8", &["r7a", "r7b"], ""),
            ("r9", &["r8"], "depends_on: r3"),
        ])
        .unwrap()
    }

    fn ids(revs: Vec<&Revision>) -> Vec<&str> {
        revs.into_iter().map(|r| r.id.as_str()).collect()
    }

    fn resolve(g: &RevisionGraph, ident: &str) -> Result<Vec<String>, String> {
        g.resolve(ident)
            .map(|revs| revs.into_iter().map(|r| r.id.clone()).collect())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn heads_bases_and_shape() {
        let g = corpus(false);
        assert_eq!(ids(g.heads()), ["r9"]);
        assert_eq!(ids(g.bases()), ["r1"]);
        assert!(g.is_branch_point("r6"));
        assert!(g.is_merge_point("r8"));
        assert!(!g.is_merge_point("r9"));
        assert_eq!(g.branch_labels("r9"), ["feature_a"]);
        assert_eq!(g.branch_labels("r7a"), ["feature_a"]);
        assert!(g.branch_labels("r7b").is_empty());
    }

    #[test]
    fn upgrade_order_follows_alembic() {
        // alembic runs r7b before r7a in the corpus (out/*/upgrade_head.sql).
        let g = corpus(false);
        assert_eq!(
            ids(g.upgrade_order()),
            ["r1", "r2", "r3", "r4", "r5", "r6", "r7b", "r7a", "r8", "r9"]
        );
        // with r7b depending on r7a, r7a must come first.
        let g = corpus(true);
        assert_eq!(
            ids(g.upgrade_order()),
            ["r1", "r2", "r3", "r4", "r5", "r6", "r7a", "r7b", "r8", "r9"]
        );
        assert_eq!(
            ids(g.ancestors_in_order(&["r7a".into()])),
            ["r1", "r2", "r3", "r4", "r5", "r6", "r7a"]
        );
        assert!(g.ancestors_in_order(&[]).is_empty());
    }

    #[test]
    fn history_is_newest_first() {
        let g = corpus(false);
        let all = ids(g.history("base", "heads").unwrap());
        assert_eq!(
            all,
            ["r9", "r8", "r7a", "r7b", "r6", "r5", "r4", "r3", "r2", "r1"]
        );
        assert_eq!(ids(g.history("r6", "r7a").unwrap()), ["r7a", "r6"]);
        assert_eq!(ids(g.history("r7b", "heads").unwrap()), ["r9", "r8", "r7b"]);
        assert!(g.history("r7a", "r7b").is_err());
    }

    #[test]
    fn resolves_symbols_ids_and_labels() {
        let g = corpus(false);
        assert_eq!(resolve(&g, "head").unwrap(), ["r9"]);
        assert_eq!(resolve(&g, "heads").unwrap(), ["r9"]);
        assert!(resolve(&g, "base").unwrap().is_empty());
        assert_eq!(resolve(&g, "r7a").unwrap(), ["r7a"]);
        assert_eq!(resolve(&g, "feature_a").unwrap(), ["r7a"]);
        assert_eq!(resolve(&g, "feature_a@head").unwrap(), ["r9"]);
        assert_eq!(resolve(&g, "r7a@head").unwrap(), ["r9"]);
        assert_eq!(resolve(&g, "r6+1").unwrap_err(), "`r6+1` is ambiguous: the walk reaches a branch point or a merge; name the revision instead");
        assert_eq!(resolve(&g, "r2+2").unwrap(), ["r4"]);
        assert_eq!(resolve(&g, "r4-2").unwrap(), ["r2"]);
        assert_eq!(resolve(&g, "-1").unwrap(), ["r8"]);
        assert_eq!(resolve(&g, "r1-1").unwrap(), Vec::<String>::new());
        assert!(resolve(&g, "r1-2")
            .unwrap_err()
            .contains("didn't produce 2"));
        assert!(resolve(&g, "r7c")
            .unwrap_err()
            .contains("no such revision or branch `r7c`"));
        assert!(resolve(&g, "r7b@r7a")
            .unwrap_err()
            .contains("not a member of branch"));
    }

    #[test]
    fn prefixes_resolve_when_unique() {
        let g = graph_of(&[
            ("ae1011", &[], ""),
            ("ae1022", &["ae1011"], ""),
            ("bb3333", &["ae1022"], ""),
        ])
        .unwrap();
        assert_eq!(resolve(&g, "bb33").unwrap(), ["bb3333"]);
        let e = resolve(&g, "ae10").unwrap_err();
        assert_eq!(e, "`ae10` is ambiguous: it starts ae1011, ae1022");
        // like Alembic, a short prefix works when the id is four characters or more
        assert_eq!(resolve(&g, "bb3").unwrap(), ["bb3333"]);
        assert!(resolve(&g, "zz")
            .unwrap_err()
            .contains("at least four characters"));
    }

    #[test]
    fn several_heads_make_head_an_error() {
        let g = graph_of(&[("a1", &[], ""), ("b1", &["a1"], ""), ("c1", &["a1"], "")]).unwrap();
        assert_eq!(resolve(&g, "heads").unwrap(), ["b1", "c1"]);
        let e = resolve(&g, "head").unwrap_err();
        assert!(e.contains("several heads: b1, c1"), "{e}");
        assert!(e.contains("`heads`") && e.contains("retort merge"), "{e}");
    }

    #[test]
    fn graph_errors_name_files() {
        let e = graph_of(&[("a1", &[], ""), ("a1", &[], "")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("revisions/01_a1.yaml:1:1: duplicate revision id `a1`"),
            "{e}"
        );
        assert!(e.contains("revisions/00_a1.yaml"), "{e}");

        let e = graph_of(&[("base01", &[], ""), ("b1", &["base02"], "")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("revisions/01_b1.yaml:2:1: down_revision `base02`"),
            "{e}"
        );
        assert!(e.contains("did you mean `base01`"), "{e}");

        let e = graph_of(&[("a1", &[], ""), ("b1", &["a1", "a1"], "")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("revisions/01_b1.yaml:2:1: down_revision of revision `b1` names `a1` twice"),
            "{e}"
        );

        let e = graph_of(&[("a1", &[], ""), ("b1", &["a1"], "depends_on: nope")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("revisions/01_b1.yaml:3:1: depends_on `nope`"),
            "{e}"
        );

        let e = graph_of(&[
            ("a1", &["c1"], ""),
            ("b1", &["a1"], ""),
            ("c1", &["b1"], ""),
        ])
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("cycle in the revision graph: a1 -> c1 -> b1 -> a1"),
            "{e}"
        );
        assert!(e.contains("revisions/02_c1.yaml"), "{e}");

        let e = graph_of(&[
            ("a1", &[], "branch_labels: [x]"),
            ("b1", &["a1"], "branch_labels: [x]"),
        ])
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("revisions/01_b1.yaml:3:1: branch label `x`"),
            "{e}"
        );
        assert!(e.contains("revisions/00_a1.yaml:3:1"), "{e}");
    }

    #[test]
    fn depends_on_may_name_a_label() {
        let g = graph_of(&[
            ("a1", &[], "branch_labels: [lib]"),
            ("b1", &[], ""),
            ("b2", &["b1"], "depends_on: lib"),
        ])
        .unwrap();
        assert_eq!(
            ids(g.ancestors_in_order(&["b2".into()])),
            ["a1", "b1", "b2"]
        );
    }

    #[test]
    fn relative_forms_parse() {
        let r = Relative::parse("feat@r6-2").unwrap();
        assert_eq!(
            (r.label.as_deref(), r.symbol.as_deref(), r.steps),
            (Some("feat"), Some("r6"), -2)
        );
        assert_eq!(Relative::parse("+3").unwrap().steps, 3);
        assert!(Relative::parse("r6").is_none());
        assert!(Relative::parse("r6+").is_none());
        assert!(Relative::parse("r6+1x").is_none());
    }
}
