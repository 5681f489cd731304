//! Loading a corpus on one core: 10k and 100k generated articles (1M with
//! `KIOSQUE_BENCH_1M=1`, which needs several GB of disk and memory and minutes)
//! read and parsed without the cache and restored from it, next to reading the
//! same files whole (what `cat` does) in the same run, the page cache warm for
//! all three.
//!
//! `cargo bench --bench load` prints a throughput table with the ratios, then
//! runs criterion on each; under `cargo test` (no `--bench`) it runs on a tiny
//! corpus, to prove the bench works. `benches/table.sh` adds entities and peak RSS.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use kiosque::corpus::{self, Cache, Document, LoadOptions};
use rayon::prelude::*;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let mut sizes = if full { vec![10_000, 100_000] } else { vec![150] };
    if full && std::env::var_os("KIOSQUE_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-load");
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(if full { 10 } else { 1 }))
        .configure_from_args();
    // Measured on one core (the loader uses the global pool); generated on all.
    rayon::ThreadPoolBuilder::new().num_threads(1).build_global().expect("one-thread pool");
    let all = rayon::ThreadPoolBuilder::new().build().expect("a pool");
    let corpora: Vec<PathBuf> = all.install(|| sizes.iter().map(|&n| corpus_dir(&root, n)).collect());
    println!(
        "{:>9} {:>8} | {:>9} | {:>9} {:>6} | {:>9} {:>7}",
        "docs", "MB", "cat MB/s", "load MB/s", "x cat", "cache MB/s", "x load"
    );
    for (&n, dir) in sizes.iter().zip(&corpora) {
        let files = list(dir);
        let cache = Cache::at(root.join(format!("cache-{n}")));
        let _ = fs::remove_dir_all(root.join(format!("cache-{n}")));
        let (docs, update) = load(dir, Some(&cache));
        assert_eq!(docs.len(), n);
        update.expect("a cache").save(&docs).expect("cache written");
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        drop(docs);
        // Warm the page cache, then take the best of three of each.
        cat(&files);
        let cat_s = best(|| cat(&files));
        let load_s = best(|| load(dir, None).0.len());
        let cached_s = best(|| load(dir, Some(&cache)).0.len());
        let mb = bytes as f64 / 1e6;
        println!(
            "{n:>9} {mb:>8.1} | {:>9.1} | {:>9.1} {:>5.2}x | {:>9.1} {:>6.2}x",
            mb / cat_s,
            mb / load_s,
            cat_s / load_s,
            mb / cached_s,
            load_s / cached_s
        );
        let label = if n >= 1000 { format!("{}k", n / 1000) } else { n.to_string() };
        let mut group = criterion.benchmark_group(format!("load/{label}"));
        group.bench_function("cat", |b| b.iter(|| cat(&files)));
        group.bench_function("no-cache", |b| b.iter(|| black_box(load(dir, None).0.len())));
        group.bench_function("cache", |b| b.iter(|| black_box(load(dir, Some(&cache)).0.len())));
        group.finish();
    }
    criterion.final_summary();
}

/// A generated corpus of `n` articles, written once and kept between runs.
fn corpus_dir(root: &Path, n: usize) -> PathBuf {
    let dir = root.join(format!("corpus-{n}"));
    let done = root.join(format!("corpus-{n}.done"));
    if !done.exists() {
        let _ = fs::remove_dir_all(&dir);
        (0..n.div_ceil(1000)).into_par_iter().for_each(|chunk| {
            let sub = dir.join(format!("{chunk:04}"));
            fs::create_dir_all(&sub).expect("corpus directory");
            for i in chunk * 1000..((chunk + 1) * 1000).min(n) {
                fs::write(sub.join(format!("{i:07}.txt")), kiosque::synth::article(1, i)).expect("article");
            }
        });
        fs::write(&done, "").expect("marker");
    }
    dir
}

/// Every file under `dir`, in path order.
fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable corpus") {
            let path = entry.expect("entry").path();
            if path.is_dir() { stack.push(path) } else { out.push(path) }
        }
    }
    out.sort();
    out
}

/// What `cat` does: read every file whole, one after the other.
fn cat(files: &[PathBuf]) -> usize {
    files.iter().map(|f| black_box(fs::read(f).expect("readable file")).len()).sum()
}

fn load(dir: &Path, cache: Option<&Cache>) -> (Vec<Document>, Option<corpus::CacheUpdate>) {
    let options = LoadOptions { cache: cache.cloned(), entities: Some(corpus::cache::entities_key(None)) };
    let (loaded, update) = corpus::load(&[dir.to_path_buf()], &options, |_, _| {});
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings.first());
    (loaded.docs, update)
}

/// The best of three runs of `f`, in seconds.
fn best<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}
