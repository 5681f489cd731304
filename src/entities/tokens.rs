//! Words with their byte ranges, shape and context, as the name rules see them.
//!
//! A word is a run of letters and digits, with inner hyphens ("États-Unis",
//! "a-t-il") and inner apostrophes ("aujourd'hui", "O'Brien") kept, except after a
//! French elision ("l'", "d’", "qu'"), where the word after the apostrophe starts
//! a new token, and before an English possessive ("NATO's"), which is left out.

use super::lexicon::class;

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Starts with a lowercase letter.
    Lower,
    /// Starts with an uppercase letter and has a lowercase one.
    Cap,
    /// Letters all uppercase (at least one letter).
    Upper,
    /// Starts with a digit or another character.
    Other,
}

/// What lies between a token and the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Spaces only (a name may continue across it).
    Space,
    /// An elision apostrophe ("l'OTAN"): the token follows a particle.
    Elision,
    /// A line break, punctuation or the start of the text.
    Break,
}

/// One word of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset past the last character.
    pub end: usize,
    /// Index of its line (see [`Tokens::line_shouts`]).
    pub line: u32,
    /// Where its folded key lies in [`Tokens::keys`].
    key_at: u32,
    key_len: u32,
    /// Its classes in the lexicon (bits of `lexicon::class`), in the record the rules
    /// read anyway rather than in a list of their own.
    classes: u32,
    /// How it is written.
    pub shape: Shape,
    /// What separates it from the previous token.
    pub gap: Gap,
    /// First word of a sentence, a line or a quotation.
    pub sentence_start: bool,
}

/// The words of a text and, per line, whether the line is in capitals or title case
/// (a headline), where only known names are looked for.
#[derive(Default)]
pub(crate) struct Tokens {
    /// The words, in order.
    pub list: Vec<Token>,
    /// Per line: true when the line is a shouted or title-cased headline.
    pub line_shouts: Vec<bool>,
    /// The folded forms (see `lexicon::fold_char`) of the words: the text with its
    /// ASCII lowercased in one pass, where every ASCII word (most of them) is its own
    /// key, and every other word folded over its own bytes (or, rarely, after the
    /// text): one pass over the text costs less than copying words one by one.
    keys: String,
    /// The words that are a month, a weekday or a geographic head noun: the only
    /// words two rules look for one by one, which need not go through every word.
    pub calendar_or_nature: Vec<u32>,
    /// The capitalised words (see [`Tokens::capitalised_at`]), where every name rule
    /// starts: about one word in five, so that the loops over candidates' first words
    /// need not test every word.
    pub capitalised: Vec<u32>,
}

/// The classes listed in [`Tokens::calendar_or_nature`].
const CALENDAR_OR_NATURE: u32 = class::MONTH | class::WEEKDAY | class::NATURE_HEAD;

impl Tokens {
    /// The folded form of word `i`: lowercase, without accents, ’ as '.
    #[inline]
    pub fn key(&self, i: usize) -> &str {
        let t = &self.list[i];
        let at = t.key_at as usize;
        &self.keys[at..at + t.key_len as usize]
    }

    /// The lexicon classes of word `i` (bits of `lexicon::class`).
    #[inline]
    pub fn flags_of(&self, i: usize) -> u32 {
        self.list[i].classes
    }

    /// Whether word `i` is in any of the lexicon classes `mask`.
    #[inline]
    pub fn is(&self, i: usize, mask: u32) -> bool {
        self.list[i].classes & mask != 0
    }

    /// Whether word `i` is capitalised: title case, or capitals of two letters or more.
    #[inline]
    pub fn capitalised_at(&self, i: usize) -> bool {
        is_capitalised(&self.list[i])
    }

    /// Whether the line of token `t` is a headline in capitals or title case.
    #[inline]
    pub fn shouting(&self, t: &Token) -> bool {
        self.line_shouts[t.line as usize]
    }
}

/// Whether a token is capitalised (see [`Tokens::capitalised_at`]).
#[inline]
fn is_capitalised(t: &Token) -> bool {
    t.shape == Shape::Cap || (t.shape == Shape::Upper && t.end - t.start > 1)
}

