//! A deterministic synthetic corpus: plausible French and English news articles
//! generated from our own word lists and templates.
//!
//! Benchmarks and scale tests need 10k to 1M articles that look like real scrapes
//! (titles, "updated" lines, ` date` headers, bullets, credits, attributions, tag
//! lines; people, organisations, places, dates and amounts; 1.5 to 4 KB each) and
//! that are the same on every machine, so the same seed always gives the same
//! text. Nothing here is copied from a real article.

mod words;

use rayon::prelude::*;

use crate::corpus::{Document, parse_article};
use words::*;

/// A small, fast, seedable generator (SplitMix64): the corpus must be identical
/// on every platform and every run, which rules out `std`'s randomised hashers.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, i: usize) -> Self {
        let mut r = Rng(seed ^ (i as u64).wrapping_mul(0xA076_1D64_78BD_642F));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant for lists of a few dozen words.
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// Skewed towards the start of `0..n`, as word frequencies are (Zipf-like).
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.skewed(list.len())]
    }
}

/// The cast of one article: a few people, organisations and places that recur in
/// it, as they do in real news.
struct Cast {
    people: Vec<(String, &'static str)>,
    orgs: Vec<&'static str>,
    places: Vec<&'static str>,
    year: u32,
    month: u32,
    day: u32,
    french: bool,
}

impl Cast {
    fn new(rng: &mut Rng) -> Self {
        let french = rng.chance(70);
        let people = (0..2 + rng.below(3))
            .map(|_| {
                let name = format!("{} {}", rng.pick(FIRST_NAMES), SURNAMES[rng.below(SURNAMES.len())]);
                let role = if french { rng.pick(ROLES_FR) } else { rng.pick(ROLES_EN) };
                (name, role)
            })
            .collect();
        let orgs = (0..1 + rng.below(3)).map(|_| rng.pick(ORGS)).collect();
        let places = (0..1 + rng.below(3)).map(|_| PLACES[rng.below(PLACES.len())]).collect();
        let year = 2020 + u32::try_from(rng.below(5)).unwrap_or(0);
        let month = 1 + u32::try_from(rng.below(12)).unwrap_or(0);
        let day = 1 + u32::try_from(rng.below(28)).unwrap_or(0);
        Cast { people, orgs, places, year, month, day, french }
    }

    fn person(&self, rng: &mut Rng) -> &str {
        &self.people[rng.skewed(self.people.len())].0
    }

    fn org(&self, rng: &mut Rng) -> &'static str {
        self.orgs[rng.skewed(self.orgs.len())]
    }

    fn place(&self, rng: &mut Rng) -> &'static str {
        self.places[rng.skewed(self.places.len())]
    }

    fn month_name(&self) -> &'static str {
        let m = self.month as usize - 1;
        if self.french { MONTHS_FR[m] } else { MONTHS_EN[m] }
    }

    /// Day of the week, 0 = Sunday (Sakamoto's method).
    fn weekday(&self) -> usize {
        const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 { self.year - 1 } else { self.year };
        ((y + y / 4 - y / 100 + y / 400 + T[self.month as usize - 1] + self.day) % 7) as usize
    }
}

/// An amount of money as the press writes it.
fn amount(rng: &mut Rng, french: bool) -> String {
    let n = 1 + rng.below(950);
    let unit = rng.below(3);
    if french {
        let unit = ["millions", "milliards", "000"][unit];
        let cur = if rng.chance(75) { "d'euros" } else { "de dollars" };
        if unit == "000" { format!("{n} 000 euros") } else { format!("{n} {unit} {cur}") }
    } else {
        let unit = ["million", "billion", "000"][unit];
        let cur = if rng.chance(60) { "$" } else { "€" };
        if unit == "000" { format!("{cur}{n},000") } else { format!("{cur}{n} {unit}") }
    }
}

