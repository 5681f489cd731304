//! A ceiling on nucleo's fuzzy score, cheap enough to run before it.
//!
//! Most titles that reach nucleo for a five-letter term start a word with
//! its first two letters and scatter the rest (`brest` against a title with
//! `br…` and a later `e`, `s`, `t`): three in four score under the minimum,
//! and at a million documents those 27k calls cost `brest`'s fifth key about
//! 35 ms of its 60 on a busy host (measured by skipping them). nucleo fills a matrix of
//! every pattern char against every field char; the ceiling follows the same
//! recurrence over only the places where each pattern char occurs (a handful
//! per title), so it costs a fraction of the call.
//!
//! It is nucleo's optimal-alignment recurrence (`fuzzy_optimal.rs` in
//! nucleo-matcher 0.3.1, default config: no prefix bonus, `/,:;|` as
//! delimiters, whitespace before the field), with one change that can only
//! raise it: where nucleo keeps, of a consecutive match and a match after a
//! gap, the one with the higher score and that one's run bonus, the ceiling
//! keeps the higher score and the higher run bonus. Every step is monotone
//! in both, so the ceiling is never below nucleo's score; a field whose
//! ceiling is under the minimum cannot match and is not scored. Tests check
//! it against nucleo on random fields and on generated titles.

/// nucleo's score for a matched char.
const SCORE_MATCH: u16 = 16;
const PENALTY_GAP_START: u16 = 3;
const BONUS_BOUNDARY: u8 = 8;
const BONUS_BOUNDARY_WHITE: u8 = 10;
const BONUS_BOUNDARY_DELIMITER: u8 = 9;
const BONUS_CAMEL123: u8 = 5;
const BONUS_CONSECUTIVE: u8 = 4;
/// The most a pattern char can add to a score: a match with the largest bonus.
const MOST_PER_CHAR: u16 = SCORE_MATCH + BONUS_BOUNDARY_WHITE as u16;

/// Fields longer than this (bytes: a bit each) get no ceiling (`u16::MAX`):
/// nearly all titles from where a match can start are shorter.
const MAX_FIELD: usize = 128;
/// Patterns longer than this get no ceiling.
const MAX_PATTERN: usize = 16;
/// Occurrences of one pattern char that the ceiling follows.
const MAX_CELLS: usize = 32;

/// nucleo's char classes for ASCII bytes, in its order (word classes last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Whitespace,
    NonWord,
    Delimiter,
    Lower,
    Upper,
    Number,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Number,
        b if b.is_ascii_whitespace() => Class::Whitespace,
        b'/' | b',' | b':' | b';' | b'|' => Class::Delimiter,
        _ => Class::NonWord,
    }
}

/// nucleo's bonus for a char of class `class` after one of class `prev`.
fn bonus_for(prev: Class, class: Class) -> u8 {
    if class > Class::Delimiter {
        match prev {
            Class::Whitespace => return BONUS_BOUNDARY_WHITE,
            Class::Delimiter => return BONUS_BOUNDARY_DELIMITER,
            Class::NonWord => return BONUS_BOUNDARY,
            _ => {}
        }
    }
    if (prev == Class::Lower && class == Class::Upper) || (prev != Class::Number && class == Class::Number) {
        BONUS_CAMEL123
    } else if class == Class::Whitespace {
        BONUS_BOUNDARY_WHITE
    } else if class == Class::NonWord {
        BONUS_BOUNDARY
    } else {
        0
    }
}

/// The bonus of the char at `at` of `field` (the field starts after whitespace).
fn bonus_at(field: &[u8], at: usize) -> u8 {
    let prev = at.checked_sub(1).map_or(Class::Whitespace, |p| class(field[p]));
    bonus_for(prev, class(field[at]))
}

/// A match of a pattern char at a place: its score so far and its run bonus.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    at: u16,
    score: u16,
    run_bonus: u8,
}

