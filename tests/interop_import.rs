//! `deckhand import` over fixtures in Anki's documented formats: a text file with every
//! header, a headerless CSV, a Quizlet export, a legacy package (schema 11,
//! `collection.anki2`) and a current one (`meta` version 3, zstd-compressed schema 18
//! `collection.anki21b`), built here with rusqlite, zip and zstd; and broken files of each
//! kind, each refused with a located error and nothing left behind.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use deckhand::content::{self, CardBody, Pack};
use rusqlite::{Connection, params};

const FIXTURES: &str = "tests/fixtures/interop";

fn deckhand(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("DECKHAND_DATA_DIR", data)
        .env("DECKHAND_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run deckhand")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Import `file` into `dir/out` with the CLI; return the loaded pack and stderr.
fn import_ok(file: &Path, dir: &Path, extra: &[&str]) -> (Pack, String) {
    let out = dir.join("out");
    let mut args = vec![
        "import",
        file.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let run = deckhand(&args, dir);
    let err = text(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{err}");
    let check = deckhand(&["check", out.to_str().expect("utf-8")], dir);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let lib = content::load_path(&out);
    (lib.packs.into_iter().next().expect("a pack"), err)
}

/// Import must fail with `located` in stderr, and leave nothing in `dir` but what was there.
fn import_fails(file: &Path, located: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("packs-here").join("out");
    std::fs::create_dir_all(out.parent().expect("parent")).expect("mkdir");
    let run = deckhand(
        &[
            "import",
            file.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ],
        dir.path(),
    );
    let err = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains(located), "expected `{located}` in: {err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let left: Vec<_> = std::fs::read_dir(out.parent().expect("parent"))
        .expect("read")
        .collect();
    assert!(left.is_empty(), "no partial pack: {left:?}");
}

fn card<'a>(pack: &'a Pack, id: &str) -> &'a deckhand::content::Card {
    pack.card(id).unwrap_or_else(|| {
        panic!(
            "no card {id}: {:?}",
            pack.cards.iter().map(|c| &c.id).collect::<Vec<_>>()
        )
    })
}

#[test]
fn anki_text_with_every_header() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = Path::new(FIXTURES).join("anki-every-header.txt");
    let (pack, err) = import_ok(&file, dir.path(), &["--pack-id", "spanish"]);
    assert_eq!(pack.id(), "spanish");
    assert_eq!(
        pack.manifest.title, "Spanish",
        "the decks' shared root names the pack"
    );
    assert_eq!(pack.cards.len(), 5);
    let eat = card(&pack, "abc123");
    assert_eq!(
        eat.body,
        CardBody::Basic {
            front: "to eat".into(),
            back: "comer\n(regular)".into(),
            reverse: false
        }
    );
    assert_eq!(eat.tags, ["imported", "verbs", "food"]);
    assert_eq!(eat.topic, "verbs");
    assert_eq!(pack.topic("verbs").expect("topic").title, "Verbs");
    // A GUID that is not a valid id is kept stable as hex.
    let dog = card(&pack, "anki-446546343536");
    assert!(
        matches!(&dog.body, CardBody::Basic { front, reverse: true, .. } if front == "dog & cat")
    );
    let hola = card(&pack, "ghi789");
    match &hola.body {
        CardBody::Cloze { text } => assert_eq!(text.numbers(), [1, 2]),
        other => panic!("{other:?}"),
    }
    assert_eq!(hola.explain, "A greeting.");
    assert!(
        matches!(&card(&pack, "jkl012").body, CardBody::Typed { answers, .. } if answers == &["beber"])
    );
    assert!(err.contains("media `see.png` left out"), "{err}");
    assert!(err.contains("media `ver.mp3` left out"), "{err}");
    assert!(err.contains("anki-every-header.txt:13"), "located: {err}");
}

#[test]
fn headerless_csv_takes_its_first_row_as_column_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pack, _) = import_ok(&Path::new(FIXTURES).join("headerless.csv"), dir.path(), &[]);
    assert_eq!(pack.id(), "headerless");
    assert_eq!(pack.cards.len(), 3);
    let fargate = card(&pack, "fargate-in-one-word");
    assert!(matches!(&fargate.body, CardBody::Basic { back, .. } if back == "Serverless"));
    let quoted = card(&pack, "a-quoted-term");
    assert!(
        matches!(&quoted.body, CardBody::Basic { front, back, .. } if front == "A \"quoted\" term" && back == "Two\nlines")
    );
    assert_eq!(pack.topics.len(), 1);
}

