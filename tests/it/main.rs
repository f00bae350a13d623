//! The end-to-end tests, as one test binary: each module below was a binary of
//! its own, and each compiled `support` again. One binary links once, and its
//! modules share the helpers in [`support`].
//!
//! Run one area by its module path, e.g. `scripts/test engines::` or
//! `cargo test --test it compiled_scripts`. Tests that need a server or
//! Alembic skip without it, and fail with `CI=true` ([`support::require`]).

mod support;

mod lint_support;

mod alembic_differential;
mod alembic_interchange;
mod archive;
mod check_formats;
mod compile_progress;
mod compiled_scripts;
mod drift_scripts;
mod engines;
mod fuzz_regressions;
mod graph_alembic;
mod graph_commands;
mod guards;
mod help;
mod import_command;
mod import_histories;
mod lint_output;
mod lint_rules;
mod lint_scripts;
mod load_errors;
mod outside_transaction;
mod path_safety;
mod probes;
mod quoting_properties;
mod readme;
mod reference_docs;
mod resource_limits;
mod scale;
mod schema_auto_downgrade;
mod schema_engines;
mod schema_rebuild_alembic;
mod schema_validation;
mod sql_commands;
