//! The cache file: a magic number, then length-prefixed frames (a postcard
//! header, then chunks of entries), then a zero length and the entry count, so
//! that a truncated file is recognised as such. Everything read back is checked
//! before use: a frame that fails any check is ignored, and so is the rest of the file.
//!
//! A chunk's frame is its entries in postcard without the documents' texts,
//! then those texts end to end: the bulk of a frame is validated as UTF-8 once,
//! with a SIMD validator, and copied once into each document's `String`,
//! instead of going through serde string by string.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Stamp;
use crate::corpus::document::{IsoDate, Title};
use crate::corpus::{Document, Paragraph, ParagraphKind, Warning};
use crate::entities::Mention;
use crate::entities::intern::Sym;

/// Identifies the format; bumped when the layout of a frame changes.
pub(super) const MAGIC: &[u8; 8] = b"KQCACHE\x05";
/// Entries per frame when writing: small enough to bound a reader's buffer.
const FRAME_ENTRIES: usize = 512;

/// Who wrote the file and for which argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Header {
    /// kiosque's version and build ([`super::build_id`]).
    pub build: String,
    /// The argument's canonical path.
    pub root: String,
    /// The argument as given (documents' paths are built from it).
    pub shown: String,
    /// The recognizer key the cached entities were computed with.
    pub entities: u64,
}

/// One input as cached: its key and what loading it produced.
#[derive(Debug, Deserialize)]
pub(super) struct Entry {
    pub shown: String,
    pub stamp: Stamp,
    pub docs: Vec<CachedDoc>,
    pub warnings: Vec<Warning>,
}

/// The same layout as [`Entry`], borrowed, for writing without copies.
#[derive(Serialize)]
pub(super) struct EntryRef<'a> {
    pub shown: &'a str,
    pub stamp: Stamp,
    pub docs: Vec<DocRef<'a>>,
    pub warnings: &'a [Warning],
}

/// A [`Document`] as stored. The small strings are read where they lie in the
/// frame and turned into what the document keeps (an inline date, interned
/// symbols) without a `String` of their own: a cached load allocates little
/// more than what it keeps.
#[derive(Debug, Deserialize)]
pub(super) struct CachedDoc {
    /// `None` for the entry's own path (a file that is one document, the usual case).
    pub path: Option<String>,
    /// Filled from the frame's texts, which hold `text_len` bytes for it.
    #[serde(skip)]
    text: String,
    text_len: usize,
    title: Title,
    #[serde(deserialize_with = "iso_date")]
    date: Option<IsoDate>,
    #[serde(deserialize_with = "symbol_or_none")]
    source: Option<Sym>,
    url: Option<Box<str>>,
    #[serde(deserialize_with = "symbol")]
    lang: Sym,
    words: u32,
    #[serde(deserialize_with = "unpack_paragraphs")]
    paragraphs: Box<[Paragraph]>,
    trailer: Option<Box<str>>,
    pub entities: Option<Vec<Mention>>,
}

/// The same layout as [`CachedDoc`], borrowed from a [`Document`].
#[derive(Serialize)]
pub(super) struct DocRef<'a> {
    path: Option<&'a str>,
    /// Written after the frame's entries.
    #[serde(skip)]
    text: &'a str,
    text_len: usize,
    title: &'a Title,
    date: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    lang: &'a str,
    words: u32,
    #[serde(serialize_with = "pack_paragraphs")]
    paragraphs: &'a [Paragraph],
    trailer: Option<&'a str>,
    entities: Option<&'a [Mention]>,
}

impl<'a> DocRef<'a> {
    /// Borrows `doc`, read from the input `shown`, with its entities when `with_entities`.
    pub fn new(doc: &'a Document, shown: &str, with_entities: bool) -> Self {
        DocRef {
            path: (doc.path != shown).then_some(doc.path.as_str()),
            text: &doc.text,
            text_len: doc.text.len(),
            title: &doc.title,
            date: doc.date(),
            source: doc.source(),
            url: doc.url(),
            lang: doc.lang(),
            words: doc.words,
            paragraphs: &doc.paragraphs,
            trailer: doc.trailer(),
            entities: if with_entities { doc.entities.get().map(Vec::as_slice) } else { None },
        }
    }
}

impl CachedDoc {
    /// Whether every range slices the text on character boundaries: a cache is
    /// never trusted to keep the invariants the rest of kiosque relies on.
    fn is_valid(&self) -> bool {
        let ok = |start: usize, end: usize| {
            start <= end && self.text.is_char_boundary(start) && self.text.is_char_boundary(end)
        };
        let title = match self.title {
            Title::Span(start, end) => ok(start as usize, end as usize),
            Title::Made(_) => true,
        };
        title
            && self.paragraphs.iter().all(|p| ok(p.start(), p.end()))
            && self.entities.iter().flatten().all(|m| ok(m.start(), m.end()))
    }

