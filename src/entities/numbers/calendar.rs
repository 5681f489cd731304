//! Calendar expressions: ISO and day-first numeric dates, weekday and month names,
//! "month year", "Month day, year", with a weekday before when there is one.

use super::super::EntityKind;
use super::super::lexicon::{class, fold_key, is_full_month, is_weekday, month};
use super::super::resolve::Candidate;
use super::super::tokens::{Shape, Tokens};
use super::{Part, Ymd, digits_at, push, push_date, push_own};

/// A four-digit year after `pos` (optionally after a comma): its end and value.
pub(super) fn year_after(text: &str, pos: usize) -> (usize, Option<u32>) {
    let rest = &text[pos..];
    let skipped = rest.len() - rest.trim_start_matches([',', ' ', '\u{a0}']).len();
    let at = pos + skipped;
    if skipped > 0 && skipped <= 2 && digits_at(text, at) == 4 {
        let end = at + 4;
        if !text[end..].chars().next().is_some_and(char::is_alphanumeric) {
            let y: u32 = text[at..end].parse().unwrap_or(0);
            if (1800..=2100).contains(&y) {
                return (end, Some(y));
            }
        }
    }
    (pos, None)
}

/// The start of a weekday name just before `start` ("mercredi 29").
pub(super) fn weekday_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].trim_end_matches([' ', '\u{a0}', ',']);
    if before.len() == start {
        return None;
    }
    // Just past the last non-letter, which may be several bytes long (« or ’).
    let word_start =
        before.char_indices().rfind(|&(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
    let mut buf = [0u8; 32];
    fold_key(&before[word_start..], &mut buf).filter(|k| is_weekday(k)).map(|_| word_start)
}

/// Day-first numeric dates: `12/08/2024`, `12.08.2024`.
pub(super) fn slash_date(text: &str, start: usize) -> Option<(usize, Ymd)> {
    let b = text.as_bytes();
    let d = digits_at(text, start);
    if !(1..=2).contains(&d) {
        return None;
    }
    let sep = *b.get(start + d)?;
    if sep != b'/' && sep != b'.' {
        return None;
    }
    let m_at = start + d + 1;
    let md = digits_at(text, m_at);
    if !(1..=2).contains(&md) || b.get(m_at + md) != Some(&sep) || digits_at(text, m_at + md + 1) != 4 {
        return None;
    }
    let y_at = m_at + md + 1;
    let end = y_at + 4;
    if text[end..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let (day, month, year): (u32, u8, u32) = (
        text[start..start + d].parse().ok()?,
        text[m_at..m_at + md].parse().ok()?,
        text[y_at..end].parse().ok()?,
    );
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some((end, (year, month, day)))
}

/// ISO dates: `YYYY-MM`, `YYYY-MM-DD` (not followed by more digits or letters).
pub(super) fn iso_date(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let two = |i: usize| i + 2 <= b.len() && b[i..i + 2].iter().all(u8::is_ascii_digit);
    if digits_at(text, start) != 4 || b.get(start + 4) != Some(&b'-') || !two(start + 5) {
        return None;
    }
    let month: u32 = text[start + 5..start + 7].parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let mut end = start + 7;
    if b.get(end) == Some(&b'-') && two(end + 1) {
        end += 3;
    }
    if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric() && *c != b'T') {
        return None;
    }
    Some(end)
}

/// Weekday and month names on their own, and "month year", "Month day, year".
pub(super) fn calendar_words(text: &str, tokens: &Tokens, out: &mut Vec<Candidate>) {
    for &i in &tokens.calendar_or_nature {
        let (i, t) = (i as usize, &tokens.list[i as usize]);
        if !tokens.is(i, class::MONTH | class::WEEKDAY) || t.shape == Shape::Other || t.end - t.start < 3 {
            continue;
        }
        let key = tokens.key(i);
        if is_weekday(key) {
            push_own(out, t.start, t.end, EntityKind::Date);
            continue;
        }
        let Some(m) = month(key) else { continue };
        let full = is_full_month(key);
        let english_may = key == "may";
        // "Mars" with a capital mid-sentence is the planet; "May" alone is a verb. Asked
        // only when it decides: the cue words are looked for before "may" alone.
        let ambiguous = || {
            (english_may && !month_cue_before(text, t.start))
                || (key == "mars" && t.shape != Shape::Lower && !t.sentence_start)
        };
        let abbrev_end = if !full && text[t.end..].starts_with('.') { t.end + 1 } else { t.end };
        // "November 29, 2023" / "Nov. 29".
        if let Some((d_end, day)) = day_after(text, abbrev_end) {
            let (end, year) = year_after(text, d_end);
            let begin = weekday_before(text, t.start).unwrap_or(t.start);
            push_date(out, text, (begin, end), year.map(|y| (y, m, day)));
            continue;
        }
        let (end, year) = year_after(text, t.end);
        if let Some(y) = year.filter(|_| !text[t.end..end].contains(',')) {
            push(
                out,
                text,
                (t.start, end),
                EntityKind::Date,
                &[Part::Padded(y, 4), Part::Str("-"), Part::Padded(m.into(), 2)],
            );
        } else if full && !ambiguous() {
            push_own(out, t.start, t.end, EntityKind::Date);
        }
    }
}

/// Whether a word that makes "may" a month ("in", "since", "en") ends the text before
/// `start`.
fn month_cue_before(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    ["in", "In", "since", "until", "by", "early", "late", "mid", "of", "en", "depuis"]
        .iter()
        .any(|c| before.ends_with(c) && !before[..before.len() - c.len()].ends_with(char::is_alphabetic))
}

/// A day number (1–31) after a month name: its end and value.
fn day_after(text: &str, pos: usize) -> Option<(usize, u32)> {
    let rest = &text[pos..];
    let at = pos + (rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len());
    if at == pos {
        return None;
    }
    let d = digits_at(text, at);
    if d == 0 || d > 2 {
        return None;
    }
    let mut end = at + d;
    let tail = &text[end..];
    for suffix in ["st", "nd", "rd", "th"] {
        if tail.starts_with(suffix) {
            end += 2;
            break;
        }
    }
    if text[end..].chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let day: u32 = text[at..at + d].parse().ok()?;
    (1..=31).contains(&day).then_some((end, day))
}
