//! Reading packs: the built-in pack compiled into the binary, user packs from the data
//! directory, and packs named on the command line. Every problem becomes a diagnostic; a
//! broken pack never keeps the others from loading.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::assemble::assemble;
use super::diag::{Diagnostic, Severity};
use super::disk::{
    FileStamp, PackFiles, PackListing, is_hidden, list_path, read_listing, read_path,
    sorted_entries,
};
use super::report::{CheckOptions, MAX_DIAGNOSTICS_PER_PACK, Omitted, Report};
use super::schema::Role;
use super::source::SourceFile;
use super::{Origin, Pack};
use xxhash_rust::xxh3::Xxh3;

/// The id of the built-in pack.
pub const BUILTIN_PACK_ID: &str = "aws-containers";

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_content.rs"));
}

/// The files of the built-in pack, as `(path, text)`, compiled in from `content/`
/// (compressed by `build.rs`; decompressed here, at each call: about a millisecond).
pub fn builtin_files() -> Vec<(&'static str, String)> {
    // The frame and the texts were checked when the binary was built (`build.rs` reads
    // every file as UTF-8 and compresses it); failing here means a damaged binary.
    let mut decoder =
        zstd::stream::read::Decoder::with_buffer(builtin::PACKED).expect("the built-in pack");
    builtin::FILES
        .iter()
        .map(|&(path, len)| {
            let mut text = vec![0; len];
            decoder.read_exact(&mut text).expect("the built-in pack");
            (path, String::from_utf8(text).expect("the built-in pack"))
        })
        .collect()
}

/// Every pack that loaded, and the report of all of them.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub packs: Vec<Pack>,
    pub report: Report,
    /// The print hash ([`super::diff::print`]) of packs, by pack id, where it is known
    /// already (the compiled-pack cache keeps it), so a start need not hash every card.
    pub prints: HashMap<String, String>,
    /// Whole prints computed by this process (a start that rebuilt the compiled-pack cache
    /// hashed every card for it), by pack id, so the store's update need not compute them
    /// again. Not kept in the cache.
    pub computed_prints: HashMap<String, super::diff::PackPrint>,
}

impl Library {
    /// A pack by id.
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id() == id)
    }
}

/// What the trainer loads, found but not read yet: whether the built-in pack is wanted, the
/// packs on disk, and the problems met while looking (missing paths, unreadable folders).
pub(super) struct LibraryListing {
    pub(super) builtin: bool,
    pub(super) packs: Vec<PackListing>,
    pub(super) diags: Vec<Diagnostic>,
}

/// Load the built-in pack alone.
pub fn load_builtin() -> Library {
    build_library(vec![builtin_pack_files()], &CheckOptions::default())
}

/// Load one pack from a path (a `.toml` file or a folder with `pack.toml`).
pub fn load_path(path: &Path) -> Library {
    let mut report = Report::default();
    let files = read_path(path, &mut report.diagnostics);
    let mut lib = build_library(files.into_iter().collect(), &CheckOptions::default());
    report.absorb(std::mem::take(&mut lib.report));
    report.sort();
    lib.report = report;
    lib
}

/// Load what the trainer shows: the built-in pack (unless `builtin` is false), every pack in
/// `packs_dir` (each entry a `.toml` file or a folder), then every path in `extra`.
pub fn load_library(builtin: bool, packs_dir: Option<&Path>, extra: &[PathBuf]) -> Library {
    load_listing(list_library(builtin, packs_dir, extra)).0
}

/// Find what [`load_library`] loads, without reading it.
pub(super) fn list_library(
    builtin: bool,
    packs_dir: Option<&Path>,
    extra: &[PathBuf],
) -> LibraryListing {
    let mut diags = Vec::new();
    let mut packs = Vec::new();
    if let Some(dir) = packs_dir
        && dir.is_dir()
    {
        match sorted_entries(dir) {
            Ok(entries) => {
                for entry in entries {
                    let is_pack = entry.is_dir() || entry.extension().is_some_and(|e| e == "toml");
                    if is_pack && !is_hidden(&entry) {
                        packs.extend(list_path(&entry, &mut diags));
                    }
                }
            }
            Err(e) => diags.push(Diagnostic::path(
                Severity::Error,
                dir.display().to_string(),
                format!("cannot read the packs folder: {e}"),
                "check the folder's permissions",
            )),
        }
    }
    for path in extra {
        packs.extend(list_path(path, &mut diags));
    }
    LibraryListing {
        builtin,
        packs,
        diags,
    }
}

