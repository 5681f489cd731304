//! The parse cache: what loading produced for each file (documents, their
//! entities, warnings), so that a second start on an unchanged corpus skips
//! reading and parsing the files.
//!
//! One cache file per command-line argument (a directory or a file), in
//! kiosque's cache directory, keyed by the argument's canonical path. Inside, each
//! file of the argument is keyed by its path, size and modification time; the
//! whole file by kiosque's version and build. Entities are kept with the key of
//! the recognizer that computed them (a user dictionary changes them). A stale
//! entry is re-read; a cache file of another version or build is ignored; a
//! truncated or corrupt one is ignored from the damaged frame on (the frames
//! before it were whole and checked); either is rewritten. Standard input is
//! never cached.

mod file;

use std::collections::{HashMap, VecDeque};
use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::Document;
use super::Warning;
use super::load::{Input, Outcome};
use file::{DocRef, Entry, EntryRef, Header, Reader};

/// Where the cache lives. Cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// A cache in `dir` (tests, benchmarks).
    #[must_use]
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Cache { dir: dir.into() }
    }

    /// The user's cache: `$KIOSQUE_CACHE_DIR` when set (tests, or a cache on a
    /// bigger disk), else `documents` in the platform's cache directory for
    /// kiosque; `None` when there is no home directory to put it in.
    #[must_use]
    pub fn user() -> Option<Self> {
        if let Some(dir) = std::env::var_os("KIOSQUE_CACHE_DIR").filter(|d| !d.is_empty()) {
            return Some(Cache::at(dir));
        }
        let dirs = directories::ProjectDirs::from("", "", "kiosque")?;
        Some(Cache::at(dirs.cache_dir().join("documents")))
    }

    /// The cache file of one argument.
    fn file_for(&self, root: &str, shown: &str) -> PathBuf {
        let key = fnv1a(&[root.as_bytes(), b"\0", shown.as_bytes()]);
        self.dir.join(format!("{key:016x}.kqc"))
    }
}

/// The key of a recognizer for the cache: the built-in one, or one with a user
/// dictionary (whose bytes are hashed, so that editing it invalidates entities).
#[must_use]
pub fn entities_key(dictionary: Option<&[u8]>) -> u64 {
    match dictionary {
        None => fnv1a(&[b"builtin"]),
        Some(bytes) => fnv1a(&[b"dictionary\0", bytes]),
    }
}

/// A file's size and modification time, as listed: if either changed, the
/// cached entry is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    size: u64,
    /// The modification time since the epoch: seconds, then nanoseconds (a
    /// `u128` of nanoseconds made a stamp 32 bytes aligned to 16, for every listed file).
    mtime: (u64, u32),
}

impl Stamp {
    /// The stamp of a file; `None` when the system gives no usable
    /// modification time (then the file is never cached).
    pub(crate) fn of(meta: &Metadata) -> Option<Stamp> {
        let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp { size: meta.len(), mtime: (mtime.as_secs(), mtime.subsec_nanos()) })
    }
}

/// kiosque's version and this build (the executable's size and time), so that
/// a rebuilt kiosque never trusts what another build parsed.
fn build_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
        let stamp = exe.as_ref().and_then(Stamp::of).map_or((0, (0, 0)), |s| (s.size, s.mtime));
        format!("{} {}-{}.{:09}", env!("CARGO_PKG_VERSION"), stamp.0, stamp.1.0, stamp.1.1)
    })
}

/// FNV-1a, 64 bits: a stable hash for file names and keys (std's hasher may
/// change between Rust releases).
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.iter()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// One argument's cache file during a load.
#[derive(Debug)]
struct ArgFile {
    path: PathBuf,
    header: Header,
    /// The rest of the cache file, read a frame at a time as inputs ask for it.
    reader: Option<Reader>,
    /// Entries read and not taken yet, in the order of the file; any left at
    /// the end are files that went away.
    ahead: VecDeque<Entry>,
    /// Entries read and passed over (inputs came in another order), by path.
    cached: HashMap<String, Entry>,
    /// Whether cached entities are restored (same recognizer).
    restore: bool,
    /// Documents whose entities came from the cache.
    restored: usize,
    /// Whether the file must be rewritten whatever the entities.
    dirty: bool,
}

