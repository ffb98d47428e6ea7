"""One VADER analyzer per process, and the piece of work that scores a chunk of sentences.

Kept apart from :mod:`analysis.sentiment` so that a worker process (local
or on a Dask cluster) imports only vaderSentiment to score sentences, and
starts in a tenth of a second.
"""
from __future__ import annotations

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_ANALYZER: SentimentIntensityAnalyzer | None = None


def analyzer() -> SentimentIntensityAnalyzer:
    """This process's VADER (its lexicon is read once)."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = SentimentIntensityAnalyzer()
    return _ANALYZER


def score_chunk(texts: list[str]) -> list[tuple[float, float, float, float]]:
    """``(neg, neu, pos, compound)`` of each text: exactly VADER's ``polarity_scores``."""
    polarity = analyzer().polarity_scores
    out = []
    for text in texts:
        d = polarity(text)
        out.append((d["neg"], d["neu"], d["pos"], d["compound"]))
    return out
