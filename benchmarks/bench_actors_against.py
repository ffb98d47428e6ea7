"""``find_actors`` against an earlier checkout of the project: the same corpus, each run in a fresh process.

Run: .venv/bin/python benchmarks/bench_actors_against.py CHECKOUT [N] [ROUNDS]
CHECKOUT is a clone of the commit to compare with (``git clone -q . /tmp/before && git -C /tmp/before
checkout COMMIT``). The corpus is bench_actors.py's (N = 100,000 generated articles by default, 10 outlets,
4 per event), generated once by this checkout and read by both. The two run in turn, ROUNDS times (default
2), so that a busy machine slows both alike. Prints each run's time and mentions, and the ratio of the
medians (this checkout / that one). Issue #30 asked for at most 1.3x the code before it.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from common import ROOT, run_child

SCRIPT = """
import warnings
warnings.simplefilter("ignore")
import pandas as pd
import analysis as fa
articles = pd.read_parquet(sys.argv[2])
t = time.perf_counter()
mentions = fa.find_actors(articles)
print(json.dumps({"s": time.perf_counter() - t, "mentions": len(mentions), "actors": int(mentions["actor"].nunique())}))
"""


def main(before: Path, n: int = 100_000, rounds: int = 2) -> None:
    from generate import event_news_corpus

    times: dict[str, list[float]] = {"this checkout": [], str(before): []}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.parquet"
        articles = event_news_corpus(n, n_outlets=10, articles_per_event=4)
        articles.drop(columns=["copied_from"]).rename(columns={"id": "article_id"}).to_parquet(
            corpus
        )
        del articles
        for _ in range(rounds):
            for label, checkout in (("this checkout", ROOT), (str(before), before)):
                got = run_child(SCRIPT, corpus, root=checkout)
                times[label].append(got["s"])
                print(
                    f"{label}: {got['s']:.1f} s, {got['mentions']:,} mentions, {got['actors']:,} actors",
                    flush=True,
                )
    now, then = (statistics.median(t) for t in times.values())
    print(
        f"{n:,} articles: find_actors {now:.1f} s against {then:.1f} s = {now / then:.2f}x (medians)"
    )


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(
        Path(sys.argv[1]).resolve(),
        int(sys.argv[2]) if len(sys.argv) > 2 else 100_000,
        int(sys.argv[3]) if len(sys.argv) > 3 else 2,
    )
