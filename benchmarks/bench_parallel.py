"""Parallel sentence scoring against the plain loop, from 1,000 to 200,000 sentences.

Run: .venv/bin/python benchmarks/bench_parallel.py [MAX_SENTENCES]
Each size runs in a fresh process (up to 20,000: five, and each figure is
their median): the plain VADER loop over the sentences
(the baseline), then ``score_sentences`` with no cache twice: the first
call starts the shared pool (cold), the second reuses it (warm). Then term
counting the same way on articles. Targets on 2 cores: never below 1.0x
the loop; at least 1.7x from 60,000 sentences.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHILD = """
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
from analysis import score_sentences
from analysis.counting import count_terms
kind, path, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
frame = pd.read_parquet(path).iloc[:n]
if kind == "sentences":
    sia = SentimentIntensityAnalyzer()
    texts = frame["text"].tolist()
    t0 = time.perf_counter(); [sia.polarity_scores(t) for t in texts]; base = time.perf_counter() - t0
    run = lambda: score_sentences(frame, cache_dir=False, progress=False)
else:
    t0 = time.perf_counter(); count_terms(frame, n_jobs=1); base = time.perf_counter() - t0
    run = lambda: count_terms(frame)
t0 = time.perf_counter(); run(); cold = time.perf_counter() - t0
t0 = time.perf_counter(); run(); warm = time.perf_counter() - t0
print(json.dumps({"base": base, "cold": cold, "warm": warm}))
"""


def _median(child: str, kind: str, path: Path, n: int) -> dict:
    """Each timing's median over REPEATS fresh processes (small inputs: a few hundredths of a second are noise)."""
    from statistics import median

    from common import run_child

    runs = [run_child(child, kind, path, n) for _ in range(REPEATS if n <= 20_000 else 1)]
    return {k: median(r[k] for r in runs) for k in runs[0]}


REPEATS = 5


def main(top: int = 200_000) -> None:
    import os

    from generate import news_corpus

    from analysis import clean_articles, split_sentences

    articles = clean_articles(
        news_corpus(max(2_000, top // 20)).rename(columns={"id": "article_id"})
    )
    sentences = split_sentences(articles)
    print(
        f"{os.cpu_count()} cores; {len(sentences):,} sentences from {len(articles):,} generated articles"
    )
    with tempfile.TemporaryDirectory() as tmp:
        s_path, a_path = Path(tmp) / "s.parquet", Path(tmp) / "a.parquet"
        sentences[["text"]].to_parquet(s_path)
        articles[["text"]].to_parquet(a_path)
        print("\nsentences | loop s | cold s | speed-up cold | warm s | speed-up warm")
        for n in [
            x for x in (1_000, 5_000, 20_000, 60_000, 200_000) if x <= min(top, len(sentences))
        ]:
            r = _median(CHILD, "sentences", s_path, n)
            print(
                f"{n:>9,} | {r['base']:6.2f} | {r['cold']:6.2f} | {r['base'] / r['cold']:12.2f}x | "
                f"{r['warm']:6.2f} | {r['base'] / r['warm']:12.2f}x"
            )
        print(
            "\narticles | loop s | cold s | speed-up cold | warm s | speed-up warm   (term counting)"
        )
        for n in [x for x in (1_000, 4_000, 10_000, 20_000) if x <= len(articles)]:
            r = _median(CHILD, "articles", a_path, n)
            print(
                f"{n:>8,} | {r['base']:6.2f} | {r['cold']:6.2f} | {r['base'] / r['cold']:12.2f}x | "
                f"{r['warm']:6.2f} | {r['base'] / r['warm']:12.2f}x"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
