//! The inverted index of folded body words, a forward index of each document's
//! words, and folded titles with character masks.
//!
//! A keystroke must cost far less than reading the corpus: a body term becomes a
//! range of the sorted vocabulary (all words with that prefix), answered either
//! from the postings of that range or, when few candidates remain, by a scan of
//! each candidate's sorted word list, whichever is cheaper. Both lists are
//! packed ([`super::packed`]): with them the index is about a fifth of the text.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::fold::{fold, for_each_word};
use super::packed::{pair_len, push_list, read_list, write_pair};
use crate::corpus::Document;

/// Documents per parallel build chunk.
const CHUNK: usize = 2048;

/// A bit per ASCII letter and digit (other characters share bit 63): a cheap
/// necessary condition for a fuzzy or substring match.
#[must_use]
pub fn char_mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | char_bit(b))
}

fn char_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'A'..=b'Z' => 1 << (b - b'A'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        b if b >= 0x80 => 1 << 62,
        _ => 1 << 63,
    }
}

/// The word and title index of a corpus.
#[derive(Debug, Default)]
pub struct Index {
    /// Distinct folded body words, sorted.
    vocab: Vec<Box<str>>,
    /// `post_off[w]`: postings of the words before `w` (for costs).
    post_off: Vec<usize>,
    /// `post_bytes[post_at[w]..post_at[w + 1]]`: the documents holding word
    /// `w`, ascending, each with how often (capped at 255) it holds it
    /// ([`packed`]).
    post_at: Vec<usize>,
    post_bytes: Vec<u8>,
    /// `fwd_bytes[fwd_at[d]..fwd_at[d + 1]]`: the word ids of document `d`,
    /// ascending, each with how often (capped at 255) it occurs there.
    fwd_at: Vec<usize>,
    fwd_bytes: Vec<u8>,
    /// Per document, the first characters of its body words ([`char_mask`] bits).
    body_initials: Vec<u64>,
    /// Folded, lowercased titles, concatenated.
    titles: String,
    title_off: Vec<usize>,
    /// Per document, [`char_mask`] of its folded title.
    title_masks: Vec<u64>,
    /// Per document, the first characters of its title's words.
    title_initials: Vec<u64>,
    /// Per document, [`head_bit`]s of the first two bytes at each word start
    /// of its folded title, but for the [`COMMON_HEADS`] ones.
    title_heads: Vec<u64>,
    /// Per pair of bytes (`a << 8 | b`), its bit in [`Index::title_pairs`]
    /// plus one when it is one of the [`COMMON_HEADS`] pairs that start words
    /// in the most titles, else 0.
    common_heads: Vec<u8>,
    /// Per document, a bit for each of the [`COMMON_HEADS`] pairs that
    /// starts a word of its title: exact, where a hashed bit of a title's
    /// eight or so heads says yes for about one pair in eight that starts
    /// none of its words (`so`, `in`, `br` tested 10–15% of the titles at
    /// the second key; now those that start a word).
    title_pairs: Vec<u64>,
    /// Per [`char_mask`] bit, the documents where a body or title word starts
    /// with it: how many a one-letter term matches, without entities.
    initial_docs: Vec<u32>,
}

/// One chunk's share of the build, with chunk-local word ids.
struct Partial {
    vocab: Vec<Box<str>>,
    /// `lists[doc_off[i]..doc_off[i + 1]]`: document `i`'s distinct words
    /// and their counts, packed ([`push_list`]) as the final forward lists
    /// are: about two bytes a pair where unpacked ids and counts took five.
    /// All chunks are held at once, and what they free after the merge the
    /// allocator mostly keeps (at 1M, 330 MiB less resident this way).
    doc_off: Vec<usize>,
    lists: Vec<u8>,
    initials: Vec<u64>,
}

/// Pairs of bytes that get an exact bit per title ([`Index::title_pairs`]).
const COMMON_HEADS: usize = 64;

/// A bit for a pair of bytes that starts a word (a hash: 64 bits for all
/// pairs), so that a term of two bytes or more skips titles where no word
/// starts like it without reading them.
fn head_bit(a: u8, b: u8) -> u64 {
    1 << ((u32::from(a) * 7 + u32::from(b)) % 64)
}

