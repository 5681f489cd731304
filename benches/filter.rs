//! Per-keystroke filter latency: a 10-character query typed one key at a time
//! over 10k and 100k synthetic articles (1M with `KIOSQUE_BENCH_1M=1`, which
//! needs several GB), on one core. Each keystroke is timed until the count and
//! the first screenful of ranked results are known, next to a brute-force
//! memchr substring scan of the same fields (title and text) in the same run.
//!
//! `cargo bench --bench filter` prints a p50/p99 table and runs criterion on
//! whole typed queries; under `cargo test` (no `--bench`) it runs on a tiny
//! corpus, to prove the bench works. Besides wall-clock time, the table gives
//! the thread's CPU time per keystroke (the cpu-time crate), which a machine
//! shared with other work inflates far less.
//!
//! `KIOSQUE_BENCH_SIZES=1000000` picks the corpus sizes (comma-separated) and
//! `KIOSQUE_BENCH_TABLE_ONLY=1` skips criterion: a quick run at one size that
//! builds the index once and only types. The table is followed by the CPU
//! p50/p99 per keystroke position (1st key, 2nd key, ...), to see which keys
//! dominate, and by the engine's heap bytes against the corpus text's.
//! `KIOSQUE_BENCH_DETAIL=1` adds, per typed query, each key's CPU p50/max
//! and match count.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cpu_time::ThreadTime;
use criterion::Criterion;
use kiosque::corpus::Document;
use kiosque::query::{self, Cancel, Engine};
use memchr::memmem;

/// What the analyst types, one key at a time (10 characters each).
const TYPED: &[&str] = &["investisse", "kerbrat ot", "gazoduc ma", "sommet eur", "brest port"];
/// A screenful of results.
const SCREEN: usize = 50;
/// Rounds of typing every query, for stable percentiles.
const ROUNDS: usize = 4;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let mut sizes = if full { vec![10_000, 100_000] } else { vec![400] };
    if full && std::env::var_os("KIOSQUE_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    if let (true, Ok(list)) = (full, std::env::var("KIOSQUE_BENCH_SIZES")) {
        sizes = list.split(',').filter_map(|s| s.trim().parse().ok()).collect();
    }
    let table_only = std::env::var_os("KIOSQUE_BENCH_TABLE_ONLY").is_some();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool");
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    println!("one core; per keystroke until the count and {SCREEN} ranked results are known");
    println!(
        "{:>9} {:>7} | {:>9} {:>9} | {:>9} {:>9} | {:>9} {:>9} | {:>9} {:>9} | {:>6}",
        "docs",
        "index",
        "wall p50",
        "wall p99",
        "cpu p50",
        "cpu p99",
        "scan w50",
        "scan w99",
        "scan c50",
        "scan c99",
        "cpu99x"
    );
    for n in sizes {
        let start = Instant::now();
        let docs = Arc::new(kiosque::synth::documents(1, n));
        let generated = start.elapsed();
        let engine = Engine::new(Arc::clone(&docs));
        let start = Instant::now();
        pool.install(|| engine.build_index());
        let indexed = start.elapsed();
        let (mut ours, mut scan) = (Vec::<Timing>::new(), Vec::<Timing>::new());
        pool.install(|| {
            for _ in 0..ROUNDS {
                for q in TYPED {
                    ours.extend(type_query(&engine, q));
                    scan.extend(type_scan(&docs, q));
                }
            }
        });
        let (p50, p99) = percentiles(&mut ours.iter().map(|t| t.wall).collect::<Vec<_>>());
        let (c50, c99) = percentiles(&mut ours.iter().map(|t| t.cpu).collect::<Vec<_>>());
        let (s50, s99) = percentiles(&mut scan.iter().map(|t| t.wall).collect::<Vec<_>>());
        let (sc50, sc99) = percentiles(&mut scan.iter().map(|t| t.cpu).collect::<Vec<_>>());
        println!(
            "{n:>9} {:>6.1}s | {:>7.2}ms {:>7.2}ms | {:>7.2}ms {:>7.2}ms | {:>7.2}ms {:>7.2}ms | {:>7.2}ms {:>7.2}ms | {:>5.2}x  (generated in {:.1}s)",
            indexed.as_secs_f64(),
            ms(p50),
            ms(p99),
            ms(c50),
            ms(c99),
            ms(s50),
            ms(s99),
            ms(sc50),
            ms(sc99),
            ms(c99) / ms(sc99).max(f64::MIN_POSITIVE),
            generated.as_secs_f64()
        );
        print_positions(&ours);
        if std::env::var_os("KIOSQUE_BENCH_DETAIL").is_some() {
            print_queries(&ours);
        }
        let text: usize = docs.iter().map(|d| d.text.len()).sum();
        let held = engine.heap_bytes();
        println!(
            "          filter index {:.1} MB for {:.1} MB of text: {:.2}x",
            held as f64 / 1e6,
            text as f64 / 1e6,
            held as f64 / text.max(1) as f64
        );
        if table_only {
            continue;
        }
        let label = if n >= 1000 { format!("{}k", n / 1000) } else { n.to_string() };
        let mut group = criterion.benchmark_group(format!("type-10-keys/{label}"));
        group.bench_function("engine", |b| b.iter(|| pool.install(|| type_query(&engine, TYPED[0]))));
        group.bench_function("memchr-scan", |b| b.iter(|| pool.install(|| type_scan(&docs, TYPED[0]))));
        group.finish();
    }
    criterion.final_summary();
}

