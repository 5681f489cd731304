//! `kiosque mark` and `kiosque export` end to end, on articles of our own written
//! to a temporary directory, with the exit-code contract and the state file's faults.

mod common;

use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::kiosque;
use serde_json::Value;
use tempfile::TempDir;

/// A corpus of `n` small articles of our own, and a state file path beside it.
struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new(n: usize) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("corpus")).unwrap();
        for i in 0..n {
            let text = format!(
                "Harbour report number {i}\n\nPublished 12 March 2024\n\nThe harbour of Port-Lune counted {i} \
                 ships this week, the authority said.\n\nSource : Gazette des Quais\n"
            );
            std::fs::write(dir.path().join(format!("corpus/{i:02}.txt")), text).unwrap();
        }
        Self { dir }
    }

    fn article(&self, i: usize) -> PathBuf {
        self.dir.path().join(format!("corpus/{i:02}.txt"))
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join("state/state.sqlite3")
    }

    /// `kiosque ARGS --state STATE`.
    fn run(&self, args: &[&str]) -> std::process::Output {
        kiosque().args(args).arg("--state").arg(self.state()).env_remove("KIOSQUE_STATE").output().unwrap()
    }

    fn mark(&self, paths: &[PathBuf], flags: &[&str]) {
        let out =
            kiosque().arg("mark").args(paths).args(flags).arg("--state").arg(self.state()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    /// `kiosque export --format jsonl [PATHS]`, by file name.
    fn export(&self, paths: &[PathBuf]) -> HashMap<String, Value> {
        let out = kiosque().arg("export").args(paths).arg("--state").arg(self.state()).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        jsonl(&out.stdout)
            .into_iter()
            .map(|r| {
                (Path::new(r["path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into(), r)
            })
            .collect()
    }
}

fn jsonl(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn marks_round_trip_through_export() {
    let f = Fixture::new(4);
    f.mark(&[f.article(0), f.article(1)], &["--star", "--label", "ports", "--label", "weekly"]);
    f.mark(
        &[f.article(1)],
        &["--read", "--unlabel", "weekly", "--note", "Compare with, \"last\" year\nand 2023"],
    );
    f.mark(&[f.article(2)], &["--read"]);
    f.mark(&[f.article(2)], &["--unread"]);

    // No paths: every article the state knows, from the state alone.
    let all = f.export(&[]);
    assert_eq!(all.len(), 3, "{all:?}");
    let one = &all["01.txt"];
    assert_eq!(one["title"], "Harbour report number 1");
    assert_eq!(one["date"], "2024-03-12");
    assert_eq!(one["source"], "Gazette des Quais");
    assert_eq!(one["read"], true);
    assert_eq!(one["starred"], true);
    assert_eq!(one["labels"], serde_json::json!(["ports"]));
    assert_eq!(one["note"], "Compare with, \"last\" year\nand 2023");
    assert_eq!(all["00.txt"]["labels"], serde_json::json!(["ports", "weekly"]));
    assert_eq!(all["00.txt"]["note"], Value::Null);
    assert_eq!(all["02.txt"]["read"], false);
    let keys: Vec<&str> = one.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 8, "{keys:?}");

    // With paths: exactly those articles, reviewed or not.
    let some = f.export(&[f.article(3), f.article(0)]);
    assert_eq!(some.len(), 2);
    assert_eq!(some["03.txt"]["read"], false);
    assert_eq!(some["03.txt"]["labels"], serde_json::json!([]));
    assert_eq!(some["00.txt"]["starred"], true);
}

#[test]
fn export_filters_and_nothing_to_export() {
    let f = Fixture::new(3);
    // No state file yet: nothing to export, and export does not create one.
    let out = f.run(&["export"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing to export"));
    assert!(!f.state().exists());

    f.mark(&[f.article(0)], &["--star"]);
    f.mark(&[f.article(1)], &["--label", "energy"]);
    let starred = f.run(&["export", "--starred"]);
    let rows = jsonl(&starred.stdout);
    assert_eq!(rows.len(), 1);
    assert!(rows[0]["path"].as_str().unwrap().ends_with("00.txt"));
    let labelled = jsonl(&f.run(&["export", "--label", "energy"]).stdout);
    assert_eq!(labelled.len(), 1);
    assert!(labelled[0]["path"].as_str().unwrap().ends_with("01.txt"));
    let none = f.run(&["export", "--starred", "--label", "energy"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
}

#[test]
fn csv_has_a_header_and_quotes_what_needs_it() {
    let f = Fixture::new(2);
    f.mark(&[f.article(0)], &["--label", "b", "--label", "a", "--note", "one, \"two\"\nthree"]);
    let out = f.run(&["export", "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let (header, rest) = text.split_once("\r\n").unwrap();
    assert_eq!(header, "path,title,date,source,read,starred,labels,note");
    let row = rest.strip_suffix("\r\n").unwrap();
    assert!(row.ends_with(",false,false,a; b,\"one, \"\"two\"\"\nthree\""), "{row}");
    assert!(row.contains(",Harbour report number 0,2024-03-12,Gazette des Quais,"), "{row}");
}

#[test]
fn markdown_is_a_reading_list_grouped_by_label() {
    let f = Fixture::new(3);
    f.mark(&[f.article(0), f.article(1)], &["--star", "--label", "ports"]);
    f.mark(&[f.article(1)], &["--label", "weather", "--read", "--note", "Check *this*"]);
    let out = f.run(&["export", "--starred", "--format", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout).unwrap();
    let ports = md.find("## ports (2 articles)").expect(&md);
    let weather = md.find("## weather (1 article)").expect(&md);
    assert!(md.starts_with("# Reading list\n\n2 articles, 2 starred.\n"), "{md}");
    assert!(ports < weather);
    assert!(md.contains("- [ ] ★ **Harbour report number 0** — Gazette des Quais, 2024-03-12"), "{md}");
    assert!(md.contains("- [x] ★ **Harbour report number 1**"), "{md}");
    assert!(md.contains("  > Check *this*\n"), "{md}");
    assert_eq!(md.matches("**Harbour report number 1**").count(), 2, "listed under each label");
    assert!(!md.contains("Unlabelled"));
}

#[test]
fn state_follows_the_content_not_the_path() {
    let f = Fixture::new(2);
    f.mark(&[f.article(0)], &["--star", "--label", "kept"]);
    let moved = f.dir.path().join("moved.txt");
    std::fs::rename(f.article(0), &moved).unwrap();
    let rows = f.export(std::slice::from_ref(&moved));
    assert_eq!(rows["moved.txt"]["starred"], true);
    assert_eq!(rows["moved.txt"]["labels"], serde_json::json!(["kept"]));
    // Marking again records the new path as the last known one.
    f.mark(std::slice::from_ref(&moved), &["--read"]);
    let all = f.export(&[]);
    assert_eq!(all.len(), 1);
    assert_eq!(all["moved.txt"]["read"], true);
}

#[test]
fn the_env_variable_chooses_the_state_file() {
    let f = Fixture::new(1);
    let out = kiosque().args(["mark", "--demo", "--star"]).env("KIOSQUE_STATE", f.state()).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = std::fs::metadata(f.state()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(f.state().parent().unwrap()).unwrap().permissions().mode() & 0o777;
    assert_eq!(dir_mode, 0o700);
    let out = kiosque().args(["export", "--starred"]).env("KIOSQUE_STATE", f.state()).output().unwrap();
    let demo = kiosque().args(["parse", "--demo", "--format", "jsonl"]).output().unwrap();
    assert_eq!(jsonl(&out.stdout).len(), jsonl(&demo.stdout).len());
    assert!(jsonl(&out.stdout).iter().all(|r| r["path"].as_str().unwrap().starts_with("demo/")));
}

#[test]
fn usage_errors_exit_2() {
    let f = Fixture::new(1);
    // mark needs input and an action.
    let out = f.run(&["mark", "--star"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("kiosque: error: no input"), "{}", stderr(&out));
    let out = kiosque().arg("mark").arg(f.article(0)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = kiosque().arg("mark").arg(f.article(0)).args(["--read", "--unread"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = f.run(&["mark", "--demo", "--label", "  "]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a label cannot be empty"), "{}", stderr(&out));
    // Nothing loaded: exit 1, and no state is written.
    let empty = f.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = kiosque().arg("mark").arg(&empty).arg("--star").arg("--state").arg(f.state()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn a_corrupt_state_file_is_an_error_and_left_untouched() {
    let f = Fixture::new(1);
    std::fs::create_dir_all(f.state().parent().unwrap()).unwrap();
    let junk: Vec<u8> = (0..3000u32).map(|i| (i * 31 % 256) as u8).collect();
    std::fs::write(f.state(), &junk).unwrap();
    for args in [&["mark", "--demo", "--star"][..], &["export"], &["export", "--demo"]] {
        let out = f.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.starts_with("kiosque: error: the review state ") && err.contains("corrupt"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(std::fs::read(f.state()).unwrap(), junk);
}

#[test]
fn a_state_path_below_a_regular_file_is_a_clear_error() {
    let f = Fixture::new(1);
    let plain = f.dir.path().join("plain-file");
    std::fs::write(&plain, b"not a directory").unwrap();
    let state = plain.join("state.sqlite3");
    let out = kiosque().args(["mark", "--demo", "--read", "--state"]).arg(&state).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("kiosque: error: cannot open the review state"), "{err}");
    assert!(err.contains("plain-file"), "{err}");
    assert_eq!(std::fs::read(&plain).unwrap(), b"not a directory");
    let out = kiosque().args(["export", "--state"]).arg(&state).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "no state there: nothing to export");
}

#[test]
fn the_corpus_is_never_written() {
    let f = Fixture::new(5);
    let snapshot = || -> Vec<(PathBuf, Vec<u8>, SystemTime, u32)> {
        let mut files: Vec<_> = std::fs::read_dir(f.dir.path().join("corpus"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let m = std::fs::metadata(&p).unwrap();
                (p.clone(), std::fs::read(&p).unwrap(), m.modified().unwrap(), m.permissions().mode())
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot();
    let corpus = f.dir.path().join("corpus");
    f.mark(std::slice::from_ref(&corpus), &["--read", "--star", "--label", "x", "--note", "n"]);
    f.mark(std::slice::from_ref(&corpus), &["--unlabel", "x", "--unstar"]);
    for format in ["jsonl", "csv", "md"] {
        assert!(f.run(&["export", "--format", format]).status.success());
        let out = kiosque()
            .arg("export")
            .arg(&corpus)
            .args(["--format", format, "--state"])
            .arg(f.state())
            .output();
        assert!(out.unwrap().status.success());
    }
    assert_eq!(snapshot(), before);
    let names: Vec<_> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 5, "no file was added to the corpus: {names:?}");
}

#[test]
fn exports_never_let_corpus_text_act_on_the_terminal() {
    let f = Fixture::new(0);
    let title = "Breaking \x1b]52;c;aGk=\x07 news \u{9b}2J \u{202e}txet";
    let path = f.dir.path().join("corpus/hostile.txt");
    std::fs::write(&path, format!("{title}\n\nA body of our own.\n")).unwrap();
    f.mark(std::slice::from_ref(&path), &["--star", "--label", "x\u{202e}y", "--note", "n\x1b[2Jote"]);
    for format in ["jsonl", "csv", "md"] {
        let out = f.run(&["export", "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
            assert!(!text.contains(bad), "{format} printed {bad:?}: {text:?}");
        }
        if format == "jsonl" {
            let row = &jsonl(text.as_bytes())[0];
            assert_eq!(row["title"].as_str().unwrap().trim_end(), title, "the JSON value is unchanged");
            assert_eq!(row["note"], "n\x1b[2Jote");
        }
    }
}

/// Makes `path` unwritable even for root (who ignores permissions): mode 0444, and
/// the immutable attribute when that is not enough. Undone on drop.
struct Unwritable(PathBuf, bool);

impl Unwritable {
    fn new(path: &Path) -> Option<Self> {
        let writable = || std::fs::OpenOptions::new().write(true).open(path).is_ok();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
        if !writable() {
            return Some(Self(path.to_path_buf(), false));
        }
        let chattr = std::process::Command::new("chattr").arg("+i").arg(path).output();
        let guard = Self(path.to_path_buf(), chattr.is_ok_and(|o| o.status.success()));
        if guard.1 && !writable() {
            return Some(guard);
        }
        assert!(std::env::var_os("CI").is_none(), "CI: cannot make a file unwritable (chattr +i failed)");
        eprintln!("cannot make {} unwritable here; skipping outside CI", path.display());
        None
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        if self.1 {
            let _ = std::process::Command::new("chattr").arg("-i").arg(&self.0).status();
        }
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o600));
    }
}

#[test]
fn a_read_only_state_refuses_marks_and_still_exports() {
    let f = Fixture::new(2);
    f.mark(&[f.article(0)], &["--star"]);
    let before = std::fs::read(f.state()).unwrap();
    let Some(_guard) = Unwritable::new(&f.state()) else { return };
    let out = f.run(&["mark", "--demo", "--read"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("kiosque: error: the review state") && err.contains("read-only"), "{err}");
    let out = f.run(&["export"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["starred"], true);
    // The UI's fallback: the same state, read-only, with the reason to show.
    let (store, why) = kiosque::review::Store::open_or_fallback(&f.state());
    assert!(store.is_read_only());
    assert!(matches!(why, Some(kiosque::review::ReviewError::ReadOnly { .. })), "{why:?}");
    assert_eq!(store.records().unwrap().len(), 1);
    drop(store);
    assert_eq!(std::fs::read(f.state()).unwrap(), before);
}

#[test]
fn query_selects_with_the_filter_engine() {
    let f = Fixture::new(0);
    let corpus = f.dir.path().join("corpus");
    std::fs::write(
        corpus.join("a.txt"),
        "Lighthouse keepers leave Ar-Men\n\nThe last keepers left the lighthouse.\n",
    )
    .unwrap();
    std::fs::write(corpus.join("b.txt"), "Ferry timetable changes\n\nThe winter ferry sails twice a day.\n")
        .unwrap();
    f.mark(std::slice::from_ref(&corpus), &["--label", "coast"]);
    let run = |extra: &[&str]| {
        kiosque().arg("export").arg(&corpus).args(extra).arg("--state").arg(f.state()).output().unwrap()
    };
    let out = run(&["--query", "lighthouse"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = jsonl(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert!(rows[0]["path"].as_str().unwrap().ends_with("a.txt"));
    assert_eq!(rows[0]["labels"], serde_json::json!(["coast"]));
    // Combined with the other filters.
    assert_eq!(run(&["--query", "ferry", "--starred"]).status.code(), Some(1));
    // A bad query is a usage error; so is a query without the articles' text.
    let out = run(&["--query", "nosuchfield:x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown field"), "{}", stderr(&out));
    let out = f.run(&["export", "--query", "ferry"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--query needs the articles' text"), "{}", stderr(&out));
}
