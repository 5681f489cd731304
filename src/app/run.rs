//! The event loop: input and signal threads feed one channel with the workers'
//! results; the loop blocks on it (waking for the spinner only while busy),
//! applies everything waiting, and draws when the state is dirty.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::Event as TermEvent;

use super::persist::Kept;
use super::search;
use super::state::AppState;
use super::update::{Effect, Msg, update};
use super::worker::Notify;
use super::worker::entities::{Annotator, EntityWorker};
use super::worker::filter::FilterWorker;
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
enum Event {
    Term(TermEvent),
    App(Msg),
    Signal(i32),
}

/// A worker's way back into the loop.
fn notify(tx: &Sender<Event>) -> Notify {
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
    let loader = loader::spawn(source, search::engine, notify(&tx));
    let mut terminal = tui::enter()?;
    let input_tx = tx.clone();
    std::thread::Builder::new().name("kiosque-input".into()).spawn(move || {
        while let Ok(ev) = crossterm::event::read() {
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
    let annotator = options.annotator.clone().unwrap_or_else(search::builtin_annotator);
    let outcome = event_loop(&mut terminal, &mut state, &theme, &annotator, &tx, &rx, &reviews, &mut report);
    tui::restore();
    // Queued review actions are committed before the process ends.
    drop(reviews);
    kept.save(&state, &mut report.notes);
    outcome?;
    report.loaded = state.docs.len();
    if loader.is_finished() {
        report.warnings = loader.join().unwrap_or_default();
    }
    Ok(report)
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
        state.review.read_only = Some(why);
    }
    worker
}

/// Runs until `state.quit`.
#[allow(clippy::too_many_arguments)]
fn event_loop(
    terminal: &mut tui::Term,
    state: &mut AppState,
    theme: &ui::theme::Theme,
    annotator: &Annotator,
    tx: &Sender<Event>,
    rx: &mpsc::Receiver<Event>,
    reviews: &review::Worker,
    report: &mut Report,
) -> std::io::Result<()> {
    let mut filter: Option<FilterWorker> = None;
    let mut entities: Option<EntityWorker> = None;
    // Each request for the views' figures cancels the one before.
    let views_cancel = search::Cancel::new();
    loop {
        if state.dirty {
            terminal.draw(|f| ui::draw(f, state, theme))?;
            state.dirty = false;
        }
        if state.quit {
            return Ok(());
        }
        let first = if state.busy() {
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
            };
            if let Msg::Loaded { docs, searcher, .. } = &msg {
                filter = Some(FilterWorker::spawn(searcher.clone(), notify(tx)));
                entities = Some(EntityWorker::spawn(docs.clone(), annotator.clone(), notify(tx)));
                // Hashing every text is O(corpus): off the UI thread.
                let (docs, notify) = (docs.clone(), notify(tx));
                std::thread::spawn(move || {
                    notify(Msg::ReviewKeys(docs.iter().map(review::key_of).collect()))
                });
            }
            for effect in update(state, msg) {
                match effect {
                    Effect::Review(request) => {
                        reviews.send(request);
                    }
                    Effect::Search { generation, query } => {
                        if let Some(w) = &filter {
                            w.submit(generation, query);
                        }
                    }
                    Effect::Annotate(doc) => {
                        if let Some(w) = &entities {
                            w.prioritise(doc);
                        }
                    }
                    Effect::Warm => {
                        if let Some(w) = &filter {
                            w.warm();
                        }
                    }
                    Effect::ViewStatuses { generation, views } => {
                        if let Some(searcher) = state.searcher.clone() {
                            let cancel = views_cancel.next();
                            let notify = notify(tx);
                            std::thread::spawn(move || {
                                let statuses =
                                    views.iter().map(|v| searcher.view_status(v, &cancel)).collect();
                                notify(Msg::ViewStatuses { generation, statuses });
                            });
                        }
                    }
                }
            }
        }
    }
}
