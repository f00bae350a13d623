//! The README, tried as a new user would: every shell block runs as written,
//! in order, in one fresh folder, with `retort` on the PATH; a `text` block
//! right after a shell block is what that block must print.
//!
//! A shell block preceded by `<!-- not run: why -->` is skipped (it installs
//! something, starts a database client, or runs the whole test suite).

use crate::support;

use std::path::Path;
use std::process::Command;

/// A fenced block of the README.
#[derive(Debug)]
struct Block {
    /// The info string: `sh`, `text`, `yaml`, ...
    lang: String,
    /// The text between the fences.
    body: String,
    /// The README line the block starts at.
    line: usize,
    /// Whether a `<!-- not run: ... -->` comment precedes it.
    skipped: bool,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = readme.lines().enumerate();
    let mut last_text_line = "";
    while let Some((number, line)) = lines.next() {
        let Some(lang) = line.strip_prefix("```") else {
            if !line.trim().is_empty() {
                last_text_line = line;
            }
            continue;
        };
        let mut body = String::new();
        for (_, line) in lines.by_ref() {
            if line.starts_with("```") {
                break;
            }
            body.push_str(line);
            body.push('\n');
        }
        blocks.push(Block {
            lang: lang.trim().to_owned(),
            body,
            line: number + 1,
            skipped: last_text_line.trim_start().starts_with("<!-- not run"),
        });
        last_text_line = "";
    }
    blocks
}

/// A folder holding `retort`, a link to the binary under test.
fn bin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let binary = assert_cmd::cargo::cargo_bin("retort");
    std::os::unix::fs::symlink(binary, dir.path().join("retort")).unwrap();
    dir
}

/// Runs `script` with bash in `cwd`, stopping at the first failing command;
/// returns its standard output and the folder it ended in.
fn run(script: &str, cwd: &Path, bin: &Path, line: usize) -> (String, std::path::PathBuf) {
    let marker = cwd.join(".readme-test-cwd");
    let wrapped = format!(
        "set -euo pipefail\n{script}\npwd > '{}'\n",
        marker.display()
    );
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(&wrapped)
        .current_dir(cwd)
        .env("PATH", path)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "README.md:{line}: the block failed ({}):\n{script}\nstdout:\n{stdout}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let ended_in = std::fs::read_to_string(&marker).unwrap();
    std::fs::remove_file(&marker).unwrap();
    (stdout, ended_in.trim_end().into())
}

#[test]
fn every_shell_block_of_the_readme_runs_and_prints_what_it_says() {
    let readme = std::fs::read_to_string(support::repo_root().join("README.md")).unwrap();
    let blocks = blocks(&readme);
    let bin = bin_dir();
    let home = tempfile::tempdir().unwrap();
    let mut cwd = home.path().to_owned();
    let mut ran = 0;
    for (i, block) in blocks.iter().enumerate() {
        if block.lang != "sh" || block.skipped {
            continue;
        }
        let (stdout, ended_in) = run(&block.body, &cwd, bin.path(), block.line);
        cwd = ended_in;
        ran += 1;
        if let Some(expected) = blocks.get(i + 1).filter(|b| b.lang == "text") {
            assert_eq!(
                stdout, expected.body,
                "README.md:{}: the output of the block at line {} is not what the README shows",
                expected.line, block.line
            );
        }
    }
    assert!(ran >= 5, "only {ran} shell blocks ran");
}

#[test]
fn blocks_are_found_with_their_skip_markers() {
    let found = blocks(
        "x\n\n<!-- not run: installs -->\n```sh\nfoo\n```\n\n```sh\nbar\n```\n```text\nout\n```\n",
    );
    let summary: Vec<(&str, &str, bool)> = found
        .iter()
        .map(|b| (b.lang.as_str(), b.body.as_str(), b.skipped))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("sh", "foo\n", true),
            ("sh", "bar\n", false),
            ("text", "out\n", false)
        ]
    );
}