const ELISIONS: &[&str] =
    &["l", "d", "qu", "n", "s", "j", "m", "c", "t", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Latin-1 and Latin Extended-A letters, the bulk of French text, without a table
    // lookup (× and ÷ are the two symbols in that range).
    if ('\u{c0}'..='\u{17f}').contains(&c) {
        return c != '×' && c != '÷';
    }
    c.is_alphanumeric()
}

/// The words of `text`, in a new [`Tokens`].
#[cfg(test)]
pub(crate) fn tokenize(text: &str) -> Tokens {
    let mut tokens = Tokens::default();
    tokens.read(text);
    tokens
}

impl Tokens {
    /// Splits `text` into words, in place of what the lists held: a worker reads
    /// document after document into the same lists (see `workspace`), rather than
    /// allocating and freeing them for each.
    pub fn read(&mut self, text: &str) {
        let Tokens { list, line_shouts, keys: key_text, calendar_or_nature, capitalised } = self;
        list.clear();
        line_shouts.clear();
        calendar_or_nature.clear();
        capitalised.clear();
        list.reserve(text.len() / 6);
        line_shouts.reserve(text.len() / 64);
        let mut line = 0u32;
        let mut gap = Gap::Break;
        let mut sentence_start = true;
        let mut line_stats = LineStats::default();
        let bytes = text.as_bytes();
        // The text lowercased in one pass (vectorised), where every ASCII word is its own
        // key; the other words are folded over their own bytes (see `fold_in_place`).
        let mut keys = std::mem::take(key_text).into_bytes();
        keys.clear();
        keys.reserve(text.len() + 64);
        keys.extend_from_slice(bytes);
        keys.make_ascii_lowercase();
        // Sized for the usual densities (a calendar or nature word every few hundred bytes,
        // a capitalised word every few dozen), so that the lists are not grown per document.
        calendar_or_nature.reserve(text.len() / 128);
        capitalised.reserve(text.len() / 16);
        let lexicon = super::lexicon::Lexicon::get();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() && WORD_BYTE[usize::from(b)] == 0 {
                match b {
                    b'\n' => {
                        line_shouts.push(line_stats.shouts());
                        line_stats = LineStats::default();
                        line += 1;
                        gap = Gap::Break;
                        sentence_start = true;
                    }
                    b' ' | b'\t' | b'\r' => {}
                    b'.' | b'!' | b'?' | b':' | b';' => {
                        gap = Gap::Break;
                        if b != b';' {
                            sentence_start = true;
                        }
                    }
                    b'"' | b'(' | b'[' => {
                        gap = Gap::Break;
                        sentence_start = true;
                    }
                    _ => gap = Gap::Break,
                }
                i += 1;
                continue;
            }
            if !b.is_ascii() {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !is_word_char(c) {
                    if !c.is_whitespace() {
                        gap = Gap::Break;
                        if matches!(c, '«' | '“' | '…' | '•') {
                            sentence_start = true;
                        }
                    }
                    i += c.len_utf8();
                    continue;
                }
            }
            let (end, next, shape, ascii) = read_word(text, i);
            line_stats.add(shape, end - i);
            let (key_start, key_end) = if ascii { (i, end) } else { fold_in_place(text, i, end, &mut keys) };
            let classes = lexicon.classes(&keys[key_start..key_end]);
            let index = u32::try_from(list.len()).unwrap_or(u32::MAX);
            if classes & CALENDAR_OR_NATURE != 0 {
                calendar_or_nature.push(index);
            }
            list.push(Token {
                start: i,
                end,
                line,
                key_at: u32::try_from(key_start).unwrap_or(u32::MAX),
                key_len: u32::try_from(key_end - key_start).unwrap_or(0),
                classes,
                shape,
                gap,
                sentence_start,
            });
            if list.last().is_some_and(is_capitalised) {
                capitalised.push(index);
            }
            sentence_start = false;
            if next > end {
                // An elision: the next word follows an apostrophe.
                gap = Gap::Elision;
                i = next;
            } else {
                gap = Gap::Break;
                i = end;
                // Spaces keep the gap as Space until something else appears.
                let mut j = end;
                while j < bytes.len() {
                    let b = bytes[j];
                    if matches!(b, b' ' | b'\t' | b'\r') {
                        j += 1;
                        continue;
                    }
                    if b.is_ascii() {
                        break;
                    }
                    let c = text[j..].chars().next().unwrap_or('x');
                    if !c.is_whitespace() {
                        break;
                    }
                    j += c.len_utf8();
                }
                if j > end {
                    gap = Gap::Space;
                    i = j;
                }
            }
        }
        line_shouts.push(line_stats.shouts());
        // Every byte is from `text`, a folded character, or a space.
        *key_text =
            String::from_utf8(keys).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
}

