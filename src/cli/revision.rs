//! `revision` and `merge`: write new revision files.
//!
//! As `alembic revision` / `alembic merge`: a fresh 12-hex-digit id, the
//! current head (or the given revisions) as `down_revision`, the file named
//! `<id>_<slug of the message>.yaml` in the revisions folder.

use crate::graph::RevisionGraph;
use crate::load::{check_identifier, load_graph};
use anyhow::{bail, Context};
use camino::{Utf8Path, Utf8PathBuf};
use std::io::Write as _;

/// Arguments of `retort revision`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort revision -m \"add customers.name\"
  retort revision -m \"start the billing branch\" --head base --branch-label billing
  retort revision -m \"more billing\" --head billing@head
  retort revision -m \"needs the users table\" --depends-on ae1027a6acf
  retort revision -m \"fixed id\" --rev-id 20260107_add_index

The new file is revisions/<id>_<slug>.yaml with an empty `upgrade: []`; fill it in.
With several heads, say which one to build on with --head (or merge them first).")]
pub struct RevisionArgs {
    /// The message: one line saying what the revision does.
    #[arg(short, long)]
    pub message: String,
    /// The revision to build on (default: `head`); `base` starts a new root.
    #[arg(long, value_name = "REV")]
    pub head: Option<String>,
    /// Allow building on a revision that is not a head (makes a branch point).
    #[arg(long)]
    pub splice: bool,
    /// A branch label for the new revision (repeatable).
    #[arg(long = "branch-label", value_name = "LABEL")]
    pub branch_labels: Vec<String>,
    /// A revision or branch label the new revision depends on (repeatable).
    #[arg(long = "depends-on", value_name = "REV")]
    pub depends_on: Vec<String>,
    /// Use this id instead of a random one (`[A-Za-z0-9_]`, at most 32 characters).
    #[arg(long, value_name = "ID")]
    pub rev_id: Option<String>,
}

/// Arguments of `retort merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort merge heads -m \"merge the billing branch\"
  retort merge ae10 27c6 -m \"join the two branches\"

Writes revisions/<id>_<slug>.yaml whose down_revision lists the merged revisions,
with no ops of its own.")]
pub struct MergeArgs {
    /// The revisions to merge (heads), e.g. `heads` or two ids.
    #[arg(required = true, value_name = "REV")]
    pub revisions: Vec<String>,
    /// The message.
    #[arg(short, long)]
    pub message: String,
    /// A branch label for the merge revision (repeatable).
    #[arg(long = "branch-label", value_name = "LABEL")]
    pub branch_labels: Vec<String>,
    /// Use this id instead of a random one.
    #[arg(long, value_name = "ID")]
    pub rev_id: Option<String>,
}

/// `retort revision`.
pub fn revision(project: &Utf8Path, args: RevisionArgs) -> anyhow::Result<()> {
    let (config, graph) = load_graph(project)?;
    let head = args.head.as_deref().unwrap_or("head");
    let parents = graph.resolve(head).map_err(|e| match e {
        crate::graph::ResolveError::MultipleHeads { heads, .. } => anyhow::anyhow!(
            "there are several heads ({}); say which one the new revision builds on \
             with --head, or join them first with `retort merge heads -m MSG`",
            heads.join(", ")
        ),
        other => anyhow::Error::new(other).context(format!("cannot use --head `{head}`")),
    })?;
    let parents: Vec<String> = parents.into_iter().map(|r| r.id.clone()).collect();
    if !args.splice {
        require_heads(&graph, &parents)?;
    }
    let depends_on = args
        .depends_on
        .iter()
        .map(|dep| resolve_dependency(&graph, dep))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let new = NewRevision {
        id: new_id(&graph, args.rev_id)?,
        parents,
        branch_labels: checked_labels(&graph, args.branch_labels)?,
        depends_on,
        message: args.message,
        merge: false,
    };
    write_revision(&project.join(&config.revisions), project, &new)
}

/// `retort merge`.
pub fn merge(project: &Utf8Path, args: MergeArgs) -> anyhow::Result<()> {
    let (config, graph) = load_graph(project)?;
    let mut parents: Vec<String> = Vec::new();
    for ident in &args.revisions {
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
            args.revisions.join(" "),
            if parents.is_empty() {
                "base".to_owned()
            } else {
                format!("`{}`", parents[0])
            }
        );
    }
    require_heads(&graph, &parents)?;
    let new = NewRevision {
        id: new_id(&graph, args.rev_id)?,
        parents,
        branch_labels: checked_labels(&graph, args.branch_labels)?,
        depends_on: Vec::new(),
        message: args.message,
        merge: true,
    };
    write_revision(&project.join(&config.revisions), project, &new)
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
struct NewRevision {
    id: String,
    parents: Vec<String>,
    branch_labels: Vec<String>,
    depends_on: Vec<String>,
    message: String,
    merge: bool,
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
        let message =
            serde_yaml::to_string(&self.message).context("cannot write the message as YAML")?;
        text.push_str(&format!("message: {message}"));
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

/// Writes the new revision into `dir` and says so, as Alembic does.
fn write_revision(dir: &Utf8Path, project: &Utf8Path, new: &NewRevision) -> anyhow::Result<()> {
    let text = new.to_yaml(&now_utc())?;
    // Check that what we write loads back (an odd message could break it).
    let name = format!("{}_{}.yaml", new.id, slug(&new.message));
    let path: Utf8PathBuf = dir.join(&name);
    crate::load::parse_revision(text.as_bytes(), Utf8Path::new(&name))
        .map_err(|e| anyhow::anyhow!("internal error: the new revision does not load back: {e}"))?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {dir}"))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot create {path}"))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {path}"))?;
    let shown = path.strip_prefix(project).unwrap_or(&path);
    println!("Generating {shown} ... done");
    Ok(())
}

/// Alembic's file-name slug: the message's words joined by `_`, lower
/// case, cut at a word boundary near 40 characters.
fn slug(message: &str) -> String {
    const MAX: usize = 40;
    let words: Vec<String> = message
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let slug = words.join("_");
    if slug.chars().count() <= MAX {
        return slug;
    }
    let cut: String = slug.chars().take(MAX).collect();
    match cut.rsplit_once('_') {
        Some((head, _)) => format!("{head}_"),
        None => cut,
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
    fn slugs_like_alembic() {
        assert_eq!(slug("add customers.name"), "add_customers_name");
        assert_eq!(slug("Merge r7a and r7b!"), "merge_r7a_and_r7b");
        assert_eq!(
            slug("a very long message that goes on and on past forty characters"),
            "a_very_long_message_that_goes_on_and_on_"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_417), (2025, 11, 25));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
