//! DATE, MONEY and QUANTITY: numerals with what follows them, and calendar words.
//!
//! A numeral is read with French and English grouping ("300 000", "120,000") and
//! decimals ("1,3", "2.4"); what follows decides its kind: a month (a date), a
//! currency, possibly after a multiplier (money), a unit or a counted noun
//! (a quantity). A bare year is a date. Canonical values are normalised: an ISO date
//! when day, month and year are known, a plain number with its currency or noun.

use std::fmt::{self, Write as _};

use super::EntityKind;
use super::lexicon::{currency, fold_key, is_stopword, is_unit, is_weekday, month, multiplier};
use super::resolve::{Candidate, Canon, Source, StackStr};
use super::tokens::Tokens;
use calendar::{calendar_words, iso_date, slash_date, weekday_before, year_after};

/// Finds the DATE, MONEY and QUANTITY candidates of `text`.
pub(crate) fn find(text: &str, tokens: &Tokens, out: &mut Vec<Candidate>) {
    let mut money_context: Option<(usize, &'static str)> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i = next_digit(bytes, i + 1);
            continue;
        }
        if !numeral_may_start(text, i) {
            i += 1;
            continue;
        }
        let next = numeral_at(text, i, &mut money_context, out);
        i = next.max(i + 1);
    }
    calendar_words(text, tokens, out);
}

/// The first ASCII digit at or after `from` (the length when there is none). Most of
/// a text has no digit: eight bytes at a time are ruled out with one test.
fn next_digit(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        // Digits become bytes below 10; test for such a byte (exact for bytes below 128,
        // and bytes from 128 up, UTF-8, never pass).
        let shifted = word ^ (ONES * u64::from(b'0'));
        if shifted.wrapping_sub(ONES * 10) & !shifted & (ONES * 0x80) != 0 {
            break;
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..].iter().position(u8::is_ascii_digit).map_or(bytes.len(), |p| i + p)
}

