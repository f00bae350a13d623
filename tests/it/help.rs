//! `retort --help` and every subcommand's `--help`: complete, each with
//! examples; a mistyped subcommand gets a suggestion.

use crate::support;

use support::retort;

const COMMANDS: &[&str] = &[
    "upgrade",
    "downgrade",
    "stamp",
    "compile",
    "verify",
    "check",
    "schema",
    "drift",
    "history",
    "heads",
    "branches",
    "show",
    "graph",
    "revision",
    "merge",
    "completions",
    "man",
];

#[test]
fn the_top_level_help_lists_every_command_with_examples() {
    let output = retort().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    for command in COMMANDS {
        assert!(
            text.contains(&format!("\n  {command} ")),
            "{command} missing:\n{text}"
        );
    }
    assert!(text.contains("Examples:"), "{text}");
}

#[test]
fn every_command_has_help_with_an_example() {
    for command in COMMANDS {
        let output = retort().args([command, "--help"]).assert().success();
        let text = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
        assert!(text.contains("Usage: retort "), "{command}:\n{text}");
        assert!(
            text.contains("Examples:") && text.contains(&format!("retort {command}")),
            "`retort {command} --help` has no example:\n{text}"
        );
    }
}

#[test]
fn a_mistyped_command_gets_a_suggestion() {
    let output = retort().arg("compil").assert().failure().code(2);
    let text = String::from_utf8_lossy(&output.get_output().stderr).into_owned();
    // `completions` is similar too
    assert!(
        text.contains("similar subcommand") && text.contains("'compile'"),
        "{text}"
    );
}

/// The commands `retort --help` lists (its `Commands:` section).
fn listed_commands() -> Vec<String> {
    let output = retort().arg("--help").assert().success();
    let text = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    let section = text
        .split("Commands:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("a Commands: section");
    let names: Vec<String> = section
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= COMMANDS.len(), "{text}");
    names
}

#[test]
fn the_man_page_covers_every_command() {
    let output = retort().arg("man").assert().success();
    let page = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    assert!(page.contains(".TH retort 1"), "{page}");
    let subcommands = page
        .split(".SH SUBCOMMANDS")
        .nth(1)
        .expect("a SUBCOMMANDS section");
    for command in listed_commands() {
        // roff escapes the dash: retort\-upgrade(1)
        assert!(
            subcommands.contains(&format!("retort\\-{command}(1)")),
            "{command} missing from the man page"
        );
    }
}

#[test]
fn man_writes_a_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    retort()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    for command in listed_commands() {
        let path = dir.path().join(format!("retort-{command}.1"));
        let page =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(page.contains(&format!(".TH retort-{command} 1")), "{page}");
        assert!(page.contains(".SH OPTIONS"), "{page}");
    }
    assert!(dir.path().join("retort.1").exists());
}

#[test]
fn completions_name_every_command_in_every_shell() {
    let commands = listed_commands();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = retort().args(["completions", shell]).assert().success();
        let script = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
        for command in &commands {
            assert!(
                script.contains(command.as_str()),
                "{shell}: {command} missing"
            );
        }
    }
}

#[test]
fn the_bash_completion_script_is_valid_bash() {
    let output = retort().args(["completions", "bash"]).assert().success();
    let script = output.get_output().stdout.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("retort.bash");
    std::fs::write(&path, &script).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash runs");
    assert!(status.success(), "bash -n rejects the completion script");
    // Sourced, it registers a completion for `retort`.
    let registered = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p retort", path.display()))
        .output()
        .expect("bash runs");
    assert!(
        String::from_utf8_lossy(&registered.stdout).contains("retort"),
        "{registered:?}"
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    retort()
        .args(["completions", "tcsh"])
        .assert()
        .failure()
        .code(2);
}
