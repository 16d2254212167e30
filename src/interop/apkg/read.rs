//! Reading an Anki package: its notes (with their note types and decks), its cards and its
//! review log.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::content::Severity;
use crate::interop::Problem;
use crate::interop::mapping::{SourceNote, SourceType};

use super::{ProtoValue, proto_fields};

/// The largest collection read (uncompressed).
const MAX_COLLECTION_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// A card of the package: which note, which template, and its scheduling.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageCard {
    pub id: i64,
    /// Index into [`Package::notes`].
    pub note: usize,
    pub ord: i64,
    /// Anki's card type: 0 new, 1 learning, 2 review, 3 relearning.
    pub kind: i64,
    /// Anki's queue: -1 suspended, -2/-3 buried.
    pub queue: i64,
}

/// One row of the package's review log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackageReview {
    pub card: i64,
    /// Milliseconds since the epoch.
    pub at_ms: i64,
    /// 1 Again … 4 Easy; 0 for a manual reschedule.
    pub ease: u8,
    pub time_ms: i64,
    /// 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled.
    pub kind: i64,
}

/// What a package holds.
#[derive(Debug, Clone, Default)]
pub struct Package {
    pub notes: Vec<SourceNote>,
    /// Anki note ids, parallel to `notes`.
    pub note_ids: Vec<i64>,
    pub cards: Vec<PackageCard>,
    pub reviews: Vec<PackageReview>,
    pub media_files: usize,
    /// Which collection file it held.
    pub collection: &'static str,
}

/// Removes the extracted collection when dropped.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
        let _ = std::fs::remove_file(self.0.with_extension("sqlite-journal"));
    }
}

fn err(at: &str, message: impl Into<String>) -> Vec<Problem> {
    vec![Problem::new(Severity::Error, at, message)]
}

/// Read a `.apkg` or `.colpkg`.
pub fn read(path: &Path) -> Result<Package, Vec<Problem>> {
    let file = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| err(&file, format!("cannot open: {e}")))?;
    let mut zip = zip::ZipArchive::new(f).map_err(|e| {
        err(
            &file,
            format!("not an Anki package (not a readable zip archive: {e})"),
        )
    })?;
    let has = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| zip.by_name(name).is_ok();
    let version = if has(&mut zip, "meta") {
        let mut buf = Vec::new();
        zip.by_name("meta")
            .and_then(|mut meta| Ok(meta.read_to_end(&mut buf)?))
            .map_err(|e| err(&file, format!("cannot read `meta`: {e}")))?;
        let fields = proto_fields(&buf).ok_or_else(|| err(&file, "`meta` is damaged"))?;
        fields
            .iter()
            .find_map(|(n, v)| match (n, v) {
                (1, ProtoValue::Varint(v)) => Some(*v),
                _ => None,
            })
            .unwrap_or(0)
    } else if has(&mut zip, "collection.anki21") {
        2
    } else {
        1
    };
    let (name, zstd) = match version {
        1 => ("collection.anki2", false),
        2 => ("collection.anki21", false),
        3 => ("collection.anki21b", true),
        v => {
            return Err(err(
                &file,
                format!(
                    "made by a newer Anki (package version {v}); export it from Anki with \
                     \"Support older Anki versions\" ticked"
                ),
            ));
        }
    };
    let mut entry = zip
        .by_name(name)
        .map_err(|_| err(&file, format!("not an Anki package: it holds no `{name}`")))?;
    let mut raw = Vec::new();
    (&mut entry)
        .take(MAX_COLLECTION_BYTES)
        .read_to_end(&mut raw)
        .map_err(|e| err(&file, format!("cannot read `{name}`: {e}")))?;
    drop(entry);
    let db = if zstd {
        zstd::stream::decode_all(&raw[..])
            .map_err(|e| err(&file, format!("`{name}` is not valid zstd data: {e}")))?
    } else {
        raw
    };
    let media_files = media_count(&mut zip, version == 3);
    let tmp = TempFile(std::env::temp_dir().join(format!(
        "deckhand-import-{}-{}.sqlite",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    )));
    std::fs::write(&tmp.0, &db).map_err(|e| err(&file, format!("cannot extract: {e}")))?;
    let conn = Connection::open_with_flags(&tmp.0, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| err(&file, format!("`{name}` cannot be opened: {e}")))?;
    // Anki's tables compare names with its own collation.
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })
    .map_err(|e| err(&file, e.to_string()))?;
    let damaged = |e: rusqlite::Error| {
        err(
            &file,
            format!("the collection `{name}` is damaged or not Anki's: {e}"),
        )
    };
    let mut package = read_collection(&conn, &file).map_err(|e| match e {
        ReadError::Sql(e) => damaged(e),
        ReadError::Problems(p) => p,
    })?;
    package.media_files = media_files;
    package.collection = name;
    Ok(package)
}

fn media_count<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, latest: bool) -> usize {
    let Ok(mut media) = zip.by_name("media") else {
        return 0;
    };
    let mut buf = Vec::new();
    if media.read_to_end(&mut buf).is_err() {
        return 0;
    }
    if latest {
        zstd::stream::decode_all(&buf[..])
            .ok()
            .and_then(|b| proto_fields(&b).map(|f| f.iter().filter(|(n, _)| *n == 1).count()))
            .unwrap_or(0)
    } else {
        serde_json::from_slice::<HashMap<String, String>>(&buf).map_or(0, |m| m.len())
    }
}

enum ReadError {
    Sql(rusqlite::Error),
    Problems(Vec<Problem>),
}

