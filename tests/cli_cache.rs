//! The parse cache through the command line: a second run uses it, `--no-cache`
//! neither reads nor writes it, and entities come back the same from it.

mod common;

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use common::kiosque;

/// A corpus of our own and a cache directory not made yet.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.txt"), "Le port rouvre\n\nMarie Dupont a visité Brest le 3 mars.").unwrap();
    fs::write(dir.join("b.txt"), "Wind farm\n\nJohn Smith said in London that 40 turbines work.").unwrap();
    let cache = tmp.path().join("cache");
    (tmp, cache, dir)
}

fn titles(cache: &Path, dir: &Path, extra: &[&str]) -> String {
    let out = kiosque()
        .env("KIOSQUE_CACHE_DIR", cache)
        .args(["parse", "--format", "jsonl"])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "no progress bar when stderr is not a terminal");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("|")
}

/// Changes a file's bytes but not its size or modification time: only a run
/// that reads the cache still shows the old title.
fn rewrite_keeping_mtime(path: &Path, text: &str) {
    let mtime = fs::metadata(path).unwrap().modified().unwrap();
    fs::write(path, text).unwrap();
    File::options().write(true).open(path).unwrap().set_modified(mtime).unwrap();
}

#[test]
fn second_run_uses_the_cache_and_no_cache_skips_it() {
    let (tmp, cache, dir) = setup();
    let no_cache = tmp.path().join("unused-cache");
    assert_eq!(titles(&no_cache, &dir, &["--no-cache"]), "Le port rouvre|Wind farm");
    assert!(!no_cache.exists(), "--no-cache wrote a cache");
    assert_eq!(titles(&cache, &dir, &[]), "Le port rouvre|Wind farm");
    assert_eq!(fs::read_dir(&cache).unwrap().count(), 1);
    rewrite_keeping_mtime(&dir.join("a.txt"), "Le port rouvrE\n\nMarie Dupont a visité Brest le 3 mars.");
    assert_eq!(titles(&cache, &dir, &[]), "Le port rouvre|Wind farm", "the cache was not used");
    assert_eq!(titles(&cache, &dir, &["--no-cache"]), "Le port rouvrE|Wind farm");
}

#[test]
fn entities_from_the_cache_equal_computed_ones() {
    let (_tmp, cache, dir) = setup();
    let run = |extra: &[&str]| {
        let out = kiosque()
            .env("KIOSQUE_CACHE_DIR", &cache)
            .args(["entities", "--format", "jsonl"])
            .args(extra)
            .arg(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let computed = run(&["--no-cache"]);
    assert!(computed.contains("Marie Dupont"), "{computed}");
    assert_eq!(run(&[]), computed, "first run, cache written");
    let written = fs::metadata(fs::read_dir(&cache).unwrap().next().unwrap().unwrap().path()).unwrap();
    assert_eq!(run(&[]), computed, "second run, from the cache");
    // A parse-only run on the same corpus keeps the cached entities.
    titles(&cache, &dir, &[]);
    let after = fs::read_dir(&cache).unwrap().next().unwrap().unwrap().path();
    assert_eq!(fs::metadata(after).unwrap().modified().unwrap(), written.modified().unwrap());
}
