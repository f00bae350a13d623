//! bytes → YAML → revisions → graph → plan → SQL on every built-in dialect:
//! the input format and the pipeline are `retort::fuzz` (shared with
//! `tests/it/fuzz_regressions.rs`, which replays the inputs kept from here).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = retort::fuzz::run(data);
});
