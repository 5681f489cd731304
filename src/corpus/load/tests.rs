//! Loading from the file system, on temporary trees of our own.

use std::fs;
use std::path::{Path, PathBuf};

use super::load_paths;

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path
}

fn paths(loaded: &super::Loaded) -> Vec<String> {
    loaded.docs.iter().map(|d| d.path.clone()).collect()
}

#[test]
fn directories_are_walked_in_path_order_and_arguments_keep_their_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    write(&dir, "b.txt", b"B\n\nx.");
    write(&dir, "a/z.md", b"Z\n\nx.");
    write(&dir, "a/c", b"C\n\nx.");
    write(&dir, ".hidden.txt", b"H\n\nx.");
    write(&dir, "notes.html", b"<p>skipped</p>");
    write(&dir, "d.jsonl", b"{\"title\": \"D1\"}\n{\"title\": \"D2\"}\n");
    let single = write(tmp.path(), "first.text", b"F\n\nx.");
    let loaded = load_paths(&[single.clone(), dir.clone()]);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let shown = |p: &str| dir.join(p).display().to_string();
    assert_eq!(
        paths(&loaded),
        [
            single.display().to_string(),
            shown("a/c"),
            shown("a/z.md"),
            shown("b.txt"),
            format!("{}:1", shown("d.jsonl")),
            format!("{}:2", shown("d.jsonl")),
        ]
    );
}

#[test]
fn bad_files_warn_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write(dir, "ok.txt", b"Titre\n\nCorps.");
    write(dir, "binary.txt", b"\x7fELF\0\0\0\x01\x02");
    write(dir, "empty.txt", b"  \n\n ");
    write(dir, "latin1.txt", b"Caf\xe9\n\nCorps.");
    write(dir, "broken.jsonl", b"{\"title\": \"A\"}\n{nope\n");
    let missing = dir.join("missing.txt");
    let loaded = load_paths(&[dir.to_path_buf(), missing]);
    let titles: Vec<&str> = loaded.docs.iter().map(|d| d.title()).collect();
    assert_eq!(titles, ["A", "Café", "Titre"]);
    let warned: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    let has = |file: &str, text: &str| warned.iter().any(|w| w.contains(file) && w.contains(text));
    assert!(has("binary.txt", "binary"), "{warned:?}");
    assert!(has("empty.txt", "empty"), "{warned:?}");
    assert!(has("latin1.txt", "Windows-1252"), "{warned:?}");
    assert!(has("broken.jsonl:2", "invalid JSON"), "{warned:?}");
    assert!(has("missing.txt", "no such file"), "{warned:?}");
    assert_eq!(warned.len(), 5);
}

#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_dangling_links_do_not_hang() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    write(&dir, "a.txt", b"A\n\nx.");
    symlink(&dir, dir.join("loop")).unwrap();
    symlink(dir.join("nowhere.txt"), dir.join("dangling.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let loaded = load_paths(std::slice::from_ref(&dir));
    assert_eq!(paths(&loaded), [dir.join("a.txt").display().to_string()]);
    let warned: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert!(warned.iter().any(|w| w.contains("loop") && w.contains("already visited")), "{warned:?}");
    assert!(warned.iter().any(|w| w.contains("dangling.txt")), "{warned:?}");
    if made {
        assert!(warned.iter().any(|w| w.contains("pipe.txt") && w.contains("not a regular file")));
        // Named explicitly, a FIFO is refused too rather than read (it could block forever).
        let loaded = load_paths(&[fifo]);
        assert!(loaded.docs.is_empty());
        assert_eq!(loaded.warnings.len(), 1);
    }
}

#[test]
fn utf8_file_text_is_exactly_its_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let bytes = "Titre\r\n\r\nCorps\u{a0}: « oui ».\r\n".as_bytes();
    let file = write(tmp.path(), "x.txt", bytes);
    let loaded = load_paths(&[file]);
    assert_eq!(loaded.docs[0].text.as_bytes(), bytes);
}

#[test]
fn a_file_removed_between_listing_and_reading_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "a.txt", b"A\n\nx.");
    let gone = write(tmp.path(), "b.txt", b"B\n\nx.");
    write(tmp.path(), "c.txt", b"C\n\nx.");
    // The walk lists three files; one disappears before it is read.
    let plan = super::plan(&[tmp.path().to_path_buf()], &|_| false);
    assert_eq!(plan.inputs.len(), 3);
    fs::remove_file(&gone).unwrap();
    let (mut docs, mut warnings) = (Vec::new(), Vec::new());
    for input in &plan.inputs {
        let ((d, w), _) = super::read_input(input, None);
        docs.extend(d);
        warnings.extend(w);
    }
    let titles: Vec<&str> = docs.iter().map(|d| d.title()).collect();
    assert_eq!(titles, ["A", "C"]);
    assert_eq!(warnings.len(), 1);
    let w = warnings[0].to_string();
    assert!(w.contains("b.txt") && w.contains("no such file"), "{w}");
}

#[test]
fn extensions_are_recognised_whatever_their_case() {
    use super::{Format, format_of};
    let format = |p: &str| format_of(Path::new(p));
    assert_eq!(format("a/B.TXT"), Some(Format::Plain));
    assert_eq!(format("a/b.Md"), Some(Format::Plain));
    assert_eq!(format("a/README"), Some(Format::Plain));
    assert_eq!(format("b.JSON"), Some(Format::Json));
    assert_eq!(format("b.NDJson"), Some(Format::Jsonl));
    assert_eq!(format("b.jsonl"), Some(Format::Jsonl));
    assert_eq!(format("b.html"), None);
    assert_eq!(format("b.txt.gz"), None);
}

#[test]
fn a_listed_name_has_the_format_of_its_path() {
    use super::{format_of, format_of_name};
    for name in
        ["B.TXT", "b.Md", "README", "b.ndjson", "b.json", "b.html", "b.txt.gz", "b.", "a.b.c.txt", "été.txt"]
    {
        let path = Path::new("dir").join(name);
        assert_eq!(format_of_name(name.as_bytes()), format_of(&path), "{name}");
    }
}
