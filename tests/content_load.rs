//! Loading the library: the built-in pack, user packs from the data directory and --pack paths.

use std::path::PathBuf;

use deckhand::content::{self, BUILTIN_PACK_ID, CardBody, Face, Origin};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures").join(name)
}

#[test]
fn builtin_pack_is_compiled_in() {
    let lib = content::load_builtin();
    assert_eq!(lib.report.errors(), 0, "{:?}", lib.report.diagnostics);
    let pack = lib.pack(BUILTIN_PACK_ID).expect("built-in pack");
    assert_eq!(pack.origin, Origin::Builtin);
    assert!(!pack.cards.is_empty());
    for kind in content::CardKind::ALL {
        assert!(
            pack.cards.iter().any(|c| c.body.kind() == kind),
            "the built-in pack has no {} card",
            kind.name()
        );
    }
    assert!(pack.diagrams.len() >= 2);
}

#[test]
fn a_broken_user_pack_does_not_stop_the_others() {
    let data = tempfile::tempdir().expect("tempdir");
    let packs = data.path().join("packs");
    std::fs::create_dir_all(&packs).expect("mkdir");
    std::fs::copy(
        fixture("broken/toml-syntax.toml"),
        packs.join("broken.toml"),
    )
    .expect("copy");
    let good = std::fs::read_to_string(fixture("broken/missing-explain.toml"))
        .expect("fixture")
        .replace("id = \"fixture\"", "id = \"good-pack\"");
    std::fs::write(packs.join("good.toml"), good).expect("write");
    let lib = content::load_library(true, Some(&packs), &[PathBuf::from("docs/example-pack")]);
    let ids: Vec<&str> = lib.packs.iter().map(|p| p.id()).collect();
    assert_eq!(ids, [BUILTIN_PACK_ID, "good-pack", "example-ecs-deep-dive"]);
    assert_eq!(lib.report.errors(), 1);
    assert!(
        lib.report
            .diagnostics
            .iter()
            .any(|d| d.file.ends_with("broken.toml") && d.is_error())
    );
}

#[test]
fn a_user_pack_with_the_builtin_id_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = std::fs::read_to_string(fixture("broken/missing-explain.toml"))
        .expect("fixture")
        .replace("id = \"fixture\"", &format!("id = \"{BUILTIN_PACK_ID}\""));
    let path = dir.path().join("impostor.toml");
    std::fs::write(&path, copy).expect("write");
    let lib = content::load_library(true, None, &[path]);
    assert_eq!(lib.packs.len(), 1);
    assert_eq!(lib.packs[0].origin, Origin::Builtin);
    let err = lib
        .report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert_eq!(
        err.message,
        format!("pack id `{BUILTIN_PACK_ID}` is already used by the built-in pack")
    );
}

#[test]
fn a_missing_packs_folder_is_not_an_error() {
    let lib = content::load_library(true, Some(std::path::Path::new("/no/such/packs")), &[]);
    assert_eq!(lib.report.errors(), 0);
    assert_eq!(lib.packs.len(), 1);
}

#[test]
fn items_are_keyed_by_card_id_and_face() {
    let lib = content::load_path(&PathBuf::from("docs/example-pack"));
    let pack = &lib.packs[0];
    let items: Vec<String> = pack
        .items()
        .map(|(card, face)| card.item_id(face))
        .collect();
    assert!(items.contains(&"min-healthy-rounds-up".to_string()));
    assert!(items.contains(&"min-healthy-rounds-up:reverse".to_string()));
    assert!(items.contains(&"rolling-limits-cloze:c1".to_string()));
    assert!(items.contains(&"rolling-limits-cloze:c2".to_string()));
    let cloze = pack.card("rolling-limits-cloze").expect("card");
    assert_eq!(cloze.faces(), vec![Face::Cloze(1), Face::Cloze(2)]);
    let CardBody::Cloze { text } = &cloze.body else {
        panic!("cloze")
    };
    assert_eq!(text.answers(1), vec!["up"]);
    assert_eq!(cloze.location.line, 28);
    assert!(
        cloze
            .location
            .file
            .ends_with("docs/example-pack/cards/deployments.toml")
    );
}

#[test]
fn editing_a_card_text_keeps_its_item_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original =
        std::fs::read_to_string(fixture("broken/missing-explain.toml")).expect("fixture");
    let path = dir.path().join("pack.toml");
    std::fs::write(&path, &original).expect("write");
    let before: Vec<String> = content::load_path(&path).packs[0]
        .items()
        .map(|(c, f)| c.item_id(f))
        .collect();
    std::fs::write(
        &path,
        original.replace("What is Fargate?", "What is AWS Fargate, exactly?"),
    )
    .expect("write");
    let after: Vec<String> = content::load_path(&path).packs[0]
        .items()
        .map(|(c, f)| c.item_id(f))
        .collect();
    assert_eq!(before, after);
}