/// A numeral starts at `i` unless it continues a word or a code ("F-16", "fr-01").
fn numeral_may_start(text: &str, i: usize) -> bool {
    let mut before = text[..i].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' || c == '/' || c == '.' || c == ',' => false,
        Some('-') => before.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// A numeral's digits and value.
struct Numeral {
    end: usize,
    value: f64,
    /// Plain digits, no grouping or decimals.
    plain_digits: usize,
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn digits_at(text: &str, i: usize) -> usize {
    text.as_bytes()[i..].iter().take_while(|b| b.is_ascii_digit()).count()
}

fn read_numeral(text: &str, start: usize) -> Numeral {
    // The digits without grouping go on the stack: a numeral too long for it (some
    // dozens of digits) is read again into a heap string.
    let mut digits = StackStr::default();
    let (end, plain, value) = match numeral_digits(text, start, &mut digits) {
        Ok((end, plain)) => (end, plain, value_of(digits.as_str())),
        Err(_) => {
            let mut long = String::new();
            let (end, plain) = numeral_digits(text, start, &mut long).unwrap_or((start, true));
            (end, plain, long.parse().unwrap_or(0.0))
        }
    };
    let head = digits_at(text, start);
    Numeral { end, value, plain_digits: if plain { head } else { 0 } }
}

/// The value of a numeral's digits (see [`numeral_digits`]). Integers of up to 15
/// digits, most numerals, are read as integers: exactly the value `f64` parsing
/// gives them (they are below 2^53), without its general algorithm.
fn value_of(digits: &str) -> f64 {
    if digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
        #[allow(clippy::cast_precision_loss)] // below 10^15 < 2^53: exact
        return digits.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
    }
    digits.parse().unwrap_or(0.0)
}

/// Writes the digits of the numeral at `start` to `out`, without grouping and with
/// '.' as the decimal separator; returns its end and whether it is plain digits.
fn numeral_digits(text: &str, start: usize, out: &mut impl fmt::Write) -> Result<(usize, bool), fmt::Error> {
    let head = digits_at(text, start);
    let mut end = start + head;
    out.write_str(&text[start..end])?;
    let mut grouped = false;
    if head <= 3 {
        // Thousands groups: a separator then exactly three digits.
        while let Some(sep) = text[end..].chars().next() {
            if !(is_group_space(sep) || sep == ',') {
                break;
            }
            let g = end + sep.len_utf8();
            if g < text.len() && digits_at(text, g) == 3 {
                out.write_str(&text[g..g + 3])?;
                end = g + 3;
                grouped = true;
            } else {
                break;
            }
        }
    }
    let mut plain = !grouped;
    if let Some(',' | '.') = text[end..].chars().next() {
        let d = digits_at(text, end + 1);
        if d > 0 {
            out.write_char('.')?;
            out.write_str(&text[end + 1..end + 1 + d])?;
            end += 1 + d;
            plain = false;
        }
    }
    Ok((end, plain))
}

/// The next word after `pos`, across spaces but not a line break: letters (with inner
/// hyphens) or one symbol such as `%` or `€`.
fn next_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut start = pos;
    for c in text[pos..].chars() {
        if c == '\n' || !c.is_whitespace() {
            break;
        }
        start += c.len_utf8();
    }
    let first = text[start..].chars().next()?;
    if matches!(first, '%' | '€' | '$' | '£' | '¥') {
        return Some((start, start + first.len_utf8()));
    }
    if !first.is_alphabetic() {
        return None;
    }
    let mut end = start;
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphabetic() || c == '²' || (c == '-' && chars.peek().is_some_and(|n| n.is_alphabetic())) {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    Some((start, end))
}

/// The word after a "de"/"d'"/"of" link, when there is one.
fn after_link(text: &str, pos: usize) -> Option<(usize, usize)> {
    let (s, e) = next_word(text, pos)?;
    let mut buf = [0u8; 32];
    match fold_key(&text[s..e], &mut buf)? {
        "de" | "of" => next_word(text, e),
        "d" => {
            let c = text[e..].chars().next()?;
            if c == '\'' || c == '’' { next_word(text, e + c.len_utf8()) } else { None }
        }
        _ => None,
    }
}

/// A folded word kept on the stack: the number rules fold the words around every
/// numeral, and a heap string each time cost more than the comparisons that follow.
#[derive(Default)]
struct Key {
    buf: [u8; 32],
    len: usize,
}

impl Key {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl std::ops::Deref for Key {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The folded form of the word at `(s, e)`; empty when longer than any listed word.
fn key_of(text: &str, (s, e): (usize, usize)) -> Key {
    let mut key = Key::default();
    key.len = fold_key(&text[s..e], &mut key.buf).map_or(0, str::len);
    key
}

/// A piece of a canonical value. Values are written piece by piece by hand: through
/// `fmt::Arguments` and `Display`, writing one cost about a thousand instructions,
/// more than reading the numeral and the words around it.
#[derive(Clone, Copy)]
enum Part<'a> {
    /// Text as it is.
    Str(&'a str),
    /// A value as canonical forms write it: an integer without decimals, else at most
    /// six decimals without trailing zeros.
    Value(f64),
    /// An integer, padded with zeros to a width ("2023-03-04").
    Padded(u32, usize),
}

/// Writes the pieces one after another.
fn write_parts(w: &mut impl fmt::Write, parts: &[Part]) -> fmt::Result {
    for part in parts {
        match *part {
            Part::Str(s) => w.write_str(s)?,
            Part::Value(v) => write_value(w, v)?,
            Part::Padded(n, width) => write_uint(w, u64::from(n), width)?,
        }
    }
    Ok(())
}

/// Writes `v` as [`Part::Value`] says.
fn write_value(w: &mut impl fmt::Write, v: f64) -> fmt::Result {
    if (v - v.round()).abs() < 1e-9 && v.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)] // checked: integral and below 2^53
        let n = v.round() as i64;
        if n < 0 {
            w.write_char('-')?;
        }
        write_uint(w, n.unsigned_abs(), 1)
    } else {
        let mut s = StackStr::default();
        let fixed = match write!(s, "{v:.6}") {
            Ok(()) => std::borrow::Cow::Borrowed(s.as_str()),
            Err(_) => std::borrow::Cow::Owned(format!("{v:.6}")),
        };
        w.write_str(fixed.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// Writes `n` in decimal, padded with zeros to `width` digits (at most 20).
fn write_uint(w: &mut impl fmt::Write, mut n: u64, width: usize) -> fmt::Result {
    let mut digits = [b'0'; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        #[allow(clippy::cast_possible_truncation)] // a digit
        {
            digits[at] = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let from = at.min(digits.len().saturating_sub(width));
    w.write_str(std::str::from_utf8(&digits[from..]).unwrap_or_default())
}

/// A candidate whose canonical form is written from `parts` (interned unless it is
/// the candidate's own text); on the stack unless it is longer than a few dozen bytes.
fn push(
    out: &mut Vec<Candidate>,
    text: &str,
    (start, end): (usize, usize),
    kind: EntityKind,
    parts: &[Part],
) {
    let own = &text[start..end];
    let mut buf = StackStr::default();
    let canonical = if write_parts(&mut buf, parts).is_ok() {
        Canon::of(buf.as_str(), own)
    } else {
        let mut long = String::new();
        let _ = write_parts(&mut long, parts);
        Canon::of(&long, own)
    };
    out.push(Candidate { start, end, kind, canonical, source: Source::Number });
}

/// A candidate whose canonical form is a value and its unit or currency,
/// `"1300000 personnes"`, `"150000000000 USD"`.
fn push_amount(
    out: &mut Vec<Candidate>,
    text: &str,
    span: (usize, usize),
    kind: EntityKind,
    value: f64,
    unit: &str,
) {
    push(out, text, span, kind, &[Part::Value(value), Part::Str(" "), Part::Str(unit)]);
}

/// A candidate whose canonical form is its own text.
fn push_own(out: &mut Vec<Candidate>, start: usize, end: usize, kind: EntityKind) {
    out.push(Candidate { start, end, kind, canonical: Canon::Own, source: Source::Number });
}

/// A calendar date: year, month, day.
type Ymd = (u32, u8, u32);

/// A full date's canonical form if the year is known, else the text.
fn push_date(out: &mut Vec<Candidate>, text: &str, span: (usize, usize), date: Option<Ymd>) {
    match date {
        Some((y, m, d)) => push(
            out,
            text,
            span,
            EntityKind::Date,
            &[
                Part::Padded(y, 4),
                Part::Str("-"),
                Part::Padded(m.into(), 2),
                Part::Str("-"),
                Part::Padded(d, 2),
            ],
        ),
        None => push_own(out, span.0, span.1, EntityKind::Date),
    }
}

/// Reads the numeral at `start` and what follows it; returns where scanning resumes.
fn numeral_at(
    text: &str,
    start: usize,
    money_context: &mut Option<(usize, &'static str)>,
    out: &mut Vec<Candidate>,
) -> usize {
    if let Some(end) = iso_date(text, start) {
        push_own(out, start, end, EntityKind::Date);
        return end;
    }
    if let Some((end, date)) = slash_date(text, start) {
        push_date(out, text, (start, end), Some(date));
        return end;
    }
    let n = read_numeral(text, start);
    let rest = &text[n.end..];
    // Clock times (13:34, 13h34) and ordinals (2ème, 1st) are not annotated.
    if rest.starts_with(':') && digits_at(text, n.end + 1) == 2 {
        return n.end + 3;
    }
    // "a 40-hectare site", "a 10-km link": a numeral-unit compound.
    if let Some(after) = rest.strip_prefix('-') {
        let w_end = after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len());
        let word = &after[..w_end];
        let mut buf = [0u8; 32];
        let key = fold_key(word, &mut buf).unwrap_or("");
        if w_end > 0 && !after[w_end..].starts_with(['-']) && (is_unit(key) || is_compound_unit(key)) {
            let end = n.end + 1 + w_end;
            push_amount(out, text, (start, end), EntityKind::Quantity, n.value, word);
            return end;
        }
    }
    let glued = rest.chars().next().is_some_and(char::is_alphabetic);
    let word = next_word(text, n.end);
    // Folded once into a buffer here, as a `str` checked once: the rules below compare
    // it many times, and a `Key` checks its bytes at each.
    let mut key_buf = [0u8; 32];
    let key: &str = word.and_then(|(s, e)| fold_key(&text[s..e], &mut key_buf)).unwrap_or("");
    // A currency symbol before the numeral: "$5bn", "€12m", "US$ 3".
    if let Some((sym_start, code)) = currency_before(text, start) {
        let (end, factor) = match word.filter(|_| multiplier(key).is_some()) {
            Some((_, e)) => (e, multiplier(key).unwrap_or(1)),
            None => (n.end, 1),
        };
        *money_context = Some((end, code));
        push_amount(out, text, (sym_start, end), EntityKind::Money, n.value * factor as f64, code);
        return end;
    }
    if glued && multiplier(key).is_none() && !is_unit(key) {
        if let Some((end, date)) = ordinal_date(text, &n, word) {
            push_date(out, text, (start, end), date);
            return end;
        }
        return n.end + rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    }
    let Some(w) = word else {
        if let Some(year) = year_of(&n) {
            push(out, text, (start, n.end), EntityKind::Date, &[Part::Padded(year, 1)]);
        }
        return n.end;
    };
    if let Some(m) = month(key).filter(|_| n.plain_digits > 0 && n.plain_digits <= 2 && n.value >= 1.0) {
        let day = n.value as u32;
        if day <= 31 {
            let (end, year) = year_after(text, w.1);
            let begin = weekday_before(text, start).unwrap_or(start);
            push_date(out, text, (begin, end), year.map(|y| (y, m, day)));
            return end;
        }
    }
    if key == "%" || key == "pour" && next_word(text, w.1).is_some_and(|x| key_of(text, x) == "cent") {
        let end = if key == "%" { w.1 } else { next_word(text, w.1).map_or(w.1, |x| x.1) };
        push(out, text, (start, end), EntityKind::Quantity, &[Part::Value(n.value), Part::Str("%")]);
        return end;
    }
    if key == "percent" || key == "per" && next_word(text, w.1).is_some_and(|x| key_of(text, x) == "cent") {
        let end = if key == "percent" { w.1 } else { next_word(text, w.1).map_or(w.1, |x| x.1) };
        push(out, text, (start, end), EntityKind::Quantity, &[Part::Value(n.value), Part::Str("%")]);
        return end;
    }
    let (factor, after_mult) = match multiplier(key) {
        Some(f) if !(glued && key == "m" && !is_money_suffix_context(text, w.1)) => (f, Some(w)),
        _ => (1, None),
    };
    // The value the numeral stands for once its multiplier ("millions") applies.
    let amount = n.value * factor as f64;
    // The currency word and its code, each word folded once.
    let currency_at = |x: (usize, usize)| currency(&key_of(text, x)).map(|code| (x, code));
    let cur_word = match after_mult {
        Some(mw) => next_word(text, mw.1)
            .and_then(currency_at)
            .or_else(|| after_link(text, mw.1).and_then(currency_at)),
        None => currency(key).map(|code| (w, code)),
    };
    if let Some((cw, code)) = cur_word {
        let mut end = cw.1;
        // "livres sterling", "francs suisses", "dollars américains": the currency's full name.
        if let Some(x) = next_word(text, end).filter(|x| {
            matches!(
                key_of(text, *x).as_str(),
                "sterling"
                    | "suisses"
                    | "americains"
                    | "canadiens"
                    | "australiens"
                    | "cfa"
                    | "us"
                    | "hongkongais"
            )
        }) {
            end = x.1;
        }
        *money_context = Some((end, code));
        push_amount(out, text, (start, end), EntityKind::Money, amount, code);
        return end;
    }
    if let Some(mw) = after_mult {
        if let Some((at, code)) = *money_context
            && start.saturating_sub(at) < 400
            && after_link(text, mw.1).is_none()
        {
            push_amount(out, text, (start, mw.1), EntityKind::Money, amount, code);
            return mw.1;
        }
        // "6 million people": the counted noun right after the multiplier.
        if let Some(noun) = next_word(text, mw.1).filter(|x| is_counted_noun(text, *x)) {
            let noun_text = &text[noun.0..noun.1];
            push_amount(out, text, (start, noun.1), EntityKind::Quantity, amount, noun_text);
            return noun.1;
        }
        // "1,3 million de personnes": a quantity of the noun after the link.
        if let Some(noun) = after_link(text, mw.1).filter(|x| is_counted_noun(text, *x)) {
            let end = unit_end(text, noun.1);
            let noun_text = &text[noun.0..end];
            push_amount(out, text, (start, end), EntityKind::Quantity, amount, noun_text);
            return end;
        }
        return mw.1;
    }
    if let Some(year) = year_of(&n) {
        push(out, text, (start, n.end), EntityKind::Date, &[Part::Padded(year, 1)]);
        return n.end;
    }
    // "500 000 euros, dont 200 000 pour le vainqueur": an amount of the same money.
    if let Some((at, code)) = *money_context {
        let before = text[..start].trim_end();
        if start.saturating_sub(at) < 80 && (before.ends_with("dont") || before.ends_with("including")) {
            push_amount(out, text, (start, n.end), EntityKind::Money, n.value, code);
            return n.end;
        }
    }
    let clock = matches!(key, "heures" | "heure" | "h")
        && text[..start].trim_end().ends_with(['à', 'À'])
        && !text[..start].trim_end().ends_with("jusqu'à");
    let elided = text[w.1..].starts_with(['\'', '’']);
    if clock || elided {
        return w.1;
    }
    if let Some(noun) = adjective_then_noun(text, key, w) {
        let words = &text[w.0..noun.1];
        push_amount(out, text, (start, noun.1), EntityKind::Quantity, n.value, words);
        return noun.1;
    }
    if is_unit(key) || is_counted_noun(text, w) {
        let end = unit_end(text, w.1);
        let unit = &text[w.0..end];
        push_amount(out, text, (start, end), EntityKind::Quantity, n.value, unit);
        return end;
    }
    n.end
}

/// Where a unit ends: "km/h", "mètres cubes", "kilomètres carrés", "square metres".
fn unit_end(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    for per in ["/h", "/s", "/an", "/jour", "/day", "/year"] {
        if rest.starts_with(per) && !rest[per.len()..].starts_with(char::is_alphanumeric) {
            return end + per.len();
        }
    }
    match next_word(text, end) {
        Some(w) if matches!(key_of(text, w).as_str(), "cubes" | "carres" | "cube" | "carre") => w.1,
        _ => end,
    }
}

/// "250 new engineers", "40 nouveaux navires": a common adjective, then the noun.
fn adjective_then_noun(text: &str, key: &str, w: (usize, usize)) -> Option<(usize, usize)> {
    let adjective = matches!(
        key,
        "new"
            | "more"
            | "other"
            | "additional"
            | "extra"
            | "young"
            | "old"
            | "small"
            | "large"
            | "big"
            | "local"
            | "foreign"
            | "nouveaux"
            | "nouvelles"
            | "autres"
            | "jeunes"
            | "petits"
            | "petites"
            | "grands"
            | "grandes"
            | "anciens"
            | "anciennes"
            | "premiers"
            | "premieres"
            | "derniers"
            | "dernieres"
    );
    if !adjective {
        return None;
    }
    next_word(text, w.1).filter(|x| is_counted_noun(text, *x))
}

/// Units used in numeral-unit compounds ("40-hectare", "5-tonne").
fn is_compound_unit(key: &str) -> bool {
    matches!(
        key,
        "hectare"
            | "acre"
            | "tonne"
            | "ton"
            | "metre"
            | "meter"
            | "mile"
            | "kilometre"
            | "kilometer"
            | "megawatt"
            | "gigawatt"
            | "kilogram"
            | "litre"
            | "liter"
            | "storey"
            | "story"
            | "seat"
            | "bed"
            | "member"
    )
}

/// Whether a glued "m" after a numeral means million (money follows or precedes).
fn is_money_suffix_context(text: &str, end: usize) -> bool {
    next_word(text, end).is_some_and(|w| currency(&key_of(text, w)).is_some())
}

/// A currency symbol just before a numeral, with where it starts.
fn currency_before(text: &str, start: usize) -> Option<(usize, &'static str)> {
    let before = text[..start].trim_end_matches(is_group_space);
    let c = before.chars().next_back()?;
    let code = match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        _ => return None,
    };
    let sym = before.len() - c.len_utf8();
    let sym = if c == '$' && before[..sym].ends_with("US") { sym - 2 } else { sym };
    Some((sym, code))
}

/// "1er mars 2023", "2nd May": a glued ordinal day before a month gives a date.
fn ordinal_date(text: &str, n: &Numeral, word: Option<(usize, usize)>) -> Option<(usize, Option<Ymd>)> {
    let (s, e) = word?;
    if s != n.end || !matches!(key_of(text, (s, e)).as_str(), "er" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let mw = next_word(text, e).filter(|x| x.0 > e)?;
    let m = month(&key_of(text, mw))?;
    let (end, year) = year_after(text, mw.1);
    let day = n.value as u32;
    Some((end, year.map(|y| (y, m, day))))
}

fn year_of(n: &Numeral) -> Option<u32> {
    let y = n.value as u32;
    (n.plain_digits == 4 && (1800..=2100).contains(&y)).then_some(y)
}

/// A lowercase word that a numeral can count ("hommes", "navires", "people").
fn is_counted_noun(text: &str, (s, e): (usize, usize)) -> bool {
    let word = &text[s..e];
    if !word.chars().next().is_some_and(char::is_lowercase) || e - s < 2 {
        return false;
    }
    let mut buf = [0u8; 32];
    fold_key(word, &mut buf).is_some_and(|k| !is_stopword(k) && month(k).is_none() && !is_weekday(k))
}

mod calendar;
#[cfg(test)]
mod tests;
