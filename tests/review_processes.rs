//! Several kiosque processes on one state file: concurrent writers lose nothing, a
//! process killed with SIGKILL keeps every action it acknowledged, and a writer
//! held off past the busy timeout fails cleanly.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use kiosque::review::{Action, ArticleKey, ArticleMeta, ReviewError, ReviewState, Store};

const KIOSQUE: &str = env!("CARGO_BIN_EXE_kiosque");

/// Writes `n` articles of our own; returns their paths and review keys.
fn corpus(dir: &Path, n: usize) -> Vec<(PathBuf, ArticleKey)> {
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|i| {
            let text =
                format!("Dispatch {i} from the valley\n\nThe valley council met {i} times this year.\n");
            let path = dir.join(format!("{i:03}.txt"));
            std::fs::write(&path, &text).unwrap();
            (path, ArticleKey::of_text(&text))
        })
        .collect()
}

fn mark(state: &Path, article: &Path, flags: &[&str]) -> std::process::Output {
    Command::new(KIOSQUE).arg("mark").arg(article).args(flags).arg("--state").arg(state).output().unwrap()
}

fn state_of(state: &Path, key: &ArticleKey) -> ReviewState {
    Store::open_read_only(state).unwrap().state(key).unwrap()
}

#[test]
fn two_processes_marking_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = corpus(&tmp.path().join("corpus"), 15);
    let state = tmp.path().join("state.sqlite3");
    // Both loops touch every article: one labels and stars, the other labels and
    // reads, so each write is a read-modify-write of a row the other also writes.
    let workers: Vec<_> = [("left", "--star"), ("right", "--read")]
        .into_iter()
        .map(|(label, flag)| {
            let (articles, state) = (articles.clone(), state.clone());
            std::thread::spawn(move || {
                for (path, _) in &articles {
                    let out = mark(&state, path, &["--label", label, flag]);
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    for (path, key) in &articles {
        let s = state_of(&state, key);
        assert_eq!(s.labels, ["left", "right"], "{}", path.display());
        assert!(s.starred && s.read, "{}: {s:?}", path.display());
    }
}

#[test]
fn a_killed_process_keeps_every_acknowledged_action() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = corpus(&tmp.path().join("corpus"), 200);
    let state = tmp.path().join("state.sqlite3");
    // A shell loop of `kiosque mark`, each completed invocation acknowledged by
    // printing its number; the whole process group is killed mid-loop.
    let script = r#"i=0; for f in "$@"; do "$K" mark "$f" --star --label done --state "$S" || exit 1; echo $i; i=$((i+1)); done"#;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .args(articles.iter().map(|(p, _)| p))
        .env("K", KIOSQUE)
        .env("S", &state)
        .stdout(Stdio::piped())
        .process_group(0)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acknowledged = Vec::new();
    while acknowledged.len() < 12 {
        let line = lines.next().expect("the loop runs").unwrap();
        acknowledged.push(line.parse::<usize>().unwrap());
    }
    // The next invocation is under way: kill everything, the shell and kiosque alike.
    let pgid = format!("-{}", child.id());
    assert!(Command::new("kill").args(["-KILL", "--", &pgid]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert!(!status.success());
    acknowledged.extend(lines.map_while(Result::ok).filter_map(|l| l.parse::<usize>().ok()));
    assert!(acknowledged.len() < articles.len(), "the loop was stopped before its end");

    // Reopened read-write (recovering the WAL), every acknowledged action is there.
    let store = Store::open(&state).unwrap();
    for i in &acknowledged {
        let s = store.state(&articles[*i].1).unwrap();
        assert!(s.starred && s.labels == ["done"], "action {i} was acknowledged but lost: {s:?}");
    }
    // At most the invocation in flight may have gone through unacknowledged.
    let known = store.records().unwrap().len();
    assert!(known == acknowledged.len() || known == acknowledged.len() + 1, "{known}");
    drop(store);
    let out = mark(&state, &articles[0].0, &["--read"]);
    assert!(out.status.success(), "the state works after the kill");
}

#[test]
fn a_writer_held_off_past_the_busy_timeout_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = corpus(&tmp.path().join("corpus"), 1);
    let state = tmp.path().join("state.sqlite3");
    assert!(mark(&state, &articles[0].0, &["--read"]).status.success());
    let blocker = rusqlite::Connection::open(&state).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = mark(&state, &articles[0].0, &["--star"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("kiosque: error: the review state") && err.contains("locked"), "{err}");
    // A reader is not blocked by the writer.
    let export = Command::new(KIOSQUE).arg("export").arg("--state").arg(&state).output().unwrap();
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    blocker.execute_batch("ROLLBACK").unwrap();
    drop(blocker);
    let s = state_of(&state, &articles[0].1);
    assert!(s.read && !s.starred, "{s:?}");
    assert!(mark(&state, &articles[0].0, &["--star"]).status.success());
    assert!(state_of(&state, &articles[0].1).starred);
}

/// A small tmpfs mounted for a test, unmounted on drop; `None` where mounting is
/// not permitted (not root, or no CAP_SYS_ADMIN): disk full is then not testable.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path) -> Option<Self> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("cannot mount a tmpfs here: disk full is not testable");
        }
        ok.then(|| Self(dir.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_refuses_the_action_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = corpus(&tmp.path().join("corpus"), 40);
    let Some(disk) = SmallDisk::mount(&tmp.path().join("disk")) else { return };
    let state = disk.0.join("state.sqlite3");
    assert!(mark(&state, &articles[0].0, &["--star", "--label", "kept"]).status.success());
    // An instance that was already running when the disk filled up.
    let mut running = Store::open(&state).unwrap();
    // Fill the disk.
    let filler = disk.0.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
    drop(f);
    // A big note on every article cannot fit.
    let note = "n".repeat(64 * 1024);
    let out = Command::new(KIOSQUE)
        .arg("mark")
        .arg(tmp.path().join("corpus"))
        .args(["--note", &note, "--state"])
        .arg(&state)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("kiosque: error:") && !err.contains("panicked"), "{err}");
    assert!(err.contains("no space left for the review state"), "{err}");
    let metas: Vec<ArticleMeta> = articles
        .iter()
        .map(|(p, _)| ArticleMeta::from(&kiosque::corpus::load_paths(std::slice::from_ref(p)).docs[0]))
        .collect();
    let refused = running.apply(&metas, &Action::SetNote(Some(note.clone())));
    assert!(matches!(refused, Err(ReviewError::DiskFull { .. })), "{refused:?}");
    drop(running);
    // Room again: what was recorded before is intact, the failed action left nothing.
    std::fs::remove_file(&filler).unwrap();
    let s = state_of(&state, &articles[0].1);
    assert!(s.starred && s.labels == ["kept"] && s.note.is_none(), "{s:?}");
    assert!(state_of(&state, &articles[1].1).note.is_none());
    assert!(mark(&state, &articles[1].0, &["--read"]).status.success());
    assert!(state_of(&state, &articles[1].1).read);
}