/// `char::is_lowercase`, answered without a table for Latin-1 letters ("é", "ç"),
/// the non-ASCII letters of most words.
fn is_lowercase_letter(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{de}' => false,
        '\u{df}'..='\u{ff}' => c != '÷',
        _ => c.is_lowercase(),
    }
}

/// Whether a word character starts at `pos`.
fn word_char_at(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[pos..].chars().next().is_some_and(is_word_char),
        None => false,
    }
}

/// Folds the word `text[start..end]` (not all ASCII) into `keys`, over its own bytes
/// there, and returns where its key lies. Folding never lengthens a Latin letter
/// ("É" → "e", "’" → "'"), so the key fits, and the bytes left over are made
/// spaces; a character that folds longer (a few rare letters) puts the key after
/// the text instead.
fn fold_in_place(text: &str, start: usize, end: usize, keys: &mut Vec<u8>) -> (usize, usize) {
    let word = &text[start..end];
    let bytes = text.as_bytes();
    let (mut r, mut w) = (start, start);
    while r < end {
        // ASCII bytes are lowercased in `keys` already, and the key never runs ahead
        // of the text (`w <= r`): they only move back over what accents freed.
        if bytes[r].is_ascii() {
            keys[w] = keys[r];
            r += 1;
            w += 1;
            continue;
        }
        let c = text[r..].chars().next().unwrap_or(' ');
        let f = super::lexicon::fold_char(c);
        let n = f.len_utf8();
        if n > c.len_utf8() {
            keys[start..end].fill(b' ');
            let at = keys.len();
            let mut buf = [0u8; 4];
            for c in word.chars() {
                keys.extend_from_slice(super::lexicon::fold_char(c).encode_utf8(&mut buf).as_bytes());
            }
            return (at, keys.len());
        }
        f.encode_utf8(&mut keys[w..w + n]);
        w += n;
        r += c.len_utf8();
    }
    keys[w..end].fill(b' ');
    (start, w)
}

/// Per byte: [`LOWER`] for an ASCII lowercase letter, [`OTHER_ALNUM`] for another
/// ASCII letter or digit, 0 for any other byte: one load per byte of a word tells
/// whether the word goes on and whether it has a lowercase letter.
const WORD_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_lowercase() {
            table[b] = LOWER;
        } else if byte.is_ascii_alphanumeric() {
            table[b] = OTHER_ALNUM;
        }
        b += 1;
    }
    table
};
const LOWER: u8 = 2;
const OTHER_ALNUM: u8 = 1;

/// The end of the run of ASCII letters and digits from `from`, and the [`WORD_BYTE`]
/// classes seen in it. Kept out of the tokenizer's loop, whose many live values
/// left this one, the commonest, no registers: every byte went through the stack.
///
/// Eight bytes at a time, classified by bit arithmetic with no branch per byte: a
/// loop that stops on the first byte outside the run mispredicts its exit once a
/// word, as word lengths vary, which cost more cycles than the arithmetic (more
/// instructions than the byte loop, but no guess to take back).
#[inline(never)]
fn ascii_run(bytes: &[u8], from: usize) -> (usize, u8) {
    let mut seen = 0;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let (alnum, lower) = classify8(word);
        let stop = !alnum & HIGH;
        // The bytes before the first one outside the run (all eight when none is).
        let inside = if stop == 0 { u64::MAX } else { (stop & stop.wrapping_neg()) - 1 };
        seen |=
            (u8::from(lower & inside != 0) * LOWER) | (u8::from(alnum & !lower & inside != 0) * OTHER_ALNUM);
        if stop != 0 {
            return (at + (stop.trailing_zeros() / 8) as usize, seen);
        }
        at += 8;
    }
    for &b in &bytes[at..] {
        let class = WORD_BYTE[usize::from(b)];
        if class == 0 {
            break;
        }
        seen |= class;
        at += 1;
    }
    (at, seen)
}

