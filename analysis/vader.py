"""One VADER analyzer per process, and the piece of work that scores a chunk of sentences.

Kept apart from :mod:`analysis.sentiment` so that a worker process (local
or on a Dask cluster) imports only vaderSentiment to score sentences, and
starts in a tenth of a second.
"""
from __future__ import annotations

from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

_ANALYZER: SentimentIntensityAnalyzer | None = None


class Analyzer(SentimentIntensityAnalyzer):
    """VADER 3.3.2 (pinned), its scores unchanged, without two of its costs that do not change them.

    - VADER's ``polarity_scores`` first rebuilds the text one character at a time, replacing each
      emoji (a one-character key of its emoji table) with its description. A text with none of those
      characters comes out of that pass as it went in, so this skips the pass for such a text and
      runs the rest of VADER's method, line for line as 3.3.2 has it; any other text goes through
      VADER's own method whole.
    - For each lexicon word, VADER's ``_negation_check`` and ``_special_idioms_check`` lower-case
      every word of the sentence, then read the three words before it and the two after. Here they
      are VADER's own methods given only those words (the same positions, the same answers to their
      length tests), so a sentence is lower-cased a few words at a time, not once per lexicon word.

    ``tests/test_sentiment.py`` checks the scores are VADER's, dict for dict, on every sentence of
    the sample corpus, of BASIL and NewsMTSC where present, and on texts with emoji.
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

    # VADER calls these only for a word i past start_i (so i - 3 >= 0 where they read it); each reads
    # positions i - 3 to i + 2 and, in _special_idioms_check, whether i + 1 and i + 2 exist
    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        lo = max(0, i - 3)
        return SentimentIntensityAnalyzer._negation_check(valence, words_and_emoticons[lo:i + 1], start_i, i - lo)

    @staticmethod
    def _special_idioms_check(valence, words_and_emoticons, i):
        lo = max(0, i - 3)
        return SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons[lo:i + 3], i - lo)


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
