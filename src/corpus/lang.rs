//! Telling French from English by a stop-word vote: cheap, and right on news
//! prose, where these words make up a large share of every sentence.

use super::swar;

/// Words frequent in French and absent from English prose, in alphabetical order.
const FRENCH: &[&str] = &[
    "après", "au", "aux", "avec", "ce", "cette", "dans", "des", "du", "elle", "est", "et", "il", "ils", "la",
    "le", "les", "leur", "mais", "nous", "ont", "par", "pas", "plus", "pour", "que", "qui", "selon", "ses",
    "son", "sont", "sur", "une", "vous", "été", "être",
];

/// Words frequent in English and absent from French prose, in alphabetical order.
const ENGLISH: &[&str] = &[
    "after", "an", "and", "are", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "is",
    "it", "its", "not", "of", "said", "that", "the", "their", "they", "this", "to", "was", "were", "which",
    "who", "will", "with", "would",
];

/// Both lists as one open-addressing hash table of word keys (built at compile
/// time): a word is looked up with one multiply and a compare or two, without
/// allocating, as this runs on every word of every article.
const TABLE_BITS: u32 = 7;
const TABLE: [(u64, Lang); 1 << TABLE_BITS] = table();

/// Which list a word is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    None,
    Fr,
    En,
}

const fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - TABLE_BITS)) as usize
}

const fn table() -> [(u64, Lang); 1 << TABLE_BITS] {
    let mut out = [(0, Lang::None); 1 << TABLE_BITS];
    let lists = [(FRENCH, Lang::Fr), (ENGLISH, Lang::En)];
    let mut l = 0;
    while l < lists.len() {
        let (words, lang) = lists[l];
        let mut i = 0;
        while i < words.len() {
            let k = key(words[i].as_bytes());
            let mut at = slot(k);
            while out[at].0 != 0 {
                at = (at + 1) % out.len();
            }
            out[at] = (k, lang);
            i += 1;
        }
        l += 1;
    }
    out
}

/// The list `key` is on (empty slots have key 0, which no word has).
fn lookup(key: u64) -> Lang {
    let mut at = slot(key);
    loop {
        match TABLE[at] {
            (0, _) => return Lang::None,
            (k, lang) if k == key => return lang,
            _ => at = (at + 1) % TABLE.len(),
        }
    }
}

/// The key of a word of at most 8 bytes (a letter is never a zero byte, so
/// distinct words have distinct keys).
const fn key(word: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < word.len() {
        k = (k << 8) | word[i] as u64;
        i += 1;
    }
    k
}

/// Votes needed before a language is named at all.
const MIN_VOTES: usize = 3;

/// Words voted on, at most: the start of an article tells its language. News
/// prose has a stop word in about every third word, so 300 words give about a
/// hundred votes, and the vote costs the same for a long article as for a short one.
const MAX_WORDS: usize = 300;

/// The word being read: its length in the text and its lowercase key.
#[derive(Default)]
struct Word {
    /// Bytes in the text.
    len: usize,
    /// Bytes of its lowercase form.
    lower_len: usize,
    /// The lowercase form's [`key`], while it fits.
    key: u64,
}

impl Word {
    fn push_byte(&mut self, b: u8) {
        self.key = (self.key << 8) | u64::from(b);
        self.lower_len += 1;
    }

    /// Adds ASCII letters; the key is only kept while it fits.
    fn push_ascii(&mut self, letters: &[u8]) {
        self.len += letters.len();
        if self.lower_len + letters.len() <= 8 {
            for b in letters {
                self.push_byte(b.to_ascii_lowercase());
            }
        } else {
            self.lower_len += letters.len();
        }
    }

    /// Adds a non-ASCII letter, lowercase.
    fn push_char(&mut self, c: char) {
        self.len += c.len_utf8();
        // Latin-1 capitals are their small letter minus 0x20 (× is not a letter).
        let latin1 = match c {
            'À'..='Þ' => char::from_u32(u32::from(c) + 0x20),
            'ß'..='ÿ' => Some(c),
            _ => None,
        };
        match latin1 {
            Some(lower) => lower.encode_utf8(&mut [0; 4]).bytes().for_each(|b| self.push_byte(b)),
            None => {
                for lower in c.to_lowercase() {
                    lower.encode_utf8(&mut [0; 4]).bytes().for_each(|b| self.push_byte(b));
                }
            }
        }
    }

    /// Its vote. Only words of at most 6 bytes vote.
    fn vote(&self) -> Lang {
        if self.len > 6 || self.lower_len > 8 { Lang::None } else { lookup(self.key) }
    }
}

/// How many ASCII letters `bytes` starts with, eight at a time.
fn letter_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(x) = swar::load(bytes, n) {
        if let Some(end) = swar::first(!swar::letters(x) & swar::HIGH) {
            return n + end;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|b| b.is_ascii_alphabetic()).count()
}

/// `char::is_alphabetic`, with a fast path for Latin-1 letters (French text).
fn is_alphabetic(c: char) -> bool {
    matches!(c, '\u{c0}'..='\u{ff}') && c != '×' && c != '÷' || c.is_alphabetic()
}

