//! Projects written op by op from the bytes (`retort::fuzz::ops`), run
//! through the same pipeline as `front_end`: well-formed YAML every time, so
//! the fuzzer's time goes to the schema model, derived downgrades and
//! templates. Kept inputs: fuzz/regressions/ops/ (tests/it/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = retort::fuzz::run_ops(data);
});
