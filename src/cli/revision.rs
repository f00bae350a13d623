//! `revision` and `merge`: write new revision files.
//!
//! The new files are [`crate::new_revision`]'s, as `alembic revision` /
//! `alembic merge` write them.

use crate::new_revision::{self, MergeRequest, RevisionRequest};
use crate::project::Project;
use camino::Utf8Path;

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
    /// The message: one line saying what the revision does (without it,
    /// the file has none and is shown as `empty message`, as in Alembic).
    #[arg(short, long)]
    pub message: Option<String>,
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
    /// The message (optional, as for `revision`).
    #[arg(short, long)]
    pub message: Option<String>,
    /// A branch label for the merge revision (repeatable).
    #[arg(long = "branch-label", value_name = "LABEL")]
    pub branch_labels: Vec<String>,
    /// Use this id instead of a random one.
    #[arg(long, value_name = "ID")]
    pub rev_id: Option<String>,
}

/// `retort revision`.
pub fn revision(project: &Utf8Path, args: RevisionArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    let new = new_revision::revision(
        &project.graph,
        RevisionRequest {
            message: args.message,
            head: args.head,
            splice: args.splice,
            branch_labels: args.branch_labels,
            depends_on: args.depends_on,
            rev_id: args.rev_id,
        },
    )?;
    write(&project, &new)
}

/// `retort merge`.
pub fn merge(project: &Utf8Path, args: MergeArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    let new = new_revision::merge(
        &project.graph,
        MergeRequest {
            revisions: args.revisions,
            message: args.message,
            branch_labels: args.branch_labels,
            rev_id: args.rev_id,
        },
    )?;
    write(&project, &new)
}

/// Writes the new revision into the revisions folder and says so, as
/// Alembic does.
fn write(project: &Project, new: &new_revision::NewRevision) -> anyhow::Result<()> {
    let path = new.write(&project.root().join(&project.config.revisions))?;
    let shown = path.strip_prefix(project.root()).unwrap_or(&path);
    println!("Generating {shown} ... done");
    Ok(())
}
