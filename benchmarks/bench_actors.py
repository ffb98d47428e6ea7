"""Actors on a large corpus: mentions, labels and tone towards each actor, with time and peak memory per stage.

Run: .venv/bin/python benchmarks/bench_actors.py [N]
Corpora: BASIL (where present), then N = 20,000 generated articles (10
outlets, 4 per event, about 400 words each). Stages, in one fresh process:
``find_actors``, ``actor_labels`` (matched events), ``score_mentions``
(target sentiment of every mention, its sentences split and VADER-scored
here), ``actor_sentiment`` (bootstrap intervals, event-adjusted). The
baseline, timed in the same process: a plain VADER ``polarity_scores`` loop
over the distinct sentences that hold a mention, i.e. what sentence-level
VADER alone costs on them. Peak memory is the process's high-water mark after
each stage (it includes the corpus). Target: all four stages under 3 minutes
and 4 GB on the 2-core machine.
"""
from __future__ import annotations

import sys

from common import run_basil_then_generated, run_child

SCRIPT = """
import warnings
warnings.simplefilter("ignore")
import pandas as pd
import analysis as fa
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
n = int(sys.argv[2])
if n == 0:
    from common import BASIL
    articles = fa.prepare_corpus(BASIL).articles
else:
    from generate import event_news_corpus
    articles = event_news_corpus(n, n_outlets=10, articles_per_event=4).drop(columns=["copied_from"]).rename(
        columns={"id": "article_id"})
out = {"articles": len(articles), "corpus_mb": round(hwm_mb())}
t = time.perf_counter()
mentions = fa.find_actors(articles)
out["find_actors_s"] = time.perf_counter() - t; out["mentions"] = len(mentions)
out["actors"] = int(mentions["actor"].nunique()); out["peak_after_find_mb"] = round(hwm_mb())
t = time.perf_counter()
labels = fa.actor_labels(mentions, articles)
out["labels_s"] = time.perf_counter() - t; out["label_rows"] = len(labels)
t = time.perf_counter()
scored = fa.score_mentions(mentions, articles)
out["score_mentions_s"] = time.perf_counter() - t
out["targets_per_s"] = len(mentions) / out["score_mentions_s"]; out["peak_after_score_mb"] = round(hwm_mb())
t = time.perf_counter()
tone = fa.actor_sentiment(scored, articles)
out["actor_sentiment_s"] = time.perf_counter() - t; out["tone_rows"] = len(tone)
out["total_s"] = out["find_actors_s"] + out["labels_s"] + out["score_mentions_s"] + out["actor_sentiment_s"]
out["peak_mb"] = round(hwm_mb())
sentences = scored["sentence"].drop_duplicates().tolist()
polarity = SentimentIntensityAnalyzer().polarity_scores
t = time.perf_counter()
for s in sentences:
    polarity(s)
out["vader_loop_s"] = time.perf_counter() - t; out["distinct_sentences"] = len(sentences)
print(json.dumps(out))
"""


def run(n: int, label: str) -> None:
    r = run_child(SCRIPT, n)
    print(f"{label}: {r['articles']:,} articles, {r['mentions']:,} mentions of {r['actors']:,} actors")
    print(f"  find_actors {r['find_actors_s']:.1f} s | actor_labels {r['labels_s']:.1f} s ({r['label_rows']:,} rows) | "
          f"score_mentions {r['score_mentions_s']:.1f} s = {r['targets_per_s']:,.0f} targets/s | "
          f"actor_sentiment {r['actor_sentiment_s']:.1f} s ({r['tone_rows']:,} rows)")
    print(f"  total {r['total_s']:.1f} s (target < 180 s); peak memory {r['peak_mb']:,} MB (corpus alone "
          f"{r['corpus_mb']:,} MB; target < 4,096 MB)")
    print(f"  baseline: plain VADER loop over the {r['distinct_sentences']:,} distinct sentences holding a mention "
          f"{r['vader_loop_s']:.1f} s; score_mentions = {r['score_mentions_s'] / r['vader_loop_s']:.2f}x that")


if __name__ == "__main__":
    run_basil_then_generated(run, int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
