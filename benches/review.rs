//! Review store speed: one action over a whole filter (the UI's `*`), as one
//! transaction, against the baseline of one transaction per article; and reading
//! the states of a whole corpus back (what the list shows after a change).
//!
//! `cargo bench --bench review`; in test mode (`cargo test --all-targets`) the
//! inputs are tiny.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use kiosque::review::{Action, ArticleKey, ArticleMeta, Store};

/// How many articles: a realistic filter under `cargo bench`, a handful in test mode.
fn size() -> usize {
    if std::env::args().any(|a| a == "--bench") { 1000 } else { 5 }
}

fn articles(n: usize) -> Vec<ArticleMeta> {
    (0..n)
        .map(|i| {
            let text = format!("Bulletin {i}\n\nThe observatory logged {i} events overnight.\n");
            ArticleMeta {
                key: ArticleKey::of_text(&text),
                path: format!("corpus/{i:05}.txt"),
                title: format!("Bulletin {i}"),
                date: Some("2024-02-02".into()),
                source: None,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let n = size();
    let metas = articles(n);
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group(format!("review/{n}-articles"));
    group.sample_size(10);
    let fresh = |name: &str| Store::open(&dir.path().join(format!("{name}.sqlite3"))).unwrap();

    let mut one_tx = fresh("one-tx");
    let mut flip = false;
    group.bench_function("star all, one transaction", |b| {
        b.iter(|| {
            flip = !flip;
            one_tx.apply(black_box(&metas), &Action::SetStarred(flip)).unwrap();
        });
    });
    let mut per_article = fresh("per-article");
    group.bench_function("star all, baseline: one transaction each", |b| {
        b.iter(|| {
            flip = !flip;
            for m in &metas {
                per_article.apply(std::slice::from_ref(m), &Action::SetStarred(flip)).unwrap();
            }
        });
    });
    let keys: Vec<ArticleKey> = metas.iter().map(|m| m.key.clone()).collect();
    group.bench_function("read the states of all", |b| {
        b.iter_batched(|| keys.clone(), |k| black_box(one_tx.states(&k).unwrap()), BatchSize::SmallInput);
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
