"""One VADER analyzer per process, and the piece of work that scores a chunk of sentences.

Kept apart from :mod:`analysis.sentiment` so that a worker process (local
or on a Dask cluster) imports only vaderSentiment to score sentences, and
starts in a tenth of a second.
"""

from __future__ import annotations

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    NEGATE,
    SentimentIntensityAnalyzer,
    SentiText,
)

_ANALYZER: SentimentIntensityAnalyzer | None = None
_NEGATE = frozenset(NEGATE)


class Analyzer(SentimentIntensityAnalyzer):
    """VADER 3.3.2 (pinned), its scores unchanged, less work of its that cannot change them.

    - VADER's ``polarity_scores`` first rebuilds the text one character at a time, replacing each
      emoji (a one-character key of its emoji table) with its description. A text with none of those
      characters comes out of that pass as it went in, so this skips the pass for such a text and
      runs the rest of VADER's method, line for line as 3.3.2 has it; any other text goes through
      VADER's own method whole.
    - For each lexicon word, VADER's ``_negation_check`` and ``_special_idioms_check`` lower-case
      every word of the sentence, then read the three words before it and the two after. Here
      ``_special_idioms_check`` is VADER's own method given only those words (the same positions,
      the same answers to its length tests), and ``_negation_check`` VADER's lines lower-casing only
      the words they read, with its negation-word test (``negated``, which builds a list of the
      negation words each time it is called) a set lookup.

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
            if (
                i < len(words_and_emoticons) - 1
                and item.lower() == "kind"
                and words_and_emoticons[i + 1].lower() == "of"
            ):
                sentiments.append(valence)
                continue
            sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments)
        return self.score_valence(sentiments, text)

    # VADER calls these only for a word i past start_i (so i - 3 >= 0 where they read it); each reads
    # positions i - 3 to i + 2 and, in _special_idioms_check, whether i + 1 and i + 2 exist
    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        """vaderSentiment 3.3.2's ``_negation_check``, line for line, lower-casing only the words it reads, and
        with its ``negated([word])`` as what that call tests: the word is one of ``NEGATE`` or holds "n't"."""

        def low(k: int) -> str:
            return str(words_and_emoticons[i - k]).lower()

        def negated(word: str) -> bool:
            return word in _NEGATE or "n't" in word

        if start_i == 0:
            if negated(low(1)):
                valence = valence * N_SCALAR
        if start_i == 1:
            w2, w1 = low(2), low(1)
            if w2 == "never" and (w1 == "so" or w1 == "this"):
                valence = valence * 1.25
            elif w2 == "without" and w1 == "doubt":
                pass  # "without doubt": left as it is, and not negated
            elif negated(w2):
                valence = valence * N_SCALAR
        if start_i == 2:
            w3, w2, w1 = low(3), low(2), low(1)
            if w3 == "never" and (w2 == "so" or w2 == "this") or (w1 == "so" or w1 == "this"):
                valence = valence * 1.25
            elif w3 == "without" and (w2 == "doubt" or w1 == "doubt"):
                pass  # "without (...) doubt": left as it is, and not negated
            elif negated(w3):
                valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _special_idioms_check(valence, words_and_emoticons, i):
        lo = max(0, i - 3)
        return SentimentIntensityAnalyzer._special_idioms_check(
            valence, words_and_emoticons[lo : i + 3], i - lo
        )


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
