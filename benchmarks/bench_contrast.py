"""Term contrasts: time and peak memory on generated corpora and on BASIL.

Run: .venv/bin/python benchmarks/bench_contrast.py [N]
Default N = 100,000 generated articles of about 600 words, five outlets,
scopes all and matched. Each run is a fresh process so its peak memory is
its own; the baseline is scikit-learn's CountVectorizer alone on the same
texts (the part no contrast tool can skip). Target: under 60 s and 4 GB.
"""

from __future__ import annotations

import sys

from common import BASIL, run_basil_then_generated, run_child

CHILD = r"""
n = int(sys.argv[2])
from analysis import clean_articles, load_corpus, contrast_terms
from analysis.tokens import make_vectorizer
if n:
    from generate import news_corpus
    arts = news_corpus(n, n_events=n // 15).rename(columns={"id": "article_id"})
else:
    arts = clean_articles(load_corpus(sys.argv[3]))
mem0 = hwm_mb()
t0 = time.perf_counter(); table = contrast_terms(arts, scope=["all", "matched"]); t = time.perf_counter() - t0
peak = hwm_mb()  # before the baseline runs, so that this peak is the contrasts' own
rows = len(table); del table
t0 = time.perf_counter(); make_vectorizer().fit_transform(arts["text"]); t_base = time.perf_counter() - t0
print(json.dumps({"n": len(arts), "rows": rows, "t": t, "t_base": t_base, "mem0": mem0, "peak": peak,
                  "peak_base": hwm_mb()}))
"""


def run(n: int, label: str) -> None:
    r = run_child(CHILD, n, BASIL)
    print(
        f"{label}: {r['n']:,} articles -> {r['rows']:,} rows (scopes all + matched) in {r['t']:.1f} s "
        f"({r['t'] / r['t_base']:.2f}x CountVectorizer alone, {r['t_base']:.1f} s); peak memory {r['peak']:,.0f} MB "
        f"(corpus in memory before contrasts: {r['mem0']:,.0f} MB; serial CountVectorizer alone peaks at "
        f"{r['peak_base']:,.0f} MB)"
    )


def main(n: int = 100_000) -> None:
    run_basil_then_generated(run, n)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