#[test]
fn quizlet_export_with_a_topic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pack, _) = import_ok(
        &Path::new(FIXTURES).join("quizlet.txt"),
        dir.path(),
        &["--topic", "AWS terms", "--pack-id", "quizlet"],
    );
    assert_eq!(pack.cards.len(), 3);
    assert_eq!(pack.topics.len(), 1);
    assert_eq!(pack.topics[0].id, "aws-terms");
    let td = card(&pack, "task-definition");
    assert!(
        matches!(&td.body, CardBody::Basic { back, .. } if back.starts_with("A blueprint for containers"))
    );
}

#[test]
fn an_import_keeps_its_ids_when_run_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = Path::new(FIXTURES).join("quizlet.txt");
    let (first, _) = import_ok(&file, dir.path(), &[]);
    let again = deckhand(
        &[
            "import",
            file.to_str().expect("utf-8"),
            "--out",
            dir.path().join("out").to_str().expect("utf-8"),
        ],
        dir.path(),
    );
    assert_eq!(
        again.status.code(),
        Some(1),
        "an existing pack is not overwritten"
    );
    assert!(text(&again.stderr).contains("--force"));
    let (second, _) = import_ok(&file, dir.path(), &["--force"]);
    let ids = |p: &Pack| p.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&first), ids(&second));
}

#[test]
fn broken_text_files_are_refused_with_their_line() {
    let f = |name: &str| Path::new(FIXTURES).join(name);
    import_fails(
        &f("broken-header.txt"),
        "broken-header.txt:2: error: `#html:` takes true or false",
    );
    import_fails(
        &f("broken-quote.csv"),
        "broken-quote.csv:3: error: a quoted field is never closed",
    );
    import_fails(
        &f("broken-one-column.csv"),
        "broken-one-column.csv:3: error: the back is empty",
    );
    import_fails(
        &f("broken-encoding.txt"),
        "broken-encoding.txt:3: error: not UTF-8 text",
    );
}

#[test]
fn control_characters_in_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("evil.csv");
    std::fs::write(&file, "ok\tfine\n\x1b[2Jwipe\x07\n").expect("write");
    let run = deckhand(&["import", file.to_str().expect("utf-8")], dir.path());
    let err = text(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert!(err.contains("\\u{1b}[2Jwipe"), "{err}");
}

// ---- Anki packages, built here ----

/// A stock note type in schema 11 JSON.
fn model(id: i64, name: &str, kind: i64, fields: &[&str], qfmts: &[&str]) -> serde_json::Value {
    serde_json::json!({
        "id": id, "name": name, "type": kind, "mod": 0, "usn": 0, "sortf": 0, "did": 1,
        "css": "", "latexPre": "", "latexPost": "", "req": [],
        "flds": fields.iter().enumerate().map(|(i, f)| serde_json::json!({"name": f, "ord": i, "sticky": false, "rtl": false, "font": "Arial", "size": 20})).collect::<Vec<_>>(),
        "tmpls": qfmts.iter().enumerate().map(|(i, q)| serde_json::json!({"name": format!("Card {}", i + 1), "ord": i, "qfmt": q, "afmt": "{{FrontSide}}"})).collect::<Vec<_>>(),
    })
}

struct Note<'a> {
    id: i64,
    guid: &'a str,
    mid: i64,
    deck: i64,
    fields: &'a [&'a str],
    cards: usize,
}

const NOTES: [Note<'static>; 4] = [
    Note {
        id: 1001,
        guid: "Ab#1",
        mid: 11,
        deck: 21,
        fields: &["What runs tasks without servers?", "AWS Fargate"],
        cards: 1,
    },
    Note {
        id: 1002,
        guid: "Ab#2",
        mid: 12,
        deck: 22,
        fields: &["ECR", "Elastic Container Registry"],
        cards: 2,
    },
    Note {
        id: 1003,
        guid: "Ab#3",
        mid: 13,
        deck: 22,
        fields: &[
            "The {{c1::ECS agent}} runs on {{c2::each instance}}",
            "extra",
        ],
        cards: 2,
    },
    Note {
        id: 1004,
        guid: "Ab#4",
        mid: 14,
        deck: 21,
        fields: &["Log driver for CloudWatch?", "awslogs"],
        cards: 1,
    },
];

