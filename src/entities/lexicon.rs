//! Closed word lists the rules consult: function words, cues, calendar names,
//! currencies and multipliers. The lists live in `data/lexicon.tsv`; lookups take a
//! folded key (see [`fold_key`]) so that "Président", "PRÉSIDENT" and "president" are
//! one word.

use std::sync::OnceLock;

/// Folds `word` into `buf` (lowercase, Latin accents removed, ’ as ') and returns the
/// key, or `None` when the word is longer than the buffer: no closed-list word is.
pub(crate) fn fold_key<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    if word.is_ascii() {
        // Most words: lowercased byte by byte, rather than a character at a time (and
        // without a copy first, which calls `memcpy` for these few bytes).
        let key = buf.get_mut(..word.len())?;
        for (k, b) in key.iter_mut().zip(word.bytes()) {
            *k = b.to_ascii_lowercase();
        }
        return std::str::from_utf8(key).ok();
    }
    let mut n = 0;
    for c in word.chars() {
        let f = fold_char(c);
        let len = f.len_utf8();
        if n + len > buf.len() {
            return None;
        }
        f.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// Appends `word` folded (as [`fold_char`] on every character) to `out`, copying
/// ASCII runs whole and lowercasing them in place: most words are ASCII, and a
/// character-by-character push costs several times more per byte.
pub(crate) fn fold_into(word: &str, out: &mut String) {
    let mut rest = word;
    while !rest.is_empty() {
        let n = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..n]);
        out[start..].make_ascii_lowercase();
        rest = &rest[n..];
        if let Some(c) = rest.chars().next() {
            out.push(fold_char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// One character folded: lowercase, without its Latin accent; ’ becomes '.
#[inline]
pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => 'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ÿ' | 'Ÿ' => 'y',
        '’' | 'ʼ' | '‘' => '\'',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The word classes of `data/lexicon.tsv`, as bits of a word's flags.
pub(crate) mod class {
    /// See `data/lexicon.tsv`, class `stopword`.
    pub const STOPWORD: u32 = 1 << 0;
    /// See `data/lexicon.tsv`, class `glue`.
    pub const GLUE: u32 = 1 << 1;
    /// See `data/lexicon.tsv`, class `honorific`.
    pub const HONORIFIC: u32 = 1 << 2;
    /// See `data/lexicon.tsv`, class `title`.
    pub const TITLE: u32 = 1 << 3;
    /// See `data/lexicon.tsv`, class `reporting`.
    pub const REPORTING: u32 = 1 << 4;
    /// See `data/lexicon.tsv`, class `auxiliary`.
    pub const AUXILIARY: u32 = 1 << 5;
    /// See `data/lexicon.tsv`, class `particle`.
    pub const PARTICLE: u32 = 1 << 6;
    /// See `data/lexicon.tsv`, class `org_cue`.
    pub const ORG_CUE: u32 = 1 << 7;
    /// See `data/lexicon.tsv`, class `misc_head`.
    pub const MISC_HEAD: u32 = 1 << 8;
    /// See `data/lexicon.tsv`, class `misc_tail`.
    pub const MISC_TAIL: u32 = 1 << 9;
    /// See `data/lexicon.tsv`, class `nature_head`.
    pub const NATURE_HEAD: u32 = 1 << 10;
    /// See `data/lexicon.tsv`, class `place_head`.
    pub const PLACE_HEAD: u32 = 1 << 11;
    /// See `data/lexicon.tsv`, class `language`.
    pub const LANGUAGE: u32 = 1 << 12;
    /// See `data/lexicon.tsv`, class `org_head`.
    pub const ORG_HEAD: u32 = 1 << 13;
    /// See `data/lexicon.tsv`, class `org_tail`.
    pub const ORG_TAIL: u32 = 1 << 14;
    /// See `data/lexicon.tsv`, class `place_cue`.
    pub const PLACE_CUE: u32 = 1 << 15;
    /// See `data/lexicon.tsv`, class `place_noun`.
    pub const PLACE_NOUN: u32 = 1 << 16;
    /// See `data/lexicon.tsv`, class `misc_cue`.
    pub const MISC_CUE: u32 = 1 << 17;
    /// See `data/lexicon.tsv`, class `generic_acronym`.
    pub const GENERIC_ACRONYM: u32 = 1 << 18;
    /// See `data/lexicon.tsv`, class `weekday`.
    pub const WEEKDAY: u32 = 1 << 19;
    /// See `data/lexicon.tsv`, class `unit`.
    pub const UNIT: u32 = 1 << 20;
    /// See `data/lexicon.tsv`, class `month`.
    pub const MONTH: u32 = 1 << 21;
}

const LISTS: &str = include_str!("data/lexicon.tsv");

/// Every listed word with the classes it belongs to, built once, and a filter that
/// turns most other words away before the table is probed.
struct Table {
    /// Open addressing from [`slot`], probing on: words packed into integers (all are
    /// at most 16 bytes, see [`pack`]); a zero key is an empty slot. A lookup is one
    /// multiply and, mostly, one comparison. The keys apart from the classes, and
    /// twice as many slots as words, so that the table is 32 KiB, not 96: a lookup
    /// that runs once a word waits on a cache miss more than on its instructions.
    keys: Vec<(u64, u64)>,
    /// The classes of the word in each slot of [`Table::keys`].
    slot_classes: Vec<u32>,
    /// One bit per (length, first byte, last byte) bucket that some listed word falls
    /// in (see [`bucket`]): most words of a text are not listed, and one bit test in a
    /// table that stays in the L1 cache is far cheaper than packing and probing,
    /// which runs once per word of every document.
    buckets: [u64; BUCKETS / 64],
    /// The classes of every word of one to three ASCII lowercase letters, by
    /// [`short_index`], as an index in [`Table::palette`]: the commonest words of a
    /// text are that short ("de", "la", "the", "les"), and most are listed, so that
    /// the filter lets them through to packing and probing; one load answers for
    /// them instead, in a table of 18 KiB rather than 72.
    short: Vec<u8>,
    /// The distinct sets of classes of the short words, 0 first.
    palette: Vec<u32>,
}

/// The lexicon for a pass over many words: the table fetched once rather than at
/// every lookup.
#[derive(Clone, Copy)]
pub(crate) struct Lexicon(&'static Table);

impl Lexicon {
    pub fn get() -> Self {
        Lexicon(table())
    }

    /// [`classes`] of a folded word given as bytes.
    #[inline]
    pub fn classes(self, b: &[u8]) -> u32 {
        match short_index(b) {
            Some(i) => self.0.palette[usize::from(self.0.short[i])],
            None => probe(self.0, b),
        }
    }
}

/// Entries of [`Table::short`]: the words of one, two and three letters.
const SHORT_WORDS: usize = 1 + 26 + 26 * 26 + 26 * 26 * 26;

/// The index of a word of one to three ASCII lowercase letters in [`Table::short`]
/// (its letters as digits 1 to 26 in base 26, so that lengths do not collide).
fn short_index(b: &[u8]) -> Option<usize> {
    if b.len() > 3 {
        return None;
    }
    let mut index = 0;
    for &x in b {
        let digit = x.wrapping_sub(b'a');
        if digit >= 26 {
            return None;
        }
        index = index * 26 + usize::from(digit) + 1;
    }
    Some(index)
}

/// Filter bits; four times the number of listed words (about a thousand), so that
/// few unlisted words get through.
const BUCKETS: usize = 4096;

/// Slots of [`Table::keys`]: twice the number of listed words, so that probes are
/// short.
const SLOTS: usize = 2048;

/// The filter bucket of a non-empty word: its length, first and last byte mixed.
fn bucket(b: &[u8]) -> usize {
    let (first, last) = (usize::from(b[0]), usize::from(b[b.len() - 1]));
    ((b.len() * 0x9e5) ^ (first * 0x2b) ^ (last * 0x1f1)) % BUCKETS
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table {
            keys: vec![(0, 0); SLOTS],
            slot_classes: vec![0; SLOTS],
            buckets: [0; BUCKETS / 64],
            short: vec![0; SHORT_WORDS],
            palette: vec![0],
        };
        let mut short = vec![0u32; SHORT_WORDS];
        for line in LISTS.lines().filter(|l| !l.starts_with('#')) {
            let Some((name, words)) = line.split_once('\t') else { continue };
            let Some(bit) = class_bit(name) else { continue };
            // A longer word could never be looked up: the file keeps to 16 bytes.
            for word in words.split_whitespace().map(str::as_bytes).filter(|w| packable(w)) {
                if let Some(i) = short_index(word) {
                    short[i] |= bit;
                }
                let packed = pack(word);
                let k = bucket(word);
                table.buckets[k / 64] |= 1 << (k % 64);
                let mut s = slot(packed);
                while table.keys[s] != (0, 0) && table.keys[s] != packed {
                    s = (s + 1) % SLOTS;
                }
                table.keys[s] = packed;
                table.slot_classes[s] |= bit;
            }
        }
        for (i, &bits) in short.iter().enumerate().filter(|&(_, &bits)| bits != 0) {
            let at = table.palette.iter().position(|&p| p == bits).unwrap_or_else(|| {
                table.palette.push(bits);
                table.palette.len() - 1
            });
            table.short[i] = u8::try_from(at).expect("fewer than 256 sets of classes among short words");
        }
        table
    })
}

/// Whether a word can be packed by [`pack`]: 1 to 16 bytes.
fn packable(b: &[u8]) -> bool {
    !b.is_empty() && b.len() <= 16
}

/// A word of 1 to 16 bytes as two integers (its bytes, then zeros; never (0, 0)).
fn pack(b: &[u8]) -> (u64, u64) {
    let (lo, hi) = b.split_at(b.len().min(8));
    (pack_word(lo), pack_word(hi))
}

/// Up to eight bytes as one little-endian integer, read in one or two loads rather
/// than copied (a copy into a buffer calls `memcpy`, which costs more for words this
/// short) or folded in byte by byte: from four bytes on, the first four and the last
/// four, which overlap on the same places with the same bytes.
fn pack_word(s: &[u8]) -> u64 {
    let n = s.len();
    if n == 8 {
        return <[u8; 8]>::try_from(s).map_or(0, u64::from_le_bytes);
    }
    if n >= 4 {
        let load = |at: usize| s.get(at..at + 4).and_then(|w| <[u8; 4]>::try_from(w).ok());
        let (first, last) =
            (load(0).map_or(0, u32::from_le_bytes), load(n - 4).map_or(0, u32::from_le_bytes));
        return u64::from(first) | (u64::from(last) << (8 * (n - 4)));
    }
    s.iter().rev().fold(0u64, |acc, &x| (acc << 8) | u64::from(x))
}

/// The first slot to probe for a packed word: its bits mixed by multiplication, the
/// top ones kept (the filter's [`bucket`] clusters too much to place words).
fn slot(packed: (u64, u64)) -> usize {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let h = (packed.0 ^ packed.1.wrapping_mul(K).rotate_left(31)).wrapping_mul(K);
    usize::try_from(h >> (64 - SLOTS.trailing_zeros())).unwrap_or(0)
}

fn class_bit(name: &str) -> Option<u32> {
    Some(match name {
        "stopword" => class::STOPWORD,
        "glue" => class::GLUE,
        "honorific" => class::HONORIFIC,
        "title" => class::TITLE,
        "reporting" => class::REPORTING,
        "auxiliary" => class::AUXILIARY,
        "particle" => class::PARTICLE,
        "org_cue" => class::ORG_CUE,
        "misc_head" => class::MISC_HEAD,
        "misc_tail" => class::MISC_TAIL,
        "nature_head" => class::NATURE_HEAD,
        "place_head" => class::PLACE_HEAD,
        "language" => class::LANGUAGE,
        "org_head" => class::ORG_HEAD,
        "org_tail" => class::ORG_TAIL,
        "place_cue" => class::PLACE_CUE,
        "place_noun" => class::PLACE_NOUN,
        "misc_cue" => class::MISC_CUE,
        "generic_acronym" => class::GENERIC_ACRONYM,
        "weekday" => class::WEEKDAY,
        "unit" => class::UNIT,
        "month" => class::MONTH,
        _ => return None,
    })
}

/// The classes (bits of [`class`]) of a folded word; 0 for a word in no list.
pub(crate) fn classes(key: &str) -> u32 {
    Lexicon::get().classes(key.as_bytes())
}

/// The classes of a folded word, from the filter and the open-addressing table.
fn probe(table: &Table, b: &[u8]) -> u32 {
    if !packable(b) {
        return 0;
    }
    let k = bucket(b);
    if table.buckets[k / 64] & (1 << (k % 64)) == 0 {
        return 0;
    }
    let packed = pack(b);
    let mut s = slot(packed);
    loop {
        let key = table.keys[s];
        if key == packed {
            return table.slot_classes[s];
        }
        if key == (0, 0) {
            return 0;
        }
        s = (s + 1) % SLOTS;
    }
}

/// French and English function words and other words that never start a name when capitalised at a sentence start ("Le", "Cependant", "The").
pub(crate) fn is_stopword(key: &str) -> bool {
    classes(key) & class::STOPWORD != 0
}

/// Lowercase words that may be glued to a name by a broken scrape ("Khersonsous"): the name still counts when the rest of the glued word is one of these.
pub(crate) fn is_glue_word(key: &str) -> bool {
    classes(key) & class::GLUE != 0
}

/// Language names, which follow "in" without being places ("written in Arabic").
pub(crate) fn is_language(key: &str) -> bool {
    classes(key) & class::LANGUAGE != 0
}

/// Head words that make a capitalised sequence they start an organisation ("Banque de France").
pub(crate) fn is_org_head(key: &str) -> bool {
    classes(key) & class::ORG_HEAD != 0
}

/// Weekday names in French and English.
pub(crate) fn is_weekday(key: &str) -> bool {
    classes(key) & class::WEEKDAY != 0
}

/// Units written after a numeral ("km", "%", "MW").
pub(crate) fn is_unit(key: &str) -> bool {
    classes(key) & class::UNIT != 0
}

/// Demonyms and nationality adjectives by their endings ("Européens", "Russian",
/// "Sénégalais"): never a name on their own.
pub(crate) fn looks_like_demonym(key: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ien", "ienne", "iens", "iennes", "ais", "aise", "aises", "ois", "oise", "oises", "ain", "aine",
        "ains", "aines", "ian", "ians", "ese", "ish", "ean", "eans",
    ];
    key.len() > 4 && ENDINGS.iter().any(|e| key.ends_with(e))
}

/// The month number of a French or English month name or abbreviation.
pub(crate) fn month(key: &str) -> Option<u8> {
    Some(match key {
        "janvier" | "january" | "jan" | "janv" => 1,
        "fevrier" | "february" | "feb" | "fev" | "fevr" => 2,
        "mars" | "march" | "mar" => 3,
        "avril" | "april" | "apr" | "avr" => 4,
        "mai" | "may" => 5,
        "juin" | "june" | "jun" => 6,
        "juillet" | "july" | "jul" | "juil" => 7,
        "aout" | "august" | "aug" => 8,
        "septembre" | "september" | "sep" | "sept" => 9,
        "octobre" | "october" | "oct" => 10,
        "novembre" | "november" | "nov" => 11,
        "decembre" | "december" | "dec" => 12,
        _ => return None,
    })
}

/// Whether a month key is a full name (abbreviations need a day or a year beside them).
pub(crate) fn is_full_month(key: &str) -> bool {
    key.len() > 4 || matches!(key, "mars" | "mai" | "juin" | "aout" | "may" | "june" | "july")
}

/// The ISO code of a currency word or symbol.
pub(crate) fn currency(key: &str) -> Option<&'static str> {
    Some(match key {
        "dollars" | "dollar" | "$" | "usd" | "us$" => "USD",
        "euros" | "euro" | "€" | "eur" => "EUR",
        "livres" | "livre" | "£" | "gbp" | "pounds" | "pound" | "sterling" => "GBP",
        "roubles" | "rouble" | "rubles" | "ruble" | "rub" => "RUB",
        "hryvnias" | "hryvnia" | "hryvnas" | "uah" => "UAH",
        "yuans" | "yuan" | "renminbi" | "cny" => "CNY",
        "yens" | "yen" | "¥" | "jpy" => "JPY",
        "francs" | "franc" | "chf" => "CHF",
        _ => return None,
    })
}

