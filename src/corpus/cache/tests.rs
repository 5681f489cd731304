//! The cache on temporary trees: it is used when fresh, and ignored (then
//! rebuilt) when stale, foreign or corrupt.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::file::{self, Header};
use super::{Cache, CacheUpdate, entities_key};
use crate::corpus::{Document, LoadEvent, LoadOptions, Warning, stream};
use crate::entities::{EntityKind, Mention};

struct Run {
    docs: Vec<Document>,
    warnings: Vec<Warning>,
    update: CacheUpdate,
}

fn load(paths: &[PathBuf], cache: &Cache, entities: Option<u64>) -> Run {
    let options = LoadOptions { cache: Some(cache.clone()), entities };
    // Through the reader's path: the streamed events, gathered.
    let (mut docs, mut warnings, mut update) = (Vec::new(), Vec::new(), None);
    for event in stream(paths, options) {
        match event {
            LoadEvent::Batch(d) => docs.extend(d),
            LoadEvent::Warning(w) => warnings.push(w),
            LoadEvent::Progress { .. } => {}
            LoadEvent::Done(u) => update = u,
        }
    }
    Run { docs, warnings, update: update.expect("a cache was given") }
}

/// Loads then saves; returns the texts and how many cache files were written.
fn load_and_save(paths: &[PathBuf], cache: &Cache) -> (Vec<String>, usize) {
    let run = load(paths, cache, None);
    let texts = run.docs.iter().map(|d| d.text.clone()).collect();
    (texts, run.update.save(&run.docs).unwrap())
}

/// A corpus of two files, `a.txt` then `b.txt`, and a cache beside it.
fn setup() -> (tempfile::TempDir, PathBuf, Cache) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.txt"), "Alpha\n\nFirst body.").unwrap();
    fs::write(dir.join("b.txt"), "Bravo\n\nSecond body.").unwrap();
    let cache = Cache::at(tmp.path().join("cache"));
    (tmp, dir, cache)
}

/// Rewrites `path` with `text`, then gives it back its old modification time:
/// only the size (if it changed) tells the cache.
fn rewrite_keeping_mtime(path: &Path, text: &str) {
    let mtime = fs::metadata(path).unwrap().modified().unwrap();
    fs::write(path, text).unwrap();
    File::options().write(true).open(path).unwrap().set_modified(mtime).unwrap();
}

fn cache_files(cache: &Cache) -> Vec<PathBuf> {
    fs::read_dir(&cache.dir).unwrap().map(|e| e.unwrap().path()).collect()
}

#[test]
fn a_fresh_cache_is_used_and_a_changed_mtime_or_size_is_not() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    let (first, written) = load_and_save(&paths, &cache);
    assert_eq!(written, 1);
    let a = dir.join("a.txt");
    // Same size, same mtime, other bytes: only a cache hit still shows the old text.
    rewrite_keeping_mtime(&a, "Alphb\n\nFirst body.");
    let (second, written) = load_and_save(&paths, &cache);
    assert_eq!(second, first, "the cached text is served");
    assert_eq!(written, 0, "nothing changed: nothing rewritten");
    // Other size, same mtime: stale.
    rewrite_keeping_mtime(&a, "Alpha 2\n\nFirst body.");
    let (third, written) = load_and_save(&paths, &cache);
    assert_eq!(third[0], "Alpha 2\n\nFirst body.");
    assert_eq!(third[1], first[1]);
    assert_eq!(written, 1);
    // Same size, other mtime: stale.
    let later = SystemTime::now() + Duration::from_secs(5);
    fs::write(&a, "Alpha 3\n\nFirst body.").unwrap();
    File::options().write(true).open(&a).unwrap().set_modified(later).unwrap();
    let (fourth, _) = load_and_save(&paths, &cache);
    assert_eq!(fourth[0], "Alpha 3\n\nFirst body.");
}

#[test]
fn added_and_removed_files_rewrite_the_cache_and_keep_the_order() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    load_and_save(&paths, &cache);
    fs::write(dir.join("0.txt"), "Zero\n\nBody.").unwrap();
    fs::remove_file(dir.join("b.txt")).unwrap();
    let run = load(&paths, &cache, None);
    let titles: Vec<&str> = run.docs.iter().map(|d| d.title()).collect();
    assert_eq!(titles, ["Zero", "Alpha"]);
    assert_eq!(run.update.save(&run.docs).unwrap(), 1);
}

/// Makes every file of the corpus differ from the cache without the cache
/// being able to tell, then checks that the load shows the new texts.
fn assert_cache_ignored(paths: &[PathBuf], dir: &Path, cache: &Cache) {
    rewrite_keeping_mtime(&dir.join("a.txt"), "Alphb\n\nFirst body.");
    let (texts, written) = load_and_save(paths, cache);
    assert_eq!(texts[0], "Alphb\n\nFirst body.", "an untrusted cache was used");
    assert_eq!(written, 1, "the cache is rebuilt");
    // Rebuilt: used again.
    rewrite_keeping_mtime(&dir.join("a.txt"), "Alphc\n\nFirst body.");
    assert_eq!(load_and_save(paths, cache).0[0], "Alphb\n\nFirst body.");
}