const ONES: u64 = u64::from_le_bytes([1; 8]);
const HIGH: u64 = ONES * 0x80;

/// Per byte of `word`, the top bit set where it is an ASCII letter or digit (first)
/// and where it is an ASCII lowercase letter (second); the other bits clear.
fn classify8(word: u64) -> (u64, u64) {
    // Bytes below 0x80, so that the sums below never carry into the next byte.
    let low = word & !HIGH;
    let ascii = !word & HIGH;
    // The top bit where a byte is at least `n`.
    let at_least = |n: u8| (low + ONES * u64::from(0x80 - n)) & HIGH;
    let lower = at_least(b'a') & !at_least(b'z' + 1);
    let upper = at_least(b'A') & !at_least(b'Z' + 1);
    let digit = at_least(b'0') & !at_least(b'9' + 1);
    ((lower | upper | digit) & ascii, lower & ascii)
}

/// Reads the word starting at `start` (a word character): returns its end, where the
/// next token starts (past the apostrophe of an elision, else the end), its shape,
/// and whether it is all ASCII (then its key is the word lowercased).
fn read_word(text: &str, start: usize) -> (usize, usize, Shape, bool) {
    let bytes = text.as_bytes();
    let first = bytes[start];
    if first.is_ascii() {
        // Most words: ASCII letters up to a space or punctuation, read in one run.
        let (end, seen) = ascii_run(bytes, start);
        if bytes.get(end).is_none_or(|&b| b.is_ascii() && b != b'-' && b != b'\'') {
            let shape = if first.is_ascii_lowercase() {
                Shape::Lower
            } else if first.is_ascii_digit() {
                Shape::Other
            } else if seen & LOWER != 0 {
                Shape::Cap
            } else {
                Shape::Upper
            };
            return (end, end, shape, true);
        }
    }
    read_other_word(text, start)
}

/// [`read_word`] for a word with a hyphen, an apostrophe or a non-ASCII letter.
fn read_other_word(text: &str, start: usize) -> (usize, usize, Shape, bool) {
    let bytes = text.as_bytes();
    let mut j = start;
    let mut has_lower = false;
    let mut ascii = true;
    let mut next = None;
    let mut seen = 0u8;
    while j < bytes.len() {
        let (run_end, run_seen) = ascii_run(bytes, j);
        seen |= run_seen;
        j = run_end;
        let Some(&b) = bytes.get(j) else { break };
        let c = if b.is_ascii() { char::from(b) } else { text[j..].chars().next().unwrap_or(' ') };
        if !c.is_ascii() && is_word_char(c) {
            has_lower |= is_lowercase_letter(c);
            ascii = false;
            j += c.len_utf8();
            continue;
        }
        let after = j + c.len_utf8();
        if !(c == '-' || is_apostrophe(c)) || !word_char_at(text, after) {
            break;
        }
        if is_apostrophe(c) {
            let prefix = &text[start..j];
            if ELISIONS.iter().any(|e| prefix.eq_ignore_ascii_case(e)) {
                next = Some(after);
                break;
            }
            // English possessive: "NATO's" stops before the apostrophe.
            if matches!(bytes[after], b's' | b'S') && !word_char_at(text, after + 1) {
                break;
            }
        }
        ascii &= c.is_ascii();
        j = after;
    }
    let first = match bytes[start] {
        b if b.is_ascii() => char::from(b),
        _ => text[start..].chars().next().unwrap_or(' '),
    };
    has_lower |= seen & LOWER != 0;
    let shape = if first.is_lowercase() {
        Shape::Lower
    } else if !first.is_uppercase() {
        Shape::Other
    } else if has_lower {
        Shape::Cap
    } else {
        Shape::Upper
    };
    (j, next.unwrap_or(j), shape, ascii)
}

/// Counts of word shapes on one line, to tell headlines from sentences.
#[derive(Default)]
struct LineStats {
    upper: u32,
    cap: u32,
    lower: u32,
}

