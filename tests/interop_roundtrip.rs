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