/// Fill notes, cards and a review log (two answers for the first card).
fn fill(conn: &Connection) {
    let mut cid = 5000;
    for n in &NOTES {
        conn.execute(
            "INSERT INTO notes VALUES (?1, ?2, ?3, 0, 0, ' aws ', ?4, '', 0, 0, '')",
            params![n.id, n.guid, n.mid, n.fields.join("\x1f")],
        )
        .expect("note");
        for ord in 0..n.cards {
            cid += 1;
            conn.execute(
                "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, 0, 0, 2, 2, 10, 3, 2500, 2, 0, 0, 0, 0, 0, '')",
                params![cid, n.id, n.deck, ord as i64],
            )
            .expect("card");
        }
    }
    for (id, ease, kind) in [
        (1_790_000_000_000_i64, 3, 0),
        (1_790_086_400_000, 3, 1),
        (1_790_090_000_000, 0, 4),
    ] {
        conn.execute(
            "INSERT INTO revlog VALUES (?1, 5001, 0, ?2, 1, 0, 2500, 6000, ?3)",
            params![id, ease, kind],
        )
        .expect("revlog");
    }
}

fn zip_file(path: &Path, entries: &[(&str, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
}

fn legacy_package(dir: &Path) -> PathBuf {
    legacy_package_with(dir, |_| {})
}

/// The legacy package, its collection changed by `tweak` after it was filled.
fn legacy_package_with(dir: &Path, tweak: impl Fn(&Connection)) -> PathBuf {
    let db = dir.join("legacy.anki2");
    let conn = Connection::open(&db).expect("open");
    conn.execute_batch(deckhand::interop::apkg::SCHEMA11)
        .expect("schema");
    let models = serde_json::json!({
        "11": model(11, "Basic", 0, &["Front", "Back"], &["{{Front}}"]),
        "12": model(12, "Basic (and reversed card)", 0, &["Front", "Back"], &["{{Front}}", "{{Back}}"]),
        "13": model(13, "Cloze", 1, &["Text", "Back Extra"], &["{{cloze:Text}}"]),
        "14": model(14, "Basic (type in the answer)", 0, &["Front", "Back"], &["{{Front}}\n{{type:Back}}"]),
    });
    let decks = serde_json::json!({
        "1": {"id": 1, "name": "Default"},
        "21": {"id": 21, "name": "Containers::Compute"},
        "22": {"id": 22, "name": "Containers::Registry"},
    });
    conn.execute(
        "UPDATE col SET ver = 11, models = ?1, decks = ?2",
        params![models.to_string(), decks.to_string()],
    )
    .expect("col");
    fill(&conn);
    tweak(&conn);
    drop(conn);
    let path = dir.join("legacy.apkg");
    zip_file(
        &path,
        &[
            ("collection.anki2", std::fs::read(&db).expect("read")),
            ("media", br#"{"0": "diagram.png"}"#.to_vec()),
            ("0", b"\x89PNG".to_vec()),
        ],
    );
    path
}

/// A protobuf string field.
fn pb_bytes(field: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![(field << 3) | 2, u8::try_from(bytes.len()).expect("short")];
    out.extend_from_slice(bytes);
    out
}

/// (id, name, cloze, fields, question formats)
type StockType = (
    i64,
    &'static str,
    bool,
    &'static [&'static str],
    &'static [&'static str],
);

fn current_package(dir: &Path) -> PathBuf {
    let db = dir.join("current.anki21b");
    let conn = Connection::open(&db).expect("open");
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })
    .expect("collation");
    conn.execute_batch(deckhand::interop::apkg::SCHEMA11)
        .expect("schema");
    conn.execute_batch(
        "CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE unicase, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);
         CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
         CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE unicase, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
         CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
         CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE unicase, mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;
         CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE unicase, mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);
         UPDATE col SET ver = 18, models = '', decks = '';",
    )
    .expect("schema 18");
    let types: [StockType; 4] = [
        (11, "Basic", false, &["Front", "Back"], &["{{Front}}"]),
        (
            12,
            "Basic (and reversed card)",
            false,
            &["Front", "Back"],
            &["{{Front}}", "{{Back}}"],
        ),
        (
            13,
            "Cloze",
            true,
            &["Text", "Back Extra"],
            &["{{cloze:Text}}"],
        ),
        (
            14,
            "Basic (type in the answer)",
            false,
            &["Front", "Back"],
            &["{{Front}}\n{{type:Back}}"],
        ),
    ];
    for (id, name, cloze, fields, qfmts) in types {
        let config: Vec<u8> = if cloze { vec![0x08, 0x01] } else { Vec::new() };
        conn.execute(
            "INSERT INTO notetypes VALUES (?1, ?2, 0, 0, ?3)",
            params![id, name, config],
        )
        .expect("notetype");
        for (ord, f) in fields.iter().enumerate() {
            conn.execute(
                "INSERT INTO fields VALUES (?1, ?2, ?3, x'')",
                params![id, ord as i64, f],
            )
            .expect("field");
        }
        for (ord, q) in qfmts.iter().enumerate() {
            let mut config = pb_bytes(1, q.as_bytes());
            config.extend(pb_bytes(2, b"{{FrontSide}}"));
            conn.execute(
                "INSERT INTO templates VALUES (?1, ?2, ?3, 0, 0, ?4)",
                params![id, ord as i64, format!("Card {}", ord + 1), config],
            )
            .expect("template");
        }
    }
    for (id, name) in [
        (1, "Default"),
        (21, "Containers\x1fCompute"),
        (22, "Containers\x1fRegistry"),
    ] {
        conn.execute(
            "INSERT INTO decks VALUES (?1, ?2, 0, 0, x'', x'')",
            params![id, name],
        )
        .expect("deck");
    }
    fill(&conn);
    drop(conn);
    let zstd = |b: &[u8]| zstd::stream::encode_all(b, 0).expect("zstd");
    // What current Anki puts in collection.anki2 for older versions: a note saying to update.
    let dummy_db = dir.join("dummy.anki2");
    let dummy = Connection::open(&dummy_db).expect("open");
    dummy
        .execute_batch(deckhand::interop::apkg::SCHEMA11)
        .expect("schema");
    drop(dummy);
    let path = dir.join("current.apkg");
    zip_file(
        &path,
        &[
            ("collection.anki2", std::fs::read(&dummy_db).expect("read")),
            (
                "collection.anki21b",
                zstd(&std::fs::read(&db).expect("read")),
            ),
            ("media", zstd(&pb_bytes(1, &pb_bytes(1, b"diagram.png")))),
            ("meta", vec![0x08, 0x03]),
        ],
    );
    path
}

