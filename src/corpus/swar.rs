//! Eight bytes at a time in a `u64` (SWAR): the per-byte scans that run over
//! every article (word counts, the language vote, binary detection) test a
//! whole word of ASCII at once, with a flag in the high bit of each byte.

/// The high bit of every byte.
pub const HIGH: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The eight bytes at `at` (little-endian: byte `at` is the lowest), if there are eight.
pub fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Flags the bytes of `x` equal to `b`. Exact: no borrow crosses bytes.
fn equal(x: u64, b: u8) -> u64 {
    let t = x ^ (ONES * u64::from(b));
    !(((t & LOW7) + LOW7) | t) & HIGH
}

/// Flags the bytes of `x` below `b` (at most 0x80); a byte of 0x80 or more is never below.
fn below(x: u64, b: u8) -> u64 {
    // Adding 0x80 - b to a 7-bit value sets its high bit exactly when it is >= b.
    !((x & LOW7) + ONES * (0x80 - u64::from(b))) & !x & HIGH
}

/// Flags the ASCII whitespace bytes of `x` (tab, line feed, vertical tab, form
/// feed, carriage return, space): what `char::is_whitespace` says of ASCII.
pub fn spaces(x: u64) -> u64 {
    equal(x, b' ') | (below(x, 14) & !below(x, 9))
}

/// Whether no byte of `x` can be part of a non-ASCII space: none is the lead
/// byte of one (U+0085 and U+00A0 start with 0xc2; U+1680 with 0xe1; U+2000–
/// U+205F with 0xe2; U+3000 with 0xe3), and the first is not a continuation
/// byte (whose lead came before `x`). Then [`spaces`] flags every space of
/// `x`, and its other non-ASCII bytes belong to characters that are not.
pub fn no_unicode_space(x: u64) -> bool {
    let leads = equal(x, 0xc2) | equal(x, 0xe1) | equal(x, 0xe2) | equal(x, 0xe3);
    leads == 0 && x as u8 & 0xc0 != 0x80
}

/// Flags the ASCII letters of `x`.
pub fn letters(x: u64) -> u64 {
    // Capitals and small letters differ by 0x20 only.
    let folded = x | (ONES * 0x20);
    below(folded, b'z' + 1) & !below(folded, b'a') & !x & HIGH
}

/// Flags the control bytes of `x` other than tab, line feed, form feed and
/// carriage return, and DEL.
pub fn controls(x: u64) -> u64 {
    let low = below(x, 0x20);
    // Most words of text have no byte below a space (not even a line feed).
    if low == 0 {
        return equal(x, 0x7f);
    }
    let allowed = equal(x, b'\t') | equal(x, b'\n') | equal(x, 0x0c) | equal(x, b'\r');
    (low & !allowed) | equal(x, 0x7f)
}

/// How many flags are set.
pub fn count(flags: u64) -> usize {
    flags.count_ones() as usize
}

/// The number of bytes before the first flagged one, when one is.
pub fn first(flags: u64) -> Option<usize> {
    (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value in every position agrees with the byte-wise test.
    #[test]
    fn flags_match_the_byte_tests() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = *b"ab \x7f\t\xc3Z9";
                bytes[pos] = b;
                let x = u64::from_le_bytes(bytes);
                for (i, &c) in bytes.iter().enumerate() {
                    let flag = |f: u64| f >> (i * 8 + 7) & 1 == 1;
                    assert_eq!(flag(spaces(x)), c.is_ascii() && (c as char).is_whitespace(), "{c:#x}");
                    assert_eq!(flag(letters(x)), c.is_ascii_alphabetic(), "{c:#x}");
                    let control = (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c)) || c == 0x7f;
                    assert_eq!(flag(controls(x)), control, "{c:#x}");
                }
            }
        }
    }

    #[test]
    fn unicode_spaces_are_seen_by_their_lead_or_first_byte() {
        let eight = |s: &str| load(s.as_bytes(), 0).unwrap();
        assert!(no_unicode_space(eight("été à xy")));
        for s in ["a\u{a0}bcdef", "ab\u{2009}cde", "\u{3000}abcde", "abcd\u{1680}e", "abcdef\u{85}"] {
            assert!(!no_unicode_space(eight(s)), "{s:?}");
        }
        // The tail of a character whose lead byte came before.
        assert!(!no_unicode_space(u64::from_le_bytes(*b"\xa0abcdefg")));
    }

    #[test]
    fn first_and_count() {
        let x = load(b"ab cd ef", 0).unwrap();
        assert_eq!(first(spaces(x)), Some(2));
        assert_eq!(count(spaces(x)), 2);
        assert_eq!(first(letters(0x2020_2020_2020_2020)), None);
        assert_eq!(load(b"short", 0), None);
        assert_eq!(load(b"0123456789", 2), Some(u64::from_le_bytes(*b"23456789")));
    }
}
