//! Loads a corpus the way the reader and subcommands do and prints what it cost,
//! for `benches/table.sh`: `cargo run --release --example load-stats -- DIR
//! [--no-cache] [--cache DIR] [--entities]`. One line of `key=value`: documents,
//! text bytes, seconds to load, to compute entities, to save the cache, and the
//! process's own peak RSS (VmHWM), which covers everything it allocated.
//! Set `RAYON_NUM_THREADS=1` to measure one core.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use kiosque::corpus::{self, Cache, LoadOptions};
use kiosque::entities::{self, Recognizer};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: load-stats DIR [--no-cache] [--cache DIR] [--entities]");
        return ExitCode::from(2);
    };
    let flag = |name: &str| args.iter().any(|a| a == name);
    let cache = match args.iter().position(|a| a == "--cache") {
        Some(i) => args.get(i + 1).map(Cache::at),
        None if flag("--no-cache") => None,
        None => Cache::user(),
    };
    let key = corpus::cache::entities_key(None);
    let start = Instant::now();
    let options = LoadOptions { cache, entities: Some(key) };
    let (loaded, update) = corpus::collect(corpus::stream(&[PathBuf::from(dir)], options), |_, _| {});
    let load = start.elapsed().as_secs_f64();
    let start = Instant::now();
    if flag("--entities") {
        entities::annotate(&loaded.docs, Recognizer::builtin());
    }
    let entities = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let saved = update.map(|u| u.save(&loaded.docs));
    let save = start.elapsed().as_secs_f64();
    if let Some(Err(e)) = saved {
        eprintln!("load-stats: cannot save the cache: {e}");
        return ExitCode::from(2);
    }
    let bytes: usize = loaded.docs.iter().map(|d| d.text.len()).sum();
    let mentions: usize = loaded.docs.iter().filter_map(|d| d.entities.get()).map(Vec::len).sum();
    println!(
        "docs={} bytes={bytes} mentions={mentions} warnings={} load_s={load:.4} entities_s={entities:.4} \
         save_s={save:.4} hwm_kib={}",
        loaded.docs.len(),
        loaded.warnings.len(),
        peak_rss_kib().map_or_else(|| "?".to_string(), |k| k.to_string())
    );
    ExitCode::SUCCESS
}

/// The process's peak resident set (Linux `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
