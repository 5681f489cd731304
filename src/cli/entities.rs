//! `kiosque entities`: the entity mentions of each document, as a table or JSON lines.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{InputArgs, exit, fail, json};
use crate::corpus::Document;
use crate::entities::{self, EntityKind};
use crate::text::sanitize::sanitize_line;

/// Arguments of `kiosque entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Keep only these kinds (comma-separated: PER,ORG,LOC,MISC,DATE,MONEY,QUANTITY).
    #[arg(long, value_delimiter = ',', value_parser = parse_kind)]
    kinds: Vec<EntityKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Per document: entity, kind and count.
    Table,
    /// One JSON object per mention.
    Jsonl,
}

fn parse_kind(s: &str) -> Result<EntityKind, String> {
    EntityKind::from_label(s)
        .ok_or_else(|| format!("unknown kind {s:?} (PER, ORG, LOC, MISC, DATE, MONEY, QUANTITY)"))
}

/// One mention as JSON (a contract: scripts read these names).
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    kind: EntityKind,
    canonical: &'a str,
}

pub(super) fn run(args: &EntitiesArgs) -> Result<ExitCode, ExitCode> {
    let docs = args.input.load_with_entities()?;
    let keep = |k: EntityKind| args.kinds.is_empty() || args.kinds.contains(&k);
    let total: usize = docs.iter().map(|d| mentions(d).iter().filter(|m| keep(m.kind)).count()).sum();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match args.format {
        Format::Jsonl => write_jsonl(&mut out, &docs, &keep),
        Format::Table => write_table(&mut out, &docs, &keep),
    };
    let code = super::finish_output(written.and_then(|()| out.flush()))?;
    if total == 0 {
        return Err(fail(exit::NOTHING, "no entity found"));
    }
    Ok(code)
}

fn mentions(d: &Document) -> &[entities::Mention] {
    d.entities.get().map_or(&[], Vec::as_slice)
}

fn write_jsonl(
    out: &mut impl Write,
    docs: &[Document],
    keep: &impl Fn(EntityKind) -> bool,
) -> io::Result<()> {
    for d in docs {
        for m in mentions(d).iter().filter(|m| keep(m.kind)) {
            let record = Record {
                path: &d.path,
                start: m.start(),
                end: m.end(),
                text: &d.text[m.range()],
                kind: m.kind,
                canonical: m.canonical(&d.text),
            };
            json::write_line(out, &record)?;
        }
    }
    Ok(())
}

fn write_table(
    out: &mut impl Write,
    docs: &[Document],
    keep: &impl Fn(EntityKind) -> bool,
) -> io::Result<()> {
    for d in docs {
        let mut counts: BTreeMap<(EntityKind, &str), usize> = BTreeMap::new();
        for m in mentions(d).iter().filter(|m| keep(m.kind)) {
            *counts.entry((m.kind, m.canonical(&d.text))).or_default() += 1;
        }
        writeln!(out, "{}", sanitize_line(&d.path))?;
        if counts.is_empty() {
            writeln!(out, "  (no entity)")?;
        }
        let mut rows: Vec<_> = counts.into_iter().collect();
        rows.sort_by(|a, b| a.0.0.cmp(&b.0.0).then(b.1.cmp(&a.1)).then(a.0.1.cmp(b.0.1)));
        for ((kind, name), count) in rows {
            writeln!(out, "  {:<40} {:<8} {count:>4}", sanitize_line(name), kind.label())?;
        }
    }
    Ok(())
}
