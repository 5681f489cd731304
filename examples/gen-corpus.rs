//! Writes a synthetic corpus to disk for benchmarks and scale tests:
//! `cargo run --release --example gen-corpus -- N DIR [SEED]` writes N articles as
//! `DIR/NNNN/NNNNNNN.txt`, at most 1000 files per subdirectory so that no
//! directory listing becomes the bottleneck being measured.

use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: gen-corpus N DIR [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = PathBuf::from(dir);
    let written = (0..n.div_ceil(1000)).into_par_iter().try_for_each(|chunk| {
        let sub = dir.join(format!("{chunk:04}"));
        std::fs::create_dir_all(&sub)?;
        (chunk * 1000..((chunk + 1) * 1000).min(n)).try_for_each(|i| {
            std::fs::write(sub.join(format!("{i:07}.txt")), kiosque::synth::article(seed, i))
        })
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::from(2)
        }
    }
}
