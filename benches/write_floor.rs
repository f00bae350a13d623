//! The floor under `retort compile`: the time to write the bytes of a
//! compiled `out/` folder again, with nothing to compute.
//!
//! ```text
//! cargo bench --bench write_floor -- <out> <scratch> [runs]
//! ```
//!
//! Reads every file under `<out>` into memory, then, `runs` times (default
//! 3), writes them all into a new folder under `<scratch>` as `compile`
//! writes a new dialect folder (one `std::fs::write` per file, on every core
//! through rayon) and flushes the file system once with `syncfs`, as
//! `compile` does before renaming anything into place. Prints one line of
//! JSON: the median seconds to write, to flush, and both; the file count and
//! bytes. `benches/bench.py` runs it after timing `compile`. The folders it
//! writes are left for the caller to delete: deleting them at once would
//! slow the next run (see `bench.py`).
//!
//! Run by a plain `cargo bench` (no folder given), it prints its usage and
//! does nothing.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [out, scratch, rest @ ..] = args.as_slice() else {
        eprintln!("usage: cargo bench --bench write_floor -- <out> <scratch> [runs]");
        return;
    };
    let runs: usize = rest.first().and_then(|r| r.parse().ok()).unwrap_or(3);
    if let Err(e) = measure(Path::new(out), Path::new(scratch), runs) {
        eprintln!("write_floor: {e}");
        std::process::exit(1);
    }
}

fn measure(out: &Path, scratch: &Path, runs: usize) -> std::io::Result<()> {
    let files = read_tree(out)?;
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    let folders: std::collections::BTreeSet<&Path> =
        files.iter().filter_map(|(path, _)| path.parent()).collect();
    // Whatever earlier commands left to write back is not this floor's.
    rustix::fs::syncfs(std::fs::File::open(scratch)?)?;
    let mut write = Vec::new();
    let mut flush = Vec::new();
    for run in 0..runs {
        let target = scratch.join(format!("floor-{}-{run}", std::process::id()));
        for folder in &folders {
            std::fs::create_dir_all(target.join(folder))?;
        }
        let start = Instant::now();
        files
            .par_iter()
            .try_for_each(|(path, text)| std::fs::write(target.join(path), text))?;
        let written = start.elapsed().as_secs_f64();
        let folder = std::fs::File::open(&target)?;
        rustix::fs::syncfs(&folder)?;
        flush.push(start.elapsed().as_secs_f64() - written);
        write.push(written);
    }
    let total: Vec<f64> = write.iter().zip(&flush).map(|(w, f)| w + f).collect();
    println!(
        "{{\"files\": {}, \"bytes\": {bytes}, \"write\": {:.4}, \"flush\": {:.4}, \"total\": {:.4}}}",
        files.len(),
        median(write),
        median(flush),
        median(total)
    );
    Ok(())
}

/// Every file under `root`, relative to it, with its bytes.
fn read_tree(root: &Path) -> std::io::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(root)
                .map_err(std::io::Error::other)?;
            files.push((relative.to_owned(), std::fs::read(entry.path())?));
        }
    }
    Ok(files)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}
