//! The compiled-pack cache: what [`load_library`](super::load_library) makes of the packs,
//! kept in one binary file in the data directory so later starts decode it instead of parsing
//! and validating TOML again.
//!
//! The cache is never trusted. It is used only when its key matches exactly: the format
//! version, the deckhand version, the running binary (size and modification time, so a
//! rebuilt deckhand never reads what an older build validated), a hash of the built-in pack,
//! and for every source file its path, role, size, modification time and an xxh3 hash of its
//! content (the files are hashed again at every start: a file edited within the same second,
//! to the same size, is still seen). The payload's own hash is checked before anything
//! decoded from it is used. A missing, stale, truncated, corrupt or foreign cache means a
//! load from source and a new cache, written atomically (a temporary file renamed over the
//! old one). `deckhand check` never reads it.
//!
//! Layout: `MAGIC`, `FORMAT` (u32 LE), then records (a u32 LE length and that many bytes of
//! `postcard`): the key, per pack a head, its cards' heads (id, topic, kind, study items)
//! and its cards in chunks of [`CHUNK`], the report; last the xxh3 hash of every record (u64
//! LE). A start reads every record and checks that hash, but decodes only the heads: the
//! chunks of card texts are decoded when a card is first needed ([`Cards`], which also says
//! what happens if the file changes after the start). The generated pack is decoded whole.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::cards::{self, CHUNK, CacheFile, ChunkAt, Heads};
use super::disk;
use super::disk::FileStamp;
use super::load::{self, LibraryListing};
use super::schema::Role;
use super::{Card, Cards, Diagram, ExamProfile, Library, Manifest, Origin, Pack, Report, Topic};

const MAGIC: &[u8; 8] = b"DHPACKS\x1a";
/// Bumped whenever anything cached changes shape.
const FORMAT: u32 = 2;
/// No record is larger than this (a corrupt length must not allocate gigabytes).
const MAX_RECORD: usize = 64 * 1024 * 1024;

/// How the library was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// Decoded from the cache.
    Hit,
    /// Loaded from source and the cache written (why the old one was not used).
    Rebuilt(String),
    /// Loaded from source; no cache written (why).
    Skipped(String),
}

/// Load what [`load_library`](super::load_library) loads, through the cache at `cache`, with
/// `generated` packs (made by deckhand itself, e.g. the simulator's questions) after them.
pub fn load_library_cached(
    builtin: bool,
    packs_dir: Option<&Path>,
    extra: &[PathBuf],
    cache: &Path,
    generated: impl FnOnce() -> Vec<Pack>,
) -> (Library, CacheUse) {
    let listing = load::list_library(builtin, packs_dir, extra);
    if !listing.diags.is_empty() {
        // Folders that cannot be read, missing paths: always looked at afresh.
        let (mut library, _) = load::load_listing(listing);
        library.packs.extend(generated());
        return (
            library,
            CacheUse::Skipped("problems reading the packs".into()),
        );
    }
    let key = Key::of(&listing);
    let why = match read(cache, &key, &listing) {
        Ok(library) => return (library, CacheUse::Hit),
        Err(why) => why,
    };
    let (mut library, stamps) = load::load_listing(listing);
    library.packs.extend(generated());
    let Some(stamps) = stamps else {
        return (
            library,
            CacheUse::Skipped("problems reading the packs".into()),
        );
    };
    for pack in &library.packs {
        let print = super::diff::print(pack);
        library
            .prints
            .insert(pack.id().to_string(), print.hash.clone());
        library.computed_prints.insert(pack.id().to_string(), print);
    }
    let key = Key { stamps, ..key };
    match write(cache, &key, &library) {
        Ok(()) => (library, CacheUse::Rebuilt(why)),
        Err(e) => (
            library,
            CacheUse::Skipped(format!("cannot write the cache: {e}")),
        ),
    }
}

/// What the cache is valid for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Key {
    version: String,
    /// The running binary's size and modification time (ns since the epoch).
    binary: (u64, u64),
    /// The built-in pack's hash, when it is loaded.
    builtin: Option<u64>,
    /// Each pack: where it came from and its files with their roles (`true`: the manifest).
    packs: Vec<(String, Vec<(String, bool)>)>,
    /// Each file, in the order of `packs`.
    stamps: Vec<FileStamp>,
}

impl Key {
    /// The key of a listing, with the files' hashes still unknown (zero).
    fn of(listing: &LibraryListing) -> Key {
        let binary = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| (m.len(), disk::mtime_ns(&m)))
            .unwrap_or((0, 0));
        Key {
            version: env!("CARGO_PKG_VERSION").to_string(),
            binary,
            builtin: listing.builtin.then(load::builtin_hash),
            packs: listing
                .packs
                .iter()
                .map(|p| {
                    let files = p
                        .files
                        .iter()
                        .map(|(f, role)| (f.display().to_string(), *role == Role::Manifest))
                        .collect();
                    (format!("{:?}", p.origin), files)
                })
                .collect(),
            stamps: Vec::new(),
        }
    }
}

