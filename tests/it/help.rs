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
    "history",
    "heads",
    "branches",
    "show",
    "graph",
    "revision",
    "merge",
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
    assert!(
        text.contains("a similar subcommand exists: 'compile'"),
        "{text}"
    );
}
