//! `retort compile` and `retort verify` end to end: the archive in out/, its
//! manifest, reproducibility, atomicity and the protection of archived scripts.

use crate::support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::{repo_root, retort};

/// A copy of the example project (its revisions, no out/) in a new folder.
fn example_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo_root().join("revisions"),
        &dir.path().join("revisions"),
    );
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    if !dir.exists() {
        return found;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap().to_owned();
            found.insert(relative, std::fs::read(entry.path()).unwrap());
        }
    }
    found
}

/// The paths whose bytes differ between two trees, or that only one has.
fn differing(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = a
        .iter()
        .filter(|(p, bytes)| b.get(*p) != Some(*bytes))
        .map(|(p, _)| p.clone())
        .collect();
    paths.extend(b.keys().filter(|p| !a.contains_key(*p)).cloned());
    paths
}

fn sha256_file(path: &Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

fn compile(project: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    retort()
        .arg("--project")
        .arg(project)
        .arg("compile")
        .args(extra)
        .assert()
}

fn verify(project: &Path) -> assert_cmd::assert::Assert {
    retort()
        .arg("--project")
        .arg(project)
        .arg("verify")
        .assert()
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

fn find(dir: &Path, suffix: &str) -> PathBuf {
    files(dir)
        .into_keys()
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no file ending in {suffix} under {}", dir.display()))
}

#[test]
fn verify_passes_on_the_repository_itself() {
    let output = retort()
        .arg("--project")
        .arg(repo_root())
        .arg("verify")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the committed out/ is not what the example project compiles to. If a change to \
         the templates, the schema model or the revisions is meant to change the scripts, \
         run `cargo run --release -- compile --force`, review the diff of out/ and commit it.\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_committed_manifest_checks_with_sha256sum_from_out() {
    let output = std::process::Command::new("sha256sum")
        .args(["--strict", "-c", "MANIFEST.sha256"])
        .current_dir(repo_root().join("out"))
        .output();
    let Some(output) = support::require(output.ok(), "sha256sum", "apt-get install coreutils")
    else {
        return;
    };
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn compiling_the_same_sources_in_two_folders_gives_the_same_bytes() {
    let first = example_project();
    let second = example_project();
    compile(first.path(), &[]).success();
    compile(second.path(), &[]).success();
    let a = files(&first.path().join("out"));
    let b = files(&second.path().join("out"));
    assert!(a.len() > 100, "{} files", a.len());
    assert_eq!(differing(&a, &b), Vec::<PathBuf>::new());
    // And the same as the archive committed in the repository.
    assert_eq!(
        differing(&a, &files(&repo_root().join("out"))),
        Vec::<PathBuf>::new(),
        "see verify_passes_on_the_repository_itself"
    );
    let manifest = String::from_utf8_lossy(&a[Path::new("MANIFEST.sha256")]).into_owned();
    for path in [
        first.path(),
        second.path(),
        Path::new("/tmp"),
        Path::new("/home"),
    ] {
        let text = path.to_string_lossy();
        for (name, bytes) in &a {
            assert!(
                !String::from_utf8_lossy(bytes).contains(&*text),
                "{} names the folder {text}",
                name.display()
            );
        }
    }
    assert!(manifest.contains("  ../revisions/3f2a9c1e7b40_initial_schema.yaml\n"));
    assert!(manifest.contains("  postgresql/upgrade.sql\n"));
}

#[test]
fn every_script_has_the_header() {
    let project = example_project();
    compile(project.path(), &["--dialect", "mysql"]).success();
    let out = project.path().join("out");
    for (path, bytes) in files(&out) {
        if path.extension().is_none_or(|e| e != "sql") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let version = env!("CARGO_PKG_VERSION");
        assert!(
            text.starts_with(&format!("-- Generated by retort {version}. ")),
            "{}",
            path.display()
        );
        assert!(text.contains("\n-- Dialect: mysql\n"), "{}", path.display());
        assert!(text.contains("\n-- Script: "), "{}", path.display());
    }
    let merge = find(
        &out,
        "_0f6b8d4a2e57_merge_the_scheduling_branch_and.upgrade.sql",
    );
    let text = String::from_utf8(std::fs::read(out.join(merge)).unwrap()).unwrap();
    let sha = sha256_file(
        &project
            .path()
            .join("revisions/0f6b8d4a2e57_merge_scheduling_and_processed_at.yaml"),
    );
    assert!(
        text.contains("-- Script: upgrade 4d7a2f9e3c18, b95c3e7d1f62 -> 0f6b8d4a2e57\n"),
        "{text}"
    );
    assert!(
        text.contains("--   0f6b8d4a2e57  merge the scheduling branch and processed_at\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "--     revisions/0f6b8d4a2e57_merge_scheduling_and_processed_at.yaml  sha256 {sha}\n"
        )),
        "{text}"
    );
}

#[test]
fn a_failed_compile_writes_nothing() {
    let project = example_project();
    // String without a length is an error on MySQL only.
    let broken = "revision: dead00beef01\ndown_revision: 7c3e9a5b1d84\nmessage: broken on mysql\n\
upgrade:\n  - add_column: {table: runs, column: {name: note, type: String}}\n";
    support::write(project.path(), "revisions/dead00beef01_broken.yaml", broken);
    let failed = compile(project.path(), &[]).failure().code(1);
    assert!(
        stderr_of(&failed).contains("mysql"),
        "{}",
        stderr_of(&failed)
    );
    assert!(!project.path().join("out").exists());

    std::fs::remove_file(project.path().join("revisions/dead00beef01_broken.yaml")).unwrap();
    compile(project.path(), &[]).success();
    let before = files(project.path());
    support::write(project.path(), "revisions/dead00beef01_broken.yaml", broken);
    compile(project.path(), &[]).failure().code(1);
    std::fs::remove_file(project.path().join("revisions/dead00beef01_broken.yaml")).unwrap();
    assert_eq!(files(project.path()), before);
}

#[test]
fn an_archived_script_is_never_changed_silently() {
    let project = example_project();
    compile(project.path(), &[]).success();
    let source = project
        .path()
        .join("revisions/8b1d4e6f2a93_add_error_count_to_runs.yaml");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace("server_default: 0", "server_default: 1"),
    )
    .unwrap();
    let before = files(project.path().join("out").as_path());

    let refused = compile(project.path(), &[]).failure().code(1);
    let message = stderr_of(&refused);
    assert!(message.contains("refusing to change"), "{message}");
    for dialect in ["postgresql", "sqlite", "mysql", "mssql", "oracle"] {
        for kind in ["upgrade", "downgrade"] {
            let script = format!(
                "out/{dialect}/revisions/0002_8b1d4e6f2a93_add_error_count_to_runs.{kind}.sql"
            );
            assert!(message.contains(&script), "{script} not in:\n{message}");
        }
    }
    assert!(
        message.contains("its source revisions/8b1d4e6f2a93_add_error_count_to_runs.yaml changed"),
        "{message}"
    );
    assert_eq!(files(&project.path().join("out")), before);

    let verified = verify(project.path()).failure().code(1);
    assert!(
        stderr_of(&verified).contains(
            "revisions/8b1d4e6f2a93_add_error_count_to_runs.yaml changed since the manifest was written"
        ),
        "{}",
        stderr_of(&verified)
    );

    compile(project.path(), &["--force"]).success();
    verify(project.path()).success();
}

#[test]
fn a_new_revision_adds_scripts_without_touching_the_archived_ones() {
    let project = example_project();
    compile(project.path(), &[]).success();
    let before = files(&project.path().join("out"));
    support::write(
        project.path(),
        "revisions/9e8d7c6b5a41_add_run_notes.yaml",
        "revision: 9e8d7c6b5a41\ndown_revision: 7c3e9a5b1d84\nmessage: add run notes\n\
upgrade:\n  - add_column: {table: runs, column: {name: notes, type: Text}}\n",
    );
    compile(project.path(), &[]).success();
    let after = files(&project.path().join("out"));
    for (path, bytes) in &before {
        if path.starts_with("postgresql/revisions") {
            assert_eq!(after.get(path), Some(bytes), "{}", path.display());
        }
    }
    assert!(after.contains_key(Path::new(
        "postgresql/revisions/0011_9e8d7c6b5a41_add_run_notes.upgrade.sql"
    )));
    assert_ne!(
        after[Path::new("postgresql/upgrade.sql")],
        before[Path::new("postgresql/upgrade.sql")]
    );
    verify(project.path()).success();
}

#[test]
fn verify_names_every_file_that_differs_is_missing_or_is_extra() {
    let project = example_project();
    compile(project.path(), &[]).success();
    verify(project.path()).success();
    let out = project.path().join("out");
    std::fs::write(out.join("sqlite/upgrade.sql"), "-- edited by hand\n").unwrap();
    let removed = find(&out, "0003_c47e0b9a1d25_add_retry_policies.downgrade.sql");
    let removed = removed
        .to_string_lossy()
        .replace('\\', "/")
        .replace("sqlite/", "oracle/");
    std::fs::remove_file(out.join(&removed)).unwrap();
    std::fs::write(out.join("mysql/revisions/extra.sql"), "SELECT 1;\n").unwrap();

    let failed = verify(project.path()).failure().code(1);
    let message = stderr_of(&failed);
    assert!(
        message.contains("differs: out/sqlite/upgrade.sql"),
        "{message}"
    );
    assert!(
        message.contains(&format!("missing: out/{removed}")),
        "{message}"
    );
    assert!(
        message.contains("extra:   out/mysql/revisions/extra.sql"),
        "{message}"
    );
}

#[test]
fn compiling_one_dialect_leaves_the_others_alone() {
    let project = example_project();
    compile(project.path(), &["--dialect", "sqlite"]).success();
    let out = project.path().join("out");
    let dialects: std::collections::BTreeSet<String> = files(&out)
        .keys()
        .filter_map(|p| p.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        dialects,
        ["MANIFEST.sha256", "sqlite"].map(String::from).into()
    );
    compile(project.path(), &[]).success();
    let full = files(&out);
    compile(project.path(), &["--dialect", "sqlite"]).success();
    assert_eq!(files(&out), full);
    verify(project.path()).success();
}

#[test]
fn a_settings_change_that_changes_archived_scripts_is_named() {
    let project = example_project();
    compile(project.path(), &[]).success();
    support::write(
        project.path(),
        "retort.yaml",
        "version_table: schema_migrations\n",
    );
    let refused = compile(project.path(), &[]).failure().code(1);
    let message = stderr_of(&refused);
    assert!(
        message.contains("out/postgresql/revisions/0001_3f2a9c1e7b40_initial_schema_with_ingestions_runs.upgrade.sql: would change"),
        "{message}"
    );
    assert!(
        message.contains("would change: retort.yaml was added"),
        "{message}"
    );
    compile(project.path(), &["--force"]).success();
    let manifest = std::fs::read_to_string(project.path().join("out/MANIFEST.sha256")).unwrap();
    assert!(manifest.contains("  ../retort.yaml\n"), "{manifest}");
    support::write(
        project.path(),
        "retort.yaml",
        "version_table: alembic_version\n",
    );
    let refused = compile(project.path(), &[]).failure().code(1);
    assert!(
        stderr_of(&refused).contains("would change: retort.yaml changed"),
        "{}",
        stderr_of(&refused)
    );
}

#[test]
fn verify_without_a_compile_says_to_compile_first() {
    let project = example_project();
    let failed = verify(project.path()).failure().code(1);
    assert!(
        stderr_of(&failed).contains("holds no compiled scripts: run `retort compile` first"),
        "{}",
        stderr_of(&failed)
    );
}

#[test]
fn compile_only_builds_targets() {
    let project = example_project();
    let failed = compile(project.path(), &["--dialect", "sqlit"])
        .failure()
        .code(1);
    assert!(
        stderr_of(&failed).contains("(did you mean `sqlite`?)"),
        "{}",
        stderr_of(&failed)
    );
    assert!(!project.path().join("out").exists());
}

#[test]
fn review_notes_head_the_scripts_they_are_about() {
    let out = repo_root().join("out");
    let script = |dialect: &str, stem: &str| {
        std::fs::read_to_string(out.join(format!("{dialect}/revisions/{stem}.upgrade.sql")))
            .unwrap()
    };
    let pg = script(
        "postgresql",
        "0007_b95c3e7d1f62_record_when_each_file_was_processed",
    );
    assert!(pg.contains("-- Review notes (1):\n-- b95c3e7d1f62 upgrade create_index at revisions/b95c3e7d1f62_track_processed_at.yaml:11:5\n-- retort: warning lock-index-without-concurrently: "), "{pg}");
    let allowed = script(
        "postgresql",
        "0006_e81f5d2b7c09_index_runs_by_status_and_start_time_for",
    );
    assert!(
        allowed.contains(
            "-- retort: allowed lock-index-without-concurrently: runs holds a few thousand rows"
        ),
        "{allowed}"
    );
    // A PostgreSQL locking note does not head the SQLite script.
    let sqlite = script(
        "sqlite",
        "0006_e81f5d2b7c09_index_runs_by_status_and_start_time_for",
    );
    assert!(sqlite.contains("-- Review notes: none\n"), "{sqlite}");
}

#[test]
fn out_must_be_a_folder_of_its_own() {
    for (settings, expected) in [
        ("out: .\n", "must be a folder inside the project"),
        ("out: ../elsewhere\n", "must be a folder inside the project"),
        ("out: revisions\n", "overlap"),
        ("out: build\nrevisions: build/revisions\n", "overlap"),
    ] {
        let project = example_project();
        if settings.contains("build/revisions") {
            std::fs::create_dir_all(project.path().join("build")).unwrap();
            std::fs::rename(
                project.path().join("revisions"),
                project.path().join("build/revisions"),
            )
            .unwrap();
        }
        support::write(project.path(), "retort.yaml", settings);
        let before = files(project.path());
        let failed = compile(project.path(), &[]).failure().code(1);
        assert!(
            stderr_of(&failed).contains(expected),
            "{settings}: {}",
            stderr_of(&failed)
        );
        assert_eq!(files(project.path()), before, "{settings}");
    }
}