/// A pack without its cards, as the cache holds it.
#[derive(Serialize)]
struct HeadRef<'a> {
    manifest: &'a Manifest,
    topics: &'a [Topic],
    diagrams: &'a [Diagram],
    exams: &'a [ExamProfile],
    origin: &'a Origin,
    files: usize,
    cards: usize,
    print: &'a str,
    /// The names of the files the cards and diagrams are in, each once.
    names: &'a [Arc<str>],
}

#[derive(Deserialize)]
struct Head {
    manifest: Manifest,
    topics: Vec<Topic>,
    diagrams: Vec<Diagram>,
    exams: Vec<ExamProfile>,
    origin: Origin,
    files: usize,
    cards: usize,
    print: String,
    names: Vec<Arc<str>>,
}

/// Records in, hashing as they go.
struct Records<R> {
    inner: R,
    hash: Xxh3,
    buf: Vec<u8>,
    /// Where in the file the next record starts.
    pos: u64,
}

impl<R: Read> Records<R> {
    fn next<T: for<'de> Deserialize<'de>>(&mut self) -> Result<T, String> {
        postcard::from_bytes(self.raw()?).map_err(|e| format!("does not decode: {e}"))
    }

    /// The next record's bytes, hashed.
    fn raw(&mut self) -> Result<&[u8], String> {
        let mut len = [0u8; 4];
        self.inner
            .read_exact(&mut len)
            .map_err(|e| format!("truncated: {e}"))?;
        let len = u32::from_le_bytes(len) as usize;
        if len > MAX_RECORD {
            return Err(format!("a record of {len} bytes"));
        }
        self.buf.resize(len, 0);
        self.inner
            .read_exact(&mut self.buf)
            .map_err(|e| format!("truncated: {e}"))?;
        self.hash.update(&(len as u32).to_le_bytes());
        self.hash.update(&self.buf);
        self.pos += 4 + len as u64;
        Ok(&self.buf)
    }

    /// The next record, a chunk of card texts: where it is, not decoded.
    fn chunk(&mut self) -> Result<ChunkAt, String> {
        let bytes = self.raw()?;
        let len = bytes.len() as u32;
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        Ok(ChunkAt {
            at: self.pos - u64::from(len),
            len,
            hash,
        })
    }
}

/// Records out, hashing as they go.
struct Writer<W> {
    inner: W,
    hash: Xxh3,
}

impl<W: Write> Writer<W> {
    fn record<T: Serialize + ?Sized>(&mut self, value: &T) -> std::io::Result<()> {
        let bytes = postcard::to_stdvec(value).map_err(std::io::Error::other)?;
        let len = u32::try_from(bytes.len())
            .ok()
            .filter(|&l| l as usize <= MAX_RECORD)
            .ok_or_else(|| std::io::Error::other("a record too large for the cache"))?;
        self.hash.update(&len.to_le_bytes());
        self.hash.update(&bytes);
        self.inner.write_all(&len.to_le_bytes())?;
        self.inner.write_all(&bytes)
    }
}

