//! The compiled-pack cache (`content::load_library_cached`): a warm load decodes the cache and
//! gives exactly what loading from source gives; any change to the packs, and any damage to
//! the cache, means a load from source with the same result and a sound cache again.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use deckhand::content::{self, CacheUse, Library, Pack};
use deckhand::quiz::predict::generated_pack;

/// A data-dir-like folder with a folder pack (the example pack, plus a file with problems)
/// and a single-file pack in the packs folder.
struct Setup {
    _dir: tempfile::TempDir,
    packs: PathBuf,
    extra: PathBuf,
    cache: PathBuf,
}

const SINGLE: &str = r#"[pack]
id = "single"
title = "Single file"
version = "1"

[[topics]]
id = "t"
title = "Topic"

[[cards]]
id = "one"
topic = "t"
kind = "basic"
front = "Élan: what is it?"
back = "Momentum."

[[cards]]
id = "two"
topic = "nope"
kind = "basic"
front = "A card whose topic does not exist"
back = "It is left out with an error."
"#;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("packs");
    fs::create_dir_all(&packs).unwrap();
    fs::write(packs.join("single.toml"), SINGLE).unwrap();
    let extra = dir.path().join("example");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/example-pack"),
        &extra,
    );
    let cache = dir.path().join("data/cache/packs.bin");
    Setup {
        _dir: dir,
        packs,
        extra,
        cache,
    }
}

fn generated() -> Vec<Pack> {
    vec![generated_pack()]
}

impl Setup {
    fn cached(&self) -> (Library, CacheUse) {
        content::load_library_cached(
            true,
            Some(&self.packs),
            std::slice::from_ref(&self.extra),
            &self.cache,
            generated,
        )
    }

    /// What loading from source gives, the generated pack after the others.
    fn source(&self) -> Library {
        let mut lib =
            content::load_library(true, Some(&self.packs), std::slice::from_ref(&self.extra));
        lib.packs.extend(generated());
        lib
    }

    /// A card file of the folder pack.
    fn card_file(&self) -> PathBuf {
        let cards = self.extra.join("cards");
        let mut files: Vec<PathBuf> = fs::read_dir(&cards)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        files.remove(0)
    }
}

/// Libraries compared whole: every pack, card, diagram, exam and diagnostic; and the print
/// hashes the cached load carries are those of its packs.
fn same(cached: &Library, source: &Library) {
    assert_eq!(
        format!("{:#?}", cached.packs),
        format!("{:#?}", source.packs)
    );
    assert_eq!(
        format!("{:#?}", cached.report),
        format!("{:#?}", source.report)
    );
    assert_eq!(cached.prints.len(), cached.packs.len());
    for pack in &source.packs {
        assert_eq!(cached.prints[pack.id()], content::diff::print(pack).hash);
    }
}

fn rebuilt(use_: &CacheUse) -> bool {
    matches!(use_, CacheUse::Rebuilt(_))
}

#[test]
fn the_cached_load_is_the_source_load() {
    let s = setup();
    let source = s.source();
    assert!(
        source.report.errors() > 0,
        "the setup has a pack with an error"
    );
    assert!(
        source
            .packs
            .iter()
            .any(|p| p.cards.iter().any(|c| c.sim.is_some()))
    );
    let (first, use_) = s.cached();
    assert!(rebuilt(&use_), "{use_:?}");
    same(&first, &source);
    assert!(s.cache.is_file());
    let (warm, use_) = s.cached();
    assert_eq!(use_, CacheUse::Hit);
    same(&warm, &source);
    // Cards of one file share its name, as after a load from source.
    let mut shared = 0;
    for pack in &warm.packs {
        let cards = pack.cards.to_vec();
        for pair in cards.windows(2) {
            let (a, b) = (&pair[0].location.file, &pair[1].location.file);
            if a == b {
                assert!(std::sync::Arc::ptr_eq(a, b), "{a}");
                shared += 1;
            }
        }
    }
    assert!(shared > 100);
}

