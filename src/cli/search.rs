//! `kiosque search QUERY [PATHS]...`: the filter engine from the command line,
//! ranked as in the reader; for scripts (`--format jsonl`) and for checking what
//! a query selects.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::mark::StateArg;
use super::{InputArgs, exit, fail, json};
use crate::corpus::Document;
use crate::query::{self, Cancel, Engine};
use crate::review::{self, ReviewState, Store};
use crate::text::sanitize::sanitize_line;

/// Arguments of `kiosque search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, in the filter bar's syntax (quote it for the shell).
    query: String,
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Paths)]
    format: Format,
    /// Print at most this many results (the best ones).
    #[arg(long)]
    limit: Option<usize>,
    /// Where `is:` and `label:` read the review state.
    #[command(flatten)]
    state: StateArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One document path per line, best first.
    Paths,
    /// One JSON object per line: path, title, date, score.
    Jsonl,
}

/// The JSON shape of a result (a contract: scripts read these names).
#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    score: i64,
}

pub(super) fn run(args: &SearchArgs) -> Result<ExitCode, ExitCode> {
    let query = query::parse(&args.query).map_err(|e| fail(exit::USAGE, e))?;
    let docs = Arc::new(args.input.load_with_entities()?);
    let engine = Engine::new(Arc::clone(&docs));
    if query.uses_review() {
        engine.set_review_states(review_states(&docs, &args.state)?);
    }
    let cancel = Cancel::new();
    let results = match args.limit {
        Some(k) => engine.search_top(&query, k, &cancel),
        None => engine.search(&query, &cancel),
    }
    .ok_or_else(|| fail(exit::USAGE, "search cancelled"))?;
    if results.total_matched == 0 {
        return Err(fail(exit::NOTHING, format!("nothing matches `{}`", sanitize_line(&args.query))));
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = results.hits.iter().try_for_each(|h| {
        let d = &docs[h.doc];
        match args.format {
            Format::Paths => writeln!(out, "{}", sanitize_line(&d.path)),
            Format::Jsonl => {
                let record = Record { path: &d.path, title: d.title(), date: d.date(), score: h.score };
                json::write_line(&mut out, &record)
            }
        }
    });
    super::finish_output(written.and_then(|()| out.flush()))
}

/// The review states of `docs` from the state file (none when it does not
/// exist yet: nothing was reviewed).
fn review_states(docs: &[Document], state: &StateArg) -> Result<Vec<(usize, ReviewState)>, ExitCode> {
    let path = state.resolve()?;
    if !path.exists() {
        return Ok(Vec::new());
    }
    let store = Store::open_read_only(&path).map_err(|e| fail(exit::USAGE, e))?;
    let keys: Vec<review::ArticleKey> = docs.iter().map(review::key_of).collect();
    let states = store.states(&keys).map_err(|e| fail(exit::USAGE, e))?;
    Ok(keys.iter().enumerate().filter_map(|(i, k)| states.get(k).map(|s| (i, s.clone()))).collect())
}
