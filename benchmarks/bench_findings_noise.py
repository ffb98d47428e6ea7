"""Findings on corpora whose outlets differ only by chance: how many does the report state?

Run: .venv/bin/python benchmarks/bench_findings_noise.py [N_CORPORA]   (needs ../shared/corpora/basil.csv)

1. BASIL with the outlet labels shuffled within each story, N_CORPORA times
   (default 50): every story keeps one article of each label.
2. N_CORPORA corpora of real news sentences with 25 random outlets: 3,000
   articles, each made of 15 sentences drawn from one BASIL story, with one
   of 25 outlet names drawn at random.

Each runs the findings' rules as the report does (term contrasts with the
actors' names as kinds, pairwise and event-adjusted tone, one family) and
counts what they state. Targets: at most 0.1 findings per corpus on average,
and at most 10% of corpora with any. Last, the planted corpora must still
give their findings (the tests hold them; here, BASIL as it is, for scale).
"""

from __future__ import annotations

import sys
import tempfile

import numpy as np
import pandas as pd
from common import BASIL

import analysis as fa
from analysis.shuffles import permute_within_events


def _state(articles, scores, mentions) -> pd.DataFrame:
    tables, _ = fa.findings_evidence(articles, scores, mentions=mentions)
    found = fa.summarize(articles, **tables)
    return found[~found["kind"].isin(["caution", "check"])]


def _report(label: str, counts: list[int], kinds: pd.Series) -> None:
    counts = np.asarray(counts)
    print(
        f"{label}: {len(counts)} corpora; findings per corpus: mean {counts.mean():.2f}, at most {counts.max()}; "
        f"corpora with any: {np.mean(counts > 0):.0%}"
        + (f"; kinds: {kinds.value_counts().to_dict()}" if len(kinds) else "")
    )


def main(n: int) -> None:
    if not BASIL.exists():
        print(f"basil.csv absent ({BASIL}): skipped")
        return
    articles = fa.clean_articles(fa.load_corpus(BASIL))
    sentences = fa.score_sentences(fa.split_sentences(articles), cache_dir=tempfile.mkdtemp())
    scores = fa.article_sentiment(sentences)
    mentions = fa.find_actors(articles)
    real = _state(articles, scores, mentions)
    print(f"BASIL as it is: {len(real)} findings ({real['kind'].value_counts().to_dict()})")

    rng = np.random.default_rng(0)
    counts, kinds = [], []
    for _ in range(n):
        shuffled = articles.assign(
            outlet=permute_within_events(articles["outlet"], articles["event"], rng)
        )
        by_id = shuffled.set_index("article_id")["outlet"]
        found = _state(shuffled, scores.assign(outlet=scores["article_id"].map(by_id)), mentions)
        counts.append(len(found))
        kinds += list(found["kind"])
    _report("BASIL, outlets shuffled within stories", counts, pd.Series(kinds, dtype=object))

    pools = sentences.groupby("event")
    stories = list(pools.groups)
    names = [f"Outlet {k}" for k in range(1, 26)]
    counts, kinds = [], []
    for seed in range(n):
        rng = np.random.default_rng(1000 + seed)
        rows, score_rows = [], []
        for i in range(3000):
            story = stories[int(rng.integers(len(stories)))]
            pool = pools.get_group(story)
            pick = pool.iloc[rng.choice(len(pool), size=min(15, len(pool)), replace=False)]
            outlet = names[int(rng.integers(len(names)))]
            rows.append(
                {
                    "article_id": f"r{i}",
                    "outlet": outlet,
                    "event": story,
                    "title": None,
                    "text": " ".join(pick["text"]),
                }
            )
            score_rows.append((f"r{i}", outlet, story, pick["compound"].mean()))
        corpus = pd.DataFrame(rows)
        corpus_scores = pd.DataFrame(
            score_rows, columns=["article_id", "outlet", "event", "compound_mean"]
        )
        found = _state(corpus, corpus_scores, mentions)
        counts.append(len(found))
        kinds += list(found["kind"])
    _report(
        "real sentences, 25 random outlets, 3,000 articles", counts, pd.Series(kinds, dtype=object)
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
