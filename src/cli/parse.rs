//! `kiosque parse`: each document's structure, as a table or as JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{InputArgs, json};
use crate::corpus::{Document, Paragraph};
use crate::text::sanitize::sanitize_line;

/// Arguments of `kiosque parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A human summary, one line per document.
    Table,
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
}

/// The JSON shape of a parsed document (a contract: scripts read these names).
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    lang: &'a str,
    words: usize,
    paragraphs: &'a [Paragraph],
    body: String,
    trailer: Option<&'a str>,
}

impl<'a> From<&'a Document> for Record<'a> {
    fn from(d: &'a Document) -> Self {
        Record {
            path: &d.path,
            title: d.title(),
            date: d.date(),
            source: d.source(),
            lang: d.lang(),
            words: d.words(),
            paragraphs: d.paragraphs(),
            body: d.body(),
            trailer: d.trailer(),
        }
    }
}

pub(super) fn run(args: &ParseArgs) -> Result<ExitCode, ExitCode> {
    let docs = args.input.load()?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match args.format {
        Format::Jsonl => docs.iter().try_for_each(|d| json::write_line(&mut out, &Record::from(d))),
        Format::Json => json::write_pretty(&mut out, &docs.iter().map(Record::from).collect::<Vec<_>>()),
        Format::Table => write_table(&mut out, &docs),
    };
    super::finish_output(written.and_then(|()| out.flush()))
}

fn write_table(out: &mut impl Write, docs: &[Document]) -> io::Result<()> {
    writeln!(
        out,
        "{:<10}  {:<4} {:>6} {:>5}  {:<20}  TITLE / PATH",
        "DATE", "LANG", "WORDS", "PARAS", "SOURCE"
    )?;
    for d in docs {
        let date = d.date().map_or("-", |s| s.get(..10).unwrap_or(s));
        let source: String = sanitize_line(d.source().unwrap_or("-")).chars().take(20).collect();
        writeln!(
            out,
            "{date:<10}  {:<4} {:>6} {:>5}  {source:<20}  {}",
            d.lang(),
            d.words(),
            d.paragraphs().len(),
            sanitize_line(d.title())
        )?;
        writeln!(out, "{:52}{}", "", sanitize_line(&d.path))?;
    }
    Ok(())
}
