//! Entering and leaving the terminal's full-screen mode, and making sure it is
//! always left: on a normal exit, on a panic, and on SIGINT, SIGTERM or SIGHUP
//! (a dropped SSH session).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal kiosque draws on.
pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Whether the terminal is currently in full-screen mode (restoring twice is harmless but noisy).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The signals that end kiosque with the terminal restored.
pub const SIGNALS: [i32; 3] =
    [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];

/// Switches to the alternate screen in raw mode with mouse reporting, and
/// installs the panic hook that undoes it.
///
/// # Errors
/// When the terminal refuses (not a terminal).
pub fn enter() -> io::Result<Term> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(out))
}

/// Leaves full-screen mode: main screen, cursor shown, mouse off, cooked mode.
/// Errors are ignored: the terminal may be gone (SIGHUP).
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

/// Restores the terminal before the default panic message, so the message is readable.
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Calls `on_signal` (on a thread of its own) for each of [`SIGNALS`] received.
///
/// # Errors
/// When the handlers cannot be registered.
pub fn watch_signals(on_signal: impl Fn(i32) + Send + 'static) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(SIGNALS)?;
    std::thread::Builder::new().name("kiosque-signals".into()).spawn(move || {
        for sig in signals.forever() {
            on_signal(sig);
        }
    })?;
    Ok(())
}
