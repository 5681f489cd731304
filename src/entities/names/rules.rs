//! The cue rules for a capitalised sequence, and the two rules over lowercase words:
//! geographic head nouns ("golfe de Gascogne") and coordination with a place.

use super::super::EntityKind;
use super::super::lexicon::{class, is_language, is_stopword, looks_like_demonym};
use super::super::resolve::{Candidate, Source};
use super::super::tokens::{Gap, Shape};
use super::{Context, Taken};

/// The rules for a name that may start at token `i`.
pub(super) fn rules_at(cx: &Context, i: usize, out: &mut Vec<Candidate>) {
    let f = cx.flags(i);
    let t = cx.tok(i);
    if (f & class::ORG_HEAD != 0)
        && cx.cover(i).is_none()
        && let Some(end) = org_head_run(cx, i)
    {
        out.push(cx.candidate(i, end, EntityKind::Org, Source::OrgRule));
        return;
    }
    if (f & class::PLACE_HEAD != 0) && cx.cover(i).is_none() && !t.sentence_start {
        let end = cx.title_run(i, 6);
        if end > i + 1 {
            out.push(cx.candidate(i, end, EntityKind::Loc, Source::OrgRule));
            return;
        }
    }
    if (f & class::MISC_HEAD != 0) && cx.cover(i).is_none() {
        let end = cx.title_run(i, 6);
        if end > i + 1 {
            out.push(cx.candidate(i, end, EntityKind::Misc, Source::OrgRule));
            return;
        }
    }
    if (f & class::STOPWORD == 0)
        && (f & class::TITLE == 0)
        && let Some((end, kind)) = tail_run(cx, i)
    {
        out.push(cx.candidate(i, end, kind, Source::OrgRule));
        return;
    }
    let pf = i.checked_sub(1).map_or(0, |p| cx.flags(p));
    // "M. Le Goff": a particle starting a surname after an honorific.
    if (pf & class::HONORIFIC != 0)
        && i + 1 < cx.len()
        && cx.tok(i + 1).gap == Gap::Space
        && cx.is_name_word(i + 1)
        && matches!(cx.key(i), "le" | "la" | "de" | "du" | "van" | "von" | "di" | "da" | "del")
    {
        let end = cx.name_run(i + 1);
        out.push(cx.candidate(i, end, EntityKind::Per, Source::Cue));
        return;
    }
    // "le gazoduc Baltic Amber", "l'opérateur Sirocco Gaz": a cue before a sequence
    // that starts with a known name.
    if cx.cover(i).is_some() && t.gap == Gap::Space && i > 0 && cx.is_lower(i - 1) {
        let kind = if pf & class::MISC_CUE != 0 {
            Some(EntityKind::Misc)
        } else if pf & class::ORG_CUE != 0 {
            Some(EntityKind::Org)
        } else {
            None
        };
        let end = cx.title_run(i, 5);
        if let Some(kind) =
            kind.filter(|_| end > i + 1 && cx.tok(end - 1).start >= cx.cover(i).map_or(0, |h| h.end))
        {
            out.push(cx.candidate(i, end, kind, Source::Event));
            return;
        }
    }
    if !cx.is_name_word(i) {
        return;
    }
    let end = cx.name_run(i);
    if cx.is_first_name(i) && end > i + 1 {
        out.push(cx.candidate(i, end, EntityKind::Per, Source::Person));
        return;
    }
    if let Some((kind, source)) = cued_kind(cx, i, end) {
        out.push(cx.candidate(i, end, kind, source));
        return;
    }
    if t.shape == Shape::Upper && end == i + 1 && (2..=6).contains(&(t.end - t.start)) {
        let upper_beside = |j: usize| j < cx.len() && cx.tok(j).shape == Shape::Upper;
        let joined_before = i > 0 && upper_beside(i - 1) && t.gap == Gap::Space;
        let joined_after = upper_beside(i + 1) && cx.tok(i + 1).gap == Gap::Space;
        let lone = !joined_before && !joined_after;
        if lone && cx.word(i).chars().all(char::is_alphabetic) && (f & class::GENERIC_ACRONYM == 0) {
            out.push(cx.candidate(i, end, EntityKind::Org, Source::Acronym));
        }
    }
}