/// The pair of bytes `a`, `b` as one number (an index of [`Index::common_heads`]).
fn pair(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// Calls `f` with the first two bytes of each place where
/// [`super::matcher::word_starts`] may find a match in `s`: its start and
/// every char after a non-alphanumeric one.
fn for_each_head(s: &str, mut f: impl FnMut(u8, u8)) {
    let bytes = s.as_bytes();
    let mut at_start = true;
    for (i, c) in s.char_indices() {
        if at_start && i + 1 < bytes.len() {
            f(bytes[i], bytes[i + 1]);
        }
        at_start = !c.is_alphanumeric();
    }
}

/// The [`COMMON_HEADS`] pairs that start words in the most of `titles`:
/// per pair, its bit plus one, or 0.
fn common_heads(titles: &[String]) -> Vec<u8> {
    let mut titles_of = vec![0u32; 1 << 16];
    let mut seen = vec![usize::MAX; 1 << 16];
    for (i, t) in titles.iter().enumerate() {
        for_each_head(t, |a, b| {
            let p = pair(a, b);
            if seen[p] != i {
                seen[p] = i;
                titles_of[p] += 1;
            }
        });
    }
    let mut by_count: Vec<usize> = (0..titles_of.len()).filter(|&p| titles_of[p] > 0).collect();
    by_count.sort_unstable_by_key(|&p| (std::cmp::Reverse(titles_of[p]), p));
    let mut table = vec![0u8; 1 << 16];
    for (bit, &p) in by_count.iter().take(COMMON_HEADS).enumerate() {
        table[p] = u8::try_from(bit + 1).unwrap_or(0);
    }
    table
}

/// The heads of `s` (see [`for_each_head`]): exact bits of the common ones
/// (`table`, from [`common_heads`]), [`head_bit`]s of the others.
fn word_heads(s: &str, table: &[u8]) -> (u64, u64) {
    let (mut exact, mut hashed) = (0, 0);
    for_each_head(s, |a, b| match table[pair(a, b)] {
        0 => hashed |= head_bit(a, b),
        bit => exact |= 1 << (bit - 1),
    });
    (exact, hashed)
}

fn build_partial(docs: &[Document]) -> Partial {
    let mut ids: HashMap<Box<str>, u32> = HashMap::new();
    let mut vocab: Vec<Box<str>> = Vec::new();
    let mut doc_off = vec![0];
    let mut lists = Vec::new();
    let mut initials = Vec::with_capacity(docs.len());
    let mut doc_words: Vec<u32> = Vec::new();
    for d in docs {
        doc_words.clear();
        let mut mask = 0;
        for p in d.paragraphs() {
            for_each_word(d.paragraph_text(p), |w| {
                mask |= char_bit(w.as_bytes()[0]);
                let id = match ids.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(vocab.len()).unwrap_or(u32::MAX);
                        vocab.push(w.into());
                        ids.insert(w.into(), id);
                        id
                    }
                };
                doc_words.push(id);
            });
        }
        doc_words.sort_unstable();
        let runs = doc_words.chunk_by(|a, b| a == b);
        push_list(&mut lists, runs.map(|run| (run[0], u8::try_from(run.len()).unwrap_or(u8::MAX))));
        doc_off.push(lists.len());
        initials.push(mask);
    }
    lists.shrink_to_fit();
    Partial { vocab, doc_off, lists, initials }
}

