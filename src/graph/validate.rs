//! Checks of the revisions as a graph, each error at the file and line it
//! is about: duplicate ids, branch labels used twice, references to
//! nothing, cycles.

use crate::diagnostic::Diagnostic;
use crate::location::Location;
use crate::revision::Revision;
use std::collections::{BTreeMap, HashMap};

/// Names in sorted order, so that a "did you mean" between equally close
/// names does not depend on a hash map's order.
pub(super) fn sorted<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.map(String::as_str).collect();
    names.sort_unstable();
    names
}

/// Revision id → index; a duplicate id is an error naming both files.
pub(super) fn index_ids(
    revisions: &[Revision],
    errors: &mut Vec<Diagnostic>,
) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, rev) in revisions.iter().enumerate() {
        if let Some(&first) = index.get(&rev.id) {
            let first: &Revision = &revisions[first];
            errors.push(Diagnostic::new(
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
    index
}

/// Branch label → index; a label used twice (or equal to another
/// revision's id) is an error naming both files.
pub(super) fn index_labels(
    revisions: &[Revision],
    index: &HashMap<String, usize>,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, usize> {
    let mut labels: BTreeMap<String, usize> = BTreeMap::new();
    for (i, rev) in revisions.iter().enumerate() {
        for label in &rev.branch_labels {
            let at = key_location(rev, "branch_labels");
            if let Some(&other) = labels.get(label) {
                let other = &revisions[other];
                errors.push(Diagnostic::new(
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
                errors.push(Diagnostic::new(
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
    labels
}

/// The `down_revision`s of revision `i`, as indices.
pub(super) fn parents(
    rev: &Revision,
    i: usize,
    index: &HashMap<String, usize>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let at = key_location(rev, "down_revision");
    let mut parents = Vec::new();
    // Sets, not `Vec::contains`: a merge may name thousands of revisions.
    let mut named = std::collections::HashSet::new();
    let mut placed = std::collections::HashSet::new();
    for down in &rev.down_revisions {
        if !named.insert(down) {
            errors.push(Diagnostic::new(
                at.clone(),
                format!(
                    "down_revision of revision `{}` names `{down}` twice",
                    rev.id
                ),
            ));
            continue;
        }
        match index.get(down) {
            Some(&p) if p == i => errors.push(Diagnostic::new(
                at.clone(),
                format!("revision `{}` names itself as its down_revision", rev.id),
            )),
            Some(&p) => {
                if placed.insert(p) {
                    parents.push(p);
                }
            }
            None => {
                let hint = suggestion(errors, down, || sorted(index.keys()));
                errors.push(Diagnostic::new(
                    at.clone(),
                    format!(
                        "down_revision `{down}` of revision `{}` names no revision{hint}; \
                         expected the id of an existing revision, or null for a first revision",
                        rev.id,
                    ),
                ))
            }
        }
    }
    parents
}

/// The `depends_on`s of revision `i` (ids or branch labels), as indices.
pub(super) fn dependencies(
    rev: &Revision,
    i: usize,
    index: &HashMap<String, usize>,
    labels: &BTreeMap<String, usize>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let at = key_location(rev, "depends_on");
    let mut dependencies = Vec::new();
    let mut placed = std::collections::HashSet::new();
    for dep in &rev.depends_on {
        match index.get(dep).or_else(|| labels.get(dep)) {
            Some(&d) if d == i => errors.push(Diagnostic::new(
                at.clone(),
                format!("revision `{}` depends on itself", rev.id),
            )),
            Some(&d) => {
                if placed.insert(d) {
                    dependencies.push(d);
                }
            }
            None => {
                let hint = suggestion(errors, dep, || sorted(index.keys().chain(labels.keys())));
                errors.push(Diagnostic::new(
                    at.clone(),
                    format!(
                        "depends_on `{dep}` of revision `{}` names no revision or branch label{hint}; \
                         expected a revision id or a branch label",
                        rev.id,
                    ),
                ))
            }
        }
    }
    dependencies
}

/// How many errors get a "did you mean": each compares the name with every
/// id, so thousands of wrong names would take quadratic time.
const SUGGESTED_ERRORS: usize = 20;

/// A "did you mean" for `name` among `names()`, while `errors` are few.
fn suggestion<'a>(
    errors: &[Diagnostic],
    name: &str,
    names: impl FnOnce() -> Vec<&'a str>,
) -> String {
    if errors.len() < SUGGESTED_ERRORS {
        crate::suggest::did_you_mean(name, names())
    } else {
        String::new()
    }
}

/// Where top-level `key` of `rev` is, or the revision's own location.
pub(super) fn key_location(rev: &Revision, key: &str) -> Location {
    rev.key_location(key)
}

/// A cycle through `down_revision`/`depends_on` edges, as revision indices
/// in order (each one's down revision is the next), if there is one.
pub(super) fn find_cycle(
    parents: &[Vec<usize>],
    dependencies: &[Vec<usize>],
) -> Option<Vec<usize>> {
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

pub(super) fn cycle_error(revisions: &[Revision], cycle: &[usize]) -> Diagnostic {
    let ids: Vec<&str> = cycle.iter().map(|&i| revisions[i].id.as_str()).collect();
    let mut chain = ids.join(" -> ");
    chain.push_str(" -> ");
    chain.push_str(ids[0]);
    let files: Vec<String> = cycle
        .iter()
        .map(|&i| revisions[i].location.to_string())
        .collect();
    let first = &revisions[cycle[0]];
    Diagnostic::new(
        key_location(first, "down_revision"),
        format!(
            "cycle in the revision graph: {chain} (each names the next as its down_revision or depends_on); \
             expected every chain of down revisions to end at a first revision (down_revision: null). \
             Revisions in the cycle: {}",
            files.join(", ")
        ),
    )
}
