//! Reading packs: the built-in pack compiled into the binary, user packs from the data
//! directory, and packs named on the command line. Every problem becomes a diagnostic; a
//! broken pack never keeps the others from loading.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::diag::{Diagnostic, Severity, did_you_mean};
use super::replaces::{self, Known};
use super::schema::{self, FileItems, Role, Span};
use super::source::SourceFile;
use super::{Card, Diagram, Origin, Pack, Topic};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// The id of the built-in pack.
pub const BUILTIN_PACK_ID: &str = "aws-containers";

/// The largest file a pack may hold; anything bigger is surely not a pack.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// How deep pack folders are searched for card files.
const MAX_FOLDER_DEPTH: usize = 8;

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

/// What loading found: the diagnostics and how much was read.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Report {
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Files read.
    pub files: usize,
    /// Cards read, including those left out because of errors.
    pub cards: usize,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// `N cards in M files, K errors, W warnings`.
    pub fn summary(&self) -> String {
        fn n(count: usize, one: &str, many: &str) -> String {
            format!("{count} {}", if count == 1 { one } else { many })
        }
        format!(
            "{} in {}, {}, {}",
            n(self.cards, "card", "cards"),
            n(self.files, "file", "files"),
            n(self.errors(), "error", "errors"),
            n(self.warnings(), "warning", "warnings")
        )
    }

    fn absorb(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
        self.files += other.files;
        self.cards += other.cards;
    }

    fn sort(&mut self) {
        self.diagnostics.sort_by_key(Diagnostic::sort_key);
    }
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

/// What `deckhand check` asks beyond loading.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--strict`: warn about replaced ids that no earlier version of the pack had.
    pub strict: bool,
    /// The card ids of earlier versions, by pack id (`--previous`), for `strict`.
    pub previous: HashMap<String, HashSet<String>>,
    /// Keep at most this many diagnostics per pack, and a count of the rest (the trainer:
    /// 200,000 broken cards must not cost gigabytes); `None` keeps all (`deckhand check`).
    pub max_diagnostics: Option<usize>,
}

/// How many diagnostics the trainer keeps per pack.
pub const MAX_DIAGNOSTICS_PER_PACK: usize = 1_000;

/// Diagnostics left out of a pack's list, by severity.
#[derive(Debug, Default, Clone, Copy)]
struct Omitted {
    errors: usize,
    warnings: usize,
}

impl Omitted {
    /// Keep at most `cap` of the diagnostics from `start` on; count the rest.
    fn trim(&mut self, diags: &mut Vec<Diagnostic>, start: usize, cap: Option<usize>) {
        let Some(cap) = cap else { return };
        if diags.len() - start <= cap {
            return;
        }
        for d in diags.drain(start + cap..) {
            if d.is_error() {
                self.errors += 1;
            } else {
                self.warnings += 1;
            }
        }
    }

    /// The line that says how many were left out.
    fn note(self, pack: &str) -> Option<Diagnostic> {
        let total = self.errors + self.warnings;
        (total > 0).then(|| {
            Diagnostic::path(
                if self.errors > 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                pack.to_string(),
                format!(
                    "{total} more problems in this pack are not listed ({} errors, {} warnings)",
                    self.errors, self.warnings
                ),
                "`deckhand check` on this pack lists every one",
            )
        })
    }
}

/// The files of one pack, read but not yet parsed.
struct PackFiles {
    origin: Origin,
    files: Vec<(SourceFile, Role)>,
}

/// A source file as it was read, for the compiled-pack cache's key: its path as shown, size,
/// modification time (ns since the epoch, 0 when unknown) and the xxh3 hash of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) struct FileStamp {
    pub(super) path: String,
    pub(super) size: u64,
    pub(super) modified_ns: u64,
    pub(super) hash: u64,
}

