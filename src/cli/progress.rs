//! The progress bar of a long `compile`, on standard error and only when it
//! is a terminal: scripts and CI logs get exactly the output they had.

use crate::archive::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar of scripts rendered; hidden unless standard error is a terminal.
pub struct ScriptsBar {
    bar: ProgressBar,
    on_terminal: bool,
}

impl ScriptsBar {
    /// A bar drawn on standard error when it is a terminal, else nothing;
    /// drawn from [`Progress::start`] on, when its length is known.
    pub fn on_stderr() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        // The template is a constant: a failure would be a bug caught by the tests.
        if let Ok(style) = ProgressStyle::with_template(
            "{prefix} [{bar:40}] {pos}/{len} scripts, {elapsed} elapsed, about {eta} left",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix("compiling");
        ScriptsBar {
            bar,
            on_terminal: std::io::stderr().is_terminal(),
        }
    }
}

impl Progress for ScriptsBar {
    fn start(&self, scripts: u64) {
        self.bar.set_length(scripts);
        if self.on_terminal {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn advance(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        // The summary printed next says what was done; the bar goes.
        self.bar.finish_and_clear();
    }
}
