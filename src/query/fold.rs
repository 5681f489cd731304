//! Folding text for matching: accents stripped (é→e), ligatures expanded
//! (œ→oe), typographic apostrophes and quotes made plain (’→'), optionally
//! lowercased; with a map back to the original bytes so that highlights land on
//! what the user reads.

/// The folded form of one character: up to three chars (ß→ss, œ→oe).
fn fold_char(c: char, lower: bool) -> Folded3 {
    let c = if lower && !c.is_ascii() {
        // Multi-char lowercase forms (İ) are rare: keep the first, it is the letter.
        c.to_lowercase().next().unwrap_or(c)
    } else if lower {
        c.to_ascii_lowercase()
    } else {
        c
    };
    if c.is_ascii() {
        return Folded3::one(c);
    }
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => 'C',
        'ď' | 'đ' => 'd',
        'Ď' | 'Đ' => 'D',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => 'G',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => 'I',
        'ł' | 'ĺ' | 'ļ' | 'ľ' => 'l',
        'Ł' | 'Ĺ' | 'Ļ' | 'Ľ' => 'L',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => 'O',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'Ŕ' | 'Ŗ' | 'Ř' => 'R',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => 'S',
        'ţ' | 'ť' | 'ț' => 't',
        'Ţ' | 'Ť' | 'Ț' => 'T',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' | 'Ÿ' => 'Y',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
        'œ' => return Folded3::two('o', 'e'),
        'Œ' => return Folded3::two(if lower { 'o' } else { 'O' }, 'e'),
        'æ' => return Folded3::two('a', 'e'),
        'Æ' => return Folded3::two(if lower { 'a' } else { 'A' }, 'e'),
        'ß' => return Folded3::two('s', 's'),
        _ => c,
    };
    Folded3::one(base)
}

/// Up to three chars, without allocating.
#[derive(Clone, Copy)]
struct Folded3 {
    chars: [char; 2],
    len: u8,
}

impl Folded3 {
    fn one(c: char) -> Self {
        Folded3 { chars: [c, '\0'], len: 1 }
    }

    fn two(a: char, b: char) -> Self {
        Folded3 { chars: [a, b], len: 2 }
    }

    fn iter(self) -> impl Iterator<Item = char> {
        self.chars.into_iter().take(usize::from(self.len))
    }
}

/// `s` folded (accents, ligatures, quotes), lowercased when `lower`.
#[must_use]
pub fn fold(s: &str, lower: bool) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.push_str(s);
        if lower {
            out.make_ascii_lowercase();
        }
        return out;
    }
    for c in s.chars() {
        out.extend(fold_char(c, lower).iter());
    }
    out
}

/// A folded text with, for each of its bytes, the offset of the original
/// character it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldMap {
    /// The folded text.
    pub text: String,
    origin: Vec<u32>,
    original_len: usize,
}

impl FoldMap {
    /// Folds `s`, remembering where each folded byte came from.
    #[must_use]
    pub fn new(s: &str, lower: bool) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut origin = Vec::with_capacity(s.len());
        for (at, c) in s.char_indices() {
            let at = u32::try_from(at).unwrap_or(u32::MAX);
            for f in fold_char(c, lower).iter() {
                text.push(f);
                origin.extend(std::iter::repeat_n(at, f.len_utf8()));
            }
        }
        FoldMap { text, origin, original_len: s.len() }
    }

    /// The original byte range covering folded bytes `start..end`: from the
    /// start of the first original char to the end of the last one.
    #[must_use]
    pub fn original(&self, original: &str, start: usize, end: usize) -> std::ops::Range<usize> {
        if start >= end || start >= self.origin.len() {
            return self.original_len..self.original_len;
        }
        let s = self.origin[start] as usize;
        let last = self.origin[end.min(self.origin.len()) - 1] as usize;
        let e = last + original[last..].chars().next().map_or(0, char::len_utf8);
        s..e
    }
}

/// Whether `s` holds an uppercase letter: smart case turns case-sensitive then.
#[must_use]
pub fn has_upper(s: &str) -> bool {
    s.chars().any(char::is_uppercase)
}

/// Calls `f(start, end)` for each word of folded, lowercased `s`: runs of
/// alphanumeric characters (apostrophes and hyphens split words, as "l'OTAN"
/// is "l" and "otan" to a reader searching for "otan").
pub fn for_each_word(s: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
                continue;
            }
        } else {
            let folded = fold_char(c, true);
            if folded.iter().all(char::is_alphanumeric) {
                word.extend(folded.iter());
                continue;
            }
        }
        if !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// Byte ranges of the words of a folded text (same rule as [`for_each_word`]).
pub fn word_ranges(folded: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut iter = folded.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = iter.peek() {
            if c.is_alphanumeric() {
                break;
            }
            iter.next();
        }
        let (start, _) = *iter.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = iter.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            iter.next();
        }
        Some(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_ligatures_quotes() {
        assert_eq!(fold("Élodie œuvre l’été à Kraków", true), "elodie oeuvre l'ete a krakow");
        assert_eq!(fold("Choïgou Œuvre", false), "Choigou Oeuvre");
        assert_eq!(fold("straße", true), "strasse");
    }

    #[test]
    fn map_goes_back_to_original_bytes() {
        let s = "Le cœur d’Élodie";
        let m = FoldMap::new(s, true);
        assert_eq!(m.text, "le coeur d'elodie");
        let at = m.text.find("oeur").unwrap();
        assert_eq!(&s[m.original(s, at, at + 4)], "œur");
        // Half of a ligature still highlights the whole original character.
        assert_eq!(&s[m.original(s, at, at + 1)], "œ");
        let at = m.text.find("elo").unwrap();
        assert_eq!(&s[m.original(s, at, at + 3)], "Élo");
    }

    #[test]
    fn words_split_on_apostrophes_and_hyphens() {
        let mut words = Vec::new();
        for_each_word("L’OTAN, cessez-le-feu à Kherson 2022!", |w| words.push(w.to_string()));
        assert_eq!(words, ["l", "otan", "cessez", "le", "feu", "a", "kherson", "2022"]);
        let folded = fold("L’OTAN, cessez-le-feu", true);
        let ranges: Vec<&str> = word_ranges(&folded).map(|r| &folded[r]).collect();
        assert_eq!(ranges, ["l", "otan", "cessez", "le", "feu"]);
    }

    #[test]
    fn smart_case_sees_capitals() {
        assert!(has_upper("Kherson"));
        assert!(!has_upper("kherson 2022"));
    }
}