/// One pack's files, found but not read yet.
pub(super) struct PackListing {
    pub(super) origin: Origin,
    pub(super) files: Vec<(PathBuf, Role)>,
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

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

/// Read a pack path: a single `.toml` file, or a folder with `pack.toml` and card files.
fn read_path(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<PackFiles> {
    let listing = list_path(path, diags)?;
    Some(read_listing(listing, diags, &mut Vec::new()))
}

/// Find a pack's files: a single `.toml` file, or a folder with `pack.toml` and card files.
fn list_path(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<PackListing> {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.push(Diagnostic::path(
                Severity::Error,
                shown,
                format!("cannot read the pack: {}", io_reason(&e)),
                "give the path of a pack folder (with pack.toml) or of a single .toml pack file",
            ));
            return None;
        }
    };
    if meta.is_file() {
        return Some(PackListing {
            origin: Origin::Path(path.to_path_buf()),
            files: vec![(path.to_path_buf(), Role::Manifest)],
        });
    }
    if !meta.is_dir() {
        diags.push(Diagnostic::path(
            Severity::Error,
            shown,
            "not a file or a folder",
            "give the path of a pack folder or of a .toml pack file",
        ));
        return None;
    }
    let manifest_path = path.join("pack.toml");
    if manifest_path.is_dir() {
        diags.push(Diagnostic::path(
            Severity::Error,
            manifest_path.display().to_string(),
            "is a directory, but a pack's manifest must be a file",
            "replace the folder pack.toml with a file holding the [pack] manifest",
        ));
        return None;
    }
    if !manifest_path.exists() {
        diags.push(Diagnostic::path(
            Severity::Error,
            shown,
            "this folder has no pack.toml",
            "add pack.toml with a [pack] manifest and [[topics]] (see docs/authoring.md)",
        ));
        return None;
    }
    let mut paths = Vec::new();
    collect_toml(path, 0, &mut paths, diags);
    let mut files: Vec<(PathBuf, Role)> = paths
        .into_iter()
        .map(|p| {
            let role = if p == manifest_path {
                Role::Manifest
            } else {
                Role::Cards
            };
            (p, role)
        })
        .collect();
    // pack.toml first, so its topics are known when card files are checked.
    files.sort_by_cached_key(|(p, role)| (*role != Role::Manifest, p.display().to_string()));
    Some(PackListing {
        origin: Origin::Path(path.to_path_buf()),
        files,
    })
}

/// Read the files of a listing; the stamp of each file read goes to `stamps`.
fn read_listing(
    listing: PackListing,
    diags: &mut Vec<Diagnostic>,
    stamps: &mut Vec<FileStamp>,
) -> PackFiles {
    let files = listing
        .files
        .into_iter()
        .filter_map(|(path, role)| {
            let (file, stamp) = read_source(&path, diags)?;
            stamps.push(stamp);
            Some((file, role))
        })
        .collect();
    PackFiles {
        origin: listing.origin,
        files,
    }
}

fn collect_toml(dir: &Path, depth: usize, out: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let entries = match sorted_entries(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::path(
                Severity::Error,
                dir.display().to_string(),
                format!("cannot read the folder: {}", io_reason(&e)),
                "check the folder's permissions",
            ));
            return;
        }
    };
    for entry in entries {
        if is_hidden(&entry) {
            continue;
        }
        if entry.is_dir() {
            if depth + 1 < MAX_FOLDER_DEPTH {
                collect_toml(&entry, depth + 1, out, diags);
            } else {
                diags.push(Diagnostic::path(
                    Severity::Warning,
                    entry.display().to_string(),
                    "folder nested too deeply; its files were not read",
                    format!("keep card files within {MAX_FOLDER_DEPTH} folder levels of pack.toml"),
                ));
            }
        } else if entry.extension().is_some_and(|e| e == "toml") {
            out.push(entry);
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Read one file as UTF-8 text, with a located message when it is not. Only regular files
/// are read (a FIFO would block forever, a device never ends), and the size limit holds while
/// reading, not only by the size the file system reports.
fn read_source(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<(SourceFile, FileStamp)> {
    let shown = path.display().to_string();
    let fail = |diags: &mut Vec<Diagnostic>, message: String, help: &str| {
        diags.push(Diagnostic::path(
            Severity::Error,
            shown.clone(),
            message,
            help,
        ));
        None
    };
    let too_large = |diags: &mut Vec<Diagnostic>| {
        fail(
            diags,
            format!(
                "file is larger than {} MB, too large for a pack",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            "split the pack into several card files, or check that this is the right file",
        )
    };
    let file = match crate::files::open_regular(path) {
        Ok(Some(f)) => f,
        Ok(None) => {
            return fail(
                diags,
                "cannot read the file: no such file".into(),
                "check the path",
            );
        }
        Err(crate::files::OpenError::NotAFile("a folder")) => {
            return fail(
                diags,
                "is a directory, but a file was expected".into(),
                "give the path of a .toml file",
            );
        }
        Err(crate::files::OpenError::NotAFile(what)) => {
            return fail(
                diags,
                format!("is {what}, not a regular file; it was not read"),
                "pack files are plain .toml files; remove this entry or replace it with a file",
            );
        }
        Err(crate::files::OpenError::Io(e)) => {
            return fail(
                diags,
                format!("cannot read the file: {}", io_reason(&e)),
                io_help(&e),
            );
        }
    };
    let modified_ns = match file.metadata() {
        Ok(m) if m.len() > MAX_FILE_BYTES => return too_large(diags),
        Ok(m) => mtime_ns(&m),
        Err(_) => 0,
    };
    let bytes = match crate::files::read_limited(file, MAX_FILE_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => return too_large(diags),
        Err(e) => {
            return fail(
                diags,
                format!("cannot read the file: {}", io_reason(&e)),
                io_help(&e),
            );
        }
    };
    let stamp = FileStamp {
        path: shown.clone(),
        size: bytes.len() as u64,
        modified_ns,
        hash: xxh3_64(&bytes),
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some((SourceFile::new(shown, text), stamp)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = SourceFile::new(shown, String::from_utf8_lossy(e.as_bytes()).into_owned());
            let byte = e.as_bytes().get(at).copied().unwrap_or(0);
            diags.push(Diagnostic::at(
                Severity::Error,
                &lossy,
                at..at + 1,
                format!("file is not valid UTF-8 (byte 0x{byte:02X} at offset {at})"),
                "pack files are UTF-8 text; re-save the file as UTF-8 (or check it is not a binary file)",
            ));
            None
        }
    }
}

/// What to do about a read error: permissions only when they are the cause.
fn io_help(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "check the file's permissions",
        std::io::ErrorKind::OutOfMemory => {
            "the file is too large to read into memory; split the pack into smaller files"
        }
        _ => "check that the file is readable and on a working disk",
    }
}

/// A file's modification time in nanoseconds since the epoch (0 when unknown).
pub(super) fn mtime_ns(meta: &std::fs::Metadata) -> u64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// Whether the file at `path` is still the one `stamp` describes: same path, size and
/// modification time, and the same bytes (read and hashed again, so an edit that keeps the
/// size within the file system's time granularity is seen too).
pub(super) fn still(path: &Path, stamp: &FileStamp, buf: &mut [u8]) -> bool {
    if stamp.path != path.display().to_string() {
        return false;
    }
    let Ok(Some(mut file)) = crate::files::open_regular(path) else {
        return false;
    };
    match file.metadata() {
        Ok(m) if m.len() == stamp.size && mtime_ns(&m) == stamp.modified_ns => {}
        _ => return false,
    }
    let mut hash = Xxh3::new();
    let mut total = 0u64;
    loop {
        match file.read(buf) {
            Ok(0) => break,
            Ok(n) => {
                hash.update(&buf[..n]);
                total += n as u64;
                if total > stamp.size {
                    return false;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    total == stamp.size && hash.digest() == stamp.hash
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

/// Parse the files of a pack, each on its own, their diagnostics added in file order with
/// `merged` called after each file's. Packs of many files are parsed by a few threads (the
/// first start of a 100-file pack spends most of its time here); the result is the same as
/// parsing them one after the other.
fn read_files(
    files: &[(SourceFile, Role)],
    diags: &mut Vec<Diagnostic>,
    merged: impl FnMut(&mut Vec<Diagnostic>),
) -> Vec<FileItems> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(files.len() / 8);
    read_files_on(threads, files, diags, merged)
}

/// [`read_files`] on `threads` threads (one after the other below 2).
fn read_files_on(
    threads: usize,
    files: &[(SourceFile, Role)],
    diags: &mut Vec<Diagnostic>,
    mut merged: impl FnMut(&mut Vec<Diagnostic>),
) -> Vec<FileItems> {
    if threads < 2 {
        return files
            .iter()
            .map(|(file, role)| {
                let items = schema::read_file(file, *role, diags);
                merged(diags);
                items
            })
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (done, results) = std::sync::mpsc::channel();
    let mut parsed: Vec<Option<FileItems>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done = done.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((file, role)) = files.get(i) else {
                        break;
                    };
                    let mut own = Vec::new();
                    let items = schema::read_file(file, *role, &mut own);
                    if done.send((i, items, own)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Each file's diagnostics in file order, as soon as the files before it are in.
        let mut waiting: HashMap<usize, Vec<Diagnostic>> = HashMap::new();
        let mut upto = 0;
        for (i, items, own) in results {
            parsed[i] = Some(items);
            waiting.insert(i, own);
            while let Some(own) = waiting.remove(&upto) {
                diags.extend(own);
                merged(diags);
                upto += 1;
            }
        }
    });
    parsed.into_iter().flatten().collect()
}

/// Parse one pack's files and check what spans files: duplicate ids and references.
fn assemble(
    source: PackFiles,
    report: &mut Report,
    owners: &mut HashMap<String, String>,
    options: &CheckOptions,
    omitted: &mut Omitted,
) -> Option<Pack> {
    let diags = &mut report.diagnostics;
    let start = diags.len();
    report.files += source.files.len();
    let parsed = read_files(&source.files, diags, |diags| {
        // Trim as files are read, so thousands of broken cards never pile up.
        omitted.trim(diags, start, options.max_diagnostics)
    });
    report.cards += parsed.iter().map(|p| p.cards.len()).sum::<usize>();
    let incomplete = parsed.iter().any(|p| p.syntax_errors);
    let mut manifest = None;
    let mut topics: Vec<Topic> = Vec::new();
    let mut topic_at: HashMap<String, String> = HashMap::new();
    let mut diagrams: Vec<Diagram> = Vec::new();
    // Diagram id -> (file index, id span, location text).
    let mut diagram_at: HashMap<String, (usize, Span, String)> = HashMap::new();
    let mut pending = Vec::new();
    let mut broken_diagrams: Vec<String> = Vec::new();
    let mut exams = Vec::new();
    for (index, ((file, _), items)) in source.files.iter().zip(parsed).enumerate() {
        if let Some((m, span)) = items.manifest {
            manifest = Some((m, index, span));
        }
        exams.extend(items.exams);
        for (topic, span) in items.topics {
            if let Some(first) = topic_at.get(&topic.id) {
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        file,
                        span,
                        format!("duplicate topic id `{}`", topic.id),
                        "give each topic its own id",
                    )
                    .with_note(format!("first declared at {first}")),
                );
                continue;
            }
            topic_at.insert(
                topic.id.clone(),
                format!("{}:{}", file.path, file.line_of(span.start)),
            );
            topics.push(topic);
        }
        for (diagram, span) in items.diagrams {
            if let Some((_, _, first)) = diagram_at.get(&diagram.id) {
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        file,
                        span,
                        format!("duplicate diagram id `{}`", diagram.id),
                        "give each diagram its own id",
                    )
                    .with_note(format!("first defined at {first}")),
                );
                continue;
            }
            diagram_at.insert(
                diagram.id.clone(),
                (index, span, diagram.location.to_string()),
            );
            diagrams.push(diagram);
        }
        broken_diagrams.extend(items.broken_diagrams);
        for card in items.cards {
            pending.push((file, card));
        }
    }
    let (manifest, manifest_index, id_span) = manifest?;
    let manifest_file = &source.files[manifest_index].0;
    if let Some(owner) = owners.get(&manifest.id) {
        diags.push(Diagnostic::at(
            Severity::Error,
            manifest_file,
            id_span,
            format!("pack id `{}` is already used by {owner}", manifest.id),
            "give this pack its own id; progress is keyed on it, so ids must be unique",
        ));
        return None;
    }
    let owner = match &source.origin {
        Origin::Builtin => "the built-in pack".to_string(),
        Origin::Generated => "a generated pack".to_string(),
        Origin::Path(_) => format!("the pack at {}", manifest_file.path),
    };
    owners.insert(manifest.id.clone(), owner);
    if topics.is_empty() && !incomplete {
        diags.push(Diagnostic::at(
            Severity::Error,
            manifest_file,
            id_span.clone(),
            format!("pack `{}` declares no topics", manifest.id),
            "add `[[topics]]` with an `id` and a `title` to pack.toml; every card names one",
        ));
    }
    let mut card_at: HashMap<String, (&SourceFile, usize)> = HashMap::with_capacity(pending.len());
    let mut cards: Vec<Card> = Vec::with_capacity(pending.len());
    let mut used_diagrams: HashMap<&str, bool> =
        diagrams.iter().map(|d| (d.id.as_str(), false)).collect();
    let known = match options.previous.get(&manifest.id) {
        _ if !options.strict => Known::Lenient,
        Some(ids) => Known::Ids(ids),
        None => Known::Nothing,
    };
    let bad_replaces = replaces::check(&pending, &manifest.id, known, diags);
    for (index, (file, p)) in pending.into_iter().enumerate() {
        let mut ok = p.card.is_ok();
        let name = p.id().unwrap_or("without an id");
        if let Some(id) = p.id() {
            if let Some(&(first_file, first_at)) = card_at.get(id) {
                let first: &SourceFile = first_file;
                diags.push(
                    Diagnostic::at(
                        Severity::Error,
                        file,
                        p.id_span.clone(),
                        format!("duplicate card id `{id}`"),
                        "card ids must be unique within a pack: progress is stored under them",
                    )
                    .with_note(format!(
                        "first defined at {}:{}",
                        first.path,
                        first.line_of(first_at)
                    )),
                );
                ok = false;
            } else {
                card_at.insert(id.to_string(), (file, p.id_span.start));
            }
        }
        if let Some((topic, span)) = p.topic()
            && !topic_at.contains_key(topic)
        {
            let help = match did_you_mean(topic, topics.iter().map(|t| t.id.as_str())) {
                Some(t) => format!("did you mean `{t}`?"),
                None if topics.is_empty() => {
                    "declare the topic in pack.toml with `[[topics]]`".to_string()
                }
                None => format!(
                    "declared topics are {}",
                    topics
                        .iter()
                        .map(|t| format!("`{}`", t.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            if !incomplete {
                diags.push(Diagnostic::at(
                    Severity::Error,
                    file,
                    span,
                    format!("unknown topic `{topic}` in card `{name}`"),
                    help,
                ));
            }
            ok = false;
        }
        let mut drop_diagram = false;
        if let Some((d, span)) = p.diagram() {
            match used_diagrams.get_mut(d) {
                Some(used) => *used = true,
                // The diagram has errors of its own, reported where it is defined: keep the
                // card, without the diagram.
                None if broken_diagrams.iter().any(|b| b == d) => drop_diagram = true,
                None => {
                    let help = match did_you_mean(d, diagrams.iter().map(|x| x.id.as_str())) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => {
                            "define it with `[[diagrams]]` (`id`, `art`) in any file of the pack"
                                .to_string()
                        }
                    };
                    let mut diag = Diagnostic::at(
                        Severity::Error,
                        file,
                        span,
                        format!("card `{name}` names diagram `{d}`, which does not exist"),
                        help,
                    );
                    if incomplete {
                        diag = diag.with_note(
                            "some files of this pack have syntax errors; the diagram may be defined there",
                        );
                    }
                    diags.push(diag);
                    ok = false;
                }
            }
        }
        if ok && let Ok(mut card) = p.card {
            // A replacement in error moves no progress until the author fixes it.
            card.replaces
                .retain(|old| !bad_replaces.contains(&(index, old.clone())));
            if drop_diagram {
                card.diagram = None;
            }
            cards.push(card);
        }
    }
    if !incomplete {
        for d in &diagrams {
            if used_diagrams.get(d.id.as_str()) == Some(&false)
                && let Some((index, span, _)) = diagram_at.get(&d.id)
            {
                diags.push(Diagnostic::at(
                    Severity::Warning,
                    &source.files[*index].0,
                    span.clone(),
                    format!("diagram `{}` is not shown by any card", d.id),
                    format!(
                        "add `diagram = \"{}\"` to a card that explains it, or remove the diagram",
                        d.id
                    ),
                ));
            }
        }
    }
    let exams = if incomplete {
        Vec::new()
    } else {
        super::exams::check(exams, manifest_file, &topics, &cards, diags)
    };
    Some(Pack {
        manifest,
        topics,
        diagrams,
        cards: cards.into(),
        exams,
        origin: source.origin,
        files: source.files.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files parsed on several threads give what parsing them in order gives: the same items
    /// and the same diagnostics in the same order, merged after each file.
    #[test]
    fn files_read_on_threads_are_read_as_in_order() {
        let files: Vec<(SourceFile, Role)> = (0..40)
            .map(|i| {
                let mut text = String::new();
                for c in 0..(i % 7 + 1) {
                    text.push_str(&format!(
                        "[[cards]]\nid = \"f{i}-c{c}\"\ntopic = \"t\"\nkind = \"basic\"\n\
                         front = \"Q {i} {c}\"\nback = \"A\"\n"
                    ));
                }
                if i % 3 == 0 {
                    text.push_str("[[cards]]\nid = \"broken\"\nkind = \"nope\"\n");
                }
                if i % 11 == 0 {
                    text.push_str("this is not toml = = \n");
                }
                (
                    SourceFile::new(format!("cards/{i:02}.toml"), text),
                    Role::Cards,
                )
            })
            .collect();
        let run = |threads| {
            let mut diags = Vec::new();
            let mut merges = Vec::new();
            let items = read_files_on(threads, &files, &mut diags, |d| merges.push(d.len()));
            (format!("{items:?}"), format!("{diags:?}"), merges)
        };
        let in_order = run(1);
        assert!(in_order.1.contains("broken") && in_order.2.len() == files.len());
        for threads in [2, 3, 4] {
            assert_eq!(run(threads), in_order, "{threads} threads");
        }
    }
}
