//! End to end: the real binary in a pseudo-terminal (portable-pty), its output
//! fed to a terminal emulator (vt100), keys sent as a user types them. Runs on
//! the seed articles, read at run time (expectations derived from them then).

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;

/// A running kiosque and the screen it drew.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    pump: Option<JoinHandle<()>>,
    /// `XDG_CONFIG_HOME` and `XDG_DATA_HOME` of the session.
    config: tempfile::TempDir,
}

impl Session {
    /// Starts `kiosque ARGS` in a 120×40 pseudo-terminal with an empty config dir.
    fn start(args: &[&str]) -> Session {
        Self::start_program(Path::new(env!("CARGO_BIN_EXE_kiosque")), args)
    }

    /// Starts `program ARGS` the same way.
    fn start_program(program: &Path, args: &[&str]) -> Session {
        Self::start_program_with(program, args, &[])
    }

    /// Starts `program ARGS` the same way, with more environment variables.
    fn start_program_with(program: &Path, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let config = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", config.path());
        cmd.env("XDG_DATA_HOME", config.path());
        cmd.env_remove("NO_COLOR");
        // The parse cache of this run only, unless the test shares one between runs.
        cmd.env("KIOSQUE_CACHE_DIR", config.path().join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("kiosque starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen =
            Arc::new(Mutex::new(vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0)));
        let sink = screen.clone();
        let pump = std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner).process(&buf[..n]);
            }
        });
        Session { child, writer, screen, pump: Some(pump), config }
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until `ok` holds for the screen; fails with the screen's text after 20 s.
    fn wait_for(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        self.wait_for_within(what, Duration::from_secs(20), ok);
    }

    /// Waits until `ok` holds for the screen; fails with the screen's text after `limit`.
    fn wait_for_within(&self, what: &str, limit: Duration, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            {
                let parser = self.screen.lock().unwrap();
                if ok(parser.screen()) {
                    return;
                }
                if start.elapsed() > limit {
                    panic!("timed out waiting for {what}; screen:\n{}", parser.screen().contents());
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_text(&self, text: &str) {
        self.wait_for(text, |s| s.contents().contains(text));
    }

    /// Waits for the process to end; returns its exit code once its output is drained.
    fn finish(&mut self) -> u32 {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "kiosque did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        if let Some(p) = self.pump.take() {
            let _ = p.join();
        }
        status.exit_code()
    }

    /// The terminal is as kiosque found it: main screen, cursor shown, no mouse reporting.
    fn assert_restored(&self) {
        let parser = self.screen.lock().unwrap();
        let s = parser.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor left hidden");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "mouse reporting left on");
    }

    /// The text of columns `cols` on every row.
    fn columns(&self, cols: std::ops::Range<u16>) -> Vec<String> {
        let parser = self.screen.lock().unwrap();
        parser.screen().rows(cols.start, cols.end - cols.start).collect()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
        }
    }
}

/// Each seed's title, as `kiosque parse` finds it.
fn titles(seeds: &Path) -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kiosque"))
        .args(["parse", "--format", "jsonl"])
        .arg(seeds)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].as_str().unwrap().to_string())
        .collect()
}

/// The start of `title` that fits in the list's title column.
fn head(title: &str) -> String {
    title.chars().take(18).collect()
}

/// What kiosque's default theme draws a kind in, as the emulator reports it.
fn kind_colour(kind: kiosque::entities::EntityKind) -> vt100::Color {
    let theme = kiosque::ui::theme::Theme::builtin("dark").unwrap();
    match theme.entity(kind).fg {
        Some(ratatui::style::Color::Indexed(i)) => vt100::Color::Idx(i),
        other => panic!("the dark theme's {kind:?} colour {other:?} is not a palette index"),
    }
}