fn assert_package_cards(pack: &Pack) {
    assert_eq!(pack.manifest.title, "Containers");
    assert_eq!(pack.cards.len(), 4);
    let id = |guid: &str| deckhand::interop::draft::id_from_guid(guid).expect("id");
    let fargate = card(pack, &id("Ab#1"));
    assert_eq!(fargate.topic, "compute");
    assert_eq!(fargate.tags, ["aws"]);
    assert!(
        matches!(&fargate.body, CardBody::Basic { back, reverse: false, .. } if back == "AWS Fargate")
    );
    assert!(matches!(
        &card(pack, &id("Ab#2")).body,
        CardBody::Basic { reverse: true, .. }
    ));
    assert!(
        matches!(&card(pack, &id("Ab#3")).body, CardBody::Cloze { text } if text.numbers() == [1, 2])
    );
    assert_eq!(card(pack, &id("Ab#3")).topic, "registry");
    assert!(
        matches!(&card(pack, &id("Ab#4")).body, CardBody::Typed { answers, .. } if answers == &["awslogs"])
    );
}

fn review_count(data: &Path) -> u64 {
    deckhand::store::Store::open(&data.join("progress.sqlite3"))
        .expect("store")
        .review_count()
        .expect("count")
}

#[test]
fn legacy_package_with_its_review_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = legacy_package(dir.path());
    let (pack, err) = import_ok(
        &file,
        dir.path(),
        &["--with-progress", "--pack-id", "containers"],
    );
    assert_package_cards(&pack);
    assert!(err.contains("1 media files"), "{err}");
    assert_eq!(
        review_count(dir.path()),
        2,
        "two graded answers; the manual reschedule is not one"
    );
    let store = deckhand::store::Store::open(&dir.path().join("progress.sqlite3")).expect("store");
    let first = deckhand::interop::draft::id_from_guid("Ab#1").expect("id");
    let p = store
        .progress(&deckhand::srs::queue::ItemKey::new("containers", first))
        .expect("read")
        .expect("progress");
    assert_eq!(p.card.reps, 2);
    assert!(p.card.memory.is_some(), "FSRS memory replayed from the log");
}

