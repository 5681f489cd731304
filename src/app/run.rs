//! The event loop: input and signal threads feed one channel with the workers'
//! results; the loop blocks on it (waking for the spinner only while busy),
//! applies everything waiting, and draws when the state is dirty.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::Event as TermEvent;

use super::clipboard;
use super::live::Live;
use super::persist::Kept;
use super::search;
use super::state::AppState;
use super::update::{Effect, Msg, update};
use super::worker::Notify;
use super::worker::entities::Annotator;
use super::worker::loader::{self, Source};
use crate::config::{self, Config};
use crate::corpus::Warning;
use crate::review;
use crate::{tui, ui};
use std::path::Path;

/// How often the spinner turns while something runs in the background.
const SPIN: Duration = Duration::from_millis(100);

/// Choices from the command line.
#[derive(Default, Clone)]
pub struct Options {
    /// `--theme NAME` (else the config's, else `dark`).
    pub theme: Option<String>,
    /// The entity recognizer (else the built-in one).
    pub annotator: Option<Annotator>,
    /// `--state FILE`: the review state file (else `KIOSQUE_STATE`, else the data dir's).
    pub state: Option<std::path::PathBuf>,
    /// The user dictionary the entity panel's corrections are written to.
    pub entities_dict: Option<std::path::PathBuf>,
}

/// How a session ended, for the command line to report.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings from loading, to print once the screen is back.
    pub warnings: Vec<Warning>,
    /// How many documents were loaded.
    pub loaded: usize,
    /// The signal that ended the session, if one did.
    pub signal: Option<i32>,
    /// Problems met after the screen closed (saving the history), to print as warnings.
    pub notes: Vec<String>,
}

/// Why the reader could not run.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A bad `config.toml`, theme or key binding.
    #[error("{0}")]
    Setup(String),
    /// The terminal failed.
    #[error("terminal: {0}")]
    Io(#[from] std::io::Error),
}

/// What the loop waits on.
pub(super) enum Event {
    Term(TermEvent),
    App(Msg),
    Signal(i32),
    /// The entity recognizer is built: the entity worker can start.
    Recognizer,
}

/// A worker's way back into the loop.
pub(super) fn notify(tx: &Sender<Event>) -> Notify {
    let tx = tx.clone();
    Box::new(move |m| tx.send(Event::App(m)).is_ok())
}

/// Opens the reader on `source` until the user quits or a signal arrives; the
/// terminal is restored whatever happens.
///
/// # Errors
/// A bad configuration (before the screen changes), or a terminal failure.
pub fn run(source: Source, options: &Options) -> Result<Report, AppError> {
    let dir = config::config_dir();
    let cfg = Config::load(dir.as_deref()).map_err(AppError::Setup)?;
    let keymap = cfg.keymap().map_err(AppError::Setup)?;
    let name = options.theme.as_deref().or(cfg.theme.as_deref());
    let theme =
        config::theme(name, dir.as_deref(), config::no_colour_requested()).map_err(AppError::Setup)?;

    let (tx, rx) = mpsc::channel::<Event>();
    let signal_tx = tx.clone();
    tui::watch_signals(move |s| {
        let _ = signal_tx.send(Event::Signal(s));
    })?;
    let annotator = options.annotator.clone().unwrap_or_else(search::builtin_annotator);
    let (warm, warm_tx) = (annotator.clone(), tx.clone());
    let mut live = Live::new(loader::spawn(source, notify(&tx), notify(&tx)), annotator, tx.clone());
    let mut terminal = tui::enter()?;
    let input_tx = tx.clone();
    let paused = Arc::new(AtomicBool::new(false));
    let input_paused = paused.clone();
    std::thread::Builder::new().name("kiosque-input".into()).spawn(move || {
        loop {
            // While a pager or browser has the terminal, its keys are not ours.
            if input_paused.load(Ordering::SeqCst) {
                std::thread::sleep(INPUT_POLL);
                continue;
            }
            match crossterm::event::poll(INPUT_POLL) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(_) => return,
            }
            let Ok(ev) = crossterm::event::read() else { return };
            if input_tx.send(Event::Term(ev)).is_err() {
                return;
            }
        }
    })?;
    let size = terminal.size()?;
    let mut report = Report::default();
    let mut state = AppState::new(keymap, size.width, size.height);
    let kept = Kept::load(crate::query::data_dir().as_deref(), &mut state, &mut report.notes);
    state.review.mark_on_open = cfg.mark_read_on_open.unwrap_or(true);
    let reviews = open_review(options.state.as_deref(), &mut state, &tx);
    // Built off the UI thread (it takes a while), before the entity worker
    // starts: a worker waiting for it would hold the documents meanwhile.
    std::thread::spawn(move || {
        warm("");
        let _ = warm_tx.send(Event::Recognizer);
    });
    let ctx = Ctx {
        theme: &theme,
        tx: &tx,
        reviews: &reviews,
        paused: &paused,
        dictionary: options.entities_dict.as_deref(),
    };
    let outcome = event_loop(&mut terminal, &mut state, &ctx, &rx, &mut live, &mut report);
    tui::restore();
    // Queued review actions are committed before the process ends.
    drop(reviews);
    kept.save(&state, &mut report.notes);
    // A signal asks to end now: a new save of the parse cache is not worth the wait then.
    report.notes.extend(live.finish(&state.docs, report.signal.is_none()));
    outcome?;
    report.loaded = state.live_count();
    Ok(report)
}