/// One keystroke's cost: wall-clock and this thread's CPU time.
#[derive(Debug, Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Duration,
    /// Matches found (0 for the scan).
    count: usize,
}

/// Times `f` in wall-clock and in this thread's CPU time; `f` says how many matched.
fn timed(f: impl FnOnce() -> usize) -> Timing {
    let (start, cpu) = (Instant::now(), ThreadTime::now());
    let count = f();
    Timing { wall: start.elapsed(), cpu: cpu.elapsed(), count }
}

/// Types `q` into the engine one key at a time (starting from an empty bar);
/// the time of each keystroke until the count and a ranked screenful are known.
fn type_query(engine: &Engine, q: &str) -> Vec<Timing> {
    let cancel = Cancel::new();
    let _ = engine.search_top(&query::parse("").expect("empty query"), SCREEN, &cancel);
    (1..=q.len())
        .map(|end| {
            timed(|| {
                let query = query::parse(&q[..end]).expect("a valid query");
                let results = engine.search_top(&query, SCREEN, &cancel).expect("not cancelled");
                black_box(results.hits.len());
                results.total_matched
            })
        })
        .collect()
}

/// The floor: a brute-force memchr substring scan of titles and texts for each
/// word typed so far (count, and the first screenful in corpus order).
fn type_scan(docs: &[Document], q: &str) -> Vec<Timing> {
    (1..=q.len())
        .map(|end| {
            timed(|| {
                scan(docs, &q[..end]);
                0
            })
        })
        .collect()
}

fn scan(docs: &[Document], typed: &str) {
    let finders: Vec<memmem::Finder<'_>> = typed.split_whitespace().map(memmem::Finder::new).collect();
    let mut count = 0;
    let mut first = Vec::with_capacity(SCREEN);
    for (i, d) in docs.iter().enumerate() {
        let hit = finders
            .iter()
            .all(|f| f.find(d.title().as_bytes()).is_some() || f.find(d.text.as_bytes()).is_some());
        if hit {
            count += 1;
            if first.len() < SCREEN {
                first.push(i);
            }
        }
    }
    black_box((count, first));
}

/// CPU p50/p99 per keystroke position (timings come in runs of 10 keys).
fn print_positions(ours: &[Timing]) {
    let keys = TYPED[0].len();
    let line: Vec<String> = (0..keys)
        .map(|pos| {
            let mut v: Vec<Duration> = ours.iter().skip(pos).step_by(keys).map(|t| t.cpu).collect();
            let (p50, p99) = percentiles(&mut v);
            format!("{}:{:.1}/{:.1}", pos + 1, ms(p50), ms(p99))
        })
        .collect();
    println!("          cpu p50/p99 ms by key: {}", line.join(" "));
}

/// CPU p50/max per keystroke of each typed query, with its match count
/// (`KIOSQUE_BENCH_DETAIL=1`): which query's keys make the p99.
fn print_queries(ours: &[Timing]) {
    let keys = TYPED[0].len();
    for (i, q) in TYPED.iter().enumerate() {
        let line: Vec<String> = (0..keys)
            .map(|pos| {
                let mut v: Vec<Duration> =
                    ours.chunks(keys).skip(i).step_by(TYPED.len()).map(|run| run[pos].cpu).collect();
                let (p50, _) = percentiles(&mut v);
                let max = v.last().copied().unwrap_or_default();
                let count = ours[i * keys + pos].count;
                format!("{:.1}/{:.1}({count})", ms(p50), ms(max))
            })
            .collect();
        println!("          {q:?}: {}", line.join(" "));
    }
}

fn percentiles(v: &mut [Duration]) -> (Duration, Duration) {
    v.sort_unstable();
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    (at(0.50), at(0.99))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
