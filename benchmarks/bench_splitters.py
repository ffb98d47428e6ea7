"""Measure candidate sentence splitters: accuracy on the gold set, speed vs VADER.

Run: .venv/bin/python benchmarks/bench_splitters.py   (needs the `bench` extra)

Accuracy is the share of gold cases split exactly right, and boundary F1.
Speed is sentences per second on real text (BASIL when present, else the
bundled sample repeated), printed as a ratio to VADER's own speed on the
same sentences: a splitter must be at least 10x faster than VADER so that
splitting never dominates scoring.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data"))
sys.path.insert(0, str(ROOT))

from sentence_gold import GOLD  # noqa: E402


def _paragraphs(text):
    return [p.strip() for p in text.split("\n") if p.strip()]


def make_candidates():
    cands = {}

    def regex_split(par):
        return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", par) if s]

    cands["regex baseline"] = regex_split

    try:
        import blingfire

        def bf(par):
            return [s for s in blingfire.text_to_sentences(par).split("\n") if s]

        cands["blingfire"] = bf
    except ImportError:
        pass
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        cands["pysbd"] = lambda par: [s.strip() for s in seg.segment(par) if s.strip()]
    except ImportError:
        pass
    try:
        import syntok.segmenter as sseg

        def sy(par):
            out = []
            for para in sseg.analyze(par):
                for sent in para:
                    toks = list(sent)
                    start, end = toks[0].offset, toks[-1].offset + len(toks[-1].value)
                    out.append(par[start:end].strip())
            return out

        cands["syntok"] = sy
    except ImportError:
        pass
    try:
        import sentencex

        cands["sentencex"] = lambda par: [
            s.strip() for s in sentencex.segment("en", par) if s.strip()
        ]
    except ImportError:
        pass
    try:
        from analysis.sentences import split_text
    except ImportError:
        return cands
    cands["analysis.split_text (shipped)"] = lambda par: [t for _, _, t in split_text(par)]
    return cands


def split_all(fn, text):
    return [s for par in _paragraphs(text) for s in fn(par)]


def accuracy(fn):
    exact, tp, fp, fn_ = 0, 0, 0, 0
    for text, gold in GOLD:
        got = split_all(fn, text)
        exact += got == gold
        gb = {sum(len(s) for s in gold[: i + 1]) for i in range(len(gold) - 1)}
        ob = {sum(len(s) for s in got[: i + 1]) for i in range(len(got) - 1)}
        tp += len(gb & ob)
        fp += len(ob - gb)
        fn_ += len(gb - ob)
    f1 = 2 * tp / max(2 * tp + fp + fn_, 1)
    return exact / len(GOLD), f1


def speed_text():
    basil = ROOT.parent / "shared" / "corpora" / "basil.csv"
    if basil.exists():
        import pandas as pd

        return list(pd.read_csv(basil)["text"].fillna("")), "basil.csv"
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    return texts * 60, "bundled sample x60"


def main():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts, label = speed_text()
    cands = make_candidates()
    ref = split_all(cands["regex baseline"], "\n".join(texts))
    sia = SentimentIntensityAnalyzer()
    t0 = time.perf_counter()
    for s in ref:
        sia.polarity_scores(s)
    vader_rate = len(ref) / (time.perf_counter() - t0)
    print(f"speed corpus: {label}; VADER: {vader_rate:,.0f} sentences/s")
    print(f"{'candidate':34s} {'exact':>7s} {'F1':>6s} {'sent/s':>11s} {'x VADER':>8s}")
    for name, fn in cands.items():
        exact, f1 = accuracy(fn)
        t0 = time.perf_counter()
        n = sum(len(split_all(fn, t)) for t in texts)
        rate = n / (time.perf_counter() - t0)
        print(f"{name:34s} {exact:7.1%} {f1:6.3f} {rate:11,.0f} {rate / vader_rate:8.1f}")


if __name__ == "__main__":
    main()