/// One sentence of body text.
fn sentence(rng: &mut Rng, c: &Cast) -> String {
    let n = 1 + rng.below(900);
    if c.french {
        let (noun, adj, verb) = (rng.pick(NOUNS_FR), rng.pick(ADJS_FR), rng.pick(VERBS_FR));
        match rng.below(9) {
            0 => format!("{} {verb} un {noun} {adj} à {}.", c.person(rng), c.place(rng)),
            1 => {
                format!("Selon {}, le {noun} coûtera {} d'ici {}.", c.org(rng), amount(rng, true), c.year + 1)
            }
            2 => format!(
                "« Nous ne laisserons pas ce {noun} {adj} sans réponse », a déclaré {} {}.",
                rng.pick(ROLES_FR),
                c.person(rng)
            ),
            3 => format!(
                "Le {} {}, {} {verb} le {noun} de {}.",
                c.day,
                c.month_name(),
                c.org(rng),
                c.place(rng)
            ),
            4 => {
                format!("Plus de {n} personnes sont concernées par ce {noun} {adj}, précise {}.", c.org(rng))
            }
            5 => {
                format!("À {}, le {noun} reste {adj} malgré les efforts de {}.", c.place(rng), c.person(rng))
            }
            6 => format!(
                "{} {verb} jeudi que le {noun} serait financé à hauteur de {}.",
                c.person(rng),
                amount(rng, true)
            ),
            7 => format!("Les discussions entre {} et {} se poursuivent.", c.org(rng), c.place(rng)),
            _ => format!("Le {noun} {adj} devrait être examiné avant la fin de l'année {}.", c.year),
        }
    } else {
        let (noun, adj, verb) = (rng.pick(NOUNS_EN), rng.pick(ADJS_EN), rng.pick(VERBS_EN));
        match rng.below(9) {
            0 => format!("{} {verb} a {adj} {noun} in {}.", c.person(rng), c.place(rng)),
            1 => format!(
                "According to {}, the {noun} will cost {} by {}.",
                c.org(rng),
                amount(rng, false),
                c.year + 1
            ),
            2 => format!(
                "\u{201c}We will not leave this {adj} {noun} unanswered,\u{201d} said {} {}.",
                rng.pick(ROLES_EN),
                c.person(rng)
            ),
            3 => format!(
                "On {} {}, {} {verb} the {noun} in {}.",
                c.month_name(),
                c.day,
                c.org(rng),
                c.place(rng)
            ),
            4 => format!("More than {n} people are affected by the {adj} {noun}, {} said.", c.org(rng)),
            5 => {
                format!("In {}, the {noun} remains {adj} despite efforts by {}.", c.place(rng), c.person(rng))
            }
            6 => format!(
                "{} {verb} on Thursday that the {noun} would receive {}.",
                c.person(rng),
                amount(rng, false)
            ),
            7 => format!("Talks between {} and {} are continuing.", c.org(rng), c.place(rng)),
            _ => format!("The {adj} {noun} is expected to be reviewed before the end of {}.", c.year),
        }
    }
}

/// A title, varied in shape as real headlines are.
fn title(rng: &mut Rng, c: &Cast) -> String {
    if c.french {
        let (noun, adj, verb) = (rng.pick(NOUNS_FR), rng.pick(ADJS_FR), rng.pick(VERBS_FR));
        match rng.below(5) {
            0 => format!("{} : {} {verb} un {noun} {adj}", c.place(rng), c.org(rng)),
            1 => format!("{} {verb} le {noun} de {}", c.person(rng), c.place(rng)),
            2 => format!("Le {noun} {adj} de {} coûtera {}", c.place(rng), amount(rng, true)),
            3 => format!("« Un {noun} {adj} » : {} répond à {}", c.person(rng), c.org(rng)),
            _ => format!("Ce que l'on sait du {noun} {adj} à {}", c.place(rng)),
        }
    } else {
        let (noun, adj, verb) = (rng.pick(NOUNS_EN), rng.pick(ADJS_EN), rng.pick(VERBS_EN));
        match rng.below(5) {
            0 => format!("{}: {} {verb} {adj} {noun}", c.place(rng), c.org(rng)),
            1 => format!("{} {verb} {} {noun} plan", c.person(rng), c.place(rng)),
            2 => format!("{} {adj} {noun} to cost {}", c.place(rng), amount(rng, false)),
            3 => format!("What we know about the {adj} {noun} in {}", c.place(rng)),
            _ => format!("{} and {} clash over {noun}", c.org(rng), c.person(rng)),
        }
    }
}

