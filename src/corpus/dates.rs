//! Reading an article's date from the ways sites write it: ISO 8601, RFC 2822,
//! "mercredi 29 novembre 2023 – 13h34", "Nov 29, 2023 at 1:34 pm", "29/11/2023".
//!
//! The result is always an ISO prefix: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or
//! `YYYY-MM-DDTHH:MM`, in the local time written (an offset is dropped, never
//! applied), so that what the user reads in the article is what kiosque shows.

/// Parses a date written in `s`, or `None` when there is none or it is invalid.
#[must_use]
pub fn parse_date(s: &str) -> Option<String> {
    find_iso(s).or_else(|| parse_words(s))
}

/// The first ISO 8601 date in `s` (`2023-11-29T13:34:00+01:00`, `2023-11`, `2023`
/// when it is the whole string).
fn find_iso(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |at: usize, n: usize| -> Option<u32> {
        let part = b.get(at..at + n)?;
        part.iter().all(u8::is_ascii_digit).then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        let Some(year) = digits(i, 4) else { continue };
        if b.get(i + 4).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        if b.get(i + 4) != Some(&b'-') {
            // A bare year counts only as the whole field.
            if s.trim() == &s[i..i + 4] {
                return valid(year, None, None, None);
            }
            continue;
        }
        let Some(month) = digits(i + 5, 2) else {
            continue;
        };
        if b.get(i + 7) != Some(&b'-') || digits(i + 8, 2).is_none() {
            if b.get(i + 7).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            return valid(year, Some(month), None, None);
        }
        let day = digits(i + 8, 2);
        let time = match b.get(i + 10) {
            Some(b'T' | b' ') if b.get(i + 13) == Some(&b':') => digits(i + 11, 2).zip(digits(i + 14, 2)),
            _ => None,
        };
        return valid(year, Some(month), day, time);
    }
    None
}

/// One token of a date written in words.
#[derive(Debug, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
    Colon,
    Slash,
    Dot,
    Other,
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut n = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                n.push(d);
                chars.next();
            }
            toks.push(Tok::Num(n.parse().unwrap_or(u32::MAX), n.len()));
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_alphabetic()) {
                w.extend(d.to_lowercase());
                chars.next();
            }
            toks.push(Tok::Word(w));
        } else {
            chars.next();
            if !c.is_whitespace() {
                toks.push(match c {
                    ':' => Tok::Colon,
                    '/' => Tok::Slash,
                    '.' => Tok::Dot,
                    _ => Tok::Other,
                });
            }
        }
    }
    toks
}

/// The month a French or English month name (or its usual abbreviation) names.
fn month_number(word: &str) -> Option<u32> {
    let m = match word {
        "janvier" | "janv" | "january" | "jan" => 1,
        "février" | "fevrier" | "févr" | "fevr" | "fév" | "fev" | "february" | "feb" => 2,
        "mars" | "march" | "mar" => 3,
        "avril" | "avr" | "april" | "apr" => 4,
        "mai" | "may" => 5,
        "juin" | "june" | "jun" => 6,
        "juillet" | "juil" | "july" | "jul" => 7,
        "août" | "aout" | "august" | "aug" => 8,
        "septembre" | "sept" | "september" | "sep" => 9,
        "octobre" | "october" | "oct" => 10,
        "novembre" | "november" | "nov" => 11,
        "décembre" | "decembre" | "déc" | "dec" | "december" => 12,
        _ => return None,
    };
    Some(m)
}

/// "29 novembre 2023 – 13h34", "Nov 29, 2023 at 1:34 pm", "29/11/2023 à 13:34".
fn parse_words(s: &str) -> Option<String> {
    let toks = tokenize(s);
    let (year, month, day, after) = month_name_date(&toks).or_else(|| numeric_date(&toks))?;
    valid(year, Some(month), day, day.and_then(|_| time_after(&toks[after..])))
}

/// A date around a month name; returns the index just past the year.
fn month_name_date(toks: &[Tok]) -> Option<(u32, u32, Option<u32>, usize)> {
    let (mi, month) = toks.iter().enumerate().find_map(|(i, t)| match t {
        Tok::Word(w) => month_number(w).map(|m| (i, m)),
        _ => None,
    })?;
    let day_num = |t: Option<&Tok>| match t {
        Some(&Tok::Num(d, len)) if len <= 2 && (1..=31).contains(&d) => Some(d),
        _ => None,
    };
    // French and RFC 2822 put the day first ("29 nov", "1er mai"); English after.
    let before = match mi.checked_sub(1).map(|i| &toks[i]) {
        Some(Tok::Word(w)) if w == "er" => mi.checked_sub(2).and_then(|i| day_num(toks.get(i))),
        other => day_num(other),
    };
    let mut next = mi + 1;
    if toks.get(next) == Some(&Tok::Dot) {
        next += 1;
    }
    let day = before.or_else(|| {
        let d = day_num(toks.get(next));
        if d.is_some() {
            next += 1;
        }
        d
    });
    let (yi, year) = toks.iter().enumerate().skip(next).take(3).find_map(|(i, t)| match t {
        &Tok::Num(y, 4) => Some((i, y)),
        _ => None,
    })?;
    Some((year, month, day, yi + 1))
}

