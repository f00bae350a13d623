//! New revision files, as `alembic revision` and `alembic merge` write
//! them: a fresh 12-hex-digit id, the current head (or the given revisions)
//! as `down_revision`, the file named `<id>_<slug of the message>.yaml` in
//! the revisions folder.

use crate::graph::{ResolveError, RevisionGraph};
use crate::load::check_identifier;
use crate::slug::slug;
use anyhow::{bail, Context};
use camino::{Utf8Path, Utf8PathBuf};
use std::io::Write as _;

/// What `retort revision` asks for.
#[derive(Debug, Clone, Default)]
pub struct RevisionRequest {
    /// The message; `None` writes no `message:` key (Alembic's `revision`
    /// without `-m`).
    pub message: Option<String>,
    /// The revision to build on (default: `head`); `base` starts a new root.
    pub head: Option<String>,
    /// Allow building on a revision that is not a head.
    pub splice: bool,
    /// Branch labels of the new revision.
    pub branch_labels: Vec<String>,
    /// Revisions or branch labels it depends on.
    pub depends_on: Vec<String>,
    /// Its id instead of a random one.
    pub rev_id: Option<String>,
}

/// What `retort merge` asks for.
#[derive(Debug, Clone, Default)]
pub struct MergeRequest {
    /// The revisions to merge (heads), e.g. `heads` or two ids.
    pub revisions: Vec<String>,
    /// The message; `None` writes no `message:` key (Alembic's `revision`
    /// without `-m`).
    pub message: Option<String>,
    /// Branch labels of the merge revision.
    pub branch_labels: Vec<String>,
    /// Its id instead of a random one.
    pub rev_id: Option<String>,
}

/// The new revision `request` asks for on top of `graph`, checked.
pub fn revision(graph: &RevisionGraph, request: RevisionRequest) -> anyhow::Result<NewRevision> {
    let head = request.head.as_deref().unwrap_or("head");
    let parents = graph.resolve(head).map_err(|e| match e {
        ResolveError::MultipleHeads { heads, .. } => anyhow::anyhow!(
            "there are several heads ({}); say which one the new revision builds on \
             with --head, or join them first with `retort merge heads -m MSG`",
            heads.join(", ")
        ),
        other => anyhow::Error::new(other).context(format!("cannot use --head `{head}`")),
    })?;
    let parents: Vec<String> = parents.into_iter().map(|r| r.id.clone()).collect();
    if !request.splice {
        require_heads(graph, &parents)?;
    }
    let depends_on = request
        .depends_on
        .iter()
        .map(|dep| resolve_dependency(graph, dep))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(NewRevision {
        id: new_id(graph, request.rev_id)?,
        parents,
        branch_labels: checked_labels(graph, request.branch_labels)?,
        depends_on,
        message: request.message,
        merge: false,
    })
}

/// The merge revision `request` asks for, joining heads of `graph`, checked.
pub fn merge(graph: &RevisionGraph, request: MergeRequest) -> anyhow::Result<NewRevision> {
    let mut parents: Vec<String> = Vec::new();
    for ident in &request.revisions {
        let revs = graph
            .resolve(ident)
            .with_context(|| format!("cannot merge `{ident}`"))?;
        for rev in revs {
            if parents.contains(&rev.id) {
                bail!("revision `{}` is named twice", rev.id);
            }
            parents.push(rev.id.clone());
        }
    }
    if parents.len() < 2 {
        bail!(
            "a merge joins at least two revisions; {} named only {}",
            request.revisions.join(" "),
            if parents.is_empty() {
                "base".to_owned()
            } else {
                format!("`{}`", parents[0])
            }
        );
    }
    require_heads(graph, &parents)?;
    Ok(NewRevision {
        id: new_id(graph, request.rev_id)?,
        parents,
        branch_labels: checked_labels(graph, request.branch_labels)?,
        depends_on: Vec::new(),
        message: request.message,
        merge: true,
    })
}

