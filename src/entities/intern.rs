//! Canonical names interned once per process, so that a mention holds a 4-byte
//! symbol instead of a heap string (see `docs/scaling.md`, "Memory").
//!
//! A corpus repeats a few thousand names and values over millions of mentions; each
//! distinct string is stored once and never freed, which bounds the table by the
//! distinct canonical forms the process has read. Reading a symbol takes no lock:
//! strings live in chunks that are allocated once and filled once, so the filter
//! engine and the reader resolve them as fast as a field read. Interning looks in a
//! per-thread table first, so that workers annotating in parallel rarely meet on the
//! shared lock.

use std::cell::RefCell;
use std::sync::{Mutex, OnceLock, PoisonError};

use super::fasthash::{FastMap, StrMap};

/// An interned string, or [`Sym::SPAN`]: "the mention's own text".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Sym(u32);

/// Symbols below this are not stored (0 is [`Sym::SPAN`]); the first chunk holds
/// `FIRST` strings and each next chunk twice as many as the one before.
const FIRST: u64 = 1024;
/// Chunks enough for every `u32` symbol.
const CHUNKS: usize = 23;

type Chunk = Box<[OnceLock<Box<str>>]>;

static STORE: [OnceLock<Chunk>; CHUNKS] = [const { OnceLock::new() }; CHUNKS];

/// The symbols given so far, by string, and the next free one.
struct Table {
    by_str: FastMap<&'static str, Sym>,
    next: u32,
}

fn table() -> &'static Mutex<Table> {
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(Table { by_str: FastMap::default(), next: 1 }))
}

thread_local! {
    /// Symbols this thread has already looked up.
    static SEEN: RefCell<Seen> = RefCell::new(Seen::default());
}

/// The symbols a thread has looked up: short strings (most canonical forms, "Jens
/// Stoltenberg", "2023-03-04", "150000000000 USD") held in the table itself (see
/// [`StrMap`]), the others by the stored string.
type Seen = StrMap<&'static str, Sym>;

/// The chunk and the slot in it of symbol `id` (`id >= 1`).
fn place(id: u32) -> (usize, usize) {
    let i = u64::from(id) - 1 + FIRST;
    let chunk = (i.ilog2() - FIRST.ilog2()) as usize;
    let offset = i - (FIRST << chunk);
    (chunk, usize::try_from(offset).unwrap_or(usize::MAX))
}

impl Sym {
    /// The mention's canonical form is its own text.
    pub const SPAN: Sym = Sym(0);

    /// The symbol of `s`, storing it on first sight.
    pub fn intern(s: &str) -> Sym {
        if let Some(sym) = SEEN.with(|seen| seen.borrow().get(s).copied()) {
            return sym;
        }
        let sym = Self::intern_shared(s);
        if let Some(stored) = sym.stored() {
            SEEN.with(|seen| seen.borrow_mut().insert(stored, sym));
        }
        sym
    }

    fn intern_shared(s: &str) -> Sym {
        let mut table = table().lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&sym) = table.by_str.get(s) {
            return sym;
        }
        let id = table.next;
        let (chunk, offset) = place(id);
        let slots = STORE[chunk]
            .get_or_init(|| (0..(FIRST << chunk)).map(|_| OnceLock::new()).collect::<Vec<_>>().into());
        let stored: &'static str = slots[offset].get_or_init(|| s.into());
        table.next = id.checked_add(1).expect("fewer than 2^32 distinct canonical names");
        table.by_str.insert(stored, Sym(id));
        Sym(id)
    }

    /// The stored string; `None` for [`Sym::SPAN`].
    pub fn stored(self) -> Option<&'static str> {
        if self == Sym::SPAN {
            return None;
        }
        let (chunk, offset) = place(self.0);
        STORE[chunk].get()?.get(offset)?.get().map(|s| &**s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_symbol_per_string_across_threads() {
        let a = Sym::intern("Jens Stoltenberg");
        let b = std::thread::spawn(|| Sym::intern("Jens Stoltenberg")).join().ok();
        assert_eq!(Some(a), b);
        assert_ne!(a, Sym::intern("OTAN"));
        assert_eq!(a.stored(), Some("Jens Stoltenberg"));
        assert_eq!(Sym::SPAN.stored(), None);
    }

    #[test]
    fn chunks_tile_the_symbols() {
        assert_eq!(place(1), (0, 0));
        assert_eq!(place(1024), (0, 1023));
        assert_eq!(place(1025), (1, 0));
        assert_eq!(place(1024 + 2048), (1, 2047));
        assert_eq!(place(1024 + 2048 + 1), (2, 0));
        assert_eq!(place(u32::MAX).0, CHUNKS - 1);
    }
}
