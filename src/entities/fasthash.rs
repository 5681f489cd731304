//! A small, fast hasher for short string keys (words, names): the recognizer looks up
//! every word of every document, where std's DoS-resistant SipHash costs more than
//! the rest of the lookup. Keys come from our own lists, never from an attacker-chosen
//! table size, so a simple multiplicative hash is enough.

use std::hash::{BuildHasherDefault, Hasher};

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
/// A set with [`FastHasher`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, FastState>;
