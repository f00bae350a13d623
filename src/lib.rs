//! `retort`: an offline SQL migration compiler.
//!
//! Data flows one way, a module per stage:
//! files ([`load`], [`config`]) → revisions ([`revision`]) → graph
//! ([`graph`]) → plan ([`plan`]) → schema model ([`schema`]) → SQL
//! ([`render`], over the templates of [`dialect`]) → files ([`archive`]).
//! [`project`] is the one place that wires the stages: a
//! [`project::Project`], opened once, hands out the dialect, the renderer,
//! the review notes ([`review`]) and the script of a plan, to every command
//! and to the fuzz driver ([`fuzz`]). Errors in the user's files are
//! [`diagnostic::Diagnostic`]s. [`cli`] holds one file per command, which
//! parses its arguments, calls the library and prints; `main.rs` only
//! dispatches. The README's "A map for contributors" says where to add an op,
//! a type, a dialect or a review rule.

pub mod archive;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod dialect;
pub mod drift;
pub mod fuzz;
pub mod graph;
pub mod r#import;
pub mod load;
pub mod location;
pub mod new_revision;
pub mod per_dialect;
pub mod plan;
pub mod project;
pub mod render;
pub mod review;
pub mod revision;
pub mod schema;
pub mod slug;
pub mod suggest;
#[cfg(test)]
mod test_fixtures;
pub mod types;
