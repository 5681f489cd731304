//! Loading documents from paths: directories walked in path order, files read
//! and parsed in parallel, results kept in the order of the arguments.
//!
//! Nothing here writes anywhere: kiosque never changes a corpus.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

mod stream;

pub use stream::{LoadEvent, LoadOptions, load, stream};

use super::cache::Stamp;
use super::decode::{Decoded, decode};
use super::json::{Records, from_json, from_jsonl};
use super::{Document, Warning, parse_article};

/// What loading produced: the documents in order, and what went wrong.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents in the order of the arguments, a directory's files by path.
    pub docs: Vec<Document>,
    /// One warning per file (and line) that could not be fully loaded.
    pub warnings: Vec<Warning>,
}

/// How a file's content is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Plain,
    Json,
    Jsonl,
    /// Standard input: JSON or JSONL when it starts with `{` or `[`.
    Sniff,
}

/// One input to read.
#[derive(Debug)]
pub(super) struct Input {
    /// The path as the user knows it (`-` for standard input).
    pub(super) shown: String,
    format: Format,
    pub(super) source: Source,
    /// The index of the argument it came from.
    pub(super) arg: usize,
    /// Size and modification time at listing, when taken (see [`plan`]).
    pub(super) stamp: Option<Stamp>,
}

/// Where an input's bytes come from.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Source {
    /// Standard input, read before the parallel part.
    Stdin,
    /// A file listed as a regular file. Listing does not `stat` it unless the
    /// cache needs its stamp (the directory entry tells its type): the stamp of
    /// what is read comes from the opened file. `None` when the path is the
    /// input's `shown` (a UTF-8 path, the usual case), which then holds the only copy.
    File(Option<PathBuf>),
    /// A FIFO, socket or device named on the command line: never opened
    /// (reading one could block), only warned about.
    Special,
}

/// What reading one input gave, and the stamp of the file it read (the cache's
/// key; `None` for standard input and for files that could not be read).
pub(super) type Outcome = (Records, Option<Stamp>);

impl Input {
    /// The file to read, for an input read from a file.
    pub(super) fn file(&self) -> Option<&Path> {
        match &self.source {
            Source::File(path) => Some(path.as_deref().unwrap_or(Path::new(&self.shown))),
            Source::Stdin | Source::Special => None,
        }
    }
}

/// Loads every path (`-` is standard input) without the cache, on the calling
/// thread: the same code path as [`stream`], which the reader uses.
#[must_use]
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    load(paths, &LoadOptions::default(), |_, _| {}).0
}

/// The inputs of one load in order, and the warnings met while listing them.
#[derive(Default)]
struct Plan {
    inputs: Vec<Input>,
    warnings: Vec<Warning>,
}

/// Lists the inputs of `paths`, walking directories. `stamps(arg)` says
/// whether to take the stamps of the argument's files while listing: when the
/// cache has entries to compare them with, a `stat` relative to the open
/// directory costs less than one by path later.
fn plan(paths: &[PathBuf], stamps: &dyn Fn(usize) -> bool) -> Plan {
    let mut plan = Plan::default();
    for (arg, path) in paths.iter().enumerate() {
        if path.as_os_str() == "-" {
            let (format, source) = (Format::Sniff, Source::Stdin);
            plan.inputs.push(Input { shown: "-".into(), format, source, arg, stamp: None });
        } else {
            plan.expand(path, arg, stamps(arg));
        }
    }
    plan
}

/// The files loading `dir` would read, in order (for the watcher, when a
/// directory appears).
pub(super) fn article_files(dir: &Path) -> Vec<PathBuf> {
    let inputs = plan(&[dir.to_path_buf()], &|_| false).inputs.into_iter();
    inputs.filter_map(|i| i.file().map(Path::to_path_buf)).collect()
}

/// Reads and parses one input; standard input was read once, up front.
fn read_input(input: &Input, stdin: Option<&std::io::Result<Vec<u8>>>) -> Outcome {
    let records = match &input.source {
        Source::File(path) => {
            let file = path.as_deref().unwrap_or(Path::new(&input.shown));
            return read_file(file, &input.shown, input.format);
        }
        Source::Special => (Vec::new(), vec![not_regular(&input.shown)]),
        Source::Stdin => match stdin {
            Some(Ok(bytes)) => from_bytes(bytes.clone(), "-", Format::Sniff),
            Some(Err(e)) => {
                (Vec::new(), vec![Warning::file("-", format!("cannot read standard input: {e}"))])
            }
            None => (Vec::new(), Vec::new()),
        },
    };
    (records, None)
}