/// How long the input thread waits for a key before checking whether it is paused.
const INPUT_POLL: Duration = Duration::from_millis(50);
/// Values per facet in the entity panel.
const FACETS_TOP: usize = 8;
/// Related articles listed.
const RELATED: usize = 10;

/// Runs `command` (its words split on spaces: no shell) with `arg`, its input
/// `stdin` if given, while it has the terminal; the screen comes back after.
/// Returns a note for the status bar when it could not run or failed.
fn outside(
    terminal: &mut tui::Term,
    paused: &AtomicBool,
    command: &str,
    arg: Option<&str>,
    stdin: Option<&str>,
) -> std::io::Result<Option<String>> {
    let mut words = command.split_whitespace();
    let Some(program) = words.next() else { return Ok(Some("no program to run".into())) };
    paused.store(true, Ordering::SeqCst);
    // Let the input thread finish its current wait before the program reads keys.
    std::thread::sleep(INPUT_POLL * 2);
    tui::restore();
    let mut cmd = std::process::Command::new(program);
    cmd.args(words).args(arg);
    if stdin.is_some() {
        cmd.stdin(std::process::Stdio::piped());
    }
    let note = match cmd.spawn() {
        Ok(mut child) => {
            if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
                // A pager that quits early closes the pipe: not an error.
                let _ = pipe.write_all(text.as_bytes());
            }
            match child.wait() {
                Ok(status) if status.success() => None,
                Ok(status) => Some(format!("{program} ended with {status}")),
                Err(e) => Some(format!("{program}: {e}")),
            }
        }
        Err(e) => Some(format!("could not start {program}: {e}")),
    };
    *terminal = tui::enter()?;
    terminal.clear()?;
    paused.store(false, Ordering::SeqCst);
    Ok(note)
}

/// How often the review worker looks for other instances' commits.
const REVIEW_POLL: Duration = Duration::from_millis(500);

/// Opens the review state (read-only, with the reason in the status bar, when it
/// cannot be written) on its own thread, whose answers join the loop's channel.
fn open_review(explicit: Option<&Path>, state: &mut AppState, tx: &Sender<Event>) -> review::Worker {
    let (store, problem) = match review::resolve_path(explicit) {
        Ok(path) => review::Store::open_or_fallback(&path),
        Err(e) => match review::Store::open_in_memory() {
            Ok(store) => (store, Some(e)),
            Err(e2) => {
                let path = std::env::temp_dir().join("kiosque-unwritable-state.sqlite3");
                let (store, _) = review::Store::open_or_fallback(&path);
                (store, Some(e2))
            }
        },
    };
    let tx = tx.clone();
    let worker = review::Worker::spawn(store, REVIEW_POLL, move |reply| {
        let _ = tx.send(Event::App(Msg::Review(reply)));
    });
    if worker.is_read_only() || problem.is_some() {
        let why = problem.map_or_else(|| "the review state is read-only".to_string(), |e| e.to_string());
        state.message = Some(format!("review state read-only: {why}"));
        state.review.read_only = Some(why);
    }
    worker
}

/// What the loop works with besides the state.
struct Ctx<'a> {
    theme: &'a ui::theme::Theme,
    tx: &'a Sender<Event>,
    reviews: &'a review::Worker,
    /// Raised while another program has the terminal.
    paused: &'a AtomicBool,
    /// Where corrections of entities are written.
    dictionary: Option<&'a Path>,
}