/// Alembic refuses to build on a revision that is not a head without `--splice`.
fn require_heads(graph: &RevisionGraph, parents: &[String]) -> anyhow::Result<()> {
    for id in parents {
        if !graph.is_head(id) {
            bail!(
                "revision `{id}` is not a head; give --splice to start a new branch from it \
                 (current heads: {})",
                graph
                    .heads()
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    Ok(())
}

/// A `--depends-on` value: a branch label stays a label, anything else
/// becomes the full id of the revision it names (as Alembic writes it).
fn resolve_dependency(graph: &RevisionGraph, dep: &str) -> anyhow::Result<String> {
    let rev = graph
        .resolve_one(dep)
        .with_context(|| format!("cannot use --depends-on `{dep}`"))?
        .with_context(|| format!("--depends-on `{dep}` names base, not a revision"))?;
    if rev.branch_labels.iter().any(|l| l == dep) {
        Ok(dep.to_owned())
    } else {
        Ok(rev.id.clone())
    }
}

fn checked_labels(graph: &RevisionGraph, labels: Vec<String>) -> anyhow::Result<Vec<String>> {
    for label in &labels {
        check_identifier(label, "branch label").map_err(anyhow::Error::msg)?;
        if let Ok(Some(rev)) = graph.resolve_one(label) {
            if rev.id == *label || rev.branch_labels.contains(label) {
                bail!(
                    "branch label `{label}` is already used by revision `{}`",
                    rev.id
                );
            }
        }
    }
    Ok(labels)
}

/// `--rev-id` checked, or a fresh random id of 12 hex digits.
fn new_id(graph: &RevisionGraph, given: Option<String>) -> anyhow::Result<String> {
    if let Some(id) = given {
        check_identifier(&id, "revision id").map_err(anyhow::Error::msg)?;
        if let Some(existing) = graph.get(&id) {
            bail!(
                "revision id `{id}` is already used by {}",
                existing.source.path
            );
        }
        return Ok(id);
    }
    loop {
        let mut bytes = [0u8; 6];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no random source: {e}"))?;
        let id = hex::encode(bytes);
        if graph.get(&id).is_none() {
            return Ok(id);
        }
    }
}

/// What goes into a new revision file.
#[derive(Debug, Clone)]
pub struct NewRevision {
    /// Its id.
    pub id: String,
    /// Its `down_revision`s.
    pub parents: Vec<String>,
    /// Its branch labels.
    pub branch_labels: Vec<String>,
    /// Its `depends_on`.
    pub depends_on: Vec<String>,
    /// Its message, if one was given.
    pub message: Option<String>,
    /// A merge: no ops, and an empty `downgrade` written out.
    pub merge: bool,
}

impl NewRevision {
    /// The YAML text of the new file.
    fn to_yaml(&self, create_date: &str) -> anyhow::Result<String> {
        let list = |ids: &[String]| -> String {
            let quoted: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
            format!("[{}]", quoted.join(", "))
        };
        let mut text = format!("revision: \"{}\"\n", self.id);
        text.push_str(&match self.parents.as_slice() {
            [] => "down_revision: null\n".to_owned(),
            [one] => format!("down_revision: \"{one}\"\n"),
            many => format!("down_revision: {}\n", list(many)),
        });
        if !self.branch_labels.is_empty() {
            text.push_str(&format!("branch_labels: {}\n", list(&self.branch_labels)));
        }
        if !self.depends_on.is_empty() {
            text.push_str(&format!("depends_on: {}\n", list(&self.depends_on)));
        }
        if let Some(message) = &self.message {
            let message =
                serde_yaml::to_string(message).context("cannot write the message as YAML")?;
            text.push_str(&format!("message: {message}"));
        }
        text.push_str(&format!("create_date: \"{create_date}\"\n\n"));
        if self.merge {
            text.push_str("upgrade: []\ndowngrade: []\n");
        } else {
            text.push_str(
                "upgrade: []\n\
                 # downgrade: omitted (or `auto`) derives it from upgrade; write a list of ops to override\n",
            );
        }
        Ok(text)
    }
}

impl NewRevision {
    /// Writes the new file into `dir` (never over an existing one) and
    /// returns its path.
    pub fn write(&self, dir: &Utf8Path) -> anyhow::Result<Utf8PathBuf> {
        let text = self.to_yaml(&now_utc())?;
        // Check that what we write loads back (an odd message could break it).
        let name = format!(
            "{}_{}.yaml",
            self.id,
            slug(self.message.as_deref().unwrap_or(""))
        );
        let path: Utf8PathBuf = dir.join(&name);
        crate::load::parse_revision(text.as_bytes(), Utf8Path::new(&name)).map_err(|e| {
            anyhow::anyhow!("internal error: the new revision does not load back: {e}")
        })?;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {dir}"))?;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create {path}"))?;
        file.write_all(text.as_bytes())
            .with_context(|| format!("cannot write {path}"))?;
        Ok(path)
    }
}

/// The current time in UTC as `YYYY-MM-DD HH:MM:SS.ffffff` (Python's `str(datetime)`).
fn now_utc() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}.{:06}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        now.subsec_micros()
    )
}

/// Days since 1970-01-01 to a (year, month, day) date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_417), (2025, 11, 25));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
