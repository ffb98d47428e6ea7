"""How the contrasts read a text: lowercase, acronyms as one word, possessive 's dropped, and the token pattern.

Every step that counts or finds terms (the contrasts, the findings' sentences,
the kinds of terms, the explorer) reads texts through :func:`preprocess` and
:data:`TOKEN_PATTERN`, so a term means the same everywhere.
"""

from __future__ import annotations

import re

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

#: A token starts with a letter, has two or more characters, and may hold inner hyphens (us-russia).
TOKEN_PATTERN = r"(?u)\b[^\W\d_](?:[^\W_]+(?:-[^\W_]+)*|(?:-[^\W_]+)+)\b"
# the quote first: the engine scans for it fast
_POSSESSIVE = re.compile(r"['\u2019](?<=\w['\u2019])s\b")


#: A dotted acronym ("F.B.I.", "U.S."), or an undotted one that would otherwise read as a stop word ("US",
#: "UN", "WHO"; not inside a run of capitals, where it is a shouted word). Found in two steps, so that a text
#: is scanned by two plain patterns and only their few matches are looked at closely (10x faster than one
#: pattern with look-behinds): the ``_ACRONYM`` pattern says what counts.
_ACRONYM = re.compile(
    r"(?<![\w.])(?:[A-Z]\.){2,}(?![A-Za-z])|(?<![A-Z]\s)\b(?:US|UN|WHO)\b(?!\s[A-Z]{2})"
)
_DOTTED = re.compile(r"[A-Z]\.[A-Z]\.")
_STOP_ACRONYM = re.compile(r"\b(?:US|UN|WHO)\b")


def acronyms(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of every acronym of ``text`` as ``_ACRONYM`` finds them, in order: its letters,
    lowercased ("fbi", as "FBI" reads), or in capitals where its lower case is a stop word ("US", kept apart
    from the pronoun "us")."""
    found, last = [], -1
    # then looked at closely
    for candidate in (
        *_DOTTED.finditer(text),
        *_STOP_ACRONYM.finditer(text),
    ):
        match = _ACRONYM.match(text, candidate.start())
        if match is not None:
            found.append(match)
    out = []
    for match in sorted(found, key=lambda m: m.start()):
        if match.start() < last:  # "U.S.A." seen again from "S.A."
            continue
        last = match.end()
        letters = match.group().replace(".", "")
        out.append(
            (
                match.start(),
                match.end(),
                letters if letters.lower() in ENGLISH_STOP_WORDS else letters.lower(),
            )
        )
    return out


def fold(text: str) -> str:
    """``text`` lowercased, with acronyms as one word each (:func:`acronyms`): "F.B.I." and "FBI" both read
    "fbi", "U.S." and "US" both read "US", and the pronoun "us" stays "us"."""
    found = acronyms(text)
    if not found:
        return text.lower()
    pieces, last = [], 0
    for start, end, word in found:
        pieces += [text[last:start].lower(), word]
        last = end
    return "".join(pieces) + text[last:].lower()


def preprocess(text: str) -> str:
    """The text as the vectorizer sees it: :func:`fold` (lowercase, acronyms as one word), possessive 's
    dropped (Trump's -> trump)."""
    return _POSSESSIVE.sub("", fold(text))


def make_vectorizer(
    *, stop_words="english", ngram_range=(1, 2), min_df=2, **params
) -> CountVectorizer:
    """The project's CountVectorizer; any scikit-learn parameter can be overridden by name."""
    params = {
        "token_pattern": TOKEN_PATTERN,
        "preprocessor": preprocess,
        "lowercase": False,
        "dtype": np.int32,
        **params,
    }
    return CountVectorizer(
        stop_words=stop_words, ngram_range=tuple(ngram_range), min_df=min_df, **params
    )
