//! Loading the documents a subcommand works on, with the shared error contract.

use std::ops::Deref;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{OpenArgs, exit, fail};
use crate::corpus::{self, Document};
use crate::entities::{self, Recognizer, UserDictionary};

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
    /// An entity dictionary (default: entities.toml in kiosque's config directory, if present).
    #[arg(long, value_name = "PATH")]
    pub entities_dict: Option<PathBuf>,
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

/// The recognizer a run uses: the built-in one, or one with the user's dictionary.
pub enum RunRecognizer {
    /// The built-in gazetteers and rules.
    Builtin(&'static Recognizer),
    /// With the user's `entities.toml`.
    Custom(Box<Recognizer>),
}

impl Deref for RunRecognizer {
    type Target = Recognizer;
    fn deref(&self) -> &Recognizer {
        match self {
            RunRecognizer::Builtin(r) => r,
            RunRecognizer::Custom(r) => r,
        }
    }
}

impl InputArgs {
    /// The entity recognizer for this run: the built-in one, with the user
    /// dictionary when there is one.
    ///
    /// # Errors
    /// Exit code 2 when the dictionary cannot be read or parsed.
    pub fn recognizer(&self) -> Result<RunRecognizer, ExitCode> {
        let path = match &self.entities_dict {
            Some(p) => p.clone(),
            None => match UserDictionary::default_path().filter(|p| p.is_file()) {
                Some(p) => p,
                None => return Ok(RunRecognizer::Builtin(Recognizer::builtin())),
            },
        };
        match UserDictionary::load(&path) {
            Ok(dict) => Ok(RunRecognizer::Custom(Box::new(Recognizer::with_dictionary(dict)))),
            Err(e) => Err(fail(exit::USAGE, format!("entity dictionary {e}"))),
        }
    }

    /// Loads the documents and computes their entities.
    ///
    /// # Errors
    /// As [`InputArgs::load`] and [`InputArgs::recognizer`].
    pub fn load_with_entities(&self) -> Result<Vec<Document>, ExitCode> {
        Ok(self.load_with_recognizer()?.0)
    }

    /// Loads the documents, computes their entities, and returns the recognizer
    /// too (for alias lookups).
    ///
    /// # Errors
    /// As [`InputArgs::load`] and [`InputArgs::recognizer`].
    pub fn load_with_recognizer(&self) -> Result<(Vec<Document>, RunRecognizer), ExitCode> {
        let recognizer = self.recognizer()?;
        let docs = self.load()?;
        entities::annotate(&docs, &recognizer);
        Ok((docs, recognizer))
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
    let input = InputArgs {
        paths: args.paths.clone(),
        demo: args.paths.is_empty(),
        strict: args.strict,
        entities_dict: args.entities_dict.clone(),
    };
    let recognizer = input.recognizer()?;
    let source = if input.demo {
        crate::app::Source::Docs(corpus::demo())
    } else if args.strict {
        crate::app::Source::Docs(input.load()?)
    } else {
        crate::app::Source::Paths(args.paths.clone())
    };
    let options = crate::app::Options {
        theme: args.theme.clone(),
        annotator: Some(std::sync::Arc::new(move |text: &str| recognizer.extract(text))),
        state: args.state.clone(),
    };
    let report = match crate::app::run(source, &options) {
        Ok(report) => report,
        Err(crate::app::AppError::Setup(message)) => return Err(fail(exit::USAGE, message)),
        Err(e) => return Err(fail(exit::USAGE, e)),
    };
    report_warnings(&report.warnings);
    for note in &report.notes {
        eprintln!("kiosque: warning: {note}");
    }
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