impl LineStats {
    /// Counts a word of `len` bytes.
    fn add(&mut self, shape: Shape, len: usize) {
        match shape {
            Shape::Upper if len > 1 => self.upper += 1,
            Shape::Cap => self.cap += 1,
            // Short lowercase words ("of", "de") stay lowercase in title case.
            Shape::Lower if len > 3 => self.lower += 1,
            _ => {}
        }
    }

    /// A line in capitals (most words upper) or title case (no long lowercase word).
    fn shouts(&self) -> bool {
        let words = self.upper + self.cap + self.lower;
        (words >= 3 && self.upper * 4 >= words * 3) || (words >= 4 && self.lower == 0 && self.cap >= 3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of a word, read on its own.
    fn shape_of(word: &str) -> Shape {
        let mut chars = word.chars();
        let first = chars.next().unwrap_or(' ');
        if first.is_lowercase() {
            return Shape::Lower;
        }
        if !first.is_uppercase() {
            return Shape::Other;
        }
        if word.chars().any(char::is_lowercase) { Shape::Cap } else { Shape::Upper }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).list.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn keys_are_the_words_folded() {
        let text = "OTAN Otan 2024 B52 l'OTAN NATO's États-Unis Kyiv-based d’Ukraine aujourd’hui Khersonsous é Ⱥrc Zed";
        let t = tokenize(text);
        for (i, tok) in t.list.iter().enumerate() {
            let folded: String =
                text[tok.start..tok.end].chars().map(super::super::lexicon::fold_char).collect();
            assert_eq!(t.key(i), folded, "word {i}");
            assert_eq!(tok.shape, shape_of(&text[tok.start..tok.end]), "word {i}");
        }
        assert_eq!(t.key(5), "otan");
        assert_eq!(t.key(12), "aujourd'hui");
        // "Ⱥ" folds to a longer "ⱥ": its key is written after the text, and the next
        // word's key is still its own.
        assert_eq!(t.key(15), "ⱥrc");
        assert_eq!(t.key(16), "zed");
    }

    #[test]
    fn ascii_runs_end_where_the_byte_table_says() {
        // Every byte value at every place of a run read from every start, on both
        // sides of the eight-byte reads and of the end of the slice.
        let byte_loop = |bytes: &[u8], from: usize| {
            let mut end = from;
            let mut seen = 0;
            while let Some(&b) = bytes.get(end).filter(|&&b| WORD_BYTE[usize::from(b)] != 0) {
                seen |= WORD_BYTE[usize::from(b)];
                end += 1;
            }
            (end, seen)
        };
        for b in 0..=255u8 {
            for at in 0..18 {
                let mut bytes = *b"xY9aZ0bcdefghijkLMN";
                bytes[at] = b;
                for from in 0..bytes.len() {
                    assert_eq!(
                        ascii_run(&bytes, from),
                        byte_loop(&bytes, from),
                        "byte {b} at {at} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn elision_starts_a_new_word_after_either_apostrophe() {
        assert_eq!(words("l'OTAN et d’Ukraine"), ["l", "OTAN", "et", "d", "Ukraine"]);
        let t = tokenize("l’OTAN");
        assert_eq!(t.list[1].gap, Gap::Elision);
    }

    #[test]
    fn inner_hyphens_and_apostrophes_stay_inside() {
        assert_eq!(words("États-Unis aujourd'hui O'Brien"), ["États-Unis", "aujourd'hui", "O'Brien"]);
    }

    #[test]
    fn possessive_is_left_out() {
        assert_eq!(words("NATO's chief"), ["NATO", "s", "chief"]);
    }

    #[test]
    fn headlines_in_capitals_or_title_case_are_flagged() {
        let t = tokenize(
            "LE CHEF DE L'OTAN SE DIT CONFIANT\nLe chef de l'Otan a parlé.\nRussia Has Lost Momentum Now",
        );
        assert_eq!(t.line_shouts, [true, false, true]);
    }

    #[test]
    fn sentence_starts_follow_periods_and_lines() {
        let t = tokenize("Il part. Elle reste\nNous");
        let starts: Vec<bool> = t.list.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, true]);
    }
}
