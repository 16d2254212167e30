//! `cargo bench --bench builtin`: what compressing the built-in pack into the binary costs a
//! start that reads it (the trainer's first start, `deckhand check`): decompressing the texts
//! (`content::builtin_files`), against copying the same texts into owned strings (what loading
//! did when they were compiled in as text), and the whole load for scale. A warm start reads
//! the compiled-pack cache and decompresses nothing. Measured with the shipped settings:
//! `cargo bench --profile release --bench builtin` (see docs/benchmarks.md).

#[path = "support/timing.rs"]
mod timing;

use deckhand::content;

fn main() {
    let files = content::builtin_files();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    println!(
        "built-in pack: {} files, {bytes} bytes of text",
        files.len()
    );
    let copy = timing::measure("copy the texts (the old embedding)", 200, || {
        let owned: Vec<(&str, String)> = files.iter().map(|(p, t)| (*p, t.clone())).collect();
        assert_eq!(owned.len(), files.len());
    });
    let unpack = timing::measure("decompress the texts (builtin_files)", 200, || {
        assert_eq!(content::builtin_files().len(), files.len());
    });
    let load = timing::measure("load + validate the built-in pack", 20, || {
        let lib = content::load_builtin();
        assert_eq!(lib.report.errors(), 0);
    });
    println!(
        "decompressing costs {:.2} ms more than copying ({:.1} % of a {load:.1} ms load)",
        unpack - copy,
        (unpack - copy) / load * 100.0
    );
}