/// Whether a lowercase word looks like an adjective after an organisation head
/// ("Banque mondiale", "Organisation météorologique mondiale").
fn looks_like_adjective(key: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ale", "aux", "ique", "aire", "ien", "ienne", "ais", "aise", "ois", "oise", "el", "elle", "if",
        "ive", "in", "ine", "iste", "ain", "aine", "e", "ee", "eur", "rice", "ant", "ante", "ent", "ente",
    ];
    key.len() > 3 && !is_stopword(key) && ENDINGS.iter().any(|e| key.ends_with(e))
}

/// "Conseil OTAN-Ukraine", "Observatoire alpin de Sion": a head word, then
/// adjectives, capitalised words (known names included) or particles before one.
fn org_head_run(cx: &Context, i: usize) -> Option<usize> {
    let n = cx.len();
    let mut end = None;
    let mut adjectives_ok = true;
    let mut j = i + 1;
    while j < n && j - i <= 6 {
        let t = cx.tok(j);
        if !matches!(t.gap, Gap::Space | Gap::Elision) || cx.tokens.shouting(t) {
            break;
        }
        let key = cx.key(j);
        if cx.is_capitalised(j) && !cx.is(j, class::STOPWORD) {
            end = Some(j + 1);
            adjectives_ok = false;
        } else if adjectives_ok && cx.is_lower(j) && looks_like_adjective(key) && !cx.tok(i).sentence_start {
            end = Some(j + 1);
        } else if cx.is(j, class::PARTICLE) || matches!(key, "la" | "l") {
            adjectives_ok = false;
        } else {
            break;
        }
        j += 1;
    }
    end
}

/// "Haurizon News", "Technical University of Dresden", "EU Chips Act": capitalised
/// words ending on an organisation or event tail word, with an "of X" complement.
fn tail_run(cx: &Context, i: usize) -> Option<(usize, EntityKind)> {
    let n = cx.len();
    let mut j = i + 1;
    while j < n && j - i < 6 {
        let t = cx.tok(j);
        if t.gap != Gap::Space || !cx.is_capitalised(j) || cx.tokens.shouting(t) {
            return None;
        }
        let kind = if cx.is(j, class::ORG_TAIL) {
            EntityKind::Org
        } else if cx.is(j, class::MISC_TAIL) {
            EntityKind::Misc
        } else {
            j += 1;
            continue;
        };
        let mut end = j + 1;
        if end + 1 < n && matches!(cx.key(end), "of" | "de" | "du" | "des") && cx.tok(end).gap == Gap::Space {
            let more = cx.title_run(end, 4);
            if more > end + 1 {
                end = more;
            }
        }
        return Some((end, kind));
    }
    None
}

/// Whether the sentence before token `i` (up to 12 words back) names a role.
fn role_before(cx: &Context, i: usize) -> bool {
    let mut j = i;
    while j > 0 && i - j < 12 {
        j -= 1;
        if cx.is(j, class::TITLE) {
            return true;
        }
        if cx.tok(j).sentence_start {
            break;
        }
    }
    false
}

