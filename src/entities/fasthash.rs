//! A small, fast hasher for short string keys (words, names): the recognizer looks up
//! every word of every document, where std's DoS-resistant SipHash costs more than
//! the rest of the lookup. Keys come from our own lists, never from an attacker-chosen
//! table size, so a simple multiplicative hash is enough.

use std::borrow::Borrow;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// Multiply-rotate hashing over 8-byte words (the scheme of rustc's FxHasher).
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        // The last bytes as a little-endian integer, built byte by byte: copying a
        // few bytes into a buffer calls `memcpy`, which costs more for words this short.
        let tail = chunks.remainder().iter().rev().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        self.add(tail);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u128(&mut self, i: u128) {
        #[allow(clippy::cast_possible_truncation)] // the two halves, on purpose
        {
            self.add(i as u64);
            self.add((i >> 64) as u64);
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The last multiply leaves the low bits poorly mixed, and the table indexes by
        // them: fold the high half down.
        let h = self.0;
        (h ^ (h >> 32)).wrapping_mul(SEED) ^ (h >> 29)
    }
}

/// `HashMap`/`HashSet` state using [`FastHasher`].
pub(crate) type FastState = BuildHasherDefault<FastHasher>;
/// A map with [`FastHasher`].
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastState>;

/// A string of at most [`InlineStr::CAPACITY`] bytes held in the table's own slot:
/// looking one up compares three words there instead of a string elsewhere on the
/// heap, which is a cache miss of its own once a table holds some thousands of
/// strings (first names, interned values).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct InlineStr([u8; 24]);

impl InlineStr {
    /// The longest string held inline; the last byte holds the length.
    pub const CAPACITY: usize = 23;

    /// `s` inline, or `None` when it is longer than [`InlineStr::CAPACITY`].
    #[inline]
    pub fn new(s: &str) -> Option<InlineStr> {
        if s.len() > InlineStr::CAPACITY {
            return None;
        }
        let mut bytes = [0u8; 24];
        for (d, &b) in bytes.iter_mut().zip(s.as_bytes()) {
            *d = b;
        }
        bytes[InlineStr::CAPACITY] = u8::try_from(s.len()).ok()?;
        Some(InlineStr(bytes))
    }
}

impl Hash for InlineStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for word in self.0.chunks_exact(8) {
            state.write_u64(u64::from_le_bytes([
                word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
            ]));
        }
    }
}

/// A map from strings, the short ones (nearly all) held inline (see [`InlineStr`]);
/// `L` is how the long ones are held (an owned `String`, or a `&'static str`
/// already stored elsewhere).
pub(crate) struct StrMap<L, V> {
    short: FastMap<InlineStr, V>,
    long: FastMap<L, V>,
}

impl<L, V> Default for StrMap<L, V> {
    fn default() -> Self {
        StrMap { short: FastMap::default(), long: FastMap::default() }
    }
}

impl<L: Borrow<str> + Hash + Eq, V> StrMap<L, V> {
    pub fn get(&self, s: &str) -> Option<&V> {
        match InlineStr::new(s) {
            Some(key) => self.short.get(&key),
            None => self.long.get(s),
        }
    }

    pub fn insert(&mut self, s: L, value: V) {
        match InlineStr::new(s.borrow()) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(s, value),
        };
    }
}

/// A set of strings (see [`StrMap`]).
pub(crate) type StrSet = StrMap<String, ()>;

impl StrSet {
    pub fn contains(&self, s: &str) -> bool {
        self.get(s).is_some()
    }
}

impl FromIterator<String> for StrSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = StrSet::default();
        for s in iter {
            set.insert(s, ());
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_hold_short_and_long_strings_alike() {
        let long = "x".repeat(InlineStr::CAPACITY + 1);
        let fit = "y".repeat(InlineStr::CAPACITY);
        let set: StrSet = ["Jens", "", long.as_str(), fit.as_str()].into_iter().map(String::from).collect();
        for s in ["Jens", "", long.as_str(), fit.as_str()] {
            assert!(set.contains(s), "{s:?}");
        }
        // Not a prefix, an extension or the same bytes with another length.
        for s in ["Jen", "Jensx", "\0", &long[1..], &fit[1..]] {
            assert!(!set.contains(s), "{s:?}");
        }
    }
}
