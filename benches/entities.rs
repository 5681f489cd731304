//! Entity recognition throughput on a generated corpus (`kiosque::synth`), with a
//! bare aho-corasick pass over the same text, with the same gazetteer names, as the
//! baseline measured in the same run: the ratio says what the rules cost on top of
//! the one automaton pass. `cargo bench --bench entities`; under `cargo test` the
//! corpus is a handful of articles.

use std::hint::black_box;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kiosque::entities::Recognizer;

const LISTS: &[&str] = &[
    include_str!("../src/entities/data/people.tsv"),
    include_str!("../src/entities/data/orgs.tsv"),
    include_str!("../src/entities/data/misc.tsv"),
    include_str!("../src/entities/data/places.tsv"),
    include_str!("../src/entities/data/countries.tsv"),
];

/// Every surface form of the gazetteers, as written.
fn gazetteer_names() -> Vec<String> {
    let mut names: Vec<String> = LISTS
        .iter()
        .flat_map(|l| l.lines())
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| {
            let mut cols = l.split('\t').skip(1);
            let canonical = cols.next().unwrap_or("");
            let aliases = cols.next().unwrap_or("");
            std::iter::once(canonical).chain(aliases.split('|')).map(str::trim).filter(|s| !s.is_empty())
        })
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    names
}

fn bench(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full { 3000 } else { 3 };
    let docs: Vec<String> = kiosque::synth::documents(7, n).into_iter().map(|d| d.text).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let rec = Recognizer::builtin();
    let baseline = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(gazetteer_names())
        .expect("automaton");

    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(if full { 20 } else { 10 });
    group.bench_function("aho_corasick_baseline", |b| {
        b.iter(|| docs.iter().map(|d| baseline.find_iter(black_box(d.as_str())).count()).sum::<usize>());
    });
    group.bench_function("recognizer_extract", |b| {
        b.iter(|| docs.iter().map(|d| rec.extract(black_box(d.as_str())).len()).sum::<usize>());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
