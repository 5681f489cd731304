//! Loading the documents a subcommand works on, with the shared error contract.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{OpenArgs, exit, fail};
use crate::corpus::{self, Document};

/// The input every subcommand takes.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files and directories (recursive); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Use the demo corpus embedded in the binary.
    #[arg(long)]
    pub demo: bool,
    /// Treat any warning as an error (exit 2).
    #[arg(long)]
    pub strict: bool,
}

impl InputArgs {
    /// Loads the documents, printing warnings to stderr.
    ///
    /// # Errors
    /// The exit code to stop with: 2 without input or on a warning under
    /// `--strict`, 1 when nothing was loaded.
    pub fn load(&self) -> Result<Vec<Document>, ExitCode> {
        if self.paths.is_empty() && !self.demo {
            return Err(fail(
                exit::USAGE,
                "no input: give one or more PATHS (`-` for standard input) or --demo",
            ));
        }
        let mut docs = if self.demo { corpus::demo() } else { Vec::new() };
        if !self.paths.is_empty() {
            let loaded = corpus::load_paths(&self.paths);
            report(&loaded.warnings, self.strict)?;
            docs.extend(loaded.docs);
        }
        if docs.is_empty() {
            return Err(fail(exit::NOTHING, "nothing was loaded"));
        }
        Ok(docs)
    }
}

/// Prints warnings; under `strict`, any warning is fatal.
fn report(warnings: &[corpus::Warning], strict: bool) -> Result<(), ExitCode> {
    for w in warnings {
        eprintln!("kiosque: warning: {w}");
    }
    if strict && !warnings.is_empty() {
        return Err(fail(exit::USAGE, format!("{} warning(s) under --strict", warnings.len())));
    }
    Ok(())
}

/// `kiosque [PATHS]...`: the reader (the demo corpus when no path is given).
///
/// Files load in the background while the screen is up; their warnings are
/// counted in the status bar and printed once the terminal is restored. Under
/// `--strict` they load first, so that a warning stops kiosque before the screen changes.
pub(super) fn open_reader(args: &OpenArgs) -> Result<ExitCode, ExitCode> {
    let source = if args.paths.is_empty() {
        crate::app::Source::Docs(corpus::demo())
    } else if args.strict {
        let input = InputArgs { paths: args.paths.clone(), demo: false, strict: true };
        crate::app::Source::Docs(input.load()?)
    } else {
        crate::app::Source::Paths(args.paths.clone())
    };
    let options = crate::app::Options { theme: args.theme.clone() };
    let report = match crate::app::run(source, &options) {
        Ok(report) => report,
        Err(crate::app::AppError::Setup(message)) => return Err(fail(exit::USAGE, message)),
        Err(e) => return Err(fail(exit::USAGE, e)),
    };
    report_warnings(&report.warnings);
    if let Some(signal) = report.signal {
        return Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(u8::MAX)));
    }
    if report.loaded == 0 {
        return Err(fail(exit::NOTHING, "nothing was loaded"));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the warnings of a load that happened behind the screen.
fn report_warnings(warnings: &[corpus::Warning]) {
    for w in warnings {
        eprintln!("kiosque: warning: {w}");
    }
}