/// The "updated" line, in the article's language, with a correct weekday.
fn updated_line(rng: &mut Rng, c: &Cast) -> String {
    let (h, m) = (6 + rng.below(16), rng.below(60));
    if c.french {
        let day = DAYS_FR[c.weekday()];
        let verb = if rng.chance(50) { "Mis à jour le" } else { "Publié le" };
        format!("{verb} {day} {} {} {} à {h}h{m:02}", c.day, c.month_name(), c.year)
    } else {
        let verb = if rng.chance(50) { "Updated" } else { "Published" };
        let (h12, ampm) = if h >= 12 { (if h == 12 { 12 } else { h - 12 }, "pm") } else { (h, "am") };
        let day = if rng.chance(50) { format!("{}, ", DAYS_EN[c.weekday()]) } else { String::new() };
        format!("{verb} {day}{} {}, {} at {h12}:{m:02} {ampm}", c.month_name(), c.day, c.year)
    }
}

/// The text of article `i` of the corpus seeded by `seed`, in the plain-text
/// scraped format `corpus::parse_article` reads.
#[must_use]
pub fn article(seed: u64, i: usize) -> String {
    let mut rng = Rng::new(seed, i);
    let c = Cast::new(&mut rng);
    let target = 1500 + rng.below(2500);
    let mut out = String::with_capacity(target + 400);
    let date_header = rng.chance(15);
    if date_header {
        out.push_str(&format!(" date {}-{:02} ", c.year, c.month));
    } else {
        out.push_str(&title(&mut rng, &c));
        out.push_str("\n\n");
        if rng.chance(60) {
            out.push_str(&updated_line(&mut rng, &c));
            out.push_str("\n\n");
        }
    }
    let first_paragraph_len = out.len();
    while out.len() < target {
        let roll = rng.below(100);
        if roll < 6 && out.len() > first_paragraph_len {
            // A short heading, without final punctuation.
            let noun = if c.french { rng.pick(NOUNS_FR) } else { rng.pick(NOUNS_EN) };
            out.push_str(&format!("{} {noun}\n\n", if c.french { "Un" } else { "The" }));
        } else if roll < 10 && out.len() > first_paragraph_len {
            for _ in 0..2 + rng.below(3) {
                out.push_str("  • ");
                out.push_str(&sentence(&mut rng, &c));
                out.push('\n');
            }
            out.push('\n');
        } else if roll < 12 && out.len() > first_paragraph_len {
            out.push_str(&format!(
                "{}, à {}. {} | {}\n\n",
                c.person(&mut rng),
                c.place(&mut rng),
                "Photo",
                "AFP"
            ));
        } else {
            let n = 2 + rng.below(3);
            let para: Vec<String> = (0..n).map(|_| sentence(&mut rng, &c)).collect();
            out.push_str(&para.join(" "));
            out.push_str("\n\n");
        }
    }
    let source = SOURCES[rng.below(SOURCES.len())];
    match (rng.below(6), c.french) {
        (0, true) => out.push_str(&format!("Rapporte {source}\n")),
        (1, true) => out.push_str(&format!("Suivez l'actualité de {source} sur\n")),
        (0 | 1, false) => out.push_str(&format!("Source: {source}\n")),
        (2, _) => out.push_str(&format!("Source : {source}\n")),
        (3, _) => out.push_str(if c.french { "(AFP)\n" } else { "(Reuters)\n" }),
        _ => {}
    }
    if rng.chance(10) {
        out.push_str(&format!("\n    {}\n", TAGS[rng.below(TAGS.len())]));
    }
    if c.french { elide(&out) } else { out }
}

/// French elision, which the templates cannot know in advance: "le accord" →
/// "l'accord", "ce hôpital" → "cet hôpital", "de Alsace" → "d'Alsace".
fn elide(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(space) = rest.find(' ') {
        let (word, after) = (&rest[..space], &rest[space + 1..]);
        let vowel = after.chars().next().is_some_and(|c| "aeiouyhéèêâàîôAEIOUÉÈÎ".contains(c));
        match word.rsplit('\n').next().filter(|_| vowel) {
            Some(last @ ("le" | "Le" | "de" | "ce")) => {
                out.push_str(&word[..word.len() - last.len()]);
                out.push_str(match last {
                    "le" => "l'",
                    "Le" => "L'",
                    "de" => "d'",
                    _ => "cet ",
                });
            }
            _ => {
                out.push_str(word);
                out.push(' ');
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The first `n` articles of the corpus seeded by `seed`, parsed (in parallel),
/// with paths `synth/NNNNNNN.txt`.
#[must_use]
pub fn documents(seed: u64, n: usize) -> Vec<Document> {
    (0..n).into_par_iter().map(|i| parse_article(format!("synth/{i:07}.txt"), article(seed, i))).collect()
}

#[cfg(test)]
mod tests;
