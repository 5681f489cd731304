//! `kiosque lookup`: every mention of an entity in context, then what co-occurs
//! with it.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Args;

use super::{InputArgs, exit, fail};
use crate::corpus::Document;
use crate::entities::{EntityKind, Mention, Recognizer};
use crate::lookups::named_entities;
use crate::query::fold;
use crate::text::sanitize::sanitize_line;

/// Arguments of `kiosque lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The entity: a canonical name or an alias (case and accents ignored).
    name: String,
    #[command(flatten)]
    input: InputArgs,
    /// Characters of context on each side of a mention.
    #[arg(long, value_name = "N", default_value_t = 60)]
    context: usize,
}

/// Whether a mention is of the entity the user named.
struct Target {
    /// The folded name as typed and its canonical form, when the dictionary knows it.
    names: Vec<String>,
}

impl Target {
    fn new(name: &str, recognizer: &Recognizer) -> Self {
        let mut names = vec![fold(name.trim(), true)];
        if let Some(canonical) = recognizer.canonical_of(name.trim()) {
            names.push(fold(canonical, true));
        }
        Target { names }
    }

    /// The canonical form or the mention's own text equals a name, or a name is
    /// one of the canonical form's words ("Stoltenberg" for "Jens Stoltenberg").
    fn matches(&self, doc: &Document, m: &Mention) -> bool {
        let canonical = fold(m.canonical(&doc.text), true);
        let text = fold(&doc.text[m.range()], true);
        self.names
            .iter()
            .any(|n| *n == canonical || *n == text || canonical.split_whitespace().any(|w| w == n))
    }
}

pub(super) fn run(args: &LookupArgs) -> Result<ExitCode, ExitCode> {
    let (docs, recognizer) = args.input.load_with_recognizer()?;
    let target = Target::new(&args.name, &recognizer);
    let highlight = io::stdout().is_terminal();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut found = 0usize;
    let mut cooccur: HashMap<(EntityKind, String), usize> = HashMap::new();
    let mut written = Ok(());
    for doc in &docs {
        let mentions: Vec<&Mention> =
            doc.entities.get().into_iter().flatten().filter(|m| target.matches(doc, m)).collect();
        if mentions.is_empty() {
            continue;
        }
        found += mentions.len();
        let own: BTreeSet<&str> = mentions.iter().map(|m| m.canonical(&doc.text)).collect();
        for key in named_entities(doc) {
            if !own.contains(key.1.as_str()) {
                *cooccur.entry(key).or_default() += 1;
            }
        }
        written = written.and_then(|()| {
            mentions.iter().try_for_each(|m| writeln!(out, "{}", kwic(doc, m, args.context, highlight)))
        });
    }
    if found > 0 {
        let mut ranked: Vec<_> = cooccur.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        written = written.and_then(|()| {
            writeln!(out, "\nco-occurring entities (articles):")?;
            ranked.iter().take(30).try_for_each(|((kind, name), n)| {
                writeln!(out, "  {n:>4}  {:<8} {}", kind.label(), sanitize_line(name))
            })
        });
    }
    super::finish_output(written.and_then(|()| out.flush()))?;
    if found == 0 {
        return Err(fail(exit::NOTHING, format!("no mention of {:?}", args.name)));
    }
    Ok(ExitCode::SUCCESS)
}

/// `path:line: …before [mention] after…`, on one line, sanitised.
fn kwic(doc: &Document, m: &Mention, context: usize, highlight: bool) -> String {
    let text = &doc.text;
    let line = text[..m.start()].matches('\n').count() + 1;
    let before_start =
        text[..m.start()].char_indices().rev().nth(context.saturating_sub(1)).map_or(0, |(i, _)| i);
    let after_end = text[m.end()..].char_indices().nth(context).map_or(text.len(), |(i, _)| m.end() + i);
    let flat = |s: &str| sanitize_line(s).into_owned();
    let lead = if before_start > 0 { "…" } else { "" };
    let tail = if after_end < text.len() { "…" } else { "" };
    let (on, off) = if highlight { ("\x1b[1;7m", "\x1b[0m") } else { ("", "") };
    format!(
        "{}:{line}: {lead}{}{on}{}{off}{}{tail}",
        flat(&doc.path),
        flat(&text[before_start..m.start()]),
        flat(&text[m.range()]),
        flat(&text[m.end()..after_end])
    )
}
