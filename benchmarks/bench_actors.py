"""Actors on a large corpus: mentions, labels and tone towards each actor, with time and peak memory per stage.

Run: .venv/bin/python benchmarks/bench_actors.py [N]
Corpora: BASIL (where present), then N = 20,000 generated articles (10
outlets, 4 per event, about 400 words each). Stages, in one fresh process,
with their defaults: ``find_actors``, ``split_sentences`` (once, for both of the next),
``actor_labels`` (matched events, the
100 actors named in most articles) and ``actor_sentiment`` (the 100 actors
named in most articles: their mentions scored by the target model, bootstrap
intervals, event-adjusted; two processes from 40,000 targets). Then the target
model's throughput on one core: ``score_mentions``
on a sample of up to 100,000 mentions, against a baseline timed in the same
process, a plain VADER ``polarity_scores`` loop over the distinct sentences
holding them (what sentence-level VADER alone costs). Peak memory is the
process's high-water mark (it includes the corpus). Target: the four stages
under 3 minutes and 4 GB on the 2-core machine; at least 2,000 targets a
second on one core. Last, ``target_features`` on those targets, each
sentence's parts worked out once (as scored), against every target worked
out from scratch in the same process.
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
sentences = fa.split_sentences(articles)
out["split_s"] = time.perf_counter() - t
t = time.perf_counter()
labels = fa.actor_labels(mentions, articles, sentences=sentences)
out["labels_s"] = time.perf_counter() - t; out["label_actors"] = int(labels["actor"].nunique())
t = time.perf_counter()
tone = fa.actor_sentiment(mentions, articles, sentences=sentences)
out["actor_sentiment_s"] = time.perf_counter() - t; out["tone_actors"] = int(tone["actor"].nunique())
out["tone_mentions"] = int(tone.drop_duplicates("actor").pipe(lambda t: mentions["actor"].isin(t["actor"])).sum())
out["total_s"] = out["find_actors_s"] + out["split_s"] + out["labels_s"] + out["actor_sentiment_s"]
out["peak_mb"] = round(hwm_mb())
sample = mentions.sample(min(len(mentions), 100_000), random_state=1).sort_index()
t = time.perf_counter()
scored = fa.score_mentions(sample, articles, n_jobs=1)
out["score_s"] = time.perf_counter() - t; out["scored"] = len(sample)
out["targets_per_s"] = len(sample) / out["score_s"]
sentences = scored["sentence"].drop_duplicates().tolist()
polarity = SentimentIntensityAnalyzer().polarity_scores
t = time.perf_counter()
for s in sentences:
    polarity(s)
out["vader_loop_s"] = time.perf_counter() - t; out["distinct_sentences"] = len(sentences)
from analysis import targets
rows = []  # each scored mention as target_features sees it, a sentence's targets one after another
for _, g in scored.groupby(["article_id", "sentence_index"], sort=False):
    spans = list(zip((g["start"] - g["sentence_start"]).tolist(), (g["end"] - g["sentence_start"]).tolist()))
    rows += [(g["sentence"].iloc[0], a, b, [s for s in spans if s != (a, b)], (0.0, 0.0, 0.0)) for a, b in spans]
targets._sentence_features.cache_clear()
t = time.perf_counter()
for row in rows:
    targets.target_features(*row)
out["features_s"] = time.perf_counter() - t
t = time.perf_counter()
for row in rows:  # baseline: every target worked out from scratch
    targets._sentence_features.cache_clear()
    targets.target_features(*row)
out["features_alone_s"] = time.perf_counter() - t; out["feature_rows"] = len(rows)
out["feature_sentences"] = int(scored.groupby(["article_id", "sentence_index"]).ngroups)
print(json.dumps(out))
"""


def run(n: int, label: str) -> None:
    r = run_child(SCRIPT, n)
    print(
        f"{label}: {r['articles']:,} articles, {r['mentions']:,} mentions of {r['actors']:,} actors"
    )
    print(
        f"  find_actors {r['find_actors_s']:.1f} s | split_sentences {r['split_s']:.1f} s | actor_labels {r['labels_s']:.1f} s ({r['label_actors']} actors) | "
        f"actor_sentiment {r['actor_sentiment_s']:.1f} s ({r['tone_actors']} actors, {r['tone_mentions']:,} "
        f"mentions scored)"
    )
    print(
        f"  total {r['total_s']:.1f} s (target < 180 s); peak memory {r['peak_mb']:,} MB (corpus alone "
        f"{r['corpus_mb']:,} MB; target < 4,096 MB)"
    )
    print(
        f"  score_mentions on {r['scored']:,} mentions (sentences split and VADER-scored here): {r['score_s']:.1f} s = "
        f"{r['targets_per_s']:,.0f} targets/s on one core; baseline, a plain VADER loop over their "
        f"{r['distinct_sentences']:,} distinct sentences: {r['vader_loop_s']:.1f} s "
        f"(score_mentions = {r['score_s'] / r['vader_loop_s']:.2f}x that)"
    )
    print(
        f"  target_features on those {r['feature_rows']:,} targets in {r['feature_sentences']:,} sentences: "
        f"{r['features_s']:.1f} s with each sentence's parts worked out once; baseline, every target from "
        f"scratch: {r['features_alone_s']:.1f} s ({r['features_alone_s'] / r['features_s']:.2f}x)"
    )


if __name__ == "__main__":
    run_basil_then_generated(run, int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
