//! Replays every input the fuzzers found a bug with (kept in
//! `fuzz/regressions/<target>/`, one file per bug, named after it) through
//! the fuzz target's own pipeline: [`retort::fuzz::run`] for `front_end`,
//! [`retort::fuzz::run_ops`] for `ops`. Each must return (scripts or clean
//! errors) without a panic or a stack overflow, and give the same result
//! twice. CI runs these; it does not run the fuzzers.

use std::path::PathBuf;

type Pipeline = fn(&[u8]) -> retort::fuzz::Outcome;

/// The kept inputs of fuzz target `target`, sorted by file name.
fn kept_inputs(target: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `input` on a thread with the stack of a program's main thread (8
/// MiB, what `retort` and the fuzzer run on), not a test thread's 2 MiB.
fn run(pipeline: Pipeline, name: &str, input: Vec<u8>) -> retort::fuzz::Outcome {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || pipeline(&input))
        .expect("spawn a thread")
        .join()
        .unwrap_or_else(|_| panic!("{name}: the pipeline panicked"))
}

/// Replays the kept inputs of `target` through `pipeline`.
fn replay(target: &str, pipeline: Pipeline) {
    let inputs = kept_inputs(target);
    assert!(
        !inputs.is_empty(),
        "no kept inputs for fuzz target {target}"
    );
    for path in inputs {
        let bytes = std::fs::read(&path).expect("read a kept input");
        let name = path.display().to_string();
        let first = run(pipeline, &name, bytes.clone());
        let second = run(pipeline, &name, bytes);
        assert_eq!(first, second, "{name}: two runs differ");
    }
}

#[test]
fn front_end_inputs_return_the_same_result_twice() {
    replay("front_end", retort::fuzz::run);
}

#[test]
fn ops_inputs_return_the_same_result_twice() {
    replay("ops", retort::fuzz::run_ops);
}
