//! Round trip: the built-in pack exported to an Anki package and to Anki's text format, and
//! imported back, gives the same cards: kinds, texts, ids, topics, tags, refs, diagrams.

use std::path::Path;

use deckhand::content::{self, Pack};
use deckhand::interop::{NoProgress, apkg, import, text};

fn builtin() -> Pack {
    let lib = content::load_builtin();
    assert_eq!(lib.report.errors(), 0);
    lib.packs.into_iter().next().expect("the built-in pack")
}

/// Import `file` into `dir/pack` and load the pack written.
fn import_and_load(file: &Path, dir: &Path) -> Pack {
    let plan = import::plan(file, Some("aws-containers"), None, &NoProgress)
        .unwrap_or_else(|p| panic!("import failed: {p:?}"));
    let errors: Vec<_> = plan.warnings.iter().filter(|p| p.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let out = dir.join("pack");
    plan.draft
        .write(&out, "test", false)
        .expect("write the pack");
    let lib = content::load_path(&out);
    assert_eq!(
        lib.report.errors(),
        0,
        "the imported pack checks clean: {:?}",
        lib.report.diagnostics
    );
    assert_eq!(
        lib.report.warnings(),
        0,
        "and without warnings: {:?}",
        lib.report.diagnostics.first()
    );
    lib.packs.into_iter().next().expect("the imported pack")
}

fn assert_same_cards(original: &Pack, back: &Pack) {
    assert_eq!(back.cards.len(), original.cards.len());
    for a in &original.cards {
        let b = back
            .card(&a.id)
            .unwrap_or_else(|| panic!("card {} is missing", a.id));
        assert_eq!(a.body, b.body, "card {}", a.id);
        assert_eq!(a.body.kind(), b.body.kind(), "card {}", a.id);
        assert_eq!(a.explain, b.explain, "card {}", a.id);
        assert_eq!(a.topic, b.topic, "card {}", a.id);
        assert_eq!(a.tags, b.tags, "card {}", a.id);
        assert_eq!(a.refs, b.refs, "card {}", a.id);
        assert_eq!(a.diagram, b.diagram, "card {}", a.id);
        assert_eq!(a.diagram_after, b.diagram_after, "card {}", a.id);
        if let Some(d) = &a.diagram {
            let (da, db) = (
                original.diagram(d).expect("diagram"),
                back.diagram(d).expect("diagram"),
            );
            assert_eq!(da.art, db.art, "diagram {d}");
            assert_eq!(da.title, db.title, "diagram {d}");
        }
    }
    let topics = |p: &Pack| -> Vec<(String, String)> {
        let mut t: Vec<_> = p
            .topics
            .iter()
            .filter(|t| p.cards.iter().any(|c| c.topic == t.id))
            .map(|t| (t.id.clone(), t.title.clone()))
            .collect();
        t.sort();
        t
    };
    assert_eq!(topics(original), topics(back));
    assert_eq!(back.manifest.title, original.manifest.title);
}

#[test]
fn builtin_pack_survives_an_anki_package() {
    let pack = builtin();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("aws.apkg");
    let now = chrono::DateTime::from_timestamp(1_796_000_000, 0).expect("time");
    let notes = apkg::write::write(&[&pack], &file, None, now, &NoProgress).expect("export");
    assert_eq!(notes, pack.cards.len());
    let back = import_and_load(&file, dir.path());
    assert_same_cards(&pack, &back);
}

#[test]
fn builtin_pack_survives_anki_text() {
    let pack = builtin();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("aws.txt");
    let mut out = Vec::new();
    text::write_tsv(&[&pack], &mut out).expect("export");
    std::fs::write(&file, &out).expect("write");
    let back = import_and_load(&file, dir.path());
    assert_same_cards(&pack, &back);
}

/// Open the collection of a package written by deckhand.
fn collection(apkg: &Path, dir: &Path) -> rusqlite::Connection {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(apkg).expect("open")).expect("zip");
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
    rusqlite::Connection::open(path).expect("sqlite")
}

