//! Loads a corpus the way the subcommands do (`corpus::load`) and prints what it cost,
//! for `benches/table.sh`: `cargo run --release --example load-stats -- DIR
//! [--no-cache] [--cache DIR] [--entities] [--index]`. One line of `key=value`: documents,
//! text bytes, seconds to the first batch of documents and to load (wall and CPU), to compute entities, to save the cache,
//! with `--index` to build what the reader builds once loaded (the filter engine with its word and entity
//! indexes), and the process's own peak RSS (VmHWM), which covers everything it
//! allocated, and its resident set at the end (VmRSS): what the peak holds beyond the steady state.
//! Set `RAYON_NUM_THREADS=1` to measure one core.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use kiosque::corpus::{self, Cache, Document, LoadOptions};
use kiosque::entities::{self, Recognizer};
use kiosque::query::{Cancel, Engine};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: load-stats DIR [--no-cache] [--cache DIR] [--entities] [--index]");
        return ExitCode::from(2);
    };
    let flag = |name: &str| args.iter().any(|a| a == name);
    let cache = match args.iter().position(|a| a == "--cache") {
        Some(i) => args.get(i + 1).map(Cache::at),
        None if flag("--no-cache") => None,
        None => Cache::user(),
    };
    let key = corpus::cache::entities_key(None);
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let options = LoadOptions { cache, entities: Some(key) };
    // The first batch: when a reader could draw its first documents.
    let mut first = None;
    let (loaded, update) = corpus::load(&[PathBuf::from(dir)], &options, |done, _| {
        if done > 0 {
            first.get_or_insert_with(|| start.elapsed().as_secs_f64());
        }
    });
    let load = start.elapsed().as_secs_f64();
    let load_cpu = cpu_seconds().zip(cpu).map(|(after, before)| after - before);
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
    let docs = Arc::new(loaded.docs);
    let start = Instant::now();
    let held = flag("--index").then(|| reader_engine(&docs));
    let index = start.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mentions: usize = docs.iter().filter_map(|d| d.entities.get()).map(Vec::len).sum();
    let kib = |key| status_kib(key).map_or_else(|| "?".to_string(), |k| k.to_string());
    println!(
        "docs={} bytes={bytes} mentions={mentions} warnings={} first_batch_s={:.4} load_s={load:.4} load_cpu_s={} entities_s={entities:.4} \
         save_s={save:.4} index_s={index:.4} hwm_kib={} rss_kib={}",
        docs.len(),
        loaded.warnings.len(),
        first.unwrap_or(load),
        load_cpu.map_or_else(|| "?".to_string(), |s| format!("{s:.2}")),
        kib("VmHWM:"),
        kib("VmRSS:"),
    );
    drop(held);
    ExitCode::SUCCESS
}

/// What the reader holds once a corpus is loaded, besides the documents: the
/// filter engine with its word index and its entity index holding every
/// annotated document.
fn reader_engine(docs: &Arc<Vec<Document>>) -> Engine {
    let engine = Engine::new(Arc::clone(docs));
    engine.build_index();
    // Each search takes in a window of the annotated documents (a few
    // thousand): as many searches as an analyst's session makes to take in all.
    let query = kiosque::query::parse("harbour").expect("a one-word query parses");
    for _ in 0..=docs.len() / 1024 {
        let _ = engine.search_top(&query, 50, &Cancel::new());
    }
    engine
}

/// CPU time (user + system, all threads) the process used so far, from Linux's
/// `/proc/self/stat` (clock ticks, taken as the usual 100 per second): on a
/// shared machine, what one core spent is steadier than wall time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces), from field 3.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// A figure of the process's memory from Linux's `/proc/self/status` (`VmHWM:`,
/// the peak resident set; `VmRSS:`, the current one), in KiB.
fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