/// The factor of a multiplier word ("milliards", "bn", "million").
pub(crate) fn multiplier(key: &str) -> Option<u64> {
    Some(match key {
        "mille" | "thousand" | "k" => 1_000,
        "million" | "millions" | "m" | "mn" | "mio" => 1_000_000,
        "milliard" | "milliards" | "billion" | "billions" | "bn" | "md" | "mds" | "mrd" => 1_000_000_000,
        "trillion" | "trillions" | "tn" => 1_000_000_000_000,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_pack_as_their_bytes_one_by_one() {
        let word = b"abcdefghijklmnop\xc3\xa9";
        for len in 1..=16 {
            let b = &word[word.len() - len..];
            let one_by_one =
                |s: &[u8]| s.iter().enumerate().fold(0u64, |acc, (k, &x)| acc | u64::from(x) << (8 * k));
            let (lo, hi) = b.split_at(len.min(8));
            assert_eq!(pack(b), (one_by_one(lo), one_by_one(hi)), "{len} bytes");
        }
    }

    /// Every word of `data/lexicon.tsv` that fits the table, with the union of its classes.
    fn listed() -> std::collections::HashMap<&'static str, u32> {
        let mut words = std::collections::HashMap::new();
        for line in LISTS.lines().filter(|l| !l.starts_with('#')) {
            let Some((name, list)) = line.split_once('\t') else { continue };
            let Some(bit) = class_bit(name) else { continue };
            for w in list.split_whitespace().filter(|w| packable(w.as_bytes())) {
                *words.entry(w).or_insert(0) |= bit;
            }
        }
        words
    }

    #[test]
    fn every_listed_word_has_all_its_classes() {
        let words = listed();
        assert!(words.len() > 500, "the lists were read");
        for (w, bits) in &words {
            assert_eq!(classes(w), *bits, "{w}");
        }
    }

    #[test]
    fn short_words_have_the_classes_the_table_gives() {
        let letters = b'a'..=b'z';
        let mut words: Vec<Vec<u8>> = letters.clone().map(|a| vec![a]).collect();
        for a in letters.clone() {
            for b in letters.clone() {
                words.push(vec![a, b]);
                words.extend(letters.clone().map(|c| vec![a, b, c]));
            }
        }
        assert_eq!(words.len() + 1, SHORT_WORDS);
        let listed = words.iter().filter(|w| Lexicon::get().classes(w) != 0).count();
        assert!(listed > 50, "short listed words: {listed}");
        for w in &words {
            assert_eq!(Lexicon::get().classes(w), probe(table(), w), "{}", String::from_utf8_lossy(w));
        }
    }

    #[test]
    fn near_misses_of_listed_words_have_only_their_own_classes() {
        // Words that share a filter bucket or a probe chain with listed ones: one byte
        // more, one less, or the first byte changed.
        let words = listed();
        for w in words.keys().filter(|w| w.is_ascii()) {
            let near = [format!("{w}x"), w[..w.len() - 1].to_string(), format!("q{}", &w[1..])];
            for n in &near {
                assert_eq!(classes(n), words.get(n.as_str()).copied().unwrap_or(0), "{n}");
            }
        }
    }
}
