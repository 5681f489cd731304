//! Helpers shared by the integration tests.
#![allow(dead_code)] // Each test crate uses its own subset.

use std::path::PathBuf;

/// The reference seed articles, `../shared/corpus/seeds`, read at run time (they
/// are not ours and never copied). `None` (the test returns early) when they are
/// missing outside CI; under CI a missing seed directory fails the test.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but the seed corpus is missing at {}",
        dir.display()
    );
    eprintln!("seed corpus missing at {}; skipping outside CI", dir.display());
    None
}

/// The seed file whose name starts with `prefix` (e.g. `"001"`).
pub fn seed(prefix: &str) -> PathBuf {
    let dir = seeds_dir().expect("seed corpus");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    assert_eq!(found.len(), 1, "one seed named {prefix}* in {}", dir.display());
    found.remove(0)
}

/// The `kiosque` binary built for this test run, its parse cache in a directory
/// of the test run's own rather than the user's cache.
pub fn kiosque() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("kiosque").unwrap();
    cmd.env("KIOSQUE_CACHE_DIR", test_cache_dir());
    cmd
}

/// One cache directory for the whole test binary, removed by nobody: it lives
/// under the target directory, which `cargo clean` empties.
fn test_cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kiosque-cache")
}