impl Index {
    /// Indexes `docs` (in parallel on the current rayon pool).
    #[must_use]
    pub fn build(docs: &[Document]) -> Index {
        let partials: Vec<Partial> = docs.par_chunks(CHUNK).map(build_partial).collect();
        // Sorted and deduplicated as borrowed words: a copy of every chunk's
        // words would hold them twice at the build's peak.
        let mut words: Vec<&str> = partials.iter().flat_map(|p| p.vocab.iter().map(|w| &**w)).collect();
        words.par_sort_unstable();
        words.dedup();
        let vocab: Vec<Box<str>> = words.into_iter().map(Box::from).collect();
        let remaps: Vec<Vec<u32>> = partials
            .par_iter()
            .map(|p| {
                p.vocab
                    .iter()
                    .map(|w| u32::try_from(vocab.binary_search(w).unwrap_or(0)).unwrap_or(u32::MAX))
                    .collect()
            })
            .collect();
        // Forward lists packed as each chunk is merged, the chunk freed after:
        // the build holds the chunks' word lists or packed ones, not both.
        let mut fwd_at = Vec::with_capacity(docs.len() + 1);
        fwd_at.push(0);
        let mut fwd_bytes = Vec::new();
        let mut body_initials = Vec::with_capacity(docs.len());
        let mut post_off = vec![0usize; vocab.len() + 1];
        let mut pairs: Vec<(u32, u8)> = Vec::new();
        for (p, remap) in partials.into_iter().zip(remaps) {
            for w in p.doc_off.windows(2) {
                pairs.clear();
                pairs.extend(read_list(&p.lists[w[0]..w[1]]).map(|(id, tf)| (remap[id as usize], tf)));
                pairs.sort_unstable_by_key(|&(id, _)| id);
                for &(id, _) in &pairs {
                    post_off[id as usize + 1] += 1;
                }
                push_list(&mut fwd_bytes, pairs.iter().copied());
                fwd_at.push(fwd_bytes.len());
            }
            body_initials.extend_from_slice(&p.initials);
        }
        fwd_bytes.shrink_to_fit();
        for i in 1..post_off.len() {
            post_off[i] += post_off[i - 1];
        }
        let (post_at, post_bytes) = transpose(&fwd_at, &fwd_bytes, vocab.len());
        let folded: Vec<String> = docs.par_iter().map(|d| fold(d.title(), true)).collect();
        let mut titles = String::with_capacity(folded.iter().map(String::len).sum());
        let mut title_off = vec![0];
        let mut title_masks = Vec::with_capacity(docs.len());
        let mut title_initials = Vec::with_capacity(docs.len());
        let mut title_heads = Vec::with_capacity(docs.len());
        let mut title_pairs = Vec::with_capacity(docs.len());
        let common_heads = common_heads(&folded);
        for t in &folded {
            let (exact, hashed) = word_heads(t, &common_heads);
            title_pairs.push(exact);
            title_heads.push(hashed);
            titles.push_str(t);
            title_off.push(titles.len());
            title_masks.push(char_mask(t));
            let mut initials = 0;
            for_each_word(t, |w| initials |= char_bit(w.as_bytes()[0]));
            title_initials.push(initials);
        }
        let mut initial_docs = vec![0u32; 64];
        for (b, t) in body_initials.iter().zip(&title_initials) {
            let mut bits = b | t;
            while bits != 0 {
                initial_docs[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
        Index {
            vocab,
            post_off,
            post_at,
            post_bytes,
            fwd_at,
            fwd_bytes,
            body_initials,
            titles,
            title_off,
            title_masks,
            title_initials,
            title_heads,
            common_heads,
            title_pairs,
            initial_docs,
        }
    }

    /// Bytes this index holds on the heap (capacities, not lengths).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        fn of<T>(v: &Vec<T>) -> usize {
            v.capacity() * size_of::<T>()
        }
        let vocab: usize = self.vocab.iter().map(|w| w.len()).sum::<usize>() + of(&self.vocab);
        vocab
            + of(&self.post_off)
            + of(&self.post_at)
            + of(&self.post_bytes)
            + of(&self.fwd_at)
            + of(&self.fwd_bytes)
            + of(&self.body_initials)
            + self.titles.capacity()
            + of(&self.title_off)
            + of(&self.title_masks)
            + of(&self.title_initials)
            + of(&self.title_heads)
            + of(&self.common_heads)
            + of(&self.title_pairs)
            + of(&self.initial_docs)
    }

    /// Number of documents indexed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.title_masks.len()
    }

    /// The folded, lowercased title of `doc`.
    #[must_use]
    #[inline]
    pub fn title(&self, doc: usize) -> &str {
        &self.titles[self.title_off[doc]..self.title_off[doc + 1]]
    }

    /// [`char_mask`] of the folded title of `doc`.
    #[must_use]
    #[inline]
    pub fn title_mask(&self, doc: usize) -> u64 {
        self.title_masks[doc]
    }

    /// Whether some word of the title of `doc` starts with `first_byte`.
    #[must_use]
    #[inline]
    pub fn title_initial(&self, doc: usize, first_byte: u8) -> bool {
        self.title_initials[doc] & char_bit(first_byte) != 0
    }