    /// The document, with its cached entities when `restore`; `shown` is the
    /// path of the entry, which a document stored without its own takes.
    pub fn into_document(self, shown: impl FnOnce() -> String, restore: bool) -> Document {
        let doc = Document {
            path: self.path.unwrap_or_else(shown),
            text: self.text,
            title: self.title,
            date: self.date,
            source: self.source,
            url: self.url,
            lang: self.lang,
            words: self.words,
            paragraphs: self.paragraphs,
            trailer: self.trailer,
            entities: std::sync::OnceLock::new(),
        };
        if let (true, Some(entities)) = (restore, self.entities) {
            // A fresh cell: this cannot already be set.
            let _ = doc.entities.set(entities);
        }
        doc
    }
}

/// A date as stored: an ISO prefix, refused (the frame with it) unless valid.
fn iso_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<IsoDate>, D::Error> {
    match Option::<&'de str>::deserialize(d)? {
        Some(iso) => IsoDate::new(iso).map(Some).ok_or_else(|| D::Error::custom("not an ISO date")),
        None => Ok(None),
    }
}

/// Paragraph kinds as stored: their index here.
const KINDS: [ParagraphKind; 4] =
    [ParagraphKind::Text, ParagraphKind::Bullet, ParagraphKind::Credit, ParagraphKind::Heading];

/// Bytes per paragraph as stored: its kind, then its start and end (`u32`, little-endian).
const PARAGRAPH_BYTES: usize = 9;

