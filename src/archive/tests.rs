//! The archive's tests: jobs and names, headers, manifest, staging and
//! commit, the archived-change rule and verify's comparison, on a small
//! branchy graph with a stand-in renderer.

use super::commit::*;
use super::manifest::*;
use super::staging::*;
use super::*;
use crate::graph::RevisionGraph;
use crate::load::parse_revision;
use crate::plan::{Plan, ScriptKind};
use crate::revision::Revision;
use std::fmt::Write as _;

/// Writes an in-memory `archive` under `out` through the same staging
/// and commit as `compile`: changed files atomically, files no longer
/// produced removed, and `manifest` last.
fn write_archive(
    out: &Utf8Path,
    archive: &Archive,
    manifest: &str,
    full: bool,
) -> std::io::Result<WriteSummary> {
    let mut staged = StagedArchive {
        files: BTreeMap::new(),
        archived: archive.archived.clone(),
        dialects: archive.dialects.clone(),
        manifest: archive.manifest.clone(),
        created_folders: Vec::new(),
        new_folders: Vec::new(),
    };
    for (path, text) in &archive.files {
        let target = out.join(path);
        if let Some(folder) = target.parent() {
            create_folder(folder, &mut staged.created_folders)?;
        }
        staged
            .files
            .insert(path.clone(), stage_file(&target, &[text])?);
    }
    commit_archive(out, staged, manifest, full)
}

fn graph(files: &[(&str, &str)]) -> RevisionGraph {
    let revisions = files
        .iter()
        .map(|(path, text)| parse_revision(text.as_bytes(), Utf8Path::new(path)).unwrap())
        .collect();
    RevisionGraph::build(revisions).unwrap()
}

/// root → a, root → b, merge(a, b): a branch and its merge.
fn branchy() -> RevisionGraph {
    graph(&[
        ("revisions/root.yaml", "revision: root\ndown_revision: null\nmessage: first one\nupgrade: []\ndowngrade: []\n"),
        ("revisions/a.yaml", "revision: a\ndown_revision: root\nmessage: feature A\nupgrade: []\ndowngrade: []\n"),
        ("revisions/b.yaml", "revision: b\ndown_revision: root\nmessage: feature B\nupgrade: []\ndowngrade: []\n"),
        ("revisions/m.yaml", "revision: m\ndown_revision: [a, b]\nmessage: \"merge\\nboth\"\nupgrade: []\ndowngrade: []\n"),
    ])
}

fn sources(graph: &RevisionGraph) -> Vec<Source> {
    revision_sources(graph)
}

/// A stand-in renderer: one line per step with the rows it expects.
fn fake(plan: &Plan, dialect: &str) -> anyhow::Result<String> {
    let rows = plan.rows_before_each_step();
    let mut text = format!("-- {dialect} {:?}\n", plan.kind);
    for (step, rows) in plan.steps.iter().zip(rows) {
        let _ = writeln!(
            text,
            "step {:?} -> {:?} expecting {rows:?}",
            step.from, step.to
        );
    }
    Ok(text)
}

fn archive_of(graph: &RevisionGraph, dialects: &[&str]) -> Archive {
    let up = crate::plan::upgrade(graph, "heads").unwrap();
    let down = crate::plan::downgrade(graph, "heads:base").unwrap();
    let dialects: Vec<String> = dialects.iter().map(|d| d.to_string()).collect();
    build_archive(&CompileInput {
        jobs: &jobs(&up, &down),
        dialects: &dialects,
        sources: &sources(graph),
        notes: &[],
        manifest_prefix: Utf8Path::new(".."),
        render: &fake,
        progress: &NoProgress,
    })
    .unwrap()
}

#[test]
fn each_revision_gets_an_upgrade_and_a_downgrade_script_numbered_by_plan_place() {
    let archive = archive_of(&branchy(), &["sqlite"]);
    let names: Vec<&str> = archive.files.keys().map(|p| p.as_str()).collect();
    assert_eq!(names.len(), 2 + 4 * 2, "{names:?}");
    assert!(names.contains(&"sqlite/upgrade.sql"));
    assert!(names.contains(&"sqlite/revisions/0001_root_first_one.upgrade.sql"));
    assert!(names.contains(&"sqlite/revisions/0004_m_merge_both.downgrade.sql"));
    assert_eq!(
        archive.archived.revision_of(Utf8Path::new(
            "sqlite/revisions/0004_m_merge_both.upgrade.sql"
        )),
        Some("m")
    );
}

