//! `kiosque quotes`: quoted passages and who said them.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{InputArgs, exit, fail, json};
use crate::query::fold;
use crate::quotes::quotes;
use crate::text::sanitize::sanitize_line;

/// Arguments of `kiosque quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Only quotes by this speaker (any part of the name; case and accents ignored).
    #[arg(long, value_name = "NAME")]
    by: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Speaker and quote, grouped by document.
    Table,
    /// One JSON object per quote.
    Jsonl,
}

/// One quote as JSON (a contract: scripts read these names).
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    speaker: Option<&'a str>,
}

pub(super) fn run(args: &QuotesArgs) -> Result<ExitCode, ExitCode> {
    let docs = args.input.load_with_entities()?;
    let wanted = args.by.as_deref().map(|n| fold(n.trim(), true));
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut found = 0usize;
    let mut written = Ok(());
    for doc in &docs {
        let mut qs = quotes(doc);
        if let Some(wanted) = &wanted {
            qs.retain(|q| q.speaker.as_deref().is_some_and(|s| fold(s, true).contains(wanted.as_str())));
        }
        found += qs.len();
        written = written.and_then(|()| match args.format {
            Format::Jsonl => qs.iter().try_for_each(|q| {
                let record = Record {
                    path: &doc.path,
                    start: q.start,
                    end: q.end,
                    text: &doc.text[q.start..q.end],
                    speaker: q.speaker.as_deref(),
                };
                json::write_line(&mut out, &record)
            }),
            Format::Table if qs.is_empty() => Ok(()),
            Format::Table => {
                writeln!(out, "{}", sanitize_line(&doc.path))?;
                qs.iter().try_for_each(|q| {
                    let speaker = q.speaker.as_deref().unwrap_or("?");
                    writeln!(
                        out,
                        "  {}: « {} »",
                        sanitize_line(speaker),
                        sanitize_line(&doc.text[q.start..q.end])
                    )
                })
            }
        });
    }
    super::finish_output(written.and_then(|()| out.flush()))?;
    if found == 0 {
        return Err(fail(exit::NOTHING, "no quote found"));
    }
    Ok(ExitCode::SUCCESS)
}
