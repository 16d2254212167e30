//! Compiles the built-in pack into the binary, so the binary runs from any directory: the
//! texts of every `.toml` file under `content/`, concatenated in path order and compressed
//! with zstd (about 560 KB of TOML becomes about 100 KB of the binary), and a table of their
//! paths and lengths. `content::builtin_files` decompresses them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// zstd's level for the pack in release builds: the highest before "ultra" (about 103 KB; a
/// few seconds per change of the pack, with the build-dependency unoptimized).
const RELEASE_LEVEL: i32 = 19;
/// The level for other builds (tests, `cargo run`): about 130 KB, at once.
const QUICK_LEVEL: i32 = 3;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let content = root.join("content");
    println!("cargo::rerun-if-changed=content");
    let mut files = Vec::new();
    collect(&content, &mut files);
    files.sort();
    let mut texts = Vec::new();
    let mut code = String::from(
        "/// The built-in pack's files: (path relative to the crate, length of its text in \
         bytes),\n/// in the order their texts follow each other in [`PACKED`].\n",
    );
    code.push_str("pub static FILES: &[(&str, usize)] = &[\n");
    for path in &files {
        // Read as text: a file that is not UTF-8 fails the build here, not the trainer later.
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(code, "    ({rel:?}, {}),", text.len()).expect("write to a String");
        texts.extend_from_slice(text.as_bytes());
    }
    code.push_str("];\n");
    let level = if std::env::var("PROFILE").is_ok_and(|p| p == "release") {
        RELEASE_LEVEL
    } else {
        QUICK_LEVEL
    };
    let packed = zstd::bulk::compress(&texts, level).expect("compress the built-in pack");
    let packed_path = out_dir.join("builtin_content.zst");
    std::fs::write(&packed_path, packed).expect("write builtin_content.zst");
    writeln!(
        code,
        "/// The texts of [`FILES`], concatenated, as one zstd frame.\n\
         pub static PACKED: &[u8] = include_bytes!({:?});",
        packed_path.to_string_lossy()
    )
    .expect("write to a String");
    std::fs::write(out_dir.join("builtin_content.rs"), code).expect("write builtin_content.rs");
}