/// Paragraphs as one run of bytes, [`PARAGRAPH_BYTES`] each: read back in one
/// tight loop rather than field by field through serde (a document has a dozen).
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` passes a reference
fn pack_paragraphs<S: Serializer>(paragraphs: &&[Paragraph], s: S) -> Result<S::Ok, S::Error> {
    let mut bytes = Vec::with_capacity(paragraphs.len() * PARAGRAPH_BYTES);
    for p in *paragraphs {
        let kind = KINDS.iter().position(|&k| k == p.kind).unwrap_or_default();
        bytes.push(u8::try_from(kind).unwrap_or_default());
        bytes.extend_from_slice(&p.start.to_le_bytes());
        bytes.extend_from_slice(&p.end.to_le_bytes());
    }
    s.serialize_bytes(&bytes)
}

fn unpack_paragraphs<'de, D: Deserializer<'de>>(d: D) -> Result<Box<[Paragraph]>, D::Error> {
    let bytes = <&'de [u8]>::deserialize(d)?;
    let chunks = bytes.chunks_exact(PARAGRAPH_BYTES);
    if !chunks.remainder().is_empty() {
        return Err(D::Error::custom("paragraphs cut short"));
    }
    let mut paragraphs = Vec::with_capacity(chunks.len());
    for c in chunks {
        let kind = *KINDS.get(usize::from(c[0])).ok_or_else(|| D::Error::custom("not a paragraph kind"))?;
        let at = |i: usize| u32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
        paragraphs.push(Paragraph { kind, start: at(1), end: at(5) });
    }
    Ok(paragraphs.into_boxed_slice())
}

fn symbol<'de, D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
    <&'de str>::deserialize(d).map(Sym::intern)
}

fn symbol_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Sym>, D::Error> {
    Ok(Option::<&'de str>::deserialize(d)?.map(Sym::intern))
}

/// A cache file being read one frame at a time, so that the first documents are
/// served before the whole file is read and only a frame is held ahead. Frames
/// are read straight into one reused buffer (a `BufReader` would copy them once more).
#[derive(Debug)]
pub(super) struct Reader {
    file: File,
    /// Bytes of the file not read yet.
    left: u64,
    /// The current frame's bytes are its first `len`; the rest is left over
    /// from bigger frames, so that growing back to them zeroes nothing.
    buf: Vec<u8>,
    /// Entries read so far, checked against the count at the end.
    entries: usize,
}

/// The file ends early, or holds something that is not what kiosque wrote.
#[derive(Debug)]
pub(super) struct Corrupt;

impl Reader {
    /// Opens a cache file whose header `accept`s; `None` when it is missing,
    /// unreadable, foreign or corrupt before its first entry.
    pub fn open(path: &Path, accept: impl Fn(&Header) -> bool) -> Option<(Header, Reader)> {
        let file = File::open(path).ok()?;
        let left = file.metadata().ok()?.len();
        let mut reader = Reader { file, left, buf: Vec::new(), entries: 0 };
        if reader.bytes(8).ok()? != MAGIC {
            return None;
        }
        let header: Header = postcard::from_bytes(reader.frame().ok()?).ok()?;
        accept(&header).then_some((header, reader))
    }

    /// The next frame's entries, each checked; `Ok(None)` at a well-formed end.
    /// Frames read before a corrupt one were whole and checked, so they stay usable.
    pub fn next_entries(&mut self) -> Result<Option<Vec<Entry>>, Corrupt> {
        let bytes = self.frame()?;
        if bytes.is_empty() {
            let count = u64::from_le_bytes(self.bytes(8)?.try_into().map_err(|_| Corrupt)?);
            let whole = self.left == 0 && usize::try_from(count).is_ok_and(|c| c == self.entries);
            return if whole { Ok(None) } else { Err(Corrupt) };
        }
        let (mut chunk, texts): (Vec<Entry>, _) = postcard::take_from_bytes(bytes).map_err(|_| Corrupt)?;
        let texts = simdutf8::basic::from_utf8(texts).map_err(|_| Corrupt)?;
        let mut at: usize = 0;
        for doc in chunk.iter_mut().flat_map(|e| e.docs.iter_mut()) {
            let end = at.checked_add(doc.text_len).ok_or(Corrupt)?;
            doc.text = texts.get(at..end).ok_or(Corrupt)?.to_owned();
            at = end;
        }
        if at != texts.len() || !chunk.iter().all(|e| e.docs.iter().all(CachedDoc::is_valid)) {
            return Err(Corrupt);
        }
        self.entries += chunk.len();
        Ok(Some(chunk))
    }

    /// One frame's bytes (empty for the end marker).
    fn frame(&mut self) -> Result<&[u8], Corrupt> {
        let len = u64::from_le_bytes(self.bytes(8)?.try_into().map_err(|_| Corrupt)?);
        self.bytes(usize::try_from(len).map_err(|_| Corrupt)?)
    }

    /// The next `n` bytes; `Corrupt` when the file has fewer left (a length
    /// read from the file is never trusted to size a buffer beyond the file).
    fn bytes(&mut self, n: usize) -> Result<&[u8], Corrupt> {
        self.left = self.left.checked_sub(n as u64).ok_or(Corrupt)?;
        if self.buf.len() < n {
            self.buf.resize(n, 0);
        }
        let bytes = &mut self.buf[..n];
        self.file.read_exact(bytes).map_err(|_| Corrupt)?;
        Ok(bytes)
    }
}

/// Reads a whole cache file whose header `accept`s: all of it or nothing.
#[cfg(test)]
pub(super) fn read(path: &Path, accept: impl Fn(&Header) -> bool) -> Option<(Header, Vec<Entry>)> {
    let (header, mut reader) = Reader::open(path, accept)?;
    let mut entries = Vec::new();
    while let Some(chunk) = reader.next_entries().ok()? {
        entries.extend(chunk);
    }
    Some((header, entries))
}

/// Writes a cache file atomically: a private temporary file in the same
/// directory, renamed over the old one, so that a reader never sees half a file.
pub(super) fn write(path: &Path, header: &Header, entries: &[EntryRef<'_>]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    // Left over by a process that died with the same id.
    let _ = fs::remove_file(&tmp);
    let written = write_to(&tmp, header, entries).and_then(|()| fs::rename(&tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

fn write_to(tmp: &Path, header: &Header, entries: &[EntryRef<'_>]) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, create_private_file(tmp)?);
    out.write_all(MAGIC)?;
    let put = |out: &mut BufWriter<File>, bytes: &[u8]| -> io::Result<()> {
        out.write_all(&(bytes.len() as u64).to_le_bytes())?;
        out.write_all(bytes)
    };
    put(&mut out, &postcard::to_stdvec(header).map_err(io::Error::other)?)?;
    for chunk in entries.chunks(FRAME_ENTRIES) {
        let mut frame = postcard::to_stdvec(chunk).map_err(io::Error::other)?;
        for doc in chunk.iter().flat_map(|e| &e.docs) {
            frame.extend_from_slice(doc.text.as_bytes());
        }
        put(&mut out, &frame)?;
    }
    put(&mut out, &[])?;
    out.write_all(&(entries.len() as u64).to_le_bytes())?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?.sync_data()
}

/// Creates `dir` (and its parents) readable by the user only.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates a new file readable by the user only (the corpus may be private).
fn create_private_file(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}
