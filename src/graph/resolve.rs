//! Identifier resolution, as Alembic's `RevisionMap` does it: `head`,
//! `heads`, `base`, full ids, unique prefixes, branch labels, `label@head`,
//! `+N`/`-N`, `REV+N`/`REV-N`, and what `upgrade`/`downgrade` targets mean
//! from a start revision (`_parse_upgrade_target`, `_parse_downgrade_target`).

use super::RevisionGraph;
use crate::revision::Revision;
use std::collections::BTreeSet;

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
    #[error("{}", several_heads(ident, heads))]
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

/// What [`ResolveError::MultipleHeads`] says: `heads` itself names all of
/// them already, so only naming one (or merging) helps there.
fn several_heads(ident: &str, heads: &[String]) -> String {
    let heads = heads.join(", ");
    if ident == "heads" || ident.ends_with("@heads") {
        format!(
            "`{ident}` is several revisions here ({heads}), where one is needed: name one of \
             them or its branch (`<label>@head`), or join them with `retort merge`"
        )
    } else {
        format!(
            "`{ident}` is ambiguous: there are several heads: {heads}; use `heads` for all of \
             them, name one, or join them with `retort merge`"
        )
    }
}

impl RevisionGraph {
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

    /// Whether `ident` is relative (`-1`, `head-2`, `label@+1`): a step
    /// counted from one revision.
    pub fn is_relative(ident: &str) -> bool {
        Relative::parse(ident).is_some()
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
                                super::validate::sorted(
                                    self.index.keys().chain(self.labels.keys()),
                                ),
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
pub(super) struct Relative {
    pub(super) label: Option<String>,
    pub(super) symbol: Option<String>,
    pub(super) steps: i64,
}

impl Relative {
    /// Parses Alembic's `(?:(.+?)@)?(\w+)?((?:\+|-)\d+)`, matched whole.
    pub(super) fn parse(text: &str) -> Option<Relative> {
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