fn not_regular(shown: &str) -> Warning {
    Warning::file(shown, "not a regular file; skipped")
}

fn read_stdin() -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The format a file is read in, from its extension; `None` to skip it inside a
/// directory walk. A file named on the command line is read even without a
/// known extension, as plain text.
pub(super) fn format_of(path: &Path) -> Option<Format> {
    format_of_extension(path.extension().map(std::ffi::OsStr::as_encoded_bytes))
}

/// [`format_of`] for the name of a file listed in a directory, from its bytes:
/// as it is not hidden, its extension is what follows its last dot.
fn format_of_name(name: &[u8]) -> Option<Format> {
    format_of_extension(name.iter().rposition(|&b| b == b'.').map(|dot| &name[dot + 1..]))
}

fn format_of_extension(ext: Option<&[u8]>) -> Option<Format> {
    let Some(ext) = ext else { return Some(Format::Plain) };
    // Case-insensitive without allocating: this runs on every file listed.
    let is = |names: &[&str]| names.iter().any(|n| ext.eq_ignore_ascii_case(n.as_bytes()));
    if is(&["txt", "text", "md"]) {
        Some(Format::Plain)
    } else if is(&["json"]) {
        Some(Format::Json)
    } else if is(&["jsonl", "ndjson"]) {
        Some(Format::Jsonl)
    } else {
        None
    }
}

impl Plan {
    /// Adds `path` (a file, or a directory walked recursively).
    fn expand(&mut self, path: &Path, arg: usize, stamps: bool) {
        let shown = shown(path);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.walk(path, arg, stamps, &mut HashSet::new()),
            Ok(meta) => self.inputs.push(Input {
                format: format_of(path).unwrap_or(Format::Plain),
                shown,
                source: if meta.is_file() { Source::File(Some(path.to_path_buf())) } else { Source::Special },
                arg,
                stamp: Stamp::of(&meta),
            }),
            Err(e) => self.warnings.push(Warning::file(shown, describe(&e))),
        }
    }

    /// Walks `dir` depth-first in path order, skipping hidden entries, files of
    /// other types and directories already visited (symlink loops).
    fn walk(&mut self, dir: &Path, arg: usize, stamps: bool, seen: &mut HashSet<PathBuf>) {
        let warn =
            |plan: &mut Plan, e: &io::Error| plan.warnings.push(Warning::file(shown(dir), describe(e)));
        let real = match fs::canonicalize(dir) {
            Ok(real) => real,
            Err(e) => return warn(self, &e),
        };
        if !seen.insert(real) {
            let why = "directory already visited (symlink loop?); skipped";
            self.warnings.push(Warning::file(shown(dir), why));
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return warn(self, &e),
        };
        // Sorted by name: the paths share this directory's prefix, so comparing
        // their bytes orders them by name, without comparing component by
        // component. Names are unique.
        let mut entries: Vec<(u64, PathBuf, fs::DirEntry)> =
            entries.filter_map(Result::ok).map(|e| (0, e.path(), e)).collect();
        // Each path is this directory's joined with a name: the name is what
        // follows the first `prefix` bytes (read there rather than by parsing the path).
        let prefix = entries.first().map_or(0, |(_, path, e)| path.as_os_str().len() - e.file_name().len());
        entries.retain(|(_, path, _)| !past(path, prefix).starts_with(b"."));
        // The first eight bytes of each name, as a number that compares as they
        // do (names hold no NUL, so a shorter name padded with zeros comes
        // first): most comparisons end there, without comparing the paths.
        for (key, path, _) in &mut entries {
            let mut head = [0; 8];
            let name = past(path, prefix);
            let n = name.len().min(8);
            head[..n].copy_from_slice(&name[..n]);
            *key = u64::from_be_bytes(head);
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.as_os_str().cmp(b.1.as_os_str())));
        for (_, path, entry) in entries {
            // The entry's type comes with the directory listing (no `stat`, unless
            // the file system does not tell, or the stamp is wanted: then relative
            // to the open directory); symbolic links are followed.
            let listed = match entry.file_type() {
                Ok(t) if t.is_symlink() => fs::metadata(&path).map(|m| (m.file_type(), Stamp::of(&m))),
                Ok(t) if t.is_file() && stamps => entry.metadata().map(|m| (m.file_type(), Stamp::of(&m))),
                t => t.map(|t| (t, None)),
            };
            match listed {
                Ok((t, _)) if t.is_dir() => self.walk(&path, arg, stamps, seen),
                Ok((t, stamp)) if t.is_file() => {
                    if let Some(format) = format_of_name(past(&path, prefix)) {
                        // The path is kept once, as `shown`, unless it is not UTF-8.
                        let (shown, path) = match path.into_os_string().into_string() {
                            Ok(shown) => (shown, None),
                            Err(path) => (shown(Path::new(&path)), Some(PathBuf::from(path))),
                        };
                        self.inputs.push(Input { shown, format, source: Source::File(path), arg, stamp });
                    }
                }
                // FIFOs, sockets and devices are not articles; reading one could block.
                Ok(_) => {
                    if format_of(&path).is_some() {
                        self.warnings.push(not_regular(&shown(&path)));
                    }
                }
                Err(e) => self.warnings.push(Warning::file(shown(&path), describe(&e))),
            }
        }
    }
}