/// What the load did with one input, for writing the cache afterwards.
#[derive(Debug)]
struct Recorded {
    arg: usize,
    docs: usize,
    /// Key and warnings of a cacheable input.
    key: Option<(String, Stamp, Vec<Warning>)>,
}

/// The cache during one load: reads each argument's file as its inputs come
/// (entries are stored in the order inputs are listed, so an unchanged corpus
/// reads it straight through), hands out its entries and records what was read.
#[derive(Debug)]
pub(super) struct Session {
    files: Vec<Option<ArgFile>>,
    entities: Option<u64>,
    recorded: Vec<Recorded>,
}

/// A cached input to use instead of reading it.
pub(super) struct Hit {
    entry: Entry,
    restore: bool,
}

impl Hit {
    /// The documents and warnings, as loading the file gave them, and its stamp.
    pub(super) fn into_outcome(self) -> Outcome {
        let Entry { shown, stamp, docs, warnings } = self.entry;
        // The last document stored without a path of its own takes the entry's.
        let mut shown = shown;
        let last = docs.iter().rposition(|d| d.path.is_none());
        let docs = (docs.into_iter().enumerate())
            .map(|(i, d)| {
                let path = || if Some(i) == last { std::mem::take(&mut shown) } else { shown.clone() };
                d.into_document(path, self.restore)
            })
            .collect();
        ((docs, warnings), Some(stamp))
    }
}

impl Session {
    /// Reads the headers of the arguments' cache files (not standard input's).
    pub(super) fn open(cache: &Cache, paths: &[PathBuf], entities: Option<u64>) -> Self {
        let files = paths
            .iter()
            .map(|path| (path.as_os_str() != "-").then(|| open_arg(cache, path, entities)).flatten())
            .collect();
        Session { files, entities, recorded: Vec::new() }
    }

    /// Whether argument `arg`'s cache file may hold entries.
    pub(super) fn has_entries(&self, arg: usize) -> bool {
        self.files.get(arg).is_some_and(|f| f.as_ref().is_some_and(|f| f.reader.is_some()))
    }

    /// Forgets the cache files of arguments without a file to read (a missing
    /// path, an empty directory): they are neither used nor written.
    pub(super) fn keep_used(&mut self, inputs: &[Input]) {
        let mut used = vec![false; self.files.len()];
        for input in inputs.iter().filter(|i| i.file().is_some()) {
            used[input.arg] = true;
        }
        for (file, used) in self.files.iter_mut().zip(used) {
            if !used {
                *file = None;
            }
        }
    }

    /// The cached entry of `input`, when it is there and fresh. Entries come in
    /// the order inputs are listed, so for an unchanged corpus each is the next
    /// one read; any other order goes through a map.
    pub(super) fn take(&mut self, input: &Input) -> Option<Hit> {
        let path = input.file()?;
        let file = self.files.get_mut(input.arg)?.as_mut()?;
        let entry = loop {
            if file.ahead.front().is_some_and(|e| e.shown == input.shown) {
                break file.ahead.pop_front();
            }
            if let Some(entry) = file.cached.remove(&input.shown) {
                break Some(entry);
            }
            if !file.ahead.is_empty() {
                file.cached.extend(file.ahead.drain(..).map(|e| (e.shown.clone(), e)));
            } else if !file.read_frame() {
                break None;
            }
        };
        // Listing took the stamp when the cache had entries; else `stat` now.
        let stamp = || {
            let meta = std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file)?;
            Stamp::of(&meta)
        };
        let Some(entry) = entry.filter(|e| Some(e.stamp) == input.stamp.or_else(stamp)) else {
            file.dirty = true;
            return None;
        };
        if file.restore {
            file.restored += entry.docs.iter().filter(|d| d.entities.is_some()).count();
        }
        Some(Hit { entry, restore: file.restore })
    }

    /// Records what loading the input `shown` of argument `arg` gave, in input
    /// order; `stamp` is that of the file read (`None`: not cacheable).
    pub(super) fn record(
        &mut self,
        arg: usize,
        shown: String,
        stamp: Option<Stamp>,
        docs: usize,
        warnings: &[Warning],
    ) {
        let cacheable = self.files.get(arg).is_some_and(Option::is_some);
        let key = stamp.filter(|_| cacheable).map(|s| (shown, s, warnings.to_vec()));
        self.recorded.push(Recorded { arg, docs, key });
    }

    /// The update to save once the caller has the documents it wants cached.
    pub(super) fn finish(mut self) -> CacheUpdate {
        for file in self.files.iter_mut().flatten() {
            // Usually only the end marker is left to read.
            while file.read_frame() {}
            file.dirty |= !file.cached.is_empty() || !file.ahead.is_empty();
            file.cached = HashMap::new();
            file.ahead = VecDeque::new();
        }
        CacheUpdate { files: self.files, entities: self.entities, recorded: self.recorded }
    }
}

