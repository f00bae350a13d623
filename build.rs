//! Rebuilds when a built-in dialect template changes (they are compiled in
//! with `include_dir!`, which cargo does not track by itself).
fn main() {
    println!("cargo:rerun-if-changed=dialects");
}