/// The bytes of `path` past its first `prefix` ones.
fn past(path: &Path, prefix: usize) -> &[u8] {
    path.as_os_str().as_encoded_bytes().get(prefix..).unwrap_or_default()
}

/// A path as documents and warnings show it (`Path::display`, without
/// formatting machinery for the usual UTF-8 path).
fn shown(path: &Path) -> String {
    path.to_str().map_or_else(|| path.display().to_string(), str::to_owned)
}

/// Reads and parses a file listed as regular, with its stamp.
fn read_file(file: &Path, shown: &str, format: Format) -> Outcome {
    match read_regular(file) {
        Ok(Some((bytes, meta))) => (from_bytes(bytes, shown, format), Stamp::of(&meta)),
        Ok(None) => ((Vec::new(), vec![not_regular(shown)]), None),
        Err(e) => ((Vec::new(), vec![Warning::file(shown, describe(&e))]), None),
    }
}

/// A regular file's bytes and metadata, with one `open`, one `fstat` and
/// (for the usual article) one `read` into a buffer of the file's size; `None`
/// when it is not a regular file any more. It is opened without blocking and
/// without becoming the controlling terminal, in case it was replaced by a FIFO
/// or a device since it was listed. The bytes are those of the size `fstat`
/// gave, so that they match the stamp (a file growing meanwhile is re-read
/// next time: its modification time changed).
fn read_regular(path: &Path) -> io::Result<Option<(Vec<u8>, fs::Metadata)>> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK | libc::O_NOCTTY);
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(None);
    }
    let mut bytes = vec![0; usize::try_from(meta.len()).map_err(io::Error::other)?];
    let mut filled = 0;
    while filled < bytes.len() {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok(Some((bytes, meta)))
}

/// Decodes and parses one input's bytes.
fn from_bytes(bytes: Vec<u8>, shown: &str, format: Format) -> Records {
    let mut warnings = Vec::new();
    let text = match decode(bytes) {
        Decoded::Binary => {
            return (Vec::new(), vec![Warning::file(shown, "binary file skipped")]);
        }
        Decoded::Text { text, note } => {
            warnings.extend(note.map(|n| Warning::file(shown, n)));
            text
        }
    };
    if text.trim().is_empty() {
        warnings.push(Warning::file(shown, "empty file skipped"));
        return (Vec::new(), warnings);
    }
    let format = match format {
        Format::Sniff if text.trim_start().starts_with(['{', '[']) => Format::Json,
        Format::Sniff => Format::Plain,
        f => f,
    };
    let (docs, more) = match format {
        Format::Json => from_json(shown, &text),
        Format::Jsonl => from_jsonl(shown, &text),
        Format::Plain | Format::Sniff => (vec![parse_article(shown, text)], Vec::new()),
    };
    warnings.extend(more);
    (docs, warnings)
}

/// An I/O error in words, without Rust's `(os error N)` suffix.
fn describe(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_lowercase(),
        None => text,
    }
}

#[cfg(test)]
mod tests;
