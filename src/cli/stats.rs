//! `kiosque stats`: what a corpus holds, at a glance.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Args;

use super::InputArgs;
use crate::entities::EntityKind;
use crate::lookups::top_counts;
use crate::text::sanitize::sanitize_line;

/// Arguments of `kiosque stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    input: InputArgs,
    /// How many sources and entities of each kind to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    top: usize,
}

pub(super) fn run(args: &StatsArgs) -> Result<ExitCode, ExitCode> {
    let docs = args.input.load_with_entities()?;
    let words: usize = docs.iter().map(|d| d.words()).sum();
    let dates: Vec<&str> = docs.iter().filter_map(|d| d.date()).collect();
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sources: HashMap<&str, usize> = HashMap::new();
    let mut entities: BTreeMap<EntityKind, HashMap<&str, usize>> = BTreeMap::new();
    for d in &docs {
        *langs.entry(d.lang()).or_default() += 1;
        *sources.entry(d.source().unwrap_or("(none)")).or_default() += 1;
        for m in d.entities.get().into_iter().flatten() {
            *entities.entry(m.kind).or_default().entry(m.canonical(&d.text)).or_default() += 1;
        }
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = (|| -> io::Result<()> {
        writeln!(out, "documents  {}", docs.len())?;
        writeln!(out, "words      {words}")?;
        match (dates.iter().min(), dates.iter().max()) {
            (Some(first), Some(last)) => {
                writeln!(out, "dates      {first} .. {last} ({} undated)", docs.len() - dates.len())?;
            }
            _ => writeln!(out, "dates      none")?,
        }
        let langs: Vec<String> = langs.iter().map(|(l, n)| format!("{l} {n}")).collect();
        writeln!(out, "languages  {}", langs.join(", "))?;
        writeln!(out, "\nsources")?;
        for (name, n) in top_counts(sources, args.top) {
            writeln!(out, "  {n:>6}  {}", sanitize_line(name))?;
        }
        for (kind, counts) in entities {
            writeln!(out, "\n{} (mentions)", kind.label())?;
            for (name, n) in top_counts(counts, args.top) {
                writeln!(out, "  {n:>6}  {}", sanitize_line(name))?;
            }
        }
        out.flush()
    })();
    super::finish_output(written)
}
