//! Finding and reading pack files on disk: a single `.toml` file or a folder of them, with
//! limits on size and depth, every problem a located diagnostic; and whether a file read
//! earlier is still the same (the compiled-pack cache's check).

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::Origin;
use super::diag::{Diagnostic, Severity};
use super::schema::Role;
use super::source::SourceFile;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// The largest file a pack may hold; anything bigger is surely not a pack.
pub(super) const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// How deep pack folders are searched for card files.
pub(super) const MAX_FOLDER_DEPTH: usize = 8;

/// The files of one pack, read but not yet parsed.
pub(super) struct PackFiles {
    pub(super) origin: Origin,
    pub(super) files: Vec<(SourceFile, Role)>,
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

pub(super) fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

pub(super) fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

/// Read a pack path: a single `.toml` file, or a folder with `pack.toml` and card files.
pub(super) fn read_path(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<PackFiles> {
    let listing = list_path(path, diags)?;
    Some(read_listing(listing, diags, &mut Vec::new()))
}

/// Find a pack's files: a single `.toml` file, or a folder with `pack.toml` and card files.
pub(super) fn list_path(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<PackListing> {
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
pub(super) fn read_listing(
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