impl ArgFile {
    /// Reads the next frame into `ahead`; `false` at the end of the file, or
    /// when the rest is corrupt (then the file is rewritten).
    fn read_frame(&mut self) -> bool {
        let Some(reader) = self.reader.as_mut() else { return false };
        match reader.next_entries() {
            Ok(Some(entries)) => {
                self.ahead.extend(entries);
                true
            }
            Ok(None) => {
                self.reader = None;
                false
            }
            Err(file::Corrupt) => {
                self.reader = None;
                self.dirty = true;
                false
            }
        }
    }
}

/// Opens one argument's cache file; an unusable one starts empty and dirty.
fn open_arg(cache: &Cache, path: &Path, entities: Option<u64>) -> Option<ArgFile> {
    let root = std::fs::canonicalize(path).ok()?.to_string_lossy().into_owned();
    let shown = path.display().to_string();
    let file = cache.file_for(&root, &shown);
    let header = Header { build: build_id().to_string(), root, shown, entities: entities.unwrap_or(0) };
    let same = |h: &Header| h.build == header.build && h.root == header.root && h.shown == header.shown;
    Some(match Reader::open(&file, same) {
        Some((old, reader)) => ArgFile {
            restore: entities == Some(old.entities),
            path: file,
            header,
            reader: Some(reader),
            ahead: VecDeque::new(),
            cached: HashMap::new(),
            restored: 0,
            dirty: false,
        },
        None => ArgFile {
            path: file,
            header,
            reader: None,
            ahead: VecDeque::new(),
            cached: HashMap::new(),
            restore: false,
            restored: 0,
            dirty: true,
        },
    })
}

/// What a load learnt that the cache did not hold; [`CacheUpdate::save`] writes it.
#[derive(Debug)]
pub struct CacheUpdate {
    files: Vec<Option<ArgFile>>,
    entities: Option<u64>,
    recorded: Vec<Recorded>,
}

impl CacheUpdate {
    /// Saves no entities: some were found by another recognizer than the one
    /// the cache is keyed on (the user dictionary was corrected since the load).
    pub fn forget_entities(&mut self) {
        self.entities = None;
    }

    /// Writes the cache files that changed: new, changed or removed files, or
    /// entities computed since the load. `docs` are all the documents the load
    /// sent, in order (entities computed or not); returns how many cache files
    /// were written.
    ///
    /// # Errors
    /// When a cache file cannot be written, or `docs` are not the load's.
    pub fn save(self, docs: &[Document]) -> io::Result<usize> {
        if docs.len() != self.recorded.iter().map(|r| r.docs).sum::<usize>() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not the documents of this load"));
        }
        let with_entities = self.entities.is_some();
        let mut per_arg: Vec<Vec<EntryRef<'_>>> = self.files.iter().map(|_| Vec::new()).collect();
        let mut computed = vec![0; self.files.len()];
        let mut at = 0;
        for r in &self.recorded {
            let docs = &docs[at..at + r.docs];
            at += r.docs;
            let Some((shown, stamp, warnings)) = &r.key else { continue };
            computed[r.arg] += docs.iter().filter(|d| d.entities.get().is_some()).count();
            let docs = docs.iter().map(|d| DocRef::new(d, shown, with_entities)).collect();
            per_arg[r.arg].push(EntryRef { shown, stamp: *stamp, docs, warnings });
        }
        let mut written = 0;
        for ((file, entries), computed) in self.files.iter().zip(&per_arg).zip(computed) {
            let Some(file) = file else { continue };
            if file.dirty || (with_entities && computed > file.restored) {
                file::write(&file.path, &file.header, entries)?;
                written += 1;
            }
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests;
