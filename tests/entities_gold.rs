//! Scores the recognizer on our gold set (tests/fixtures/entities/gold): precision,
//! recall and F1 per kind and micro-averaged, counting a mention as right only when
//! its span and kind are exactly the gold's. Fails under floors raised as the
//! recognizer improves. `cargo test --test entities_gold -- --nocapture` prints the table.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use kiosque::entities::{EntityKind, Recognizer};

/// One gold file: the annotated text and its mentions.
struct Gold {
    name: String,
    text: String,
    mentions: Vec<(usize, usize, EntityKind)>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load_gold() -> Vec<Gold> {
    let dir = root().join("tests/fixtures/entities/gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("gold directory")
        .map(|e| e.expect("gold entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    files.iter().map(|p| parse_gold(p)).collect()
}

fn parse_gold(path: &Path) -> Gold {
    let data = std::fs::read_to_string(path).expect("gold file");
    let mut lines = data.lines();
    let source = lines.next().and_then(|l| l.strip_prefix("# text: ")).expect("a `# text:` header");
    let text = std::fs::read_to_string(root().join(source)).expect("annotated text");
    let mentions = lines
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let (start, end): (usize, usize) = (cols[0].parse().unwrap(), cols[1].parse().unwrap());
            let kind = EntityKind::from_label(cols[2]).expect("a kind label");
            assert_eq!(&text[start..end], cols[3], "{}: gold text differs from the slice", path.display());
            (start, end, kind)
        })
        .collect();
    Gold { name: path.file_stem().unwrap().to_string_lossy().into_owned(), text, mentions }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Per-kind counts over the whole gold set.
fn score(gold: &[Gold], rec: &Recognizer) -> BTreeMap<EntityKind, Counts> {
    let mut counts: BTreeMap<EntityKind, Counts> =
        EntityKind::ALL.iter().map(|k| (*k, Counts::default())).collect();
    for g in gold {
        let found: HashSet<(usize, usize, EntityKind)> =
            rec.extract(&g.text).iter().map(|m| (m.start(), m.end(), m.kind)).collect();
        let expected: HashSet<(usize, usize, EntityKind)> = g.mentions.iter().copied().collect();
        for m in &found {
            let c = counts.get_mut(&m.2).unwrap();
            if expected.contains(m) { c.tp += 1 } else { c.fp += 1 }
        }
        for m in expected.difference(&found) {
            counts.get_mut(&m.2).unwrap().fn_ += 1;
            eprintln!("{}: missed {:?} {:?}", g.name, m.2, &g.text[m.0..m.1]);
        }
        for m in found.difference(&expected) {
            eprintln!("{}: spurious {:?} {:?}", g.name, m.2, &g.text[m.0..m.1]);
        }
    }
    counts
}

fn micro(counts: &BTreeMap<EntityKind, Counts>, kinds: &[EntityKind]) -> Counts {
    kinds.iter().fold(Counts::default(), |acc, k| {
        let c = counts[k];
        Counts { tp: acc.tp + c.tp, fp: acc.fp + c.fp, fn_: acc.fn_ + c.fn_ }
    })
}

#[test]
fn gold_set_scores_above_the_floors() {
    let gold = load_gold();
    assert!(gold.len() >= 20, "the gold set has its demo, own and held-out texts");
    let counts = score(&gold, Recognizer::builtin());
    println!("{:<10} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}", "kind", "tp", "fp", "fn", "P", "R", "F1");
    for (kind, c) in &counts {
        println!(
            "{:<10} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
            kind.label(),
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let names = micro(&counts, &[EntityKind::Per, EntityKind::Org, EntityKind::Loc, EntityKind::Misc]);
    let all = micro(&counts, &EntityKind::ALL);
    println!("micro PER/ORG/LOC/MISC F1 {:.3}; micro all kinds F1 {:.3}", names.f1(), all.f1());
    // Floors: raised as the recognizer improves; a drop below one is a regression.
    let floors = [
        (EntityKind::Per, 0.95),
        (EntityKind::Org, 0.93),
        (EntityKind::Loc, 0.95),
        (EntityKind::Misc, 0.80),
        (EntityKind::Date, 0.97),
        (EntityKind::Money, 0.97),
        (EntityKind::Quantity, 0.97),
    ];
    for (kind, floor) in floors {
        assert!(
            counts[&kind].f1() >= floor,
            "{} F1 {:.3} under its floor {floor}",
            kind.label(),
            counts[&kind].f1()
        );
    }
    assert!(names.f1() >= 0.95, "micro PER/ORG/LOC/MISC F1 {:.3} under 0.95", names.f1());
    assert!(all.f1() >= 0.96, "micro F1 {:.3} under 0.96", all.f1());
}

#[test]
fn scoring_counts_exact_span_and_kind_only() {
    let gold = Gold {
        name: "t".into(),
        text: "OTAN et Kiev".into(),
        mentions: vec![(0, 4, EntityKind::Org), (8, 12, EntityKind::Per)],
    };
    let counts = score(&[gold], Recognizer::builtin());
    assert_eq!(
        (counts[&EntityKind::Org].tp, counts[&EntityKind::Per].fn_, counts[&EntityKind::Loc].fp),
        (1, 1, 1)
    );
}