/// The kind and source a cue around the words `i..end` gives them.
fn cued_kind(cx: &Context, i: usize, end: usize) -> Option<(EntityKind, Source)> {
    let t = cx.tok(i);
    let n = cx.len();
    let single_key = (end == i + 1).then(|| cx.key(i));
    let demonym = single_key.is_some_and(looks_like_demonym);
    let prev = i.checked_sub(1);
    let prev_key = prev.map(|p| cx.key(p)).unwrap_or_default();
    let pf = prev.map_or(0, |p| cx.flags(p));
    let per = Some((EntityKind::Per, Source::Cue));
    if let Some(p) = prev {
        let between = cx.between(p, i);
        // "M. Stoltenberg", "Mme Marchand".
        if (pf & class::HONORIFIC != 0) && matches!(between.trim_end(), "" | ".") && !between.contains('\n') {
            return per;
        }
        if t.gap == Gap::Space {
            if (pf & class::TITLE != 0) && !demonym {
                return per;
            }
            // "le président russe X": a title, one lowercase word, the name.
            if p > 0
                && cx.is_lower(p)
                && cx.tok(p).gap == Gap::Space
                && cx.is(p - 1, class::TITLE)
                && (pf & class::STOPWORD == 0)
            {
                return per;
            }
            // "a déclaré Stoltenberg à", "said Lindqvist.".
            if (pf & class::REPORTING != 0) && cx.is_lower(p) && !demonym && ends_clause(cx, end) {
                return per;
            }
            // "la région Grand Est".
            if (pf & class::PLACE_NOUN != 0) && cx.is_lower(p) && !demonym {
                return Some((EntityKind::Loc, Source::Place));
            }
            let is_a = matches!(cx.word(p), "à" | "À");
            if (is_a || (pf & class::PLACE_CUE != 0)) && !demonym && !single_key.is_some_and(is_language) {
                return Some((EntityKind::Loc, Source::Place));
            }
            if (pf & class::MISC_CUE != 0) && cx.is_lower(p) {
                return Some((EntityKind::Misc, Source::Event));
            }
            if (pf & class::ORG_CUE != 0) && cx.is_lower(p) {
                return Some((EntityKind::Org, Source::OrgRule));
            }
            // "la Brestoise Maëlle Guivarch", "l'Italien Lorenzo Ferri".
            if end > i + 1 && cx.is_capitalised(p) && looks_like_demonym(prev_key) {
                return per;
            }
        }
        // ", Hélène Marchand," after "La préfète maritime de l'Atlantique".
        if end > i + 1 && between.trim() == "," && role_before(cx, p) {
            return per;
        }
    }
    // "la base américaine de Ramstein", "la ville de Kherson", "near the port of Esbjerg".
    if let Some(p) = prev.filter(|_| matches!(t.gap, Gap::Space | Gap::Elision))
        && matches!(prev_key, "de" | "d" | "of")
        && p > 0
    {
        let noun = if cx.is(p - 1, class::PLACE_NOUN) { Some(p - 1) } else { p.checked_sub(2) };
        if noun.is_some_and(|q| cx.is(q, class::PLACE_NOUN)) && !demonym {
            return Some((EntityKind::Loc, Source::Place));
        }
    }
    // "Quillmark, a Lisbon start-up".
    if end < n && cx.between(end - 1, end).trim() == "," {
        let det = cx.key(end);
        if matches!(det, "a" | "an" | "the" | "un" | "une" | "le" | "la" | "l")
            && cx.is_lower(end)
            // The noun describes this name, not a name that follows it ("…, the agency Aemet").
            && (end + 1..(end + 5).min(n))
                .any(|j| cx.is(j, class::ORG_CUE) && !(j + 1 < n && cx.is_capitalised(j + 1)))
        {
            return Some((EntityKind::Org, Source::OrgRule));
        }
    }
    // "X a déclaré", "X said": not after a determiner ("La Compagnie a déclaré").
    let after_det = prev.is_some_and(|_| {
        matches!(prev_key, "le" | "la" | "les" | "l" | "the" | "un" | "une" | "a" | "an")
            && t.gap != Gap::Break
    });
    if !after_det && !demonym && end < n && cx.tok(end).gap == Gap::Space {
        let verb_at = if cx.is(end, class::AUXILIARY) && end + 1 < n { end + 1 } else { end };
        if (verb_at == end || cx.tok(verb_at).gap == Gap::Space)
            && cx.is(verb_at, class::REPORTING)
            && cx.is_lower(verb_at)
        {
            // A subject in capitals ("CMA CGM a dit") is an organisation.
            let shouted = (i..end).all(|j| cx.tok(j).shape == Shape::Upper);
            return if shouted { Some((EntityKind::Org, Source::Cue)) } else { per };
        }
    }
    None
}

/// Whether the words before token `end` close a clause: punctuation or a preposition
/// follows ("a déclaré Stoltenberg à la presse", "said Lindqvist.").
fn ends_clause(cx: &Context, end: usize) -> bool {
    if end >= cx.len() || cx.tok(end).gap != Gap::Space {
        return true;
    }
    matches!(
        cx.key(end),
        "a" | "lors"
            | "dans"
            | "devant"
            | "en"
            | "au"
            | "aux"
            | "sur"
            | "pendant"
            | "apres"
            | "on"
            | "in"
            | "at"
            | "to"
            | "after"
            | "during"
    )
}