#[test]
fn the_package_holds_notes_cards_decks_and_note_types_and_a_second_export_matches_the_first() {
    let pack = builtin();
    let dir = tempfile::tempdir().expect("tempdir");
    let (first, second) = (
        dir.path().join("first.apkg"),
        dir.path().join("second.apkg"),
    );
    let t1 = chrono::DateTime::from_timestamp(1_796_000_000, 0).expect("time");
    let t2 = chrono::DateTime::from_timestamp(1_797_000_000, 0).expect("time");
    apkg::write::write(&[&pack], &first, None, t1, &NoProgress).expect("export");
    apkg::write::write(&[&pack], &second, None, t2, &NoProgress).expect("export");
    let a = collection(&first, dir.path());
    let count = |sql: &str| -> i64 { a.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("SELECT COUNT(*) FROM notes"), pack.cards.len() as i64);
    assert_eq!(
        count("SELECT COUNT(*) FROM cards"),
        pack.items().count() as i64
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM cards WHERE nid NOT IN (SELECT id FROM notes)"),
        0
    );
    let (models, decks): (String, String) = a
        .query_row("SELECT models, decks FROM col", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("col");
    let models: serde_json::Value = serde_json::from_str(&models).expect("models");
    let names: Vec<&str> = models
        .as_object()
        .expect("map")
        .values()
        .filter_map(|m| m["name"].as_str())
        .collect();
    for kind in [
        "Basic",
        "Cloze",
        "Multiple choice",
        "Multiple response",
        "True or false",
    ] {
        assert!(
            names.contains(&format!("deckhand {kind}").as_str()),
            "{names:?}"
        );
    }
    assert_eq!(
        count("SELECT COUNT(*) FROM notes WHERE mid NOT IN (SELECT DISTINCT mid FROM notes)"),
        0
    );
    let decks: serde_json::Value = serde_json::from_str(&decks).expect("decks");
    let deck_names: Vec<&str> = decks
        .as_object()
        .expect("map")
        .values()
        .filter_map(|d| d["name"].as_str())
        .collect();
    for t in pack
        .topics
        .iter()
        .filter(|t| pack.cards.iter().any(|c| c.topic == t.id))
    {
        let name = format!("{}::{}", pack.manifest.title, t.title.replace("::", ":"));
        assert!(
            deck_names.contains(&name.as_str()),
            "{name} in {deck_names:?}"
        );
    }
    // Every card id is a note's GUID; a later export has the same GUIDs, note types and decks,
    // so Anki updates those notes instead of adding copies.
    let b = collection(&second, dir.path());
    let keys = |c: &rusqlite::Connection| -> Vec<(String, i64, i64)> {
        let mut stmt = c
            .prepare("SELECT n.guid, n.mid, c.did FROM notes n JOIN cards c ON c.nid = n.id ORDER BY n.guid, c.ord")
            .expect("query");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    };
    let first_keys = keys(&a);
    assert_eq!(first_keys, keys(&b));
    let mut guids: Vec<&str> = first_keys.iter().map(|k| k.0.as_str()).collect();
    guids.dedup();
    let mut ids: Vec<&str> = pack.cards.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(guids, ids);
    // The choice note shows its options on the front and the explanations on the back.
    let (flds, mid): (String, i64) = a
        .query_row(
            "SELECT flds, mid FROM notes WHERE mid = ?1 LIMIT 1",
            [deckhand::interop::notetype::NoteKind::Choice.model_id()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a choice note");
    let fields: Vec<&str> = flds.split('\x1f').collect();
    assert!(
        fields[1].starts_with("<ol"),
        "options listed: {}",
        fields[1]
    );
    assert!(
        fields[3].contains('✓') && fields[3].contains('✗'),
        "{}",
        fields[3]
    );
    let tmpl = &models[mid.to_string()]["tmpls"][0];
    assert!(tmpl["qfmt"].as_str().expect("q").contains("{{Options}}"));
    assert!(
        tmpl["afmt"]
            .as_str()
            .expect("a")
            .contains("{{Explanations}}")
    );
}