    /// Whether some word of the title of `doc` may start with `head` (two
    /// bytes or more; shorter ones always may): `false` means none does.
    #[must_use]
    #[inline]
    pub fn title_head(&self, doc: usize, head: &[u8]) -> bool {
        match head {
            [a, b, ..] => match self.common_heads[pair(*a, *b)] {
                0 => self.title_heads[doc] & head_bit(*a, *b) != 0,
                bit => self.title_pairs[doc] & (1 << (bit - 1)) != 0,
            },
            _ => true,
        }
    }

    /// Whether [`Index::title_head`] is exact for the pair `a`, `b`: `true`
    /// then means that a word of the title starts with it.
    #[must_use]
    pub fn exact_title_head(&self, a: u8, b: u8) -> bool {
        self.common_heads[pair(a, b)] != 0
    }

    /// How many documents have a body or title word starting with `first_byte`.
    #[must_use]
    pub fn initial_docs(&self, first_byte: u8) -> usize {
        self.initial_docs[char_bit(first_byte).trailing_zeros() as usize] as usize
    }

    /// How many documents have a body or title word starting with
    /// `first_byte`, or a count above 0 in `or` (per document).
    #[must_use]
    pub fn initial_docs_or(&self, first_byte: u8, or: &[u16]) -> usize {
        let bit = char_bit(first_byte);
        let initials = self.body_initials.iter().zip(&self.title_initials);
        initials.zip(or).filter(|&((b, t), &o)| (b | t) & bit != 0 || o > 0).count()
    }

    /// Whether some body word of `doc` starts with `first_byte`.
    #[must_use]
    #[inline]
    pub fn body_initial(&self, doc: usize, first_byte: u8) -> bool {
        self.body_initials[doc] & char_bit(first_byte) != 0
    }

    /// The vocabulary ids of the words starting with `prefix`.
    #[must_use]
    pub fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let lo = self.vocab.partition_point(|w| &**w < prefix);
        let hi = lo + self.vocab[lo..].partition_point(|w| w.starts_with(prefix));
        to_u32(lo)..to_u32(hi)
    }

    /// The vocabulary ids of the words equal to `word` (empty or one id).
    #[must_use]
    pub fn word_range(&self, word: &str) -> Range<u32> {
        let lo = self.vocab.partition_point(|w| &**w < word);
        let hi = if self.vocab.get(lo).is_some_and(|w| &**w == word) { lo + 1 } else { lo };
        to_u32(lo)..to_u32(hi)
    }

    /// The vocabulary ids of the words for which `keep` holds (a scan of the
    /// vocabulary: for substring and suffix terms).
    #[must_use]
    pub fn words_where(&self, keep: impl Fn(&str) -> bool + Sync) -> Vec<u32> {
        self.vocab.iter().enumerate().filter(|(_, w)| keep(w)).map(|(i, _)| to_u32(i)).collect()
    }

    /// Total postings of the words in `range`: the cost of answering from postings.
    #[must_use]
    pub fn postings_len(&self, range: &Range<u32>) -> usize {
        self.post_off[range.end as usize] - self.post_off[range.start as usize]
    }

    /// About how many pairs of a forward list [`Index::doc_hits`] reads for
    /// `range` (the list's pairs before the range's end, on average): the
    /// words before it are skipped one by one, so late words of the
    /// vocabulary (`ma`, `po`) cost a scan of most of each list.
    #[must_use]
    pub fn forward_scan_len(&self, range: &Range<u32>) -> usize {
        self.post_off[range.end as usize] / self.len().max(1) + 1
    }

    /// Adds, for each document holding word `word`, its count to `hits`.
    pub fn add_postings(&self, word: u32, hits: &mut [u16]) {
        let w = word as usize;
        for (d, tf) in read_list(&self.post_bytes[self.post_at[w]..self.post_at[w + 1]]) {
            let h = &mut hits[d as usize];
            *h = h.saturating_add(u16::from(tf));
        }
    }

    /// The word ids of `doc`, ascending, with their counts.
    fn doc_words(&self, doc: usize) -> impl Iterator<Item = (u32, u8)> + '_ {
        read_list(&self.fwd_bytes[self.fwd_at[doc]..self.fwd_at[doc + 1]])
    }

    /// How often `doc` holds words in `range` (from its word list): the same
    /// count as [`Index::add_postings`] gives.
    #[must_use]
    pub fn doc_hits(&self, doc: usize, range: &Range<u32>) -> u32 {
        self.doc_words(doc)
            .skip_while(|&(w, _)| w < range.start)
            .take_while(|&(w, _)| w < range.end)
            .map(|(_, tf)| u32::from(tf))
            .sum()
    }

    /// How often `doc` holds any of the (sorted) `words`.
    #[must_use]
    pub fn doc_hits_any(&self, doc: usize, words: &[u32]) -> u32 {
        self.doc_words(doc).filter(|(w, _)| words.binary_search(w).is_ok()).map(|(_, t)| u32::from(t)).sum()
    }
}