#[test]
fn an_edit_of_the_same_size_at_the_same_time_is_seen() {
    let s = setup();
    s.cached();
    assert_eq!(s.cached().1, CacheUse::Hit);
    let file = s.card_file();
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    let text = fs::read_to_string(&file).unwrap();
    // Swap two letters of a question: same size; then put the modification time back.
    let at = text.find("front = \"").expect("a basic card") + 9;
    let mut bytes = text.into_bytes();
    bytes.swap(at, at + 1);
    assert_ne!(bytes[at], bytes[at + 1], "two different letters");
    fs::write(&file, &bytes).unwrap();
    File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), modified);
    let (lib, use_) = s.cached();
    assert!(rebuilt(&use_), "{use_:?}");
    same(&lib, &s.source());
    assert_eq!(s.cached().1, CacheUse::Hit);
}

#[test]
fn added_removed_and_changed_files_are_seen() {
    let s = setup();
    s.cached();
    // A new card file in the folder pack.
    let added = s.extra.join("cards/zz-added.toml");
    fs::write(
        &added,
        fs::read_to_string(s.card_file())
            .unwrap()
            .replace("id = \"", "id = \"added-"),
    )
    .unwrap();
    let (lib, use_) = s.cached();
    assert!(rebuilt(&use_), "{use_:?}");
    same(&lib, &s.source());
    // Removed again.
    fs::remove_file(&added).unwrap();
    let (lib, use_) = s.cached();
    assert!(rebuilt(&use_), "{use_:?}");
    same(&lib, &s.source());
    // A pack file that grows.
    let single = s.packs.join("single.toml");
    fs::write(&single, SINGLE.replace("Momentum.", "Momentum, and more.")).unwrap();
    let (lib, use_) = s.cached();
    assert!(rebuilt(&use_), "{use_:?}");
    same(&lib, &s.source());
    assert!(format!("{lib:?}").contains("Momentum, and more."));
    // A new pack in the packs folder, and one taken away.
    fs::write(
        s.packs.join("other.toml"),
        SINGLE.replace("\"single\"", "\"other\""),
    )
    .unwrap();
    let (lib, use_) = s.cached();
    assert!(rebuilt(&use_), "{use_:?}");
    assert!(lib.pack("other").is_some());
    fs::remove_file(s.packs.join("other.toml")).unwrap();
    let (lib, use_) = s.cached();
    assert!(rebuilt(&use_), "{use_:?}");
    assert!(lib.pack("other").is_none());
    same(&lib, &s.source());
}

#[test]
fn a_damaged_or_foreign_cache_is_rebuilt_silently_with_the_same_result() {
    let s = setup();
    let source = s.source();
    s.cached();
    let good = fs::read(&s.cache).unwrap();
    let len = good.len();
    let mut damaged: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("foreign text".into(), b"# not a cache\n".to_vec()),
        ("magic only".into(), good[..8].to_vec()),
        ("another format".into(), {
            let mut b = good.clone();
            b[8] ^= 0x7f;
            b
        }),
        ("bytes after its end".into(), {
            let mut b = good.clone();
            b.extend_from_slice(b"extra");
            b
        }),
        ("a huge record length".into(), {
            let mut b = good[..12].to_vec();
            b.extend_from_slice(&u32::MAX.to_le_bytes());
            b.extend_from_slice(&good[16..]);
            b
        }),
    ];
    for cut in [13, 100, len / 3, len / 2, len - 9, len - 1] {
        damaged.push((format!("cut at {cut} of {len}"), good[..cut].to_vec()));
    }
    for at in [20, len / 4, len / 2, 3 * len / 4, len - 20, len - 3] {
        let mut b = good.clone();
        b[at] ^= 0x20;
        damaged.push((format!("a flipped bit at {at} of {len}"), b));
    }
    // Random bytes of the same length.
    let mut x: u32 = 0x9e37_79b9;
    let noise = (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    damaged.push(("noise".into(), noise));
    for (what, bytes) in damaged {
        fs::write(&s.cache, &bytes).unwrap();
        let (lib, use_) = s.cached();
        assert!(rebuilt(&use_), "{what}: {use_:?}");
        same(&lib, &source);
        assert_eq!(
            fs::read(&s.cache).unwrap(),
            good,
            "{what}: the cache is made again"
        );
        assert_eq!(s.cached().1, CacheUse::Hit, "{what}");
    }
    // A folder where the cache should be: loaded from source, nothing written.
    fs::remove_file(&s.cache).unwrap();
    fs::create_dir_all(&s.cache).unwrap();
    let (lib, use_) = s.cached();
    assert!(matches!(use_, CacheUse::Skipped(_)), "{use_:?}");
    same(&lib, &source);
}

