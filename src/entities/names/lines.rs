//! Credit and attribution lines: "… NAME SURNAME | AGENCY", "© Outlet / Name",
//! "Photo : Name / Company", "Source : Outlet", "Rapporte Outlet", "Suivez
//! l'actualité de Outlet sur". Their names are people (a first name, or a photo
//! credit in capitals) or organisations (the rest).

use memchr::memmem;

use super::super::EntityKind;
use super::super::lexicon::class;
use super::super::resolve::{Candidate, Source};
use super::super::tokens::Shape;
use super::Context;

/// Finds the names of credit and attribution lines.
pub(super) fn credits_and_attributions(cx: &Context, out: &mut Vec<Candidate>) {
    // Most documents have no marker at all: a few fast scans skip the line pass.
    let t = cx.text.as_bytes();
    let markers = line_markers(t);
    let any = !markers.is_empty()
        || ["Source", "SOURCE", "Photo", "PHOTO", "Crédit", "Credit"]
            .iter()
            .any(|m| memmem::find(t, m.as_bytes()).is_some());
    if !any {
        return;
    }
    let n = cx.len();
    let mut i = 0;
    while i < n {
        let line = cx.tok(i).line;
        let mut end = i;
        while end < n && cx.tok(end).line == line {
            end += 1;
        }
        line_names(cx, i, end, &markers, out);
        i = end;
    }
}

/// Where the text has a marker of a credit or attribution line anywhere in it ("|",
/// "©", "Rapporte", "actualit"), sorted: found in a few fast passes over the whole
/// text rather than by searching each line. No marker holds a line break, so a line
/// holds a marker exactly when one starts inside it.
fn line_markers(text: &[u8]) -> Vec<usize> {
    let mut at: Vec<usize> = memchr::memchr_iter(b'|', text).collect();
    for needle in ["©", "Rapporte", "actualit"] {
        at.extend(memmem::find_iter(text, needle.as_bytes()));
    }
    at.sort_unstable();
    at
}

/// The byte range of the line holding tokens `first..end`.
fn line_text<'a>(cx: &Context<'a>, first: usize, end: usize) -> (usize, &'a str) {
    let start = cx.text[..cx.tok(first).start].rfind('\n').map_or(0, |p| p + 1);
    let stop = cx.text[cx.tok(end - 1).end..].find('\n').map_or(cx.text.len(), |p| cx.tok(end - 1).end + p);
    (start, &cx.text[start..stop])
}

fn line_names(cx: &Context, first: usize, end: usize, markers: &[usize], out: &mut Vec<Candidate>) {
    let (line_start, line) = line_text(cx, first, end);
    // Most lines are prose: only these markers make a credit or attribution line.
    let first_key = cx.key(first);
    let k = markers.partition_point(|&p| p < line_start);
    let marked = markers.get(k).is_some_and(|&p| p < line_start + line.len())
        || matches!(first_key, "source" | "sources" | "photo" | "credit" | "credits");
    if !marked {
        return;
    }
    let trimmed = line.trim_start();
    let key0 = cx.key(first);
    let second_is_colon = first + 1 < end && cx.between(first, first + 1).trim() == ":";
    // "Source : AFP", "Sources: Reuters".
    if matches!(key0, "source" | "sources") && (second_is_colon || cx.between(first, first + 1).contains(':'))
    {
        segments(cx, first + 1, end, Some(EntityKind::Org), out);
        return;
    }
    if trimmed.starts_with('©')
        || (key0 == "photo" || key0 == "credit" || key0 == "credits") && second_is_colon
    {
        let from = if trimmed.starts_with('©') { first } else { first + 1 };
        segments(cx, from, end, None, out);
        return;
    }
    // "Rapporte BFMTV" (also at the end of a paragraph), "Suivez l'actualité de X sur".
    for j in first..end {
        let word = cx.word(j);
        if word == "Rapporte" && j + 1 < end {
            segments(cx, j + 1, end, Some(EntityKind::Org), out);
            return;
        }
        if cx.key(j) == "actualite" && j + 2 < end && matches!(cx.key(j + 1), "de" | "d") {
            let stop = (j + 2..end).find(|&k| cx.key(k) == "sur").unwrap_or(end);
            segments(cx, j + 2, stop, Some(EntityKind::Org), out);
            return;
        }
    }
    // "... à Bruxelles.SAUL LOEB | PA": capitals before a bar are a photographer.
    if let Some(bar) = line.rfind('|') {
        let bar_at = line_start + bar;
        let after = (first..end).find(|&k| cx.tok(k).start > bar_at).unwrap_or(end);
        let mut k = after;
        while k > first && cx.tok(k - 1).shape == Shape::Upper && cx.tok(k - 1).end <= bar_at {
            k -= 1;
            if cx.tok(k).gap != super::super::tokens::Gap::Space {
                break;
            }
        }
        if after - k >= 2 {
            out.push(cx.candidate(k, after, EntityKind::Per, Source::Person));
        }
        segments(cx, after, end, None, out);
    }
}

/// Splits tokens `from..end` at `/`, `|`, `,` and `;` and makes a name of each
/// segment made only of capitalised words and particles: a person when it starts with
/// a first name, else `kind` (an organisation when `None`).
fn segments(cx: &Context, from: usize, end: usize, kind: Option<EntityKind>, out: &mut Vec<Candidate>) {
    let mut s = from;
    while s < end {
        let mut e = s + 1;
        while e < end && !cx.between(e - 1, e).contains(['/', '|', ',', ';', '(', ')']) {
            e += 1;
        }
        segment(cx, s, e, kind, out);
        s = e;
    }
}

fn segment(cx: &Context, s: usize, e: usize, kind: Option<EntityKind>, out: &mut Vec<Candidate>) {
    let all_name = (s..e).all(|k| {
        cx.is_capitalised(k)
            || (k > s && cx.is(k, class::PARTICLE))
            || (k > s && matches!(cx.key(k), "la" | "l" | "le" | "les"))
    });
    if !all_name || (e == s + 1 && cx.is(s, class::STOPWORD)) || !cx.is_capitalised(e - 1) {
        return;
    }
    // A known name alone keeps its gazetteer kind.
    if e == s + 1 && cx.cover(s).is_some() {
        return;
    }
    let kind = if cx.is_first_name(s) && e > s + 1 {
        EntityKind::Per
    } else if cx.is(s, class::MISC_HEAD) {
        EntityKind::Misc
    } else {
        kind.unwrap_or(EntityKind::Org)
    };
    out.push(cx.candidate(s, e, kind, Source::Person));
}