/// `fr`, `en` or `und` for `text`: words are runs of alphabetic characters,
/// compared lowercase; read in one pass without allocating, as it runs on every
/// article of a corpus.
#[must_use]
pub fn detect(text: &str) -> &'static str {
    let (mut fr, mut en, mut words) = (0usize, 0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while words < MAX_WORDS {
        // Between words: ASCII that is not a letter, most of it spaces and punctuation.
        while bytes.get(i).is_some_and(|b| b.is_ascii() && !b.is_ascii_alphabetic()) {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let mut word = Word::default();
        loop {
            // A run of ASCII letters, taken whole.
            let run = letter_run(&bytes[i..]);
            word.push_ascii(&bytes[i..i + run]);
            i += run;
            if bytes.get(i).is_none_or(u8::is_ascii) {
                break;
            }
            // `i` is on a character boundary: only whole characters are stepped over.
            let Some(c) = text[i..].chars().next() else { break };
            i += c.len_utf8();
            if !is_alphabetic(c) {
                break;
            }
            word.push_char(c);
        }
        if word.len > 0 {
            match word.vote() {
                Lang::Fr => fr += 1,
                Lang::En => en += 1,
                Lang::None => {}
            }
            words += 1;
        }
    }
    if fr >= MIN_VOTES && fr > 2 * en {
        "fr"
    } else if en >= MIN_VOTES && en > 2 * fr {
        "en"
    } else {
        "und"
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy;

    use super::detect;

    /// The rule written plainly (split, lowercase, look up): the one-pass
    /// version must vote exactly like it.
    fn reference(text: &str) -> &'static str {
        let (mut fr, mut en) = (0usize, 0usize);
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(super::MAX_WORDS)
        {
            if word.len() > 6 {
                continue;
            }
            let lower = word.to_lowercase();
            fr += usize::from(super::FRENCH.contains(&lower.as_str()));
            en += usize::from(super::ENGLISH.contains(&lower.as_str()));
        }
        if fr >= super::MIN_VOTES && fr > 2 * en {
            "fr"
        } else if en >= super::MIN_VOTES && en > 2 * fr {
            "en"
        } else {
            "und"
        }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_votes_like_the_plain_rule(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(super::FRENCH.to_vec()).prop_map(str::to_string),
                    proptest::sample::select(super::ENGLISH.to_vec()).prop_map(str::to_uppercase),
                    "\\PC{0,8}",
                ],
                0..40,
            ),
            seps in proptest::collection::vec(proptest::sample::select(vec![" ", "’", "-", "\u{a0}", "1", "é"]), 40),
        ) {
            let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [w.as_str(), *s]).collect();
            proptest::prop_assert_eq!(detect(&text), reference(&text));
        }
    }

    #[test]
    fn every_listed_word_is_found_and_latin1_letters_are_letters() {
        for w in super::FRENCH {
            assert_eq!(super::lookup(super::key(w.as_bytes())), super::Lang::Fr, "{w}");
        }
        for w in super::ENGLISH {
            assert_eq!(super::lookup(super::key(w.as_bytes())), super::Lang::En, "{w}");
        }
        assert_eq!(super::lookup(super::key(b"xyz")), super::Lang::None);
        for c in '\u{80}'..='\u{2ff}' {
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
        // Every Latin-1 letter votes as its lowercase form does.
        for c in ('\u{c0}'..='\u{ff}').filter(|c| c.is_alphabetic()) {
            let text = format!("{c}t {c}t {c}t");
            assert_eq!(detect(&text), reference(&text), "{c:?}");
            let text = format!("{}", c.to_uppercase()).repeat(3);
            assert_eq!(detect(&text), reference(&text), "{c:?}");
        }
        assert_eq!(detect("ÉTÉ ÉTÉ ÊTRE APRÈS"), "fr");
    }

    #[test]
    fn only_the_first_words_vote() {
        let text = format!("{} the the the the", "le la ".repeat(super::MAX_WORDS));
        assert_eq!(detect(&text), reference(&text));
        let text = format!("{} le la les des", "xx ".repeat(super::MAX_WORDS - 2));
        assert_eq!(detect(&text), "und");
        assert_eq!(detect(&text), reference(&text));
    }

    #[test]
    fn french_english_and_undetermined() {
        assert_eq!(detect("Le ministre a dit que les troupes sont dans la ville."), "fr");
        assert_eq!(detect("The minister said that the troops were in the city."), "en");
        assert_eq!(detect("Kyiv 2023"), "und");
        assert_eq!(detect(""), "und");
    }

    #[test]
    fn capitals_and_accents_vote_like_lowercase() {
        assert_eq!(detect("LE MINISTRE A DIT QUE LES TROUPES SONT DANS LA VILLE."), "fr");
        assert_eq!(detect("Été après être: Été, Après, Être, été."), "fr");
        assert_eq!(detect("THE Minister SAID That the troops were in the city."), "en");
    }

    #[test]
    fn elided_articles_still_vote() {
        assert_eq!(detect("L’OTAN et l’Ukraine ont signé un accord dans la nuit."), "fr");
    }
}
