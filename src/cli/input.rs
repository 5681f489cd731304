//! Loading the documents a subcommand works on, with the shared error contract.

use std::io::IsTerminal;
use std::ops::Deref;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{OpenArgs, exit, fail};
use crate::corpus::{self, CacheUpdate, Document, LoadOptions};
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
    /// Read and parse every file instead of using kiosque's parse cache (the
    /// cache is neither read nor written).
    #[arg(long)]
    pub no_cache: bool,
}

impl InputArgs {
    /// Loads the documents, printing warnings to stderr, with a progress bar
    /// when stderr is a terminal; uses and updates the parse cache unless
    /// `--no-cache`.
    ///
    /// # Errors
    /// The exit code to stop with: 2 without input or on a warning under
    /// `--strict`, 1 when nothing was loaded.
    pub fn load(&self) -> Result<Vec<Document>, ExitCode> {
        Ok(self.load_cached(self.entities_key())?.into_saved())
    }

    /// Loads the documents, restoring cached entities computed with the
    /// recognizer `entities` (see [`corpus::cache::entities_key`]); the caller
    /// saves the cache once it has computed what it needs.
    fn load_cached(&self, entities: Option<u64>) -> Result<CachedLoad, ExitCode> {
        if self.paths.is_empty() && !self.demo {
            return Err(fail(
                exit::USAGE,
                "no input: give one or more PATHS (`-` for standard input) or --demo",
            ));
        }
        let mut docs = if self.demo { corpus::demo() } else { Vec::new() };
        let first_loaded = docs.len();
        let mut update = None;
        if !self.paths.is_empty() {
            let cache = if self.no_cache { None } else { corpus::Cache::user() };
            let options = LoadOptions { cache, entities };
            // Drawn from the first progress report on (the total is known then),
            // and only on a terminal.
            let bar = ProgressBar::hidden();
            let terminal = std::io::stderr().is_terminal();
            bar.set_style(
                ProgressStyle::with_template("{prefix} {bar:30} {pos}/{len} files {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_prefix("kiosque: loading");
            let (loaded, cache_update) = corpus::load(&self.paths, &options, |done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                if terminal && bar.is_hidden() {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
            });
            bar.finish_and_clear();
            report(&loaded.warnings, self.strict)?;
            docs.extend(loaded.docs);
            update = cache_update;
        }
        if docs.is_empty() {
            return Err(fail(exit::NOTHING, "nothing was loaded"));
        }
        Ok(CachedLoad { docs, first_loaded, update })
    }

    /// The user dictionary this run uses, if any.
    fn dictionary_path(&self) -> Option<PathBuf> {
        self.entities_dict.clone().or_else(|| UserDictionary::default_path().filter(|p| p.is_file()))
    }

    /// The cache key of this run's recognizer; `None` when its dictionary
    /// cannot be read (then no entities are restored or saved).
    fn entities_key(&self) -> Option<u64> {
        match self.dictionary_path() {
            None => Some(corpus::cache::entities_key(None)),
            Some(path) => std::fs::read(path).ok().map(|b| corpus::cache::entities_key(Some(&b))),
        }
    }
}

/// Documents loaded with the cache, before it is updated.
struct CachedLoad {
    docs: Vec<Document>,
    /// Where the loaded documents start (after the demo corpus).
    first_loaded: usize,
    update: Option<CacheUpdate>,
}

impl CachedLoad {
    /// Updates the cache with the documents as they are now (entities included).
    /// A cache that cannot be written only costs the next start its speed: the
    /// run goes on without a word, as with `--no-cache`.
    fn into_saved(self) -> Vec<Document> {
        if let Some(update) = self.update {
            let _ = update.save(&self.docs[self.first_loaded..]);
        }
        self.docs
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
        Ok(match self.dictionary()? {
            None => RunRecognizer::Builtin(Recognizer::builtin()),
            Some(dict) => RunRecognizer::Custom(Box::new(Recognizer::with_dictionary(dict))),
        })
    }

    /// The user dictionary of this run, read and checked (building a recognizer
    /// from it is the slow part, left to whoever needs one).
    ///
    /// # Errors
    /// Exit code 2 when the dictionary cannot be read or parsed.
    fn dictionary(&self) -> Result<Option<UserDictionary>, ExitCode> {
        let Some(path) = self.dictionary_path() else { return Ok(None) };
        match UserDictionary::load(&path) {
            Ok(dict) => Ok(Some(dict)),
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
        let loaded = self.load_cached(self.entities_key())?;
        entities::annotate(&loaded.docs, &recognizer);
        Ok((loaded.into_saved(), recognizer))
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
/// Files load in the background while the screen is up (through the parse
/// cache unless `--no-cache`) and are watched for changes; their warnings are
/// counted in the status bar and printed once the terminal is restored. Under
/// `--strict` they load first, so that a warning stops kiosque before the
/// screen changes (their watch starts before that load).
pub(super) fn open_reader(args: &OpenArgs) -> Result<ExitCode, ExitCode> {
    let input = InputArgs {
        paths: args.paths.clone(),
        demo: args.paths.is_empty(),
        strict: args.strict,
        entities_dict: args.entities_dict.clone(),
        no_cache: args.no_cache,
    };
    // A mistake in the dictionary is reported before the screen changes; the
    // recognizer itself is built on the entity worker, so that the first frame
    // does not wait for it.
    let annotator = input.dictionary()?.map(|dict| {
        let recognizer = std::sync::OnceLock::new();
        let annotate = move |text: &str| {
            recognizer.get_or_init(|| Recognizer::with_dictionary(dict.clone())).extract(text)
        };
        std::sync::Arc::new(annotate) as crate::app::Annotator
    });
    let source = if input.demo {
        crate::app::Source::Demo(corpus::demo())
    } else if args.strict {
        let watch = crate::app::worker::watcher::watch(&args.paths);
        crate::app::Source::Loaded { docs: input.load()?, watch }
    } else {
        let cache = if input.no_cache { None } else { corpus::Cache::user() };
        let options = LoadOptions { cache, entities: input.entities_key() };
        crate::app::Source::Paths { paths: args.paths.clone(), options }
    };
    let options = crate::app::Options {
        theme: args.theme.clone(),
        annotator,
        state: args.state.clone(),
        entities_dict: args.entities_dict.clone().or_else(UserDictionary::default_path),
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
