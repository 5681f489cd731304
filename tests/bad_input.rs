//! The bad-input matrix, generated into a temporary directory at test time (no
//! binary fixtures are committed): for each case kiosque does not panic, warns
//! with the file (and line) named, loads everything else, and never lets corpus
//! text reach the terminal raw.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::kiosque;
use serde_json::Value;

fn parse_jsonl(args: &[&Path]) -> Output {
    let out = kiosque().args(["parse", "--format", "jsonl"]).args(args).output().unwrap();
    assert_ne!(out.status.code(), Some(101), "panicked: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn broken_files_warn_by_name_and_the_rest_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("00-ok.txt"), "Un titre\n\nUn corps.").unwrap();
    fs::write(d.join("01-empty.txt"), "").unwrap();
    fs::write(d.join("02-blank.txt"), " \n\u{a0}\n\t").unwrap();
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(d.join("03-random.txt"), &noise).unwrap();
    fs::write(d.join("04-invalid-utf8.txt"), b"Titre \xff\xfe\xfd\n\nCorps \xc3\x28.").unwrap();
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in "Titre UTF-16 été\n\nCorps.".encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    fs::write(d.join("05-utf16le.txt"), le).unwrap();
    fs::write(d.join("06-utf16be.txt"), be).unwrap();
    fs::write(d.join("07-cp1252.txt"), b"Caf\xe9 \x93cr\xe8me\x94\n\nPrix : 5 \x80.").unwrap();
    fs::write(d.join("08-broken.jsonl"), "{\"title\": \"A\"}\n{\"title\": \n\n{\"title\": \"B\"}\n").unwrap();

    let out = parse_jsonl(&[d]);
    assert_eq!(out.status.code(), Some(0));
    let titles: Vec<String> =
        records(&out).iter().map(|r| r["title"].as_str().unwrap().to_string()).collect();
    assert_eq!(
        titles,
        ["Un titre", "Titre ÿþý", "Titre UTF-16 été", "Titre UTF-16 été", "Café “crème”", "A", "B"]
    );
    let err = stderr(&out);
    for (file, what) in [
        ("01-empty.txt", "empty"),
        ("02-blank.txt", "empty"),
        ("03-random.txt", "binary"),
        ("04-invalid-utf8.txt", "Windows-1252"),
        ("07-cp1252.txt", "Windows-1252"),
        ("08-broken.jsonl:2", "invalid JSON"),
    ] {
        let line =
            err.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("no warning for {file}: {err}"));
        assert!(line.starts_with("kiosque: warning: ") && line.contains(what), "{line}");
    }
    assert_eq!(err.lines().count(), 6, "{err}");
}

#[test]
fn huge_line_and_huge_json_field() {
    let tmp = tempfile::tempdir().unwrap();
    let line = "mot ".repeat(50 * 1024 * 1024 / 4);
    let big = tmp.path().join("big.txt");
    fs::write(&big, format!("Titre\n\n{line}")).unwrap();
    let field = "é".repeat(5 * 1024 * 1024);
    let jsonl = tmp.path().join("big.jsonl");
    fs::write(&jsonl, format!("{{\"title\": \"T\", \"body\": \"{field}\"}}\n{{oops\n")).unwrap();
    let out = parse_jsonl(&[&big, &jsonl]);
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    assert_eq!(recs[0]["words"], 50 * 1024 * 1024 / 4);
    assert_eq!(recs[1]["body"].as_str().unwrap().len(), field.len());
    assert!(stderr(&out).contains("big.jsonl:2: invalid JSON"));
}

#[test]
fn many_tiny_files_and_deep_nesting() {
    let tmp = tempfile::tempdir().unwrap();
    let many = tmp.path().join("many");
    for i in 0..100_000 {
        let sub = many.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&sub).unwrap();
        }
        fs::write(sub.join(format!("{i:06}.txt")), format!("T{i}\n\nx.")).unwrap();
    }
    let mut deep = tmp.path().join("deep");
    for i in 0..100 {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("bottom.txt"), "Au fond\n\nx.").unwrap();
    let out = kiosque()
        .args(["parse", "--format", "jsonl"])
        .arg(&many)
        .arg(tmp.path().join("deep"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 100_001);
    // In path order: the first and last tiny files, then the deep one.
    assert!(lines[0].contains("\"T0\"") && lines[99_999].contains("\"T99999\""));
    assert!(lines[100_000].contains("Au fond"));
}

#[cfg(unix)]
#[test]
fn unreadable_entries_do_not_block_or_stop_the_load() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "A\n\nx.").unwrap();
    symlink(d, d.join("loop")).unwrap();
    symlink(d.join("gone.txt"), d.join("dangling.txt")).unwrap();
    let fifo_made =
        std::process::Command::new("mkfifo").arg(d.join("fifo.txt")).status().is_ok_and(|s| s.success());
    let out = parse_jsonl(&[d]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out).len(), 1);
    let err = stderr(&out);
    assert!(err.contains("dangling.txt") && err.contains("loop"), "{err}");
    if fifo_made {
        assert!(err.contains("fifo.txt: not a regular file"), "{err}");
    }
}

#[test]
fn terminal_escapes_never_reach_stdout_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let hostile = "Titre\x1b[2J\x1b]52;c;aGk=\x07 \x1b]8;;http://x\x1b\\lien\x1b]8;;\x1b\\ \u{9b}31m\u{202e}suoicilam\n\n\
                   Corps\x1b[31m rouge\u{200b} e\u{301} 漢字 😀.";
    let file = tmp.path().join("hostile.txt");
    fs::write(&file, hostile).unwrap();
    for format in ["table", "jsonl", "json"] {
        let out = kiosque().args(["parse", "--format", format]).arg(&file).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let stdout = String::from_utf8(out.stdout).unwrap();
        for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
            assert!(!stdout.contains(bad), "{format}: {bad:?} reached stdout");
        }
        assert!(stdout.contains("漢字") || format == "table", "{format}");
    }
    // The JSON value is still the exact text, escapes included.
    let out = kiosque().args(["parse", "--format", "jsonl"]).arg(&file).output().unwrap();
    let rec: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rec["title"].as_str().unwrap().contains("\x1b[2J"));
}