#[test]
fn a_per_revision_script_is_its_step_of_the_full_plan() {
    let archive = archive_of(&branchy(), &["sqlite"]);
    let g = branchy();
    let up = crate::plan::upgrade(&g, "heads").unwrap();
    let second = up.steps[2].revision.unwrap().id.clone();
    let script = archive
        .files
        .iter()
        .find(|(p, _)| {
            p.as_str()
                .starts_with(&format!("sqlite/revisions/0003_{second}_"))
                && p.as_str().ends_with(".upgrade.sql")
        })
        .map(|(_, t)| t)
        .unwrap();
    // The second branch runs after the first, whose row is then in the table.
    let first = up.steps[1].revision.unwrap().id.clone();
    assert!(
        script.contains(&format!("expecting [\"{first}\"]")),
        "{script}"
    );
    assert!(
        script.contains(&format!("-- Script: upgrade root -> {second}\n")),
        "{script}"
    );
    assert!(
        script.contains(&format!(
            "-- Version table: {first} before, {first}, {second} after\n"
        )),
        "{script}"
    );
}

#[test]
fn the_header_names_tool_dialect_range_revisions_and_checksums() {
    let g = branchy();
    let archive = archive_of(&g, &["postgresql"]);
    let text = &archive.files[Utf8Path::new("postgresql/upgrade.sql")];
    let header: Vec<&str> = text.lines().take_while(|l| l.starts_with("--")).collect();
    assert!(header[0].starts_with(&format!(
        "-- Generated by retort {}",
        env!("CARGO_PKG_VERSION")
    )));
    assert_eq!(header[1], "-- Dialect: postgresql");
    assert_eq!(header[2], "-- Script: upgrade base -> m");
    let root = g.get("root").unwrap();
    assert!(header.contains(&"--   root  first one"), "{header:?}");
    assert!(header
        .contains(&format!("--     revisions/root.yaml  sha256 {}", root.source.sha256).as_str()));
    // A line break in a message cannot end the comment.
    assert!(header.contains(&"--   m  merge both"), "{header:?}");
}

#[test]
fn compiling_twice_gives_the_same_bytes() {
    assert_eq!(
        archive_of(&branchy(), &["sqlite", "mysql"]),
        archive_of(&branchy(), &["sqlite", "mysql"])
    );
}

#[test]
fn an_error_on_any_target_fails_the_whole_archive_with_every_error() {
    let g = branchy();
    let up = crate::plan::upgrade(&g, "heads").unwrap();
    let down = crate::plan::downgrade(&g, "heads:base").unwrap();
    let failing = |plan: &Plan, dialect: &str| -> anyhow::Result<String> {
        if dialect == "mysql" && plan.kind == ScriptKind::Downgrade {
            anyhow::bail!("cannot render this")
        }
        fake(plan, dialect)
    };
    let dialects = vec!["sqlite".to_owned(), "mysql".to_owned()];
    let errors = build_archive(&CompileInput {
        jobs: &jobs(&up, &down),
        dialects: &dialects,
        sources: &sources(&g),
        notes: &[],
        manifest_prefix: Utf8Path::new(".."),
        render: &failing,
        progress: &NoProgress,
    })
    .unwrap_err();
    assert_eq!(
        errors.0,
        BTreeSet::from(["mysql: cannot render this".to_owned()])
    );
}

#[test]
fn the_manifest_lists_sources_relative_to_out_then_outputs() {
    let g = branchy();
    let archive = archive_of(&g, &["sqlite"]);
    let lines: Vec<&str> = archive.manifest.lines().collect();
    assert_eq!(lines.len(), 4 + archive.files.len());
    let a = g.get("a").unwrap();
    assert_eq!(
        lines[0],
        format!("{}  ../revisions/a.yaml", a.source.sha256)
    );
    let upgrade = &archive.files[Utf8Path::new("sqlite/upgrade.sql")];
    assert!(
        lines.contains(&format!("{}  sqlite/upgrade.sql", sha256_hex(upgrade.as_bytes())).as_str())
    );
    let parsed = parse_manifest(&archive.manifest);
    assert_eq!(parsed.len(), lines.len());
    assert_eq!(parsed["../revisions/a.yaml"], a.source.sha256);
}

#[test]
fn odd_file_names_are_escaped_as_sha256sum_does() {
    let line = manifest_line("ab", "x\\y\nz");
    assert_eq!(line, "\\ab  x\\\\y\\nz\n");
    assert_eq!(parse_manifest(&line)["x\\y\nz"], "ab");
}

#[test]
fn the_prefix_leads_from_out_back_to_the_project() {
    assert_eq!(prefix_from_out(Utf8Path::new("out")), "..");
    assert_eq!(prefix_from_out(Utf8Path::new("build/sql/")), "../..");
    assert_eq!(prefix_from_out(Utf8Path::new("./out")), "..");
}

