"""Event grouping and wire-copy search at scale: time, peak memory, and accuracy.

Run: .venv/bin/python benchmarks/bench_events.py [N]
Default N = 50,000 generated articles (5 per event, 2% planted wire copies).
Prints the adjusted Rand index of the grouping against the planted events,
the share of planted wire copies found, and the same on BASIL (labels
hidden) when present. The baseline is fitting the TF-IDF vectors alone.
Target: under 5 minutes and 8 GB.
"""

from __future__ import annotations

import sys

from common import BASIL, run_basil_then_generated, run_child

CHILD = r"""
import pandas as pd
from sklearn.metrics import adjusted_rand_score
from analysis import clean_articles, load_corpus, group_events, find_wire_copies
from analysis.events import _vectors
n = int(sys.argv[2])
if n:
    from generate import event_news_corpus
    raw = event_news_corpus(n)
    planted = {frozenset(p) for p in zip(raw["id"], raw["copied_from"]) if p[1] is not None}
    arts = clean_articles(raw.drop(columns="copied_from").rename(columns={"id": "article_id"}).assign(
        published=pd.to_datetime(raw["published"]), event_label=None, url=None, source="generated"))
else:
    arts = clean_articles(load_corpus(sys.argv[3]))
    planted = set()
truth = arts["event"]
mem0 = hwm_mb()
t0 = time.perf_counter(); _vectors(arts["text"].tolist()); t_base = time.perf_counter() - t0
t0 = time.perf_counter(); grouped = group_events(arts.assign(event=None, event_label=None)); t_group = time.perf_counter() - t0
t0 = time.perf_counter(); wires = find_wire_copies(arts); t_wire = time.perf_counter() - t0
print(json.dumps({"n": len(arts), "ari": adjusted_rand_score(truth, grouped["event"]), "events": int(truth.nunique()),
                  "found_events": int(grouped["event"].nunique()), "t_group": t_group, "t_wire": t_wire,
                  "t_base": t_base, "wires": len(wires), "planted": len(planted),
                  "recall": len(planted & {frozenset(p) for p in zip(wires["article_id_a"], wires["article_id_b"])}),
                  "mem0": mem0, "peak": hwm_mb()}))
"""


def run(n: int, label: str) -> None:
    r = run_child(CHILD, n, BASIL)
    print(f"{label}: {r['n']:,} articles, {r['events']:,} events")
    print(
        f"  group_events: {r['t_group']:.1f} s ({r['t_group'] / r['t_base']:.1f}x fitting TF-IDF alone, "
        f"{r['t_base']:.1f} s); ARI {r['ari']:.3f} ({r['found_events']:,} groups)"
    )
    print(
        f"  find_wire_copies: {r['t_wire']:.1f} s; {r['wires']:,} pairs found; {r['recall']:,} of "
        f"{r['planted']:,} planted copies among them (other pairs: same-story articles sharing verbatim sentences)"
    )
    print(f"  peak memory {r['peak']:,.0f} MB (corpus in memory before: {r['mem0']:,.0f} MB)")


def main(n: int = 50_000) -> None:
    run_basil_then_generated(run, n, "basil.csv (labels hidden)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
