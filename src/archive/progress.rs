//! How far a compile has got, for whoever shows it (the command line draws
//! a bar on a terminal); the archive itself shows nothing.

/// Told of a compile's advance; called from the rendering threads.
pub trait Progress: Sync {
    /// The compile is about to render `scripts` scripts.
    fn start(&self, scripts: u64);
    /// One more script is rendered.
    fn advance(&self);
    /// Rendering is over (done or failed).
    fn finish(&self);
}

/// No one is watching: in-memory compiles, `verify`, tests.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _scripts: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}