/// Runs until `state.quit`.
fn event_loop(
    terminal: &mut tui::Term,
    state: &mut AppState,
    ctx: &Ctx<'_>,
    rx: &mpsc::Receiver<Event>,
    live: &mut Live,
    report: &mut Report,
) -> std::io::Result<()> {
    // Each request for the views' figures cancels the one before.
    let views_cancel = search::Cancel::new();
    loop {
        if state.dirty {
            terminal.draw(|f| ui::draw(f, state, ctx.theme))?;
            state.dirty = false;
        }
        if state.quit {
            return Ok(());
        }
        let first = if state.busy() || live.waiting() {
            match rx.recv_timeout(SPIN) {
                Ok(ev) => ev,
                Err(RecvTimeoutError::Timeout) => Event::App(Msg::Tick),
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            match rx.recv() {
                Ok(ev) => ev,
                Err(_) => return Ok(()),
            }
        };
        for ev in std::iter::once(first).chain(rx.try_iter()) {
            let msg = match ev {
                Event::Term(TermEvent::Key(k)) => Msg::Key(k),
                Event::Term(TermEvent::Mouse(m)) => Msg::Mouse(m),
                Event::Term(TermEvent::Resize(w, h)) => {
                    terminal.autoresize()?;
                    Msg::Resize(w, h)
                }
                Event::Term(_) => continue,
                Event::App(m) => m,
                Event::Signal(s) => {
                    report.signal = Some(s);
                    state.quit = true;
                    continue;
                }
                Event::Recognizer => {
                    live.recognizer_ready();
                    continue;
                }
            };
            if let Msg::Warning(w) = &msg {
                report.warnings.push(w.clone());
            }
            if let Some(msg) = live.receive(msg, state) {
                handle(terminal, state, ctx, live, &views_cancel, msg)?;
            }
        }
        for msg in live.flush(state) {
            handle(terminal, state, ctx, live, &views_cancel, msg)?;
        }
        live.restart(state);
    }
}

/// Applies one message and starts the background work it calls for.
fn handle(
    terminal: &mut tui::Term,
    state: &mut AppState,
    ctx: &Ctx<'_>,
    live: &mut Live,
    views_cancel: &search::Cancel,
    msg: Msg,
) -> std::io::Result<()> {
    let tx = ctx.tx;
    for effect in update(state, msg) {
        match effect {
            Effect::Review(request) => {
                ctx.reviews.send(request);
            }
            Effect::Lookups { generation, rows } => {
                let (docs, notify) = (state.docs.clone(), notify(tx));
                std::thread::spawn(move || {
                    let facets = crate::lookups::facets(&docs, &rows, FACETS_TOP);
                    let timeline = crate::lookups::timeline(&docs, &rows);
                    notify(Msg::Lookups { generation, facets, timeline });
                });
            }
            Effect::Related(doc) => {
                let (docs, notify) = (state.docs.clone(), notify(tx));
                std::thread::spawn(move || {
                    let items = crate::lookups::related(&docs, doc, RELATED);
                    notify(Msg::Related { doc, items });
                });
            }
            Effect::EntityTimelines { generation, keys } => {
                let (docs, notify) = (state.docs.clone(), notify(tx));
                std::thread::spawn(move || {
                    let timelines = crate::lookups::entity_timelines(&docs, &keys);
                    notify(Msg::EntityTimelines { generation, keys, timelines });
                });
            }
            Effect::Correct(correction) => live.correct(state, ctx.dictionary, correction),
            Effect::Copy(text) => {
                let mut out = std::io::stdout();
                out.write_all(clipboard::osc52(&text).as_bytes())?;
                out.flush()?;
            }
            Effect::Pager(text) => {
                let pager = std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty());
                let pager = pager.unwrap_or_else(|| "less".into());
                let note = outside(terminal, ctx.paused, &pager, None, Some(&text))?;
                state.message = note;
                state.dirty = true;
            }
            Effect::Browser(url) => {
                let note = match std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty()) {
                    Some(browser) => outside(terminal, ctx.paused, &browser, Some(&url), None)?,
                    None => Some("set $BROWSER to open URLs".into()),
                };
                state.message = note;
                state.dirty = true;
            }
            Effect::Search { generation, query } => live.search(generation, query),
            Effect::Annotate(doc) => live.annotate(doc),
            Effect::Warm => live.warm(),
            Effect::ViewStatuses { generation, views } => {
                if let Some(searcher) = state.searcher.clone() {
                    let cancel = views_cancel.next();
                    let notify = notify(tx);
                    std::thread::spawn(move || {
                        let statuses = views.iter().map(|v| searcher.view_status(v, &cancel)).collect();
                        notify(Msg::ViewStatuses { generation, statuses });
                    });
                }
            }
        }
    }
    Ok(())
}
