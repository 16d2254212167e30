//! Opening files the user points deckhand at, safely: only regular files (after following
//! links) are opened, never blocking on a FIFO, and reads stop at a size limit enforced while
//! reading (a link to `/dev/zero` reports a size of 0 and never ends).

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a path could not be opened as a regular file.
#[derive(Debug)]
pub enum OpenError {
    /// The path is something else: "a folder", "a FIFO (named pipe)", "a device", "a socket".
    NotAFile(&'static str),
    /// The file system said no.
    Io(std::io::Error),
}

/// What a file type is, in words, when it is not a regular file.
fn kind_of(t: std::fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Open `path` for reading if it is a regular file (links followed). `Ok(None)` when it does
/// not exist.
pub fn open_regular(path: &Path) -> Result<Option<File>, OpenError> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OpenError::Io(e)),
        Ok(m) => {
            if let Some(what) = kind_of(m.file_type()) {
                return Err(OpenError::NotAFile(what));
            }
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // Should the path have become a FIFO since, opening it must not wait for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OpenError::Io(e)),
    };
    // What was opened, not what the path named a moment before.
    let meta = file.metadata().map_err(OpenError::Io)?;
    if let Some(what) = kind_of(meta.file_type()) {
        return Err(OpenError::NotAFile(what));
    }
    Ok(Some(file))
}

/// Read at most `limit` bytes; `Ok(None)` when the file holds more.
pub fn read_limited(file: File, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_none_and_a_folder_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(open_regular(&dir.path().join("nope")), Ok(None)));
        assert!(matches!(
            open_regular(dir.path()),
            Err(OpenError::NotAFile("a folder"))
        ));
    }

    #[test]
    fn the_limit_holds_while_reading() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("f");
        std::fs::write(&p, b"12345").expect("write");
        let open = || open_regular(&p).expect("open").expect("exists");
        assert_eq!(
            read_limited(open(), 5).expect("read"),
            Some(b"12345".to_vec())
        );
        assert_eq!(read_limited(open(), 4).expect("read"), None);
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_even_through_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("cards.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("link");
        assert!(matches!(
            open_regular(&link),
            Err(OpenError::NotAFile("a device"))
        ));
    }
}