impl From<rusqlite::Error> for ReadError {
    fn from(e: rusqlite::Error) -> Self {
        ReadError::Sql(e)
    }
}

fn read_collection(conn: &Connection, file: &str) -> Result<Package, ReadError> {
    let ver: i64 = conn.query_row("SELECT ver FROM col", [], |r| r.get(0))?;
    let (types, decks) = if ver >= 15 {
        (types_from_tables(conn)?, decks_from_table(conn)?)
    } else {
        let (models, decks): (String, String) =
            conn.query_row("SELECT models, decks FROM col", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        (
            types_from_json(&models).ok_or_else(|| {
                ReadError::Problems(err(
                    file,
                    "the note types (`col.models`) are not valid JSON",
                ))
            })?,
            decks_from_json(&decks).ok_or_else(|| {
                ReadError::Problems(err(file, "the decks (`col.decks`) are not valid JSON"))
            })?,
        )
    };
    let mut package = Package::default();
    let mut note_index = HashMap::new();
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, guid, mid, tags, flds): (i64, String, i64, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let at = format!("{file}: note {id}");
        let Some(notetype) = types.get(&mid) else {
            problems.push(Problem::new(
                Severity::Error,
                &at,
                format!("its note type {mid} is not in the package"),
            ));
            continue;
        };
        note_index.insert(id, package.notes.len());
        package.note_ids.push(id);
        package.notes.push(SourceNote {
            at,
            guid: Some(guid),
            notetype: notetype.clone(),
            deck: None,
            tags: tags.split_whitespace().map(str::to_string).collect(),
            fields: flds.split('\x1f').map(str::to_string).collect(),
            html: true,
        });
    }
    if !problems.is_empty() {
        return Err(ReadError::Problems(problems));
    }
    let mut stmt =
        conn.prepare("SELECT id, nid, did, odid, ord, type, queue FROM cards ORDER BY nid, ord")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, nid, did, odid, ord, kind, queue): (i64, i64, i64, i64, i64, i64, i64) = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        );
        let Some(&note) = note_index.get(&nid) else {
            continue;
        };
        // A card in a filtered deck belongs to its original deck.
        let deck = if odid != 0 { odid } else { did };
        if package.notes[note].deck.is_none() {
            package.notes[note].deck = decks.get(&deck).cloned();
        }
        package.cards.push(PackageCard {
            id,
            note,
            ord,
            kind,
            queue,
        });
    }
    let mut stmt = conn.prepare("SELECT cid, id, ease, time, type FROM revlog ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let ease: i64 = r.get(2)?;
        package.reviews.push(PackageReview {
            card: r.get(0)?,
            at_ms: r.get(1)?,
            ease: u8::try_from(ease).unwrap_or(0),
            time_ms: r.get(3)?,
            kind: r.get(4)?,
        });
    }
    Ok(package)
}

fn types_from_json(models: &str) -> Option<HashMap<i64, SourceType>> {
    let map: HashMap<String, serde_json::Value> = serde_json::from_str(models).ok()?;
    let mut out = HashMap::new();
    for (id, m) in map {
        let names = |key: &str, inner: &str| -> Vec<String> {
            m[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|f| f[inner].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let id = id.parse::<i64>().ok().or_else(|| m["id"].as_i64())?;
        out.insert(
            id,
            SourceType {
                name: m["name"].as_str().unwrap_or_default().to_string(),
                fields: names("flds", "name"),
                cloze: m["type"].as_i64() == Some(1),
                templates: names("tmpls", "qfmt"),
            },
        );
    }
    Some(out)
}

fn decks_from_json(decks: &str) -> Option<HashMap<i64, String>> {
    let map: HashMap<String, serde_json::Value> = serde_json::from_str(decks).ok()?;
    Some(
        map.into_iter()
            .filter_map(|(id, d)| Some((id.parse().ok()?, d["name"].as_str()?.to_string())))
            .collect(),
    )
}

fn types_from_tables(conn: &Connection) -> Result<HashMap<i64, SourceType>, rusqlite::Error> {
    let mut out: HashMap<i64, SourceType> = HashMap::new();
    let mut stmt = conn.prepare("SELECT id, name, config FROM notetypes")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let config: Vec<u8> = r.get(2)?;
        let cloze = proto_fields(&config)
            .unwrap_or_default()
            .iter()
            .any(|(n, v)| *n == 1 && *v == ProtoValue::Varint(1));
        out.insert(
            r.get(0)?,
            SourceType {
                name: r.get(1)?,
                cloze,
                ..Default::default()
            },
        );
    }
    let mut stmt = conn.prepare("SELECT ntid, name FROM fields ORDER BY ntid, ord")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(t) = out.get_mut(&r.get::<_, i64>(0)?) {
            t.fields.push(r.get(1)?);
        }
    }
    let mut stmt = conn.prepare("SELECT ntid, config FROM templates ORDER BY ntid, ord")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let config: Vec<u8> = r.get(1)?;
        let qfmt = proto_fields(&config)
            .unwrap_or_default()
            .iter()
            .find_map(|(n, v)| match (n, v) {
                (1, ProtoValue::Bytes(b)) => Some(String::from_utf8_lossy(b).into_owned()),
                _ => None,
            })
            .unwrap_or_default();
        if let Some(t) = out.get_mut(&r.get::<_, i64>(0)?) {
            t.templates.push(qfmt);
        }
    }
    Ok(out)
}

fn decks_from_table(conn: &Connection) -> Result<HashMap<i64, String>, rusqlite::Error> {
    let mut stmt = conn.prepare("SELECT id, name FROM decks")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?.replace('\x1f', "::"),
        ))
    })?;
    rows.collect()
}
