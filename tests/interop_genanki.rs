//! deckhand's Anki package against one made by genanki, the reference writer on PyPI: the
//! same archive entries, the same tables and columns, and `col` JSON that has every key
//! genanki writes. deckhand also imports genanki's package. Skips (passing, with a note)
//! when Python or genanki is not installed: `pip install genanki` to run it.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use deckhand::content;
use deckhand::interop::{NoProgress, apkg, import};

const SCRIPT: &str = r#"
import sys, genanki
basic = genanki.Model(1607392319, 'Simple', fields=[{'name': 'Question'}, {'name': 'Answer'}],
    templates=[{'name': 'Card 1', 'qfmt': '{{Question}}', 'afmt': '{{FrontSide}}<hr id="answer">{{Answer}}'}])
deck = genanki.Deck(2059400110, 'Reference::Topic')
deck.add_note(genanki.Note(model=basic, fields=['What is ECS?', 'A container orchestrator'], guid='ecs-what', tags=['ecs']))
deck.add_note(genanki.Note(model=genanki.CLOZE_MODEL, fields=['{{c1::Fargate}} is serverless', ''], guid='fargate'))
genanki.Package(deck).write_to_file(sys.argv[1])
"#;

fn genanki_package(out: &Path) -> bool {
    let run = Command::new("python3")
        .args(["-c", SCRIPT, out.to_str().expect("utf-8")])
        .output();
    match run {
        Ok(o) if o.status.success() => true,
        Ok(o) => {
            eprintln!(
                "skipped: genanki is not installed ({})",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            );
            false
        }
        Err(e) => {
            eprintln!("skipped: no python3 ({e})");
            false
        }
    }
}

/// The archive's entry names and its collection, extracted to `dir`.
fn open(apkg: &Path, dir: &Path) -> (BTreeSet<String>, rusqlite::Connection) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(apkg).expect("open")).expect("zip");
    let names = zip
        .file_names()
        .map(|n| n.expect("entry name").into_owned())
        .collect();
    let mut db = Vec::new();
    std::io::Read::read_to_end(
        &mut zip.by_name("collection.anki2").expect("collection"),
        &mut db,
    )
    .expect("read");
    let path = dir.join(format!(
        "{}.anki2",
        apkg.file_stem().expect("stem").to_string_lossy()
    ));
    std::fs::write(&path, db).expect("write");
    (names, rusqlite::Connection::open(path).expect("sqlite"))
}

fn columns(conn: &rusqlite::Connection) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for table in ["col", "notes", "cards", "revlog", "graves"] {
        let stmt = conn
            .prepare(&format!("SELECT * FROM {table}"))
            .expect("table");
        for c in stmt.column_names() {
            out.insert(format!("{table}.{c}"));
        }
    }
    out
}

/// Keys of the first object in a `col` JSON column (one level down for maps of objects).
fn keys(conn: &rusqlite::Connection, column: &str, nested: bool) -> BTreeSet<String> {
    let text: String = conn
        .query_row(&format!("SELECT {column} FROM col"), [], |r| r.get(0))
        .expect("col");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let obj = if nested {
        v.as_object()
            .and_then(|m| m.values().next_back())
            .cloned()
            .unwrap_or_default()
    } else {
        v
    };
    obj.as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn our_package_has_the_structure_of_genankis() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reference = dir.path().join("reference.apkg");
    if !genanki_package(&reference) {
        return;
    }
    let lib = content::load_builtin();
    let ours = dir.path().join("ours.apkg");
    let now = chrono::DateTime::from_timestamp(1_796_000_000, 0).expect("time");
    apkg::write::write(&[&lib.packs[0]], &ours, None, now, &NoProgress).expect("export");
    let (ref_names, ref_db) = open(&reference, dir.path());
    let (our_names, our_db) = open(&ours, dir.path());
    assert_eq!(our_names, ref_names, "archive entries");
    assert_eq!(columns(&our_db), columns(&ref_db), "tables and columns");
    let ver = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT ver FROM col", [], |r| r.get(0))
            .expect("ver")
    };
    assert_eq!(ver(&our_db), ver(&ref_db));
    for (column, nested) in [
        ("models", true),
        ("decks", true),
        ("dconf", true),
        ("conf", false),
    ] {
        let missing: Vec<_> = keys(&ref_db, column, nested)
            .difference(&keys(&our_db, column, nested))
            .cloned()
            .collect();
        assert!(
            missing.is_empty(),
            "col.{column} lacks genanki's keys {missing:?}"
        );
    }
    // And deckhand reads genanki's package.
    let plan = import::plan(&reference, Some("reference"), None, &NoProgress).expect("import");
    assert_eq!(plan.draft.cards.len(), 2);
    assert_eq!(plan.draft.title, "Reference");
    assert!(
        plan.draft
            .cards
            .iter()
            .any(|c| c.id == "ecs-what" && c.tags == ["ecs"])
    );
}
