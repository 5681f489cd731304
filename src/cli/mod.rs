//! The command line: argument parsing, loading the input, and the subcommands.
//!
//! Exit codes are a contract shared by every subcommand: 0 success (warnings
//! allowed), 1 nothing loaded or nothing matched, 2 usage error, fatal I/O error,
//! or any warning under `--strict`.

mod entities;
mod export;
mod input;
pub(crate) mod json;
mod lookup;
mod mark;
mod parse;
mod quotes;
mod search;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use input::InputArgs;

/// kiosque: read, filter and review a corpus of news articles in the terminal.
#[derive(Debug, Parser)]
#[command(name = "kiosque", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A subcommand; without one, kiosque opens the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of the interactive reader.
    #[command(flatten)]
    pub open: OpenArgs,
}

/// Options of the interactive reader (`kiosque [OPTIONS] [PATHS]...`).
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Files and directories to open (`-` for standard input); none opens the demo corpus.
    pub paths: Vec<PathBuf>,
    /// Treat any warning as an error (exit 2).
    #[arg(long)]
    pub strict: bool,
    /// Colour theme: dark (default), light, high-contrast, ansi16, or a user
    /// theme `themes/NAME.toml` in the config dir.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// An entity dictionary (default: entities.toml in kiosque's config directory, if present).
    #[arg(long, value_name = "PATH")]
    pub entities_dict: Option<PathBuf>,
    /// Do not read or write the parse cache.
    #[arg(long)]
    pub no_cache: bool,
    /// The review state file (default: `KIOSQUE_STATE`, else state.sqlite3 in the data dir).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
}

/// The non-interactive subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse articles and print their structure (title, date, source, paragraphs...).
    Parse(parse::ParseArgs),
    /// Find people, organisations, places, events, dates, amounts and quantities.
    Entities(entities::EntitiesArgs),
    /// Search articles with the filter bar's query syntax; print the ranked matches.
    Search(search::SearchArgs),
    /// Quoted passages and who said them.
    Quotes(quotes::QuotesArgs),
    /// Every mention of an entity in context, then the entities that co-occur with it.
    Lookup(lookup::LookupArgs),
    /// Documents, words, dates, languages, sources and top entities of a corpus.
    Stats(stats::StatsArgs),
    /// Record review actions (read, star, labels, note) on articles, for scripts.
    Mark(mark::MarkArgs),
    /// Export the review state: JSON lines, CSV or a Markdown reading list.
    ///
    /// With no PATHS (nor --demo), every article the review state knows, from the
    /// state alone; with PATHS, exactly those articles, reviewed or not.
    Export(export::ExportArgs),
}

/// Exit codes shared by every subcommand.
pub mod exit {
    /// Nothing was loaded, or nothing matched.
    pub const NOTHING: u8 = 1;
    /// A usage error, a fatal I/O error, or a warning under `--strict`.
    pub const USAGE: u8 = 2;
}

/// Runs kiosque with the process's arguments.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Parse(args)) => parse::run(&args),
        Some(Command::Entities(args)) => entities::run(&args),
        Some(Command::Search(args)) => search::run(&args),
        Some(Command::Quotes(args)) => quotes::run(&args),
        Some(Command::Lookup(args)) => lookup::run(&args),
        Some(Command::Stats(args)) => stats::run(&args),
        Some(Command::Mark(args)) => mark::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        None => input::open_reader(&cli.open),
    };
    result.unwrap_or_else(|code| code)
}

/// Prints an error the way every subcommand does and returns `code`.
pub(crate) fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("kiosque: error: {message}");
    ExitCode::from(code)
}

/// Ends a subcommand after writing its output: a closed pipe (`| head`) is not
/// an error, any other write failure is fatal.
pub(crate) fn finish_output(written: std::io::Result<()>) -> Result<ExitCode, ExitCode> {
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(fail(exit::USAGE, format!("writing output: {e}"))),
    }
}