#[test]
fn a_cache_cut_inside_a_frame_is_ignored_and_rebuilt() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    load_and_save(&paths, &cache);
    let file = &cache_files(&cache)[0];
    let bytes = fs::read(file).unwrap();
    fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
    assert_cache_ignored(&paths, &dir, &cache);
}

#[test]
fn a_cache_cut_after_its_last_frame_serves_the_whole_frames_and_is_rewritten() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    let (first, _) = load_and_save(&paths, &cache);
    let file = &cache_files(&cache)[0];
    let bytes = fs::read(file).unwrap();
    // Only the end marker is damaged: every frame read was whole and checked.
    fs::write(file, &bytes[..bytes.len() - 3]).unwrap();
    let (second, written) = load_and_save(&paths, &cache);
    assert_eq!(second, first);
    assert_eq!(written, 1, "a damaged cache file is rewritten");
    assert_eq!(load_and_save(&paths, &cache).1, 0, "and whole again");
}

#[test]
fn a_corpus_of_several_frames_is_served_in_order_and_not_rewritten() {
    let (_tmp, dir, cache) = setup();
    for i in 0..1200 {
        fs::write(dir.join(format!("n{i:04}.txt")), format!("T{i}\n\nBody {i}.")).unwrap();
    }
    let paths = [dir.clone()];
    let (first, written) = load_and_save(&paths, &cache);
    assert_eq!((first.len(), written), (1202, 1));
    rewrite_keeping_mtime(&dir.join("n1100.txt"), "T1101\n\nBody 1100.");
    let (second, written) = load_and_save(&paths, &cache);
    assert_eq!(second, first, "every entry, from every frame, served from the cache");
    assert_eq!(written, 0);
}

#[test]
fn garbage_cache_is_ignored_and_rebuilt() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    load_and_save(&paths, &cache);
    let file = &cache_files(&cache)[0];
    let len = fs::metadata(file).unwrap().len();
    // Deterministic noise of the same length, keeping the magic number (the
    // worst case: only the content can tell).
    let mut noise: Vec<u8> = file::MAGIC.to_vec();
    let mut x: u32 = 12345;
    while (noise.len() as u64) < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        noise.push((x >> 16) as u8);
    }
    fs::write(file, noise).unwrap();
    assert_cache_ignored(&paths, &dir, &cache);
}

#[test]
fn a_text_that_is_not_utf8_is_ignored() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    load_and_save(&paths, &cache);
    let file = &cache_files(&cache)[0];
    let mut bytes = fs::read(file).unwrap();
    // The texts follow their entries in the frame: break the first one's UTF-8.
    let text = b"Alpha\n\nFirst body.Bravo";
    let at = bytes.windows(text.len()).position(|w| w == text).expect("the texts end to end");
    bytes[at] = 0xff;
    fs::write(file, bytes).unwrap();
    assert_cache_ignored(&paths, &dir, &cache);
}

#[test]
fn a_cache_of_the_previous_format_is_ignored() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    load_and_save(&paths, &cache);
    let file = &cache_files(&cache)[0];
    let mut bytes = fs::read(file).unwrap();
    bytes[7] -= 1;
    fs::write(file, bytes).unwrap();
    assert_cache_ignored(&paths, &dir, &cache);
}

#[test]
fn a_cache_with_a_bad_range_is_ignored() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    let run = load(&paths, &cache, Some(1));
    // An entity past the end of the text: a cache that would make slicing panic.
    let bad = Mention::new("", 0, 10_000, EntityKind::Per, "X");
    for d in &run.docs {
        d.entities.set(vec![bad]).unwrap();
    }
    run.update.save(&run.docs).unwrap();
    let again = load(&paths, &cache, Some(1));
    assert!(again.docs.iter().all(|d| d.entities.get().is_none()), "bad entities restored");
    assert_cache_ignored(&paths, &dir, &cache);
}

#[test]
fn a_cache_from_another_version_is_ignored() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    load_and_save(&paths, &cache);
    let file = &cache_files(&cache)[0];
    let (header, _) = file::read(file, |_| true).unwrap();
    let foreign = Header { build: "0.0.1 other build".into(), ..header };
    file::write(file, &foreign, &[]).unwrap();
    assert_cache_ignored(&paths, &dir, &cache);
}

