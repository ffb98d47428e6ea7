"""Frame scoring on one core: articles a second, against the floor of reading the words at all.

Run: .venv/bin/python benchmarks/bench_frames.py [N_ARTICLES]
Scores BASIL's 300 articles (where ``../shared/corpora/basil.csv`` is present, repeated to N) and N generated
articles (default 20,000, about 600 words each) with ``score_frames``, in this process only. The baseline,
in the same process on the same texts, is scikit-learn's ``CountVectorizer`` with the model's vocabulary
(tokenising and counting the words, which any model over words must do). Target: >= 2,000 articles a second.
Then the evidence (the sentences behind each label) for 1,000 of them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
BASIL = HERE.parent.parent / "shared" / "corpora" / "basil.csv"


def run(label: str, articles) -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    from analysis.frames import default_model, frame_evidence, score_frames

    model = default_model()
    texts = articles["text"].tolist()
    score_frames(articles.head(50))  # the model read and the vectorizer built before timing
    t0 = time.perf_counter()
    CountVectorizer(vocabulary=model.vocabulary).transform(texts)
    floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    scored = score_frames(articles)
    took = time.perf_counter() - t0
    words = articles["text"].str.split().str.len().mean()
    print(
        f"{label}: {len(articles):,} articles ({words:,.0f} words each): {len(articles) / took:,.0f} articles/s "
        f"on one core ({took:.2f} s); counting the words alone {floor:.2f} s, so scoring is "
        f"{took / floor:.2f}x the floor; labelled: "
        + ", ".join(
            f"{f} {scored[f].mean():.0%}"
            for f in ("conflict", "human_interest", "economic", "moral", "resolution")
        ),
        flush=True,
    )
    part = articles.head(1_000)
    t0 = time.perf_counter()
    evidence = frame_evidence(part, scored.head(1_000))
    print(
        f"  evidence for {len(part):,} articles: {time.perf_counter() - t0:.2f} s, {len(evidence):,} sentences"
    )


def main(n: int = 20_000) -> None:
    import pandas as pd
    from generate import news_corpus

    if BASIL.exists():
        basil = pd.read_csv(BASIL).rename(columns={"id": "article_id"})
        copies = -(-n // len(basil))
        run(
            "basil.csv, repeated",
            pd.concat(
                [basil.assign(article_id=basil["article_id"] + f"#{k}") for k in range(copies)],
                ignore_index=True,
            ).head(n),
        )
    else:
        print(f"basil.csv absent ({BASIL}): skipped")
    run("generated", news_corpus(n).rename(columns={"id": "article_id"}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
