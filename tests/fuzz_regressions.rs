//! Replays every input the fuzzer found a bug with (kept in
//! `fuzz/regressions/front_end/`, one file per bug, named after it) through
//! the fuzz target's own pipeline, [`retort::fuzz::run`]: each must return
//! (scripts or clean errors) without a panic or a stack overflow, and give
//! the same result twice. CI runs these; it does not run the fuzzer.

use std::path::PathBuf;

/// The kept inputs, sorted by file name.
fn kept_inputs() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/front_end");
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
fn run(name: &str, input: Vec<u8>) -> retort::fuzz::Outcome {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || retort::fuzz::run(&input))
        .expect("spawn a thread")
        .join()
        .unwrap_or_else(|_| panic!("{name}: the pipeline panicked"))
}

#[test]
fn every_kept_input_returns_the_same_result_twice() {
    let inputs = kept_inputs();
    assert!(!inputs.is_empty(), "no kept fuzz inputs found");
    for path in inputs {
        let bytes = std::fs::read(&path).expect("read a kept input");
        let name = path.display().to_string();
        let first = run(&name, bytes.clone());
        let second = run(&name, bytes);
        assert_eq!(first, second, "{name}: two runs differ");
    }
}