#[test]
fn entities_are_restored_only_for_the_same_recognizer() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    let builtin = entities_key(None);
    let custom = entities_key(Some(b"[[entity]]\nname = \"Alpha\"\n"));
    assert_ne!(builtin, custom);
    let run = load(&paths, &cache, Some(builtin));
    let mention = Mention::new("", 0, 5, EntityKind::Org, "Alpha");
    run.docs[0].entities.set(vec![mention]).unwrap();
    run.docs[1].entities.set(Vec::new()).unwrap();
    assert_eq!(run.update.save(&run.docs).unwrap(), 1);
    let same = load(&paths, &cache, Some(builtin));
    assert_eq!(same.docs[0].entities.get(), Some(&vec![mention]));
    assert_eq!(same.docs[1].entities.get(), Some(&Vec::new()));
    assert_eq!(same.update.save(&same.docs).unwrap(), 0, "entities unchanged: nothing to write");
    let other = load(&paths, &cache, Some(custom));
    assert!(other.docs.iter().all(|d| d.entities.get().is_none()));
    let none = load(&paths, &cache, None);
    assert!(none.docs.iter().all(|d| d.entities.get().is_none()));
}

#[test]
fn entities_forgotten_before_the_save_are_not_cached() {
    let (_tmp, dir, cache) = setup();
    let paths = [dir.clone()];
    let key = entities_key(None);
    let mut run = load(&paths, &cache, Some(key));
    run.docs[0].entities.set(Vec::new()).unwrap();
    run.update.forget_entities();
    assert_eq!(run.update.save(&run.docs).unwrap(), 1, "the documents are cached");
    let again = load(&paths, &cache, Some(key));
    assert_eq!(again.docs.len(), 2);
    assert!(again.docs.iter().all(|d| d.entities.get().is_none()), "but not their entities");
}

#[test]
fn warnings_are_replayed_from_the_cache() {
    let (_tmp, dir, cache) = setup();
    fs::write(dir.join("c.txt"), b"Caf\xe9\n\nCorps.").unwrap();
    fs::write(dir.join("d.jsonl"), b"{\"title\": \"D\"}\n{nope\n").unwrap();
    let paths = [dir.clone()];
    let shown = |w: &[Warning]| w.iter().map(ToString::to_string).collect::<Vec<_>>();
    let first = load(&paths, &cache, None);
    let expected = shown(&first.warnings);
    assert_eq!(expected.len(), 2, "{expected:?}");
    first.update.save(&first.docs).unwrap();
    let second = load(&paths, &cache, None);
    assert_eq!(shown(&second.warnings), expected);
    assert_eq!(second.docs, first.docs);
}

#[test]
fn documents_come_back_from_the_cache_as_parsed() {
    let (_tmp, dir, cache) = setup();
    let article = "date 2023-11 Le port a rouvert mardi. Les navires attendent.\n\n## Contexte\n\n\
                   • Un point\n\nPhoto : Jean Dupont / AFP\n\nLe trafic reprend. Rapporte Le Courrier\n\nfr-01";
    fs::write(dir.join("c.txt"), article).unwrap();
    let jsonl = "{\"title\": \"D1\", \"text\": \"Un.\"}\n{\"title\": \"D2\", \"url\": \"u\"}\n";
    fs::write(dir.join("d.jsonl"), jsonl).unwrap();
    fs::write(dir.join("e.json"), r#"{"title": "E", "text": "Corps.", "date": "2021-02-03", "source": "S"}"#)
        .unwrap();
    fs::write(dir.join("f.json"), r#"[{"title": "F1"}, {"title": "F2", "lang": "de"}]"#).unwrap();
    let paths = [dir.clone()];
    let first = load(&paths, &cache, None);
    assert_eq!(first.docs.len(), 8, "{:?}", first.warnings);
    first.update.save(&first.docs).unwrap();
    let second = load(&paths, &cache, None);
    assert_eq!(second.update.save(&second.docs).unwrap(), 0, "every file came from the cache");
    assert_eq!(second.docs, first.docs);
}

#[test]
fn save_refuses_documents_of_another_load() {
    let (_tmp, dir, cache) = setup();
    let run = load(&[dir], &cache, None);
    assert!(run.update.save(&run.docs[..1]).is_err());
}

#[cfg(unix)]
#[test]
fn cache_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, dir, cache) = setup();
    load_and_save(&[dir], &cache);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache.dir), 0o700);
    let files = cache_files(&cache);
    assert_eq!(files.len(), 1, "no temporary file left: {files:?}");
    assert_eq!(mode(&files[0]), 0o600);
}

#[test]
fn a_cache_dir_that_cannot_be_made_does_not_break_loading() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("file");
    fs::write(&blocker, "not a directory").unwrap();
    let dir = tmp.path().join("corpus");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.txt"), "Alpha\n\nBody.").unwrap();
    let run = load(std::slice::from_ref(&dir), &Cache::at(blocker.join("cache")), None);
    assert_eq!(run.docs.len(), 1);
    assert!(run.update.save(&run.docs).is_err());
}
