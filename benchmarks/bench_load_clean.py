"""Load + clean throughput on a generated corpus (default 100,000 articles of ~600 words).

Run: .venv/bin/python benchmarks/bench_load_clean.py [N]
Prints articles per second and peak memory of a fresh process that only
loads and cleans, and the ratio to a plain pandas.read_csv of the same file
(the baseline, measured in the same process). Targets: >= 5,000 articles/s,
< 2 GB.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import run_child

CHILD = r"""
import pandas as pd
from analysis import clean_articles, read_corpus
path = sys.argv[2]
rss0 = hwm_mb()
t0 = time.perf_counter(); pd.read_csv(path, dtype=str, keep_default_na=False); t_base = time.perf_counter() - t0
t0 = time.perf_counter(); loaded = read_corpus(path); t_load = time.perf_counter() - t0
t0 = time.perf_counter(); out = clean_articles(loaded.articles); t_clean = time.perf_counter() - t0
print(json.dumps({"n": len(out), "t_base": t_base, "t_load": t_load, "t_clean": t_clean,
                  "rss0_mb": rss0, "peak_mb": hwm_mb(),
                  "chars_removed": int(out["n_chars_removed"].sum())}))
"""


def main(n: int = 100_000) -> None:
    from generate import news_corpus

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.csv"
        t0 = time.perf_counter()
        frame = news_corpus(n)
        frame.to_csv(path, index=False)
        size_mb = path.stat().st_size / 2**20
        words = frame["text"].str.split().str.len().mean()
        del frame
        print(
            f"generated {n:,} articles, {words:.0f} words on average, {size_mb:,.0f} MB CSV "
            f"in {time.perf_counter() - t0:.0f} s"
        )
        r = run_child(CHILD, path)
    total = r["t_load"] + r["t_clean"]
    print(f"baseline pandas.read_csv: {r['t_base']:.2f} s")
    print(f"read_corpus: {r['t_load']:.2f} s ({r['t_load'] / r['t_base']:.2f}x baseline)")
    print(f"clean_articles: {r['t_clean']:.2f} s")
    print(
        f"load + clean: {total:.2f} s = {r['n'] / total:,.0f} articles/s "
        f"({total / r['t_base']:.1f}x baseline; target >= 5,000 articles/s)"
    )
    print(
        f"peak memory: {r['peak_mb']:,.0f} MB (interpreter and imports: {r['rss0_mb']:,.0f} MB; target < 2,048 MB)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
