"""How news-like the generated corpora are in the names they carry: BASIL against the generator at BASIL's shape.

Run: .venv/bin/python benchmarks/calibrate_corpus.py
Actors cost in proportion to their mentions (finding them, their labels,
the tone towards the 30 most named), so a benchmark corpus that names the
same few people in every sentence measures a heavier load than news. This
prints, for BASIL (300 real articles, 100 stories, 3 outlets; where present)
and for ``news_corpus`` with and without ``cast=True`` at the same shape:
words per article, mentions per article, actors named in two or more
articles, and the mentions of the 30 most named actors (named in five or
more articles), which notebook 05 scores for tone. The ``cast=True``
defaults were chosen so that these match BASIL's.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import BASIL  # noqa: E402


def names(path: Path, cache: Path) -> str:
    import analysis as fa
    from analysis.targets import tone_mentions

    corpus = fa.prepare_corpus(path, cache_dir=cache, progress=False)
    mentions = corpus.actors(codebook=None, min_articles=2, progress=False)
    toned = tone_mentions(mentions, top=30, min_articles=5)
    n = corpus.n_articles
    words = corpus.articles["text"].str.split().str.len().mean()
    return (
        f"{n} articles, {words:.0f} words each, {len(mentions) / n:.1f} mentions per article, "
        f"{mentions['actor'].nunique()} actors, the 30 most named: {len(toned) / n:.1f} mentions per article "
        f"({len(toned) / len(mentions):.0%} of all)"
    )


def main() -> None:
    from generate import news_corpus

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if BASIL.exists():
            print("basil.csv:", names(BASIL, tmp / "cache"))
        else:
            print(f"basil.csv absent ({BASIL}): skipped")
        for cast in (False, True):
            path = tmp / f"generated-{cast}.csv"
            news_corpus(300, n_outlets=3, n_events=100, cast=cast).to_csv(path, index=False)
            print(f"news_corpus(300, cast={cast}):", names(path, tmp / "cache"))


if __name__ == "__main__":
    main()