/// The library in the cache, if the cache is sound and its key is `key` with the files'
/// current hashes.
fn read(cache: &Path, key: &Key, listing: &LibraryListing) -> Result<Library, String> {
    let file = match File::open(cache) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err("no cache yet".into()),
        Err(e) => return Err(format!("cannot open the cache: {e}")),
    };
    let mut inner = BufReader::with_capacity(256 * 1024, file);
    let mut head = [0u8; 12];
    inner
        .read_exact(&mut head)
        .map_err(|_| "not a pack cache".to_string())?;
    if &head[..8] != MAGIC {
        return Err("not a pack cache".into());
    }
    if head[8..] != FORMAT.to_le_bytes() {
        return Err("another cache format".into());
    }
    let mut records = Records {
        inner,
        hash: Xxh3::new(),
        buf: Vec::new(),
        pos: 12,
    };
    let stored: Key = records.next()?;
    if stored.version != key.version
        || stored.binary != key.binary
        || stored.builtin != key.builtin
        || stored.packs != key.packs
    {
        return Err("made by another deckhand or for other packs".into());
    }
    let files = listing.packs.iter().flat_map(|p| p.files.iter());
    if stored.stamps.len() != files.clone().count() {
        return Err("the pack files changed".into());
    }
    let mut buf = vec![0u8; 256 * 1024];
    for ((path, _), stamp) in files.zip(&stored.stamps) {
        if !disk::still(path, stamp, &mut buf) {
            return Err(format!("{} changed", path.display()));
        }
    }
    let count: usize = records.next()?;
    // The packs' parts, made into packs once the file is checked and free for later reads.
    let mut parts = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        let head: Head = records.next()?;
        let heads: Heads = records.next()?;
        if heads.heads.len() != head.cards || !heads.sound() {
            return Err("the wrong number of cards".into());
        }
        let texts = if head.origin == Origin::Generated {
            // Made by deckhand at every start, small: decoded whole, nothing to fall back on.
            let mut cards = Vec::with_capacity(head.cards.min(1 << 20));
            while cards.len() < head.cards {
                cards.extend(cards::decode_chunk(records.raw()?)?);
            }
            if cards.len() != head.cards {
                return Err("the wrong number of cards".into());
            }
            Texts::Whole(cards)
        } else {
            let mut chunks = Vec::with_capacity(head.cards.div_ceil(CHUNK).min(1 << 16));
            for _ in 0..head.cards.div_ceil(CHUNK) {
                chunks.push(records.chunk()?);
            }
            Texts::Chunks(heads, chunks)
        };
        parts.push((head, texts));
    }
    let report: Report = records.next()?;
    let expected = records.hash.digest();
    let mut end = [0u8; 8];
    records
        .inner
        .read_exact(&mut end)
        .map_err(|e| format!("truncated: {e}"))?;
    if u64::from_le_bytes(end) != expected {
        return Err("its checksum does not match".into());
    }
    if records
        .inner
        .read(&mut [0u8; 1])
        .map_err(|e| e.to_string())?
        != 0
    {
        return Err("bytes after its end".into());
    }
    let file: CacheFile = Arc::new(Mutex::new(records.inner.into_inner()));
    let mut packs = Vec::with_capacity(parts.len());
    let mut prints = HashMap::new();
    for (head, texts) in parts {
        let mut diagrams = head.diagrams;
        for d in &mut diagrams {
            cards::share_name(&head.names, &mut d.location);
        }
        let cards = match texts {
            Texts::Whole(mut cards) => {
                for card in &mut cards {
                    cards::share_name(&head.names, &mut card.location);
                }
                Cards::from(cards)
            }
            Texts::Chunks(heads, chunks) => Cards::lazy(
                heads,
                chunks,
                head.names,
                file.clone(),
                head.manifest.id.clone(),
                head.origin.clone(),
            ),
        };
        prints.insert(head.manifest.id.clone(), head.print);
        packs.push(Pack {
            manifest: head.manifest,
            topics: head.topics,
            diagrams,
            cards,
            exams: head.exams,
            origin: head.origin,
            files: head.files,
        });
    }
    Ok(Library {
        packs,
        report,
        prints,
        computed_prints: HashMap::new(),
    })
}

/// A pack's card texts as read at the start.
enum Texts {
    Whole(Vec<Card>),
    Chunks(Heads, Vec<ChunkAt>),
}

/// The names of the files of a pack's diagrams and cards, each once.
fn file_names(pack: &Pack) -> Vec<Arc<str>> {
    let mut names: Vec<Arc<str>> = Vec::new();
    let locations = pack
        .diagrams
        .iter()
        .map(|d| &d.location)
        .chain(pack.cards.iter().map(|c| &c.location));
    for location in locations {
        if !names.contains(&location.file) {
            names.push(location.file.clone());
        }
    }
    names
}

/// Write the cache: into a temporary file beside it, then renamed over it, so a reader sees
/// the old cache or the new one, never half of one.
fn write(cache: &Path, key: &Key, library: &Library) -> std::io::Result<()> {
    let dir = cache.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = cache.with_extension(format!("tmp-{}", std::process::id()));
    let result = write_to(&tmp, key, library).and_then(|()| std::fs::rename(&tmp, cache));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_to(path: &Path, key: &Key, library: &Library) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(256 * 1024, File::create(path)?);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    let mut w = Writer {
        inner: out,
        hash: Xxh3::new(),
    };
    w.record(key)?;
    w.record(&library.packs.len())?;
    for pack in &library.packs {
        w.record(&HeadRef {
            manifest: &pack.manifest,
            topics: &pack.topics,
            diagrams: &pack.diagrams,
            exams: &pack.exams,
            origin: &pack.origin,
            files: pack.files,
            cards: pack.cards.len(),
            print: library.prints.get(pack.id()).map_or("", String::as_str),
            names: &file_names(pack),
        })?;
        w.record(&Heads::of(&pack.cards))?;
        let mut chunk: Vec<&Card> = Vec::with_capacity(CHUNK);
        for card in &pack.cards {
            chunk.push(card);
            if chunk.len() == CHUNK {
                w.record(&chunk)?;
                chunk.clear();
            }
        }
        if !chunk.is_empty() {
            w.record(&chunk)?;
        }
    }
    w.record(&library.report)?;
    let digest = w.hash.digest();
    let mut out = w.inner;
    out.write_all(&digest.to_le_bytes())?;
    // No fsync: a cache cut short by a crash fails its checksum and is made again.
    out.flush()
}

/// `Card::sim` in the cache: the preset as JSON text (postcard cannot hold its internally
/// tagged enum).
pub(super) mod preset_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::sim::Preset;

    pub fn serialize<S: Serializer>(preset: &Option<Box<Preset>>, s: S) -> Result<S::Ok, S::Error> {
        let json = preset
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(serde::ser::Error::custom)?;
        json.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Box<Preset>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|json| serde_json::from_str(&json))
            .transpose()
            .map_err(serde::de::Error::custom)
    }
}