/// "golfe de Gascogne", "lac Léman", "mer du Nord": a geographic head noun and its
/// capitalised name are one place.
pub(super) fn nature_names(cx: &Context, out: &mut Vec<Candidate>) {
    for &i in &cx.tokens.calendar_or_nature {
        let i = i as usize;
        if !cx.tokens.is(i, class::NATURE_HEAD)
            || cx.tok(i).shape != Shape::Lower
            || cx.tokens.shouting(cx.tok(i))
        {
            continue;
        }
        let mut j = i + 1;
        if j < cx.len() && matches!(cx.key(j), "de" | "du" | "des" | "d") && cx.is_lower(j) {
            j += 1;
        }
        if j >= cx.len() || !matches!(cx.tok(j).gap, Gap::Space | Gap::Elision) || !cx.is_capitalised(j) {
            continue;
        }
        if cx.is(j, class::STOPWORD) {
            continue;
        }
        let end = cx.title_run(j, 4);
        out.push(cx.candidate(i, end, EntityKind::Loc, Source::Place));
    }
}

/// "Roscoff et Plymouth", "Rotterdam et d'Anvers": an unknown name joined by "et",
/// "and" or a comma to a place is a place too.
pub(super) fn coordinated_places(cx: &Context, first: usize, out: &mut Vec<Candidate>) {
    let mut places: Vec<(usize, usize)> = Vec::with_capacity(cx.len() / 16);
    places.extend(
        cx.covering_hits()
            .filter(|h| cx.gazetteer.entries[h.entry as usize].kind == EntityKind::Loc)
            .map(|h| (h.start, h.end))
            .chain(out[first..].iter().filter(|c| c.kind == EntityKind::Loc).map(|c| (c.start, c.end))),
    );
    // A few dozen places a document: sorted offsets and a binary search cost less
    // than hashing them.
    let mut ends: Vec<usize> = places.iter().map(|p| p.1).collect();
    let mut starts: Vec<usize> = places.iter().map(|p| p.0).collect();
    ends.sort_unstable();
    starts.sort_unstable();
    let taken: Vec<(usize, usize)> = {
        let mut v: Vec<_> = out[first..].iter().map(|c| (c.start, c.end)).collect();
        v.sort_unstable();
        v
    };
    let is_place_end = |pos: usize| ends.binary_search(&pos).is_ok();
    let is_place_start = |pos: usize| starts.binary_search(&pos).is_ok();
    let mut taken = Taken::new(&taken);
    for &i in &cx.tokens.capitalised {
        let i = i as usize;
        let t = cx.tok(i);
        let inside = taken.inside(t.start);
        if inside || !cx.is_name_word(i) || cx.tokens.shouting(t) {
            continue;
        }
        // Place, "et"/"and" (or a comma), this name; or this name, "et", place.
        let mut link_before = i.checked_sub(1);
        if let Some(p) = link_before.filter(|&p| matches!(cx.key(p), "d" | "de") && p > 0) {
            link_before = Some(p - 1);
        }
        let joined_after_place = link_before.is_some_and(|p| {
            (matches!(cx.key(p), "et" | "and" | "ou" | "or") && p > 0 && is_place_end(cx.tok(p - 1).end))
                || (cx.between(p, i).trim() == "," && is_place_end(cx.tok(p).end))
        });
        let end = cx.name_run(i);
        let mut next = end + 1;
        if next + 1 < cx.len() && matches!(cx.key(next), "d" | "de") {
            next += 1;
        }
        let joined_before_place = next < cx.len()
            && matches!(cx.key(end), "et" | "and" | "ou" | "or")
            && is_place_start(cx.tok(next).start);
        // The demonym test last: it is the dearest, and most words have no link.
        if (joined_after_place || joined_before_place) && !looks_like_demonym(cx.key(i)) {
            out.push(cx.candidate(i, end, EntityKind::Loc, Source::Place));
        }
    }
}