/// At least nucleo's case-insensitive score of `pattern` in `field` (0 when
/// the pattern is not a subsequence). Once the score is known to stay under
/// `goal`, it stops with a value under `goal` (still at least nucleo's
/// score). Both ASCII, `pattern` lowercase; `u16::MAX` (no ceiling) for an
/// empty pattern, one longer than [`MAX_PATTERN`], a field longer than
/// [`MAX_FIELD`] or a pattern char with more than [`MAX_CELLS`] places.
#[must_use]
fn ceiling(field: &[u8], pattern: &[u8], goal: u16) -> u16 {
    if field.len() > MAX_FIELD || pattern.len() > MAX_PATTERN || pattern.is_empty() {
        return u16::MAX;
    }
    // Per ASCII byte, the pattern chars it is (either case); then, per
    // pattern char, its places in the field as bits, in one pass.
    let mut chars_of = [0u16; 128];
    for (k, &c) in pattern.iter().enumerate() {
        let Some(of) = chars_of.get_mut(usize::from(c)) else { return u16::MAX };
        *of |= 1 << k;
        if c.is_ascii_lowercase() {
            chars_of[usize::from(c.to_ascii_uppercase())] |= 1 << k;
        }
    }
    let mut places = [0u128; MAX_PATTERN];
    for (j, &b) in field.iter().enumerate() {
        let mut of = chars_of.get(usize::from(b)).copied().unwrap_or(0);
        while of != 0 {
            places[of.trailing_zeros() as usize] |= 1 << j;
            of &= of - 1;
        }
    }
    let bits = |mut m: u128| {
        std::iter::from_fn(move || {
            let j = m.trailing_zeros() as usize;
            m &= m.wrapping_sub(1);
            (j < 128).then_some(j)
        })
    };
    let mut rows = [[Cell::default(); MAX_CELLS]; 2];
    let mut lens = [0usize; 2];
    // The first char: its bonus doubled.
    for i in bits(places[0]) {
        if lens[0] == MAX_CELLS {
            return u16::MAX;
        }
        let bonus = bonus_at(field, i);
        rows[0][lens[0]] =
            Cell { at: to_u16(i), score: SCORE_MATCH + 2 * u16::from(bonus), run_bonus: bonus };
        lens[0] += 1;
    }
    for (k, &row_places) in places.iter().enumerate().take(pattern.len()).skip(1) {
        let (prev, next) = if k % 2 == 1 { (0, 1) } else { (1, 0) };
        let [a, b] = &mut rows;
        let (before, row) = if prev == 0 { (&*a, b) } else { (&*b, a) };
        let before = &before[..lens[prev]];
        let Some(first) = before.first() else { return 0 };
        let after_first = u128::MAX.checked_shl(u32::from(first.at) + 1).unwrap_or(0);
        let mut len = 0;
        let mut taken = 0;
        // The best `score + at` of the cells before the gap in front of `j`.
        let mut best: Option<u32> = None;
        let mut top = 0u16;
        for j in bits(row_places & after_first) {
            while taken < before.len() && usize::from(before[taken].at) + 2 <= j {
                let cell = before[taken];
                let v = u32::from(cell.score) + u32::from(cell.at);
                best = Some(best.map_or(v, |b| b.max(v)));
                taken += 1;
            }
            // After a gap: the best earlier cell (at `j - 2` or before), less
            // 3 for the gap's first char and 1 for each other (nucleo's
            // saturating `p` score): `score + at - (j - 2) - 3`.
            let gap = best.map_or(0, |v| {
                let lost = u32::try_from(j - 2).unwrap_or(u32::MAX) + u32::from(PENALTY_GAP_START);
                u16::try_from(v.saturating_sub(lost)).unwrap_or(u16::MAX)
            });
            let bonus = bonus_at(field, j);
            let adjacent = before.get(taken).filter(|cell| usize::from(cell.at) + 1 == j);
            let (score, run_bonus) = match adjacent {
                None => (gap + u16::from(bonus), bonus),
                Some(m) => {
                    let mut run = m.run_bonus.max(BONUS_CONSECUTIVE);
                    if bonus >= BONUS_BOUNDARY && bonus > run {
                        run = bonus;
                    }
                    let consecutive = m.score + u16::from(run.max(bonus));
                    (consecutive.max(gap + u16::from(bonus)), run.max(bonus))
                }
            };
            if len == MAX_CELLS {
                return u16::MAX;
            }
            let score = score + SCORE_MATCH;
            top = top.max(score);
            row[len] = Cell { at: to_u16(j), score, run_bonus };
            len += 1;
        }
        if len == 0 {
            return 0;
        }
        lens[next] = len;
        // Each char left adds at most `MOST_PER_CHAR`.
        let left = u16::try_from(pattern.len() - 1 - k).unwrap_or(u16::MAX);
        let most = top.saturating_add(left.saturating_mul(MOST_PER_CHAR));
        if most < goal {
            return most;
        }
    }
    let last = (pattern.len() - 1) % 2;
    rows[last][..lens[last]].iter().map(|c| c.score).max().unwrap_or(0)
}

