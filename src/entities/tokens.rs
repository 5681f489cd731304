//! Words with their byte ranges, shape and context, as the name rules see them.
//!
//! A word is a run of letters and digits, with inner hyphens ("États-Unis",
//! "a-t-il") and inner apostrophes ("aujourd'hui", "O'Brien") kept, except after a
//! French elision ("l'", "d’", "qu'"), where the word after the apostrophe starts
//! a new token, and before an English possessive ("NATO's"), which is left out.

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
    /// How it is written.
    pub shape: Shape,
    /// What separates it from the previous token.
    pub gap: Gap,
    /// First word of a sentence, a line or a quotation.
    pub sentence_start: bool,
    /// Index of its line (see [`Tokens::line_shouts`]).
    pub line: u32,
}

/// The words of a text and, per line, whether the line is in capitals or title case
/// (a headline), where only known names are looked for.
pub(crate) struct Tokens {
    /// The words, in order.
    pub list: Vec<Token>,
    /// Per line: true when the line is a shouted or title-cased headline.
    pub line_shouts: Vec<bool>,
    /// The folded form of every word (see `lexicon::fold_char`), end to end.
    keys: String,
    /// Per word, the end of its key in `keys` (the start is the previous end).
    key_ends: Vec<u32>,
    /// Per word, its classes in the lexicon (bits of `lexicon::class`).
    flags: Vec<u32>,
}

impl Tokens {
    /// The folded form of word `i`: lowercase, without accents, ’ as '.
    #[inline]
    pub fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.key_ends[i - 1] as usize };
        &self.keys[start..self.key_ends[i] as usize]
    }

    /// The lexicon classes of word `i` (bits of `lexicon::class`).
    #[inline]
    pub fn flags_of(&self, i: usize) -> u32 {
        self.flags[i]
    }

    /// Whether word `i` is in any of the lexicon classes `mask`.
    #[inline]
    pub fn is(&self, i: usize, mask: u32) -> bool {
        self.flags[i] & mask != 0
    }

    /// Whether the line of token `t` is a headline in capitals or title case.
    #[inline]
    pub fn shouting(&self, t: &Token) -> bool {
        self.line_shouts[t.line as usize]
    }
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

/// Splits `text` into words.
pub(crate) fn tokenize(text: &str) -> Tokens {
    let mut list = Vec::with_capacity(text.len() / 6);
    let mut line_shouts = Vec::with_capacity(text.len() / 64);
    let mut line = 0u32;
    let mut gap = Gap::Break;
    let mut sentence_start = true;
    let mut line_stats = LineStats::default();
    let bytes = text.as_bytes();
    // Bytes, pushed one at a time (a copy and a lowercasing pass per word cost more),
    // made a `String` at the end: every byte comes from `text` or `fold_char`.
    let mut keys: Vec<u8> = Vec::with_capacity(text.len());
    let mut key_ends = Vec::with_capacity(text.len() / 6);
    let mut flags = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
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
        let key_start = keys.len();
        let (end, next, shape) = read_word(text, i, &mut keys);
        line_stats.add(shape, end - i);
        list.push(Token { start: i, end, shape, gap, sentence_start, line });
        key_ends.push(u32::try_from(keys.len()).unwrap_or(u32::MAX));
        flags.push(super::lexicon::classes_of_bytes(&keys[key_start..]));
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
                if matches!(bytes[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                    continue;
                }
                let c = if bytes[j].is_ascii() { 'x' } else { text[j..].chars().next().unwrap_or('x') };
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
    let keys = String::from_utf8(keys).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Tokens { list, line_shouts, keys, key_ends, flags }
}

/// Whether a word character starts at `pos`.
fn word_char_at(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[pos..].chars().next().is_some_and(is_word_char),
        None => false,
    }
}

/// Per byte, its key byte when it is an ASCII letter or digit (lowercased), else 0:
/// one load per byte of every word instead of range tests and a lowercasing.
const ASCII_KEY: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Reads the word starting at `start` (a word character) in one pass: appends its
/// folded key (see `lexicon::fold_char`) to `keys` and returns its end, where the
/// next token starts (past the apostrophe of an elision, else the end) and its shape.
/// ASCII letters and digits, most of the text, are lowercased and pushed byte by byte.
fn read_word(text: &str, start: usize, keys: &mut Vec<u8>) -> (usize, usize, Shape) {
    let bytes = text.as_bytes();
    let mut j = start;
    let mut has_lower = false;
    let mut next = None;
    while j < bytes.len() {
        let b = bytes[j];
        let key_byte = ASCII_KEY[usize::from(b)];
        if key_byte != 0 {
            // Among ASCII letters and digits, the lowercase letters are the bytes from 'a'.
            has_lower |= b >= b'a';
            keys.push(key_byte);
            j += 1;
            continue;
        }
        let c = if b.is_ascii() { char::from(b) } else { text[j..].chars().next().unwrap_or(' ') };
        if !c.is_ascii() && is_word_char(c) {
            has_lower |= c.is_lowercase();
            push_folded(keys, c);
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
        push_folded(keys, c);
        j = after;
    }
    let first = match bytes[start] {
        b if b.is_ascii() => char::from(b),
        _ => text[start..].chars().next().unwrap_or(' '),
    };
    let shape = if first.is_lowercase() {
        Shape::Lower
    } else if !first.is_uppercase() {
        Shape::Other
    } else if has_lower {
        Shape::Cap
    } else {
        Shape::Upper
    };
    (j, next.unwrap_or(j), shape)
}

/// Appends `c` folded (see `lexicon::fold_char`) to `keys` as UTF-8.
fn push_folded(keys: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    keys.extend_from_slice(super::lexicon::fold_char(c).encode_utf8(&mut buf).as_bytes());
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
        let text =
            "OTAN Otan 2024 B52 l'OTAN NATO's États-Unis Kyiv-based d’Ukraine aujourd’hui Khersonsous é";
        let t = tokenize(text);
        for (i, tok) in t.list.iter().enumerate() {
            let folded: String =
                text[tok.start..tok.end].chars().map(super::super::lexicon::fold_char).collect();
            assert_eq!(t.key(i), folded, "word {i}");
            assert_eq!(tok.shape, shape_of(&text[tok.start..tok.end]), "word {i}");
        }
        assert_eq!(t.key(5), "otan");
        assert_eq!(t.key(12), "aujourd'hui");
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
