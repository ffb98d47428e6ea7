"""One VADER analyzer per process, and the piece of work that scores a chunk of sentences.

Kept apart from :mod:`analysis.sentiment` so that a worker process (local
or on a Dask cluster) imports only vaderSentiment to score sentences, and
starts in a tenth of a second.
"""
from __future__ import annotations

from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

_ANALYZER: SentimentIntensityAnalyzer | None = None


class Analyzer(SentimentIntensityAnalyzer):
    """VADER 3.3.2 (pinned), its scores unchanged, without its character-by-character emoji pass where a
    text holds no emoji.

    VADER's ``polarity_scores`` first rebuilds the text one character at a time, replacing each emoji
    (a one-character key of its emoji table) with its description: a fifth of its time on news
    sentences. A text with none of those characters comes out of that pass as it went in, so this
    skips the pass for such a text and runs the rest of VADER's method, line for line as 3.3.2 has it;
    any other text goes through VADER's own method whole. ``tests/test_vader.py`` checks the two
    agree on every sentence of the sample corpus, of NewsMTSC where present, and on texts with
    emoji.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._emoji_chars = frozenset(key for key in self.emojis if len(key) == 1)

    def polarity_scores(self, text):
        if not isinstance(text, str) or not self._emoji_chars.isdisjoint(text):
            return super().polarity_scores(text)
        # the rest of vaderSentiment 3.3.2's polarity_scores, after its emoji pass
        text = text.strip()
        sentitext = SentiText(text)
        sentiments = []
        words_and_emoticons = sentitext.words_and_emoticons
        for i, item in enumerate(words_and_emoticons):
            valence = 0
            if item.lower() in BOOSTER_DICT:
                sentiments.append(valence)
                continue
            if (i < len(words_and_emoticons) - 1 and item.lower() == "kind" and
                    words_and_emoticons[i + 1].lower() == "of"):
                sentiments.append(valence)
                continue
            sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)


def analyzer() -> SentimentIntensityAnalyzer:
    """This process's VADER (its lexicon is read once)."""
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = Analyzer()
    return _ANALYZER


def score_chunk(texts: list[str]) -> list[tuple[float, float, float, float]]:
    """``(neg, neu, pos, compound)`` of each text: exactly VADER's ``polarity_scores``."""
    polarity = analyzer().polarity_scores
    out = []
    for text in texts:
        d = polarity(text)
        out.append((d["neg"], d["neu"], d["pos"], d["compound"]))
    return out