/// `29/11/2023` or `29.11.2023`: day first, as in French.
fn numeric_date(toks: &[Tok]) -> Option<(u32, u32, Option<u32>, usize)> {
    toks.windows(5).enumerate().find_map(|(i, w)| match w {
        [Tok::Num(d, 1..=2), s1, Tok::Num(m, 1..=2), s2, Tok::Num(y, 4)]
            if s1 == s2 && matches!(s1, Tok::Slash | Tok::Dot) =>
        {
            Some((*y, *m, Some(*d), i + 5))
        }
        _ => None,
    })
}

/// A clock time after the date: `13h34`, `13h`, `13:34`, `1:34 pm`.
fn time_after(toks: &[Tok]) -> Option<(u32, u32)> {
    toks.iter().enumerate().take(6).find_map(|(i, t)| {
        let &Tok::Num(h, 1..=2) = t else { return None };
        let (minute, rest) = match (toks.get(i + 1), toks.get(i + 2)) {
            (Some(Tok::Word(w)), Some(&Tok::Num(m, 2))) if w == "h" => (m, i + 3),
            (Some(Tok::Word(w)), _) if w == "h" => (0, i + 2),
            (Some(Tok::Colon), Some(&Tok::Num(m, 2))) => (m, i + 3),
            _ => return None,
        };
        let hour = match toks.get(rest) {
            Some(Tok::Word(w)) if w == "pm" && h < 12 => h + 12,
            Some(Tok::Word(w)) if w == "am" && h == 12 => 0,
            _ => h,
        };
        Some((hour, minute))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Formats a checked date as an ISO prefix; `None` for an impossible one.
fn valid(year: u32, month: Option<u32>, day: Option<u32>, time: Option<(u32, u32)>) -> Option<String> {
    if !(1000..=2999).contains(&year) {
        return None;
    }
    let Some(month) = month else {
        return Some(format!("{year:04}"));
    };
    if !(1..=12).contains(&month) {
        return None;
    }
    let Some(day) = day else {
        return Some(format!("{year:04}-{month:02}"));
    };
    if !(1..=days_in_month(year, month)).contains(&day) {
        return None;
    }
    match time {
        Some((h, m)) if h < 24 && m < 60 => Some(format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}")),
        _ => Some(format!("{year:04}-{month:02}-{day:02}")),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    fn d(s: &str) -> Option<String> {
        parse_date(s)
    }

    #[test]
    fn iso_forms_keep_local_time_and_drop_offset() {
        assert_eq!(d("2023-11-29T13:34:00+01:00").as_deref(), Some("2023-11-29T13:34"));
        assert_eq!(d("2023-11-29 08:05:59Z").as_deref(), Some("2023-11-29T08:05"));
        assert_eq!(d("2023-11-29").as_deref(), Some("2023-11-29"));
        assert_eq!(d("2022-11").as_deref(), Some("2022-11"));
        assert_eq!(d("2022").as_deref(), Some("2022"));
    }

    #[test]
    fn french_updated_lines() {
        assert_eq!(d("mercredi 29 novembre 2023 – 13h34").as_deref(), Some("2023-11-29T13:34"));
        assert_eq!(d("le 1er février 2022 à 9h05").as_deref(), Some("2022-02-01T09:05"));
        assert_eq!(d("12 août 2021").as_deref(), Some("2021-08-12"));
        assert_eq!(d("le 03/04/2024 à 18h").as_deref(), Some("2024-04-03T18:00"));
        assert_eq!(d("décembre 2020").as_deref(), Some("2020-12"));
    }

    #[test]
    fn english_and_rfc_2822() {
        assert_eq!(d("Nov 29, 2023 at 1:34 pm").as_deref(), Some("2023-11-29T13:34"));
        assert_eq!(d("Wednesday, November 29, 2023 12:05 AM").as_deref(), Some("2023-11-29T00:05"));
        assert_eq!(d("Wed, 29 Nov 2023 13:34:00 +0100").as_deref(), Some("2023-11-29T13:34"));
        assert_eq!(d("29 November 2023").as_deref(), Some("2023-11-29"));
    }

    #[test]
    fn impossible_or_missing_dates_are_none() {
        assert_eq!(d("2023-02-30"), None);
        assert_eq!(d("31 avril 2023"), None);
        assert_eq!(d("2023-13"), None);
        assert_eq!(d("hier soir"), None);
        assert_eq!(d(""), None);
        assert_eq!(d("mardi"), None);
    }

    #[test]
    fn leap_years() {
        assert_eq!(d("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(d("2023-02-29"), None);
        assert_eq!(d("1900-02-29"), None);
    }
}