/// Whether nucleo's case-insensitive score of `pattern` in `field` is
/// certainly under `min` (see [`ceiling`] for what both must be).
#[must_use]
pub fn rules_out(field: &[u8], pattern: &[u8], min: i64) -> bool {
    let goal = u16::try_from(min.clamp(0, i64::from(u16::MAX))).unwrap_or(u16::MAX);
    i64::from(ceiling(field, pattern, goal)) < min
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::matcher::Matchers;
    use proptest::prelude::*;

    fn nucleo(field: &str, pattern: &str) -> Option<i64> {
        Matchers::default().score(field, pattern, false, None)
    }

    fn check(field: &str, pattern: &str) -> (u16, Option<i64>) {
        let c = ceiling(field.as_bytes(), pattern.as_bytes(), 0);
        let n = nucleo(field, pattern);
        assert!(n.is_none_or(|n| i64::from(c) >= n), "{pattern:?} in {field:?}: ceiling {c}, nucleo {n:?}");
        (c, n)
    }

    #[test]
    fn equals_nucleo_on_plain_cases() {
        for (field, pattern) in [
            ("brest port", "brest"),
            ("le port de brest", "brest"),
            ("bruits de rue est tendu", "brest"),
            ("br/est: 12 ports", "brest"),
            ("abc", "abcd"),
            ("x1y2z3 brestbrest", "brest"),
        ] {
            let (c, n) = check(field, pattern);
            assert_eq!(i64::from(c), n.unwrap_or(0), "{pattern:?} in {field:?}");
        }
    }

    #[test]
    fn stops_under_the_goal_once_it_cannot_reach_it() {
        let field = b"bruits dans la rue du centre, ils sont tres fatigues";
        let full = ceiling(field, b"brest", 0);
        let early = ceiling(field, b"brest", 115);
        assert!(full < 115 && early < 115 && early >= full, "{full} {early}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Over nucleo's char classes (letters, capitals, digits, spaces,
        /// delimiters, other punctuation), the ceiling is never under
        /// nucleo's score, and is 0 where nucleo finds no match.
        #[test]
        fn never_under_nucleo(field in "[abcrestAB1 /:'.-]{0,140}", pattern in "[abcrest1 /'.-]{1,18}") {
            let (c, n) = check(&field, &pattern);
            let bounded = field.len() <= MAX_FIELD && pattern.len() <= MAX_PATTERN;
            if bounded {
                prop_assert_eq!(c == 0, n.is_none(), "a match exactly where nucleo finds one");
            } else {
                prop_assert_eq!(c, u16::MAX, "no ceiling past the limits");
            }
        }
    }

    #[test]
    fn never_under_nucleo_on_generated_titles() {
        let docs = crate::synth::documents(4, 3000);
        let titles: Vec<String> = docs.iter().map(|d| crate::query::fold(d.title(), true)).collect();
        let patterns = ["brest", "sommet", "invest", "gazoduc", "kerbrat", "ministre", "port", "europ"];
        let (mut equal, mut matched) = (0, 0);
        for t in titles.iter().filter(|t| t.is_ascii()) {
            for p in patterns {
                let (c, n) = check(t, p);
                if let Some(n) = n {
                    matched += 1;
                    equal += usize::from(i64::from(c) == n);
                }
            }
        }
        assert!(matched > 1000 && equal * 100 >= matched * 99, "{equal} equal of {matched}");
    }
}