#[test]
fn an_unreadable_pack_path_is_always_read_from_source() {
    let s = setup();
    let missing = s.packs.join("missing-pack");
    let load = || {
        content::load_library_cached(
            true,
            Some(&s.packs),
            std::slice::from_ref(&missing),
            &s.cache,
            generated,
        )
    };
    let (lib, use_) = load();
    assert!(matches!(use_, CacheUse::Skipped(_)), "{use_:?}");
    assert!(
        lib.report
            .diagnostics
            .iter()
            .any(|d| d.file.contains("missing-pack"))
    );
    assert!(!s.cache.exists());
}

#[test]
fn a_card_is_small_in_memory() {
    // Every card of every pack is held from the start (50,000 in the start-up benchmark): the
    // simulator scenario almost no card has is boxed, not 176 bytes inline in each card.
    let size = std::mem::size_of::<content::Card>();
    assert!(size <= 288, "a Card is {size} bytes");
}

/// Where `needle` is in the cache file (a card's text: in a chunk of texts).
fn offset_of(bytes: &[u8], needle: &[u8]) -> usize {
    bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the text is in the cache")
}

/// A text of the built-in pack's first chunk of cards, as it is in the cache.
fn a_builtin_text(lib: &Library) -> String {
    let pack = lib.pack(content::BUILTIN_PACK_ID).unwrap();
    pack.cards[3].explain.clone()
}

#[test]
fn a_warm_load_reads_card_texts_only_when_asked_and_they_are_the_source_texts() {
    let s = setup();
    let source = s.source();
    s.cached();
    let (warm, use_) = s.cached();
    assert_eq!(use_, CacheUse::Hit);
    assert_eq!(warm.packs.len(), source.packs.len());
    for (w, src) in warm.packs.iter().zip(&source.packs) {
        assert_eq!(
            w.cards.is_lazy(),
            w.origin != content::Origin::Generated,
            "{}",
            w.id()
        );
        assert_eq!(w.cards.len(), src.cards.len());
        // The heads, before any text is read.
        for (i, card) in src.cards.iter().enumerate() {
            let (h, e) = (w.cards.head(i).unwrap(), src.cards.head(i).unwrap());
            assert_eq!((h.id, h.topic, h.kind), (e.id, e.topic, e.kind));
            assert_eq!(h.faces(), card.faces());
            assert_eq!(h.item_id(card.faces()[0]), card.item_id(card.faces()[0]));
        }
        // Every card of the built-in pack and the others, read lazily, from the back (so
        // chunks are read out of order), and by id.
        for (i, card) in src.cards.iter().enumerate().rev() {
            assert_eq!(&w.cards[i], card, "{} card {i}", w.id());
            assert_eq!(w.card(&card.id), Some(card));
        }
        assert!(w.cards.get(src.cards.len()).is_none());
    }
}

#[test]
fn a_cache_whose_card_texts_are_damaged_is_rebuilt_not_trusted() {
    let s = setup();
    let source = s.source();
    s.cached();
    let good = fs::read(&s.cache).unwrap();
    let text = a_builtin_text(&source);
    let at = offset_of(&good, text.as_bytes()) + text.len() / 2;
    let mut bad = good.clone();
    bad[at] ^= 0x01;
    fs::write(&s.cache, &bad).unwrap();
    let (lib, use_) = s.cached();
    assert!(rebuilt(&use_), "{use_:?}");
    same(&lib, &source);
    assert_eq!(fs::read(&s.cache).unwrap(), good);
}

#[test]
fn card_texts_damaged_in_the_cache_after_the_start_are_read_from_source() {
    use std::io::{Seek, SeekFrom, Write};
    let s = setup();
    let source = s.source();
    s.cached();
    let (warm, use_) = s.cached();
    assert_eq!(use_, CacheUse::Hit);
    // The file the warm load holds open is changed in place (deckhand itself never does
    // this: it renames a new cache over the old one) before any text was read.
    let good = fs::read(&s.cache).unwrap();
    let text = a_builtin_text(&source);
    let at = offset_of(&good, text.as_bytes());
    let mut file = File::options().write(true).open(&s.cache).unwrap();
    file.seek(SeekFrom::Start(at as u64)).unwrap();
    file.write_all(&vec![b'x'; text.len()]).unwrap();
    drop(file);
    same(&warm, &source);
}