#[test]
fn read_filter_open_help_quit_on_the_seeds() {
    let Some(seeds) = common::seeds_dir() else { return };
    let titles = titles(&seeds);
    assert_eq!(titles.len(), 5);
    let seeds_arg = seeds.to_str().unwrap().to_string();
    let mut s = Session::start(&[&seeds_arg]);

    // The five titles in the list, and the reader showing the first.
    s.wait_text("Articles 5");
    let list_width = kiosque::app::geometry::Panes::new(COLS, ROWS).list.width;
    for t in &titles {
        let h = head(t);
        s.wait_for(&h, |scr| scr.rows(0, list_width).any(|r| r.contains(&h)));
    }
    s.wait_text("5/5");

    // `/Ramstein` narrows the list to the one article that mentions it.
    let mentioning: Vec<&String> = titles
        .iter()
        .zip(
            std::fs::read_dir(&seeds)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect::<std::collections::BTreeSet<_>>(),
        )
        .filter(|(_, path)| std::fs::read_to_string(path).unwrap().contains("Ramstein"))
        .map(|(t, _)| t)
        .collect();
    assert_eq!(mentioning.len(), 1, "one seed mentions Ramstein");
    s.keys("/Ramstein");
    s.wait_text("1/5");
    s.wait_text("Articles 1/5");
    let shown = s.columns(0..list_width);
    let listed: Vec<_> = titles.iter().filter(|t| shown.iter().any(|r| r.contains(&head(t)))).collect();
    assert_eq!(listed, mentioning, "only the article mentioning Ramstein is listed");

    // Keep the filter, open the article: its mentions are drawn in their kind's style.
    s.keys("\r\r");
    let per = kind_colour(kiosque::entities::EntityKind::Per);
    // The issue's example: Jens Stoltenberg, named in that article, drawn as a
    // person once its entities are found (a frame may arrive in several writes).
    let name = "Stoltenberg";
    s.wait_for("Stoltenberg drawn as a PER mention", |scr| drawn_in(scr, name, per));
    let per_style =
        kiosque::ui::theme::Theme::builtin("dark").unwrap().entity(kiosque::entities::EntityKind::Per);
    let per_bold = per_style.add_modifier.contains(ratatui::style::Modifier::BOLD);
    let at = {
        let parser = s.screen.lock().unwrap();
        let rows: Vec<String> = parser.screen().rows(list_width, COLS - list_width).collect();
        rows.iter().enumerate().find_map(|(y, r)| {
            r.find(name).map(|i| {
                (u16::try_from(y).unwrap(), list_width + u16::try_from(r[..i].chars().count()).unwrap())
            })
        })
    };
    let (y, x) = at.expect("the name is on the first screen of the article");
    let parser = s.screen.lock().unwrap();
    for dx in 0..u16::try_from(name.len()).unwrap() {
        let cell = parser.screen().cell(y, x + dx).unwrap();
        assert_eq!(cell.fgcolor(), per, "{name} is drawn in the PER style");
        assert_eq!(cell.bold(), per_bold, "{name} has the PER style's weight");
    }
    drop(parser);

    // Help, then quit: the terminal comes back as it was.
    s.keys("?");
    s.wait_text("Help: type to filter");
    s.keys("\x1b");
    s.wait_for("help closed", |scr| !scr.contents().contains("Help: type to filter"));
    s.keys("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

/// Sends `signal` to the running kiosque and checks that it restores the terminal.
/// Stars an article, then sends `signal`: the terminal is restored, the exit
/// code says which signal, and the star (acknowledged on screen) is in the state.
fn restores_on(signal: &str, code: u32) {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let mut s = Session::start(&["--state", state.to_str().unwrap()]);
    s.wait_text("Articles 14");
    s.keys("s");
    let list_width = kiosque::app::geometry::Panes::new(COLS, ROWS).list.width;
    s.wait_for("the star, shown once committed", |scr| scr.rows(0, list_width).any(|r| r.contains('★')));
    let pid = s.child.process_id().unwrap().to_string();
    let sent = std::process::Command::new("kill").args([signal, &pid]).status().unwrap();
    assert!(sent.success());
    assert_eq!(s.finish(), code);
    s.assert_restored();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kiosque"))
        .args(["export", "--starred", "--format", "jsonl", "--state"])
        .arg(&state)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let starred = String::from_utf8(out.stdout).unwrap();
    assert_eq!(starred.lines().count(), 1, "{starred}");
    assert!(starred.contains("\"starred\":true"));
}

#[test]
fn nothing_loaded_exits_1_and_prints_the_warnings_on_the_main_screen() {
    let mut s = Session::start(&["tests/no-such-corpus-dir"]);
    assert_eq!(s.finish(), 1);
    s.assert_restored();
    let text = s.screen.lock().unwrap().screen().contents();
    assert!(text.contains("kiosque: warning: tests/no-such-corpus-dir"), "{text}");
    assert!(text.contains("kiosque: error: nothing was loaded"), "{text}");
}

#[test]
fn sigterm_restores_the_terminal() {
    restores_on("-TERM", 128 + 15);
}

#[test]
fn sighup_restores_the_terminal() {
    restores_on("-HUP", 128 + 1);
}

#[test]
fn sigint_restores_the_terminal() {
    restores_on("-INT", 128 + 2);
}

#[test]
fn a_star_survives_a_restart_on_the_same_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let state_arg = state.to_str().unwrap().to_string();
    let list_width = kiosque::app::geometry::Panes::new(COLS, ROWS).list.width;
    let starred_rows = |s: &Session| s.columns(0..list_width).iter().filter(|r| r.contains('★')).count();

    let mut s = Session::start(&["--state", &state_arg]);
    s.wait_text("Articles 14");
    assert_eq!(starred_rows(&s), 0);
    s.keys("s");
    s.wait_text("starred 1 article");
    assert_eq!(starred_rows(&s), 1, "the star shows once committed");
    s.keys("q");
    assert_eq!(s.finish(), 0);

    let mut s = Session::start(&["--state", &state_arg]);
    s.wait_text("Articles 14");
    s.wait_for("the star from the last session", |scr| {
        scr.rows(0, list_width).nth(1).is_some_and(|r| r.contains('★'))
    });
    assert_eq!(starred_rows(&s), 1);
    // The filter sees it too.
    s.keys("/is:starred\r");
    s.wait_text("Articles 1/14");
    s.keys("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

/// The colour of the first character of `text` on screen, if it is shown.
fn colour_of(scr: &vt100::Screen, text: &str) -> Option<vt100::Color> {
    scr.rows(0, COLS).enumerate().find_map(|(row, line)| {
        let at = line.find(text)?;
        let col = u16::try_from(line[..at].chars().count()).ok()?;
        Some(scr.cell(u16::try_from(row).ok()?, col)?.fgcolor())
    })
}

#[test]
fn corrections_from_the_entity_panel_reach_the_screen_and_entities_toml() {
    use kiosque::entities::{EntityKind, UserDictionary};
    let mut s = Session::start(&[]);
    s.wait_text("Articles 14");
    s.keys("/otan");
    s.wait_text("3/14");
    s.keys("\r\r");
    let (per, loc) = (kind_colour(EntityKind::Per), kind_colour(EntityKind::Loc));
    s.wait_for("Liis Kask highlighted as a person", |scr| colour_of(scr, "Liis Kask") == Some(per));
    s.keys("E");
    s.wait_text("People in this article");
    // The first person, their quote, then the photographer of the credit line: suppressed.
    s.keys("jj");
    s.wait_text("KADRI TAMM: 1 article of the corpus, per month");
    s.keys("d");
    s.wait_text("suppressed “KADRI TAMM” (entities.toml)");
    assert!(!s.screen.lock().unwrap().screen().contents().contains("PER  KADRI TAMM"));
    // The next person takes its place: retagged as a place (PER, ORG, then LOC).
    s.wait_text("Liis Kask: 1 article of the corpus");
    s.keys("K");
    s.wait_text("Kind of Liis Kask");
    s.keys("j\r");
    s.wait_text("“Liis Kask” is now LOC (entities.toml)");
    s.wait_text("LOC  Liis Kask");
    let written = std::fs::read_to_string(s.config.path().join("kiosque/entities.toml")).unwrap();
    let dict = UserDictionary::parse(&written).unwrap();
    assert_eq!(dict.suppress, ["KADRI TAMM"]);
    assert_eq!(dict.entities.len(), 1);
    assert_eq!((dict.entities[0].name.as_str(), dict.entities[0].kind), ("Liis Kask", Some(EntityKind::Loc)));
    // The reader shows it too once the panel is closed.
    s.keys("E");
    s.wait_for("Liis Kask highlighted as a place", |scr| colour_of(scr, "Liis Kask") == Some(loc));
    s.keys("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

#[test]
fn hostile_text_is_shown_neutralised_not_acted_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.txt");
    std::fs::write(
        &file,
        "Titre piégé \x1b]2;PWNED\x07 fin\n\n\
         Corps \x1b[31mROUGE\x1b[0m puis \x1b]52;c;aGk=\x07 et \u{9b}31m puis abc\u{202e}def, \
         \x1b]8;;http://x.example\x1b\\lien\x1b]8;;\x1b\\ et \x1b[2J encore. \
         Largeurs : 漢字 😀 e\u{301} a\u{200b}b fin.\n",
    )
    .unwrap();
    let mut s = Session::start(&[file.to_str().unwrap()]);
    s.wait_text("Articles 1");
    // Every escape is drawn as visible text (␛ for ESC), none acted on.
    s.wait_text("␛]2;PWNED");
    let text = s.screen.lock().unwrap().screen().contents();
    for shown in
        ["␛[31mROUGE", "␛]52;c;aGk=", "abcdef", "␛]8;;http://x.example", "␛[2J", "漢字", "😀", "fin."]
    {
        assert!(text.contains(shown), "{shown:?} not shown as text:\n{text}");
    }
    assert!(!text.contains('\u{202e}') && !text.contains('\u{9b}'));
    // The SGR sequence did not turn the next word red.
    let red = vt100::Color::Idx(1);
    {
        let parser = s.screen.lock().unwrap();
        let scr = parser.screen();
        let (y, row) =
            scr.rows(0, COLS).enumerate().find(|(_, r)| r.contains("ROUGE")).expect("ROUGE on screen");
        let x = row.find("ROUGE").unwrap();
        let col = u16::try_from(row[..x].chars().count()).unwrap();
        let cell = scr.cell(u16::try_from(y).unwrap(), col).unwrap();
        assert_eq!(cell.contents(), "R");
        assert_ne!(cell.fgcolor(), red, "corpus text changed the colour");
    }
    s.keys("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

/// Set in the child process of [`a_panic_restores_the_terminal`].
const PANIC_CHILD: &str = "KIOSQUE_TEST_PANIC_CHILD";

#[test]
fn a_panic_restores_the_terminal() {
    // This test binary runs itself again in the pseudo-terminal, as the child
    // below, which enters kiosque's full-screen mode and panics.
    let me = std::env::current_exe().unwrap();
    let mut s = Session::start_program_with(
        &me,
        &["--exact", "panicking_child", "--nocapture", "--test-threads=1"],
        &[(PANIC_CHILD, "1")],
    );
    s.wait_text("deliberate panic to test the terminal restore");
    assert_eq!(s.finish(), 101, "the child test failed by panicking");
    s.assert_restored();
}

/// The child of [`a_panic_restores_the_terminal`]; does nothing in a normal run.
#[test]
fn panicking_child() {
    if std::env::var_os(PANIC_CHILD).is_none() {
        return;
    }
    let mut terminal = kiosque::tui::enter().unwrap();
    terminal.draw(|frame| frame.render_widget("drawn before the panic", frame.area())).unwrap();
    panic!("deliberate panic to test the terminal restore");
}

/// Whether `name` is drawn in `colour` somewhere in the reader pane (all its cells).
fn drawn_in(scr: &vt100::Screen, name: &str, colour: vt100::Color) -> bool {
    let list_width = kiosque::app::geometry::Panes::new(COLS, ROWS).list.width;
    scr.rows(list_width, COLS - list_width).enumerate().any(|(y, r)| {
        r.find(name).is_some_and(|i| {
            let x = list_width + u16::try_from(r[..i].chars().count()).unwrap();
            let y = u16::try_from(y).unwrap();
            (0..u16::try_from(name.len()).unwrap())
                .all(|dx| scr.cell(y, x + dx).is_some_and(|c| c.fgcolor() == colour))
        })
    })
}

/// `n` short articles of our own in a fresh directory (the seeds are not needed).
fn small_corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let text = format!("Dépêche numéro {i}\n\nJens Stoltenberg a parlé de la dépêche {i}.\n");
        std::fs::write(dir.path().join(format!("{i:02}.txt")), text).unwrap();
    }
    dir
}

/// The list row with the selection mark.
fn selected_row(screen: &vt100::Screen) -> String {
    let list_width = kiosque::app::geometry::Panes::new(COLS, ROWS).list.width;
    screen.rows(0, list_width).find(|r| r.contains('▌')).unwrap_or_default()
}

#[test]
fn files_added_and_removed_in_the_watched_directory_show_in_the_list() {
    added_and_removed_files_show_in_the_list(&[]);
}

/// `--strict` loads before the screen opens, and watches all the same.
#[test]
fn a_strict_reader_watches_its_directory_too() {
    added_and_removed_files_show_in_the_list(&["--strict"]);
}

/// Starts the reader on a small corpus with `flags`, then adds a file and
/// removes one: each shows in the list within seconds, the selection staying.
fn added_and_removed_files_show_in_the_list(flags: &[&str]) {
    let corpus = small_corpus(3);
    let mut s = Session::start(&[flags, &[corpus.path().to_str().unwrap()]].concat());
    s.wait_text("Articles 3");
    s.wait_for("the end of the load", |scr| !scr.contents().contains("loading"));
    s.keys("j");
    s.wait_for("the second article selected", |scr| selected_row(scr).contains("numéro 1"));
    // A change waits for the entity worker's current chunk, and the first one
    // builds the recognizer (slow in a debug build): measure the reload after it.
    s.wait_for("the end of the entity pass", |scr| {
        !scr.contents().split("entities ").skip(1).any(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    });

    std::fs::write(corpus.path().join("10-late.txt"), "Dépêche tardive\n\nArrivée pendant la lecture.\n")
        .unwrap();
    let soon = Duration::from_secs(3);
    s.wait_for_within("the new article in the list", soon, |scr| scr.contents().contains("Dépêche tardive"));
    s.wait_text("Articles 4");
    let row = selected_row(s.screen.lock().unwrap().screen());
    assert!(row.contains("numéro 1"), "the selection stayed: {row}");

    std::fs::remove_file(corpus.path().join("00.txt")).unwrap();
    s.wait_for_within("the removed article gone", soon, |scr| !scr.contents().contains("numéro 0"));
    s.wait_text("Articles 3");
    let row = selected_row(s.screen.lock().unwrap().screen());
    assert!(row.contains("numéro 1"), "the selection stayed: {row}");
    s.keys("q");
    assert_eq!(s.finish(), 0);
    s.assert_restored();
}

#[test]
fn a_second_start_restores_the_corpus_from_the_cache_and_no_cache_skips_it() {
    let corpus = small_corpus(3);
    let path = corpus.path().to_str().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let env = [("KIOSQUE_CACHE_DIR", cache.path().to_str().unwrap())];
    let bin = Path::new(env!("CARGO_BIN_EXE_kiosque"));
    let cache_files = || -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
        let entries = std::fs::read_dir(cache.path()).unwrap().map(|e| e.unwrap());
        entries.map(|e| (e.path(), e.metadata().unwrap().modified().unwrap())).collect()
    };
    let loaded = |s: &Session| {
        s.wait_text("Articles 3");
        s.wait_for("the end of the load", |scr| !scr.contents().contains("loading"));
    };

    let mut s = Session::start_program_with(bin, &[path], &env);
    loaded(&s);
    assert!(!s.screen.lock().unwrap().screen().contents().contains("from the cache"));
    // Quit once the open article's entities are found, so that the cache has some.
    let per = kind_colour(kiosque::entities::EntityKind::Per);
    s.wait_for("a PER mention in the reader", |scr| drawn_in(scr, "Stoltenberg", per));
    s.keys("q");
    assert_eq!(s.finish(), 0);
    assert_eq!(cache_files().len(), 1, "one cache file for the one directory: {:?}", cache_files());

    let mut s = Session::start_program_with(bin, &[path], &env);
    loaded(&s);
    s.wait_text("with their entities from the cache");
    s.keys("q");
    assert_eq!(s.finish(), 0);
    // (The second start may have written entities the first did not find before quitting.)
    let written = cache_files();

    let mut s = Session::start_program_with(bin, &["--no-cache", path], &env);
    loaded(&s);
    assert!(!s.screen.lock().unwrap().screen().contents().contains("from the cache"), "not read");
    s.keys("q");
    assert_eq!(s.finish(), 0);
    assert_eq!(cache_files(), written, "not written");
}
