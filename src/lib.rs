//! `retort`: an offline SQL migration compiler.
//!
//! Data flows one way, a module per stage:
//! files ([`load`]) → revisions ([`revision`]) → graph ([`graph`]) → plan
//! ([`plan`]) → schema model ([`schema`]) → SQL ([`render`]) → files ([`emit`]).
//! [`cli`] holds one function per command, called by `main.rs`.

pub mod archive;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod dialect;
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
pub mod suggest;
#[cfg(test)]
mod test_fixtures;
pub mod types;