/// With `--with-progress`, Anki's suspended cards (queue -1) arrive suspended and its buried
/// ones (-2 by hand, -3 as a sibling) buried until the next study day starts, answered there
/// or not; cards with neither answers nor a hold get no progress.
#[test]
fn suspended_and_buried_anki_cards_arrive_suspended_and_buried() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Cards 5001 (Ab#1, answered twice), 5002/5003 (Ab#2 front, reverse), 5004/5005 (Ab#3
    // c1, c2), 5006 (Ab#4).
    let file = legacy_package_with(dir.path(), |conn| {
        for (cid, queue) in [(5001, -1), (5002, -2), (5004, -1), (5006, -3)] {
            conn.execute(
                "UPDATE cards SET queue = ?2 WHERE id = ?1",
                params![cid, queue],
            )
            .expect("queue");
        }
    });
    let before = chrono::Utc::now();
    import_ok(
        &file,
        dir.path(),
        &["--with-progress", "--pack-id", "containers"],
    );
    let after = chrono::Utc::now();
    let store = deckhand::store::Store::open(&dir.path().join("progress.sqlite3")).expect("store");
    let progress = |guid: &str, face: &str| {
        let id = deckhand::interop::draft::id_from_guid(guid).expect("id");
        store
            .progress(&deckhand::srs::queue::ItemKey::new(
                "containers",
                format!("{id}{face}"),
            ))
            .expect("read")
    };
    let fargate = progress("Ab#1", "").expect("answered and suspended");
    assert!(fargate.suspended, "{fargate:?}");
    assert_eq!(fargate.card.reps, 2, "its answers are replayed too");
    let cloze = progress("Ab#3", ":c1").expect("suspended, never answered");
    assert!(cloze.suspended && cloze.card.reps == 0, "{cloze:?}");
    assert_eq!(cloze.buried_until, None);
    // The next day start of this machine (config default: 04:00 local).
    let day_end = |t: chrono::DateTime<chrono::Utc>| {
        deckhand::srs::queue::DayClock::new(chrono::Local::now().offset().local_minus_utc(), 4)
            .day_end(t)
    };
    for (guid, face) in [("Ab#2", ""), ("Ab#4", "")] {
        let p = progress(guid, face).expect("buried");
        assert!(!p.suspended, "{guid}: {p:?}");
        let until = p.buried_until.expect("buried");
        assert!(
            until == day_end(before) || until == day_end(after),
            "{guid} buried until {until}, not the next day start {}",
            day_end(before)
        );
        assert!(p.is_buried(after) && !p.is_buried(until), "{guid}: {p:?}");
    }
    assert_eq!(progress("Ab#2", ":reverse"), None);
    assert_eq!(progress("Ab#3", ":c2"), None);
    assert_eq!(review_count(dir.path()), 2, "a hold is not an answer");
}

#[test]
fn current_zstd_package() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = current_package(dir.path());
    let (pack, err) = import_ok(
        &file,
        dir.path(),
        &["--pack-id", "containers", "--with-progress"],
    );
    assert_package_cards(&pack);
    assert!(err.contains("1 media files"), "{err}");
    assert_eq!(review_count(dir.path()), 2);
}

#[test]
fn broken_packages_are_refused_with_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    import_fails(
        &Path::new(FIXTURES).join("broken-not-zip.apkg"),
        "broken-not-zip.apkg: error: not an Anki package",
    );
    // No collection inside.
    let empty = dir.path().join("empty.apkg");
    zip_file(&empty, &[("media", b"{}".to_vec())]);
    import_fails(
        &empty,
        "empty.apkg: error: not an Anki package: it holds no `collection.anki2`",
    );
    // A note whose note type is missing.
    let legacy = legacy_package(dir.path());
    let db = dir.path().join("legacy.anki2");
    Connection::open(&db)
        .expect("open")
        .execute("UPDATE notes SET mid = 99 WHERE id = 1003", [])
        .expect("break");
    let broken = dir.path().join("missing-type.apkg");
    zip_file(
        &broken,
        &[
            ("collection.anki2", std::fs::read(&db).expect("read")),
            ("media", b"{}".to_vec()),
        ],
    );
    import_fails(
        &broken,
        "missing-type.apkg: note 1003: error: its note type 99 is not in the package",
    );
    drop(legacy);
    // A current package whose collection is not zstd.
    let bad_zstd = dir.path().join("bad-zstd.apkg");
    zip_file(
        &bad_zstd,
        &[
            ("collection.anki21b", b"not zstd".to_vec()),
            ("meta", vec![0x08, 0x03]),
        ],
    );
    import_fails(
        &bad_zstd,
        "bad-zstd.apkg: error: `collection.anki21b` is not valid zstd data",
    );
    // A package from the future.
    let future = dir.path().join("future.apkg");
    zip_file(&future, &[("meta", vec![0x08, 0x09])]);
    import_fails(&future, "future.apkg: error: made by a newer Anki");
    // Not SQLite inside.
    let garbage = dir.path().join("garbage.apkg");
    zip_file(
        &garbage,
        &[
            ("collection.anki2", b"SQLite format 3\0garbage".repeat(100)),
            ("media", b"{}".to_vec()),
        ],
    );
    import_fails(&garbage, "garbage.apkg: error: ");
}
