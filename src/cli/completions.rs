//! `completions` and `man`: the shell completion scripts and the manual
//! pages, generated from the same argument definitions as `--help`.

use anyhow::Context;
use camino::Utf8PathBuf;
use clap_complete::Shell;
use std::io::Write;

/// Arguments of `retort completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort completions bash > ~/.local/share/bash-completion/completions/retort
  retort completions zsh > ~/.zfunc/_retort        (with fpath+=~/.zfunc before compinit)
  retort completions fish > ~/.config/fish/completions/retort.fish
  retort completions powershell >> $PROFILE
  retort completions elvish >> ~/.config/elvish/rc.elv")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Arguments of `retort man`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort man | man -l -                  read it now
  retort man > ~/.local/share/man/man1/retort.1
  retort man --out-dir ~/.local/share/man/man1   retort.1 and a retort-<command>.1 per command")]
pub struct ManArgs {
    /// Write retort.1 and one retort-<command>.1 per command into this
    /// folder instead of printing retort.1.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<Utf8PathBuf>,
}

/// `retort completions`: the script for `args.shell`, for the command line
/// `command` (built by `main.rs`).
pub fn completions(mut command: clap::Command, args: CompletionsArgs) -> anyhow::Result<()> {
    let name = command.get_name().to_owned();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, name, &mut out);
    write_stdout(&out)
}

/// `retort man`: the manual page of `command`, or every page into a folder.
pub fn man(command: clap::Command, args: ManArgs) -> anyhow::Result<()> {
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {dir}"))?;
        clap_mangen::generate_to(command, dir)
            .with_context(|| format!("cannot write the manual pages into {dir}"))?;
        println!("wrote the manual pages into {dir}");
        return Ok(());
    }
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .context("cannot render the manual page")?;
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    std::io::stdout()
        .write_all(bytes)
        .context("cannot write to standard output")
}
