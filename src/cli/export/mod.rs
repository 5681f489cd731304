//! `kiosque export`: the review state as JSON lines, CSV or a Markdown reading list,
//! or the articles themselves as OpenSearch/Elasticsearch bulk NDJSON (`es-bulk`).
//!
//! With no PATHS (and no `--demo`) it lists every article the state knows, from the
//! state alone (last known path, title, date, source); with PATHS, exactly the
//! articles loaded from them, reviewed or not. `--query` selects with the filter
//! engine, so it needs the articles' text: PATHS or `--demo`, as `es-bulk` does.
//! The state file is only read.

mod csv;
mod es_bulk;
mod markdown;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::mark::StateArg;
use super::{InputArgs, exit, fail};
use crate::corpus::Document;
use crate::query::{self, Cancel, Engine, Query};
use crate::review::{ArticleMeta, Record, ReviewError, Store};

/// Arguments of `kiosque export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Files and directories to export (all of them, reviewed or not); none exports
    /// every article the review state knows.
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Only starred articles.
    #[arg(long)]
    starred: bool,
    /// Only articles with this label.
    #[arg(long, value_name = "L")]
    label: Option<String>,
    /// Only articles matching this query (the filter bar's syntax); needs PATHS or --demo.
    #[arg(long, value_name = "Q")]
    query: Option<String>,
    /// The index named in `es-bulk` action lines (default: kiosque).
    #[arg(long, value_name = "NAME", value_parser = es_bulk::parse_index)]
    index: Option<String>,
    #[command(flatten)]
    state: StateArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// A Markdown reading list grouped by label.
    Md,
    /// OpenSearch/Elasticsearch `_bulk` NDJSON: text, review state and entities; needs PATHS or --demo.
    EsBulk,
}

/// One exported article (a contract: scripts read these names).
#[derive(Serialize)]
struct Row<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    read: bool,
    starred: bool,
    labels: &'a [String],
    note: Option<&'a str>,
}

impl<'a> From<&'a Record> for Row<'a> {
    fn from(r: &'a Record) -> Self {
        Row {
            path: &r.meta.path,
            title: &r.meta.title,
            date: r.meta.date.as_deref(),
            source: r.meta.source.as_deref(),
            read: r.state.read,
            starred: r.state.starred,
            labels: &r.state.labels,
            note: r.state.note.as_deref(),
        }
    }
}

pub(super) fn run(args: &ExportArgs) -> Result<ExitCode, ExitCode> {
    let from_state = args.input.paths.is_empty() && !args.input.demo;
    let query = args.query.as_deref().map(query::parse).transpose().map_err(|e| fail(exit::USAGE, e))?;
    let es_bulk = args.format == Format::EsBulk;
    if from_state && query.is_some() {
        return Err(fail(exit::USAGE, "--query needs the articles' text: give PATHS or --demo"));
    }
    if from_state && es_bulk {
        return Err(fail(exit::USAGE, "--format es-bulk exports the articles' text: give PATHS or --demo"));
    }
    if args.index.is_some() && !es_bulk {
        return Err(fail(exit::USAGE, "--index only applies to --format es-bulk"));
    }
    let docs = match &query {
        _ if from_state => Vec::new(),
        None if !es_bulk => args.input.load()?,
        None => args.input.load_with_entities()?,
        Some(q) => matching(args.input.load_with_entities()?, q)?,
    };
    let path = args.state.resolve()?;
    // Export only reads: a missing state file is an empty state, not one to create.
    let store = if path.exists() { Store::open_read_only(&path) } else { Store::open_in_memory() }
        .map_err(|e| fail(exit::USAGE, e))?;
    let records = if from_state { store.records() } else { records_of(&store, &docs) };
    let mut records = records.map_err(|e: ReviewError| fail(exit::USAGE, e))?;
    let label = args.label.as_deref().map(str::trim);
    let keep: Vec<bool> = records
        .iter()
        .map(|r| {
            (!args.starred || r.state.starred) && label.is_none_or(|l| r.state.labels.iter().any(|x| x == l))
        })
        .collect();
    // With PATHS, records_of gave one record per document, in the same order.
    let docs: Vec<&Document> = docs.iter().zip(&keep).filter_map(|(d, k)| k.then_some(d)).collect();
    let mut kept = keep.iter();
    records.retain(|_| kept.next().is_some_and(|k| *k));
    if records.is_empty() {
        return Err(fail(exit::NOTHING, "nothing to export"));
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match args.format {
        Format::Jsonl => write_jsonl(&mut out, &records),
        Format::Csv => csv::write(&mut out, &records),
        Format::Md => markdown::write(&mut out, &records),
        Format::EsBulk => {
            let index = args.index.as_deref().unwrap_or(es_bulk::DEFAULT_INDEX);
            es_bulk::write(&mut out, index, &docs, &records).map(|skipped| {
                if skipped > 0 {
                    eprintln!(
                        "kiosque: {skipped} copies of articles already exported were skipped (same text, same _id)"
                    );
                }
            })
        }
    };
    super::finish_output(written.and_then(|()| out.flush()))
}

/// The documents `query` selects, in load order.
fn matching(docs: Vec<Document>, query: &Query) -> Result<Vec<Document>, ExitCode> {
    let docs = Arc::new(docs);
    let engine = Engine::new(Arc::clone(&docs));
    let results =
        engine.search(query, &Cancel::new()).ok_or_else(|| fail(exit::USAGE, "search cancelled"))?;
    drop(engine);
    let mut keep = vec![false; docs.len()];
    for hit in &results.hits {
        keep[hit.doc] = true;
    }
    let docs = Arc::try_unwrap(docs).unwrap_or_else(|shared| shared.as_ref().clone());
    Ok(docs.into_iter().zip(keep).filter_map(|(d, k)| k.then_some(d)).collect())
}

/// The loaded documents with their states, in load order.
fn records_of(store: &Store, docs: &[Document]) -> Result<Vec<Record>, ReviewError> {
    let metas: Vec<ArticleMeta> = docs.iter().map(ArticleMeta::from).collect();
    let keys: Vec<_> = metas.iter().map(|m| m.key.clone()).collect();
    let states = store.states(&keys)?;
    Ok(metas
        .into_iter()
        .map(|meta| {
            let state = states.get(&meta.key).cloned().unwrap_or_default();
            Record { meta, state }
        })
        .collect())
}

fn write_jsonl(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    records.iter().try_for_each(|r| super::json::write_line(out, &Row::from(r)))
}