/// The postings (the documents of each of `words` words, ascending) of the
/// packed forward lists, written straight into packed form: one pass measures
/// each list, a second fills it in place, so the build never holds unpacked
/// postings (at a million articles they weighed more than the whole index).
fn transpose(fwd_at: &[usize], fwd_bytes: &[u8], words: usize) -> (Vec<usize>, Vec<u8>) {
    let docs = || fwd_at.windows(2).zip(0..).map(|(r, d)| (d, read_list(&fwd_bytes[r[0]..r[1]])));
    let mut last = vec![0u32; words];
    let mut at = vec![0usize; words + 1];
    for (d, list) in docs() {
        for (w, _) in list {
            at[w as usize + 1] += pair_len(d - last[w as usize]);
            last[w as usize] = d;
        }
    }
    for i in 1..at.len() {
        at[i] += at[i - 1];
    }
    let mut bytes = vec![0u8; at[words]];
    let mut cursor = at[..words].to_vec();
    last.fill(0);
    for (d, list) in docs() {
        for (w, tf) in list {
            write_pair(&mut bytes, &mut cursor[w as usize], d - last[w as usize], tf);
            last[w as usize] = d;
        }
    }
    (at, bytes)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;

    fn docs() -> Vec<Document> {
        ["Titre un\n\nLe port de Brest rouvre. Le port attend.", "Title two\n\nThe harbour of Brest reopens."]
            .iter()
            .enumerate()
            .map(|(i, t)| parse_article(format!("t/{i}.txt"), (*t).to_string()))
            .collect()
    }

    #[test]
    fn prefixes_postings_and_forward_lists_agree() {
        let idx = Index::build(&docs());
        assert_eq!(idx.len(), 2);
        assert_eq!(idx.title(1), "title two");
        let brest = idx.word_range("brest");
        assert_eq!(brest.len(), 1);
        assert_eq!(idx.postings_len(&brest), 2);
        let port = idx.prefix_range("port");
        let mut hits = vec![0u16; 2];
        for w in port.clone() {
            idx.add_postings(w, &mut hits);
        }
        assert_eq!(hits, [2, 0], "`port` twice in the first, never in the second");
        assert_eq!((idx.doc_hits(0, &port), idx.doc_hits(1, &port)), (2, 0), "as the postings say");
        assert_eq!(idx.doc_hits(1, &idx.prefix_range("reo")), 1);
        assert!(idx.prefix_range("zzz").is_empty());
        assert!(idx.body_initial(0, b'r') && !idx.body_initial(1, b'p'));
        assert!(idx.title_initial(1, b't') && !idx.title_initial(1, b'i'));
        assert_eq!((idx.initial_docs(b't'), idx.initial_docs(b'p'), idx.initial_docs(b'z')), (2, 1, 0));
        let ending_en = idx.words_where(|w| w.ends_with("ens"));
        assert_eq!((idx.doc_hits_any(1, &ending_en), idx.doc_hits_any(0, &ending_en)), (1, 0));
    }

    #[test]
    fn forward_lists_hold_each_documents_words_and_counts_over_several_chunks() {
        // Chunks number their words on their own; the merge must map every
        // chunk's numbers to the one vocabulary.
        let docs = crate::synth::documents(8, CHUNK + 300);
        let idx = Index::build(&docs);
        for (d, doc) in docs.iter().enumerate() {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for p in doc.paragraphs() {
                for_each_word(doc.paragraph_text(p), |w| *counts.entry(w.to_string()).or_default() += 1);
            }
            let listed: HashMap<String, usize> = idx
                .doc_words(d)
                .map(|(w, tf)| (idx.vocab[w as usize].to_string(), usize::from(tf)))
                .collect();
            let capped: HashMap<String, usize> = counts.into_iter().map(|(w, n)| (w, n.min(255))).collect();
            assert_eq!(listed, capped, "document {d}");
        }
    }

    #[test]
    fn postings_are_the_forward_lists_transposed_over_several_chunks() {
        // More documents than a build chunk, so that chunks merge and gaps
        // between a word's documents cross chunk boundaries.
        let docs = crate::synth::documents(7, CHUNK + 300);
        let idx = Index::build(&docs);
        let words = idx.vocab.len();
        let mut from_forward: Vec<Vec<(u32, u8)>> = vec![Vec::new(); words];
        for d in 0..docs.len() {
            let list: Vec<(u32, u8)> = idx.doc_words(d).collect();
            assert!(list.windows(2).all(|p| p[0].0 < p[1].0), "forward list of {d} ascending");
            for (w, tf) in list {
                from_forward[w as usize].push((to_u32(d), tf));
            }
        }
        for (w, expected) in from_forward.iter().enumerate() {
            let postings: Vec<(u32, u8)> =
                read_list(&idx.post_bytes[idx.post_at[w]..idx.post_at[w + 1]]).collect();
            assert_eq!(&postings, expected, "word {}", idx.vocab[w]);
            assert_eq!(idx.postings_len(&(to_u32(w)..to_u32(w + 1))), expected.len());
        }
        assert_eq!(idx.post_at[words], idx.post_bytes.len(), "no room left unwritten");
    }

    #[test]
    fn forward_scan_len_is_the_mean_of_the_pairs_before_a_range_end() {
        let docs = crate::synth::documents(6, 300);
        let idx = Index::build(&docs);
        for prefix in ["a", "ma", "po", "z"] {
            let range = idx.prefix_range(prefix);
            let before: usize =
                (0..idx.len()).map(|d| idx.doc_words(d).filter(|&(w, _)| w < range.end).count()).sum();
            assert_eq!(idx.forward_scan_len(&range), before / idx.len() + 1, "{prefix}");
        }
        let (early, late) = (idx.prefix_range("a"), idx.prefix_range("po"));
        assert!(
            idx.forward_scan_len(&early) < idx.forward_scan_len(&late),
            "late words read more of each list"
        );
    }

    #[test]
    fn title_heads_never_miss_a_word_start() {
        let idx = Index::build(&crate::synth::documents(2, 200));
        let (mut skipped, mut tried) = (0, 0);
        for d in 0..idx.len() {
            let title = idx.title(d);
            // Heads from this title (some start words) and from the next one (most do not).
            for source in [title, idx.title((d + 1) % idx.len())] {
                for (at, _) in source.char_indices() {
                    let rest = &source[at..];
                    let end = (1..=3).rev().find(|&e| rest.is_char_boundary(e)).unwrap_or(rest.len());
                    let pattern = &rest[..end.min(rest.len())];
                    let starts = super::super::matcher::word_starts(title, pattern).next().is_some();
                    let may = idx.title_head(d, pattern.as_bytes());
                    assert!(may || !starts, "{pattern:?} starts a word of {title:?}");
                    tried += 1;
                    skipped += usize::from(!may);
                }
            }
        }
        assert!(skipped * 3 > tried, "the heads rule most places out: {skipped} of {tried}");
        assert!(idx.title_head(0, b"z"), "one byte says nothing");
    }

    #[test]
    fn common_heads_are_exact() {
        let idx = Index::build(&crate::synth::documents(3, 300));
        let common: Vec<[u8; 2]> = (0..idx.common_heads.len())
            .filter(|&p| idx.common_heads[p] != 0)
            .map(|p| [u8::try_from(p >> 8).unwrap_or(0), u8::try_from(p & 0xff).unwrap_or(0)])
            .collect();
        assert_eq!(common.len(), COMMON_HEADS, "a synthetic corpus has that many pairs");
        let mut starting = 0;
        for d in 0..idx.len() {
            let title = idx.title(d);
            for head in &common {
                let Ok(pattern) = std::str::from_utf8(head) else { continue };
                let starts = super::super::matcher::word_starts(title, pattern).next().is_some();
                assert_eq!(idx.title_head(d, head), starts, "{pattern:?} in {title:?}");
                starting += usize::from(starts);
            }
        }
        assert!(starting > idx.len(), "common pairs start words: {starting}");
    }

    #[test]
    fn masks_hold_the_letters() {
        let m = char_mask("abz9");
        assert_eq!(m & char_mask("ba"), char_mask("ab"));
        assert_ne!(m & char_mask("q"), char_mask("q"));
    }
}
