//! Anki packages. Reading: `.apkg` and `.colpkg` of every version current Anki writes — the
//! legacy ones (`collection.anki2`, `collection.anki21`: SQLite, schema 11, note types and
//! decks as JSON in `col`) and the current one (`meta` says version 3; `collection.anki21b`
//! is zstd-compressed SQLite, schema 18, note types, fields, templates and decks in tables with
//! protobuf configs). Writing: a legacy `collection.anki2` package, which every Anki since 2.1
//! imports (it is what genanki writes).

pub mod read;
pub mod write;

use std::path::PathBuf;

/// Anki's schema 11 (rslib/src/storage/schema11.sql), with the single `col` row.
pub const SCHEMA11: &str = "
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
  time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
INSERT INTO col VALUES (1, 0, 0, 0, 0, 0, 0, 0, '{}', '{}', '{}', '{}', '{}');
";

/// Anki's checksum of a note's first field (its plain text): the first four bytes of its
/// SHA-1, big-endian.
pub fn field_checksum(text: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(text).digest().bytes();
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

/// The sort field as Anki stores it (a number sorts as a number).
pub fn sort_field(text: &str) -> rusqlite::types::Value {
    match text.trim().parse::<i64>() {
        Ok(n) if !text.trim().starts_with('+') => rusqlite::types::Value::Integer(n),
        _ => rusqlite::types::Value::Text(text.to_string()),
    }
}

/// Why a package could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ApkgError {
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: {1}")]
    Sqlite(PathBuf, rusqlite::Error),
    #[error("cannot write the package: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// A minimal protobuf reader: the top-level fields of a message, as (number, value).
pub(crate) fn proto_fields(mut buf: &[u8]) -> Option<Vec<(u64, ProtoValue<'_>)>> {
    fn varint(buf: &mut &[u8]) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = buf.split_first()?;
            *buf = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    let mut out = Vec::new();
    while !buf.is_empty() {
        let key = varint(&mut buf)?;
        let value = match key & 7 {
            0 => ProtoValue::Varint(varint(&mut buf)?),
            1 => {
                buf = buf.get(8..)?;
                ProtoValue::Fixed
            }
            2 => {
                let len = usize::try_from(varint(&mut buf)?).ok()?;
                let bytes = buf.get(..len)?;
                buf = &buf[len..];
                ProtoValue::Bytes(bytes)
            }
            5 => {
                buf = buf.get(4..)?;
                ProtoValue::Fixed
            }
            _ => return None,
        };
        out.push((key >> 3, value));
    }
    Some(out)
}

/// A protobuf field value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProtoValue<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_matches_anki() {
        // rslib/src/notes/mod.rs: test_field_checksum
        assert_eq!(field_checksum("test"), 2_840_236_005);
        assert_eq!(field_checksum("今日"), 1_464_653_051);
    }

    #[test]
    fn protobuf_fields() {
        // field 1 varint 3; field 2 bytes "hi"
        let msg = [0x08, 0x03, 0x12, 0x02, b'h', b'i'];
        assert_eq!(
            proto_fields(&msg),
            Some(vec![
                (1, ProtoValue::Varint(3)),
                (2, ProtoValue::Bytes(b"hi"))
            ])
        );
        assert_eq!(proto_fields(&[0x12, 0x05, b'h']), None);
    }
}