/// Read, parse and check what a listing found, as the trainer does. With the library, the
/// stamps of the files read, unless a file could not be read.
pub(super) fn load_listing(listing: LibraryListing) -> (Library, Option<Vec<FileStamp>>) {
    let mut diags = listing.diags;
    let mut sources = Vec::with_capacity(listing.packs.len() + 1);
    if listing.builtin {
        sources.push(builtin_pack_files());
    }
    let mut stamps = Vec::new();
    for pack in listing.packs {
        sources.push(read_listing(pack, &mut diags, &mut stamps));
    }
    let all_read = diags.is_empty();
    let trainer = CheckOptions {
        max_diagnostics: Some(MAX_DIAGNOSTICS_PER_PACK),
        ..CheckOptions::default()
    };
    let mut lib = build_library(sources, &trainer);
    lib.report.diagnostics.extend(diags);
    lib.report.sort();
    (lib, all_read.then_some(stamps))
}

/// Validate packs for `deckhand check`: each path is a pack, checked on its own and against
/// the other named packs. A pack that reuses the built-in pack's id gets a warning (the
/// trainer refuses it next to the built-in pack); the built-in pack's own source folder is
/// such a pack, which is why this is not an error here.
pub fn validate_paths(paths: &[PathBuf]) -> Library {
    validate_paths_with(paths, &CheckOptions::default())
}

/// [`validate_paths`] with the options of `deckhand check` (`--strict`, `--previous`). With
/// no paths, the built-in pack is checked.
pub fn validate_paths_with(paths: &[PathBuf], options: &CheckOptions) -> Library {
    if paths.is_empty() {
        return build_library(vec![builtin_pack_files()], options);
    }
    let mut diags = Vec::new();
    let sources: Vec<PackFiles> = paths
        .iter()
        .filter_map(|p| read_path(p, &mut diags))
        .collect();
    let mut lib = build_library(sources, options);
    for pack in &lib.packs {
        if pack.id() == BUILTIN_PACK_ID
            && let Origin::Path(path) = &pack.origin
        {
            diags.push(Diagnostic::path(
                Severity::Warning,
                path.display().to_string(),
                format!("pack id `{BUILTIN_PACK_ID}` is the built-in pack's id"),
                "the trainer loads the built-in pack first and refuses another pack with its id; \
                 give this pack its own id (unless it is the built-in pack's source)",
            ));
        }
    }
    lib.report.diagnostics.extend(diags);
    lib.report.sort();
    lib
}

fn builtin_pack_files() -> PackFiles {
    let files = builtin_files()
        .into_iter()
        .map(|(path, text)| {
            let role = if path.ends_with("/pack.toml") {
                Role::Manifest
            } else {
                Role::Cards
            };
            (SourceFile::new(path, text), role)
        })
        .collect();
    PackFiles {
        origin: Origin::Builtin,
        files,
    }
}

/// A hash of the built-in pack's files, as compiled in: their paths and lengths and the
/// compressed texts (the same texts compress to the same bytes), so a warm start, which
/// reads the compiled-pack cache, never decompresses the pack.
pub(super) fn builtin_hash() -> u64 {
    let mut hash = Xxh3::new();
    for (path, len) in builtin::FILES {
        hash.update(&(path.len() as u64).to_le_bytes());
        hash.update(path.as_bytes());
        hash.update(&(*len as u64).to_le_bytes());
    }
    hash.update(builtin::PACKED);
    hash.digest()
}

/// Parse and assemble every pack, dropping packs whose id an earlier pack already took.
fn build_library(sources: Vec<PackFiles>, options: &CheckOptions) -> Library {
    let mut report = Report::default();
    let mut owners: HashMap<String, String> = HashMap::new();
    let packs = sources
        .into_iter()
        .filter_map(|source| {
            let start = report.diagnostics.len();
            let name = match &source.origin {
                Origin::Path(p) => p.display().to_string(),
                _ => source
                    .files
                    .first()
                    .map_or_else(String::new, |(f, _)| f.path.to_string()),
            };
            let mut omitted = Omitted::default();
            let pack = assemble(source, &mut report, &mut owners, options, &mut omitted);
            omitted.trim(&mut report.diagnostics, start, options.max_diagnostics);
            report.diagnostics.extend(omitted.note(&name));
            pack
        })
        .collect();
    report.sort();
    Library {
        packs,
        report,
        prints: HashMap::new(),
        computed_prints: HashMap::new(),
    }
}
