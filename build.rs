//! Compiles the built-in pack into the binary: every `.toml` file under `content/` becomes an
//! `include_str!` entry, so the binary runs from any directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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
    let content = root.join("content");
    println!("cargo::rerun-if-changed=content");
    let mut files = Vec::new();
    collect(&content, &mut files);
    files.sort();
    let mut code =
        String::from("/// The built-in pack's files: (path relative to the crate, text).\n");
    code.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            path.to_string_lossy()
        )
        .expect("write to a String");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtin_content.rs");
    std::fs::write(out, code).expect("write builtin_content.rs");
}