#[test]
fn write_then_compare_finds_nothing_then_every_kind_of_difference() {
    let g = branchy();
    let archive = archive_of(&g, &["sqlite"]);
    let dir = tempfile::tempdir().unwrap();
    let out = Utf8PathBuf::from_path_buf(dir.path().join("out")).unwrap();
    let summary = write_archive(&out, &archive, &archive.manifest, false).unwrap();
    assert_eq!(summary.new, archive.files.len() + 1);
    assert!(summary.changed.is_empty());
    let on_disk = read_out_dir(&out).unwrap();
    let prefix = Utf8Path::new("..");
    assert!(compare(&archive, &on_disk, &sources(&g), prefix).is_empty());

    std::fs::write(out.join("sqlite/upgrade.sql"), "changed").unwrap();
    std::fs::remove_file(out.join("sqlite/downgrade.sql")).unwrap();
    std::fs::write(out.join("sqlite/notes.txt"), "mine").unwrap();
    let mut changed = sources(&g);
    for source in &mut changed {
        if source.path == "revisions/a.yaml" {
            source.sha256 = "0".repeat(64);
        }
    }
    let diff = compare(&archive, &read_out_dir(&out).unwrap(), &changed, prefix);
    assert_eq!(diff.differ, vec![Utf8PathBuf::from("sqlite/upgrade.sql")]);
    assert_eq!(
        diff.missing,
        vec![Utf8PathBuf::from("sqlite/downgrade.sql")]
    );
    assert_eq!(diff.extra, vec![Utf8PathBuf::from("sqlite/notes.txt")]);
    assert_eq!(diff.sources.len(), 1);
    assert!(
        diff.sources[0].starts_with("revisions/a.yaml changed since the manifest was written"),
        "{:?}",
        diff.sources
    );

    // A second write restores the archive and removes the stray file.
    let summary = write_archive(&out, &archive, &archive.manifest, false).unwrap();
    assert_eq!(summary.removed, vec![Utf8PathBuf::from("sqlite/notes.txt")]);
    assert!(compare(&archive, &read_out_dir(&out).unwrap(), &sources(&g), prefix).is_empty());
}

#[test]
fn sha256sum_checks_the_manifest_from_out() {
    let Ok(status) = std::process::Command::new("sha256sum")
        .arg("--version")
        .output()
    else {
        eprintln!("skipped: sha256sum not available");
        return;
    };
    assert!(status.status.success());
    let g = branchy();
    let archive = archive_of(&g, &["sqlite"]);
    let dir = tempfile::tempdir().unwrap();
    let root = Utf8PathBuf::from_path_buf(dir.path().to_owned()).unwrap();
    for (path, text) in [
        ("revisions/root.yaml", "revision: root\ndown_revision: null\nmessage: first one\nupgrade: []\ndowngrade: []\n"),
        ("revisions/a.yaml", "revision: a\ndown_revision: root\nmessage: feature A\nupgrade: []\ndowngrade: []\n"),
        ("revisions/b.yaml", "revision: b\ndown_revision: root\nmessage: feature B\nupgrade: []\ndowngrade: []\n"),
        ("revisions/m.yaml", "revision: m\ndown_revision: [a, b]\nmessage: \"merge\\nboth\"\nupgrade: []\ndowngrade: []\n"),
    ] {
        std::fs::create_dir_all(root.join("revisions")).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    }
    write_archive(&root.join("out"), &archive, &archive.manifest, false).unwrap();
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "--strict", MANIFEST])
        .current_dir(root.join("out"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn an_archived_script_that_would_change_is_reported_with_its_source() {
    let g = branchy();
    let archive = archive_of(&g, &["sqlite"]);
    let revisions: Vec<&Revision> = g.revisions.iter().collect();
    let prefix = Utf8Path::new("..");
    let mut old = parse_manifest(&archive.manifest);
    assert!(archived_changes(&archive, &old, prefix, &revisions, &sources(&g), false).is_empty());

    let a_script = archive
        .archived
        .iter()
        .find(|(p, r)| *r == "a" && p.as_str().ends_with(".upgrade.sql"))
        .map(|(p, _)| Utf8Path::new("sqlite").join(p))
        .unwrap();
    old.insert(a_script.to_string(), "1".repeat(64));
    old.insert("../revisions/a.yaml".into(), "2".repeat(64));
    old.insert(
        "sqlite/revisions/0099_gone_x.upgrade.sql".into(),
        "3".repeat(64),
    );
    old.insert(
        "mysql/revisions/0001_root_first_one.upgrade.sql".into(),
        "4".repeat(64),
    );
    let changes = archived_changes(&archive, &old, prefix, &revisions, &sources(&g), false);
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[0].path, a_script);
    assert!(
        changes[0]
            .reason
            .contains("its source revisions/a.yaml changed"),
        "{}",
        changes[0].reason
    );
    assert!(changes[1].reason.starts_with("would be removed"));
    // A full compile also owns the dialects it no longer builds.
    let changes = archived_changes(&archive, &old, prefix, &revisions, &sources(&g), true);
    assert_eq!(changes.len(), 3, "{changes:?}");
}

#[test]
fn a_partial_compile_keeps_the_other_dialects_manifest_lines() {
    let g = branchy();
    let both = archive_of(&g, &["mysql", "sqlite"]);
    let sqlite_only = archive_of(&g, &["sqlite"]);
    let merged = merge_manifest(
        &sqlite_only.manifest,
        &parse_manifest(&both.manifest),
        &["sqlite".to_owned()],
    );
    assert_eq!(merged, both.manifest);
}
